//! Document ids used as references: `related:` and `supersedes:` lists and inline `[POL-001]`
//! references resolve to a document of the repository, and approved documents do not lean on
//! retired ones.

use std::ops::Range;

use super::{Context, field};
use crate::finding::Finding;
use crate::index::Repo;
use crate::suggest::closest;

check_kind! {
    /// ## What it checks
    /// - `unknown-document-id`: an id listed in `related:` or `supersedes:`, or written in
    ///   the text as `[POL-001]` (square brackets, not a link, matching
    ///   `[document-control] id-pattern`), is the id of no document of the repository.
    /// - `reference-to-retired-document` (warning): an approved document refers (through
    ///   `related:` or an inline reference) to a document whose status is retired.
    ///   `supersedes:` names retired documents by design and is exempt.
    ///
    /// ## Why auditors care
    /// Clause 7.5.3 asks that documented information be controlled and available. A reference
    /// to a document that does not exist, or that was withdrawn, sends readers to rules that
    /// no longer apply.
    ///
    /// ## How to fix
    /// Correct the id (the help names the closest existing one), or point at the document that
    /// replaced the retired one.
    ///
    /// ## Example
    /// Failing: `related: [PRO-099]` when no document has `id: PRO-099`; `See [POL-007].`
    /// in an approved policy when POL-007 is retired.
    KIND = "references" {
        run: crate::checks::Scope::Repository(check);
        UNKNOWN_DOCUMENT_ID: "SMS604" "unknown-document-id" Error => "A referenced document id does not exist",
        REFERENCE_TO_RETIRED_DOCUMENT: "SMS605" "reference-to-retired-document" Warning => "An approved document refers to a retired one",
    }
}

/// Check every document's id references.
pub fn check(repo: &Repo, cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut ids: Vec<&str> = repo.by_id.keys().map(String::as_str).collect();
    ids.sort_unstable();
    let is = |s: Option<&str>, want: &str| s.is_some_and(|s| s.eq_ignore_ascii_case(want));
    for (i, doc) in repo.docs.iter().enumerate() {
        let approved = is(repo.info[i].status_text(), &cx.config.doc.approved_status);
        let mut refs: Vec<(String, Range<usize>, &str)> = Vec::new();
        for name in ["related", "supersedes"] {
            if let Some(f) = field(doc, cx, name) {
                for item in f.value.items() {
                    if let Some(v) = item.as_str().map(str::trim).filter(|v| !v.is_empty()) {
                        refs.push((v.to_owned(), item.span.clone(), name));
                    }
                }
            }
        }
        for r in &doc.body.refs {
            let whole = cx
                .config
                .doc
                .id_pattern
                .find(&r.text)
                .is_some_and(|m| m.start() == 0 && m.end() == r.text.len());
            if whole {
                refs.push((r.text.clone(), r.span.clone(), "text"));
            }
        }
        for (id, span, via) in refs {
            let how = match via {
                "text" => "The text refers to".to_owned(),
                f => format!("`{}` names", cx.config.key(f)),
            };
            let Some(&target) = repo.by_id.get(&id).and_then(|v| v.first()) else {
                let help = match closest(&id, ids.iter().copied()) {
                    Some(c) => format!("Did you mean `{c}`?"),
                    None => "Use the `id` of a document of this repository".to_owned(),
                };
                out.push(
                    Finding::new(
                        &UNKNOWN_DOCUMENT_ID,
                        format!("{how} `{id}`, which is the id of no document"),
                    )
                    .at(&doc.path, span)
                    .subject(id.clone())
                    .help(help),
                );
                continue;
            };
            let retired = is(repo.info[target].status_text(), &cx.config.doc.retired_status);
            if approved && retired && via != "supersedes" && target != i {
                out.push(
                    Finding::new(
                        &REFERENCE_TO_RETIRED_DOCUMENT,
                        format!("{how} `{id}` ({}), which is retired", repo.docs[target].path),
                    )
                    .at(&doc.path, span)
                    .subject(id.clone())
                    .help("Refer to the document that replaced it, or list it under `supersedes:` if this document replaces it"),
                );
            }
        }
    }
}
