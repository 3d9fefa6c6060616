//! Orchestration: find the root, load the configuration and packs, walk, parse and check every
//! document in parallel, run the repository checks, apply suppressions and selections, sort.
//! Returns a [`Report`]; printing is the caller's business.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::checks::{self, Context};
use crate::config::{CONFIG_NAMES, Config, ConfigError, selector_known};
use crate::document::{self, Document, InputProblem, line_index::LineIndex};
use crate::finding::{Finding, Position, Severity};
use crate::index::Repo;
use crate::pack::Packs;

/// What to check and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Paths given on the command line (empty = the working directory).
    pub paths: Vec<PathBuf>,
    /// `--config`.
    pub config: Option<PathBuf>,
    /// The date the run is judged on.
    pub today: Option<Date>,
    /// `--select` (adds to nothing: replaces the config's selection when given).
    pub select: Vec<String>,
    /// `--ignore` (adds to the config's).
    pub ignore: Vec<String>,
    /// `--changed-since REF`: report only the Markdown files changed since this git ref.
    pub changed_since: Option<String>,
    /// `--suppressions-from REF`: apply only the suppression comments the files have at REF.
    pub suppressions_from: Option<String>,
}

/// The outcome of a run.
#[derive(Debug)]
pub struct Report {
    /// The repository root.
    pub root: PathBuf,
    /// The date the run was judged on.
    pub today: Date,
    /// The configuration used.
    pub config: Config,
    /// The packs used.
    pub packs: Packs,
    /// Every document, indexed.
    pub repo: Repo,
    /// How many documents were in the reported scope.
    pub documents: usize,
    /// Findings after suppressions and selection, sorted.
    pub findings: Vec<Finding>,
    /// How many findings suppressions silenced.
    pub suppressed: usize,
    /// Source text of the files that have findings (for snippets).
    pub sources: HashMap<String, Arc<str>>,
    /// The root-relative file that repository-level findings are located on by formats that
    /// need a file (SARIF, GitHub): the root's `smslint.toml`, else its `README.md`, else none.
    pub anchor: Option<String>,
}

impl Report {
    /// Number of findings at `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    /// Whether any finding is at or above `level`.
    pub fn fails(&self, level: Severity) -> bool {
        self.findings.iter().any(|f| f.severity >= level)
    }
}

/// The repository root for `start`: the nearest folder (itself included) holding a config file,
/// else the nearest holding `.git`, else `start` itself (its folder, for a file).
pub fn find_root(start: &Path) -> PathBuf {
    let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
    let dir = if start.is_file() {
        start.parent().map(Path::to_path_buf).unwrap_or_default()
    } else {
        start
    };
    let find = |names: &[&str]| {
        dir.ancestors()
            .find(|a| names.iter().any(|n| a.join(n).exists()))
            .map(Path::to_path_buf)
    };
    find(&CONFIG_NAMES).or_else(|| find(&[".git"])).unwrap_or(dir)
}

/// Load the configuration for `root` (or the explicit file).
pub fn load_config(root: &Path, explicit: Option<&Path>) -> Result<Config, ConfigError> {
    if let Some(p) = explicit {
        let config = Config::load(p, root)?;
        config.check_pack_paths(root)?;
        return Ok(config);
    }
    for name in CONFIG_NAMES {
        let p = root.join(name);
        if p.is_file() {
            let inside = match (std::fs::canonicalize(&p), std::fs::canonicalize(root)) {
                (Ok(real), Ok(base)) => real.starts_with(base),
                _ => true,
            };
            if !inside {
                return Err(ConfigError::plain(format!(
                    "`{name}` is a symbolic link to a file outside the repository; it was not read"
                ))
                .with_help("make the config a regular file, or pass it with --config"));
            }
            let config = Config::load(&p, root)?;
            config.check_pack_paths(root)?;
            return Ok(config);
        }
    }
    Ok(Config::default())
}

/// Root-relative `/`-separated form of `path`.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s = rel.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        s.into_owned()
    } else {
        s.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

/// Every document file under `root`, sorted, plus broken entries for folders or files that
/// could not be walked.
pub fn discover(root: &Path, config: &Config) -> (Vec<(PathBuf, String)>, Vec<Document>) {
    let mut files = Vec::new();
    let mut broken = Vec::new();
    let base = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !e.file_type().is_dir() || !config.skips_dir(&relative(root, e.path()))
        });
    for entry in walker {
        match entry {
            Ok(e) => {
                if e.path_is_symlink() && e.depth() > 0 {
                    let rel = relative(root, e.path());
                    if config.is_document(&rel) {
                        let outside = std::fs::canonicalize(e.path())
                            .ok()
                            .map(|real| !real.starts_with(&base));
                        broken.push(Document::broken(rel, InputProblem::Symlink { outside }));
                    }
                    continue;
                }
                if !e.file_type().is_file() {
                    continue;
                }
                let rel = relative(root, e.path());
                if config.is_document(&rel) {
                    files.push((e.path().to_path_buf(), rel));
                }
            }
            Err(e) => {
                let rel = e
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| ".".to_owned());
                let why = e.io_error().map_or_else(|| e.to_string(), ToString::to_string);
                broken.push(Document::broken(rel, InputProblem::Unreadable(why)));
            }
        }
    }
    (files, broken)
}

