//! Rule packs: the clause requirements of a standard, kept as TOML data under `rules/`.
//!
//! The built-in ISO/IEC 20000-1:2018 pack is embedded with `include_str!` and loaded through
//! the same code path as a user's own pack file or folder. Pack files are parsed strictly and
//! every error points into the TOML.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::error::ConfigError;
use crate::finding::{Rule, Severity};
use crate::vocab::{REVISION_COLUMNS, RawDocVocab, RawReviewVocab, RawRoleVocab, Vocabulary};

/// Name of the built-in pack.
pub const BUILTIN_PACK: &str = "iso20000-1:2018";

/// Where a pack comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackRef {
    /// A pack built into the binary, by name.
    Builtin(String),
    /// A pack file or folder on disk (resolved against the config file's folder).
    Path(PathBuf),
}

/// Built-in packs: name → files (file name, text), in load order.
pub static BUILTIN: &[(&str, &[(&str, &str)])] = &[(
    "iso20000-1:2018",
    &[
        ("pack.toml", include_str!("../../rules/iso20000-1-2018/pack.toml")),
        (
            "04-context.toml",
            include_str!("../../rules/iso20000-1-2018/04-context.toml"),
        ),
        (
            "05-leadership.toml",
            include_str!("../../rules/iso20000-1-2018/05-leadership.toml"),
        ),
        (
            "06-planning.toml",
            include_str!("../../rules/iso20000-1-2018/06-planning.toml"),
        ),
        (
            "07-support.toml",
            include_str!("../../rules/iso20000-1-2018/07-support.toml"),
        ),
        (
            "08-operation.toml",
            include_str!("../../rules/iso20000-1-2018/08-operation.toml"),
        ),
        (
            "09-evaluation.toml",
            include_str!("../../rules/iso20000-1-2018/09-evaluation.toml"),
        ),
        (
            "10-improvement.toml",
            include_str!("../../rules/iso20000-1-2018/10-improvement.toml"),
        ),
        (
            "adopt.toml",
            include_str!("../../rules/iso20000-1-2018/adopt.toml"),
        ),
        (
            "codes.toml",
            include_str!("../../rules/iso20000-1-2018/codes.toml"),
        ),
        (
            "content.toml",
            include_str!("../../rules/iso20000-1-2018/content.toml"),
        ),
        (
            "document-control.toml",
            include_str!("../../rules/iso20000-1-2018/document-control.toml"),
        ),
        (
            "edition-2011.toml",
            include_str!("../../rules/iso20000-1-2018/edition-2011.toml"),
        ),
        (
            "labels.toml",
            include_str!("../../rules/iso20000-1-2018/labels.toml"),
        ),
    ],
)];

/// The built-in pack, parsed once: where data defaults come from when the configured packs do
/// not give them (`packs = []`, or packs that only add requirements).
pub fn default_pack() -> Option<&'static Pack> {
    builtin_pack(BUILTIN_PACK)
}

/// A built-in pack by name, parsed once.
pub fn builtin_pack(name: &str) -> Option<&'static Pack> {
    static PARSED: std::sync::LazyLock<Vec<(&'static str, Option<Pack>)>> = std::sync::LazyLock::new(|| {
        BUILTIN
            .iter()
            .map(|(name, files)| {
                let files: Vec<(String, Arc<str>)> = files
                    .iter()
                    .map(|(f, t)| ((*f).to_owned(), Arc::from(*t)))
                    .collect();
                // Parsed for its data only: a run loads it through [`Packs::load`], which
                // checks its codes against the registry.
                (*name, parse_pack(&files, None).ok())
            })
            .collect()
    });
    PARSED
        .iter()
        .find(|(n, _)| *n == name)
        .and_then(|(_, p)| p.as_ref())
}

/// A default the configuration leaves open, from pack data: the first built-in pack of `refs`
/// that gives it, else the built-in default pack's. (A pack read from a path gives none yet:
/// its files are read after the configuration.)
pub fn data_default<T>(refs: &[PackRef], get: impl Fn(&'static Pack) -> Option<T>) -> Option<T> {
    refs.iter()
        .filter_map(|r| match r {
            PackRef::Builtin(name) => builtin_pack(name),
            PackRef::Path(_) => None,
        })
        .chain(default_pack())
        .find_map(get)
}

/// The files of a built-in pack.
pub fn builtin_source(name: &str) -> Option<&'static [(&'static str, &'static str)]> {
    BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, files)| *files)
}

