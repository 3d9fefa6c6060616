//! What a run produced, as data: the findings (root-relative, with positions), the baselined
//! ones, the counts, and the repository index that the reports read. [`crate::lint::lint`]
//! returns it; every format under [`crate::output`] reads it and nothing else of the run.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::civil::Date;

use crate::config::Config;
use crate::finding::{Finding, Severity};
use crate::index::Repo;
use crate::pack::Packs;

/// The outcome of one run.
#[derive(Debug)]
pub struct Outcome {
    /// The date the run was judged on.
    pub today: Date,
    /// Every document, indexed (the reports, `due` and `adopt` read it).
    pub repo: Repo,
    /// How many documents were in the reported scope.
    pub documents: usize,
    /// Findings after suppressions and selection, sorted, each with its position.
    pub findings: Vec<Finding>,
    /// How many findings suppressions silenced.
    pub suppressed: usize,
    /// Where the snippets of each file that has a positioned finding come from (see
    /// [`SourceText`]).
    pub sources: HashMap<String, SourceText>,
    /// The root-relative file that repository-level findings are located on by formats that
    /// need a file (SARIF, GitHub): the root's `smslint.toml`, else its `README.md`, else none.
    pub anchor: Option<String>,
    /// The baseline file used (as given), `None` without `--baseline`.
    pub baseline: Option<String>,
    /// Findings the baseline covers: they do not count towards the verdict.
    pub baselined: Vec<Finding>,
    /// Whether formats show [`Outcome::baselined`] (`--show-baselined`).
    pub show_baselined: bool,
    /// When paths narrow the report: the index in `findings` where the repository-level
    /// findings (those on no reported file) begin; the findings on the files come first.
    pub repository_from: Option<usize>,
    /// With `--changed-since REF` (else `--suppressions-from REF`): the suppression comments
    /// the change adds (those the file at `REF` does not have, of the same kind with the same
    /// codes), for reviewers to see, in file and line order. `None` without either flag.
    pub added_suppressions: Option<Vec<AddedSuppression>>,
}

/// A suppression comment a change adds (see [`Outcome::added_suppressions`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AddedSuppression {
    /// The root-relative file.
    pub path: String,
    /// 1-based line of the comment.
    pub line: u32,
    /// 1-based column (in characters) of the comment.
    pub column: u32,
    /// `disable` (the whole file) or `disable-next-line`.
    pub kind: &'static str,
    /// The codes or names it lists, as written.
    pub codes: Vec<String>,
    /// Its reason (the text after ` -- `), when given.
    pub reason: Option<String>,
}

impl Outcome {
    /// Number of findings at `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    /// Whether any finding is at or above `level`.
    pub fn fails(&self, level: Severity) -> bool {
        self.findings.iter().any(|f| f.severity >= level)
    }
}

/// Where a file's snippets come from: only ever the bytes its findings were positioned in.
#[derive(Debug, Clone)]
pub enum SourceText {
    /// A small side file (the configuration, CODEOWNERS, the baseline): its text, kept.
    Kept(Arc<str>),
    /// A document, whose text was dropped once its facts were recorded: the fingerprint of its
    /// bytes. A format that shows snippets reads it again ([`crate::workspace::reread`]) and
    /// shows none when the file no longer has this fingerprint.
    Recorded(crate::workspace::Fingerprint),
}

/// An outcome with the configuration and packs it was judged by: what every format and the
/// gap analysis read (SARIF's rule metadata, the help address, clause titles).
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    /// The repository root (its folder name titles the reports).
    pub root: &'a std::path::Path,
    /// What the run produced.
    pub outcome: &'a Outcome,
    /// The configuration of the run.
    pub config: &'a Config,
    /// The packs of the run.
    pub packs: &'a Packs,
}

impl std::ops::Deref for Run<'_> {
    type Target = Outcome;

    fn deref(&self) -> &Outcome {
        self.outcome
    }
}
