//! The text of `smslint explain` and `smslint rules`, built from the check kinds' doc comments
//! and the packs' requirement texts, so nothing is written twice.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::checks::{self, Rule};
use crate::clause::parent;
use crate::matcher::{Item, Matcher};
use crate::pack::{Clause, Label, Packs, Requirement, Strength, Synonyms, is_same_or_sub_clause};

/// What a key names.
pub enum Explained {
    /// A rule of a check kind.
    Rule(&'static Rule),
    /// A requirement of a pack.
    Requirement(Box<Requirement>),
    /// A checklist label (`6.1 Planning and Implementation`).
    Label(Label),
    /// A clause of a pack's tree (`8.3.3`).
    Clause(Clause),
}

/// Resolve a key (code, rule name, requirement id, checklist label or clause number).
pub fn lookup(key: &str, packs: &Packs) -> Option<Explained> {
    let key = key.trim();
    if let Some(r) = checks::find_rule(key) {
        return Some(Explained::Rule(r));
    }
    if let Some(q) = packs.requirement(key) {
        return Some(Explained::Requirement(Box::new(q.clone())));
    }
    if let Some(l) = packs.label(key) {
        return Some(Explained::Label(l.clone()));
    }
    packs.clause(key).cloned().map(Explained::Clause)
}

/// Every key `explain` accepts, for "did you mean" suggestions.
pub fn keys(packs: &Packs) -> Vec<String> {
    checks::rules()
        .iter()
        .flat_map(|r| [r.code.to_owned(), r.name.to_owned()])
        .chain(packs.requirements().map(|q| q.id.clone()))
        .chain(packs.labels().map(Label::name))
        .chain(packs.clauses().map(|c| c.id.clone()))
        .collect()
}

/// Requirements attached to `clause` or one of its sub-clauses.
fn requirements_under<'p>(packs: &'p Packs, clause: &str) -> Vec<&'p Requirement> {
    packs
        .requirements()
        .filter(|r| is_same_or_sub_clause(&r.clause, clause))
        .collect()
}

/// Rules that cite `clause` itself, plus the coverage check when a coverage rule lists it.
fn rules_for(packs: &Packs, clause: &str) -> Vec<&'static Rule> {
    let covered = packs.coverage().any(|c| c.clauses.iter().any(|k| k == clause));
    checks::rules()
        .into_iter()
        .filter(|r| {
            packs.clause_of_code(r.code) == Some(clause)
                || (covered && std::ptr::eq(*r, &raw const checks::clause_coverage::CLAUSE_NOT_COVERED))
        })
        .collect()
}

fn clause_block(s: &mut String, packs: &Packs, clause: &str) {
    let title = packs.clause(clause).map_or("", |c| c.title.as_str());
    let _ = writeln!(s, "\n### {clause} {title}");
    let reqs = requirements_under(packs, clause);
    if reqs.is_empty() {
        let _ = writeln!(s, "No pack requirement is attached to it.");
    }
    for r in reqs {
        let _ = writeln!(
            s,
            "- requirement `{}` ({}, clause {}): SMS101 when missing, SMS102 when not approved{}",
            r.id,
            r.title,
            r.clause,
            if r.sections.is_empty() && r.columns.is_empty() && r.targets.is_empty() {
                String::new()
            } else {
                ", SMS5xx for its content".to_owned()
            }
        );
        let _ = writeln!(s, "  How to fix: {}", r.fix.replace('\n', " "));
    }
    for r in rules_for(packs, clause) {
        let _ = writeln!(s, "- check {} {}: {}", r.code, r.name, r.summary);
    }
}

