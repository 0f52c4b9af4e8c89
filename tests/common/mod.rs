//! Shared by the integration tests: load a content directory and send requests, in
//! process (no sockets, no sleeps), to `server::site`, the very service `serve` runs.
//! Each content directory is loaded and rendered once per test binary and instant.

// Each test binary includes this module and uses part of it; its items are `pub` so
// that the test files of one binary can use them, not for another crate.
#![allow(dead_code, unreachable_pub)]

use std::collections::HashMap;
use std::convert::Infallible;
use std::path::Path;
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use axum::body::{Body, HttpBody};
use axum::http::{Method, Request, StatusCode, header};
use bytes::Bytes;
use http_body_util::BodyExt;
use tower::{Service, ServiceExt};

use madoguchi::render::Folders;
use madoguchi::server::{Clock, Live};

pub const BUNDLED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/content");
/// The bundled content's services, in content order.
pub const SERVICE_IDS: [&str; 8] = [
    "concierge",
    "dial",
    "online",
    "home-visit",
    "family",
    "ibasho",
    "tokyo-support-net",
    "local-desks",
];

/// The made-up ward the engine is tested on: English by default, in Europe/London.
pub const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid");

/// The fixtures: the fixture ward (`valid/`), one case per message of `check`
/// (`invalid/`), the holidays and the HSDS schemas.
pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// The instant the invalid fixtures are checked at, so "in the future" means the same on
/// every day the tests run; within `stale_after_days` of the fixture ward's checks, so
/// only the `stale` fixture warns that its facts are old.
pub const FIXTURE_NOW: &str = "2026-06-01T12:00:00+09:00";

/// A content directory made of the fixture ward with an invalid case's files laid over
/// it (and `remove.txt`'s files deleted, `.` for the whole directory), named after the
/// case and `test` (tests run at the same time).
pub fn invalid_case(case: &Path, test: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "madoguchi-check-{}-{test}-{}",
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
            name if name.starts_with("expected") => {}
            "remove.txt" => {
                for name in std::fs::read_to_string(&path).unwrap().lines() {
                    match name.trim() {
                        "." => std::fs::remove_dir_all(&dir).unwrap(),
                        name => std::fs::remove_file(dir.join(name)).unwrap(),
                    }
                }
            }
            name => {
                std::fs::copy(&path, dir.join(name)).unwrap();
            }
        }
    }
    dir
}

pub fn source(dir: &str) -> Folders {
    Folders {
        content: Path::new(dir).to_path_buf(),
        static_dir: Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/static")).to_path_buf(),
    }
}

/// The site of `dir` as it is at `now` (RFC 3339), as `serve --now` shows it: loaded and
/// rendered on the first call for that directory and instant, then shared by every test
/// of the binary. As in `serve`, `verified_on` dates are checked against the real date.
pub fn live_at(dir: &str, now: &str) -> Arc<Live> {
    type Cell = Arc<OnceLock<Arc<Live>>>;
    static LOADED: LazyLock<Mutex<HashMap<(String, String), Cell>>> = LazyLock::new(Mutex::default);
    let cell: Cell = LOADED
        .lock()
        .unwrap()
        .entry((dir.to_string(), now.to_string()))
        .or_default()
        .clone();
    cell.get_or_init(|| {
        let instant: jiff::Timestamp = now.parse().unwrap();
        let loaded = source(dir)
            .load(jiff::Timestamp::now())
            .unwrap_or_else(|e| panic!("{dir} should load:\n{e}"));
        Arc::new(Live::new(loaded.pages, loaded.version, Clock::Fixed(instant)).unwrap())
    })
    .clone()
}

/// What `server::site` is: a service from a request to a response with some body.
pub trait Site:
    Service<
        Request<Body>,
        Response = axum::http::Response<Self::ResponseBody>,
        Error = Infallible,
        Future: Send,
    > + Clone
    + Send
{
    type ResponseBody: HttpBody<Data = Bytes, Error: Into<tower::BoxError>> + Send;
}

impl<S, B> Site for S
where
    S: Service<Request<Body>, Response = axum::http::Response<B>, Error = Infallible, Future: Send>
        + Clone
        + Send,
    B: HttpBody<Data = Bytes, Error: Into<tower::BoxError>> + Send,
{
    type ResponseBody = B;
}

/// The production service over the site of `dir` at `now` (see `live_at`).
pub fn app_at(dir: &str, now: &str) -> impl Site + use<> {
    madoguchi::server::site(live_at(dir, now), madoguchi::server::Hsts::Off, None)
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub cache_control: Option<String>,
    pub content_type: String,
    pub location: Option<String>,
    pub allow: Option<String>,
    /// The body as text (lossy for compressed bodies), and as sent.
    pub body: String,
    pub bytes: Vec<u8>,
}

pub async fn send(app: &impl Site, method: Method, path: &str) -> Reply {
    send_with(app, method, path, &[]).await
}

