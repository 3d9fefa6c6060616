//! Required content: a document that is evidence for a pack requirement has the sections, the
//! register columns and rows, and the measurable targets that requirement asks for. Pure: reads
//! the parsed document (headings, tables) and the packs.

use std::ops::Range;

use rayon::prelude::*;

use super::Context;
use crate::hash::{HashMap, HashSet};
use crate::document::markdown::Cell;
use crate::document::{Document, Heading, Table};
use crate::finding::{Finding, Severity};
use crate::index::{DocInfo, Repo};
use crate::matcher::{Item, Judgement, Matcher, Prepared, Score, Words};
use crate::pack::{Requirement, Strength, Synonyms};

check_kind! {
    /// ## What it checks
    /// A document's requirements are those it is evidence for (its `type` and `clauses:`, or
    /// its `satisfies:`; see `required-document`). For each of them, the pack lists required
    /// sections, register columns and target columns (`smslint explain <requirement-id>`
    /// shows them). One matcher (`src/matcher.rs`) decides whether a heading, a bold lead-in
    /// (`**Exceptions.** …`), a definition-list term, a table header row or caption names an
    /// item: word sets in any order, after folding case, numbering (`3.2`, `A.1`, `IV.`),
    /// punctuation, `&`/`and`, the pack's stop words, British/American spelling and simple
    /// plurals. The item's name beats a synonym, a synonym beats its key terms (one word of
    /// each group). A sentence, list item or cell linking to another document meets the item
    /// when it names the item and that document is evidence for the requirement, or when the
    /// linked document's title names it. Items the pack marks `recommended` are warnings.
    ///
    /// - `section-missing`: nothing names a required section, and no section that names no
    ///   other item uses the item's own words (when one does: `section-unconfirmed`). The
    ///   finding points where the section would go (after the last required section found
    ///   before it, else the title), and names the closest heading seen and what it lacks.
    /// - `section-empty`: the section is there but holds nothing — only its heading, or only
    ///   more (empty) headings.
    /// - `column-missing`: the register table (the one with most of the required columns)
    ///   lacks one; one finding per missing column, at its header row. A header is read by its
    ///   head word (`Contract owner` is an owner column) and serves one column only, the best
    ///   scoring first. With no such table at all, each column is reported at the end.
    /// - `register-empty`: the register table has no rows.
    /// - `term-missing`: the document (or the section the pack names) never mentions a term
    ///   the requirement asks for — the change categories of a change management policy must
    ///   include emergency changes. The finding points at the section's heading.
    /// - `section-unconfirmed` (warning): nothing names a section, but a section that names
    ///   no item of the requirement (or the opening text) uses one of the item's own words —
    ///   one that is neither the document's subject nor another item's, nor common to the
    ///   items of several requirements. Such a section may give the item in words the pack
    ///   did not foresee (`Are all changes treated the same?` for change categories), which a
    ///   matcher of words cannot tell from a near miss, so the finding asks the author to look
    ///   rather than claim the section is missing. It points at the sentence that holds the
    ///   word.
    /// - `target-not-measurable` (warning): a cell of the column that best matches a target
    ///   (of equal headers, the one holding most values) has no number, percentage, duration,
    ///   date, threshold (`at least`, `within`) or count word; one finding per column, at its
    ///   first such cell. The pattern is pack data (`[content] measurable`).
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
        run: crate::checks::Scope::Document(check), settle: met_by_reference;
        SECTION_MISSING: "SMS501" "section-missing" Error => "A document lacks a section its requirement asks for",
        SECTION_EMPTY: "SMS502" "section-empty" Error => "A required section is present but empty",
        COLUMN_MISSING: "SMS504" "column-missing" Error => "A register table lacks a required column",
        REGISTER_EMPTY: "SMS505" "register-empty" Error => "A register table has no rows",
        TARGET_NOT_MEASURABLE: "SMS506" "target-not-measurable" Warning => "An objective or service level target has no measurable value",
        TERM_MISSING: "SMS507" "term-missing" Error => "A document does not mention something its requirement asks for",
        SECTION_UNCONFIRMED: "SMS508" "section-unconfirmed" Warning => "A required section is named nowhere, but a section may give it in other words",
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

/// The matcher of the run: the stop words of every pack.
pub fn matcher(cx: &Context<'_>) -> Matcher {
    cx.matcher.map_or_else(|| Matcher::of_packs(cx.packs), crate::matcher::Seed::matcher)
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
    let reqs = requirements_of(&info, cx);
    if reqs.is_empty() {
        return;
    }
    let m = matcher(cx);
    // A section of only promises (`TBD`, `To be confirmed…`, init's `TODO:` guidance) is as
    // empty as one with nothing under its heading, in a draft as in an approved document.
    let unfinished = Unfinished {
        opening: cx.packs.placeholders().chain(cx.packs.unfinished()).collect(),
        deferral: cx.packs.deferrals().collect(),
        measurable: cx.packs.measurable(),
    };
    // Plain-text clause titles (`3. Known limitations`) are headings here.
    let heads = crate::document::outline::outline(doc, src);
    let kinds = cx.packs.value_kinds();
    let cands = candidates(doc, &heads, src, &m, &unfinished);
    let said = sentences(doc, &heads, src, &m);
    let title_heading = doc.title_heading().map(|h| h.span.clone());
    let outline = Outline::new(&heads, &cands, &said, &m);
    for req in reqs {
        let context = info
            .title
            .iter()
            .map(String::as_str)
            .chain([req.title.as_str()])
            .flat_map(|t| m.words(t))
            .filter(|w| w != crate::matcher::BOUNDARY)
            .collect();
        let title = info
            .title
            .iter()
            .flat_map(|t| m.words(t))
            .filter(|w| w != crate::matcher::BOUNDARY)
            .collect();
        let d = Doc {
            doc,
            heads: &heads,
            kinds: &kinds,
            src,
            req,
            m: &m,
            context,
            title,
            title_heading: title_heading.as_ref(),
            said: &said,
            outline: &outline,
            claimed: std::cell::OnceCell::new(),
            section_stems: std::cell::OnceCell::new(),
        };
        d.sections(&cands, out);
        if !req.columns.is_empty() {
            d.register(&cands, &cx.config.doc.id_pattern, out);
        }
        if !req.targets.is_empty() {
            d.targets(cx, out);
        }
        d.terms(&cands, out);
    }
}

/// What a candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A heading, by index.
    Heading(usize),
    /// A bold lead-in (`**Exceptions.** …`) or a bold line of its own.
    LeadIn,
    /// A definition-list term (a line followed by `: definition`).
    Definition,
    /// A table's header row or caption.
    Table,
    /// A table row's label read with a column header (`P1 – Major` + `Definition`): a
    /// match, never the closest thing seen (there are as many as cells).
    Row,
}

/// A place in a document that may name a content item.
#[derive(Debug, Clone)]
struct Candidate {
    kind: Kind,
    text: String,
    words: Words,
    span: Range<usize>,
    /// Whether something follows it (a section with content, a lead-in with text).
    has_content: bool,
    /// The candidates (headings) whose sections hold this one, outermost first.
    within: Vec<usize>,
}

