//! Output formats. Nothing else in the crate turns findings into text: each format is one file
//! here and writes a [`Run`] (an [`crate::outcome::Outcome`] with its configuration and packs)
//! to a writer. Output depends on data only: no file system, no command line.

pub mod adopt;
pub mod concise;
pub mod due;
pub mod github;
pub mod github_output;
pub mod human;
pub mod ics;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod report_html;
pub mod report_json;
pub mod report_md;
pub mod rules;
pub mod sarif;
pub mod summary;

use std::io::{self, Write};
use std::path::PathBuf;

pub use crate::neutral::{is_bidi_or_separator, sanitize, sanitize_line};
use crate::outcome::Run;
pub use crate::snippet;

/// An output format of `smslint check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Diagnostics with source snippets, for people.
    #[default]
    Human,
    /// One line per finding: `path:line:col: CODE message`.
    Concise,
    /// The versioned JSON document described in the README.
    Json,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// `JUnit` XML, one test suite per rule.
    Junit,
    /// Markdown for `$GITHUB_STEP_SUMMARY`.
    Summary,
    /// `key=value` step outputs for `$GITHUB_OUTPUT` (counts, added suppressions).
    GithubOutput,
}

impl Format {
    /// Every format with its name.
    pub const ALL: [(&'static str, Format); 8] = [
        ("human", Format::Human),
        ("concise", Format::Concise),
        ("json", Format::Json),
        ("sarif", Format::Sarif),
        ("github", Format::Github),
        ("junit", Format::Junit),
        ("summary", Format::Summary),
        ("github-output", Format::GithubOutput),
    ];
}

/// One `--format` value: a format and, optionally, the file it goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The format.
    pub format: Format,
    /// Its own file (`FORMAT=FILE`); `None` means `--output` or standard output.
    pub file: Option<PathBuf>,
}

impl Target {
    /// Parse `FORMAT` or `FORMAT=FILE` (format names ignore case).
    pub fn parse(text: &str) -> Result<Self, String> {
        let (name, file) = match text.split_once('=') {
            Some((n, "")) => return Err(format!("`{n}=` names no file")),
            Some((n, f)) => (n, Some(PathBuf::from(f))),
            None => (text, None),
        };
        let format = Format::ALL
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name.trim()))
            .map(|(_, f)| *f)
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|(n, _)| *n).collect();
                format!("unknown format `{name}`; one of: {}", names.join(", "))
            })?;
        Ok(Self { format, file })
    }
}

/// Presentation settings of the formats for people and for the pull request.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Use colours.
    pub color: bool,
    /// Print no summary line.
    pub quiet: bool,
    /// Width to wrap at.
    pub width: usize,
    /// Human output lists every repository-level finding instead of a line per code.
    pub verbose: bool,
    /// `--format github`: the most repository-level annotations (`None`: the configuration's
    /// `max-repository-annotations`).
    pub repository_annotations: Option<usize>,
}

impl Default for Style {
    fn default() -> Self {
        Self {
            color: false,
            quiet: false,
            width: 100,
            verbose: false,
            repository_annotations: None,
        }
    }
}

/// The findings in the order a reviewer reads them: those on files first (the changed or
/// named files, when paths narrow the report), then the repository-level ones. Each part keeps
/// the run's order.
pub fn reading_order(
    findings: &[crate::finding::Finding],
) -> (Vec<&crate::finding::Finding>, Vec<&crate::finding::Finding>) {
    findings.iter().partition(|f| f.path.is_some())
}

/// Repository-level findings grouped by code, in order of first appearance: (code's findings).
pub fn by_code<'a>(findings: &[&'a crate::finding::Finding]) -> Vec<Vec<&'a crate::finding::Finding>> {
    let mut groups: Vec<Vec<&crate::finding::Finding>> = Vec::new();
    for f in findings {
        match groups.iter_mut().find(|g| g[0].code() == f.code()) {
            Some(g) => g.push(f),
            None => groups.push(vec![f]),
        }
    }
    groups
}

