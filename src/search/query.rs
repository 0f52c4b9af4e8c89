//! Reading a visitor's query into folded terms. The query is untrusted: its size is
//! checked before any work that grows with it.

use super::fold::fold;

/// Longest query, in characters after trimming.
pub(crate) const MAX_QUERY_CHARS: usize = 100;

/// Most distinct terms in one query.
pub(crate) const MAX_TERMS: usize = 8;

/// Why a query was not searched. Each variant is a calm message on the page, not a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("the query has no words")]
    Empty,
    #[error("the query is longer than {max_chars} characters")]
    TooLong { max_chars: usize },
    #[error("the query has more than {max} words")]
    TooManyTerms { max: usize },
}

/// The distinct folded terms of `query`, in the order first written. Whitespace (also the
/// full-width U+3000) and control characters (a `%00` arrives here as U+0000) separate
/// terms.
pub(super) fn terms(query: &str) -> Result<Vec<String>, QueryError> {
    let query = query.trim_matches(separates);
    if query.is_empty() {
        return Err(QueryError::Empty);
    }
    // Counting stops at the first character past the limit, however long the query.
    if query.chars().nth(MAX_QUERY_CHARS).is_some() {
        return Err(QueryError::TooLong {
            max_chars: MAX_QUERY_CHARS,
        });
    }
    let mut terms: Vec<String> = Vec::new();
    for term in query.split(separates).filter(|t| !t.is_empty()) {
        let term = fold(term);
        if !term.is_empty() && !terms.contains(&term) {
            terms.push(term);
        }
    }
    if terms.is_empty() {
        return Err(QueryError::Empty);
    }
    if terms.len() > MAX_TERMS {
        return Err(QueryError::TooManyTerms { max: MAX_TERMS });
    }
    Ok(terms)
}

fn separates(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_of_any_width_separates_terms() {
        assert_eq!(
            terms(" 家族\u{3000}相談\t ｿｳﾀﾞﾝ\n窓口 ").unwrap(),
            ["家族", "相談", "そうだん", "窓口"]
        );
    }

    #[test]
    fn control_characters_separate_terms() {
        assert_eq!(terms("家族\0相談\u{7f}").unwrap(), ["家族", "相談"]);
        assert_eq!(terms("%00").unwrap(), ["%00"]);
    }

    #[test]
    fn repeated_terms_count_once() {
        assert_eq!(
            terms("家族 家族 カゾク かぞく").unwrap(),
            ["家族", "かぞく"]
        );
    }

    #[test]
    fn nothing_to_search_is_empty() {
        for query in ["", " ", "\u{3000}\u{3000}", "\0", "\t\r\n", "\u{85}"] {
            assert_eq!(terms(query), Err(QueryError::Empty), "{query:?}");
        }
    }

    #[test]
    fn length_is_counted_in_characters_after_trimming() {
        let longest = "あ".repeat(MAX_QUERY_CHARS);
        assert!(terms(&format!("  {longest}\u{3000}")).is_ok());
        assert_eq!(
            terms(&format!("{longest}い")),
            Err(QueryError::TooLong { max_chars: 100 })
        );
        assert_eq!(
            terms(&"a ".repeat(100_000)),
            Err(QueryError::TooLong { max_chars: 100 })
        );
    }

    #[test]
    fn too_many_distinct_terms() {
        let eight = "a b c d e f g h";
        assert_eq!(terms(eight).unwrap().len(), MAX_TERMS);
        assert_eq!(
            terms(&format!("{eight} i")),
            Err(QueryError::TooManyTerms { max: 8 })
        );
        assert_eq!(terms(&format!("{eight} a A ａ")).unwrap().len(), 8);
    }
}
