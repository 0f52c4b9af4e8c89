//! Step 1 of the flow (content): checks `labels.toml`, the words of the site's own
//! frame: seven weekday names, long and short, and the patterns whose two placeholders
//! templates replace with markup, so both must be there and in order.

use super::Checker;
use crate::content::message::Message;
use crate::model;

impl Checker<'_> {
    pub(super) fn labels(&mut self, l: model::Labels) -> Option<model::Labels> {
        // labels.toml has no spans (it is all plain strings); point at its start.
        let file = self
            .report
            .files
            .iter()
            .position(|s| s.path.ends_with("labels.toml"))?;
        let mut valid = true;
        if l.weekdays.len() != 7 || l.weekdays_short.len() != 7 {
            let message = Message::WeekdayNames {
                weekdays: l.weekdays.len(),
                short: l.weekdays_short.len(),
            };
            self.err(file, 0..0, message);
            valid = false;
        }
        let patterns = [
            ("time_range", Some(&l.time_range), "{from}", "{to}"),
            ("date_range", Some(&l.date_range), "{from}", "{to}"),
            (
                "hours_sentence",
                l.hours_sentence.as_ref(),
                "{days}",
                "{times}",
            ),
        ];
        for (key, text, first, second) in patterns {
            let Some(text) = text else { continue };
            let in_order = text
                .split_once(first)
                .is_some_and(|(_, rest)| rest.contains(second));
            if !in_order {
                let message = Message::LabelPlaceholders {
                    key,
                    first,
                    second,
                    text: text.clone(),
                };
                self.err(file, 0..0, message);
                valid = false;
            }
        }
        valid.then_some(l)
    }
}
