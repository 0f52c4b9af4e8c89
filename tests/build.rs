//! `madoguchi build`: every exported document is byte for byte what `serve --now` sends
//! for the same path, because both use the one renderer; the audiences' handouts are among
//! them.

mod common;

use std::path::Path;
use std::process::Command;

use common::{SAMPLE, app_at, label, visible_text};

const NOW: &str = "2026-12-30T10:00:00Z";

/// The fixture ward's services, in content order.
const SERVICE_IDS: [&str; 5] = ["line", "cafe", "family", "walk", "visits"];

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn the_export_equals_what_serve_sends() {
    let out = std::env::temp_dir().join(format!("madoguchi-build-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let status = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["build", "--out", out.to_str().unwrap(), "--now", NOW])
        .args(["--content", SAMPLE])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert!(status.success());
    let app = app_at(SAMPLE, NOW);
    let written = files(&out);
    // In each of 2 languages 16 pages (the search page, the handout form and the 2
    // audiences' handouts too) and a 404 page; each language's QR codes of the 5 service
    // pages; robots.txt, favicon.ico, the sitemap, status, the HSDS services, the site
    // calendar, 3 event calendars; the stylesheet, the share picture and the two icons,
    // each under its own name and its hashed name.
    assert_eq!(written.len(), 2 * 17 + 2 * 5 + 9 + 2 * 4, "{written:?}");
    assert!(out.join("favicon.ico").is_file());
    assert!(out.join("api/v1/services.json").is_file());
    for file in written {
        let relative = file
            .strip_prefix(&out)
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let path = match relative.as_str() {
            r if r.ends_with("404.html") => {
                format!("/{}no-such-page/", r.trim_end_matches("404.html"))
            }
            r if r.ends_with("index.html") => format!("/{}", r.trim_end_matches("index.html")),
            r => format!("/{r}"),
        };
        let served = common::send_with(&app, axum::http::Method::GET, &path, &[])
            .await
            .bytes;
        let exported = std::fs::read(&file).unwrap();
        assert!(served == exported, "{relative} differs from GET {path}");
    }
    // Nothing runs per request on a static host: the search page lists every service.
    let search = std::fs::read_to_string(out.join("search/index.html")).unwrap();
    for id in SERVICE_IDS {
        assert!(
            search.contains(&format!("href=\"/services/{id}/\"")),
            "{id}"
        );
    }
    // Each audience's ready handout is a page of its own, so a static host has it; the
    // form, which only a running server answers, says so.
    for (file, services) in [
        ("handout/person/index.html", 4),
        ("handout/family/index.html", 3),
        ("ja/handout/person/index.html", 4),
        ("ja/handout/family/index.html", 3),
    ] {
        let handout = std::fs::read_to_string(out.join(file)).unwrap();
        assert_eq!(
            handout.matches("<article class=\"handout-item\"").count(),
            services,
            "{file}"
        );
        assert!(handout.contains("<div class=\"handout-qr\""), "{file}");
    }
    for (file, language) in [
        ("handout/index.html", None),
        ("ja/handout/index.html", Some("ja")),
    ] {
        let form = std::fs::read_to_string(out.join(file)).unwrap();
        let says = label(SAMPLE, language, "handout_server_only");
        assert!(visible_text(&form).contains(&says), "{file}: {says}");
    }
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("Mon 4 Jan 2027 9 am"));
    let ja = std::fs::read_to_string(out.join("ja/index.html")).unwrap();
    assert!(ja.contains("2027年1月4日(月) 9時"));
    let _ = std::fs::remove_dir_all(&out);
}
