//! The errors that stop a check run before it starts, as typed diagnostics (configuration,
//! pack and baseline files have their own, with spans: [`crate::config::ConfigError`],
//! [`crate::baseline::BaselineError`]).

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
