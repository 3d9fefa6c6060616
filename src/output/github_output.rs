//! `--format github-output=FILE`: the run's counts as the `key=value` lines of a GitHub
//! Actions step output file, for a step to append to `$GITHUB_OUTPUT` (the Action's outputs).
//!
//! Every value is neutralised first ([`sanitize`]: no control character, no bidirectional
//! override). A value on one line is written `key=value`; a value of several lines (the list
//! of added suppressions) in the runner's delimiter form, `key<<DELIMITER`, the lines, then
//! `DELIMITER`, with a delimiter that no line of the value equals, so no text from a document
//! can end the value early and set another output.

use std::io::{self, Write};

use super::sanitize;
use crate::finding::Severity;
use crate::outcome::Run;

/// Write the outputs: `errors`, `warnings`, `findings`, `documents`, `suppressed`,
/// `baselined` (with `--baseline`) and, with `--changed-since`, `suppressions-added` (how
/// many) and `suppressions-added-list` (one `path:line: comment` line each).
pub fn write(report: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    put(out, "errors", &errors.to_string())?;
    put(out, "warnings", &warnings.to_string())?;
    put(out, "findings", &report.findings.len().to_string())?;
    put(out, "documents", &report.documents.to_string())?;
    put(out, "suppressed", &report.suppressed.to_string())?;
    if report.baseline.is_some() {
        put(out, "baselined", &report.baselined.len().to_string())?;
    }
    if let Some(added) = &report.added_suppressions {
        put(out, "suppressions-added", &added.len().to_string())?;
        let list: Vec<String> = added.iter().map(super::added_suppression_line).collect();
        put(out, "suppressions-added-list", &list.join("\n"))?;
    }
    Ok(())
}

/// `base`, lengthened until no line of the value equals it.
fn delimiter(lines: &[&str], mut base: String) -> String {
    while lines.contains(&base.as_str()) {
        base.push('_');
    }
    base
}

/// One output: `key=value`, or the delimiter form when the value has a line break.
fn put(out: &mut dyn Write, key: &str, value: &str) -> io::Result<()> {
    let value = sanitize(value);
    if !value.contains(['\n', '\r']) {
        return writeln!(out, "{key}={value}");
    }
    let lines: Vec<&str> = value.lines().collect();
    let hash = xxhash_rust::xxh3::xxh3_64(value.as_bytes());
    let delimiter = delimiter(&lines, format!("smslint_{hash:016x}"));
    writeln!(out, "{key}<<{delimiter}")?;
    for l in &lines {
        writeln!(out, "{l}")?;
    }
    writeln!(out, "{delimiter}")
}

#[cfg(test)]
mod tests {
    use super::{delimiter as choose, put};

    fn text(key: &str, value: &str) -> String {
        let mut buf = Vec::new();
        put(&mut buf, key, value).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn one_line_values_are_key_value_lines() {
        assert_eq!(text("errors", "3"), "errors=3\n");
        assert_eq!(text("x", "a\u{1b}]0;b"), "x=a?]0;b\n");
    }

    #[test]
    fn no_line_of_a_value_can_end_it_or_start_another_output() {
        let hostile = "a.md:1: x\nerrors=0\r\nsmslint_0000000000000000";
        let out = text("list", hostile);
        let mut lines = out.lines();
        let head = lines.next().unwrap();
        let delimiter = head.strip_prefix("list<<").unwrap();
        let body: Vec<&str> = lines.collect();
        // The delimiter closes the value only at its end, and appears nowhere else.
        assert_eq!(body.last(), Some(&delimiter));
        assert_eq!(body.iter().filter(|l| **l == delimiter).count(), 1);
        assert_eq!(
            body[..body.len() - 1],
            ["a.md:1: x", "errors=0", "smslint_0000000000000000"]
        );
        // A value that holds the would-be delimiter gets a longer one.
        assert_eq!(choose(&["x", "d", "d_"], "d".to_owned()), "d__");
    }
}
