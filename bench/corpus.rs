//! A deterministic generator of realistic SMS policy repositories, shared by
//! `examples/gen-corpus.rs` and the benches (included with `#[path]`).
//!
//! The same `(docs, seed)` always gives byte-identical files. A repository has the folder tree of
//! a policy repo (policies, processes and procedures per practice, plans, agreements per
//! customer, registers, dated records and reports), one document per requirement of the built-in
//! packs, a roles register whose roles own and approve everything, 3–12 sections per document,
//! RACI and register tables, relative links with anchors, sizes from 1 to 20 KB (log-uniform,
//! median about 4.5 KB), and about 10% of documents with exactly one defect.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

use rayon::prelude::*;

/// `SplitMix64`: small, fast, and the same on every platform.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of a non-empty slice.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The roles of the generated roles register: (role, responsibilities, authority).
pub(crate) const ROLES: &[(&str, &str, &str)] = &[
    (
        "Chief Executive Officer",
        "Top management; approves the SMS policy and plan",
        "Final approval",
    ),
    (
        "Chief Information Officer",
        "Sponsors the SMS and chairs management review",
        "Budget",
    ),
    (
        "Head of Service Management",
        "Owns the SMS and its documented information",
        "SMS changes",
    ),
    (
        "Service Level Manager",
        "Agrees and monitors service levels",
        "Service level changes",
    ),
    (
        "Incident Manager",
        "Runs incident management",
        "Invoke the major-incident procedure",
    ),
    (
        "Problem Manager",
        "Runs problem management and the known-error records",
        "Prioritise problems",
    ),
    (
        "Change Manager",
        "Runs change management and chairs the change board",
        "Approve standard changes",
    ),
    (
        "Release Manager",
        "Plans and deploys releases",
        "Schedule releases",
    ),
    (
        "Configuration Manager",
        "Keeps configuration information accurate",
        "Approve CI changes",
    ),
    ("Asset Manager", "Keeps the asset inventory", "Dispose of assets"),
    (
        "Supplier Manager",
        "Manages external suppliers and contracts",
        "Supplier reviews",
    ),
    (
        "Business Relationship Manager",
        "Manages customer relationships and complaints",
        "Escalate to management",
    ),
    (
        "Capacity Manager",
        "Plans capacity and monitors demand",
        "Capacity purchases",
    ),
    (
        "Continuity Manager",
        "Owns continuity and availability plans",
        "Invoke the continuity plan",
    ),
    (
        "Information Security Manager",
        "Runs information security management",
        "Security exceptions",
    ),
    (
        "Finance Manager",
        "Budgets and accounts for services",
        "Spending approval",
    ),
    (
        "Internal Auditor",
        "Plans and performs internal audits",
        "Access to all records",
    ),
    (
        "Service Desk Lead",
        "Runs the service desk and request fulfilment",
        "Assign requests",
    ),
    (
        "Knowledge Manager",
        "Keeps the knowledge base current",
        "Retire articles",
    ),
    (
        "Improvement Manager",
        "Runs the improvement register",
        "Prioritise improvements",
    ),
];

/// Service management practices: (folder, title, clause, owner role index).
pub(crate) const PRACTICES: &[(&str, &str, &str, usize)] = &[
    ("incident", "Incident Management", "8.6.1", 4),
    ("problem", "Problem Management", "8.6.3", 5),
    ("change", "Change Management", "8.5.1", 6),
    ("release", "Release and Deployment", "8.5.3", 7),
    ("configuration", "Configuration Management", "8.2.6", 8),
    ("asset", "Asset Management", "8.2.5", 9),
    ("supplier", "Supplier Management", "8.3.4", 10),
    ("service-level", "Service Level Management", "8.3.3", 3),
    ("relationship", "Business Relationship Management", "8.3.2", 11),
    ("capacity", "Capacity Management", "8.4.3", 12),
    ("availability", "Availability Management", "8.7.2", 13),
    ("continuity", "Service Continuity Management", "8.7.2", 13),
    ("security", "Information Security Management", "8.7.3", 14),
    ("budgeting", "Budgeting and Accounting", "8.4.1", 15),
    ("audit", "Internal Audit", "9.2", 16),
    ("request", "Service Request Management", "8.6.2", 17),
    ("knowledge", "Knowledge Management", "7.6", 18),
    ("improvement", "Continual Improvement", "10.2", 19),
    ("reporting", "Service Reporting", "9.4", 3),
    ("catalogue", "Service Catalogue Management", "8.2.4", 3),
];

