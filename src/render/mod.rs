//! Step 5 of the flow (render): the list of pages the site has, and the one renderer
//! that turns a path into a finished document. The server asks it per request; a static
//! export would walk the same list, so both produce the same bytes.

use std::collections::BTreeMap;

use askama::Template;
use jiff::Timestamp;

use crate::content::Content;
use crate::model::Site;
use crate::parallel;
use crate::schedule;
use crate::view::{self, urls};

pub use crate::view::Page;
pub use assets::{Asset, Assets, Fnv1a, fnv1a};
pub use load::{Folders, LoadError, Loaded};

mod assets;
mod load;

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

/// One document of `Pages::documents`, not yet rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Page(Edition, Page),
    NotFound(Edition),
    /// The QR code of a service page: edition, service.
    Qr(Edition, usize),
    Sitemap,
    Robots,
    /// `/favicon.ico`, where browsers and other clients look for the site's icon: the
    /// static file `favicon.ico`, at the root.
    Favicon(usize),
    StatusJson,
    ServicesJson,
    Calendar,
    /// One event's calendar (events are the same in every language).
    EventCalendar(usize),
    /// A static file under its own name, and under a name that carries its hash.
    Asset(usize),
    HashedAsset(usize),
}

impl Entry {
    /// How long a copy may be kept; `Caching::Timed` documents are rendered again when the
    /// time reaches the next change, the others only for new content.
    pub fn caching(&self) -> Caching {
        match self {
            Entry::Page(..)
            | Entry::NotFound(_)
            | Entry::StatusJson
            | Entry::ServicesJson
            | Entry::Calendar
            | Entry::EventCalendar(_) => Caching::Timed,
            Entry::Qr(..)
            | Entry::Sitemap
            | Entry::Robots
            | Entry::Favicon(_)
            | Entry::Asset(_) => Caching::Revalidate,
            Entry::HashedAsset(_) => Caching::Immutable,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template failed: {0}")]
    Template(#[from] askama::Error),
    #[error("cannot make the QR code of a page's address: {0}")]
    Qr(#[from] qrcode::types::QrError),
}

/// What a query of the handout form gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handout {
    /// Nothing chosen: the form.
    Form,
    /// The handout of the choices.
    Page(String),
    /// A query the form could not have sent: a page that says why, to send with 400.
    Problem(String),
}

/// Which language edition of the site: an index into `Pages::sites`, 0 the default.
pub type Edition = usize;

/// The site in every language and its pages by path.
#[derive(Debug)]
pub struct Pages {
    /// The default language first, then each translation.
    sites: Vec<Site>,
    /// The static files, each also under a name that carries a hash of its bytes.
    assets: Assets,
    /// The URL pages link the stylesheet by.
    stylesheet: String,
    /// The URL pages link the site's icon by (`<link rel="icon">`), where `static/` has
    /// `icon.svg`; hashed like the stylesheet.
    icon: Option<String>,
    by_path: BTreeMap<String, (Edition, Page)>,
    /// What each edition's search page searches.
    search: Vec<crate::search::Index>,
    /// Paths in reading order: home, audiences, services, then the rest; each language
    /// after the other.
    order: Vec<String>,
    /// Where the pages' forms send readers' reports.
    feedback: view::feedback::FeedbackTarget,
}

/// What the page that answers a reader's report says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedbackAnswer {
    Thanks,
    Refused(view::feedback::Refused),
}

impl Pages {
    pub fn new(content: Content, assets: Assets) -> Self {
        let stylesheet = assets
            .get("site.css")
            .map_or_else(|| urls::STYLESHEET.to_string(), |a| a.hashed_path());
        let icon = assets.get(urls::ICON_FILE).map(|a| a.hashed_path());
        let mut by_path = BTreeMap::new();
        let mut order = Vec::new();
        for (edition, site) in content.sites.iter().enumerate() {
            for (path, page) in view::page_list(site) {
                by_path.insert(path.clone(), (edition, page));
                order.push(path);
            }
        }
        // One index per language, on every core: they share nothing.
        let search = parallel::map(&content.sites, |site| {
            crate::search::Index::new(view::search::entries(site))
        });
        let feedback = match &content.sites[0].feedback.instance {
            Some(url) => view::feedback::FeedbackTarget::Instance(url.clone()),
            None => view::feedback::FeedbackTarget::Off,
        };
        Pages {
            feedback,
            search,
            sites: content.sites,
            by_path,
            order,
            assets,
            stylesheet,
            icon,
        }
    }

    /// The pages of a server that takes readers' reports itself: unless the content
    /// names the one server that takes them, every page's form posts to its own server.
    /// (Without this, as in the static export, pages have a form only where the content
    /// names that server.)
    pub fn taking_feedback_here(mut self) -> Self {
        if self.feedback == view::feedback::FeedbackTarget::Off {
            self.feedback = view::feedback::FeedbackTarget::Here;
        }
        self
    }

    /// Where the pages' forms send readers' reports.
    pub fn feedback_target(&self) -> &view::feedback::FeedbackTarget {
        &self.feedback
    }

    /// The page that answers a report sent from `about` (a page of `edition`, when
    /// known); `None` when the content has no words for the form.
    pub fn render_feedback(
        &self,
        edition: Edition,
        about: Option<Page>,
        answer: FeedbackAnswer,
        now: Timestamp,
    ) -> Result<Option<String>, RenderError> {
        let site = &self.sites[edition];
        let Some(l) = site.labels.feedback.as_ref() else {
            return Ok(None);
        };
        let back = about.map(|page| {
            let path = self.page_path(edition, page);
            // From the one server that takes reports, back to the site's own address.
            let href = match self.feedback {
                view::feedback::FeedbackTarget::Instance(_) => urls::absolute(site, &path),
                _ => path,
            };
            (href, view::page_title(site, page))
        });
        // An audience's handout has a title of its own making, hence the Cow.
        let back = back
            .as_ref()
            .map(|(href, title)| (href.clone(), title.as_ref()));
        self.with_ctx(edition, now, |cx| {
            Ok(match answer {
                FeedbackAnswer::Thanks => {
                    cx.render(view::feedback::FeedbackPage::thanks(cx, l, back))?
                }
                FeedbackAnswer::Refused(why) => {
                    cx.render(view::feedback::FeedbackPage::refused(cx, l, why, back))?
                }
            })
        })
        .map(Some)
    }

    /// The site in its default language.
    pub fn site(&self) -> &Site {
        &self.sites[0]
    }

    /// The site in every language, the default first.
    pub fn sites(&self) -> &[Site] {
        &self.sites
    }

    /// Every page's path, in reading order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(String::as_str)
    }

    pub fn page(&self, path: &str) -> Option<(Edition, Page)> {
        self.by_path.get(path).copied()
    }

    /// Where `page` of `edition` is (`/en/search/`).
    pub fn page_path(&self, edition: Edition, page: Page) -> String {
        let site = &self.sites[edition];
        urls::of(site).page(&view::page_path(site, page))
    }

    /// The page as it is at `now`: open or closed, the next dates.
    pub fn render(
        &self,
        edition: Edition,
        page: Page,
        now: Timestamp,
    ) -> Result<String, RenderError> {
        self.with_ctx(edition, now, |cx| {
            Ok(match page {
                Page::Home => cx.render(view::HomePage::new(cx))?,
                Page::Service(i) => cx.render(view::ServicePage::new(cx, i))?,
                Page::Audience(i) => cx.render(view::AudiencePage::new(cx, i))?,
                Page::Access => cx.render(view::AccessPage::new(cx))?,
                Page::Faq => cx.render(view::FaqPage::new(cx))?,
                Page::About => cx.render(view::AboutPage::new(cx))?,
                Page::Accessibility => cx.render(view::AccessibilityPage::new(cx))?,
                Page::Search => cx.render(view::search::SearchPage::new(
                    cx,
                    &self.search[edition],
                    None,
                ))?,
                // The page is listed only where the content has its words.
                Page::Urgent => match view::UrgentPage::new(cx) {
                    Some(urgent) => cx.render(urgent)?,
                    None => cx.render(view::MessagePage::not_found(cx))?,
                },
                Page::Handout => cx.render(view::HandoutFormPage::new(cx))?,
                Page::AudienceHandout(i) => cx.render(view::HandoutPage::audience(cx, i)?)?,
            })
        })
    }

    /// The search page of `edition` with the hits for `query`, made per request.
    pub fn render_search(
        &self,
        edition: Edition,
        query: &str,
        now: Timestamp,
    ) -> Result<String, RenderError> {
        self.with_ctx(edition, now, |cx| {
            Ok(cx.render(view::search::SearchPage::new(
                cx,
                &self.search[edition],
                Some(query),
            ))?)
        })
    }

    /// The handout page of `edition` for the query its form sent, made per request: the
    /// handout of the choices, a page that says why there is none (400), or, when nothing
    /// was chosen, `Handout::Form` (the form's own document answers).
    pub fn render_handout(
        &self,
        edition: Edition,
        query: &str,
        now: Timestamp,
    ) -> Result<Handout, RenderError> {
        self.with_ctx(edition, now, |cx| {
            Ok(match view::handout::choices(cx.site, query) {
                Ok(chosen) if chosen.is_empty() => Handout::Form,
                Ok(chosen) => Handout::Page(cx.render(view::HandoutPage::chosen(cx, &chosen)?)?),
                Err(problem) => {
                    Handout::Problem(cx.render(view::MessagePage::handout_problem(cx, problem))?)
                }
            })
        })
    }

    pub fn render_not_found(
        &self,
        edition: Edition,
        now: Timestamp,
    ) -> Result<String, RenderError> {
        self.with_ctx(edition, now, |cx| {
            Ok(cx.render(view::MessagePage::not_found(cx))?)
        })
    }

    /// The page for a request the site cannot answer (a wrong method, an overlong
    /// address); the server sends it with the right 4xx status.
    pub fn render_request_error(
        &self,
        edition: Edition,
        now: Timestamp,
    ) -> Result<String, RenderError> {
        self.with_ctx(edition, now, |cx| {
            Ok(cx.render(view::MessagePage::request_error(cx))?)
        })
    }

    /// Calls `page` with what a page of `edition` at `now` is built from. Untranslated
    /// text is in the default language; it is marked as such where that is not the
    /// page's own.
    fn with_ctx<T>(
        &self,
        edition: Edition,
        now: Timestamp,
        page: impl FnOnce(&view::Ctx<'_>) -> Result<T, RenderError>,
    ) -> Result<T, RenderError> {
        let site = &self.sites[edition];
        let now = schedule::site_time(site, now);
        let default_lang = &self.site().language.lang;
        let cx = view::Ctx {
            site,
            now: &now,
            stylesheet: &self.stylesheet,
            icon: self.icon.as_deref(),
            values: view::filters::PageValues {
                untranslated_lang: (*default_lang != site.language.lang).then_some(default_lang),
            },
            feedback: &self.feedback,
        };
        page(&cx)
    }

    /// `/api/v1/status.json` at `now`.
    pub fn status_json(&self, now: Timestamp) -> String {
        let now = schedule::site_time(self.site(), now);
        view::status::Status::new(self.site(), &now).to_json()
    }

    /// `/api/v1/services.json`: every service as Open Referral HSDS 3.0.
    pub fn services_json(&self, now: Timestamp) -> String {
        let now = schedule::site_time(self.site(), now);
        view::hsds::services_json(self.site(), &now)
    }

    /// `/calendar.ics`: every event.
    pub fn calendar(&self, now: Timestamp) -> String {
        let now = schedule::site_time(self.site(), now);
        view::calendar::calendar(self.site(), &self.site().events, &self.site().name, &now)
    }

    /// `/calendar/<id>.ics`: the event at `event` in the content's list.
    pub fn event_calendar(&self, event: usize, now: Timestamp) -> String {
        let event = &self.site().events[event];
        let now = schedule::site_time(self.site(), now);
        let name = format!("{} – {}", event.name, self.site().name);
        view::calendar::calendar(self.site(), std::iter::once(event), &name, &now)
    }

    /// Every document of the site at `now`: the pages, each service page's QR code, the
    /// 404 page (as `/404.html`), the sitemap, the status JSON, the calendars and the
    /// static files. `build` writes these and `serve` answers from them, so both send the
    /// same bytes. They are rendered on every core.
    pub fn documents(&self, now: Timestamp) -> Result<Vec<Document>, RenderError> {
        parallel::map(&self.entries(), |entry| self.document(entry, now))
            .into_iter()
            .collect()
    }

    /// What `documents` holds, before rendering: a list to share out between threads,
    /// and to tell what depends on the time from what does not.
    pub fn entries(&self) -> Vec<Entry> {
        let mut entries = Vec::new();
        for path in self.paths() {
            if let Some((edition, page)) = self.page(path) {
                entries.push(Entry::Page(edition, page));
            }
        }
        entries.extend((0..self.sites.len()).map(Entry::NotFound));
        for (edition, site) in self.sites.iter().enumerate() {
            entries.extend((0..site.services.len()).map(|service| Entry::Qr(edition, service)));
        }
        entries.extend([
            Entry::Sitemap,
            Entry::Robots,
            Entry::StatusJson,
            Entry::ServicesJson,
            Entry::Calendar,
        ]);
        entries.extend((0..self.site().events.len()).map(Entry::EventCalendar));
        if let Some(i) = self
            .assets
            .0
            .iter()
            .position(|a| a.name == urls::FAVICON_FILE)
        {
            entries.push(Entry::Favicon(i));
        }
        for asset in 0..self.assets.0.len() {
            entries.extend([Entry::Asset(asset), Entry::HashedAsset(asset)]);
        }
        entries
    }

    /// What the QR code of a service page holds: the page's address. The code depends on
    /// nothing else, so a new snapshot can keep a code whose text is unchanged.
    pub fn qr_text(&self, edition: Edition, service: usize) -> String {
        let site = &self.sites[edition];
        view::qr::page_url(site, &site.services[service])
    }

    /// One document at `now`.
    pub fn document(&self, entry: &Entry, now: Timestamp) -> Result<Document, RenderError> {
        let html = "text/html; charset=utf-8";
        let ics = "text/calendar; charset=utf-8";
        let caching = entry.caching();
        let doc = |path: String, content_type, body: String| Document {
            path,
            status: 200,
            content_type,
            body: body.into_bytes(),
            caching,
        };
        Ok(match *entry {
            Entry::Page(edition, page) => doc(
                self.page_path(edition, page),
                html,
                self.render(edition, page, now)?,
            ),
            Entry::NotFound(edition) => Document {
                status: 404,
                ..doc(
                    not_found_path(&self.sites[edition]),
                    html,
                    self.render_not_found(edition, now)?,
                )
            },
            Entry::Qr(edition, service) => {
                let site = &self.sites[edition];
                doc(
                    urls::of(site).page(&urls::service_qr(&site.services[service].id)),
                    "image/svg+xml",
                    view::qr::svg(&self.qr_text(edition, service))?,
                )
            }
            Entry::Sitemap => doc(
                urls::SITEMAP.into(),
                "application/xml; charset=utf-8",
                self.sitemap()?,
            ),
            Entry::Robots => doc(
                urls::ROBOTS.into(),
                "text/plain; charset=utf-8",
                self.robots(),
            ),
            Entry::StatusJson => doc(
                urls::STATUS_JSON.into(),
                "application/json",
                self.status_json(now),
            ),
            Entry::ServicesJson => doc(
                urls::SERVICES_JSON.into(),
                "application/json",
                self.services_json(now),
            ),
            Entry::Calendar => doc(urls::CALENDAR.into(), ics, self.calendar(now)),
            Entry::EventCalendar(event) => doc(
                urls::event_calendar(&self.site().events[event].id),
                ics,
                self.event_calendar(event, now),
            ),
            Entry::Asset(asset) | Entry::HashedAsset(asset) | Entry::Favicon(asset) => {
                let a = &self.assets.0[asset];
                Document {
                    path: match entry {
                        Entry::HashedAsset(_) => a.hashed_path(),
                        Entry::Favicon(_) => urls::FAVICON.to_string(),
                        _ => a.path(),
                    },
                    status: 200,
                    content_type: a.content_type,
                    body: a.bytes.clone(),
                    caching,
                }
            }
        })
    }

    /// When what the pages say next changes after `now`; a cached page is good until then.
    pub fn next_change(&self, now: Timestamp) -> Option<Timestamp> {
        let now = schedule::site_time(self.site(), now);
        schedule::next_change(self.site(), &now).map(|t| t.timestamp())
    }

    /// The sitemaps.org document: every page of every language with its absolute URL
    /// and the same page in the other languages as `xhtml:link` alternates.
    pub fn sitemap(&self) -> Result<String, RenderError> {
        let pages = self
            .paths()
            .filter_map(|path| self.page(path).map(|(_, page)| (path, page)));
        Ok(view::sitemap::Sitemap::new(&self.sites, pages).render()?)
    }

    /// `robots.txt`: everything may be read, and where the sitemap is.
    pub fn robots(&self) -> String {
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            urls::absolute(self.site(), urls::SITEMAP)
        )
    }
}

/// Where the 404 page of `site`'s language is kept (static hosts look for `/404.html`).
pub fn not_found_path(site: &Site) -> String {
    format!("{}/404.html", site.language.prefix)
}
