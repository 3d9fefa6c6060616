//! The built-in ISO/IEC 20000-1:2018 pack: its clause tree, one finding per required document,
//! the checklist labels, `explain` for every key, exclusions and in-house packs.

use crate::common;

use miette::Diagnostic as _;
use std::path::Path;

use common::{TODAY, explain, fixtures, run};
use serde_json::Value;

/// Every clause and sub-clause of ISO/IEC 20000-1:2018, clauses 4 to 10, in order.
const CLAUSES: &[&str] = &[
    "4", "4.1", "4.2", "4.3", "4.4", //
    "5", "5.1", "5.2", "5.2.1", "5.2.2", "5.3", //
    "6", "6.1", "6.2", "6.2.1", "6.2.2", "6.3", //
    "7", "7.1", "7.2", "7.3", "7.4", "7.5", "7.5.1", "7.5.2", "7.5.3", "7.5.4", "7.6", //
    "8", "8.1", "8.2", "8.2.1", "8.2.2", "8.2.3", "8.2.4", "8.2.5", "8.2.6", //
    "8.3", "8.3.1", "8.3.2", "8.3.3", "8.3.4", "8.3.4.1", "8.3.4.2", //
    "8.4", "8.4.1", "8.4.2", "8.4.3", //
    "8.5", "8.5.1", "8.5.1.1", "8.5.1.2", "8.5.1.3", "8.5.2", "8.5.2.1", "8.5.2.2", "8.5.2.3",
    "8.5.3", //
    "8.6", "8.6.1", "8.6.2", "8.6.3", //
    "8.7", "8.7.1", "8.7.2", "8.7.3", "8.7.3.1", "8.7.3.2", "8.7.3.3", //
    "9", "9.1", "9.2", "9.3", "9.4", //
    "10", "10.1", "10.2",
];

/// For every requirement of the pack, the one acme-sms document that is its evidence.
const EVIDENCE: &[(&str, &str)] = &[
    ("sms-scope", "policies/sms-scope.md"),
    ("sms-processes", "plans/service-management-plan.md"),
    (
        "service-management-policy",
        "policies/service-management-policy.md",
    ),
    ("roles-register", "roles/roles-register.md"),
    ("risk-register", "registers/risk-register.md"),
    ("sms-objectives", "plans/sms-objectives.md"),
    ("sms-plan", "plans/service-management-plan.md"),
    ("competence-records", "registers/competence-register.md"),
    ("document-control", "procedures/document-control.md"),
    ("sms-documentation", "registers/document-register.md"),
    ("service-requirements", "plans/service-requirements.md"),
    ("service-catalogue", "catalogue/service-catalogue.md"),
    ("configuration-information", "registers/configuration-register.md"),
    ("service-level-agreements", "agreements/sla-managed-hosting.md"),
    ("supplier-contracts", "registers/supplier-register.md"),
    ("internal-agreements", "agreements/ola-network-operations.md"),
    ("capacity-requirements", "plans/capacity-plan.md"),
    ("change-management-policy", "policies/change-management-policy.md"),
    ("release-management", "processes/release-and-deployment.md"),
    ("major-incidents", "processes/incident-management.md"),
    ("availability-requirements", "plans/availability-plan.md"),
    ("service-continuity-plan", "plans/service-continuity-plan.md"),
    (
        "information-security-policy",
        "policies/information-security-policy.md",
    ),
    (
        "information-security-risks",
        "processes/information-security-management.md",
    ),
    ("internal-audit-programme", "plans/internal-audit-programme.md"),
    (
        "internal-audit-results",
        "records/internal-audit-report-2026-q1.md",
    ),
    ("management-review", "records/management-review-2026-q1.md"),
    ("service-reports", "reports/service-report-2026-05.md"),
    ("nonconformity-log", "registers/nonconformity-log.md"),
    ("improvement-register", "registers/improvement-register.md"),
];

/// A copy of acme-sms in a temporary folder.
fn acme_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_tree(&fixtures().join("acme-sms"), tmp.path());
    tmp
}

fn json_of(args: &[&str]) -> Value {
    let tmp = tempfile::tempdir().unwrap();
    let (code, out, err) = run(args, Some(tmp.path()));
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap()
}

