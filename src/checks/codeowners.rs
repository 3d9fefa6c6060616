//! Who may change what decides the verdict: CODEOWNERS must cover the CI workflows, the
//! configuration and the rule packs.

use std::ops::Range;

use globset::{GlobBuilder, GlobMatcher};

use super::Context;
use crate::finding::Finding;
use crate::index::Repo;
pub use crate::workspace::{CODEOWNERS_LOCATIONS as LOCATIONS, CodeownersFacts as Facts};

check_kind! {
    /// ## What it checks
    /// In a repository hosted with GitHub (it has a `.github/` folder or a CODEOWNERS file):
    ///
    /// - `codeowners-missing` (SMS701): there is no CODEOWNERS file (`.github/CODEOWNERS`,
    ///   `CODEOWNERS` or `docs/CODEOWNERS`).
    /// - `codeowners-gap` (SMS702): CODEOWNERS gives no owner to a path that decides what
    ///   smslint reports: the `.github/` folder (workflows), `smslint.toml` and the rule packs
    ///   (`rules/` and every local pack named in the configuration). The finding points at the
    ///   rule that leaves the path unowned, or at the end of the file where a rule should go.
    ///
    /// Patterns are read as GitHub reads them: the last matching line wins, and a line with a
    /// pattern but no owner removes ownership.
    ///
    /// ## Why auditors care
    /// Clause 7.5.3 asks that changes to documented information are controlled. When a pull
    /// request can edit the workflow, the configuration or the packs without a named reviewer,
    /// it can switch the checks off and approve itself: the evidence the linter gives is only as
    /// strong as the review of those files. Branch protection with required review from code
    /// owners is the real control; smslint checks that the owners are named.
    ///
    /// ## How to fix
    /// Add lines to CODEOWNERS that name the people accountable for the SMS, and turn on
    /// "Require review from Code Owners" in the branch protection of the default branch.
    ///
    /// ## Example
    /// Failing: `.github/CODEOWNERS` holds only `policies/ @sms-owners`.
    /// Passing:
    /// ```text
    /// *               @sms-owners
    /// /.github/       @sms-admins
    /// /smslint.toml   @sms-admins
    /// /rules/         @sms-admins
    /// ```
    KIND = "codeowners" {
        run: crate::checks::Scope::Repository(check);
        CODEOWNERS_MISSING: "SMS701" "codeowners-missing" Warning => "The repository has no CODEOWNERS file",
        CODEOWNERS_GAP: "SMS702" "codeowners-gap" Warning => "CODEOWNERS gives no owner to the workflows, the configuration or the packs",
    }
}

/// One parsed CODEOWNERS line.
struct Line {
    matcher: Vec<GlobMatcher>,
    owned: bool,
    span: Range<usize>,
}

/// Turn a CODEOWNERS pattern into globs (gitignore-like rules).
fn globs(pattern: &str) -> Vec<String> {
    let dir_only = pattern.ends_with('/');
    let p = pattern.trim_end_matches('/');
    if p.is_empty() || p == "*" && !dir_only {
        return vec!["**".to_owned()];
    }
    let anchored = p.starts_with('/') || p.contains('/');
    let p = p.trim_start_matches('/');
    let base = if anchored || p.starts_with("**") {
        p.to_owned()
    } else {
        format!("**/{p}")
    };
    // A name also owns everything below it; a last segment with `*` matches names at that
    // level only (GitHub: `docs/*` owns `docs/a.md`, not `docs/sub/b.md`).
    let last_has_star = p.rsplit('/').next().is_some_and(|l| l.contains('*'));
    if dir_only {
        vec![format!("{base}/**")]
    } else if last_has_star {
        vec![base]
    } else {
        vec![base.clone(), format!("{base}/**")]
    }
}

