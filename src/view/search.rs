//! Step 4 of the flow (view): the search page, from the model and `crate::search`'s hits:
//! what the site's pages say, as plain entries for `crate::search`, and the page that shows
//! a query's hits. Without a query (and in the static export, where nothing runs per
//! request) the page lists every service instead.

use askama::Template;

// The shared macros name these types.
#[allow(unused_imports)]
use super::contact::KnownView;
// The template's `|inline` and `|plain` are found here.
use super::filters::{self, Filled};
use super::layout::Layout;
use super::pages::Ctx;
use super::parts::{LinkView, service_link, titled_layout};
use super::urls;
use crate::model::{Block, Blocks, Site, inline};
use crate::search::{self, Entry, Hit, QueryError};

/// Everything a person can find, in `site`'s language: services first (results link
/// to them), then who they are for, the questions, and the other pages.
pub fn entries(site: &Site) -> Vec<Entry> {
    let u = urls::of(site);
    let p = &site.pages;
    let mut out = Vec::new();
    let mut push = |url: String, title: &str, parts: &[&str]| {
        out.push(Entry {
            url,
            title: inline::plain(title),
            text: inline::plain(
                &parts
                    .iter()
                    .filter(|t| !t.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        });
    };
    for s in &site.services {
        let body = text(&s.body);
        let aka = s.also_known_as.as_deref().unwrap_or("");
        let contact = &site.contacts[s.contact];
        let line = format!("{} {}", contact.name, contact.phone.display);
        push(u.service(&s.id), &s.name, &[aka, &s.summary, &body, &line]);
    }
    for a in &site.audiences {
        push(u.audience(&a.id), &a.title, &[&a.summary, &text(&a.body)]);
    }
    for q in &p.faq.questions {
        let url = format!("{}#{}", u.page(urls::FAQ), q.id);
        push(url, &q.question, &[&text(&q.answer)]);
    }
    for s in &p.about.sections {
        let url = format!("{}#{}", u.page(urls::ABOUT), s.id);
        push(url, &s.heading, &[&text(&s.body)]);
    }
    let places: Vec<String> = p
        .access
        .places
        .iter()
        .map(|&i| {
            let place = &site.places[i];
            format!("{} {}", place.name, place.address)
        })
        .collect();
    let places = places.join("\n");
    push(
        u.page(urls::ACCESS),
        &p.access.title,
        &[&p.access.lead, &places, &text(&p.access.body)],
    );
    if let Some(urgent) = &p.urgent {
        let lines: Vec<String> = site
            .contacts
            .iter()
            .filter(|c| c.kind != crate::model::ContactKind::Service)
            .map(|c| format!("{} {}", c.name, c.phone.display))
            .collect();
        push(
            u.page(urls::URGENT),
            &urgent.title,
            &[&urgent.lead, &urgent.busy, &lines.join("\n")],
        );
    }
    let points = p.home.points.join("\n");
    push(u.home(), &p.home.title, &[&p.home.lead, &points]);
    push(
        u.page(urls::ACCESSIBILITY),
        &p.accessibility.title,
        &[&p.accessibility.lead, &p.accessibility.target],
    );
    let l = &site.labels;
    push(u.page(urls::HANDOUT), &l.handout, &[&l.handout_lead]);
    out
}

fn text(blocks: &Blocks) -> String {
    let mut lines = Vec::new();
    for b in blocks.iter() {
        match b {
            Block::Heading { text, .. } | Block::Paragraph(text) => lines.push(text.as_str()),
            Block::List(items) => lines.extend(items.iter().map(String::as_str)),
        }
    }
    lines.join("\n")
}

/// What the page shows under the form.
pub enum Outcome<'a> {
    /// No query: every service.
    All(Vec<LinkView<'a>>),
    /// A query the search cannot take, and why.
    Problem(String),
    Found {
        /// "「家族」の検索結果: 3件": the label's markup, and the query as plain text.
        summary: Filled<'a>,
        hits: Vec<Hit<'a>>,
    },
}

#[derive(Template)]
#[template(path = "search.html")]
pub struct SearchPage<'a> {
    pub layout: Layout<'a>,
    pub title: &'a str,
    pub action: String,
    /// What the person typed, for the field's `value`.
    pub query: String,
    pub outcome: Outcome<'a>,
}

impl<'a> SearchPage<'a> {
    /// `query` is what the person typed, `None` when the page is opened without one.
    pub fn new(cx: &Ctx<'a>, index: &'a search::Index, query: Option<&str>) -> Self {
        let site = cx.site;
        let l = &site.labels;
        let outcome = match query {
            None => Outcome::All(
                site.services
                    .iter()
                    .map(|s| service_link(site, s))
                    .collect(),
            ),
            Some(q) => match index.search(q) {
                Ok(hits) => Outcome::Found {
                    summary: Filled::new(&l.search_results)
                        .with("{query}", q.trim())
                        .with("{n}", hits.len().to_string()),
                    hits,
                },
                Err(QueryError::Empty) => Outcome::Problem(l.search_empty.clone()),
                Err(QueryError::TooLong { max_chars }) => {
                    Outcome::Problem(l.search_too_long.replace("{max}", &max_chars.to_string()))
                }
                Err(QueryError::TooManyTerms { max }) => {
                    Outcome::Problem(l.search_too_many_terms.replace("{max}", &max.to_string()))
                }
            },
        };
        SearchPage {
            layout: titled_layout(cx, urls::SEARCH, &l.search, &l.search_lead),
            title: &l.search,
            action: urls::of(site).page(urls::SEARCH),
            query: query.unwrap_or("").to_string(),
            outcome,
        }
    }
}