/// `--statistics`: one line per code with its number of findings, most frequent first (as
/// `ruff --statistics`), then the summary line.
pub fn statistics(report: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut counts: std::collections::BTreeMap<&str, (usize, &crate::finding::Finding)> =
        std::collections::BTreeMap::new();
    for f in &report.findings {
        counts.entry(f.code()).or_insert((0, f)).0 += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    let width = rows.first().map_or(1, |r| r.1.0.to_string().len());
    for (code, (n, f)) in rows {
        writeln!(
            out,
            "{n:>width$}  {code}  {:<7}  {}",
            f.severity.as_str(),
            f.name()
        )?;
    }
    writeln!(out, "{}", human::summary_line(report))
}

/// Write `report` as `format`.
pub fn emit(format: Format, report: &Run<'_>, style: Style, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => human::write(report, style, out),
        Format::Concise => concise::write(report, style, out),
        Format::Json => json::write(report, out),
        Format::Sarif => sarif::write(report, out),
        Format::Github => github::write(report, style, out),
        Format::Junit => junit::write(report, out),
        Format::Summary => summary::write(report, out),
        Format::GithubOutput => github_output::write(report, out),
    }
}

/// An added suppression on one line, neutralised: `path:line: <!-- smslint-KIND CODES -- REASON -->`
/// (the comment as smslint read it, not as written).
pub fn added_suppression_line(s: &crate::outcome::AddedSuppression) -> String {
    let reason = s
        .reason
        .as_deref()
        .map(|r| format!(" -- {r}"))
        .unwrap_or_default();
    sanitize_line(&format!(
        "{}:{}: <!-- smslint-{} {}{reason} -->",
        s.path,
        s.line,
        s.kind,
        s.codes.join(" ")
    ))
    .into_owned()
}

/// Pretty JSON as `serde_json` writes it, except that the characters JSON allows raw but a
/// terminal or log reader may act on (C1 controls such as NEL and CSI, the Unicode line and
/// paragraph separators, bidirectional overrides) are written as `\uXXXX` escapes: a JSON
/// output shown in a log holds no raw control character from a document. Same value, parsed.
pub fn write_json<T: serde::Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, EscapingFormatter::default());
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// [`write_json`] into a string.
pub fn to_json_string<T: serde::Serialize + ?Sized>(value: &T) -> io::Result<String> {
    let mut buf = Vec::new();
    write_json(&mut buf, value)?;
    String::from_utf8(buf).map_err(io::Error::other)
}

#[derive(Default)]
struct EscapingFormatter(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for EscapingFormatter {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, fragment: &str) -> io::Result<()> {
        let mut from = 0;
        for (i, c) in fragment.char_indices() {
            if ('\u{80}'..='\u{9f}').contains(&c) || is_bidi_or_separator(c) {
                w.write_all(&fragment.as_bytes()[from..i])?;
                write!(w, "\\u{:04x}", c as u32)?;
                from = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[from..])
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Whether the character at byte `i` of `text` must be backslash-escaped in Markdown so that a
/// bare URL, `www.` address or e-mail address in an untrusted string stays text (GitHub turns
/// them into links): the `:` of `://`, the `.` of `www.`, and every `@`. The one rule for
/// every Markdown output (the job summary, the Markdown report).
pub fn breaks_autolink(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        Some(b':') => text[i + 1..].starts_with("//"),
        Some(b'.') => i >= 3 && text.is_char_boundary(i - 3) && text[i - 3..i].eq_ignore_ascii_case("www"),
        Some(b'@') => true,
        _ => false,
    }
}

/// Where the formats that need a location for every finding (SARIF, GitHub annotations) show
/// each one: a finding on a file at its own position; a repository-level finding at the file
/// that should hold what is missing when one is implied (the path `smslint init` would write a
/// missing requirement's document or the roles register at, which may not exist yet), else at
/// [`crate::outcome::Outcome::anchor`] (the configuration or README), else at the first
/// document, else at `smslint.toml` (where the configuration would go). Built once per output.
#[derive(Debug)]
pub struct Locator {
    places: crate::init::Places,
    fallback: String,
}

/// How a [`Locator`] placed a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    /// On its own file.
    OnFile,
    /// Repository-level, at the file that should hold what is missing.
    Suggested,
    /// Repository-level, at the repository's configuration, README or first document.
    Repository,
}

impl Placed {
    /// The name SARIF's `properties.location` carries for a repository-level result.
    pub fn as_str(self) -> &'static str {
        match self {
            Placed::OnFile => "file",
            Placed::Suggested => "suggested-path",
            Placed::Repository => "repository-file",
        }
    }
}