/// The full explanation text.
pub fn text(item: &Explained, packs: &Packs) -> String {
    let mut s = String::new();
    match item {
        Explained::Rule(r) => {
            let _ = writeln!(s, "{} {} ({})", r.code, r.name, r.severity.as_str());
            let _ = writeln!(s, "{}", r.summary);
            if let Some(c) = packs.clause_of_code(r.code) {
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
            pack_data(&mut s, r, packs);
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
            let m = Matcher::of_packs(packs);
            let items = |kind: ItemKind| -> Vec<ItemView<'_>> {
                match kind {
                    ItemKind::Section => q.sections.iter().map(ItemView::of).collect(),
                    ItemKind::Column => q.columns.iter().map(ItemView::of).collect(),
                    ItemKind::Target => q.targets.iter().map(ItemView::of).collect(),
                    ItemKind::Term => q
                        .terms
                        .iter()
                        .map(|t| ItemView {
                            item: Item::from(t),
                            strength: t.strength,
                            reason: &t.reason,
                            within: t.section.as_deref(),
                            record_heading: false,
                            record_body: false,
                            record_id: false,
                            any_row: false,
                            criteria: false,
                            values: None,
                        })
                        .collect(),
                }
            };
            for kind in [
                ItemKind::Section,
                ItemKind::Column,
                ItemKind::Term,
                ItemKind::Target,
            ] {
                item_block(&mut s, kind, &items(kind), &m, packs.measurable());
            }
            let _ = writeln!(s, "\n## Example\nPassing:\n\n{}", example(q));
            let mut failing = vec![format!(
                "without `{}` in `clauses:` (SMS101), or with `status: draft` (SMS102)",
                q.clause
            )];
            if let Some(sec) = q.sections.first() {
                failing.push(format!("without the `## {}` section (SMS501)", sec.name));
            }
            if let Some(col) = q.columns.first() {
                failing.push(format!("without the `{}` column (SMS504)", col.name));
            }
            if let Some(t) = q.terms.first() {
                failing.push(format!("never mentioning {} (SMS507)", t.name));
            }
            if let Some(t) = q.targets.first() {
                failing.push(format!("with `High` as a `{}` (SMS506)", t.name));
            }
            let _ = writeln!(s, "\nFailing: the same document {}.", failing.join("; "));
            let _ = writeln!(
                s,
                "\n## Configuration\nIf it does not apply to you, exclude it with a reason in smslint.toml:\nexclusions = [{{ requirement = \"{}\", reason = \"…\" }}]",
                q.id
            );
        }
        Explained::Label(l) => {
            let _ = writeln!(
                s,
                "\"{}\" — an audit-checklist label, not a clause number",
                l.name()
            );
            let _ = writeln!(s, "Failure it names: {}", l.failure);
            let _ = writeln!(s, "Clause of the standard: {}", label_clauses(l, packs));
            if let Some(same) = packs.clause(&l.number) {
                let _ = writeln!(
                    s,
                    "(Clause {} of the standard is \"{}\", another subject.)",
                    same.id, same.title
                );
            }
            let _ = writeln!(s, "\n{}", l.note);
            let _ = writeln!(s, "\n## Requirements and checks that cover it");
            for c in &l.clauses {
                clause_block(&mut s, packs, c);
            }
            let _ = writeln!(
                s,
                "\n## Why auditors care\nA checklist finding labelled \"{}\" is raised against the clause above; answer it with the evidence that clause asks for.",
                l.name()
            );
            let _ = writeln!(
                s,
                "\n## How to fix\nMeet the requirements listed above; `smslint check` reports each gap with the clause it belongs to."
            );
        }
        Explained::Clause(c) => {
            let _ = writeln!(s, "{} {}", c.id, c.title);
            let pack = packs
                .packs
                .iter()
                .find(|p| p.clauses.iter().any(|k| k.id == c.id))
                .map_or("", |p| p.title.as_str());
            let _ = writeln!(s, "A clause of {pack}.");
            let _ = writeln!(s, "\n## Requirements and checks that cover it");
            clause_block(&mut s, packs, &c.id);
            for l in packs.labels().filter(|l| l.number == c.id) {
                let _ = writeln!(
                    s,
                    "\nNote: audit checklists use the label \"{}\" for another subject; `smslint explain \"{}\"` says where it belongs.",
                    l.name(),
                    l.name()
                );
            }
        }
    }
    s
}

