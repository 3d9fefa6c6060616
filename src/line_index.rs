//! Byte offset → 1-based line and column (in Unicode code points).
//!
//! Spans inside smslint are byte ranges; lines and columns exist only because humans, SARIF and
//! GitHub want them. This is the single place that converts one into the other.
//!
//! A [`LineIndex`] is built once from a text, while its bytes are in hand, and answers every
//! later question without the text: a workspace keeps one per document and drops the document's
//! body (see `workspace.rs`). It records the line starts and, for a text that is not all ASCII,
//! where its multi-byte characters are — as a sorted list when they are few, else as one bit per
//! byte — so a column (a count of code points) and the character boundary at or before an offset
//! are a binary search or a popcount, never a scan of the text.

/// 1-based position of a span, columns in code points, `end_column` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
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

/// Everything positions need from a text, without the text: its length, the start offset of
/// every line (found with `memchr`), and where its multi-byte characters are.
///
/// Offsets are stored as `u32`: a text longer than 4 GiB is indexed up to there (the
/// workspace never reads a document that large).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "Unchecked", into = "Unchecked")]
pub struct LineIndex {
    len: u32,
    starts: Starts,
    wide: Wide,
}

/// A [`LineIndex`] as written and as decoded from bytes that are not trusted (the incremental
/// cache): it becomes one only when it is what [`LineIndex::new`] could have built, so no
/// lookup can index out of bounds or count backwards.
#[derive(serde::Serialize, serde::Deserialize)]
struct Unchecked {
    len: u32,
    starts: Vec<u32>,
    wide: Wide,
}

impl From<LineIndex> for Unchecked {
    fn from(ix: LineIndex) -> Self {
        Self {
            len: ix.len,
            starts: (0..ix.starts.len()).map(|i| ix.starts.get(i)).collect(),
            wide: ix.wide,
        }
    }
}

/// Lines per full offset of [`Starts::Gaps`].
const MARK: usize = 64;

/// The start offset of every line. A workspace keeps one index per document, so the usual
/// case, every line shorter than 64 KiB, takes two bytes a line instead of four.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Starts {
    /// Each start in full.
    Full(Vec<u32>),
    /// The start of every [`MARK`]-th line in full, and of each line its distance from the
    /// start of the line before (0 for the first).
    Gaps {
        /// Starts of lines 0, `MARK`, 2 × `MARK`, …
        marks: Vec<u32>,
        /// One per line.
        gaps: Vec<u16>,
    },
}

impl Starts {
    /// The form of `starts` (rising, from 0) that takes less room.
    fn of(starts: Vec<u32>) -> Self {
        let gaps: Option<Vec<u16>> = std::iter::once(Some(0))
            .chain(starts.windows(2).map(|w| u16::try_from(w[1] - w[0]).ok()))
            .collect();
        match gaps {
            Some(gaps) if starts.len() > 1 => Starts::Gaps {
                marks: starts.iter().step_by(MARK).copied().collect(),
                gaps,
            },
            _ => Starts::Full(starts),
        }
    }

    /// Number of lines.
    fn len(&self) -> usize {
        match self {
            Starts::Full(s) => s.len(),
            Starts::Gaps { gaps, .. } => gaps.len(),
        }
    }

    /// Start of line `i` (0-based, `i < len`).
    fn get(&self, i: usize) -> u32 {
        match self {
            Starts::Full(s) => s[i],
            Starts::Gaps { marks, gaps } => {
                let m = i / MARK;
                let from = m * MARK + 1;
                marks[m]
                    + gaps[from.min(i + 1)..=i]
                        .iter()
                        .map(|&g| u32::from(g))
                        .sum::<u32>()
            }
        }
    }

    /// The last line starting at or before `at`.
    fn line_of(&self, at: usize) -> usize {
        match self {
            Starts::Full(s) => s.partition_point(|&x| x as usize <= at).saturating_sub(1),
            Starts::Gaps { marks, gaps } => {
                let m = marks.partition_point(|&x| x as usize <= at).saturating_sub(1);
                let (mut line, mut start) = (m * MARK, marks[m] as usize);
                while let Some(&g) = gaps.get(line + 1).filter(|_| line + 1 < (m + 1) * MARK) {
                    if start + usize::from(g) > at {
                        break;
                    }
                    start += usize::from(g);
                    line += 1;
                }
                line
            }
        }
    }

