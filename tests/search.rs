//! `/search/?q=…`: a plain GET form in every language, Japanese-aware, safe with any
//! input; without a query (and in the static export) it lists every service. On the
//! fixture ward: its English edition, and its Japanese one for what only Japanese shows.

mod common;

use axum::http::StatusCode;
use common::{SAMPLE, app_at, get};

const NOW: &str = "2026-12-01T10:00:00Z";

/// The fixture ward's services, in content order.
const SERVICE_IDS: [&str; 5] = ["line", "cafe", "family", "walk", "visits"];

fn encode(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The hits' links, in order.
fn hits(body: &str) -> Vec<String> {
    let Some(list) = body.find("<ol class=\"search-results\">") else {
        return Vec::new();
    };
    let list = &body[list..body[list..].find("</ol>").map_or(body.len(), |e| list + e)];
    list.split("<li><a href=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

#[tokio::test]
async fn finds_family_services_with_the_query_marked() {
    let app = app_at(SAMPLE, NOW);
    let reply = get(&app, &format!("/ja/search/?q={}", encode("家族"))).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.cache_control.as_deref(), Some("no-store"));
    let found = hits(&reply.body);
    assert_eq!(
        found.first().map(String::as_str),
        Some("/ja/services/family/"),
        "{found:?}"
    );
    assert!(found.contains(&"/ja/for/family/".to_string()));
    assert!(reply.body.contains("<mark>家族</mark>"));
    assert!(reply.body.contains(r#"value="家族""#));
    assert!(reply.body.contains("「家族」の <ruby>検索結果<rt>"));
}

#[tokio::test]
async fn katakana_full_width_and_no_word_breaks() {
    let app = app_at(SAMPLE, NOW);
    for q in ["カゾク", "ｶｿﾞｸ"] {
        // かぞく is not in the text, but 家族会 is read only by its kanji: folding is about
        // kana and width, so a katakana query finds the hiragana text.
        let body = get(&app, &format!("/ja/search/?q={}", encode(q)))
            .await
            .body;
        assert!(body.contains("の <ruby>検索結果<rt>"), "{q}");
    }
    let body = get(&app, &format!("/ja/search/?q={}", encode("ヒキコモリ")))
        .await
        .body;
    assert!(
        !hits(&body).is_empty(),
        "katakana finds the hiragana ひきこもり"
    );
    let body = get(
        &app,
        &format!("/ja/search/?q={}", encode("０１２３４－５６７８９０")),
    )
    .await
    .body;
    assert!(
        hits(&body).contains(&"/ja/services/line/".to_string()),
        "{:?}",
        hits(&body)
    );
    // Two terms, both required, without spaces in the text.
    let body = get(&app, &format!("/ja/search/?q={}", encode("訪問　相談")))
        .await
        .body;
    assert!(hits(&body).contains(&"/ja/services/visits/".to_string()));
}

#[tokio::test]
async fn searches_in_the_pages_language() {
    let app = app_at(SAMPLE, NOW);
    let en = get(&app, "/search/?q=family").await.body;
    assert!(en.contains("<html lang=\"en\">"));
    assert!(
        hits(&en).iter().all(|h| !h.starts_with("/ja/")),
        "{:?}",
        hits(&en)
    );
    assert!(hits(&en).contains(&"/services/family/".to_string()));
    let ja = get(&app, &format!("/ja/search/?q={}", encode("家族")))
        .await
        .body;
    assert!(ja.contains("<html lang=\"ja\">"));
    assert!(hits(&ja).iter().all(|h| h.starts_with("/ja/")));
    assert!(!hits(&ja).is_empty());
    // Each edition finds only its own words.
    assert!(
        hits(
            &get(&app, &format!("/search/?q={}", encode("家族")))
                .await
                .body
        )
        .is_empty()
    );
}

#[tokio::test]
async fn markup_in_the_query_is_only_text() {
    let app = app_at(SAMPLE, NOW);
    for q in [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "{漢字|かんじ}",
        "&amp; &lt;",
    ] {
        let reply = get(&app, &format!("/search/?q={}", encode(q))).await;
        assert_eq!(reply.status, StatusCode::OK, "{q}");
        assert!(!reply.body.contains("<script>alert"), "{q}");
        assert!(!reply.body.contains("<img src=x"), "{q}");
        assert!(
            !reply.body.contains("<ruby>漢字"),
            "{q}: the query became ruby"
        );
    }
    let body = get(&app, &format!("/search/?q={}", encode("<b>")))
        .await
        .body;
    // Escaped by askama, in the field and in the heading over the results.
    assert!(body.contains(r#"value="&#60;b&#62;""#));
    assert!(body.contains("Results for “&#60;b&#62;”"));
    // The site's own markup in a query is only text too, in both places, while the
    // label's own furigana is ruby.
    let body = get(&app, &format!("/ja/search/?q={}", encode("{漢字|かんじ}")))
        .await
        .body;
    assert!(body.contains(r#"value="{漢字|かんじ}""#), "{body}");
    assert!(
        body.contains("「{漢字|かんじ}」の <ruby>検索結果<rt>けんさくけっか</rt></ruby>"),
        "{body}"
    );
}

#[tokio::test]
async fn long_empty_and_malformed_queries_get_a_clear_message() {
    let app = app_at(SAMPLE, NOW);
    let long = "相".repeat(150);
    let reply = get(&app, &format!("/search/?q={}", encode(&long))).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("Use at most 100 characters."));
    let reply = get(&app, "/search/?q=a+b+c+d+e+f+g+h+i+j").await;
    assert!(reply.body.contains("Use at most 8 words."));
    let reply = get(&app, "/search/?q=+++").await;
    assert!(reply.body.contains("Enter the words to search for."));
    for q in ["%ff%fe", "%00", "%", "%zz", "q&q&q", "%E3%81"] {
        let reply = get(&app, &format!("/search/?q={q}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{q}");
    }
    let many: String = (0..3000).map(|i| format!("p{i}=x&")).collect();
    let reply = get(&app, &format!("/ja/search/?{many}q=%E5%AE%B6%E6%97%8F")).await;
    // Longer than the server takes: refused before any search, with a 4xx page.
    assert_eq!(reply.status, StatusCode::URI_TOO_LONG);
    let many: String = (0..200).map(|i| format!("p{i}=x&")).collect();
    let reply = get(&app, &format!("/ja/search/?{many}q=%E5%AE%B6%E6%97%8F")).await;
    assert!(reply.body.contains("<mark>家族</mark>"));
}

#[tokio::test]
async fn without_a_query_the_page_lists_every_service() {
    let app = app_at(SAMPLE, NOW);
    let reply = get(&app, "/search/").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains(
        "<form class=\"search-form\" role=\"search\" action=\"/search/\" method=\"get\">"
    ));
    for id in SERVICE_IDS {
        assert!(
            reply.body.contains(&format!("href=\"/services/{id}/\"")),
            "{id}"
        );
    }
    // Other parameters are not a search.
    let other = get(&app, "/search/?utm_source=x").await;
    assert_eq!(other.body, reply.body);
}
