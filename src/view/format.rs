//! Step 4 of the flow (view): dates, times, weekdays and rules written out in the content's
//! own words (`labels.toml`), so the engine holds no language of its own.

use jiff::ZonedDateTime;
use jiff::civil::{Date, Time};

use crate::model::{Closure, Cost, EventRule, Hours, HoursRule, Labels, MonthDay, Weekday};

pub fn date(l: &Labels, d: Date) -> String {
    fill_date(l, &l.date_format, d)
}

/// `{y}`, `{m}` (month number), `{mon}` (month name) and `{d}` in `pattern`.
fn fill_date(l: &Labels, pattern: &str, d: Date) -> String {
    let mut out = pattern
        .replace("{y}", &d.year().to_string())
        .replace("{m}", &d.month().to_string())
        .replace("{d}", &d.day().to_string());
    if out.contains("{mon}") {
        out = out.replace("{mon}", &month_name(l, d.month()));
    }
    out
}

/// The month's name from `months_short`, or its number where the labels have none.
fn month_name(l: &Labels, month: i8) -> String {
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| l.months_short.get(i))
        .cloned()
        .unwrap_or_else(|| month.to_string())
}

/// "12月22日(火)", with the year when it is not `this_year`'s.
pub fn date_weekday(l: &Labels, d: Date, this_year: i16) -> String {
    let pattern = if d.year() == this_year {
        &l.date_with_weekday
    } else {
        &l.date_with_year_weekday
    };
    let w = &l.weekdays_short[usize::from(d.weekday().to_monday_zero_offset() as u8)];
    fill_date(l, pattern, d).replace("{w}", w)
}

/// RFC 3339 with the offset, e.g. `2026-12-22T13:30:00+09:00`, for `<time datetime>` and
/// the JSON status.
pub fn rfc3339(t: &ZonedDateTime) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// A pattern split around one placeholder, so the value between can be marked up:
/// `("次は", "から")` for `次は{when}から`.
pub fn around<'p>(pattern: &'p str, key: &str) -> (&'p str, &'p str) {
    pattern.split_once(key).unwrap_or((pattern, ""))
}

/// The words of a pattern with two placeholders, around them: `{受付|うけつけ}は {days}、
/// {times}です。` is ("{受付|うけつけ}は ", "、", "です。"), for templates that put markup
/// (a `<time>`) where the placeholders are. Validation has checked the order.
pub fn around_two<'p>(pattern: &'p str, first: &str, second: &str) -> [&'p str; 3] {
    let (before, rest) = around(pattern, first);
    let (between, after) = around(rest, second);
    [before, between, after]
}

/// `pattern` (`time_range` or `date_range`) with its two ends: "8時30分〜17時",
/// "8時30分から 17時まで".
pub fn range(pattern: &str, from: &str, to: &str) -> String {
    let [before, between, after] = around_two(pattern, "{from}", "{to}");
    format!("{before}{from}{between}{to}{after}")
}

/// ISO 8601 date for `<time datetime>`.
pub fn iso_date(d: Date) -> String {
    d.to_string()
}

pub fn time(l: &Labels, t: Time) -> String {
    let pattern = if t.minute() == 0 {
        &l.time_format_on_the_hour
    } else {
        &l.time_format
    };
    fill_time(l, pattern, t)
}

/// `{h}` (24-hour), `{h12}`, `{mm}` and `{ampm}` in `pattern`.
fn fill_time(l: &Labels, pattern: &str, t: Time) -> String {
    let h12 = match t.hour() % 12 {
        0 => 12,
        h => h,
    };
    pattern
        .replace("{h12}", &h12.to_string())
        .replace("{h}", &t.hour().to_string())
        .replace("{mm}", &format!("{:02}", t.minute()))
        .replace("{ampm}", if t.hour() < 12 { &l.am } else { &l.pm })
}

/// `HH:MM` for `<time datetime>`.
pub fn iso_time(t: Time) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// "13時30分〜16時30分"; with a 12-hour clock the first time drops its am/pm when both
/// share it: "1:30–4:30 pm", "8:30 am–5 pm".
pub fn time_range(l: &Labels, from: Time, to: Time) -> String {
    let same_half = (from.hour() < 12) == (to.hour() < 12);
    let short = if from.minute() == 0 {
        &l.time_format_short_on_the_hour
    } else {
        &l.time_format_short
    };
    let first = match short {
        Some(pattern) if same_half && l.time_format.contains("{ampm}") => {
            fill_time(l, pattern, from)
        }
        _ => time(l, from),
    };
    range(&l.time_range, &first, &time(l, to))
}

