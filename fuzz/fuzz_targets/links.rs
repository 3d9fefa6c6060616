//! The link resolver: percent-decoding and joining a destination onto a document's folder never
//! panics, and a resolved path never climbs above the root or keeps a `.` or `..` segment.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smslint::checks::links::{percent_decode, resolve};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (base, dest) = text.split_once('\n').unwrap_or(("policies/a", text));
    let decoded = percent_decode(dest);
    if let Some(r) = resolve(base, &decoded) {
        assert!(!r.starts_with('/'), "{r}");
        assert!(r.split('/').all(|s| s != ".." && s != "."), "{r}");
    }
});
