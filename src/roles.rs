//! The roles register and RACI matrices, read from the parsed documents once per run.
//!
//! A role is defined by a row of a table in a `type: roles` document whose first header is
//! `Role`, or — when the register has no such table — by a sub-heading of its `Roles` heading.
//! A table with a person column (`Person`, `Name`) and a `Role` column maps people to roles.
//! Every name is configurable in `[roles]`.

use std::collections::HashMap;
use std::ops::Range;

use crate::config::Config;
use crate::document::{DocInfo, Document, Table};

/// A role, person or header name reduced for comparison: the one normaliser,
/// [`crate::text::key`] (`**Change & Release Managers**` is `change release manager`).
pub fn norm(name: &str) -> String {
    crate::text::key(name)
}

/// One definition of a role in a register.
#[derive(Debug, Clone)]
pub struct RoleDef {
    /// The name as written.
    pub name: String,
    /// [`norm`] of the name.
    pub key: String,
    /// Index of the register document.
    pub doc: usize,
    /// The defining cell or heading.
    pub span: Range<usize>,
    /// Where the responsibilities are missing, when they are.
    pub empty_responsibilities: Option<Range<usize>>,
}

/// Every role the repository defines, and who holds them.
#[derive(Debug, Clone, Default)]
pub struct RoleIndex {
    /// Indexes of the register documents.
    pub registers: Vec<usize>,
    /// Definitions in document order, duplicates included.
    pub defs: Vec<RoleDef>,
    /// Role key → index of its first definition.
    pub by_key: HashMap<String, usize>,
    /// Person key → role key.
    pub people: HashMap<String, String>,
    /// Alias key → role key.
    pub aliases: HashMap<String, String>,
}

impl RoleIndex {
    /// Read the registers among `docs`.
    pub fn build(docs: &[Document], info: &[DocInfo], config: &Config) -> Self {
        let rc = &config.roles;
        let mut ix = Self {
            aliases: rc.aliases.iter().map(|(a, r)| (norm(a), norm(r))).collect(),
            ..Self::default()
        };
        let role_h = norm(&rc.role_header);
        let person_h: Vec<String> = rc.person_headers.iter().map(|h| norm(h)).collect();
        let resp_h: Vec<String> = rc.responsibilities_headers.iter().map(|h| norm(h)).collect();
        for (i, doc) in docs.iter().enumerate() {
            let is_register = info[i]
                .doc_type
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case(&rc.register_type));
            if !is_register {
                continue;
            }
            ix.registers.push(i);
            let mut from_tables = false;
            for t in &doc.body.tables {
                let heads: Vec<String> = t.header.iter().map(|c| norm(&c.text)).collect();
                let role_col = heads.iter().position(|h| *h == role_h);
                let person_col = heads.iter().position(|h| person_h.contains(h));
                let resp = heads.iter().position(|h| resp_h.contains(h));
                if let (Some(r), Some(p)) = (role_col, person_col) {
                    for row in &t.rows {
                        if let (Some(pc), Some(rc)) = (row.get(p), row.get(r)) {
                            let (pk, rk) = (norm(&pc.text), norm(&rc.text));
                            if !pk.is_empty() && !rk.is_empty() {
                                ix.people.insert(pk, rk);
                            }
                        }
                    }
                }
                // `| Role | Person |` only says who holds a role; with a responsibilities
                // column (or no person column) a table whose first header is Role defines roles.
                if role_col == Some(0) && (person_col.is_none() || resp.is_some()) {
                    from_tables = true;
                    for row in &t.rows {
                        let Some(first) = row.first() else { continue };
                        let key = norm(&first.text);
                        if key.is_empty() {
                            continue;
                        }
                        let empty = match resp {
                            Some(c) => row
                                .get(c)
                                .filter(|c| c.text.trim().is_empty())
                                .map(|c| c.span.clone())
                                .or_else(|| (row.len() <= c).then(|| first.span.clone())),
                            None => row
                                .iter()
                                .skip(1)
                                .all(|c| c.text.trim().is_empty())
                                .then(|| first.span.clone()),
                        };
                        ix.push(RoleDef {
                            name: first.text.trim().to_owned(),
                            key,
                            doc: i,
                            span: first.span.clone(),
                            empty_responsibilities: empty,
                        });
                    }
                }
            }
            if from_tables {
                continue;
            }
            let hs = &doc.body.headings;
            let roles_heading = norm(&rc.roles_heading);
            for (hi, parent) in hs.iter().enumerate() {
                if norm(&parent.text) != roles_heading {
                    continue;
                }
                for (j, h) in hs.iter().enumerate().skip(hi + 1) {
                    if h.span.start >= parent.section_end {
                        break;
                    }
                    if h.level != parent.level + 1 {
                        continue;
                    }
                    let key = norm(&h.text);
                    if key.is_empty() {
                        continue;
                    }
                    let content = hs[j..]
                        .iter()
                        .take_while(|k| k.span.start < h.section_end)
                        .any(|k| k.has_content);
                    ix.push(RoleDef {
                        name: h.text.clone(),
                        key,
                        doc: i,
                        span: h.span.clone(),
                        empty_responsibilities: (!content).then(|| h.span.clone()),
                    });
                }
            }
        }
        ix
    }

    fn push(&mut self, def: RoleDef) {
        self.by_key.entry(def.key.clone()).or_insert(self.defs.len());
        self.defs.push(def);
    }

    /// The role a name stands for: the role itself, an alias of it, or a person holding it.
    pub fn resolve(&self, name: &str) -> Option<&RoleDef> {
        let k = norm(name);
        let k = self.aliases.get(&k).unwrap_or(&k);
        let k = self.people.get(k).unwrap_or(k);
        let k = self.aliases.get(k).unwrap_or(k);
        self.by_key.get(k).map(|&i| &self.defs[i])
    }

    /// Whether any role is defined.
    pub fn any(&self) -> bool {
        !self.defs.is_empty()
    }

    /// Distinct defined role names, in definition order.
    pub fn names(&self) -> Vec<&str> {
        let mut v: Vec<&str> = Vec::new();
        for (i, d) in self.defs.iter().enumerate() {
            if self.by_key.get(&d.key) == Some(&i) {
                v.push(d.name.as_str());
            }
        }
        v
    }
}

