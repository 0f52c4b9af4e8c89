//! Step 4 of the flow (view): a service's page: its facts, schedule, place, sources and
//! checks, what is not known about it, its JSON-LD and its printed address. Built from the
//! model and the schedule (dates, whether the facts are old).

use askama::Template;

use super::contact::ContactView;
use super::layout::Layout;
use super::pages::Ctx;
use super::parts::{
    ChecksView, EventView, LinkView, PlaceView, SendView, SourceView, crumb, service_link,
    source_views,
};
use super::{format, jsonld, qr, unknowns, urls};
use crate::model::{Anonymity, Blocks, Idx, Known};
use crate::schedule;

// The templates' shared macros name these, and their `|inline` and `|plain` are found here.
use super::contact::KnownView;
use super::filters;
use super::parts::EventPlace;
use crate::model::Block;

/// One labelled fact on a service page ("費用: 無料です").
pub struct Fact<'a> {
    pub label: &'a str,
    pub values: Vec<FactValue<'a>>,
    /// The fact is not known yet: said on screen, left off the paper.
    pub unknown: bool,
}

pub enum FactValue<'a> {
    Text(String),
    Link { href: String, text: &'a str },
}

#[derive(Template)]
#[template(path = "service.html")]
pub struct ServicePage<'a> {
    pub layout: Layout<'a>,
    pub name: &'a str,
    pub also_known_as: Option<&'a str>,
    pub summary: &'a str,
    pub body: &'a Blocks,
    pub events: Vec<EventView<'a>>,
    pub facts: Vec<Fact<'a>>,
    pub place: Option<PlaceView<'a>>,
    pub related: Vec<LinkView<'a>>,
    pub sources: Vec<SourceView<'a>>,
    /// The service's checks, then those of its events where they differ.
    pub checks: Vec<ChecksView<'a>>,
    /// What the page shows that is not known, from the data.
    pub not_known: Option<unknowns::NotKnownView<'a>>,
    /// schema.org data blocks for the `<head>`.
    pub jsonld: Vec<jsonld::JsonLd>,
    /// The page's address and its QR code, for print.
    pub print: qr::PrintLink<'a>,
    /// The page's address to copy, and links to send it by e-mail or LINE.
    pub send: SendView<'a>,
}

impl<'a> ServicePage<'a> {
    pub fn new(cx: &Ctx<'a>, idx: Idx) -> Self {
        let (site, now) = (cx.site, cx.now);
        let s = &site.services[idx];
        let l = &site.labels;
        let path = urls::service(&s.id);
        let help = ContactView::new(
            site,
            &site.contacts[s.contact],
            s.contact_note.as_deref(),
            now,
        );
        let with_note = |text: &str, note: &Option<String>| match note {
            Some(n) => format::sentences(text, n),
            None => text.to_string(),
        };
        let anonymity = match s.anonymity {
            Anonymity::Anonymous => &l.anonymity_anonymous,
            Anonymity::Nickname => &l.anonymity_nickname,
            Anonymity::NameRequired => &l.anonymity_name_required,
            Anonymity::Unknown => &l.anonymity_unknown,
        };
        let mut facts = vec![
            Fact {
                label: &l.audiences,
                unknown: false,
                values: s
                    .audiences
                    .iter()
                    .map(|&a| FactValue::Link {
                        href: urls::of(site).audience(&site.audiences[a].id),
                        text: &site.audiences[a].name,
                    })
                    .collect(),
            },
            Fact {
                label: &l.channels,
                unknown: false,
                values: s
                    .channels
                    .iter()
                    .map(|&c| FactValue::Text(site.channels[c].name.clone()))
                    .collect(),
            },
            Fact {
                label: &l.cost,
                unknown: false,
                values: vec![FactValue::Text(format::cost(
                    l,
                    s.cost,
                    s.cost_note.as_deref(),
                ))],
            },
            Fact {
                label: &l.name_heading,
                unknown: false,
                values: vec![FactValue::Text(with_note(anonymity, &s.anonymity_note))],
            },
        ];
        // Who provides it, where a source names them; a page of several desks names none.
        match s.organization {
            Known::Yes(o) => facts.push(Fact {
                label: &l.provider,
                unknown: false,
                values: vec![FactValue::Text(site.organizations[o].name.clone())],
            }),
            Known::Unknown => facts.push(Fact {
                label: &l.provider,
                unknown: true,
                values: vec![FactValue::Text(l.unknown_value.clone())],
            }),
            Known::NotApplicable => {}
        }
        let mut layout = Layout::new(
            cx,
            &path,
            Some(&s.name),
            &s.summary,
            crumb(&path, &s.name),
            help,
        );
        if schedule::is_stale(site, idx, now) {
            layout.stale_notice = Some(
                l.stale_notice
                    .replace("{date}", &format::date(l, site.page_checked(idx))),
            );
        }
        let checks = std::iter::once(ChecksView::new(l, None, &s.checks))
            .chain(
                site.events_of(idx)
                    .filter(|e| e.checks != s.checks)
                    .map(|e| ChecksView::new(l, Some(&e.name), &e.checks)),
            )
            .collect();
        let print = qr::PrintLink::new(site, s);
        let send = SendView::new(site, &layout.title, &s.summary, print.url.clone());
        ServicePage {
            layout,
            name: &s.name,
            also_known_as: s.also_known_as.as_deref(),
            summary: &s.summary,
            body: &s.body,
            events: site
                .events_of(idx)
                .map(|e| EventView::new(site, e, s.place, now))
                .collect(),
            facts,
            place: s.place.map(|p| PlaceView::new(site, &site.places[p])),
            related: s
                .related
                .iter()
                .map(|&r| service_link(site, &site.services[r]))
                .collect(),
            sources: source_views(site, &s.sources),
            checks,
            not_known: unknowns::NotKnownView::of_service(site, idx),
            jsonld: jsonld::service(site, idx, now),
            print,
            send,
        }
    }
}
