//! Published PDFs: tables rebuilt from the page, checked like a workbook's,
//! every finding on its page; the eight real disclosures of
//! `../shared/corpus/pdf`, fixture PDFs printed from the fixture workbooks,
//! and PDFs that cannot be read.

use crossfoot::workbook::pdf;
use crossfoot::workbook::{Sheet, Value};

/// The non-blank cells of a sheet row, as text (figures as written, without
/// thousands separators or trailing zeros).
fn row(sheet: &Sheet, r: usize) -> Vec<String> {
    (0..sheet.cols())
        .filter_map(|c| {
            let cell = sheet.cell(r, c);
            match (cell.value, cell.number) {
                (Value::Text(t), _) => Some(t.to_string()),
                (_, Some(n)) => Some(n.value.normalize().to_string()),
                _ => None,
            }
        })
        .collect()
}

/// Every row of the sheet, as [`row`] gives them.
fn rows(sheet: &Sheet) -> Vec<Vec<String>> {
    (0..sheet.rows()).map(|r| row(sheet, r)).collect()
}

/// What each real disclosure comes to: its rebuilt tables (one sheet each,
/// named by their pages), the tables detected in them, and the relations
/// decided (with the items of the document's shipped pack). Read off the pages (`pdftoppm -png -f N -l N`).
const DOCUMENTS: &[(&str, &[&str], usize, usize)] = &[
    (
        "caizhengju-2024-final.pdf",
        &[
            "p.5", "p.6-7", "p.8-9", "p.10-11", "p.12-13", "p.15", "p.16-17", "p.18", "p.19",
            "p.20",
        ],
        10,
        271,
    ),
    (
        "final-accounts-template.pdf",
        &[
            "p.4", "p.5", "p.6", "p.7", "p.8-9", "p.10", "p.11", "p.12", "p.13", "p.14",
        ],
        5,
        19,
    ),
    (
        "shangwuwei-2025-budget.pdf",
        &[
            "p.9", "p.10-11", "p.12-13", "p.14", "p.15-16", "p.17", "p.18", "p.19-20", "p.21",
        ],
        9,
        401,
    ),
    (
        "shangwuwei-2025-unit-budget.pdf",
        &[
            "p.9", "p.10-11", "p.12-13", "p.14", "p.15-16", "p.17", "p.18", "p.19-20", "p.21",
        ],
        9,
        412,
    ),
    (
        "wanlijiedao-2024-budget.pdf",
        &[
            "p.10", "p.11-15", "p.16-20", "p.21", "p.22-26", "p.27", "p.28", "p.29-30", "p.31",
        ],
        9,
        985,
    ),
    (
        "wanlijiedao-2025-budget.pdf",
        &[
            "p.9", "p.10-13", "p.14-18", "p.19", "p.20-24", "p.25", "p.26", "p.27-28", "p.29",
        ],
        9,
        920,
    ),
    (
        "zhengfuban-2025-budget-a.pdf",
        &[
            "p.8", "p.9-10", "p.11-12", "p.13", "p.14-15", "p.16", "p.17", "p.18-19", "p.20",
        ],
        9,
        281,
    ),
    (
        "zhengfuban-2025-unit-budget.pdf",
        &[
            "p.8", "p.9-10", "p.11-12", "p.13", "p.14-15", "p.16", "p.17", "p.18-19", "p.20",
        ],
        9,
        289,
    ),
];

/// Each disclosure's nine tables (the 决算's after its table of units) are
/// rebuilt, one sheet each, a table run on over pages being one; every
/// relation in them is decided (none undecided), and none of the published
/// tables gets a false error.
#[test]
fn every_disclosure_is_read_into_its_tables_and_decided() {
    let Some(dir) = crate::support::shared("corpus/pdf") else {
        eprintln!("skipped: ../shared/corpus/pdf is not present");
        return;
    };
    for &(file, sheets, tables, checks) in DOCUMENTS {
        let path = dir.join(file);
        let read = pdf::read(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        let names: Vec<&str> = read.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, sheets, "{file}");
        let report = crossfoot::check_file(&path);
        assert!(report.error.is_none(), "{file}: {:?}", report.error);
        assert_eq!((report.tables, report.checks), (tables, checks), "{file}");
        let table_errors: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.location.sheet().is_some() && f.severity >= crossfoot::Severity::Warning)
            // (The blank template's empty tables are told so: tests/disclosure.rs.)
            .filter(|f| !f.rule.as_str().starts_with("template-"))
            .map(|f| format!("{} {}", f.rule, f.message.render()))
            .collect();
        assert_eq!(table_errors, Vec::<String>::new(), "{file}");
        // Blank pages (the 决算's p.14) are not scans: nothing is unread.
        assert!(
            report
                .findings
                .iter()
                .all(|f| f.rule.as_str() != "pdf-page-unread"),
            "{file}"
        );
        // Every table finding is on its page.
        for f in &report.findings {
            if f.location.sheet().is_some() {
                assert!(f.page.is_some(), "{file}: {f:?}");
            }
        }
    }
}

