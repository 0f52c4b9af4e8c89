//! Step 6 of the flow (server): HTTP over prerendered documents. It knows paths, statuses,
//! encodings, caching and the clock, not how a page is built. A request is a lookup in the
//! current `Snapshot`; the snapshot is rebuilt when the content changes or when the next
//! time-dependent change (a line opens or closes, an event date passes) is reached.
//! Internal errors are logged, never shown; bad requests get a 4xx page.

mod limit;
mod listen;
// The one module with `unsafe`: glibc's allocator controls (see its comments).
#[allow(unsafe_code)]
pub mod memory;
pub mod reload;
mod snapshot;

pub use listen::{Timeouts, serve};
pub use snapshot::{Prepared, Snapshot, Variant};

use std::convert::Infallible;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

use arc_swap::ArcSwap;
use axum::body::{Body, HttpBody};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use jiff::Timestamp;
use tower::{Service, ServiceBuilder};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;

use crate::render::{Caching, Edition, Page, Pages, RenderError};
use limit::InFlightLimitLayer;

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
/// Requests handled at once (see `Limits`).
pub const MAX_CONCURRENT: usize = 1024;
/// The longest a request may take (see `Limits`).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The site being served: the current snapshot, swapped whole (never half of two
/// versions) on a content reload or a time change.
pub struct Live {
    snapshot: ArcSwap<Snapshot>,
    /// The snapshot for the next change of time, made ahead of it (see `prepare_next`),
    /// so that no request waits for a rebuild when a line opens or closes.
    upcoming: Mutex<Option<Arc<Snapshot>>>,
    /// Held while building a new snapshot, so a time change rebuilds once, not once per
    /// request.
    rebuilding: Mutex<()>,
    /// Wakes `render_ahead` when new content brings a new next change.
    replaced: tokio::sync::Notify,
    clock: Clock,
}

impl Live {
    pub fn new(pages: Pages, version: String, clock: Clock) -> Result<Live, RenderError> {
        let snapshot = Snapshot::build(Arc::new(pages), version, clock.now(), None)?;
        memory::give_back();
        Ok(Live {
            snapshot: ArcSwap::from_pointee(snapshot),
            upcoming: Mutex::new(None),
            rebuilding: Mutex::new(()),
            replaced: tokio::sync::Notify::new(),
            clock,
        })
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// The snapshot that is right at `now`, swapping in the one made ahead, or rebuilding,
    /// if time has moved past it. The common case borrows it without touching its
    /// reference count, which every core would otherwise contend on.
    pub fn current(&self, now: Timestamp) -> arc_swap::Guard<Arc<Snapshot>> {
        let snap = self.snapshot.load();
        if snap.is_current(now) {
            return snap;
        }
        drop(snap);
        let _guard = self.rebuilding.lock().unwrap_or_else(|e| e.into_inner());
        let snap = self.snapshot.load_full();
        if !snap.is_current(now) {
            let upcoming = lock(&self.upcoming).take().filter(|next| {
                Arc::ptr_eq(&next.pages, &snap.pages)
                    && next.built_for <= now
                    && next.is_current(now)
            });
            match upcoming {
                Some(next) => {
                    tracing::info!(at = %next.built_for, "swapped in the site made ahead");
                    self.snapshot.store(next)
                }
                None => {
                    // Made here only if `render_ahead` did not (a preview's fixed clock,
                    // or a machine that slept through the change).
                    tracing::info!(%now, "rendering for a change of time on a request");
                    match Snapshot::build(
                        snap.pages.clone(),
                        snap.version.clone(),
                        now,
                        Some(&snap),
                    ) {
                        Ok(fresh) => self.snapshot.store(Arc::new(fresh)),
                        // Rendering the same content worked a moment ago; keep serving that.
                        Err(e) => {
                            tracing::error!(error = %e, "re-rendering for the new time failed")
                        }
                    }
                }
            }
        }
        self.snapshot.load()
    }

    /// Makes the snapshot for the current one's `valid_until`, to be swapped in by
    /// `current` at that instant; returns that instant, or `None` if nothing on the site
    /// changes with time.
    pub fn prepare_next(&self) -> Option<Timestamp> {
        let snap = self.snapshot.load_full();
        let at = snap.valid_until?;
        let ready = lock(&self.upcoming)
            .as_ref()
            .is_some_and(|next| next.built_for == at && Arc::ptr_eq(&next.pages, &snap.pages));
        if !ready {
            match Snapshot::build(snap.pages.clone(), snap.version.clone(), at, Some(&snap)) {
                Ok(next) => {
                    tracing::info!(%at, "made the site ahead for its next change");
                    *lock(&self.upcoming) = Some(Arc::new(next));
                    memory::give_back();
                }
                Err(e) => tracing::error!(error = %e, "rendering ahead for the next change failed"),
            }
        }
        Some(at)
    }

    /// New content: render it all (keeping what came out the same), then swap it in at
    /// once.
    pub fn replace(&self, pages: Pages, version: String) -> Result<(), RenderError> {
        let _guard = self.rebuilding.lock().unwrap_or_else(|e| e.into_inner());
        let previous = self.snapshot.load_full();
        let fresh = Snapshot::build(Arc::new(pages), version, self.clock.now(), Some(&previous))?;
        self.snapshot.store(Arc::new(fresh));
        // Made for the old content.
        lock(&self.upcoming).take();
        // Requests in flight may still hold the old snapshot for a moment; what it alone
        // used is freed when the last one ends, and given back on the next build.
        drop(previous);
        memory::give_back();
        self.replaced.notify_one();
        Ok(())
    }

    pub fn version(&self) -> String {
        self.snapshot.load().version.clone()
    }
}

/// A mutex's contents, even after a panic elsewhere while holding it: what it guards is
/// replaced whole, never left half-written.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Keeps the next snapshot ready ahead of each change of time, and swaps it in on time
/// even when no request comes. Runs until the runtime stops.
pub async fn render_ahead(live: Arc<Live>) {
    /// How long before a change its snapshot is made.
    const LEAD: Duration = Duration::from_secs(10);
    /// Look again at least this often (the system clock may have been set).
    const RECHECK: Duration = Duration::from_secs(60);
    loop {
        let now = live.clock.now();
        let until = live.snapshot.load().valid_until;
        let wait = match until {
            None => Some(RECHECK),
            Some(until) => {
                let ahead = until.duration_since(now).unsigned_abs();
                (until > now && ahead > LEAD).then(|| (ahead - LEAD).min(RECHECK))
            }
        };
        if let Some(wait) = wait {
            // New content brings a new next change: look again at once.
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                () = live.replaced.notified() => {}
            }
            continue;
        }
        let worker = live.clone();
        let Ok(Some(at)) = tokio::task::spawn_blocking(move || worker.prepare_next()).await else {
            tokio::time::sleep(RECHECK).await;
            continue;
        };
        let wait = at.duration_since(live.clock.now());
        if wait.is_positive() {
            tokio::select! {
                () = tokio::time::sleep(wait.unsigned_abs()) => {}
                // What was made ahead was for the old content; start over.
                () = live.replaced.notified() => continue,
            }
        }
        let worker = live.clone();
        let _ = tokio::task::spawn_blocking(move || {
            worker.current(worker.clock.now());
        })
        .await;
    }
}

