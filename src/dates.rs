//! Dates and durations as authors write them: `YYYY-MM-DD` dates and one duration grammar
//! (`12 months`, `1 year`, `30d`, `6m`, …) used for review cycles, warning windows and `due`.

use jiff::ToSpan;
use jiff::civil::Date;

/// A calendar duration. Months and years clamp to the month's end (2026-01-31 + 1 month =
/// 2026-02-28).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duration {
    /// Days.
    Days(i64),
    /// Weeks.
    Weeks(i64),
    /// Months.
    Months(i64),
    /// Years.
    Years(i64),
}

impl Duration {
    /// Parse `N day(s)|week(s)|month(s)|year(s)` or `Nd|Nw|Nm|Ny` (case and blanks ignored).
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim().to_ascii_lowercase();
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        let (num, unit) = t.split_at(digits);
        let n: i64 = num
            .parse()
            .map_err(|_| format!("`{text}` is not a duration: write e.g. `12 months` or `30d`"))?;
        if n > 10_000 {
            return Err(format!("`{text}` is too long a duration"));
        }
        match unit.trim() {
            "d" | "day" | "days" => Ok(Self::Days(n)),
            "w" | "week" | "weeks" => Ok(Self::Weeks(n)),
            "m" | "mo" | "month" | "months" => Ok(Self::Months(n)),
            "y" | "year" | "years" => Ok(Self::Years(n)),
            _ => Err(format!(
                "`{text}` is not a duration: use a whole number and days, weeks, months or years \
                 (`12 months`, `30d`)"
            )),
        }
    }

    /// `date + self`, or `None` past the calendar's range.
    pub fn add_to(self, date: Date) -> Option<Date> {
        let span = match self {
            Self::Days(n) => n.days(),
            Self::Weeks(n) => n.weeks(),
            Self::Months(n) => n.months(),
            Self::Years(n) => n.years(),
        };
        date.checked_add(span).ok()
    }

    /// Rough length in days (for window comparisons only).
    pub fn approx_days(self) -> i64 {
        match self {
            Self::Days(n) => n,
            Self::Weeks(n) => n * 7,
            Self::Months(n) => n * 30,
            Self::Years(n) => n * 365,
        }
    }
}

impl std::fmt::Display for Duration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (n, unit) = match *self {
            Self::Days(n) => (n, "day"),
            Self::Weeks(n) => (n, "week"),
            Self::Months(n) => (n, "month"),
            Self::Years(n) => (n, "year"),
        };
        write!(f, "{n} {unit}{}", if n == 1 { "" } else { "s" })
    }
}

/// Parse a date: `YYYY-MM-DD`, a timestamp that starts with one (`2026-01-15T09:00:00Z`,
/// `2026-01-15 09:00:00 +01:00`, whose date part is taken as written), or an unambiguous form
/// with the month's English name (`1 July 2026`, `July 1, 2026`, `Jun 1 2018`, `1st Jul 2026`). A
/// trailing annotation in parentheses (`2026-02-14 (UTC)`) is ignored. A numeric form is a date
/// only when day-first and month-first give the same one (`14/02/2026`, `2/14/2026`,
/// `05/05/2026`); `04/05/2026` is refused: it reads differently day-first and month-first.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let mut t = text.trim();
    if t.ends_with(')') {
        if let Some(open) = t.rfind(" (") {
            t = t[..open].trim_end();
        }
    }
    if let Some(d) = month_name_date(t) {
        return d;
    }
    if let [one] = iso_readings(t).as_slice() {
        return one
            .parse::<Date>()
            .map_err(|_| format!("`{t}` is not a real calendar date"));
    }
    let date_part = t
        .get(..10)
        .filter(|_| t.len() == 10 || t[10..].starts_with(['T', 't', ' ']));
    let Some(d) = date_part.filter(|d| is_iso_shape(d)) else {
        return Err(format!("`{t}` is not a date in the form YYYY-MM-DD"));
    };
    d.parse::<Date>()
        .map_err(|_| format!("`{d}` is not a real calendar date"))
}

