//! Required documents: the pack's requirements are each met by enough approved documents.

use super::Context;
use crate::finding::Finding;
use crate::index::Repo;
use crate::pack::Requirement;

check_kind! {
    /// ## What it checks
    /// Every requirement of the loaded packs (`smslint clauses` lists them) needs at least
    /// `min` documents that are evidence for it, with a status that counts (approved by
    /// default). A document is evidence for a requirement when its `type` is one the
    /// requirement accepts **and** its `clauses` list names the requirement's clause or one of
    /// its sub-clauses — or when its `satisfies` list names the requirement's id. Type alone is
    /// not enough: clauses 5.2, 8.5.1.1 and 8.7.3.1 all ask for a policy. A document that states
    /// neither `clauses` nor `satisfies` is evidence when its type is accepted and its title
    /// names the requirement (`Change Management Policy`, `Risks Register`), as an auditor
    /// reads a repository written without smslint's fields.
    ///
    /// - `required-document-missing`: no document is evidence for the requirement
    ///   (a repository-level finding naming the clause and what to add).
    /// - `required-document-not-approved`: documents exist, but only as draft, in review or
    ///   retired; the finding points at the status.
    ///
    /// A requirement that does not apply can be excluded in `smslint.toml` with a reason:
    /// `exclusions = [{ requirement = "…", reason = "…" }]`.
    ///
    /// ## Why auditors care
    /// Certification audits start from the documented information the standard asks for. A
    /// missing document is a nonconformity against its clause; a draft is not yet evidence.
    ///
    /// ## How to fix
    /// Write the document with the accepted `type` and `clauses: ["<clause>"]`, then approve
    /// it. `smslint explain <requirement-id>` shows what each requirement expects.
    ///
    /// ## Example
    /// Passing for `service-management-policy`: a document with `type: policy`,
    /// `clauses: ["5.2"]` and `status: approved`.
    KIND = "required-document" {
        run: crate::checks::Scope::Repository(check);
        REQUIRED_DOCUMENT_MISSING: "SMS101" "required-document-missing" Error => "A document the standard requires is missing",
        REQUIRED_DOCUMENT_NOT_APPROVED: "SMS102" "required-document-not-approved" Error => "A required document exists only as draft, review or retired",
    }
}

/// Documents (indexes) that are evidence for `req`.
pub fn evidence(repo: &Repo, req: &Requirement) -> Vec<usize> {
    (0..repo.docs.len())
        .filter(|&i| {
            let inf = &repo.info[i];
            let clauses: Vec<&str> = inf.clauses.iter().map(|(c, _)| c.as_str()).collect();
            let satisfies: Vec<&str> = inf.satisfies.iter().map(String::as_str).collect();
            req.matched_by(inf.doc_type.as_deref(), &clauses, &satisfies)
                || (clauses.is_empty()
                    && satisfies.is_empty()
                    && req.named_by(inf.doc_type.as_deref(), inf.title.as_deref()))
        })
        .collect()
}

/// Whether a status counts for `req`.
pub fn counts(req: &Requirement, status: Option<&str>, cx: &Context<'_>) -> bool {
    let Some(s) = status else { return false };
    if req.statuses.is_empty() {
        s.eq_ignore_ascii_case(&cx.config.doc.approved_status)
    } else {
        req.statuses.iter().any(|x| x.eq_ignore_ascii_case(s))
    }
}

/// Whether a status counts as approved under the configuration.
pub fn counts_status(status: Option<&str>, cx: &Context<'_>) -> bool {
    status.is_some_and(|s| s.eq_ignore_ascii_case(&cx.config.doc.approved_status))
}

/// Check every requirement of every pack.
pub fn check(repo: &Repo, cx: &Context<'_>, out: &mut Vec<Finding>) {
    for req in cx.packs.requirements() {
        if cx.config.exclusions.iter().any(|e| e.requirement == req.id) {
            continue;
        }
        let docs = evidence(repo, req);
        let good = docs
            .iter()
            .filter(|&&i| counts(req, repo.info[i].status_text(), cx))
            .count();
        if good >= req.min as usize {
            continue;
        }
        let clause_title = cx
            .packs
            .clause(&req.clause)
            .map(|c| format!(" {}", c.title))
            .unwrap_or_default();
        let need = if req.min > 1 {
            format!("{} documents", req.min)
        } else {
            "a document".to_owned()
        };
        if let Some(&first) = docs
            .iter()
            .find(|&&i| !counts(req, repo.info[i].status_text(), cx))
        {
            let inf = &repo.info[first];
            let status = inf.status_text().unwrap_or("no status");
            let f = Finding::new(
                &REQUIRED_DOCUMENT_NOT_APPROVED,
                format!(
                    "{} (clause {}{clause_title}) exists only as `{status}`: {good} of {} needed document{} approved",
                    req.title, req.clause, req.min, if req.min == 1 { "" } else { "s" }
                ),
            )
            .clause(req.clause.clone())
            .subject(req.id.clone())
            .severity(req.severity)
            .help(format!("Complete the review and approve it. {}", req.fix));
            let f = match &inf.status {
                Some((_, span)) => f.at(&repo.docs[first].path, span.clone()),
                None => f.in_file(&repo.docs[first].path),
            };
            out.push(f);
        } else if !super::roles::reports_missing_register(repo, cx, req) {
            out.push(
                Finding::new(
                    &REQUIRED_DOCUMENT_MISSING,
                    if good == 0 {
                        format!(
                            "No approved document is evidence for {} (clause {}{clause_title}; requirement `{}`)",
                            req.title, req.clause, req.id
                        )
                    } else {
                        format!(
                            "Too few approved documents for {} (clause {}{clause_title}; requirement `{}`): {need} needed, {good} found",
                            req.title, req.clause, req.id
                        )
                    },
                )
                .clause(req.clause.clone())
                .subject(req.id.clone())
                .severity(req.severity)
                .help(req.fix.clone()),
            );
        }
    }
}
