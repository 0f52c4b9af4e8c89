//! Step 1 of the flow (content): checks sources: each has a URL or names a document,
//! and was not read in the future.

use super::Checker;
use crate::content::message::Message;
use crate::content::problem::FileId;
use crate::content::raw;
use crate::model;

impl Checker<'_> {
    pub(super) fn source(&mut self, file: FileId, s: raw::Source) -> model::Source {
        if s.url.is_none() && s.document.is_none() {
            self.err(file, s.id.span(), Message::SourceWithoutUrlOrDocument);
        }
        model::Source {
            url: s.url.map(|u| self.url(file, u)),
            title: self.non_empty(file, s.title),
            id: s.id.into_inner(),
            document: s.document,
            read_on: s
                .read_on
                .as_ref()
                .map(|d| self.past_date(file, d, "read_on")),
        }
    }
}