/// The ISO forms a numeric date like `04/05/2026` could mean, for a finding's help.
pub fn iso_readings(text: &str) -> Vec<String> {
    let parts: Vec<&str> = text.trim().split(['/', '.', '-']).collect();
    let [a, b, y] = parts[..] else { return Vec::new() };
    let (Ok(a), Ok(b), Ok(y)) = (a.parse::<i8>(), b.parse::<i8>(), y.parse::<i16>()) else {
        return Vec::new();
    };
    if !(1000..=9999).contains(&y) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (m, d) in [(b, a), (a, b)] {
        if let Ok(date) = Date::new(y, m, d) {
            let s = date.to_string();
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_of(word: &str) -> Option<i8> {
    let w = word.to_ascii_lowercase();
    let w = match w.trim_end_matches('.') {
        "sept" => "sep",
        w => w,
    };
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(w)))
        .and_then(|i| i8::try_from(i + 1).ok())
}

fn day_of(word: &str) -> Option<i8> {
    let w = word.trim_end_matches(',');
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(
        suffix.to_ascii_lowercase().as_str(),
        "" | "st" | "nd" | "rd" | "th"
    ) || digits.len() > 2
    {
        return None;
    }
    digits.parse().ok()
}

/// `1 July 2026`, `July 1, 2026`, `Jun 1 2018`: `None` when the text is not of this shape.
fn month_name_date(t: &str) -> Option<Result<Date, String>> {
    let words: Vec<&str> = t.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let [a, b, y] = words[..] else { return None };
    let year: i16 = y.parse().ok().filter(|y| (1000..=9999).contains(y))?;
    let (day, month) = match (day_of(a), month_of(a)) {
        (Some(d), _) => (d, month_of(b)?),
        (None, Some(m)) => (day_of(b)?, m),
        _ => return None,
    };
    Some(Date::new(year, month, day).map_err(|_| format!("`{t}` is not a real calendar date")))
}

fn is_iso_shape(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Days from `a` to `b` (positive when `b` is later).
pub fn days_between(a: Date, b: Date) -> i64 {
    b.since(a).map_or(0, |s| i64::from(s.get_days()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn month_arithmetic_clamps() {
        assert_eq!(Duration::Months(1).add_to(d("2026-01-31")), Some(d("2026-02-28")));
        assert_eq!(Duration::Years(1).add_to(d("2024-02-29")), Some(d("2025-02-28")));
        assert_eq!(
            Duration::Months(12).add_to(d("2026-01-10")),
            Some(d("2027-01-10"))
        );
    }

    #[test]
    fn grammar() {
        assert_eq!(Duration::parse("12 months"), Ok(Duration::Months(12)));
        assert_eq!(Duration::parse("1 Year"), Ok(Duration::Years(1)));
        assert_eq!(Duration::parse("30d"), Ok(Duration::Days(30)));
        assert_eq!(Duration::parse("2w"), Ok(Duration::Weeks(2)));
        assert_eq!(Duration::parse("6m"), Ok(Duration::Months(6)));
        assert!(Duration::parse("annually").is_err());
        assert!(Duration::parse("-1d").is_err());
        assert!(Duration::parse("99999999999999999999d").is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2026-01-15"), Ok(d("2026-01-15")));
        assert_eq!(parse_date("2026-01-15T10:00:00+02:00"), Ok(d("2026-01-15")));
        assert!(parse_date("2026-02-30").unwrap_err().contains("real calendar"));
        assert!(parse_date("2026-2-3").is_err());
        assert!(parse_date("03/04/2026").is_err());
        assert!(parse_date("2026-13-01").is_err());
        assert!(parse_date("2026-01-150").is_err());
        assert_eq!(days_between(d("2026-01-01"), d("2026-03-01")), 59);
        assert_eq!(parse_date("2026-02-14 (UTC)"), Ok(d("2026-02-14")));
    }

    #[test]
    fn numeric_dates_with_one_reading() {
        assert_eq!(parse_date("14/02/2026"), Ok(d("2026-02-14")));
        assert_eq!(parse_date("2/14/2026"), Ok(d("2026-02-14")));
        assert_eq!(parse_date("05.05.2026"), Ok(d("2026-05-05")));
        assert!(parse_date("04/05/2026").is_err());
        assert!(parse_date("31/02/2026").is_err());
    }

    #[test]
    fn month_name_dates() {
        assert_eq!(parse_date("1 July 2026"), Ok(d("2026-07-01")));
        assert_eq!(parse_date("July 1, 2026"), Ok(d("2026-07-01")));
        assert_eq!(parse_date("Jun 1 2018"), Ok(d("2018-06-01")));
        assert_eq!(parse_date("1st Sept 2026"), Ok(d("2026-09-01")));
        assert!(parse_date("31 June 2026").unwrap_err().contains("real calendar"));
        assert!(parse_date("June 2026").is_err());
        assert!(parse_date("Maybe 1 2026").is_err());
        assert_eq!(iso_readings("04/05/2026"), ["2026-05-04", "2026-04-05"]);
        assert_eq!(iso_readings("13/05/2026"), ["2026-05-13"]);
        assert!(iso_readings("soon").is_empty());
    }
}
