//! `smslint check`: load the workspace, lint it, write each requested format.

use std::io::{IsTerminal, Write};

use miette::{IntoDiagnostic, WrapErr};

use smslint::app;
use smslint::outcome::Run;
use smslint::output::{self, Style};

use super::Exit;
use crate::cli::{CheckArgs, Color};

/// `smslint chek`: a lone word that is no existing path but close to a subcommand's name is a
/// mistyped command, not a missing folder.
fn mistyped_command(a: &CheckArgs) -> Option<super::UsageError> {
    let [word] = a.paths.as_slice() else {
        return None;
    };
    if smslint::fsx::exists(word) || word.components().count() != 1 {
        return None;
    }
    let word = word.to_str()?;
    let cli = <crate::cli::Cli as clap::CommandFactory>::command();
    let command = smslint::suggest::closest(word, cli.get_subcommands().map(clap::Command::get_name))?;
    Some(super::UsageError::UnknownCommand {
        word: output::sanitize_line(word).into_owned(),
        command: command.to_owned(),
    })
}

pub(crate) fn run(a: &CheckArgs) -> miette::Result<Exit> {
    if let Some(e) = mistyped_command(a) {
        return Err(e.into());
    }
    let opts = app::Options {
        paths: a.paths.clone(),
        config: a.run.config.clone(),
        config_from: a.config_from.clone(),
        today: super::today(a.run.today.as_deref())?,
        select: a.select.clone(),
        ignore: a.ignore.clone(),
        changed_since: a.changed_since.clone(),
        suppressions_from: a.suppressions_from.clone(),
        max_findings_per_file: Some(a.max_findings_per_file),
        baseline: a.baseline.clone(),
        show_baselined: a.show_baselined,
        no_repository_findings: a.no_repository_findings,
        // The outputs of `check` read findings, not documents.
        retain_for_checks: true,
        cache: a.cache_folder(),
    };
    let mut targets = if a.format.is_empty() {
        vec![output::Target {
            format: output::Format::Human,
            file: None,
        }]
    } else {
        a.format.clone()
    };
    if targets.iter().filter(|t| t.file.is_none()).count() > 1 {
        return Err(super::UsageError::SharedOutput(
            a.output
                .as_ref()
                .map_or_else(|| "standard output".to_owned(), |p| format!("`{}`", p.display())),
        )
        .into());
    }
    for t in &mut targets {
        if t.file.is_none() {
            t.file.clone_from(&a.output);
        }
    }
    let (setup, outcome) = app::load(&opts)?.into_outcome();
    if outcome.repo.docs.is_empty() {
        let include: Vec<String> = setup.config.include.iter().map(|p| format!("{p:?}")).collect();
        return Err(super::UsageError::NoDocuments {
            path: output::sanitize_line(
                &a.paths
                    .first()
                    .map_or_else(|| ".".into(), |p| p.to_string_lossy()),
            )
            .into_owned(),
            include: format!("[{}]", output::sanitize_line(&include.join(", "))),
        }
        .into());
    }
    let report = Run {
        root: &setup.root,
        outcome: &outcome,
        config: &setup.config,
        packs: &setup.packs,
    };
    let root = &setup.root;
    for t in &targets {
        let to_terminal = t.file.is_none() && std::io::stdout().is_terminal();
        let color = match a.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        };
        let width = if to_terminal { terminal_width() } else { 100 };
        let style = Style {
            color,
            quiet: a.quiet,
            width,
            verbose: a.verbose,
            repository_annotations: a.max_repository_annotations,
        };
        if a.statistics && t.file.is_none() {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            output::statistics(&report, &mut out).into_diagnostic()?;
            out.flush().into_diagnostic()?;
            continue;
        }
        // Each format streams into its target: a file through the one safe writer (never
        // through a link), or standard output.
        let emit = |w: &mut dyn Write| output::emit(t.format, &report, style, w);
        if let Some(path) = &t.file {
            smslint::fsx::write_file(path, root, emit)
                .into_diagnostic()
                .wrap_err_with(|| format!("cannot write `{}`", output::sanitize(&path.to_string_lossy())))?;
        } else {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            emit(&mut out).into_diagnostic()?;
            out.flush().into_diagnostic()?;
        }
    }
    Ok(if !a.exit_zero && report.fails(a.fail_on.severity()) {
        Exit::Findings
    } else {
        Exit::Clean
    })
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}
