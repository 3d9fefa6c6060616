//! Baseline entries that no longer match a finding, so the baseline file only ever shrinks.

use crate::baseline::{Baseline, Stale};
use crate::finding::Finding;

check_kind! {
    /// ## What it checks
    /// Only with `smslint check --baseline FILE`: an entry of the baseline file that matches
    /// fewer findings than it records (the finding was fixed, or its file was renamed or
    /// deleted). The finding points at the entry in the baseline file.
    ///
    /// An entry is matched by code, path and what the finding is about (the field, role, link
    /// target or requirement), never by line. Entries for files outside the reported paths, or
    /// for codes not selected in this run, are not judged.
    ///
    /// ## Why auditors care
    /// A baseline is a list of accepted, known gaps that are being worked off. An entry that
    /// outlives its gap would silently accept the same gap when it comes back; removing it
    /// keeps the list honest and lets it only shrink.
    ///
    /// ## How to fix
    /// Delete the entry (or lower its `count`), or write the baseline afresh with
    /// `smslint baseline --output FILE` and review the diff: it should only remove lines.
    ///
    /// ## Example
    /// The baseline records `SMS202` on `policies/access.md` for `owner`; the owner is added,
    /// so the entry is reported as stale until it is removed.
    KIND = "stale-baseline" {
        run: crate::checks::Scope::Stage;
        STALE_BASELINE_ENTRY: "SMS920" "stale-baseline-entry" Warning => "A baseline entry matches no current finding",
    }
}

/// One finding per stale entry. `file` is the baseline's repository-relative path, or `None`
/// when the baseline lies outside the repository (the finding is then repository-level).
pub fn check(baseline: &Baseline, stale: &[Stale], file: Option<&str>, out: &mut Vec<Finding>) {
    for s in stale {
        let e = &baseline.entries[s.entry];
        let what = match &e.path {
            Some(p) => format!("`{}` on `{p}`", e.code),
            None => format!("`{}` (repository-level)", e.code),
        };
        let message = if s.missing == e.count {
            format!("Baseline entry for {what} matches no finding any more: {}", e.key)
        } else {
            format!(
                "Baseline entry for {what} records {} findings, {} of which no longer occur: {}",
                e.count, s.missing, e.key
            )
        };
        let f = Finding::new(&STALE_BASELINE_ENTRY, message)
            .subject(format!("{} {} {}", e.code, e.path.as_deref().unwrap_or(""), e.key))
            .help(if s.missing == e.count {
                "Remove the entry from the baseline file (the finding was fixed), or rewrite it with `smslint baseline`"
            } else {
                "Lower the entry's `count`, or rewrite the baseline with `smslint baseline`"
            });
        out.push(match (file, baseline.spans.get(s.entry)) {
            (Some(p), Some(span)) if !span.is_empty() => f.at(p, span.clone()),
            (Some(p), _) => f.in_file(p),
            (None, _) => f,
        });
    }
}
