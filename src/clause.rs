//! Clause numbers (`8.2.4`, `A.5.1`): the one type that orders them and relates them to each
//! other, for every report, listing and check that sorts or nests clauses.

use std::cmp::Ordering;
use std::fmt;

/// A clause number, ordered part by part: numeric parts by value (`8.10` after `8.9`), other
/// parts after every number and among themselves as text; a clause sorts right after its
/// parent (`8` < `8.1` < `9`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClauseId(String);

impl ClauseId {
    /// The clause number `id`, as written.
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The clause this one is part of (`8.2` for `8.2.4`), when it has one.
    pub fn parent(&self) -> Option<&str> {
        parent(&self.0)
    }

    /// A text key that sorts like [`ClauseId`]'s order for the numbers of a standard (parts
    /// below 10 000): numeric parts zero-padded to four digits, `8.2.10` → `0008.0002.0010`.
    /// For the HTML report's client-side sorting, which compares text.
    pub fn sort_text(&self) -> String {
        self.0
            .split('.')
            .map(|p| match p.trim().parse::<u64>() {
                Ok(n) => format!("{n:04}"),
                Err(_) => p.to_owned(),
            })
            .collect::<Vec<_>>()
            .join(".")
    }
}

impl fmt::Display for ClauseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for ClauseId {
    fn from(id: &str) -> Self {
        Self::new(id)
    }
}

/// One part's sort key: its value, or, for a part that is not a number, after every number.
fn part_key(p: &str) -> (u64, &str) {
    (p.trim().parse::<u64>().unwrap_or(u64::MAX), p)
}

impl Ord for ClauseId {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .split('.')
            .map(part_key)
            .cmp(other.0.split('.').map(part_key))
    }
}

impl PartialOrd for ClauseId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The parent of the clause number `id` (`8.2` for `8.2.4`), when it has one.
pub fn parent(id: &str) -> Option<&str> {
    id.rsplit_once('.').map(|(p, _)| p)
}

/// Whether `clause` is `of` or one of its sub-clauses: `8.2.4` is within `8.2` and `8`;
/// `8.20` is not within `8.2`.
pub fn is_same_or_sub(clause: &str, of: &str) -> bool {
    clause == of || (clause.len() > of.len() && clause.starts_with(of) && clause.as_bytes()[of.len()] == b'.')
}

#[cfg(test)]
mod tests {
    use super::{ClauseId, is_same_or_sub, parent};

    #[test]
    fn order_is_numeric_part_by_part() {
        let mut v: Vec<ClauseId> = ["8.10", "8.2", "10", "A.5", "8", "9.1", "8.2.1"]
            .into_iter()
            .map(ClauseId::from)
            .collect();
        v.sort();
        let got: Vec<&str> = v.iter().map(ClauseId::as_str).collect();
        assert_eq!(got, ["8", "8.2", "8.2.1", "8.10", "9.1", "10", "A.5"]);
        assert_eq!(ClauseId::from("8.2.10").sort_text(), "0008.0002.0010");
        assert_eq!(ClauseId::from("A.5").sort_text(), "A.0005");
    }

    #[test]
    fn nesting() {
        assert!(is_same_or_sub("8.2.4", "8.2"));
        assert!(is_same_or_sub("8.2", "8.2"));
        assert!(!is_same_or_sub("8.20", "8.2"));
        assert!(!is_same_or_sub("8", "8.2"));
        assert_eq!(parent("8.2.4"), Some("8.2"));
        assert_eq!(ClauseId::from("8").parent(), None);
    }
}
