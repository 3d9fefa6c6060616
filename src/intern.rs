//! Names shared for the run: metadata keys and canonical field names are a few dozen strings
//! written again in every document, so a [`Name`] holds one shared copy of each instead of an
//! allocation per field. The table is capped ([`CAP`] names of at most [`MAX_LEN`] bytes): a
//! repository of hostile keys cannot grow it without bound, and a name past the cap is an owned
//! string of its own, as it would be without the table.

use std::sync::{Arc, OnceLock, RwLock};

use crate::hash::HashSet;

/// Most distinct names the run's table holds.
pub const CAP: usize = 4096;

/// Longest name the table takes, in bytes; longer names are never repeated in practice.
pub const MAX_LEN: usize = 64;

/// A table of shared names, bounded by a capacity.
#[derive(Debug)]
pub struct Interner {
    names: RwLock<HashSet<Arc<str>>>,
    cap: usize,
}

impl Interner {
    /// An empty table holding at most `cap` names.
    pub fn new(cap: usize) -> Self {
        Self {
            names: RwLock::new(HashSet::default()),
            cap,
        }
    }

    /// `s` as a shared name: the table's copy, else a new one it keeps while it has room, else
    /// (full, or `s` is longer than [`MAX_LEN`]) a copy of its own.
    pub fn name(&self, s: &str) -> Name {
        if s.len() > MAX_LEN {
            return Name(Arc::from(s));
        }
        // A poisoned lock only means a panic elsewhere while it was held; the set is intact.
        if let Some(n) = self
            .names
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(s)
        {
            return Name(Arc::clone(n));
        }
        let mut names = self
            .names
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(n) = names.get(s) {
            return Name(Arc::clone(n));
        }
        let n: Arc<str> = Arc::from(s);
        if names.len() < self.cap {
            names.insert(Arc::clone(&n));
        }
        Name(n)
    }

    /// How many names the table holds.
    pub fn len(&self) -> usize {
        self.names
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .len()
    }

    /// Whether the table holds no name.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The run's table (a process is one run).
fn table() -> &'static Interner {
    static TABLE: OnceLock<Interner> = OnceLock::new();
    TABLE.get_or_init(|| Interner::new(CAP))
}

/// A name shared through the run's table: a metadata key or canonical field name. It reads as
/// a `str`, and is written and read back (the incremental cache) as one.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name(Arc<str>);

impl Name {
    /// `s` through the run's table.
    pub fn new(s: &str) -> Self {
        table().name(s)
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

impl From<String> for Name {
    fn from(s: String) -> Self {
        Self::new(&s)
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl serde::Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Name {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s: std::borrow::Cow<'de, str> = serde::Deserialize::deserialize(d)?;
        Ok(Self::new(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_shared() {
        let t = Interner::new(8);
        let (a, b) = (t.name("owner"), t.name("owner"));
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "owner");
        assert_eq!(t.len(), 1);
    }

    #[test]
    fn past_the_cap_a_name_is_its_own() {
        let t = Interner::new(2);
        let _kept = [t.name("a"), t.name("b")];
        let (c, d) = (t.name("c"), t.name("c"));
        assert_eq!(t.len(), 2);
        assert_eq!((c.as_str(), d.as_str()), ("c", "c"));
        assert!(!Arc::ptr_eq(&c.0, &d.0));
        // The names taken before the table filled up are still shared.
        assert!(Arc::ptr_eq(&t.name("a").0, &t.name("a").0));
    }

    #[test]
    fn a_long_name_is_never_kept() {
        let t = Interner::new(8);
        let long = "k".repeat(MAX_LEN + 1);
        assert_eq!(t.name(&long).as_str(), long);
        assert!(t.is_empty());
    }

    #[test]
    fn a_name_round_trips_as_text() {
        let n = Name::new("last_reviewed");
        let bytes = postcard::to_allocvec(&n).unwrap();
        let back: Name = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, n);
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"last_reviewed\"");
    }
}
