//! Step 1 of the flow (content), its last part: raw content in, the model out.
//!
//! Turns raw content into the model, checking everything an editor can get wrong that
//! TOML itself cannot see: duplicate ids, references to ids that do not exist, times that
//! are not times or close before they open, malformed phone numbers, URLs that are not
//! absolute, dates of checks in the future. Each problem points at the value at fault.
//! Checks older than the site's `stale_after_days` are warned about (they still load).
//!
//! This file holds the entry point, the ids that references resolve against, the checks
//! across files and the checks every kind shares (text, URLs, phones, times, dates,
//! sources, costs, `unknown` lists); each kind of content has its own file beside it.

mod contacts;
mod events;
mod hours;
mod labels;
mod pages;
mod places;
mod services;
mod site;
mod sources;

use std::collections::HashMap;
use std::ops::Range;

use jiff::civil::{Date, Time};
use toml::Spanned;
use toml::value::Datetime;

use super::message::{IdList, Message, Names};
use super::problem::{FileId, Report};
use super::raw;
use super::{Broken, RawContent};
use crate::model::{self, Idx, Phone, Weekday};

/// Ids of one kind of item, for resolving references.
struct Ids<'b> {
    kind: &'static str,
    map: HashMap<String, Idx>,
    /// Ids of this kind that failed to parse; already reported.
    broken: &'b Broken,
}

impl<'b> Ids<'b> {
    /// Registers every id, reporting duplicates and ids that cannot be part of a URL.
    fn collect<T>(
        kind: &'static str,
        items: &[(FileId, T)],
        id_of: impl Fn(&T) -> &raw::Text,
        broken: &'b Broken,
        report: &mut Report,
    ) -> Ids<'b> {
        let mut map = HashMap::new();
        for (i, (file, item)) in items.iter().enumerate() {
            let (file, id) = (*file, id_of(item));
            if !is_slug(id.get_ref()) {
                let message = Message::IdNotSlug {
                    kind,
                    id: id.get_ref().clone(),
                };
                report.error(file, id.span(), message);
            }
            if map.insert(id.get_ref().clone(), i).is_some() {
                let message = Message::DuplicateId {
                    kind,
                    id: id.get_ref().clone(),
                };
                report.error(file, id.span(), message);
            }
        }
        Ids { kind, map, broken }
    }

    fn resolve(&self, file: FileId, id: &raw::Text, report: &mut Report) -> Option<Idx> {
        let found = self.map.get(id.get_ref()).copied();
        if found.is_none() && !self.broken.covers(self.kind, id.get_ref()) {
            let mut known: Vec<&str> = self.map.keys().map(String::as_str).collect();
            known.sort_unstable();
            let message = Message::UnknownReference {
                kind: self.kind,
                id: id.get_ref().clone(),
                known: IdList(known.into_iter().map(str::to_string).collect()),
            };
            report.error(file, id.span(), message);
        }
        found
    }

    fn resolve_all(&self, file: FileId, ids: &[raw::Text], report: &mut Report) -> Vec<Idx> {
        ids.iter()
            .filter_map(|id| self.resolve(file, id, report))
            .collect()
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

struct Checker<'r> {
    report: &'r mut Report,
    today: Date,
    stale_after_days: u32,
}

/// How old a check may be before its page says so, when `site.toml` does not say.
pub(super) const DEFAULT_STALE_AFTER_DAYS: u32 = 180;

