//! The config loader on any text: a configuration or a `ConfigError`, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smslint::config::Config;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Config::parse(
            "smslint.toml",
            text.into(),
            std::path::Path::new("."),
            &smslint::checks::rules(),
        );
    }
});
