//! `smslint report --format html`: one self-contained page (inline CSS and SVG, no external
//! font, script or stylesheet) with a clause heat map, a bar chart of reviews due per month and
//! tables sortable by clicking a header. The sort script is tiny, allowed by hash in the page's
//! Content-Security-Policy, and optional: without it the tables are already in a useful order.
//! Every string that comes from a document or a pack is HTML-escaped.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::gap::{ClauseRow, DocRow, GapReport, RequirementRow, Status};

/// The sort script. Its SHA-256 is [`SCRIPT_HASH`]: change both together (the browser test
/// fails when they disagree, because the policy then blocks the script).
const SCRIPT: &str = r"(function(){function k(c){var v=c.getAttribute('data-sort');return v===null?c.textContent.trim():v}function n(s){return /^-?\d+(\.\d+)?$/.test(s)}function cmp(a,b){return n(a)&&n(b)?parseFloat(a)-parseFloat(b):a.localeCompare(b)}document.querySelectorAll('table.sortable').forEach(function(t){var hs=t.querySelectorAll('thead th');hs.forEach(function(th,i){th.tabIndex=0;th.classList.add('sortable-header');function go(){var asc=th.getAttribute('aria-sort')!=='ascending';hs.forEach(function(o){o.removeAttribute('aria-sort')});th.setAttribute('aria-sort',asc?'ascending':'descending');var b=t.tBodies[0];var rows=Array.prototype.slice.call(b.rows);rows.sort(function(x,y){var r=cmp(k(x.cells[i]),k(y.cells[i]));return asc?r:-r});rows.forEach(function(r){b.appendChild(r)})}th.addEventListener('click',go);th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();go()}})})})})();";

/// Base64 SHA-256 of [`SCRIPT`], for the Content-Security-Policy.
const SCRIPT_HASH: &str = "sha256-+Ew/H6D44dDFDGCLmVsOBeFLUkfvyFRqZuFMowJf7Fs=";

