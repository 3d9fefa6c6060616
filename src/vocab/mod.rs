//! The document-control vocabulary: which label means which canonical field, which headings open
//! a footer or a revision history, which column names a revision table uses, the other names of
//! document types, and the review-cycle words. All of it is data: the pack's
//! `[document-control]` and `[review]` tables, extended by `smslint.toml` under the same names.
//!
//! Pure: built once per run from already-read TOML; parsing and checks only look things up.

use std::collections::BTreeMap;

use globset::GlobSet;
use serde::Deserialize;

use crate::dates::Duration;

pub mod fields;

/// Where a document's control metadata was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MetaSource {
    /// A YAML front-matter block.
    FrontMatter,
    /// A YAML block without an opening `---`, ended by a `---` line.
    HeaderlessYaml,
    /// A two-column document-control table under the title or in a footer.
    Table,
    /// Bold label lines (`**Owner:** Head of IT | **Version:** 3.1`) in the header or a footer.
    LabelLines,
    /// The latest row of a revision-history table.
    RevisionHistory,
    /// `[[document-control.defaults]]` of the configuration for the document's path.
    Defaults,
}

impl MetaSource {
    /// How the source is named in messages.
    pub fn describe(self) -> &'static str {
        match self {
            Self::FrontMatter => "the front-matter",
            Self::HeaderlessYaml => "the YAML header",
            Self::Table => "the document-control table",
            Self::LabelLines => "the label lines",
            Self::RevisionHistory => "the revision history",
            Self::Defaults => "the path defaults",
        }
    }
}

/// `[document-control]` vocabulary as a pack or `smslint.toml` writes it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawDocVocab {
    /// Canonical field → labels.
    #[serde(default)]
    pub labels: BTreeMap<String, Vec<String>>,
    /// Headings that open a footer block of label lines.
    #[serde(default)]
    pub footer_headings: Vec<String>,
    /// Headings of a revision-history table.
    #[serde(default)]
    pub revision_headings: Vec<String>,
    /// What a revision-history column gives → its names.
    #[serde(default)]
    pub revision_columns: BTreeMap<String, Vec<String>>,
    /// Canonical type → other names.
    #[serde(default)]
    pub type_synonyms: BTreeMap<String, Vec<String>>,
    /// The document types a configuration without `types` accepts.
    pub types: Option<Vec<String>>,
    /// The statuses a configuration without `statuses` accepts.
    pub statuses: Option<Vec<String>>,
    /// The status of an approved document.
    pub approved_status: Option<String>,
    /// The status of a retired document.
    pub retired_status: Option<String>,
    /// The fields every document must give.
    pub required: Option<Vec<String>>,
    /// The fields an approved document must also give.
    pub required_when_approved: Option<Vec<String>>,
    /// The pattern of a document id.
    pub id_pattern: Option<String>,
    /// The pattern of a version.
    pub version_pattern: Option<String>,
}

/// `[roles]` vocabulary as a pack writes it: how the roles register and process documents
/// name roles; `smslint.toml`'s `[roles]` replaces each list it gives.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawRoleVocab {
    /// The document type of the roles register.
    pub register_type: Option<String>,
    /// The column of the register that names the role.
    pub role_header: Option<String>,
    /// The heading under which a register lists roles as headings.
    pub roles_heading: Option<String>,
    /// Columns that name the person holding a role.
    pub person_headers: Option<Vec<String>>,
    /// Columns that give a role's responsibilities.
    pub responsibilities_headers: Option<Vec<String>>,
    /// Document types that are processes (they need roles).
    pub process_types: Option<Vec<String>>,
    /// Sections of a process that state its roles.
    pub sections: Option<Vec<String>>,
}

/// `[review]` vocabulary as a pack writes it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawReviewVocab {
    /// Cycle word → duration.
    #[serde(default)]
    pub cycles: BTreeMap<String, String>,
    /// Types never checked for staleness.
    pub excluded_types: Option<Vec<String>>,
    /// The review cycle of a document that states none.
    pub default_cycle: Option<String>,
    /// How long before its due date a review is reported as due soon.
    pub warn_within: Option<String>,
    /// The longest review cycle a document may state (SMS305).
    pub max_cycle: Option<String>,
}

/// What a revision-history column gives.
pub const REVISION_COLUMNS: [&str; 5] = ["version", "date", "author", "owner", "approver"];

