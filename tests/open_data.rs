//! Open data: `/api/v1/services.json` (Open Referral HSDS 3.0), checked against the
//! official JSON Schemas (kept in `tests/fixtures/hsds/`) with format checking on; and the
//! schema.org JSON-LD of every service page. Field by field on the fixture ward; both the
//! fixture ward and the bundled content must validate.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use common::{BUNDLED, ContentCopy, SAMPLE, app_at, get, hsds_service, path_of, sitemap_locs};

const NOW: &str = "2026-11-25T10:00:00Z";
/// The official schemas, kept in the repository (see its README.md).
const HSDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hsds");

/// A JSON file, gunzipped first when its name ends in `.gz`.
fn read_json(path: &Path) -> Value {
    let bytes = std::fs::read(path)
        .unwrap_or_else(|e| panic!("{} should be readable: {e}", path.display()));
    let text = if path.extension().is_some_and(|e| e == "gz") {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut text)
            .unwrap();
        text
    } else {
        String::from_utf8(bytes).unwrap()
    };
    serde_json::from_str(&text).unwrap()
}

/// A validator of `schema` (draft 2020-12, as the HSDS schemas are written) that checks
/// `format` too: `uuid`, `uri`, `email`, `date-time`. The schemas have no `$ref`, so
/// nothing is fetched.
fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema compiles")
}

fn service_validator() -> jsonschema::Validator {
    validator(&read_json(&Path::new(HSDS).join("service.json.gz")))
}

/// The `Page` object of the HSDS OpenAPI document, which the `/services` response is.
fn page_validator() -> jsonschema::Validator {
    let openapi = read_json(&Path::new(HSDS).join("openapi.json"));
    let mut page = openapi["components"]["schemas"]["Page"].clone();
    page["required"] = serde_json::json!([
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents"
    ]);
    validator(&page)
}

/// A change that makes a valid service invalid.
type Breaks = fn(&mut Value);

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance).map(|e| e.to_string()).collect()
}

async fn services_json(dir: &str, now: &str) -> Value {
    let reply = get(&app_at(dir, now), "/api/v1/services.json").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.content_type, "application/json");
    serde_json::from_str(&reply.body).expect("services.json parses")
}

/// The service pages of the default language the sitemap lists, as absolute URLs.
async fn service_urls(dir: &str) -> Vec<String> {
    let sitemap = get(&app_at(dir, NOW), "/sitemap.xml").await.body;
    sitemap_locs(&sitemap)
        .into_iter()
        .filter(|loc| path_of(loc).starts_with("/services/"))
        .collect()
}

/// A service's schedules of one `freq` (`WEEKLY` hours, `MONTHLY` events).
fn schedules<'a>(service: &'a Value, freq: &str) -> Vec<&'a Value> {
    service["schedules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["freq"] == freq)
        .collect()
}

#[tokio::test]
async fn services_json_is_one_page_of_every_service() {
    for dir in [BUNDLED, SAMPLE] {
        let page = services_json(dir, NOW).await;
        let expected = service_urls(dir).await;
        let n = expected.len();
        assert!(n > 0);
        assert_eq!(page["total_items"], n, "{dir}");
        assert_eq!(page["total_pages"], 1);
        assert_eq!(page["page_number"], 1);
        assert_eq!(page["size"], n);
        assert_eq!(page["first_page"], true);
        assert_eq!(page["last_page"], true);
        assert_eq!(page["empty"], false);
        let contents = page["contents"].as_array().unwrap();
        assert_eq!(contents.len(), n);
        // In the order of the pages, each pointing at its page.
        let urls: Vec<&str> = contents
            .iter()
            .map(|s| s["url"].as_str().unwrap())
            .collect();
        assert_eq!(urls, expected);
        assert_eq!(errors(&page_validator(), &page), Vec::<String>::new());
    }
}

#[tokio::test]
async fn every_service_is_a_valid_hsds_service() {
    let v = service_validator();
    for dir in [BUNDLED, SAMPLE] {
        let page = services_json(dir, NOW).await;
        for s in page["contents"].as_array().unwrap() {
            assert_eq!(errors(&v, s), Vec::<String>::new(), "{dir}: {}", s["name"]);
            // HSDS types these as dates only in its data-package metadata, not as a JSON
            // Schema format, so they are checked here.
            let date = s["assured_date"].as_str().unwrap();
            assert!(date.parse::<jiff::civil::Date>().is_ok(), "{date}");
            for schedule in s["schedules"].as_array().unwrap() {
                if let Some(d) = schedule.get("dtstart") {
                    assert!(d.as_str().unwrap().parse::<jiff::civil::Date>().is_ok());
                }
            }
        }
    }
}

