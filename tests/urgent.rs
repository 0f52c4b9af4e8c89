//! Urgent help (issue 13, part 1), seen from outside: at given instants, which urgent lines
//! the pages and the status API say are open, in every language; the urgent help page; the
//! line for danger to life and the link to the urgent help page on every page and every
//! 404. The expected lines are worked out by hand from `../shared/FACTS.md` ("Urgent
//! help"), not from the engine.
//!
//! A facts test by nature, like facts.rs: it holds the bundled content's own urgent lines
//! to FACTS.md at fixed instants, so it runs on the bundled site (`BUNDLED`), not on the
//! fixture ward.

mod common;

use axum::http::StatusCode;
use common::{BUNDLED, app_at, get, sitemap_locs, visible_text};

/// An urgent line of FACTS.md: its id in the content, its number as dialled, and its name
/// as the pages show it in each language (the base text, without furigana).
struct Line {
    id: &'static str,
    tel: &'static str,
    ja: &'static str,
    en: &'static str,
    easy: &'static str,
}

const TOKYO_INOCHI: &str = "tokyo-inochi-no-denwa";
const JISATSU_YOBOU: &str = "jisatsu-yobou-inochi-no-denwa";
const HOTLINE: &str = "kokoro-to-inochi-hotline";
const INOCHI_SOS: &str = "inochi-sos";
const YORISOI: &str = "yorisoi-hotline";
const UNIFIED: &str = "kokoro-no-kenkou-soudan";

/// In content order, which is the order the pages list them in.
const LINES: [Line; 6] = [
    // 03-3264-4343, every day, 24 hours.
    Line {
        id: TOKYO_INOCHI,
        tel: "tel:0332644343",
        ja: "東京いのちの電話",
        en: "Tokyo Inochi no Denwa (東京いのちの電話)",
        easy: "東京いのちの 電話",
    },
    // 0120-783-556, every day 16:00–21:00; on the 10th, 8:00 to 8:00 the next day.
    Line {
        id: JISATSU_YOBOU,
        tel: "tel:0120783556",
        ja: "自殺予防いのちの電話",
        en: "Suicide Prevention Inochi no Denwa (自殺予防いのちの電話)",
        easy: "自殺 予防 いのちの 電話",
    },
    // 0570-087478, every day 12:00 to 5:30 the next morning.
    Line {
        id: HOTLINE,
        tel: "tel:0570087478",
        ja: "東京都自殺相談ダイヤル〜こころといのちのほっとライン〜",
        en: "Tokyo Suicide Consultation Dial, Kokoro to Inochi no Hotline (東京都自殺相談ダイヤル〜こころといのちのほっとライン〜)",
        easy: "東京都 自殺 相談ダイヤル 〜こころと いのちの ほっとライン〜",
    },
    // 0120-061-338, Mon, Thu, Fri 24 hours; Tue, Wed, Sat, Sun 6:00 to 0:00.
    Line {
        id: INOCHI_SOS,
        tel: "tel:0120061338",
        ja: "#いのちSOS",
        en: "#Inochi SOS (#いのちSOS)",
        easy: "#いのちSOS",
    },
    // 0120-279-338, every day, 24 hours.
    Line {
        id: YORISOI,
        tel: "tel:0120279338",
        ja: "よりそいホットライン",
        en: "Yorisoi Hotline (よりそいホットライン)",
        easy: "よりそいホットライン",
    },
    // 0570-064-556: the hours are those of the caller's prefecture, not known here, so it
    // is never listed as open.
    Line {
        id: UNIFIED,
        tel: "tel:0570064556",
        ja: "こころの健康相談統一ダイヤル",
        en: "Mental Health Consultation Unified Dial (こころの健康相談統一ダイヤル)",
        easy: "こころの 健康 相談 統一ダイヤル",
    },
];

