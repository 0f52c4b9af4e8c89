//! Step 4 of the flow (view): the site's URLs, from the model's ids and base URL. They are
//! part of the interface (people share and print them), so they live in one place and
//! always end with a slash. Pages exist once per language: the default language's at these
//! paths, a translation's under `/<language id>` (`Urls`); files that are the same in every
//! language (the stylesheet, the data, the calendars) have one path.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

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
/// The site's icon in `static/`, linked from every page under its hashed name.
pub const ICON_FILE: &str = "icon.svg";
/// The icon for clients that look for it at `/favicon.ico` (the file in `static/`).
pub const FAVICON_FILE: &str = "favicon.ico";
pub const FAVICON: &str = "/favicon.ico";
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

/// What a link's query may carry as it is: RFC 3986's unreserved characters. Everything
/// else is percent-encoded as UTF-8, as RFC 6068 asks of a `mailto:` header value and a
/// query parameter needs of an address (its `:`, `/`, `?`, `&`, `#`).
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn query_value(text: &str) -> String {
    utf8_percent_encode(text, QUERY_VALUE).to_string()
}

/// A `mailto:` link with no address (the sender picks one), whose subject and body are
/// filled in (RFC 6068; lines of the body end with CRLF, as mail does).
pub fn mailto(subject: &str, body: &str) -> String {
    let body = body.replace("\r\n", "\n").replace('\n', "\r\n");
    format!(
        "mailto:?subject={}&body={}",
        query_value(subject),
        query_value(&body)
    )
}

/// LINE's page for sending a link in a LINE message (its "share button" address, as LINE's
/// developer documentation gives it for a button of one's own). Nothing is asked of LINE
/// until a person follows the link; LINE then reads the page's preview fields.
pub fn line_share(url: &str) -> String {
    format!(
        "https://social-plugins.line.me/lineit/share?url={}",
        query_value(url)
    )
}

/// The QR code of a service page's address, beside the page.
pub fn service_qr(id: &str) -> String {
    format!("/services/{id}/qr.svg")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailto_encodes_subject_and_body_as_rfc_6068_asks() {
        assert_eq!(
            mailto("Walk & talk – Desk", "Tea after?\nhttps://e.org/a/?b=1#c"),
            "mailto:?subject=Walk%20%26%20talk%20%E2%80%93%20Desk\
             &body=Tea%20after%3F%0D%0Ahttps%3A%2F%2Fe.org%2Fa%2F%3Fb%3D1%23c"
        );
        // Japanese as UTF-8; a space is %20, never `+`.
        assert_eq!(
            mailto("相談 窓口", ""),
            "mailto:?subject=%E7%9B%B8%E8%AB%87%20%E7%AA%93%E5%8F%A3&body="
        );
    }

    #[test]
    fn the_line_link_carries_the_address_encoded() {
        assert_eq!(
            line_share("https://example.org/services/dial/"),
            "https://social-plugins.line.me/lineit/share?url=https%3A%2F%2Fexample.org%2Fservices%2Fdial%2F"
        );
    }
}
