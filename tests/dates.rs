//! How an event's dates are said in every output, seen from outside: pages (the service
//! page and the home page's next event, in every language, on screen and on paper),
//! `/api/v1/status.json`, the calendars and the JSON-LD. A date that is not confirmed is
//! marked on the date itself; a date on a holiday is said by the event's policy; a date
//! without times is a whole day that ends on the next day. Engine behaviour on the
//! fixture ward (and copies of it with one field changed), at a fixed instant; the
//! bundled site for what every language shows.

mod common;

use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, CalendarComponent, CalendarDateTime, Component, DatePerhapsTime};
use serde_json::Value;

use common::{BUNDLED, ContentCopy, SAMPLE, app_at, base_text, get, label};

/// In London (UTC+0 in winter): the cafe's next first Wednesdays are 3 February,
/// 3 March and 7 April 2027.
const NOW: &str = "2027-01-10T12:00:00+00:00";

/// The fixture ward with its events file changed by `edit`.
fn with_events(tag: &str, edit: impl Fn(String) -> String) -> ContentCopy {
    ContentCopy::new(SAMPLE, tag, |name, text| {
        if name == "events.toml" {
            edit(text)
        } else {
            text
        }
    })
}

/// The cafe with holiday policy `policy` and a closure over 3 February.
fn cafe_with_closure(policy: &str) -> ContentCopy {
    with_events(&format!("closure-{policy}"), |text| {
        text.replace(
            "on_holiday = \"skipped\"",
            &format!("on_holiday = \"{policy}\""),
        ) + "\n[[event.closure]]\nname = \"Half term\"\nfrom = \"02-01\"\nto = \"02-05\"\n"
    })
}

/// The `<li>` items of the first list of dates on a page.
fn date_items(html: &str) -> Vec<&str> {
    let list = &html[html.find("<ul class=\"dates\">").expect("a list of dates")..];
    let list = &list[..list.find("</ul>").unwrap()];
    list.split("<li>")
        .skip(1)
        .map(|li| &li[..li.find("</li>").unwrap()])
        .collect()
}

/// The text of the `<span class="{class}">` in `li`, as a reader sees it.
fn span(li: &str, class: &str) -> Option<String> {
    let open = format!("<span class=\"{class}\">");
    let at = li.find(&open)?;
    let rest = &li[at + open.len()..];
    Some(base_text(&rest[..rest.find("</span>").unwrap()]))
}

/// Every VEVENT of a calendar, parsed back by the `icalendar` crate.
fn vevents(text: &str) -> Vec<icalendar::Event> {
    let cal: Calendar = text.parse().expect("the calendar parses back");
    cal.components
        .into_iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

fn vevent<'a>(events: &'a [icalendar::Event], uid: &str) -> Option<&'a icalendar::Event> {
    events.iter().find(|e| e.get_uid() == Some(uid))
}

async fn json(app: &axum::Router, path: &str) -> Value {
    serde_json::from_str(&get(app, path).await.body).unwrap()
}

/// The JSON-LD data block of the page's first event.
fn event_jsonld(html: &str) -> Value {
    let block = html
        .split("<script type=\"application/ld+json\">")
        .nth(2)
        .expect("an event block");
    serde_json::from_str(&block[..block.find("</script>").unwrap()]).unwrap()
}

