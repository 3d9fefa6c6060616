//! Where document-control metadata can come from besides YAML front-matter.
//!
//! Sources, in order of precedence: a `---` front-matter block; headerless YAML (a `key: value`
//! block that runs from the first line to the first `---` line, as some policy tools write it);
//! a two-column "document control" table under the title (`| Document Owner | Jane Doe |`);
//! bold label lines (`**Owner:** Head of IT | **Version:** 3.1`) in the header or a footer; the
//! latest row of a revision-history table. Which label means which field is the run's
//! [`Vocabulary`], never a list here.

use std::ops::Range;

use super::front_matter::{Node, NodeKind};
use super::markdown::{Body, Cell};
use super::{Meta, MetaField, MetaSource, Name, Vocabulary};

use super::fields::{self, Trait};

/// Where label lines and document-control tables count: the header (from the body's start to
/// the first heading of level 2 or deeper) and footer blocks (a heading or bold line naming
/// document control, to the end of its section).
#[derive(Debug)]
pub struct Blocks {
    header: Range<usize>,
    footers: Vec<Range<usize>>,
}

impl Blocks {
    /// Find the header and the footer blocks of a document.
    pub fn find(src: &str, body: &Body, body_start: usize, vocab: &Vocabulary) -> Self {
        let header_end = header_end(src, body, body_start);
        let mut footers: Vec<Range<usize>> = body
            .headings
            .iter()
            .filter(|h| h.span.start >= header_end && vocab.is_footer_heading(&h.text))
            .map(|h| h.span.start..h.section_end)
            .collect();
        // A bold line (`**Document Information**`) opens a footer that runs to the next heading.
        let mut pos = 0;
        for line in src.split_inclusive('\n') {
            let at = pos;
            pos += line.len();
            let t = line.trim();
            let bold = t.len() > 4
                && ((t.starts_with("**") && t.trim_end_matches(':').ends_with("**"))
                    || (t.starts_with("__") && t.trim_end_matches(':').ends_with("__")));
            if at < header_end.max(body_start) || !bold || in_code(body, at) {
                continue;
            }
            if vocab.is_footer_heading(t) {
                let end = body
                    .headings
                    .iter()
                    .find(|h| h.span.start > at)
                    .map_or(src.len(), |h| h.span.start);
                if !footers.iter().any(|f| f.contains(&at)) {
                    footers.push(at..end);
                }
            }
        }
        footers.sort_by_key(|f| f.start);
        Self {
            header: body_start..header_end.max(body_start),
            footers,
        }
    }
}

/// Where a document's header ends: at its first section. The title (the first heading, when it
/// is a `#` heading or only blank lines come before it) opens no section, so the header runs to
/// the heading after it, whatever the levels (`## Access Policy` then label lines then `##
/// Purpose`); a document whose first heading follows other text has its header before it.
pub fn header_end(src: &str, body: &Body, body_start: usize) -> usize {
    let mut headings = body.headings.iter();
    let Some(first) = headings.next() else {
        return src.len();
    };
    if is_title(src, first, body_start) {
        headings.next().map_or(src.len(), |h| h.span.start)
    } else {
        first.span.start
    }
}

fn is_title(src: &str, first: &super::Heading, body_start: usize) -> bool {
    first.level == 1
        || src
            .get(body_start..first.span.start)
            .is_some_and(|before| before.trim().is_empty())
}

/// A document's title heading: its first `#` heading, else its first heading when only blank
/// lines come before it.
pub fn title_heading<'b>(src: &str, body: &'b Body, body_start: usize) -> Option<&'b super::Heading> {
    body.headings
        .iter()
        .find(|h| h.level == 1)
        .or_else(|| body.headings.first().filter(|h| is_title(src, h, body_start)))
}

