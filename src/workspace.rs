//! The file system as a run sees it, read once into a [`Workspace`]: one walk of the
//! repository records the document files, every path and symbolic link (for link checks) and
//! the entries that could not be walked (as input findings); each document is read once, and
//! while its bytes are in hand it is parsed, checked by the per-document stage the caller
//! injects (the document-scope check kinds, see [`DocumentStage`]), indexed for positions
//! ([`LineIndex`]) and hashed; then its text is dropped. CODEOWNERS, the baseline and, with
//! `--suppressions-from`, the base revision's texts are read here too. [`crate::lint::lint`]
//! then runs on these facts without touching the file system, git, the environment or the
//! clock; the one later read is [`reread`], for a snippet, and it is shown only when the file
//! still has the recorded hash.
#![allow(clippy::disallowed_methods)] // the only I/O of a run: walks and reads the workspace

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::{CONFIG_NAMES, Config};
use crate::document::{self, Document, InputProblem};
use crate::finding::Finding;
use crate::fsx::relative;
use crate::line_index::LineIndex;
use crate::pack::Packs;

/// The per-document stage of a run, injected by the caller (the layer above, which knows the
/// checks): the findings of the document-scope check kinds on a parsed document and the text
/// it was parsed from (`None` when it could not be read or decoded). Pure; it runs in
/// parallel, once per document, while the text is in hand, and may drop from the document
/// what no later stage of its run reads (see [`crate::lint::DocumentChecks::retain`]).
pub type DocumentStage<'a> = dyn Fn(&mut Document, Option<&str>) -> Vec<Finding> + Sync + 'a;

/// What identifies the bytes a document was read from: their length and XXH3-128 hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Fingerprint {
    /// Length in bytes.
    pub size: u64,
    /// XXH3-128 of the bytes.
    pub hash: u128,
}

impl Fingerprint {
    /// The fingerprint of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        Self {
            size: bytes.len() as u64,
            hash: xxhash_rust::xxh3::xxh3_128(bytes),
        }
    }
}

/// What the file system says of a file, without reading it: what the incremental cache
/// compares to tell an unchanged file (as git's index does). The change time cannot be set
/// back by a program, so an edit that restores the size and modification time still shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileStat {
    /// Length in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub modified: i128,
    /// Status change time, nanoseconds since the Unix epoch (the modification time where the
    /// platform has none).
    pub changed: i128,
    /// Device and inode number (0 where the platform has none): a file replaced by another.
    pub file: (u64, u64),
}

impl FileStat {
    /// The status of the file `m` describes.
    pub fn of(m: &std::fs::Metadata) -> Self {
        let nanos = |t: std::io::Result<std::time::SystemTime>| {
            t.ok()
                .map_or(0, |t| match t.duration_since(std::time::UNIX_EPOCH) {
                    Ok(d) => d.as_nanos() as i128,
                    Err(e) => -(e.duration().as_nanos() as i128),
                })
        };
        let modified = nanos(m.modified());
        #[cfg(unix)]
        let (changed, file) = {
            use std::os::unix::fs::MetadataExt;
            let changed = i128::from(m.ctime()) * 1_000_000_000 + i128::from(m.ctime_nsec());
            (changed, (m.dev(), m.ino()))
        };
        #[cfg(not(unix))]
        let (changed, file) = (modified, (0, 0));
        Self {
            size: m.len(),
            modified,
            changed,
            file,
        }
    }

    /// The later of the modification and change times.
    pub fn newest(&self) -> i128 {
        self.modified.max(self.changed)
    }
}

