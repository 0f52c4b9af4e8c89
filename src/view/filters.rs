//! Step 4 of the flow (view): the askama filters that put content text on a page. They read
//! nothing but the text. Text from the content may carry inline markup
//! (`model::inline`): ruby and the marks around untranslated text. Templates show it with
//! one of two filters, chosen by place:
//!
//! - `{{ text|inline }}` in the page's text: ruby becomes `<ruby>`, untranslated text is
//!   wrapped in `<span lang="…">`, and every piece of text is escaped by askama's own
//!   HTML escaper. The result is safe HTML, written straight into the page.
//! - `{{ text|plain }}` where HTML cannot go (`<title>`, attributes): the text as it
//!   reads, ruby by its base alone, then escaped by askama like any other value.
//!
//! What a person typed (the search query) goes through neither: askama escapes it, and
//! no markup in it means anything. Where it stands inside a label, `Filled` writes the
//! label's markup and only escapes the query.

use std::any::Any;
use std::fmt::{self, Write};

use askama::filters::{Escaper, Html, Safe};
use askama::{FastWritable, Values};

use crate::model::inline::{self as markup, Piece};

/// The runtime value (see `PageValues`) that says which language untranslated text is in.
const UNTRANSLATED_LANG: &str = "untranslated_lang";

/// What the filters know of the page being rendered, given to askama as runtime values.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageValues<'a> {
    /// The language untranslated text is in (the default language's `lang`), where it
    /// differs from the page's own; `None` leaves such text unmarked.
    pub untranslated_lang: Option<&'a String>,
}

impl Values for PageValues<'_> {
    fn get_value<'a>(&'a self, key: &str) -> Option<&'a dyn Any> {
        match key {
            UNTRANSLATED_LANG => self.untranslated_lang.map(|l| l as &dyn Any),
            _ => None,
        }
    }
}

fn untranslated_lang(values: &dyn Values) -> Option<&str> {
    askama::get_value::<String>(values, UNTRANSLATED_LANG)
        .ok()
        .map(String::as_str)
}

/// Text that `inline` writes as HTML: content text, or a label filled with other text.
pub trait InlineText {
    /// Writes the text as HTML; `lang` as in `PageValues::untranslated_lang`.
    fn write_html(&self, dest: &mut dyn Write, lang: Option<&str>) -> fmt::Result;
}

impl InlineText for str {
    fn write_html(&self, dest: &mut dyn Write, lang: Option<&str>) -> fmt::Result {
        write_inline(self, &[], dest, lang)
    }
}

impl InlineText for String {
    fn write_html(&self, dest: &mut dyn Write, lang: Option<&str>) -> fmt::Result {
        self.as_str().write_html(dest, lang)
    }
}

impl<T: InlineText + ?Sized> InlineText for &T {
    fn write_html(&self, dest: &mut dyn Write, lang: Option<&str>) -> fmt::Result {
        (**self).write_html(dest, lang)
    }
}

/// Content text in the page's text: ruby as `<ruby>`, untranslated text marked with its
/// language, the rest escaped.
#[askama::filter_fn]
pub fn inline<'a, T: InlineText + ?Sized>(
    text: &'a T,
    _: &dyn Values,
) -> askama::Result<Safe<InlineHtml<&'a T>>> {
    Ok(Safe(InlineHtml(text)))
}

/// Content text where HTML cannot go: as it reads, ruby by its base alone. Not safe:
/// askama escapes what this writes.
#[askama::filter_fn]
pub fn plain<'a>(text: &'a str, _: &dyn Values) -> askama::Result<Plain<'a>> {
    Ok(Plain(text))
}

/// What `inline` gives askama: the text, written as HTML when the page is.
pub struct InlineHtml<T>(T);

impl<T: InlineText> FastWritable for InlineHtml<T> {
    fn write_into(&self, dest: &mut dyn Write, values: &dyn Values) -> askama::Result<()> {
        Ok(self.0.write_html(dest, untranslated_lang(values))?)
    }
}

// Templates write it through `FastWritable`, which has the page's values; this is for
// other uses, and leaves untranslated text unmarked.
impl<T: InlineText> fmt::Display for InlineHtml<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_html(f, None)
    }
}

/// What `plain` gives askama: the text without its markup, for askama to escape.
pub struct Plain<'a>(&'a str);

impl Plain<'_> {
    fn write(&self, dest: &mut dyn Write) -> fmt::Result {
        if !markup::has_markup(self.0) {
            return dest.write_str(self.0);
        }
        for piece in markup::pieces(self.0) {
            match piece {
                Piece::Text(t) | Piece::Ruby { base: t, .. } => dest.write_str(t)?,
                Piece::UntranslatedStart | Piece::UntranslatedEnd => {}
            }
        }
        Ok(())
    }
}

impl FastWritable for Plain<'_> {
    fn write_into(&self, dest: &mut dyn Write, _: &dyn Values) -> askama::Result<()> {
        Ok(self.write(dest)?)
    }
}

impl fmt::Display for Plain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f)
    }
}