#[tokio::test]
async fn the_validator_rejects_broken_services() {
    let v = service_validator();
    let page = services_json(SAMPLE, NOW).await;
    let good = hsds_service(&page, "Walking group").clone();
    assert!(v.is_valid(&good));
    let broken: Vec<(&str, Breaks)> = vec![
        ("id not a uuid", |s| s["id"] = "walk".into()),
        ("nested id not a uuid", |s| {
            s["schedules"][0]["id"] = "1234".into()
        }),
        ("url not a uri", |s| s["url"] = "not a url".into()),
        ("no name", |s| {
            s.as_object_mut().unwrap().remove("name");
        }),
        ("unknown status", |s| s["status"] = "open".into()),
        ("timezone as a name", |s| {
            s["schedules"][0]["timezone"] = "Europe/London".into()
        }),
        ("freq outside the enum", |s| {
            s["schedules"][0]["freq"] = "BIMONTHLY".into()
        }),
        ("address without its city", |s| {
            let address = &mut s["service_at_locations"][0]["location"]["addresses"][0];
            address.as_object_mut().unwrap().remove("city");
        }),
        ("organization without a description", |s| {
            s["organization"] = serde_json::json!({
                "id": "6f1a1c2e-0000-5000-8000-000000000000",
                "name": "A body"
            });
        }),
    ];
    for (what, breaks) in broken {
        let mut s = good.clone();
        breaks(&mut s);
        assert!(
            !v.is_valid(&s),
            "the validator accepted a service with {what}"
        );
    }
}

/// Every object with an `id` in the document, by id.
fn objects_by_id(v: &Value, out: &mut BTreeMap<String, Vec<Value>>) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(id)) = map.get("id") {
                out.entry(id.clone()).or_default().push(v.clone());
            }
            map.values().for_each(|x| objects_by_id(x, out));
        }
        Value::Array(items) => items.iter().for_each(|x| objects_by_id(x, out)),
        _ => {}
    }
}