/// The site as one service: every request, whatever its path or method, goes to
/// `handle` through the hardening layers. `serve` runs it as it is, on hyper's own
/// request and response bodies, and the tests send it requests with `oneshot`: there is
/// no router (every path is a lookup in the snapshot), so axum gives the body and
/// response types, and hyper the connections.
pub fn site<B: Send + 'static>(
    live: Arc<Live>,
) -> impl Service<
    Request<B>,
    Response = axum::http::Response<
        impl HttpBody<Data = Bytes, Error: Into<tower::BoxError>> + Send + 'static,
    >,
    Error = Infallible,
    Future: Send + 'static,
> + Clone
+ Send
+ Sync
+ 'static {
    let handler = tower::service_fn(move |request: Request<B>| {
        let response = handle(&live, &request);
        // In place of tower-http's TraceLayer, whose span, clock reading and body wrapper
        // cost every request even when nothing is logged; this costs a check of the level.
        tracing::debug!(
            method = %request.method(),
            uri = %request.uri(),
            status = response.status().as_u16(),
            "request"
        );
        std::future::ready(Ok::<_, Infallible>(
            match request.method() == Method::HEAD {
                true => without_body(response),
                false => response,
            },
        ))
    });
    hardened(handler, Limits::SERVE)
}

/// How much the server takes on at once, and for how long.
#[derive(Debug, Clone, Copy)]
struct Limits {
    /// Requests handled at once; more are refused with 503 rather than queued without
    /// bound.
    concurrent: usize,
    /// A whole request, from the first byte of the headers to the response.
    request_timeout: Duration,
}

impl Limits {
    const SERVE: Limits = Limits {
        concurrent: MAX_CONCURRENT,
        request_timeout: REQUEST_TIMEOUT,
    };
}

/// The layers every response goes through, outermost first: the security headers (so the
/// 503, 408 and 500 made by the layers below carry them too), a caught panic as a plain
/// 500, the whole-request timeout, and load shedding.
///
/// They wrap `inner` as one statically typed service: axum's `Router::layer` would box
/// the service again for each layer, and clone every boxed layer and box its future on
/// every request.
fn hardened<S, B>(
    inner: S,
    limits: Limits,
) -> impl Service<
    Request<B>,
    Response = axum::http::Response<
        impl HttpBody<Data = Bytes, Error: Into<tower::BoxError>> + Send + 'static,
    >,
    Error = Infallible,
    Future: Send + 'static,
