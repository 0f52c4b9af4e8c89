//! Step 4 of the flow (view): schema.org JSON-LD for service pages, from the model and the
//! schedule's dates: the service (who provides it, where it is served, its own hours where
//! the content gives them, the phone line with the line's hours, the place), and each of
//! its events as an `Event` with its recurrence (`eventSchedule`) and next date. Search
//! engines and assistants read these `<script type="application/ld+json">` data blocks;
//! browsers never run them, so the page's `default-src 'none'` policy is untouched.
//!
//! Only facts the content gives are written; unknown ones are left out. A service whose
//! provider no source names is a plain `Service` with no `provider` (a
//! `GovernmentService` would name a government as its provider). The phone line's hours
//! are its `ContactPoint`'s, not the service's. A next date that is not confirmed gets no
//! `startDate` and no `eventStatus`: the event gives only its recurrence, and says in its
//! description that the dates are to be checked.

use std::fmt;

use jiff::ZonedDateTime;
use serde_json::{Map, Value, json};

use crate::model::{Event, Hours, Idx, Place, Site, Weekday};

use super::{dates, format, urls};

/// A JSON-LD document, serialised so that it can stand inside `<script>` as it is: `<`,
/// `>` and `&` are written as `\u003c`, `\u003e`, `\u0026` (the same string to a JSON
/// parser), so no text from the content can end the element or open a comment. That is
/// what makes it safe to leave unescaped in the template. Strings are plain text (ruby
/// keeps its base, fallback marks go).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonLd(String);

