//! Every page of the bundled site, requested through the router as a browser would.

mod common;

use axum::http::{Method, StatusCode};
use common::{BUNDLED, SAMPLE, app, get, send, sitemap_locs, visible_text};

const BASE: &str = "http://127.0.0.1:3000";

/// Every page the site must have, in each language; the sitemap must list exactly these.
const PAGES: [&str; 18] = [
    "/",
    "/for/person/",
    "/for/family/",
    "/for/supporters/",
    "/services/concierge/",
    "/services/dial/",
    "/services/online/",
    "/services/home-visit/",
    "/services/family/",
    "/services/ibasho/",
    "/services/tokyo-support-net/",
    "/services/local-desks/",
    "/access/",
    "/faq/",
    "/about/",
    "/accessibility/",
    "/search/",
    "/urgent/",
];

/// The languages' path prefixes, the default first.
const LANGUAGES: [&str; 3] = ["", "/en", "/easy"];

#[tokio::test]
async fn sitemap_lists_every_page_with_absolute_urls() {
    let app = app(BUNDLED);
    let reply = get(&app, "/sitemap.xml").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.content_type.starts_with("application/xml"));
    assert!(
        reply
            .body
            .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    );
    assert!(reply.body.contains(
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">"
    ));
    let locs = sitemap_locs(&reply.body);
    let expected: Vec<String> = LANGUAGES
        .iter()
        .flat_map(|l| PAGES.iter().map(move |p| format!("{BASE}{l}{p}")))
        .collect();
    assert_eq!(locs, expected);
    // Service pages carry the date their facts were last checked.
    assert!(
        reply.body.contains(
            "<loc>http://127.0.0.1:3000/services/dial/</loc><lastmod>2026-11-25</lastmod>"
        )
    );
}

#[tokio::test]
async fn every_page_in_the_sitemap_is_a_complete_page() {
    let app = app(BUNDLED);
    let sitemap = get(&app, "/sitemap.xml").await.body;
    for loc in sitemap_locs(&sitemap) {
        let path = loc.strip_prefix(BASE).unwrap();
        let reply = get(&app, path).await;
        let html = &reply.body;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.content_type, "text/html; charset=utf-8", "{path}");
        let lang = if path.starts_with("/en/") { "en" } else { "ja" };
        assert!(
            html.starts_with(&format!("<!DOCTYPE html>\n<html lang=\"{lang}\">")),
            "{path}"
        );
        assert_eq!(html.matches("<h1").count(), 1, "one h1 on {path}");
        assert_eq!(html.matches("<main").count(), 1, "{path}");
        let body = html.split("<body>").nth(1).unwrap().trim_start();
        assert!(
            body.starts_with("<a class=\"skip-link\" href=\"#main-content\">"),
            "the skip link comes first on {path}"
        );
        assert!(html.contains("<main id=\"main-content\""), "{path}");
        assert!(
            html.contains("<nav class=\"site-nav\" aria-label="),
            "{path}"
        );
        assert!(html.contains("<footer"), "{path}");
        // One contact block, in the same place: right after the page's lead.
        assert_eq!(
            html.matches("<section class=\"contact\"").count(),
            1,
            "{path}"
        );
        assert!(
            html.contains("<a href=\"tel:"),
            "a tap-to-call link on {path}"
        );
        // Breadcrumbs sit outside main and mark the current page.
        if !["/", "/en/", "/easy/"].contains(&path) {
            let crumbs = html.find("class=\"breadcrumbs").expect(path);
            assert!(crumbs < html.find("<main").unwrap(), "{path}");
            assert!(html.contains("<span aria-current=\"page\">"), "{path}");
        }
        // Nothing from anywhere else: no scripts, frames, fonts or images from other hosts.
        // The only script elements are JSON-LD data blocks, which are never run.
        assert_eq!(
            html.matches("<script").count(),
            html.matches("<script type=\"application/ld+json\">")
                .count(),
            "{path}"
        );
        for forbidden in ["<iframe", "src=\"http", "@import", "<link rel=\"preconnect"] {
            assert!(!html.contains(forbidden), "{forbidden} on {path}");
        }
        // Only the local stylesheet, and links to this page's own addresses.
        for link in html.split("<link ").skip(1) {
            let href = link
                .split("href=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            assert!(
                href.starts_with("/static/") || href.starts_with(BASE),
                "{href} on {path}"
            );
        }
        // Calm, plain Japanese: no exclamation marks, music notes or emoji. The titles of
        // cited sources (`<cite>`) are quoted as their pages write them.
        let text = visible_text(&without_citations(html));
        for c in text.chars() {
            assert!(
                !matches!(c, '!' | '！' | '♪' | '◎' | '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}'),
                "{c:?} on {path}"
            );
        }
    }
}