/// Every metadata source, in precedence order, with its name in `sources = [...]`.
pub const SOURCES: [(MetaSource, &str); 5] = [
    (MetaSource::FrontMatter, "front-matter"),
    (MetaSource::HeaderlessYaml, "headerless-yaml"),
    (MetaSource::Table, "table"),
    (MetaSource::LabelLines, "label-lines"),
    (MetaSource::RevisionHistory, "revision-history"),
];

/// Field defaults for documents under some paths (`[[document-control.defaults]]`).
#[derive(Debug, Clone)]
pub struct PathDefault {
    /// Which documents.
    pub paths: GlobSet,
    /// Canonical field → value.
    pub fields: Vec<(String, String)>,
}

/// The resolved vocabulary of a run. Keys are stored normalized (see [`norm`]).
#[derive(Debug, Clone)]
pub struct Vocabulary {
    /// Enabled sources.
    pub sources: Vec<MetaSource>,
    labels: Vec<(String, String)>,
    /// Canonical field → the first label the vocabulary gives it, as written.
    first_labels: Vec<(String, String)>,
    footer_headings: Vec<String>,
    revision_headings: Vec<String>,
    revision_columns: Vec<(String, String)>,
    type_synonyms: Vec<(String, String)>,
    /// (key, the word as messages show it, duration).
    cycles: Vec<(String, String, Duration)>,
    /// Types never checked for staleness.
    pub excluded_types: Vec<String>,
    excluded_set: bool,
    /// The longest review cycle a document may state (SMS305); `None`: any.
    pub max_cycle: Option<Duration>,
    /// Field defaults by path, first match wins.
    pub defaults: Vec<PathDefault>,
    /// The types a title or file name may name when a document states none (empty: none is
    /// taken from a title; see [`Vocabulary::type_named_by`]).
    pub title_types: Vec<String>,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Self::new()
    }
}

/// Text reduced for comparing labels: the one normaliser, [`crate::text::key`].
pub fn norm(text: &str) -> String {
    crate::text::key(text)
}

/// A cycle word as messages list it: the words of [`crate::text::scan`], unfolded (`every
/// three years`, not the key `every three year`).
fn shown(text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    crate::text::scan(text, |w| words.extend(w.map(str::to_owned)));
    words.join(" ")
}

impl Vocabulary {
    /// An empty vocabulary with every source on.
    pub fn new() -> Self {
        Self {
            sources: SOURCES.iter().map(|(s, _)| *s).collect(),
            labels: Vec::new(),
            first_labels: Vec::new(),
            footer_headings: Vec::new(),
            revision_headings: Vec::new(),
            revision_columns: Vec::new(),
            type_synonyms: Vec::new(),
            cycles: Vec::new(),
            excluded_types: Vec::new(),
            excluded_set: false,
            max_cycle: None,
            defaults: Vec::new(),
            title_types: Vec::new(),
        }
    }

    /// Add a pack's or a configuration's lists. Entries added earlier win over later ones, so a
    /// configuration is added before the packs. Cycle values must already be valid durations.
    pub fn extend(&mut self, doc: &RawDocVocab, review: &RawReviewVocab) {
        let pairs = |map: &BTreeMap<String, Vec<String>>, out: &mut Vec<(String, String)>| {
            for (canon, names) in map {
                out.push((norm(canon), canon.clone()));
                out.extend(names.iter().map(|n| (norm(n), canon.clone())));
            }
        };
        pairs(&doc.labels, &mut self.labels);
        for (canon, names) in &doc.labels {
            if let Some(first) = names.first() {
                if !self.first_labels.iter().any(|(c, _)| c == canon) {
                    self.first_labels.push((canon.clone(), first.clone()));
                }
            }
        }
        pairs(&doc.revision_columns, &mut self.revision_columns);
        pairs(&doc.type_synonyms, &mut self.type_synonyms);
        self.footer_headings
            .extend(doc.footer_headings.iter().map(|h| norm(h)));
        self.revision_headings
            .extend(doc.revision_headings.iter().map(|h| norm(h)));
        for (word, d) in &review.cycles {
            if let Ok(d) = Duration::parse(d) {
                self.cycles.push((norm(word), shown(word), d));
            }
        }
        if self.max_cycle.is_none() {
            self.max_cycle = review.max_cycle.as_deref().and_then(|d| Duration::parse(d).ok());
        }
        if let Some(t) = review.excluded_types.as_ref().filter(|_| !self.excluded_set) {
            self.excluded_types.clone_from(t);
            self.excluded_set = true;
        }
    }

    /// The canonical field a label stands for.
    pub fn field_of_label(&self, label: &str) -> Option<&str> {
        let n = norm(label);
        if n.is_empty() {
            return None;
        }
        lookup(&self.labels, &n).or_else(|| fields::NAMES.iter().copied().find(|f| norm(f) == n))
    }