/// The instants of the issue (JST), and the urgent lines open then, by hand from FACTS.md.
/// The ward's dial is closed at every one of them, so every contact block lists them.
const CASES: [(&str, &[&str]); 5] = [
    // Tuesday 29 December, 22:00 (年末年始). 自殺予防いのちの電話 closed at 21:00; the
    // hotline runs from 12:00 to 5:30 tomorrow; #いのちSOS keeps Tuesday's 6:00–24:00.
    (
        "2026-12-29T22:00:00+09:00",
        &[TOKYO_INOCHI, HOTLINE, INOCHI_SOS, YORISOI],
    ),
    // A Saturday at 03:00. The hotline is in Friday's 12:00–5:30; #いのちSOS's Friday 24
    // hours ended at midnight and Saturday's begin at 6:00.
    (
        "2026-12-05T03:00:00+09:00",
        &[TOKYO_INOCHI, HOTLINE, YORISOI],
    ),
    // The 10th (a Thursday) at 03:00. 自殺予防いのちの電話's long hours begin at 8:00;
    // #いのちSOS is in Thursday's 24 hours.
    (
        "2026-12-10T03:00:00+09:00",
        &[TOKYO_INOCHI, HOTLINE, INOCHI_SOS, YORISOI],
    ),
    // The 11th (a Friday) at 03:00. 自殺予防いのちの電話 runs from the 10th 8:00 to the
    // 11th 8:00; #いのちSOS is in Friday's 24 hours.
    (
        "2026-12-11T03:00:00+09:00",
        &[TOKYO_INOCHI, JISATSU_YOBOU, HOTLINE, INOCHI_SOS, YORISOI],
    ),
    // A Tuesday at 00:30. #いのちSOS's Monday 24 hours ended at midnight, Tuesday's begin at
    // 6:00; the hotline is in Monday's 12:00–5:30.
    (
        "2026-12-08T00:30:00+09:00",
        &[TOKYO_INOCHI, HOTLINE, YORISOI],
    ),
];

/// The languages' path prefixes, the default first.
const LANGUAGES: [&str; 3] = ["", "/en", "/easy"];

fn line(id: &str) -> &'static Line {
    LINES.iter().find(|l| l.id == id).unwrap()
}

fn name_in(l: &Line, prefix: &str) -> &'static str {
    match prefix {
        "" => l.ja,
        "/en" => l.en,
        _ => l.easy,
    }
}

/// What a reader sees, with the base text of ruby and not its reading.
fn base_text(html: &str) -> String {
    let mut out = html.to_string();
    for tag in ["rt", "rp"] {
        let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
        while let Some(start) = out.find(&open) {
            let end = start + out[start..].find(&close).unwrap() + close.len();
            out.replace_range(start..end, "");
        }
    }
    visible_text(&out)
}

/// The part of `html` from `start` to the first `end` after it.
fn between<'h>(html: &'h str, start: &str, end: &str) -> Option<&'h str> {
    let from = html.find(start)?;
    let to = from + html[from..].find(end)?;
    Some(&html[from..to])
}

/// The urgent lines a page's contact block lists as open, as (name, tel), in order.
fn open_lines_in_contact_block(html: &str) -> Vec<(String, String)> {
    let block = between(html, "<section class=\"contact\"", "</section>").expect("a contact block");
    let Some(list) = between(block, "<ul class=\"open-lines\"", "</ul>") else {
        return Vec::new();
    };
    list.split("<li>")
        .skip(1)
        .map(|item| {
            let name = between(item, "<span class=\"line-name\">", "</span>").unwrap();
            let href = &item[item.find("href=\"").unwrap() + "href=\"".len()..];
            let tel = &href[..href.find('"').unwrap()];
            (base_text(name).trim().to_string(), tel.to_string())
        })
        .collect()
}

fn expected_items(ids: &[&str], prefix: &str) -> Vec<(String, String)> {
    ids.iter()
        .map(|id| {
            let l = line(id);
            (name_in(l, prefix).to_string(), l.tel.to_string())
        })
        .collect()
}

/// The ids of the lines whose own section on the urgent help page says they are open.
fn open_on_urgent_page(html: &str) -> Vec<String> {
    html.split("<section class=\"urgent-line\" id=\"line-")
        .skip(1)
        .filter(|section| {
            let section = &section[..section.find("</section>").unwrap()];
            section.contains("<p class=\"status status-open\">")
        })
        .map(|section| section[..section.find('"').unwrap()].to_string())
        .collect()
}

#[tokio::test]
async fn every_contact_block_lists_the_urgent_lines_open_at_each_instant() {
    for (now, open) in CASES {
        let app = app_at(BUNDLED, now);
        for prefix in LANGUAGES {
            for page in ["/", "/services/dial/", "/urgent/"] {
                let path = format!("{prefix}{page}");
                let html = get(&app, &path).await.body;
                // The dial itself is closed.
                assert!(
                    between(&html, "<section class=\"contact\"", "</section>")
                        .unwrap()
                        .contains("status-closed"),
                    "{now} {path}"
                );
                assert_eq!(
                    open_lines_in_contact_block(&html),
                    expected_items(open, prefix),
                    "{now} {path}"
                );
            }
        }
    }
}

