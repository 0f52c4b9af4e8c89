//! How the server answers, seen from outside through the site's service: encodings, ETags
//! and 304s, caching, security headers, methods, long addresses, health, the size budget,
//! and on a real socket, the time a client has to send its request headers.

mod common;

use std::io::Read;

use axum::http::{Method, StatusCode};
use common::{BUNDLED, SAMPLE, Site, app_at, send, send_with};

const NOW: &str = "2026-11-25T10:00:00Z";

fn header<'a>(reply: &'a common::Reply, name: &str) -> Option<&'a str> {
    reply.headers.get(name).and_then(|v| v.to_str().ok())
}

/// The `href` of the page's first `<link rel="…">` of that `rel`.
fn link_href<'a>(page: &'a str, rel: &str) -> &'a str {
    let at = page
        .split(&format!("<link rel=\"{rel}\" href=\""))
        .nth(1)
        .unwrap_or_else(|| panic!("no <link rel=\"{rel}\">"));
    at.split('"').next().unwrap()
}

/// GET with headers; the reply and its body bytes as sent.
async fn get_bytes(
    app: &impl Site,
    path: &str,
    headers: &[(&str, &str)],
) -> (common::Reply, Vec<u8>) {
    let reply = send_with(app, Method::GET, path, headers).await;
    let bytes = reply.bytes.clone();
    (reply, bytes)
}

#[tokio::test]
async fn pages_come_in_the_encoding_the_client_takes() {
    let app = app_at(SAMPLE, NOW);
    let (plain, identity) = get_bytes(&app, "/", &[]).await;
    assert_eq!(header(&plain, "content-encoding"), None);
    assert_eq!(header(&plain, "vary"), Some("Accept-Encoding"));
    let (br, br_bytes) = get_bytes(&app, "/", &[("accept-encoding", "gzip, deflate, br")]).await;
    assert_eq!(header(&br, "content-encoding"), Some("br"));
    let mut decoded = Vec::new();
    brotli::Decompressor::new(&br_bytes[..], 4096)
        .read_to_end(&mut decoded)
        .unwrap();
    assert_eq!(decoded, identity);
    let (gz, gz_bytes) = get_bytes(&app, "/", &[("accept-encoding", "gzip")]).await;
    assert_eq!(header(&gz, "content-encoding"), Some("gzip"));
    let mut decoded = Vec::new();
    flate2::read::GzDecoder::new(&gz_bytes[..])
        .read_to_end(&mut decoded)
        .unwrap();
    assert_eq!(decoded, identity);
    let (no_br, _) = get_bytes(&app, "/", &[("accept-encoding", "br;q=0, gzip;q=0.5")]).await;
    assert_eq!(header(&no_br, "content-encoding"), Some("gzip"));
    // Each encoding has its own strong ETag.
    let tags = [
        header(&plain, "etag"),
        header(&br, "etag"),
        header(&gz, "etag"),
    ];
    assert!(tags.iter().all(|t| t.is_some_and(|t| t.starts_with('"'))));
    assert!(tags[0] != tags[1] && tags[1] != tags[2] && tags[0] != tags[2]);
}

