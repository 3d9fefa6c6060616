//! Baselines (`smslint baseline`, `check --baseline`) and narrowed reports
//! (`--no-repository-findings`, the repository-level heading), end to end on repositories
//! built in temporary folders.

use crate::common;

use std::path::Path;

use common::{TODAY, run};

/// A policy with four defects: no owner (SMS202), an overdue review (SMS301), a broken link
/// (SMS601) and a broken anchor (SMS602).
fn policy(i: usize, owner: bool, extra: &str) -> String {
    let owner = if owner { "owner: Head of Service\n" } else { "" };
    format!(
        "---\nid: POL-{i:03}\ntitle: Policy {i}\ntype: policy\n{owner}approver: Chief Information Officer\n\
         version: \"1.0\"\nstatus: approved\nlast_reviewed: 2025-01-15\nreview_cycle: 12 months\n---\n\n\
         # Policy {i}\n\n{extra}## Purpose\n\n\
         Text of policy {i}. See [the missing standard](missing-{i}.md) and [the appendix](#appendix).\n"
    )
}

/// A repository with ten such policies: 40 findings.
fn repository() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("policies")).unwrap();
    std::fs::write(tmp.path().join("smslint.toml"), "packs = []\n").unwrap();
    for i in 1..=10 {
        write_policy(tmp.path(), i, &policy(i, false, ""));
    }
    tmp
}

fn write_policy(root: &Path, i: usize, text: &str) {
    std::fs::write(root.join(format!("policies/p{i:02}.md")), text).unwrap();
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// `smslint check . --baseline .smslint-baseline.json --format json EXTRA` in `dir`.
fn check_baselined(dir: &Path, extra: &[&str]) -> (i32, serde_json::Value) {
    let mut args = vec![
        "check",
        ".",
        "--today",
        TODAY,
        "--format",
        "json",
        "--baseline",
        ".smslint-baseline.json",
    ];
    args.extend_from_slice(extra);
    let (code, out, err) = run(&args, Some(dir));
    assert!(err.is_empty(), "{err}");
    (code, json(&out))
}

fn findings(v: &serde_json::Value) -> Vec<(String, String, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["path"].as_str().unwrap_or("-").to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn adopting_with_a_baseline_reports_only_new_findings_and_stale_entries() {
    let tmp = repository();
    let dir = tmp.path();
    let (code, out, _) = run(&["check", ".", "--today", TODAY, "--format", "json"], Some(dir));
    assert_eq!(code, 1);
    assert_eq!(json(&out)["summary"]["errors"], 40);

    let (code, out, err) = run(&["baseline", ".", "--today", TODAY], Some(dir));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Wrote 40 findings (40 entries)"), "{out}");
    let text = std::fs::read_to_string(dir.join(".smslint-baseline.json")).unwrap();
    // Deterministic and diff-friendly: a version, then one entry per line.
    assert!(text.starts_with("{\n  \"version\": 1,\n"), "{text}");
    assert_eq!(text.lines().filter(|l| l.contains("\"code\"")).count(), 40);
    let (_, again, _) = run(
        &["baseline", ".", "--today", TODAY, "-o", "second.json"],
        Some(dir),
    );
    assert!(again.contains("40 findings"));
    assert_eq!(std::fs::read_to_string(dir.join("second.json")).unwrap(), text);

    let (code, v) = check_baselined(dir, &[]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["summary"]["baselined"], 40);
    assert!(findings(&v).is_empty(), "{v}");

    // Lines shift in every file (unrelated edits), and one new defect appears in p03.
    for i in 1..=10 {
        let extra = "Introduction added later.\n\nAnother paragraph.\n\n";
        let mut text = policy(i, false, extra);
        if i == 3 {
            text.push_str("\nAlso see [the new annex](new-annex.md).\n");
        }
        write_policy(dir, i, &text);
    }
    let (code, v) = check_baselined(dir, &[]);
    assert_eq!(code, 1);
    let got = findings(&v);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        (got[0].0.as_str(), got[0].1.as_str()),
        ("SMS601", "policies/p03.md")
    );
    assert!(got[0].2.contains("new-annex.md"), "{got:?}");
    assert_eq!(v["findings"][0]["baseline"], "new");
    assert_eq!(v["summary"]["baselined"], 40);

    // Counts are a multiset: a second copy of an old broken link is new.
    let mut p07 = policy(7, false, "");
    p07.push_str("\nAgain: [the missing standard](missing-7.md).\n");
    write_policy(dir, 7, &p07);
    let (_, v) = check_baselined(dir, &[]);
    let got = findings(&v);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got.iter().any(|f| f.0 == "SMS601" && f.1 == "policies/p07.md"),
        "{got:?}"
    );
    write_policy(dir, 7, &policy(7, false, ""));

    // Fixing an old defect (p05 gets its owner) leaves one stale entry, a warning pointing at
    // the entry's line in the baseline file.
    write_policy(dir, 5, &policy(5, true, ""));
    let (code, v) = check_baselined(dir, &[]);
    assert_eq!(code, 1, "the new defect in p03 still fails");
    let got = findings(&v);
    assert_eq!(got.len(), 2, "{got:?}");
    let stale = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "SMS920")
        .expect("a stale entry");
    assert_eq!(stale["severity"], "warning");
    assert_eq!(stale["path"], ".smslint-baseline.json");
    let line = stale["line"].as_u64().unwrap() as usize;
    let entry = text.lines().nth(line - 1).unwrap();
    assert!(
        entry.contains("\"SMS202\"") && entry.contains("p05.md"),
        "{entry}"
    );
    assert_eq!(v["summary"]["baselined"], 39);

    // Without the new defect only the warning is left: the run passes.
    write_policy(dir, 3, &policy(3, false, ""));
    let (code, v) = check_baselined(dir, &[]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(findings(&v).len(), 1);
    // A stale entry is judged only where the run could have seen its finding.
    let (_, v) = check_baselined(dir, &["policies/p01.md"]);
    assert!(findings(&v).is_empty(), "{v}");
    let (_, v) = check_baselined(dir, &["--select", "SMS3"]);
    assert!(findings(&v).is_empty(), "{v}");
}