    /// The heap bytes held.
    fn heap_bytes(&self) -> usize {
        match self {
            Starts::Full(s) => s.capacity() * 4,
            Starts::Gaps { marks, gaps } => marks.capacity() * 4 + gaps.capacity() * 2,
        }
    }
}

impl TryFrom<Unchecked> for LineIndex {
    type Error = &'static str;

    fn try_from(u: Unchecked) -> Result<Self, Self::Error> {
        let len = u.len as usize;
        let starts_ok = u.starts.first() == Some(&0)
            && u.starts.windows(2).all(|w| w[0] < w[1])
            && u.starts.last().is_some_and(|&s| s <= u.len);
        if !starts_ok {
            return Err("line starts out of order or past the end");
        }
        let wide_ok = match &u.wide {
            Wide::Ascii => true,
            Wide::Sparse(chars) => {
                // Offsets rise past the previous character's bytes; every character has one
                // to three continuation bytes, inside the text.
                let mut end = 0u64;
                let mut before = 0u32;
                chars.iter().all(|&(o, cum)| {
                    let extra = cum.saturating_sub(before);
                    let ok = u64::from(o) >= end
                        && (1..=3).contains(&extra)
                        && u64::from(o) + u64::from(extra) < u64::from(u.len);
                    end = u64::from(o) + u64::from(extra) + 1;
                    before = cum;
                    ok
                })
            }
            Wide::Dense { bits, ranks } => {
                // The sizes `Wide::of` gives, no bit past the end or on the first byte, and
                // every rank the count of the bits before its block.
                let sizes = bits.len() == len / 64 + 1 && ranks.len() == len / BLOCK + 1;
                let tail = len % 64;
                let clean = sizes
                    && bits[0] & 1 == 0
                    && bits
                        .last()
                        .is_some_and(|&w| tail == 0 && w == 0 || tail != 0 && w >> tail == 0);
                clean && {
                    let mut n = 0u32;
                    ranks.iter().enumerate().all(|(b, &r)| {
                        let first = b * (BLOCK / 64);
                        let ok = r == n;
                        n += bits[first..(first + BLOCK / 64).min(bits.len())]
                            .iter()
                            .map(|w| w.count_ones())
                            .sum::<u32>();
                        ok
                    })
                }
            }
        };
        if !wide_ok {
            return Err("multi-byte character table inconsistent with the text length");
        }
        Ok(Self {
            len: u.len,
            starts: Starts::of(u.starts),
            wide: u.wide,
        })
    }
}

/// Where the multi-byte characters of a text are.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
enum Wide {
    /// None: every byte is a character.
    Ascii,
    /// Few: for each multi-byte character, its offset and the continuation bytes of all
    /// characters up to and including it (8 bytes each).
    Sparse(Vec<(u32, u32)>),
    /// Many: one bit per byte, set on continuation bytes, with the count of continuation bytes
    /// before every [`BLOCK`] bytes (an eighth of the text, plus a 128th).
    Dense {
        /// The bits, 64 bytes of text per word.
        bits: Vec<u64>,
        /// Continuation bytes before each block.
        ranks: Vec<u32>,
    },
}

/// Bytes of text per rank of [`Wide::Dense`] (8 words).
const BLOCK: usize = 512;

