//! The time-aware parts seen from outside, on the fixture ward (Europe/London): the
//! open/closed state on the pages at given instants (`serve --now`), across the changes
//! of the clocks too, the next dates of events, the status JSON, the calendars and how
//! long a cache may keep them.

mod common;

use axum::http::StatusCode;
use common::{SAMPLE, app_at, get};
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime, EventLike};

/// The state line of the first contact block on `path` at `now`, as text.
async fn state(now: &str, path: &str) -> String {
    let html = get(&app_at(SAMPLE, now), path).await.body;
    let start = html.find("<p class=\"status").expect("a state line");
    let end = start + html[start..].find("</p>").unwrap();
    common::visible_text(&html[start..end])
}

/// Every instant of `table` whose state line on `path` is not the one expected.
async fn wrong_states(path: &str, table: &[(&str, &str)]) -> Vec<String> {
    let mut wrong = Vec::new();
    for (now, expected) in table {
        let got = state(now, path).await;
        if got != *expected {
            wrong.push(format!("{now}: expected {expected}, got {got}"));
        }
    }
    wrong
}

#[tokio::test]
async fn the_home_page_says_whether_the_line_is_open_this_minute() {
    let table = [
        // Wednesday 25 November 2026: London is on GMT, UTC+0.
        ("2026-11-25T08:59:00Z", "Closed now - opens 9 am"),
        ("2026-11-25T09:00:00Z", "Open now - until 5 pm"),
        ("2026-11-25T16:59:00Z", "Open now - until 5 pm"),
        ("2026-11-25T17:00:00Z", "Closed now - opens Thu 26 Nov 9 am"),
        // Saturday.
        ("2026-11-28T10:00:00Z", "Closed now - opens Mon 30 Nov 9 am"),
        // Each kind of national holiday (the engine's holidays are Japan's).
        (
            "2026-11-23T10:00:00Z",
            "Closed now (勤労感謝の日) - opens Tue 24 Nov 9 am",
        ),
        (
            "2026-05-06T10:00:00Z",
            "Closed now (休日) - opens Thu 7 May 9 am",
        ),
        (
            "2026-09-22T10:00:00Z",
            "Closed now (休日) - opens Thu 24 Sep 9 am",
        ),
        (
            "2027-03-22T10:00:00Z",
            "Closed now (休日) - opens Tue 23 Mar 9 am",
        ),
        // The winter break: the next opening is the first weekday of January, in the
        // next year.
        (
            "2026-12-29T10:00:00Z",
            "Closed now (Winter break) - opens Mon 4 Jan 2027 9 am",
        ),
        (
            "2026-12-30T10:00:00Z",
            "Closed now (Winter break) - opens Mon 4 Jan 2027 9 am",
        ),
        // A holiday inside the break is named as the holiday.
        (
            "2027-01-01T10:00:00Z",
            "Closed now (元日) - opens Mon 4 Jan 9 am",
        ),
        ("2027-01-03T10:00:00Z", "Closed now - opens Mon 4 Jan 9 am"),
        // The same instant given with another offset is shown in London time…
        ("2026-11-25T19:00:00+09:00", "Open now - until 5 pm"),
        (
            "2026-11-26T02:00:00+09:00",
            "Closed now - opens Thu 26 Nov 9 am",
        ),
        // …and in summer, London time is UTC+1.
        ("2026-07-01T08:00:00Z", "Open now - until 5 pm"),
        ("2026-07-01T07:59:00Z", "Closed now - opens 9 am"),
        ("2026-07-01T16:00:00Z", "Closed now - opens Thu 2 Jul 9 am"),
    ];
    let wrong = wrong_states("/", &table).await;
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// National holidays are known for 2019–2030 (`schedule::holidays`); on a holiday
/// outside those years a line keeps its weekly hours, as on any other day.
#[tokio::test]
async fn outside_the_years_of_known_holidays_a_line_keeps_its_weekly_hours() {
    let table = [
        // 勤労感謝の日 2018, a Friday; 成人の日 2031, a Monday.
        ("2018-11-23T10:00:00Z", "Open now - until 5 pm"),
        ("2031-01-13T10:00:00Z", "Open now - until 5 pm"),
        // The day before: the next opening is the holiday itself.
        ("2031-01-10T18:00:00Z", "Closed now - opens Mon 13 Jan 9 am"),
        // Yearly closures still hold.
        (
            "2030-12-31T10:00:00Z",
            "Closed now (Winter break) - opens Thu 2 Jan 2031 9 am",
        ),
    ];
    let wrong = wrong_states("/", &table).await;
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test]
async fn the_state_carries_a_machine_readable_time() {
    let html = get(&app_at(SAMPLE, "2026-12-30T10:00:00Z"), "/").await.body;
    assert!(html.contains(
        "<p class=\"status status-closed\"><strong>Closed now</strong> (Winter break) - opens <time datetime=\"2027-01-04T09:00:00+00:00\">Mon 4 Jan 2027 9 am</time></p>"
    ));
    let open = get(&app_at(SAMPLE, "2026-11-25T10:00:00Z"), "/services/line/")
        .await
        .body;
    assert!(open.contains(
        "<p class=\"status status-open\"><strong>Open now</strong> - until <time datetime=\"2026-11-25T17:00:00+00:00\">5 pm</time></p>"
    ));
    // The Japanese edition says the same in its own words.
    let ja = get(
        &app_at(SAMPLE, "2026-11-25T10:00:00Z"),
        "/ja/services/line/",
    )
    .await
    .body;
    assert!(ja.contains(
        "<p class=\"status status-open\"><strong>受付中</strong> — <time datetime=\"2026-11-25T17:00:00+00:00\">17時</time>まで</p>"
    ));
}

#[tokio::test]
async fn every_contact_block_shows_its_own_lines_state() {
    // The late line keeps 10:00–20:00: closed at 09:30 while the support line is open.
    let app = app_at(SAMPLE, "2026-11-25T09:30:00Z");
    let visits = get(&app, "/services/visits/").await.body;
    assert!(visits.contains(
        "<strong>Closed now</strong> - opens <time datetime=\"2026-11-25T10:00:00+00:00\">10 am</time>"
    ));
    let line = get(&app, "/services/line/").await.body;
    assert!(line.contains("<strong>Open now</strong>"));
}

#[tokio::test]
async fn the_next_three_dates_are_listed_with_the_caveat() {
    let html = get(&app_at(SAMPLE, "2026-11-25T10:00:00Z"), "/").await.body;
    let dates = [
        ("2026-12-22T13:30:00+00:00", "Tue 22 Dec 1:30–4:30 pm"),
        ("2027-01-24T13:30:00+00:00", "Sun 24 Jan 2027 1:30–4:30 pm"),
        ("2027-02-23T13:30:00+00:00", "Tue 23 Feb 2027 1:30–4:30 pm"),
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
        html.matches("</time><span class=\"date-mark\"> (to be confirmed)</span>")
            .count(),
        3
    );
    // 2027-02-23 is a national holiday: the policy is not confirmed, so the date says so.
    assert!(html.contains(
        "4:30 pm</time><span class=\"date-mark\"> (to be confirmed)</span><span class=\"date-note\">A public holiday; please call to check.</span>"
    ));
    // The unconfirmed schedule is said right after the dates.
    let after_dates = &html[at..];
    let notice = after_dates
        .find("Which months fall on which day is not confirmed. Please call to check the dates.")
        .unwrap();
    assert!(notice < after_dates.find("</section>").unwrap());
    let page = get(&app_at(SAMPLE, "2026-11-25T10:00:00Z"), "/services/walk/")
        .await
        .body;
    assert!(
        page.contains(
            "<time datetime=\"2026-12-22T13:30:00+00:00\">Tue 22 Dec 1:30–4:30 pm</time>"
        )
    );
    assert!(page.contains("<a href=\"/calendar/walk.ics\">Add to calendar (iCalendar)</a>"));
    assert!(page.contains("<a href=\"webcal://desk.example.org/calendar/walk.ics\">"));
    // In Japanese, with the Japanese date format.
    let ja = get(
        &app_at(SAMPLE, "2026-11-25T10:00:00Z"),
        "/ja/services/walk/",
    )
    .await
    .body;
    assert!(ja.contains(
        "<time datetime=\"2027-01-24T13:30:00+00:00\">2027年1月24日(日) 13時30分〜16時30分</time>"
    ));
}

#[tokio::test]
async fn a_date_in_progress_is_listed_until_it_ends() {
    let during = get(&app_at(SAMPLE, "2026-12-22T16:29:00Z"), "/services/walk/")
        .await
        .body;
    assert!(during.contains("<time datetime=\"2026-12-22T13:30:00+00:00\">"));
    let after = get(&app_at(SAMPLE, "2026-12-22T16:30:00Z"), "/services/walk/")
        .await
        .body;
    assert!(!after.contains("<time datetime=\"2026-12-22T13:30:00+00:00\">"));
}

#[tokio::test]
async fn the_family_group_dates_have_no_time() {
    let html = get(&app_at(SAMPLE, "2026-11-25T10:00:00Z"), "/services/family/")
        .await
        .body;
    assert!(html.contains("<time datetime=\"2026-12-12\">Sat 12 Dec</time>"));
    assert!(html.contains("Time not confirmed yet. Please call."));
}

#[tokio::test]
async fn a_cache_keeps_a_page_only_until_the_next_change() {
    let near_close = get(&app_at(SAMPLE, "2026-11-25T16:59:30Z"), "/").await;
    assert_eq!(
        near_close.cache_control.as_deref(),
        Some("public, max-age=30")
    );
    let quiet = get(&app_at(SAMPLE, "2026-11-25T12:00:00Z"), "/").await;
    assert_eq!(quiet.cache_control.as_deref(), Some("public, max-age=300"));
    let json = get(
        &app_at(SAMPLE, "2026-11-25T08:59:50Z"),
        "/api/v1/status.json",
    )
    .await;
    assert_eq!(json.cache_control.as_deref(), Some("public, max-age=10"));
}

fn status(json: &str) -> serde_json::Value {
    serde_json::from_str(json).expect("status.json parses")
}

/// The item of `list` (`contacts` or `events` of the status JSON) with `id`.
fn item<'a>(s: &'a serde_json::Value, list: &str, id: &str) -> &'a serde_json::Value {
    s[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {list}"))
}

