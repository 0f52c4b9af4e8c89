//! Step 4 of the flow (view), its registry: every page the site has, by kind, with its path
//! and its title, and the context every page view is built from and rendered with. It reads
//! the model; `render`, the sitemap and the accessibility statement walk its list.

use std::borrow::Cow;

use askama::Template;
use jiff::ZonedDateTime;

use super::filters;
use super::handout;
use super::layout::Layout;
use super::untranslated::Untranslated;
use super::urls;
use crate::model::{Idx, Site};

/// What every page view is built from: the site, the instant it shows, the URLs of the
/// stylesheet and the icon (which carry a hash of their content, so they can be cached for
/// good), and what the templates' filters need to know (the language of untranslated text).
pub struct Ctx<'a> {
    pub site: &'a Site,
    pub now: &'a ZonedDateTime,
    pub stylesheet: &'a str,
    /// `None` where the static files have no icon.
    pub icon: Option<&'a str>,
    pub values: filters::PageValues<'a>,
    /// Where the pages' forms send readers' reports.
    pub feedback: &'a super::feedback::FeedbackTarget,
}

impl Ctx<'_> {
    /// Renders a page, once: whether it shows any text untranslated is read from its view
    /// first, so the notice that says so is in place.
    pub fn render<'p>(&self, mut page: impl PageView<'p>) -> Result<String, askama::Error> {
        if page.untranslated() {
            let layout = page.layout_mut();
            layout.fallback_notice = Some(&layout.l.fallback_notice);
        }
        page.render_with_values(&self.values)
    }
}

/// A page's view: its template, and the layout every page shares.
pub trait PageView<'a>: Template + Untranslated {
    fn layout_mut(&mut self) -> &mut Layout<'a>;
}

/// A page the site serves, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    Service(Idx),
    Audience(Idx),
    Access,
    Faq,
    About,
    Accessibility,
    /// The search form; without a query it lists every service.
    Search,
    /// Every urgent line, its hours and whether it is open now.
    Urgent,
    /// The handout form; the handout of a choice is made per request.
    Handout,
    /// An audience's ready handout.
    AudienceHandout(Idx),
}

/// Every page with its path, in reading order: home, audiences, services, then the rest.
/// The sitemap, the server, the export and the accessibility statement all use this list.
/// Paths are those of `site`'s language.
pub fn page_list(site: &Site) -> Vec<(String, Page)> {
    let u = urls::of(site);
    let mut list = vec![(u.home(), Page::Home)];
    list.extend(
        site.audiences
            .iter()
            .enumerate()
            .map(|(i, a)| (u.audience(&a.id), Page::Audience(i))),
    );
    list.extend(
        site.services
            .iter()
            .enumerate()
            .map(|(i, s)| (u.service(&s.id), Page::Service(i))),
    );
    for (path, page) in [
        (urls::ACCESS, Page::Access),
        (urls::FAQ, Page::Faq),
        (urls::ABOUT, Page::About),
        (urls::ACCESSIBILITY, Page::Accessibility),
        (urls::SEARCH, Page::Search),
    ] {
        list.push((u.page(path), page));
    }
    if site.pages.urgent.is_some() {
        list.push((u.page(urls::URGENT), Page::Urgent));
    }
    list.push((u.page(urls::HANDOUT), Page::Handout));
    list.extend(
        site.audiences
            .iter()
            .enumerate()
            .map(|(i, a)| (u.audience_handout(&a.id), Page::AudienceHandout(i))),
    );
    list
}

/// A page's path in the default language; `urls::Urls::page` gives it in another.
pub fn page_path(site: &Site, page: Page) -> String {
    match page {
        Page::Home => urls::HOME.to_string(),
        Page::Service(i) => urls::service(&site.services[i].id),
        Page::Audience(i) => urls::audience(&site.audiences[i].id),
        Page::Access => urls::ACCESS.to_string(),
        Page::Faq => urls::FAQ.to_string(),
        Page::About => urls::ABOUT.to_string(),
        Page::Accessibility => urls::ACCESSIBILITY.to_string(),
        Page::Search => urls::SEARCH.to_string(),
        Page::Urgent => urls::URGENT.to_string(),
        Page::Handout => urls::HANDOUT.to_string(),
        Page::AudienceHandout(i) => urls::audience_handout(&site.audiences[i].id),
    }
}

/// The `<h1>` of a page.
pub fn page_title(site: &Site, page: Page) -> Cow<'_, str> {
    Cow::Borrowed(match page {
        Page::Home => &site.pages.home.title,
        Page::Service(i) => &site.services[i].name,
        Page::Audience(i) => &site.audiences[i].title,
        Page::Access => &site.pages.access.title,
        Page::Faq => &site.pages.faq.title,
        Page::About => &site.pages.about.title,
        Page::Accessibility => &site.pages.accessibility.title,
        Page::Search => &site.labels.search,
        Page::Urgent => site.pages.urgent.as_ref().map_or("", |p| p.title.as_str()),
        Page::Handout => &site.labels.handout,
        Page::AudienceHandout(i) => return Cow::Owned(handout::audience_title(site, i)),
    })
}