fn month_day(l: &Labels, md: MonthDay) -> String {
    l.month_day_format
        .replace("{mon}", &month_name(l, md.month))
        .replace("{m}", &md.month.to_string())
        .replace("{d}", &md.day.to_string())
}

/// Two sentences one after the other: Japanese runs them together ("無料です。交通費は…"),
/// languages written with spaces need one between ("Free. You pay…").
pub fn sentences(first: &str, second: &str) -> String {
    let spaced = first
        .trim_end_matches(crate::model::inline::FALLBACK_END)
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii());
    if spaced {
        format!("{first} {second}")
    } else {
        format!("{first}{second}")
    }
}

/// What a service costs, with the content's note after it as a second sentence:
/// "無料です。交通費は…", "Free. You pay…". Pages and open data say it the same way.
pub fn cost(l: &Labels, cost: Cost, note: Option<&str>) -> String {
    let text = match cost {
        Cost::Free => &l.cost_free,
        Cost::Paid => &l.cost_paid,
        Cost::Unknown => &l.cost_unknown,
    };
    match note {
        Some(note) => sentences(text, note),
        None => text.clone(),
    }
}

/// The days a line or service is closed beyond its weekly rules: national holidays and
/// yearly closures ("祝日・休日", "年末年始（12月29日〜1月3日）").
pub fn closed_days(l: &Labels, hours: &Hours) -> Vec<String> {
    let mut closed = Vec::new();
    if hours.closed_on_national_holidays {
        closed.push(l.closed_on_national_holidays.clone());
    }
    closed.extend(hours.closures.iter().map(|c| closure(l, c)));
    closed
}

/// "休み: 祝日・休日、年末年始（12月29日〜1月3日）", or nothing when no day is closed.
pub fn closed_line(l: &Labels, hours: &Hours) -> Option<String> {
    let closed = closed_days(l, hours);
    (!closed.is_empty()).then(|| format!("{}: {}", l.closed, closed.join(&l.list_separator)))
}

/// The times of an hours rule: "8時30分〜17時", "8時〜翌8時", "24時間".
pub fn rule_times(l: &Labels, r: &HoursRule) -> String {
    if r.is_all_day() {
        l.all_day.clone()
    } else if r.next_day {
        range(&l.time_range, &time(l, r.opens), &rule_closes(l, r))
    } else {
        time_range(l, r.opens, r.closes)
    }
}

/// One rule of opening hours: "月曜日〜金曜日 8時30分〜17時", "毎月10日 8時〜翌8時",
/// "月曜日 24時間" (the same words as the hours table of a contact block).
pub fn hours_rule(l: &Labels, r: &HoursRule) -> String {
    format!("{} {}", rule_days(l, r), rule_times(l, r))
}

/// Every rule of the hours as the language writes them on a page: one sentence each where
/// it has `hours_sentence` ("受付は 月曜日から 金曜日まで、8時30分から 17時までです。"),
/// else the rules as a list ("月曜日〜金曜日 8時30分〜17時、土曜日 10時〜12時").
pub fn hours_rules(l: &Labels, hours: &Hours) -> String {
    match &l.hours_sentence {
        Some(pattern) => hours
            .rules
            .iter()
            .map(|r| {
                pattern
                    .replace("{days}", &rule_days(l, r))
                    .replace("{times}", &rule_times(l, r))
            })
            .reduce(|text, next| sentences(&text, &next))
            .unwrap_or_default(),
        None => {
            let rules: Vec<String> = hours.rules.iter().map(|r| hours_rule(l, r)).collect();
            rules.join(&l.list_separator)
        }
    }
}

