//! Step 4 of the flow (view): what every page shares, from the model: the language, the
//! title and description, the links to the page in other languages, the preview fields
//! for shared links,
//! the navigation, the breadcrumbs, the contact block and the footer. `templates/base.html`
//! reads this struct and nothing else of the model.

use crate::model::{Anonymity, Contact, ContactKind, Cost, Labels, Site, inline};

use super::contact::ContactView;
use super::pages::Ctx;
use super::parts::PhoneLink;
use super::urls;

pub struct Layout<'a> {
    pub lang: &'a str,
    /// The `<title>`: "page – site", or the site name alone on the home page.
    pub title: String,
    pub site_name: &'a str,
    pub home_href: String,
    pub stylesheet: &'a str,
    /// The site's icon, for `<link rel="icon">`.
    pub icon: Option<&'a str>,
    /// The page's absolute URL; `None` for pages that have no address of their own (the
    /// 404 page answers at any address).
    pub canonical: Option<String>,
    pub share: Share,
    /// The same page in every language, this one included.
    pub languages: Vec<LanguageLink<'a>>,
    pub language_switch_label: &'a str,
    /// Said at the top when some text is shown in the default language; set by
    /// `Ctx::render`, which knows from the whole page's view.
    pub fallback_notice: Option<&'a str>,
    /// Said at the top of a page whose facts were checked too long ago.
    pub stale_notice: Option<String>,
    pub search_href: String,
    /// The urgent help page, linked from the header of every page.
    pub urgent: Option<NavItem<'a>>,
    /// The short line for danger to life, on every page.
    pub danger: Option<DangerLine<'a>>,
    pub nav: Vec<NavItem<'a>>,
    /// Empty on the home page; the last crumb is the current page.
    pub breadcrumbs: Vec<Crumb>,
    pub help: ContactView<'a>,
    /// The site's main line, the same in every page's footer.
    pub footer_contact: &'a Contact,
    pub footer_phone: PhoneLink<'a>,
    /// What the footer says of every service: only what the data says of each one.
    pub claims: Vec<&'a str>,
    pub operator: &'a str,
    /// That the site is not the official one, and a link to the official one.
    pub official: &'a crate::model::Official,
    /// Links in the footer: the handout form, about the site, the accessibility statement.
    pub footer_links: Vec<NavItem<'a>>,
    /// The sitemap, linked last in the footer.
    pub sitemap_href: &'static str,
    pub l: &'a Labels,
    /// The form "was this page helpful?" after the page's main content, where the site
    /// takes reports; and what the about and accessibility pages say of it.
    pub feedback: Option<super::feedback::FeedbackForm<'a>>,
    pub feedback_section: Option<&'a crate::model::Section>,
}

/// The OpenGraph fields of a shared link's preview; plain text (no ruby). The title is the
/// page's own (the site's name on the home page), the description its summary.
pub struct Share {
    pub title: String,
    pub description: String,
    pub locale: String,
    pub alternate_locales: Vec<String>,
    /// Absolute URL and description of the picture.
    pub image: Option<(String, String)>,
}

pub struct LanguageLink<'a> {
    /// Absolute, for `<link rel="alternate">`.
    pub url: String,
    pub href: String,
    pub lang: &'a str,
    pub hreflang: &'a str,
    pub label: &'a str,
    pub current: bool,
}

pub struct NavItem<'a> {
    pub href: String,
    pub name: &'a str,
    pub current: bool,
}

/// "命に危険があるときは、119（消防・救急）または110（警察）へ電話してください。": the
/// sentence around the numbers, each number a `tel:` link followed by its name.
pub struct DangerLine<'a> {
    pub before: &'a str,
    pub numbers: Vec<DangerNumber<'a>>,
    pub after: &'a str,
}

pub struct DangerNumber<'a> {
    /// What stands before this number: nothing, a list separator, or "or".
    pub joiner: &'a str,
    pub tel: String,
    pub number: &'a str,
    /// The name after the number, in the content's brackets: "（消防・救急）".
    pub name: String,
}

impl<'a> DangerLine<'a> {
    /// From the emergency contacts; `None` when the site has none.
    pub fn new(site: &'a Site) -> Option<Self> {
        let l = &site.labels;
        let emergency: Vec<&Contact> = site
            .contacts_of(ContactKind::Emergency)
            .map(|(_, c)| c)
            .collect();
        if emergency.is_empty() {
            return None;
        }
        let (before, after) = super::format::around(&l.danger_line, "{numbers}");
        let last = emergency.len() - 1;
        let numbers = emergency
            .into_iter()
            .enumerate()
            .map(|(i, c)| DangerNumber {
                joiner: match i {
                    0 => "",
                    i if i == last => &l.or,
                    _ => &l.list_separator,
                },
                tel: urls::tel(&c.phone.digits),
                number: &c.phone.display,
                name: super::format::aside(l, "", &c.name),
            })
            .collect();
        Some(DangerLine {
            before,
            numbers,
            after,
        })
    }
}

pub struct Crumb {
    pub href: String,
    pub name: String,
}

