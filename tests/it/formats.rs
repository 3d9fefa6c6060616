//! Machine formats (concise, SARIF, GitHub workflow commands, `JUnit`, Markdown summary), repeated
//! `--format FORMAT=FILE` targets, changed-files mode and `--changed-since`. Hostile file names
//! and values (`::`, `%`, newlines, `,`, `:`, Markdown and XML) must stay inside their field.

use crate::common;

use crate::common::git;
use std::path::Path;

use common::{TODAY, run};
use serde_json::Value;

/// A hostile status value: workflow-command syntax, an encoded newline, a real newline (YAML
/// escape), table pipes, HTML and a Markdown link.
const HOSTILE_STATUS: &str = r#""bad|,:%0A::error::x\n<b>&[l](u)""#;
const HOSTILE_NAME: &str = "pol,i:c%y 1.md";

fn doc(id: &str, status: &str, last_reviewed: &str) -> String {
    format!(
        "---\nid: {id}\ntitle: T\ntype: policy\nowner: O\napprover: A\nversion: \"1.0\"\nstatus: {status}\nlast_reviewed: {last_reviewed}\n---\n# T\n"
    )
}

fn hostile_repo() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("smslint.toml"), "packs = []\n").unwrap();
    std::fs::write(
        d.path().join(HOSTILE_NAME),
        doc("POL-001", HOSTILE_STATUS, "2026-01-10"),
    )
    .unwrap();
    std::fs::write(
        d.path().join("overdue.md"),
        doc("POL-002", "approved", "2020-01-10"),
    )
    .unwrap();
    d
}

fn check(dir: &Path, extra: &[&str]) -> (i32, String, String) {
    let d = dir.to_string_lossy().into_owned();
    let mut args = vec!["check", d.as_str(), "--today", TODAY];
    args.extend_from_slice(extra);
    run(&args, None)
}

fn sarif(dir: &Path) -> Value {
    let (_, out, err) = check(dir, &["--format", "sarif"]);
    assert!(err.is_empty(), "{err}");
    serde_json::from_str(&out).expect("SARIF is JSON")
}

#[test]
fn sarif_has_the_fields_github_code_scanning_needs() {
    let repo = hostile_repo();
    let log = sarif(repo.path());
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1, "one run");
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "smslint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(
        rules.len(),
        smslint::checks::rules().len(),
        "every rule is listed"
    );
    for r in rules {
        for key in ["id", "name"] {
            assert!(r[key].is_string(), "rule {key}: {r}");
        }
        assert!(
            r["shortDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
        );
        assert!(
            r["fullDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
        );
        let help = r["help"]["text"].as_str().unwrap();
        assert!(help.contains("## How to fix"), "full help inline: {help}");
        assert!(matches!(
            r["defaultConfiguration"]["level"].as_str(),
            Some("error" | "warning")
        ));
        assert!(r.get("helpUri").is_none(), "no invented URL without docs-url");
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    for res in results {
        let id = res["ruleId"].as_str().unwrap();
        let idx = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], id, "ruleIndex points at the rule");
        assert!(matches!(res["level"].as_str(), Some("error" | "warning")));
        assert!(res["message"]["text"].is_string());
        let loc = &res["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            !uri.starts_with('/') && !uri.contains("://"),
            "relative uri: {uri}"
        );
        let region = &loc["region"];
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[key].as_u64().is_some_and(|n| n >= 1), "{key} in {region}");
        }
    }
    let uris: Vec<&str> = results
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(uris.contains(&"pol%2Ci%3Ac%25y%201.md"), "{uris:?}");
    let hostile = results.iter().find(|r| r["ruleId"] == "SMS204").unwrap();
    let region = &hostile["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(8), Some(9))
    );
}

/// A new repository as a user starts one: a few documents, no `smslint.toml`, no README.
fn configless_repo() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join("policies")).unwrap();
    for (i, name) in ["security.md", "change.md", "scope.md"].iter().enumerate() {
        let text = doc(&format!("POL-00{}", i + 1), "approved", "2026-01-10")
            .replace("owner: O", "owner: Service Owner")
            + "\nSee [the plan](missing-plan.md).\n";
        std::fs::write(d.path().join("policies").join(name), text).unwrap();
    }
    d
}

