//! What the site may claim (issue 13 §2): the two kinds of check kept apart, pages that say
//! when their facts are old, and `check` warning at the same age. Requests go through the
//! router at fixed instants, in every language.
//!
//! On the bundled content, with every expectation worked out from the content itself (its
//! dates, labels and `unknown` lists read back), so no wording of it is written here; the
//! fixture ward where both checks are known.

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
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
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
        .args(["check", "--lang", "en", "--now", now])
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

/// Every fact the content files mark as not known, read from the TOML itself rather than
/// through the engine: for each, the id of the service page it belongs to (`None` for a
/// contact no service gives), and the ids of every service page that shows it.
fn unknowns_in_files(dir: &Path) -> Vec<(Option<String>, Vec<String>)> {
    let read = |name: &str| -> toml::Table {
        toml::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap()
    };
    let list = |table: &toml::Table, key: &str| -> Vec<toml::Table> {
        table
            .get(key)
            .and_then(|v| v.as_array())
            .map_or(Vec::new(), |a| {
                a.iter().map(|v| v.as_table().unwrap().clone()).collect()
            })
    };
    let text = |t: &toml::Table, key: &str| t.get(key).and_then(|v| v.as_str()).map(String::from);
    let len =
        |t: &toml::Table, key: &str| t.get(key).and_then(|v| v.as_array()).map_or(0, Vec::len);
    let services = list(&read("services.toml"), "service");
    let events = list(&read("events.toml"), "event");
    let contacts = list(&read("contacts.toml"), "contact");
    let hours = list(&read("hours.toml"), "hours");
    let open_closures = |t: &toml::Table| {
        list(t, "closure")
            .iter()
            .filter(|c| c.get("from").is_none() || c.get("confirmed") == Some(&false.into()))
            .count()
    };
    let mut found = Vec::new();
    for s in &services {
        let id = text(s, "id").unwrap();
        let n = usize::from(text(s, "cost").as_deref() == Some("unknown"))
            + usize::from(text(s, "anonymity").as_deref() == Some("unknown"))
            + len(s, "unknown")
            + len(s, "unknown_fact");
        found.extend((0..n).map(|_| (Some(id.clone()), vec![id.clone()])));
    }
    for e in &events {
        let service = text(e, "service").unwrap();
        let n = usize::from(e.get("confirmed") == Some(&false.into()))
            + usize::from(text(e, "on_holiday").as_deref() == Some("unconfirmed"))
            + usize::from(e.get("starts").is_none())
            + usize::from(e.get("place").is_none())
            + usize::from(
                e.get("organizer").is_none()
                    && !services.iter().any(|s| {
                        text(s, "id") == Some(service.clone())
                            && s.get("unknown")
                                .and_then(|u| u.as_array())
                                .is_some_and(|u| {
                                    u.iter().any(|v| v.as_str() == Some("organization"))
                                })
                    }),
            )
            + usize::from(matches!(text(e, "cost").as_deref(), None | Some("unknown")))
            + open_closures(e);
        found.extend((0..n).map(|_| (Some(service.clone()), vec![service.clone()])));
    }
    for c in &contacts {
        let id = text(c, "id").unwrap();
        let giving: Vec<String> = services
            .iter()
            .filter(|s| text(s, "contact").as_deref() == Some(&id))
            .map(|s| text(s, "id").unwrap())
            .collect();
        let home = giving
            .iter()
            .find(|s| **s == id)
            .or(giving.first())
            .cloned();
        // `unknown` names what is not known (fax, email, hours: a contact without
        // `hours` must say `unknown = ["hours"]`), and the hours' open closures count too.
        let n = len(c, "unknown")
            + text(c, "hours").map_or(0, |h| {
                hours
                    .iter()
                    .find(|t| text(t, "id").as_deref() == Some(&h))
                    .map_or(0, open_closures)
            });
        found.extend((0..n).map(|_| (home.clone(), giving.clone())));
    }
    found
}

/// The items of the list of unknowns on a page, as HTML.
fn unknown_items(html: &str) -> Vec<String> {
    let Some(section) = html.split("<section class=\"not-known\"").nth(1) else {
        return Vec::new();
    };
    let list = section.split("</section>").next().unwrap();
    list.split("<li>")
        .skip(1)
        .map(|li| li.split("</li>").next().unwrap().to_string())
        .collect()
}