/// Rebuilt cells against the page, two tables per document: the title,
/// the header, and two rows, as printed (read off the rendered pages).
#[test]
fn rebuilt_cells_are_the_printed_cells() {
    let Some(dir) = crate::support::shared("corpus/pdf") else {
        eprintln!("skipped: ../shared/corpus/pdf is not present");
        return;
    };
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let cases: &[(&str, &str, &[&[&str]])] = &[
        (
            "caizhengju-2024-final.pdf",
            "p.8-9",
            &[
                &["收入决算表"],
                &[
                    "项目",
                    "本年收入合计",
                    "财政拨款收入",
                    "上级补助收入",
                    "事业收入",
                    "经营收入",
                    "附属单位上缴收入",
                    "其他收入",
                ],
                &["类", "款", "项"],
                &["合计", "2946.25", "2940.05", "6.2"],
                &["201", "06", "01", "行政运行", "1511.9", "1511.89", "0.01"],
            ],
        ),
        (
            "caizhengju-2024-final.pdf",
            "p.12-13",
            &[
                &["财政拨款收入支出决算总表"],
                &[
                    "本年收入合计",
                    "2940.05",
                    "本年支出合计",
                    "2940.05",
                    "2940.05",
                ],
                &["总计", "2961.68", "总计", "2961.68", "2961.68"],
            ],
        ),
        (
            "final-accounts-template.pdf",
            "p.5",
            &[
                &["收入支出决算总表"],
                &["收入", "支出"],
                &["项目", "决算数", "项目", "决算数"],
                &["一、一般公共预算财政拨款收入", "一、一般公共服务支出"],
            ],
        ),
        (
            "final-accounts-template.pdf",
            "p.6",
            &[
                &["收入决算表"],
                &["205", "教育支出"],
                &["2050205", "高等教育"],
            ],
        ),
        (
            "shangwuwei-2025-budget.pdf",
            "p.9",
            &[
                &["2025年部门财务收支预算总表"],
                &["本年收入", "本年支出"],
                &[
                    "一、财政拨款收入",
                    "371514655",
                    "一、一般公共服务支出",
                    "21601733",
                ],
                &["收入总计", "371514655", "支出总计", "371514655"],
            ],
        ),
        (
            "shangwuwei-2025-budget.pdf",
            "p.21",
            &[
                &["2025年部门“三公”经费和机关运行经费预算表"],
                &["“三公”经费预算数", "机关运行经费预算数"],
                &[
                    "合计",
                    "因公出国(境)费",
                    "公务接待费",
                    "公务用车购置及运行费",
                ],
                &["小计", "购置费", "运行费"],
                &["1", "1", "171.01"],
            ],
        ),
        (
            "shangwuwei-2025-unit-budget.pdf",
            "p.9",
            &[
                &["2025年预算单位财务收支预算总表"],
                &[
                    "一、财政拨款收入",
                    "371514655",
                    "一、一般公共服务支出",
                    "21601733",
                    "10823891",
                    "1467842",
                    "9310000",
                ],
            ],
        ),
        (
            "shangwuwei-2025-unit-budget.pdf",
            "p.10-11",
            &[
                &["2025年预算单位收入预算总表"],
                &["201", "13", "01", "行政运行", "9389913", "9389913"],
            ],
        ),
        (
            "wanlijiedao-2024-budget.pdf",
            "p.10",
            &[
                &["2024年部门财务收支预算总表"],
                &[
                    "一、财政拨款收入",
                    "156211123",
                    "一、一般公共服务支出",
                    "2932700",
                ],
            ],
        ),
        (
            "wanlijiedao-2024-budget.pdf",
            "p.29-30",
            &[
                &["2024年部门一般公共预算基本支出部门预算经济分类预算表"],
                &["301", "01", "基本工资", "5873551", "5873551", "0"],
                &["301", "2", "津贴补贴", "16623810", "16623810", "0"],
            ],
        ),
        (
            "wanlijiedao-2025-budget.pdf",
            "p.9",
            &[
                &["2025年部门财务收支预算总表"],
                &[
                    "一、财政拨款收入",
                    "189767551",
                    "一、一般公共服务支出",
                    "3296600",
                ],
            ],
        ),
        (
            "wanlijiedao-2025-budget.pdf",
            "p.10-13",
            &[
                &["2025年部门收入预算总表"],
                &[
                    "201",
                    "05",
                    "07",
                    "专项普查活动",
                    "438300",
                    "438300",
                    "0",
                    "0",
                    "0",
                ],
            ],
        ),
        (
            "zhengfuban-2025-budget-a.pdf",
            "p.8",
            &[
                &["2025年部门财务收支预算总表"],
                &[
                    "一、财政拨款收入",
                    "91016775.35",
                    "一、一般公共服务支出",
                    "82096797.42",
                ],
            ],
        ),
        (
            "zhengfuban-2025-budget-a.pdf",
            "p.9-10",
            &[
                &["2025年部门收入预算总表"],
                &["201", "03", "01", "行政运行", "12029501.84", "12029501.84"],
            ],
        ),
        (
            "zhengfuban-2025-unit-budget.pdf",
            "p.8",
            &[
                &["2025年预算单位财务收支预算总表"],
                &[
                    "一、财政拨款收入",
                    "91016775.35",
                    "一、一般公共服务支出",
                    "82096797.42",
                    "13819399.88",
                    "1867397.54",
                    "66410000",
                ],
            ],
        ),
        (
            "zhengfuban-2025-unit-budget.pdf",
            "p.9-10",
            &[
                &["2025年预算单位收入预算总表"],
                &["201", "03", "01", "行政运行", "12029501.84", "12029501.84"],
            ],
        ),
    ];
    let mut read: std::collections::HashMap<&str, pdf::Pdf> = Default::default();
    for &(file, sheet, want) in cases {
        let doc = read
            .entry(file)
            .or_insert_with(|| pdf::read(&dir.join(file)).unwrap());
        let sheet = doc
            .sheets
            .iter()
            .find(|s| s.name == sheet)
            .unwrap_or_else(|| panic!("{file}: no sheet {sheet}"));
        let got = rows(sheet);
        for w in want {
            assert!(
                got.contains(&s(w)),
                "{file} {}: no row {w:?} in\n{got:#?}",
                sheet.name
            );
        }
    }
}

