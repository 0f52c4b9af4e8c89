//! Step 4 of the flow (view), from the model and the schedule's dates: `GET
//! /api/v1/services.json`, every service as Open Referral HSDS 3.0, the `/services`
//! response of its API (a page object whose `contents` are full, nested service objects).
//! The site has few services, so the one page holds them all and query parameters are not
//! read: the same bytes are served and exported.
//!
//! Only facts the content gives are written; a field whose fact is unknown is left out
//! (an address is given only when the content has it in parts, since HSDS requires
//! every part). Identifiers are UUIDs derived from content ids, so the same content
//! always gives the same ids: see [`uuid`].
//!
//! Whose facts are whose: a service's `schedules` are only the service's own hours (where
//! the content gives them) and its events' dates. The hours of the phone line a service
//! is reached by belong to the line: HSDS 3.0 gives a phone no schedule (a schedule
//! belongs to a service, a location or a service-at-location), so the line's hours are
//! written in the phone's `description`. A service whose provider no source names has no
//! `organization_id` and no `organization`: HSDS 3.0 requires only `id`, `name` and
//! `status` of a service (`schema/service.json`), and naming no one is truer than naming
//! the wrong body.

use jiff::ZonedDateTime;
use jiff::civil::Time;
use serde::Serialize;

use crate::model::{
    Block, Blocks, Contact, Event, Hours, Idx, Known, Place, Service, Site, Weekday,
};

use super::parts::PlaceView;
use super::{dates, format, urls};

/// A stable identifier: a version 5 (name-based) UUID in the URL namespace, of
/// `<base_url>/hsds/<kind>/<key>`. The base URL keeps two sites' ids apart; the kind keeps
/// a service and a location of the same content id apart.
pub fn uuid(base_url: &str, kind: &str, key: &str) -> String {
    let name = format!("{base_url}/hsds/{kind}/{key}");
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes()).to_string()
}

/// The response of `GET /services`, with every service on one page.
#[derive(Debug, Serialize)]
pub struct ServicePage<'a> {
    pub total_items: usize,
    pub total_pages: usize,
    pub page_number: usize,
    pub size: usize,
    pub first_page: bool,
    pub last_page: bool,
    pub empty: bool,
    pub contents: Vec<HsdsService<'a>>,
}

#[derive(Debug, Serialize)]
pub struct HsdsService<'a> {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    pub name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alternate_name: Option<&'a str>,
    pub description: String,
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<&'a str>,
    pub status: &'static str,
    pub fees_description: String,
    pub eligibility_description: String,
    /// HSDS: "the date that the information about the service was last checked". It does
    /// not say by whom, so this is the newer of the two checks: compared with the sources,
    /// or confirmed with the office.
    pub assured_date: String,
    pub phones: Vec<Phone<'a>>,
    pub schedules: Vec<Schedule>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub service_areas: Vec<ServiceArea<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub service_at_locations: Vec<ServiceAtLocation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<Organization<'a>>,
}

#[derive(Debug, Serialize)]
pub struct Phone<'a> {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location_id: Option<String>,
    /// As written on the page, e.g. `03-5722-9363`.
    pub number: &'a str,
    /// RFC 6350: `voice` or `fax`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// An RFC 5545-style recurrence with opening times, as HSDS has it.
#[derive(Debug, Serialize)]
pub struct Schedule {
    pub id: String,
    pub service_id: String,
    /// Hours from UTC, a number (HSDS's own definition of the field).
    pub timezone: serde_json::Number,
    pub freq: &'static str,
    pub interval: u8,
    pub byday: String,
    /// The first date, only where the months a rule falls in are confirmed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dtstart: Option<String>,
    /// `HH:MM` with the offset from UTC, as HSDS asks (e.g. `08:30+09:00`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opens_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closes_at: Option<String>,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ServiceArea<'a> {
    pub id: String,
    pub service_id: String,
    pub name: &'a str,
}

