//! Step 4 of the flow (view): the accessibility statement: the checks, when they were made,
//! and each published page's results. Built from the model and the page registry.

use askama::Template;

use super::layout::Layout;
use super::pages::{Ctx, page_list, page_title};
use super::parts::{DateView, titled_layout};
use super::urls;

// The templates' shared macros name these, and their `|inline` and `|plain` are found here.
use super::contact::KnownView;
use super::filters;
use crate::model::Block;

/// One page's row in the accessibility statement's results table.
pub struct ResultRow<'a> {
    pub href: String,
    pub title: String,
    pub results: Vec<&'a str>,
}

#[derive(Template)]
#[template(path = "accessibility.html")]
pub struct AccessibilityPage<'a> {
    pub layout: Layout<'a>,
    pub page: &'a crate::model::AccessibilityPage,
    pub tested_on: DateView,
    /// "2026年11月25日に行った検査の、ページごとの結果"
    pub results_caption: String,
    pub checks: Vec<&'a str>,
    pub rows: Vec<ResultRow<'a>>,
}

impl<'a> AccessibilityPage<'a> {
    pub fn new(cx: &Ctx<'a>) -> Self {
        let site = cx.site;
        let p = &site.pages.accessibility;
        let tested_on = DateView::new(&site.labels, p.tested_on);
        AccessibilityPage {
            layout: titled_layout(cx, urls::ACCESSIBILITY, &p.title, &p.lead),
            page: p,
            results_caption: site
                .labels
                .a11y_results_caption
                .replace("{date}", &tested_on.text),
            tested_on,
            checks: p.checks.iter().map(|c| c.name.as_str()).collect(),
            // Every page is checked the same way and the suite fails on any finding, so
            // every page that is published has every check's result.
            rows: page_list(site)
                .into_iter()
                .map(|(href, page)| ResultRow {
                    title: page_title(site, page).into_owned(),
                    href,
                    results: p.checks.iter().map(|c| c.result.as_str()).collect(),
                })
                .collect(),
        }
    }
}
