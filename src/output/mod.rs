//! Output formats. Nothing else in the crate turns findings into text: each format is one file
//! here and writes a [`Report`] to a writer.

pub mod due;
pub mod human;
pub mod ics;
pub mod json;
pub mod report_html;
pub mod report_json;
pub mod report_md;

use std::io::{self, Write};

use crate::app::Report;

/// An output format of `smslint check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics with source snippets, for people.
    #[default]
    Human,
    /// The versioned JSON document described in the README.
    Json,
}

/// Presentation settings that only the human format uses.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Use colours.
    pub color: bool,
    /// Print no summary line.
    pub quiet: bool,
    /// Width to wrap at.
    pub width: usize,
}

/// Write `report` as `format`.
pub fn emit(format: Format, report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => human::write(report, style, out),
        Format::Json => json::write(report, out),
    }
}

/// Neutralise terminal control characters in text from documents, keeping byte offsets: C0
/// controls (but tab, newline and the `\r` of a `\r\n`) and DEL become `?`, C1 controls become
/// `¿`, and bidirectional overrides and isolates ("Trojan Source") become `\u{FFFD}` (each the
/// same length in UTF-8 as what it replaces).
pub fn sanitize(text: &str) -> std::borrow::Cow<'_, str> {
    let bidi = |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    let bad = |c: char, next: Option<char>| {
        (c.is_control() && c != '\n' && c != '\t' && !(c == '\r' && next == Some('\n'))) || bidi(c)
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
