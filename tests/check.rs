//! `madoguchi check`: every message it can print about the content, each shown by a
//! fixture under `tests/fixtures/invalid/<case>/`, reported as `file:line:column:
//! message`, all at once, in English and in Japanese.
//!
//! A case holds the files that replace those of `tests/fixtures/valid/` (and optionally
//! `remove.txt`, files to delete, `.` for the whole directory), and the exact report in
//! each language: `expected.txt` in English (the fixture ward's default language, what
//! `check` prints there without `--lang`) and `expected.ja.txt` in Japanese (`--lang ja`,
//! what it prints without `--lang` for a Japanese site such as the bundled one). To
//! write the expectations of a new case, run with `BLESS=1` and read what it wrote. A
//! new message (a variant of `content::Message`) fails `every_message_has_a_fixture`
//! until a case prints it.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use madoguchi::content::{Message, Problems};
use madoguchi::model::Lang;

use common::{FIXTURES, invalid_case as materialize};

/// A fixed instant, so "in the future" means the same on every day the tests run;
/// within `stale_after_days` of the fixture ward's checks, so only the `stale` fixture
/// warns that its facts are old.
fn now() -> jiff::Timestamp {
    common::FIXTURE_NOW.parse().unwrap()
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

/// The report in `lang`, with paths relative to the content directory (`.` for itself).
fn report(dir: &Path, lang: Lang) -> String {
    let prefix = format!("{}/", dir.display());
    let whole = dir.display().to_string();
    problems(dir)
        .0
        .iter()
        .map(|p| {
            p.in_lang(lang)
                .to_string()
                .replace(&prefix, "")
                .replace(&whole, ".")
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The file that holds a case's report in `lang`.
fn expected_file(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "expected.txt",
        Lang::Ja => "expected.ja.txt",
    }
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
fn each_invalid_fixture_reports_exactly_its_problems_in_each_language() {
    let mut failures = Vec::new();
    for case in cases() {
        let dir = materialize(&case, "report");
        for lang in Lang::ALL {
            let got = report(&dir, lang);
            let expected_path = case.join(expected_file(lang));
            if std::env::var_os("BLESS").is_some() {
                std::fs::write(&expected_path, &got).unwrap();
                continue;
            }
            let expected = std::fs::read_to_string(&expected_path)
                .unwrap_or_else(|_| panic!("{} is missing", expected_path.display()));
            if got != expected {
                failures.push(format!(
                    "{}:\n--- expected\n{expected}--- got\n{got}",
                    expected_path.display()
                ));
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
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

/// The bundled content is in Japanese, so `check` says so in Japanese, with the count
/// of what is not known; `--lang en` says it in English.
#[test]
fn check_exits_zero_on_valid_content_in_the_sites_language() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let unknowns = madoguchi::content::load(&dir, jiff::Timestamp::now())
        .unwrap()
        .site()
        .unknowns()
        .len();
    let out = madoguchi(&["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("content: コンテンツに問題はありません（サービス 8 件、"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "お知らせ: 「わかっていない」と記された事柄が {unknowns} 件あります。"
        )),
        "{stdout}"
    );

    let out = madoguchi(&["check", "--lang", "en"]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("content: content is valid (8 services, "),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "information: {unknowns} facts are marked not known"
        )),
        "{stdout}"
    );
}

/// A broken edit of the bundled (Japanese) content: Japanese without `--lang`, with
/// the hint under the located line; English with `--lang en`; Japanese again for the
/// English fixture ward with `--lang ja`.
#[test]
fn check_speaks_the_sites_default_language_unless_told() {
    let dir = std::env::temp_dir().join(format!("madoguchi-check-{}-lang", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let hours = dir.join("hours.toml");
    let text = std::fs::read_to_string(&hours).unwrap();
    let broken = text.replacen("closes = \"17:00\"", "closes = \"08:00\"", 1);
    assert_ne!(text, broken);
    std::fs::write(&hours, broken).unwrap();
    let path = dir.to_str().unwrap();

    let out = madoguchi(&["check", "--content", path]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let expected = format!(
        "{path}/hours.toml:16:10: 終了時刻 08:00 が開始時刻 08:30 より後になっていません\n  = ヒント: 夜中の 0 時をまたいで翌日に終わる時間なら、`overnight = true` を書き足してください\nコンテンツに 1 件の問題があります\n"
    );
    assert_eq!(stderr, expected);

    let out = madoguchi(&["check", "--lang", "en", "--content", path]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr,
        format!(
            "{path}/hours.toml:16:10: closing time 08:00 is not after opening time 08:30 (for hours that run past midnight, add `overnight = true`)\n1 problem found in the content\n"
        )
    );
    let _ = std::fs::remove_dir_all(&dir);

    let case = materialize(
        &Path::new(FIXTURES).join("invalid/closes-before-opens"),
        "lang",
    );
    let path = case.to_str().unwrap();
    let english =
        String::from_utf8_lossy(&madoguchi(&["check", "--content", path]).stderr).into_owned();
    assert!(
        english.ends_with("1 problem found in the content\n"),
        "{english}"
    );
    let japanese = madoguchi(&["check", "--lang", "ja", "--content", path]);
    let japanese = String::from_utf8_lossy(&japanese.stderr);
    assert!(
        japanese.ends_with("コンテンツに 1 件の問題があります\n"),
        "{japanese}"
    );
    let _ = std::fs::remove_dir_all(&case);
}

/// Every message has its own Japanese: not the English again, and in Japanese.
#[test]
fn every_message_printed_has_japanese_words() {
    for case in cases() {
        let dir = materialize(&case, "japanese");
        for p in problems(&dir).0 {
            let ja = p.message.wording(Lang::Ja);
            assert_ne!(ja.text, p.message.to_string(), "{}", case.display());
            assert!(
                ja.text
                    .chars()
                    .any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
                "{}: {}",
                case.display(),
                ja.text
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
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