/// Headings, bold lead-ins, definition terms, table header rows and captions, in document order.
/// A heading's section holding only text that says its content is yet to come (`TBD`, `To be
/// confirmed…`) has none: see [`Unfinished::only`].
fn candidates(
    doc: &Document,
    heads: &[Heading],
    src: &str,
    m: &Matcher,
    unfinished: &Unfinished<'_>,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (i, h) in heads.iter().enumerate() {
        let end = h.section_end.min(doc.len);
        out.push(Candidate {
            kind: Kind::Heading(i),
            words: m.reduce_heading(&h.text),
            text: h.text.clone(),
            span: h.span.clone(),
            has_content: !is_empty_section(heads, i) && !unfinished.only(src, h.span.end.min(end)..end, &doc.body.tables),
            within: Vec::new(),
        });
    }
    let mut code: Vec<&Range<usize>> = doc.body.code.iter().collect();
    code.sort_by_key(|r| r.start);
    let in_code = |at: usize| {
        let i = code.partition_point(|r| r.start <= at);
        i > 0 && code[..i].iter().rev().take(4).any(|r| r.contains(&at))
    };
    let body = src.get(doc.body_start..doc.len).unwrap_or("");
    let mut offset = doc.body_start;
    let lines: Vec<(usize, &str)> = body
        .split_inclusive('\n')
        .map(|l| {
            let at = offset;
            offset += l.len();
            (at, l.trim_end_matches(['\n', '\r']))
        })
        .collect();
    for (n, &(at, line)) in lines.iter().enumerate() {
        let next = lines.get(n + 1).map_or("", |(_, l)| l.trim());
        if let Some((text, rest)) = lead_in(line) {
            if !in_code(at) {
                // What follows a lead-in: its own line, else the next non-blank line that is
                // neither a heading nor another bold line of its own.
                let following = lines[n + 1..]
                    .iter()
                    .map(|(_, l)| l.trim())
                    .find(|l| !l.is_empty());
                let has_content = !rest.trim().is_empty()
                    || following.is_some_and(|l| {
                        !l.starts_with('#') && lead_in(l).is_none_or(|(_, r)| !r.trim().is_empty())
                    });
                // What the lead-in says: the rest of its paragraph, else the paragraph after
                // it; `**Findings.** Pending.` says nothing yet.
                let mut after = lines[n + 1..].iter().map(|(_, l)| l.trim()).peekable();
                let rest = rest.trim();
                if rest.is_empty() {
                    while after.next_if(|l| l.is_empty()).is_some() {}
                }
                let said: Vec<&str> = std::iter::once(rest)
                    .filter(|r| !r.is_empty())
                    .chain(after.take_while(|l| !l.is_empty() && !l.starts_with('#') && lead_in(l).is_none()))
                    .collect();
                let has_content = has_content && (said.is_empty() || !unfinished.paragraph(&said.join(" ")));
                out.push(Candidate {
                    kind: Kind::LeadIn,
                    words: m.reduce_heading(text),
                    text: text.to_owned(),
                    span: at..at + line.len(),
                    has_content,
                    within: Vec::new(),
                });
            }
        } else if line.trim_end().ends_with(':')
            // (Only a line ending in a colon looks ahead: a run of blank lines is read once.)
            && let Some(following) = lines[n + 1..].iter().map(|(_, l)| l.trim()).find(|l| !l.is_empty())
            && let Some(text) = colon_lead_in(line, lines[..n].last().map(|(_, l)| *l), following)
            && !in_code(at)
        {
            // A plain line ending in a colon that opens a list (`What you can expect from
            // us:`) introduces it as a bold lead-in would; the list is what it says.
            let first = following.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '-' | '*' | '+' | '.' | ')' | ' '));
            out.push(Candidate {
                kind: Kind::LeadIn,
                words: m.reduce_heading(text),
                text: text.to_owned(),
                span: at..at + line.len(),
                has_content: !unfinished.paragraph(first),
                within: Vec::new(),
            });
        } else if next.starts_with(": ") && !line.trim().is_empty() && !line.starts_with('#') && !in_code(at)
        {
            // A definition says nothing yet when its every paragraph puts it off (`: TBC`).
            // It ends at a blank line, a heading or the next term (a line before a `: `).
            let rest: Vec<&str> = lines[n + 1..].iter().map(|(_, l)| l.trim()).collect();
            let defined: Vec<&str> = rest
                .iter()
                .enumerate()
                .take_while(|&(k, l)| {
                    !l.is_empty()
                        && !l.starts_with('#')
                        && (l.starts_with(": ") || !rest.get(k + 1).is_some_and(|n| n.starts_with(": ")))
                })
                .map(|(_, l)| *l)
                .collect();
            out.push(Candidate {
                kind: Kind::Definition,
                words: m.reduce(line),
                text: line.trim().to_owned(),
                span: at..at + line.len(),
                has_content: definitions(&defined).iter().any(|d| !unfinished.paragraph(d)),
                within: Vec::new(),
            });
        }
    }
    for t in &doc.body.tables {
        let header: Vec<&str> = t.header.iter().map(|c| c.text.as_str()).collect();
        let text = header.join(" | ");
        // A table whose cells beside the row names are all placeholders (`| Provider | TBC |`)
        // holds nothing yet.
        let has_content = t.rows.iter().any(|r| r.iter().any(|c| !c.text.is_empty())) && !unfinished.table(t);
        out.push(Candidate {
            kind: Kind::Table,
            words: m.reduce(&text),
            text,
            span: t.header_span.clone(),
            has_content,
            within: Vec::new(),
        });
        // A two-column table is often a list of topics and what the document says of each
        // (`| Obligations | PCI DSS, GDPR |`): its first cells name sections.
        if t.header.len() == 2 {
            for row in &t.rows {
                if let [topic, said, ..] = row.as_slice() {
                    if !topic.text.is_empty() {
                        out.push(Candidate {
                            kind: Kind::Table,
                            words: m.reduce(&topic.text),
                            text: topic.text.clone(),
                            span: topic.span.clone(),
                            has_content: !said.text.is_empty() && !unfinished.opens(&said.text),
                            within: Vec::new(),
                        });
                    }
                }
            }
        }
        // A cell that says something (four words or more) under a column header says that
        // header of its row: in a priority table, the `Definition` of the row `P1 – Major`
        // is the definition of a major incident. Figures and short values (`15 minutes`)
        // say nothing of their header.
        if t.header.len() >= 3 {
            for row in &t.rows {
                let Some((label, cells)) = row.split_first() else { continue };
                if label.text.is_empty() {
                    continue;
                }
                for (head, cell) in t.header.iter().skip(1).zip(cells) {
                    if cell.text.split_whitespace().count() >= 4 && !head.text.is_empty() {
                        let text = format!("{} {}", label.text, head.text);
                        out.push(Candidate {
                            kind: Kind::Row,
                            words: m.reduce(&text),
                            text,
                            span: label.span.clone(),
                            has_content: true,
                            within: Vec::new(),
                        });
                    }
                }
            }
        }
        let above = src.get(..t.span.start).unwrap_or("").trim_end();
        let cap_start = above.rfind('\n').map_or(0, |i| i + 1).max(doc.body_start);
        let caption = above.get(cap_start..).unwrap_or("").trim();
        if !caption.is_empty()
            && caption.len() <= 120
            && !caption.starts_with('#')
            && !caption.starts_with('|')
        {
            out.push(Candidate {
                kind: Kind::Table,
                words: m.reduce(caption),
                text: caption.trim_matches(['*', '_', ':']).to_owned(),
                span: cap_start..cap_start + caption.len(),
                has_content,
                within: Vec::new(),
            });
        }
    }
    out.sort_by_key(|c| c.span.start);
    // The headings around each candidate, by one sweep with a stack of open sections.
    let mut open: Vec<(usize, usize)> = Vec::new();
    for (ci, c) in out.iter_mut().enumerate() {
        let at = c.span.start;
        while open.last().is_some_and(|&(_, end)| end <= at) {
            open.pop();
        }
        c.within = open.iter().map(|&(i, _)| i).collect();
        if let Kind::Heading(h) = c.kind {
            open.push((ci, heads[h].section_end));
        }
    }
    out
}

/// The sentences and list items of every section's own text (up to its first sub-heading),
/// outside code and tables, each as a candidate within its headings (`within` holds their
/// indices in the document's headings). A paragraph is split at `.`, `!` or `?`
/// followed by a space; a list item is one unit.
fn sentences(doc: &Document, heads: &[Heading], src: &str, m: &Matcher) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut code: Vec<&Range<usize>> = doc.body.code.iter().collect();
    code.sort_by_key(|r| r.start);
    let in_code = |at: usize| {
        let i = code.partition_point(|r| r.start <= at);
        i > 0 && code[..i].iter().rev().take(4).any(|r| r.contains(&at))
    };
    let mut unit = |start: usize, end: usize, within: &[usize], out: &mut Vec<Candidate>| {
        let text = src.get(start..end).unwrap_or("").trim();
        if text.chars().any(char::is_alphanumeric) {
            out.push(Candidate {
                kind: Kind::LeadIn,
                words: m.reduce(text),
                text: text.to_owned(),
                span: start..end,
                has_content: true,
                within: within.to_vec(),
            });
        }
    };
    // Text before the first heading (a document written as prose, or an opening paragraph)
    // is in no section: the document itself says it.
    let first = heads.first().map_or(doc.len, |h| h.span.start).min(doc.len);
    let mut para: Option<usize> = None;
    let mut at = doc.body_start.min(first);
    for line in src.get(at..first).unwrap_or("").split_inclusive('\n') {
        let t = line.trim();
        let line_start = at;
        at += line.len();
        if t.is_empty() || in_code(line_start) || t.starts_with('|') || t.starts_with('<') {
            if let Some(p) = para.take() {
                split_sentences(src, p, line_start, &[], &mut unit, &mut out);
            }
        } else if para.is_none() {
            para = Some(line_start);
        }
    }
    if let Some(p) = para {
        split_sentences(src, p, first, &[], &mut unit, &mut out);
    }
    // The headings around each section's own text, by one sweep with a stack of open sections.
    let mut within: Vec<usize> = Vec::new();
    for (i, h) in heads.iter().enumerate() {
        let end = heads.get(i + 1).map_or(doc.len, |n| n.span.start).min(doc.len);
        let start = h.span.end.min(end);
        while within.last().is_some_and(|&o| heads[o].section_end <= h.span.start) {
            within.pop();
        }
        within.push(i);
        let mut para: Option<usize> = None;
        let mut at = start;
        for line in src.get(start..end).unwrap_or("").split_inclusive('\n') {
            let t = line.trim();
            let line_start = at;
            at += line.len();
            let in_code = in_code(line_start);
            let list = t.starts_with("- ")
                || t.starts_with("* ")
                || t.starts_with("+ ")
                || t.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            let breaks = t.is_empty() || in_code || t.starts_with('|') || t.starts_with('#') || list;
            if breaks {
                if let Some(p) = para.take() {
                    split_sentences(src, p, line_start, &within, &mut unit, &mut out);
                }
                if list && !in_code {
                    para = Some(line_start);
                }
            } else if para.is_none() {
                para = Some(line_start);
            }
        }
        if let Some(p) = para {
            split_sentences(src, p, end, &within, &mut unit, &mut out);
        }
    }
    out
}

/// Calls `unit` with each sentence of `src[start..end]`: split after `.`, `!` or `?` followed by
/// white space.
fn split_sentences(
    src: &str,
    start: usize,
    end: usize,
    within: &[usize],
    unit: &mut impl FnMut(usize, usize, &[usize], &mut Vec<Candidate>),
    out: &mut Vec<Candidate>,
) {
    each_sentence(src.get(start..end).unwrap_or(""), |a, b| unit(start + a, start + b, within, out));
}

/// Calls `f` with the range of each sentence of `text`: split after `.`, `!` or `?` followed
/// by white space.
fn each_sentence(text: &str, mut f: impl FnMut(usize, usize)) {
    let mut from = 0;
    let mut prev_end = false;
    for (i, c) in text.char_indices() {
        if prev_end && c.is_whitespace() {
            f(from, i);
            from = i;
        }
        prev_end = matches!(c, '.' | '!' | '?');
    }
    f(from, text.len());
}

/// Every bold label of a line (`**Owner:** Desk Manager. **Due:** 31 March`): the text of each
/// bold run that ends in a colon or full stop, or is followed by one.
fn bold_labels(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find("**") {
        let inner_start = open + 2;
        let Some(len) = rest[inner_start..].find("**") else {
            break;
        };
        let inner = &rest[inner_start..inner_start + len];
        let after = &rest[inner_start + len + 2..];
        if inner.trim_end().ends_with([':', '.']) || after.trim_start().starts_with([':', '.']) {
            let label = inner.trim().trim_end_matches([':', '.']).trim();
            if !label.is_empty() {
                out.push(label);
            }
        }
        rest = after;
    }
    out
}

/// Plain field labels (`Role: storage engineer.`, or in italics: `*Role:* storage engineer.`)
/// that occur twice or more in `text`: one to three words opening a line or a sentence, then a
/// colon and a space, outside tables and headings. Linear in the text.
fn plain_labels(text: &str) -> Vec<String> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with('|') || t.starts_with('#') {
            continue;
        }
        // Where a label may start: the line's start (after a list mark or a bold lead-in) and
        // after each sentence end.
        let mut starts = vec![0];
        starts.extend(t.match_indices(". ").map(|(i, _)| i + 2));
        starts.extend(t.match_indices("** ").map(|(i, _)| i + 3));
        for at in starts {
            let rest = t.get(at..).unwrap_or("").trim_start_matches(['-', '*', '+', '_', ' ']);
            // An emphasised label (`*Owner:* …`, `_Owner:_ …`) is a label too.
            let Some((label, _)) = rest
                .split_once(": ")
                .or_else(|| rest.split_once(":* "))
                .or_else(|| rest.split_once(":_ "))
            else {
                continue;
            };
            let words = label.split_whitespace().count();
            if (1..=3).contains(&words) && label.chars().all(|c| c.is_alphanumeric() || c == ' ' || c == '-' || c == '\'') {
                *seen.entry(label.to_owned()).or_default() += 1;
            }
        }
    }
    let mut out: Vec<String> = seen.into_iter().filter(|(_, n)| *n >= 2).map(|(l, _)| l).collect();
    out.sort();
    out
}

/// A line opening with bold text ending in `.` or `:` (or followed by one), or a line that is
/// only bold text: the bold text and what follows it.
fn lead_in(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_start();
    let t = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .or_else(|| t.strip_prefix("+ "))
        .unwrap_or(t);
    let mark = if t.starts_with("**") {
        "**"
    } else if t.starts_with("__") {
        "__"
    } else {
        return None;
    };
    let inner_start = mark.len();
    let close = t[inner_start..].find(mark)? + inner_start;
    let inner = &t[inner_start..close];
    let rest = &t[close + mark.len()..];
    let ends = inner.trim_end().ends_with(['.', ':']);
    let after = rest.trim_start();
    let punct_after = after.starts_with([':', '.', '—', '–']) || after.starts_with(" -");
    if inner.trim().is_empty() || inner.len() > 100 {
        return None;
    }
    if ends || punct_after || after.is_empty() {
        let text = inner.trim().trim_end_matches(['.', ':']).trim();
        let rest = after.trim_start_matches([':', '.', '—', '–', '-']);
        return Some((text, rest));
    }
    None
}

