//! The incremental cache (issue #15): a run that uses it gives exactly what a run without it
//! gives, whatever happened to the files or to the cache file in between. Each test checks a
//! copy of acme-sms (or a small generated repository) with a cache in a temporary folder, and
//! compares the JSON report with an uncached run's; the cache's [`Report`] says which path each
//! document took, so a test also shows that the cache was used (or discarded) as it claims.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, RngSeed};
use smslint::cache::{Found, Report};

use crate::common::{self, TODAY};

/// A copy of acme-sms and an empty cache folder, both temporary.
struct Repo {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    cache: PathBuf,
}

fn acme() -> Repo {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    common::copy_tree(&common::fixtures().join("acme-sms"), &root);
    let cache = tmp.path().join("cache");
    Repo {
        _tmp: tmp,
        root,
        cache,
    }
}

/// The JSON report of `smslint check ROOT --today TODAY` run in process, with the cache in
/// `cache` (`None`: no cache), and what the cache did.
fn check(root: &Path, cache: Option<&Path>, select: &[&str]) -> (String, Option<Report>) {
    let mut loaded = smslint::app::load(&smslint::app::Options {
        paths: vec![root.to_path_buf()],
        today: Some(TODAY.parse().unwrap()),
        max_findings_per_file: Some(1000),
        select: select.iter().map(|s| (*s).to_owned()).collect(),
        cache: cache.map(Path::to_path_buf),
        retain_for_checks: true,
        ..smslint::app::Options::default()
    })
    .unwrap();
    let report = loaded.cache.take();
    (common::render(&loaded, smslint::output::Format::Json), report)
}

/// Check `repo` with its cache and without, assert both reports are the same, and return what
/// the cache did.
fn same_as_uncached(repo: &Repo) -> Report {
    let (cached, report) = check(&repo.root, Some(&repo.cache), &[]);
    let (fresh, _) = check(&repo.root, None, &[]);
    assert_eq!(cached, fresh, "the cached run differs from an uncached one");
    let report = report.expect("the run used the cache");
    assert_eq!(report.written.as_ref().err(), None, "the cache was written");
    report
}

/// Files written within the racy window of a run are re-hashed rather than trusted on their
/// status: let them age past it, so the next run can take them on status alone.
fn age_past_racy_window() {
    std::thread::sleep(std::time::Duration::from_nanos(
        u64::try_from(smslint::cache::RACY).unwrap() + 300_000_000,
    ));
}

/// Put `edit` into the cache file of `report`, rewriting it.
fn tamper(report: &Report, edit: impl FnOnce(&mut Vec<u8>)) {
    let mut bytes = std::fs::read(&report.file).unwrap();
    edit(&mut bytes);
    std::fs::write(&report.file, bytes).unwrap();
}

#[test]
fn a_warm_run_equals_the_cold_run_and_reads_only_what_changed() {
    let repo = acme();
    let cold = same_as_uncached(&repo);
    assert_eq!(cold.found, Found::Missing);
    assert!(cold.parsed > 30, "{cold:?}");
    assert_eq!(cold.written, Ok(true));
    // Just written files are racy: their bytes are read and found the same.
    let racy = same_as_uncached(&repo);
    assert_eq!(racy.found, Found::Valid);
    assert_eq!((racy.parsed, racy.same_bytes), (0, cold.parsed), "{racy:?}");
    // Still racy against the run that just recorded them; once they are older than the last
    // recording run by the window, their status alone is trusted.
    age_past_racy_window();
    assert_eq!(same_as_uncached(&repo).same_bytes, cold.parsed);
    let warm = same_as_uncached(&repo);
    assert_eq!(
        (warm.parsed, warm.same_bytes, warm.unchanged),
        (0, 0, cold.parsed),
        "{warm:?}"
    );
    // The same records under a later horizon: nothing to write.
    let again = same_as_uncached(&repo);
    assert_eq!(again.written, Ok(false));

    // An edit that changes the size is read and parsed again.
    let doc = repo.root.join("policies/information-security-policy.md");
    let text = std::fs::read_to_string(&doc).unwrap();
    std::fs::write(&doc, text.replace("last_reviewed: ", "last_reviewed:  ")).unwrap();
    let edited = same_as_uncached(&repo);
    assert_eq!(edited.parsed, 1, "{edited:?}");
    // A deleted document drops out, a new one comes in.
    std::fs::remove_file(&doc).unwrap();
    std::fs::write(repo.root.join("policies/new.md"), "# New\n\nText.\n").unwrap();
    let moved = same_as_uncached(&repo);
    assert_eq!(moved.parsed, 1, "{moved:?}");
}