/// Document types with their id prefix, folder and share of the generated documents (per mille).
const TYPES: &[(&str, &str, &str, u32)] = &[
    ("procedure", "PRC", "procedures", 340),
    ("record", "REC", "records", 200),
    ("process", "PRO", "processes", 80),
    ("plan", "PLN", "plans", 80),
    ("register", "REG", "registers", 80),
    ("agreement", "AGR", "agreements", 80),
    ("report", "RPT", "reports", 60),
    ("policy", "POL", "policies", 50),
    ("other", "OTH", "guidance", 30),
];

const CUSTOMERS: &[&str] = &[
    "northwind",
    "contoso",
    "fabrikam",
    "globex",
    "initech",
    "umbrella",
    "tyrell",
    "wayne",
    "stark",
    "acme-retail",
    "hooli",
    "vandelay",
];

const TOPICS: &[&str] = &[
    "Escalation",
    "Classification",
    "Prioritisation",
    "Handover",
    "Review",
    "Approval",
    "Monitoring",
    "Reporting",
    "Closure",
    "Recording",
    "Assessment",
    "Communication",
    "Verification",
    "Authorisation",
    "Scheduling",
    "Testing",
    "Rollback",
    "Onboarding",
    "Offboarding",
    "Backup",
    "Restoration",
    "Access Control",
    "Vendor Review",
    "Forecasting",
    "Budget Review",
    "Audit Follow-up",
    "Risk Treatment",
    "Measurement",
    "Training",
    "Knowledge Capture",
];

const SECTIONS: &[&str] = &[
    "Purpose",
    "Scope",
    "Roles and Responsibilities",
    "Definitions",
    "Inputs",
    "Outputs",
    "Activities",
    "Escalation",
    "Measures",
    "Records",
    "Interfaces",
    "Exceptions",
    "Controls",
    "Reporting",
    "Review and Improvement",
    "Related Documents",
    "Triggers",
    "Tools",
    "Service Levels",
    "Risks",
    "Training",
    "Communication",
    "Compliance",
    "Revision History",
];

const WORDS: &[&str] = &[
    "the",
    "service",
    "customer",
    "record",
    "owner",
    "must",
    "within",
    "agreed",
    "each",
    "change",
    "incident",
    "review",
    "approved",
    "management",
    "process",
    "shall",
    "report",
    "quarterly",
    "risk",
    "supplier",
    "level",
    "target",
    "evidence",
    "ensure",
    "update",
    "register",
    "team",
    "working",
    "days",
    "impact",
    "priority",
    "control",
    "information",
    "is",
    "and",
    "of",
    "to",
    "a",
    "in",
    "for",
    "with",
    "by",
    "on",
    "when",
    "are",
    "be",
    "documented",
    "monitored",
    "escalated",
    "measured",
    "tool",
    "capacity",
    "availability",
    "continuity",
    "security",
    "release",
    "deployment",
    "configuration",
    "item",
    "baseline",
    "request",
    "fulfilment",
    "knowledge",
    "article",
    "audit",
    "finding",
    "action",
    "plan",
];

/// What a defective document gets wrong (one defect each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Defect {
    /// The `owner` field is left out.
    MissingOwner,
    /// `last_reviewed` is not a date.
    InvalidDate,
    /// The last review is more than a cycle ago.
    ReviewOverdue,
    /// `status` is not an allowed value.
    BadStatus,
    /// The id of another document.
    DuplicateId,
    /// The approver is the owner.
    ApproverIsOwner,
    /// A link to a file that does not exist.
    BrokenLink,
    /// A link to a heading that does not exist.
    BrokenAnchor,
    /// An owner that is not in the roles register.
    UnknownRole,
    /// A RACI row with no one accountable.
    RaciWithoutAccountable,
    /// The front-matter block is never closed.
    UnclosedFrontMatter,
    /// No front-matter at all.
    NoFrontMatter,
}

