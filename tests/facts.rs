//! Every fact of the source document (`../shared/FACTS.md`, "From the seed") stands on
//! some page of the bundled site, and the facts that are not known are said to be unknown.
//! The phrases are the site's own words for each fact, looked for in what a reader sees.
//!
//! The only tests of the bundled content's wording: the engine's own tests run on the
//! fixture ward (`tests/fixtures/valid`), so an editor's change of wording fails a test
//! here or nowhere.

mod common;

use common::{BUNDLED, app_at, base_text, get, label, sitemap_paths, visible_text};
use serde_json::Value;

/// A Wednesday morning in Tokyo, with the lines open.
const NOW: &str = "2026-11-25T10:00:00+09:00";

/// What a reader sees on every page of the sitemap, page by page.
async fn pages() -> Vec<(String, String)> {
    let app = app_at(BUNDLED, NOW);
    let mut pages = Vec::new();
    for path in sitemap_paths(&app).await {
        let text = visible_text(&get(&app, &path).await.body);
        pages.push((path, text));
    }
    pages
}

async fn all_text() -> String {
    pages().await.into_iter().map(|(_, text)| text).collect()
}

#[tokio::test]
async fn every_fact_of_the_seed_is_on_some_page() {
    let text = all_text().await;
    let facts: &[(&str, &[&str])] = &[
        (
            "福祉の総合相談窓口",
            &[
                "福祉の総合相談窓口",
                "福祉のコンシェルジュ",
                "目黒区総合庁舎にある相談窓口",
            ],
        ),
        (
            "person or family may consult; anonymous or nickname",
            &[
                "ご本人もご家族も相談できます",
                "匿名やニックネームで相談できます",
            ],
        ),
        (
            "いばしょ: a place to share feelings and information",
            &[
                "めぐろのいばしょ",
                "生きづらさ",
                "思いを話したり、情報を交換したり",
            ],
        ),
        (
            "いばしょ: 4th Tue and 4th Sun alternating, 13:30–16:30",
            &["第4火曜日と第4日曜日（月ごとに交互）", "13時30分〜16時30分"],
        ),
        (
            "いばしょ: 総合庁舎本館, 中目黒駅 5 min",
            &["目黒区総合庁舎 本館", "中目黒駅から徒歩約5分"],
        ),
        (
            "いばしょ: come and go, nickname form",
            &[
                "いつ来ても、いつ帰ってもかまいません",
                "受付票は、ニックネームで書けます",
            ],
        ),
        (
            "いばしょ: peer supporters",
            &["ピアサポーター", "ひきこもりの経験がある人やご家族"],
        ),
        (
            "いばしょ: free 相談コーナー with specialists",
            &["各分野の専門家に相談できる相談コーナー", "利用は無料です"],
        ),
        ("いばしょ: a quiet space", &["ゆっくり過ごせるスペース"]),
        (
            "the dial",
            &[
                "ひきこもり相談専用ダイヤル",
                "03-5722-9363",
                "月曜日〜金曜日",
                "8時30分",
                "17時",
            ],
        ),
        (
            "the dial is dedicated",
            &["ほかの用件の電話とは分かれています"],
        ),
        (
            "online: 24 hours, by reservation, phone or fax",
            &[
                "申し込みは24時間受け付けていますが、予約制です",
                "電話またはファックスで申し込んでください",
            ],
        ),
        (
            "online: anonymous, mobile or e-mail, date and time",
            &["携帯電話の番号かメールアドレス", "相談を希望する日時"],
        ),
        (
            "来所: 本館2階 福祉総合課",
            &["本館2階の福祉総合課", "目黒区総合庁舎 本館 2階 福祉総合課"],
        ),
        (
            "訪問: for those who find going out hard; phone first",
            &[
                "外に出ることが難しい方は、訪問による相談を利用できます",
                "まず電話で相談してください",
            ],
        ),
        (
            "family-only consultation",
            &[
                "ご家族だけでの相談を受け付けています",
                "本人とどう接したらよいかわからない",
                "本人が過ごせる居場所がほしい",
                "家族会の情報がほしい",
            ],
        ),
        (
            "family: referral to specialist bodies and 家族会",
            &["専門の相談機関や家族会など、地域の支援先を紹介しています"],
        ),
        (
            // The source's hedge 「基本的に」 is kept (review 2026-11-30).
            "cost: basically free; calls and transport are your own",
            &[
                "相談は、基本的に無料です",
                "通話料",
                "交通費はご自身の負担です",
            ],
        ),
        (
            "東京都ひきこもりサポートネット: peer online, sign language and writing",
            &[
                "東京都ひきこもりサポートネット",
                "ピアオンライン相談",
                "手話や筆談による相談",
            ],
        ),
        (
            "other local desks",
            &[
                "保健所",
                "保健センター",
                "社会福祉協議会",
                "めぐろくらしの相談窓口",
                "生活困窮者自立支援",
            ],
        ),
        (
            "the network",
            &["区の行政、民間の支援団体、医療機関、教育機関が連携"],
        ),
    ];
    let mut missing = Vec::new();
    for (fact, phrases) in facts {
        for phrase in *phrases {
            if !text.contains(phrase) {
                missing.push(format!("{fact}: {phrase}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not on any page:\n{}",
        missing.join("\n")
    );
}

#[tokio::test]
async fn facts_from_other_public_sources_are_on_some_page() {
    let text = all_text().await;
    for phrase in [
        "〒153-8573 東京都目黒区上目黒二丁目19番15号",
        "03-3715-1111",
        // The ward office's closing days; the dial's own are not confirmed.
        "年末年始（12月29日〜1月3日の見込み。確認中です）",
        "0120-529-528",
        "10時",
        "ニックネームをたずねられることがあります",
        "メールでの相談（利用には登録が必要です）",
        "診断や、緊急時の対応は行っていません",
        "15歳以上で、義務教育を終えている",
        "ひきこもりの状態が6か月以上続いている",
        "訪問は無料で、5回程度までです",
        "お住まいの区の窓口を通して",
        "リプルめぐろの会",
        "毎月第2土曜日",
    ] {
        assert!(text.contains(phrase), "{phrase}");
    }
}

#[tokio::test]
async fn what_is_not_known_is_said_not_invented() {
    let text = all_text().await;
    // The fax number is an item of the list of what is not known (made from the data).
    let online = get(&app_at(BUNDLED, NOW), "/services/online/").await.body;
    let not_known = online
        .split("<section class=\"not-known\"")
        .nth(1)
        .expect("the online page lists what is not known");
    assert!(not_known.contains("予約の申し込みに使うファックスの番号"));
    assert!(text.contains("どの月が何曜日になるかは確認中です。日程は電話でご確認ください。"));
    // No fax number or e-mail address appears anywhere: none is known.
    assert!(!text.contains('@'));
    let app = app_at(BUNDLED, NOW);
    let html = get(&app, "/services/online/").await.body;
    // The one `mailto:` link sends the page and names no address: the sender picks one.
    assert_eq!(html.matches("mailto:").count(), 1);
    assert!(html.contains("href=\"mailto:?subject="));
    // No source says the dial has a fax or an e-mail address: none is listed, not even
    // as unknown (review 2026-11-30).
    assert!(!html.contains("<dt class=\"unknown\">"));
    let ibasho = get(&app, "/services/ibasho/").await.body;
    assert!(ibasho.contains("<dt>祝日や年末年始に重なるとき</dt>\n<dd>確認中です。"));
    let family = get(&app, "/services/family/").await.body;
    assert!(family.contains("時間は確認中です。"));
    assert!(family.contains("場所は確認中です。"));
    let tokyo = get(&app, "/services/tokyo-support-net/").await.body;
    assert!(tokyo.contains("年末年始（12月29日〜1月3日の見込み。確認中です）"));
}

/// Calm, plain Japanese: no exclamation marks, music notes or emoji on any page.
#[tokio::test]
async fn every_page_speaks_calmly() {
    // The titles of cited sources (`<cite>`) are quoted as their pages write them.
    let app = app_at(BUNDLED, NOW);
    for path in sitemap_paths(&app).await {
        let text = visible_text(&without_citations(&get(&app, &path).await.body));
        for c in text.chars() {
            assert!(
                !matches!(c, '!' | '！' | '♪' | '◎' | '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}'),
                "{c:?} on {path}"
            );
        }
    }
}

/// The dial's hours and closures, as the pages and the status API give them.
#[tokio::test]
async fn the_dial_keeps_its_hours() {
    let open = get(&app_at(BUNDLED, NOW), "/services/dial/").await.body;
    assert!(open.contains(
        "<td><time datetime=\"08:30\">8時30分</time>〜<time datetime=\"17:00\">17時</time></td>"
    ));
    // The ward office's closing days; the dial's own are not confirmed.
    assert!(open.contains(
        "祝日・休日は休みです。年末年始（12月29日〜1月3日の見込み。確認中です）は休みです。"
    ));
    let status = |json: &str| -> Value { serde_json::from_str(json).unwrap() };
    let now = status(&get(&app_at(BUNDLED, NOW), "/api/v1/status.json").await.body);
    let dial = &now["contacts"][0];
    assert_eq!(dial["id"], "dial");
    assert_eq!(dial["phone"], "03-5722-9363");
    assert_eq!(dial["closes_at"], "2026-11-25T17:00:00+09:00");
    // Closed over the year end; open again on the first weekday of January.
    let year_end = status(
        &get(
            &app_at(BUNDLED, "2026-12-29T10:00:00+09:00"),
            "/api/v1/status.json",
        )
        .await
        .body,
    );
    assert_eq!(year_end["contacts"][0]["open"], false);
    assert_eq!(
        year_end["contacts"][0]["next_open"],
        "2027-01-04T08:30:00+09:00"
    );
}

/// やさしい日本語 says the dial's hours as sentences, with "から … まで" for "〜" and the
/// note on the year-end dates as sentences after the closure, not brackets inside it; the
/// times are still `<time>`s, as in the table of the other languages.
#[tokio::test]
async fn plain_japanese_says_the_dial_s_hours_in_sentences() {
    let easy = get(&app_at(BUNDLED, NOW), "/easy/services/dial/")
        .await
        .body;
    assert!(!easy.contains("<table class=\"hours\">"));
    let hours = easy
        .split("<p class=\"hours\">")
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .expect("the contact block's hours as a paragraph");
    assert!(
        hours.contains("<time datetime=\"08:30\">") && hours.contains("<time datetime=\"17:00\">")
    );
    let text = base_text(&easy);
    for sentence in [
        "受付は 月曜日から 金曜日まで、8時30分から 17時までです。",
        "年末年始は 休みです。12月29日から 1月3日までの 予定です。今 確かめて います。",
    ] {
        assert!(text.contains(sentence), "{sentence}");
    }
    assert!(
        !text.contains('〜'),
        "a range in a symbol on /easy/services/dial/"
    );
}

/// The open data states the same facts as the pages.
#[tokio::test]
async fn the_open_data_states_the_facts() {
    let app = app_at(BUNDLED, NOW);
    let page: Value = serde_json::from_str(&get(&app, "/api/v1/services.json").await.body).unwrap();
    let service = |name: &str| common::hsds_service(&page, name).clone();
    let dial = service("ひきこもり相談専用ダイヤル");
    assert_eq!(
        dial["fees_description"],
        "無料です。通話料はおかけになる方の負担です。"
    );
    assert_eq!(dial["phones"][0]["number"], "03-5722-9363");
    assert!(dial.get("email").is_none(), "no e-mail address is known");
    let hours = &dial["schedules"][0];
    assert_eq!(hours["byday"], "MO,TU,WE,TH,FR");
    assert_eq!(hours["opens_at"], "08:30+09:00");
    assert_eq!(hours["closes_at"], "17:00+09:00");
    assert_eq!(
        hours["notes"],
        "休み: 祝日・休日、年末年始（12月29日〜1月3日の見込み。確認中です）"
    );
    assert!(dial.get("service_at_locations").is_none());
    assert_eq!(dial["organization"]["name"], "目黒区");
    let ibasho = service("めぐろのいばしょ");
    let byday: Vec<&Value> = ibasho["schedules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["freq"] == "MONTHLY")
        .map(|s| &s["byday"])
        .collect();
    assert_eq!(byday, ["4TU", "4SU"]);
    let location = &ibasho["service_at_locations"][0]["location"];
    assert_eq!(location["name"], "目黒区総合庁舎 本館");
    assert_eq!(location["transportation"], "中目黒駅から徒歩約5分です。");
    let address = &location["addresses"][0];
    assert_eq!(address["address_1"], "上目黒二丁目19番15号");
    assert_eq!(address["city"], "目黒区");
    assert_eq!(address["state_province"], "東京都");
    assert_eq!(address["postal_code"], "153-8573");
    assert_eq!(address["country"], "JP");
    // The pages' data blocks.
    let html = get(&app, "/services/ibasho/").await.body;
    let block = html
        .split("<script type=\"application/ld+json\">")
        .nth(2)
        .and_then(|rest| rest.split("</script>").next())
        .expect("the event's data block");
    let event: Value = serde_json::from_str(block).unwrap();
    assert_eq!(event["name"], "めぐろのいばしょ");
    assert_eq!(event["eventSchedule"][0]["startTime"], "13:30");
    assert_eq!(event["eventSchedule"][0]["endTime"], "16:30");
    assert_eq!(event["eventSchedule"][0]["scheduleTimezone"], "Asia/Tokyo");
    assert_eq!(event["location"]["address"]["postalCode"], "153-8573");
}

/// What the site says about who runs it and how it is tested.
#[tokio::test]
async fn the_site_says_who_runs_it_and_how_it_is_tested() {
    let app = app_at(BUNDLED, NOW);
    let about = get(&app, "/about/").await.body;
    assert!(about.contains("madoguchi 編集チーム"));
    assert!(about.contains("クッキーを使いません"));
    let a11y = get(&app, "/accessibility/").await.body;
    assert!(a11y.contains("JIS X 8341-3:2016 の適合レベルAA"));
    assert!(a11y.contains("WCAG 2.2 のレベルAA"));
    assert!(a11y.contains("axe-core 4.14.1"));
}

/// What the bundled pages say where the review of 2026-11-30 asked for the sources' own
/// words: the hedged claims, who may consult, the dial's closing days, the lines of the
/// Tokyo network, the FAQ, and who runs the site.
#[tokio::test]
async fn the_pages_claim_no_more_than_the_sources() {
    let app = app_at(BUNDLED, NOW);
    let html = get(&app, "/").await.body;
    let dial = html.find("<a href=\"tel:0357229363\">").expect("the dial");
    let lead = &html[..dial];
    // What is true of every service, with the source's hedge.
    assert!(lead.contains("基本的に無料"));
    assert!(lead.contains("匿名やニックネームで相談できる窓口があります"));

    for path in sitemap_paths(&app).await {
        if !path.starts_with("/services/") {
            continue;
        }
        let html = get(&app, &path).await.body;
        let who = &html[html.find("<dt>相談できる方</dt>").expect(&path)..];
        let who = &who[..who.find("</dd>").unwrap()];
        // The sources name the person and the family, nobody else.
        assert!(!who.contains("支援者"), "{path}: {who}");
    }
    // The page for supporters stays, as a guide to referring people: it lists no
    // service as theirs to use, and no empty heading for such a list.
    let supporters = get(&app, "/for/supporters/").await.body;
    assert!(!supporters.contains("id=\"services\""));
    assert!(supporters.contains("このサイトでは確認できていません"));

    // The source gives the ward office's closing days, not the dial's own.
    let dial = get(&app, "/services/dial/").await.body;
    assert!(dial.contains(
        "<td><time datetime=\"08:30\">8時30分</time>〜<time datetime=\"17:00\">17時</time></td>"
    ));
    assert!(dial.contains(
        "祝日・休日は休みです。年末年始（12月29日〜1月3日の見込み。確認中です）は休みです。"
    ));

    // No source says the dial has a fax or an e-mail address: none is listed, not even
    // as unknown; the booking fax is said to be unknown, pointing to the phone.
    let online = get(&app, "/services/online/").await.body;
    assert!(!online.contains("<dt class=\"unknown\">"));
    let not_known = online
        .split("<section class=\"not-known\"")
        .nth(1)
        .expect("the page lists what is not known");
    assert!(not_known.contains("予約の申し込みに使うファックスの番号"));
    assert!(
        not_known.contains("href=\"tel:0357229363\""),
        "it points to the phone"
    );
    let ibasho = get(&app, "/services/ibasho/").await.body;
    assert!(ibasho.contains("どの月が何曜日になるかは確認中です。日程は電話でご確認ください。"));
    assert!(ibasho.contains("<dt>祝日や年末年始に重なるとき</dt>\n<dd>確認中です。"));
    let family = get(&app, "/services/family/").await.body;
    assert!(family.contains("毎月第2土曜日"));
    assert!(family.contains("時間は確認中です。"));
    assert!(family.contains("場所は確認中です。"));
    let tokyo = get(&app, "/services/tokyo-support-net/").await.body;
    assert!(tokyo.contains("href=\"tel:0120529528\""));
    assert!(tokyo.contains("<time datetime=\"10:00\">10時</time>"));
    assert!(tokyo.contains("年末年始（12月29日〜1月3日の見込み。確認中です）"));
    // A route that works without a voice call, in the contact block itself.
    let contact = &tokyo[tokyo.find("<section class=\"contact\"").unwrap()..];
    let contact = &contact[..contact.find("</section>").unwrap()];
    assert!(contact.contains("手話や筆談による相談"), "{contact}");
    assert!(contact.contains("メールでの相談"), "{contact}");

    let faq = get(&app, "/faq/").await.body;
    for id in ["cost", "anonymous", "family-only", "first-call"] {
        assert!(faq.contains(&format!("<h2 id=\"{id}\">")), "{id}");
    }
    for words in [
        "基本的に無料です",
        "通話料",
        "交通費",
        "ニックネーム",
        "ご家族だけで相談できます",
        "ひきこもりのことで相談したい",
    ] {
        assert!(faq.contains(words), "{words}");
    }

    let about = get(&app, "/about/").await.body;
    assert!(about.contains("madoguchi 編集チーム"));
    assert!(about.contains("<caption>窓口ごとの、情報源と照合した日と窓口に確認した日</caption>"));
    assert!(about.contains("<h2 id=\"all-sources\">このサイトの情報源</h2>"));
    assert!(about.contains("<a href=\"https://ja.wikipedia.org/wiki/"));
    // A source is cited by the page its fact is on; where that page's address is not
    // known, no site's top page stands in for it.
    assert!(!about.contains("<a href=\"https://hikikomori-tokyo.jp/\""));
    assert!(about.contains("hikikomori-tokyo.jp）の、利用方法のページ"));
    // The site says it is not the ward's own, and where the ward's own pages are.
    assert!(about.contains("目黒区や東京都の公式サイトではありません"));
    assert!(about.contains("https://www.city.meguro.tokyo.jp/"));
    // Eight services compared with their sources that day, and the five sources read
    // that day.
    assert_eq!(
        about.matches("<time datetime=\"2026-11-25\">").count(),
        8 + 5
    );
    assert!(about.contains("クッキーを使いません"));
}

/// `html` without the text of its `<cite>` elements.
fn without_citations(html: &str) -> String {
    common::without_elements(html, "<cite>", "</cite>")
}

/// Meguro's sources name a provider, and hours, only for some services: the open data and
/// the pages name them there and nowhere else (review 2026-11-30).
#[tokio::test]
async fn a_provider_and_hours_only_where_the_sources_give_them() {
    let app = app_at(BUNDLED, NOW);
    let hsds: Value = serde_json::from_str(&get(&app, "/api/v1/services.json").await.body).unwrap();
    // The services reached by the dial: the dial's hours only on the dial.
    for s in hsds["contents"].as_array().unwrap() {
        let weekly = s["schedules"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["freq"] == "WEEKLY")
            .count();
        let expected = usize::from(s["url"] == "http://127.0.0.1:3000/services/dial/");
        assert_eq!(weekly, expected, "{}", s["name"]);
    }
    for id in ["ibasho", "local-desks"] {
        let s = hsds["contents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["url"] == format!("http://127.0.0.1:3000/services/{id}/"))
            .unwrap();
        assert!(s.get("organization").is_none(), "{id}");
    }
    for (prefix, language) in [("", None), ("/en", Some("en")), ("/easy", Some("easy"))] {
        let provider = label(BUNDLED, language, "provider");
        let unknown = label(BUNDLED, language, "unknown_value");
        let ibasho = get(&app, &format!("{prefix}/services/ibasho/")).await.body;
        assert_eq!(fact(&ibasho, &provider), Some((unknown, true)), "{prefix}");
        // Several desks run by different bodies: no one is named for all of them.
        let desks = get(&app, &format!("{prefix}/services/local-desks/"))
            .await
            .body;
        assert_eq!(fact(&desks, &provider), None, "{prefix}");
        // A service a source does name keeps its provider.
        let dial = get(&app, &format!("{prefix}/services/dial/")).await.body;
        assert_eq!(fact(&dial, &provider).map(|(_, u)| u), Some(false));
    }
}

/// The fact of a service page's list of facts whose term reads `label`: what it says,
/// and whether it is marked as not known.
fn fact(html: &str, label: &str) -> Option<(String, bool)> {
    let facts = &html[html.find("<dl class=\"facts\">")?..];
    let facts = &facts[..facts.find("</dl>").unwrap()];
    for dt in facts.split("<dt").skip(1) {
        let (term, rest) = dt.split_once("</dt>").unwrap();
        let term = &term[term.find('>').unwrap() + 1..];
        if base_text(term) != label {
            continue;
        }
        let dd = &rest[rest.find("<dd").unwrap()..];
        let unknown = dd.starts_with("<dd class=\"unknown\"");
        let text = &dd[dd.find('>').unwrap() + 1..dd.find("</dd>").unwrap()];
        return Some((base_text(text), unknown));
    }
    None
}