/// A line of its own paragraph (after a blank line or at the start), not a heading, table row,
/// list item or quote, of at most twelve words ending in a colon, whose next line opens a list:
/// the text before the colon. `What you can expect from us:` over the list of commitments.
fn colon_lead_in<'l>(line: &'l str, previous: Option<&str>, next: &str) -> Option<&'l str> {
    let t = line.trim();
    let text = t.strip_suffix(':')?.trim_end();
    let opens_list = ["- ", "* ", "+ "].iter().any(|m| next.starts_with(m))
        || next
            .split_once(['.', ')'])
            .is_some_and(|(n, rest)| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()) && rest.starts_with(' '));
    let starts_paragraph = previous.is_none_or(|p| p.trim().is_empty());
    let plain = !text.is_empty()
        && !t.starts_with(['#', '|', '>', '-', '*', '+', '_', '`'])
        && !text.ends_with(':')
        && text.split_whitespace().count() <= 12
        && !text.bytes().next().is_some_and(|b| b.is_ascii_digit());
    (opens_list && starts_paragraph && plain).then_some(text)
}

/// A heading whose section (its sub-sections included) holds no block but headings.
/// The pack's ways of saying content is still to come: placeholders and `[content]
/// unfinished` openings (matched where a paragraph starts), and `[content] deferrals`
/// (matched anywhere in a sentence).
struct Unfinished<'p> {
    opening: Vec<&'p regex::Regex>,
    deferral: Vec<&'p regex::Regex>,
    /// The pack's measurable value: a sentence giving one is content.
    measurable: Option<&'p regex::Regex>,
}

impl Unfinished<'_> {
    /// Whether a sentence or cell (`text`, trimmed) opens with a placeholder or an unfinished
    /// phrase, past its own number, emphasis and list marks: `4.1 TBD – to be agreed`.
    fn opens(&self, text: &str) -> bool {
        let opening = crate::text::strip_numbering(text.trim_start_matches(['>', '-', '+', ':', ' ']))
            .trim_start_matches(['_', '*', '>', '-', '+', ' ', '(']);
        self.opening
            .iter()
            .any(|re| re.find(opening).is_some_and(|m| m.start() == 0))
    }

    /// Whether a paragraph says nothing yet: it opens with a placeholder or an unfinished
    /// phrase, or each of its sentences opens so or puts its content off (`Targets will be set
    /// once the contract is signed.`). A paragraph of three sentences that opens and closes so
    /// gives the reason in between (`The list is to be confirmed. The team is redesigning the
    /// intake. The map will be added here once the redesign is signed off.`).
    fn paragraph(&self, para: &str) -> bool {
        // Each sentence, and each clause after a `;` (`To be agreed at the review; currently
        // 99.5%` says something).
        let mut parts: Vec<&str> = Vec::new();
        each_sentence(para, |a, b| parts.extend(para[a..b].split("; ").map(str::trim).filter(|s| !s.is_empty())));
        let said: Vec<bool> = parts
            .iter()
            .map(|s| !(self.opens(s) || self.deferral.iter().any(|re| re.is_match(s))))
            .collect();
        let valued = |s: &&str| self.measurable.is_some_and(|m| m.is_match(s));
        // A paragraph that opens with a placeholder or a promise says nothing yet, unless a
        // later sentence that is no promise gives a value (`TBC for the portal. The case
        // system is available 99.5% of the time.`).
        if self.opens(para) && !parts.iter().zip(&said).skip(1).any(|(p, &s)| s && valued(p)) {
            return true;
        }
        // The reason between two promises is no content, unless it gives a value or the
        // paragraph is a list of steps.
        let list = para.trim_start().starts_with(['-', '*', '+']) || crate::text::strip_numbering(para) != para;
        match said.as_slice() {
            [] => false,
            [false, _, false] => !list && !valued(&parts[1]),
            all => all.iter().all(|s| !s),
        }
    }

    /// Whether a table says nothing yet: every cell of its body outside the first column,
    /// which names the rows, is empty or opens with a placeholder (`| Provider | TBC |`), and
    /// one at least does.
    fn table(&self, t: &Table) -> bool {
        let mut judged = 0;
        for row in &t.rows {
            for c in row.iter().skip(1).filter(|c| !c.text.is_empty()) {
                if !self.opens(&c.text) {
                    return false;
                }
                judged += 1;
            }
        }
        judged > 0
    }

    /// Whether `src[range]` (a section's body) has paragraphs and every one of them says
    /// nothing yet (see [`Unfinished::paragraph`]; a paragraph holding one of the document's
    /// parsed `tables`, by [`Unfinished::table`]). Sub-headings are skipped; a code block or
    /// any other paragraph is content.
    fn only(&self, src: &str, range: Range<usize>, tables: &[Table]) -> bool {
        let mut paragraphs = 0;
        let mut at = range.start;
        for para in src.get(range).unwrap_or("").split("\n\n") {
            let (start, end) = (at, at + para.len());
            at = end + 2;
            let lines: Vec<&str> = para
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect();
            if lines.is_empty() {
                continue;
            }
            paragraphs += 1;
            let table = lines[0]
                .starts_with('|')
                .then(|| tables.iter().find(|t| (start..end).contains(&t.span.start)))
                .flatten();
            let said = match table {
                Some(t) => self.table(t),
                None => self.paragraph(&lines.join(" ")),
            };
            if !said {
                return false;
            }
        }
        paragraphs > 0
    }
}

/// The definitions of a definition-list term: each line opening `: ` starts one, the lines
/// after it continue it (`: To be agreed at the January workshop.`).
fn definitions(lines: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in lines {
        match (l.strip_prefix(": "), out.last_mut()) {
            (Some(d), _) => out.push(d.to_owned()),
            (None, Some(d)) => {
                d.push(' ');
                d.push_str(l);
            }
            (None, None) => out.push((*l).to_owned()),
        }
    }
    out
}

/// Whether a header cell is an abbreviation: one to four capital letters (`L`, `RPN`).
fn is_initials(text: &str) -> bool {
    let t = text.trim();
    (1..=4).contains(&t.len()) && t.chars().all(|c| c.is_ascii_uppercase())
}

/// The initials of a name's words (`Risk priority number` → `RPN`, `Likelihood` → `L`).
fn initials(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter_map(|w| w.chars().next())
        .collect()
}

fn is_empty_section(heads: &[Heading], i: usize) -> bool {
    let end = heads[i].section_end;
    heads[i..]
        .iter()
        .take_while(|h| h.span.start < end)
        .all(|h| !h.has_content)
}

/// One document checked against one requirement.
struct Doc<'a> {
    doc: &'a Document,
    /// The document's headings and plain-text clause titles (see [`outline`](crate::document::outline::outline)).
    heads: &'a [Heading],
    /// The kinds of cell value a column may be known by, most specific first (see
    /// [`Packs::value_kinds`](crate::pack::Packs::value_kinds)).
    kinds: &'a [(&'a str, &'a regex::Regex)],
    src: &'a str,
    req: &'a Requirement,
    m: &'a Matcher,
    /// The folded words of the document's title and the requirement's title.
    context: HashSet<String>,
    /// The folded words of the document's own title.
    title: HashSet<String>,
    /// The span of the document's title heading (see [`Document::title_heading`]).
    title_heading: Option<&'a Range<usize>>,
    /// The sentences and list items of the sections (see [`sentences`]).
    said: &'a [Candidate],
    /// What is read once per document of its headings and sentences.
    outline: &'a Outline<'a>,
    /// Per heading, by index: whether it names an item of the requirement (see
    /// [`Doc::names_an_item_prepared`]), worked out on first use.
    claimed: std::cell::OnceCell<Vec<bool>>,
    /// The stems of each of the requirement's sections (see [`Matcher::item_stems`]), in
    /// order, worked out on first use.
    section_stems: std::cell::OnceCell<Vec<HashSet<String>>>,
}

/// What the checks of a document's requirements read of its headings and sentences, worked
/// out once per document rather than once per item.
struct Outline<'a> {
    /// Each heading reduced as a heading (see [`Matcher::reduce_heading`]), by index.
    words: Vec<&'a Words>,
    /// Each candidate (of [`candidates`], by index) prepared for judging against every item.
    prepared: Vec<Prepared<'a>>,
    /// The index of each heading's candidate, by heading index.
    heading_cand: Vec<usize>,
    /// Whether each heading is a label (see [`Matcher::is_label`]), by index.
    label: Vec<bool>,
    /// Whether each sentence (of [`sentences`], by index) is a condition (see
    /// [`Matcher::is_condition`]), worked out on first use.
    condition: Vec<std::cell::OnceCell<bool>>,
}

impl<'a> Outline<'a> {
    fn new(heads: &[Heading], cands: &'a [Candidate], said: &[Candidate], m: &Matcher) -> Self {
        let mut at: Vec<Option<usize>> = vec![None; heads.len()];
        for (ci, c) in cands.iter().enumerate() {
            if let Kind::Heading(i) = c.kind {
                at[i] = Some(ci);
            }
        }
        // Every heading is a candidate (see [`candidates`]).
        let heading_cand: Vec<usize> = at.into_iter().map(|c| c.expect("every heading is a candidate")).collect();
        Outline {
            words: heading_cand.iter().map(|&ci| &cands[ci].words).collect(),
            prepared: cands.iter().map(|c| Prepared::new(&c.words)).collect(),
            heading_cand,
            label: heads.iter().map(|h| m.is_label(&h.text)).collect(),
            condition: said.iter().map(|_| std::cell::OnceCell::new()).collect(),
        }
    }
}

/// How [`best`] chooses beyond the judgement: the document's title heading (see [`best`]), no
/// candidate that is exactly the name of one of `rivals` (the requirement's other items) while
/// naming this one by key terms alone, and only those `accept` takes.
#[derive(Clone, Copy)]
struct Only<'r, 'c> {
    title_heading: Option<&'r Range<usize>>,
    rivals: &'r [Item<'r>],
    accept: &'r dyn Fn(&'c Candidate) -> bool,
}

