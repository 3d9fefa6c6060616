//! The promises of SECURITY.md, one test per promise, each built from what a hostile pull
//! request can commit: symbolic links, FIFOs, a `.git/config`, configuration and packs with
//! control characters, documents sized to make a quadratic step take minutes. Every test
//! asserts also when run as root (CI does): nothing relies on file permissions.

use crate::common;

use std::io::Read as _;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{TODAY, git, run, smslint};

const GOOD: &str = "---\nid: POL-001\ntitle: Policy\ntype: policy\nowner: Head of Service\napprover: CIO\n\
                    version: \"1.0\"\nstatus: approved\nlast_reviewed: 2026-01-10\n---\n\n# Policy\n";

fn write(root: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let ok = Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(ok.success(), "mkfifo {}", path.display());
}

/// A repository with one sound document and an empty config (no built-in pack, so only the
/// checks under test speak).
fn repo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "smslint.toml", "packs = []\n");
    write(tmp.path(), "policies/policy.md", GOOD);
    tmp
}

/// Run `cmd` with a deadline far above what a linear run needs; a run that is still going then
/// is killed and reported (a hang or a quadratic step), not waited for forever.
fn run_within(mut cmd: Command, limit: Duration) -> (i32, String, String) {
    cmd.stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(Stdio::null());
    let started = Instant::now();
    let mut child = cmd.spawn().expect("binary runs");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        out.read_to_end(&mut v).ok();
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        err.read_to_end(&mut v).ok();
        v
    });
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            panic!("still running after {limit:?}: a hang or a super-linear step");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = String::from_utf8_lossy(&t_out.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&t_err.join().unwrap()).into_owned();
    (status.code().unwrap_or(-1), stdout, stderr)
}

/// Run `cmd` to its end, with no deadline: for the heavy `#[ignore]`d inputs, whose results are
/// asserted (how long they take is measured by the benches, not by a test).
fn run_to_end(mut cmd: Command) -> (i32, String, String) {
    let out = cmd.stdin(Stdio::null()).output().expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn check_cmd(dir: &Path, extra: &[&str]) -> Command {
    let mut c = smslint();
    c.arg("check").arg(dir).args(["--today", TODAY]).args(extra);
    c
}

const LIMIT: Duration = Duration::from_secs(60);

// 1 ──────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn files_besides_documents_are_read_only_when_regular_inside_and_small() {
    // CODEOWNERS linked to the process environment: the secret must not appear anywhere.
    let tmp = repo();
    let root = tmp.path();
    std::fs::create_dir_all(root.join(".github")).unwrap();
    symlink("/proc/self/environ", root.join(".github/CODEOWNERS")).unwrap();
    for format in ["human", "concise", "json", "sarif", "summary", "github"] {
        let mut c = check_cmd(root, &["--format", format]);
        c.env("SMSLINT_TEST_SECRET", "hunter2-token-value");
        let (code, out, err) = run_within(c, LIMIT);
        assert!(code <= 1, "{format}: exit {code}: {err}");
        assert!(
            !out.contains("hunter2-token-value") && !err.contains("hunter2-token-value"),
            "{format}: the environment leaked into the output:\n{out}{err}"
        );
        assert!(
            out.contains("SMS90") || out.contains("CODEOWNERS"),
            "{format}: the link must be reported:\n{out}"
        );
    }
    // CODEOWNERS linked to an endless device and to a FIFO: the run finishes and says so.
    for (what, make) in [
        (
            "device",
            Box::new(|p: &Path| symlink("/dev/zero", p).unwrap()) as Box<dyn Fn(&Path)>,
        ),
        ("fifo", Box::new(mkfifo)),
    ] {
        let tmp = repo();
        std::fs::create_dir_all(tmp.path().join(".github")).unwrap();
        make(&tmp.path().join(".github/CODEOWNERS"));
        let (code, out, err) = run_within(check_cmd(tmp.path(), &["--format", "json"]), LIMIT);
        assert!(code <= 1, "{what}: exit {code}: {err}");
        assert!(
            out.contains("CODEOWNERS"),
            "{what}: CODEOWNERS must be reported:\n{out}"
        );
    }
    // A pack file that is a FIFO, and a config linked to a device: a clear error, no hang.
    let tmp = repo();
    write(tmp.path(), "smslint.toml", "packs = [\"rules/mine\"]\n");
    mkfifo(&tmp.path().join("rules/mine/pack.toml"));
    let (code, _, err) = run_within(check_cmd(tmp.path(), &[]), LIMIT);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("pack.toml"), "{err}");
    let tmp = repo();
    std::fs::remove_file(tmp.path().join("smslint.toml")).unwrap();
    symlink("/dev/zero", tmp.path().join("smslint.toml")).unwrap();
    let (code, _, err) = run_within(check_cmd(tmp.path(), &[]), LIMIT);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("smslint.toml"), "{err}");
}

