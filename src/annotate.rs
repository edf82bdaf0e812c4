//! `--annotate DIR`: a copy of each workbook with findings, its flagged cells
//! filled in colour and a comment on each explaining the finding. The
//! original is never written to.
//!
//! xlsx and xlsm are edited with `umya-spreadsheet`, which keeps the workbook
//! as the user made it: values, formulas, number formats, fonts, borders,
//! merged cells, sheet names, column widths. What it does not carry over
//! (charts, pivot tables, some drawing objects, VBA in xlsm) is listed in
//! the README. Workbooks in other formats (xls, xlsb, ods, csv) are written as
//! a new xlsx with `rust_xlsxwriter`: values, formulas with their cached
//! results, number formats by decimals, merged cells and sheet names.

use crate::message::Message;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::finding::Severity;
use rust_xlsxwriter::{Format, Formula, Note, Workbook, Worksheet};

use crate::workbook::{FileKind, Sheet, Value};
use crate::FileReport;

/// Fill for a cell with an error finding (light red).
pub const ERROR_FILL: &str = "FFFFC7CE";
/// Fill for a cell with a warning (light yellow).
pub const WARNING_FILL: &str = "FFFFEB9C";
/// Fill for a suspect cell (light purple).
pub const SUSPECT_FILL: &str = "FFE4D7F5";

/// Why a copy could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{}", Message::new("annotate-failed").text("path", path.display().to_string()).text("detail", message.as_str()).render())]
pub struct AnnotateError {
    /// The workbook.
    pub path: PathBuf,
    /// What went wrong.
    pub message: String,
}

/// What to mark on one cell.
#[derive(Debug, Default)]
struct Mark {
    fill: Option<&'static str>,
    notes: Vec<String>,
}

fn marks(report: &FileReport) -> BTreeMap<(String, String), Mark> {
    let mut out: BTreeMap<(String, String), Mark> = BTreeMap::new();
    for f in report
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
    {
        let Some(sheet) = f.sheet() else { continue };
        let sheet = sheet.to_string();
        let shown = |p: Option<rust_decimal::Decimal>| {
            p.map_or("?".to_string(), |p| p.normalize().to_string())
        };
        if let Some(cell) = f.cell() {
            let m = out.entry((sheet.clone(), cell.to_string())).or_default();
            let fill = if f.severity == Severity::Error {
                ERROR_FILL
            } else {
                WARNING_FILL
            };
            if m.fill != Some(ERROR_FILL) {
                m.fill = Some(fill);
            }
            let mut note = format!("crossfoot [{}] {}", f.rule, f.message);
            if let Some(s) = f.suspects.first() {
                let line = Message::new("note-suspect")
                    .text("cell", s.cell.clone())
                    .text("proposed", shown(s.proposed))
                    .message("reason", s.reason())
                    .render();
                note.push('\n');
                note.push_str(&line);
                // "Other candidates follow": they do.
                if s.tied && f.suspects.len() > 1 {
                    let others: Vec<String> = f.suspects[1..]
                        .iter()
                        .take(5)
                        .map(|o| {
                            Message::new("help-other")
                                .text("cell", o.cell.clone())
                                .text("proposed", shown(o.proposed))
                                .render()
                        })
                        .collect();
                    let line = Message::new("help-or-as-likely").cells("others", others);
                    note.push('\n');
                    note.push_str(&line.render());
                }
            }
            m.notes.push(note);
        }
        if let Some(s) = f.suspects.first() {
            if f.cell() != Some(s.cell.as_str()) && crate::workbook::parse_a1(&s.cell).is_some() {
                let m = out.entry((sheet.clone(), s.cell.clone())).or_default();
                if m.fill.is_none() {
                    m.fill = Some(SUSPECT_FILL);
                }
                m.notes.push(
                    Message::new("note-see")
                        .text("proposed", shown(s.proposed))
                        .message("reason", s.reason())
                        .text("cell", f.cell().unwrap_or(""))
                        .render(),
                );
            }
        }
    }
    out
}

/// Where each input's annotated copy goes: in the folder, by its file's
/// name as `.xlsx`; when two inputs share a name, at each one's path below
/// the folder the inputs have in common (two `预算.xlsx` in different
/// folders get two copies). Never over an input, never two inputs to one
/// copy.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    copies: std::collections::HashMap<PathBuf, PathBuf>,
}

