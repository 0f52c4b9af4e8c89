//! Japanese national holidays (国民の祝日), computed by rule for 2019–2030: the years
//! tested against the Cabinet Office's list (`tests/fixtures/holidays.csv`). Outside
//! them no day is a holiday (`holiday` is `None`): a line closed on national holidays
//! is shown by its weekly rules alone, and its yearly closures. Extend `YEARS` with the
//! list when the Cabinet Office publishes the next years.
//!
//! Why hand-written: no maintained crate covers the current law for our toolchain
//! (the crates that exist stop at old law, or pull in a whole calendar framework), and the
//! rules are short. They follow 「国民の祝日に関する法律」 as amended:
//! - fixed days (元日, 建国記念の日, 天皇誕生日, 昭和の日, …);
//! - the Monday holidays (成人の日, 海の日, 敬老の日, スポーツの日/体育の日);
//! - 春分の日 and 秋分の日 by the astronomical approximation (valid for 1980–2099);
//! - 振替休日: a holiday on a Sunday moves to the next day that is not a holiday;
//! - 国民の休日: a day between two holidays is a holiday;
//! - the years changed by special law (2019 enthronement, 2020 and 2021 Olympics) are an
//!   explicit table (`SPECIAL_YEARS`).
//!

use jiff::civil::{Date, Weekday};

/// What makes a day a holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    /// A named national holiday, e.g. 勤労感謝の日.
    Named(&'static str),
    /// 振替休日: the day after a holiday that fell on a Sunday.
    Substitute,
    /// 国民の休日: a day between two holidays.
    Between,
}

impl Holiday {
    /// The name as the Cabinet Office lists it (both kinds of extra day are 「休日」).
    pub fn name(self) -> &'static str {
        match self {
            Holiday::Named(name) => name,
            Holiday::Substitute | Holiday::Between => "休日",
        }
    }
}

/// The first and last year the rules here hold for: the years of the Cabinet Office's
/// list the tests compare them with.
pub const YEARS: std::ops::RangeInclusive<i16> = 2019..=2030;

/// Is `date` a national holiday? `None` outside `YEARS` as well as on ordinary days.
pub fn holiday(date: Date) -> Option<Holiday> {
    if !YEARS.contains(&date.year()) {
        return None;
    }
    if let Some(name) = named(date) {
        return Some(Holiday::Named(name));
    }
    if is_substitute(date) {
        return Some(Holiday::Substitute);
    }
    // 国民の休日: an ordinary day between two named holidays, not a Sunday.
    if date.weekday() != Weekday::Sunday
        && named(date.yesterday().ok()?).is_some()
        && named(date.tomorrow().ok()?).is_some()
    {
        return Some(Holiday::Between);
    }
    None
}

pub fn is_holiday(date: Date) -> bool {
    holiday(date).is_some()
}