#[test]
fn every_sarif_result_has_a_location_even_without_config_or_readme() {
    let d = configless_repo();
    let log = sarif(d.path());
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "SMS101"), "{results:?}");
    assert!(results.iter().any(|r| r["ruleId"] == "SMS601"), "{results:?}");
    for r in results {
        let locations = r["locations"].as_array().expect("every result has locations");
        assert!(!locations.is_empty(), "{r}");
        let uri = locations[0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .expect("a file");
        let region = &locations[0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1, "{r}");
        match r["properties"]["location"].as_str() {
            // A missing requirement points at the path `smslint init` would write it at.
            Some("suggested-path") => {
                assert_eq!(r["properties"]["repositoryLevel"], true);
                assert!(uri.ends_with(".md") && uri.contains('/'), "{uri}");
            }
            Some("repository-file") => {
                assert_eq!(r["properties"]["repositoryLevel"], true);
                assert_eq!(
                    uri, "policies/change.md",
                    "the first document, without config or README"
                );
            }
            None => assert!(uri.starts_with("policies/"), "{r}"),
            Some(other) => panic!("unknown location kind {other}"),
        }
    }
    let register = results
        .iter()
        .find(|r| r["ruleId"] == "SMS401")
        .expect("the missing roles register");
    assert_eq!(
        register["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "roles/roles-register.md"
    );
}

#[test]
fn docs_url_gives_help_uris() {
    let repo = hostile_repo();
    std::fs::write(
        repo.path().join("smslint.toml"),
        "packs = []\ndocs-url = \"https://sms.example.org/rules/{code}.html\"\n",
    )
    .unwrap();
    let log = sarif(repo.path());
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let r = rules.iter().find(|r| r["id"] == "SMS301").unwrap();
    assert_eq!(r["helpUri"], "https://sms.example.org/rules/SMS301.html");
}

#[test]
fn github_commands_escape_hostile_text() {
    let repo = hostile_repo();
    let (code, out, err) = check(repo.path(), &["--format", "github"]);
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "one line per finding, no injected line: {out}");
    for l in &lines {
        assert!(l.starts_with("::error file="), "{l}");
    }
    let hostile = lines.iter().find(|l| l.contains("SMS204")).unwrap();
    assert!(
        hostile.starts_with("::error file=pol%2Ci%3Ac%25y 1.md,line=8,col=9,"),
        "{hostile}"
    );
    assert!(hostile.contains(",title=SMS204 value-not-allowed::"), "{hostile}");
    let message = hostile.split_once("value-not-allowed::").unwrap().1;
    assert!(
        message.contains("%250A"),
        "a literal %0A must not decode to a newline: {message}"
    );
    assert!(message.contains("x%0A"), "the real newline is encoded: {message}");
    assert!(!message.contains('\n') && !message.contains('\r'));
    let overdue = lines.iter().find(|l| l.contains("SMS301")).unwrap();
    assert!(overdue.starts_with(
        "::error file=overdue.md,line=9,col=16,endLine=9,endColumn=26,title=SMS301 review-overdue::"
    ));
}