/// The best match among `cands`: highest score, then with content, then fewest extra words.
/// The document's title heading (`title_heading`, its span) counts only when nothing else
/// matches, unless it is the item's name alone: its section is the whole document, which
/// always has content, so a title that names the item among other words (`SMS Scope —
/// Utility Technology Services`) would hide the empty section that gives it (`## Services
/// covered` / `To be confirmed`).
/// `prepared` holds each of `cands` prepared for judging (see [`Prepared`]).
fn best<'c>(
    m: &Matcher,
    item: Item<'_>,
    cands: &'c [Candidate],
    prepared: &[Prepared<'_>],
    context: &HashSet<String>,
    title: &HashSet<String>,
    only: Only<'_, 'c>,
) -> Option<(&'c Candidate, Judgement)> {
    let Only { title_heading, rivals, accept } = only;
    cands
        .iter()
        .zip(prepared)
        .filter(|(c, _)| !c.within.iter().any(|&h| m.vetoes(item, &cands[h].words.words)))
        .map(|(c, p)| (c, m.judge_in_prepared(item, p, context, title), p))
        // A candidate that is another item's name and nothing more (`Change categories`) is
        // that item's, though its words (with the title's `change control`) hold this one's
        // key terms.
        .filter(|(_, j, p)| {
            j.score != Some(Score::KeyTerms)
                || (!rivals.iter().any(|r| {
                    let rj = m.judge_prepared(*r, p);
                        rj.score == Some(Score::Exact) && rj.extra == 0
                    }))
        })
        .map(|(c, j, _)| (c, j))
        .filter(|(c, j)| j.score.is_some() && accept(c))
        .max_by(|(a, ja), (b, jb)| {
            // A title that is the item's name and nothing more (`# Capacity requirements`) is
            // the section itself: the document is about the item alone.
            let demoted =
                |c: &Candidate, j: &Judgement| matches!(c.kind, Kind::Heading(_)) && Some(&c.span) == title_heading && j.extra > 0;
            demoted(b, jb)
                .cmp(&demoted(a, ja))
                .then(ja.score.cmp(&jb.score))
                .then(a.has_content.cmp(&b.has_content))
                .then(jb.extra.cmp(&ja.extra))
                .then(b.span.start.cmp(&a.span.start))
        })
}

/// The candidate sharing most with `item` (at least one word or key-term group), for the
/// message of a missing item.
/// `prepared` holds each of `cands` prepared for judging (see [`Prepared`]).
fn closest<'c>(
    m: &Matcher,
    item: Item<'_>,
    cands: &'c [Candidate],
    prepared: &[Prepared<'_>],
) -> Option<(&'c Candidate, Judgement)> {
    cands
        .iter()
        .zip(prepared)
        .filter(|(c, _)| c.kind != Kind::Row)
        .map(|(c, p)| (c, m.judge_prepared(item, p)))
        .filter(|(_, j)| j.overlap > 0)
        .max_by(|(a, ja), (b, jb)| {
            ja.overlap
                .cmp(&jb.overlap)
                .then(jb.extra.cmp(&ja.extra))
                .then(b.span.start.cmp(&a.span.start))
        })
}

