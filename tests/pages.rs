//! Every page of the fixture ward, requested through the site's service as a browser
//! would: what each kind of page holds and where. The ward is made up (English, with a
//! Japanese edition), so no editor's change of wording in `content/` touches these tests.

mod common;

use axum::http::{Method, StatusCode};
use common::{SAMPLE, app_at, get, send, sitemap_locs};

const BASE: &str = "https://desk.example.org";
/// A Wednesday, with the support line open (London is on GMT in November).
const NOW: &str = "2026-11-25T10:00:00Z";

/// Every page the site must have, in each language; the sitemap must list exactly these.
const PAGES: [&str; 16] = [
    "/",
    "/for/person/",
    "/for/family/",
    "/services/line/",
    "/services/cafe/",
    "/services/family/",
    "/services/walk/",
    "/services/visits/",
    "/access/",
    "/faq/",
    "/about/",
    "/accessibility/",
    "/search/",
    "/handout/",
    "/handout/person/",
    "/handout/family/",
];

/// The languages' path prefixes, the default first.
const LANGUAGES: [&str; 2] = ["", "/ja"];

#[tokio::test]
async fn sitemap_lists_every_page_with_absolute_urls() {
    let app = app_at(SAMPLE, NOW);
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
    // Service pages carry the date their facts were last checked: the newer of the two
    // checks.
    assert!(reply.body.contains(
        "<loc>https://desk.example.org/services/line/</loc><lastmod>2026-02-02</lastmod>"
    ));
    assert!(reply.body.contains(
        "<loc>https://desk.example.org/services/cafe/</loc><lastmod>2026-01-15</lastmod>"
    ));
}

#[tokio::test]
async fn every_page_in_the_sitemap_is_a_complete_page() {
    let app = app_at(SAMPLE, NOW);
    let sitemap = get(&app, "/sitemap.xml").await.body;
    for loc in sitemap_locs(&sitemap) {
        let path = loc.strip_prefix(BASE).unwrap();
        let reply = get(&app, path).await;
        let html = &reply.body;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.content_type, "text/html; charset=utf-8", "{path}");
        let lang = if path.starts_with("/ja/") { "ja" } else { "en" };
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
        if !["/", "/ja/"].contains(&path) {
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
    }
}

#[tokio::test]
async fn home_page_gives_the_first_step_within_one_screen() {
    let app = app_at(SAMPLE, NOW);
    let html = get(&app, "/").await.body;
    // The line as a tap-to-call link with the number visible, before any other section.
    let dial = html
        .find("<a href=\"tel:01234567890\"><span class=\"dial-label\">Call</span> <span class=\"dial-number\">01234-567890</span></a>")
        .expect("the line");
    assert!(dial < html.find("id=\"by-audience\"").unwrap());
    let lead = &html[..dial];
    assert!(lead.contains("<li>Free</li>"));
    assert!(lead.contains("<li>Anonymous</li>"));
    // Entry points by who they are…
    for (href, name) in [
        ("/for/person/", "If you are asking for yourself"),
        ("/for/family/", "If you are family"),
    ] {
        assert!(
            html.contains(&format!("<a href=\"{href}\">{name}</a>")),
            "{name}"
        );
    }
    // …and by how they want to reach out, each landing on one service page.
    for (href, name) in [
        ("/services/line/", "Phone"),
        ("/services/visits/", "Home visit"),
    ] {
        assert!(
            html.contains(&format!("<a href=\"{href}\">{name}</a>")),
            "{name}"
        );
    }
    // The next dates of the featured event, as text, with the honest caveat.
    assert!(html.contains("<h2 id=\"next-event\">When Walking group meets</h2>"));
    assert!(html.contains("<dd>4th Tuesday and 4th Sunday, month by month</dd>"));
    assert!(html.contains("<dd>1:30–4:30 pm</dd>"));
    assert!(html.contains(
        "<p class=\"notice\">Which months fall on which day is not confirmed. Please call to check the dates.</p>"
    ));
}

#[tokio::test]
async fn service_pages_show_contact_hours_sources_and_the_date_checked() {
    let app = app_at(SAMPLE, NOW);
    for path in PAGES.iter().filter(|p| p.starts_with("/services/")) {
        let html = get(&app, path).await.body;
        let contact = html.find("<section class=\"contact\"").unwrap();
        let h1 = html.find("<h1>").unwrap();
        let about = html.find("id=\"about-service\"").unwrap();
        assert!(
            h1 < contact && contact < about,
            "contact block after the lead on {path}"
        );
        let (caption, days) = match *path {
            "/services/visits/" => ("Opening hours (every day)", "Every day"),
            _ => ("Opening hours (weekdays)", "Monday to Friday"),
        };
        assert!(
            html.contains(&format!("<caption>{caption}</caption>")),
            "{path}"
        );
        assert!(
            html.contains(&format!("<th scope=\"row\">{days}</th>")),
            "{path}"
        );
        assert!(html.contains("<dt>Call cost</dt>"), "{path}");
        let sources = html.find("<h2 id=\"sources\">Sources</h2>").expect(path);
        let verified = html
            .find("Compared with the sources on: <time datetime=\"2026-01-15\">15 Jan 2026</time>")
            .expect(path);
        assert!(sources < verified, "{path}");
        assert!(
            verified > html.find("id=\"about-service\"").unwrap(),
            "at the foot on {path}"
        );
    }
}

