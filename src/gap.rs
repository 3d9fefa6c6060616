//! The compliance manager's view of a run: per clause of the packs, which documents are its
//! evidence and whether it is covered; per requirement, whether it is satisfied; readiness
//! figures; findings grouped by clause; the review calendar. Built from a finished
//! [`Run`], so new requirements and codes are picked up without change here.
//!
//! Pure: no I/O, no clock, no text rendering (`src/output/report_*.rs` render it).

use std::collections::{BTreeMap, HashSet};

use jiff::civil::Date;
use serde::Serialize;

use crate::calendar::{self, ReviewEntry};
use crate::checks::{self, Context, required_document};
use crate::clause::ClauseId;
use crate::finding::Severity;
use crate::outcome::Run;
use crate::pack::{Requirement, is_same_or_sub_clause};

/// How well a clause or requirement is evidenced, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Enough approved evidence, reviews current, no error finding on it.
    Covered,
    /// Approved and current, but its evidence has error findings to fix.
    CoveredWithFindings,
    /// Approved, but the review date of the evidence has passed.
    Stale,
    /// Evidence exists only as draft, in review or retired.
    DraftOnly,
    /// No document is evidence.
    Missing,
    /// Every requirement of the clause is excluded in `smslint.toml`, and no document names it.
    Excluded,
    /// No document names the clause and the packs require none for it.
    NoEvidence,
}

impl Status {
    /// Kebab-case name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Covered => "covered",
            Status::CoveredWithFindings => "covered-with-findings",
            Status::Stale => "stale",
            Status::DraftOnly => "draft-only",
            Status::Missing => "missing",
            Status::Excluded => "excluded",
            Status::NoEvidence => "no-evidence",
        }
    }

    /// Every status, best first.
    pub const ALL: [Status; 7] = [
        Status::Covered,
        Status::CoveredWithFindings,
        Status::Stale,
        Status::DraftOnly,
        Status::Missing,
        Status::Excluded,
        Status::NoEvidence,
    ];
}

/// One document as the report shows it.
#[derive(Debug, Clone, Serialize)]
pub struct DocRow {
    /// Repository-relative path.
    pub path: String,
    /// `id`.
    pub id: Option<String>,
    /// `title`.
    pub title: Option<String>,
    /// `type`.
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    /// `owner`.
    pub owner: Option<String>,
    /// `status`.
    pub status: Option<String>,
    /// `version`.
    pub version: Option<String>,
    /// `clauses`.
    pub clauses: Vec<String>,
    /// Next review date, for living documents that give one.
    #[serde(serialize_with = "opt_date")]
    pub next_review: Option<Date>,
    /// Whether that date has passed.
    pub overdue: bool,
    /// Findings in the file.
    pub findings: usize,
    /// Error findings in the file.
    pub errors: usize,
    /// The document's own standing (`covered` = approved, current, no errors).
    pub standing: Status,
}

/// One requirement of the packs.
#[derive(Debug, Clone, Serialize)]
pub struct RequirementRow {
    /// Requirement id.
    pub id: String,
    /// Short title.
    pub title: String,
    /// Clause it belongs to.
    pub clause: String,
    /// Documents needed.
    pub min: u32,
    /// Status.
    pub status: Status,
    /// Whether it counts as satisfied (status `covered`).
    pub satisfied: bool,
    /// Paths of the documents that are evidence for it.
    pub evidence: Vec<String>,
    /// The reason given in `smslint.toml` when it is excluded.
    pub excluded: Option<String>,
}

/// One clause of the packs' trees.
#[derive(Debug, Clone, Serialize)]
pub struct ClauseRow {
    /// Number, e.g. `8.2.4`.
    pub id: String,
    /// Short title.
    pub title: String,
    /// 0 for `8`, 1 for `8.2`, …
    pub depth: usize,
    /// Status, from the requirements of the clause and its sub-clauses (the worst of them), or
    /// else from the documents naming it or a sub-clause (the best of them).
    pub status: Status,
    /// Ids of the requirements attached to exactly this clause.
    pub requirements: Vec<String>,
    /// Paths of the documents naming exactly this clause or evidence for its requirements.
    pub documents: Vec<String>,
    /// Findings in those documents, plus repository-level findings citing this clause.
    pub findings: usize,
}

/// Satisfied requirements out of all that apply.
#[derive(Debug, Clone, Serialize)]
pub struct Readiness {
    /// Clause family (`4` … `10`), or `all`.
    pub clause: String,
    /// Title of the family.
    pub title: String,
    /// Requirements satisfied.
    pub satisfied: usize,
    /// Requirements that apply (excluded ones do not).
    pub total: usize,
    /// Whole percent, rounded down; `None` when no requirement applies.
    pub percent: Option<u32>,
}