const DEFECTS: &[Defect] = &[
    Defect::MissingOwner,
    Defect::InvalidDate,
    Defect::ReviewOverdue,
    Defect::BadStatus,
    Defect::DuplicateId,
    Defect::ApproverIsOwner,
    Defect::BrokenLink,
    Defect::BrokenAnchor,
    Defect::UnknownRole,
    Defect::RaciWithoutAccountable,
    Defect::UnclosedFrontMatter,
    Defect::NoFrontMatter,
];

/// The plan of one document, fixed before any body is written so links can target it.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    /// Root-relative path.
    pub path: String,
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Type.
    pub doc_type: &'static str,
    /// Clauses it is evidence for.
    pub clauses: Vec<String>,
    /// Requirement ids it satisfies (core documents only).
    pub satisfies: Vec<String>,
    /// Section headings (H2).
    pub sections: Vec<String>,
    /// Required table columns, when a requirement asks for them.
    pub columns: Vec<String>,
    /// Owner role index.
    pub owner: usize,
    /// Approver role index (never the owner).
    pub approver: usize,
    /// Target size in bytes.
    pub size: usize,
    /// The one defect, if any.
    pub defect: Option<Defect>,
    /// Per-document seed.
    pub seed: u64,
}

/// A requirement the generator writes a core document for: (id, clause, first accepted type,
/// required sections, required columns).
#[derive(Debug, Clone)]
pub(crate) struct CoreReq {
    /// Requirement id.
    pub id: String,
    /// Clause.
    pub clause: String,
    /// A type the requirement accepts.
    pub doc_type: String,
    /// Section names it requires.
    pub sections: Vec<String>,
    /// Column names it requires.
    pub columns: Vec<String>,
    /// How many documents it needs.
    pub min: u32,
}

/// What was generated.
#[derive(Debug, Default, Clone)]
pub(crate) struct Summary {
    /// Documents written.
    pub docs: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Documents with a defect.
    pub defective: usize,
}

fn static_type(t: &str) -> &'static str {
    TYPES
        .iter()
        .map(|(n, ..)| *n)
        .chain(["roles", "catalogue"])
        .find(|n| n.eq_ignore_ascii_case(t))
        .unwrap_or("other")
}

fn prefix_of(t: &str) -> &'static str {
    match t {
        "roles" => "ROL",
        "catalogue" => "CAT",
        _ => TYPES.iter().find(|(n, ..)| *n == t).map_or("OTH", |(_, p, ..)| p),
    }
}

fn folder_of(t: &str) -> &'static str {
    match t {
        "roles" => "roles",
        "catalogue" => "catalogue",
        _ => TYPES
            .iter()
            .find(|(n, ..)| *n == t)
            .map_or("guidance", |(_, _, f, _)| f),
    }
}

/// GitHub-style heading anchor.
pub(crate) fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c == ' ' || c == '-' {
            out.push('-');
        }
    }
    out
}

/// `to` relative to the folder of `from` (both root-relative, `/`-separated).
pub(crate) fn relative_link(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect::<Vec<_>>();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut out = String::new();
    for _ in common..from_dir.len() {
        out.push_str("../");
    }
    out.push_str(&to_parts[common..].join("/"));
    out
}

