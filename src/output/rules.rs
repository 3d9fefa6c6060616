//! `smslint rules`: the rule table, for people or as JSON. The clause of a code is the packs'
//! (and the configuration's `[codes]`), as for `explain`.

use std::io::{self, Write};

use crate::checks::Rule;
use crate::pack::Packs;

/// One line per rule: code, name, severity, clause (`-` when none) and summary.
pub fn human(rules: &[&Rule], packs: &Packs, out: &mut dyn Write) -> io::Result<()> {
    for r in rules {
        writeln!(
            out,
            "{:<7} {:<32} {:<8} {:<8} {}",
            r.code,
            r.name,
            r.severity.as_str(),
            packs.clause_of_code(r.code).unwrap_or("-"),
            r.summary
        )?;
    }
    Ok(())
}

/// The rules as a pretty JSON array.
pub fn json(rules: &[&Rule], packs: &Packs, out: &mut dyn Write) -> io::Result<()> {
    let items: Vec<_> = rules
        .iter()
        .map(|r| {
            serde_json::json!({
                "code": r.code, "name": r.name, "severity": r.severity,
                "clause": packs.clause_of_code(r.code), "summary": r.summary, "kind": r.kind,
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)
}
