//! smslint: a documentation-as-code linter for ISO/IEC 20000-1 service management systems.
//!
//! The core is pure: [`document`] parses text into a [`document::Document`], [`checks`] turn
//! documents and the repository [`index`] into [`finding::Finding`]s. [`app`] orchestrates the
//! file system; [`output`] is the only place findings become text.

#[macro_use]
pub mod checks;
pub mod adopt;
pub mod app;
pub mod baseline;
pub mod calendar;
pub mod clause;
pub mod cli;
pub mod config;
pub mod dates;
pub mod document;
pub mod explain;
pub mod finding;
pub mod fsx;
pub mod gap;
pub mod git;
pub mod index;
pub mod init;
pub mod matcher;
pub mod output;
pub mod pack;
pub mod roles;
pub mod slug;
pub mod suggest;
pub mod text;
pub mod workspace;
