//! `smslint adopt` on a repository written with its own field names (`fixtures/adopt/`:
//! `maintainer`, `reviewed_on`, `review_every`, no `type`), copied into a temporary folder.

use crate::common;

use std::path::Path;

use common::{TODAY, fixtures, run};

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn repository() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy(&fixtures().join("adopt"), tmp.path());
    tmp
}

#[test]
fn adopt_maps_the_repositorys_own_keys_and_types_by_folder() {
    let tmp = repository();
    let (code, out, err) = run(&["adopt", ".", "--today", TODAY], Some(tmp.path()));
    assert_eq!(code, 0, "{err}");
    let v: toml::Table = toml::from_str(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
    let fields = v["document-control"]["fields"].as_table().unwrap();
    assert_eq!(fields["owner"].as_str(), Some("maintainer"), "{out}");
    assert_eq!(fields["last_reviewed"].as_str(), Some("reviewed_on"), "{out}");
    assert_eq!(fields["review_cycle"].as_str(), Some("review_every"), "{out}");
    assert_eq!(fields.len(), 3, "{out}");
    let defaults: Vec<(String, String)> = v["document-control"]["defaults"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["paths"][0].as_str().unwrap().to_owned(),
                d["type"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        defaults,
        [
            ("policies/**".to_owned(), "policy".to_owned()),
            ("procedures/**".to_owned(), "procedure".to_owned())
        ]
    );
    // Every proposal has its reason on the line above, and the shapes found are counted.
    let lines: Vec<&str> = out.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        if l.contains(" = ") && !l.starts_with('#') && !l.starts_with("paths") {
            let above = lines[i - 1];
            assert!(
                above.starts_with("# ") || l.starts_with("type"),
                "no reason above `{l}`"
            );
        }
    }
    assert!(out.contains("front-matter in 4"), "{out}");
    assert!(out.contains("Findings: "), "{out}");
    insta::assert_snapshot!("adopt.proposal", out);
}

#[test]
fn adopt_write_never_overwrites_and_never_writes_through_a_link() {
    let tmp = repository();
    let dir = tmp.path();
    let (code, shown, err) = run(&["adopt", ".", "--write", "--today", TODAY], Some(dir));
    assert_eq!(code, 0, "{err}");
    let written = std::fs::read_to_string(dir.join("smslint.toml")).unwrap();
    assert_eq!(written, shown);
    let (code, _, err) = run(&["adopt", ".", "--write", "--today", TODAY], Some(dir));
    assert_eq!(code, 2);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join("smslint.toml")).unwrap(),
        written
    );
    #[cfg(unix)]
    {
        let other = repository();
        let victim = tempfile::NamedTempFile::new().unwrap();
        std::os::unix::fs::symlink(victim.path(), other.path().join("smslint.toml")).unwrap();
        let (code, _, _) = run(&["adopt", ".", "--write"], Some(other.path()));
        assert_eq!(code, 2);
        assert_eq!(std::fs::read_to_string(victim.path()).unwrap(), "");
    }
}

/// Before adoption, `reviewed_on` is read through the label vocabulary ("Reviewed on") and
/// judged on the default 12-month cycle, so only the page a year late is overdue; the proposal
/// maps `review_every`, and the procedure on a 6-month cycle is overdue as well.
#[test]
fn check_with_the_adopted_configuration_reports_the_overdue_pages() {
    let tmp = repository();
    let dir = tmp.path();
    let (code, before, _) = run(&["check", ".", "--today", TODAY, "--format", "json"], Some(dir));
    assert!(code <= 1);
    let before: serde_json::Value = serde_json::from_str(&before).unwrap();
    let overdue = |v: &serde_json::Value| {
        let mut paths: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "SMS301")
            .map(|f| f["path"].as_str().unwrap().to_owned())
            .collect();
        paths.sort();
        paths
    };
    assert_eq!(
        overdue(&before),
        ["policies/access-control.md"],
        "without the mapping the default cycle applies"
    );
    let (code, _, err) = run(&["adopt", ".", "--write", "--today", TODAY], Some(dir));
    assert_eq!(code, 0, "{err}");
    let (code, after, err) = run(&["check", ".", "--today", TODAY, "--format", "json"], Some(dir));
    assert_eq!(
        code, 1,
        "the written smslint.toml must be valid input to check: {err}"
    );
    let after: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(
        overdue(&after),
        ["policies/access-control.md", "procedures/incident-handling.md"]
    );
}

/// A folder default would beat the type a title names: where it would change one (a plan kept
/// under `procedures/`), the folder's default is not proposed, and the other folder's still is.
#[test]
fn adopt_proposes_no_folder_type_that_would_retype_a_titled_document() {
    let tmp = repository();
    std::fs::write(
        tmp.path().join("procedures/continuity.md"),
        "---\nid: PLN-030\ntitle: Service Continuity Plan\nmaintainer: Head of IT\nversion: \"1.0\"\nstatus: draft\n---\n\n# Service Continuity Plan\n",
    )
    .unwrap();
    let (code, out, err) = run(&["adopt", ".", "--today", TODAY], Some(tmp.path()));
    assert_eq!(code, 0, "{err}");
    let v: toml::Table = toml::from_str(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
    let paths: Vec<&str> = v["document-control"]["defaults"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["paths"][0].as_str())
        .collect();
    assert_eq!(paths, ["policies/**"], "{out}");
}