/// What the loaded packs feed a pack-driven rule, so `explain` shows the data in force.
fn pack_data(s: &mut String, r: &Rule, packs: &Packs) {
    let with = |f: &dyn Fn(&Requirement) -> bool| -> Vec<String> {
        packs
            .requirements()
            .filter(|q| f(q))
            .map(|q| format!("`{}`", q.id))
            .collect()
    };
    let (what, items): (&str, Vec<String>) = match r.code {
        "SMS103" => (
            "Clauses that need a process description",
            packs.coverage().flat_map(|c| c.clauses.iter().cloned()).collect(),
        ),
        "SMS501" | "SMS502" => (
            "Requirements with required sections",
            with(&|q| !q.sections.is_empty()),
        ),
        "SMS503" => (
            "Placeholder patterns",
            packs
                .placeholders()
                .map(|p| format!("`{}`", p.as_str()))
                .collect(),
        ),
        "SMS504" | "SMS505" => (
            "Requirements with a register table",
            with(&|q| !q.columns.is_empty()),
        ),
        "SMS506" => (
            "Requirements with target columns",
            with(&|q| !q.targets.is_empty())
                .into_iter()
                .chain(
                    packs
                        .measurable()
                        .map(|m| format!("(measurable value: `{}`)", m.as_str())),
                )
                .collect(),
        ),
        "SMS507" => ("Requirements with required terms", with(&|q| !q.terms.is_empty())),
        "SMS210" => (
            "Earlier editions mapped",
            packs
                .editions()
                .map(|e| format!("{} (`{}:`)", e.standard, e.id))
                .collect(),
        ),
        _ => return,
    };
    if !items.is_empty() {
        let _ = writeln!(
            s,
            "\n## In the loaded packs\n{what}: {}.\nThis is pack data: a pack of your own changes it (see rules/README.md).",
            items.join(", ")
        );
    }
}

/// Depth of a clause number: `8` is 0, `8.3.4.1` is 3.
fn depth(id: &str) -> usize {
    id.matches('.').count()
}

/// `smslint clauses` for people: the clause tree, each clause with its requirements.
pub fn clauses_text(packs: &Packs) -> String {
    let mut s = String::new();
    for p in packs
        .packs
        .iter()
        .filter(|p| !p.clauses.is_empty() || !p.requirements.is_empty())
    {
        let _ = writeln!(s, "{} (pack {})", p.title, p.name);
        for c in &p.clauses {
            let pad = "  ".repeat(depth(&c.id));
            let _ = writeln!(s, "{pad}{} {}", c.id, c.title);
            for r in p.requirements.iter().filter(|r| r.clause == c.id) {
                let _ = writeln!(
                    s,
                    "{pad}    - {} ({}; {}{})",
                    r.id,
                    r.title,
                    r.types.join("|"),
                    if r.min > 1 {
                        format!(", at least {}", r.min)
                    } else {
                        String::new()
                    }
                );
            }
            for cov in p.coverage.iter().filter(|k| k.clauses.contains(&c.id)) {
                let _ = writeln!(
                    s,
                    "{pad}    * {}: needs an approved {} naming it (SMS103)",
                    cov.title.to_lowercase(),
                    cov.types.join("|")
                );
            }
        }
        let orphans: Vec<_> = p
            .requirements
            .iter()
            .filter(|r| !p.clauses.iter().any(|c| c.id == r.clause))
            .collect();
        for r in orphans {
            let _ = writeln!(s, "{} (no clause tree) - {} ({})", r.clause, r.id, r.title);
        }
    }
    s
}

/// `smslint clauses --format json`.
pub fn clauses_json(packs: &Packs) -> Value {
    let mut clauses = Vec::new();
    for p in &packs.packs {
        for c in &p.clauses {
            let reqs: Vec<Value> = p
                .requirements
                .iter()
                .filter(|r| r.clause == c.id)
                .map(requirement_json)
                .collect();
            let coverage: Vec<&str> = p
                .coverage
                .iter()
                .filter(|k| k.clauses.contains(&c.id))
                .map(|k| k.id.as_str())
                .collect();
            clauses.push(json!({
                "pack": p.name, "id": c.id, "title": c.title, "parent": parent(&c.id),
                "requirements": reqs, "coverage": coverage,
            }));
        }
    }
    let requirements: Vec<Value> = packs.requirements().map(requirement_json).collect();
    json!({ "clauses": clauses, "requirements": requirements })
}

