//! Cutting a short window of an original text around a match and marking every
//! occurrence of every term in it. The pieces borrow the original text, cut only at
//! segment boundaries (see `fold`), so no mark splits a character or a grapheme.

use std::ops::Range;

use super::fold::Folded;

/// How many segments (about: characters as seen) an excerpt shows.
const EXCERPT_SEGMENTS: usize = 90;

/// How many segments before the first match an excerpt may begin, when no sentence begins
/// closer.
const CONTEXT_BEFORE: usize = 30;

/// Marks kept per term and window. Bounds the work on pathological text (a long title of
/// one repeated character against a query of the same); real text is far below it.
const MAX_MARKS_PER_TERM: usize = 256;

/// A run of original text, marked or not.
///
/// The text is raw, not HTML: the template escapes it (askama does by default) and puts
/// marked pieces in `<mark>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'a> {
    pub text: &'a str,
    pub marked: bool,
}

/// A window of an entry's text. The pieces, joined, are one contiguous slice of the
/// original text; `cut_before` and `cut_after` say whether more text (other than
/// whitespace) lies beyond that side, where the template shows an ellipsis (…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt<'a> {
    pub cut_before: bool,
    pub pieces: Vec<Piece<'a>>,
    pub cut_after: bool,
}

/// The whole text with every occurrence of every term marked (for titles).
pub(super) fn marked<'a>(original: &'a str, folded: &Folded, terms: &[String]) -> Vec<Piece<'a>> {
    mark(original, folded, terms, 0..folded.segments())
}

/// The window of `original` around `first_match` (a range of the folded text), or its
/// start when nothing matched in it.
pub(super) fn excerpt<'a>(
    original: &'a str,
    folded: &Folded,
    terms: &[String],
    first_match: Option<Range<usize>>,
) -> Excerpt<'a> {
    let segments = window(original, folded, first_match);
    let from = folded.original_start(segments.start);
    let to = folded.original_start(segments.end);
    Excerpt {
        cut_before: !original[..from].trim_end().is_empty(),
        pieces: mark(original, folded, terms, segments),
        cut_after: !original[to..].trim_start().is_empty(),
    }
}

/// The segments to show: from the start of the sentence holding the match when it begins
/// close enough before it, else from a little before it; whitespace at either edge left out.
fn window(original: &str, folded: &Folded, first_match: Option<Range<usize>>) -> Range<usize> {
    let all = folded.segments();
    let segment = |s: usize| &original[folded.original_start(s)..folded.original_start(s + 1)];
    let matched = match first_match {
        Some(m) if !m.is_empty() => folded.segments_of(m),
        _ => 0..0,
    };
    let earliest = matched.start.saturating_sub(CONTEXT_BEFORE);
    let sentence = (earliest..matched.start)
        .rev()
        .find(|&s| segment(s).ends_with(['。', '．', '！', '？', '!', '?', '\n']))
        .map(|s| s + 1);
    let mut start = sentence.unwrap_or(earliest);
    let mut end = (start + EXCERPT_SEGMENTS).max(matched.end).min(all);
    if sentence.is_none() {
        // Near the end of the text, show more of what comes before instead.
        start = start.min(end.saturating_sub(EXCERPT_SEGMENTS));
    }
    let blank = |s: usize| segment(s).chars().all(char::is_whitespace);
    let keeps = |s: usize| matched.contains(&s);
    while start < end && blank(start) && !keeps(start) {
        start += 1;
    }
    while end > start && blank(end - 1) && !keeps(end - 1) {
        end -= 1;
    }
    start..end
}

