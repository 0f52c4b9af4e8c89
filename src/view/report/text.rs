//! Step 4 of the flow (view): the editors' to-do list as text, in Japanese or English.
//! Every sentence is here, one `match` on the language each; ids, keys and values stay as
//! they are written in the content, so an editor can search for them.

use std::fmt::Write;

use super::{
    Item, NotKnown, Report, Review, Rule, SourceDue, Special, SpecialDate, Unconfirmed,
    Untranslated,
};
use crate::model::Lang;

impl Report {
    /// The report as text in its language.
    pub fn text(&self) -> String {
        let lang = match self.language {
            "ja" => Lang::Ja,
            _ => Lang::En,
        };
        let mut out = String::new();
        let today = day(lang, &self.today);
        let _ = match lang {
            Lang::Ja => writeln!(
                out,
                "編集のための確認リスト\nコンテンツ: {}　今日: {today}",
                self.content
            ),
            Lang::En => writeln!(
                out,
                "Editors' to-do list\nContent: {}   Today: {today}",
                self.content
            ),
        };
        section(
            &mut out,
            lang,
            &self.not_known,
            not_known_heading,
            not_known,
        );
        section(
            &mut out,
            lang,
            &self.unconfirmed,
            unconfirmed_heading,
            unconfirmed,
        );
        let days = self.stale_after_days;
        section(
            &mut out,
            lang,
            &self.stale,
            |lang, n| stale_heading(lang, n, days),
            review,
        );
        if !self.review_soon.is_empty() {
            let _ = match lang {
                Lang::Ja => writeln!(
                    out,
                    "これから {} 日のうちに時期が来るもの:",
                    super::DAYS_AHEAD
                ),
                Lang::En => writeln!(out, "Coming due in the next {} days:", super::DAYS_AHEAD),
            };
            for r in &self.review_soon {
                let _ = writeln!(out, "- {}", review(lang, r));
            }
        }
        untranslated(&mut out, lang, &self.untranslated);
        section(
            &mut out,
            lang,
            &self.sources_not_read,
            sources_heading,
            source,
        );
        let (from, until) = (day(lang, &self.today), day(lang, &self.special_dates_until));
        section(
            &mut out,
            lang,
            &self.special_dates,
            |lang, _| match lang {
                Lang::Ja => format!(
                    "これから {} 日の特別な日（{from}〜{until}）",
                    super::DAYS_AHEAD
                ),
                Lang::En => format!(
                    "Special dates in the next {} days ({from} to {until})",
                    super::DAYS_AHEAD
                ),
            },
            special,
        );
        match &self.wrong_reports {
            Some(pages) => section(&mut out, lang, pages, wrong_heading, wrong),
            None => {
                let _ = writeln!(
                    out,
                    "\n{}\n{}",
                    mark(lang).to_string() + &wrong_heading(lang, 0),
                    match lang {
                        Lang::Ja =>
                            "- 読者からの報告は保存されていません（報告のデータベースがありません。場所は --data で指定します）",
                        Lang::En =>
                            "- no readers' reports are stored (no database of reports; --data names its folder)",
                    }
                );
            }
        }
        out
    }
}

fn wrong_heading(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ja => format!(
            "「情報がまちがっている」という報告があったページ（{n} ページ。最後に確かめた日から後の報告の数。中身は madoguchi feedback list --answer wrong で読めます）"
        ),
        Lang::En => format!(
            "Pages readers said something is wrong on ({n}; reports since the page was last checked; read them with madoguchi feedback list --answer wrong)"
        ),
    }
}

fn wrong(lang: Lang, w: &super::WrongReports) -> String {
    match (lang, &w.since) {
        (Lang::Ja, Some(d)) => format!(
            "{}（{}）: {} 件（{} に確かめてから）",
            w.name,
            w.page,
            w.count,
            day(lang, d)
        ),
        (Lang::Ja, None) => format!(
            "{}（{}）: {} 件（保存されている報告のすべて）",
            w.name, w.page, w.count
        ),
        (Lang::En, Some(d)) => format!(
            "{} ({}): {} since it was checked on {}",
            w.name,
            w.page,
            w.count,
            day(lang, d)
        ),
        (Lang::En, None) => format!("{} ({}): {} (every report kept)", w.name, w.page, w.count),
    }
}

