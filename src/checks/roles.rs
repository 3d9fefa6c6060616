//! Roles, responsibilities and authorities (clause 5.3): every owner, approver and RACI role is
//! defined once in the roles register, and every defined role is used.

use std::collections::HashSet;
use std::ops::Range;

use super::{Context, field};
use crate::finding::Finding;
use crate::index::Repo;
use crate::roles::norm;
use crate::suggest::closest;

check_kind! {
    /// ## What it checks
    /// The roles register is the document of `type: roles` (`[roles] register-type`). A role
    /// is defined by a row of a table in it whose first header is `Role`
    /// (`[roles] role-header`), or, when the register has no such table, by a sub-heading of
    /// its `Roles` heading. A table with a `Person` or `Name` column and a `Role` column maps
    /// people to roles, so `owner: Jane Doe` is accepted when Jane holds a defined role. Names
    /// compare without case, surrounding blanks or emphasis; `[roles] aliases` maps variants
    /// (`SLM = "Service Level Manager"`).
    ///
    /// - `roles-register-missing`: documents name owners, approvers or RACI roles, a loaded
    ///   pack requires a roles register (clause 5.3; not excluded), and there is none — or the
    ///   register defines no role in a form smslint reads. Reported once, in place of the
    ///   pack's `required-document-missing` for the register, with the number of references
    ///   it leaves unchecked; no undefined-role finding is added for each of them. With no
    ///   register and no pack asking for one, owners are not checked.
    /// - `duplicate-role`: a role is defined a second time.
    /// - `role-without-responsibilities`: a role's responsibilities cell (or its section) is
    ///   empty.
    /// - `undefined-role`: an `owner` or `approver` is neither a defined role, an alias, nor a
    ///   person mapped to a role. The help names the closest defined role.
    /// - `unused-role` (warning): a defined role is never an owner, an approver or a RACI
    ///   column. An unused role usually means a process lost its owner, or the register kept
    ///   a role the organisation no longer has.
    /// - `process-without-roles`: a document of a type in `[roles] process-types` (`process`)
    ///   has neither a RACI matrix nor a section named in `[roles] sections` ("Roles and
    ///   responsibilities", "RACI", …).
    ///
    /// ## Why auditors care
    /// Clause 5.3 asks top management to assign and communicate responsibilities and
    /// authorities. Roles named everywhere and defined nowhere, or processes with nobody
    /// accountable, are among the most frequent audit findings.
    ///
    /// ## How to fix
    /// Add every role to the register with its responsibilities, correct misspelt owners (or add
    /// an alias), remove roles nobody holds, and give each process a RACI matrix or a "Roles and
    /// responsibilities" section.
    ///
    /// ## Example
    /// Register: `| Role | Responsibilities |` then `| Change Manager | Runs the CAB |`.
    /// Failing: `owner: Chnage Manager` (help: did you mean `Change Manager`?).
    /// Passing: `owner: Change Manager`.
    KIND = "roles" {
        run: crate::checks::Scope::Repository(check);
        ROLES_REGISTER_MISSING: "SMS401" "roles-register-missing" Error => "Documents name roles but no roles register defines any",
        DUPLICATE_ROLE: "SMS402" "duplicate-role" Error => "A role is defined twice in the roles register",
        ROLE_WITHOUT_RESPONSIBILITIES: "SMS403" "role-without-responsibilities" Error => "A defined role has no responsibilities",
        UNDEFINED_ROLE: "SMS404" "undefined-role" Error => "An owner or approver is not a defined role",
        UNUSED_ROLE: "SMS405" "unused-role" Warning => "A defined role is never an owner, approver or RACI column",
        PROCESS_WITHOUT_ROLES: "SMS406" "process-without-roles" Error => "A process has no RACI matrix and no roles and responsibilities section",
    }
}

/// Every role reference of the repository: (document, field key, value, value span).
fn references<'r>(repo: &'r Repo, cx: &'r Context<'_>) -> Vec<(usize, &'r str, &'r str, Range<usize>)> {
    let mut out = Vec::new();
    for (i, doc) in repo.docs.iter().enumerate() {
        for name in crate::document::fields::with(crate::document::fields::Trait::Role) {
            let Some(f) = field(doc, cx, name) else { continue };
            for item in f.value.items() {
                if let Some(v) = item.as_str().filter(|v| !v.trim().is_empty()) {
                    out.push((i, f.key.as_str(), v, item.span.clone()));
                }
            }
        }
    }
    out
}