#[derive(Debug, Serialize)]
pub struct ServiceAtLocation<'a> {
    pub id: String,
    pub service_id: String,
    pub location_id: String,
    pub location: Location<'a>,
}

#[derive(Debug, Serialize)]
pub struct Location<'a> {
    pub id: String,
    pub location_type: &'static str,
    pub name: &'a str,
    /// The address as the page writes it, where it is not known in parts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transportation: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Phone<'a>>,
}

#[derive(Debug, Serialize)]
pub struct Address<'a> {
    pub id: String,
    pub location_id: String,
    pub address_1: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_2: Option<String>,
    pub city: &'a str,
    pub state_province: &'a str,
    pub postal_code: &'a str,
    pub country: &'a str,
    pub address_type: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Organization<'a> {
    pub id: String,
    pub name: &'a str,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<&'a str>,
}

/// `/api/v1/services.json` at `now` (the instant only sets the UTC offset of the times).
pub fn services_json(site: &Site, now: &ZonedDateTime) -> String {
    let contents: Vec<HsdsService> = site
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| service(site, i, s, now))
        .collect();
    let page = ServicePage {
        total_items: contents.len(),
        total_pages: 1,
        page_number: 1,
        size: contents.len(),
        first_page: true,
        last_page: true,
        empty: contents.is_empty(),
        contents,
    };
    // Serializing strings, numbers and booleans cannot fail.
    serde_json::to_string_pretty(&page).unwrap_or_default()
}

fn service<'a>(site: &'a Site, idx: Idx, s: &'a Service, now: &ZonedDateTime) -> HsdsService<'a> {
    let l = &site.labels;
    let base = site.base_url.as_str();
    let id = uuid(base, "service", &s.id);
    let org = s
        .organization
        .as_yes()
        .map(|&o| (o, &site.organizations[o]));
    let contact = &site.contacts[s.contact];
    // The service's own hours only: its line's hours are the line's (see `contact_phones`).
    let mut schedules: Vec<Schedule> = s
        .hours
        .map(|h| hours_schedules(site, s, &site.hours[h], now))
        .unwrap_or_default();
    for e in site.events_of(idx) {
        schedules.extend(event_schedules(site, s, e, now));
    }
    // The service's own place first, then where its events are held.
    let mut places: Vec<Idx> = s.place.into_iter().collect();
    for p in site.events_of(idx).filter_map(|e| e.place) {
        if !places.contains(&p) {
            places.push(p);
        }
    }
    HsdsService {
        organization_id: org.map(|(_, o)| uuid(base, "organization", &o.id)),
        name: &s.name,
        alternate_name: s.also_known_as.as_deref(),
        description: plain_text(&s.summary, &s.body),
        url: urls::absolute(site, &urls::service(&s.id)),
        email: contact.email.as_yes().map(String::as_str),
        status: "active",
        fees_description: format::cost(l, s.cost, s.cost_note.as_deref()),
        eligibility_description: s
            .audiences
            .iter()
            .map(|&a| site.audiences[a].name.as_str())
            .collect::<Vec<_>>()
            .join(&l.list_separator),
        assured_date: format::iso_date(s.checks.newest()),
        phones: contact_phones(site, s, contact),
        schedules,
        service_areas: org
            .and_then(|(_, o)| o.area.as_deref())
            .map(|area| ServiceArea {
                id: uuid(base, "service_area", &s.id),
                service_id: id.clone(),
                name: area,
            })
            .into_iter()
            .collect(),
        service_at_locations: places
            .into_iter()
            .map(|p| {
                let place = &site.places[p];
                let location = location(site, place);
                ServiceAtLocation {
                    id: uuid(
                        base,
                        "service_at_location",
                        &format!("{}/{}", s.id, place.id),
                    ),
                    service_id: id.clone(),
                    location_id: location.id.clone(),
                    location,
                }
            })
            .collect(),
        organization: org.map(|(idx, o)| organization(site, idx, o)),
        id,
    }
}