/// Earlier reads of documents that [`Workspace::load_with`] may use instead of reading and
/// parsing a file again: the incremental cache, injected by the edge. An answer of
/// `Some(None)` is a file recorded as no document (a plain folder readme), `Some(Some(_))` its
/// source as a fresh read would give it, `None` no usable record. Called in parallel.
#[allow(clippy::option_option)] // the three answers are exactly those of a record lookup
pub trait Recall: Sync {
    /// The earlier read of `rel` when its status `stat` alone shows the file unchanged.
    fn unchanged(&self, rel: &str, stat: &FileStat) -> Option<Option<Source>>;
    /// The earlier read of `rel` whose bytes had `fingerprint` (the file now has `stat`).
    fn same_bytes(&self, rel: &str, stat: &FileStat, fingerprint: Fingerprint) -> Option<Option<Source>>;
    /// A fresh read of `rel`, whose file had `stat` before it was read (`None`: no document).
    fn record(&self, rel: &str, stat: &FileStat, fingerprint: Fingerprint, source: Option<&Source>);
}

/// One document as read: its parsed form and the facts of its bytes that later stages need,
/// computed while the bytes were in hand. The text itself is not kept.
///
/// Lines, columns and snippets must come from the bytes that were parsed: a file that changes
/// during the run can neither shift a position (positions come from [`Source::lines`]) nor
/// show a snippet of other text (a snippet is re-read with [`reread`] and shown only when the
/// [`Source::fingerprint`] still matches). The parsed document stays for the repository index
/// and checks; the per-document findings are final but for their positions, which the
/// position stage of [`crate::lint::lint`] sets.
#[derive(Debug, Clone)]
pub struct Source {
    /// The parsed document.
    pub doc: Document,
    /// What the per-document stage found in it.
    pub findings: Vec<Finding>,
    /// The line index of its text; `None` when it could not be read or decoded (the document
    /// then carries the input problem, and findings on it keep no span).
    pub lines: Option<LineIndex>,
    /// The fingerprint of its bytes; `None` when it could not be read or decoded.
    pub fingerprint: Option<Fingerprint>,
}

/// Everything a run reads, read before checking starts.
#[derive(Debug, Default)]
pub struct Workspace {
    /// The documents read, sorted by path.
    pub sources: Vec<Source>,
    /// Documents that cannot be read as such (links, special files, walk errors).
    pub broken: Vec<Document>,
    /// The facts of the tree (paths, symbolic links, CODEOWNERS).
    pub tree: Tree,
    /// The texts of the other files findings can point into (the configuration, CODEOWNERS,
    /// the baseline), by root-relative path. They are small, so they are kept.
    pub side: HashMap<String, Arc<str>>,
    /// The file repository-level findings are shown on by formats that need one (see
    /// [`crate::outcome::Outcome::anchor`]).
    pub anchor: Option<String>,
    /// The baseline, with `--baseline`.
    pub baseline: Option<LoadedBaseline>,
    /// With `--suppressions-from`: for each document that has suppression comments, its text
    /// at the trusted revision (`None` when it did not exist there). `None` without the flag.
    pub bases: Option<HashMap<String, Option<String>>>,
}

/// Largest document read: offsets of the line index are 32-bit.
const MAX_DOCUMENT: u64 = u32::MAX as u64;

impl Workspace {
    /// Walk `root` and read every document once, parsing it with the packs' vocabulary and
    /// running `stage` on it while its text is in hand. With `suppressions_from`, the texts at
    /// that git revision of the documents that carry suppression comments are read as well
    /// (the revision must have been verified).
    pub fn load(
        root: &Path,
        config: &Config,
        packs: &Packs,
        baseline: Option<LoadedBaseline>,
        suppressions_from: Option<&str>,
        stage: &DocumentStage<'_>,
    ) -> Self {
        Self::load_with(root, config, packs, baseline, suppressions_from, stage, None)
    }