/// A sentence for a message: on one line, cut after about 60 characters at a word.
fn shortened(text: &str) -> String {
    let mut out = String::new();
    for w in text.split_whitespace() {
        if out.chars().count() >= 60 {
            out.push_str(" …");
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether `item` is itself about who does what (its name or a key term is one of the pack's
/// `people-headings`: `Invocation criteria and responsibilities`).
fn about_people(m: &Matcher, item: Item<'_>) -> bool {
    std::iter::once(item.name)
        .chain(item.key_terms.iter().flatten().map(String::as_str))
        .any(|t| m.is_people(t))
}

/// 1-based line of byte `at`.
fn line_of(src: &str, at: usize) -> usize {
    src.as_bytes()[..at.min(src.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The severity of a finding about an item of `strength` for `req`.
fn severity(req: &Requirement, strength: Strength) -> Severity {
    match strength {
        Strength::Recommended => Severity::Warning,
        Strength::Required => req.severity,
    }
}

impl Doc<'_> {
    fn what(&self) -> String {
        format!("{} (clause {})", self.req.title, self.req.clause)
    }

    fn subject(&self, name: &str) -> String {
        format!("{}#{}", self.req.id, name)
    }

    /// `; closest: "Handling escalations" (line 61), lacks: criteria` and the related place, or
    /// a note that nothing came near.
    /// `prepared` holds each of `cands` prepared for judging (see [`Prepared`]).
    fn closest_note(
        &self,
        item: Item<'_>,
        cands: &[Candidate],
        prepared: &[Prepared<'_>],
        f: Finding,
        nothing: &str,
    ) -> Finding {
        if let Some((c, j)) = closest(self.m, item, cands, prepared) {
            let lacks = if !j.about.is_empty() {
                format!(", which is about: {}", j.about.join(", "))
            } else if j.lacks.is_empty() {
                String::new()
            } else {
                format!(", lacks: {}", j.lacks.join(", "))
            };
            let line = line_of(self.src, c.span.start);
            let msg = format!("{}; closest: \"{}\" (line {line}){lacks}", f.message, c.text);
            Finding { message: msg, ..f }.related(c.span.clone(), "closest match")
        } else {
            let msg = format!("{}; {nothing}", f.message);
            Finding { message: msg, ..f }
        }
    }

    /// `cands` are the document's candidates, those the outline prepared.
    fn sections<'s>(&'s self, cands: &'s [Candidate], out: &mut Vec<Finding>) {
        debug_assert_eq!(cands.len(), self.outline.prepared.len());
        let heads = &self.heads;
        // A missing section belongs after the heading of the last required section found before
        // it, else after the title: the finding points there, never past the end of the file.
        let mut after = self.doc.title_heading();
        for sec in &self.req.sections {
            let item = Item::from(sec);
            // A section whose heading names nothing may still state the item in what it says.
            // A set of criteria named by its topic alone (`Major changes`, `Declaring`) is
            // given only where the text says which things meet them; else the section is the
            // closest thing seen, and the item is missing.
            let rivals: Vec<Item<'_>> = self
                .req
                .sections
                .iter()
                .filter(|s| s.name != sec.name)
                .map(Item::from)
                .collect();
            let unsaid: std::cell::Cell<Option<&Candidate>> = std::cell::Cell::new(None);
            let gives = |c: &'s Candidate, sentence: bool| {
                // A sentence says them itself (`… if it …`), opens the list of them (`…:`) or
                // is followed by the one that says them (`Some changes could have a major
                // impact … We treat a change this way when …`).
                let says = |c: &Candidate| self.m.says_criteria(&c.text) || c.text.trim_end().ends_with(':');
                let ok = !sec.criteria
                    || if sentence {
                        says(c)
                            || self
                                .said_index(c)
                                .and_then(|i| self.said.get(i + 1))
                                .is_some_and(|n| n.within == c.within && says(n))
                    } else {
                        self.says_criteria(c)
                    };
                if !ok && unsaid.get().is_none() {
                    unsaid.set(Some(c));
                }
                ok
            };
            let found = best(
                self.m,
                item,
                cands,
                &self.outline.prepared,
                &self.context,
                &self.title,
                Only {
                    title_heading: self.title_heading,
                    rivals: &rivals,
                    accept: &|c| gives(c, false),
                },
            )
                .map(|(c, _)| c)
                .or_else(|| self.stated(item, sec.strength, sec.criteria, &|c| gives(c, true)));
            let unsaid = if found.is_none() { unsaid.get() } else { None };
            if let Some(Kind::Heading(i)) = found.map(|c| &c.kind) {
                after = heads.get(*i).or(after);
            }
            // Where a section nothing names may still be given, looked for once.
            let held = (found.is_none() && unsaid.is_none())
                .then(|| self.possibly_held(item, cands))
                .flatten();
            match found {
                None if let Some((c, word)) = held => {
                    let line = line_of(self.src, c.span.start);
                    let place = match (&c.kind, c.within.last()) {
                        (Kind::Heading(h), _) | (_, Some(h)) => format!("the section \"{}\"", heads[*h].text),
                        _ => "the opening text".to_owned(),
                    };
                    out.push(
                        Finding::new(
                            &SECTION_UNCONFIRMED,
                            format!(
                                "No heading names \"{}\", which {} requires; {place} may give it in other words (line {line} speaks of \"{word}\")",
                                sec.name,
                                self.what()
                            ),
                        )
                        .clause(self.req.clause.clone())
                        .subject(self.subject(&sec.name))
                        .severity(Severity::Warning)
                        .at(&self.doc.path, c.span.clone())
                        .help(format!(
                            "If that is where the document gives it, name it in a heading or lead-in (`## {}`{}); if not, add the section",
                            sec.name,
                            also(sec)
                        )),
                    );
                }
                None if let Some(c) = unsaid => {
                    let text = match c.kind {
                        Kind::Heading(i) => heads[i].text.clone(),
                        _ => shortened(&c.text),
                    };
                    let line = line_of(self.src, c.span.start);
                    out.push(
                        Finding::new(
                            &SECTION_MISSING,
                            format!(
                                "No section on \"{}\", which {} requires; closest: \"{}\" (line {line}), which names the topic but does not say which cases meet the criteria",
                                sec.name,
                                self.what(),
                                text,
                            ),
                        )
                        .clause(self.req.clause.clone())
                        .subject(self.subject(&sec.name))
                        .severity(severity(self.req, sec.strength))
                        .at(&self.doc.path, c.span.clone())
                        .help(format!(
                            "State the {} there: which cases meet them (`… if it …`, `… when …`, `… more than …`)",
                            sec.name.to_lowercase()
                        )),
                    );
                }
                None => {
                    let (span, place) = after.map_or((0..0, String::new()), |h| {
                        (h.span.clone(), format!(" after \"{}\"", h.text))
                    });
                    let f = Finding::new(
                        &SECTION_MISSING,
                        format!("No section on \"{}\", which {} requires", sec.name, self.what()),
                    )
                    .clause(self.req.clause.clone())
                    .subject(self.subject(&sec.name))
                    .severity(severity(self.req, sec.strength))
                    .at(&self.doc.path, span)
                    .help(format!("Add a `## {}` section{place}{}", sec.name, also(sec)));
                    out.push(self.closest_note(item, cands, &self.outline.prepared, f, "no heading, lead-in or table names it"));
                }
                Some(c) if !c.has_content => {
                    let text = match c.kind {
                        Kind::Heading(i) => heads[i].text.clone(),
                        _ => c.text.clone(),
                    };
                    out.push(
                        Finding::new(
                            &SECTION_EMPTY,
                            format!("Section \"{text}\" is empty; {} needs its content", self.what()),
                        )
                        .clause(self.req.clause.clone())
                        .subject(self.subject(&sec.name))
                        .severity(severity(self.req, sec.strength))
                        .at(&self.doc.path, c.span.clone())
                        .help(format!(
                            "Write the {} content under the heading",
                            sec.name.to_lowercase()
                        )),
                    );
                }
                Some(_) => {}
            }
        }
    }

    /// Per heading, by index, whether it names an item of the requirement (see
    /// [`Doc::names_an_item_prepared`]); worked out once per requirement.
    fn claimed(&self) -> &[bool] {
        self.claimed.get_or_init(|| {
            self.outline
                .heading_cand
                .iter()
                .map(|&ci| self.names_an_item_prepared(&self.outline.prepared[ci]))
                .collect()
        })
    }

    /// The stems of each of the requirement's sections, in order; worked out once per
    /// requirement.
    fn section_stems(&self) -> &[HashSet<String>] {
        self.section_stems
            .get_or_init(|| self.req.sections.iter().map(|s| self.m.item_stems(Item::from(s))).collect())
    }

    /// Whether a prepared heading names an item of the requirement.
    fn names_an_item_prepared(&self, words: &Prepared<'_>) -> bool {
        self.req.sections.iter().any(|s| {
            self.m
                .judge_in_prepared(Item::from(s), words, &self.context, &self.title)
                .score
                .is_some()
        })
    }

    /// Whether folded heading `words` only restate the document's title: the document itself
    /// speaking, not a section on something else.
    fn restates_title(&self, words: &[String]) -> bool {
        !self.title.is_empty()
            && words
                .iter()
                .filter(|x| *x != crate::matcher::BOUNDARY)
                .all(|x| self.title.contains(x))
    }

    /// Where an item that nothing names may still be given in other words: the first sentence
    /// or list item of a section that names no item of the requirement (or of the opening
    /// text) holding one of the item's own words that is neither the document's subject (its
    /// title, the requirement's title) nor shared with another item of the requirement. A
    /// matcher of words cannot tell such a section apart from the item written in words the
    /// pack did not foresee, so it says so instead of reporting the item missing. Returns the
    /// sentence and the word.
    fn possibly_held<'c>(&'c self, item: Item<'_>, cands: &'c [Candidate]) -> Option<(&'c Candidate, String)> {
        let heads = &self.heads;
        let mut own = self.m.item_stems(item);
        let context: HashSet<&str> = self.context.iter().map(|w| crate::matcher::stem_of(w)).collect();
        // Short words are parts of phrases (`go` of `go-live`, `up` of `up to`), not topics.
        own.retain(|w| w.chars().count() >= 3 && !context.contains(w.as_str()) && !self.m.is_generic(w));
        let stems = self.section_stems();
        for (_, theirs) in self.req.sections.iter().zip(stems).filter(|(s, _)| s.name != item.name) {
            own.retain(|w| !theirs.contains(w));
        }
        if own.is_empty() {
            return None;
        }
        // The headings that name an item of the requirement (unless they restate the title)
        // are claimed; every heading is a candidate, in order.
        let claimed = self.claimed();
        let open = |h: usize| {
            self.restates_title(&self.m.folded(&heads[h].text)) || !claimed.get(h).copied().unwrap_or(false)
        };
        // A section whose heading is a label (`Rollback`, `Deployment windows`) says what it
        // is about: a word of the item in its text is no sign that it gives the item, unless
        // the label is headed by what the item is about (the head of its name or a synonym,
        // not a qualifier: `Deployment` is not about deployment criteria) or is (or restates)
        // the document's title. A heading written as a sentence or a question (`When is a
        // release good to go?`, `Volumes this agreement is sized for`) or a general one
        // (`Purpose`, `Application`: pack `general-headings`) may be about anything.
        // Judged once per heading, not once per sentence under it.
        let about = self.m.item_heads(item);
        let may_hold: Vec<bool> = heads
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let w = self.outline.words[i];
                !self.outline.label[i]
                    || self.m.is_general(&w.words)
                    || self.title_heading == Some(&h.span)
                    || self.restates_title(&w.words)
                    || w.heads.iter().any(|x| {
                        let x = crate::matcher::stem_of(x);
                        own.contains(x) && about.contains(x)
                    })
            })
            .collect();
        // In a sentence, the sign must be a term of the item on its own: a word the pack knows
        // only inside a phrase (`live` of `go live`, `done` of `Definition of done`, `working`
        // of `Return to normal working`) is no sign of it, unless the sentence sets a condition
        // (`A release goes live only when …`: pack `condition-words`). A heading that is a
        // question or a sentence asks about its words (`Before we go live`, `When is a release
        // done?`): any own word of the item in it is a sign.
        let alone = self.m.item_words_alone(item);
        let own_word = |words: &[String], any: bool| {
            words
                .iter()
                .find(|w| {
                    let x = crate::matcher::stem_of(w);
                    own.contains(x) && (any || alone.contains(x))
                })
                .cloned()
        };
        // A heading asked as a question in the item's own words (`What is controlled`, not
        // the topics its interrogative asks for) is the likeliest place; else the first
        // sentence of a section that may hold it.
        cands
            .iter()
            // (A candidate's `within` holds indices in `cands`, a sentence's in `heads`.)
            .filter(|c| {
                c.within
                    .iter()
                    .all(|&ci| matches!(cands.get(ci).map(|p| p.kind), Some(Kind::Heading(h)) if open(h)))
            })
            .find_map(|c| match c.kind {
                Kind::Heading(i) if open(i) && !self.outline.label[i] => {
                    own_word(&self.m.folded(&heads[i].text), true).map(|w| (c, w))
                }
                _ => None,
            })
            .or_else(|| {
                // Under a label, a sentence with three or more of the item's own words, or a
                // condition with one (`A release goes live only when acceptance testing has
                // passed` under `Sign-off`: pack `condition-words`), may still give it; two
                // words in a statement are a near miss (`service owners provide demand
                // forecasts` under `Capacity management roles`).
                // Whether the words hold three different stems of the item's own.
                let three_own = |words: &[String]| {
                    let mut seen: Vec<&str> = Vec::with_capacity(3);
                    for w in words.iter().map(|w| crate::matcher::stem_of(w)) {
                        if own.contains(w) && !seen.contains(&w) {
                            seen.push(w);
                            if seen.len() == 3 {
                                return true;
                            }
                        }
                    }
                    false
                };
                // Under a heading about who does what (pack `people-headings`), a sentence
                // says who does it: no sign of an item about something else.
                let people_item = about_people(self.m, item);
                self.said
                    .iter()
                    .enumerate()
                    .filter(|(si, c)| {
                        c.within.iter().all(|&h| open(h))
                            && (people_item || !c.within.last().is_some_and(|&h| self.m.is_people(&heads[h].text)))
                            && c.within.last().is_none_or(|&h| {
                                may_hold[h]
                                    || three_own(&c.words.words)
                                    || *self.outline.condition[*si].get_or_init(|| self.m.is_condition(&c.text))
                            })
                    })
                    .find_map(|(si, c)| {
                        let condition = *self.outline.condition[si].get_or_init(|| self.m.is_condition(&c.text));
                        own_word(&c.words.words, condition).map(|w| (c, w))
                    })
            })
    }

    /// The index in `said` of a sentence of it, found by its address (in constant time: a
    /// search would make the check quadratic in a document of such sentences).
    fn said_index(&self, c: &Candidate) -> Option<usize> {
        let base = self.said.as_ptr() as usize;
        let at = (std::ptr::from_ref::<Candidate>(c) as usize).checked_sub(base)? / std::mem::size_of::<Candidate>();
        self.said.get(at).filter(|x| std::ptr::eq(*x, c)).map(|_| at)
    }

    /// Whether the text a candidate opens says which things meet a set of criteria (pack
    /// `criteria-words`) or lists them: a heading with its section, else the candidate with the
    /// rest of the section it is in.
    fn says_criteria(&self, c: &Candidate) -> bool {
        let end = match c.kind {
            Kind::Heading(i) => self.heads[i].section_end,
            // The last heading before it holds it: any later one starts after it.
            _ => match self.heads.partition_point(|h| h.span.start <= c.span.start) {
                0 => self.doc.len,
                i => self.heads[i - 1].section_end,
            },
        };
        // A list of two or more items is the cases themselves (`- Payroll down on pay day`).
        let listed = |t: &str| {
            t.lines()
                .filter(|l| {
                    let l = l.trim_start();
                    l.starts_with("- ")
                        || l.starts_with("* ")
                        || l.starts_with("+ ")
                        || l.split_once(['.', ')']).is_some_and(|(n, rest)| {
                            !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit()) && rest.starts_with(' ')
                        })
                })
                .nth(1)
                .is_some()
        };
        // A heading asked as a question (`What makes an incident major?`) asks for them.
        let asked = matches!(c.kind, Kind::Heading(_)) && c.text.trim_end().ends_with('?');
        asked
            || self.m.says_criteria(&c.text)
            || self
                .src
                .get(c.span.start..end.min(self.src.len()).max(c.span.start))
                .is_some_and(|t| self.m.says_criteria(t) || listed(t))
    }

    /// The first sentence or list item that states `item` (see [`Matcher::states`]) where the
    /// section it is in leaves the question open: the sentence links nowhere (a reference is
    /// judged as one, see [`met_by_reference`]), and its heading names no item of the
    /// requirement, vetoes nothing, and shares no word with `item` unless it is about one of
    /// the item's own words, the topic holding them in no other words but the document's. `Capacity management roles` is about roles: a sentence in it
    /// saying who forecasts demand states no capacity requirement.
    fn stated<'s>(
        &'s self,
        item: Item<'_>,
        strength: Strength,
        criteria: bool,
        accept: &dyn Fn(&'s Candidate) -> bool,
    ) -> Option<&'s Candidate> {
        // A recommended item is met by saying it at all; a required one by a sentence with
        // two or more of its key-term groups.
        let groups = match strength {
            Strength::Recommended => 1,
            Strength::Required => 2,
        };
        let heads = &self.heads;
        let own = self.m.item_stems(item);
        let open = |h: usize| {
            let w = self.outline.words[h];
            let names_item = self.claimed()[h];
            let j = self.m.judge_prepared(item, &self.outline.prepared[self.outline.heading_cand[h]]);
            let about_own = w.heads.iter().any(|x| own.contains(crate::matcher::stem_of(x)));
            // `Processing of personal data` is about processing, but of something else: the
            // topic of the heading that shares a word with the item must be in the item's own
            // words (and the document's); `How we check and get better` joins two topics.
            let is_own = |x: &String| own.contains(crate::matcher::stem_of(x));
            let foreign = w
                .words
                .split(|x| x == crate::matcher::BOUNDARY)
                .filter(|part| part.iter().any(is_own))
                .any(|part| part.iter().any(|x| !is_own(x) && !self.context.contains(x)));
            // The heading that restates the document's own title is the document speaking,
            // not a section on something else: `Change enablement policy` over a policy
            // written as prose.
            // It is so even when the title names an item (`Our agreement with schools for IT
            // support` names the services): its text may state any other.
            let restates_title = self.restates_title(&w.words);
            !self.m.vetoes(item, &w.words) && (restates_title || (!names_item && (j.overlap == 0 || (about_own && !foreign))))
        };
        // A heading headed by one of the item's key terms (`Returning to DC-A`) whose text
        // says the item by its name or a synonym of two or more words (`schedules the
        // fail-back`) is the section on it, whatever else the heading names.
        let keyed = |h: usize| {
            let w = self.outline.words[h];
            w.heads.iter().any(|x| {
                item.key_terms
                    .iter()
                    .flatten()
                    .any(|a| matches!(&*self.m.words(a), [one] if crate::matcher::stem_of(one) == crate::matcher::stem_of(x)))
            })
        };
        // Text in no section but the document's own (before the first heading, or under a
        // heading that restates the title) is the document written as prose: there a sentence
        // with the one key-term group of a required item states it (`The plan is invoked when
        // …` gives the invocation criteria), as no heading could have named it.
        let prose = |c: &Candidate| {
            c.within
                .last()
                .is_none_or(|&h| self.restates_title(&self.m.folded(&heads[h].text)))
        };
        // In the document's own prose or under a general heading (`Purpose`), a sentence that
        // states an aim (pack `aim-words`: `To make sure IT capacity meets current and future
        // needs`) says what the document is for, not what it requires.
        let aim = |c: &Candidate| {
            (prose(c) || c.within.last().is_some_and(|&h| self.m.is_general(self.outline.words[h].words.as_slice())))
                && self.m.is_aim(&c.text)
        };
        // Under a heading about who does what (pack `people-headings`), a sentence says who
        // does it, not what an item about something else requires.
        let people_item = about_people(self.m, item);
        // A sentence there that says which cases meet a set of criteria (`The duty manager
        // declares a major incident when …`) still gives them.
        let people = |c: &Candidate| {
            !people_item
                && c.within.last().is_some_and(|&h| self.m.is_people(&heads[h].text))
                && !(criteria && self.m.says_criteria(&c.text))
        };
        self.said.iter().find(|c| {
            let groups = if prose(c) { 1 } else { groups };
            !c.text.contains("](")
                && !aim(c)
                && !people(c)
                && !c.within.iter().any(|&h| self.m.vetoes(item, &self.m.folded(&heads[h].text)))
                && ((self.m.states_with(item, &c.words, groups)
                    && (c.within.last().is_none_or(|&h| open(h))
                        // A sentence that states a set of criteria and says which cases meet
                        // them (`A change has a major impact when it touches more than one
                        // service`) gives them under any heading (`Impact assessment`).
                        || (criteria && self.m.says_criteria(&c.text))))
                    || (self.m.says(item, &c.words.words) && c.within.last().is_some_and(|&h| keyed(h))))
                && accept(c)
        })
    }

    /// Assign required columns to header cells of `t`, best score first; each header serves at
    /// most one column. Returns, per column, the header index.
    fn assign(&self, cols: &[Synonyms], t: &Table) -> Vec<Option<usize>> {
        let heads = &t.header;
        let mut pairs: Vec<(Score, usize, usize, usize)> = Vec::new();
        for (ci, col) in cols.iter().enumerate() {
            for (hi, h) in heads.iter().enumerate() {
                let j = self.m.judge_header(Item::from(col), &h.text);
                if let Some(s) = j.score {
                    pairs.push((s, j.extra, ci, hi));
                }
            }
        }
        pairs.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(a.1.cmp(&b.1))
                .then(a.2.cmp(&b.2))
                .then(a.3.cmp(&b.3))
        });
        let mut by_col = vec![None; cols.len()];
        let mut used = vec![false; heads.len()];
        // A header that names any column (scored here) is not free for the value rule below.
        let mut named = vec![false; heads.len()];
        for &(_, _, _, hi) in &pairs {
            named[hi] = true;
        }
        for (_, _, ci, hi) in pairs {
            if by_col[ci].is_none() && !used[hi] {
                by_col[ci] = Some(hi);
                used[hi] = true;
            }
        }
        // Last, a header abbreviated to initials (`L`, `I`, `RPN`) stands for a column the
        // rest of the document spells out (`Likelihood: 1 rare … 5 almost certain`).
        for (ci, col) in cols.iter().enumerate() {
            if by_col[ci].is_some() {
                continue;
            }
            let hit = heads.iter().enumerate().find(|(hi, h)| {
                !used[*hi] && is_initials(&h.text) && {
                    let names = std::iter::once(&col.name).chain(&col.synonyms);
                    names
                        .filter(|n| initials(n).eq_ignore_ascii_case(h.text.trim()))
                        .any(|n| self.spelled_out(n))
                }
            });
            if let Some((hi, _)) = hit {
                by_col[ci] = Some(hi);
                used[hi] = true;
            }
        }
        self.assign_by_values(cols, t, &named, &mut by_col, &mut used);
        by_col
    }

    /// A column the pack knows by its values (`values`: dates, roles, statuses, identifiers,
    /// measurable values), still without a header: an unclaimed header that names no column of
    /// the requirement, says nothing the item rules out (its `unless`), and whose cells are
    /// nearly all (four in five, two at least unless the table has one row) of the kind, serves
    /// it, as a reader takes `To be achieved by` over dates for the due date and `Who's leading
    /// it` over role names for the owner. The most specific kinds are given out first; the
    /// header whose cells fit best wins, the leftmost on a tie; a header whose cells fit a more
    /// specific kind is left to it (dates and identifiers are measurable, yet no target).
    fn assign_by_values(
        &self,
        cols: &[Synonyms],
        t: &Table,
        named: &[bool],
        by_col: &mut [Option<usize>],
        used: &mut [bool],
    ) {
        let rank = |ci: usize| {
            cols[ci]
                .values
                .as_deref()
                .and_then(|k| self.kinds.iter().position(|(n, _)| *n == k))
        };
        let mut order: Vec<(usize, usize)> = (0..cols.len())
            .filter(|&ci| by_col[ci].is_none())
            .filter_map(|ci| rank(ci).map(|r| (r, ci)))
            .collect();
        order.sort_unstable();
        for (r, ci) in order {
            let item = Item::from(&cols[ci]);
            let fit = |re: &regex::Regex, hi: usize| {
                let cells: Vec<&str> = t
                    .rows
                    .iter()
                    .filter_map(|row| row.get(hi))
                    .map(|c| c.text.trim())
                    .filter(|c| !c.is_empty())
                    .collect();
                let hits = cells.iter().filter(|c| re.is_match(c)).count();
                let enough = cells.len() >= 2 || (t.rows.len() == 1 && cells.len() == 1);
                (enough && hits * 5 >= cells.len() * 4).then(|| hits * 1000 / cells.len())
            };
            let best = t
                .header
                .iter()
                .enumerate()
                .filter(|(hi, h)| {
                    !used[*hi] && !named[*hi] && !self.m.vetoes(item, &self.m.folded(&h.text))
                })
                // Cells of a more specific kind are that kind: dates are no measured benefit.
                .filter(|(hi, _)| self.kinds[..r].iter().all(|(_, re)| fit(re, *hi).is_none()))
                .filter_map(|(hi, _)| fit(self.kinds[r].1, hi).map(|f| (f, hi)))
                .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            if let Some((_, hi)) = best {
                by_col[ci] = Some(hi);
                used[hi] = true;
            }
        }
    }

    /// Whether the document's text outside its tables names `name` (as a whole word, any case).
    fn spelled_out(&self, name: &str) -> bool {
        let name = name.to_lowercase();
        self.src.lines().filter(|l| !l.trim_start().starts_with('|')).any(|l| {
            let l = l.to_lowercase();
            l.match_indices(&name).any(|(at, _)| {
                let before = l[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let after = l[at + name.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                before && after
            })
        })
    }

    /// A column-missing finding about `col` of this requirement, at `span`.
    fn column_missing(&self, col: &Synonyms, message: String, span: Range<usize>, help: String) -> Finding {
        Finding::new(&COLUMN_MISSING, message)
            .clause(self.req.clause.clone())
            .subject(self.subject(&col.name))
            .severity(severity(self.req, col.strength))
            .at(&self.doc.path, span)
            .help(help)
    }

    /// Whether the document keeps its records as a heading each with text of its own: two or
    /// more headings of one level, every one of them holding content and none naming a column
    /// (`## Purpose` is a section of the document, not a record), and no heading above that
    /// level among them but one that only groups them (`## Player-facing` with nothing of its
    /// own before its first record).
    fn bare_records(&self, cols: &[Synonyms]) -> bool {
        let hs = &self.heads;
        let mut levels: Vec<u8> = hs.iter().map(|h| h.level).collect();
        levels.sort_unstable();
        levels.dedup();
        levels.into_iter().any(|level| {
            let siblings: Vec<&Heading> = hs.iter().filter(|h| h.level == level).collect();
            let [first, .., last] = siblings.as_slice() else {
                return false;
            };
            let (first, last) = (first.span.start, last.span.start);
            let grouped = hs
                .iter()
                .filter(|h| h.level < level && h.span.start > first && h.span.start < last)
                .all(|h| !h.has_content);
            grouped
                && siblings.iter().all(|h| h.has_content)
                && siblings.iter().all(|h| {
                    cols.iter()
                        .all(|c| self.m.judge_header(Item::from(c), &h.text).score.is_none())
                })
        })
    }

    /// Whether the document keeps its records as a list whose every item (two or more) opens
    /// with a document id matching `id_pattern` and goes on with text (`- SMS-001 Scope
    /// statement`).
    fn id_list(&self, id_pattern: &regex::Regex) -> bool {
        let body = self.src.get(self.doc.body_start..self.doc.len).unwrap_or("");
        let items: Vec<&str> = body
            .lines()
            .map(str::trim)
            .filter_map(|l| l.strip_prefix("- ").or_else(|| l.strip_prefix("* ")).or_else(|| l.strip_prefix("+ ")))
            .collect();
        items.len() >= 2
            && items.iter().all(|i| {
                let mut w = i.splitn(2, char::is_whitespace);
                let id = w.next().unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric());
                let rest = w.next().unwrap_or("");
                id_pattern.is_match(id) && rest.chars().any(char::is_alphabetic)
            })
    }

    fn register(&self, cands: &[Candidate], id_pattern: &regex::Regex, out: &mut Vec<Finding>) {
        let cols = &self.req.columns;
        let best = self
            .doc
            .body
            .tables
            .iter()
            .map(|t| (self.assign(cols, t), t))
            .map(|(a, t)| (a.iter().filter(|x| x.is_some()).count(), a, t))
            .filter(|(n, _, _)| *n > 0)
            .max_by(|a, b| a.0.cmp(&b.0).then(b.2.span.start.cmp(&a.2.span.start)));
        let Some((_, assigned, table)) = best else {
            // No table: a register may be kept as records, a heading per entry with bold
            // lead-ins for its fields (`**Owner:** …`). Two or more fields named that way make
            // it one; each field no lead-in names is missing.
            let leads: Vec<&Candidate> = cands.iter().filter(|c| matches!(c.kind, Kind::LeadIn)).collect();
            let labels: Vec<&str> = leads
                .iter()
                .flat_map(|c| bold_labels(self.src.get(c.span.clone()).unwrap_or("")))
                .collect();
            let by_label = |col: &Synonyms| {
                labels
                    .iter()
                    .any(|l| self.m.judge_header(Item::from(col), l).score.is_some())
            };
            // Records under headings of their own (two or more sibling headings, each holding a
            // lead-in that names a field): each heading is its record's name, so the columns
            // the pack marks `record-heading` are there.
            let mut record_heads: Vec<usize> = leads
                .iter()
                .filter(|c| {
                    bold_labels(self.src.get(c.span.clone()).unwrap_or(""))
                        .iter()
                        .any(|l| cols.iter().any(|col| self.m.judge_header(Item::from(col), l).score.is_some()))
                })
                .filter_map(|c| c.within.last().copied())
                .filter_map(|ci| match cands[ci].kind {
                    Kind::Heading(h) => Some(h),
                    _ => None,
                })
                .collect();
            record_heads.dedup();
            let hs = &self.heads;
            let headed = record_heads.len() >= 2
                && record_heads.iter().all(|&h| hs[h].level == hs[record_heads[0]].level);
            // Fields written as plain labels (`Role: storage engineer. Evidence: …`) that recur
            // make records too: one label twice is a field of each record.
            let plain = plain_labels(self.src.get(self.doc.body_start..self.doc.len).unwrap_or(""));
            let by_plain = |col: &Synonyms| {
                plain
                    .iter()
                    .any(|l| self.m.judge_header(Item::from(col), l).score.is_some())
            };
            // One record laid out as a section per field (`## Supplier`, `## Contract`).
            let by_heading = |col: &Synonyms| {
                cands.iter().any(|c| {
                    matches!(c.kind, Kind::Heading(_))
                        && c.has_content
                        && self.m.judge_header(Item::from(col), &c.text).score.is_some()
                })
            };
            let bare = self.bare_records(cols);
            let listed = self.id_list(id_pattern);
            let named: Vec<bool> = cols
                .iter()
                .map(|col| {
                    by_label(col)
                        || by_plain(col)
                        || by_heading(col)
                        || ((headed || bare) && col.record_heading)
                        || ((bare || listed) && col.record_body)
                        || (listed && col.record_id)
                })
                .collect();
            if named.iter().filter(|n| **n).count() >= 2 {
                let at = leads
                    .first()
                    .map_or_else(|| self.doc.end_span(), |c| c.span.clone());
                for (col, _) in cols.iter().zip(&named).filter(|(_, n)| !**n) {
                    out.push(
                        self.column_missing(col, format!(
                                "Register records (bold lead-ins) have no field \"{}\", which {} requires",
                                col.name,
                                self.what()
                            ), at.clone(), format!(
                            "Add a `**{}:**` lead-in to each record{}",
                            col.name,
                            also(col)
                        )),
                    );
                }
                return;
            }
            for col in cols {
                out.push(
                    self.column_missing(col, format!(
                            "No register table with the column \"{}\", which {} requires",
                            col.name,
                            self.what()
                        ), self.doc.end_span(), format!(
                        "Add a Markdown table with the column `{}`{}",
                        col.name,
                        also(col)
                    )),
                );
            }
            return;
        };
        let heads: Vec<Candidate> = table
            .header
            .iter()
            .map(|c| Candidate {
                kind: Kind::Table,
                words: self.m.reduce(&c.text),
                text: c.text.clone(),
                span: c.span.clone(),
                has_content: true,
                within: Vec::new(),
            })
            .collect();
        let prepared: Vec<Prepared<'_>> = heads.iter().map(|c| Prepared::new(&c.words)).collect();
        for (col, a) in cols.iter().zip(&assigned) {
            if a.is_some() {
                continue;
            }
            let f = self.column_missing(col, format!(
                    "Register table has no column \"{}\", which {} requires",
                    col.name,
                    self.what()
                ), table.header_span.clone(), format!("Add the column `{}`{}", col.name, also(col)));
            let mut f = self.closest_note(Item::from(col), &heads, &prepared, f, "no other header names it");
            // The closest header may already serve another column (one header, one column).
            if let Some(r) = f.related.first() {
                let taken = table
                    .header
                    .iter()
                    .position(|h| h.span == r.span)
                    .and_then(|hi| assigned.iter().position(|a| *a == Some(hi)));
                if let Some(other) = taken {
                    f.message = format!("{}, taken by \"{}\"", f.message, cols[other].name);
                }
            }
            out.push(f);
        }
        let filled = table.rows.iter().any(|r| r.iter().any(|c| !c.text.is_empty()));
        if !filled {
            out.push(
                Finding::new(
                    &REGISTER_EMPTY,
                    format!("{}: the register table has no rows", self.what()),
                )
                .clause(self.req.clause.clone())
                .subject(self.subject("rows"))
                .severity(self.req.severity)
                .at(&self.doc.path, table.header_span.clone())
                .help("Record the entries, one row each; an empty register is no evidence"),
            );
        }
    }

    fn targets(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(measurable) = cx.packs.measurable() else {
            return;
        };
        for target in &self.req.targets {
            let item = Item::from(target);
            let in_table = self.doc.body.tables.iter().any(|t| {
                t.header
                    .iter()
                    .any(|h| self.m.judge_header(item, &h.text).score.is_some())
            });
            if !in_table {
                self.targets_in_text(item, target.strength, measurable, out);
            }
            for table in &self.doc.body.tables {
                // Of equally good headers (`Measure` and `Target` both synonyms), the target
                // is the column that holds values: the one with most measurable cells.
                let measured = |i: usize| {
                    table
                        .rows
                        .iter()
                        .filter(|r| r.get(i).is_some_and(|c| measurable.is_match(&c.text)))
                        .count()
                };
                let col = table
                    .header
                    .iter()
                    .enumerate()
                    .filter_map(|(i, h)| {
                        let j = self.m.judge_header(item, &h.text);
                        j.score.map(|s| (s, std::cmp::Reverse(j.extra), measured(i), i))
                    })
                    .max();
                let Some((_, _, _, col)) = col else { continue };
                let head = &table.header[col];
                let bad: Vec<(&Cell, &Vec<Cell>)> = table
                    .rows
                    .iter()
                    .filter_map(|row| row.get(col).map(|c| (c, row)))
                    .filter(|(c, _)| !measurable.is_match(&c.text))
                    .collect();
                // A target the pack judges by the table (`any-row`): one measurable row sets it.
                if target.any_row {
                    let said = table.rows.iter().filter(|r| r.iter().any(|c| !c.text.is_empty())).count();
                    if said == 0 || bad.len() < table.rows.len() {
                        continue;
                    }
                }
                let Some((cell, row)) = bad.first() else { continue };
                let shown = if cell.text.is_empty() {
                    format!("\"{}\" is empty", head.text)
                } else {
                    format!("\"{}\" has no measurable value", cell.text)
                };
                let span = if cell.span.is_empty() {
                    match (row.first(), row.last()) {
                        (Some(a), Some(b)) => a.span.start..b.span.end,
                        _ => table.span.clone(),
                    }
                } else {
                    cell.span.clone()
                };
                let more = match bad.len() {
                    1 => String::new(),
                    n => format!(" ({n} cells of column \"{}\")", head.text),
                };
                out.push(
                    Finding::new(
                        &TARGET_NOT_MEASURABLE,
                        format!(
                            "{shown}{more}: a target of {} needs a number, percentage, duration, date or threshold",
                            self.what()
                        ),
                    )
                    .clause(self.req.clause.clone())
                    .subject(self.subject(&target.name))
                    .severity(match target.strength {
                        Strength::Recommended => Severity::Warning,
                        Strength::Required => TARGET_NOT_MEASURABLE.severity,
                    })
                    .at(&self.doc.path, span)
                    .help("State the target so it can be measured, e.g. `99.9% per month`, `within 4 hours`, `at least 95%`, `by 2026-12-31`"),
                );
            }
        }
    }

    /// Targets written as text: with no table column for `item`, the section whose heading
    /// names it (`## Service level targets`) holds the targets in its sentences and list
    /// items, its sub-sections' included. When two or more of them are there, none links
    /// elsewhere and none has a measurable value (`available as much as possible`, `fixed
    /// promptly`), the section sets no target that can be shown to be met: one finding, at
    /// the first.
    fn targets_in_text(&self, item: Item<'_>, strength: Strength, measurable: &regex::Regex, out: &mut Vec<Finding>) {
        let heads = &self.heads;
        let heading_of = |it: Item<'_>| {
            heads.iter().enumerate().find_map(|(i, h)| {
                self.m
                    .judge_in(it, &self.m.reduce_heading(&h.text), &self.context, &self.title)
                    .score
                    .map(|_| i)
            })
        };
        // A heading naming the target, else one naming a required section that is the
        // targets' (`Service level targets`, met by `3. Service levels`): the section whose
        // name holds every word of the target's.
        let target_words = self.m.words(item.name);
        let Some(h) = heading_of(item).or_else(|| {
            self.req
                .sections
                .iter()
                .filter(|s| {
                    let words = self.m.words(&s.name);
                    target_words.iter().all(|w| words.contains(w))
                })
                .find_map(|s| heading_of(Item::from(s)))
        }) else {
            return;
        };
        // Its sub-sections are part of it; a link hands the targets to another document.
        let said: Vec<&Candidate> = self.said.iter().filter(|c| c.within.contains(&h)).collect();
        // A sentence's own number (`3.1 K&T will use its best endeavours …`) is no value.
        let value = |c: &Candidate| {
            measurable.is_match(crate::text::strip_numbering(c.text.trim_start_matches(['-', '*', '+', ' '])))
        };
        if said.len() < 2 || said.iter().any(|c| value(c) || c.text.contains("](")) {
            return;
        }
        let first = said[0];
        out.push(
            Finding::new(
                &TARGET_NOT_MEASURABLE,
                format!(
                    "No target under \"{}\" has a measurable value (first: \"{}\"): a target of {} needs a number, percentage, duration, date or threshold",
                    heads[h].text,
                    first.text.trim_start_matches(['-', '*', '+', ' ']),
                    self.what()
                ),
            )
            .clause(self.req.clause.clone())
            .subject(self.subject(item.name))
            .severity(match strength {
                Strength::Recommended => Severity::Warning,
                Strength::Required => TARGET_NOT_MEASURABLE.severity,
            })
            .at(&self.doc.path, first.span.clone())
            .help("State the target so it can be measured, e.g. `99.9% per month`, `within 4 hours`, `at least 95%`, `by 2026-12-31`"),
        );
    }

    fn terms(&self, cands: &[Candidate], out: &mut Vec<Finding>) {
        let heads = &self.heads;
        for term in &self.req.terms {
            let section = term.section.as_deref().and_then(|name| {
                let sec = self.req.sections.iter().find(|s| s.name == name);
                let headings: Vec<Candidate> = cands
                    .iter()
                    .filter(|c| matches!(c.kind, Kind::Heading(_)))
                    .cloned()
                    .collect();
                let fallback = Synonyms {
                    name: name.to_owned(),
                    ..Synonyms::default()
                };
                let item = Item::from(sec.unwrap_or(&fallback));
                let prepared: Vec<Prepared<'_>> = headings.iter().map(|c| Prepared::new(&c.words)).collect();
                best(self.m, item, &headings, &prepared, &self.context, &self.title, Only { title_heading: self.title_heading, rivals: &[], accept: &|_| true }).and_then(|(c, _)| match c.kind {
                    Kind::Heading(i) => Some(&heads[i]),
                    _ => None,
                })
            });
            // A missing section is already SMS501; look in the whole document then.
            let (range, at, place) = match section {
                Some(h) => (
                    h.span.start..h.section_end,
                    h.span.clone(),
                    format!("section \"{}\"", h.text),
                ),
                None => (
                    self.doc.body_start..self.doc.len,
                    self.doc.end_span(),
                    "document".to_owned(),
                ),
            };
            let words = self.m.words(self.src.get(range).unwrap_or(""));
            if self.m.mentions(Item::from(term), &words) {
                continue;
            }
            out.push(
                Finding::new(
                    &TERM_MISSING,
                    format!(
                        "The {place} never mentions {}, which {} asks for",
                        term.name,
                        self.what()
                    ),
                )
                .clause(self.req.clause.clone())
                .subject(self.subject(&term.name))
                .severity(severity(self.req, term.strength))
                .at(&self.doc.path, at)
                .help(format!("Say how {} are handled here", term.name)),
            );
        }
    }
}