#[test]
fn show_baselined_marks_findings_in_json_sarif_and_human_output() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir(dir.join("policies")).unwrap();
    std::fs::write(dir.join("smslint.toml"), "packs = []\n").unwrap();
    write_policy(dir, 1, &policy(1, true, ""));
    assert_eq!(run(&["baseline", ".", "--today", TODAY], Some(dir)).0, 0);
    let mut text = policy(1, true, "");
    text.push_str("\nSee [the new annex](new-annex.md).\n");
    write_policy(dir, 1, &text);

    let (_, v) = check_baselined(dir, &["--show-baselined"]);
    let states: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["baseline"].as_str().unwrap()))
        .collect();
    assert_eq!(
        states,
        [
            ("SMS601", "new"),
            ("SMS301", "unchanged"),
            ("SMS601", "unchanged"),
            ("SMS602", "unchanged")
        ]
    );
    assert_eq!(v["summary"]["errors"], 1);

    let base = [
        "check",
        ".",
        "--today",
        TODAY,
        "--baseline",
        ".smslint-baseline.json",
    ];
    let sarif = |extra: &[&str]| {
        let mut args = base.to_vec();
        args.extend_from_slice(&["--format", "sarif"]);
        args.extend_from_slice(extra);
        let (_, out, err) = run(&args, Some(dir));
        assert!(err.is_empty(), "{err}");
        let v = json(&out);
        v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["baselineState"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(sarif(&[]), ["new"]);
    assert_eq!(
        sarif(&["--show-baselined"]),
        ["new", "unchanged", "unchanged", "unchanged"]
    );
    // Without a baseline, no result claims a baseline state.
    let (_, out, _) = run(&["check", ".", "--today", TODAY, "--format", "sarif"], Some(dir));
    assert!(!out.contains("baselineState"));

    let mut args = base.to_vec();
    args.push("--show-baselined");
    let (code, human, _) = run(&args, Some(dir));
    assert_eq!(code, 1);
    insta::assert_snapshot!("show-baselined.human", human);
    let (_, human, _) = run(&base, Some(dir));
    assert!(
        human.ends_with("1 error, 0 warnings in 1 document (3 baselined)\n"),
        "{human}"
    );
    // --show-baselined needs --baseline.
    assert_eq!(run(&["check", ".", "--show-baselined"], Some(dir)).0, 2);
}

#[test]
fn a_baseline_that_cannot_be_used_is_a_clear_error() {
    let tmp = repository();
    let dir = tmp.path();
    let bad = |name: &str, text: &str| {
        std::fs::write(dir.join(name), text).unwrap();
        let (code, out, err) = run(&["check", ".", "--baseline", name], Some(dir));
        assert_eq!(code, 2, "{name}: {out}{err}");
        assert!(!err.contains("panicked"), "{err}");
        err
    };
    let err = bad(
        "truncated.json",
        "{\"version\": 1, \"entries\": [\n  {\"code\": \"SMS202\",",
    );
    assert!(err.contains("truncated.json:2:"), "{err}");
    let err = bad("future.json", "{\"version\": 7, \"entries\": []}");
    assert!(err.contains("baseline version 7"), "{err}");
    let err = bad(
        "wrong.json",
        "{\"version\": 1, \"entries\": [{\"code\": \"SMS202\", \"path\": 3}]}",
    );
    assert!(err.contains("baseline entry"), "{err}");
    let err = bad("binary.json", "\u{1b}[31m{");
    assert!(
        !err.contains('\u{1b}'),
        "control characters reach the terminal: {err}"
    );
    let (code, _, err) = run(&["check", ".", "--baseline", "policies"], Some(dir));
    assert_eq!(code, 2);
    assert!(err.contains("not a regular file"), "{err}");
    let (code, _, err) = run(&["check", ".", "--baseline", "absent.json"], Some(dir));
    assert_eq!(code, 2);
    assert!(err.contains("absent.json"), "{err}");
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(
            outside.path().join("secret.json"),
            "{\"version\":1,\"entries\":[]}",
        )
        .unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.json"), dir.join("link.json")).unwrap();
        let (code, _, err) = run(&["check", ".", "--baseline", "link.json"], Some(dir));
        assert_eq!(code, 2);
        assert!(err.contains("symbolic link"), "{err}");
        std::os::unix::fs::symlink(outside.path(), dir.join("linked")).unwrap();
        let (code, _, err) = run(&["check", ".", "--baseline", "linked/secret.json"], Some(dir));
        assert_eq!(code, 2);
        assert!(err.contains("out of the repository"), "{err}");
        // Writing never goes through a link: the link's target is untouched.
        let (code, _, err) = run(&["baseline", ".", "--today", TODAY, "-o", "link.json"], Some(dir));
        assert_eq!(code, 2);
        assert!(err.contains("symbolic link"), "{err}");
        let kept = std::fs::read_to_string(outside.path().join("secret.json")).unwrap();
        assert_eq!(kept, "{\"version\":1,\"entries\":[]}");
    }
}