/// Header cells of every RACI matrix that name a role: (document, text, span).
pub fn raci_columns(repo: &Repo) -> Vec<(usize, &str, Range<usize>)> {
    let mut out = Vec::new();
    for (i, tables) in repo.raci.iter().enumerate() {
        for &t in tables {
            for c in repo.docs[i].body.tables[t].header.iter().skip(1) {
                if !c.text.trim().is_empty() {
                    out.push((i, c.text.as_str(), c.span.clone()));
                }
            }
        }
    }
    out
}

/// "did you mean" help for a name that is not a defined role.
pub fn role_help(repo: &Repo, name: &str) -> String {
    // Lazily, and only as far as needed: building the whole list for every unknown name made
    // 8,000 of them against an 8,000-role register quadratic.
    let ix = &repo.roles;
    let names = || {
        ix.defs
            .iter()
            .enumerate()
            .filter(|(i, d)| ix.by_key.get(&d.key) == Some(i))
            .map(|(_, d)| d.name.as_str())
    };
    let near = if ix.by_key.len() <= crate::suggest::MAX_CANDIDATES {
        closest(name, names())
    } else {
        None
    };
    if let Some(c) = near { format!(
        "Did you mean `{c}`? Use a role defined in the roles register, add this one to it, or map the variant in `[roles] aliases`"
    ) } else {
        let mut shown: Vec<&str> = names().take(8).collect();
        if ix.by_key.len() > 8 {
            shown.push("…");
        }
        format!(
            "Use a role defined in the roles register ({}), add this one to it, or map the variant in `[roles] aliases`",
            shown.join(", ")
        )
    }
}

/// The requirements of the loaded packs for a roles register (their types include the
/// register type), without the excluded ones.
fn register_requirements<'c>(cx: &'c Context<'_>) -> impl Iterator<Item = &'c crate::pack::Requirement> {
    let register_type = &cx.config.roles.register_type;
    cx.packs
        .requirements()
        .filter(|r| r.types.iter().any(|t| t.eq_ignore_ascii_case(register_type)))
        .filter(|r| !cx.config.exclusions.iter().any(|e| e.requirement == r.id))
}

/// Whether this check reports the missing roles register for `req` (SMS401, with the role
/// references it leaves unchecked): then `req`'s missing-document finding would say the same
/// root cause again, so the required-document check leaves it out. One cause, one finding.
pub fn reports_missing_register(repo: &Repo, cx: &Context<'_>, req: &crate::pack::Requirement) -> bool {
    !repo.roles.any()
        && repo.roles.registers.is_empty()
        && register_requirements(cx).any(|r| r.id == req.id)
        && references(repo, cx).len() + raci_columns(repo).len() > 0
}

