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

/// The next instant after `now` at which something time-dependent on any page changes:
/// a line opens or closes, an event's next date has passed, or a page's facts become
/// old. Caches must not keep a page past it.
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
    let stale = (0..site.services.len())
        .filter_map(|s| stale_from(site, site.page_checked(s)))
        .filter(|from| from > now);
    contacts.chain(events).chain(stale).min()
}
