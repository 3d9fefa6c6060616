//! Where document-control metadata can come from besides YAML front-matter, and the label
//! aliases real policy repositories use for the same fields.
//!
//! Sources, in order of precedence: a `---` front-matter block; headerless YAML (a `key: value`
//! block that runs from the first line to the first `---` line, as some policy tools write it);
//! a two-column "document control" table under the title (`| Document Owner | Jane Doe |`).

use std::ops::Range;

use super::front_matter::{Node, NodeKind};
use super::markdown::{Body, Cell};
use super::{Meta, MetaField, MetaSource};

/// Canonical field → labels that mean the same (compared like keys: case, `-`, `_` and blanks
/// ignored). The canonical name itself always matches.
const ALIASES: &[(&str, &[&str])] = &[
    (
        "id",
        &[
            "document id",
            "doc id",
            "document number",
            "document no",
            "doc no",
            "doc ref",
            "document reference",
        ],
    ),
    ("title", &["name", "document title", "document name"]),
    ("type", &["document type", "doc type"]),
    (
        "owner",
        &["document owner", "process owner", "policy owner", "owned by"],
    ),
    (
        "approver",
        &[
            "approved by",
            "approval",
            "approving authority",
            "document approver",
        ],
    ),
    (
        "version",
        &["revision", "rev", "document version", "version number"],
    ),
    ("status", &["document status", "approval status"]),
    (
        "classification",
        &[
            "confidentiality",
            "security classification",
            "information classification",
        ],
    ),
    (
        "effective",
        &["effective date", "effective from", "valid from", "date effective"],
    ),
    (
        "last_reviewed",
        &[
            "last review",
            "last review date",
            "review date",
            "reviewed on",
            "date reviewed",
            "last reviewed date",
        ],
    ),
    (
        "next_review",
        &["next review date", "review due", "next review due", "review by"],
    ),
    (
        "review_cycle",
        &["review frequency", "review period", "review interval"],
    ),
];

/// The canonical field a label stands for, if any.
pub fn canonical(label: &str) -> Option<&'static str> {
    let label = clean_label(label);
    ALIASES.iter().find_map(|(canon, labels)| {
        (super::same_key(&label, canon) || labels.iter().any(|l| super::same_key(&label, l)))
            .then_some(*canon)
    })
}

/// Labels that only a document-control table has (a table of `ID | Name | Version` rows may
/// describe anything, a software item for instance).
fn is_control_label(label: &str) -> bool {
    let specific = [
        "owner",
        "approver",
        "status",
        "effective",
        "last_reviewed",
        "next_review",
        "review_cycle",
        "classification",
    ];
    let lower = label.to_ascii_lowercase();
    canonical(label)
        .is_some_and(|c| specific.contains(&c) || lower.starts_with("document") || lower.starts_with("doc "))
}

/// A label without emphasis marks, a trailing colon or surrounding blanks.
fn clean_label(label: &str) -> String {
    label
        .trim()
        .trim_end_matches(':')
        .trim_matches(|c| c == '*' || c == '_')
        .trim()
        .to_owned()
}

/// A "document control" table: the first table near the top (before the third heading), with two columns,
/// whose label column names at least one known field. Its header row counts as a row when its
/// first cell is a label.
pub fn from_table(body: &Body) -> Option<Meta> {
    let limit = body.headings.get(2).map_or(usize::MAX, |h| h.span.start);
    let table = body.tables.iter().find(|t| t.span.start < limit)?;
    if table.header.len() != 2 {
        return None;
    }
    let rows = std::iter::once(&table.header).chain(&table.rows);
    let fields: Vec<MetaField> = rows
        .filter(|r| r.len() >= 2 && !r[0].text.is_empty())
        .map(|r| field_from_cells(&r[0], &r[1]))
        .collect();
    if !fields.iter().any(|f| is_control_label(&f.key)) {
        return None;
    }
    Some(Meta {
        source: MetaSource::Table,
        span: table.span.clone(),
        insert_at: table.span.end..table.span.end,
        fields,
    })
}

fn field_from_cells(label: &Cell, value: &Cell) -> MetaField {
    MetaField {
        key: clean_label(&label.text),
        key_span: label.span.clone(),
        value: Node {
            kind: NodeKind::Scalar {
                text: value.text.clone(),
                plain: true,
            },
            span: value.span.clone(),
        },
    }
}

/// A headerless YAML block: the file's first line looks like `key: value` and a `---` line
/// follows later. Returns (yaml range, body start).
pub fn split_headerless(src: &str, start: usize) -> Option<(Range<usize>, usize)> {
    let rest = &src[start..];
    let first = rest.lines().next()?;
    let (key, _) = first.split_once(':')?;
    let plausible_key = !key.is_empty()
        && key.len() <= 40
        && key.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ' '));
    if !plausible_key {
        return None;
    }
    let mut pos = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((start..start + pos, start + pos + line.len()));
        }
        pos += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases() {
        assert_eq!(canonical("**Process Owner**"), Some("owner"));
        assert_eq!(canonical("Approved by:"), Some("approver"));
        assert_eq!(canonical("last-reviewed"), Some("last_reviewed"));
        assert_eq!(canonical("Key Performance Indicators"), None);
        assert!(is_control_label("Document ID"));
        assert!(!is_control_label("ID"));
        assert!(!is_control_label("Version"));
    }

    #[test]
    fn table_source() {
        let src = "# SOP\n\n| | |\n|---|---|\n| **Document ID** | SOP-01 |\n| **Process Owner** | QMO |\n\n## Next\n";
        let body = super::super::markdown::parse(src, 0);
        let meta = from_table(&body).unwrap();
        assert_eq!(meta.get("owner").unwrap().value.as_str(), Some("QMO"));
        assert_eq!(&src[meta.get("id").unwrap().value.span.clone()], "SOP-01");
    }

    #[test]
    fn headerless_split() {
        let src = "name: Access Policy\nacronym: AP\n---\n# Purpose\n";
        let (yaml, body) = split_headerless(src, 0).unwrap();
        assert_eq!(&src[yaml], "name: Access Policy\nacronym: AP\n");
        assert_eq!(&src[body..], "# Purpose\n");
        assert!(split_headerless("# Title\n---\n", 0).is_none());
        assert!(split_headerless("Note: see below\n\ntext\n", 0).is_none());
    }
}