impl Locator {
    /// The locator of `report`.
    pub fn new(report: &Run<'_>) -> Self {
        let places = crate::init::Scaffold::builtin()
            .map(|s| crate::init::places(report.packs, &s))
            .unwrap_or_default();
        let fallback = report
            .anchor
            .clone()
            .or_else(|| report.repo.docs.first().map(|d| d.path.clone()))
            .unwrap_or_else(|| crate::config::CONFIG_NAMES[0].to_owned());
        Self { places, fallback }
    }

    /// The file and region `f` is shown at, and how it was placed.
    pub fn place(&self, f: &crate::finding::Finding) -> (String, crate::finding::Position, Placed) {
        let first = crate::finding::Position {
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
        };
        match (&f.path, f.position) {
            (Some(p), Some(pos)) => (p.clone(), pos, Placed::OnFile),
            (Some(p), None) => (p.clone(), first, Placed::OnFile),
            (None, _) => {
                let suggested = f.subject.as_deref().and_then(|s| {
                    self.places
                        .requirements
                        .get(s)
                        .or_else(|| self.places.clauses.get(s))
                });
                match suggested {
                    Some(p) => (p.clone(), first, Placed::Suggested),
                    None => (self.fallback.clone(), first, Placed::Repository),
                }
            }
        }
    }
}

/// Whether a finding is new or recorded in the baseline (SARIF's `baselineState`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaselineState {
    /// Not in the baseline: it counts.
    New,
    /// Recorded in the baseline: shown only with `--show-baselined`, not counted.
    Unchanged,
}

impl BaselineState {
    /// The SARIF name.
    pub fn as_str(self) -> &'static str {
        match self {
            BaselineState::New => "new",
            BaselineState::Unchanged => "unchanged",
        }
    }
}

/// The findings a machine format lists, each with its baseline state (`None` without
/// `--baseline`): the counted findings, then, with `--show-baselined`, the baselined ones.
pub fn shown<'a>(
    report: &Run<'a>,
) -> impl Iterator<Item = (&'a crate::finding::Finding, Option<BaselineState>)> + use<'a> {
    let with_baseline = report.baseline.is_some();
    let outcome: &'a crate::outcome::Outcome = report.outcome;
    let baselined: &[crate::finding::Finding] = if outcome.show_baselined {
        &outcome.baselined
    } else {
        &[]
    };
    outcome
        .findings
        .iter()
        .map(move |f| (f, with_baseline.then_some(BaselineState::New)))
        .chain(baselined.iter().map(|f| (f, Some(BaselineState::Unchanged))))
}

/// The help address of `code` under the configured `docs-url` (`{code}` in it is replaced,
/// else `/CODE` is appended). `None` when no `docs-url` is set: smslint invents no URL.
pub fn help_url(report: &Run<'_>, code: &str) -> Option<String> {
    let base = report.config.docs_url.as_deref()?.trim();
    if base.is_empty() {
        return None;
    }
    Some(if base.contains("{code}") {
        base.replace("{code}", code)
    } else {
        format!("{}/{code}", base.trim_end_matches('/'))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn repository_findings_are_placed_at_their_document_else_the_fallback() {
        use super::{Locator, Placed};
        let mut places = crate::init::Places::default();
        places
            .requirements
            .insert("roles-register".to_owned(), "roles/roles-register.md".to_owned());
        let locator = Locator {
            places,
            fallback: "README.md".to_owned(),
        };
        let rule = crate::checks::rules()[0];
        let f = crate::finding::Finding::new(rule, "m");
        assert_eq!(locator.place(&f).0, "README.md");
        assert_eq!(locator.place(&f).2, Placed::Repository);
        let f = f.subject("roles-register");
        assert_eq!(locator.place(&f).0, "roles/roles-register.md");
        assert_eq!(locator.place(&f).2, Placed::Suggested);
        let mut f = f;
        f.path = Some("a.md".to_owned());
        assert_eq!(locator.place(&f).2, Placed::OnFile);
    }

    #[test]
    fn targets_parse() {
        use super::{Format, Target};
        let t = Target::parse("sarif=out dir/a=b.sarif").unwrap();
        assert_eq!(t.format, Format::Sarif);
        assert_eq!(t.file.unwrap().to_string_lossy(), "out dir/a=b.sarif");
        assert_eq!(Target::parse("JSON").unwrap().format, Format::Json);
        assert_eq!(Target::parse("concise").unwrap().format, Format::Concise);
        assert!(Target::parse("xml").is_err());
        assert!(Target::parse("json=").is_err());
    }
}
