//! Step 1 of the flow (content).
//!
//! Problems found in content, located by file, line and column so an editor can jump to
//! them. Every problem in every file is collected before `check` fails, so one pass of
//! edits fixes them all.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::message::Message;
use crate::model::Lang;

/// One content file as read from disk; spans in problems are byte offsets into `text`.
/// The text is shared: each file's parse tree borrows it while problems are reported.
#[derive(Debug, Clone)]
pub(super) struct SourceFile {
    pub path: PathBuf,
    pub text: std::sync::Arc<str>,
}

impl SourceFile {
    /// 1-based line and column (in characters) of a byte offset.
    pub(super) fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A problem with its place resolved, ready to print as `file:line:column: message`
/// (`file:line:column: warning: message` for a warning).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: Message,
}

/// A problem or a list of them as said in one language (`Display` is English).
#[derive(Debug, Clone, Copy)]
pub struct InLang<'a, T>(&'a T, Lang);

impl fmt::Display for InLang<'_, Problem> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let InLang(p, lang) = *self;
        let wording = p.message.wording(lang);
        let warning = match (p.is_warning(), lang) {
            (false, _) => "",
            (true, Lang::En) => "warning: ",
            (true, Lang::Ja) => "警告: ",
        };
        write!(
            f,
            "{}:{}:{}: {warning}{}",
            p.path.display(),
            p.line,
            p.column,
            wording.text
        )?;
        // Under the located line, as Rust's compiler prints `help:`, so that tools which
        // read `file:line:column: message` lines still find one per problem.
        if let Some(help) = wording.help {
            let label = match lang {
                Lang::En => "help",
                Lang::Ja => "ヒント",
            };
            write!(f, "\n  = {label}: {help}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.in_lang(Lang::En).fmt(f)
    }
}

/// All the problems of one load, in file and line order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for InLang<'_, Problems> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let InLang(problems, lang) = *self;
        for p in &problems.0 {
            writeln!(f, "{}", p.in_lang(lang))?;
        }
        let n = problems.0.len();
        let only_warnings = problems.0.iter().all(|p| p.is_warning());
        let s = if n == 1 { "" } else { "s" };
        match (lang, only_warnings) {
            (Lang::En, true) => write!(f, "{n} warning{s} about the content"),
            (Lang::En, false) => write!(f, "{n} problem{s} found in the content"),
            (Lang::Ja, true) => write!(f, "コンテンツについての警告が {n} 件あります"),
            (Lang::Ja, false) => write!(f, "コンテンツに {n} 件の問題があります"),
        }
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.in_lang(Lang::En).fmt(f)
    }
}

impl Problems {
    /// The list and its count in `lang`.
    pub fn in_lang(&self, lang: Lang) -> InLang<'_, Problems> {
        InLang(self, lang)
    }
}

impl Problem {
    /// The problem in `lang`, with its hint on the next line where it has one.
    pub fn in_lang(&self, lang: Lang) -> InLang<'_, Problem> {
        InLang(self, lang)
    }

    /// A warning does not stop the content from loading.
    pub fn is_warning(&self) -> bool {
        self.message.is_warning()
    }
}

/// Index of a file in a `Report`.
pub(super) type FileId = usize;

/// Collects problems against the files they were found in.
#[derive(Debug, Default)]
pub(super) struct Report {
    pub files: Vec<SourceFile>,
    found: Vec<(FileId, Range<usize>, Message)>,
    /// Problems that do not stop the content from loading (a missing translation).
    warnings: Vec<(FileId, Range<usize>, Message)>,
    unreadable: Vec<Problem>,
}

impl Report {
    pub(super) fn add_file(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        self.files.len() - 1
    }

    pub(super) fn error(&mut self, file: FileId, span: Range<usize>, message: Message) {
        self.found.push((file, span, message));
    }

    pub(super) fn warn(&mut self, file: FileId, span: Range<usize>, message: Message) {
        self.warnings.push((file, span, message));
    }

    /// A file that could not be read at all: there is no text to point into.
    pub(super) fn unreadable(&mut self, path: &Path, message: Message) {
        self.unreadable.push(Problem {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message,
        });
    }

    /// An empty report on the same files, for work done on another thread.
    pub(super) fn part(&self) -> Report {
        Report {
            files: self.files.clone(),
            ..Report::default()
        }
    }

    /// Takes in what a `part` of this report found.
    pub(super) fn absorb(&mut self, part: Report) {
        self.found.extend(part.found);
        self.warnings.extend(part.warnings);
        self.unreadable.extend(part.unreadable);
    }

    pub(super) fn is_empty(&self) -> bool {
        self.found.is_empty() && self.unreadable.is_empty()
    }

    /// The warnings, located; they stay in the report.
    pub(super) fn warnings(&self) -> Problems {
        self.locate(Vec::new(), &self.warnings)
    }

    pub(super) fn into_problems(self) -> Problems {
        self.locate(self.unreadable.clone(), &self.found)
    }

    fn locate(&self, mut out: Vec<Problem>, found: &[(FileId, Range<usize>, Message)]) -> Problems {
        for (file, span, message) in found {
            let source = &self.files[*file];
            let (line, column) = source.line_col(span.start);
            out.push(Problem {
                path: source.path.clone(),
                line,
                column,
                message: message.clone(),
            });
        }
        out.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        out.dedup();
        Problems(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let f = SourceFile {
            path: "x.toml".into(),
            text: "a = 1\nname = \"目黒\"\n".into(),
        };
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(6), (2, 1));
        // byte offset of the closing quote: after two 3-byte characters
        let quote = f.text.rfind('"').unwrap();
        assert_eq!(f.line_col(quote), (2, 11));
    }
}