fn requirement_json(r: &Requirement) -> Value {
    let names = |v: &[crate::pack::Synonyms]| v.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
    json!({
        "id": r.id, "clause": r.clause, "title": r.title, "types": r.types, "min": r.min,
        "severity": r.severity, "pack": r.pack, "sections": names(&r.sections),
        "columns": names(&r.columns), "targets": names(&r.targets),
    })
}

/// `smslint clauses --labels` for people.
pub fn labels_text(packs: &Packs) -> String {
    let mut s = String::new();
    for l in packs.labels() {
        let _ = writeln!(s, "\"{}\": {}", l.name(), l.failure);
        let _ = writeln!(s, "    -> {}", label_clauses(l, packs));
    }
    s
}

/// `smslint clauses --labels --format json`.
pub fn labels_json(packs: &Packs) -> Value {
    let labels: Vec<Value> = packs
        .labels()
        .map(|l| {
            json!({
                "number": l.number, "title": l.title, "label": l.name(), "failure": l.failure,
                "clauses": l.clauses, "note": l.note,
            })
        })
        .collect();
    json!({ "labels": labels })
}

/// `smslint clauses --mapping` for people: earlier editions' clauses and where they went.
pub fn mapping_text(packs: &Packs) -> String {
    let mut s = String::new();
    for e in packs.editions() {
        let _ = writeln!(s, "{} (write `{}:<clause>` to cite it)", e.standard, e.id);
        for c in &e.clauses {
            let pad = "  ".repeat(depth(&c.id));
            let _ = writeln!(s, "{pad}{} {} -> {}", c.id, c.title, c.now.join(", "));
        }
    }
    s
}

/// `smslint clauses --mapping --format json`.
pub fn mapping_json(packs: &Packs) -> Value {
    let editions: Vec<Value> = packs
        .editions()
        .map(|e| {
            let clauses: Vec<Value> = e
                .clauses
                .iter()
                .map(|c| json!({ "id": c.id, "title": c.title, "now": c.now }))
                .collect();
            json!({ "id": e.id, "standard": e.standard, "clauses": clauses })
        })
        .collect();
    json!({ "editions": editions })
}

/// A passing Markdown document for `q`: front-matter, its sections and its register table.
fn example(q: &Requirement) -> String {
    let mut s = format!(
        "---\nid: DOC-001\ntitle: {}\ntype: {}\nowner: Service Owner\napprover: Head of Service Management\nversion: \"1.0\"\nstatus: approved\nclauses: [\"{}\"]\nlast_reviewed: 2026-01-15\n---\n\n# {}\n",
        q.title,
        q.types.first().map_or("other", String::as_str),
        q.clause,
        q.title
    );
    for sec in &q.sections {
        let terms: Vec<&str> = q
            .terms
            .iter()
            .filter(|t| t.section.as_deref() == Some(sec.name.as_str()))
            .map(|t| t.name.as_str())
            .collect();
        let body = if terms.is_empty() {
            "…".to_owned()
        } else {
            format!("… {} …", terms.join(", "))
        };
        let _ = write!(s, "\n## {}\n{body}\n", sec.name);
    }
    let loose: Vec<&str> = q
        .terms
        .iter()
        .filter(|t| {
            t.section
                .as_ref()
                .is_none_or(|n| !q.sections.iter().any(|s| &s.name == n))
        })
        .map(|t| t.name.as_str())
        .collect();
    if !loose.is_empty() {
        let _ = write!(s, "\n… {} …\n", loose.join(", "));
    }
    let mut cols: Vec<&str> = q.columns.iter().map(|c| c.name.as_str()).collect();
    for t in &q.targets {
        if !q.columns.iter().any(|c| c.name == t.name) {
            cols.push(t.name.as_str());
        }
    }
    if !cols.is_empty() {
        let row: Vec<&str> = cols
            .iter()
            .map(|c| {
                if q.targets.iter().any(|t| t.name == *c) {
                    "99.9%"
                } else {
                    "…"
                }
            })
            .collect();
        let _ = write!(
            s,
            "\n| {} |\n|{}\n| {} |\n",
            cols.join(" | "),
            "---|".repeat(cols.len()),
            row.join(" | ")
        );
    }
    s
}

