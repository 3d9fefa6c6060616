//! The Markdown body: one pulldown-cmark pass with offsets, collecting what checks need —
//! headings, tables with every cell, links, HTML anchors, suppression comments and code ranges.
#![allow(clippy::disallowed_methods)] // the one Markdown parser

use std::ops::Range;

use pulldown_cmark::{BrokenLink, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// A heading with its plain text.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Plain text (emphasis and code marks removed).
    pub text: String,
    /// The whole heading.
    pub span: Range<usize>,
    /// Where the heading's section ends: the start of the next heading of the same or a higher
    /// level, or the end of the document.
    pub section_end: usize,
    /// Whether any block other than a heading follows before the next heading.
    pub has_content: bool,
    /// An explicit id written as a heading attribute (`## Scope {#scope}`).
    pub id: Option<Box<str>>,
    /// The attribute block as written (`{#scope .wide}`), which renderers without heading
    /// attributes (GitHub) show as part of the text.
    pub attr_block: Option<Box<str>>,
}

/// One table cell.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Cell {
    /// Plain text, trimmed.
    pub text: String,
    /// The cell's source range.
    pub span: Range<usize>,
}

/// A GitHub-flavoured Markdown table.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Table {
    /// Header cells.
    pub header: Vec<Cell>,
    /// The header row's source range.
    pub header_span: Range<usize>,
    /// Body rows.
    pub rows: Vec<Vec<Cell>>,
    /// The whole table.
    pub span: Range<usize>,
    /// Index into the document's headings of the nearest heading above the table.
    pub heading: Option<usize>,
}

/// A link or image.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Link {
    /// The destination as written.
    pub dest: Box<str>,
    /// The destination's source range when it can be found, else the whole link.
    pub span: Range<usize>,
    /// An image rather than a link.
    pub image: bool,
    /// The text around the link: its source line, or its table cell, with link destinations
    /// left out (what a content check reads to see what the link is cited for).
    pub context: Box<str>,
}

/// Text in square brackets that is not a link (`[POL-001]`): a candidate document reference.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Reference {
    /// The text between the brackets.
    pub text: String,
    /// The range of that text (brackets excluded).
    pub span: Range<usize>,
}

/// A `<!-- smslint-disable… -->` comment.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Suppression {
    /// Codes or names listed (upper-cased codes or kebab names, as written).
    pub codes: Vec<String>,
    /// The text after ` -- `, when given.
    pub reason: Option<String>,
    /// Where the comment is.
    pub span: Range<usize>,
    /// `disable-next-line` rather than `disable`.
    pub next_line: bool,
    /// The byte range it silences: the whole file, or the line after the comment.
    pub target: Range<usize>,
}

/// Everything collected from the body.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct Body {
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Tables in order.
    pub tables: Vec<Table>,
    /// Links and images in order.
    pub links: Vec<Link>,
    /// Ids and names of explicit HTML anchors (`<a id="x">`, `<a name="x">`, `id="x"` on any tag)
    /// and of kramdown block attribute lists (`{: #x}` on a line of its own).
    pub anchors: Vec<String>,
    /// Suppression comments.
    pub suppressions: Vec<Suppression>,
    /// Code blocks and inline code, where prose checks must not look.
    pub code: Vec<Range<usize>>,
    /// Bracketed texts that are not links (`[POL-001]`), outside code.
    pub refs: Vec<Reference>,
}

