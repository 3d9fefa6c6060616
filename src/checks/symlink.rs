//! Symbolic links in the repository: never followed, always said.

use super::Context;
use crate::document::Link;
use crate::document::{Document, InputProblem};
use crate::finding::Finding;
use crate::index::Repo;

check_kind! {
    /// ## What it checks
    /// smslint walks the repository without following symbolic links, so a link can neither
    /// loop the walk forever nor pull a file from outside the repository into the evidence. A
    /// link whose name matches the `include` globs (a `policy.md` that is a link) is reported
    /// instead of being silently skipped, saying whether it points outside the repository.
    ///
    /// - `symlink-not-followed` (error): a document-named path is a symbolic link and was not
    ///   checked. It is an error because the gate cannot vouch for a document it did not read: a
    ///   pull request that replaces a failing document by a link to a hidden copy must not pass.
    /// - `link-to-symlink` (warning): a relative link points at a symbolic link, or into a
    ///   folder that is one; its target is not checked (broken or missing anchors in it are
    ///   not seen).
    ///
    /// ## Why auditors care
    /// Evidence must be the document under change control in this repository. A link to a
    /// file elsewhere shows content that the repository's history does not record, and a
    /// pull request could use one to make smslint read files on the CI machine.
    ///
    /// ## How to fix
    /// Replace the link with the document itself (copy it into the repository), or exclude the
    /// path in `smslint.toml` if it is not evidence.
    ///
    /// ## Example
    /// Failing: `policies/security.md -> ../../shared/security.md`. Passing: a regular file
    /// `policies/security.md`.
    KIND = "symlink" {
        run: crate::checks::Scope::Input(check);
        SYMLINK_NOT_FOLLOWED: "SMS907" "symlink-not-followed" Error => "A document path is a symbolic link and was not checked",
        LINK_TO_SYMLINK: "SMS909" "link-to-symlink" Warning => "A link points at or through a symbolic link, which is not followed",
    }
}

/// Report a document path that is a symbolic link.
pub fn check(doc: &Document, _cx: &Context<'_>, out: &mut Vec<Finding>) {
    for p in &doc.problems {
        if let InputProblem::Symlink { outside } = p {
            let whither = match outside {
                Some(true) => "to a path outside the repository",
                Some(false) => "to a path inside the repository",
                None => "that does not resolve (dangling or a loop)",
            };
            out.push(
                Finding::new(
                    &SYMLINK_NOT_FOLLOWED,
                    format!("The path is a symbolic link {whither}; smslint does not follow links, so it was not checked"),
                )
                .in_file(&doc.path)
                .subject(whither)
                .help("Put the document itself here, or exclude the path in smslint.toml"),
            );
        }
    }
}

/// Report a link whose resolved, repository-relative target is a symbolic link or lies under
/// one. Called by the link check for every relative link.
pub fn check_link(repo: &Repo, doc: &Document, link: &Link, resolved: &str, out: &mut Vec<Finding>) {
    if repo.symlinks.is_empty() {
        return;
    }
    let mut prefix = resolved;
    let hit = loop {
        if repo.symlinks.contains(prefix) {
            break Some(prefix);
        }
        match prefix.rsplit_once('/') {
            Some((head, _)) => prefix = head,
            None => break None,
        }
    };
    if let Some(l) = hit {
        out.push(
            Finding::new(
                &LINK_TO_SYMLINK,
                format!("The link leads through `{l}`, a symbolic link that smslint does not follow; its target is not checked"),
            )
            .at(&doc.path, link.span.clone())
            .subject(link.dest.trim())
            .help("Link to the document itself, inside the repository"),
        );
    }
}
