//! Step 4 of the flow (view): the access page: every place the site names, with its
//! address, the way there and its map. Built from the model.

use askama::Template;

use super::layout::Layout;
use super::pages::Ctx;
use super::parts::{PlaceView, titled_layout};
use super::urls;
use crate::model::Blocks;

// The templates' shared macros name these, and their `|inline` and `|plain` are found here.
use super::contact::KnownView;
use super::filters;
use crate::model::Block;

#[derive(Template)]
#[template(path = "access.html")]
pub struct AccessPage<'a> {
    pub layout: Layout<'a>,
    pub title: &'a str,
    pub lead: &'a str,
    pub places: Vec<PlaceView<'a>>,
    pub body: &'a Blocks,
}

impl<'a> AccessPage<'a> {
    pub fn new(cx: &Ctx<'a>) -> Self {
        let site = cx.site;
        let p = &site.pages.access;
        AccessPage {
            layout: titled_layout(cx, urls::ACCESS, &p.title, &p.lead),
            title: &p.title,
            lead: &p.lead,
            places: p
                .places
                .iter()
                .map(|&i| PlaceView::new(site, &site.places[i]))
                .collect(),
            body: &p.body,
        }
    }
}
