//! `smslint rules`: every rule with its clause.

use std::io::Write;

use miette::IntoDiagnostic;

use smslint::{app, checks, output};

use super::Exit;
use crate::cli::{ListArgs, ListFormat};

pub(crate) fn run(a: &ListArgs) -> miette::Result<Exit> {
    let app::Setup { packs, .. } = app::Setup::here(None)?;
    let all = checks::rules();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match a.format {
        ListFormat::Json => output::rules::json(&all, &packs, &mut out),
        ListFormat::Human => output::rules::human(&all, &packs, &mut out),
    }
    .into_diagnostic()?;
    out.flush().into_diagnostic()?;
    Ok(Exit::Clean)
}