/// The vocabulary of the built-in pack alone (for parsing without a configuration).
pub fn builtin_vocabulary() -> &'static Vocabulary {
    static BUILTIN: std::sync::LazyLock<Vocabulary> = std::sync::LazyLock::new(|| {
        let mut v = Vocabulary::new();
        for (d, r) in vocab_sources(&[]) {
            v.extend(d, r);
        }
        v
    });
    &BUILTIN
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPackFile {
    pack: Option<RawPackMeta>,
    #[serde(default)]
    clause: Vec<Clause>,
    #[serde(default)]
    requirement: Vec<Spanned<RawRequirement>>,
    #[serde(default)]
    coverage: Vec<Spanned<RawCoverage>>,
    #[serde(default)]
    edition: Vec<RawEdition>,
    #[serde(default)]
    label: Vec<Spanned<RawLabel>>,
    content: Option<RawContent>,
    document_control: Option<RawDocVocab>,
    review: Option<RawReviewVocab>,
    roles: Option<RawRoleVocab>,
    adopt: Option<AdoptVocab>,
    /// Code → the clause of this standard its findings are evidence against.
    #[serde(default)]
    codes: std::collections::BTreeMap<Spanned<String>, Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawCoverage {
    id: String,
    title: String,
    clauses: Vec<Spanned<String>>,
    types: Vec<String>,
    #[serde(default = "error")]
    severity: Severity,
    why: String,
    fix: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawEdition {
    id: String,
    standard: String,
    pattern: Spanned<String>,
    #[serde(default)]
    clause: Vec<RawLegacyClause>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLegacyClause {
    id: String,
    title: String,
    #[serde(default)]
    now: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLabel {
    number: String,
    title: String,
    failure: String,
    clauses: Vec<Spanned<String>>,
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawContent {
    #[serde(default)]
    placeholders: Vec<Spanned<String>>,
    #[serde(default)]
    unfinished: Vec<Spanned<String>>,
    #[serde(default)]
    deferrals: Vec<Spanned<String>>,
    measurable: Option<Spanned<String>>,
    #[serde(default)]
    value_kinds: Vec<RawValueKind>,
    #[serde(default)]
    stop_words: Vec<String>,
    #[serde(default)]
    header_qualifiers: Vec<String>,
    #[serde(default)]
    prepositions: Vec<String>,
    #[serde(default)]
    question_topics: std::collections::BTreeMap<String, Vec<String>>,
    #[serde(default)]
    relative_pronouns: Vec<String>,
    #[serde(default)]
    sentence_words: Vec<String>,
    #[serde(default)]
    general_headings: Vec<String>,
    #[serde(default)]
    determiners: Vec<String>,
    #[serde(default)]
    condition_words: Vec<String>,
    #[serde(default)]
    aim_words: Vec<String>,
    #[serde(default)]
    people_headings: Vec<String>,
    #[serde(default)]
    criteria_words: Vec<String>,
    #[serde(default)]
    equivalents: Vec<Vec<String>>,
}

/// `[[content.value-kinds]]`: a kind of cell value a column may be known by.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawValueKind {
    name: String,
    pattern: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPackMeta {
    name: String,
    title: String,
    #[serde(default)]
    description: String,
    display_name: Option<String>,
    tag: Option<String>,
}

/// `[adopt]`: which words in a front-matter key point at which canonical field, for
/// `smslint adopt`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AdoptVocab {
    /// Canonical field → words of a key that point at it.
    #[serde(default)]
    pub words: std::collections::BTreeMap<String, Vec<String>>,
    /// Words that tell dates apart.
    #[serde(default)]
    pub dates: DateWords,
}

/// Words of a key whose values are all dates.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DateWords {
    /// A word of these makes it a review date.
    #[serde(default)]
    pub review: Vec<String>,
    /// With a review word, a word of these makes it the next review (else the last one).
    #[serde(default)]
    pub next: Vec<String>,
    /// A word of these makes it the effective date.
    #[serde(default)]
    pub effective: Vec<String>,
}

/// A clause of the standard's tree.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Clause {
    /// Number, e.g. `8.3.3`.
    pub id: String,
    /// Short title.
    pub title: String,
}

/// The most documents one requirement may ask for (`min`): `init` proposes that many files,
/// so a pack from a pull request must not make it loop four billion times.
const MAX_MIN: u32 = 1000;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRequirement {
    id: String,
    clause: String,
    title: String,
    types: Vec<String>,
    #[serde(default = "one")]
    min: u32,
    statuses: Option<Vec<String>>,
    #[serde(default = "error")]
    severity: Severity,
    why: String,
    fix: String,
    #[serde(default)]
    sections: Vec<Synonyms>,
    #[serde(default)]
    columns: Vec<Synonyms>,
    #[serde(default)]
    targets: Vec<Synonyms>,
    #[serde(default)]
    terms: Vec<Term>,
}

fn one() -> u32 {
    1
}
fn error() -> Severity {
    Severity::Error
}

/// A required section heading or table column, with the other names that count as it.
// Its flags are independent switches of the pack's TOML, one each, not states of one machine.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Synonyms {
    /// The name smslint suggests.
    pub name: String,
    /// Other accepted names.
    #[serde(default)]
    pub synonyms: Vec<String>,
    /// Groups of alternative words or short phrases; a candidate counts as the item when every
    /// group has one alternative in it (after normalisation). Empty: name and synonyms only.
    /// Head words: a heading about one of these counts whatever words qualify it
    /// (`Contact centre recovery` is about recovery).
    #[serde(default)]
    pub head_words: Vec<String>,
    /// Phrases that make a candidate about something else though it names the item
    /// (`previous review` in `Actions from the previous review`).
    #[serde(default)]
    pub unless: Vec<String>,
    /// Groups of words: a candidate names the item when every group has one of its words.
    #[serde(default)]
    pub key_terms: Vec<Vec<String>>,
    /// Whether the standard requires the item (an error when missing) or good practice
    /// recommends it (a warning).
    #[serde(default)]
    pub strength: Strength,
    /// Why the item is asked for, citing the clause, in the pack's own words.
    #[serde(default)]
    pub reason: String,
    /// For a column: a register kept as records (a heading per entry with bold lead-ins for
    /// its fields) names this column by each record's heading (`## Payroll` is the service).
    #[serde(default)]
    pub record_heading: bool,
    /// For a section: the item is a set of criteria. A heading that names its topic but says
    /// no criteria (`Major changes`, `Declaring`) gives it only when the section's text says
    /// which things meet them, with one of the pack's `[content] criteria-words` (`A change is
    /// major if …`); a section on who decides or how it is run does not.
    #[serde(default)]
    pub criteria: bool,
    /// For a column: in a register kept as records, the record's own text (what follows a
    /// record's heading, or a list item after its identifier) is this column
    /// (`## Print and scan` / `Follow-me printing…` describes the service).
    #[serde(default)]
    pub record_body: bool,
    /// For a column: in a register kept as a list whose every item opens with an identifier
    /// (`- SMS-001 Scope statement`), the identifier is this column.
    #[serde(default)]
    pub record_id: bool,
    /// For a target: a table sets its targets when one row at least holds a measurable value,
    /// and rows stated in words are not findings (an improvement not yet approved may give its
    /// benefit in words); a table with none is one finding.
    #[serde(default)]
    pub any_row: bool,
    /// For a column: the kind of value its cells hold (`[[content.value-kinds]]`, or
    /// `measurable`). A header that names no column of the requirement, whose cells are nearly
    /// all of this kind, is this column (`To be achieved by` over dates is a due date).
    #[serde(default)]
    pub values: Option<String>,
}

/// How strongly a content item is asked for.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    /// The standard asks for it: a missing item is an error.
    #[default]
    Required,
    /// Good practice auditors mention: a missing item is a warning.
    Recommended,
}

impl Strength {
    /// The severity of a finding about a missing item of this strength.
    pub fn severity(self) -> Severity {
        match self {
            Strength::Required => Severity::Error,
            Strength::Recommended => Severity::Warning,
        }
    }

    /// `required` or `recommended`.
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Required => "required",
            Strength::Recommended => "recommended",
        }
    }
}

/// A term a document must mention, optionally inside one of its required sections.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Term {
    /// The term smslint names, e.g. `emergency change`.
    pub name: String,
    /// Other words that count (matched case-insensitively, as whole words).
    #[serde(default)]
    pub synonyms: Vec<String>,
    /// The section (a required section's `name`) to look in; the whole document when absent.
    pub section: Option<String>,
    /// Groups of alternative words; see [`Synonyms::key_terms`].
    #[serde(default)]
    pub key_terms: Vec<Vec<String>>,
    /// Head words: a heading about one of these counts whatever words qualify it
    /// (`Contact centre recovery` is about recovery).
    #[serde(default)]
    pub head_words: Vec<String>,
    /// Phrases that make a candidate about something else though it names the item
    /// (`previous review` in `Actions from the previous review`).
    #[serde(default)]
    pub unless: Vec<String>,
    /// Required (error) or recommended (warning).
    #[serde(default)]
    pub strength: Strength,
    /// Why the term is asked for, citing the clause.
    #[serde(default)]
    pub reason: String,
}

impl Term {
    /// Whether `text` mentions the term or a synonym, as whole words, ignoring case.
    pub fn found_in(&self, text: &str) -> bool {
        let hay = format!(" {} ", crate::text::key(text));
        std::iter::once(&self.name)
            .chain(&self.synonyms)
            .map(|t| crate::text::key(t))
            .filter(|t| !t.is_empty())
            .any(|t| hay.contains(&format!(" {t} ")))
    }
}

/// One required piece of documented information.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// Stable id, e.g. `service-management-policy`.
    pub id: String,
    /// Clause, e.g. `5.2`.
    pub clause: String,
    /// Short title.
    pub title: String,
    /// Document types accepted as evidence.
    pub types: Vec<String>,
    /// How many documents are needed.
    pub min: u32,
    /// Statuses that count (empty = the configured approved status).
    pub statuses: Vec<String>,
    /// Severity of a gap.
    pub severity: Severity,
    /// Why auditors care.
    pub why: String,
    /// How to fix a gap.
    pub fix: String,
    /// Sections the document must have.
    pub sections: Vec<Synonyms>,
    /// Columns a register's table must have.
    pub columns: Vec<Synonyms>,
    /// Table columns whose every cell must hold a measurable value (number, percentage,
    /// duration or date).
    pub targets: Vec<Synonyms>,
    /// Terms the document (or one of its sections) must mention.
    pub terms: Vec<Term>,
    /// The pack it belongs to.
    pub pack: String,
}

