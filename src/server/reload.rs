//! Content from disk, and again whenever it changes: `serve` watches the content and
//! static folders (and reloads on SIGHUP). A good edit is live within a second; a broken
//! one is logged with file:line:column and the last good version keeps being served.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use notify::Watcher;

use super::Live;
use crate::content::{self, Problems};
use crate::render::{Assets, Fnv1a, Pages};

/// Quiet time after the last file event before reloading: an editor's save is often
/// several writes.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// Where the site's files are.
#[derive(Debug, Clone)]
pub struct Source {
    pub content: PathBuf,
    pub static_dir: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}")]
    Content(Problems),
    #[error("cannot read the static files in {path}: {error}")]
    Static {
        path: PathBuf,
        error: std::io::Error,
    },
}

/// A loaded site, and how long each step took (for the log and the benchmark).
pub struct Loaded {
    pub pages: Pages,
    pub version: String,
    pub load_time: Duration,
    /// Missing translations and the like: logged, not fatal.
    pub warnings: Problems,
}

impl Source {
    /// `now` is the real time, for checking that no check of the facts is dated in the
    /// future and which are old (a preview with `--now` renders another instant, but
    /// checks against the real one).
    pub fn load(&self, now: Timestamp) -> Result<Loaded, LoadError> {
        let started = Instant::now();
        let content = content::load(&self.content, now).map_err(LoadError::Content)?;
        let assets = Assets::load(&self.static_dir).map_err(|error| LoadError::Static {
            path: self.static_dir.clone(),
            error,
        })?;
        let version = version(&content.files, &assets);
        let warnings = content.warnings.clone();
        Ok(Loaded {
            warnings,
            pages: Pages::new(content, assets),
            version,
            load_time: started.elapsed(),
        })
    }
}

/// A short hash of every content file and static file: the content version. It hashes
/// the very bytes that were loaded, so a file saved again while loading cannot give the
/// old content a new version.
fn version(files: &[(&str, Arc<str>)], assets: &Assets) -> String {
    let mut hash = Fnv1a::default();
    for (name, text) in files {
        hash = hash.write(name.as_bytes()).write(text.as_bytes());
    }
    for a in &assets.0 {
        hash = hash.write(a.name.as_bytes()).write(&a.bytes);
    }
    format!("{:016x}", hash.finish())
}

/// Loads the files again and swaps them in if they changed and are valid.
pub fn reload(live: &Live, source: &Source) {
    match source.load(Timestamp::now()) {
        Ok(loaded) if loaded.version == live.version() => {
            tracing::debug!("content unchanged");
        }
        Ok(loaded) => {
            log_warnings(&loaded.warnings);
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
        Err(e) => {
            tracing::error!("the content has problems; still serving the last good version:\n{e}")
        }
    }
    // Whatever happened, the files were read and parsed: give that memory back.
    super::memory::give_back();
}

/// Says how many warnings the content has; `madoguchi check` lists them.
pub fn log_warnings(warnings: &Problems) {
    if !warnings.0.is_empty() {
        tracing::warn!(
            "the content has {} warnings (missing translations?); `madoguchi check` lists them",
            warnings.0.len()
        );
    }
}

/// Watches the folders and listens for SIGHUP, reloading on either, until the runtime
/// stops. Returns the watcher, which must be kept alive.
pub fn watch(live: Arc<Live>, source: Source) -> notify::Result<notify::RecommendedWatcher> {
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
