//! The one place smslint runs `git`: listing the files changed since a ref for
//! `--changed-since`. Part of the edge (it runs a process), never called by checks.
#![allow(clippy::disallowed_methods)] // runs git for --changed-since and --suppressions-from

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::GitError;

/// Run `git -C dir args…`; returns stdout, or git's trimmed stderr as the error.
fn git<I, S>(dir: &Path, args: I) -> Result<Result<Vec<u8>, String>, GitError>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(dir);
    hardened(&mut cmd, dir);
    let out = cmd.args(args).output().map_err(GitError::NotRunnable)?;
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
pub fn changed_files(root: &Path, reference: &str) -> Result<Vec<String>, GitError> {
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
    .map_err(|why| GitError::Failed {
        command: format!("git diff-index {reference}"),
        why,
    })?;
    let untracked =
        git(&top, ["ls-files", "--others", "--exclude-standard", "-z"])?.map_err(|why| GitError::Failed {
            command: "git ls-files".to_owned(),
            why,
        })?;
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
fn toplevel(root: &Path) -> Result<PathBuf, GitError> {
    match git(root, ["rev-parse", "--show-toplevel"])? {
        Ok(out) => Ok(PathBuf::from(
            String::from_utf8_lossy(&out).trim_end_matches(['\n', '\r']),
        )),
        Err(why) => Err(GitError::NotARepository {
            root: root.display().to_string(),
            why,
        }),
    }
}

/// Check that `reference` names a commit of the repository at `root`.
pub fn verify(root: &Path, reference: &str) -> Result<(), GitError> {
    if reference.starts_with('-') || reference.trim().is_empty() {
        return Err(GitError::NotARef(reference.to_owned()));
    }
    toplevel(root)?;
    let spec = format!("{reference}^{{commit}}");
    if git(root, ["rev-parse", "--verify", "--quiet", spec.as_str()])?.is_err() {
        return Err(GitError::UnknownRef(reference.to_owned()));
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

/// What a path names in a git revision, as `git ls-tree` records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A regular file (mode 100644 or 100755) of this many bytes.
    File(u64),
    /// A folder, with the names of the regular files and others it holds (direct children).
    Folder(Vec<(String, Entry)>),
    /// A symbolic link (mode 120000): its target is never followed.
    Link,
    /// A submodule (a commit) or anything else that is not a file.
    Other,
}

/// Largest listing read from `git ls-tree` (a folder of packs holds a handful of files).
const MAX_LISTING: usize = 4 << 20;

/// What the root-relative `rel` is at `reference` (verified before); `None` when nothing is
/// there. A folder's direct children are listed, never its subfolders' contents. Reads the
/// tree with `ls-tree` only: no checkout, no filter, nothing the repository configures runs.
pub fn entry(root: &Path, reference: &str, rel: &str) -> Result<Option<Entry>, GitError> {
    let rel = rel.trim_end_matches('/');
    let list = |spec: &str| -> Result<Vec<(String, Entry)>, GitError> {
        let args = [
            "--literal-pathspecs",
            "ls-tree",
            "-l",
            "-z",
            "--full-tree",
            reference,
            "--",
            spec,
        ];
        let out = git(root, args)?.map_err(|why| GitError::Failed {
            command: format!("git ls-tree {reference}"),
            why,
        })?;
        Ok(parse_listing(&out[..out.len().min(MAX_LISTING)]))
    };
    let top = toplevel(root)?;
    let root_real = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let top_real = std::fs::canonicalize(&top).unwrap_or(top);
    // ls-tree with --full-tree takes paths from the top of the repository.
    let prefix = crate::fsx::relative(&top_real, &root_real);
    let full = if prefix.is_empty() {
        rel.to_owned()
    } else if rel.is_empty() {
        prefix.clone()
    } else {
        format!("{prefix}/{rel}")
    };
    if full.is_empty() {
        return Ok(Some(Entry::Folder(list("")?)));
    }
    let Some((_, found)) = list(&full)?.into_iter().find(|(p, _)| *p == full) else {
        return Ok(None);
    };
    Ok(Some(match found {
        Entry::Folder(_) => {
            let children = list(&format!("{full}/"))?
                .into_iter()
                .filter_map(|(p, e)| p.strip_prefix(&format!("{full}/")).map(|n| (n.to_owned(), e)))
                .collect();
            Entry::Folder(children)
        }
        e => e,
    }))
}

/// `<mode> <type> <object> <size>\t<path>` records, NUL-separated, as `ls-tree -l -z` prints
/// them; a folder's listing is left empty here.
fn parse_listing(out: &[u8]) -> Vec<(String, Entry)> {
    out.split(|b| *b == 0)
        .filter_map(|rec| {
            let tab = rec.iter().position(|b| *b == b'\t')?;
            let head = String::from_utf8_lossy(&rec[..tab]);
            let path = String::from_utf8_lossy(&rec[tab + 1..]).into_owned();
            let mut f = head.split_ascii_whitespace();
            let (mode, kind, _object, size) = (f.next()?, f.next()?, f.next()?, f.next()?);
            let e = match (mode, kind) {
                ("100644" | "100755", "blob") => Entry::File(size.parse().ok()?),
                ("120000", _) => Entry::Link,
                ("040000", "tree") => Entry::Folder(Vec::new()),
                _ => Entry::Other,
            };
            Some((path, e))
        })
        .collect()
}

/// Why a file at a revision was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// Nothing is there.
    Missing,
    /// Something is there, but not a regular file of at most the cap (said why, for a message).
    Refused(String),
}

/// The bytes of the root-relative regular file `rel` at `reference` (verified before), read
/// under the rules for files a pull request controls: a symbolic link is not followed, a
/// folder or submodule is not a file, and a file above `max` bytes is not read at all.
pub fn read_file(root: &Path, reference: &str, rel: &str, max: u64) -> Result<Vec<u8>, Unread> {
    match entry(root, reference, rel) {
        Ok(None) => Err(Unread::Missing),
        Err(e) => Err(Unread::Refused(e.to_string())),
        Ok(Some(Entry::File(size))) if size > max => Err(Unread::Refused(format!(
            "is {size} bytes at `{reference}`, more than the limit of {max}"
        ))),
        Ok(Some(Entry::File(_))) => {
            let spec = format!("{reference}:./{rel}");
            match git(root, ["cat-file", "blob", spec.as_str()]) {
                Ok(Ok(bytes)) if bytes.len() as u64 <= max => Ok(bytes),
                Ok(Ok(_)) => Err(Unread::Refused(format!(
                    "is more than {max} bytes at `{reference}`"
                ))),
                Ok(Err(why)) => Err(Unread::Refused(why)),
                Err(e) => Err(Unread::Refused(e.to_string())),
            }
        }
        Ok(Some(Entry::Link)) => Err(Unread::Refused(format!(
            "is a symbolic link at `{reference}` (links are not followed)"
        ))),
        Ok(Some(Entry::Folder(_))) => Err(Unread::Refused(format!("is a folder at `{reference}`"))),
        Ok(Some(Entry::Other)) => Err(Unread::Refused(format!(
            "is not a regular file at `{reference}` (a submodule?)"
        ))),
    }
}
