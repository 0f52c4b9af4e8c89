//! Step 5 of the flow (server): HTTP over the page list. It knows paths, statuses and the
//! clock, not how a page is built. Internal errors are logged and shown as a plain page;
//! a request for something that does not exist gets the 404 page with a 404 status.

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path as UrlPath, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use jiff::Timestamp;
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;

use crate::render::Pages;
use crate::view::urls;

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

#[derive(Clone)]
struct AppState {
    pages: Arc<Pages>,
    clock: Clock,
}

/// The longest a cache may keep a time-dependent response, even when nothing changes
/// sooner (content may be redeployed).
const MAX_AGE_SECONDS: i64 = 300;

/// The whole application; tests call this and send requests with `oneshot`.
pub fn app(pages: Arc<Pages>, static_dir: &Path, clock: Clock) -> Router {
    let state = AppState { pages, clock };
    Router::new()
        .route("/sitemap.xml", get(sitemap))
        .route(urls::STATUS_JSON, get(status_json))
        .route(urls::CALENDAR, get(calendar))
        .route("/calendar/{file}", get(event_calendar))
        .nest_service(
            "/static",
            ServeDir::new(static_dir).fallback(get(not_found).with_state(state.clone())),
        )
        .route("/", get(page))
        .route("/{*path}", get(page))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn page(State(state): State<AppState>, request: Request) -> Response {
    let path = request.uri().path();
    let now = state.clock.now();
    if let Some(p) = state.pages.page(path) {
        return match state.pages.render(p, now) {
            Ok(html) => timed(
                &state,
                now,
                StatusCode::OK,
                "text/html; charset=utf-8",
                html,
            ),
            Err(e) => internal_error(&e),
        };
    }
    // The site's URLs end with a slash; a link without it still arrives.
    if !path.ends_with('/') {
        let with_slash = format!("{path}/");
        if state.pages.page(&with_slash).is_some() {
            return Redirect::permanent(&with_slash).into_response();
        }
    }
    not_found(State(state)).await
}

async fn not_found(State(state): State<AppState>) -> Response {
    let now = state.clock.now();
    match state.pages.render_not_found(now) {
        Ok(html) => timed(
            &state,
            now,
            StatusCode::NOT_FOUND,
            "text/html; charset=utf-8",
            html,
        ),
        Err(e) => internal_error(&e),
    }
}

async fn sitemap(State(state): State<AppState>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/xml; charset=utf-8"),
        )],
        state.pages.sitemap(),
    )
        .into_response()
}

async fn status_json(State(state): State<AppState>) -> Response {
    let now = state.clock.now();
    let json = state.pages.status_json(now);
    timed(&state, now, StatusCode::OK, "application/json", json)
}

async fn calendar(State(state): State<AppState>) -> Response {
    let now = state.clock.now();
    let ics = state.pages.calendar(now);
    timed(
        &state,
        now,
        StatusCode::OK,
        "text/calendar; charset=utf-8",
        ics,
    )
}

async fn event_calendar(State(state): State<AppState>, UrlPath(file): UrlPath<String>) -> Response {
    let now = state.clock.now();
    let ics = file
        .strip_suffix(".ics")
        .and_then(|id| state.pages.event_calendar(id, now));
    match ics {
        Some(ics) => timed(
            &state,
            now,
            StatusCode::OK,
            "text/calendar; charset=utf-8",
            ics,
        ),
        None => not_found(State(state)).await,
    }
}

/// A response whose body depends on the time: caches may keep it only until the next
/// change of any open/closed state or event date, so it is right at every minute.
fn timed(
    state: &AppState,
    now: Timestamp,
    status: StatusCode,
    content_type: &'static str,
    body: String,
) -> Response {
    let seconds = state
        .pages
        .next_change(now)
        .map_or(MAX_AGE_SECONDS, |t| now.duration_until(t).as_secs())
        .clamp(0, MAX_AGE_SECONDS);
    let cache = if seconds == 0 {
        HeaderValue::from_static("no-cache")
    } else {
        HeaderValue::from_str(&format!("public, max-age={seconds}"))
            .unwrap_or(HeaderValue::from_static("no-cache"))
    };
    (
        status,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, cache),
        ],
        body,
    )
        .into_response()
}

/// The detail goes to the log, never to the visitor.
fn internal_error(e: &dyn std::error::Error) -> Response {
    tracing::error!(error = %e, "rendering failed");
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