#[tokio::test]
async fn a_line_shows_its_hours_and_closing_days() {
    let app = app_at(SAMPLE, NOW);
    let html = get(&app, "/services/line/").await.body;
    assert!(html.contains(
        "<td><time datetime=\"09:00\">9 am</time>–<time datetime=\"17:00\">5 pm</time></td>"
    ));
    assert!(html.contains("Closed: public holidays. Closed: Winter break (24 Dec to 1 Jan)."));
    let ja = get(&app, "/ja/services/line/").await.body;
    assert!(ja.contains(
        "<td><time datetime=\"09:00\">9時</time>〜<time datetime=\"17:00\">17時</time></td>"
    ));
}

#[tokio::test]
async fn unknown_facts_are_said_and_point_to_the_phone() {
    let app = app_at(SAMPLE, NOW);
    let visits = get(&app, "/services/visits/").await.body;
    // Marked, so that print can leave them off the paper.
    assert!(visits.contains(
        "<dt class=\"unknown\">Fax</dt>\n<dd class=\"unknown\">Not confirmed yet. Please call.</dd>"
    ));
    assert!(visits.contains(
        "<dt class=\"unknown\">Email</dt>\n<dd class=\"unknown\">Not confirmed yet. Please call.</dd>"
    ));
    // A closure whose dates are expected but not confirmed.
    assert!(visits.contains("Closed: New Year (probably 31 Dec to 1 Jan; not confirmed)."));
    // What a line does not have is not said to be unknown.
    let line = get(&app, "/services/line/").await.body;
    assert!(!line.contains("class=\"unknown\""));
    let walk = get(&app, "/services/walk/").await.body;
    assert!(walk.contains(
        "Which months fall on which day is not confirmed. Please call to check the dates."
    ));
    assert!(walk.contains("<dt>On public holidays</dt>\n<dd>Not confirmed yet. Please call.</dd>"));
    let family = get(&app, "/services/family/").await.body;
    assert!(family.contains("every month on 2nd Saturday"));
    assert!(family.contains("Time not confirmed yet. Please call."));
    assert!(family.contains("Place not confirmed yet. Please call."));
    // A cost and a way of giving your name that are not known.
    assert!(family.contains("<dt>Cost</dt>\n<dd>Not confirmed yet. Please call.</dd>"));
}

#[tokio::test]
async fn access_page_gives_the_address_and_a_plain_map_link() {
    let app = app_at(SAMPLE, NOW);
    let html = get(&app, "/access/").await.body;
    // In the language's order: an English address ends with its postcode.
    assert!(html.contains("<dd>1 Example Street AB1 2CD</dd>"));
    assert!(html.contains("<h2 id=\"desk\">Sample Town Hall First floor, Welfare desk</h2>"));
    assert!(html.contains("about 3 minutes&#39; walk from Example Central"));
    assert!(html.contains(
        "<a href=\"https://www.openstreetmap.org/\" rel=\"noopener noreferrer\">Map of Sample Town Hall (OpenStreetMap, another site)</a>"
    ));
    assert!(html.contains("<a href=\"tel:01234500000\">01234-500000</a>"));
}

#[tokio::test]
async fn faq_answers_each_question_under_its_own_anchor() {
    let app = app_at(SAMPLE, NOW);
    let html = get(&app, "/faq/").await.body;
    for (id, question) in [
        ("cost", "Does it cost anything?"),
        ("anonymous", "Do I have to give my name?"),
    ] {
        assert!(
            html.contains(&format!("<h2 id=\"{id}\">{question}</h2>")),
            "{id}"
        );
    }
    assert!(html.contains("<p>Not on the phone. For a home visit, yes.</p>"));
    // Each answer links the services it is about.
    let anonymous = &html[html.find("id=\"anonymous\"").unwrap()..];
    assert!(anonymous.contains("<a href=\"/services/visits/\">Home visits</a>"));
}

#[tokio::test]
async fn about_page_says_who_runs_the_site_and_how_facts_are_checked() {
    let app = app_at(SAMPLE, NOW);
    let html = get(&app, "/about/").await.body;
    assert!(html.contains("<p>Run by: The Sample Ward test team</p>"));
    assert!(html.contains("<caption>Sources and last checked dates</caption>"));
    assert!(html.contains("<h2 id=\"all-sources\">Where the facts come from</h2>"));
    assert!(html.contains(
        "<a href=\"https://ward.example.org/help\" rel=\"noopener noreferrer\">Sample Ward website</a>"
    ));
    // A source without an address is named with its document.
    assert!(html.contains("<li><cite>Sample Ward leaflet</cite> (printed leaflet)</li>"));
    // One row per service, with the line's confirmation by its office beside it.
    assert_eq!(html.matches("<time datetime=\"2026-01-15\">").count(), 5);
    assert_eq!(html.matches("<time datetime=\"2026-02-02\">").count(), 1);
    assert!(html.contains("<h2 id=\"who\">Who runs it</h2>"));
}