fn organization<'a>(
    site: &'a Site,
    idx: Idx,
    org: &'a crate::model::Organization,
) -> Organization<'a> {
    let l = &site.labels;
    Organization {
        id: uuid(&site.base_url, "organization", &org.id),
        name: &org.name,
        description: org.description.clone().unwrap_or_else(|| {
            // HSDS requires a description; where the content has none, say what the
            // site knows of the organization: the services it lists for it.
            let services: Vec<&str> = site
                .services
                .iter()
                .filter(|x| x.organization == Known::Yes(idx))
                .map(|x| x.name.as_str())
                .collect();
            l.open_data_services_of
                .replace("{name}", &org.name)
                .replace("{services}", &services.join(&l.list_separator))
        }),
        website: org.url.as_deref(),
    }
}

/// The line's voice number, and its fax where known.
fn contact_phones<'a>(site: &Site, s: &Service, contact: &'a Contact) -> Vec<Phone<'a>> {
    let base = site.base_url.as_str();
    let service_id = uuid(base, "service", &s.id);
    // A phone carries no schedule in HSDS: the line's hours are said in its description.
    let l = &site.labels;
    let mut description = vec![format!("{}:", contact.name)];
    match contact.hours {
        Some(h) => description.push(format::hours_in_words(l, &site.hours[h])),
        None => description.push(l.hours_unknown.clone()),
    }
    description.extend(contact.call_cost.clone());
    let mut phones = vec![Phone {
        id: uuid(base, "phone", &format!("{}/{}", s.id, contact.id)),
        service_id: Some(service_id.clone()),
        location_id: None,
        number: &contact.phone.display,
        kind: "voice",
        description: Some(description.join(" ")),
    }];
    if let Known::Yes(fax) = &contact.fax {
        phones.push(Phone {
            id: uuid(base, "phone", &format!("{}/{}/fax", s.id, contact.id)),
            service_id: Some(service_id),
            location_id: None,
            number: &fax.display,
            kind: "fax",
            description: Some(format!("{}: {}", contact.name, site.labels.fax)),
        });
    }
    phones
}

/// One WEEKLY schedule per rule of the service's own hours; the days it is closed go in
/// the notes, since HSDS has no field for them.
fn hours_schedules(site: &Site, s: &Service, hours: &Hours, now: &ZonedDateTime) -> Vec<Schedule> {
    let l = &site.labels;
    let base = site.base_url.as_str();
    let notes = format::closed_line(l, hours);
    hours
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| Schedule {
            id: uuid(
                base,
                "schedule",
                &format!("{}/hours/{}/{i}", s.id, hours.id),
            ),
            service_id: uuid(base, "service", &s.id),
            timezone: utc_offset_hours(now),
            freq: "WEEKLY",
            interval: 1,
            byday: r
                .days
                .iter()
                .map(|&d| ical_day(d))
                .collect::<Vec<_>>()
                .join(","),
            dtstart: None,
            opens_at: Some(time_with_offset(r.opens, now)),
            closes_at: Some(time_with_offset(r.closes, now)),
            description: format!(
                "{}: {} {}",
                s.name,
                format::aside(l, &l.hours, &hours.name),
                format::hours_rule(l, r)
            ),
            notes: notes.clone(),
        })
        .collect()
}

