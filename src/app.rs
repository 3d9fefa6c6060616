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
use crate::outcome::Outcome;
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

    /// [`Setup::at`] the root of the working directory.
    pub fn here(explicit: Option<&Path>) -> miette::Result<Self> {
        let cwd = working_dir()?;
        Self::at(find_root(&cwd), explicit)
    }
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
}

impl Loaded {
    /// Run [`lint`] on what was loaded (the workspace is kept, so it can be linted again).
    pub fn lint(&self) -> Outcome {
        lint(
            &self.workspace,
            &self.setup.config,
            &self.setup.packs,
            self.today,
            &self.lint,
        )
    }

    /// Run [`lint_into`] on what was loaded: the parsed documents move into the outcome's
    /// index rather than being copied, so a run holds one copy of each. Returns the setup
    /// with the outcome.
    pub fn into_outcome(self) -> (Setup, Outcome) {
        let outcome = lint_into(
            self.workspace,
            &self.setup.config,
            &self.setup.packs,
            self.today,
            &self.lint,
        );
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
    let setup = Setup::at(common_root(&paths)?, opts.config.as_deref())?;
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
    let baseline = opts
        .baseline
        .as_deref()
        .map(|p| load_baseline(root, &cwd, p))
        .transpose()?;
    if let Some(reference) = &opts.changed_since {
        let changed = crate::git::changed_files(root, reference)?;
        // Every changed path narrows the report, documents or not: a path that is no document
        // has no findings, and a meta file taken as a document must not drop out here.
        scope.extend(changed);
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
    Ok(Loaded {
        setup,
        workspace,
        today,
        lint,
        cache,
    })
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
