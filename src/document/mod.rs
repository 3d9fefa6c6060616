//! A parsed SMS document: its document-control metadata and the Markdown structure that checks
//! read. Parsing is pure (text in, [`Document`] out); reading files happens in [`load`].

mod anchors;
pub mod front_matter;
mod info;
pub use crate::line_index;
pub mod markdown;
pub mod meta;
pub mod outline;

pub use anchors::Anchors;
pub use info::DocInfo;
use std::ops::Range;

pub use crate::intern::Name;

pub use front_matter::{Node, NodeKind};
pub use markdown::{Body, Cell, Heading, Link, Reference, Suppression, Table};
// The vocabulary and the canonical fields are data of the rules layer (`crate::vocab`), read
// by the packs and the configuration as well as by the parser.
pub use crate::vocab::{self, MetaSource, Vocabulary, fields};

/// One metadata field: the key as written, and its value.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct MetaField {
    /// Key as written (shared for the run: see [`crate::intern`]).
    pub key: Name,
    /// Byte range of the key.
    pub key_span: Range<usize>,
    /// Value with its span.
    pub value: Node,
    /// The canonical field the key stands for, per the vocabulary.
    pub canonical: Option<Name>,
}

/// Document-control metadata, independent of where it was written.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    /// Where it came from.
    pub source: MetaSource,
    /// The whole metadata block.
    pub span: Range<usize>,
    /// Where a missing field belongs: the closing `---` line of the block.
    pub insert_at: Range<usize>,
    /// Fields in source order, duplicates included.
    pub fields: Vec<MetaField>,
}

impl Meta {
    /// Metadata from a parsed YAML block whose YAML text ends at `yaml_end`; a missing field
    /// belongs before the closing `---` line.
    fn from_yaml(
        src: &str,
        fm: front_matter::FrontMatter,
        source: MetaSource,
        yaml_end: usize,
        vocab: &Vocabulary,
    ) -> Self {
        let block_end = fm.span.end;
        let close = yaml_end..yaml_end + src[yaml_end..block_end].trim_end().len();
        Self {
            source,
            span: fm.span,
            insert_at: close,
            fields: fm
                .entries
                .into_iter()
                .map(|e| MetaField {
                    canonical: vocab.field_of_label(&e.key).map(Name::new),
                    key: Name::from(e.key),
                    key_span: e.key_span,
                    value: e.value,
                })
                .collect(),
        }
    }

    /// The first field whose key matches `key` (ASCII case, `-` and `_` ignored), else the first
    /// whose key is a known alias of `key` (`Document Owner` for `owner`).
    pub fn get(&self, key: &str) -> Option<&MetaField> {
        self.fields.iter().find(|f| same_key(&f.key, key)).or_else(|| {
            self.fields
                .iter()
                .find(|f| f.canonical.as_deref().is_some_and(|c| same_key(c, key)))
        })
    }

    /// The first field standing for canonical field `canonical`.
    pub fn by_canonical(&self, canonical: &str) -> Option<&MetaField> {
        self.fields
            .iter()
            .find(|f| f.canonical.as_deref() == Some(canonical))
    }

    /// The canonical name of a field, else its key.
    fn name_of(f: &MetaField) -> &str {
        f.canonical.as_deref().unwrap_or(&f.key)
    }

    /// One view of several sources in precedence order: every field of the first, then the
    /// fields of each later source that no earlier source gives.
    fn merged(sources: &[Self]) -> Option<Self> {
        let first = sources.first()?;
        let mut out = first.clone();
        // Linear in the number of fields: a hostile file may hold many label lines.
        let mut given: std::collections::HashSet<String> = std::collections::HashSet::new();
        for (i, m) in sources.iter().enumerate() {
            if i > 0 {
                out.fields.extend(
                    m.fields
                        .iter()
                        .filter(|f| !given.contains(&key_norm(Self::name_of(f))))
                        .cloned(),
                );
            }
            given.extend(m.fields.iter().map(|f| key_norm(Self::name_of(f))));
        }
        Some(out)
    }
}

/// A key as [`same_key`] compares it.
// Not `text::key`: a YAML key is an identifier, so `owner` and `owners` stay two keys.
pub fn key_norm(key: &str) -> String {
    key.bytes()
        .map(|c| match c {
            b'-' | b' ' => '_',
            c => char::from(c.to_ascii_lowercase()),
        })
        .collect()
}

/// Keys compare without ASCII case and with `-`, `_` and spaces treated alike.
// Not `text::key`: a YAML key is an identifier (no plural or `and` folding), compared byte-wise.
pub fn same_key(a: &str, b: &str) -> bool {
    // Byte-wise: the separators are ASCII and ASCII case folding leaves the bytes of other
    // characters alone, so this is the same as comparing characters, without decoding them.
    let norm = |c: u8| match c {
        b'-' | b' ' => b'_',
        c => c.to_ascii_lowercase(),
    };
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| norm(x) == norm(y))
}

