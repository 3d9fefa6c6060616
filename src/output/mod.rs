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
/// controls (but tab and newline) and DEL become `?`, C1 controls become `¿` (both the same
/// length in UTF-8 as what they replace).
pub fn sanitize(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| (c.is_control() && c != '\n' && c != '\t' && c != '\r') || c == '\u{7f}';
    if !text.chars().any(bad) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| {
            if !bad(c) {
                c
            } else if c.len_utf8() == 1 {
                '?'
            } else {
                '¿'
            }
        })
        .collect::<String>()
        .into()
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
}