/// The findings of `smslint check DIR --select SELECT --format json`, in process (the binary
/// writes to stderr only when the run fails, and a failed load panics here).
fn findings(dir: &Path, select: &str) -> Vec<Value> {
    common::json_findings(&common::load(dir, select))
}

#[test]
fn clauses_lists_every_sub_clause() {
    let v = json_of(&["clauses", "--format", "json"]);
    let ids: Vec<&str> = v["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, CLAUSES);
    for c in v["clauses"].as_array().unwrap() {
        assert!(!c["title"].as_str().unwrap().is_empty(), "{c}");
    }
    let tmp = tempfile::tempdir().unwrap();
    let (code, human, _) = run(&["clauses"], Some(tmp.path()));
    assert_eq!(code, 0);
    let listed: Vec<&str> = human
        .lines()
        .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(listed, CLAUSES);
    assert!(human.contains("- service-level-agreements"), "{human}");
}

#[test]
fn every_requirement_missing_in_turn_yields_sms101_with_its_clause() {
    let v = json_of(&["clauses", "--format", "json"]);
    let reqs = v["requirements"].as_array().unwrap();
    let mut ids: Vec<&str> = reqs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut listed: Vec<&str> = EVIDENCE.iter().map(|(id, _)| *id).collect();
    ids.sort_unstable();
    listed.sort_unstable();
    assert_eq!(
        ids, listed,
        "EVIDENCE must name one acme document per requirement"
    );
    // acme-sms is read once; each turn lints it without one document, as if the file were
    // deleted (gone from the documents and from the tree).
    let mut loaded = common::load(&fixtures().join("acme-sms"), "SMS1,SMS401");
    let all = std::mem::take(&mut loaded.workspace.sources);
    for r in reqs {
        let id = r["id"].as_str().unwrap();
        let clause = r["clause"].as_str().unwrap();
        let title = r["title"].as_str().unwrap();
        let file = EVIDENCE.iter().find(|(i, _)| *i == id).unwrap().1;
        assert!(
            all.iter().any(|s| s.doc.path == file),
            "{id}: acme-sms has no {file}"
        );
        loaded.workspace.sources = all.iter().filter(|s| s.doc.path != file).cloned().collect();
        assert!(loaded.workspace.tree.files.remove(file), "{file} is in the tree");
        let found = common::json_findings(&loaded);
        loaded.workspace.tree.files.insert(file.to_owned());
        // The roles register's absence is reported by the roles check (SMS401), which stands in
        // for SMS101 so that the gap is reported once.
        let hit = found.iter().find(|f| {
            f["clause"] == clause
                && (f["code"] == "SMS101" && f["message"].as_str().unwrap().contains(title)
                    || f["code"] == "SMS401" && id == "roles-register")
        });
        assert!(hit.is_some(), "{id}: deleting {file} gave {found:#?}");
        let hit = hit.unwrap();
        assert!(
            hit["message"]
                .as_str()
                .unwrap()
                .contains(&format!("clause {clause}")),
            "{hit}"
        );
        assert!(!hit["help"].as_str().unwrap().is_empty());
    }
}

#[test]
fn a_draft_required_document_yields_sms102() {
    let tmp = acme_copy();
    let p = tmp.path().join("agreements/sla-managed-hosting.md");
    let text = std::fs::read_to_string(&p)
        .unwrap()
        .replace("status: approved", "status: draft");
    std::fs::write(&p, text).unwrap();
    let found = findings(tmp.path(), "SMS1");
    let codes: Vec<(&str, &str)> = found
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["clause"].as_str().unwrap()))
        .collect();
    assert_eq!(codes, [("SMS102", "8.3.3")]);
}

