//! `smslint report`: the gap analysis as Markdown, HTML or JSON.

use miette::IntoDiagnostic;

use smslint::outcome::Run;
use smslint::output;

use super::Exit;
use crate::cli::{ReportArgs, ReportFormat};

pub(crate) fn run(a: &ReportArgs) -> miette::Result<Exit> {
    let (loaded, outcome) =
        super::run_repo(a.path.as_deref(), a.run.config.as_deref(), a.run.today.as_deref())?;
    let gap = smslint::gap::analyse(&Run {
        root: &loaded.setup.root,
        outcome: &outcome,
        config: &loaded.setup.config,
        packs: &loaded.setup.packs,
    });
    let mut buf = Vec::new();
    match a.format {
        ReportFormat::Md => output::report_md::write(&gap, &mut buf),
        ReportFormat::Html => output::report_html::write(&gap, &mut buf),
        ReportFormat::Json => output::report_json::write(&gap, &mut buf),
    }
    .into_diagnostic()?;
    super::write_output(a.output.as_deref(), &loaded.setup.root, &buf)?;
    Ok(Exit::Clean)
}
