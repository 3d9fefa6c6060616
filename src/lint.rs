//! The run itself, pure: [`lint`] checks a [`Workspace`] read beforehand and returns an
//! [`Outcome`]. No file system, no git, no environment, no clock: whatever it needs from
//! outside (documents, the base revision's texts, the changed files, the baseline,
//! CODEOWNERS, the date) is in its arguments.
//!
//! A run has two parts. The per-document stage, [`DocumentChecks`], runs inside
//! [`Workspace::load`] while each document's bytes are in hand (the workspace is handed it as a
//! function, so it never depends on the checks): the document-scope check kinds. Then [`lint`],
//! on the facts the workspace kept (no document text): the repository index, the repository
//! checks, then the post-stages over findings, each a function here: [`suppressions`],
//! [`select`] (with severity overrides), [`baseline`], [`cap`], [`clauses`], [`positions`] and
//! [`ordering`].

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

use crate::checks::{self, CheckKind, Context};
use crate::config::{Config, RuleSelection};
use crate::document::{Document, InputProblem};
use crate::finding::Finding;
use crate::index::Repo;
use crate::line_index::LineIndex;
use crate::outcome::{Outcome, SourceText};
use crate::pack::Packs;
use crate::workspace::{Fingerprint, Tree, Workspace};

/// The per-document stage of a run: the document-scope check kinds that the run's selection
/// needs, judged on its date. [`Workspace::load`] runs [`DocumentChecks::check`] on each
/// document while its text is in hand; [`lint`] must then be given the same configuration,
/// packs, date and options.
#[derive(Debug)]
pub struct DocumentChecks<'a> {
    config: &'a Config,
    packs: &'a Packs,
    today: Date,
    kinds: Vec<&'static CheckKind>,
    /// The content matcher's vocabulary, shared by the documents' checks.
    matcher: crate::matcher::Seed,
    /// The metadata fields a later stage reads, as [`crate::checks::field`] looks them up.
    read_later: Vec<FieldName<'a>>,
}

/// The canonical fields that a stage after the per-document one reads from a document's
/// metadata: the document references (`related`, `supersedes`) and the role fields (the control
/// facts, [`crate::document::DocInfo`], are read before the fields are dropped). The retention
/// test (`tests/it/retain.rs`) fails when a repository check reads one left out here.
fn fields_read_later() -> impl Iterator<Item = &'static str> {
    ["related", "supersedes"]
        .into_iter()
        .chain(crate::document::fields::with(
            crate::document::fields::Trait::Role,
        ))
}

/// A canonical field and the key the configuration writes it with.
#[derive(Debug)]
struct FieldName<'a> {
    canonical: &'static str,
    key: &'a str,
}

impl FieldName<'_> {
    /// Whether a lookup of this field ([`crate::document::Meta::get`] with the configured
    /// key, then [`crate::document::Meta::by_canonical`]) can return `f`: keeping every such
    /// field, in order, keeps the answer of each lookup.
    fn reads(&self, f: &crate::document::MetaField) -> bool {
        use crate::document::same_key;
        same_key(&f.key, self.key)
            || f.canonical
                .as_deref()
                .is_some_and(|c| same_key(c, self.key) || c == self.canonical)
    }
}

impl<'a> DocumentChecks<'a> {
    /// The stage for a run of `config` and `packs` on `today` with `opts`.
    pub fn new(config: &'a Config, packs: &'a Packs, today: Date, opts: &LintOptions) -> Self {
        // A kind none of whose rules is selected is not run: its findings would be dropped.
        let kinds = checks::selected_kinds(&selection_of(config, opts));
        Self {
            config,
            packs,
            today,
            kinds,
            matcher: crate::matcher::Seed::of_packs(packs),
            read_later: fields_read_later()
                .map(|canonical| FieldName {
                    canonical,
                    key: config.key(canonical),
                })
                .collect(),
        }
    }