/// One MONTHLY schedule per rule of the event ("4TU" every 2 months). Where the months
/// are not confirmed there is no `dtstart` (which would fix them) and the notes say so.
fn event_schedules(site: &Site, s: &Service, e: &Event, now: &ZonedDateTime) -> Vec<Schedule> {
    let l = &site.labels;
    let base = site.base_url.as_str();
    let mut notes = Vec::new();
    if !e.confirmed {
        notes.push(l.schedule_unconfirmed.clone());
    }
    if e.starts.is_none() {
        notes.push(l.time_unknown.clone());
    }
    notes.push(format!(
        "{}: {}",
        l.on_holiday,
        dates::policy(l, e.on_holiday)
    ));
    notes.extend(e.note.clone());
    let when = dates::times(l, e)
        .map(|t| format!(" {t}"))
        .unwrap_or_default();
    let description = format!("{}: {}{when}", e.name, format::recurrence(l, &e.rules));
    e.rules
        .iter()
        .enumerate()
        .map(|(i, r)| Schedule {
            id: uuid(base, "schedule", &format!("{}/event/{}/{i}", s.id, e.id)),
            service_id: uuid(base, "service", &s.id),
            timezone: utc_offset_hours(now),
            freq: "MONTHLY",
            interval: r.every_months,
            byday: format!("{}{}", r.nth, ical_day(r.weekday)),
            dtstart: r
                .start_month
                .filter(|_| e.confirmed)
                .and_then(|m| {
                    m.nth_weekday_of_month(r.nth as i8, r.weekday.to_jiff())
                        .ok()
                })
                .map(format::iso_date),
            opens_at: e.starts.map(|t| time_with_offset(t, now)),
            closes_at: e.ends.map(|t| time_with_offset(t, now)),
            description: description.clone(),
            notes: Some(notes.join(" ")),
        })
        .collect()
}

fn location<'a>(site: &'a Site, place: &'a Place) -> Location<'a> {
    let l = &site.labels;
    let base = site.base_url.as_str();
    let id = uuid(base, "location", &place.id);
    let view = PlaceView::new(site, place);
    let address = match (
        &place.street,
        &place.city,
        &place.region,
        &place.postal_code,
        &place.country,
    ) {
        (Some(street), Some(city), Some(region), Some(postal_code), Some(country)) => {
            Some(Address {
                id: uuid(base, "address", &place.id),
                location_id: id.clone(),
                address_1: street,
                address_2: view.inside.clone(),
                city,
                state_province: region,
                postal_code,
                country,
                address_type: "physical",
            })
        }
        _ => None,
    };
    Location {
        location_type: "physical",
        name: &place.name,
        description: address.is_none().then(|| view.address_line.clone()),
        transportation: view.way,
        addresses: address.into_iter().collect(),
        phones: place
            .phone
            .as_ref()
            .map(|p| Phone {
                id: uuid(base, "phone", &format!("location/{}", place.id)),
                service_id: None,
                location_id: Some(id.clone()),
                number: &p.display,
                kind: "voice",
                description: Some(l.main_phone.clone()),
            })
            .into_iter()
            .collect(),
        id,
    }
}

/// Summary and body as plain text: paragraphs apart, list items as `- ` lines.
fn plain_text(summary: &str, body: &Blocks) -> String {
    let mut parts = vec![summary.to_string()];
    for block in body.iter() {
        parts.push(match block {
            Block::Heading { text: h, .. } | Block::Paragraph(h) => h.clone(),
            Block::List(items) => items
                .iter()
                .map(|i| format!("- {i}"))
                .collect::<Vec<_>>()
                .join("\n"),
        });
    }
    parts.join("\n\n")
}

/// RFC 5545 BYDAY names.
fn ical_day(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// The site's offset from UTC at `now`, in hours (`9`, or `5.5` for half-hour zones).
fn utc_offset_hours(now: &ZonedDateTime) -> serde_json::Number {
    let seconds = now.offset().seconds();
    if seconds % 3600 == 0 {
        serde_json::Number::from(seconds / 3600)
    } else {
        serde_json::Number::from_f64(f64::from(seconds) / 3600.0)
            .unwrap_or_else(|| serde_json::Number::from(0))
    }
}

/// `08:30+09:00`: a local time with the offset it has at `now`.
fn time_with_offset(t: Time, now: &ZonedDateTime) -> String {
    format!("{}{}", format::iso_time(t), now.strftime("%:z"))
}
