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

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template failed: {0}")]
    Template(#[from] askama::Error),
}

/// The site and its pages by path.
#[derive(Debug)]
pub struct Pages {
    site: Site,
    by_path: BTreeMap<String, Page>,
    /// Paths in reading order: home, audiences, services, then the rest.
    order: Vec<String>,
}

impl Pages {
    pub fn new(site: Site) -> Self {
        let order = view::page_list(&site);
        Pages {
            by_path: order.iter().cloned().collect(),
            order: order.into_iter().map(|(p, _)| p).collect(),
            site,
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
        let site = &self.site;
        let now = &schedule::site_time(site, now);
        Ok(match page {
            Page::Home => view::HomePage::new(site, now).render()?,
            Page::Service(i) => view::ServicePage::new(site, i, now).render()?,
            Page::Audience(i) => view::AudiencePage::new(site, i, now).render()?,
            Page::Access => view::AccessPage::new(site, now).render()?,
            Page::Faq => view::FaqPage::new(site, now).render()?,
            Page::About => view::AboutPage::new(site, now).render()?,
            Page::Accessibility => view::AccessibilityPage::new(site, now).render()?,
        })
    }

    pub fn render_not_found(&self, now: Timestamp) -> Result<String, RenderError> {
        let now = &schedule::site_time(&self.site, now);
        Ok(view::NotFoundPage::new(&self.site, now).render()?)
    }

    /// `/api/v1/status.json` at `now`.
    pub fn status_json(&self, now: Timestamp) -> String {
        let now = schedule::site_time(&self.site, now);
        view::status::Status::new(&self.site, &now).to_json()
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

    /// Every document of the site at `now`, by URL path: the pages, the 404 page (as
    /// `/404.html`), the sitemap, the status JSON and the calendars. `build` writes these;
    /// `serve` renders the same ones per request.
    pub fn documents(&self, now: Timestamp) -> Result<Vec<(String, String)>, RenderError> {
        let mut docs = Vec::new();
        for path in self.paths() {
            if let Some(page) = self.page(path) {
                docs.push((path.to_string(), self.render(page, now)?));
            }
        }
        docs.push(("/404.html".to_string(), self.render_not_found(now)?));
        docs.push((urls::SITEMAP.to_string(), self.sitemap()));
        docs.push((urls::STATUS_JSON.to_string(), self.status_json(now)));
        docs.push((urls::CALENDAR.to_string(), self.calendar(now)));
        for e in &self.site.events {
            if let Some(ics) = self.event_calendar(&e.id, now) {
                docs.push((urls::event_calendar(&e.id), ics));
            }
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
