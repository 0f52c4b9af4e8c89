//! Step 6 of the flow (server): response building. A prepared document in the encoding
//! the client takes, as a 304 when it has it already, and with how long it may be kept.

use std::sync::LazyLock;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use jiff::Timestamp;

use super::snapshot::{Prepared, Snapshot, Variant};
use crate::render::Caching;

/// The longest a cache may keep a time-dependent response, even when nothing changes
/// sooner (content may be redeployed).
const MAX_AGE_SECONDS: i64 = 300;

/// Picks the encoding the client takes (brotli, then gzip, then none), answers 304 when
/// the client already has it, and says how long it may be kept.
pub(super) fn send(
    doc: &Prepared,
    request: &HeaderMap,
    now: Timestamp,
    snap: &Snapshot,
) -> Response {
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
