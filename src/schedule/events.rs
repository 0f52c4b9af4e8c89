//! Step 3 of the flow (schedule).
//!
//! The next dates of a recurring event. A rule is "the nth weekday of every
//! `every_months`-th month counted from `start_month`"; an event's dates are the union of
//! its rules' dates. What happens on a national holiday or in one of the event's closures
//! is the event's `on_holiday` policy: skipped dates are left out, the others are marked.

use jiff::ZonedDateTime;
use jiff::civil::{Date, Time};

use super::holidays;
use crate::model::{Event, EventRule, HolidayPolicy};

/// How many months ahead to look for dates.
const HORIZON_MONTHS: i32 = 24;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub date: Date,
    /// `None` when the event's times are not known.
    pub starts_at: Option<ZonedDateTime>,
    /// The end, or the end of the day when the times are not known; the date is listed
    /// until then.
    pub ends_at: ZonedDateTime,
    /// Falls on a national holiday or in a closure (and the policy did not skip it).
    pub on_holiday: bool,
    /// Whether the date is known to take place: its rule's months are confirmed, and on a
    /// holiday the event's policy says it is held there. A date the policy moves, or whose
    /// holiday policy is not confirmed, is not. Every output marks a date by this.
    pub confirmed: bool,
}

/// The next `count` dates whose end is after `now`, in the time zone of `now`.
pub fn upcoming(event: &Event, now: &ZonedDateTime, count: usize) -> Vec<Occurrence> {
    let mut out = Vec::new();
    let Ok(mut month) = now.date().first_of_month().checked_add(jiff::Span::new()) else {
        return out;
    };
    for _ in 0..HORIZON_MONTHS {
        for date in dates_in_month(event, month) {
            let Some(o) = occurrence(event, date, now) else {
                continue;
            };
            if o.ends_at > *now {
                out.push(o);
                if out.len() == count {
                    return out;
                }
            }
        }
        match month.checked_add(jiff::Span::new().months(1)) {
            Ok(next) => month = next,
            Err(_) => break,
        }
    }
    out
}

/// Every date in the `months` months from `now`'s month, for calendars.
pub fn within_months(event: &Event, now: &ZonedDateTime, months: i32) -> Vec<Occurrence> {
    let Ok(limit) = now
        .date()
        .first_of_month()
        .checked_add(jiff::Span::new().months(months))
    else {
        return Vec::new();
    };
    upcoming(event, now, usize::MAX)
        .into_iter()
        .take_while(|o| o.date < limit)
        .collect()
}

/// Every date the event's rules give from `from` up to (not including) `until`, whatever
/// falls on it: a date its holiday policy skips is here too, for editors who check what
/// happens on the holidays ahead.
pub fn rule_dates(event: &Event, from: Date, until: Date) -> Vec<Date> {
    let mut out = Vec::new();
    let mut month = from.first_of_month();
    while month < until {
        out.extend(
            dates_in_month(event, month)
                .into_iter()
                .filter(|d| (from..until).contains(d)),
        );
        match month.checked_add(jiff::Span::new().months(1)) {
            Ok(next) => month = next,
            Err(_) => break,
        }
    }
    out
}

/// The dates the event's rules give in the month that starts on `month`, in order.
fn dates_in_month(event: &Event, month: Date) -> Vec<Date> {
    let mut dates: Vec<Date> = event
        .rules
        .iter()
        .filter(|r| applies_in(r, month))
        .filter_map(|r| {
            month
                .nth_weekday_of_month(r.nth as i8, r.weekday.to_jiff())
                .ok()
        })
        .filter(|d| d.month() == month.month())
        .collect();
    dates.sort();
    dates.dedup();
    dates
}

fn applies_in(rule: &EventRule, month: Date) -> bool {
    match rule.start_month {
        None => true,
        Some(start) => {
            let diff = (i32::from(month.year()) - i32::from(start.year())) * 12
                + i32::from(month.month())
                - i32::from(start.month());
            diff.rem_euclid(i32::from(rule.every_months)) == 0
        }
    }
}

