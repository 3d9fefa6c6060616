//! The file system as a run sees it: one walk of the repository records the document files
//! to read, every path and symbolic link (for link checks), and the entries that could not be
//! walked (as input findings); the CODEOWNERS facts are read here too. Nothing below this
//! module touches the file system during a check.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::app::relative;
use crate::checks;
use crate::config::{CONFIG_NAMES, Config};
use crate::document::{Document, InputProblem};

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
    pub codeowners: checks::codeowners::Facts,
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
                    let rel = err
                        .path()
                        .map(|p| relative(root, p))
                        .unwrap_or_else(|| ".".to_owned());
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

/// Read what the CODEOWNERS check needs: whether `.github/` exists, the CODEOWNERS file, and
/// the paths that decide the verdict (workflows, the configuration, local packs).
pub fn codeowners_facts(root: &Path, config: &Config) -> checks::codeowners::Facts {
    let mut file = None;
    let mut refused = None;
    for name in checks::codeowners::LOCATIONS {
        match crate::fsx::read_inside(&root.join(name), Some(root), crate::fsx::MAX_SIDE_FILE) {
            Ok(bytes) => file = Some((name.to_owned(), String::from_utf8_lossy(&bytes).into_owned())),
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
    checks::codeowners::Facts {
        github: root.join(".github").is_dir(),
        file,
        refused,
        protected,
    }
}
