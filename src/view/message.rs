//! Step 4 of the flow (view): the page that only says something went wrong: the 404 page
//! and the page for requests the site cannot answer. Built from the labels alone.

use askama::Template;

use super::layout::Layout;
use super::pages::Ctx;
use super::parts::primary_help;
use super::urls;

// The templates' shared macros name these, and their `|inline` and `|plain` are found here.
use super::contact::KnownView;
use super::filters;

/// A page that only says something went wrong and how to go on: the 404 page, and the
/// page for requests the site cannot answer (wrong method, overlong address, …).
#[derive(Template)]
#[template(path = "not_found.html")]
pub struct MessagePage<'a> {
    pub layout: Layout<'a>,
    pub title: &'a str,
    pub body: &'a str,
    /// The home page in the page's own language.
    pub home_href: String,
}

impl<'a> MessagePage<'a> {
    pub fn not_found(cx: &Ctx<'a>) -> Self {
        let l = &cx.site.labels;
        Self::new(cx, &l.not_found_title, &l.not_found_body)
    }

    pub fn request_error(cx: &Ctx<'a>) -> Self {
        let l = &cx.site.labels;
        Self::new(cx, &l.request_error_title, &l.request_error_body)
    }

    fn new(cx: &Ctx<'a>, title: &'a str, body: &'a str) -> Self {
        MessagePage {
            // What went wrong and how to go on is all the page says.
            layout: Layout::new(
                cx,
                "",
                Some(title),
                body,
                Vec::new(),
                primary_help(cx.site, cx.now),
            ),
            title,
            body,
            home_href: urls::of(cx.site).home(),
        }
    }
}
