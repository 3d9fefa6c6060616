//! The whole document pipeline on raw bytes: decode, split, parse front-matter and Markdown.
//! Never panics; every span within the text and on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smslint::document::{Document, decode};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode(data.to_vec()) else {
        return;
    };
    let doc = Document::parse("fuzz.md".to_owned(), &text);
    for s in doc.spans() {
        assert!(text.get(s.clone()).is_some(), "span {s:?} of {}", text.len());
    }
});