/// Most paths [`list_paths`] collects; a larger tree is cut off (links into the rest are then
/// reported as broken, which is better than exhausting memory).
const MAX_PATHS: usize = 1_000_000;

/// Every file and folder under `root` (repository-relative, `/`-separated), for link checks.
/// `.git` and `node_modules` are skipped; links are not followed.
pub fn list_paths(root: &Path) -> (HashSet<String>, HashSet<String>) {
    let mut symlinks = HashSet::new();
    let files = WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !matches!(e.file_name().to_str(), Some(".git" | "node_modules")))
        .filter_map(Result::ok)
        .filter(|e| e.depth() > 0)
        .map(|e| {
            let rel = relative(root, e.path());
            if e.path_is_symlink() {
                symlinks.insert(rel.clone());
            }
            rel
        })
        .take(MAX_PATHS)
        .collect();
    (files, symlinks)
}

/// Run the checks.
pub fn run(opts: &Options) -> miette::Result<Report> {
    let cwd =
        std::env::current_dir().map_err(|e| miette::miette!("cannot read the working directory: {e}"))?;
    let first = opts.paths.first().cloned().unwrap_or_else(|| cwd.clone());
    if !first.exists() {
        return Err(miette::miette!("path `{}` does not exist", first.display()));
    }
    let root = find_root(&first);
    let config = load_config(&root, opts.config.as_deref())?;
    let packs = Packs::load(&config.packs, &root)?.with_config(&config);
    for e in &config.exclusions {
        if packs.requirement(&e.requirement).is_none() {
            return Err(ConfigError::plain(format!(
                "exclusion names unknown requirement `{}`",
                e.requirement
            ))
            .with_help("`smslint clauses` lists every requirement id")
            .into());
        }
    }
    for s in opts.select.iter().chain(&opts.ignore) {
        if !selector_known(s) {
            return Err(miette::miette!(
                help = "`smslint rules` lists every code and name",
                "unknown rule `{s}`"
            ));
        }
    }
    let today = opts.today.unwrap_or_else(|| jiff::Zoned::now().date());
    let mut scope: Vec<String> = opts
        .paths
        .iter()
        .map(|p| relative(&root, &std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())))
        .filter(|r| !r.is_empty())
        .collect();
    if let Some(reference) = &opts.suppressions_from {
        crate::git::verify(&root, reference)?;
    }
    if let Some(reference) = &opts.changed_since {
        let changed = crate::git::changed_files(&root, reference)?;
        scope.extend(changed.into_iter().filter(|r| config.is_document(r)));
        if scope.is_empty() {
            // Nothing changed: report repository-level findings only.
            scope.push(NO_FILE.to_owned());
        }
    }
    Ok(check_root(root, config, packs, today, &scope, opts))
}

/// A scope entry that matches no file (a path cannot contain NUL).
const NO_FILE: &str = "\0";