#[tokio::test]
async fn ids_are_stable_and_name_one_thing_each() {
    let first = services_json(SAMPLE, NOW).await;
    // Another load of the same content, at another instant.
    let second = services_json(SAMPLE, "2027-03-01T20:00:00Z").await;
    let mut a = BTreeMap::new();
    objects_by_id(&first, &mut a);
    let mut b = BTreeMap::new();
    objects_by_id(&second, &mut b);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    // Services, phones, schedules, locations, addresses, organizations, …
    assert!(a.len() > 30, "{} ids", a.len());
    for (id, objects) in &a {
        let uuid = uuid::Uuid::parse_str(id).unwrap();
        assert_eq!(uuid.get_version_num(), 5, "{id}");
        // An id that appears twice is the same thing (an organization nested in each of
        // its services, a building shared by two services), never two things.
        assert!(
            objects.iter().all(|o| o == &objects[0]),
            "{id} names different objects: {objects:#?}"
        );
    }
    let service_ids: Vec<&str> = first["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    let unique: std::collections::BTreeSet<&str> = service_ids.iter().copied().collect();
    assert_eq!(unique.len(), service_ids.len());
    // Another site (another base URL) gets other ids for its own content ids.
    let bundled = services_json(BUNDLED, "2026-11-25T10:00:00+09:00").await;
    let mut c = BTreeMap::new();
    objects_by_id(&bundled, &mut c);
    assert!(c.keys().all(|id| !a.contains_key(id)));
}

#[tokio::test]
async fn a_line_and_its_hours() {
    let page = services_json(SAMPLE, NOW).await;
    let line = hsds_service(&page, "Support line");
    assert_eq!(line["url"], "https://desk.example.org/services/line/");
    assert_eq!(line["status"], "active");
    // The newer of its two checks: confirmed with the office on 2 February.
    assert_eq!(line["assured_date"], "2026-02-02");
    assert_eq!(line["fees_description"], "Free.");
    assert_eq!(line["eligibility_description"], "You, Family");
    assert_eq!(line["phones"].as_array().unwrap().len(), 2);
    assert_eq!(line["phones"][0]["number"], "01234-567890");
    assert_eq!(line["phones"][0]["type"], "voice");
    assert_eq!(line["phones"][0]["service_id"], line["id"]);
    assert_eq!(line["email"], "desk@example.org");
    let hours = &line["schedules"][0];
    assert_eq!(line["schedules"].as_array().unwrap().len(), 1);
    assert_eq!(hours["freq"], "WEEKLY");
    assert_eq!(hours["byday"], "MO,TU,WE,TH,FR");
    assert_eq!(hours["opens_at"], "09:00+00:00");
    assert_eq!(hours["closes_at"], "17:00+00:00");
    assert_eq!(hours["timezone"], 0);
    assert_eq!(hours["service_id"], line["id"]);
    assert_eq!(
        hours["notes"],
        "Closed: public holidays, Winter break (24 Dec to 1 Jan)"
    );
    assert_eq!(line["organization"]["name"], "Sample Ward");
    assert_eq!(line["organization_id"], line["organization"]["id"]);
    assert_eq!(line["service_areas"][0]["name"], "Sample Ward");
    // A line whose e-mail address is not known gives none, and a service with no place
    // has no location made up for it.
    let visits = hsds_service(&page, "Home visits");
    assert!(visits.get("email").is_none());
    assert_eq!(visits["phones"].as_array().unwrap().len(), 1);
    assert!(visits.get("service_at_locations").is_none());
    // Its line's hours are the line's, not the visits': said with the phone.
    assert!(
        visits
            .get("schedules")
            .is_none_or(|s| s.as_array().unwrap().is_empty())
    );
    assert!(
        visits["phones"][0]["description"]
            .as_str()
            .unwrap()
            .contains("Closed: New Year (probably 31 Dec to 1 Jan; not confirmed)")
    );
}

#[tokio::test]
async fn an_event_every_other_month_on_unconfirmed_months() {
    let page = services_json(SAMPLE, NOW).await;
    let walk = hsds_service(&page, "Walking group");
    let monthly: Vec<&Value> = walk["schedules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["freq"] == "MONTHLY")
        .collect();
    assert_eq!(monthly.len(), 2);
    let byday: Vec<&str> = monthly
        .iter()
        .map(|s| s["byday"].as_str().unwrap())
        .collect();
    assert_eq!(byday, ["4TU", "4SU"]);
    for s in &monthly {
        assert_eq!(s["interval"], 2);
        assert_eq!(s["opens_at"], "13:30+00:00");
        assert_eq!(s["closes_at"], "16:30+00:00");
        // The months are a guess: no first date fixes them, and the notes say so.
        assert!(s.get("dtstart").is_none());
        assert!(
            s["notes"]
                .as_str()
                .unwrap()
                .contains("Which months fall on which day is not confirmed.")
        );
    }
    let location = &walk["service_at_locations"][0]["location"];
    assert_eq!(location["name"], "Sample Town Hall, first floor");
    assert_eq!(location["location_type"], "physical");
    assert_eq!(
        location["transportation"],
        "about 3 minutes' walk from Example Central"
    );
    let address = &location["addresses"][0];
    assert_eq!(address["address_1"], "1 Example Street");
    assert_eq!(address["address_2"], "First floor, Welfare desk");
    assert_eq!(address["city"], "Sample Ward");
    assert_eq!(address["state_province"], "Sampleshire");
    // Inherited from the place it is part of.
    assert_eq!(address["postal_code"], "AB1 2CD");
    assert_eq!(address["country"], "GB");
    assert_eq!(address["location_id"], location["id"]);
}

#[tokio::test]
async fn what_the_content_does_not_give_is_left_out() {
    // The town hall has an address but not in parts, and the cafe meets on confirmed
    // months without a start month; London is UTC+0 in November.
    let page = services_json(SAMPLE, NOW).await;
    let cafe = hsds_service(&page, "Drop-in cafe");
    let location = &cafe["service_at_locations"][0]["location"];
    assert!(location.get("addresses").is_none());
    // Written as the language writes an address: in English the postcode comes last.
    assert_eq!(location["description"], "1 Example Street AB1 2CD");
    let monthly = schedules(cafe, "MONTHLY")[0];
    assert_eq!(monthly["byday"], "1WE");
    assert_eq!(monthly["interval"], 1);
    assert_eq!(monthly["timezone"], 0);
    assert_eq!(monthly["opens_at"], "13:00+00:00");
    let line = hsds_service(&page, "Support line");
    assert_eq!(line["email"], "desk@example.org");
    let types: Vec<&str> = line["phones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["voice", "fax"]);
    // Summer time moves the offset with it.
    let summer = services_json(SAMPLE, "2027-07-01T10:00:00+01:00").await;
    let hours = &hsds_service(&summer, "Support line")["schedules"][0];
    assert_eq!(hours["timezone"], 1);
    assert_eq!(hours["opens_at"], "09:00+01:00");
}

#[tokio::test]
async fn confirmed_months_give_the_first_date() {
    let copy = ContentCopy::new(SAMPLE, "confirmed", |name, text| {
        if name == "events.toml" {
            text.replace("confirmed = false", "confirmed = true")
        } else {
            text
        }
    });
    let page = services_json(&copy.dir, NOW).await;
    let html = get(&app_at(&copy.dir, NOW), "/services/walk/").await.body;
    let dtstart: Vec<&str> = hsds_service(&page, "Walking group")["schedules"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s.get("dtstart"))
        .map(|d| d.as_str().unwrap())
        .collect();
    // The 4th Tuesday of the first Tuesday month, the 4th Sunday of the first Sunday month.
    assert_eq!(dtstart, ["2026-12-22", "2027-01-24"]);
    let event = &jsonld(&html)[1];
    let starts: Vec<&Value> = event["eventSchedule"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["startDate"])
        .collect();
    assert_eq!(starts, ["2026-12-22", "2027-01-24"]);
    assert!(
        !event["description"]
            .as_str()
            .unwrap()
            .contains("not confirmed")
    );
}

/// The parsed JSON-LD data blocks of a page, in order.
fn jsonld(html: &str) -> Vec<Value> {
    html.split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|rest| {
            let text = rest.split("</script>").next().unwrap();
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
        })
        .collect()
}

/// The text between the first `start` after `from` and the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let rest = &html[html.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len()..];
    &rest[..rest.find(end).unwrap()]
}

/// The channel of a service's JSON-LD that has `key` (`servicePhone`, `serviceLocation`).
fn channel<'a>(service: &'a Value, key: &str) -> Option<&'a Value> {
    service["availableChannel"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c.get(key).is_some())
}

