//! The two ways smslint touches files besides walking documents, each with the rules of
//! SECURITY.md built in, so that no reader or writer can forget one:
//!
//! - [`read_inside`] for every file that is read but not walked as a document (CODEOWNERS,
//!   `smslint.toml`, pack files, and any later reader): regular files only, no link that leads
//!   out of its base folder, a size cap, and opened so that a FIFO or device cannot block.
//! - [`write_file`] for every output file (`--output`, `FORMAT=FILE`, `report -o`): never
//!   through a symbolic link, and written to a temporary file in the target folder that is then
//!   renamed over the target, so a link planted at the last moment is replaced, not followed.
#![allow(clippy::disallowed_methods)] // the one reader and writer of files besides walked documents

use std::fmt;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Size limit for configuration, packs and CODEOWNERS: far above any real one.
pub const MAX_SIDE_FILE: u64 = 4 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing is there (no file, or a dangling link).
    Missing,
    /// The path is a symbolic link (or goes through one) that leads out of the base folder.
    LinkOutside,
    /// The path is not a regular file: a folder, a FIFO, a socket or a device.
    NotRegular(&'static str),
    /// Larger than the limit.
    TooLarge(u64),
    /// The file could not be read.
    Io(String),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Missing => f.write_str("does not exist"),
            Refusal::LinkOutside => {
                f.write_str("is a symbolic link (or lies behind one) leading out of the repository")
            }
            Refusal::NotRegular(kind) => write!(f, "is {kind}, not a regular file"),
            Refusal::TooLarge(limit) => write!(f, "is larger than {limit} bytes"),
            Refusal::Io(e) => write!(f, "cannot be read: {e}"),
        }
    }
}

fn kind_of(ft: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    if ft.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Whether a regular file (not a link to one, not anything else) is at `path`.
pub fn is_regular(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file())
}

/// Whether anything (a file, folder, link, even a dangling one) is at `path`.
pub fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Read the file at `path`, following symbolic links only while they stay inside `base` (no
/// containment check when `base` is `None`, for a path the user typed), refusing anything but
/// a regular file and anything over `limit` bytes.
pub fn read_inside(path: &Path, base: Option<&Path>, limit: u64) -> Result<Vec<u8>, Refusal> {
    if std::fs::symlink_metadata(path).is_err() {
        return Err(Refusal::Missing);
    }
    let real = std::fs::canonicalize(path).map_err(|_| Refusal::Missing)?;
    if let Some(base) = base {
        let base = std::fs::canonicalize(base).map_err(|e| Refusal::Io(e.to_string()))?;
        if !real.starts_with(&base) {
            return Err(Refusal::LinkOutside);
        }
    }
    let meta = std::fs::metadata(&real).map_err(|e| Refusal::Io(e.to_string()))?;
    if !meta.file_type().is_file() {
        return Err(Refusal::NotRegular(kind_of(meta.file_type())));
    }
    if meta.len() > limit {
        return Err(Refusal::TooLarge(limit));
    }
    let file = open_no_follow(&real).map_err(|e| Refusal::Io(e.to_string()))?;
    // The file may have been swapped between the checks and the open: check what was opened.
    let opened = file.metadata().map_err(|e| Refusal::Io(e.to_string()))?;
    if !opened.file_type().is_file() {
        return Err(Refusal::NotRegular(kind_of(opened.file_type())));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Refusal::Io(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(Refusal::TooLarge(limit));
    }
    Ok(bytes)
}

/// Open for reading without following a final symbolic link and without blocking on a FIFO.
fn open_no_follow(path: &Path) -> io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC);
    }
    o.open(path)
}

