//! Step 4 of the flow (view): the page that only says something went wrong: the 404 page,
//! the page for requests the site cannot answer, and for a handout that cannot be made.
//! Built from the labels alone.

use askama::Template;

use super::layout::Layout;
use super::pages::Ctx;
use super::parts::primary_help;
use super::urls;

// The templates' shared macros name these, and their `|inline` and `|plain` are found here.
use super::contact::KnownView;
use super::filters;
use super::handout;

/// A page that only says something went wrong and how to go on: the 404 page, and the
/// page for requests the site cannot answer (wrong method, overlong address, …).
#[derive(Template)]
#[template(path = "not_found.html")]
pub struct MessagePage<'a> {
    pub layout: Layout<'a>,
    pub title: &'a str,
    pub body: String,
    /// Where to go on: the home page, or the form a request came from, in the page's
    /// own language.
    pub back_href: String,
    pub back: &'a str,
}

impl<'a> MessagePage<'a> {
    pub fn not_found(cx: &Ctx<'a>) -> Self {
        let l = &cx.site.labels;
        Self::new(cx, &l.not_found_title, l.not_found_body.clone())
    }

    pub fn request_error(cx: &Ctx<'a>) -> Self {
        let l = &cx.site.labels;
        Self::new(cx, &l.request_error_title, l.request_error_body.clone())
    }

    /// A choice the handout form could not have sent, and why; it leads back to the form.
    pub fn handout_problem(cx: &Ctx<'a>, problem: handout::Problem) -> Self {
        let l = &cx.site.labels;
        MessagePage {
            back_href: urls::of(cx.site).page(urls::HANDOUT),
            back: &l.handout_back,
            ..Self::new(
                cx,
                &l.handout_problem_title,
                handout::problem_text(cx.site, problem),
            )
        }
    }

    fn new(cx: &Ctx<'a>, title: &'a str, body: String) -> Self {
        MessagePage {
            // What went wrong and how to go on is all the page says.
            layout: Layout::new(
                cx,
                "",
                Some(title),
                &body,
                Vec::new(),
                primary_help(cx.site, cx.now),
            ),
            title,
            body,
            back_href: urls::of(cx.site).home(),
            back: &cx.site.labels.back_home,
        }
    }
}