/// Which list of a requirement an item comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ItemKind {
    Section,
    Column,
    Term,
    Target,
}

/// A content item as `explain` shows it (its flags are the pack's, one each).
#[allow(clippy::struct_excessive_bools)]
struct ItemView<'a> {
    item: Item<'a>,
    strength: Strength,
    reason: &'a str,
    within: Option<&'a str>,
    record_heading: bool,
    record_body: bool,
    record_id: bool,
    any_row: bool,
    criteria: bool,
    values: Option<&'a str>,
}

impl<'a> ItemView<'a> {
    fn of(s: &'a Synonyms) -> Self {
        Self {
            item: Item::from(s),
            strength: s.strength,
            reason: &s.reason,
            within: None,
            record_heading: s.record_heading,
            record_body: s.record_body,
            record_id: s.record_id,
            any_row: s.any_row,
            criteria: s.criteria,
            values: s.values.as_deref(),
        }
    }
}

/// `major + incident + criteria|definition`.
fn key_terms(groups: &[Vec<String>]) -> String {
    groups.iter().map(|g| g.join("|")).collect::<Vec<_>>().join(" + ")
}

/// Texts that name `item`, each checked with the matcher: its name and, when it has key terms,
/// a phrase of one alternative per group.
fn passing_names(item: Item<'_>, m: &Matcher) -> Vec<String> {
    let mut out = vec![item.name.to_owned()];
    if !item.key_terms.is_empty() {
        let phrase: Vec<&str> = item
            .key_terms
            .iter()
            .rev()
            .filter_map(|g| g.first().map(String::as_str))
            .collect();
        let phrase = capitalised(&phrase.join(" "));
        if m.judge(item, &phrase).score.is_some() && m.words(&phrase) != m.words(item.name) {
            out.push(phrase);
        }
    }
    out
}

