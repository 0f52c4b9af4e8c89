//! Opening hours as rules, the way a service states them: weekdays and times, closed on
//! national holidays, yearly closures (12-29 to 01-03), and one-off exceptions. The
//! schedule step computes from these; this module only holds them.

use jiff::civil::{Date, Time};

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

/// Open on `days` from `opens` (inclusive) to `closes` (exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoursRule {
    pub days: Vec<Weekday>,
    pub opens: Time,
    pub closes: Time,
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
