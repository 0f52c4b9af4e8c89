//! The three editions of the bundled site state the same facts: every page of the sitemap
//! in Japanese, in English (`/en/`) and in やさしい日本語 (`/easy/`) gives the same phone
//! numbers, the same dates and times, the same links out of the site and, in its text, the
//! same numbers. The facts are read from markup (`tel:` links, `<time datetime>`, `href`)
//! and from runs of digits, never from wording, so each translation may say things its own
//! way; a rewrite of the easy texts that drops, changes or adds a number fails here.

mod common;

use std::collections::BTreeSet;

use axum::http::StatusCode;
use common::{BUNDLED, ContentCopy, app_at, base_text, get, path_of, sitemap_locs};

/// A Wednesday morning in Tokyo, with the lines open ("受付中。17時までです。").
const WEEKDAY: &str = "2026-11-25T10:00:00+09:00";
/// A day of the year-end closure, when the pages say what is closed until when.
const YEAR_END: &str = "2026-12-30T10:00:00+09:00";

/// The translations, each with the prefix of its pages.
const TRANSLATIONS: [(&str, &str); 2] = [("en", "/en"), ("easy", "/easy")];

/// The part of a page inside `<main>`: what the page says, without the header and footer
/// every page shares.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main> element");
    let end = start + html[start..].find("</main>").expect("a closed <main>");
    &html[start..end]
}

/// The values of `attr="…"` that start with `prefix`, prefix included.
fn attribute_values(html: &str, attr: &str, prefix: &str) -> BTreeSet<String> {
    let opening = format!("{attr}=\"{prefix}");
    html.match_indices(&opening)
        .map(|(at, _)| {
            let value = &html[at + attr.len() + 2..];
            value[..value.find('"').expect("a closed attribute")].to_string()
        })
        .collect()
}

/// The phone numbers the page links to (`tel:` links), anywhere on the page.
fn phone_numbers(html: &str) -> BTreeSet<String> {
    attribute_values(html, "href", "tel:")
}

/// The machine-readable dates, times and date-times of `<time datetime="…">` in `<main>`.
fn time_values(html: &str) -> BTreeSet<String> {
    attribute_values(main_of(html), "datetime", "")
}

/// The links out of the site in `<main>` (`http://` and `https://`). Left out, since they
/// differ by language by design: links to the site's own pages at `own_origin` (a
/// handout's printed address) and the "send this page" part, whose share links carry the
/// address of the page itself.
fn external_links(html: &str, own_origin: &str) -> BTreeSet<String> {
    let main =
        common::without_elements(main_of(html), "<section class=\"send-page\"", "</section>");
    attribute_values(&main, "href", "http")
        .into_iter()
        .filter(|href| href.starts_with("http://") || href.starts_with("https://"))
        .filter(|href| !href.starts_with(own_origin))
        .collect()
}

/// `text` with its numeric character references (`&#39;`, `&#x27;`) replaced by the
/// characters they stand for: the digits of `&#39;` are not a number on the page. Named
/// references (`&amp;`) hold no digits, so they are left as they are. (No crate of the
/// project decodes HTML.)
fn decode_numeric_references(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').and_then(|semi| {
            let code = &rest[2..semi];
            let code = match code.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => code.parse().ok(),
            };
            Some((char::from_u32(code?)?, semi))
        });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push_str("&#");
                rest = &rest[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What a reader sees in `<main>`: tags, data blocks and furigana (`<rt>`) left out,
/// character references decoded.
fn main_text(html: &str) -> String {
    decode_numeric_references(&base_text(main_of(html)))
}

/// Every run of ASCII digits in `text` ("8時30分" gives 8 and 30, "03-5722-9363" gives
/// 03, 5722 and 9363), with the text that follows it.
fn digit_runs(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(|c: char| c.is_ascii_digit())?;
        let from = &rest[start..];
        let end = from
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(from.len());
        rest = &from[end..];
        Some((&from[..end], rest))
    })
}

/// The numbers in the text of `<main>`.
fn numbers(html: &str) -> BTreeSet<String> {
    digit_runs(&main_text(html))
        .map(|(run, _)| run.to_string())
        .collect()
}

