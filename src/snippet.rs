//! The piece of a file that a diagnostic shows: a few lines around the span, cut on a long
//! line, with its line and column numbers shifted back to the file's own. Every miette
//! rendering of a file goes through it (findings in human output, configuration and pack
//! errors), so none costs more than its snippet and none hands miette a column past 65,535.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::neutral::{sanitize, sanitize_line};

/// The few lines around a span, cut to a window of bytes on a long line: miette is
/// given only this, so rendering a finding costs what its snippet costs, not what its file
/// costs (40,000 findings in one file stay linear), and no column it sees is large (miette
/// panics past column 65,535). Line and column numbers are shifted back to the file's own.
#[derive(Debug)]
pub struct Snippet {
    name: String,
    text: String,
    /// The label, relative to `text`.
    pub label: std::ops::Range<usize>,
    /// 0-based line of `text`'s first line in the file.
    first_line: usize,
    /// Columns to add on `text`'s first line (it starts mid-line when the line is long).
    first_column: usize,
    /// Where `text` starts in the file.
    from: usize,
}

/// A line longer than this is cut around the span…
const LONG_LINE: usize = 1000;
/// …to this many bytes on each side of it.
const REACH: usize = 80;
/// Longest label shown: a span that runs on is cut at this many bytes.
const MAX_LABEL: usize = 400;

impl Snippet {
    /// The snippet of `src` (named `name`) around `span`, which starts at `pos`.
    pub fn new(
        name: &str,
        src: &str,
        span: std::ops::Range<usize>,
        pos: crate::line_index::Position,
    ) -> Self {
        use crate::line_index::floor_char;
        let start = floor_char(src, span.start.min(src.len()));
        let end = floor_char(src, span.end.clamp(start, (start + MAX_LABEL).min(src.len())));
        let back = floor_char(src, start.saturating_sub(LONG_LINE));
        // Start at the line's start when it is near, with the line before when that is short;
        // else mid-line, a little before the span.
        let from = match memchr::memrchr(b'\n', &src.as_bytes()[back..start]) {
            Some(i) => {
                let ls = back + i + 1;
                let before = floor_char(src, (ls - 1).saturating_sub(LONG_LINE));
                match memchr::memrchr(b'\n', &src.as_bytes()[before..ls - 1]) {
                    Some(j) => before + j + 1,
                    None if before == 0 => 0,
                    None => ls,
                }
            }
            None if back == 0 => 0,
            None => floor_char(src, start.saturating_sub(REACH)),
        };
        let ahead = floor_char(src, (end + LONG_LINE).min(src.len()));
        let to = match memchr::memchr(b'\n', &src.as_bytes()[end..ahead]) {
            Some(i) => {
                let le = end + i;
                let after = floor_char(src, (le + 1 + LONG_LINE).min(src.len()));
                match memchr::memchr(b'\n', &src.as_bytes()[(le + 1).min(after)..after]) {
                    Some(j) => le + 2 + j,
                    None if after == src.len() => src.len(),
                    None => le,
                }
            }
            None if ahead == src.len() => src.len(),
            None => floor_char(src, (end + REACH).min(src.len())),
        };
        let before_label = &src[from..start];
        let lines_before = memchr::memchr_iter(b'\n', before_label.as_bytes()).count();
        let first_line = (pos.line as usize).saturating_sub(1).saturating_sub(lines_before);
        let first_column = if lines_before == 0 {
            (pos.column as usize)
                .saturating_sub(1)
                .saturating_sub(before_label.chars().count())
        } else {
            0
        };
        Self {
            name: sanitize_line(name).into_owned(),
            text: sanitize(&src[from..to]).into_owned(),
            label: start - from..end - from,
            first_line,
            first_column,
            from,
        }
    }

    /// `span` (a byte range of the file) relative to the snippet's text, when it lies within it.
    pub fn relative(&self, span: &std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
        let start = span.start.checked_sub(self.from)?;
        let end = span.end.checked_sub(self.from)?;
        (start <= end
            && end <= self.text.len()
            && self.text.is_char_boundary(start)
            && self.text.is_char_boundary(end))
        .then_some(start..end)
    }
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        let column = if inner.line() == 0 {
            inner.column() + self.first_column
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            inner.line_count(),
        )))
    }
}
