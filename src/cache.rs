//! The incremental cache: the per-document facts of a run (each document's parse, its
//! document-scope findings, line index and fingerprint) kept in one file per repository, so a
//! later run reads and parses only the files that changed. It lives at the edge, next to the
//! workspace reading: [`Cache`] is the [`Recall`] that [`Workspace::load_with`] consults, and
//! the pure core never sees it.
//!
//! A record is used only when a fresh read would give the same thing. The file's status
//! ([`FileStat`]: size, modification and change time, inode) must equal the recorded one and be
//! older than the recorded run by [`RACY`] (git's "racy" rule: an edit in the same clock tick
//! as the run that recorded it cannot be told from the status); otherwise the bytes are read
//! and their hash compared; otherwise the file is parsed again. Every record was made under one
//! [`key`]: smslint's version and build, the effective configuration and packs, the rule
//! selection and the date; another key discards the whole file.
//!
//! The file is untrusted input. It is refused when it is a link or larger than [`MAX_FILE`],
//! and discarded (the run then starts from nothing, which costs time, never changes a result)
//! unless its header (magic, format version, key, body length, XXH3-128 of the header and the
//! body) matches;
//! every record is decoded with bounds checks (postcard: an error, never a panic, each element
//! at least one byte, so decoding is linear in the file). It is written to a temporary file in
//! its folder and renamed over the old one (never through a link), so a concurrent run reads
//! either whole file.
#![allow(clippy::disallowed_methods)] // reads and writes the cache file, at the edge

use std::collections::HashMap;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::config::Config;
use crate::document::Document;
use crate::finding::{Finding, Position, Related, Rule, Severity};
use crate::line_index::LineIndex;
use crate::lint::LintOptions;
use crate::pack::Packs;
use crate::workspace::{FileStat, Fingerprint, Recall, Source};

/// The first bytes of a cache file.
const MAGIC: &[u8; 8] = b"SMSLCACH";

/// The layout of the file and its records; a change to either bumps it (2: a document keeps
/// its link targets and control facts, `Document::link_targets` and `Document::control`).
const FORMAT: u32 = 2;

/// Header length: magic, format, key, run start, body length, body checksum.
const HEADER: usize = 8 + 4 + 16 + 16 + 8 + 16;

/// Largest cache file read or written (a body that would grow past it keeps the records that
/// fit): about ten times what a 10,000-document repository needs.
pub const MAX_FILE: u64 = 512 * 1024 * 1024;

/// How much older than the recorded run a file's status must be for the status alone to show
/// it unchanged, in nanoseconds. File times come from a coarse kernel clock and some file
/// systems keep whole or even seconds, so an edit just after the run started can carry an
/// earlier time than the run's own clock read.
pub const RACY: i128 = 2_000_000_000;

/// The default cache folder: `smslint` in the user's cache folder (`$XDG_CACHE_HOME` or
/// `~/.cache` on Linux, `~/Library/Caches` on macOS, the local app data on Windows).
pub fn default_dir() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join("smslint"))
}

/// The hash every record of a run is made under: what, besides a document's own bytes and
/// path, decides its parse and its document-scope findings.
pub fn key(
    root: &Path,
    config: &Config,
    packs: &Packs,
    today: jiff::civil::Date,
    opts: &LintOptions,
    retain: bool,
) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut put = |bytes: &[u8]| {
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    put(&FORMAT.to_le_bytes());
    put(env!("CARGO_PKG_VERSION").as_bytes());
    // The build: a rebuilt binary of the same version may parse or check differently.
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok())
        .map(|m| FileStat::of(&m));
    put(format!("{exe:?}").as_bytes());
    put(root.as_os_str().as_encoded_bytes());
    // The configuration (its text included) and the packs as loaded: their `Debug` form holds
    // every value the parse and the checks read, in a fixed order.
    put(format!("{config:?}").as_bytes());
    put(format!("{packs:?}").as_bytes());
    put(today.to_string().as_bytes());
    put(format!("{:?}{:?}", opts.select, opts.ignore).as_bytes());
    // Whether the stage kept whole documents or only what the repository checks read.
    put(&[u8::from(retain)]);
    h.digest128()
}