/// The numbers in the text of an easy page's `<main>` that the Japanese page must give
/// too: all but counts written "4つ". Easy Japanese says how many things it is about to
/// list (「相談の しかたは、4つから 選べます。電話、…」) where the Japanese page only lists
/// them; such a count is not a fact of its own.
fn numbers_easy_must_share(html: &str) -> BTreeSet<String> {
    digit_runs(&main_text(html))
        .filter(|(_, after)| !after.trim_start().starts_with('つ'))
        .map(|(run, _)| run.to_string())
        .collect()
}

/// The numbers in the text of `<main>` an English page must give too: those of three
/// digits or more (parts of phone numbers, the postcode, years). English writes hours on a
/// 12-hour clock ("5 pm" for 17時) and months by name ("Nov" for 11月), so shorter numbers
/// differ by design.
fn long_numbers(html: &str) -> BTreeSet<String> {
    numbers(html).into_iter().filter(|n| n.len() >= 3).collect()
}

/// A Japanese page and one of its translations, as sent.
struct Editions<'a> {
    ja_page: &'a str,
    ja: &'a str,
    page: &'a str,
    language: &'a str,
    translated: &'a str,
}

impl Editions<'_> {
    /// A line of `report` for each of the Japanese page's values the translation lacks,
    /// naming the translation's page.
    fn report_missing_in_translation(
        &self,
        report: &mut Vec<String>,
        what: &str,
        of_ja: &BTreeSet<String>,
        of_translated: &BTreeSet<String>,
    ) {
        for value in of_ja.difference(of_translated) {
            report.push(format!(
                "{} ({}): {what} {value} is not there, but it is on {}",
                self.page, self.language, self.ja_page
            ));
        }
    }

    /// A line of `report` for each of the translation's values the Japanese page lacks,
    /// naming the Japanese page.
    fn report_missing_in_japanese(
        &self,
        report: &mut Vec<String>,
        what: &str,
        of_ja: &BTreeSet<String>,
        of_translated: &BTreeSet<String>,
    ) {
        for value in of_translated.difference(of_ja) {
            report.push(format!(
                "{} (ja): {what} {value} is not there, but it is on {}",
                self.ja_page, self.page
            ));
        }
    }

    /// Both ways: each page has every value `of` finds on the other.
    fn report_different(
        &self,
        report: &mut Vec<String>,
        what: &str,
        of: impl Fn(&str) -> BTreeSet<String>,
    ) {
        let (of_ja, of_translated) = (of(self.ja), of(self.translated));
        self.report_missing_in_translation(report, what, &of_ja, &of_translated);
        self.report_missing_in_japanese(report, what, &of_ja, &of_translated);
    }

    /// Where the translation states other facts than the Japanese page, a line of
    /// `report` for each difference.
    fn report_disagreements(&self, report: &mut Vec<String>, own_origin: &str) {
        self.report_different(report, "the phone number", phone_numbers);
        self.report_different(report, "the <time datetime>", time_values);
        self.report_different(report, "the link to", |html| {
            external_links(html, own_origin)
        });
        let (ja_numbers, numbers_translated) = (numbers(self.ja), numbers(self.translated));
        let what = "the number";
        if self.language == "easy" {
            // Easy Japanese writes numbers as digits too, so both give the same numbers,
            // but for its counts of listed things.
            self.report_missing_in_translation(report, what, &ja_numbers, &numbers_translated);
            let easy_must_share = numbers_easy_must_share(self.translated);
            self.report_missing_in_japanese(report, what, &ja_numbers, &easy_must_share);
        } else {
            // One way only: English gives some numbers the Japanese page writes otherwise,
            // such as a source's date "March 2024" for 令和6年3月.
            let long = long_numbers(self.ja);
            self.report_missing_in_translation(report, what, &long, &numbers_translated);
        }
    }
}

