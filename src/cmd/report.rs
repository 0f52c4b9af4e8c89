//! The edge of the flow (cmd): content, model, schedule and view.
//!
//! `madoguchi report`: the editors' to-do list of a content directory at an instant, as
//! text in the editors' language or as JSON. It exits 0 whatever the list holds; only
//! content that cannot be loaded fails, with `check`'s messages.

use std::path::Path;
use std::process::ExitCode;

use crate::content::{self, Content, Message};
use crate::model::{Lang, Site};
use crate::schedule;
use crate::store;
use crate::view::report::{Located, Report, Untranslated};

/// How the report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub(super) fn report(
    dir: &Path,
    data: &Path,
    now: jiff::Timestamp,
    lang: Option<Lang>,
    format: Format,
) -> ExitCode {
    let lang = lang.unwrap_or_else(|| content::editor_lang(dir));
    let content = match content::load(dir, now) {
        Ok(content) => content,
        Err(problems) => {
            eprintln!("{}", problems.in_lang(lang));
            return ExitCode::FAILURE;
        }
    };
    let site = edition(&content, lang);
    let now = schedule::site_time(site, now);
    let report = Report::new(
        site,
        &dir.display().to_string(),
        &now,
        lang,
        untranslated(dir, &content),
        wrong_reports(data).as_deref(),
    );
    match format {
        Format::Text => print!("{}", report.text()),
        Format::Json => print!("{}", report.json()),
    }
    ExitCode::SUCCESS
}

/// Every stored "something is wrong" report, as its page and the time it arrived; `None`
/// when the data directory holds no database of reports, or it cannot be read (said on
/// stderr: the rest of the report still helps).
fn wrong_reports(data: &Path) -> Option<Vec<(String, jiff::Timestamp)>> {
    let filter = store::Filter {
        answer: Some(store::Answer::Wrong),
        ..store::Filter::default()
    };
    let read = store::Store::open_read_only(data).and_then(|s| match s {
        Some(s) => s.list(&filter).map(Some),
        None => Ok(None),
    });
    match read {
        Ok(reports) => reports.map(|list| {
            list.into_iter()
                .filter_map(|r| {
                    let at = jiff::Timestamp::from_second(r.report.minute).ok()?;
                    Some((r.report.page, at))
                })
                .collect()
        }),
        Err(e) => {
            eprintln!("madoguchi report: the readers' reports cannot be read: {e}");
            None
        }
    }
}

/// The edition whose words the report quotes: the first in the editors' language (the
/// default one first), or the default one when none is.
fn edition(content: &Content, lang: Lang) -> &Site {
    content
        .sites
        .iter()
        .find(|s| Lang::for_tag(&s.language.lang) == lang)
        .unwrap_or(content.site())
}

/// The text each translation lacks, as `check` warns about it, by language in the order
/// site.toml lists them (a language that lacks nothing is listed with nothing).
fn untranslated(dir: &Path, content: &Content) -> Vec<Untranslated> {
    let mut out: Vec<Untranslated> = content.sites[1..]
        .iter()
        .map(|s| Untranslated {
            language: s.language.id.clone(),
            texts: Vec::new(),
        })
        .collect();
    for p in &content.warnings.0 {
        if let Message::Untranslated { key, language } = &p.message
            && let Some(u) = out.iter_mut().find(|u| u.language == *language)
        {
            u.texts.push(Located {
                file: p
                    .path
                    .strip_prefix(dir)
                    .unwrap_or(&p.path)
                    .display()
                    .to_string(),
                line: p.line,
                column: p.column,
                key: key.clone(),
            });
        }
    }
    out
}
