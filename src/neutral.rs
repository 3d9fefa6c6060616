//! Neutralising text from documents before it reaches a terminal or a CI log. Every layer that
//! writes a name or a message from input (file reads, the configuration, the baseline, the
//! output formats) uses these; `output` re-exports them. Pure, linear in the text.

/// Whether `c` is a bidirectional override or isolate ("Trojan Source"), or the Unicode line
/// or paragraph separator (U+2028, U+2029), which some log readers take as a line break.
pub fn is_bidi_or_separator(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// Neutralise terminal control characters in text from documents, keeping byte offsets: C0
/// controls (but tab, newline and the `\r` of a `\r\n`) and DEL become `?`, C1 controls (NEL
/// included) become `¿`, and bidirectional overrides and isolates ("Trojan Source") and the
/// Unicode line and paragraph separators become `\u{FFFD}` (each the same length in UTF-8 as
/// what it replaces).
pub fn sanitize(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char, next: Option<char>| {
        (c.is_control() && c != '\n' && c != '\t' && !(c == '\r' && next == Some('\n')))
            || is_bidi_or_separator(c)
    };
    let mut chars = text.chars().peekable();
    let mut clean = true;
    while let Some(c) = chars.next() {
        if bad(c, chars.peek().copied()) {
            clean = false;
            break;
        }
    }
    if clean {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !bad(c, chars.peek().copied()) {
            out.push(c);
            continue;
        }
        out.push(match c.len_utf8() {
            1 => '?',
            2 => '¿',
            _ => '\u{fffd}',
        });
    }
    out.into()
}

/// [`sanitize`] for a string that must stay on one line (a file name, a message, a value): a
/// newline or carriage return in it becomes `?` as well, so that no text from a document can
/// start a line of the output (where a CI log would read `::error …` as a workflow command).
pub fn sanitize_line(text: &str) -> std::borrow::Cow<'_, str> {
    let clean = sanitize(text);
    if !clean.contains(['\n', '\r']) {
        return clean;
    }
    clean.replace(['\n', '\r'], "?").into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn sanitize_keeps_offsets() {
        let t = "a\x1b[31mb\u{9b}c\n";
        let s = super::sanitize(t);
        assert_eq!(s.len(), t.len());
        assert!(!s.contains('\x1b'));
        assert!(!s.contains('\u{9b}'));
    }

    #[test]
    fn sanitize_neutralises_carriage_returns_and_bidi_but_keeps_crlf() {
        let t = "ok\r\nhidden\rshown \u{202e}txt.exe\u{2066}";
        let s = super::sanitize(t);
        assert_eq!(s.len(), t.len());
        assert_eq!(s, "ok\r\nhidden?shown \u{fffd}txt.exe\u{fffd}");
        assert!(matches!(
            super::sanitize("a\r\nb\tc"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
