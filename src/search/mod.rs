//! Site search, beside the flow: a pure text engine over plain entries (a URL, a title, a
//! text without markup). It knows nothing of the model, the pages or the server, and does
//! no I/O; the view builds the entries and shows the hits.
//!
//! Hand-written over kept crates (NFKC, case folding, grapheme clusters) because what it
//! needs is small and particular: substring matching on folded Japanese text with no word
//! breaks, and excerpts whose marks land on the original characters.
//!
//! Matching: a query is split into terms at whitespace (also U+3000) and control
//! characters; every term must occur in the title or the text (AND). Both sides are
//! folded alike (see `fold.rs`): NFKC (full-width ＡＢＣ/１２３ and half-width ｶﾀｶﾅ become
//! ordinary), full case folding, katakana to hiragana. The long-vowel mark ー and the
//! hiragana iteration marks ゝゞ stay as they are.
//!
//! Work is bounded: a query has at most `query::MAX_QUERY_CHARS` characters and
//! `query::MAX_TERMS` terms, and each term is found with linear-time substring search, so a
//! search costs about (terms × corpus size).

mod excerpt;
mod fold;
mod query;

use std::cmp::Reverse;
use std::ops::Range;

pub(crate) use excerpt::{Excerpt, Piece};
pub(crate) use query::QueryError;

use fold::Folded;

/// One searchable page: its URL, title and plain text (markup already removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub url: String,
    pub title: String,
    pub text: String,
}

/// The entries with their folded forms, built once per content version and then shared
/// read-only.
#[derive(Debug, Clone)]
pub struct Index {
    entries: Vec<Indexed>,
}

#[derive(Debug, Clone)]
struct Indexed {
    entry: Entry,
    title: Folded,
    text: Folded,
}

/// One matching entry: its title and an excerpt of its text, with the terms marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit<'a> {
    pub url: &'a str,
    pub title: Vec<Piece<'a>>,
    pub excerpt: Excerpt<'a>,
}

impl Index {
    pub fn new(entries: Vec<Entry>) -> Index {
        let entries = entries
            .into_iter()
            .map(|entry| Indexed {
                title: Folded::new(&entry.title),
                text: Folded::new(&entry.text),
                entry,
            })
            .collect();
        Index { entries }
    }

    /// The entries in which every term of `query` occurs, best first: more terms in the
    /// title, then more occurrences in all, then the order the entries were given in.
    pub fn search(&self, query: &str) -> Result<Vec<Hit<'_>>, QueryError> {
        let terms = query::terms(query)?;
        let mut found: Vec<(Rank, &Indexed, Option<Range<usize>>)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(order, indexed)| {
                let (rank, first_match) = rank(indexed, &terms, order)?;
                Some((rank, indexed, first_match))
            })
            .collect();
        found.sort_by_key(|(rank, _, _)| {
            (
                Reverse(rank.title_terms),
                Reverse(rank.occurrences),
                rank.order,
            )
        });
        Ok(found
            .into_iter()
            .map(|(_, indexed, first_match)| Hit {
                url: &indexed.entry.url,
                title: excerpt::marked(&indexed.entry.title, &indexed.title, &terms),
                excerpt: excerpt::excerpt(&indexed.entry.text, &indexed.text, &terms, first_match),
            })
            .collect())
    }
}

struct Rank {
    title_terms: usize,
    occurrences: usize,
    order: usize,
}

/// How well `indexed` matches, and where the first match in its text is (a folded range);
/// `None` when some term occurs in neither title nor text.
fn rank(indexed: &Indexed, terms: &[String], order: usize) -> Option<(Rank, Option<Range<usize>>)> {
    let mut rank = Rank {
        title_terms: 0,
        occurrences: 0,
        order,
    };
    let mut first_match: Option<Range<usize>> = None;
    for term in terms {
        let in_title = indexed.title.text.matches(term.as_str()).count();
        let in_text = match indexed.text.text.find(term.as_str()) {
            Some(at) => {
                if first_match.as_ref().is_none_or(|m| at < m.start) {
                    first_match = Some(at..at + term.len());
                }
                indexed.text.text[at..].matches(term.as_str()).count()
            }
            None => 0,
        };
        if in_title + in_text == 0 {
            return None;
        }
        rank.title_terms += usize::from(in_title > 0);
        rank.occurrences += in_title + in_text;
    }
    Some((rank, first_match))
}

