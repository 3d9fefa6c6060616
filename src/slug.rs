//! Heading anchors ("slugs") as renderers generate them, so that `#anchor` links can be checked
//! offline: GitHub's (the default), kramdown's `auto_ids` and Pandoc's `auto_identifiers`.
//!
//! - GitHub (`github-slugger`, which mirrors github.com): lower-case the text, delete every
//!   character outside letters, marks, decimal and letter numbers, connector punctuation
//!   (`_`), `-` and the space U+0020, then turn each space into `-` (runs are not merged).
//!   Emoji are deleted but the variation selector U+FE0F that follows many of them is a mark
//!   and stays; alphabetic symbols such as `Ⓐ` stay.
//! - kramdown: drop everything before the first ASCII letter, keep only ASCII letters, digits,
//!   spaces and `-`, spaces to `-`, lower case; an empty result is `section`.
//! - Pandoc: lower case, keep letters, numbers, `_`, `-`, `.` and blanks, join the words with
//!   `-`, drop everything before the first letter; an empty result is `section`.
//!
//! Repeated slugs get the suffixes `-1`, `-2`, … in document order. Each dialect keeps a map of
//! the next suffix per base slug, so a document of `n` headings costs O(n) look-ups.
//!
//! The names smslint generates itself (starter files and their ids, calendar UIDs) are made
//! here too: [`ascii_name`] and [`id_of_words`].

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

/// How a renderer turns heading texts into anchors (`[links] anchors`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    /// GitHub's slugs (also what `auto` generates).
    #[default]
    Github,
    /// kramdown's `auto_ids` (Jekyll, Middleman).
    Kramdown,
    /// Pandoc's `auto_identifiers`.
    Pandoc,
}

/// Characters github-slugger deletes: everything but letters and other alphabetic characters,
/// marks, decimal and letter numbers, connector punctuation, `-` and the plain space.
static GITHUB_REMOVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[^\p{Alphabetic}\p{M}\p{Nd}\p{Nl}\p{Pc} \-]").unwrap_or_else(|e| unreachable!("{e}"))
});

/// GitHub's slug of one heading text, before duplicate suffixes.
pub fn slug(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    GITHUB_REMOVED.replace_all(&lower, "").replace(' ', "-")
}

/// kramdown's id of one heading text, before duplicate suffixes.
pub fn kramdown_slug(text: &str) -> String {
    let from_letter = text.trim_start_matches(|c: char| !c.is_ascii_alphabetic());
    let id: String = from_letter
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-'))
        .map(|c| if c == ' ' { '-' } else { c.to_ascii_lowercase() })
        .collect();
    if id.is_empty() { "section".to_owned() } else { id }
}

/// Pandoc's identifier of one heading text, before duplicate suffixes.
pub fn pandoc_slug(text: &str) -> String {
    let lower = text.to_lowercase();
    let kept: String = lower
        .chars()
        .filter(|&c| c.is_whitespace() || c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .collect();
    let joined = kept.split_whitespace().collect::<Vec<_>>().join("-");
    let id = joined.trim_start_matches(|c: char| !c.is_alphabetic());
    if id.is_empty() {
        "section".to_owned()
    } else {
        id.to_owned()
    }
}

/// GitHub's slugs of a document's headings in order, with duplicate suffixes.
pub fn slugs<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    dialect_slugs(Dialect::Github, texts)
}

/// A dialect's anchors of a document's headings in order, with duplicate suffixes.
///
/// GitHub and Pandoc skip a suffixed slug that an earlier heading already took (`Scope`,
/// `Scope`, `Scope-1`, `Scope` gives `scope`, `scope-1`, `scope-1-1`, `scope-2`); kramdown
/// counts per base slug without that check, as kramdown does.
pub fn dialect_slugs<'a>(dialect: Dialect, texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut next: HashMap<String, u32> = HashMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for t in texts {
        let base = match dialect {
            Dialect::Github => slug(t),
            Dialect::Kramdown => kramdown_slug(t),
            Dialect::Pandoc => pandoc_slug(t),
        };
        let s = if taken.contains(&base) {
            let n = next.entry(base.clone()).or_insert(0);
            loop {
                *n += 1;
                let candidate = format!("{base}-{n}");
                if dialect == Dialect::Kramdown || !taken.contains(&candidate) {
                    break candidate;
                }
            }
        } else {
            base
        };
        taken.insert(s.clone());
        out.push(s);
    }
    out
}