/// A problem reading or splitting the file, reported as an `SMS9xx` finding.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum InputProblem {
    /// The file could not be read.
    Unreadable(String),
    /// The file is not valid UTF-8.
    NotUtf8(String),
    /// Larger than the configured limit.
    TooLarge {
        /// Size in bytes.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The path is a symbolic link, which is never followed.
    Symlink {
        /// Whether it resolves outside the repository; `None` when it does not resolve (a
        /// dangling link or a loop).
        outside: Option<bool>,
    },
    /// The front-matter block is broken.
    MalformedFrontMatter {
        /// What is wrong.
        message: String,
        /// Where.
        span: Range<usize>,
    },
}

/// A parsed document. It keeps no copy of the source text: findings carry byte spans, and the
/// edge re-reads a file only to render a snippet.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Document {
    /// Repository-relative path with `/` separators.
    pub path: String,
    /// Length of the source in bytes.
    pub len: usize,
    /// Control metadata, when the document has any: every source merged, the first source's
    /// fields first (see [`Document::sources`]).
    pub meta: Option<Meta>,
    /// Each metadata source found, in precedence order (the header's label lines before a
    /// footer's), path defaults last.
    pub sources: Vec<Meta>,
    /// Whether a front-matter block (even an empty or broken one) opens the file.
    pub has_front_matter_block: bool,
    /// Where the Markdown body starts.
    pub body_start: usize,
    /// Where the header (the title and what follows it up to the first section) ends.
    pub header_end: usize,
    /// The Markdown structure.
    pub body: Body,
    /// Problems reading the file; a document with one may have no metadata or body.
    pub problems: Vec<InputProblem>,
    /// The anchors it offers to links, when the per-document stage has computed them (see
    /// [`Document::retain_for_repository`]); else the repository index computes them.
    pub link_targets: Option<Anchors>,
    /// Its control facts, when the per-document stage has read them (see
    /// [`Document::retain_for_repository`]); else the repository index reads them.
    pub control: Option<Box<DocInfo>>,
}

impl Document {
    /// An empty document that only carries an input problem.
    pub fn broken(path: String, problem: InputProblem) -> Self {
        Self {
            path,
            len: 0,
            meta: None,
            sources: Vec::new(),
            has_front_matter_block: false,
            body_start: 0,
            header_end: 0,
            body: Body::default(),
            problems: vec![problem],
            link_targets: None,
            control: None,
        }
    }

    /// Parse `src` (the whole file as text) with the built-in pack's vocabulary.
    pub fn parse(path: String, src: &str) -> Self {
        Self::parse_with(path, src, crate::pack::builtin_vocabulary())
    }