#[cfg(test)]
mod tests {
    use super::query::MAX_QUERY_CHARS;
    use proptest::prelude::*;

    use super::*;

    fn entry(url: &str, title: &str, text: &str) -> Entry {
        Entry {
            url: url.to_owned(),
            title: title.to_owned(),
            text: text.to_owned(),
        }
    }

    fn site() -> Index {
        Index::new(vec![
            entry(
                "/consult/",
                "相談窓口",
                "ひきこもりの相談は電話０３－１２３４－５６７８まで。ご本人でなくても構いません。",
            ),
            entry(
                "/family/",
                "ご家族の方へ",
                "カゾクの集いを毎月開いています。家族だけで悩まないでください。",
            ),
            entry(
                "/english/",
                "ＡＢＣ Support in English",
                "We offer consultation in English. ﾋｷｺﾓﾘ is a Japanese word.",
            ),
            entry("/empty/", "", ""),
        ])
    }

    fn urls(index: &Index, query: &str) -> Vec<String> {
        index
            .search(query)
            .unwrap()
            .iter()
            .map(|h| h.url.to_owned())
            .collect()
    }

    /// The marked pieces, joined with `|`.
    fn marks(pieces: &[Piece<'_>]) -> String {
        let marked: Vec<&str> = pieces.iter().filter(|p| p.marked).map(|p| p.text).collect();
        marked.join("|")
    }

    #[test]
    fn the_index_can_be_shared_between_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Index>();
    }

    #[test]
    fn finds_the_family_page() {
        let index = site();
        assert_eq!(urls(&index, "家族"), ["/family/"]);
        let hits = index.search("家族").unwrap();
        assert_eq!(marks(&hits[0].title), "家族");
        assert_eq!(marks(&hits[0].excerpt.pieces), "家族");
    }

    #[test]
    fn katakana_and_hiragana_are_one() {
        let index = site();
        assert_eq!(urls(&index, "かぞく"), ["/family/"]);
        assert_eq!(urls(&index, "カゾク"), ["/family/"]);
        assert_eq!(urls(&index, "ｶｿﾞｸ"), ["/family/"]);
        assert_eq!(
            marks(&index.search("かぞく").unwrap()[0].excerpt.pieces),
            "カゾク"
        );
    }

    #[test]
    fn half_width_katakana_finds_hiragana_and_back() {
        let index = site();
        assert_eq!(urls(&index, "ﾋｷｺﾓﾘ"), ["/consult/", "/english/"]);
        assert_eq!(urls(&index, "ヒキコモリ"), ["/consult/", "/english/"]);
        let hits = index.search("ひきこもり").unwrap();
        assert_eq!(marks(&hits[0].excerpt.pieces), "ひきこもり");
        assert_eq!(marks(&hits[1].excerpt.pieces), "ﾋｷｺﾓﾘ");
    }

    #[test]
    fn full_width_digits_and_letters_are_ordinary() {
        let index = site();
        assert_eq!(urls(&index, "03-1234"), ["/consult/"]);
        assert_eq!(urls(&index, "０３"), ["/consult/"]);
        assert_eq!(urls(&index, "abc"), ["/english/"]);
        assert_eq!(urls(&index, "ａｂｃ"), ["/english/"]);
        assert_eq!(urls(&index, "ENGLISH"), ["/english/"]);
        let hits = index.search("03").unwrap();
        assert_eq!(marks(&hits[0].excerpt.pieces), "０３");
        assert_eq!(marks(&index.search("abc").unwrap()[0].title), "ＡＢＣ");
    }

    #[test]
    fn every_term_must_match_in_title_or_text() {
        let index = site();
        assert_eq!(urls(&index, "家族 悩まない"), ["/family/"]);
        assert_eq!(urls(&index, "家族\u{3000}電話"), Vec::<String>::new());
        // One term in the title, the other in the text.
        assert_eq!(urls(&index, "相談窓口 本人"), ["/consult/"]);
        let hits = index.search("english japanese").unwrap();
        assert_eq!(marks(&hits[0].title), "English");
        assert_eq!(marks(&hits[0].excerpt.pieces), "English|Japanese");
    }

