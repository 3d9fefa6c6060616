//! `--format human`: miette's graphical diagnostics, one per finding, then a summary line.

use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use super::{Style, sanitize};
use crate::app::Report;
use crate::finding::{Finding, Severity};

/// A finding shown through miette.
struct Shown<'a> {
    finding: &'a Finding,
    message: String,
    code: String,
    help: Option<String>,
    label: Option<String>,
    source: Option<NamedSource<Arc<str>>>,
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
        let span = self.finding.span.clone()?;
        self.source.as_ref()?;
        let len = span.end.saturating_sub(span.start);
        // A related place is shown only while it still lies within the text read for the snippet.
        let text = self.source.as_ref().map_or("", |s| s.inner().as_ref());
        let fits = move |s: &std::ops::Range<usize>| {
            s.start <= s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        };
        let related = self
            .finding
            .related
            .iter()
            .filter(move |(s, _)| fits(s))
            .map(|(s, l)| {
                LabeledSpan::new(
                    Some(sanitize(l).into_owned()),
                    s.start,
                    s.end.saturating_sub(s.start),
                )
            });
        Some(Box::new(
            std::iter::once(LabeledSpan::new(self.label.clone(), span.start, len)).chain(related),
        ))
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
        let clause = f.clause.as_deref().map(|c| {
            let title = report
                .packs
                .clause(c)
                .map(|cl| format!(" {}", cl.title))
                .unwrap_or_default();
            format!("clause {c}{title}")
        });
        let source = match (&f.path, f.span.is_some()) {
            (Some(p), true) => report.sources.get(p).map(|s| {
                let text: Arc<str> = match sanitize(s) {
                    std::borrow::Cow::Borrowed(_) => Arc::clone(s),
                    std::borrow::Cow::Owned(o) => Arc::from(o),
                };
                NamedSource::new(sanitize(p), text)
            }),
            _ => None,
        };
        let mut message = sanitize(&f.message).into_owned();
        if f.path.is_some() && source.is_none() {
            message = format!("{}: {message}", sanitize(f.path.as_deref().unwrap_or_default()));
        }
        let help = match (&f.help, &clause) {
            (Some(h), Some(c)) => Some(format!("{}\n({c})", sanitize(h))),
            (Some(h), None) => Some(sanitize(h).into_owned()),
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
            url: super::help_url(report, f.code),
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
