//! The edge of a check run: find the root, load the configuration and packs, read the
//! workspace (the file system and git), then hand it to the pure [`lint`]. [`run`] does both
//! and returns the [`Outcome`]; printing is the caller's business.
#![allow(clippy::disallowed_methods)] // finds the root and loads what the run reads, before lint()

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::cache::Cache;
use crate::config::{CONFIG_NAMES, Config, ConfigError, selector_known};
use crate::error::RunError;
pub use crate::fsx::relative;
use crate::lint::{DocumentChecks, LintOptions, NO_FILE, lint, lint_into};
use crate::outcome::{AddedSuppression, Outcome};
use crate::pack::Packs;
pub use crate::workspace::{LoadedBaseline, load_baseline};
use crate::workspace::{Recall, Workspace};

/// What to check and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Paths given on the command line (empty = the working directory).
    pub paths: Vec<PathBuf>,
    /// `--config`.
    pub config: Option<PathBuf>,
    /// `--config-from REF`: read the configuration, the packs it names and the baseline from
    /// this git revision instead of the working tree.
    pub config_from: Option<String>,
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
    /// Keep of each document only what the repository checks read
    /// ([`DocumentChecks::retain`]): for `check`, whose outputs read findings only; `false`
    /// for commands that read the documents afterwards (`adopt`).
    pub retain_for_checks: bool,
    /// The folder of the incremental cache (see [`crate::cache`]); `None`: no cache.
    pub cache: Option<PathBuf>,
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
pub fn common_root(paths: &[PathBuf]) -> Result<PathBuf, RunError> {
    let mut roots: Vec<(&PathBuf, PathBuf)> = Vec::with_capacity(paths.len());
    for p in paths {
        if !p.exists() {
            return Err(RunError::MissingPath(
                crate::neutral::sanitize(&p.to_string_lossy()).into_owned(),
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
                crate::neutral::sanitize(&p.to_string_lossy()),
                crate::neutral::sanitize(&r.to_string_lossy())
            )
        })
        .collect();
    Err(RunError::DifferentRoots(list.join("\n")))
}

/// Load the configuration for `root` (or the explicit file). Whatever sits at a config name
/// is read through [`crate::fsx::read_inside`]: a folder, FIFO, device or link out of the
/// repository called `smslint.toml` is an error, never silently replaced by the defaults.
pub fn load_config(root: &Path, explicit: Option<&Path>) -> Result<Config, ConfigError> {
    if let Some(p) = explicit {
        let name = p.to_string_lossy().replace('\\', "/");
        let config = Config::load_within(p, None, &name, &crate::checks::rules())?;
        config.check_pack_paths(root)?;
        return Ok(config);
    }
    for name in CONFIG_NAMES {
        let p = root.join(name);
        if !crate::fsx::exists(&p) {
            continue;
        }
        let config = Config::load_within(&p, Some(root), name, &crate::checks::rules())?;
        config.check_pack_paths(root)?;
        return Ok(config);
    }
    Ok(Config::default())
}

/// The repository a run is about, with its configuration and packs loaded: the
/// find-root → load-config → load-packs sequence, written once.
#[derive(Debug)]
pub struct Setup {
    /// The repository root.
    pub root: PathBuf,
    /// The configuration.
    pub config: Config,
    /// The packs, with the configuration's overrides applied.
    pub packs: Packs,
}

impl Setup {
    /// Load the configuration (`explicit`, else the root's) and the packs of `root`.
    pub fn at(root: PathBuf, explicit: Option<&Path>) -> miette::Result<Self> {
        let config = load_config(&root, explicit)?;
        let packs = Packs::load(&config.packs, &root, &crate::checks::rules())?.with_config(&config);
        Ok(Self { root, config, packs })
    }

    /// The configuration of `root` (or the explicit file, a path relative to `cwd`) and the
    /// packs it names as they are in the git revision `reference` (`--config-from`), read under
    /// the rules for files a pull request controls ([`crate::git::read_file`]): no link is
    /// followed, nothing leaves the repository, every file is capped in size. When the
    /// revision has no configuration, the defaults apply (never the working tree's file).
    pub fn from_revision(
        root: PathBuf,
        reference: &str,
        explicit: Option<&Path>,
        cwd: &Path,
    ) -> miette::Result<Self> {
        crate::git::verify(&root, reference)?;
        let names: Vec<String> = match explicit {
            Some(p) => vec![inside_root(&root, &cwd.join(p)).ok_or_else(|| {
                ConfigError::plain(format!(
                    "config `{}` is outside the repository, so it cannot be read from `{reference}`",
                    crate::neutral::sanitize(&p.to_string_lossy())
                ))
            })?],
            None => CONFIG_NAMES.iter().map(|n| (*n).to_owned()).collect(),
        };
        let mut config = Config::default();
        for name in &names {
            let bytes = match crate::git::read_file(&root, reference, name, crate::fsx::MAX_SIDE_FILE) {
                Ok(b) => b,
                Err(crate::git::Unread::Missing) => continue,
                Err(crate::git::Unread::Refused(why)) => {
                    return Err(ConfigError::plain(format!("config `{name}` {why}; it was not read")).into());
                }
            };
            let text = String::from_utf8(bytes).map_err(|_| {
                ConfigError::plain(format!("config `{name}` at `{reference}` is not valid UTF-8"))
            })?;
            let dir = root.join(name);
            let dir = dir.parent().unwrap_or(&root);
            config = Config::parse(name, text.into(), dir, &crate::checks::rules())?;
            break;
        }
        let read = |path: &Path| read_pack_at(&root, reference, path);
        let packs = Packs::load_with(&config.packs, &crate::checks::rules(), read)?.with_config(&config);
        Ok(Self { root, config, packs })
    }

    /// [`Setup::at`] the root of the working directory.
    pub fn here(explicit: Option<&Path>) -> miette::Result<Self> {
        let cwd = working_dir()?;
        Self::at(find_root(&cwd), explicit)
    }
}

/// `path` as a `/`-separated path relative to `root`, `.` and `..` resolved without the file
/// system; `None` when it leaves `root`.
fn inside_root(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let mut parts: Vec<String> = Vec::new();
    for c in rel.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                parts.pop()?;
            }
            std::path::Component::Normal(n) => parts.push(n.to_string_lossy().into_owned()),
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

/// The files of the pack at `path` (a file, or a folder's `.toml` files) in the revision
/// `reference`, each named by its root-relative path.
fn read_pack_at(
    root: &Path,
    reference: &str,
    path: &Path,
) -> Result<Vec<(String, std::sync::Arc<str>)>, ConfigError> {
    use crate::git::{Entry, Unread};
    let shown = crate::neutral::sanitize(&path.to_string_lossy()).into_owned();
    let rel = inside_root(root, path).ok_or_else(|| {
        ConfigError::plain(format!(
            "pack path `{shown}` leaves the repository; it was not read"
        ))
    })?;
    let read = |rel: &str| {
        let bytes = crate::git::read_file(root, reference, rel, crate::fsx::MAX_SIDE_FILE).map_err(|u| {
            ConfigError::plain(match u {
                Unread::Missing => format!("pack file `{rel}` does not exist at `{reference}`"),
                Unread::Refused(why) => format!("pack file `{rel}` {why}; it was not read"),
            })
        })?;
        String::from_utf8(bytes)
            .map(|t| (rel.to_owned(), std::sync::Arc::from(t)))
            .map_err(|_| ConfigError::plain(format!("pack file `{rel}` at `{reference}` is not valid UTF-8")))
    };
    match crate::git::entry(root, reference, &rel) {
        Ok(Some(Entry::Folder(children))) => {
            let mut names: Vec<&String> = children
                .iter()
                .map(|(n, _)| n)
                .filter(|n| n.ends_with(".toml"))
                .collect();
            names.sort();
            if names.is_empty() {
                return Err(ConfigError::plain(format!(
                    "pack folder `{rel}` holds no .toml file at `{reference}`"
                )));
            }
            names.iter().map(|n| read(&format!("{rel}/{n}"))).collect()
        }
        Ok(_) => Ok(vec![read(&rel)?]),
        Err(e) => Err(ConfigError::plain(format!(
            "pack `{rel}` cannot be read from `{reference}`: {e}"
        ))),
    }
}

/// The baseline `path` (relative to `cwd`) as it is in the revision `reference`, under the
/// same rules as [`load_baseline`]; `None` when the revision has none (every finding counts).
fn baseline_at(
    root: &Path,
    cwd: &Path,
    reference: &str,
    path: &Path,
) -> miette::Result<Option<LoadedBaseline>> {
    use crate::baseline::{BaselineError, MAX_SIZE, parse};
    let shown = crate::neutral::sanitize(&path.to_string_lossy()).into_owned();
    let fail = |why: String| {
        BaselineError::plain(format!(
            "cannot read the baseline `{shown}` at `{reference}`: {why}"
        ))
    };
    let rel =
        inside_root(root, &cwd.join(path)).ok_or_else(|| fail("it is outside the repository".to_owned()))?;
    let bytes = match crate::git::read_file(root, reference, &rel, MAX_SIZE) {
        Ok(b) => b,
        Err(crate::git::Unread::Missing) => return Ok(None),
        Err(crate::git::Unread::Refused(why)) => return Err(fail(why).into()),
    };
    let text: std::sync::Arc<str> = String::from_utf8(bytes)
        .map_err(|_| fail("it is not valid UTF-8".to_owned()))?
        .into();
    let baseline = parse(&text).map_err(|e| BaselineError::at(&shown, &text, &e))?;
    Ok(Some(LoadedBaseline {
        shown,
        relative: Some(rel),
        text,
        baseline,
    }))
}

/// The working directory.
fn working_dir() -> miette::Result<PathBuf> {
    std::env::current_dir().map_err(|e| RunError::WorkingDir(e).into())
}

/// Everything a check run needs, read from disk and git: the setup, the workspace snapshot,
/// the date and the options of [`lint`].
#[derive(Debug)]
pub struct Loaded {
    /// Root, configuration and packs.
    pub setup: Setup,
    /// What was read.
    pub workspace: Workspace,
    /// The date the run is judged on.
    pub today: Date,
    /// How to run. The workspace's per-document stage ran with these options (and `today`),
    /// so [`Loaded::lint`] uses them as they were loaded.
    pub lint: LintOptions,
    /// What the incremental cache did, when the run used one.
    pub cache: Option<crate::cache::Report>,
    /// With `--changed-since`: the suppression comments the change adds.
    pub added_suppressions: Option<Vec<AddedSuppression>>,
}

impl Loaded {
    /// Run [`lint`] on what was loaded (the workspace is kept, so it can be linted again).
    pub fn lint(&self) -> Outcome {
        let mut outcome = lint(
            &self.workspace,
            &self.setup.config,
            &self.setup.packs,
            self.today,
            &self.lint,
        );
        outcome.added_suppressions.clone_from(&self.added_suppressions);
        outcome
    }

    /// Run [`lint_into`] on what was loaded: the parsed documents move into the outcome's
    /// index rather than being copied, so a run holds one copy of each. Returns the setup
    /// with the outcome.
    pub fn into_outcome(self) -> (Setup, Outcome) {
        let mut outcome = lint_into(
            self.workspace,
            &self.setup.config,
            &self.setup.packs,
            self.today,
            &self.lint,
        );
        outcome.added_suppressions = self.added_suppressions;
        (self.setup, outcome)
    }
}

/// Read everything `opts` asks to check: find the root of the paths, load the configuration
/// and packs, validate the options against them, read the baseline, ask git for the changed
/// files and the base revision, and read the workspace. The only I/O of a check run.
pub fn load(opts: &Options) -> miette::Result<Loaded> {
    let cwd = working_dir()?;
    let paths = if opts.paths.is_empty() {
        vec![cwd.clone()]
    } else {
        opts.paths.clone()
    };
    let setup = match &opts.config_from {
        Some(reference) => {
            Setup::from_revision(common_root(&paths)?, reference, opts.config.as_deref(), &cwd)?
        }
        None => Setup::at(common_root(&paths)?, opts.config.as_deref())?,
    };
    let root = &setup.root;
    crate::config::validate(&setup.config, &setup.packs)?;
    for s in opts.select.iter().chain(&opts.ignore) {
        if !selector_known(s, &crate::checks::rules()) {
            return Err(RunError::UnknownRule(s.clone()).into());
        }
    }
    let today = opts.today.unwrap_or_else(|| jiff::Zoned::now().date());
    // No path is the working directory, exactly as `.`: from a subfolder, that folder.
    let mut scope: Vec<String> = paths
        .iter()
        .map(|p| relative(root, &std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())))
        .filter(|r| !r.is_empty())
        .collect();
    if let Some(reference) = &opts.suppressions_from {
        crate::git::verify(root, reference)?;
    }
    let baseline = match (&opts.config_from, opts.baseline.as_deref()) {
        (_, None) => None,
        (Some(reference), Some(p)) => baseline_at(root, &cwd, reference, p)?,
        (None, Some(p)) => Some(load_baseline(root, &cwd, p)?),
    };
    let mut changed = None;
    if let Some(reference) = &opts.changed_since {
        let files = crate::git::changed_files(root, reference)?;
        changed = Some(files.clone());
        // Every changed path narrows the report, documents or not: a path that is no document
        // has no findings, and a meta file taken as a document must not drop out here.
        scope.extend(files);
        if scope.is_empty() {
            // Nothing changed: report repository-level findings only.
            scope.push(NO_FILE.to_owned());
        }
    }
    let lint = LintOptions {
        scope,
        select: opts.select.clone(),
        ignore: opts.ignore.clone(),
        max_findings_per_file: opts.max_findings_per_file,
        show_baselined: opts.show_baselined,
        no_repository_findings: opts.no_repository_findings,
    };
    let stage = DocumentChecks::new(&setup.config, &setup.packs, today, &lint);
    let cache = opts.cache.as_deref().map(|folder| {
        let key = crate::cache::key(
            root,
            &setup.config,
            &setup.packs,
            today,
            &lint,
            opts.retain_for_checks,
        );
        Cache::open(folder, root, key)
    });
    let workspace = Workspace::load_with(
        root,
        &setup.config,
        &setup.packs,
        baseline,
        opts.suppressions_from.as_deref(),
        &|doc, text| {
            let found = stage.check(doc, text);
            if opts.retain_for_checks {
                stage.retain(doc, &found);
            }
            found
        },
        cache.as_ref().map(|c| c as &dyn Recall),
    );
    let cache = cache.map(Cache::finish);
    // Against the base the report is narrowed to, else the one suppressions are trusted from.
    let added_suppressions = opts
        .changed_since
        .as_deref()
        .or(opts.suppressions_from.as_deref())
        .map(|reference| added_suppressions(root, reference, changed.as_deref(), &workspace, &setup.packs));
    Ok(Loaded {
        setup,
        workspace,
        today,
        lint,
        cache,
        added_suppressions,
    })
}

