//! Pages travel well: every page of every language has its canonical URL, its preview
//! fields and its alternates in the other languages; each edition comes from the
//! translations in the content, with dates and times in its own form and furigana where
//! the text has them; untranslated text falls back to the default language, marked and
//! warned about. On the fixture ward: English, with a Japanese edition.

mod common;

use std::path::PathBuf;

use axum::http::{Method, StatusCode};
use common::{SAMPLE, app_at, get, send, sitemap_paths};

/// A Tuesday morning in London.
const NOW: &str = "2026-12-01T10:00:00Z";
const BASE: &str = "https://desk.example.org";

/// The value of `attr` in the first tag that contains `marker` (e.g. `property="og:url"`).
fn attr_of(body: &str, marker: &str, attr: &str) -> Option<String> {
    let at = body.find(marker)?;
    let start = body[..at].rfind('<')?;
    let end = at + body[at..].find('>')?;
    let tag = &body[start..end];
    let key = format!("{attr}=\"");
    let from = tag.find(&key)? + key.len();
    let to = from + tag[from..].find('"')?;
    Some(tag[from..to].to_string())
}

#[tokio::test]
async fn every_page_has_canonical_preview_fields_and_alternates() {
    let app = app_at(SAMPLE, NOW);
    let paths = sitemap_paths(&app).await;
    // 16 pages (with the search page, the handout form and the audiences' handouts) in
    // each of two languages.
    assert_eq!(paths.len(), 2 * 16, "{paths:?}");
    for path in &paths {
        let body = get(&app, path).await.body;
        let canonical = attr_of(&body, "rel=\"canonical\"", "href");
        assert_eq!(
            canonical.as_deref(),
            Some(format!("{BASE}{path}").as_str()),
            "{path}"
        );
        assert_eq!(
            attr_of(&body, "property=\"og:url\"", "content"),
            canonical,
            "{path}"
        );
        for field in [
            "og:title",
            "og:description",
            "og:type",
            "og:locale",
            "og:image",
            "og:image:alt",
        ] {
            let value = attr_of(&body, &format!("property=\"{field}\""), "content");
            assert!(
                value.is_some_and(|v| !v.trim().is_empty()),
                "{path}: no {field}"
            );
        }
        let image = attr_of(&body, "property=\"og:image\"", "content").unwrap();
        assert_eq!(
            get(&app, image.trim_start_matches(BASE)).await.status,
            StatusCode::OK
        );
        // The preview's text is plain: no ruby markup, no tags.
        let title = attr_of(&body, "property=\"og:title\"", "content").unwrap();
        assert!(!title.contains(['{', '|', '<']), "{path}: og:title {title}");
        // The same page in every language, and the default for everyone else.
        let own = path.trim_start_matches("/ja");
        for (hreflang, prefix) in [("en", ""), ("ja", "/ja"), ("x-default", "")] {
            let href = attr_of(&body, &format!("hreflang=\"{hreflang}\" href="), "href");
            assert_eq!(
                href,
                Some(format!("{BASE}{prefix}{own}")),
                "{path}: hreflang {hreflang}"
            );
        }
    }
}

