//! `madoguchi build --out DIR`: the whole site as files, for any static host. Pages are
//! rendered by the same renderer `serve` uses, at one instant (`--now`, or now), so the
//! open/closed states are those of that instant: rebuild on a timer to keep them current.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use crate::content;
use crate::render::Pages;
use crate::server::Clock;

pub fn build(out: &Path, dir: &Path, now: Option<jiff::Timestamp>) -> anyhow::Result<ExitCode> {
    if !dir.is_dir() {
        eprintln!("{}", content::missing_dir(dir));
        return Ok(ExitCode::FAILURE);
    }
    let now = now.map_or(Clock::System, Clock::Fixed).now();
    let site = match content::load(dir, now) {
        Ok(site) => site,
        Err(problems) => {
            eprintln!("{problems}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let pages = Pages::new(site);
    let docs = pages.documents(now).context("rendering the site")?;
    for (path, body) in &docs {
        let file = file_for(out, path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&file, body).with_context(|| format!("writing {}", file.display()))?;
    }
    let copied = copy_dir(&super::static_dir_for(dir), &out.join("static"))?;
    println!(
        "{}: wrote {} documents and {copied} static files as at {}",
        out.display(),
        docs.len(),
        now.to_zoned_datetime(pages.site().time_zone.clone())
    );
    Ok(ExitCode::SUCCESS)
}

/// `/` → `index.html`, `/faq/` → `faq/index.html`, `/sitemap.xml` → `sitemap.xml`.
fn file_for(out: &Path, path: &str) -> PathBuf {
    let relative = path.trim_start_matches('/');
    if relative.is_empty() || relative.ends_with('/') {
        out.join(relative).join("index.html")
    } else {
        out.join(relative)
    }
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<usize> {
    if !from.is_dir() {
        return Ok(0);
    }
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    let mut count = 0;
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            count += copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("copying {}", entry.path().display()))?;
            count += 1;
        }
    }
    Ok(count)
}