/// The five checklist failures, each committed on a copy of acme-sms.
fn commit_failure(label: &str, root: &Path) {
    let rm = |f: &str| std::fs::remove_file(root.join(f)).unwrap();
    match label {
        "4.2 Service Management System" => {
            // No SMS documentation set: only the configuration is left.
            for e in std::fs::read_dir(root).unwrap() {
                let e = e.unwrap();
                if e.file_type().unwrap().is_dir() {
                    std::fs::remove_dir_all(e.path()).unwrap();
                }
            }
        }
        "5.1 Leadership Commitment" => rm("roles/roles-register.md"),
        "6.1 Planning and Implementation" => rm("agreements/sla-managed-hosting.md"),
        "8.2 Risk Management" => {
            let p = root.join("registers/risk-register.md");
            let text = std::fs::read_to_string(&p).unwrap();
            let start = text.find("## Risk acceptance criteria").unwrap();
            let end = text.find("## Register").unwrap();
            std::fs::write(&p, format!("{}{}", &text[..start], &text[end..])).unwrap();
        }
        "10.1 Continual Improvement" => rm("registers/improvement-register.md"),
        other => panic!("no failure fixture for label {other}"),
    }
}

#[test]
fn checklist_labels_are_caught_with_the_2018_clause() {
    let v = json_of(&["clauses", "--labels", "--format", "json"]);
    let labels = v["labels"].as_array().unwrap();
    let names: Vec<&str> = labels.iter().map(|l| l["label"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "4.2 Service Management System",
            "5.1 Leadership Commitment",
            "6.1 Planning and Implementation",
            "8.2 Risk Management",
            "10.1 Continual Improvement"
        ]
    );
    for l in labels {
        let name = l["label"].as_str().unwrap();
        let clauses: Vec<&str> = l["clauses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert!(
            !clauses.contains(&l["number"].as_str().unwrap()),
            "{name} maps to itself"
        );
        let tmp = acme_copy();
        commit_failure(name, tmp.path());
        let loaded = common::load(tmp.path(), "SMS101,SMS401,SMS5");
        let found = common::json_findings(&loaded);
        let hit = found.iter().find(|f| {
            let c = f["clause"].as_str().unwrap_or("");
            clauses.contains(&c) && f["message"].as_str().unwrap().contains(&format!("clause {c}"))
        });
        assert!(hit.is_some(), "{name}: no finding cites {clauses:?}: {found:#?}");
        assert!(
            hit.unwrap()["help"].as_str().is_some_and(|h| h.len() > 20),
            "{name}: no help"
        );
        // Every finding of the label, listed (not grouped per code).
        let style = smslint::output::Style {
            verbose: true,
            ..smslint::output::Style::default()
        };
        let human = common::render_with(&loaded, smslint::output::Format::Human, style);
        let slug: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        insta::assert_snapshot!(format!("label-{slug}"), human);
        // The copy configures no pack, so the built-in pack explains the label.
        let text = explain(name);
        for c in &clauses {
            assert!(
                text.contains(&format!("### {c} ")),
                "{name}: explain lacks {c}:\n{text}"
            );
        }
    }
}

#[test]
fn explain_answers_every_requirement_label_and_clause() {
    let tmp = tempfile::tempdir().unwrap();
    let v = json_of(&["clauses", "--format", "json"]);
    for r in v["requirements"].as_array().unwrap() {
        let id = r["id"].as_str().unwrap();
        let text = explain(id);
        for h in [
            "## Why auditors care",
            "## How to fix",
            "## Example",
            "## Configuration",
        ] {
            assert!(text.contains(h), "{id} lacks {h}");
        }
    }
    let (code, text, _) = run(&["explain", "6.1 planning and implementation"], Some(tmp.path()));
    assert_eq!(code, 0);
    assert!(text.contains("8.3.3 Service level management"), "{text}");
    assert!(text.contains("service-level-agreements"), "{text}");
    let (code, text, _) = run(&["explain", "8.3.3"], Some(tmp.path()));
    assert_eq!(code, 0);
    assert!(
        text.contains("service-level-agreements") && text.contains("SMS103"),
        "{text}"
    );
    let (code, _, err) = run(&["explain", "6.1 Planning and Implementatoin"], Some(tmp.path()));
    assert_eq!(code, 2);
    assert!(err.contains("6.1 Planning and Implementation"), "{err}");
}

