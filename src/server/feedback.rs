//! Step 6 of the flow (server): readers' reports. `POST {prefix}/feedback` (the form at
//! the end of every page) is checked, handed to the store's `Inbox`, and answered `303
//! See Other` to `{prefix}/feedback/thanks/` once committed. Anything else gets a 4xx (or
//! a 503 while reports cannot be stored) with a page in the language of the path that
//! says why, and nothing is stored. What a reader wrote is never put in any response.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, HttpBody};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;

use super::bucket::Buckets;
use super::handle::no_store;
use super::live::Live;
use super::snapshot::Snapshot;
use crate::render::{Edition, FeedbackAnswer, Page};
use crate::store::{Answer, Inbox, MAX_TEXT_CHARS, Refusal, Report};
use crate::view::feedback::{ENDPOINT, FeedbackTarget, Refused, THANKS, lang_value};

/// The largest form accepted, in bytes: 500 characters of three-byte text, percent-encoded,
/// fit in 4.5 KB, but the form's own fields and a 500-character Japanese text encoded by a
/// browser stay under this for all but the most unusual text; larger bodies are refused.
pub const MAX_BODY_BYTES: usize = 4096;
/// The field people never see (see `templates/feedback_form.html`).
const TRAP_FIELD: &str = "website";

/// The client's address, which the accept loop puts on every POST request (see
/// `listen::serve`); the tests set it themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

/// How the server takes reports.
#[derive(Debug, Clone)]
pub struct DeskSettings {
    /// Reports one client address may send at once, and then per minute.
    pub per_minute: u32,
    /// A header that carries the client's address, set by a proxy in front (such as
    /// `X-Real-IP`); without it, the address of the connection is used.
    pub client_address_header: Option<HeaderName>,
}

impl Default for DeskSettings {
    fn default() -> Self {
        DeskSettings {
            per_minute: 10,
            client_address_header: None,
        }
    }
}

/// Where reports go: the store's writer, and the flood limit.
#[derive(Debug)]
pub struct FeedbackDesk {
    inbox: Inbox,
    buckets: Buckets,
    settings: DeskSettings,
}

impl FeedbackDesk {
    pub fn new(inbox: Inbox, settings: DeskSettings) -> FeedbackDesk {
        FeedbackDesk {
            inbox,
            buckets: Buckets::new(settings.per_minute),
            settings,
        }
    }
}

/// The edition whose feedback endpoint `path` is (`/en/feedback` is English's).
pub(super) fn endpoint_edition(snap: &Snapshot, path: &str) -> Option<Edition> {
    edition_of(snap, path, ENDPOINT)
}

/// The edition whose thank-you page `path` is.
pub(super) fn thanks_edition(snap: &Snapshot, path: &str) -> Option<Edition> {
    edition_of(snap, path, THANKS)
}

fn edition_of(snap: &Snapshot, path: &str, tail: &str) -> Option<Edition> {
    snap.pages
        .sites()
        .iter()
        .position(|site| path.strip_prefix(site.language.prefix.as_str()) == Some(tail))
}

/// `GET {prefix}/feedback/thanks/?page=…`: thanks, with a link back to the page when the
/// query names one of the edition's pages. Made per request and never stored.
pub(super) fn thanks(
    snap: &Snapshot,
    edition: Edition,
    query: Option<&str>,
    now: jiff::Timestamp,
) -> Option<Response> {
    let about = query
        .and_then(|q| {
            form_urlencoded::parse(q.as_bytes())
                .find(|(k, _)| k == "page")
                .map(|(_, v)| v.into_owned())
        })
        .and_then(|path| page_of(snap, edition, &path));
    match snap
        .pages
        .render_feedback(edition, about, FeedbackAnswer::Thanks, now)
    {
        Ok(Some(html)) => Some(no_store(StatusCode::OK, html)),
        Ok(None) => None,
        Err(e) => {
            tracing::error!(error = %e, "rendering the thank-you page failed");
            Some(plain(StatusCode::INTERNAL_SERVER_ERROR))
        }
    }
}