#[tokio::test]
async fn unknown_pages_get_a_404_in_the_default_language_with_the_line() {
    let app = app_at(SAMPLE, NOW);
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
        assert!(reply.body.contains("<html lang=\"en\">"), "{path}");
        assert!(reply.body.contains("<h1>Page not found</h1>"), "{path}");
        assert!(
            reply
                .body
                .contains("<a href=\"/\">Back to the home page</a>"),
            "{path}"
        );
        assert!(
            reply
                .body
                .contains("<span class=\"dial-number\">01234-567890</span>"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_link_without_the_trailing_slash_is_redirected() {
    let app = app_at(SAMPLE, NOW);
    let reply = get(&app, "/services/line").await;
    assert_eq!(reply.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(reply.location.as_deref(), Some("/services/line/"));
}

#[tokio::test]
async fn only_get_and_head_are_allowed() {
    let app = app_at(SAMPLE, NOW);
    let head = send(&app, Method::HEAD, "/").await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
    let post = send(&app, Method::POST, "/faq/").await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(post.allow.unwrap_or_default().contains("GET"));
}

#[tokio::test]
async fn the_stylesheet_is_served_locally() {
    let app = app_at(SAMPLE, NOW);
    let reply = get(&app, "/static/site.css").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.content_type.starts_with("text/css"));
    assert!(reply.body.contains("prefers-color-scheme: dark"));
}

/// Another ward's content, same binary: nothing of Meguro, and no Japanese on the pages
/// of its English edition, comes from the engine itself.
#[tokio::test]
async fn another_wards_content_runs_on_the_same_engine() {
    let app = app_at(SAMPLE, NOW);
    let sitemap = get(&app, "/sitemap.xml").await.body;
    let locs = sitemap_locs(&sitemap);
    assert_eq!(locs.len(), 2 * (1 + 2 + 5 + 4 + 1 + 3));
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://desk.example.org/"))
    );
    for loc in &locs {
        let path = loc.strip_prefix("https://desk.example.org").unwrap();
        let reply = get(&app, path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(!reply.body.contains("目黒"), "{path}");
        if path.starts_with("/ja/") {
            continue;
        }
        assert!(reply.body.contains("<html lang=\"en\">"), "{path}");
        let foreign: String = reply
            .body
            .chars()
            .filter(|c| {
                ('\u{3000}'..='\u{9FFF}').contains(c) || ('\u{FF00}'..='\u{FFEF}').contains(c)
            })
            .collect();
        // The language switch names the other edition in its own language.
        assert_eq!(foreign, "日本語", "on {path}");
    }
    let home = get(&app, "/").await.body;
    assert!(home.contains("<span class=\"dial-number\">01234-567890</span>"));
    let cafe = get(&app, "/services/cafe/").await.body;
    assert!(cafe.contains("1st Wednesday"));
    let line = get(&app, "/services/line/").await.body;
    assert!(line.contains("<a href=\"mailto:desk@example.org\">desk@example.org</a>"));
    assert!(line.contains("<dd>01234-567891</dd>"));
    assert!(line.contains(
        "Compared with the sources on: <time datetime=\"2026-01-15\">15 Jan 2026</time>, Confirmed with the office on: <time datetime=\"2026-02-02\">2 Feb 2026</time>"
    ));
    let missing = get(&app, "/nope/").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("<h1>Page not found</h1>"));
}

#[tokio::test]
async fn the_accessibility_statement_gives_target_date_method_results_and_issues() {
    let app = app_at(SAMPLE, NOW);
    let html = get(&app, "/accessibility/").await.body;
    assert!(html.contains("<h2 id=\"target\">Target</h2>\n<p>WCAG 2.2 level AA.</p>"));
    assert!(html.contains("Tested on: <time datetime=\"2026-01-15\">15 Jan 2026</time>"));
    assert!(html.contains("<li>axe-core</li>"));
    assert!(html.contains(
        "<caption id=\"results-caption\">Results per page, tested on 15 Jan 2026</caption>"
    ));
    // One row per page of the sitemap, each with every check's result.
    for path in PAGES {
        let row = format!("<tr><th scope=\"row\"><a href=\"{path}\">");
        let at = html
            .find(&row)
            .unwrap_or_else(|| panic!("no row for {path}"));
        let end = at + html[at..].find("</tr>").unwrap();
        assert_eq!(
            html[at..end].matches("<td>").count(),
            2,
            "axe-core and keyboard on {path}"
        );
    }
    assert!(html.contains("id=\"known-issues\""));
    assert!(html.contains("id=\"report\""));
    // The footer links to it from every page.
    let home = get(&app, "/").await.body;
    assert!(home.contains("<li><a href=\"/accessibility/\">Accessibility</a></li>"));
}