/// Check the roles register and every role reference.
pub fn check(repo: &Repo, cx: &Context<'_>, out: &mut Vec<Finding>) {
    process_without_roles(repo, cx, out);
    let ix = &repo.roles;
    let refs = references(repo, cx);
    let columns = raci_columns(repo);
    if !ix.any() {
        // A missing register is reported when a loaded pack requires one (and no exclusion
        // says it does not apply): it is that requirement's finding, with the count of the
        // references it leaves unchecked.
        let required = register_requirements(cx).count() > 0;
        let n = refs.len() + columns.len();
        let what = format!(
            "{n} owner, approver and RACI role reference{} cannot be checked",
            if n == 1 { "" } else { "s" }
        );
        let help = format!(
            "Add a `type: {}` document with `clauses: [\"5.3\"]` and a table whose first header is `{}`, one row per role with its responsibilities",
            cx.config.roles.register_type, cx.config.roles.role_header
        );
        if let Some(&reg) = ix.registers.first() {
            let doc = &repo.docs[reg];
            let f = Finding::new(
                &ROLES_REGISTER_MISSING,
                format!("The roles register defines no role in a form smslint reads: {what}"),
            )
            .help(help);
            out.push(match doc.title_heading() {
                Some(h) => f.at(&doc.path, h.span.clone()),
                None => f.in_file(&doc.path),
            });
        } else if n > 0 && required {
            let mut f = Finding::new(
                &ROLES_REGISTER_MISSING,
                format!("No roles register (clause 5.3 evidence is missing): {what}"),
            )
            .help(help);
            // The requirement it stands in for: the formats locate the finding at its document.
            if let Some(req) = register_requirements(cx).next() {
                f = f.subject(req.id.clone());
            }
            out.push(f);
        }
        return;
    }

    for (i, d) in ix.defs.iter().enumerate() {
        let doc = &repo.docs[d.doc];
        if let Some(&first) = ix.by_key.get(&d.key).filter(|&&f| f != i) {
            let first = &ix.defs[first];
            let where_ = if first.doc == d.doc {
                "earlier in this register".to_owned()
            } else {
                format!("in `{}`", repo.docs[first.doc].path)
            };
            out.push(
                Finding::new(
                    &DUPLICATE_ROLE,
                    format!("Role `{}` is defined twice; it is first defined {where_}", d.name),
                )
                .at(&doc.path, d.span.clone())
                .subject(d.name.clone())
                .help("Merge the two definitions into one row, so responsibilities are stated once"),
            );
            continue;
        }
        if let Some(span) = &d.empty_responsibilities {
            out.push(
                Finding::new(
                    &ROLE_WITHOUT_RESPONSIBILITIES,
                    format!("Role `{}` has no responsibilities", d.name),
                )
                .at(&doc.path, span.clone())
                .subject(d.name.clone())
                .help("State what the role is responsible for and what it may decide"),
            );
        }
    }

    let mut used: HashSet<&str> = HashSet::new();
    for (doc, key, value, span) in &refs {
        match ix.resolve(value) {
            Some(def) => {
                used.insert(def.key.as_str());
            }
            None => out.push(
                Finding::new(
                    &UNDEFINED_ROLE,
                    format!(
                        "`{key}` names `{}`, which is not a role of the roles register",
                        value.trim()
                    ),
                )
                .at(&repo.docs[*doc].path, span.clone())
                .subject(format!("{key}={}", value.trim()))
                .help(role_help(repo, value)),
            ),
        }
    }
    for (_, text, _) in &columns {
        if let Some(def) = ix.resolve(text) {
            used.insert(def.key.as_str());
        }
    }
    for (i, d) in ix.defs.iter().enumerate() {
        if ix.by_key.get(&d.key) != Some(&i) || used.contains(d.key.as_str()) {
            continue;
        }
        out.push(
            Finding::new(
                &UNUSED_ROLE,
                format!("Role `{}` is never an owner, an approver or a RACI column", d.name),
            )
            .at(&repo.docs[d.doc].path, d.span.clone())
            .subject(d.name.clone())
            .help("Give the role the documents or activities it is responsible for, or remove it if nobody holds it any more"),
        );
    }
}

/// Process documents must say who does what.
fn process_without_roles(repo: &Repo, cx: &Context<'_>, out: &mut Vec<Finding>) {
    let rc = &cx.config.roles;
    let sections: Vec<String> = rc.sections.iter().map(|s| norm(s)).collect();
    for (i, doc) in repo.docs.iter().enumerate() {
        let inf = &repo.info[i];
        let is_process = inf
            .doc_type
            .as_deref()
            .is_some_and(|t| rc.process_types.iter().any(|p| p.eq_ignore_ascii_case(t)));
        let retired = inf
            .status_text()
            .is_some_and(|s| s.eq_ignore_ascii_case(&cx.config.doc.retired_status));
        if !is_process || retired || !repo.raci[i].is_empty() {
            continue;
        }
        if doc
            .body
            .headings
            .iter()
            .any(|h| sections.contains(&norm(&h.text)))
        {
            continue;
        }
        let f = Finding::new(
            &PROCESS_WITHOUT_ROLES,
            "Process has no RACI matrix and no \"Roles and responsibilities\" section",
        )
        .help(format!(
            "Add a `## {}` section at the end with a RACI matrix: one row per activity, one column per role, exactly one `A` and at least one `R` per row",
            rc.sections.first().map_or("Roles and responsibilities", String::as_str)
        ));
        // The title names the process; the end of the file would show no source line.
        out.push(match doc.title_heading() {
            Some(h) => f.at(&doc.path, h.span.clone()),
            None => f.at(&doc.path, doc.end_span()),
        });
    }
}
