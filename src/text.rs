//! The one text normaliser: how smslint reduces a name (a heading, a label, a column header, a
//! role, a type word, a document title) before comparing it with another.
//!
//! [`scan`] splits text into lower-case words the way the content matcher reads it: a leading
//! outline number (`3.2`, `A.1`, `IV.`, `4)`) and punctuation dropped, a possessive `'s`
//! dropped, and `and`, `or`, `&`, `,`, `/`, `;`, `+`, `|`, `:` and dashes marked as joins
//! between topics. [`fold`] folds one word: plural to singular, British spelling to American.
//! [`key`] is both together, for equality: `Roles & Responsibilities`, `roles and
//! responsibility` and `3. Roles/Responsibilities` are one key, so a configuration never lists
//! two spellings of one name. [`crate::matcher::Matcher`] builds its word sets from the same
//! two functions. Pure, linear in the text.

/// A name reduced for comparison: the words of [`scan`], each [`fold`]ed, joined by one space;
/// the joins (`and`, `&`, `/`…) are dropped. Unlike [`crate::matcher::Matcher::words`], numbers
/// after the first word stay (`every 3 months` is not `every 6 months`) and there are no stop
/// words (a label's every word counts).
pub fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    scan(text, |w| {
        if let Some(w) = w {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&fold(w));
        }
    });
    out
}

/// Whether two names are the same after [`key`].
pub fn same(a: &str, b: &str) -> bool {
    key(a) == key(b)
}

/// Calls `f` with each lower-case word of `text` (numbering stripped, possessive `'s`
/// dropped) and `None` where the text joins topics (`and`, `or`, `&`, `,`, `/`, `;`,
/// `+`, `|`, `:`, a dash).
pub fn scan(text: &str, f: impl FnMut(Option<&str>)) {
    let lower = scan_text(text);
    scan_lower(&lower, f);
}

/// The text [`scan`] splits: `text` without its outline number, in lower case. With
/// [`scan_lower`], for a caller that keeps the words as slices of it.
pub(crate) fn scan_text(text: &str) -> String {
    strip_numbering(text).to_lowercase()
}

/// [`scan`] of a text already through [`scan_text`]; the words are slices of `lower`.
pub(crate) fn scan_lower<'a>(lower: &'a str, mut f: impl FnMut(Option<&'a str>)) {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    for piece in lower.split_inclusive(|c: char| !is_word(c)) {
        let (w, sep) = match piece.char_indices().last() {
            Some((i, c)) if !is_word(c) => (&piece[..i], Some(c)),
            _ => (piece, None),
        };
        let w = w.trim_matches(|c| c == '\'' || c == '’');
        // A possessive or a contraction's tail names nothing: `customer's` is about the
        // customer, `we'll` and `they're` are the pronoun (a stop word).
        let w = [
            "'s", "’s", "'ll", "’ll", "'re", "’re", "'ve", "’ve", "'d", "’d", "'m", "’m",
        ]
        .iter()
        .find_map(|t| w.strip_suffix(t))
        .unwrap_or(w);
        if w == "and" || w == "or" {
            f(None);
        } else if !w.is_empty() {
            f(Some(w));
        }
        if sep.is_some_and(|c| ",;/&+|:–—".contains(c)) {
            f(None);
        }
    }
}

/// `text` without a leading outline number: `3.2`, `A.1`, `IV.`, `3)`, `(a)`.
pub fn strip_numbering(text: &str) -> &str {
    let t = text.trim_start();
    let token_end = t.find(char::is_whitespace).unwrap_or(t.len());
    let token = &t[..token_end];
    let core = token.trim_start_matches('(').trim_end_matches([')', '.', ':']);
    let numbered = !core.is_empty()
        && core.split('.').all(|part| {
            !part.is_empty()
                && (part.chars().all(|c| c.is_ascii_digit())
                    || part.chars().count() == 1 && part.chars().all(|c| c.is_ascii_alphabetic())
                    || part.chars().all(|c| "ivxlcIVXLC".contains(c)) && part.len() <= 5)
        });
    // A bare letter or Roman numeral needs its mark (`A.`, `IV.`, `(a)`), so that the article
    // `A` of `A scope statement` stays; a number needs none.
    let marked = token.len() > core.len() || core.contains('.') || core.chars().all(|c| c.is_ascii_digit());
    if numbered && marked && token_end < t.len() {
        &t[token_end..]
    } else {
        text
    }
}

/// One word folded: plural to singular, British to American spelling. Verb forms stay apart
/// (`audited` is not `audit`): a pack lists the forms it accepts.
pub fn fold(w: &str) -> String {
    // One allocation: the singular is a slice of `w` (plus a `y`), the spelling is folded on
    // that slice. No British ending below ends in `y`, nor does any American one in `our`.
    let (base, y) = singular(w);
    if y {
        let mut out = String::with_capacity(base.len() + 1);
        out.push_str(base);
        out.push('y');
        return out;
    }
    for (gb, us) in [
        ("isation", "ization"),
        ("isations", "izations"),
        ("ising", "izing"),
        ("ised", "ized"),
        ("ise", "ize"),
        ("yse", "yze"),
        ("ysed", "yzed"),
        ("ysing", "yzing"),
        ("ogue", "og"),
        ("elled", "eled"),
        ("elling", "eling"),
        ("cence", "cense"),
        ("fence", "fense"),
        ("tre", "ter"),
        ("bre", "ber"),
    ] {
        if base.len() >= gb.len() + 2 && base.ends_with(gb) {
            let stem = &base[..base.len() - gb.len()];
            let mut out = String::with_capacity(stem.len() + us.len());
            out.push_str(stem);
            out.push_str(us);
            return out;
        }
    }
    if base.len() >= 6 && base.ends_with("our") {
        let mut out = String::with_capacity(base.len() - 1);
        out.push_str(&base[..base.len() - 2]);
        out.push('r');
        return out;
    }
    base.to_owned()
}

/// Simple English plural to singular: `-ies` → `-y`, `-sses`/`-ches`/`-shes`/`-xes` → without
/// `-es`, `-s` dropped (not `-ss`, `-us`, `-is`). The singular is the slice, followed by `y`
/// when the flag says so.
fn singular(w: &str) -> (&str, bool) {
    if w.len() > 4 && w.ends_with("ies") {
        return (&w[..w.len() - 3], true);
    }
    for es in ["sses", "ches", "shes", "xes", "zes"] {
        if w.len() > es.len() + 1 && w.ends_with(es) {
            return (&w[..w.len() - 2], false);
        }
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return (&w[..w.len() - 1], false);
    }
    (w, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_folds_joins_numbering_plurals_and_spelling() {
        assert_eq!(key("Roles & Responsibilities"), "role responsibility");
        assert_eq!(key("3. Roles and responsibility"), "role responsibility");
        assert_eq!(key("**Roles/Responsibilities:**"), "role responsibility");
        assert_eq!(key("Authorised by"), key("authorized by"));
        assert_eq!(key("📅 Next Review Date"), "next review date");
        assert_eq!(key("Owner's name"), "owner name");
        assert_eq!(key("How we'll measure it"), "how we measure it");
        assert_eq!(key("Who’s on call"), "who on call");
        assert_eq!(key("2026"), "2026");
        assert_ne!(key("every 3 months"), key("every 6 months"));
        assert_eq!(key("&"), "");
    }
}
