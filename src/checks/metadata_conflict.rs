//! Metadata conflicts: two places of one document state different values for one
//! document-control field (clause 7.5.2).

use super::{Context, source_field};
use crate::dates::parse_date;
use crate::document::{Document, MetaSource};
use crate::finding::Finding;

check_kind! {
    /// ## What it checks
    /// A document may state its document control in several places: front-matter, a YAML
    /// header, a document-control table, label lines under the title, label lines in a footer
    /// ("Document control"), and the latest row of a revision history. When two of them give
    /// different values for one field (`version: 3.1` in the header, `3.0` in the revision
    /// history; owner `Head of IT` in the header, `CISO` in the footer), this finding points at
    /// the second value, with the first as a related label.
    ///
    /// Values compare without case and extra blanks; dates compare as dates (`1 July 2026` is
    /// `2026-07-01`). A revision's date is only the last review when no other place states one,
    /// so it never conflicts with a stated review date, and the people in a revision row (who
    /// changed and who approved that revision) never conflict with the document's owner or
    /// approver, which are often written as roles. For review dates the earlier date decides
    /// staleness (SMS301).
    ///
    /// ## Why auditors care
    /// Clause 7.5.2 asks that documented information be identified and its status clear. Two
    /// versions or two owners on one page leave the reader, and the auditor, unsure which holds.
    ///
    /// ## How to fix
    /// Keep one place for each field, or make both say the same.
    ///
    /// ## Example
    /// Failing:
    /// ```markdown
    /// # Access Policy
    /// **Owner:** Head of IT | **Version:** 3.1
    ///
    /// ## Document control
    /// **Owner:** CISO
    /// ```
    /// Passing: the footer says `**Owner:** Head of IT`, or only one of them names the owner.
    KIND = "metadata-conflict" {
        run: crate::checks::Scope::Document(check);
        METADATA_CONFLICT: "SMS211" "metadata-conflict" Warning => "Two places of a document give different values for one field",
    }
}

/// Fields a revision-history row fills with the people of that revision.
const PEOPLE: [&str; 3] = ["author", "owner", "approver"];

/// Check one document's metadata sources against each other.
pub fn check(doc: &Document, _src: &str, cx: &Context<'_>, out: &mut Vec<Finding>) {
    let sources: Vec<_> = doc
        .sources
        .iter()
        .filter(|m| m.source != MetaSource::Defaults)
        .collect();
    if sources.len() < 2 {
        return;
    }
    let stated_review = sources
        .iter()
        .any(|m| m.source != MetaSource::RevisionHistory && source_field(m, cx, "last_reviewed").is_some());
    for name in &crate::document::fields::NAMES {
        let mut first: Option<(&crate::document::Meta, &crate::document::MetaField, &str)> = None;
        for m in &sources {
            if *name == "last_reviewed" && m.source == MetaSource::RevisionHistory && stated_review {
                continue;
            }
            // A revision row names the people who made and signed off that one revision; the
            // document's control names the standing owner and approver, often as roles
            // (`A. Patel` under `Head of Service Management`): they are not two answers.
            if PEOPLE.contains(name) && m.source == MetaSource::RevisionHistory {
                continue;
            }
            let Some(f) = source_field(m, cx, name) else {
                continue;
            };
            let Some(v) = f.value.as_str().map(str::trim).filter(|v| !v.is_empty()) else {
                continue;
            };
            let Some((m0, f0, v0)) = first else {
                first = Some((m, f, v));
                continue;
            };
            if !same_value(v0, v) {
                let header_end = doc.header_end;
                let place = |m: &crate::document::Meta| match m.source {
                    MetaSource::LabelLines if m.span.start >= header_end => "the footer's label lines",
                    MetaSource::LabelLines => "the label lines under the title",
                    other => other.describe(),
                };
                out.push(
                    Finding::new(
                        &METADATA_CONFLICT,
                        format!("`{name}` is `{v}` in {} but `{v0}` in {}", place(m), place(m0)),
                    )
                    .at(&doc.path, f.value.span.clone())
                    .related(f0.value.span.clone(), format!("first given here as `{v0}`"))
                    .subject(*name)
                    .help(format!(
                        "Make both places give the same `{name}`, or keep it in one place only"
                    )),
                );
                break;
            }
        }
    }
}

/// Values are the same when equal without case, extra blanks, emphasis or link syntax
/// (`[Head of IT](roles.md)` is `Head of IT`), or as the same date.
// Not `text::key`: values are not names, so `1.2` and `1-2` or `Policy` and `Policies` conflict.
fn same_value(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        let s = link_text(s);
        s.split_whitespace()
            .map(|w| w.trim_matches(['*', '_', '`']).to_lowercase())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
    };
    if words(a) == words(b) {
        return true;
    }
    matches!((parse_date(a), parse_date(b)), (Ok(x), Ok(y)) if x == y)
}

/// The text of a value written as one Markdown link, else the value.
fn link_text(s: &str) -> &str {
    let t = s.trim();
    if let Some(rest) = t.strip_prefix('[') {
        if let Some((text, tail)) = rest.split_once("](") {
            if tail.ends_with(')') && !tail[..tail.len() - 1].contains(')') {
                return text;
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::same_value;

    #[test]
    fn values_compare_loosely() {
        assert!(same_value("Head of IT", "head  of it"));
        assert!(same_value("[Head of IT](roles.md#head)", "**Head of IT**"));
        assert!(same_value("1 July 2026", "2026-07-01"));
        assert!(!same_value("3.1", "3.0"));
        assert!(!same_value("CISO", "Head of IT"));
    }
}
