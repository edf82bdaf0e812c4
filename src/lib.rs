//! crossfoot checks the arithmetic of fiscal spreadsheets: that every 合计
//! row is the sum of its rows, every 合计 column the sum of the columns it
//! heads, every 类 the sum of its 款, every 其中 breakdown within its whole
//! and every score within its maximum — exactly, in decimals, allowing only
//! for the rounding of the figures as shown.
//!
//! ```
//! use crossfoot::{check_sheet, workbook::csv};
//!
//! let sheet = csv::parse("重点评价项目", "项目类别,评价金额（万元）\n\
//!     一般公共预算,1712.1\n政府性基金预算,2600\n社会保险基金预算,16333\n\
//!     专项债券,586\n合计,21240.1\n").unwrap();
//! let report = check_sheet(&sheet);
//! assert_eq!(report.findings.len(), 1);
//! let f = &report.findings[0];
//! assert_eq!(f.cell(), Some("B6"));
//! let computed = f.evidence.as_ref().and_then(|e| e.computed);
//! assert_eq!(computed, Some("21231.1".parse().unwrap()));
//! ```
//!
//! A run over files goes through the stages of [`engine`]; the output
//! formats are in [`report`].
#![deny(missing_docs)]

pub mod amount;
pub mod annotate;
pub mod cache;
pub mod checks;
pub mod disclosure;
pub mod dispose;
pub mod engine;
pub mod error;
pub mod finding;
pub mod hash;
pub mod message;
pub mod panic;
pub mod report;
pub mod rules;
pub mod table;
pub mod text;
pub mod timing;
pub mod workbook;
pub mod write;

pub use engine::files::{collect_files, shard};
pub use engine::{
    check_file, check_files, check_files_with, check_sheet, FileReport, OnProgress, OnReport,
    Outcome, Progress, Run, RunOptions, SheetReport, Status, Summary,
};
pub use error::{ReadError, ReadErrorKind};
pub use finding::{Finding, Severity};
pub use write::atomically as write_atomically;
