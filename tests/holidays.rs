//! Every national holiday 2019–2030 computed by `schedule::holidays` equals the Cabinet
//! Office's list, typed in as `tests/fixtures/holidays.csv` (its header names the source).

use madoguchi::schedule::holidays;

#[test]
fn holidays_2019_to_2030_match_the_cabinet_office_list() {
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
    let computed: Vec<String> = (2019..=2030)
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
