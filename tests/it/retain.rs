//! Issue 15: `check` keeps of each document only what the repository checks read
//! (`app::Options::retain_for_checks`). A run that drops the rest must find exactly what a
//! run keeping whole documents finds, on every fixture repository and case.

use crate::common;

use common::fixtures;

/// The findings (all of their fields) and the suppressed count of a check of `dir`.
fn outcome(dir: &std::path::Path, retain: bool) -> (Vec<String>, usize) {
    let opts = smslint::app::Options {
        paths: vec![dir.to_path_buf()],
        today: Some(common::TODAY.parse().unwrap()),
        retain_for_checks: retain,
        ..Default::default()
    };
    let outcome = smslint::app::run(&opts).expect("loads");
    let findings = outcome
        .findings
        .iter()
        .chain(&outcome.baselined)
        .map(|f| format!("{f:?}"))
        .collect();
    (findings, outcome.suppressed)
}

#[test]
fn retained_documents_give_the_same_findings() {
    let mut dirs: Vec<std::path::PathBuf> = ["acme-sms", "hostile", "report", "adopt"]
        .iter()
        .map(|d| fixtures().join(d))
        .collect();
    let mut cases: Vec<_> = std::fs::read_dir(fixtures().join("cases"))
        .expect("cases")
        .map(|e| e.expect("entry").path())
        .collect();
    cases.sort();
    dirs.extend(cases);
    let mut findings = 0;
    for dir in &dirs {
        let whole = outcome(dir, false);
        let kept = outcome(dir, true);
        assert_eq!(whole, kept, "{}", dir.display());
        findings += whole.0.len();
    }
    assert!(
        dirs.len() > 50 && findings > 300,
        "{} repositories, {findings} findings",
        dirs.len()
    );
}
