//! `smslint report --format md`: the gap analysis as Markdown tables, fit to be committed or
//! pasted into an issue. Every string from a document is escaped so that it stays text.

use std::io::{self, Write};

use super::markdown::escape as cell;
use crate::gap::{ClauseRow, DocRow, GapReport, Status};

fn pct(p: Option<u32>) -> String {
    p.map_or_else(|| "n/a".to_owned(), |p| format!("{p} %"))
}

fn opt(text: Option<&str>) -> String {
    text.map_or_else(|| "—".to_owned(), cell)
}

/// Status with a symbol, so the table reads without colour.
pub fn status_label(s: Status) -> &'static str {
    match s {
        Status::Covered => "✅ covered",
        Status::CoveredWithFindings => "🟡 covered-with-findings",
        Status::Stale => "🟠 stale",
        Status::DraftOnly => "📝 draft-only",
        Status::Missing => "❌ missing",
        Status::Excluded => "➖ excluded",
        Status::NoEvidence => "· no-evidence",
    }
}

fn doc_ref(d: &DocRow) -> String {
    let id = d.id.as_deref().unwrap_or(&d.path);
    match &d.title {
        Some(t) => format!("{} {}", cell(id), cell(t)),
        None => cell(id),
    }
}

/// A document with the facts the compliance manager checks: owner, status, version, next review.
fn doc_detail(d: &DocRow) -> String {
    let next = d.next_review.map_or_else(String::new, |n| {
        format!(", next review {n}{}", if d.overdue { " (overdue)" } else { "" })
    });
    format!(
        "{} ({}, {}, v{}{next})",
        doc_ref(d),
        opt(d.owner.as_deref()),
        opt(d.status.as_deref()),
        opt(d.version.as_deref())
    )
}

fn evidence(g: &GapReport, c: &ClauseRow) -> String {
    let v: Vec<String> = c
        .documents
        .iter()
        .filter_map(|p| g.document(p))
        .map(doc_detail)
        .collect();
    if v.is_empty() {
        "—".to_owned()
    } else {
        v.join("; ")
    }
}

