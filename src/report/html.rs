//! `--format html`: one self-contained page for an auditor. A summary, then
//! each file's findings and its tables drawn as grids with the wrong cells
//! coloured and the suspects marked. Clicking a flagged cell shows stated vs
//! computed, the difference, the hint, and highlights the cells it was
//! computed from. Findings can be filtered by severity and rule. No network
//! access, no external assets. When rules ran, the summary has a "Rules"
//! table: each rule's items, passes, fails and undecided, and why.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use super::json::FindingJson;
use crate::finding::{Finding, Location, Severity};
use crate::message::{lang, tr, Message};
use crate::report::view::{TableView, ViewRow};
use crate::rules::summary::RuleSummary;
use crate::{FileReport, Summary};

use super::escape_xml as esc;

/// Expands `D4:D7` (or `D4`) into its cells.
fn expand(range: &str) -> Vec<String> {
    let (a, b) = range.split_once(':').unwrap_or((range, range));
    let (Some((r0, c0)), Some((r1, c1))) =
        (crate::workbook::parse_a1(a), crate::workbook::parse_a1(b))
    else {
        return Vec::new();
    };
    if (r1.abs_diff(r0) + 1) * (c1.abs_diff(c0) + 1) > 5000 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for r in r0.min(r1)..=r0.max(r1) {
        for c in c0.min(c1)..=c0.max(c1) {
            out.push(crate::workbook::a1(r, c));
        }
    }
    out
}

