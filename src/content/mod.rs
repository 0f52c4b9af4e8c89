//! Step 1 of the flow (content): reads `content/*.toml`, parses each file into the raw
//! shapes of `raw`, and hands them to `validate`, which builds the model. It is the only
//! module that touches the content directory; a problem anywhere comes back as
//! `Problems`, every one of them with its file, line and column.

mod message;
mod parse;
mod problem;
mod raw;
mod translate;
mod validate;

pub use message::{Message, ShapeError, Wording};
pub use problem::{InLang, Problem, Problems};

use std::path::Path;
use std::sync::Arc;

use crate::model::{Lang, Site};
use crate::parallel;
use problem::{Report, SourceFile};

/// The files a content directory holds, and what each contains.
pub const FILES: [&str; 12] = [
    "site.toml",
    "labels.toml",
    "organizations.toml",
    "places.toml",
    "contacts.toml",
    "hours.toml",
    "audiences.toml",
    "channels.toml",
    "services.toml",
    "events.toml",
    "sources.toml",
    "pages.toml",
];

/// Everything parsed from a content directory, before cross-file checks.
#[derive(Debug, Default)]
pub struct RawContent {
    pub site: Option<(problem::FileId, raw::Site)>,
    pub labels: Option<crate::model::Labels>,
    pub organizations: Vec<(problem::FileId, raw::Organization)>,
    pub places: Vec<(problem::FileId, raw::Place)>,
    pub contacts: Vec<(problem::FileId, raw::Contact)>,
    pub hours: Vec<(problem::FileId, raw::Hours)>,
    pub audiences: Vec<(problem::FileId, raw::Audience)>,
    pub channels: Vec<(problem::FileId, raw::Channel)>,
    pub services: Vec<(problem::FileId, raw::Service)>,
    pub events: Vec<(problem::FileId, raw::Event)>,
    pub sources: Vec<(problem::FileId, raw::Source)>,
    pub pages: Option<(problem::FileId, raw::Pages)>,
    /// Items already reported as broken, by list key (`service`, …): references to them
    /// are not reported again as unknown.
    pub broken: Broken,
}

/// What failed to parse: whole lists (a file with a syntax error, or missing) or single
/// items whose `id` could still be read.
#[derive(Debug, Default)]
pub struct Broken {
    pub lists: std::collections::HashSet<&'static str>,
    pub ids: std::collections::HashSet<(&'static str, String)>,
}

impl Broken {
    pub fn covers(&self, key: &str, id: &str) -> bool {
        self.lists.contains(key) || self.ids.contains(&(key, id.to_string()))
    }
}

/// The list key each file holds, for `Broken`.
pub fn list_key(file: &str) -> Option<&'static str> {
    Some(match file {
        "organizations.toml" => "organization",
        "places.toml" => "place",
        "contacts.toml" => "contact",
        "hours.toml" => "hours",
        "audiences.toml" => "audience",
        "channels.toml" => "channel",
        "services.toml" => "service",
        "events.toml" => "event",
        "sources.toml" => "source",
        _ => return None,
    })
}

/// A loaded content directory: the site in its default language, then in each language
/// it is translated into, in the order `site.toml` lists them.
#[derive(Debug)]
pub struct Content {
    pub sites: Vec<Site>,
    /// Every file as it was read, by name: what this content is, for its version hash.
    pub files: Vec<(&'static str, Arc<str>)>,
    /// What is fine to publish but worth an editor's attention (missing translations).
    pub warnings: Problems,
}

impl Content {
    /// The site in its default language.
    pub fn site(&self) -> &Site {
        &self.sites[0]
    }
}

/// Loads and validates the content directory `dir`, once per language. `now` decides
/// what "in the future" means for the dates of checks, and which checks are old.
pub fn load(dir: &Path, now: jiff::Timestamp) -> Result<Content, Problems> {
    if !dir.is_dir() {
        return Err(missing_dir(dir));
    }
    let mut report = Report::default();
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for name in FILES {
        let path = dir.join(name);
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let text: Arc<str> = text.into();
                let file = report.add_file(SourceFile {
                    path,
                    text: text.clone(),
                });
                files.push((name, file, text));
            }
            Err(e) => {
                report.unreadable(
                    &path,
                    Message::Unreadable {
                        error: e.to_string(),
                    },
                );
                unreadable.extend(list_key(name));
            }
        }
    }
    // Each file is parsed once; every language reads its own copy of the tree (cheap: the
    // copy borrows the text), localised in place.
    let trees: Vec<_> = files
        .iter()
        .map(|(name, file, text)| (*name, *file, parse::tree(text, *file, &mut report)))
        .collect();
    let read = |language: Option<&str>, named: &mut Vec<_>, report: &mut Report| -> RawContent {
        let mut raw = RawContent::default();
        raw.broken.lists.extend(unreadable.iter().copied());
        for (name, file, tree) in &trees {
            match tree {
                Some(tree) => {
                    parse::read_file(name, *file, tree.clone(), language, named, report, &mut raw)
                }
                None => raw.broken.lists.extend(list_key(name)),
            }
        }
        raw
    };
    // Cross-file checks need every file; a file that failed to parse is already reported
    // and its items are simply absent, so references to them are not reported twice.
    // Each translation is read and checked like the default language, all of them on
    // every core; what the languages share is reported once (the report drops repeats).
    let ids = parse::language_ids(trees.iter().find(|(name, ..)| *name == "site.toml"));
    let editions: Vec<Option<&str>> = std::iter::once(None)
        .chain(ids.iter().flatten().map(|id| Some(id.as_str())))
        .collect();
    let checked = parallel::map(&editions, |language| {
        let mut part = report.part();
        let mut named = Vec::new();
        let raw = read(*language, &mut named, &mut part);
        (
            validate::validate(raw, now, *language, &mut part),
            part,
            named,
        )
    });
    let mut sites = Vec::new();
    let mut named = Vec::new();
    for (site, part, in_edition) in checked {
        report.absorb(part);
        sites.push(site);
        named.extend(in_edition);
    }
    // Without a `[site]` table the languages are not known, and the translations that
    // name them are not reported too.
    for (file, span, language) in named {
        if let Some(ids) = &ids
            && !ids.contains(&language)
        {
            let listed = message::IdList(ids.clone());
            report.error(file, span, Message::UnknownLanguage { language, listed });
        }
    }
    if !report.is_empty() {
        return Err(report.into_problems());
    }
    let warnings = report.warnings();
    drop(trees);
    let files = files
        .into_iter()
        .map(|(name, _, text)| (name, text))
        .collect();
    match sites.into_iter().collect::<Option<Vec<Site>>>() {
        Some(sites) => Ok(Content {
            sites,
            files,
            warnings,
        }),
        None => Err(report.into_problems()),
    }
}

/// The language to tell the editors of `dir` about it in: that of the site's default
/// language (`language` in site.toml), read on its own so that content with problems
/// elsewhere is still reported in it; English where site.toml cannot be read at all.
pub fn editor_lang(dir: &Path) -> Lang {
    std::fs::read_to_string(dir.join("site.toml"))
        .ok()
        .and_then(|text| parse::default_language(&text))
        .map_or(Lang::En, |tag| Lang::for_tag(&tag))
}

/// `Problems` for a path that is not a content directory at all.
pub fn missing_dir(dir: &Path) -> Problems {
    Problems(vec![Problem {
        path: dir.to_path_buf(),
        line: 1,
        column: 1,
        message: Message::MissingDirectory,
    }])
}
