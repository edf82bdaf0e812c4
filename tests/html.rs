//! The auditor's views: the HTML report, checked through the DOM of a
//! headless Chromium, and annotated copies of the workbooks, opened again
//! with calamine.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{open_workbook_auto, Data, Reader};

use crate::support::{fixture, root, run, tempdir};

fn chromium() -> Option<PathBuf> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

fn headless(browser: &Path, profile: &Path) -> Command {
    let mut c = Command::new(browser);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--virtual-time-budget=3000",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

#[test]
fn the_html_report_highlights_every_finding_in_a_real_browser() {
    report_in_a_browser("en", "report-screenshot.png");
}

/// The same report in Chinese: its `lang`, its headings and filters, and
/// every finding's explanation, in Chinese.
#[test]
fn the_chinese_html_report_in_a_real_browser() {
    report_in_a_browser("zh", "report-screenshot-zh.png");
}

fn report_in_a_browser(lang: &str, screenshot: &str) {
    let dir = tempdir();
    let html = dir.path().join("report.html");
    let inputs = [fixture(""), fixture("text/item-changed.txt")];
    let mut args = vec![
        "--lang".to_string(),
        lang.into(),
        "check".to_string(),
        "--format".into(),
        "html".into(),
        "-o".into(),
        html.display().to_string(),
    ];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    let (code, _, err) = run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 1, "{err}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        !page.contains("http://") && !page.contains("src=\"http"),
        "self-contained: no external assets"
    );
    if lang == "zh" {
        assert!(
            page.contains("<html lang=\"zh-CN\">"),
            "the page's language"
        );
        for chrome in [
            "crossfoot 检查报告",
            "按检查项统计",
            "显示：",
            "全部",
            "错误",
            "有问题",
        ] {
            assert!(page.contains(chrome), "{chrome} is on the page");
        }
        for english in ["Findings by rule", "Show:", "with findings", "is probably"] {
            assert!(
                !page.contains(english),
                "{english} is not on the Chinese page"
            );
        }
    }
    // What must be highlighted: every error and warning with a cell.
    let json_args = [
        "--lang",
        lang,
        "check",
        "--format",
        "json",
        &inputs[0].display().to_string(),
        &inputs[1].display().to_string(),
    ]
    .map(|a| a.to_string());
    let (_, stdout, _) = run(&json_args.iter().map(String::as_str).collect::<Vec<_>>());
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let mut expected = Vec::new();
    for (fi, file) in doc["files"].as_array().unwrap().iter().enumerate() {
        for f in file["findings"].as_array().unwrap() {
            if f["severity"] == "info" {
                continue;
            }
            if let (Some(sheet), Some(cell)) = (f["sheet"].as_str(), f["cell"].as_str()) {
                let slug: String = sheet
                    .chars()
                    .map(|c| if c.is_alphanumeric() { c } else { '_' })
                    .collect();
                expected.push((
                    format!("c-{fi}-{slug}-{cell}"),
                    f["message"].as_str().unwrap().to_string(),
                ));
            }
        }
    }
    assert!(expected.len() > 20, "the fixtures have many findings");
    let Some(browser) = chromium() else {
        eprintln!("skipped: no Chromium (apt-get install chromium); checked the static page only");
        for (id, _) in &expected {
            assert!(page.contains(&format!("id=\"{id}\"")), "{id} is drawn");
        }
        return;
    };
    let profile = dir.path().join("profile");
    let out = headless(&browser, &profile)
        .arg("--dump-dom")
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        dom.contains("data-ready=\"true\""),
        "the page's script ran: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (id, message) in &expected {
        let at = dom
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("{id} is not in the DOM"));
        let tag_end = at + dom[at..].find('>').unwrap();
        let tag = &dom[dom[..at].rfind('<').unwrap()..tag_end];
        assert!(
            tag.contains("flag") && (tag.contains("error") || tag.contains("warning")),
            "{id} is highlighted: {tag}"
        );
        assert!(
            tag.contains("data-findings"),
            "{id} explains itself on hover: {tag}"
        );
        let escaped = message
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;");
        // (Quotes in a text node are dumped as they are.)
        let in_text = message
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(
            dom.contains(&escaped) || dom.contains(&in_text),
            "the explanation of {id} is on the page: {message}"
        );
    }
    // The suspect of the detail typo is marked.
    let marked = dom
        .match_indices("data-cell=\"E12\" class=\"")
        .any(|(i, m)| {
            dom[i + m.len()..]
                .split('"')
                .next()
                .is_some_and(|c| c.contains("suspect"))
        });
    assert!(marked, "the suspect E12 of function/detail-typo is marked");
    // A screenshot for people to look at.
    let shot = root().join("target").join(screenshot);
    let _ = std::fs::create_dir_all(shot.parent().unwrap());
    let status = headless(&browser, &dir.path().join("profile2"))
        .arg("--window-size=1280,1600")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        shot.exists(),
        "screenshot: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    eprintln!("screenshot saved to {}", shot.display());
}

/// The comments of an xlsx, by sheet file and cell.
fn comments(path: &Path) -> Vec<(String, String)> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().map(|n| n.to_string()).unwrap_or_default();
        if !name.contains("comments") || !name.ends_with(".xml") {
            continue;
        }
        let mut xml = String::new();
        f.read_to_string(&mut xml).unwrap();
        for part in xml.split("<comment ").skip(1) {
            let r = part
                .split("ref=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or("")
                .to_string();
            out.push((r, part.to_string()));
        }
    }
    out
}

