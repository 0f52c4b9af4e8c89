//! A server that has been running for days must send, at every instant, exactly what a
//! server started at that instant would send. `serve` keeps the documents it rendered
//! until the next change of time (`Snapshot::valid_until`) and makes the next version
//! ahead of it (`Live::prepare_next`); this drives that very state through the year end
//! and across a holiday Monday and compares every document with a fresh render.

mod common;

use jiff::{SignedDuration, Timestamp};

use madoguchi::render::{Caching, Entry};
use madoguchi::server::{Clock, Live};

/// A document with the lines that say when it was made left out: a calendar's `DTSTAMP`
/// and the status document's `as_of` are the instant of the version that sent them, by
/// definition, and are checked on their own below.
fn without_stamp(body: &[u8]) -> String {
    String::from_utf8_lossy(body)
        .lines()
        .filter(|line| {
            !line.starts_with("DTSTAMP:") && !line.trim_start().starts_with("\"as_of\":")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every half hour from `from` to `to`. Every line on either site opens and closes on the
/// hour or the half hour, and the day changes at midnight; a change the server misses
/// stays wrong until its next version, so it is seen at the edge itself. (A version used
/// too early is `tests/snapshots.rs`'s.)
fn instants(from: &str, to: &str) -> Vec<Timestamp> {
    let (from, to): (Timestamp, Timestamp) = (from.parse().unwrap(), to.parse().unwrap());
    let step = SignedDuration::from_mins(30);
    let mut out = Vec::new();
    let mut t = from;
    while t <= to {
        out.push(t);
        t += step;
    }
    out
}

/// Runs one long-lived server over `times` and returns, for each instant where it differs
/// from a fresh render, the paths that differ. On every other day the version for the
/// next change is made ahead as `render_ahead` does; on the others the server has to
/// notice on a request (a fixed clock, a machine that slept), so both ways are covered.
fn stale_documents(dir: &str, times: &[Timestamp]) -> Vec<String> {
    let loaded = common::source(dir).load(Timestamp::now()).unwrap();
    let live = Live::new(loaded.pages, loaded.version, Clock::Fixed(times[0])).unwrap();
    // Only these can depend on the time; the others are made without it (QR codes, the
    // sitemap, robots.txt, static files).
    let timed: Vec<Entry> = live
        .current(times[0])
        .pages
        .entries()
        .into_iter()
        .filter(|e| e.caching() == Caching::Timed)
        .collect();
    let mut wrong = Vec::new();
    for (i, &now) in times.iter().enumerate() {
        if (i / 48) % 2 == 0 {
            live.prepare_next();
        }
        let snap = live.current(now);
        assert!(snap.built_for <= now, "{now}: a version made for later");
        let mut stale = Vec::new();
        for entry in &timed {
            let doc = snap.pages.document(entry, now).unwrap();
            let same = snap.get(&doc.path).is_some_and(|kept| {
                kept.status == doc.status
                    && without_stamp(&kept.identity.body) == without_stamp(&doc.body)
            });
            if !same {
                stale.push(doc.path);
            }
        }
        if !stale.is_empty() {
            let site_time = now.to_zoned_datetime(snap.pages.site().time_zone.clone());
            wrong.push(format!(
                "{site_time} (built for {}): {}",
                snap.built_for,
                stale.join(" ")
            ));
        }
        // What the status document says it describes must hold at this instant.
        let status: serde_json::Value =
            serde_json::from_slice(&snap.get("/api/v1/status.json").unwrap().identity.body)
                .unwrap();
        let as_of: Timestamp = status["as_of"].as_str().unwrap().parse().unwrap();
        assert!(as_of <= now, "{now}: status.json describes {as_of}, later");
        if let Some(until) = status["valid_until"].as_str() {
            let until: Timestamp = until.parse().unwrap();
            assert!(now < until, "{now}: status.json held only until {until}");
        }
    }
    wrong
}

#[test]
fn the_bundled_site_never_goes_stale_over_the_year_end() {
    // From the last morning before 年末年始 to the first days the office is open again.
    let times = instants("2026-12-27T22:59:00Z", "2027-01-05T15:00:00Z");
    let wrong = stale_documents(common::BUNDLED, &times);
    assert!(wrong.is_empty(), "stale documents:\n{}", wrong.join("\n"));
}

#[test]
fn the_bundled_site_never_goes_stale_over_a_holiday_monday() {
    // Friday 8 January 2027 to Tuesday 12 January; Monday the 11th is 成人の日.
    let times = instants("2027-01-08T06:00:00Z", "2027-01-12T03:00:00Z");
    let wrong = stale_documents(common::BUNDLED, &times);
    assert!(wrong.is_empty(), "stale documents:\n{}", wrong.join("\n"));
}

#[test]
fn the_fixture_ward_never_goes_stale_over_its_winter_break_and_a_time_change() {
    // Europe/London: the winter break (24 December to 1 January), then the clocks going
    // forward on Sunday 28 March 2027.
    let mut times = instants("2026-12-22T12:00:00Z", "2027-01-05T12:00:00Z");
    times.extend(instants("2027-03-26T12:00:00Z", "2027-03-29T12:00:00Z"));
    let wrong = stale_documents(common::SAMPLE, &times);
    assert!(wrong.is_empty(), "stale documents:\n{}", wrong.join("\n"));
}
