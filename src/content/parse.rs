//! Parses one content file into its raw items. A list file (`[[service]]` …) is
//! deserialized item by item, so a typo in one service does not hide the problems of the
//! next; toml's spans point at the offending key or value.

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::problem::{FileId, Report};
use super::translate;
use super::{Broken, RawContent};

/// Parses one file in one language: `language` is a translation's id, `None` for the
/// default language. `named` collects the languages `translations` tables name.
pub fn parse_file(
    name: &str,
    file: FileId,
    language: Option<&str>,
    named: &mut Vec<(FileId, std::ops::Range<usize>, String)>,
    report: &mut Report,
    raw: &mut RawContent,
) {
    let text = report.files[file].text.clone();
    let (mut root, errors) = DeTable::parse_recoverable(&text);
    if !errors.is_empty() {
        for e in errors {
            syntax_error(report, file, &e);
        }
        raw.broken.lists.extend(super::list_key(name));
        return;
    }
    translate::Pass {
        report,
        file,
        language,
        all_text: name == "labels.toml",
        named,
    }
    .table(root.get_mut());
    match name {
        "site.toml" => {
            if let Some(site) = single(report, file, &root, "site") {
                raw.site = Some((file, site));
            }
        }
        "labels.toml" => raw.labels = whole(report, file, root),
        "pages.toml" => raw.pages = whole(report, file, root).map(|p| (file, p)),
        "organizations.toml" => {
            raw.organizations = list(report, file, &root, "organization", &mut raw.broken)
        }
        "places.toml" => raw.places = list(report, file, &root, "place", &mut raw.broken),
        "contacts.toml" => raw.contacts = list(report, file, &root, "contact", &mut raw.broken),
        "hours.toml" => raw.hours = list(report, file, &root, "hours", &mut raw.broken),
        "audiences.toml" => raw.audiences = list(report, file, &root, "audience", &mut raw.broken),
        "channels.toml" => raw.channels = list(report, file, &root, "channel", &mut raw.broken),
        "services.toml" => raw.services = list(report, file, &root, "service", &mut raw.broken),
        "events.toml" => raw.events = list(report, file, &root, "event", &mut raw.broken),
        "sources.toml" => raw.sources = list(report, file, &root, "source", &mut raw.broken),
        _ => unreachable!("content::FILES and parse_file disagree about {name}"),
    }
}

fn syntax_error(report: &mut Report, file: FileId, e: &toml::de::Error) {
    let span = e.span().unwrap_or(0..0);
    report.error(file, span, e.message().trim().to_string());
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
    root: &Spanned<DeTable<'_>>,
    key: &str,
) -> Option<T> {
    only_key(report, file, root, key, &format!("[{key}]"));
    match root.get_ref().get(key) {
        Some(value) => item(report, file, value.clone()),
        None => {
            report.error(file, 0..0, format!("missing table `[{key}]`"));
            None
        }
    }
}

/// The file holds an array of tables, `[[key]]`, and nothing else.
fn list<T: DeserializeOwned>(
    report: &mut Report,
    file: FileId,
    root: &Spanned<DeTable<'_>>,
    key: &'static str,
    broken: &mut Broken,
) -> Vec<(FileId, T)> {
    only_key(report, file, root, key, &format!("[[{key}]]"));
    let Some(value) = root.get_ref().get(key) else {
        return Vec::new();
    };
    let DeValue::Array(items) = value.get_ref() else {
        report.error(
            file,
            value.span(),
            format!("`{key}` must be a list of tables, written `[[{key}]]`"),
        );
        broken.lists.insert(key);
        return Vec::new();
    };
    let mut parsed = Vec::new();
    for v in items.iter() {
        match item(report, file, v.clone()) {
            Some(t) => parsed.push((file, t)),
            // Remember the broken item's id, so references to it are not reported too.
            None => match v.get_ref().get("id").and_then(|id| id.get_ref().as_str()) {
                Some(id) => {
                    broken.ids.insert((key, id.to_string()));
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
            report.error(
                file,
                k.span(),
                format!(
                    "unknown key `{}`: this file holds only `{how}`",
                    k.get_ref().as_ref()
                ),
            );
        }
    }
}

fn item<T: DeserializeOwned>(
    report: &mut Report,
    file: FileId,
    value: Spanned<DeValue<'_>>,
) -> Option<T> {
    let fallback = value.span();
    let mut value = value;
    value.get_mut().make_owned();
    match T::deserialize(ValueDeserializer::from(value)) {
        Ok(t) => Some(t),
        Err(e) => {
            let span = e.span().unwrap_or(fallback);
            report.error(file, span, e.message().trim().to_string());
            None
        }
    }
}