/// One finding in the report.
#[derive(Debug, Clone, Serialize)]
pub struct FindingRow {
    /// Code.
    pub code: &'static str,
    /// Rule name.
    pub name: &'static str,
    /// Severity.
    pub severity: Severity,
    /// Path, `None` for a repository-level finding.
    pub path: Option<String>,
    /// 1-based line.
    pub line: Option<u32>,
    /// 1-based column.
    pub column: Option<u32>,
    /// What is wrong.
    pub message: String,
}

/// The findings that cite one clause.
#[derive(Debug, Clone, Serialize)]
pub struct FindingGroup {
    /// Clause, `None` for findings that cite none.
    pub clause: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// The findings.
    pub findings: Vec<FindingRow>,
}

/// Reviews due per month.
#[derive(Debug, Clone, Serialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// Reviews falling due in it.
    pub count: usize,
}

/// The review calendar of the report.
#[derive(Debug, Clone, Serialize)]
pub struct Calendar {
    /// Reviews whose date has passed.
    pub overdue: usize,
    /// Reviews due per month, for the 12 months starting with today's.
    pub months: Vec<MonthCount>,
    /// Overdue reviews and those due within the 12 months, by date.
    pub reviews: Vec<ReviewEntry>,
}

/// Counts of the run.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Documents indexed.
    pub documents: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Findings silenced by suppressions.
    pub suppressed: usize,
}

/// A pack the report was computed against.
#[derive(Debug, Clone, Serialize)]
pub struct PackRow {
    /// Name.
    pub name: String,
    /// Title.
    pub title: String,
}

/// The whole gap analysis.
#[derive(Debug, Clone, Serialize)]
pub struct GapReport {
    /// Version of this document's shape.
    pub version: u32,
    /// Name of the repository's folder.
    pub repository: String,
    /// The date the run was judged on.
    #[serde(serialize_with = "calendar::date_str")]
    pub today: Date,
    /// Packs used.
    pub packs: Vec<PackRow>,
    /// Counts.
    pub summary: Summary,
    /// Overall readiness.
    pub readiness: Readiness,
    /// Readiness per clause family.
    pub families: Vec<Readiness>,
    /// Every clause, in the packs' order.
    pub clauses: Vec<ClauseRow>,
    /// Every requirement, in the packs' order.
    pub requirements: Vec<RequirementRow>,
    /// Every document, by path.
    pub documents: Vec<DocRow>,
    /// Findings grouped by the clause they cite, in clause order.
    pub findings: Vec<FindingGroup>,
    /// Review calendar.
    pub calendar: Calendar,
}

#[allow(clippy::ref_option, clippy::trivially_copy_pass_by_ref)] // serde's `serialize_with` passes `&Option<T>`
fn opt_date<S: serde::Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

/// Sort key of a clause number: `8.10` after `8.9` (see [`ClauseId`]).
pub fn clause_key(id: &str) -> ClauseId {
    ClauseId::new(id)
}

impl GapReport {
    /// A document row by path.
    pub fn document(&self, path: &str) -> Option<&DocRow> {
        self.documents
            .binary_search_by(|d| d.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.documents[i])
    }

    /// The requirements of exactly `clause`.
    pub fn requirements_of<'a>(&'a self, clause: &'a ClauseRow) -> impl Iterator<Item = &'a RequirementRow> {
        self.requirements.iter().filter(move |r| r.clause == clause.id)
    }

    /// Clauses with a requirement of their own that is `missing`, in order (their parents,
    /// missing only because of them, are left out).
    pub fn missing(&self) -> impl Iterator<Item = (&ClauseRow, Vec<&RequirementRow>)> {
        self.clauses.iter().filter_map(|c| {
            let reqs: Vec<&RequirementRow> = self
                .requirements_of(c)
                .filter(|r| r.status == Status::Missing)
                .collect();
            (!reqs.is_empty()).then_some((c, reqs))
        })
    }
}

