//! `--format sarif`: SARIF 2.1.0 with one run, for GitHub code scanning and other viewers.
//!
//! Written with `serde_json::json!` rather than the `serde-sarif` crate: smslint emits a dozen
//! fields, and the crate's full generated schema (with its builder and enum dependencies) would
//! cost more build time than the few lines here. `.ci/run` validates the output with the SARIF
//! authors' own validator, and `tests/it/formats.rs` asserts the fields GitHub needs.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Locator, Placed, help_url};
use crate::checks::{self, Rule};
use crate::finding::{Finding, Severity};
use crate::outcome::Run;

/// The SARIF schema this output follows.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The text under `## heading` in a check kind's documentation, up to the next heading.
pub fn section(text: &str, heading: &str) -> Option<String> {
    let mut lines = text.lines().skip_while(|l| l.trim() != format!("## {heading}"));
    lines.next()?;
    let body: Vec<&str> = lines.take_while(|l| !l.starts_with("## ")).collect();
    let body = body.join("\n").trim().to_owned();
    (!body.is_empty()).then_some(body)
}

fn rule(report: &Run<'_>, r: &Rule) -> Value {
    let docs = checks::kind_of(r)
        .map(super::super::checks::CheckKind::text)
        .unwrap_or_default();
    let full = section(&docs, "What it checks").unwrap_or_else(|| r.summary.to_owned());
    let code_clause = report.packs.clause_of_code(r.code);
    let tag = code_clause
        .and_then(|c| report.packs.pack_of_clause(c))
        .or_else(|| report.packs.packs.first())
        .or_else(|| crate::pack::default_pack())
        .map_or("smslint", |p| p.tag.as_str());
    let clause = code_clause.map(|c| report.packs.cite(c));
    let mut help = format!("{} {}: {}\n", r.code, r.name, r.summary);
    if let Some(c) = &clause {
        help.push_str(&format!("{c}\n"));
    }
    help.push('\n');
    help.push_str(docs.trim());
    let mut v = json!({
        "id": r.code,
        "name": r.name,
        "shortDescription": { "text": r.summary },
        "fullDescription": { "text": full },
        "help": { "text": help, "markdown": help },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": { "tags": [ tag, r.kind ] },
    });
    if let Some(url) = help_url(report, r.code) {
        v["helpUri"] = Value::String(url);
    }
    if let Some(c) = code_clause {
        v["properties"]["clause"] = Value::String(c.to_owned());
    }
    v
}

/// Percent-encode a root-relative path for a SARIF `uri` (a relative URI reference): every
/// byte but the unreserved characters and `/` is escaped, so spaces, `%`, `#`, `?` and `:`
/// cannot change its meaning.
pub fn uri(path: &str) -> String {
    let mut s = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            s.push(char::from(b));
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    // A first segment with a colon would read as a scheme; encoded above, so none can.
    s
}

/// A SARIF `physicalLocation`: the file and the region of `pos` in it.
fn physical(path: &str, pos: crate::finding::Position) -> Value {
    json!({
        "artifactLocation": { "uri": uri(path) },
        "region": {
            "startLine": pos.line,
            "startColumn": pos.column,
            "endLine": pos.end_line,
            "endColumn": pos.end_column,
        }
    })
}

fn result(locator: &Locator, index: usize, f: &Finding, state: Option<super::BaselineState>) -> Value {
    let mut text = f.message.clone();
    if let Some(h) = &f.help {
        text.push_str("\n\nHow to fix: ");
        text.push_str(h);
    }
    let mut v = json!({
        "ruleId": f.code(),
        "ruleIndex": index,
        "level": level(f.severity),
        "message": { "text": text },
    });
    // Every result has a location: GitHub code scanning rejects the whole log otherwise.
    let (path, pos, placed) = locator.place(f);
    v["locations"] = json!([{ "physicalLocation": physical(&path, pos) }]);
    let related: Vec<Value> = f
        .related
        .iter()
        .zip(1..)
        .filter_map(|(r, id)| {
            let (path, pos) = (f.path.as_deref()?, r.position?);
            Some(json!({
                "id": id,
                "physicalLocation": physical(path, pos),
                "message": { "text": r.label },
            }))
        })
        .collect();
    if !related.is_empty() {
        v["relatedLocations"] = Value::Array(related);
    }
    let mut props = serde_json::Map::new();
    props.insert("name".into(), Value::String(f.name().to_owned()));
    if let Some(c) = &f.clause {
        props.insert("clause".into(), Value::String(c.clone()));
    }
    if placed != Placed::OnFile {
        props.insert("repositoryLevel".into(), Value::Bool(true));
        props.insert("location".into(), Value::String(placed.as_str().to_owned()));
    }
    v["properties"] = Value::Object(props);
    if let Some(state) = state {
        v["baselineState"] = Value::String(state.as_str().to_owned());
    }
    v
}