/// Plan every document of a corpus of `docs` documents.
pub(crate) fn plan(docs: usize, seed: u64, core: &[CoreReq]) -> Vec<Plan> {
    let mut rng = Rng::new(seed);
    let mut plans = Vec::with_capacity(docs);
    let mut counters: std::collections::HashMap<&'static str, usize> = std::collections::HashMap::default();
    let mut next_id = |t: &'static str| {
        let n = counters.entry(t).or_insert(0);
        *n += 1;
        format!("{}-{:05}", prefix_of(t), n)
    };
    let size = |rng: &mut Rng| {
        // Skewed log-uniform between 1 KB and 20 KB: median ~5 KB on disk. The target leaves
        // room for the last block, which overshoots it.
        let (lo, hi) = (1024f64.ln(), (20.0 * 1024f64).ln());
        ((lo + (hi - lo) * rng.unit().powf(1.2)).exp() as usize)
            .saturating_sub(600)
            .max(700)
    };
    // Fewer sections in small documents, so each still has a paragraph or two.
    let pick_sections = |rng: &mut Rng, required: &[String], size: usize, with_raci: bool| {
        let n = rng.range(3, 12).min((size / 500).max(3)).max(required.len());
        let mut s: Vec<String> = required.to_vec();
        if with_raci && !s.iter().any(|x| x == RACI_SECTION) {
            s.insert(s.len().min(1), RACI_SECTION.to_owned());
        }
        let mut start = rng.below(SECTIONS.len());
        while s.len() < n {
            let cand = SECTIONS[start % SECTIONS.len()];
            start += 1;
            if !s.iter().any(|x| x.eq_ignore_ascii_case(cand)) {
                s.push(cand.to_owned());
            }
        }
        s
    };

    // The roles register first: every owner and approver is one of its roles.
    plans.push(Plan {
        path: "roles/roles-and-responsibilities.md".into(),
        id: next_id("roles"),
        title: "Roles and Responsibilities Register".into(),
        doc_type: "roles",
        clauses: vec!["5.3".into()],
        satisfies: vec![],
        sections: vec![
            "Roles".into(),
            "Review and Improvement".into(),
            "Revision History".into(),
        ],
        columns: vec!["Role".into(), "Responsibilities".into(), "Authority".into()],
        owner: 2,
        approver: 0,
        size: 6 * 1024,
        defect: None,
        seed: rng.next_u64(),
    });
    // One core document per requirement (as many as it needs), never defective.
    for r in core {
        let t = static_type(&r.doc_type);
        if t == "roles" {
            continue;
        }
        for k in 0..r.min.max(1) {
            let title = format!(
                "{}{}",
                title_case(&r.id),
                if k > 0 {
                    format!(" {}", k + 1)
                } else {
                    String::new()
                }
            );
            let sz = size(&mut rng);
            let s = pick_sections(&mut rng, &r.sections, sz, false);
            plans.push(Plan {
                path: format!("{}/{}.md", folder_of(t), slug(&title)),
                id: next_id(t),
                title,
                doc_type: t,
                clauses: vec![r.clause.clone()],
                satisfies: vec![r.id.clone()],
                sections: s,
                columns: r.columns.clone(),
                owner: 2,
                approver: 1,
                size: sz,
                defect: None,
                seed: rng.next_u64(),
            });
        }
    }
    let total: u32 = TYPES.iter().map(|t| t.3).sum();
    let mut serial = 0usize;
    let mut per_folder: std::collections::HashMap<String, usize> = std::collections::HashMap::default();
    while plans.len() < docs {
        serial += 1;
        let mut roll = rng.below(total as usize) as u32;
        let (t, _, folder, _) = *TYPES
            .iter()
            .find(|(.., w)| {
                if roll < *w {
                    true
                } else {
                    roll -= w;
                    false
                }
            })
            .unwrap_or(&TYPES[0]);
        let p = rng.below(PRACTICES.len());
        let (pfolder, ptitle, clause, owner) = PRACTICES[p];
        let topic = rng.pick(TOPICS);
        let kind = match t {
            "procedure" => "Procedure",
            "process" => "Process",
            "plan" => "Plan",
            "register" => "Register",
            "agreement" => "Agreement",
            "report" => "Report",
            "record" => "Record",
            "policy" => "Policy",
            _ => "Guidance",
        };
        // At most 200 files per folder, like a real repository split by year, customer or area.
        let parent = match t {
            "record" | "report" => format!("{folder}/{}/{pfolder}", 2020 + rng.below(7)),
            "agreement" => format!("{folder}/{}", rng.pick(CUSTOMERS)),
            _ => format!("{folder}/{pfolder}"),
        };
        let count = per_folder.entry(parent.clone()).or_insert(0usize);
        *count += 1;
        let dir = match *count / 200 {
            0 => parent,
            b => format!("{parent}/part-{b:02}"),
        };
        let title = format!("{ptitle} {topic} {kind} {serial}");
        let mut approver = rng.below(3);
        if approver == owner {
            approver = 2;
        }
        let owner = if rng.chance(0.3) {
            rng.below(ROLES.len())
        } else {
            owner
        };
        if approver == owner {
            approver = (owner + 1) % 3;
        }
        let defect = if rng.chance(0.10) {
            Some(*rng.pick(DEFECTS))
        } else {
            None
        };
        let columns = if t == "register" {
            vec![
                "ID".into(),
                "Description".into(),
                "Likelihood".into(),
                "Impact".into(),
                "Owner".into(),
                "Treatment".into(),
                "Status".into(),
            ]
        } else {
            vec![]
        };
        let sz = size(&mut rng);
        plans.push(Plan {
            path: format!("{dir}/{}.md", slug(&title)),
            id: next_id(t),
            title,
            doc_type: t,
            clauses: vec![clause.to_owned()],
            satisfies: vec![],
            sections: pick_sections(&mut rng, &[], sz, has_raci(t)),
            columns,
            owner,
            approver,
            size: sz,
            defect,
            seed: rng.next_u64(),
        });
    }
    plans.truncate(docs.max(1));
    plans
}