> + Clone
+ Send
+ Sync
+ 'static
where
    S: Service<Request<B>, Response = Response, Error = Infallible> + Clone + Send + Sync + 'static,
    S::Future: Send + Unpin + 'static,
    B: Send + 'static,
{
    ServiceBuilder::new()
        .map_response(with_security_headers)
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request_timeout,
        ))
        .layer(InFlightLimitLayer::new(limits.concurrent, overloaded))
        .service(inner)
}

/// Sent with every response.
const SECURITY_HEADERS: [(HeaderName, &str); 5] = [
    (
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    ),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "no-referrer"),
    (
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    ),
    (
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    ),
];

/// Adds the security headers where they are missing: the site's documents carry them
/// already (see `snapshot::Variant::headers`), the rest gets them here. A response with
/// the first of them is taken to have them all, so checking costs one lookup.
fn with_security_headers<B>(mut response: axum::http::Response<B>) -> axum::http::Response<B> {
    let headers = response.headers_mut();
    if !headers.contains_key(&SECURITY_HEADERS[0].0) {
        for (name, value) in SECURITY_HEADERS {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    response
}

fn handle<B>(live: &Live, request: &Request<B>) -> Response {
    let now = live.clock.now();
    let snap = live.current(now);
    let path = request.uri().path();
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = send(snap.request_error_for(path), request.headers(), now, &snap);
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
        let mut response = send(snap.request_error_for(path), request.headers(), now, &snap);
        *response.status_mut() = StatusCode::URI_TOO_LONG;
        return response;
    }
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
            let path = snap.pages.page_path(edition, Page::Search);
            let mut response = send(snap.request_error_for(&path), &HeaderMap::new(), now, snap);
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

/// The answer to a HEAD: the headers of the GET, with the length of its body (hyper
/// sends no body for a HEAD, but would leave the length out).
fn without_body(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    // A 304 has no body to give the length of.
    if parts.status != StatusCode::NOT_MODIFIED
        && let Some(length) = HttpBody::size_hint(&body).exact()
    {
        parts
            .headers
            .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    }
    Response::from_parts(parts, Body::empty())
}

/// Picks the encoding the client takes (brotli, then gzip, then none), answers 304 when
/// the client already has it, and says how long it may be kept.
fn send(doc: &Prepared, request: &HeaderMap, now: Timestamp, snap: &Snapshot) -> Response {
    let variant: &Variant = match (&doc.br, &doc.gzip) {
        (None, None) => &doc.identity,
        (br, gz) => match (accepted_encodings(request), br, gz) {
            (Accepted { br: true, .. }, Some(br), _) => br,
            (Accepted { gzip: true, .. }, _, Some(gz)) => gz,
            _ => &doc.identity,
        },
    };
    let mut headers = variant.headers.clone();
    if doc.caching == Caching::Timed {
        let seconds = snap
            .valid_until
            .map_or(MAX_AGE_SECONDS, |t| now.duration_until(t).as_secs());
        headers.insert(header::CACHE_CONTROL, max_age(seconds));
    }
    let status = StatusCode::from_u16(doc.status).unwrap_or(StatusCode::OK);
    let not_modified = status == StatusCode::OK
        && request
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|tag| tag.trim().trim_start_matches("W/"))
            .any(|tag| tag == "*" || tag.as_bytes() == variant.etag.as_bytes());
    let (status, body) = match not_modified {
        true => (StatusCode::NOT_MODIFIED, Body::empty()),
        false => (status, Body::from(variant.body.clone())),
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    response
}

/// `Cache-Control` for a time-dependent response that may be kept `seconds` (at most
/// `MAX_AGE_SECONDS`; none: `no-cache`). The values are made once, not formatted for
/// every request.
fn max_age(seconds: i64) -> HeaderValue {
    static VALUES: LazyLock<Vec<HeaderValue>> = LazyLock::new(|| {
        (0..=MAX_AGE_SECONDS)
            .map(|seconds| match seconds {
                0 => HeaderValue::from_static("no-cache"),
                // Made once per process (about 6 KB): static values are cloned without
                // touching a reference count.
                _ => HeaderValue::from_static(format!("public, max-age={seconds}").leak()),
            })
            .collect()
    });
    let index = usize::try_from(seconds.clamp(0, MAX_AGE_SECONDS)).unwrap_or(0);
    VALUES[index].clone()
}

/// Which of brotli and gzip `Accept-Encoding` allows (q > 0, by name or by `*`), read
/// in one pass over the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Accepted {
    br: bool,
    gzip: bool,
}

fn accepted_encodings(request: &HeaderMap) -> Accepted {
    let (mut br, mut gzip, mut star) = (None, None, None);
    for value in request.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let slot = if name.eq_ignore_ascii_case("br") {
                &mut br
            } else if name.eq_ignore_ascii_case("gzip") {
                &mut gzip
            } else if name == "*" {
                &mut star
            } else {
                continue;
            };
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .filter_map(|q| q.trim().parse::<f32>().ok())
                .next()
                .unwrap_or(1.0);
            *slot = Some(q > 0.0);
        }
    }
    Accepted {
        br: br.or(star).unwrap_or(false),
        gzip: gzip.or(star).unwrap_or(false),
    }
}

