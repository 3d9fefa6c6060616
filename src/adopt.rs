//! `smslint adopt`: read a repository written in its authors' own style and propose the
//! `smslint.toml` that makes smslint understand it — which metadata shapes it uses, which of
//! its front-matter keys mean which canonical field, and which folders hold which document type.
//!
//! Pure: takes parsed documents and the configuration they were read with, returns a
//! [`Proposal`]. Rendering it as TOML is the edge's business (`output::adopt`). Keys and folder
//! names come from the documents and are untrusted: they stay data here.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::config::Config;
use crate::document::{MetaSource, front_matter::NodeKind, same_key};
use crate::index::Repo;
use crate::pack::{AdoptVocab as Vocabulary, Packs};
use crate::vocab::Vocabulary as DocVocab;
use crate::vocab::fields::NAMES as FIELDS;

/// How many documents keep their metadata in each shape.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shapes {
    /// A `---` front-matter block.
    pub front_matter: usize,
    /// Headerless YAML.
    pub headerless_yaml: usize,
    /// A document-control table.
    pub table: usize,
    /// Bold label lines under the title or in a footer.
    pub label_lines: usize,
    /// A revision-history table (or YAML revision list).
    pub revision_history: usize,
    /// No metadata that smslint reads.
    pub none: usize,
}

/// A proposed `[document-control.fields]` entry: canonical field → the repository's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMapping {
    /// The canonical field (`owner`).
    pub canonical: &'static str,
    /// The key the documents use (`maintainer`), as first written.
    pub key: String,
    /// How many documents have the key.
    pub documents: usize,
    /// Why, in a few words (without the key).
    pub reason: String,
}

/// A proposed `[[document-control.defaults]]` entry: documents under `folder` without a type
/// get `type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeDefault {
    /// Repository-relative folder, `/`-separated, no trailing slash.
    pub folder: String,
    /// The type (one of the configured types).
    pub doc_type: String,
    /// How many documents under the folder have no type.
    pub documents: usize,
}

/// Proposed `[links]` settings for links written for a documentation site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteLinks {
    /// Site-absolute links (`/guide/intro.html`) in the documents.
    pub absolute: usize,
    /// How many of them resolve from the repository root as written.
    pub resolved_as_written: usize,
    /// The folder they resolve under (`site-root`), `None` for the repository root.
    pub site_root: Option<String>,
    /// Whether they need `fallback-extensions = ["md"]` to resolve.
    pub fallback_md: bool,
    /// How many resolve with these settings.
    pub resolved: usize,
    /// Headings that carry an explicit id (`## Scope {#scope}`).
    pub explicit_ids: usize,
}

/// What `adopt` proposes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Proposal {
    /// Documents read.
    pub documents: usize,
    /// Metadata shapes found.
    pub shapes: Shapes,
    /// Field mappings, in the order of [`FIELDS`].
    pub fields: Vec<FieldMapping>,
    /// Types by folder, sorted by folder.
    pub defaults: Vec<TypeDefault>,
    /// Links written for a documentation site, when the documents have some.
    pub links: Option<SiteLinks>,
}

