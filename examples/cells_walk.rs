//! The streaming floor: calamine's cell-by-cell reader, nothing kept.
//!
//! `cargo run --release --example cells_walk -- FILE.xlsx`

use calamine::{open_workbook, DataType, Reader, Xlsx};

fn main() {
    let path = std::env::args().nth(1).expect("a workbook");
    let mut wb: Xlsx<_> = open_workbook(&path).expect("open");
    let (mut cells, mut numbers) = (0usize, 0f64);
    for name in wb.sheet_names() {
        let mut reader = wb.worksheet_cells_reader(&name).expect("sheet");
        while let Some((c, _style)) = reader.next_cell_with_style_id().expect("cell") {
            if !c.get_value().is_empty() {
                cells += 1;
            }
            if let Some(f) = c.get_value().get_float() {
                numbers += f;
            }
        }
    }
    println!("{cells} cells, Σ numbers {numbers:.2}");
}
