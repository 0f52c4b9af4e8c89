//! The handout (`/handout/`): a form with a checkbox for each service and event, the
//! handout of the ones chosen (made per request, never stored), each audience's ready
//! handout, and a calm 400 page in the language of the path for any query the form could
//! not have sent, never a 5xx. On the fixture ward (English, with a Japanese edition
//! under /ja/); the texts are read from its labels.

mod common;

use axum::http::{Method, StatusCode};
use common::{ContentCopy, SAMPLE, app_at, base_text, get, label, send, visible_text};

const NOW: &str = "2026-11-25T10:00:00Z";

/// (path prefix, `lang`, `translations` key of the labels) of each language.
const LANGUAGES: [(&str, &str, Option<&str>); 2] = [("", "en", None), ("/ja", "ja", Some("ja"))];

/// The `lang` of a page.
fn lang(body: &str) -> &str {
    body.split("<html lang=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
}

/// The part of a page between `<main` and `</main>`.
fn main_of(body: &str) -> &str {
    let main = body.split("<main").nth(1).unwrap_or_default();
    main.split("</main>").next().unwrap_or_default()
}

/// A label in `language` as the page writes it: plain text, `&` and `'` escaped.
fn text(language: Option<&str>, key: &str) -> String {
    label(SAMPLE, language, key)
        .replace('&', "&#38;")
        .replace('\'', "&#39;")
}

#[tokio::test]
async fn the_form_has_a_checkbox_for_each_service_and_event_in_fieldsets() {
    let app = app_at(SAMPLE, NOW);
    for (prefix, page_lang, language) in LANGUAGES {
        let reply = get(&app, &format!("{prefix}/handout/")).await;
        assert_eq!(reply.status, StatusCode::OK, "{prefix}");
        assert_eq!(lang(&reply.body), page_lang);
        let main = main_of(&reply.body);
        assert!(
            main.contains(&format!(
                "<form class=\"handout-form\" action=\"{prefix}/handout/\" method=\"get\">"
            )),
            "{prefix}: a GET form to itself"
        );
        assert_eq!(main.matches("<fieldset>").count(), 2, "{prefix}");
        for key in ["handout_services_legend", "handout_events_legend"] {
            let legend = format!("<legend>{}</legend>", label(SAMPLE, language, key));
            assert!(visible_text(main).contains(&visible_text(&legend)), "{key}");
        }
        for (name, ids) in [
            ("s", &["line", "cafe", "family", "walk", "visits"][..]),
            ("e", &["cafe", "walk", "group"][..]),
        ] {
            for id in ids {
                let input = format!(
                    "<input type=\"checkbox\" id=\"choose-{name}-{id}\" name=\"{name}\" value=\"{id}\" aria-describedby=\"choose-{name}-{id}-about\"> <label for=\"choose-{name}-{id}\">"
                );
                assert!(main.contains(&input), "{prefix}: {input}");
                // What it is, under the label and outside it: the label's name stays short.
                // The description is a hidden copy of it without furigana.
                let about = "</label> <span class=\"summary\">";
                let (_, rest) = main.split_once(&input).unwrap();
                let (label, _) = rest.split_once("</li>").unwrap();
                assert!(label.contains(about), "{prefix}: {about}");
                let (_, text) = label.split_once(about).unwrap();
                let hidden = format!("<span hidden id=\"choose-{name}-{id}-about\">");
                let (shown, described) = text.split_once(&hidden).expect("a description");
                assert_eq!(
                    base_text(shown).trim(),
                    base_text(described.split("</span>").next().unwrap()).trim(),
                    "{prefix}: {id}"
                );
                assert!(
                    visible_text(text).trim().len() > 3,
                    "{prefix}: {id} is described"
                );
            }
        }
        assert_eq!(main.matches("type=\"checkbox\"").count(), 8);
        // Eight choices: the limit of twelve need not be said.
        assert!(!main.contains(&text(language, "handout_max").replace("{max}", "12")));
        // Where only files are published, the form cannot be answered: it says so, and
        // leads to the ready handouts.
        assert!(
            main.contains(&text(language, "handout_server_only")),
            "{prefix}"
        );
        for audience in ["person", "family"] {
            assert!(main.contains(&format!("<a href=\"{prefix}/handout/{audience}/\">")));
        }
        assert!(!reply.body.contains("<script"), "no JavaScript");
        // The footer of every page links the form.
        let faq = get(&app, &format!("{prefix}/faq/")).await.body;
        assert!(
            faq.contains(&format!("<a href=\"{prefix}/handout/\">")),
            "{prefix}"
        );
    }
}

#[tokio::test]
async fn no_choice_is_the_form() {
    let app = app_at(SAMPLE, NOW);
    let form = get(&app, "/handout/").await;
    // A form sent with nothing ticked asks for `/handout/?`.
    for path in ["/handout/?", "/handout/?&", "/handout/?&&"] {
        let reply = get(&app, path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.bytes, form.bytes, "{path}");
    }
}

#[tokio::test]
async fn a_handout_of_chosen_services_and_an_event() {
    let app = app_at(SAMPLE, NOW);
    for (prefix, page_lang, language) in LANGUAGES {
        let path = format!("{prefix}/handout/?s=line&s=family&e=walk");
        let reply = get(&app, &path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(lang(&reply.body), page_lang);
        assert!(reply.content_type.starts_with("text/html"));
        // Made for one request, and a choice of services can say much about a person.
        assert_eq!(reply.cache_control.as_deref(), Some("no-store"), "{path}");
        let main = main_of(&reply.body);
        let seen = visible_text(main);
        assert!(seen.contains(&label(SAMPLE, language, "handout_title")));

        // Its own address, written out (and as the QR code, see tests/qr.rs).
        let url =
            format!("https://desk.example.org{prefix}/handout/?s=line&#38;s=family&#38;e=walk");
        assert!(
            main.contains(&format!("<a href=\"{url}\">{url}</a>")),
            "{path}"
        );
        assert!(main.contains("<div class=\"handout-qr\" role=\"img\" aria-label=\""));
        assert!(
            seen.contains(&label(SAMPLE, language, "handout_as_of").replace(
                "{date}",
                if language.is_some() {
                    "2026年11月25日"
                } else {
                    "25 Nov 2026"
                }
            ))
        );
        assert!(
            main.contains(&format!("<a href=\"{prefix}/handout/\">")),
            "back to the form"
        );

        // The items in the order chosen: each with its service page, its QR code, the
        // line and its hours; the event with its dates, marked where not confirmed.
        let items: Vec<&str> = main
            .split("<article class=\"handout-item\"")
            .skip(1)
            .collect();
        assert_eq!(items.len(), 3, "{path}");
        for (item, (anchor, service)) in items.iter().zip([
            ("s-line", "line"),
            ("s-family", "family"),
            ("e-walk", "walk"),
        ]) {
            assert!(item.contains(&format!(
                "<h2 id=\"item-{anchor}\"><a href=\"{prefix}/services/{service}/\">"
            )));
            assert!(item.contains(&format!(
                "<img src=\"{prefix}/services/{service}/qr.svg\" alt=\""
            )));
            assert!(
                item.contains("<a class=\"item-phone\" href=\"tel:01234567890\">01234-567890</a>")
            );
            assert!(item.contains("</article>"), "{anchor}");
        }
        let hours = if language.is_some() {
            "9時〜17時"
        } else {
            "9 am–5 pm"
        };
        assert!(visible_text(items[0]).contains(hours), "{}", items[0]);
        assert!(visible_text(items[0]).contains("AB1 2CD"), "the address");
        assert!(
            items[1].contains("<time datetime=\"2026-12-12\">"),
            "the group's next date"
        );
        let mark = label(SAMPLE, language, "aside")
            .replace("{text}", "")
            .replace("{note}", &label(SAMPLE, language, "date_not_confirmed"));
        assert_eq!(items[2].matches("<span class=\"date-mark\">").count(), 3);
        assert_eq!(base_text(items[2]).matches(&mark).count(), 3, "{mark}");
        assert!(
            !items[1].contains("date-mark"),
            "the group's dates are confirmed"
        );
    }
}

#[tokio::test]
async fn each_audience_has_a_ready_handout_of_its_services() {
    let app = app_at(SAMPLE, NOW);
    for (prefix, _, language) in LANGUAGES {
        for (audience, services) in [
            ("person", &["line", "cafe", "walk", "visits"][..]),
            ("family", &["line", "family", "visits"][..]),
        ] {
            let path = format!("{prefix}/handout/{audience}/");
            let reply = get(&app, &path).await;
            assert_eq!(reply.status, StatusCode::OK, "{path}");
            let main = main_of(&reply.body);
            let listed: Vec<&str> = main
                .split("<h2 id=\"item-s-")
                .skip(1)
                .map(|rest| rest.split('"').next().unwrap())
                .collect();
            assert_eq!(listed, services, "{path}");
            assert!(
                main.contains(&format!("https://desk.example.org{path}")),
                "{path}"
            );
            let title = label(SAMPLE, language, "handout_audience_title");
            let (before, _) = title.split_once("{title}").unwrap();
            assert!(visible_text(main).contains(before), "{path}: {before}");
            // The audience's page links it.
            let page = get(&app, &format!("{prefix}/for/{audience}/")).await.body;
            assert!(page.contains(&format!("<a href=\"{path}\">")), "{path}");
        }
    }
}

#[tokio::test]
async fn an_audience_no_service_names_gets_every_service() {
    let copy = ContentCopy::new(SAMPLE, "handout-audience", |name, text| match name {
        "audiences.toml" => format!(
            "{text}\n[[audience]]\nid = \"helpers\"\nname = \"Helpers\"\ntitle = \"For helpers\"\nsummary = \"When you point someone to help.\"\nbody = \"Pass these on.\"\n\n[audience.translations.ja]\nname = \"{{支援者|しえんしゃ}}\"\ntitle = \"{{支援者|しえんしゃ}}の {{方|かた}}へ\"\nsummary = \"{{相談先|そうだんさき}}を {{紹介|しょうかい}}する ときに。\"\nbody = \"お{{渡|わた}}しください。\"\n"
        ),
        _ => text,
    });
    let app = app_at(&copy.dir, NOW);
    let main = get(&app, "/handout/helpers/").await.body;
    assert_eq!(
        main.matches("<article class=\"handout-item\"").count(),
        5,
        "{main}"
    );
}

#[tokio::test]
async fn a_choice_the_form_cannot_send_is_a_calm_400_in_the_language_of_the_path() {
    let app = app_at(SAMPLE, NOW);
    let thirteen = vec!["s=line"; 13].join("&");
    let cases: [(&str, &str); 12] = [
        ("s=nowhere", "handout_unknown_id"),
        ("e=line", "handout_unknown_id"),
        ("s=", "handout_unknown_id"),
        ("s", "handout_unknown_id"),
        ("s=line&s=cafe&s=line", "handout_repeated_id"),
        (&thirteen, "handout_too_many"),
        ("q=cafe", "handout_unreadable"),
        ("s=line&utm_source=mail", "handout_unreadable"),
        ("s=%zz", "handout_unreadable"),
        ("s=line%", "handout_unreadable"),
        ("s=%ff%fe", "handout_unreadable"),
        ("%73%=line", "handout_unreadable"),
    ];
    for (prefix, page_lang, language) in LANGUAGES {
        for (query, why) in cases {
            let path = format!("{prefix}/handout/?{query}");
            let reply = get(&app, &path).await;
            assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{path}");
            assert_eq!(lang(&reply.body), page_lang, "{path}");
            assert_eq!(reply.cache_control.as_deref(), Some("no-store"), "{path}");
            let main = main_of(&reply.body);
            assert!(
                main.contains(&label(SAMPLE, language, "handout_problem_title")),
                "{path}"
            );
            let message = text(language, why).replace("{max}", "12");
            assert!(main.contains(&message), "{path}: {message}\n{main}");
            assert!(
                main.contains(&format!(
                    "<a href=\"{prefix}/handout/\">{}</a>",
                    label(SAMPLE, language, "handout_back")
                )),
                "{path}: back to the form"
            );
            // HEAD answers the same.
            let head = send(&app, Method::HEAD, &path).await;
            assert_eq!(head.status, StatusCode::BAD_REQUEST, "HEAD {path}");
        }
    }
    // An escaped id is read as the form would write it.
    let reply = get(&app, "/handout/?%73=%6C%69%6E%65").await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn a_query_elsewhere_leaves_the_page_as_it_is() {
    let app = app_at(SAMPLE, NOW);
    let page = get(&app, "/handout/family/").await;
    let with_query = get(&app, "/handout/family/?s=nowhere").await;
    assert_eq!(with_query.status, StatusCode::OK);
    assert_eq!(with_query.bytes, page.bytes);
}
