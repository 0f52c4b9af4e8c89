//! Pages travel well: every page of every language has its canonical URL, its preview
//! fields and its alternates in the other languages; English and やさしい日本語 come from
//! the translations in the content, with dates and times in each language's own form;
//! untranslated text falls back to the default language, marked and warned about.

mod common;

use std::path::PathBuf;

use axum::http::{Method, StatusCode};
use common::{BUNDLED, SAMPLE, app_at, get, send};

const NOW: &str = "2026-12-01T10:00:00+09:00";
const BASE: &str = "http://127.0.0.1:3000";

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

async fn sitemap_paths(app: &axum::Router) -> Vec<String> {
    let xml = get(app, "/sitemap.xml").await.body;
    xml.split("<loc>")
        .skip(1)
        .map(|s| {
            s[..s.find("</loc>").unwrap()]
                .trim_start_matches(BASE)
                .to_string()
        })
        .collect()
}

#[tokio::test]
async fn every_page_has_canonical_preview_fields_and_alternates() {
    let app = app_at(BUNDLED, NOW);
    let paths = sitemap_paths(&app).await;
    // 18 pages (with the search and urgent help pages) in each of three languages.
    assert_eq!(paths.len(), 3 * 18, "{paths:?}");
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
        let own = path.trim_start_matches("/en").trim_start_matches("/easy");
        for (hreflang, prefix) in [
            ("ja", ""),
            ("en", "/en"),
            ("ja-x-easy", "/easy"),
            ("x-default", ""),
        ] {
            let href = attr_of(&body, &format!("hreflang=\"{hreflang}\" href="), "href");
            assert_eq!(
                href,
                Some(format!("{BASE}{prefix}{own}")),
                "{path}: hreflang {hreflang}"
            );
        }
    }
}

