//! Helpers shared by the integration tests: check a folder in process ([`load`], [`render`],
//! [`lint_dir`], [`explain`]), which is what a test of a library behaviour uses, and run the
//! real binary with a fixed date ([`run`]), kept for the command-line contract itself (exit
//! codes, error text, arguments). A debug-build lint of acme-sms costs about 0.2 s of CPU
//! either way, so a test that varies one thing loads once and lints the edited workspace.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The date every fixture is judged on.
pub(crate) const TODAY: &str = "2026-06-30";

/// The repository's `fixtures/` folder.
pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// A command for the built binary, with colours and the environment pinned; `CI=true` keeps
/// the incremental cache off, so no test writes to the user's cache folder.
pub(crate) fn smslint() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_smslint"));
    c.env("NO_COLOR", "1")
        .env("CI", "true")
        .env_remove("SMSLINT_TODAY")
        .env("COLUMNS", "100");
    c
}

/// Run `smslint` with `args`; returns (exit code, stdout, stderr).
pub(crate) fn run(args: &[&str], dir: Option<&Path>) -> (i32, String, String) {
    let mut c = smslint();
    c.args(args);
    if let Some(d) = dir {
        c.current_dir(d);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = c.output().expect("binary runs");
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

/// `smslint check DIR --today TODAY --format json EXTRA...`; returns (exit code, stdout, stderr).
pub(crate) fn check_json(dir: &Path, extra: &[&str]) -> (i32, String, String) {
    let dir = dir.to_string_lossy();
    let mut args = vec!["check", &dir, "--today", TODAY, "--format", "json"];
    args.extend_from_slice(extra);
    run(&args, None)
}

/// Codes found in a JSON report.
pub(crate) fn codes(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["code"].as_str().unwrap_or("").to_owned())
        .collect()
}

/// What an in-process check of a folder gave: enough for an assertion and a snapshot, and no
/// library type, so a change in the library's run API is adapted in [`lint_dir`] alone.
#[derive(Debug)]
pub(crate) struct Linted {
    /// The codes found, in report order.
    pub codes: Vec<String>,
    /// Whether the run fails at the default level (`--fail-on error`): exit code 1 if so.
    pub fails: bool,
    /// `--format concise` output, summary line included.
    pub concise: String,
}

/// The one adapter from the tests to the library: check `dir` in process as
/// `smslint check DIR --today TODAY --format concise [--suppressions-from REF]` does, without
/// spawning the binary.
pub(crate) fn lint_dir(dir: &Path, suppressions_from: Option<&str>) -> Linted {
    let loaded = smslint::app::load(&smslint::app::Options {
        paths: vec![dir.to_path_buf()],
        today: Some(TODAY.parse().expect("a date")),
        max_findings_per_file: Some(1000),
        suppressions_from: suppressions_from.map(str::to_owned),
        ..smslint::app::Options::default()
    })
    .unwrap_or_else(|e| panic!("{}: {e:?}", dir.display()));
    let outcome = loaded.lint();
    let report = smslint::outcome::Run {
        root: &loaded.setup.root,
        outcome: &outcome,
        config: &loaded.setup.config,
        packs: &loaded.setup.packs,
    };
    let mut out = Vec::new();
    let style = smslint::output::Style::default();
    smslint::output::emit(smslint::output::Format::Concise, &report, style, &mut out)
        .expect("writes to memory");
    Linted {
        codes: report.findings.iter().map(|f| f.code().to_owned()).collect(),
        fails: report.fails(smslint::finding::Severity::Error),
        concise: String::from_utf8(out).expect("concise output is UTF-8"),
    }
}

/// Load `dir` in process as `smslint check DIR --today TODAY --select SELECT` does (`SELECT`
/// comma-separated, empty for the configuration's selection; the default cap of 1000 findings
/// per file): the workspace is read once, so a test that varies one thing edits the
/// returned [`smslint::app::Loaded`] and lints it again with [`render`].
pub(crate) fn load(dir: &Path, select: &str) -> smslint::app::Loaded {
    smslint::app::load(&smslint::app::Options {
        paths: vec![dir.to_path_buf()],
        today: Some(TODAY.parse().expect("a date")),
        max_findings_per_file: Some(1000),
        select: select
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        ..smslint::app::Options::default()
    })
    .unwrap_or_else(|e| panic!("{}: {e:?}", dir.display()))
}

/// Lint `loaded` and write the outcome in `format` (no colour, 100 columns, as [`smslint`]
/// pins them for the binary).
pub(crate) fn render(loaded: &smslint::app::Loaded, format: smslint::output::Format) -> String {
    render_with(loaded, format, smslint::output::Style::default())
}

/// [`render`] with `style` (e.g. `verbose`, every repository-level finding listed).
pub(crate) fn render_with(
    loaded: &smslint::app::Loaded,
    format: smslint::output::Format,
    style: smslint::output::Style,
) -> String {
    let outcome = loaded.lint();
    let report = smslint::outcome::Run {
        root: &loaded.setup.root,
        outcome: &outcome,
        config: &loaded.setup.config,
        packs: &loaded.setup.packs,
    };
    let mut out = Vec::new();
    smslint::output::emit(format, &report, style, &mut out).expect("writes to memory");
    String::from_utf8(out).expect("output is UTF-8")
}

/// Lint `loaded` and return the `findings` array of its JSON report.
pub(crate) fn json_findings(loaded: &smslint::app::Loaded) -> Vec<serde_json::Value> {
    let out = render(loaded, smslint::output::Format::Json);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    v["findings"].as_array().expect("findings").clone()
}

/// `smslint explain KEY` outside any repository (the built-in pack), in process: the text the
/// binary prints, neutralised as it does. The pack is loaded once for all the keys.
pub(crate) fn explain(key: &str) -> String {
    static PACKS: std::sync::LazyLock<smslint::pack::Packs> = std::sync::LazyLock::new(|| {
        let config = smslint::config::Config::default();
        smslint::pack::Packs::load(&config.packs, Path::new("."), &smslint::checks::rules())
            .expect("built-in pack loads")
            .with_config(&config)
    });
    let item = smslint::explain::lookup(key, &PACKS).unwrap_or_else(|| panic!("explain {key}: unknown"));
    smslint::output::sanitize(&smslint::explain::text(&item, &PACKS)).into_owned()
}

/// Copy the folder `from` to `to`, recursively (regular files and folders only).
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Run `git ARGS` in `dir` with a pinned identity and no global or system configuration;
/// panics when it fails, else returns its standard output.
pub(crate) fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=smslint tests",
            "-c",
            "user.email=tests@example.invalid",
        ])
        .args(["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
