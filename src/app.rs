//! Orchestration: find the root, load the configuration and packs, walk, parse and check every
//! document in parallel, run the repository checks, apply suppressions and selections, sort.
//! Returns a [`Report`]; printing is the caller's business.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::checks::{self, Context};
use crate::config::{CONFIG_NAMES, Config, ConfigError, selector_known};
use crate::document::{self, Document, InputProblem, line_index::LineIndex};
use crate::finding::{Finding, Position, Severity};
use crate::index::Repo;
use crate::pack::Packs;
use crate::workspace::Tree;

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
    /// `--max-findings-per-file` (`None` or 0: no cap).
    pub max_findings_per_file: Option<usize>,
    /// `--baseline FILE`: findings recorded in this baseline do not count.
    pub baseline: Option<PathBuf>,
    /// `--show-baselined`: keep baselined findings in the report, marked as such.
    pub show_baselined: bool,
    /// `--no-repository-findings`: report only findings on the reported files.
    pub no_repository_findings: bool,
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
    /// The baseline file used (as given), `None` without `--baseline`.
    pub baseline: Option<String>,
    /// Findings the baseline covers: they do not count towards the verdict.
    pub baselined: Vec<Finding>,
    /// Whether formats show [`Report::baselined`] (`--show-baselined`).
    pub show_baselined: bool,
    /// When paths narrow the report: the index in `findings` where the repository-level
    /// findings (those on no reported file) begin; the findings on the files come first.
    pub repository_from: Option<usize>,
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
/// else the nearest holding `.git`, else `start` itself (its folder, for a file). Anything at a
/// config name counts (a folder or FIFO called `smslint.toml` is then refused by
/// [`load_config`] with a clear error, not skipped for the defaults), except a folder: a folder
/// is never a configuration, so it does not make a root.
pub fn find_root(start: &Path) -> PathBuf {
    let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
    let dir = if start.is_file() {
        start.parent().map(Path::to_path_buf).unwrap_or_default()
    } else {
        start
    };
    let config_here = |a: &Path| {
        CONFIG_NAMES
            .iter()
            .any(|n| std::fs::symlink_metadata(a.join(n)).is_ok_and(|m| !m.is_dir()))
    };
    dir.ancestors()
        .find(|a| config_here(a))
        .or_else(|| dir.ancestors().find(|a| crate::fsx::exists(&a.join(".git"))))
        .map_or(dir.clone(), Path::to_path_buf)
}

/// The one root for every path given: each path's own [`find_root`]; when they differ, an
/// error naming each path with its root (a path is never dropped silently).
pub fn common_root(paths: &[PathBuf]) -> miette::Result<PathBuf> {
    let mut roots: Vec<(&PathBuf, PathBuf)> = Vec::with_capacity(paths.len());
    for p in paths {
        if !p.exists() {
            return Err(miette::miette!(
                "path `{}` does not exist",
                crate::output::sanitize(&p.to_string_lossy())
            ));
        }
        roots.push((p, find_root(p)));
    }
    let first = roots[0].1.clone();
    if roots.iter().all(|(_, r)| *r == first) {
        return Ok(first);
    }
    let list: Vec<String> = roots
        .iter()
        .map(|(p, r)| {
            format!(
                "  {} (root {})",
                crate::output::sanitize(&p.to_string_lossy()),
                crate::output::sanitize(&r.to_string_lossy())
            )
        })
        .collect();
    Err(miette::miette!(
        help = "check each repository on its own; a configuration in a sub-folder makes that folder a repository root",
        "the paths belong to different repository roots:\n{}",
        list.join("\n")
    ))
}

