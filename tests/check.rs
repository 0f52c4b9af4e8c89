//! `madoguchi check`: every message it can print about the content, each shown by a
//! fixture under `tests/fixtures/invalid/<case>/`, reported as `file:line:column:
//! message`, all at once.
//!
//! A case holds the files that replace those of `tests/fixtures/valid/` (and optionally
//! `remove.txt`, files to delete, `.` for the whole directory), and `expected.txt`, the
//! exact report. To write the expectation of a new case, run with `BLESS=1` and read what
//! it wrote. A new message (a variant of `content::Message`) fails
//! `every_message_has_a_fixture` until a case prints it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use madoguchi::content::{Message, Problems};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// A content directory made of the valid sample with the case's files laid over it,
/// named after the case and `test` (tests run at the same time).
fn materialize(case: &Path, test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "madoguchi-check-{}-{test}-{}",
        std::process::id(),
        case.file_name().unwrap().to_string_lossy()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(Path::new(FIXTURES).join("valid")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    for entry in std::fs::read_dir(case).unwrap() {
        let path = entry.unwrap().path();
        match path.file_name().unwrap().to_str().unwrap() {
            "expected.txt" => {}
            "remove.txt" => {
                for name in std::fs::read_to_string(&path).unwrap().lines() {
                    match name.trim() {
                        "." => std::fs::remove_dir_all(&dir).unwrap(),
                        name => std::fs::remove_file(dir.join(name)).unwrap(),
                    }
                }
            }
            name => {
                std::fs::copy(&path, dir.join(name)).unwrap();
            }
        }
    }
    dir
}

/// A fixed instant, so "in the future" means the same on every day the tests run;
/// within `stale_after_days` of the fixture ward's checks, so only the `stale` fixture
/// warns that its facts are old.
fn now() -> jiff::Timestamp {
    "2026-06-01T12:00:00+09:00".parse().unwrap()
}

/// What loading `dir` reports: its problems, or the warnings of content that loads.
fn problems(dir: &Path) -> Problems {
    let problems = match madoguchi::content::load(dir, now()) {
        Err(problems) => problems,
        Ok(content) => content.warnings,
    };
    assert!(
        !problems.0.is_empty(),
        "{}: a fixture must report something",
        dir.display()
    );
    problems
}

/// The report, with paths relative to the content directory (`.` for itself).
fn report(dir: &Path) -> String {
    let prefix = format!("{}/", dir.display());
    let whole = dir.display().to_string();
    problems(dir)
        .0
        .iter()
        .map(|p| p.to_string().replace(&prefix, "").replace(&whole, "."))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(Path::new(FIXTURES).join("invalid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    cases
}

#[test]
fn each_invalid_fixture_reports_exactly_its_problems() {
    let mut failures = Vec::new();
    for case in cases() {
        let dir = materialize(&case, "report");
        let got = report(&dir);
        let _ = std::fs::remove_dir_all(&dir);
        let expected_path = case.join("expected.txt");
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has no expected.txt", case.display()));
        if got != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- got\n{got}",
                case.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn there_is_a_fixture_for_every_kind_of_problem() {
    let names: Vec<String> = cases()
        .iter()
        .map(|c| c.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for kind in [
        "syntax",
        "unknown-field",
        "unknown-key",
        "wrong-type",
        "duplicate-id",
        "unknown-reference",
        "bad-time",
        "closes-before-opens",
        "bad-phone",
        "relative-url",
        "bad-country",
        "future-verified",
        "unknown-organization",
        "missing-file",
        "many",
        "hours-no-days",
        "hours-days-and-day-of-month",
        "hours-day-of-month-range",
        "hours-midnight-overnight",
        "hours-overnight-too-long",
        "contact-unknown-kind",
        "contact-unknown-what",
        "contact-hours-given-and-unknown",
        "contact-without-hours",
        "urgent-without-sources",
        "urgent-without-page",
        "source-read-in-future",
        "stale",
        "stale-after-days",
        "ends-before-starts",
    ] {
        assert!(names.iter().any(|n| n == kind), "no fixture for {kind}");
    }
}

/// Every kind of message `check` can print is printed by some fixture.
#[test]
fn every_message_has_a_fixture() {
    let mut printed = BTreeSet::new();
    for case in cases() {
        let dir = materialize(&case, "kinds");
        printed.extend(problems(&dir).0.iter().map(|p| p.message.kind()));
        let _ = std::fs::remove_dir_all(&dir);
    }
    let missing: Vec<String> = Message::kinds()
        .into_iter()
        .filter(|kind| !printed.contains(kind))
        .collect();
    assert!(
        missing.is_empty(),
        "no fixture under tests/fixtures/invalid/ prints {missing:?}"
    );
}

#[test]
fn the_bundled_content_and_the_sample_are_valid() {
    for dir in ["content", "tests/fixtures/valid"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        if let Err(problems) = madoguchi::content::load(&dir, jiff::Timestamp::now()) {
            panic!("{}:\n{problems}", dir.display());
        }
    }
}

#[test]
fn the_bundled_content_is_fully_translated() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let content = madoguchi::content::load(&dir, jiff::Timestamp::now()).unwrap();
    assert_eq!(content.sites.len(), 3);
    assert!(content.warnings.0.is_empty(), "{}", content.warnings);
}

#[test]
fn the_fixture_ward_is_fully_translated() {
    let dir = Path::new(FIXTURES).join("valid");
    let content = madoguchi::content::load(&dir, now()).unwrap();
    assert_eq!(content.sites.len(), 2);
    assert!(content.warnings.0.is_empty(), "{}", content.warnings);
}

fn madoguchi(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[test]
fn check_exits_zero_on_valid_content() {
    let out = madoguchi(&["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("content is valid"), "{stdout}");
}

#[test]
fn check_exits_one_and_prints_every_problem() {
    let dir = materialize(&Path::new(FIXTURES).join("invalid/many"), "cli");
    let out = madoguchi(&["check", "--content", dir.to_str().unwrap()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let located: Vec<&str> = stderr.lines().filter(|l| l.contains(".toml:")).collect();
    assert!(located.len() >= 5, "{stderr}");
    for line in &located {
        let after = line.split(".toml:").nth(1).unwrap();
        let mut parts = after.splitn(3, ':');
        let line_no: usize = parts.next().unwrap().parse().unwrap();
        let column: usize = parts.next().unwrap().parse().unwrap();
        assert!(line_no >= 1 && column >= 1, "{line}");
    }
    assert!(
        stderr.trim_end().ends_with("problems found in the content"),
        "{stderr}"
    );
}

#[test]
fn check_names_a_missing_content_directory() {
    let out = madoguchi(&["check", "--content", "no-such-dir"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("no-such-dir:1:1: content directory not found")
    );
}
