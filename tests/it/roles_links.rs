//! Cross-document integrity (issue #4): roles register, RACI matrices, links and references
//! seen through the real binary.

use crate::common;

use common::{codes, fixtures};

/// The JSON report of `smslint check DIR --format json`, in process (the binary writes to
/// stderr only when the run fails, and a failed load panics here).
fn json(dir: &std::path::Path) -> serde_json::Value {
    let out = common::render(&common::load(dir, ""), smslint::output::Format::Json);
    serde_json::from_str(&out).expect("valid JSON")
}

fn findings(v: &serde_json::Value, code: &str) -> Vec<serde_json::Value> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .cloned()
        .collect()
}

#[test]
fn undefined_role_help_names_the_nearest_role() {
    let v = json(&fixtures().join("cases/sms404-undefined-role"));
    let f = findings(&v, "SMS404");
    assert_eq!(f.len(), 2, "{v}");
    assert_eq!(f[0]["line"], 5);
    assert_eq!(f[0]["column"], 8);
    assert!(
        f[0]["help"]
            .as_str()
            .unwrap()
            .starts_with("Did you mean `Change Manager`?"),
        "{}",
        f[0]
    );
    // Nothing near "Head of Quality": the help lists the defined roles instead.
    assert!(
        f[1]["help"]
            .as_str()
            .unwrap()
            .contains("(Change Manager, Release Manager)"),
        "{}",
        f[1]
    );
}

#[test]
fn a_file_that_fails_to_parse_does_not_stop_the_cross_document_checks() {
    let v = json(&fixtures().join("cases/sms404-undefined-role"));
    let c = codes(&v.to_string());
    assert!(c.contains(&"SMS903".to_owned()), "{c:?}");
    assert!(c.contains(&"SMS404".to_owned()), "{c:?}");
}

#[test]
fn no_register_is_one_finding_that_counts_what_it_leaves_unchecked() {
    let v = json(&fixtures().join("cases/sms401-roles-register-missing"));
    // The pack's own "roles register missing" (SMS101) is folded into SMS401; no SMS404 or
    // SMS411 is raised for the six references.
    assert_eq!(codes(&v.to_string()), ["SMS401"]);
    let msg = v["findings"][0]["message"].as_str().unwrap();
    assert!(
        msg.contains("6 owner, approver and RACI role references"),
        "{msg}"
    );
    assert!(v["findings"][0]["path"].is_null());
}

#[test]
fn without_a_register_the_builtin_pack_reports_the_gap_once() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = "---\nid: POL-001\ntitle: P\ntype: policy\nowner: Change Manager\nversion: \"1\"\nstatus: draft\n---\n# P\n";
    std::fs::write(tmp.path().join("smslint.toml"), "").unwrap();
    std::fs::write(tmp.path().join("p.md"), doc).unwrap();
    let v = json(tmp.path());
    let c = codes(&v.to_string());
    assert_eq!(c.iter().filter(|c| *c == "SMS401").count(), 1, "{c:?}");
    let roles_101 = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "SMS101" && f["clause"] == "5.3");
    assert!(!roles_101, "{v}");
    assert!(
        c.contains(&"SMS101".to_owned()),
        "other required documents are still reported"
    );
}

#[test]
fn raci_findings_point_at_cells_and_headers() {
    let v = json(&fixtures().join("cases/sms411-raci-undefined-role"));
    let f = &findings(&v, "SMS411")[0];
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64(), f["end_column"].as_u64()),
        (Some(20), Some(49), Some(52))
    );
    let v = json(&fixtures().join("cases/sms408-raci-multiple-accountable"));
    let f = &findings(&v, "SMS408")[0];
    // The second `A` of the row, not the first.
    assert_eq!(
        (f["column"].as_u64(), f["end_column"].as_u64()),
        (Some(26), Some(29))
    );
}

#[test]
fn anchors_follow_github_rules_including_duplicate_suffixes() {
    let v = json(&fixtures().join("cases/sms602-broken-anchor"));
    let found = findings(&v, "SMS602");
    let msgs: Vec<&str> = found.iter().map(|f| f["message"].as_str().unwrap()).collect();
    assert_eq!(msgs.len(), 3, "{msgs:?}");
    assert!(
        !msgs.iter().any(|m| m.contains("#scope-1")),
        "the second `Scope` heading is `#scope-1`"
    );
    assert!(!msgs.iter().any(|m| m.contains("#top")), "HTML anchors count");
    assert!(msgs.iter().any(|m| m.contains("#scope-2")));
}

