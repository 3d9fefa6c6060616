//! Harness for the composite GitHub Action: reads `action.yml`, runs each step's `run:` script
//! (each calls `action/run.sh`) with bash the way a runner does (inputs and step outputs
//! through `env:`, `GITHUB_*` variables and files, `$GITHUB_PATH` between steps), in temporary
//! repositories cloned shallowly as `actions/checkout` clones them, with the binary built for
//! the tests on PATH (so the install step finds it and builds nothing). The `actions/cache`
//! step is simulated: cold, it restores nothing; warm, it restores the binary into the folder
//! the prepare step named, as a cache hit would.

use crate::common::git;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use yaml_rust2::{Yaml, YamlLoader};

const GOOD: &str = "---
id: POL-001
title: Service Management Policy
type: policy
owner: Head of Service Management
approver: Chief Information Officer
version: \"1.0\"
status: approved
last_reviewed: 2026-01-10
---

# Service Management Policy
";

const OVERDUE: &str = "---
id: POL-002
title: Incident Policy
type: policy
owner: Head of Service Management
approver: Chief Information Officer
version: \"1.0\"
status: approved
last_reviewed: 2024-01-10
---

# Incident Policy
";

const BASE_CONFIG: &str = "packs = []\n";
const IGNORE_ALL: &str = "packs = []\n[rules]\nignore = [\"all\"]\n";

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A bare "remote" whose `main` holds `files`, and an author clone to make changes in.
struct Remote {
    _tmp: tempfile::TempDir,
    bare: PathBuf,
    author: PathBuf,
}

impl Remote {
    fn new(files: &[(&str, &str)]) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let bare = tmp.path().join("remote.git");
        let author = tmp.path().join("author");
        std::fs::create_dir_all(&author).unwrap();
        git(tmp.path(), &["init", "-q", "--bare", "-b", "main", "remote.git"]);
        git(&author, &["init", "-q", "-b", "main"]);
        for (rel, text) in files {
            write(&author, rel, text);
        }
        git(&author, &["add", "-A"]);
        git(&author, &["commit", "-q", "-m", "base"]);
        git(&author, &["remote", "add", "origin", &url(&bare)]);
        git(&author, &["push", "-q", "origin", "main"]);
        Self {
            _tmp: tmp,
            bare,
            author,
        }
    }

    /// Commit `files` on main and push.
    fn push_main(&self, files: &[(&str, &str)]) {
        for (rel, text) in files {
            write(&self.author, rel, text);
        }
        git(&self.author, &["add", "-A"]);
        git(&self.author, &["commit", "-q", "-m", "change"]);
        git(&self.author, &["push", "-q", "origin", "main"]);
    }

    /// A pull request changing `files`, published as GitHub does: `refs/pull/1/merge` is the
    /// merge of the branch into main.
    fn pull_request(&self, files: &[(&str, &str)]) {
        git(&self.author, &["checkout", "-q", "-b", "feature"]);
        for (rel, text) in files {
            write(&self.author, rel, text);
        }
        git(&self.author, &["add", "-A"]);
        git(&self.author, &["commit", "-q", "-m", "feature"]);
        git(&self.author, &["checkout", "-q", "--detach", "main"]);
        git(
            &self.author,
            &["merge", "-q", "--no-ff", "-m", "merge", "feature"],
        );
        git(&self.author, &["push", "-q", "origin", "HEAD:refs/pull/1/merge"]);
    }

    /// A workspace checked out as `actions/checkout` does: one commit of `reference`.
    fn checkout(&self, reference: &str, into: &Path) {
        std::fs::create_dir_all(into).unwrap();
        git(into, &["init", "-q"]);
        git(into, &["remote", "add", "origin", &url(&self.bare)]);
        let spec = format!("+{reference}:refs/remotes/checkout");
        git(into, &["fetch", "-q", "--no-tags", "--depth=1", "origin", &spec]);
        git(into, &["checkout", "-q", "--detach", "refs/remotes/checkout"]);
        assert_eq!(
            git(into, &["rev-parse", "--is-shallow-repository"]).trim(),
            "true"
        );
    }
}

fn url(p: &Path) -> String {
    format!("file://{}", p.display())
}

