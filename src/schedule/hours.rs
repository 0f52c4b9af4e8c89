//! Is a line open at an instant, until when, and when does it next open. Works in the
//! time zone of the instant given; opening times are inclusive, closing times exclusive
//! (at 17:00 a line that closes at 17:00 is closed). Hours that run past midnight belong
//! to the day they start on, and hours that touch or overlap count as one stretch, so a
//! line open all Thursday and all Friday is open "until Saturday 0:00".

use jiff::ZonedDateTime;
use jiff::civil::{Date, DateTime};

use super::holidays;
use crate::model::Hours;

/// How far ahead to look for the next opening before giving up (a line closed for
/// longer than this is shown as closed with no next date), or for the end of a stretch
/// of hours (a line open for longer than this is shown as open without an end).
const LOOKAHEAD_DAYS: usize = 400;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Open {
        /// `None` for a line open around the clock, every day of the year.
        closes_at: Option<ZonedDateTime>,
    },
    Closed {
        /// Why today is closed, when it is a whole day off: a holiday's or closure's name.
        reason: Option<Closed>,
        next_open: Option<ZonedDateTime>,
    },
}

/// Why a whole day is closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Closed {
    Holiday(&'static str),
    Closure(String),
    Exception(Option<String>),
}

impl Status {
    pub fn is_open(&self) -> bool {
        matches!(self, Status::Open { .. })
    }

    /// When this status stops being true.
    pub fn changes_at(&self) -> Option<&ZonedDateTime> {
        match self {
            Status::Open { closes_at } => closes_at.as_ref(),
            Status::Closed { next_open, .. } => next_open.as_ref(),
        }
    }
}

/// The hours that start on `date` (each may end the next day), in order, or why the
/// line keeps none that day.
pub fn spans(hours: &Hours, date: Date) -> Result<Vec<(DateTime, DateTime)>, Closed> {
    if let Some(ex) = hours.exceptions.iter().find(|e| e.date == date) {
        return match ex.open {
            Some((opens, closes)) => Ok(vec![(date.to_datetime(opens), date.to_datetime(closes))]),
            None => Err(Closed::Exception(ex.note.clone())),
        };
    }
    if hours.closed_on_national_holidays
        && let Some(h) = holidays::holiday(date)
    {
        return Err(Closed::Holiday(h.name()));
    }
    if let Some(c) = hours.closures.iter().find(|c| c.contains(date)) {
        return Err(Closed::Closure(c.name.clone()));
    }
    let mut out: Vec<(DateTime, DateTime)> = hours
        .rules
        .iter()
        .filter(|r| r.applies_on(date))
        .map(|r| r.span_on(date))
        .collect();
    out.sort();
    Ok(out)
}

