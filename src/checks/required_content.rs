//! Required content: a document that is evidence for a pack requirement has the sections, the
//! register columns and rows, and the measurable targets that requirement asks for. Pure: reads
//! the parsed document (headings, tables) and the packs.

use super::Context;
use crate::document::{Document, Heading, Table};
use crate::finding::Finding;
use crate::index::DocInfo;
use crate::pack::{Requirement, Synonyms};

check_kind! {
    /// ## What it checks
    /// A document's requirements are those it is evidence for (its `type` and `clauses:`, or
    /// its `satisfies:`; see `required-document`). For each of them, the pack lists required
    /// sections, register columns and target columns (`smslint explain <requirement-id>`
    /// shows them). Headings and column names match after normalising: case, a leading
    /// number (`3.2`), punctuation, `&` and the word `and` are ignored, and every synonym in
    /// the pack counts.
    ///
    /// - `section-missing`: no heading names a required section. The finding points at the
    ///   end of the document, where the section would go.
    /// - `section-empty`: the section is there but holds nothing — only its heading, or only
    ///   more (empty) headings.
    /// - `column-missing`: the register table (the one with most of the required columns)
    ///   lacks some; the finding points at its header row. With no such table at all, it
    ///   points at the end of the document.
    /// - `register-empty`: the register table has no rows.
    /// - `term-missing`: the document (or the section the pack names) never mentions a term
    ///   the requirement asks for — the change categories of a change management policy must
    ///   include emergency changes. The finding points at the section's heading.
    /// - `target-not-measurable` (warning): a cell of a target column (an objective's
    ///   measure, an SLA's target) holds no number, percentage, duration or date. The pattern
    ///   of a measurable value is pack data (`[content] measurable`).
    ///
    /// Retired documents and excluded requirements are not checked.
    ///
    /// ## Why auditors care
    /// A document that exists but lacks what its clause asks for is no evidence: an SLA without
    /// workload limits, a continuity plan without invocation criteria or a risk register
    /// without owners is raised as a nonconformity just as a missing one is. Targets that
    /// cannot be measured cannot be shown to be met.
    ///
    /// ## How to fix
    /// Add the section (`## Workload limits`) with its content, add the missing column to the
    /// register table and fill in its rows, and give every target a number, a percentage, a
    /// duration or a date.
    ///
    /// ## Example
    /// Failing (an SLA): `## Service level targets` followed directly by `## Exceptions`, and a
    /// target cell `High`. Passing: a table under `## Service level targets` with the target
    /// `99.9% per month`.
    KIND = "required-content" {
        SECTION_MISSING: "SMS501" "section-missing" Error None => "A document lacks a section its requirement asks for",
        SECTION_EMPTY: "SMS502" "section-empty" Error None => "A required section is present but empty",
        COLUMN_MISSING: "SMS504" "column-missing" Error None => "A register table lacks a required column",
        REGISTER_EMPTY: "SMS505" "register-empty" Error None => "A register table has no rows",
        TARGET_NOT_MEASURABLE: "SMS506" "target-not-measurable" Warning None => "An objective or service level target has no measurable value",
        TERM_MISSING: "SMS507" "term-missing" Error None => "A document does not mention something its requirement asks for",
    }
}

/// The requirements `doc` is evidence for, excluded ones left out.
pub fn requirements_of<'p>(doc_info: &DocInfo, cx: &Context<'p>) -> Vec<&'p Requirement> {
    let clauses: Vec<&str> = doc_info.clauses.iter().map(|(c, _)| c.as_str()).collect();
    let satisfies: Vec<&str> = doc_info.satisfies.iter().map(String::as_str).collect();
    cx.packs
        .requirements()
        .filter(|r| !cx.config.exclusions.iter().any(|e| e.requirement == r.id))
        .filter(|r| r.matched_by(doc_info.doc_type.as_deref(), &clauses, &satisfies))
        .collect()
}

/// Check one document against the requirements it is evidence for.
pub fn check(doc: &Document, src: &str, cx: &Context<'_>, out: &mut Vec<Finding>) {
    let info = DocInfo::read(doc, cx.config);
    if info
        .status_text()
        .is_some_and(|s| s.eq_ignore_ascii_case(&cx.config.doc.retired_status))
    {
        return;
    }
    for req in requirements_of(&info, cx) {
        sections(doc, req, out);
        if !req.columns.is_empty() {
            register(doc, req, out);
        }
        if !req.targets.is_empty() {
            targets(doc, req, cx, out);
        }
        terms(doc, src, req, out);
    }
}

fn what(req: &Requirement) -> String {
    format!("{} (clause {})", req.title, req.clause)
}

fn also(s: &Synonyms) -> String {
    if s.synonyms.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = s.synonyms.iter().take(4).map(|x| format!("`{x}`")).collect();
        format!(" (also accepted: {})", list.join(", "))
    }
}

fn sections(doc: &Document, req: &Requirement, out: &mut Vec<Finding>) {
    let heads = &doc.body.headings;
    for sec in &req.sections {
        match heads.iter().position(|h| sec.matches(&h.text)) {
            None => out.push(
                Finding::new(
                    &SECTION_MISSING,
                    format!("No `{}` section, which {} requires", sec.name, what(req)),
                )
                .clause(req.clause.clone())
                .subject(format!("{}#{}", req.id, sec.name))
                .severity(req.severity)
                .at(&doc.path, doc.end_span())
                .help(format!("Add a `## {}` section{}", sec.name, also(sec))),
            ),
            Some(i) if is_empty_section(heads, i) => out.push(
                Finding::new(
                    &SECTION_EMPTY,
                    format!(
                        "Section `{}` is empty; {} needs its content",
                        heads[i].text,
                        what(req)
                    ),
                )
                .clause(req.clause.clone())
                .subject(format!("{}#{}", req.id, sec.name))
                .severity(req.severity)
                .at(&doc.path, heads[i].span.clone())
                .help(format!(
                    "Write the {} content under the heading",
                    sec.name.to_lowercase()
                )),
            ),
            Some(_) => {}
        }
    }
}

