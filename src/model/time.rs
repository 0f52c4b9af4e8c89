//! Step 2 of the flow (model).
//!
//! Opening hours as rules, the way a service states them: weekdays (or a day of the
//! month) and times, hours that run past midnight, closed on national holidays, yearly
//! closures (12-29 to 01-03), and one-off exceptions. The schedule step computes from
//! these; this module only holds them.

use jiff::civil::{Date, DateTime, Time};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    /// The content spelling: `mon` … `sun`.
    pub fn parse(s: &str) -> Option<Weekday> {
        Some(match s {
            "mon" => Weekday::Mon,
            "tue" => Weekday::Tue,
            "wed" => Weekday::Wed,
            "thu" => Weekday::Thu,
            "fri" => Weekday::Fri,
            "sat" => Weekday::Sat,
            "sun" => Weekday::Sun,
            _ => return None,
        })
    }

    /// 0 for Monday … 6 for Sunday, the order of `labels.weekdays`.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The weekday of `date`.
    pub fn of(date: Date) -> Weekday {
        Weekday::ALL[usize::from(date.weekday().to_monday_zero_offset() as u8)]
    }

    pub fn to_jiff(self) -> jiff::civil::Weekday {
        match self {
            Weekday::Mon => jiff::civil::Weekday::Monday,
            Weekday::Tue => jiff::civil::Weekday::Tuesday,
            Weekday::Wed => jiff::civil::Weekday::Wednesday,
            Weekday::Thu => jiff::civil::Weekday::Thursday,
            Weekday::Fri => jiff::civil::Weekday::Friday,
            Weekday::Sat => jiff::civil::Weekday::Saturday,
            Weekday::Sun => jiff::civil::Weekday::Sunday,
        }
    }
}

/// A day of the year without a year, for closures that recur every year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct MonthDay {
    pub month: i8,
    pub day: i8,
}

impl MonthDay {
    /// `MM-DD`, a day that exists in a leap year.
    pub fn parse(s: &str) -> Option<MonthDay> {
        let (m, d) = s.split_once('-')?;
        if m.len() != 2 || d.len() != 2 {
            return None;
        }
        let month: i8 = m.parse().ok()?;
        let day: i8 = d.parse().ok()?;
        Date::new(2024, month, day).ok()?;
        Some(MonthDay { month, day })
    }
}

#[derive(Debug)]
pub struct Hours {
    pub id: String,
    pub name: String,
    pub closed_on_national_holidays: bool,
    pub rules: Vec<HoursRule>,
    pub closures: Vec<Closure>,
    pub exceptions: Vec<Exception>,
}

impl Hours {
    /// Open at every minute of every day, whatever the date: rules that together cover the
    /// whole week, and nothing that closes a day (no holidays off, no dated closures, no
    /// exceptions). Such a line is shown as "24 hours", never "open until".
    pub fn open_around_the_clock(&self) -> bool {
        if self.closed_on_national_holidays
            || self.closures.iter().any(|c| c.dates.is_some())
            || !self.exceptions.is_empty()
        {
            return false;
        }
        let mut spans: Vec<(i32, i32)> =
            self.rules.iter().flat_map(HoursRule::week_spans).collect();
        spans.sort_unstable();
        let mut covered = 0;
        for (start, end) in spans {
            if start > covered {
                return false;
            }
            covered = covered.max(end);
        }
        covered >= MINUTES_A_WEEK
    }
}

const MINUTES_A_DAY: i32 = 24 * 60;
const MINUTES_A_WEEK: i32 = 7 * MINUTES_A_DAY;

fn minutes(t: Time) -> i32 {
    i32::from(t.hour()) * 60 + i32::from(t.minute())
}

/// Open on `days` (or on `day_of_month`) from `opens` (inclusive) to `closes` (exclusive).
/// With `next_day`, `closes` is on the following day: the hours run past midnight
/// (12:00 to 05:30), end at midnight (06:00 to 00:00, written `24:00`), or last a whole
/// day (00:00 to 00:00 is 24 hours; 08:00 to 08:00 is from 8:00 to 8:00 the next day).
/// Validation makes sure `closes > opens` without `next_day`, and `closes <= opens` with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoursRule {
    /// The weekdays the hours start on; empty for a rule by `day_of_month`.
    pub days: Vec<Weekday>,
    /// The day of every month the hours start on (1 to 31; a month without that day has
    /// none).
    pub day_of_month: Option<i8>,
    pub opens: Time,
    pub closes: Time,
    pub next_day: bool,
}

