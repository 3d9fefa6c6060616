//! Links and images: relative destinations resolve inside the repository, anchors match a
//! heading or an HTML anchor of their target, and web addresses are well-formed. Offline: no
//! address is fetched.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::Context;
use crate::config::{AnchorStyle, Links};
use crate::document::{Document, Link};
use crate::finding::Finding;
pub use crate::index::anchor_set;
use crate::index::Repo;
use crate::suggest::closest;

check_kind! {
    /// ## What it checks
    /// Every link and image of every document:
    ///
    /// - `broken-link`: a relative destination (`../policies/scope.md`, `img/flow.png`, or
    ///   `/policies/scope.md` from the repository root) names no file or folder of the
    ///   repository. Names compare case-sensitively, as on Linux and on GitHub: `Scope.md` is
    ///   not `scope.md`. Percent-escapes (`%20`) are decoded; `?query` is ignored. Links written
    ///   for a documentation site resolve as the site generator serves them, set in `[links]`:
    ///   `/…` starts from `site-root` (when it is not written, from the repository root or else
    ///   from the one folder under which most of the repository's `/…` links resolve); a missing target `T` is retried as `T.md` and, when `T`
    ///   has an extension, as `T` with it replaced (`/guide/intro.html` → `guide/intro.md`;
    ///   `fallback-extensions`, default `["md"]`); a destination matching an `ignore` pattern
    ///   is a generated route and is not checked.
    /// - `broken-anchor`: the `#anchor` of a link to a Markdown document of the repository (or
    ///   of a link within the same document, or of a folder through its index file, one of
    ///   `index-files`, default `index.md`, `README.md`, `_index.md`) matches none of its
    ///   headings nor an explicit anchor (`<a id="…">`, `<a name="…">`, `id="…"`). With
    ///   `anchors = "auto"` (the default) a heading's explicit id (`## Scope {#scope}`, also in
    ///   an attribute list `{#scope .wide}`) and GitHub's slug of its text without the block
    ///   both count. GitHub's slugs: lower case, punctuation and emoji dropped, spaces turned
    ///   into `-`, repeated headings suffixed `-1`, `-2`. `"github"` counts GitHub's slugs only
    ///   (to GitHub a `{#id}` block is text); `"kramdown"` and `"pandoc"` count those
    ///   renderers' automatic ids and explicit ids. An anchor that differs from one of these
    ///   only in case is accepted; anchors into files that are not documents (PDFs, excluded
    ///   files) are not checked.
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
        run: crate::checks::Scope::Repository(check);
        BROKEN_LINK: "SMS601" "broken-link" Error => "A relative link points at no file of the repository",
        BROKEN_ANCHOR: "SMS602" "broken-anchor" Error => "A link's #anchor matches no heading or anchor of its target",
        LINK_OUTSIDE_REPOSITORY: "SMS603" "link-outside-repository" Error => "A relative link leaves the repository",
        MALFORMED_WEB_LINK: "SMS606" "malformed-web-link" Error => "An http(s) or mailto link is not well-formed",
    }
}

/// Check every document's links.
pub fn check(repo: &Repo, cx: &Context<'_>, out: &mut Vec<Finding>) {
    // Built once per run: lower-cased path → path, to say "exists with another case", and
    // folder → entries, the candidates for "did you mean" (and the test for "is a folder").
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
    let links = &cx.config.links;
    let inferred = infer_site_root(repo, links);
    let roots = Roots {
        links,
        inferred: inferred.as_deref(),
    };
    for (i, doc) in repo.docs.iter().enumerate() {
        // A reference definition used several times is one link of the file (one `Link` per
        // use, each with its own context, all at the definition): it is checked once.
        let mut seen: HashSet<(&Range<usize>, &str, bool)> = HashSet::new();
        for link in &doc.body.links {
            if seen.insert((&link.span, &*link.dest, link.image)) {
                check_link(repo, &lower, &roots, i, doc, link, out);
            }
        }
    }
}

/// The `[links]` settings and, when `site-root` is not written, the folder inferred for it.
struct Roots<'a> {
    links: &'a Links,
    inferred: Option<&'a str>,
}

/// A suffix shared by more folders than this says nothing about which one is the site root.
const MAX_PREFIXES: usize = 64;

