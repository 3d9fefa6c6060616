//! "Did you mean" suggestions by edit distance.

/// The candidate closest to `word` (case-insensitive Damerau–Levenshtein), if it is close
/// enough to be a plausible typo: at most a third of the word's length, and at most 3 edits.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = word.to_lowercase();
    let limit = (w.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&w, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    #[test]
    fn near_and_far() {
        let c = ["approved", "draft", "retired"];
        assert_eq!(super::closest("aproved", c), Some("approved"));
        assert_eq!(super::closest("final", c), None);
    }
}