/// Parse `src[start..]` as Markdown; all ranges are absolute in `src`.
pub fn parse(src: &str, start: usize) -> Body {
    let text = &src[start..];
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut body = Body::default();
    let mut heading: Option<(u8, usize, String)> = None;
    let mut table: Option<Table> = None;
    let mut row: Option<Vec<Cell>> = None;
    let mut cell: Option<(usize, String)> = None;
    let mut in_header = false;
    let mut depth_blocks = 0usize;
    let mut heading_id: Option<Box<str>> = None;
    let mut has_attrs = false;
    let mut refs = Vec::new();
    let on_broken = |b: BrokenLink<'_>| {
        if matches!(b.link_type, LinkType::Shortcut | LinkType::Collapsed) {
            let r = b.reference.trim();
            if !r.is_empty() && r.len() <= 64 && !r.contains(char::is_whitespace) {
                let inner = text.get(b.span.clone()).unwrap_or("");
                let off = inner.find(r).unwrap_or(0);
                let s = start + b.span.start + off;
                refs.push(Reference {
                    text: r.to_owned(),
                    span: s..s + r.len(),
                });
            }
        }
        None
    };

    let mut events = Parser::new_with_broken_link_callback(text, opts, Some(on_broken)).into_offset_iter();
    while let Some((event, range)) = events.next() {
        let range = range.start + start..range.end + start;
        // A reference-style link's destination is written in its definition (`[id]: dest`).
        let written_at = |link_type: LinkType, id: &str| match link_type {
            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => events
                .reference_definitions()
                .get(id)
                .map(|d| d.span.start + start..d.span.end + start),
            _ => None,
        };
        if matches!(event, Event::Start(Tag::Paragraph)) {
            body.anchors.extend(ial_id(&src[range.clone()]));
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading = Some((heading_level(level), range.start, String::new()));
                has_attrs = id.is_some() || !classes.is_empty() || !attrs.is_empty();
                heading_id = id.map(|i| i.into_string().into_boxed_str());
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, s, text)) = heading.take() {
                    let attr_block = if std::mem::take(&mut has_attrs) {
                        attribute_block(&src[s..range.end])
                    } else {
                        None
                    };
                    body.headings.push(Heading {
                        attr_block,
                        level,
                        text: text.trim().to_owned(),
                        span: s..trim_end_newline(src, range.end),
                        section_end: src.len(),
                        has_content: false,
                        id: heading_id.take(),
                    });
                }
            }
            Event::Start(Tag::Table(_)) => {
                table = Some(Table {
                    header: Vec::new(),
                    header_span: range.start..range.start,
                    rows: Vec::new(),
                    span: range.clone(),
                    heading: body.headings.len().checked_sub(1),
                });
                mark_content(&mut body.headings);
            }
            Event::End(TagEnd::Table) => {
                if let Some(mut t) = table.take() {
                    t.span = range.start..trim_end_newline(src, range.end);
                    body.tables.push(t);
                }
            }
            Event::Start(Tag::TableHead) => {
                in_header = true;
                row = Some(Vec::new());
                if let Some(t) = table.as_mut() {
                    t.header_span = range.clone();
                }
            }
            Event::End(TagEnd::TableHead) => {
                in_header = false;
                if let (Some(t), Some(cells)) = (table.as_mut(), row.take()) {
                    t.header = cells;
                    t.header_span = range.start..trim_end_newline(src, range.end);
                }
            }
            Event::Start(Tag::TableRow) => row = Some(Vec::new()),
            Event::End(TagEnd::TableRow) => {
                if let (Some(t), Some(cells)) = (table.as_mut(), row.take()) {
                    if !in_header {
                        t.rows.push(cells);
                    }
                }
            }
            Event::Start(Tag::TableCell) => cell = Some((range.start, String::new())),
            Event::End(TagEnd::TableCell) => {
                if let (Some(r), Some((s, text))) = (row.as_mut(), cell.take()) {
                    r.push(Cell {
                        text: text.trim().to_owned(),
                        span: trim_span(src, s..range.end),
                    });
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                let at = written_at(link_type, &id).unwrap_or_else(|| range.clone());
                body.links.push(Link {
                    span: dest_span(src, &at, &dest_url),
                    dest: dest_url.into_string().into_boxed_str(),
                    image: false,
                    context: link_context(src, range.start).into_boxed_str(),
                });
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                let at = written_at(link_type, &id).unwrap_or_else(|| range.clone());
                body.links.push(Link {
                    span: dest_span(src, &at, &dest_url),
                    dest: dest_url.into_string().into_boxed_str(),
                    image: true,
                    context: Box::default(),
                });
            }
            Event::Text(t) => {
                push_text(&mut heading, &mut cell, &t);
            }
            Event::Code(t) => {
                body.code.push(range.clone());
                push_text(&mut heading, &mut cell, &t);
            }
            Event::Start(Tag::CodeBlock(_)) => {
                mark_content(&mut body.headings);
                body.code.push(range.clone());
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                scan_html(&h, range.clone(), &mut body);
            }
            Event::SoftBreak | Event::HardBreak => push_text(&mut heading, &mut cell, " "),
            Event::Start(
                Tag::Paragraph
                | Tag::List(_)
                | Tag::BlockQuote(_)
                | Tag::HtmlBlock
                | Tag::FootnoteDefinition(_),
            ) => {
                if depth_blocks == 0 && heading.is_none() {
                    mark_content(&mut body.headings);
                }
                depth_blocks += 1;
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::List(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::HtmlBlock
                | TagEnd::FootnoteDefinition,
            ) => depth_blocks = depth_blocks.saturating_sub(1),
            Event::Rule => mark_content(&mut body.headings),
            _ => {}
        }
    }
    body.refs = refs;
    close_sections(&mut body.headings, src.len());
    for s in body.suppressions.iter_mut().filter(|s| s.next_line) {
        s.target = next_line_range(src, s.span.end);
    }
    body
}

