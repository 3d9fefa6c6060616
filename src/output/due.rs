//! `smslint due --format human|json`: the reviews that are overdue or fall due within the
//! window, by date. (`--format ics` is [`super::ics`].)

use std::io::{self, Write};

use jiff::civil::Date;
use serde::Serialize;

use super::sanitize_line;
use crate::calendar::ReviewEntry;

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    #[serde(serialize_with = "crate::calendar::date_str")]
    today: Date,
    #[serde(serialize_with = "crate::calendar::date_str")]
    until: Date,
    reviews: &'a [ReviewEntry],
}

/// One line per review, then a summary line.
pub fn human(reviews: &[ReviewEntry], today: Date, until: Date, out: &mut dyn Write) -> io::Result<()> {
    if reviews.is_empty() {
        return writeln!(out, "No review is overdue or due by {until}.");
    }
    let id_w = reviews.iter().map(|r| r.id.chars().count()).max().unwrap_or(0);
    for r in reviews {
        let when = if r.overdue {
            format!(
                "overdue by {} day{}",
                -r.days,
                if r.days == -1 { "" } else { "s" }
            )
        } else if r.days == 0 {
            "due today".to_owned()
        } else {
            format!("due in {} day{}", r.days, if r.days == 1 { "" } else { "s" })
        };
        writeln!(
            out,
            "{}  {:<20}  {:<id_w$}  {}  (owner: {}; {})",
            r.due,
            when,
            sanitize_line(&r.id),
            sanitize_line(&r.title),
            sanitize_line(r.owner.as_deref().unwrap_or("none")),
            sanitize_line(&r.path),
        )?;
    }
    let overdue = reviews.iter().filter(|r| r.overdue).count();
    writeln!(
        out,
        "\n{} review{} overdue or due by {until} (today is {today}): {overdue} overdue",
        reviews.len(),
        if reviews.len() == 1 { "" } else { "s" }
    )
}

/// The JSON document.
pub fn json(reviews: &[ReviewEntry], today: Date, until: Date, out: &mut dyn Write) -> io::Result<()> {
    super::write_json(
        &mut *out,
        &Doc {
            version: 1,
            today,
            until,
            reviews,
        },
    )?;
    writeln!(out)
}