/// What a RACI cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RaciCell {
    /// Nothing (blank, `n/a`, or only dashes).
    Empty,
    /// RACI letters, upper-cased.
    Letters(Vec<char>),
    /// Something else.
    Invalid,
}

/// Read one RACI cell: letters R, A, C, I, alone or combined (`A/R`, `R, A`, `RA`).
pub fn raci_cell(text: &str) -> RaciCell {
    // Not [`norm`]: a cell's `/`, `-` and `n/a` are its content here, not punctuation.
    let t = text
        .trim()
        .trim_matches(|c: char| matches!(c, '*' | '_' | '`') || c.is_whitespace())
        .to_lowercase();
    if t.is_empty() || t.chars().all(|c| matches!(c, '-' | '–' | '—' | ':')) || t == "n/a" {
        return RaciCell::Empty;
    }
    let mut letters = Vec::new();
    for c in t.chars() {
        match c.to_ascii_uppercase() {
            l @ ('R' | 'A' | 'C' | 'I') => letters.push(l),
            '/' | ',' | '+' | '&' | ';' => {}
            c if c.is_whitespace() => {}
            _ => return RaciCell::Invalid,
        }
    }
    if letters.is_empty() {
        RaciCell::Invalid
    } else {
        RaciCell::Letters(letters)
    }
}

/// Whether a table of `doc` is a RACI matrix: under a heading containing `RACI`, or with at
/// least two role columns whose non-empty body cells are at least 80% RACI letters (and hold at
/// least one). A table with no filled body cell never is; neither is a role-defining table.
pub fn is_raci(doc: &Document, t: &Table, role_header: &str) -> bool {
    if t.header.len() < 2
        || t.header
            .first()
            .is_some_and(|c| norm(&c.text) == norm(role_header))
    {
        return false;
    }
    let cells: Vec<RaciCell> = t
        .rows
        .iter()
        .flat_map(|r| r.iter().skip(1))
        .map(|c| raci_cell(&c.text))
        .filter(|c| *c != RaciCell::Empty)
        .collect();
    if cells.is_empty() {
        return false;
    }
    if under_raci_heading(doc, t) {
        return true;
    }
    let role_cols = t
        .header
        .iter()
        .skip(1)
        .filter(|c| !c.text.trim().is_empty())
        .count();
    let letters = cells.iter().filter(|c| matches!(c, RaciCell::Letters(_))).count();
    role_cols >= 2 && letters > 0 && letters * 5 >= cells.len() * 4
}