#[tokio::test]
async fn status_json_says_the_instant_it_describes_in_the_sites_time() {
    let reply = get(
        &app_at(SAMPLE, "2026-11-25T10:00:00+09:00"),
        "/api/v1/status.json",
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.content_type, "application/json");
    let s = status(&reply.body);
    assert_eq!(s["as_of"], "2026-11-25T01:00:00+00:00");
    // The line opens at 9:00 that day: nothing in the document holds past it.
    assert_eq!(s["valid_until"], "2026-11-25T09:00:00+00:00");
    assert!(
        s.get("now").is_none(),
        "no field claims to be the time of the answer"
    );
}

#[tokio::test]
async fn status_json_contacts_field_by_field() {
    let body = get(
        &app_at(SAMPLE, "2026-11-25T10:00:00Z"),
        "/api/v1/status.json",
    )
    .await
    .body;
    let s = status(&body);
    let line = &s["contacts"][0];
    assert_eq!(line["id"], "line");
    assert_eq!(line["name"], "Support line");
    assert_eq!(line["phone"], "01234-567890");
    assert_eq!(line["open"], true);
    assert_eq!(line["closes_at"], "2026-11-25T17:00:00+00:00");
    assert_eq!(line["next_open"], serde_json::Value::Null);
    let closed = status(
        &get(
            &app_at(SAMPLE, "2026-12-30T10:00:00Z"),
            "/api/v1/status.json",
        )
        .await
        .body,
    );
    let line = &closed["contacts"][0];
    assert_eq!(line["open"], false);
    assert_eq!(line["closes_at"], serde_json::Value::Null);
    assert_eq!(line["next_open"], "2027-01-04T09:00:00+00:00");
    assert_eq!(s["contacts"].as_array().unwrap().len(), 2);
    assert_eq!(s["contacts"][0]["kind"], "service");
}

