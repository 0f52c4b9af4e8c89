//! Step 4 of the flow (view): the site's URLs, from the model's ids and base URL. They are
//! part of the interface (people share and print them), so they live in one place and
//! always end with a slash. Pages exist once per language: the default language's at these
//! paths, a translation's under `/<language id>` (`Urls`); files that are the same in every
//! language (the stylesheet, the data, the calendars) have one path.

use crate::model::Site;

pub const HOME: &str = "/";
pub const ACCESS: &str = "/access/";
pub const FAQ: &str = "/faq/";
pub const ABOUT: &str = "/about/";
pub const ACCESSIBILITY: &str = "/accessibility/";
pub const SEARCH: &str = "/search/";
/// The urgent help page: every urgent line, its hours, and whether it is open now.
pub const URGENT: &str = "/urgent/";
/// The handout form; with the chosen ids in its query, the handout of them.
pub const HANDOUT: &str = "/handout/";
pub const ROBOTS: &str = "/robots.txt";
pub const SERVICES_JSON: &str = "/api/v1/services.json";
pub const SITEMAP: &str = "/sitemap.xml";
pub const STYLESHEET: &str = "/static/site.css";
pub const STATUS_JSON: &str = "/api/v1/status.json";
/// Open Referral HSDS 3.0: the `/services` response with every service.
pub const CALENDAR: &str = "/calendar.ics";

pub fn service(id: &str) -> String {
    format!("/services/{id}/")
}

pub fn audience(id: &str) -> String {
    format!("/for/{id}/")
}

/// An audience's ready handout.
pub fn audience_handout(id: &str) -> String {
    format!("{HANDOUT}{id}/")
}

/// The pages of one language edition.
#[derive(Debug, Clone, Copy)]
pub struct Urls<'a> {
    prefix: &'a str,
}

/// The page URLs of `site`'s language.
pub fn of(site: &Site) -> Urls<'_> {
    Urls {
        prefix: &site.language.prefix,
    }
}

impl Urls<'_> {
    /// A default-language page path (`/faq/`) in this language (`/en/faq/`).
    pub fn page(&self, path: &str) -> String {
        format!("{}{path}", self.prefix)
    }

    pub fn home(&self) -> String {
        self.page(HOME)
    }

    pub fn service(&self, id: &str) -> String {
        self.page(&service(id))
    }

    pub fn audience(&self, id: &str) -> String {
        self.page(&audience(id))
    }

    pub fn audience_handout(&self, id: &str) -> String {
        self.page(&audience_handout(id))
    }
}

/// The absolute URL of a path: pages, open data, calendars and QR codes all build their
/// public addresses here.
pub fn absolute(site: &Site, path: &str) -> String {
    format!("{}{path}", site.base_url)
}

/// The host of the site's base URL (`127.0.0.1`, `example.org`), for identifiers that
/// must be unique to the site, such as calendar UIDs.
pub fn host(base_url: &str) -> &str {
    without_scheme(base_url)
        .split(['/', ':'])
        .next()
        .filter(|h| !h.is_empty())
        .unwrap_or("localhost")
}

/// `tel:` URI for a dialable number.
pub fn tel(digits: &str) -> String {
    format!("tel:{digits}")
}

/// One event's calendar file.
pub fn event_calendar(id: &str) -> String {
    format!("/calendar/{id}.ics")
}

/// A `webcal:` link to subscribe to a calendar at `path`, built from the site's base URL.
pub fn webcal(base_url: &str, path: &str) -> String {
    format!("webcal://{}{path}", without_scheme(base_url))
}

/// `example.org/ward` of `https://example.org/ward`.
fn without_scheme(base_url: &str) -> &str {
    base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest)
}

/// The QR code of a service page's address, beside the page.
pub fn service_qr(id: &str) -> String {
    format!("/services/{id}/qr.svg")
}
