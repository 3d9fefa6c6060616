//! The compliance manager's commands, run as the real binary: `report`, `due` and `init`.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{TODAY, codes, fixtures, run};
use icalendar::{Calendar, CalendarComponent, Component};

fn dir(rel: &str) -> String {
    fixtures().join(rel).to_string_lossy().into_owned()
}

fn json(args: &[&str]) -> serde_json::Value {
    let (code, out, err) = run(args, None);
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).expect("valid JSON")
}

/// `smslint report ROOT --format json` for what `loaded` read (on `loaded.today`), in process:
/// the gap analysis of one lint, written by the JSON report writer.
fn report_json(loaded: &smslint::app::Loaded) -> serde_json::Value {
    let outcome = loaded.lint();
    let gap = smslint::gap::analyse(&smslint::outcome::Run {
        root: &loaded.setup.root,
        outcome: &outcome,
        config: &loaded.setup.config,
        packs: &loaded.setup.packs,
    });
    let mut buf = Vec::new();
    smslint::output::report_json::write(&gap, &mut buf).expect("writes to memory");
    serde_json::from_slice(&buf).expect("valid JSON")
}

#[test]
fn report_md_lists_the_missing_clauses_of_a_broken_repository() {
    let broken = dir("cases/sms101-required-document-missing");
    let data = json(&["report", &broken, "--today", TODAY, "--format", "json"]);
    let (code, md, err) = run(&["report", &broken, "--today", TODAY, "--format", "md"], None);
    assert_eq!(code, 0, "{err}");
    let missing: Vec<&serde_json::Value> = data["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "missing")
        .collect();
    assert!(!missing.is_empty(), "the fixture lacks required documents");
    let section = md
        .split("## Missing clauses")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    for r in &missing {
        let clause = r["clause"].as_str().unwrap();
        let title = data["clauses"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == clause)
            .and_then(|c| c["title"].as_str())
            .unwrap();
        assert!(
            section.contains(&format!("- **{clause} {title}**")),
            "{clause} not listed:\n{section}"
        );
        assert!(
            section.contains(&format!("`{}`", r["id"].as_str().unwrap())),
            "{section}"
        );
    }
    // Findings are grouped by the clause they cite.
    for group in data["findings"].as_array().unwrap() {
        for f in group["findings"].as_array().unwrap() {
            let listed = &data["clauses"];
            assert!(
                group["clause"].is_null()
                    || listed
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|c| c["id"] == group["clause"]),
                "{f}"
            );
        }
    }
    assert!(
        md.contains("## Findings by clause\n\n### 4.3 Determining the scope of the SMS"),
        "{md}"
    );
    // The clause row says it too, and readiness counts it.
    assert!(md.contains("❌ missing"), "{md}");
    let r = &data["readiness"];
    assert_eq!(
        r["total"].as_u64().unwrap() - r["satisfied"].as_u64().unwrap(),
        data["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["satisfied"] == false)
            .count() as u64
    );
    assert!(r["satisfied"].as_u64().unwrap() < r["total"].as_u64().unwrap());
}

#[test]
fn report_of_the_example_repository_is_complete() {
    let acme = dir("acme-sms");
    // acme-sms is read once and judged on two dates in process; the binary writes the Markdown.
    let mut loaded = common::load(Path::new(&acme), "");
    let data = report_json(&loaded);
    assert_eq!(data["version"], 1);
    assert_eq!(data["repository"], "acme-sms");
    assert_eq!(data["readiness"]["satisfied"], data["readiness"]["total"]);
    let clauses = data["clauses"].as_array().unwrap();
    for family in ["4", "5", "6", "7", "8", "9", "10"] {
        assert!(
            clauses.iter().any(|c| c["id"] == family && c["depth"] == 0),
            "clause {family}"
        );
    }
    assert!(
        clauses.iter().all(|c| c["status"] != "missing"),
        "acme has every required document"
    );
    // Evidence rows carry the document facts the compliance manager needs.
    let c = clauses.iter().find(|c| c["id"] == "5.2").unwrap();
    let path = c["documents"][0].as_str().unwrap();
    let doc = data["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == path)
        .unwrap();
    for key in ["id", "title", "owner", "status", "version", "next_review"] {
        assert!(!doc[key].is_null(), "{key} of {path}");
    }
    assert_eq!(data["calendar"]["months"].as_array().unwrap().len(), 12);
    assert_eq!(data["calendar"]["months"][0]["month"], "2026-06");

    // Months later the reviews have lapsed: approved evidence past its review date is stale.
    loaded.today = "2027-03-01".parse().expect("a date");
    let later = report_json(&loaded);
    let scope = later["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "sms-scope")
        .unwrap();
    assert_eq!(
        (scope["status"].as_str(), scope["satisfied"].as_bool()),
        (Some("stale"), Some(false))
    );
    let c43 = later["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "4.3")
        .unwrap();
    assert_eq!(c43["status"], "stale");
    assert!(later["calendar"]["overdue"].as_u64().unwrap() > 0);
    assert!(later["readiness"]["satisfied"].as_u64() < later["readiness"]["total"].as_u64());

    let (code, md, err) = run(&["report", &acme, "--today", TODAY], None);
    assert_eq!(code, 0, "{err}");
    for heading in [
        "## Readiness",
        "## Clauses",
        "## Requirements",
        "## Documents",
        "## Findings by clause",
        "## Review calendar",
    ] {
        assert!(md.contains(heading), "{heading}");
    }
}

#[test]
fn report_html_is_self_contained_and_escapes_document_strings() {
    let (code, html, err) = run(
        &[
            "report",
            &dir("report/script-title"),
            "--today",
            TODAY,
            "--format",
            "html",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<script").count(), 1, "only the sort script");
    assert!(html.contains("&lt;script&gt;window.__pwned = true&lt;/script&gt; Policy"));
    assert!(html.contains("&lt;img src=x onerror=&quot;window.__pwned=true&quot;&gt;"));
    assert!(!html.contains("<img"));
    for external in [
        "http://", "https://", " src=\"", "<link", "<iframe", "@import", "url(",
    ] {
        let outside_svg_ns = html.replace("http://www.w3.org/2000/svg", "");
        assert!(
            !outside_svg_ns.contains(external),
            "external reference `{external}`"
        );
    }
    assert!(html.contains("<svg id=\"heatmap\""));
    assert!(html.contains("<svg id=\"due-chart\""));
    assert!(html.contains("Content-Security-Policy"));
}

#[test]
fn report_writes_to_a_file_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("report.html");
    let (code, out, err) = run(
        &[
            "report",
            &dir("acme-sms"),
            "--today",
            TODAY,
            "--format",
            "html",
            "-o",
            &target.to_string_lossy(),
        ],
        None,
    );
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert!(
        std::fs::read_to_string(target)
            .unwrap()
            .contains("Gap analysis: acme-sms")
    );
}

/// Unfold RFC 5545 content lines.
fn unfold(ics: &str) -> String {
    ics.replace("\r\n ", "").replace("\r\n\t", "")
}

#[test]
fn due_ics_has_one_event_per_review_in_the_window() {
    let acme = dir("acme-sms");
    let (code, ics, err) = run(
        &[
            "due", &acme, "--today", TODAY, "--within", "400d", "--format", "ics",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");

    // RFC 5545 3.1: CRLF line ends, content lines folded at 75 octets.
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line}");
        assert!(!line.contains('\n'), "bare LF in {line:?}");
    }

    // Independently: every reviewed document whose next review is on or before today + 400 days.
    let data = report_json(&common::load(Path::new(&acme), ""));
    let until = "2027-08-04"; // 2026-06-30 + 400 days
    let mut expected: Vec<String> = data["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["next_review"].as_str().is_some_and(|n| n <= until))
        .map(|d| d["id"].as_str().unwrap().to_owned())
        .collect();
    expected.sort();
    assert!(
        expected.len() >= 20,
        "acme has many reviews in the window: {expected:?}"
    );

    let cal: Calendar = unfold(&ics).parse().expect("the ICS parses");
    let events: Vec<_> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), expected.len());
    let mut uids = Vec::new();
    let mut ids = Vec::new();
    for e in &events {
        let uid = e.get_uid().expect("UID").to_owned();
        let start = e.properties().get("DTSTART").expect("DTSTART");
        assert_eq!(
            start.params().get("VALUE").map(icalendar::Parameter::value),
            Some("DATE"),
            "all-day event"
        );
        assert!(e.properties().contains_key("DTSTAMP"));
        let summary = e.get_summary().expect("SUMMARY");
        let id = summary
            .trim_start_matches("Review due: ")
            .split(' ')
            .next()
            .unwrap()
            .to_owned();
        assert_eq!(
            uid,
            format!("review-{}@smslint", id.to_lowercase()),
            "UID derived from the id"
        );
        uids.push(uid);
        ids.push(id);
    }
    ids.sort();
    assert_eq!(ids, expected);
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");

    // Stable: the same input gives the same bytes.
    let (_, again, _) = run(
        &[
            "due", &acme, "--today", TODAY, "--within", "400d", "--format", "ics",
        ],
        None,
    );
    assert_eq!(ics, again);
}

#[test]
fn due_ics_escapes_text() {
    let (_, ics, _) = run(
        &[
            "due",
            &dir("report/script-title"),
            "--today",
            TODAY,
            "--within",
            "1y",
            "--format",
            "ics",
        ],
        None,
    );
    let flat = unfold(&ics);
    assert!(
        flat.contains("Policy\\; part 1\\, with commas\\, a back\\\\slash"),
        "{flat}"
    );
    let cal: Calendar = flat.parse().unwrap();
    let titles: Vec<String> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => e.get_summary().map(str::to_owned),
            _ => None,
        })
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.contains("Policy; part 1, with commas, a back\\slash")),
        "{titles:?}"
    );
}