#[test]
fn mapping_from_2011_names_the_2018_clauses() {
    let v = json_of(&["clauses", "--mapping", "--format", "json"]);
    let ed = &v["editions"][0];
    assert_eq!(ed["standard"], "ISO/IEC 20000-1:2011");
    let now = |id: &str| {
        ed["clauses"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()["now"]
            .clone()
    };
    assert_eq!(now("6.1"), serde_json::json!(["8.3.3"]));
    assert_eq!(now("9.2"), serde_json::json!(["8.5.1"]));
    assert_eq!(now("4.5.5"), serde_json::json!(["10.2"]));
}

#[test]
fn an_excluded_requirement_needs_no_document() {
    let tmp = acme_copy();
    std::fs::remove_file(tmp.path().join("agreements/ola-network-operations.md")).unwrap();
    assert_eq!(findings(tmp.path(), "SMS1").len(), 1);
    std::fs::write(
        tmp.path().join("smslint.toml"),
        "exclusions = [{ requirement = \"internal-agreements\", reason = \"No internal suppliers\" }]\n",
    )
    .unwrap();
    assert_eq!(findings(tmp.path(), "SMS1"), Vec::<Value>::new());
}

#[test]
fn an_in_house_pack_loads_and_its_errors_point_into_the_toml() {
    let tmp = tempfile::tempdir().unwrap();
    let rules = tmp.path().join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::write(
        tmp.path().join("smslint.toml"),
        "packs = [\"iso20000-1:2018\", \"rules/our-policies.toml\"]\n",
    )
    .unwrap();
    let pack = r#"[pack]
name = "acme-policies"
title = "Acme in-house policies"

[[requirement]]
id = "acme-byod-policy"
clause = "8.7.3.1"
title = "Bring-your-own-device policy"
types = ["policy"]
satisfies-only = true
why = "Staff use their own phones."
fix = "Write it."
"#;
    std::fs::write(rules.join("our-policies.toml"), pack).unwrap();
    let (code, _, err) = run(&["check", &tmp.path().to_string_lossy(), "--today", TODAY], None);
    assert_eq!(code, 2);
    assert!(err.contains("our-policies.toml:10:1"), "{err}");
    assert!(err.contains("satisfies-only"), "{err}");

    let pack = pack.replace(
        "satisfies-only = true\n",
        "sections = [{ name = \"Devices allowed\" }]\n",
    );
    std::fs::write(rules.join("our-policies.toml"), pack).unwrap();
    std::fs::write(
        tmp.path().join("byod.md"),
        "---\nid: POL-009\ntitle: BYOD Policy\ntype: policy\nowner: CISO\napprover: CEO\nversion: \"1.0\"\nstatus: approved\nsatisfies: [acme-byod-policy]\nlast_reviewed: 2026-03-01\n---\n\n# BYOD Policy\n\n## Scope\nAll staff.\n",
    )
    .unwrap();
    let found = findings(tmp.path(), "SMS501");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0]["message"].as_str().unwrap().contains("Devices allowed"));
    assert_eq!(found[0]["clause"], "8.7.3.1");

    std::fs::write(
        rules.join("our-policies.toml"),
        "[pack]\nname = \"x\"\ntitle = \"X\"\n[[clause]]\nid = \"1\"\ntitle = \"One\"\n[[coverage]]\nid = \"c\"\ntitle = \"Process\"\ntypes = [\"process\"]\nclauses = [\"1\", \"1.2\"]\nwhy = \"w\"\nfix = \"f\"\n",
    )
    .unwrap();
    let (code, _, err) = run(&["check", &tmp.path().to_string_lossy(), "--today", TODAY], None);
    assert_eq!(code, 2);
    assert!(err.contains("our-policies.toml:11:17"), "{err}");
    assert!(err.contains("did you mean `1`?"), "{err}");
}

#[test]
fn every_requirement_example_in_explain_passes_its_content_checks() {
    let v = json_of(&["clauses", "--format", "json"]);
    for r in v["requirements"].as_array().unwrap() {
        let id = r["id"].as_str().unwrap();
        let text = explain(id);
        let start = text.find("Passing:\n\n").unwrap() + "Passing:\n\n".len();
        let end = text.find("\nFailing:").unwrap();
        let repo = tempfile::tempdir().unwrap();
        std::fs::write(repo.path().join("smslint.toml"), "").unwrap();
        std::fs::write(repo.path().join("doc.md"), &text[start..end]).unwrap();
        let found = findings(repo.path(), "SMS2,SMS5");
        assert_eq!(
            found,
            Vec::<Value>::new(),
            "{id}: the example fails:\n{}",
            &text[start..end]
        );
    }
}

