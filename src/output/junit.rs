//! `--format junit`: `JUnit` XML for GitLab, Jenkins and other CI test reports.
//!
//! One `<testsuite>` per rule, every rule listed, so a report reads like the linter's test
//! plan: a rule with no findings is one passing test case (`no findings`); each finding is a
//! test case named `path:line:column` that fails. Warnings fail too (with `type="warning"`),
//! since `JUnit` has no warning state and a hidden warning helps nobody; the job's exit status
//! still follows `--fail-on`.
//!
//! Written here rather than with `quick-junit`: that crate writes line breaks in names and
//! failure texts raw (so a document's text could start a line of a CI log) and pulls in chrono,
//! uuid and quick-xml for what is sixty lines of output.

use std::io::{self, Write};

use crate::checks;
use crate::finding::{Finding, Severity};
use crate::outcome::Run;

/// Escape text for an XML attribute or element, dropping characters XML 1.0 cannot hold.
pub fn xml(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            '\t' => o.push(c),
            // As character references, so that no text from a document starts a raw line.
            '\n' => o.push_str("&#10;"),
            '\r' => o.push_str("&#13;"),
            c if (c as u32) < 0x20
                || c == '\u{7f}'
                || c == '\u{fffe}'
                || c == '\u{ffff}'
                || super::is_bidi_or_separator(c) =>
            {
                o.push('\u{fffd}');
            }
            c if ('\u{80}'..='\u{9f}').contains(&c) => o.push('\u{fffd}'),
            c => o.push(c),
        }
    }
    o
}

fn case_name(f: &Finding) -> String {
    match (&f.path, f.position) {
        (Some(p), Some(pos)) => format!("{p}:{}:{}", pos.line, pos.column),
        (Some(p), None) => p.clone(),
        (None, _) => "(repository)".to_owned(),
    }
}

/// Write the `JUnit` document.
pub fn write(report: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    let rules = checks::rules();
    let total_failures = report.findings.len();
    let total_tests: usize = rules
        .iter()
        .map(|r| {
            report
                .findings
                .iter()
                .filter(|f| f.code() == r.code)
                .count()
                .max(1)
        })
        .sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="smslint" tests="{total_tests}" failures="{total_failures}" errors="0">"#
    )?;
    for r in rules {
        let found: Vec<&Finding> = report.findings.iter().filter(|f| f.code() == r.code).collect();
        let suite = format!("{} {}", r.code, r.name);
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{}" errors="0" skipped="0">"#,
            xml(&suite),
            found.len().max(1),
            found.len()
        )?;
        if found.is_empty() {
            writeln!(
                out,
                r#"    <testcase name="no findings" classname="{}"/>"#,
                xml(&format!("smslint.{}", r.code))
            )?;
        }
        for f in found {
            let kind = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut body = f.message.clone();
            if let Some(c) = &f.clause {
                body.push_str(&format!("\nClause: {c}"));
            }
            if let Some(h) = &f.help {
                body.push_str(&format!("\nHow to fix: {h}"));
            }
            writeln!(
                out,
                r#"    <testcase name="{}" classname="{}" file="{}">"#,
                xml(&case_name(f)),
                xml(&format!("smslint.{}", r.code)),
                xml(f.path.as_deref().unwrap_or(""))
            )?;
            writeln!(
                out,
                r#"      <failure type="{kind}" message="{}">{}</failure>"#,
                xml(&f.message),
                xml(&body)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    #[test]
    fn hostile_text_is_escaped() {
        assert_eq!(
            super::xml(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
        assert_eq!(super::xml("bell\u{7}esc\u{1b}"), "bell\u{fffd}esc\u{fffd}");
        assert_eq!(super::xml("]]>"), "]]&gt;");
    }
}
