//! Command-line interface (clap derive), part of the binary only. Parsing only: `main.rs`
//! dispatches to `commands/`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use smslint::finding::Severity;
use smslint::output::Target;

const EXAMPLES: &str = "\
Examples:
  smslint                                   check the repository you stand in
  smslint check fixtures/acme-sms           check another repository
  smslint check --today 2026-06-30 --format json docs/
  smslint check policies/incident.md        report one file (the whole repo is still indexed)
  smslint adopt                             propose an smslint.toml for a repository's own style
  smslint baseline                          record today's findings in .smslint-baseline.json
  smslint check --baseline .smslint-baseline.json   fail only on findings not recorded there
  smslint rules                             list every code
  smslint explain SMS301                    explain a code, a name or a requirement id
  smslint clauses                           the clause tree with each clause's requirements";

/// Documentation-as-code linter for ISO/IEC 20000-1 service management systems.
#[derive(Debug, Parser)]
#[command(name = "smslint", version, about, after_help = EXAMPLES, args_conflicts_with_subcommands = true)]
pub(crate) struct Cli {
    /// What to do (default: `check`).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options of `check`, accepted without the subcommand name.
    #[command(flatten)]
    pub check: CheckArgs,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check a repository of SMS documents (the default command).
    #[command(after_help = EXAMPLES)]
    Check(CheckArgs),
    /// List every rule: code, name, default severity, clause and summary.
    Rules(ListArgs),
    /// Explain a rule (code or name), a pack requirement (id), a checklist label or a clause.
    Explain(ExplainArgs),
    /// Print the clause tree of the loaded packs, each clause with its requirements.
    Clauses(ClausesArgs),
    /// Gap analysis for the compliance manager: clause coverage, readiness, review calendar.
    Report(ReportArgs),
    /// Reviews that are overdue or fall due within a window, as a list or an iCalendar file.
    Due(DueArgs),
    /// Write a starter SMS repository for the built-in pack (never overwrites a file).
    Init(InitArgs),
    /// Record the current findings in a baseline file, so `check --baseline` fails only on new
    /// ones.
    Baseline(BaselineArgs),
    /// Read a repository written in its own style and propose the smslint.toml that fits it.
    Adopt(AdoptArgs),
}

/// The options every command that checks a repository shares (`check`, `baseline`, `report`,
/// `due`).
#[derive(Debug, Args, Default, Clone)]
pub(crate) struct RunArgs {
    /// Configuration file (default: smslint.toml or .smslint.toml at the repository root).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Judge review dates as of this date (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE", env = "SMSLINT_TODAY")]
    pub today: Option<String>,
}

/// Options of `adopt`.
#[derive(Debug, Args, Clone)]
pub(crate) struct AdoptArgs {
    /// The repository (default: the working directory).
    pub path: Option<PathBuf>,
    /// Write the proposal to smslint.toml at the repository root (never overwrites a file, and
    /// never writes through a symbolic link).
    #[arg(long)]
    pub write: bool,
    /// Judge review dates as of this date when counting findings (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE", env = "SMSLINT_TODAY")]
    pub today: Option<String>,
}

/// Options of `baseline`.
#[derive(Debug, Args, Clone)]
pub(crate) struct BaselineArgs {
    /// Files or folders whose findings to record (default: the working directory), as for
    /// `check`; repository-level findings are always recorded.
    pub paths: Vec<PathBuf>,
    /// The baseline file to write (default: `.smslint-baseline.json` at the repository root).
    /// It is replaced atomically, never written through a symbolic link.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The configuration file and the date of the run.
    #[command(flatten)]
    pub run: RunArgs,
}

/// Options of `clauses`.
#[derive(Debug, Args)]
pub(crate) struct ClausesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
    /// List the audit-checklist labels and the clauses they really mean.
    #[arg(long, conflicts_with = "mapping")]
    pub labels: bool,
    /// List earlier editions' clauses and the clauses that took them over.
    #[arg(long)]
    pub mapping: bool,
    /// Configuration file whose packs to read.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Options of `report`.
#[derive(Debug, Args, Clone)]
pub(crate) struct ReportArgs {
    /// The repository (default: the working directory).
    pub path: Option<PathBuf>,
    /// The configuration file and the date of the run.
    #[command(flatten)]
    pub run: RunArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    /// Markdown tables, to commit or paste into an issue.
    Md,
    /// One self-contained HTML page with a heat map, a chart and sortable tables.
    Html,
    /// The same data as JSON.
    Json,
}

/// Options of `due`.
#[derive(Debug, Args, Clone)]
pub(crate) struct DueArgs {
    /// The repository (default: the working directory).
    pub path: Option<PathBuf>,
    /// Window after today (`30d`, `6 weeks`, `3 months`, `1y`); overdue reviews are always listed.
    #[arg(long, value_name = "DURATION", default_value = "30d")]
    pub within: String,
    /// Only reviews of documents this role or person owns or approves.
    #[arg(long, value_name = "ROLE_OR_PERSON")]
    pub owner: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DueFormat::Human)]
    pub format: DueFormat,
    /// The configuration file and the date of the run.
    #[command(flatten)]
    pub run: RunArgs,
    /// Write the output to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 1 when a listed review is overdue (`overdue`), or overdue or due within the window
    /// (`due-soon`); without it `due` exits 0 whatever it lists.
    #[arg(long, value_enum, value_name = "WHEN")]
    pub fail_on: Option<DueFailOn>,
}

/// `due --fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DueFailOn {
    /// A review is overdue.
    Overdue,
    /// A review is overdue or falls due within `--within`.
    DueSoon,
}

/// Formats of `due`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DueFormat {
    /// One line per review.
    Human,
    /// JSON.
    Json,
    /// An iCalendar file (RFC 5545) to import or subscribe to.
    Ics,
}

