//! `smslint init`: a starter SMS repository for a pack. [`plan`] is pure: from the pack's
//! requirements and the scaffold data in `templates/init.toml` it computes every file (one
//! draft document per required document, with the requirement's sections and columns, a RACI
//! matrix in process documents, a roles register and `smslint.toml`). [`write_new`] is the
//! only I/O: it creates files that do not exist yet and never overwrites one.
#![allow(clippy::disallowed_methods)] // writes a starter repository

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io;
use std::path::Path;

use serde::Deserialize;

use crate::pack::{Packs, Requirement, is_same_or_sub_clause};

/// The scaffold data, embedded.
pub const SCAFFOLD: &str = include_str!("../templates/init.toml");

/// Scaffold data: roles, per-type defaults and the RACI matrix.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Scaffold {
    /// Where the roles register goes when no requirement asks for one.
    pub roles_register: RegisterPlace,
    /// The usual roles.
    pub role: Vec<Role>,
    /// Clauses whose documents another role owns.
    #[serde(default)]
    pub clause_owner: Vec<ClauseOwner>,
    /// Per document type.
    #[serde(rename = "type")]
    pub types: Vec<TypeDefaults>,
    /// The RACI matrix of process documents.
    pub raci: Raci,
}

/// Place and title of the roles register.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RegisterPlace {
    /// Folder.
    pub folder: String,
    /// File stem.
    pub file: String,
    /// Title.
    pub title: String,
}

/// A role of the roles register.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Role {
    /// Name.
    pub name: String,
    /// What it does.
    pub responsibilities: String,
    /// What it may decide.
    pub authority: String,
}

/// Another owner for a clause's documents.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ClauseOwner {
    /// Clause (sub-clauses included).
    pub clause: String,
    /// Owning role.
    pub owner: String,
}

/// Defaults of one document type.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TypeDefaults {
    /// Type name.
    pub name: String,
    /// Folder.
    pub folder: String,
    /// Id prefix.
    pub prefix: String,
    /// Owning role.
    pub owner: String,
    /// Approving role.
    pub approver: String,
    /// Sections written when the requirement lists none.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Table columns written when the requirement lists none (registers).
    #[serde(default)]
    pub columns: Vec<String>,
}

/// A section with its line of guidance.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Section {
    /// Heading.
    pub name: String,
    /// What to write there.
    pub guidance: String,
}

/// The RACI matrix written into process documents.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Raci {
    /// Heading of its section.
    pub heading: String,
    /// Role columns.
    pub roles: Vec<String>,
    /// Rows.
    pub activities: Vec<Activity>,
}

/// One RACI row.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Activity {
    /// Activity.
    pub name: String,
    /// One letter per role column.
    pub letters: Vec<String>,
}

impl Scaffold {
    /// The built-in scaffold.
    pub fn builtin() -> Result<Self, toml::de::Error> {
        toml::from_str(SCAFFOLD)
    }

    fn type_of(&self, name: &str) -> Option<&TypeDefaults> {
        self.types.iter().find(|t| t.name.eq_ignore_ascii_case(name))
    }
}

/// One file to write, relative to the target folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Relative path with `/`.
    pub path: String,
    /// Content.
    pub text: String,
}

/// A double-quoted YAML scalar.
fn yaml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for a Markdown line (no line breaks, no markup from the user's organization name).
fn md_text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|c| !matches!(c, '[' | ']' | '<' | '>' | '`' | '|' | '*' | '_' | '#'))
        .collect()
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if c.clone().next().is_none_or(char::is_lowercase) => f.to_lowercase().chain(c).collect(),
        Some(f) => std::iter::once(f).chain(c).collect(),
        None => String::new(),
    }
}

struct Doc<'a> {
    req: &'a Requirement,
    /// Whether `req` is a real requirement (named in `satisfies:`) rather than a coverage clause.
    satisfies: bool,
    ty: &'a TypeDefaults,
    doc_type: String,
    id: String,
    path: String,
    title: String,
    owner: String,
    /// The approver it names (the type's, or the repository's usual one).
    approver: String,
}

