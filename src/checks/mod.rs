//! The generic check kinds. Each kind lives in one file, declares its rules (codes) with
//! [`check_kind!`], and documents itself in its doc comment, which `smslint explain` prints.
//!
//! Checks are pure: they read documents, the repository index, the configuration, the packs and
//! the injected date, and return findings. No printing, no file reads, no clock.

use jiff::civil::Date;

use crate::config::Config;
use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::index::Repo;
use crate::pack::Packs;

/// Declare a check kind: its doc comment (the `explain` text) and its rules.
macro_rules! check_kind {
    (
        $(#[doc = $doc:literal])*
        $kind:ident = $id:literal {
            $( $rule:ident: $code:literal $name:literal $sev:ident => $summary:literal ),* $(,)?
        }
    ) => {
        $(
            #[doc = $summary]
            pub static $rule: $crate::checks::Rule = $crate::checks::Rule {
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
        };
    };
}

pub mod clause_coverage;
pub mod clause_reference;
pub mod codeowners;
pub mod config_glob;
pub mod document_control;
pub mod duplicate_id;
pub mod finding_cap;
pub mod input;
pub mod links;
pub mod metadata_conflict;
pub mod new_suppression;
pub mod placeholder;
pub mod raci;
pub mod references;
pub mod required_content;
pub mod required_document;
pub mod review;
pub mod roles;
pub mod stale_baseline;
pub mod suppression;
pub mod symlink;

/// One stable code.
#[derive(Debug)]
pub struct Rule {
    /// `SMS301`.
    pub code: &'static str,
    /// `review-overdue`.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One-line summary.
    pub summary: &'static str,
    /// Id of the check kind that emits it.
    pub kind: &'static str,
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

/// Every check kind, sorted by id.
pub static KINDS: &[&CheckKind] = &[
    &clause_coverage::KIND,
    &clause_reference::KIND,
    &codeowners::KIND,
    &config_glob::KIND,
    &document_control::KIND,
    &duplicate_id::KIND,
    &finding_cap::KIND,
    &input::KIND,
    &links::KIND,
    &metadata_conflict::KIND,
    &new_suppression::KIND,
    &placeholder::KIND,
    &raci::KIND,
    &references::KIND,
    &required_content::KIND,
    &required_document::KIND,
    &review::KIND,
    &roles::KIND,
    &stale_baseline::KIND,
    &suppression::KIND,
    &symlink::KIND,
];

/// Every rule, sorted by code.
pub fn rules() -> Vec<&'static Rule> {
    let mut all: Vec<&'static Rule> = KINDS.iter().flat_map(|k| k.rules.iter().copied()).collect();
    all.sort_by_key(|r| r.code);
    all
}

/// Find a rule by code (`SMS301`, any case) or name (`review-overdue`).
pub fn find_rule(key: &str) -> Option<&'static Rule> {
    rules()
        .into_iter()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name.eq_ignore_ascii_case(key))
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
}

/// Per-document checks, run while the source text is at hand.
pub fn check_document(doc: &Document, src: Option<&str>, cx: &Context<'_>, out: &mut Vec<Finding>) {
    input::check(doc, cx, out);
    symlink::check(doc, cx, out);
    let Some(src) = src else {
        return;
    };
    document_control::check(doc, cx, out);
    metadata_conflict::check(doc, cx, out);
    review::check(doc, cx, out);
    clause_reference::check(doc, cx, out);
    required_content::check(doc, src, cx, out);
    placeholder::check(doc, src, cx, out);
}

/// Repository-level checks, run once after every document is parsed.
///
/// `out` holds the per-document findings: content items a document meets by linking to another
/// document are only known now, so [`required_content::met_by_reference`] withdraws those first.
pub fn check_repository(repo: &Repo, cx: &Context<'_>, out: &mut Vec<Finding>) {
    required_content::met_by_reference(repo, cx, out);
    duplicate_id::check(repo, cx, out);
    config_glob::check(repo, cx, out);
    required_document::check(repo, cx, out);
    roles::check(repo, cx, out);
    raci::check(repo, cx, out);
    links::check(repo, cx, out);
    references::check(repo, cx, out);
    clause_coverage::check(repo, cx, out);
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