    /// [`Workspace::load`], asking `recall` (the incremental cache) for each document before
    /// reading and parsing it, and telling it each document read afresh.
    pub fn load_with(
        root: &Path,
        config: &Config,
        packs: &Packs,
        baseline: Option<LoadedBaseline>,
        suppressions_from: Option<&str>,
        stage: &DocumentStage<'_>,
        recall: Option<&dyn Recall>,
    ) -> Self {
        let walk = walk(root, config);
        let (codeowners, exact_codeowners) = codeowners_facts(root, config);
        let tree = Tree {
            files: walk.files,
            symlinks: walk.symlinks,
            codeowners,
        };
        let max_size = config.max_file_size.min(MAX_DOCUMENT);
        let mut sources: Vec<Source> = walk
            .documents
            .par_iter()
            .filter_map(|(abs, rel)| {
                let source = |mut doc: Document, read: Option<(String, Fingerprint)>| {
                    // A meta file among documents (`policies/README.md`) is one of them when
                    // it carries document control in any shape, or cannot be read; a plain
                    // folder readme is not.
                    if config.is_meta_file(rel) && doc.problems.is_empty() && !doc.has_own_meta() {
                        return None;
                    }
                    let text = read.as_ref().map(|(t, _)| t.as_str());
                    Some(Source {
                        findings: stage(&mut doc, text),
                        lines: text.map(LineIndex::new),
                        fingerprint: read.map(|(_, f)| f),
                        doc,
                    })
                };
                let Some(recall) = recall else {
                    let (doc, read) = read_document(abs, rel.clone(), max_size, &packs.vocab);
                    return source(doc, read);
                };
                read_recalled(abs, rel, max_size, &packs.vocab, recall, source)
            })
            .collect();
        sources.sort_by(|a, b| a.doc.path.cmp(&b.doc.path));
        let bases = suppressions_from.map(|reference| {
            sources
                .iter()
                .filter(|s| !s.doc.body.suppressions.is_empty())
                .map(|s| (s.doc.path.clone(), crate::git::show(root, reference, &s.doc.path)))
                .collect()
        });
        let mut side = HashMap::new();
        if let Some((name, text)) = &config.file {
            side.insert(name.clone(), Arc::clone(text));
        }
        if let (Some((name, _)), Some(exact)) = (&tree.codeowners.file, exact_codeowners) {
            side.insert(name.clone(), exact);
        }
        if let Some(b) = &baseline {
            if let Some(rel) = &b.relative {
                side.insert(rel.clone(), Arc::clone(&b.text));
            }
        }
        let anchor = CONFIG_NAMES
            .iter()
            .chain(&["README.md"])
            .find(|n| crate::fsx::is_regular(&root.join(n)))
            .map(|n| (*n).to_owned());
        Workspace {
            sources,
            broken: walk.broken,
            tree,
            side,
            anchor,
            baseline,
            bases,
        }
    }
}

/// Read a walked document and parse it, turning every read problem into an [`InputProblem`].
/// Returns the document and, when it was read and decoded, its text and fingerprint.
fn read_document(
    path: &Path,
    rel: String,
    max_size: u64,
    vocab: &document::Vocabulary,
) -> (Document, Option<(String, Fingerprint)>) {
    match read_bytes(path, max_size) {
        Ok(bytes) => {
            let fingerprint = Fingerprint::of(&bytes);
            parse_bytes(rel, bytes, fingerprint, vocab)
        }
        Err(problem) => (Document::broken(rel, problem), None),
    }
}

/// A document read with `recall` consulted: its earlier read when the file's status shows it
/// unchanged (see [`Recall::unchanged`]) or its bytes are the same, else read, parsed and
/// staged by `source` (which says whether it is a document at all) and told to `recall`.
fn read_recalled(
    path: &Path,
    rel: &str,
    max_size: u64,
    vocab: &document::Vocabulary,
    recall: &dyn Recall,
    source: impl Fn(Document, Option<(String, Fingerprint)>) -> Option<Source>,
) -> Option<Source> {
    // The status is taken before the bytes are read: a change made meanwhile then differs
    // from what is recorded, or falls within the cache's racy window.
    let stat = std::fs::symlink_metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|m| FileStat::of(&m));
    if let Some(hit) = stat.and_then(|st| recall.unchanged(rel, &st)) {
        return hit;
    }
    let rel = rel.to_owned();
    let bytes = match read_bytes(path, max_size) {
        Ok(bytes) => bytes,
        Err(problem) => return source(Document::broken(rel, problem), None),
    };
    let fingerprint = Fingerprint::of(&bytes);
    if let Some(hit) = stat.and_then(|st| recall.same_bytes(&rel, &st, fingerprint)) {
        return hit;
    }
    let (doc, read) = parse_bytes(rel, bytes, fingerprint, vocab);
    let decoded = read.is_some();
    let path = doc.path.clone();
    let out = source(doc, read);
    if let (Some(st), true) = (stat, decoded) {
        recall.record(&path, &st, fingerprint, out.as_ref());
    }
    out
}