#[tokio::test]
async fn home_page_gives_the_first_step_within_one_screen() {
    let app = app(BUNDLED);
    let html = get(&app, "/").await.body;
    // The dial as a tap-to-call link with the number visible, before any other section.
    let dial = html
        .find("<a href=\"tel:0357229363\"><span class=\"dial-label\">電話をかける</span> <span class=\"dial-number\">03-5722-9363</span></a>")
        .expect("the dial");
    assert!(dial < html.find("id=\"by-audience\"").unwrap());
    let lead = &html[..dial];
    // What is true of every service, with the source's hedge (review 2026-11-30).
    assert!(lead.contains("基本的に無料"));
    assert!(lead.contains("匿名やニックネームで相談できる窓口があります"));
    // Entry points by who they are…
    for (href, name) in [
        ("/for/person/", "ご本人の方へ"),
        ("/for/family/", "ご家族の方へ"),
        ("/for/supporters/", "支援者・関係機関の方へ"),
    ] {
        assert!(
            html.contains(&format!("<a href=\"{href}\">{name}</a>")),
            "{name}"
        );
    }
    // …and by how they want to reach out, each landing on one service page.
    for (href, name) in [
        ("/services/dial/", "電話"),
        ("/services/online/", "オンライン"),
        ("/services/concierge/", "来所"),
        ("/services/home-visit/", "訪問"),
        ("/services/tokyo-support-net/", "手話・筆談"),
    ] {
        assert!(
            html.contains(&format!("<a href=\"{href}\">{name}</a>")),
            "{name}"
        );
    }
    // The next めぐろのいばしょ, as text, with the honest caveat.
    assert!(html.contains("めぐろのいばしょの日程"));
    assert!(html.contains("第4火曜日と第4日曜日（月ごとに交互）"));
    assert!(html.contains("13時30分〜16時30分"));
    assert!(html.contains("日程は電話でご確認ください"));
}

#[tokio::test]
async fn service_pages_show_contact_hours_sources_and_the_date_checked() {
    let app = app(BUNDLED);
    for path in PAGES.iter().filter(|p| p.starts_with("/services/")) {
        let html = get(&app, path).await.body;
        let contact = html.find("<section class=\"contact\"").unwrap();
        let h1 = html.find("<h1>").unwrap();
        let about = html.find("id=\"about-service\"").unwrap();
        assert!(
            h1 < contact && contact < about,
            "contact block after the lead on {path}"
        );
        assert!(
            html.contains("<caption>受付時間（平日）</caption>"),
            "{path}"
        );
        assert!(
            html.contains("<th scope=\"row\">月曜日〜金曜日</th>"),
            "{path}"
        );
        assert!(html.contains("<dt>通話料</dt>"), "{path}");
        let sources = html.find("<h2 id=\"sources\">情報源</h2>").expect(path);
        let verified = html
            .find("情報源と照合した日: <time datetime=\"2026-11-25\">2026年11月25日</time>")
            .expect(path);
        assert!(sources < verified, "{path}");
        assert!(
            verified > html.find("id=\"about-service\"").unwrap(),
            "at the foot on {path}"
        );
    }
}