/// The about page lists exactly the unknowns of the files, each linked to its service
/// page, and each service page exactly its own, in every language; `check` counts them.
async fn unknowns_are_the_datas(dir: &str) {
    let expected = unknowns_in_files(Path::new(dir));
    assert!(!expected.is_empty());
    let app = app_at(dir, "2026-12-01T12:00:00+09:00");
    let mut homes: Vec<Option<String>> = expected.iter().map(|(home, _)| home.clone()).collect();
    homes.sort();
    for prefix in LANGUAGES {
        let about = get(&app, &format!("{prefix}/about/")).await.body;
        let items = unknown_items(&about);
        let mut linked: Vec<Option<String>> = items
            .iter()
            .map(|li| {
                let href = li.strip_prefix("<a href=\"")?.split('"').next()?;
                let id = href.strip_prefix(&format!("{prefix}/services/"))?;
                Some(id.trim_end_matches('/').to_string())
            })
            .collect();
        linked.sort();
        assert_eq!(linked, homes, "{prefix}/about/: {items:#?}");
        // The list points to the line to call.
        let section = about.split("<section class=\"not-known\"").nth(1).unwrap();
        assert!(section.contains("<a href=\"tel:"), "{prefix}/about/");

        let ids: Vec<String> = toml::from_str::<toml::Table>(
            &std::fs::read_to_string(Path::new(dir).join("services.toml")).unwrap(),
        )
        .unwrap()["service"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_string())
            .collect();
        for id in ids {
            let path = format!("{prefix}/services/{id}/");
            let page = get(&app, &path).await.body;
            let own = expected
                .iter()
                .filter(|(_, shown)| shown.contains(&id))
                .count();
            assert_eq!(unknown_items(&page).len(), own, "{path}");
        }
    }
    let out = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["check", "--lang", "en", "--content", dir])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "information: {} facts are marked not known; the about page lists them",
            expected.len()
        )),
        "{stdout}"
    );
}

#[tokio::test]
async fn the_unknowns_listed_are_those_of_the_data() {
    unknowns_are_the_datas(BUNDLED).await;
}

/// A copy of the bundled content with `edit` applied to each file's text.
fn content_copy(tag: &str, edit: impl Fn(&str, String) -> String) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("madoguchi-trust-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(BUNDLED).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(dir.join(&name), edit(&name, text)).unwrap();
    }
    dir
}

