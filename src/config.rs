//! `smslint.toml`: the raw serde schema (strict: unknown keys are errors), its validation, and
//! the resolved [`Config`] that checks read. Every error points into the TOML file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use miette::Diagnostic;
use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::dates::Duration;
use crate::finding::{Rule, Severity};
// The canonical fields, which `[document-control.fields]` maps to other keys.
use crate::vocab::fields::NAMES as FIELDS;

/// Names of the config files looked for at the repository root, in order.
pub const CONFIG_NAMES: [&str; 2] = ["smslint.toml", ".smslint.toml"];

pub use crate::error::ConfigError;
pub use crate::pack::{BUILTIN_PACK, PackRef};

/// Files that are documents by default.
pub const DEFAULT_INCLUDE: &[&str] = &["**/*.md", "**/*.markdown"];

/// Files never treated as documents unless `default-excludes = false`: hidden folders,
/// dependency and build folders, and repository meta files ([`META_FILES`]).
pub const DEFAULT_EXCLUDE: &[&str] = &[
    "**/.*/**",
    "**/node_modules/**",
    "**/target/**",
    "**/README.md",
    "**/CHANGELOG.md",
    "**/CONTRIBUTING.md",
    "**/CODE_OF_CONDUCT.md",
    "**/SECURITY.md",
    "**/LICENSE*",
];

/// The repository meta files among [`DEFAULT_EXCLUDE`]: not documents at the root or in a
/// folder of their own, but a document like any other in a folder that holds documents (a
/// `policies/README.md` is evidence a pull request could otherwise hide by renaming).
pub const META_FILES: &[&str] = &[
    "**/README.md",
    "**/CHANGELOG.md",
    "**/CONTRIBUTING.md",
    "**/CODE_OF_CONDUCT.md",
    "**/SECURITY.md",
    "**/LICENSE*",
];

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    packs: Option<Vec<Spanned<String>>>,
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    default_excludes: Option<bool>,
    max_file_size: Option<u64>,
    docs_url: Option<String>,
    max_repository_annotations: Option<usize>,
    document_control: Option<RawDocControl>,
    review: Option<RawReview>,
    rules: Option<RawRules>,
    exclusions: Option<Vec<Spanned<RawExclusion>>>,
    roles: Option<RawRoles>,
    links: Option<RawLinks>,
    codes: Option<BTreeMap<Spanned<String>, String>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLinks {
    site_root: Option<Spanned<String>>,
    fallback_extensions: Option<Vec<Spanned<String>>>,
    index_files: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    anchors: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRoles {
    register_type: Option<String>,
    role_header: Option<String>,
    roles_heading: Option<String>,
    person_headers: Option<Vec<String>>,
    responsibilities_headers: Option<Vec<String>>,
    aliases: Option<BTreeMap<String, String>>,
    process_types: Option<Vec<String>>,
    sections: Option<Vec<String>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawDocControl {
    fields: Option<BTreeMap<Spanned<String>, String>>,
    required: Option<Vec<Spanned<String>>>,
    required_when_approved: Option<Vec<Spanned<String>>>,
    id_pattern: Option<Spanned<String>>,
    version_pattern: Option<Spanned<String>>,
    statuses: Option<Vec<String>>,
    approved_status: Option<String>,
    retired_status: Option<String>,
    types: Option<Vec<String>>,
    sources: Option<Vec<Spanned<String>>>,
    labels: Option<BTreeMap<Spanned<String>, Vec<String>>>,
    footer_headings: Option<Vec<String>>,
    revision_headings: Option<Vec<String>>,
    revision_columns: Option<BTreeMap<Spanned<String>, Vec<String>>>,
    type_synonyms: Option<BTreeMap<String, Vec<String>>>,
    defaults: Option<Vec<RawDefault>>,
    type_from_title: Option<bool>,
}

/// One `[[document-control.defaults]]` entry: `paths` and field values.
type RawDefault = Spanned<BTreeMap<Spanned<String>, Spanned<toml::Value>>>;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawReview {
    default_cycle: Option<Spanned<String>>,
    warn_within: Option<Spanned<toml::Value>>,
    reviewed_types: Option<Vec<String>>,
    excluded_types: Option<Vec<String>>,
    cycles: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    max_cycle: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRules {
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawExclusion {
    requirement: Spanned<String>,
    reason: String,
}

/// The field names of a serde struct, as its derived `Deserialize` hands them to a deserializer:
/// the schema above is the one list of keys.
fn fields_of<T: serde::de::DeserializeOwned>() -> &'static [&'static str] {
    use serde::de::{Error as _, Visitor};
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for Probe<'_> {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(Self::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(Self::Error::custom("fields read"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

/// For the parser's unknown-field error on KEY: where KEY belongs when it is a key of another
/// table of the schema (`ignore` → `[rules]`).
fn misplaced_key(message: &str) -> Option<String> {
    let key = message.strip_prefix("unknown field `")?.split('`').next()?;
    let tables: [(&str, &[&str]); 6] = [
        ("", fields_of::<RawConfig>()),
        ("document-control", fields_of::<RawDocControl>()),
        ("review", fields_of::<RawReview>()),
        ("rules", fields_of::<RawRules>()),
        ("roles", fields_of::<RawRoles>()),
        ("links", fields_of::<RawLinks>()),
    ];
    let homes: Vec<String> = tables
        .iter()
        .filter(|(_, fields)| fields.contains(&key))
        .map(|(t, _)| {
            if t.is_empty() {
                "the top level (before any `[table]`)".to_owned()
            } else {
                format!("`[{t}]`")
            }
        })
        .collect();
    if homes.is_empty() {
        return None;
    }
    Some(format!(
        "`{key}` belongs in {}: move the line there",
        homes.join(" or ")
    ))
}

/// Document-control schema.
#[derive(Debug, Clone)]
pub struct DocControl {
    /// Canonical field name → key used in documents.
    pub fields: BTreeMap<String, String>,
    /// Canonical fields every document must have.
    pub required: Vec<String>,
    /// Canonical fields an approved document must also have.
    pub required_when_approved: Vec<String>,
    /// Pattern of document ids.
    pub id_pattern: Regex,
    /// Pattern of versions.
    pub version_pattern: Regex,
    /// Allowed statuses.
    pub statuses: Vec<String>,
    /// The status that means approved.
    pub approved_status: String,
    /// The status that means retired.
    pub retired_status: String,
    /// Allowed document types.
    pub types: Vec<String>,
    /// Whether `types` was set in `smslint.toml` (then every other type is reported).
    pub types_explicit: bool,
    /// `type-from-title`: a document that states no type takes the one its title (else its file
    /// name) ends with — `Access Control Policy` is a policy.
    pub type_from_title: bool,
    /// The metadata sources switched on (`sources = [...]`), when set.
    pub sources: Option<Vec<crate::vocab::MetaSource>>,
    /// Vocabulary added to the packs' (`labels`, `footer-headings`, `revision-headings`,
    /// `revision-columns`, `type-synonyms`).
    pub vocab: crate::vocab::RawDocVocab,
    /// Field defaults by path (`[[document-control.defaults]]`).
    pub defaults: Vec<crate::vocab::PathDefault>,
}

/// Review schedule settings.
#[derive(Debug, Clone)]
pub struct Review {
    /// Cycle used when a document gives neither `next_review` nor `review_cycle`.
    pub default_cycle: Duration,
    /// Warn when a review falls due within this many days.
    pub warn_within_days: i64,
    /// Types that must carry review dates.
    pub reviewed_types: Vec<String>,
    /// Whether `reviewed-types` was set in `smslint.toml`.
    pub reviewed_types_explicit: bool,
    /// Cycle words and excluded types added to the packs' (`cycles`, `excluded-types`).
    pub vocab: crate::vocab::RawReviewVocab,
}

/// Roles register and RACI conventions (`[roles]`).
#[derive(Debug, Clone)]
pub struct Roles {
    /// The document type of the roles register.
    pub register_type: String,
    /// First header cell of a table that defines roles; also the role column of a
    /// person-to-role table.
    pub role_header: String,
    /// Heading under which sub-headings define roles, when the register has no role table.
    pub roles_heading: String,
    /// Headers of the person column of a person-to-role table.
    pub person_headers: Vec<String>,
    /// Headers of the column that holds a role's responsibilities.
    pub responsibilities_headers: Vec<String>,
    /// Variant name → defined role name.
    pub aliases: BTreeMap<String, String>,
    /// Document types that must show who does what (a RACI matrix or a section).
    pub process_types: Vec<String>,
    /// Section headings that count as "roles and responsibilities".
    pub sections: Vec<String>,
}

/// Which anchors a `#fragment` may name (`[links] anchors`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AnchorStyle {
    /// Explicit ids (`{#id}`, `<a id>`, `id=`) and GitHub's slug of the heading text without
    /// its attribute block.
    #[default]
    Auto,
    /// GitHub's slugs only (a `{#id}` block is text to GitHub), plus HTML anchors.
    Github,
    /// kramdown's automatic ids plus explicit ids.
    Kramdown,
    /// Pandoc's automatic identifiers plus explicit ids.
    Pandoc,
}

impl AnchorStyle {
    /// The names accepted in `smslint.toml`, in order.
    pub const NAMES: [&'static str; 4] = ["auto", "github", "kramdown", "pandoc"];

    /// The style named `name` (as written in `smslint.toml`).
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "auto" => Some(Self::Auto),
            "github" => Some(Self::Github),
            "kramdown" => Some(Self::Kramdown),
            "pandoc" => Some(Self::Pandoc),
            _ => None,
        }
    }

    /// The name written in `smslint.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Github => "github",
            Self::Kramdown => "kramdown",
            Self::Pandoc => "pandoc",
        }
    }
}

