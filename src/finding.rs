//! Findings are the core's only output: plain data that the edge renders.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; fails the run only with `--fail-on warning`.
    Warning,
    /// A gap an auditor would raise.
    Error,
}

impl Severity {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One stable code.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// `SMS301`.
    pub code: &'static str,
    /// `review-overdue`.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One-line summary.
    pub summary: &'static str,
    /// Id of the check kind that emits it.
    pub kind: &'static str,
}

/// Find a rule by code (`SMS301`, any case) or name (`review-overdue`) in `rules`: the check
/// registry's table, which the configuration and the packs are handed rather than import.
pub fn find_rule(rules: &[&'static Rule], key: &str) -> Option<&'static Rule> {
    rules
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name.eq_ignore_ascii_case(key))
}

pub use crate::line_index::Position;

/// One problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule it is a finding of: its code, name, default severity and summary (see
    /// [`Finding::code`], [`Finding::name`]). Output reads them from here, as data.
    pub rule: &'static Rule,
    /// Severity after configuration.
    pub severity: Severity,
    /// Repository-relative path; `None` for a repository-level finding.
    pub path: Option<String>,
    /// Byte range in the file.
    pub span: Option<Range<usize>>,
    /// Line/column of `span`, filled in at the edge.
    pub position: Option<Position>,
    /// The standard's clause this is evidence against.
    pub clause: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// What the finding is about, stable across edits elsewhere in the file: the field, role,
    /// link target or requirement id. With `code` and `path` it makes the finding's
    /// [`stable_key`](Finding::stable_key), which baselines and suppression matching use.
    pub subject: Option<String>,
    /// Other places in the same file that the finding concerns (the first of two conflicting
    /// values), each with a label.
    pub related: Vec<Related>,
}

/// Another place in the finding's file, with what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    /// Byte range in the file.
    pub span: Range<usize>,
    /// What is there (`first given here as …`).
    pub label: String,
    /// Line/column of `span`, filled in at the edge with the finding's own.
    pub position: Option<Position>,
}

impl Finding {
    /// A finding of `rule` with its default severity. The clause is the pack's for the code
    /// (see [`crate::pack::Packs::clause_of_code`]) unless the check names one.
    pub fn new(rule: &'static Rule, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: rule.severity,
            path: None,
            span: None,
            position: None,
            clause: None,
            message: message.into(),
            help: None,
            subject: None,
            related: Vec::new(),
        }
    }

    /// The rule's stable code, e.g. `SMS301`.
    pub fn code(&self) -> &'static str {
        self.rule.code
    }

    /// The rule's kebab-case name, e.g. `review-overdue`.
    pub fn name(&self) -> &'static str {
        self.rule.name
    }

    /// Point also at `span` in the same file, labelled `label`.
    #[must_use]
    pub fn related(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            label: label.into(),
            position: None,
        });
        self
    }

    /// Name what the finding is about (see [`Finding::subject`]).
    #[must_use]
    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// The key that identifies this finding independently of where in its file it sits:
    /// code, path and subject (the message when a check names no subject).
    pub fn stable_key(&self) -> (&'static str, Option<&str>, &str) {
        (
            self.rule.code,
            self.path.as_deref(),
            self.subject.as_deref().unwrap_or(&self.message),
        )
    }

    /// Attach the file and span.
    #[must_use]
    pub fn at(mut self, path: &str, span: Range<usize>) -> Self {
        self.path = Some(path.to_owned());
        self.span = Some(span);
        self
    }

    /// Attach the file only (no span).
    #[must_use]
    pub fn in_file(mut self, path: &str) -> Self {
        self.path = Some(path.to_owned());
        self
    }

    /// Set the help text.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Set the clause.
    #[must_use]
    pub fn clause(mut self, clause: impl Into<String>) -> Self {
        self.clause = Some(clause.into());
        self
    }

    /// Override the severity.
    #[must_use]
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Sort key: repository-level first, then path, line, column, code.
    pub fn sort_key(&self) -> (bool, Option<&str>, usize, &'static str, &str) {
        (
            self.path.is_some(),
            self.path.as_deref(),
            self.span.as_ref().map_or(0, |s| s.start),
            self.rule.code,
            &self.message,
        )
    }
}