/// Refuse `path` as an output target when it is a symbolic link, is not a regular file, or a
/// folder on the way to it is a symbolic link that sits inside `root` (a pull request can
/// commit one) and leads out of it. Returns the real folder to write in.
fn writable_folder(path: &Path, root: &Path) -> io::Result<PathBuf> {
    let refuse = |why: String| io::Error::new(io::ErrorKind::PermissionDenied, why);
    if let Ok(m) = std::fs::symlink_metadata(path) {
        if m.file_type().is_symlink() {
            return Err(refuse(
                "it is a symbolic link; smslint never writes through a link".into(),
            ));
        }
        if !m.file_type().is_file() {
            return Err(refuse(format!("it is {}", kind_of(m.file_type()))));
        }
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    for a in parent.ancestors().filter(|a| !a.as_os_str().is_empty()) {
        let Ok(m) = std::fs::symlink_metadata(a) else {
            continue;
        };
        if !m.file_type().is_symlink() {
            continue;
        }
        let holder = a
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let inside_repo = std::fs::canonicalize(holder).is_ok_and(|h| h.starts_with(&root));
        let leads_inside = std::fs::canonicalize(a).is_ok_and(|t| t.starts_with(&root));
        if inside_repo && !leads_inside {
            return Err(refuse(format!(
                "`{}` is a symbolic link out of the repository; smslint never writes through a link",
                a.display()
            )));
        }
    }
    std::fs::canonicalize(&parent)
}

/// How [`write_file`] and [`create_file`] treat a file already at the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Existing {
    /// Replace it (it must be a regular file, not a link); its mode is kept.
    Replace,
    /// Refuse: nothing may be at the target.
    Keep,
}

/// Write an output file: `fill` writes the content into a temporary file in the target's
/// folder, which then replaces `path` (see [`writable_folder`] for what is refused). A replaced
/// file keeps its mode; a new one gets 0644, as a file meant to be committed.
pub fn write_file(
    path: &Path,
    root: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    write_with(path, root, Existing::Replace, fill)
}

/// Like [`write_file`], but refuse when anything (a file, a link) is already at `path`, also
/// when it appears while the content is written: smslint never overwrites a file it proposes.
pub fn create_file(
    path: &Path,
    root: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    write_with(path, root, Existing::Keep, fill)
}

fn write_with(
    path: &Path,
    root: &Path,
    existing: Existing,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    if existing == Existing::Keep && exists(path) {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "it already exists; smslint never overwrites it",
        ));
    }
    let folder = writable_folder(path, root)?;
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let kept = std::fs::symlink_metadata(path).ok().map(|m| m.permissions());
    let tmp = tempfile::Builder::new()
        .prefix(".smslint-")
        .suffix(".tmp")
        .tempfile_in(&folder)?;
    {
        let mut w = io::BufWriter::new(tmp.as_file());
        fill(&mut w)?;
        w.flush()?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A temporary file is private (0600); the result keeps the replaced file's mode.
        tmp.as_file()
            .set_permissions(kept.unwrap_or_else(|| std::fs::Permissions::from_mode(0o644)))?;
    }
    #[cfg(not(unix))]
    if let Some(p) = kept {
        tmp.as_file().set_permissions(p)?;
    }
    let target = folder.join(name);
    match existing {
        // `persist_noclobber` fails when the target appeared meanwhile (a link or a file).
        Existing::Keep => tmp.persist_noclobber(target).map_err(|e| e.error)?,
        // `rename(2)` replaces a link planted at the target rather than following it.
        Existing::Replace => tmp.persist(target).map_err(|e| e.error)?,
    };
    Ok(())
}

/// Refuse to create files under `dir` through a symbolic link: `rel`'s folders (relative to
/// `dir`) must be real folders, not links.
pub fn no_link_below(dir: &Path, rel: &Path) -> io::Result<()> {
    let mut at = dir.to_path_buf();
    for c in rel.parent().into_iter().flat_map(Path::components) {
        at.push(c);
        if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "`{}` is a symbolic link; smslint never creates files through a link",
                    at.display()
                ),
            ));
        }
    }
    Ok(())
}

