//! Step 3 of the flow (schedule): pure functions of the model and an instant. National
//! holidays, whether a line is open now and when it next opens, the next dates of an
//! event, and when any of that next changes. No I/O, no clock: the instant is given.

pub mod events;
pub mod holidays;
pub mod hours;

use jiff::{Timestamp, ZonedDateTime};

use crate::model::Site;

/// `now` in the site's own time zone, whatever offset it was given in.
pub fn site_time(site: &Site, now: Timestamp) -> ZonedDateTime {
    now.to_zoned_datetime(site.time_zone.clone())
}

/// The next instant after `now` at which something time-dependent on any page changes:
/// a line opens or closes, or an event's next date has passed. Caches must not keep a
/// page past it.
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
    contacts.chain(events).min()
}
