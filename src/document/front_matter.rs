//! YAML front-matter: find the `---` block, parse it into a small tree that keeps the source
//! text and byte span of every key and value.
//!
//! Values stay as the author wrote them (`1.10` is the string `1.10`, never the float 1.1). The
//! parser is event-based (saphyr-parser), so no value is ever typed, aliases are expanded only
//! within a fixed budget, and nesting deeper than [`MAX_DEPTH`] is an error, not a stack overflow.

use std::collections::HashMap;
use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle, Span as YamlSpan};

/// Deepest nesting of YAML collections accepted in front-matter.
pub const MAX_DEPTH: usize = 64;
/// Most nodes that alias expansion may copy in one front-matter block ("billion laughs" guard).
pub const MAX_ALIAS_NODES: usize = 10_000;

/// One YAML value with its byte range in the whole document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Node {
    /// What the value is.
    pub kind: NodeKind,
    /// Byte range in the document source.
    pub span: Range<usize>,
}

/// The shape of a YAML value. Scalars keep their text; nothing is typed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum NodeKind {
    /// A scalar's text, unquoted; `plain` is false for quoted and block scalars.
    Scalar {
        /// The scalar's text (quotes removed, escapes applied).
        text: Box<str>,
        /// Whether the scalar was written without quotes.
        plain: bool,
    },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order (duplicates kept).
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The scalar text, if this is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// True for an empty value: a plain `~`, `null`, nothing, or an empty quoted string/list/map.
    pub fn is_empty(&self) -> bool {
        match &self.kind {
            NodeKind::Scalar { text, plain } => {
                let t = text.trim();
                t.is_empty() || (*plain && matches!(t, "~" | "null" | "Null" | "NULL"))
            }
            NodeKind::Seq(items) => items.is_empty(),
            NodeKind::Map(entries) => entries.is_empty(),
        }
    }

    /// The items of a list value; a scalar counts as a one-item list.
    pub fn items(&self) -> Vec<&Node> {
        match &self.kind {
            NodeKind::Seq(items) => items.iter().collect(),
            NodeKind::Scalar { .. } if !self.is_empty() => vec![self],
            _ => Vec::new(),
        }
    }
}

/// The front-matter block of a document.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    /// The whole block, delimiters included.
    pub span: Range<usize>,
    /// Top-level keys in source order: key text, key span, value.
    pub entries: Vec<Entry>,
}

/// One top-level `key: value` pair.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The key as written.
    pub key: String,
    /// Byte range of the key.
    pub key_span: Range<usize>,
    /// The value.
    pub value: Node,
}

/// Why a front-matter block could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    /// What went wrong, for the finding's message.
    pub message: String,
    /// Where (absolute byte range).
    pub span: Range<usize>,
}

/// Result of looking for front-matter at the start of a document.
#[derive(Debug)]
pub enum Split {
    /// No block opens the document.
    None,
    /// A block opens the document but has no closing `---` or `...` line.
    Unterminated {
        /// The opening delimiter line.
        open: Range<usize>,
    },
    /// A complete block: `yaml` is the text between the delimiters, `body` starts after it.
    Block {
        /// The whole block, delimiters included.
        block: Range<usize>,
        /// The YAML text between the delimiters.
        yaml: Range<usize>,
        /// Where the Markdown body starts.
        body: usize,
    },
}

/// Find a front-matter block at `start` (after a BOM). The opening line is `---` alone (trailing
/// blanks and CRLF allowed); the closing line is `---` or `...` alone.
pub fn split(src: &str, start: usize) -> Split {
    let rest = &src[start..];
    let Some(first_end) = line_end(rest, 0) else {
        return Split::None;
    };
    if rest[..first_end.0].trim_end() != "---" {
        return Split::None;
    }
    let yaml_start = first_end.1;
    let mut pos = yaml_start;
    while pos < rest.len() {
        let (content_end, next) = line_end(rest, pos).unwrap_or((rest.len(), rest.len()));
        let line = rest[pos..content_end].trim_end();
        if line == "---" || line == "..." {
            return Split::Block {
                block: start..start + next,
                yaml: start + yaml_start..start + pos,
                body: start + next,
            };
        }
        pos = next;
    }
    Split::Unterminated {
        open: start..start + first_end.0,
    }
}

