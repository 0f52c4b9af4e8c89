//! Step 4 of the flow (view): the contact block, from the model and the schedule's
//! open/closed states: the same block, in the same place, on every page (WCAG 3.2.6
//! consistent help). A phone number as a `tel:` link with the number as its text, whether
//! the line is open this minute and until when (or when it next opens), the hours as a
//! table, fax and e-mail where known (and "not known" where they are unknown), and what a
//! call costs. While the line is closed, the block also lists the urgent lines open at this
//! minute, so a reader is never left with nowhere to turn.

use jiff::ZonedDateTime;

use crate::model::{Contact, ContactKind, Known, Labels, Site};
use crate::schedule::hours::{self, Closed, Status};

use super::format;
use super::urls;

pub struct ContactView<'a> {
    pub heading: &'a str,
    /// Why this contact is shown when it is not the service's own line.
    pub note: Option<&'a str>,
    pub name: &'a str,
    pub phone: &'a str,
    pub tel: String,
    pub status: Option<StatusView<'a>>,
    pub hours: Option<HoursView>,
    pub fax: Option<KnownView>,
    pub email: Option<KnownView>,
    pub call_cost: Option<&'a str>,
    pub contact_note: Option<&'a str>,
    /// Who runs the line, where known.
    pub operator: Option<&'a str>,
    /// While the line is closed (or its hours are not known): the urgent lines open now.
    pub open_urgent: Option<OpenUrgentView<'a>>,
}

/// The urgent lines open at this minute, as a list: name, number, until when.
pub struct OpenUrgentView<'a> {
    pub heading: &'a str,
    pub lines: Vec<OpenLineView<'a>>,
    /// Said instead of the list when no line is open.
    pub none: Option<&'a str>,
    /// The urgent help page, with every line and its hours.
    pub page: Option<(String, &'a str)>,
}

pub struct OpenLineView<'a> {
    pub name: &'a str,
    pub phone: &'a str,
    pub tel: String,
    /// "5時30分まで", or "24時間" for a line that does not close.
    pub until: UntilView<'a>,
}

/// "{time}まで" with the time marked up, or a text without a time ("24時間").
pub struct UntilView<'a> {
    pub before: &'a str,
    pub when: Option<WhenView>,
    pub after: &'a str,
    pub text: Option<&'a str>,
}

/// "受付中。17時まで" or "受付時間外（祝日の名前）。次は11月24日(火) 8時30分から". The
/// words carry the state; the colour only repeats it.
pub struct StatusView<'a> {
    pub open: bool,
    pub state: &'a str,
    pub reason: Option<String>,
    pub separator: &'a str,
    /// The sentence around the time: `before` + `<time>` + `after`.
    pub before: &'a str,
    pub when: Option<WhenView>,
    pub after: &'a str,
    /// Said instead of a time when there is none.
    pub fallback: Option<&'a str>,
}

pub struct WhenView {
    pub text: String,
    pub iso: String,
}

pub enum KnownView {
    Text(String),
    /// e-mail shown as a `mailto:` link.
    Link {
        href: String,
        text: String,
    },
    Unknown,
}

pub struct HoursView {
    pub caption: String,
    pub rows: Vec<HoursRow>,
    /// The words around the days and the times where the language says each rule as a
    /// sentence (labels' `hours_sentence`); a table when `None`.
    pub sentence: Option<Around>,
    /// The words around the two `<time>`s of a row: "〜" between, or "から " between and
    /// "まで" after.
    pub range: Around,
    /// Days the rules do not cover (national holidays, yearly closures), a sentence each:
    /// "祝日・休日は休みです。年末年始（…）は休みです。".
    pub closed: Option<String>,
}

/// The words of a pattern around its two placeholders (`format::around_two`).
pub struct Around {
    pub before: String,
    pub between: String,
    pub after: String,
}

impl Around {
    fn of(pattern: &str, first: &str, second: &str) -> Self {
        let [before, between, after] = format::around_two(pattern, first, second);
        Around {
            before: before.to_string(),
            between: between.to_string(),
            after: after.to_string(),
        }
    }
}

pub struct HoursRow {
    pub days: String,
    pub opens: String,
    pub closes: String,
    pub opens_iso: String,
    pub closes_iso: String,
    /// "24時間", said instead of the times for hours from 00:00 to 24:00.
    pub all_day: Option<String>,
}

impl<'a> ContactView<'a> {
    pub fn new(
        site: &'a Site,
        contact: &'a Contact,
        note: Option<&'a str>,
        now: &ZonedDateTime,
    ) -> Self {
        let l = &site.labels;
        let fax = match &contact.fax {
            Known::Yes(p) => Some(KnownView::Text(p.display.clone())),
            Known::Unknown => Some(KnownView::Unknown),
            Known::NotApplicable => None,
        };
        let email = match &contact.email {
            Known::Yes(e) => Some(KnownView::Link {
                href: format!("mailto:{e}"),
                text: e.clone(),
            }),
            Known::Unknown => Some(KnownView::Unknown),
            Known::NotApplicable => None,
        };
        let status = contact.hours.map(|h| hours::status(&site.hours[h], now));
        let open_urgent = match &status {
            Some(st) if st.is_open() => None,
            _ => open_urgent(site, now, Some(&contact.id)),
        };
        ContactView {
            heading: &l.contact_heading,
            note,
            name: &contact.name,
            phone: &contact.phone.display,
            tel: urls::tel(&contact.phone.digits),
            status: status.as_ref().map(|st| status_view(l, st, now)),
            hours: contact.hours.map(|h| hours_view(site, l, h)),
            fax,
            email,
            call_cost: contact.call_cost.as_deref(),
            contact_note: contact.note.as_deref(),
            operator: contact.operator.as_deref(),
            open_urgent,
        }
    }
}