#[test]
fn concise_is_one_line_per_finding_that_document_text_cannot_break() {
    let repo = hostile_repo();
    let (code, out, err) = check(repo.path(), &["--format", "concise"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        "overdue.md:9:16: SMS301 Review was due 2021-01-10, 1997 days ago\n\
         pol,i:c%y 1.md:8:9: SMS204 `bad|,:%0A::error::x?<b>&[l](u)` is not a known status\n\
         2 errors, 0 warnings in 2 documents\n",
        "the newline in the value is neutralised, so each finding stays on its own line"
    );
    let (_, quiet, _) = check(repo.path(), &["--format", "concise", "--quiet"]);
    assert_eq!(quiet.lines().count(), 2, "no summary line with --quiet: {quiet}");
}

#[test]
fn junit_is_one_suite_per_rule_and_escapes_xml() {
    let repo = hostile_repo();
    let (_, out, _) = check(repo.path(), &["--format", "junit"]);
    assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "));
    assert_eq!(out.matches("<testsuite ").count(), smslint::checks::rules().len());
    assert_eq!(out.matches("<failure ").count(), 2);
    assert!(out.contains(r#"<testsuite name="SMS204 value-not-allowed" tests="1" failures="1""#));
    assert!(out.contains("&lt;b&gt;&amp;"), "{out}");
    assert!(!out.contains("<b>"), "document text must not become markup");
    assert!(out.contains(r#"name="pol,i:c%y 1.md:8:9""#), "{out}");
}

#[test]
fn summary_is_markdown_that_document_text_cannot_break() {
    let repo = hostile_repo();
    let (_, out, _) = check(repo.path(), &["--format", "summary"]);
    assert!(out.starts_with("## ❌ smslint found errors"), "{out}");
    assert!(out.contains("| error | 2 |"));
    assert!(out.contains("| 7.5.3 "), "counts per clause: {out}");
    assert!(out.contains("### Top findings"));
    assert!(out.contains("- overdue.md: 1 error, 0 warnings"), "{out}");
    let row = out.lines().find(|l| l.contains("SMS204")).unwrap();
    // Four cells: the pipes that are not escaped are exactly the five separators.
    let unescaped = row
        .match_indices('|')
        .filter(|(i, _)| !row[..*i].ends_with('\\'))
        .count();
    assert_eq!(unescaped, 5, "{row}");
    assert!(!row.contains("<b>") && !row.contains("](u)"), "{row}");
}

#[test]
fn several_formats_in_one_run() {
    let repo = hostile_repo();
    let out_dir = tempfile::tempdir().unwrap();
    let sarif_file = out_dir.path().join("smslint.sarif");
    let json_file = out_dir.path().join("report.json");
    let sarif_arg = format!("sarif={}", sarif_file.display());
    let json_arg = format!("json={}", json_file.display());
    let (code, out, err) = check(
        repo.path(),
        &[
            "--format", "github", "--format", &sarif_arg, "--format", &json_arg,
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.starts_with("::error "), "{out}");
    let log: Value = serde_json::from_str(&std::fs::read_to_string(&sarif_file).unwrap()).unwrap();
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 2);
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&json_file).unwrap()).unwrap();
    assert_eq!(json["summary"]["errors"], 2);

    // --output takes the target without a file of its own.
    let (_, out, _) = check(
        repo.path(),
        &["--format", "junit", "--output", &sarif_file.to_string_lossy()],
    );
    assert!(out.is_empty());
    assert!(
        std::fs::read_to_string(&sarif_file)
            .unwrap()
            .contains("<testsuites")
    );

    // Two formats cannot share standard output; unknown formats are usage errors.
    let (code, _, err) = check(repo.path(), &["--format", "human", "--format", "json"]);
    assert_eq!(code, 2);
    assert!(err.contains("only one `--format`"), "{err}");
    let (code, _, err) = check(repo.path(), &["--format", "xml"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown format"), "{err}");
}

#[test]
fn file_arguments_narrow_the_report_but_not_the_index() {
    let repo = hostile_repo();
    // Same id in another file: the duplicate is found because the whole repository is indexed.
    std::fs::write(
        repo.path().join("twin.md"),
        doc("POL-002", "approved", "2026-01-10"),
    )
    .unwrap();
    let file = repo.path().join("twin.md").to_string_lossy().into_owned();
    let (code, out, _) = run(&["check", &file, "--today", TODAY, "--format", "json"], None);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    let found: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["path"].as_str().unwrap()))
        .collect();
    assert_eq!(found, vec![("SMS206", "twin.md")]);
}

fn codes_and_paths(json: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(json).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["code"].as_str().unwrap(),
                f["path"].as_str().unwrap_or("-")
            )
        })
        .collect()
}