impl HoursRule {
    /// Whether the hours start on `date`.
    pub fn applies_on(&self, date: Date) -> bool {
        match self.day_of_month {
            Some(day) => date.day() == day,
            None => self.days.contains(&Weekday::of(date)),
        }
    }

    /// How long the line is open each time, in minutes (1 to 1440).
    pub fn minutes(&self) -> i32 {
        let length = minutes(self.closes) - minutes(self.opens);
        if self.next_day {
            length + MINUTES_A_DAY
        } else {
            length
        }
    }

    /// From 00:00 to 24:00: the whole day.
    pub fn is_all_day(&self) -> bool {
        self.next_day && self.opens == Time::midnight() && self.closes == Time::midnight()
    }

    /// A weekday rule's hours as minutes of the week from Monday 00:00 (start inclusive,
    /// end exclusive); hours that run past Sunday midnight go on from Monday. None for a
    /// rule by day of the month, which falls on a different weekday each month.
    pub fn week_spans(&self) -> Vec<(i32, i32)> {
        let mut out = Vec::new();
        if self.day_of_month.is_some() {
            return out;
        }
        for d in &self.days {
            let start = d.index() as i32 * MINUTES_A_DAY + minutes(self.opens);
            let end = start + self.minutes();
            out.push((start, end.min(MINUTES_A_WEEK)));
            if end > MINUTES_A_WEEK {
                out.push((0, end - MINUTES_A_WEEK));
            }
        }
        out
    }

    /// The opening and closing of the hours that start on `date`.
    pub fn span_on(&self, date: Date) -> (DateTime, DateTime) {
        let closes_on = if self.next_day {
            date.tomorrow().unwrap_or(date)
        } else {
            date
        };
        (
            date.to_datetime(self.opens),
            closes_on.to_datetime(self.closes),
        )
    }
}

/// A yearly closure; `None` dates mean the period is known by name only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closure {
    pub name: String,
    pub dates: Option<(MonthDay, MonthDay)>,
    /// False when the dates are the editors' best knowledge, not confirmed.
    pub confirmed: bool,
}

impl Closure {
    /// Whether `date` falls in this closure; a period may run over the new year
    /// (12-29 to 01-03). A closure without dates contains no day.
    pub fn contains(&self, date: Date) -> bool {
        let md = MonthDay {
            month: date.month(),
            day: date.day(),
        };
        match self.dates {
            Some((from, to)) if from <= to => from <= md && md <= to,
            Some((from, to)) => md >= from || md <= to,
            None => false,
        }
    }
}

/// A one-off day: closed, or open at other times than the rules say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    pub date: Date,
    pub open: Option<(Time, Time)>,
    pub note: Option<String>,
}

/// For tests: a ward office's weekday hours, Monday to Friday 8:30 to 17:00, closed on
/// national holidays and over the year end (12-29 to 01-03, confirmed).
#[cfg(test)]
impl Hours {
    pub fn ward_weekdays() -> Hours {
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
                opens: jiff::civil::time(8, 30, 0, 0),
                closes: jiff::civil::time(17, 0, 0, 0),
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_day_accepts_real_days_only() {
        assert_eq!(
            MonthDay::parse("12-29"),
            Some(MonthDay { month: 12, day: 29 })
        );
        assert_eq!(
            MonthDay::parse("02-29"),
            Some(MonthDay { month: 2, day: 29 })
        );
        assert_eq!(MonthDay::parse("02-30"), None);
        assert_eq!(MonthDay::parse("13-01"), None);
        assert_eq!(MonthDay::parse("1-3"), None);
    }

    #[test]
    fn weekdays_round_trip() {
        for (i, w) in Weekday::ALL.iter().enumerate() {
            assert_eq!(w.index(), i);
        }
        assert_eq!(Weekday::parse("tue"), Some(Weekday::Tue));
        assert_eq!(Weekday::parse("Tuesday"), None);
    }
}
