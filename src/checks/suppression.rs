//! Suppression comments: `<!-- smslint-disable CODE[,CODE] -- reason -->` silences codes in the
//! whole file, `<!-- smslint-disable-next-line CODE -- reason -->` on the next line only.

use std::collections::HashMap;

use crate::config::matches_rule;
use crate::document::Document;
use crate::finding::Finding;

check_kind! {
    /// ## What it checks
    /// Suppression comments in documents:
    ///
    /// - `<!-- smslint-disable SMS301,SMS302 -- reason -->` anywhere in a file silences those
    ///   codes (or names) for the whole file.
    /// - `<!-- smslint-disable-next-line SMS204 -- reason -->` silences them on the next line.
    ///
    /// - `suppression-without-reason`: a suppression gives no reason after ` -- `. It still
    ///   silences its codes, but the run reports it: auditors need the justification.
    /// - `unused-suppression` (warning): a suppression that silences nothing (the problem was
    ///   fixed, or the code is misspelt) should be removed.
    ///
    /// These two findings cannot themselves be suppressed.
    ///
    /// ## Why auditors care
    /// A suppressed finding is an accepted deviation. Auditors accept deviations that are
    /// justified and recorded, not ones that are silently hidden.
    ///
    /// ## How to fix
    /// Write why the finding does not apply after ` -- `, or delete a suppression that no
    /// longer silences anything.
    ///
    /// ## Example
    /// Failing: `<!-- smslint-disable SMS301 -->`.
    /// Passing: `<!-- smslint-disable SMS301 -- review postponed by board decision 2026-14 -->`.
    KIND = "suppression" {
        run: crate::checks::Scope::Stage;
        SUPPRESSION_WITHOUT_REASON: "SMS905" "suppression-without-reason" Error => "A suppression comment gives no reason",
        UNUSED_SUPPRESSION: "SMS906" "unused-suppression" Warning => "A suppression comment silences nothing",
    }
}