/// Compute the gap analysis of a finished run.
pub fn analyse(report: &Run<'_>) -> GapReport {
    let cx = Context::new(report.config, report.packs, report.today);
    let repo = &report.repo;
    let reviews = calendar::reviews(repo, &cx);
    let due_by_path: BTreeMap<&str, &ReviewEntry> = reviews.iter().map(|r| (r.path.as_str(), r)).collect();
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for f in &report.findings {
        if let Some(p) = &f.path {
            let c = counts.entry(p.as_str()).or_default();
            c.0 += 1;
            if f.severity == Severity::Error {
                c.1 += 1;
            }
        }
    }
    let approved = &report.config.doc.approved_status;
    let documents: Vec<DocRow> = repo
        .docs
        .iter()
        .zip(&repo.info)
        .map(|(doc, info)| {
            let text = |name: &str| {
                checks::field(doc, &cx, name)
                    .and_then(|f| f.value.as_str())
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
            };
            let review = due_by_path.get(doc.path.as_str());
            let (findings, errors) = counts.get(doc.path.as_str()).copied().unwrap_or_default();
            let overdue = review.is_some_and(|r| r.overdue);
            let is_approved = info
                .status_text()
                .is_some_and(|s| s.eq_ignore_ascii_case(approved));
            DocRow {
                path: doc.path.clone(),
                id: info.id.as_ref().map(|(i, _)| i.clone()),
                title: info.title.clone(),
                doc_type: info.doc_type.clone(),
                owner: text("owner"),
                status: info.status_text().map(str::to_owned),
                version: text("version"),
                clauses: info.clauses.iter().map(|(c, _)| c.clone()).collect(),
                next_review: review.map(|r| r.due),
                overdue,
                findings,
                errors,
                standing: standing(is_approved, overdue, errors),
            }
        })
        .collect();

    let requirements: Vec<RequirementRow> = report
        .packs
        .requirements()
        .map(|req| requirement_row(report, &cx, req, &documents))
        .collect();

    let clauses = clause_rows(report, &requirements, &documents);
    let overall = readiness("all", "All clauses", requirements.iter());
    let mut families: Vec<Readiness> = clauses
        .iter()
        .filter(|c| c.depth == 0)
        .map(|c| {
            readiness(
                &c.id,
                &c.title,
                requirements
                    .iter()
                    .filter(|r| is_same_or_sub_clause(&r.clause, &c.id)),
            )
        })
        .collect();
    families.sort_by_key(|f| clause_key(&f.clause));

    let (overdue, months) = calendar::per_month(&reviews, report.today, 12);
    let horizon = report
        .today
        .first_of_month()
        .checked_add(jiff::Span::new().months(12))
        .unwrap_or(Date::MAX);
    let calendar = Calendar {
        overdue,
        months: months
            .into_iter()
            .map(|(month, count)| MonthCount { month, count })
            .collect(),
        reviews: reviews.iter().filter(|r| r.due < horizon).cloned().collect(),
    };

    GapReport {
        version: 1,
        repository: report
            .root
            .file_name()
            .map_or_else(|| ".".to_owned(), |n| n.to_string_lossy().into_owned()),
        today: report.today,
        packs: report
            .packs
            .packs
            .iter()
            .map(|p| PackRow {
                name: p.name.clone(),
                title: p.title.clone(),
            })
            .collect(),
        summary: Summary {
            documents: report.documents,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            suppressed: report.suppressed,
        },
        readiness: overall,
        families,
        clauses,
        requirements,
        documents,
        findings: finding_groups(report),
        calendar,
    }
}

fn standing(approved: bool, overdue: bool, errors: usize) -> Status {
    if !approved {
        Status::DraftOnly
    } else if overdue {
        Status::Stale
    } else if errors > 0 {
        Status::CoveredWithFindings
    } else {
        Status::Covered
    }
}

fn requirement_row(report: &Run<'_>, cx: &Context<'_>, req: &Requirement, docs: &[DocRow]) -> RequirementRow {
    let evidence = required_document::evidence(&report.repo, req);
    let excluded = report
        .config
        .exclusions
        .iter()
        .find(|e| e.requirement == req.id)
        .map(|e| e.reason.clone());
    let min = req.min.max(1) as usize;
    let counted: Vec<usize> = evidence
        .iter()
        .copied()
        .filter(|&i| required_document::counts(req, report.repo.info[i].status_text(), cx))
        .collect();
    let current: Vec<usize> = counted.iter().copied().filter(|&i| !docs[i].overdue).collect();
    let clean = current.iter().filter(|&&i| docs[i].errors == 0).count();
    let status = if excluded.is_some() {
        Status::Excluded
    } else if evidence.is_empty() {
        Status::Missing
    } else if counted.len() < min {
        Status::DraftOnly
    } else if current.len() < min {
        Status::Stale
    } else if clean < min {
        Status::CoveredWithFindings
    } else {
        Status::Covered
    };
    RequirementRow {
        id: req.id.clone(),
        title: req.title.clone(),
        clause: req.clause.clone(),
        min: req.min,
        status,
        satisfied: status == Status::Covered,
        evidence: evidence.iter().map(|&i| docs[i].path.clone()).collect(),
        excluded,
    }
}