    #[test]
    fn ranked_by_title_then_occurrences_then_order() {
        let index = Index::new(vec![
            entry("/a/", "お知らせ", "相談 相談 相談"),
            entry("/b/", "お知らせ", "相談 相談 相談"),
            entry("/c/", "相談会", "ご案内"),
            entry("/d/", "お知らせ", "相談 相談 相談 相談"),
            entry("/e/", "相談と相談", "相談"),
        ]);
        assert_eq!(urls(&index, "相談"), ["/e/", "/c/", "/d/", "/a/", "/b/"]);
        // More terms in the title first.
        let index = Index::new(vec![
            entry("/one/", "家族", "相談 相談 相談"),
            entry("/two/", "家族の相談", "ご案内"),
        ]);
        assert_eq!(urls(&index, "相談 家族"), ["/two/", "/one/"]);
    }

    #[test]
    fn the_excerpt_is_around_the_first_match_of_any_term() {
        let text = format!("{}家族。{}電話です。", "前".repeat(300), "中".repeat(300));
        let index = Index::new(vec![entry("/x/", "t", &text)]);
        let hits = index.search("電話 家族").unwrap();
        let excerpt = &hits[0].excerpt;
        assert!(excerpt.cut_before && excerpt.cut_after);
        assert_eq!(marks(&excerpt.pieces), "家族");
        let shown: usize = excerpt.pieces.iter().map(|p| p.text.chars().count()).sum();
        assert!((80..=100).contains(&shown), "{shown}");
    }

    #[test]
    fn a_match_only_in_the_title_shows_the_start_of_the_text() {
        let index = site();
        let hits = index.search("窓口").unwrap();
        let excerpt = &hits[0].excerpt;
        assert!(!excerpt.cut_before && !excerpt.cut_after);
        assert_eq!(excerpt.pieces.len(), 1);
        assert!(excerpt.pieces[0].text.starts_with("ひきこもりの相談は"));
        assert_eq!(marks(&hits[0].title), "窓口");
    }

    #[test]
    fn marks_are_right_after_characters_that_nfkc_changes() {
        let index = Index::new(vec![entry("/x/", "ｶﾞｶﾞｶﾞ家族", "ｶﾞｶﾞｶﾞ家族㈱")]);
        let hits = index.search("家族").unwrap();
        let pieces = &hits[0].excerpt.pieces;
        assert_eq!(
            pieces,
            &[
                Piece {
                    text: "ｶﾞｶﾞｶﾞ",
                    marked: false
                },
                Piece {
                    text: "家族",
                    marked: true
                },
                Piece {
                    text: "㈱",
                    marked: false
                },
            ]
        );
        assert_eq!(marks(&hits[0].title), "家族");
        let hits = index.search("株 ガ").unwrap();
        assert_eq!(marks(&hits[0].excerpt.pieces), "ｶﾞｶﾞｶﾞ|㈱");
    }

    #[test]
    fn queries_that_cannot_be_searched() {
        let index = site();
        assert_eq!(index.search(""), Err(QueryError::Empty));
        assert_eq!(index.search(" \u{3000}\t"), Err(QueryError::Empty));
        assert_eq!(index.search("\0\0"), Err(QueryError::Empty));
        assert_eq!(
            index.search(&"家".repeat(101)),
            Err(QueryError::TooLong { max_chars: 100 })
        );
        assert_eq!(
            index.search("一 二 三 四 五 六 七 八 九"),
            Err(QueryError::TooManyTerms { max: 8 })
        );
    }

    #[test]
    fn hostile_queries_are_only_text() {
        let index = Index::new(vec![entry(
            "/x/",
            "<script>",
            "Type <script>alert(1)</script> or %00 here 🙂.",
        )]);
        for query in [
            "<script>alert(1)</script>",
            "%00",
            "\u{301}",
            "\u{301}\u{301}\u{301}a",
            "🙂",
            "\u{fffd}",
            "\u{202e}abc",
            "'; DROP TABLE--",
            "..\\..\\etc/passwd",
        ] {
            assert!(index.search(query).is_ok(), "{query:?}");
        }
        let hits = index.search("<script>alert(1)</script>").unwrap();
        assert_eq!(marks(&hits[0].excerpt.pieces), "<script>alert(1)</script>");
        assert_eq!(urls(&index, "%00 🙂"), ["/x/"]);
    }