/// Options of `init`.
#[derive(Debug, Args, Clone)]
pub(crate) struct InitArgs {
    /// Folder to write into (created when missing; default: the working directory).
    pub dir: Option<PathBuf>,
    /// Name of the organization, used in the documents' text.
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,
    /// Only print the plan, write nothing (the default when the folder already holds Markdown
    /// documents).
    #[arg(long, conflicts_with = "write")]
    pub dry_run: bool,
    /// Write the planned files, also into a folder that already holds documents (never
    /// overwriting one).
    #[arg(long)]
    pub write: bool,
}

/// Options of `check`.
#[derive(Debug, Args, Default, Clone)]
#[allow(clippy::struct_excessive_bools)] // each is one flag of the command line
pub(crate) struct CheckArgs {
    /// Files or folders to report on (default: the working directory). The repository root is
    /// found from each path, and they must all share it; the whole repository is always indexed.
    pub paths: Vec<PathBuf>,
    /// The configuration file and the date of the run.
    #[command(flatten)]
    pub run: RunArgs,
    /// Output format, optionally with its own file: `FORMAT` or `FORMAT=FILE`. May be given more
    /// than once (`--format human --format sarif=smslint.sarif`); at most one target may lack a
    /// file, and it goes to `--output` or standard output. Formats: human, concise, json, sarif,
    /// github, junit, summary, github-output [default: human].
    #[arg(long, value_name = "FORMAT[=FILE]", value_parser = Target::parse)]
    pub format: Vec<Target>,
    /// Write the output to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Report only Markdown files changed between the git ref REF and the working tree (plus
    /// every repository-level finding), as if they were given as paths. Needs `git`.
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,
    /// Apply only the suppression comments that the files already have at the git ref REF (the
    /// base branch of a pull request); others are reported (SMS703) and not applied.
    #[arg(long, value_name = "REF")]
    pub suppressions_from: Option<String>,
    /// Read the configuration, the packs it names and the `--baseline` file from the git ref
    /// REF (the base branch of a pull request) instead of the working tree, under the rules
    /// for untrusted files: no link followed, nothing outside the repository, sizes capped.
    /// When REF has no configuration, the defaults apply. Needs `git`.
    #[arg(long, value_name = "REF")]
    pub config_from: Option<String>,
    /// Only these codes, names or code prefixes (comma-separated; replaces the config's list).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Vec<String>,
    /// Never report these codes, names or code prefixes (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
    /// Fail only on findings that the baseline FILE (written by `smslint baseline`) does not
    /// record; recorded ones are counted as baselined, and entries that match nothing any more
    /// are reported (SMS920).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Show the baselined findings too, marked as such (with `--baseline`).
    #[arg(long, requires = "baseline")]
    pub show_baselined: bool,
    /// Leave out repository-level findings (those on no reported file), e.g. in a changed-files
    /// hook whose whole-repository gate reports them.
    #[arg(long)]
    pub no_repository_findings: bool,
    /// Lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Exit 0 even when findings are reported (errors that stop the run still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print the number of findings per code instead of the findings (as `ruff --statistics`).
    #[arg(long)]
    pub statistics: bool,
    /// List every repository-level finding in human output (they are grouped per code
    /// otherwise).
    #[arg(long, short)]
    pub verbose: bool,
    /// With `--format github`: at most N repository-level annotations (the rest are listed in
    /// the job summary) [default: `max-repository-annotations` of smslint.toml, else 10].
    #[arg(long, value_name = "N")]
    pub max_repository_annotations: Option<usize>,
    /// When to use colours in human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Print findings only, no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Show at most N findings per file (and per code for repository-level findings), then
    /// one (SMS910) that says how many more were left out; 0 shows all.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_findings_per_file: usize,
    /// Keep each document's parse and findings in a cache, so the next run reads only the
    /// files that changed [default: on, off when the `CI` environment variable is set].
    #[arg(long, overrides_with = "no_cache")]
    pub cache: bool,
    /// Use no cache: read and check every document afresh.
    #[arg(long, overrides_with = "cache")]
    pub no_cache: bool,
    /// The cache's folder (implies `--cache`) [default: `smslint` in the user's cache folder,
    /// e.g. `~/.cache/smslint`, one file per repository].
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

impl CheckArgs {
    /// The cache folder this run uses, `None` for none: `--no-cache` wins; `--cache` or
    /// `--cache-dir` turn it on; otherwise it is on unless `CI` is set (to anything but empty,
    /// `0` or `false`), so CI runs always check from nothing.
    pub(crate) fn cache_folder(&self) -> Option<PathBuf> {
        if self.no_cache {
            return None;
        }
        let in_ci = std::env::var_os("CI").is_some_and(|v| !matches!(v.to_str(), Some("" | "0" | "false")));
        if self.cache_dir.is_none() && !self.cache && in_ci {
            return None;
        }
        self.cache_dir.clone().or_else(smslint::cache::default_dir)
    }
}

/// Options of `rules` and other listings.
#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

/// Options of `explain`.
#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// A code (`SMS301`), a rule name (`review-overdue`), a requirement id, a checklist label
    /// (`"6.1 Planning and Implementation"`) or a clause (`8.3.3`).
    pub key: String,
    /// Configuration file whose packs to read requirements from.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Formats of listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ListFormat {
    /// A table for people.
    Human,
    /// JSON.
    Json,
}

/// `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum FailOn {
    /// Fail on errors only.
    #[default]
    Error,
    /// Fail on warnings and errors.
    Warning,
}

impl FailOn {
    /// The lowest failing severity.
    pub(crate) fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
        }
    }
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum Color {
    /// Colours on a terminal, unless `NO_COLOR` is set.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}
