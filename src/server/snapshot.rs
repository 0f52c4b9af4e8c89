//! Step 6 of the flow (server).
//!
//! Every document of the site, rendered once and kept in memory with its brotli and gzip
//! forms and a strong ETag, until the content changes or `valid_until` (the next change
//! of an open/closed state or an event date) passes. A request is a lookup: no rendering,
//! no compression, no copy of the body.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use axum::http::{HeaderMap, HeaderValue, header};
use bytes::Bytes;
use jiff::Timestamp;

use super::harden::SECURITY_HEADERS;
use crate::parallel;
use crate::render::{Caching, Document, Entry, Pages, RenderError};

/// One document ready to send.
#[derive(Debug)]
pub struct Prepared {
    pub status: u16,
    pub caching: Caching,
    pub identity: Variant,
    pub gzip: Option<Variant>,
    pub br: Option<Variant>,
}

/// One encoding of a document.
#[derive(Debug)]
pub struct Variant {
    pub body: Bytes,
    pub etag: HeaderValue,
    /// Every header of the response, made once: a request clones them rather than
    /// building a map header by header. A timed document's `Cache-Control` here is a
    /// placeholder the request replaces (in place, so the map never grows).
    pub headers: HeaderMap,
}

/// The pages for requests the site cannot answer, in one language.
#[derive(Debug)]
struct ErrorPages {
    /// The language's path prefix (`/en`; empty for the default language).
    prefix: String,
    /// 404.
    not_found: Arc<Prepared>,
    /// 405, 414 and the like (the status is set per response).
    request_error: Arc<Prepared>,
}

#[derive(Debug)]
pub struct Snapshot {
    pub pages: Arc<Pages>,
    docs: HashMap<String, Arc<Prepared>>,
    /// The path of the QR code for each text, for the next snapshot to keep.
    qr_codes: HashMap<String, String>,
    /// The error pages of each language, the default language's first.
    errors: Vec<ErrorPages>,
    /// The instant the documents show the site at: the snapshot is right from then…
    pub built_for: Timestamp,
    /// …until the first time-dependent part of any page changes; `None`: never.
    pub valid_until: Option<Timestamp>,
    /// A hash of the content and static files: changes with every reload that changes
    /// anything.
    pub version: String,
}

impl Snapshot {
    /// Every document of `pages` at `now`, rendered and compressed on every core. What
    /// `previous` already holds is taken from it rather than made again: a QR code whose
    /// text is unchanged, and any document whose rendering came out byte for byte as
    /// before, with its compressed forms (so a change of one line's state compresses only
    /// the pages that show it).
    pub fn build(
        pages: Arc<Pages>,
        version: String,
        now: Timestamp,
        previous: Option<&Snapshot>,
    ) -> Result<Snapshot, RenderError> {
        let entries = pages.entries();
        let csp = content_security_policy(&pages);
        let prepared = parallel::map(&entries, |entry| -> Result<_, RenderError> {
            // A QR code is costly to make and depends only on its text.
            if let Entry::Qr(edition, service) = *entry
                && let Some(previous) = previous
                && let Some(path) = previous.qr_codes.get(&pages.qr_text(edition, service))
                && let Some((path, doc)) = previous.docs.get_key_value(path)
            {
                return Ok((path.clone(), doc.clone()));
            }
            let doc = pages.document(entry, now)?;
            let unchanged = previous
                .and_then(|p| p.docs.get_key_value(&doc.path))
                .filter(|(_, p)| {
                    p.status == doc.status
                        && p.caching == doc.caching
                        && p.identity.body == doc.body
                });
            Ok(match unchanged {
                Some((path, p)) => (path.clone(), p.clone()),
                None => (doc.path.clone(), Arc::new(prepare(&doc, &csp))),
            })
        });
        let mut docs = HashMap::with_capacity(prepared.len());
        let mut qr_codes = HashMap::new();
        for (entry, result) in entries.into_iter().zip(prepared) {
            let (path, doc) = result?;
            if let Entry::Qr(edition, service) = entry {
                qr_codes.insert(pages.qr_text(edition, service), path.clone());
            }
            docs.insert(path, doc);
        }
        let mut errors = Vec::with_capacity(pages.sites().len());
        for (edition, site) in pages.sites().iter().enumerate() {
            let request_error = Arc::new(prepare(
                &Document {
                    path: String::new(),
                    status: 400,
                    content_type: "text/html; charset=utf-8",
                    body: pages.render_request_error(edition, now)?.into_bytes(),
                    caching: Caching::Revalidate,
                },
                &csp,
            ));
            errors.push(ErrorPages {
                prefix: site.language.prefix.clone(),
                not_found: docs
                    .get(&crate::render::not_found_path(site))
                    .cloned()
                    .unwrap_or_else(|| request_error.clone()),
                request_error,
            });
        }
        Ok(Snapshot {
            built_for: now,
            valid_until: pages.next_change(now),
            errors,
            docs,
            qr_codes,
            pages,
            version,
        })
    }

