//! `--format github`: GitHub Actions workflow commands, one `::error` or `::warning` line per
//! finding, which the runner turns into annotations on the pull request's files.
//!
//! Escaping follows the runner's rules: in the message (`%`, `\r`, `\n`) and, in property
//! values, also `:` and `,`. Control characters are neutralised first, so a document cannot
//! smuggle another workflow command into the log.

use std::io::{self, Write};

use super::{location, sanitize};
use crate::finding::Severity;
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

/// Write one workflow command per finding.
pub fn write(report: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    for f in &report.findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = Vec::new();
        if let Some((path, p)) = location(report, f) {
            props.push(format!("file={}", escape_property(&path)));
            props.push(format!("line={}", p.line));
            props.push(format!("col={}", p.column));
            props.push(format!("endLine={}", p.end_line));
            props.push(format!("endColumn={}", p.end_column));
        }
        props.push(format!(
            "title={}",
            escape_property(&format!("{} {}", f.code(), f.name()))
        ));
        let mut message = f.message.clone();
        if let Some(h) = &f.help {
            message.push_str("\nHow to fix: ");
            message.push_str(h);
        }
        writeln!(out, "::{command} {}::{}", props.join(","), escape_data(&message))?;
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