/// A page of `edition` by its path in that language.
fn page_of(snap: &Snapshot, edition: Edition, path: &str) -> Option<Page> {
    snap.pages
        .page(path)
        .filter(|(e, _)| *e == edition)
        .map(|(_, page)| page)
}

/// A refusal: its status, what the reader is told, the page it was about when known, and
/// when to try again.
struct Refusing {
    status: StatusCode,
    why: Refused,
    about: Option<Page>,
    retry_after: Option<u64>,
}

impl Refusing {
    fn new(status: StatusCode, why: Refused) -> Refusing {
        Refusing {
            status,
            why,
            about: None,
            retry_after: None,
        }
    }
}

/// `POST {prefix}/feedback`.
pub(super) async fn receive<B>(
    live: Arc<Live>,
    desk: Option<Arc<FeedbackDesk>>,
    edition: Edition,
    request: Request<B>,
) -> Response
where
    B: HttpBody<Data = Bytes, Error: Into<tower::BoxError>> + Send + 'static,
{
    let now = live.clock().now();
    let snap = arc_swap::Guard::into_inner(live.current(now));
    let outcome = match desk {
        Some(desk) => take(&snap, &desk, edition, request).await,
        None => Err(Refusing::new(
            StatusCode::SERVICE_UNAVAILABLE,
            Refused::Unavailable,
        )),
    };
    match outcome {
        Ok(page_path) => {
            let location = format!(
                "{}{THANKS}?{}",
                snap.pages.sites()[edition].language.prefix,
                form_urlencoded::Serializer::new(String::new())
                    .append_pair("page", &page_path)
                    .finish()
            );
            (
                StatusCode::SEE_OTHER,
                [
                    (header::LOCATION, location),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
            )
                .into_response()
        }
        Err(refusing) => refusal(&snap, edition, refusing, now),
    }
}

/// Checks the request and stores the report; the path of the page it was about, in its
/// language.
async fn take<B>(
    snap: &Snapshot,
    desk: &FeedbackDesk,
    edition: Edition,
    request: Request<B>,
) -> Result<String, Refusing>
where
    B: HttpBody<Data = Bytes, Error: Into<tower::BoxError>> + Send + 'static,
{
    use StatusCode as S;
    let headers = request.headers();
    if let FeedbackTarget::Instance(url) = snap.pages.feedback_target()
        && !addressed_to(headers, url)
    {
        tracing::warn!(
            instance = url,
            "a report came to a server the content does not name as the one that takes them: answered 421"
        );
        return Err(Refusing::new(S::MISDIRECTED_REQUEST, Refused::Unavailable));
    }
    if cross_site(headers, &snap.pages.sites()[edition].base_url) {
        return Err(Refusing::new(S::FORBIDDEN, Refused::CrossSite));
    }
    if let Err(wait) = desk
        .buckets
        .take(client_address(&request, &desk.settings), Instant::now())
    {
        return Err(Refusing {
            retry_after: Some(wait.as_secs().max(1)),
            ..Refusing::new(S::TOO_MANY_REQUESTS, Refused::TooMany)
        });
    }
    if !is_form(headers) {
        return Err(Refusing::new(S::UNSUPPORTED_MEDIA_TYPE, Refused::Form));
    }
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return Err(Refusing::new(S::PAYLOAD_TOO_LARGE, Refused::TooLarge));
    }
    let body = axum::body::to_bytes(Body::new(request.into_body()), MAX_BODY_BYTES)
        .await
        .map_err(|_| Refusing::new(S::PAYLOAD_TOO_LARGE, Refused::TooLarge))?;
    let form = Form::parse(&body).map_err(|why| Refusing::new(S::BAD_REQUEST, why))?;
    let site = &snap.pages.sites()[edition];
    let about = page_of(snap, edition, &form.page);
    let refuse = |why| Refusing {
        about,
        ..Refusing::new(S::BAD_REQUEST, why)
    };
    if !form.trap.is_empty() || form.lang != lang_value(site) {
        return Err(refuse(Refused::Form));
    }
    let Some(page) = about else {
        return Err(refuse(Refused::Page));
    };
    let Some(answer) = form.answer.as_deref().and_then(Answer::parse) else {
        return Err(refuse(Refused::Answer));
    };
    let text = form.text.replace("\r\n", "\n").replace('\r', "\n");
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(refuse(Refused::TextTooLong));
    }
    let report = Report {
        page: snap.pages.page_path(0, page),
        lang: lang_value(site).to_string(),
        answer,
        text,
        minute: jiff::Timestamp::now().as_second().div_euclid(60) * 60,
        content_version: snap.version.clone(),
    };
    desk.inbox
        .set_retention_days(snap.pages.site().feedback.retention_days);
    match desk.inbox.submit(report).await {
        Ok(()) => Ok(form.page),
        Err(refusal) => Err(Refusing {
            retry_after: match refusal {
                Refusal::Busy => Some(1),
                Refusal::Unavailable => Some(60),
                Refusal::DailyCap => None,
            },
            ..refuse(Refused::Unavailable)
        }
        .with_status(S::SERVICE_UNAVAILABLE)),
    }
}

