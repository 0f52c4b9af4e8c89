//! Step 5 of the flow (render), its input: the content folder and the static files read
//! from disk into the page list the renderer works from, with a version hash of the very
//! bytes read. `serve` (and its reloads) and `build` both start here.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;

use super::{Assets, Fnv1a, Pages};
use crate::content::{self, Problems};

/// Where the site's files are: the content and the static files.
#[derive(Debug, Clone)]
pub struct Folders {
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

impl Folders {
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
