//! Step 4 of the flow (view): the urgent help page: every emergency and urgent line, its
//! hours and whether it is open now. Built from the model and the schedule's open/closed
//! states.

use askama::Template;
use jiff::ZonedDateTime;

use super::layout::Layout;
use super::pages::Ctx;
use super::parts::{SourceView, source_views, titled_layout};
use super::{contact, urls};
use crate::model::Site;

// The templates' shared macros name these, and their `|inline` and `|plain` are found here.
use super::contact::KnownView;
use super::filters;

/// One line on the urgent help page: its number, who runs it, whether it is open now,
/// its hours, what a call costs, and where this comes from.
pub struct UrgentLineView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub phone: &'a str,
    pub tel: String,
    pub operator: Option<&'a str>,
    /// `None` when the hours are not known: the page says so.
    pub status: Option<contact::StatusView<'a>>,
    pub hours: Option<contact::HoursView>,
    pub call_cost: Option<&'a str>,
    pub note: Option<&'a str>,
    pub sources: Vec<SourceView<'a>>,
}

impl<'a> UrgentLineView<'a> {
    fn new(site: &'a Site, c: &'a crate::model::Contact, now: &ZonedDateTime) -> Self {
        let l = &site.labels;
        UrgentLineView {
            id: &c.id,
            name: &c.name,
            phone: &c.phone.display,
            tel: urls::tel(&c.phone.digits),
            operator: c.operator.as_deref(),
            status: c.hours.map(|h| {
                contact::status_view(l, &crate::schedule::hours::status(&site.hours[h], now), now)
            }),
            hours: c.hours.map(|h| contact::hours_view(site, l, h)),
            call_cost: c.call_cost.as_deref(),
            note: c.note.as_deref(),
            sources: source_views(site, &c.sources),
        }
    }
}

#[derive(Template)]
#[template(path = "urgent.html")]
pub struct UrgentPage<'a> {
    pub layout: Layout<'a>,
    pub page: &'a crate::model::UrgentPage,
    pub emergency: Vec<UrgentLineView<'a>>,
    pub lines: Vec<UrgentLineView<'a>>,
}

impl<'a> UrgentPage<'a> {
    /// `None` when the site has no urgent help page.
    pub fn new(cx: &Ctx<'a>) -> Option<Self> {
        let (site, now) = (cx.site, cx.now);
        let p = site.pages.urgent.as_ref()?;
        let lines = |kind| {
            site.contacts_of(kind)
                .map(|(_, c)| UrgentLineView::new(site, c, now))
                .collect()
        };
        Some(UrgentPage {
            layout: titled_layout(cx, urls::URGENT, &p.title, &p.lead),
            page: p,
            emergency: lines(crate::model::ContactKind::Emergency),
            lines: lines(crate::model::ContactKind::Urgent),
        })
    }
}