#[test]
fn due_lists_overdue_and_upcoming_by_date_and_filters_by_owner() {
    let tmp = tempfile::tempdir().unwrap();
    let write = |name: &str, owner: &str, last: &str| {
        std::fs::write(
            tmp.path().join(name),
            format!(
                "---\nid: {}\ntitle: T\ntype: policy\nowner: {owner}\nversion: \"1\"\nstatus: draft\nlast_reviewed: {last}\nreview_cycle: 12 months\n---\n# T\n",
                name.trim_end_matches(".md").to_uppercase()
            ),
        )
        .unwrap();
    };
    std::fs::write(tmp.path().join("smslint.toml"), "packs = []\n").unwrap();
    write("a-01.md", "Change Manager", "2025-06-01"); // overdue since 2026-06-01
    write("b-01.md", "Incident Manager", "2025-07-20"); // due 2026-07-20
    write("c-01.md", "Change Manager", "2025-09-15"); // due 2026-09-15
    let root = tmp.path().to_string_lossy().into_owned();
    let ids = |v: serde_json::Value| -> Vec<String> {
        v["reviews"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        ids(json(&["due", &root, "--today", TODAY, "--format", "json"])),
        ["A-01", "B-01"]
    );
    assert_eq!(
        ids(json(&[
            "due", &root, "--today", TODAY, "--format", "json", "--within", "3 months"
        ])),
        ["A-01", "B-01", "C-01"]
    );
    assert_eq!(
        ids(json(&[
            "due",
            &root,
            "--today",
            TODAY,
            "--format",
            "json",
            "--within",
            "1y",
            "--owner",
            "change manager"
        ])),
        ["A-01", "C-01"]
    );
    let (code, human, _) = run(&["due", &root, "--today", TODAY], None);
    assert_eq!(code, 0);
    assert!(human.contains("2026-06-01  overdue by 29 days"), "{human}");
    assert!(human.contains("2026-07-20  due in 20 days"), "{human}");
    assert!(!human.contains("C-01"));
    let (code, _, err) = run(&["due", &root, "--within", "fortnightly"], None);
    assert_eq!(code, 2);
    assert!(err.contains("--within"), "{err}");
}

fn snapshot(root: &Path) -> BTreeMap<String, String> {
    walkdir(root)
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

fn walkdir(root: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn init_writes_a_repository_that_only_lacks_approval_and_real_text() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("our-sms");
    let root = target.to_string_lossy().into_owned();
    let (code, out, err) = run(&["init", &root, "--org", "Example Hosting"], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("created  smslint.toml"), "{out}");
    assert!(out.contains("Next steps"), "{out}");
    assert!(target.join("smslint.toml").is_file());
    assert!(
        target.join("roles/roles-register.md").is_file() || out.contains("roles/"),
        "{out}"
    );

    let (_, report, _) = run(&["check", &root, "--today", TODAY, "--format", "json"], None);
    let found = codes(&report);
    let forbidden: Vec<&String> = found
        .iter()
        .filter(|c| ["SMS2", "SMS4", "SMS6", "SMS9"].iter().any(|p| c.starts_with(p)))
        .collect();
    assert!(
        forbidden.is_empty(),
        "init's result must only be draft and hold guidance: {forbidden:?}\n{report}"
    );
    assert!(
        !found.iter().any(|c| c == "SMS101"),
        "every required document is there: {found:?}"
    );
    // Every requirement of the pack has its document, still a draft.
    let (_, reqs, _) = run(&["report", &root, "--today", TODAY, "--format", "json"], None);
    let reqs: serde_json::Value = serde_json::from_str(&reqs).unwrap();
    let n = reqs["requirements"].as_array().unwrap().len();
    assert!(n > 0);
    assert_eq!(found.iter().filter(|c| *c == "SMS102").count(), n, "{found:?}");
    assert!(
        reqs["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["status"] == "draft-only")
    );
}

#[test]
fn init_twice_leaves_the_first_result_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_string_lossy().into_owned();
    assert_eq!(run(&["init", &root], None).0, 0);
    // The owner starts editing one file; a second init must not undo it.
    let edited = tmp.path().join("smslint.toml");
    std::fs::write(&edited, "packs = [\"iso20000-1:2018\"]\n# ours\n").unwrap();
    let before = snapshot(tmp.path());
    let (code, out, err) = run(&["init", &root, "--org", "Someone Else"], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(snapshot(tmp.path()), before);
    // The folder now holds the documents: nothing is missing, so nothing is proposed (#16).
    assert!(out.starts_with("Nothing to create"), "{out}");
    let (code, out, err) = run(&["init", &root, "--write"], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(snapshot(tmp.path()), before);
    assert!(out.starts_with("Nothing to create"), "{out}");
}

#[test]
fn report_lists_exclusions_with_their_reason() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("smslint.toml"),
        "exclusions = [{ requirement = \"service-level-agreements\", reason = \"No external customers | yet\" }]\n",
    )
    .unwrap();
    let root = tmp.path().to_string_lossy().into_owned();
    let data = json(&["report", &root, "--today", TODAY, "--format", "json"]);
    let sla = data["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "service-level-agreements")
        .unwrap();
    assert_eq!(sla["status"], "excluded");
    assert_eq!(sla["excluded"], "No external customers | yet");
    let total = data["readiness"]["total"].as_u64().unwrap();
    assert_eq!(
        total as usize,
        data["requirements"].as_array().unwrap().len() - 1,
        "an exclusion does not count"
    );
    let (_, md, _) = run(&["report", &root, "--today", TODAY], None);
    assert!(md.contains("## Exclusions"), "{md}");
    assert!(md.contains("No external customers \\| yet"), "{md}");
}

/// The same guarantee for the parts the built-in pack does not exercise yet: a process document
/// (sections, RACI matrix), a register with the pack's columns and a clause owned by another role.
#[test]
fn init_process_documents_and_registers_pass_the_cross_document_checks() {
    let pack = "[pack]\nname = \"in-house\"\ntitle = \"In-house\"\n\
        [[requirement]]\nid = \"incident-process\"\nclause = \"8.6.1\"\ntitle = \"Incident management process\"\n\
        types = [\"process\"]\nwhy = \"w\"\nfix = \"f\"\n\
        sections = [{ name = \"Major-incident criteria\" }, { name = \"Roles and responsibilities\" }]\n\
        [[requirement]]\nid = \"audit-log\"\nclause = \"9.2\"\ntitle = \"Audit log\"\ntypes = [\"register\"]\nmin = 2\n\
        why = \"w\"\nfix = \"f\"\ncolumns = [{ name = \"Audit\" }, { name = \"Date\" }]\n";
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("in-house.toml"), pack).unwrap();
    let refs = [
        smslint::config::PackRef::Builtin("iso20000-1:2018".into()),
        smslint::config::PackRef::Path(tmp.path().join("in-house.toml")),
    ];
    let packs = smslint::pack::Packs::load(&refs, tmp.path(), &smslint::checks::rules()).unwrap();
    let names = ["iso20000-1:2018".to_owned(), "in-house.toml".to_owned()];
    let files = smslint::init::plan(
        &packs,
        &smslint::init::Scaffold::builtin().unwrap(),
        "Org",
        &names,
    );
    smslint::init::write_new(tmp.path(), &files).unwrap();
    let process = std::fs::read_to_string(tmp.path().join("processes/incident-process.md")).unwrap();
    assert!(process.contains("| Activity | Process Owner |"), "{process}");

    let root = tmp.path().to_string_lossy().into_owned();
    let (_, report, _) = run(&["check", &root, "--today", TODAY, "--format", "json"], None);
    let found = codes(&report);
    // SMS103 (a clause-8 process named by no *approved* document) is a draft finding too, and
    // a section still holding only init's `TODO:` guidance is empty (SMS502), at its heading.
    assert!(
        found
            .iter()
            .all(|c| c == "SMS102" || c == "SMS103" || c == "SMS502"),
        "{report}"
    );
    let v: serde_json::Value = serde_json::from_str(&report).unwrap();
    for f in v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "SMS502")
    {
        let text = std::fs::read_to_string(tmp.path().join(f["path"].as_str().unwrap())).unwrap();
        let line = usize::try_from(f["line"].as_u64().unwrap()).unwrap();
        let mut rest = text.lines().skip(line).filter(|l| !l.trim().is_empty());
        assert!(
            text.lines().nth(line - 1).unwrap().starts_with('#')
                && rest.next().is_some_and(|l| l.starts_with("TODO")),
            "{f}"
        );
    }
    assert_eq!(
        found.iter().filter(|c| *c == "SMS102").count(),
        packs.requirements().count(),
        "{found:?}"
    );
}

#[test]
fn due_owner_accepts_a_person_holding_the_role() {
    let acme = dir("acme-sms");
    let ids = |owner: &str| -> Vec<String> {
        json(&[
            "due", &acme, "--today", TODAY, "--within", "1y", "--format", "json", "--owner", owner,
        ])["reviews"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let by_role = ids("Change Manager");
    assert!(!by_role.is_empty());
    // acme's roles register maps Sam Okafor to Change Manager.
    assert_eq!(ids("sam okafor"), by_role);
    assert!(ids("Nobody In Particular").is_empty());
}
