//! One fixture repository per code under `fixtures/cases/`: the folder name starts with the code
//! it must raise (a name without a code is a clean case). Each case is checked in process through
//! the one adapter, [`lint_dir`], and snapshotted in the `concise` format (`path:line:col: CODE
//! message`), so every finding's place is seen; insta's `glob!` reports every failing case.
//!
//! Two things git cannot carry are made in a copy of the case (see [`prepare`]): a base branch
//! (`X.base` is file `X` at the base; the case runs with `--suppressions-from HEAD`) and a file
//! that is no regular file (`X.socket` puts a Unix socket at `X`).

use std::path::Path;

use crate::common::{self, check_json, copy_tree, fixtures, git, lint_dir};

/// A case made runnable: where to check it, and the base ref when it has one.
struct Prepared {
    /// The copy, when the case needed one (removed on drop).
    _copy: Option<tempfile::TempDir>,
    /// A socket made for the case, kept open for the run.
    _sockets: Vec<std::os::unix::net::UnixListener>,
    /// The folder to check.
    dir: std::path::PathBuf,
    /// `--suppressions-from`.
    base: Option<&'static str>,
}

/// The case folder itself, or a copy in a temporary folder where each `X.base` file is `X` in a
/// git commit (HEAD, the base branch) while the working tree holds the case's own `X`, and each
/// `X.socket` file is replaced by a Unix socket at `X`.
fn prepare(case: &Path) -> Prepared {
    let special = |suffix: &str| -> Vec<String> {
        let mut v: Vec<String> = walk(case)
            .into_iter()
            .filter_map(|rel| rel.strip_suffix(suffix).map(str::to_owned))
            .collect();
        v.sort();
        v
    };
    let (bases, sockets) = (special(".base"), special(".socket"));
    if bases.is_empty() && sockets.is_empty() {
        return Prepared {
            _copy: None,
            _sockets: Vec::new(),
            dir: case.to_path_buf(),
            base: None,
        };
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    copy_tree(case, &dir);
    let mut base = None;
    if !bases.is_empty() {
        for rel in &bases {
            std::fs::rename(dir.join(rel), dir.join(format!("{rel}.head"))).unwrap();
            std::fs::rename(dir.join(format!("{rel}.base")), dir.join(rel)).unwrap();
        }
        git(&dir, &["init", "-q"]);
        git(&dir, &["add", "-A"]);
        git(&dir, &["commit", "-q", "-m", "base"]);
        for rel in &bases {
            std::fs::rename(dir.join(format!("{rel}.head")), dir.join(rel)).unwrap();
        }
        base = Some("HEAD");
    }
    let mut listeners = Vec::new();
    for rel in &sockets {
        std::fs::remove_file(dir.join(format!("{rel}.socket"))).unwrap();
        listeners.push(std::os::unix::net::UnixListener::bind(dir.join(rel)).unwrap());
    }
    Prepared {
        _copy: Some(tmp),
        _sockets: listeners,
        dir,
        base,
    }
}

/// Every regular file under `dir`, relative to it, with `/` separators.
fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().unwrap().is_dir() {
            out.extend(walk(&entry.path()).into_iter().map(|r| format!("{name}/{r}")));
        } else {
            out.push(name);
        }
    }
    out
}

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
            let case = prepare(dir);
            let got = lint_dir(&case.dir, case.base);
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
    let got = lint_dir(&dir, None);
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
