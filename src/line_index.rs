//! Byte offset → 1-based line and column (in Unicode code points).
//!
//! Spans inside smslint are byte ranges; lines and columns exist only because humans, SARIF and
//! GitHub want them. This is the single place that converts one into the other.

/// 1-based position of a span, columns in code points, `end_column` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Position {
    /// First line.
    pub line: u32,
    /// First column.
    pub column: u32,
    /// Last line.
    pub end_line: u32,
    /// Column after the last character.
    pub end_column: u32,
}

/// The start offset of every line of a text, found once with `memchr`.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// For long lines: every [`STRIDE`] bytes, the offset (on a char boundary) and its 0-based
    /// column. Built on the first query into a long line, so that columns on a 1 MB line cost
    /// a binary search and at most `STRIDE` bytes of counting, not a count from the line start
    /// for each finding (80,000 links on one line would be quadratic).
    marks: std::cell::OnceCell<Vec<(usize, usize)>>,
}

/// Bytes between two column marks.
const STRIDE: usize = 4096;

impl LineIndex {
    /// Index the line starts of `text`. A `\r\n` pair ends a line like `\n`; a lone `\r` does not.
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self {
            starts,
            marks: std::cell::OnceCell::new(),
        }
    }

    /// Number of lines (a trailing newline opens an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 1-based `line` starts, if it exists.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        line.checked_sub(1).and_then(|l| self.starts.get(l).copied())
    }

    /// 1-based line and 1-based column counted in code points. Offsets past the end clamp to the
    /// end; offsets inside a multi-byte character count as that character.
    pub fn line_col(&self, text: &str, at: usize) -> (u32, u32) {
        let at = at.min(text.len());
        let line = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
        let mut start = self.starts[line];
        let mut base = 0;
        if at - start > STRIDE {
            let marks = self.marks.get_or_init(|| self.build_marks(text));
            let i = marks.partition_point(|&(o, _)| o <= at);
            if let Some(&(o, c)) = i.checked_sub(1).map(|i| &marks[i]) {
                if o >= start {
                    (start, base) = (o, c);
                }
            }
        }
        let col = text.get(start..at).map_or_else(
            || text[start..floor_char(text, at)].chars().count(),
            |s| s.chars().count(),
        );
        (to_u32(line + 1), to_u32(base + col + 1))
    }

    /// The column marks of `text` (see [`LineIndex::marks`]), in one pass.
    fn build_marks(&self, text: &str) -> Vec<(usize, usize)> {
        let mut marks = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut prev: Option<(usize, usize, usize)> = None; // (line, offset, column)
        let mut at = STRIDE;
        while at < text.len() {
            let o = floor_char(text, at);
            let line = self.starts.partition_point(|&s| s <= o).saturating_sub(1);
            let col = match prev {
                Some((l, po, pc)) if l == line => pc + text[po..o].chars().count(),
                _ => text[self.starts[line]..o].chars().count(),
            };
            marks.push((o, col));
            prev = Some((line, o, col));
            at += STRIDE;
        }
        marks
    }

    /// Byte offset of 1-based `line`, 0-based code-point `col` (as YAML parsers report), clamped
    /// to the line's end.
    pub fn offset(&self, text: &str, line: usize, col: usize) -> usize {
        let Some(start) = self.line_start(line) else {
            return text.len();
        };
        let end = self.starts.get(line).copied().unwrap_or(text.len());
        let slice = &text[start..end];
        slice.char_indices().nth(col).map_or(end, |(i, _)| start + i)
    }
}

/// The nearest char boundary at or before `at`.
pub fn floor_char(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_lines() {
        let t = "ab\ncd\n";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 0), (1, 1));
        assert_eq!(ix.line_col(t, 2), (1, 3));
        assert_eq!(ix.line_col(t, 3), (2, 1));
        assert_eq!(ix.line_col(t, 6), (3, 1));
        assert_eq!(ix.line_count(), 3);
    }

    #[test]
    fn multibyte_columns_count_code_points() {
        let t = "é€😀x\nñ";
        let ix = LineIndex::new(t);
        let x = t.find('x').unwrap();
        assert_eq!(ix.line_col(t, x), (1, 4));
        let n = t.find('ñ').unwrap();
        assert_eq!(ix.line_col(t, n), (2, 1));
        // An offset inside a character counts as that character.
        assert_eq!(ix.line_col(t, 1), (1, 1));
        assert_eq!(ix.offset(t, 1, 3), x);
    }

    #[test]
    fn crlf_and_bom() {
        let t = "\u{feff}a\r\nb\r\n";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 3), (1, 2));
        let b = t.find('b').unwrap();
        assert_eq!(ix.line_col(t, b), (2, 1));
        assert_eq!(ix.offset(t, 2, 0), b);
    }

    #[test]
    fn columns_on_long_lines_match_a_plain_count() {
        let t = format!("x\n{}\n", "é".repeat(20_000) + &"a".repeat(9_000));
        let ix = LineIndex::new(&t);
        for at in [2, 5_000, 40_001, 40_002, 45_000, t.len() - 1] {
            let plain = t[2..floor_char(&t, at)].chars().count() + 1;
            assert_eq!(ix.line_col(&t, at), (2, plain as u32), "at {at}");
        }
    }

    #[test]
    fn out_of_range_clamps() {
        let t = "abc";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 99), (1, 4));
        assert_eq!(ix.offset(t, 9, 0), 3);
        assert_eq!(ix.offset(t, 1, 99), 3);
    }
}