fn also(s: &Synonyms) -> String {
    if s.synonyms.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = s.synonyms.iter().take(4).map(|x| format!("`{x}`")).collect();
        format!(" (also accepted: {})", list.join(", "))
    }
}

/// This kind's findings without the SMS501 and SMS507 ones the document meets by reference: a
/// sentence, list item or table cell that links to another document of the repository and
/// names the item, where that document is evidence for the requirement (its `satisfies:`, or
/// its `clauses:` naming the requirement's clause, or its type accepted), or a link to a
/// document whose title names the item. Runs once the repository index exists.
pub fn met_by_reference(repo: &Repo, cx: &Context<'_>, own: Vec<Finding>) -> Vec<Finding> {
    // Each finding is judged on its own, in parallel (a matcher per worker, as its phrase
    // cache is not shared between threads, and with it the reduced titles of the documents
    // linked to so far); the order of `own` is kept.
    own.into_par_iter()
        .map_init(
            || (matcher(cx), HashMap::default()),
            |(m, titles), f| {
                let judged = f.code() == SECTION_MISSING.code
                    || f.code() == SECTION_UNCONFIRMED.code
                    || f.code() == TERM_MISSING.code;
                (!(judged && referenced(repo, cx, m, titles, &f))).then_some(f)
            },
        )
        .flatten()
        .collect()
}

