//! Step 4 of the flow (view): the about page: how the site is made, every fact that is not
//! known, when each service was checked, and every source. Built from the model.

use askama::Template;

use super::layout::Layout;
use super::pages::Ctx;
use super::parts::{ChecksView, LinkView, SourceView, service_link, source_views, titled_layout};
use super::{unknowns, urls};

// The templates' shared macros name these, and their `|inline` and `|plain` are found here.
use super::contact::KnownView;
use super::filters;
use crate::model::Block;

pub struct VerificationRow<'a> {
    pub link: LinkView<'a>,
    pub checks: ChecksView<'a>,
}

#[derive(Template)]
#[template(path = "about.html")]
pub struct AboutPage<'a> {
    pub layout: Layout<'a>,
    pub title: &'a str,
    pub lead: &'a str,
    pub sections: &'a [crate::model::Section],
    /// Every fact the content marks as not known.
    pub not_known: Option<unknowns::NotKnownView<'a>>,
    pub verification: Vec<VerificationRow<'a>>,
    /// Every source the site draws on.
    pub sources: Vec<SourceView<'a>>,
}

impl<'a> AboutPage<'a> {
    pub fn new(cx: &Ctx<'a>) -> Self {
        let site = cx.site;
        let p = &site.pages.about;
        let l = &site.labels;
        AboutPage {
            layout: titled_layout(cx, urls::ABOUT, &p.title, &p.lead),
            title: &p.title,
            lead: &p.lead,
            sections: &p.sections,
            not_known: unknowns::NotKnownView::all(site),
            verification: site
                .services
                .iter()
                .map(|s| VerificationRow {
                    link: service_link(site, s),
                    checks: ChecksView::new(l, None, &s.checks),
                })
                .collect(),
            sources: source_views(site, &(0..site.sources.len()).collect::<Vec<_>>()),
        }
    }
}