/// How links are resolved (`[links]`), for repositories written for a documentation site.
#[derive(Debug, Clone)]
pub struct Links {
    /// The folder (repository-relative, no leading or trailing `/`) that `/…` links start from,
    /// as written (`Some("")` for `"."`, the repository root). `None` when not written: `/…`
    /// links start from the repository root, or else from the one folder under which most of
    /// the repository's `/…` links resolve (see `checks::links`).
    pub site_root: Option<String>,
    /// Extensions (without the dot) tried, in order, when a link's target does not exist: as
    /// `T.ext`, then with `T`'s own extension replaced by `ext`.
    pub fallback_extensions: Vec<String>,
    /// File names that stand for a folder: a link to the folder is checked against the first
    /// one that exists (its anchors included).
    pub index_files: Vec<String>,
    /// Destinations matching any of these are generated routes, not files: never checked.
    pub ignore: Vec<Regex>,
    /// Which anchors a `#fragment` may name.
    pub anchors: AnchorStyle,
}

impl Default for Links {
    fn default() -> Self {
        Self {
            site_root: None,
            fallback_extensions: vec!["md".to_owned()],
            index_files: ["index.md", "README.md", "_index.md"].map(str::to_owned).to_vec(),
            ignore: Vec::new(),
            anchors: AnchorStyle::Auto,
        }
    }
}

/// Rule selection.
#[derive(Debug, Clone, Default)]
pub struct RuleSelection {
    /// Only these codes, names or code prefixes (empty = all).
    pub select: Vec<String>,
    /// Never these.
    pub ignore: Vec<String>,
    /// Severity overrides by code.
    pub severity: BTreeMap<String, Severity>,
}

impl RuleSelection {
    /// Whether a rule is enabled.
    pub fn enabled(&self, code: &str, name: &str) -> bool {
        let hit = |sel: &String| matches_rule(sel, code, name);
        (self.select.is_empty() || self.select.iter().any(hit)) && !self.ignore.iter().any(hit)
    }
}

/// A selector (`SMS301`, `SMS3`, `review-overdue`, `ALL`) matches a rule.
pub fn matches_rule(sel: &str, code: &str, name: &str) -> bool {
    sel.eq_ignore_ascii_case("all")
        || sel.eq_ignore_ascii_case(name)
        || (sel.len() >= 3 && code.len() >= sel.len() && code[..sel.len()].eq_ignore_ascii_case(sel))
}

/// Whether a selector matches any rule of `rules` (the check registry's table).
pub fn selector_known(sel: &str, rules: &[&'static Rule]) -> bool {
    rules.iter().any(|r| matches_rule(sel, r.code, r.name))
}

/// A requirement switched off by the user, with the reason an auditor will ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exclusion {
    /// Requirement id.
    pub requirement: String,
    /// Why it does not apply.
    pub reason: String,
    /// Where the requirement id is written in the config file.
    pub span: Option<std::ops::Range<usize>>,
}