/// Every page describes itself: `<meta name="description">` and `og:description` are the
/// page's own summary (a service's summary, a page's lead, the site's description on the
/// home page), different from every other page's in every language, so a shared link
/// says what it leads to; `og:title` is the page's title. On the fixture ward and on the
/// bundled content.
#[tokio::test]
async fn every_page_has_its_own_description() {
    // With each language's 404 page.
    for (dir, now, not_found) in [
        (SAMPLE, NOW, &["/nope/", "/ja/nope/"][..]),
        (
            common::BUNDLED,
            "2026-11-25T01:00:00Z",
            &["/nope/", "/en/nope/", "/easy/nope/"][..],
        ),
    ] {
        let app = app_at(dir, now);
        let mut seen: std::collections::HashMap<String, String> = Default::default();
        let paths = sitemap_paths(&app).await;
        for path in paths
            .iter()
            .map(String::as_str)
            .chain(not_found.iter().copied())
        {
            let body = get(&app, path).await.body;
            let description = attr_of(&body, "name=\"description\"", "content")
                .unwrap_or_else(|| panic!("{dir}{path}: no description"));
            assert!(
                description.chars().count() >= 10 && !description.contains(['{', '|', '<']),
                "{dir}{path}: {description:?}"
            );
            assert_eq!(
                attr_of(&body, "property=\"og:description\"", "content").as_ref(),
                Some(&description),
                "{dir}{path}"
            );
            let title = attr_of(&body, "property=\"og:title\"", "content").unwrap();
            assert!(
                body.contains(&format!("<title>{title} – "))
                    || body.contains(&format!("<title>{title}</title>")),
                "{dir}{path}: og:title {title:?}"
            );
            if let Some(other) = seen.insert(description.clone(), path.to_string()) {
                panic!("{dir}: {other} and {path} both say {description:?}");
            }
        }
    }
    // Each from its own text in the content.
    let app = app_at(SAMPLE, NOW);
    for (path, summary) in [
        ("/services/walk/", "A short walk together, then tea."),
        ("/for/family/", "Families can ask on their own."),
        ("/faq/", "Things people often wonder about."),
        (
            "/search/",
            "Find services and answers on this site by typing words.",
        ),
        ("/ja/faq/", "よく 聞かれる ことです。"),
    ] {
        let body = get(&app, path).await.body;
        assert_eq!(
            attr_of(&body, "name=\"description\"", "content").as_deref(),
            Some(summary),
            "{path}"
        );
    }
}

/// The `href` of the first link whose text is `text`, as written (HTML-escaped).
fn href_of_link(body: &str, text: &str) -> Option<String> {
    let end = body.find(&format!(">{text}</a>"))?;
    let start = body[..end].rfind("<a href=\"")? + "<a href=\"".len();
    Some(body[start..start + body[start..].find('"')?].replace("&#38;", "&"))
}

fn decoded(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

/// Every service page, in every language, has a part for sending it to someone: its
/// address as text, an e-mail whose subject is the page's title and whose body its
/// summary and address, and a LINE message of the address; plain links only, so the page
/// asks nothing of another site.
#[tokio::test]
async fn every_service_page_offers_to_send_itself() {
    let app = app_at(SAMPLE, NOW);
    let mut services = 0;
    for path in sitemap_paths(&app).await {
        if !path.contains("/services/") {
            continue;
        }
        services += 1;
        let body = get(&app, &path).await.body;
        let url = format!("{BASE}{path}");
        let ja = path.starts_with("/ja/");
        let part = &body[body.find("<section class=\"send-page\"").expect(&path)..];
        let part = &part[..part.find("</section>").unwrap()];
        assert!(
            part.contains(&format!("<span class=\"url-text\">{url}</span>")),
            "{path}: {part}"
        );
        let title = body
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .unwrap();
        let summary = attr_of(&body, "name=\"description\"", "content").unwrap();
        let mail = href_of_link(
            part,
            if ja {
                "メールで送る"
            } else {
                "Send by email"
            },
        )
        .unwrap_or_else(|| panic!("{path}: {part}"));
        let query = mail.strip_prefix("mailto:?").expect(&mail);
        let (subject, body_text) = query.split_once('&').unwrap();
        assert_eq!(decoded(subject.strip_prefix("subject=").unwrap()), title);
        assert_eq!(
            decoded(body_text.strip_prefix("body=").unwrap()),
            format!("{summary}\r\n\r\n{url}")
        );
        // Percent-encoded through and through: nothing a mail program could misread.
        assert!(
            query
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "%-._~=&".contains(c)),
            "{path}: {query}"
        );
        let line = href_of_link(
            part,
            if ja {
                "LINEで送る（LINEのサイトが開きます）"
            } else {
                "Send with LINE (opens the LINE website)"
            },
        )
        .unwrap_or_else(|| panic!("{path}: {part}"));
        let shared = line
            .strip_prefix("https://social-plugins.line.me/lineit/share?url=")
            .expect(&line);
        assert_eq!(decoded(shared), url);
        // Links only: the part loads nothing.
        assert!(!part.contains("<img") && !part.contains("<script") && !part.contains("<iframe"));
    }
    assert_eq!(services, 2 * 5);
    // With the site's words: an English page's subject.
    let walk = get(&app, "/services/walk/").await.body;
    let part = &walk[walk.find("class=\"send-page\"").unwrap()..];
    assert!(part.contains(
        "mailto:?subject=Walking%20group%20%E2%80%93%20Sample%20Ward%20Support%20Desk&#38;body=A%20short%20walk%20together%2C%20then%20tea.%0D%0A%0D%0Ahttps%3A%2F%2Fdesk.example.org%2Fservices%2Fwalk%2F"
    ), "{part}");
}

