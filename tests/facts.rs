//! Every fact of the source document (`../shared/FACTS.md`, "From the seed") stands on
//! some page of the bundled site, and the facts that are not known are said to be unknown.
//! The phrases are the site's own words for each fact, looked for in what a reader sees.

mod common;

use common::{BUNDLED, app, get, sitemap_locs, visible_text};

async fn all_text() -> String {
    let app = app(BUNDLED);
    let sitemap = get(&app, "/sitemap.xml").await.body;
    let mut text = String::new();
    for loc in sitemap_locs(&sitemap) {
        let path = loc.split_once("://").unwrap().1;
        let path = &path[path.find('/').unwrap()..];
        text.push_str(&visible_text(&get(&app, path).await.body));
    }
    text
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
    let online = get(&app(BUNDLED), "/services/online/").await.body;
    let not_known = online
        .split("<section class=\"not-known\"")
        .nth(1)
        .expect("the online page lists what is not known");
    assert!(not_known.contains("予約の申し込みに使うファックスの番号"));
    assert!(text.contains("どの月が何曜日になるかは確認中です。日程は電話でご確認ください。"));
    // No fax number or e-mail address appears anywhere: none is known.
    assert!(!text.contains('@'));
    let html = get(&app(BUNDLED), "/services/online/").await.body;
    assert!(!html.contains("mailto:"));
}
