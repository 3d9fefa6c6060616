//! The registry's invariants, checked in process: the kinds and their codes are sorted and
//! unique, every code sits in its family, every kind documents itself with the sections
//! `smslint explain` prints, every code has a fixture case, and the README's code table names
//! every code as `smslint rules` does.

use std::collections::HashSet;
use std::path::Path;

use smslint::checks::{self, KINDS};

/// The families of issue #2 (and 7xx change control): the hundreds digit of a code.
const FAMILIES: [char; 8] = ['1', '2', '3', '4', '5', '6', '7', '9'];

/// Codes no `fixtures/cases/` folder can raise, each with the test file that raises it: the
/// stages after the checks need command-line input a case folder does not carry (a cap, a
/// baseline). A base branch and an unreadable file are made by `cases.rs` from the case folder.
const RAISED_ELSEWHERE: [(&str, &str); 2] = [
    ("SMS910", "src/checks/finding_cap.rs"),
    ("SMS920", "tests/it/baseline.rs"),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn kinds_are_sorted_unique_and_own_their_rules() {
    let ids: Vec<&str> = KINDS.iter().map(|k| k.id).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(ids, sorted, "KINDS must be sorted by id, without repeats");
    for k in KINDS {
        assert!(!k.rules.is_empty(), "{}: a kind emits at least one code", k.id);
        for r in k.rules {
            assert_eq!(r.kind, k.id, "{}: declared by kind {}", r.code, k.id);
        }
        let codes: Vec<&str> = k.rules.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        assert_eq!(codes, sorted, "{}: codes in order", k.id);
    }
}

#[test]
fn codes_and_names_are_unique_well_formed_and_in_their_family() {
    let rules = checks::rules();
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for r in &rules {
        assert!(codes.insert(r.code), "{} declared twice", r.code);
        assert!(names.insert(r.name), "name {} declared twice", r.name);
        let digits = r.code.strip_prefix("SMS").expect("codes start with SMS");
        assert!(
            digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit()),
            "{}: SMS and three digits",
            r.code
        );
        let family = digits.chars().next().unwrap();
        assert!(FAMILIES.contains(&family), "{}: unknown family", r.code);
        assert!(
            r.name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !r.name.starts_with('-')
                && !r.name.ends_with('-'),
            "{}: name `{}` is kebab-case",
            r.code,
            r.name
        );
    }
}

#[test]
fn every_kind_documents_the_explain_sections() {
    for k in KINDS {
        let text = k.text();
        for section in [
            "## What it checks",
            "## Why auditors care",
            "## How to fix",
            "## Example",
        ] {
            assert!(text.contains(section), "{}: `{section}` missing", k.id);
        }
    }
}

#[test]
fn every_code_has_a_fixture_case() {
    let cases: Vec<String> = std::fs::read_dir(root().join("fixtures/cases"))
        .expect("fixtures/cases")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    for r in checks::rules() {
        let prefix = format!("{}-", r.code.to_ascii_lowercase());
        if cases.iter().any(|c| c.starts_with(&prefix)) {
            continue;
        }
        let (_, file) = RAISED_ELSEWHERE
            .iter()
            .find(|(c, _)| *c == r.code)
            .unwrap_or_else(|| panic!("{}: no fixtures/cases/{prefix}… folder", r.code));
        let text = std::fs::read_to_string(root().join(file)).expect("test file");
        assert!(text.contains(r.code), "{}: {file} does not raise it", r.code);
    }
    for (code, _) in RAISED_ELSEWHERE {
        assert!(checks::find_rule(code).is_some(), "{code}: not a code any more");
    }
}

#[test]
fn every_code_explains_itself_with_every_section() {
    let config = smslint::config::Config::default();
    let packs = smslint::pack::Packs::load(&config.packs, root(), &smslint::checks::rules())
        .expect("built-in pack loads");
    for r in checks::rules() {
        for key in [r.code, r.name] {
            let item =
                smslint::explain::lookup(key, &packs).unwrap_or_else(|| panic!("explain {key}: unknown"));
            let text = smslint::explain::text(&item, &packs);
            assert!(text.contains(r.code), "explain {key} names {}", r.code);
            for section in [
                "## What it checks",
                "## Why auditors care",
                "## How to fix",
                "## Example",
            ] {
                assert!(text.contains(section), "explain {key}: `{section}` missing");
            }
        }
    }
}

/// `(code, name, severity)` of every row of `smslint rules`.
fn rules_listed() -> Vec<(String, String, String)> {
    let tmp = tempfile::tempdir().unwrap();
    let (code, out, err) = crate::common::run(&["rules"], Some(tmp.path()));
    assert_eq!(code, 0, "{err}");
    out.lines()
        .map(|l| {
            let mut w = l.split_whitespace().map(str::to_owned);
            let (c, n, s) = (w.next(), w.next(), w.next());
            (c.unwrap(), n.unwrap(), s.unwrap())
        })
        .collect()
}

#[test]
fn readme_code_tables_equal_smslint_rules() {
    // Every single-code row of the README's tables, in order of code: code, name and the first
    // word of the severity cell, as `smslint rules` prints them.
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let mut rows: Vec<(String, String, String)> = readme
        .lines()
        .filter(|l| l.starts_with("| SMS") && !l.contains('–'))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let severity = cells[3].split_whitespace().next().unwrap_or("");
            (cells[1].to_owned(), cells[2].to_owned(), severity.to_owned())
        })
        .collect();
    rows.sort();
    rows.dedup();
    assert_eq!(
        rows,
        rules_listed(),
        "README.md's code tables differ from `smslint rules`"
    );
}

#[test]
fn readme_code_table_names_every_code() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let rows: Vec<&str> = readme.lines().filter(|l| l.starts_with("| SMS")).collect();
    // A row either names one code and its name, or a range of codes described elsewhere.
    let ranges: Vec<(u32, u32)> = rows
        .iter()
        .flat_map(|row| row.split('|').nth(1).unwrap_or("").split(','))
        .filter_map(|cell| {
            let (a, b) = cell.trim().split_once('–')?;
            Some((
                a.trim().strip_prefix("SMS")?.parse().ok()?,
                b.trim().strip_prefix("SMS")?.parse().ok()?,
            ))
        })
        .collect();
    for r in checks::rules() {
        let row = format!("| {} | {} |", r.code, r.name);
        let n: u32 = r.code[3..].parse().unwrap();
        assert!(
            rows.iter().any(|l| l.starts_with(&row)) || ranges.iter().any(|&(a, b)| a <= n && n <= b),
            "README.md's code table lacks `{row}`"
        );
    }
    for row in rows.iter().filter(|l| !l.contains('–')) {
        let code = row.split('|').nth(1).unwrap_or("").trim();
        assert!(
            checks::find_rule(code).is_some(),
            "README.md lists unknown code {code}"
        );
    }
}
