//! Output stays proportional to what a person can act on: at most `--max-findings-per-file`
//! findings per file (and per code for repository-level findings), then one that counts the rest.

use std::collections::HashMap;

use crate::finding::{Finding, Severity};

check_kind! {
    /// ## What it checks
    /// Not a check of the documents but of the report: a file with more findings than
    /// `--max-findings-per-file` (1,000 by default; 0 means no limit) shows the first ones in
    /// file order, and then this one finding, which says how many more were left out and which
    /// codes they have. Repository-level findings, which have no file, are capped per code the
    /// same way. Its severity is the highest of the findings it stands for, so a capped run
    /// fails exactly when the full run would.
    ///
    /// ## Why auditors care
    /// Ten thousand copies of one broken link tell a reviewer nothing that the first thousand
    /// do not, and an unbounded report can exhaust the memory of the CI job that renders it
    /// (a pull request can generate findings at will).
    ///
    /// ## How to fix
    /// Fix the findings shown and run again, or pass `--max-findings-per-file 0` to see all.
    ///
    /// ## Example
    /// A file with 5,000 broken links gives 1,000 SMS601 findings and one SMS910 saying that
    /// 4,000 more were left out.
    KIND = "finding-cap" {
        run: crate::checks::Scope::Stage;
        FINDINGS_LEFT_OUT: "SMS910" "findings-left-out" Warning => "More findings than --max-findings-per-file; the rest were left out",
    }
}

/// Keep at most `max` of `findings` (sorted) per file, and per code among repository-level
/// findings; each group over the limit gets one [`FINDINGS_LEFT_OUT`] finding at its end.
/// `max == 0` keeps everything. Linear in the number of findings.
pub fn cap(findings: Vec<Finding>, max: usize) -> Vec<Finding> {
    if max == 0 {
        return findings;
    }
    struct Left {
        count: usize,
        severity: Severity,
        codes: Vec<&'static str>,
    }
    let group = |f: &Finding| (f.path.clone(), if f.path.is_some() { "" } else { f.code() });
    let mut kept_per: HashMap<(Option<String>, &'static str), usize> = HashMap::new();
    let mut left: HashMap<(Option<String>, &'static str), Left> = HashMap::new();
    let mut order: Vec<(Option<String>, &'static str)> = Vec::new();
    let mut kept = Vec::with_capacity(findings.len().min(1 << 16));
    for f in findings {
        let key = group(&f);
        let n = kept_per.entry(key.clone()).or_default();
        if *n < max {
            *n += 1;
            kept.push(f);
            continue;
        }
        let l = left.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            Left {
                count: 0,
                severity: Severity::Warning,
                codes: Vec::new(),
            }
        });
        l.count += 1;
        l.severity = l.severity.max(f.severity);
        if !l.codes.contains(&f.code()) {
            l.codes.push(f.code());
        }
    }
    for key in order {
        let Some(mut l) = left.remove(&key) else {
            continue;
        };
        l.codes.sort_unstable();
        let what = match &key.0 {
            Some(_) => "in this file",
            None => "at repository level",
        };
        let mut f = Finding::new(
            &FINDINGS_LEFT_OUT,
            format!(
                "{} more finding{} {what} ({}) were left out after the first {}",
                thousands(l.count),
                if l.count == 1 { "" } else { "s" },
                l.codes.join(", "),
                thousands(max)
            ),
        )
        .severity(l.severity)
        .subject(key.1.to_owned())
        .help("Fix the findings shown and run again, or pass `--max-findings-per-file 0` to see them all");
        if let Some(p) = &key.0 {
            f = f.in_file(p);
        }
        kept.push(f);
    }
    kept
}

/// `4000` as `4,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_per_file_and_counts_the_rest() {
        let rule = &crate::checks::links::KIND.rules[0];
        let mut all: Vec<Finding> = (0..5)
            .map(|i| Finding::new(rule, format!("m{i}")).at("a.md", i..i))
            .collect();
        all.push(Finding::new(rule, "other").at("b.md", 0..0));
        let out = cap(all, 2);
        assert_eq!(out.len(), 4);
        assert_eq!(out[3].code(), "SMS910");
        assert_eq!(out[3].path.as_deref(), Some("a.md"));
        assert!(
            out[3].message.starts_with("3 more findings"),
            "{}",
            out[3].message
        );
        assert_eq!(thousands(4000), "4,000");
        assert_eq!(thousands(999), "999");
    }
}
