//! Step 4 of the flow (view): how an event's dates are said, the same in every output
//! (pages and print, status.json, calendars, JSON-LD, open data): how many coming dates
//! are listed, the holiday policy in words, the note beside a date on a holiday, and the
//! mark on a date that is not confirmed. It reads the model, the schedule's dates and the
//! labels; which dates there are is the schedule's business (`schedule::events`).

use jiff::ZonedDateTime;

use crate::model::{Event, HolidayPolicy, Labels};
use crate::schedule::events::{self, Occurrence};

use super::format;

/// How many coming dates pages and status.json list for each event.
pub const NEXT_DATES: usize = 3;

/// The coming dates an event lists, the first being "the next date".
pub fn next(e: &Event, now: &ZonedDateTime) -> Vec<Occurrence> {
    events::upcoming(e, now, NEXT_DATES)
}

/// What the event does on a holiday, in words ("予定どおり開きます。").
pub fn policy(l: &Labels, policy: HolidayPolicy) -> &str {
    match policy {
        HolidayPolicy::Held => &l.on_holiday_held,
        HolidayPolicy::Skipped => &l.on_holiday_skipped,
        HolidayPolicy::Moved => &l.on_holiday_moved,
        HolidayPolicy::Unconfirmed => &l.on_holiday_unconfirmed,
    }
}

/// Said beside a date that falls on a holiday or in a closure, by the event's policy;
/// nothing beside other dates. (A policy that skips such dates never lists one.)
pub fn holiday_note<'l>(l: &'l Labels, e: &Event, o: &Occurrence) -> Option<&'l str> {
    if !o.on_holiday {
        return None;
    }
    match e.on_holiday {
        HolidayPolicy::Held => Some(&l.date_on_holiday_held),
        HolidayPolicy::Moved => Some(&l.date_on_holiday_moved),
        HolidayPolicy::Unconfirmed => Some(&l.date_on_holiday_unconfirmed),
        HolidayPolicy::Skipped => None,
    }
}

/// The mark right after a date that is not confirmed: "（未確認）", " (not confirmed)".
pub fn unconfirmed_mark(l: &Labels, o: &Occurrence) -> Option<String> {
    (!o.confirmed).then(|| format::aside(l, "", &l.date_not_confirmed))
}

/// `text` with the mark when the date is not confirmed: a calendar entry's title.
pub fn marked(l: &Labels, text: &str, o: &Occurrence) -> String {
    match unconfirmed_mark(l, o) {
        Some(mark) => format!("{text}{mark}"),
        None => text.to_string(),
    }
}

/// "12月22日(火) 13時30分〜16時30分": the date with the event's times where they are known.
pub fn when(l: &Labels, e: &Event, o: &Occurrence, this_year: i16) -> String {
    let date = format::date_weekday(l, o.date, this_year);
    match (o.starts_at.as_ref(), e.starts, e.ends) {
        (Some(_), Some(from), Some(to)) => format!("{date} {}", format::time_range(l, from, to)),
        _ => date,
    }
}

/// The event's times in words, or `None` when they are not known.
pub fn times(l: &Labels, e: &Event) -> Option<String> {
    match (e.starts, e.ends) {
        (Some(from), Some(to)) => Some(format::time_range(l, from, to)),
        _ => None,
    }
}