/// A heading, then one line per item, or a line saying there is none.
fn section<T>(
    out: &mut String,
    lang: Lang,
    items: &[T],
    heading: impl Fn(Lang, usize) -> String,
    line: impl Fn(Lang, &T) -> String,
) {
    let _ = writeln!(out, "\n{}{}", mark(lang), heading(lang, items.len()));
    if items.is_empty() {
        let _ = writeln!(out, "{}", none(lang));
    }
    for item in items {
        let _ = writeln!(out, "- {}", line(lang, item));
    }
}

/// What a section's heading starts with.
fn mark(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "■ ",
        Lang::En => "## ",
    }
}

fn none(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "- なし",
        Lang::En => "- none",
    }
}

/// Where an item is written: `（services.toml の dial）`.
fn at(lang: Lang, item: &Item) -> String {
    match lang {
        Lang::Ja => format!("（{} の {}）", item.file, item.id),
        Lang::En => format!(" ({}, {})", item.file, item.id),
    }
}

/// An ISO date with its weekday: `2026-12-29（火）`, `2026-12-29 (Tue)`.
fn day(lang: Lang, iso: &str) -> String {
    let Ok(date) = iso.parse::<jiff::civil::Date>() else {
        return iso.to_string();
    };
    let i = usize::from(date.weekday().to_monday_zero_offset() as u8);
    match lang {
        Lang::Ja => format!("{iso}（{}）", ["月", "火", "水", "木", "金", "土", "日"][i]),
        Lang::En => format!(
            "{iso} ({})",
            ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i]
        ),
    }
}

fn names(lang: Lang, items: &[Item]) -> String {
    let names: Vec<&str> = items.iter().map(|i| i.name.as_str()).collect();
    names.join(match lang {
        Lang::Ja => "、",
        Lang::En => ", ",
    })
}

fn not_known_heading(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ja => format!(
            "わかっていないこと（{n} 件。about のページにも同じ一覧が載っています。わかったら、その項目に書いてください）"
        ),
        Lang::En => format!(
            "Not known ({n}; the about page lists the same; when you find out, write it into the item)"
        ),
    }
}

fn not_known(lang: Lang, n: &NotKnown) -> String {
    format!("{}: {}{}", n.about.name, n.what, at(lang, &n.about))
}

fn unconfirmed_heading(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ja => format!("確かめられていないこと（{n} 件）"),
        Lang::En => format!("Not confirmed ({n})"),
    }
}

fn unconfirmed(lang: Lang, u: &Unconfirmed) -> String {
    match (u, lang) {
        (Unconfirmed::EventMonths { about, rules }, Lang::Ja) => format!(
            "{}{}: 開かれる月が確かめられていません（confirmed = false）。いまは次の規則で日付を計算しています: {}",
            about.name,
            at(lang, about),
            rules
                .iter()
                .map(|r| rule(lang, r))
                .collect::<Vec<_>>()
                .join("、")
        ),
        (Unconfirmed::EventMonths { about, rules }, Lang::En) => format!(
            "{}{}: its months are not confirmed (confirmed = false); its dates are computed meanwhile from {}",
            about.name,
            at(lang, about),
            rules
                .iter()
                .map(|r| rule(lang, r))
                .collect::<Vec<_>>()
                .join(" and ")
        ),
        (
            Unconfirmed::Closure {
                about,
                name,
                from,
                to,
            },
            Lang::Ja,
        ) => format!(
            "{}{}の休み「{name}」{from}〜{to}: 日付が確かめられていません（confirmed = false）",
            about.name,
            at(lang, about)
        ),
        (
            Unconfirmed::Closure {
                about,
                name,
                from,
                to,
            },
            Lang::En,
        ) => format!(
            "{}{}, closure “{name}” {from} to {to}: its dates are not confirmed (confirmed = false)",
            about.name,
            at(lang, about)
        ),
        (
            Unconfirmed::NotConfirmedWithOffice {
                about,
                checked_against_sources_on: date,
            },
            Lang::Ja,
        ) => format!(
            "{}{}: 窓口にはまだ確認していません（confirmed_with_office_on がありません。情報源と照合した日: {date}）",
            about.name,
            at(lang, about)
        ),
        (
            Unconfirmed::NotConfirmedWithOffice {
                about,
                checked_against_sources_on: date,
            },
            Lang::En,
        ) => format!(
            "{}{}: not yet confirmed with the office (no confirmed_with_office_on; compared with the sources on {date})",
            about.name,
            at(lang, about)
        ),
    }
}