/// The clauses of the packs' coverage sets (`[[coverage]]`, e.g. every clause-8 process) that no
/// requirement's document would name, each as a requirement-like stand-in, so that `init`
/// writes a document (a process, by the set's first type) for each of them too.
fn coverage_documents(packs: &Packs) -> Vec<Requirement> {
    let mut out: Vec<Requirement> = Vec::new();
    for p in &packs.packs {
        for cov in &p.coverage {
            let Some(first) = cov.types.first() else { continue };
            for clause in &cov.clauses {
                let named = packs.requirements().any(|r| {
                    r.types
                        .first()
                        .is_some_and(|t| cov.types.iter().any(|x| x.eq_ignore_ascii_case(t)))
                        && is_same_or_sub_clause(&r.clause, clause)
                }) || out.iter().any(|r| is_same_or_sub_clause(&r.clause, clause));
                if named {
                    continue;
                }
                let title = packs
                    .clause(clause)
                    .map_or_else(|| format!("Clause {clause}"), |c| c.title.clone());
                let slug = crate::slug::id_of_words(&title);
                out.push(Requirement {
                    id: if slug.is_empty() {
                        clause.replace('.', "-")
                    } else {
                        slug
                    },
                    clause: clause.clone(),
                    title,
                    types: vec![first.clone()],
                    min: 1,
                    statuses: Vec::new(),
                    severity: cov.severity,
                    why: cov.why.clone(),
                    fix: cov.fix.clone(),
                    sections: Vec::new(),
                    columns: Vec::new(),
                    targets: Vec::new(),
                    terms: Vec::new(),
                    pack: p.name.clone(),
                });
            }
        }
    }
    out
}

/// What a repository already has, for [`plan_for`]: `init` in an existing repository proposes
/// only what is missing and never reuses an id, a path or a roles register.
#[derive(Debug, Default, Clone)]
pub struct Existing {
    /// Document ids already in use.
    pub ids: BTreeSet<String>,
    /// Root-relative paths that exist (documents and other files), never written.
    pub paths: BTreeSet<String>,
    /// `None` for an empty folder (everything is written); otherwise only what a check run of
    /// the repository reports missing.
    pub missing: Option<Missing>,
    /// The repository's own roles register, reused (no second one is written).
    pub register: Option<String>,
    /// Keys ([`crate::text::key`]) of the roles that register defines.
    pub roles: BTreeSet<String>,
    /// The owner and approver the repository's documents name most often, both roles its
    /// register defines: per document type (lower case), and for any type under `""`. New
    /// documents name these instead of the starter roles the register does not define.
    pub usual: BTreeMap<String, (String, String)>,
}

impl Existing {
    /// The usual `(owner, approver)` for documents of `doc_type`, else of any type.
    fn usual_for(&self, doc_type: &str) -> Option<&(String, String)> {
        self.usual
            .get(&doc_type.to_lowercase())
            .or_else(|| self.usual.get(""))
    }

    /// `role` when the repository has no register or its register defines it, else the
    /// repository's usual choice for the place.
    fn role_or_usual(&self, role: &str, doc_type: &str, pick: fn(&(String, String)) -> &String) -> String {
        if self.register.is_none() || self.roles.contains(&crate::text::key(role)) {
            return role.to_owned();
        }
        self.usual_for(doc_type)
            .map_or_else(|| role.to_owned(), |u| pick(u).clone())
    }
}

/// The most frequent `(owner, approver)` pairs of `pairs` (document type, owner, approver),
/// per type and overall, counting only pairs whose roles `defined` holds (by key); ties go to
/// the first in sorted order, so the choice is the same on every run.
pub fn usual_roles(
    pairs: &[(String, String, String)],
    defined: &BTreeSet<String>,
) -> BTreeMap<String, (String, String)> {
    let mut counts: BTreeMap<(String, (String, String)), usize> = BTreeMap::new();
    for (ty, owner, approver) in pairs {
        if !defined.contains(&crate::text::key(owner)) || !defined.contains(&crate::text::key(approver)) {
            continue;
        }
        let pair = (owner.clone(), approver.clone());
        *counts.entry((ty.to_lowercase(), pair.clone())).or_default() += 1;
        *counts.entry((String::new(), pair)).or_default() += 1;
    }
    let mut out: BTreeMap<String, ((String, String), usize)> = BTreeMap::new();
    for ((ty, pair), n) in counts {
        let best = out.entry(ty).or_insert_with(|| (pair.clone(), 0));
        if n > best.1 {
            *best = (pair, n);
        }
    }
    out.into_iter().map(|(ty, (pair, _))| (ty, pair)).collect()
}

/// What a check run found missing: the same index and coverage logic `check` uses decides.
#[derive(Debug, Default, Clone)]
pub struct Missing {
    /// Requirement ids with no document (SMS101, or SMS401 for the roles register).
    pub requirements: BTreeSet<String>,
    /// Clauses no process covers (SMS103).
    pub clauses: BTreeSet<String>,
}