// 2 ──────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn output_files_are_never_written_through_a_symbolic_link() {
    let tmp = repo();
    let root = tmp.path();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("bashrc");
    std::fs::write(&victim, "original\n").unwrap();
    std::fs::create_dir_all(root.join("results")).unwrap();
    symlink(&victim, root.join("results/smslint.sarif")).unwrap();
    symlink(outside.path(), root.join("linked")).unwrap();
    let target = root.join("results/smslint.sarif");
    let t = target.to_string_lossy().into_owned();
    let through_folder = root.join("linked/out.json").to_string_lossy().into_owned();
    let r = root.to_string_lossy().into_owned();
    let cases: Vec<Vec<String>> = vec![
        vec!["check".into(), r.clone(), "--format".into(), format!("sarif={t}")],
        vec![
            "check".into(),
            r.clone(),
            "--format".into(),
            "junit".into(),
            "--output".into(),
            t.clone(),
        ],
        vec![
            "check".into(),
            r.clone(),
            "--format".into(),
            format!("json={through_folder}"),
        ],
        vec!["report".into(), r.clone(), "-o".into(), t.clone()],
    ];
    for args in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, _, err) = run(&[&args[..], &["--today", TODAY]].concat(), None);
        assert_eq!(code, 2, "{args:?} must refuse: {err}");
        assert!(err.contains("symbolic link"), "{args:?}: {err}");
        assert_eq!(
            std::fs::read_to_string(&victim).unwrap(),
            "original\n",
            "{args:?} wrote through the link"
        );
        assert!(
            !outside.path().join("out.json").exists(),
            "{args:?} wrote through a linked folder"
        );
    }
    // A plain output file is still written (and replaces an older one).
    let plain = root.join("results/plain.sarif");
    std::fs::write(&plain, "old").unwrap();
    let p = plain.to_string_lossy().into_owned();
    let (code, _, err) = run(
        &["check", &r, "--today", TODAY, "--format", &format!("sarif={p}")],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&plain).unwrap().contains("2.1.0"));
    // init does not create files through a linked folder.
    let fresh = tempfile::tempdir().unwrap();
    symlink(outside.path(), fresh.path().join("policies")).unwrap();
    let d = fresh.path().to_string_lossy().into_owned();
    let (code, _, err) = run(&["init", &d], None);
    assert_eq!(code, 2, "init must refuse: {err}");
    assert!(err.contains("symbolic link"), "{err}");
    let leaked: Vec<_> = std::fs::read_dir(outside.path()).unwrap().collect();
    assert_eq!(leaked.len(), 1, "init wrote into the linked folder: {leaked:?}");
    // Nor into a folder that is a committed link, named as it is or as the way to a new one.
    symlink(outside.path(), fresh.path().join("linked")).unwrap();
    for dir in ["linked", "linked/new"] {
        let (code, _, err) = run(&["init", dir], Some(fresh.path()));
        assert_eq!(code, 2, "init {dir} must refuse: {err}");
        assert!(err.contains("symbolic link"), "{err}");
        let leaked: Vec<_> = std::fs::read_dir(outside.path()).unwrap().collect();
        assert_eq!(leaked.len(), 1, "init {dir} wrote through the link: {leaked:?}");
    }
}

// 4 ──────────────────────────────────────────────────────────────────────────────────────────

