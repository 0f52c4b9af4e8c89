//! Step 1 of the flow (content): checks events: their times, the rules of their dates,
//! the holiday policy, closures, sources and the dates their facts were checked.

use jiff::civil::Date;
use toml::Spanned;

use super::{Checker, Refs};
use crate::content::message::Message;
use crate::content::problem::FileId;
use crate::content::raw;
use crate::model;

impl Checker<'_> {
    pub(super) fn event(&mut self, f: FileId, e: raw::Event, r: &Refs<'_>) -> model::Event {
        let (starts, ends) = match (&e.starts, &e.ends) {
            (Some(s), Some(t)) => match self.time_range(f, s, t) {
                Some((s, t)) => (Some(s), Some(t)),
                None => (None, None),
            },
            (None, None) => (None, None),
            (Some(one), None) | (None, Some(one)) => {
                self.err(f, one.span(), Message::EventHalfTimes);
                (None, None)
            }
        };
        let on_holiday = match e.on_holiday.get_ref().as_str() {
            "held" => model::HolidayPolicy::Held,
            "skipped" => model::HolidayPolicy::Skipped,
            "moved" => model::HolidayPolicy::Moved,
            "unconfirmed" => model::HolidayPolicy::Unconfirmed,
            other => {
                let policy = other.to_string();
                self.err(
                    f,
                    e.on_holiday.span(),
                    Message::UnknownHolidayPolicy { policy },
                );
                model::HolidayPolicy::Unconfirmed
            }
        };
        if e.rule.is_empty() {
            let message = Message::EventWithoutRule {
                event: e.id.get_ref().clone(),
            };
            self.err(f, e.id.span(), message);
        }
        let rules = e
            .rule
            .iter()
            .filter_map(|rule| self.event_rule(f, rule))
            .collect();
        let sources = self.source_refs(f, &e.sources, &e.id, r.sources);
        model::Event {
            service: r.services.resolve(f, &e.service, self.report).unwrap_or(0),
            place: e
                .place
                .as_ref()
                .and_then(|p| r.places.resolve(f, p, self.report)),
            checks: self.checks(
                f,
                &e.checked_against_sources_on,
                e.confirmed_with_office_on.as_ref(),
            ),
            id: e.id.into_inner(),
            name: self.non_empty(f, e.name),
            starts,
            ends,
            rules,
            confirmed: e.confirmed,
            on_holiday,
            closures: self.closures(f, e.closure),
            note: e.note,
            sources,
            organizer: e
                .organizer
                .as_ref()
                .and_then(|o| r.orgs.resolve(f, o, self.report)),
            cost: e
                .cost
                .as_ref()
                .map_or(model::Cost::Unknown, |c| self.cost(f, c)),
        }
    }

    fn event_rule(&mut self, f: FileId, rule: &raw::EventRule) -> Option<model::EventRule> {
        let nth = *rule.nth.get_ref();
        if !(1..=5).contains(&nth) {
            self.err(f, rule.nth.span(), Message::BadNth { nth });
        }
        let weekday = self.weekday(f, &rule.weekday);
        let every = rule.every_months.as_ref().map_or(1, |e| *e.get_ref());
        if !(1..=12).contains(&every) {
            let span = rule
                .every_months
                .as_ref()
                .map_or(rule.nth.span(), Spanned::span);
            self.err(f, span, Message::BadEveryMonths { every });
        }
        let start_month = match &rule.start_month {
            Some(m) => {
                let parsed = parse_month(m.get_ref());
                if parsed.is_none() {
                    let value = m.get_ref().clone();
                    self.err(f, m.span(), Message::BadMonth { value });
                }
                parsed
            }
            None if every > 1 => {
                self.err(f, rule.nth.span(), Message::NoStartMonth);
                None
            }
            None => None,
        };
        Some(model::EventRule {
            nth: nth.clamp(1, 5) as u8,
            weekday: weekday?,
            every_months: every.clamp(1, 12) as u8,
            start_month,
        })
    }
}

/// `YYYY-MM` as the first day of that month.
fn parse_month(s: &str) -> Option<Date> {
    let (y, m) = s.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, 1).ok()
}
