//! Step 1 of the flow (content): checks opening hours: each rule's days and times, rules
//! that overlap, closures and one-day exceptions.

use jiff::civil::Time;

use super::Checker;
use crate::content::message::Message;
use crate::content::problem::FileId;
use crate::content::raw;
use crate::model::{self, MonthDay};

impl Checker<'_> {
    pub(super) fn hours(&mut self, f: FileId, h: raw::Hours) -> model::Hours {
        let mut rules: Vec<model::HoursRule> = Vec::new();
        for r in &h.rule {
            let Some(rule) = self.hours_rule(f, r) else {
                continue;
            };
            // Two weekday rules that overlap would be two answers to "when does it open";
            // a day-of-month rule is the way to say "longer hours on that day", so it may.
            if rules.iter().any(|p| weekly_overlap(p, &rule)) {
                self.err(f, r.opens.span(), Message::OverlappingHours);
            }
            rules.push(rule);
        }
        if h.rule.is_empty() {
            let message = Message::HoursWithoutRule {
                hours: h.id.get_ref().clone(),
            };
            self.err(f, h.id.span(), message);
        }
        let closures = self.closures(f, h.closure);
        let exceptions = h
            .exception
            .into_iter()
            .filter_map(|ex| {
                let date = self.date(f, &ex.date)?;
                let open = match (ex.closed, &ex.opens, &ex.closes) {
                    (true, None, None) => None,
                    (false, Some(o), Some(c)) => Some(self.time_range(f, o, c)?),
                    _ => {
                        self.err(f, ex.date.span(), Message::ExceptionShape);
                        return None;
                    }
                };
                Some(model::Exception {
                    date,
                    open,
                    note: ex.note,
                })
            })
            .collect();
        model::Hours {
            id: h.id.into_inner(),
            name: self.non_empty(f, h.name),
            closed_on_national_holidays: h.closed_on_national_holidays,
            rules,
            closures,
            exceptions,
        }
    }

    /// One rule of a line's hours: on weekdays or on a day of the month, from `opens` to
    /// `closes`, which may be `24:00` or, with `overnight = true`, on the next day.
    fn hours_rule(&mut self, f: FileId, r: &raw::HoursRule) -> Option<model::HoursRule> {
        let days = match (&r.days, &r.day_of_month) {
            (Some(days), None) => {
                if days.get_ref().is_empty() {
                    self.err(f, days.span(), Message::NoWeekdays);
                }
                Some(
                    days.get_ref()
                        .iter()
                        .filter_map(|d| self.weekday(f, d))
                        .collect::<Vec<_>>(),
                )
            }
            (None, Some(_)) => Some(Vec::new()),
            (Some(_), Some(dom)) => {
                self.err(f, dom.span(), Message::DaysAndDayOfMonth);
                None
            }
            (None, None) => {
                self.err(f, r.opens.span(), Message::NoDays);
                None
            }
        };
        let day_of_month = match &r.day_of_month {
            Some(dom) => {
                let day = *dom.get_ref();
                if !(1..=31).contains(&day) {
                    self.err(f, dom.span(), Message::DayOfMonthRange { day });
                    return None;
                }
                Some(day as i8)
            }
            None => None,
        };
        let overnight = r.overnight.as_ref().is_some_and(|o| *o.get_ref());
        let opens = self.time(f, &r.opens);
        let (closes, midnight) = if r.closes.get_ref() == "24:00" {
            (Some(Time::midnight()), true)
        } else {
            (self.time(f, &r.closes), false)
        };
        let (opens, closes) = (opens?, closes?);
        let (from, to) = (r.opens.get_ref(), r.closes.get_ref());
        if midnight && overnight {
            self.err(f, r.closes.span(), Message::MidnightOvernight);
            return None;
        }
        if overnight && closes > opens {
            let message = Message::OvernightTooLong {
                opens: from.clone(),
                closes: to.clone(),
            };
            self.err(f, r.closes.span(), message);
            return None;
        }
        if !overnight && !midnight && closes <= opens {
            let message = Message::HoursClosesBeforeOpens {
                opens: from.clone(),
                closes: to.clone(),
            };
            self.err(f, r.closes.span(), message);
            return None;
        }
        Some(model::HoursRule {
            days: days?,
            day_of_month,
            opens,
            closes,
            next_day: overnight || midnight,
        })
    }

    pub(super) fn closures(
        &mut self,
        f: FileId,
        closures: Vec<raw::Closure>,
    ) -> Vec<model::Closure> {
        closures
            .into_iter()
            .map(|cl| {
                let dates = match (&cl.from, &cl.to) {
                    (Some(from), Some(to)) => {
                        let a = self.month_day(f, from);
                        let b = self.month_day(f, to);
                        a.zip(b)
                    }
                    (None, None) => None,
                    (Some(one), None) | (None, Some(one)) => {
                        self.err(f, one.span(), Message::ClosureHalfDates);
                        None
                    }
                };
                model::Closure {
                    name: self.non_empty(f, cl.name),
                    dates,
                    confirmed: cl.confirmed,
                }
            })
            .collect()
    }

    fn month_day(&mut self, f: FileId, t: &raw::Text) -> Option<MonthDay> {
        let parsed = MonthDay::parse(t.get_ref());
        if parsed.is_none() {
            let message = Message::BadMonthDay {
                value: t.get_ref().clone(),
            };
            self.err(f, t.span(), message);
        }
        parsed
    }
}

/// Whether two weekday rules are open at the same minute of some week, counting hours
/// that run past midnight into the next day (and past Sunday into Monday).
fn weekly_overlap(a: &model::HoursRule, b: &model::HoursRule) -> bool {
    let b = b.week_spans();
    a.week_spans()
        .iter()
        .any(|&(s, e)| b.iter().any(|&(t, u)| s < u && t < e))
}
