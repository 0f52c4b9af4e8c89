//! What every page shares: the language, the title, the navigation, the breadcrumbs, the
//! contact block and the footer. `templates/base.html` reads this struct and nothing else
//! of the model.

use crate::model::{Contact, Labels};

use super::Ctx;
use super::contact::ContactView;
use super::urls;

pub struct Layout<'a> {
    pub lang: &'a str,
    /// The `<title>`: "page – site", or the site name alone on the home page.
    pub title: String,
    pub description: &'a str,
    pub site_name: &'a str,
    pub stylesheet: &'a str,
    pub nav: Vec<NavItem<'a>>,
    /// Empty on the home page; the last crumb is the current page.
    pub breadcrumbs: Vec<Crumb>,
    pub help: ContactView<'a>,
    /// The site's main line, the same in every page's footer.
    pub footer_contact: &'a Contact,
    pub operator: &'a str,
    /// Links in the footer: about the site, the accessibility statement.
    pub footer_links: Vec<NavItem<'a>>,
    pub l: &'a Labels,
}

pub struct NavItem<'a> {
    pub href: String,
    pub name: &'a str,
    pub current: bool,
}

pub struct Crumb {
    pub href: String,
    pub name: String,
}

impl<'a> Layout<'a> {
    /// `path` marks the current navigation item; `trail` is the breadcrumb trail after
    /// home, ending with the current page.
    pub fn new(
        cx: &Ctx<'a>,
        path: &str,
        page_title: Option<&str>,
        trail: Vec<Crumb>,
        help: ContactView<'a>,
    ) -> Self {
        let site = cx.site;
        let l = &site.labels;
        let pages = &site.pages;
        let mut nav = vec![NavItem {
            href: urls::HOME.to_string(),
            name: &l.home,
            current: path == urls::HOME,
        }];
        for a in &site.audiences {
            let href = urls::audience(&a.id);
            nav.push(NavItem {
                current: path == href,
                href,
                name: &a.name,
            });
        }
        for (href, name) in [
            (urls::ACCESS, &pages.access.nav_name),
            (urls::FAQ, &pages.faq.nav_name),
            (urls::ABOUT, &pages.about.nav_name),
        ] {
            nav.push(NavItem {
                href: href.to_string(),
                name,
                current: path == href,
            });
        }
        let breadcrumbs = if trail.is_empty() {
            Vec::new()
        } else {
            let mut crumbs = vec![Crumb {
                href: urls::HOME.to_string(),
                name: l.home.clone(),
            }];
            crumbs.extend(trail);
            crumbs
        };
        Layout {
            lang: &site.language,
            title: match page_title {
                Some(t) => format!("{t} – {}", site.name),
                None => site.name.clone(),
            },
            description: &site.description,
            site_name: &site.name,
            stylesheet: cx.stylesheet,
            nav,
            breadcrumbs,
            help,
            footer_contact: &site.contacts[site.primary_contact],
            operator: &site.operator,
            footer_links: [
                (urls::ABOUT, &pages.about.nav_name),
                (urls::ACCESSIBILITY, &pages.accessibility.nav_name),
            ]
            .into_iter()
            .map(|(href, name)| NavItem {
                href: href.to_string(),
                name,
                current: path == href,
            })
            .collect(),
            l,
        }
    }
}