#[tokio::test]
async fn every_service_page_describes_itself_as_a_service() {
    for dir in [BUNDLED, SAMPLE] {
        let app = app_at(dir, NOW);
        let hsds = services_json(dir, NOW).await;
        for url in service_urls(dir).await {
            let path = path_of(&url);
            let html = get(&app, path).await.body;
            let head = &html[..html.find("</head>").unwrap()];
            let blocks = jsonld(head);
            assert!(!blocks.is_empty(), "{path}");
            assert_eq!(jsonld(&html).len(), blocks.len(), "all in the head: {path}");
            let s = &blocks[0];
            assert_eq!(s["@context"], "https://schema.org", "{path}");
            assert_eq!(s["name"], between(&html, "<h1>", "</h1>"), "{path}");
            assert_eq!(s["url"], url);
            let from_hsds = hsds["contents"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["url"] == s["url"])
                .unwrap();
            // A provider only where the content names one, the same in both: and only
            // then a government service.
            match from_hsds.get("organization") {
                Some(org) => {
                    assert_eq!(s["@type"], "GovernmentService", "{path}");
                    assert_eq!(s["provider"]["@type"], "GovernmentOrganization");
                    assert_eq!(s["provider"]["name"], org["name"]);
                }
                None => {
                    assert_eq!(s["@type"], "Service", "{path}");
                    assert!(s.get("provider").is_none(), "{path}");
                    assert!(s.get("areaServed").is_none(), "{path}");
                }
            }
            // The phone is the one the page's contact block dials, with the line's hours.
            let tel = between(&html, "<p class=\"dial\"><a href=\"tel:", "\"");
            let shown = between(&html, "<span class=\"dial-number\">", "</span>");
            let phone_channel = channel(s, "servicePhone").expect("a phone channel");
            assert_eq!(phone_channel["@type"], "ServiceChannel");
            let phone = &phone_channel["servicePhone"];
            assert_eq!(phone["@type"], "ContactPoint");
            assert_eq!(phone["telephone"], shown, "{path}");
            let digits: String = phone["telephone"]
                .as_str()
                .unwrap()
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            assert_eq!(digits, tel, "{path}");
            for hours in phone["hoursAvailable"].as_array().unwrap() {
                assert_eq!(hours["@type"], "OpeningHoursSpecification");
                assert!(!hours["dayOfWeek"].as_array().unwrap().is_empty());
            }
            // The service's own hours only where the open data has them too.
            let weekly = schedules(from_hsds, "WEEKLY").len();
            assert_eq!(
                s.get("hoursAvailable")
                    .map_or(0, |h| h.as_array().unwrap().len()),
                weekly,
                "{path}"
            );
            // A place where the service has one, and none made up where it has not.
            assert_eq!(
                channel(s, "serviceLocation").is_some(),
                from_hsds.get("service_at_locations").is_some(),
                "{path}"
            );
            for e in &blocks[1..] {
                assert_eq!(e["@context"], "https://schema.org");
                assert_eq!(e["@type"], "Event");
                assert_eq!(e["url"], s["url"]);
            }
        }
    }
}