/// What one run of the action left.
struct Outcome {
    status: i32,
    outputs: HashMap<String, String>,
    summary: String,
    log: String,
}

fn action() -> Yaml {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml")).unwrap();
    YamlLoader::load_from_str(&text).unwrap().remove(0)
}

/// Replace `${{ inputs.NAME }}` in an `env:` value by the given input or the input's default,
/// and `${{ steps.ID.outputs.KEY }}` by that step's output (empty when it set none).
fn expand(
    value: &str,
    inputs: &[(&str, &str)],
    declared: &Yaml,
    outputs: &HashMap<String, String>,
) -> String {
    let v = value.trim();
    let inner = v
        .strip_prefix("${{")
        .and_then(|r| r.strip_suffix("}}"))
        .map(str::trim);
    if let Some(step) = inner.and_then(|r| r.strip_prefix("steps.")) {
        let key = step.replacen(".outputs.", ".", 1);
        return outputs.get(&key).cloned().unwrap_or_default();
    }
    let Some(name) = inner.and_then(|r| r.strip_prefix("inputs.")) else {
        assert!(!value.contains("${{"), "unsupported expression {value}");
        return value.to_owned();
    };
    if let Some((_, given)) = inputs.iter().find(|(k, _)| *k == name) {
        return (*given).to_owned();
    }
    let d = &declared[name];
    assert!(!d.is_badvalue(), "env uses undeclared input {name}");
    d["default"].as_str().unwrap_or("").to_owned()
}

/// What the simulated `actions/cache` step restores.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cache {
    /// Nothing (a first job).
    Cold,
    /// The binary a previous job built, into the folder the prepare step named.
    Warm,
}

/// Run every step of action.yml in `workspace` for `event`, the cache cold.
fn run_action(workspace: &Path, event: &str, inputs: &[(&str, &str)]) -> Outcome {
    run_action_cached(workspace, event, inputs, Cache::Cold)
}