/// `explain <requirement>` lists every content item with its strength, reason, other names, key
/// terms and a passing and a failing example built from the item's data.
#[test]
fn explain_lists_content_items() {
    let tmp = tempfile::tempdir().unwrap();
    for id in ["service-level-agreements", "major-incidents", "sms-objectives"] {
        let (code, text, err) = run(&["explain", id], Some(tmp.path()));
        assert_eq!(code, 0, "{id}: {err}");
        assert!(
            text.contains("passes:") && text.contains("fails:"),
            "{id}: {text}"
        );
        insta::assert_snapshot!(format!("explain-{id}"), text);
    }
}

// The pack and configuration loaders are handed the check registry's rule table
// (`smslint::checks::rules()`); these tests load them as a run does.

use smslint::pack::{PackRef, Packs, nearest_clause, parse_pack};
use std::sync::Arc;

fn rules() -> Vec<&'static smslint::checks::Rule> {
    smslint::checks::rules()
}

fn parse(t: &str) -> Result<smslint::config::Config, smslint::config::ConfigError> {
    smslint::config::Config::parse("smslint.toml", t.into(), Path::new("."), &rules())
}

#[test]
fn builtin_loads() {
    let p = Packs::load(
        &[PackRef::Builtin("iso20000-1:2018".into())],
        Path::new("."),
        &rules(),
    )
    .unwrap();
    assert!(p.requirement("service-management-policy").is_some());
}

#[test]
fn builtin_pack_is_complete() {
    let p = Packs::load(
        &[PackRef::Builtin("iso20000-1:2018".into())],
        Path::new("."),
        &rules(),
    )
    .unwrap();
    assert!(p.requirements().count() >= 30);
    assert_eq!(p.labels().count(), 5);
    assert_eq!(
        p.label("10.1 continual improvement").map(|l| l.clauses.clone()),
        Some(vec!["10.2".to_owned()])
    );
    let ed = p.editions().next().unwrap();
    assert!(ed.pattern.is_match("ISO/IEC 20000-1:2011"));
    assert!(!ed.pattern.is_match("ISO/IEC 20000-1:2018"));
    assert!(p.placeholders().any(|re| re.is_match("[Organization Name]")));
    assert!(p.measurable().unwrap().is_match("4 hours"));
    assert!(!p.measurable().unwrap().is_match("High"));
    assert_eq!(nearest_clause("8.9.9", p.clauses()), Some("8"));
}

#[test]
fn codes_map_to_clauses_of_the_tree() {
    let p = Packs::load(
        &[PackRef::Builtin("iso20000-1:2018".into())],
        Path::new("."),
        &rules(),
    )
    .unwrap();
    assert_eq!(p.clause_of_code("SMS301"), Some("7.5.3"));
    assert_eq!(p.clause_of_code("SMS401"), Some("5.3"));
    assert_eq!(
        p.clause_of_code("SMS101"),
        None,
        "a requirement names its own clause"
    );
    assert_eq!(p.clause_of_code("SMS901"), None);
    for (code, clause) in &p.packs[0].codes {
        assert!(smslint::checks::find_rule(code).is_some(), "{code}");
        assert!(p.clause(clause).is_some(), "{code} = {clause}");
    }
    assert_eq!(
        p.cite("7.5.3"),
        format!(
            "ISO/IEC 20000-1 clause 7.5.3 {}",
            p.clause("7.5.3").unwrap().title
        )
    );
    let none = Packs::load(&[], Path::new("."), &rules()).unwrap();
    assert_eq!(
        none.clause_of_code("SMS301"),
        Some("7.5.3"),
        "defaults come from the pack data"
    );
    let config = smslint::config::Config::parse(
        "smslint.toml",
        Arc::from("[codes]\nSMS301 = \"9.1\"\nreview-due-soon = \"\"\n"),
        Path::new("."),
        &rules(),
    )
    .unwrap();
    let p = p.with_config(&config);
    assert_eq!(p.clause_of_code("SMS301"), Some("9.1"));
    assert_eq!(p.clause_of_code("SMS302"), None);
    assert_eq!(p.clause_of_code("SMS303"), Some("7.5.3"));
}