impl JsonLd {
    pub fn new(value: &Value) -> Self {
        let mut value = value.clone();
        plain_strings(&mut value);
        // Serializing a `Value` cannot fail.
        let text = serde_json::to_string(&value).unwrap_or_default();
        JsonLd(
            text.replace('<', "\\u003c")
                .replace('>', "\\u003e")
                .replace('&', "\\u0026"),
        )
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn plain_strings(value: &mut Value) {
    match value {
        Value::String(s) => *s = crate::model::inline::plain(s),
        Value::Array(items) => items.iter_mut().for_each(plain_strings),
        Value::Object(map) => map.values_mut().for_each(plain_strings),
        _ => {}
    }
}

impl fmt::Display for JsonLd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

// The constructor above makes the text safe inside `<script>`; HTML escaping would
// instead corrupt it (a script element's text is not unescaped by the browser).
impl askama::filters::HtmlSafe for JsonLd {}

const CONTEXT: &str = "https://schema.org";

/// The data blocks of the service page of `idx` at `now`: the service, then its events.
pub fn service(site: &Site, idx: Idx, now: &ZonedDateTime) -> Vec<JsonLd> {
    let s = &site.services[idx];
    let url = urls::absolute(site, &urls::of(site).service(&s.id));
    let contact = &site.contacts[s.contact];
    let provider = s.organization.as_yes().copied();

    // The phone line, with the line's own hours.
    let mut phone = Map::new();
    phone.insert("@type".into(), "ContactPoint".into());
    phone.insert("name".into(), contact.name.clone().into());
    phone.insert("telephone".into(), contact.phone.display.clone().into());
    if let Some(h) = contact.hours {
        phone.insert("hoursAvailable".into(), hours(&site.hours[h]));
    }
    let mut channels = vec![json!({
        "@type": "ServiceChannel",
        "name": contact.name,
        "servicePhone": phone,
    })];
    // The place, a channel of its own: the line's hours are not the place's.
    if let Some(p) = s.place {
        let place = &site.places[p];
        channels.push(json!({
            "@type": "ServiceChannel",
            "name": super::parts::PlaceView::new(site, place).label,
            "serviceLocation": self::place(place),
        }));
    }

    let mut service = Map::new();
    service.insert("@context".into(), CONTEXT.into());
    service.insert(
        "@type".into(),
        if provider.is_some() {
            "GovernmentService"
        } else {
            "Service"
        }
        .into(),
    );
    service.insert("name".into(), s.name.clone().into());
    if let Some(aka) = &s.also_known_as {
        service.insert("alternateName".into(), aka.clone().into());
    }
    service.insert("description".into(), s.summary.clone().into());
    service.insert("url".into(), url.clone().into());
    if let Some(o) = provider {
        service.insert("provider".into(), organization(site, o));
        if let Some(area) = &site.organizations[o].area {
            service.insert(
                "areaServed".into(),
                json!({ "@type": "AdministrativeArea", "name": area }),
            );
        }
    }
    if let Some(h) = s.hours {
        service.insert("hoursAvailable".into(), hours(&site.hours[h]));
    }
    service.insert("availableChannel".into(), channels.into());

    let mut out = vec![JsonLd::new(&service.into())];
    out.extend(
        site.events_of(idx)
            .map(|e| JsonLd::new(&event(site, e, &url, now))),
    );
    out
}

/// Weekly opening hours.
fn hours(h: &Hours) -> Value {
    h.rules
        .iter()
        .map(|r| {
            json!({
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": r.days.iter().map(|&d| day_of_week(d)).collect::<Vec<_>>(),
                "opens": format::iso_time(r.opens),
                "closes": format::iso_time(r.closes),
            })
        })
        .collect::<Vec<_>>()
        .into()
}

fn event(site: &Site, e: &Event, url: &str, now: &ZonedDateTime) -> Value {
    let l = &site.labels;
    let mut description = vec![format::recurrence(l, &e.rules)];
    match dates::times(l, e) {
        Some(times) => description.push(times),
        None => description.push(l.time_unknown.clone()),
    }
    if !e.confirmed {
        description.push(l.schedule_unconfirmed.clone());
    }
    description.extend(e.note.clone());

    let mut ev = Map::new();
    ev.insert("@context".into(), CONTEXT.into());
    ev.insert("@type".into(), "Event".into());
    ev.insert("name".into(), e.name.clone().into());
    ev.insert("description".into(), description.join(" ").into());
    ev.insert("url".into(), url.into());
    // The next date, only when it is confirmed: a date from a guessed rule is not
    // scheduled, and saying `EventScheduled` for it would be saying more than we know.
    if let Some(next) = dates::next(e, now)
        .into_iter()
        .next()
        .filter(|o| o.confirmed)
    {
        match &next.starts_at {
            Some(start) => {
                ev.insert("startDate".into(), format::rfc3339(start).into());
                ev.insert("endDate".into(), format::rfc3339(&next.ends_at).into());
            }
            None => {
                ev.insert("startDate".into(), format::iso_date(next.date).into());
            }
        }
        ev.insert(
            "eventStatus".into(),
            "https://schema.org/EventScheduled".into(),
        );
    }
    let schedules: Vec<Value> = e
        .rules
        .iter()
        .map(|r| {
            let mut sch = Map::new();
            sch.insert("@type".into(), "Schedule".into());
            sch.insert("byDay".into(), day_of_week(r.weekday).into());
            sch.insert("byMonthWeek".into(), r.nth.into());
            sch.insert(
                "repeatFrequency".into(),
                format!("P{}M", r.every_months).into(),
            );
            if let (Some(from), Some(to)) = (e.starts, e.ends) {
                sch.insert("startTime".into(), format::iso_time(from).into());
                sch.insert("endTime".into(), format::iso_time(to).into());
            }
            sch.insert(
                "scheduleTimezone".into(),
                site.time_zone_name.clone().into(),
            );
            // The first date fixes which months the rule falls in: given only when the
            // months are confirmed.
            if let Some(first) = r.start_month.filter(|_| e.confirmed).and_then(|m| {
                m.nth_weekday_of_month(r.nth as i8, r.weekday.to_jiff())
                    .ok()
            }) {
                sch.insert("startDate".into(), format::iso_date(first).into());
            }
            sch.into()
        })
        .collect();
    ev.insert("eventSchedule".into(), schedules.into());
    if let Some(p) = e.place {
        ev.insert(
            "eventAttendanceMode".into(),
            "https://schema.org/OfflineEventAttendanceMode".into(),
        );
        ev.insert("location".into(), place(&site.places[p]));
    }
    if let Some(o) = e.organizer {
        ev.insert("organizer".into(), organization(site, o));
    }
    if let Some(free) = e.cost.is_free() {
        ev.insert("isAccessibleForFree".into(), free.into());
    }
    ev.into()
}

fn organization(site: &Site, idx: Idx) -> Value {
    let org = &site.organizations[idx];
    let mut o = Map::new();
    o.insert("@type".into(), "GovernmentOrganization".into());
    o.insert("name".into(), org.name.clone().into());
    if let Some(url) = &org.url {
        o.insert("url".into(), url.clone().into());
    }
    o.into()
}

/// A place with its postal address: in parts where the content has them, else the
/// address as written.
fn place(p: &Place) -> Value {
    let mut address = Map::new();
    address.insert("@type".into(), "PostalAddress".into());
    address.insert(
        "streetAddress".into(),
        p.street.clone().unwrap_or_else(|| p.address.clone()).into(),
    );
    for (key, value) in [
        ("addressLocality", &p.city),
        ("addressRegion", &p.region),
        ("postalCode", &p.postal_code),
        ("addressCountry", &p.country),
    ] {
        if let Some(v) = value {
            address.insert(key.into(), v.clone().into());
        }
    }
    let mut place = Map::new();
    place.insert("@type".into(), "Place".into());
    place.insert("name".into(), p.name.clone().into());
    place.insert("address".into(), address.into());
    if let Some(phone) = &p.phone {
        place.insert("telephone".into(), phone.display.clone().into());
    }
    if let Some(map) = &p.map_url {
        place.insert("hasMap".into(), map.clone().into());
    }
    place.into()
}

fn day_of_week(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "https://schema.org/Monday",
        Weekday::Tue => "https://schema.org/Tuesday",
        Weekday::Wed => "https://schema.org/Wednesday",
        Weekday::Thu => "https://schema.org/Thursday",
        Weekday::Fri => "https://schema.org/Friday",
        Weekday::Sat => "https://schema.org/Saturday",
        Weekday::Sun => "https://schema.org/Sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_in_the_text_can_end_the_script_element() {
        let ld = JsonLd::new(&json!({ "name": "</script><script>alert(1)</script> <!-- & -->" }));
        assert!(!ld.as_str().contains('<'));
        assert!(!ld.as_str().contains('>'));
        assert!(!ld.as_str().contains('&'));
        let back: Value = serde_json::from_str(ld.as_str()).unwrap();
        assert_eq!(
            back["name"],
            "</script><script>alert(1)</script> <!-- & -->"
        );
    }
}