/// A repository with two broken policies and a repository-level finding (a `.github/` folder
/// but no CODEOWNERS, SMS701).
fn repository_with_repository_findings() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("policies")).unwrap();
    std::fs::create_dir_all(dir.join(".github/workflows")).unwrap();
    std::fs::write(dir.join(".github/workflows/smslint.yml"), "on: push\n").unwrap();
    std::fs::write(dir.join("smslint.toml"), "packs = []\n").unwrap();
    write_policy(dir, 1, &policy(1, true, ""));
    write_policy(dir, 2, &policy(2, true, ""));
    tmp
}

#[test]
fn a_narrowed_report_puts_the_files_first_and_can_leave_repository_findings_out() {
    let tmp = repository_with_repository_findings();
    let dir = tmp.path();
    let (code, human, _) = run(
        &["check", "policies/p01.md", "--today", TODAY, "--color", "never"],
        Some(dir),
    );
    assert_eq!(code, 1);
    insta::assert_snapshot!("narrowed.human", human);

    let args = ["check", "policies/p01.md", "--today", TODAY, "--format", "json"];
    let (_, out, _) = run(&args, Some(dir));
    let paths: Vec<String> = findings(&json(&out)).into_iter().map(|f| f.1).collect();
    assert_eq!(
        paths,
        ["policies/p01.md", "policies/p01.md", "policies/p01.md", "-"]
    );

    let mut without = args.to_vec();
    without.push("--no-repository-findings");
    let (_, out, _) = run(&without, Some(dir));
    let paths: Vec<String> = findings(&json(&out)).into_iter().map(|f| f.1).collect();
    assert_eq!(paths, ["policies/p01.md"; 3]);

    // The whole repository: the findings on files lead, the repository-level ones follow under
    // their heading (#16: a reviewer reads the files first).
    let (_, human, _) = run(&["check", ".", "--today", TODAY, "--color", "never"], Some(dir));
    let heading = human.find("Repository-level findings").expect("a heading");
    assert!(human.trim_start().starts_with("SMS"), "{human}");
    assert!(!human[..heading].contains("SMS701"), "{human}");
    assert!(human[heading..].contains("SMS701"), "{human}");
}

#[test]
fn the_changed_files_hook_leaves_repository_findings_to_the_gate() {
    let hooks = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"))
        .unwrap();
    let docs = yaml_rust2::YamlLoader::load_from_str(&hooks).unwrap();
    let entry = |id: &str| {
        docs[0]
            .as_vec()
            .unwrap()
            .iter()
            .find(|h| h["id"].as_str() == Some(id))
            .and_then(|h| h["entry"].as_str())
            .unwrap()
            .to_owned()
    };
    assert!(!entry("smslint").contains("--no-repository-findings"));
    assert!(entry("smslint-changed").contains("--no-repository-findings"));
}
