//! Step 2 of the flow (model).
//!
//! What the content says is not known, gathered from the data itself: every contact's
//! `unknown` channels and missing hours, every service whose provider is `unknown`, every closure whose dates are missing or not
//! confirmed, every event whose months are not confirmed or whose time, place, holder,
//! cost or holiday rule is missing, every service whose cost or naming is `unknown`, and
//! every `[[service.unknown_fact]]` an editor wrote. The about page lists them all and each
//! service page its own, so the list cannot drift from the content.

use super::{Anonymity, Cost, HolidayPolicy, Idx, Known, Site};

/// One fact that is not known, and what it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unknown {
    pub about: Subject,
    pub what: Missing,
}

/// The item a missing fact belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Service(Idx),
    Event(Idx),
    Contact(Idx),
}

/// Which fact is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// A contact's fax number or e-mail address (it has one; nobody has confirmed it).
    Fax,
    Email,
    /// A contact's opening hours.
    Hours,
    /// The dates of a yearly closure of a contact's hours, missing or not confirmed.
    HoursClosure {
        hours: Idx,
        closure: usize,
    },
    /// Which months an event's rules fall in (`confirmed = false`).
    EventMonths,
    /// What happens when an event's date is a holiday (`on_holiday = "unconfirmed"`).
    EventOnHoliday,
    /// The dates of one of an event's own closures.
    EventClosure {
        event: Idx,
        closure: usize,
    },
    EventTime,
    EventPlace,
    /// Who holds the event.
    EventOrganizer,
    EventCost,
    /// Who provides a service (`unknown = ["organization"]`).
    Organization,
    /// A service's cost, or whether it can be used without a name.
    Cost,
    Anonymity,
    /// What an editor wrote as not known: the `index`th of the service's `unknown` list.
    Stated {
        service: Idx,
        index: usize,
    },
}

impl Site {
    /// Every fact the content marks as not known, once each, grouped by the service
    /// page each belongs to (in content order), then those that belong to no page.
    pub fn unknowns(&self) -> Vec<Unknown> {
        let mut all: Vec<Unknown> = Vec::new();
        for service in 0..self.services.len() {
            for u in self.unknowns_of(service) {
                if self.home_service(u.about) == Some(service) && !all.contains(&u) {
                    all.push(u);
                }
            }
        }
        for contact in 0..self.contacts.len() {
            if self.home_service(Subject::Contact(contact)).is_none() {
                all.extend(self.contact_unknowns(contact));
            }
        }
        all
    }

    /// What is not known about what the page of `service` shows: the service itself,
    /// its events and the contact its page gives.
    pub fn unknowns_of(&self, service: Idx) -> Vec<Unknown> {
        let s = &self.services[service];
        let about = Subject::Service(service);
        let mut list = Vec::new();
        if s.organization == Known::Unknown {
            list.push(Unknown {
                about,
                what: Missing::Organization,
            });
        }
        if s.cost == Cost::Unknown {
            list.push(Unknown {
                about,
                what: Missing::Cost,
            });
        }
        if s.anonymity == Anonymity::Unknown {
            list.push(Unknown {
                about,
                what: Missing::Anonymity,
            });
        }
        list.extend((0..s.unknown.len()).map(|index| Unknown {
            about,
            what: Missing::Stated { service, index },
        }));
        for (e, event) in self.events.iter().enumerate() {
            if event.service == service {
                list.extend(self.event_unknowns(e));
            }
        }
        list.extend(self.contact_unknowns(s.contact));
        list
    }

    /// The service page a missing fact is listed under on the about page: the service
    /// itself, an event's service, or for a contact the first service that gives it,
    /// one with the contact's own id first. `None` for a contact no service gives.
    pub fn home_service(&self, subject: Subject) -> Option<Idx> {
        match subject {
            Subject::Service(s) => Some(s),
            Subject::Event(e) => Some(self.events[e].service),
            Subject::Contact(c) => {
                let id = &self.contacts[c].id;
                self.services
                    .iter()
                    .position(|s| s.contact == c && s.id == *id)
                    .or_else(|| self.services.iter().position(|s| s.contact == c))
            }
        }
    }

    fn event_unknowns(&self, e: Idx) -> Vec<Unknown> {
        let event = &self.events[e];
        let closures = event
            .closures
            .iter()
            .enumerate()
            .filter(|(_, c)| c.dates.is_none() || !c.confirmed)
            .map(|(closure, _)| Missing::EventClosure { event: e, closure });
        [
            (!event.confirmed).then_some(Missing::EventMonths),
            (event.on_holiday == HolidayPolicy::Unconfirmed).then_some(Missing::EventOnHoliday),
            event.starts.is_none().then_some(Missing::EventTime),
            event.place.is_none().then_some(Missing::EventPlace),
            // Where the service's own provider is not known, that one missing fact covers
            // who holds its event too.
            (event.organizer.is_none()
                && self.services[event.service].organization != Known::Unknown)
                .then_some(Missing::EventOrganizer),
            (event.cost == Cost::Unknown).then_some(Missing::EventCost),
        ]
        .into_iter()
        .flatten()
        .chain(closures)
        .map(|what| Unknown {
            about: Subject::Event(e),
            what,
        })
        .collect()
    }

    fn contact_unknowns(&self, c: Idx) -> Vec<Unknown> {
        let contact = &self.contacts[c];
        let closures = contact.hours.into_iter().flat_map(|hours| {
            self.hours[hours]
                .closures
                .iter()
                .enumerate()
                .filter(|(_, c)| c.dates.is_none() || !c.confirmed)
                .map(move |(closure, _)| Missing::HoursClosure { hours, closure })
        });
        [
            (contact.fax == Known::Unknown).then_some(Missing::Fax),
            (contact.email == Known::Unknown).then_some(Missing::Email),
            contact.hours.is_none().then_some(Missing::Hours),
        ]
        .into_iter()
        .flatten()
        .chain(closures)
        .map(|what| Unknown {
            about: Subject::Contact(c),
            what,
        })
        .collect()
    }
}
