//! `madoguchi check`: every kind of content problem, each a fixture under
//! `tests/fixtures/invalid/<case>/`, reported as `file:line:column: message`, all at once.
//!
//! A case holds the files that replace those of `tests/fixtures/valid/` (and optionally
//! `remove.txt`, files to delete), and `expected.txt`, the exact report. To write the
//! expectation of a new case, run with `BLESS=1` and read what it wrote.

use std::path::{Path, PathBuf};
use std::process::Command;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// A content directory made of the valid sample with the case's files laid over it.
fn materialize(case: &Path) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "madoguchi-check-{}-{}",
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
                    std::fs::remove_file(dir.join(name.trim())).unwrap();
                }
            }
            name => {
                std::fs::copy(&path, dir.join(name)).unwrap();
            }
        }
    }
    dir
}

/// A fixed instant, so "in the future" means the same on every day the tests run.
fn now() -> jiff::Timestamp {
    "2026-11-25T12:00:00+09:00".parse().unwrap()
}

fn report(dir: &Path) -> String {
    let problems =
        madoguchi::content::load(dir, now()).expect_err("an invalid fixture must not load");
    let prefix = format!("{}/", dir.display());
    problems
        .0
        .iter()
        .map(|p| p.to_string().replace(&prefix, ""))
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
        let dir = materialize(&case);
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
    ] {
        assert!(names.iter().any(|n| n == kind), "no fixture for {kind}");
    }
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
    let dir = materialize(&Path::new(FIXTURES).join("invalid/many"));
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