/// Every holiday of `year`, in date order.
pub fn holidays_in(year: i16) -> Vec<(Date, Holiday)> {
    let Ok(mut d) = Date::new(year, 1, 1) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while d.year() == year {
        if let Some(h) = holiday(d) {
            out.push((d, h));
        }
        match d.tomorrow() {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    out
}

/// 振替休日 ("the next day that is not a holiday"): walk back
/// over the named holidays just before this day; if that run starts after a Sunday
/// holiday, this is its substitute.
fn is_substitute(date: Date) -> bool {
    if named(date).is_some() {
        return false;
    }
    let mut d = date;
    loop {
        let Ok(prev) = d.yesterday() else {
            return false;
        };
        if named(prev).is_none() {
            return false;
        }
        if prev.weekday() == Weekday::Sunday {
            return true;
        }
        d = prev;
    }
}

/// Holidays set by special law for single years; they replace the normal rule for the
/// holiday of the same name in that year.
const SPECIAL_YEARS: &[(i16, i8, i8, &str)] = &[
    (2019, 5, 1, "天皇の即位の日"),
    (2019, 10, 22, "即位礼正殿の儀の行われる日"),
    (2020, 7, 23, "海の日"),
    (2020, 7, 24, "スポーツの日"),
    (2020, 8, 10, "山の日"),
    (2021, 7, 22, "海の日"),
    (2021, 7, 23, "スポーツの日"),
    (2021, 8, 8, "山の日"),
];

fn special(year: i16, name: &str) -> bool {
    SPECIAL_YEARS
        .iter()
        .any(|&(y, _, _, n)| y == year && n == name)
}

/// The named national holiday on `date`, if any.
fn named(date: Date) -> Option<&'static str> {
    let (y, m, d) = (date.year(), date.month(), date.day());
    if let Some(&(_, _, _, name)) = SPECIAL_YEARS
        .iter()
        .find(|&&(sy, sm, sd, _)| sy == y && sm == m && sd == d)
    {
        return Some(name);
    }
    let monday = |nth: i8| nth_monday(y, m, nth) == Some(d);
    // The law as it stands since 2019 (the 2019 changes of era, and 2020's renaming of
    // 体育の日 to スポーツの日 and 天皇誕生日 moved to 23 February).
    let name = match (m, d) {
        (1, 1) => "元日",
        (1, _) if monday(2) => "成人の日",
        (2, 11) => "建国記念の日",
        (2, 23) if y >= 2020 => "天皇誕生日",
        (3, _) if d == vernal_equinox(y) => "春分の日",
        (4, 29) => "昭和の日",
        (5, 3) => "憲法記念日",
        (5, 4) => "みどりの日",
        (5, 5) => "こどもの日",
        (7, _) if monday(3) && !special(y, "海の日") => "海の日",
        (8, 11) if !special(y, "山の日") => "山の日",
        (9, _) if monday(3) => "敬老の日",
        (9, _) if d == autumnal_equinox(y) => "秋分の日",
        (10, _) if y >= 2020 && monday(2) && !special(y, "スポーツの日") => "スポーツの日",
        (10, _) if y < 2020 && monday(2) => "体育の日",
        (11, 3) => "文化の日",
        (11, 23) => "勤労感謝の日",
        _ => return None,
    };
    Some(name)
}

/// Day of March of 春分の日, by the approximation valid for 1980–2099.
fn vernal_equinox(year: i16) -> i8 {
    equinox_day(20.8431, year)
}

/// Day of September of 秋分の日, by the approximation valid for 1980–2099.
fn autumnal_equinox(year: i16) -> i8 {
    equinox_day(23.2488, year)
}

fn equinox_day(base: f64, year: i16) -> i8 {
    let n = f64::from(year - 1980);
    (base + 0.242194 * n - (n / 4.0).floor()).floor() as i8
}

/// Day of the month of the `nth` Monday.
fn nth_monday(year: i16, month: i8, nth: i8) -> Option<i8> {
    let first = Date::new(year, month, 1).ok()?;
    let offset = (7 + 1 - first.weekday().to_monday_one_offset()) % 7;
    Some(1 + offset + 7 * (nth - 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn each_kind_of_holiday() {
        assert_eq!(
            holiday(date(2026, 11, 23)),
            Some(Holiday::Named("勤労感謝の日"))
        );
        assert_eq!(holiday(date(2026, 5, 6)), Some(Holiday::Substitute));
        assert_eq!(holiday(date(2026, 9, 22)), Some(Holiday::Between));
        assert_eq!(holiday(date(2027, 3, 22)), Some(Holiday::Substitute));
        assert_eq!(holiday(date(2026, 1, 12)), Some(Holiday::Named("成人の日")));
        assert_eq!(holiday(date(2026, 3, 20)), Some(Holiday::Named("春分の日")));
        assert_eq!(holiday(date(2026, 11, 24)), None);
        assert_eq!(
            holiday(date(2026, 12, 29)),
            None,
            "年末年始 is a closure, not a holiday"
        );
    }

    #[test]
    fn special_law_years() {
        assert_eq!(holiday(date(2019, 4, 30)), Some(Holiday::Between));
        assert_eq!(
            holiday(date(2019, 5, 1)),
            Some(Holiday::Named("天皇の即位の日"))
        );
        assert_eq!(
            holiday(date(2020, 7, 24)),
            Some(Holiday::Named("スポーツの日"))
        );
        assert_eq!(holiday(date(2020, 10, 12)), None, "moved to 7/24 that year");
        assert_eq!(holiday(date(2021, 8, 9)), Some(Holiday::Substitute));
        assert_eq!(holiday(date(2021, 8, 11)), None, "moved to 8/8 that year");
    }

    #[test]
    fn outside_the_supported_years_no_day_is_a_holiday() {
        // Holidays in fact (2018's 振替休日 for 天皇誕生日, 2031's 元日 and 成人の日),
        // but not in the years the rules are tested for.
        assert_eq!(holiday(date(2018, 12, 24)), None);
        assert_eq!(holiday(date(2031, 1, 1)), None);
        assert_eq!(holiday(date(2031, 1, 13)), None);
        assert_eq!(holiday(date(2100, 1, 1)), None);
        assert!(holidays_in(2018).is_empty());
        assert!(holidays_in(2031).is_empty());
        // The first and the last day of the range are holidays.
        assert_eq!(holiday(date(2019, 1, 1)), Some(Holiday::Named("元日")));
        assert_eq!(
            holiday(date(2030, 11, 23)),
            Some(Holiday::Named("勤労感謝の日"))
        );
    }
}
