//! The edge of the flow (cmd): `madoguchi feedback`, the editors' view of readers'
//! reports in the data directory: `list`, `export --format csv|json`, `summary` and
//! `purge --older-than DAYS`. Times are shown in the site's time zone (from
//! `site.toml`). What readers wrote is printed with its control characters escaped, so
//! no report can move the cursor, recolour the terminal or turn text around; in CSV,
//! cells that a spreadsheet would run as a formula are neutralised.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::store::{Answer, Filter, Store, Stored};

#[derive(Debug, Subcommand)]
pub enum FeedbackAction {
    /// Print the reports, oldest first.
    List(Selection),
    /// Write the reports as CSV or JSON to standard output.
    Export {
        #[arg(long, value_enum)]
        format: Format,
        #[command(flatten)]
        selection: Selection,
    },
    /// Per page: how many reports said helpful, not helpful and something is wrong.
    Summary(Selection),
    /// Remove the reports older than DAYS days (the server also removes those past the
    /// retention of `[site.feedback]`, every hour).
    Purge {
        #[arg(long, value_name = "DAYS")]
        older_than: u32,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum AnswerArg {
    Yes,
    No,
    Wrong,
}

/// Which reports: every condition given holds.
#[derive(Debug, Args)]
pub struct Selection {
    /// Only the reports about this page (its path in the default language, e.g.
    /// /services/dial/).
    #[arg(long)]
    page: Option<String>,
    /// Only the reports with this answer.
    #[arg(long, value_enum)]
    answer: Option<AnswerArg>,
    /// Only the reports from this day on (YYYY-MM-DD, in the site's time zone).
    #[arg(long)]
    since: Option<Date>,
    /// Only the reports up to and including this day.
    #[arg(long)]
    until: Option<Date>,
}

pub(super) fn feedback(
    data: &Path,
    content: &Path,
    action: FeedbackAction,
) -> anyhow::Result<ExitCode> {
    let tz = time_zone(content);
    let mut out = std::io::stdout().lock();
    if let FeedbackAction::Purge { older_than } = action {
        let Some(store) = open(data, true)? else {
            unreachable!("opened for writing")
        };
        let before = jiff::Timestamp::now().as_second() - i64::from(older_than) * 86_400;
        let removed = store.purge_before(before)?;
        writeln!(
            out,
            "removed {removed} reports older than {older_than} days from {}",
            store.path().display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(store) = open(data, false)? else {
        eprintln!(
            "{}: no reports yet (the server creates the database when it starts)",
            crate::store::path_in(data).display()
        );
        return Ok(ExitCode::SUCCESS);
    };
    match action {
        FeedbackAction::List(selection) => {
            let reports = store.list(&selection.filter(&tz)?)?;
            writeln!(out, "id\treceived\tlang\tanswer\tpage\ttext")?;
            for s in &reports {
                let r = &s.report;
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    s.id,
                    local_minute(r.minute, &tz),
                    escape(&r.lang, false),
                    r.answer.as_str(),
                    escape(&r.page, false),
                    escape(&r.text, false)
                )?;
            }
            eprintln!("{} reports", reports.len());
        }
        FeedbackAction::Export { format, selection } => {
            let reports = store.list(&selection.filter(&tz)?)?;
            match format {
                Format::Csv => write_csv(&mut out, &reports, &tz)?,
                Format::Json => write_json(&mut out, &reports, &tz)?,
            }
        }
        FeedbackAction::Summary(selection) => {
            let summary = store.summary(&selection.filter(&tz)?)?;
            let width = summary
                .iter()
                .map(|s| s.page.chars().count())
                .max()
                .unwrap_or(4)
                .max(4);
            writeln!(
                out,
                "{:width$}  {:>7}  {:>11}  {:>5}",
                "page", "helpful", "not helpful", "wrong"
            )?;
            for s in &summary {
                writeln!(
                    out,
                    "{:width$}  {:>7}  {:>11}  {:>5}",
                    escape(&s.page, false),
                    s.yes,
                    s.no,
                    s.wrong
                )?;
            }
        }
        FeedbackAction::Purge { .. } => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// The database in `data`: opened for writing (created, migrated) or read only (`None`
/// when there is none yet).
fn open(data: &Path, write: bool) -> anyhow::Result<Option<Store>> {
    Ok(match write {
        true => Some(Store::open(data)?),
        false => Store::open_read_only(data)?,
    })
}

impl Selection {
    fn filter(&self, tz: &TimeZone) -> anyhow::Result<Filter> {
        let start_of = |d: Date| -> anyhow::Result<i64> {
            Ok(d.to_zoned_datetime(tz.clone())
                .with_context(|| format!("the start of {d}"))?
                .timestamp()
                .as_second())
        };
        Ok(Filter {
            page: self.page.clone(),
            answer: self.answer.map(|a| match a {
                AnswerArg::Yes => Answer::Yes,
                AnswerArg::No => Answer::No,
                AnswerArg::Wrong => Answer::Wrong,
            }),
            since: self.since.map(start_of).transpose()?,
            until: self
                .until
                .map(|d| d.tomorrow().map_err(anyhow::Error::from).and_then(start_of))
                .transpose()?,
        })
    }
}

/// The site's time zone from `site.toml`, or UTC (said on stderr) when it cannot be read.
fn time_zone(content: &Path) -> TimeZone {
    let file = content.join("site.toml");
    let name = std::fs::read_to_string(&file)
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .and_then(|t| {
            t.get("site")?
                .get("time_zone")?
                .as_str()
                .map(str::to_string)
        });
    match name.as_deref().map(TimeZone::get) {
        Some(Ok(tz)) => tz,
        _ => {
            eprintln!("{}: no time zone found; times are in UTC", file.display());
            TimeZone::UTC
        }
    }
}

/// A minute (Unix seconds) in the site's time zone: `2026-12-01T10:23:00+09:00`.
fn local_time(minute: i64, tz: &TimeZone) -> String {
    match jiff::Timestamp::from_second(minute) {
        Ok(t) => t
            .to_zoned_datetime(tz.clone())
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string(),
        Err(_) => minute.to_string(),
    }
}

/// As `local_time`, shorter, for the terminal: `2026-12-01 10:23`.
fn local_minute(minute: i64, tz: &TimeZone) -> String {
    match jiff::Timestamp::from_second(minute) {
        Ok(t) => t
            .to_zoned_datetime(tz.clone())
            .strftime("%Y-%m-%d %H:%M")
            .to_string(),
        Err(_) => minute.to_string(),
    }
}

/// `text` with every control character (and the invisible marks that turn text around)
/// written as an escape: `\n`, `\t`, `\\`, `\u{1b}`. With `keep_lines`, line breaks and
/// tabs stay as they are (inside a quoted CSV cell).
pub fn escape(text: &str, keep_lines: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' if keep_lines => out.push(c),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\\' if !keep_lines => out.push_str("\\\\"),
            c if c.is_control() || is_bidi_control(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// Characters that reorder the text around them on screen (Trojan Source).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A CSV cell (RFC 4180, always quoted). A cell a spreadsheet would run as a formula
/// (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a `'` in front, as
/// OWASP advises; control characters are escaped, line breaks kept.
pub fn csv_cell(text: &str) -> String {
    let escaped = escape(text, true);
    let neutral = match escaped.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        true => format!("'{escaped}"),
        false => escaped,
    };
    format!("\"{}\"", neutral.replace('"', "\"\""))
}

fn write_csv(out: &mut impl Write, reports: &[Stored], tz: &TimeZone) -> anyhow::Result<()> {
    out.write_all(b"id,received,page,lang,answer,text,content_version\r\n")?;
    for s in reports {
        let r = &s.report;
        let cells = [
            s.id.to_string(),
            csv_cell(&local_time(r.minute, tz)),
            csv_cell(&r.page),
            csv_cell(&r.lang),
            csv_cell(r.answer.as_str()),
            csv_cell(&r.text),
            csv_cell(&r.content_version),
        ];
        out.write_all(cells.join(",").as_bytes())?;
        out.write_all(b"\r\n")?;
    }
    Ok(())
}

/// JSON keeps the text as it is: its own escapes make control characters harmless.
fn write_json(out: &mut impl Write, reports: &[Stored], tz: &TimeZone) -> anyhow::Result<()> {
    let items: Vec<serde_json::Value> = reports
        .iter()
        .map(|s| {
            let r = &s.report;
            serde_json::json!({
                "id": s.id,
                "received": local_time(r.minute, tz),
                "page": r.page,
                "lang": r.lang,
                "answer": r.answer.as_str(),
                "text": r.text,
                "content_version": r.content_version,
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    out.write_all(b"\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            escape("a\u{1b}[31mb\nc\u{202e}d\\", false),
            "a\\u{1b}[31mb\\nc\\u{202e}d\\\\"
        );
        assert_eq!(escape("電話\tです", false), "電話\\tです");
    }

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(csv_cell("=1+2"), "\"'=1+2\"");
        assert_eq!(csv_cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_cell("-1"), "\"'-1\"");
        assert_eq!(csv_cell("a \"b\"\nc"), "\"a \"\"b\"\"\nc\"");
        assert_eq!(csv_cell("/services/dial/"), "\"/services/dial/\"");
    }
}
