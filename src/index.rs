//! The repository as one body of evidence: every parsed document plus the indexes that
//! cross-document checks look things up in. Built once per run, after parsing.

use std::collections::HashMap;
use std::ops::Range;

use crate::config::Config;
use crate::document::{Document, MetaField};

/// The control facts of one document, read once with the configured field names.
#[derive(Debug, Clone, Default)]
pub struct DocInfo {
    /// `id` text and span.
    pub id: Option<(String, Range<usize>)>,
    /// `type` text.
    pub doc_type: Option<String>,
    /// `status` text and span.
    pub status: Option<(String, Range<usize>)>,
    /// `clauses` items.
    pub clauses: Vec<(String, Range<usize>)>,
    /// `satisfies` items.
    pub satisfies: Vec<String>,
    /// `title` text.
    pub title: Option<String>,
}

impl DocInfo {
    /// Read a document's control facts.
    pub fn read(doc: &Document, config: &Config) -> Self {
        let field = |name: &str| -> Option<&MetaField> { doc.meta.as_ref()?.get(config.key(name)) };
        let scalar = |name: &str| {
            field(name)
                .filter(|f| !f.value.is_empty())
                .and_then(|f| Some((f.value.as_str()?.trim().to_owned(), f.value.span.clone())))
        };
        let list = |name: &str| -> Vec<(String, Range<usize>)> {
            field(name).map_or_else(Vec::new, |f| {
                f.value
                    .items()
                    .into_iter()
                    .filter_map(|n| Some((n.as_str()?.trim().to_owned(), n.span.clone())))
                    .collect()
            })
        };
        Self {
            id: scalar("id"),
            doc_type: scalar("type").map(|(t, _)| t),
            status: scalar("status"),
            clauses: list("clauses"),
            satisfies: list("satisfies").into_iter().map(|(s, _)| s).collect(),
            title: scalar("title").map(|(t, _)| t),
        }
    }

    /// The status text, if any.
    pub fn status_text(&self) -> Option<&str> {
        self.status.as_ref().map(|(s, _)| s.as_str())
    }
}

/// Every document of the repository and its indexes.
#[derive(Debug, Default)]
pub struct Repo {
    /// Documents sorted by path.
    pub docs: Vec<Document>,
    /// Control facts, parallel to `docs`.
    pub info: Vec<DocInfo>,
    /// Document indexes by id.
    pub by_id: HashMap<String, Vec<usize>>,
}

impl Repo {
    /// Index parsed documents (which must be sorted by path).
    pub fn build(docs: Vec<Document>, config: &Config) -> Self {
        let info: Vec<DocInfo> = docs.iter().map(|d| DocInfo::read(d, config)).collect();
        let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, inf) in info.iter().enumerate() {
            if let Some((id, _)) = &inf.id {
                by_id.entry(id.clone()).or_default().push(i);
            }
        }
        Self { docs, info, by_id }
    }
}
