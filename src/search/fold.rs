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

/// Offsets as `u32`: half the memory of `usize`, and one start is kept per character. A
/// text past 4 GiB (no content file is near that) would map its tail to its last segment.
#[derive(Debug, Clone, Copy)]
struct Start {
    folded: u32,
    original: u32,
}

impl Start {
    fn new(folded: usize, original: usize) -> Start {
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Start {
            folded: small(folded),
            original: small(original),
        }
    }
}

impl Folded {
    pub(super) fn new(original: &str) -> Folded {
        let mut folded = Folded {
            text: String::with_capacity(original.len()),
            starts: Vec::new(),
            original_len: original.len(),
        };
        // Most characters are plain (see `fold_plain`), and a plain character after a
        // plain one or a line break always starts a segment. The text is cut there into
        // stretches, each segmented on its own; a stretch of one plain character (nearly
        // all of them) needs no grapheme or normalisation work at all.
        let mut stretch = 0;
        // The stretch's folded character while it is one plain character.
        let mut single = None;
        let mut cut_before_plain = true;
        for (at, c) in original.char_indices() {
            let plain = fold_plain(c);
            if plain.is_some() && cut_before_plain && at > stretch {
                match single {
                    Some(f) => folded.add_plain(f, stretch),
                    None => folded.add_stretch(&original[stretch..at], stretch),
                }
                stretch = at;
                single = plain;
            } else {
                single = if at == stretch { plain } else { None };
            }
            cut_before_plain = plain.is_some() || c == '\n';
        }
        match single {
            Some(f) => folded.add_plain(f, stretch),
            None => folded.add_stretch(&original[stretch..], stretch),
        }
        folded
    }

    /// One plain character, folded to `folded`, is a segment of its own.
    fn add_plain(&mut self, folded: char, offset: usize) {
        self.starts.push(Start::new(self.text.len(), offset));
        self.text.push(folded);
    }

    /// Segments and folds `stretch`, which starts `offset` bytes into the original at the
    /// start of a segment.
    fn add_stretch(&mut self, stretch: &str, offset: usize) {
        let mut segment_chars = 0;
        let mut pending = 0..0;
        for (at, grapheme) in stretch.grapheme_indices(true) {
            for (i, c) in grapheme.char_indices() {
                let here = at + i;
                let starts_segment = here == 0
                    || segment_chars >= MAX_SEGMENT_CHARS
                    || (i == 0 && composes_with_nothing_before(c));
                if starts_segment {
                    fold_into(&stretch[pending.clone()], &mut self.text);
                    self.starts.push(Start::new(self.text.len(), offset + here));
                    pending = here..here;
                    segment_chars = 0;
                }
                pending.end = here + c.len_utf8();
                segment_chars += 1;
            }
        }
        fold_into(&stretch[pending], &mut self.text);
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
            .partition_point(|s| s.folded as usize <= folded_at)
            .saturating_sub(1)
    }

    /// Where segment `segment` starts in the original; the original's length for the
    /// segment after the last.
    pub(super) fn original_start(&self, segment: usize) -> usize {
        self.starts
            .get(segment)
            .map_or(self.original_len, |s| s.original as usize)
    }

    /// Where segment `segment` starts in the folded text; its length for the segment after
    /// the last.
    pub(super) fn folded_start(&self, segment: usize) -> usize {
        self.starts
            .get(segment)
            .map_or(self.text.len(), |s| s.folded as usize)
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
    if fold_plain(c).is_some() {
        return true;
    }
    let mut first = None;
    decompose_compatible(c, |d| {
        first.get_or_insert(d);
    });
    let first = first.unwrap_or(c);
    canonical_combining_class(first) == 0 && is_nfkc_quick(iter::once(first)) == IsNormalized::Yes
}

/// The folded form of a character that NFKC leaves alone and that composes with nothing:
/// printable ASCII, kana and the common kanji, most of what the content is written in.
/// A shortcut past the normalising iterators, which cost a hundred times more; `None` for
/// everything else. A test checks it against the long way for every character it covers.
fn fold_plain(c: char) -> Option<char> {
    match c {
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        ' '..='~' | 'ぁ'..='ゖ' | '一'..='鿿' | '、'..='〩' | '・' | 'ー' => Some(c),
        'ァ'..='ヶ' => Some(katakana_to_hiragana(c)),
        // Full-width ASCII (（）, ０-９, Ａ-Ｚ): NFKC gives the ASCII character.
        '！'..='～' => char::from_u32(u32::from(c) - 0xFEE0).map(|c| c.to_ascii_lowercase()),
        _ => None,
    }
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
    fn the_shortcut_folds_as_the_long_way_does() {
        let covered = (' '..='~')
            .chain('ぁ'..='ゖ')
            .chain('ァ'..='ヶ')
            .chain('一'..='鿿')
            .chain('、'..='〩')
            .chain(['・', 'ー'])
            .chain('！'..='～');
        for c in covered {
            let long: String = iter::once(c)
                .nfkc()
                .default_case_fold()
                .nfkc()
                .map(katakana_to_hiragana)
                .collect();
            assert_eq!(fold_plain(c).map(String::from), Some(long), "{c:?}");
            let mut first = None;
            decompose_compatible(c, |d| {
                first.get_or_insert(d);
            });
            let first = first.unwrap_or(c);
            assert!(
                canonical_combining_class(first) == 0
                    && is_nfkc_quick(iter::once(first)) == IsNormalized::Yes,
                "{c:?}"
            );
        }
    }

    /// The text as one stretch: segmented the long way throughout.
    fn long_way(original: &str) -> Folded {
        let mut folded = Folded {
            text: String::new(),
            starts: Vec::new(),
            original_len: original.len(),
        };
        folded.add_stretch(original, 0);
        folded
    }

    fn same(a: &Folded, b: &Folded) -> bool {
        let starts = |f: &Folded| {
            f.starts
                .iter()
                .map(|s| (s.folded, s.original))
                .collect::<Vec<_>>()
        };
        a.text == b.text && starts(a) == starts(b) && a.original_len == b.original_len
    }

    proptest::proptest! {
        /// Cutting the text into stretches changes nothing: mixes of plain characters with
        /// what joins them (combining and voicing marks, half-width kana, Hangul jamo,
        /// emoji sequences, flags, prepended marks, CR LF) segment and fold alike.
        #[test]
        fn stretches_segment_as_the_whole_text_does(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Z", " ", "\n", "\r", "\r\n", "か", "カ", "家", "。", "ｶ", "ﾞ", "ﾟ",
                "\u{3099}", "\u{309a}", "\u{301}", "e\u{301}", "\u{1100}", "\u{1161}",
                "\u{11a8}", "한", "\u{200d}", "👨", "🇯", "🇵", "\u{0600}", "\u{0915}",
                "\u{094d}", "\u{093f}", "㈱", "Ａ", "ß", "\u{3000}", "\u{fe0f}", "ー",
                "・", "、", "（", "ｰ", "〩", "\u{302a}",
            ]), 0..40)
        ) {
            let text = pieces.concat();
            proptest::prop_assert!(same(&Folded::new(&text), &long_way(&text)), "{:?}", text);
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
