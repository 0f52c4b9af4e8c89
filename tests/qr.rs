//! The QR code of every service page: served as an SVG of its own, self-contained, with a
//! quiet zone, and it reads back as the page's address. The check draws the bytes the
//! site's service sends into a bitmap and decodes that with `rqrr`; nothing is re-encoded
//! here. On the fixture ward, in both its languages.

mod common;

use axum::http::StatusCode;
use common::{SAMPLE, Site, app_at, get, path_of, sitemap_locs};

const NOW: &str = "2026-11-25T10:00:00Z";

/// Pixels per SVG unit (one module) in the bitmap handed to the decoder.
const SCALE: usize = 4;
/// The quiet zone QR codes need around them, in modules.
const QUIET_ZONE: usize = 4;

/// The sitemap's service pages, as absolute URLs.
async fn service_urls(app: &impl Site) -> Vec<String> {
    let sitemap = get(app, "/sitemap.xml").await.body;
    sitemap_locs(&sitemap)
        .into_iter()
        .filter(|loc| loc.contains("/services/"))
        .collect()
}

#[tokio::test]
async fn every_service_page_has_a_qr_code_that_reads_as_its_address() {
    let app = app_at(SAMPLE, NOW);
    let urls = service_urls(&app).await;
    // 5 services in each of 2 languages: each page's code holds its own address.
    assert_eq!(urls.len(), 2 * 5, "{urls:?}");
    for url in urls {
        let path = path_of(&url);
        let qr = format!("{path}qr.svg");
        let page = get(&app, path).await.body;
        assert!(
            url.starts_with("https://desk.example.org/"),
            "{url}: under the site's base URL"
        );
        let (alt, label) = if path.starts_with("/ja/") {
            ("このページのQRコード", "このページのURL")
        } else {
            ("QR code for this page", "Address of this page")
        };
        assert!(
            page.contains(&format!(
                "<img src=\"{qr}\" alt=\"{alt}\" width=\"128\" height=\"128\">"
            )),
            "{path} shows its QR code"
        );
        assert!(
            page.contains(&format!(
                "<p class=\"print-only page-url\">{label}: <a href=\"{url}\">{url}</a></p>"
            )),
            "{path} writes its address out for print"
        );

        let reply = get(&app, &qr).await;
        assert_eq!(reply.status, StatusCode::OK, "{qr}");
        assert_eq!(reply.content_type, "image/svg+xml", "{qr}");
        assert_eq!(reply.cache_control.as_deref(), Some("no-cache"), "{qr}");
        let svg = &reply.body;
        assert_self_contained(svg, &qr);
        assert!(svg.len() < 6_000, "{qr} is {} bytes", svg.len());
        assert_eq!(decode(svg), url, "{qr} reads as the page's address");
    }
}

/// A handout's own address, as the QR code at its top: drawn inside the page (a handout
/// made per request has no file of its own), self-contained, and it reads back as the
/// address written beside it, the choices in the order they were made.
#[tokio::test]
async fn a_handouts_qr_code_reads_as_its_own_address() {
    let app = app_at(SAMPLE, NOW);
    for path in [
        "/handout/?s=visits&e=walk&s=line",
        "/ja/handout/?s=visits&e=walk&s=line",
        "/handout/family/",
        "/ja/handout/person/",
    ] {
        let reply = get(&app, path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        let url = format!("https://desk.example.org{path}");
        let written = url.replace('&', "&#38;");
        assert!(
            reply
                .body
                .contains(&format!("<a href=\"{written}\">{written}</a>")),
            "{path} writes its address out"
        );
        let block = reply
            .body
            .split("<div class=\"handout-qr\" role=\"img\" aria-label=\"")
            .nth(1)
            .unwrap_or_else(|| panic!("{path} has its QR code"));
        let (alt, rest) = block.split_once("\">").unwrap();
        assert!(!alt.is_empty(), "{path}: the code is named");
        let svg = rest.split("</div>").next().unwrap().trim_end();
        assert_self_contained(svg, path);
        // The picture inside the named one is hidden: else a second, unnamed image.
        assert!(svg.contains("aria-hidden=\"true\""), "{path}");
        assert_eq!(decode(svg), url, "{path}");
    }
}

/// Nothing an image needs from elsewhere: no links, styles, scripts or embedded images.
/// The one `http` is the SVG namespace, which names the language and loads nothing.
fn assert_self_contained(svg: &str, what: &str) {
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" "),
        "{what}: {svg}"
    );
    assert!(
        svg.contains("shape-rendering=\"crispEdges\""),
        "{what}: {svg}"
    );
    assert_eq!(svg.matches("http").count(), 1, "{what}: {svg}");
    for outside in [
        "href", "url(", "<image", "<script", "<style", "<use", "@import",
    ] {
        assert!(!svg.contains(outside), "{what} contains {outside}");
    }
}