/// Every error [`validate`] finds in a configuration, not only the first; each points into the
/// config file where it can.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{} in the configuration", if .errors.len() == 1 { "1 error".to_owned() } else { format!("{} errors", .errors.len()) })]
#[diagnostic(code(smslint::config))]
pub struct ConfigErrors {
    #[related]
    errors: Vec<ConfigError>,
}

impl ConfigErrors {
    /// The errors, in the order of the file.
    pub fn errors(&self) -> &[ConfigError] {
        &self.errors
    }
}

/// Check what `config` names against the loaded `packs`, collecting every error: an exclusion
/// naming a requirement no pack has points at the id in the config file, with the closest
/// known id when one is a plausible typo.
pub fn validate(config: &Config, packs: &crate::pack::Packs) -> Result<(), ConfigErrors> {
    let mut errors = Vec::new();
    for e in &config.exclusions {
        if packs.requirement(&e.requirement).is_some() {
            continue;
        }
        let message = format!("exclusion names unknown requirement `{}`", e.requirement);
        let error = match (&config.file, &e.span) {
            (Some((name, text)), Some(span)) => ConfigError::at(
                name,
                text,
                span.clone(),
                message,
                "no loaded pack has this requirement",
            ),
            _ => ConfigError::plain(message),
        };
        let near = crate::suggest::closest(&e.requirement, packs.requirements().map(|r| r.id.as_str()));
        let help = match near {
            Some(id) => format!("did you mean `{id}`? `smslint clauses` lists every requirement id"),
            None => "`smslint clauses` lists every requirement id".to_owned(),
        };
        errors.push(error.with_help(crate::neutral::sanitize(&help).into_owned()));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ConfigErrors { errors })
    }
}

/// The resolved configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The config file (name relative to the root and its text), when there is one.
    pub file: Option<(String, Arc<str>)>,
    /// Packs to load.
    pub packs: Vec<PackRef>,
    /// Include globs (as written).
    pub include: Vec<String>,
    /// Exclude globs (as written, defaults included when on).
    pub exclude: Vec<String>,
    include_set: GlobSet,
    exclude_set: GlobSet,
    /// The default [`META_FILES`] (empty with `default-excludes = false`).
    meta_set: GlobSet,
    /// Files larger than this are not parsed.
    pub max_file_size: u64,
    /// Base URL of the rule documentation, when published.
    pub docs_url: Option<String>,
    /// `--format github`: at most this many repository-level annotations (the job summary
    /// lists the rest); `max-repository-annotations`, default 10.
    pub max_repository_annotations: usize,
    /// Document-control schema.
    pub doc: DocControl,
    /// Review settings.
    pub review: Review,
    /// Rule selection from the config file.
    pub rules: RuleSelection,
    /// Requirements that do not apply.
    pub exclusions: Vec<Exclusion>,
    /// Roles register and RACI conventions.
    pub roles: Roles,
    /// Link resolution (`[links]`).
    pub links: Links,
    /// `[codes]`: code → clause, tried before the packs' map (`""`: no clause).
    pub codes: Vec<(String, String)>,
    /// Include globs written in the config file, with their spans (defaults are not listed).
    pub include_written: Vec<(String, std::ops::Range<usize>)>,
    /// Span in the config file of each path pack, and the folder pack paths resolve against.
    pack_paths: (Vec<(PathBuf, std::ops::Range<usize>)>, PathBuf),
}

impl Default for Config {
    fn default() -> Self {
        let dir = Path::new(".");
        // An empty file names no rule, so it needs no rule table.
        Self::from_raw(RawConfig::default(), dir, None, &[]).unwrap_or_else(|_| unreachable!())
    }
}

/// Defined here rather than in `pack`: the packs are loaded from what the configuration names,
/// so the configuration sits above them and hands its additions down.
impl crate::pack::Packs {
    /// The vocabulary with the configuration's sources, additions (tried first) and path
    /// defaults.
    #[must_use]
    pub fn with_config(mut self, config: &Config) -> Self {
        let mut v = crate::vocab::Vocabulary::new();
        if let Some(s) = &config.doc.sources {
            v.sources.clone_from(s);
        }
        v.extend(&config.doc.vocab, &config.review.vocab);
        for (d, r) in crate::pack::vocab_sources(&self.packs) {
            v.extend(d, r);
        }
        v.defaults.clone_from(&config.doc.defaults);
        if config.doc.type_from_title {
            v.title_types.clone_from(&config.doc.types);
        }
        self.vocab = v;
        self.config_codes.clone_from(&config.codes);
        self
    }
}