/// Whether the document of finding `f` meets its item by a link (see [`met_by_reference`]).
/// `titles` keeps the reduced title of each document judged as a link's target (by index).
fn referenced(repo: &Repo, cx: &Context<'_>, m: &Matcher, titles: &mut HashMap<usize, Option<Words>>, f: &Finding) -> bool {
    let (Some(path), Some(subject)) = (&f.path, &f.subject) else {
        return false;
    };
    let Some((req_id, name)) = subject.split_once('#') else {
        return false;
    };
    let Some(req) = cx.packs.requirement(req_id) else {
        return false;
    };
    let item = if f.code() == SECTION_MISSING.code || f.code() == SECTION_UNCONFIRMED.code {
        req.sections.iter().find(|s| s.name == name).map(Item::from)
    } else {
        req.terms.iter().find(|t| t.name == name).map(Item::from)
    };
    let (Some(item), Some(&di)) = (item, repo.by_path.get(path)) else {
        return false;
    };
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    repo.docs[di].body.links.iter().filter(|l| !l.image).any(|l| {
        let dest = l.dest.split(['#', '?']).next().unwrap_or("");
        if dest.is_empty() || dest.contains("://") || dest.starts_with("mailto:") {
            return false;
        }
        let Some(target) = crate::checks::links::resolve(dir, &crate::checks::links::percent_decode(dest))
        else {
            return false;
        };
        let Some(&ti) = repo.by_path.get(&target) else {
            return false;
        };
        if ti == di {
            return false;
        }
        let info = &repo.info[ti];
        let title = titles
            .entry(ti)
            .or_insert_with(|| info.title.as_deref().map(|t| m.reduce(t)));
        if title
            .as_ref()
            .is_some_and(|t| m.judge_words(item, t).score.is_some())
        {
            return true;
        }
        // Whether the target is evidence for the requirement is asked first: it is cheap, and
        // the link's text is judged only when it is.
        let evidence = info.satisfies.iter().any(|s| s.trim() == req.id)
            || info
                .clauses
                .iter()
                .any(|(c, _)| crate::pack::is_same_or_sub_clause(c.trim(), &req.clause))
            || info
                .doc_type
                .as_deref()
                .is_some_and(|t| req.types.iter().any(|x| x.eq_ignore_ascii_case(t.trim())));
        evidence && {
            let context = m.reduce(&l.context);
            m.judge_words(item, &context).score.is_some() || m.mentions(item, &context.words)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{Unfinished, colon_lead_in, definitions, initials, is_initials, plain_labels};

    #[test]
    fn a_plain_line_ending_in_a_colon_leads_in_the_list_after_it() {
        assert_eq!(colon_lead_in("What you can expect from us:", Some(""), "- Answers in 2 minutes"), Some("What you can expect from us"));
        assert_eq!(colon_lead_in("Targets:", None, "1. Availability 99.5%"), Some("Targets"));
        // Not before prose, not inside a paragraph, not a list item, heading or long sentence.
        assert_eq!(colon_lead_in("Targets:", Some(""), "Availability is 99.5%."), None);
        assert_eq!(colon_lead_in("Targets:", Some("The service desk has"), "- one"), None);
        assert_eq!(colon_lead_in("- Targets:", Some(""), "- one"), None);
        assert_eq!(colon_lead_in("## Targets:", Some(""), "- one"), None);
        assert_eq!(
            colon_lead_in("The service desk will do each of the following things for every school every single day:", Some(""), "- one"),
            None
        );
    }

    #[test]
    fn an_abbreviated_header_is_the_initials_of_a_name() {
        assert!(is_initials(" L ") && is_initials("RPN"));
        assert!(!is_initials("Id") && !is_initials("Owner") && !is_initials(""));
        assert_eq!(initials("Likelihood"), "L");
        assert_eq!(initials("Risk priority number"), "Rpn");
    }

    #[test]
    fn the_packs_deferrals_tell_a_postponed_section_from_a_duty() {
        let pack = crate::pack::builtin_pack("iso20000-1:2018").unwrap();
        let u = Unfinished {
            opening: pack.placeholders.iter().chain(&pack.unfinished).collect(),
            deferral: pack.deferrals.iter().collect(),
            measurable: pack.measurable.as_ref(),
        };
        // Put off to a later meeting or date, or only said to be open.
        assert!(u.paragraph("Targets for each system are to be agreed with the committee at its next meeting."));
        assert!(u.paragraph("The number of users supported will be agreed with the practice groups at a later date."));
        assert!(u.paragraph("The list of processes and how they connect is to be confirmed."));
        // Opened and closed so, with the reason between.
        assert!(u.paragraph(
            "The list is to be confirmed. The team is moving to a new tool. The map will be added here once the move is signed off."
        ));
        // A duty, a recurring agreement, or content between two promises of more.
        assert!(!u.paragraph("Each change is to be confirmed by the CAB before it is deployed."));
        assert!(!u.paragraph("Targets are to be agreed each year with the customer."));
        assert!(!u.paragraph("The list is to be confirmed. Meanwhile the desk answers within 4 hours. Ask the lead."));
        // Duties and recurring rules are content (a review of 2026-12-03 found each read as
        // a deferral).
        assert!(!u.paragraph("Emergency changes are to be confirmed by the CAB at its next meeting."));
        assert!(!u.paragraph("They are to be agreed retrospectively by the CAB at its next meeting."));
        assert!(!u.paragraph("Every major incident is to be documented. Its root cause is to be determined."));
        assert!(!u.paragraph("A major incident shall be recorded as soon as it is declared. The customer will be given an update once every hour."));
        assert!(!u.paragraph("Targets for each service will be agreed once a year with the customer."));
        // A value between two promises, or a placeholder followed by one, is content.
        assert!(!u.paragraph(
            "The targets are to be confirmed. The system currently commits to 99.5% each month. The final figures will be published once the contract is signed."
        ));
        assert!(!u.paragraph("TBC for the new portal. The case system is available 99.5% of service hours."));
        assert!(!u.paragraph("To be agreed at each annual review; currently 99.5% of service hours."));
        assert!(u.paragraph("TBD — Legal is drafting the exclusions. Will be added in v2.2."));
        // A vague target stays unmeasurable; a count of none of a countable thing does not.
        let measurable = pack.measurable.as_ref().unwrap();
        for vague in ["with no fuss", "no surprises", "no serious interruptions", "No targets have been agreed yet"] {
            assert!(!measurable.is_match(vague), "{vague}");
        }
        for measured in ["no open findings", "zero outages", "same school day", "next working day", "by noon"] {
            assert!(measurable.is_match(measured), "{measured}");
        }
        // A definition list's definitions, each put off or not.
        let defs = definitions(&[": To be agreed at the January workshop."]);
        assert!(defs.iter().all(|d| u.paragraph(d)));
        let defs = definitions(&[": *Supplier:* the data team,", "  reporting to the Head of Data.", ": TBC"]);
        assert_eq!(defs.len(), 2);
        assert!(!u.paragraph(&defs[0]) && u.paragraph(&defs[1]));
    }

    #[test]
    fn a_section_of_only_promises_is_unfinished() {
        let placeholder = regex::Regex::new(r"\bTBD\b|\bTBC\b").unwrap();
        let later = regex::Regex::new(r"(?i)^(?:to be|still to be) (?:confirmed|agreed)\b|(?i)^to follow\b").unwrap();
        let off = regex::Regex::new(r"(?i)\bwill be (?:set|recorded) (?:\w+ ){0,3}?(?:once|after)\b").unwrap();
        let u = Unfinished {
            opening: vec![&placeholder, &later],
            deferral: vec![&off],
            measurable: None,
        };
        let only = |text: &str| {
            let body = crate::document::markdown::parse(text, 0);
            u.only(text, 0..text.len(), &body.tables)
        };
        assert!(only("\n\nTBD – map to be added after the workshop.\n"));
        assert!(only("\n_To follow._\n\n### Detail\n\nTo be confirmed in May.\n"));
        // Every sentence puts its content off, or a table holds placeholders only.
        assert!(only("\nTargets will be set once the contract is signed. TBD.\n"));
        assert!(only("\n| Role | Party |\n|---|---|\n| Provider | TBC – under review |\n| Receiver | TBC |\n"));
        // Content after the promise, a promise in mid-sentence, or nothing at all.
        assert!(!only("\nTBD.\n\nAvailability is 99.9% per month.\n"));
        assert!(!only("\nTargets are to be agreed each year with the customer.\n"));
        assert!(!only("\nTargets will be set once a year. Each is 99.9% or more.\n"));
        assert!(!only("\n| Role | Party |\n|---|---|\n| Provider | IT |\n| Receiver | TBC |\n"));
        assert!(!only("\n\n"));
    }

    #[test]
    fn a_label_in_italics_is_a_label() {
        let text = "2.1 **Uptime**\n- *Owner:* Head of Systems.\n- _Achieve by:_ June.\n\n\
                    2.2 **Fixes**\n- *Owner:* Desk Manager.\n- _Achieve by:_ May.\n";
        assert_eq!(plain_labels(text), ["Achieve by", "Owner"]);
        // Once is no pattern; emphasis that is not a label is not one.
        assert!(plain_labels("- *Owner:* A.\n- *Note* this: B.\n").is_empty());
    }
}
