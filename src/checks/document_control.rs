//! Document control: every document carries the metadata that identifies, describes and
//! approves it (clause 7.5.2), with values of the right shape.

use super::{Context, field};
use crate::dates::parse_date;
use crate::document::fields::{self, Trait};
use crate::document::{Document, MetaSource, Node};
use crate::finding::Finding;

check_kind! {
    /// ## What it checks
    /// The document-control metadata of every document, wherever it is written: front-matter,
    /// headerless YAML, a document-control table, bold label lines in the header or a footer,
    /// or a revision history's latest row (see the README for the shapes):
    ///
    /// - `front-matter-missing`: the document states no metadata in any of these shapes.
    /// - `field-missing`: a field listed in `[document-control] required` is absent, or a field
    ///   of `required-when-approved` is absent from an approved document. The label covers the
    ///   block where the field belongs.
    /// - `field-empty`: the field is there but has no value.
    /// - `value-not-allowed`: `status` is not in the configured list, `id` does not match
    ///   `id-pattern` (`POL-001`, `HDS-POL-01`, `ISMS-POL-001` by default), `version` does not
    ///   match `version-pattern`, `review_cycle` is neither a duration nor a cycle word of the
    ///   pack (`Biannual` is ambiguous, so it is refused), or a single-valued field holds a list.
    ///   A `type` compares through the pack's synonyms (`SOP` is a procedure); an unknown type is
    ///   reported only when it is close to a known one ("did you mean") or when `smslint.toml`
    ///   lists `types`, else it counts as `other`.
    /// - `invalid-date`: a date is neither `YYYY-MM-DD` nor an unambiguous month-name form
    ///   (`1 July 2026`, `July 1, 2026`), or is impossible (`2026-02-30`). A numeric date such as
    ///   `04/05/2026` is refused with both ISO readings in the help. Every place that states a
    ///   date is checked.
    /// - `approver-is-owner` (warning): the approver is the owner, so the approval is not
    ///   independent.
    /// - `duplicate-field`: the same key appears twice; YAML readers disagree on which wins.
    ///
    /// ## Why auditors care
    /// Clause 7.5.2 asks that documented information be identified, described, reviewed and
    /// approved. An auditor samples documents and asks who owns this, who approved it, which
    /// version is current. Missing answers are nonconformities.
    ///
    /// ## How to fix
    /// Add the field to the front-matter with a value of the expected form. Field names can be
    /// mapped in `[document-control.fields]` (e.g. `owner = "Document-Owner"`), and the lists of
    /// statuses, types and patterns changed in `[document-control]`.
    ///
    /// ## Example
    /// Failing:
    /// ```markdown
    /// ---
    /// id: pol-1
    /// title: Service Management Policy
    /// status: final
    /// ---
    /// ```
    /// Passing:
    /// ```markdown
    /// ---
    /// id: POL-001
    /// title: Service Management Policy
    /// type: policy
    /// owner: Head of Service Management
    /// approver: Chief Information Officer
    /// version: "1.3"
    /// status: approved
    /// last_reviewed: 2026-01-10
    /// ---
    /// ```
    KIND = "document-control" {
        run: crate::checks::Scope::Document(check);
        FRONT_MATTER_MISSING: "SMS201" "front-matter-missing" Error => "A document has no document-control metadata",
        FIELD_MISSING: "SMS202" "field-missing" Error => "A required document-control field is missing",
        FIELD_EMPTY: "SMS203" "field-empty" Error => "A document-control field has no value",
        VALUE_NOT_ALLOWED: "SMS204" "value-not-allowed" Error => "A document-control value is not allowed",
        INVALID_DATE: "SMS205" "invalid-date" Error => "A date is unparseable or impossible",
        APPROVER_IS_OWNER: "SMS207" "approver-is-owner" Warning => "The approver is the owner: no independent approval",
        DUPLICATE_FIELD: "SMS208" "duplicate-field" Error => "A document-control field is given twice",
    }
}