/// Check the repository at `root` with a loaded configuration. `scope` narrows which documents'
/// findings are reported (root-relative; empty = all).
pub fn check_root(
    root: PathBuf,
    config: Config,
    packs: Packs,
    today: Date,
    scope: &[String],
    opts: &Options,
) -> Report {
    let (files, broken) = discover(&root, &config);
    let cx = Context {
        config: &config,
        packs: &packs,
        today,
    };
    let parsed: Vec<(Document, Vec<Finding>)> = files
        .par_iter()
        .map(|(abs, rel)| {
            let (doc, src) = document::load(abs, rel.clone(), config.max_file_size, &packs.vocab);
            let mut out = Vec::new();
            checks::check_document(&doc, src.as_deref(), &cx, &mut out);
            (doc, out)
        })
        .collect();
    let mut findings = Vec::new();
    let mut docs = Vec::with_capacity(parsed.len() + broken.len());
    for (d, f) in parsed {
        findings.extend(f);
        docs.push(d);
    }
    for d in broken {
        checks::check_document(&d, None, &cx, &mut findings);
        docs.push(d);
    }
    docs.sort_by(|a, b| a.path.cmp(&b.path));
    if let Some(reference) = &opts.suppressions_from {
        for d in docs.iter_mut().filter(|d| !d.body.suppressions.is_empty()) {
            let base = crate::git::show(&root, reference, &d.path)
                .map(|t| Document::parse_with(d.path.clone(), &t, &packs.vocab));
            checks::new_suppression::filter(d, base.as_ref(), &mut findings);
        }
    }
    let mut repo = Repo::build(docs, &config);
    (repo.files, repo.symlinks) = list_paths(&root);
    checks::check_repository(&repo, &cx, &mut findings);
    checks::codeowners::check(&codeowners_facts(&root, &config), &cx, &mut findings);

    let (findings, suppressed) = checks::suppression::apply(&repo.docs, findings);
    let in_scope = |path: &str| {
        scope.is_empty()
            || scope
                .iter()
                .any(|s| path == s || path.strip_prefix(s.as_str()).is_some_and(|r| r.starts_with('/')))
    };
    let mut selection = config.rules.clone();
    if !opts.select.is_empty() {
        selection.select.clone_from(&opts.select);
    }
    selection.ignore.extend(opts.ignore.iter().cloned());
    let mut findings: Vec<Finding> = findings
        .into_iter()
        .filter(|f| selection.enabled(f.code, f.name))
        .filter(|f| f.path.as_deref().is_none_or(in_scope))
        .map(|mut f| {
            if let Some(s) = selection.severity.get(f.code) {
                f.severity = *s;
            }
            f
        })
        .collect();
    let sources = locate(&root, &mut findings);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();
    let is_link = |d: &Document| {
        d.problems
            .iter()
            .any(|p| matches!(p, InputProblem::Symlink { .. }))
    };
    let documents = repo
        .docs
        .iter()
        .filter(|d| in_scope(&d.path) && !is_link(d))
        .count();
    let anchor = CONFIG_NAMES
        .iter()
        .chain(&["README.md"])
        .find(|n| root.join(n).is_file())
        .map(|n| (*n).to_owned());
    Report {
        anchor,
        root,
        today,
        config,
        packs,
        repo,
        documents,
        findings,
        suppressed,
        sources,
    }
}

/// Read what the CODEOWNERS check needs: whether `.github/` exists, the CODEOWNERS file, and
/// the paths that decide the verdict (workflows, the configuration, local packs).
fn codeowners_facts(root: &Path, config: &Config) -> checks::codeowners::Facts {
    let file = checks::codeowners::LOCATIONS.iter().find_map(|name| {
        let bytes = std::fs::read(root.join(name)).ok()?;
        Some(((*name).to_owned(), String::from_utf8_lossy(&bytes).into_owned()))
    });
    let mut protected: Vec<(String, String)> = vec![
        (".github/".to_owned(), ".github/workflows/smslint.yml".to_owned()),
        (".github/".to_owned(), ".github/CODEOWNERS".to_owned()),
    ];
    let config_name = CONFIG_NAMES
        .iter()
        .find(|n| root.join(n).is_file())
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
        protected,
    }
}

/// Fill in line/column positions by re-reading the files that have findings. A file that
/// changed or vanished since it was parsed keeps its findings, clamped or without position.
fn locate(root: &Path, findings: &mut [Finding]) -> HashMap<String, Arc<str>> {
    let mut sources: HashMap<String, Arc<str>> = HashMap::new();
    // Only files whose findings have a span are read again: a finding on a whole file (a
    // symbolic link, an unreadable file) needs no snippet, and its path must not be followed.
    let mut paths: Vec<&str> = findings
        .iter()
        .filter(|f| f.span.is_some())
        .filter_map(|f| f.path.as_deref())
        .collect();
    paths.sort_unstable();
    paths.dedup();
    for p in paths {
        if let Ok(bytes) = std::fs::read(root.join(p)) {
            if let Ok(text) = document::decode(bytes) {
                sources.insert(p.to_owned(), Arc::from(text));
            }
        }
    }
    let mut indexes: HashMap<&str, LineIndex> = HashMap::new();
    for f in findings.iter_mut() {
        let (Some(path), Some(span)) = (f.path.as_deref(), f.span.clone()) else {
            continue;
        };
        let Some(src) = sources.get(path) else {
            f.span = None;
            continue;
        };
        let ix = indexes
            .entry(sources.get_key_value(path).map_or("", |(k, _)| k.as_str()))
            .or_insert_with(|| LineIndex::new(src));
        let start = document::line_index::floor_char(src, span.start);
        let end = document::line_index::floor_char(src, span.end.max(start));
        f.span = Some(start..end);
        let (line, column) = ix.line_col(src, start);
        let (end_line, end_column) = ix.line_col(src, end);
        f.position = Some(Position {
            line,
            column,
            end_line,
            end_column,
        });
    }
    sources
}
