//! The errors that stop a check run before it starts, as typed diagnostics: why a run cannot
//! start ([`RunError`]) and an error inside a configuration or pack file ([`ConfigError`], with
//! its span; the baseline has its own, [`crate::baseline::BaselineError`]). Below both the
//! configuration and the packs, so that each reports into its file without the other.

use std::sync::Arc;

use miette::{Diagnostic, SourceSpan};

/// Why a run could not start.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[non_exhaustive]
pub enum RunError {
    /// The working directory cannot be read.
    #[error("cannot read the working directory: {0}")]
    WorkingDir(std::io::Error),
    /// A path given to check does not exist (the path, neutralised for the terminal).
    #[error("path `{0}` does not exist")]
    MissingPath(String),
    /// The paths given lie in different repositories (one `path (root …)` line each).
    #[error("the paths belong to different repository roots:\n{0}")]
    #[diagnostic(help(
        "check each repository on its own; a configuration in a sub-folder makes that folder a repository root"
    ))]
    DifferentRoots(String),
    /// A selected or ignored rule that no check kind declares.
    #[error("unknown rule `{0}`")]
    #[diagnostic(help("`smslint rules` lists every code and name"))]
    UnknownRule(String),
}

/// Why `git` could not answer `--changed-since` or `--suppressions-from`.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[non_exhaustive]
pub enum GitError {
    /// `git` could not be started.
    #[error("`--changed-since` cannot run `git`: {0}")]
    #[diagnostic(help("install git, or give the files to check as arguments instead"))]
    NotRunnable(std::io::Error),
    /// A git command failed (the command as shown, git's trimmed standard error).
    #[error("`{command}` failed: {why}")]
    Failed {
        /// The command, `git diff-index main`.
        command: String,
        /// What git said.
        why: String,
    },
    /// The folder is not inside a git working tree.
    #[error(
        "`--changed-since` and `--suppressions-from` need a git repository, and `{root}` is not in one ({why})"
    )]
    #[diagnostic(help("run smslint inside a git working tree, or give the files to check as arguments"))]
    NotARepository {
        /// The folder, as shown.
        root: String,
        /// What git said.
        why: String,
    },
    /// The ref is empty or starts with `-` (it would be read as an option).
    #[error("expected a git ref, got `{0}`")]
    NotARef(String),
    /// The ref names no commit of the repository.
    #[error("unknown git ref `{0}`")]
    #[diagnostic(help(
        "fetch the ref first (`git fetch origin main`), or name a branch, tag or commit that exists here"
    ))]
    UnknownRef(String),
}

/// A configuration or pack error, shown with a label inside the offending file. Boxed: errors
/// are rare and the happy path should not carry their size.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error(transparent)]
#[diagnostic(transparent)]
pub struct ConfigError(Box<ConfigErrorInner>);

#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(smslint::config))]
struct ConfigErrorInner {
    message: String,
    #[source_code]
    src: Option<crate::snippet::Snippet>,
    /// The label, inside the snippet.
    #[label("{label}")]
    at: Option<SourceSpan>,
    /// Where the error points in the whole file.
    full: Option<SourceSpan>,
    label: String,
    #[help]
    help: Option<String>,
    /// The other errors found in the same file, after this one.
    #[related]
    also: Vec<ConfigError>,
}

impl ConfigError {
    /// An error at `span` inside the file `name` with text `src`.
    pub fn at(
        name: &str,
        src: &Arc<str>,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        // The file may come from a pull request: the snippet neutralises its control
        // characters and shows only a window of a long line.
        let ix = crate::line_index::LineIndex::new(src);
        let start = crate::line_index::floor_char(src, span.start);
        let end = crate::line_index::floor_char(src, span.end.max(start));
        let (line, column) = ix.line_col(start);
        let (end_line, end_column) = ix.line_col(end);
        let pos = crate::line_index::Position {
            line,
            column,
            end_line,
            end_column,
        };
        let snippet = crate::snippet::Snippet::new(name, src, start..end, pos);
        let at = snippet.label.clone();
        Self(Box::new(ConfigErrorInner {
            message: crate::neutral::sanitize(&message.into()).into_owned(),
            src: Some(snippet),
            at: Some(at.into()),
            full: Some(span.into()),
            label: crate::neutral::sanitize(&label.into()).into_owned(),
            help: None,
            also: Vec::new(),
        }))
    }

    /// An error with no file to point into.
    pub fn plain(message: impl Into<String>) -> Self {
        Self(Box::new(ConfigErrorInner {
            message: crate::neutral::sanitize(&message.into()).into_owned(),
            src: None,
            at: None,
            full: None,
            label: String::new(),
            help: None,
            also: Vec::new(),
        }))
    }

    /// Every error found in one file as one: the first in the file, with the others after it
    /// (in the order of the file; errors without a place last). `None` when there is none.
    pub fn collected(mut errors: Vec<ConfigError>) -> Option<Self> {
        errors.sort_by_key(|e| e.span().map_or(usize::MAX, |s| s.offset()));
        let mut errors = errors.into_iter();
        let mut first = errors.next()?;
        first.0.also.extend(errors);
        Some(first)
    }

    /// The other errors found in the same file (see [`ConfigError::collected`]).
    pub fn others(&self) -> &[ConfigError] {
        &self.0.also
    }

    /// Add help text.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.0.help = Some(help.into());
        self
    }

    /// The error message.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// Where the error points, if anywhere.
    pub fn span(&self) -> Option<SourceSpan> {
        self.0.full
    }

    /// A TOML syntax or schema error from the parser.
    pub fn toml(name: &str, src: &Arc<str>, err: &toml::de::Error) -> Self {
        let span = err.span().unwrap_or(0..0);
        Self::at(
            name,
            src,
            span,
            format!("invalid `{name}`"),
            err.message().trim().to_owned(),
        )
    }
}
