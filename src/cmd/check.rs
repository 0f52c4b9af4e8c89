//! The edge of the flow (cmd): content only.
//!
//! `madoguchi check`: load and validate, report every problem at once, in the editors'
//! language (the site's default language unless `--lang` says otherwise).

use std::path::Path;
use std::process::ExitCode;

use crate::content::{self, Content};
use crate::model::Lang;

/// `now` is the real time, or `--now`: dates of checks after it are refused, and checks
/// older than the site's `stale_after_days` before it are warned about.
pub(super) fn check(dir: &Path, now: jiff::Timestamp, lang: Option<Lang>) -> ExitCode {
    let lang = lang.unwrap_or_else(|| content::editor_lang(dir));
    match content::load(dir, now) {
        Ok(content) => {
            if !content.warnings.0.is_empty() {
                eprintln!("{}", content.warnings.in_lang(lang));
            }
            println!("{}", valid(dir, &content, lang));
            println!("{}", not_known(&content, lang));
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprintln!("{}", problems.in_lang(lang));
            ExitCode::FAILURE
        }
    }
}

/// The line that says the content is fine, and what it holds.
fn valid(dir: &Path, content: &Content, lang: Lang) -> String {
    let site = content.site();
    let languages: Vec<&str> = content
        .sites
        .iter()
        .map(|s| s.language.hreflang.as_str())
        .collect();
    let (services, events, contacts, languages) = (
        site.services.len(),
        site.events.len(),
        site.contacts.len(),
        languages.join(", "),
    );
    let dir = dir.display();
    match lang {
        Lang::En => format!(
            "{dir}: content is valid ({services} services, {events} events, {contacts} contacts; languages: {languages})"
        ),
        Lang::Ja => format!(
            "{dir}: コンテンツに問題はありません（サービス {services} 件、催し {events} 件、連絡先 {contacts} 件。言語: {languages}）"
        ),
    }
}

/// How many facts the content marks as not known (`report` lists them).
fn not_known(content: &Content, lang: Lang) -> String {
    let n = content.site().unknowns().len();
    match lang {
        Lang::En => format!(
            "information: {n} fact{} marked not known; the about page lists {}",
            if n == 1 { " is" } else { "s are" },
            if n == 1 { "it" } else { "them" }
        ),
        Lang::Ja => format!(
            "お知らせ: 「わかっていない」と記された事柄が {n} 件あります。about のページに一覧が載ります（`madoguchi report` でも確かめられます）"
        ),
    }
}
