//! Baselines: the findings a repository had when it adopted smslint, recorded so that `check
//! --baseline` fails only on new ones while the old ones are worked off.
//!
//! An entry is keyed by code, path and the finding's stable key (the field, role, link target
//! or requirement it is about, see [`Finding::stable_key`]), never by line, so edits elsewhere
//! in a file do not bring old findings back. Entries carry a count: N identical old findings
//! are baselined, an N+1-th is new.
//!
//! Pure: parsing, rendering and matching touch no file. The file is untrusted input (it comes
//! with the pull request); [`parse`] turns every problem into a [`ParseError`] with a span.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::finding::Finding;

/// The default baseline file, at the repository root.
pub const DEFAULT_FILE: &str = ".smslint-baseline.json";

/// The file format version this smslint reads and writes.
pub const VERSION: u32 = 1;

/// Largest baseline file read (bytes).
pub const MAX_SIZE: u64 = 32 * 1024 * 1024;

/// One recorded finding (or several identical ones).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The code, e.g. `SMS202`.
    pub code: String,
    /// The repository-relative file; `null` for a repository-level finding.
    pub path: Option<String>,
    /// The finding's stable key (its subject, else its message).
    pub key: String,
    /// How many findings with this code, path and key were recorded.
    #[serde(default = "one")]
    pub count: usize,
    /// The message of the (first) finding, for the people who read the file.
    #[serde(default)]
    pub message: String,
}

fn one() -> usize {
    1
}

/// A parsed baseline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    /// The entries, in file order.
    pub entries: Vec<Entry>,
    /// Byte range of each entry in the file it was parsed from (empty when built in memory).
    pub spans: Vec<Range<usize>>,
}

/// A baseline file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong.
    pub message: String,
    /// Where in the file.
    pub span: Range<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile<'a> {
    version: u32,
    #[serde(default)]
    #[allow(dead_code)]
    tool: Option<String>,
    #[serde(borrow)]
    entries: Vec<&'a RawValue>,
}

/// Byte offset of 1-based `line` and `column` (as `serde_json` reports them) in `src`.
fn offset(src: &str, line: usize, column: usize) -> usize {
    let start: usize = src
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = (start + column.saturating_sub(1)).min(src.len());
    while !src.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn json_error(src: &str, e: &serde_json::Error, base: usize) -> ParseError {
    let at = base + offset(&src[base..], e.line(), e.column());
    let message = e.to_string();
    // serde_json appends " at line L column C"; the span shows where.
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    };
    ParseError {
        message,
        span: at..(at + 1).min(src.len()).max(at),
    }
}

/// A baseline that cannot be read or parsed: a clear error (exit 2), pointing into the file.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error(transparent)]
#[diagnostic(transparent)]
pub struct BaselineError(Box<BaselineErrorInner>);

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
#[diagnostic(code(smslint::baseline))]
struct BaselineErrorInner {
    message: String,
    #[source_code]
    src: Option<miette::NamedSource<Arc<str>>>,
    #[label("here")]
    at: Option<miette::SourceSpan>,
    #[help]
    help: Option<String>,
}

impl BaselineError {
    /// An error with no place in a file.
    pub fn plain(message: impl Into<String>) -> Self {
        Self(Box::new(BaselineErrorInner {
            message: message.into(),
            src: None,
            at: None,
            help: Some("write a baseline with `smslint baseline --output FILE`".to_owned()),
        }))
    }

    /// `e`, found in the file `name` with text `src`.
    pub fn at(name: &str, src: &Arc<str>, e: &ParseError) -> Self {
        // The file may come from a pull request: its control characters never reach a terminal.
        let text: Arc<str> = match crate::neutral::sanitize(src) {
            std::borrow::Cow::Borrowed(_) => Arc::clone(src),
            std::borrow::Cow::Owned(clean) => clean.into(),
        };
        Self(Box::new(BaselineErrorInner {
            message: format!("the baseline `{name}` cannot be used: {}", e.message),
            src: Some(miette::NamedSource::new(crate::neutral::sanitize(name), text)),
            at: Some(e.span.clone().into()),
            help: Some("fix the file, or write it afresh with `smslint baseline --output FILE`".to_owned()),
        }))
    }
}