/// The `#id` of a paragraph that is only a kramdown block attribute list (`{: #id .class}`),
/// which gives the block before or after it that id.
fn ial_id(para: &str) -> Option<String> {
    let inner = para.trim().strip_prefix("{:")?.strip_suffix('}')?;
    if inner.contains(['\n', '{', '}']) {
        return None;
    }
    inner
        .split_whitespace()
        .find_map(|t| t.strip_prefix('#').filter(|id| !id.is_empty()).map(str::to_owned))
}

/// The last `{…}` of a heading's source: its attribute block.
fn attribute_block(heading_src: &str) -> Option<Box<str>> {
    let open = heading_src.rfind('{')?;
    let close = open + heading_src[open..].find('}')?;
    Some(heading_src[open..=close].into())
}

/// The range of the line after the one holding `at`.
/// The source line around `at` (its table cell when the line is a table row), without link
/// destinations (`](…)`): at most 300 bytes either side, so that a file of many links on one
/// long line stays linear.
fn link_context(src: &str, at: usize) -> String {
    const REACH: usize = 300;
    let mut lo = at.saturating_sub(REACH);
    while !src.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (at + REACH).min(src.len());
    while !src.is_char_boundary(hi) {
        hi -= 1;
    }
    let start = src[lo..at].rfind('\n').map_or(lo, |i| lo + i + 1);
    let end = src[at..hi].find('\n').map_or(hi, |i| at + i);
    let line = &src[start..end];
    let rel = at - start;
    let (mut from, mut to) = (0, line.len());
    if line.trim_start().starts_with('|') {
        from = line[..rel].rfind('|').map_or(0, |i| i + 1);
        to = line[rel..].find('|').map_or(line.len(), |i| rel + i);
    }
    let piece = &line[from..to];
    let mut out = String::new();
    let mut rest = piece;
    while let Some(i) = rest.find("](") {
        out.push_str(&rest[..i]);
        out.push(' ');
        rest = rest[i..].find(')').map_or("", |j| &rest[i + j + 1..]);
    }
    out.push_str(rest);
    let mut cut = out.len().min(400);
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    out.truncate(cut);
    out
}