/// A label whose `{name}` placeholders are filled with text that is not content (what a
/// person typed, a number): the label is written as `inline` writes it, the values are
/// only escaped, so nothing in them is markup. Shown with `|inline`.
#[derive(Debug, Clone)]
pub struct Filled<'a> {
    label: &'a str,
    /// Placeholders with their braces (`{query}`) and what fills them.
    values: Vec<(&'static str, String)>,
}

impl<'a> Filled<'a> {
    pub fn new(label: &'a str) -> Self {
        Filled {
            label,
            values: Vec::new(),
        }
    }

    /// Fills `placeholder` (with its braces, e.g. `{query}`) with `value`.
    pub fn with(mut self, placeholder: &'static str, value: impl Into<String>) -> Self {
        self.values.push((placeholder, value.into()));
        self
    }

    /// The label, with its placeholders.
    pub fn label(&self) -> &'a str {
        self.label
    }

    /// The label filled as `plain` reads it (ruby by its base alone), for an attribute;
    /// askama escapes it.
    pub fn plain(&self) -> String {
        let mut text = String::new();
        for piece in markup::pieces(self.label) {
            match piece {
                Piece::Ruby { base, .. } => text.push_str(base),
                Piece::Text(mut t) => {
                    // As in write_inline: pieces split at every `{`, so a placeholder
                    // starts a piece, and a value is never read for placeholders.
                    if let Some((placeholder, value)) =
                        self.values.iter().find(|(p, _)| t.starts_with(p))
                    {
                        text.push_str(value);
                        t = &t[placeholder.len()..];
                    }
                    text.push_str(t);
                }
                Piece::UntranslatedStart | Piece::UntranslatedEnd => {}
            }
        }
        text
    }
}

impl InlineText for Filled<'_> {
    fn write_html(&self, dest: &mut dyn Write, lang: Option<&str>) -> fmt::Result {
        let values: Vec<(&str, &str)> = self.values.iter().map(|(p, v)| (*p, v.as_str())).collect();
        write_inline(self.label, &values, dest, lang)
    }
}

/// Writes `text` as HTML: each piece of text escaped by askama's `Html` escaper, ruby as
/// `<ruby>`, and untranslated text inside `<span lang="…">` when `lang` is given (the
/// spans close where the text's own run does, and always by its end, so they nest
/// properly in whatever element holds the text). A `{placeholder}` of `fill` is written
/// as its value, escaped, outside any span.
fn write_inline(
    text: &str,
    fill: &[(&str, &str)],
    dest: &mut dyn Write,
    lang: Option<&str>,
) -> fmt::Result {
    if fill.is_empty() && !markup::has_markup(text) {
        return Html.write_escaped_str(dest, text);
    }
    let lang = lang.filter(|_| markup::is_untranslated(text));
    let mut runs = markup::open_runs_before(text);
    let mut span = Span { lang, open: false };
    for piece in markup::pieces(text) {
        match piece {
            Piece::UntranslatedStart => runs += 1,
            Piece::UntranslatedEnd => {
                runs = runs.saturating_sub(1);
                if runs == 0 {
                    span.close(dest)?;
                }
            }
            Piece::Ruby { base, reading } => {
                if runs > 0 {
                    span.open(dest)?;
                }
                // No `<rp>`: every supported browser lays ruby out, and two elements fewer
                // a word keep a page of やさしい日本語 small (Lighthouse counts elements).
                // One `<ruby>` a word, never one for words side by side: Chromium gives a
                // screen reader only a ruby's first reading (as its description).
                dest.write_str("<ruby>")?;
                Html.write_escaped_str(&mut *dest, base)?;
                dest.write_str("<rt>")?;
                Html.write_escaped_str(&mut *dest, reading)?;
                dest.write_str("</rt></ruby>")?;
            }
            Piece::Text(mut t) => {
                // Pieces split at every `{`, so a placeholder starts a piece.
                if let Some((placeholder, value)) = fill.iter().find(|(p, _)| t.starts_with(p)) {
                    span.close(dest)?;
                    Html.write_escaped_str(&mut *dest, value)?;
                    t = &t[placeholder.len()..];
                }
                if runs > 0 && !span.open {
                    // Space before the text stays outside its span.
                    let text_start = t.len() - t.trim_start().len();
                    dest.write_str(&t[..text_start])?;
                    t = &t[text_start..];
                    if !t.is_empty() {
                        span.open(dest)?;
                    }
                }
                Html.write_escaped_str(&mut *dest, t)?;
            }
        }
    }
    span.close(dest)
}

/// The `<span lang>` around untranslated text, if the page marks it.
struct Span<'a> {
    lang: Option<&'a str>,
    open: bool,
}