#[test]
#[ignore = "heavy: run by .ci/run in release (cargo test --release --test it -- --ignored security::)"]
fn every_step_is_linear_in_its_input() {
    // Inputs that a quadratic step turns into minutes: pairwise duplicate-key checks over
    // 30,000 keys, a slug suffix search restarting at 1 for 20,000 equal headings, columns
    // counted from the line start for 80,000 links on one 1.3 MB line, the whole file rescanned
    // for each of 40,000 findings. No clock here (time is the benches' business): the test
    // asserts what each run found, and a quadratic step shows as a CI run that does not end.
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "smslint.toml", "packs = []\nmax-file-size = 20000000\n");
    write(
        root,
        "headings.md",
        format!("{GOOD}{}", "## Same\n\n".repeat(20_000)),
    );
    let mut keys = String::from("---\nid: POL-002\n");
    for i in 0..30_000 {
        keys.push_str(&format!("k{i}: v\n"));
    }
    keys.push_str("---\n# Keys\n");
    write(root, "keys.md", keys);
    write(
        root,
        "links.md",
        format!("{GOOD}\n{}\n", "[x](missing.md) ".repeat(80_000)),
    );
    let (code, out, err) = run_to_end(check_cmd(
        root,
        &["--format", "json", "--max-findings-per-file", "0"],
    ));
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|_| panic!("{err}"));
    let on = |path: &str, code: &str| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["path"] == path && f["code"] == code)
            .count()
    };
    assert_eq!(
        on("links.md", "SMS601"),
        80_000,
        "every broken link on the long line"
    );
    assert_eq!(
        on("headings.md", "SMS601"),
        0,
        "equal headings raise no link finding"
    );
    // Human output of 40,000 findings.
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "smslint.toml", "packs = []\n");
    write(
        tmp.path(),
        "many.md",
        format!("{GOOD}\n{}", "[x](missing.md)\n".repeat(40_000)),
    );
    let (code, out, err) = run_to_end(check_cmd(tmp.path(), &["--max-findings-per-file", "0"]));
    assert_eq!(code, 1, "{err}");
    assert!(out.matches("SMS601").count() >= 40_000, "every finding is shown");
    // 20,000 suppressions, each silencing the broken link on its next line, and 20,000
    // file-wide ones that silence nothing: matching each finding against every suppression
    // would be quadratic.
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "smslint.toml", "packs = []\n");
    let mut doc = GOOD.to_owned();
    for i in 0..20_000 {
        doc.push_str(&format!(
            "<!-- smslint-disable SMS30{} -- never -->\n<!-- smslint-disable-next-line SMS601 -- archived -->\n[x](gone{i}.md)\n",
            i % 10
        ));
    }
    write(tmp.path(), "suppressed.md", doc);
    let (_, out, err) = run_to_end(check_cmd(
        tmp.path(),
        &[
            "--format",
            "json",
            "--max-findings-per-file",
            "0",
            "--select",
            "SMS601",
        ],
    ));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|_| panic!("{err}"));
    assert_eq!(v["summary"]["suppressed"], 20_000, "{err}");
}

#[test]
#[ignore = "heavy: run by .ci/run in release (cargo test --release --test it -- --ignored security::)"]
fn suggestions_and_shared_ids_stay_linear() {
    // Each of these took 20-30 s in a release build before (so far longer here): every finding
    // on one of 8,000 documents sharing an id listed the 7,999 others; each of 8,000 unknown
    // RACI roles was compared with all 8,000 roles of the register for a "did you mean"; each
    // of 8,000 broken anchors sorted and compared all 8,000 headings of its target.
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "smslint.toml", "packs = []\n");
    for i in 0..8_000 {
        write(root, &format!("policies/p{i}.md"), GOOD);
    }
    let (code, out, err) = run_to_end(check_cmd(root, &["--format", "json"]));
    assert_eq!(code, 1, "{err}");
    assert!(
        out.contains("more"),
        "the others are counted, not listed: {}",
        &out[..out.len().min(2000)]
    );

    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "smslint.toml", "packs = [\"iso20000-1:2018\"]\n");
    let mut register = GOOD
        .replace("type: policy", "type: roles")
        .replace("POL-001", "ROL-001");
    register.push_str("\n## Roles\n\n| Role | Responsibilities |\n|---|---|\n");
    for i in 0..8_000 {
        register.push_str(&format!("| Role{i} | r |\n"));
    }
    write(root, "roles/roles-register.md", register);
    for k in 0..20 {
        let mut doc = GOOD.replace("POL-001", &format!("POL-{k:03}"));
        let cols: Vec<String> = (0..400).map(|j| format!("Qq{k}x{j}")).collect();
        doc.push_str(&format!(
            "\n## RACI\n\n| Activity | {} |\n|{}\n| A | {} |\n",
            cols.join(" | "),
            "---|".repeat(401),
            vec!["R"; 400].join(" | ")
        ));
        write(root, &format!("policies/p{k}.md"), doc);
    }
    let (code, out, err) = run_to_end(check_cmd(root, &["--format", "json"]));
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("Qq0x1"), "the unknown roles are reported");

    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "smslint.toml", "packs = []\n");
    let mut doc = GOOD.to_owned();
    for i in 0..8_000 {
        doc.push_str(&format!("\n## Head{i}\n"));
    }
    for i in 0..8_000 {
        doc.push_str(&format!("[x](#qq{i}z) "));
    }
    write(root, "policies/a.md", doc);
    let (code, out, err) = run_to_end(check_cmd(root, &["--format", "json"]));
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("#qq0z"), "the broken anchors are reported");
}

