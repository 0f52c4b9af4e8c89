//! Markup inside one line of content text. Two kinds, both plain characters so they pass
//! through the model, the views and askama's escaping untouched:
//!
//! - Ruby (furigana), written by editors: `{漢字|かんじ}`. On a page it becomes
//!   `<ruby>`; where HTML cannot go (a `<title>`, an attribute, JSON) only the base text
//!   is kept.
//! - Fallback marks, added by the engine around text shown in the default language
//!   because a translation is missing, so the page can say which parts those are (a
//!   `lang` attribute) and that they exist (a notice). Private-use characters, which
//!   content cannot contain.
//!
//! `finish_html` applies both to a rendered page in one pass.

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

/// One piece of a text: plain, or a base with its reading.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Ruby { base: &'a str, reading: &'a str },
}

/// Splits at ruby markup. `{` that is not ruby (`{name}` placeholders in labels, or text
/// such as `{`) is kept as text; `check` reports malformed ruby before anything renders.
fn pieces(s: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        if let Some((base, reading, after)) = ruby_at(rest) {
            rest = after;
            return Some(Piece::Ruby { base, reading });
        }
        // Plain text up to the next possible ruby start (never empty: skip one char).
        let first = rest.chars().next().map_or(0, char::len_utf8);
        let end = rest[first..].find('{').map_or(rest.len(), |i| i + first);
        let (text, after) = rest.split_at(end);
        rest = after;
        Some(Piece::Text(text))
    })
}

/// `{base|reading}` at the start of `s`: base, reading and what follows.
fn ruby_at(s: &str) -> Option<(&str, &str, &str)> {
    let inner = s.strip_prefix('{')?;
    let close = inner.find('}')?;
    let (base, reading) = inner[..close].split_once('|')?;
    if base.is_empty() || reading.is_empty() || base.contains('{') || reading.contains('|') {
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

/// The text as it reads without markup: ruby keeps its base, fallback marks go. For
/// titles, attributes, JSON, calendars and search.
pub fn plain(s: &str) -> String {
    if !s.contains(['{', FALLBACK_START, FALLBACK_END]) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for piece in pieces(s) {
        match piece {
            Piece::Text(t) => out.extend(t.chars().filter(|c| !is_mark(*c))),
            Piece::Ruby { base, .. } => out.extend(base.chars().filter(|c| !is_mark(*c))),
        }
    }
    out
}

fn is_mark(c: char) -> bool {
    c == FALLBACK_START || c == FALLBACK_END
}

/// What `finish_html` found on the page.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Finished {
    /// Some text is shown untranslated.
    pub has_fallback: bool,
}

/// Applies the markup to a rendered HTML page: ruby becomes `<ruby>` in text and its
/// base alone inside tags and in `<title>`, `<script>` and `<style>`; fallback text gets
/// `<span lang="…">` (`fallback_lang`, or nothing when that is the page's own language)
/// in each text node it covers, so elements stay properly nested.
pub fn finish_html(html: &str, fallback_lang: Option<&str>) -> (String, Finished) {
    let mut found = Finished::default();
    if !html.contains(['{', FALLBACK_START]) {
        return (html.to_string(), found);
    }
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    let mut in_fallback = false;
    // The element whose content is raw text, if inside one.
    let mut raw_text: Option<&'static str> = None;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            let tag = &rest[..end];
            let name = tag_name(tag);
            match raw_text {
                Some(open) if tag.starts_with("</") && name.eq_ignore_ascii_case(open) => {
                    raw_text = None;
                }
                Some(_) => {}
                None => {
                    raw_text = ["title", "script", "style", "textarea"]
                        .into_iter()
                        .find(|r| !tag.starts_with("</") && name.eq_ignore_ascii_case(r));
                }
            }
            out.push_str(&plain(tag));
            rest = &rest[end..];
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..end];
        rest = &rest[end..];
        if raw_text.is_some() {
            in_fallback = track_fallback(text, in_fallback, &mut found);
            out.push_str(&plain(text));
            continue;
        }
        in_fallback = text_node(text, in_fallback, fallback_lang, &mut found, &mut out);
    }
    (out, found)
}