fn title_case(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn date(rng: &mut Rng, from: (i32, u32), months: u32) -> String {
    let m = from.1 - 1 + rng.below(months as usize) as u32;
    let (y, m) = (from.0 + (m / 12) as i32, m % 12 + 1);
    format!("{y}-{m:02}-{:02}", rng.range(1, 28))
}

fn sentence(rng: &mut Rng, out: &mut String) {
    let n = rng.range(8, 22);
    for i in 0..n {
        let w = *rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push(' ');
            match rng.below(40) {
                0 => {
                    let _ = write!(out, "**{w}**");
                }
                1 => {
                    let _ = write!(out, "`{w}`");
                }
                2 => {
                    let _ = write!(out, "_{w}_");
                }
                _ => out.push_str(w),
            }
        }
    }
    out.push('.');
}

fn paragraph(rng: &mut Rng, out: &mut String, links: &mut dyn FnMut(&mut Rng, &mut String)) {
    let n = rng.range(2, 6);
    for i in 0..n {
        if i > 0 {
            out.push(if rng.chance(0.3) { '\n' } else { ' ' });
        }
        sentence(rng, out);
        if rng.chance(0.12) {
            out.push(' ');
            links(rng, out);
        }
    }
    out.push_str("\n\n");
}

/// Write the text of document `i`.
pub(crate) fn render(plans: &[Plan], i: usize) -> String {
    let p = &plans[i];
    let mut rng = Rng::new(p.seed);
    let mut out = String::with_capacity(p.size + 1024);
    let defect = p.defect;
    let role = |k: usize| ROLES[k % ROLES.len()].0;

    // Front-matter.
    if defect != Some(Defect::NoFrontMatter) {
        out.push_str("---\n");
        let id = if defect == Some(Defect::DuplicateId) && i > 0 {
            plans[i - 1].id.as_str()
        } else {
            p.id.as_str()
        };
        let _ = writeln!(out, "id: {id}");
        let _ = writeln!(out, "title: {}", p.title);
        let _ = writeln!(out, "type: {}", p.doc_type);
        match defect {
            Some(Defect::MissingOwner) => {}
            Some(Defect::UnknownRole) => out.push_str("owner: Head of Everything\n"),
            _ => {
                let _ = writeln!(out, "owner: {}", role(p.owner));
            }
        }
        let approver = if defect == Some(Defect::ApproverIsOwner) {
            p.owner
        } else {
            p.approver
        };
        let _ = writeln!(out, "approver: {}", role(approver));
        let _ = writeln!(out, "version: \"{}.{}\"", rng.range(1, 6), rng.below(10));
        let status = if defect == Some(Defect::BadStatus) {
            "aproved"
        } else {
            "approved"
        };
        let _ = writeln!(out, "status: {status}");
        let _ = writeln!(
            out,
            "classification: {}",
            rng.pick(&["internal", "confidential", "public"])
        );
        let clauses: Vec<String> = p.clauses.iter().map(|c| format!("\"{c}\"")).collect();
        let _ = writeln!(out, "clauses: [{}]", clauses.join(", "));
        if !p.satisfies.is_empty() {
            let _ = writeln!(out, "satisfies: [{}]", p.satisfies.join(", "));
        }
        // Judged on 2026-06-30: reviews between 2025-09 and 2026-05 with a 12-month cycle are
        // neither overdue nor due within 30 days.
        let reviewed = match defect {
            Some(Defect::InvalidDate) => "2026-13-45".to_owned(),
            Some(Defect::ReviewOverdue) => date(&mut rng, (2024, 1), 12),
            _ => date(&mut rng, (2025, 9), 9),
        };
        let _ = writeln!(out, "effective: {}", date(&mut rng, (2025, 1), 8));
        let _ = writeln!(out, "last_reviewed: {reviewed}");
        out.push_str("review_cycle: 12 months\n");
        if defect != Some(Defect::UnclosedFrontMatter) {
            out.push_str("---\n");
        }
    }
    out.push('\n');
    let _ = writeln!(out, "# {}\n", p.title);

    let mut link = |rng: &mut Rng, out: &mut String| {
        let j = rng.below(plans.len());
        let target = &plans[j];
        let dest = match defect {
            Some(Defect::BrokenLink) => format!("{}missing-document.md", relative_link(&p.path, "")),
            _ => relative_link(&p.path, &target.path),
        };
        let anchor = match defect {
            Some(Defect::BrokenAnchor) => "#no-such-section".to_owned(),
            _ if rng.chance(0.5) => format!("#{}", slug(&target.sections[rng.below(target.sections.len())])),
            _ => String::new(),
        };
        let _ = write!(out, "See [{}]({dest}{anchor}).", target.title);
    };
    // The defective link is always present once.
    if matches!(defect, Some(Defect::BrokenLink | Defect::BrokenAnchor)) {
        link(&mut rng, &mut out);
        out.push_str("\n\n");
    }
    paragraph(&mut rng, &mut out, &mut link);

    let n = p.sections.len();
    for (s, name) in p.sections.iter().enumerate() {
        let _ = writeln!(out, "## {name}\n");
        let start = out.len();
        // Spread what is left of the target size over the sections still to write.
        let budget = p.size.saturating_sub(out.len()) / (n - s);
        let table_here = s == 0 || (s == 1 && n > 1);
        if p.doc_type == "roles" && s == 0 {
            out.push_str("| Role | Responsibilities | Authority |\n|---|---|---|\n");
            for (r, resp, auth) in ROLES {
                let _ = writeln!(out, "| {r} | {resp} | {auth} |");
            }
            out.push('\n');
            continue;
        }
        if table_here && s == 0 && !p.columns.is_empty() {
            register_table(&mut rng, &mut out, p, budget * 2 / 3);
        } else if name == RACI_SECTION && has_raci(p.doc_type) {
            raci_table(&mut rng, &mut out, defect == Some(Defect::RaciWithoutAccountable));
        } else if table_here && s == 0 && p.doc_type == "record" {
            record_table(&mut rng, &mut out, p, budget * 2 / 3);
        }
        if out.len() == start {
            paragraph(&mut rng, &mut out, &mut link);
        }
        while out.len() - start < budget {
            match rng.below(7) {
                0 => {
                    for k in 0..rng.range(3, 7) {
                        let _ = write!(out, "{}. ", k + 1);
                        sentence(&mut rng, &mut out);
                        out.push('\n');
                    }
                    out.push('\n');
                }
                1 => {
                    for _ in 0..rng.range(2, 6) {
                        out.push_str("- ");
                        sentence(&mut rng, &mut out);
                        out.push('\n');
                    }
                    out.push('\n');
                }
                2 if budget > 1500 => {
                    let _ = writeln!(out, "### {} {}\n", name, rng.pick(TOPICS));
                }
                3 if rng.chance(0.2) => {
                    out.push_str("```text\n");
                    for _ in 0..rng.range(2, 5) {
                        sentence(&mut rng, &mut out);
                        out.push('\n');
                    }
                    out.push_str("```\n\n");
                }
                _ => paragraph(&mut rng, &mut out, &mut link),
            }
        }
    }
    out
}