/// Run every step of action.yml in `workspace` for `event`.
fn run_action_cached(workspace: &Path, event: &str, inputs: &[(&str, &str)], cache: Cache) -> Outcome {
    let doc = action();
    assert_eq!(doc["runs"]["using"].as_str(), Some("composite"));
    let declared = &doc["inputs"];
    let runner = tempfile::tempdir().unwrap();
    let output_file = runner.path().join("output");
    let summary_file = runner.path().join("summary.md");
    std::fs::write(&output_file, "").unwrap();
    std::fs::write(&summary_file, "").unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_smslint"))
        .parent()
        .unwrap()
        .to_path_buf();
    let mut path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let path_file = runner.path().join("path");
    std::fs::write(&path_file, "").unwrap();
    let mut log = String::new();
    let mut outputs: HashMap<String, String> = HashMap::new();
    let mut status = 0;
    for (i, step) in doc["runs"]["steps"].as_vec().unwrap().iter().enumerate() {
        let Some(script) = step["run"].as_str() else {
            let uses = step["uses"].as_str().unwrap_or("");
            assert!(uses.starts_with("actions/cache@"), "step {i}: unexpected {uses}");
            let sha = uses.trim_start_matches("actions/cache@");
            assert!(
                sha.len() == 40 && sha.bytes().all(|b| b.is_ascii_hexdigit()),
                "pin by SHA: {uses}"
            );
            let dir = expand(step["with"]["path"].as_str().unwrap(), inputs, declared, &outputs);
            let key = expand(step["with"]["key"].as_str().unwrap(), inputs, declared, &outputs);
            assert!(
                !dir.is_empty() && key.starts_with("smslint-"),
                "cache path {dir:?}, key {key:?}"
            );
            if cache == Cache::Warm {
                let to = Path::new(&dir).join("bin/smslint");
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::copy(env!("CARGO_BIN_EXE_smslint"), &to).unwrap();
                if let Some(id) = step["id"].as_str() {
                    outputs.insert(format!("{id}.cache-hit"), "true".to_owned());
                }
            }
            continue;
        };
        assert!(
            !script.contains("${{"),
            "step {i} expands an expression inside its script"
        );
        assert_eq!(step["shell"].as_str(), Some("bash"));
        std::fs::write(&output_file, "").unwrap();
        let script_file = runner.path().join(format!("step{i}.sh"));
        std::fs::write(&script_file, script).unwrap();
        let mut c = Command::new("bash");
        c.args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&script_file)
            .current_dir(workspace)
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .env("CI", "true")
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_ACTION_PATH", env!("CARGO_MANIFEST_DIR"))
            .env("GITHUB_WORKSPACE", workspace)
            .env("GITHUB_EVENT_NAME", event)
            .env("GITHUB_OUTPUT", &output_file)
            .env("GITHUB_PATH", &path_file)
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env_remove("RUNNER_TOOL_CACHE")
            .env("GITHUB_STEP_SUMMARY", &summary_file)
            .env("RUNNER_TEMP", runner.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env_remove("SMSLINT_TODAY");
        if event.starts_with("pull_request") {
            c.env("GITHUB_BASE_REF", "main").env("GITHUB_HEAD_REF", "feature");
        } else {
            c.env("GITHUB_REF", "refs/heads/main").env("GITHUB_BASE_REF", "");
        }
        if let Some(env) = step["env"].as_hash() {
            for (k, v) in env {
                let (Some(k), Some(v)) = (k.as_str(), v.as_str()) else {
                    panic!("step {i}: env values must be strings");
                };
                c.env(k, expand(v, inputs, declared, &outputs));
            }
        }
        let out = c.output().expect("bash runs");
        log.push_str(&String::from_utf8_lossy(&out.stdout));
        log.push_str(&String::from_utf8_lossy(&out.stderr));
        if let Some(id) = step["id"].as_str() {
            let text = std::fs::read_to_string(&output_file).unwrap();
            for (k, v) in read_outputs(&text) {
                outputs.insert(format!("{id}.{k}"), v);
            }
        }
        // `$GITHUB_PATH`: each line is put in front of PATH for the later steps.
        for dir in std::fs::read_to_string(&path_file).unwrap().lines() {
            path = format!("{dir}:{path}");
        }
        std::fs::write(&path_file, "").unwrap();
        status = out.status.code().unwrap_or(-1);
        if status != 0 {
            break;
        }
    }
    // The action's outputs map to step outputs.
    let mut action_outputs = HashMap::new();
    if let Some(declared) = doc["outputs"].as_hash() {
        for (k, v) in declared {
            let value = v["value"].as_str().unwrap_or("");
            let step_key = value
                .trim()
                .trim_start_matches("${{")
                .trim_end_matches("}}")
                .trim()
                .trim_start_matches("steps.")
                .replacen(".outputs.", ".", 1);
            if let (Some(k), Some(v)) = (k.as_str(), outputs.get(&step_key)) {
                action_outputs.insert(k.to_owned(), v.clone());
            }
        }
    }
    Outcome {
        status,
        outputs: action_outputs,
        summary: std::fs::read_to_string(&summary_file).unwrap(),
        log,
    }
}

/// A step output file read as the runner reads it: `key=value` lines and the delimiter form
/// `key<<DELIMITER` … `DELIMITER`.
fn read_outputs(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some((k, delimiter)) = line.split_once("<<") {
            let mut value = Vec::new();
            for l in lines.by_ref() {
                if l == delimiter {
                    break;
                }
                value.push(l);
            }
            out.push((k.to_owned(), value.join("\n")));
        } else if let Some((k, v)) = line.split_once('=') {
            out.push((k.to_owned(), v.to_owned()));
        } else {
            panic!("not an output line: {line:?}");
        }
    }
    out
}

const TODAY: (&str, &str) = ("today", "2026-06-30");

