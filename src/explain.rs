//! The text of `smslint explain` and `smslint rules`, built from the check kinds' doc comments
//! and the packs' requirement texts, so nothing is written twice.

use std::fmt::Write as _;

use crate::checks::{self, Rule};
use crate::pack::{Packs, Requirement};

/// What a key names.
pub enum Explained {
    /// A rule of a check kind.
    Rule(&'static Rule),
    /// A requirement of a pack.
    Requirement(Box<Requirement>),
}

/// Resolve a key (code, rule name or requirement id).
pub fn lookup(key: &str, packs: &Packs) -> Option<Explained> {
    let key = key.trim();
    if let Some(r) = checks::find_rule(key) {
        return Some(Explained::Rule(r));
    }
    packs
        .requirement(key)
        .cloned()
        .map(|r| Explained::Requirement(Box::new(r)))
}

/// The full explanation text.
pub fn text(item: &Explained, packs: &Packs) -> String {
    let mut s = String::new();
    match item {
        Explained::Rule(r) => {
            let _ = writeln!(s, "{} {} ({})", r.code, r.name, r.severity.as_str());
            let _ = writeln!(s, "{}", r.summary);
            if let Some(c) = r.clause {
                let title = packs
                    .clause(c)
                    .map(|c| format!(" {}", c.title))
                    .unwrap_or_default();
                let _ = writeln!(s, "Clause: {c}{title}");
            }
            if let Some(k) = checks::kind_of(r) {
                let _ = writeln!(
                    s,
                    "Check kind: {} (codes: {})",
                    k.id,
                    k.rules.iter().map(|r| r.code).collect::<Vec<_>>().join(", ")
                );
                let _ = writeln!(s, "\n{}", k.text().trim_end());
            }
            let _ = writeln!(
                s,
                "\n## Configuration\nSwitch it off with `[rules] ignore = [\"{}\"]` in smslint.toml or `--ignore {}`;\nchange its severity with `[rules.severity] {} = \"warning\"`.",
                r.code, r.code, r.code
            );
        }
        Explained::Requirement(q) => {
            let title = packs
                .clause(&q.clause)
                .map(|c| format!(" {}", c.title))
                .unwrap_or_default();
            let _ = writeln!(s, "{} — {} (pack {})", q.id, q.title, q.pack);
            let _ = writeln!(s, "Clause: {}{title}", q.clause);
            let _ = writeln!(
                s,
                "Accepted types: {}; at least {}; severity {}",
                q.types.join(", "),
                q.min,
                q.severity.as_str()
            );
            let _ = writeln!(s, "\n## Why auditors care\n{}", q.why);
            let _ = writeln!(s, "\n## How to fix\n{}", q.fix);
            if !q.sections.is_empty() {
                let _ = writeln!(s, "\n## Required sections");
                for sec in &q.sections {
                    let _ = writeln!(s, "- {}{}", sec.name, synonyms(&sec.synonyms));
                }
            }
            if !q.columns.is_empty() {
                let _ = writeln!(s, "\n## Required table columns");
                for c in &q.columns {
                    let _ = writeln!(s, "- {}{}", c.name, synonyms(&c.synonyms));
                }
            }
            let _ = writeln!(
                s,
                "\n## Example\nPassing front-matter:\n---\nid: DOC-001\ntitle: {}\ntype: {}\nclauses: [\"{}\"]\nstatus: approved\n---",
                q.title, q.types[0], q.clause
            );
            let _ = writeln!(
                s,
                "\n## Configuration\nIf it does not apply to you, exclude it with a reason in smslint.toml:\nexclusions = [{{ requirement = \"{}\", reason = \"…\" }}]",
                q.id
            );
        }
    }
    s
}

fn synonyms(list: &[String]) -> String {
    if list.is_empty() {
        String::new()
    } else {
        format!(" (also: {})", list.join(", "))
    }
}