#[test]
fn an_edit_that_keeps_the_size_and_the_modification_time_is_seen() {
    let repo = acme();
    let doc = repo.root.join("policies/information-security-policy.md");
    let before = same_as_uncached(&repo);
    age_past_racy_window();
    same_as_uncached(&repo);
    assert_eq!(
        same_as_uncached(&repo).unchanged,
        before.parsed,
        "trusted on status"
    );
    let text = std::fs::read_to_string(&doc).unwrap();
    let mtime = std::fs::metadata(&doc).unwrap().modified().unwrap();
    // `last_reviewed: 2026-…` → a date one digit off, the same length, and the old time put back.
    let edited = text.replacen("last_reviewed: 20", "last_reviewed: 19", 1);
    assert_ne!(edited, text, "the fixture has a review date");
    assert_eq!(edited.len(), text.len());
    std::fs::write(&doc, &edited).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&doc)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(std::fs::metadata(&doc).unwrap().modified().unwrap(), mtime);
    let after = same_as_uncached(&repo);
    assert_eq!(after.parsed, 1, "{after:?}");
    assert_eq!(after.unchanged, before.parsed - 1, "{after:?}");
}

/// One damage done to a cache file's bytes.
type Damage = dyn Fn(&mut Vec<u8>);

#[test]
fn a_corrupt_truncated_or_foreign_cache_is_discarded_and_rebuilt() {
    let repo = acme();
    let cold = same_as_uncached(&repo);
    let len = std::fs::metadata(&cold.file).unwrap().len() as usize;
    let cases: [(&str, Box<Damage>); 7] = [
        ("a flipped body byte", Box::new(move |b| b[len / 2] ^= 0x55)),
        ("a flipped run time", Box::new(|b| b[40] ^= 0x01)),
        ("truncated", Box::new(move |b| b.truncate(len / 2))),
        ("header only", Box::new(|b| b.truncate(40))),
        ("another format", Box::new(|b| b[8] = b[8].wrapping_add(1))),
        ("another key", Box::new(|b| b[20] ^= 0xff)),
        (
            "garbage",
            Box::new(|b| b.iter_mut().for_each(|x| *x = x.wrapping_mul(31))),
        ),
    ];
    for (what, edit) in cases {
        tamper(&cold, edit);
        let report = same_as_uncached(&repo);
        assert!(matches!(report.found, Found::Discarded(_)), "{what}: {report:?}");
        assert_eq!(report.parsed, cold.parsed, "{what}: rebuilt from nothing");
        assert_eq!(report.written, Ok(true), "{what}");
        assert_eq!(
            same_as_uncached(&repo).found,
            Found::Valid,
            "{what}: the rebuilt file"
        );
    }
    // An empty file, and a valid header over a body of another run (a torn write).
    tamper(&cold, Vec::clear);
    assert!(matches!(same_as_uncached(&repo).found, Found::Discarded(_)));
    let whole = std::fs::read(&cold.file).unwrap();
    std::fs::write(repo.root.join("policies/extra.md"), "# Extra\n").unwrap();
    same_as_uncached(&repo);
    tamper(&cold, |b| {
        b.truncate(68);
        b.extend_from_slice(&whole[68..]);
    });
    assert!(matches!(same_as_uncached(&repo).found, Found::Discarded(_)));
}

#[test]
fn another_configuration_or_selection_discards_the_cache() {
    let repo = acme();
    let cold = same_as_uncached(&repo);
    // Another rule selection: the per-document findings differ, so the records do too.
    let (cached, report) = check(&repo.root, Some(&repo.cache), &["SMS3"]);
    let (fresh, _) = check(&repo.root, None, &["SMS3"]);
    assert_eq!(cached, fresh);
    let report = report.unwrap();
    assert!(matches!(report.found, Found::Discarded(_)), "{report:?}");
    assert_eq!(report.parsed, cold.parsed);
    // Another configuration file: the same.
    same_as_uncached(&repo);
    let config = repo.root.join("smslint.toml");
    let text = std::fs::read_to_string(&config).unwrap_or_default();
    std::fs::write(&config, format!("{text}\nmax-file-size = 100\n")).unwrap();
    let report = same_as_uncached(&repo);
    assert!(matches!(report.found, Found::Discarded(_)), "{report:?}");
}