/// End of the line starting at `pos`: (end of content without `\r\n`, start of next line).
fn line_end(s: &str, pos: usize) -> Option<(usize, usize)> {
    if pos > s.len() {
        return None;
    }
    match memchr::memchr(b'\n', &s.as_bytes()[pos..]) {
        Some(i) => {
            let nl = pos + i;
            let content = if nl > pos && s.as_bytes()[nl - 1] == b'\r' {
                nl - 1
            } else {
                nl
            };
            Some((content, nl + 1))
        }
        None => Some((s.len(), s.len())),
    }
}

/// Parse the YAML text `src[yaml]` into top-level entries.
pub fn parse(src: &str, block: Range<usize>, yaml: Range<usize>) -> Result<FrontMatter, FrontMatterError> {
    let text = &src[yaml.clone()];
    // The parser's character index, not its line and column: YAML counts a lone `\r` as a line
    // break and the line index does not, so only the index stays exact in mixed line endings.
    let chars = CharOffsets::new(text);
    let base = yaml.start;
    let at = |m: &saphyr_parser::Marker| base + chars.byte(text, m.index());
    let span_of = |s: &YamlSpan| at(&s.start)..at(&s.end).max(at(&s.start));

    let mut builder = TreeBuilder::default();
    for item in Parser::new_from_str(text) {
        match item {
            Ok((event, span)) => {
                let mut range = span_of(&span);
                if matches!(event, Event::Scalar(..)) {
                    range.start = after_properties(src, range.clone());
                }
                builder.push(event, range)?;
            }
            Err(e) => {
                let pos = at(e.marker());
                return Err(FrontMatterError {
                    message: format!("YAML syntax error: {}", e.info()),
                    span: pos..next_char(src, pos),
                });
            }
        }
    }
    let root = builder.root;
    let entries = match root {
        None => Vec::new(),
        Some(Node {
            kind: NodeKind::Scalar { ref text, plain },
            ..
        }) if plain && text.trim().is_empty() => Vec::new(),
        Some(Node {
            kind: NodeKind::Map(pairs),
            ..
        }) => {
            if let Some((k, _)) = pairs.iter().find(|(k, _)| k.as_str().is_none()) {
                return Err(FrontMatterError {
                    message: "front-matter key is a list or a mapping, not a field name".to_owned(),
                    span: k.span.clone(),
                });
            }
            pairs
                .into_iter()
                .map(|(k, v)| Entry {
                    key: k.as_str().unwrap_or_default().to_owned(),
                    key_span: k.span,
                    value: v,
                })
                .collect()
        }
        Some(other) => {
            return Err(FrontMatterError {
                message: "front-matter is not a mapping of `key: value` pairs".to_owned(),
                span: other.span,
            });
        }
    };
    Ok(FrontMatter { span: block, entries })
}

/// Character index → byte offset, with a checkpoint every [`CharOffsets::STEP`] characters so a
/// huge block needs little memory and no lookup walks more than a few characters.
struct CharOffsets {
    ascii: bool,
    checkpoints: Vec<usize>,
}

impl CharOffsets {
    const STEP: usize = 64;

    fn new(text: &str) -> Self {
        let ascii = text.is_ascii();
        let checkpoints = if ascii {
            Vec::new()
        } else {
            text.char_indices().step_by(Self::STEP).map(|(i, _)| i).collect()
        };
        Self { ascii, checkpoints }
    }

    /// Byte offset of the `index`-th character, clamped to the end of `text`.
    fn byte(&self, text: &str, index: usize) -> usize {
        if self.ascii {
            return index.min(text.len());
        }
        let Some(&from) = self.checkpoints.get(index / Self::STEP) else {
            return text.len();
        };
        text[from..]
            .char_indices()
            .nth(index % Self::STEP)
            .map_or(text.len(), |(i, _)| from + i)
    }
}

