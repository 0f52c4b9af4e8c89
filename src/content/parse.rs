//! Step 1 of the flow (content).
//!
//! Parses one content file into its raw items. A list file (`[[service]]` …) is
//! deserialized item by item, so a typo in one service does not hide the problems of the
//! next; toml's spans point at the offending key or value.

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::message::{Message, ShapeError};
use super::problem::{FileId, Report};
use super::translate;
use super::{Broken, RawContent};

/// A file's parse tree, shared by every language; `None` (with the syntax errors
/// reported) if the file is not valid TOML.
pub(super) fn tree<'t>(
    text: &'t str,
    file: FileId,
    report: &mut Report,
) -> Option<Spanned<DeTable<'t>>> {
    let (root, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Some(root);
    }
    for e in errors {
        syntax_error(report, file, &e);
    }
    None
}

/// The ids of the languages `site.toml` declares (`[[site.languages]]`), read straight
/// from its tree so that every language can be read at once; a malformed entry is left
/// out here and reported when the file is read. `None` when there is no `[site]` table
/// to read them from (that is reported on its own).
pub(super) fn language_ids(
    site: Option<&(&str, FileId, Option<Spanned<DeTable<'_>>>)>,
) -> Option<Vec<String>> {
    let Some((_, _, Some(root))) = site else {
        return None;
    };
    let languages = root.get_ref().get("site")?.get_ref().get("languages");
    let Some(DeValue::Array(languages)) = languages.map(|l| l.get_ref()) else {
        return Some(Vec::new());
    };
    let ids = languages
        .iter()
        .filter_map(|l| {
            l.get_ref()
                .get("id")?
                .get_ref()
                .as_str()
                .map(str::to_string)
        })
        .collect();
    Some(ids)
}

/// The default language's tag (`[site] language`) in the text of site.toml, as far as
/// the text can be read (a syntax error further on does not hide it).
pub(super) fn default_language(text: &str) -> Option<String> {
    let (root, _) = DeTable::parse_recoverable(text);
    let site = root.get_ref().get("site")?;
    let language = site.get_ref().get("language")?;
    language.get_ref().as_str().map(str::to_string)
}

/// Reads one file's tree in one language: `language` is a translation's id, `None` for
/// the default language. `named` collects the languages `translations` tables name.
pub(super) fn read_file(
    name: &str,
    file: FileId,
    mut root: Spanned<DeTable<'_>>,
    language: Option<&str>,
    named: &mut Vec<(FileId, std::ops::Range<usize>, String)>,
    report: &mut Report,
    raw: &mut RawContent,
) {
    let mut pass = translate::Pass {
        report,
        file,
        language,
        all_text: name == "labels.toml",
        named,
        untranslated: false,
    };
    pass.table(root.get_mut());
    let untranslated = pass.untranslated;
    match name {
        "site.toml" => {
            if let Some(site) = single(report, file, root, "site") {
                raw.site = Some((file, site));
            }
        }
        "labels.toml" => {
            raw.labels = whole(report, file, root).map(|labels| crate::model::Labels {
                untranslated,
                ..labels
            })
        }
        "pages.toml" => raw.pages = whole(report, file, root).map(|p| (file, p)),
        "organizations.toml" => {
            raw.organizations = list(report, file, root, "organization", &mut raw.broken)
        }
        "places.toml" => raw.places = list(report, file, root, "place", &mut raw.broken),
        "contacts.toml" => raw.contacts = list(report, file, root, "contact", &mut raw.broken),
        "hours.toml" => raw.hours = list(report, file, root, "hours", &mut raw.broken),
        "audiences.toml" => raw.audiences = list(report, file, root, "audience", &mut raw.broken),
        "channels.toml" => raw.channels = list(report, file, root, "channel", &mut raw.broken),
        "services.toml" => raw.services = list(report, file, root, "service", &mut raw.broken),
        "events.toml" => raw.events = list(report, file, root, "event", &mut raw.broken),
        "sources.toml" => raw.sources = list(report, file, root, "source", &mut raw.broken),
        _ => unreachable!("content::FILES and read_file disagree about {name}"),
    }
}

fn syntax_error(report: &mut Report, file: FileId, e: &toml::de::Error) {
    let span = e.span().unwrap_or(0..0);
    let message = e.message().trim().to_string();
    report.error(file, span, Message::Syntax { message });
}

/// The whole file is one item (`labels.toml`, `pages.toml`).
fn whole<T: DeserializeOwned>(
    report: &mut Report,
    file: FileId,
    root: Spanned<DeTable<'_>>,
) -> Option<T> {
    let span = root.span();
    let value = Spanned::new(span, DeValue::Table(root.into_inner()));
    item(report, file, value)
}

/// The file holds one table, `[key]`, and nothing else.
fn single<T: DeserializeOwned>(
    report: &mut Report,
    file: FileId,
    root: Spanned<DeTable<'_>>,
    key: &str,
) -> Option<T> {
    only_key(report, file, &root, key, &format!("[{key}]"));
    match root.into_inner().remove(key) {
        Some(value) => item(report, file, value),
        None => {
            let key = key.to_string();
            report.error(file, 0..0, Message::MissingTable { key });
            None
        }
    }
}

/// The file holds an array of tables, `[[key]]`, and nothing else.
fn list<T: DeserializeOwned>(
    report: &mut Report,
    file: FileId,
    root: Spanned<DeTable<'_>>,
    key: &'static str,
    broken: &mut Broken,
) -> Vec<(FileId, T)> {
    only_key(report, file, &root, key, &format!("[[{key}]]"));
    let Some(value) = root.into_inner().remove(key) else {
        return Vec::new();
    };
    let span = value.span();
    let DeValue::Array(items) = value.into_inner() else {
        let message = Message::NotAList {
            key: key.to_string(),
        };
        report.error(file, span, message);
        broken.lists.insert(key);
        return Vec::new();
    };
    let mut parsed = Vec::new();
    for v in items {
        // The id first: the item is gone once deserialised.
        let id = v
            .get_ref()
            .get("id")
            .and_then(|id| id.get_ref().as_str())
            .map(str::to_string);
        match item(report, file, v) {
            Some(t) => parsed.push((file, t)),
            // Remember the broken item's id, so references to it are not reported too.
            None => match id {
                Some(id) => {
                    broken.ids.insert((key, id));
                }
                None => {
                    broken.lists.insert(key);
                }
            },
        }
    }
    parsed
}

fn only_key(report: &mut Report, file: FileId, root: &Spanned<DeTable<'_>>, key: &str, how: &str) {
    for (k, _) in root.get_ref().iter() {
        if k.get_ref().as_ref() != key {
            let message = Message::UnknownKey {
                key: k.get_ref().to_string(),
                holds: how.to_string(),
            };
            report.error(file, k.span(), message);
        }
    }
}

fn item<T: DeserializeOwned>(
    report: &mut Report,
    file: FileId,
    value: Spanned<DeValue<'_>>,
) -> Option<T> {
    let fallback = value.span();
    match T::deserialize(ValueDeserializer::from(value)) {
        Ok(t) => Some(t),
        Err(e) => {
            let span = e.span().unwrap_or(fallback);
            let message = ShapeError::from_serde(e.message().trim());
            report.error(file, span, Message::Shape(message));
            None
        }
    }
}
