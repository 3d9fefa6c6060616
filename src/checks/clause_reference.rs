//! Clause references: every `clauses:` value names a clause of the loaded packs' tree, and
//! references to a superseded edition are pointed at today's clause. Pure: reads the document's
//! front-matter and the packs.

use super::{Context, field};
use crate::document::{Document, Node};
use crate::finding::Finding;
use crate::pack::{Edition, Packs};

check_kind! {
    /// ## What it checks
    /// Each value of a document's `clauses:` list against the clause tree of the loaded packs
    /// (`smslint clauses` prints it).
    ///
    /// - `unknown-clause`: the value is not a clause of the tree (`8.15`, `10.3`). The finding
    ///   points at the value and suggests the nearest valid clause. A document that names a
    ///   clause nobody can find is evidence for nothing.
    /// - `superseded-edition-reference` (warning): the document cites an earlier edition —
    ///   its `standard:` field says `ISO/IEC 20000-1:2011`, or a clause is written with the
    ///   edition as prefix (`2011:6.1`). Each such clause is named with its 2018 equivalent
    ///   from the pack's mapping (2011 6.1 service level management is 2018 8.3.3).
    ///
    /// Packs without a clause tree (`packs = []`) switch the check off.
    ///
    /// ## Why auditors care
    /// Clause references are how an auditor — and smslint — finds the evidence for a clause.
    /// A wrong number hides the document from its clause; a 2011 number points at a clause
    /// that now has another subject (2011 6.1 is service level management, 2018 6.1 is risks
    /// and opportunities). Certificates against the 2011 edition expired in 2021.
    ///
    /// ## How to fix
    /// Replace the value with the clause of ISO/IEC 20000-1:2018 that the document serves, and
    /// set `standard: ISO/IEC 20000-1:2018` (or drop the field).
    ///
    /// ## Example
    /// Failing: `clauses: ["8.15", "2011:6.1"]`. Passing: `clauses: ["8.1", "8.3.3"]`.
    KIND = "clause-reference" {
        run: crate::checks::Scope::Document(check);
        UNKNOWN_CLAUSE: "SMS209" "unknown-clause" Error => "A `clauses:` value is not a clause of the standard",
        SUPERSEDED_EDITION: "SMS210" "superseded-edition-reference" Warning => "A document cites a clause of a superseded edition",
    }
}

/// Check one document's `clauses:` and `standard:`.
pub fn check(doc: &Document, _src: &str, cx: &Context<'_>, out: &mut Vec<Finding>) {
    let packs = cx.packs;
    if !packs.has_clause_tree() {
        return;
    }
    let cited = field(doc, cx, "standard").and_then(|f| {
        let text = f.value.as_str()?;
        let ed = packs.editions().find(|e| e.pattern.is_match(text))?;
        Some((ed, f.value.span.clone()))
    });
    if let Some((ed, span)) = &cited {
        out.push(
            Finding::new(
                &SUPERSEDED_EDITION,
                format!(
                    "Document cites {}, which {} replaced",
                    ed.standard,
                    tree_title(packs)
                ),
            )
            .at(&doc.path, span.clone())
            .subject(ed.standard.clone())
            .help(format!(
                "Map its clauses to {} (`smslint clauses --mapping`) and update `standard`",
                tree_title(packs)
            )),
        );
    }
    let Some(f) = field(doc, cx, "clauses") else {
        return;
    };
    for node in f.value.items() {
        let Some(text) = node.as_str().map(str::trim).filter(|t| !t.is_empty()) else {
            continue;
        };
        if let Some((ed, num)) = prefixed(packs, text) {
            legacy(doc, packs, ed, num, node, out);
        } else if let Some((ed, _)) = &cited {
            legacy(doc, packs, ed, text, node, out);
        } else if packs.clause(text).is_none() {
            unknown(doc, packs, text, node, out);
        }
    }
}

/// `2011:6.1` → the 2011 edition and `6.1`.
fn prefixed<'p, 't>(packs: &'p Packs, text: &'t str) -> Option<(&'p Edition, &'t str)> {
    let (pre, num) = text.split_once(':')?;
    let ed = packs.editions().find(|e| e.id == pre.trim())?;
    Some((ed, num.trim()))
}

fn tree_title(packs: &Packs) -> &str {
    packs
        .packs
        .iter()
        .find(|p| !p.clauses.is_empty())
        .map_or("the clause tree", |p| p.title.as_str())
}

fn legacy(doc: &Document, packs: &Packs, ed: &Edition, num: &str, node: &Node, out: &mut Vec<Finding>) {
    let Some(old) = ed.clause(num) else {
        out.push(
            Finding::new(
                &UNKNOWN_CLAUSE,
                format!("`{num}` is not a clause of {}", ed.standard),
            )
            .at(&doc.path, node.span.clone())
            .subject(num.to_string())
            .help(format!(
                "Use the clause of {} the document serves; `smslint clauses` lists them",
                tree_title(packs)
            )),
        );
        return;
    };
    let now: Vec<String> = old
        .now
        .iter()
        .map(|c| match packs.clause(c) {
            Some(k) => format!("{c} {}", k.title),
            None => c.clone(),
        })
        .collect();
    let tree = tree_title(packs);
    let Some(first) = old.now.first() else {
        out.push(
            Finding::new(
                &SUPERSEDED_EDITION,
                format!(
                    "Clause {num} of {} ({}) has no counterpart in {tree}",
                    ed.standard, old.title
                ),
            )
            .at(&doc.path, node.span.clone())
            .subject(num.to_string())
            .help(format!(
                "Cite the clause of {tree} the document serves; `smslint clauses` lists them"
            )),
        );
        return;
    };
    out.push(
        Finding::new(
            &SUPERSEDED_EDITION,
            format!(
                "Clause {num} of {} ({}) is {} in {tree}",
                ed.standard,
                old.title,
                now.join(" and ")
            ),
        )
        .clause(first.clone())
        .subject(num.to_string())
        .at(&doc.path, node.span.clone())
        .help(format!(
            "Write `{first}` instead, the clause of {tree} that took it over"
        )),
    );
}

fn unknown(doc: &Document, packs: &Packs, text: &str, node: &Node, out: &mut Vec<Finding>) {
    let near = nearest(packs, text);
    let help = match near.and_then(|n| packs.clause(n)) {
        Some(c) => format!(
            "Did you mean `{}` ({})? `smslint clauses` lists every clause",
            c.id, c.title
        ),
        None => "`smslint clauses` lists every clause".to_owned(),
    };
    out.push(
        Finding::new(
            &UNKNOWN_CLAUSE,
            format!("`{text}` is not a clause of {}", tree_title(packs)),
        )
        .at(&doc.path, node.span.clone())
        .subject(text.to_string())
        .help(help),
    );
}

/// The valid clause nearest to `text` in the loaded packs.
pub fn nearest<'p>(packs: &'p Packs, text: &str) -> Option<&'p str> {
    crate::pack::nearest_clause(text, packs.clauses())
}