/// Whether a document title names `name`: every word of `name` is a word of `title`, after
/// [`crate::text::key`], which folds plurals (`Risks Register` names `Risk register`;
/// `Change Management Policy v2` names `Change management policy`). A name of one word names
/// nothing: `General` or `Design` would match far too much.
pub fn title_names(title: &str, name: &str) -> bool {
    let title = crate::text::key(title);
    let name = crate::text::key(name);
    let have: std::collections::HashSet<&str> = title.split(' ').collect();
    let want: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    want.len() >= 2 && want.iter().all(|w| have.contains(w))
}

impl Requirement {
    /// Whether a document that states neither `clauses:` nor `satisfies:` is evidence for this
    /// requirement by its type and title: the type is one the requirement accepts and the title
    /// names the requirement (its title, or one of the alternatives it joins with `or`).
    pub fn named_by(&self, doc_type: Option<&str>, title: Option<&str>) -> bool {
        let (Some(t), Some(title)) = (doc_type, title) else {
            return false;
        };
        self.types.iter().any(|x| x.eq_ignore_ascii_case(t.trim()))
            && self.title.split(" or ").any(|name| title_names(title, name))
    }

    /// Whether a document with this type, `clauses:` and `satisfies:` is evidence for it.
    pub fn matched_by(&self, doc_type: Option<&str>, clauses: &[&str], satisfies: &[&str]) -> bool {
        if satisfies.iter().any(|s| s.trim() == self.id) {
            return true;
        }
        let Some(t) = doc_type else { return false };
        self.types.iter().any(|x| x.eq_ignore_ascii_case(t.trim()))
            && clauses
                .iter()
                .any(|c| is_same_or_sub_clause(c.trim(), &self.clause))
    }
}

/// A set of clauses that each need a document of one of `types` naming it (or a sub-clause).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// Stable id, e.g. `operation-processes`.
    pub id: String,
    /// What the clauses are, e.g. `Clause 8 processes`.
    pub title: String,
    /// The clauses to cover.
    pub clauses: Vec<String>,
    /// Document types that count.
    pub types: Vec<String>,
    /// Severity of a gap.
    pub severity: Severity,
    /// Why auditors care.
    pub why: String,
    /// How to fix a gap.
    pub fix: String,
}

/// An earlier edition of the standard, with its numbering and where each clause went.
#[derive(Debug, Clone)]
pub struct Edition {
    /// Short id used as a clause prefix, e.g. `2011` in `2011:6.1`.
    pub id: String,
    /// Full name, e.g. `ISO/IEC 20000-1:2011`.
    pub standard: String,
    /// Matches a `standard:` value that cites this edition.
    pub pattern: Regex,
    /// Its clauses.
    pub clauses: Vec<LegacyClause>,
}

impl Edition {
    /// A clause of this edition by number.
    pub fn clause(&self, id: &str) -> Option<&LegacyClause> {
        self.clauses.iter().find(|c| c.id == id)
    }
}

/// A clause of an earlier edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyClause {
    /// Number in that edition.
    pub id: String,
    /// Short title in that edition.
    pub title: String,
    /// The clauses of the pack's own tree that took it over.
    pub now: Vec<String>,
}

/// A number-and-title label that audit checklists use for a failure, and the real clauses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The number the checklist prints, e.g. `6.1`.
    pub number: String,
    /// The title the checklist prints.
    pub title: String,
    /// The failure the checklist describes.
    pub failure: String,
    /// The clauses of the pack's tree that actually require it.
    pub clauses: Vec<String>,
    /// Why the number misleads and where to look instead.
    pub note: String,
}

impl Label {
    /// `6.1 Planning and Implementation`.
    pub fn name(&self) -> String {
        format!("{} {}", self.number, self.title)
    }
}

impl Synonyms {
    /// Whether `text` names this section or column, after [`crate::text::key`].
    pub fn matches(&self, text: &str) -> bool {
        let t = crate::text::key(text);
        !t.is_empty()
            && std::iter::once(&self.name)
                .chain(&self.synonyms)
                .any(|n| crate::text::key(n) == t)
    }
}

/// The clause of `tree` nearest to `text`: the closest by edit distance, else its longest
/// existing parent (`8.9.9` → `8`).
#[allow(clippy::needless_pass_by_value)] // an iterator by value, cloned for each pass
pub fn nearest_clause<'t>(text: &str, tree: impl IntoIterator<Item = &'t Clause> + Clone) -> Option<&'t str> {
    if let Some(c) = crate::suggest::closest(text, tree.clone().into_iter().map(|c| c.id.as_str())) {
        return Some(c);
    }
    let mut t = text;
    while let Some(head) = crate::clause::parent(t) {
        if let Some(c) = tree.clone().into_iter().find(|c| c.id == head) {
            return Some(c.id.as_str());
        }
        t = head;
    }
    None
}

/// `8.2.4` is the same as or a sub-clause of `8.2` and `8`; `8.20` is not a sub-clause of `8.2`.
pub fn is_same_or_sub_clause(clause: &str, of: &str) -> bool {
    crate::clause::is_same_or_sub(clause, of)
}

