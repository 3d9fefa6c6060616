//! Include globs that match no document: a configuration that silently checks nothing.

use globset::Glob;

use super::Context;
use crate::finding::Finding;
use crate::index::Repo;

check_kind! {
    /// ## What it checks
    /// Every pattern written in `include` in `smslint.toml` should match at least one document
    /// of the repository. A pattern that matches nothing, usually a typo (`polices/**`) or a
    /// folder that moved, is reported at the pattern in the config file.
    ///
    /// - `glob-matches-nothing` (warning): an `include` pattern matches no file.
    ///
    /// ## Why auditors care
    /// A linter that checks nothing reports nothing. "0 errors" from a run that skipped the
    /// policies folder would be a false assurance, so smslint says which pattern found nothing.
    ///
    /// ## How to fix
    /// Correct the pattern, or remove it if the folder no longer exists. Patterns are matched
    /// against paths relative to the repository root, with `/` separators.
    ///
    /// ## Example
    /// Failing: `include = ["polices/**/*.md"]` when the folder is `policies/`. Passing:
    /// `include = ["policies/**/*.md"]`.
    KIND = "config-glob" {
        run: crate::checks::Scope::Repository(check);
        GLOB_MATCHES_NOTHING: "SMS908" "glob-matches-nothing" Warning => "An include pattern in smslint.toml matches no document",
    }
}

/// Report include patterns that match no document.
pub fn check(repo: &Repo, cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some((name, _)) = &cx.config.file else {
        return;
    };
    for (pattern, span) in &cx.config.include_written {
        let Ok(glob) = Glob::new(pattern) else {
            continue;
        };
        let m = glob.compile_matcher();
        if !repo.docs.iter().any(|d| m.is_match(&d.path)) {
            out.push(
                Finding::new(
                    &GLOB_MATCHES_NOTHING,
                    format!("`include` pattern `{pattern}` matches no document"),
                )
                .at(name, span.clone())
                .subject(pattern.clone())
                .help("Correct the pattern (paths are relative to the repository root), or remove it"),
            );
        }
    }
}