/// The pieces of `segments`, every occurrence of a term in them marked; overlapping and
/// touching occurrences make one mark.
fn mark<'a>(
    original: &'a str,
    folded: &Folded,
    terms: &[String],
    segments: Range<usize>,
) -> Vec<Piece<'a>> {
    let from = folded.original_start(segments.start);
    let to = folded.original_start(segments.end);
    let folded_from = folded.folded_start(segments.start);
    let haystack = &folded.text[folded_from..folded.folded_start(segments.end)];

    let mut marks: Vec<Range<usize>> = Vec::new();
    for term in terms.iter().filter(|t| !t.is_empty()) {
        let mut at = 0;
        for _ in 0..MAX_MARKS_PER_TERM {
            let Some(found) = haystack[at..].find(term.as_str()) else {
                break;
            };
            let start = at + found;
            let hit = folded.segments_of(folded_from + start..folded_from + start + term.len());
            marks.push(folded.original_start(hit.start)..folded.original_start(hit.end));
            // On by one character, not past the match: "ああ" marks all of "あああ".
            at = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
        }
    }
    marks.sort_unstable_by_key(|m| (m.start, m.end));

    let mut pieces = Vec::new();
    let mut at = from;
    let mut marks = marks.into_iter().peekable();
    while let Some(mut m) = marks.next() {
        while let Some(next) = marks.next_if(|n| n.start <= m.end) {
            m.end = m.end.max(next.end);
        }
        let m = m.start.max(at)..m.end.min(to);
        if m.is_empty() {
            continue;
        }
        if at < m.start {
            pieces.push(Piece {
                text: &original[at..m.start],
                marked: false,
            });
        }
        pieces.push(Piece {
            text: &original[m.clone()],
            marked: true,
        });
        at = m.end;
    }
    if at < to {
        pieces.push(Piece {
            text: &original[at..to],
            marked: false,
        });
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold::fold;

    /// The excerpt of `text` for `terms`, written with [brackets] for marks and … for cuts.
    fn show(text: &str, terms: &[&str]) -> String {
        let folded = Folded::new(text);
        let terms: Vec<String> = terms.iter().map(|t| fold(t)).collect();
        let first = terms
            .iter()
            .filter_map(|t| folded.text.find(t.as_str()).map(|at| at..at + t.len()))
            .min_by_key(|m| m.start);
        let excerpt = excerpt(text, &folded, &terms, first);
        let mut out = String::new();
        if excerpt.cut_before {
            out.push('…');
        }
        for piece in &excerpt.pieces {
            if piece.marked {
                out.push_str(&format!("[{}]", piece.text));
            } else {
                out.push_str(piece.text);
            }
        }
        if excerpt.cut_after {
            out.push('…');
        }
        out
    }

    #[test]
    fn marks_land_on_the_original_characters() {
        assert_eq!(show("ｶﾞｶﾞｶﾞ家族の相談", &["家族"]), "ｶﾞｶﾞｶﾞ[家族]の相談");
        assert_eq!(show("ｶﾞｶﾞｶﾞ家族の相談", &["が"]), "[ｶﾞｶﾞｶﾞ]家族の相談");
        assert_eq!(show("㈱目黒と㈲目黒", &["株"]), "[㈱]目黒と㈲目黒");
        assert_eq!(show("ｺｰﾋｰとコーヒー", &["こーひー"]), "[ｺｰﾋｰ]と[コーヒー]");
        assert_eq!(show("電話０３－１２３４", &["03"]), "電話[０３]－１２３４");
    }

    #[test]
    fn every_term_is_marked_and_overlaps_join() {
        assert_eq!(
            show("家族会と家族の相談会", &["家族", "相談"]),
            "[家族]会と[家族]の[相談]会"
        );
        assert_eq!(show("あああいあ", &["ああ"]), "[あああ]いあ");
        assert_eq!(show("家族相談", &["家族", "族相"]), "[家族相]談");
        assert_eq!(show("家族家族", &["家族"]), "[家族家族]");
    }

    #[test]
    fn marks_take_whole_graphemes() {
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(
            show(&format!("絵文字{family}です"), &["👩"]),
            format!("絵文字[{family}]です")
        );
        assert_eq!(show("か\u{3099}っこう", &["が"]), "[か\u{3099}]っこう");
    }

    #[test]
    fn a_long_text_is_cut_around_the_first_match() {
        let before = "前".repeat(200);
        let after = "後".repeat(200);
        let shown = show(&format!("{before}家族{after}"), &["家族"]);
        assert_eq!(
            shown,
            format!(
                "…{}[家族]{}…",
                "前".repeat(CONTEXT_BEFORE),
                "後".repeat(EXCERPT_SEGMENTS - CONTEXT_BEFORE - 2)
            )
        );
    }

    #[test]
    fn the_window_keeps_its_width_near_the_end() {
        let shown = show(&format!("{}家族です", "前".repeat(200)), &["家族"]);
        assert_eq!(
            shown,
            format!("…{}[家族]です", "前".repeat(EXCERPT_SEGMENTS - 4))
        );
    }

    #[test]
    fn the_window_starts_at_the_sentence_of_the_match() {
        let text = format!("{}。 ご家族の方へ。{}", "前".repeat(100), "後".repeat(100));
        assert_eq!(
            show(&text, &["家族"]),
            format!("…ご[家族]の方へ。{}…", "後".repeat(EXCERPT_SEGMENTS - 8))
        );
    }

    #[test]
    fn without_a_match_the_excerpt_is_the_start() {
        let text = format!("  はじめに{}", "本文".repeat(100));
        let shown = show(&text, &["家族"]);
        assert!(shown.starts_with("はじめに本文"), "{shown}");
        assert!(shown.ends_with('…'));
        assert_eq!(shown.chars().count(), EXCERPT_SEGMENTS - 2 + 1);
        assert_eq!(show("短い本文。\n", &["家族"]), "短い本文。");
        assert_eq!(show("", &["家族"]), "");
    }

    #[test]
    fn whitespace_beyond_the_window_is_no_cut() {
        assert_eq!(show("\n\n家族\n\n", &["家族"]), "[家族]");
    }
}
