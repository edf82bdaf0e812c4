//! `crossfoot extract`: the tables rebuilt from a PDF, as a workbook.

use crossfoot::message::Message;
use crossfoot::Outcome;

use super::args::ExtractArgs;
use super::Failure;

/// Reads the PDF, writes its tables to `--output` (atomically) and says how
/// many; a PDF that cannot be read is a failure (exit status 2).
pub fn run(args: ExtractArgs) -> Result<Outcome, Failure> {
    // The input is only ever read: never the output too.
    let same = |a: &std::path::Path, b: &std::path::Path| matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y);
    if same(&args.file, &args.output) {
        return Err(Failure::Usage(
            Message::new("extract-onto-input")
                .text("path", args.output.display().to_string())
                .render(),
        ));
    }
    let xlsx = args
        .output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !xlsx {
        return Err(Failure::Usage(
            Message::new("extract-not-xlsx")
                .text("path", args.output.display().to_string())
                .render(),
        ));
    }
    let pdf =
        crossfoot::workbook::pdf::read(&args.file).map_err(|e| Failure::Usage(e.to_string()))?;
    if pdf.sheets.is_empty() {
        return Err(Failure::Usage(
            Message::new("extract-none")
                .text("path", args.file.display().to_string())
                .render(),
        ));
    }
    let bytes = crossfoot::annotate::tables_workbook(&pdf.sheets).map_err(Failure::Usage)?;
    crossfoot::write_atomically(&args.output, &bytes)?;
    eprintln!(
        "{}",
        Message::new("extract-done")
            .count("tables", pdf.sheets.len())
            .text("path", args.output.display().to_string())
            .render()
    );
    Ok(Outcome::NoErrors)
}