/// The closed days, a sentence each: "祝日・休日は休みです。年末年始（…）は休みです。". A
/// language that says its hours as sentences (`hours_sentence`) says a closure's note as
/// sentences of their own after it, not inside brackets in the middle of one:
/// "年末年始は 休みです。12月29日から 1月3日までの 予定です。今 確かめて います。".
pub fn closed_sentences(l: &Labels, hours: &Hours) -> Option<String> {
    let closed = |days: &str| l.closed_sentence.replace("{days}", days);
    let mut said = Vec::new();
    if hours.closed_on_national_holidays {
        said.push(closed(&l.closed_on_national_holidays));
    }
    for c in &hours.closures {
        match (&l.hours_sentence, closure_dates(l, c)) {
            (Some(_), Some(dates)) if !c.confirmed => {
                said.push(closed(&c.name));
                said.push(l.closure_dates_unconfirmed.replace("{dates}", &dates));
            }
            (Some(_), None) => {
                said.push(closed(&c.name));
                said.push(l.closure_dates_unknown.clone());
            }
            _ => said.push(closed(&closure(l, c))),
        }
    }
    said.into_iter()
        .reduce(|text, next| sentences(&text, &next))
}

/// What is closed, as the rules are said by `hours_rules`: sentences after sentences,
/// "休み: 祝日・休日、…" after a list.
pub fn closed_said(l: &Labels, hours: &Hours) -> Option<String> {
    match l.hours_sentence {
        Some(_) => closed_sentences(l, hours),
        None => closed_line(l, hours),
    }
}

/// Opening hours in one line of text, for open data and calendars: "受付時間（平日）:
/// 月曜日〜金曜日 8時30分〜17時 休み: 祝日・休日、…".
pub fn hours_in_words(l: &Labels, hours: &Hours) -> String {
    let rules: Vec<String> = hours.rules.iter().map(|r| hours_rule(l, r)).collect();
    let mut text = format!(
        "{}: {}",
        aside(l, &l.hours, &hours.name),
        rules.join(&l.list_separator)
    );
    if let Some(closed) = closed_line(l, hours) {
        text.push(' ');
        text.push_str(&closed);
    }
    text
}

/// "text（note）" in the content's own brackets.
pub fn aside(l: &Labels, text: &str, note: &str) -> String {
    l.aside.replace("{text}", text).replace("{note}", note)
}

/// A yearly closure: "年末年始（12月29日〜1月3日）", or the name and a note that the dates
/// are to be confirmed.
pub fn closure(l: &Labels, c: &Closure) -> String {
    match closure_dates(l, c) {
        Some(dates) if c.confirmed => aside(l, &c.name, &dates),
        Some(dates) => aside(
            l,
            &c.name,
            &l.closure_dates_unconfirmed.replace("{dates}", &dates),
        ),
        None => aside(l, &c.name, &l.closure_dates_unknown),
    }
}

/// A yearly closure's dates: "12月29日〜1月3日"; `None` where they are not known.
fn closure_dates(l: &Labels, c: &Closure) -> Option<String> {
    c.dates
        .map(|(from, to)| range(&l.date_range, &month_day(l, from), &month_day(l, to)))
}

/// Weekdays in week order; three or more in a row are written as a range
/// ("月曜日〜金曜日"), others are listed.
pub fn weekdays(l: &Labels, days: &[Weekday]) -> String {
    let mut sorted: Vec<Weekday> = days.to_vec();
    sorted.sort();
    sorted.dedup();
    if sorted.len() == Weekday::ALL.len() {
        return l.every_day.clone();
    }
    let mut runs: Vec<(Weekday, Weekday)> = Vec::new();
    for d in sorted {
        match runs.last_mut() {
            Some((_, end)) if end.index() + 1 == d.index() => *end = d,
            _ => runs.push((d, d)),
        }
    }
    let mut parts = Vec::new();
    for (start, end) in runs {
        let span = end.index() - start.index();
        match span {
            0 => parts.push(l.weekdays[start.index()].clone()),
            1 => {
                parts.push(l.weekdays[start.index()].clone());
                parts.push(l.weekdays[end.index()].clone());
            }
            _ => parts.push(range(
                &l.date_range,
                &l.weekdays[start.index()],
                &l.weekdays[end.index()],
            )),
        }
    }
    parts.join(&l.list_separator)
}

/// The days an hours rule starts on: "月曜日〜金曜日", "毎日", "毎月10日".
pub fn rule_days(l: &Labels, r: &HoursRule) -> String {
    match r.day_of_month {
        Some(d) => l.day_of_month.replace("{d}", &d.to_string()),
        None => weekdays(l, &r.days),
    }
}

