//! Step 3 of the flow (schedule): pure functions of the model and an instant. National
//! holidays, whether a line is open now and when it next opens, the next dates of an
//! event, whether a page's facts are old, and when any of that next changes. No I/O, no
//! clock: the instant is given.

pub mod events;
pub mod holidays;
pub mod hours;

use jiff::civil::Date;
use jiff::{Span, Timestamp, ZonedDateTime};

use crate::model::{Idx, Site};

/// `now` in the site's own time zone, whatever offset it was given in.
pub fn site_time(site: &Site, now: Timestamp) -> ZonedDateTime {
    now.to_zoned_datetime(site.time_zone.clone())
}

/// The instant from which facts last checked on `checked` are old: the start of the day
/// `stale_after_days` + 1 days later in the site's time zone, so that on the day exactly
/// `stale_after_days` after the check they are not yet.
pub fn stale_from(site: &Site, checked: Date) -> Option<ZonedDateTime> {
    checked
        .checked_add(Span::new().days(i64::from(site.stale_after_days) + 1))
        .ok()?
        .to_zoned_datetime(site.time_zone.clone())
        .ok()
}

/// Whether the page of `service` shows facts older than the site allows, at `now`.
pub fn is_stale(site: &Site, service: Idx, now: &ZonedDateTime) -> bool {
    stale_from(site, site.page_checked(service)).is_some_and(|from| *now >= from)
}

/// The next instant after `now` at which any document could render differently: a line
/// opens or closes, an event's next date has passed, the day changes, or the time zone's
/// offset from UTC changes. The day matters on its own: the reason a line is closed (a
/// holiday's name, 年末年始), "today" in a date and the year shown with a date all follow
/// the calendar, not the opening hours, and so does a page's notice that its facts are old
/// (`stale_from` is the start of a day). The offset is written into open data's times
/// (`09:00+01:00`), and changes at 01:00 UTC in London, not at midnight. Caches must not
/// keep a page past it.
pub fn next_change(site: &Site, now: &ZonedDateTime) -> Option<ZonedDateTime> {
    let contacts = site
        .contacts
        .iter()
        .filter_map(|c| c.hours)
        .filter_map(|h| hours::status(&site.hours[h], now).changes_at().cloned());
    let events = site.events.iter().filter_map(|e| {
        events::upcoming(e, now, 1)
            .into_iter()
            .next()
            .map(|o| o.ends_at)
    });
    contacts
        .chain(events)
        .chain(next_midnight(now))
        .chain(next_offset_change(now))
        .min()
}

/// The next transition of `now`'s time zone (summer time starting or ending).
fn next_offset_change(now: &ZonedDateTime) -> Option<ZonedDateTime> {
    let tz = now.time_zone();
    tz.following(now.timestamp())
        .next()
        .map(|t| t.timestamp().to_zoned_datetime(tz.clone()))
}

/// The start of the next day in `now`'s time zone (where a time change skips midnight,
/// the first instant of that day).
fn next_midnight(now: &ZonedDateTime) -> Option<ZonedDateTime> {
    now.date()
        .tomorrow()
        .ok()?
        .to_zoned_datetime(now.time_zone().clone())
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str, zone: &str) -> ZonedDateTime {
        s.parse::<Timestamp>()
            .unwrap()
            .to_zoned_datetime(jiff::tz::TimeZone::get(zone).unwrap())
    }

    #[test]
    fn the_next_midnight_is_local() {
        let next = next_midnight(&at("2026-12-28T17:00:00+09:00", "Asia/Tokyo")).unwrap();
        assert_eq!(next.timestamp().to_string(), "2026-12-28T15:00:00Z");
        // 23:30 UTC on the 28th is already the 29th in Tokyo.
        let next = next_midnight(&at("2026-12-28T23:30:00Z", "Asia/Tokyo")).unwrap();
        assert_eq!(next.timestamp().to_string(), "2026-12-29T15:00:00Z");
        // London in summer time: midnight is 23:00 UTC.
        let next = next_midnight(&at("2027-06-01T12:00:00Z", "Europe/London")).unwrap();
        assert_eq!(next.timestamp().to_string(), "2027-06-01T23:00:00Z");
    }

    #[test]
    fn the_next_offset_change_is_the_time_zones_own() {
        let next = next_offset_change(&at("2027-03-27T12:00:00Z", "Europe/London")).unwrap();
        assert_eq!(next.timestamp().to_string(), "2027-03-28T01:00:00Z");
        // Japan has had no summer time since 1951.
        assert_eq!(
            next_offset_change(&at("2026-12-28T12:00:00Z", "Asia/Tokyo")),
            None
        );
    }
}