/// The suppression comments that the documents (the changed `files` only, when given) have
/// and their versions at `reference` do not ([`crate::checks::new_suppression::added`]), in
/// file and line order. The texts at `reference` are read only for documents that carry
/// suppressions.
fn added_suppressions(
    root: &Path,
    reference: &str,
    files: Option<&[String]>,
    ws: &Workspace,
    packs: &Packs,
) -> Vec<AddedSuppression> {
    let changed: Option<std::collections::HashSet<&str>> =
        files.map(|f| f.iter().map(String::as_str).collect());
    let mut out = Vec::new();
    for s in &ws.sources {
        let doc = &s.doc;
        if doc.body.suppressions.is_empty()
            || changed.as_ref().is_some_and(|c| !c.contains(doc.path.as_str()))
        {
            continue;
        }
        let base = crate::git::show(root, reference, &doc.path)
            .map(|t| crate::document::Document::parse_with(doc.path.clone(), &t, &packs.vocab));
        for sup in crate::checks::new_suppression::added(doc, base.as_ref()) {
            let (line, column) = s.lines.as_ref().map_or((1, 1), |l| l.line_col(sup.span.start));
            out.push(AddedSuppression {
                path: doc.path.clone(),
                line,
                column,
                kind: if sup.next_line {
                    "disable-next-line"
                } else {
                    "disable"
                },
                codes: sup.codes.clone(),
                reason: sup.reason.clone(),
            });
        }
    }
    out
}

/// Run the checks: [`load`], then [`Loaded::into_outcome`].
pub fn run(opts: &Options) -> miette::Result<Outcome> {
    Ok(load(opts)?.into_outcome().1)
}

/// Check the repository at `root` with a loaded configuration and packs, every file reported
/// (no baseline, no git): [`Workspace::load`] then [`lint`].
pub fn check_root(root: &Path, config: &Config, packs: &Packs, today: Date) -> Outcome {
    let opts = LintOptions::default();
    let stage = DocumentChecks::new(config, packs, today, &opts);
    let ws = Workspace::load(root, config, packs, None, None, &|doc, text| {
        stage.check(doc, text)
    });
    lint_into(ws, config, packs, today, &opts)
}
