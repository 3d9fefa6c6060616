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
    // The new documents' owners and approvers are roles the repository's register defines
    // (its usual ones), so none of them is an undefined role.
    assert!(!codes.iter().any(|c| c == "SMS404"), "{codes:?}");
}

#[test]
fn init_names_the_roles_an_existing_register_must_gain() {
    let d = acme_copy();
    // The release process gone, init proposes one, with a RACI matrix of the starter roles.
    std::fs::remove_file(d.path().join("processes/release-and-deployment.md")).unwrap();
    let dir = d.path().to_string_lossy().into_owned();
    let (code, plan, err) = run(&["init", &dir], None);
    assert_eq!(code, 0, "{err}");
    assert!(plan.contains("create  processes/"), "{plan}");
    assert!(
        plan.contains("does not define yet: add a row for `Process Manager`, `Process Owner`"),
        "{plan}"
    );
    let (code, out, err) = run(&["init", &dir, "--write"], None);
    assert_eq!(code, 0, "{err}");
    // Said again after writing, and the register itself is left as it was.
    assert!(out.contains("does not define yet"), "{out}");
    let register = std::fs::read_to_string(d.path().join("roles/roles-register.md")).unwrap();
    let original = std::fs::read_to_string(fixtures().join("acme-sms/roles/roles-register.md")).unwrap();
    assert_eq!(register, original);
}
