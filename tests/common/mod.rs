//! Shared by the integration tests: load a content directory and send requests through
//! the router in-process (no sockets, no sleeps).

#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use madoguchi::render::Pages;
use madoguchi::server::Clock;

pub const BUNDLED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/content");
pub const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid");

pub fn pages(dir: &str) -> Arc<Pages> {
    let site = madoguchi::content::load(Path::new(dir), jiff::Timestamp::now())
        .unwrap_or_else(|problems| panic!("{dir} should load:\n{problems}"));
    Arc::new(Pages::new(site))
}

/// The site with the real clock.
pub fn app(dir: &str) -> Router {
    madoguchi::server::app(pages(dir), static_dir(), Clock::System)
}

/// The site as it is at `now` (RFC 3339), as `serve --now` shows it.
pub fn app_at(dir: &str, now: &str) -> Router {
    madoguchi::server::app(pages(dir), static_dir(), Clock::Fixed(now.parse().unwrap()))
}

fn static_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/static"))
}

pub struct Reply {
    pub status: StatusCode,
    pub cache_control: Option<String>,
    pub content_type: String,
    pub location: Option<String>,
    pub allow: Option<String>,
    pub body: String,
}

pub async fn send(app: &Router, method: Method, path: &str) -> Reply {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let header_text = |name| {
        response
            .headers()
            .get(name)
            .map(|v: &axum::http::HeaderValue| v.to_str().unwrap().to_string())
    };
    let status = response.status();
    let content_type = header_text(header::CONTENT_TYPE).unwrap_or_default();
    let location = header_text(header::LOCATION);
    let allow = header_text(header::ALLOW);
    let cache_control = header_text(header::CACHE_CONTROL);
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        cache_control,
        content_type,
        location,
        allow,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

pub async fn get(app: &Router, path: &str) -> Reply {
    send(app, Method::GET, path).await
}

/// The `<loc>` values of a sitemap.
pub fn sitemap_locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .map(|rest| rest.split("</loc>").next().unwrap().to_string())
        .collect()
}

/// The page's text with tags removed, for checks on what a reader sees.
pub fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
