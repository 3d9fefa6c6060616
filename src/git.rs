//! The one place smslint runs `git`: listing the files changed since a ref for
//! `--changed-since`. Part of the edge (it runs a process), never called by checks.
#![allow(clippy::disallowed_methods)] // runs git for --changed-since and --suppressions-from

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Run `git -C dir args…`; returns stdout, or git's trimmed stderr as the error.
fn git<I, S>(dir: &Path, args: I) -> miette::Result<Result<Vec<u8>, String>>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(dir);
    hardened(&mut cmd, dir);
    let out = cmd.args(args).output().map_err(|e| {
        miette::miette!(
            help = "install git, or give the files to check as arguments instead",
            "`--changed-since` cannot run `git`: {e}"
        )
    })?;
    Ok(if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
    })
}

/// Settings that keep git from running anything the repository's own configuration names
/// (a pull request cannot edit `.git/config`, but a CI cache or a checked-out submodule can
/// hold one): no file-system monitor hook, no hooks, no pager, no external diff, and every
/// filter driver defined in the configuration (`clean`, `smudge`, `process`) emptied, which
/// git reads as "no filter". The system configuration is not read at all. Reading the
/// configuration to find the driver names runs nothing.
fn hardened(cmd: &mut Command, dir: &Path) {
    cmd.env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_PAGER", "cat")
        .env_remove("GIT_EXTERNAL_DIFF")
        .env_remove("GIT_ASKPASS")
        .args([
            "-c",
            "core.fsmonitor=false",
            "-c",
            "core.hooksPath=/dev/null",
            "-c",
            "diff.external=",
        ]);
    let drivers = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["config", "--null", "--name-only", "--get-regexp", r"^filter\."])
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .map(|o| o.stdout)
        .unwrap_or_default();
    let mut names: Vec<&[u8]> = drivers
        .split(|b| *b == 0)
        .filter_map(|k| k.strip_prefix(b"filter."))
        .filter_map(|k| k.iter().rposition(|b| *b == b'.').map(|i| &k[..i]))
        .collect();
    names.sort_unstable();
    names.dedup();
    for n in names {
        let n = String::from_utf8_lossy(n);
        for key in ["clean", "smudge", "process"] {
            cmd.arg("-c").arg(format!("filter.{n}.{key}="));
        }
        cmd.arg("-c").arg(format!("filter.{n}.required=false"));
    }
}

/// Every file under `root` that differs between the git ref `reference` and the working tree,
/// plus untracked files that are not ignored, as sorted root-relative `/`-separated paths.
/// Deleted files are left out (there is nothing to check in them).
pub fn changed_files(root: &Path, reference: &str) -> miette::Result<Vec<String>> {
    let top = toplevel(root)?;
    verify(root, reference)?;
    // Plumbing only: `diff-index` compares the ref's tree with the working tree without running
    // textconv or external diff drivers (a stat-dirty file is listed rather than re-hashed).
    let diff = git(
        &top,
        [
            "diff-index",
            "--name-only",
            "-z",
            "--no-renames",
            "--no-textconv",
            "--no-ext-diff",
            reference,
            "--",
        ],
    )?
    .map_err(|why| miette::miette!("`git diff-index {reference}` failed: {why}"))?;
    let untracked = git(&top, ["ls-files", "--others", "--exclude-standard", "-z"])?
        .map_err(|why| miette::miette!("`git ls-files` failed: {why}"))?;
    let top = std::fs::canonicalize(&top).unwrap_or(top);
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut files: Vec<String> = diff
        .split(|b| *b == 0)
        .chain(untracked.split(|b| *b == 0))
        .filter(|p| !p.is_empty())
        .map(|p| top.join(String::from_utf8_lossy(p).as_ref()))
        // Whatever is there, link, FIFO or folder included: a document replaced by a dangling
        // link or a FIFO must stay in scope, where it is an error, not drop out of the report.
        .filter(|p| crate::fsx::exists(p))
        .filter(|p| p.starts_with(&root))
        .map(|p| crate::fsx::relative(&root, &p))
        .collect();
    files.sort();
    files.dedup();
    Ok(files)
}

/// The top folder of the git working tree holding `root`.
fn toplevel(root: &Path) -> miette::Result<PathBuf> {
    match git(root, ["rev-parse", "--show-toplevel"])? {
        Ok(out) => Ok(PathBuf::from(
            String::from_utf8_lossy(&out).trim_end_matches(['\n', '\r']),
        )),
        Err(why) => Err(miette::miette!(
            help = "run smslint inside a git working tree, or give the files to check as arguments",
            "`--changed-since` and `--suppressions-from` need a git repository, and `{}` is not in one ({why})",
            root.display()
        )),
    }
}

/// Check that `reference` names a commit of the repository at `root`.
pub fn verify(root: &Path, reference: &str) -> miette::Result<()> {
    if reference.starts_with('-') || reference.trim().is_empty() {
        return Err(miette::miette!("expected a git ref, got `{reference}`"));
    }
    toplevel(root)?;
    let spec = format!("{reference}^{{commit}}");
    if git(root, ["rev-parse", "--verify", "--quiet", spec.as_str()])?.is_err() {
        return Err(miette::miette!(
            help = "fetch the ref first (`git fetch origin main`), or name a branch, tag or commit that exists here",
            "unknown git ref `{reference}`"
        ));
    }
    Ok(())
}

/// The text of the root-relative file `rel` at `reference` (verified before), or `None` when
/// it does not exist there or cannot be read.
pub fn show(root: &Path, reference: &str, rel: &str) -> Option<String> {
    let spec = format!("{reference}:./{rel}");
    // `cat-file blob` prints the stored bytes: no textconv, no filter.
    let out = git(root, ["cat-file", "blob", spec.as_str()]).ok()?.ok()?;
    String::from_utf8(out).ok()
}
