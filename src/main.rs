//! The `smslint` binary: parse the command line, run the command, print an error once, and
//! map the result to the exit status.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};
use commands::Exit;

/// Exit status: the command ran, and `check` found nothing at or above `--fail-on`.
const EXIT_CLEAN: u8 = 0;
/// Exit status: `check` found something at or above `--fail-on`.
const EXIT_FINDINGS: u8 = 1;
/// Exit status: the command could not run (bad arguments, configuration or pack, I/O).
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => commands::check::run(&cli.check),
        Some(Command::Check(ref a)) => commands::check::run(a),
        Some(Command::Rules(ref a)) => commands::rules::run(a),
        Some(Command::Explain(ref a)) => commands::explain::run(a),
        Some(Command::Clauses(ref a)) => commands::clauses::run(a),
        Some(Command::Report(ref a)) => commands::report::run(a),
        Some(Command::Due(ref a)) => commands::due::run(a),
        Some(Command::Init(ref a)) => commands::init::run(a),
        Some(Command::Baseline(ref a)) => commands::baseline::run(a),
        Some(Command::Adopt(ref a)) => commands::adopt::run(a),
    };
    ExitCode::from(match result {
        Ok(Exit::Clean) => EXIT_CLEAN,
        Ok(Exit::Findings) => EXIT_FINDINGS,
        Err(report) if is_broken_pipe(&report) => EXIT_CLEAN,
        Err(report) => {
            #[allow(clippy::print_stderr)] // the binary's one place that reports an error
            {
                eprintln!("{report:?}");
            }
            EXIT_ERROR
        }
    })
}

/// Whether the run failed only because standard output was closed early (`smslint rules |
/// head -1`): that is a quiet success, as in ripgrep. `into_diagnostic` hides the
/// `io::Error`'s type, so its text is compared too.
fn is_broken_pipe(report: &miette::Report) -> bool {
    #[cfg(unix)]
    let epipe = std::io::Error::from_raw_os_error(libc::EPIPE).to_string();
    #[cfg(not(unix))]
    let epipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe).to_string();
    report.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || e.to_string() == epipe
    })
}