/// Where each requirement's (or uncovered clause's) document goes in a starter repository: the
/// path `init` would write it at. Repository-level findings are located there by the formats
/// that need a file for every finding (SARIF, GitHub annotations).
#[derive(Debug, Default, Clone)]
pub struct Places {
    /// Requirement id → path.
    pub requirements: HashMap<String, String>,
    /// Clause of a coverage set → path of the process document that would cover it.
    pub clauses: HashMap<String, String>,
    /// Where the roles register goes when no requirement asks for one.
    pub roles_register: String,
}

/// The [`Places`] of `packs` under `scaffold`.
pub fn places(packs: &Packs, scaffold: &Scaffold) -> Places {
    let coverage = coverage_documents(packs);
    let docs = layout(packs, scaffold, &coverage, &Existing::default());
    let mut out = Places::default();
    for d in docs {
        let map = if d.satisfies {
            &mut out.requirements
        } else {
            &mut out.clauses
        };
        let key = if d.satisfies { &d.req.id } else { &d.req.clause };
        map.entry(key.clone()).or_insert(d.path);
    }
    let place = &scaffold.roles_register;
    out.roles_register = format!("{}/{}.md", place.folder, place.file);
    out
}

/// The documents to write for `packs`, skipping what `existing` has, with unused ids and paths.
fn layout<'a>(
    packs: &'a Packs,
    scaffold: &'a Scaffold,
    coverage: &'a [Requirement],
    existing: &Existing,
) -> Vec<Doc<'a>> {
    let fallback = scaffold.type_of("other");
    let mut counters: HashMap<String, usize> = HashMap::new();
    let mut suffixes: HashMap<String, usize> = HashMap::new();
    let mut docs: Vec<Doc<'_>> = Vec::new();
    let mut paths: BTreeSet<String> = existing.paths.iter().map(|p| p.to_lowercase()).collect();
    let all = packs
        .requirements()
        .map(|r| (r, true))
        .chain(coverage.iter().map(|r| (r, false)));
    for (req, satisfies) in all {
        let wanted = existing.missing.as_ref().is_none_or(|m| {
            if satisfies {
                m.requirements.contains(&req.id)
            } else {
                m.clauses.contains(&req.clause)
            }
        });
        if !wanted {
            continue;
        }
        let doc_type = req.types.first().cloned().unwrap_or_else(|| "other".to_owned());
        let Some(ty) = scaffold.type_of(&doc_type).or(fallback) else {
            continue;
        };
        let owner = scaffold
            .clause_owner
            .iter()
            .find(|o| is_same_or_sub_clause(&req.clause, &o.clause))
            .map_or_else(|| ty.owner.clone(), |o| o.owner.clone());
        // In a repository with its own roles register, roles it defines.
        let owner = existing.role_or_usual(&owner, &doc_type, |u| &u.0);
        let approver = existing.role_or_usual(&ty.approver, &doc_type, |u| &u.1);
        let slug = crate::slug::ascii_name(&req.id, &['-']);
        for n in 1..=req.min.max(1) {
            let stem = if n == 1 {
                slug.clone()
            } else {
                format!("{slug}-{n}")
            };
            let mut path = format!("{}/{stem}.md", ty.folder);
            // The next suffix to try for this stem, kept across requirements whose ids fold to
            // the same file name, so the search is linear in the documents proposed.
            let k = suffixes.entry(path.to_lowercase()).or_insert(2);
            while !paths.insert(path.to_lowercase()) {
                path = format!("{}/{stem}-{k}.md", ty.folder);
                *k += 1;
            }
            docs.push(Doc {
                req,
                satisfies,
                ty,
                doc_type: doc_type.clone(),
                id: next_id(&mut counters, &existing.ids, &ty.prefix),
                path,
                title: if n == 1 {
                    req.title.clone()
                } else {
                    format!("{} {n}", req.title)
                },
                owner: owner.clone(),
                approver: approver.clone(),
            });
        }
    }
    docs
}

/// The next `PREFIX-NNN` id not in `taken` (ids compared ignoring case).
fn next_id(counters: &mut HashMap<String, usize>, taken: &BTreeSet<String>, prefix: &str) -> String {
    let n = counters.entry(prefix.to_owned()).or_insert(0);
    loop {
        *n += 1;
        let id = format!("{prefix}-{:03}", *n);
        if !taken.contains(&id) && !taken.contains(&id.to_lowercase()) {
            return id;
        }
    }
}

