//! Suppressions a pull request adds do not count when its configuration is not trusted.

use crate::document::Document;
use crate::finding::Finding;

check_kind! {
    /// ## What it checks
    /// Only with `--suppressions-from REF` (which the GitHub Action passes on pull requests
    /// unless `trust-pr-config` is true): a suppression comment that the document at `REF` (the
    /// base branch) does not have — the same kind (`disable` or `disable-next-line`) with the
    /// same codes — is not applied, and this finding points at it. The findings it would
    /// silence are reported as if it were not there. A suppression that the base does have
    /// silences only what the base's matching suppressions silenced there (the same code, file
    /// and subject: field, link target, role, requirement), so copying a base suppression next
    /// to new findings silences none of them.
    ///
    /// ## Why auditors care
    /// A suppression is an accepted deviation. A change that both introduces a problem and
    /// silences it should not pass the check it silences: the deviation has to be accepted by
    /// a reviewer first, and merged, before it counts.
    ///
    /// ## How to fix
    /// Fix the finding instead, or have the suppression reviewed and merged on its own (a
    /// reviewer sees every added suppression in the job summary), then rebase.
    ///
    /// ## Example
    /// A pull request adds `<!-- smslint-disable SMS301 -- review moved to Q3 -->` to an
    /// overdue policy: SMS703 points at the comment and SMS301 is still reported.
    KIND = "new-suppression" {
        run: crate::checks::Scope::Stage;
        NEW_SUPPRESSION: "SMS703" "suppression-not-on-base" Warning => "A suppression the base branch does not have is not applied",
    }
}

/// Report each suppression of `doc` that `base` (the same file at the trusted ref, `None` when
/// the file is new) does not have. Returns, parallel to `doc.body.suppressions`, whether each
/// is applied; the suppression stage leaves the others out (the document is not changed).
pub fn filter(doc: &Document, base: Option<&Document>, out: &mut Vec<Finding>) -> Vec<bool> {
    let base_list = base.map_or(&[][..], |b| b.body.suppressions.as_slice());
    doc.body
        .suppressions
        .iter()
        .map(|s| {
            if base_list.iter().any(|b| same(s, b)) {
                return true;
            }
            out.push(
                Finding::new(
                    &NEW_SUPPRESSION,
                    format!(
                        "This suppression of {} is not on the base branch, so it is not applied",
                        if s.codes.is_empty() {
                            "nothing".to_owned()
                        } else {
                            s.codes.join(", ")
                        }
                    ),
                )
                .at(&doc.path, s.span.clone())
                .help("Fix the finding, or have the suppression reviewed and merged on its own first"),
            );
            false
        })
        .collect()
}

/// The suppressions of `doc` that `base` (the same file at an earlier revision, `None` when
/// the file is new) does not have, of the same kind with the same codes: what a change adds.
pub fn added<'d>(doc: &'d Document, base: Option<&Document>) -> Vec<&'d crate::document::Suppression> {
    let base_list = base.map_or(&[][..], |b| b.body.suppressions.as_slice());
    doc.body
        .suppressions
        .iter()
        .filter(|s| !base_list.iter().any(|b| same(s, b)))
        .collect()
}

/// For each suppression of `doc` (those [`filter`] refuses included), the stable keys it may silence: those of
/// the findings that the base's suppressions of the same kind and codes silenced in
/// `base_findings` (every finding the checks gave for the base version of the file, before
/// suppressions). Indexed like `doc.body.suppressions`.
pub fn limits(
    doc: &Document,
    base: &Document,
    base_findings: &[&Finding],
) -> Vec<std::collections::HashSet<super::suppression::Key>> {
    let silenced: Vec<std::collections::HashSet<super::suppression::Key>> = base
        .body
        .suppressions
        .iter()
        .map(|b| {
            base_findings
                .iter()
                .filter(|f| super::suppression::covers(b, f))
                .map(|f| super::suppression::key(f))
                .collect()
        })
        .collect();
    doc.body
        .suppressions
        .iter()
        .map(|s| {
            base.body
                .suppressions
                .iter()
                .zip(&silenced)
                .filter(|(b, _)| same(s, b))
                .flat_map(|(_, keys)| keys.iter().cloned())
                .collect()
        })
        .collect()
}

/// Whether two suppressions are of the same kind with the same codes (in any order and case).
fn same(a: &crate::document::Suppression, b: &crate::document::Suppression) -> bool {
    let norm = |s: &crate::document::Suppression| {
        let mut c: Vec<String> = s.codes.iter().map(|c| c.to_ascii_uppercase()).collect();
        c.sort();
        c.dedup();
        (s.next_line, c)
    };
    norm(a) == norm(b)
}
