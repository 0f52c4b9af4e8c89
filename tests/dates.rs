//! How an event's dates are said in every output, seen from outside: pages,
//! `/api/v1/status.json` and the calendars. A date on a holiday is said by the event's
//! policy, the same in each. Engine behaviour on the fixture ward (and copies of it with
//! one field changed), at a fixed instant.

mod common;

use icalendar::{Calendar, CalendarComponent, Component};
use serde_json::Value;

use common::{ContentCopy, SAMPLE, app_at, base_text, get};

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

#[tokio::test]
async fn a_date_on_a_holiday_is_said_by_the_events_policy_everywhere() {
    let held = "A public holiday; it goes ahead.";
    let moved = "A public holiday; it moves to another day.";
    let unconfirmed = "A public holiday; please call to check.";
    for (policy, note) in [
        ("held", held),
        ("moved", moved),
        ("unconfirmed", unconfirmed),
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
        // The calendar says what the page says (it said "please call to check" for every
        // policy).
        let cal = vevents(&get(&app, "/calendar/cafe.ics").await.body);
        let ev = vevent(&cal, "cafe-20270203@desk.example.org").expect("3 February");
        let description = ev.get_description().unwrap();
        assert!(description.contains(note), "{policy}: {description}");
        for other in [held, moved, unconfirmed].iter().filter(|n| **n != note) {
            assert!(!description.contains(other), "{policy}: {description}");
        }
        // A date that is not on a holiday is not touched by the policy.
        let march = vevent(&cal, "cafe-20270303@desk.example.org").unwrap();
        assert!(!march.get_description().unwrap().contains("public holiday"));
        let status = json(&app, "/api/v1/status.json").await;
        let next = &status["events"][0]["next"][0];
        assert_eq!(next["start"], "2027-02-03T13:00:00+00:00");
        assert_eq!(next["on_holiday"], true);
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