#[test]
fn people_aliases_and_heading_registers_resolve() {
    let v = json(&fixtures().join("cases/roles-people-aliases-headings"));
    assert_eq!(codes(&v.to_string()), Vec::<String>::new(), "{v}");
}

#[test]
fn every_new_code_is_explained() {
    for code in ["SMS401", "SMS406", "SMS411", "SMS601", "SMS604", "SMS606"] {
        let out = common::explain(code);
        assert!(out.contains("## Why auditors care"), "{code}: {out}");
    }
}

#[test]
fn acme_processes_carry_raci_matrices_that_the_checks_read() {
    let dir = fixtures().join("acme-sms/processes");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        assert!(
            text.contains("## Roles and responsibilities\n\n| Activity |"),
            "{text}"
        );
        n += 1;
    }
    assert!(n >= 12);
    // Break one RACI row of a copy: the checks must see it.
    let tmp = tempfile::tempdir().unwrap();
    let src = fixtures().join("acme-sms");
    for e in walk(&src) {
        let rel = e.strip_prefix(&src).unwrap();
        let to = tmp.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&e, &to).unwrap();
    }
    let p = tmp.path().join("processes/change-management.md");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(
        &p,
        text.replace(
            "| Implement and review a change | A | R | R |",
            "| Implement and review a change | C | R | R |",
        ),
    )
    .unwrap();
    let v = json(tmp.path());
    assert_eq!(codes(&v.to_string()), ["SMS407"], "{v}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_register_that_defines_no_role_is_one_finding_at_the_register() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("smslint.toml"), "packs = []\n").unwrap();
    let fm = |id: &str, t: &str| {
        format!(
            "---\nid: {id}\ntitle: T\ntype: {t}\nowner: Change Manager\nversion: \"1\"\nstatus: draft\n---\n"
        )
    };
    std::fs::write(
        tmp.path().join("roles.md"),
        fm("ROL-001", "roles") + "# Roles register\n\nTo be written.\n",
    )
    .unwrap();
    std::fs::write(tmp.path().join("p.md"), fm("POL-001", "policy") + "# P\n").unwrap();
    let v = json(tmp.path());
    assert_eq!(codes(&v.to_string()), ["SMS401"], "{v}");
    assert_eq!(v["findings"][0]["path"], "roles.md");
    assert_eq!(v["findings"][0]["line"], 9);
    assert!(
        v["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("2 owner, approver and RACI role references")
    );
}

/// Baselines key link findings on their destination, so every link finding names it as its
/// subject (issue #12).
#[test]
fn link_findings_name_their_destination_as_subject() {
    let mut seen = 0;
    for case in [
        "sms601-broken-link",
        "sms601-site-root-fallbacks",
        "sms602-broken-anchor",
        "sms602-anchors-github",
        "sms602-index-files",
        "sms603-link-outside-repository",
        "sms606-malformed-web-link",
    ] {
        let opts = smslint::app::Options {
            paths: vec![fixtures().join("cases").join(case)],
            today: Some(common::TODAY.parse().unwrap()),
            ..Default::default()
        };
        let loaded = smslint::app::load(&opts).expect("loads");
        let report = loaded.lint();
        let links = ["SMS601", "SMS602", "SMS603", "SMS606"];
        for f in report.findings.iter().filter(|f| links.contains(&f.code())) {
            let subject = f.subject.as_deref();
            let path = f.path.as_deref().unwrap();
            // The workspace keeps no text: the file as written, which the test does not change.
            let src = std::fs::read_to_string(loaded.setup.root.join(path)).expect("reads");
            let span = f.span.clone().unwrap();
            let written = if f.code() == "SMS602" {
                // The span is the `#fragment`; the subject is the whole destination before it.
                src[..span.end].rsplit(['(', ' ', '<']).next()
            } else {
                Some(&src[span])
            };
            assert_eq!(subject, written, "{case}: {} {}", f.code(), f.message);
            seen += 1;
        }
    }
    assert!(seen >= 15, "only {seen} link findings");
}
