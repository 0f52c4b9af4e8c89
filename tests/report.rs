//! `madoguchi report`, through the binary: the editors' to-do list of the bundled content
//! and of the fixture ward, as text in the editors' language and as JSON. What is not
//! known is the very list the about page shows; the rest is seen in content made to have
//! one of everything (a stale check, a missing translation, an old source, a one-off
//! closure, an event on a holiday).

mod common;

use std::collections::BTreeSet;
use std::process::{Command, Output};

use common::{BUNDLED, ContentCopy, SAMPLE, app_at, get};

fn madoguchi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// The report of `dir` at `now` as JSON, in `lang`.
fn json(dir: &str, now: &str, lang: &str) -> serde_json::Value {
    let out = madoguchi(&[
        "report",
        "--content",
        dir,
        "--now",
        now,
        "--lang",
        lang,
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn text(args: &[&str]) -> String {
    let out = madoguchi(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Text as HTML escapes it, back.
fn unescape(s: &str) -> String {
    s.replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn without_tags(s: &str) -> String {
    unescape(&common::visible_text(s))
}

/// The about page's list of what is not known, as (link, subject, fact).
fn about_list(html: &str) -> Vec<(Option<String>, String, String)> {
    let section = html.split("<section class=\"not-known\"").nth(1).unwrap();
    let list = section.split("</section>").next().unwrap();
    list.split("<li>")
        .skip(1)
        .map(|li| {
            let li = li.split("</li>").next().unwrap();
            let href = li
                .strip_prefix("<a href=\"")
                .map(|rest| rest.split('"').next().unwrap().to_string());
            let (subject, what) = without_tags(li).split_once(": ").map_or_else(
                || (String::new(), without_tags(li)),
                |(s, w)| (s.to_string(), w.to_string()),
            );
            (href, subject, what)
        })
        .collect()
}

/// The report's list of what is not known, the same way.
fn report_list(report: &serde_json::Value) -> Vec<(Option<String>, String, String)> {
    report["not_known"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["page"].as_str().map(str::to_string),
                n["about"]["name"].as_str().unwrap().to_string(),
                n["what"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_report_lists_the_unknowns_the_about_page_lists() {
    let now = "2026-12-01T12:00:00+09:00";
    let app = app_at(BUNDLED, now);
    for (lang, about) in [("ja", "/about/"), ("en", "/en/about/")] {
        let page = about_list(&get(&app, about).await.body);
        let report = report_list(&json(BUNDLED, now, lang));
        assert!(!report.is_empty());
        // The same facts, in the same order, with the same words and links.
        assert_eq!(report, page, "{lang}");
        let set: BTreeSet<_> = report.iter().collect();
        assert_eq!(set, page.iter().collect(), "{lang}");
    }
    // The items name where they are written.
    let report = json(BUNDLED, now, "ja");
    for n in report["not_known"].as_array().unwrap() {
        let file = n["about"]["file"].as_str().unwrap();
        let id = n["about"]["id"].as_str().unwrap();
        let text = std::fs::read_to_string(std::path::Path::new(BUNDLED).join(file)).unwrap();
        assert!(text.contains(&format!("id = \"{id}\"")), "{file}: {id}");
    }
}

#[test]
fn the_report_is_in_the_sites_language_and_exits_zero() {
    let now = "2026-12-01T12:00:00+09:00";
    let ja = text(&["report", "--now", now]);
    assert!(
        ja.starts_with("編集のための確認リスト\nコンテンツ: content　今日: 2026-12-01（火）\n"),
        "{ja}"
    );
    for heading in [
        "■ わかっていないこと（",
        "■ 確かめられていないこと（",
        "■ 見直しの時期を過ぎたもの（0 件。",
        "■ 翻訳のない文章（言語ごと）\n- en: 0 件\n- easy: 0 件\n",
        "■ 1 年以上読み直していない情報源（0 件）\n- なし\n",
        "■ これから 60 日の特別な日（2026-12-01（火）〜2027-01-29（金））\n",
    ] {
        assert!(ja.contains(heading), "{heading}\nnot in:\n{ja}");
    }
    // The guessed months of いばしょ, with the rules the site computes from meanwhile.
    assert!(ja.contains("- めぐろのいばしょ（events.toml の ibasho）: 開かれる月が確かめられていません（confirmed = false）。いまは次の規則で日付を計算しています: 2026-12 から 2 か月ごとの第 4 火曜日、2027-01 から 2 か月ごとの第 4 日曜日\n"), "{ja}");
    // 年末年始, not confirmed, and the holidays that close the dial.
    assert!(ja.contains("- 2026-12-29（火）〜2027-01-03（日） 休み「年末年始」: ひきこもり相談専用ダイヤル（hours.toml の meguro-weekdays）。日付は確かめられていません\n"), "{ja}");
    assert!(ja.contains("- 2027-01-11（月） 祝日「成人の日」。この日が休みになる連絡先: ひきこもり相談専用ダイヤル、"), "{ja}");

    let en = text(&["report", "--now", now, "--lang", "en"]);
    assert!(
        en.starts_with("Editors' to-do list\nContent: content   Today: 2026-12-01 (Tue)\n"),
        "{en}"
    );
    assert!(en.contains("## Not known ("), "{en}");
    // The fixture ward is English: its report is too, unless told.
    let sample = text(&["report", "--content", SAMPLE, "--now", now]);
    assert!(sample.starts_with("Editors' to-do list\n"), "{sample}");
    let sample = text(&["report", "--content", SAMPLE, "--now", now, "--lang", "ja"]);
    assert!(sample.starts_with("編集のための確認リスト\n"), "{sample}");
}

#[test]
fn content_that_cannot_load_fails_with_checks_messages() {
    let copy = ContentCopy::new(BUNDLED, "report-broken", |name, text| match name {
        "hours.toml" => text.replacen("closes = \"17:00\"", "closes = \"08:00\"", 1),
        _ => text,
    });
    let out = madoguchi(&["report", "--content", &copy.dir]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("hours.toml:16:10: 終了時刻 08:00 が開始時刻 08:30 より後になっていません"),
        "{stderr}"
    );
    let out = madoguchi(&["report", "--content", "no-such-dir"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("content directory not found"));
}

/// The fixture ward with one of everything the report lists: an old check, a missing
/// Japanese text, an old source, a one-off closure, a closure of the cafe on one of its
/// dates (which it skips).
fn eventful(tag: &str) -> ContentCopy {
    ContentCopy::new(SAMPLE, tag, |name, text| {
        match name {
        "services.toml" => {
            // The cafe's check, a year old.
            let (before, cafe) = text.split_once("id = \"cafe\"").unwrap();
            let cafe = cafe.replacen(
                "checked_against_sources_on = 2026-01-15",
                "checked_against_sources_on = 2025-06-01",
                1,
            );
            let stale = format!("{before}id = \"cafe\"{cafe}");
            assert_ne!(stale, text);
            let note = "cost_note = \"バスの {運賃|うんちん}は ご{自分|じぶん}で {払|はら}います。\"\n";
            assert!(stale.contains(note));
            stale.replacen(note, "", 1)
        }
        "sources.toml" => text.replacen(
            "id = \"web\"\n",
            "id = \"web\"\nread_on = 2025-01-10\n",
            1,
        ),
        "hours.toml" => {
            text + "\n[[hours.exception]]\ndate = 2026-06-24\nclosed = true\nnote = \"Staff training\"\n\n[hours.exception.translations.ja]\nnote = \"{研修|けんしゅう}\"\n"
        }
        "events.toml" => text.replacen(
            "[[event.rule]]",
            "[[event.closure]]\nname = \"Staff holiday\"\nfrom = \"06-01\"\nto = \"06-05\"\n\n[event.closure.translations.ja]\nname = \"{休|やす}み\"\n\n[[event.rule]]",
            1,
        ),
        _ => text,
    }
    })
}

#[test]
fn each_section_lists_what_the_content_holds() {
    let copy = eventful("report-sections");
    let now = "2026-06-01T12:00:00+01:00";
    let report = json(&copy.dir, now, "en");
    assert_eq!(report["format"], 1);
    assert_eq!(report["today"], "2026-06-01");
    assert_eq!(report["language"], "en");

    let stale = report["stale"].as_array().unwrap();
    assert_eq!(stale.len(), 1, "{stale:#?}");
    assert_eq!(stale[0]["about"]["id"], "cafe");
    assert_eq!(stale[0]["about"]["kind"], "service");
    assert_eq!(stale[0]["checked_on"], "2025-06-01");
    assert_eq!(stale[0]["days_ago"], 365);
    assert_eq!(stale[0]["stale_from"], "2025-11-29");
    assert_eq!(stale[0]["field"], "checked_against_sources_on");
    // The others, checked on 2026-01-15, are out of date from 2026-07-15: soon.
    let soon = report["review_soon"].as_array().unwrap();
    assert!(!soon.is_empty());
    assert!(
        soon.iter().all(|r| r["stale_from"] == "2026-07-15"),
        "{soon:#?}"
    );
    let ja = &report["untranslated"][0];
    assert_eq!(ja["language"], "ja");
    assert_eq!(ja["texts"][0]["file"], "services.toml");
    assert_eq!(ja["texts"][0]["key"], "cost_note");
    let sources = report["sources_not_read"].as_array().unwrap();
    assert!(
        sources
            .iter()
            .any(|s| s["about"]["id"] == "web" && s["read_on"] == "2025-01-10")
    );
    let special = report["special_dates"].as_array().unwrap();
    let kinds: Vec<(&str, &str)> = special
        .iter()
        .map(|s| (s["date"].as_str().unwrap(), s["kind"].as_str().unwrap()))
        .collect();
    assert!(kinds.contains(&("2026-06-24", "exception")), "{kinds:?}");
    assert!(kinds.contains(&("2026-06-01", "closure")), "{kinds:?}");
    assert!(
        kinds.contains(&("2026-06-03", "event_on_holiday")),
        "{kinds:?}"
    );
    // In date order.
    let dates: Vec<&str> = kinds.iter().map(|(d, _)| *d).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    let closure = special.iter().find(|s| s["kind"] == "closure").unwrap();
    assert_eq!(closure["until"], "2026-06-05");
    assert_eq!(closure["about"]["id"], "cafe");
    // The cafe skips the date: it is listed all the same, with what its policy says.
    let on = special
        .iter()
        .find(|s| s["kind"] == "event_on_holiday")
        .unwrap();
    assert_eq!(on["on"], "Staff holiday");
    assert_eq!(on["on_holiday"], "skipped");

    // The same in Japanese text, with the Japanese edition's words.
    let ja = text(&[
        "report",
        "--content",
        &copy.dir,
        "--now",
        now,
        "--lang",
        "ja",
    ]);
    assert!(ja.contains("■ 見直しの時期を過ぎたもの（"), "{ja}");
    assert!(ja.contains("- 立ち寄り カフェ（services.toml の cafe）: checked_against_sources_on 2025-06-01（日）（365 日前）。2025-11-29（土） から古いと表示されます\n"), "{ja}");
    assert!(ja.contains("- ja: 1 件\n  - services.toml:"), "{ja}");
    assert!(
        ja.contains("（sources.toml の web）: 読んだ日 2025-01-10（金）"),
        "{ja}"
    );
    assert!(
        ja.contains("- 2026-06-24（水） 臨時の休み「研修」: "),
        "{ja}"
    );
    assert!(ja.contains("- 2026-06-03（水） 立ち寄り カフェ（events.toml の cafe）が「休み」に重なります。on_holiday = \"skipped\": 祝日は休みです\n"), "{ja}");
}

/// README.md documents every key of the JSON, so tools can rely on it.
#[test]
fn the_readme_documents_every_key_of_the_json() {
    let copy = eventful("report-keys");
    let mut keys = BTreeSet::new();
    for (dir, now) in [
        (copy.dir.as_str(), "2026-12-01T12:00:00+00:00"),
        (BUNDLED, "2027-01-10T12:00:00+09:00"),
        (SAMPLE, "2026-06-01T12:00:00+01:00"),
    ] {
        collect_keys(&json(dir, now, "en"), &mut keys);
    }
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme
        .split("### The report as JSON")
        .nth(1)
        .expect("README.md has a section on the report's JSON")
        .split("\n## ")
        .next()
        .unwrap();
    let missing: Vec<&String> = keys
        .iter()
        .filter(|k| !section.contains(&format!("`{k}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "README.md does not document {missing:?}"
    );
}

fn collect_keys(v: &serde_json::Value, keys: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                keys.insert(k.clone());
                // A kind's value is a key of the format too.
                if k == "kind" {
                    keys.insert(v.as_str().unwrap().to_string());
                }
                collect_keys(v, keys);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_keys(v, keys)),
        _ => {}
    }
}

/// Readers' "something is wrong" reports: a service page counts those since its last
/// check, another page every one kept; other answers and older reports do not count.
#[test]
fn pages_with_wrong_reports_since_their_last_check_are_listed() {
    use madoguchi::store::{Answer, Report, Store};

    let data = std::env::temp_dir().join(format!("madoguchi-report-wrong-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let at = |instant: &str| instant.parse::<jiff::Timestamp>().unwrap().as_second();
    let report = |page: &str, answer: Answer, minute: i64| Report {
        page: page.to_string(),
        lang: "ja".to_string(),
        answer,
        text: String::new(),
        minute,
        content_version: "test".to_string(),
    };
    let data_arg = data.to_str().unwrap();
    let args = |format: &'static str| {
        [
            "report",
            "--content",
            BUNDLED,
            "--now",
            "2026-12-01T10:00:00+09:00",
            "--lang",
            "ja",
            "--format",
            format,
            "--data",
            data_arg,
        ]
    };

    // No database yet: nothing is stored, and the text says so.
    let out = madoguchi(&args("json"));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["wrong_reports"].is_null(), "{json}");
    assert!(text(&args("text")).contains("読者からの報告は保存されていません"));

    // The dial's facts were last checked on 2026-11-25 (Tokyo).
    let mut store = Store::open(&data).unwrap();
    store
        .insert(&[
            report(
                "/services/dial/",
                Answer::Wrong,
                at("2026-11-26T09:00:00+09:00"),
            ),
            report(
                "/services/dial/",
                Answer::Wrong,
                at("2026-11-24T23:59:00+09:00"),
            ),
            report(
                "/services/dial/",
                Answer::No,
                at("2026-11-27T09:00:00+09:00"),
            ),
            report("/faq/", Answer::Wrong, at("2026-01-05T09:00:00+09:00")),
            report("/access/", Answer::Yes, at("2026-11-28T09:00:00+09:00")),
        ])
        .unwrap();
    drop(store);

    let out = madoguchi(&args("json"));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let listed: Vec<(String, Option<String>, u64)> = json["wrong_reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["page"].as_str().unwrap().to_string(),
                w["since"].as_str().map(str::to_string),
                w["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            (
                "/services/dial/".to_string(),
                Some("2026-11-25".to_string()),
                1
            ),
            ("/faq/".to_string(), None, 1),
        ]
    );
    let words = text(&args("text"));
    assert!(
        words.contains(
            "ひきこもり相談専用ダイヤル（/services/dial/）: 1 件（2026-11-25（水） に確かめてから）"
        ),
        "{words}"
    );
    assert!(
        words.contains("（/faq/）: 1 件（保存されている報告のすべて）"),
        "{words}"
    );
    let _ = std::fs::remove_dir_all(&data);
}