/// Every file of a starter repository for `packs`, for the organization `org`.
pub fn plan(packs: &Packs, scaffold: &Scaffold, org: &str, pack_names: &[String]) -> Vec<File> {
    plan_for(packs, scaffold, org, pack_names, &Existing::default())
}

/// The files `init` proposes for a folder that already holds `existing`: only the documents
/// of requirements a check run reports missing, with ids and paths nobody uses, the roles
/// register only when the repository has none, `smslint.toml` only when it has no config.
pub fn plan_for(
    packs: &Packs,
    scaffold: &Scaffold,
    org: &str,
    pack_names: &[String],
    existing: &Existing,
) -> Vec<File> {
    let org = md_text(org.trim());
    let org = if org.is_empty() {
        "the organization".to_owned()
    } else {
        org
    };
    let fallback = scaffold.type_of("other");
    // The roles register's type, the process types and which types are reviewed are the
    // packs' vocabulary (their `[roles]` and `[review]` data), as a check run reads them.
    let refs: Vec<crate::config::PackRef> = pack_names
        .iter()
        .map(|n| crate::config::PackRef::Builtin(n.clone()))
        .collect();
    let role_vocab = crate::vocab::RawRoleVocab {
        register_type: crate::pack::data_default(&refs, |p| p.role_vocab.register_type.clone()),
        process_types: crate::pack::data_default(&refs, |p| p.role_vocab.process_types.clone()),
        sections: crate::pack::data_default(&refs, |p| p.role_vocab.sections.clone()),
        ..Default::default()
    };
    let register_type = role_vocab.register_type.clone().unwrap_or_default();
    let process_types = role_vocab.process_types.clone().unwrap_or_default();
    let mut counters: HashMap<String, usize> = HashMap::new();
    let coverage = coverage_documents(packs);
    let mut docs = layout(packs, scaffold, &coverage, existing);
    if existing.register.is_some() {
        docs.retain(|d| !d.doc_type.eq_ignore_ascii_case(&register_type));
    }
    let mut taken = existing.ids.clone();
    taken.extend(docs.iter().map(|d| d.id.clone()));

    let has_register = existing.register.is_some()
        || docs
            .iter()
            .any(|d| d.doc_type.eq_ignore_ascii_case(&register_type));
    let register_ty = scaffold.type_of(&register_type).or(fallback);
    let mut files = Vec::new();
    let mut used: BTreeSet<String> = BTreeSet::new();
    for d in &docs {
        used.insert(d.owner.clone());
        if d.owner != d.approver {
            used.insert(d.approver.clone());
        }
        if process_types.iter().any(|t| d.doc_type.eq_ignore_ascii_case(t)) {
            used.extend(scaffold.raci.roles.iter().cloned());
        }
    }
    if !has_register {
        if let Some(t) = register_ty {
            used.insert(t.owner.clone());
            used.insert(t.approver.clone());
        }
    }
    let roles: Vec<&Role> = scaffold.role.iter().filter(|r| used.contains(&r.name)).collect();

    let reviewed_types = crate::config::Config::default().review.reviewed_types;
    for d in &docs {
        files.push(File {
            path: d.path.clone(),
            text: document(d, scaffold, &org, &roles, packs, &reviewed_types, &role_vocab),
        });
    }
    if let (false, Some(ty)) = (has_register, register_ty) {
        let place = &scaffold.roles_register;
        let mut text = front_matter(
            &next_id(&mut counters, &taken, &ty.prefix),
            &place.title,
            &register_type,
            &ty.owner,
            &ty.approver,
            &[],
            None,
            true,
        );
        let _ = writeln!(text, "# {}\n", place.title);
        let _ = writeln!(text, "The roles of {org}'s service management system.\n");
        text.push_str(&roles_table(&roles, &[]));
        files.push(File {
            path: format!("{}/{}.md", place.folder, place.file),
            text,
        });
    }
    let configured = crate::config::CONFIG_NAMES
        .iter()
        .any(|n| existing.paths.contains(*n));
    if !configured {
        files.push(File {
            path: "smslint.toml".to_owned(),
            text: config(&org, pack_names),
        });
    }
    files.retain(|f| !existing.paths.contains(&f.path));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

#[allow(clippy::too_many_arguments)]
fn front_matter(
    id: &str,
    title: &str,
    doc_type: &str,
    owner: &str,
    approver: &str,
    clauses: &[&str],
    satisfies: Option<&str>,
    reviewed: bool,
) -> String {
    let mut s = String::from("---\n");
    let _ = writeln!(s, "id: {id}");
    let _ = writeln!(s, "title: {}", yaml_str(title));
    if doc_type
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !doc_type.is_empty()
    {
        let _ = writeln!(s, "type: {doc_type}");
    } else {
        let _ = writeln!(s, "type: {}", yaml_str(doc_type));
    }
    let _ = writeln!(s, "owner: {}", yaml_str(owner));
    if approver != owner {
        let _ = writeln!(s, "approver: {}", yaml_str(approver));
    }
    s.push_str("version: \"0.1\"\nstatus: draft\nclassification: internal\n");
    if !clauses.is_empty() {
        let list: Vec<String> = clauses.iter().map(|c| yaml_str(c)).collect();
        let _ = writeln!(s, "clauses: [{}]", list.join(", "));
    }
    if let Some(id) = satisfies {
        let _ = writeln!(s, "satisfies: [{}]", yaml_str(id));
    }
    if reviewed {
        s.push_str("review_cycle: 12 months\n");
    }
    s.push_str("---\n\n");
    s
}

fn norm(s: &str) -> String {
    crate::text::key(s)
}

fn roles_table(roles: &[&Role], columns: &[String]) -> String {
    let columns: Vec<String> = if columns.is_empty() {
        vec!["Role".into(), "Responsibilities".into(), "Authority".into()]
    } else {
        columns.to_vec()
    };
    let mut s = String::new();
    let _ = writeln!(s, "## Roles\n");
    let _ = writeln!(s, "| {} |", columns.join(" | "));
    let _ = writeln!(s, "|{}", "---|".repeat(columns.len()));
    for r in roles {
        let cells: Vec<String> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let c = norm(c);
                if i == 0 || c.contains("role") {
                    r.name.clone()
                } else if c.contains("responsib") {
                    r.responsibilities.clone()
                } else if c.contains("author") {
                    r.authority.clone()
                } else {
                    "TODO".to_owned()
                }
            })
            .collect();
        let _ = writeln!(s, "| {} |", cells.join(" | "));
    }
    s
}

