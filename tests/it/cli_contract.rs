//! The command-line contract, pinned with trycmd: one `tests/cmd/NAME.toml` per command with its
//! exit code and its verbatim `NAME.stdout` / `NAME.stderr`. It covers the exit codes (0 clean or
//! warnings only, 1 findings at the failing level, 2 usage and configuration errors), the
//! configuration errors exactly as a user sees them, and the README's command examples that run
//! offline on a fixture (`readme-*`). Commands that write files run in a trycmd sandbox (a copy
//! in a temporary folder); the others only read, so no test writes to a tracked file.
//! `TRYCMD=overwrite cargo test --test it -- cli_contract` rewrites the expected outputs.

#[test]
fn cli_contract() {
    trycmd::TestCases::new()
        .register_bin("smslint", std::path::Path::new(env!("CARGO_BIN_EXE_smslint")))
        .env("NO_COLOR", "1")
        // No incremental cache: no case writes to the user's cache folder.
        .env("CI", "true")
        .env("COLUMNS", "100")
        .env("SMSLINT_TODAY", "2026-06-30")
        .case("tests/cmd/*.toml");
}
