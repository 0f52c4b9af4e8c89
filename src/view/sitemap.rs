//! Step 4 of the flow (view): `/sitemap.xml` in the sitemaps.org format, every page of
//! every language with its other languages as `xhtml:link` alternates. The template
//! (templates/sitemap.xml) escapes every value.

use askama::Template;

use crate::model::Site;

use super::pages::{Page, page_path};
use super::urls;

#[derive(Template)]
#[template(path = "sitemap.xml")]
pub struct Sitemap {
    pub urls: Vec<SitemapUrl>,
}

pub struct SitemapUrl {
    pub loc: String,
    /// When its facts were last compared with the sources (service pages).
    pub lastmod: Option<String>,
    pub alternates: Vec<Alternate>,
}

pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

impl Sitemap {
    /// `pages` in reading order, each with its edition's path; `sites` the site in every
    /// language, the default first.
    pub fn new<'a>(sites: &[Site], pages: impl Iterator<Item = (&'a str, Page)>) -> Self {
        let default = &sites[0];
        let urls = pages
            .map(|(path, page)| {
                let own = page_path(default, page);
                let alternates = match sites.len() {
                    1 => Vec::new(),
                    _ => sites
                        .iter()
                        .map(|s| (s.language.hreflang.as_str(), &s.language.prefix))
                        .chain(std::iter::once(("x-default", &default.language.prefix)))
                        .map(|(hreflang, prefix)| Alternate {
                            hreflang: hreflang.to_string(),
                            href: urls::absolute(default, &format!("{prefix}{own}")),
                        })
                        .collect(),
                };
                SitemapUrl {
                    loc: urls::absolute(default, path),
                    lastmod: match page {
                        Page::Service(i) => Some(default.services[i].checks.newest().to_string()),
                        _ => None,
                    },
                    alternates,
                }
            })
            .collect();
        Sitemap { urls }
    }
}