impl Span<'_> {
    fn open(&mut self, dest: &mut dyn Write) -> fmt::Result {
        if let Some(lang) = self.lang
            && !self.open
        {
            dest.write_str("<span lang=\"")?;
            Html.write_escaped_str(&mut *dest, lang)?;
            dest.write_str("\">")?;
            self.open = true;
        }
        Ok(())
    }

    fn close(&mut self, dest: &mut dyn Write) -> fmt::Result {
        if self.open {
            self.open = false;
            dest.write_str("</span>")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use askama::Template;

    use super::{Filled, PageValues};
    use crate::model::inline::{FALLBACK_END as E, FALLBACK_START as S};
    use crate::view::filters;

    /// The text as the page's text and as an attribute, the way the templates use them.
    #[derive(Template)]
    #[template(
        source = r#"<p title="{{ text|plain }}">{{ text|inline }}</p>"#,
        ext = "html"
    )]
    struct Probe<'a> {
        text: &'a str,
    }

    fn render(text: &str, untranslated_lang: Option<&str>) -> String {
        let lang = untranslated_lang.map(str::to_string);
        Probe { text }
            .render_with_values(&PageValues {
                untranslated_lang: lang.as_ref(),
            })
            .unwrap()
    }

    #[test]
    fn ruby_becomes_html_in_text_and_base_in_attributes() {
        assert_eq!(
            render("{相談|そうだん}する", None),
            r#"<p title="相談する"><ruby>相談<rt>そうだん</rt></ruby>する</p>"#
        );
    }

    #[test]
    fn a_filled_label_read_plain_keeps_what_was_typed() {
        let filled = Filled::new("「{query}」の {結果|けっか}: {n}{件|けん}")
            .with("{query}", "{n}と<b>")
            .with("{n}", "3");
        assert_eq!(filled.plain(), "「{n}と<b>」の 結果: 3件");
    }

    #[test]
    fn every_piece_is_escaped() {
        assert_eq!(
            render(r#"<b>&"'{<i>&"'|<u>&"'}"#, None),
            "<p title=\"&#60;b&#62;&#38;&#34;&#39;&#60;i&#62;&#38;&#34;&#39;\">\
             &#60;b&#62;&#38;&#34;&#39;<ruby>&#60;i&#62;&#38;&#34;&#39;\
             <rt>&#60;u&#62;&#38;&#34;&#39;</rt></ruby></p>"
        );
    }

    #[test]
    fn malformed_ruby_and_placeholders_stay_text() {
        for text in [
            "{漢字|かんじ",
            "{|かんじ}",
            "{漢字|}",
            "{name}まで",
            "{ {a|b",
        ] {
            let html = render(text, None);
            assert_eq!(html, format!(r#"<p title="{text}">{text}</p>"#));
        }
        assert_eq!(
            render("{漢{字|かんじ}", None),
            r#"<p title="{漢字">{漢<ruby>字<rt>かんじ</rt></ruby></p>"#
        );
    }

    #[test]
    fn untranslated_text_is_marked_with_its_language() {
        let text = format!("{S}次は{{相談|そうだん}}{E}。");
        assert_eq!(
            render(&text, Some("ja")),
            r#"<p title="次は相談。"><span lang="ja">次は<ruby>相談<rt>そうだん</rt></ruby></span>。</p>"#
        );
        // Where the page is in the same language, the marks only go.
        assert_eq!(
            render(&text, None),
            r#"<p title="次は相談。">次は<ruby>相談<rt>そうだん</rt></ruby>。</p>"#
        );
    }

    #[test]
    fn spans_leave_space_out_and_close_by_the_end() {
        // The part of a label before a placeholder, and the part after it.
        assert_eq!(
            render(&format!(" {S}Open until "), Some("en")),
            r#"<p title=" Open until "> <span lang="en">Open until </span></p>"#
        );
        assert_eq!(
            render(&format!("まで{E}。"), Some("ja")),
            r#"<p title="まで。"><span lang="ja">まで</span>。</p>"#
        );
        // A run inside a run (a name inside a label) is one span.
        assert_eq!(
            render(&format!("{S}{S}Hours{E} (weekdays){E}"), Some("en")),
            r#"<p title="Hours (weekdays)"><span lang="en">Hours (weekdays)</span></p>"#
        );
    }

    #[derive(Template)]
    #[template(source = "<h2>{{ summary|inline }}</h2>", ext = "html")]
    struct Summary<'a> {
        summary: Filled<'a>,
    }

    #[test]
    fn a_filled_label_keeps_its_markup_and_only_escapes_the_values() {
        let label = format!("{S}「{{query}}」の {{結果|けっか}}: {{n}}こ{E}");
        let summary = Filled::new(&label)
            .with("{query}", "<b>{漢字|かんじ}&")
            .with("{n}", "3");
        let lang = "ja".to_string();
        let html = Summary { summary }
            .render_with_values(&PageValues {
                untranslated_lang: Some(&lang),
            })
            .unwrap();
        assert_eq!(
            html,
            "<h2><span lang=\"ja\">「</span>&#60;b&#62;{漢字|かんじ}&#38;<span lang=\"ja\">」の \
             <ruby>結果<rt>けっか</rt></ruby>: </span>3<span lang=\"ja\">こ</span></h2>"
        );
    }
}
