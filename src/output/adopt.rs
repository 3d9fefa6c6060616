//! `smslint adopt`: the proposal as an `smslint.toml`, with a one-line `#` reason above each
//! proposed setting. Keys and folder names come from the repository: every one is written as
//! a TOML string by the `toml` serializer (quotes, backslashes and control characters
//! escaped), in comments too, so none can end a comment or a string early.

use crate::adopt::Proposal;

/// How many findings `check` reports with and without the proposal.
#[derive(Debug, Clone)]
pub struct Counts {
    /// With the configuration the repository has now (or the defaults).
    pub now: usize,
    /// With the proposal; the reason when it could not be computed.
    pub proposed: Result<usize, String>,
    /// The configuration file the repository already has, if any (`now` was counted with it).
    pub existing: Option<String>,
}

/// `s` as a TOML basic string.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// A comment line: `text` on one line, without control characters.
fn comment(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("# {}\n", super::sanitize(&clean))
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The proposed configuration file.
pub fn render(p: &Proposal, counts: Option<&Counts>) -> String {
    let mut out = comment(&format!(
        "smslint.toml proposed by `smslint adopt` after reading {}.",
        plural(p.documents, "document")
    ));
    let s = &p.shapes;
    out.push_str(&comment(&format!(
        "Metadata found: front-matter in {}, headerless YAML in {}, a document-control table in {}, label lines in {}, a revision history in {}, none in {}.",
        s.front_matter, s.headerless_yaml, s.table, s.label_lines, s.revision_history, s.none
    )));
    if let Some(c) = counts {
        let with = match &c.proposed {
            Ok(n) => plural(*n, "finding"),
            Err(why) => format!("not counted ({why})"),
        };
        out.push_str(&comment(&format!(
            "Findings: {} as the repository is configured now, {with} with this proposal.",
            plural(c.now, "finding")
        )));
        if let Some(existing) = &c.existing {
            out.push_str(&comment(&format!(
                "The repository already has {}: this proposal replaces none of it; merge by hand.",
                quoted(existing)
            )));
        }
    }
    let links = p.links.as_ref().filter(|l| {
        l.explicit_ids > 0 || (l.resolved > l.resolved_as_written && (l.site_root.is_some() || l.fallback_md))
    });
    if p.fields.is_empty() && p.defaults.is_empty() && links.is_none() {
        out.push_str(&comment(
            "Nothing to propose: the documents use smslint's own field names, or none it could map.",
        ));
        return out;
    }
    if !p.fields.is_empty() {
        out.push_str("\n[document-control.fields]\n");
        for m in &p.fields {
            out.push_str(&comment(&format!(
                "{} (in {}): {}",
                quoted(&m.key),
                plural(m.documents, "document"),
                m.reason
            )));
            out.push_str(&format!("{} = {}\n", m.canonical, quoted(&m.key)));
        }
    }
    for d in &p.defaults {
        let glob = format!("{}/**", globset::escape(&d.folder));
        out.push('\n');
        out.push_str(&comment(&format!(
            "{} under {} {} no type; the folder's name says {}",
            plural(d.documents, "document"),
            quoted(&format!("{}/", d.folder)),
            if d.documents == 1 { "has" } else { "have" },
            d.doc_type
        )));
        out.push_str("[[document-control.defaults]]\n");
        out.push_str(&format!("paths = [{}]\n", quoted(&glob)));
        out.push_str(&format!("type = {}\n", quoted(&d.doc_type)));
    }
    if let Some(l) = links {
        out.push_str("\n[links]\n");
        let improved = l.resolved > l.resolved_as_written;
        if improved {
            if let Some(root) = &l.site_root {
                out.push_str(&comment(&format!(
                    "{} of {} site-absolute links (`/…`) resolve under {} ({} from the repository root)",
                    l.resolved,
                    l.absolute,
                    quoted(&format!("{root}/")),
                    l.resolved_as_written
                )));
                out.push_str(&format!("site-root = {}\n", quoted(root)));
            }
            if l.fallback_md {
                out.push_str(&comment(
                    "they name pages as the site serves them (`intro.html`, `intro`, a folder); the files are Markdown",
                ));
                out.push_str("fallback-extensions = [\"md\"]\n");
            }
        }
        if l.explicit_ids > 0 {
            out.push_str(&comment(&format!(
                "{} {} an explicit id (`{{#id}}`); `auto` accepts it and the GitHub slug of the heading",
                plural(l.explicit_ids, "heading"),
                if l.explicit_ids == 1 { "carries" } else { "carry" }
            )));
            out.push_str("anchors = \"auto\"\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::render;
    use crate::adopt::{FieldMapping, Proposal, TypeDefault};

    #[test]
    fn hostile_keys_and_folders_stay_inside_their_strings() {
        let p = Proposal {
            documents: 2,
            fields: vec![FieldMapping {
                canonical: "owner",
                key: "own\"er\n[rules]\nignore = [\"all\"]".to_owned(),
                documents: 2,
                reason: "its name reads like `owner`".to_owned(),
            }],
            defaults: vec![TypeDefault {
                folder: "poli[c]ies\n#".to_owned(),
                doc_type: "policy".to_owned(),
                documents: 1,
            }],
            ..Proposal::default()
        };
        let text = render(&p, None);
        let v: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert!(v.get("rules").is_none(), "{text}");
        assert_eq!(
            v["document-control"]["fields"]["owner"].as_str(),
            Some("own\"er\n[rules]\nignore = [\"all\"]")
        );
        let paths = &v["document-control"]["defaults"][0]["paths"][0];
        // The folder's name is matched literally, whatever glob characters it holds.
        let glob = globset::Glob::new(paths.as_str().unwrap())
            .unwrap()
            .compile_matcher();
        assert!(glob.is_match("poli[c]ies\n#/a.md"));
        assert!(!glob.is_match("policies/a.md"));
    }
}