/// The fixture workbooks printed to PDF by LibreOffice (without gridlines,
/// so columns come from the text's alignment) give what the workbooks
/// give: the same status and the same error findings by check.
#[test]
fn fixture_pdfs_give_the_workbooks_findings() {
    let pairs = [
        ("seed-total-typo", "seed/total-typo.xlsx"),
        ("seed-swapped-digits", "seed/swapped-digits.xlsx"),
        ("seed-clean", "seed/clean.xlsx"),
        ("two-sided-clean", "two-sided/clean.xlsx"),
        ("two-sided-unbalanced", "two-sided/unbalanced.xlsx"),
        ("split-codes-clean", "split-codes/clean.xlsx"),
        ("split-codes-broken", "split-codes/broken.xlsx"),
        ("subtotals-clean", "subtotals/clean.xlsx"),
        ("subtotals-subtotal-typo", "subtotals/subtotal-typo.xlsx"),
        ("subtotals-counted-twice", "subtotals/counted-twice.xlsx"),
        ("function-clean", "function/clean.xlsx"),
        ("function-parent-typo", "function/parent-typo.xlsx"),
        ("outline-clean", "outline/clean.xlsx"),
        ("outline-broken", "outline/broken.xlsx"),
        ("formats-thousands", "formats/thousands.xlsx"),
        ("formats-thousands-typo", "formats/thousands-typo.xlsx"),
        ("side-by-side-broken", "side-by-side/broken.xlsx"),
        ("departments-clean", "departments/clean.xlsx"),
        (
            "departments-row-total-typo",
            "departments/row-total-typo.xlsx",
        ),
        // A header wider than its column of counts (项目数).
        ("seed-miscount", "seed/miscount.xlsx"),
        // Indented 其中 items under a `其中：` line, without rules.
        ("formats-indent", "formats/indent.xlsx"),
        ("formats-indent-typo", "formats/indent-typo.xlsx"),
        // A right-aligned figure against the next cell's code (`90.00` `302`).
        ("side-by-side-clean", "side-by-side/clean.xlsx"),
        // Labels longer than their column, clipped at its edge.
        (
            "performance-evaluation-clean",
            "packs/performance-evaluation/clean.xlsx",
        ),
        (
            "performance-evaluation-section-maximum",
            "packs/performance-evaluation/section-maximum.xlsx",
        ),
        // Labels clipped where a figure's run starts under their tail;
        // year headers (`2024年`) over their figures.
        ("three-public-clean", "three-public/clean.xlsx"),
        ("three-public-parent-zero", "three-public/parent-zero.xlsx"),
        // A one-row 三公 table under a group heading printed from its
        // first column's left (公务用车购置及运行费 over 小计, 购置费, 运行费).
        (
            "budget-disclosure-clean",
            "packs/budget-disclosure/clean.xlsx",
        ),
        (
            "budget-disclosure-three-public",
            "packs/budget-disclosure/three-public.xlsx",
        ),
        // Nine sheets, one per page.
        ("workbook-all-clean", "workbook/all-clean.xlsx"),
    ];
    let summary = |r: &crossfoot::FileReport| {
        let mut rules: Vec<String> = r
            .findings
            .iter()
            .filter(|f| f.severity == crossfoot::Severity::Error)
            .map(|f| f.rule.to_string())
            .collect();
        rules.sort();
        (r.status(), rules)
    };
    for (pdf_name, workbook) in pairs {
        let p = crate::support::fixture(&format!("pdf/{pdf_name}.pdf"));
        let from_pdf = crossfoot::check_file(&p);
        let from_workbook = crossfoot::check_file(&crate::support::fixture(workbook));
        assert!(from_pdf.tables > 0, "{pdf_name}: no table rebuilt");
        assert_eq!(summary(&from_pdf), summary(&from_workbook), "{pdf_name}");
        // Each table finding names its page and its table's title.
        for f in from_pdf
            .findings
            .iter()
            .filter(|f| f.location.sheet().is_some())
        {
            // (Each sheet printed on a page of its own, in order.)
            let pages = from_pdf.tables.max(1) as u32;
            assert!(
                f.page.is_some_and(|p| p >= 1 && p as u32 <= pages + 1),
                "{pdf_name}: {f:?}"
            );
            // (The formats sheets print no title above their table.)
            assert!(
                f.table.is_some() || pdf_name.starts_with("formats-indent"),
                "{pdf_name}: {f:?}"
            );
        }
    }
}