/// Where a scalar's own text starts in `span`: after its node properties (`&anchor`, `!tag`,
/// each followed by white space), which the parser's span includes. No scalar's text starts
/// with `&` or `!` (they are indicators), so skipping them never cuts into the value.
fn after_properties(src: &str, span: Range<usize>) -> usize {
    let bytes = src.as_bytes();
    let mut at = span.start;
    while at < span.end && matches!(bytes[at], b'&' | b'!') {
        let token_end = (at..span.end)
            .find(|&i| matches!(bytes[i], b' ' | b'\t' | b'\r' | b'\n'))
            .unwrap_or(span.end);
        let next = (token_end..span.end)
            .find(|&i| !matches!(bytes[i], b' ' | b'\t' | b'\r' | b'\n'))
            .unwrap_or(span.end);
        if next >= span.end {
            break;
        }
        at = next;
    }
    at
}

fn next_char(src: &str, pos: usize) -> usize {
    src[pos.min(src.len())..]
        .chars()
        .next()
        .map_or(pos, |c| pos + c.len_utf8())
}

/// Builds a [`Node`] tree from parser events with an explicit stack (no recursion).
#[derive(Default)]
struct TreeBuilder {
    stack: Vec<(Node, Option<usize>)>,
    pending_key: Vec<Option<Node>>,
    anchors: HashMap<usize, Node>,
    alias_budget_used: usize,
    root: Option<Node>,
    documents: usize,
}

impl TreeBuilder {
    fn push(&mut self, event: Event<'_>, span: Range<usize>) -> Result<(), FrontMatterError> {
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(FrontMatterError {
                        message: "front-matter holds more than one YAML document".to_owned(),
                        span,
                    });
                }
            }
            Event::Scalar(text, style, anchor, _) => {
                let node = Node {
                    kind: NodeKind::Scalar {
                        text: text.into_owned().into_boxed_str(),
                        plain: style == ScalarStyle::Plain,
                    },
                    span,
                };
                self.finish(node, anchor)?;
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if self.stack.len() >= MAX_DEPTH {
                    return Err(FrontMatterError {
                        message: format!("front-matter is nested more than {MAX_DEPTH} levels deep"),
                        span,
                    });
                }
                let kind = if matches!(event, Event::SequenceStart(..)) {
                    NodeKind::Seq(Vec::new())
                } else {
                    NodeKind::Map(Vec::new())
                };
                self.stack
                    .push((Node { kind, span }, Some(anchor).filter(|a| *a != 0)));
                self.pending_key.push(None);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((mut node, anchor)) = self.stack.pop() {
                    self.pending_key.pop();
                    node.span.end = node.span.end.max(span.end);
                    self.finish(node, anchor.unwrap_or(0))?;
                }
            }
            Event::Alias(id) => {
                let Some(target) = self.anchors.get(&id) else {
                    return Err(FrontMatterError {
                        message: "alias to an unknown anchor".to_owned(),
                        span,
                    });
                };
                let cost = count_nodes(target);
                self.alias_budget_used += cost;
                if self.alias_budget_used > MAX_ALIAS_NODES {
                    return Err(FrontMatterError {
                        message: format!(
                            "YAML aliases expand to more than {MAX_ALIAS_NODES} values (alias bomb?)"
                        ),
                        span,
                    });
                }
                let mut node = target.clone();
                node.span = span;
                self.finish(node, 0)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
        Ok(())
    }

    fn finish(&mut self, node: Node, anchor: usize) -> Result<(), FrontMatterError> {
        if anchor != 0 {
            if count_nodes(&node) > MAX_ALIAS_NODES {
                return Err(FrontMatterError {
                    message: "anchored YAML value is too large".to_owned(),
                    span: node.span,
                });
            }
            self.anchors.insert(anchor, node.clone());
        }
        let Some((parent, _)) = self.stack.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        let Some(key_slot) = self.pending_key.last_mut() else {
            return Ok(());
        };
        match &mut parent.kind {
            NodeKind::Seq(items) => {
                parent.span.end = parent.span.end.max(node.span.end);
                items.push(node);
            }
            NodeKind::Map(pairs) => match key_slot.take() {
                None => *key_slot = Some(node),
                Some(key) => {
                    parent.span.end = parent.span.end.max(node.span.end);
                    pairs.push((key, node));
                }
            },
            NodeKind::Scalar { .. } => {}
        }
        Ok(())
    }
}

