//! The outline that the content checks read: the document's Markdown headings and the clause
//! titles that some documents write as plain numbered lines instead (`3. Known limitations`
//! over `3.1 To be confirmed …`, `2.1 Scope` over its text), as contracts and documents kept in
//! a word processor do. Pure: the document and its source in, headings out.

use std::borrow::Cow;
use std::ops::Range;

use super::{Document, Heading};

/// Most words a clause title has; a longer line is a sentence.
const MAX_TITLE_WORDS: usize = 10;

/// The document's headings with its plain-text clause titles among them, in document order.
/// A clause title is a line of its own (a blank line or a heading before it; a blank line, a
/// heading, its own first sub-clause or the end after it), unindented, outside code and
/// tables, that is a clause number (`3.`, `3)`, `3.1`, `3.1.2`) and a short title: one to ten
/// words opening with a capital letter and not ending like a sentence. A title's level is its
/// number's depth below the Markdown heading it is in; its section runs to the next title or
/// heading of the same or a higher level. A document's numbered lines are read as titles only
/// when there are two or more of them and most have text of their own under them; a loose
/// list of short steps (`1. Log the call` / `2. Assign a priority`) has none, and stays a list.
/// Without titles, the document's own headings are returned as they are.
pub fn outline<'d>(doc: &'d Document, src: &str) -> Cow<'d, [Heading]> {
    let titles = clause_titles(doc, src);
    if titles.is_empty() {
        return Cow::Borrowed(&doc.body.headings);
    }
    let heads = &doc.body.headings;
    let mut all: Vec<(Heading, bool)> = heads.iter().cloned().map(|h| (h, false)).collect();
    // The Markdown heading a title is in sets the level it counts from: one sweep over the
    // headings (in order, as the titles are) with a stack of open sections.
    let mut open: Vec<&Heading> = Vec::new();
    let mut next = 0;
    for (span, depth) in titles {
        while let Some(h) = heads.get(next).filter(|h| h.span.start < span.start) {
            open.push(h);
            next += 1;
        }
        while open.last().is_some_and(|h| h.section_end <= span.start) {
            open.pop();
        }
        let base = open.last().map_or(0, |h| h.level);
        let text = src.get(span.clone()).unwrap_or("").trim().to_owned();
        all.push((
            Heading {
                level: base.saturating_add(depth).min(6),
                text,
                span,
                section_end: doc.len,
                has_content: false,
                id: None,
                attr_block: None,
            },
            true,
        ));
    }
    all.sort_by_key(|(h, _)| h.span.start);
    let starts: Vec<usize> = all.iter().map(|(h, _)| h.span.start).collect();
    let text_between = |from: usize, to: usize| src.get(from..to).is_some_and(|t| !t.trim().is_empty());
    // A title's section ends at the next entry of the same or a higher level: one sweep with a
    // stack of open titles.
    let mut open: Vec<usize> = Vec::new();
    for i in 0..all.len() {
        let level = all[i].0.level;
        while let Some(&o) = open.last() {
            if all[o].0.level < level {
                break;
            }
            open.pop();
            if all[o].1 {
                all[o].0.section_end = starts[i];
            }
        }
        open.push(i);
    }
    for i in 0..all.len() {
        let next = starts.get(i + 1).copied().unwrap_or(doc.len);
        let (h, title) = &mut all[i];
        if *title {
            h.section_end = h.section_end.min(doc.len);
            h.has_content = text_between(h.span.end, next);
        } else if all.get(i + 1).is_some_and(|(_, t)| *t) {
            // A heading followed at once by a clause title has no text of its own.
            let (h, _) = &mut all[i];
            h.has_content = h.has_content && text_between(h.span.end, next);
        }
    }
    Cow::Owned(all.into_iter().map(|(h, _)| h).collect())
}

/// The spans and depths of the document's plain-text clause titles (see [`outline`]), or none.
fn clause_titles(doc: &Document, src: &str) -> Vec<(Range<usize>, u8)> {
    let body = src.get(doc.body_start..doc.len).unwrap_or("");
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = doc.body_start;
    for l in body.split_inclusive('\n') {
        lines.push((at, l.trim_end_matches(['\n', '\r'])));
        at += l.len();
    }
    let mut code: Vec<&Range<usize>> = doc.body.code.iter().collect();
    code.sort_by_key(|r| r.start);
    let covered = |at: usize| {
        let i = code.partition_point(|r| r.start <= at);
        // Tables are in order and do not overlap: the last one starting before `at`.
        let t = doc.body.tables.partition_point(|t| t.span.start <= at);
        (i > 0 && code[..i].iter().rev().take(4).any(|r| r.contains(&at)))
            || (t > 0 && doc.body.tables[t - 1].span.contains(&at))
    };
    let is_break = |l: &str| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    };
    let mut out = Vec::new();
    let mut with_text = 0usize;
    for (n, &(at, line)) in lines.iter().enumerate() {
        let Some((number, depth)) = title_number(line) else {
            continue;
        };
        let before = n == 0 || is_break(lines[n - 1].1);
        let next = lines.get(n + 1).map_or("", |&(_, l)| l);
        let sub_clause = next
            .strip_prefix(number)
            .and_then(|r| r.strip_prefix('.'))
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        if !before || !(is_break(next) || sub_clause) || covered(at) {
            continue;
        }
        // Text in its section: a non-blank line that is no title before the next numbered
        // line of its depth or above, or the next heading.
        let has_text = lines[n + 1..]
            .iter()
            .map(|&(_, l)| l)
            .take_while(|l| {
                !l.trim_start().starts_with('#') && title_number(l).is_none_or(|(_, d)| d > depth)
            })
            .any(|l| !l.trim().is_empty() && title_number(l).is_none());
        with_text += usize::from(has_text);
        out.push((at..at + line.len(), depth));
    }
    if out.len() < 2 || with_text * 2 <= out.len() {
        return Vec::new();
    }
    out
}

