//! `smslint due`: reviews overdue or due within a window, as a list or an iCalendar file.

use miette::IntoDiagnostic;

use smslint::{checks, output};

use super::Exit;
use crate::cli::{DueArgs, DueFailOn, DueFormat};

pub(crate) fn run(a: &DueArgs) -> miette::Result<Exit> {
    let within = smslint::dates::Duration::parse(&a.within).map_err(super::UsageError::Within)?;
    let (loaded, report) =
        super::run_repo(a.path.as_deref(), a.run.config.as_deref(), a.run.today.as_deref())?;
    let cx = checks::Context::new(&loaded.setup.config, &loaded.setup.packs, report.today);
    let all = smslint::calendar::reviews(&report.repo, &cx);
    let due = smslint::calendar::due(&all, report.today, within, a.owner.as_deref(), &report.repo.roles);
    let until = within.add_to(report.today).unwrap_or(report.today);
    let mut buf = Vec::new();
    match a.format {
        DueFormat::Human => output::due::human(&due, report.today, until, &mut buf),
        DueFormat::Json => output::due::json(&due, report.today, until, &mut buf),
        DueFormat::Ics => {
            let folder = loaded
                .setup
                .root
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let name = match &a.owner {
                Some(o) => format!("SMS reviews: {folder} ({o})"),
                None => format!("SMS reviews: {folder}"),
            };
            output::ics::write(&due, report.today, &name, &mut buf)
        }
    }
    .into_diagnostic()?;
    super::write_output(a.output.as_deref(), &loaded.setup.root, &buf)?;
    let fails = match a.fail_on {
        None => false,
        Some(DueFailOn::Overdue) => due.iter().any(|r| r.overdue),
        Some(DueFailOn::DueSoon) => !due.is_empty(),
    };
    Ok(if fails { Exit::Findings } else { Exit::Clean })
}
