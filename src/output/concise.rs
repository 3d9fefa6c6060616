//! `--format concise`: one line per finding, `path:line:col: CODE message`, then the summary
//! line (left out with `--quiet`); for editors' error lists, `grep` and snapshot tests.
//!
//! A finding on a file without a position is `path: CODE message`, a repository-level finding
//! is `CODE message`: no place is invented for it. With `--show-baselined` the baselined
//! findings follow, each marked `(baselined)`. Paths and messages are neutralised with
//! [`sanitize_line`], so no text from a document can start a line or drive a terminal.

use std::io::{self, Write};

use super::{BaselineState, Style, sanitize_line, shown};
use crate::finding::Finding;
use crate::outcome::Run;

/// The one line of a finding, without a line break.
pub fn line(f: &Finding) -> String {
    let place = match (&f.path, f.position) {
        (Some(p), Some(pos)) => format!("{}:{}:{}: ", sanitize_line(p), pos.line, pos.column),
        (Some(p), None) => format!("{}: ", sanitize_line(p)),
        (None, _) => String::new(),
    };
    format!("{place}{} {}", f.code(), sanitize_line(&f.message))
}

/// Write one line per finding and, unless `style.quiet`, the summary line.
pub fn write(report: &Run<'_>, style: Style, out: &mut dyn Write) -> io::Result<()> {
    for (f, state) in shown(report) {
        let mark = if state == Some(BaselineState::Unchanged) {
            " (baselined)"
        } else {
            ""
        };
        writeln!(out, "{}{mark}", line(f))?;
    }
    if !style.quiet {
        writeln!(out, "{}", super::human::summary_line(report))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::line;
    use crate::finding::{Finding, Position};

    #[test]
    fn places_are_never_invented_and_text_stays_on_its_line() {
        let rule = crate::checks::rules()[0];
        let mut f = Finding::new(rule, "gone\n::error::forged");
        assert_eq!(line(&f), format!("{} gone?::error::forged", rule.code));
        f.path = Some("a\rb.md".to_owned());
        assert_eq!(line(&f), format!("a?b.md: {} gone?::error::forged", rule.code));
        f.position = Some(Position {
            line: 3,
            column: 7,
            end_line: 3,
            end_column: 9,
        });
        assert_eq!(
            line(&f),
            format!("a?b.md:3:7: {} gone?::error::forged", rule.code)
        );
    }
}
