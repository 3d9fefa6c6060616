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
    // The base is a walked folder path: never `.` or `..` segments (an early crash input here
    // was a harness error, kept in fuzz/regressions/links/).
    let base: Vec<&str> = base.split('/').filter(|s| *s != "." && *s != "..").collect();
    let base = base.join("/");
    let decoded = percent_decode(dest);
    if let Some(r) = resolve(&base, &decoded) {
        assert!(!r.starts_with('/'), "{r}");
        assert!(r.split('/').all(|s| s != ".." && s != "."), "{r}");
    }
});
