//! Prints the tables crossfoot detects in a workbook or PDF: sheet, title,
//! unit, each column's header path, and the row labels.
//! `cargo run --release --example tables -- FILE`

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: tables FILE");
        std::process::exit(2);
    };
    let path = std::path::Path::new(&path);
    let sheets = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        match crossfoot::workbook::pdf::read(path) {
            Ok(p) => p.sheets,
            Err(e) => return eprintln!("{e}"),
        }
    } else {
        match crossfoot::workbook::read(path) {
            Ok(w) => w.sheets,
            Err(e) => return eprintln!("{e}"),
        }
    };
    for sheet in &sheets {
        if std::env::var("SHEETS").is_ok() {
            println!("## sheet {} ({} rows)", sheet.name, sheet.rows());
            for r in 0..sheet.rows().min(8) {
                let cells: Vec<String> = (0..sheet.cols())
                    .map(|c| {
                        let cell = sheet.cell(r, c);
                        match (cell.value, cell.number) {
                            (crossfoot::workbook::Value::Text(t), _) => t.to_string(),
                            (_, Some(n)) => n.value.to_string(),
                            _ => String::new(),
                        }
                    })
                    .filter(|t| !t.is_empty())
                    .collect();
                println!("   {}", cells.join(" | "));
            }
        }
        for t in crossfoot::table::detect(sheet) {
            println!(
                "== [{}] {:?} unit={:?} form={:?}",
                t.sheet,
                t.title,
                t.unit,
                crossfoot::disclosure::form_of_table(&t, Some(sheet)).map(|f| f.name)
            );
            for c in &t.columns {
                print!(" | {}", c.path.join("/"));
            }
            println!();
            let labels: Vec<String> = t
                .rows
                .iter()
                .take(40)
                .map(|r| r.label.to_string())
                .collect();
            println!("   rows: {}", labels.join(" ; "));
        }
    }
}
