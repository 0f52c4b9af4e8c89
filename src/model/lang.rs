//! Step 2 of the flow (model).
//!
//! The language the tools speak to an editor in: `check`'s messages, `report`'s to-do
//! list and the log lines an editor acts on. It is not a language of the site's pages
//! (those come from the content): only these two have words for editors, and a site in
//! any other language is told about in English.

use std::fmt;
use std::str::FromStr;

/// A language the tools have words in for editors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    /// The editors' language for a site whose default language has the BCP 47 tag `tag`
    /// (`ja`, `ja-JP`, `en-GB`…): Japanese for Japanese, English for anything else.
    pub fn for_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    /// The code `--lang` takes: `en` or `ja`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Lang, String> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code() == s)
            .ok_or_else(|| format!("`{s}` is not a language the tools speak (use en or ja)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_tags_give_japanese() {
        for tag in ["ja", "ja-JP", "JA", "ja_JP"] {
            assert_eq!(Lang::for_tag(tag), Lang::Ja, "{tag}");
        }
        for tag in ["en", "en-GB", "jam", "cy", ""] {
            assert_eq!(Lang::for_tag(tag), Lang::En, "{tag}");
        }
        assert_eq!("ja".parse(), Ok(Lang::Ja));
        assert!("fr".parse::<Lang>().is_err());
    }
}
