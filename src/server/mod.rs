//! Step 5 of the flow (server): HTTP over prerendered documents. It knows paths, statuses,
//! encodings, caching and the clock, not how a page is built. A request is a lookup in the
//! current `Snapshot`; the snapshot is rebuilt when the content changes or when the next
//! time-dependent change (a line opens or closes, an event date passes) is reached.
//! Internal errors are logged, never shown; bad requests get a 4xx page.

mod listen;
pub mod reload;
mod snapshot;

pub use listen::serve;
pub use snapshot::Snapshot;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use arc_swap::ArcSwap;
use axum::Router;
use axum::body::Body;
use axum::error_handling::HandleErrorLayer;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::render::{Caching, Edition, Page, Pages, RenderError};
use snapshot::{Prepared, Variant};

/// Where "now" comes from: the real clock, or a fixed instant to preview the site as it
/// will be then (`--now`).
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(Timestamp),
}

impl Clock {
    pub fn now(self) -> Timestamp {
        match self {
            Clock::System => Timestamp::now(),
            Clock::Fixed(t) => t,
        }
    }
}

/// The longest a cache may keep a time-dependent response, even when nothing changes
/// sooner (content may be redeployed).
const MAX_AGE_SECONDS: i64 = 300;
/// Longer addresses get 414; no page of the site comes near it.
pub const MAX_URI_BYTES: usize = 2048;
/// Requests handled at once; more are refused with 503 rather than queued without bound.
pub const MAX_CONCURRENT: usize = 1024;
/// A whole request, from the first byte of the headers to the response.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The site being served: the current snapshot, swapped whole (never half of two
/// versions) on a content reload or a time change.
pub struct Live {
    snapshot: ArcSwap<Snapshot>,
    /// Held while building a new snapshot, so a time change rebuilds once, not once per
    /// request.
    rebuilding: Mutex<()>,
    clock: Clock,
}

impl Live {
    pub fn new(pages: Pages, version: String, clock: Clock) -> Result<Live, RenderError> {
        let snapshot = Snapshot::build(Arc::new(pages), version, clock.now())?;
        Ok(Live {
            snapshot: ArcSwap::from_pointee(snapshot),
            rebuilding: Mutex::new(()),
            clock,
        })
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// The snapshot that is right at `now`, rebuilding it first if time has moved past it.
    /// The common case borrows it without touching its reference count, which every core
    /// would otherwise contend on.
    pub fn current(&self, now: Timestamp) -> arc_swap::Guard<Arc<Snapshot>> {
        let snap = self.snapshot.load();
        if snap.is_current(now) {
            return snap;
        }
        drop(snap);
        let _guard = self.rebuilding.lock().unwrap_or_else(|e| e.into_inner());
        let snap = self.snapshot.load_full();
        if !snap.is_current(now) {
            match Snapshot::build(snap.pages.clone(), snap.version.clone(), now) {
                Ok(fresh) => self.snapshot.store(Arc::new(fresh)),
                // Rendering the same content worked a moment ago; keep serving that.
                Err(e) => tracing::error!(error = %e, "re-rendering for the new time failed"),
            }
        }
        self.snapshot.load()
    }

    /// New content: render it all, then swap it in at once.
    pub fn replace(&self, pages: Pages, version: String) -> Result<(), RenderError> {
        let _guard = self.rebuilding.lock().unwrap_or_else(|e| e.into_inner());
        let fresh = Snapshot::build(Arc::new(pages), version, self.clock.now())?;
        self.snapshot.store(Arc::new(fresh));
        Ok(())
    }

    pub fn version(&self) -> String {
        self.snapshot.load().version.clone()
    }
}

/// The whole application; tests call this and send requests with `oneshot`.
pub fn app(live: Arc<Live>) -> Router {
    harden(Router::new().fallback(handle).with_state(live))
}

/// The layers every response goes through, outermost first: logging, security headers,
/// a caught panic as a plain 500, the whole-request timeout, and load shedding.
pub fn harden(router: Router) -> Router {
    let headers = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            header::HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    let mut router = router.layer(
        ServiceBuilder::new()
            .layer(CatchPanicLayer::custom(panic_response))
            .layer(TimeoutLayer::with_status_code(
                StatusCode::REQUEST_TIMEOUT,
                REQUEST_TIMEOUT,
            ))
            .layer(HandleErrorLayer::new(overloaded))
            .load_shed()
            .layer(tower::limit::GlobalConcurrencyLimitLayer::new(
                MAX_CONCURRENT,
            )),
    );
    for (name, value) in headers {
        router = router.layer(SetResponseHeaderLayer::overriding(
            name,
            HeaderValue::from_static(value),
        ));
    }
    router.layer(TraceLayer::new_for_http())
}

async fn handle(State(live): State<Arc<Live>>, request: Request) -> Response {
    let now = live.clock.now();
    let snap = live.current(now);
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = send(&snap.request_error, request.headers(), now, &snap);
        *response.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let uri_len = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if uri_len > MAX_URI_BYTES {
        let mut response = send(&snap.request_error, request.headers(), now, &snap);
        *response.status_mut() = StatusCode::URI_TOO_LONG;
        return response;
    }
    let path = request.uri().path();
    if path == "/healthz" {
        return health(&snap);
    }
    if let Some(query) = request.uri().query()
        && let Some((edition, Page::Search)) = snap.pages.page(path)
        && let Some(q) = search_query(query)
    {
        return search(&snap, edition, &q, now);
    }
    if let Some(doc) = snap.get(path) {
        return send(doc, request.headers(), now, &snap);
    }
    // The site's URLs end with a slash; a link without it still arrives.
    if !path.ends_with('/') && snap.get(&format!("{path}/")).is_some() {
        return (
            StatusCode::PERMANENT_REDIRECT,
            [(header::LOCATION, format!("{path}/"))],
        )
            .into_response();
    }
    send(snap.not_found_for(path), request.headers(), now, &snap)
}

/// The `q` of a query string: the first one, percent-decoded (invalid UTF-8 becomes
/// U+FFFD); the rest of the string is not read.
fn search_query(query: &str) -> Option<String> {
    form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == "q")
        .map(|(_, value)| value.into_owned())
}

