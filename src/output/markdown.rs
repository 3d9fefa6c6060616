//! The one Markdown escaper of every Markdown output (the job summary, the Markdown report):
//! a string from a document, a file name or a config stays text, on one line, in a table cell
//! or a list item.

use super::{breaks_autolink, sanitize};

/// Escape `text` for a Markdown table cell or list item: control characters, bidirectional
/// overrides and line separators are neutralised ([`sanitize`]), line breaks and tabs become
/// spaces, every ASCII punctuation character that can start markup, a link, an image, HTML, an
/// entity or a table cell is backslash-escaped, and bare URLs and e-mail addresses are broken
/// ([`breaks_autolink`]) so that GitHub does not link them.
pub fn escape(text: &str) -> String {
    let clean = sanitize(text);
    let mut out = String::with_capacity(clean.len());
    for (i, c) in clean.char_indices() {
        if breaks_autolink(&clean, i) {
            out.push('\\');
            out.push(c);
            continue;
        }
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '|' | '#' | '!' | '~' | '{' | '}' | '<'
            | '>' | '&' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_stays_text() {
        assert_eq!(
            escape("a|b [x](y) <img>\n`c` &amp;"),
            r"a\|b \[x\]\(y\) \<img\> \`c\` \&amp;"
        );
        assert_eq!(escape("a\u{202e}b\u{1b}c"), "a\u{fffd}b?c");
        assert_eq!(
            escape("see https://x.org or me@x.org"),
            r"see https\://x.org or me\@x.org"
        );
    }
}