// 5 ──────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn findings_per_file_are_capped_and_machine_formats_stream() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "smslint.toml", "packs = []\n");
    write(
        tmp.path(),
        "broken.md",
        format!("{GOOD}\n{}", "[x](missing.md)\n".repeat(5_000)),
    );
    let (code, out, err) = run_within(check_cmd(tmp.path(), &["--format", "sarif"]), LIMIT);
    assert_eq!(code, 1, "{err}");
    let log: serde_json::Value = serde_json::from_str(&out).expect("valid SARIF");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(
        results.len(),
        1_001,
        "1,000 findings plus the one that counts the rest"
    );
    assert!(
        results
            .iter()
            .any(|r| r["message"]["text"].as_str().unwrap_or("").contains("4,000 more")),
        "one finding says how many were left out"
    );
    // The cap is an option; 0 means no cap.
    let (_, out, _) = run_within(
        check_cmd(tmp.path(), &["--format", "json", "--max-findings-per-file", "10"]),
        LIMIT,
    );
    assert_eq!(common::codes(&out).len(), 11, "{out}");
}

// 6 ──────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn findings_and_config_errors_past_column_65535_render_without_panic() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "smslint.toml", "packs = []\n");
    write(
        tmp.path(),
        "long.md",
        format!("{GOOD}\n{} [x](missing.md)\n", "a".repeat(70_000)),
    );
    let (code, out, err) = run_within(check_cmd(tmp.path(), &[]), LIMIT);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("SMS601") && out.contains("missing.md"), "{out}");
    assert!(
        out.len() < 20_000,
        "a window around the span is shown, not the whole line"
    );
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "smslint.toml",
        // The unknown key sits at column 70,026 of line 2.
        format!(
            "packs = []\nrules = {{ select = [\"{}\"], no-such-key = 1 }}\n",
            "a".repeat(70_000)
        ),
    );
    let (code, _, err) = run_within(check_cmd(tmp.path(), &[]), LIMIT);
    assert_eq!(code, 2, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("no-such-key"), "the error names the key: {err}");
    assert!(
        err.contains("smslint.toml:2:70026"),
        "the error keeps the file's own line and column: {err}"
    );
    assert!(err.len() < 20_000, "a window of the line is shown, not all of it");
}

