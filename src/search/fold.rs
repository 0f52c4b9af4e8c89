//! Folding: the one form in which queries and texts are compared, and the way back from a
//! place in that form to the original characters. Pure string work, nothing else.
//!
//! A text is cut into segments: an extended grapheme cluster (so a mark never splits `が`
//! written with a combining mark, an emoji sequence or a flag), joined with the next one
//! whenever NFKC could join them (`ｶ` + `ﾞ` → `ガ`, a Hangul syllable + a trailing jamo).
//! Each segment is folded on its own, so every folded byte belongs to exactly one segment
//! and a match in the folded text maps back to whole original segments.

use std::iter;
use std::ops::Range;

use caseless::Caseless;
use unicode_normalization::char::{canonical_combining_class, decompose_compatible};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
use unicode_segmentation::UnicodeSegmentation;

/// A segment never grows past this many characters, however many combining marks follow
/// one base: it bounds the work per segment and the width of a mark. Past it the text is
/// cut even where NFKC would have joined, which only matters for text no one writes.
const MAX_SEGMENT_CHARS: usize = 32;

/// A text in folded form, with where each of its segments starts in both forms.
#[derive(Debug, Clone)]
pub(super) struct Folded {
    /// The folded text, searched with plain substring matching (no word breaks: Japanese
    /// has no spaces between words).
    pub(super) text: String,
    /// One per segment, increasing in both offsets. The first segment starts at 0, 0.
    starts: Vec<Start>,
    original_len: usize,
}

#[derive(Debug, Clone, Copy)]
struct Start {
    folded: usize,
    original: usize,
}

impl Folded {
    pub(super) fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut starts: Vec<Start> = Vec::new();
        let mut segment_chars = 0;
        let mut pending = 0..0;
        for (at, grapheme) in original.grapheme_indices(true) {
            for (i, c) in grapheme.char_indices() {
                let here = at + i;
                let starts_segment = starts.is_empty()
                    || segment_chars >= MAX_SEGMENT_CHARS
                    || (i == 0 && composes_with_nothing_before(c));
                if starts_segment {
                    fold_into(&original[pending.clone()], &mut text);
                    starts.push(Start {
                        folded: text.len(),
                        original: here,
                    });
                    pending = here..here;
                    segment_chars = 0;
                }
                pending.end = here + c.len_utf8();
                segment_chars += 1;
            }
        }
        fold_into(&original[pending], &mut text);
        Folded {
            text,
            starts,
            original_len: original.len(),
        }
    }

    /// How many segments the text has.
    pub(super) fn segments(&self) -> usize {
        self.starts.len()
    }

    /// The segment whose folded form holds byte `folded_at` of the folded text.
    pub(super) fn segment_at(&self, folded_at: usize) -> usize {
        // A segment folds to at least one character, but should one ever fold to nothing
        // it shares its start with the next, and the last such segment is the one meant.
        self.starts
            .partition_point(|s| s.folded <= folded_at)
            .saturating_sub(1)
    }

    /// Where segment `segment` starts in the original; the original's length for the
    /// segment after the last.
    pub(super) fn original_start(&self, segment: usize) -> usize {
        self.starts
            .get(segment)
            .map_or(self.original_len, |s| s.original)
    }

    /// Where segment `segment` starts in the folded text; its length for the segment after
    /// the last.
    pub(super) fn folded_start(&self, segment: usize) -> usize {
        self.starts
            .get(segment)
            .map_or(self.text.len(), |s| s.folded)
    }

    /// The segments that hold the non-empty folded byte range `folded`.
    pub(super) fn segments_of(&self, folded: Range<usize>) -> Range<usize> {
        let first = self.segment_at(folded.start);
        let last = self.segment_at(folded.end.saturating_sub(1).max(folded.start));
        first..last + 1
    }
}

/// A query term in folded form, folded exactly as texts are.
pub(super) fn fold(term: &str) -> String {
    Folded::new(term).text
}

/// NFKC, then full Unicode case folding, then NFKC again (folding can leave a decomposed
/// sequence, `ǰ` → `ǰ`), then katakana to hiragana.
fn fold_into(segment: &str, out: &mut String) {
    out.extend(
        segment
            .chars()
            .nfkc()
            .default_case_fold()
            .nfkc()
            .map(katakana_to_hiragana),
    );
}

