//! ## What it does
//! `pdf-page-unread`: a page of a PDF whose text could not be read, so
//! nothing on it was checked: a page that is an image (scanned, with no
//! text layer) in a PDF that has text on its other pages, or a page whose
//! text runs sideways (a table turned on a portrait page), or a page too
//! damaged to read while the others read.
//!
//! ## Why is this bad?
//! A disclosure with one scanned table would otherwise pass with that table
//! never looked at. A page nobody checked is named, never passed in silence.
//!
//! ## Example
//! ```text
//! p.12   (an image of the 一般公共预算支出表)   ← not checked: no text layer
//! ```
//! Use instead: the PDF as exported from the spreadsheet (with its text),
//! or check the table's workbook.

use crate::checks::registry::{Check, CheckInfo};
use crate::finding::{Finding, Location, Message, RuleId, Severity};
use crate::workbook::pdf::Unread;

/// The check.
pub struct PdfPageUnread;

static INFO: CheckInfo = CheckInfo {
    id: "pdf-page-unread",
    name: "PDF page not read",
    summary: "a page of a PDF has no text layer or sideways text, so nothing on it was checked",
    severity: Severity::Warning,
};

impl Check for PdfPageUnread {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }
}

/// The finding for page `page` (1-based) that could not be read, and why.
pub fn finding(page: usize, why: Unread) -> Finding {
    let id = match why {
        Unread::NoText => "pdf-page-no-text",
        Unread::Sideways => "pdf-page-sideways",
        Unread::Damaged => "pdf-page-damaged",
    };
    let location = Location::Page {
        page,
        line: 1,
        column: 1,
    };
    let message = Message::new(id).text("page", page.to_string());
    let mut f = Finding::new(RuleId::Check(&INFO), Severity::Warning, location, message);
    f.help = Some(Message::new("hint-pdf-page-unread"));
    f.page = Some(page);
    f
}