/// Whether `b` continues a UTF-8 character.
fn continues(b: u8) -> bool {
    b & 0xC0 == 0x80
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl LineIndex {
    /// Index `text`. A `\r\n` pair ends a line like `\n`; a lone `\r` does not.
    pub fn new(text: &str) -> Self {
        let bytes = &text.as_bytes()[..text.len().min(u32::MAX as usize)];
        let mut starts = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| to_u32(i + 1)));
        Self {
            len: to_u32(bytes.len()),
            starts: Starts::of(starts),
            wide: Wide::of(bytes),
        }
    }

    /// The length of the indexed text, in bytes.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether the indexed text is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Number of lines (a trailing newline opens an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 1-based `line` starts, if it exists.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        line.checked_sub(1)
            .filter(|&l| l < self.starts.len())
            .map(|l| self.starts.get(l) as usize)
    }

    /// The nearest character boundary at or before `at` (clamped to the text).
    pub fn floor_char(&self, at: usize) -> usize {
        let at = at.min(self.len());
        match &self.wide {
            Wide::Ascii => at,
            Wide::Sparse(chars) => {
                // The last multi-byte character starting before `at`: `at` is inside it, or
                // after it.
                let i = chars.partition_point(|&(o, _)| (o as usize) < at);
                let Some(j) = i.checked_sub(1) else {
                    return at;
                };
                let (o, cum) = chars[j];
                let extra = cum - j.checked_sub(1).map_or(0, |k| chars[k].1);
                if at <= (o + extra) as usize {
                    o as usize
                } else {
                    at
                }
            }
            Wide::Dense { bits, .. } => {
                let mut at = at;
                while at < self.len() && bits[at / 64] >> (at % 64) & 1 == 1 {
                    at -= 1;
                }
                at
            }
        }
    }

    /// Continuation bytes before the character boundary `at`.
    fn continuations_before(&self, at: usize) -> usize {
        match &self.wide {
            Wide::Ascii => 0,
            Wide::Sparse(chars) => {
                let i = chars.partition_point(|&(o, _)| (o as usize) < at);
                i.checked_sub(1).map_or(0, |j| chars[j].1 as usize)
            }
            Wide::Dense { bits, ranks } => {
                let block = at / BLOCK;
                let first = block * (BLOCK / 64);
                let word = at / 64;
                let mut n = ranks[block] as usize;
                n += bits[first..word]
                    .iter()
                    .map(|w| w.count_ones() as usize)
                    .sum::<usize>();
                if at % 64 != 0 {
                    n += (bits[word] & ((1u64 << (at % 64)) - 1)).count_ones() as usize;
                }
                n
            }
        }
    }

    /// 1-based line and 1-based column counted in code points. Offsets past the end clamp to the
    /// end; offsets inside a multi-byte character count as that character.
    pub fn line_col(&self, at: usize) -> (u32, u32) {
        let at = self.floor_char(at);
        let line = self.starts.line_of(at);
        let start = self.starts.get(line) as usize;
        let col = at - start - (self.continuations_before(at) - self.continuations_before(start));
        (to_u32(line + 1), to_u32(col + 1))
    }

    /// The span `span` clamped to the text and to character boundaries, with its position.
    pub fn place(&self, span: &std::ops::Range<usize>) -> (std::ops::Range<usize>, Position) {
        let start = self.floor_char(span.start);
        let end = self.floor_char(span.end.clamp(start, self.len()));
        let (line, column) = self.line_col(start);
        let (end_line, end_column) = self.line_col(end);
        let pos = Position {
            line,
            column,
            end_line,
            end_column,
        };
        (start..end, pos)
    }

    /// The heap bytes this index holds (for the memory figures of the benchmarks).
    pub fn heap_bytes(&self) -> usize {
        self.starts.heap_bytes()
            + match &self.wide {
                Wide::Ascii => 0,
                Wide::Sparse(c) => c.capacity() * 8,
                Wide::Dense { bits, ranks } => bits.capacity() * 8 + ranks.capacity() * 4,
            }
    }
}

