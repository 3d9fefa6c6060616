//! Placeholder text: template leftovers in approved documents. Pure: matches the pack's
//! placeholder patterns against the source text outside code.

use super::{Context, field};
use crate::document::Document;
use crate::finding::Finding;

check_kind! {
    /// ## What it checks
    /// The text of every document, front-matter included but code spans and code blocks
    /// left out, against the placeholder patterns of the loaded packs (`[content]
    /// placeholders`): by default `TBD`, `TBC`, `TODO`, `FIXME`, `<insert …>`,
    /// `[Insert …]`, `[Organization Name]`, `{{…}}`, `lorem ipsum` and `coming soon`. Each
    /// match is a finding on the matched text.
    ///
    /// Drafts and documents in review are not checked (placeholders are what drafts are
    /// for); approved documents and documents with no status are.
    ///
    /// ## Why auditors care
    /// An approved policy that still says `[Organization Name]` or `TBD` was approved without
    /// being read. Auditors treat it as a sign that document control (clause 7.5.2) is a
    /// formality, and the placeholder itself is a gap in the required content.
    ///
    /// ## How to fix
    /// Replace the placeholder with the real content. If a pattern does not suit your
    /// documents, put your own list in an in-house pack, or suppress one occurrence with
    /// `<!-- smslint-disable-next-line SMS503 -- reason -->`.
    ///
    /// ## Example
    /// Failing: `Owner: TBD` or `This policy applies to {{companyName}}.` Passing: `Owner:
    /// Head of Service Management`.
    KIND = "placeholder" {
        run: crate::checks::Scope::Document(check);
        PLACEHOLDER_TEXT: "SMS503" "placeholder-text" Error => "Template placeholder text is left in a document",
    }
}

/// Check one document's text.
pub fn check(doc: &Document, src: &str, cx: &Context<'_>, out: &mut Vec<Finding>) {
    let status = field(doc, cx, "status")
        .and_then(|f| f.value.as_str())
        .map(str::trim);
    if status.is_some_and(|s| !s.is_empty() && !s.eq_ignore_ascii_case(&cx.config.doc.approved_status)) {
        return;
    }
    let mut hits: Vec<std::ops::Range<usize>> = cx
        .packs
        .placeholders()
        .flat_map(|re| re.find_iter(src).map(|m| m.range()))
        .filter(|r| !doc.body.code.iter().any(|c| c.start < r.end && r.start < c.end))
        .filter(|r| {
            !doc.body
                .suppressions
                .iter()
                .any(|s| s.span.start <= r.start && r.end <= s.span.end)
        })
        .collect();
    hits.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut last_end = 0;
    for r in hits {
        if r.start < last_end {
            continue;
        }
        last_end = r.end;
        let text = &src[r.clone()];
        out.push(
            Finding::new(
                &PLACEHOLDER_TEXT,
                format!("Placeholder `{text}` left in the document"),
            )
            .at(&doc.path, r)
            .subject(text.to_string())
            .help("Replace it with the real content before the document is approved"),
        );
    }
}