impl Config {
    /// Read `path` as a config file; `root` is the repository root (names in errors are
    /// relative to it). The codes and names it gives must be among `rules` (the check
    /// registry's table, handed down by the caller so that the configuration needs no checks).
    pub fn load(path: &Path, root: &Path, rules: &[&'static Rule]) -> Result<Self, ConfigError> {
        let name = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        Self::load_within(path, None, &name, rules)
    }

    /// Read `path` as a config file named `name` in errors, through the one reader for files
    /// that are not documents ([`crate::fsx::read_inside`]): a regular file of at most
    /// [`crate::fsx::MAX_SIDE_FILE`] bytes, inside `base` when given (links followed only
    /// while they stay there).
    pub fn load_within(
        path: &Path,
        base: Option<&Path>,
        name: &str,
        rules: &[&'static Rule],
    ) -> Result<Self, ConfigError> {
        let bytes = crate::fsx::read_inside(path, base, crate::fsx::MAX_SIDE_FILE).map_err(|why| {
            ConfigError::plain(format!("config `{name}` {why}; it was not read")).with_help(
                "make the configuration a regular file in the repository, or pass one with --config",
            )
        })?;
        let text = String::from_utf8(bytes)
            .map_err(|_| ConfigError::plain(format!("config `{name}` is not valid UTF-8")))?;
        Self::parse(name, text.into(), path.parent().unwrap_or(Path::new(".")), rules)
    }

    /// Parse config text named `name`; relative pack paths resolve against `dir`; the rules it
    /// names must be among `rules`.
    pub fn parse(
        name: &str,
        text: Arc<str>,
        dir: &Path,
        rules: &[&'static Rule],
    ) -> Result<Self, ConfigError> {
        let raw: RawConfig = toml::from_str(&text).map_err(|e| {
            let error = ConfigError::toml(name, &text, &e);
            match misplaced_key(e.message()) {
                Some(help) => error.with_help(help),
                None => error,
            }
        })?;
        Self::from_raw(raw, dir, Some((name.to_owned(), text)), rules)
    }

    /// Refuse pack paths that resolve, symbolic links followed, outside both the repository
    /// `root` and the folder of the config file: a pull request that edits `smslint.toml` must
    /// not make smslint read (and quote in an error) a file elsewhere on the machine.
    #[allow(clippy::disallowed_methods)] // resolves pack paths while the config is loaded, before the run
    pub fn check_pack_paths(&self, root: &Path) -> Result<(), ConfigError> {
        let (paths, dir) = &self.pack_paths;
        let bases: Vec<PathBuf> = [root, dir.as_path()]
            .iter()
            .filter_map(|p| std::fs::canonicalize(p).ok())
            .collect();
        for (path, span) in paths {
            let Ok(real) = std::fs::canonicalize(path) else {
                continue;
            };
            if !bases.iter().any(|b| real.starts_with(b)) {
                let (name, text) = self
                    .file
                    .clone()
                    .unwrap_or_else(|| ("smslint.toml".to_owned(), Arc::from("")));
                return Err(ConfigError::at(
                    &name,
                    &text,
                    span.clone(),
                    "pack path leaves the repository".to_owned(),
                    "resolves outside the repository",
                )
                .with_help("copy the pack into the repository and name it by a relative path"));
            }
        }
        Ok(())
    }

    /// The key documents use for canonical field `field`.
    pub fn key<'a>(&'a self, field: &'a str) -> &'a str {
        self.doc.fields.get(field).map_or(field, String::as_str)
    }

    /// Whether a repository-relative path is a document (a meta file such as `README.md` is
    /// not, though the walk takes one that sits among documents: see [`Config::is_meta_file`]).
    pub fn is_document(&self, rel: &str) -> bool {
        self.include_set.is_match(rel) && !self.exclude_set.is_match(rel) && !self.meta_set.is_match(rel)
    }

    /// Whether a path would be a document but for its meta-file name (`README.md`, …).
    pub fn is_meta_file(&self, rel: &str) -> bool {
        self.include_set.is_match(rel) && !self.exclude_set.is_match(rel) && self.meta_set.is_match(rel)
    }

    /// Whether a folder (repository-relative) is excluded as a whole.
    pub fn skips_dir(&self, rel: &str) -> bool {
        self.exclude_set.is_match(format!("{rel}/x"))
    }

    #[allow(clippy::too_many_lines)]
    fn from_raw(
        raw: RawConfig,
        dir: &Path,
        file: Option<(String, Arc<str>)>,
        rules: &[&'static Rule],
    ) -> Result<Self, ConfigError> {
        let (name, text) = match &file {
            Some((n, t)) => (n.clone(), Arc::clone(t)),
            None => ("smslint.toml".to_owned(), Arc::from("")),
        };
        let err = |span: std::ops::Range<usize>, msg: String, label: &str| {
            ConfigError::at(&name, &text, span, msg, label)
        };
        // Every error is collected, not only the first: one bad entry must not hide the next.
        // A value in error is replaced by its default so that the rest can still be checked.
        let errors = std::cell::RefCell::new(Vec::new());
        let fail = |e: ConfigError| errors.borrow_mut().push(e);
        // The value of `r`, its error collected.
        fn keep<T>(errors: &std::cell::RefCell<Vec<ConfigError>>, r: Result<T, ConfigError>) -> Option<T> {
            r.map_err(|e| errors.borrow_mut().push(e)).ok()
        }

        let mut pack_paths = Vec::new();
        let packs = match raw.packs {
            None => vec![PackRef::Builtin(BUILTIN_PACK.to_owned())],
            Some(list) => {
                let mut out = Vec::new();
                for p in list {
                    let s = p.get_ref();
                    if crate::pack::builtin_source(s).is_some() {
                        out.push(PackRef::Builtin(s.clone()));
                    } else if s.ends_with(".toml") || s.contains('/') {
                        out.push(PackRef::Path(dir.join(s)));
                        pack_paths.push((dir.join(s), p.span()));
                    } else {
                        fail(err(p.span(), format!("unknown pack `{s}`"), "not a built-in pack")
                            .with_help(format!(
                                "built-in packs: {}; a pack file is a path ending in `.toml`, a pack folder a path with `/`",
                                crate::pack::BUILTIN.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                            )));
                    }
                }
                out
            }
        };

        let globs = |list: &[Spanned<String>]| -> GlobSet {
            let mut b = GlobSetBuilder::new();
            for g in list {
                match Glob::new(g.get_ref()) {
                    Ok(glob) => {
                        b.add(glob);
                    }
                    Err(e) => fail(err(
                        g.span(),
                        format!("invalid glob `{}`", g.get_ref()),
                        &e.kind().to_string(),
                    )),
                }
            }
            keep(&errors, b.build().map_err(|e| ConfigError::plain(e.to_string())))
                .unwrap_or_else(GlobSet::empty)
        };
        let spanned = |v: &[&str]| {
            v.iter()
                .map(|s| Spanned::new(0..0, (*s).to_owned()))
                .collect::<Vec<_>>()
        };
        let include_written: Vec<(String, std::ops::Range<usize>)> = raw
            .include
            .iter()
            .flatten()
            .map(|g| (g.get_ref().clone(), g.span()))
            .collect();
        let include = raw.include.unwrap_or_else(|| spanned(DEFAULT_INCLUDE));
        let mut exclude = raw.exclude.unwrap_or_default();
        if raw.default_excludes.unwrap_or(true) {
            exclude.extend(spanned(DEFAULT_EXCLUDE));
        }
        let include_set = globs(&include);
        let meta_set = if raw.default_excludes.unwrap_or(true) {
            globs(&spanned(META_FILES))
        } else {
            GlobSet::empty()
        };
        let not_meta: Vec<Spanned<String>> = exclude
            .iter()
            .filter(|g| !META_FILES.contains(&g.get_ref().as_str()) || g.span() != (0..0))
            .cloned()
            .collect();
        let exclude_set = globs(&not_meta);

        // What the configuration leaves open comes from the packs' data (see
        // [`crate::pack::data_default`]), never from a list here.
        let pack_refs = packs.clone();
        let data = |get: &dyn Fn(&'static crate::pack::Pack) -> Option<Vec<String>>| {
            crate::pack::data_default(&pack_refs, get).unwrap_or_default()
        };
        let data_one = |get: &dyn Fn(&'static crate::pack::Pack) -> Option<String>| {
            crate::pack::data_default(&pack_refs, get).unwrap_or_default()
        };
        let dc = raw.document_control.unwrap_or_default();
        let types_explicit = dc.types.is_some();
        let doc_vocab = doc_vocab(&dc, &err, &fail);
        let mut fields = BTreeMap::new();
        for (canon, key) in dc.fields.unwrap_or_default() {
            if !FIELDS.contains(&canon.get_ref().as_str()) {
                fail(unknown_field(&err, &canon, "fields"));
                continue;
            }
            fields.insert(canon.into_inner(), key);
        }
        let field_list = |v: Option<Vec<Spanned<String>>>, default: Vec<String>| -> Vec<String> {
            match v {
                None => default,
                Some(v) => v
                    .into_iter()
                    .filter_map(|f| {
                        if FIELDS.contains(&f.get_ref().as_str()) {
                            Some(f.into_inner())
                        } else {
                            fail(unknown_field(&err, &f, "fields"));
                            None
                        }
                    })
                    .collect(),
            }
        };
        let required = field_list(dc.required, data(&|p| p.doc_vocab.required.clone()));
        let required_when_approved = field_list(
            dc.required_when_approved,
            data(&|p| p.doc_vocab.required_when_approved.clone()),
        );
        let regex = |v: Option<Spanned<String>>, default: String| -> Regex {
            let (span, pat) = match v {
                Some(s) => (s.span(), s.into_inner()),
                None => (0..0, default),
            };
            let built = RegexBuilder::new(&pat)
                .size_limit(1 << 20)
                .dfa_size_limit(1 << 20)
                .build()
                .map_err(|e| err(span, format!("invalid regex `{pat}`"), &e.to_string()));
            // In error, a pattern matching everything stands in: the run does not start anyway.
            keep(&errors, built).unwrap_or_else(|| Regex::new("").unwrap_or_else(|_| unreachable!()))
        };
        let id_pattern = regex(dc.id_pattern, data_one(&|p| p.doc_vocab.id_pattern.clone()));
        let version_pattern = regex(
            dc.version_pattern,
            data_one(&|p| p.doc_vocab.version_pattern.clone()),
        );
        let sources = dc.sources.as_ref().map(|list| {
            list.iter()
                .filter_map(|s| {
                    let found = crate::vocab::SOURCES
                        .iter()
                        .find(|(_, n)| n == s.get_ref())
                        .map(|(m, _)| *m)
                        .ok_or_else(|| {
                            err(
                                s.span(),
                                format!("unknown metadata source `{}`", s.get_ref()),
                                "not a source",
                            )
                            .with_help(format!(
                                "sources: {}",
                                crate::vocab::SOURCES
                                    .iter()
                                    .map(|(_, n)| *n)
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ))
                        });
                    keep(&errors, found)
                })
                .collect()
        });
        let defaults = path_defaults(dc.defaults.unwrap_or_default(), &err, &fail);
        let statuses = dc
            .statuses
            .unwrap_or_else(|| data(&|p| p.doc_vocab.statuses.clone()));
        let types = dc.types.unwrap_or_else(|| data(&|p| p.doc_vocab.types.clone()));

        let rv = raw.review.unwrap_or_default();
        let from_data = |get: &dyn Fn(&'static crate::pack::Pack) -> Option<String>| {
            crate::pack::data_default(&pack_refs, get).and_then(|d| Duration::parse(&d).ok())
        };
        let default_cycle = match rv.default_cycle {
            None => from_data(&|p| p.review_vocab.default_cycle.clone()).unwrap_or(Duration::Months(12)),
            Some(s) => keep(
                &errors,
                Duration::parse(s.get_ref()).map_err(|e| err(s.span(), e, "not a duration")),
            )
            .unwrap_or(Duration::Months(12)),
        };
        let warn_within_days = match rv.warn_within {
            None => from_data(&|p| p.review_vocab.warn_within.clone()).map_or(30, Duration::approx_days),
            Some(v) => {
                let span = v.span();
                match v.into_inner() {
                    toml::Value::Integer(n) if (0..=36_500).contains(&n) => n,
                    toml::Value::String(s) => keep(
                        &errors,
                        Duration::parse(&s).map_err(|e| err(span.clone(), e, "not a duration")),
                    )
                    .map_or(30, Duration::approx_days),
                    _ => {
                        fail(err(
                            span,
                            "invalid `warn-within`".to_owned(),
                            "expected days (0 to 36500) or a duration like \"30 days\"",
                        ));
                        30
                    }
                }
            }
        };
        let mut review_vocab = crate::vocab::RawReviewVocab {
            cycles: BTreeMap::new(),
            excluded_types: rv.excluded_types,
            default_cycle: None,
            warn_within: None,
            max_cycle: None,
        };
        if let Some(d) = rv.max_cycle {
            if keep(
                &errors,
                Duration::parse(d.get_ref()).map_err(|e| err(d.span(), e, "not a duration")),
            )
            .is_some()
            {
                review_vocab.max_cycle = Some(d.into_inner());
            }
        }
        for (word, d) in rv.cycles.unwrap_or_default() {
            if keep(
                &errors,
                Duration::parse(d.get_ref()).map_err(|e| err(d.span(), e, "not a duration")),
            )
            .is_some()
            {
                review_vocab.cycles.insert(word.into_inner(), d.into_inner());
            }
        }
        let reviewed_types_explicit = rv.reviewed_types.is_some();
        let excluded = review_vocab
            .excluded_types
            .clone()
            .unwrap_or_else(|| crate::pack::builtin_vocabulary().excluded_types.clone());
        let types_all = types.clone();
        let reviewed_types = rv.reviewed_types.unwrap_or_else(|| {
            types_all
                .into_iter()
                .filter(|t| !excluded.iter().any(|x| x.eq_ignore_ascii_case(t)))
                .collect()
        });

        let rr = raw.rules.unwrap_or_default();
        let check_selectors = |v: Option<Vec<Spanned<String>>>| -> Vec<String> {
            v.unwrap_or_default()
                .into_iter()
                .filter_map(|s| {
                    if selector_known(s.get_ref(), rules) {
                        Some(s.into_inner())
                    } else {
                        fail(
                            err(
                                s.span(),
                                format!("unknown rule `{}`", s.get_ref()),
                                "no rule has this code or name",
                            )
                            .with_help("`smslint rules` lists every code and name"),
                        );
                        None
                    }
                })
                .collect()
        };
        let select = check_selectors(rr.select);
        let ignore = check_selectors(rr.ignore);
        let mut severity = BTreeMap::new();
        for (code, sev) in rr.severity.unwrap_or_default() {
            let rule = crate::finding::find_rule(rules, code.get_ref());
            if rule.is_none() {
                fail(err(
                    code.span(),
                    format!("unknown rule `{}`", code.get_ref()),
                    "no rule has this code or name",
                ));
            }
            let s = match sev.get_ref().as_str() {
                "error" => Some(Severity::Error),
                "warning" => Some(Severity::Warning),
                _ => {
                    fail(err(
                        sev.span(),
                        "invalid severity".to_owned(),
                        "expected \"error\" or \"warning\"",
                    ));
                    None
                }
            };
            if let (Some(rule), Some(s)) = (rule, s) {
                severity.insert(rule.code.to_owned(), s);
            }
        }

        let mut exclusions = Vec::new();
        for e in raw.exclusions.unwrap_or_default() {
            let span = e.span();
            let e = e.into_inner();
            if e.reason.trim().is_empty() {
                fail(
                    err(
                        span,
                        format!("exclusion of `{}` gives no reason", e.requirement.get_ref()),
                        "reason is empty",
                    )
                    .with_help("auditors ask why a requirement does not apply: say it in `reason`"),
                );
                continue;
            }
            exclusions.push(Exclusion {
                span: Some(e.requirement.span()),
                requirement: e.requirement.into_inner(),
                reason: e.reason,
            });
        }

        let ro = raw.roles.unwrap_or_default();
        let roles = Roles {
            register_type: ro
                .register_type
                .unwrap_or_else(|| data_one(&|p| p.role_vocab.register_type.clone())),
            role_header: ro
                .role_header
                .unwrap_or_else(|| data_one(&|p| p.role_vocab.role_header.clone())),
            roles_heading: ro
                .roles_heading
                .unwrap_or_else(|| data_one(&|p| p.role_vocab.roles_heading.clone())),
            person_headers: ro
                .person_headers
                .unwrap_or_else(|| data(&|p| p.role_vocab.person_headers.clone())),
            responsibilities_headers: ro
                .responsibilities_headers
                .unwrap_or_else(|| data(&|p| p.role_vocab.responsibilities_headers.clone())),
            aliases: ro.aliases.unwrap_or_default(),
            process_types: ro
                .process_types
                .unwrap_or_else(|| data(&|p| p.role_vocab.process_types.clone())),
            sections: ro
                .sections
                .unwrap_or_else(|| data(&|p| p.role_vocab.sections.clone())),
        };

        let links = links_from_raw(raw.links.unwrap_or_default(), &err, &fail);
        let mut codes = Vec::new();
        for (code, clause) in raw.codes.unwrap_or_default() {
            let Some(rule) = crate::finding::find_rule(rules, code.get_ref()) else {
                fail(
                    err(
                        code.span(),
                        format!("`[codes]` names unknown code `{}`", code.get_ref()),
                        "no rule has this code or name",
                    )
                    .with_help("`smslint rules` lists every code and name"),
                );
                continue;
            };
            codes.push((rule.code.to_owned(), clause.trim().to_owned()));
        }

        if let Some(e) = ConfigError::collected(errors.into_inner()) {
            return Err(e);
        }
        Ok(Self {
            roles,
            links,
            codes,
            file,
            packs,
            include: include.into_iter().map(Spanned::into_inner).collect(),
            exclude: exclude.into_iter().map(Spanned::into_inner).collect(),
            include_set,
            exclude_set,
            meta_set,
            max_file_size: raw.max_file_size.unwrap_or(10 * 1024 * 1024),
            docs_url: raw.docs_url,
            max_repository_annotations: raw.max_repository_annotations.unwrap_or(10),
            doc: DocControl {
                fields,
                required,
                required_when_approved,
                id_pattern,
                version_pattern,
                statuses,
                approved_status: dc
                    .approved_status
                    .unwrap_or_else(|| data_one(&|p| p.doc_vocab.approved_status.clone())),
                retired_status: dc
                    .retired_status
                    .unwrap_or_else(|| data_one(&|p| p.doc_vocab.retired_status.clone())),
                types,
                types_explicit,
                type_from_title: dc.type_from_title.unwrap_or(true),
                sources,
                vocab: doc_vocab,
                defaults,
            },
            review: Review {
                default_cycle,
                warn_within_days,
                reviewed_types,
                reviewed_types_explicit,
                vocab: review_vocab,
            },
            rules: RuleSelection {
                select,
                ignore,
                severity,
            },
            exclusions,
            pack_paths: (pack_paths, dir.to_path_buf()),
            include_written,
        })
    }
}

/// Validate `[links]`: every value comes from a pull request, so paths stay inside the
/// repository and patterns are compiled with size limits.
/// `[links]`; each error goes to `fail` and its setting keeps the default.
fn links_from_raw(raw: RawLinks, err: &ErrAt<'_>, fail: &dyn Fn(ConfigError)) -> Links {
    let d = Links::default();
    let site_root = match raw.site_root {
        None => d.site_root,
        Some(s) => {
            let trimmed = s.get_ref().trim().trim_end_matches('/');
            let trimmed = trimmed.strip_prefix("./").unwrap_or(trimmed);
            let bad = trimmed.starts_with('/')
                || trimmed.contains('\\')
                || trimmed.contains(':')
                || trimmed
                    .split('/')
                    .any(|seg| seg == ".." || (seg.is_empty() && !trimmed.is_empty()));
            if bad {
                fail(
                    err(
                        s.span(),
                        format!("invalid `site-root` `{}`", s.get_ref()),
                        "not a folder inside the repository",
                    )
                    .with_help(
                        "name a folder relative to the repository root, e.g. \"site\" or \"docs/source\"",
                    ),
                );
                d.site_root
            } else {
                Some(if trimmed == "." {
                    String::new()
                } else {
                    trimmed.to_owned()
                })
            }
        }
    };
    let names = |v: Option<Vec<Spanned<String>>>, default: Vec<String>, what: &str, ext: bool| {
        let Some(v) = v else {
            return default;
        };
        v.into_iter()
            .filter_map(|n| {
                let raw = n.get_ref().trim();
                let name = if ext {
                    raw.strip_prefix('.').unwrap_or(raw)
                } else {
                    raw
                };
                if name.is_empty() || name.contains(['/', '\\']) || name == ".." || name == "." {
                    fail(err(
                        n.span(),
                        format!("invalid {what} `{}`", n.get_ref()),
                        "must be a plain file name part, without `/`",
                    ));
                    None
                } else {
                    Some(name.to_owned())
                }
            })
            .collect::<Vec<_>>()
    };
    let fallback_extensions = names(raw.fallback_extensions, d.fallback_extensions, "extension", true);
    let index_files = names(raw.index_files, d.index_files, "index file", false);
    let mut ignore = Vec::new();
    for p in raw.ignore.unwrap_or_default() {
        match RegexBuilder::new(p.get_ref())
            .size_limit(1 << 20)
            .dfa_size_limit(1 << 20)
            .build()
        {
            Ok(re) => ignore.push(re),
            Err(e) => fail(err(
                p.span(),
                format!("invalid regex `{}`", p.get_ref()),
                &e.to_string(),
            )),
        }
    }
    let anchors = match raw.anchors {
        None => d.anchors,
        Some(a) => AnchorStyle::from_name(a.get_ref()).unwrap_or_else(|| {
            fail(
                err(
                    a.span(),
                    format!("unknown anchor style `{}`", a.get_ref()),
                    "not an anchor style",
                )
                .with_help(format!("anchor styles: {}", AnchorStyle::NAMES.join(", "))),
            );
            d.anchors
        }),
    };
    Links {
        site_root,
        fallback_extensions,
        index_files,
        ignore,
        anchors,
    }
}

type ErrAt<'a> = dyn Fn(std::ops::Range<usize>, String, &str) -> ConfigError + 'a;

/// The error for a `[document-control]` key that names no canonical field; the help lists
/// `known` (`fields`, or `` `paths` and the fields ``) and the fields.
fn unknown_field(err: &ErrAt<'_>, name: &Spanned<String>, known: &str) -> ConfigError {
    err(
        name.span(),
        format!("unknown document-control field `{}`", name.get_ref()),
        "not a field",
    )
    .with_help(format!("{known}: {}", FIELDS.join(", ")))
}

/// The `[document-control]` vocabulary of the configuration, its field and column names checked.
fn doc_vocab(dc: &RawDocControl, err: &ErrAt<'_>, fail: &dyn Fn(ConfigError)) -> crate::vocab::RawDocVocab {
    let mut v = crate::vocab::RawDocVocab::default();
    for (canon, labels) in dc.labels.iter().flatten() {
        if !FIELDS.contains(&canon.get_ref().as_str()) {
            fail(unknown_field(&err, canon, "fields"));
            continue;
        }
        v.labels.insert(canon.get_ref().clone(), labels.clone());
    }
    let kinds = crate::vocab::REVISION_COLUMNS;
    for (kind, names) in dc.revision_columns.iter().flatten() {
        if !kinds.contains(&kind.get_ref().as_str()) {
            fail(
                err(
                    kind.span(),
                    format!("unknown revision-history column `{}`", kind.get_ref()),
                    "not a column kind",
                )
                .with_help(format!("column kinds: {}", kinds.join(", "))),
            );
            continue;
        }
        v.revision_columns.insert(kind.get_ref().clone(), names.clone());
    }
    v.type_synonyms = dc.type_synonyms.clone().unwrap_or_default();
    v.footer_headings = dc.footer_headings.clone().unwrap_or_default();
    v.revision_headings = dc.revision_headings.clone().unwrap_or_default();
    v
}

/// `[[document-control.defaults]]`: each entry's `paths` globs and its field values.
fn path_defaults(
    raw: Vec<RawDefault>,
    err: &ErrAt<'_>,
    fail: &dyn Fn(ConfigError),
) -> Vec<crate::vocab::PathDefault> {
    let mut out = Vec::new();
    'entry: for entry in raw {
        let span = entry.span();
        let mut paths = None;
        let mut fields = Vec::new();
        let mut bad = false;
        for (key, value) in entry.into_inner() {
            let vspan = value.span();
            if key.get_ref() == "paths" {
                let toml::Value::Array(list) = value.into_inner() else {
                    fail(err(
                        vspan,
                        "`paths` must be a list of globs".to_owned(),
                        "not a list",
                    ));
                    continue 'entry;
                };
                let mut b = GlobSetBuilder::new();
                for g in list {
                    let Some(g) = g.as_str() else {
                        fail(err(
                            vspan,
                            "`paths` must be a list of globs".to_owned(),
                            "not a glob",
                        ));
                        continue 'entry;
                    };
                    match Glob::new(g) {
                        Ok(g) => {
                            b.add(g);
                        }
                        Err(e) => {
                            fail(err(
                                vspan.clone(),
                                format!("invalid glob `{g}`"),
                                &e.kind().to_string(),
                            ));
                            continue 'entry;
                        }
                    }
                }
                match b.build() {
                    Ok(set) => paths = Some(set),
                    Err(e) => {
                        fail(ConfigError::plain(e.to_string()));
                        continue 'entry;
                    }
                }
            } else if FIELDS.contains(&key.get_ref().as_str()) {
                let toml::Value::String(s) = value.into_inner() else {
                    fail(err(
                        vspan,
                        format!("default `{}` must be a string", key.get_ref()),
                        "not a string",
                    ));
                    bad = true;
                    continue;
                };
                fields.push((key.into_inner(), s));
            } else {
                fail(unknown_field(&err, &key, "`paths` and the fields"));
                bad = true;
            }
        }
        let Some(paths) = paths else {
            fail(err(
                span,
                "a `[[document-control.defaults]]` entry has no `paths`".to_owned(),
                "no `paths`",
            ));
            continue;
        };
        if !bad {
            out.push(crate::vocab::PathDefault { paths, fields });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_table() {
        let d = Config::default();
        assert_eq!(d.links.site_root, None);
        assert_eq!(
            parse("[links]\nsite-root = \".\"\n")
                .unwrap()
                .links
                .site_root
                .as_deref(),
            Some("")
        );
        assert_eq!(d.links.fallback_extensions, ["md"]);
        assert_eq!(d.links.index_files, ["index.md", "README.md", "_index.md"]);
        assert_eq!(d.links.anchors, AnchorStyle::Auto);
        let c = parse(
            "[links]\nsite-root = \"./site/\"\nfallback-extensions = [\".md\", \"markdown\"]\nindex-files = [\"index.md\"]\nignore = ['^/apps/']\nanchors = \"kramdown\"\n",
        )
        .unwrap();
        assert_eq!(c.links.site_root.as_deref(), Some("site"));
        assert_eq!(c.links.fallback_extensions, ["md", "markdown"]);
        assert_eq!(c.links.index_files, ["index.md"]);
        assert!(c.links.ignore[0].is_match("/apps/x"));
        assert_eq!(c.links.anchors, AnchorStyle::Kramdown);
        for bad in [
            "site-root = \"../up\"",
            "site-root = \"/etc\"",
            "site-root = \"a//b\"",
            "index-files = [\"a/index.md\"]",
            "ignore = [\"(\"]",
            "ignore = [\"a{1000}{1000}{1000}\"]",
            "anchors = \"gitlab\"",
            "anchor = \"auto\"",
        ] {
            let e = parse(&format!("[links]\n{bad}\n")).unwrap_err();
            assert!(e.span().is_some_and(|s| s.offset() >= 8), "{bad}: {e:?}");
        }
    }

    fn parse(t: &str) -> Result<Config, ConfigError> {
        // These tests name no rule; the rule table comes from the checks, above this module.
        Config::parse("smslint.toml", t.into(), Path::new("."), &[])
    }

    #[test]
    fn defaults() {
        let c = Config::default();
        assert!(c.is_document("policies/a.md"));
        assert!(!c.is_document("README.md"));
        assert!(!c.is_document("x/README.md"));
        assert!(!c.is_document(".github/a.md"));
        assert!(c.skips_dir("node_modules"));
        assert_eq!(c.review.reviewed_types.len(), 9);
        assert!(c.doc.id_pattern.is_match("HDS-POL-01"));
        assert!(c.doc.id_pattern.is_match("ISMS-POL-001"));
        assert!(c.doc.id_pattern.is_match("POL-001"));
        assert!(!c.doc.id_pattern.is_match("pol-1"));
    }

    #[test]
    fn unknown_key_points_into_file() {
        let e = parse("packs = []\nbogus = 1\n").unwrap_err();
        assert_eq!(e.span(), Some((11..16).into()));
    }

    #[test]
    fn bad_regex_and_glob() {
        assert!(
            parse("[document-control]\nid-pattern = \"(\"\n")
                .unwrap_err()
                .message()
                .contains("regex")
        );
        assert!(
            parse("include = [\"a/**b[\"]\n")
                .unwrap_err()
                .message()
                .contains("glob")
        );
        assert!(parse("[document-control]\nid-pattern = \"a{1000}{1000}{1000}\"\n").is_err());
    }

    #[test]
    fn roles_table() {
        let c =
            parse("[roles]\nregister-type = \"register\"\naliases = { SLM = \"Service Level Manager\" }\n")
                .unwrap();
        assert_eq!(c.roles.register_type, "register");
        assert_eq!(c.roles.aliases["SLM"], "Service Level Manager");
        assert_eq!(Config::default().roles.role_header, "Role");
        assert!(parse("[roles]\nrole-headr = \"R\"\n").is_err());
    }

    #[test]
    fn vocabulary_sources_and_defaults() {
        let c = parse(
            "[document-control]\nsources = [\"front-matter\", \"label-lines\"]\n\
             labels = { owner = [\"Steward\"] }\n\
             [[document-control.defaults]]\npaths = [\"alerts/**\"]\ntype = \"procedure\"\n",
        )
        .unwrap();
        assert_eq!(c.doc.sources.as_ref().map(Vec::len), Some(2));
        assert_eq!(c.doc.vocab.labels["owner"], ["Steward"]);
        assert_eq!(c.doc.defaults.len(), 1);
        assert!(parse("[document-control]\nsources = [\"yaml\"]\n").is_err());
        assert!(parse("[document-control]\nlabels = { ownr = [\"x\"] }\n").is_err());
        assert!(parse("[[document-control.defaults]]\ntype = \"x\"\n").is_err());
        assert!(parse("[[document-control.defaults]]\npaths = [\"a/**\"]\ntipe = \"x\"\n").is_err());
        assert!(parse("[review]\ncycles = { Fortnight = \"often\" }\n").is_err());
    }

    /// Every bad entry is reported, not only the first: the first in the file leads, the
    /// others follow in file order, each with its own span.
    #[test]
    fn every_error_is_collected_in_file_order() {
        let text =
            "[links]\nanchors = \"gitlab\"\n[document-control]\nrequired = [\"ownr\", \"id\", \"titel\"]\n";
        let e = parse(text).unwrap_err();
        let at = |e: &ConfigError| {
            let s = e.span().unwrap();
            text[s.offset()..s.offset() + s.len()].to_owned()
        };
        let others: Vec<String> = e.others().iter().map(at).collect();
        assert_eq!(at(&e), "\"gitlab\"");
        assert_eq!(others, ["\"ownr\"", "\"titel\""]);
        assert!(
            parse("[links]\nanchors = \"github\"\n").is_ok_and(|c| c.links.anchors == AnchorStyle::Github)
        );
    }

    #[test]
    fn field_mapping() {
        let c = parse("[document-control.fields]\nowner = \"Document-Owner\"\n").unwrap();
        assert_eq!(c.key("owner"), "Document-Owner");
        assert_eq!(c.key("id"), "id");
    }
}