#[tokio::test]
async fn a_line_page_gives_its_hours() {
    let app = app_at(SAMPLE, NOW);
    let html = get(&app, "/services/line/").await.body;
    let blocks = jsonld(&html);
    assert_eq!(blocks.len(), 1);
    let s = &blocks[0];
    assert_eq!(s["areaServed"]["name"], "Sample Ward");
    let weekdays = serde_json::json!([{
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": [
            "https://schema.org/Monday",
            "https://schema.org/Tuesday",
            "https://schema.org/Wednesday",
            "https://schema.org/Thursday",
            "https://schema.org/Friday"
        ],
        "opens": "09:00",
        "closes": "17:00"
    }]);
    // The support line is a phone line: its hours are the service's and the line's.
    assert_eq!(s["hoursAvailable"], weekdays);
    let phone = &channel(s, "servicePhone").unwrap()["servicePhone"];
    assert_eq!(phone["telephone"], "01234-567890");
    assert_eq!(phone["hoursAvailable"], weekdays);
    assert_eq!(
        channel(s, "serviceLocation").unwrap()["serviceLocation"]["name"],
        "Sample Town Hall, first floor"
    );
    // A service with no place has none in its description either.
    let visits = &jsonld(&get(&app, "/services/visits/").await.body)[0];
    assert!(channel(visits, "serviceLocation").is_none());
    assert_eq!(
        channel(visits, "servicePhone").unwrap()["servicePhone"]["telephone"],
        "01234-567892"
    );
}

#[tokio::test]
async fn services_reached_by_the_line_do_not_take_its_hours() {
    let app = app_at(SAMPLE, NOW);
    for path in ["/services/cafe/", "/services/family/", "/services/walk/"] {
        let s = &jsonld(&get(&app, path).await.body)[0];
        assert!(s.get("hoursAvailable").is_none(), "{path}");
        // The line's hours stay with the line.
        let phone = &channel(s, "servicePhone").unwrap()["servicePhone"];
        assert_eq!(phone["telephone"], "01234-567890");
        assert!(phone.get("hoursAvailable").is_some(), "{path}");
        // The place is a channel of its own, with no hours.
        if let Some(place) = channel(s, "serviceLocation") {
            assert!(place.get("hoursAvailable").is_none(), "{path}");
            assert!(place.get("servicePhone").is_none(), "{path}");
        }
    }
}

