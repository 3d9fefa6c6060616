//! Document ids are unique across the repository.

use super::Context;
use crate::finding::Finding;
use crate::index::Repo;

check_kind! {
    /// ## What it checks
    /// No two documents share an `id`. Each copy is reported, pointing at its `id` value and
    /// naming the other files.
    ///
    /// ## Why auditors care
    /// References, registers and audit trails cite documents by id. Two documents with one id
    /// make every such reference ambiguous (clause 7.5.2: identification).
    ///
    /// ## How to fix
    /// Give one of the documents a new id, and update references to it.
    ///
    /// ## Example
    /// Failing: `policies/a.md` and `policies/b.md` both have `id: POL-001`.
    KIND = "duplicate-id" {
        run: crate::checks::Scope::Repository(check);
        DUPLICATE_ID: "SMS206" "duplicate-id" Error => "Two documents share an id",
    }
}

/// How many of the other documents with the same id a finding names.
const SHOWN: usize = 3;

/// Report every document whose id is shared.
pub fn check(repo: &Repo, _cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (id, idxs) in &repo.by_id {
        if idxs.len() < 2 {
            continue;
        }
        for &i in idxs {
            // At most a few others by name: listing every one in every finding would make
            // 5,000 documents with one id cost 25 million paths.
            let mut others: Vec<String> = idxs
                .iter()
                .filter(|&&j| j != i)
                .take(SHOWN)
                .map(|&j| format!("`{}`", repo.docs[j].path))
                .collect();
            if idxs.len() - 1 > SHOWN {
                others.push(format!("{} more", idxs.len() - 1 - SHOWN));
            }
            let Some((_, span)) = &repo.info[i].id else {
                continue;
            };
            out.push(
                Finding::new(
                    &DUPLICATE_ID,
                    format!("Id `{id}` is also used by {}", others.join(", ")),
                )
                .at(&repo.docs[i].path, span.clone())
                .subject(id.clone())
                .help("Give each document its own id"),
            );
        }
    }
}
