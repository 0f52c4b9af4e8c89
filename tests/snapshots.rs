//! The documents kept in memory when time moves on: a line opening or closing renders the
//! site again, made ahead of the instant and keeping whatever came out the same.

mod common;

use std::sync::Arc;

use jiff::{Timestamp, ToSpan};
use madoguchi::render::Pages;
use madoguchi::server::{Clock, Live, Snapshot};

fn pages() -> (Arc<Pages>, String) {
    let loaded = common::source(common::SAMPLE)
        .load(Timestamp::now())
        .expect("the fixture ward loads");
    (Arc::new(loaded.pages), loaded.version)
}

/// A weekday morning in London, before the lines open.
fn morning() -> Timestamp {
    "2026-11-25T07:30:00Z".parse().unwrap()
}

/// Every document of `a` is in `b` with the same status, body and ETag, and the other
/// way round.
fn assert_same_documents(a: &Snapshot, b: &Snapshot) {
    let mut paths: Vec<&str> = a.paths().collect();
    paths.sort_unstable();
    let mut others: Vec<&str> = b.paths().collect();
    others.sort_unstable();
    assert_eq!(paths, others);
    for path in paths {
        let (x, y) = (a.get(path).unwrap(), b.get(path).unwrap());
        assert_eq!(x.status, y.status, "{path}");
        assert_eq!(x.identity.body, y.identity.body, "{path}");
        assert_eq!(x.identity.etag, y.identity.etag, "{path}");
        let br = |p: &madoguchi::server::Prepared| p.br.as_ref().map(|v| v.etag.clone());
        assert_eq!(br(x), br(y), "{path}");
    }
}

#[test]
fn a_change_of_time_renders_again_and_keeps_what_came_out_the_same() {
    let (pages, version) = pages();
    let before = Snapshot::build(pages.clone(), version.clone(), morning(), None).unwrap();
    let at = before.valid_until.expect("the lines open and close");
    assert!(at > morning());
    let after = Snapshot::build(pages.clone(), version.clone(), at, Some(&before)).unwrap();
    // Exactly what rendering from nothing at that instant gives.
    let fresh = Snapshot::build(pages, version, at, None).unwrap();
    assert_same_documents(&after, &fresh);

    let mut kept = Vec::new();
    let mut made = Vec::new();
    for path in after.paths() {
        match Arc::ptr_eq(before.get(path).unwrap(), after.get(path).unwrap()) {
            true => kept.push(path.to_string()),
            false => made.push(path.to_string()),
        }
    }
    // What does not depend on the time comes out the same, and is kept.
    for path in [
        "/services/line/qr.svg",
        "/ja/services/line/qr.svg",
        "/sitemap.xml",
    ] {
        assert!(kept.iter().any(|p| p == path), "{path} was made again");
    }
    // The pages that show the new state are new; a page that reads the same is kept,
    // compressed forms and all.
    assert!(
        made.iter().any(|p| p == "/"),
        "the home page shows the lines' state"
    );
    assert!(made.iter().any(|p| p == "/api/v1/status.json"));
    let home_before = &before.get("/").unwrap().identity.body;
    assert_ne!(home_before, &after.get("/").unwrap().identity.body);
    for path in &kept {
        assert_eq!(
            before.get(path).unwrap().identity.body,
            after.get(path).unwrap().identity.body,
            "{path}"
        );
    }
}

#[test]
fn the_snapshot_made_ahead_is_swapped_in_at_the_instant_and_not_before() {
    let (pages, version) = pages();
    let pages = Arc::try_unwrap(pages).ok().unwrap();
    let live = Live::new(pages, version, Clock::Fixed(morning())).unwrap();
    let at = live.prepare_next().expect("something changes with time");
    let just_before = at.checked_sub(1.second()).unwrap();
    assert_eq!(live.current(just_before).built_for, morning());
    let now_current = live.current(at);
    assert_eq!(now_current.built_for, at);
    let fresh = Snapshot::build(
        now_current.pages.clone(),
        now_current.version.clone(),
        at,
        None,
    )
    .unwrap();
    assert_same_documents(&now_current, &fresh);
    // Later, within the new snapshot's time, it stays.
    let later = at.checked_add(1.second()).unwrap();
    assert!(Arc::ptr_eq(&live.current(later), &now_current));
}

#[test]
fn a_reload_of_the_same_content_keeps_every_compressed_document() {
    let (pages, version) = pages();
    let pages = Arc::try_unwrap(pages).ok().unwrap();
    let live = Live::new(pages, version, Clock::Fixed(morning())).unwrap();
    let before = live.current(morning()).clone();
    let again = common::source(common::SAMPLE)
        .load(Timestamp::now())
        .unwrap();
    live.replace(again.pages, again.version).unwrap();
    let after = live.current(morning()).clone();
    assert!(
        !Arc::ptr_eq(&before.pages, &after.pages),
        "new content was swapped in"
    );
    for path in after.paths() {
        assert!(
            Arc::ptr_eq(before.get(path).unwrap(), after.get(path).unwrap()),
            "{path} was compressed again"
        );
    }
}
