//! Clause coverage: every process clause a pack lists is named by an approved process,
//! procedure or policy. Pure: reads the repository index and the packs.

use super::Context;
use super::required_document::counts_status;
use crate::finding::Finding;
use crate::index::Repo;
use crate::pack::is_same_or_sub_clause;

check_kind! {
    /// ## What it checks
    /// The pack's coverage rules (`[[coverage]]`; the built-in pack lists every process of
    /// clause 8, from 8.1 to 8.7.3) need, for each clause, at least one approved document of
    /// an accepted type (process, procedure or policy) whose `clauses:` names the clause or
    /// one of its sub-clauses. Naming `8.5.1.1` covers `8.5.1`; naming `8.5` covers neither
    /// `8.5.1` nor `8.5.2`. Plans, registers and records do not count: they are the outputs of
    /// a process, not its description.
    ///
    /// ## Why auditors care
    /// Auditors walk clause 8 process by process and ask for each one how it is run. A process
    /// with no approved description is a nonconformity, even when the team runs it well.
    ///
    /// ## How to fix
    /// Write (or extend) a process, procedure or policy for the clause, list the clause in
    /// its `clauses:` and have it approved.
    ///
    /// ## Example
    /// Failing: the only document naming 8.4.3 is a capacity plan (`type: plan`). Passing: a
    /// `type: process` document *Capacity management* with `clauses: ["8.4.3"]`.
    KIND = "clause-coverage" {
        run: crate::checks::Scope::Repository(check);
        CLAUSE_NOT_COVERED: "SMS103" "clause-process-not-covered" Error => "A process of the standard is named by no approved process, procedure or policy",
    }
}

/// Check every coverage rule of every pack.
///
/// A document that states neither `clauses` nor `satisfies` covers a clause when its title
/// names the clause's title (`Incident Management Procedure` covers 8.6.1 Incident management)
/// or the title of one of its sub-clauses.
pub fn check(repo: &Repo, cx: &Context<'_>, out: &mut Vec<Finding>) {
    for cov in cx.packs.coverage() {
        for clause in &cov.clauses {
            let covered = repo.info.iter().any(|inf| {
                inf.doc_type
                    .as_deref()
                    .is_some_and(|t| cov.types.iter().any(|x| x.eq_ignore_ascii_case(t)))
                    && counts_status(inf.status_text(), cx)
                    && (inf
                        .clauses
                        .iter()
                        .any(|(c, _)| is_same_or_sub_clause(c.trim(), clause))
                        || (inf.clauses.is_empty()
                            && inf.satisfies.is_empty()
                            && named_by_title_in(cx.packs, inf.title.as_deref(), clause)))
            });
            if covered {
                continue;
            }
            let title = cx
                .packs
                .clause(clause)
                .map(|c| format!(" {}", c.title))
                .unwrap_or_default();
            out.push(
                Finding::new(
                    &CLAUSE_NOT_COVERED,
                    format!(
                        "{} {clause}{title} is named by no approved document of type {}",
                        cov.title,
                        cov.types.join(", ")
                    ),
                )
                .clause(clause.clone())
                .subject(clause.clone())
                .severity(cov.severity)
                .help(format!("{} ({clause})", cov.fix.trim_end_matches('.'))),
            );
        }
    }
}

/// Whether `title` names `clause`'s title, or a sub-clause's, through the packs.
fn named_by_title_in(packs: &crate::pack::Packs, title: Option<&str>, clause: &str) -> bool {
    let Some(title) = title else { return false };
    packs
        .clauses()
        .filter(|c| is_same_or_sub_clause(&c.id, clause))
        .any(|c| crate::pack::title_names(title, &c.title))
}
