//! Symbolic links in the repository: never followed, always said.

use super::Context;
use crate::document::{Document, InputProblem};
use crate::finding::Finding;

check_kind! {
    /// ## What it checks
    /// smslint walks the repository without following symbolic links, so a link can neither
    /// loop the walk forever nor pull a file from outside the repository into the evidence. A
    /// link whose name matches the `include` globs (a `policy.md` that is a link) is reported
    /// instead of being silently skipped, saying whether it points outside the repository.
    ///
    /// - `symlink-not-followed` (warning): a document-named path is a symbolic link and was not
    ///   checked.
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
        SYMLINK_NOT_FOLLOWED: "SMS907" "symlink-not-followed" Warning Some("7.5.3") => "A document path is a symbolic link and was not checked",
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
                .help("Put the document itself here, or exclude the path in smslint.toml"),
            );
        }
    }
}