#[tokio::test]
async fn the_urgent_page_says_which_lines_are_open_at_each_instant() {
    for (now, open) in CASES {
        let app = app_at(BUNDLED, now);
        for prefix in LANGUAGES {
            let path = format!("{prefix}/urgent/");
            let reply = get(&app, &path).await;
            assert_eq!(reply.status, StatusCode::OK, "{path}");
            let html = &reply.body;
            let mut expected: Vec<String> = vec!["fire-ambulance".into(), "police".into()];
            expected.extend(open.iter().map(|id| id.to_string()));
            assert_eq!(open_on_urgent_page(html), expected, "{now} {path}");
            // Every line is on the page, each with its name and number, open or not.
            for l in &LINES {
                let section = between(
                    html,
                    &format!("<section class=\"urgent-line\" id=\"line-{}\"", l.id),
                    "</section>",
                )
                .unwrap_or_else(|| panic!("{} on {path}", l.id));
                assert!(section.contains(&format!("href=\"{}\"", l.tel)), "{path}");
                assert!(
                    base_text(section).contains(name_in(l, prefix)),
                    "{} on {path}",
                    l.id
                );
                let said_open = section.contains("status-open");
                assert_eq!(said_open, open.contains(&l.id), "{now} {} {path}", l.id);
            }
        }
    }
}

#[tokio::test]
async fn status_json_lists_the_urgent_lines_open_at_each_instant() {
    for (now, open) in CASES {
        let app = app_at(BUNDLED, now);
        let json: serde_json::Value =
            serde_json::from_str(&get(&app, "/api/v1/status.json").await.body).unwrap();
        let contacts = json["contacts"].as_array().unwrap();
        let open_urgent: Vec<&str> = contacts
            .iter()
            .filter(|c| c["kind"] == "urgent" && c["open"] == true)
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        assert_eq!(open_urgent, open.to_vec(), "{now}");
        let urgent: Vec<&str> = contacts
            .iter()
            .filter(|c| c["kind"] == "urgent")
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        assert_eq!(urgent, LINES.map(|l| l.id).to_vec(), "{now}");
        for id in ["fire-ambulance", "police"] {
            let c = contacts.iter().find(|c| c["id"] == id).unwrap();
            assert_eq!(c["kind"], "emergency");
            assert_eq!(c["open"], true);
            assert_eq!(c["closes_at"], serde_json::Value::Null, "24 hours");
        }
        let unified = contacts.iter().find(|c| c["id"] == UNIFIED).unwrap();
        assert_eq!(unified["hours_known"], false);
        assert_eq!(unified["open"], false);
        assert_eq!(unified["phone"], "0570-064-556");
        let dial = contacts.iter().find(|c| c["id"] == "dial").unwrap();
        assert_eq!(dial["kind"], "service");
        assert_eq!(dial["open"], false);
    }
}

/// The "until" of each open line, as the home page's contact block says it.
async fn untils(app: &impl common::Site, prefix: &str) -> Vec<String> {
    let html = get(app, &format!("{prefix}/")).await.body;
    let block = between(&html, "<ul class=\"open-lines\"", "</ul>").unwrap();
    block
        .split("<span class=\"line-until\">")
        .skip(1)
        .map(|s| base_text(&s[..s.find("</span>").unwrap()]))
        .collect()
}

#[tokio::test]
async fn each_open_line_says_until_when_or_24_hours() {
    let app = app_at(BUNDLED, "2026-12-29T22:00:00+09:00");
    // Tokyo Inochi no Denwa, the hotline, #いのちSOS, Yorisoi.
    assert_eq!(
        untils(&app, "").await,
        [
            "24時間",
            "12月30日(水) 5時30分までです。",
            "24時までです。",
            "24時間"
        ]
    );
    assert_eq!(
        untils(&app, "/en").await,
        [
            "24 hours",
            "until Dec 30 (Wed) 5:30 am",
            "until midnight",
            "24 hours"
        ]
    );
    assert_eq!(
        untils(&app, "/easy").await,
        [
            "24時間",
            "12月30日(水) 5時30分までです。",
            "夜の 12時までです。",
            "24時間"
        ]
    );
    let html = get(&app, "/").await.body;
    assert!(html.contains("<time datetime=\"2026-12-30T05:30:00+09:00\">"));
    assert!(html.contains("<time datetime=\"2026-12-30T00:00:00+09:00\">24時</time>まで"));
    // Thursday's and Friday's 24 hours are one stretch: open until Friday midnight.
    let thursday = app_at(BUNDLED, "2026-12-10T03:00:00+09:00");
    assert_eq!(
        untils(&thursday, "").await,
        [
            "24時間",
            "5時30分までです。",
            "12月11日(金) 24時までです。",
            "24時間"
        ]
    );
    // On the 11th, the 10th's long hours end at 8:00.
    let friday = app_at(BUNDLED, "2026-12-11T03:00:00+09:00");
    assert_eq!(
        untils(&friday, "").await,
        [
            "24時間",
            "8時までです。",
            "5時30分までです。",
            "24時までです。",
            "24時間"
        ]
    );
}