impl Refusing {
    fn with_status(self, status: StatusCode) -> Refusing {
        Refusing { status, ..self }
    }
}

/// The fields of the form, each at most once; no other field.
#[derive(Debug, Default)]
struct Form {
    page: String,
    lang: String,
    answer: Option<String>,
    text: String,
    trap: String,
}

impl Form {
    /// Parses `application/x-www-form-urlencoded`, strictly: invalid UTF-8 (once
    /// percent-decoded), an unknown or repeated field, or a missing `page` or `lang` is
    /// refused, not guessed at.
    fn parse(body: &[u8]) -> Result<Form, Refused> {
        let mut form = Form::default();
        let (mut page, mut lang, mut text, mut trap) = (None, None, None, None);
        for pair in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
            let (key, value) = match pair.iter().position(|b| *b == b'=') {
                Some(i) => (&pair[..i], &pair[i + 1..]),
                None => (pair, &[][..]),
            };
            let value = decode(value)?;
            let slot = match decode(key)?.as_str() {
                "page" => &mut page,
                "lang" => &mut lang,
                "answer" => &mut form.answer,
                "text" => &mut text,
                TRAP_FIELD => &mut trap,
                _ => return Err(Refused::Form),
            };
            if slot.replace(value).is_some() {
                return Err(Refused::Form);
            }
        }
        form.page = page.ok_or(Refused::Form)?;
        form.lang = lang.ok_or(Refused::Form)?;
        form.text = text.unwrap_or_default();
        form.trap = trap.unwrap_or_default();
        Ok(form)
    }
}

