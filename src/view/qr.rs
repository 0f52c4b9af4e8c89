//! Step 4 of the flow (view): a service page's public address for readers on paper, as
//! a QR code and written out. The code is a file of its own beside the page
//! (`/services/<id>/qr.svg`, made here and listed by `render`), which the page shows
//! with `<img>`. It reads the site's base URL, the labels and the service's id.
//!
//! The `qrcode` crate encodes; the SVG is drawn by a small canvas of our own rather than
//! the crate's, because the crate's writes one rectangle per dark module in pixel units
//! (for these addresses nearly three times the bytes). Ours joins each row's neighbouring
//! dark modules into one rectangle and draws in module units: about 3 KB a code.

use std::fmt::Write;

use qrcode::render::{Canvas, Pixel};
use qrcode::types::{Color, QrError};
use qrcode::{EcLevel, QrCode};

use crate::model::{Service, Site};

use super::urls;

/// The side of the code on screen, in CSS pixels (print sets its own size in the
/// stylesheet). The `<img>` carries it so the page does not move when the image loads.
pub const SCREEN_SIZE: u32 = 128;

/// How many pixels a module takes when the SVG is opened on its own.
const PIXELS_PER_MODULE: u32 = 4;

/// What a service page needs to show its address for print.
pub struct PrintLink<'a> {
    /// The page's canonical address, e.g. `https://example.org/services/dial/`.
    pub url: String,
    /// Before the address, e.g. `このページのURL`.
    pub url_label: &'a str,
    pub qr_src: String,
    pub qr_alt: &'a str,
    pub qr_size: u32,
}

impl<'a> PrintLink<'a> {
    pub fn new(site: &'a Site, service: &Service) -> Self {
        PrintLink {
            url: page_url(site, service),
            url_label: &site.labels.page_url,
            qr_src: urls::of(site).page(&urls::service_qr(&service.id)),
            qr_alt: &site.labels.qr_alt,
            qr_size: SCREEN_SIZE,
        }
    }
}

/// The address a service page is published at, which its QR code holds.
pub fn page_url(site: &Site, service: &Service) -> String {
    urls::absolute(site, &urls::of(site).service(&service.id))
}

/// `text` as a QR code in an SVG document: black modules on white with the standard
/// quiet zone of four modules, edges kept sharp, no reference to anything outside it.
/// Fails only when `text` is too long for any QR code (about 2,300 bytes at level M).
pub fn svg(text: &str) -> Result<String, QrError> {
    // Level M (15 % of the code may be lost): the usual choice for print, where a fold
    // or a smudge must not make the code unreadable, at a size that still scans small.
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)?;
    Ok(code.render::<Module>().quiet_zone(true).build())
}

/// The code of `svg`, to put inside an element of a page that names it (`role="img"` with
/// an `aria-label`): hidden from assistive technology, which would otherwise find an
/// unnamed picture inside the named one.
pub fn svg_in_page(text: &str) -> Result<String, QrError> {
    const OPEN: &str = r#"<svg xmlns="http://www.w3.org/2000/svg""#;
    Ok(svg(text)?.replacen(OPEN, &format!(r#"{OPEN} aria-hidden="true""#), 1))
}

/// The one kind of pixel our canvas draws; colours are fixed (black on white).
#[derive(Debug, Clone, Copy)]
struct Module;

impl Pixel for Module {
    type Image = String;
    type Canvas = RowCanvas;

    fn default_unit_size() -> (u32, u32) {
        (1, 1)
    }

    fn default_color(_: Color) -> Self {
        Module
    }
}

/// Collects the dark modules row by row (the renderer visits them left to right, top to
/// bottom) and writes each run of neighbours as one rectangle.
struct RowCanvas {
    side: u32,
    path: String,
    /// The run being drawn: its row, first column and length.
    run: Option<(u32, u32, u32)>,
}

impl RowCanvas {
    fn flush(&mut self) {
        if let Some((y, x, len)) = self.run.take() {
            // Writing to a String cannot fail.
            let _ = write!(self.path, "M{x} {y}h{len}v1h-{len}z");
        }
    }
}

impl Canvas for RowCanvas {
    type Pixel = Module;
    type Image = String;

    fn new(width: u32, _height: u32, _dark: Module, _light: Module) -> Self {
        RowCanvas {
            side: width,
            path: String::new(),
            run: None,
        }
    }

    fn draw_dark_pixel(&mut self, x: u32, y: u32) {
        match &mut self.run {
            Some((row, start, len)) if *row == y && *start + *len == x => *len += 1,
            _ => {
                self.flush();
                self.run = Some((y, x, 1));
            }
        }
    }

    fn into_image(mut self) -> String {
        self.flush();
        let n = self.side;
        let px = n * PIXELS_PER_MODULE;
        format!(
            concat!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n} {n}" width="{px}" height="{px}" shape-rendering="crispEdges">"#,
                r##"<path fill="#fff" d="M0 0h{n}v{n}H0z"/><path fill="#000" d="{path}"/></svg>"##,
                "\n"
            ),
            n = n,
            px = px,
            path = self.path
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_rows_as_runs_with_a_quiet_zone() {
        let svg = svg("https://example.org/services/dial/").unwrap();
        // 34 bytes at level M: version 3, 29 modules, plus 4 on each side.
        assert!(svg.contains(r#"viewBox="0 0 37 37""#), "{svg}");
        assert!(svg.contains(r#"shape-rendering="crispEdges""#));
        // The finder pattern's top edge is one run of 7, inside the quiet zone.
        assert!(svg.contains(r#"d="M4 4h7v1h-7z"#), "{svg}");
        assert!(!svg.contains("href"));
    }

    #[test]
    fn a_text_too_long_for_any_code_is_an_error() {
        assert!(svg(&"x".repeat(3000)).is_err());
    }
}