// 7 ──────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn a_pull_request_cannot_pass_its_own_gate() {
    // (a) Copies of a base suppression silence nothing new.
    let tmp = repo();
    let root = tmp.path();
    let base = format!("{GOOD}\n<!-- smslint-disable-next-line SMS601 -- archived -->\n[old](gone.md)\n");
    write(root, "policies/policy.md", &base);
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "base"]);
    let mut pr = base.clone();
    for i in 0..5 {
        pr.push_str(&format!(
            "\n<!-- smslint-disable-next-line SMS601 -- archived -->\n[new](new{i}.md)\n"
        ));
    }
    write(root, "policies/policy.md", &pr);
    let (code, out, err) = common::check_json(root, &["--suppressions-from", "HEAD"]);
    assert_eq!(code, 1, "{err}");
    let codes = common::codes(&out);
    assert_eq!(codes.iter().filter(|c| *c == "SMS601").count(), 5, "{out}");
    // The base suppression still silences what it silenced on the base.
    assert!(!out.contains("gone.md"), "{out}");

    // (b) A symbolic link in place of a tracked document fails the gate.
    let tmp = repo();
    write(tmp.path(), ".hidden/copy.md", GOOD);
    std::fs::remove_file(tmp.path().join("policies/policy.md")).unwrap();
    symlink("../.hidden/copy.md", tmp.path().join("policies/policy.md")).unwrap();
    let (code, out, _) = common::check_json(tmp.path(), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("SMS907"), "{out}");

    // (b') Also in changed-files mode (the Action's `changed-only`): a tracked document replaced
    // by a dangling link or a FIFO stays in scope and fails, rather than dropping out.
    for kind in ["dangling link", "fifo"] {
        let tmp = repo();
        let root = tmp.path();
        write(root, "policies/bad.md", "---\nid: POL-009\n---\n# Broken\n");
        git(root, &["init", "-q", "-b", "main"]);
        git(root, &["add", "-A"]);
        git(root, &["commit", "-q", "-m", "base"]);
        std::fs::remove_file(root.join("policies/bad.md")).unwrap();
        if kind == "fifo" {
            mkfifo(&root.join("policies/bad.md"));
        } else {
            symlink("nowhere.md", root.join("policies/bad.md")).unwrap();
        }
        let (code, out, err) = common::check_json(root, &["--changed-since", "HEAD"]);
        assert_eq!(code, 1, "{kind}: {err}{out}");
        assert!(out.contains("policies/bad.md"), "{kind}: {out}");
    }

    // (c) A README inside a documents folder is a document.
    let tmp = repo();
    write(
        tmp.path(),
        "policies/README.md",
        "---\nid: POL-009\n---\n# Broken\n",
    );
    let (code, out, _) = common::check_json(tmp.path(), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("policies/README.md"), "{out}");
    // The repository's own README is still not one.
    write(
        tmp.path(),
        "policies/README.md",
        GOOD.replace("POL-001", "POL-009"),
    );
    write(tmp.path(), "README.md", "# About this repository\n");
    let (code, out, _) = common::check_json(tmp.path(), &[]);
    assert_eq!(code, 0, "{out}");
    // A folder readme that states no document control describes the folder: not a document.
    write(
        tmp.path(),
        "policies/README.md",
        "# Policies\n\nThe policies of the SMS, one file each.\n",
    );
    let (code, out, _) = common::check_json(tmp.path(), &[]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("policies/README.md"), "{out}");

    // (d) Paths from two roots stop with a clear error; a folder called smslint.toml is no config.
    let tmp = repo();
    let root = tmp.path();
    write(root, "policies/broken.md", "---\nid: POL-009\n---\n# Broken\n");
    write(root, "aaa/a.md", GOOD);
    write(
        root,
        "aaa/smslint.toml",
        "packs = []\n[rules]\nignore = [\"all\"]\n",
    );
    let (code, _, err) = run(
        &["check", "aaa/a.md", "policies/broken.md", "--today", TODAY],
        Some(root),
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("aaa/a.md") && err.contains("policies/broken.md"),
        "{err}"
    );
    std::fs::remove_file(root.join("aaa/smslint.toml")).unwrap();
    std::fs::create_dir_all(root.join("aaa/smslint.toml")).unwrap();
    let (code, out, err) = run(
        &[
            "check",
            "aaa/a.md",
            "policies/broken.md",
            "--today",
            TODAY,
            "--format",
            "json",
        ],
        Some(root),
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("policies/broken.md"), "{out}");
    // `check other/repo` from elsewhere still works.
    let (code, _, err) = run(&["check", "policies", "--today", TODAY], Some(root));
    assert!(code <= 1, "{err}");
}