/// The words the footer may say of the whole site, from the data: "free" only if every
/// service is free, "without a name" only if every one can be used so, "with a nickname"
/// only if every one can be used at least so. No claim where one service's is not known.
fn claims(site: &Site) -> Vec<&str> {
    let l = &site.labels;
    let every = |ok: &dyn Fn(&crate::model::Service) -> bool| {
        !site.services.is_empty() && site.services.iter().all(ok)
    };
    let mut claims = Vec::new();
    if every(&|s| s.cost == Cost::Free) {
        claims.push(l.footer_all_free.as_str());
    }
    if every(&|s| s.anonymity == Anonymity::Anonymous) {
        claims.push(&l.footer_all_anonymous);
    } else if every(&|s| matches!(s.anonymity, Anonymity::Anonymous | Anonymity::Nickname)) {
        claims.push(&l.footer_all_nickname);
    }
    claims
}

impl<'a> Layout<'a> {
    /// `path` is the page's path in the default language (empty for a page with no
    /// address); `trail` is the breadcrumb trail after home, ending with the current
    /// page, with default-language paths too. Both are put in the page's language here.
    /// `summary` is what the page is about in a sentence or two, its own (a service's
    /// summary, a page's lead): search engines and shared links show it as the page's
    /// description, so no two pages should share one.
    pub fn new(
        cx: &Ctx<'a>,
        path: &str,
        page_title: Option<&str>,
        summary: &str,
        trail: Vec<Crumb>,
        help: ContactView<'a>,
    ) -> Self {
        let site = cx.site;
        let l = &site.labels;
        let pages = &site.pages;
        let u = urls::of(site);
        let here = u.page(path);
        let nav_item = |href: String, name: &'a str| NavItem {
            current: !path.is_empty() && href == here,
            href,
            name,
        };
        let mut nav = vec![nav_item(u.home(), &l.home)];
        for a in &site.audiences {
            nav.push(nav_item(u.audience(&a.id), &a.name));
        }
        for (href, name) in [
            (urls::ACCESS, &pages.access.nav_name),
            (urls::FAQ, &pages.faq.nav_name),
            (urls::ABOUT, &pages.about.nav_name),
        ] {
            nav.push(nav_item(u.page(href), name));
        }
        let breadcrumbs = if trail.is_empty() {
            Vec::new()
        } else {
            let mut crumbs = vec![Crumb {
                href: u.home(),
                name: l.home.clone(),
            }];
            crumbs.extend(trail.into_iter().map(|c| Crumb {
                href: u.page(&c.href),
                name: c.name,
            }));
            crumbs
        };
        // A page without an address of its own links to each language's home page.
        let target = if path.is_empty() { urls::HOME } else { path };
        let languages = site
            .languages
            .iter()
            .map(|lang| {
                let href = format!("{}{target}", lang.prefix);
                LanguageLink {
                    url: urls::absolute(site, &href),
                    href,
                    lang: &lang.lang,
                    hreflang: &lang.hreflang,
                    label: &lang.label,
                    current: lang.prefix == site.language.prefix,
                }
            })
            .collect();
        let title = match page_title {
            Some(t) => format!("{t} – {}", site.name),
            None => site.name.clone(),
        };
        let share = Share {
            title: inline::plain(page_title.unwrap_or(&site.name)),
            description: inline::plain(summary),
            locale: site.language.locale.clone(),
            alternate_locales: site
                .languages
                .iter()
                .map(|lang| lang.locale.clone())
                .filter(|locale| *locale != site.language.locale)
                .fold(Vec::new(), |mut all, locale| {
                    if !all.contains(&locale) {
                        all.push(locale);
                    }
                    all
                }),
            image: site.image.as_ref().map(|(file, alt)| {
                (
                    urls::absolute(site, &format!("/static/{file}")),
                    inline::plain(alt),
                )
            }),
        };
        Layout {
            lang: &site.language.lang,
            title,
            site_name: &site.name,
            home_href: u.home(),
            stylesheet: cx.stylesheet,
            icon: cx.icon,
            canonical: (!path.is_empty()).then(|| urls::absolute(site, &here)),
            share,
            languages,
            language_switch_label: &l.language_switch,
            fallback_notice: None,
            stale_notice: None,
            search_href: u.page(urls::SEARCH),
            urgent: pages
                .urgent
                .as_ref()
                .map(|p| nav_item(u.page(urls::URGENT), &p.nav_name)),
            danger: DangerLine::new(site),
            nav,
            breadcrumbs,
            help,
            footer_contact: &site.contacts[site.primary_contact],
            footer_phone: PhoneLink::new(&site.contacts[site.primary_contact].phone),
            claims: claims(site),
            operator: &site.operator,
            official: &site.official,
            footer_links: [
                (urls::HANDOUT, &l.handout),
                (urls::ABOUT, &pages.about.nav_name),
                (urls::ACCESSIBILITY, &pages.accessibility.nav_name),
            ]
            .into_iter()
            .map(|(href, name)| nav_item(u.page(href), name))
            .collect(),
            sitemap_href: urls::SITEMAP,
            l,
            feedback: super::feedback::FeedbackForm::new(cx, path),
            feedback_section: super::feedback::section(cx),
        }
    }
}