/// The closing time of an hours rule: "17時", "24時" (midnight), "翌5時30分".
pub fn rule_closes(l: &Labels, r: &HoursRule) -> String {
    if r.next_day && r.closes == Time::midnight() {
        l.midnight.clone()
    } else if r.next_day {
        l.next_day.replace("{time}", &time(l, r.closes))
    } else {
        time(l, r.closes)
    }
}

/// When a stretch of open hours ends, as "until …" says it: the time alone when it is
/// today, with the date when it is not. Midnight is the end of the day before ("24時"),
/// so a line open all Friday is open "until Friday 24:00", not "until Saturday 0:00".
pub fn closing(l: &Labels, at: &ZonedDateTime, now: &ZonedDateTime) -> String {
    let (day, time_text) = if at.time() == Time::midnight() {
        (
            at.date().yesterday().unwrap_or(at.date()),
            l.midnight.clone(),
        )
    } else {
        (at.date(), time(l, at.time()))
    };
    if day == now.date() {
        time_text
    } else {
        format!("{} {time_text}", date_weekday(l, day, now.year()))
    }
}

fn nth_weekday(l: &Labels, r: &EventRule) -> String {
    let nth = l
        .ordinals
        .get(usize::from(r.nth).saturating_sub(1))
        .cloned()
        .unwrap_or_else(|| r.nth.to_string());
    l.nth_weekday_format
        .replace("{nth}", &nth)
        .replace("{n}", &r.nth.to_string())
        .replace("{weekday}", &l.weekdays[r.weekday.index()])
}

