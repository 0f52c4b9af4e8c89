//! The site's URLs. They are part of the interface (people share and print them), so
//! they live in one place and always end with a slash.

pub const HOME: &str = "/";
pub const ACCESS: &str = "/access/";
pub const FAQ: &str = "/faq/";
pub const ABOUT: &str = "/about/";
pub const ACCESSIBILITY: &str = "/accessibility/";
pub const SITEMAP: &str = "/sitemap.xml";
pub const STYLESHEET: &str = "/static/site.css";
pub const STATUS_JSON: &str = "/api/v1/status.json";
/// Open Referral HSDS 3.0: the `/services` response with every service.
pub const SERVICES_JSON: &str = "/api/v1/services.json";
pub const CALENDAR: &str = "/calendar.ics";

pub fn service(id: &str) -> String {
    format!("/services/{id}/")
}

pub fn audience(id: &str) -> String {
    format!("/for/{id}/")
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
    let host_and_path = base_url
        .strip_prefix("https://")
        .or_else(|| base_url.strip_prefix("http://"))
        .unwrap_or(base_url);
    format!("webcal://{host_and_path}{path}")
}