#[test]
fn concurrent_runs_leave_a_whole_cache_and_the_same_report() {
    let repo = acme();
    let (fresh, _) = check(&repo.root, None, &[]);
    let cache = repo.cache.to_string_lossy().into_owned();
    let root = repo.root.to_string_lossy().into_owned();
    for round in 0..3 {
        if round == 1 {
            std::fs::write(repo.root.join("policies/extra.md"), "# Extra\n").unwrap();
        }
        let (fresh, _) = if round == 0 {
            (fresh.clone(), None)
        } else {
            check(&repo.root, None, &[])
        };
        let children: Vec<_> = (0..3)
            .map(|_| {
                common::smslint()
                    .args([
                        "check",
                        &root,
                        "--today",
                        TODAY,
                        "--format",
                        "json",
                        "--cache-dir",
                        &cache,
                    ])
                    .stdout(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            let json = String::from_utf8(out.stdout).unwrap();
            assert_eq!(json.trim_end(), fresh.trim_end(), "round {round}");
        }
        let report = same_as_uncached(&repo);
        // The binary's key (its own build) differs from the test's: a whole file of another key.
        assert!(
            matches!(report.found, Found::Discarded(ref why) if why.contains("another version")),
            "{report:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn the_cache_is_never_written_through_a_link() {
    let repo = acme();
    let cold = same_as_uncached(&repo);
    // A link at the cache file: replaced by a regular file, its target untouched.
    let elsewhere = repo.root.parent().unwrap().join("elsewhere");
    std::fs::write(&elsewhere, "keep me").unwrap();
    std::fs::remove_file(&cold.file).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &cold.file).unwrap();
    let report = same_as_uncached(&repo);
    assert!(matches!(report.found, Found::Discarded(_)), "{report:?}");
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "keep me");
    assert!(
        !std::fs::symlink_metadata(&cold.file)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A cache folder that is a link: not written at all.
    let real = repo.root.parent().unwrap().join("real");
    std::fs::create_dir(&real).unwrap();
    let linked = repo.root.parent().unwrap().join("linked");
    std::os::unix::fs::symlink(&real, &linked).unwrap();
    let (cached, report) = check(&repo.root, Some(&linked), &[]);
    assert_eq!(cached, check(&repo.root, None, &[]).0);
    assert!(report.unwrap().written.is_err());
    assert_eq!(std::fs::read_dir(&real).unwrap().count(), 0);
    // A folder inside the repository that links out of it, on the way to the cache folder.
    std::os::unix::fs::symlink(&real, repo.root.join("out")).unwrap();
    let (_, report) = check(&repo.root, Some(&repo.root.join("out/cache")), &[]);
    assert!(report.unwrap().written.is_err());
    assert_eq!(std::fs::read_dir(&real).unwrap().count(), 0);
}

#[test]
fn the_binary_uses_no_cache_in_ci_and_the_given_folder_otherwise() {
    let repo = acme();
    let root = repo.root.to_string_lossy().into_owned();
    let home = repo.root.parent().unwrap().join("home");
    let run = |ci: bool, extra: &[&str]| {
        let mut c = common::smslint();
        c.args(["check", &root, "--today", TODAY, "--format", "json"])
            .args(extra);
        c.env("XDG_CACHE_HOME", &home).env("HOME", &home);
        if !ci {
            c.env_remove("CI");
        }
        assert!(c.output().unwrap().status.code().is_some());
    };
    run(true, &[]);
    assert!(!home.exists(), "CI=true: no cache");
    run(false, &["--no-cache"]);
    assert!(!home.exists(), "--no-cache: no cache");
    run(true, &["--cache"]);
    assert_eq!(
        std::fs::read_dir(home.join("smslint")).unwrap().count(),
        1,
        "--cache in CI"
    );
    std::fs::remove_dir_all(&home).unwrap();
    run(false, &[]);
    assert_eq!(
        std::fs::read_dir(home.join("smslint")).unwrap().count(),
        1,
        "on by default"
    );
    run(true, &["--cache-dir", &repo.cache.to_string_lossy()]);
    assert_eq!(std::fs::read_dir(&repo.cache).unwrap().count(), 1, "--cache-dir");
}

/// One random edit of the small repository.
#[derive(Debug, Clone)]
enum Edit {
    /// Replace document `n` with variant `v` of the texts below.
    Write(usize, usize),
    /// Same length, other bytes: swap two digits of document `n`'s dates, time kept.
    Digits(usize),
    /// Remove document `n`.
    Remove(usize),
    /// Set every modification time back an hour (the status changes, the bytes do not).
    Touch,
}

const VARIANTS: [&str; 4] = [
    "---\nid: POL-00{n}\ntitle: Policy {n}\nowner: Service Owner\nstatus: approved\nversion: 1.0\nlast_reviewed: 2026-01-10\nnext_review: 2027-01-10\n---\n# Policy {n}\n\n## Purpose\n\nThe purpose of policy {n}.\n\nSee [the other](policy-1.md).\n",
    "---\nid: POL-00{n}\ntitle: Policy {n}\nowner: TBD\nstatus: draft\nversion: 0.1\nlast_reviewed: 2025-01-10\nnext_review: 2025-06-10\n---\n# Policy {n}\n\nTBD\n\n[broken](missing.md)\n",
    "# Policy {n}\n\n| Role | R | A |\n|---|---|---|\n| Owner | x | x |\n",
    "---\nid: [\nbroken\n---\n# Policy {n}\n",
];

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        4 => (0..4usize, 0..VARIANTS.len()).prop_map(|(n, v)| Edit::Write(n, v)),
        2 => (0..4usize).prop_map(Edit::Digits),
        1 => (0..4usize).prop_map(Edit::Remove),
        2 => Just(Edit::Touch),
    ];
    proptest::collection::vec(edit, 1..8)
}

fn apply(root: &Path, edit: &Edit) {
    let path = |n: usize| root.join(format!("policies/policy-{n}.md"));
    match *edit {
        Edit::Write(n, v) => std::fs::write(path(n), VARIANTS[v].replace("{n}", &n.to_string())).unwrap(),
        Edit::Digits(n) => {
            let Ok(text) = std::fs::read_to_string(path(n)) else {
                return;
            };
            let mtime = std::fs::metadata(path(n)).unwrap().modified().unwrap();
            let swapped = text.replacen("2026", "2062", 1).replacen("2025", "2052", 1);
            std::fs::write(path(n), swapped).unwrap();
            let f = std::fs::File::options().write(true).open(path(n)).unwrap();
            f.set_modified(mtime).unwrap();
        }
        Edit::Remove(n) => {
            let _ = std::fs::remove_file(path(n));
        }
        Edit::Touch => {
            let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
            for n in 0..4 {
                if let Ok(f) = std::fs::File::options().write(true).open(path(n)) {
                    f.set_modified(hour_ago).unwrap();
                }
            }
        }
    }
}

fn config() -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = 24;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = RngSeed::Fixed(150_015);
    }
    c.failure_persistence = None;
    c
}

proptest! {
    #![proptest_config(config())]

    /// Random edits of a small repository: after each one, the cached run's JSON report is the
    /// uncached run's.
    #[test]
    fn cached_and_uncached_runs_agree_after_random_edits(steps in edits()) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("repo");
        std::fs::create_dir_all(root.join("policies")).unwrap();
        std::fs::write(root.join("README.md"), "# Repo\n").unwrap();
        for n in 0..4 {
            apply(&root, &Edit::Write(n, n % VARIANTS.len()));
        }
        let cache = tmp.path().join("cache");
        for (i, step) in steps.iter().enumerate() {
            let (cached, report) = check(&root, Some(&cache), &[]);
            let (fresh, _) = check(&root, None, &[]);
            prop_assert_eq!(&cached, &fresh, "before step {} ({:?})", i, step);
            prop_assert!(report.unwrap().written.is_ok());
            apply(&root, step);
        }
        let (cached, _) = check(&root, Some(&cache), &[]);
        prop_assert_eq!(cached, check(&root, None, &[]).0);
    }
}
