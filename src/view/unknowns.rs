//! Step 4 of the flow (view): the list of what is not known, from the model, as the about
//! page (every fact, each linked to its service page) and each service page (its own) say
//! it, with the line to call instead. The facts come from `Site::unknowns`, so the list is
//! the data's, never written by hand.

use crate::model::{Contact, Missing, Site, Subject, Unknown};

use super::{format, urls};

pub struct NotKnownView<'a> {
    pub heading: &'a str,
    /// The sentence before the list, around a link that calls `line`.
    pub before: &'a str,
    pub tel: String,
    pub line: String,
    pub after: &'a str,
    pub items: Vec<UnknownItem<'a>>,
}

/// "家族会「リプルめぐろの会」: 開かれる時間"; on the about page the name links to the
/// page the fact belongs to.
pub struct UnknownItem<'a> {
    pub subject: Option<&'a str>,
    pub href: Option<String>,
    pub what: String,
}

impl<'a> NotKnownView<'a> {
    /// Every fact the site marks as not known, pointing to the site's main line; `None`
    /// when nothing is unknown.
    pub fn all(site: &'a Site) -> Option<Self> {
        let u = urls::of(site);
        let items = site
            .unknowns()
            .iter()
            .map(|unknown| UnknownItem {
                subject: Some(subject_name(site, unknown.about)),
                href: site
                    .home_service(unknown.about)
                    .map(|s| u.service(&site.services[s].id)),
                what: what(site, unknown),
            })
            .collect();
        Self::new(site, &site.contacts[site.primary_contact], items)
    }

    /// What the page of `service` shows that is not known, pointing to its own line.
    pub fn of_service(site: &'a Site, service: usize) -> Option<Self> {
        let own_name = site.services[service].name.as_str();
        let items = site
            .unknowns_of(service)
            .iter()
            .map(|unknown| UnknownItem {
                subject: Some(subject_name(site, unknown.about)).filter(|n| *n != own_name),
                href: None,
                what: what(site, unknown),
            })
            .collect();
        let contact = &site.contacts[site.services[service].contact];
        Self::new(site, contact, items)
    }

    fn new(site: &'a Site, line: &'a Contact, items: Vec<UnknownItem<'a>>) -> Option<Self> {
        if items.is_empty() {
            return None;
        }
        let l = &site.labels;
        let (before, after) = format::around(&l.not_known_lead, "{contact}");
        Some(NotKnownView {
            heading: &l.not_known,
            before,
            tel: urls::tel(&line.phone.digits),
            line: format::aside(l, &line.name, &line.phone.display),
            after,
            items,
        })
    }
}

fn subject_name(site: &Site, subject: Subject) -> &str {
    match subject {
        Subject::Service(s) => &site.services[s].name,
        Subject::Event(e) => &site.events[e].name,
        Subject::Contact(c) => &site.contacts[c].name,
    }
}

/// The missing fact in words.
pub(crate) fn what(site: &Site, unknown: &Unknown) -> String {
    let l = &site.labels;
    let closure = |name: &str| l.unknown_closure.replace("{name}", name);
    match unknown.what {
        Missing::Fax => l.unknown_fax.clone(),
        Missing::Email => l.unknown_email.clone(),
        Missing::Hours => l.unknown_hours.clone(),
        Missing::HoursClosure { hours, closure: i } => closure(&site.hours[hours].closures[i].name),
        Missing::EventClosure { event, closure: i } => {
            closure(&site.events[event].closures[i].name)
        }
        Missing::EventMonths => l.unknown_event_months.clone(),
        Missing::EventOnHoliday => l.unknown_event_on_holiday.clone(),
        Missing::EventTime => l.unknown_event_time.clone(),
        Missing::EventPlace => l.unknown_event_place.clone(),
        Missing::EventOrganizer => l.unknown_event_organizer.clone(),
        Missing::Organization => l.unknown_organization.clone(),
        Missing::EventCost => l.unknown_event_cost.clone(),
        Missing::Cost => l.unknown_cost.clone(),
        Missing::Anonymity => l.unknown_anonymity.clone(),
        Missing::Stated { service, index } => site.services[service].unknown[index].clone(),
    }
}