fn count_nodes(node: &Node) -> usize {
    let mut count = 0;
    let mut todo = vec![node];
    while let Some(n) = todo.pop() {
        count += 1;
        match &n.kind {
            NodeKind::Scalar { .. } => {}
            NodeKind::Seq(items) => todo.extend(items),
            NodeKind::Map(pairs) => {
                for (k, v) in pairs {
                    todo.push(k);
                    todo.push(v);
                }
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm(src: &str) -> Result<FrontMatter, FrontMatterError> {
        match split(src, 0) {
            Split::Block { block, yaml, .. } => parse(src, block, yaml),
            other => panic!("no block: {other:?}"),
        }
    }

    #[test]
    fn values_keep_source_text_and_spans() {
        let src = "---\nversion: 1.10\nclauses: [5.2, \"8.2.4\"]\n---\n# T\n";
        let f = fm(src).unwrap();
        assert_eq!(f.entries[0].key, "version");
        assert_eq!(f.entries[0].value.as_str(), Some("1.10"));
        assert_eq!(&src[f.entries[0].value.span.clone()], "1.10");
        let items = f.entries[1].value.items();
        assert_eq!(items[0].as_str(), Some("5.2"));
        assert_eq!(&src[items[0].span.clone()], "5.2");
        assert_eq!(items[1].as_str(), Some("8.2.4"));
    }

    #[test]
    fn crlf_and_multibyte_positions() {
        let src = "---\r\ntitle: Política é\r\nowner: Zoë\r\n---\r\nbody";
        let f = fm(src).unwrap();
        assert_eq!(&src[f.entries[1].value.span.clone()], "Zoë");
        assert_eq!(&src[f.entries[1].key_span.clone()], "owner");
    }

    #[test]
    fn syntax_error_has_position() {
        let src = "---\ntitle: [unclosed\nowner: x\n---\n";
        let e = fm(src).unwrap_err();
        assert!(e.message.starts_with("YAML syntax error"), "{e:?}");
        assert!(e.span.start >= 4);
    }

    #[test]
    fn lone_cr_and_multibyte_keep_exact_spans() {
        let src = "---\r\nid: POL-1\ntitle: Zoë\r\rstatus: nope\n---\n";
        let f = fm(src).unwrap();
        assert_eq!(&src[f.entries[1].value.span.clone()], "Zoë");
        assert_eq!(&src[f.entries[2].key_span.clone()], "status");
        assert_eq!(&src[f.entries[2].value.span.clone()], "nope");
        let long = format!("---\nt: {}\nk: é\n---\n", "ü".repeat(300));
        let f = fm(&long).unwrap();
        assert_eq!(&long[f.entries[1].value.span.clone()], "é");
    }

    #[test]
    fn collection_keys_are_refused() {
        let src = "---\nid: A\n? [a, b]\n: v\n---\n";
        let e = fm(src).unwrap_err();
        assert!(e.message.contains("not a field name"), "{e:?}");
        assert_eq!(&src[e.span.clone()], "[a, b]");
    }

    #[test]
    fn not_a_mapping() {
        assert!(
            fm("---\n- a\n- b\n---\n")
                .unwrap_err()
                .message
                .contains("not a mapping")
        );
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut src = String::from("---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = i - 1;
            src.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        src.push_str("---\n");
        assert!(fm(&src).unwrap_err().message.contains("alias"));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let src = format!("---\nk: {}{}\n---\n", "[".repeat(200), "]".repeat(200));
        assert!(fm(&src).is_err());
    }

    #[test]
    fn split_variants() {
        assert!(matches!(split("# no", 0), Split::None));
        assert!(matches!(split("---\na: b\n", 0), Split::Unterminated { .. }));
        assert!(matches!(split("---\n---\n", 0), Split::Block { .. }));
        assert!(fm("---\n---\n").unwrap().entries.is_empty());
    }
}