const STYLE: &str = r#"
:root { --err: #d93025; --warn: #e8a100; --info: #1a73e8; --line: #dadce0; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; margin: 0; color: #202124; background: #f8f9fa; }
header { background: #202124; color: #fff; padding: 16px 24px; }
header h1 { margin: 0 0 8px; font-size: 20px; }
.summary { display: flex; gap: 24px; flex-wrap: wrap; font-size: 14px; }
.summary b { font-size: 18px; display: block; }
main { padding: 16px 24px; }
nav.filters { position: sticky; top: 0; background: #f8f9fa; padding: 8px 0; border-bottom: 1px solid var(--line); z-index: 5; font-size: 14px; }
nav.filters label { margin-right: 12px; }
section.file { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin: 16px 0; padding: 12px 16px; }
section.file h2 { font-size: 16px; margin: 0 0 8px; word-break: break-all; }
.status { font-size: 12px; padding: 2px 8px; border-radius: 10px; margin-left: 8px; color: #fff; }
.status.ok { background: #188038; } .status.findings { background: var(--err); } .status.error { background: #5f6368; }
ol.findings { padding-left: 20px; margin: 8px 0 16px; }
ol.findings li { margin: 4px 0; font-size: 14px; }
li.error::marker { color: var(--err); } li.warning::marker { color: var(--warn); } li.info::marker { color: var(--info); }
.sev { font-weight: bold; font-size: 12px; text-transform: uppercase; margin-right: 6px; }
li.error .sev { color: var(--err); } li.warning .sev { color: var(--warn); } li.info .sev { color: var(--info); }
.rule { font-family: monospace; font-size: 12px; background: #f1f3f4; padding: 1px 4px; border-radius: 4px; }
.hint { color: #188038; }
.grid-wrap { overflow-x: auto; margin: 8px 0 16px; }
h3 { font-size: 14px; margin: 12px 0 4px; }
table.grid { border-collapse: collapse; font-size: 13px; }
table.grid th, table.grid td { border: 1px solid var(--line); padding: 3px 8px; white-space: nowrap; }
table.grid thead th { background: #f1f3f4; font-weight: 600; text-align: center; }
table.grid th.rownum, table.grid th.letter { background: #e8eaed; color: #5f6368; font-weight: normal; font-size: 11px; }
table.grid td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.grid tr.gap td { text-align: center; color: #80868b; background: #fafafa; font-style: italic; }
td.flag { cursor: pointer; position: relative; }
td.flag.error { background: #fce8e6; outline: 2px solid var(--err); outline-offset: -2px; }
td.flag.warning { background: #fef7e0; outline: 2px solid var(--warn); outline-offset: -2px; }
td.suspect::after { content: "?"; position: absolute; top: -1px; right: 1px; font-size: 10px; font-weight: bold; color: #fff; background: #a142f4; border-radius: 6px; padding: 0 3px; }
td.suspect { box-shadow: inset 0 0 0 2px #a142f4; }
td.input { background: #e8f0fe !important; }
td.selected { box-shadow: inset 0 0 0 3px #1a73e8; }
#pop { position: fixed; display: none; max-width: 480px; background: #fff; border: 1px solid var(--line); border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.2); padding: 10px 12px; font-size: 13px; z-index: 10; }
#pop dl { margin: 6px 0 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; }
#pop dt { color: #5f6368; } #pop dd { margin: 0; }
.textline { font-family: monospace; background: #f8f9fa; padding: 4px 8px; border-left: 3px solid var(--line); white-space: pre-wrap; }
.textline mark { background: #fce8e6; outline: 1px solid var(--err); }
.hidden { display: none !important; }
"#;

const SCRIPT: &str = r#"
(function () {
  const data = JSON.parse(document.getElementById('findings-data').textContent);
  const ui = JSON.parse(document.getElementById('ui-text').textContent);
  const pop = document.getElementById('pop');
  function clear() {
    document.querySelectorAll('td.input, td.selected').forEach(e => e.classList.remove('input', 'selected'));
  }
  function show(cell, ev) {
    clear();
    const ids = (cell.dataset.findings || '').split(' ').filter(Boolean);
    let html = '';
    for (const id of ids) {
      const f = data[id];
      if (!f) continue;
      html += '<div><span class="sev">' + escapeHtml(ui['sev-' + f.severity] || f.severity) + '</span> <span class="rule">' + escapeHtml(f.rule) + '</span> ' + escapeHtml(f.message);
      html += '<dl>';
      for (const [k, v] of [['stated', f.stated], ['computed', f.computed], ['difference', f.difference], ['tolerance', f.tolerance], ['unit', f.unit], ['inputs', (f.inputs || []).join(', ')]]) {
        if (v !== null && v !== undefined && v !== '') html += '<dt>' + escapeHtml(ui[k]) + '</dt><dd>' + escapeHtml(String(v)) + '</dd>';
      }
      if (f.hint) html += '<dt>' + escapeHtml(ui.hint) + '</dt><dd class="hint">' + escapeHtml(f.hint) + '</dd>';
      if (f.help) html += '<dt>' + escapeHtml(ui.help) + '</dt><dd>' + escapeHtml(f.help) + '</dd>';
      html += '</dl></div>';
      const table = cell.closest('table');
      for (const c of f.input_cells || []) {
        const el = table.querySelector('td[data-cell="' + c + '"]');
        if (el) el.classList.add('input');
      }
    }
    cell.classList.add('selected');
    pop.innerHTML = html;
    pop.style.display = 'block';
    const r = cell.getBoundingClientRect();
    pop.style.left = Math.min(r.left, window.innerWidth - 500) + 'px';
    pop.style.top = Math.min(r.bottom + 6, window.innerHeight - pop.offsetHeight - 10) + 'px';
  }
  function escapeHtml(s) { return s.replace(/[&<>"']/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c])); }
  document.querySelectorAll('td.flag').forEach(td => {
    td.addEventListener('mouseenter', ev => show(td, ev));
    td.addEventListener('click', ev => { show(td, ev); ev.stopPropagation(); });
  });
  document.addEventListener('click', () => { pop.style.display = 'none'; clear(); });
  function filter() {
    const sev = new Set([...document.querySelectorAll('input.sevf:checked')].map(e => e.value));
    const rule = document.getElementById('rulef').value;
    document.querySelectorAll('li.finding').forEach(li => {
      const ok = sev.has(li.dataset.severity) && (rule === '' || li.dataset.rule === rule);
      li.classList.toggle('hidden', !ok);
    });
  }
  document.querySelectorAll('input.sevf, #rulef').forEach(e => e.addEventListener('change', filter));
  filter();
  // A link to a cell (#c-…) scrolls to it and opens its explanation.
  function fromHash() {
    let id = '';
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    const el = id && document.getElementById(id);
    if (el && el.classList.contains('flag')) { el.scrollIntoView({block: 'center'}); show(el); }
  }
  window.addEventListener('hashchange', fromHash);
  fromHash();
  document.body.dataset.ready = 'true';
})();
"#;

/// JSON made safe inside `<script>`: `<`, `>` and `&` as `\\u` escapes (so
/// no `</script>` or `<!--` in a label can end or disable the script), and
/// U+2028/9, which old engines take as line ends. JSON strings read them
/// back unchanged; outside strings JSON has none of these characters.
fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Renders the reports, and the rules' summaries if rules ran, as one HTML
/// page.
pub fn render(reports: &[FileReport], rules: &[RuleSummary]) -> String {
    let by_rule = tally_by_rule(reports);
    let mut h = String::new();
    write_head(&mut h, reports);
    write_by_rule(&mut h, &by_rule);
    write_rules(&mut h, rules);
    write_unreadable(&mut h, reports);
    write_filters(&mut h, &by_rule);
    let mut data: Vec<serde_json::Value> = Vec::new();
    for (fi, r) in reports.iter().enumerate() {
        write_file(&mut h, fi, r, &mut data);
    }
    let json = script_json(&serde_json::to_string(&data).unwrap_or_else(|_| "[]".into()));
    let ui = script_json(&ui_text().to_string());
    let _ = writeln!(h, "</main><div id=\"pop\"></div><script type=\"application/json\" id=\"findings-data\">{json}</script><script type=\"application/json\" id=\"ui-text\">{ui}</script><script>{SCRIPT}</script></body></html>");
    h
}

/// Findings per rule: errors, warnings, info.
fn tally_by_rule(reports: &[FileReport]) -> BTreeMap<&str, [usize; 3]> {
    let mut by_rule: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for f in reports.iter().flat_map(|r| r.findings.iter()) {
        by_rule.entry(f.rule.as_str()).or_default()[severity_rank(f.severity)] += 1;
    }
    by_rule
}

/// Error first, then warning, then info.
fn severity_rank(sev: Severity) -> usize {
    match sev {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// A catalog text, escaped for HTML.
fn t(id: &'static str) -> String {
    esc(&tr(id))
}

/// The words the report's script shows, in the run's language.
fn ui_text() -> serde_json::Value {
    let mut m = serde_json::Map::new();
    for (k, id) in [
        ("stated", "html-stated"),
        ("computed", "html-computed"),
        ("difference", "html-difference"),
        ("tolerance", "html-tolerance"),
        ("unit", "html-unit"),
        ("inputs", "html-inputs"),
        ("hint", "html-hint"),
        ("help", "html-help"),
        ("sev-error", "sev-error"),
        ("sev-warning", "sev-warning"),
        ("sev-info", "sev-info"),
    ] {
        m.insert(k.into(), tr(id).into());
    }
    serde_json::Value::Object(m)
}

/// A severity's word.
fn sev_word(sev: Severity) -> String {
    tr(match sev {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    })
}

/// The most likely cell of a finding and why, in a sentence.
fn probably(f: &Finding) -> Option<String> {
    f.suspects.first().map(|s| {
        Message::new("html-probably")
            .text("cell", s.cell.clone())
            .text(
                "proposed",
                s.proposed.map_or("?".to_string(), crate::message::show),
            )
            .message("reason", s.reason())
            .render()
    })
}

/// The document's head and the summary header.
fn write_head(h: &mut String, reports: &[FileReport]) {
    let s = Summary::of(reports);
    let count = |sev: Severity| {
        reports
            .iter()
            .flat_map(|r| r.findings.iter())
            .filter(|f| f.severity == sev)
            .count()
    };
    let tables: usize = reports.iter().map(|r| r.tables).sum();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{}</title><style>{STYLE}</style></head><body>\n",
        lang().tag(),
        t("html-title")
    );
    let _ = write!(
        h,
        "<header><h1>{}</h1><div class=\"summary\"><div><b>{}</b>{}</div><div><b>{}</b>{}</div><div><b>{}</b>{}</div><div><b>{}</b>{}</div><div><b>{tables}</b>{}</div><div><b style=\"color:#f28b82\">{}</b>{}</div><div><b style=\"color:#fdd663\">{}</b>{}</div><div><b style=\"color:#8ab4f8\">{}</b>{}</div></div></header>\n<main>\n",
        t("html-title"),
        s.files,
        t("html-files"),
        s.ok,
        t("html-clean"),
        s.findings,
        t("html-with-findings"),
        s.errors,
        t("html-unreadable"),
        t("html-tables"),
        count(Severity::Error),
        t("html-errors"),
        count(Severity::Warning),
        t("html-warnings"),
        count(Severity::Info),
        t("html-info")
    );
}

/// The table of findings by rule.
fn write_by_rule(h: &mut String, by_rule: &BTreeMap<&str, [usize; 3]>) {
    let _ = write!(h, "<details open><summary>{}</summary><table class=\"grid\" id=\"by-rule\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>", t("html-by-rule"), t("html-rule"), t("sev-error"), t("sev-warning"), t("sev-info"));
    for (rule, n) in by_rule {
        let _ = write!(h, "<tr><td><span class=\"rule\">{}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>", esc(rule), n[0], n[1], n[2]);
    }
    h.push_str("</tbody></table></details>\n");
}

/// What each rule came to, if rules ran: items, passes, fails, undecided
/// and why.
fn write_rules(h: &mut String, rules: &[RuleSummary]) {
    if rules.is_empty() {
        return;
    }
    let _ = write!(h, "<details open><summary>{}</summary><table class=\"grid\" id=\"rules\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>", t("html-rules"), t("html-rule"), t("html-items"), t("html-pass"), t("html-fail"), t("html-undecided"), t("html-why-undecided"));
    for r in rules {
        let _ = write!(
            h,
            "<tr><td><span class=\"rule\">{}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(&r.id),
            r.items,
            r.passes,
            r.fails,
            r.undecided,
            esc(&r.reasons.join("; "))
        );
    }
    h.push_str("</tbody></table></details>\n");
}

/// The list of files that could not be read, if any.
fn write_unreadable(h: &mut String, reports: &[FileReport]) {
    let unreadable: Vec<&FileReport> = reports.iter().filter(|r| r.error.is_some()).collect();
    if unreadable.is_empty() {
        return;
    }
    let _ = write!(
        h,
        "<details open><summary>{}</summary><ul id=\"unreadable\">",
        t("html-unreadable-files")
    );
    for r in unreadable {
        let _ = write!(
            h,
            "<li>{}: {}</li>",
            esc(&r.path.display().to_string()),
            esc(&r
                .error
                .as_ref()
                .map(|e| e.kind.message().render())
                .unwrap_or_default())
        );
    }
    h.push_str("</ul></details>\n");
}

/// The severity and rule filters.
fn write_filters(h: &mut String, by_rule: &BTreeMap<&str, [usize; 3]>) {
    let _ = write!(h, "<nav class=\"filters\">{} ", t("html-show"));
    for (sev, checked) in [("error", true), ("warning", true), ("info", false)] {
        let _ = write!(
            h,
            "<label><input type=\"checkbox\" class=\"sevf\" value=\"{sev}\"{}> {}</label>",
            if checked { " checked" } else { "" },
            t(match sev {
                "error" => "sev-error",
                "warning" => "sev-warning",
                _ => "sev-info",
            })
        );
    }
    let _ = write!(
        h,
        "<label>{} <select id=\"rulef\"><option value=\"\">{}</option>",
        t("html-rule"),
        t("html-all")
    );
    for rule in by_rule.keys() {
        let _ = write!(h, "<option>{}</option>", esc(rule));
    }
    h.push_str("</select></label></nav>\n");
}

/// Cells of a sheet, `(sheet, A1)`, and the ids of the findings about them.
type CellIds = HashMap<(String, String), Vec<usize>>;

/// A file's findings as the page refers to them: an id each, and the cells
/// that point at them.
struct Marks {
    /// The id of each finding, in order.
    ids: Vec<usize>,
    /// The findings about each cell.
    by_cell: CellIds,
    /// The findings whose first suspect is each cell.
    suspects: CellIds,
}

/// One file's section: its findings, its tables, its text lines.
fn write_file(h: &mut String, fi: usize, r: &FileReport, data: &mut Vec<serde_json::Value>) {
    let path = r.path.display().to_string();
    let _ = writeln!(
        h,
        "<section class=\"file\" id=\"file-{fi}\"><h2>{}<span class=\"status {}\">{}</span></h2>",
        esc(&path),
        r.status(),
        t(match r.status() {
            "ok" => "status-ok",
            "findings" => "status-findings",
            _ => "status-error",
        })
    );
    if let Some(e) = &r.error {
        let _ = writeln!(h, "<p>{}</p></section>", esc(&e.kind.message().render()));
        return;
    }
    let marks = mark_findings(&r.findings, data);
    h.push_str("<ol class=\"findings\">");
    for (f, id) in r.findings.iter().zip(&marks.ids) {
        write_finding_item(h, fi, f, *id);
    }
    h.push_str("</ol>\n");
    for v in &r.views {
        draw(h, fi, v, &marks, data);
    }
    for (f, id) in r.findings.iter().zip(&marks.ids) {
        write_text_line(h, fi, f, *id);
    }
    h.push_str("</section>\n");
}

/// Every finding gets an id (its place in `data`); cells point at them.
fn mark_findings(findings: &[Finding], data: &mut Vec<serde_json::Value>) -> Marks {
    let mut marks = Marks {
        ids: Vec::new(),
        by_cell: HashMap::new(),
        suspects: HashMap::new(),
    };
    for f in findings {
        let id = data.len();
        marks.ids.push(id);
        let mut v = serde_json::to_value(FindingJson::from(f)).unwrap_or_default();
        let inputs: Vec<String> = f.inputs.iter().flat_map(|i| expand(i)).collect();
        v["input_cells"] = serde_json::json!(inputs);
        v["hint"] = serde_json::json!(probably(f));
        data.push(v);
        if let Location::Cell { sheet, a1: cell } = &f.location {
            marks
                .by_cell
                .entry((sheet.clone(), cell.clone()))
                .or_default()
                .push(id);
        }
        if let (Some(sheet), Some(s)) = (f.sheet(), f.suspects.first()) {
            marks
                .suspects
                .entry((sheet.to_string(), s.cell.clone()))
                .or_default()
                .push(id);
        }
    }
    marks
}

/// One finding in the file's list, linked to its cell or text line.
fn write_finding_item(h: &mut String, fi: usize, f: &Finding, id: usize) {
    let sev = f.severity.as_str();
    let target = match &f.location {
        Location::Cell { sheet: s, a1: c } => format!(
            "<a href=\"#c-{fi}-{}-{}\">{}!{}</a> ",
            esc(&slug(s)),
            esc(c),
            esc(s),
            esc(c)
        ),
        _ => f
            .location
            .line_col()
            .map(|(l, _)| {
                let place = Message::new("place-line")
                    .text("line", l.to_string())
                    .render();
                format!("<a href=\"#t-{fi}-{id}\">{}</a> ", esc(&place))
            })
            .unwrap_or_default(),
    };
    let hint = probably(f)
        .map(|p| format!(" <span class=\"hint\">→ {}</span>", esc(&p)))
        .unwrap_or_default();
    let _ = write!(
        h,
        "<li class=\"finding {sev}\" id=\"f-{id}\" data-severity=\"{sev}\" data-rule=\"{}\"><span class=\"sev\">{}</span><span class=\"rule\">{}</span> {target}{}{hint}</li>",
        esc(f.rule.as_str()),
        esc(&sev_word(f.severity)),
        esc(f.rule.as_str()),
        esc(&f.message.render())
    );
}

/// A text finding: the line with the figure marked.
fn write_text_line(h: &mut String, fi: usize, f: &Finding, id: usize) {
    let (
        Location::Text {
            line, span: (a, b), ..
        },
        Some(ex),
    ) = (&f.location, &f.excerpt)
    else {
        return;
    };
    let (a, b) = (*a, *b);
    let text = &ex.text;
    let ls = text[..a.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let le = text[b.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |i| b + i);
    let _ = write!(
        h,
        "<div class=\"textline\" id=\"t-{fi}-{id}\">{line}: {}<mark>{}</mark>{}</div>",
        esc(&text[ls..a]),
        esc(&text[a..b]),
        esc(&text[b..le])
    );
}

fn slug(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect()
}

/// A table view as a grid, flagged cells coloured and linked to their
/// findings.
fn draw(h: &mut String, fi: usize, v: &TableView, marks: &Marks, data: &[serde_json::Value]) {
    draw_head(h, v);
    for row in &v.rows {
        match row {
            ViewRow::Gap(n) => {
                let _ = write!(
                    h,
                    "<tr class=\"gap\"><td colspan=\"{}\">⋮ {n} rows without findings</td></tr>",
                    v.cols.len() + 1
                );
            }
            ViewRow::Row { row, cells } => {
                let _ = write!(h, "<tr><th class=\"rownum\">{}</th>", row + 1);
                for (k, text) in cells.iter().enumerate() {
                    draw_cell(h, fi, v, &v.a1(*row, k), text, marks, data);
                }
                h.push_str("</tr>");
            }
        }
    }
    h.push_str("</tbody></table></div>\n");
}

/// The grid's title, column letters and header rows.
fn draw_head(h: &mut String, v: &TableView) {
    let title = v
        .title
        .as_deref()
        .map(|t| format!(" — {}", esc(t)))
        .unwrap_or_default();
    let _ = write!(h, "<h3>{}{title}</h3><div class=\"grid-wrap\"><table class=\"grid\" data-sheet=\"{}\"><thead><tr><th class=\"letter\"></th>", esc(&v.sheet), esc(&v.sheet));
    for l in v.letters() {
        let _ = write!(h, "<th class=\"letter\">{l}</th>");
    }
    h.push_str("</tr>");
    for line in &v.header {
        h.push_str("<tr><th class=\"rownum\"></th>");
        for c in line {
            let _ = write!(
                h,
                "<th colspan=\"{}\" rowspan=\"{}\">{}</th>",
                c.colspan,
                c.rowspan,
                esc(&c.text)
            );
        }
        h.push_str("</tr>");
    }
    h.push_str("</thead><tbody>");
}

/// One cell of the grid: its classes (number, flag and the worst severity,
/// suspect) and the ids of the findings it shows.
fn draw_cell(
    h: &mut String,
    fi: usize,
    v: &TableView,
    cell: &str,
    text: &str,
    marks: &Marks,
    data: &[serde_json::Value],
) {
    let key = (v.sheet.clone(), cell.to_string());
    let ids = marks.by_cell.get(&key).cloned().unwrap_or_default();
    let sus = marks.suspects.get(&key).cloned().unwrap_or_default();
    let mut class = Vec::new();
    if text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '-')
    {
        class.push("num");
    }
    if let Some(w) = worst_severity(&ids, data) {
        class.push("flag");
        class.push(w);
    }
    let mut all_ids = ids.clone();
    if !sus.is_empty() {
        class.push("suspect");
        if !class.contains(&"flag") {
            class.push("flag");
            class.push("error");
        }
        all_ids.extend(sus.iter().copied().filter(|i| !ids.contains(i)));
    }
    let ids_attr = all_ids
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let _ = write!(
        h,
        "<td id=\"c-{fi}-{}-{cell}\" data-cell=\"{cell}\" class=\"{}\"{}>{}</td>",
        esc(&slug(&v.sheet)),
        class.join(" "),
        if ids_attr.is_empty() {
            String::new()
        } else {
            format!(" data-findings=\"{ids_attr}\"")
        },
        esc(text)
    );
}

/// The worst severity among these findings, as its class name.
fn worst_severity(ids: &[usize], data: &[serde_json::Value]) -> Option<&'static str> {
    ids.iter()
        .filter_map(|&i| data.get(i)?.get("severity")?.as_str())
        .map(|s| match s {
            "error" => "error",
            "warning" => "warning",
            _ => "info",
        })
        .min_by_key(|s| match *s {
            "error" => 0,
            "warning" => 1,
            _ => 2,
        })
}
