//! Input problems: files that cannot be read, decoded, split or parsed.

use super::Context;
use crate::document::{Document, InputProblem};
use crate::finding::Finding;

check_kind! {
    /// ## What it checks
    /// Every file matched as a document is read, decoded as UTF-8 and split into front-matter
    /// and body. A file that fails any step becomes a finding on that file, and the run goes on
    /// with every other document.
    ///
    /// - `unreadable-file`: the file or its folder could not be read (permissions, I/O error).
    /// - `not-utf8`: the bytes are not UTF-8 (UTF-16 files are named as such).
    /// - `malformed-front-matter`: the `---` block is never closed, has a YAML syntax error
    ///   (pointed at its exact position), is not a mapping, nests too deeply or expands aliases
    ///   beyond a fixed budget.
    /// - `file-too-large`: the file exceeds `max-file-size` (default 10 MiB) and is not parsed.
    ///
    /// ## Why auditors care
    /// A document that cannot be read is not evidence. smslint says so instead of silently
    /// skipping it, so a gap is never hidden by a broken file.
    ///
    /// ## How to fix
    /// Save the file as UTF-8, close the front-matter with a `---` line, fix the YAML at the
    /// position shown, or raise `max-file-size` in `smslint.toml` if the file is meant to be
    /// that large.
    ///
    /// ## Example
    /// Failing: a file that starts with `---` and `title: [unclosed` and never closes.
    /// Passing: `---`, `title: Policy`, `---`, then the body.
    KIND = "input" {
        run: crate::checks::Scope::Input(check);
        UNREADABLE_FILE: "SMS901" "unreadable-file" Error => "A document could not be read",
        NOT_UTF8: "SMS902" "not-utf8" Error => "A document is not valid UTF-8",
        MALFORMED_FRONT_MATTER: "SMS903" "malformed-front-matter" Error => "The front-matter block cannot be parsed",
        FILE_TOO_LARGE: "SMS904" "file-too-large" Error => "A document exceeds max-file-size and was not parsed",
    }
}

/// Report a document's input problems.
pub fn check(doc: &Document, _cx: &Context<'_>, out: &mut Vec<Finding>) {
    for p in &doc.problems {
        let f = match p {
            InputProblem::Symlink { .. } => continue,
            InputProblem::Unreadable(why) => Finding::new(&UNREADABLE_FILE, format!("Cannot read the file: {why}"))
                .in_file(&doc.path)
                .help("Check the file's permissions; smslint needs read access to every document"),
            InputProblem::NotUtf8(why) => Finding::new(&NOT_UTF8, format!("The file is not UTF-8: {why}"))
                .in_file(&doc.path)
                .help("Re-save the file as UTF-8"),
            InputProblem::TooLarge { size, limit } => Finding::new(
                &FILE_TOO_LARGE,
                format!("The file is {size} bytes, over the {limit}-byte limit, and was not checked"),
            )
            .in_file(&doc.path)
            .subject("size")
            .help("Split the document, or raise `max-file-size` in smslint.toml"),
            InputProblem::MalformedFrontMatter { message, span } => {
                Finding::new(&MALFORMED_FRONT_MATTER, message.clone())
                    .at(&doc.path, span.clone())
                    .help("Fix the YAML between the `---` lines; values that contain `:` or start with `[` or `*` need quotes")
            }
        };
        out.push(f);
    }
}