/// Whether NFKC can treat the text before `c` and the text from `c` on separately: `c`
/// decomposes to a starter that no composition joins to what precedes it. Not so for a
/// combining mark, for `ﾞ` (it decomposes to the combining U+3099) or a Hangul vowel or
/// final jamo (quick check "Maybe": it may compose backwards).
fn composes_with_nothing_before(c: char) -> bool {
    let mut first = None;
    decompose_compatible(c, |d| {
        first.get_or_insert(d);
    });
    let first = first.unwrap_or(c);
    canonical_combining_class(first) == 0 && is_nfkc_quick(iter::once(first)) == IsNormalized::Yes
}

/// Katakana to the matching hiragana, so ヒキコモリ, ﾋｷｺﾓﾘ (after NFKC) and ひきこもり are
/// one word. The katakana iteration marks ヽヾ become ゝゞ: a change of script only, as for
/// the letters. The long-vowel mark ー is shared by both scripts and stays; so do ヷヸヹヺ,
/// which have no hiragana form. Small kana stay small.
fn katakana_to_hiragana(c: char) -> char {
    match c {
        'ァ'..='ヶ' | 'ヽ' | 'ヾ' => char::from_u32(u32::from(c) - 0x60).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_case_and_script() {
        let cases = [
            ("ﾋｷｺﾓﾘ", "ひきこもり"),
            ("ヒキコモリ", "ひきこもり"),
            ("ｶﾞｯｺｳ", "がっこう"),
            ("ﾊﾟﾝ", "ぱん"),
            ("０３－１２３４", "03-1234"),
            ("ＡＢＣ abc Abc", "abc abc abc"),
            ("Straße", "strasse"),
            ("㈱目黒", "(株)目黒"),
            ("ヴァイオリン", "ゔぁいおりん"),
            ("コーヒー", "こーひー"),
            ("ｺｰﾋｰ", "こーひー"),
            ("いすゞ ヽヾ", "いすゞ ゝゞ"),
            ("ヵヶ", "ゕゖ"),
            ("ヷ", "ヷ"),
            ("\u{3000}", " "),
            ("家族", "家族"),
        ];
        for (original, folded) in cases {
            assert_eq!(fold(original), folded, "{original}");
        }
    }

    #[test]
    fn composed_and_decomposed_kana_fold_alike() {
        assert_eq!(fold("か\u{3099}"), fold("が"));
        assert_eq!(fold("カ\u{3099}"), fold("が"));
        assert_eq!(fold("e\u{301}"), fold("é"));
    }

    #[test]
    fn segments_keep_what_nfkc_joins() {
        let folded = Folded::new("ｶﾞｶﾞx");
        assert_eq!(folded.text, "ががx");
        assert_eq!(folded.segments(), 3);
        assert_eq!(folded.original_start(1), "ｶﾞ".len());
        assert_eq!(folded.original_start(2), "ｶﾞｶﾞ".len());
        assert_eq!(folded.original_start(3), "ｶﾞｶﾞx".len());
        assert_eq!(folded.folded_start(1), "が".len());
    }

    #[test]
    fn a_segment_is_at_least_a_grapheme() {
        let family = "👨\u{200d}👩\u{200d}👧";
        let folded = Folded::new(&format!("a{family}🇯🇵b"));
        assert_eq!(folded.segments(), 4);
        assert_eq!(folded.original_start(2), 1 + family.len());
    }

    #[test]
    fn one_char_can_fold_to_many() {
        let folded = Folded::new("㈱x");
        assert_eq!(folded.text, "(株)x");
        let kabu = folded.text.find('株').unwrap();
        assert_eq!(folded.segment_at(kabu), 0);
        assert_eq!(folded.segments_of(kabu..kabu + '株'.len_utf8()), 0..1);
        assert_eq!(folded.segment_at(folded.text.len() - 1), 1);
    }

    #[test]
    fn endless_combining_marks_are_cut() {
        let text = format!("a{}", "\u{301}".repeat(100));
        let folded = Folded::new(&text);
        assert!(folded.segments() >= 100 / MAX_SEGMENT_CHARS);
        assert!(text.is_char_boundary(folded.original_start(1)));
    }

    #[test]
    fn empty_text_has_no_segments() {
        let folded = Folded::new("");
        assert_eq!(folded.text, "");
        assert_eq!(folded.segments(), 0);
        assert_eq!(folded.original_start(0), 0);
    }
}
