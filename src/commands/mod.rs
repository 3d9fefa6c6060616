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
    smslint::dates::parse_date(text).map(Some).map_err(|e| {
        miette::miette!(
            help = "write the date as YYYY-MM-DD",
            "invalid --today (or SMSLINT_TODAY): {e}"
        )
    })
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
