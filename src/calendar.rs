//! The review calendar: when each living document's next review falls due, read with the same
//! rules as the review check ([`crate::checks::review::next_review`]). Pure: the date is
//! injected, nothing is printed or read here.

use jiff::civil::Date;
use serde::Serialize;

use crate::checks::{self, Context, review};
use crate::dates::{Duration, days_between};
use crate::index::Repo;
use crate::roles::{self, RoleIndex};

/// One scheduled review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewEntry {
    /// Repository-relative path.
    pub path: String,
    /// Document id (the path when the document has none).
    pub id: String,
    /// Title (the path when the document has none).
    pub title: String,
    /// Owner, when given.
    pub owner: Option<String>,
    /// Approver, when given.
    pub approver: Option<String>,
    /// Status, when given.
    pub status: Option<String>,
    /// When the review falls due.
    #[serde(serialize_with = "crate::calendar::date_str")]
    pub due: Date,
    /// Days from today to `due` (negative when overdue).
    pub days: i64,
    /// Whether the review date has passed.
    pub overdue: bool,
}

/// Serialize a date as `YYYY-MM-DD`.
pub fn date_str<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

/// Every living document's next review, sorted by date, then path.
pub fn reviews(repo: &Repo, cx: &Context<'_>) -> Vec<ReviewEntry> {
    let mut out: Vec<ReviewEntry> = repo
        .docs
        .iter()
        .zip(&repo.info)
        .filter(|(doc, _)| review::is_reviewed(doc, cx))
        .filter_map(|(doc, info)| {
            let (due, _) = review::next_review(doc, cx)?;
            let text = |name: &str| {
                checks::field(doc, cx, name)
                    .and_then(|f| f.value.as_str())
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
            };
            let days = days_between(cx.today, due);
            Some(ReviewEntry {
                path: doc.path.clone(),
                id: info
                    .id
                    .as_ref()
                    .map_or_else(|| doc.path.clone(), |(i, _)| i.clone()),
                title: info.title.clone().unwrap_or_else(|| doc.path.clone()),
                owner: text("owner"),
                approver: text("approver"),
                status: info.status_text().map(str::to_owned),
                due,
                days,
                overdue: days < 0,
            })
        })
        .collect();
    out.sort_by(|a, b| (a.due, &a.path).cmp(&(b.due, &b.path)));
    out
}

/// Whether `name` (a document's owner or approver) is `wanted`: the same text (case and blanks
/// aside), or the same role through the roles register (a person holding it, an alias).
pub fn same_holder(roles: &RoleIndex, wanted: &str, name: &str) -> bool {
    if roles::norm(wanted) == roles::norm(name) {
        return true;
    }
    match (roles.resolve(wanted), roles.resolve(name)) {
        (Some(a), Some(b)) => a.key == b.key,
        _ => false,
    }
}

/// The reviews that are overdue or fall due within `within` of `today` (inclusive), optionally
/// only those whose owner or approver is `owner` (see [`same_holder`]).
pub fn due(
    entries: &[ReviewEntry],
    today: Date,
    within: Duration,
    owner: Option<&str>,
    roles: &RoleIndex,
) -> Vec<ReviewEntry> {
    let end = within.add_to(today).unwrap_or(Date::MAX);
    let wanted = owner.map(str::trim).filter(|o| !o.is_empty());
    entries
        .iter()
        .filter(|e| e.due <= end)
        .filter(|e| {
            wanted.is_none_or(|w| {
                [&e.owner, &e.approver]
                    .iter()
                    .any(|o| o.as_deref().is_some_and(|o| same_holder(roles, w, o)))
            })
        })
        .cloned()
        .collect()
}

/// Reviews due per month: the overdue count, then one bucket per month for `months` months
/// starting with today's month (`YYYY-MM`, count).
pub fn per_month(entries: &[ReviewEntry], today: Date, months: i8) -> (usize, Vec<(String, usize)>) {
    let overdue = entries.iter().filter(|e| e.overdue).count();
    let first = today.first_of_month();
    let buckets = (0..months)
        .filter_map(|i| {
            let start = first.checked_add(jiff::Span::new().months(i)).ok()?;
            let count = entries
                .iter()
                .filter(|e| !e.overdue && e.due.year() == start.year() && e.due.month() == start.month())
                .count();
            Some((format!("{:04}-{:02}", start.year(), start.month()), count))
        })
        .collect();
    (overdue, buckets)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, due: &str, owner: &str, today: Date) -> ReviewEntry {
        let due: Date = due.parse().unwrap();
        let days = days_between(today, due);
        ReviewEntry {
            path: format!("{id}.md"),
            id: id.into(),
            title: id.into(),
            owner: Some(owner.into()),
            approver: None,
            status: Some("approved".into()),
            due,
            days,
            overdue: days < 0,
        }
    }

    #[test]
    fn window_and_owner() {
        let today: Date = "2026-06-30".parse().unwrap();
        let all = vec![
            entry("A-01", "2026-05-01", "Incident Manager", today),
            entry("B-01", "2026-07-30", "Change Manager", today),
            entry("C-01", "2026-07-31", "Change Manager", today),
        ];
        let ids = |v: Vec<ReviewEntry>| v.into_iter().map(|e| e.id).collect::<Vec<_>>();
        let roles = RoleIndex::default();
        assert_eq!(
            ids(due(&all, today, Duration::Days(30), None, &roles)),
            ["A-01", "B-01"]
        );
        assert_eq!(
            ids(due(
                &all,
                today,
                Duration::Days(31),
                Some(" change  manager "),
                &roles
            )),
            ["B-01", "C-01"]
        );
        let (overdue, months) = per_month(&all, today, 12);
        assert_eq!(overdue, 1);
        assert_eq!(months[0], ("2026-06".to_owned(), 0));
        assert_eq!(months[1], ("2026-07".to_owned(), 2));
        assert_eq!(months.len(), 12);
        assert_eq!(months[11].0, "2027-05");
    }
}