/// Builds the site in one language: `edition` is the id of a translation, `None` for
/// the default language (the content has already been localised by `translate`).
pub(super) fn validate(
    raw: RawContent,
    now: jiff::Timestamp,
    edition: Option<&str>,
    report: &mut Report,
) -> Option<model::Site> {
    let RawContent {
        site,
        labels,
        organizations,
        places,
        contacts,
        hours,
        audiences,
        channels,
        services,
        events,
        sources,
        pages,
        broken,
    } = raw;

    let org_ids = Ids::collect("organization", &organizations, |o| &o.id, &broken, report);
    let place_ids = Ids::collect("place", &places, |p| &p.id, &broken, report);
    let contact_ids = Ids::collect("contact", &contacts, |c| &c.id, &broken, report);
    let hours_ids = Ids::collect("hours", &hours, |h| &h.id, &broken, report);
    let audience_ids = Ids::collect("audience", &audiences, |a| &a.id, &broken, report);
    let channel_ids = Ids::collect("channel", &channels, |c| &c.id, &broken, report);
    let service_ids = Ids::collect("service", &services, |s| &s.id, &broken, report);
    let event_ids = Ids::collect("event", &events, |e| &e.id, &broken, report);
    let source_ids = Ids::collect("source", &sources, |s| &s.id, &broken, report);

    // The site's time zone decides what "today" is for the dates of checks; without a valid one
    // the machine's UTC date is the fallback, and the bad zone is reported.
    let site_tz = site
        .as_ref()
        .and_then(|(_, s)| jiff::tz::TimeZone::get(s.time_zone.get_ref()).ok());
    let today = now
        .to_zoned_datetime(site_tz.clone().unwrap_or(jiff::tz::TimeZone::UTC))
        .date();
    let stale_after_days = site::stale_after_days(site.as_ref(), report);
    let feedback = site::feedback(site.as_ref(), report);
    let mut c = Checker {
        report,
        today,
        stale_after_days,
    };

    let organizations: Vec<model::Organization> = organizations
        .into_iter()
        .map(|(f, o)| c.organization(f, o))
        .collect();

    let places = c.places(places, &place_ids);

    let hours_list: Vec<model::Hours> = hours.into_iter().map(|(f, h)| c.hours(f, h)).collect();

    let contact_kinds: Vec<(FileId, raw::Text)> = contacts
        .iter()
        .filter_map(|(f, k)| Some((*f, k.kind.clone()?)))
        .collect();
    let contacts: Vec<model::Contact> = contacts
        .into_iter()
        .map(|(f, k)| c.contact(f, k, &hours_ids, &source_ids))
        .collect();

    let audiences: Vec<model::Audience> = audiences
        .into_iter()
        .map(|(f, a)| c.audience(f, a))
        .collect();

    let channels: Vec<model::Channel> = channels
        .into_iter()
        .map(|(f, ch)| c.channel(f, ch, &service_ids))
        .collect();

    let sources: Vec<model::Source> = sources.into_iter().map(|(f, s)| c.source(f, s)).collect();

    let refs = Refs {
        sources: &source_ids,
        orgs: &org_ids,
        hours: &hours_ids,
        places: &place_ids,
        contacts: &contact_ids,
        audiences: &audience_ids,
        channels: &channel_ids,
        services: &service_ids,
    };
    let services: Vec<model::Service> = services
        .into_iter()
        .map(|(f, s)| c.service(f, s, &refs))
        .collect();
    let events: Vec<model::Event> = events
        .into_iter()
        .map(|(f, e)| c.event(f, e, &refs))
        .collect();

    let pages = pages.map(|(f, p)| c.pages(f, p, &refs));
    // Urgent lines are listed on the urgent help page, so its words must be there.
    if let Some(p) = &pages
        && p.urgent.is_none()
        && let Some((f, kind)) = contact_kinds
            .iter()
            .find(|(_, k)| matches!(k.get_ref().as_str(), "urgent" | "emergency"))
    {
        let message = Message::UrgentWithoutPage {
            kind: kind.get_ref().clone(),
        };
        c.err(*f, kind.span(), message);
    }
    let labels = labels.and_then(|l| c.labels(l));

    let (site_file, site) = site?;
    let base_url = c
        .url(site_file, site.base_url)
        .trim_end_matches('/')
        .to_string();
    let time_zone_name = site.time_zone.get_ref().clone();
    if site_tz.is_none() {
        let message = Message::UnknownTimeZone {
            name: time_zone_name.clone(),
        };
        c.report.error(site_file, site.time_zone.span(), message);
    }
    let primary_contact = contact_ids.resolve(site_file, &site.primary_contact, c.report);
    let featured_event = site
        .featured_event
        .as_ref()
        .and_then(|e| event_ids.resolve(site_file, e, c.report));
    let languages = c.languages(
        site_file,
        site.language,
        site.language_label,
        site.locale,
        site.languages,
    );
    let language = match edition {
        None => languages[0].clone(),
        Some(id) => languages.iter().find(|l| l.id == id)?.clone(),
    };
    let image = site.image.map(|i| {
        (
            i.into_inner(),
            site.image_alt.map(|a| a.into_inner()).unwrap_or_default(),
        )
    });
    let name = c.non_empty(site_file, site.name);
    let short_name = c.non_empty(site_file, site.short_name);
    let description = c.non_empty(site_file, site.description);
    let operator = c.non_empty(site_file, site.operator);
    let official = c.official(site_file, site.official);

    Some(model::Site {
        name,
        short_name,
        description,
        base_url,
        language,
        languages,
        image,
        time_zone: site_tz?,
        time_zone_name,
        operator,
        official,
        primary_contact: primary_contact?,
        featured_event,
        stale_after_days,
        feedback,
        labels: labels?,
        organizations,
        places,
        contacts,
        hours: hours_list,
        audiences,
        channels,
        services,
        events,
        sources,
        pages: pages?,
    })
}

