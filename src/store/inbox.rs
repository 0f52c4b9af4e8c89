//! Beside the flow (store): the writer. One thread owns the database connection; the
//! server hands it reports over a bounded channel, each with a oneshot that is answered
//! once the report is committed (or refused). Reports that arrive together are stored in
//! one transaction, so a flood costs one commit per batch, not one per report. The same
//! thread counts the reports of the day against the daily cap, removes reports older
//! than the retention at start and every hour, and notices when the file was removed or
//! replaced under it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::time::{Duration, Instant};

use tokio::sync::oneshot;

use super::{Report, Store, path_in};

/// The most reports stored in one transaction.
const MAX_BATCH: usize = 512;
/// How often reports past the retention are removed.
const PURGE_EVERY: Duration = Duration::from_secs(3600);
/// The same failure is logged at most this often (a flood would otherwise fill the log).
const LOG_EVERY: Duration = Duration::from_secs(10);
const DAY_SECONDS: i64 = 86_400;

/// How the writer works.
#[derive(Debug, Clone, Copy)]
pub struct InboxSettings {
    /// The most reports stored per day (UTC); more are refused until the next day.
    pub daily_cap: u64,
    /// Reports waiting to be written; more are refused at once as busy.
    pub queue: usize,
    /// Reports older than this many days are removed.
    pub retention_days: u32,
}

impl Default for InboxSettings {
    fn default() -> Self {
        InboxSettings {
            daily_cap: 2000,
            queue: 4096,
            retention_days: 365,
        }
    }
}

/// Why a report was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Too many reports are waiting to be written: try again in a moment.
    Busy,
    /// The day's cap of reports is reached.
    DailyCap,
    /// The database cannot be written (the log says why).
    Unavailable,
}

struct Job {
    report: Report,
    done: oneshot::Sender<Result<(), Refusal>>,
}

/// The way into the writer thread. Dropping the last clone stops the thread once it has
/// written what it was given.
#[derive(Clone)]
pub struct Inbox {
    jobs: SyncSender<Job>,
    retention_days: Arc<AtomicU32>,
}

impl std::fmt::Debug for Inbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inbox").finish_non_exhaustive()
    }
}

impl Inbox {
    /// Opens the database in `dir` (creating both on first use) on a thread of its own,
    /// and returns at once; while the database cannot be opened, reports are refused as
    /// `Unavailable` and the log says why.
    pub fn start(dir: PathBuf, settings: InboxSettings) -> Inbox {
        let (jobs, queue) = std::sync::mpsc::sync_channel(settings.queue.max(1));
        let retention_days = Arc::new(AtomicU32::new(settings.retention_days));
        let mut writer = Writer {
            path: path_in(&dir),
            dir,
            settings,
            retention_days: retention_days.clone(),
            store: None,
            file_id: None,
            removed: false,
            day: i64::MIN,
            today: 0,
            last_purge: None,
            last_log: None,
        };
        let (opened, first_open) = std::sync::mpsc::sync_channel(1);
        let spawned = std::thread::Builder::new()
            .name("feedback-writer".into())
            .spawn(move || {
                writer.ensure_open();
                let _ = opened.send(());
                writer.run(&queue);
            });
        match spawned {
            // Start-up waits for the first open, so the log says at once whether
            // reports can be stored.
            Ok(_) => {
                let _ = first_open.recv();
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot start the feedback writer: reports are refused")
            }
        }
        Inbox {
            jobs,
            retention_days,
        }
    }

    /// The retention in days, as the content says it (it may change on a reload).
    pub fn set_retention_days(&self, days: u32) {
        self.retention_days.store(days, Ordering::Relaxed);
    }

    /// Stores `report`; answers once it is committed.
    pub async fn submit(&self, report: Report) -> Result<(), Refusal> {
        let (done, answer) = oneshot::channel();
        match self.jobs.try_send(Job { report, done }) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => return Err(Refusal::Busy),
            Err(TrySendError::Disconnected(_)) => return Err(Refusal::Unavailable),
        }
        answer.await.unwrap_or(Err(Refusal::Unavailable))
    }
}

struct Writer {
    dir: PathBuf,
    path: PathBuf,
    settings: InboxSettings,
    retention_days: Arc<AtomicU32>,
    store: Option<Store>,
    /// The file's device and inode once opened: a file removed or replaced under the
    /// server is noticed, rather than written to where nobody will read it.
    file_id: Option<(u64, u64)>,
    removed: bool,
    /// The UTC day `today` counts.
    day: i64,
    today: u64,
    last_purge: Option<Instant>,
    last_log: Option<Instant>,
}

