//! The command-line contract: exit codes, date sources, selection, narrowing, formats.

use crate::common;

use common::{TODAY, codes, fixtures, run, smslint};

fn case(name: &str) -> String {
    fixtures().join("cases").join(name).to_string_lossy().into_owned()
}

#[test]
fn exit_codes() {
    let acme = fixtures().join("acme-sms").to_string_lossy().into_owned();
    assert_eq!(run(&["check", &acme, "--today", TODAY], None).0, 0);
    assert_eq!(
        run(&["check", &case("sms301-review-overdue"), "--today", TODAY], None).0,
        1
    );
    // Warnings fail only with --fail-on warning.
    assert_eq!(
        run(
            &["check", &case("sms302-review-due-soon"), "--today", TODAY],
            None
        )
        .0,
        0
    );
    assert_eq!(
        run(
            &[
                "check",
                &case("sms302-review-due-soon"),
                "--today",
                TODAY,
                "--fail-on",
                "warning"
            ],
            None
        )
        .0,
        1
    );
    // Usage errors.
    assert_eq!(run(&["check", &acme, "--today", "2026-13-01"], None).0, 2);
    assert_eq!(run(&["check", &acme, "--bogus"], None).0, 2);
    assert_eq!(run(&["check", "does/not/exist"], None).0, 2);
    assert_eq!(run(&["check", &acme, "--select", "SMS999"], None).0, 2);
}

#[test]
fn bare_smslint_checks_the_working_directory() {
    let dir = fixtures().join("cases/sms301-review-overdue");
    let (code, out, _) = run(&["--today", TODAY, "--format", "json"], Some(&dir));
    assert_eq!(code, 1);
    assert!(codes(&out).contains(&"SMS301".to_owned()));
}

#[test]
fn today_comes_from_the_environment_when_not_given() {
    let mut c = smslint();
    c.args(["check", &case("sms304-effective-in-future"), "--format", "json"])
        .env("SMSLINT_TODAY", "2026-09-01");
    let out = c.output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["today"], "2026-09-01");
    assert_eq!(
        v["findings"],
        serde_json::json!([]),
        "the effective date has passed by then"
    );
    // --today wins over the environment.
    let (_, json, _) = run(
        &[
            "check",
            &case("sms304-effective-in-future"),
            "--format",
            "json",
            "--today",
            TODAY,
        ],
        None,
    );
    assert_eq!(codes(&json), ["SMS304"]);
}

#[test]
fn select_and_ignore() {
    let dir = case("sms204-value-not-allowed");
    let (code, out, _) = run(
        &[
            "check", &dir, "--today", TODAY, "--format", "json", "--ignore", "SMS204",
        ],
        None,
    );
    assert_eq!(code, 0);
    assert!(codes(&out).is_empty());
    let (_, out, _) = run(
        &[
            "check", &dir, "--today", TODAY, "--format", "json", "--select", "SMS3",
        ],
        None,
    );
    assert!(codes(&out).is_empty());
    let (_, out, _) = run(
        &[
            "check",
            &dir,
            "--today",
            TODAY,
            "--format",
            "json",
            "--select",
            "value-not-allowed",
        ],
        None,
    );
    assert_eq!(codes(&out).len(), 5);
}

#[test]
fn paths_narrow_document_findings() {
    let dir = fixtures().join("cases/sms206-duplicate-id");
    let one = dir.join("a-policy.md");
    let (_, out, _) = run(
        &[
            "check",
            &one.to_string_lossy(),
            "--today",
            TODAY,
            "--format",
            "json",
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let paths: Vec<_> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(paths, ["a-policy.md"]);
}

#[test]
fn config_errors_point_into_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("smslint.toml"),
        "packs = []\n[review]\ndefault-cycle = \"fortnightly\"\n",
    )
    .unwrap();
    let (code, out, err) = run(&["check", &tmp.path().to_string_lossy()], None);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("smslint.toml:3:17"), "{err}");
    assert!(err.contains("not a duration"), "{err}");
}

#[test]
fn output_file_is_written_only_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("out.json");
    let (code, out, _) = run(
        &[
            "check",
            &case("sms301-review-overdue"),
            "--today",
            TODAY,
            "--format",
            "json",
            "--output",
            &target.to_string_lossy(),
        ],
        None,
    );
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(codes(&std::fs::read_to_string(target).unwrap()).contains(&"SMS301".to_owned()));
}

#[test]
fn rules_and_explain() {
    let (code, out, _) = run(&["rules", "--format", "json"], None);
    assert_eq!(code, 0);
    let rules: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    // The binary prints what the library explains (one spawn); every code is then read in
    // process.
    let (code, text, err) = run(&["explain", "SMS301"], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(text, common::explain("SMS301"));
    for r in &rules {
        let c = r["code"].as_str().unwrap();
        let text = common::explain(c);
        assert!(text.starts_with(c), "{text}");
        assert!(text.contains("## Why auditors care"), "{c} lacks why");
        assert!(text.contains("## How to fix"), "{c} lacks fix");
    }
    let (code, _, err) = run(&["explain", "review-overdu"], None);
    assert_eq!(code, 2);
    assert!(err.contains("review-overdue"), "{err}");
}

#[test]
fn a_check_whose_rules_are_not_selected_is_not_run_and_its_suppressions_are_not_judged() {
    // `--select` runs only the kinds it names: a suppression of a code that did not run
    // silenced nothing, but cannot be called unused.
    let dir = fixtures().join("cases/sms906-unused-suppression");
    let only_906 = common::load(&dir, "SMS906");
    let found = common::json_findings(&only_906);
    assert!(found.iter().all(|f| f["code"] == "SMS906"), "{found:#?}");
    assert!(found.is_empty(), "SMS301 and SMS204 did not run: {found:#?}");
    // With the review check running too, its suppression (SMS301 on line 12) is judged again.
    let with_review = common::json_findings(&common::load(&dir, "SMS3,SMS906"));
    let lines: Vec<_> = with_review
        .iter()
        .filter(|f| f["code"] == "SMS906")
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [12], "{with_review:#?}");
    // Everything selected: both comments are judged, as before.
    let all = common::json_findings(&common::load(&dir, ""));
    assert_eq!(
        all.iter().filter(|f| f["code"] == "SMS906").count(),
        2,
        "{all:#?}"
    );
}
