//! Step 4 of the flow (view): readers' reports. The form "was this page helpful?" at the
//! end of every page (`FeedbackForm`, in the layout; `templates/feedback_form.html`), and
//! the page that answers a report (`FeedbackPage`): thanks, or why it was refused. Built
//! from the labels alone: what a reader wrote is never shown anywhere.

use askama::Template;

use super::layout::Layout;
use super::pages::Ctx;
use super::parts::primary_help;
use super::urls;
use crate::model::FeedbackLabels;
use crate::model::{FEEDBACK_MAX_TEXT_CHARS, Section, Site};

// The templates' shared macros name these, and their `|inline` and `|plain` are found here.
use super::contact::KnownView;
use super::filters;

/// Where a language's form posts, under its path prefix (`/en/feedback`).
pub const ENDPOINT: &str = "/feedback";
/// The page that thanks for a report, under the language's prefix; `?page=` names the
/// page it was about.
pub const THANKS: &str = "/feedback/thanks/";

/// Where the pages' forms send reports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum FeedbackTarget {
    /// No form (the static export of a site that names no instance).
    #[default]
    Off,
    /// To the server that serves the page (`serve` of a site that names no instance).
    Here,
    /// To the one server the content names (`[site.feedback] instance`), on every
    /// server and in the export.
    Instance(String),
}

impl FeedbackTarget {
    /// The origin the forms post to when it is not the page's own (for the
    /// `form-action` of the Content-Security-Policy).
    pub fn other_origin(&self) -> Option<&str> {
        match self {
            FeedbackTarget::Instance(url) => {
                let start = url.find("://").map_or(0, |i| i + 3);
                let end = url[start..].find('/').map_or(url.len(), |i| start + i);
                Some(&url[..end])
            }
            _ => None,
        }
    }
}

/// The value of the form's `lang` field for `site`'s language: its translation id, or
/// the default language's tag (`ja`, `en`, `easy`).
pub fn lang_value(site: &Site) -> &str {
    match site.language.id.as_str() {
        "" => &site.language.lang,
        id => id,
    }
}

/// The form at the end of a page.
pub struct FeedbackForm<'a> {
    pub l: &'a FeedbackLabels,
    pub action: String,
    /// The page's path in its language, as the hidden `page` field.
    pub page: String,
    pub lang: &'a str,
    pub max: usize,
    pub text_label: String,
}

impl<'a> FeedbackForm<'a> {
    /// The form for the page at `path` (in its language); `None` for a page without an
    /// address of its own, or a site without the form's labels or a place to post to.
    pub fn new(cx: &Ctx<'a>, path: &str) -> Option<Self> {
        let site = cx.site;
        let l = site.labels.feedback.as_ref()?;
        if path.is_empty() {
            return None;
        }
        let endpoint = urls::of(site).page(ENDPOINT);
        let action = match cx.feedback {
            FeedbackTarget::Off => return None,
            FeedbackTarget::Here => endpoint,
            FeedbackTarget::Instance(url) => format!("{url}{endpoint}"),
        };
        Some(FeedbackForm {
            l,
            action,
            page: urls::of(site).page(path),
            lang: lang_value(site),
            max: FEEDBACK_MAX_TEXT_CHARS,
            text_label: l
                .text_label
                .replace("{max}", &FEEDBACK_MAX_TEXT_CHARS.to_string()),
        })
    }
}

/// What the about and accessibility pages say of the reports, where the pages have the
/// form.
pub fn section<'a>(cx: &Ctx<'a>) -> Option<&'a Section> {
    let site = cx.site;
    site.labels.feedback.as_ref()?;
    match cx.feedback {
        FeedbackTarget::Off => None,
        _ => site.pages.feedback.as_ref(),
    }
}

/// Why a report was refused, as the reader is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    CrossSite,
    TooLarge,
    Form,
    Answer,
    TextTooLong,
    Page,
    TooMany,
    Unavailable,
}

/// The page the form leads to: thanks, or why the report was refused, with a link back
/// to the page it was about.
#[derive(Template)]
#[template(path = "feedback.html")]
pub struct FeedbackPage<'a> {
    pub layout: Layout<'a>,
    pub title: &'a str,
    pub paragraphs: Vec<String>,
    /// The page the report was about: its address, and the link's text.
    pub back_href: Option<String>,
    pub back_text: Option<String>,
    pub home_href: String,
}

impl<'a> FeedbackPage<'a> {
    /// `back`: the page's address and title.
    pub fn thanks(cx: &Ctx<'a>, l: &'a FeedbackLabels, back: Option<(String, &str)>) -> Self {
        let days = cx.site.feedback.retention_days.to_string();
        Self::new(
            cx,
            l,
            &l.thanks_title,
            vec![
                l.thanks_body.clone(),
                l.thanks_kept.replace("{days}", &days),
            ],
            back,
        )
    }

    pub fn refused(
        cx: &Ctx<'a>,
        l: &'a FeedbackLabels,
        why: Refused,
        back: Option<(String, &str)>,
    ) -> Self {
        let reason = match why {
            Refused::CrossSite => l.refused_cross_site.clone(),
            Refused::TooLarge => l.refused_too_large.clone(),
            Refused::Form => l.refused_form.clone(),
            Refused::Answer => l.refused_answer.clone(),
            Refused::TextTooLong => l
                .refused_text_too_long
                .replace("{max}", &FEEDBACK_MAX_TEXT_CHARS.to_string()),
            Refused::Page => l.refused_page.clone(),
            Refused::TooMany => l.refused_too_many.clone(),
            Refused::Unavailable => l.refused_unavailable.clone(),
        };
        Self::new(cx, l, &l.refused_title, vec![reason], back)
    }

    fn new(
        cx: &Ctx<'a>,
        l: &'a FeedbackLabels,
        title: &'a str,
        paragraphs: Vec<String>,
        back: Option<(String, &str)>,
    ) -> Self {
        FeedbackPage {
            // No address of its own: no canonical link, no form of its own.
            layout: Layout::new(
                cx,
                "",
                Some(title),
                title,
                Vec::new(),
                primary_help(cx.site, cx.now),
            ),
            title,
            paragraphs,
            back_text: back
                .as_ref()
                .map(|(_, page)| l.back_to_page.replace("{page}", page)),
            back_href: back.map(|(href, _)| href),
            home_href: urls::of(cx.site).home(),
        }
    }
}