fn values(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut wb = open_workbook_auto(path).unwrap();
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let start = range.start().unwrap_or((0, 0));
            let mut grid = vec![
                vec![String::new(); range.end().map_or(0, |e| e.1 as usize + 1)];
                range.end().map_or(0, |e| e.0 as usize + 1)
            ];
            for (r, c, v) in range.used_cells() {
                let text = match v {
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => format!("{i}"),
                    other => other.to_string(),
                };
                grid[r + start.0 as usize][c + start.1 as usize] = text;
            }
            (name, grid)
        })
        .collect()
}

#[test]
fn annotated_copies_keep_the_values_and_mark_the_cells() {
    let dir = tempdir();
    let out = dir.path().join("annotated");
    let originals = [
        fixture("seed/total-typo.xlsx"),
        fixture("function/detail-typo.xlsx"),
        fixture("formulas/short-range.xlsx"),
    ];
    let before: Vec<Vec<u8>> = originals
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let mut args = vec![
        "check".to_string(),
        "--no-cache".into(),
        "--annotate".into(),
        out.display().to_string(),
    ];
    args.extend(originals.iter().map(|p| p.display().to_string()));
    args.push(fixture("seed/clean.xlsx").display().to_string());
    args.push(fixture("csv/seed-gbk-total-typo.csv").display().to_string());
    let (code, _, err) = run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 1, "{err}");
    for (p, b) in originals.iter().zip(&before) {
        assert_eq!(
            &std::fs::read(p).unwrap(),
            b,
            "{} is never written to",
            p.display()
        );
    }
    assert!(
        !out.join("clean.xlsx").exists(),
        "no copy of a clean workbook"
    );

    for (orig, flagged) in [
        (fixture("seed/total-typo.xlsx"), vec!["D8"]),
        (
            fixture("function/detail-typo.xlsx"),
            vec!["E11", "C12", "E12"],
        ),
        (fixture("formulas/short-range.xlsx"), vec!["D8"]),
    ] {
        let copy = out.join(orig.file_name().unwrap());
        assert_eq!(
            values(&copy),
            values(&orig),
            "{}: the values are the original's",
            copy.display()
        );
        let notes = comments(&copy);
        for cell in &flagged {
            let note = notes
                .iter()
                .find(|(r, _)| r == cell)
                .unwrap_or_else(|| panic!("{}: no comment on {cell}", copy.display()));
            assert!(note.1.contains("crossfoot"), "{note:?}");
        }
        // Where the evidence does not single out one cell, the note lists
        // the other candidates it promises.
        if orig.ends_with("seed/total-typo.xlsx") {
            let note = &notes.iter().find(|(r, _)| r == "D8").unwrap().1;
            assert!(
                note.contains("other candidates follow") && note.contains("or, as likely: D4"),
                "{note}"
            );
        }
        // The fill, read back with calamine.
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&copy).unwrap();
        let sheet = wb.sheet_names()[0].clone();
        let styles = wb.worksheet_style(&sheet).unwrap();
        for cell in &flagged {
            let (r, c) = crossfoot::workbook::parse_a1(cell).unwrap();
            let fill = styles
                .get((r as u32, c as u32))
                .and_then(|s| s.fill.clone())
                .and_then(|f| f.foreground_color);
            assert!(fill.is_some(), "{}: {cell} is filled", copy.display());
        }
    }
    // The formula survives in the copy.
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(out.join("short-range.xlsx")).unwrap();
    let f = wb.worksheet_formula("重点评价项目").unwrap();
    assert!(f.used_cells().any(|(_, _, t)| t.contains("SUM(D4:D6)")));
    // A CSV becomes an xlsx copy with the same figures and the mark.
    let copy = out.join("seed-gbk-total-typo.xlsx");
    let report = crossfoot::check_file(&copy);
    assert_eq!(report.findings.len(), 1, "the copy has the same finding");
    assert_eq!(report.findings[0].cell(), Some("C8"));
    assert!(comments(&copy).iter().any(|(r, _)| r == "C8"));
}

/// Guards: a header label containing `<!--<script>` disabled the report's
/// script; a rule id or label could run script; a malformed `#hash` broke
/// the script. The page is loaded with hostile names, a hostile rule id and
/// a malformed hash: the report's own script runs (it marks the page ready)
/// and no injected script does (it would set a marker).
#[test]
fn hostile_names_neither_run_nor_stop_the_report_script() {
    let dir = tempdir();
    let csv = dir.path().join("x.csv");
    std::fs::write(
        &csv,
        "项目,金额<!--<script><img src=x onerror=\"document.body.dataset.pwned=1\">\n甲,10\n乙,20\n合计,40\n",
    )
    .unwrap();
    let rules = dir.path().join("r.toml");
    std::fs::write(
        &rules,
        "[tables.\"t\"]\nsheet = \"x\"\n\n[[rule]]\nid = \"</script><script>document.body.dataset.pwned=1</script>\"\nassert = \"count(t.项目) == 1\"\n",
    )
    .unwrap();
    let html = dir.path().join("report.html");
    let (code, _, err) = run(&[
        "check",
        "--format",
        "html",
        "-o",
        &html.display().to_string(),
        "--rules",
        &rules.display().to_string(),
        &csv.display().to_string(),
    ]);
    assert_eq!(code, 1, "{err}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        !page.contains("<!--<script>"),
        "the label is escaped everywhere"
    );
    assert!(
        !page.contains("</script><script>document"),
        "the rule id is escaped"
    );
    let Some(browser) = chromium() else {
        eprintln!("skipped: no Chromium; checked the static page only");
        return;
    };
    let profile = dir.path().join("profile");
    let out = headless(&browser, &profile)
        .arg("--dump-dom")
        .arg(format!("file://{}#%E0%A4%A", html.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        dom.contains("data-ready=\"true\""),
        "the report's script ran"
    );
    assert!(!dom.contains("data-pwned"), "no injected script ran");
}