/// The clause number of a clause title line (`3. Known limitations`, `3.1 Scope`, `4) Parties`)
/// and its depth: a number of one part needs its mark (`3.` or `3)`), so that `2026 budget`
/// is no title.
fn title_number(line: &str) -> Option<(&str, u8)> {
    if line.starts_with(char::is_whitespace) {
        return None;
    }
    let (token, title) = line.split_once(char::is_whitespace)?;
    let number = token.trim_end_matches(['.', ')']);
    let marked = number.len() < token.len();
    let parts: Vec<&str> = number.split('.').collect();
    let numeric = parts
        .iter()
        .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    if !numeric || parts.len() > 5 || (parts.len() == 1 && !marked) || token.ends_with(".)") {
        return None;
    }
    let title = title.trim().trim_end_matches(':').trim_end();
    let words = title.split_whitespace().count();
    let opens = title.chars().next().is_some_and(char::is_uppercase);
    let ends_as_sentence = title.ends_with(['.', ',', ';', '!']);
    if !(1..=MAX_TITLE_WORDS).contains(&words)
        || !opens
        || ends_as_sentence
        || title.contains("**")
        || title.len() > 100
    {
        return None;
    }
    Some((number, u8::try_from(parts.len()).unwrap_or(5)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(src: &str) -> Document {
        Document::parse("a.md".to_owned(), src)
    }

    fn titles(src: &str) -> Vec<(String, u8, bool)> {
        let d = doc(src);
        outline(&d, src)
            .iter()
            .map(|h| (h.text.clone(), h.level, h.has_content))
            .collect()
    }

    #[test]
    fn numbered_lines_are_clause_titles_with_their_sections() {
        let src = "# Plan\n\n1. Services\n\n1.1 The plan covers the desk.\n\n2. Known limitations\n\n2.1 To be confirmed.\n\n3. Resources\n\n3.1 Ten posts.\n";
        let t = titles(src);
        assert_eq!(
            t.iter().map(|(s, l, _)| (s.as_str(), *l)).collect::<Vec<_>>(),
            [
                ("Plan", 1),
                ("1. Services", 2),
                ("2. Known limitations", 2),
                ("3. Resources", 2)
            ]
        );
        // The heading is followed at once by a title: no text of its own.
        assert!(!t[0].2 && t[1].2 && t[2].2 && t[3].2);
        let d = doc(src);
        let o = outline(&d, src);
        // A title's section runs to the next title of its level.
        assert_eq!(
            &src[o[1].span.start..o[1].section_end],
            "1. Services\n\n1.1 The plan covers the desk.\n\n"
        );
        assert_eq!(o[3].section_end, src.len());
    }

    #[test]
    fn sub_clause_titles_nest_and_an_empty_title_has_no_content() {
        let src = "1. Scope\n2.1 Placeholder\n\nIntro.\n\n2. Parties\n\n2.1 Customer\n\nThe council.\n\n2.2 Provider\n\n3. Terms\n\nAs agreed.\n";
        let t = titles(src);
        let names: Vec<(&str, u8, bool)> = t.iter().map(|(s, l, c)| (s.as_str(), *l, *c)).collect();
        assert!(names.contains(&("2.1 Customer", 2, true)), "{names:?}");
        assert!(names.contains(&("2.2 Provider", 2, false)), "{names:?}");
        assert!(names.contains(&("2. Parties", 1, false)), "{names:?}");
    }

    #[test]
    fn lists_sentences_and_code_are_not_titles() {
        // A loose list of short steps with nothing under them stays a list.
        assert!(titles("1. Log the call\n\n2. Assign a priority\n\n3. Tell the lead\n").is_empty());
        // A tight list, a sentence, a lower-case line, a year and code are not titles.
        for src in [
            "1. Services\n2. Resources\n\nText.\n\nMore.\n",
            "1. The desk answers calls.\n\nText.\n\n2. The lead decides.\n\nText.\n",
            "1. see below\n\nText.\n\n2. and here\n\nText.\n",
            "2026 Budget\n\nText.\n\n2027 Budget\n\nText.\n",
            "```\n1. Services\n\nx\n\n2. Resources\n```\n\nText.\n",
        ] {
            assert!(titles(src).is_empty(), "{src:?}: {:?}", titles(src));
        }
        // One numbered line is no outline.
        assert!(titles("1. Services\n\nText.\n").is_empty());
    }

    #[test]
    fn without_titles_the_headings_are_borrowed() {
        let src = "# A\n\nText.\n\n## B\n\nMore.\n";
        let d = doc(src);
        assert!(matches!(outline(&d, src), Cow::Borrowed(_)));
    }
}
