//! The generic check kinds. Each kind lives in one file, declares its rules (codes) with
//! [`check_kind!`], and documents itself in its doc comment, which `smslint explain` prints.
//!
//! Checks are pure: they read documents, the repository index, the configuration, the packs and
//! the injected date, and return findings. No printing, no file reads, no clock.

use jiff::civil::Date;
use rayon::prelude::*;

use crate::config::Config;
use crate::document::Document;
use crate::finding::Finding;
pub use crate::finding::Rule;
use crate::index::Repo;
use crate::pack::Packs;

/// Declare a check kind: its doc comment (the `explain` text), how it runs ([`Scope`]), and
/// its rules. Registering the kind is one line in [`KINDS`]; the run dispatches from there.
macro_rules! check_kind {
    (
        $(#[doc = $doc:literal])*
        $kind:ident = $id:literal {
            run: $run:expr $(, settle: $settle:expr)?;
            $( $rule:ident: $code:literal $name:literal $sev:ident => $summary:literal ),* $(,)?
        }
    ) => {
        $(
            #[doc = $summary]
            #[allow(clippy::doc_markdown)] // the summary is the rules table's text, not Markdown
            pub static $rule: $crate::finding::Rule = $crate::finding::Rule {
                code: $code,
                name: $name,
                severity: $crate::finding::Severity::$sev,
                summary: $summary,
                kind: $id,
            };
        )*
        $(#[doc = $doc])*
        pub static $kind: $crate::checks::CheckKind = $crate::checks::CheckKind {
            id: $id,
            docs: concat!($($doc, "\n"),*),
            rules: &[$(&$rule),*],
            run: $run,
            settle: check_kind!(@settle $($settle)?),
        };
    };
    (@settle) => { None };
    (@settle $settle:expr) => { Some($settle) };
}

/// A check kind: one file, one doc comment, one or more rules.
#[derive(Debug)]
pub struct CheckKind {
    /// Kebab-case id.
    pub id: &'static str,
    /// The doc comment, one line per `///` line.
    pub docs: &'static str,
    /// The codes it emits.
    pub rules: &'static [&'static Rule],
    /// When and on what it runs.
    pub run: Scope,
    /// For a document check: given its own findings once the repository index exists, the
    /// ones the repository does not show met after all (content a document meets by linking
    /// to another one). It sees no other kind's findings.
    pub settle: Option<Settle>,
}

/// A kind's own findings in, the ones still standing out.
pub type Settle = fn(&Repo, &Context<'_>, Vec<Finding>) -> Vec<Finding>;

/// What a check kind runs on. The run calls every kind of [`KINDS`] through this, so a kind
/// registered there runs, and one that is not cannot.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    /// Every document, the ones that could not be read included (input problems).
    Input(fn(&Document, &Context<'_>, &mut Vec<Finding>)),
    /// Every readable document, with its text.
    Document(fn(&Document, &str, &Context<'_>, &mut Vec<Finding>)),
    /// The whole repository, once, after every document is parsed and indexed.
    Repository(fn(&Repo, &Context<'_>, &mut Vec<Finding>)),
    /// Findings of a stage of the run after the checks (suppressions, the baseline, the
    /// finding cap): the stage itself emits them, with what it alone knows.
    Stage,
}

impl CheckKind {
    /// The doc comment with the one leading space of each `///` line removed.
    pub fn text(&self) -> String {
        self.docs
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The registry: each line is a check kind's module (one file under `src/checks/`), sorted by
/// the kind's id. It declares the module and lists its kind in [`KINDS`]; the run dispatches
/// through [`KINDS`], so adding a kind is its file plus its line here.
macro_rules! registry {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every check kind, sorted by id: the dispatch of the run.
        pub static KINDS: &[&CheckKind] = &[$(&$module::KIND),*];
    };
}

registry! {
    clause_coverage,
    clause_reference,
    codeowners,
    config_glob,
    document_control,
    duplicate_id,
    finding_cap,
    input,
    links,
    metadata_conflict,
    new_suppression,
    placeholder,
    raci,
    references,
    required_content,
    required_document,
    review,
    review_cycle,
    roles,
    stale_baseline,
    suppression,
    symlink,
}

/// Every rule, sorted by code.
pub fn rules() -> Vec<&'static Rule> {
    let mut all: Vec<&'static Rule> = KINDS.iter().flat_map(|k| k.rules.iter().copied()).collect();
    all.sort_by_key(|r| r.code);
    all
}

/// Find a rule by code (`SMS301`, any case) or name (`review-overdue`).
pub fn find_rule(key: &str) -> Option<&'static Rule> {
    crate::finding::find_rule(&rules(), key)
}

/// The check kind that emits `rule`.
pub fn kind_of(rule: &Rule) -> Option<&'static CheckKind> {
    KINDS.iter().copied().find(|k| k.id == rule.kind)
}

/// What every check may read.
pub struct Context<'a> {
    /// Resolved configuration.
    pub config: &'a Config,
    /// Loaded rule packs.
    pub packs: &'a Packs,
    /// The date the run is judged on.
    pub today: Date,
    /// The kinds that run: every kind of [`KINDS`], or those with a selected rule.
    pub kinds: &'a [&'static CheckKind],
    /// The content matcher's vocabulary, made once for a run of many documents (`None`: each
    /// check makes its own of `packs`).
    pub matcher: Option<&'a crate::matcher::Seed>,
}

impl<'a> Context<'a> {
    /// A context running every kind of [`KINDS`].
    pub fn new(config: &'a Config, packs: &'a Packs, today: Date) -> Self {
        Self {
            config,
            packs,
            today,
            kinds: KINDS,
            matcher: None,
        }
    }

    /// Whether every rule that `selector` (a code, a name or a code prefix, as a suppression
    /// names them) matches is emitted by a kind that runs; a selector of no rule: yes.
    pub fn runs(&self, selector: &str) -> bool {
        KINDS
            .iter()
            .filter(|k| {
                k.rules
                    .iter()
                    .any(|r| crate::config::matches_rule(selector, r.code, r.name))
            })
            .all(|k| self.kinds.iter().any(|r| r.id == k.id))
    }
}

/// The kinds worth running for `selection`: those with a rule it enables, and the stages.
pub fn selected_kinds(selection: &crate::config::RuleSelection) -> Vec<&'static CheckKind> {
    KINDS
        .iter()
        .copied()
        .filter(|k| {
            matches!(k.run, Scope::Stage) || k.rules.iter().any(|r| selection.enabled(r.code, r.name))
        })
        .collect()
}

/// Run every document-scope kind of the context on `doc` (`src` is `None` when it could not be read).
pub fn check_document(doc: &Document, src: Option<&str>, cx: &Context<'_>, out: &mut Vec<Finding>) {
    for kind in cx.kinds {
        match (kind.run, src) {
            (Scope::Input(run), _) => run(doc, cx, out),
            (Scope::Document(run), Some(src)) => run(doc, src, cx, out),
            _ => {}
        }
    }
}

/// Run every repository-scope kind, once the index exists. `out` holds the per-document
/// findings: a kind that can settle its own findings (see [`CheckKind::settle`]) withdraws
/// those the repository shows met first.
pub fn check_repository(repo: &Repo, cx: &Context<'_>, out: &mut Vec<Finding>) {
    for kind in cx.kinds {
        if let Some(settle) = kind.settle {
            let (own, rest): (Vec<Finding>, Vec<Finding>) = std::mem::take(out)
                .into_iter()
                .partition(|f| kind.rules.iter().any(|r| r.code == f.code()));
            *out = rest;
            out.extend(settle(repo, cx, own));
        }
    }
    // The repository kinds read the index and add findings; none reads another's, so they run
    // in parallel, each into its own list, appended in the kinds' order (the same result as
    // one after the other).
    let runs: Vec<_> = cx
        .kinds
        .iter()
        .filter_map(|kind| match kind.run {
            Scope::Repository(run) => Some(run),
            _ => None,
        })
        .collect();
    let found: Vec<Vec<Finding>> = runs
        .par_iter()
        .map(|run| {
            let mut own = Vec::new();
            run(repo, cx, &mut own);
            own
        })
        .collect();
    out.extend(found.into_iter().flatten());
}

/// A document's metadata field by canonical name, through the configured key.
pub fn field<'d>(
    doc: &'d Document,
    cx: &Context<'_>,
    canonical: &str,
) -> Option<&'d crate::document::MetaField> {
    let m = doc.meta.as_ref()?;
    m.get(cx.config.key(canonical))
        .or_else(|| m.by_canonical(canonical))
}

/// A field of one metadata source by canonical name, through the configured key.
pub fn source_field<'m>(
    m: &'m crate::document::Meta,
    cx: &Context<'_>,
    canonical: &str,
) -> Option<&'m crate::document::MetaField> {
    m.get(cx.config.key(canonical))
        .or_else(|| m.by_canonical(canonical))
}
