//! Step 4 of the flow (view), from the model and the schedule: `GET /api/v1/status.json`,
//! the same open/closed states and next dates the pages show, for other services to read.
//! Times are RFC 3339 in the site's time zone.
//!
//! The document is made ahead and served unchanged until something in it changes, so it
//! carries no "now": it says the instant it describes (`as_of`) and until when it holds
//! (`valid_until`). A client that needs the time of the answer reads the `Date` header.

use jiff::ZonedDateTime;
use serde::Serialize;

use crate::model::Site;
use crate::schedule::{self, hours};

use super::{dates, format};

#[derive(Debug, Serialize)]
pub struct Status<'a> {
    /// The instant the states below were worked out for.
    pub as_of: String,
    /// The next instant at which anything here may change (`null`: never); until then
    /// every state and date below holds.
    pub valid_until: Option<String>,
    pub contacts: Vec<ContactStatus<'a>>,
    pub events: Vec<EventStatus<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ContactStatus<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// `service`, `urgent` or `emergency`.
    pub kind: &'static str,
    /// As written on the page, e.g. `03-5722-9363`.
    pub phone: &'a str,
    /// False when the hours are not known; then `open` is false too.
    pub hours_known: bool,
    pub open: bool,
    /// Null while open for a line that does not close (24 hours, every day).
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
            as_of: format::rfc3339(now),
            valid_until: schedule::next_change(site, now).map(|t| format::rfc3339(&t)),
            contacts: site
                .contacts
                .iter()
                .map(|c| {
                    let status = c.hours.map(|h| hours::status(&site.hours[h], now));
                    let (open, closes_at, next_open) = match status {
                        Some(hours::Status::Open { closes_at }) => {
                            (true, closes_at.as_ref().map(format::rfc3339), None)
                        }
                        Some(hours::Status::Closed { next_open, .. }) => {
                            (false, None, next_open.as_ref().map(format::rfc3339))
                        }
                        None => (false, None, None),
                    };
                    ContactStatus {
                        id: &c.id,
                        name: &c.name,
                        kind: c.kind.as_str(),
                        phone: &c.phone.display,
                        hours_known: c.hours.is_some(),
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