/// The bytes of the walked document `path`, or why they cannot be read.
fn read_bytes(path: &Path, max_size: u64) -> Result<Vec<u8>, InputProblem> {
    match std::fs::metadata(path) {
        Ok(m) if m.len() > max_size => {
            return Err(InputProblem::TooLarge {
                size: m.len(),
                limit: max_size,
            });
        }
        Ok(_) => {}
        Err(e) => return Err(InputProblem::Unreadable(e.to_string())),
    }
    // The walk hands over regular files only; the one safe reader makes sure that is still so
    // when the file is opened (a FIFO put in its place cannot block the run).
    match crate::fsx::read_inside(path, None, max_size) {
        Ok(b) => Ok(b),
        Err(why) => Err(InputProblem::Unreadable(format!("the file {why}"))),
    }
}

/// Decode and parse the bytes of `rel`, whose fingerprint is `fingerprint`.
fn parse_bytes(
    rel: String,
    bytes: Vec<u8>,
    fingerprint: Fingerprint,
    vocab: &document::Vocabulary,
) -> (Document, Option<(String, Fingerprint)>) {
    match document::decode(bytes) {
        Ok(text) => {
            let doc = Document::parse_with(rel, &text, vocab);
            (doc, Some((text, fingerprint)))
        }
        Err(why) => (Document::broken(rel, InputProblem::NotUtf8(why)), None),
    }
}

/// The text of the document `rel` under `root` read again, for a snippet, by the rules of the
/// first read (a regular file, not a symbolic link, inside the root, at most `max_size`
/// bytes): `None` unless its bytes still have `fingerprint`, so a file that changed since it
/// was checked shows no snippet rather than another text under the recorded positions.
pub fn reread(root: &Path, rel: &str, fingerprint: Fingerprint, max_size: u64) -> Option<Arc<str>> {
    let path = root.join(rel);
    if !crate::fsx::is_regular(&path) || fingerprint.size > max_size.min(MAX_DOCUMENT) {
        return None;
    }
    let bytes = crate::fsx::read_inside(&path, Some(root), fingerprint.size).ok()?;
    if Fingerprint::of(&bytes) != fingerprint {
        return None;
    }
    String::from_utf8(bytes).ok().map(Arc::from)
}

/// Most paths [`walk`] records for link checks; a larger tree is cut off (links into the rest
/// are then reported as broken, which is better than exhausting memory).
const MAX_PATHS: usize = 1_000_000;

/// Folders whose contents are not recorded as link targets.
const UNLISTED: [&str; 2] = [".git", "node_modules"];

/// What one walk of the repository found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Document files (absolute path, root-relative path), sorted by the relative path.
    pub documents: Vec<(PathBuf, String)>,
    /// Documents that cannot be read as such: links, FIFOs and devices with a document's name,
    /// and entries the walk could not read.
    pub broken: Vec<Document>,
    /// Every file and folder under the root (root-relative), outside `.git` and
    /// `node_modules`, for link checks.
    pub files: HashSet<String>,
    /// The paths among `files` that are symbolic links (never followed).
    pub symlinks: HashSet<String>,
}

/// The facts of the tree itself that repository checks read, besides the documents.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    /// Every file and folder under the root (see [`Walk::files`]).
    pub files: HashSet<String>,
    /// The paths among `files` that are symbolic links.
    pub symlinks: HashSet<String>,
    /// What the CODEOWNERS check needs.
    pub codeowners: CodeownersFacts,
}

/// A folder the walk is inside of, by depth.
struct Open {
    depth: usize,
    path: PathBuf,
}

