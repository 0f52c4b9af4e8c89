//! Step 4 of the flow (view): the editors' to-do list (`madoguchi report`), from the
//! model and the schedule at an instant: what is not known (the very list the about page
//! shows), what is written but not confirmed, what is past its review age, text left
//! untranslated, sources not read for a year, and the special dates of the next 60
//! days. Said as text in the editors' language, or as JSON for other tools (its shape
//! is documented in README.md and only grows: a new section is a new key).
//!
//! Feedback ("something is wrong" reports, issue 16) is not stored yet; once it is, the
//! pages with reports since their last check become one more section and key here.

use jiff::civil::Date;
use jiff::{Span, ZonedDateTime};
use serde::Serialize;

mod text;

use super::pages::{self, Page};
use super::unknowns;
use super::urls;
use crate::model::inline::plain;
use crate::model::{Checks, HolidayPolicy, Lang, Site, Subject, Weekday};
use crate::schedule::{self, events, holidays};

/// The version of the JSON's shape: raised only if a key changes meaning or goes.
pub const FORMAT: u32 = 1;
/// How far ahead special dates and reviews coming due are looked for.
pub const DAYS_AHEAD: i32 = 60;

/// The editors' to-do list of one content directory at one instant.
#[derive(Debug, Serialize)]
pub struct Report {
    pub format: u32,
    /// The content directory, as given.
    pub content: String,
    /// Today in the site's time zone.
    pub today: String,
    /// The language of the words: `ja` or `en`.
    pub language: &'static str,
    pub not_known: Vec<NotKnown>,
    pub unconfirmed: Vec<Unconfirmed>,
    /// `stale_after_days`, which `stale` and `review_soon` count from.
    pub stale_after_days: u32,
    pub stale: Vec<Review>,
    /// What will be past its review age within `DAYS_AHEAD` days.
    pub review_soon: Vec<Review>,
    pub untranslated: Vec<Untranslated>,
    pub sources_not_read: Vec<SourceDue>,
    /// The last day of the window `special_dates` covers (from `today`).
    pub special_dates_until: String,
    pub special_dates: Vec<SpecialDate>,
    /// Pages readers said "something is wrong" about since the page was last checked;
    /// `None` when no reports are stored (no database in the data directory).
    pub wrong_reports: Option<Vec<WrongReports>>,
}

/// A page with "something is wrong" reports since its facts were last checked.
#[derive(Debug, Serialize)]
pub struct WrongReports {
    /// Its path in the default language, as the reports name it.
    pub page: String,
    pub name: String,
    /// The day its facts were last checked (a service page's), from which the reports
    /// are counted; `None` for a page without a check of its own: every report kept.
    pub since: Option<String>,
    pub count: usize,
}

/// An item of the content: its kind, where it is written, its id and its name.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub kind: &'static str,
    pub file: &'static str,
    pub id: String,
    pub name: String,
}

impl Item {
    fn new(kind: &'static str, file: &'static str, id: &str, name: &str) -> Item {
        Item {
            kind,
            file,
            id: id.to_string(),
            name: plain(name),
        }
    }
}

/// One fact the content marks as not known, as the about page lists it.
#[derive(Debug, Serialize)]
pub struct NotKnown {
    pub about: Item,
    pub what: String,
    /// The page the about page links it to (in the report's language edition).
    pub page: Option<String>,
}

/// Something written down but not confirmed.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Unconfirmed {
    /// An event whose months are a best guess (`confirmed = false`): its rules as the
    /// site computes them meanwhile.
    EventMonths { about: Item, rules: Vec<Rule> },
    /// A closure whose dates are written but not confirmed (`confirmed = false`).
    Closure {
        about: Item,
        name: String,
        from: String,
        to: String,
    },
    /// A service or event whose facts no office has confirmed
    /// (no `confirmed_with_office_on`).
    NotConfirmedWithOffice {
        about: Item,
        checked_against_sources_on: String,
    },
}

/// An event rule: the `nth` `weekday` of every `every_months`-th month from `start_month`.
#[derive(Debug, Serialize)]
pub struct Rule {
    pub nth: u8,
    pub weekday: &'static str,
    pub every_months: u8,
    pub start_month: Option<String>,
}