fn clause_rows(report: &Run<'_>, reqs: &[RequirementRow], docs: &[DocRow]) -> Vec<ClauseRow> {
    let mut tree: Vec<(String, String)> = Vec::new();
    let mut seen = HashSet::new();
    for c in report.packs.packs.iter().flat_map(|p| &p.clauses) {
        if seen.insert(c.id.clone()) {
            tree.push((c.id.clone(), c.title.clone()));
        }
    }
    // A pack without a clause tree still gets a row per clause its requirements name.
    let mut extra: Vec<String> = reqs
        .iter()
        .map(|r| r.clause.clone())
        .filter(|c| !seen.contains(c))
        .collect();
    extra.sort_by_key(|c| clause_key(c));
    extra.dedup();
    tree.extend(extra.into_iter().map(|c| (c, String::new())));

    let shallowest = tree
        .iter()
        .map(|(id, _)| id.matches('.').count())
        .min()
        .unwrap_or(0);
    tree.iter()
        .map(|(id, title)| {
            let names = |d: &DocRow, exact: bool| {
                d.clauses.iter().any(|c| {
                    if exact {
                        c == id
                    } else {
                        is_same_or_sub_clause(c, id)
                    }
                })
            };
            let own_reqs: Vec<&RequirementRow> = reqs.iter().filter(|r| &r.clause == id).collect();
            let sub_reqs: Vec<&RequirementRow> = reqs
                .iter()
                .filter(|r| is_same_or_sub_clause(&r.clause, id))
                .collect();
            let mut direct: Vec<String> = docs
                .iter()
                .filter(|d| names(d, true))
                .map(|d| d.path.clone())
                .chain(own_reqs.iter().flat_map(|r| r.evidence.iter().cloned()))
                .collect();
            direct.sort();
            direct.dedup();
            let applying: Vec<&&RequirementRow> = sub_reqs.iter().filter(|r| r.excluded.is_none()).collect();
            let status = if let Some(worst) = applying.iter().map(|r| r.status).max() {
                worst
            } else {
                let subtree: Vec<&DocRow> = docs
                    .iter()
                    .filter(|d| names(d, false) || sub_reqs.iter().any(|r| r.evidence.contains(&d.path)))
                    .collect();
                match subtree.iter().map(|d| d.standing).min() {
                    Some(best) => best,
                    None if !sub_reqs.is_empty() => Status::Excluded,
                    None => Status::NoEvidence,
                }
            };
            let findings = report
                .findings
                .iter()
                .filter(|f| match &f.path {
                    Some(p) => direct.contains(p),
                    None => f.clause.as_deref() == Some(id.as_str()),
                })
                .count();
            ClauseRow {
                id: id.clone(),
                title: title.clone(),
                depth: id.matches('.').count().saturating_sub(shallowest),
                status,
                requirements: own_reqs.iter().map(|r| r.id.clone()).collect(),
                documents: direct,
                findings,
            }
        })
        .collect()
}

fn readiness<'a>(clause: &str, title: &str, reqs: impl Iterator<Item = &'a RequirementRow>) -> Readiness {
    let (satisfied, total) = reqs
        .filter(|r| r.excluded.is_none())
        .fold((0, 0), |(s, t), r| (s + usize::from(r.satisfied), t + 1));
    let percent = (total > 0).then(|| u32::try_from(satisfied * 100 / total).unwrap_or(100));
    Readiness {
        clause: clause.to_owned(),
        title: title.to_owned(),
        satisfied,
        total,
        percent,
    }
}

fn finding_groups(report: &Run<'_>) -> Vec<FindingGroup> {
    let mut groups: BTreeMap<Option<ClauseId>, FindingGroup> = BTreeMap::new();
    for f in &report.findings {
        let key = f.clause.as_deref().map(clause_key);
        let g = groups.entry(key).or_insert_with(|| FindingGroup {
            clause: f.clause.clone(),
            title: f
                .clause
                .as_deref()
                .and_then(|c| report.packs.clause(c))
                .map(|c| c.title.clone()),
            findings: Vec::new(),
        });
        g.findings.push(FindingRow {
            code: f.code(),
            name: f.name(),
            severity: f.severity,
            path: f.path.clone(),
            line: f.position.map(|p| p.line),
            column: f.position.map(|p| p.column),
            message: f.message.clone(),
        });
    }
    // `None` sorts first in a BTreeMap; findings citing no clause go last.
    let mut out: Vec<FindingGroup> = groups.into_values().collect();
    let none_first = out.first().is_some_and(|g| g.clause.is_none());
    out.rotate_left(usize::from(none_first));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_order_is_numeric() {
        let mut v = vec!["8.10", "8.2", "10", "8", "9.1"];
        v.sort_by_key(|c| clause_key(c));
        assert_eq!(v, ["8", "8.2", "8.10", "9.1", "10"]);
    }

    #[test]
    fn standing_order() {
        assert_eq!(standing(false, true, 3), Status::DraftOnly);
        assert_eq!(standing(true, true, 0), Status::Stale);
        assert_eq!(standing(true, false, 1), Status::CoveredWithFindings);
        assert_eq!(standing(true, false, 0), Status::Covered);
        assert!(Status::Missing > Status::DraftOnly && Status::DraftOnly > Status::Stale);
    }
}
