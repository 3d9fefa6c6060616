//! Generate a deterministic, realistic SMS policy repository for benchmarks.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- DIR --docs 10000 --seed 7
//! smslint check DIR --today 2026-06-30
//! ```
//!
//! The same `--docs` and `--seed` always give byte-identical files. DIR must not exist or be
//! empty. About 10% of the documents carry one defect each; the rest are clean on 2026-06-30.
#![allow(clippy::disallowed_methods)] // writes the generated corpus
#![allow(clippy::print_stdout, clippy::print_stderr)] // a command-line tool: its output is the point

#[path = "../bench/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: gen-corpus DIR [--docs N] [--seed S]";

fn main() -> ExitCode {
    let mut dir: Option<PathBuf> = None;
    let mut docs = 10_000usize;
    let mut seed = 7u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let value = |args: &mut dyn Iterator<Item = String>| args.next().and_then(|v| v.parse::<u64>().ok());
        match a.as_str() {
            "--docs" => match value(&mut args) {
                Some(n) if n > 0 => docs = usize::try_from(n).unwrap_or(usize::MAX),
                _ => return fail("--docs needs a positive number"),
            },
            "--seed" => match value(&mut args) {
                Some(s) => seed = s,
                None => return fail("--seed needs a number"),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if dir.is_none() && !a.starts_with('-') => dir = Some(PathBuf::from(a)),
            _ => return fail(&format!("unexpected argument `{a}`")),
        }
    }
    let Some(dir) = dir else {
        return fail("DIR is required");
    };
    if std::fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_some()) {
        return fail(&format!("`{}` is not empty", dir.display()));
    }
    match corpus::write(&dir, docs, seed) {
        Ok(s) => {
            println!(
                "{} documents, {} bytes ({:.1} MB), {} with one defect, in {}",
                s.docs,
                s.bytes,
                s.bytes as f64 / 1e6,
                s.defective,
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(&format!("cannot write `{}`: {e}", dir.display())),
    }
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("gen-corpus: {msg}\n{USAGE}");
    ExitCode::from(2)
}