// 8 ──────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn no_document_text_starts_a_log_line_or_reaches_it_raw() {
    // A file name and front-matter values that carry workflow commands behind every kind of
    // line break (LF, CR, U+2028, U+2029, NEL) and raw escapes (OSC 52, CSI, C1 CSI, bidi).
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "smslint.toml", "packs = []\n");
    let name = "policies/a\n::error file=x::FORGED\r::warning::FORGED\u{2028}::notice::FORGED\
                \u{2029}::add-mask::FORGED\u{85}::error::FORGED\u{1b}]52;c;AAAA\u{7}\u{9b}2J\u{202e}.md";
    write(
        root,
        name,
        "---\nid: POL-001\ntitle: \"T\\n::error::FORGED\\u2028::error::FORGED\\e[2J\"\ntype: policy\n\
         owner: |\n  x\n  ::error::FORGED\napprover: CIO\nversion: \"1.0\"\nstatus: |\n  bogus\n  ::error::FORGED\n\
         last_reviewed: 2026-01-10\nreview_cycle: 1 month\n---\n\n# Policy\n\n[x](missing\u{1b}[31m.md)\n",
    );
    let forged = [
        "::error file=x::",
        "::warning::",
        "::notice::",
        "::add-mask::",
        "::error::",
    ];
    let verify = |what: &str, out: &str| {
        for c in out.chars() {
            let raw = (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
            // A CR is allowed only as smslint's own CRLF (the ICS calendar).
            assert!(
                !raw || (c == '\r' && what.contains("ics")),
                "{what}: raw {c:?} in:\n{out}"
            );
        }
        for line in out.split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']) {
            assert!(
                !forged.iter().any(|f| line.trim_start().starts_with(f)),
                "{what}: a line starts a forged workflow command: {line:?}"
            );
        }
    };
    let r = root.to_string_lossy().into_owned();
    for format in ["human", "concise", "json", "sarif", "github", "junit", "summary"] {
        let (code, out, err) = run(&["check", &r, "--today", TODAY, "--format", format], None);
        assert_eq!(code, 1, "{format}: {err}");
        assert!(out.contains("FORGED"), "{format}: the file is reported: {out}");
        verify(format, &out);
        verify(format, &err);
    }
    for (cmd, format) in [
        ("report", "md"),
        ("report", "html"),
        ("report", "json"),
        ("due", "human"),
        ("due", "json"),
        ("due", "ics"),
    ] {
        let mut args = vec![cmd, r.as_str(), "--today", TODAY, "--format", format];
        if cmd == "due" {
            args.extend(["--within", "1000d"]);
        }
        let (code, out, err) = run(&args, None);
        assert!(code <= 1, "{cmd} {format}: {err}");
        verify(&format!("{cmd} {format}"), &out);
        verify(&format!("{cmd} {format}"), &err);
    }
}

#[test]
fn config_and_pack_strings_reach_the_terminal_neutralised() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(
        root,
        "smslint.toml",
        "packs = [\"rules/mine\"]\ndocs-url = \"https://x.example/\\u001b]52;c;ZXZpbA==\\u0007\\u001b[2J\"\n",
    );
    write(
        root,
        "rules/mine/pack.toml",
        "[pack]\nname = \"mine\"\ntitle = \"Mine \\u001b[2J\"\n\n[[clause]]\nid = \"4\"\ntitle = \"Ctx \\u001b]8;;https://evil.example\\u0007link\\u001b]8;;\\u0007\"\n\n\
         [[requirement]]\nid = \"need-policy\"\nclause = \"4\"\ntitle = \"Policy \\u001b[2J\"\ntypes = [\"policy\"]\n\
         why = \"Why \\u001b[2J\"\nfix = \"Fix \\u001b[2J\"\n",
    );
    write(root, "policies/p.md", "---\nid: POL-1\n---\n# P\n");
    let (code, out, err) = run(&["check", ".", "--today", TODAY], Some(root));
    assert_eq!(code, 1, "the pack loads and the document has findings: {err}");
    assert!(out.contains("clause 4"), "the clause title is shown: {out}");
    assert!(
        !out.contains('\u{1b}') && !err.contains('\u{1b}'),
        "check: {out}{err}"
    );
    for args in [
        &["clauses"][..],
        &["explain", "need-policy"],
        &["explain", "4"],
        &["explain", "SMS101"],
    ] {
        let (code, out, err) = run(args, Some(root));
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(
            !out.contains('\u{1b}') && !err.contains('\u{1b}'),
            "{args:?}: {out}{err}"
        );
        assert!(!out.contains('\u{7}'), "{args:?}: {out}");
    }
}

// 9 ──────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn bare_urls_in_document_strings_do_not_become_links() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "smslint.toml", "packs = []\n");
    write(
        root,
        "policies/p.md",
        "---\nid: https://evil.example/login\ntitle: Visit www.evil.example or mail help@evil.example\n\
         type: policy\nowner: https://evil.example/login\n---\n# P\n",
    );
    let r = root.to_string_lossy().into_owned();
    let (_, summary, _) = run(&["check", &r, "--today", TODAY, "--format", "summary"], None);
    let (_, report, _) = run(&["report", &r, "--today", TODAY, "--format", "md"], None);
    for (what, text) in [("summary", &summary), ("report", &report)] {
        assert!(
            text.contains("evil.example/login"),
            "{what}: the string is still shown: {text}"
        );
        // GitHub links `scheme://`, `www.` and e-mail addresses in plain text.
        for linkable in ["https://evil", "www.evil", "help@evil"] {
            assert!(
                !text.contains(linkable),
                "{what}: `{linkable}` stays linkable: {text}"
            );
        }
    }
    assert!(report.contains("www"), "{report}");
}

