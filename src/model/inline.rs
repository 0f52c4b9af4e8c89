//! Step 2 of the flow (model).
//!
//! Markup inside one line of content text. Two kinds, both plain characters so they pass
//! through the model and the views untouched:
//!
//! - Ruby (furigana), written by editors: `{漢字|かんじ}`. On a page it becomes
//!   `<ruby>`; where HTML cannot go (a `<title>`, an attribute, JSON) only the base text
//!   is kept.
//! - Untranslated-text marks, added by the engine around text shown in the default
//!   language because a translation is missing, so the page can say which parts those
//!   are (a `lang` attribute) and that they exist (a notice). Private-use characters,
//!   which content cannot contain.
//!
//! This module only reads the markup (`pieces`, `plain`, `check`); the view's filters
//! (`view::filters`) write it as HTML.

/// Starts text shown untranslated.
pub const FALLBACK_START: char = '\u{E000}';
/// Ends text shown untranslated.
pub const FALLBACK_END: char = '\u{E001}';

/// Why a text's markup is wrong, for `check`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkupError {
    #[error("ruby `{{…|…}}` is not closed with `}}`")]
    Unclosed,
    #[error("ruby `{{…|…}}` needs text before `|` and its reading after it")]
    Empty,
    #[error("ruby `{{…|…}}` cannot contain another `{{`")]
    Nested,
    #[error("the text contains a private-use character (U+E000–U+F8FF), which the engine reserves")]
    PrivateUse,
}

/// One piece of a text, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text as it reads, without markup of either kind (never empty).
    Text(&'a str),
    /// A base with its reading.
    Ruby { base: &'a str, reading: &'a str },
    /// Untranslated text starts here.
    UntranslatedStart,
    /// Untranslated text ends here.
    UntranslatedEnd,
}

/// Splits at ruby markup and untranslated-text marks. `{` that is not ruby (`{name}`
/// placeholders in labels, or text such as `{`) is kept as text; `check` reports
/// malformed ruby before anything renders.
pub fn pieces(s: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let mut chars = rest.chars();
        let piece = match chars.next()? {
            FALLBACK_START => Piece::UntranslatedStart,
            FALLBACK_END => Piece::UntranslatedEnd,
            first => {
                if let Some((base, reading, after)) = ruby_at(rest) {
                    rest = after;
                    return Some(Piece::Ruby { base, reading });
                }
                // Plain text up to the next mark or possible ruby start (never empty:
                // the first char is neither).
                let from = first.len_utf8();
                let end = rest[from..]
                    .find(['{', FALLBACK_START, FALLBACK_END])
                    .map_or(rest.len(), |i| i + from);
                let (text, after) = rest.split_at(end);
                rest = after;
                return Some(Piece::Text(text));
            }
        };
        rest = chars.as_str();
        Some(piece)
    })
}

/// `{base|reading}` at the start of `s`: base, reading and what follows. Marks inside
/// the braces make it text, so a mark is never lost inside a ruby.
fn ruby_at(s: &str) -> Option<(&str, &str, &str)> {
    let inner = s.strip_prefix('{')?;
    let close = inner.find('}')?;
    let (base, reading) = inner[..close].split_once('|')?;
    if base.is_empty()
        || reading.is_empty()
        || base.contains('{')
        || reading.contains('|')
        || inner[..close].contains(is_mark)
    {
        return None;
    }
    Some((base, reading, &inner[close + 1..]))
}

/// Reports malformed ruby markup: a `{` followed by a `|` before its `}` must be ruby.
pub fn check(s: &str) -> Result<(), MarkupError> {
    if s.chars().any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c)) {
        return Err(MarkupError::PrivateUse);
    }
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}');
        let bar = after.find('|');
        match (bar, close) {
            // `{name}` placeholders and lone braces are not ruby.
            (None, _) => {}
            (Some(b), Some(c)) if b < c => {
                let inner = &after[..c];
                if inner[..b].contains('{') {
                    return Err(MarkupError::Nested);
                }
                let (base, reading) = (&inner[..b], &inner[b + 1..]);
                if base.trim().is_empty() || reading.trim().is_empty() {
                    return Err(MarkupError::Empty);
                }
                if reading.contains('|') {
                    return Err(MarkupError::Nested);
                }
            }
            (Some(_), Some(_)) => {}
            (Some(_), None) => return Err(MarkupError::Unclosed),
        }
        rest = after;
    }
    Ok(())
}