/// Whether the table's nearest heading, or one of that heading's parents, mentions RACI.
fn under_raci_heading(doc: &Document, t: &Table) -> bool {
    let Some(mut i) = t.heading else { return false };
    let hs = &doc.body.headings;
    let mut level = u8::MAX;
    loop {
        let Some(h) = hs.get(i) else { return false };
        if h.level < level {
            if h.text.to_uppercase().contains("RACI") {
                return true;
            }
            level = h.level;
        }
        if level == 1 || i == 0 {
            return false;
        }
        i -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_loosely() {
        assert_eq!(norm("  **Service  Level Manager** "), "service level manager");
        assert_eq!(norm("_Change Manager_"), "change manager");
        assert_eq!(
            norm("Change & Release Managers"),
            norm("change and release manager")
        );
    }

    #[test]
    fn raci_cells() {
        assert_eq!(raci_cell("A/R"), RaciCell::Letters(vec!['A', 'R']));
        assert_eq!(raci_cell("R, A"), RaciCell::Letters(vec!['R', 'A']));
        assert_eq!(raci_cell("-"), RaciCell::Empty);
        assert_eq!(raci_cell(":---:"), RaciCell::Empty);
        assert_eq!(raci_cell("S"), RaciCell::Invalid);
        assert_eq!(raci_cell("Yes"), RaciCell::Invalid);
    }

    fn doc(src: &str) -> Document {
        Document::parse("a.md".into(), src)
    }

    #[test]
    fn raci_detection() {
        let by_content = doc(
            "# P\n\n| Activity | Change Manager | CAB |\n|---|---|---|\n| Approve | A | C |\n| Build | R | I |\n",
        );
        assert!(is_raci(&by_content, &by_content.body.tables[0], "Role"));
        let one_col = doc("# P\n\n| Activity | Change Manager |\n|---|---|\n| Approve | A |\n");
        assert!(!is_raci(&one_col, &one_col.body.tables[0], "Role"));
        let by_heading = doc("## RACI\n\n### Detail\n\n| Activity | Owner |\n|---|---|\n| Approve | A |\n");
        assert!(is_raci(&by_heading, &by_heading.body.tables[0], "Role"));
        let blank = doc("## RACI\n\n| Activity | A | B |\n|---|---|---|\n| Approve | | |\n");
        assert!(!is_raci(&blank, &blank.body.tables[0], "Role"));
        let prose =
            doc("# P\n\n| Item | Owner | Notes |\n|---|---|---|\n| Laptops | IT | Replaced in 2026 |\n");
        assert!(!is_raci(&prose, &prose.body.tables[0], "Role"));
    }

    #[test]
    fn register_by_table_people_and_aliases() {
        let src = "---\ntype: roles\n---\n# R\n\n| Role | Responsibilities |\n|---|---|\n| Change Manager | Runs CAB |\n| Auditor | |\n\n| Person | Role |\n|---|---|\n| Jane Doe | Change Manager |\n\n| Role | Name |\n|---|---|\n| Auditor | Joe Bloggs |\n";
        let d = doc(src);
        let mut config = Config::default();
        config.roles.aliases.insert("CM".into(), "Change Manager".into());
        let info = vec![DocInfo::read(&d, &config)];
        let ix = RoleIndex::build(std::slice::from_ref(&d), &info, &config);
        assert_eq!(ix.names(), ["Change Manager", "Auditor"]);
        assert!(ix.resolve("jane doe").is_some());
        assert_eq!(ix.resolve("Joe Bloggs").map(|d| d.name.as_str()), Some("Auditor"));
        assert!(ix.resolve("CM").is_some());
        assert!(ix.resolve("Nobody").is_none());
        assert!(ix.defs[1].empty_responsibilities.is_some());
    }

    #[test]
    fn register_by_headings() {
        let src = "---\ntype: roles\n---\n# R\n\n## Roles\n\n### Change Manager\n\nRuns the CAB.\n\n### Auditor\n\n## Other\n";
        let d = doc(src);
        let config = Config::default();
        let info = vec![DocInfo::read(&d, &config)];
        let ix = RoleIndex::build(std::slice::from_ref(&d), &info, &config);
        assert_eq!(ix.names(), ["Change Manager", "Auditor"]);
        assert!(ix.defs[0].empty_responsibilities.is_none());
        assert!(ix.defs[1].empty_responsibilities.is_some());
    }
}