/// The README's PDF: the seed table's mistyped 合计, on page 1, with the
/// table's title, in JSON and in the human report.
#[test]
fn a_pdf_finding_names_page_table_row_and_column() {
    let p = crate::support::fixture("pdf/seed-total-typo.pdf");
    let p = p.to_str().unwrap();
    let (code, out, _) = crate::support::run(&["check", "--no-cache", "--format", "json", p]);
    assert_eq!(code, 1, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = &v["files"][0]["findings"][0];
    assert_eq!(f["rule"], "footing", "{f}");
    assert_eq!(f["page"], 1, "{f}");
    assert_eq!(f["table"], "2024年财政重点绩效评价项目表", "{f}");
    assert_eq!(f["stated"], "21349.1", "{f}");
    assert_eq!(f["computed"], "21240.1", "{f}");
    let (_, out, _) = crate::support::run(&["check", "--no-cache", "--lang", "en", p]);
    assert!(
        out.contains("p.1 2024年财政重点绩效评价项目表 · 合计 · 评价金额"),
        "{out}"
    );
}

/// `crossfoot extract` writes the rebuilt tables as a workbook: one sheet
/// per table, figures as numbers; `--annotate` says a PDF is not annotated.
#[test]
fn extract_writes_the_tables_and_annotate_declines() {
    use calamine::{open_workbook_auto, Data, Reader};
    let dir = crate::support::tempdir();
    let out = dir.path().join("tables.xlsx");
    let p = crate::support::fixture("pdf/two-sided-unbalanced.pdf");
    let (code, _, err) =
        crate::support::run(&["extract", p.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let mut wb = open_workbook_auto(&out).unwrap();
    assert_eq!(wb.sheet_names(), vec!["p.1".to_string()]);
    let range = wb.worksheet_range("p.1").unwrap();
    let figures: Vec<f64> = range
        .rows()
        .flatten()
        .filter_map(|c| match c {
            Data::Float(f) => Some(*f),
            Data::Int(i) => Some(*i as f64),
            _ => None,
        })
        .collect();
    assert!(figures.contains(&960.0), "{figures:?}");
    // Figures are shown as printed: two decimals.
    let book = umya_spreadsheet::reader::xlsx::read(&out).unwrap();
    let ws = book.get_sheet_by_name("p.1").unwrap();
    let shown: Vec<String> = ws
        .get_cell_collection()
        .iter()
        .filter(|c| c.get_value_number() == Some(960.0))
        .map(|c| {
            c.get_style()
                .get_number_format()
                .map_or(String::new(), |f| f.get_format_code().to_string())
        })
        .collect();
    assert!(shown.iter().all(|f| f == "#,##0.00"), "{shown:?}");
    assert!(!shown.is_empty());
    let copies = dir.path().join("copies");
    let (_, _, err) = crate::support::run(&[
        "check",
        "--no-cache",
        "--lang",
        "en",
        "--annotate",
        copies.to_str().unwrap(),
        p.to_str().unwrap(),
    ]);
    assert!(err.contains("a PDF is not annotated"), "{err}");
}

/// A minimal PDF of one page drawing `content` (a content stream), with
/// its cross-reference table.
fn minimal_pdf(content: &str) -> Vec<u8> {
    minimal_pdf_with(content, "")
}

/// [`minimal_pdf`] with `extra` entries in the page's dictionary.
fn minimal_pdf_with(content: &str, extra: &str) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R {extra}>>"),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// PDFs that cannot be checked get one clear line each, and the other
/// files of the folder are checked: a scanned page (no text layer), an
/// encrypted file, a damaged one, an empty one, and other bytes named
/// `.pdf`.
#[test]
fn unreadable_pdfs_say_why_and_the_scan_goes_on() {
    let dir = crate::support::tempdir();
    let d = dir.path();
    std::fs::write(
        d.join("scanned.pdf"),
        minimal_pdf("0 0 1 rg 100 100 300 400 re f"),
    )
    .unwrap();
    let good = std::fs::read(crate::support::fixture("pdf/seed-total-typo.pdf")).unwrap();
    std::fs::write(d.join("damaged.pdf"), &good[..good.len() / 3]).unwrap();
    std::fs::write(d.join("empty.pdf"), b"").unwrap();
    std::fs::write(d.join("other.pdf"), b"PK\x03\x04 not a pdf at all").unwrap();
    // Encrypted with a user password by qpdf (`--encrypt secret owner 256`);
    // kept out of `fixtures/`, whose scans expect every file readable.
    let encrypted = crate::support::root().join("tests/data/encrypted.pdf");
    std::fs::copy(encrypted, d.join("encrypted.pdf")).unwrap();
    std::fs::copy(
        crate::support::fixture("pdf/seed-total-typo.pdf"),
        d.join("good.pdf"),
    )
    .unwrap();
    // Nested 20,000 deep in the page's dictionary, and in a content stream
    // (the parser recurses: neither may end the process).
    let deep = format!("/Junk {}{}", "[".repeat(20_000), "]".repeat(20_000));
    std::fs::write(d.join("nested.pdf"), minimal_pdf_with("BT ET", &deep)).unwrap();
    // Text turned 90° on the page (a table rotated on a portrait page).
    let font =
        "/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>";
    let turned = "BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Total 1,721.10 2,600.00) Tj ET";
    std::fs::write(d.join("sideways.pdf"), minimal_pdf_with(turned, font)).unwrap();
    let deep_stream = format!("BT {}{} TJ ET", "[".repeat(20_000), "]".repeat(20_000));
    std::fs::write(d.join("nested-stream.pdf"), minimal_pdf(&deep_stream)).unwrap();
    let (code, out, err) =
        crate::support::run(&["check", "--no-cache", "--lang", "en", d.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}\n{err}");
    let all = format!("{out}\n{err}");
    for (file, says) in [
        (
            "scanned.pdf",
            "scanned PDF: no text layer, OCR is not supported",
        ),
        ("encrypted.pdf", "password protected"),
        ("damaged.pdf", "damaged PDF"),
        ("empty.pdf", "empty file"),
        ("other.pdf", "not a PDF"),
        ("nested.pdf", "damaged PDF"),
        ("sideways.pdf", "runs sideways"),
        ("nested-stream.pdf", "scanned PDF"),
    ] {
        let line = all
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("{file} not named:\n{all}"));
        assert!(line.contains(says), "{file}: {line}");
    }
    assert!(all.contains("stated 21,349.1, computed 21,240.1"), "{all}");
}

/// `extract` never writes over the PDF it reads, and writes only xlsx.
#[test]
fn extract_refuses_to_overwrite_its_input() {
    let dir = crate::support::tempdir();
    let p = dir.path().join("in.pdf");
    std::fs::copy(crate::support::fixture("pdf/seed-clean.pdf"), &p).unwrap();
    let before = std::fs::read(&p).unwrap();
    let p = p.to_str().unwrap();
    let (code, _, err) = crate::support::run(&["extract", "--lang", "en", p, "-o", p]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is the PDF being read"), "{err}");
    assert_eq!(std::fs::read(p).unwrap(), before);
    let csv = dir.path().join("out.csv");
    let (code, _, err) =
        crate::support::run(&["extract", "--lang", "en", p, "-o", csv.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(!csv.exists());
}

/// A PDF encrypted with only an owner password (any viewer opens it: RC4
/// 40-bit and AES-128, made by `qpdf --allow-weak-crypto --encrypt ""
/// owner 40|128`) is read with the empty user password and checked.
#[test]
fn owner_password_only_pdfs_are_read() {
    for file in ["rc4-owner-only.pdf", "aes128-owner-only.pdf"] {
        let p = crate::support::root().join("tests/data").join(file);
        let report = crossfoot::check_file(&p);
        assert!(report.error.is_none(), "{file}: {:?}", report.error);
        assert_eq!(report.tables, 1, "{file}");
        assert!(
            report.findings.iter().any(|f| f.rule.as_str() == "footing"),
            "{file}: {:?}",
            report.findings
        );
    }
}

/// A page tree that lists itself among its pages (a damaged second page):
/// the page that reads is checked, the damaged one is named, and the run
/// goes on.
#[test]
fn a_damaged_page_is_named_and_the_others_read() {
    let p = crate::support::root().join("tests/data/cyclic-pages.pdf");
    let report = crossfoot::check_file(&p);
    assert!(report.error.is_none(), "{:?}", report.error);
    let unread: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.rule.as_str() == "pdf-page-unread")
        .map(|f| f.message.render())
        .collect();
    assert_eq!(unread.len(), 1, "{unread:?}");
    assert_eq!(
        report
            .findings
            .iter()
            .find(|f| f.rule.as_str() == "pdf-page-unread")
            .and_then(|f| f.page),
        Some(2)
    );
}

/// Prose in a PDF is checked like a report's: a sum claim whose total was
/// changed is found on its page, at its line on the page, and the excerpt
/// shows that page's lines (made with reportlab in STSong-Light, the
/// non-embedded CJK font of iText-made disclosures; page 1 has no claim).
#[test]
fn a_prose_finding_is_on_its_page_and_line() {
    let p = crate::support::fixture("pdf/prose-total-changed.pdf");
    let report = crossfoot::check_file(&p);
    let f = report
        .findings
        .iter()
        .find(|f| f.rule.as_str() == "text-sum")
        .unwrap_or_else(|| panic!("{:#?}", report.findings));
    assert_eq!(f.page, Some(2));
    assert_eq!(f.location.line_col().map(|(l, _)| l), Some(6));
    let p = p.to_str().unwrap();
    let (_, out, _) = crate::support::run(&["check", "--no-cache", "--lang", "en", p]);
    assert!(out.contains("prose-total-changed.pdf › p.2:6:"), "{out}");
    assert!(
        out.contains(" 6 │ 万元，财政重点绩效评价共计 21340.1 万元"),
        "{out}"
    );
}

/// The prose claims of the eight disclosures' 编制说明/情况说明: for each,
/// (decided, undecided, errors) of the changes on last year, the shares,
/// the items stated twice and the items' amounts against their table rows
/// (each 项 of the 财政拨款支出主要内容 ties to its row in 元), and the
/// comparisons of a 决算 with its budget (决算数小于预算数: the ten of
/// caizhengju pp.21-23 all hold). Undecided claims give no base (比2024年
/// 预算增加 X 万元, 与2024年预算持平) or no amount; they are shown, never
/// counted as checks. Each error was looked at on its page:
/// - caizhengju p.21: 一般公共服务支出（类）2106.66万元 of 2940.05 is
///   71.65%, printed 71.73% (the four shares add up to 100.07%);
/// - wanlijiedao-2024 p.9: 住房公积金 350.35 万元 in its heading, 352.67 in
///   `2024年预算安排`; the 0.53% printed follows 350.35.
#[test]
fn prose_claims_of_the_disclosures_are_decided_or_counted() {
    let Some(dir) = crate::support::shared("corpus/pdf") else {
        eprintln!("skipped: ../shared/corpus/pdf is not present");
        return;
    };
    type Counts = [(usize, usize, usize); 5];
    let expected: &[(&str, Counts)] = &[
        (
            "caizhengju-2024-final.pdf",
            [(3, 2, 0), (15, 0, 2), (0, 0, 0), (0, 0, 0), (10, 0, 0)],
        ),
        (
            "final-accounts-template.pdf",
            [(0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0)],
        ),
        (
            "shangwuwei-2025-budget.pdf",
            [(0, 11, 0), (0, 0, 0), (0, 0, 0), (16, 0, 0), (0, 0, 0)],
        ),
        (
            "shangwuwei-2025-unit-budget.pdf",
            [(0, 11, 0), (0, 0, 0), (0, 0, 0), (16, 0, 0), (0, 0, 0)],
        ),
        (
            "wanlijiedao-2024-budget.pdf",
            [(32, 12, 1), (0, 0, 0), (33, 0, 1), (33, 0, 0), (0, 0, 0)],
        ),
        (
            "wanlijiedao-2025-budget.pdf",
            [(0, 11, 0), (0, 0, 0), (0, 0, 0), (33, 0, 0), (0, 0, 0)],
        ),
        (
            "zhengfuban-2025-budget-a.pdf",
            [(0, 11, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0)],
        ),
        (
            "zhengfuban-2025-unit-budget.pdf",
            [(0, 11, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0)],
        ),
    ];
    for (file, counts) in expected {
        let report = crossfoot::check_file(&dir.join(file));
        let got: Vec<(usize, usize, usize)> = [
            "text-change",
            "text-share",
            "text-restated",
            "text-row",
            "text-compare",
        ]
        .iter()
        .map(|rule| {
            let of: Vec<&crossfoot::Finding> = report
                .findings
                .iter()
                .filter(|f| f.rule.as_str() == *rule)
                .collect();
            let undecided = of
                .iter()
                .filter(|f| {
                    f.message.id.contains("undecided") || f.message.id == "text-change-from-zero"
                })
                .count();
            let errors = of
                .iter()
                .filter(|f| f.severity == crossfoot::Severity::Error)
                .count();
            (of.len() - undecided, undecided, errors)
        })
        .collect();
        assert_eq!(got, counts.to_vec(), "{file}");
        // Every prose finding is on a page.
        assert!(
            report
                .findings
                .iter()
                .filter(|f| f.rule.as_str().starts_with("text-"))
                .all(|f| f.page.is_some()),
            "{file}"
        );
    }
}

/// The HTML report draws a rebuilt table under its page and title.
#[test]
fn the_html_report_draws_the_table_with_its_page() {
    let dir = crate::support::tempdir();
    let out = dir.path().join("report.html");
    let pdf = crate::support::fixture("pdf/seed-total-typo.pdf");
    let (code, _, err) = crate::support::run(&[
        "check",
        "--no-cache",
        "--format",
        "html",
        "-o",
        out.to_str().unwrap(),
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(
        html.contains("<h3>p.1 — 2024年财政重点绩效评价项目表</h3>"),
        "{}",
        &html[..html.len().min(2000)]
    );
    assert!(html.contains("p.1!E8"));
}
