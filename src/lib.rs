//! smslint: a documentation-as-code linter for ISO/IEC 20000-1 service management systems.
//!
//! One pipeline: [`workspace`] reads the repository once (the only I/O of a run), [`lint`]
//! checks that snapshot without touching the file system, git, the environment or the clock
//! and returns an [`outcome::Outcome`], and [`output`] is the only place findings become text.
//! [`document`] parses text into a [`document::Document`], [`index`] builds the repository
//! index, [`checks`] holds the check kinds (one file each, registered in one table).
//! [`app`] is the convenience edge: find the root, load the configuration and packs, read the
//! workspace and lint it ([`app::run`]). The command line and the commands live in the binary
//! (`src/main.rs`, `src/cli.rs`, `src/commands/`).

#[macro_use]
pub mod checks;
pub mod adopt;
pub mod app;
pub mod baseline;
pub mod cache;
pub mod calendar;
pub mod clause;
pub mod config;
pub mod dates;
pub mod document;
pub mod error;
pub mod explain;
pub mod finding;
pub mod fsx;
pub mod gap;
pub mod git;
pub mod hash;
pub mod index;
pub mod init;
pub mod intern;
pub mod line_index;
pub mod lint;
pub mod matcher;
pub mod neutral;
pub mod outcome;
pub mod output;
pub mod pack;
pub mod roles;
pub mod slug;
pub mod snippet;
pub mod suggest;
pub mod text;
pub mod vocab;
pub mod workspace;
