//! Front-matter splitting and YAML parsing: never panics, every span within the text and on
//! char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smslint::document::front_matter::{Split, parse, split};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let src = format!("---\n{text}\n---\n");
    for s in [text, src.as_str()] {
        if let Split::Block { block, yaml, body } = split(s, 0) {
            assert!(block.end <= s.len() && yaml.end <= s.len() && body <= s.len());
            match parse(s, block, yaml) {
                Ok(fm) => {
                    for e in &fm.entries {
                        assert!(s.get(e.key_span.clone()).is_some(), "key span {:?}", e.key_span);
                        assert!(s.get(e.value.span.clone()).is_some(), "value span {:?}", e.value.span);
                    }
                }
                Err(e) => assert!(s.get(e.span.clone()).is_some(), "error span {:?}", e.span),
            }
        }
    }
});
