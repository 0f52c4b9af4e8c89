//! The pages for requests the site cannot answer speak the language of the address asked
//! for, and lead home in that language: someone reading `/easy/` who mistypes an address
//! stays in やさしい日本語.

mod common;

use axum::http::{Method, StatusCode};
use common::{BUNDLED, app_at, get, send};

const NOW: &str = "2026-11-25T10:00:00+09:00";

/// The `lang` of the page and the links to pages of the site in its main text (the
/// contact blocks' `tel:` links left out).
fn language_and_home(body: &str) -> (String, Vec<String>) {
    let lang = body
        .split("<html lang=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_string();
    let main = body.split("<main").nth(1).unwrap_or_default();
    let main = main.split("</main>").next().unwrap_or_default();
    let homes = main
        .match_indices("<a href=\"")
        .map(|(i, m)| main[i + m.len()..].split('"').next().unwrap().to_string())
        .filter(|href| href.starts_with('/'))
        .collect();
    (lang, homes)
}

/// (path prefix, `lang`, home page) for each language of the bundled site.
const LANGUAGES: [(&str, &str, &str); 3] = [
    ("", "ja", "/"),
    ("/en", "en", "/en/"),
    ("/easy", "ja", "/easy/"),
];

#[tokio::test]
async fn the_404_page_leads_home_in_its_own_language() {
    let app = app_at(BUNDLED, NOW);
    for (prefix, lang, home) in LANGUAGES {
        let reply = get(&app, &format!("{prefix}/no-such-page/")).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{prefix}");
        let (got_lang, links) = language_and_home(&reply.body);
        assert_eq!(got_lang, lang, "{prefix}");
        assert_eq!(links, [home], "{prefix}: the message's link home");
    }
    // The easy edition is told apart from the standard one by its `hreflang` only, so
    // check it says which one it is.
    let easy = get(&app, "/easy/no-such-page/").await.body;
    assert!(easy.contains("hreflang=\"ja-x-easy\""));
}

#[tokio::test]
async fn a_wrong_method_and_an_overlong_address_answer_in_the_language_of_the_path() {
    let app = app_at(BUNDLED, NOW);
    for (prefix, lang, home) in LANGUAGES {
        let post = send(&app, Method::POST, &format!("{prefix}/faq/")).await;
        assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED, "{prefix}");
        assert_eq!(post.allow.as_deref(), Some("GET, HEAD"));
        let (got_lang, links) = language_and_home(&post.body);
        assert_eq!(
            (got_lang.as_str(), links),
            (lang, vec![home.to_string()]),
            "POST {prefix}"
        );

        let long = get(&app, &format!("{prefix}/{}", "a".repeat(3000))).await;
        assert_eq!(long.status, StatusCode::URI_TOO_LONG, "{prefix}");
        let (got_lang, links) = language_and_home(&long.body);
        assert_eq!(
            (got_lang.as_str(), links),
            (lang, vec![home.to_string()]),
            "414 {prefix}"
        );
    }
    // A path that only starts like a language's prefix is not in that language.
    let post = send(&app, Method::POST, "/english/").await;
    assert_eq!(language_and_home(&post.body).0, "ja");
}