/// Load the configuration for `root` (or the explicit file). Whatever sits at a config name
/// is read through [`crate::fsx::read_inside`]: a folder, FIFO, device or link out of the
/// repository called `smslint.toml` is an error, never silently replaced by the defaults.
pub fn load_config(root: &Path, explicit: Option<&Path>) -> Result<Config, ConfigError> {
    if let Some(p) = explicit {
        let name = p.to_string_lossy().replace('\\', "/");
        let config = Config::load_within(p, None, &name)?;
        config.check_pack_paths(root)?;
        return Ok(config);
    }
    for name in CONFIG_NAMES {
        let p = root.join(name);
        if !crate::fsx::exists(&p) {
            continue;
        }
        let config = Config::load_within(&p, Some(root), name)?;
        config.check_pack_paths(root)?;
        return Ok(config);
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

/// Run the checks.
pub fn run(opts: &Options) -> miette::Result<Report> {
    let cwd =
        std::env::current_dir().map_err(|e| miette::miette!("cannot read the working directory: {e}"))?;
    let paths = if opts.paths.is_empty() {
        vec![cwd.clone()]
    } else {
        opts.paths.clone()
    };
    let root = common_root(&paths)?;
    let config = load_config(&root, opts.config.as_deref())?;
    let packs = Packs::load(&config.packs, &root)?.with_config(&config);
    crate::config::validate(&config, &packs)?;
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
    let baseline = opts
        .baseline
        .as_deref()
        .map(|p| load_baseline(&root, &cwd, p))
        .transpose()?;
    if let Some(reference) = &opts.changed_since {
        let changed = crate::git::changed_files(&root, reference)?;
        // Every changed path narrows the report, documents or not: a path that is no document
        // has no findings, and a meta file taken as a document must not drop out here.
        scope.extend(changed);
        if scope.is_empty() {
            // Nothing changed: report repository-level findings only.
            scope.push(NO_FILE.to_owned());
        }
    }
    Ok(check_with_baseline(
        root,
        config,
        packs,
        today,
        &scope,
        opts,
        baseline.as_ref(),
    ))
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
        (true, Some(parent), Some(name)) => Some(self::relative(&base, &parent.join(name))),
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
    check_with_baseline(root, config, packs, today, scope, opts, None)
}

/// [`check_root`], with the findings `baseline` records set apart.
pub fn check_with_baseline(
    root: PathBuf,
    config: Config,
    packs: Packs,
    today: Date,
    scope: &[String],
    opts: &Options,
    baseline: Option<&LoadedBaseline>,
) -> Report {
    let walk = crate::workspace::walk(&root, &config);
    let tree = Tree {
        files: walk.files,
        symlinks: walk.symlinks,
        codeowners: crate::workspace::codeowners_facts(&root, &config),
    };
    let (files, broken) = (walk.documents, walk.broken);
    let cx = Context {
        config: &config,
        packs: &packs,
        today,
    };
    let parsed: Vec<(Document, Vec<Finding>)> = files
        .par_iter()
        .filter_map(|(abs, rel)| {
            let (doc, src) = document::load(abs, rel.clone(), config.max_file_size, &packs.vocab);
            // A meta file among documents (`policies/README.md`) is one of them when it carries
            // document control in any shape, or cannot be read; a plain folder readme is not.
            if config.is_meta_file(rel) && doc.problems.is_empty() && !doc.has_own_meta() {
                return None;
            }
            let mut out = Vec::new();
            checks::check_document(&doc, src.as_deref(), &cx, &mut out);
            Some((doc, out))
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
    let mut bases: HashMap<String, (Document, String)> = HashMap::new();
    let mut refused: HashSet<(String, usize)> = HashSet::new();
    if let Some(reference) = &opts.suppressions_from {
        for d in docs.iter().filter(|d| !d.body.suppressions.is_empty()) {
            let text = crate::git::show(&root, reference, &d.path);
            let base = text
                .as_ref()
                .map(|t| Document::parse_with(d.path.clone(), t, &packs.vocab));
            let applied = checks::new_suppression::filter(d, base.as_ref(), &mut findings);
            refused.extend(
                applied
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| !**a)
                    .map(|(i, _)| (d.path.clone(), i)),
            );
            if let (Some(b), Some(t)) = (base, text) {
                if applied.contains(&true) {
                    bases.insert(d.path.clone(), (b, t));
                }
            }
        }
    }
    let limits = suppression_limits(&docs, &bases, &tree, &cx);
    let repo = Repo::build(docs, &config, tree);
    checks::check_repository(&repo, &cx, &mut findings);

    let (findings, suppressed) = checks::suppression::apply(&repo.docs, findings, &limits, &refused);
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
    let configured_severity = |mut f: Finding| {
        if let Some(s) = selection.severity.get(f.code) {
            f.severity = *s;
        }
        f
    };
    let mut findings: Vec<Finding> = findings
        .into_iter()
        .filter(|f| selection.enabled(f.code, f.name))
        .filter(|f| f.path.as_deref().is_none_or(in_scope))
        .map(configured_severity)
        .collect();
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let mut preloaded = HashMap::new();
    let mut baselined = Vec::new();
    if let Some(b) = baseline {
        let considered = |code: &str, path: Option<&str>| {
            let selected = checks::find_rule(code).is_none_or(|r| selection.enabled(r.code, r.name));
            selected && path.map_or(!opts.no_repository_findings, in_scope)
        };
        let matched = crate::baseline::apply(&b.baseline, findings, considered);
        findings = matched.new;
        baselined = matched.baselined;
        let mut stale = Vec::new();
        checks::stale_baseline::check(&b.baseline, &matched.stale, b.relative.as_deref(), &mut stale);
        findings.extend(
            stale
                .into_iter()
                .filter(|f| selection.enabled(f.code, f.name))
                .map(configured_severity),
        );
        if let Some(rel) = &b.relative {
            preloaded.insert(rel.clone(), Arc::clone(&b.text));
        }
    }
    // Capped before anything is located or rendered, so the work after this is proportional
    // to what is shown.
    findings = checks::finding_cap::cap(findings, opts.max_findings_per_file.unwrap_or(0));
    let shown = findings.len();
    findings.append(&mut baselined);
    packs.assign_clauses(&mut findings);
    let sources = locate(
        &root,
        config.max_file_size.max(crate::fsx::MAX_SIDE_FILE),
        &mut findings,
        preloaded,
    );
    baselined = findings.split_off(shown);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let on_file = |f: &Finding| f.path.as_deref().is_some_and(in_scope);
    if opts.no_repository_findings {
        findings.retain(on_file);
        baselined.retain(on_file);
    }
    let repository_from = if scope.is_empty() {
        None
    } else {
        let (mut first, rest): (Vec<Finding>, Vec<Finding>) = findings.into_iter().partition(on_file);
        let n = first.len();
        first.extend(rest);
        findings = first;
        Some(n)
    };
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
        .find(|n| crate::fsx::is_regular(&root.join(n)))
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
        baseline: baseline.map(|b| b.shown.clone()),
        baselined,
        show_baselined: opts.show_baselined,
        repository_from,
    }
}

/// What each kept suppression of the files in `bases` (their versions at the trusted ref, with
/// text) may silence: the base is checked as a whole repository with those files at their
/// base version, and each suppression gets the stable keys of what its base counterparts
/// silenced there (see [`checks::new_suppression::limits`]).
fn suppression_limits(
    docs: &[Document],
    bases: &HashMap<String, (Document, String)>,
    tree: &Tree,
    cx: &Context<'_>,
) -> checks::suppression::Limits {
    let mut limits = checks::suppression::Limits::new();
    if bases.is_empty() {
        return limits;
    }
    let mut base_findings = Vec::new();
    for (b, t) in bases.values() {
        checks::check_document(b, Some(t), cx, &mut base_findings);
    }
    let base_docs: Vec<Document> = docs
        .iter()
        .map(|d| bases.get(&d.path).map_or_else(|| d.clone(), |(b, _)| b.clone()))
        .collect();
    let base_repo = Repo::build(base_docs, cx.config, tree.clone());
    checks::check_repository(&base_repo, cx, &mut base_findings);
    let mut by_path: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for f in &base_findings {
        if let Some(p) = f.path.as_deref().filter(|p| bases.contains_key(*p)) {
            by_path.entry(p).or_default().push(f);
        }
    }
    for d in docs {
        let Some((b, _)) = bases.get(&d.path) else {
            continue;
        };
        let found = by_path.get(d.path.as_str()).map_or(&[][..], Vec::as_slice);
        for (i, keys) in checks::new_suppression::limits(d, b, found)
            .into_iter()
            .enumerate()
        {
            limits.insert((d.path.clone(), i), keys);
        }
    }
    limits
}

/// Fill in line/column positions by re-reading the files that have findings. A file that
/// changed or vanished since it was parsed keeps its findings, clamped or without position.
fn locate(
    root: &Path,
    limit: u64,
    findings: &mut [Finding],
    mut sources: HashMap<String, Arc<str>>,
) -> HashMap<String, Arc<str>> {
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
        if sources.contains_key(p) {
            continue;
        }
        // The same reader as every file that is not walked: a CODEOWNERS finding must not make
        // smslint quote what a link points at.
        if let Ok(bytes) = crate::fsx::read_inside(&root.join(p), Some(root), limit) {
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
        // A span clamped to the text and its characters, with its line/column position.
        let place = |span: &std::ops::Range<usize>| {
            let start = document::line_index::floor_char(src, span.start.min(src.len()));
            let end = document::line_index::floor_char(src, span.end.clamp(start, src.len()));
            let (line, column) = ix.line_col(src, start);
            let (end_line, end_column) = ix.line_col(src, end);
            let pos = Position {
                line,
                column,
                end_line,
                end_column,
            };
            (start..end, pos)
        };
        let (span, pos) = place(&span);
        f.span = Some(span);
        f.position = Some(pos);
        for r in &mut f.related {
            let (span, pos) = place(&r.span);
            r.span = span;
            r.position = Some(pos);
        }
    }
    sources
}