/// Every difference in the facts between the Japanese pages of the sitemap of the site
/// in `dir` at `now` and their translations, one line each, naming the page, the language
/// and what is missing.
async fn disagreements(dir: &str, now: &str) -> Vec<String> {
    let app = app_at(dir, now);
    let locs = sitemap_locs(&get(&app, "/sitemap.xml").await.body);
    let own_origin = {
        let loc = locs.first().expect("a page in the sitemap");
        loc.strip_suffix(path_of(loc)).unwrap().to_string()
    };
    let paths: Vec<&str> = locs.iter().map(|loc| path_of(loc)).collect();
    let japanese = paths.iter().filter(|path| {
        !TRANSLATIONS
            .iter()
            .any(|(_, prefix)| path.starts_with(&format!("{prefix}/")))
    });
    let mut report = Vec::new();
    for ja_page in japanese {
        let ja = get(&app, ja_page).await;
        assert_eq!(ja.status, StatusCode::OK, "{ja_page}");
        for (language, prefix) in TRANSLATIONS {
            let page = format!("{prefix}{ja_page}");
            if !paths.contains(&page.as_str()) {
                report.push(format!("{page} ({language}): not in the sitemap"));
                continue;
            }
            let translated = get(&app, &page).await;
            assert_eq!(translated.status, StatusCode::OK, "{page}");
            let editions = Editions {
                ja_page,
                ja: &ja.body,
                page: &page,
                language,
                translated: &translated.body,
            };
            editions.report_disagreements(&mut report, &own_origin);
        }
    }
    report
}

fn numbered(report: &[String]) -> String {
    report
        .iter()
        .enumerate()
        .map(|(i, line)| format!("{}. {line}\n", i + 1))
        .collect()
}

#[tokio::test]
async fn every_translation_states_the_facts_of_the_japanese_page() {
    for now in [WEEKDAY, YEAR_END] {
        let report = disagreements(BUNDLED, now).await;
        assert!(
            report.is_empty(),
            "at {now}, the translations disagree with the Japanese pages:\n{}",
            numbered(&report)
        );
    }
}

#[tokio::test]
async fn the_pages_compared_carry_the_facts() {
    // The comparison has something to compare: the dial's page links to its number, marks
    // up its hours, links to its sources and writes its hours and number in its text.
    let app = app_at(BUNDLED, WEEKDAY);
    for path in ["/services/dial/", "/easy/services/dial/"] {
        let html = get(&app, path).await.body;
        assert!(phone_numbers(&html).contains("tel:0357229363"), "{path}");
        let times = time_values(&html);
        assert!(
            times.contains("08:30") && times.contains("17:00"),
            "{path}: {times:?}"
        );
        assert!(
            !external_links(&html, "http://127.0.0.1:3000").is_empty(),
            "{path}"
        );
        let numbers = numbers(&html);
        for n in ["8", "30", "17", "5722", "9363"] {
            assert!(numbers.contains(n), "{path}: {n} in {numbers:?}");
        }
    }
    // Character references are not numbers: "Meguro City&#39;s" has no 39.
    let en = get(&app, "/en/").await.body;
    assert!(main_of(&en).contains("&#39;"));
    assert!(!numbers(&en).contains("39"));
}

#[tokio::test]
async fn a_number_changed_in_an_easy_text_is_reported_with_its_page() {
    // The easy page of Tokyo's support net says a home visit needs four months of
    // hikikomori, where the Japanese page (and the source) say six.
    let six_months = "6か{月|げつ} {以上|いじょう}（6か{月|げつ}か、";
    let copy = ContentCopy::new(BUNDLED, "translations-agree", |name, text| {
        if name != "services.toml" {
            return text;
        }
        assert!(text.contains(six_months), "the easy text says six months");
        text.replacen(
            six_months,
            "4か{月|げつ} {以上|いじょう}（4か{月|げつ}か、",
            1,
        )
    });
    let report = disagreements(&copy.dir, WEEKDAY).await;
    assert_eq!(
        report,
        [
            "/easy/services/tokyo-support-net/ (easy): the number 6 is not there, \
             but it is on /services/tokyo-support-net/",
            "/services/tokyo-support-net/ (ja): the number 4 is not there, \
             but it is on /easy/services/tokyo-support-net/",
        ],
        "{}",
        numbered(&report)
    );
}