/// An ASCII name for a file or an identifier made from `text`: lower case, every character but
/// ASCII letters, digits and those in `keep` replaced by `-`, one for one (`POL 7/b` with
/// `keep = ['-']` → `pol-7-b`). For the names smslint itself generates (starter files,
/// calendar UIDs); [`id_of_words`] joins words instead.
pub fn ascii_name(text: &str, keep: &[char]) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || keep.contains(&c) {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// The ASCII words of `text`, lower case, joined by `-` (`Plan & policy (draft)` →
/// `plan-policy-draft`); empty when `text` has no ASCII letter or digit.
pub fn id_of_words(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_names() {
        assert_eq!(ascii_name("POL 7/b", &['-']), "pol-7-b");
        assert_eq!(ascii_name("Pol_1.2", &['-', '_', '.']), "pol_1.2");
        assert_eq!(id_of_words("Plan & policy (draft)"), "plan-policy-draft");
        assert_eq!(id_of_words("§ §"), "");
    }

    /// Headings and their GitHub anchors: github-slugger's published fixtures (which mirror
    /// github.com), then emoji, selectors and punctuation as its removal classes define them.
    #[test]
    fn github_slugs_of_real_headings() {
        let cases = [
            ("bravoCharlieDelta", "bravocharliedelta"),
            ("heading with a - dash", "heading-with-a---dash"),
            ("heading with a period.txt", "heading-with-a-periodtxt"),
            (
                "exchange.bind_headers(exchange, routing [, bindCallback])",
                "exchangebind_headersexchange-routing--bindcallback",
            ),
            ("apostrophe’s should be trimmed", "apostrophes-should-be-trimmed"),
            ("I ♥ unicode", "i--unicode"),
            ("en–dash", "endash"),
            ("😄-😄 unicode emoji", "--unicode-emoji"),
            ("😄_😄 unicode emoji", "_-unicode-emoji"),
            ("😄 - an emoji", "---an-emoji"),
            (":smile: - a gemoji", "smile---a-gemoji"),
            ("Привет non-latin 你好", "привет-non-latin-你好"),
            ("a‿ ⁀b", "a‿-⁀b"),
            ("a\u{2028}b", "ab"),
            ("Roles and responsibilities", "roles-and-responsibilities"),
            ("8.2 Service catalogue (v2)!", "82-service-catalogue-v2"),
            ("snake_case & kebab-case", "snake_case--kebab-case"),
            ("Über Straße", "über-straße"),
            ("😄 emoji", "-emoji"),
            // The variation selector after ❤ is a mark: GitHub keeps it.
            ("❤️ Love", "\u{fe0f}-love"),
            ("⚠️ Warning", "\u{fe0f}-warning"),
            // A keycap sequence keeps its selector and its enclosing mark.
            ("1️⃣ Step one", "1\u{fe0f}\u{20e3}-step-one"),
            // The zero-width joiner of an emoji sequence is a format character: deleted.
            ("👩‍💻 Developers", "-developers"),
            // Skin-tone modifiers are symbols: deleted.
            ("👍🏽 Approvals", "-approvals"),
            (
                "ISO/IEC 20000-1:2018 — Clause 8.5",
                "isoiec-20000-12018--clause-85",
            ),
            ("What's new?", "whats-new"),
            ("“Quoted” «title»", "quoted-title"),
            ("Price: $5 + 10% = €?", "price-5--10--"),
            (
                "Confidentiality Levels {#confidentiality-levels}",
                "confidentiality-levels-confidentiality-levels",
            ),
            ("Ⓐ circled", "ⓐ-circled"),
            ("Part ½", "part-"),
            ("Chapter Ⅻ", "chapter-ⅻ"),
            ("  Two  spaces  ", "two--spaces"),
            ("日本語の見出し", "日本語の見出し"),
            ("tab\there", "tabhere"),
            ("non\u{a0}breaking", "nonbreaking"),
        ];
        for (text, want) in cases {
            assert_eq!(slug(text), want, "{text:?}");
        }
    }

    #[test]
    fn duplicates_get_suffixes() {
        assert_eq!(
            slugs(["Scope", "Scope", "Scope-1", "Scope"]),
            ["scope", "scope-1", "scope-1-1", "scope-2"]
        );
        assert_eq!(slugs(["A", "a", "A!"]), ["a", "a-1", "a-2"]);
        // github-slugger's repetition fixtures, in order.
        assert_eq!(
            slugs(["echo", "echo", "echo 1", "echo-1", "echo"]),
            ["echo", "echo-1", "echo-1-1", "echo-1-2", "echo-2"]
        );
        assert_eq!(
            slugs(["foxtrot-1", "foxtrot", "foxtrot"]),
            ["foxtrot-1", "foxtrot", "foxtrot-2"]
        );
        assert_eq!(
            dialect_slugs(Dialect::Pandoc, ["Scope", "Scope", "Scope-1", "Scope"]),
            ["scope", "scope-1", "scope-1-1", "scope-2"]
        );
        assert_eq!(
            dialect_slugs(Dialect::Kramdown, ["Scope", "Scope", "1 Scope"]),
            ["scope", "scope-1", "scope-2"]
        );
    }

    #[test]
    fn many_duplicates_stay_linear() {
        let texts = vec!["Same"; 20_000];
        let out = slugs(texts.iter().copied());
        assert_eq!(out[19_999], "same-19999");
        assert_eq!(out.iter().collect::<HashSet<_>>().len(), 20_000);
    }

    /// Examples from the kramdown and Pandoc manuals.
    #[test]
    fn kramdown_and_pandoc_ids() {
        assert_eq!(kramdown_slug("This is a header"), "this-is-a-header");
        assert_eq!(kramdown_slug("12. Another one 1 here"), "another-one-1-here");
        assert_eq!(kramdown_slug("Do ^& it now"), "do--it-now");
        assert_eq!(kramdown_slug("Hallo Welt!"), "hallo-welt");
        assert_eq!(kramdown_slug("   "), "section");
        assert_eq!(kramdown_slug("Über Straße"), "ber-strae");
        assert_eq!(
            pandoc_slug("Heading identifiers in HTML"),
            "heading-identifiers-in-html"
        );
        assert_eq!(pandoc_slug("Maître d'hôtel"), "maître-dhôtel");
        assert_eq!(pandoc_slug("Dogs?--in my house?"), "dogs--in-my-house");
        assert_eq!(pandoc_slug("HTML, S5, or RTF?"), "html-s5-or-rtf");
        assert_eq!(pandoc_slug("3. Applications"), "applications");
        assert_eq!(pandoc_slug("33"), "section");
        assert_eq!(pandoc_slug("Version 2.1  notes"), "version-2.1-notes");
    }
}