/// A loaded pack.
#[derive(Debug, Clone)]
pub struct Pack {
    /// Name, e.g. `iso20000-1:2018`.
    pub name: String,
    /// Title, e.g. `ISO/IEC 20000-1:2018`.
    pub title: String,
    /// Description.
    pub description: String,
    /// How outputs cite the standard before a clause number (`ISO/IEC 20000-1` in
    /// `ISO/IEC 20000-1 clause 7.5.3`): `[pack] display-name`, else the title.
    pub display_name: String,
    /// The tag SARIF rules carry for this standard (`[pack] tag`, else the name).
    pub tag: String,
    /// Clause tree, in file order.
    pub clauses: Vec<Clause>,
    /// Requirements, in file order.
    pub requirements: Vec<Requirement>,
    /// Clause-coverage rules.
    pub coverage: Vec<Coverage>,
    /// Earlier editions.
    pub editions: Vec<Edition>,
    /// Checklist labels.
    pub labels: Vec<Label>,
    /// Patterns of placeholder text.
    pub placeholders: Vec<Regex>,
    /// Patterns of a paragraph's opening that says its content is yet to come (`[content]
    /// unfinished`: `To be confirmed…`, `To follow`), matched at the paragraph's start only.
    pub unfinished: Vec<Regex>,
    /// Patterns of a sentence that puts its content off (`[content] deferrals`: `… will be set
    /// once the contract is signed`), matched anywhere in the sentence.
    pub deferrals: Vec<Regex>,
    /// Pattern of a measurable value.
    pub measurable: Option<Regex>,
    /// Kinds of cell value a column may be known by (`[[content.value-kinds]]`), most
    /// specific first: name and the pattern a cell of the kind matches.
    pub value_kinds: Vec<(String, Regex)>,
    /// Words the content matcher ignores (`[content] stop-words`), lower case.
    pub stop_words: Vec<String>,
    /// Last words of a column header that qualify the word before them (`[content]
    /// header-qualifiers`: `Impact score` is the impact column), lower case.
    pub header_qualifiers: Vec<String>,
    /// Interrogatives that, before a pronoun, open a relative clause rather than ask
    /// (`[content] relative-pronouns`: `Who we serve` is about whom), lower case.
    pub relative_pronouns: Vec<String>,
    /// Words that make a heading read as a sentence or a question rather than a label
    /// (`[content] sentence-words`: `What doesn't count?`, `Before we say yes`), lower case.
    pub sentence_words: Vec<String>,
    /// Headings that name no topic of their own and may hold anything (`[content]
    /// general-headings`: `Purpose`, `Application`), lower case.
    pub general_headings: Vec<String>,
    /// Interrogatives that, opening a heading before a noun, ask about that noun (`[content]
    /// determiners`: `What technology supports the SMS?` is about technology), lower case.
    pub determiners: Vec<String>,
    /// Phrases that make a sentence a condition (`[content] condition-words`: `only when`,
    /// `until`), lower case.
    pub condition_words: Vec<String>,
    /// Phrases that make a sentence a statement of aim (`[content] aim-words`: `make sure`,
    /// `describes how`), lower case.
    pub aim_words: Vec<String>,
    /// Headings about who does what (`[content] people-headings`: `Roles`, `Who is
    /// involved`), lower case.
    pub people_headings: Vec<String>,
    /// Words and phrases that say which things meet a set of criteria (`[content]
    /// criteria-words`: `if`, `when`, `more than`), lower case.
    pub criteria_words: Vec<String>,
    /// Words of ordinary English that name the same thing, and abbreviations with what they
    /// stand for (`[content] equivalents`), each group's first entry the one the others fold to.
    pub equivalents: Vec<Vec<String>>,
    /// Words that end the head of a heading (`[content] prepositions`: `Actions` heads
    /// `Actions from the last review`), lower case.
    pub prepositions: Vec<String>,
    /// What a heading asked as a question is about (`[content] question-topics`: a heading
    /// `Who decides?` is about roles), interrogative → topic words, lower case.
    pub question_topics: Vec<(String, Vec<String>)>,
    /// Document-control vocabulary (`[document-control]`).
    pub doc_vocab: RawDocVocab,
    /// Review vocabulary (`[review]`).
    pub review_vocab: RawReviewVocab,
    /// Roles vocabulary (`[roles]`).
    pub role_vocab: RawRoleVocab,
    /// Key words for `smslint adopt` (`[adopt]`).
    pub adopt: AdoptVocab,
    /// Code → the clause of this pack's tree its findings are evidence against (`[codes]`).
    pub codes: Vec<(String, String)>,
}

/// Every pack of the run.
#[derive(Debug, Clone, Default)]
pub struct Packs {
    /// In configuration order.
    pub packs: Vec<Pack>,
    /// The document-control vocabulary of every pack, with the configuration's additions once
    /// `Packs::with_config` (in `crate::config`, which owns the configuration) has run.
    pub vocab: Vocabulary,
    /// The configuration's `[codes]`, tried before the packs' (an empty clause: none).
    pub config_codes: Vec<(String, String)>,
}

impl Packs {
    /// Every requirement of every pack.
    pub fn requirements(&self) -> impl Iterator<Item = &Requirement> {
        self.packs.iter().flat_map(|p| p.requirements.iter())
    }

