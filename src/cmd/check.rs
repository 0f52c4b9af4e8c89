//! The edge of the flow (cmd): content only.
//!
//! `madoguchi check`: load and validate, report every problem at once.

use std::path::Path;
use std::process::ExitCode;

use crate::content;

/// `now` is the real time, or `--now`: dates of checks after it are refused, and checks
/// older than the site's `stale_after_days` before it are warned about.
pub(super) fn check(dir: &Path, now: jiff::Timestamp) -> ExitCode {
    match content::load(dir, now) {
        Ok(content) => {
            let site = content.site();
            if !content.warnings.0.is_empty() {
                eprintln!("{}", content.warnings);
            }
            let languages: Vec<&str> = content
                .sites
                .iter()
                .map(|s| s.language.hreflang.as_str())
                .collect();
            println!(
                "{}: content is valid ({} services, {} events, {} contacts; languages: {})",
                dir.display(),
                site.services.len(),
                site.events.len(),
                site.contacts.len(),
                languages.join(", ")
            );
            let unknowns = site.unknowns().len();
            println!(
                "information: {unknowns} fact{} marked not known; the about page lists {}",
                if unknowns == 1 { " is" } else { "s are" },
                if unknowns == 1 { "it" } else { "them" }
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprintln!("{problems}");
            ExitCode::FAILURE
        }
    }
}
