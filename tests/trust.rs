//! What the site may claim (issue 13 §2): the two kinds of check kept apart, pages that say
//! when their facts are old, and `check` warning at the same age. Requests go through the
//! router at fixed instants, in every language.

mod common;

use std::path::Path;
use std::process::Command;

use common::{BUNDLED, SAMPLE, app_at, get};
use jiff::civil::Date;
use madoguchi::model::Site;
use madoguchi::model::inline::plain;
use madoguchi::view::format;

/// The languages' path prefixes, the default first.
const LANGUAGES: [&str; 3] = ["", "/en", "/easy"];

/// What a reader sees of a piece of a page: the text without tags and without the
/// furigana over it.
fn read(html: &str) -> String {
    let mut text = html.to_string();
    for (open, close) in [("<rt>", "</rt>"), ("<rp>", "</rp>")] {
        let mut kept = String::new();
        let mut rest = text.as_str();
        while let Some(start) = rest.find(open) {
            kept.push_str(&rest[..start]);
            rest = &rest[start + rest[start..].find(close).unwrap() + close.len()..];
        }
        kept.push_str(rest);
        text = kept;
    }
    common::visible_text(&text)
}

fn bundled() -> madoguchi::content::Content {
    madoguchi::content::load(Path::new(BUNDLED), jiff::Timestamp::now())
        .expect("the bundled content loads")
}

/// Noon in the site's time zone, `days` after `date`, as RFC 3339.
fn noon_after(site: &Site, date: Date, days: i64) -> String {
    let day = date.checked_add(jiff::Span::new().days(days)).unwrap();
    day.to_datetime(jiff::civil::Time::constant(12, 0, 0, 0))
        .to_zoned_datetime(site.time_zone.clone())
        .unwrap()
        .timestamp()
        .to_string()
}

#[tokio::test]
async fn a_page_says_its_facts_are_old_181_days_after_its_newest_check_and_not_179() {
    let content = bundled();
    let site = content.site();
    assert_eq!(site.stale_after_days, 180, "the site's setting");
    for (i, service) in site.services.iter().enumerate() {
        let checked = site.page_checked(i);
        let fresh = app_at(BUNDLED, &noon_after(site, checked, 179));
        let old = app_at(BUNDLED, &noon_after(site, checked, 181));
        for (edition, prefix) in LANGUAGES.iter().enumerate() {
            let path = format!("{prefix}/services/{}/", service.id);
            let before = get(&fresh, &path).await.body;
            assert!(!before.contains("stale-notice"), "{path} at 179 days");
            let after = get(&old, &path).await.body;
            let l = &content.sites[edition].labels;
            let notice = after
                .split("<p class=\"notice stale-notice\">")
                .nth(1)
                .unwrap_or_else(|| panic!("{path} at 181 days has no notice"))
                .split("</p>")
                .next()
                .unwrap();
            // The notice names the date of the check, in the page's own date format.
            let expected = l.stale_notice.replace("{date}", &format::date(l, checked));
            assert_eq!(read(notice), plain(&expected), "{path}");
        }
    }
}

#[tokio::test]
async fn a_page_about_to_become_old_is_cached_only_until_then() {
    let content = bundled();
    let site = content.site();
    let checked = site.page_checked(0);
    let from = checked
        .checked_add(jiff::Span::new().days(181))
        .unwrap()
        .to_zoned_datetime(site.time_zone.clone())
        .unwrap();
    let just_before = from.timestamp() - jiff::SignedDuration::from_secs(20);
    let app = app_at(BUNDLED, &just_before.to_string());
    let path = format!("/services/{}/", site.services[0].id);
    let reply = get(&app, &path).await;
    assert!(!reply.body.contains("stale-notice"));
    let max_age: i64 = reply
        .cache_control
        .as_deref()
        .and_then(|c| c.strip_prefix("public, max-age="))
        .and_then(|s| s.parse().ok())
        .unwrap();
    assert!(max_age <= 20, "{max_age}");
}

