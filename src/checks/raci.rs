//! RACI matrices: every activity has exactly one accountable role and at least one
//! responsible, cells hold only RACI letters, and every column is a defined role.

use super::Context;
use super::roles::role_help;
use crate::finding::Finding;
use crate::index::Repo;
use crate::roles::{RaciCell, raci_cell};

check_kind! {
    /// ## What it checks
    /// A table is a RACI matrix when it sits under a heading containing `RACI`, or when it has
    /// at least two role columns after the first (activity) column, at least one body cell
    /// holds a RACI letter, and at least 80% of its non-empty body cells (first column aside)
    /// are made of the letters R, A, C and I. Combinations such as `A/R`, `R, A` or `RA` are
    /// allowed; `-` and `—` count as empty. A table with no filled body cell (a blank template)
    /// is never a RACI matrix, nor is the register's own role table.
    ///
    /// - `raci-no-accountable`: a row has no `A`.
    /// - `raci-multiple-accountable`: a row has more than one `A` (the finding points at the
    ///   second).
    /// - `raci-no-responsible`: a row has no `R`.
    /// - `raci-invalid-cell`: a cell holds another letter or a word (`S`, `Yes`,
    ///   `Accountable`); rows with such a cell are not checked for A and R.
    /// - `raci-undefined-role`: a column header is not a role of the roles register (not
    ///   reported when there is no register at all: `roles-register-missing` says so once).
    ///
    /// ## Why auditors care
    /// Clause 5.3 asks that responsibilities and authorities be assigned. An activity with
    /// nobody accountable, or with two accountable roles, is where incidents fall between
    /// chairs; auditors read RACI matrices row by row.
    ///
    /// ## How to fix
    /// Give each row exactly one `A` and at least one `R`, use only the letters R, A, C and I,
    /// and name columns exactly as the roles register does.
    ///
    /// ## Example
    /// ```text
    /// | Activity        | Change Manager | Release Manager |
    /// |-----------------|----------------|-----------------|
    /// | Approve change  | A/R            | C               |
    /// | Deploy          | A              | R               |
    /// ```
    KIND = "raci" {
        run: crate::checks::Scope::Repository(check);
        RACI_NO_ACCOUNTABLE: "SMS407" "raci-no-accountable" Error => "A RACI row has no accountable role",
        RACI_MULTIPLE_ACCOUNTABLE: "SMS408" "raci-multiple-accountable" Error => "A RACI row has more than one accountable role",
        RACI_NO_RESPONSIBLE: "SMS409" "raci-no-responsible" Error => "A RACI row has no responsible role",
        RACI_INVALID_CELL: "SMS410" "raci-invalid-cell" Error => "A RACI cell holds something other than R, A, C or I",
        RACI_UNDEFINED_ROLE: "SMS411" "raci-undefined-role" Error => "A RACI column is not a defined role",
    }
}

/// Check every RACI matrix of the repository.
pub fn check(repo: &Repo, _cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (i, tables) in repo.raci.iter().enumerate() {
        let doc = &repo.docs[i];
        for &ti in tables {
            let t = &doc.body.tables[ti];
            if repo.roles.any() {
                for c in t.header.iter().skip(1) {
                    if c.text.trim().is_empty() || repo.roles.resolve(&c.text).is_some() {
                        continue;
                    }
                    out.push(
                        Finding::new(
                            &RACI_UNDEFINED_ROLE,
                            format!(
                                "RACI column `{}` is not a role of the roles register",
                                c.text.trim()
                            ),
                        )
                        .at(&doc.path, c.span.clone())
                        .subject(c.text.trim().to_owned())
                        .help(role_help(repo, &c.text)),
                    );
                }
            }
            for row in &t.rows {
                let Some(first) = row.first() else { continue };
                let activity = if first.text.trim().is_empty() {
                    "(unnamed)"
                } else {
                    first.text.trim()
                };
                let mut accountable = Vec::new();
                let mut responsible = 0usize;
                let mut invalid = false;
                for (col, c) in row.iter().enumerate().skip(1) {
                    match raci_cell(&c.text) {
                        RaciCell::Empty => {}
                        RaciCell::Letters(ls) => {
                            if ls.contains(&'A') {
                                accountable.push((col, c));
                            }
                            responsible += usize::from(ls.contains(&'R'));
                        }
                        RaciCell::Invalid => {
                            invalid = true;
                            out.push(
                                Finding::new(
                                    &RACI_INVALID_CELL,
                                    format!("RACI cell `{}` is not made of the letters R, A, C and I", c.text.trim()),
                                )
                                .at(&doc.path, c.span.clone())
                                .help("Use R (responsible), A (accountable), C (consulted) or I (informed), combined as `A/R` if needed; leave the cell empty for no involvement"),
                            );
                        }
                    }
                }
                if invalid {
                    continue;
                }
                let column = |col: usize| t.header.get(col).map_or("", |h| h.text.trim());
                match accountable.as_slice() {
                    [] => out.push(
                        Finding::new(
                            &RACI_NO_ACCOUNTABLE,
                            format!("Activity `{activity}` has no accountable role (`A`)"),
                        )
                        .at(&doc.path, first.span.clone())
                        .subject(activity.to_string())
                        .help("Mark exactly one role `A`: the one who answers for the outcome"),
                    ),
                    [(c1, _), (c2, second), ..] => out.push(
                        Finding::new(
                            &RACI_MULTIPLE_ACCOUNTABLE,
                            format!(
                                "Activity `{activity}` has {} accountable roles (`{}` and `{}`{})",
                                accountable.len(),
                                column(*c1),
                                column(*c2),
                                if accountable.len() > 2 { ", …" } else { "" }
                            ),
                        )
                        .at(&doc.path, second.span.clone())
                        .subject(activity.to_string())
                        .help("Keep one `A`; make the others `R` or `C`"),
                    ),
                    [_] => {}
                }
                if responsible == 0 {
                    out.push(
                        Finding::new(&RACI_NO_RESPONSIBLE, format!("Activity `{activity}` has no responsible role (`R`)"))
                            .at(&doc.path, first.span.clone())
                            .subject(activity.to_string())
                            .help("Mark at least one role `R`: who does the work (the accountable role may also be `A/R`)"),
                    );
                }
            }
        }
    }
}
