//! The parse floor: the least work any Markdown linter of this repository must do — walk the
//! tree, read every document, split the front-matter off and iterate pulldown-cmark's events
//! with offsets — on the same rayon thread pool smslint uses (`RAYON_NUM_THREADS` applies to
//! both). `bench/compare.sh` times smslint against it in the same run.
//!
//! ```sh
//! cargo run --release --example parse-floor -- DIR
//! ```
#![allow(clippy::disallowed_methods)] // reads the corpus it times
#![allow(clippy::print_stdout, clippy::print_stderr)] // a command-line tool: its output is the point

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;
use smslint::document::front_matter::{Split, split};
use walkdir::WalkDir;

fn main() -> ExitCode {
    let Some(root) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: parse-floor DIR");
        return ExitCode::from(2);
    };
    let files: Vec<PathBuf> = WalkDir::new(&root)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let (events, bytes): (usize, usize) = files
        .par_iter()
        .map(|p| parse(p))
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!("{} documents, {bytes} bytes, {events} events", files.len());
    ExitCode::SUCCESS
}

/// Read, split and parse one file: (events, bytes).
fn parse(path: &Path) -> (usize, usize) {
    let Ok(src) = std::fs::read_to_string(path) else {
        return (0, 0);
    };
    let body = match split(&src, 0) {
        Split::Block { body, .. } => body,
        _ => 0,
    };
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut n = 0usize;
    for (event, range) in Parser::new_ext(&src[body..], opts).into_offset_iter() {
        std::hint::black_box((&event, &range));
        n += 1;
    }
    (n, src.len())
}
