//! Real policy repositories, checked with no configuration: the count of each code on each
//! corpus is pinned, so a change in what smslint reads or reports on other people's documents is
//! seen and judged. The corpora are not vendored (their licences are not ours to redistribute);
//! they live in `../shared/corpora` beside the repository, or where `SMSLINT_CORPORA` points.
//! A missing corpus fails the test: it never passes by skipping.

use crate::common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::run;

/// The date the pinned counts were taken on.
const DAY: &str = "2026-12-01";

fn corpora() -> PathBuf {
    std::env::var_os("SMSLINT_CORPORA").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora"),
        PathBuf::from,
    )
}

fn counts(name: &str) -> BTreeMap<String, usize> {
    let dir = corpora().join(name);
    assert!(
        dir.is_dir(),
        "corpus `{name}` not found under {}: set SMSLINT_CORPORA to the folder of the corpora",
        corpora().display()
    );
    let (_, json, err) = run(
        &[
            "check",
            &dir.to_string_lossy(),
            "--today",
            DAY,
            "--format",
            "json",
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name}: {e}; {err}"));
    let mut out = BTreeMap::new();
    for f in v["findings"].as_array().expect("findings") {
        *out.entry(f["code"].as_str().expect("code").to_owned())
            .or_default() += 1;
    }
    out
}

fn pinned(list: &[(&str, usize)]) -> BTreeMap<String, usize> {
    list.iter().map(|(c, n)| ((*c).to_owned(), *n)).collect()
}

#[test]
fn jupiterone_templates_have_no_metadata_in_any_shape() {
    assert_eq!(
        counts("JupiterOne__security-policy-templates"),
        pinned(&[
            ("SMS101", 30),
            ("SMS103", 22),
            ("SMS201", 209),
            ("SMS503", 19),
            ("SMS601", 101),
            ("SMS602", 4),
            ("SMS606", 20),
        ])
    );
}

#[test]
fn kriss_b_changelog_tables_are_read() {
    assert_eq!(
        counts("kriss-b__llm-iso27001"),
        pinned(&[
            ("SMS101", 26),
            ("SMS102", 3),
            ("SMS103", 22),
            ("SMS201", 51),
            ("SMS202", 123),
            ("SMS205", 1),
            ("SMS207", 8),
            ("SMS401", 1),
            ("SMS503", 416),
        ])
    );
}

#[test]
fn openregulatory_process_tables_are_read() {
    assert_eq!(
        counts("openregulatory__templates"),
        pinned(&[
            ("SMS101", 29),
            ("SMS103", 22),
            ("SMS201", 73),
            ("SMS202", 63),
            ("SMS401", 1),
            ("SMS503", 27),
        ])
    );
}

#[test]
fn strongdm_headerless_yaml_and_its_revision_lists_are_read() {
    assert_eq!(
        counts("strongdm__comply"),
        pinned(&[
            ("SMS101", 29),
            ("SMS102", 1),
            ("SMS103", 22),
            ("SMS201", 6),
            ("SMS202", 290),
            ("SMS204", 8),
            ("SMS206", 8),
            ("SMS301", 64),
            ("SMS503", 104),
        ])
    );
}