/// A finding's [`stable_key`](Finding::stable_key), owned.
pub type Key = (&'static str, Option<String>, String);

/// The owned stable key of `f`.
pub fn key(f: &Finding) -> Key {
    let (code, path, subject) = f.stable_key();
    (code, path.map(str::to_owned), subject.to_owned())
}

/// What a suppression may silence when it is only trusted as far as the base branch has it
/// (`--suppressions-from`): the stable keys of the findings the base's matching suppressions
/// silenced there, by (path, index of the suppression in the document).
pub type Limits = HashMap<(String, usize), std::collections::HashSet<Key>>;

/// Whether suppression `s` covers finding `f` of the same file: it names `f`'s code (or name,
/// or a prefix of four characters or more) and, for `disable-next-line`, `f` starts on its
/// next line.
pub fn covers(s: &crate::document::Suppression, f: &Finding) -> bool {
    s.codes
        .iter()
        .any(|c| matches_rule(c, f.code(), f.name()) && c.len() >= 4)
        && (!s.next_line || f.span.as_ref().is_some_and(|sp| s.target.contains(&sp.start)))
}

/// A document's suppressions indexed by the code tokens they name, for the whole file and per
/// target line, so that matching a finding looks at the few suppressions that can cover it:
/// linear in findings plus suppressions even with 50,000 of each in one file.
struct Index {
    /// (`None` for the whole file, else the target line's start; upper-cased token) → indices.
    by_token: HashMap<(Option<usize>, String), Vec<usize>>,
    /// Target line start → its end, for `disable-next-line` suppressions.
    lines: std::collections::BTreeMap<usize, usize>,
}

impl Index {
    fn new(doc: &Document) -> Self {
        let mut by_token: HashMap<(Option<usize>, String), Vec<usize>> = HashMap::new();
        let mut lines = std::collections::BTreeMap::new();
        for (i, s) in doc.body.suppressions.iter().enumerate() {
            let at = s.next_line.then_some(s.target.start);
            if s.next_line {
                lines.insert(s.target.start, s.target.end);
            }
            for c in &s.codes {
                let list = by_token.entry((at, c.to_ascii_uppercase())).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        Self { by_token, lines }
    }

    /// The first suppression (by index) among those naming a token that can match `f` (`all`,
    /// its name, its code or a prefix of it) that `ok` accepts.
    fn first(&self, f: &Finding, ok: impl Fn(usize) -> bool) -> Option<usize> {
        let mut tokens = vec!["ALL".to_owned(), f.name().to_ascii_uppercase()];
        tokens.extend((3..=f.code().len()).map(|n| f.code()[..n].to_ascii_uppercase()));
        let line = f.span.as_ref().and_then(|sp| {
            self.lines
                .range(..=sp.start)
                .next_back()
                .filter(|(_, end)| sp.start < **end)
                .map(|(start, _)| *start)
        });
        let mut best: Option<usize> = None;
        // The whole file's suppressions, then those of the finding's line, if any.
        for at in [Some(None), line.map(Some)].into_iter().flatten() {
            for t in &tokens {
                if let Some(list) = self.by_token.get(&(at, t.clone())) {
                    if let Some(&i) = list.iter().find(|&&i| ok(i)) {
                        best = Some(best.map_or(i, |b| b.min(i)));
                    }
                }
            }
        }
        best
    }
}

/// Apply every document's suppressions to `findings`. A suppression with an entry in `limits`
/// silences only findings whose stable key is in it; one in `refused` (path, index) is not
/// applied at all (and not reported as unused either: SMS703 said why). Returns the findings
/// that remain (plus findings about the suppressions themselves) and the number silenced.
/// `ran(code)` says whether the check emitting `code` ran: a suppression naming a code that
/// did not is not reported unused.
pub fn apply(
    docs: &[Document],
    findings: Vec<Finding>,
    limits: &Limits,
    refused: &std::collections::HashSet<(String, usize)>,
    ran: impl Fn(&str) -> bool,
) -> (Vec<Finding>, usize) {
    let applied = |d: &Document, i: usize| refused.is_empty() || !refused.contains(&(d.path.clone(), i));
    let by_path: HashMap<&str, (&Document, Index)> = docs
        .iter()
        .filter(|d| !d.body.suppressions.is_empty())
        .map(|d| (d.path.as_str(), (d, Index::new(d))))
        .collect();
    let mut used: HashMap<(&str, usize), bool> = HashMap::new();
    let mut kept = Vec::with_capacity(findings.len());
    let mut silenced = 0;
    for f in findings {
        let doc = f.path.as_deref().and_then(|p| by_path.get(p));
        let hit = doc.and_then(|(d, ix)| {
            ix.first(&f, |i| {
                applied(d, i)
                    && covers(&d.body.suppressions[i], &f)
                    && limits
                        .get(&(d.path.clone(), i))
                        .is_none_or(|allowed| allowed.contains(&key(&f)))
            })
        });
        match (doc.map(|(d, _)| *d), hit) {
            (Some(d), Some(i)) => {
                used.insert((d.path.as_str(), i), true);
                silenced += 1;
            }
            _ => kept.push(f),
        }
    }
    for d in docs {
        for (i, s) in d.body.suppressions.iter().enumerate() {
            if !applied(d, i) {
                continue;
            }
            if s.reason.is_none() {
                kept.push(
                    Finding::new(&SUPPRESSION_WITHOUT_REASON, "Suppression gives no reason")
                        .at(&d.path, s.span.clone())
                        .help("Add the justification after ` -- `, e.g. `<!-- smslint-disable SMS301 -- review moved to Q3 by CAB-2026-14 -->`"),
                );
            }
            let judged = s.codes.iter().all(|c| ran(c));
            if judged && !used.contains_key(&(d.path.as_str(), i)) {
                let what = if s.codes.is_empty() {
                    "names no code".to_owned()
                } else {
                    format!("silences nothing ({})", s.codes.join(", "))
                };
                kept.push(
                    Finding::new(&UNUSED_SUPPRESSION, format!("Suppression {what}"))
                        .at(&d.path, s.span.clone())
                        .help("Remove the comment, or correct the code it names"),
                );
            }
        }
    }
    (kept, silenced)
}