/// What the cache file held when the run started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// No cache file yet.
    Missing,
    /// A valid cache for this run's key.
    Valid,
    /// A cache file that was not used, and why (corrupt, truncated, another version or key, a
    /// link); it is rebuilt.
    Discarded(String),
}

/// What the cache did in a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The cache file.
    pub file: PathBuf,
    /// What it held at the start.
    pub found: Found,
    /// Documents taken from it on their file status alone.
    pub unchanged: usize,
    /// Documents taken from it after their bytes were read and found the same.
    pub same_bytes: usize,
    /// Documents read and parsed afresh.
    pub parsed: usize,
    /// Whether the file was written (`Ok(false)`: nothing had changed), or why it could not be.
    pub written: Result<bool, String>,
}

/// One record of the file as loaded: where its data lies in the file's bytes.
#[derive(Debug)]
struct Old {
    stat: FileStat,
    fingerprint: Fingerprint,
    data: Range<usize>,
}

/// A record's data for the next file: taken over from the loaded file, or encoded now.
#[derive(Debug)]
enum Data {
    Old(Range<usize>),
    New(Vec<u8>),
}

/// One record of the next file.
#[derive(Debug)]
struct New {
    path: String,
    stat: FileStat,
    fingerprint: Fingerprint,
    data: Data,
}

/// The cache of one run: the loaded records, which [`Recall`] hands to the workspace, and the
/// records of this run, which [`Cache::finish`] writes.
#[derive(Debug)]
pub struct Cache {
    file: PathBuf,
    folder: PathBuf,
    root: PathBuf,
    key: u128,
    /// This run's start, nanoseconds since the Unix epoch.
    started: i128,
    /// The loaded file's run start.
    recorded: i128,
    found: Found,
    bytes: Vec<u8>,
    old: HashMap<String, Old>,
    next: Mutex<Vec<New>>,
    changed: AtomicBool,
    unchanged: AtomicUsize,
    same_bytes: AtomicUsize,
    parsed: AtomicUsize,
}

/// Nanoseconds since the Unix epoch now.
fn now() -> i128 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

impl Cache {
    /// Open the cache of the repository at `root` (its canonical path) in `folder`, for a run
    /// under `key`. Call before the workspace is read: the run's start is taken here. Never
    /// fails: a file that cannot be used is [`Found::Discarded`].
    pub fn open(folder: &Path, root: &Path, key: u128) -> Self {
        let started = now();
        let name = format!(
            "{:032x}.bin",
            xxhash_rust::xxh3::xxh3_128(root.as_os_str().as_encoded_bytes())
        );
        let file = folder.join(name);
        let mut cache = Self {
            file,
            folder: folder.to_path_buf(),
            root: root.to_path_buf(),
            key,
            started,
            recorded: 0,
            found: Found::Missing,
            bytes: Vec::new(),
            old: HashMap::new(),
            next: Mutex::new(Vec::new()),
            changed: AtomicBool::new(false),
            unchanged: AtomicUsize::new(0),
            same_bytes: AtomicUsize::new(0),
            parsed: AtomicUsize::new(0),
        };
        match read(&cache.file, key) {
            Ok(None) => {}
            Ok(Some((recorded, bytes, old))) => {
                cache.found = Found::Valid;
                cache.recorded = recorded;
                cache.bytes = bytes;
                cache.old = old;
            }
            Err(why) => cache.found = Found::Discarded(why),
        }
        cache
    }

