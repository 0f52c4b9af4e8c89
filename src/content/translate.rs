//! Step 1 of the flow (content).
//!
//! Translations kept beside the text they translate. Any table of a content file may
//! carry `translations.<language>`, a table with some of its own text keys in another
//! language:
//!
//! ```toml
//! [[service]]
//! id = "dial"
//! name = "ひきこもり相談専用ダイヤル"
//!
//! [service.translations.en]
//! name = "Hikikomori Consultation Line"
//! ```
//!
//! Content is read once per language. For the default language the `translations`
//! tables are only taken out; for another one each table's translated keys replace the
//! originals before the usual deserialising and checks, so every later step sees one
//! ordinary site per language and knows nothing of this. A key left untranslated keeps
//! the default text, wrapped in fallback marks (see `model::inline`) so the page can say
//! so, and is reported as a warning.

use std::collections::HashSet;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::message::Message;
use super::problem::{FileId, Report};
use crate::model::inline;

/// The key that holds a table's translations.
pub(super) const KEY: &str = "translations";

/// Keys that hold text for people to read, and so can be translated. Everything else
/// (ids, references, numbers, URLs, dates, codes such as `cost = "free"`) is the same in
/// every language. In `labels.toml` every key is text.
pub(super) const TEXT_KEYS: &[&str] = &[
    "name",
    "short_name",
    "description",
    "operator",
    "image_alt",
    "area",
    "address",
    "building",
    "floor",
    "counter",
    "station",
    "call_cost",
    "note",
    "title",
    "summary",
    "body",
    "also_known_as",
    "cost_note",
    "anonymity_note",
    "contact_note",
    "document",
    "lead",
    "points",
    "nav_name",
    "question",
    "answer",
    "heading",
    "target",
    "method",
    "tools",
    "known_issues",
    "report",
    "result",
    "busy",
    "hours_note",
    "emergency_heading",
    "lines_heading",
    "text",
];

/// Which language a pass reads, and what it found.
pub(super) struct Pass<'r> {
    pub report: &'r mut Report,
    pub file: FileId,
    /// `None` for the default language.
    pub language: Option<&'r str>,
    /// Every key of this file is text (`labels.toml`).
    pub all_text: bool,
    /// Languages named in `translations` tables, with where, for checking against the
    /// languages `site.toml` declares (collected in the default pass only).
    pub named: &'r mut Vec<(FileId, Range<usize>, String)>,
    /// Set when some text of the file is left untranslated (and so marked).
    pub untranslated: bool,
}

impl Pass<'_> {
    fn is_text_key(&self, key: &str) -> bool {
        self.all_text || TEXT_KEYS.contains(&key)
    }

    /// Localises `table` and every table inside it, in place.
    pub(super) fn table<'i>(&mut self, table: &mut DeTable<'i>) {
        let translations = table.remove(KEY);
        let mut translated: HashSet<String> = HashSet::new();
        if let Some(translations) = translations
            && let Some(chosen) = self.chosen(translations)
        {
            for (key, value) in chosen.into_inner() {
                let name = key.get_ref().to_string();
                if !self.is_text_key(&name) {
                    let message = Message::NotTranslatable {
                        key: name,
                        keys: TEXT_KEYS.join(", "),
                    };
                    self.report.error(self.file, key.span(), message);
                    continue;
                }
                if !self.all_text && !table.contains_key(name.as_str()) {
                    let message = Message::TranslatedWithoutOriginal { key: name };
                    self.report.error(self.file, key.span(), message);
                    continue;
                }
                translated.insert(name);
                table.insert(key, value);
            }
        }
        for (key, value) in table.iter_mut() {
            let name = key.get_ref().as_ref();
            if self.is_text_key(name) && is_text(value.get_ref()) {
                // The default language's text is checked in its own pass, once.
                if self.language.is_none() || translated.contains(name) {
                    self.check_markup(value);
                }
                if let Some(language) = self.language
                    && !translated.contains(name)
                    && mark_fallback(value.get_mut())
                {
                    self.untranslated = true;
                    let message = Message::Untranslated {
                        key: name.to_string(),
                        language: language.to_string(),
                    };
                    self.report.warn(self.file, key.span(), message);
                }
            } else {
                self.nested(value.get_mut());
            }
        }
    }

    fn nested(&mut self, value: &mut DeValue<'_>) {
        match value {
            DeValue::Table(t) => self.table(t),
            DeValue::Array(items) => {
                for item in items.iter_mut() {
                    self.nested(item.get_mut());
                }
            }
            _ => {}
        }
    }

    /// This pass's language out of a `translations` table; in the default pass, checks
    /// the table's shape and notes the languages it names.
    fn chosen<'i>(&mut self, translations: Spanned<DeValue<'i>>) -> Option<Spanned<DeTable<'i>>> {
        let span = translations.span();
        let DeValue::Table(by_language) = translations.into_inner() else {
            if self.language.is_none() {
                self.report
                    .error(self.file, span, Message::TranslationsNotATable);
            }
            return None;
        };
        let mut chosen = None;
        for (language, value) in by_language {
            let value_span = value.span();
            let is_table = matches!(value.get_ref(), DeValue::Table(_));
            if self.language.is_none() {
                self.named
                    .push((self.file, language.span(), language.get_ref().to_string()));
                if !is_table {
                    let message = Message::TranslationNotATable {
                        language: language.get_ref().to_string(),
                    };
                    self.report.error(self.file, value_span.clone(), message);
                }
            }
            if Some(language.get_ref().as_ref()) == self.language
                && let DeValue::Table(t) = value.into_inner()
            {
                chosen = Some(Spanned::new(value_span, t));
            }
        }
        chosen
    }

    fn check_markup(&mut self, value: &Spanned<DeValue<'_>>) {
        match value.get_ref() {
            DeValue::String(s) => {
                if let Err(e) = inline::check(s) {
                    self.report.error(self.file, value.span(), e.into());
                }
            }
            DeValue::Array(items) => {
                for item in items.iter() {
                    self.check_markup(item);
                }
            }
            _ => {}
        }
    }
}

/// A string or a list of strings (not tables, which hold keys of their own).
fn is_text(value: &DeValue<'_>) -> bool {
    match value {
        DeValue::String(_) => true,
        DeValue::Array(items) => items
            .iter()
            .all(|i| matches!(i.get_ref(), DeValue::String(_))),
        _ => false,
    }
}

/// Wraps text in fallback marks; false if the value holds no text (then nothing is
/// missing: numbers and tables are not translated).
fn mark_fallback(value: &mut DeValue<'_>) -> bool {
    match value {
        DeValue::String(s) => {
            let marked: DeString<'_> = inline::untranslated(s).into();
            *s = marked;
            true
        }
        DeValue::Array(items) => {
            let mut any = false;
            for item in items.iter_mut() {
                any |= mark_fallback(item.get_mut());
            }
            any
        }
        _ => false,
    }
}