struct Refs<'a> {
    sources: &'a Ids<'a>,
    orgs: &'a Ids<'a>,
    hours: &'a Ids<'a>,
    places: &'a Ids<'a>,
    contacts: &'a Ids<'a>,
    audiences: &'a Ids<'a>,
    channels: &'a Ids<'a>,
    services: &'a Ids<'a>,
}

impl Checker<'_> {
    fn err(&mut self, file: FileId, span: Range<usize>, message: Message) {
        self.report.error(file, span, message);
    }

    fn non_empty(&mut self, file: FileId, text: raw::Text) -> String {
        if text.get_ref().trim().is_empty() {
            self.err(file, text.span(), Message::Empty);
        }
        text.into_inner()
    }

    /// An absolute `http` or `https` URL.
    fn url(&mut self, file: FileId, url: raw::Text) -> String {
        if !is_absolute_url(url.get_ref()) {
            let message = Message::NotAbsoluteUrl {
                url: url.get_ref().clone(),
            };
            self.err(file, url.span(), message);
        }
        url.into_inner()
    }

    fn phone(&mut self, file: FileId, phone: &raw::Text) -> Phone {
        let display = phone.get_ref().trim().to_string();
        let parsed = parse_phone(&display);
        if parsed.is_none() {
            let message = Message::BadPhone {
                phone: display.clone(),
            };
            self.err(file, phone.span(), message);
        }
        Phone {
            digits: parsed.unwrap_or_default(),
            display,
        }
    }

    fn time(&mut self, file: FileId, t: &raw::Text) -> Option<Time> {
        let parsed = parse_time(t.get_ref());
        if parsed.is_none() {
            let message = Message::BadTime {
                time: t.get_ref().clone(),
            };
            self.err(file, t.span(), message);
        }
        parsed
    }

    /// Two times where the second must come after the first.
    fn time_range(
        &mut self,
        file: FileId,
        opens: &raw::Text,
        closes: &raw::Text,
    ) -> Option<(Time, Time)> {
        let (o, c) = (self.time(file, opens), self.time(file, closes));
        let (o, c) = (o?, c?);
        if c <= o {
            let message = Message::ClosesBeforeOpens {
                opens: opens.get_ref().clone(),
                closes: closes.get_ref().clone(),
            };
            self.err(file, closes.span(), message);
            return None;
        }
        Some((o, c))
    }

    fn weekday(&mut self, file: FileId, w: &raw::Text) -> Option<Weekday> {
        let parsed = Weekday::parse(w.get_ref());
        if parsed.is_none() {
            let message = Message::UnknownWeekday {
                weekday: w.get_ref().clone(),
            };
            self.err(file, w.span(), message);
        }
        parsed
    }

    fn date(&mut self, file: FileId, d: &Spanned<Datetime>) -> Option<Date> {
        let dt = d.get_ref();
        let date = match (dt.date, dt.time, dt.offset) {
            (Some(date), None, None) => {
                Date::new(date.year as i16, date.month as i8, date.day as i8).ok()
            }
            _ => None,
        };
        if date.is_none() {
            let value = dt.to_string();
            self.err(file, d.span(), Message::BadDate { value });
        }
        date
    }

    /// A date that has happened: `field` names it in the message.
    fn past_date(&mut self, file: FileId, d: &Spanned<Datetime>, field: &'static str) -> Date {
        let Some(date) = self.date(file, d) else {
            return self.today;
        };
        if date > self.today {
            let message = Message::FutureDate {
                field,
                date: date.to_string(),
                today: self.today.to_string(),
            };
            self.err(file, d.span(), message);
        }
        date
    }

    /// When a service's or an event's facts were checked, in the two ways. The newer
    /// date is how old the facts are: past the site's `stale_after_days`, the page says
    /// so, and this warns at that date.
    fn checks(
        &mut self,
        file: FileId,
        against_sources: &Spanned<Datetime>,
        with_office: Option<&Spanned<Datetime>>,
    ) -> model::Checks {
        let sources_field = "checked_against_sources_on";
        let office_field = "confirmed_with_office_on";
        let checks = model::Checks {
            against_sources: self.past_date(file, against_sources, sources_field),
            with_office: with_office.map(|d| self.past_date(file, d, office_field)),
        };
        let newest = checks.newest();
        let (field, at) = match with_office {
            Some(d) if checks.with_office == Some(newest) => (office_field, d.span()),
            _ => (sources_field, against_sources.span()),
        };
        let age = (self.today - newest).get_days();
        if age > self.stale_after_days as i32 {
            let message = Message::Stale {
                field,
                date: newest.to_string(),
                age,
                days: self.stale_after_days,
            };
            self.report.warn(file, at, message);
        }
        checks
    }

    /// The sources a service or event names: at least one, each one known.
    fn source_refs(
        &mut self,
        file: FileId,
        refs: &[raw::Text],
        owner: &raw::Text,
        ids: &Ids,
    ) -> Vec<Idx> {
        if refs.is_empty() {
            let message = Message::NoSources {
                owner: owner.get_ref().clone(),
            };
            self.err(file, owner.span(), message);
        }
        ids.resolve_all(file, refs, self.report)
    }

    /// The items of an `unknown` list that may be unknown (`allowed`, as the message
    /// names them); others are reported.
    fn unknown_list<'u>(
        &mut self,
        f: FileId,
        list: &'u [raw::Text],
        allowed: &'static [&'static str],
    ) -> Vec<&'u str> {
        let mut unknown = Vec::new();
        for u in list {
            let item = u.get_ref().as_str();
            if allowed.contains(&item) {
                unknown.push(item);
            } else {
                let message = Message::NotKnowable {
                    item: item.to_string(),
                    allowed: Names(allowed),
                };
                self.err(f, u.span(), message);
            }
        }
        unknown
    }

    fn given_and_unknown(&mut self, f: FileId, what: &'static str, value: &raw::Text) {
        self.err(f, value.span(), Message::GivenAndUnknown { what });
    }

    fn cost(&mut self, f: FileId, cost: &raw::Text) -> model::Cost {
        match cost.get_ref().as_str() {
            "free" => model::Cost::Free,
            "paid" => model::Cost::Paid,
            "unknown" => model::Cost::Unknown,
            other => {
                let cost_name = other.to_string();
                self.err(f, cost.span(), Message::UnknownCost { cost: cost_name });
                model::Cost::Unknown
            }
        }
    }
}