fn rule(lang: Lang, r: &Rule) -> String {
    let weekday = |ja: bool| {
        let i = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .iter()
            .position(|w| *w == r.weekday)
            .unwrap_or(0);
        match ja {
            true => ["月", "火", "水", "木", "金", "土", "日"][i],
            false => [
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday",
            ][i],
        }
    };
    let (nth, every) = (r.nth, r.every_months);
    match (lang, &r.start_month) {
        (Lang::Ja, Some(start)) => {
            format!(
                "{start} から {every} か月ごとの第 {nth} {}曜日",
                weekday(true)
            )
        }
        (Lang::Ja, None) => format!("毎月の第 {nth} {}曜日", weekday(true)),
        (Lang::En, Some(start)) => format!(
            "the {} {} of every {every} months from {start}",
            ordinal(nth),
            weekday(false)
        ),
        (Lang::En, None) => format!("the {} {} of every month", ordinal(nth), weekday(false)),
    }
}

fn ordinal(n: u8) -> String {
    let suffix = match n {
        1 => "st",
        2 => "nd",
        3 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn stale_heading(lang: Lang, n: usize, days: u32) -> String {
    match lang {
        Lang::Ja => format!(
            "見直しの時期を過ぎたもの（{n} 件。最後に確かめてから stale_after_days の {days} 日を過ぎると、ページに「情報が古いかもしれない」と表示されます）"
        ),
        Lang::En => format!(
            "Past their review age ({n}; more than stale_after_days, {days} days, after their last check, their page says the information may be out of date)"
        ),
    }
}

fn review(lang: Lang, r: &Review) -> String {
    let (checked, from) = (day(lang, &r.checked_on), day(lang, &r.stale_from));
    match lang {
        Lang::Ja => format!(
            "{}{}: {} {checked}（{} 日前）。{from} から古いと表示されます",
            r.about.name,
            at(lang, &r.about),
            r.field,
            r.days_ago
        ),
        Lang::En => format!(
            "{}{}: {} {checked} ({} days ago); shown as out of date from {from}",
            r.about.name,
            at(lang, &r.about),
            r.field,
            r.days_ago
        ),
    }
}

fn untranslated(out: &mut String, lang: Lang, all: &[Untranslated]) {
    let mark = match lang {
        Lang::Ja => "■ 翻訳のない文章（言語ごと）",
        Lang::En => "## Untranslated text, by language",
    };
    let _ = writeln!(out, "\n{mark}");
    if all.is_empty() {
        let _ = writeln!(out, "{}", none(lang));
    }
    for u in all {
        let n = u.texts.len();
        let _ = match lang {
            Lang::Ja => writeln!(out, "- {}: {n} 件", u.language),
            Lang::En => writeln!(out, "- {}: {n}", u.language),
        };
        for t in &u.texts {
            let _ = writeln!(out, "  - {}:{}:{}: {}", t.file, t.line, t.column, t.key);
        }
    }
}

fn sources_heading(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ja => format!("1 年以上読み直していない情報源（{n} 件）"),
        Lang::En => format!("Sources not read for a year ({n})"),
    }
}

fn source(lang: Lang, s: &SourceDue) -> String {
    let read = match (&s.read_on, lang) {
        (Some(d), Lang::Ja) => format!("読んだ日 {}", day(lang, d)),
        (Some(d), Lang::En) => format!("read on {}", day(lang, d)),
        (None, Lang::Ja) => "読んだ日（read_on）が書かれていません".into(),
        (None, Lang::En) => "no read_on".into(),
    };
    format!("{}{}: {read}", s.about.name, at(lang, &s.about))
}

fn special(lang: Lang, s: &SpecialDate) -> String {
    let date = day(lang, &s.date);
    match (&s.what, lang) {
        (Special::Holiday { name, closes }, Lang::Ja) => match closes.is_empty() {
            true => format!("{date} 祝日「{name}」"),
            false => format!(
                "{date} 祝日「{name}」。この日が休みになる連絡先: {}",
                names(lang, closes)
            ),
        },
        (Special::Holiday { name, closes }, Lang::En) => match closes.is_empty() {
            true => format!("{date} national holiday “{name}”"),
            false => format!(
                "{date} national holiday “{name}”; closed that day: {}",
                names(lang, closes)
            ),
        },
        (
            Special::Closure {
                until,
                name,
                about,
                lines,
                confirmed,
            },
            _,
        ) => {
            let until = day(lang, until);
            // The lines that keep the hours, or the event, then where it is written.
            let whose = match lines.is_empty() {
                true => about.name.clone(),
                false => names(lang, lines),
            };
            let at = at(lang, about);
            match (lang, confirmed) {
                (Lang::Ja, true) => format!("{date}〜{until} 休み「{name}」: {whose}{at}"),
                (Lang::Ja, false) => format!(
                    "{date}〜{until} 休み「{name}」: {whose}{at}。日付は確かめられていません"
                ),
                (Lang::En, true) => format!("{date} to {until} closure “{name}”: {whose}{at}"),
                (Lang::En, false) => format!(
                    "{date} to {until} closure “{name}”: {whose}{at}; its dates are not confirmed"
                ),
            }
        }
        (
            Special::Exception {
                about,
                lines,
                closed,
                opens,
                closes,
                note,
            },
            _,
        ) => {
            let what = match (closed, opens, closes, lang) {
                (false, Some(o), Some(c), Lang::Ja) => format!("臨時の時間 {o}〜{c}"),
                (false, Some(o), Some(c), Lang::En) => format!("other hours (one-off) {o}–{c}"),
                (_, _, _, Lang::Ja) => "臨時の休み".to_string(),
                (_, _, _, Lang::En) => "closed (one-off)".to_string(),
            };
            let note = match (note, lang) {
                (Some(n), Lang::Ja) => format!("「{n}」"),
                (Some(n), Lang::En) => format!(" “{n}”"),
                (None, _) => String::new(),
            };
            let whose = match lines.is_empty() {
                true => about.name.clone(),
                false => names(lang, lines),
            };
            format!("{date} {what}{note}: {whose}{}", at(lang, about))
        }
        (
            Special::EventOnHoliday {
                about,
                on,
                on_holiday,
                confirmed,
            },
            _,
        ) => {
            let policy = policy(lang, on_holiday);
            let months = match (confirmed, lang) {
                (true, _) => "",
                (false, Lang::Ja) => "（開かれる月も確かめられていません）",
                (false, Lang::En) => " (its months are not confirmed either)",
            };
            match lang {
                Lang::Ja => format!(
                    "{date} {}{}が「{on}」に重なります。on_holiday = \"{on_holiday}\": {policy}{months}",
                    about.name,
                    at(lang, about)
                ),
                Lang::En => format!(
                    "{date} {}{} falls on “{on}”; on_holiday = \"{on_holiday}\": {policy}{months}",
                    about.name,
                    at(lang, about)
                ),
            }
        }
    }
}

/// What an event's `on_holiday` says happens.
fn policy(lang: Lang, code: &str) -> &'static str {
    match (code, lang) {
        ("held", Lang::Ja) => "祝日も開かれます",
        ("skipped", Lang::Ja) => "祝日は休みです",
        ("moved", Lang::Ja) => "別の日に移ります",
        (_, Lang::Ja) => "祝日に開かれるかどうか、確かめられていません",
        ("held", Lang::En) => "it is held",
        ("skipped", Lang::En) => "it is skipped",
        ("moved", Lang::En) => "it moves to another day",
        (_, Lang::En) => "whether it is held is not confirmed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_carry_their_weekday() {
        assert_eq!(day(Lang::Ja, "2026-12-29"), "2026-12-29（火）");
        assert_eq!(day(Lang::En, "2027-01-01"), "2027-01-01 (Fri)");
    }
}
