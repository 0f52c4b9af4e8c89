//! Step 1 of the flow (content): checks `labels.toml`, the words of the site's own
//! frame (seven weekday names, long and short).

use super::Checker;
use crate::content::message::Message;
use crate::model;

impl Checker<'_> {
    pub(super) fn labels(&mut self, l: model::Labels) -> Option<model::Labels> {
        if l.weekdays.len() != 7 || l.weekdays_short.len() != 7 {
            // labels.toml has no spans (it is all plain strings); point at its start.
            let file = self
                .report
                .files
                .iter()
                .position(|s| s.path.ends_with("labels.toml"))?;
            let message = Message::WeekdayNames {
                weekdays: l.weekdays.len(),
                short: l.weekdays_short.len(),
            };
            self.err(file, 0..0, message);
            return None;
        }
        Some(l)
    }
}
