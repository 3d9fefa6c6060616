//! `--format human`: miette's graphical diagnostics, one per finding, then a summary line.

use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

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
    source: Option<Window>,
    url: Option<String>,
}

/// The few lines around a finding's span, cut to a window of bytes on a long line: miette is
/// given only this, so rendering a finding costs what its snippet costs, not what its file
/// costs (40,000 findings in one file stay linear), and no column it sees is large (miette
/// panics past column 65,535). Line and column numbers are shifted back to the file's own.
struct Window {
    name: String,
    text: String,
    /// The label, relative to `text`.
    label: std::ops::Range<usize>,
    /// 0-based line of `text`'s first line in the file.
    first_line: usize,
    /// Columns to add on `text`'s first line (it starts mid-line when the line is long).
    first_column: usize,
}

/// A line longer than this is cut around the span…
const LONG_LINE: usize = 1000;
/// …to this many bytes on each side of it.
const REACH: usize = 80;
/// Longest label shown: a span that runs on is cut at this many bytes.
const MAX_LABEL: usize = 400;

impl Window {
    fn new(name: &str, src: &str, span: std::ops::Range<usize>, pos: crate::finding::Position) -> Self {
        use crate::document::line_index::floor_char;
        let start = floor_char(src, span.start.min(src.len()));
        let end = floor_char(src, span.end.clamp(start, (start + MAX_LABEL).min(src.len())));
        let back = floor_char(src, start.saturating_sub(LONG_LINE));
        // Start at the line's start when it is near, with the line before when that is short;
        // else mid-line, a little before the span.
        let from = match memchr::memrchr(b'\n', &src.as_bytes()[back..start]) {
            Some(i) => {
                let ls = back + i + 1;
                let before = floor_char(src, (ls - 1).saturating_sub(LONG_LINE));
                match memchr::memrchr(b'\n', &src.as_bytes()[before..ls - 1]) {
                    Some(j) => before + j + 1,
                    None if before == 0 => 0,
                    None => ls,
                }
            }
            None if back == 0 => 0,
            None => floor_char(src, start.saturating_sub(REACH)),
        };
        let ahead = floor_char(src, (end + LONG_LINE).min(src.len()));
        let to = match memchr::memchr(b'\n', &src.as_bytes()[end..ahead]) {
            Some(i) => {
                let le = end + i;
                let after = floor_char(src, (le + 1 + LONG_LINE).min(src.len()));
                match memchr::memchr(b'\n', &src.as_bytes()[(le + 1).min(after)..after]) {
                    Some(j) => le + 2 + j,
                    None if after == src.len() => src.len(),
                    None => le,
                }
            }
            None if ahead == src.len() => src.len(),
            None => floor_char(src, (end + REACH).min(src.len())),
        };
        let before_label = &src[from..start];
        let lines_before = memchr::memchr_iter(b'\n', before_label.as_bytes()).count();
        let first_line = (pos.line as usize).saturating_sub(1).saturating_sub(lines_before);
        let first_column = if lines_before == 0 {
            (pos.column as usize)
                .saturating_sub(1)
                .saturating_sub(before_label.chars().count())
        } else {
            0
        };
        Self {
            name: sanitize(name).into_owned(),
            text: sanitize(&src[from..to]).into_owned(),
            label: start - from..end - from,
            first_line,
            first_column,
        }
    }
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        let column = if inner.line() == 0 {
            inner.column() + self.first_column
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            inner.line_count(),
        )))
    }
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
            sanitize(&format!("clause {c}{title}")).into_owned()
        });
        let source = match (&f.path, &f.span, f.position) {
            (Some(p), Some(span), Some(pos)) => report
                .sources
                .get(p)
                .map(|s: &Arc<str>| Window::new(p, s, span.clone(), pos)),
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
            url: super::help_url(report, f.code).map(|u| sanitize(&u).into_owned()),
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