#[tokio::test]
async fn og_locale_and_lang_follow_the_language() {
    let app = app_at(SAMPLE, NOW);
    for (path, lang, locale) in [
        ("/services/line/", "en", "en_GB"),
        ("/ja/services/line/", "ja", "ja_JP"),
    ] {
        let body = get(&app, path).await.body;
        assert!(body.contains(&format!("<html lang=\"{lang}\">")), "{path}");
        assert_eq!(
            attr_of(&body, "property=\"og:locale\"", "content").as_deref(),
            Some(locale),
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_header_switches_language_on_the_same_page() {
    let app = app_at(SAMPLE, NOW);
    let body = get(&app, "/ja/services/walk/").await.body;
    let switch = &body[body
        .find("class=\"lang-switch\"")
        .expect("a language switch")..];
    let switch = &switch[..switch.find("</nav>").unwrap()];
    assert!(switch.contains(r#"<a href="/services/walk/" hreflang="en" lang="en">English</a>"#));
    assert!(switch.contains(
        r#"<a href="/ja/services/walk/" hreflang="ja" lang="ja" aria-current="true">日本語</a>"#
    ));
    // Links inside a language stay in it.
    assert!(body.contains(r#"href="/ja/for/person/""#));
    assert!(!body.contains(r#"href="/for/person/""#));
}

#[tokio::test]
async fn english_says_dates_and_times_in_english() {
    let app = app_at(SAMPLE, NOW);
    let body = get(&app, "/services/walk/").await.body;
    assert!(body.contains(">Tue 22 Dec 1:30–4:30 pm</time>"), "{body}");
    assert!(body.contains(">Sun 24 Jan 2027 1:30–4:30 pm</time>"));
    assert!(body.contains("4th Tuesday"));
    let home = get(&app, "/").await.body;
    assert!(
        home.contains(r#"<time datetime="09:00">9 am</time>–<time datetime="17:00">5 pm</time>"#)
    );
    assert!(home.contains("<strong>Open now</strong>"));
    // A time with minutes, on a 12-hour clock.
    let visits = get(&app_at(SAMPLE, "2026-12-01T19:30:00Z"), "/services/visits/")
        .await
        .body;
    assert!(visits.contains(
        "<strong>Open now</strong> - until <time datetime=\"2026-12-01T20:00:00+00:00\">8 pm</time>"
    ));
    let ja = get(&app, "/ja/services/walk/").await.body;
    assert!(ja.contains(">12月22日(火) 13時30分〜16時30分</time>"));
    assert!(ja.contains("第4火曜日と第4日曜日（月ごとに交互）"));
}

#[tokio::test]
async fn plain_japanese_has_furigana_and_no_markup_leaks() {
    let app = app_at(SAMPLE, NOW);
    let easy = get(&app, "/ja/services/line/").await.body;
    assert!(easy.contains("<ruby>相談<rt>そうだん</rt></ruby>"));
    // In the title and in attributes only the base text is kept.
    let title = &easy[easy.find("<title>").unwrap()..easy.find("</title>").unwrap()];
    assert!(!title.contains("<ruby>") && !title.contains('{'), "{title}");
    for path in sitemap_paths(&app).await {
        let body = get(&app, &path).await.body;
        assert!(
            !body.contains('\u{E000}') && !body.contains('\u{E001}'),
            "{path}"
        );
        // Fully translated: no page says otherwise.
        assert!(!body.contains("fallback-notice"), "{path}");
        for (i, _) in body.match_indices('{') {
            let rest: String = body[i..].chars().take(40).collect();
            let closes = rest.find('}');
            let bar = rest.find('|');
            assert!(
                !matches!((bar, closes), (Some(b), Some(c)) if b < c),
                "{path}: ruby markup left in the page: {rest}"
            );
        }
    }
}

#[tokio::test]
async fn unknown_paths_get_the_404_page_in_their_language() {
    let app = app_at(SAMPLE, NOW);
    let ja = get(&app, "/ja/no-such-page/").await;
    assert_eq!(ja.status, StatusCode::NOT_FOUND);
    assert!(ja.body.contains("<html lang=\"ja\">"));
    assert!(ja.body.contains("<h1>ページが見つかりません</h1>"));
    let en = get(&app, "/japanese/").await;
    assert_eq!(en.status, StatusCode::NOT_FOUND);
    assert!(en.body.contains("<html lang=\"en\">"));
}

#[tokio::test]
async fn headings_have_stable_anchors_in_every_language() {
    let app = app_at(SAMPLE, NOW);
    for prefix in ["", "/ja"] {
        let body = get(&app, &format!("{prefix}/services/visits/")).await.body;
        assert!(body.contains("<h3 id=\"after\">"), "{prefix}");
        for h in body.match_indices("<h2").chain(body.match_indices("<h3")) {
            assert!(
                body[h.0..].starts_with("<h2 id=") || body[h.0..].starts_with("<h3 id="),
                "{prefix}: {}",
                &body[h.0..h.0 + 40]
            );
        }
    }
    let en = get(&app, "/services/visits/").await.body;
    assert!(en.contains("<h3 id=\"after\">After the visit</h3>"));
}

#[tokio::test]
async fn robots_txt_points_at_the_sitemap() {
    let app = app_at(SAMPLE, NOW);
    let robots = get(&app, "/robots.txt").await;
    assert_eq!(robots.status, StatusCode::OK);
    assert!(robots.content_type.starts_with("text/plain"));
    assert!(
        robots
            .body
            .contains(&format!("Sitemap: {BASE}/sitemap.xml"))
    );
    let sitemap = get(&app, "/sitemap.xml").await.body;
    assert!(sitemap.contains(r#"xmlns:xhtml="http://www.w3.org/1999/xhtml""#));
    assert!(sitemap.contains(&format!(
        r#"<xhtml:link rel="alternate" hreflang="ja" href="{BASE}/ja/faq/"/>"#
    )));
}

/// A copy of the content directory `from`, in a folder of its own named by `name`.
fn copy_of(from: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("madoguchi-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// The English sample with a Welsh edition that translates only the site's name.
fn partly_translated() -> PathBuf {
    let dir = copy_of(SAMPLE, "partial");
    let site = dir.join("site.toml");
    let mut text = std::fs::read_to_string(&site).unwrap();
    text.push_str(
        "\n[site.translations.cy]\nname = \"Desg Gymorth y Fwrdeistref\"\n\n[site.official.translations.cy]\nname = \"Gwefan y Fwrdeistref\"\n\n[[site.languages]]\nid = \"cy\"\nlang = \"cy\"\nlabel = \"Cymraeg\"\nlocale = \"cy_GB\"\n",
    );
    std::fs::write(&site, text).unwrap();
    dir
}

#[tokio::test]
async fn a_missing_translation_falls_back_says_so_and_is_warned_about() {
    let dir = partly_translated();
    let content =
        madoguchi::content::load(&dir, NOW.parse().unwrap()).expect("warnings do not stop loading");
    let warnings: Vec<String> = content.warnings.0.iter().map(|p| p.to_string()).collect();
    let site_description = warnings
        .iter()
        .find(|w| w.contains("site.toml:8:1: warning: `description` has no `cy` translation"));
    assert!(site_description.is_some(), "{warnings:#?}");
    assert!(
        !warnings
            .iter()
            .any(|w| w.contains("`name` has no `cy`") && w.contains("site.toml"))
    );
    assert!(warnings.iter().all(|w| w.contains(": warning: ")));

    let app = app_at(dir.to_str().unwrap(), NOW);
    let page = get(&app, "/cy/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<html lang=\"cy\">"));
    assert!(page.body.contains("Desg Gymorth y Fwrdeistref"));
    assert!(page.body.contains("class=\"notice fallback-notice\""));
    // Untranslated text keeps its own language for screen readers.
    assert!(page.body.contains("<span lang=\"en\">"), "{}", page.body);
    // The default language has no notice.
    let en = get(&app, "/").await.body;
    assert!(!en.contains("fallback-notice"));
    // Every page of the edition shows untranslated labels, so every one says so, and no
    // mark is left in any of them, in text or in attributes.
    let cy: Vec<String> = sitemap_paths(&app)
        .await
        .into_iter()
        .filter_map(|url| url.find("/cy/").map(|at| url[at..].to_string()))
        .chain(["/cy/no-such-page/".to_string()])
        .collect();
    assert!(cy.len() > 5, "{cy:?}");
    for path in &cy {
        let body = get(&app, path).await.body;
        assert!(body.contains("class=\"notice fallback-notice\""), "{path}");
        assert!(
            !body.contains('\u{E000}') && !body.contains('\u{E001}'),
            "{path}"
        );
        // Each span closes before any other element opens or closes: they nest.
        for after in body.split("<span lang=\"en\">").skip(1) {
            let inside = &after[..after.find("</span>").expect("a closed span")];
            let tags = inside
                .replace("<ruby>", "")
                .replace("</ruby>", "")
                .replace("<rp>", "")
                .replace("</rp>", "")
                .replace("<rt>", "")
                .replace("</rt>", "");
            assert!(!tags.contains('<'), "{path}: {inside}");
        }
    }

    let output = std::process::Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["check", "--lang", "en", "--content", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "warnings are not errors");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning: `description` has no `cy` translation"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The fixture ward with one Japanese text left out: the note on the cafe's cost, which
/// only the cafe's page shows.
fn one_japanese_text_missing() -> PathBuf {
    let dir = copy_of(SAMPLE, "one-missing");
    let services = dir.join("services.toml");
    let text = std::fs::read_to_string(&services).unwrap();
    let note = "cost_note = \"バスの {運賃|うんちん}は ご{自分|じぶん}で {払|はら}います。\"\n";
    assert!(text.contains(note));
    std::fs::write(&services, text.replacen(note, "", 1)).unwrap();
    dir
}

#[tokio::test]
async fn only_the_pages_that_show_untranslated_text_say_so() {
    let dir = one_japanese_text_missing();
    let app = app_at(dir.to_str().unwrap(), NOW);
    let _ = std::fs::remove_dir_all(&dir);
    let page = get(&app, "/ja/services/cafe/").await.body;
    assert!(page.contains("class=\"notice fallback-notice\""), "{page}");
    assert_eq!(page.matches("<span lang=\"en\">").count(), 1, "{page}");
    // The same text on a page in its own language needs no mark.
    let en = get(&app, "/services/cafe/").await.body;
    assert!(!en.contains("fallback-notice"));
    for path in ["/ja/", "/ja/faq/", "/ja/services/line/", "/ja/search/"] {
        let body = get(&app, path).await.body;
        assert!(!body.contains("fallback-notice"), "{path}");
        assert!(!body.contains("<span lang=\"en\">"), "{path}");
    }
}

#[tokio::test]
async fn head_requests_get_headers_only() {
    let app = app_at(SAMPLE, NOW);
    let head = send(&app, Method::HEAD, "/ja/").await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.bytes.is_empty());
}

#[tokio::test]
async fn json_ld_parses_in_every_language_and_carries_plain_text() {
    let app = app_at(SAMPLE, NOW);
    for prefix in ["", "/ja"] {
        let body = get(&app, &format!("{prefix}/services/walk/")).await.body;
        let mut found = 0;
        for script in body.split("<script type=\"application/ld+json\">").skip(1) {
            let json = &script[..script.find("</script>").unwrap()];
            let value: serde_json::Value = serde_json::from_str(json).expect(prefix);
            let text = value.to_string();
            assert!(
                !text.contains('\u{E000}') && !text.contains("|"),
                "{prefix}: {text}"
            );
            found += 1;
        }
        assert!(found >= 2, "{prefix}: a service and its event");
    }
    let easy = get(&app, "/ja/services/line/").await.body;
    let script = easy
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .unwrap();
    let value: serde_json::Value =
        serde_json::from_str(&script[..script.find("</script>").unwrap()]).unwrap();
    let name = value["name"].as_str().unwrap();
    assert!(name.contains("相談") && !name.contains('{'), "{name}");
}