/// Draws the SVG and reads the QR code in it.
fn decode(svg: &str) -> String {
    let bitmap = Bitmap::draw(svg);
    bitmap.assert_quiet_zone();
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(bitmap.side, bitmap.side, |x, y| {
            bitmap.pixels[y * bitmap.side + x]
        });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the image");
    grids[0].decode().expect("the QR code decodes").1
}

/// A greyscale drawing of the SVG, `SCALE` pixels per unit.
struct Bitmap {
    side: usize,
    pixels: Vec<u8>,
}

/// Not yet painted: neither the white nor the black of a QR code.
const UNPAINTED: u8 = 128;

impl Bitmap {
    /// Paints each `<path>` in order with its fill (`#fff` or `#000`). The paths are made
    /// of closed axis-aligned rectangles (`M x y` then `h`/`v`/`H`/`V` steps, then `z`),
    /// which is all our QR SVG draws; anything else fails the test.
    fn draw(svg: &str) -> Bitmap {
        let view_box = attribute(svg, "viewBox");
        let units: Vec<usize> = view_box.split(' ').map(|n| n.parse().unwrap()).collect();
        assert_eq!(units[..2], [0, 0], "viewBox {view_box}");
        assert_eq!(units[2], units[3], "a square viewBox: {view_box}");
        let side = units[2] * SCALE;
        let mut bitmap = Bitmap {
            side,
            pixels: vec![UNPAINTED; side * side],
        };
        for element in svg.split("<path").skip(1) {
            let value = match attribute(element, "fill") {
                "#fff" => 255,
                "#000" => 0,
                other => panic!("unexpected fill {other}"),
            };
            for (x0, y0, x1, y1) in rectangles(attribute(element, "d")) {
                for y in y0 * SCALE..y1 * SCALE {
                    for x in x0 * SCALE..x1 * SCALE {
                        bitmap.pixels[y * side + x] = value;
                    }
                }
            }
        }
        assert!(
            !bitmap.pixels.contains(&UNPAINTED),
            "the whole image is painted (a background behind the code)"
        );
        bitmap
    }

    /// The outer `QUIET_ZONE` modules on every side are white.
    fn assert_quiet_zone(&self) {
        let margin = QUIET_ZONE * SCALE;
        for y in 0..self.side {
            for x in 0..self.side {
                let inside = (margin..self.side - margin).contains(&x)
                    && (margin..self.side - margin).contains(&y);
                if !inside {
                    assert_eq!(self.pixels[y * self.side + x], 255, "quiet zone at {x},{y}");
                }
            }
        }
    }
}

/// The value of the first `name="…"` in `text`.
fn attribute<'a>(text: &'a str, name: &str) -> &'a str {
    let start = text
        .find(&format!(" {name}=\""))
        .unwrap_or_else(|| panic!("no {name} in {text}"))
        + name.len()
        + 3;
    let len = text[start..].find('"').unwrap();
    &text[start..start + len]
}

/// The rectangles of a path, each as (left, top, right, bottom).
fn rectangles(d: &str) -> Vec<(usize, usize, usize, usize)> {
    let mut out = Vec::new();
    let mut chars = d.chars().peekable();
    let number = |chars: &mut std::iter::Peekable<std::str::Chars>| -> i64 {
        while chars.peek() == Some(&' ') {
            chars.next();
        }
        let mut s = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_ascii_digit() || (c == '-' && s.is_empty()) {
                s.push(c);
                chars.next();
            } else {
                break;
            }
        }
        s.parse().unwrap_or_else(|_| panic!("a number in {d}"))
    };
    let (mut x, mut y) = (0i64, 0i64);
    let mut corners: Vec<(i64, i64)> = Vec::new();
    while let Some(command) = chars.next() {
        match command {
            'M' => {
                x = number(&mut chars);
                y = number(&mut chars);
                corners = vec![(x, y)];
                continue;
            }
            'h' => x += number(&mut chars),
            'v' => y += number(&mut chars),
            'H' => x = number(&mut chars),
            'V' => y = number(&mut chars),
            'z' | 'Z' => {
                let xs = corners.iter().map(|c| c.0);
                let ys = corners.iter().map(|c| c.1);
                let (left, right) = (xs.clone().min().unwrap(), xs.max().unwrap());
                let (top, bottom) = (ys.clone().min().unwrap(), ys.max().unwrap());
                assert!(
                    corners
                        .iter()
                        .all(|&(cx, cy)| (cx == left || cx == right) && (cy == top || cy == bottom)),
                    "a rectangle: {corners:?} in {d}"
                );
                assert!(left >= 0 && top >= 0 && right > left && bottom > top);
                out.push((left as usize, top as usize, right as usize, bottom as usize));
                continue;
            }
            other => panic!("unexpected path command {other:?} in {d}"),
        }
        corners.push((x, y));
    }
    out
}
