//! `smslint explain`: the text of a code, a requirement, a checklist label or a clause.

use std::io::Write;

use miette::IntoDiagnostic;

use smslint::{app, explain, output};

use super::Exit;
use crate::cli::ExplainArgs;

pub(crate) fn run(a: &ExplainArgs) -> miette::Result<Exit> {
    let app::Setup { packs, .. } = app::Setup::here(a.config.as_deref())?;
    if let Some(item) = explain::lookup(&a.key, &packs) {
        let mut out = std::io::stdout().lock();
        // Pack text (titles, why, fix) comes from the repository: neutralised like documents.
        out.write_all(output::sanitize(&explain::text(&item, &packs)).as_bytes())
            .into_diagnostic()?;
        out.flush().into_diagnostic()?;
        Ok(Exit::Clean)
    } else {
        let names = explain::keys(&packs);
        let near = smslint::suggest::closest(&a.key, names.iter().map(String::as_str));
        Err(super::UsageError::UnknownKey {
            key: a.key.clone(),
            help: near.map_or_else(
                || "`smslint rules` lists every code".to_owned(),
                |n| format!("did you mean `{n}`?"),
            ),
        }
        .into())
    }
}
