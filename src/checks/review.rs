//! Review staleness: living documents are reviewed on schedule (clause 7.5.3).

use jiff::civil::Date;

use super::{Context, field, source_field};
use crate::dates::{days_between, parse_date};
use crate::document::{Document, MetaSource};
use crate::finding::Finding;

check_kind! {
    /// ## What it checks
    /// Every document that states a next-review date, or a last-review date, is checked,
    /// whatever its type, unless it is retired or of a type in `[review] excluded-types`
    /// (`record` and `report` by default: evidence of a moment, never reviewed). Its next
    /// review falls due on `next_review` when given, else `last_reviewed` plus `review_cycle`
    /// (or `[review] default-cycle`, 12 months). Dates may be read from front-matter, a
    /// document-control table, label lines or a revision history's latest row (whose date is
    /// the last review when no other place states one); when several places give review dates,
    /// the earliest due date decides. Cycles are durations (`6 months`, `every 2 years`) or the
    /// cycle words of the pack (`Quarterly`, `Semi-annual`, `Annual`, `Biennial`, …); an invalid
    /// cycle is reported (SMS204) and the default cycle applies. Month arithmetic clamps to the
    /// month's end, so 2026-01-31 + 1 month is 2026-02-28. `[review] reviewed-types` decides
    /// only which documents must carry review dates (SMS202).
    ///
    /// - `review-overdue`: the review date is before today. A review falling due today is due,
    ///   not overdue.
    /// - `review-due-soon` (warning): the review falls due within `[review] warn-within` days
    ///   (30 by default).
    /// - `last-reviewed-in-future`: `last_reviewed` is after today.
    /// - `effective-in-future` (warning): an approved document takes effect after today.
    ///
    /// The date of the run is `--today`, else `SMSLINT_TODAY`, else the local date.
    ///
    /// ## Why auditors care
    /// Clause 7.5.3 asks that documented information stay suitable. A policy whose review is
    /// overdue may no longer describe practice, and auditors sample review dates first.
    ///
    /// ## How to fix
    /// Review the document with its owner, then update `last_reviewed` (and `next_review` if
    /// you set it) and bump `version` when the content changed.
    ///
    /// ## Example
    /// Failing (with `--today 2026-11-28`): `last_reviewed: 2025-01-10` and
    /// `review_cycle: 12 months`. Passing: `last_reviewed: 2026-01-10`.
    KIND = "review" {
        run: crate::checks::Scope::Document(check);
        REVIEW_OVERDUE: "SMS301" "review-overdue" Error => "A document's review date has passed",
        REVIEW_DUE_SOON: "SMS302" "review-due-soon" Warning => "A document's review falls due soon",
        LAST_REVIEWED_IN_FUTURE: "SMS303" "last-reviewed-in-future" Error => "last_reviewed is after today",
        EFFECTIVE_IN_FUTURE: "SMS304" "effective-in-future" Warning => "An approved document takes effect after today",
    }
}

/// When the next review of `doc` falls due, and the value that decides it. When several places
/// of the document state review dates, the earliest due date wins (an auditor takes the
/// stricter one). A revision history's date counts as the last review only when no other place
/// states one.
pub fn next_review(doc: &Document, cx: &Context<'_>) -> Option<(Date, std::ops::Range<usize>)> {
    let dates = |name: &str, revision: bool| -> Vec<(Date, std::ops::Range<usize>)> {
        doc.sources
            .iter()
            .filter(|m| (m.source == MetaSource::RevisionHistory) == revision)
            .filter_map(|m| {
                let f = source_field(m, cx, name)?;
                Some((parse_date(f.value.as_str()?).ok()?, f.value.span.clone()))
            })
            .collect()
    };
    let earliest = |v: Vec<(Date, std::ops::Range<usize>)>| v.into_iter().min_by_key(|(d, _)| *d);
    if let Some(d) = earliest(dates("next_review", false)) {
        return Some(d);
    }
    let mut last = dates("last_reviewed", false);
    if last.is_empty() {
        last = dates("last_reviewed", true);
    }
    let (last, span) = earliest(last)?;
    let cycle = field(doc, cx, "review_cycle")
        .and_then(|f| cx.packs.vocab.cycle(f.value.as_str()?).ok())
        .unwrap_or(cx.config.review.default_cycle);
    Some((cycle.add_to(last)?, span))
}