/// Walk `root` once. Folders the configuration excludes hold no documents (and their walk
/// errors are not reported) but their paths are still link targets; `.git` and
/// `node_modules` are neither, and a folder that is both is not entered at all.
pub fn walk(root: &Path, config: &Config) -> Walk {
    let mut out = Walk::default();
    let mut meta: Vec<(PathBuf, String)> = Vec::new();
    let in_folder_meta = |rel: &str| rel.contains('/') && config.is_meta_file(rel);
    let base = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let unlisted = |e: &walkdir::DirEntry| e.file_name().to_str().is_some_and(|n| UNLISTED.contains(&n));
    let excluded =
        |e: &walkdir::DirEntry| e.file_type().is_dir() && config.skips_dir(&relative(root, e.path()));
    let mut skipped: Option<Open> = None;
    let mut hidden: Option<Open> = None;
    let mut it = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = it.next() {
        let depth = entry
            .as_ref()
            .map_or_else(walkdir::Error::depth, walkdir::DirEntry::depth);
        for open in [&mut skipped, &mut hidden] {
            if open.as_ref().is_some_and(|o| depth <= o.depth) {
                *open = None;
            }
        }
        let e = match entry {
            Ok(e) => e,
            Err(err) => {
                let inside = |o: &Option<Open>| {
                    o.as_ref()
                        .is_some_and(|o| err.path().is_some_and(|p| p.starts_with(&o.path)))
                };
                if !inside(&skipped) {
                    let rel = err.path().map_or_else(|| ".".to_owned(), |p| relative(root, p));
                    let why = err
                        .io_error()
                        .map_or_else(|| err.to_string(), ToString::to_string);
                    out.broken
                        .push(Document::broken(rel, InputProblem::Unreadable(why)));
                }
                continue;
            }
        };
        if e.depth() > 0 {
            let is_unlisted = hidden.is_some() || unlisted(&e);
            let is_excluded = skipped.is_some() || excluded(&e);
            if is_unlisted && is_excluded && e.file_type().is_dir() {
                it.skip_current_dir();
                continue;
            }
            if hidden.is_none() && unlisted(&e) {
                hidden = Some(Open {
                    depth: e.depth(),
                    path: e.path().to_path_buf(),
                });
            }
            if skipped.is_none() && excluded(&e) {
                skipped = Some(Open {
                    depth: e.depth(),
                    path: e.path().to_path_buf(),
                });
            }
            let rel = relative(root, e.path());
            if !is_unlisted && out.files.len() < MAX_PATHS {
                if e.path_is_symlink() {
                    out.symlinks.insert(rel.clone());
                }
                out.files.insert(rel.clone());
            }
            if is_excluded {
                continue;
            }
            document_entry(&e, rel, &base, config, &in_folder_meta, &mut out, &mut meta);
        }
    }
    // A meta file (`README.md`, …) in a folder that holds documents is one of them.
    let folder = |rel: &str| rel.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
    let with_docs: HashSet<String> = out.documents.iter().map(|(_, r)| folder(r)).collect();
    let before = out.documents.len();
    out.documents
        .extend(meta.into_iter().filter(|(_, r)| with_docs.contains(&folder(r))));
    if out.documents.len() > before {
        out.documents.sort_by(|a, b| a.1.cmp(&b.1));
    }
    out
}

/// Sort one walked entry outside excluded folders: a document, a folder meta file, a broken
/// document (a link or special file with a document's name), or nothing.
fn document_entry(
    e: &walkdir::DirEntry,
    rel: String,
    base: &Path,
    config: &Config,
    in_folder_meta: &dyn Fn(&str) -> bool,
    out: &mut Walk,
    meta: &mut Vec<(PathBuf, String)>,
) {
    if e.path_is_symlink() {
        if config.is_document(&rel) || in_folder_meta(&rel) {
            let outside = std::fs::canonicalize(e.path())
                .ok()
                .map(|real| !real.starts_with(base));
            out.broken
                .push(Document::broken(rel, InputProblem::Symlink { outside }));
        }
        return;
    }
    if !e.file_type().is_file() {
        // A FIFO, socket or device with a document's name is said, not skipped.
        if !e.file_type().is_dir() && (config.is_document(&rel) || in_folder_meta(&rel)) {
            let why = match crate::fsx::read_inside(e.path(), None, 0) {
                Err(crate::fsx::Refusal::NotRegular(kind)) => {
                    format!("the path is {kind}, not a regular file")
                }
                _ => "the path is not a regular file".to_owned(),
            };
            out.broken
                .push(Document::broken(rel, InputProblem::Unreadable(why)));
        }
        return;
    }
    if config.is_document(&rel) {
        out.documents.push((e.path().to_path_buf(), rel));
    } else if in_folder_meta(&rel) {
        meta.push((e.path().to_path_buf(), rel));
    }
}