/// One percent-encoded key or value (`+` is a space), as UTF-8.
fn decode(bytes: &[u8]) -> Result<String, Refused> {
    let spaced: Vec<u8> = bytes
        .iter()
        .map(|b| if *b == b'+' { b' ' } else { *b })
        .collect();
    let decoded: Vec<u8> = percent_encoding::percent_decode(&spaced).collect();
    String::from_utf8(decoded).map_err(|_| Refused::Form)
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| {
            t.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

/// Whether a browser says the form was sent from another site. As Go's
/// `CrossOriginProtection` does: `Sec-Fetch-Site` first (only `same-origin` and `none`
/// pass), then `Origin` against the request's own host; a request with neither comes
/// from no browser (a script of the sender's own, which a form on another site cannot
/// make a visitor's browser send), and passes. The site's own address (`base_url`) is
/// trusted too: where one server takes the reports of all, the pages' origin is not its
/// own.
fn cross_site(headers: &HeaderMap, base_url: &str) -> bool {
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let trusted = origin.is_some_and(|o| {
        o == origin_of(base_url)
            || headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .is_some_and(|host| o.split_once("://").is_some_and(|(_, a)| a == host))
    });
    match headers
        .get(HeaderName::from_static("sec-fetch-site"))
        .and_then(|v| v.to_str().ok())
    {
        Some("same-origin" | "none") => false,
        Some(_) => !trusted,
        None => origin.is_some() && !trusted,
    }
}

/// `https://example.org` of `https://example.org/path`.
fn origin_of(url: &str) -> &str {
    let start = url.find("://").map_or(0, |i| i + 3);
    url[start..].find('/').map_or(url, |i| &url[..start + i])
}

/// Whether the request was sent to the host of `instance` (the one server that takes
/// reports, by the content).
fn addressed_to(headers: &HeaderMap, instance: &str) -> bool {
    let authority = origin_of(instance).split_once("://").map_or("", |(_, a)| a);
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|host| host.eq_ignore_ascii_case(authority))
}

/// The client's address: from the configured header, else the connection's; all
/// requests without either share one bucket.
fn client_address<B>(request: &Request<B>, settings: &DeskSettings) -> IpAddr {
    settings
        .client_address_header
        .as_ref()
        .and_then(|name| request.headers().get(name))
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next_back())
        .and_then(|v| v.trim().parse().ok())
        .or_else(|| request.extensions().get::<ClientAddr>().map(|c| c.0))
        .unwrap_or(IpAddr::from([0, 0, 0, 0]))
}

fn refusal(snap: &Snapshot, edition: Edition, r: Refusing, now: jiff::Timestamp) -> Response {
    let mut response =
        match snap
            .pages
            .render_feedback(edition, r.about, FeedbackAnswer::Refused(r.why), now)
        {
            Ok(Some(html)) => no_store(r.status, html),
            Ok(None) => plain(r.status),
            Err(e) => {
                tracing::error!(error = %e, "rendering a refused report's page failed");
                plain(r.status)
            }
        };
    if let Some(seconds) = r.retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

fn plain(status: StatusCode) -> Response {
    (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        status.to_string(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(HeaderName::from_static(k), HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn cross_site_by_fetch_metadata_then_origin() {
        let base = "https://example.org";
        let host = ("host", "feedback.example.org");
        assert!(!cross_site(
            &headers(&[("sec-fetch-site", "same-origin")]),
            base
        ));
        assert!(cross_site(
            &headers(&[("sec-fetch-site", "cross-site")]),
            base
        ));
        assert!(!cross_site(
            &headers(&[
                ("sec-fetch-site", "same-site"),
                ("origin", "https://example.org")
            ]),
            base
        ));
        assert!(cross_site(
            &headers(&[host, ("origin", "https://evil.example")]),
            base
        ));
        assert!(cross_site(&headers(&[host, ("origin", "null")]), base));
        assert!(!cross_site(
            &headers(&[host, ("origin", "https://feedback.example.org")]),
            base
        ));
        assert!(!cross_site(&headers(&[host]), base));
    }

    #[test]
    fn strict_form_parsing() {
        let ok = Form::parse(b"page=%2F&lang=ja&answer=yes&text=a+b%E3%81%82&website=").unwrap();
        assert_eq!((ok.page.as_str(), ok.text.as_str()), ("/", "a bあ"));
        for bad in [
            &b"page=%2F&lang=ja&answer=yes&text=%FF"[..],
            b"page=%2F&lang=ja&answer=yes&extra=1",
            b"page=%2F&page=%2F&lang=ja&answer=yes",
            b"lang=ja&answer=yes",
        ] {
            assert_eq!(
                Form::parse(bad).unwrap_err(),
                Refused::Form,
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn origins() {
        assert_eq!(origin_of("https://example.org/a/b"), "https://example.org");
        assert_eq!(origin_of("http://127.0.0.1:3000"), "http://127.0.0.1:3000");
    }
}