/// Parse a baseline file.
pub fn parse(src: &str) -> Result<Baseline, ParseError> {
    let raw: RawFile<'_> = serde_json::from_str(src).map_err(|e| json_error(src, &e, 0))?;
    if raw.version != VERSION {
        let at = src.find("\"version\"").unwrap_or(0);
        return Err(ParseError {
            message: format!(
                "baseline version {} is not supported; this smslint reads version {VERSION}",
                raw.version
            ),
            span: at..at + "\"version\"".len().min(src.len() - at),
        });
    }
    let mut baseline = Baseline::default();
    for r in raw.entries {
        // The raw value borrows from `src`, so its address gives its offset.
        let start = r.get().as_ptr() as usize - src.as_ptr() as usize;
        let span = start..start + r.get().len();
        let entry: Entry = serde_json::from_str(r.get()).map_err(|e| {
            let mut pe = json_error(&src[..span.end], &e, start);
            pe.message = format!("baseline entry: {}", pe.message);
            pe
        })?;
        if entry.count == 0 {
            return Err(ParseError {
                message: "baseline entry has a count of 0".to_owned(),
                span,
            });
        }
        baseline.entries.push(entry);
        baseline.spans.push(span);
    }
    Ok(baseline)
}

/// The baseline of `findings`: one entry per code, path and stable key, with its count, sorted
/// by path (repository-level first), code and key.
pub fn from_findings<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Baseline {
    let mut map: HashMap<(&str, Option<&str>, &str), (usize, &str)> = HashMap::new();
    for f in findings {
        let e = map.entry(f.stable_key()).or_insert((0, f.message.as_str()));
        e.0 += 1;
        e.1 = e.1.min(f.message.as_str());
    }
    let mut entries: Vec<Entry> = map
        .into_iter()
        .map(|((code, path, key), (count, message))| Entry {
            code: code.to_owned(),
            path: path.map(str::to_owned),
            key: key.to_owned(),
            count,
            message: message.to_owned(),
        })
        .collect();
    entries.sort_by(|a, b| (&a.path, &a.code, &a.key).cmp(&(&b.path, &b.code, &b.key)));
    Baseline {
        spans: vec![0..0; entries.len()],
        entries,
    }
}

/// The baseline as its file: pretty JSON with one entry per line, so that a fix shows in a diff
/// as one removed line.
pub fn render(baseline: &Baseline) -> String {
    let mut out = format!("{{\n  \"version\": {VERSION},\n  \"tool\": \"smslint\",\n  \"entries\": [");
    for (i, e) in baseline.entries.iter().enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        // Serialising an owned struct of strings and numbers cannot fail.
        out.push_str(&serde_json::to_string(e).unwrap_or_default());
    }
    if !baseline.entries.is_empty() {
        out.push_str("\n  ");
    }
    out.push_str("]\n}\n");
    out
}

/// An entry with findings left over: it no longer matches as many findings as it records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stale {
    /// Index into [`Baseline::entries`].
    pub entry: usize,
    /// How many of its recorded findings no longer occur.
    pub missing: usize,
}

/// The outcome of [`apply`].
#[derive(Debug, Default)]
pub struct Matched {
    /// Findings the baseline does not cover.
    pub new: Vec<Finding>,
    /// Findings the baseline covers.
    pub baselined: Vec<Finding>,
    /// Entries that cover fewer findings than they record.
    pub stale: Vec<Stale>,
}

/// Split `findings` into new and baselined ones, in order. `considered(code, path)` says whether
/// this run could have reported an entry's findings at all (its file is in the reported scope
/// and its code is selected); entries it rules out are never stale.
pub fn apply(
    baseline: &Baseline,
    findings: Vec<Finding>,
    considered: impl Fn(&str, Option<&str>) -> bool,
) -> Matched {
    let mut first: HashMap<(&str, Option<&str>, &str), usize> = HashMap::new();
    let mut left: Vec<usize> = vec![0; baseline.entries.len()];
    for (i, e) in baseline.entries.iter().enumerate() {
        let at = *first
            .entry((e.code.as_str(), e.path.as_deref(), e.key.as_str()))
            .or_insert(i);
        left[at] += e.count;
    }
    let mut matched = Matched::default();
    for f in findings {
        let (code, path, key) = f.stable_key();
        match first.get(&(code, path, key)) {
            Some(&i) if left[i] > 0 => {
                left[i] -= 1;
                matched.baselined.push(f);
            }
            _ => matched.new.push(f),
        }
    }
    for (i, e) in baseline.entries.iter().enumerate() {
        if left[i] > 0 && considered(&e.code, e.path.as_deref()) {
            matched.stale.push(Stale {
                entry: i,
                missing: left[i],
            });
        }
    }
    matched
}

#[cfg(test)]
mod tests {
    use super::{apply, from_findings, parse, render};
    use crate::finding::{Finding, Rule, Severity};

    /// A rule of the baseline's own tests: the baseline keys on the code, not on a check.
    static RULE: Rule = Rule {
        code: "SMS301",
        name: "review-overdue",
        severity: Severity::Error,
        summary: "A document's review date has passed",
        kind: "review",
    };