/// Whether `pos` lies in a code block or inline code.
fn in_code(body: &Body, pos: usize) -> bool {
    let i = body.code.partition_point(|r| r.end <= pos);
    body.code[i..]
        .iter()
        .take_while(|r| r.start <= pos)
        .any(|r| r.contains(&pos))
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

fn scalar_field(
    key: String,
    key_span: Range<usize>,
    text: String,
    span: Range<usize>,
    canonical: Option<String>,
) -> MetaField {
    MetaField {
        key: Name::from(key),
        key_span,
        value: Node {
            kind: NodeKind::Scalar {
                text: text.into_boxed_str(),
                plain: true,
            },
            span,
        },
        canonical: canonical.map(Name::from),
    }
}

/// A "document control" table: a two-column table near the top (before the third heading) or
/// in a footer block, whose label column names at least one field only document control has.
/// Its header row counts as a row when its first cell is a label.
pub fn from_table(body: &Body, blocks: &Blocks, vocab: &Vocabulary) -> Option<Meta> {
    let limit = body.headings.get(2).map_or(usize::MAX, |h| h.span.start);
    body.tables
        .iter()
        .filter(|t| t.span.start < limit || blocks.footers.iter().any(|f| f.contains(&t.span.start)))
        .find_map(|table| {
            if table.header.len() != 2 {
                return None;
            }
            let rows = std::iter::once(&table.header).chain(&table.rows);
            let fields: Vec<MetaField> = rows
                .filter(|r| r.len() >= 2 && !r[0].text.is_empty())
                .map(|r| field_from_cells(&r[0], &r[1], vocab))
                .collect();
            let control = |f: &MetaField| {
                let lower = f.key.to_ascii_lowercase();
                f.canonical.as_deref().is_some_and(|c| {
                    fields::has(c, Trait::ControlOnly)
                        || lower.starts_with("document")
                        || lower.starts_with("doc ")
                })
            };
            fields.iter().any(control).then(|| Meta {
                source: MetaSource::Table,
                span: table.span.clone(),
                insert_at: table.span.end..table.span.end,
                fields,
            })
        })
}

fn field_from_cells(label: &Cell, value: &Cell, vocab: &Vocabulary) -> MetaField {
    let key = clean_label(&label.text);
    let canonical = vocab.field_of_label(&key).map(str::to_owned);
    let (text, span) = trim_value(&value.text, value.span.clone(), canonical.as_deref());
    scalar_field(key, label.span.clone(), text, span, canonical)
}

/// A value without surrounding emphasis and, for dates, without a trailing `(…)` annotation;
/// its span shrinks to match when the text is found in the source span.
fn trim_value(text: &str, span: Range<usize>, canonical: Option<&str>) -> (String, Range<usize>) {
    let mut t = text.trim();
    if canonical.is_some_and(|c| fields::has(c, Trait::Date)) && t.ends_with(')') {
        if let Some(open) = t.rfind(" (") {
            t = t[..open].trim_end();
        }
    }
    let t = t.trim_matches(|c| c == '*' || c == '_').trim();
    (t.to_owned(), span)
}

/// Label lines in the header and footer blocks, one source per block that has any.
pub fn from_label_lines(src: &str, body: &Body, blocks: &Blocks, vocab: &Vocabulary) -> Vec<Meta> {
    std::iter::once(&blocks.header)
        .chain(&blocks.footers)
        .filter_map(|block| {
            let mut fields = Vec::new();
            let mut pos = block.start;
            for line in src[block.clone()].split_inclusive('\n') {
                let at = pos;
                pos += line.len();
                let content = line.trim_end_matches(['\n', '\r']);
                label_pairs(content, at, body, vocab, &mut fields);
            }
            let first = fields.first()?.key_span.start;
            let last = fields.iter().map(|f| f.value.span.end).max().unwrap_or(first);
            let line_end = src[last..].find('\n').map_or(src.len(), |i| last + i);
            Some(Meta {
                source: MetaSource::LabelLines,
                span: first..line_end,
                insert_at: line_end..line_end,
                fields,
            })
        })
        .collect()
}

/// The `**Label:** value` pairs of one line starting at byte `at`, split at `|` or `·` (or at
/// the next bold label); labels outside the vocabulary are skipped.
fn label_pairs(line: &str, at: usize, body: &Body, vocab: &Vocabulary, out: &mut Vec<MetaField>) {
    // A leading list marker, quote marker, emoji or icon is not part of the line's label.
    let lead = line
        .char_indices()
        .find(|(_, c)| *c == '*' || *c == '_' || c.is_alphanumeric())
        .map_or(line.len(), |(i, _)| i);
    let mut rest = lead;
    while let Some((label, label_span, value_start)) = bold_label(line, rest) {
        if in_code(body, at + label_span.start) {
            return;
        }
        let value_end = next_separator(line, value_start);
        let raw = &line[value_start..value_end];
        let key = clean_label(label);
        if let Some(canon) = vocab.field_of_label(&key) {
            let canon = canon.to_owned();
            let (text, _) = trim_value(raw, 0..0, Some(&canon));
            let text = text
                .trim_end_matches("<br>")
                .trim_end_matches("<br/>")
                .trim_end_matches('\\')
                .trim()
                .to_owned();
            let offset = raw.find(text.as_str()).unwrap_or(0);
            let vstart = at + value_start + offset;
            out.push(scalar_field(
                key,
                at + label_span.start..at + label_span.end,
                text.clone(),
                vstart..vstart + if text.is_empty() { 0 } else { text.len() },
                Some(canon),
            ));
        }
        // Continue after a separator: skip it and any icon before the next label.
        let next = line[value_end..]
            .char_indices()
            .find(|(_, c)| *c == '*' || *c == '_' || c.is_alphanumeric())
            .map_or(line.len(), |(i, _)| value_end + i);
        if next <= rest || next >= line.len() {
            return;
        }
        rest = next;
    }
}

/// A bold label at `from`: `**Label:**` or `**Label**:` (also with `__`). Returns the label
/// text, the label's span (markers included) and where the value starts.
fn bold_label(line: &str, from: usize) -> Option<(&str, Range<usize>, usize)> {
    let rest = &line[from..];
    let marker = if rest.starts_with("**") {
        "**"
    } else if rest.starts_with("__") {
        "__"
    } else {
        return None;
    };
    let inner_start = from + 2;
    let close = line[inner_start..].find(marker)? + inner_start;
    let inner = &line[inner_start..close];
    let after = close + 2;
    if inner.trim_end().ends_with(':') {
        Some((inner, from..after, after))
    } else if line[after..].starts_with(':') {
        Some((inner, from..after + 1, after + 1))
    } else {
        None
    }
}

/// End of a label line's value: a `|` or `·` separator, or the next bold label, else the line's
/// end.
fn next_separator(line: &str, from: usize) -> usize {
    let mut i = from;
    while i < line.len() {
        let rest = &line[i..];
        if rest.starts_with('|') || rest.starts_with('·') {
            return i;
        }
        if (rest.starts_with(" **") || rest.starts_with(" __")) && bold_label(line, i + 1).is_some() {
            return i;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    line.len()
}

/// The latest row of the first revision-history table: a table under a revision heading with a
/// version column. The latest row is the one with the highest version, else the last row.
pub fn from_revision_history(src: &str, body: &Body, vocab: &Vocabulary) -> Option<Meta> {
    body.tables.iter().find_map(|t| {
        // A table with a version column under a document-control footer is a revision history
        // too; so is one right under a bold line naming one (`**Revision History**`).
        let named = |text: &str| vocab.is_revision_heading(text) || vocab.is_footer_heading(text);
        let under_heading = t.heading.is_some_and(|i| named(&body.headings[i].text));
        if !under_heading && !bold_line_before(src, t.span.start).is_some_and(named) {
            return None;
        }
        let kinds: Vec<Option<&str>> = t.header.iter().map(|c| vocab.revision_column(&c.text)).collect();
        let vcol = kinds.iter().position(|k| *k == Some("version"))?;
        let rows: Vec<&Vec<Cell>> = t
            .rows
            .iter()
            .filter(|r| r.iter().any(|c| !c.text.is_empty()))
            .collect();
        let versions: Option<Vec<Vec<u64>>> = rows
            .iter()
            .map(|r| r.get(vcol).and_then(|c| version_number(&c.text)))
            .collect();
        let latest = match versions {
            Some(v) if !v.is_empty() => {
                let mut best = 0;
                for (i, x) in v.iter().enumerate() {
                    if *x >= v[best] {
                        best = i;
                    }
                }
                rows[best]
            }
            _ => rows.last()?,
        };
        let mut fields = Vec::new();
        for (i, kind) in kinds.iter().enumerate() {
            let (Some(kind), Some(cell)) = (kind, latest.get(i)) else {
                continue;
            };
            // A revision's date stands for its last review; a date cell without a digit ("TBD")
            // states no date.
            let canonical = if *kind == "date" { "last_reviewed" } else { kind };
            if cell.text.is_empty() || (*kind == "date" && !cell.text.chars().any(|c| c.is_ascii_digit())) {
                continue;
            }
            let header = &t.header[i];
            fields.push(scalar_field(
                clean_label(&header.text),
                header.span.clone(),
                cell.text.clone(),
                cell.span.clone(),
                Some(canonical.to_owned()),
            ));
        }
        (!fields.is_empty()).then(|| Meta {
            source: MetaSource::RevisionHistory,
            span: t.span.clone(),
            insert_at: t.span.end..t.span.end,
            fields,
        })
    })
}

/// A revision history kept in YAML: a key naming one (`majorRevisions:`) whose value is a list
/// of mappings (`- date: Jun 1 2018`). Its latest entry (highest version, else the last) gives
/// the fields its keys name, as a revision table's columns do.
pub fn from_yaml_revisions(meta: &Meta, vocab: &Vocabulary) -> Option<Meta> {
    meta.fields.iter().find_map(|f| {
        // The shape first: it is one comparison, and few values are lists.
        let NodeKind::Seq(items) = &f.value.kind else {
            return None;
        };
        if !vocab.is_revision_key(&f.key) {
            return None;
        }
        let rows: Vec<&Vec<(Node, Node)>> = items
            .iter()
            .filter_map(|n| match &n.kind {
                NodeKind::Map(pairs) => Some(pairs),
                _ => None,
            })
            .collect();
        let version_of = |r: &Vec<(Node, Node)>| {
            r.iter()
                .find(|(k, _)| k.as_str().and_then(|k| vocab.revision_column(k)) == Some("version"))
                .and_then(|(_, v)| version_number(v.as_str()?))
        };
        let versions: Option<Vec<Vec<u64>>> = rows.iter().map(|r| version_of(r)).collect();
        let latest = match versions {
            Some(v) if !v.is_empty() => {
                let mut best = 0;
                for (i, x) in v.iter().enumerate() {
                    if *x >= v[best] {
                        best = i;
                    }
                }
                rows[best]
            }
            _ => *rows.last()?,
        };
        let fields: Vec<MetaField> = latest
            .iter()
            .filter_map(|(k, v)| {
                let kind = vocab.revision_column(k.as_str()?)?;
                let text = v.as_str()?.trim();
                if text.is_empty() || (kind == "date" && !text.chars().any(|c| c.is_ascii_digit())) {
                    return None;
                }
                let canonical = if kind == "date" { "last_reviewed" } else { kind };
                Some(scalar_field(
                    k.as_str()?.to_owned(),
                    k.span.clone(),
                    text.to_owned(),
                    v.span.clone(),
                    Some(canonical.to_owned()),
                ))
            })
            .collect();
        (!fields.is_empty()).then(|| Meta {
            source: MetaSource::RevisionHistory,
            span: f.value.span.clone(),
            insert_at: meta.insert_at.clone(),
            fields,
        })
    })
}

/// The text of the last non-blank line before `pos` when it is a bold line (`**Revision
/// History**`, `**Document history:**`), without its marks and colon.
fn bold_line_before(src: &str, pos: usize) -> Option<&str> {
    let line = src
        .get(..pos)?
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())?
        .trim();
    let inner = line.trim_end_matches(':');
    let inner = inner
        .strip_prefix("**")
        .and_then(|l| l.strip_suffix("**"))
        .or_else(|| inner.strip_prefix("__").and_then(|l| l.strip_suffix("__")))?;
    Some(inner.trim_end_matches(':').trim())
}

/// `1.2.3`, `v2`, `V1.0` as numbers to compare.
fn version_number(text: &str) -> Option<Vec<u64>> {
    let t = text.trim().trim_start_matches(['v', 'V']);
    t.split('.').map(|p| p.parse().ok()).collect()
}

/// Path defaults as a source: fields without a place in the document (empty spans at its start).
pub fn from_defaults(defaults: &[(String, String)], at: usize) -> Meta {
    Meta {
        source: MetaSource::Defaults,
        span: at..at,
        insert_at: at..at,
        fields: defaults
            .iter()
            .map(|(k, v)| scalar_field(k.clone(), at..at, v.clone(), at..at, Some(k.clone())))
            .collect(),
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

    fn parse(src: &str) -> super::super::Document {
        super::super::Document::parse("a.md".into(), src)
    }

    #[test]
    fn table_source() {
        let src = "# SOP\n\n| | |\n|---|---|\n| **Document ID** | SOP-01 |\n| **Process Owner** | QMO |\n\n## Next\n";
        let d = parse(src);
        let meta = d.meta.unwrap();
        assert_eq!(meta.source, MetaSource::Table);
        assert_eq!(meta.get("owner").unwrap().value.as_str(), Some("QMO"));
        assert_eq!(&src[meta.get("id").unwrap().value.span.clone()], "SOP-01");
    }

    #[test]
    fn label_lines_with_emoji_and_pipes() {
        let src = "# Access Policy\n\n👤 **Document Owner:** Head of IT | 🔢 **Version:** 3.1 | **Last Updated:** 2026-02-14 (UTC)\n**Review Cycle**: Quarterly · **Next Review:** 2026-05-14\n\n## Purpose\n\n**Owner:** not metadata\n";
        let d = parse(src);
        let m = d.meta.unwrap();
        assert_eq!(m.source, MetaSource::LabelLines);
        let v = |k: &str| {
            let f = m.get(k).unwrap();
            (
                f.value.as_str().unwrap().to_owned(),
                src[f.value.span.clone()].to_owned(),
            )
        };
        assert_eq!(v("owner").0, "Head of IT");
        assert_eq!(v("owner").1, "Head of IT");
        assert_eq!(v("version").1, "3.1");
        assert_eq!(v("last_reviewed").1, "2026-02-14");
        assert_eq!(v("review_cycle").1, "Quarterly");
        assert_eq!(v("next_review").1, "2026-05-14");
        assert_eq!(d.sources.len(), 1);
    }

    #[test]
    fn header_after_a_level_two_title() {
        let src = "## Access Policy\n\n**Owner:** Head of IT | **Version:** 1.0\n\n## Purpose\n\n**Status:** not metadata\n";
        let d = parse(src);
        let m = d.meta.unwrap();
        assert_eq!(m.get("owner").unwrap().value.as_str(), Some("Head of IT"));
        assert_eq!(m.get("title").unwrap().value.as_str(), Some("Access Policy"));
        assert!(m.get("status").is_none());
        // Label lines above a first `##` heading are the header; that heading's section is not.
        let src = "**Owner:** Head of IT\n\n## Purpose\n\n**Status:** draft\n";
        let m = parse(src).meta.unwrap();
        assert!(m.get("status").is_none());
    }

    #[test]
    fn label_lines_in_code_never_count() {
        let d = parse("# T\n\n```\n**Owner:** x\n```\n\n`**Version:** 1`\n");
        assert!(d.meta.is_none(), "{:?}", d.meta);
    }

    #[test]
    fn footer_and_revision_history() {
        let src = "# P\n\n## Scope\n\nText.\n\n## Revision history\n\n| Version | Date | Author | Approved by | Changes |\n|---|---|---|---|---|\n| 1.2 | 2026-01-05 | Ann | Bob | x |\n| 1.10 | 2026-03-01 | Cy | Di | y |\n| 1.9 | 2026-02-01 | Ed | Fa | z |\n\n## Document control\n\n- **Owner:** Head of IT\n- **Status:** approved\n";
        let d = parse(src);
        assert_eq!(d.sources.len(), 2);
        let m = d.meta.unwrap();
        assert_eq!(m.get("owner").unwrap().value.as_str(), Some("Head of IT"));
        assert_eq!(m.get("version").unwrap().value.as_str(), Some("1.10"));
        assert_eq!(m.get("last_reviewed").unwrap().value.as_str(), Some("2026-03-01"));
        assert_eq!(m.get("approver").unwrap().value.as_str(), Some("Di"));
        assert_eq!(m.get("author").unwrap().value.as_str(), Some("Cy"));
    }

    #[test]
    fn footer_table_with_a_version_column_is_a_revision_history() {
        let src = "# SOP\n\n**Type:** SOP\n\n## Steps\n\nDo.\n\n## 📋 Document control\n\n| Version | Date | Approved by |\n|---|---|---|\n| 1.0 | 1 March 2026 | Bob |\n";
        let d = parse(src);
        let m = d.meta.unwrap();
        assert_eq!(m.get("type").unwrap().value.as_str(), Some("procedure"));
        assert_eq!(&src[m.get("type").unwrap().value.span.clone()], "SOP");
        assert_eq!(m.get("approver").unwrap().value.as_str(), Some("Bob"));
        assert_eq!(
            m.get("last_reviewed").unwrap().value.as_str(),
            Some("1 March 2026")
        );
    }

    #[test]
    fn revision_table_under_a_bold_line() {
        let src = "# P\n\n## Scope\n\nText.\n\n**Revision History:**\n\n| Rev | Date of change | Changed by | Reviewed/Approved by |\n|---|---|---|---|\n| 1.0 | 2025-01-05 | Ann | Bob |\n| 1.1 | 2026-03-01 | Cy | Di |\n";
        let d = parse(src);
        let m = d.meta.unwrap();
        assert_eq!(m.source, MetaSource::RevisionHistory);
        assert_eq!(m.get("version").unwrap().value.as_str(), Some("1.1"));
        assert_eq!(m.get("approver").unwrap().value.as_str(), Some("Di"));
        assert_eq!(m.get("last_reviewed").unwrap().value.as_str(), Some("2026-03-01"));
        // A bold line that names something else does not make a table a revision history.
        assert!(
            parse("# P\n\n**Prices**\n\n| Version | Date |\n|---|---|\n| 1 | 2026-01-01 |\n")
                .meta
                .is_none()
        );
    }

    #[test]
    fn yaml_revision_list() {
        let src = "name: Incident Policy\nmajorRevisions:\n  - date: Jun 1 2018\n    comment: Initial document\n  - date: Jan 5 2019\n    comment: Roles\n---\n# Incident Policy\n";
        let d = parse(src);
        let m = d.meta.unwrap();
        let f = m.get("last_reviewed").unwrap();
        assert_eq!(&src[f.value.span.clone()], "Jan 5 2019");
        assert_eq!(d.sources[1].source, MetaSource::RevisionHistory);
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
