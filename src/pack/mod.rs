//! Rule packs: the clause requirements of a standard, kept as TOML data under `rules/`.
//!
//! The built-in ISO/IEC 20000-1:2018 pack is embedded with `include_str!` and loaded through
//! the same code path as a user's own pack file or folder. Pack files are parsed strictly and
//! every error points into the TOML.

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::config::{ConfigError, PackRef};
use crate::finding::Severity;

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
    ],
)];

/// The files of a built-in pack.
pub fn builtin_source(name: &str) -> Option<&'static [(&'static str, &'static str)]> {
    BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, files)| *files)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPackFile {
    pack: Option<RawPackMeta>,
    #[serde(default)]
    clause: Vec<Clause>,
    #[serde(default)]
    requirement: Vec<Spanned<RawRequirement>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPackMeta {
    name: String,
    title: String,
    #[serde(default)]
    description: String,
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
}

fn one() -> u32 {
    1
}
fn error() -> Severity {
    Severity::Error
}

/// A required section heading or table column, with the other names that count as it.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Synonyms {
    /// The name smslint suggests.
    pub name: String,
    /// Other accepted names.
    #[serde(default)]
    pub synonyms: Vec<String>,
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
    /// The pack it belongs to.
    pub pack: String,
}

impl Requirement {
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

/// `8.2.4` is the same as or a sub-clause of `8.2` and `8`; `8.20` is not a sub-clause of `8.2`.
pub fn is_same_or_sub_clause(clause: &str, of: &str) -> bool {
    clause == of || (clause.len() > of.len() && clause.starts_with(of) && clause.as_bytes()[of.len()] == b'.')
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
    /// Clause tree, in file order.
    pub clauses: Vec<Clause>,
    /// Requirements, in file order.
    pub requirements: Vec<Requirement>,
}

/// Every pack of the run.
#[derive(Debug, Clone, Default)]
pub struct Packs {
    /// In configuration order.
    pub packs: Vec<Pack>,
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

    /// A clause by number, from the first pack that has it.
    pub fn clause(&self, id: &str) -> Option<&Clause> {
        self.packs
            .iter()
            .flat_map(|p| p.clauses.iter())
            .find(|c| c.id == id)
    }

    /// Load every pack named by the configuration. `root` shortens paths in errors.
    pub fn load(refs: &[PackRef], root: &Path) -> Result<Self, ConfigError> {
        let mut packs = Vec::new();
        for r in refs {
            let files: Vec<(String, Arc<str>)> = match r {
                PackRef::Builtin(name) => builtin_source(name)
                    .ok_or_else(|| ConfigError::plain(format!("unknown built-in pack `{name}`")))?
                    .iter()
                    .map(|(f, t)| (format!("<built-in {name}>/{f}"), Arc::from(*t)))
                    .collect(),
                PackRef::Path(path) => read_pack_files(path, root)?,
            };
            packs.push(parse_pack(&files)?);
        }
        let packs = Self { packs };
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

fn read_pack_files(path: &Path, root: &Path) -> Result<Vec<(String, Arc<str>)>, ConfigError> {
    let shown = |p: &Path| {
        p.strip_prefix(root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let read = |p: &Path| {
        std::fs::read_to_string(p)
            .map(|t| (shown(p), Arc::from(t)))
            .map_err(|e| ConfigError::plain(format!("cannot read pack `{}`: {e}", shown(p))))
    };
    if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| ConfigError::plain(format!("cannot read pack folder `{}`: {e}", shown(path))))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(ConfigError::plain(format!(
                "pack folder `{}` holds no .toml file",
                shown(path)
            )));
        }
        files.iter().map(|p| read(p)).collect()
    } else {
        Ok(vec![read(path)?])
    }
}

/// Parse the files of one pack (exactly one of them has the `[pack]` table).
pub fn parse_pack(files: &[(String, Arc<str>)]) -> Result<Pack, ConfigError> {
    let mut meta: Option<RawPackMeta> = None;
    let mut clauses = Vec::new();
    let mut reqs = Vec::new();
    for (name, text) in files {
        let raw: RawPackFile = toml::from_str(text).map_err(|e| ConfigError::toml(name, text, &e))?;
        if let Some(m) = raw.pack {
            meta = Some(m);
        }
        clauses.extend(raw.clause);
        for r in raw.requirement {
            reqs.push((name.clone(), Arc::clone(text), r));
        }
    }
    let Some(meta) = meta else {
        let names: Vec<_> = files.iter().map(|(n, _)| n.as_str()).collect();
        return Err(
            ConfigError::plain(format!("pack `{}` has no [pack] table", names.join(", ")))
                .with_help("add `[pack]` with `name` and `title` to one file of the pack"),
        );
    };
    let mut requirements = Vec::new();
    for (name, text, r) in reqs {
        let span = r.span();
        let r = r.into_inner();
        if r.types.is_empty() {
            return Err(ConfigError::at(
                &name,
                &text,
                span,
                format!("requirement `{}` accepts no type", r.id),
                "empty `types`",
            ));
        }
        if !clauses.is_empty() && !clauses.iter().any(|c: &Clause| c.id == r.clause) {
            return Err(ConfigError::at(
                &name,
                &text,
                span,
                format!(
                    "requirement `{}` names clause `{}`, which the pack's clause tree lacks",
                    r.id, r.clause
                ),
                "unknown clause",
            ));
        }
        requirements.push(Requirement {
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
            pack: meta.name.clone(),
        });
    }
    Ok(Pack {
        name: meta.name,
        title: meta.title,
        description: meta.description,
        clauses,
        requirements,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads() {
        let p = Packs::load(&[PackRef::Builtin("iso20000-1:2018".into())], Path::new(".")).unwrap();
        assert!(p.requirement("service-management-policy").is_some());
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
        let e = parse_pack(&[("x.toml".into(), text)]).unwrap_err();
        assert!(format!("{e:?}").contains("bogus"));
    }
}