/// A service or event whose newest check is, or is about to be, older than the site's
/// `stale_after_days`.
#[derive(Debug, Serialize)]
pub struct Review {
    pub about: Item,
    /// The field that holds the newest check.
    pub field: &'static str,
    pub checked_on: String,
    pub days_ago: i32,
    /// The first day its page says its facts may be out of date.
    pub stale_from: String,
}

/// The text one language lacks.
#[derive(Debug, Serialize)]
pub struct Untranslated {
    /// The `translations.<id>` key.
    pub language: String,
    pub texts: Vec<Located>,
}

/// A text key without its translation, where `check` points.
#[derive(Debug, Clone, Serialize)]
pub struct Located {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub key: String,
}

/// A source not read for a year, or with no date of reading.
#[derive(Debug, Serialize)]
pub struct SourceDue {
    pub about: Item,
    pub read_on: Option<String>,
    pub url: Option<String>,
    pub document: Option<String>,
}

/// A day (or days) in the next `DAYS_AHEAD` that is not like the others.
#[derive(Debug, Serialize)]
pub struct SpecialDate {
    pub date: String,
    #[serde(flatten)]
    pub what: Special,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Special {
    /// A national holiday, and the lines it closes that would otherwise be open.
    Holiday { name: String, closes: Vec<Item> },
    /// A yearly closure of a line's hours or of an event, from `date` to `until`
    /// (within the window), and the lines that keep the hours.
    Closure {
        until: String,
        name: String,
        about: Item,
        lines: Vec<Item>,
        confirmed: bool,
    },
    /// A one-off day of a line's hours: closed, or other times.
    Exception {
        about: Item,
        lines: Vec<Item>,
        closed: bool,
        opens: Option<String>,
        closes: Option<String>,
        note: Option<String>,
    },
    /// An event whose rules fall on a holiday or in one of its closures, and what its
    /// `on_holiday` says happens then.
    EventOnHoliday {
        about: Item,
        /// The holiday's name, or the closure's.
        on: String,
        on_holiday: &'static str,
        /// Whether the event's months are confirmed.
        confirmed: bool,
    },
}

impl Report {
    /// The report of `site` (the edition in the report's language) at `now`, with the
    /// text each translation lacks as `check` found it.
    pub fn new(
        site: &Site,
        content: &str,
        now: &ZonedDateTime,
        lang: Lang,
        untranslated: Vec<Untranslated>,
        wrong: Option<&[(String, jiff::Timestamp)]>,
    ) -> Report {
        let today = now.date();
        let until = today
            .checked_add(Span::new().days(DAYS_AHEAD - 1))
            .unwrap_or(today);
        let (stale, review_soon) = reviews(site, today, until);
        Report {
            format: FORMAT,
            content: content.to_string(),
            today: today.to_string(),
            language: lang.code(),
            not_known: not_known(site),
            unconfirmed: unconfirmed(site),
            stale_after_days: site.stale_after_days,
            stale,
            review_soon,
            untranslated,
            sources_not_read: sources_not_read(site, today),
            special_dates_until: until.to_string(),
            special_dates: special_dates(site, today, until),
            wrong_reports: wrong.map(|w| wrong_reports(site, w)),
        }
    }

    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// `wrong`: every stored "something is wrong" report, as its page and the time it
/// arrived. A service page counts those from the start of its last check's day (in the
/// site's time zone); any other page has no check of its own, so every report counts.
fn wrong_reports(site: &Site, wrong: &[(String, jiff::Timestamp)]) -> Vec<WrongReports> {
    pages::page_list(site)
        .into_iter()
        .filter_map(|(_, page)| {
            let path = pages::page_path(site, page);
            let since = match page {
                Page::Service(s) => Some(site.page_checked(s)),
                _ => None,
            };
            let from = since.and_then(|d| d.to_zoned_datetime(site.time_zone.clone()).ok());
            let count = wrong
                .iter()
                .filter(|(p, at)| *p == path && from.as_ref().is_none_or(|f| *at >= f.timestamp()))
                .count();
            (count > 0).then(|| WrongReports {
                name: plain(&pages::page_title(site, page)),
                page: path,
                since: since.map(|d| d.to_string()),
                count,
            })
        })
        .collect()
}

fn item(site: &Site, subject: Subject) -> Item {
    match subject {
        Subject::Service(s) => service_item(site, s),
        Subject::Event(e) => event_item(site, e),
        Subject::Contact(c) => {
            let contact = &site.contacts[c];
            Item::new("contact", "contacts.toml", &contact.id, &contact.name)
        }
    }
}

fn service_item(site: &Site, s: usize) -> Item {
    let service = &site.services[s];
    Item::new("service", "services.toml", &service.id, &service.name)
}

fn event_item(site: &Site, e: usize) -> Item {
    let event = &site.events[e];
    Item::new("event", "events.toml", &event.id, &event.name)
}

fn hours_item(site: &Site, h: usize) -> Item {
    let hours = &site.hours[h];
    Item::new("hours", "hours.toml", &hours.id, &hours.name)
}

/// The contacts that keep the hours `h`.
fn lines_of(site: &Site, h: usize) -> Vec<Item> {
    (0..site.contacts.len())
        .filter(|&c| site.contacts[c].hours == Some(h))
        .map(|c| item(site, Subject::Contact(c)))
        .collect()
}

/// Every unknown, as the about page lists it: the same list, the same words.
fn not_known(site: &Site) -> Vec<NotKnown> {
    let u = urls::of(site);
    site.unknowns()
        .iter()
        .map(|unknown| NotKnown {
            about: item(site, unknown.about),
            what: plain(&unknowns::what(site, unknown)),
            page: site
                .home_service(unknown.about)
                .map(|s| u.service(&site.services[s].id)),
        })
        .collect()
}

fn unconfirmed(site: &Site) -> Vec<Unconfirmed> {
    let mut out = Vec::new();
    for (e, event) in site.events.iter().enumerate() {
        if !event.confirmed {
            out.push(Unconfirmed::EventMonths {
                about: event_item(site, e),
                rules: event
                    .rules
                    .iter()
                    .map(|r| Rule {
                        nth: r.nth,
                        weekday: weekday_code(r.weekday),
                        every_months: r.every_months,
                        start_month: r.start_month.map(|m| m.strftime("%Y-%m").to_string()),
                    })
                    .collect(),
            });
        }
    }
    let closures =
        site.hours
            .iter()
            .enumerate()
            .flat_map(|(h, hours)| hours.closures.iter().map(move |c| (hours_item(site, h), c)))
            .chain(site.events.iter().enumerate().flat_map(|(e, event)| {
                event.closures.iter().map(move |c| (event_item(site, e), c))
            }));
    for (about, closure) in closures {
        if let (Some((from, to)), false) = (closure.dates, closure.confirmed) {
            out.push(Unconfirmed::Closure {
                about,
                name: plain(&closure.name),
                from: format!("{:02}-{:02}", from.month, from.day),
                to: format!("{:02}-{:02}", to.month, to.day),
            });
        }
    }
    for (about, checks) in checked(site) {
        if checks.with_office.is_none() {
            out.push(Unconfirmed::NotConfirmedWithOffice {
                about,
                checked_against_sources_on: checks.against_sources.to_string(),
            });
        }
    }
    out
}

/// Every service, then every event, with the dates its facts were checked.
fn checked(site: &Site) -> impl Iterator<Item = (Item, Checks)> + '_ {
    let services =
        (0..site.services.len()).map(|s| (service_item(site, s), site.services[s].checks));
    let events = (0..site.events.len()).map(|e| (event_item(site, e), site.events[e].checks));
    services.chain(events)
}

/// What is past its review age today, and what will be by `until`.
fn reviews(site: &Site, today: Date, until: Date) -> (Vec<Review>, Vec<Review>) {
    let (mut stale, mut soon) = (Vec::new(), Vec::new());
    for (about, checks) in checked(site) {
        let newest = checks.newest();
        let Some(from) = schedule::stale_from(site, newest).map(|z| z.date()) else {
            continue;
        };
        let review = Review {
            about,
            field: match checks.with_office {
                Some(office) if office >= checks.against_sources => "confirmed_with_office_on",
                _ => "checked_against_sources_on",
            },
            checked_on: newest.to_string(),
            days_ago: (today - newest).get_days(),
            stale_from: from.to_string(),
        };
        if from <= today {
            stale.push(review);
        } else if from <= until {
            soon.push(review);
        }
    }
    (stale, soon)
}

/// Sources whose `read_on` is more than a year before today, or missing.
fn sources_not_read(site: &Site, today: Date) -> Vec<SourceDue> {
    let year_ago = today.checked_sub(Span::new().years(1)).unwrap_or(today);
    site.sources
        .iter()
        .filter(|s| s.read_on.is_none_or(|d| d < year_ago))
        .map(|s| SourceDue {
            about: Item {
                kind: "source",
                file: "sources.toml",
                id: s.id.clone(),
                name: plain(&s.title),
            },
            read_on: s.read_on.map(|d| d.to_string()),
            url: s.url.clone(),
            document: s.document.as_deref().map(plain),
        })
        .collect()
}

/// The holidays, closures, one-off days and events on holidays from `today` to `until`,
/// in date order.
fn special_dates(site: &Site, today: Date, until: Date) -> Vec<SpecialDate> {
    let days: Vec<Date> = std::iter::successors(Some(today), |d| d.tomorrow().ok())
        .take_while(|d| *d <= until)
        .collect();
    let mut out: Vec<(Date, usize, SpecialDate)> = Vec::new();
    let mut push = |date: Date, what: Special| {
        let order = out.len();
        out.push((
            date,
            order,
            SpecialDate {
                date: date.to_string(),
                what,
            },
        ));
    };
    for &date in &days {
        if let Some(h) = holidays::holiday(date) {
            let closes = (0..site.contacts.len())
                .filter(|&c| {
                    site.contacts[c].hours.is_some_and(|h| {
                        let hours = &site.hours[h];
                        hours.closed_on_national_holidays
                            && hours.rules.iter().any(|r| r.applies_on(date))
                    })
                })
                .map(|c| item(site, Subject::Contact(c)))
                .collect();
            push(
                date,
                Special::Holiday {
                    name: h.name().to_string(),
                    closes,
                },
            );
        }
    }
    // Each run of days a closure covers, within the window.
    let closures = site
        .hours
        .iter()
        .enumerate()
        .flat_map(|(h, hours)| {
            hours
                .closures
                .iter()
                .map(move |c| (hours_item(site, h), lines_of(site, h), c))
        })
        .chain(site.events.iter().enumerate().flat_map(|(e, event)| {
            event
                .closures
                .iter()
                .map(move |c| (event_item(site, e), Vec::new(), c))
        }));
    for (about, lines, closure) in closures {
        let mut run: Option<(Date, Date)> = None;
        for &date in days.iter().chain(std::iter::once(&Date::MAX)) {
            match (closure.contains(date) && date != Date::MAX, run) {
                (true, Some((from, _))) => run = Some((from, date)),
                (true, None) => run = Some((date, date)),
                (false, Some((from, to))) => {
                    push(
                        from,
                        Special::Closure {
                            until: to.to_string(),
                            name: plain(&closure.name),
                            about: about.clone(),
                            lines: lines.clone(),
                            confirmed: closure.confirmed,
                        },
                    );
                    run = None;
                }
                (false, None) => {}
            }
        }
    }
    for (h, hours) in site.hours.iter().enumerate() {
        for ex in hours.exceptions.iter().filter(|x| days.contains(&x.date)) {
            push(
                ex.date,
                Special::Exception {
                    about: hours_item(site, h),
                    lines: lines_of(site, h),
                    closed: ex.open.is_none(),
                    opens: ex.open.map(|(o, _)| o.strftime("%H:%M").to_string()),
                    closes: ex.open.map(|(_, c)| c.strftime("%H:%M").to_string()),
                    note: ex.note.as_deref().map(plain),
                },
            );
        }
    }
    let after = until.tomorrow().unwrap_or(until);
    for (e, event) in site.events.iter().enumerate() {
        for date in events::rule_dates(event, today, after) {
            let on = holidays::holiday(date)
                .map(|h| h.name().to_string())
                .or_else(|| {
                    event
                        .closures
                        .iter()
                        .find(|c| c.contains(date))
                        .map(|c| plain(&c.name))
                });
            if let Some(on) = on {
                push(
                    date,
                    Special::EventOnHoliday {
                        about: event_item(site, e),
                        on,
                        on_holiday: policy_code(event.on_holiday),
                        confirmed: event.confirmed,
                    },
                );
            }
        }
    }
    out.sort_by_key(|(date, order, _)| (*date, *order));
    out.into_iter().map(|(_, _, s)| s).collect()
}

fn weekday_code(w: Weekday) -> &'static str {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][w.index()]
}

fn policy_code(p: HolidayPolicy) -> &'static str {
    match p {
        HolidayPolicy::Held => "held",
        HolidayPolicy::Skipped => "skipped",
        HolidayPolicy::Moved => "moved",
        HolidayPolicy::Unconfirmed => "unconfirmed",
    }
}
