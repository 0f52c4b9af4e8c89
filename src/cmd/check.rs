//! `madoguchi check`: load and validate, report every problem at once.

use std::path::Path;
use std::process::ExitCode;

use crate::content;

pub fn check(dir: &Path) -> ExitCode {
    if !dir.is_dir() {
        eprintln!("{}", content::missing_dir(dir));
        return ExitCode::FAILURE;
    }
    match content::load(dir, jiff::Timestamp::now()) {
        Ok(site) => {
            println!(
                "{}: content is valid ({} services, {} events, {} contacts)",
                dir.display(),
                site.services.len(),
                site.events.len(),
                site.contacts.len()
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprintln!("{problems}");
            ExitCode::FAILURE
        }
    }
}
