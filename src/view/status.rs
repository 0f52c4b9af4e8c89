//! `GET /api/v1/status.json`: the same open/closed states and next dates the pages show,
//! for other services to read. Times are RFC 3339 in the site's time zone.

use jiff::ZonedDateTime;
use serde::Serialize;

use crate::model::Site;
use crate::schedule::hours;

use super::{dates, format};

#[derive(Debug, Serialize)]
pub struct Status<'a> {
    pub now: String,
    pub contacts: Vec<ContactStatus<'a>>,
    pub events: Vec<EventStatus<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ContactStatus<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// As written on the page, e.g. `03-5722-9363`.
    pub phone: &'a str,
    pub open: bool,
    pub closes_at: Option<String>,
    pub next_open: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct EventStatus<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// False while the dates are computed from a rule the editors have not confirmed.
    pub confirmed: bool,
    /// The coming dates, as many as the pages list.
    pub next: Vec<Dates>,
}

#[derive(Debug, Serialize)]
pub struct Dates {
    pub start: String,
    pub end: String,
    /// True when the event's times are not known: start and end are the whole day.
    pub all_day: bool,
    pub on_holiday: bool,
    /// False when the date is not known to take place: its rule is not confirmed, or it
    /// falls on a holiday and what the event does then is not (the page marks it).
    pub confirmed: bool,
}

impl<'a> Status<'a> {
    pub fn new(site: &'a Site, now: &ZonedDateTime) -> Self {
        Status {
            now: format::rfc3339(now),
            contacts: site
                .contacts
                .iter()
                .map(|c| {
                    let status = c.hours.map(|h| hours::status(&site.hours[h], now));
                    let (open, closes_at, next_open) = match status {
                        Some(hours::Status::Open { closes_at }) => {
                            (true, Some(format::rfc3339(&closes_at)), None)
                        }
                        Some(hours::Status::Closed { next_open, .. }) => {
                            (false, None, next_open.as_ref().map(format::rfc3339))
                        }
                        None => (false, None, None),
                    };
                    ContactStatus {
                        id: &c.id,
                        name: &c.name,
                        phone: &c.phone.display,
                        open,
                        closes_at,
                        next_open,
                    }
                })
                .collect(),
            events: site
                .events
                .iter()
                .map(|e| EventStatus {
                    id: &e.id,
                    name: &e.name,
                    confirmed: e.confirmed,
                    next: dates::next(e, now)
                        .into_iter()
                        .map(|o| {
                            let start = match &o.starts_at {
                                Some(t) => t.clone(),
                                None => o
                                    .date
                                    .to_zoned_datetime(now.time_zone().clone())
                                    .unwrap_or_else(|_| now.clone()),
                            };
                            Dates {
                                start: format::rfc3339(&start),
                                end: format::rfc3339(&o.ends_at),
                                all_day: o.starts_at.is_none(),
                                on_holiday: o.on_holiday,
                                confirmed: o.confirmed,
                            }
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    pub fn to_json(&self) -> String {
        // Serializing plain strings, numbers and booleans cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
