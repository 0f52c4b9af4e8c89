//! Step 4 of the flow (view): the home page: its lead, the ways in by audience and by
//! channel, the next date of the featured event, and every service. Built from the model
//! and the schedule's dates.

use askama::Template;

use super::layout::Layout;
use super::pages::Ctx;
use super::parts::{EventView, LinkView, primary_help, service_link};
use super::urls;

// The templates' shared macros name these, and their `|inline` and `|plain` are found here.
use super::contact::KnownView;
use super::filters;
use super::parts::EventPlace;

/// The event the home page shows, with its heading and the link to its service.
pub struct Featured<'a> {
    /// "家族会の日程"
    pub heading: String,
    pub event: EventView<'a>,
    /// "家族会について詳しく"
    pub read_more: String,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage<'a> {
    pub layout: Layout<'a>,
    pub title: &'a str,
    pub lead: &'a str,
    pub points: &'a [String],
    pub audiences: Vec<LinkView<'a>>,
    pub channels: Vec<LinkView<'a>>,
    pub featured: Option<Featured<'a>>,
    pub services: Vec<LinkView<'a>>,
}

impl<'a> HomePage<'a> {
    pub fn new(cx: &Ctx<'a>) -> Self {
        let (site, now) = (cx.site, cx.now);
        let home = &site.pages.home;
        HomePage {
            // The site's own description says what the home page is about.
            layout: Layout::new(
                cx,
                urls::HOME,
                None,
                &site.description,
                Vec::new(),
                primary_help(site, now),
            ),
            title: &home.title,
            lead: &home.lead,
            points: &home.points,
            audiences: site
                .audiences
                .iter()
                .map(|a| LinkView {
                    href: urls::of(site).audience(&a.id),
                    name: &a.title,
                    summary: &a.summary,
                })
                .collect(),
            channels: site
                .channels
                .iter()
                .map(|c| LinkView {
                    href: urls::of(site).service(&site.services[c.service].id),
                    name: &c.name,
                    summary: &c.summary,
                })
                .collect(),
            featured: site.featured_event.map(|e| {
                let e = &site.events[e];
                Featured {
                    heading: site.labels.next_event.replace("{event}", &e.name),
                    event: EventView::new(site, e, None, now),
                    read_more: site.labels.read_more.replace("{name}", &e.name),
                }
            }),
            services: site
                .services
                .iter()
                .map(|s| service_link(site, s))
                .collect(),
        }
    }
}