    /// Parse `src` (the whole file as text), reading metadata with `vocab`.
    pub fn parse_with(path: String, src: &str, vocab: &Vocabulary) -> Self {
        let start = if src.starts_with('\u{feff}') { 3 } else { 0 };
        let mut problems = Vec::new();
        let mut sources = Vec::new();
        let mut has_block = false;
        let body_start = match front_matter::split(src, start) {
            front_matter::Split::None => start,
            front_matter::Split::Unterminated { open } => {
                has_block = true;
                problems.push(InputProblem::MalformedFrontMatter {
                    message: "front-matter block is never closed with a `---` line".to_owned(),
                    span: open,
                });
                start
            }
            front_matter::Split::Block { block, yaml, body } => {
                has_block = true;
                match front_matter::parse(src, block.clone(), yaml.clone()) {
                    Ok(fm) if vocab.uses(MetaSource::FrontMatter) => {
                        sources.push(Meta::from_yaml(src, fm, MetaSource::FrontMatter, yaml.end, vocab));
                    }
                    Ok(_) => {}
                    Err(e) => problems.push(InputProblem::MalformedFrontMatter {
                        message: e.message,
                        span: e.span,
                    }),
                }
                body
            }
        };
        let mut body_start = body_start;
        if !has_block && vocab.uses(MetaSource::HeaderlessYaml) {
            if let Some((yaml, after)) = meta::split_headerless(src, start) {
                if let Ok(fm) = front_matter::parse(src, yaml.start..after, yaml.clone()) {
                    if !fm.entries.is_empty() {
                        body_start = after;
                        sources.push(Meta::from_yaml(
                            src,
                            fm,
                            MetaSource::HeaderlessYaml,
                            yaml.end,
                            vocab,
                        ));
                    }
                }
            }
        }
        let body = markdown::parse(src, body_start);
        let blocks = meta::Blocks::find(src, &body, body_start, vocab);
        let header_end = meta::header_end(src, &body, body_start);
        if vocab.uses(MetaSource::Table) {
            sources.extend(meta::from_table(&body, &blocks, vocab));
        }
        if vocab.uses(MetaSource::LabelLines) {
            sources.extend(meta::from_label_lines(src, &body, &blocks, vocab));
        }
        if vocab.uses(MetaSource::RevisionHistory) {
            let yaml: Vec<Meta> = sources
                .iter()
                .filter(|m| matches!(m.source, MetaSource::FrontMatter | MetaSource::HeaderlessYaml))
                .filter_map(|m| meta::from_yaml_revisions(m, vocab))
                .collect();
            sources.extend(yaml);
            sources.extend(meta::from_revision_history(src, &body, vocab));
        }
        let defaults = vocab.defaults_for(&path);
        if !defaults.is_empty() {
            sources.push(meta::from_defaults(defaults, body_start));
        }
        // Types compare through the vocabulary's synonyms: the value becomes the canonical type
        // and keeps the span of the words the author wrote.
        for f in sources.iter_mut().flat_map(|m| &mut m.fields) {
            if f.canonical.as_deref() == Some("type") || same_key(&f.key, "type") {
                if let NodeKind::Scalar { text, .. } = &mut f.value.kind {
                    if let Some(t) = vocab.type_synonym(text) {
                        *text = t.into();
                    }
                }
            }
        }
        let mut meta = Meta::merged(&sources);
        // Outside front-matter, the title is the document's H1 unless the metadata names one.
        if let Some(m) = meta.as_mut().filter(|m| m.source != MetaSource::FrontMatter) {
            if m.get("title").is_none() {
                if let Some(h) = meta::title_heading(src, &body, body_start) {
                    m.fields.push(MetaField {
                        key: Name::new("title"),
                        key_span: h.span.clone(),
                        value: Node {
                            kind: NodeKind::Scalar {
                                text: h.text.as_str().into(),
                                plain: true,
                            },
                            span: h.span.clone(),
                        },
                        canonical: Some(Name::new("title")),
                    });
                }
            }
        }
        // A document that states no type takes the one its title, else its file name, else its
        // folder names.
        if let Some(m) = meta.as_mut().filter(|m| m.get("type").is_none()) {
            let title = m
                .get("title")
                .and_then(|f| Some((f.value.as_str()?.to_owned(), f.value.span.clone())));
            let stem = path
                .rsplit('/')
                .next()
                .and_then(|n| n.rsplit_once('.'))
                .map(|(s, _)| s);
            // Else the nearest folder that names one (`processes/`, `runbooks/`): folders are
            // named in the plural, so a trailing `s` may be dropped.
            let folder = || {
                path.rsplit('/').skip(1).find_map(|dir| {
                    vocab
                        .type_named_by(dir)
                        .or_else(|| vocab.type_named_by(dir.strip_suffix('s')?))
                })
            };
            let at = m.insert_at.start..m.insert_at.start;
            let named = title
                .as_ref()
                .and_then(|(t, span)| Some((vocab.type_named_by(t)?, span.clone())))
                .or_else(|| Some((vocab.type_named_by(stem?)?, at.clone())))
                .or_else(|| Some((folder()?, at.clone())));
            if let Some((t, span)) = named {
                m.fields.push(MetaField {
                    key: Name::new("type"),
                    key_span: span.clone(),
                    value: Node {
                        kind: NodeKind::Scalar {
                            text: t.into(),
                            plain: true,
                        },
                        span,
                    },
                    canonical: Some(Name::new("type")),
                });
            }
        }
        Self {
            path,
            len: src.len(),
            meta,
            sources,
            has_front_matter_block: has_block,
            body_start,
            header_end,
            body,
            problems,
            link_targets: None,
            control: None,
        }
    }

