//! The edge of the flow (cmd), the export: content, then render, to files.
//!
//! `madoguchi build --out DIR`: the whole site as files, for any static host. Pages are
//! rendered by the same renderer `serve` uses, at one instant (`--now`, or now), so the
//! open/closed states are those of that instant: rebuild on a timer to keep them current.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use crate::content;
use crate::model::Lang;
use crate::render::Folders;

/// Refuses a `base_url` on this machine unless `allow_local_base_url` (for tests): a
/// deployment that forgot it would print dead QR codes.
pub(super) fn build(
    out: &Path,
    dir: &Path,
    now: Option<jiff::Timestamp>,
    allow_local_base_url: bool,
) -> anyhow::Result<ExitCode> {
    if !dir.is_dir() {
        eprintln!("{}", content::missing_dir(dir));
        return Ok(ExitCode::FAILURE);
    }
    let now = now.unwrap_or_else(jiff::Timestamp::now);
    let source = Folders {
        content: dir.to_path_buf(),
        static_dir: super::static_dir_for(dir),
    };
    // Checked against the real time, rendered at `now` (as `serve --now` does).
    let pages = match source.load(jiff::Timestamp::now()) {
        Ok(loaded) => loaded.pages,
        Err(e) => {
            let ja = "コンテンツに問題があるため、書き出しません:";
            eprintln!("{}", crate::server::reload::broken(&e, dir, ja));
            return Ok(ExitCode::FAILURE);
        }
    };
    if let Some(problem) = super::local_base_url(pages.site(), dir)
        && !allow_local_base_url
    {
        eprintln!("{problem} (or pass --allow-local-base-url to build for a test)");
        // For a Japanese site, its editors' words too, as the log gives them.
        if let (Lang::Ja, Some(ja)) = (
            content::editor_lang(dir),
            super::local_base_url_in(pages.site(), dir, Lang::Ja),
        ) {
            eprintln!("{ja}");
        }
        return Ok(ExitCode::FAILURE);
    }
    let docs = pages.documents(now).context("rendering the site")?;
    for doc in &docs {
        let file = file_for(out, &doc.path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&file, &doc.body).with_context(|| format!("writing {}", file.display()))?;
    }
    println!(
        "{}: wrote {} files as at {}",
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
