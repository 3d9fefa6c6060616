//! One fixture repository per code under `fixtures/cases/`: the folder name starts with the code
//! it must raise. Each is snapshotted in human (no colour) and JSON form, so every span is seen.

use crate::common;

use common::{TODAY, check_json, codes, fixtures, run};

fn case_dirs() -> Vec<std::path::PathBuf> {
    let mut dirs: Vec<_> = std::fs::read_dir(fixtures().join("cases"))
        .expect("fixtures/cases")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_case_raises_its_code_and_matches_its_snapshots() {
    let dirs = case_dirs();
    assert!(dirs.len() >= 19, "expected a case per code, found {}", dirs.len());
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let path = dir.to_string_lossy().into_owned();
        let (code, json, err) = run(&["check", &path, "--today", TODAY, "--format", "json"], None);
        assert!(err.is_empty(), "{name}: stderr {err}");
        let found = codes(&json);
        if let Some(expected) = name.split('-').next().filter(|p| p.starts_with("sms")) {
            let expected = expected.to_uppercase();
            assert!(
                found.contains(&expected),
                "{name}: {expected} not raised; got {found:?}"
            );
            let v: serde_json::Value = serde_json::from_str(&json).unwrap();
            let fails = v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["severity"] == "error");
            assert_eq!(code, i32::from(fails), "{name}: exit code");
        } else {
            assert!(found.is_empty(), "{name}: expected clean, got {found:?}");
            assert_eq!(code, 0, "{name}");
        }
        let (_, human, _) = run(&["check", &path, "--today", TODAY, "--color", "never"], None);
        insta::assert_snapshot!(format!("{name}.human"), human);
        insta::assert_snapshot!(format!("{name}.json"), json);
    }
}

#[test]
fn suppressed_findings_are_counted() {
    let dir = fixtures().join("cases/suppressed-next-line");
    let (_, json, _) = check_json(&dir, &[]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["summary"]["suppressed"], 1);
}
