//! Beside the flow (store): readers' reports, kept in one SQLite file under the data
//! directory. It knows SQL and files, not HTTP or pages: the server hands it reports
//! (through `Inbox`, which batches them into transactions on a thread of its own), and
//! `madoguchi feedback` reads, exports and purges them.
//!
//! A report is only what the reader chose to send, with where and when: the page, the
//! language, the answer, the text, the minute it arrived and the content version. No
//! address, no user agent, no cookie. The file runs in WAL mode with `synchronous =
//! FULL`, so a report the server acknowledged survives a crash of the process or the
//! machine. The schema carries its version (`PRAGMA user_version`); `open` applies the
//! migrations it lacks, in order, each in its own transaction.

mod inbox;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, params};

pub use inbox::{Inbox, InboxSettings, Refusal};

/// The database file's name in the data directory.
pub const FILE_NAME: &str = "feedback.sqlite3";
/// The longest text a report may carry, in characters (the schema's CHECK says 500 too).
pub const MAX_TEXT_CHARS: usize = crate::model::FEEDBACK_MAX_TEXT_CHARS;
/// How long a write waits for another connection's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_millis(1000);

/// Each migration takes the schema from its index to the next version. Never edit one
/// that has shipped: add another.
const MIGRATIONS: &[&str] = &[
    // 1: the reports. `minute` is Unix seconds, a multiple of 60.
    "CREATE TABLE report (
        id INTEGER PRIMARY KEY,
        page TEXT NOT NULL,
        lang TEXT NOT NULL,
        answer TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'wrong')),
        text TEXT NOT NULL CHECK (length(text) <= 500),
        minute INTEGER NOT NULL CHECK (minute % 60 = 0),
        content_version TEXT NOT NULL
    ) STRICT;
    CREATE INDEX report_minute ON report (minute);
    CREATE INDEX report_page ON report (page, answer);",
];

/// The three answers the form offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Answer {
    /// The page helped.
    Yes,
    /// It did not.
    No,
    /// Something on it is wrong.
    Wrong,
}

impl Answer {
    pub const ALL: [Answer; 3] = [Answer::Yes, Answer::No, Answer::Wrong];

    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::Wrong => "wrong",
        }
    }

    pub fn parse(s: &str) -> Option<Answer> {
        Answer::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// One report, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The page's path in the default language (`/services/dial/`), whatever the
    /// language it was read in.
    pub page: String,
    /// The language it was read in: `ja`, `en`, `easy`…
    pub lang: String,
    pub answer: Answer,
    /// What the reader wrote (possibly nothing), at most `MAX_TEXT_CHARS` characters.
    pub text: String,
    /// When it arrived, in Unix seconds, to the minute.
    pub minute: i64,
    /// The content version the page was served from.
    pub content_version: String,
}

/// A stored report with its row id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub id: i64,
    pub report: Report,
}

/// Which reports `list`, `export` and `summary` read: all the given conditions hold.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub page: Option<String>,
    pub answer: Option<Answer>,
    /// Unix seconds: from (inclusive)…
    pub since: Option<i64>,
    /// …until (exclusive).
    pub until: Option<i64>,
}

/// Per page: how many reports said each answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageSummary {
    pub page: String,
    pub yes: u64,
    pub no: u64,
    pub wrong: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the data directory {path}: {error}")]
    CreateDir {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{path}: {error}")]
    Sqlite {
        path: PathBuf,
        error: rusqlite::Error,
    },
    #[error(
        "{path} has schema version {found}, newer than this madoguchi knows ({known}): use a newer madoguchi"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{path} is in WAL mode `{mode}`, not `wal`")]
    NotWal { path: PathBuf, mode: String },
}