#[tokio::test]
async fn a_matching_etag_gets_304_without_a_body() {
    let app = app_at(SAMPLE, NOW);
    let first = send_with(
        &app,
        Method::GET,
        "/services/line/",
        &[("accept-encoding", "br")],
    )
    .await;
    let etag = header(&first, "etag").unwrap().to_string();
    let again = send_with(
        &app,
        Method::GET,
        "/services/line/",
        &[("accept-encoding", "br"), ("if-none-match", &etag)],
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(header(&again, "etag"), Some(etag.as_str()));
    let weak = format!("W/{etag}");
    let listed = format!("\"other\", {weak}");
    let again = send_with(
        &app,
        Method::GET,
        "/services/line/",
        &[("accept-encoding", "br"), ("if-none-match", &listed)],
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    let stale = send_with(
        &app,
        Method::GET,
        "/services/line/",
        &[("if-none-match", "\"nope\"")],
    )
    .await;
    assert_eq!(stale.status, StatusCode::OK);
    // Not for error pages.
    let missing = send_with(&app, Method::GET, "/nope/", &[("if-none-match", "*")]).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_stylesheet_has_a_hashed_name_cached_for_good() {
    let app = app_at(SAMPLE, NOW);
    let home = send(&app, Method::GET, "/").await.body;
    let href = link_href(&home, "stylesheet").to_string();
    assert!(
        href.starts_with("/static/site.")
            && href.ends_with(".css")
            && href.len() > "/static/site.css".len(),
        "{href}"
    );
    let css = send(&app, Method::GET, &href).await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(
        header(&css, "cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(
        header(&css, "content-type"),
        Some("text/css; charset=utf-8")
    );
    let plain = send(&app, Method::GET, "/static/site.css").await;
    assert_eq!(header(&plain, "cache-control"), Some("no-cache"));
    assert_eq!(plain.body, css.body);
}

/// Every page links the site's icon, an SVG under a hashed name cached for good; clients
/// that look for `/favicon.ico` (as browsers do on a page that links none) find an icon
/// there too, never a 404.
#[tokio::test]
async fn the_icon_is_linked_by_a_hashed_name_and_served_as_favicon_ico() {
    let app = app_at(SAMPLE, NOW);
    for path in ["/", "/services/walk/", "/ja/faq/", "/nope/"] {
        let page = send(&app, Method::GET, path).await.body;
        let links: Vec<&str> = page.matches("<link rel=\"icon\"").collect();
        assert_eq!(links.len(), 1, "{path}");
        let href = link_href(&page, "icon");
        assert!(
            href.starts_with("/static/icon.") && href.ends_with(".svg") && href.len() > 20,
            "{path}: {href}"
        );
        assert!(page.contains(&format!(
            "<link rel=\"icon\" href=\"{href}\" type=\"image/svg+xml\">"
        )));
        let icon = send(&app, Method::GET, href).await;
        assert_eq!(icon.status, StatusCode::OK);
        assert_eq!(header(&icon, "content-type"), Some("image/svg+xml"));
        assert_eq!(
            header(&icon, "cache-control"),
            Some("public, max-age=31536000, immutable")
        );
        assert!(
            icon.body
                .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")
        );
        // Nothing in it reaches outside the file.
        assert!(!icon.body.contains("href"), "{}", icon.body);
    }
    let ico = send(&app, Method::GET, "/favicon.ico").await;
    assert_eq!(ico.status, StatusCode::OK);
    assert_eq!(header(&ico, "content-type"), Some("image/x-icon"));
    assert_eq!(header(&ico, "cache-control"), Some("no-cache"));
    // An ICO header (reserved 0, type 1 = icon) holding at least one image.
    assert_eq!(ico.bytes[..4], [0, 0, 1, 0]);
    assert!(u16::from_le_bytes([ico.bytes[4], ico.bytes[5]]) >= 1);
    assert_eq!(
        ico.bytes,
        send(&app, Method::GET, "/static/favicon.ico").await.bytes
    );
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_no_cookie() {
    let app = app_at(SAMPLE, NOW);
    for (method, path) in [
        (Method::GET, "/"),
        (Method::GET, "/services/walk/"),
        (Method::GET, "/nope/"),
        (Method::GET, "/api/v1/status.json"),
        (Method::GET, "/static/site.css"),
        (Method::GET, "/healthz"),
        (Method::POST, "/"),
        (Method::GET, "/faq"),
    ] {
        let reply = send(&app, method.clone(), path).await;
        assert_eq!(
            header(&reply, "content-security-policy"),
            Some(
                "default-src 'none'; connect-src 'self'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
            ),
            "{method} {path}"
        );
        // Strict-Transport-Security only where `serve --hsts` asks for it.
        assert_eq!(header(&reply, "strict-transport-security"), None, "{path}");
        assert_eq!(
            header(&reply, "x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(
            header(&reply, "referrer-policy"),
            Some("no-referrer"),
            "{path}"
        );
        assert!(
            header(&reply, "permissions-policy").is_some_and(|p| p.contains("geolocation=()")),
            "{path}"
        );
        assert_eq!(
            header(&reply, "cross-origin-opener-policy"),
            Some("same-origin"),
            "{path}"
        );
        assert!(reply.headers.get("set-cookie").is_none(), "{path}");
    }
}

/// What the policy allows, directive by directive: nothing but the site's own origin, and
/// for scripts, objects, frames and fonts nothing at all (`default-src 'none'`).
#[tokio::test]
async fn the_content_security_policy_allows_only_the_site_itself() {
    let app = app_at(SAMPLE, NOW);
    let reply = send(&app, Method::GET, "/").await;
    let csp = header(&reply, "content-security-policy").unwrap();
    let directives: Vec<(&str, &str)> = csp
        .split(';')
        .map(|d| d.trim().split_once(' ').unwrap())
        .collect();
    assert_eq!(
        directives,
        [
            ("default-src", "'none'"),
            ("connect-src", "'self'"),
            ("style-src", "'self'"),
            ("img-src", "'self'"),
            ("frame-ancestors", "'none'"),
            ("base-uri", "'none'"),
            ("form-action", "'self'"),
        ]
    );
    for weak in ["unsafe", "*", "http:", "https:", "data:", "script-src"] {
        assert!(!csp.contains(weak), "{weak} in {csp}");
    }
}

/// `serve --hsts`: every response, whatever made it (a page, a file, a 404, a 405, the
/// health check), tells browsers to use HTTPS only, along with the other headers.
#[tokio::test]
async fn with_hsts_every_response_says_https_only() {
    let app = madoguchi::server::site(
        common::live_at(SAMPLE, NOW),
        madoguchi::server::Hsts::On,
        None,
    );
    for (method, path) in [
        (Method::GET, "/"),
        (Method::GET, "/services/walk/"),
        (Method::HEAD, "/faq/"),
        (Method::GET, "/nope/"),
        (Method::GET, "/static/site.css"),
        (Method::GET, "/healthz"),
        (Method::GET, "/search/?q=walk"),
        (Method::POST, "/"),
        (Method::GET, "/faq"),
    ] {
        let reply = send(&app, method.clone(), path).await;
        assert_eq!(
            header(&reply, "strict-transport-security"),
            Some("max-age=63072000"),
            "{method} {path}"
        );
        assert_eq!(
            header(&reply, "x-content-type-options"),
            Some("nosniff"),
            "{method} {path}"
        );
    }
}

#[tokio::test]
async fn other_methods_get_405_with_allow() {
    let app = app_at(SAMPLE, NOW);
    for method in [
        Method::POST,
        Method::PUT,
        Method::DELETE,
        Method::PATCH,
        Method::OPTIONS,
        Method::TRACE,
    ] {
        let reply = send(&app, method.clone(), "/services/line/").await;
        assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
        assert_eq!(header(&reply, "allow"), Some("GET, HEAD"), "{method}");
        assert!(reply.body.contains("<html lang=\"en\">"), "{method}");
        assert!(
            reply
                .body
                .contains("<h1>This request cannot be answered</h1>"),
            "{method}"
        );
    }
    let head = send(&app, Method::HEAD, "/services/line/").await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
    // The headers of the GET, with the length of its body.
    let get = send(&app, Method::GET, "/services/line/").await;
    let length = get.bytes.len().to_string();
    assert_eq!(header(&head, "content-length"), Some(length.as_str()));
    assert_eq!(header(&head, "etag"), header(&get, "etag"));
}

#[tokio::test]
async fn an_overlong_address_gets_414() {
    let app = app_at(SAMPLE, NOW);
    let long = format!("/{}", "a".repeat(3000));
    let reply = send(&app, Method::GET, &long).await;
    assert_eq!(reply.status, StatusCode::URI_TOO_LONG);
    assert!(
        reply
            .body
            .contains("<h1>This request cannot be answered</h1>")
    );
    let query = format!("/?{}", "x=1&".repeat(1000));
    assert_eq!(
        send(&app, Method::GET, &query).await.status,
        StatusCode::URI_TOO_LONG
    );
    let some = format!("/?{}", "x=1&".repeat(100));
    assert_eq!(send(&app, Method::GET, &some).await.status, StatusCode::OK);
}

#[tokio::test]
async fn healthz_reports_the_content_version() {
    let app = app_at(SAMPLE, NOW);
    let reply = send(&app, Method::GET, "/healthz").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(header(&reply, "cache-control"), Some("no-store"));
    let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(json["status"], "ok");
    assert_eq!(json["content_version"].as_str().unwrap().len(), 16);
}

/// One TCP initial window: every page of the bundled site with its stylesheet fits in
/// 14 KB of brotli (a budget for the real pages, whatever their words).
#[tokio::test]
async fn every_page_with_its_css_fits_in_14_kb_of_brotli() {
    let app = app_at(BUNDLED, "2026-11-25T10:00:00+09:00");
    let (_, css) = get_bytes(&app, "/static/site.css", &[("accept-encoding", "br")]).await;
    let sitemap = send(&app, Method::GET, "/sitemap.xml").await.body;
    for loc in common::sitemap_locs(&sitemap) {
        let path = loc.strip_prefix("http://127.0.0.1:3000").unwrap();
        let (reply, page) = get_bytes(&app, path, &[("accept-encoding", "br")]).await;
        assert_eq!(header(&reply, "content-encoding"), Some("br"), "{path}");
        let total = page.len() + css.len();
        assert!(
            total <= 14 * 1024,
            "{path}: {} + {} = {total} bytes",
            page.len(),
            css.len()
        );
    }
}

/// A server on a loopback port, as `serve` runs it but with a header-read timeout of
/// `header_read`; its address.
async fn listening(header_read: std::time::Duration) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let site = madoguchi::server::site(
        common::live_at(SAMPLE, NOW),
        madoguchi::server::Hsts::Off,
        None,
    );
    let timeouts = madoguchi::server::Timeouts {
        header_read,
        drain: std::time::Duration::from_secs(1),
    };
    tokio::spawn(madoguchi::server::serve(
        listener,
        site,
        std::future::pending(),
        timeouts,
    ));
    addr
}

/// Sends `parts` with `pause` between them, then reads until the server closes the
/// connection (at most 10 s); what came back, and how long after the first part.
async fn exchange(
    addr: std::net::SocketAddr,
    parts: &[&str],
    pause: std::time::Duration,
) -> (String, std::time::Duration) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let started = std::time::Instant::now();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            tokio::time::sleep(pause).await;
        }
        // The server may already have closed the connection.
        let _ = stream.write_all(part.as_bytes()).await;
    }
    let mut response = Vec::new();
    let read = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        stream.read_to_end(&mut response),
    )
    .await;
    assert!(read.is_ok(), "the connection was still open after 10 s");
    (
        String::from_utf8_lossy(&response).into_owned(),
        started.elapsed(),
    )
}

#[tokio::test]
async fn a_client_that_sends_half_its_headers_is_cut_off_after_the_timeout() {
    use std::time::Duration;
    let timeout = Duration::from_millis(400);
    let addr = listening(timeout).await;
    // Half a request head, and then nothing: the connection is closed, with no answer
    // or a 408, once the timeout has passed and not long after.
    let (response, after) =
        exchange(addr, &["GET / HTTP/1.1\r\nHost: x\r\n"], Duration::ZERO).await;
    assert!(
        response.is_empty() || response.starts_with("HTTP/1.1 408"),
        "{response}"
    );
    assert!(after >= timeout, "closed after {after:?}");
    assert!(
        after < timeout + Duration::from_secs(3),
        "closed after {after:?}"
    );
    // Headers that arrive in two parts within the time are answered.
    let (response, _) = exchange(
        addr,
        &["GET / HTTP/1.1\r\nHost: x\r\n", "Connection: close\r\n\r\n"],
        Duration::from_millis(100),
    )
    .await;
    assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
    // A connection that sends nothing at all is closed the same way.
    let (response, after) = exchange(addr, &[], Duration::ZERO).await;
    assert!(
        response.is_empty() || response.starts_with("HTTP/1.1 408"),
        "{response}"
    );
    assert!(after >= timeout, "closed after {after:?}");
}

#[tokio::test]
async fn http2_is_not_spoken() {
    // The HTTP/2 connection preface, sent without TLS ("prior knowledge"): not a request
    // the server understands.
    let addr = listening(std::time::Duration::from_secs(5)).await;
    let (response, _) = exchange(
        addr,
        &["PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"],
        std::time::Duration::ZERO,
    )
    .await;
    assert!(
        response.is_empty() || response.starts_with("HTTP/1.1 4"),
        "{response}"
    );
    assert!(!response.contains("HTTP/2"), "{response}");
}

#[tokio::test]
async fn a_request_head_over_64_kb_gets_431() {
    let addr = listening(std::time::Duration::from_secs(5)).await;
    let head = |filler: usize| {
        format!(
            "GET / HTTP/1.1\r\nHost: x\r\nX-Filler: {}\r\nConnection: close\r\n\r\n",
            "a".repeat(filler)
        )
    };
    let (response, _) = exchange(addr, &[&head(60 * 1024)], std::time::Duration::ZERO).await;
    assert!(
        response.starts_with("HTTP/1.1 200 OK\r\n"),
        "{response:.40}"
    );
    let (response, _) = exchange(addr, &[&head(65 * 1024)], std::time::Duration::ZERO).await;
    assert!(
        response.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"),
        "{response:.40}"
    );
}
