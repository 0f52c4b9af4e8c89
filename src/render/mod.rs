//! Step 4 of the flow (render): the list of pages the site has, and the one renderer
//! that turns a path into a finished document. The server asks it per request; a static
//! export would walk the same list, so both produce the same bytes.

use std::collections::BTreeMap;

use askama::Template;
use jiff::Timestamp;

use crate::model::Site;
use crate::schedule;
use crate::view::{self, urls};

pub use crate::view::Page;
pub use assets::{Asset, Assets, fnv1a};

mod assets;

/// How long a copy of a document may be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caching {
    /// Depends on the time: until the next change of any state or date.
    Timed,
    /// Changes only with the content or files: ask again each time (with the ETag).
    Revalidate,
    /// Never changes under this name (the name carries a hash of the bytes).
    Immutable,
}

/// One finished document of the site, at a path.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: String,
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub caching: Caching,
}

impl Document {
    fn timed(path: &str, content_type: &'static str, body: String) -> Document {
        Document {
            path: path.to_string(),
            status: 200,
            content_type,
            body: body.into_bytes(),
            caching: Caching::Timed,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template failed: {0}")]
    Template(#[from] askama::Error),
}

/// The site and its pages by path.
#[derive(Debug)]
pub struct Pages {
    site: Site,
    /// The static files, each also under a name that carries a hash of its bytes.
    assets: Assets,
    /// The URL pages link the stylesheet by.
    stylesheet: String,
    by_path: BTreeMap<String, Page>,
    /// Paths in reading order: home, audiences, services, then the rest.
    order: Vec<String>,
}

impl Pages {
    pub fn new(site: Site, assets: Assets) -> Self {
        let stylesheet = assets
            .get("site.css")
            .map_or_else(|| urls::STYLESHEET.to_string(), |a| a.hashed_path());
        let order = view::page_list(&site);
        Pages {
            by_path: order.iter().cloned().collect(),
            order: order.into_iter().map(|(p, _)| p).collect(),
            site,
            assets,
            stylesheet,
        }
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Every page's path, in reading order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(String::as_str)
    }

    pub fn page(&self, path: &str) -> Option<Page> {
        self.by_path.get(path).copied()
    }

    /// The page as it is at `now`: open or closed, the next dates.
    pub fn render(&self, page: Page, now: Timestamp) -> Result<String, RenderError> {
        let now = schedule::site_time(&self.site, now);
        let cx = &self.cx(&now);
        Ok(match page {
            Page::Home => view::HomePage::new(cx).render()?,
            Page::Service(i) => view::ServicePage::new(cx, i).render()?,
            Page::Audience(i) => view::AudiencePage::new(cx, i).render()?,
            Page::Access => view::AccessPage::new(cx).render()?,
            Page::Faq => view::FaqPage::new(cx).render()?,
            Page::About => view::AboutPage::new(cx).render()?,
            Page::Accessibility => view::AccessibilityPage::new(cx).render()?,
        })
    }

    pub fn render_not_found(&self, now: Timestamp) -> Result<String, RenderError> {
        let now = schedule::site_time(&self.site, now);
        Ok(view::MessagePage::not_found(&self.cx(&now)).render()?)
    }

    /// The page for a request the site cannot answer (a wrong method, an overlong
    /// address); the server sends it with the right 4xx status.
    pub fn render_request_error(&self, now: Timestamp) -> Result<String, RenderError> {
        let now = schedule::site_time(&self.site, now);
        Ok(view::MessagePage::request_error(&self.cx(&now)).render()?)
    }

    fn cx<'a>(&'a self, now: &'a jiff::ZonedDateTime) -> view::Ctx<'a> {
        view::Ctx {
            site: &self.site,
            now,
            stylesheet: &self.stylesheet,
        }
    }

    /// `/api/v1/status.json` at `now`.
    pub fn status_json(&self, now: Timestamp) -> String {
        let now = schedule::site_time(&self.site, now);
        view::status::Status::new(&self.site, &now).to_json()
    }

    /// `/api/v1/services.json`: every service as Open Referral HSDS 3.0.
    pub fn services_json(&self, now: Timestamp) -> String {
        let now = schedule::site_time(&self.site, now);
        view::hsds::services_json(&self.site, &now)
    }

    /// `/calendar.ics`: every event.
    pub fn calendar(&self, now: Timestamp) -> String {
        let now = schedule::site_time(&self.site, now);
        view::calendar::calendar(&self.site, &self.site.events, &self.site.name, &now)
    }

    /// `/calendar/<id>.ics`: one event, or `None` for an unknown id.
    pub fn event_calendar(&self, id: &str, now: Timestamp) -> Option<String> {
        let event = self.site.events.iter().find(|e| e.id == id)?;
        let now = schedule::site_time(&self.site, now);
        let name = format!("{} – {}", event.name, self.site.name);
        Some(view::calendar::calendar(
            &self.site,
            std::iter::once(event),
            &name,
            &now,
        ))
    }

    /// Every document of the site at `now`: the pages, the 404 page (as `/404.html`), the
    /// sitemap, the status JSON, the calendars and the static files. `build` writes these
    /// and `serve` answers from them, so both send the same bytes.
    pub fn documents(&self, now: Timestamp) -> Result<Vec<Document>, RenderError> {
        let html = "text/html; charset=utf-8";
        let ics = "text/calendar; charset=utf-8";
        let mut docs = Vec::new();
        for path in self.paths() {
            if let Some(page) = self.page(path) {
                docs.push(Document::timed(path, html, self.render(page, now)?));
            }
        }
        let mut not_found = Document::timed("/404.html", html, self.render_not_found(now)?);
        not_found.status = 404;
        docs.push(not_found);
        docs.push(Document {
            caching: Caching::Revalidate,
            ..Document::timed(
                urls::SITEMAP,
                "application/xml; charset=utf-8",
                self.sitemap(),
            )
        });
        docs.push(Document::timed(
            urls::STATUS_JSON,
            "application/json",
            self.status_json(now),
        ));
        docs.push(Document::timed(
            urls::SERVICES_JSON,
            "application/json",
            self.services_json(now),
        ));
        docs.push(Document::timed(urls::CALENDAR, ics, self.calendar(now)));
        for e in &self.site.events {
            if let Some(cal) = self.event_calendar(&e.id, now) {
                docs.push(Document::timed(&urls::event_calendar(&e.id), ics, cal));
            }
        }
        for a in &self.assets.0 {
            docs.push(Document {
                path: a.path(),
                status: 200,
                content_type: a.content_type,
                body: a.bytes.clone(),
                caching: Caching::Revalidate,
            });
            docs.push(Document {
                path: a.hashed_path(),
                status: 200,
                content_type: a.content_type,
                body: a.bytes.clone(),
                caching: Caching::Immutable,
            });
        }
        Ok(docs)
    }

    /// When what the pages say next changes after `now`; a cached page is good until then.
    pub fn next_change(&self, now: Timestamp) -> Option<Timestamp> {
        let now = schedule::site_time(&self.site, now);
        schedule::next_change(&self.site, &now).map(|t| t.timestamp())
    }

    /// The sitemaps.org document: every page with its absolute URL.
    pub fn sitemap(&self) -> String {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for path in self.paths() {
            xml.push_str("<url><loc>");
            xml.push_str(&xml_escape(&format!("{}{path}", self.site.base_url)));
            xml.push_str("</loc>");
            if let Some(Page::Service(i)) = self.page(path) {
                xml.push_str("<lastmod>");
                xml.push_str(&self.site.services[i].verified_on.to_string());
                xml.push_str("</lastmod>");
            }
            xml.push_str("</url>\n");
        }
        xml.push_str("</urlset>\n");
        xml
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