const RACI_SECTION: &str = "Roles and Responsibilities";

/// Whether documents of type `t` carry a RACI table.
fn has_raci(t: &str) -> bool {
    matches!(t, "process" | "procedure" | "plan" | "policy")
}

fn raci_table(rng: &mut Rng, out: &mut String, no_accountable: bool) {
    out.push_str("| Activity | Responsible | Accountable | Consulted | Informed |\n|---|---|---|---|---|\n");
    let rows = rng.range(3, 8);
    for k in 0..rows {
        let topic = rng.pick(TOPICS);
        let r = ROLES[rng.below(ROLES.len())].0;
        let a = if no_accountable && k == 0 {
            ""
        } else {
            ROLES[rng.below(3)].0
        };
        let c = ROLES[rng.below(ROLES.len())].0;
        let i = ROLES[rng.below(ROLES.len())].0;
        let _ = writeln!(out, "| {topic} | {r} | {a} | {c} | {i} |");
    }
    out.push('\n');
}

fn register_table(rng: &mut Rng, out: &mut String, p: &Plan, budget: usize) {
    let cols = &p.columns;
    let _ = writeln!(out, "| {} |", cols.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(cols.len()));
    let start = out.len();
    let mut k = 0;
    while out.len() - start < budget.max(120) {
        k += 1;
        out.push('|');
        for (c, name) in cols.iter().enumerate() {
            let cell = match name.to_ascii_lowercase().as_str() {
                "id" => format!("R-{k:04}"),
                "owner" => ROLES[rng.below(ROLES.len())].0.to_owned(),
                "likelihood" | "impact" => rng.pick(&["Low", "Medium", "High"]).to_string(),
                "status" => rng.pick(&["Open", "Treated", "Accepted", "Closed"]).to_string(),
                _ if c == 0 => format!("{}-{k}", p.id),
                _ => {
                    let mut s = String::new();
                    for _ in 0..rng.range(3, 9) {
                        s.push_str(rng.pick::<&str>(WORDS));
                        s.push(' ');
                    }
                    s.trim_end().to_owned()
                }
            };
            let _ = write!(out, " {cell} |");
        }
        out.push('\n');
    }
    out.push('\n');
}

