//! Step 6 of the flow (server): the hardening stack every response goes through: the
//! security headers (and, behind TLS, `Strict-Transport-Security`), a caught panic as a
//! plain 500, the whole-request timeout and load shedding.

use std::convert::Infallible;
use std::time::Duration;

use axum::body::HttpBody;
use axum::http::{HeaderName, HeaderValue, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use tower::{Service, ServiceBuilder};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;

use super::limit::InFlightLimitLayer;

/// Requests handled at once (see `Limits`).
pub const MAX_CONCURRENT: usize = 1024;
/// The longest a request may take (see `Limits`).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// How much the server takes on at once, and for how long.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    /// Requests handled at once; more are refused with 503 rather than queued without
    /// bound.
    concurrent: usize,
    /// A whole request, from the first byte of the headers to the response.
    request_timeout: Duration,
}

impl Limits {
    pub(super) const SERVE: Limits = Limits {
        concurrent: MAX_CONCURRENT,
        request_timeout: REQUEST_TIMEOUT,
    };
}

/// Whether every response tells browsers to reach the site over HTTPS only
/// (`Strict-Transport-Security`). Only for a site served behind a TLS front (`serve
/// --hsts`): a browser that has seen it refuses plain HTTP to the host for two years, so
/// it is off unless asked for. Browsers ignore it when it arrives over plain HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hsts {
    #[default]
    Off,
    On,
}

/// `Strict-Transport-Security` with `Hsts::On`: two years, the value MDN's HTTP
/// Observatory and the preload list ask for (at least six months and one year). Without
/// `includeSubDomains`: other hosts under the same domain are not this server's to bind.
const HSTS_HEADER: (HeaderName, &str) = (header::STRICT_TRANSPORT_SECURITY, "max-age=63072000");

/// The layers every response goes through, outermost first: the security headers (so the
/// 503, 408 and 500 made by the layers below carry them too), a caught panic as a plain
/// 500, the whole-request timeout, and load shedding.
///
/// They wrap `inner` as one statically typed service: axum's `Router::layer` would box
/// the service again for each layer, and clone every boxed layer and box its future on
/// every request.
pub(super) fn hardened<S, B>(
    inner: S,
    limits: Limits,
    hsts: Hsts,
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
        .map_response(move |response| with_security_headers(response, hsts))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request_timeout,
        ))
        .layer(InFlightLimitLayer::new(limits.concurrent, overloaded))
        .service(inner)
}

/// Sent with every response.
pub(super) const SECURITY_HEADERS: [(HeaderName, &str); 5] = [
    (
        header::CONTENT_SECURITY_POLICY,
        // `connect-src 'self'`: the pages run no script, but tools that read a page in
        // the browser (Lighthouse reads robots.txt so) fetch from the site's own origin.
        "default-src 'none'; connect-src 'self'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
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
/// the first of them is taken to have them all, so checking costs one lookup. With
/// `Hsts::On`, every response gets `Strict-Transport-Security` here (the documents are
/// made once for any deployment, so they do not carry it).
fn with_security_headers<B>(
    mut response: axum::http::Response<B>,
    hsts: Hsts,
) -> axum::http::Response<B> {
    let headers = response.headers_mut();
    if !headers.contains_key(&SECURITY_HEADERS[0].0) {
        for (name, value) in SECURITY_HEADERS {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    if hsts == Hsts::On {
        let (name, value) = HSTS_HEADER;
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
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
    use axum::body::Body;
    use std::sync::Arc;

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
        (hardened(pages, limits, Hsts::Off), entered)
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
}
