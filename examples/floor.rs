//! The bare floor for reading a workbook: open it with calamine, take each
//! sheet with `worksheet_range_ref` and walk its cells, nothing else.
//!
//! `cargo run --release --example floor -- FILE.xlsx`

use calamine::{open_workbook_auto, DataType, Reader, ReaderRef};

fn main() {
    let path = std::env::args().nth(1).expect("a workbook");
    let mut wb = open_workbook_auto(&path).expect("open");
    let (mut cells, mut numbers) = (0usize, 0f64);
    for name in wb.sheet_names() {
        let range = wb.worksheet_range_ref(&name).expect("sheet");
        for row in range.rows() {
            for c in row {
                if !c.is_empty() {
                    cells += 1;
                }
                if let Some(f) = c.get_float() {
                    numbers += f;
                }
            }
        }
    }
    println!("{cells} cells, Σ numbers {numbers:.2}");
}