/// Whether a section or column asks for a measurable value (a target, a measure, an objective).
fn wants_measure(name: &str) -> bool {
    let n = norm(name);
    ["target", "measur", "objective", "kpi", "metric"]
        .iter()
        .any(|w| n.contains(w))
}

/// The guidance cell of a register's placeholder row: a measurable example where the column asks
/// for a target or a date, so that only the guidance itself is left to replace.
fn placeholder_cell(column: &str) -> &'static str {
    let n = norm(column);
    if wants_measure(column) {
        "TODO: e.g. 95 % within 4 hours"
    } else if n.contains("date") || n.contains("due") || n.contains("deadline") {
        "TODO: e.g. 2027-12-31"
    } else {
        "TODO"
    }
}

fn raci_table(raci: &Raci) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "| Activity | {} |", raci.roles.join(" | "));
    let _ = writeln!(s, "|{}", "---|".repeat(raci.roles.len() + 1));
    for a in &raci.activities {
        let _ = writeln!(s, "| {} | {} |", a.name, a.letters.join(" | "));
    }
    s
}

fn document(
    d: &Doc<'_>,
    scaffold: &Scaffold,
    org: &str,
    roles: &[&Role],
    packs: &Packs,
    reviewed_types: &[String],
    vocab: &crate::vocab::RawRoleVocab,
) -> String {
    // The document is also evidence for every other requirement its type and clause match, so
    // it gets their sections, columns, targets and terms too.
    let mut merged = d.req.clone();
    for other in packs.requirements() {
        if other.id == merged.id || !other.matched_by(Some(&d.doc_type), &[d.req.clause.as_str()], &[]) {
            continue;
        }
        for (mine, theirs) in [
            (&mut merged.sections, &other.sections),
            (&mut merged.columns, &other.columns),
            (&mut merged.targets, &other.targets),
        ] {
            for x in theirs {
                if !mine.iter().any(|m| norm(&m.name) == norm(&x.name)) {
                    mine.push(x.clone());
                }
            }
        }
        merged.terms.extend(other.terms.iter().cloned());
    }
    let req = &merged;
    let reviewed = reviewed_types.iter().any(|t| t.eq_ignore_ascii_case(&d.doc_type));
    let mut s = front_matter(
        &d.id,
        &d.title,
        &d.doc_type,
        &d.owner,
        &d.approver,
        &[req.clause.as_str()],
        d.satisfies.then_some(req.id.as_str()),
        reviewed,
    );
    let clause_title = packs
        .clause(&req.clause)
        .map(|c| format!(" ({})", c.title))
        .unwrap_or_default();
    let pack_title = packs
        .packs
        .iter()
        .find(|p| p.name == req.pack)
        .map_or(req.pack.as_str(), |p| p.title.as_str());
    let _ = writeln!(s, "# {}\n", d.title);
    let _ = writeln!(
        s,
        "This document is {org}'s evidence for clause {}{clause_title} of {pack_title}. \
         It was written by smslint init as a draft: replace each TODO line with {org}'s own text, \
         then have it approved.\n",
        req.clause
    );
    let _ = writeln!(
        s,
        "Why auditors look for it: {}\n",
        req.why.split_whitespace().collect::<Vec<_>>().join(" ")
    );

    let is_process = vocab
        .process_types
        .iter()
        .flatten()
        .any(|t| d.doc_type.eq_ignore_ascii_case(t));
    let raci_norm = norm(vocab.sections.iter().flatten().next().map_or("", String::as_str));
    let mut raci_written = false;
    let sections: Vec<(String, String)> = if req.sections.is_empty() {
        d.ty.sections
            .iter()
            .map(|x| (x.name.clone(), format!("TODO: {}.", x.guidance)))
            .collect()
    } else {
        req.sections
            .iter()
            .map(|x| {
                (
                    x.name.clone(),
                    format!(
                        "TODO: describe the {} of this {}.{}",
                        lower_first(&x.name),
                        lower_first(&req.title),
                        if wants_measure(&x.name) {
                            " Give each a measurable value, e.g. 99.5 % per month."
                        } else {
                            ""
                        }
                    ),
                )
            })
            .collect()
    };
    // Terms the requirement asks for go into the guidance of their section (or of the whole
    // document), so the draft already names what the final text must cover.
    let in_section = |t: &crate::pack::Term| {
        t.section
            .as_deref()
            .filter(|sec| sections.iter().any(|(n, _)| norm(n) == norm(sec)))
            .map(norm)
    };
    let loose: Vec<&str> = req
        .terms
        .iter()
        .filter(|t| in_section(t).is_none())
        .map(|t| t.name.as_str())
        .collect();
    if !loose.is_empty() {
        let _ = writeln!(s, "TODO: make sure the document covers: {}.\n", loose.join(", "));
    }
    for (name, guidance) in &sections {
        let terms: Vec<&str> = req
            .terms
            .iter()
            .filter(|t| in_section(t).is_some_and(|sec| sec == norm(name)))
            .map(|t| t.name.as_str())
            .collect();
        let cover = if terms.is_empty() {
            String::new()
        } else {
            format!(" Cover: {}.", terms.join(", "))
        };
        let _ = writeln!(s, "## {name}\n\n{guidance}{cover}\n");
        if is_process && !raci_written && !raci_norm.is_empty() && norm(name).starts_with(&raci_norm) {
            s.push_str(&raci_table(&scaffold.raci));
            s.push('\n');
            raci_written = true;
        }
    }
    if vocab
        .register_type
        .as_deref()
        .is_some_and(|t| d.doc_type.eq_ignore_ascii_case(t))
    {
        s.push_str(&roles_table(
            roles,
            &req.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>(),
        ));
    } else {
        let columns: Vec<String> = if req.columns.is_empty() {
            d.ty.columns.clone()
        } else {
            req.columns.iter().map(|c| c.name.clone()).collect()
        };
        if !columns.is_empty() {
            let _ = writeln!(s, "## Register\n");
            let _ = writeln!(s, "| {} |", columns.join(" | "));
            let _ = writeln!(s, "|{}", "---|".repeat(columns.len()));
            let row: Vec<&str> = columns
                .iter()
                .map(|c| {
                    let target = req.targets.iter().any(|t| {
                        std::iter::once(&t.name)
                            .chain(&t.synonyms)
                            .any(|n| norm(n) == norm(c))
                    });
                    if target {
                        "TODO: e.g. 95 % within 4 hours"
                    } else {
                        placeholder_cell(c)
                    }
                })
                .collect();
            let _ = writeln!(s, "| {} |\n", row.join(" | "));
        }
    }
    if is_process && !raci_written {
        let _ = writeln!(s, "## {}\n", scaffold.raci.heading);
        s.push_str(&raci_table(&scaffold.raci));
    }
    while s.ends_with("\n\n") {
        s.pop();
    }
    s
}

