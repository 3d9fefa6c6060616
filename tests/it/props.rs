//! Property tests: no input panics the front-matter splitter and parser, the Markdown parser,
//! the decoder or the config loader, and every span a document holds lies within its source
//! and on char boundaries. The fuzz targets under `fuzz/` check the same invariants.

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{FailurePersistence, FileFailurePersistence, PersistedSeed, RngSeed};
use smslint::checks::{self, Context};
use smslint::config::Config;
use smslint::document::{Document, MetaSource, decode};
use smslint::index::Repo;
use smslint::pack::Packs;

/// The default configuration and the built-in pack, loaded once for every case (loading the
/// pack is most of a case's cost, and it is the same every time).
static SETUP: std::sync::LazyLock<(Config, Packs)> = std::sync::LazyLock::new(|| {
    let config = Config::default();
    let packs =
        Packs::load(&config.packs, Path::new("."), &smslint::checks::rules()).expect("built-in pack loads");
    (config, packs)
});

/// Run every document and repository check on `src`; every finding's span lies within it.
fn findings_ok(src: &str) -> Result<(), TestCaseError> {
    let (config, packs) = &*SETUP;
    let cx = Context::new(config, packs, jiff::civil::date(2026, 6, 30));
    let doc = Document::parse("x.md".to_owned(), src);
    let mut out = Vec::new();
    checks::check_document(&doc, Some(src), &cx, &mut out);
    let repo = Repo::build(vec![doc], config, smslint::workspace::Tree::default());
    checks::check_repository(&repo, &cx, &mut out);
    for f in &out {
        for r in &f.related {
            let s = &r.span;
            prop_assert!(
                s.start <= s.end && s.end <= src.len(),
                "{}: related span {s:?}",
                f.code()
            );
            prop_assert!(src.is_char_boundary(s.start) && src.is_char_boundary(s.end));
        }
        if let Some(s) = &f.span {
            prop_assert!(
                s.start <= s.end && s.end <= src.len(),
                "{}: span {s:?} out of 0..{}",
                f.code(),
                src.len()
            );
            prop_assert!(
                src.is_char_boundary(s.start) && src.is_char_boundary(s.end),
                "{}: span {s:?} splits a char",
                f.code()
            );
        }
    }
    Ok(())
}

/// Every span of `doc` is within `src` and on char boundaries.
fn spans_ok(doc: &Document, src: &str) -> Result<(), TestCaseError> {
    for s in doc.spans() {
        prop_assert!(
            s.start <= s.end && s.end <= src.len(),
            "span {s:?} out of 0..{}",
            src.len()
        );
        prop_assert!(
            src.is_char_boundary(s.start) && src.is_char_boundary(s.end),
            "span {s:?} splits a char"
        );
    }
    Ok(())
}

/// Text that looks like a document: an optional front-matter block of YAML-ish lines, then
/// Markdown-ish lines, with CR, tabs, multibyte characters and YAML/Markdown punctuation.
fn documentish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("---".to_owned()),
        Just("...".to_owned()),
        Just("id: POL-001".to_owned()),
        Just("key: &a [1, *a, {b: c}]".to_owned()),
        Just("- item".to_owned()),
        Just("type: policy\nstatus: approved\nowner: A\napprover: A".to_owned()),
        Just("last_reviewed: 2026-01-10\nreview_cycle: 10000 years".to_owned()),
        Just("next_review: 9999-12-31\neffective: -009999-01-01".to_owned()),
        Just("last_reviewed: 0001-01-01\nreview_cycle: 1 day".to_owned()),
        Just("clauses: [\"5.2\", 8, {a: b}]\nsatisfies: service-management-policy".to_owned()),
        Just("? [k]\n: v".to_owned()),
        Just("| a | b |\n|---|---|\n| 1 | 2 |".to_owned()),
        Just("# Heading".to_owned()),
        Just("> quote".to_owned()),
        Just("[l](a.md#x) ![i](b.png)".to_owned()),
        Just("<!-- smslint-disable SMS301 -- why -->".to_owned()),
        Just("<a id=\"x\" name='y'>".to_owned()),
        Just("```\ncode".to_owned()),
        Just("👤 **Owner:** A | 📅 **Next Review:** 1 July 2026 (UTC) · **Version**: 1".to_owned()),
        Just("- **Review Cycle:** Biannual\n**Last review:** 04/05/2026".to_owned()),
        Just("## Document control".to_owned()),
        Just("**Document Information**".to_owned()),
        Just("## Revision history".to_owned()),
        Just(
            "| Version | Date | Author | Approved by |\n|---|---|---|---|\n| 1.10 | Jun 1 2018 | A | A |"
                .to_owned()
        ),
        Just("majorRevisions:\n  - date: Jun 1 2018\n    comment: c".to_owned()),
        Just("`**Owner:** x`".to_owned()),
        "[ -~]{0,20}",
        "[\\t\\r\\u{0}\\u{1b}é€😀\\u{feff}:|#>*_\\[\\]{}&!\"'-]{0,8}",
        any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ];
    (
        any::<bool>(),
        prop::collection::vec((piece, prop_oneof!["\n", "\r\n", "\r", " ", "  "]), 0..24),
    )
        .prop_map(|(fm, parts)| {
            let mut s = if fm { "---\n".to_owned() } else { String::new() };
            for (p, sep) in parts {
                s.push_str(&p);
                s.push_str(&sep);
            }
            s
        })
}

