//! Reading and writing the few files smslint handles besides documents (the baseline, the
//! configuration `adopt --write` proposes) under the house rules for untrusted paths: read only
//! regular files, with a size cap, never through a symbolic link; write to a temporary file in
//! the target folder and rename it into place, never through a symbolic link.
//!
//! Kept small and separate so that it can be unified with the other safe-read helpers.

use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

/// Read `path` as UTF-8 text of at most `cap` bytes. Refuses a symbolic link (as the final
/// component), anything but a regular file (a FIFO, a device, a folder), a larger file, and
/// text that is not UTF-8.
pub fn read_regular_capped(path: &Path, cap: u64) -> io::Result<String> {
    let meta = fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() {
        return Err(io::Error::other(
            "it is a symbolic link, which smslint does not follow",
        ));
    }
    if !meta.is_file() {
        return Err(io::Error::other("it is not a regular file"));
    }
    if meta.len() > cap {
        return Err(io::Error::other(format!(
            "it is larger than {cap} bytes ({} bytes)",
            meta.len()
        )));
    }
    let file = open_no_follow(path)?;
    // The file may have grown since it was measured: never read past the cap.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(io::Error::other(format!("it is larger than {cap} bytes")));
    }
    String::from_utf8(bytes).map_err(|_| io::Error::other("it is not valid UTF-8"))
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NOFOLLOW | O_NONBLOCK: a link swapped in after the check fails to open, and a FIFO
    // swapped in does not block the run.
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .and_then(|f| {
            if f.metadata()?.is_file() {
                Ok(f)
            } else {
                Err(io::Error::other("it is not a regular file"))
            }
        })
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    fs::File::open(path)
}

/// How [`write_atomic`] treats an existing file at the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Replace it (it must be a regular file, not a link).
    Replace,
    /// Refuse: the target must not exist.
    Keep,
}

/// Write `bytes` to `path`: into a new temporary file in the same folder, then renamed over the
/// target, so a reader never sees half a file and a symbolic link at `path` is never written
/// through. Refuses when `path` is a symbolic link or not a regular file, and with
/// [`Existing::Keep`] when it exists at all.
pub fn write_atomic(path: &Path, bytes: &[u8], existing: Existing) -> io::Result<()> {
    let mut permissions = None;
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(io::Error::other(
                "it is a symbolic link; smslint never writes through one",
            ));
        }
        Ok(_) if existing == Existing::Keep => {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "it already exists; smslint never overwrites it",
            ));
        }
        Ok(m) if !m.is_file() => return Err(io::Error::other("it is not a regular file")),
        Ok(m) => permissions = Some(m.permissions()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".smslint-").suffix(".tmp");
    // A temporary file is private (0600); the result keeps the replaced file's mode, or gets
    // the usual one for a file meant to be committed and read by others.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(permissions.unwrap_or_else(|| fs::Permissions::from_mode(0o644)));
    }
    #[cfg(not(unix))]
    if let Some(p) = permissions {
        builder.permissions(p);
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    match existing {
        // `persist_noclobber` fails when the target appeared meanwhile (link or file).
        Existing::Keep => tmp.persist_noclobber(path).map_err(|e| e.error)?,
        // `rename(2)` replaces a link at the target rather than following it.
        Existing::Replace => tmp.persist(path).map_err(|e| e.error)?,
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Existing, read_regular_capped, write_atomic};

    #[test]
    fn reads_regular_files_under_the_cap_only() {
        let tmp = tempfile::tempdir().unwrap();
        let f = tmp.path().join("a.json");
        std::fs::write(&f, "hello").unwrap();
        assert_eq!(read_regular_capped(&f, 5).unwrap(), "hello");
        assert!(
            read_regular_capped(&f, 4)
                .unwrap_err()
                .to_string()
                .contains("larger")
        );
        assert!(read_regular_capped(tmp.path(), 5).is_err());
        #[cfg(unix)]
        {
            let link = tmp.path().join("link.json");
            std::os::unix::fs::symlink(&f, &link).unwrap();
            let e = read_regular_capped(&link, 100).unwrap_err().to_string();
            assert!(e.contains("symbolic link"), "{e}");
        }
    }

    #[test]
    fn writes_replace_files_but_never_links() {
        let tmp = tempfile::tempdir().unwrap();
        let f = tmp.path().join("out.json");
        write_atomic(&f, b"one", Existing::Replace).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&f), 0o644);
            std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o640)).unwrap();
            write_atomic(&f, b"two", Existing::Replace).unwrap();
            assert_eq!(mode(&f), 0o640, "the replaced file's mode is kept");
        }
        write_atomic(&f, b"two", Existing::Replace).unwrap();
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "two");
        let e = write_atomic(&f, b"three", Existing::Keep).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "two");
        #[cfg(unix)]
        {
            let victim = tmp.path().join("victim");
            std::fs::write(&victim, "keep").unwrap();
            let link = tmp.path().join("link.json");
            std::os::unix::fs::symlink(&victim, &link).unwrap();
            assert!(write_atomic(&link, b"x", Existing::Replace).is_err());
            assert!(write_atomic(&link, b"x", Existing::Keep).is_err());
            assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        }
        let left: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "temporary files left behind");
    }
}