/// When `site-root` is not written and site-absolute links (`/guide/intro.html`) miss at the
/// repository root, the folder under which more than half of them (and at least two) resolve,
/// fallbacks included: a repository written for a site whose sources sit in one folder. Each
/// missing link votes once per folder; the work is bounded by `MAX_PREFIXES` per link.
fn infer_site_root(repo: &Repo, links: &Links) -> Option<String> {
    if links.site_root.is_some() {
        return None;
    }
    let mut missing: Vec<(String, bool)> = Vec::new();
    for link in repo.docs.iter().flat_map(|d| &d.body.links) {
        let dest = link.dest.trim();
        if !dest.starts_with('/') || dest.starts_with("//") || links.ignore.iter().any(|r| r.is_match(dest)) {
            continue;
        }
        let (path, _) = split_dest(dest);
        match resolve("", &path) {
            Some(r) if !r.is_empty() && locate(repo, links, &r, link.image).is_none() => {
                missing.push((r, link.image));
            }
            _ => {}
        }
    }
    if missing.len() < 2 {
        return None;
    }
    let mut by_suffix: HashMap<&str, Vec<&str>> = HashMap::new();
    for p in repo.files.iter().chain(repo.by_path.keys()) {
        for (at, _) in p.match_indices('/') {
            by_suffix.entry(&p[at + 1..]).or_default().push(&p[..at]);
        }
    }
    let mut votes: HashMap<&str, usize> = HashMap::new();
    for (resolved, image) in &missing {
        let mut prefixes: Vec<&str> = Vec::new();
        let fallback: Vec<String> = if *image {
            Vec::new()
        } else {
            fallbacks(links, resolved).collect()
        };
        for c in std::iter::once(resolved).chain(&fallback) {
            if let Some(v) = by_suffix.get(c.as_str()).filter(|v| v.len() <= MAX_PREFIXES) {
                prefixes.extend(v.iter().copied());
            }
        }
        prefixes.sort_unstable();
        prefixes.dedup();
        for p in prefixes {
            *votes.entry(p).or_default() += 1;
        }
    }
    let (best, n) = votes
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))?;
    (n >= 2 && n * 2 > missing.len()).then(|| best.to_owned())
}

