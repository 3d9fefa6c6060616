//! In-process benchmarks (divan): parse one document, build the repository index, and run every
//! check on a generated 10,000-document repository. Run with `cargo bench`; `.ci/run` only
//! compiles them (`cargo bench --no-run`). The corpus is the one `gen-corpus` writes.
#![allow(clippy::disallowed_methods)] // benchmarks set up and read corpora

#[path = "../bench/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::Bencher;
use smslint::app::check_root;
use smslint::config::Config;
use smslint::document::Document;
use smslint::index::Repo;
use smslint::pack::Packs;

const SEED: u64 = 7;
const DOCS: usize = 10_000;

fn main() {
    divan::main();
}

/// A median-sized generated document (path, text).
fn sample() -> &'static (String, String) {
    static DOC: OnceLock<(String, String)> = OnceLock::new();
    DOC.get_or_init(|| {
        let mut docs = corpus::documents(200, SEED);
        docs.sort_by_key(|(_, t)| t.len());
        docs.swap_remove(docs.len() / 2)
    })
}

/// The 10k corpus on disk, written once per bench process.
fn corpus_dir() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("temporary folder: {e}"));
        let dir = tmp.path().join("corpus");
        corpus::write(&dir, DOCS, SEED).unwrap_or_else(|e| panic!("writing the corpus: {e}"));
        (tmp, dir)
    })
    .1
}

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 6, 30)
}

#[divan::bench]
fn parse_one_document(b: Bencher<'_, '_>) {
    let (path, text) = sample();
    b.counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| Document::parse(divan::black_box(path.clone()), divan::black_box(text)));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn build_index_10k(b: Bencher<'_, '_>) {
    let config = Config::default();
    let docs: Vec<Document> = corpus::documents(DOCS, SEED)
        .into_iter()
        .map(|(p, t)| Document::parse(p, &t))
        .collect();
    b.with_inputs(|| {
        let mut d = docs.clone();
        d.sort_by(|a, b| a.path.cmp(&b.path));
        d
    })
    .bench_values(|d| Repo::build(d, &config, smslint::workspace::Tree::default()));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn check_all_10k(b: Bencher<'_, '_>) {
    let dir = corpus_dir();
    let config = Config::default();
    let packs = Packs::load(&config.packs, dir, &smslint::checks::rules())
        .unwrap_or_else(|e| panic!("built-in pack: {e}"));
    b.bench(|| {
        let report = check_root(dir, &config, &packs, today());
        assert_eq!(report.documents, DOCS);
        report.findings.len()
    });
}
