//! `--format json`: a versioned document. Keys may be added in later versions, never removed.

use std::io::{self, Write};

use serde::Serialize;

use crate::finding::Severity;
use crate::outcome::Run;

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    tool: Tool,
    today: String,
    summary: Summary,
    findings: Vec<Item<'a>>,
    /// With `--changed-since`: the suppression comments the change adds.
    #[serde(skip_serializing_if = "Option::is_none")]
    added_suppressions: Option<&'a [crate::outcome::AddedSuppression]>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    documents: usize,
    errors: usize,
    warnings: usize,
    suppressed: usize,
    /// With `--baseline`: how many findings the baseline covers (not counted above).
    #[serde(skip_serializing_if = "Option::is_none")]
    baselined: Option<usize>,
}

#[derive(Serialize)]
struct Item<'a> {
    code: &'a str,
    name: &'a str,
    severity: Severity,
    path: Option<&'a str>,
    line: Option<u32>,
    column: Option<u32>,
    end_line: Option<u32>,
    end_column: Option<u32>,
    clause: Option<&'a str>,
    /// What the finding is about, e.g. `service-level-agreements#Workload limits` (the
    /// requirement and its item for a content finding); absent when a check names none.
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<&'a str>,
    message: &'a str,
    help: Option<&'a str>,
    /// With `--baseline`: `new`, or `unchanged` for a baselined finding (`--show-baselined`).
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<&'static str>,
    /// Other places in the same file the finding concerns (a conflicting value's first place).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<RelatedItem<'a>>,
}

#[derive(Serialize)]
struct RelatedItem<'a> {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    message: &'a str,
}

/// Write the JSON report followed by a newline.
pub fn write(report: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    let doc = Doc {
        version: 1,
        tool: Tool {
            name: "smslint",
            version: env!("CARGO_PKG_VERSION"),
        },
        today: report.today.to_string(),
        summary: Summary {
            documents: report.documents,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            suppressed: report.suppressed,
            baselined: report.baseline.as_ref().map(|_| report.baselined.len()),
        },
        findings: super::shown(report)
            .map(|(f, state)| {
                let p = f.position;
                Item {
                    code: f.code(),
                    name: f.name(),
                    severity: f.severity,
                    path: f.path.as_deref(),
                    line: p.map(|p| p.line),
                    column: p.map(|p| p.column),
                    end_line: p.map(|p| p.end_line),
                    end_column: p.map(|p| p.end_column),
                    clause: f.clause.as_deref(),
                    subject: f.subject.as_deref(),
                    message: &f.message,
                    help: f.help.as_deref(),
                    baseline: state.map(super::BaselineState::as_str),
                    related: f
                        .related
                        .iter()
                        .filter_map(|r| {
                            let p = r.position?;
                            Some(RelatedItem {
                                line: p.line,
                                column: p.column,
                                end_line: p.end_line,
                                end_column: p.end_column,
                                message: &r.label,
                            })
                        })
                        .collect(),
                }
            })
            .collect(),
        added_suppressions: report.added_suppressions.as_deref(),
    };
    super::write_json(&mut *out, &doc)?;
    writeln!(out)
}
