//! `--format human`: miette's graphical diagnostics, one per finding, then a summary line.

use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::snippet::Snippet;
use super::{Style, sanitize_line};
use crate::app::Report;
use crate::finding::{Finding, Severity};

/// A finding shown through miette.
struct Shown<'a> {
    finding: &'a Finding,
    message: String,
    code: String,
    help: Option<String>,
    label: Option<String>,
    source: Option<Snippet>,
    url: Option<String>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for Shown<'_> {}

impl Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'b>)
    }
    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.url
            .as_ref()
            .map(|u| Box::new(u) as Box<dyn fmt::Display + 'b>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.source.as_ref()?.label.clone();
        let len = span.end.saturating_sub(span.start);
        Some(Box::new(std::iter::once(LabeledSpan::new(
            self.label.clone(),
            span.start,
            len,
        ))))
    }
}

/// Write every finding and the summary line.
pub fn write(report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    for f in &report.findings {
        // Clause titles come from packs, which a pull request can edit: neutralised too.
        let clause = f.clause.as_deref().map(|c| {
            let title = report
                .packs
                .clause(c)
                .map(|cl| format!(" {}", cl.title))
                .unwrap_or_default();
            sanitize_line(&format!("clause {c}{title}")).into_owned()
        });
        let source = match (&f.path, &f.span, f.position) {
            (Some(p), Some(span), Some(pos)) => report
                .sources
                .get(p)
                .map(|s: &Arc<str>| Snippet::new(p, s, span.clone(), pos)),
            _ => None,
        };
        let mut message = sanitize_line(&f.message).into_owned();
        if f.path.is_some() && source.is_none() {
            message = format!(
                "{}: {message}",
                sanitize_line(f.path.as_deref().unwrap_or_default())
            );
        }
        let help = match (&f.help, &clause) {
            (Some(h), Some(c)) => Some(format!("{}\n({c})", sanitize_line(h))),
            (Some(h), None) => Some(sanitize_line(h).into_owned()),
            (None, Some(c)) => Some(format!("({c})")),
            (None, None) => None,
        };
        let shown = Shown {
            finding: f,
            message,
            code: format!("{} {}", f.code, f.name),
            help,
            label: Some(
                crate::checks::find_rule(f.code)
                    .map_or("here", |r| r.summary)
                    .to_owned(),
            ),
            source,
            url: super::help_url(report, f.code).map(|u| sanitize_line(&u).into_owned()),
        };
        let mut buf = String::new();
        handler
            .render_report(&mut buf, &shown)
            .map_err(io::Error::other)?;
        writeln!(out, "{buf}")?;
    }
    if !style.quiet {
        writeln!(out, "{}", summary_line(report))?;
    }
    Ok(())
}

/// `12 errors, 3 warnings in 48 documents (1 suppressed)`.
pub fn summary_line(report: &Report) -> String {
    let n = |k: usize, w: &str| format!("{k} {w}{}", if k == 1 { "" } else { "s" });
    let mut s = format!(
        "{}, {} in {}",
        n(report.count(Severity::Error), "error"),
        n(report.count(Severity::Warning), "warning"),
        n(report.documents, "document")
    );
    if report.suppressed > 0 {
        s.push_str(&format!(" ({} suppressed)", report.suppressed));
    }
    s
}
