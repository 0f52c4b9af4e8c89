//! The site's URLs. They are part of the interface (people share and print them), so
//! they live in one place and always end with a slash.

pub const HOME: &str = "/";
pub const ACCESS: &str = "/access/";
pub const FAQ: &str = "/faq/";
pub const ABOUT: &str = "/about/";
pub const SITEMAP: &str = "/sitemap.xml";
pub const STYLESHEET: &str = "/static/site.css";

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