/// A near miss of `item` that the matcher rejects: part of its name, or its key terms less one
/// group. `None` when every part still names it.
fn failing_name(item: Item<'_>, m: &Matcher) -> Option<String> {
    let words: Vec<&str> = item
        .name
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let mut tries: Vec<String> = Vec::new();
    if words.len() > 1 {
        tries.push(words[..words.len() - 1].join(" "));
        tries.push(words[1..].join(" "));
    }
    if item.key_terms.len() > 1 {
        let some: Vec<&str> = item.key_terms[..item.key_terms.len() - 1]
            .iter()
            .filter_map(|g| g.first().map(String::as_str))
            .collect();
        tries.push(some.join(" "));
    }
    tries
        .into_iter()
        .map(|t| capitalised(&t))
        .find(|t| !m.words(t).is_empty() && m.judge(item, t).score.is_none())
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// One list of content items: each with strength, reason, other names, key terms, and a
/// passing and a failing example built from its data.
fn item_block(
    s: &mut String,
    kind: ItemKind,
    items: &[ItemView<'_>],
    m: &Matcher,
    measurable: Option<&regex::Regex>,
) {
    if items.is_empty() {
        return;
    }
    let (title, code) = match kind {
        ItemKind::Section => ("Sections", "SMS501, SMS502 when empty"),
        ItemKind::Column => ("Register columns", "SMS504, SMS505 without rows"),
        ItemKind::Term => ("Terms it must mention", "SMS507"),
        ItemKind::Target => ("Columns that need measurable targets", "SMS506"),
    };
    let _ = writeln!(s, "\n## {title} ({code})");
    for v in items {
        let it = v.item;
        let _ = writeln!(s, "- {} — {}", it.name, v.strength.as_str());
        if !v.reason.is_empty() {
            let _ = writeln!(s, "  why: {}", v.reason);
        }
        if let Some(w) = v.within {
            let _ = writeln!(s, "  looked for in: section `{w}`");
        }
        if !it.synonyms.is_empty() {
            let _ = writeln!(s, "  also accepted: {}", it.synonyms.join(", "));
        }
        if !it.key_terms.is_empty() {
            let _ = writeln!(s, "  key terms: {}", key_terms(it.key_terms));
        }
        if !it.head_words.is_empty() {
            let _ = writeln!(
                s,
                "  also a heading about: {} (whatever words qualify it)",
                it.head_words.join(", ")
            );
        }
        if !it.unless.is_empty() {
            let _ = writeln!(s, "  not when it says: {}", it.unless.join(", "));
        }
        if kind == ItemKind::Section && it.key_terms.len() >= 2 {
            let _ = writeln!(
                s,
                "  also met by: a sentence or list item holding one key term of each group, in a section whose heading names no other item"
            );
        }
        if v.criteria {
            let _ = writeln!(
                s,
                "  a set of criteria: under a heading that names only its topic (`Major changes`), the text must say which cases meet them (`… if …`, `… more than …`, or a list)"
            );
        }
        if v.record_heading {
            let _ = writeln!(
                s,
                "  in records kept as a heading each (with `**Field:**` lead-ins): the record's heading"
            );
        }
        if let Some(kind) = v.values {
            let _ = writeln!(
                s,
                "  also met by: a header naming no other column whose cells are nearly all of the kind `{kind}`"
            );
        }
        if v.any_row {
            let _ = writeln!(
                s,
                "  in a table: met when one row at least has a measurable value; rows in words alone are not findings"
            );
        }
        if v.record_body {
            let _ = writeln!(
                s,
                "  in records kept as a heading each, or a list of identified items: the record's own text"
            );
        }
        if v.record_id {
            let _ = writeln!(
                s,
                "  in a list whose every item opens with a document id (`- SMS-001 …`): that id"
            );
        }
        let pass = passing_names(it, m);
        let fail = failing_name(it, m);
        match kind {
            ItemKind::Section => {
                let p: Vec<String> = pass.iter().map(|n| format!("`## {n}`")).collect();
                let _ = writeln!(
                    s,
                    "  passes: {}, or `**{}.** …` as a lead-in",
                    p.join(" or "),
                    pass[0]
                );
                let _ = match fail {
                    Some(f) => writeln!(
                        s,
                        "  fails: `## {f}` (and no other heading, lead-in or table naming it)"
                    ),
                    None => writeln!(
                        s,
                        "  fails: a document with no heading, lead-in or table naming it"
                    ),
                };
            }
            ItemKind::Column => {
                let p: Vec<String> = pass.iter().map(|n| format!("`| {n} |`")).collect();
                let _ = writeln!(s, "  passes: a header cell {}", p.join(" or "));
                let _ = match fail {
                    Some(f) => writeln!(s, "  fails: a table whose only near header is `| {f} |`"),
                    None => writeln!(s, "  fails: a table with no header naming it"),
                };
            }
            ItemKind::Term => {
                let _ = writeln!(
                    s,
                    "  passes: a sentence such as \"… {} …\"",
                    pass[0].to_lowercase()
                );
                let _ = writeln!(
                    s,
                    "  fails: text that never uses it, a synonym or all its key terms"
                );
            }
            ItemKind::Target => {
                let ok = ["99.9% per month", "at least 95%", "within 4 hours"]
                    .into_iter()
                    .filter(|c| measurable.is_some_and(|re| re.is_match(c)))
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>();
                let bad = ["High", "Best effort"]
                    .into_iter()
                    .filter(|c| measurable.is_some_and(|re| !re.is_match(c)))
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>();
                let _ = writeln!(
                    s,
                    "  passes: a `{}` column whose cells read {}",
                    pass[0],
                    ok.join(", ")
                );
                let _ = writeln!(s, "  fails: a cell such as {}", bad.join(" or "));
            }
        }
    }
}

/// The real 2018 clauses a checklist label stands for, with their titles: `8.3.3 Service level
/// management; …`.
fn label_clauses(label: &crate::pack::Label, packs: &Packs) -> String {
    label
        .clauses
        .iter()
        .map(|c| match packs.clause(c) {
            Some(k) => format!("{c} {}", k.title),
            None => c.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}