/// The urgent lines open at `now` (all but the line `except`), or `None` when the site
/// has no urgent lines. A line whose hours are not known is never listed.
pub fn open_urgent<'a>(
    site: &'a Site,
    now: &ZonedDateTime,
    except: Option<&str>,
) -> Option<OpenUrgentView<'a>> {
    let l = &site.labels;
    let mut any = false;
    let mut lines = Vec::new();
    for (_, c) in site.contacts_of(ContactKind::Urgent) {
        any = true;
        if Some(c.id.as_str()) == except {
            continue;
        }
        let Some(h) = c.hours else { continue };
        if let Status::Open { closes_at } = hours::status(&site.hours[h], now) {
            lines.push(OpenLineView {
                name: &c.name,
                phone: &c.phone.display,
                tel: urls::tel(&c.phone.digits),
                until: until_view(l, closes_at.as_ref(), now),
            });
        }
    }
    if !any {
        return None;
    }
    Some(OpenUrgentView {
        heading: &l.open_urgent_heading,
        none: lines.is_empty().then_some(l.no_urgent_open.as_str()),
        lines,
        page: site
            .pages
            .urgent
            .as_ref()
            .map(|p| (urls::of(site).page(urls::URGENT), p.title.as_str())),
    })
}

/// Until when a line is open: "{time}まで", or "24時間" when it does not close.
fn until_view<'a>(
    l: &'a Labels,
    closes_at: Option<&ZonedDateTime>,
    now: &ZonedDateTime,
) -> UntilView<'a> {
    match closes_at {
        Some(at) => {
            let (before, after) = format::around(&l.open_until, "{time}");
            UntilView {
                before,
                when: Some(WhenView {
                    text: format::closing(l, at, now),
                    iso: format::rfc3339(at),
                }),
                after,
                text: None,
            }
        }
        None => UntilView {
            before: "",
            when: None,
            after: "",
            text: Some(&l.all_day),
        },
    }
}

pub fn status_view<'a>(l: &'a Labels, status: &Status, now: &ZonedDateTime) -> StatusView<'a> {
    match status {
        Status::Open { closes_at } => {
            let until = until_view(l, closes_at.as_ref(), now);
            StatusView {
                open: true,
                state: &l.open_now,
                reason: None,
                separator: &l.status_separator,
                before: until.before,
                when: until.when,
                after: until.after,
                fallback: until.text,
            }
        }
        Status::Closed { reason, next_open } => {
            let (before, after) = format::around(&l.next_open, "{when}");
            let when = next_open.as_ref().map(|t| WhenView {
                // The date is left out when it opens later today.
                text: if t.date() == now.date() {
                    format::time(l, t.time())
                } else {
                    format!(
                        "{} {}",
                        format::date_weekday(l, t.date(), now.year()),
                        format::time(l, t.time())
                    )
                },
                iso: format::rfc3339(t),
            });
            StatusView {
                open: false,
                state: &l.closed_now,
                reason: reason.as_ref().map(|r| match r {
                    Closed::Holiday(name) => format::aside(l, "", name),
                    Closed::Closure(name) => format::aside(l, "", name),
                    Closed::Exception(Some(note)) => format::aside(l, "", note),
                    Closed::Exception(None) => String::new(),
                }),
                separator: &l.status_separator,
                fallback: when.is_none().then_some(l.no_next_open.as_str()),
                before: if when.is_some() { before } else { "" },
                after: if when.is_some() { after } else { "" },
                when,
            }
        }
    }
}

pub fn hours_view(site: &Site, l: &Labels, idx: usize) -> HoursView {
    let hours = &site.hours[idx];
    let rows = hours
        .rules
        .iter()
        .map(|r| HoursRow {
            days: format::rule_days(l, r),
            opens: format::time(l, r.opens),
            closes: format::rule_closes(l, r),
            opens_iso: format::iso_time(r.opens),
            closes_iso: format::iso_time(r.closes),
            all_day: r.is_all_day().then(|| l.all_day.clone()),
        })
        .collect();
    HoursView {
        caption: format::aside(l, &l.hours, &hours.name),
        rows,
        sentence: l
            .hours_sentence
            .as_deref()
            .map(|p| Around::of(p, "{days}", "{times}")),
        range: Around::of(&l.time_range, "{from}", "{to}"),
        closed: format::closed_sentences(l, hours),
    }
}