    #[test]
    fn long_repeated_characters_stay_fast() {
        // A query of one repeated character against a corpus of the same is the worst case
        // for naive substring search; this one is linear.
        let text = "あ".repeat(50_000 / 3);
        let index = Index::new(vec![entry("/a/", &"あ".repeat(1000), &text)]);
        let start = std::time::Instant::now();
        for _ in 0..10 {
            let hits = index.search(&"ア".repeat(MAX_QUERY_CHARS)).unwrap();
            assert_eq!(hits.len(), 1);
            assert!(!hits[0].excerpt.pieces.is_empty());
            assert!(index.search(&"ああい".repeat(33)).unwrap().is_empty());
        }
        // Generous, for a loaded machine and a debug build.
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
    }

    /// The pieces are, in order and without gaps, one slice of `original`; its byte range.
    fn slice_of(original: &str, pieces: &[Piece<'_>]) -> Range<usize> {
        let base = original.as_ptr() as usize;
        let start = pieces
            .first()
            .map_or(0, |p| p.text.as_ptr() as usize - base);
        let mut at = start;
        for piece in pieces {
            assert!(!piece.text.is_empty());
            assert_eq!(
                piece.text.as_ptr() as usize - base,
                at,
                "pieces leave a gap"
            );
            at += piece.text.len();
            assert!(at <= original.len());
        }
        assert!(original.is_char_boundary(start) && original.is_char_boundary(at));
        assert_eq!(
            pieces.iter().map(|p| p.text).collect::<String>(),
            &original[start..at]
        );
        // Touching marks were joined.
        for pair in pieces.windows(2) {
            assert!(pair[0].marked != pair[1].marked, "{pieces:?}");
        }
        start..at
    }

    fn check(title: &str, text: &str, query: &str) {
        let index = Index::new(vec![entry("/x/", title, text)]);
        let Ok(hits) = index.search(query) else {
            return;
        };
        // The pieces borrow the index's own copy of the entry.
        let Entry { title, text, .. } = &index.entries[0].entry;
        for hit in hits {
            let whole = slice_of(title, &hit.title);
            if !title.is_empty() {
                assert_eq!(whole, 0..title.len());
            }
            let excerpt = &hit.excerpt;
            let shown = slice_of(text, &excerpt.pieces);
            if excerpt.pieces.is_empty() {
                assert!(!excerpt.cut_before || !excerpt.cut_after || text.trim().is_empty());
            } else {
                assert_eq!(excerpt.cut_before, !text[..shown.start].trim().is_empty());
                assert_eq!(excerpt.cut_after, !text[shown.end..].trim().is_empty());
            }
        }
    }

    proptest! {
        #[test]
        fn any_text_and_query_never_panic(title in any::<String>(), text in any::<String>(), query in any::<String>()) {
            check(&title, &text, &query);
        }

        #[test]
        fn japanese_like_text_never_panics(
            title in "[ｶﾞかカ家族ａＡa ㈱\u{3099}\u{301}👩\u{200d}。\n ー]{0,20}",
            text in "[ｶﾞかカ家族ａＡa ㈱\u{3099}\u{301}👩\u{200d}。\n ー\u{3000}]{0,300}",
            query in "[ｶﾞかカ家族ａＡa ㈱\u{3099}\u{301}👩\u{200d}。ー\u{3000}]{0,12}",
        ) {
            check(&title, &text, &query);
        }

        #[test]
        fn a_term_found_in_the_text_is_marked_in_the_excerpt(
            before in "[ｶﾞかカ家ａA㈱\u{301} 。]{0,200}",
            term in "[かカ家族ａa]{1,4}",
            // Not a voiced mark right after the term: か + ﾞ is が, and the term is gone.
            after in "(。[ｶﾞかカ家族ａA㈱ 。]{0,200})?",
        ) {
            let text = format!("{before}{term}{after}");
            let index = Index::new(vec![entry("/x/", "", &text)]);
            let hits = index.search(&term).unwrap();
            prop_assert_eq!(hits.len(), 1);
            prop_assert!(hits[0].excerpt.pieces.iter().any(|p| p.marked));
        }
    }
}