/// Build the SARIF log (in memory: [`write`] streams the same bytes).
pub fn log(report: &Run<'_>) -> Value {
    log_with(report, true)
}

/// The SARIF log, with its results or (for [`write`]) without.
fn log_with(report: &Run<'_>, with_results: bool) -> Value {
    let rules = checks::rules();
    let locator = Locator::new(report);
    let results: Vec<Value> = super::shown(report)
        .filter(|_| with_results)
        .map(|(f, state)| {
            let index = rules.iter().position(|r| r.code == f.code()).unwrap_or(0);
            result(&locator, index, f, state)
        })
        .collect();
    let mut driver = json!({
        "name": "smslint",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules.iter().map(|r| rule(report, r)).collect::<Vec<_>>(),
    });
    // `informationUri` is only ever the configured `docs-url`: smslint's Cargo.toml names no
    // `repository` (the project has no public canonical home yet), and a placeholder address
    // would send code-scanning users nowhere.
    if let Some(base) = report
        .config
        .docs_url
        .as_deref()
        .filter(|b| !b.trim().is_empty() && !b.contains("{code}"))
    {
        driver["informationUri"] = Value::String(base.trim().to_owned());
    }
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "invocations": [{ "executionSuccessful": true }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

/// Write the SARIF log followed by a newline, streaming the results: the log around them is
/// built with an empty `results` array, and each result is serialised on its own into that
/// place, so memory does not grow with the number of findings. The bytes are those of
/// `to_writer_pretty` on [`log`].
pub fn write(report: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    const PLACE: &str = "\n      \"results\": []";
    let mut shell = log_with(report, false);
    shell["runs"][0]["results"] = Value::Array(Vec::new());
    let text = super::to_json_string(&shell)?;
    let mut results = super::shown(report).peekable();
    let Some(at) = text.find(PLACE).filter(|_| results.peek().is_some()) else {
        out.write_all(text.as_bytes())?;
        return writeln!(out);
    };
    out.write_all(&text.as_bytes()[..at])?;
    out.write_all(b"\n      \"results\": [")?;
    let rules = checks::rules();
    let locator = Locator::new(report);
    for (i, (f, state)) in results.enumerate() {
        let index = rules.iter().position(|r| r.code == f.code()).unwrap_or(0);
        let item = super::to_json_string(&result(&locator, index, f, state))?;
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        for (j, line) in item.split('\n').enumerate() {
            if j > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(b"        ")?;
            out.write_all(line.as_bytes())?;
        }
    }
    out.write_all(b"\n      ]")?;
    out.write_all(&text.as_bytes()[at + PLACE.len()..])?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_are_encoded() {
        assert_eq!(super::uri("a b/c%d#e?:f,g.md"), "a%20b/c%25d%23e%3F%3Af%2Cg.md");
        assert_eq!(super::uri("pol/é.md"), "pol/%C3%A9.md");
    }

    #[test]
    fn streamed_log_is_the_in_memory_log() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/acme-sms");
        let config = crate::app::load_config(&root, None).unwrap();
        let packs = crate::pack::Packs::load(&config.packs, &root, &crate::checks::rules()).unwrap();
        let today = jiff::civil::date(2030, 1, 1);
        let outcome = crate::app::check_root(&root, &config, &packs, today);
        let report = crate::outcome::Run {
            root: &root,
            outcome: &outcome,
            config: &config,
            packs: &packs,
        };
        assert!(!report.findings.is_empty());
        let mut streamed = Vec::new();
        super::write(&report, &mut streamed).unwrap();
        let mut whole = crate::output::to_json_string(&super::log(&report))
            .unwrap()
            .into_bytes();
        whole.push(b'\n');
        assert_eq!(
            String::from_utf8(streamed).unwrap(),
            String::from_utf8(whole).unwrap()
        );
    }

    #[test]
    fn sections_are_found() {
        let t = "## What it checks\nA\nB\n\n## Why\nC";
        assert_eq!(super::section(t, "What it checks").as_deref(), Some("A\nB"));
        assert_eq!(super::section(t, "Nope"), None);
    }
}