/// A request with extra headers.
pub async fn send_with(
    app: &impl Site,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
) -> Reply {
    let mut request = Request::builder().method(method).uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request.body(Body::empty()).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let header_text = |name| {
        response
            .headers()
            .get(name)
            .map(|v: &axum::http::HeaderValue| v.to_str().unwrap().to_string())
    };
    let status = response.status();
    let headers = response.headers().clone();
    let content_type = header_text(header::CONTENT_TYPE).unwrap_or_default();
    let location = header_text(header::LOCATION);
    let allow = header_text(header::ALLOW);
    let cache_control = header_text(header::CACHE_CONTROL);
    let bytes = match response.into_body().collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) => panic!("the body of {path} fails: {}", e.into()),
    };
    Reply {
        status,
        headers,
        cache_control,
        content_type,
        location,
        allow,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes: bytes.to_vec(),
    }
}

pub async fn get(app: &impl Site, path: &str) -> Reply {
    send(app, Method::GET, path).await
}

/// The `<loc>` values of a sitemap.
pub fn sitemap_locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .map(|rest| rest.split("</loc>").next().unwrap().to_string())
        .collect()
}

/// The path of an absolute URL.
pub fn path_of(url: &str) -> &str {
    let after_scheme = url.split_once("://").unwrap().1;
    &after_scheme[after_scheme.find('/').unwrap()..]
}

/// The paths of every page the sitemap lists.
pub async fn sitemap_paths(app: &impl Site) -> Vec<String> {
    let sitemap = get(app, "/sitemap.xml").await.body;
    sitemap_locs(&sitemap)
        .iter()
        .map(|loc| path_of(loc).to_string())
        .collect()
}

/// The page's text with tags removed, for checks on what a reader sees. Data blocks
/// (`<script type="application/ld+json">`) are not shown, so their text is left out.
pub fn visible_text(html: &str) -> String {
    let shown = without_elements(html, "<script", "</script>");
    let mut out = String::new();
    let mut in_tag = false;
    for c in shown.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// A copy of a content directory with `edit(file name, text)` applied to each file, for
/// content the bundled site and the fixture ward do not have; removed when dropped.
pub struct ContentCopy {
    pub dir: String,
}

impl ContentCopy {
    pub fn new(from: &str, tag: &str, edit: impl Fn(&str, String) -> String) -> Self {
        let dir = std::env::temp_dir().join(format!("madoguchi-copy-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(dir.join(&name), edit(&name, text)).unwrap();
        }
        ContentCopy {
            dir: dir.to_str().unwrap().to_string(),
        }
    }
}

impl Drop for ContentCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A label of a content directory's `labels.toml`, in `language` (`None` for the
/// default), as plain text: ruby keeps its base (`{確|たし}か` is `確か`).
pub fn label(dir: &str, language: Option<&str>, key: &str) -> String {
    let text = std::fs::read_to_string(Path::new(dir).join("labels.toml")).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    let translated = language.and_then(|l| table["translations"][l].get(key));
    let value = translated
        .or_else(|| table.get(key))
        .unwrap_or_else(|| panic!("no label {key}"))
        .as_str()
        .unwrap();
    plain_ruby(value)
}

/// `{漢字|かんじ}` as its base, `漢字`.
pub fn plain_ruby(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let inner = &rest[open + 1..];
        match (inner.find('|'), inner.find('}')) {
            (Some(bar), Some(close)) if bar < close => {
                out.push_str(&inner[..bar]);
                rest = &inner[close + 1..];
            }
            _ => {
                out.push('{');
                rest = inner;
            }
        }
    }
    out.push_str(rest);
    out
}

/// What a reader sees of some HTML with the furigana left out: ruby keeps its base text.
pub fn base_text(html: &str) -> String {
    let mut kept = String::new();
    let mut rest = html;
    loop {
        let next = ["<rt>", "<rp>"]
            .iter()
            .filter_map(|tag| rest.find(tag).map(|i| (i, *tag)))
            .min();
        let Some((start, tag)) = next else {
            kept.push_str(rest);
            break;
        };
        kept.push_str(&rest[..start]);
        let close = if tag == "<rt>" { "</rt>" } else { "</rp>" };
        let end = rest[start..].find(close).expect("a closed ruby part");
        rest = &rest[start + end + close.len()..];
    }
    visible_text(&kept)
}

/// The service called `name` in an HSDS `/services` page (`/api/v1/services.json`).
pub fn hsds_service<'a>(page: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    page["contents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no service named {name}"))
}

/// `html` with every element that starts with `open` (`<cite>`, `<script`) and ends with
/// `close` left out, its text included.
pub fn without_elements(html: &str, open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find(close)
            .unwrap_or_else(|| panic!("{open} is closed by {close}"));
        rest = &rest[start + end + close.len()..];
    }
    out.push_str(rest);
    out
}