#[tokio::test]
async fn who_may_consult_is_whom_the_sources_name() {
    let app = app(BUNDLED);
    for path in PAGES.iter().filter(|p| p.starts_with("/services/")) {
        let html = get(&app, path).await.body;
        let who = &html[html.find("<dt>相談できる方</dt>").expect(path)..];
        let who = &who[..who.find("</dd>").unwrap()];
        // The sources name the person and the family, nobody else.
        assert!(!who.contains("支援者"), "{path}: {who}");
    }
    // The page for supporters stays, as a guide to referring people: it lists no
    // service as theirs to use, and no empty heading for such a list.
    let supporters = get(&app, "/for/supporters/").await.body;
    assert!(!supporters.contains("id=\"services\""));
    assert!(supporters.contains("このサイトでは確認できていません"));
}

#[tokio::test]
async fn the_dial_shows_its_hours_and_closing_days() {
    let app = app(BUNDLED);
    let html = get(&app, "/services/dial/").await.body;
    assert!(html.contains(
        "<td><time datetime=\"08:30\">8時30分</time>〜<time datetime=\"17:00\">17時</time></td>"
    ));
    // The source gives the ward office's closing days, not the dial's own.
    assert!(html.contains("休み: 祝日・休日、年末年始（12月29日〜1月3日の見込み。確認中です）"));
}

/// The bundled content with `unknown` set on a contact in `contacts.toml`.
fn with_unknown_contact_details() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("madoguchi-unknown-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(BUNDLED).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let contacts = dir.join("contacts.toml");
    let text = std::fs::read_to_string(&contacts).unwrap().replacen(
        "hours = \"meguro-weekdays\"\n",
        "hours = \"meguro-weekdays\"\nunknown = [\"fax\", \"email\"]\n",
        1,
    );
    std::fs::write(&contacts, text).unwrap();
    dir
}

