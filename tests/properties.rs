//! Property tests: date parsing and status computation hold their rules for any input.

use gongkai::compute::status::{assess, Status};
use gongkai::model::{Catalogue, DateSpec, Indicator, Programme};
use proptest::prelude::*;

fn catalogue() -> Catalogue {
    let mut c = Catalogue::default();
    let list: Vec<Indicator> = serde_yaml::from_str(gongkai::load::BUILTIN_INDICATORS).unwrap();
    list.into_iter().for_each(|i| c.upsert(i));
    c
}

fn days_in(year: i32, month: u32) -> u32 {
    gongkai::model::date::days_in_month(year, month)
}

proptest! {
    #[test]
    fn valid_dates_parse_and_print_back(year in 1000i32..=9999, month in 1u32..=12, day_seed in 0u32..31) {
        let day = 1 + day_seed % days_in(year, month);
        let text = format!("{year:04}-{month:02}-{day:02}");
        let parsed = DateSpec::parse(&text).unwrap();
        prop_assert_eq!(parsed.to_string(), text);
        prop_assert!(parsed.first_day() == parsed.last_day());
        let month_text = format!("{:04}-{:02}", year, month);
        let month_only = DateSpec::parse(&month_text).unwrap();
        prop_assert!(month_only.first_day() <= parsed.first_day() && parsed.last_day() <= month_only.last_day());
    }

    #[test]
    fn impossible_days_are_refused(year in 1000i32..=9999, month in 1u32..=12, extra in 1u32..20) {
        let day = days_in(year, month) + extra;
        let text = format!("{:04}-{:02}-{:02}", year, month, day);
        prop_assert!(DateSpec::parse(&text).is_err());
    }

    #[test]
    fn any_text_is_parsed_or_refused_without_panic(text in "\\PC{0,24}") {
        let _ = DateSpec::parse(&text);
    }

    #[test]
    fn status_follows_its_rules(
        target in 0.5f64..10.0,
        baseline in proptest::option::of(0.0f64..10.0),
        actuals in proptest::collection::vec((2023i32..2028, 1u32..=12, 0.0f64..12.0), 0..5),
        deadline_year in 2024i32..2028,
        as_of_year in 2023i32..2029,
        as_of_month in 1u32..=12,
    ) {
        let mut yaml = format!(
            "title: t\ndisclosure: {{ issuers: [x] }}\nregion: {{ province: p }}\nperiod: {{ start: 2023-01, end: 2027-12 }}\n\
             targets:\n  - {{ id: b, indicator: beds_per_1000, label: b, value: {target}, deadline: {deadline_year}, source: s{} }}\nactuals:\n",
            baseline.map(|b| format!(", baseline: {{ value: {b}, date: 2023-01 }}")).unwrap_or_default()
        );
        for (y, m, v) in &actuals {
            yaml.push_str(&format!("  - {{ target: b, indicator: beds_per_1000, label: b, date: {y}-{m:02}, value: {v}, source: s }}\n"));
        }
        if actuals.is_empty() {
            yaml.push_str("  []\n");
            yaml = yaml.replace("actuals:\n  []", "actuals: []");
        }
        let programme: Programme = serde_yaml::from_str(&yaml).unwrap();
        let as_of = DateSpec::parse(&format!("{as_of_year}-{as_of_month:02}")).unwrap().last_day();
        let report = assess(&programme, 0, &catalogue(), as_of);
        let counted: Vec<&(i32, u32, f64)> = actuals.iter()
            .filter(|(y, m, _)| DateSpec::parse(&format!("{y}-{m:02}")).unwrap().last_day() <= as_of)
            .collect();
        let latest = counted.iter().max_by_key(|(y, m, _)| (*y, *m)).map(|(_, _, v)| *v);
        match latest {
            None => prop_assert_eq!(report.status, Status::NoData),
            Some(v) if v + 1e-9 >= target => prop_assert_eq!(report.status, Status::Achieved),
            Some(_) => {
                let deadline_passed = DateSpec::parse(&deadline_year.to_string()).unwrap().last_day() < as_of;
                if deadline_passed {
                    prop_assert_eq!(report.status, Status::Overdue);
                } else {
                    prop_assert!(matches!(report.status, Status::OnTrack | Status::AtRisk));
                }
            }
        }
        prop_assert!(!report.reason.is_empty());
    }
}
