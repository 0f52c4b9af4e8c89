//! Step 5 of the flow (server): HTTP over the page list. It knows paths and statuses, not
//! how a page is built. Internal errors are logged and shown as a plain page; a request
//! for something that does not exist gets the 404 page with a 404 status.

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;

use crate::render::Pages;

type AppState = Arc<Pages>;

/// The whole application; tests call this and send requests with `oneshot`.
pub fn app(pages: Arc<Pages>, static_dir: &Path) -> Router {
    Router::new()
        .route("/sitemap.xml", get(sitemap))
        .nest_service(
            "/static",
            ServeDir::new(static_dir).fallback(get(not_found).with_state(pages.clone())),
        )
        .route("/", get(page))
        .route("/{*path}", get(page))
        .layer(TraceLayer::new_for_http())
        .with_state(pages)
}

async fn page(State(pages): State<AppState>, request: Request) -> Response {
    let path = request.uri().path();
    if let Some(p) = pages.page(path) {
        return match pages.render(p) {
            Ok(html) => html_response(StatusCode::OK, html),
            Err(e) => internal_error(&e),
        };
    }
    // The site's URLs end with a slash; a link without it still arrives.
    if !path.ends_with('/') {
        let with_slash = format!("{path}/");
        if pages.page(&with_slash).is_some() {
            return Redirect::permanent(&with_slash).into_response();
        }
    }
    not_found(State(pages)).await
}

async fn not_found(State(pages): State<AppState>) -> Response {
    match pages.render_not_found() {
        Ok(html) => html_response(StatusCode::NOT_FOUND, html),
        Err(e) => internal_error(&e),
    }
}

async fn sitemap(State(pages): State<AppState>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/xml; charset=utf-8"),
        )],
        pages.sitemap(),
    )
        .into_response()
}

fn html_response(status: StatusCode, html: String) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        html,
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