#[test]
fn push_on_a_clean_and_a_broken_repository() {
    let remote = Remote::new(&[("smslint.toml", BASE_CONFIG), ("policies/policy.md", GOOD)]);
    let ws = remote._tmp.path().join("ws-clean");
    remote.checkout("refs/heads/main", &ws);
    let sarif = ws.join("results/smslint.sarif");
    let sarif_s = sarif.to_string_lossy().into_owned();
    let clean = run_action(&ws, "push", &[TODAY, ("sarif-file", &sarif_s)]);
    assert_eq!(clean.status, 0, "{}", clean.log);
    assert!(
        clean.log.contains("Using smslint"),
        "install step must reuse the binary: {}",
        clean.log
    );
    assert_eq!(clean.outputs["errors"], "0");
    assert_eq!(clean.outputs["warnings"], "0");
    assert_eq!(clean.outputs["sarif-file"], sarif_s);
    assert!(
        clean.summary.contains("found nothing to fix"),
        "{}",
        clean.summary
    );
    let log: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");

    remote.push_main(&[("policies/incident.md", OVERDUE)]);
    let ws = remote._tmp.path().join("ws-broken");
    remote.checkout("refs/heads/main", &ws);
    let broken = run_action(&ws, "push", &[TODAY]);
    assert_eq!(broken.status, 1, "{}", broken.log);
    assert_eq!(broken.outputs["errors"], "1");
    assert!(
        broken.log.contains("::error file=policies/incident.md,line=9,"),
        "annotation expected: {}",
        broken.log
    );
    assert!(broken.summary.contains("SMS301"), "{}", broken.summary);
    assert!(
        broken.summary.contains("policies/incident.md"),
        "{}",
        broken.summary
    );

    // fail-on never reports but passes.
    let lenient = run_action(&ws, "push", &[TODAY, ("fail-on", "never")]);
    assert_eq!(lenient.status, 0, "{}", lenient.log);
    assert_eq!(lenient.outputs["errors"], "1");
}

#[test]
fn a_pull_request_cannot_switch_the_checks_off_with_its_own_config() {
    let remote = Remote::new(&[
        ("smslint.toml", BASE_CONFIG),
        ("policies/policy.md", GOOD),
        ("policies/other.md", GOOD.replace("POL-001", "POL-003").as_str()),
    ]);
    let with_suppression = format!("{GOOD}\n<!-- smslint-disable SMS304 -- effective date moved -->\n")
        .replace("POL-001", "POL-003");
    let self_silenced = format!("{OVERDUE}\n<!-- smslint-disable SMS301 -- reviewed informally -->\n");
    remote.pull_request(&[
        ("policies/incident.md", &self_silenced),
        ("smslint.toml", IGNORE_ALL),
        ("policies/other.md", &with_suppression),
    ]);
    let ws = remote._tmp.path().join("ws-pr");
    remote.checkout("refs/pull/1/merge", &ws);

    let untrusted = run_action(&ws, "pull_request", &[TODAY]);
    assert_eq!(
        untrusted.status, 1,
        "the base config must decide: {}",
        untrusted.log
    );
    assert_eq!(untrusted.outputs["errors"], "1");
    assert!(
        untrusted.summary.contains("read from the base branch"),
        "{}",
        untrusted.summary
    );
    assert!(
        untrusted.summary.contains("Suppressions added by this change"),
        "{}",
        untrusted.summary
    );
    assert!(
        untrusted.summary.contains("policies/other.md:14"),
        "{}",
        untrusted.summary
    );
    assert!(
        untrusted.summary.contains("smslint-disable SMS304"),
        "{}",
        untrusted.summary
    );
    assert!(
        untrusted.summary.contains("policies/incident.md:14"),
        "{}",
        untrusted.summary
    );
    // smslint lists them itself: in the outputs and as notices on the comments.
    assert_eq!(untrusted.outputs["suppressions-added"], "2");
    assert!(
        untrusted.log.contains("::notice file=policies/other.md,line=14,"),
        "{}",
        untrusted.log
    );
    // The pull request's own suppression of its overdue review is not applied.
    assert!(untrusted.log.contains("SMS703"), "{}", untrusted.log);
    assert!(
        untrusted.log.contains("title=SMS301 review-overdue"),
        "{}",
        untrusted.log
    );

    // Only with trust-pr-config does the pull request's own config count.
    let trusted = run_action(&ws, "pull_request", &[TODAY, ("trust-pr-config", "true")]);
    assert_eq!(trusted.status, 0, "{}", trusted.log);
    assert_eq!(trusted.outputs["errors"], "0");
}