pub fn status(hours: &Hours, now: &ZonedDateTime) -> Status {
    if hours.open_around_the_clock() {
        return Status::Open { closes_at: None };
    }
    let t = now.datetime();
    let today = now.date();
    let tz = now.time_zone().clone();
    let zoned = |dt: DateTime| dt.to_zoned_datetime(tz.clone()).ok();
    let reason = spans(hours, today).err();

    // Every stretch of hours in order, from those that start the day before (they may
    // run past midnight) on; touching or overlapping spans join into one stretch.
    let first = today.yesterday().unwrap_or(today);
    let days = std::iter::successors(Some(first), |d| d.tomorrow().ok()).take(LOOKAHEAD_DAYS + 2);
    let mut horizon = first;
    let mut stretch: Option<(DateTime, DateTime)> = None;
    for date in days {
        horizon = date;
        for (opens, closes) in spans(hours, date).unwrap_or_default() {
            match stretch {
                Some((s, e)) if opens <= e => stretch = Some((s, e.max(closes))),
                Some((s, e)) => {
                    if s <= t && t < e {
                        return Status::Open {
                            closes_at: zoned(e),
                        };
                    }
                    if s > t {
                        return Status::Closed {
                            reason,
                            next_open: zoned(s),
                        };
                    }
                    stretch = Some((opens, closes));
                }
                None => stretch = Some((opens, closes)),
            }
        }
    }
    let end_of_lookahead = horizon
        .tomorrow()
        .unwrap_or(horizon)
        .to_datetime(jiff::civil::Time::midnight());
    match stretch {
        Some((s, e)) if s <= t && t < e => Status::Open {
            // A stretch still going at the end of the lookahead has no known end.
            closes_at: if e < end_of_lookahead { zoned(e) } else { None },
        },
        Some((s, _)) if s > t => Status::Closed {
            reason,
            next_open: zoned(s),
        },
        _ => Status::Closed {
            reason,
            next_open: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Closure, Exception, HoursRule, MonthDay, Weekday};
    use jiff::civil::{date, time};

    fn ward() -> Hours {
        Hours {
            id: "ward".into(),
            name: "平日".into(),
            closed_on_national_holidays: true,
            rules: vec![HoursRule {
                days: vec![
                    Weekday::Mon,
                    Weekday::Tue,
                    Weekday::Wed,
                    Weekday::Thu,
                    Weekday::Fri,
                ],
                day_of_month: None,
                opens: time(8, 30, 0, 0),
                closes: time(17, 0, 0, 0),
                next_day: false,
            }],
            closures: vec![Closure {
                name: "年末年始".into(),
                dates: Some((
                    MonthDay { month: 12, day: 29 },
                    MonthDay { month: 1, day: 3 },
                )),
                confirmed: true,
            }],
            exceptions: vec![],
        }
    }

    fn at(s: &str) -> ZonedDateTime {
        s.parse::<jiff::Timestamp>()
            .unwrap()
            .to_zoned_datetime(jiff::tz::TimeZone::get("Asia/Tokyo").unwrap())
    }

    fn show(s: &Status) -> String {
        match s {
            Status::Open { closes_at } => match closes_at {
                Some(closes_at) => format!("open until {}", closes_at.datetime()),
                None => "open around the clock".to_string(),
            },
            Status::Closed { reason, next_open } => format!(
                "closed{} next {}",
                match reason {
                    Some(Closed::Holiday(n)) => format!(" ({n})"),
                    Some(Closed::Closure(n)) => format!(" ({n})"),
                    Some(Closed::Exception(n)) => format!(" (exception {n:?})"),
                    None => String::new(),
                },
                next_open
                    .as_ref()
                    .map_or("none".to_string(), |n| n.datetime().to_string())
            ),
        }
    }

    /// The edges: each row is an instant and what the dial says then.
    #[test]
    fn status_at_the_edges() {
        let h = ward();
        let table = [
            (
                "2026-11-25T08:29:00+09:00",
                "closed next 2026-11-25T08:30:00",
            ),
            (
                "2026-11-25T08:29:59+09:00",
                "closed next 2026-11-25T08:30:00",
            ),
            (
                "2026-11-25T08:30:00+09:00",
                "open until 2026-11-25T17:00:00",
            ),
            (
                "2026-11-25T16:59:00+09:00",
                "open until 2026-11-25T17:00:00",
            ),
            (
                "2026-11-25T16:59:59+09:00",
                "open until 2026-11-25T17:00:00",
            ),
            (
                "2026-11-25T17:00:00+09:00",
                "closed next 2026-11-26T08:30:00",
            ),
            // Friday evening to Monday morning.
            (
                "2026-11-27T17:00:00+09:00",
                "closed next 2026-11-30T08:30:00",
            ),
            (
                "2026-11-28T12:00:00+09:00",
                "closed next 2026-11-30T08:30:00",
            ),
            (
                "2026-11-29T23:59:00+09:00",
                "closed next 2026-11-30T08:30:00",
            ),
            // A named holiday on a Monday (勤労感謝の日).
            (
                "2026-11-23T10:00:00+09:00",
                "closed (勤労感謝の日) next 2026-11-24T08:30:00",
            ),
            // 振替休日 after the golden week run.
            (
                "2026-05-06T10:00:00+09:00",
                "closed (休日) next 2026-05-07T08:30:00",
            ),
            // 国民の休日 between 敬老の日 and 秋分の日: closed Monday to Wednesday.
            (
                "2026-09-22T10:00:00+09:00",
                "closed (休日) next 2026-09-24T08:30:00",
            ),
            (
                "2026-09-21T10:00:00+09:00",
                "closed (敬老の日) next 2026-09-24T08:30:00",
            ),
            // 振替休日 for 春分の日 on a Sunday.
            (
                "2027-03-22T10:00:00+09:00",
                "closed (休日) next 2027-03-23T08:30:00",
            ),
            // 年末年始: from the last weekday of December to the first weekday of January.
            (
                "2026-12-28T16:59:00+09:00",
                "open until 2026-12-28T17:00:00",
            ),
            (
                "2026-12-28T17:00:00+09:00",
                "closed next 2027-01-04T08:30:00",
            ),
            (
                "2026-12-29T08:30:00+09:00",
                "closed (年末年始) next 2027-01-04T08:30:00",
            ),
            (
                "2026-12-30T10:00:00+09:00",
                "closed (年末年始) next 2027-01-04T08:30:00",
            ),
            (
                "2027-01-01T10:00:00+09:00",
                "closed (元日) next 2027-01-04T08:30:00",
            ),
            (
                "2027-01-03T10:00:00+09:00",
                "closed (年末年始) next 2027-01-04T08:30:00",
            ),
            (
                "2027-01-04T08:30:00+09:00",
                "open until 2027-01-04T17:00:00",
            ),
            // The same instant given in UTC: 2026-11-25 23:30 UTC is 08:30 on the 26th in Tokyo.
            ("2026-11-25T23:30:00Z", "open until 2026-11-26T17:00:00"),
            ("2026-11-25T23:29:00Z", "closed next 2026-11-26T08:30:00"),
        ];
        let mut wrong = Vec::new();
        for (instant, expected) in table {
            let got = show(&status(&h, &at(instant)));
            if got != expected {
                wrong.push(format!("{instant}: expected {expected}, got {got}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn one_off_closures_and_openings() {
        let mut h = ward();
        h.exceptions = vec![
            Exception {
                date: date(2026, 12, 1),
                open: None,
                note: Some("研修のため".into()),
            },
            Exception {
                date: date(2026, 12, 5),
                open: Some((time(10, 0, 0, 0), time(12, 0, 0, 0))),
                note: None,
            },
        ];
        assert_eq!(
            show(&status(&h, &at("2026-12-01T09:00:00+09:00"))),
            "closed (exception Some(\"研修のため\")) next 2026-12-02T08:30:00"
        );
        // Saturday the 5th opens by exception.
        assert_eq!(
            show(&status(&h, &at("2026-12-04T17:30:00+09:00"))),
            "closed next 2026-12-05T10:00:00"
        );
        assert_eq!(
            show(&status(&h, &at("2026-12-05T11:00:00+09:00"))),
            "open until 2026-12-05T12:00:00"
        );
    }

    #[test]
    fn a_line_that_never_opens_has_no_next_opening() {
        let mut h = ward();
        h.rules.clear();
        assert_eq!(
            status(&h, &at("2026-11-25T10:00:00+09:00")),
            Status::Closed {
                reason: None,
                next_open: None
            }
        );
    }
}