#[test]
fn changed_since_reports_the_changed_markdown_files() {
    let repo = hostile_repo();
    let dir = repo.path();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "base"]);
    let (code, out, err) = check(dir, &["--changed-since", "HEAD", "--format", "json"]);
    assert_eq!(
        (code, codes_and_paths(&out)),
        (0, vec![]),
        "nothing changed: {err}"
    );

    // A modified tracked file and a new untracked file are reported; the rest is not.
    std::fs::write(dir.join("overdue.md"), doc("POL-002", "approved", "2019-01-10")).unwrap();
    std::fs::write(dir.join("new.md"), doc("POL-009", "approved", "2018-01-10")).unwrap();
    let (code, out, _) = check(dir, &["--changed-since", "HEAD", "--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(codes_and_paths(&out), vec!["SMS301 new.md", "SMS301 overdue.md"]);

    let (code, _, err) = check(dir, &["--changed-since", "no-such-ref"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown git ref `no-such-ref`"), "{err}");
    let (code, _, err) = check(dir, &["--changed-since", "--oops"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn changed_since_outside_git_is_a_clear_error() {
    let repo = hostile_repo();
    let outside = tempfile::tempdir().unwrap();
    // A folder that is surely not inside a git work tree.
    let mut c = common::smslint();
    c.args(["check", &repo.path().to_string_lossy(), "--changed-since", "HEAD"])
        .current_dir(outside.path())
        .env("GIT_CEILING_DIRECTORIES", repo.path().parent().unwrap());
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let words = err.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("need a git repository"), "{err}");
}

#[test]
fn suppressions_from_applies_only_the_base_suppressions() {
    let repo = hostile_repo();
    let dir = repo.path();
    let old = format!(
        "{}<!-- smslint-disable SMS301 -- accepted by CAB-2026-14 -->\n",
        doc("POL-003", "approved", "2019-01-10")
    );
    std::fs::write(dir.join("accepted.md"), &old).unwrap();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "base"]);
    // The change silences its own overdue review; the base's suppression stays valid.
    let silenced = format!(
        "{}<!-- smslint-disable SMS301 -- reviewed informally -->\n",
        doc("POL-002", "approved", "2020-01-10")
    );
    std::fs::write(dir.join("overdue.md"), silenced).unwrap();
    let (code, out, _) = check(dir, &["--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(codes_and_paths(&out), vec![format!("SMS204 {HOSTILE_NAME}")]);
    let (code, out, err) = check(dir, &["--suppressions-from", "HEAD", "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        codes_and_paths(&out),
        vec![
            "SMS301 overdue.md".to_owned(),
            "SMS703 overdue.md".to_owned(),
            format!("SMS204 {HOSTILE_NAME}")
        ]
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let f = &v["findings"][1];
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(12), Some(1)),
        "points at the comment"
    );
    let (code, _, err) = check(dir, &["--suppressions-from", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown git ref"), "{err}");
}

/// The workspace keeps no document text: human output reads a file again for its snippets,
/// and shows them only while the file has the bytes its findings were positioned in. A file
/// edited between the run and the output (here in process, after `lint`) is shown without a
/// snippet, its path before the message, rather than with other text under old positions.
#[test]
fn a_file_changed_after_the_run_is_shown_without_a_snippet() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("smslint.toml"), "packs = []\n").unwrap();
    let file = d.path().join("overdue.md");
    std::fs::write(&file, doc("POL-002", "approved", "2020-01-10")).unwrap();
    let loaded = common::load(d.path(), "");
    let human = common::render(&loaded, smslint::output::Format::Human);
    assert!(human.contains("SMS301"), "{human}");
    assert!(
        human.contains("last_reviewed: 2020-01-10"),
        "the snippet is shown: {human}"
    );
    assert!(!human.contains("overdue.md: "), "{human}");
    // The same length, other bytes.
    std::fs::write(&file, doc("POL-002", "approved", "2020-01-11")).unwrap();
    let after = common::render(&loaded, smslint::output::Format::Human);
    assert!(after.contains("SMS301"), "{after}");
    assert!(
        !after.contains("last_reviewed: 2020"),
        "no snippet of the edited file: {after}"
    );
    assert!(
        after.contains("overdue.md: "),
        "the finding names its file instead: {after}"
    );
    // Put back, the snippet is shown again.
    std::fs::write(&file, doc("POL-002", "approved", "2020-01-10")).unwrap();
    assert_eq!(common::render(&loaded, smslint::output::Format::Human), human);
}

#[test]
fn human_and_github_list_findings_on_files_first_and_group_repository_findings() {
    let d = configless_repo();
    let loaded = common::load(d.path(), "");
    let human = common::render(&loaded, smslint::output::Format::Human);
    let github = common::render(&loaded, smslint::output::Format::Github);
    let first_repository = human
        .find("Repository-level findings")
        .expect("a repository part");
    assert!(human[..first_repository].contains("SMS601"), "{human}");
    insta::assert_snapshot!("ordered_human", human);
    insta::assert_snapshot!("ordered_github", github);
    let statistics = {
        let outcome = loaded.lint();
        let report = smslint::outcome::Run {
            root: &loaded.setup.root,
            outcome: &outcome,
            config: &loaded.setup.config,
            packs: &loaded.setup.packs,
        };
        let mut out = Vec::new();
        smslint::output::statistics(&report, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    insta::assert_snapshot!("statistics", statistics);
}
