//! Step 6 of the flow (server): the live site. `Live` holds the current snapshot, swapped
//! whole (never half of two versions) on a content reload or a change of time, and makes
//! the next one ahead of that change (`render_ahead`); `Clock` says where "now" comes from.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use arc_swap::ArcSwap;
use jiff::Timestamp;

use super::memory;
use super::snapshot::Snapshot;
use crate::render::{Pages, RenderError};

/// Where "now" comes from: the real clock, or a fixed instant to preview the site as it
/// will be then (`--now`).
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(Timestamp),
}

impl Clock {
    pub fn now(self) -> Timestamp {
        match self {
            Clock::System => Timestamp::now(),
            Clock::Fixed(t) => t,
        }
    }
}

/// The site being served: the current snapshot, swapped whole (never half of two
/// versions) on a content reload or a time change.
pub struct Live {
    snapshot: ArcSwap<Snapshot>,
    /// The snapshot for the next change of time, made ahead of it (see `prepare_next`),
    /// so that no request waits for a rebuild when a line opens or closes.
    upcoming: Mutex<Option<Arc<Snapshot>>>,
    /// Held while building a new snapshot, so a time change rebuilds once, not once per
    /// request.
    rebuilding: Mutex<()>,
    /// Wakes `render_ahead` when new content brings a new next change.
    replaced: tokio::sync::Notify,
    clock: Clock,
    /// Whether this server takes readers' reports itself: new content's pages then post
    /// their forms here (see `Pages::taking_feedback_here`).
    feedback_here: bool,
}

impl Live {
    pub fn new(pages: Pages, version: String, clock: Clock) -> Result<Live, RenderError> {
        Live::build(pages, version, clock, false)
    }

    /// The site of a server that takes readers' reports itself: unless the content names
    /// the one server that does, every page's form posts to this one, now and after
    /// every reload.
    pub fn taking_feedback(
        pages: Pages,
        version: String,
        clock: Clock,
    ) -> Result<Live, RenderError> {
        Live::build(pages.taking_feedback_here(), version, clock, true)
    }

    fn build(
        pages: Pages,
        version: String,
        clock: Clock,
        feedback_here: bool,
    ) -> Result<Live, RenderError> {
        let snapshot = Snapshot::build(Arc::new(pages), version, clock.now(), None)?;
        memory::give_back();
        Ok(Live {
            snapshot: ArcSwap::from_pointee(snapshot),
            upcoming: Mutex::new(None),
            rebuilding: Mutex::new(()),
            replaced: tokio::sync::Notify::new(),
            clock,
            feedback_here,
        })
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// The snapshot that is right at `now`, swapping in the one made ahead, or rebuilding,
    /// if time has moved past it. The common case borrows it without touching its
    /// reference count, which every core would otherwise contend on.
    pub fn current(&self, now: Timestamp) -> arc_swap::Guard<Arc<Snapshot>> {
        let snap = self.snapshot.load();
        if snap.is_current(now) {
            return snap;
        }
        drop(snap);
        let _guard = self.rebuilding.lock().unwrap_or_else(|e| e.into_inner());
        let snap = self.snapshot.load_full();
        if !snap.is_current(now) {
            let upcoming = lock(&self.upcoming).take().filter(|next| {
                Arc::ptr_eq(&next.pages, &snap.pages)
                    && next.built_for <= now
                    && next.is_current(now)
            });
            match upcoming {
                Some(next) => {
                    tracing::info!(at = %next.built_for, "swapped in the site made ahead");
                    self.snapshot.store(next)
                }
                None => {
                    // Made here only if `render_ahead` did not (a preview's fixed clock,
                    // or a machine that slept through the change).
                    tracing::info!(%now, "rendering for a change of time on a request");
                    match Snapshot::build(
                        snap.pages.clone(),
                        snap.version.clone(),
                        now,
                        Some(&snap),
                    ) {
                        Ok(fresh) => self.snapshot.store(Arc::new(fresh)),
                        // Rendering the same content worked a moment ago; keep serving that.
                        Err(e) => {
                            tracing::error!(error = %e, "re-rendering for the new time failed")
                        }
                    }
                }
            }
        }
        self.snapshot.load()
    }

    /// Makes the snapshot for the current one's `valid_until`, to be swapped in by
    /// `current` at that instant; returns that instant, or `None` if nothing on the site
    /// changes with time.
    pub fn prepare_next(&self) -> Option<Timestamp> {
        let snap = self.snapshot.load_full();
        let at = snap.valid_until?;
        let ready = lock(&self.upcoming)
            .as_ref()
            .is_some_and(|next| next.built_for == at && Arc::ptr_eq(&next.pages, &snap.pages));
        if !ready {
            match Snapshot::build(snap.pages.clone(), snap.version.clone(), at, Some(&snap)) {
                Ok(next) => {
                    tracing::info!(%at, "made the site ahead for its next change");
                    *lock(&self.upcoming) = Some(Arc::new(next));
                    memory::give_back();
                }
                Err(e) => tracing::error!(error = %e, "rendering ahead for the next change failed"),
            }
        }
        Some(at)
    }

    /// New content: render it all (keeping what came out the same), then swap it in at
    /// once.
    pub fn replace(&self, pages: Pages, version: String) -> Result<(), RenderError> {
        let pages = match self.feedback_here {
            true => pages.taking_feedback_here(),
            false => pages,
        };
        let _guard = self.rebuilding.lock().unwrap_or_else(|e| e.into_inner());
        let previous = self.snapshot.load_full();
        let fresh = Snapshot::build(Arc::new(pages), version, self.clock.now(), Some(&previous))?;
        self.snapshot.store(Arc::new(fresh));
        // Made for the old content.
        lock(&self.upcoming).take();
        // Requests in flight may still hold the old snapshot for a moment; what it alone
        // used is freed when the last one ends, and given back on the next build.
        drop(previous);
        memory::give_back();
        self.replaced.notify_one();
        Ok(())
    }

    pub fn version(&self) -> String {
        self.snapshot.load().version.clone()
    }
}

/// A mutex's contents, even after a panic elsewhere while holding it: what it guards is
/// replaced whole, never left half-written.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Keeps the next snapshot ready ahead of each change of time, and swaps it in on time
/// even when no request comes. Runs until the runtime stops.
pub async fn render_ahead(live: Arc<Live>) {
    /// How long before a change its snapshot is made.
    const LEAD: Duration = Duration::from_secs(10);
    /// Look again at least this often (the system clock may have been set).
    const RECHECK: Duration = Duration::from_secs(60);
    loop {
        let now = live.clock.now();
        let until = live.snapshot.load().valid_until;
        let wait = match until {
            None => Some(RECHECK),
            Some(until) => {
                let ahead = until.duration_since(now).unsigned_abs();
                (until > now && ahead > LEAD).then(|| (ahead - LEAD).min(RECHECK))
            }
        };
        if let Some(wait) = wait {
            // New content brings a new next change: look again at once.
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                () = live.replaced.notified() => {}
            }
            continue;
        }
        let worker = live.clone();
        let Ok(Some(at)) = tokio::task::spawn_blocking(move || worker.prepare_next()).await else {
            tokio::time::sleep(RECHECK).await;
            continue;
        };
        let wait = at.duration_since(live.clock.now());
        if wait.is_positive() {
            tokio::select! {
                () = tokio::time::sleep(wait.unsigned_abs()) => {}
                // What was made ahead was for the old content; start over.
                () = live.replaced.notified() => continue,
            }
        }
        let worker = live.clone();
        let _ = tokio::task::spawn_blocking(move || {
            worker.current(worker.clock.now());
        })
        .await;
    }
}