    fn context(&self) -> Context<'_> {
        Context {
            config: self.config,
            packs: self.packs,
            today: self.today,
            kinds: &self.kinds,
            matcher: Some(&self.matcher),
        }
    }

    /// Drop from `doc`, once [`DocumentChecks::check`] has found `findings` in it, what no
    /// later stage of a check run reads ([`Document::retain_for_repository`]), once its link
    /// targets are computed: tables other than RACI matrices (every table of a roles register
    /// stays), metadata fields no repository check reads (its control facts are read first),
    /// every heading but the title heading's place unless it is a roles register or a process or
    /// keeps a table, and the text around its links unless a kind
    /// that settles its findings in the repository phase found something here (the one reader
    /// of that text). Not for runs that read the whole document afterwards (`adopt`).
    pub fn retain(&self, doc: &mut Document, findings: &[Finding]) {
        let roles = &self.config.roles;
        let control = crate::document::DocInfo::read(doc, self.config);
        let is = |t: &str| {
            control
                .doc_type
                .as_deref()
                .is_some_and(|d| d.eq_ignore_ascii_case(t))
        };
        let register = is(&roles.register_type);
        // The roles register reads its headings, and the process-roles check a process's.
        let heading_texts = register || roles.process_types.iter().any(|t| is(t));
        let settled = findings.iter().any(|f| {
            self.kinds
                .iter()
                .filter(|k| k.settle.is_some())
                .any(|k| k.rules.iter().any(|r| r.code == f.code()))
        });
        doc.link_targets = Some(crate::index::anchor_set(doc, self.config.links.anchors));
        doc.control = Some(Box::new(control));
        doc.retain_for_repository(
            |d, t| register || crate::roles::is_raci(d, t, &roles.role_header),
            |f| self.read_later.iter().any(|n| n.reads(f)),
            heading_texts,
            settled,
        );
    }

    /// The findings of the document-scope kinds on `doc`, parsed from `text` (`None` when it
    /// could not be read or decoded).
    pub fn check(&self, doc: &Document, text: Option<&str>) -> Vec<Finding> {
        let mut out = Vec::new();
        checks::check_document(doc, text, &self.context(), &mut out);
        out
    }
}

/// How to run and what to report, beyond the configuration.
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// Root-relative files and folders whose findings are reported (empty = all). An entry
    /// that names no path (see [`NO_FILE`]) reports repository-level findings only.
    pub scope: Vec<String>,
    /// `--select` (replaces the configuration's selection when given).
    pub select: Vec<String>,
    /// `--ignore` (adds to the configuration's).
    pub ignore: Vec<String>,
    /// `--max-findings-per-file` (`None` or 0: no cap).
    pub max_findings_per_file: Option<usize>,
    /// `--show-baselined`.
    pub show_baselined: bool,
    /// `--no-repository-findings`: report only findings on the reported files.
    pub no_repository_findings: bool,
}

/// A scope entry that matches no file (a path cannot contain NUL).
pub const NO_FILE: &str = "\0";

/// Check `ws` under `config` and `packs`, judged on `today`. `ws` must have been loaded with
/// the [`DocumentChecks`] of the same arguments. The documents are copied into the
/// repository index, so `ws` can be checked again (see [`lint_into`] for a single run).
pub fn lint(ws: &Workspace, config: &Config, packs: &Packs, today: Date, opts: &LintOptions) -> Outcome {
    let docs = ws.sources.iter().map(|s| s.doc.clone()).collect();
    let findings = ws
        .sources
        .iter()
        .flat_map(|s| s.findings.iter().cloned())
        .collect();
    let read: HashMap<&str, (&LineIndex, Fingerprint)> = ws
        .sources
        .iter()
        .filter_map(|s| Some((s.doc.path.as_str(), (s.lines.as_ref()?, s.fingerprint?))))
        .collect();
    let read = |path: &str| read.get(path).copied();
    let parts = Parts {
        docs,
        findings,
        tree: ws.tree.clone(),
        read: &read,
    };
    run(ws, parts, config, packs, today, opts)
}

/// [`lint`], moving what `ws` read into the run instead of copying it: the parsed documents go
/// into the repository index, their findings into the run's, and of each document only its
/// line index and fingerprint stay for the position stage. A run then holds one copy of each.
pub fn lint_into(
    mut ws: Workspace,
    config: &Config,
    packs: &Packs,
    today: Date,
    opts: &LintOptions,
) -> Outcome {
    let sources = std::mem::take(&mut ws.sources);
    let mut docs = Vec::with_capacity(sources.len());
    let mut findings = Vec::new();
    let mut read: Vec<(String, LineIndex, Fingerprint)> = Vec::with_capacity(sources.len());
    for s in sources {
        findings.extend(s.findings);
        if let (Some(lines), Some(fp)) = (s.lines, s.fingerprint) {
            read.push((s.doc.path.clone(), lines, fp));
        }
        docs.push(s.doc);
    }
    read.sort_by(|a, b| a.0.cmp(&b.0));
    let read = |path: &str| {
        let i = read.binary_search_by(|r| r.0.as_str().cmp(path)).ok()?;
        Some((&read[i].1, read[i].2))
    };
    let parts = Parts {
        docs,
        findings,
        tree: std::mem::take(&mut ws.tree),
        read: &read,
    };
    run(&ws, parts, config, packs, today, opts)
}