impl Plan {
    /// Plans the copies of `inputs` in `dir`. Fails, before anything is
    /// written, when a copy would land on an input.
    pub fn new(inputs: &[PathBuf], dir: &Path) -> Result<Plan, String> {
        let real = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let inputs_real: Vec<PathBuf> = inputs.iter().map(|p| real(p)).collect();
        let base = common_folder(&inputs_real);
        let dir_real = real(dir);
        let mut taken = std::collections::HashSet::new();
        let mut copies = std::collections::HashMap::new();
        // A copy is named by its file's name; by its path below the common
        // folder when two inputs share a name.
        let stem_of = |p: &Path| p.file_stem().map(|s| s.to_os_string());
        let shared_name = |p: &Path| {
            inputs_real
                .iter()
                .filter(|q| stem_of(q) == stem_of(p))
                .count()
                > 1
        };
        for (input, input_real) in inputs.iter().zip(&inputs_real) {
            let rel = if shared_name(input_real) {
                input_real.strip_prefix(&base).unwrap_or(input_real)
            } else {
                Path::new(input_real.file_name().unwrap_or_default())
            };
            let mut copy = dir_real.join(rel).with_extension("xlsx");
            let mut n = 2;
            while !taken.insert(copy.clone()) {
                let stem = rel
                    .file_stem()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default();
                copy = dir_real
                    .join(rel)
                    .with_file_name(format!("{stem}-{n}.xlsx"));
                n += 1;
            }
            if inputs_real.contains(&copy) {
                return Err(Message::new("annotate-over-input")
                    .text("dir", dir.display().to_string())
                    .text("input", input.display().to_string())
                    .text("copy", copy.display().to_string())
                    .render());
            }
            copies.insert(input.clone(), copy);
        }
        Ok(Plan { copies })
    }

    /// Where the copy of `input` goes.
    pub fn copy_of(&self, input: &Path) -> Option<&Path> {
        self.copies.get(input).map(PathBuf::as_path)
    }
}

/// The deepest folder that holds every path.
fn common_folder(paths: &[PathBuf]) -> PathBuf {
    let mut base: Option<PathBuf> = None;
    for p in paths {
        let parent = p.parent().unwrap_or(Path::new("")).to_path_buf();
        base = Some(match base {
            None => parent,
            Some(b) => b
                .components()
                .zip(parent.components())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect(),
        });
    }
    base.unwrap_or_default()
}

/// Writes an annotated copy of the report's workbook where `plan` puts it;
/// returns its path, or `None` when the file has no cell to mark.
pub fn annotate(report: &FileReport, plan: &Plan) -> Result<Option<PathBuf>, AnnotateError> {
    let err = |message: String| AnnotateError {
        path: report.path.clone(),
        message,
    };
    let marks = marks(report);
    if marks.is_empty() || report.error.is_some() {
        return Ok(None);
    }
    let kind = FileKind::from_path(&report.path);
    if kind == Some(FileKind::Pdf) {
        return Err(err(Message::new("annotate-pdf").render()));
    }
    let out = plan
        .copy_of(&report.path)
        .ok_or_else(|| err("no place planned for its copy".into()))?
        .to_path_buf();
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).map_err(|e| err(e.to_string()))?;
    }
    // A writer that panics on a damaged part leaves this file unannotated,
    // with an error; the other files are annotated.
    let failed = |_| "the workbook could not be copied (a part of it is damaged)".to_string();
    let bytes = match kind {
        Some(FileKind::Xlsx) => crate::panic::catch(|| edit_xlsx(&report.path, &marks))
            .unwrap_or_else(|p| Err(failed(p)))
            .map_err(err)?,
        _ => crate::panic::catch(|| rewrite(&report.path, &marks))
            .unwrap_or_else(|p| Err(failed(p)))
            .map_err(err)?,
    };
    crate::write_atomically(&out, &bytes).map_err(|e| err(e.to_string()))?;
    Ok(Some(out))
}

fn edit_xlsx(path: &Path, marks: &BTreeMap<(String, String), Mark>) -> Result<Vec<u8>, String> {
    let mut book = umya_spreadsheet::reader::xlsx::read(path).map_err(|e| e.to_string())?;
    for ((sheet, cell), m) in marks {
        let Some(ws) = book.get_sheet_by_name_mut(sheet) else {
            continue;
        };
        if let Some(fill) = m.fill {
            ws.get_style_mut(cell.as_str()).set_background_color(fill);
        }
        let mut comment = umya_spreadsheet::Comment::default();
        comment.new_comment(cell.as_str());
        comment.set_author("crossfoot");
        comment.set_text_string(m.notes.join("\n\n"));
        ws.add_comments(comment);
    }
    let mut buf = Vec::new();
    umya_spreadsheet::writer::xlsx::write_writer(&book, &mut buf).map_err(|e| e.to_string())?;
    Ok(buf)
}

/// A workbook in another format as a new xlsx, its marked cells filled and
/// noted.
fn rewrite(path: &Path, marks: &BTreeMap<(String, String), Mark>) -> Result<Vec<u8>, String> {
    let wb = crate::workbook::read(path).map_err(|e| e.kind.to_string())?;
    write_sheets(&wb.sheets, marks)
}

/// The tables of a PDF as an xlsx, one sheet per table (`p.9`), figures as
/// numbers shown with their printed decimals, merged header cells merged
/// (`crossfoot extract`). Errors: the writer's, as text.
pub fn tables_workbook(sheets: &[Sheet]) -> Result<Vec<u8>, String> {
    write_sheets(sheets, &BTreeMap::new())
}

