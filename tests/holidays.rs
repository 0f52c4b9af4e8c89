//! Every national holiday computed by `schedule::holidays`, over the whole range it claims
//! (`holidays::YEARS`), equals the Cabinet Office's list, typed in as
//! `tests/fixtures/holidays.csv` (its header names the source), which covers exactly
//! those years.

use madoguchi::schedule::holidays;

#[test]
fn every_year_the_rules_claim_matches_the_cabinet_office_list() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/holidays.csv"
    ))
    .unwrap();
    let expected: Vec<String> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    let listed: std::collections::BTreeSet<i16> =
        expected.iter().map(|l| l[..4].parse().unwrap()).collect();
    let claimed: std::collections::BTreeSet<i16> = holidays::YEARS.collect();
    assert_eq!(listed, claimed, "the list covers the years the rules claim");
    let computed: Vec<String> = holidays::YEARS
        .flat_map(holidays::holidays_in)
        .map(|(date, h)| format!("{date},{}", h.name()))
        .collect();
    let missing: Vec<&String> = expected.iter().filter(|e| !computed.contains(e)).collect();
    let extra: Vec<&String> = computed.iter().filter(|c| !expected.contains(c)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing: {missing:?}\nextra: {extra:?}"
    );
    assert_eq!(expected.len(), 219, "12 years of holidays");
}