    /// The record of `rel` decoded, when it is whole and is what it claims to be.
    #[allow(clippy::option_option)] // as `Recall` answers: no record, no document, a source
    fn decode(&self, rel: &str, old: &Old) -> Option<Option<Source>> {
        let stored: Option<Stored> = postcard::from_bytes(&self.bytes[old.data.clone()]).ok()?;
        let source = stored.map(|s| Source {
            doc: s.doc,
            findings: s.findings,
            lines: s.lines,
            fingerprint: s.fingerprint,
        });
        let sound = source
            .as_ref()
            .is_none_or(|s| s.doc.path == rel && s.fingerprint == Some(old.fingerprint));
        sound.then_some(source)
    }

    /// Take `rel`'s record over into the next file with `stat`.
    fn keep(&self, rel: &str, stat: &FileStat, old: &Old) {
        self.push(New {
            path: rel.to_owned(),
            stat: *stat,
            fingerprint: old.fingerprint,
            data: Data::Old(old.data.clone()),
        });
    }

    fn push(&self, record: New) {
        self.next
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(record);
    }

    /// Write the next file when anything changed, and say what the cache did.
    pub fn finish(self) -> Report {
        let next = self
            .next
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let changed = self.changed.load(Ordering::Relaxed)
            || self.found != Found::Valid
            || next.len() != self.old.len();
        let written = if changed {
            write(
                &self.folder,
                &self.root,
                &self.file,
                self.key,
                self.started,
                &self.bytes,
                next,
            )
            .map(|()| true)
        } else {
            Ok(false)
        };
        Report {
            file: self.file,
            found: self.found,
            unchanged: self.unchanged.into_inner(),
            same_bytes: self.same_bytes.into_inner(),
            parsed: self.parsed.into_inner(),
            written,
        }
    }
}

#[allow(clippy::option_option)] // see `Recall`
impl Recall for Cache {
    fn unchanged(&self, rel: &str, stat: &FileStat) -> Option<Option<Source>> {
        let old = self.old.get(rel)?;
        if old.stat != *stat || stat.newest() >= self.recorded - RACY {
            return None;
        }
        let source = self.decode(rel, old)?;
        self.unchanged.fetch_add(1, Ordering::Relaxed);
        self.keep(rel, stat, old);
        Some(source)
    }

    fn same_bytes(&self, rel: &str, stat: &FileStat, fingerprint: Fingerprint) -> Option<Option<Source>> {
        let old = self.old.get(rel).filter(|o| o.fingerprint == fingerprint)?;
        let source = self.decode(rel, old)?;
        self.same_bytes.fetch_add(1, Ordering::Relaxed);
        self.changed.store(true, Ordering::Relaxed);
        self.keep(rel, stat, old);
        Some(source)
    }

    fn record(&self, rel: &str, stat: &FileStat, fingerprint: Fingerprint, source: Option<&Source>) {
        self.parsed.fetch_add(1, Ordering::Relaxed);
        self.changed.store(true, Ordering::Relaxed);
        let stored = source.map(|s| StoredRef {
            doc: &s.doc,
            findings: &s.findings,
            lines: &s.lines,
            fingerprint: &s.fingerprint,
        });
        let Ok(data) = postcard::to_allocvec(&stored) else {
            return;
        };
        self.push(New {
            path: rel.to_owned(),
            stat: *stat,
            fingerprint,
            data: Data::New(data),
        });
    }
}

/// A loaded file: its run start, its bytes, and its records by path.
type Loaded = (i128, Vec<u8>, HashMap<String, Old>);