/// The line index and fingerprint of the bytes a document was parsed from, by path.
type Read<'r> = dyn Fn(&str) -> Option<(&'r LineIndex, Fingerprint)> + 'r;

/// What a run takes from its workspace, moved or copied: the parsed documents of
/// [`Workspace::sources`], their findings, the tree and what positions need of each document.
struct Parts<'r> {
    docs: Vec<Document>,
    findings: Vec<Finding>,
    tree: Tree,
    read: &'r Read<'r>,
}

/// The run on `ws`, whose documents, findings and tree are in `parts`.
fn run(
    ws: &Workspace,
    parts: Parts<'_>,
    config: &Config,
    packs: &Packs,
    today: Date,
    opts: &LintOptions,
) -> Outcome {
    let Parts {
        docs,
        mut findings,
        tree,
        read,
    } = parts;
    let selection = selection_of(config, opts);
    let stage = DocumentChecks::new(config, packs, today, opts);
    let cx = stage.context();
    for d in &ws.broken {
        checks::check_document(d, None, &cx, &mut findings);
    }
    let mut docs: Vec<Document> = docs.into_iter().chain(ws.broken.iter().cloned()).collect();
    docs.sort_by(|a, b| a.path.cmp(&b.path));
    let (limits, refused) = suppression_limits(ws, &docs, &tree, &cx, &mut findings);
    let repo = Repo::build(docs, config, tree);
    checks::check_repository(&repo, &cx, &mut findings);

    let (findings, suppressed) = suppressions(&repo, findings, &limits, &refused, &cx);
    let scope = Scope(&opts.scope);
    let findings = select(&selection, &scope, findings);
    let (mut findings, mut baselined) = baseline(ws, &selection, &scope, opts, findings);
    findings = cap(findings, opts.max_findings_per_file.unwrap_or(0));
    let shown = findings.len();
    findings.append(&mut baselined);
    clauses(packs, &mut findings);
    let sources = positions(ws, read, &mut findings);
    baselined = findings.split_off(shown);
    let (findings, baselined, repository_from) = ordering(&scope, opts, findings, baselined);
    let is_link = |d: &Document| {
        d.problems
            .iter()
            .any(|p| matches!(p, InputProblem::Symlink { .. }))
    };
    let documents = repo
        .docs
        .iter()
        .filter(|d| scope.contains(&d.path) && !is_link(d))
        .count();
    Outcome {
        today,
        repo,
        documents,
        findings,
        suppressed,
        sources,
        anchor: ws.anchor.clone(),
        baseline: ws.baseline.as_ref().map(|b| b.shown.clone()),
        baselined,
        show_baselined: opts.show_baselined,
        repository_from,
        added_suppressions: None,
    }
}

/// The reported scope: root-relative files and folders, empty for all.
struct Scope<'a>(&'a [String]);

impl Scope<'_> {
    fn contains(&self, path: &str) -> bool {
        self.0.is_empty()
            || self
                .0
                .iter()
                .any(|s| path == s || path.strip_prefix(s.as_str()).is_some_and(|r| r.starts_with('/')))
    }

    fn is_all(&self) -> bool {
        self.0.is_empty()
    }
}