/// Refuse `dir` as a folder to create files in when it, or a folder on the way to it that lies
/// below `cwd`, is a symbolic link (`init policies` where `policies` is a committed link to
/// `~/.ssh`, or `init policies/new` through it). Folders above `cwd` are the user's own.
pub fn no_linked_folder(cwd: &Path, dir: &Path) -> io::Result<()> {
    let abs = if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        cwd.join(dir)
    };
    for a in abs.ancestors() {
        if cwd.starts_with(a) && a != abs {
            break;
        }
        if (a == abs || a.starts_with(cwd))
            && std::fs::symlink_metadata(a).is_ok_and(|m| m.file_type().is_symlink())
        {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "`{}` is a symbolic link; smslint never creates files through a link",
                    crate::neutral::sanitize_line(&a.to_string_lossy())
                ),
            ));
        }
    }
    Ok(())
}

/// Root-relative `/`-separated form of `path`.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s = rel.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        s.into_owned()
    } else {
        s.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_regular_files_and_refuses_the_rest() {
        let tmp = tempfile::tempdir().unwrap();
        let f = tmp.path().join("a.toml");
        std::fs::write(&f, "x = 1").unwrap();
        assert_eq!(read_inside(&f, Some(tmp.path()), 10).unwrap(), b"x = 1");
        assert_eq!(read_inside(&f, Some(tmp.path()), 2), Err(Refusal::TooLarge(2)));
        assert_eq!(
            read_inside(tmp.path(), None, 10),
            Err(Refusal::NotRegular("a folder"))
        );
        assert_eq!(
            read_inside(&tmp.path().join("none"), None, 10),
            Err(Refusal::Missing)
        );
        #[cfg(unix)]
        {
            let l = tmp.path().join("l");
            std::os::unix::fs::symlink("/etc/hostname", &l).unwrap();
            assert_eq!(read_inside(&l, Some(tmp.path()), 100), Err(Refusal::LinkOutside));
            let d = tmp.path().join("zero");
            std::os::unix::fs::symlink("/dev/zero", &d).unwrap();
            assert_eq!(read_inside(&d, None, 100), Err(Refusal::NotRegular("a device")));
        }
    }

    #[test]
    fn writes_replace_and_never_follow() {
        let tmp = tempfile::tempdir().unwrap();
        let f = tmp.path().join("out.txt");
        write_file(&f, tmp.path(), |w| w.write_all(b"one")).unwrap();
        write_file(&f, tmp.path(), |w| w.write_all(b"two")).unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"two");
        #[cfg(unix)]
        {
            let victim = tmp.path().join("victim");
            std::fs::write(&victim, "keep").unwrap();
            let l = tmp.path().join("link");
            std::os::unix::fs::symlink(&victim, &l).unwrap();
            assert!(write_file(&l, tmp.path(), |w| w.write_all(b"x")).is_err());
            assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        }
    }

    #[test]
    fn writes_keep_the_mode_and_create_never_overwrites() {
        let tmp = tempfile::tempdir().unwrap();
        let f = tmp.path().join("out.json");
        write_file(&f, tmp.path(), |w| w.write_all(b"one")).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&f), 0o644);
            std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o640)).unwrap();
            write_file(&f, tmp.path(), |w| w.write_all(b"two")).unwrap();
            assert_eq!(mode(&f), 0o640, "the replaced file's mode is kept");
        }
        let e = create_file(&f, tmp.path(), |w| w.write_all(b"three")).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "two");
        let g = tmp.path().join("new.toml");
        create_file(&g, tmp.path(), |w| w.write_all(b"x = 1")).unwrap();
        assert_eq!(std::fs::read_to_string(&g).unwrap(), "x = 1");
        #[cfg(unix)]
        {
            let victim = tmp.path().join("victim");
            std::fs::write(&victim, "keep").unwrap();
            let link = tmp.path().join("link.toml");
            std::os::unix::fs::symlink(&victim, &link).unwrap();
            assert!(create_file(&link, tmp.path(), |w| w.write_all(b"x")).is_err());
            assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        }
        let left = std::fs::read_dir(tmp.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .count();
        assert_eq!(left, 0, "temporary files left behind");
    }
}