#[tokio::test]
async fn a_contact_block_lists_the_open_lines_only_while_its_own_line_is_closed() {
    // Wednesday 25 November, 09:00: the ward's dial is open, the Tokyo line opens at 10:00.
    let app = app_at(BUNDLED, "2026-11-25T09:00:00+09:00");
    for prefix in LANGUAGES {
        let home = get(&app, &format!("{prefix}/")).await.body;
        assert!(
            !home.contains("class=\"open-lines\""),
            "the dial is open on {prefix}/"
        );
        let tokyo = get(&app, &format!("{prefix}/services/tokyo-support-net/"))
            .await
            .body;
        // Wednesday: #いのちSOS from 6:00; the hotline's Tuesday hours ended at 5:30 and
        // Wednesday's begin at 12:00; 自殺予防いのちの電話 opens at 16:00.
        assert_eq!(
            open_lines_in_contact_block(&tokyo),
            expected_items(&[TOKYO_INOCHI, INOCHI_SOS, YORISOI], prefix),
            "{prefix}"
        );
    }
}

#[tokio::test]
async fn the_urgent_page_gives_hours_who_runs_each_line_sources_and_that_lines_can_be_busy() {
    let app = app_at(BUNDLED, "2026-12-29T22:00:00+09:00");
    let cases: [(&str, &[&str]); 3] = [
        (
            "",
            &[
                "すぐに話したいときの電話相談",
                "つながりにくいときは、時間をおいてかけ直すか、別の番号へおかけください。",
                "命に危険があるとき",
                "社会福祉法人いのちの電話",
                "一般社団法人日本いのちの電話連盟",
                "NPO法人自殺対策支援センターライフリンク",
                "厚生労働省",
                "毎日24時間",
                "16時〜21時",
                "毎月10日8時〜翌8時",
                "毎日12時〜翌5時30分",
                "月曜日、木曜日、金曜日24時間",
                "火曜日、水曜日、土曜日、日曜日6時〜24時",
                "受付時間は確認中です。",
                "2026年11月30日に閲覧",
                "東京都保健医療局「第34回自殺防止！東京キャンペーン（令和6年3月）」",
                "あきる野市「その悩み誰かに相談していますか？」（2023年3月24日）",
                "毎日新聞「『こころの悩み』に関する主な相談機関一覧」（2022年8月26日）",
                "野洲市「広報やす」令和6年9月1日号",
                "厚生労働省「まもろうよ こころ」",
                "受付時間外。次は12月30日(水) 16時から",
            ],
        ),
        (
            "/en",
            &[
                "Phone lines to talk to someone now",
                "Lines can be busy. If you cannot get through, please try again a little later, or call another number.",
                "If a life is in danger",
                "Inochi no Denwa, a social welfare corporation",
                "Every day24 hours",
                "Day 10 of every month8 am–8 am the next day",
                "Every day12 pm–5:30 am the next day",
                "Tuesday, Wednesday, Saturday, Sunday6 am–midnight",
                "read on Nov 30, 2026",
                "The hours are not yet confirmed.",
            ],
        ),
        (
            "/easy",
            &[
                "すぐに 話したい ときの 電話 相談",
                "電話が つながりにくい ときは、少し 待って、もう 一度 かけて ください。別の 番号に かけても いいです。",
                "受付は 毎月 10日、8時から 次の 日の 8時までです。",
                "受付は 毎日、12時から 次の 日の 5時30分までです。",
                "2026年11月30日に 見ました",
            ],
        ),
    ];
    for (prefix, phrases) in cases {
        let html = get(&app, &format!("{prefix}/urgent/")).await.body;
        let text = base_text(&html);
        for phrase in phrases {
            assert!(text.contains(phrase), "{prefix}/urgent/: {phrase}");
        }
        // A heading for the page, for the emergency numbers and for the lines, and one
        // for each line; each line's hours in a table with a caption.
        assert_eq!(html.matches("<h1").count(), 1);
        assert_eq!(html.matches("<h3 id=\"line-").count(), 8);
        // The dial's in the contact block, and those of every line whose hours are known:
        // a table with a caption, or, where the language says hours as sentences
        // (やさしい日本語), a sentence a rule (two lines have two rules each).
        let (tables, sentences) = match prefix {
            "/easy" => (0, 1 + 7 + 2),
            _ => (1 + 7, 0),
        };
        assert_eq!(html.matches("<table class=\"hours\">").count(), tables);
        assert_eq!(html.matches("<p class=\"hours\">").count(), sentences);
        assert_eq!(html.contains("<caption>"), tables > 0);
    }
}

