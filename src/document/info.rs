//! A document's control facts (id, type, status, clauses, title), read once from its metadata
//! with the configured field names; the repository index and the roles register keep them.

use std::ops::Range;

use crate::config::Config;
use crate::document::{Document, MetaField};

/// The control facts of one document, read once with the configured field names.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
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
