//! The repository as one body of evidence: every parsed document plus the indexes that
//! cross-document checks look things up in. Built once per run, after parsing.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::config::{AnchorStyle, Config};
pub use crate::document::DocInfo;
use crate::document::{Anchors, Document};
use crate::roles::RoleIndex;
use crate::slug;
use crate::workspace::Tree;

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
    pub anchors: Vec<Anchors>,
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
    pub codeowners: crate::workspace::CodeownersFacts,
}

impl Repo {
    /// Index parsed documents (which must be sorted by path) and the walked tree.
    pub fn build(mut docs: Vec<Document>, config: &Config, tree: Tree) -> Self {
        // Each document's facts are its own: read in parallel.
        // Each document's facts are its own; `check` read them in its per-document stage (and
        // may have dropped the fields they are read from).
        let info: Vec<DocInfo> = docs
            .par_iter_mut()
            .map(|d| d.control.take().map_or_else(|| DocInfo::read(d, config), |c| *c))
            .collect();
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
        // The per-document stage of `check` computed them already (and may have dropped what
        // they are computed from).
        let anchors = docs
            .par_iter_mut()
            .map(|d| {
                d.link_targets
                    .take()
                    .unwrap_or_else(|| anchor_set(d, config.links.anchors))
            })
            .collect();
        let roles = RoleIndex::build(&docs, &info, config);
        let registers: HashSet<usize> = roles.registers.iter().copied().collect();
        let raci = docs
            .par_iter()
            .enumerate()
            .map(|(i, d)| {
                let register = registers.contains(&i);
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

/// The anchors a document offers in `style`: heading anchors and its HTML anchors (`<a id>`,
/// `<a name>`, `id=` on any tag), which every renderer keeps.
pub fn anchor_set(doc: &Document, style: AnchorStyle) -> Anchors {
    let headings = &doc.body.headings;
    let mut names: Vec<String> = match style {
        AnchorStyle::Auto => slug::slugs(headings.iter().map(|h| h.text.as_str()))
            .into_iter()
            .chain(headings.iter().filter_map(|h| h.id.as_deref().map(str::to_owned)))
            .collect(),
        // GitHub renders an attribute block as text, so it is part of the slug.
        AnchorStyle::Github => {
            let texts: Vec<String> = headings
                .iter()
                .map(|h| match &h.attr_block {
                    Some(a) => format!("{} {a}", h.text),
                    None => h.text.clone(),
                })
                .collect();
            slug::slugs(texts.iter().map(String::as_str))
        }
        // A heading with an explicit id gets no automatic one, and takes no number from the
        // automatic ones.
        AnchorStyle::Kramdown | AnchorStyle::Pandoc => {
            let dialect = if style == AnchorStyle::Kramdown {
                slug::Dialect::Kramdown
            } else {
                slug::Dialect::Pandoc
            };
            let auto = headings
                .iter()
                .filter(|h| h.id.is_none())
                .map(|h| h.text.as_str());
            slug::dialect_slugs(dialect, auto)
                .into_iter()
                .chain(headings.iter().filter_map(|h| h.id.as_deref().map(str::to_owned)))
                .collect()
        }
    };
    names.extend(doc.body.anchors.iter().cloned());
    Anchors::new(names)
}

/// A person-to-role table of a register is not a RACI matrix.
fn is_register_table(t: &crate::document::Table, config: &Config) -> bool {
    let heads: Vec<String> = t.header.iter().map(|c| crate::roles::norm(&c.text)).collect();
    heads.contains(&crate::roles::norm(&config.roles.role_header))
}