#[tokio::test]
async fn a_new_unknown_in_the_content_appears_on_the_pages() {
    let before = unknowns_in_files(Path::new(BUNDLED)).len();
    let dir = content_copy("more-unknowns", |name, text| match name {
        // A contact's fax becomes unknown, an event's time, a service's cost.
        "contacts.toml" => text.replacen(
            "hours = \"meguro-weekdays\"\n",
            "hours = \"meguro-weekdays\"\nunknown = [\"fax\"]\n",
            1,
        ),
        "events.toml" => text.replacen("starts = \"13:30\"\nends = \"16:30\"\n", "", 1),
        "services.toml" => text.replacen("cost = \"free\"", "cost = \"unknown\"", 1),
        _ => text,
    });
    assert!(unknowns_in_files(&dir).len() >= before + 3);
    unknowns_are_the_datas(dir.to_str().unwrap()).await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// The footer of a page, as HTML.
fn footer(html: &str) -> &str {
    let at = html.find("<footer").expect("a footer");
    &html[at..html[at..].find("</footer>").unwrap() + at]
}

#[tokio::test]
async fn every_page_says_who_runs_it_that_it_is_not_the_wards_and_links_the_wards_own() {
    let content = bundled();
    // The ward's own site, as FACTS.md gives it; the footer's words are content data.
    assert_eq!(
        content.site().official.url,
        "https://www.city.meguro.tokyo.jp/"
    );
    let app = app_at(BUNDLED, "2026-12-01T12:00:00+09:00");
    let sitemap = get(&app, "/sitemap.xml").await.body;
    let mut paths: Vec<String> = common::sitemap_locs(&sitemap)
        .iter()
        .map(|loc| {
            loc.strip_prefix(&content.site().base_url)
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(paths.len(), 3 * 22);
    paths.extend(LANGUAGES.iter().map(|p| format!("{p}/no-such-page/")));
    for path in paths {
        let edition = LANGUAGES
            .iter()
            .rposition(|p| path.starts_with(&format!("{p}/")))
            .unwrap();
        let site = &content.sites[edition];
        let html = get(&app, &path).await.body;
        let html_footer = footer(&html);
        let footer = read(html_footer);
        assert!(
            footer.contains(&plain(&format!(
                "{}: {}",
                site.labels.operated_by, site.operator
            ))),
            "{path}: {footer}"
        );
        assert!(footer.contains(&plain(&site.official.note)), "{path}");
        assert!(
            html_footer.contains(&format!(
                "<a href=\"{}\" rel=\"noopener noreferrer\">",
                site.official.url
            )),
            "{path}"
        );
        assert!(footer.contains(&plain(&site.official.name)), "{path}");
    }
}

#[test]
fn a_base_url_on_this_machine_is_told_apart() {
    use madoguchi::cmd::is_local_url;
    for local in [
        "http://127.0.0.1:3000",
        "http://localhost:3000/",
        "https://LOCALHOST",
        "http://madoguchi.localhost/",
        "http://[::1]:8080/",
        "http://0.0.0.0/",
        "http://127.1.2.3",
        "http://user@localhost/",
    ] {
        assert!(is_local_url(local), "{local}");
    }
    for public in [
        "https://www.city.meguro.tokyo.jp/",
        "https://desk.example.org/",
        "https://localhost.example.org/",
        "http://203.0.113.7/",
        "https://[2001:db8::1]/",
    ] {
        assert!(!is_local_url(public), "{public}");
    }
    // The bundled content is on this machine (serve warns, build refuses); the sample is not.
    let bundled = bundled();
    let warning = madoguchi::cmd::local_base_url(bundled.site(), Path::new("content")).unwrap();
    assert!(
        warning.starts_with(
            "content/site.toml: base_url `http://127.0.0.1:3000` is an address on this machine"
        ),
        "{warning}"
    );
    let sample = madoguchi::content::load(Path::new(SAMPLE), jiff::Timestamp::now()).unwrap();
    assert_eq!(
        madoguchi::cmd::local_base_url(sample.site(), Path::new(SAMPLE)),
        None
    );
}

#[test]
fn build_refuses_a_base_url_on_this_machine_unless_allowed() {
    let out = std::env::temp_dir().join(format!("madoguchi-trust-build-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let build = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_madoguchi"))
            .args(["build", "--out", out.to_str().unwrap()])
            .args(extra)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap()
    };
    let refused = build(&[]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains(
            "content/site.toml: base_url `http://127.0.0.1:3000` is an address on this machine"
        ) && stderr.contains("--allow-local-base-url"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written");

    let allowed = build(&["--allow-local-base-url"]);
    assert!(
        allowed.status.success(),
        "{}",
        String::from_utf8_lossy(&allowed.stderr)
    );
    assert!(out.join("index.html").is_file());
    let _ = std::fs::remove_dir_all(&out);
}

/// The claims a footer makes of the whole site, as a reader sees them.
async fn footer_claims(dir: &str) -> Vec<Vec<String>> {
    let app = app_at(dir, "2026-12-01T12:00:00+09:00");
    let mut all = Vec::new();
    for prefix in LANGUAGES {
        for path in [format!("{prefix}/"), format!("{prefix}/services/dial/")] {
            let html = get(&app, &path).await.body;
            all.push(
                footer(&html)
                    .split("<p class=\"footer-claim\">")
                    .skip(1)
                    .map(|p| read(p.split("</p>").next().unwrap()))
                    .collect(),
            );
        }
    }
    all
}

#[tokio::test]
async fn the_footer_claims_only_what_the_data_says_of_every_service() {
    let content = bundled();
    let expected = |pick: &dyn Fn(&madoguchi::model::Labels) -> Vec<&String>| {
        content
            .sites
            .iter()
            .flat_map(|s| {
                let claims: Vec<String> = pick(&s.labels).into_iter().map(|c| plain(c)).collect();
                [claims.clone(), claims]
            })
            .collect::<Vec<_>>()
    };
    // Not every service is known to be free, nor usable without a name: no claim.
    let site = content.site();
    assert!(
        site.services
            .iter()
            .any(|s| s.cost != madoguchi::model::Cost::Free)
    );
    assert_eq!(footer_claims(BUNDLED).await, expected(&|_| Vec::new()));

    let all_known = content_copy("all-free", |name, text| match name {
        "services.toml" => text
            .replace("cost = \"unknown\"", "cost = \"free\"")
            .replace("anonymity = \"unknown\"", "anonymity = \"anonymous\"")
            .replace("anonymity = \"nickname\"", "anonymity = \"anonymous\""),
        _ => text,
    });
    assert_eq!(
        footer_claims(all_known.to_str().unwrap()).await,
        expected(&|l| vec![&l.footer_all_free, &l.footer_all_anonymous])
    );
    let _ = std::fs::remove_dir_all(&all_known);

    let nickname = content_copy("nickname", |name, text| match name {
        "services.toml" => text
            .replace("cost = \"unknown\"", "cost = \"free\"")
            .replace("anonymity = \"unknown\"", "anonymity = \"nickname\""),
        _ => text,
    });
    assert_eq!(
        footer_claims(nickname.to_str().unwrap()).await,
        expected(&|l| vec![&l.footer_all_free, &l.footer_all_nickname])
    );
    let _ = std::fs::remove_dir_all(&nickname);
}
