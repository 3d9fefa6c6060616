//! The hash maps and sets of hot paths: std's, with foldhash's per-process seeded hasher
//! instead of `SipHash`. The content matcher hashes every word of every candidate text several
//! times; with `SipHash` that was the largest single cost of a check run (issue 15's profile).
//! Seeded per process like std's, so keys an author chooses cannot be aimed at collisions
//! computed in advance.

/// A [`std::collections::HashMap`] with foldhash's seeded hasher.
pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// A [`std::collections::HashSet`] with foldhash's seeded hasher.
pub type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