#[tokio::test]
async fn a_date_on_a_holiday_is_said_by_the_events_policy_everywhere() {
    let held = "A public holiday; it goes ahead.";
    let moved = "A public holiday; it moves to another day.";
    let unconfirmed = "A public holiday; please call to check.";
    for (policy, note, confirmed) in [
        ("held", held, true),
        ("moved", moved, false),
        ("unconfirmed", unconfirmed, false),
    ] {
        let copy = cafe_with_closure(policy);
        let app = app_at(&copy.dir, NOW);
        let html = get(&app, "/services/cafe/").await.body;
        let first = date_items(&html)[0];
        assert!(
            first.contains("datetime=\"2027-02-03T13:00:00+00:00\""),
            "{first}"
        );
        assert_eq!(span(first, "date-note").as_deref(), Some(note), "{policy}");
        assert_eq!(span(first, "date-mark").is_none(), confirmed, "{policy}");
        // The calendar says what the page says (it said "please call to check" for every
        // policy), and a date that may not take place there is tentative.
        let cal = vevents(&get(&app, "/calendar/cafe.ics").await.body);
        let ev = vevent(&cal, "cafe-20270203@desk.example.org").expect("3 February");
        let description = ev.get_description().unwrap();
        assert!(description.contains(note), "{policy}: {description}");
        for other in [held, moved, unconfirmed].iter().filter(|n| **n != note) {
            assert!(!description.contains(other), "{policy}: {description}");
        }
        let (status, summary) = if confirmed {
            ("CONFIRMED", "Drop-in cafe")
        } else {
            ("TENTATIVE", "Drop-in cafe (to be confirmed)")
        };
        assert_eq!(ev.property_value("STATUS"), Some(status), "{policy}");
        assert_eq!(ev.get_summary(), Some(summary), "{policy}");
        // A date that is not on a holiday is not touched by the policy.
        let march = vevent(&cal, "cafe-20270303@desk.example.org").unwrap();
        assert_eq!(march.property_value("STATUS"), Some("CONFIRMED"));
        assert!(!march.get_description().unwrap().contains("public holiday"));
        let status = json(&app, "/api/v1/status.json").await;
        let next = &status["events"][0]["next"][0];
        assert_eq!(next["start"], "2027-02-03T13:00:00+00:00");
        assert_eq!(next["on_holiday"], true);
        assert_eq!(next["confirmed"], confirmed, "{policy}");
        // Search engines are given the date as scheduled only when it is.
        let ld = event_jsonld(&html);
        assert_eq!(ld.get("startDate").is_some(), confirmed, "{policy}: {ld:#}");
    }
    // Skipped: the date is left out everywhere.
    let copy = cafe_with_closure("skipped");
    let app = app_at(&copy.dir, NOW);
    let html = get(&app, "/services/cafe/").await.body;
    assert!(date_items(&html)[0].contains("datetime=\"2027-03-03T13:00:00+00:00\""));
    assert!(!html.contains("2027-02-03"));
    let cal = vevents(&get(&app, "/calendar/cafe.ics").await.body);
    assert!(vevent(&cal, "cafe-20270203@desk.example.org").is_none());
    let status = json(&app, "/api/v1/status.json").await;
    assert_eq!(
        status["events"][0]["next"][0]["start"],
        "2027-03-03T13:00:00+00:00"
    );
}

#[tokio::test]
async fn a_date_from_an_unconfirmed_rule_is_marked_wherever_it_appears() {
    let copy = with_events("unconfirmed", |text| {
        text.replace("confirmed = true", "confirmed = false")
    });
    for (dir, confirmed) in [(SAMPLE, true), (copy.dir.as_str(), false)] {
        let app = app_at(dir, NOW);
        let mark = (!confirmed).then(|| " (to be confirmed)".to_string());
        // The service page and the home page's next event.
        for path in ["/services/cafe/", "/"] {
            let html = get(&app, path).await.body;
            let items = date_items(&html);
            assert_eq!(items.len(), 3, "{path}");
            for li in items {
                assert_eq!(span(li, "date-mark"), mark, "{path}: {li}");
            }
        }
        let status = json(&app, "/api/v1/status.json").await;
        let cafe = &status["events"][0];
        assert_eq!(cafe["confirmed"], confirmed);
        let next = cafe["next"].as_array().unwrap();
        assert_eq!(next.len(), 3);
        assert!(next.iter().all(|d| d["confirmed"] == confirmed));
        let cal = vevents(&get(&app, "/calendar/cafe.ics").await.body);
        assert!(cal.len() >= 3);
        for ev in &cal {
            let summary = ev.get_summary().unwrap();
            let status = ev.property_value("STATUS").unwrap();
            let description = ev.get_description().unwrap();
            let says_unconfirmed = description.contains("Which months fall on which day");
            if confirmed {
                assert_eq!((summary, status), ("Drop-in cafe", "CONFIRMED"));
                assert!(!says_unconfirmed);
            } else {
                assert_eq!(
                    (summary, status),
                    ("Drop-in cafe (to be confirmed)", "TENTATIVE")
                );
                assert!(says_unconfirmed, "{description}");
            }
        }
        // JSON-LD: a scheduled start only for a confirmed date; the recurrence always.
        let ld = event_jsonld(&get(&app, "/services/cafe/").await.body);
        assert_eq!(ld["eventSchedule"][0]["byMonthWeek"], 1);
        if confirmed {
            assert_eq!(ld["startDate"], next[0]["start"]);
            assert_eq!(ld["endDate"], next[0]["end"]);
            assert_eq!(ld["eventStatus"], "https://schema.org/EventScheduled");
        } else {
            for key in ["startDate", "endDate", "eventStatus"] {
                assert!(ld.get(key).is_none(), "{key}: {ld:#}");
            }
        }
    }
}