const CSS: &str = r#"
:root{--ink:#1d2433;--muted:#5b6474;--line:#d7dbe2;--bg:#f6f7f9}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);margin:0;background:#fff}
main{max-width:1180px;margin:0 auto;padding:24px 28px 48px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:34px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}h3{font-size:15px;margin:20px 0 6px}
.meta{color:var(--muted);margin:0}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin-top:18px}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:130px;background:var(--bg)}
.card b{display:block;font-size:24px}.card span{color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:6px 0 10px;font-size:13px}
th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
thead th{background:var(--bg);position:relative;white-space:nowrap}
th.sortable-header{cursor:pointer;padding-right:20px}
th.sortable-header::after{content:"\2195";position:absolute;right:6px;color:#9aa1ad}
th[aria-sort=ascending]::after{content:"\2191";color:var(--ink)}th[aria-sort=descending]::after{content:"\2193";color:var(--ink)}
td.num,th.num{text-align:right}td.nw{white-space:nowrap}
.st{display:inline-block;padding:1px 7px;border-radius:10px;font-size:12px;white-space:nowrap;border:1px solid transparent}
.st-covered{background:#2e7d32;color:#fff}.st-covered-with-findings{background:#f2c12e;color:#1d2433}
.st-stale{background:#e8710a;color:#fff}.st-draft-only{background:#5363b8;color:#fff}
.st-missing{background:#c62828;color:#fff}.st-excluded{background:#eceff1;color:#37474f;border-color:#90a4ae;border-style:dashed}
.st-no-evidence{background:#f5f5f5;color:#616161;border-color:#bdbdbd}
.doc{display:block}.doc small{color:var(--muted)}
.bar{background:#e3e7ee;border-radius:3px;height:10px;width:160px;display:inline-block;vertical-align:middle;margin-right:8px}
.bar i{display:block;height:10px;border-radius:3px;background:#2e7d32}
.legend{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
.missing li{margin:3px 0}
code{font-size:12px;background:var(--bg);padding:0 3px;border-radius:3px}
footer{color:var(--muted);margin-top:40px;font-size:12px}
@media print{main{padding:0;max-width:none}h2{break-after:avoid}tr,svg,.card{break-inside:avoid}th.sortable-header::after{content:none}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"#;

/// Escape text for HTML element content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if super::is_bidi_or_separator(c) => out.push('\u{fffd}'),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Renders as the line break it is, but no document text starts a line of the file
            // (a log that shows the report must not read a workflow command in it).
            '\n' => out.push_str("&#10;"),
            c if c.is_control() && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn opt(text: Option<&str>) -> String {
    text.map_or_else(|| "—".to_owned(), esc)
}

/// Fill and text colour of a status tile.
fn colours(s: Status) -> (&'static str, &'static str) {
    match s {
        Status::Covered => ("#2e7d32", "#fff"),
        Status::CoveredWithFindings => ("#f2c12e", "#1d2433"),
        Status::Stale => ("#e8710a", "#fff"),
        Status::DraftOnly => ("#5363b8", "#fff"),
        Status::Missing => ("#c62828", "#fff"),
        Status::Excluded => ("#eceff1", "#37474f"),
        Status::NoEvidence => ("#f5f5f5", "#616161"),
    }
}

fn badge(s: Status) -> String {
    format!("<span class=\"st st-{0}\">{0}</span>", s.as_str())
}

/// A key that sorts clause numbers numerically as text: `8.2.4` → `0008.0002.0004`.
fn clause_sort(id: &str) -> String {
    esc(&crate::clause::ClauseId::new(id).sort_text())
}

fn rank(s: Status) -> usize {
    Status::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

fn doc_cell(d: &DocRow) -> String {
    let next = d.next_review.map_or_else(String::new, |n| {
        format!(", next review {n}{}", if d.overdue { " (overdue)" } else { "" })
    });
    format!(
        "<span class=\"doc\"><b>{}</b> {}<br><small>{}, {}, v{}{next}</small></span>",
        opt(d.id.as_deref()),
        opt(d.title.as_deref()),
        opt(d.owner.as_deref()),
        opt(d.status.as_deref()),
        opt(d.version.as_deref())
    )
}

fn docs_cell(g: &GapReport, paths: &[String]) -> String {
    let v: String = paths.iter().filter_map(|p| g.document(p)).map(doc_cell).collect();
    if v.is_empty() { "—".to_owned() } else { v }
}

fn heat_map(g: &GapReport, s: &mut String) {
    const W: usize = 70;
    const H: usize = 36;
    const GAP: usize = 5;
    const PER_LINE: usize = 12;
    const LABEL: usize = 34;
    let families: Vec<&ClauseRow> = g.clauses.iter().filter(|c| c.depth == 0).collect();
    let mut lines: Vec<(Option<&ClauseRow>, Vec<&ClauseRow>)> = Vec::new();
    for f in &families {
        let members: Vec<&ClauseRow> = g
            .clauses
            .iter()
            .filter(|c| crate::pack::is_same_or_sub_clause(&c.id, &f.id))
            .collect();
        for (i, chunk) in members.chunks(PER_LINE).enumerate() {
            lines.push(((i == 0).then_some(*f), chunk.to_vec()));
        }
    }
    let width = LABEL + PER_LINE * (W + GAP);
    let height = lines.len() * (H + GAP) + GAP;
    let _ = write!(
        s,
        "<svg id=\"heatmap\" role=\"img\" aria-label=\"Clause heat map\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    for (row, (family, tiles)) in lines.iter().enumerate() {
        let y = GAP + row * (H + GAP);
        if let Some(f) = family {
            let _ = write!(
                s,
                "<text x=\"0\" y=\"{}\" font-size=\"15\" font-weight=\"700\" fill=\"#1d2433\">{}</text>",
                y + H / 2 + 5,
                esc(&f.id)
            );
        }
        for (i, c) in tiles.iter().enumerate() {
            let x = LABEL + i * (W + GAP);
            let (fill, ink) = colours(c.status);
            let stroke = match c.status {
                Status::Excluded => " stroke=\"#90a4ae\" stroke-dasharray=\"4 3\"",
                Status::NoEvidence => " stroke=\"#bdbdbd\"",
                _ => "",
            };
            let _ = write!(
                s,
                "<a href=\"#c-{id}\" class=\"tile\" data-status=\"{st}\"><title>{id} {title}: {st}</title><rect x=\"{x}\" y=\"{y}\" width=\"{W}\" height=\"{H}\" rx=\"5\" fill=\"{fill}\"{stroke}/><text x=\"{tx}\" y=\"{ty}\" font-size=\"12\" text-anchor=\"middle\" fill=\"{ink}\"{bold}>{id}</text></a>",
                id = esc(&c.id),
                title = esc(&c.title),
                st = c.status.as_str(),
                tx = x + W / 2,
                ty = y + H / 2 + 4,
                bold = if c.depth == 0 { " font-weight=\"700\"" } else { "" },
            );
        }
    }
    s.push_str("</svg>");
    s.push_str("<div class=\"legend\">");
    for st in Status::ALL {
        let n = g.clauses.iter().filter(|c| c.status == st).count();
        let _ = write!(s, "{} <span>{n}</span>", badge(st));
    }
    s.push_str("</div>");
}

fn month_label(month: &str) -> String {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, m) = month.split_once('-').unwrap_or((month, ""));
    let name = m
        .parse::<usize>()
        .ok()
        .and_then(|m| NAMES.get(m.wrapping_sub(1)))
        .copied()
        .unwrap_or(m);
    format!("{name} {}", y.get(2..).unwrap_or(y))
}

fn bar_chart(g: &GapReport, s: &mut String) {
    const BAR: usize = 40;
    const STEP: usize = 58;
    const TOP: usize = 22;
    const PLOT: usize = 130;
    let mut bars: Vec<(String, usize, &str)> = vec![("overdue".to_owned(), g.calendar.overdue, "#c62828")];
    bars.extend(
        g.calendar
            .months
            .iter()
            .map(|m| (month_label(&m.month), m.count, "#3a5ba0")),
    );
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let width = 10 + bars.len() * STEP;
    let height = TOP + PLOT + 26;
    let _ = write!(
        s,
        "<svg id=\"due-chart\" role=\"img\" aria-label=\"Reviews due per month\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    let _ = write!(
        s,
        "<line x1=\"4\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"#9aa1ad\"/>",
        width - 4,
        TOP + PLOT,
        TOP + PLOT
    );
    for (i, (label, n, colour)) in bars.iter().enumerate() {
        let h = n * PLOT / max;
        let x = 10 + i * STEP;
        let y = TOP + PLOT - h;
        let _ = write!(
            s,
            "<g class=\"bar\"><title>{label}: {n} review{}</title><rect x=\"{x}\" y=\"{y}\" width=\"{BAR}\" height=\"{h}\" fill=\"{colour}\"/><text x=\"{cx}\" y=\"{ly}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1d2433\">{n}</text><text x=\"{cx}\" y=\"{by}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6474\">{label}</text></g>",
            if *n == 1 { "" } else { "s" },
            cx = x + BAR / 2,
            ly = y.saturating_sub(5),
            by = TOP + PLOT + 16,
        );
    }
    s.push_str("</svg>");
}

fn requirement_rows(g: &GapReport, s: &mut String, reqs: &[RequirementRow]) {
    for r in reqs {
        let _ = write!(
            s,
            "<tr><td>{}</td><td><code>{}</code></td><td data-sort=\"{}\">{}</td><td data-sort=\"{}\">{}</td><td>{}</td><td>{}</td></tr>",
            esc(&r.title),
            esc(&r.id),
            clause_sort(&r.clause),
            esc(&r.clause),
            rank(r.status),
            badge(r.status),
            docs_cell(g, &r.evidence),
            opt(r.excluded.as_deref())
        );
    }
}

/// Write the page.
pub fn write(g: &GapReport, out: &mut dyn Write) -> io::Result<()> {
    let mut s = String::with_capacity(64 * 1024);
    let title = format!("Gap analysis: {}", esc(&g.repository));
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src '{SCRIPT_HASH}'\">\
<meta name=\"generator\" content=\"smslint {}\"><title>{title}</title><style>{CSS}</style></head><body><main>",
        env!("CARGO_PKG_VERSION")
    );
    let packs: Vec<String> = g.packs.iter().map(|p| esc(&p.title)).collect();
    let _ = write!(
        s,
        "<header><h1>{title}</h1><p class=\"meta\">Judged on {} against {}.</p>",
        g.today,
        if packs.is_empty() {
            "no pack".to_owned()
        } else {
            packs.join(", ")
        }
    );
    let _ = write!(
        s,
        "<div class=\"cards\"><div class=\"card\" id=\"readiness\"><b>{}</b><span>{} of {} requirements satisfied</span></div>\
<div class=\"card\"><b>{}</b><span>documents</span></div><div class=\"card\"><b>{}</b><span>errors</span></div>\
<div class=\"card\"><b>{}</b><span>warnings</span></div><div class=\"card\"><b>{}</b><span>reviews overdue</span></div></div></header>",
        g.readiness
            .percent
            .map_or_else(|| "n/a".to_owned(), |p| format!("{p} %")),
        g.readiness.satisfied,
        g.readiness.total,
        g.summary.documents,
        g.summary.errors,
        g.summary.warnings,
        g.calendar.overdue
    );

    s.push_str("<section><h2>Clause heat map</h2>");
    heat_map(g, &mut s);
    s.push_str("</section>");

    s.push_str("<section><h2>Readiness by clause family</h2><table class=\"sortable\" id=\"family-table\"><thead><tr><th>Clause</th><th>Title</th><th class=\"num\">Satisfied</th><th class=\"num\">Total</th><th>Readiness</th></tr></thead><tbody>");
    for f in &g.families {
        let _ = write!(
            s,
            "<tr><td data-sort=\"{}\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td data-sort=\"{}\"><span class=\"bar\"><i style=\"width:{}%\"></i></span>{}</td></tr>",
            clause_sort(&f.clause),
            esc(&f.clause),
            esc(&f.title),
            f.satisfied,
            f.total,
            f.percent.map_or(-1, i64::from),
            f.percent.unwrap_or(0),
            f.percent.map_or_else(|| "n/a".to_owned(), |p| format!("{p} %"))
        );
    }
    s.push_str("</tbody></table></section>");

    s.push_str("<section class=\"missing\"><h2>Missing clauses</h2>");
    let missing: Vec<_> = g.missing().collect();
    if missing.is_empty() {
        s.push_str("<p>No clause is missing its evidence.</p>");
    } else {
        s.push_str("<ul>");
        for (c, reqs) in missing {
            let reqs: Vec<String> = reqs
                .iter()
                .map(|r| format!("{} (<code>{}</code>)", esc(&r.title), esc(&r.id)))
                .collect();
            let _ = write!(
                s,
                "<li><a href=\"#c-{id}\"><b>{id} {}</b></a>: no document is evidence for {}</li>",
                esc(&c.title),
                reqs.join(", "),
                id = esc(&c.id)
            );
        }
        s.push_str("</ul>");
    }
    s.push_str("</section>");

    let excluded: Vec<RequirementRow> = g
        .requirements
        .iter()
        .filter(|r| r.excluded.is_some())
        .cloned()
        .collect();
    if !excluded.is_empty() {
        s.push_str("<section><h2>Exclusions</h2><table class=\"sortable\" id=\"exclusion-table\"><thead><tr><th>Requirement</th><th>Id</th><th>Clause</th><th>Status</th><th>Evidence</th><th>Reason</th></tr></thead><tbody>");
        requirement_rows(g, &mut s, &excluded);
        s.push_str("</tbody></table></section>");
    }

    s.push_str("<section><h2>Clauses</h2><table class=\"sortable\" id=\"clause-table\"><thead><tr><th>Clause</th><th>Title</th><th>Status</th><th>Requirements</th><th>Evidence</th><th class=\"num\">Findings</th></tr></thead><tbody>");
    for c in &g.clauses {
        let reqs: Vec<String> = c
            .requirements
            .iter()
            .map(|r| format!("<code>{}</code>", esc(r)))
            .collect();
        let _ = write!(
            s,
            "<tr id=\"c-{id}\"><td data-sort=\"{}\" style=\"padding-left:{}px\">{id}</td><td>{}</td><td data-sort=\"{}\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            clause_sort(&c.id),
            8 + 14 * c.depth,
            esc(&c.title),
            rank(c.status),
            badge(c.status),
            if reqs.is_empty() {
                "—".to_owned()
            } else {
                reqs.join(" ")
            },
            docs_cell(g, &c.documents),
            c.findings,
            id = esc(&c.id)
        );
    }
    s.push_str("</tbody></table></section>");

    s.push_str("<section><h2>Requirements</h2><table class=\"sortable\" id=\"requirement-table\"><thead><tr><th>Requirement</th><th>Id</th><th>Clause</th><th>Status</th><th>Evidence</th><th>Excluded because</th></tr></thead><tbody>");
    requirement_rows(g, &mut s, &g.requirements);
    s.push_str("</tbody></table></section>");

    s.push_str("<section><h2>Review calendar</h2><p class=\"meta\">Reviews overdue and due per month for the next 12 months.</p>");
    bar_chart(g, &mut s);
    s.push_str("<table class=\"sortable\" id=\"review-table\"><thead><tr><th>Due</th><th>Id</th><th>Title</th><th>Owner</th><th class=\"num\">Days</th></tr></thead><tbody>");
    for r in &g.calendar.reviews {
        let _ = write!(
            s,
            "<tr{}><td class=\"nw\">{}</td><td class=\"nw\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            if r.overdue { " class=\"overdue\"" } else { "" },
            r.due,
            esc(&r.id),
            esc(&r.title),
            opt(r.owner.as_deref()),
            r.days
        );
    }
    s.push_str("</tbody></table></section>");

    s.push_str("<section><h2>Documents</h2><table class=\"sortable\" id=\"document-table\"><thead><tr><th>Id</th><th>Title</th><th>Type</th><th>Owner</th><th>Status</th><th>Version</th><th>Next review</th><th class=\"num\">Findings</th><th>Path</th></tr></thead><tbody>");
    for d in &g.documents {
        let _ = write!(
            s,
            "<tr><td class=\"nw\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"nw\" data-sort=\"{}\">{}</td><td class=\"num\">{}</td><td><code>{}</code></td></tr>",
            opt(d.id.as_deref()),
            opt(d.title.as_deref()),
            opt(d.doc_type.as_deref()),
            opt(d.owner.as_deref()),
            opt(d.status.as_deref()),
            opt(d.version.as_deref()),
            d.next_review
                .map_or_else(|| "9999-99-99".to_owned(), |n| n.to_string()),
            d.next_review.map_or_else(
                || "—".to_owned(),
                |n| format!("{n}{}", if d.overdue { " (overdue)" } else { "" })
            ),
            d.findings,
            esc(&d.path)
        );
    }
    s.push_str("</tbody></table></section>");

    s.push_str("<section><h2>Findings by clause</h2>");
    if g.findings.is_empty() {
        s.push_str("<p>No findings.</p>");
    }
    for group in &g.findings {
        let head = match (&group.clause, &group.title) {
            (Some(c), Some(t)) => format!("{} {}", esc(c), esc(t)),
            (Some(c), None) => esc(c),
            _ => "No clause".to_owned(),
        };
        let _ = write!(
            s,
            "<h3>{head}</h3><table class=\"sortable findings\"><thead><tr><th>Code</th><th>Severity</th><th>Location</th><th>Message</th></tr></thead><tbody>"
        );
        for f in &group.findings {
            let at = match (&f.path, f.line, f.column) {
                (Some(p), Some(l), Some(c)) => format!("{}:{l}:{c}", esc(p)),
                (Some(p), _, _) => esc(p),
                (None, _, _) => "repository".to_owned(),
            };
            let _ = write!(
                s,
                "<tr><td><code>{}</code> {}</td><td>{}</td><td>{at}</td><td>{}</td></tr>",
                f.code,
                f.name,
                f.severity.as_str(),
                esc(&f.message)
            );
        }
        s.push_str("</tbody></table>");
    }
    s.push_str("</section>");

    let _ = writeln!(
        s,
        "<footer>Generated by smslint {} on {}. Status: covered = approved, current and free of errors; covered-with-findings = approved and current with error findings; stale = review date passed; draft-only = not yet approved; missing = no evidence; excluded = excluded with a reason in smslint.toml; no-evidence = no document names the clause and none is required.</footer></main><script>{SCRIPT}</script></body></html>",
        env!("CARGO_PKG_VERSION"),
        g.today
    );
    out.write_all(s.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        assert_eq!(clause_sort("8.2.10"), "0008.0002.0010");
        assert_eq!(month_label("2026-07"), "Jul 26");
    }

    #[test]
    fn script_is_plain_ascii_without_closing_tag() {
        assert!(SCRIPT.is_ascii());
        assert!(!SCRIPT.contains("</"));
    }
}