/// With `--suppressions-from`: drop the document findings that only suppressions the trusted
/// revision does not have would silence ([`checks::new_suppression::filter`]), and work out
/// what each kept suppression may silence ([`limits_from_bases`]). Returns those limits and
/// the suppressions refused, by (path, index).
fn suppression_limits(
    ws: &Workspace,
    docs: &[Document],
    tree: &Tree,
    cx: &Context<'_>,
    findings: &mut Vec<Finding>,
) -> (checks::suppression::Limits, HashSet<(String, usize)>) {
    let mut refused: HashSet<(String, usize)> = HashSet::new();
    let Some(base_texts) = &ws.bases else {
        return (checks::suppression::Limits::new(), refused);
    };
    let mut bases: HashMap<String, (Document, &str)> = HashMap::new();
    for d in docs.iter().filter(|d| !d.body.suppressions.is_empty()) {
        let text = base_texts.get(&d.path).and_then(Option::as_deref);
        let base = text.map(|t| Document::parse_with(d.path.clone(), t, &cx.packs.vocab));
        let applied = checks::new_suppression::filter(d, base.as_ref(), findings);
        refused.extend(
            applied
                .iter()
                .enumerate()
                .filter(|(_, a)| !**a)
                .map(|(i, _)| (d.path.clone(), i)),
        );
        if let (Some(b), Some(t)) = (base, text) {
            if applied.contains(&true) {
                bases.insert(d.path.clone(), (b, t));
            }
        }
    }
    (limits_from_bases(docs, &bases, tree, cx), refused)
}

/// What each kept suppression of the files in `bases` (their versions at the trusted ref, with
/// text) may silence: the base is checked as a whole repository with those files at their
/// base version, and each suppression gets the stable keys of what its base counterparts
/// silenced there (see [`checks::new_suppression::limits`]).
fn limits_from_bases(
    docs: &[Document],
    bases: &HashMap<String, (Document, &str)>,
    tree: &Tree,
    cx: &Context<'_>,
) -> checks::suppression::Limits {
    let mut limits = checks::suppression::Limits::new();
    if bases.is_empty() {
        return limits;
    }
    let mut base_findings = Vec::new();
    for (b, t) in bases.values() {
        checks::check_document(b, Some(t), cx, &mut base_findings);
    }
    let base_docs: Vec<Document> = docs
        .iter()
        .map(|d| bases.get(&d.path).map_or_else(|| d.clone(), |(b, _)| b.clone()))
        .collect();
    let base_repo = Repo::build(base_docs, cx.config, tree.clone());
    checks::check_repository(&base_repo, cx, &mut base_findings);
    let mut by_path: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for f in &base_findings {
        if let Some(p) = f.path.as_deref().filter(|p| bases.contains_key(*p)) {
            by_path.entry(p).or_default().push(f);
        }
    }
    for d in docs {
        let Some((b, _)) = bases.get(&d.path) else {
            continue;
        };
        let found = by_path.get(d.path.as_str()).map_or(&[][..], Vec::as_slice);
        for (i, keys) in checks::new_suppression::limits(d, b, found)
            .into_iter()
            .enumerate()
        {
            limits.insert((d.path.clone(), i), keys);
        }
    }
    limits
}

/// Stage 1: the suppression comments silence what they name. Returns the findings left and
/// how many were silenced. A suppression naming a code whose kind did not run (not selected)
/// cannot be judged unused.
fn suppressions(
    repo: &Repo,
    findings: Vec<Finding>,
    limits: &checks::suppression::Limits,
    refused: &HashSet<(String, usize)>,
    cx: &Context<'_>,
) -> (Vec<Finding>, usize) {
    checks::suppression::apply(&repo.docs, findings, limits, refused, |code| cx.runs(code))
}

/// The rule selection of the run: the configuration's, with `--select` replacing its
/// selection and `--ignore` adding to it.
fn selection_of(config: &Config, opts: &LintOptions) -> RuleSelection {
    let mut selection = config.rules.clone();
    if !opts.select.is_empty() {
        selection.select.clone_from(&opts.select);
    }
    selection.ignore.extend(opts.ignore.iter().cloned());
    selection
}

/// `f` at the severity the selection sets for its code.
fn configured_severity(selection: &RuleSelection, mut f: Finding) -> Finding {
    if let Some(s) = selection.severity.get(f.code()) {
        f.severity = *s;
    }
    f
}

/// Stage 2: keep the selected codes on reported files, at their configured severity; sorted.
fn select(selection: &RuleSelection, scope: &Scope<'_>, findings: Vec<Finding>) -> Vec<Finding> {
    let mut findings: Vec<Finding> = findings
        .into_iter()
        .filter(|f| selection.enabled(f.code(), f.name()))
        .filter(|f| f.path.as_deref().is_none_or(|p| scope.contains(p)))
        .map(|f| configured_severity(selection, f))
        .collect();
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}