#[tokio::test]
async fn a_date_without_times_is_a_whole_day_that_ends_the_next_day() {
    let copy = with_events("no-times", |text| {
        text.replace("starts = \"13:00\"\n", "")
            .replace("ends = \"15:30\"\n", "")
    });
    let app = app_at(&copy.dir, NOW);
    let html = get(&app, "/services/cafe/").await.body;
    assert!(date_items(&html)[0].starts_with("<time datetime=\"2027-02-03\">Wed 3/2</time>"));
    assert!(html.contains("Time not confirmed yet. Please call."));
    let text = get(&app, "/calendar/cafe.ics").await.body;
    assert!(text.contains("DTSTART;VALUE=DATE:20270203\r\n"), "{text}");
    assert!(text.contains("DTEND;VALUE=DATE:20270204\r\n"), "{text}");
    let cal = vevents(&text);
    let ev = vevent(&cal, "cafe-20270203@desk.example.org").unwrap();
    assert!(
        ev.get_description()
            .unwrap()
            .contains("Time not confirmed yet. Please call.")
    );
    let status = json(&app, "/api/v1/status.json").await;
    let next = &status["events"][0]["next"][0];
    assert_eq!(next["all_day"], true);
    assert_eq!(next["start"], "2027-02-03T00:00:00+00:00");
    assert_eq!(next["end"], "2027-02-04T00:00:00+00:00");
}

/// The start and end of a VEVENT as the same kind of value, for comparing.
#[derive(Debug, PartialEq, PartialOrd)]
enum When {
    Day(NaiveDate),
    Instant(DateTime<Utc>),
}

fn when(d: DatePerhapsTime) -> When {
    match d {
        DatePerhapsTime::Date(day) => When::Day(day),
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(t)) => When::Instant(t),
        DatePerhapsTime::DateTime(other) => panic!("times are written in UTC: {other:?}"),
    }
}

#[tokio::test]
async fn every_calendar_parses_and_every_date_ends_after_it_starts() {
    let no_times = with_events("no-times-all", |text| {
        text.replace("starts = \"13:00\"\n", "")
            .replace("ends = \"15:30\"\n", "")
    });
    let cases = [
        (BUNDLED, "/calendar.ics"),
        (BUNDLED, "/calendar/ibasho.ics"),
        (BUNDLED, "/calendar/ripple.ics"),
        (SAMPLE, "/calendar.ics"),
        (no_times.dir.as_str(), "/calendar.ics"),
    ];
    for (dir, path) in cases {
        let reply = get(&app_at(dir, NOW), path).await;
        assert_eq!(reply.status, 200, "{path}");
        let events = vevents(&reply.body);
        assert!(!events.is_empty(), "{dir}{path}");
        for ev in events {
            let uid = ev.get_uid().unwrap().to_string();
            let start = when(ev.get_start().expect("DTSTART"));
            let end = when(ev.get_end().expect("DTEND"));
            // Both whole days or both instants, and the end after the start (RFC 5545:
            // a whole day ends on the next day).
            assert_eq!(
                std::mem::discriminant(&start),
                std::mem::discriminant(&end),
                "{uid}"
            );
            assert!(end > start, "{uid}: {start:?} to {end:?}");
            if let (When::Day(from), When::Day(to)) = (&start, &end) {
                assert_eq!(from.succ_opt().as_ref(), Some(to), "{uid}");
            }
        }
    }
}

#[tokio::test]
async fn unconfirmed_dates_are_marked_in_every_language_on_screen_and_on_paper() {
    let app = app_at(BUNDLED, "2026-11-25T10:00:00+09:00");
    for (prefix, language) in [("", None), ("/en", Some("en")), ("/easy", Some("easy"))] {
        // The mark is the language's own, in its own brackets.
        let mark = label(BUNDLED, language, "aside")
            .replace("{text}", "")
            .replace("{note}", &label(BUNDLED, language, "date_not_confirmed"));
        // The home page's next event and the service page: めぐろのいばしょ's months
        // are not confirmed.
        for path in [format!("{prefix}/"), format!("{prefix}/services/ibasho/")] {
            let html = get(&app, &path).await.body;
            let items = date_items(&html);
            assert_eq!(items.len(), 3, "{path}");
            for li in items {
                assert_eq!(span(li, "date-mark").as_ref(), Some(&mark), "{path}: {li}");
            }
        }
        // The family group's dates are confirmed: no mark.
        let family = get(&app, &format!("{prefix}/services/family/")).await.body;
        for li in date_items(&family) {
            assert_eq!(span(li, "date-mark"), None, "{prefix}: {li}");
        }
    }
    // On paper the dates and their marks stay: print hides neither.
    let css =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/site.css")).unwrap();
    let print = &css[css.find("@media print").unwrap()..];
    for rule in print.split('}') {
        if let Some((selectors, body)) = rule.split_once('{')
            && body.contains("display: none")
        {
            for hidden in ["date-mark", ".dates", "date-note"] {
                assert!(!selectors.contains(hidden), "print hides {hidden}");
            }
        }
    }
}