/// A destination's path (query dropped, escapes decoded) and its fragment.
fn split_dest(dest: &str) -> (String, Option<&str>) {
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    (percent_decode(path.split('?').next().unwrap_or("")), fragment)
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

/// The existing file or folder a resolved target names: itself, else (for a link, not an
/// image: a site serves pages, not pictures, from Markdown) the first of its fallbacks.
fn locate(repo: &Repo, links: &Links, resolved: &str, image: bool) -> Option<String> {
    if repo.exists(resolved) {
        return Some(resolved.to_owned());
    }
    if image {
        return None;
    }
    fallbacks(links, resolved).find(|c| repo.exists(c))
}

/// `T.ext`, then `T` with its extension replaced by `ext`, for each fallback extension in order.
fn fallbacks<'a>(links: &'a Links, resolved: &'a str) -> impl Iterator<Item = String> + 'a {
    let name = resolved.rsplit('/').next().unwrap_or(resolved);
    let stem = match name.rfind('.') {
        Some(dot) if dot > 0 => Some(&resolved[..resolved.len() - name.len() + dot]),
        _ => None,
    };
    links.fallback_extensions.iter().flat_map(move |ext| {
        // `T.ext` when `T` already ends in `.ext` would be a name nobody writes.
        let appended = (!name.ends_with(&format!(".{ext}"))).then(|| format!("{resolved}.{ext}"));
        let replaced = stem.map(|s| format!("{s}.{ext}")).filter(|r| r != resolved);
        appended.into_iter().chain(replaced)
    })
}

fn check_link(
    repo: &Repo,
    lower: &PathIndex<'_>,
    roots: &Roots<'_>,
    i: usize,
    doc: &Document,
    link: &Link,
    out: &mut Vec<Finding>,
) {
    let links = roots.links;
    let dest = link.dest.trim();
    if dest.is_empty() || dest.starts_with("//") || links.ignore.iter().any(|r| r.is_match(dest)) {
        return;
    }
    if let Some(scheme) = scheme(dest) {
        if let Some(why) = web_link_problem(&scheme.to_ascii_lowercase(), dest) {
            out.push(
                Finding::new(&MALFORMED_WEB_LINK, format!("Malformed link `{dest}`: {why}"))
                    .at(&doc.path, link.span.clone())
                    .subject(dest)
                    .help("Write the full address, e.g. `https://example.com/page` or `mailto:name@example.com`"),
            );
        }
        return;
    }
    let what = if link.image { "Image" } else { "Link" };
    let (path_part, fragment) = split_dest(dest);
    let target = if path_part.is_empty() {
        i
    } else {
        let site_absolute = path_part.starts_with('/');
        let base = if site_absolute {
            links.site_root.as_deref().unwrap_or("")
        } else {
            folder_of(&doc.path)
        };
        let Some(resolved) = resolve(base, &path_part) else {
            out.push(
                Finding::new(
                    &LINK_OUTSIDE_REPOSITORY,
                    format!("{what} `{dest}` leads outside the repository"),
                )
                .at(&doc.path, link.span.clone())
                .subject(dest)
                .help("Link to a file inside the repository, or use a full `https://` address for anything outside it"),
            );
            return;
        };
        if resolved.is_empty() {
            return;
        }
        super::symlink::check_link(repo, doc, link, &resolved, out);
        let found = locate(repo, links, &resolved, link.image).or_else(|| {
            let root = roots.inferred.filter(|_| site_absolute)?;
            locate(repo, links, &resolve(root, &path_part)?, link.image)
        });
        let Some(found) = found else {
            out.push(
                Finding::new(
                    &BROKEN_LINK,
                    format!("{what} `{dest}` points at `{resolved}`, which does not exist"),
                )
                .at(&doc.path, link.span.clone())
                .subject(dest)
                .help(broken_help(lower, roots, &resolved, &path_part, link.image)),
            );
            return;
        };
        if found != resolved {
            super::symlink::check_link(repo, doc, link, &found, out);
        }
        let index = || {
            lower.by_folder.contains_key(found.as_str()).then(|| {
                links
                    .index_files
                    .iter()
                    .find_map(|f| repo.by_path.get(&format!("{found}/{f}")).copied())
            })?
        };
        match repo.by_path.get(&found).copied().or_else(index) {
            Some(t) => t,
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
    let (rules, detail) = match links.anchors {
        AnchorStyle::Auto | AnchorStyle::Github => {
            ("GitHub's rules", "lower case, punctuation dropped, spaces as `-`")
        }
        AnchorStyle::Kramdown => (
            "kramdown's rules",
            "from the first letter, only ASCII letters, digits and `-`, spaces as `-`",
        ),
        AnchorStyle::Pandoc => (
            "Pandoc's rules",
            "from the first letter, lower case, punctuation but `_-.` dropped, words joined by `-`",
        ),
    };
    let help = match closest(&frag, anchors.iter()) {
        Some(c) => format!("Did you mean `#{c}`? Anchors follow {rules}: {detail}"),
        None if anchors.is_empty() => {
            "The target has no heading; link to the document without an anchor".to_owned()
        }
        None => format!(
            "Link to one of its headings, written by {rules} ({detail}), e.g. `#{}`",
            anchors.iter().next().unwrap_or("")
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
        .subject(dest)
        .help(help),
    );
}

/// The span of the `#fragment` inside a link's destination, when the destination was found
/// verbatim in the source; else the whole destination.
fn fragment_span(link: &Link, dest: &str) -> Range<usize> {
    let s = &link.span;
    match dest.find('#') {
        Some(h) if s.len() == link.dest.len() && link.dest.trim() == &*link.dest => s.start + h..s.end,
        _ => s.clone(),
    }
}

fn broken_help(
    index: &PathIndex<'_>,
    roots: &Roots<'_>,
    resolved: &str,
    written: &str,
    image: bool,
) -> String {
    let links = roots.links;
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
    let tried: Vec<String> = if image {
        Vec::new()
    } else {
        fallbacks(links, resolved).map(|c| format!("`{c}`")).collect()
    };
    let tried = if tried.is_empty() {
        String::new()
    } else {
        format!(" (also tried {})", tried.join(", "))
    };
    let root = match (links.site_root.as_deref(), roots.inferred) {
        (Some(r), _) if !r.is_empty() => format!("`/…` from the site root `{r}`"),
        (None, Some(r)) => format!(
            "`/…` from the repository root or from `{r}`, where most of this repository's `/…` links resolve"
        ),
        _ => "`/…` from the repository root".to_owned(),
    };
    let route = if written.starts_with('/') {
        "; a route the site generates belongs in `[links] ignore`"
    } else {
        ""
    };
    match closest(resolved, siblings.iter().copied()) {
        Some(p) => {
            format!("Did you mean `{p}`?{tried} Relative links resolve from the linking document's folder")
        }
        None => format!("Relative links resolve from the linking document's folder; {root}{tried}{route}"),
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

/// Decode `%XX` escapes; invalid escapes are kept as written, and a result that is not UTF-8
/// leaves the whole text as written.
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map_or_else(|_| s.to_owned(), std::borrow::Cow::into_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallbacks_append_then_replace_in_order() {
        let links = Links {
            fallback_extensions: vec!["md".to_owned(), "markdown".to_owned()],
            ..Links::default()
        };
        let got: Vec<String> = fallbacks(&links, "site/guide/intro.html").collect();
        assert_eq!(
            got,
            [
                "site/guide/intro.html.md",
                "site/guide/intro.md",
                "site/guide/intro.html.markdown",
                "site/guide/intro.markdown"
            ]
        );
        assert_eq!(
            fallbacks(&links, "a/intro").collect::<Vec<_>>(),
            ["a/intro.md", "a/intro.markdown"]
        );
        assert_eq!(
            fallbacks(&links, "a/x.md").collect::<Vec<_>>(),
            ["a/x.md.markdown", "a/x.markdown"]
        );
        assert_eq!(
            fallbacks(&links, "a/.hidden").collect::<Vec<_>>(),
            ["a/.hidden.md", "a/.hidden.markdown"]
        );
    }

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
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%FF%20"), "%FF%20");
    }
}