/// Where GitHub looks for CODEOWNERS, in its order.
pub const CODEOWNERS_LOCATIONS: [&str; 3] = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

/// What the workspace read of CODEOWNERS, for the codeowners check.
#[derive(Debug, Clone, Default)]
pub struct CodeownersFacts {
    /// Whether the repository has a `.github/` folder.
    pub github: bool,
    /// The CODEOWNERS file found (root-relative path, text).
    pub file: Option<(String, String)>,
    /// A CODEOWNERS path that holds something smslint does not read (a link out of the
    /// repository, a FIFO, a device, a huge file): the path and why.
    pub refused: Option<(String, String)>,
    /// Paths that must have an owner: a name and a sample file path to test with.
    pub protected: Vec<(String, String)>,
}

/// Read what the CODEOWNERS check needs: whether `.github/` exists, the CODEOWNERS file, and
/// the paths that decide the verdict (workflows, the configuration, local packs). Also the
/// file's text when it is valid UTF-8: positions and snippets come only from the exact bytes
/// (the check reads a lossy decoding, and a file that is not UTF-8 is shown without snippet).
pub fn codeowners_facts(root: &Path, config: &Config) -> (CodeownersFacts, Option<Arc<str>>) {
    let mut file = None;
    let mut exact = None;
    let mut refused = None;
    for name in CODEOWNERS_LOCATIONS {
        match crate::fsx::read_inside(&root.join(name), Some(root), crate::fsx::MAX_SIDE_FILE) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                exact = std::str::from_utf8(&bytes).ok().map(Arc::from);
                file = Some((name.to_owned(), text));
            }
            Err(crate::fsx::Refusal::Missing) => continue,
            Err(why) => refused = Some((name.to_owned(), why.to_string())),
        }
        break;
    }
    let mut protected: Vec<(String, String)> = vec![
        (".github/".to_owned(), ".github/workflows/smslint.yml".to_owned()),
        (".github/".to_owned(), ".github/CODEOWNERS".to_owned()),
    ];
    let config_name = CONFIG_NAMES
        .iter()
        .find(|n| crate::fsx::is_regular(&root.join(n)))
        .copied()
        .unwrap_or(CONFIG_NAMES[0]);
    protected.push((config_name.to_owned(), config_name.to_owned()));
    protected.push(("rules/".to_owned(), "rules/pack.toml".to_owned()));
    for p in &config.packs {
        let crate::config::PackRef::Path(path) = p else {
            continue;
        };
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        if let Ok(rel) = abs.strip_prefix(root) {
            let rel = relative(Path::new(""), rel);
            if rel.is_empty() {
                continue;
            }
            if abs.is_dir() {
                protected.push((format!("{rel}/"), format!("{rel}/pack.toml")));
            } else {
                protected.push((rel.clone(), rel));
            }
        }
    }
    protected.dedup();
    let facts = CodeownersFacts {
        github: root.join(".github").is_dir(),
        file,
        refused,
        protected,
    };
    (facts, exact)
}

/// A baseline file read and parsed.
#[derive(Debug)]
pub struct LoadedBaseline {
    /// How the file was named on the command line.
    pub shown: String,
    /// Its root-relative path, `None` when it lies outside the repository.
    pub relative: Option<String>,
    /// Its text.
    pub text: Arc<str>,
    /// Its entries.
    pub baseline: crate::baseline::Baseline,
}