fn parse(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let content = raw.trim_end_matches(['\n', '\r']);
        let content = match content.find(" #") {
            Some(i) => &content[..i],
            None => content,
        };
        let trimmed = content.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let mut parts = trimmed.split_whitespace();
        let Some(pattern) = parts.next() else {
            continue;
        };
        let owned = parts.next().is_some();
        let matcher: Vec<GlobMatcher> = globs(pattern)
            .iter()
            .filter_map(|g| GlobBuilder::new(g).literal_separator(true).build().ok())
            .map(|g| g.compile_matcher())
            .collect();
        if matcher.is_empty() {
            continue;
        }
        let lead = content.len() - content.trim_start().len();
        lines.push(Line {
            matcher,
            owned,
            span: start + lead..start + lead + pattern.len(),
        });
    }
    lines
}

/// Report a missing CODEOWNERS file or every protected path it leaves unowned.
pub fn check(repo: &Repo, _cx: &Context<'_>, out: &mut Vec<Finding>) {
    let facts = &repo.codeowners;
    if let Some((path, why)) = &facts.refused {
        out.push(
            Finding::new(
                &CODEOWNERS_MISSING,
                format!("`{path}` {why}; it was not read, so CODEOWNERS names no owner for the workflows, `smslint.toml` or the rule packs"),
            )
            .in_file(path)
            .subject(path.clone())
            .help("Make CODEOWNERS a regular file in the repository"),
        );
        return;
    }
    let Some((path, text)) = &facts.file else {
        if facts.github {
            out.push(
                Finding::new(
                    &CODEOWNERS_MISSING,
                    "The repository has a `.github/` folder but no CODEOWNERS file, so nobody is required to review changes to the workflows, `smslint.toml` or the rule packs",
                )
                .help("Create `.github/CODEOWNERS` naming owners for `/.github/`, `/smslint.toml` and `/rules/`, and require code-owner review in branch protection"),
            );
        }
        return;
    };
    let lines = parse(text);
    let mut reported: Vec<&str> = Vec::new();
    for (name, sample) in &facts.protected {
        if reported.contains(&name.as_str()) {
            continue;
        }
        let last = lines
            .iter()
            .rev()
            .find(|l| l.matcher.iter().any(|m| m.is_match(sample)));
        let (span, why) = match last {
            Some(l) if l.owned => continue,
            Some(l) => (l.span.clone(), "this rule matches it and names no owner"),
            None => (text.len()..text.len(), "no rule matches it"),
        };
        reported.push(name);
        out.push(
            Finding::new(
                &CODEOWNERS_GAP,
                format!("CODEOWNERS gives `{name}` no owner: {why}"),
            )
            .at(path, span)
            .subject(name.clone())
            .help(format!(
                "Add a line such as `/{name} @your-sms-admins` at the end of `{path}`"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn owner(text: &str, path: &str) -> Option<bool> {
        parse(text)
            .iter()
            .rev()
            .find(|l| l.matcher.iter().any(|m| m.is_match(path)))
            .map(|l| l.owned)
    }

    #[test]
    fn patterns_follow_github() {
        assert_eq!(owner("* @a\n", ".github/workflows/ci.yml"), Some(true));
        assert_eq!(owner("/.github/ @a\n", ".github/workflows/ci.yml"), Some(true));
        assert_eq!(owner(".github/ @a\n", ".github/CODEOWNERS"), Some(true));
        assert_eq!(owner("rules/ @a\n", "rules/x/pack.toml"), Some(true));
        assert_eq!(owner("/rules/* @a\n", "rules/x/pack.toml"), None);
        assert_eq!(owner("smslint.toml @a\n", "smslint.toml"), Some(true));
        assert_eq!(owner("*.toml @a\n", "rules/x/pack.toml"), Some(true));
        assert_eq!(owner("* @a\n/rules/\n", "rules/pack.toml"), Some(false));
        assert_eq!(owner("# * @a\n", "smslint.toml"), None);
        assert_eq!(owner("/docs/ @a # inline\n", "smslint.toml"), None);
        assert_eq!(owner("[broken @a\n", "smslint.toml"), None);
    }
}
