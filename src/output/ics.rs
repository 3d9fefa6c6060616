//! `smslint due --format ics`: the reviews as an iCalendar file (RFC 5545) that an owner can
//! import or subscribe to. One all-day VEVENT per review; its UID is derived from the document
//! id, so a moved review date updates the subscriber's event instead of adding one. Writing,
//! escaping and 75-octet line folding are the `icalendar` crate's.

use std::collections::HashMap;
use std::io::{self, Write};

use icalendar::{Calendar, Component, Event, Property};
use jiff::civil::Date;

use crate::calendar::ReviewEntry;

/// `YYYYMMDD`.
fn ical_date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// Text without control characters, line separators or bidirectional overrides (each becomes
/// a space), as every other format neutralises them. Two colons in a row get a space between
/// them: a folded line starts with a space that a log reader may trim, and no document text may
/// then read as a workflow command (`::error::`).
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev = ' ';
    for c in s.chars() {
        let c = if c.is_control() || super::is_bidi_or_separator(c) {
            ' '
        } else {
            c
        };
        if c == ':' && prev == ':' {
            out.push(' ');
        }
        out.push(c);
        prev = c;
    }
    out
}

/// The UID of a document's review event: its id, lower-cased, with anything but letters,
/// digits, `-`, `_` and `.` replaced by `-`.
pub fn uid(id: &str) -> String {
    format!(
        "review-{}@smslint",
        crate::slug::ascii_name(id.trim(), &['-', '_', '.'])
    )
}

/// Write `reviews` as a calendar stamped with `today`.
pub fn write(reviews: &[ReviewEntry], today: Date, name: &str, out: &mut dyn Write) -> io::Result<()> {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new(
        "PRODID",
        format!("-//smslint//smslint {}//EN", env!("CARGO_PKG_VERSION")),
    ));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.append_property(Property::new("METHOD", "PUBLISH"));
    cal.name(&text(name));
    let stamp = format!("{}T000000Z", ical_date(today));
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in reviews {
        let mut id = uid(&r.id);
        let n = seen.entry(id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            // Duplicate document ids (SMS206) must not merge two reviews into one event.
            id = id.replacen('@', &format!("-{n}@"), 1);
        }
        let end = r.due.tomorrow().unwrap_or(r.due);
        let mut description = format!("Review of {} ({})", text(&r.title), text(&r.path));
        if let Some(o) = &r.owner {
            description.push_str(&format!("\nOwner: {}", text(o)));
        }
        if let Some(a) = &r.approver {
            description.push_str(&format!("\nApprover: {}", text(a)));
        }
        if r.overdue {
            description.push_str(&format!("\nOverdue since {}", r.due));
        }
        let event = Event::new()
            .uid(&id)
            .add_property("DTSTAMP", &stamp)
            .append_property(
                Property::new("DTSTART", ical_date(r.due))
                    .add_parameter("VALUE", "DATE")
                    .done(),
            )
            .append_property(
                Property::new("DTEND", ical_date(end))
                    .add_parameter("VALUE", "DATE")
                    .done(),
            )
            .summary(&format!("Review due: {} {}", text(&r.id), text(&r.title)))
            .description(&description)
            .add_property("TRANSP", "TRANSPARENT")
            .add_property("CATEGORIES", "SMS document review")
            .done();
        cal.push(event);
    }
    // The crate folds a continuation line one octet too long; fold again to RFC 5545 3.1.
    let text = cal.to_string().replace("\r\n ", "");
    for line in text.split_terminator("\r\n") {
        out.write_all(fold(line).as_bytes())?;
    }
    Ok(())
}

/// Fold one content line into lines of at most 75 octets (continuations start with a space),
/// never inside a UTF-8 character, each ended by CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 37 + 2);
    let mut rest = line;
    let mut limit = 75;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return out;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = 74;
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_at_75_octets_on_char_boundaries() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&line);
        for l in folded.split_terminator("\r\n") {
            assert!(l.len() <= 75, "{l}");
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
        assert_eq!(fold("A:b"), "A:b\r\n");
    }
}