/// Read and parse the baseline at `path` (relative to `cwd`). The file is untrusted: it must
/// be a regular file (not a link) under [`crate::baseline::MAX_SIZE`], and a path inside the
/// repository must not lead out of it through a linked folder.
pub fn load_baseline(root: &Path, cwd: &Path, path: &Path) -> miette::Result<LoadedBaseline> {
    use crate::baseline::{BaselineError, MAX_SIZE, parse};
    let shown = path.display().to_string();
    let fail = |why: String| BaselineError::plain(format!("cannot read the baseline `{shown}`: {why}"));
    let absolute = lexical(&cwd.join(path));
    let base = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let inside = absolute.starts_with(&base) || absolute.starts_with(root);
    let real_parent = absolute
        .parent()
        .map(|p| std::fs::canonicalize(p).map_err(|e| fail(e.to_string())))
        .transpose()?;
    if inside && !real_parent.as_ref().is_some_and(|p| p.starts_with(&base)) {
        return Err(fail("its folder is a symbolic link out of the repository".to_owned()).into());
    }
    // Inside the repository a link may not lead out of it; a path the user gave outside it (the
    // Action's copy of the base branch's baseline) is read as given, but still only as a
    // regular file under the cap.
    let bytes = crate::fsx::read_inside(&absolute, inside.then_some(root), MAX_SIZE)
        .map_err(|e| fail(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| fail("it is not valid UTF-8".to_owned()))?;
    let text: Arc<str> = Arc::from(text);
    let relative = match (inside, real_parent, absolute.file_name()) {
        (true, Some(parent), Some(name)) => Some(relative(&base, &parent.join(name))),
        _ => None,
    };
    let baseline = parse(&text).map_err(|e| BaselineError::at(&shown, &text, &e))?;
    Ok(LoadedBaseline {
        shown,
        relative,
        text,
        baseline,
    })
}

/// `path` with `.` and `..` components removed without touching the file system.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::disallowed_methods)] // the test sets up the files it reads
    fn unreadable_and_too_large_files_become_problems() {
        let (doc, src) = read_document(
            std::path::Path::new("no/such/file.md"),
            "file.md".into(),
            100,
            crate::pack::builtin_vocabulary(),
        );
        assert!(src.is_none());
        assert!(
            matches!(doc.problems[..], [InputProblem::Unreadable(_)]),
            "{:?}",
            doc.problems
        );
        let dir = std::env::temp_dir().join(format!("smslint-load-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let big = dir.join("big.md");
        std::fs::write(&big, "x".repeat(101)).unwrap();
        let (doc, _) = read_document(&big, "big.md".into(), 100, crate::pack::builtin_vocabulary());
        assert_eq!(
            doc.problems,
            [InputProblem::TooLarge {
                size: 101,
                limit: 100
            }]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    #[allow(clippy::disallowed_methods)] // the test sets up the files it reads
    fn a_reread_gives_the_text_only_while_the_bytes_are_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.md"), "# A\n").unwrap();
        let (doc, read) = read_document(
            &root.join("a.md"),
            "a.md".into(),
            100,
            crate::pack::builtin_vocabulary(),
        );
        assert!(doc.problems.is_empty());
        let (text, fp) = read.unwrap();
        assert_eq!(fp, Fingerprint::of(text.as_bytes()));
        assert_eq!(reread(root, "a.md", fp, 100).as_deref(), Some("# A\n"));
        // Another text of the same length, a larger cap than the file, a link: no text.
        std::fs::write(root.join("a.md"), "# B\n").unwrap();
        assert_eq!(reread(root, "a.md", fp, 100), None);
        assert_eq!(reread(root, "a.md", fp, 3), None);
        std::fs::write(root.join("b.md"), "# A\n").unwrap();
        #[cfg(unix)]
        {
            std::fs::remove_file(root.join("a.md")).unwrap();
            std::os::unix::fs::symlink(root.join("b.md"), root.join("a.md")).unwrap();
            assert_eq!(reread(root, "a.md", fp, 100), None);
            assert_eq!(reread(root, "b.md", fp, 100).as_deref(), Some("# A\n"));
        }
    }
}