#[test]
fn changed_only_reports_just_the_pull_requests_files() {
    // The base branch has a legacy problem; the pull request adds a clean document.
    let remote = Remote::new(&[("smslint.toml", BASE_CONFIG), ("legacy/old.md", OVERDUE)]);
    remote.pull_request(&[("policies/policy.md", GOOD)]);
    let ws = remote._tmp.path().join("ws-changed");
    remote.checkout("refs/pull/1/merge", &ws);
    let changed = run_action(&ws, "pull_request", &[TODAY, ("changed-only", "true")]);
    assert_eq!(changed.status, 0, "{}", changed.log);
    assert_eq!(changed.outputs["errors"], "0");
    assert!(changed.summary.contains("changed-only"), "{}", changed.summary);
    let all = run_action(&ws, "pull_request", &[TODAY]);
    assert_eq!(all.status, 1, "{}", all.log);
    assert!(all.log.contains("legacy/old.md"), "{}", all.log);
}

#[test]
fn nothing_a_pull_request_writes_becomes_a_workflow_command() {
    let remote = Remote::new(&[("smslint.toml", BASE_CONFIG), ("policies/policy.md", GOOD)]);
    let forged = format!(
        "{GOOD}\n<!-- smslint-disable SMS301 -- x\r::error file=README.md,line=1::FORGED\r::add-mask::MASKED \u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J -->\n"
    );
    remote.pull_request(&[
        ("policies/policy.md", &forged),
        (
            "policies/::warning::NAMED.md",
            &GOOD.replace("POL-001", "POL-004"),
        ),
    ]);
    let ws = remote._tmp.path().join("ws-pr");
    remote.checkout("refs/pull/1/merge", &ws);
    for trust in ["false", "true"] {
        let out = run_action(&ws, "pull_request", &[TODAY, ("trust-pr-config", trust)]);
        // A log reader splits lines at CR as well as LF, and the runner trims leading spaces.
        for line in out.log.split(['\r', '\n']) {
            let line = line.trim_start();
            assert!(
                !(line.starts_with("::")
                    && (line.contains("FORGED") || line.contains("MASKED") || line.contains("NAMED"))),
                "trust-pr-config={trust}: a workflow command from the pull request: {line:?}\n{}",
                out.log
            );
        }
        assert!(
            !out.log.contains('\u{1b}'),
            "trust-pr-config={trust}: raw ESC in the log"
        );
        assert!(
            !out.summary.contains('\u{1b}') && !out.summary.contains('\r'),
            "{}",
            out.summary
        );
        if trust == "false" {
            assert!(
                out.summary.contains("FORGED"),
                "the suppression is still shown: {}",
                out.summary
            );
        }
    }
}

/// The baseline written by `smslint baseline` for a repository holding `files`.
fn baseline_of(files: &[(&str, &str)]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        write(tmp.path(), rel, text);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_smslint"))
        .args(["baseline", ".", "--today", TODAY.1])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::read_to_string(tmp.path().join(".smslint-baseline.json")).unwrap()
}

#[test]
fn the_baseline_input_is_read_from_the_base_branch_on_pull_requests() {
    let legacy = [("smslint.toml", BASE_CONFIG), ("legacy/old.md", OVERDUE)];
    let remote = Remote::new(&legacy);
    let baseline = baseline_of(&legacy);
    remote.push_main(&[(".smslint-baseline.json", &baseline)]);
    let input = ("baseline", ".smslint-baseline.json");

    let ws = remote._tmp.path().join("ws-main");
    remote.checkout("refs/heads/main", &ws);
    let push = run_action(&ws, "push", &[TODAY, input]);
    assert_eq!(push.status, 0, "the legacy finding is baselined: {}", push.log);
    assert!(push.summary.contains("0 errors"), "{}", push.summary);

    // The pull request adds an overdue document and records it in its own copy of the baseline.
    let new = OVERDUE.replace("POL-002", "POL-009");
    let both = [
        ("smslint.toml", BASE_CONFIG),
        ("legacy/old.md", OVERDUE),
        ("policies/new.md", new.as_str()),
    ];
    let widened = baseline_of(&both);
    remote.pull_request(&[("policies/new.md", &new), (".smslint-baseline.json", &widened)]);
    let ws = remote._tmp.path().join("ws-pr-baseline");
    remote.checkout("refs/pull/1/merge", &ws);
    let untrusted = run_action(&ws, "pull_request", &[TODAY, input]);
    assert_eq!(untrusted.status, 1, "{}", untrusted.log);
    assert_eq!(untrusted.outputs["errors"], "1");
    assert!(untrusted.log.contains("policies/new.md"), "{}", untrusted.log);
    assert!(
        untrusted
            .summary
            .contains("baseline were read from the base branch"),
        "{}",
        untrusted.summary
    );
    let trusted = run_action(&ws, "pull_request", &[TODAY, input, ("trust-pr-config", "true")]);
    assert_eq!(trusted.status, 0, "{}", trusted.log);
}

