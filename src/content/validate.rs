//! Step 1 of the flow (content), its last part: raw content in, the model out.
//!
//! Turns raw content into the model, checking everything an editor can get wrong that
//! TOML itself cannot see: duplicate ids, references to ids that do not exist, times that
//! are not times or close before they open, malformed phone numbers, URLs that are not
//! absolute, dates of checks in the future. Each problem points at the value at fault.
//! Checks older than the site's `stale_after_days` are warned about (they still load).

use std::collections::HashMap;
use std::ops::Range;

use jiff::civil::{Date, Time};
use toml::Spanned;
use toml::value::Datetime;

use super::message::Message;
use super::problem::{FileId, Report};
use super::raw;
use super::{Broken, RawContent};
use crate::model::{self, Blocks, Idx, Known, MonthDay, Phone, Weekday};

/// Ids of one kind of item, for resolving references.
struct Ids<'b> {
    kind: &'static str,
    map: HashMap<String, Idx>,
    /// Ids of this kind that failed to parse; already reported.
    broken: &'b Broken,
}

impl<'b> Ids<'b> {
    /// Registers every id, reporting duplicates and ids that cannot be part of a URL.
    fn collect<'a>(
        kind: &'static str,
        items: impl Iterator<Item = (FileId, &'a raw::Text)>,
        broken: &'b Broken,
        report: &mut Report,
    ) -> Ids<'b> {
        let mut map = HashMap::new();
        for (i, (file, id)) in items.enumerate() {
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
                known: match known.is_empty() {
                    true => "none".to_string(),
                    false => known.join(", "),
                },
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
pub const DEFAULT_STALE_AFTER_DAYS: u32 = 180;

/// Builds the site in one language: `edition` is the id of a translation, `None` for
/// the default language (the content has already been localised by `translate`).
pub fn validate(
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

    let org_ids = Ids::collect(
        "organization",
        organizations.iter().map(|(f, o)| (*f, &o.id)),
        &broken,
        report,
    );
    let place_ids = Ids::collect(
        "place",
        places.iter().map(|(f, p)| (*f, &p.id)),
        &broken,
        report,
    );
    let contact_ids = Ids::collect(
        "contact",
        contacts.iter().map(|(f, c)| (*f, &c.id)),
        &broken,
        report,
    );
    let hours_ids = Ids::collect(
        "hours",
        hours.iter().map(|(f, h)| (*f, &h.id)),
        &broken,
        report,
    );
    let audience_ids = Ids::collect(
        "audience",
        audiences.iter().map(|(f, a)| (*f, &a.id)),
        &broken,
        report,
    );
    let channel_ids = Ids::collect(
        "channel",
        channels.iter().map(|(f, c)| (*f, &c.id)),
        &broken,
        report,
    );
    let service_ids = Ids::collect(
        "service",
        services.iter().map(|(f, s)| (*f, &s.id)),
        &broken,
        report,
    );
    let event_ids = Ids::collect(
        "event",
        events.iter().map(|(f, e)| (*f, &e.id)),
        &broken,
        report,
    );
    let source_ids = Ids::collect(
        "source",
        sources.iter().map(|(f, s)| (*f, &s.id)),
        &broken,
        report,
    );

    // The site's time zone decides what "today" is for the dates of checks; without a valid one
    // the machine's UTC date is the fallback, and the bad zone is reported.
    let site_tz = site
        .as_ref()
        .and_then(|(_, s)| jiff::tz::TimeZone::get(s.time_zone.get_ref()).ok());
    let today = now
        .to_zoned_datetime(site_tz.clone().unwrap_or(jiff::tz::TimeZone::UTC))
        .date();
    let stale_after_days = match site
        .as_ref()
        .and_then(|(f, s)| Some((*f, s.stale_after_days.as_ref()?)))
    {
        Some((f, days)) => match u32::try_from(*days.get_ref()) {
            Ok(d @ 1..=3650) => d,
            _ => {
                let message = Message::StaleAfterDays {
                    days: *days.get_ref(),
                };
                report.error(f, days.span(), message);
                DEFAULT_STALE_AFTER_DAYS
            }
        },
        None => DEFAULT_STALE_AFTER_DAYS,
    };
    let mut c = Checker {
        report,
        today,
        stale_after_days,
    };

    let organizations: Vec<model::Organization> = organizations
        .into_iter()
        .map(|(f, o)| model::Organization {
            id: o.id.into_inner(),
            name: c.non_empty(f, o.name),
            description: o.description,
            url: o.url.map(|u| c.url(f, u)),
            area: o.area,
        })
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
        .map(|(f, a)| model::Audience {
            id: a.id.into_inner(),
            name: c.non_empty(f, a.name),
            title: c.non_empty(f, a.title),
            summary: a.summary,
            body: Blocks::parse(&a.body),
        })
        .collect();

    let channels: Vec<model::Channel> = channels
        .into_iter()
        .map(|(f, ch)| model::Channel {
            service: service_ids.resolve(f, &ch.service, c.report).unwrap_or(0),
            id: ch.id.into_inner(),
            name: c.non_empty(f, ch.name),
            summary: ch.summary,
        })
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
    let default_lang = c.non_empty(site_file, site.language);
    let mut languages = vec![model::Language {
        id: String::new(),
        hreflang: default_lang.clone(),
        lang: default_lang,
        label: c.non_empty(site_file, site.language_label),
        locale: c.non_empty(site_file, site.locale),
        prefix: String::new(),
    }];
    for l in site.languages {
        if let Some(l) = c.language(site_file, l, &languages) {
            languages.push(l);
        }
    }
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
    let official = model::Official {
        url: c.url(site_file, site.official.url),
        name: c.non_empty(site_file, site.official.name),
        note: c.non_empty(site_file, site.official.note),
    };

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

    /// A language the content is translated into; its id becomes a path prefix, so it
    /// must be a slug no page path starts with, and its `hreflang` must tell it apart.
    fn language(
        &mut self,
        file: FileId,
        l: raw::Language,
        known: &[model::Language],
    ) -> Option<model::Language> {
        let id = l.id.get_ref().clone();
        if !is_slug(&id) {
            let kind = "language";
            self.err(file, l.id.span(), Message::IdNotSlug { kind, id });
            return None;
        }
        if model::RESERVED_PATHS.contains(&id.as_str()) {
            let reserved = model::RESERVED_PATHS.join(", ");
            self.err(
                file,
                l.id.span(),
                Message::LanguageIdReserved { id, reserved },
            );
            return None;
        }
        if known.iter().any(|k| k.id == id) {
            let kind = "language";
            self.err(file, l.id.span(), Message::DuplicateId { kind, id });
            return None;
        }
        let lang = self.non_empty(file, l.lang);
        let hreflang = match l.hreflang {
            Some(h) => h,
            None => Spanned::new(l.id.span(), lang.clone()),
        };
        if known.iter().any(|k| &k.hreflang == hreflang.get_ref()) {
            let message = Message::HreflangTaken {
                hreflang: hreflang.get_ref().clone(),
                suggestion: format!("{lang}-x-{id}"),
            };
            self.err(file, hreflang.span(), message);
        }
        Some(model::Language {
            prefix: format!("/{id}"),
            id,
            lang,
            hreflang: hreflang.into_inner(),
            label: self.non_empty(file, l.label),
            locale: self.non_empty(file, l.locale),
        })
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

    fn source(&mut self, file: FileId, s: raw::Source) -> model::Source {
        if s.url.is_none() && s.document.is_none() {
            self.err(file, s.id.span(), Message::SourceWithoutUrlOrDocument);
        }
        model::Source {
            url: s.url.map(|u| self.url(file, u)),
            title: self.non_empty(file, s.title),
            id: s.id.into_inner(),
            document: s.document,
            read_on: s
                .read_on
                .as_ref()
                .map(|d| self.past_date(file, d, "read_on")),
        }
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

    fn places(&mut self, places: Vec<(FileId, raw::Place)>, ids: &Ids) -> Vec<model::Place> {
        let parents: Vec<Option<Idx>> = places
            .iter()
            .map(|(f, p)| {
                p.part_of
                    .as_ref()
                    .and_then(|id| ids.resolve(*f, id, self.report))
            })
            .collect();
        // A place inherits from its parent only; a parent that is itself part of another
        // would make editors chase a chain, so it is refused.
        for ((f, p), parent) in places.iter().zip(&parents) {
            if let (Some(part_of), Some(parent)) = (&p.part_of, parent)
                && places[*parent].1.part_of.is_some()
            {
                let message = Message::NestedPlace {
                    place: part_of.get_ref().clone(),
                };
                self.err(*f, part_of.span(), message);
            }
        }
        let mut out: Vec<model::Place> = Vec::with_capacity(places.len());
        for ((f, p), parent_idx) in places.iter().zip(&parents) {
            let f = *f;
            let parent = parent_idx.map(|i| &places[i].1);
            let inherit = |own: &Option<raw::Text>, pick: fn(&raw::Place) -> &Option<raw::Text>| {
                own.clone().or_else(|| parent.and_then(|q| pick(q).clone()))
            };
            let address = inherit(&p.address, |q| &q.address);
            // A place whose parent is unknown is already reported.
            if address.is_none() && p.part_of.is_none() {
                let message = Message::PlaceWithoutAddress {
                    place: p.id.get_ref().clone(),
                };
                self.err(f, p.id.span(), message);
            }
            let walk = p
                .walk_minutes
                .clone()
                .or_else(|| parent.and_then(|q| q.walk_minutes.clone()));
            let walk_minutes = walk.and_then(|w| {
                let v = *w.get_ref();
                if (0..=180).contains(&v) {
                    Some(v as u32)
                } else {
                    self.err(f, w.span(), Message::WalkMinutes { minutes: v });
                    None
                }
            });
            let map_url = inherit(&p.map_url, |q| &q.map_url).map(|u| self.url(f, u));
            let phone = inherit(&p.phone, |q| &q.phone).map(|t| self.phone(f, &t));
            out.push(model::Place {
                id: p.id.get_ref().clone(),
                name: self.non_empty(f, p.name.clone()),
                part_of: *parent_idx,
                postal_code: inherit(&p.postal_code, |q| &q.postal_code).map(Spanned::into_inner),
                address: address.map(Spanned::into_inner).unwrap_or_default(),
                building: p
                    .building
                    .clone()
                    .or_else(|| parent.and_then(|q| q.building.clone())),
                floor: p.floor.clone(),
                counter: p.counter.clone(),
                station: p
                    .station
                    .clone()
                    .or_else(|| parent.and_then(|q| q.station.clone())),
                walk_minutes,
                map_url,
                phone,
                street: p
                    .street
                    .clone()
                    .or_else(|| parent.and_then(|q| q.street.clone())),
                city: p
                    .city
                    .clone()
                    .or_else(|| parent.and_then(|q| q.city.clone())),
                region: p
                    .region
                    .clone()
                    .or_else(|| parent.and_then(|q| q.region.clone())),
                // An inherited code is checked where it is written, so reported once.
                country: match &p.country {
                    Some(c) => Some(self.country(f, c.clone())),
                    None => parent.and_then(|q| q.country.as_ref().map(|c| c.get_ref().clone())),
                },
            });
        }
        out
    }

    fn hours(&mut self, f: FileId, h: raw::Hours) -> model::Hours {
        let mut rules: Vec<model::HoursRule> = Vec::new();
        for r in &h.rule {
            let Some(rule) = self.hours_rule(f, r) else {
                continue;
            };
            // Two weekday rules that overlap would be two answers to "when does it open";
            // a day-of-month rule is the way to say "longer hours on that day", so it may.
            if rules.iter().any(|p| weekly_overlap(p, &rule)) {
                self.err(f, r.opens.span(), Message::OverlappingHours);
            }
            rules.push(rule);
        }
        if h.rule.is_empty() {
            let message = Message::HoursWithoutRule {
                hours: h.id.get_ref().clone(),
            };
            self.err(f, h.id.span(), message);
        }
        let closures = self.closures(f, h.closure);
        let exceptions = h
            .exception
            .into_iter()
            .filter_map(|ex| {
                let date = self.date(f, &ex.date)?;
                let open = match (ex.closed, &ex.opens, &ex.closes) {
                    (true, None, None) => None,
                    (false, Some(o), Some(c)) => Some(self.time_range(f, o, c)?),
                    _ => {
                        self.err(f, ex.date.span(), Message::ExceptionShape);
                        return None;
                    }
                };
                Some(model::Exception {
                    date,
                    open,
                    note: ex.note,
                })
            })
            .collect();
        model::Hours {
            id: h.id.into_inner(),
            name: self.non_empty(f, h.name),
            closed_on_national_holidays: h.closed_on_national_holidays,
            rules,
            closures,
            exceptions,
        }
    }

    /// One rule of a line's hours: on weekdays or on a day of the month, from `opens` to
    /// `closes`, which may be `24:00` or, with `overnight = true`, on the next day.
    fn hours_rule(&mut self, f: FileId, r: &raw::HoursRule) -> Option<model::HoursRule> {
        let days = match (&r.days, &r.day_of_month) {
            (Some(days), None) => {
                if days.get_ref().is_empty() {
                    self.err(f, days.span(), Message::NoWeekdays);
                }
                Some(
                    days.get_ref()
                        .iter()
                        .filter_map(|d| self.weekday(f, d))
                        .collect::<Vec<_>>(),
                )
            }
            (None, Some(_)) => Some(Vec::new()),
            (Some(_), Some(dom)) => {
                self.err(f, dom.span(), Message::DaysAndDayOfMonth);
                None
            }
            (None, None) => {
                self.err(f, r.opens.span(), Message::NoDays);
                None
            }
        };
        let day_of_month = match &r.day_of_month {
            Some(dom) => {
                let day = *dom.get_ref();
                if !(1..=31).contains(&day) {
                    self.err(f, dom.span(), Message::DayOfMonthRange { day });
                    return None;
                }
                Some(day as i8)
            }
            None => None,
        };
        let overnight = r.overnight.as_ref().is_some_and(|o| *o.get_ref());
        let opens = self.time(f, &r.opens);
        let (closes, midnight) = if r.closes.get_ref() == "24:00" {
            (Some(Time::midnight()), true)
        } else {
            (self.time(f, &r.closes), false)
        };
        let (opens, closes) = (opens?, closes?);
        let (from, to) = (r.opens.get_ref(), r.closes.get_ref());
        if midnight && overnight {
            self.err(f, r.closes.span(), Message::MidnightOvernight);
            return None;
        }
        if overnight && closes > opens {
            let message = Message::OvernightTooLong {
                opens: from.clone(),
                closes: to.clone(),
            };
            self.err(f, r.closes.span(), message);
            return None;
        }
        if !overnight && !midnight && closes <= opens {
            let message = Message::HoursClosesBeforeOpens {
                opens: from.clone(),
                closes: to.clone(),
            };
            self.err(f, r.closes.span(), message);
            return None;
        }
        Some(model::HoursRule {
            days: days?,
            day_of_month,
            opens,
            closes,
            next_day: overnight || midnight,
        })
    }

    fn closures(&mut self, f: FileId, closures: Vec<raw::Closure>) -> Vec<model::Closure> {
        closures
            .into_iter()
            .map(|cl| {
                let dates = match (&cl.from, &cl.to) {
                    (Some(from), Some(to)) => {
                        let a = self.month_day(f, from);
                        let b = self.month_day(f, to);
                        a.zip(b)
                    }
                    (None, None) => None,
                    (Some(one), None) | (None, Some(one)) => {
                        self.err(f, one.span(), Message::ClosureHalfDates);
                        None
                    }
                };
                model::Closure {
                    name: self.non_empty(f, cl.name),
                    dates,
                    confirmed: cl.confirmed,
                }
            })
            .collect()
    }

    fn month_day(&mut self, f: FileId, t: &raw::Text) -> Option<MonthDay> {
        let parsed = MonthDay::parse(t.get_ref());
        if parsed.is_none() {
            let message = Message::BadMonthDay {
                value: t.get_ref().clone(),
            };
            self.err(f, t.span(), message);
        }
        parsed
    }

    /// The items of an `unknown` list that may be unknown (`allowed`, as the message
    /// names them); others are reported.
    fn unknown_list<'u>(
        &mut self,
        f: FileId,
        list: &'u [raw::Text],
        allowed: &[&str],
        allowed_text: &'static str,
    ) -> Vec<&'u str> {
        let mut unknown = Vec::new();
        for u in list {
            let item = u.get_ref().as_str();
            if allowed.contains(&item) {
                unknown.push(item);
            } else {
                let message = Message::NotKnowable {
                    item: item.to_string(),
                    allowed: allowed_text,
                };
                self.err(f, u.span(), message);
            }
        }
        unknown
    }

    fn given_and_unknown(&mut self, f: FileId, what: &'static str, value: &raw::Text) {
        self.err(f, value.span(), Message::GivenAndUnknown { what });
    }

    fn contact(
        &mut self,
        f: FileId,
        k: raw::Contact,
        hours: &Ids,
        sources: &Ids,
    ) -> model::Contact {
        let phone = self.phone(f, &k.phone);
        let unknown = self.unknown_list(
            f,
            &k.unknown,
            &["fax", "email", "hours"],
            "`fax`, `email` and `hours`",
        );
        let kind = match k.kind.as_ref().map(|t| (t, t.get_ref().as_str())) {
            None | Some((_, "service")) => model::ContactKind::Service,
            Some((_, "urgent")) => model::ContactKind::Urgent,
            Some((_, "emergency")) => model::ContactKind::Emergency,
            Some((t, other)) => {
                let message = Message::UnknownKind {
                    kind: other.to_string(),
                };
                self.err(f, t.span(), message);
                model::ContactKind::Service
            }
        };
        match (&k.hours, unknown.contains(&"hours")) {
            (Some(h), true) => self.given_and_unknown(f, "hours", h),
            (None, false) => {
                let message = Message::ContactWithoutHours {
                    contact: k.id.get_ref().clone(),
                };
                self.err(f, k.id.span(), message)
            }
            _ => {}
        }
        // An urgent line's hours change; the reader must be able to see where they come from.
        let sources = if kind == model::ContactKind::Urgent {
            self.source_refs(f, &k.sources, &k.id, sources)
        } else {
            sources.resolve_all(f, &k.sources, self.report)
        };
        let fax = match &k.fax {
            Some(fax) => {
                if unknown.contains(&"fax") {
                    self.given_and_unknown(f, "fax", fax);
                }
                Known::Yes(self.phone(f, fax))
            }
            None if unknown.contains(&"fax") => Known::Unknown,
            None => Known::NotApplicable,
        };
        let email = match &k.email {
            Some(email) => {
                if !is_email(email.get_ref()) {
                    let message = Message::BadEmail {
                        email: email.get_ref().clone(),
                    };
                    self.err(f, email.span(), message);
                }
                if unknown.contains(&"email") {
                    self.given_and_unknown(f, "email", email);
                }
                Known::Yes(email.get_ref().clone())
            }
            None if unknown.contains(&"email") => Known::Unknown,
            None => Known::NotApplicable,
        };
        model::Contact {
            hours: k
                .hours
                .as_ref()
                .and_then(|h| hours.resolve(f, h, self.report)),
            id: k.id.into_inner(),
            name: self.non_empty(f, k.name),
            kind,
            phone,
            fax,
            email,
            call_cost: k.call_cost,
            note: k.note,
            operator: k.operator,
            sources,
        }
    }

    fn service(&mut self, f: FileId, s: raw::Service, r: &Refs<'_>) -> model::Service {
        let cost = self.cost(f, &s.cost);
        let anonymity = match s.anonymity.get_ref().as_str() {
            "anonymous" => model::Anonymity::Anonymous,
            "nickname" => model::Anonymity::Nickname,
            "name_required" => model::Anonymity::NameRequired,
            "unknown" => model::Anonymity::Unknown,
            other => {
                let anonymity = other.to_string();
                self.err(
                    f,
                    s.anonymity.span(),
                    Message::UnknownAnonymity { anonymity },
                );
                model::Anonymity::Unknown
            }
        };
        if s.audiences.is_empty() {
            let message = Message::NoAudiences {
                service: s.id.get_ref().clone(),
            };
            self.err(f, s.id.span(), message);
        }
        let sources = self.source_refs(f, &s.sources, &s.id, r.sources);
        let unknown = self.unknown_list(f, &s.unknown, &["organization"], "`organization`");
        let organization = match &s.organization {
            Some(o) => {
                if unknown.contains(&"organization") {
                    self.given_and_unknown(f, "organization", o);
                }
                Known::Yes(r.orgs.resolve(f, o, self.report).unwrap_or(0))
            }
            None if unknown.contains(&"organization") => Known::Unknown,
            None => Known::NotApplicable,
        };
        model::Service {
            organization,
            hours: s
                .hours
                .as_ref()
                .and_then(|h| r.hours.resolve(f, h, self.report)),
            audiences: r.audiences.resolve_all(f, &s.audiences, self.report),
            channels: r.channels.resolve_all(f, &s.channels, self.report),
            place: s
                .place
                .as_ref()
                .and_then(|p| r.places.resolve(f, p, self.report)),
            contact: r.contacts.resolve(f, &s.contact, self.report).unwrap_or(0),
            related: r.services.resolve_all(f, &s.related, self.report),
            checks: self.checks(
                f,
                &s.checked_against_sources_on,
                s.confirmed_with_office_on.as_ref(),
            ),
            id: s.id.into_inner(),
            name: self.non_empty(f, s.name),
            also_known_as: s.also_known_as,
            summary: self.non_empty(f, s.summary),
            body: Blocks::parse(&s.body),
            cost,
            cost_note: s.cost_note,
            anonymity,
            anonymity_note: s.anonymity_note,
            contact_note: s.contact_note,
            sources,
            unknown: s
                .unknown_fact
                .into_iter()
                .map(|u| self.non_empty(f, u.text))
                .collect(),
        }
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

    /// An ISO 3166-1 alpha-2 code, as open data formats expect.
    fn country(&mut self, f: FileId, code: raw::Text) -> String {
        let c = code.get_ref();
        if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
            let country = c.clone();
            self.err(f, code.span(), Message::BadCountry { country });
        }
        code.into_inner()
    }

    fn event(&mut self, f: FileId, e: raw::Event, r: &Refs<'_>) -> model::Event {
        let (starts, ends) = match (&e.starts, &e.ends) {
            (Some(s), Some(t)) => match self.time_range(f, s, t) {
                Some((s, t)) => (Some(s), Some(t)),
                None => (None, None),
            },
            (None, None) => (None, None),
            (Some(one), None) | (None, Some(one)) => {
                self.err(f, one.span(), Message::EventHalfTimes);
                (None, None)
            }
        };
        let on_holiday = match e.on_holiday.get_ref().as_str() {
            "held" => model::HolidayPolicy::Held,
            "skipped" => model::HolidayPolicy::Skipped,
            "moved" => model::HolidayPolicy::Moved,
            "unconfirmed" => model::HolidayPolicy::Unconfirmed,
            other => {
                let policy = other.to_string();
                self.err(
                    f,
                    e.on_holiday.span(),
                    Message::UnknownHolidayPolicy { policy },
                );
                model::HolidayPolicy::Unconfirmed
            }
        };
        if e.rule.is_empty() {
            let message = Message::EventWithoutRule {
                event: e.id.get_ref().clone(),
            };
            self.err(f, e.id.span(), message);
        }
        let rules = e
            .rule
            .iter()
            .filter_map(|rule| self.event_rule(f, rule))
            .collect();
        let sources = self.source_refs(f, &e.sources, &e.id, r.sources);
        model::Event {
            service: r.services.resolve(f, &e.service, self.report).unwrap_or(0),
            place: e
                .place
                .as_ref()
                .and_then(|p| r.places.resolve(f, p, self.report)),
            checks: self.checks(
                f,
                &e.checked_against_sources_on,
                e.confirmed_with_office_on.as_ref(),
            ),
            id: e.id.into_inner(),
            name: self.non_empty(f, e.name),
            starts,
            ends,
            rules,
            confirmed: e.confirmed,
            on_holiday,
            closures: self.closures(f, e.closure),
            note: e.note,
            sources,
            organizer: e
                .organizer
                .as_ref()
                .and_then(|o| r.orgs.resolve(f, o, self.report)),
            cost: e
                .cost
                .as_ref()
                .map_or(model::Cost::Unknown, |c| self.cost(f, c)),
        }
    }

    fn event_rule(&mut self, f: FileId, rule: &raw::EventRule) -> Option<model::EventRule> {
        let nth = *rule.nth.get_ref();
        if !(1..=5).contains(&nth) {
            self.err(f, rule.nth.span(), Message::BadNth { nth });
        }
        let weekday = self.weekday(f, &rule.weekday);
        let every = rule.every_months.as_ref().map_or(1, |e| *e.get_ref());
        if !(1..=12).contains(&every) {
            let span = rule
                .every_months
                .as_ref()
                .map_or(rule.nth.span(), Spanned::span);
            self.err(f, span, Message::BadEveryMonths { every });
        }
        let start_month = match &rule.start_month {
            Some(m) => {
                let parsed = parse_month(m.get_ref());
                if parsed.is_none() {
                    let value = m.get_ref().clone();
                    self.err(f, m.span(), Message::BadMonth { value });
                }
                parsed
            }
            None if every > 1 => {
                self.err(f, rule.nth.span(), Message::NoStartMonth);
                None
            }
            None => None,
        };
        Some(model::EventRule {
            nth: nth.clamp(1, 5) as u8,
            weekday: weekday?,
            every_months: every.clamp(1, 12) as u8,
            start_month,
        })
    }

    fn pages(&mut self, f: FileId, p: raw::Pages, r: &Refs<'_>) -> model::Pages {
        let anchors = |c: &mut Self, ids: Vec<&raw::Text>, kind: &'static str| {
            let mut seen = std::collections::HashSet::new();
            for id in ids {
                if !is_slug(id.get_ref()) {
                    let message = Message::AnchorNotSlug {
                        kind,
                        id: id.get_ref().clone(),
                    };
                    c.err(f, id.span(), message);
                }
                if !seen.insert(id.get_ref().clone()) {
                    let message = Message::DuplicateId {
                        kind,
                        id: id.get_ref().clone(),
                    };
                    c.err(f, id.span(), message);
                }
            }
        };
        anchors(
            self,
            p.faq.question.iter().map(|q| &q.id).collect(),
            "question",
        );
        anchors(
            self,
            p.about.section.iter().map(|s| &s.id).collect(),
            "section",
        );
        model::Pages {
            home: model::HomePage {
                title: p.home.title,
                lead: p.home.lead,
                points: p.home.points,
            },
            access: model::AccessPage {
                title: p.access.title,
                nav_name: p.access.nav_name,
                lead: p.access.lead,
                places: r.places.resolve_all(f, &p.access.places, self.report),
                body: Blocks::parse(&p.access.body),
            },
            faq: model::FaqPage {
                title: p.faq.title,
                nav_name: p.faq.nav_name,
                lead: p.faq.lead,
                questions: p
                    .faq
                    .question
                    .into_iter()
                    .map(|q| model::Question {
                        services: r.services.resolve_all(f, &q.services, self.report),
                        id: q.id.into_inner(),
                        question: q.question,
                        answer: Blocks::parse(&q.answer),
                    })
                    .collect(),
            },
            about: model::AboutPage {
                title: p.about.title,
                nav_name: p.about.nav_name,
                lead: p.about.lead,
                sections: p
                    .about
                    .section
                    .into_iter()
                    .map(|s| model::Section {
                        id: s.id.into_inner(),
                        heading: s.heading,
                        body: Blocks::parse(&s.body),
                    })
                    .collect(),
            },
            accessibility: model::AccessibilityPage {
                tested_on: self.past_date(f, &p.accessibility.tested_on, "tested_on"),
                title: p.accessibility.title,
                nav_name: p.accessibility.nav_name,
                lead: p.accessibility.lead,
                target: p.accessibility.target,
                method: Blocks::parse(&p.accessibility.method),
                tools: p.accessibility.tools,
                checks: p
                    .accessibility
                    .check
                    .into_iter()
                    .map(|c| model::Check {
                        name: c.name,
                        result: c.result,
                    })
                    .collect(),
                known_issues: Blocks::parse(&p.accessibility.known_issues),
                report: Blocks::parse(&p.accessibility.report),
            },
            urgent: p.urgent.map(|u| model::UrgentPage {
                title: u.title,
                nav_name: u.nav_name,
                lead: u.lead,
                busy: u.busy,
                hours_note: u.hours_note,
                emergency_heading: u.emergency_heading,
                lines_heading: u.lines_heading,
            }),
        }
    }

    fn labels(&mut self, l: model::Labels) -> Option<model::Labels> {
        if l.weekdays.len() != 7 || l.weekdays_short.len() != 7 {
            // labels.toml has no spans (it is all plain strings); point at its start.
            let file = self
                .report
                .files
                .iter()
                .position(|s| s.path.ends_with("labels.toml"))?;
            let message = Message::WeekdayNames {
                weekdays: l.weekdays.len(),
                short: l.weekdays_short.len(),
            };
            self.err(file, 0..0, message);
            return None;
        }
        Some(l)
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

fn is_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(|c| c.is_whitespace() || c == ',')
                && !domain.contains('@')
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

/// Whether two weekday rules are open at the same minute of some week, counting hours
/// that run past midnight into the next day (and past Sunday into Monday).
fn weekly_overlap(a: &model::HoursRule, b: &model::HoursRule) -> bool {
    let b = b.week_spans();
    a.week_spans()
        .iter()
        .any(|&(s, e)| b.iter().any(|&(t, u)| s < u && t < e))
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

/// `YYYY-MM` as the first day of that month.
fn parse_month(s: &str) -> Option<Date> {
    let (y, m) = s.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, 1).ok()
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

    #[test]
    fn emails() {
        assert!(is_email("soudan@example.jp"));
        for bad in ["soudan", "@example.jp", "a@b", "a@@b.jp", "a b@c.jp"] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
