//! Links and images: relative destinations resolve inside the repository, anchors match a
//! heading or an HTML anchor of their target, and web addresses are well-formed. Offline: no
//! address is fetched.

use std::collections::HashMap;
use std::ops::Range;

use super::Context;
use crate::document::{Document, Link};
use crate::finding::Finding;
use crate::index::Repo;
use crate::suggest::closest;

check_kind! {
    /// ## What it checks
    /// Every link and image of every document:
    ///
    /// - `broken-link`: a relative destination (`../policies/scope.md`, `img/flow.png`, or
    ///   `/policies/scope.md` from the repository root) names no file or folder of the
    ///   repository. Names compare case-sensitively, as on Linux and on GitHub: `Scope.md` is
    ///   not `scope.md`. Percent-escapes (`%20`) are decoded; `?query` is ignored.
    /// - `broken-anchor`: the `#anchor` of a link to a Markdown document of the repository (or
    ///   of a link within the same document) matches none of its headings — by GitHub's
    ///   rules: lower case, punctuation dropped, spaces turned into `-`, repeated headings
    ///   suffixed `-1`, `-2` — nor an explicit anchor (`<a id="…">`, `{#…}`). An anchor
    ///   that differs from a heading's only in case is accepted; anchors into files that are
    ///   not documents (PDFs, excluded files) are not checked.
    /// - `link-outside-repository`: a relative destination climbs above the repository root
    ///   with `..`; it works on nobody else's checkout.
    /// - `malformed-web-link`: an `http`, `https` or `mailto` address is not well-formed (no
    ///   host, blanks, `http:/host`, a mail address without `@`). Web addresses are never
    ///   fetched.
    ///
    /// ## Why auditors care
    /// Clause 7.5.3 asks that documented information be available where and when it is needed.
    /// A policy that points at a renamed procedure sends the reader — and the auditor — to
    /// nothing.
    ///
    /// ## How to fix
    /// Point the link at the file's current name and the heading's current text; the help
    /// names the closest existing file when there is one.
    ///
    /// ## Example
    /// Failing: `[scope](../policies/SMS-Scope.md)` when the file is `sms-scope.md`, or
    /// `[objectives](../plans/sms-objectives.md#targets)` when no heading reads "Targets".
    KIND = "links" {
        BROKEN_LINK: "SMS601" "broken-link" Error Some("7.5.3") => "A relative link points at no file of the repository",
        BROKEN_ANCHOR: "SMS602" "broken-anchor" Error Some("7.5.3") => "A link's #anchor matches no heading or anchor of its target",
        LINK_OUTSIDE_REPOSITORY: "SMS603" "link-outside-repository" Error Some("7.5.3") => "A relative link leaves the repository",
        MALFORMED_WEB_LINK: "SMS606" "malformed-web-link" Error Some("7.5.3") => "An http(s) or mailto link is not well-formed",
    }
}

/// Check every document's links.
pub fn check(repo: &Repo, _cx: &Context<'_>, out: &mut Vec<Finding>) {
    // Built once per run: lower-cased path → path, to say "exists with another case", and
    // folder → entries, the candidates for "did you mean".
    let mut lower = PathIndex::default();
    for p in repo.files.iter().chain(repo.by_path.keys()) {
        let e = lower.by_lower.entry(p.to_lowercase()).or_insert(p.as_str());
        if p.as_str() < *e {
            *e = p.as_str();
        }
        lower.by_folder.entry(folder_of(p)).or_default().push(p.as_str());
    }
    for entries in lower.by_folder.values_mut() {
        entries.sort_unstable();
        entries.dedup();
    }
    for (i, doc) in repo.docs.iter().enumerate() {
        for link in &doc.body.links {
            check_link(repo, &lower, i, doc, link, out);
        }
    }
}

/// Path lookups for help texts.
#[derive(Default)]
struct PathIndex<'a> {
    by_lower: HashMap<String, &'a str>,
    by_folder: HashMap<&'a str, Vec<&'a str>>,
}

fn folder_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