fn is_absolute_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty() && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// Digits in groups separated by single hyphens, optionally after `+`; 7 to 15 digits in
/// all (`03-5722-9363`, `0120-783-556`, `0570-087478`), or an emergency number of three
/// digits (`119`, `110`). Returns the digits to dial (with the `+` if any).
fn parse_phone(s: &str) -> Option<String> {
    if s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()) {
        return Some(s.to_string());
    }
    let body = s.strip_prefix('+').unwrap_or(s);
    if body.is_empty()
        || body
            .split('-')
            .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    if !(7..=15).contains(&digits.len()) {
        return None;
    }
    Some(if s.starts_with('+') {
        format!("+{digits}")
    } else {
        digits
    })
}

/// `HH:MM`, 00:00 to 23:59.
fn parse_time(s: &str) -> Option<Time> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let h: i8 = h.parse().ok()?;
    let m: i8 = m.parse().ok()?;
    Time::new(h, m, 0, 0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        assert_eq!(parse_phone("03-5722-9363").as_deref(), Some("0357229363"));
        assert_eq!(parse_phone("0120-529-528").as_deref(), Some("0120529528"));
        assert_eq!(
            parse_phone("+81-3-5722-9363").as_deref(),
            Some("+81357229363")
        );
        assert_eq!(parse_phone("0570-087478").as_deref(), Some("0570087478"));
        assert_eq!(parse_phone("119").as_deref(), Some("119"));
        assert_eq!(parse_phone("110").as_deref(), Some("110"));
        for bad in [
            "03-5722-936X",
            "03--5722-9363",
            "12345",
            "11",
            "0123",
            "1-10",
            "+110",
            "",
            "-03-5722",
            "03 5722 9363",
        ] {
            assert_eq!(parse_phone(bad), None, "{bad}");
        }
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("08:30"), Some(Time::constant(8, 30, 0, 0)));
        for bad in ["25:00", "8:30", "24:00", "12:60", "noon"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn urls() {
        assert!(is_absolute_url("https://ja.wikipedia.org/wiki/目黒区役所"));
        assert!(is_absolute_url("http://127.0.0.1:3000"));
        for bad in [
            "/about/",
            "www.example.jp",
            "https://",
            "ftp://x.jp",
            "https://a b",
        ] {
            assert!(!is_absolute_url(bad), "{bad}");
        }
    }
}