/// Stage 3: set apart the findings the baseline records, and add a finding for each entry it
/// records that no longer occurs. Returns (new findings, baselined findings).
fn baseline(
    ws: &Workspace,
    selection: &RuleSelection,
    scope: &Scope<'_>,
    opts: &LintOptions,
    findings: Vec<Finding>,
) -> (Vec<Finding>, Vec<Finding>) {
    let Some(b) = &ws.baseline else {
        return (findings, Vec::new());
    };
    let considered = |code: &str, path: Option<&str>| {
        let selected = checks::find_rule(code).is_none_or(|r| selection.enabled(r.code, r.name));
        selected && path.map_or(!opts.no_repository_findings, |p| scope.contains(p))
    };
    let matched = crate::baseline::apply(&b.baseline, findings, considered);
    let mut findings = matched.new;
    let mut stale = Vec::new();
    checks::stale_baseline::check(&b.baseline, &matched.stale, b.relative.as_deref(), &mut stale);
    findings.extend(
        stale
            .into_iter()
            .filter(|f| selection.enabled(f.code(), f.name()))
            .map(|f| configured_severity(selection, f)),
    );
    (findings, matched.baselined)
}

/// Stage 4: at most `max` findings per file (0: no cap). Capped before anything is located,
/// so the work after this is proportional to what is shown.
fn cap(findings: Vec<Finding>, max: usize) -> Vec<Finding> {
    checks::finding_cap::cap(findings, max)
}

/// Stage 5: each finding's clause, from the packs' code-to-clause map unless its check named
/// one.
fn clauses(packs: &Packs, findings: &mut [Finding]) {
    packs.assign_clauses(findings);
}

/// Stage 6: line and column of every span, from the facts of the bytes the file was parsed
/// from (a document's line index, recorded when it was read) or from a side file's text (the
/// configuration, CODEOWNERS, the baseline). A span is clamped to its text and to character
/// boundaries; a finding on a file without text keeps no span. Returns, for each file with a
/// positioned finding, where its snippets come from.
fn positions(ws: &Workspace, read: &Read<'_>, findings: &mut [Finding]) -> HashMap<String, SourceText> {
    let mut sources: HashMap<String, SourceText> = HashMap::new();
    let mut side_indexes: HashMap<&str, LineIndex> = HashMap::new();
    for f in findings.iter_mut() {
        let (Some(path), Some(span)) = (f.path.as_deref(), f.span.clone()) else {
            continue;
        };
        let (ix, text) = if let Some((p, t)) = ws.side.get_key_value(path) {
            let ix: &LineIndex = side_indexes
                .entry(p.as_str())
                .or_insert_with(|| LineIndex::new(t));
            (ix, SourceText::Kept(std::sync::Arc::clone(t)))
        } else if let Some((ix, fp)) = read(path) {
            (ix, SourceText::Recorded(fp))
        } else {
            f.span = None;
            continue;
        };
        let (span, pos) = ix.place(&span);
        f.span = Some(span);
        f.position = Some(pos);
        for r in &mut f.related {
            let (span, pos) = ix.place(&r.span);
            r.span = span;
            r.position = Some(pos);
        }
        sources.entry(path.to_owned()).or_insert(text);
    }
    sources
}

/// Stage 7: sorted; with `--no-repository-findings` only findings on reported files; when
/// paths narrow the report, the findings on those files first. Returns the findings, the
/// baselined ones, and where the repository-level findings begin (see
/// [`Outcome::repository_from`]).
fn ordering(
    scope: &Scope<'_>,
    opts: &LintOptions,
    mut findings: Vec<Finding>,
    mut baselined: Vec<Finding>,
) -> (Vec<Finding>, Vec<Finding>, Option<usize>) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let on_file = |f: &Finding| f.path.as_deref().is_some_and(|p| scope.contains(p));
    if opts.no_repository_findings {
        findings.retain(on_file);
        baselined.retain(on_file);
    }
    if scope.is_all() {
        return (findings, baselined, None);
    }
    let (mut first, rest): (Vec<Finding>, Vec<Finding>) = findings.into_iter().partition(on_file);
    let n = first.len();
    first.extend(rest);
    (first, baselined, Some(n))
}