/// Write the report.
pub fn write(g: &GapReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Gap analysis: {}\n", cell(&g.repository))?;
    let packs: Vec<String> = g
        .packs
        .iter()
        .map(|p| format!("{} (`{}`)", cell(&p.title), p.name))
        .collect();
    writeln!(
        out,
        "Judged on {} against {}. {} documents, {} errors, {} warnings{}.\n",
        g.today,
        if packs.is_empty() {
            "no pack".to_owned()
        } else {
            packs.join(", ")
        },
        g.summary.documents,
        g.summary.errors,
        g.summary.warnings,
        if g.summary.suppressed > 0 {
            format!(", {} suppressed", g.summary.suppressed)
        } else {
            String::new()
        }
    )?;

    writeln!(out, "## Readiness\n")?;
    writeln!(
        out,
        "**{} of {} requirements satisfied ({}).**\n",
        g.readiness.satisfied,
        g.readiness.total,
        pct(g.readiness.percent)
    )?;
    writeln!(
        out,
        "| Clause | Title | Satisfied | Total | Readiness |\n|---|---|---:|---:|---:|"
    )?;
    for f in &g.families {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(&f.clause),
            cell(&f.title),
            f.satisfied,
            f.total,
            pct(f.percent)
        )?;
    }

    writeln!(out, "\n## Missing clauses\n")?;
    let missing: Vec<_> = g.missing().collect();
    if missing.is_empty() {
        writeln!(out, "No clause is missing its evidence.")?;
    }
    for (c, reqs) in missing {
        let reqs: Vec<String> = reqs
            .iter()
            .map(|r| format!("{} (`{}`)", cell(&r.title), cell(&r.id)))
            .collect();
        writeln!(
            out,
            "- **{} {}**: no document is evidence for {}",
            cell(&c.id),
            cell(&c.title),
            reqs.join(", ")
        )?;
    }

    let excluded: Vec<_> = g.requirements.iter().filter(|r| r.excluded.is_some()).collect();
    if !excluded.is_empty() {
        writeln!(
            out,
            "\n## Exclusions\n\n| Requirement | Clause | Reason |\n|---|---|---|"
        )?;
        for r in excluded {
            writeln!(
                out,
                "| {} (`{}`) | {} | {} |",
                cell(&r.title),
                cell(&r.id),
                cell(&r.clause),
                opt(r.excluded.as_deref())
            )?;
        }
    }

    writeln!(out, "\n## Clauses\n")?;
    writeln!(
        out,
        "| Clause | Title | Status | Evidence | Findings |\n|---|---|---|---|---:|"
    )?;
    for c in &g.clauses {
        let indent = "\u{a0}\u{a0}".repeat(c.depth);
        writeln!(
            out,
            "| {indent}{} | {} | {} | {} | {} |",
            cell(&c.id),
            cell(&c.title),
            status_label(c.status),
            evidence(g, c),
            c.findings
        )?;
    }

    writeln!(out, "\n## Requirements\n")?;
    writeln!(
        out,
        "| Requirement | Clause | Status | Evidence |\n|---|---|---|---|"
    )?;
    for r in &g.requirements {
        let ev: Vec<String> = r
            .evidence
            .iter()
            .filter_map(|p| g.document(p))
            .map(doc_ref)
            .collect();
        writeln!(
            out,
            "| {} (`{}`) | {} | {} | {} |",
            cell(&r.title),
            cell(&r.id),
            cell(&r.clause),
            status_label(r.status),
            if ev.is_empty() {
                "—".to_owned()
            } else {
                ev.join("; ")
            }
        )?;
    }

    writeln!(out, "\n## Documents\n")?;
    writeln!(
        out,
        "| Id | Title | Owner | Status | Version | Next review | Findings | Path |\n|---|---|---|---|---|---|---:|---|"
    )?;
    for d in &g.documents {
        let next = d.next_review.map_or_else(
            || "—".to_owned(),
            |n| {
                if d.overdue {
                    format!("{n} (overdue)")
                } else {
                    n.to_string()
                }
            },
        );
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {next} | {} | {} |",
            opt(d.id.as_deref()),
            opt(d.title.as_deref()),
            opt(d.owner.as_deref()),
            opt(d.status.as_deref()),
            opt(d.version.as_deref()),
            d.findings,
            cell(&d.path)
        )?;
    }

    writeln!(out, "\n## Findings by clause\n")?;
    if g.findings.is_empty() {
        writeln!(out, "No findings.")?;
    }
    for group in &g.findings {
        match (&group.clause, &group.title) {
            (Some(c), Some(t)) => writeln!(out, "### {} {}\n", cell(c), cell(t))?,
            (Some(c), None) => writeln!(out, "### {}\n", cell(c))?,
            _ => writeln!(out, "### No clause\n")?,
        }
        writeln!(out, "| Code | Severity | Location | Message |\n|---|---|---|---|")?;
        for f in &group.findings {
            let at = match (&f.path, f.line, f.column) {
                (Some(p), Some(l), Some(c)) => format!("{}:{l}:{c}", cell(p)),
                (Some(p), _, _) => cell(p),
                (None, _, _) => "repository".to_owned(),
            };
            writeln!(
                out,
                "| {} {} | {} | {at} | {} |",
                f.code,
                f.name,
                f.severity.as_str(),
                cell(&f.message)
            )?;
        }
        writeln!(out)?;
    }

    writeln!(out, "## Review calendar\n")?;
    writeln!(out, "| Month | Reviews due |\n|---|---:|")?;
    writeln!(out, "| overdue | {} |", g.calendar.overdue)?;
    for m in &g.calendar.months {
        writeln!(out, "| {} | {} |", m.month, m.count)?;
    }
    if !g.calendar.reviews.is_empty() {
        writeln!(
            out,
            "\n| Due | Id | Title | Owner | When |\n|---|---|---|---|---|"
        )?;
        for r in &g.calendar.reviews {
            let when = if r.overdue {
                format!("overdue by {} days", -r.days)
            } else if r.days == 0 {
                "today".to_owned()
            } else {
                format!("in {} days", r.days)
            };
            writeln!(
                out,
                "| {} | {} | {} | {} | {when} |",
                r.due,
                cell(&r.id),
                cell(&r.title),
                opt(r.owner.as_deref())
            )?;
        }
    }
    Ok(())
}