/// Check one document's control metadata.
pub fn check(doc: &Document, _src: &str, cx: &Context<'_>, out: &mut Vec<Finding>) {
    let cfg = &cx.config.doc;
    let meta = doc.meta.as_ref().filter(|_| doc.has_own_meta());
    let Some(meta) = meta else {
        if !doc.has_front_matter_block {
            let span = doc
                .title_heading()
                .map_or(doc.body_start..doc.body_start, |h| h.span.clone());
            out.push(
                Finding::new(
                    &FRONT_MATTER_MISSING,
                    "Document states no document-control metadata (no front-matter, table, label lines or revision history)",
                )
                .at(&doc.path, span)
                .subject("metadata")
                .help(format!(
                    "Start the file with a `---` block (or `**Label:** value` lines under the title) giving at least: {}",
                    cfg.required
                        .iter()
                        .map(|f| cx.config.key(f))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        }
        return;
    };

    // Keyed by the normalized key, so a file with many fields stays linear.
    let mut seen: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    for f in &meta.fields {
        if let Some(first) = seen.get(&crate::document::key_norm(&f.key)) {
            out.push(
                Finding::new(
                    &DUPLICATE_FIELD,
                    format!("`{}` is given twice (first as `{first}`)", f.key),
                )
                .at(&doc.path, f.key_span.clone())
                .subject(f.canonical.as_deref().unwrap_or(&f.key).to_owned())
                .help("Keep one value and delete the other"),
            );
        } else {
            seen.insert(crate::document::key_norm(&f.key), &f.key);
        }
    }

    let status = field(doc, cx, "status")
        .and_then(|f| f.value.as_str())
        .map(str::trim);
    let approved = status.is_some_and(|s| s.eq_ignore_ascii_case(&cfg.approved_status));
    let mut required: Vec<&str> = cfg.required.iter().map(String::as_str).collect();
    if approved {
        // Review dates belong to living documents only: a record or report is evidence of a
        // moment and is never reviewed.
        let reviewed = super::review::has_reviewed_type(doc, cx);
        required.extend(
            cfg.required_when_approved
                .iter()
                .map(String::as_str)
                .filter(|f| reviewed || !fields::has(f, Trait::Review)),
        );
    }
    // Outside YAML a field is written as a label: the configured key, else the vocabulary's.
    let label = |name: &str| {
        let key = cx.config.key(name);
        if key == name {
            cx.packs.vocab.label_for(name)
        } else {
            key.to_owned()
        }
    };
    for name in required {
        let key = cx.config.key(name);
        match meta.get(key) {
            None => {
                let why = if cfg.required.iter().any(|r| r == name) {
                    String::new()
                } else {
                    format!(
                        " (required when `{}` is `{}`)",
                        cx.config.key("status"),
                        cfg.approved_status
                    )
                };
                out.push(
                    Finding::new(&FIELD_MISSING, format!("Required field `{key}` is missing{why}"))
                        .at(&doc.path, meta.insert_at.clone())
                        .subject(name)
                        .help(match meta.source {
                            MetaSource::Table => {
                                format!("Add a `{}` row to the document-control table", label(name))
                            }
                            MetaSource::LabelLines => {
                                format!("Add a `**{}:** …` label line under the title", label(name))
                            }
                            MetaSource::RevisionHistory | MetaSource::Defaults => {
                                format!("State `{key}` under the title, e.g. `**{}:** …`", label(name))
                            }
                            MetaSource::FrontMatter | MetaSource::HeaderlessYaml => {
                                format!("Add `{key}: …` to the front-matter, before its closing `---`")
                            }
                        }),
                );
            }
            Some(f) if f.value.is_empty() => out.push(
                Finding::new(&FIELD_EMPTY, format!("Field `{key}` is empty"))
                    .at(&doc.path, f.key_span.start..f.value.span.end.max(f.key_span.end))
                    .subject(name)
                    .help(format!("Give `{key}` a value or remove it")),
            ),
            Some(_) => {}
        }
    }

    for name in fields::with(Trait::Single) {
        if let Some(f) = field(doc, cx, name) {
            if f.value.as_str().is_none() && !f.value.is_empty() {
                out.push(
                    Finding::new(
                        &VALUE_NOT_ALLOWED,
                        format!("`{}` must be a single value, not a list or mapping", f.key),
                    )
                    .at(&doc.path, f.value.span.clone())
                    .subject(name)
                    .help(format!("Write one value: `{}: …`", f.key)),
                );
            }
        }
    }

    // An unknown type counts as `other` unless it looks like a typo of a known one or the
    // configuration lists the types explicitly.
    let allowed = |name: &str, list: &[String], what: &str, strict: bool, out: &mut Vec<Finding>| {
        if let Some((f, v)) = scalar(doc, cx, name) {
            if !list.iter().any(|s| s.eq_ignore_ascii_case(v)) {
                let near = crate::suggest::closest(v, list.iter().map(String::as_str));
                if !strict && near.is_none() {
                    return;
                }
                let mut help = format!("Use one of: {}", list.join(", "));
                if let Some(n) = near {
                    help = format!("Did you mean `{n}`? {help}");
                }
                out.push(
                    Finding::new(&VALUE_NOT_ALLOWED, format!("`{v}` is not a known {what}"))
                        .at(&doc.path, f.value.span.clone())
                        .subject(name)
                        .help(help),
                );
            }
        }
    };
    allowed("status", &cfg.statuses, "status", true, out);
    allowed("type", &cfg.types, "document type", cfg.types_explicit, out);

    let pattern = |name: &str, re: &regex::Regex, example: &str, out: &mut Vec<Finding>| {
        if let Some((f, v)) = scalar(doc, cx, name) {
            if !re.is_match(v) {
                out.push(
                    Finding::new(
                        &VALUE_NOT_ALLOWED,
                        format!("`{v}` does not match the {name} pattern `{}`", re.as_str()),
                    )
                    .at(&doc.path, f.value.span.clone())
                    .subject(name)
                    .help(format!(
                        "Write the {name} like `{example}`, or change `{name}-pattern` in smslint.toml"
                    )),
                );
            }
        }
    };
    pattern("id", &cfg.id_pattern, "POL-001", out);
    pattern("version", &cfg.version_pattern, "1.3", out);

    if let Some((f, v)) = scalar(doc, cx, "review_cycle") {
        if let Err(e) = cx.packs.vocab.cycle(v) {
            out.push(
                Finding::new(&VALUE_NOT_ALLOWED, e)
                    .at(&doc.path, f.value.span.clone())
                    .subject("review_cycle")
                    .help("Write the cycle as `12 months`, `Annual`, `Quarterly` or `every 2 years`"),
            );
        }
    }

    // Every place that states a date is checked, not only the one that wins the merge.
    let mut seen_spans = Vec::new();
    for m in doc.sources.iter().filter(|m| m.source != MetaSource::Defaults) {
        for name in fields::with(Trait::Date) {
            let Some(f) = super::source_field(m, cx, name) else {
                continue;
            };
            let Some(v) = f.value.as_str().map(str::trim).filter(|v| !v.is_empty()) else {
                continue;
            };
            if seen_spans.contains(&f.value.span) {
                continue;
            }
            seen_spans.push(f.value.span.clone());
            if let Err(e) = parse_date(v) {
                let help = match crate::dates::iso_readings(v).as_slice() {
                    [one] => format!("Write `{}` as an ISO date: `{one}`", f.key),
                    [a, b] => format!(
                        "Write `{}` as an ISO date: `{a}` if day first, `{b}` if month first",
                        f.key
                    ),
                    _ => format!(
                        "Write `{}` as an ISO date, e.g. `2026-01-31`, or as `31 January 2026`",
                        f.key
                    ),
                };
                let msg = if crate::dates::iso_readings(v).is_empty() {
                    e
                } else {
                    format!("`{v}` is ambiguous: it reads differently day-first and month-first")
                };
                out.push(
                    Finding::new(&INVALID_DATE, msg)
                        .at(&doc.path, f.value.span.clone())
                        .subject(name)
                        .help(help),
                );
            }
        }
    }

    if let (Some((_, owner)), Some((f, approver))) = (scalar(doc, cx, "owner"), scalar(doc, cx, "approver")) {
        if owner.eq_ignore_ascii_case(approver) {
            out.push(
                Finding::new(
                    &APPROVER_IS_OWNER,
                    format!("`{approver}` both owns and approves this document"),
                )
                .at(&doc.path, f.value.span.clone())
                .subject("approver")
                .help(
                    "Have someone other than the owner approve the document, so the approval is independent",
                ),
            );
        }
    }
}

/// A non-empty scalar field and its trimmed text.
fn scalar<'d>(
    doc: &'d Document,
    cx: &Context<'_>,
    name: &str,
) -> Option<(&'d crate::document::MetaField, &'d str)> {
    let f = field(doc, cx, name)?;
    if f.value.is_empty() {
        return None;
    }
    let v: &Node = &f.value;
    Some((f, v.as_str()?.trim()))
}