fn next_line_range(src: &str, at: usize) -> Range<usize> {
    let b = src.as_bytes();
    let Some(nl) = memchr::memchr(b'\n', &b[at.min(b.len())..]).map(|i| at + i) else {
        return src.len()..src.len();
    };
    let start = nl + 1;
    let end = memchr::memchr(b'\n', &b[start..]).map_or(src.len(), |i| start + i);
    start..end
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn push_text(heading: &mut Option<(u8, usize, String)>, cell: &mut Option<(usize, String)>, t: &str) {
    if let Some((_, _, text)) = heading.as_mut() {
        text.push_str(t);
    } else if let Some((_, text)) = cell.as_mut() {
        text.push_str(t);
    }
}

fn mark_content(headings: &mut [Heading]) {
    if let Some(h) = headings.last_mut() {
        h.has_content = true;
    }
}

/// Each heading's section runs to the next heading of the same or a higher level.
fn close_sections(headings: &mut [Heading], end: usize) {
    let mut open: Vec<usize> = Vec::new();
    for i in 0..headings.len() {
        let (level, start) = (headings[i].level, headings[i].span.start);
        while let Some(&j) = open.last() {
            if headings[j].level >= level {
                headings[j].section_end = start;
                open.pop();
            } else {
                break;
            }
        }
        open.push(i);
    }
    for j in open {
        headings[j].section_end = end;
    }
}

fn trim_end_newline(src: &str, mut end: usize) -> usize {
    let b = src.as_bytes();
    while end > 0 && matches!(b.get(end - 1), Some(b'\n' | b'\r')) {
        end -= 1;
    }
    end
}

/// Shrink a cell's range to its content: no pipes, no surrounding blanks.
fn trim_span(src: &str, r: Range<usize>) -> Range<usize> {
    let s = &src[r.clone()];
    let lead = s.len()
        - s.trim_start_matches(|c: char| c == '|' || c.is_whitespace())
            .len();
    let trail = s.len() - s.trim_end_matches(|c: char| c == '|' || c.is_whitespace()).len();
    if lead + trail >= s.len() {
        return r.start + lead.min(s.len())..r.start + lead.min(s.len());
    }
    r.start + lead..r.end - trail
}

/// The destination's own range inside a link's source, when it is written inline.
fn dest_span(src: &str, link: &Range<usize>, dest: &str) -> Range<usize> {
    let s = &src[link.clone()];
    if !dest.is_empty() {
        // The common case, `[text](dest)`, without a substring search.
        if let Some(inner) = s.strip_suffix(')') {
            if inner.ends_with(dest) {
                let start = link.start + inner.len() - dest.len();
                return start..start + dest.len();
            }
        }
        if let Some(i) = s.rfind(dest) {
            return link.start + i..link.start + i + dest.len();
        }
    }
    link.start..trim_end_newline(src, link.end)
}

fn scan_html(html: &str, range: Range<usize>, body: &mut Body) {
    let trimmed = html.trim();
    if let Some(inner) = trimmed.strip_prefix("<!--") {
        let inner = inner.strip_suffix("-->").unwrap_or(inner).trim();
        if let Some(rest) = inner.strip_prefix("smslint-disable") {
            let (next_line, rest) = match rest.strip_prefix("-next-line") {
                Some(r) => (true, r),
                None => (false, rest),
            };
            if rest.is_empty() || rest.starts_with(char::is_whitespace) {
                let (codes, reason) = match rest.split_once("--") {
                    Some((c, r)) => (c, Some(r.trim().to_owned()).filter(|r| !r.is_empty())),
                    None => (rest, None),
                };
                let codes = codes
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)
                    .collect();
                let start = range.start + (html.len() - html.trim_start().len());
                body.suppressions.push(Suppression {
                    codes,
                    reason,
                    span: start..start + trimmed.len(),
                    next_line,
                    target: 0..usize::MAX,
                });
            }
        }
        return;
    }
    for attr in ["id=", "name="] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            let before = rest[..i].chars().last();
            rest = &rest[i + attr.len()..];
            if before.is_some_and(|c| !c.is_whitespace()) {
                continue;
            }
            let quote = rest.chars().next();
            let value = match quote {
                Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
                _ => rest
                    .split(|c: char| c.is_whitespace() || c == '>')
                    .next()
                    .unwrap_or(""),
            };
            if !value.is_empty() {
                body.anchors.push(value.to_owned());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_sections_and_content() {
        let src = "# A\n\n## B\n\ntext\n\n## C\n\n# D\n";
        let b = parse(src, 0);
        let t: Vec<_> = b
            .headings
            .iter()
            .map(|h| (h.text.as_str(), h.has_content))
            .collect();
        assert_eq!(t, [("A", false), ("B", true), ("C", false), ("D", false)]);
        assert_eq!(b.headings[0].section_end, src.find("# D").unwrap());
        assert_eq!(b.headings[1].section_end, src.find("## C").unwrap());
    }

    #[test]
    fn table_cells_have_spans() {
        let src = "## Roles\n\n| Role | Responsibilities |\n|---|---|\n| Owner | Keeps it |\n";
        let b = parse(src, 0);
        let t = &b.tables[0];
        assert_eq!(t.heading, Some(0));
        assert_eq!(t.header[1].text, "Responsibilities");
        assert_eq!(&src[t.rows[0][0].span.clone()], "Owner");
        assert_eq!(&src[t.rows[0][1].span.clone()], "Keeps it");
    }

    #[test]
    fn links_point_at_destination() {
        let src = "See [policy](../p/pol.md#scope) and ![x](img.png).\n";
        let b = parse(src, 0);
        assert_eq!(&src[b.links[0].span.clone()], "../p/pol.md#scope");
        assert!(b.links[1].image);
    }

    #[test]
    fn bracketed_references_and_heading_ids() {
        let src = "## Scope {#sms-scope}\n\nSee [POL-001], [a link](x.md) and `[POL-002]`.\n\n[ref]: y.md\n\nAlso [ref].\n";
        let b = parse(src, 0);
        let refs: Vec<_> = b
            .refs
            .iter()
            .map(|r| (r.text.as_str(), &src[r.span.clone()]))
            .collect();
        assert_eq!(refs, [("POL-001", "POL-001")]);
        assert_eq!(b.headings[0].id.as_deref(), Some("sms-scope"));
        assert_eq!(b.headings[0].text, "Scope");
        assert_eq!(b.headings[0].attr_block.as_deref(), Some("{#sms-scope}"));
        let h = parse(
            "### Levels {#levels .wide key=val}\n\nSetext {#s}\n---\n\n## Plain {x\n",
            0,
        )
        .headings;
        assert_eq!(h[0].id.as_deref(), Some("levels"));
        assert_eq!(h[0].attr_block.as_deref(), Some("{#levels .wide key=val}"));
        assert_eq!(h[1].attr_block.as_deref(), Some("{#s}"));
        assert_eq!(h[2].attr_block, None);
        // A reference-style link points at its definition's destination.
        let l = b.links.iter().find(|l| &*l.dest == "y.md").unwrap();
        assert_eq!(&src[l.span.clone()], "y.md");
        assert!(l.span.start > src.find("[ref]: ").unwrap());
    }

    #[test]
    fn suppressions_and_anchors() {
        let src = "<!-- smslint-disable SMS301,SMS302 -- reviewed by board -->\n\n<a id=\"top\"></a>\n\ntext <!-- smslint-disable-next-line SMS201 -->\n";
        let b = parse(src, 0);
        assert_eq!(b.suppressions[0].codes, ["SMS301", "SMS302"]);
        assert_eq!(b.suppressions[0].reason.as_deref(), Some("reviewed by board"));
        assert!(b.suppressions[1].next_line);
        assert_eq!(b.suppressions[1].reason, None);
        assert_eq!(b.anchors, ["top"]);
        let b = parse(
            "## Scope\n{: #sms-scope .wide}\n\nSee {: #not-alone}.\n\n{:#x}\n",
            0,
        );
        assert_eq!(b.anchors, ["sms-scope", "x"]);
    }
}
