//! The complete example repository stays clean, and the README's first command works.

use crate::common;

use common::{TODAY, check_json, codes, fixtures, run};

#[test]
fn acme_is_clean() {
    let dir = fixtures().join("acme-sms");
    let (code, out, err) = run(&["check", &dir.to_string_lossy(), "--today", TODAY], None);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("0 errors, 0 warnings in"), "{out}");
    let (_, json, _) = check_json(&dir, &[]);
    assert_eq!(codes(&json), Vec::<String>::new());
}

#[test]
fn acme_has_at_least_twenty_documents() {
    let dir = fixtures().join("acme-sms");
    let (_, json, _) = check_json(&dir, &[]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["summary"]["documents"].as_u64().unwrap() >= 20);
}
