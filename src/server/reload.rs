//! Step 6 of the flow (server).
//!
//! Content from disk, and again whenever it changes: `serve` watches the content and
//! static folders (and reloads on SIGHUP). A good edit is live within a second; a broken
//! one is logged with file:line:column and the last good version keeps being served.
//!
//! The log is in English, for operators to grep; what an editor must act on (a broken
//! edit, warnings) also carries the editors' words when the site's default language is
//! not English, as `check` prints them.

use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use notify::Watcher;

use super::Live;
use crate::content::{self, Problems};
use crate::model::Lang;
use crate::render::{Folders, LoadError};

/// Quiet time after the last file event before reloading: an editor's save is often
/// several writes.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// Loads the files again and swaps them in if they changed and are valid.
pub fn reload(live: &Live, source: &Folders) {
    match source.load(Timestamp::now()) {
        Ok(loaded) if loaded.version == live.version() => {
            tracing::debug!("content unchanged");
        }
        Ok(loaded) => {
            log_warnings(&loaded.warnings, &source.content);
            let version = loaded.version.clone();
            let started = Instant::now();
            match live.replace(loaded.pages, loaded.version) {
                Ok(()) => tracing::info!(
                    version,
                    "content reloaded: loaded and checked in {:.1} ms, rendered in {:.1} ms",
                    loaded.load_time.as_secs_f64() * 1000.0,
                    started.elapsed().as_secs_f64() * 1000.0
                ),
                Err(e) => {
                    tracing::error!(error = %e, "rendering the new content failed; still serving the last good version")
                }
            }
        }
        Err(e) => tracing::error!(
            "the content has problems; still serving the last good version:\n{}",
            broken(
                &e,
                &source.content,
                "コンテンツに問題があるため、前の正しい版のまま公開を続けています:"
            )
        ),
    }
    // Whatever happened, the files were read and parsed: give that memory back.
    super::memory::give_back();
}

/// Says how many warnings the content has; `madoguchi check` lists them.
pub fn log_warnings(warnings: &Problems, content: &std::path::Path) {
    let n = warnings.0.len();
    if n == 0 {
        return;
    }
    let english = format!(
        "the content has {n} warnings (missing translations?); `madoguchi check` lists them"
    );
    match content::editor_lang(content) {
        Lang::En => tracing::warn!("{english}"),
        Lang::Ja => tracing::warn!(
            "{english}\nコンテンツについての警告が {n} 件あります（翻訳がないなど）。`madoguchi check` で一覧できます"
        ),
    }
}

/// Why the content in `content` could not be loaded: in English, then, for a site whose
/// editors read another language, in theirs too (each problem with its hint) under
/// `ja_heading`, which says what happens meanwhile.
pub fn broken(e: &LoadError, content: &std::path::Path, ja_heading: &str) -> String {
    match (e, content::editor_lang(content)) {
        (LoadError::Content(problems), Lang::Ja) => {
            format!("{e}\n{ja_heading}\n{}", problems.in_lang(Lang::Ja))
        }
        _ => e.to_string(),
    }
}

/// Watches the folders and listens for SIGHUP, reloading on either, until the runtime
/// stops. Returns the watcher, which must be kept alive.
pub fn watch(live: Arc<Live>, source: Folders) -> notify::Result<notify::RecommendedWatcher> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    let file_events = tx.clone();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !e.kind.is_access()) {
            let _ = file_events.send(());
        }
    })?;
    watcher.watch(&source.content, notify::RecursiveMode::NonRecursive)?;
    if source.static_dir.is_dir() {
        watcher.watch(&source.static_dir, notify::RecursiveMode::NonRecursive)?;
    }
    #[cfg(unix)]
    tokio::spawn(async move {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut hangup) = signal(SignalKind::hangup()) else {
            return;
        };
        while hangup.recv().await.is_some() {
            tracing::info!("SIGHUP: reloading the content");
            let _ = tx.send(());
        }
    });
    tokio::spawn(async move {
        while rx.recv().await.is_some() {
            // Wait for the writes to settle.
            loop {
                match tokio::time::timeout(DEBOUNCE, rx.recv()).await {
                    Ok(Some(())) => continue,
                    Ok(None) => return,
                    Err(_) => break,
                }
            }
            let (live, source) = (live.clone(), source.clone());
            let _ = tokio::task::spawn_blocking(move || reload(&live, &source)).await;
        }
    });
    Ok(watcher)
}