fn config(org: &str, packs: &[String]) -> String {
    let list: Vec<String> = packs.iter().map(|p| format!("{p:?}")).collect();
    format!(
        "# smslint configuration of {org}'s service management system, written by `smslint init`.\n\
         # Every key is optional: see the smslint README for the others.\n\
         packs = [{}]\n\n\
         # Requirements that do not apply, each with the reason an auditor will ask for:\n\
         # exclusions = [{{ requirement = \"internal-agreements\", reason = \"No internal suppliers\" }}]\n",
        list.join(", ")
    )
}

/// The roles the planned documents name (the owner and approver of their front matter, and the
/// RACI matrix's roles, as [`plan_for`] writes them): what an existing roles register must
/// define for them.
pub fn roles_named(files: &[File], scaffold: &Scaffold) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    // The RACI matrix init writes into process documents names the scaffold's RACI roles.
    let raci_header = raci_table(&scaffold.raci);
    let raci_header = raci_header.lines().next().unwrap_or("");
    for f in files {
        if !raci_header.is_empty() && f.text.lines().any(|l| l == raci_header) {
            out.extend(scaffold.raci.roles.iter().cloned());
        }
        let Some(meta) = f
            .text
            .strip_prefix("---\n")
            .and_then(|t| t.split("\n---\n").next())
        else {
            continue;
        };
        for line in meta.lines() {
            if let Some(v) = line
                .strip_prefix("owner: ")
                .or_else(|| line.strip_prefix("approver: "))
            {
                out.insert(v.trim().trim_matches('"').to_owned());
            }
        }
    }
    out
}