#[test]
fn codes_errors_point_into_the_pack() {
    let text: Arc<str> = Arc::from(
        "[pack]\nname = \"x\"\ntitle = \"X\"\n[[clause]]\nid = \"7.5\"\ntitle = \"Docs\"\n[codes]\nSMS300 = \"7.5\"\n",
    );
    let e = format!(
        "{:?}",
        parse_pack(&[("x.toml".into(), text)], Some(&rules())).unwrap_err()
    );
    assert!(
        e.contains("unknown code `SMS300`") && e.contains("did you mean"),
        "{e}"
    );
    let text: Arc<str> = Arc::from(
        "[pack]\nname = \"x\"\ntitle = \"X\"\n[[clause]]\nid = \"7.5\"\ntitle = \"Docs\"\n[codes]\nSMS301 = \"7.6\"\n",
    );
    let e = format!(
        "{:?}",
        parse_pack(&[("x.toml".into(), text)], Some(&rules())).unwrap_err()
    );
    assert!(
        e.contains("clause `7.6`") && e.contains("did you mean `7.5`"),
        "{e}"
    );
}

#[test]
fn unknown_exclusions_are_all_reported_with_spans_and_suggestions() {
    let text = "exclusions = [\n  { requirement = \"service-managment-policy\", reason = \"x\" },\n  \
                { requirement = \"internal-agreements\", reason = \"y\" },\n  \
                { requirement = \"zzz\", reason = \"z\" },\n]\n";
    let c = parse(text).unwrap();
    let packs = Packs::load(&c.packs, Path::new("."), &rules()).unwrap();
    let e = smslint::config::validate(&c, &packs).unwrap_err();
    let errors = e.errors();
    assert_eq!(errors.len(), 2, "{e:?}");
    let at = |i: usize| {
        let s = errors[i].span().unwrap();
        &text[s.offset()..s.offset() + s.len()]
    };
    assert_eq!(at(0), "\"service-managment-policy\"");
    assert_eq!(at(1), "\"zzz\"");
    let help = |i: usize| errors[i].help().map(|h| h.to_string()).unwrap_or_default();
    assert!(
        help(0).contains("did you mean `service-management-policy`?"),
        "{}",
        help(0)
    );
    assert!(!help(1).contains("did you mean"), "{}", help(1));
    assert_eq!(e.to_string(), "2 errors in the configuration");
    let ok = parse("exclusions = [{ requirement = \"internal-agreements\", reason = \"y\" }]").unwrap();
    assert!(smslint::config::validate(&ok, &packs).is_ok());
}

/// One spelling of a name in smslint.toml covers the others the normaliser folds (`and`
/// and `&`, plurals, British and American spelling, numbering): no list names both.
#[test]
fn one_spelling_covers_and_ampersand_and_plurals() {
    let c = parse(
        "[roles]\nsections = [\"Roles and responsibilities\"]\n\
         [document-control.labels]\nowner = [\"Process and service owner\"]\n\
         [review.cycles]\n\"Twice-yearly\" = \"6 months\"\n",
    )
    .unwrap();
    let packs = Packs::load(&c.packs, Path::new("."), &rules())
        .unwrap()
        .with_config(&c);
    let v = &packs.vocab;
    assert_eq!(v.field_of_label("Process & Service Owners"), Some("owner"));
    assert_eq!(v.field_of_label("3. Process/service owner"), Some("owner"));
    assert_eq!(v.cycle("twice yearly"), Ok(smslint::dates::Duration::Months(6)));
    let key = smslint::text::key;
    assert!(
        c.roles
            .sections
            .iter()
            .any(|s| key(s) == key("2. Roles & Responsibilities"))
    );
    assert_eq!(
        v.field_of_label("Authorized by"),
        v.field_of_label("Authorised by")
    );
}