fn check_link(
    repo: &Repo,
    lower: &PathIndex<'_>,
    i: usize,
    doc: &Document,
    link: &Link,
    out: &mut Vec<Finding>,
) {
    let dest = link.dest.trim();
    if dest.is_empty() || dest.starts_with("//") {
        return;
    }
    if let Some(scheme) = scheme(dest) {
        if let Some(why) = web_link_problem(&scheme.to_ascii_lowercase(), dest) {
            out.push(
                Finding::new(&MALFORMED_WEB_LINK, format!("Malformed link `{dest}`: {why}"))
                    .at(&doc.path, link.span.clone())
                    .subject(dest.to_string())
                    .help("Write the full address, e.g. `https://example.com/page` or `mailto:name@example.com`"),
            );
        }
        return;
    }
    let what = if link.image { "Image" } else { "Link" };
    let (path_part, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let path_part = path_part.split('?').next().unwrap_or("");
    let path_part = percent_decode(path_part);
    let target = if path_part.is_empty() {
        i
    } else {
        let base = if path_part.starts_with('/') {
            ""
        } else {
            doc.path.rsplit_once('/').map_or("", |(d, _)| d)
        };
        let Some(resolved) = resolve(base, &path_part) else {
            out.push(
                Finding::new(
                    &LINK_OUTSIDE_REPOSITORY,
                    format!("{what} `{dest}` leads outside the repository"),
                )
                .at(&doc.path, link.span.clone())
                .subject(dest.to_string())
                .help("Link to a file inside the repository, or use a full `https://` address for anything outside it"),
            );
            return;
        };
        if resolved.is_empty() {
            return;
        }
        super::symlink::check_link(repo, doc, link, &resolved, out);
        if !repo.exists(&resolved) {
            out.push(
                Finding::new(
                    &BROKEN_LINK,
                    format!("{what} `{dest}` points at `{resolved}`, which does not exist"),
                )
                .at(&doc.path, link.span.clone())
                .subject(dest.to_string())
                .help(broken_help(lower, &resolved, &path_part)),
            );
            return;
        }
        match repo.by_path.get(&resolved) {
            Some(&t) => t,
            None => return,
        }
    };
    let Some(fragment) = fragment.filter(|f| !f.is_empty()) else {
        return;
    };
    let frag = percent_decode(fragment);
    let anchors = &repo.anchors[target];
    if anchors.contains(&frag) || anchors.contains(&frag.to_lowercase()) {
        return;
    }
    let target_doc = &repo.docs[target];
    // No sorted copy per finding (that made 8,000 bad anchors into 8,000 headings take 30 s):
    // `closest` breaks ties by name, and the example is the least anchor.
    let help = match closest(&frag, anchors.iter().map(String::as_str)) {
        Some(c) => format!(
            "Did you mean `#{c}`? Anchors follow GitHub's rules: lower case, punctuation dropped, spaces as `-`"
        ),
        None if anchors.is_empty() => {
            "The target has no heading; link to the document without an anchor".to_owned()
        }
        None => format!(
            "Link to one of its headings, written by GitHub's rules (lower case, punctuation dropped, spaces as `-`), e.g. `#{}`",
            anchors.iter().min().map_or("", String::as_str)
        ),
    };
    let in_ = if target == i {
        "this document".to_owned()
    } else {
        format!("`{}`", target_doc.path)
    };
    out.push(
        Finding::new(
            &BROKEN_ANCHOR,
            format!("Anchor `#{frag}` matches no heading of {in_}"),
        )
        .at(&doc.path, fragment_span(link, dest))
        .subject(dest.to_string())
        .help(help),
    );
}

/// The span of the `#fragment` inside a link's destination, when the destination was found
/// verbatim in the source; else the whole destination.
fn fragment_span(link: &Link, dest: &str) -> Range<usize> {
    let s = &link.span;
    match dest.find('#') {
        Some(h) if s.len() == link.dest.len() && link.dest.trim() == link.dest => s.start + h..s.end,
        _ => s.clone(),
    }
}

fn broken_help(index: &PathIndex<'_>, resolved: &str, written: &str) -> String {
    if let Some(p) = index.by_lower.get(&resolved.to_lowercase()) {
        return format!("`{p}` exists: names are case-sensitive on Linux and on GitHub");
    }
    if written.starts_with("www.") {
        return format!("For a web address, write `https://{written}`");
    }
    // Only the target folder's own entries are candidates: edit distance over every path of a
    // large repository, for every broken link, would be quadratic.
    let siblings = index
        .by_folder
        .get(folder_of(resolved))
        .map_or(&[][..], Vec::as_slice);
    match closest(resolved, siblings.iter().copied()) {
        Some(p) => format!("Did you mean `{p}`? Relative links resolve from the linking document's folder"),
        None => "Relative links resolve from the linking document's folder; `/…` from the repository root"
            .to_owned(),
    }
}

/// Join `path` onto the folder `base` and normalise `.` and `..`; `None` when it climbs above
/// the root. A trailing `/` is dropped.
pub fn resolve(base: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The URI scheme of a destination (`https` in `https://…`), if it has one. A one-letter
/// scheme is taken for a Windows drive and ignored.
fn scheme(dest: &str) -> Option<&str> {
    let (s, _) = dest.split_once(':')?;
    let mut chars = s.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && s.len() > 1;
    ok.then_some(s)
}

/// Why an `http`, `https` or `mailto` address is malformed, if it is.
fn web_link_problem(scheme: &str, dest: &str) -> Option<&'static str> {
    let rest = &dest[scheme.len() + 1..];
    if dest.chars().any(char::is_whitespace) {
        return Some("it contains a blank");
    }
    match scheme {
        "http" | "https" => {
            let Some(after) = rest.strip_prefix("//") else {
                return Some("`//` must follow the scheme");
            };
            let authority = after.split(['/', '?', '#']).next().unwrap_or("");
            let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
            let host = match host.strip_prefix('[') {
                Some(v6) => v6.split(']').next().unwrap_or(""),
                None => host.split(':').next().unwrap_or(""),
            };
            if host.is_empty() {
                Some("it names no host")
            } else if host.starts_with('.') || host.ends_with("..") || host.contains("..") {
                Some("the host name has an empty label")
            } else if !host
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '%' | ':' | '_'))
            {
                Some("the host name holds a character hosts cannot have")
            } else {
                None
            }
        }
        "mailto" => {
            let addr = rest.split('?').next().unwrap_or("");
            if addr.is_empty() && rest.contains("to=") {
                return None;
            }
            let ok = addr.split(',').all(|a| {
                let a = percent_decode(a);
                a.split_once('@')
                    .is_some_and(|(l, d)| !l.is_empty() && !d.is_empty() && !d.contains('@'))
            });
            (!ok).then_some("the address has no `name@domain` form")
        }
        _ => None,
    }
}