#[tokio::test]
async fn status_json_events_field_by_field() {
    let body = get(
        &app_at(SAMPLE, "2026-11-25T10:00:00Z"),
        "/api/v1/status.json",
    )
    .await
    .body;
    let s = status(&body);
    assert_eq!(s["events"].as_array().unwrap().len(), 3);
    let walk = item(&s, "events", "walk");
    assert_eq!(walk["name"], "Walking group");
    assert_eq!(walk["confirmed"], false);
    let next = walk["next"].as_array().unwrap();
    assert_eq!(next.len(), 3);
    assert_eq!(next[0]["start"], "2026-12-22T13:30:00+00:00");
    assert_eq!(next[0]["end"], "2026-12-22T16:30:00+00:00");
    assert_eq!(next[0]["all_day"], false);
    assert_eq!(next[0]["on_holiday"], false);
    assert_eq!(next[2]["on_holiday"], true);
    let group = item(&s, "events", "group");
    assert_eq!(group["confirmed"], true);
    assert_eq!(group["next"][0]["start"], "2026-12-12T00:00:00+00:00");
    assert_eq!(group["next"][0]["end"], "2026-12-13T00:00:00+00:00");
    assert_eq!(group["next"][0]["all_day"], true);
    let cafe = item(&s, "events", "cafe");
    assert_eq!(cafe["next"][0]["start"], "2026-12-02T13:00:00+00:00");
}

