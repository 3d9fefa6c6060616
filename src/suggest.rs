//! "Did you mean" suggestions by edit distance.

/// The candidate closest to `word` (case-insensitive Damerau–Levenshtein), if it is close
/// enough to be a plausible typo: at most a third of the word's length, and at most 3 edits.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = word.to_lowercase();
    let w_len = w.chars().count();
    if w_len > MAX_WORD {
        return None;
    }
    let limit = (w_len / 3).clamp(1, 3);
    let candidates = candidates.into_iter();
    if candidates.size_hint().0 > MAX_CANDIDATES {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for (n, c) in candidates.enumerate() {
        if n >= MAX_CANDIDATES {
            // Nobody picks from a list this long by a typo, and comparing every unknown name
            // with every candidate would be quadratic (8,000 unknown roles against 8,000
            // defined ones took 27 s).
            return None;
        }
        // Cheap lower bounds first: the length difference, then how many characters the two
        // do not share; the edit distance is computed only when neither rules `c` out.
        let c_len = c.chars().count();
        if c_len.abs_diff(w_len) > limit {
            continue;
        }
        let lc = c.to_lowercase();
        if bag_distance(&w, &lc) > limit {
            continue;
        }
        let d = strsim::damerau_levenshtein(&w, &lc);
        if d <= limit && best.is_none_or(|(bd, bc)| (d, c) < (bd, bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Longest word a suggestion is looked for (the edit distance is quadratic in the lengths).
const MAX_WORD: usize = 64;

/// Most candidates a suggestion is looked for among; a longer list gives none.
pub const MAX_CANDIDATES: usize = 1_000;

/// A lower bound of the edit distance: the larger of the counts of characters one string has
/// and the other lacks (as multisets).
fn bag_distance(a: &str, b: &str) -> usize {
    let mut ascii = [0isize; 128];
    let mut other: std::collections::HashMap<char, isize> = std::collections::HashMap::new();
    let mut count = |c: char, by: isize| match usize::try_from(u32::from(c)) {
        Ok(i) if i < 128 => ascii[i] += by,
        _ => *other.entry(c).or_default() += by,
    };
    a.chars().for_each(|c| count(c, 1));
    b.chars().for_each(|c| count(c, -1));
    let (mut more, mut less) = (0usize, 0usize);
    for v in ascii.iter().chain(other.values()) {
        if *v > 0 {
            more += v.unsigned_abs();
        } else {
            less += v.unsigned_abs();
        }
    }
    more.max(less)
}

#[cfg(test)]
mod tests {
    #[test]
    fn near_and_far() {
        let c = ["approved", "draft", "retired"];
        assert_eq!(super::closest("aproved", c), Some("approved"));
        assert_eq!(super::closest("final", c), None);
        // A list too long to pick from by a typo, or a word too long for one, gives nothing.
        let many: Vec<String> = (0..2_000).map(|i| format!("role{i}")).collect();
        assert_eq!(super::closest("role1x", many.iter().map(String::as_str)), None);
        assert_eq!(
            super::closest("role1x", many[..10].iter().map(String::as_str)),
            Some("role1")
        );
        assert_eq!(super::closest(&"a".repeat(65), ["a"]), None);
        assert_eq!(super::bag_distance("abc", "cab"), 0);
        assert_eq!(super::bag_distance("abcé", "abd"), 2);
    }
}
