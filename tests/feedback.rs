//! Readers' reports, from outside: the form on every page, a report through
//! `server::site` with a feedback desk (in process, each test with a data directory of its
//! own) and what is stored, every kind of bad input refused with a 4xx in the page's
//! language and nothing stored, floods, the daily cap and a database that cannot be
//! written, the editors' commands (CSV read back with a real CSV parser), the setting
//! for several servers and the static export, and the real binary killed with `kill -9`
//! while 200 reports arrive.

mod common;

use std::io::{Read, Write};
use std::net::{IpAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use common::{BUNDLED, ContentCopy, Site, get, sitemap_paths, source};
use madoguchi::server::{self, ClientAddr, Clock, DeskSettings, FeedbackDesk, Hsts, Live};
use madoguchi::store::{Answer, Filter, Inbox, InboxSettings, Report, Store};

const NOW: &str = "2026-12-02T10:00:00+09:00";

/// The bundled site as a server that takes reports, rendered once for the binary.
fn live() -> Arc<Live> {
    static LIVE: OnceLock<Arc<Live>> = OnceLock::new();
    LIVE.get_or_init(|| live_of(BUNDLED)).clone()
}

fn live_of(dir: &str) -> Arc<Live> {
    let loaded = source(dir).load(jiff::Timestamp::now()).unwrap();
    let clock = Clock::Fixed(NOW.parse().unwrap());
    Arc::new(Live::taking_feedback(loaded.pages, loaded.version, clock).unwrap())
}

/// A data directory of the test's own, removed first.
fn data_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("madoguchi-feedback-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The bundled site storing its reports in `dir`.
fn app_with(dir: &Path, inbox: InboxSettings, per_minute: u32) -> impl Site + use<> {
    app_of(live(), dir, inbox, per_minute)
}

fn app_of(live: Arc<Live>, dir: &Path, inbox: InboxSettings, per_minute: u32) -> impl Site + use<> {
    let desk = FeedbackDesk::new(
        Inbox::start(dir.to_path_buf(), inbox),
        DeskSettings {
            per_minute,
            client_address_header: None,
        },
    );
    server::site(live, Hsts::Off, Some(Arc::new(desk)))
}

fn app(dir: &Path) -> impl Site + use<> {
    app_with(dir, InboxSettings::default(), 10_000)
}

struct Answered {
    status: StatusCode,
    location: Option<String>,
    retry_after: Option<String>,
    body: String,
}

/// POSTs `body` to `path` as a browser on the site's own page would, with `headers`
/// added (or replacing the content type).
async fn post(app: &impl Site, path: &str, body: &[u8], headers: &[(&str, &str)]) -> Answered {
    post_from(app, path, body, headers, [192, 0, 2, 1].into()).await
}

async fn post_from(
    app: &impl Site,
    path: &str,
    body: &[u8],
    headers: &[(&str, &str)],
    client: IpAddr,
) -> Answered {
    let mut request = Request::post(path).header("host", "127.0.0.1:3000");
    if !headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
    {
        request = request.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    if !headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("sec-fetch-site"))
    {
        request = request.header("sec-fetch-site", "same-origin");
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut request = request.body(Body::from(body.to_vec())).unwrap();
    request.extensions_mut().insert(ClientAddr(client));
    let response = app.clone().oneshot(request).await.unwrap();
    let text = |name| {
        response
            .headers()
            .get(name)
            .map(|v: &axum::http::HeaderValue| v.to_str().unwrap().to_string())
    };
    let (status, location, retry_after) = (
        response.status(),
        text(header::LOCATION),
        text(header::RETRY_AFTER),
    );
    let bytes = match response.into_body().collect().await {
        Ok(c) => c.to_bytes(),
        Err(e) => panic!("the body fails: {}", e.into()),
    };
    Answered {
        status,
        location,
        retry_after,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// A form body with these fields, percent-encoded.
fn form(fields: &[(&str, &str)]) -> Vec<u8> {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in fields {
        s.append_pair(k, v);
    }
    s.finish().into_bytes()
}

/// What a browser sends from `page` (in `lang`), with the answer and the text.
fn report_form(page: &str, lang: &str, answer: &str, text: &str) -> Vec<u8> {
    form(&[
        ("page", page),
        ("lang", lang),
        ("answer", answer),
        ("text", text),
        ("website", ""),
    ])
}

fn stored(dir: &Path) -> Vec<Report> {
    match Store::open_read_only(dir).unwrap() {
        Some(store) => store
            .list(&Filter::default())
            .unwrap()
            .into_iter()
            .map(|s| s.report)
            .collect(),
        None => Vec::new(),
    }
}

#[tokio::test]
async fn every_page_of_every_language_ends_with_the_form() {
    let dir = data_dir("every-page");
    let app = app(&dir);
    let paths = sitemap_paths(&app).await;
    assert!(paths.len() > 30, "{paths:?}");
    for path in &paths {
        let html = get(&app, path).await.body;
        let (prefix, lang) = match path.as_str() {
            p if p.starts_with("/en/") => ("/en", "en"),
            p if p.starts_with("/easy/") => ("/easy", "easy"),
            _ => ("", "ja"),
        };
        let main_end = html.find("</main>").unwrap();
        let form_at = html
            .find(&format!(
                "<form action=\"{prefix}/feedback\" method=\"post\">"
            ))
            .unwrap_or_else(|| panic!("{path} has no form"));
        // After the main content, before the footer, in a landmark of its own.
        assert!(
            main_end < form_at && form_at < html.find("<footer").unwrap(),
            "{path}"
        );
        assert!(
            html.contains("<aside class=\"feedback wrap\" aria-label=\"")
                && html.contains("<h2 id=\"feedback-heading\">")
        );
        assert!(
            html.contains(&format!(
                "<input type=\"hidden\" name=\"page\" value=\"{path}\">"
            )),
            "{path}"
        );
        assert!(
            html.contains(&format!(
                "<input type=\"hidden\" name=\"lang\" value=\"{lang}\">"
            )),
            "{path}"
        );
        for answer in ["yes", "no", "wrong"] {
            assert!(
                html.contains(&format!("name=\"answer\" value=\"{answer}\"")),
                "{path}"
            );
        }
        assert!(html.contains("maxlength=\"500\""), "{path}");
        // The trap is hidden from people and assistive technology alike.
        assert!(
            html.contains("<div hidden><label for=\"feedback-website\">"),
            "{path}"
        );
    }
    // The about and accessibility pages say what is kept, for how long and why.
    for path in [
        "/about/",
        "/en/about/",
        "/easy/about/",
        "/accessibility/",
        "/en/accessibility/",
        "/easy/accessibility/",
    ] {
        let html = get(&app, path).await.body;
        assert!(html.contains("\">\n<h2 id=\"feedback\">"), "{path}");
        assert!(html.contains("365"), "{path}");
    }
    // A page without an address of its own has none.
    assert!(
        !get(&app, "/no-such-page/")
            .await
            .body
            .contains("<form action")
    );
}

#[tokio::test]
async fn a_report_is_stored_then_answered_303_to_thanks_in_its_language() {
    let dir = data_dir("stored");
    let app = app(&dir);
    let body = report_form(
        "/en/services/dial/",
        "en",
        "wrong",
        "The number\r\nis wrong",
    );
    let answered = post(&app, "/en/feedback", &body, &[]).await;
    assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.body);
    let location = answered.location.unwrap();
    assert_eq!(
        location,
        "/en/feedback/thanks/?page=%2Fen%2Fservices%2Fdial%2F"
    );
    let reports = stored(&dir);
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert_eq!(
        (r.page.as_str(), r.lang.as_str(), r.answer, r.text.as_str()),
        (
            "/services/dial/",
            "en",
            Answer::Wrong,
            "The number\nis wrong"
        )
    );
    assert_eq!(r.minute % 60, 0);
    assert_eq!(r.content_version, live().version());

    let thanks = get(&app, &location).await;
    assert_eq!(thanks.status, StatusCode::OK);
    assert_eq!(thanks.cache_control.as_deref(), Some("no-store"));
    assert!(
        thanks
            .body
            .starts_with("<!DOCTYPE html>\n<html lang=\"en\">")
    );
    assert!(
        thanks
            .body
            .contains("<a href=\"/en/services/dial/\">Back to “Hikikomori Consultation Line”</a>")
    );
    assert!(thanks.body.contains("not reply"), "says it is not answered");
    assert!(thanks.body.contains("deleted automatically after 365 days"));
    assert!(
        thanks
            .body
            .contains("<meta name=\"robots\" content=\"noindex\">")
    );
    assert!(!thanks.body.contains("is wrong"), "the text is never shown");

    // The same in やさしい日本語 and in Japanese.
    for (path, page, lang, title) in [
        ("/easy/feedback", "/easy/faq/", "easy", "{意見|いけん}"),
        ("/feedback", "/", "ja", "ご意見を受け付けました"),
    ] {
        let answered = post(&app, path, &report_form(page, lang, "yes", ""), &[]).await;
        assert_eq!(answered.status, StatusCode::SEE_OTHER, "{path}");
        let thanks = get(&app, &answered.location.unwrap()).await.body;
        assert!(thanks.contains("<html lang=\"ja\">"), "{path}");
        let title = title.replace("{意見|いけん}", "<ruby>意見<rt>いけん</rt></ruby>");
        assert!(thanks.contains(&title), "{path}: {title}");
    }
    assert_eq!(stored(&dir).len(), 3);
}

/// Every kind of bad input: the status, the language the answer must be in, and the
/// sentence that says why; nothing is stored, and the text sent is nowhere in the answer.
#[tokio::test]
async fn bad_input_gets_a_4xx_in_the_page_language_and_nothing_is_stored() {
    let dir = data_dir("bad");
    let app = app(&dir);
    let secret = "SECRET-bad-input-7f3a";
    let good = |page: &str, lang: &str| report_form(page, lang, "wrong", secret);
    let long_text = format!("{secret}{}", "a".repeat(500));
    let too_big = format!(
        "{}&pad={}",
        String::from_utf8(good("/en/", "en")).unwrap(),
        "x".repeat(5000)
    );
    type Case<'a> = (
        &'a str,
        &'a str,
        Vec<u8>,
        Vec<(&'a str, &'a str)>,
        u16,
        &'a str,
    );
    let cases: Vec<Case> = vec![
        (
            "cross-site by fetch metadata",
            "/en/feedback",
            good("/en/", "en"),
            vec![("sec-fetch-site", "cross-site")],
            403,
            "from a page of this site",
        ),
        (
            "cross-site by origin",
            "/en/feedback",
            good("/en/", "en"),
            vec![
                ("sec-fetch-site", "same-site"),
                ("origin", "https://evil.example"),
            ],
            403,
            "from a page of this site",
        ),
        (
            "null origin",
            "/feedback",
            good("/", "ja"),
            vec![("sec-fetch-site", "cross-site"), ("origin", "null")],
            403,
            "このサイトのページにあるフォームから",
        ),
        (
            "body over 4 KB",
            "/en/feedback",
            too_big.into_bytes(),
            vec![],
            413,
            "too large",
        ),
        (
            "wrong content type",
            "/en/feedback",
            good("/en/", "en"),
            vec![("content-type", "text/plain")],
            415,
            "could not be read",
        ),
        (
            "multipart",
            "/en/feedback",
            good("/en/", "en"),
            vec![("content-type", "multipart/form-data; boundary=x")],
            415,
            "could not be read",
        ),
        (
            "no content type",
            "/easy/feedback",
            good("/easy/", "easy"),
            vec![("content-type", "")],
            415,
            "フォームの",
        ),
        (
            "invalid UTF-8",
            "/en/feedback",
            b"page=%2Fen%2F&lang=en&answer=yes&text=SECRET-bad-input-7f3a%FF%FE".to_vec(),
            vec![],
            400,
            "could not be read",
        ),
        (
            "missing page",
            "/en/feedback",
            form(&[("lang", "en"), ("answer", "yes"), ("text", secret)]),
            vec![],
            400,
            "could not be read",
        ),
        (
            "missing lang",
            "/en/feedback",
            form(&[("page", "/en/"), ("answer", "yes"), ("text", secret)]),
            vec![],
            400,
            "could not be read",
        ),
        (
            "missing answer",
            "/en/feedback",
            form(&[("page", "/en/"), ("lang", "en"), ("text", secret)]),
            vec![],
            400,
            "one of the three answers",
        ),
        (
            "unknown field",
            "/en/feedback",
            form(&[
                ("page", "/en/"),
                ("lang", "en"),
                ("answer", "yes"),
                ("text", secret),
                ("name", "Taro"),
            ]),
            vec![],
            400,
            "could not be read",
        ),
        (
            "repeated field",
            "/en/feedback",
            form(&[
                ("page", "/en/"),
                ("lang", "en"),
                ("answer", "yes"),
                ("answer", "no"),
                ("text", secret),
            ]),
            vec![],
            400,
            "could not be read",
        ),
        (
            "answer outside the three",
            "/en/feedback",
            report_form("/en/", "en", "maybe", secret),
            vec![],
            400,
            "one of the three answers",
        ),
        (
            "text over 500 characters",
            "/en/feedback",
            report_form("/en/", "en", "no", &long_text),
            vec![],
            400,
            "500 characters",
        ),
        (
            "unknown page",
            "/en/feedback",
            report_form("/en/no-such-page/", "en", "no", secret),
            vec![],
            400,
            "which page",
        ),
        (
            "a page of another language",
            "/en/feedback",
            report_form("/services/dial/", "en", "no", secret),
            vec![],
            400,
            "which page",
        ),
        (
            "lang of another language",
            "/en/feedback",
            report_form("/en/", "ja", "no", secret),
            vec![],
            400,
            "could not be read",
        ),
        (
            "trap filled",
            "/en/feedback",
            form(&[
                ("page", "/en/"),
                ("lang", "en"),
                ("answer", "yes"),
                ("text", secret),
                ("website", "http://spam.example"),
            ]),
            vec![],
            400,
            "could not be read",
        ),
    ];
    for (what, path, body, headers, status, says) in cases {
        let answered = post(&app, path, &body, &headers).await;
        assert_eq!(
            answered.status.as_u16(),
            status,
            "{what}: {}",
            answered.body
        );
        let lang = if path.starts_with("/en/") { "en" } else { "ja" };
        assert!(
            answered.body.contains(&format!("<html lang=\"{lang}\">")),
            "{what}"
        );
        assert!(answered.body.contains(says), "{what}: {}", answered.body);
        assert!(
            !answered.body.contains(secret),
            "{what}: the text sent is shown"
        );
        assert!(answered.location.is_none(), "{what}");
    }
    assert!(stored(&dir).is_empty(), "{:?}", stored(&dir));
    // A report from no browser at all (no Sec-Fetch-Site, no Origin) is taken.
    let mut request = Request::post("/en/feedback")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(report_form("/en/", "en", "yes", "")))
        .unwrap();
    request
        .extensions_mut()
        .insert(ClientAddr([192, 0, 2, 9].into()));
    assert_eq!(
        app.clone().oneshot(request).await.unwrap().status(),
        StatusCode::SEE_OTHER
    );
    // Only POST takes reports; a GET of the address is the 404 page.
    assert_eq!(get(&app, "/feedback").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_flood_from_one_address_gets_429_with_retry_after() {
    let dir = data_dir("flood");
    let app = app_with(&dir, InboxSettings::default(), 3);
    let body = report_form("/en/", "en", "yes", "");
    let one: IpAddr = [198, 51, 100, 1].into();
    for _ in 0..3 {
        assert_eq!(
            post_from(&app, "/en/feedback", &body, &[], one)
                .await
                .status,
            StatusCode::SEE_OTHER
        );
    }
    let refused = post_from(&app, "/en/feedback", &body, &[], one).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = refused.retry_after.unwrap().parse().unwrap();
    assert!((1..=20).contains(&retry), "{retry}");
    assert!(refused.body.contains("Please wait a little"));
    // Another address has its own allowance.
    let other: IpAddr = [198, 51, 100, 2].into();
    assert_eq!(
        post_from(&app, "/en/feedback", &body, &[], other)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(stored(&dir).len(), 4);
}

#[tokio::test]
async fn past_the_daily_cap_reports_get_503() {
    let dir = data_dir("cap");
    let settings = InboxSettings {
        daily_cap: 2,
        ..InboxSettings::default()
    };
    let app = app_with(&dir, settings, 10_000);
    let body = report_form("/", "ja", "yes", "");
    for _ in 0..2 {
        assert_eq!(
            post(&app, "/feedback", &body, &[]).await.status,
            StatusCode::SEE_OTHER
        );
    }
    let refused = post(&app, "/feedback", &body, &[]).await;
    assert_eq!(refused.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(refused.body.contains("いまはご意見を受け付けられません"));
    assert_eq!(stored(&dir).len(), 2);
}

#[tokio::test]
async fn a_database_that_cannot_be_written_gets_503_and_pages_are_still_served() {
    // The data directory cannot be made: a file stands where it should be.
    let blocked = data_dir("blocked");
    std::fs::write(&blocked, "not a directory").unwrap();
    let blocked_app = app(&blocked.join("data"));
    let answered = post(
        &blocked_app,
        "/en/feedback",
        &report_form("/en/", "en", "yes", ""),
        &[],
    )
    .await;
    assert_eq!(answered.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(answered.retry_after.is_some());
    assert!(
        answered.body.contains("We cannot take reports right now"),
        "{}",
        answered.body
    );
    assert!(answered.body.contains("The pages can be read as usual"));
    assert_eq!(get(&blocked_app, "/en/").await.status, StatusCode::OK);
    let _ = std::fs::remove_file(&blocked);

    // Locked by another writer: 503 until it lets go, then stored again.
    let dir = data_dir("locked");
    let app = app(&dir);
    let body = report_form("/", "ja", "no", "");
    assert_eq!(
        post(&app, "/feedback", &body, &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let other = rusqlite::Connection::open(madoguchi::store::path_in(&dir)).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let answered = post(&app, "/feedback", &body, &[]).await;
    assert_eq!(answered.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(get(&app, "/").await.status, StatusCode::OK);
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    assert_eq!(
        post(&app, "/feedback", &body, &[]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(stored(&dir).len(), 2);

    // The file removed under the server: refused, not written where nobody reads it.
    for file in [
        "feedback.sqlite3",
        "feedback.sqlite3-wal",
        "feedback.sqlite3-shm",
    ] {
        let _ = std::fs::remove_file(dir.join(file));
    }
    assert_eq!(
        post(&app, "/feedback", &body, &[]).await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(get(&app, "/").await.status, StatusCode::OK);
}

#[tokio::test]
async fn what_readers_write_is_on_no_page_of_the_sitemap() {
    let dir = data_dir("absent");
    let app = app(&dir);
    let markers: Vec<String> = (0..6).map(|i| format!("MARKER-{i}-absent-9c1e")).collect();
    let pages = [
        "/",
        "/en/",
        "/easy/",
        "/services/dial/",
        "/en/faq/",
        "/easy/about/",
    ];
    for (marker, page) in markers.iter().zip(pages) {
        let lang = match page {
            p if p.starts_with("/en/") => "en",
            p if p.starts_with("/easy/") => "easy",
            _ => "ja",
        };
        let prefix = match lang {
            "ja" => "",
            "en" => "/en",
            _ => "/easy",
        };
        let answered = post(
            &app,
            &format!("{prefix}/feedback"),
            &report_form(page, lang, "wrong", marker),
            &[],
        )
        .await;
        assert_eq!(answered.status, StatusCode::SEE_OTHER);
        let thanks = get(&app, &answered.location.unwrap()).await.body;
        assert!(!thanks.contains(marker.as_str()));
    }
    assert_eq!(stored(&dir).len(), markers.len());
    for path in sitemap_paths(&app).await {
        let body = get(&app, &path).await.body;
        for marker in &markers {
            assert!(!body.contains(marker.as_str()), "{path} shows {marker}");
        }
    }
    for path in [
        "/sitemap.xml",
        "/api/v1/status.json",
        "/api/v1/services.json",
        "/search/?q=MARKER",
    ] {
        let body = get(&app, path).await.body;
        assert!(!body.contains("absent-9c1e"), "{path}");
    }
}

/// Runs `madoguchi feedback …` with the bundled content; its standard output.
fn editor(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .arg("feedback")
        .args(args)
        .args(["--content", BUNDLED])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[tokio::test]
async fn csv_export_of_hostile_text_reads_back_neutralised_with_a_csv_parser() {
    let dir = data_dir("csv");
    let app = app(&dir);
    let hostile = [
        (
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "'=HYPERLINK(\"http://evil.example\",\"x\")",
        ),
        ("+1+1", "'+1+1"),
        ("-2", "'-2"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("a, \"quoted\"\nsecond line", "a, \"quoted\"\nsecond line"),
        ("red \u{1b}[31m here", "red \\u{1b}[31m here"),
        ("turn \u{202e}around", "turn \\u{202e}around"),
        ("電話番号が ちがいます", "電話番号が ちがいます"),
    ];
    for (text, _) in hostile {
        let answered = post(
            &app,
            "/feedback",
            &report_form("/services/dial/", "ja", "wrong", text),
            &[],
        )
        .await;
        assert_eq!(answered.status, StatusCode::SEE_OTHER, "{text}");
    }
    let data = dir.to_str().unwrap();
    let csv_text = editor(&["export", "--format", "csv", "--data", data]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "id",
            "received",
            "page",
            "lang",
            "answer",
            "text",
            "content_version"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), hostile.len());
    for (row, (_, expected)) in rows.iter().zip(hostile) {
        assert_eq!(&row[5], expected);
        assert_eq!(&row[2], "/services/dial/");
        assert_eq!(&row[4], "wrong");
        assert!(
            row[1].starts_with("20") && row[1].ends_with("+09:00"),
            "{}",
            &row[1]
        );
        for cell in row.iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
        }
    }
    // JSON keeps the text as it was written (its own escapes make it harmless).
    let json: serde_json::Value =
        serde_json::from_str(&editor(&["export", "--format", "json", "--data", data])).unwrap();
    let texts: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, hostile.map(|(t, _)| t));
    // The terminal never gets a control character from a reader.
    let list = editor(&["list", "--data", data]);
    assert!(
        !list.contains('\u{1b}') && !list.contains('\u{202e}'),
        "{list}"
    );
    assert!(list.contains("red \\u{1b}[31m here"));
    assert!(list.contains("a, \"quoted\"\\nsecond line"));
    assert_eq!(list.lines().count(), hostile.len() + 1);
}

#[tokio::test]
async fn editors_list_by_page_answer_and_date_summarise_and_purge() {
    let dir = data_dir("editors");
    let mut store = Store::open(&dir).unwrap();
    let at = |date: &str| -> i64 {
        let t: jiff::Timestamp = format!("{date}T12:00:00+09:00").parse().unwrap();
        t.as_second()
    };
    let report = |page: &str, answer, minute| Report {
        page: page.into(),
        lang: "ja".into(),
        answer,
        text: format!("{page} {minute}"),
        minute,
        content_version: "v1".into(),
    };
    let now = jiff::Timestamp::now().as_second() / 60 * 60;
    store
        .insert(&[
            report("/services/dial/", Answer::Wrong, at("2025-11-01")),
            report("/services/dial/", Answer::Yes, at("2025-11-15")),
            report("/faq/", Answer::Wrong, at("2025-11-20")),
            report("/faq/", Answer::No, now),
        ])
        .unwrap();
    drop(store);
    let data = dir.to_str().unwrap();
    let rows = |args: &[&str]| -> usize {
        let mut all = vec!["list", "--data", data];
        all.extend_from_slice(args);
        editor(&all).lines().count() - 1
    };
    assert_eq!(rows(&[]), 4);
    assert_eq!(rows(&["--page", "/services/dial/"]), 2);
    assert_eq!(rows(&["--answer", "wrong"]), 2);
    assert_eq!(rows(&["--since", "2025-11-15", "--until", "2025-11-20"]), 2);
    assert_eq!(rows(&["--answer", "wrong", "--since", "2025-11-02"]), 1);
    let summary = editor(&["summary", "--data", data]);
    let faq = summary.lines().find(|l| l.starts_with("/faq/")).unwrap();
    assert_eq!(
        faq.split_whitespace().collect::<Vec<_>>(),
        ["/faq/", "0", "1", "1"]
    );
    // What `madoguchi report` will count: per page, "something is wrong" since a date.
    let since: jiff::Timestamp = "2025-11-10T00:00:00+09:00".parse().unwrap();
    assert_eq!(
        madoguchi::store::wrong_since(&dir, since).unwrap(),
        [("/faq/".to_string(), 1)]
    );
    let purged = editor(&["purge", "--older-than", "1", "--data", data]);
    assert!(purged.starts_with("removed 3 reports"), "{purged}");
    assert_eq!(rows(&[]), 1);
}

#[tokio::test]
async fn reports_past_the_retention_are_removed_automatically() {
    let dir = data_dir("retention");
    let now = jiff::Timestamp::now().as_second() / 60 * 60;
    let mut store = Store::open(&dir).unwrap();
    let old = |days: i64| Report {
        page: "/".into(),
        lang: "ja".into(),
        answer: Answer::Yes,
        text: String::new(),
        minute: now - days * 86_400,
        content_version: "v".into(),
    };
    store
        .insert(&[old(400), old(366), old(364), old(1)])
        .unwrap();
    drop(store);
    // The writer removes them when it starts (and every hour after).
    let app = app(&dir);
    assert_eq!(
        post(&app, "/feedback", &report_form("/", "ja", "yes", ""), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(stored(&dir).len(), 3);
}

#[tokio::test]
async fn one_named_server_takes_the_reports_of_all_and_the_export_points_at_it() {
    let copy = ContentCopy::new(BUNDLED, "instance", |name, text| match name {
        "site.toml" => text.replace(
            "# instance = \"https://feedback.example.org\"",
            "instance = \"https://feedback.example.org/\"",
        ),
        _ => text,
    });
    let static_dir = Path::new(BUNDLED).parent().unwrap().join("static");
    let live = {
        let loaded = madoguchi::render::Folders {
            content: PathBuf::from(&copy.dir),
            static_dir,
        }
        .load(jiff::Timestamp::now())
        .unwrap();
        let clock = Clock::Fixed(NOW.parse().unwrap());
        Arc::new(Live::taking_feedback(loaded.pages, loaded.version, clock).unwrap())
    };
    let dir = data_dir("instance");
    let app = app_of(live, &dir, InboxSettings::default(), 10_000);
    let page = get(&app, "/en/services/dial/").await;
    assert!(
        page.body
            .contains("<form action=\"https://feedback.example.org/en/feedback\" method=\"post\">")
    );
    let csp = page
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        csp.ends_with("form-action 'self' https://feedback.example.org"),
        "{csp}"
    );

    // A report sent to another server is misdirected; to the named one, taken, and the
    // thank-you page links back to the site's own address.
    let body = report_form("/en/services/dial/", "en", "wrong", "");
    let origin = [
        ("origin", "http://127.0.0.1:3000"),
        ("sec-fetch-site", "cross-site"),
    ];
    assert_eq!(
        post(&app, "/en/feedback", &body, &origin).await.status,
        StatusCode::MISDIRECTED_REQUEST
    );
    let mut request = Request::post("/en/feedback")
        .header("host", "feedback.example.org")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("origin", "http://127.0.0.1:3000")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(body))
        .unwrap();
    request
        .extensions_mut()
        .insert(ClientAddr([192, 0, 2, 3].into()));
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    let thanks = get(&app, &location).await.body;
    assert!(
        thanks.contains("<a href=\"http://127.0.0.1:3000/en/services/dial/\">"),
        "{thanks}"
    );
    assert_eq!(stored(&dir).len(), 1);

    // The static export: the form points at the named server; without it, no form.
    for (content, expected) in [
        (
            copy.dir.as_str(),
            Some("https://feedback.example.org/feedback"),
        ),
        (BUNDLED, None),
    ] {
        let out = data_dir(&format!("export-{}", expected.is_some()));
        let status = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
            .args(["build", "--allow-local-base-url", "--now", NOW, "--out"])
            .arg(&out)
            .args(["--content", content])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .unwrap();
        assert!(status.success());
        let html = std::fs::read_to_string(out.join("services/dial/index.html")).unwrap();
        match expected {
            Some(action) => {
                assert!(html.contains(&format!("<form action=\"{action}\" method=\"post\">")))
            }
            None => {
                assert!(!html.contains("method=\"post\"") && !html.contains("class=\"feedback"))
            }
        }
        let about = std::fs::read_to_string(out.join("about/index.html")).unwrap();
        assert_eq!(about.contains("<h2 id=\"feedback\">"), expected.is_some());
        let _ = std::fs::remove_dir_all(&out);
    }
}

/// The real binary on a loopback port, with the bundled content and its own data
/// directory.
struct Running {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Running {
    fn start(data: &Path, extra: &[&str]) -> Running {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = std::env::temp_dir().join(format!("madoguchi-feedback-{port}.log"));
        let child = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
            .args([
                "serve",
                "--addr",
                &format!("127.0.0.1:{port}"),
                "--content",
                BUNDLED,
                "--data",
            ])
            .arg(data)
            .args(extra)
            .env("RUST_LOG", "madoguchi=info")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let running = Running { child, port, log };
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return running;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the server did not start:\n{}", running.log());
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Sends a raw request; the status (0 when the connection ended without an answer).
    fn send(&self, request: &[u8]) -> u16 {
        Running::send_to(self.port, request)
    }

    fn send_to(port: u16, request: &[u8]) -> u16 {
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
            return 0;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(20)));
        if stream.write_all(request).is_err() {
            return 0;
        }
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        String::from_utf8_lossy(&response)
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

fn raw_post(path: &str, body: &[u8]) -> Vec<u8> {
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nSec-Fetch-Site: same-origin\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    request
}

#[test]
fn kill_9_under_load_loses_no_acknowledged_report_and_leaves_no_half_row() {
    let data = data_dir("kill9");
    let server = Running::start(
        &data,
        &[
            "--feedback-per-minute",
            "100000",
            "--feedback-daily-cap",
            "100000",
        ],
    );
    let port = server.port;
    const TOTAL: usize = 200;
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let answered = Arc::new(AtomicUsize::new(0));
    let start = Arc::new(std::sync::Barrier::new(TOTAL + 1));
    let threads: Vec<_> = (0..TOTAL)
        .map(|i| {
            let (acknowledged, answered, start) =
                (acknowledged.clone(), answered.clone(), start.clone());
            std::thread::spawn(move || {
                // Long enough that a torn write would show: 400 characters, the last a mark.
                let text = format!("kill9-{i:03}-{}|end", "あ".repeat(380));
                let request = raw_post(
                    "/feedback",
                    &report_form("/services/dial/", "ja", "wrong", &text),
                );
                start.wait();
                let status = Running::send_to(port, &request);
                answered.fetch_add(1, Ordering::SeqCst);
                if status == 303 {
                    acknowledged.lock().unwrap().push(text);
                }
            })
        })
        .collect();
    start.wait();
    // Part-way: once some have been answered, the process is killed (SIGKILL).
    let deadline = Instant::now() + Duration::from_secs(30);
    while answered.load(Ordering::SeqCst) < TOTAL / 4 && Instant::now() < deadline {
        std::thread::yield_now();
    }
    let mut server = server;
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    for t in threads {
        t.join().unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        !acknowledged.is_empty(),
        "no report was acknowledged before the kill"
    );
    drop(server);

    // The server starts again on the same file, and every acknowledged report is there.
    let again = Running::start(&data, &[]);
    assert_eq!(
        again.send(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        200
    );
    let conn = rusqlite::Connection::open(madoguchi::store::path_in(&data)).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let rows: Vec<(String, String, String, String, i64)> = conn
        .prepare("SELECT page, lang, answer, text, minute FROM report")
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for text in &acknowledged {
        assert!(
            rows.iter().any(|r| &r.3 == text),
            "an acknowledged report is missing"
        );
    }
    for (page, lang, answer, text, minute) in &rows {
        assert_eq!(
            (page.as_str(), lang.as_str(), answer.as_str()),
            ("/services/dial/", "ja", "wrong")
        );
        assert!(
            text.starts_with("kill9-") && text.ends_with("|end") && text.chars().count() == 394,
            "a half row: {text}"
        );
        assert_eq!(minute % 60, 0);
    }
    eprintln!(
        "kill -9: {} of {TOTAL} acknowledged before the kill, {} rows after the restart",
        acknowledged.len(),
        rows.len()
    );
    drop(again);
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn the_real_server_logs_why_reports_cannot_be_stored_and_keeps_serving_pages() {
    let blocked = data_dir("blocked-binary");
    std::fs::write(&blocked, "a file, not a directory").unwrap();
    let server = Running::start(&blocked.join("data"), &[]);
    assert_eq!(
        server.send(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        200
    );
    let status = server.send(&raw_post("/feedback", &report_form("/", "ja", "yes", "")));
    assert_eq!(status, 503);
    let log = server.log();
    assert!(log.contains("cannot open the feedback database"), "{log}");
    assert!(log.contains("cannot create the data directory"), "{log}");
    drop(server);
    let _ = std::fs::remove_file(&blocked);
}