/// How an event recurs, in words. Rules that share a period equal to their number, with
/// start months one apart, are an alternation ("第4火曜日と第4日曜日（月ごとに交互）").
pub fn recurrence(l: &Labels, rules: &[EventRule]) -> String {
    let n = rules.len();
    let alternates = n > 1
        && rules.iter().all(|r| usize::from(r.every_months) == n)
        && rules.iter().all(|r| r.start_month.is_some());
    if alternates {
        let names: Vec<String> = rules.iter().map(|r| nth_weekday(l, r)).collect();
        return l.alternating.replace("{rules}", &names.join(&l.and));
    }
    rules
        .iter()
        .map(|r| {
            let day = nth_weekday(l, r);
            if r.every_months == 1 {
                l.every_month.replace("{rule}", &day)
            } else {
                l.every_n_months
                    .replace("{n}", &r.every_months.to_string())
                    .replace("{rule}", &day)
            }
        })
        .collect::<Vec<_>>()
        .join(&l.list_separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundled labels, with a translation's keys laid over them.
    fn labels_in(language: Option<&str>) -> Labels {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/labels.toml"))
                .unwrap();
        let mut table: toml::Table = toml::from_str(&text).unwrap();
        let translations = table.remove("translations").unwrap();
        // The form's words carry their own translations; these tests do not use them.
        table.remove("feedback");
        if let Some(language) = language {
            let toml::Value::Table(t) = &translations[language] else {
                panic!("no {language} labels")
            };
            table.extend(t.clone());
        }
        table.try_into().unwrap()
    }

    fn labels() -> Labels {
        labels_in(None)
    }

    #[test]
    fn dates_and_times_in_english() {
        let l = labels_in(Some("en"));
        let (t, d) = (jiff::civil::time, jiff::civil::date);
        assert_eq!(date(&l, d(2026, 11, 25)), "Nov 25, 2026");
        assert_eq!(date_weekday(&l, d(2026, 12, 22), 2026), "Dec 22 (Tue)");
        assert_eq!(date_weekday(&l, d(2027, 1, 24), 2026), "Jan 24, 2027 (Sun)");
        assert_eq!(
            time_range(&l, t(13, 30, 0, 0), t(16, 30, 0, 0)),
            "1:30–4:30 pm"
        );
        assert_eq!(
            time_range(&l, t(8, 30, 0, 0), t(17, 0, 0, 0)),
            "8:30 am–5 pm"
        );
        assert_eq!(
            time_range(&l, t(10, 0, 0, 0), t(11, 30, 0, 0)),
            "10–11:30 am"
        );
        assert_eq!(time(&l, t(0, 5, 0, 0)), "12:05 am");
        assert_eq!(time(&l, t(12, 0, 0, 0)), "12 pm");
        let rule = EventRule {
            nth: 4,
            weekday: Weekday::Tue,
            every_months: 1,
            start_month: None,
        };
        assert_eq!(nth_weekday(&l, &rule), "4th Tuesday");
    }

    #[test]
    fn dates_and_times_in_japanese() {
        let l = labels();
        assert_eq!(date(&l, jiff::civil::date(2026, 11, 25)), "2026年11月25日");
        assert_eq!(time(&l, jiff::civil::time(8, 30, 0, 0)), "8時30分");
        assert_eq!(time(&l, jiff::civil::time(17, 0, 0, 0)), "17時");
        assert_eq!(
            time_range(
                &l,
                jiff::civil::time(13, 30, 0, 0),
                jiff::civil::time(16, 30, 0, 0)
            ),
            "13時30分〜16時30分"
        );
    }

    #[test]
    fn dates_with_weekdays_and_years() {
        let l = labels();
        assert_eq!(
            date_weekday(&l, jiff::civil::date(2026, 12, 22), 2026),
            "12月22日(火)"
        );
        assert_eq!(
            date_weekday(&l, jiff::civil::date(2027, 1, 4), 2026),
            "2027年1月4日(月)"
        );
        let t: jiff::Timestamp = "2026-12-22T04:30:00Z".parse().unwrap();
        let tokyo = t.to_zoned_datetime(jiff::tz::TimeZone::get("Asia/Tokyo").unwrap());
        assert_eq!(rfc3339(&tokyo), "2026-12-22T13:30:00+09:00");
        assert_eq!(around("次は{when}から", "{when}"), ("次は", "から"));
    }

    #[test]
    fn weekday_runs() {
        let l = labels();
        use Weekday::*;
        assert_eq!(weekdays(&l, &[Mon, Tue, Wed, Thu, Fri]), "月曜日〜金曜日");
        assert_eq!(weekdays(&l, &[Sat, Sun]), "土曜日、日曜日");
        assert_eq!(
            weekdays(&l, &[Mon, Wed, Thu, Fri]),
            "月曜日、水曜日〜金曜日"
        );
    }

    #[test]
    fn alternation_and_monthly_rules() {
        let l = labels();
        let start = Some(jiff::civil::date(2026, 12, 1));
        let tue = EventRule {
            nth: 4,
            weekday: Weekday::Tue,
            every_months: 2,
            start_month: start,
        };
        let sun = EventRule {
            nth: 4,
            weekday: Weekday::Sun,
            every_months: 2,
            start_month: start,
        };
        assert_eq!(
            recurrence(&l, &[tue, sun]),
            "第4火曜日と第4日曜日（月ごとに交互）"
        );
        let sat = EventRule {
            nth: 2,
            weekday: Weekday::Sat,
            every_months: 1,
            start_month: None,
        };
        assert_eq!(recurrence(&l, &[sat]), "毎月第2土曜日");
    }

    #[test]
    fn ranges_in_symbols_and_in_words() {
        assert_eq!(around_two("{from}〜{to}", "{from}", "{to}"), ["", "〜", ""]);
        assert_eq!(
            around_two(
                "{受付|うけつけ}は {days}、{times}です。",
                "{days}",
                "{times}"
            ),
            ["{受付|うけつけ}は ", "、", "です。"]
        );
        assert_eq!(range("{from}〜{to}", "8時", "17時"), "8時〜17時");
        assert_eq!(
            range("{from}から {to}まで", "8時", "17時"),
            "8時から 17時まで"
        );
        let easy = labels_in(Some("easy"));
        let t = jiff::civil::time;
        assert_eq!(
            strip_ruby(&time_range(&easy, t(13, 30, 0, 0), t(16, 30, 0, 0))),
            "13時30分から 16時30分まで"
        );
        let mon_to_fri = [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ];
        assert_eq!(
            strip_ruby(&weekdays(&easy, &mon_to_fri)),
            "月曜日から 金曜日まで"
        );
        assert_eq!(weekdays(&labels(), &mon_to_fri), "月曜日〜金曜日");
    }

    /// "{漢字|かんじ}" as its base, "漢字", to compare with what a reader reads.
    fn strip_ruby(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = rest[open..].find('}').unwrap() + open;
            let inner = &rest[open + 1..close];
            out.push_str(inner.split_once('|').map_or(inner, |(base, _)| base));
            rest = &rest[close + 1..];
        }
        out + rest
    }

    /// The dial's hours and closures as the pages say them: in a list and brackets where
    /// a language has no `hours_sentence`, in sentences where it has one.
    #[test]
    fn hours_and_closures_as_sentences() {
        let mut hours = Hours::ward_weekdays();
        // The dial's closure: the ward office's dates, not confirmed for the dial.
        hours.closures[0].confirmed = false;
        let ja = labels();
        assert_eq!(hours_rules(&ja, &hours), "月曜日〜金曜日 8時30分〜17時");
        assert_eq!(
            closed_sentences(&ja, &hours).unwrap(),
            "祝日・休日は休みです。年末年始（12月29日〜1月3日の見込み。確認中です）は休みです。"
        );
        assert_eq!(
            closed_said(&ja, &hours).unwrap(),
            "休み: 祝日・休日、年末年始（12月29日〜1月3日の見込み。確認中です）"
        );
        let easy = labels_in(Some("easy"));
        assert_eq!(
            strip_ruby(&hours_rules(&easy, &hours)),
            "受付は 月曜日から 金曜日まで、8時30分から 17時までです。"
        );
        // The note on the dates is a sentence of its own, not brackets inside one.
        let closed = strip_ruby(&closed_said(&easy, &hours).unwrap());
        assert_eq!(
            closed,
            "祝日・休日（国の 休みの 日）は 休みです。年末年始は 休みです。12月29日から 1月3日までの 予定です。今 確かめて います。"
        );
        let unknown = Hours {
            closures: vec![Closure {
                dates: None,
                ..hours.closures[0].clone()
            }],
            closed_on_national_holidays: false,
            rules: Vec::new(),
            exceptions: Vec::new(),
            ..hours
        };
        assert_eq!(
            strip_ruby(&closed_sentences(&easy, &unknown).unwrap()),
            "年末年始は 休みです。いつから いつまでかは 聞いて ください。"
        );
    }

    #[test]
    fn hours_past_midnight_and_closing_times() {
        let (t, d) = (jiff::civil::time, jiff::civil::date);
        let overnight = HoursRule {
            days: Weekday::ALL.to_vec(),
            day_of_month: None,
            opens: t(12, 0, 0, 0),
            closes: t(5, 30, 0, 0),
            next_day: true,
        };
        let to_midnight = HoursRule {
            closes: t(0, 0, 0, 0),
            opens: t(6, 0, 0, 0),
            ..overnight.clone()
        };
        let tenth = HoursRule {
            days: Vec::new(),
            day_of_month: Some(10),
            ..overnight.clone()
        };
        let ja = labels();
        assert_eq!(rule_days(&ja, &overnight), "毎日");
        assert_eq!(rule_days(&ja, &tenth), "毎月10日");
        assert_eq!(rule_closes(&ja, &overnight), "翌5時30分");
        assert_eq!(rule_closes(&ja, &to_midnight), "24時");
        let en = labels_in(Some("en"));
        assert_eq!(rule_days(&en, &tenth), "Day 10 of every month");
        assert_eq!(rule_closes(&en, &overnight), "5:30 am the next day");
        assert_eq!(rule_closes(&en, &to_midnight), "midnight");

        let tz = jiff::tz::TimeZone::get("Asia/Tokyo").unwrap();
        let zoned = |y, m, day, h, min| {
            d(y, m, day)
                .to_datetime(t(h, min, 0, 0))
                .to_zoned_datetime(tz.clone())
                .unwrap()
        };
        // Tuesday 29 December, 22:00.
        let now = zoned(2026, 12, 29, 22, 0);
        // Midnight is the end of the day before: today's "24時".
        assert_eq!(closing(&ja, &zoned(2026, 12, 30, 0, 0), &now), "24時");
        assert_eq!(
            closing(&ja, &zoned(2026, 12, 30, 5, 30), &now),
            "12月30日(水) 5時30分"
        );
        assert_eq!(
            closing(&en, &zoned(2027, 1, 2, 0, 0), &now),
            "Jan 1, 2027 (Fri) midnight"
        );
    }
}