fn track_fallback(text: &str, mut in_fallback: bool, found: &mut Finished) -> bool {
    for c in text.chars() {
        if c == FALLBACK_START {
            in_fallback = true;
            found.has_fallback = true;
        } else if c == FALLBACK_END {
            in_fallback = false;
        }
    }
    in_fallback
}

/// One text node: ruby to `<ruby>`, fallback runs to spans closed before the node ends.
fn text_node(
    text: &str,
    mut in_fallback: bool,
    lang: Option<&str>,
    found: &mut Finished,
    out: &mut String,
) -> bool {
    let mut span_open = false;
    let open_span = |out: &mut String, span_open: &mut bool| {
        if let Some(lang) = lang
            && !*span_open
        {
            out.push_str("<span lang=\"");
            out.push_str(lang);
            out.push_str("\">");
            *span_open = true;
        }
    };
    for piece in pieces(text) {
        let (chars, ruby) = match piece {
            Piece::Text(t) => (t, None),
            Piece::Ruby { base, reading } => (base, Some(reading)),
        };
        if let Some(reading) = ruby {
            if in_fallback {
                open_span(out, &mut span_open);
            }
            out.push_str("<ruby>");
            out.extend(chars.chars().filter(|c| !is_mark(*c)));
            out.push_str("<rp>(</rp><rt>");
            out.push_str(reading);
            out.push_str("</rt><rp>)</rp></ruby>");
            continue;
        }
        for c in chars.chars() {
            match c {
                FALLBACK_START => {
                    in_fallback = true;
                    found.has_fallback = true;
                }
                FALLBACK_END => {
                    in_fallback = false;
                    if span_open {
                        out.push_str("</span>");
                        span_open = false;
                    }
                }
                c => {
                    if in_fallback && !c.is_whitespace() {
                        open_span(out, &mut span_open);
                    }
                    out.push(c);
                }
            }
        }
    }
    if span_open {
        out.push_str("</span>");
    }
    in_fallback
}

fn tag_name(tag: &str) -> &str {
    let t = tag.trim_start_matches('<').trim_start_matches('/');
    let end = t
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(t.len());
    &t[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ruby_becomes_html_in_text_and_base_in_attributes() {
        let (html, _) = finish_html(
            "<title>{相談|そうだん}</title><p title=\"{相談|そうだん}\">{相談|そうだん}する</p>",
            None,
        );
        assert_eq!(
            html,
            "<title>相談</title><p title=\"相談\"><ruby>相談<rp>(</rp><rt>そうだん</rt><rp>)</rp></ruby>する</p>"
        );
    }

    #[test]
    fn placeholders_and_lone_braces_are_text() {
        assert_eq!(plain("{time}まで {"), "{time}まで {");
        assert!(check("{time}まで").is_ok());
        let (html, _) = finish_html("<p>{a} { b}</p>", None);
        assert_eq!(html, "<p>{a} { b}</p>");
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
    fn fallback_spans_stay_inside_each_text_node() {
        let s = format!("<p>{FALLBACK_START}次は<time>8時</time>から{FALLBACK_END}。</p>");
        let (html, found) = finish_html(&s, Some("ja"));
        assert!(found.has_fallback);
        assert_eq!(
            html,
            "<p><span lang=\"ja\">次は</span><time><span lang=\"ja\">8時</span></time><span lang=\"ja\">から</span>。</p>"
        );
    }

    #[test]
    fn fallback_without_a_lang_only_loses_its_marks() {
        let s = format!(
            "<p>{FALLBACK_START}日本語{FALLBACK_END}</p><meta content=\"{FALLBACK_START}x{FALLBACK_END}\">"
        );
        let (html, found) = finish_html(&s, None);
        assert!(found.has_fallback);
        assert_eq!(html, "<p>日本語</p><meta content=\"x\">");
    }

    #[test]
    fn plain_strips_everything() {
        let s = format!("{FALLBACK_START}{{目黒|めぐろ}}区{FALLBACK_END}");
        assert_eq!(plain(&s), "目黒区");
    }
}