fn occurrence(event: &Event, date: Date, now: &ZonedDateTime) -> Option<Occurrence> {
    let on_holiday = holidays::is_holiday(date) || event.closures.iter().any(|c| c.contains(date));
    if on_holiday && event.on_holiday == HolidayPolicy::Skipped {
        return None;
    }
    let tz = now.time_zone().clone();
    let at = |t: Time| date.to_datetime(t).to_zoned_datetime(tz.clone()).ok();
    let (starts_at, ends_at) = match (event.starts, event.ends) {
        (Some(s), Some(e)) => (at(s), at(e)?),
        _ => (
            None,
            date.tomorrow().ok()?.to_zoned_datetime(tz.clone()).ok()?,
        ),
    };
    let holiday_known = match event.on_holiday {
        HolidayPolicy::Held | HolidayPolicy::Skipped => true,
        HolidayPolicy::Moved | HolidayPolicy::Unconfirmed => false,
    };
    Some(Occurrence {
        date,
        starts_at,
        ends_at,
        on_holiday,
        confirmed: event.confirmed && (!on_holiday || holiday_known),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Closure, MonthDay, Weekday};
    use jiff::civil::{date, time};

    fn ibasho(policy: HolidayPolicy) -> Event {
        Event {
            id: "ibasho".into(),
            name: "めぐろのいばしょ".into(),
            service: 0,
            place: None,
            starts: Some(time(13, 30, 0, 0)),
            ends: Some(time(16, 30, 0, 0)),
            rules: vec![
                EventRule {
                    nth: 4,
                    weekday: Weekday::Tue,
                    every_months: 2,
                    start_month: Some(date(2026, 12, 1)),
                },
                EventRule {
                    nth: 4,
                    weekday: Weekday::Sun,
                    every_months: 2,
                    start_month: Some(date(2027, 1, 1)),
                },
            ],
            confirmed: false,
            on_holiday: policy,
            closures: vec![],
            note: None,
            sources: vec![],
            checks: crate::model::Checks {
                against_sources: date(2026, 11, 25),
                with_office: None,
            },
            organizer: None,
            cost: crate::model::Cost::Unknown,
        }
    }

    fn at(s: &str) -> ZonedDateTime {
        s.parse::<jiff::Timestamp>()
            .unwrap()
            .to_zoned_datetime(jiff::tz::TimeZone::get("Asia/Tokyo").unwrap())
    }

    #[test]
    fn alternating_fourth_tuesday_and_sunday() {
        let dates: Vec<Date> = upcoming(
            &ibasho(HolidayPolicy::Held),
            &at("2026-11-25T10:00:00+09:00"),
            4,
        )
        .into_iter()
        .map(|o| o.date)
        .collect();
        // December: 4th Tuesday; January: 4th Sunday; February: Tuesday; March: Sunday.
        assert_eq!(
            dates,
            [
                date(2026, 12, 22),
                date(2027, 1, 24),
                date(2027, 2, 23),
                date(2027, 3, 28)
            ]
        );
    }

    #[test]
    fn a_date_is_listed_until_it_ends() {
        let e = ibasho(HolidayPolicy::Held);
        let during = upcoming(&e, &at("2026-12-22T16:29:00+09:00"), 1);
        assert_eq!(during[0].date, date(2026, 12, 22));
        let after = upcoming(&e, &at("2026-12-22T16:30:00+09:00"), 1);
        assert_eq!(after[0].date, date(2027, 1, 24));
        assert_eq!(
            during[0].starts_at.as_ref().unwrap().to_string(),
            "2026-12-22T13:30:00+09:00[Asia/Tokyo]"
        );
    }

    #[test]
    fn holiday_policy_skips_or_marks() {
        // 2027-02-23 (天皇誕生日) is the 4th Tuesday of a Tuesday month.
        let now = at("2027-02-01T00:00:00+09:00");
        let marked = upcoming(&ibasho(HolidayPolicy::Unconfirmed), &now, 1);
        assert_eq!(
            (marked[0].date, marked[0].on_holiday),
            (date(2027, 2, 23), true)
        );
        let skipped = upcoming(&ibasho(HolidayPolicy::Skipped), &now, 1);
        assert_eq!(skipped[0].date, date(2027, 3, 28));
    }

    #[test]
    fn rule_dates_keep_what_the_policy_skips() {
        let e = ibasho(HolidayPolicy::Skipped);
        assert_eq!(
            rule_dates(&e, date(2027, 1, 25), date(2027, 3, 28)),
            [date(2027, 2, 23)]
        );
        assert_eq!(
            rule_dates(&e, date(2026, 12, 22), date(2027, 3, 29)),
            [
                date(2026, 12, 22),
                date(2027, 1, 24),
                date(2027, 2, 23),
                date(2027, 3, 28)
            ]
        );
    }

    #[test]
    fn a_date_is_confirmed_only_when_its_rule_and_its_holiday_are() {
        let holiday = at("2027-02-01T00:00:00+09:00");
        let plain = at("2026-11-25T00:00:00+09:00");
        let confirmed = |policy, now: &ZonedDateTime, rule_confirmed| {
            let mut e = ibasho(policy);
            e.confirmed = rule_confirmed;
            upcoming(&e, now, 1)[0].confirmed
        };
        // 2026-12-22 is an ordinary Tuesday: only the rule matters.
        assert!(confirmed(HolidayPolicy::Unconfirmed, &plain, true));
        assert!(!confirmed(HolidayPolicy::Held, &plain, false));
        // 2027-02-23 is a holiday: the policy decides too.
        assert!(confirmed(HolidayPolicy::Held, &holiday, true));
        assert!(!confirmed(HolidayPolicy::Moved, &holiday, true));
        assert!(!confirmed(HolidayPolicy::Unconfirmed, &holiday, true));
        assert!(!confirmed(HolidayPolicy::Held, &holiday, false));
    }

    #[test]
    fn closures_count_as_holidays() {
        let mut e = ibasho(HolidayPolicy::Skipped);
        e.closures = vec![Closure {
            name: "冬休み".into(),
            dates: Some((
                MonthDay { month: 12, day: 20 },
                MonthDay { month: 1, day: 5 },
            )),
            confirmed: true,
        }];
        let next = upcoming(&e, &at("2026-12-01T00:00:00+09:00"), 1);
        assert_eq!(next[0].date, date(2027, 1, 24));
    }

    #[test]
    fn monthly_rule_without_times_lasts_the_whole_day() {
        let mut e = ibasho(HolidayPolicy::Unconfirmed);
        e.rules = vec![EventRule {
            nth: 2,
            weekday: Weekday::Sat,
            every_months: 1,
            start_month: None,
        }];
        e.starts = None;
        e.ends = None;
        let next = upcoming(&e, &at("2026-12-12T23:00:00+09:00"), 2);
        assert_eq!(next[0].date, date(2026, 12, 12));
        assert_eq!(next[0].starts_at, None);
        assert_eq!(next[1].date, date(2027, 1, 9));
    }

    #[test]
    fn calendar_window_is_twelve_months() {
        let all = within_months(
            &ibasho(HolidayPolicy::Held),
            &at("2026-11-25T10:00:00+09:00"),
            12,
        );
        assert_eq!(all.first().unwrap().date, date(2026, 12, 22));
        assert!(all.iter().all(|o| o.date < date(2027, 11, 1)));
        assert_eq!(all.len(), 11);
    }
}