impl Wide {
    /// Where the multi-byte characters of `bytes` (valid UTF-8) are, in the smaller form.
    fn of(bytes: &[u8]) -> Self {
        let continuation = bytes.iter().filter(|&&b| continues(b)).count();
        if continuation == 0 {
            return Wide::Ascii;
        }
        let lead = bytes.iter().filter(|&&b| b >= 0xC0).count();
        let dense_size = bytes.len() / 8 + bytes.len() / BLOCK * 4 + 12;
        if lead * 8 <= dense_size {
            let mut chars = Vec::with_capacity(lead);
            let mut cum = 0u32;
            for (i, &b) in bytes.iter().enumerate() {
                if b >= 0xC0 {
                    chars.push((to_u32(i), cum));
                } else if continues(b) {
                    cum += 1;
                    if let Some(last) = chars.last_mut() {
                        last.1 = cum;
                    }
                }
            }
            return Wide::Sparse(chars);
        }
        let mut bits = vec![0u64; bytes.len() / 64 + 1];
        let mut ranks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut n = 0u32;
        for (i, &b) in bytes.iter().enumerate() {
            if i % BLOCK == 0 {
                ranks.push(n);
            }
            if continues(b) {
                bits[i / 64] |= 1 << (i % 64);
                n += 1;
            }
        }
        if bytes.len() % BLOCK == 0 {
            ranks.push(n);
        }
        Wide::Dense { bits, ranks }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An index decoded from untrusted bytes is accepted exactly when `new` could have built
    /// it: every real index of ASCII, sparse and dense texts round-trips, and tampered ones
    /// (lines out of order, a character past the end, a rank that does not count the bits, a
    /// bit on the first byte) are refused instead of panicking in a lookup later.
    #[test]
    fn a_decoded_index_is_checked() {
        let texts = [
            "plain\nascii\n".to_owned(),
            "caf\u{e9}\nna\u{ef}ve\n".to_owned(),
            "\u{e9}\u{4e2d}".repeat(700),
        ];
        for t in &texts {
            let ix = LineIndex::new(t);
            let json = serde_json::to_string(&ix).unwrap();
            let back: LineIndex = serde_json::from_str(&json).unwrap();
            assert_eq!(back, ix, "{json}");
        }
        // The same shapes, consistent: accepted (so the refusals below are for the values).
        let good = [
            r#"{"len":10,"starts":[0,5,7],"wide":"Ascii"}"#,
            r#"{"len":9,"starts":[0],"wide":{"Sparse":[[3,1],[6,3]]}}"#,
            r#"{"len":600,"starts":[0],"wide":{"Dense":{"bits":[2,0,0,0,0,0,0,0,0,0],"ranks":[0,1]}}}"#,
        ];
        for json in good {
            let ix: LineIndex = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
            let _ = ix.place(&(0..usize::MAX));
        }
        let bad = [
            r#"{"len":10,"starts":[0,5,3],"wide":"Ascii"}"#,
            r#"{"len":10,"starts":[1],"wide":"Ascii"}"#,
            r#"{"len":10,"starts":[],"wide":"Ascii"}"#,
            r#"{"len":10,"starts":[0,11],"wide":"Ascii"}"#,
            r#"{"len":4,"starts":[0],"wide":{"Sparse":[[3,1]]}}"#,
            r#"{"len":9,"starts":[0],"wide":{"Sparse":[[3,2],[1,3]]}}"#,
            r#"{"len":9,"starts":[0],"wide":{"Sparse":[[3,0]]}}"#,
            r#"{"len":100,"starts":[0],"wide":{"Dense":{"bits":[2],"ranks":[0]}}}"#,
            r#"{"len":100,"starts":[0],"wide":{"Dense":{"bits":[1,0],"ranks":[0]}}}"#,
            r#"{"len":600,"starts":[0],"wide":{"Dense":{"bits":[2,0,0,0,0,0,0,0,0,0],"ranks":[0,0]}}}"#,
        ];
        for json in bad {
            assert!(
                serde_json::from_str::<LineIndex>(json).is_err(),
                "accepted {json}"
            );
        }
    }

    /// Line and column counted the plain way, from the text.
    fn plain(t: &str, at: usize) -> (u32, u32) {
        let at = floor_char(t, at);
        let start = t[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = t[..at].matches('\n').count() + 1;
        (line as u32, (t[start..at].chars().count() + 1) as u32)
    }

    #[test]
    fn line_starts_in_two_bytes_agree_with_a_plain_count() {
        // Lines of 0 to 99 bytes across several marks, then one line too long for two bytes.
        let short: String = (0..300).map(|i| "é".repeat(i % 50) + "\n").collect();
        let ix = LineIndex::new(&short);
        assert!(matches!(ix.starts, Starts::Gaps { .. }));
        agrees(&short);
        for line in 1..=ix.line_count() {
            let want = short
                .split_inclusive('\n')
                .take(line - 1)
                .map(str::len)
                .sum::<usize>();
            assert_eq!(ix.line_start(line), Some(want), "line {line}");
        }
        assert_eq!(ix.line_start(ix.line_count() + 1), None);
        let long = format!("a\n{}\nb\n", "x".repeat(70_000));
        let lx = LineIndex::new(&long);
        assert!(matches!(lx.starts, Starts::Full(_)));
        assert_eq!(lx.line_col(long.len() - 1), (3, 2));
        // Written in full either way, and read back to the same form.
        for ix in [ix, lx] {
            let back: LineIndex = postcard::from_bytes(&postcard::to_allocvec(&ix).unwrap()).unwrap();
            assert_eq!(back, ix);
        }
    }

    fn agrees(t: &str) {
        let ix = LineIndex::new(t);
        for at in 0..=t.len() + 2 {
            assert_eq!(ix.floor_char(at), floor_char(t, at), "floor at {at} of {t:?}");
            assert_eq!(ix.line_col(at), plain(t, at), "at {at} of {t:?}");
        }
    }

    #[test]
    fn ascii_lines() {
        let t = "ab\ncd\n";
        let ix = LineIndex::new(t);
        assert_eq!(ix.wide, Wide::Ascii);
        assert_eq!(ix.line_col(0), (1, 1));
        assert_eq!(ix.line_col(2), (1, 3));
        assert_eq!(ix.line_col(3), (2, 1));
        assert_eq!(ix.line_col(6), (3, 1));
        assert_eq!(ix.line_count(), 3);
        assert_eq!(ix.line_start(2), Some(3));
        agrees(t);
    }

    #[test]
    fn multibyte_columns_count_code_points() {
        let t = "é€😀x\nñ";
        let ix = LineIndex::new(t);
        let x = t.find('x').unwrap();
        assert_eq!(ix.line_col(x), (1, 4));
        let n = t.find('ñ').unwrap();
        assert_eq!(ix.line_col(n), (2, 1));
        // An offset inside a character counts as that character.
        assert_eq!(ix.line_col(1), (1, 1));
        assert_eq!(ix.floor_char(1), 0);
        agrees(t);
    }

    #[test]
    fn crlf_and_bom() {
        let t = "\u{feff}a\r\nb\r\n";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(3), (1, 2));
        let b = t.find('b').unwrap();
        assert_eq!(ix.line_col(b), (2, 1));
        agrees(t);
    }

    #[test]
    fn both_forms_agree_with_a_plain_count() {
        // Few multi-byte characters (kept as a list), then mostly multi-byte (kept as bits),
        // across block and word edges.
        let sparse = format!("{}é\n{}€x\n😀", "a".repeat(700), "b".repeat(600));
        assert!(matches!(LineIndex::new(&sparse).wide, Wide::Sparse(_)));
        agrees(&sparse);
        let dense = format!(
            "x\n{}{}\nñ\n{}",
            "é".repeat(300),
            "a".repeat(90),
            "日本語".repeat(200)
        );
        assert!(matches!(LineIndex::new(&dense).wide, Wide::Dense { .. }));
        agrees(&dense);
        let exact = "é".repeat(256); // 512 bytes: a text that ends on a block edge
        assert!(matches!(LineIndex::new(&exact).wide, Wide::Dense { .. }));
        agrees(&exact);
    }

    #[test]
    fn columns_on_long_lines_match_a_plain_count() {
        let t = format!("x\n{}\n", "é".repeat(20_000) + &"a".repeat(9_000));
        let ix = LineIndex::new(&t);
        for at in [2, 5_000, 40_001, 40_002, 45_000, t.len() - 1] {
            assert_eq!(ix.line_col(at), plain(&t, at), "at {at}");
        }
    }

    #[test]
    fn out_of_range_clamps() {
        let t = "abc";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(99), (1, 4));
        assert_eq!(
            ix.place(&(2..99)),
            (
                2..3,
                Position {
                    line: 1,
                    column: 3,
                    end_line: 1,
                    end_column: 4
                }
            )
        );
        #[allow(clippy::reversed_empty_ranges)] // a span whose end is before its start is clamped
        let backwards = 9..1;
        assert_eq!(ix.place(&backwards).0, 3..3);
        assert_eq!(ix.len(), 3);
    }
}