impl Writer {
    fn run(&mut self, queue: &Receiver<Job>) {
        loop {
            match queue.recv_timeout(PURGE_EVERY) {
                Ok(first) => {
                    let mut batch = vec![first];
                    while batch.len() < MAX_BATCH {
                        match queue.try_recv() {
                            Ok(job) => batch.push(job),
                            Err(_) => break,
                        }
                    }
                    self.write(batch);
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            if self.last_purge.is_none_or(|at| at.elapsed() >= PURGE_EVERY) && self.ensure_open() {
                self.purge();
            }
        }
    }

    fn write(&mut self, batch: Vec<Job>) {
        if !self.ensure_open() {
            for job in batch {
                let _ = job.done.send(Err(Refusal::Unavailable));
            }
            return;
        }
        let now = jiff::Timestamp::now().as_second();
        let day = now.div_euclid(DAY_SECONDS);
        if day != self.day {
            self.day = day;
            self.today = self.count_today();
        }
        let room = self.settings.daily_cap.saturating_sub(self.today);
        let room = usize::try_from(room).unwrap_or(usize::MAX).min(batch.len());
        let mut batch = batch;
        let over = batch.split_off(room);
        if !over.is_empty() {
            let cap = self.settings.daily_cap;
            self.log(|| {
                tracing::warn!(
                    cap,
                    "the day's cap of feedback reports is reached: answered 503 until the next day (UTC)"
                )
            });
            for job in over {
                let _ = job.done.send(Err(Refusal::DailyCap));
            }
        }
        if batch.is_empty() {
            return;
        }
        let reports: Vec<Report> = batch.iter().map(|j| j.report.clone()).collect();
        let Some(store) = self.store.as_mut() else {
            return;
        };
        match store.insert(&reports) {
            Ok(()) => {
                self.today += reports.len() as u64;
                for job in batch {
                    let _ = job.done.send(Ok(()));
                }
            }
            Err(e) => {
                self.log(|| {
                    tracing::error!(error = %e, "storing feedback reports failed: answered 503; pages are still served")
                });
                // Opened again for the next batch: a lock may be gone, space freed.
                self.store = None;
                for job in batch {
                    let _ = job.done.send(Err(Refusal::Unavailable));
                }
            }
        }
    }

    /// Whether the database is open, opening it if need be.
    fn ensure_open(&mut self) -> bool {
        if self.removed {
            return false;
        }
        if let Some(id) = self.file_id
            && file_id(&self.path) != Some(id)
        {
            self.removed = true;
            self.store = None;
            tracing::error!(
                path = %self.path.display(),
                "the feedback database was removed or replaced while the server ran: reports are refused (503) until the server is restarted; pages are still served"
            );
            return false;
        }
        if self.store.is_some() {
            return true;
        }
        match Store::open(&self.dir) {
            Ok(store) => {
                self.file_id = file_id(&self.path);
                tracing::info!(path = %store.path().display(), "feedback reports are stored in this file");
                self.store = Some(store);
                self.day = i64::MIN;
                // Reports past the retention go at once, not an hour later.
                self.purge();
                true
            }
            Err(e) => {
                self.log(|| {
                    tracing::error!(error = %e, "cannot open the feedback database: reports are answered 503; pages are still served")
                });
                false
            }
        }
    }

    fn count_today(&self) -> u64 {
        let start = self.day.saturating_mul(DAY_SECONDS);
        self.store
            .as_ref()
            .and_then(|s| s.count_since(start).ok())
            .unwrap_or(0)
    }

    fn purge(&mut self) {
        self.last_purge = Some(Instant::now());
        let days = i64::from(self.retention_days.load(Ordering::Relaxed));
        let before = jiff::Timestamp::now().as_second() - days * DAY_SECONDS;
        let Some(store) = &self.store else { return };
        match store.purge_before(before) {
            Ok(0) => {}
            Ok(n) => tracing::info!(
                removed = n,
                days,
                "removed feedback reports past the retention"
            ),
            Err(e) => tracing::error!(error = %e, "removing old feedback reports failed"),
        }
    }

    /// Runs `log` unless something was logged in the last `LOG_EVERY`.
    fn log(&mut self, log: impl FnOnce()) {
        if self.last_log.is_none_or(|at| at.elapsed() >= LOG_EVERY) {
            self.last_log = Some(Instant::now());
            log();
        }
    }
}

#[cfg(unix)]
fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(path: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(path).ok().map(|_| (0, 0))
}