/// Failures are read from the committed `props.proptest-regressions` (they re-run first), but
/// a new one is written there only when asked (`SMSLINT_PROPTEST_PERSIST=1`): a failing run
/// must not modify tracked files. The failing input is printed either way.
#[derive(Debug, Clone, PartialEq)]
struct ReadOnly(FileFailurePersistence);

impl FailurePersistence for ReadOnly {
    fn load_persisted_failures2(&self, source_file: Option<&'static str>) -> Vec<PersistedSeed> {
        self.0.load_persisted_failures2(source_file)
    }
    fn save_persisted_failure2(
        &mut self,
        source_file: Option<&'static str>,
        seed: PersistedSeed,
        shrunken_value: &dyn std::fmt::Debug,
    ) {
        if std::env::var_os("SMSLINT_PROPTEST_PERSIST").is_some_and(|v| v == "1") {
            self.0.save_persisted_failure2(source_file, seed, shrunken_value);
        }
    }
    fn box_clone(&self) -> Box<dyn FailurePersistence> {
        Box::new(self.clone())
    }
    fn eq(&self, other: &dyn FailurePersistence) -> bool {
        other.as_any().downcast_ref::<Self>() == Some(self)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// 600 cases from a fixed seed, so a green run is reproducible; `PROPTEST_CASES` and
/// `PROPTEST_RNG_SEED` override both (CI sets them explicitly).
fn config() -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = 600;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = RngSeed::Fixed(200_001);
    }
    c.failure_persistence = Some(Box::new(ReadOnly(FileFailurePersistence::SourceParallel(
        "proptest-regressions",
    ))));
    c
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_text_parses_without_panic_and_spans_stay_in_bounds(src in any::<String>()) {
        let doc = Document::parse("x.md".to_owned(), &src);
        spans_ok(&doc, &src)?;
    }

    #[test]
    fn documentish_text_parses_and_spans_stay_in_bounds(src in documentish()) {
        let doc = Document::parse("x.md".to_owned(), &src);
        spans_ok(&doc, &src)?;
        findings_ok(&src)?;
        // A key's span covers exactly its text when the key is written without quotes or escapes.
        // (Other metadata sources, such as a title taken from the first heading, point elsewhere.)
        if let Some(meta) = doc.sources.first().filter(|m| m.source == MetaSource::FrontMatter) {
            for f in &meta.fields {
                let raw = &src[f.key_span.clone()];
                if !raw.contains(['\\', '\'', '"']) {
                    prop_assert_eq!(raw, f.key.as_str());
                }
            }
        }
    }

    /// The line index answers from the facts it recorded what counting in the text answers:
    /// the character boundary at or before an offset, and its line and column, in either form
    /// it keeps multi-byte characters in (a few, as a list; many, as bits).
    #[test]
    fn line_index_agrees_with_counting_in_the_text(
        parts in prop::collection::vec(prop::sample::select(vec!["a", "b c", "\n", "\r\n", "é", "€", "😀", "日本"]), 0..400),
        ascii in 0usize..300,
    ) {
        let src = "x".repeat(ascii) + &parts.concat();
        let ix = smslint::line_index::LineIndex::new(&src);
        for at in 0..=src.len() + 1 {
            let floor = smslint::line_index::floor_char(&src, at);
            prop_assert_eq!(ix.floor_char(at), floor);
            let start = src[..floor].rfind('\n').map_or(0, |i| i + 1);
            let line = src[..floor].matches('\n').count() + 1;
            let column = src[start..floor].chars().count() + 1;
            prop_assert_eq!(ix.line_col(at), (line as u32, column as u32));
        }
    }

    #[test]
    fn any_bytes_decode_or_are_refused(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        if let Ok(text) = decode(bytes) {
            let doc = Document::parse("x.md".to_owned(), &text);
            spans_ok(&doc, &text)?;
        }
    }

    #[test]
    fn any_config_text_loads_or_is_a_config_error(text in any::<String>()) {
        let _ = Config::parse("smslint.toml", text.into(), Path::new("."), &smslint::checks::rules());
    }

    #[test]
    fn configish_text_loads_or_is_a_config_error(
        lines in prop::collection::vec(prop_oneof![
            Just("packs = []".to_owned()),
            Just("[document-control]".to_owned()),
            Just("[review]".to_owned()),
            Just("[rules]".to_owned()),
            Just("[[exclusions]]".to_owned()),
            "(id-pattern|version-pattern|include|exclude|default-cycle|warn-within|select|ignore|max-file-size|requirement|reason) = ",
            "\"[ -~]{0,12}\"",
            "\\[\"[ -~]{0,8}\"\\]",
            "-?[0-9]{1,20}",
        ], 0..12)
    ) {
        let text = lines.join("\n");
        let _ = Config::parse("smslint.toml", text.into(), Path::new("."), &smslint::checks::rules());
    }
}
