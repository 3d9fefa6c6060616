//! `--format json`: a versioned document. Keys may be added in later versions, never removed.

use std::io::{self, Write};

use serde::Serialize;

use crate::app::Report;
use crate::finding::Severity;

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    tool: Tool,
    today: String,
    summary: Summary,
    findings: Vec<Item<'a>>,
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
    message: &'a str,
    help: Option<&'a str>,
}

/// Write the JSON report followed by a newline.
pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
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
        },
        findings: report
            .findings
            .iter()
            .map(|f| {
                let p = f.position;
                Item {
                    code: f.code,
                    name: f.name,
                    severity: f.severity,
                    path: f.path.as_deref(),
                    line: p.map(|p| p.line),
                    column: p.map(|p| p.column),
                    end_line: p.map(|p| p.end_line),
                    end_column: p.map(|p| p.end_column),
                    clause: f.clause.as_deref(),
                    message: &f.message,
                    help: f.help.as_deref(),
                }
            })
            .collect(),
    };
    super::write_json(&mut *out, &doc)?;
    writeln!(out)
}