/// The reports' database, open for reading and writing.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// Where the database of the data directory `dir` is.
pub fn path_in(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

impl Store {
    /// Opens (creating the directory and the file on first use) the database in `dir`,
    /// in WAL mode, and brings its schema up to date.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|error| StoreError::CreateDir {
            path: dir.to_path_buf(),
            error,
        })?;
        let path = path_in(dir);
        let sqlite = |error| StoreError::Sqlite {
            path: path.clone(),
            error,
        };
        let mut conn = Connection::open(&path).map_err(sqlite)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(sqlite)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::NotWal { path, mode });
        }
        // A commit reaches the disk before the reader is told it arrived.
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(sqlite)?;
        migrate(&mut conn, &path)?;
        Ok(Store { conn, path })
    }

    /// Opens an existing database to read it only; `None` when there is none yet.
    pub fn open_read_only(dir: &Path) -> Result<Option<Store>, StoreError> {
        let path = path_in(dir);
        if !path.exists() {
            return Ok(None);
        }
        let sqlite = |error| StoreError::Sqlite {
            path: path.clone(),
            error,
        };
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sqlite)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
        let version = schema_version(&conn).map_err(sqlite)?;
        if version > MIGRATIONS.len() as i64 {
            return Err(StoreError::NewerSchema {
                path,
                found: version,
                known: MIGRATIONS.len() as i64,
            });
        }
        Ok(Some(Store { conn, path }))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, error: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            error,
        }
    }

    /// Stores every report in one transaction: all of them, or none.
    pub fn insert(&mut self, reports: &[Report]) -> Result<(), StoreError> {
        let result = (|| {
            let tx = self.conn.transaction()?;
            {
                let mut insert = tx.prepare_cached(
                    "INSERT INTO report (page, lang, answer, text, minute, content_version)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?;
                for r in reports {
                    insert.execute(params![
                        r.page,
                        r.lang,
                        r.answer.as_str(),
                        r.text,
                        r.minute,
                        r.content_version
                    ])?;
                }
            }
            tx.commit()
        })();
        result.map_err(|e| self.err(e))
    }

    /// The reports `filter` selects, oldest first.
    pub fn list(&self, filter: &Filter) -> Result<Vec<Stored>, StoreError> {
        let (clause, values) = filter.sql();
        let sql = format!(
            "SELECT id, page, lang, answer, text, minute, content_version FROM report{clause} ORDER BY minute, id"
        );
        let result = (|| {
            let mut stmt = self.conn.prepare(&sql)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), |row| {
                let answer: String = row.get(3)?;
                Ok(Stored {
                    id: row.get(0)?,
                    report: Report {
                        page: row.get(1)?,
                        lang: row.get(2)?,
                        // The table's CHECK allows only the three.
                        answer: Answer::parse(&answer).unwrap_or(Answer::Wrong),
                        text: row.get(4)?,
                        minute: row.get(5)?,
                        content_version: row.get(6)?,
                    },
                })
            })?;
            rows.collect::<Result<Vec<_>, _>>()
        })();
        result.map_err(|e| self.err(e))
    }

    /// Per page (in page order), how many of the reports `filter` selects said each
    /// answer.
    pub fn summary(&self, filter: &Filter) -> Result<Vec<PageSummary>, StoreError> {
        let (clause, values) = filter.sql();
        let sql = format!(
            "SELECT page,
                    sum(answer = 'yes'), sum(answer = 'no'), sum(answer = 'wrong')
             FROM report{clause} GROUP BY page ORDER BY page"
        );
        let result = (|| {
            let mut stmt = self.conn.prepare(&sql)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), |row| {
                Ok(PageSummary {
                    page: row.get(0)?,
                    yes: row.get::<_, i64>(1)?.unsigned_abs(),
                    no: row.get::<_, i64>(2)?.unsigned_abs(),
                    wrong: row.get::<_, i64>(3)?.unsigned_abs(),
                })
            })?;
            rows.collect::<Result<Vec<_>, _>>()
        })();
        result.map_err(|e| self.err(e))
    }

    /// How many reports arrived at or after `minute` (Unix seconds).
    pub fn count_since(&self, minute: i64) -> Result<u64, StoreError> {
        self.conn
            .query_row(
                "SELECT count(*) FROM report WHERE minute >= ?1",
                [minute],
                |row| row.get::<_, i64>(0),
            )
            .map(i64::unsigned_abs)
            .map_err(|e| self.err(e))
    }

    /// Removes every report that arrived before `minute` (Unix seconds); returns how
    /// many.
    pub fn purge_before(&self, minute: i64) -> Result<usize, StoreError> {
        self.conn
            .execute("DELETE FROM report WHERE minute < ?1", [minute])
            .map_err(|e| self.err(e))
    }
}

