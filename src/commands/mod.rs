//! The commands: one file each, holding what the command does between the parsed command
//! line and the exit status. Formatting lives in `smslint::output`; the run in
//! `smslint::app` and `smslint::lint`.

pub(crate) mod adopt;
pub(crate) mod baseline;
pub(crate) mod check;
pub(crate) mod clauses;
pub(crate) mod due;
pub(crate) mod explain;
pub(crate) mod init;
pub(crate) mod report;
pub(crate) mod rules;

use std::io::Write;

use miette::{IntoDiagnostic, WrapErr};

use smslint::app;
use smslint::outcome::Outcome;
use smslint::output;

/// Why a command refused what its command line asked, before or instead of running: typed, each
/// with the help a user needs (the library's own errors are in `smslint::error`).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[non_exhaustive]
pub(crate) enum UsageError {
    /// `--today` (or `SMSLINT_TODAY`) is not a date (the parser's reason).
    #[error("invalid --today (or SMSLINT_TODAY): {0}")]
    #[diagnostic(help("write the date as YYYY-MM-DD"))]
    Today(String),
    /// `--within` of `due` is not a duration (the parser's reason).
    #[error("invalid --within: {0}")]
    #[diagnostic(help("write e.g. `30d`, `6 weeks` or `3 months`"))]
    Within(String),
    /// More than one `--format` without a file of its own (where they would all go).
    #[error("only one `--format` can go to {0}")]
    #[diagnostic(help("give the others a file of their own: `--format sarif=smslint.sarif`"))]
    SharedOutput(String),
    /// `explain` of a key that names no code, kind, requirement or clause.
    #[error("nothing is called `{key}`")]
    UnknownKey {
        /// The key as given.
        key: String,
        /// The closest known key, or where to find them.
        #[help]
        help: String,
    },
    /// `adopt --write` where a configuration already exists (its name).
    #[error("`{0}` already exists; smslint adopt never overwrites it")]
    #[diagnostic(help("run `smslint adopt` without --write and merge the proposal into it by hand"))]
    ConfigExists(String),
    /// `smslint WORD` where WORD is no path but close to a subcommand's name.
    #[error("`{word}` is neither a command nor a path")]
    #[diagnostic(help("did you mean `smslint {command}`? `smslint --help` lists the commands"))]
    UnknownCommand {
        /// The word as given.
        word: String,
        /// The closest subcommand.
        command: String,
    },
    /// The repository holds no document the configuration's `include` patterns match.
    #[error("no Markdown documents found under `{path}` (include = {include})")]
    #[diagnostic(help(
        "point smslint at the folder of your policies, or set `include` in smslint.toml to the files that are documents"
    ))]
    NoDocuments {
        /// The repository root, as shown.
        path: String,
        /// The include patterns in effect.
        include: String,
    },
    /// The scaffold built into the binary does not load (a defect of the build, not of input).
    #[error("the built-in init scaffold is invalid: {0}")]
    Scaffold(String),
}

/// How a command that ran to its end went; `main` maps it to the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    /// Done; for `check`, nothing at or above `--fail-on`.
    Clean,
    /// `check` found something at or above `--fail-on`.
    Findings,
}

/// The date of the run from `--today` or, through clap, `SMSLINT_TODAY`; a blank value (an
/// exported but empty variable) means the current date.
pub(crate) fn today(arg: Option<&str>) -> miette::Result<Option<jiff::civil::Date>> {
    let Some(text) = arg.filter(|t| !t.trim().is_empty()) else {
        return Ok(None);
    };
    smslint::dates::parse_date(text)
        .map(Some)
        .map_err(|e| UsageError::Today(e).into())
}

/// Write `buf` to `--output` (through the one safe writer) or standard output.
pub(crate) fn write_output(
    target: Option<&std::path::Path>,
    root: &std::path::Path,
    buf: &[u8],
) -> miette::Result<()> {
    if let Some(path) = target {
        smslint::fsx::write_file(path, root, |w| w.write_all(buf))
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot write `{}`", output::sanitize(&path.to_string_lossy())))
    } else {
        let mut out = std::io::stdout().lock();
        out.write_all(buf).into_diagnostic()?;
        out.flush().into_diagnostic()
    }
}

pub(crate) fn run_repo(
    path: Option<&std::path::Path>,
    config: Option<&std::path::Path>,
    date: Option<&str>,
) -> miette::Result<(app::Loaded, Outcome)> {
    let loaded = app::load(&app::Options {
        paths: path.map(|p| vec![p.to_path_buf()]).unwrap_or_default(),
        config: config.map(std::path::Path::to_path_buf),
        today: today(date)?,
        select: Vec::new(),
        ignore: Vec::new(),
        ..app::Options::default()
    })?;
    let outcome = loaded.lint();
    Ok((loaded, outcome))
}