#[test]
fn a_warm_cache_installs_nothing_and_a_typo_in_an_input_is_explained() {
    let remote = Remote::new(&[("smslint.toml", BASE_CONFIG), ("policies/policy.md", GOOD)]);
    let ws = remote._tmp.path().join("ws-warm");
    remote.checkout("refs/heads/main", &ws);
    let warm = run_action_cached(&ws, "push", &[TODAY], Cache::Warm);
    assert_eq!(warm.status, 0, "{}", warm.log);
    assert!(warm.log.contains("Using the cached smslint"), "{}", warm.log);
    assert_eq!(warm.outputs["errors"], "0");
    assert_eq!(warm.outputs["exit-code"], "0");

    // `warnings` for `warning`: exit 2 before anything is installed, with a message that
    // names the input, a job summary and an output.
    let typo = run_action(&ws, "push", &[TODAY, ("fail-on", "warnings")]);
    assert_eq!(typo.status, 2, "{}", typo.log);
    assert!(
        typo.log.contains(
            "::error title=smslint::input 'fail-on' must be one of error|warning|never, not 'warnings'"
        ),
        "{}",
        typo.log
    );
    assert!(typo.summary.contains("smslint could not run"), "{}", typo.summary);
    assert!(typo.summary.contains("fail-on"), "{}", typo.summary);
    assert!(!typo.log.contains("Using"), "nothing is installed: {}", typo.log);
    let date = run_action(&ws, "push", &[("today", "30/06/2026")]);
    assert_eq!(date.status, 2, "{}", date.log);
    assert!(date.summary.contains("YYYY-MM-DD"), "{}", date.summary);
}

#[test]
fn config_from_reads_the_base_revision_and_follows_no_link() {
    // The base branch's config names a pack folder; the pull request's working tree drops
    // the pack's requirement and switches every rule off. --config-from reads the base's.
    let pack = "[pack]\nname = \"house\"\ntitle = \"House\"\n\n[[clause]]\nid = \"5.2\"\ntitle = \"Policy\"\n\n[[requirement]]\nid = \"house-register\"\nclause = \"5.2\"\ntitle = \"House register\"\ntypes = [\"register\"]\nwhy = \"w\"\nfix = \"f\"\n";
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    git(repo, &["init", "-q", "-b", "main"]);
    write(repo, "smslint.toml", "packs = [\"rules/house\"]\n");
    write(repo, "rules/house/pack.toml", pack);
    write(repo, "policies/policy.md", GOOD);
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "base"]);
    write(repo, "smslint.toml", IGNORE_ALL);
    std::fs::remove_dir_all(repo.join("rules")).unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_smslint"))
            .args(["check", ".", "--today", TODAY.1, "--format", "concise"])
            .args(args)
            .current_dir(repo)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        (
            out.status.code(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )
    };
    let (code, text) = run(&[]);
    assert_eq!(
        code,
        Some(0),
        "the working tree's config ignores everything: {text}"
    );
    let (code, text) = run(&["--config-from", "HEAD"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("house-register"), "the base's pack applies: {text}");

    // A base whose config is a symbolic link (to a file outside the repository) is refused.
    std::os::unix::fs::symlink("/etc/hostname", repo.join("link.toml")).unwrap();
    std::fs::remove_file(repo.join("smslint.toml")).unwrap();
    std::os::unix::fs::symlink("link.toml", repo.join("smslint.toml")).unwrap();
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "link"]);
    let (code, text) = run(&["--config-from", "HEAD"]);
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("symbolic link"), "{text}");
    let (code, text) = run(&["--config-from", "HEAD", "--config", "../outside.toml"]);
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("outside the repository"), "{text}");
}
