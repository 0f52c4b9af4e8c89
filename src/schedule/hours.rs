//! Step 3 of the flow (schedule).
//!
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
        Hours::ward_weekdays()
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

    /// A rule as the content writes it: days (or a day of the month), opens, closes, and
    /// whether the closing time is on the next day.
    fn rule(
        days: &[Weekday],
        day_of_month: Option<i8>,
        opens: (i8, i8),
        closes: (i8, i8),
        next_day: bool,
    ) -> HoursRule {
        HoursRule {
            days: days.to_vec(),
            day_of_month,
            opens: time(opens.0, opens.1, 0, 0),
            closes: time(closes.0, closes.1, 0, 0),
            next_day,
        }
    }

    fn line(rules: Vec<HoursRule>) -> Hours {
        Hours {
            id: "line".into(),
            name: "line".into(),
            closed_on_national_holidays: false,
            rules,
            closures: vec![],
            exceptions: vec![],
        }
    }

    fn check_table(h: &Hours, table: &[(&str, &str)]) {
        let mut wrong = Vec::new();
        for (instant, expected) in table {
            let got = show(&status(h, &at(instant)));
            if got != *expected {
                wrong.push(format!("{instant}: expected {expected}, got {got}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// Every day from 12:00 to 5:30 the next morning (こころといのちのほっとライン).
    #[test]
    fn hours_that_run_past_midnight_belong_to_the_day_they_start() {
        let h = line(vec![rule(&Weekday::ALL, None, (12, 0), (5, 30), true)]);
        check_table(
            &h,
            &[
                // Tuesday 29 December 2026.
                (
                    "2026-12-29T11:59:00+09:00",
                    "closed next 2026-12-29T12:00:00",
                ),
                (
                    "2026-12-29T12:00:00+09:00",
                    "open until 2026-12-30T05:30:00",
                ),
                (
                    "2026-12-29T22:00:00+09:00",
                    "open until 2026-12-30T05:30:00",
                ),
                (
                    "2026-12-30T00:00:00+09:00",
                    "open until 2026-12-30T05:30:00",
                ),
                (
                    "2026-12-30T05:29:59+09:00",
                    "open until 2026-12-30T05:30:00",
                ),
                (
                    "2026-12-30T05:30:00+09:00",
                    "closed next 2026-12-30T12:00:00",
                ),
            ],
        );
        assert!(!h.open_around_the_clock());
    }

    /// After midnight, hours that started the day before still count on a holiday; the
    /// holiday's own hours do not.
    #[test]
    fn hours_past_midnight_into_a_holiday() {
        let mut h = line(vec![rule(&Weekday::ALL, None, (22, 0), (2, 0), true)]);
        h.closed_on_national_holidays = true;
        check_table(
            &h,
            &[
                // Sunday 22 November; Monday 23 November is 勤労感謝の日.
                (
                    "2026-11-22T22:00:00+09:00",
                    "open until 2026-11-23T02:00:00",
                ),
                (
                    "2026-11-23T01:00:00+09:00",
                    "open until 2026-11-23T02:00:00",
                ),
                (
                    "2026-11-23T02:00:00+09:00",
                    "closed (勤労感謝の日) next 2026-11-24T22:00:00",
                ),
                (
                    "2026-11-23T22:00:00+09:00",
                    "closed (勤労感謝の日) next 2026-11-24T22:00:00",
                ),
            ],
        );
    }

    /// 00:00 to 24:00 every day: open at every minute, shown without an end.
    #[test]
    fn twenty_four_hours_every_day_never_closes() {
        let h = line(vec![rule(&Weekday::ALL, None, (0, 0), (0, 0), true)]);
        assert!(h.rules[0].is_all_day());
        assert!(h.open_around_the_clock());
        for instant in [
            "2026-12-29T22:00:00+09:00",
            "2027-01-01T00:00:00+09:00",
            "2026-11-23T03:00:00+09:00",
        ] {
            assert_eq!(
                status(&h, &at(instant)),
                Status::Open { closes_at: None },
                "{instant}"
            );
        }
        // The same in two rules that meet at midnight, and overnight from 08:00.
        let split = line(vec![
            rule(
                &[Weekday::Mon, Weekday::Tue, Weekday::Wed],
                None,
                (0, 0),
                (0, 0),
                true,
            ),
            rule(
                &[Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun],
                None,
                (0, 0),
                (0, 0),
                true,
            ),
        ]);
        assert!(split.open_around_the_clock());
        let from_eight = line(vec![rule(&Weekday::ALL, None, (8, 0), (8, 0), true)]);
        assert!(from_eight.open_around_the_clock());
        // A yearly closure makes it close: open until the closure starts.
        let mut closing = line(vec![rule(&Weekday::ALL, None, (0, 0), (0, 0), true)]);
        closing.closures = vec![Closure {
            name: "年末年始".into(),
            dates: Some((
                MonthDay { month: 12, day: 29 },
                MonthDay { month: 1, day: 3 },
            )),
            confirmed: true,
        }];
        assert!(!closing.open_around_the_clock());
        check_table(
            &closing,
            &[
                (
                    "2026-12-20T10:00:00+09:00",
                    "open until 2026-12-29T00:00:00",
                ),
                (
                    "2026-12-30T10:00:00+09:00",
                    "closed (年末年始) next 2027-01-04T00:00:00",
                ),
            ],
        );
    }

    /// Mon, Thu, Fri 24 hours; Tue, Wed, Sat, Sun 6:00 to 24:00 (#いのちSOS). Hours that
    /// touch are one stretch: Thursday and Friday run on until Saturday 0:00.
    #[test]
    fn hours_that_touch_merge_into_one_stretch() {
        use Weekday::*;
        let h = line(vec![
            rule(&[Mon, Thu, Fri], None, (0, 0), (0, 0), true),
            rule(&[Tue, Wed, Sat, Sun], None, (6, 0), (0, 0), true),
        ]);
        assert!(!h.open_around_the_clock());
        check_table(
            &h,
            &[
                // Thursday 3 December 2026.
                // Wednesday's 6:00–24:00 meets it too.
                (
                    "2026-12-02T22:00:00+09:00",
                    "open until 2026-12-05T00:00:00",
                ),
                (
                    "2026-12-03T00:00:00+09:00",
                    "open until 2026-12-05T00:00:00",
                ),
                (
                    "2026-12-03T10:00:00+09:00",
                    "open until 2026-12-05T00:00:00",
                ),
                (
                    "2026-12-04T23:59:00+09:00",
                    "open until 2026-12-05T00:00:00",
                ),
                // Saturday: closed from midnight to 6:00.
                (
                    "2026-12-05T00:00:00+09:00",
                    "closed next 2026-12-05T06:00:00",
                ),
                (
                    "2026-12-05T03:00:00+09:00",
                    "closed next 2026-12-05T06:00:00",
                ),
                (
                    "2026-12-05T06:00:00+09:00",
                    "open until 2026-12-06T00:00:00",
                ),
                // Sunday 6:00 to 24:00 meets Monday's 24 hours: on until Tuesday 0:00.
                (
                    "2026-12-06T23:00:00+09:00",
                    "open until 2026-12-08T00:00:00",
                ),
                (
                    "2026-12-07T12:00:00+09:00",
                    "open until 2026-12-08T00:00:00",
                ),
                // Tuesday 00:30: Monday's hours are over, Tuesday's begin at 6:00.
                (
                    "2026-12-08T00:30:00+09:00",
                    "closed next 2026-12-08T06:00:00",
                ),
                (
                    "2026-12-08T10:00:00+09:00",
                    "open until 2026-12-09T00:00:00",
                ),
            ],
        );
    }

    /// Every day 16:00–21:00, and on the 10th of every month 8:00 to 8:00 the next day
    /// (自殺予防いのちの電話): the 10th's long hours take in that day's evening hours.
    #[test]
    fn a_day_of_the_month_rule() {
        let h = line(vec![
            rule(&Weekday::ALL, None, (16, 0), (21, 0), false),
            rule(&[], Some(10), (8, 0), (8, 0), true),
        ]);
        check_table(
            &h,
            &[
                (
                    "2026-12-09T22:00:00+09:00",
                    "closed next 2026-12-10T08:00:00",
                ),
                (
                    "2026-12-10T03:00:00+09:00",
                    "closed next 2026-12-10T08:00:00",
                ),
                (
                    "2026-12-10T08:00:00+09:00",
                    "open until 2026-12-11T08:00:00",
                ),
                (
                    "2026-12-10T17:00:00+09:00",
                    "open until 2026-12-11T08:00:00",
                ),
                (
                    "2026-12-10T22:00:00+09:00",
                    "open until 2026-12-11T08:00:00",
                ),
                (
                    "2026-12-11T03:00:00+09:00",
                    "open until 2026-12-11T08:00:00",
                ),
                (
                    "2026-12-11T08:00:00+09:00",
                    "closed next 2026-12-11T16:00:00",
                ),
                (
                    "2026-12-11T16:00:00+09:00",
                    "open until 2026-12-11T21:00:00",
                ),
            ],
        );
        // A day that some months do not have: the 31st is next in December.
        let h = line(vec![rule(&[], Some(31), (10, 0), (12, 0), false)]);
        check_table(
            &h,
            &[(
                "2026-11-15T10:00:00+09:00",
                "closed next 2026-12-31T10:00:00",
            )],
        );
    }
}
