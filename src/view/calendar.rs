//! Step 4 of the flow (view): RFC 5545 calendars, from the model and the schedule's dates:
//! `/calendar.ics` with every event, and one per event. Each coming date in the next 12
//! months is its own VEVENT with a stable UID (event id + date), in UTC, because the rules
//! (alternating months, holiday policies) do not fit an RRULE and explicit dates are what
//! every calendar app reads the same way. A date that is not confirmed
//! (`schedule::events::Occurrence::confirmed`) is `STATUS:TENTATIVE` and its SUMMARY
//! carries the same mark as the page; a date whose times are not known is a whole day
//! (`VALUE=DATE`, ending on the next day as RFC 5545 asks) and its DESCRIPTION says the
//! time is not known. The `icalendar` crate writes the text: CRLF line ends and lines
//! folded at 75 octets.

use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, Component, EventLike, EventStatus};
use jiff::ZonedDateTime;

use crate::model::{Event, Site};
use crate::schedule::events;

use super::parts::PlaceView;
use super::{dates, urls};

/// How far ahead a calendar lists dates.
const MONTHS: i32 = 12;

/// A calendar of `events` (every event of the site, or one).
pub fn calendar<'a>(
    site: &'a Site,
    events: impl IntoIterator<Item = &'a Event>,
    name: &str,
    now: &ZonedDateTime,
) -> String {
    let l = &site.labels;
    let host = urls::host(&site.base_url);
    let stamp = utc(now);
    // `Calendar::new()` would add its own PRODID; ours names this program.
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property(("PRODID", "-//madoguchi//madoguchi//EN"));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.append_property(("METHOD", "PUBLISH"));
    cal.name(name);
    for e in events {
        let service = &site.services[e.service];
        let url = urls::absolute(site, &urls::service(&service.id));
        let location = e
            .place
            .map(|p| PlaceView::new(site, &site.places[p]).one_line(l));
        for o in events::within_months(e, now, MONTHS) {
            let mut ev = icalendar::Event::new();
            ev.uid(&format!("{}-{}@{host}", e.id, o.date.strftime("%Y%m%d")))
                .timestamp(stamp)
                .summary(&dates::marked(l, &e.name, &o))
                .url(&url)
                .status(if o.confirmed {
                    EventStatus::Confirmed
                } else {
                    EventStatus::Tentative
                });
            match &o.starts_at {
                Some(start) => {
                    ev.starts(utc(start)).ends(utc(&o.ends_at));
                }
                None => {
                    // A whole day: DTEND is the next day (RFC 5545, 3.6.1).
                    if let (Some(day), Some(next)) = (naive(o.date), naive(o.ends_at.date())) {
                        ev.starts(day).ends(next);
                    }
                }
            }
            let mut description = Vec::new();
            if !e.confirmed {
                description.push(l.schedule_unconfirmed.as_str());
            }
            description.extend(dates::holiday_note(l, e, &o));
            if o.starts_at.is_none() {
                description.push(&l.time_unknown);
            }
            match &location {
                Some(location) => {
                    ev.location(location);
                }
                None => description.push(&l.place_unknown),
            }
            description.push(&url);
            ev.description(&description.join("\n"));
            cal.push(ev.done());
        }
    }
    cal.done().to_string()
}

fn naive(d: jiff::civil::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::from(d.year()), d.month() as u32, d.day() as u32)
}

fn utc(t: &ZonedDateTime) -> chrono::DateTime<Utc> {
    let ts = t.timestamp();
    Utc.timestamp_opt(ts.as_second(), 0)
        .single()
        .unwrap_or_default()
}
