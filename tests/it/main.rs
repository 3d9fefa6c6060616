//! The one integration-test binary: every suite is a module, so the library and the test
//! harness are linked once. `cargo test --test it -- MODULE::` runs one suite (for example
//! `cargo test --test it -- props::`); the shared helpers live in `common/`.
#![allow(clippy::disallowed_methods)] // tests set up the repositories they check
#![allow(clippy::print_stdout, clippy::print_stderr)] // measurements and tables shown with --nocapture
#![allow(clippy::used_underscore_binding)] // `_tmp` fields keep temporary folders alive

mod architecture;
mod common;

mod acme;
mod action;
mod adopt;
mod baseline;
mod cache;
mod cases;
mod cli;
mod cli_contract;
mod corpora;
mod formats;
mod hostile;
mod init;
mod pack;
mod precommit;
mod props;
mod registry;
mod report;
mod retain;
mod roles_links;
mod security;
mod wording;