/// Read and check the cache file: `Ok(None)` when there is none, an error naming what is wrong
/// with one that cannot be used.
fn read(file: &Path, key: u128) -> Result<Option<Loaded>, String> {
    match std::fs::symlink_metadata(file) {
        Err(_) => return Ok(None),
        Ok(m) if !m.file_type().is_file() => {
            return Err("the cache file is not a regular file (a link is never followed)".to_owned());
        }
        Ok(_) => {}
    }
    let bytes =
        crate::fsx::read_inside(file, None, MAX_FILE).map_err(|why| format!("the cache file {why}"))?;
    let field = |at: usize, len: usize| bytes.get(at..at + len);
    let le128 = |at: usize| field(at, 16).map(|b| u128::from_le_bytes(b.try_into().unwrap_or([0; 16])));
    if field(0, 8) != Some(MAGIC.as_slice()) {
        return Err("not a cache file (no magic number)".to_owned());
    }
    let format = field(8, 4).map(|b| u32::from_le_bytes(b.try_into().unwrap_or([0; 4])));
    if format != Some(FORMAT) {
        return Err(format!("written in another format ({format:?})"));
    }
    if le128(12) != Some(key) {
        return Err("written by another version, configuration, pack set, selection or date".to_owned());
    }
    let recorded = le128(28).map_or(0, |v| v as i128);
    let body_len = field(44, 8).map(|b| u64::from_le_bytes(b.try_into().unwrap_or([0; 8])));
    let checksum = le128(52);
    if body_len != Some((bytes.len() - HEADER.min(bytes.len())) as u64) || bytes.len() < HEADER {
        return Err("truncated or extended".to_owned());
    }
    if checksum != Some(checksum_of(&bytes[..HEADER - 16], &bytes[HEADER..])) {
        return Err("its checksum does not match (corrupt, or written over)".to_owned());
    }
    let old = records(&bytes).ok_or_else(|| "its records do not decode".to_owned())?;
    Ok(Some((recorded, bytes, old)))
}

/// The checksum of a file: XXH3-128 of its header before the checksum, then its body.
fn checksum_of(head: &[u8], body: &[u8]) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(head);
    h.update(body);
    h.digest128()
}

/// The records of a checked cache file's body, `None` when one does not decode.
fn records(bytes: &[u8]) -> Option<HashMap<String, Old>> {
    let mut out = HashMap::new();
    let mut rest = &bytes[HEADER..];
    while !rest.is_empty() {
        let (head, after): (RecordHead, &[u8]) = postcard::take_from_bytes(rest).ok()?;
        let len = usize::try_from(head.len).ok().filter(|&l| l <= after.len())?;
        let start = bytes.len() - after.len();
        out.insert(
            head.path,
            Old {
                stat: head.stat,
                fingerprint: head.fingerprint,
                data: start..start + len,
            },
        );
        rest = &after[len..];
    }
    Some(out)
}

/// Write `next` to `file` in `folder`: a temporary file there renamed over the old one. The
/// folder is refused when it is a link, or when a folder on the way to it inside the repository
/// at `root` is (a pull request can commit one).
fn write(
    folder: &Path,
    root: &Path,
    file: &Path,
    key: u128,
    started: i128,
    old: &[u8],
    mut next: Vec<New>,
) -> Result<(), String> {
    // A relative `--cache-dir` is taken from the working folder, and a link on the way counts
    // when it sits inside the repository, however the path to it was spelled.
    let folder = &std::path::absolute(folder).map_err(|e| e.to_string())?;
    let in_repository = |a: &Path| {
        a.parent()
            .and_then(|p| std::fs::canonicalize(p).ok())
            .is_some_and(|p| p.starts_with(root))
    };
    for a in folder.ancestors() {
        if std::fs::symlink_metadata(a).is_ok_and(|m| m.file_type().is_symlink())
            && (a == folder || a.starts_with(root) || in_repository(a))
        {
            return Err(format!(
                "`{}` is a symbolic link; smslint never writes through a link",
                crate::neutral::sanitize_line(&a.to_string_lossy())
            ));
        }
    }
    std::fs::create_dir_all(folder).map_err(|e| e.to_string())?;
    next.sort_by(|a, b| a.path.cmp(&b.path));
    let mut body = Vec::new();
    for r in &next {
        let data = match &r.data {
            Data::Old(range) => &old[range.clone()],
            Data::New(bytes) => bytes.as_slice(),
        };
        let head = RecordHeadRef {
            path: &r.path,
            stat: r.stat,
            fingerprint: r.fingerprint,
            len: data.len() as u64,
        };
        let before = body.len();
        postcard::to_io(&head, &mut body).map_err(|e| e.to_string())?;
        if (HEADER + body.len() + data.len()) as u64 > MAX_FILE {
            body.truncate(before);
            break;
        }
        body.extend_from_slice(data);
    }
    let mut out = Vec::with_capacity(HEADER + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&key.to_le_bytes());
    out.extend_from_slice(&started.to_le_bytes());
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    let checksum = checksum_of(&out, &body);
    out.extend_from_slice(&checksum.to_le_bytes());
    out.extend_from_slice(&body);
    // A private temporary file (0600) in the same folder, renamed over the old file: rename(2)
    // replaces a link planted at the target rather than following it.
    let mut tmp = tempfile::Builder::new()
        .prefix(".smslint-cache-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(|e| e.to_string())?;
    tmp.write_all(&out).map_err(|e| e.to_string())?;
    tmp.persist(file).map_err(|e| e.error.to_string())?;
    Ok(())
}

/// The head of a record: the path, what its file's status and bytes were, and the length of
/// the encoded [`Stored`] that follows.
#[derive(Deserialize)]
struct RecordHead {
    path: String,
    stat: FileStat,
    fingerprint: Fingerprint,
    len: u64,
}

/// [`RecordHead`] for writing.
#[derive(Serialize)]
struct RecordHeadRef<'a> {
    path: &'a str,
    stat: FileStat,
    fingerprint: Fingerprint,
    len: u64,
}