    /// A requirement by id.
    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements().find(|r| r.id == id)
    }

    /// Every clause-coverage rule.
    pub fn coverage(&self) -> impl Iterator<Item = &Coverage> {
        self.packs.iter().flat_map(|p| p.coverage.iter())
    }

    /// Every earlier edition.
    pub fn editions(&self) -> impl Iterator<Item = &Edition> {
        self.packs.iter().flat_map(|p| p.editions.iter())
    }

    /// Every checklist label.
    pub fn labels(&self) -> impl Iterator<Item = &Label> {
        self.packs.iter().flat_map(|p| p.labels.iter())
    }

    /// A checklist label by `number title` (compared after [`crate::text::key`], so case
    /// and punctuation do not matter).
    pub fn label(&self, key: &str) -> Option<&Label> {
        let k = crate::text::key(key);
        self.labels().find(|l| crate::text::key(&l.name()) == k)
    }

    /// Every placeholder pattern.
    pub fn placeholders(&self) -> impl Iterator<Item = &Regex> {
        self.packs.iter().flat_map(|p| p.placeholders.iter())
    }

    /// The `[content] unfinished` patterns of every pack.
    pub fn unfinished(&self) -> impl Iterator<Item = &Regex> {
        self.packs.iter().flat_map(|p| p.unfinished.iter())
    }

    /// The `[content] deferrals` patterns of every pack.
    pub fn deferrals(&self) -> impl Iterator<Item = &Regex> {
        self.packs.iter().flat_map(|p| p.deferrals.iter())
    }

    /// The first pack's pattern of a measurable value.
    pub fn measurable(&self) -> Option<&Regex> {
        self.packs.iter().find_map(|p| p.measurable.as_ref())
    }

    /// The kinds of cell value columns may be known by, most specific first: every pack's
    /// `[[content.value-kinds]]` in order, then `measurable` (the first pack's pattern).
    pub fn value_kinds(&self) -> Vec<(&str, &Regex)> {
        let mut out: Vec<(&str, &Regex)> = Vec::new();
        for (n, re) in self.packs.iter().flat_map(|p| p.value_kinds.iter()) {
            if !out.iter().any(|(m, _)| *m == n) {
                out.push((n, re));
            }
        }
        if let Some(m) = self.measurable() {
            out.push(("measurable", m));
        }
        out
    }

    /// A word list of every pack (`[content] stop-words`, `prepositions`, …), in pack order.
    fn word_list<'s>(&'s self, list: impl Fn(&'s Pack) -> &'s Vec<String>) -> impl Iterator<Item = &'s str> {
        self.packs
            .iter()
            .flat_map(move |p| list(p).iter().map(String::as_str))
    }

    /// The stop words of every pack, lower case.
    pub fn stop_words(&self) -> impl Iterator<Item = &str> {
        self.word_list(|p| &p.stop_words)
    }

    /// The header qualifiers of every pack, lower case.
    pub fn header_qualifiers(&self) -> impl Iterator<Item = &str> {
        self.word_list(|p| &p.header_qualifiers)
    }

    /// The question topics of every pack: interrogative → topic words, lower case.
    pub fn question_topics(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.packs
            .iter()
            .flat_map(|p| p.question_topics.iter().map(|(q, t)| (q.as_str(), t.as_slice())))
    }

    /// The equivalent-word groups of every pack, lower case, canonical entry first.
    pub fn equivalents(&self) -> impl Iterator<Item = &[String]> {
        self.packs
            .iter()
            .flat_map(|p| p.equivalents.iter().map(Vec::as_slice))
    }

    /// The relative pronouns of every pack, lower case.
    pub fn relative_pronouns(&self) -> impl Iterator<Item = &str> {
        self.word_list(|p| &p.relative_pronouns)
    }

    /// The sentence words of every pack, lower case.
    pub fn sentence_words(&self) -> impl Iterator<Item = &str> {
        self.word_list(|p| &p.sentence_words)
    }

    /// The general headings of every pack, lower case.
    pub fn general_headings(&self) -> impl Iterator<Item = &str> {
        self.word_list(|p| &p.general_headings)
    }

    /// The interrogative determiners of every pack, lower case.
    pub fn determiners(&self) -> impl Iterator<Item = &str> {
        self.word_list(|p| &p.determiners)
    }

    /// The condition phrases of every pack, lower case.
    pub fn condition_words(&self) -> impl Iterator<Item = &str> {
        self.word_list(|p| &p.condition_words)
    }

    /// The aim phrases of every pack, lower case.
    pub fn aim_words(&self) -> impl Iterator<Item = &str> {
        self.word_list(|p| &p.aim_words)
    }

    /// The people headings of every pack, lower case.
    pub fn people_headings(&self) -> impl Iterator<Item = &str> {
        self.word_list(|p| &p.people_headings)
    }

    /// The criteria words of every pack, lower case.
    pub fn criteria_words(&self) -> impl Iterator<Item = &str> {
        self.word_list(|p| &p.criteria_words)
    }

    /// The prepositions of every pack, lower case.
    pub fn prepositions(&self) -> impl Iterator<Item = &str> {
        self.word_list(|p| &p.prepositions)
    }

    /// The clause a code's findings are evidence against: the configuration's `[codes]`, else
    /// the first pack's that maps the code; the built-in pack's map when no pack has `[codes]`.
    /// `None` when nothing maps it or it is mapped to `""`.
    pub fn clause_of_code(&self, code: &str) -> Option<&str> {
        let packs: Vec<&Pack> = if self.packs.iter().any(|p| !p.codes.is_empty()) {
            self.packs.iter().collect()
        } else {
            default_pack().into_iter().collect()
        };
        self.config_codes
            .iter()
            .chain(packs.into_iter().flat_map(|p| p.codes.iter()))
            .find(|(c, _)| c == code)
            .map(|(_, clause)| clause.as_str())
            .filter(|c| !c.is_empty())
    }

    /// Give every finding that names no clause its code's clause (see [`Packs::clause_of_code`]).
    /// Checks that know a more precise clause (a requirement's) set it themselves.
    pub fn assign_clauses(&self, findings: &mut [crate::finding::Finding]) {
        for f in findings.iter_mut().filter(|f| f.clause.is_none()) {
            f.clause = self.clause_of_code(f.code()).map(str::to_owned);
        }
    }

    /// The key words of `smslint adopt`: the first pack's that has any, else the default pack's.
    pub fn adopt_vocab(&self) -> &AdoptVocab {
        static EMPTY: std::sync::LazyLock<AdoptVocab> = std::sync::LazyLock::new(AdoptVocab::default);
        self.packs
            .iter()
            .map(|p| &p.adopt)
            .chain(default_pack().map(|p| &p.adopt))
            .find(|a| !a.words.is_empty())
            .unwrap_or(&EMPTY)
    }

    /// The pack a clause number belongs to: the first whose tree has it, else the first pack,
    /// else (with `packs = []`) the built-in pack.
    pub fn pack_of_clause(&self, clause: &str) -> Option<&Pack> {
        self.packs
            .iter()
            .find(|p| p.clauses.iter().any(|c| c.id == clause))
            .or_else(|| self.packs.first())
            .or_else(|| default_pack())
    }

    /// `ISO/IEC 20000-1 clause 7.5.3 Documented information`: the clause cited with its pack's
    /// display name and, when the tree has it, its title.
    pub fn cite(&self, clause: &str) -> String {
        let title = self
            .clause(clause)
            .map(|c| format!(" {}", c.title))
            .unwrap_or_default();
        match self.pack_of_clause(clause) {
            Some(p) => format!("{} clause {clause}{title}", p.display_name),
            None => format!("clause {clause}{title}"),
        }
    }

    /// Whether any pack has a clause tree.
    pub fn has_clause_tree(&self) -> bool {
        self.packs.iter().any(|p| !p.clauses.is_empty())
    }

    /// Every clause of every pack, in pack and file order.
    pub fn clauses(&self) -> impl Iterator<Item = &Clause> + Clone {
        self.packs.iter().flat_map(|p| p.clauses.iter())
    }

    /// A clause by number, from the first pack that has it.
    pub fn clause(&self, id: &str) -> Option<&Clause> {
        self.packs
            .iter()
            .flat_map(|p| p.clauses.iter())
            .find(|c| c.id == id)
    }

    /// Load every pack named by the configuration. `root` shortens paths in errors; the codes a
    /// pack maps to clauses must be among `rules` (the check registry's table, handed down by
    /// the caller so that packs need no checks).
    pub fn load(refs: &[PackRef], root: &Path, rules: &[&'static Rule]) -> Result<Self, ConfigError> {
        Self::load_with(refs, rules, |path| read_pack_files(path, root))
    }

    /// [`Packs::load`] with the files of a pack path read by `read` (the named file, or a
    /// folder's `.toml` files, each with the name errors show): `--config-from` reads them
    /// from a git revision instead of the working tree.
    pub fn load_with(
        refs: &[PackRef],
        rules: &[&'static Rule],
        read: impl Fn(&Path) -> Result<Vec<(String, Arc<str>)>, ConfigError>,
    ) -> Result<Self, ConfigError> {
        let mut packs = Vec::new();
        for r in refs {
            let files: Vec<(String, Arc<str>)> = match r {
                PackRef::Builtin(name) => builtin_source(name)
                    .ok_or_else(|| ConfigError::plain(format!("unknown built-in pack `{name}`")))?
                    .iter()
                    .map(|(f, t)| (format!("<built-in {name}>/{f}"), Arc::from(*t)))
                    .collect(),
                PackRef::Path(path) => read(path)?,
            };
            packs.push(parse_pack(&files, Some(rules))?);
        }
        let mut vocab = Vocabulary::new();
        for (d, r) in vocab_sources(&packs) {
            vocab.extend(d, r);
        }
        let packs = Self {
            packs,
            vocab,
            config_codes: Vec::new(),
        };
        let mut seen = std::collections::HashSet::new();
        for r in packs.requirements() {
            if !seen.insert(r.id.as_str()) {
                return Err(ConfigError::plain(format!(
                    "requirement id `{}` is defined twice (pack `{}`)",
                    r.id, r.pack
                )));
            }
        }
        Ok(packs)
    }
}

/// The vocabularies of `packs`; the built-in pack's when none has labels, so that metadata is
/// read even with `packs = []` or with packs that only add requirements.
pub fn vocab_sources(packs: &[Pack]) -> Vec<(&RawDocVocab, &RawReviewVocab)> {
    let own = packs.iter().map(|p| (&p.doc_vocab, &p.review_vocab));
    if packs.iter().any(|p| !p.doc_vocab.labels.is_empty()) {
        own.collect()
    } else {
        own.chain(default_pack().map(|p| (&p.doc_vocab, &p.review_vocab)))
            .collect()
    }
}

#[allow(clippy::disallowed_methods)] // loads a pack folder named in the config, before the run
fn read_pack_files(path: &Path, root: &Path) -> Result<Vec<(String, Arc<str>)>, ConfigError> {
    let shown = |p: &Path| {
        p.strip_prefix(root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    // Pack files go through the one reader for files that are not documents: regular files of
    // bounded size, never a FIFO or device; in a pack folder, no link out of that folder.
    let read_in = |p: &Path, base: Option<&Path>| {
        let bytes = crate::fsx::read_inside(p, base, crate::fsx::MAX_SIDE_FILE)
            .map_err(|why| ConfigError::plain(format!("pack file `{}` {why}; it was not read", shown(p))))?;
        String::from_utf8(bytes)
            .map(|t| (shown(p), Arc::from(t)))
            .map_err(|_| ConfigError::plain(format!("pack file `{}` is not valid UTF-8", shown(p))))
    };
    if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| ConfigError::plain(format!("cannot read pack folder `{}`: {e}", shown(path))))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        let real_dir = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if let Some(out) = files
            .iter()
            .find(|f| std::fs::canonicalize(f).is_ok_and(|r| !r.starts_with(&real_dir)))
        {
            return Err(ConfigError::plain(format!(
                "pack file `{}` is a symbolic link that leaves its folder; it was not read",
                shown(out)
            )));
        }
        if files.is_empty() {
            return Err(ConfigError::plain(format!(
                "pack folder `{}` holds no .toml file",
                shown(path)
            )));
        }
        files.iter().map(|p| read_in(p, Some(path))).collect()
    } else {
        Ok(vec![read_in(path, None)?])
    }
}

/// Parse the files of one pack (exactly one of them has the `[pack]` table). The codes of its
/// `[codes]` must be among `rules`; with `None` they are taken as written (the built-in pack's
/// data, which a test checks against the registry).
pub fn parse_pack(
    files: &[(String, Arc<str>)],
    rules: Option<&[&'static Rule]>,
) -> Result<Pack, ConfigError> {
    let mut meta: Option<RawPackMeta> = None;
    let mut clauses = Vec::new();
    let mut raws = Vec::new();
    let mut doc_vocab = RawDocVocab::default();
    let mut review_vocab = RawReviewVocab::default();
    let mut codes = Vec::new();
    let mut role_vocab = RawRoleVocab::default();
    let mut adopt = AdoptVocab::default();
    for (name, text) in files {
        let raw: RawPackFile = toml::from_str(text).map_err(|e| ConfigError::toml(name, text, &e))?;
        if let Some(m) = raw.pack {
            meta = Some(m);
        }
        clauses.extend(raw.clause);
        if let Some(v) = raw.document_control {
            check_vocab(name, &v)?;
            merge_doc_vocab(&mut doc_vocab, v);
        }
        if let Some(r) = raw.review {
            for (word, d) in &r.cycles {
                crate::dates::Duration::parse(d)
                    .map_err(|e| ConfigError::plain(format!("cycle `{word}` in `{name}`: {e}")))?;
            }
            if let Some(d) = &r.max_cycle {
                crate::dates::Duration::parse(d)
                    .map_err(|e| ConfigError::plain(format!("`max-cycle` in `{name}`: {e}")))?;
                review_vocab.max_cycle.clone_from(&r.max_cycle);
            }
            review_vocab.cycles.extend(r.cycles);
            if r.excluded_types.is_some() {
                review_vocab.excluded_types = r.excluded_types;
            }
            for (what, d) in [
                ("default-cycle", &r.default_cycle),
                ("warn-within", &r.warn_within),
            ] {
                if let Some(d) = d {
                    crate::dates::Duration::parse(d)
                        .map_err(|e| ConfigError::plain(format!("`[review] {what}` in `{name}`: {e}")))?;
                }
            }
            review_vocab.default_cycle = review_vocab.default_cycle.take().or(r.default_cycle);
            review_vocab.warn_within = review_vocab.warn_within.take().or(r.warn_within);
        }
        if let Some(r) = raw.roles {
            role_vocab = merge_roles(role_vocab, r);
        }
        if let Some(a) = raw.adopt {
            if let Some(f) = a
                .words
                .keys()
                .find(|k| !crate::vocab::fields::NAMES.contains(&k.as_str()))
            {
                return Err(ConfigError::plain(format!(
                    "`[adopt.words]` of `{name}` names unknown field `{f}`"
                ))
                .with_help(format!("fields: {}", crate::vocab::fields::NAMES.join(", "))));
            }
            for (k, v) in a.words {
                adopt.words.entry(k).or_default().extend(v);
            }
            adopt.dates.review.extend(a.dates.review);
            adopt.dates.next.extend(a.dates.next);
            adopt.dates.effective.extend(a.dates.effective);
        }
        if !raw.codes.is_empty() {
            codes.push((name.as_str(), text, raw.codes));
        }
        raws.push((
            name.as_str(),
            text,
            raw.requirement,
            raw.coverage,
            raw.edition,
            raw.label,
            raw.content,
        ));
    }
    let Some(meta) = meta else {
        let names: Vec<_> = files.iter().map(|(n, _)| n.as_str()).collect();
        return Err(
            ConfigError::plain(format!("pack `{}` has no [pack] table", names.join(", ")))
                .with_help("add `[pack]` with `name` and `title` to one file of the pack"),
        );
    };
    let mut pack = Pack {
        display_name: meta.display_name.unwrap_or_else(|| meta.title.clone()),
        tag: meta.tag.unwrap_or_else(|| meta.name.clone()),
        name: meta.name,
        title: meta.title,
        description: meta.description,
        clauses: Vec::new(),
        requirements: Vec::new(),
        coverage: Vec::new(),
        editions: Vec::new(),
        labels: Vec::new(),
        placeholders: Vec::new(),
        unfinished: Vec::new(),
        deferrals: Vec::new(),
        measurable: None,
        value_kinds: Vec::new(),
        stop_words: Vec::new(),
        header_qualifiers: Vec::new(),
        relative_pronouns: Vec::new(),
        sentence_words: Vec::new(),
        general_headings: Vec::new(),
        determiners: Vec::new(),
        condition_words: Vec::new(),
        aim_words: Vec::new(),
        people_headings: Vec::new(),
        criteria_words: Vec::new(),
        equivalents: Vec::new(),
        prepositions: Vec::new(),
        question_topics: Vec::new(),
        doc_vocab,
        review_vocab,
        role_vocab,
        adopt,
        codes: Vec::new(),
    };
    let tree: &[Clause] = &clauses;
    for (name, text, map) in codes {
        for (code, clause) in map {
            let code_of = match rules {
                None => Some(code.get_ref().clone()),
                Some(rules) => crate::finding::find_rule(rules, code.get_ref()).map(|r| r.code.to_owned()),
            };
            let Some(canonical) = code_of else {
                let e = ConfigError::at(
                    name,
                    text,
                    code.span(),
                    format!("`[codes]` names unknown code `{}`", code.get_ref()),
                    "no rule has this code",
                );
                let codes = rules.into_iter().flatten().map(|r| r.code);
                return Err(match crate::suggest::closest(code.get_ref(), codes) {
                    Some(n) => e.with_help(format!("did you mean `{n}`?")),
                    None => e.with_help("`smslint rules` lists every code"),
                });
            };
            if !clause.get_ref().is_empty()
                && !tree.is_empty()
                && !tree.iter().any(|k| &k.id == clause.get_ref())
            {
                let e = ConfigError::at(
                    name,
                    text,
                    clause.span(),
                    format!(
                        "`[codes]` maps `{}` to clause `{}`, which the pack's clause tree lacks",
                        canonical,
                        clause.get_ref()
                    ),
                    "unknown clause",
                );
                return Err(match nearest_clause(clause.get_ref(), tree) {
                    Some(n) => e.with_help(format!("did you mean `{n}`?")),
                    None => e.with_help("add it to the tree with [[clause]] or fix the number"),
                });
            }
            pack.codes.push((canonical, clause.into_inner()));
        }
    }
    for (name, text, reqs, coverage, editions, labels, content) in raws {
        let known = |c: &Spanned<String>, what: &str| -> Result<String, ConfigError> {
            if tree.is_empty() || tree.iter().any(|k| &k.id == c.get_ref()) {
                return Ok(c.get_ref().clone());
            }
            let near = nearest_clause(c.get_ref(), tree);
            let e = ConfigError::at(
                name,
                text,
                c.span(),
                format!(
                    "{what} names clause `{}`, which the pack's clause tree lacks",
                    c.get_ref()
                ),
                "unknown clause",
            );
            Err(match near {
                Some(n) => e.with_help(format!("did you mean `{n}`?")),
                None => e.with_help("add it to the tree with [[clause]] or fix the number"),
            })
        };
        for r in reqs {
            let span = r.span();
            let r = r.into_inner();
            if r.types.is_empty() {
                return Err(ConfigError::at(
                    name,
                    text,
                    span,
                    format!("requirement `{}` accepts no type", r.id),
                    "empty `types`",
                ));
            }
            if r.min > MAX_MIN {
                return Err(ConfigError::at(
                    name,
                    text,
                    span,
                    format!(
                        "requirement `{}` asks for {} documents; a pack may ask for at most {MAX_MIN}",
                        r.id, r.min
                    ),
                    "`min` too large",
                ));
            }
            if !tree.is_empty() && !tree.iter().any(|c: &Clause| c.id == r.clause) {
                return Err(ConfigError::at(
                    name,
                    text,
                    span,
                    format!(
                        "requirement `{}` names clause `{}`, which the pack's clause tree lacks",
                        r.id, r.clause
                    ),
                    "unknown clause",
                ));
            }
            pack.requirements.push(Requirement {
                id: r.id,
                clause: r.clause,
                title: r.title,
                types: r.types,
                min: r.min,
                statuses: r.statuses.unwrap_or_default(),
                severity: r.severity,
                why: r.why,
                fix: r.fix,
                sections: r.sections,
                columns: r.columns,
                targets: r.targets,
                terms: r.terms,
                pack: pack.name.clone(),
            });
        }
        for c in coverage {
            let span = c.span();
            let c = c.into_inner();
            if c.types.is_empty() {
                return Err(ConfigError::at(
                    name,
                    text,
                    span,
                    format!("coverage `{}` accepts no type", c.id),
                    "empty `types`",
                ));
            }
            let what = format!("coverage `{}`", c.id);
            let clauses = c
                .clauses
                .iter()
                .map(|k| known(k, &what))
                .collect::<Result<_, _>>()?;
            pack.coverage.push(Coverage {
                id: c.id,
                title: c.title,
                clauses,
                types: c.types,
                severity: c.severity,
                why: c.why,
                fix: c.fix,
            });
        }
        for e in editions {
            let pattern = compile(name, text, &e.pattern)?;
            let mut out = Vec::new();
            for c in e.clause {
                let what = format!("clause {} of edition {}", c.id, e.id);
                let now = c.now.iter().map(|k| known(k, &what)).collect::<Result<_, _>>()?;
                out.push(LegacyClause {
                    id: c.id,
                    title: c.title,
                    now,
                });
            }
            pack.editions.push(Edition {
                id: e.id,
                standard: e.standard,
                pattern,
                clauses: out,
            });
        }
        for l in labels {
            let l = l.into_inner();
            let what = format!("label `{} {}`", l.number, l.title);
            let clauses = l
                .clauses
                .iter()
                .map(|k| known(k, &what))
                .collect::<Result<_, _>>()?;
            pack.labels.push(Label {
                number: l.number,
                title: l.title,
                failure: l.failure,
                clauses,
                note: l.note,
            });
        }
        if let Some(c) = content {
            for p in &c.placeholders {
                pack.placeholders.push(compile(name, text, p)?);
            }
            for p in &c.unfinished {
                pack.unfinished.push(compile(name, text, p)?);
            }
            for p in &c.deferrals {
                pack.deferrals.push(compile(name, text, p)?);
            }
            if let Some(m) = &c.measurable {
                pack.measurable = Some(compile(name, text, m)?);
            }
            for k in &c.value_kinds {
                pack.value_kinds
                    .push((k.name.clone(), compile(name, text, &k.pattern)?));
            }
            // The word lists, lower case, each added to what earlier files of the pack gave.
            for (list, words) in [
                (&mut pack.stop_words, &c.stop_words),
                (&mut pack.header_qualifiers, &c.header_qualifiers),
                (&mut pack.prepositions, &c.prepositions),
                (&mut pack.relative_pronouns, &c.relative_pronouns),
                (&mut pack.sentence_words, &c.sentence_words),
                (&mut pack.general_headings, &c.general_headings),
                (&mut pack.determiners, &c.determiners),
                (&mut pack.condition_words, &c.condition_words),
                (&mut pack.aim_words, &c.aim_words),
                (&mut pack.people_headings, &c.people_headings),
                (&mut pack.criteria_words, &c.criteria_words),
            ] {
                list.extend(words.iter().map(|w| w.to_lowercase()));
            }
            pack.equivalents.extend(
                c.equivalents
                    .iter()
                    .map(|g| g.iter().map(|w| w.to_lowercase()).collect()),
            );
            pack.question_topics.extend(
                c.question_topics
                    .iter()
                    .map(|(q, t)| (q.to_lowercase(), t.iter().map(|w| w.to_lowercase()).collect())),
            );
        }
    }
    pack.clauses = clauses;
    // A column known by its values names a kind the pack defines.
    for r in &pack.requirements {
        for col in &r.columns {
            if let Some(k) = &col.values {
                if k != "measurable" && !pack.value_kinds.iter().any(|(n, _)| n == k) {
                    let kinds: Vec<&str> = pack.value_kinds.iter().map(|(n, _)| n.as_str()).collect();
                    return Err(ConfigError::plain(format!(
                        "column `{}` of requirement `{}` in `{}` has values of unknown kind `{k}`",
                        col.name, r.id, pack.name
                    ))
                    .with_help(format!("kinds: measurable, {}", kinds.join(", "))));
                }
            }
        }
    }
    Ok(pack)
}

/// Refuse vocabulary entries for fields or columns smslint does not know.
fn check_vocab(name: &str, v: &RawDocVocab) -> Result<(), ConfigError> {
    let fields = crate::vocab::fields::NAMES;
    let listed = v.required.iter().chain(&v.required_when_approved).flatten();
    if let Some(f) = listed.into_iter().find(|k| !fields.contains(&k.as_str())) {
        return Err(ConfigError::plain(format!(
            "`[document-control] required` of `{name}` names unknown field `{f}`"
        ))
        .with_help(format!("fields: {}", fields.join(", "))));
    }
    if let Some(f) = v.labels.keys().find(|k| !fields.contains(&k.as_str())) {
        return Err(ConfigError::plain(format!(
            "`[document-control.labels]` of `{name}` names unknown field `{f}`"
        ))
        .with_help(format!("fields: {}", fields.join(", "))));
    }
    if let Some(c) = v
        .revision_columns
        .keys()
        .find(|k| !REVISION_COLUMNS.contains(&k.as_str()))
    {
        return Err(ConfigError::plain(format!(
            "`[document-control.revision-columns]` of `{name}` names unknown column kind `{c}`"
        ))
        .with_help(format!("column kinds: {}", REVISION_COLUMNS.join(", "))));
    }
    Ok(())
}

/// Add `more` to `into`, list by list.
pub fn merge_doc_vocab(into: &mut RawDocVocab, more: RawDocVocab) {
    for (k, v) in more.labels {
        into.labels.entry(k).or_default().extend(v);
    }
    for (k, v) in more.revision_columns {
        into.revision_columns.entry(k).or_default().extend(v);
    }
    for (k, v) in more.type_synonyms {
        into.type_synonyms.entry(k).or_default().extend(v);
    }
    into.footer_headings.extend(more.footer_headings);
    into.revision_headings.extend(more.revision_headings);
    into.types = into.types.take().or(more.types);
    into.statuses = into.statuses.take().or(more.statuses);
    into.approved_status = into.approved_status.take().or(more.approved_status);
    into.retired_status = into.retired_status.take().or(more.retired_status);
    into.required = into.required.take().or(more.required);
    into.required_when_approved = into.required_when_approved.take().or(more.required_when_approved);
    into.id_pattern = into.id_pattern.take().or(more.id_pattern);
    into.version_pattern = into.version_pattern.take().or(more.version_pattern);
}

/// `a`'s entries, with `b`'s where `a` gives none (files of one pack).
fn merge_roles(a: RawRoleVocab, b: RawRoleVocab) -> RawRoleVocab {
    RawRoleVocab {
        register_type: a.register_type.or(b.register_type),
        role_header: a.role_header.or(b.role_header),
        roles_heading: a.roles_heading.or(b.roles_heading),
        person_headers: a.person_headers.or(b.person_headers),
        responsibilities_headers: a.responsibilities_headers.or(b.responsibilities_headers),
        process_types: a.process_types.or(b.process_types),
        sections: a.sections.or(b.sections),
    }
}

/// Compile a pattern of a pack, with a size limit against hostile packs.
fn compile(name: &str, text: &Arc<str>, pattern: &Spanned<String>) -> Result<Regex, ConfigError> {
    RegexBuilder::new(pattern.get_ref())
        .size_limit(1 << 20)
        .build()
        .map_err(|e| {
            ConfigError::at(
                name,
                text,
                pattern.span(),
                format!("invalid pattern in `{name}`"),
                e.to_string()
                    .lines()
                    .last()
                    .unwrap_or("invalid regex")
                    .trim()
                    .to_owned(),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_normalise() {
        use crate::text::key;
        assert_eq!(key("3.2 Reporting & Review"), "reporting review");
        assert_eq!(key("## Major-incident criteria"), "major incident criteria");
        assert_eq!(key("4) Contacts:"), "contact");
        assert_eq!(key("2026"), "2026");
        let s = Synonyms {
            name: "Reporting and review".into(),
            synonyms: vec!["Service reviews".into()],
            ..Synonyms::default()
        };
        assert!(s.matches("3. REPORTING & REVIEW"));
        assert!(s.matches("Service Reviews"));
        assert!(!s.matches("Reporting"));
        assert!(!s.matches("&"));
    }

    #[test]
    #[allow(clippy::disallowed_methods)] // the test compares the folder on disk with the built-in list
    fn builtin_file_list_is_the_folder() {
        for (name, files) in BUILTIN {
            let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("rules")
                .join(name.replace(':', "-"));
            let mut on_disk: Vec<String> = std::fs::read_dir(&folder)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|f| f.ends_with(".toml"))
                .collect();
            on_disk.sort();
            let mut listed: Vec<String> = files.iter().map(|(f, _)| (*f).to_owned()).collect();
            listed.sort();
            assert_eq!(
                listed, on_disk,
                "the include_str! list of `{name}` and its folder differ"
            );
            for (f, text) in *files {
                assert_eq!(
                    std::fs::read_to_string(folder.join(f)).unwrap(),
                    *text,
                    "{f} is embedded from another file"
                );
            }
        }
    }

    #[test]
    fn builtin_vocabulary_reads_the_labels() {
        let v = builtin_vocabulary();
        assert_eq!(v.field_of_label("📅 **Next Review Date:**"), Some("next_review"));
        assert_eq!(v.field_of_label("Process Owner"), Some("owner"));
        assert_eq!(v.field_of_label("last-reviewed"), Some("last_reviewed"));
        assert_eq!(v.field_of_label("Key Performance Indicators"), None);
        assert_eq!(v.label_for("owner"), "Owner");
        assert_eq!(v.label_for("id"), "Document ID");
        assert_eq!(v.label_for("version"), "Version");
        assert_eq!(v.label_for("author"), "Author");
        assert_eq!(v.revision_column("Approved by"), Some("approver"));
        assert!(v.is_footer_heading("📋 Document Control"));
        assert!(v.is_revision_heading("Change log"));
        assert!(v.is_revision_heading("CHANGELOG"));
        let types: Vec<String> = ["procedure", "agreement"].map(String::from).to_vec();
        assert_eq!(
            v.canonical_type("Standard Operating Procedure", &types),
            Some("procedure")
        );
        assert_eq!(v.canonical_type("Procedure", &types), Some("procedure"));
        assert_eq!(
            v.canonical_type("Service level agreement", &types),
            Some("agreement")
        );
        assert_eq!(v.canonical_type("Widget", &types), None);
        assert_eq!(v.excluded_types, ["record", "report"]);
    }

    #[test]
    fn cycle_words() {
        let v = builtin_vocabulary();
        for (w, d) in [
            ("Weekly", crate::dates::Duration::Weeks(1)),
            ("Monthly", crate::dates::Duration::Months(1)),
            ("Quarterly", crate::dates::Duration::Months(3)),
            ("Semi-Annual", crate::dates::Duration::Months(6)),
            ("Half-yearly", crate::dates::Duration::Months(6)),
            ("Every 6 months", crate::dates::Duration::Months(6)),
            ("Annual", crate::dates::Duration::Months(12)),
            ("Annually", crate::dates::Duration::Months(12)),
            ("Yearly", crate::dates::Duration::Months(12)),
            ("Biennial", crate::dates::Duration::Years(2)),
            ("Every two years", crate::dates::Duration::Years(2)),
            ("12 months", crate::dates::Duration::Months(12)),
            ("every 2 weeks", crate::dates::Duration::Weeks(2)),
        ] {
            assert_eq!(v.cycle(w), Ok(d), "{w}");
        }
        assert!(v.cycle("Biannual").unwrap_err().contains("not a review cycle"));
        assert!(v.cycle("TBD").is_err());
    }

    /// A canonical name always reads as its own field, whatever labels the pack gives it.
    #[test]
    fn every_canonical_name_is_its_own_label() {
        let vocab = builtin_vocabulary();
        for f in crate::vocab::fields::FIELDS {
            assert_eq!(vocab.field_of_label(f.name), Some(f.name), "{}", f.name);
        }
    }

    #[test]
    fn sub_clauses() {
        assert!(is_same_or_sub_clause("8.2.4", "8.2"));
        assert!(is_same_or_sub_clause("8.2", "8.2"));
        assert!(!is_same_or_sub_clause("8.20", "8.2"));
        assert!(!is_same_or_sub_clause("8", "8.2"));
    }

    #[test]
    fn errors_point_into_pack() {
        let text: Arc<str> =
            Arc::from("[pack]\nname = \"x\"\ntitle = \"X\"\n[[requirement]]\nid = \"a\"\nbogus = 1\n");
        let e = parse_pack(&[("x.toml".into(), text)], None).unwrap_err();
        assert!(format!("{e:?}").contains("bogus"));
    }
}