fn record_table(rng: &mut Rng, out: &mut String, p: &Plan, budget: usize) {
    out.push_str("| Date | Reference | Summary | Owner |\n|---|---|---|---|\n");
    let start = out.len();
    let mut k = 0;
    while out.len() - start < budget.max(120) {
        k += 1;
        let d = date(rng, (2025, 1), 12);
        let mut s = String::new();
        for _ in 0..rng.range(4, 10) {
            s.push_str(rng.pick::<&str>(WORDS));
            s.push(' ');
        }
        let o = ROLES[rng.below(ROLES.len())].0;
        let _ = writeln!(out, "| {d} | {}-{k:03} | {} | {o} |", p.id, s.trim_end());
    }
    out.push('\n');
}

/// The core requirements of smslint's built-in packs.
pub(crate) fn core_requirements() -> Vec<CoreReq> {
    let config = smslint::config::Config::default();
    let Ok(packs) = smslint::pack::Packs::load(&config.packs, Path::new("."), &smslint::checks::rules())
    else {
        return Vec::new();
    };
    packs
        .requirements()
        .map(|r| CoreReq {
            id: r.id.clone(),
            clause: r.clause.clone(),
            doc_type: r.types.first().cloned().unwrap_or_else(|| "other".into()),
            sections: r.sections.iter().map(|s| s.name.clone()).collect(),
            columns: r.columns.iter().map(|s| s.name.clone()).collect(),
            min: r.min,
        })
        .collect()
}

/// Every document of a corpus, in memory: (path, text).
pub(crate) fn documents(docs: usize, seed: u64) -> Vec<(String, String)> {
    let plans = plan(docs, seed, &core_requirements());
    (0..plans.len())
        .into_par_iter()
        .map(|i| (plans[i].path.clone(), render(&plans, i)))
        .collect()
}

/// Write a corpus into `dir` (which should be empty): the documents and a `smslint.toml`.
pub(crate) fn write(dir: &Path, docs: usize, seed: u64) -> std::io::Result<Summary> {
    let plans = plan(docs, seed, &core_requirements());
    std::fs::create_dir_all(dir)?;
    std::fs::write(
        dir.join("smslint.toml"),
        format!(
            "# Generated by gen-corpus ({docs} documents, seed {seed}); judge it with --today 2026-06-30.\n"
        ),
    )?;
    let mut dirs: Vec<&str> = plans
        .iter()
        .filter_map(|p| p.path.rsplit_once('/').map(|(d, _)| d))
        .collect();
    dirs.sort_unstable();
    dirs.dedup();
    for d in dirs {
        std::fs::create_dir_all(dir.join(d))?;
    }
    let bytes = (0..plans.len())
        .into_par_iter()
        .map(|i| {
            let text = render(&plans, i);
            std::fs::write(dir.join(&plans[i].path), &text).map(|()| text.len() as u64)
        })
        .collect::<std::io::Result<Vec<u64>>>()?;
    Ok(Summary {
        docs: plans.len(),
        bytes: bytes.iter().sum(),
        defective: plans.iter().filter(|p| p.defect.is_some()).count(),
    })
}