    fn finding(path: &str, message: &str, subject: Option<&str>) -> Finding {
        let f = Finding::new(&RULE, message).in_file(path);
        match subject {
            Some(s) => f.subject(s),
            None => f,
        }
    }

    #[test]
    fn render_is_sorted_one_entry_per_line_and_parses_back() {
        let fs = [
            finding("b.md", "late", Some("next_review")),
            finding("a.md", "late \"x\"\n", None),
            finding("b.md", "late", Some("next_review")),
        ];
        let b = from_findings(&fs);
        let text = render(&b);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 8, "{text}");
        assert!(lines[4].contains("\"a.md\""), "{text}");
        assert!(lines[5].contains("\"count\":2"), "{text}");
        let back = parse(&text).unwrap();
        assert_eq!(back.entries, b.entries);
        assert_eq!(&text[back.spans[1].clone()], lines[5].trim());
        assert_eq!(render(&back), text);
        assert_eq!(
            render(&from_findings(&[])),
            "{\n  \"version\": 1,\n  \"tool\": \"smslint\",\n  \"entries\": []\n}\n"
        );
    }

    #[test]
    fn counts_are_a_multiset_and_leftovers_are_stale() {
        let old = [
            finding("a.md", "m", Some("owner")),
            finding("a.md", "m", Some("owner")),
            finding("c.md", "m", Some("owner")),
        ];
        let b = from_findings(&old);
        let now = vec![
            finding("a.md", "m2", Some("owner")),
            finding("a.md", "m3", Some("owner")),
            finding("a.md", "m4", Some("owner")),
        ];
        let m = apply(&b, now, |_, _| true);
        assert_eq!(m.baselined.len(), 2);
        assert_eq!(m.new.len(), 1);
        assert_eq!(m.new[0].message, "m4");
        assert_eq!(m.stale.len(), 1);
        assert_eq!(b.entries[m.stale[0].entry].path.as_deref(), Some("c.md"));
        let m = apply(&b, vec![], |_, p| p != Some("c.md"));
        assert_eq!(m.stale.len(), 1);
        assert_eq!(m.stale[0].missing, 2);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 400,
            rng_seed: proptest::test_runner::RngSeed::Fixed(12),
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]
        /// No file panics the parser, and every span it returns is inside the text, on
        /// character boundaries.
        #[test]
        fn parse_is_total(
            body in "[ -~é\n]{0,40}",
            entries in proptest::collection::vec("\\{\"code\":\"[A-Z0-9]{0,6}\",\"path\":(null|\"[a-zé/.]{0,8}\"),\"key\":\"[ -!#-~é]{0,10}\"(,\"count\":[0-9]{1,3})?\\}", 0..4),
        ) {
            let text = format!("{{\"version\": 1, \"entries\": [{}]{body}", entries.join(","));
            let cut = (0..=text.len() / 2).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let whole = format!("{{\"version\": 1, \"entries\": [{}]}}", entries.join(",\n"));
            for src in [text.as_str(), &text[..cut], body.as_str(), whole.as_str()] {
                match parse(src) {
                    Ok(b) => {
                        for sp in &b.spans {
                            proptest::prop_assert!(sp.end <= src.len() && src.is_char_boundary(sp.start) && src.is_char_boundary(sp.end));
                        }
                    }
                    Err(e) => proptest::prop_assert!(
                        e.span.start <= e.span.end && e.span.end <= src.len() && src.is_char_boundary(e.span.start)
                    ),
                }
            }
        }
    }

    #[test]
    fn bad_files_are_errors_with_spans() {
        let e = parse("{\"version\": 1, \"entries\": [\n  {\"code\": 5}\n]}").unwrap_err();
        assert!(e.message.starts_with("baseline entry:"), "{e:?}");
        assert_eq!(e.span.start / 10, 3, "{e:?}");
        assert!(parse("").is_err());
        assert!(parse("[]").is_err());
        assert!(
            parse("{\"version\": 2, \"entries\": []}")
                .unwrap_err()
                .message
                .contains("version 2")
        );
        assert!(parse("{\"version\": 1, \"entries\": [], \"x\": 1}").is_err());
        let zero =
            "{\"version\": 1, \"entries\": [{\"code\":\"A\",\"path\":null,\"key\":\"k\",\"count\":0}]}";
        assert!(parse(zero).unwrap_err().message.contains("count of 0"));
        // Multi-byte text before an error keeps the span on a character boundary.
        let e = parse("{\"version\": 1, \"tool\": \"é\", \"entries\": [1]}").unwrap_err();
        assert!(e.span.end <= 44);
    }
}
