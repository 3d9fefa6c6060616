//! `smslint init` in a repository that already has documents: it proposes only what is missing,
//! prints the plan unless `--write`, reuses the roles register, chooses unused ids and never
//! overwrites a file.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::{self, copy_tree, fixtures, run};

fn files(dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

fn acme_copy() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("acme-sms"), d.path());
    d
}

#[test]
fn init_on_a_complete_repository_creates_nothing() {
    let d = acme_copy();
    let before = files(d.path());
    let dir = d.path().to_string_lossy().into_owned();
    let (code, out, err) = run(&["init", &dir], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Nothing to create"), "{out}");
    let (code, out, err) = run(&["init", &dir, "--write"], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Nothing to create"), "{out}");
    assert_eq!(files(d.path()), before);
}

#[test]
fn init_on_a_half_complete_repository_creates_only_the_missing_documents() {
    let d = acme_copy();
    let removed = [
        "policies/service-management-policy.md",
        "registers/risk-register.md",
        "registers/improvement-register.md",
    ];
    for r in removed {
        std::fs::remove_file(d.path().join(r)).unwrap();
    }
    let before = files(d.path());
    let dir = d.path().to_string_lossy().into_owned();
    // The folder has documents: the plan is printed, nothing written.
    let (code, plan, err) = run(&["init", &dir], None);
    assert_eq!(code, 0, "{err}");
    assert!(plan.contains("(nothing written)"), "{plan}");
    assert_eq!(files(d.path()), before);
    for r in removed {
        assert!(plan.contains(&format!("create  {r}")), "{r} in {plan}");
    }
    let (code, out, err) = run(&["init", &dir, "--write"], None);
    assert_eq!(code, 0, "{err}");
    let created: BTreeSet<String> = files(d.path()).difference(&before).cloned().collect();
    assert_eq!(
        created,
        removed.iter().map(|r| (*r).to_owned()).collect(),
        "{out}"
    );
    // No second roles register, no reused id, no duplicate role.
    assert!(!created.iter().any(|c| c.contains("roles")), "{created:?}");
    let (_, json, err) = common::check_json(d.path(), &[]);
    let codes = common::codes(&json);
    assert!(
        !codes.iter().any(|c| c == "SMS206" || c == "SMS402"),
        "{codes:?} {err}"
    );
    assert!(!codes.iter().any(|c| c == "SMS101"), "{codes:?}");
}