#[tokio::test]
async fn og_locale_and_lang_follow_the_language() {
    let app = app_at(BUNDLED, NOW);
    for (path, lang, locale) in [
        ("/services/dial/", "ja", "ja_JP"),
        ("/en/services/dial/", "en", "en_US"),
        ("/easy/services/dial/", "ja", "ja_JP"),
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
    let app = app_at(BUNDLED, NOW);
    let body = get(&app, "/en/services/ibasho/").await.body;
    let switch = &body[body
        .find("class=\"lang-switch\"")
        .expect("a language switch")..];
    let switch = &switch[..switch.find("</nav>").unwrap()];
    assert!(switch.contains(r#"<a href="/services/ibasho/" hreflang="ja" lang="ja">日本語</a>"#));
    assert!(switch.contains(
        r#"<a href="/en/services/ibasho/" hreflang="en" lang="en" aria-current="true">English</a>"#
    ));
    assert!(switch.contains(
        r#"<a href="/easy/services/ibasho/" hreflang="ja-x-easy" lang="ja">やさしい にほんご</a>"#
    ));
    // Links inside a language stay in it.
    assert!(body.contains(r#"href="/en/services/concierge/""#));
    assert!(!body.contains(r#"href="/services/concierge/""#));
}

#[tokio::test]
async fn english_says_dates_and_times_in_english() {
    let app = app_at(BUNDLED, NOW);
    let body = get(&app, "/en/services/ibasho/").await.body;
    assert!(body.contains(">Dec 22 (Tue) 1:30–4:30 pm</time>"), "{body}");
    assert!(body.contains(">Jan 24, 2027 (Sun) 1:30–4:30 pm</time>"));
    assert!(body.contains("4th Tuesday"));
    let home = get(&app, "/en/").await.body;
    assert!(
        home.contains(
            r#"<time datetime="08:30">8:30 am</time>–<time datetime="17:00">5 pm</time>"#
        )
    );
    assert!(home.contains("<strong>Open now</strong>"));
    let ja = get(&app, "/services/ibasho/").await.body;
    assert!(ja.contains(">12月22日(火) 13時30分〜16時30分</time>"));
}

#[tokio::test]
async fn plain_japanese_has_furigana_and_no_markup_leaks() {
    let app = app_at(BUNDLED, NOW);
    let easy = get(&app, "/easy/services/dial/").await.body;
    assert!(easy.contains("<ruby>相談<rp>(</rp><rt>そうだん</rt><rp>)</rp></ruby>"));
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
    let app = app_at(BUNDLED, NOW);
    let en = get(&app, "/en/no-such-page/").await;
    assert_eq!(en.status, StatusCode::NOT_FOUND);
    assert!(en.body.contains("<html lang=\"en\">"));
    let ja = get(&app, "/english/").await;
    assert_eq!(ja.status, StatusCode::NOT_FOUND);
    assert!(ja.body.contains("<html lang=\"ja\">"));
}

#[tokio::test]
async fn headings_have_stable_anchors_in_every_language() {
    let app = app_at(BUNDLED, NOW);
    for prefix in ["", "/en", "/easy"] {
        let body = get(&app, &format!("{prefix}/services/tokyo-support-net/"))
            .await
            .body;
        assert!(body.contains("<h3 id=\"home-visit\">"), "{prefix}");
        for h in body.match_indices("<h2").chain(body.match_indices("<h3")) {
            assert!(
                body[h.0..].starts_with("<h2 id=") || body[h.0..].starts_with("<h3 id="),
                "{prefix}: {}",
                &body[h.0..h.0 + 40]
            );
        }
    }
    let ja = get(&app, "/services/tokyo-support-net/").await.body;
    assert!(ja.contains("<h3 id=\"home-visit\">訪問相談</h3>"));
}

#[tokio::test]
async fn robots_txt_points_at_the_sitemap() {
    let app = app_at(BUNDLED, NOW);
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
        r#"<xhtml:link rel="alternate" hreflang="ja-x-easy" href="{BASE}/easy/faq/"/>"#
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
        .find(|w| w.contains("site.toml:6:1: warning: `description` has no `cy` translation"));
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
        .args(["check", "--content", dir.to_str().unwrap()])
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

/// The bundled content with one English text left out: the note on the first service's
/// cost, which only that service's page shows. Gives the content and the service's id.
fn one_english_text_missing() -> (PathBuf, String) {
    let dir = copy_of(BUNDLED, "one-missing");
    let services = dir.join("services.toml");
    let text = std::fs::read_to_string(&services).unwrap();
    let id = text
        .lines()
        .find_map(|l| l.strip_prefix("id = \""))
        .and_then(|l| l.strip_suffix('"'))
        .unwrap()
        .to_string();
    let table = text.find("[service.translations.en]").unwrap();
    let note = table
        + text[table..]
            .find("\ncost_note = ")
            .expect("an English cost note");
    let end = note + 1 + text[note + 1..].find('\n').unwrap();
    std::fs::write(&services, format!("{}{}", &text[..note], &text[end..])).unwrap();
    (dir, id)
}

#[tokio::test]
async fn only_the_pages_that_show_untranslated_text_say_so() {
    let (dir, id) = one_english_text_missing();
    let app = app_at(dir.to_str().unwrap(), NOW);
    let _ = std::fs::remove_dir_all(&dir);
    let page = get(&app, &format!("/en/services/{id}/")).await.body;
    assert!(page.contains("class=\"notice fallback-notice\""), "{page}");
    assert_eq!(page.matches("<span lang=\"ja\">").count(), 1, "{page}");
    // The same text on a page in Japanese needs no mark.
    let easy = get(&app, &format!("/easy/services/{id}/")).await.body;
    assert!(!easy.contains("fallback-notice"));
    for path in ["/en/", "/en/faq/", "/en/services/dial/", "/en/search/"] {
        let body = get(&app, path).await.body;
        assert!(!body.contains("fallback-notice"), "{path}");
        assert!(!body.contains("<span lang=\"ja\">"), "{path}");
    }
}

#[tokio::test]
async fn the_bundled_content_is_fully_translated() {
    let content = madoguchi::content::load(BUNDLED.as_ref(), NOW.parse().unwrap()).unwrap();
    assert_eq!(content.sites.len(), 3);
    assert!(content.warnings.0.is_empty(), "{}", content.warnings);
}

#[tokio::test]
async fn head_requests_get_headers_only() {
    let app = app_at(BUNDLED, NOW);
    let head = send(&app, Method::HEAD, "/en/").await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.bytes.is_empty());
}

#[tokio::test]
async fn json_ld_parses_in_every_language_and_carries_plain_text() {
    let app = app_at(BUNDLED, NOW);
    for prefix in ["", "/en", "/easy"] {
        let body = get(&app, &format!("{prefix}/services/ibasho/")).await.body;
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
    let easy = get(&app, "/easy/services/dial/").await.body;
    let script = easy
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .unwrap();
    let value: serde_json::Value =
        serde_json::from_str(&script[..script.find("</script>").unwrap()]).unwrap();
    let name = value["name"].as_str().unwrap();
    assert!(name.contains("相談") && !name.contains('{'), "{name}");
}