#[tokio::test]
async fn an_event_page_carries_its_event() {
    let app = app_at(SAMPLE, NOW);
    let blocks = jsonld(&get(&app, "/services/walk/").await.body);
    assert_eq!(blocks.len(), 2);
    let place = &channel(&blocks[0], "serviceLocation").unwrap()["serviceLocation"];
    assert_eq!(place["name"], "Sample Town Hall, first floor");
    assert_eq!(place["address"]["postalCode"], "AB1 2CD");
    let e = &blocks[1];
    assert_eq!(e["name"], "Walking group");
    // The months are a guess: no date is given as scheduled, only the recurrence.
    for unknown in ["startDate", "endDate", "eventStatus"] {
        assert!(e.get(unknown).is_none(), "{unknown}");
    }
    let schedules = e["eventSchedule"].as_array().unwrap();
    assert_eq!(schedules.len(), 2);
    for (s, day) in schedules
        .iter()
        .zip(["https://schema.org/Tuesday", "https://schema.org/Sunday"])
    {
        assert_eq!(s["@type"], "Schedule");
        assert_eq!(s["byDay"], day);
        assert_eq!(s["byMonthWeek"], 4);
        assert_eq!(s["repeatFrequency"], "P2M");
        assert_eq!(s["startTime"], "13:30");
        assert_eq!(s["endTime"], "16:30");
        assert_eq!(s["scheduleTimezone"], "Europe/London");
        // The months are not confirmed: no first date fixes them.
        assert!(s.get("startDate").is_none());
    }
    assert!(
        e["description"]
            .as_str()
            .unwrap()
            .contains("Which months fall on which day is not confirmed.")
    );
    assert_eq!(e["isAccessibleForFree"], true);
    assert_eq!(e["location"]["name"], "Sample Town Hall, first floor");
    assert_eq!(e["location"]["address"]["addressLocality"], "Sample Ward");
    assert_eq!(e["organizer"]["@type"], "GovernmentOrganization");
    assert_eq!(e["organizer"]["name"], "Sample Ward");

    // The family group: its dates are confirmed, its time, place, organizer and cost are
    // not known, so not given.
    let family = jsonld(&get(&app, "/services/family/").await.body);
    let group = &family[1];
    assert_eq!(group["name"], "Family group");
    assert_eq!(group["startDate"], "2026-12-12");
    assert_eq!(group["eventStatus"], "https://schema.org/EventScheduled");
    assert_eq!(group["eventSchedule"][0]["byMonthWeek"], 2);
    assert_eq!(group["eventSchedule"][0]["repeatFrequency"], "P1M");
    for unknown in ["location", "organizer", "isAccessibleForFree", "endDate"] {
        assert!(group.get(unknown).is_none(), "{unknown}");
    }
    assert!(group["eventSchedule"][0].get("startTime").is_none());
    assert!(
        group["description"]
            .as_str()
            .unwrap()
            .contains("Time not confirmed yet. Please call.")
    );
}

#[tokio::test]
async fn a_name_cannot_break_out_of_the_data_block() {
    let evil = "Support line </script><script>alert(1)</script> <!-- & -->";
    let copy = ContentCopy::new(SAMPLE, "breakout", |name, text| {
        if name == "services.toml" {
            text.replacen("name = \"Support line\"", &format!("name = \"{evil}\""), 1)
        } else {
            text
        }
    });
    let app = app_at(&copy.dir, NOW);
    let html = get(&app, "/services/line/").await.body;
    let page = services_json(&copy.dir, NOW).await;
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<!--"));
    // Every script element is a data block and ends where it should.
    let opened = html.matches("<script").count();
    assert_eq!(opened, 1);
    assert_eq!(html.matches("</script>").count(), opened);
    let block = between(&html, "<script type=\"application/ld+json\">", "</script>");
    assert!(block.contains("\\u003c/script\\u003e"));
    assert_eq!(jsonld(&html)[0]["name"], evil);
    // The page itself shows the name escaped, and the open data carries it as it is.
    assert!(
        html.contains("<h1>Support line &#60;/script&#62;"),
        "{html}"
    );
    assert_eq!(hsds_service(&page, evil)["name"], evil);
}

/// The values of the fact `label` on a service page (`<dt>label</dt><dd>…</dd>`), and
/// whether it is marked as not known; `None` when the page has no such fact.
fn fact(html: &str, label: &str) -> Option<(String, bool)> {
    let facts = between(html, "<dl class=\"facts\">", "</dl>");
    for dt in facts.split("<dt").skip(1) {
        let (term, rest) = dt.split_once("</dt>").unwrap();
        let term = &term[term.find('>').unwrap() + 1..];
        if common::base_text(term) != label {
            continue;
        }
        let dd = &rest[rest.find("<dd").unwrap()..];
        let unknown = dd.starts_with("<dd class=\"unknown\"");
        let text = &dd[dd.find('>').unwrap() + 1..dd.find("</dd>").unwrap()];
        return Some((common::base_text(text), unknown));
    }
    None
}