async fn calendar(path: &str) -> (String, Calendar) {
    let reply = get(&app_at(SAMPLE, "2026-11-25T10:00:00Z"), path).await;
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

/// `t` (RFC 3339, UTC) as the calendar crate reads a date-time.
fn utc(t: &str) -> String {
    format!(
        "{:?}",
        DatePerhapsTime::from(t.parse::<chrono::DateTime<chrono::Utc>>().unwrap())
    )
}

#[tokio::test]
async fn the_walk_calendar_parses_back_field_by_field() {
    let (text, cal) = calendar("/calendar/walk.ics").await;
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
    assert_eq!(first.get_uid(), Some("walk-20261222@desk.example.org"));
    assert_eq!(first.get_summary(), Some("Walking group (to be confirmed)"));
    // 13:30–16:30 in London in December is 13:30–16:30 UTC…
    assert_eq!(
        format!("{:?}", first.get_start().unwrap()),
        utc("2026-12-22T13:30:00Z")
    );
    assert_eq!(
        format!("{:?}", first.get_end().unwrap()),
        utc("2026-12-22T16:30:00Z")
    );
    assert!(text.contains("DTSTART:20261222T133000Z\r\n"));
    // …and in June, on summer time, 12:30–15:30 UTC.
    let june = evs
        .iter()
        .find(|e| e.get_uid() == Some("walk-20270622@desk.example.org"))
        .expect("the 4th Tuesday of June 2027");
    assert_eq!(
        format!("{:?}", june.get_start().unwrap()),
        utc("2027-06-22T12:30:00Z")
    );
    assert_eq!(
        format!("{:?}", june.get_end().unwrap()),
        utc("2027-06-22T15:30:00Z")
    );
    assert_eq!(first.property_value("STATUS"), Some("TENTATIVE"));
    assert!(first.get_timestamp().is_some(), "DTSTAMP");
    assert_eq!(
        first.get_url(),
        Some("https://desk.example.org/services/walk/")
    );
    assert!(
        first
            .get_location()
            .unwrap()
            .contains("Sample Town Hall First floor")
    );
    assert!(
        first
            .get_description()
            .unwrap()
            .contains("Which months fall on which day is not confirmed.")
    );
    // UIDs are unique and stable.
    let mut uids: Vec<&str> = evs.iter().map(|e| e.get_uid().unwrap()).collect();
    uids.dedup();
    assert_eq!(uids.len(), 11);
    let (again, _) = calendar("/calendar/walk.ics").await;
    assert_eq!(again, text);
}

#[tokio::test]
async fn the_site_calendar_has_every_event_and_whole_day_dates() {
    let (text, cal) = calendar("/calendar.ics").await;
    let evs = events(&cal);
    let count = |prefix: &str| {
        evs.iter()
            .filter(|e| e.get_uid().unwrap().starts_with(prefix))
            .count()
    };
    let group: Vec<_> = evs
        .iter()
        .filter(|e| e.get_uid().unwrap().starts_with("group-"))
        .collect();
    // Second Saturdays from December 2026 to October 2027 (14 November has passed).
    assert_eq!(group.len(), 11);
    assert!(text.contains("DTSTART;VALUE=DATE:20261212\r\n"));
    assert_eq!(group[0].property_value("STATUS"), Some("CONFIRMED"));
    // First Wednesdays from December to November, less the two on holidays (5 May and
    // 3 November 2027), which the cafe skips.
    assert_eq!(count("cafe-"), 10);
    assert!(!text.contains("UID:cafe-20270505@"));
    assert_eq!(evs.len(), 11 + 11 + 10);
}

#[tokio::test]
async fn an_unknown_calendar_is_a_404_page() {
    let app = app_at(SAMPLE, "2026-11-25T10:00:00Z");
    for path in ["/calendar/nope.ics", "/calendar/walk", "/calendar/walk.txt"] {
        let reply = get(&app, path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert!(reply.body.contains("Page not found"));
    }
}

/// The clocks go forward at 01:00 UTC on 28 March 2027 (GMT to BST) and back at 01:00
/// UTC on 25 October 2026. The late line keeps 10:00–20:00 every day, local time.
#[tokio::test]
async fn a_change_of_the_clocks_keeps_local_hours() {
    let table = [
        // Before the spring change, the same day's opening is in summer time.
        (
            "2027-03-28T00:30:00Z",
            "Closed now - opens 10 am",
            "2027-03-28T10:00:00+01:00",
        ),
        (
            "2027-03-28T01:00:00Z",
            "Closed now - opens 10 am",
            "2027-03-28T10:00:00+01:00",
        ),
        (
            "2027-03-28T09:00:00Z",
            "Open now - until 8 pm",
            "2027-03-28T20:00:00+01:00",
        ),
        // The night before: opens tomorrow at 10, which is 09:00 UTC.
        (
            "2027-03-27T20:30:00Z",
            "Closed now - opens Sun 28 Mar 10 am",
            "2027-03-28T10:00:00+01:00",
        ),
        // The hour from 01:00 BST comes twice in autumn; both times it is closed.
        (
            "2026-10-25T00:30:00Z",
            "Closed now - opens 10 am",
            "2026-10-25T10:00:00+00:00",
        ),
        (
            "2026-10-25T01:30:00Z",
            "Closed now - opens 10 am",
            "2026-10-25T10:00:00+00:00",
        ),
        (
            "2026-10-24T18:59:00Z",
            "Open now - until 8 pm",
            "2026-10-24T20:00:00+01:00",
        ),
        (
            "2026-10-25T19:59:00Z",
            "Open now - until 8 pm",
            "2026-10-25T20:00:00+00:00",
        ),
    ];
    let mut wrong = Vec::new();
    for (now, text, iso) in table {
        let got = state(now, "/services/visits/").await;
        if got != text {
            wrong.push(format!("{now}: expected {text}, got {got}"));
        }
        let s = status(&get(&app_at(SAMPLE, now), "/api/v1/status.json").await.body);
        let late = item(&s, "contacts", "late");
        let when = if late["open"] == true {
            &late["closes_at"]
        } else {
            &late["next_open"]
        };
        if when != iso {
            wrong.push(format!("{now}: status.json says {when}, expected {iso}"));
        }
    }
    // The hours table is in local time whatever the season.
    for now in ["2027-03-28T00:30:00Z", "2027-03-28T09:00:00Z"] {
        let html = get(&app_at(SAMPLE, now), "/services/visits/").await.body;
        assert!(html.contains(
            "<td><time datetime=\"10:00\">10 am</time>–<time datetime=\"20:00\">8 pm</time></td>"
        ));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test]
async fn the_next_opening_across_a_change_of_the_clocks() {
    let friday_evening = [
        // Friday 17:00 GMT: the line opens on Monday at 09:00 BST, 08:00 UTC.
        ("2027-03-26T17:00:00Z", "2027-03-29T09:00:00+01:00"),
        // Friday 17:00 BST: Monday at 09:00 GMT.
        ("2026-10-23T16:00:00Z", "2026-10-26T09:00:00+00:00"),
    ];
    for (now, next) in friday_evening {
        let s = status(&get(&app_at(SAMPLE, now), "/api/v1/status.json").await.body);
        assert_eq!(item(&s, "contacts", "line")["next_open"], next, "{now}");
        let html = get(&app_at(SAMPLE, now), "/services/line/").await.body;
        assert!(
            html.contains(&format!("<time datetime=\"{next}\">")),
            "{now}"
        );
    }
    // An event on the day the clocks go forward keeps its local time.
    let s = status(
        &get(
            &app_at(SAMPLE, "2027-03-27T12:00:00Z"),
            "/api/v1/status.json",
        )
        .await
        .body,
    );
    let walk = &item(&s, "events", "walk")["next"][0];
    assert_eq!(walk["start"], "2027-03-28T13:30:00+01:00");
    assert_eq!(walk["end"], "2027-03-28T16:30:00+01:00");
    // The open data gives the line's hours with the offset of the moment.
    for (now, offset) in [
        ("2027-03-28T00:30:00Z", "+00:00"),
        ("2027-03-28T01:30:00Z", "+01:00"),
    ] {
        let services: serde_json::Value = serde_json::from_str(
            &get(&app_at(SAMPLE, now), "/api/v1/services.json")
                .await
                .body,
        )
        .unwrap();
        let line = services["contents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == "Support line")
            .unwrap();
        assert_eq!(
            line["schedules"][0]["opens_at"],
            format!("09:00{offset}"),
            "{now}"
        );
    }
}

/// Around each change of the clocks, a cache may keep a page for a time that is never
/// negative and never past the next change.
#[tokio::test]
async fn max_age_around_a_change_of_the_clocks() {
    let mut wrong = Vec::new();
    for (now, expected) in [
        // 09:59 BST on the day of the spring change: the late line opens in a minute.
        ("2027-03-28T08:59:00Z", "public, max-age=60"),
        // Half a minute before the clocks go forward: the change of UTC offset is a
        // change of the documents (status.json's times), so nothing is kept past it.
        ("2027-03-28T00:59:30Z", "public, max-age=30"),
        ("2027-03-28T01:00:00Z", "public, max-age=300"),
        // 09:59 GMT on the day of the autumn change.
        ("2026-10-25T09:59:00Z", "public, max-age=60"),
        ("2026-10-25T00:59:30Z", "public, max-age=30"),
        ("2026-10-25T01:00:00Z", "public, max-age=300"),
        // 19:59 local the evening before each change: the late line closes.
        ("2027-03-27T19:59:00Z", "public, max-age=60"),
        ("2026-10-24T18:59:00Z", "public, max-age=60"),
    ] {
        let reply = get(&app_at(SAMPLE, now), "/").await;
        if reply.cache_control.as_deref() != Some(expected) {
            wrong.push(format!("{now}: {:?}", reply.cache_control));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
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
