//! The anchors a document offers to links (`#scope`), kept for the repository phase as one
//! sorted buffer: the names concatenated in one string and where each ends, looked up by binary
//! search. A set of strings cost an allocation and a hash-table slot per name.

/// A sorted set of anchor names without duplicates, in one buffer.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "Unchecked")]
pub struct Anchors {
    /// The names, in order, one after the other.
    text: Box<str>,
    /// Where each name ends in `text`; a name starts where the one before it ends.
    ends: Box<[u32]>,
}

/// [`Anchors`] as decoded from bytes that are not trusted (the incremental cache): accepted
/// only when it is what [`Anchors::new`] could have built.
#[derive(serde::Deserialize)]
struct Unchecked {
    text: Box<str>,
    ends: Box<[u32]>,
}

impl TryFrom<Unchecked> for Anchors {
    type Error = &'static str;

    fn try_from(u: Unchecked) -> Result<Self, Self::Error> {
        let a = Anchors {
            text: u.text,
            ends: u.ends,
        };
        let mut start = 0usize;
        let mut before: Option<&str> = None;
        for &end in &a.ends {
            let end = end as usize;
            let name = a
                .text
                .get(start..end)
                .ok_or("an anchor out of bounds or off a character boundary")?;
            if before.is_some_and(|b| b >= name) {
                return Err("anchors out of order");
            }
            before = Some(name);
            start = end;
        }
        if start != a.text.len() {
            return Err("text after the last anchor");
        }
        Ok(a)
    }
}

impl Anchors {
    /// The set of `names`. A buffer past 4 GiB is cut at the last name that fits (a document
    /// is at most that long, and its anchors are shorter than it).
    pub fn new<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Self {
        let mut names: Vec<S> = names.into_iter().collect();
        names.sort_unstable_by(|a, b| a.as_ref().cmp(b.as_ref()));
        names.dedup_by(|a, b| a.as_ref() == b.as_ref());
        let mut text = String::with_capacity(names.iter().map(|n| n.as_ref().len()).sum());
        let mut ends = Vec::with_capacity(names.len());
        for n in &names {
            let Ok(end) = u32::try_from(text.len() + n.as_ref().len()) else {
                break;
            };
            text.push_str(n.as_ref());
            ends.push(end);
        }
        Self {
            text: text.into_boxed_str(),
            ends: ends.into_boxed_slice(),
        }
    }

    /// The `i`-th name in order.
    fn name(&self, i: usize) -> &str {
        let start = i.checked_sub(1).map_or(0, |j| self.ends[j] as usize);
        &self.text[start..self.ends[i] as usize]
    }

    /// Whether `name` is one of the anchors.
    pub fn contains(&self, name: &str) -> bool {
        let (mut lo, mut hi) = (0, self.ends.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.name(mid).cmp(name) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// The anchors in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len()).map(|i| self.name(i))
    }

    /// How many anchors there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_sorted_unique_and_found() {
        let a = Anchors::new(["scope", "roles", "scope", "", "área", "roles-1"]);
        assert_eq!(
            a.iter().collect::<Vec<_>>(),
            ["", "roles", "roles-1", "scope", "área"]
        );
        assert_eq!(a.len(), 5);
        for n in ["", "roles", "roles-1", "scope", "área"] {
            assert!(a.contains(n), "{n}");
        }
        for n in ["role", "roles-", "scopes", "a", "z"] {
            assert!(!a.contains(n), "{n}");
        }
        let none = Anchors::new(Vec::<String>::new());
        assert!(none.is_empty() && !none.contains("") && none.iter().next().is_none());
    }

    #[test]
    fn a_decoded_set_must_be_one_new_could_build() {
        let a = Anchors::new(["b", "a", "cc"]);
        let back: Anchors = postcard::from_bytes(&postcard::to_allocvec(&a).unwrap()).unwrap();
        assert_eq!(back, a);
        let forged = |text: &str, ends: &[u32]| {
            let u = Unchecked {
                text: text.into(),
                ends: ends.into(),
            };
            Anchors::try_from(u).is_ok()
        };
        assert!(forged("abcc", &[1, 2, 4]));
        assert!(!forged("abcc", &[2, 1, 4]), "ends out of order");
        assert!(!forged("bacc", &[1, 2, 4]), "names out of order");
        assert!(!forged("aa", &[1, 2]), "a duplicate");
        assert!(!forged("abcc", &[1, 2, 5]), "past the end");
        assert!(!forged("abcc", &[1, 2]), "text left over");
        assert!(!forged("é", &[1]), "inside a character");
    }
}