#[tokio::test]
async fn every_page_and_every_404_has_the_danger_line_and_links_the_urgent_page() {
    let app = app_at(BUNDLED, "2026-11-25T10:00:00+09:00");
    let sitemap = get(&app, "/sitemap.xml").await.body;
    let mut paths: Vec<String> = sitemap_locs(&sitemap)
        .into_iter()
        .map(|loc| {
            loc.strip_prefix("http://127.0.0.1:3000")
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(paths.iter().any(|p| p == "/urgent/"));
    assert!(paths.iter().any(|p| p == "/en/urgent/"));
    assert!(paths.iter().any(|p| p == "/easy/urgent/"));
    let missing = ["/no-such-page/", "/en/no-such-page/", "/easy/no-such-page/"];
    paths.extend(missing.map(String::from));
    for path in &paths {
        let reply = get(&app, path).await;
        let prefix = LANGUAGES
            .into_iter()
            .rev()
            .find(|p| !p.is_empty() && path.starts_with(&format!("{p}/")))
            .unwrap_or("");
        if missing.contains(&path.as_str()) {
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        }
        let html = &reply.body;
        let danger = between(html, "<p class=\"danger-line\">", "</p>")
            .unwrap_or_else(|| panic!("no danger line on {path}"));
        // In the header, short: the two numbers as links and their names.
        assert!(
            html.find("<p class=\"danger-line\">").unwrap() < html.find("</header>").unwrap(),
            "{path}"
        );
        assert!(danger.contains("<a href=\"tel:119\">119</a>"), "{path}");
        assert!(danger.contains("<a href=\"tel:110\">110</a>"), "{path}");
        assert!(base_text(danger).chars().count() < 80, "{path}: {danger}");
        let expected_names = match prefix {
            "" => ["消防・救急", "警察"],
            "/en" => ["Fire and ambulance", "Police"],
            _ => ["火事や 救急車", "警察"],
        };
        for name in expected_names {
            assert!(base_text(danger).contains(name), "{name} on {path}");
        }
        let header = between(html, "<header", "</header>").unwrap();
        let link = format!("<p class=\"urgent-link\"><a href=\"{prefix}/urgent/\"");
        assert!(header.contains(&link), "{link} on {path}");
    }
    let ja = base_text(&get(&app, "/").await.body);
    assert!(
        ja.contains("命に危険があるときは、119（消防・救急）または110（警察）へ電話してください。")
    );
    let en = base_text(&get(&app, "/en/").await.body);
    assert!(en.contains("If a life is in danger, call 119 (Fire and ambulance) or 110 (Police)."));
}

#[tokio::test]
async fn the_site_changes_when_an_urgent_line_opens_or_closes() {
    // 自殺予防いのちの電話 closes at 21:00 and the hotline at 5:30: a cache keeps the
    // pages only until then (the dial is closed for 年末年始 all the while).
    for (now, max_age) in [
        ("2026-12-29T20:59:30+09:00", 30),
        ("2026-12-30T05:29:50+09:00", 10),
        // #いのちSOS opens at 6:00 on a Wednesday.
        ("2026-12-30T05:59:40+09:00", 20),
    ] {
        let app = app_at(BUNDLED, now);
        for path in ["/", "/urgent/", "/en/urgent/", "/api/v1/status.json"] {
            let reply = get(&app, path).await;
            assert_eq!(
                reply.cache_control.as_deref(),
                Some(format!("public, max-age={max_age}").as_str()),
                "{now} {path}"
            );
        }
    }
}

#[tokio::test]
async fn the_search_finds_the_urgent_help_page() {
    let app = app_at(BUNDLED, "2026-12-29T22:00:00+09:00");
    for (prefix, query) in [
        ("", "%E3%81%84%E3%81%AE%E3%81%A1%E3%81%AE%E9%9B%BB%E8%A9%B1"),
        ("/en", "Yorisoi"),
    ] {
        let html = get(&app, &format!("{prefix}/search/?q={query}")).await.body;
        let results = &html[html.find("id=\"results\"").expect("results")..];
        assert!(
            results.contains(&format!("href=\"{prefix}/urgent/\"")),
            "{prefix}: {query}"
        );
    }
}
