//! Step 4 of the flow (view): an audience's page: who it is for, the services for them, and
//! a link to the same services as a handout to print.
//! Built from the model.

use askama::Template;

use super::layout::Layout;
use super::pages::Ctx;
use super::parts::{LinkView, service_link, titled_layout};
use super::urls;
use crate::model::{Blocks, Idx};

// The templates' shared macros name these, and their `|inline` and `|plain` are found here.
use super::contact::KnownView;
use super::filters;
use crate::model::Block;

#[derive(Template)]
#[template(path = "audience.html")]
pub struct AudiencePage<'a> {
    pub layout: Layout<'a>,
    pub title: &'a str,
    pub summary: &'a str,
    pub body: &'a Blocks,
    pub services: Vec<LinkView<'a>>,
    /// The audience's ready handout: the same services, to print.
    pub handout_href: String,
}

impl<'a> AudiencePage<'a> {
    pub fn new(cx: &Ctx<'a>, idx: Idx) -> Self {
        let site = cx.site;
        let a = &site.audiences[idx];
        let path = urls::audience(&a.id);
        AudiencePage {
            layout: titled_layout(cx, &path, &a.title, &a.summary),
            title: &a.title,
            summary: &a.summary,
            body: &a.body,
            services: site
                .services_for(idx)
                .map(|(_, s)| service_link(site, s))
                .collect(),
            handout_href: urls::of(site).audience_handout(&a.id),
        }
    }
}