    /// How the vocabulary writes a field as a label: its first label (`Document ID` for `id`),
    /// with a capital first letter; else the field's name with blanks for `_`.
    pub fn label_for(&self, field: &str) -> String {
        let label = self
            .first_labels
            .iter()
            .find(|(c, _)| c == field)
            .map_or_else(|| field.replace('_', " "), |(_, l)| l.clone());
        let mut chars = label.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }

    /// What a revision-history column gives (`version`, `date`, `author`, `owner`, `approver`).
    pub fn revision_column(&self, header: &str) -> Option<&str> {
        lookup(&self.revision_columns, &norm(header))
    }

    /// Whether a heading (or bold line) opens a document-control footer.
    pub fn is_footer_heading(&self, text: &str) -> bool {
        let n = norm(text);
        !n.is_empty() && self.footer_headings.contains(&n)
    }

    /// Whether a heading introduces a revision history.
    pub fn is_revision_heading(&self, text: &str) -> bool {
        let n = norm(text);
        !n.is_empty() && self.revision_headings.contains(&n)
    }

    /// The canonical type a type name stands for: one of `types` (any case), else a synonym's.
    pub fn canonical_type<'a>(&'a self, text: &str, types: &'a [String]) -> Option<&'a str> {
        let n = norm(text);
        types
            .iter()
            .find(|t| norm(t) == n)
            .map(String::as_str)
            .or_else(|| lookup(&self.type_synonyms, &n))
    }

    /// Whether a YAML key names a revision history (`majorRevisions`, `revision_history`):
    /// compared like a heading, with the blanks between words also ignored.
    pub fn is_revision_key(&self, key: &str) -> bool {
        let squash = |s: &str| s.replace(' ', "");
        let k = squash(&norm(key));
        !k.is_empty() && self.revision_headings.iter().any(|h| squash(h) == k)
    }

    /// The type that a title or file name stem names by its last or else its first one to
    /// four words (`Access Control Policy`, `incident_response_plan`, `SOP Clinical
    /// Evaluation`, `Policy on Remote Work`), through the configured types and their synonyms.
    /// A title names its kind at one of its ends: `Change Records Policy` is no record.
    pub fn type_named_by(&self, title: &str) -> Option<&str> {
        if self.title_types.is_empty() {
            return None;
        }
        let spaced = title.replace(['_', '-'], " ");
        let words: Vec<&str> = spaced.split_whitespace().collect();
        let n = words.len().min(4);
        let tail = (1..=n).rev().map(|k| words[words.len() - k..].join(" "));
        let head = (1..=n).rev().map(|k| words[..k].join(" "));
        tail.chain(head)
            .find_map(|t| self.canonical_type(&t, &self.title_types))
    }

    /// The canonical type a synonym stands for (`SOP` → `procedure`).
    pub fn type_synonym(&self, text: &str) -> Option<&str> {
        lookup(&self.type_synonyms, &norm(text))
    }

    /// A review cycle: a cycle word of the vocabulary, `every N months` or the duration grammar.
    pub fn cycle(&self, text: &str) -> Result<Duration, String> {
        let n = norm(text);
        if let Some((_, _, d)) = self.cycles.iter().find(|(w, _, _)| *w == n) {
            return Ok(*d);
        }
        let lower = text.trim().to_lowercase();
        let bare = lower.strip_prefix("every ").unwrap_or(&lower);
        Duration::parse(bare).map_err(|_| {
            format!(
                "`{}` is not a review cycle: write a duration (`12 months`) or one of {}",
                text.trim(),
                self.cycle_words()
            )
        })
    }

    fn cycle_words(&self) -> String {
        let mut words: Vec<&str> = Vec::new();
        for (_, w, _) in &self.cycles {
            if !words.contains(&w.as_str()) {
                words.push(w);
            }
        }
        words
            .iter()
            .take(8)
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether a source is switched on.
    pub fn uses(&self, source: MetaSource) -> bool {
        self.sources.contains(&source)
    }

    /// The defaults for a document at `path`: the first matching entry's fields.
    pub fn defaults_for(&self, path: &str) -> &[(String, String)] {
        self.defaults
            .iter()
            .find(|d| d.paths.is_match(path))
            .map_or(&[], |d| d.fields.as_slice())
    }
}

fn lookup<'a>(pairs: &'a [(String, String)], n: &str) -> Option<&'a str> {
    if n.is_empty() {
        return None;
    }
    pairs.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str())
}
