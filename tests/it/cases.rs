//! One fixture repository per code under `fixtures/cases/`: the folder name starts with the code
//! it must raise (a name without a code is a clean case). Each case is checked in process through
//! the one adapter, [`lint_dir`], and snapshotted in the `concise` format (`path:line:col: CODE
//! message`), so every finding's place is seen; insta's `glob!` reports every failing case.

use crate::common::{self, check_json, fixtures, lint_dir};

#[test]
fn every_case_raises_its_code_and_matches_its_snapshot() {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(&regex::escape(env!("CARGO_PKG_VERSION")), "[version]");
    settings.set_prepend_module_to_snapshot(true);
    settings.bind(|| {
        insta::glob!("../../fixtures/cases", "?*", |dir| {
            assert!(
                dir.is_dir(),
                "{}: fixtures/cases holds folders only",
                dir.display()
            );
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let got = lint_dir(dir);
            match name.split('-').next().filter(|p| p.starts_with("sms")) {
                Some(code) => {
                    let code = code.to_uppercase();
                    assert!(
                        got.codes.contains(&code),
                        "{name}: {code} not raised; got {:?}",
                        got.codes
                    );
                }
                None => assert!(
                    got.codes.is_empty(),
                    "{name}: expected clean, got {:?}",
                    got.codes
                ),
            }
            insta::assert_snapshot!("concise", got.concise);
        });
    });
}

#[test]
fn the_binary_agrees_with_the_in_process_run_on_a_case() {
    // The adapter stands for `smslint check`: one spawned run proves they give the same verdict.
    let dir = fixtures().join("cases/sms301-review-overdue");
    let (code, json, err) = check_json(&dir, &[]);
    assert!(err.is_empty(), "{err}");
    let got = lint_dir(&dir);
    assert_eq!(common::codes(&json), got.codes);
    assert_eq!(code, i32::from(got.fails));
}

#[test]
fn suppressed_findings_are_counted() {
    let dir = fixtures().join("cases/suppressed-next-line");
    let (_, json, _) = check_json(&dir, &[]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["summary"]["suppressed"], 1);
}