    /// Every path this snapshot has a document for.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.docs.keys().map(String::as_str)
    }

    pub fn get(&self, path: &str) -> Option<&Arc<Prepared>> {
        self.docs.get(path)
    }

    /// The 404 page in the language the path is in (`/en/…` gets the English one).
    pub fn not_found_for(&self, path: &str) -> &Arc<Prepared> {
        &self.errors_for(path).not_found
    }

    /// The page for a request the site cannot answer (405, 414, …), in the language the
    /// path is in.
    pub fn request_error_for(&self, path: &str) -> &Arc<Prepared> {
        &self.errors_for(path).request_error
    }

    /// A translation's pages when the path is under its prefix, else the default
    /// language's (whose prefix is empty, so it is the last resort).
    fn errors_for(&self, path: &str) -> &ErrorPages {
        let (default, translations) = self
            .errors
            .split_first()
            .expect("a site has its default language");
        translations
            .iter()
            .find(|e| {
                path.strip_prefix(e.prefix.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
            .unwrap_or(default)
    }

    /// Whether this snapshot still shows the site as it is at `now`.
    pub fn is_current(&self, now: Timestamp) -> bool {
        self.valid_until.is_none_or(|t| now < t)
    }
}

/// The site's Content-Security-Policy: the one of `SECURITY_HEADERS`, and where the
/// pages' forms post to another server (the one that takes readers' reports), that
/// server's origin in `form-action` too.
fn content_security_policy(pages: &Pages) -> HeaderValue {
    let (name, policy) = &SECURITY_HEADERS[0];
    debug_assert_eq!(name, header::CONTENT_SECURITY_POLICY);
    let policy = match pages.feedback_target().other_origin() {
        Some(origin) => policy.replace(
            "form-action 'self'",
            &format!("form-action 'self' {origin}"),
        ),
        None => policy.to_string(),
    };
    // An origin that cannot go in a header is not one the content check lets through,
    // but the site never goes without a policy.
    HeaderValue::from_str(&policy).unwrap_or(HeaderValue::from_static(SECURITY_HEADERS[0].1))
}

fn prepare(doc: &Document, csp: &HeaderValue) -> Prepared {
    let hash = format!("{:016x}", crate::render::fnv1a(&doc.body));
    let content_type = HeaderValue::from_static(doc.content_type);
    let variant = |body: Vec<u8>, suffix: &str, encoding: Option<&'static str>| {
        let etag = HeaderValue::from_str(&format!("\"{hash}{suffix}\""))
            .unwrap_or(HeaderValue::from_static("\"0\""));
        let mut headers = HeaderMap::with_capacity(SECURITY_HEADERS.len() + 5);
        headers.insert(header::CONTENT_TYPE, content_type.clone());
        headers.insert(header::ETAG, etag.clone());
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        headers.insert(header::CACHE_CONTROL, cache_control(doc.caching));
        if let Some(encoding) = encoding {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        for (name, value) in SECURITY_HEADERS {
            headers.insert(name, HeaderValue::from_static(value));
        }
        headers.insert(header::CONTENT_SECURITY_POLICY, csp.clone());
        Variant {
            body: Bytes::from(body),
            etag,
            headers,
        }
    };
    // Compress text only, and keep a compressed form only where it is smaller.
    let compressible = doc.content_type.starts_with("text/")
        || doc.content_type.starts_with("application/json")
        || doc.content_type.starts_with("application/xml")
        || doc.content_type.starts_with("image/svg");
    let (gzip, br) = if compressible {
        let gz = gzip(&doc.body);
        let br = brotli(&doc.body);
        (
            (gz.len() < doc.body.len()).then(|| variant(gz, "-gz", Some("gzip"))),
            (br.len() < doc.body.len()).then(|| variant(br, "-br", Some("br"))),
        )
    } else {
        (None, None)
    };
    Prepared {
        status: doc.status,
        caching: doc.caching,
        identity: variant(doc.body.clone(), "", None),
        gzip,
        br,
    }
}

/// `Cache-Control` for documents that do not depend on the time; for those that do, a
/// placeholder (see `Variant::headers`).
fn cache_control(caching: Caching) -> HeaderValue {
    match caching {
        Caching::Immutable => HeaderValue::from_static("public, max-age=31536000, immutable"),
        Caching::Revalidate | Caching::Timed => HeaderValue::from_static("no-cache"),
    }
}

fn gzip(body: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(body);
    enc.finish().unwrap_or_default()
}

/// Quality 5: the whole site is re-compressed whenever a line opens or closes, and
/// requests wait for that; 5 takes a tenth of the time of 11 here for about 8 % more bytes.
/// The window is the smallest that holds the whole body, but at least 2^17: the encoder
/// zeroes a ring buffer of the window's size for every document (at the usual 4 MiB, most
/// of its time), and below 2^17 it switches to a hasher that allocates far more.
fn brotli(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let fits = usize::BITS - body.len().leading_zeros();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 5,
        lgwin: fits.clamp(17, 24) as i32,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &body[..], &mut out, &params);
    out
}
