//! `smslint clauses`: the clause tree of the loaded packs, the checklist labels, the mapping.

use std::io::Write;

use miette::IntoDiagnostic;

use smslint::{app, explain, output};

use super::Exit;
use crate::cli::{ClausesArgs, ListFormat};

pub(crate) fn run(a: &ClausesArgs) -> miette::Result<Exit> {
    let app::Setup { packs, .. } = app::Setup::here(a.config.as_deref())?;
    let mut out = std::io::stdout().lock();
    match a.format {
        ListFormat::Json => {
            let v = if a.labels {
                explain::labels_json(&packs)
            } else if a.mapping {
                explain::mapping_json(&packs)
            } else {
                explain::clauses_json(&packs)
            };
            serde_json::to_writer_pretty(&mut out, &v).into_diagnostic()?;
            writeln!(out).into_diagnostic()?;
        }
        ListFormat::Human => {
            let text = if a.labels {
                explain::labels_text(&packs)
            } else if a.mapping {
                explain::mapping_text(&packs)
            } else {
                explain::clauses_text(&packs)
            };
            out.write_all(output::sanitize(&text).as_bytes())
                .into_diagnostic()?;
        }
    }
    out.flush().into_diagnostic()?;
    Ok(Exit::Clean)
}
