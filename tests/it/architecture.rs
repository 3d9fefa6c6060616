//! The layering the README's "Architecture" section draws, enforced: every `crate::` path in
//! `src/` is read, each top-level module may name only modules of its own layer or below, and
//! the module graph has no cycle. A new module must be given a layer here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Bottom to top. A module may depend on modules in its own layer or a lower one.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "text",
        &[
            "clause",
            "dates",
            "line_index",
            "neutral",
            "slug",
            "snippet",
            "suggest",
            "text",
            "fsx",
            "hash",
            "intern",
        ],
    ),
    (
        "rules",
        &["finding", "error", "vocab", "pack", "config", "matcher"],
    ),
    ("document", &["document", "git", "baseline"]),
    ("workspace", &["workspace"]),
    ("index", &["index", "roles"]),
    ("checks", &["checks", "calendar"]),
    (
        "lint",
        &["lint", "outcome", "app", "cache", "gap", "adopt", "init"],
    ),
    ("output", &["output", "explain"]),
    ("commands", &["commands", "cli"]),
    ("main", &["main", "lib"]),
];

/// Edges that break the layering, each to be removed (issue #14): none. The test fails on an
/// edge against the layering that is not listed, and on a listed edge that no longer exists,
/// so this list only shrinks; the cycle test ignores these edges.
const KNOWN: &[(&str, &str)] = &[];

/// Edges between modules of one layer that close a cycle, each to be removed: none. The cycle
/// test ignores them and fails when one no longer exists, so this list only shrinks.
const KNOWN_CYCLES: &[(&str, &str)] = &[];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

/// The top-level module a source file belongs to (`src/checks/links.rs` → `checks`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src");
    let first = rel.components().next().expect("a component");
    let name = first.as_os_str().to_string_lossy();
    name.strip_suffix(".rs").unwrap_or(&name).to_owned()
}

/// Every top-level module named by a `crate::` path in `text`, including `use crate::{a, b}`.
fn imports(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The names at the group's first level: `{a::{b, c}, d}` names `a` and `d`.
            let (mut depth, mut expecting) = (1usize, true);
            let mut chars = group.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 1 => break,
                    '}' => depth -= 1,
                    ',' if depth == 1 => expecting = true,
                    c if expecting && depth == 1 && (c.is_alphanumeric() || c == '_') => {
                        let name: String = group[i..]
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        for _ in 1..name.chars().count() {
                            chars.next();
                        }
                        out.insert(name);
                        expecting = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.expect("readable src");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let module = module_of(&src, entry.path());
        let text = std::fs::read_to_string(entry.path()).expect("utf-8 source");
        // Comments (doc links among them) are no dependency.
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let deps = graph.entry(module.clone()).or_default();
        deps.extend(imports(&code).into_iter().filter(|d| *d != module));
    }
    graph
}

#[test]
fn every_module_has_a_layer() {
    let unknown: Vec<String> = graph()
        .keys()
        .filter(|m| layer_of(m).is_none())
        .cloned()
        .collect();
    assert!(
        unknown.is_empty(),
        "give these modules a layer in LAYERS: {unknown:?}"
    );
}

#[test]
fn no_module_imports_a_layer_above_it() {
    let mut wrong = Vec::new();
    let mut seen = BTreeSet::new();
    for (module, deps) in graph() {
        let Some(own) = layer_of(&module) else { continue };
        for d in deps {
            if let Some(l) = layer_of(&d).filter(|l| *l > own) {
                if KNOWN.contains(&(module.as_str(), d.as_str())) {
                    seen.insert((module.clone(), d.clone()));
                } else {
                    wrong.push(format!(
                        "(\"{module}\", \"{d}\"), // {} uses {}",
                        LAYERS[own].0, LAYERS[l].0
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layering:\n{}",
        wrong.join("\n")
    );
    let gone: Vec<_> = KNOWN
        .iter()
        .filter(|(a, b)| !seen.contains(&((*a).to_owned(), (*b).to_owned())))
        .collect();
    assert!(
        gone.is_empty(),
        "no longer against the layering, remove from KNOWN: {gone:?}"
    );
}

#[test]
fn the_module_graph_has_no_cycle() {
    let g = graph();
    // Depth-first search with colours; a grey node met again closes a cycle.
    fn visit<'a>(
        n: &'a str,
        g: &'a BTreeMap<String, BTreeSet<String>>,
        colour: &mut BTreeMap<&'a str, u8>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        match colour.get(n) {
            Some(1) => {
                let from = path.iter().position(|p| *p == n).unwrap_or(0);
                let mut cycle: Vec<String> = path[from..].iter().map(|s| (*s).to_owned()).collect();
                cycle.push(n.to_owned());
                return Some(cycle);
            }
            Some(2) => return None,
            _ => {}
        }
        colour.insert(n, 1);
        path.push(n);
        for d in g.get(n).into_iter().flatten() {
            let known = KNOWN.contains(&(n, d.as_str())) || KNOWN_CYCLES.contains(&(n, d.as_str()));
            if g.contains_key(d.as_str()) && !known {
                if let Some(c) = visit(d, g, colour, path) {
                    return Some(c);
                }
            }
        }
        path.pop();
        colour.insert(n, 2);
        None
    }
    let gone: Vec<_> = KNOWN_CYCLES
        .iter()
        .filter(|(a, b)| !g.get(*a).is_some_and(|d| d.contains(*b)))
        .collect();
    assert!(
        gone.is_empty(),
        "no longer imported, remove from KNOWN_CYCLES: {gone:?}"
    );
    let mut colour = BTreeMap::new();
    for n in g.keys() {
        let mut path = Vec::new();
        if let Some(cycle) = visit(n, &g, &mut colour, &mut path) {
            panic!("module cycle: {}", cycle.join(" -> "));
        }
    }
}

#[test]
fn imports_are_read_from_both_path_forms() {
    let found = imports("use crate::{checks::{self, Rule}, pack};\nlet x = crate::index::Repo::new();");
    let want: BTreeSet<String> = ["checks", "pack", "index"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    assert_eq!(found, want);
}