/// What [`write_new`] did.
#[derive(Debug, Default)]
pub struct Written {
    /// Files created.
    pub created: Vec<String>,
    /// Files that existed and were left alone.
    pub skipped: Vec<String>,
}

/// Create every file under `dir` that does not exist yet; existing files are never opened for
/// writing (`create_new`, which also refuses a final symbolic link), so a second run changes
/// nothing, and no folder on the way may be a symbolic link.
pub fn write_new(dir: &Path, files: &[File]) -> io::Result<Written> {
    let mut done = Written::default();
    // No file is created through a symbolic link: every folder on the way must be a real one
    // (checked for all files first, so a refused run creates nothing).
    for f in files {
        crate::fsx::no_link_below(dir, Path::new(&f.path))?;
    }
    for f in files {
        let target = dir.join(&f.path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
        {
            Ok(mut file) => {
                io::Write::write_all(&mut file, f.text.as_bytes())?;
                done.created.push(f.path.clone());
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => done.skipped.push(f.path.clone()),
            Err(e) => {
                return Err(io::Error::new(
                    e.kind(),
                    format!("cannot create `{}`: {e}", f.path),
                ));
            }
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaffold_is_consistent() {
        let s = Scaffold::builtin().unwrap();
        let names: Vec<&str> = s.role.iter().map(|r| r.name.as_str()).collect();
        for t in &s.types {
            assert!(names.contains(&t.owner.as_str()), "{}: owner {}", t.name, t.owner);
            assert!(
                names.contains(&t.approver.as_str()),
                "{}: approver {}",
                t.name,
                t.approver
            );
            assert_ne!(t.owner, t.approver, "{}: approver is owner", t.name);
        }
        for o in &s.clause_owner {
            assert!(names.contains(&o.owner.as_str()));
        }
        for r in &s.raci.roles {
            assert!(names.contains(&r.as_str()), "RACI role {r}");
        }
        for a in &s.raci.activities {
            assert_eq!(a.letters.len(), s.raci.roles.len(), "{}", a.name);
            assert_eq!(
                a.letters.iter().filter(|l| l.contains('A')).count(),
                1,
                "{}: one A",
                a.name
            );
            assert!(a.letters.iter().any(|l| l.contains('R')), "{}: an R", a.name);
            assert!(
                a.letters
                    .iter()
                    .all(|l| !l.is_empty() && l.chars().all(|c| "RACI".contains(c)))
            );
        }
    }

    /// A pack from a pull request cannot make `init` (or the SARIF and annotation locations,
    /// which ask `init` where a missing document belongs) loop on a huge `min`; and ids that
    /// fold to one file name get distinct paths from one running suffix per name.
    #[test]
    fn a_huge_min_is_refused_and_clashing_ids_get_distinct_paths() {
        let pack_text = |reqs: &str| -> std::sync::Arc<str> {
            std::sync::Arc::from(format!(
                "[pack]\nname = \"p\"\ntitle = \"P\"\n[[clause]]\nid = \"8\"\ntitle = \"Ops\"\n{reqs}"
            ))
        };
        let req = |id: &str, min: u32| {
            format!(
                "[[requirement]]\nid = \"{id}\"\nclause = \"8\"\ntitle = \"T\"\ntypes = [\"process\"]\nmin = {min}\nwhy = \"w\"\nfix = \"f\"\n"
            )
        };
        let rules = crate::checks::rules();
        let huge =
            crate::pack::parse_pack(&[("p.toml".into(), pack_text(&req("a", u32::MAX)))], Some(&rules));
        let e = huge.expect_err("a min of four billion is refused");
        assert!(e.to_string().contains("at most 1000"), "{e}");
        let reqs: String = ["a.1", "a_1", "A-1", "a 1"].iter().map(|id| req(id, 2)).collect();
        let pack = crate::pack::parse_pack(&[("p.toml".into(), pack_text(&reqs))], Some(&rules)).unwrap();
        let packs = Packs {
            packs: vec![pack],
            ..Packs::default()
        };
        let files = plan(&packs, &Scaffold::builtin().unwrap(), "Org", &["p.toml".into()]);
        let docs: Vec<&str> = files
            .iter()
            .map(|f| f.path.as_str())
            .filter(|p| p.starts_with("processes/"))
            .collect();
        let distinct: BTreeSet<String> = docs.iter().map(|p| p.to_lowercase()).collect();
        assert_eq!(docs.len(), 8, "{docs:?}");
        assert_eq!(distinct.len(), 8, "{docs:?}");
    }

    #[test]
    fn process_documents_get_sections_and_a_raci_matrix() {
        let text: std::sync::Arc<str> = std::sync::Arc::from(
            "[pack]\nname = \"p\"\ntitle = \"P\"\n[[clause]]\nid = \"8\"\ntitle = \"Ops\"\n[[clause]]\nid = \"9.2\"\ntitle = \"Audit\"\n\
             [[requirement]]\nid = \"incident\"\nclause = \"8\"\ntitle = \"Incident management\"\ntypes = [\"process\"]\nwhy = \"w\"\nfix = \"f\"\n\
             sections = [{ name = \"Major-incident criteria\" }]\n\
             [[requirement]]\nid = \"audits\"\nclause = \"9.2\"\ntitle = \"Audit log\"\ntypes = [\"register\"]\nmin = 2\nwhy = \"w\"\nfix = \"f\"\n\
             columns = [{ name = \"Audit\" }, { name = \"Date\" }]\n",
        );
        let pack =
            crate::pack::parse_pack(&[("p.toml".into(), text)], Some(&crate::checks::rules())).unwrap();
        let packs = Packs {
            packs: vec![pack],
            ..Packs::default()
        };
        let files = plan(&packs, &Scaffold::builtin().unwrap(), "Org", &["p.toml".into()]);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "processes/incident.md",
                "registers/audits-2.md",
                "registers/audits.md",
                "roles/roles-register.md",
                "smslint.toml"
            ]
        );
        let process = &files[0].text;
        assert!(
            process.contains("## Major-incident criteria\n\nTODO: describe the major-incident criteria"),
            "{process}"
        );
        assert!(
            process.contains("## Roles and responsibilities (RACI)\n\n| Activity | Process Owner |"),
            "{process}"
        );
        assert!(
            process.contains("owner: \"Process Owner\"\napprover: \"Service Management Manager\""),
            "{process}"
        );
        let audits = &files[2].text;
        assert!(audits.contains("id: REG-001") && files[1].text.contains("id: REG-002"));
        assert!(audits.contains("owner: \"Internal Auditor\""), "{audits}");
        assert!(
            audits.contains("| Audit | Date |\n|---|---|\n| TODO | TODO: e.g. 2027-12-31 |"),
            "{audits}"
        );
        let roles = &files[3].text;
        for used in [
            "Process Owner",
            "Process Manager",
            "Service Management Manager",
            "Top Management",
            "Internal Auditor",
        ] {
            assert!(roles.contains(&format!("| {used} |")), "{used} in\n{roles}");
        }
    }

    #[test]
    fn yaml_and_markdown_stay_inert() {
        assert_eq!(yaml_str("a \"b\" \\ c\n"), "\"a \\\"b\\\" \\\\ c \"");
        assert_eq!(md_text("Acme <b>[x]</b>\n"), "Acme bx/b ");
        assert_eq!(lower_first("Services covered"), "services covered");
        assert_eq!(lower_first("SLA"), "SLA");
    }
}