/// A search is the one page made per request. What people search for can be personal,
/// so the answer is never stored by a browser or a shared cache.
fn search(snap: &Snapshot, edition: Edition, q: &str, now: Timestamp) -> Response {
    match snap.pages.render_search(edition, q, now) {
        Ok(html) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
            html,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "rendering a search failed");
            let mut response = send(&snap.request_error, &HeaderMap::new(), now, snap);
            *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            response
        }
    }
}

/// `/healthz`: for load balancers, with the content version served.
fn health(snap: &Snapshot) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        format!(
            "{{\"status\":\"ok\",\"content_version\":\"{}\"}}\n",
            snap.version
        ),
    )
        .into_response()
}

/// Picks the encoding the client takes (brotli, then gzip, then none), answers 304 when
/// the client already has it, and says how long it may be kept.
fn send(doc: &Prepared, request: &HeaderMap, now: Timestamp, snap: &Snapshot) -> Response {
    let accepts = |coding: &str| accepts_encoding(request, coding);
    let (variant, encoding): (&Variant, Option<&'static str>) = match (&doc.br, &doc.gzip) {
        (Some(br), _) if accepts("br") => (br, Some("br")),
        (_, Some(gz)) if accepts("gzip") => (gz, Some("gzip")),
        _ => (&doc.identity, None),
    };
    let cache = match doc.caching {
        Caching::Immutable => HeaderValue::from_static("public, max-age=31536000, immutable"),
        Caching::Revalidate => HeaderValue::from_static("no-cache"),
        Caching::Timed => {
            let seconds = snap
                .valid_until
                .map_or(MAX_AGE_SECONDS, |t| now.duration_until(t).as_secs())
                .clamp(0, MAX_AGE_SECONDS);
            if seconds == 0 {
                HeaderValue::from_static("no-cache")
            } else {
                HeaderValue::from_str(&format!("public, max-age={seconds}"))
                    .unwrap_or(HeaderValue::from_static("no-cache"))
            }
        }
    };
    let status = StatusCode::from_u16(doc.status).unwrap_or(StatusCode::OK);
    let mut builder = Response::builder()
        .header(header::CONTENT_TYPE, doc.content_type.clone())
        .header(header::ETAG, variant.etag.clone())
        .header(header::VARY, HeaderValue::from_static("Accept-Encoding"))
        .header(header::CACHE_CONTROL, cache);
    if let Some(encoding) = encoding {
        builder = builder.header(header::CONTENT_ENCODING, encoding);
    }
    let not_modified = status == StatusCode::OK
        && request
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|tag| tag.trim().trim_start_matches("W/"))
            .any(|tag| tag == "*" || tag.as_bytes() == variant.etag.as_bytes());
    let response = if not_modified {
        builder.status(StatusCode::NOT_MODIFIED).body(Body::empty())
    } else {
        builder
            .status(status)
            .body(Body::from(variant.body.clone()))
    };
    response.unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// Whether `Accept-Encoding` allows `coding` (q > 0, by name or by `*`).
fn accepts_encoding(request: &HeaderMap, coding: &str) -> bool {
    let mut by_name = None;
    let mut by_star = None;
    for value in request.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .filter_map(|q| q.trim().parse::<f32>().ok())
                .next()
                .unwrap_or(1.0);
            if name.eq_ignore_ascii_case(coding) {
                by_name = Some(q > 0.0);
            } else if name == "*" {
                by_star = Some(q > 0.0);
            }
        }
    }
    by_name.or(by_star).unwrap_or(false)
}

async fn overloaded(_: tower::BoxError) -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::RETRY_AFTER, HeaderValue::from_static("1")),
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            ),
        ],
        "503 Service Unavailable",
    )
        .into_response()
}

/// A panic is a bug: logged, and answered with a plain page that shows nothing of it.
fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        "500 Internal Server Error",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        h
    }

    #[test]
    fn accept_encoding_with_q_values() {
        assert!(accepts_encoding(&with("gzip, deflate, br"), "br"));
        assert!(accepts_encoding(&with("gzip;q=0.5"), "gzip"));
        assert!(!accepts_encoding(&with("br;q=0, gzip"), "br"));
        assert!(accepts_encoding(&with("*"), "br"));
        assert!(!accepts_encoding(&with("*, br;q=0"), "br"));
        assert!(!accepts_encoding(&HeaderMap::new(), "gzip"));
        assert!(!accepts_encoding(&with("identity"), "gzip"));
    }
}
