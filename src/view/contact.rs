//! The contact block: the same block, in the same place, on every page (WCAG 3.2.6
//! consistent help). A phone number as a `tel:` link with the number as its text, the
//! hours as a table, fax and e-mail where known (and "not known" where they are unknown),
//! and what a call costs.

use crate::model::{Contact, Known, Labels, Site};

use super::format;
use super::urls;

pub struct ContactView<'a> {
    pub heading: &'a str,
    /// Why this contact is shown when it is not the service's own line.
    pub note: Option<&'a str>,
    pub name: &'a str,
    pub phone: &'a str,
    pub tel: String,
    pub hours: Option<HoursView>,
    pub fax: Option<KnownView>,
    pub email: Option<KnownView>,
    pub call_cost: &'a str,
    pub contact_note: Option<&'a str>,
}

pub enum KnownView {
    Text(String),
    /// e-mail shown as a `mailto:` link.
    Link {
        href: String,
        text: String,
    },
    Unknown,
}

pub struct HoursView {
    pub caption: String,
    pub rows: Vec<HoursRow>,
    /// Days the rules do not cover: national holidays, yearly closures.
    pub closed: Vec<String>,
}

pub struct HoursRow {
    pub days: String,
    pub opens: String,
    pub closes: String,
    pub opens_iso: String,
    pub closes_iso: String,
}

impl<'a> ContactView<'a> {
    pub fn new(site: &'a Site, contact: &'a Contact, note: Option<&'a str>) -> Self {
        let l = &site.labels;
        let fax = match &contact.fax {
            Known::Yes(p) => Some(KnownView::Text(p.display.clone())),
            Known::Unknown => Some(KnownView::Unknown),
            Known::NotApplicable => None,
        };
        let email = match &contact.email {
            Known::Yes(e) => Some(KnownView::Link {
                href: format!("mailto:{e}"),
                text: e.clone(),
            }),
            Known::Unknown => Some(KnownView::Unknown),
            Known::NotApplicable => None,
        };
        ContactView {
            heading: &l.contact_heading,
            note,
            name: &contact.name,
            phone: &contact.phone.display,
            tel: urls::tel(&contact.phone.digits),
            hours: contact.hours.map(|h| hours_view(site, l, h)),
            fax,
            email,
            call_cost: &contact.call_cost,
            contact_note: contact.note.as_deref(),
        }
    }
}

fn hours_view(site: &Site, l: &Labels, idx: usize) -> HoursView {
    let hours = &site.hours[idx];
    let rows = hours
        .rules
        .iter()
        .map(|r| HoursRow {
            days: format::weekdays(l, &r.days),
            opens: format::time(l, r.opens),
            closes: format::time(l, r.closes),
            opens_iso: format::iso_time(r.opens),
            closes_iso: format::iso_time(r.closes),
        })
        .collect();
    let mut closed = Vec::new();
    if hours.closed_on_national_holidays {
        closed.push(l.closed_on_national_holidays.clone());
    }
    closed.extend(hours.closures.iter().map(|c| format::closure(l, c)));
    HoursView {
        caption: format::aside(l, &l.hours, &hours.name),
        rows,
        closed,
    }
}