#[tokio::test]
async fn unknown_facts_are_said_and_point_to_the_phone() {
    let app = app(BUNDLED);
    let online = get(&app, "/services/online/").await.body;
    // No source says the dial has a fax or an e-mail address: none is listed, not even
    // as unknown (review 2026-11-30); the booking fax is said to be unknown.
    assert!(!online.contains("<dt class=\"unknown\">"));
    let not_known = online
        .split("<section class=\"not-known\"")
        .nth(1)
        .expect("the page lists what is not known");
    assert!(not_known.contains("予約の申し込みに使うファックスの番号"));
    assert!(
        not_known.contains("href=\"tel:0357229363\""),
        "it points to the phone"
    );
    // A contact detail that exists but is not known is marked, so that print can leave
    // it off the paper.
    let dir = with_unknown_contact_details();
    let edited = get(&common::app(dir.to_str().unwrap()), "/services/online/")
        .await
        .body;
    assert!(edited.contains(
        "<dt class=\"unknown\">ファックス</dt>\n<dd class=\"unknown\">確認中です。電話でお問い合わせください。</dd>"
    ));
    assert!(edited.contains(
        "<dt class=\"unknown\">メール</dt>\n<dd class=\"unknown\">確認中です。電話でお問い合わせください。</dd>"
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let ibasho = get(&app, "/services/ibasho/").await.body;
    assert!(ibasho.contains("どの月が何曜日になるかは確認中です。日程は電話でご確認ください。"));
    assert!(ibasho.contains("<dt>祝日や年末年始に重なるとき</dt>\n<dd>確認中です。"));
    let family = get(&app, "/services/family/").await.body;
    assert!(family.contains("毎月第2土曜日"));
    assert!(family.contains("時間は確認中です。"));
    assert!(family.contains("場所は確認中です。"));
    let tokyo = get(&app, "/services/tokyo-support-net/").await.body;
    assert!(tokyo.contains("href=\"tel:0120529528\""));
    assert!(tokyo.contains("<time datetime=\"10:00\">10時</time>"));
    assert!(tokyo.contains("年末年始（12月29日〜1月3日の見込み。確認中です）"));
    // A route that works without a voice call, in the contact block itself.
    let contact = &tokyo[tokyo.find("<section class=\"contact\"").unwrap()..];
    let contact = &contact[..contact.find("</section>").unwrap()];
    assert!(contact.contains("手話や筆談による相談"), "{contact}");
    assert!(contact.contains("メールでの相談"), "{contact}");
}

#[tokio::test]
async fn access_page_gives_the_address_and_a_plain_map_link() {
    let app = app(BUNDLED);
    let html = get(&app, "/access/").await.body;
    assert!(html.contains("〒153-8573 東京都目黒区上目黒二丁目19番15号"));
    assert!(html.contains("目黒区総合庁舎 本館 2階 福祉総合課"));
    assert!(html.contains("中目黒駅から徒歩約5分"));
    assert!(html.contains("<a href=\"https://www.openstreetmap.org/search?query="));
    assert!(html.contains("<a href=\"tel:0337151111\">03-3715-1111</a>"));
}

#[tokio::test]
async fn faq_answers_cost_anonymity_family_and_the_first_call() {
    let app = app(BUNDLED);
    let html = get(&app, "/faq/").await.body;
    for id in ["cost", "anonymous", "family-only", "first-call"] {
        assert!(html.contains(&format!("<h2 id=\"{id}\">")), "{id}");
    }
    for words in [
        "基本的に無料です",
        "通話料",
        "交通費",
        "ニックネーム",
        "ご家族だけで相談できます",
        "ひきこもりのことで相談したい",
    ] {
        assert!(html.contains(words), "{words}");
    }
}

#[tokio::test]
async fn about_page_says_who_runs_the_site_and_how_facts_are_checked() {
    let app = app(BUNDLED);
    let html = get(&app, "/about/").await.body;
    assert!(html.contains("madoguchi 編集チーム"));
    assert!(html.contains("<caption>窓口ごとの、情報源と照合した日と窓口に確認した日</caption>"));
    assert!(html.contains("<h2 id=\"all-sources\">このサイトの情報源</h2>"));
    assert!(html.contains("<a href=\"https://ja.wikipedia.org/wiki/"));
    // A source is cited by the page its fact is on; where that page's address is not
    // known, no site's top page stands in for it (review 2026-11-30).
    assert!(!html.contains("<a href=\"https://hikikomori-tokyo.jp/\""));
    assert!(html.contains("hikikomori-tokyo.jp）の、利用方法のページ"));
    // The site says it is not the ward's own, and where the ward's own pages are.
    assert!(html.contains("目黒区や東京都の公式サイトではありません"));
    assert!(html.contains("https://www.city.meguro.tokyo.jp/"));
    // Eight services compared with their sources that day, and the five sources read
    // that day.
    assert_eq!(html.matches("<time datetime=\"2026-11-25\">").count(), 8 + 5);
    assert!(html.contains("クッキーを使いません"));
}

#[tokio::test]
async fn unknown_pages_get_a_japanese_404_with_the_dial() {
    let app = app(BUNDLED);
    for path in [
        "/nope",
        "/services/nope/",
        "/for/nobody/",
        "/static/nope.css",
        "/%E7%9B%AE/",
    ] {
        let reply = get(&app, path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(reply.content_type, "text/html; charset=utf-8", "{path}");
        assert!(reply.body.contains("<html lang=\"ja\">"), "{path}");
        assert!(
            reply.body.contains("<h1>ページが見つかりません</h1>"),
            "{path}"
        );
        assert!(
            reply.body.contains("<a href=\"/\">ホームへ戻る</a>"),
            "{path}"
        );
        assert!(
            reply
                .body
                .contains("<span class=\"dial-number\">03-5722-9363</span>"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_link_without_the_trailing_slash_is_redirected() {
    let app = app(BUNDLED);
    let reply = get(&app, "/services/dial").await;
    assert_eq!(reply.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(reply.location.as_deref(), Some("/services/dial/"));
}

#[tokio::test]
async fn only_get_and_head_are_allowed() {
    let app = app(BUNDLED);
    let head = send(&app, Method::HEAD, "/").await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
    let post = send(&app, Method::POST, "/faq/").await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(post.allow.unwrap_or_default().contains("GET"));
}

#[tokio::test]
async fn the_stylesheet_is_served_locally() {
    let app = app(BUNDLED);
    let reply = get(&app, "/static/site.css").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.content_type.starts_with("text/css"));
    assert!(reply.body.contains("prefers-color-scheme: dark"));
}

/// Another ward's content, same binary: nothing of Meguro and no Japanese comes from the
/// engine itself.
#[tokio::test]
async fn another_wards_content_runs_on_the_same_engine() {
    let app = app(SAMPLE);
    let sitemap = get(&app, "/sitemap.xml").await.body;
    let locs = sitemap_locs(&sitemap);
    assert_eq!(locs.len(), 1 + 2 + 2 + 4 + 1);
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://desk.example.org/"))
    );
    for loc in &locs {
        let path = loc.strip_prefix("https://desk.example.org").unwrap();
        let reply = get(&app, path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(reply.body.contains("<html lang=\"en\">"), "{path}");
        let foreign: String = reply
            .body
            .chars()
            .filter(|c| {
                ('\u{3000}'..='\u{9FFF}').contains(c) || ('\u{FF00}'..='\u{FFEF}').contains(c)
            })
            .collect();
        assert!(foreign.is_empty(), "{foreign} on {path}");
        assert!(!reply.body.contains("目黒"), "{path}");
    }
    let home = get(&app, "/").await.body;
    assert!(home.contains("<span class=\"dial-number\">01234-567890</span>"));
    assert!(home.contains("week 1 Wednesday"));
    let line = get(&app, "/services/line/").await.body;
    assert!(line.contains("<a href=\"mailto:desk@example.org\">desk@example.org</a>"));
    assert!(line.contains("<dd>01234-567891</dd>"));
    assert!(line.contains(
        "Compared with the sources on: <time datetime=\"2026-01-15\">15/1/2026</time>, Confirmed with the office on: <time datetime=\"2026-02-02\">2/2/2026</time>"
    ));
    let missing = get(&app, "/nope/").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("<h1>Page not found</h1>"));
}

#[tokio::test]
async fn the_accessibility_statement_gives_target_date_method_results_and_issues() {
    let app = app(BUNDLED);
    let html = get(&app, "/accessibility/").await.body;
    assert!(html.contains("JIS X 8341-3:2016 の適合レベルAA"));
    assert!(html.contains("WCAG 2.2 のレベルAA"));
    assert!(html.contains("検査した日: <time datetime=\"2026-11-25\">2026年11月25日</time>"));
    assert!(html.contains("axe-core 4.14.1"));
    assert!(html.contains(
        "<caption id=\"results-caption\">2026年11月25日に行った検査の、ページごとの結果</caption>"
    ));
    // One row per page of the sitemap, each with every check's result.
    for path in PAGES {
        let row = format!("<tr><th scope=\"row\"><a href=\"{path}\">");
        let at = html
            .find(&row)
            .unwrap_or_else(|| panic!("no row for {path}"));
        let end = at + html[at..].find("</tr>").unwrap();
        assert_eq!(html[at..end].matches("<td>").count(), 4, "{path}");
    }
    assert!(html.contains("id=\"known-issues\""));
    assert!(html.contains("id=\"report\""));
    // The footer links to it from every page.
    let home = get(&app, "/").await.body;
    assert!(home.contains("<li><a href=\"/accessibility/\">アクセシビリティ</a></li>"));
}

/// `html` without the text of its `<cite>` elements.
fn without_citations(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<cite>") {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find("</cite>")
            .expect("a closed cite element");
        rest = &rest[start + end + "</cite>".len()..];
    }
    out.push_str(rest);
    out
}