/// A heading whose section (its sub-sections included) holds no block but headings.
fn is_empty_section(heads: &[Heading], i: usize) -> bool {
    let end = heads[i].section_end;
    heads[i..]
        .iter()
        .take_while(|h| h.span.start < end)
        .all(|h| !h.has_content)
}

fn header_matches(t: &Table, col: &Synonyms) -> bool {
    t.header.iter().any(|c| col.matches(&c.text))
}

fn register(doc: &Document, req: &Requirement, out: &mut Vec<Finding>) {
    let best = doc
        .body
        .tables
        .iter()
        .map(|t| (req.columns.iter().filter(|c| header_matches(t, c)).count(), t))
        .filter(|(n, _)| *n > 0)
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.span.start.cmp(&a.1.span.start)));
    let names = |cols: &[&Synonyms]| {
        cols.iter()
            .map(|c| format!("`{}`", c.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some((_, table)) = best else {
        let all: Vec<&Synonyms> = req.columns.iter().collect();
        out.push(
            Finding::new(
                &COLUMN_MISSING,
                format!(
                    "No register table for {}: it needs the columns {}",
                    what(req),
                    names(&all)
                ),
            )
            .clause(req.clause.clone())
            .subject(format!("{}#register", req.id))
            .severity(req.severity)
            .at(&doc.path, doc.end_span())
            .help(format!("Add a Markdown table with the columns {}", names(&all))),
        );
        return;
    };
    let missing: Vec<&Synonyms> = req.columns.iter().filter(|c| !header_matches(table, c)).collect();
    if !missing.is_empty() {
        let s = if missing.len() == 1 { "" } else { "s" };
        out.push(
            Finding::new(
                &COLUMN_MISSING,
                format!(
                    "Register table lacks the column{s} {} that {} requires",
                    names(&missing),
                    what(req)
                ),
            )
            .clause(req.clause.clone())
            .subject(format!("{}#columns", req.id))
            .severity(req.severity)
            .at(&doc.path, table.header_span.clone())
            .help(format!(
                "Add the column{s} {}{}",
                names(&missing),
                if missing.len() == 1 {
                    also(missing[0])
                } else {
                    String::new()
                }
            )),
        );
    }
    let filled = table.rows.iter().any(|r| r.iter().any(|c| !c.text.is_empty()));
    if !filled {
        out.push(
            Finding::new(
                &REGISTER_EMPTY,
                format!("{}: the register table has no rows", what(req)),
            )
            .clause(req.clause.clone())
            .subject(format!("{}#rows", req.id))
            .severity(req.severity)
            .at(&doc.path, table.header_span.clone())
            .help("Record the entries, one row each; an empty register is no evidence"),
        );
    }
}

fn targets(doc: &Document, req: &Requirement, cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(measurable) = cx.packs.measurable() else {
        return;
    };
    for table in &doc.body.tables {
        for (col, head) in table.header.iter().enumerate() {
            if !req.targets.iter().any(|t| t.matches(&head.text)) {
                continue;
            }
            for row in &table.rows {
                let Some(cell) = row.get(col) else { continue };
                if measurable.is_match(&cell.text) {
                    continue;
                }
                let shown = if cell.text.is_empty() {
                    format!("`{}` is empty", head.text)
                } else {
                    format!("`{}` has no measurable value", cell.text)
                };
                let span = if cell.span.is_empty() {
                    match (row.first(), row.last()) {
                        (Some(a), Some(b)) => a.span.start..b.span.end,
                        _ => table.span.clone(),
                    }
                } else {
                    cell.span.clone()
                };
                out.push(
                    Finding::new(
                        &TARGET_NOT_MEASURABLE,
                        format!("{shown}: a target of {} needs a number, percentage, duration or date", what(req)),
                    )
                    .clause(req.clause.clone())
                    .subject(format!("{}#{shown}", req.id))
                    .at(&doc.path, span)
                    .help("State the target so it can be measured, e.g. `99.9% per month`, `4 hours`, `by 2026-12-31`"),
                );
            }
        }
    }
}

fn terms(doc: &Document, src: &str, req: &Requirement, out: &mut Vec<Finding>) {
    for term in &req.terms {
        let section = term.section.as_deref().and_then(|name| {
            let sec = req.sections.iter().find(|s| s.name == name);
            doc.body.headings.iter().find(|h| match sec {
                Some(s) => s.matches(&h.text),
                None => crate::pack::normalize(&h.text) == crate::pack::normalize(name),
            })
        });
        // A missing section is already SMS501; look in the whole document then.
        let (range, at, place) = match section {
            Some(h) => (
                h.span.start..h.section_end,
                h.span.clone(),
                format!("section `{}`", h.text),
            ),
            None => (doc.body_start..doc.len, doc.end_span(), "document".to_owned()),
        };
        let text = src.get(range).unwrap_or("");
        if term.found_in(text) {
            continue;
        }
        out.push(
            Finding::new(
                &TERM_MISSING,
                format!(
                    "The {place} never mentions {}, which {} asks for",
                    term.name,
                    what(req)
                ),
            )
            .clause(req.clause.clone())
            .subject(format!("{}#{}", req.id, term.name))
            .severity(req.severity)
            .at(&doc.path, at)
            .help(format!("Say how {} are handled here", term.name)),
        );
    }
}