#[tokio::test]
async fn cost_is_said_the_same_way_on_the_page_and_in_the_open_data() {
    // English: the note is a second sentence, after a space (it was "Free.You pay…").
    let page = services_json(SAMPLE, NOW).await;
    let cafe = hsds_service(&page, "Drop-in cafe");
    assert_eq!(cafe["fees_description"], "Free. You pay your own bus fare.");
    let html = get(&app_at(SAMPLE, NOW), "/services/cafe/").await.body;
    let (cost, _) = fact(&html, "Cost").unwrap();
    assert_eq!(cost, cafe["fees_description"].as_str().unwrap());
    // Japanese runs the sentences together.
    let page = services_json(BUNDLED, NOW).await;
    for s in page["contents"].as_array().unwrap() {
        let fees = s["fees_description"].as_str().unwrap();
        assert!(!fees.contains("。 "), "{fees}");
    }
}

#[tokio::test]
async fn a_service_has_only_its_own_hours_and_its_line_keeps_the_lines() {
    let page = services_json(SAMPLE, NOW).await;
    // The support line is the phone line: the hours are its own.
    let line = hsds_service(&page, "Support line");
    let weekly = schedules(line, "WEEKLY");
    assert_eq!(weekly.len(), 1);
    assert_eq!(weekly[0]["service_id"], line["id"]);
    assert_eq!(weekly[0]["byday"], "MO,TU,WE,TH,FR");
    // The cafe is reached by that line, but the line's hours are not the cafe's: its only
    // schedule is its own meeting, at the meeting's times.
    let cafe = hsds_service(&page, "Drop-in cafe");
    let all = cafe["schedules"].as_array().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["freq"], "MONTHLY");
    assert_eq!(all[0]["opens_at"], "13:00+00:00");
    // HSDS gives a phone no schedule: the line's hours are said in its description.
    let phone = &cafe["phones"][0];
    assert_eq!(phone["number"], "01234-567890");
    let description = phone["description"].as_str().unwrap();
    for part in [
        "Support line:",
        "Opening hours (weekdays): Monday to Friday 9 am–5 pm",
        "Closed: public holidays, Winter break (24 Dec to 1 Jan)",
        "Calls cost your usual rate.",
    ] {
        assert!(description.contains(part), "{part} in {description}");
    }
}

#[tokio::test]
async fn a_provider_is_named_only_where_the_content_names_one() {
    let unknown = ContentCopy::new(SAMPLE, "provider-unknown", |name, text| {
        if name == "services.toml" {
            // The cafe's organization is not known.
            let cafe = text.find("id = \"cafe\"").unwrap();
            let (before, after) = text.split_at(cafe);
            format!(
                "{before}{}",
                after.replacen(
                    "organization = \"sample-ward\"",
                    "unknown = [\"organization\"]",
                    1
                )
            )
        } else {
            text
        }
    });
    let none = ContentCopy::new(SAMPLE, "provider-none", |name, text| {
        if name == "services.toml" {
            let cafe = text.find("id = \"cafe\"").unwrap();
            let (before, after) = text.split_at(cafe);
            format!(
                "{before}{}",
                after.replacen("organization = \"sample-ward\"\n", "", 1)
            )
        } else {
            text
        }
    });
    let v = service_validator();
    for (copy, shown) in [(&unknown, true), (&none, false)] {
        let page = services_json(&copy.dir, NOW).await;
        let cafe = hsds_service(&page, "Drop-in cafe");
        // HSDS 3.0 does not require a service's organization: none is given, and the
        // service stays valid.
        assert_eq!(errors(&v, cafe), Vec::<String>::new());
        assert!(cafe.get("organization_id").is_none());
        assert!(cafe.get("organization").is_none());
        assert!(cafe.get("service_areas").is_none());
        // The ward still provides the line, and lists only it.
        let line = hsds_service(&page, "Support line");
        assert_eq!(line["organization"]["name"], "Sample Ward");
        assert_eq!(line["organization_id"], line["organization"]["id"]);
        let html = get(&app_at(&copy.dir, NOW), "/services/cafe/").await.body;
        let ld = &jsonld(&html)[0];
        assert_eq!(ld["@type"], "Service");
        assert!(ld.get("provider").is_none());
        // The page says it is not known, or (for no one body) says nothing.
        let provider = fact(&html, "Run by");
        if shown {
            assert_eq!(
                provider,
                Some(("Not confirmed yet. Please call.".to_string(), true))
            );
        } else {
            assert_eq!(provider, None);
        }
        let line_html = get(&app_at(&copy.dir, NOW), "/services/line/").await.body;
        assert_eq!(
            fact(&line_html, "Run by"),
            Some(("Sample Ward".to_string(), false))
        );
    }
}
