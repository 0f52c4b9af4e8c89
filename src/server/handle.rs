//! Step 6 of the flow (server): request handling. The site as one service, and each
//! request as a lookup in the current snapshot: methods, long addresses, `/healthz`,
//! search and handouts, redirects to the slash and not found.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::{Body, HttpBody};
use axum::http::{HeaderMap, HeaderValue, Method, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use jiff::Timestamp;
use tower::Service;

use super::feedback::{self, FeedbackDesk};
use super::harden::{Hsts, Limits, hardened};
use super::live::Live;
use super::respond::send;
use super::snapshot::Snapshot;
use crate::render::{Edition, Handout, Page};

/// Longer addresses get 414; no page of the site comes near it.
pub const MAX_URI_BYTES: usize = 2048;

/// The site as one service: every request, whatever its path or method, goes to
/// `handle` through the hardening layers. `serve` runs it as it is, on hyper's own
/// request and response bodies, and the tests send it requests with `oneshot`: there is
/// no router (every path is a lookup in the snapshot), so axum gives the body and
/// response types, and hyper the connections. `hsts` says whether every response carries
/// `Strict-Transport-Security` (for a site behind a TLS front only). `desk` stores
/// readers' reports (see `server::feedback`); without one they are answered 503.
pub fn site<B>(
    live: Arc<Live>,
    hsts: Hsts,
    desk: Option<Arc<FeedbackDesk>>,
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
    B: HttpBody<Data = Bytes, Error: Into<tower::BoxError>> + Send + 'static,
{
    let handler = tower::service_fn(move |request: Request<B>| {
        // A report is the one request that waits (for its commit); every other is
        // answered at once.
        if request.method() == Method::POST {
            let snap = live.current(live.clock().now());
            if let Some(edition) = feedback::endpoint_edition(&snap, request.uri().path()) {
                drop(snap);
                let (live, desk) = (live.clone(), desk.clone());
                return Answer::Later(Box::pin(async move {
                    Ok(feedback::receive(live, desk, edition, request).await)
                }));
            }
        }
        let response = handle(&live, &request);
        // In place of tower-http's TraceLayer, whose span, clock reading and body wrapper
        // cost every request even when nothing is logged; this costs a check of the level.
        tracing::debug!(
            method = %request.method(),
            uri = %request.uri(),
            status = response.status().as_u16(),
            "request"
        );
        Answer::Now(std::future::ready(Ok::<_, Infallible>(
            match request.method() == Method::HEAD {
                true => without_body(response),
                false => response,
            },
        )))
    });
    hardened(handler, Limits::SERVE, hsts)
}

/// A response now (a lookup), or later (a report, once stored).
enum Answer {
    Now(std::future::Ready<Result<Response, Infallible>>),
    Later(Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>),
}

impl Future for Answer {
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.get_mut() {
            Answer::Now(ready) => Pin::new(ready).poll(cx),
            Answer::Later(later) => later.as_mut().poll(cx),
        }
    }
}

fn handle<B>(live: &Live, request: &Request<B>) -> Response {
    let now = live.clock().now();
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
    if let Some(edition) = feedback::thanks_edition(&snap, path)
        && let Some(response) = feedback::thanks(&snap, edition, request.uri().query(), now)
    {
        return response;
    }
    if let Some(query) = request.uri().query()
        && let Some((edition, page)) = snap.pages.page(path)
    {
        match page {
            Page::Search => {
                if let Some(q) = search_query(query) {
                    return search(&snap, edition, &q, now);
                }
            }
            Page::Handout => {
                if let Some(response) = handout(&snap, edition, query, now) {
                    return response;
                }
            }
            _ => {}
        }
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
        Ok(html) => no_store(StatusCode::OK, html),
        Err(e) => {
            tracing::error!(error = %e, "rendering a search failed");
            let path = snap.pages.page_path(edition, Page::Search);
            let mut response = send(snap.request_error_for(&path), &HeaderMap::new(), now, snap);
            *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            response
        }
    }
}

/// A page made for one request, which no browser or cache keeps.
pub(super) fn no_store(status: StatusCode, html: String) -> Response {
    (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        html,
    )
        .into_response()
}

/// A handout of the choices in the form's query, made per request like a search (and,
/// like a search's, never stored: a choice of services can say much about a person), or
/// a 400 page in the path's language that says why there is none. `None` when nothing was
/// chosen: the form's own document answers.
fn handout(snap: &Snapshot, edition: Edition, query: &str, now: Timestamp) -> Option<Response> {
    let (status, html) = match snap.pages.render_handout(edition, query, now) {
        Ok(Handout::Form) => return None,
        Ok(Handout::Page(html)) => (StatusCode::OK, html),
        Ok(Handout::Problem(html)) => (StatusCode::BAD_REQUEST, html),
        Err(e) => {
            tracing::error!(error = %e, "rendering a handout failed");
            let path = snap.pages.page_path(edition, Page::Handout);
            let mut response = send(snap.request_error_for(&path), &HeaderMap::new(), now, snap);
            *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            return Some(response);
        }
    };
    Some(no_store(status, html))
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