impl Filter {
    /// The `WHERE` clause and its values.
    fn sql(&self) -> (String, Vec<rusqlite::types::Value>) {
        use rusqlite::types::Value;
        let mut conditions = Vec::new();
        let mut values = Vec::new();
        if let Some(page) = &self.page {
            values.push(Value::Text(page.clone()));
            conditions.push(format!("page = ?{}", values.len()));
        }
        if let Some(answer) = self.answer {
            values.push(Value::Text(answer.as_str().to_string()));
            conditions.push(format!("answer = ?{}", values.len()));
        }
        if let Some(since) = self.since {
            values.push(Value::Integer(since));
            conditions.push(format!("minute >= ?{}", values.len()));
        }
        if let Some(until) = self.until {
            values.push(Value::Integer(until));
            conditions.push(format!("minute < ?{}", values.len()));
        }
        match conditions.is_empty() {
            true => (String::new(), values),
            false => (format!(" WHERE {}", conditions.join(" AND ")), values),
        }
    }
}

/// Per page (its path in the default language), how many reports said "something is
/// wrong" since `since`; pages without any are left out. For `madoguchi report`. An
/// empty list when the data directory has no database yet.
pub fn wrong_since(
    data_dir: &Path,
    since: jiff::Timestamp,
) -> Result<Vec<(String, u64)>, StoreError> {
    let Some(store) = Store::open_read_only(data_dir)? else {
        return Ok(Vec::new());
    };
    let filter = Filter {
        answer: Some(Answer::Wrong),
        since: Some(since.as_second()),
        ..Filter::default()
    };
    Ok(store
        .summary(&filter)?
        .into_iter()
        .map(|s| (s.page, s.wrong))
        .collect())
}

fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Applies the migrations the database lacks, each with its new version in one
/// transaction, so a crash leaves it at one version or the next.
fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let sqlite = |error| StoreError::Sqlite {
        path: path.to_path_buf(),
        error,
    };
    let known = MIGRATIONS.len() as i64;
    let found = schema_version(conn).map_err(sqlite)?;
    if found > known {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found,
            known,
        });
    }
    for (version, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(sqlite)?;
        // Another process may have migrated while this one waited for the lock.
        if schema_version(&tx).map_err(sqlite)? > version as i64 {
            continue;
        }
        tx.execute_batch(sql).map_err(sqlite)?;
        tx.pragma_update(None, "user_version", version as i64 + 1)
            .map_err(sqlite)?;
        tx.commit().map_err(sqlite)?;
        tracing::info!(path = %path.display(), version = version + 1, "feedback database migrated");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("madoguchi-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn report(page: &str, answer: Answer, minute: i64) -> Report {
        Report {
            page: page.into(),
            lang: "ja".into(),
            answer,
            text: String::new(),
            minute,
            content_version: "v".into(),
        }
    }

    #[test]
    fn opening_twice_migrates_once_and_keeps_the_reports() {
        let dir = temp_dir("reopen");
        let mut store = Store::open(&dir).unwrap();
        store.insert(&[report("/", Answer::Yes, 60)]).unwrap();
        drop(store);
        let store = Store::open(&dir).unwrap();
        assert_eq!(
            schema_version(&store.conn).unwrap(),
            MIGRATIONS.len() as i64
        );
        assert_eq!(store.list(&Filter::default()).unwrap().len(), 1);
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = temp_dir("newer");
        let store = Store::open(&dir).unwrap();
        store.conn.pragma_update(None, "user_version", 99).unwrap();
        drop(store);
        let error = Store::open(&dir).unwrap_err().to_string();
        assert!(error.contains("schema version 99"), "{error}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn summary_purge_and_wrong_since() {
        let dir = temp_dir("summary");
        let mut store = Store::open(&dir).unwrap();
        store
            .insert(&[
                report("/a/", Answer::Yes, 60),
                report("/a/", Answer::Wrong, 120),
                report("/a/", Answer::Wrong, 180),
                report("/b/", Answer::No, 180),
            ])
            .unwrap();
        let summary = store.summary(&Filter::default()).unwrap();
        assert_eq!(
            summary,
            [
                PageSummary {
                    page: "/a/".into(),
                    yes: 1,
                    no: 0,
                    wrong: 2
                },
                PageSummary {
                    page: "/b/".into(),
                    yes: 0,
                    no: 1,
                    wrong: 0
                }
            ]
        );
        let since = jiff::Timestamp::from_second(180).unwrap();
        assert_eq!(wrong_since(&dir, since).unwrap(), [("/a/".to_string(), 1)]);
        assert_eq!(store.purge_before(180).unwrap(), 2);
        assert_eq!(store.count_since(0).unwrap(), 2);
        let _ = std::fs::remove_dir_all(&dir);
        assert!(wrong_since(&dir, since).unwrap().is_empty());
    }
}
