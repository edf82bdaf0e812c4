//! Prints how crossfoot rebuilds one page of a PDF: each line, whether it
//! is in a ruled table, and its cells (first-last column, rows merged down,
//! text). `cargo run --release --example pdf_page -- FILE.pdf PAGE`

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(page)) = (args.get(1), args.get(2).and_then(|p| p.parse().ok())) else {
        eprintln!("usage: pdf_page FILE.pdf PAGE");
        std::process::exit(2);
    };
    match crossfoot::workbook::pdf::page_layout(std::path::Path::new(path), page) {
        Ok(layout) => {
            println!("{} columns, edges {:?}", layout.columns, layout.edges);
            for line in &layout.lines {
                let cells: Vec<String> = line
                    .cells
                    .iter()
                    .map(|c| format!("{}-{}↓{} {}", c.first, c.last, c.down, c.text))
                    .collect();
                let mark = if line.in_table { "T" } else { " " };
                println!("{:7.1} {mark} {}", line.y, cells.join(" | "));
            }
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
