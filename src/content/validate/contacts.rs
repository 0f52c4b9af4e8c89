//! Step 1 of the flow (content): checks contacts: the kind of line, its phone, fax and
//! e-mail, its hours, and what is marked not known.

use super::{Checker, Ids};
use crate::content::message::Message;
use crate::content::problem::FileId;
use crate::content::raw;
use crate::model::{self, Known};

impl Checker<'_> {
    pub(super) fn contact(
        &mut self,
        f: FileId,
        k: raw::Contact,
        hours: &Ids,
        sources: &Ids,
    ) -> model::Contact {
        let phone = self.phone(f, &k.phone);
        let unknown = self.unknown_list(f, &k.unknown, &["fax", "email", "hours"]);
        let kind = match k.kind.as_ref().map(|t| (t, t.get_ref().as_str())) {
            None | Some((_, "service")) => model::ContactKind::Service,
            Some((_, "urgent")) => model::ContactKind::Urgent,
            Some((_, "emergency")) => model::ContactKind::Emergency,
            Some((t, other)) => {
                let message = Message::UnknownKind {
                    kind: other.to_string(),
                };
                self.err(f, t.span(), message);
                model::ContactKind::Service
            }
        };
        match (&k.hours, unknown.contains(&"hours")) {
            (Some(h), true) => self.given_and_unknown(f, "hours", h),
            (None, false) => {
                let message = Message::ContactWithoutHours {
                    contact: k.id.get_ref().clone(),
                };
                self.err(f, k.id.span(), message)
            }
            _ => {}
        }
        // An urgent line's hours change; the reader must be able to see where they come from.
        let sources = if kind == model::ContactKind::Urgent {
            self.source_refs(f, &k.sources, &k.id, sources)
        } else {
            sources.resolve_all(f, &k.sources, self.report)
        };
        let fax = match &k.fax {
            Some(fax) => {
                if unknown.contains(&"fax") {
                    self.given_and_unknown(f, "fax", fax);
                }
                Known::Yes(self.phone(f, fax))
            }
            None if unknown.contains(&"fax") => Known::Unknown,
            None => Known::NotApplicable,
        };
        let email = match &k.email {
            Some(email) => {
                if !is_email(email.get_ref()) {
                    let message = Message::BadEmail {
                        email: email.get_ref().clone(),
                    };
                    self.err(f, email.span(), message);
                }
                if unknown.contains(&"email") {
                    self.given_and_unknown(f, "email", email);
                }
                Known::Yes(email.get_ref().clone())
            }
            None if unknown.contains(&"email") => Known::Unknown,
            None => Known::NotApplicable,
        };
        model::Contact {
            hours: k
                .hours
                .as_ref()
                .and_then(|h| hours.resolve(f, h, self.report)),
            id: k.id.into_inner(),
            name: self.non_empty(f, k.name),
            kind,
            phone,
            fax,
            email,
            call_cost: k.call_cost,
            note: k.note,
            operator: k.operator,
            sources,
        }
    }
}

fn is_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(|c| c.is_whitespace() || c == ',')
                && !domain.contains('@')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(is_email("soudan@example.jp"));
        for bad in ["soudan", "@example.jp", "a@b", "a@@b.jp", "a b@c.jp"] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
