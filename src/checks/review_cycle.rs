//! Review cycles an auditor accepts: a stated cycle no longer than the pack's maximum.

use super::{Context, field};
use crate::document::Document;
use crate::finding::Finding;

check_kind! {
    /// ## What it checks
    /// A living document (see `review`: not retired, not of an excluded type) whose review
    /// cycle (`review_cycle`, a duration or a cycle word of the pack) is longer than the
    /// longest cycle the pack allows, `[review] max-cycle` (36 months in the built-in pack;
    /// `smslint.toml` `[review] max-cycle` overrides it). A cycle of exactly the maximum is
    /// accepted; an invalid cycle is SMS204's finding, not this one. Without a maximum in any
    /// pack or the configuration, nothing is checked.
    ///
    /// ## Why auditors care
    /// Clause 7.5.3 asks that documented information stays suitable for use. A document
    /// reviewed only every five years can describe a service that no longer exists for most
    /// of its life, and its review dates never fall due: SMS301 cannot catch it.
    ///
    /// ## How to fix
    /// Shorten the cycle to what the document's owner can keep (`12 months` is usual for
    /// policies), or raise `[review] max-cycle` when the organisation decided otherwise.
    ///
    /// ## Example
    /// Failing: `review_cycle: every 5 years`. Passing: `review_cycle: 3 years`.
    KIND = "review-cycle" {
        run: crate::checks::Scope::Document(check);
        REVIEW_CYCLE_TOO_LONG: "SMS305" "review-cycle-too-long" Warning => "A document's review cycle is longer than the pack allows",
    }
}

/// Check one document's stated review cycle against the maximum.
pub fn check(doc: &Document, _src: &str, cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(max) = cx.packs.vocab.max_cycle else {
        return;
    };
    if !super::review::is_reviewed(doc, cx) {
        return;
    }
    let Some(f) = field(doc, cx, "review_cycle") else {
        return;
    };
    let Some(text) = f.value.as_str() else {
        return;
    };
    let Ok(cycle) = cx.packs.vocab.cycle(text) else {
        return;
    };
    // Compared from the run's date, so `3 years` and `36 months` are the same length.
    let (Some(end), Some(limit)) = (cycle.add_to(cx.today), max.add_to(cx.today)) else {
        return;
    };
    if end <= limit {
        return;
    }
    out.push(
        Finding::new(
            &REVIEW_CYCLE_TOO_LONG,
            format!(
                "Review cycle `{}` ({cycle}) is longer than the maximum of {max}",
                text.trim()
            ),
        )
        .at(&doc.path, f.value.span.clone())
        .subject("review_cycle")
        .help(format!(
            "Shorten `review_cycle` to {max} or less, or raise `[review] max-cycle` if the organisation decided on longer"
        )),
    );
}
