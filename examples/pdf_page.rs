//! Prints how crossfoot rebuilds one page of a PDF: each line, whether it
//! is in a ruled table, and its cells (first-last column, rows merged down,
//! text). `cargo run --release --example pdf_page -- FILE.pdf PAGE`; with
//! `prose` for PAGE, the prose of the whole document with its places.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(2).map(String::as_str) == Some("prose") {
        match crossfoot::workbook::pdf::read(std::path::Path::new(&args[1])) {
            Ok(pdf) => {
                for (n, line) in pdf.prose.lines().enumerate() {
                    let (p, l) = pdf.prose_place(n + 1).unwrap_or((0, 0));
                    println!("p.{p}:{l} {line}");
                }
            }
            Err(e) => eprintln!("{e}"),
        }
        return;
    }
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