    /// Drop what only the per-document stage reads, once it has run, so that a run holding
    /// every document for the repository checks keeps only what they read: the metadata
    /// sources (the merged [`Document::meta`] stays, with the fields `keep_field` accepts), code
    /// ranges, the tables `keep_table` rejects (it is asked before any is dropped, with the
    /// document whole), once [`Document::link_targets`] are computed the heading ids and HTML
    /// anchors they come from and, unless `keep_heading_texts` or a table is kept, every
    /// heading but the title heading ([`Document::title_heading`], without its text), and, unless `keep_link_context`, the text around each
    /// link. The vectors are shrunk to their length.
    pub fn retain_for_repository(
        &mut self,
        keep_table: impl Fn(&Self, &Table) -> bool,
        keep_field: impl Fn(&MetaField) -> bool,
        keep_heading_texts: bool,
        keep_link_context: bool,
    ) {
        let keep: Vec<bool> = self.body.tables.iter().map(|t| keep_table(self, t)).collect();
        let mut keep = keep.into_iter();
        self.body.tables.retain(|_| keep.next().unwrap_or(true));
        // A kept table's headings say what it is (a RACI matrix under a "RACI" heading). Without
        // one, what is left to read of the headings is where the title heading is.
        if !keep_heading_texts && self.body.tables.is_empty() && self.link_targets.is_some() {
            let title = self.title_heading().map(|h| Heading {
                text: String::new(),
                ..h.clone()
            });
            self.body.headings = title.into_iter().collect();
        }
        if let Some(m) = &mut self.meta {
            m.fields.retain(|f| keep_field(f));
        }
        self.sources = Vec::new();
        self.body.code = Vec::new();
        if self.link_targets.is_some() {
            // What the link targets are computed from, but for the heading texts.
            self.body.anchors = Vec::new();
            for h in &mut self.body.headings {
                h.id = None;
                h.attr_block = None;
            }
        }
        if !keep_link_context {
            for l in &mut self.body.links {
                l.context = Box::default();
            }
        }
        let b = &mut self.body;
        b.headings.shrink_to_fit();
        b.tables.shrink_to_fit();
        for t in &mut b.tables {
            t.rows.shrink_to_fit();
        }
        b.links.shrink_to_fit();
        b.anchors.shrink_to_fit();
        b.suppressions.shrink_to_fit();
        b.refs.shrink_to_fit();
        if let Some(m) = &mut self.meta {
            m.fields.shrink_to_fit();
        }
    }

    /// Whether the document itself states any metadata (path defaults do not count).
    pub fn has_own_meta(&self) -> bool {
        self.sources.iter().any(|m| m.source != MetaSource::Defaults)
    }

    /// The first H1, else the first heading: where a missing section or a document-level
    /// finding without a better place points.
    pub fn title_heading(&self) -> Option<&Heading> {
        self.body
            .headings
            .iter()
            .find(|h| h.level == 1)
            .or_else(|| self.body.headings.first())
    }

    /// Every byte range the document holds (metadata keys and values at any depth, headings,
    /// sections, tables and cells, links, suppressions, code, problems), for the invariant that
    /// property tests and fuzz targets check: each lies within the source, on char boundaries.
    pub fn spans(&self) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        out.push(self.body_start..self.body_start);
        for m in self.meta.iter().chain(&self.sources) {
            out.extend([m.span.clone(), m.insert_at.clone()]);
            let mut todo: Vec<&Node> = Vec::new();
            for f in &m.fields {
                out.push(f.key_span.clone());
                todo.push(&f.value);
            }
            while let Some(n) = todo.pop() {
                out.push(n.span.clone());
                match &n.kind {
                    NodeKind::Scalar { .. } => {}
                    NodeKind::Seq(items) => todo.extend(items),
                    NodeKind::Map(pairs) => todo.extend(pairs.iter().flat_map(|(k, v)| [k, v])),
                }
            }
        }
        let b = &self.body;
        for h in &b.headings {
            out.extend([h.span.clone(), h.span.start..h.section_end]);
        }
        for t in &b.tables {
            out.extend([t.span.clone(), t.header_span.clone()]);
            out.extend(
                t.header
                    .iter()
                    .chain(t.rows.iter().flatten())
                    .map(|c| c.span.clone()),
            );
        }
        out.extend(b.links.iter().map(|l| l.span.clone()));
        out.extend(b.suppressions.iter().map(|s| s.span.clone()));
        out.extend(b.code.iter().cloned());
        for p in &self.problems {
            if let InputProblem::MalformedFrontMatter { span, .. } = p {
                out.push(span.clone());
            }
        }
        out
    }

    /// Where something missing from the document should go: after the last heading's section,
    /// i.e. an empty span at the end of the document.
    pub fn end_span(&self) -> Range<usize> {
        self.len..self.len
    }
}

/// Bytes to text, or why not.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err("the file is UTF-16 (it starts with a UTF-16 byte-order mark)".to_owned());
    }
    String::from_utf8(bytes).map_err(|e| format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_front_matter() {
        let d = Document::parse("a.md".into(), "\u{feff}---\nid: POL-001\n---\n# Title\n");
        let meta = d.meta.unwrap();
        assert_eq!(meta.get("ID").unwrap().value.as_str(), Some("POL-001"));
        assert_eq!(d.body.headings[0].text, "Title");
    }

    #[test]
    fn keys_compare_loosely() {
        assert!(same_key("Last-Reviewed", "last_reviewed"));
        assert!(!same_key("owner", "owners"));
    }

    #[test]
    fn utf16_and_invalid() {
        assert!(decode(vec![0xFF, 0xFE, b'a', 0]).unwrap_err().contains("UTF-16"));
        assert!(decode(vec![b'a', 0xC3]).unwrap_err().contains("byte 1"));
    }
}