/// Whether the document's type is one of `reviewed-types`: the documents that must carry
/// review dates.
pub fn has_reviewed_type(doc: &Document, cx: &Context<'_>) -> bool {
    field(doc, cx, "type")
        .and_then(|f| f.value.as_str())
        .map(str::trim)
        .is_some_and(|t| {
            cx.config
                .review
                .reviewed_types
                .iter()
                .any(|r| r.eq_ignore_ascii_case(t))
        })
}

/// Whether `doc` is a living document whose stated review dates are checked: any document that
/// is not retired and not of a type excluded from review (`record`, `report` by default).
pub fn is_reviewed(doc: &Document, cx: &Context<'_>) -> bool {
    let text = |name: &str| field(doc, cx, name).and_then(|f| f.value.as_str()).map(str::trim);
    let retired = text("status").is_some_and(|s| s.eq_ignore_ascii_case(&cx.config.doc.retired_status));
    let excluded = text("type").is_some_and(|t| {
        cx.packs
            .vocab
            .excluded_types
            .iter()
            .any(|x| x.eq_ignore_ascii_case(t))
    });
    !retired && !excluded
}

/// Check one document's review dates.
pub fn check(doc: &Document, _src: &str, cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !is_reviewed(doc, cx) {
        return;
    }
    let today = cx.today;
    if let Some(f) = field(doc, cx, "last_reviewed") {
        if let Some(d) = f.value.as_str().and_then(|v| parse_date(v).ok()) {
            if d > today {
                out.push(
                    Finding::new(
                        &LAST_REVIEWED_IN_FUTURE,
                        format!("`{}` is {d}, after today ({today})", f.key),
                    )
                    .at(&doc.path, f.value.span.clone())
                    .subject("last_reviewed")
                    .help("Record the date the review actually took place"),
                );
            }
        }
    }
    let approved = field(doc, cx, "status")
        .and_then(|f| f.value.as_str())
        .is_some_and(|s| s.trim().eq_ignore_ascii_case(&cx.config.doc.approved_status));
    if approved {
        if let Some(f) = field(doc, cx, "effective") {
            if let Some(d) = f.value.as_str().and_then(|v| parse_date(v).ok()) {
                if d > today {
                    out.push(
                        Finding::new(
                            &EFFECTIVE_IN_FUTURE,
                            format!(
                                "Approved document takes effect on {d}, in {} days",
                                days_between(today, d)
                            ),
                        )
                        .at(&doc.path, f.value.span.clone())
                        .subject("effective")
                        .help("Until then the previous version applies; check that it is still available"),
                    );
                }
            }
        }
    }
    let Some((due, span)) = next_review(doc, cx) else {
        return;
    };
    let days = days_between(today, due);
    if days < 0 {
        let late = -days;
        out.push(
            Finding::new(
                &REVIEW_OVERDUE,
                format!("Review was due {due}, {late} day{} ago", plural(late)),
            )
            .at(&doc.path, span)
            .subject("next_review")
            .help(
                "Review the document with its owner, then move `last_reviewed` (and `next_review`) forward",
            ),
        );
    } else if days <= cx.config.review.warn_within_days {
        let when = if days == 0 {
            "today".to_owned()
        } else {
            format!("in {days} day{}", plural(days))
        };
        out.push(
            Finding::new(&REVIEW_DUE_SOON, format!("Review falls due on {due}, {when}"))
                .at(&doc.path, span)
                .subject("next_review")
                .help("Plan the review with the document's owner"),
        );
    }
}

fn plural(n: i64) -> &'static str {
    if n == 1 { "" } else { "s" }
}
