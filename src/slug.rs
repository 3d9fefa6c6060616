//! GitHub's heading anchors ("slugs"), so that `#anchor` links can be checked offline.
//!
//! GitHub lower-cases the heading's text, drops every character that is not a letter, a digit,
//! a space, `-` or `_`, turns each space into `-` (runs are not merged), and gives repeated
//! slugs the suffixes `-1`, `-2`, … in document order. The maintained JavaScript original is
//! `github-slugger`; its Rust port is unmaintained, and the rule is a few lines.

use std::collections::{HashMap, HashSet};

/// The slug of one heading text, before duplicate suffixes.
pub fn slug(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// Slugs of a document's headings in order, with GitHub's duplicate suffixes.
pub fn slugs<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen: HashSet<String> = HashSet::new();
    // The last suffix tried for each base slug: the search for a free suffix resumes there
    // instead of restarting at 1 (20,000 equal headings would otherwise be quadratic).
    let mut next: HashMap<String, u32> = HashMap::new();
    let mut out = Vec::new();
    for t in texts {
        let base = slug(t);
        let mut s = base.clone();
        if seen.contains(&s) {
            let n = next.entry(base.clone()).or_insert(0);
            loop {
                *n += 1;
                s = format!("{base}-{n}");
                if !seen.contains(&s) {
                    break;
                }
            }
        }
        seen.insert(s.clone());
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_rules() {
        assert_eq!(slug("Roles and responsibilities"), "roles-and-responsibilities");
        assert_eq!(slug("8.2 Service catalogue (v2)!"), "82-service-catalogue-v2");
        assert_eq!(slug("snake_case & kebab-case"), "snake_case--kebab-case");
        assert_eq!(slug("Über Straße"), "über-straße");
        assert_eq!(slug("😄 emoji"), "-emoji");
    }

    #[test]
    fn duplicates_get_suffixes() {
        assert_eq!(
            slugs(["Scope", "Scope", "Scope-1", "Scope"]),
            ["scope", "scope-1", "scope-1-1", "scope-2"]
        );
    }
}