/// Split a key into lower-case words: on anything but letters and digits, and between a lower
/// case letter and an upper case one (`reviewEvery`).
// Not `text::scan`: keys are identifiers split at camel case, and their words stay unfolded.
fn words(key: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in key.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// What the values of one key look like across the repository.
#[derive(Debug, Default)]
struct KeyFacts {
    key: String,
    documents: usize,
    values: usize,
    dates: usize,
    durations: usize,
}

impl KeyFacts {
    fn all_dates(&self) -> bool {
        self.values > 0 && self.dates == self.values
    }
    fn all_durations(&self) -> bool {
        self.values > 0 && self.durations == self.values
    }
}

/// The canonical field `facts`' key most likely means, with the reason.
fn guess(facts: &KeyFacts, vocab: &Vocabulary, labels: &DocVocab) -> Option<(&'static str, String)> {
    let known = labels
        .field_of_label(&facts.key)
        .and_then(|c| FIELDS.iter().copied().find(|f| *f == c));
    if let Some(c) = known {
        return Some((
            c,
            format!("smslint already reads this usual label as `{c}`; named here to make it explicit"),
        ));
    }
    let ws = words(&facts.key);
    let has = |list: &[String]| ws.iter().any(|w| list.iter().any(|l| l == w));
    let field = |name: &str| FIELDS.iter().copied().find(|f| *f == name);
    if facts.all_dates() {
        if has(&vocab.dates.review) {
            let c = if has(&vocab.dates.next) {
                "next_review"
            } else {
                "last_reviewed"
            };
            return Some((
                c,
                format!("every value is a date and its name says review: `{c}`"),
            ));
        }
        if has(&vocab.dates.effective) {
            return Some((
                "effective",
                "every value is a date and its name says effective".to_owned(),
            ));
        }
        return None;
    }
    if facts.all_durations() {
        let cycle_words = vocab.words.get("review_cycle").map_or(&[][..], Vec::as_slice);
        if has(&vocab.dates.review) || has(cycle_words) {
            return Some((
                "review_cycle",
                "every value is a duration and its name says how often: the review cycle".to_owned(),
            ));
        }
        return None;
    }
    // Words name the other fields; review fields need their value shape (above).
    vocab
        .words
        .iter()
        .filter(|(f, _)| f.as_str() != "review_cycle")
        .find(|(_, list)| has(list))
        .and_then(|(f, _)| field(f))
        .map(|c| (c, format!("its name reads like `{c}`")))
}

/// Whether `name` is the plural (or the singular) of document type `t`.
fn names_type(name: &str, t: &str) -> bool {
    let n = name.to_lowercase();
    let t = t.to_lowercase();
    n == t
        || n == format!("{t}s")
        || n == format!("{t}es")
        || t.strip_suffix('y').is_some_and(|stem| n == format!("{stem}ies"))
}

/// Most top-level folders tried as a site root (keeps the search linear in the links).
const MAX_SITE_ROOTS: usize = 64;

/// Whether site-absolute `path` (without its leading `/`) names a file under `root`, as
/// written or, with `md`, as `path.md`, `path` with its extension replaced by `.md`, or an
/// `index.md` in the folder `path`.
fn resolves(files: &HashSet<String>, root: &str, path: &str, md: bool) -> bool {
    let join = |p: &str| {
        if root.is_empty() {
            p.to_owned()
        } else {
            format!("{root}/{p}")
        }
    };
    let path = path.trim_end_matches('/');
    if path.is_empty() {
        return false;
    }
    if files.contains(&join(path)) {
        return true;
    }
    if !md {
        return false;
    }
    let replaced = path
        .rsplit_once('.')
        .filter(|(stem, ext)| !stem.is_empty() && !stem.ends_with('/') && !ext.contains('/'))
        .map(|(stem, _)| format!("{stem}.md"));
    [
        Some(format!("{path}.md")),
        replaced,
        Some(format!("{path}/index.md")),
    ]
    .into_iter()
    .flatten()
    .any(|c| files.contains(&join(&c)))
}

/// Site-absolute links and where they resolve.
fn site_links(repo: &Repo) -> Option<SiteLinks> {
    let mut paths: Vec<&str> = Vec::new();
    let mut explicit_ids = 0;
    for d in &repo.docs {
        explicit_ids += d.body.headings.iter().filter(|h| h.id.is_some()).count();
        for l in &d.body.links {
            let dest = l.dest.split(['#', '?']).next().unwrap_or("");
            if let Some(p) = dest.strip_prefix('/').filter(|p| !p.starts_with('/')) {
                paths.push(p);
            }
        }
    }
    if paths.is_empty() && explicit_ids == 0 {
        return None;
    }
    let mut roots: Vec<&str> = repo
        .files
        .iter()
        .filter_map(|f| f.split_once('/').map(|(top, _)| top))
        .collect();
    roots.sort_unstable();
    roots.dedup();
    roots.truncate(MAX_SITE_ROOTS);
    let as_written = paths
        .iter()
        .filter(|p| resolves(&repo.files, "", p, false))
        .count();
    let mut best = SiteLinks {
        absolute: paths.len(),
        resolved_as_written: as_written,
        resolved: as_written,
        explicit_ids,
        ..SiteLinks::default()
    };
    for root in std::iter::once("").chain(roots.iter().copied()) {
        for md in [false, true] {
            if root.is_empty() && !md {
                continue;
            }
            let n = paths
                .iter()
                .filter(|p| resolves(&repo.files, root, p, md))
                .count();
            if n > best.resolved {
                best.resolved = n;
                best.site_root = (!root.is_empty()).then(|| root.to_owned());
                best.fallback_md = md;
            }
        }
    }
    Some(best)
}

/// Propose a configuration for the documents of `repo`, which were read with `config` and
/// `packs` (whose `[adopt]` words and labels guide the guesses).
pub fn propose(repo: &Repo, config: &Config, packs: &Packs) -> Proposal {
    let docs = &repo.docs;
    let vocab = packs.adopt_vocab();
    let labels = &packs.vocab;
    let mut proposal = Proposal::default();
    let mut facts: Vec<KeyFacts> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for d in docs.iter().filter(|d| d.problems.is_empty()) {
        proposal.documents += 1;
        let mut stated = false;
        // Counted per document: a header and a footer of label lines are one document's shape.
        let mut counted: Vec<MetaSource> = Vec::new();
        for m in &d.sources {
            if counted.contains(&m.source) {
                continue;
            }
            counted.push(m.source);
            let shape = match m.source {
                MetaSource::FrontMatter => &mut proposal.shapes.front_matter,
                MetaSource::HeaderlessYaml => &mut proposal.shapes.headerless_yaml,
                MetaSource::Table => &mut proposal.shapes.table,
                MetaSource::LabelLines => &mut proposal.shapes.label_lines,
                MetaSource::RevisionHistory => &mut proposal.shapes.revision_history,
                MetaSource::Defaults => continue,
            };
            *shape += 1;
            stated = true;
        }
        if !stated {
            proposal.shapes.none += 1;
        }
        // Only YAML keys are the repository's own names: labels and columns are read through
        // the vocabulary, which `[document-control] labels` extends.
        let Some(m) = d
            .sources
            .iter()
            .find(|m| matches!(m.source, MetaSource::FrontMatter | MetaSource::HeaderlessYaml))
        else {
            continue;
        };
        let mut seen: Vec<usize> = Vec::new();
        for f in &m.fields {
            let norm: String = words(&f.key).join("_");
            if norm.is_empty() {
                continue;
            }
            let i = *index.entry(norm).or_insert_with(|| {
                facts.push(KeyFacts {
                    key: f.key.to_string(),
                    ..KeyFacts::default()
                });
                facts.len() - 1
            });
            let k = &mut facts[i];
            if !seen.contains(&i) {
                seen.push(i);
                k.documents += 1;
            }
            if let NodeKind::Scalar { text, .. } = &f.value.kind {
                let text = text.trim();
                if !text.is_empty() {
                    k.values += 1;
                    k.dates += usize::from(crate::dates::parse_date(text).is_ok());
                    // Cycle words (`Quarterly`, `Annual`) are durations as `check` reads them.
                    k.durations += usize::from(labels.cycle(text).is_ok());
                }
            }
        }
    }
    let direct = |canonical: &str| {
        facts
            .iter()
            .filter(|k| same_key(&k.key, canonical) || same_key(&k.key, config.key(canonical)))
            .map(|k| k.documents)
            .max()
            .unwrap_or(0)
    };
    let mut best: BTreeMap<&'static str, (&KeyFacts, String)> = BTreeMap::new();
    for k in &facts {
        if FIELDS.iter().any(|f| same_key(&k.key, f)) {
            continue;
        }
        let Some((canonical, reason)) = guess(k, vocab, labels) else {
            continue;
        };
        if direct(canonical) >= k.documents {
            continue;
        }
        let better = best.get(canonical).is_none_or(|(b, _)| k.documents > b.documents);
        if better {
            best.insert(canonical, (k, reason));
        }
    }
    proposal.fields = FIELDS
        .iter()
        .filter_map(|c| {
            best.get(c).map(|(k, reason)| FieldMapping {
                canonical: c,
                key: k.key.clone(),
                documents: k.documents,
                reason: reason.clone(),
            })
        })
        .collect();

    // Types by folder, for the documents that state none themselves (through the proposed
    // mapping): a type `check` takes from a title, file name or folder is made explicit.
    let type_key = proposal
        .fields
        .iter()
        .find(|m| m.canonical == "type")
        .map_or_else(|| config.key("type").to_owned(), |m| m.key.clone());
    let mut by_folder: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut changed: Vec<String> = Vec::new();
    for d in docs.iter().filter(|d| d.problems.is_empty()) {
        // A type the document states itself; one read from its title is a guess the proposal
        // makes explicit by folder.
        let has_type = d
            .sources
            .iter()
            .filter(|m| m.source != MetaSource::Defaults)
            .filter_map(|m| m.get(&type_key))
            .filter_map(|f| f.value.as_str())
            .any(|t| !t.trim().is_empty());
        if has_type {
            continue;
        }
        let parts: Vec<&str> = d.path.split('/').collect();
        let folders = &parts[..parts.len().saturating_sub(1)];
        let hit = (0..folders.len()).rev().find_map(|i| {
            config
                .doc
                .types
                .iter()
                .find(|t| names_type(folders[i], t))
                .map(|t| (folders[..=i].join("/"), t.clone()))
        });
        if let Some(key) = hit {
            // A default beats the type a title names (`Business Continuity Plan` under
            // `procedures/`): a folder where it would change one is not proposed.
            let derived = d
                .meta
                .as_ref()
                .and_then(|m| m.get(&type_key))
                .and_then(|f| f.value.as_str());
            if derived.is_some_and(|t| t != key.1) {
                changed.push(key.0.clone());
            }
            *by_folder.entry(key).or_default() += 1;
        }
    }
    proposal.defaults = by_folder
        .into_iter()
        .filter(|((folder, _), _)| !changed.contains(folder))
        .map(|((folder, doc_type), documents)| TypeDefault {
            folder,
            doc_type,
            documents,
        })
        .collect();
    proposal.links = site_links(repo);
    proposal
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::{KeyFacts, guess, names_type, resolves, words};
    use crate::pack::Packs;

    #[test]
    fn site_links_resolve_under_a_root_with_md_fallbacks() {
        let files: HashSet<String> = [
            "site",
            "site/guide",
            "site/guide/intro.html.md",
            "site/faq.md",
            "site/ops/index.md",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        assert!(resolves(&files, "site", "guide/intro.html", true));
        assert!(resolves(&files, "site", "faq.html", true));
        assert!(resolves(&files, "site", "ops/", true));
        assert!(!resolves(&files, "site", "guide/intro.html", false));
        assert!(!resolves(&files, "", "guide/intro.html", true));
        assert!(!resolves(&files, "site", "", true));
    }

    #[test]
    fn the_vocabulary_parses_and_names_real_fields() {
        let v = Packs::default().adopt_vocab().clone();
        assert!(!v.words.is_empty() && !v.dates.review.is_empty());
        for f in v.words.keys() {
            assert!(crate::vocab::fields::NAMES.contains(&f.as_str()), "{f}");
        }
    }

    #[test]
    fn keys_split_into_words() {
        assert_eq!(words("owner_team"), ["owner", "team"]);
        assert_eq!(words("reviewEvery"), ["review", "every"]);
        assert_eq!(words("Review-Cycle (days)"), ["review", "cycle", "days"]);
        assert_eq!(words("ÄrendeÄgare"), ["ärende", "ägare"]);
    }

    #[test]
    fn names_and_value_shapes_decide_the_field() {
        let v = Packs::default().adopt_vocab().clone();
        let facts = |key: &str, dates: usize, durations: usize| KeyFacts {
            key: key.to_owned(),
            documents: 3,
            values: 3,
            dates,
            durations,
        };
        let g = |k: &KeyFacts| guess(k, &v, crate::pack::builtin_vocabulary()).map(|(c, _)| c);
        assert_eq!(g(&facts("maintainer", 0, 0)), Some("owner"));
        assert_eq!(g(&facts("owner_team", 0, 0)), Some("owner"));
        assert_eq!(g(&facts("reviewed_on", 3, 0)), Some("last_reviewed"));
        assert_eq!(g(&facts("next_review_due", 3, 0)), Some("next_review"));
        assert_eq!(g(&facts("review_every", 0, 3)), Some("review_cycle"));
        assert_eq!(g(&facts("retention", 0, 3)), None);
        assert_eq!(g(&facts("review_every", 0, 2)), None, "not all durations");
        assert_eq!(
            g(&facts("author", 0, 0)),
            Some("author"),
            "a field of its own since revision histories"
        );
        assert_eq!(g(&facts("published", 3, 0)), Some("effective"));
    }

    #[test]
    fn folders_name_types_in_the_plural() {
        assert!(names_type("policies", "policy"));
        assert!(names_type("Processes", "process"));
        assert!(names_type("procedures", "procedure"));
        assert!(names_type("plan", "plan"));
        assert!(!names_type("policy-drafts", "policy"));
    }
}
