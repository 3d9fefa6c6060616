//! The repository as one body of evidence: every parsed document plus the indexes that
//! cross-document checks look things up in. Built once per run, after parsing.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::config::Config;
use crate::document::{Document, MetaField};
use crate::roles::RoleIndex;
use crate::workspace::Tree;

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
    /// Document index by repository-relative path.
    pub by_path: HashMap<String, usize>,
    /// Link targets of each document: heading anchors in the configured style (`[links]
    /// anchors`) and HTML anchors; parallel to `docs`.
    pub anchors: Vec<HashSet<String>>,
    /// The roles register.
    pub roles: RoleIndex,
    /// Indexes of each document's tables that are RACI matrices; parallel to `docs`.
    pub raci: Vec<Vec<usize>>,
    /// Every file and folder under the root (repository-relative), for link checks; documents
    /// always count.
    pub files: HashSet<String>,
    /// The paths among `files` that are symbolic links (never followed).
    pub symlinks: HashSet<String>,
    /// What the CODEOWNERS check needs.
    pub codeowners: crate::checks::codeowners::Facts,
}

impl Repo {
    /// Index parsed documents (which must be sorted by path) and the walked tree.
    pub fn build(docs: Vec<Document>, config: &Config, tree: Tree) -> Self {
        let info: Vec<DocInfo> = docs.iter().map(|d| DocInfo::read(d, config)).collect();
        let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, inf) in info.iter().enumerate() {
            if let Some((id, _)) = &inf.id {
                by_id.entry(id.clone()).or_default().push(i);
            }
        }
        let by_path = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.path.clone(), i))
            .collect();
        let anchors = docs
            .iter()
            .map(|d| crate::checks::links::anchor_set(d, config.links.anchors))
            .collect();
        let roles = RoleIndex::build(&docs, &info, config);
        let raci = docs
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let register = roles.registers.contains(&i);
                d.body
                    .tables
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| {
                        crate::roles::is_raci(d, t, &config.roles.role_header)
                            && !(register && is_register_table(t, config))
                    })
                    .map(|(ti, _)| ti)
                    .collect()
            })
            .collect();
        Self {
            docs,
            info,
            by_id,
            by_path,
            anchors,
            roles,
            raci,
            files: tree.files,
            symlinks: tree.symlinks,
            codeowners: tree.codeowners,
        }
    }

    /// Whether `path` (repository-relative) is a file or folder of the repository.
    pub fn exists(&self, path: &str) -> bool {
        self.files.contains(path) || self.by_path.contains_key(path)
    }
}

/// A person-to-role table of a register is not a RACI matrix.
fn is_register_table(t: &crate::document::Table, config: &Config) -> bool {
    let heads: Vec<String> = t.header.iter().map(|c| crate::roles::norm(&c.text)).collect();
    heads.contains(&crate::roles::norm(&config.roles.role_header))
}