fn overloaded() -> Response {
    tracing::warn!("too many requests at once: answered 503");
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

    /// A service whose page `/` waits until the test lets it go, whose `/boom` panics,
    /// and whose other pages answer at once, behind `limits`.
    fn waiting(
        limits: Limits,
    ) -> (
        impl Service<
            Request<Body>,
            Response = axum::http::Response<impl HttpBody>,
            Error = Infallible,
            Future: Send,
        > + Clone
        + Send,
        Arc<tokio::sync::Notify>,
    ) {
        let entered = Arc::new(tokio::sync::Notify::new());
        let signal = entered.clone();
        let pages = tower::service_fn(move |request: Request<Body>| {
            let signal = signal.clone();
            Box::pin(async move {
                match request.uri().path() {
                    "/" => {
                        signal.notify_one();
                        tokio::time::sleep(Duration::from_secs(3600)).await;
                    }
                    "/boom" => panic!("deliberate, for the test"),
                    _ => {}
                }
                Ok::<_, Infallible>("done".into_response())
            })
        });
        (hardened(pages, limits), entered)
    }

    fn get(path: &str) -> Request<Body> {
        Request::get(path).body(Body::empty()).unwrap()
    }

    fn assert_security_headers<B>(response: &axum::http::Response<B>) {
        for (name, value) in SECURITY_HEADERS {
            assert_eq!(response.headers().get(&name).unwrap(), value, "{name}");
        }
    }

    #[tokio::test]
    async fn over_the_limit_is_503_with_retry_after_and_the_security_headers() {
        use tower::ServiceExt;
        let limits = Limits {
            concurrent: 1,
            request_timeout: Duration::from_secs(10),
        };
        let (app, entered) = waiting(limits);
        let first = tokio::spawn(app.clone().oneshot(get("/")));
        entered.notified().await;
        let refused = app.clone().oneshot(get("/")).await.unwrap();
        assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(refused.headers().get(header::RETRY_AFTER).unwrap(), "1");
        assert_security_headers(&refused);
        first.abort();
        let _ = first.await;
        // The place is free again once the first request is gone.
        let answered = app.oneshot(get("/quick")).await.unwrap();
        assert_eq!(answered.status(), StatusCode::OK);
        assert_security_headers(&answered);
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_that_takes_too_long_is_408_with_the_security_headers() {
        use tower::ServiceExt;
        let limits = Limits {
            concurrent: 8,
            request_timeout: Duration::from_secs(10),
        };
        let (app, _) = waiting(limits);
        let response = app.oneshot(get("/")).await.unwrap();
        assert_eq!(response.status(), StatusCode::REQUEST_TIMEOUT);
        assert_security_headers(&response);
    }

    #[tokio::test]
    async fn a_panic_in_a_handler_is_a_plain_500_with_the_security_headers() {
        use tower::ServiceExt;
        let limits = Limits {
            concurrent: 1,
            request_timeout: Duration::from_secs(10),
        };
        let (app, _) = waiting(limits);
        let response = app.clone().oneshot(get("/boom")).await.unwrap();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_security_headers(&response);
        // The place the panicking request held is free again.
        let answered = app.oneshot(get("/quick")).await.unwrap();
        assert_eq!(answered.status(), StatusCode::OK);
    }

    #[test]
    fn accept_encoding_with_q_values() {
        let accepts = |value: &str| accepted_encodings(&with(value));
        let (br, gzip) = (|a: Accepted| a.br, |a: Accepted| a.gzip);
        assert!(br(accepts("gzip, deflate, br")));
        assert!(gzip(accepts("gzip;q=0.5")));
        assert!(!br(accepts("br;q=0, gzip")));
        assert!(gzip(accepts("br;q=0, gzip")));
        assert!(br(accepts("*")));
        assert!(!br(accepts("*, br;q=0")));
        assert!(gzip(accepts("*, br;q=0")));
        assert!(br(accepts("BR")));
        assert!(!gzip(accepted_encodings(&HeaderMap::new())));
        assert!(!gzip(accepts("identity")));
        assert!(!br(accepts("gzip, deflate")));
    }
}
