//! `--format summary`: a Markdown report for `$GITHUB_STEP_SUMMARY` (or any Markdown viewer):
//! the verdict, counts per severity and per clause, the top findings and the files named.
//! Text from documents is escaped so it cannot add links, images, HTML or table cells.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::markdown::escape as md;
use crate::clause::ClauseId;
use crate::finding::{Finding, Severity};
use crate::outcome::Run;

/// How many findings the summary lists.
pub const TOP: usize = 20;

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn place(f: &Finding) -> String {
    match (&f.path, f.position) {
        (Some(p), Some(pos)) => format!("{}:{}:{}", md(p), pos.line, pos.column),
        (Some(p), None) => md(p),
        (None, _) => "(repository)".to_owned(),
    }
}

/// Write the Markdown summary.
pub fn write(report: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let verdict = if errors > 0 {
        "❌ smslint found errors"
    } else if warnings > 0 {
        "⚠️ smslint found warnings only"
    } else {
        "✅ smslint found nothing to fix"
    };
    writeln!(out, "## {verdict}\n")?;
    let baselined = match report.baseline {
        Some(_) => format!("; {} baselined", report.baselined.len()),
        None => String::new(),
    };
    writeln!(
        out,
        "{}, {} in {} (judged on {}; {} suppressed{baselined}).\n",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(report.documents, "document"),
        report.today,
        report.suppressed
    )?;
    if report.findings.is_empty() {
        return added_suppressions(report, out);
    }
    writeln!(out, "| Severity | Findings |\n|---|---:|")?;
    writeln!(out, "| error | {errors} |\n| warning | {warnings} |\n")?;

    let mut clauses: BTreeMap<ClauseId, (usize, usize)> = BTreeMap::new();
    for f in &report.findings {
        let c = f.clause.as_deref().unwrap_or("-");
        let e = clauses.entry(ClauseId::new(c)).or_default();
        match f.severity {
            Severity::Error => e.0 += 1,
            Severity::Warning => e.1 += 1,
        }
    }
    writeln!(out, "| Clause | Errors | Warnings |\n|---|---:|---:|")?;
    for (c, (e, w)) in &clauses {
        let c = c.as_str();
        let title = report
            .packs
            .clause(c)
            .map(|cl| format!(" {}", md(&cl.title)))
            .unwrap_or_default();
        writeln!(out, "| {}{title} | {e} | {w} |", md(c))?;
    }
    writeln!(out)?;

    let mut top: Vec<&Finding> = report.findings.iter().collect();
    top.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let shown = top.len().min(TOP);
    writeln!(out, "### Top findings\n")?;
    writeln!(out, "| | Code | Where | Message |\n|---|---|---|---|")?;
    for f in &top[..shown] {
        let icon = if f.severity == Severity::Error {
            "❌"
        } else {
            "⚠️"
        };
        writeln!(
            out,
            "| {icon} | {} {} | {} | {} |",
            f.code(),
            f.name(),
            place(f),
            md(&f.message)
        )?;
    }
    if top.len() > shown {
        writeln!(out, "\n…and {} more.", top.len() - shown)?;
    }

    let (_, repository) = super::reading_order(&report.findings);
    if !repository.is_empty() {
        // `--format github` annotates only the first few of these: the summary lists them all.
        writeln!(out, "\n### Repository-level findings\n")?;
        for group in super::by_code(&repository) {
            let f = group[0];
            writeln!(
                out,
                "<details><summary>{} {} {}: {}</summary>\n",
                group.len(),
                f.code(),
                f.name(),
                md(f.rule.summary)
            )?;
            for f in group {
                writeln!(out, "- {}", md(&f.message))?;
            }
            writeln!(out, "\n</details>")?;
        }
    }

    let mut files: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for f in &report.findings {
        let e = files
            .entry(f.path.as_deref().unwrap_or("(repository)"))
            .or_default();
        match f.severity {
            Severity::Error => e.0 += 1,
            Severity::Warning => e.1 += 1,
        }
    }
    writeln!(out, "\n### Files named\n")?;
    for (p, (e, w)) in files {
        writeln!(
            out,
            "- {}: {}, {}",
            md(p),
            plural(e, "error"),
            plural(w, "warning")
        )?;
    }
    added_suppressions(report, out)
}

/// With `--changed-since`: the suppression comments the change adds, each escaped, for
/// reviewers to judge (each silences findings once merged).
fn added_suppressions(report: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    let Some(added) = &report.added_suppressions else {
        return Ok(());
    };
    if added.is_empty() {
        return writeln!(out, "\nThis change adds no suppression comments.");
    }
    writeln!(out, "\n### Suppressions added by this change\n")?;
    writeln!(
        out,
        "Reviewers: each of these silences findings once merged; check that its reason holds.\n"
    )?;
    for s in added {
        writeln!(out, "- {}", md(&super::added_suppression_line(s)))?;
    }
    Ok(())
}
