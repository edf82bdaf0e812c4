//! Writes workbooks from a small text grid, for fixtures and tests.
//!
//! One line per row, cells separated by `|`. A cell that reads as a number
//! is written as a number, shown with the decimals it is written with
//! (`2600.0` → format `#,##0.0`); `'text` is always text (and keeps its
//! spaces); `>` merges with the cell to the left, `^` with the cell above;
//! `=SUM(D4:D7)~21240.1` is a formula with its cached result; `g:0.1` is a
//! number in the General format.

#![allow(dead_code)]

use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet, XlsxError};

enum Spec {
    Empty,
    Text(String),
    Number(f64, usize),
    General(f64),
    Formula(String, String),
    Left,
    Up,
}

fn parse_cell(raw: &str) -> Spec {
    if let Some(text) = raw.trim_start().strip_prefix('\'') {
        return Spec::Text(text.trim_end().to_string());
    }
    let t = raw.trim();
    match t {
        "" => Spec::Empty,
        ">" => Spec::Left,
        "^" => Spec::Up,
        _ if t.starts_with("g:") => match t[2..].parse::<f64>() {
            Ok(v) => Spec::General(v),
            Err(_) => Spec::Text(t.to_string()),
        },
        _ if t.starts_with('=') => match t.split_once('~') {
            Some((f, v)) => Spec::Formula(f.to_string(), v.to_string()),
            None => Spec::Formula(t.to_string(), String::new()),
        },
        _ => match t.parse::<f64>() {
            Ok(v) if !t.starts_with('+') => {
                Spec::Number(v, t.split_once('.').map_or(0, |(_, f)| f.len()))
            }
            _ => Spec::Text(t.to_string()),
        },
    }
}

fn number_format(decimals: usize) -> Format {
    let fmt = if decimals == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(decimals))
    };
    Format::new().set_num_format(fmt)
}

/// Writes `grid` into `ws`.
pub fn write_sheet(ws: &mut Worksheet, grid: &str) -> Result<(), XlsxError> {
    let rows: Vec<Vec<Spec>> = grid
        .lines()
        .map(str::trim_start)
        .filter(|l| !l.trim().starts_with("//"))
        .map(|l| {
            if l.trim().is_empty() {
                Vec::new()
            } else {
                l.split('|').map(parse_cell).collect()
            }
        })
        .collect();
    let plain = Format::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r32, c16) = (r as u32, c as u16);
            match cell {
                Spec::Text(t) => {
                    // Anchor of a merge?
                    let mut right = c;
                    while matches!(row.get(right + 1), Some(Spec::Left)) {
                        right += 1;
                    }
                    let mut bottom = r;
                    while rows
                        .get(bottom + 1)
                        .is_some_and(|next| matches!(next.get(c), Some(Spec::Up)))
                    {
                        bottom += 1;
                    }
                    if right > c || bottom > r {
                        ws.merge_range(r32, c16, bottom as u32, right as u16, t, &plain)?;
                    } else {
                        ws.write_string(r32, c16, t)?;
                    }
                }
                Spec::Number(v, d) => {
                    ws.write_number_with_format(r32, c16, *v, &number_format(*d))?;
                }
                Spec::General(v) => {
                    ws.write_number(r32, c16, *v)?;
                }
                Spec::Formula(f, v) => {
                    let d = v.split_once('.').map_or(0, |(_, f)| f.len());
                    ws.write_formula_with_format(
                        r32,
                        c16,
                        Formula::new(f.as_str()).set_result(v.as_str()),
                        &number_format(d),
                    )?;
                }
                Spec::Empty | Spec::Left | Spec::Up => {}
            }
        }
    }
    Ok(())
}

/// Writes a workbook of named sheets to `path`.
pub fn write_workbook(path: &std::path::Path, sheets: &[(&str, &str)]) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    for (name, grid) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name)?;
        write_sheet(ws, grid)?;
    }
    wb.save(path)
}
