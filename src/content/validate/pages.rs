//! Step 1 of the flow (content): checks `pages.toml`: anchors that are slugs and unique,
//! the places and services the pages name, and the date the accessibility test was made.

use super::{Checker, Refs, is_slug};
use crate::content::message::Message;
use crate::content::problem::FileId;
use crate::content::raw;
use crate::model::{self, Blocks};

impl Checker<'_> {
    pub(super) fn pages(&mut self, f: FileId, p: raw::Pages, r: &Refs<'_>) -> model::Pages {
        let anchors = |c: &mut Self, ids: Vec<&raw::Text>, kind: &'static str| {
            let mut seen = std::collections::HashSet::new();
            for id in ids {
                if !is_slug(id.get_ref()) {
                    let message = Message::AnchorNotSlug {
                        kind,
                        id: id.get_ref().clone(),
                    };
                    c.err(f, id.span(), message);
                }
                if !seen.insert(id.get_ref().clone()) {
                    let message = Message::DuplicateId {
                        kind,
                        id: id.get_ref().clone(),
                    };
                    c.err(f, id.span(), message);
                }
            }
        };
        anchors(
            self,
            p.faq.question.iter().map(|q| &q.id).collect(),
            "question",
        );
        anchors(
            self,
            p.about.section.iter().map(|s| &s.id).collect(),
            "section",
        );
        model::Pages {
            home: model::HomePage {
                title: p.home.title,
                lead: p.home.lead,
                points: p.home.points,
            },
            access: model::AccessPage {
                title: p.access.title,
                nav_name: p.access.nav_name,
                lead: p.access.lead,
                places: r.places.resolve_all(f, &p.access.places, self.report),
                body: Blocks::parse(&p.access.body),
            },
            faq: model::FaqPage {
                title: p.faq.title,
                nav_name: p.faq.nav_name,
                lead: p.faq.lead,
                questions: p
                    .faq
                    .question
                    .into_iter()
                    .map(|q| model::Question {
                        services: r.services.resolve_all(f, &q.services, self.report),
                        id: q.id.into_inner(),
                        question: q.question,
                        answer: Blocks::parse(&q.answer),
                    })
                    .collect(),
            },
            about: model::AboutPage {
                title: p.about.title,
                nav_name: p.about.nav_name,
                lead: p.about.lead,
                sections: p
                    .about
                    .section
                    .into_iter()
                    .map(|s| model::Section {
                        id: s.id.into_inner(),
                        heading: s.heading,
                        body: Blocks::parse(&s.body),
                    })
                    .collect(),
            },
            accessibility: model::AccessibilityPage {
                tested_on: self.past_date(f, &p.accessibility.tested_on, "tested_on"),
                title: p.accessibility.title,
                nav_name: p.accessibility.nav_name,
                lead: p.accessibility.lead,
                target: p.accessibility.target,
                method: Blocks::parse(&p.accessibility.method),
                tools: p.accessibility.tools,
                checks: p
                    .accessibility
                    .check
                    .into_iter()
                    .map(|c| model::Check {
                        name: c.name,
                        result: c.result,
                    })
                    .collect(),
                known_issues: Blocks::parse(&p.accessibility.known_issues),
                report: Blocks::parse(&p.accessibility.report),
            },
            feedback: p.feedback.map(|s| model::Section {
                id: "feedback".to_string(),
                heading: s.heading,
                body: Blocks::parse(&s.body),
            }),
            urgent: p.urgent.map(|u| model::UrgentPage {
                title: u.title,
                nav_name: u.nav_name,
                lead: u.lead,
                busy: u.busy,
                hours_note: u.hours_note,
                emergency_heading: u.emergency_heading,
                lines_heading: u.lines_heading,
            }),
        }
    }
}
