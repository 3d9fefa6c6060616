//! `--format human`: miette's graphical diagnostics, one per finding, then a summary line.

use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::snippet::Snippet;
use super::{Style, sanitize_line};
use crate::finding::{Finding, Severity};
use crate::outcome::{Run, SourceText};

/// A finding shown through miette.
struct Shown<'a> {
    finding: &'a Finding,
    message: String,
    code: String,
    help: Option<String>,
    label: Option<String>,
    source: Option<Snippet>,
    url: Option<String>,
    /// Related places too far from the span to share its snippet, each shown with its own.
    elsewhere: Vec<Place>,
}

/// A related place shown under the finding, with its own snippet.
struct Place {
    label: String,
    source: Snippet,
}

impl fmt::Debug for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}
impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}
impl std::error::Error for Place {}

impl Diagnostic for Place {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let s = self.source.label.clone();
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some("here".to_owned()),
            s.start,
            s.end - s.start,
        ))))
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
    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.elsewhere.is_empty() {
            return None;
        }
        Some(Box::new(self.elsewhere.iter().map(|p| p as &dyn Diagnostic)))
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.source.as_ref()?.label.clone();
        let len = span.end.saturating_sub(span.start);
        // A related place is shown only while it lies within the snippet's window.
        let snippet = self.source.as_ref()?;
        let related = self.finding.related.iter().filter_map(move |r| {
            let s = snippet.relative(&r.span)?;
            Some(LabeledSpan::new(
                Some(sanitize_line(&r.label).into_owned()),
                s.start,
                s.end - s.start,
            ))
        });
        Some(Box::new(
            std::iter::once(LabeledSpan::new(self.label.clone(), span.start, len)).chain(related),
        ))
    }
}

/// Write every finding and the summary line.
pub fn write(report: &Run<'_>, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let mut texts = Texts::default();
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let (on_files, repository) = super::reading_order(&report.findings);
    for f in on_files {
        show(report, &handler, &mut texts, f, out)?;
    }
    if !repository.is_empty() {
        writeln!(out, "Repository-level findings\n")?;
    }
    for group in super::by_code(&repository) {
        if style.verbose || group.len() == 1 {
            for f in group {
                show(report, &handler, &mut texts, f, out)?;
            }
            continue;
        }
        let f = group[0];
        writeln!(
            out,
            "{} {} {}: {} findings: {}\n  see `smslint report` for the gap analysis, or run with --verbose to list them\n",
            f.severity.as_str(),
            f.code(),
            f.name(),
            group.len(),
            f.rule.summary.to_lowercase()
        )?;
    }
    if report.show_baselined && !report.baselined.is_empty() {
        writeln!(
            out,
            "Baselined findings (recorded in `{}`, not counted)\n",
            sanitize_line(report.baseline.as_deref().unwrap_or_default())
        )?;
        for f in &report.baselined {
            show(report, &handler, &mut texts, f, out)?;
        }
    }
    if !style.quiet {
        writeln!(out, "{}", summary_line(report))?;
    }
    Ok(())
}

/// The text of the file whose findings are being shown. A document's is read again once per
/// file (findings come grouped by file), through the workspace's reader, and only while the
/// file still has the bytes the run positioned its findings in; otherwise the findings are
/// shown without snippets. Only one document text is held at a time.
#[derive(Default)]
struct Texts {
    last: Option<(String, Option<Arc<str>>)>,
}

impl Texts {
    fn get(&mut self, report: &Run<'_>, path: &str) -> Option<Arc<str>> {
        if self.last.as_ref().is_none_or(|(p, _)| p != path) {
            let text = match report.sources.get(path)? {
                SourceText::Kept(t) => Some(Arc::clone(t)),
                SourceText::Recorded(fp) => {
                    crate::workspace::reread(report.root, path, *fp, report.config.max_file_size)
                }
            };
            self.last = Some((path.to_owned(), text));
        }
        self.last.as_ref().and_then(|(_, t)| t.clone())
    }
}

/// Write one finding as a miette diagnostic.
fn show(
    report: &Run<'_>,
    handler: &GraphicalReportHandler,
    texts: &mut Texts,
    f: &Finding,
    out: &mut dyn Write,
) -> io::Result<()> {
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
        (Some(p), Some(span), Some(pos)) => texts
            .get(report, p)
            .map(|s| Snippet::new(p, &s, span.clone(), pos)),
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
        code: format!("{} {}", f.code(), f.name()),
        help,
        label: Some(f.rule.summary.to_owned()),
        source,
        url: super::help_url(report, f.code()).map(|u| sanitize_line(&u).into_owned()),
        elsewhere: Vec::new(),
    };
    let mut shown = shown;
    if let (Some(p), Some(snippet)) = (&f.path, &shown.source) {
        let far: Vec<_> = f
            .related
            .iter()
            .filter(|r| snippet.relative(&r.span).is_none())
            .collect();
        for r in far {
            let (Some(src), Some(pos)) = (texts.get(report, p), r.position) else {
                continue;
            };
            shown.elsewhere.push(Place {
                label: sanitize_line(&r.label).into_owned(),
                source: Snippet::new(p, &src, r.span.clone(), pos),
            });
        }
    }
    let mut buf = String::new();
    handler
        .render_report(&mut buf, &shown)
        .map_err(io::Error::other)?;
    writeln!(out, "{buf}")?;
    Ok(())
}

/// `12 errors, 3 warnings in 48 documents (1 suppressed)`.
pub fn summary_line(report: &Run<'_>) -> String {
    let n = |k: usize, w: &str| format!("{k} {w}{}", if k == 1 { "" } else { "s" });
    let mut s = format!(
        "{}, {} in {}",
        n(report.count(Severity::Error), "error"),
        n(report.count(Severity::Warning), "warning"),
        n(report.documents, "document")
    );
    let mut notes = Vec::new();
    if report.suppressed > 0 {
        notes.push(format!("{} suppressed", report.suppressed));
    }
    if report.baseline.is_some() {
        notes.push(format!("{} baselined", report.baselined.len()));
    }
    if !notes.is_empty() {
        s.push_str(&format!(" ({})", notes.join(", ")));
    }
    s
}
