//! `smslint report --format json`: the gap analysis as one JSON document (shape documented in
//! the README; keys may be added in later versions, never removed).

use std::io::{self, Write};

use crate::gap::GapReport;

/// Write the report followed by a newline.
pub fn write(g: &GapReport, out: &mut dyn Write) -> io::Result<()> {
    super::write_json(&mut *out, g)?;
    writeln!(out)
}