/// Each `checked_against_sources_on = …` of a content file: its line, the column of its
/// value, and the date.
fn dates_in(file: &Path) -> Vec<(usize, usize, Date)> {
    let key = "checked_against_sources_on = ";
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .enumerate()
        .filter_map(|(n, line)| {
            let value = line.strip_prefix(key)?;
            Some((n + 1, key.chars().count() + 1, value.trim().parse().ok()?))
        })
        .collect()
}

fn check_at(now: &str) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["check", "--now", now])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_warns_at_the_same_age_with_file_line_and_column_and_exits_zero() {
    let content = bundled();
    let site = content.site();
    let file = Path::new(BUNDLED).join("services.toml");
    let (line, column, date) = dates_in(&file)[0];
    // The first service has no confirmation from its office, so this date is its newest.
    assert_eq!(site.services[0].checks.with_office, None);

    let (ok, stderr) = check_at(&noon_after(site, date, 181));
    assert!(ok, "a warning is not an error:\n{stderr}");
    let expected = format!(
        "content/services.toml:{line}:{column}: warning: checked_against_sources_on {date} is 181 days ago, more than stale_after_days (180): its page says the information may be out of date; compare it with the sources again"
    );
    assert!(
        stderr.lines().any(|l| l == expected),
        "{expected}\nnot in:\n{stderr}"
    );

    let (ok, stderr) = check_at(&noon_after(site, date, 180));
    assert!(ok);
    assert!(
        !stderr.contains(&format!("content/services.toml:{line}:{column}: warning")),
        "{stderr}"
    );
}

#[tokio::test]
async fn the_two_checks_are_two_facts_and_only_the_office_one_is_a_confirmation() {
    let content = bundled();
    for (edition, prefix) in LANGUAGES.iter().enumerate() {
        let site = &content.sites[edition];
        let l = &site.labels;
        let app = app_at(BUNDLED, "2026-12-01T12:00:00+09:00");
        for service in &site.services {
            let path = format!("{prefix}/services/{}/", service.id);
            let html = get(&app, &path).await.body;
            let checks = html
                .split("<p class=\"checks\">")
                .nth(1)
                .unwrap_or_else(|| panic!("{path} shows no checks"));
            let checks = read(checks.split("</p>").next().unwrap());
            let against = format!(
                "{}: {}",
                plain(&l.checked_against_sources_on),
                plain(&format::date(l, service.checks.against_sources))
            );
            assert!(checks.starts_with(&against), "{path}: {checks}");
            // No office has confirmed anything yet: the page does not say one has.
            assert_eq!(service.checks.with_office, None);
            assert!(
                !checks.contains(&plain(&l.confirmed_with_office_on)),
                "{path}"
            );
        }
        // Only an office confirmation may be called one: the label for the sources never is.
        if edition == 0 {
            assert!(!l.checked_against_sources_on.contains("確認"));
            assert!(l.confirmed_with_office_on.contains("確認"));
        }
        let about = get(&app, &format!("{prefix}/about/")).await.body;
        for label in [&l.checked_against_sources_on, &l.confirmed_with_office_on] {
            assert!(read(&about).contains(&plain(label)), "{prefix}/about/");
        }
    }
    // Both, where both are known; open data gives the newer as the date last checked.
    let sample = app_at(SAMPLE, "2026-03-01T12:00:00Z");
    let line = get(&sample, "/services/line/").await.body;
    assert!(line.contains("Compared with the sources on: <time datetime=\"2026-01-15\">"));
    assert!(line.contains("Confirmed with the office on: <time datetime=\"2026-02-02\">"));
    let json: serde_json::Value =
        serde_json::from_str(&get(&sample, "/api/v1/services.json").await.body).unwrap();
    let line = json["contents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Support line")
        .unwrap();
    assert_eq!(line["assured_date"], "2026-02-02");
}