/// The text as it reads without markup: ruby keeps its base, the marks go. For
/// titles, attributes, JSON, calendars and search.
pub fn plain(s: &str) -> String {
    if !has_markup(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for piece in pieces(s) {
        match piece {
            Piece::Text(t) | Piece::Ruby { base: t, .. } => out.push_str(t),
            Piece::UntranslatedStart | Piece::UntranslatedEnd => {}
        }
    }
    out
}

/// Whether `s` may hold markup of either kind; `false` means it reads as it is.
pub fn has_markup(s: &str) -> bool {
    s.contains(['{', FALLBACK_START, FALLBACK_END])
}

/// Whether any of `s` is shown untranslated.
pub fn is_untranslated(s: &str) -> bool {
    s.contains([FALLBACK_START, FALLBACK_END])
}

/// How many untranslated runs `s` starts inside: a text cut out of a longer one (the
/// part after a placeholder) can end a run it does not start.
pub fn open_runs_before(s: &str) -> usize {
    let (mut depth, mut lowest) = (0isize, 0isize);
    for c in s.chars().filter(|c| is_mark(*c)) {
        depth += if c == FALLBACK_START { 1 } else { -1 };
        lowest = lowest.min(depth);
    }
    lowest.unsigned_abs()
}

/// `s` marked as shown untranslated.
pub fn untranslated(s: &str) -> String {
    format!("{FALLBACK_START}{s}{FALLBACK_END}")
}

/// `s` without its untranslated-text marks (its ruby kept).
pub fn without_marks(s: &str) -> String {
    s.chars().filter(|c| !is_mark(*c)).collect()
}

fn is_mark(c: char) -> bool {
    c == FALLBACK_START || c == FALLBACK_END
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_in_order() {
        let s = format!("a{FALLBACK_START}{{相談|そうだん}}b{FALLBACK_END}");
        assert_eq!(
            pieces(&s).collect::<Vec<_>>(),
            vec![
                Piece::Text("a"),
                Piece::UntranslatedStart,
                Piece::Ruby {
                    base: "相談",
                    reading: "そうだん"
                },
                Piece::Text("b"),
                Piece::UntranslatedEnd,
            ]
        );
    }

    #[test]
    fn placeholders_and_lone_braces_are_text() {
        assert_eq!(plain("{time}まで {"), "{time}まで {");
        assert!(check("{time}まで").is_ok());
        assert_eq!(
            pieces("{a} { b}").collect::<Vec<_>>(),
            vec![Piece::Text("{a} "), Piece::Text("{ b}")]
        );
    }

    #[test]
    fn marks_inside_braces_make_them_text() {
        let s = format!("{{漢{FALLBACK_END}字|かんじ}}");
        assert_eq!(plain(&s), "{漢字|かんじ}");
    }

    #[test]
    fn malformed_ruby_is_reported() {
        assert_eq!(check("{漢字|かんじ"), Err(MarkupError::Unclosed));
        assert_eq!(check("{|かんじ}"), Err(MarkupError::Empty));
        assert_eq!(check("{漢字|}"), Err(MarkupError::Empty));
        assert_eq!(check("{漢{字|かんじ}"), Err(MarkupError::Nested));
        assert_eq!(check("a\u{E000}b"), Err(MarkupError::PrivateUse));
        assert!(check("{漢字|かんじ}と{仮名|かな}").is_ok());
    }

    #[test]
    fn plain_strips_everything() {
        let s = format!("{FALLBACK_START}{{目黒|めぐろ}}区{FALLBACK_END}");
        assert_eq!(plain(&s), "目黒区");
    }

    #[test]
    fn a_part_cut_from_an_untranslated_text_knows_it_is_inside_one() {
        let (s, e) = (FALLBACK_START, FALLBACK_END);
        assert_eq!(open_runs_before("plain"), 0);
        assert_eq!(open_runs_before(&format!("{s}open")), 0);
        assert_eq!(open_runs_before(&format!("until{e}")), 1);
        assert_eq!(open_runs_before(&format!("a{e}b{e}{s}c")), 2);
        assert!(is_untranslated(&format!("until{e}")));
        assert!(!is_untranslated("{相談|そうだん}"));
    }
}
