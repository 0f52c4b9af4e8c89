//! Step 1 of the flow (content): checks audiences, channels and services: what each
//! names, its cost and anonymity, its sources and the dates its facts were checked.

use super::{Checker, Ids, Refs};
use crate::content::message::Message;
use crate::content::problem::FileId;
use crate::content::raw;
use crate::model::{self, Blocks, Known};

impl Checker<'_> {
    pub(super) fn audience(&mut self, f: FileId, a: raw::Audience) -> model::Audience {
        model::Audience {
            id: a.id.into_inner(),
            name: self.non_empty(f, a.name),
            title: self.non_empty(f, a.title),
            summary: a.summary,
            body: Blocks::parse(&a.body),
        }
    }

    pub(super) fn channel(
        &mut self,
        f: FileId,
        ch: raw::Channel,
        services: &Ids,
    ) -> model::Channel {
        model::Channel {
            service: services.resolve(f, &ch.service, self.report).unwrap_or(0),
            id: ch.id.into_inner(),
            name: self.non_empty(f, ch.name),
            summary: ch.summary,
        }
    }

    pub(super) fn service(&mut self, f: FileId, s: raw::Service, r: &Refs<'_>) -> model::Service {
        let cost = self.cost(f, &s.cost);
        let anonymity = match s.anonymity.get_ref().as_str() {
            "anonymous" => model::Anonymity::Anonymous,
            "nickname" => model::Anonymity::Nickname,
            "name_required" => model::Anonymity::NameRequired,
            "unknown" => model::Anonymity::Unknown,
            other => {
                let anonymity = other.to_string();
                self.err(
                    f,
                    s.anonymity.span(),
                    Message::UnknownAnonymity { anonymity },
                );
                model::Anonymity::Unknown
            }
        };
        if s.audiences.is_empty() {
            let message = Message::NoAudiences {
                service: s.id.get_ref().clone(),
            };
            self.err(f, s.id.span(), message);
        }
        let sources = self.source_refs(f, &s.sources, &s.id, r.sources);
        let unknown = self.unknown_list(f, &s.unknown, &["organization"]);
        let organization = match &s.organization {
            Some(o) => {
                if unknown.contains(&"organization") {
                    self.given_and_unknown(f, "organization", o);
                }
                Known::Yes(r.orgs.resolve(f, o, self.report).unwrap_or(0))
            }
            None if unknown.contains(&"organization") => Known::Unknown,
            None => Known::NotApplicable,
        };
        model::Service {
            organization,
            hours: s
                .hours
                .as_ref()
                .and_then(|h| r.hours.resolve(f, h, self.report)),
            audiences: r.audiences.resolve_all(f, &s.audiences, self.report),
            channels: r.channels.resolve_all(f, &s.channels, self.report),
            place: s
                .place
                .as_ref()
                .and_then(|p| r.places.resolve(f, p, self.report)),
            contact: r.contacts.resolve(f, &s.contact, self.report).unwrap_or(0),
            related: r.services.resolve_all(f, &s.related, self.report),
            checks: self.checks(
                f,
                &s.checked_against_sources_on,
                s.confirmed_with_office_on.as_ref(),
            ),
            id: s.id.into_inner(),
            name: self.non_empty(f, s.name),
            also_known_as: s.also_known_as,
            summary: self.non_empty(f, s.summary),
            body: Blocks::parse(&s.body),
            cost,
            cost_note: s.cost_note,
            anonymity,
            anonymity_note: s.anonymity_note,
            contact_note: s.contact_note,
            sources,
            unknown: s
                .unknown_fact
                .into_iter()
                .map(|u| self.non_empty(f, u.text))
                .collect(),
        }
    }
}
