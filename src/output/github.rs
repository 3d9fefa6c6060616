//! `--format github`: GitHub Actions workflow commands, one `::error` or `::warning` line per
//! finding, which the runner turns into annotations on the pull request's files.
//!
//! Escaping follows the runner's rules: in the message (`%`, `\r`, `\n`) and, in property
//! values, also `:` and `,`. Control characters are neutralised first, so a document cannot
//! smuggle another workflow command into the log.

use std::io::{self, Write};

use super::{Locator, Style, reading_order, sanitize};
use crate::finding::{Finding, Severity};
use crate::outcome::Run;

/// Escape a workflow command's message.
pub fn escape_data(s: &str) -> String {
    sanitize(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow command's property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Write one workflow command per finding: the findings on files first (GitHub shows a limited
/// number of annotations per step, and those are the ones a reviewer acts on), then at most
/// `style.repository_annotations` (else the configuration's `max-repository-annotations`)
/// repository-level ones, then one notice saying how many more the job summary lists.
pub fn write(report: &Run<'_>, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let locator = Locator::new(report);
    let (on_files, repository) = reading_order(&report.findings);
    let cap = style
        .repository_annotations
        .unwrap_or(report.config.max_repository_annotations);
    let shown = repository.len().min(cap);
    for f in on_files.iter().chain(&repository[..shown]) {
        annotation(&locator, f, out)?;
    }
    let rest = repository.len() - shown;
    if rest > 0 {
        writeln!(
            out,
            "::notice title=smslint::{rest} more repository-level finding{} not annotated (at most {cap}); the job summary (--format summary) lists every one",
            if rest == 1 { " is" } else { "s are" }
        )?;
    }
    // With `--changed-since`: a notice on each suppression comment the change adds.
    for s in report.added_suppressions.iter().flatten() {
        writeln!(
            out,
            "::notice file={},line={},col={},title={}::{}",
            escape_property(&s.path),
            s.line,
            s.column,
            escape_property("suppression added"),
            // The reason is the author's text: it stays in the summary (escaped) and on the
            // annotated line, out of the workflow command.
            escape_data(&format!(
                "This change adds a suppression of {}; a reviewer should check its reason",
                if s.codes.is_empty() {
                    "nothing".to_owned()
                } else {
                    s.codes.join(", ")
                },
            ))
        )?;
    }
    Ok(())
}

fn annotation(locator: &Locator, f: &Finding, out: &mut dyn Write) -> io::Result<()> {
    let command = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut props = Vec::new();
    let (path, p, _) = locator.place(f);
    props.push(format!("file={}", escape_property(&path)));
    props.push(format!("line={}", p.line));
    props.push(format!("col={}", p.column));
    props.push(format!("endLine={}", p.end_line));
    props.push(format!("endColumn={}", p.end_column));
    props.push(format!(
        "title={}",
        escape_property(&format!("{} {}", f.code(), f.name()))
    ));
    let mut message = f.message.clone();
    if let Some(h) = &f.help {
        message.push_str("\nHow to fix: ");
        message.push_str(h);
    }
    writeln!(out, "::{command} {}::{}", props.join(","), escape_data(&message))
}

#[cfg(test)]
mod tests {
    use super::{escape_data, escape_property};

    #[test]
    fn hostile_strings_are_escaped() {
        assert_eq!(
            escape_data("50% done\r\n::error::x"),
            "50%25 done%0D%0A::error::x"
        );
        assert_eq!(escape_property("a,b:c%d\ne"), "a%2Cb%3Ac%25d%0Ae");
        // An escape sequence cannot reach the log raw.
        assert!(!escape_data("\u{1b}[31m").contains('\u{1b}'));
    }
}