/// Decode `%XX` escapes; invalid escapes and non-UTF-8 results are kept as written.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_and_refuses_to_leave_the_root() {
        assert_eq!(
            resolve("policies", "../plans/a.md").as_deref(),
            Some("plans/a.md")
        );
        assert_eq!(resolve("", "/plans/a.md").as_deref(), Some("plans/a.md"));
        assert_eq!(resolve("", "./a/./b/").as_deref(), Some("a/b"));
        assert_eq!(resolve("policies", "../../x.md"), None);
    }

    #[test]
    fn web_links() {
        assert_eq!(web_link_problem("https", "https://example.com/a?b#c"), None);
        assert_eq!(web_link_problem("http", "http://user@[::1]:8080/"), None);
        assert!(web_link_problem("https", "https:/example.com").is_some());
        assert!(web_link_problem("https", "https://").is_some());
        assert!(web_link_problem("https", "https://exa mple.com").is_some());
        assert!(web_link_problem("https", "https://example..com").is_some());
        assert_eq!(web_link_problem("mailto", "mailto:a@b.org?subject=x"), None);
        assert!(web_link_problem("mailto", "mailto:someone").is_some());
        assert_eq!(scheme("C:/x"), None);
        assert_eq!(scheme("tel:+1"), Some("tel"));
    }

    #[test]
    fn decodes_escapes() {
        assert_eq!(percent_decode("a%20b.md"), "a b.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%C3%A9"), "é");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