// 10 ─────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn nothing_is_skipped_silently() {
    let tmp = repo();
    mkfifo(&tmp.path().join("policies/x.md"));
    let (code, out, err) = run_within(check_cmd(tmp.path(), &["--format", "json"]), LIMIT);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("policies/x.md"), "the FIFO is reported: {out}");
    for make in [
        Box::new(|p: &Path| std::fs::create_dir_all(p).unwrap()) as Box<dyn Fn(&Path)>,
        Box::new(mkfifo),
        Box::new(|p: &Path| symlink("/dev/zero", p).unwrap()),
    ] {
        let tmp = repo();
        std::fs::remove_file(tmp.path().join("smslint.toml")).unwrap();
        make(&tmp.path().join("smslint.toml"));
        let (code, _, err) = run_within(check_cmd(tmp.path(), &[]), LIMIT);
        assert_eq!(code, 2, "a config that is no regular file is an error: {err}");
        assert!(err.contains("smslint.toml"), "{err}");
    }
}

// 11 ─────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn git_runs_none_of_the_repositorys_own_configuration() {
    let tmp = repo();
    let root = tmp.path();
    git(root, &["init", "-q", "-b", "main"]);
    write(root, ".gitattributes", "*.md filter=evil diff=evil\n");
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "base"]);
    let pwned = root.join("pwned");
    let p = pwned.to_string_lossy().into_owned();
    let mut config = std::fs::read_to_string(root.join(".git/config")).unwrap();
    config.push_str(&format!(
        "[core]\n\tfsmonitor = \"touch '{p}.fsmonitor'; false\"\n[filter \"evil\"]\n\tclean = \"touch '{p}.clean'; cat\"\n\
         \tsmudge = \"touch '{p}.smudge'; cat\"\n[diff \"evil\"]\n\ttextconv = \"touch '{p}.textconv'; cat\"\n\
         \texternal = \"touch '{p}.external'; true\"\n"
    ));
    std::fs::write(root.join(".git/config"), config).unwrap();
    write(root, "policies/policy.md", format!("{GOOD}\nChanged.\n"));
    write(root, "policies/new.md", GOOD.replace("POL-001", "POL-002"));
    let (code, out, err) =
        common::check_json(root, &["--changed-since", "HEAD", "--suppressions-from", "HEAD"]);
    assert!(code <= 1, "{err}");
    assert!(out.contains("\"documents\""), "{out}");
    let ran: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("pwned"))
        .map(|e| e.file_name())
        .collect();
    assert!(ran.is_empty(), "git ran the repository's commands: {ran:?}");
}

// Determinism ────────────────────────────────────────────────────────────────────────────────

#[test]
fn a_yaml_key_with_an_anchor_is_spanned_without_it() {
    let src = "---\n&a type: policy\n!tag id: POL-1\n---\n# T\n";
    let doc = smslint::document::Document::parse("x.md".to_owned(), src);
    let meta = doc.meta.expect("front matter parses");
    for f in &meta.fields {
        assert_eq!(&src[f.key_span.clone()], f.key.as_str(), "{f:?}");
    }
}

#[test]
fn property_tests_are_seeded_and_write_no_regressions_file_unless_asked() {
    let ci = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/run")).unwrap();
    assert!(
        ci.contains("PROPTEST_RNG_SEED=") && ci.contains("PROPTEST_CASES="),
        "CI pins the seed"
    );
    let props =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/props.rs")).unwrap();
    assert!(
        props.contains("failure_persistence"),
        "props.rs decides where failures are written"
    );
    assert!(props.contains("RngSeed"), "props.rs pins its seed");
}

#[test]
fn a_closed_standard_output_is_a_quiet_success() {
    let tmp = repo();
    for args in [
        &["rules"][..],
        &["explain", "SMS404"],
        &["clauses"],
        &["check", ".", "--today", TODAY],
    ] {
        let mut c = smslint();
        c.args(args)
            .current_dir(tmp.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}