/// Sheets as a new xlsx, the marked cells filled and noted.
fn write_sheets(
    sheets: &[Sheet],
    marks: &BTreeMap<(String, String), Mark>,
) -> Result<Vec<u8>, String> {
    let mut out = Workbook::new();
    for sheet in sheets {
        let ws = out.add_worksheet();
        ws.set_name(sheet_name(&sheet.name))
            .map_err(|e| e.to_string())?;
        for r in 0..sheet.rows() {
            for c in 0..sheet.cols() {
                let mark = marks.get(&(sheet.name.clone(), crate::workbook::a1(r, c)));
                write_cell(ws, sheet, (r, c), mark)?;
            }
        }
        merge(ws, sheet);
    }
    out.save_to_buffer().map_err(|e| e.to_string())
}

/// A sheet name xlsx accepts: without `[]:*?/\`, at most 31 characters,
/// `Sheet` if nothing is left.
fn sheet_name(name: &str) -> String {
    let name: String = name
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    if name.is_empty() {
        "Sheet".to_string()
    } else {
        name
    }
}

/// Writes one cell: its formula with the cached result, or its value, in
/// its number format and its mark's fill, with the mark's note.
fn write_cell(
    ws: &mut Worksheet,
    sheet: &Sheet,
    (r, c): (usize, usize),
    mark: Option<&Mark>,
) -> Result<(), String> {
    let cell = sheet.cell(r, c);
    // A figure printed with `%` (from a PDF) is written as Excel holds a
    // percentage: the fraction, shown with its decimals and the sign.
    let percent = cell.number.is_some_and(|n| n.percent);
    let mut fmt = cell_format(cell.format_decimals, mark);
    if percent {
        let d = cell.format_decimals.unwrap_or(0) as usize;
        let code = if d == 0 {
            "0%".to_string()
        } else {
            format!("0.{}%", "0".repeat(d))
        };
        fmt = fmt.set_num_format(code);
    }
    let (r32, c16) = (r as u32, c as u16);
    let res = match (sheet.formula(r, c), &cell.value) {
        (Some(f), v) => {
            let cached = match v {
                Value::Number => cell.number.map(|n| n.value.to_string()).unwrap_or_default(),
                Value::Text(t) => t.to_string(),
                _ => String::new(),
            };
            ws.write_formula_with_format(r32, c16, Formula::new(f).set_result(cached), &fmt)
                .map(|_| ())
        }
        (None, Value::Number) => ws
            .write_number_with_format(
                r32,
                c16,
                cell.number.map_or(0.0, |n| {
                    let v = if n.percent {
                        n.value / rust_decimal::Decimal::ONE_HUNDRED
                    } else {
                        n.value
                    };
                    v.to_string().parse::<f64>().unwrap_or(0.0)
                }),
                &fmt,
            )
            .map(|_| ()),
        (None, Value::Text(t)) => ws
            .write_string_with_format(r32, c16, &**t, &fmt)
            .map(|_| ()),
        (None, Value::Bool(b)) => ws.write_boolean_with_format(r32, c16, *b, &fmt).map(|_| ()),
        (None, Value::Date(d)) | (None, Value::Error(d)) => ws
            .write_string_with_format(r32, c16, &**d, &fmt)
            .map(|_| ()),
        (None, Value::Empty) if mark.is_some() => ws.write_blank(r32, c16, &fmt).map(|_| ()),
        (None, Value::Empty) => Ok(()),
    };
    res.map_err(|e| e.to_string())?;
    if let Some(m) = mark {
        let note = Note::new(m.notes.join("\n\n")).set_author("crossfoot");
        ws.insert_note(r32, c16, &note).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The number format for a cell's decimals, and its mark's fill.
fn cell_format(decimals: Option<u8>, mark: Option<&Mark>) -> Format {
    let mut fmt = Format::new();
    if let Some(d) = decimals {
        fmt = fmt.set_num_format(if d == 0 {
            "#,##0".to_string()
        } else {
            format!("#,##0.{}", "0".repeat(d as usize))
        });
    }
    if let Some(fill) = mark.and_then(|m| m.fill) {
        fmt = fmt.set_background_color(rust_xlsxwriter::Color::RGB(
            u32::from_str_radix(&fill[2..], 16).unwrap_or(0xFFC7CE),
        ));
    }
    fmt
}

/// The sheet's merged ranges, each with its top-left text.
fn merge(ws: &mut Worksheet, sheet: &Sheet) {
    for m in sheet.merged() {
        if m.bottom > m.top || m.right > m.left {
            let text = sheet.cell(m.top, m.left).text().unwrap_or("").to_string();
            let _ = ws.merge_range(
                m.top as u32,
                m.left as u16,
                m.bottom as u32,
                m.right as u16,
                &text,
                &Format::new(),
            );
        }
    }
}
