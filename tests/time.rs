//! The time-aware parts seen from outside: the open/closed state on the pages at given
//! instants (`serve --now`), the next dates of events, the status JSON, the calendars and
//! how long a cache may keep them.

mod common;

use axum::http::StatusCode;
use common::{BUNDLED, app_at, get};
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime, EventLike};

/// The dial's state line on the home page at `now`, as text.
async fn dial_state(now: &str) -> String {
    let html = get(&app_at(BUNDLED, now), "/").await.body;
    let start = html.find("<p class=\"status").expect("a state line");
    let end = start + html[start..].find("</p>").unwrap();
    common::visible_text(&html[start..end])
}

#[tokio::test]
async fn the_home_page_says_whether_the_dial_is_open_this_minute() {
    let table = [
        // Wednesday 25 November 2026.
        ("2026-11-25T08:29:00+09:00", "受付時間外 — 次は8時30分から"),
        ("2026-11-25T08:30:00+09:00", "受付中 — 17時まで"),
        ("2026-11-25T16:59:00+09:00", "受付中 — 17時まで"),
        (
            "2026-11-25T17:00:00+09:00",
            "受付時間外 — 次は11月26日(木) 8時30分から",
        ),
        // Saturday.
        (
            "2026-11-28T10:00:00+09:00",
            "受付時間外 — 次は11月30日(月) 8時30分から",
        ),
        // Each kind of holiday.
        (
            "2026-11-23T10:00:00+09:00",
            "受付時間外（勤労感謝の日） — 次は11月24日(火) 8時30分から",
        ),
        (
            "2026-05-06T10:00:00+09:00",
            "受付時間外（休日） — 次は5月7日(木) 8時30分から",
        ),
        (
            "2026-09-22T10:00:00+09:00",
            "受付時間外（休日） — 次は9月24日(木) 8時30分から",
        ),
        (
            "2027-03-22T10:00:00+09:00",
            "受付時間外（休日） — 次は3月23日(火) 8時30分から",
        ),
        // 年末年始: the next opening is the first weekday of January, in the next year.
        (
            "2026-12-29T10:00:00+09:00",
            "受付時間外（年末年始） — 次は2027年1月4日(月) 8時30分から",
        ),
        (
            "2026-12-30T10:00:00+09:00",
            "受付時間外（年末年始） — 次は2027年1月4日(月) 8時30分から",
        ),
        (
            "2027-01-03T10:00:00+09:00",
            "受付時間外（年末年始） — 次は1月4日(月) 8時30分から",
        ),
        // The same instant given in UTC is shown in Tokyo time.
        ("2026-11-25T01:00:00Z", "受付中 — 17時まで"),
        (
            "2026-11-25T08:00:00Z",
            "受付時間外 — 次は11月26日(木) 8時30分から",
        ),
    ];
    let mut wrong = Vec::new();
    for (now, expected) in table {
        let got = dial_state(now).await;
        if got != expected {
            wrong.push(format!("{now}: expected {expected}, got {got}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test]
async fn the_state_carries_a_machine_readable_time() {
    let html = get(&app_at(BUNDLED, "2026-12-30T10:00:00+09:00"), "/")
        .await
        .body;
    assert!(html.contains(
        "<p class=\"status status-closed\"><strong>受付時間外</strong>（年末年始） — 次は<time datetime=\"2027-01-04T08:30:00+09:00\">2027年1月4日(月) 8時30分</time>から</p>"
    ));
    let open = get(
        &app_at(BUNDLED, "2026-11-25T10:00:00+09:00"),
        "/services/dial/",
    )
    .await
    .body;
    assert!(open.contains(
        "<p class=\"status status-open\"><strong>受付中</strong> — <time datetime=\"2026-11-25T17:00:00+09:00\">17時</time>まで</p>"
    ));
}

#[tokio::test]
async fn every_contact_block_shows_its_own_lines_state() {
    // The Tokyo line keeps 10:00–17:00: closed at 09:00 while the ward's dial is open.
    let app = app_at(BUNDLED, "2026-11-25T09:00:00+09:00");
    let tokyo = get(&app, "/services/tokyo-support-net/").await.body;
    assert!(tokyo.contains("<strong>受付時間外</strong> — 次は<time datetime=\"2026-11-25T10:00:00+09:00\">10時</time>から"));
    let dial = get(&app, "/services/dial/").await.body;
    assert!(dial.contains("<strong>受付中</strong>"));
}

#[tokio::test]
async fn the_next_three_ibasho_dates_are_listed_with_the_caveat() {
    let html = get(&app_at(BUNDLED, "2026-11-25T10:00:00+09:00"), "/")
        .await
        .body;
    let dates = [
        (
            "2026-12-22T13:30:00+09:00",
            "12月22日(火) 13時30分〜16時30分",
        ),
        (
            "2027-01-24T13:30:00+09:00",
            "2027年1月24日(日) 13時30分〜16時30分",
        ),
        (
            "2027-02-23T13:30:00+09:00",
            "2027年2月23日(火) 13時30分〜16時30分",
        ),
    ];
    let mut at = 0;
    for (iso, text) in dates {
        let found = html[at..]
            .find(&format!("<time datetime=\"{iso}\">{text}</time>"))
            .unwrap_or_else(|| panic!("{text}"));
        at += found;
    }
    // The months are a guess: every date is marked as not confirmed.
    assert_eq!(
        html.matches("</time><span class=\"date-mark\">（未確認）</span>")
            .count(),
        3
    );
    // 2027-02-23 is 天皇誕生日: the policy is not confirmed, so the date says so.
    assert!(html.contains("16時30分</time><span class=\"date-mark\">（未確認）</span><span class=\"date-note\">祝日に重なります。開かれるかどうかは電話でご確認ください。</span>"));
    // The unconfirmed schedule is said right after the dates.
    let after_dates = &html[at..];
    let notice = after_dates.find("日程は電話でご確認ください").unwrap();
    assert!(notice < after_dates.find("</section>").unwrap());
    let page = get(
        &app_at(BUNDLED, "2026-11-25T10:00:00+09:00"),
        "/services/ibasho/",
    )
    .await
    .body;
    assert!(page.contains(
        "<time datetime=\"2026-12-22T13:30:00+09:00\">12月22日(火) 13時30分〜16時30分</time>"
    ));
    assert!(
        page.contains("<a href=\"/calendar/ibasho.ics\">カレンダーに追加（iCalendar形式）</a>")
    );
    assert!(page.contains("<a href=\"webcal://127.0.0.1:3000/calendar/ibasho.ics\">"));
}

#[tokio::test]
async fn a_date_in_progress_is_listed_until_it_ends() {
    let during = get(
        &app_at(BUNDLED, "2026-12-22T16:29:00+09:00"),
        "/services/ibasho/",
    )
    .await
    .body;
    assert!(during.contains("<time datetime=\"2026-12-22T13:30:00+09:00\">"));
    let after = get(
        &app_at(BUNDLED, "2026-12-22T16:30:00+09:00"),
        "/services/ibasho/",
    )
    .await
    .body;
    assert!(!after.contains("<time datetime=\"2026-12-22T13:30:00+09:00\">"));
}

#[tokio::test]
async fn the_family_group_dates_have_no_time() {
    let html = get(
        &app_at(BUNDLED, "2026-11-25T10:00:00+09:00"),
        "/services/family/",
    )
    .await
    .body;
    assert!(html.contains("<time datetime=\"2026-12-12\">12月12日(土)</time>"));
    assert!(html.contains("時間は確認中です。"));
}

#[tokio::test]
async fn a_cache_keeps_a_page_only_until_the_next_change() {
    let near_close = get(&app_at(BUNDLED, "2026-11-25T16:59:30+09:00"), "/").await;
    assert_eq!(
        near_close.cache_control.as_deref(),
        Some("public, max-age=30")
    );
    let quiet = get(&app_at(BUNDLED, "2026-11-25T12:00:00+09:00"), "/").await;
    assert_eq!(quiet.cache_control.as_deref(), Some("public, max-age=300"));
    let json = get(
        &app_at(BUNDLED, "2026-11-25T08:29:50+09:00"),
        "/api/v1/status.json",
    )
    .await;
    assert_eq!(json.cache_control.as_deref(), Some("public, max-age=10"));
}

fn status(json: &str) -> serde_json::Value {
    serde_json::from_str(json).expect("status.json parses")
}

#[tokio::test]
async fn status_json_says_the_instant_it_describes_in_tokyo_time() {
    let reply = get(
        &app_at(BUNDLED, "2026-11-25T01:00:00Z"),
        "/api/v1/status.json",
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.content_type, "application/json");
    let s = status(&reply.body);
    assert_eq!(s["as_of"], "2026-11-25T10:00:00+09:00");
    // こころといのちのほっとライン opens at 12:00 that day: nothing in the document holds
    // past it.
    assert_eq!(s["valid_until"], "2026-11-25T12:00:00+09:00");
    assert!(
        s.get("now").is_none(),
        "no field claims to be the time of the answer"
    );
}

#[tokio::test]
async fn status_json_contacts_field_by_field() {
    let body = get(
        &app_at(BUNDLED, "2026-11-25T10:00:00+09:00"),
        "/api/v1/status.json",
    )
    .await
    .body;
    let s = status(&body);
    let dial = &s["contacts"][0];
    assert_eq!(dial["id"], "dial");
    assert_eq!(dial["name"], "ひきこもり相談専用ダイヤル");
    assert_eq!(dial["phone"], "03-5722-9363");
    assert_eq!(dial["open"], true);
    assert_eq!(dial["closes_at"], "2026-11-25T17:00:00+09:00");
    assert_eq!(dial["next_open"], serde_json::Value::Null);
    let closed = status(
        &get(
            &app_at(BUNDLED, "2026-12-30T10:00:00+09:00"),
            "/api/v1/status.json",
        )
        .await
        .body,
    );
    let dial = &closed["contacts"][0];
    assert_eq!(dial["open"], false);
    assert_eq!(dial["closes_at"], serde_json::Value::Null);
    assert_eq!(dial["next_open"], "2027-01-04T08:30:00+09:00");
    // The two service lines, then the eight urgent help lines.
    assert_eq!(s["contacts"].as_array().unwrap().len(), 10);
    assert_eq!(s["contacts"][0]["kind"], "service");
}

#[tokio::test]
async fn status_json_events_field_by_field() {
    let body = get(
        &app_at(BUNDLED, "2026-11-25T10:00:00+09:00"),
        "/api/v1/status.json",
    )
    .await
    .body;
    let s = status(&body);
    let ibasho = &s["events"][0];
    assert_eq!(ibasho["id"], "ibasho");
    assert_eq!(ibasho["name"], "めぐろのいばしょ");
    assert_eq!(ibasho["confirmed"], false);
    let next = ibasho["next"].as_array().unwrap();
    assert_eq!(next.len(), 3);
    assert_eq!(next[0]["start"], "2026-12-22T13:30:00+09:00");
    assert_eq!(next[0]["end"], "2026-12-22T16:30:00+09:00");
    assert_eq!(next[0]["all_day"], false);
    assert_eq!(next[2]["on_holiday"], true);
    let ripple = &s["events"][1];
    assert_eq!(ripple["next"][0]["start"], "2026-12-12T00:00:00+09:00");
    assert_eq!(ripple["next"][0]["end"], "2026-12-13T00:00:00+09:00");
    assert_eq!(ripple["next"][0]["all_day"], true);
}

async fn calendar(path: &str) -> (String, Calendar) {
    let reply = get(&app_at(BUNDLED, "2026-11-25T10:00:00+09:00"), path).await;
    assert_eq!(reply.status, StatusCode::OK, "{path}");
    assert_eq!(reply.content_type, "text/calendar; charset=utf-8");
    let parsed: Calendar = reply.body.parse().expect("the calendar parses back");
    (reply.body, parsed)
}

fn events(cal: &Calendar) -> Vec<&icalendar::Event> {
    cal.components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn the_ibasho_calendar_parses_back_field_by_field() {
    let (text, cal) = calendar("/calendar/ibasho.ics").await;
    // RFC 5545: CRLF line ends, no line over 75 octets, the required properties.
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "every line ends with CRLF"
    );
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    assert_eq!(cal.property_value("VERSION"), Some("2.0"));
    assert_eq!(
        cal.property_value("PRODID"),
        Some("-//madoguchi//madoguchi//EN")
    );
    let evs = events(&cal);
    // Twelve months from November 2026: December to October, one date a month.
    assert_eq!(evs.len(), 11);
    let first = evs[0];
    assert_eq!(first.get_uid(), Some("ibasho-20261222@127.0.0.1"));
    assert_eq!(first.get_summary(), Some("めぐろのいばしょ（未確認）"));
    // 13:30–16:30 in Tokyo is 04:30–07:30 UTC.
    let start = first.get_start().unwrap();
    let end = first.get_end().unwrap();
    assert_eq!(
        format!("{start:?}"),
        format!(
            "{:?}",
            DatePerhapsTime::from(
                "2026-12-22T04:30:00Z"
                    .parse::<chrono::DateTime<chrono::Utc>>()
                    .unwrap()
            )
        )
    );
    assert_eq!(
        format!("{end:?}"),
        format!(
            "{:?}",
            DatePerhapsTime::from(
                "2026-12-22T07:30:00Z"
                    .parse::<chrono::DateTime<chrono::Utc>>()
                    .unwrap()
            )
        )
    );
    assert!(text.contains("DTSTART:20261222T043000Z\r\n"));
    assert_eq!(first.property_value("STATUS"), Some("TENTATIVE"));
    assert!(first.get_timestamp().is_some(), "DTSTAMP");
    assert_eq!(
        first.get_url(),
        Some("http://127.0.0.1:3000/services/ibasho/")
    );
    assert!(
        first
            .get_location()
            .unwrap()
            .contains("目黒区総合庁舎 本館")
    );
    assert!(
        first
            .get_description()
            .unwrap()
            .contains("日程は電話でご確認ください")
    );
    // UIDs are unique and stable.
    let mut uids: Vec<&str> = evs.iter().map(|e| e.get_uid().unwrap()).collect();
    uids.dedup();
    assert_eq!(uids.len(), 11);
    let (again, _) = calendar("/calendar/ibasho.ics").await;
    assert_eq!(again, text);
}

#[tokio::test]
async fn the_site_calendar_has_every_event_and_whole_day_dates() {
    let (text, cal) = calendar("/calendar.ics").await;
    let evs = events(&cal);
    let ripple: Vec<_> = evs
        .iter()
        .filter(|e| e.get_uid().unwrap().starts_with("ripple-"))
        .collect();
    // Second Saturdays from December 2026 to October 2027 (14 November has passed).
    assert_eq!(ripple.len(), 11);
    assert!(text.contains("DTSTART;VALUE=DATE:20261212\r\n"));
    assert_eq!(ripple[0].property_value("STATUS"), Some("CONFIRMED"));
    assert_eq!(evs.len(), 11 + 11);
}

#[tokio::test]
async fn an_unknown_calendar_is_a_404_page() {
    let app = app_at(BUNDLED, "2026-11-25T10:00:00+09:00");
    for path in [
        "/calendar/nope.ics",
        "/calendar/ibasho",
        "/calendar/ibasho.txt",
    ] {
        let reply = get(&app, path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert!(reply.body.contains("ページが見つかりません"));
    }
}

#[test]
fn a_bad_now_is_refused_with_a_clear_message() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["serve", "--now", "next tuesday"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is not an RFC 3339 instant such as 2026-12-30T10:00:00+09:00"),
        "{stderr}"
    );
}
