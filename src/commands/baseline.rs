//! `smslint baseline`: record the current findings in a baseline file.

use std::io::Write;

use miette::{IntoDiagnostic, WrapErr};

use smslint::app;
use smslint::output;

use super::Exit;
use crate::cli::BaselineArgs;

pub(crate) fn run(a: &BaselineArgs) -> miette::Result<Exit> {
    let loaded = app::load(&app::Options {
        paths: a.paths.clone(),
        config: a.run.config.clone(),
        today: super::today(a.run.today.as_deref())?,
        ..app::Options::default()
    })?;
    let report = loaded.lint();
    let root = &loaded.setup.root;
    let baseline = smslint::baseline::from_findings(&report.findings);
    let file = a
        .output
        .clone()
        .unwrap_or_else(|| root.join(smslint::baseline::DEFAULT_FILE));
    let text = smslint::baseline::render(&baseline);
    smslint::fsx::write_file(&file, root, |w| w.write_all(text.as_bytes()))
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot write the baseline `{}`", file.display()))?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "Wrote {} findings ({} entries) to {}",
        report.findings.len(),
        baseline.entries.len(),
        output::sanitize(&file.display().to_string())
    )
    .into_diagnostic()?;
    Ok(Exit::Clean)
}
