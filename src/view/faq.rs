//! Step 4 of the flow (view): the questions page: each question, its answer and the
//! services it points to. Built from the model.

use askama::Template;

use super::layout::Layout;
use super::pages::Ctx;
use super::parts::{LinkView, service_link, titled_layout};
use super::urls;
use crate::model::Blocks;

// The templates' shared macros name these, and their `|inline` and `|plain` are found here.
use super::contact::KnownView;
use super::filters;
use crate::model::Block;

pub struct QuestionView<'a> {
    pub id: &'a str,
    pub question: &'a str,
    pub answer: &'a Blocks,
    pub services: Vec<LinkView<'a>>,
}

#[derive(Template)]
#[template(path = "faq.html")]
pub struct FaqPage<'a> {
    pub layout: Layout<'a>,
    pub title: &'a str,
    pub lead: &'a str,
    pub questions: Vec<QuestionView<'a>>,
}

impl<'a> FaqPage<'a> {
    pub fn new(cx: &Ctx<'a>) -> Self {
        let site = cx.site;
        let p = &site.pages.faq;
        FaqPage {
            layout: titled_layout(cx, urls::FAQ, &p.title, &p.lead),
            title: &p.title,
            lead: &p.lead,
            questions: p
                .questions
                .iter()
                .map(|q| QuestionView {
                    id: &q.id,
                    question: &q.question,
                    answer: &q.answer,
                    services: q
                        .services
                        .iter()
                        .map(|&s| service_link(site, &site.services[s]))
                        .collect(),
                })
                .collect(),
        }
    }
}