/// A [`Source`] as stored.
#[derive(Deserialize)]
struct Stored {
    doc: Document,
    #[serde(deserialize_with = "findings_de")]
    findings: Vec<Finding>,
    lines: Option<LineIndex>,
    fingerprint: Option<Fingerprint>,
}

/// [`Stored`] for writing.
#[derive(Serialize)]
struct StoredRef<'a> {
    doc: &'a Document,
    #[serde(serialize_with = "findings_ser")]
    findings: &'a [Finding],
    lines: &'a Option<LineIndex>,
    fingerprint: &'a Option<Fingerprint>,
}

/// A [`Finding`] as stored: every field, the rule by its code (read back from the check
/// registry's table; a code this build does not know fails the record).
#[derive(Serialize, Deserialize)]
#[serde(remote = "Finding")]
struct FindingDef {
    #[serde(with = "rule_code")]
    rule: &'static Rule,
    severity: Severity,
    path: Option<String>,
    span: Option<Range<usize>>,
    position: Option<Position>,
    clause: Option<String>,
    message: String,
    help: Option<String>,
    subject: Option<String>,
    related: Vec<Related>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `serialize_with` signature
fn findings_ser<S: Serializer>(findings: &&[Finding], s: S) -> Result<S::Ok, S::Error> {
    struct One<'a>(&'a Finding);
    impl Serialize for One<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            FindingDef::serialize(self.0, s)
        }
    }
    s.collect_seq(findings.iter().map(One))
}

fn findings_de<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Finding>, D::Error> {
    #[derive(Deserialize)]
    struct One(#[serde(with = "FindingDef")] Finding);
    Ok(Vec::<One>::deserialize(d)?.into_iter().map(|o| o.0).collect())
}

/// Serde of a rule as its code.
mod rule_code {
    use super::Rule;
    use serde::{Deserialize, Deserializer, Serializer};

    #[allow(clippy::trivially_copy_pass_by_ref)] // serde's `with` signature
    pub(super) fn serialize<S: Serializer>(rule: &&'static Rule, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(rule.code)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<&'static Rule, D::Error> {
        static TABLE: std::sync::LazyLock<Vec<&'static Rule>> =
            std::sync::LazyLock::new(crate::checks::rules);
        let code = <&str>::deserialize(d)?;
        TABLE
            .binary_search_by(|r| r.code.cmp(code))
            .map(|i| TABLE[i])
            .map_err(|_| serde::de::Error::custom("unknown rule code"))
    }
}
