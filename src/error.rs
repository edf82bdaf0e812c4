//! Errors: why a file could not be read. Each one names its file; the binary
//! prints it as one line and goes on with the other files.

use std::path::PathBuf;

/// A file that could not be checked.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{path}: {kind}")]
#[diagnostic(code(crossfoot::unreadable))]
pub struct ReadError {
    /// The file.
    pub path: PathBuf,
    /// What went wrong.
    pub kind: ReadErrorKind,
}

impl ReadError {
    /// A read error for `path`.
    pub fn new(path: impl Into<PathBuf>, kind: ReadErrorKind) -> Self {
        ReadError {
            path: path.into(),
            kind,
        }
    }
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadErrorKind {
    /// The workbook is encrypted with a password.
    #[error("password protected")]
    PasswordProtected,
    /// The file has no bytes.
    #[error("empty file")]
    Empty,
    /// A file named `.pdf` that is not one.
    #[error("not a PDF (no %PDF signature)")]
    NotAPdf,
    /// A PDF whose structure is damaged.
    #[error("damaged PDF: {0}")]
    CorruptPdf(String),
    /// A PDF whose text runs sideways on every page that has text.
    #[error("the PDF's text runs sideways (turned on the page): not read")]
    Sideways,
    /// A PDF with no text layer (pages scanned as images).
    #[error("scanned PDF: no text layer, OCR is not supported")]
    Scanned,
    /// The file's bytes are not a workbook of any kind crossfoot reads.
    #[error("not a spreadsheet: {0}")]
    NotASpreadsheet(String),
    /// The file is a zip container (xlsx, ods) that is damaged or truncated.
    #[error("corrupt zip: {0}")]
    CorruptZip(String),
    /// The workbook's structure is damaged.
    #[error("corrupt workbook: {0}")]
    Corrupt(String),
    /// A text file whose encoding could not be decoded.
    #[error("cannot decode text: {0}")]
    Encoding(String),
    /// The operating system refused to read the file.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// An error recorded by an earlier run (from the cache).
    #[error("{0}")]
    Other(String),
    /// The reader gave up on purpose (for example a sheet with billions of
    /// cells claimed by a malicious file).
    #[error("too large: {0}")]
    TooLarge(String),
    /// A FIFO, a device or a socket: never opened (reading one blocks or
    /// never ends).
    #[error("not a regular file")]
    NotAFile,
    /// Checking the file took longer than the per-file time budget; it was
    /// abandoned and the run went on (`--file-timeout`).
    #[error("not checked: it took longer than the time budget of {} s for a file", .0.as_secs_f64())]
    TimedOut(std::time::Duration),
    /// crossfoot failed on this file (a bug, caught): the other files are
    /// checked.
    #[error("crossfoot failed on this file (an internal error; please report it)")]
    Internal,
}

impl ReadErrorKind {
    /// What went wrong, in the run's language (the detail, from the
    /// reader, as the reader gave it).
    pub fn message(&self) -> crate::message::Message {
        use crate::message::Message;
        let detail = |id: &'static str, d: &str| Message::new(id).text("detail", d);
        match self {
            ReadErrorKind::PasswordProtected => Message::new("read-password"),
            ReadErrorKind::Empty => Message::new("read-empty"),
            ReadErrorKind::Scanned => Message::new("read-scanned"),
            ReadErrorKind::Sideways => Message::new("read-sideways"),
            ReadErrorKind::NotAPdf => Message::new("read-not-a-pdf"),
            ReadErrorKind::CorruptPdf(d) => detail("read-corrupt-pdf", d),
            ReadErrorKind::NotASpreadsheet(d) => detail("read-not-a-spreadsheet", d),
            ReadErrorKind::CorruptZip(d) => detail("read-corrupt-zip", d),
            ReadErrorKind::Corrupt(d) => detail("read-corrupt", d),
            ReadErrorKind::Encoding(d) => detail("read-encoding", d),
            ReadErrorKind::Io(e) => detail("read-io", &e.to_string()),
            ReadErrorKind::Other(d) => detail("read-other", d),
            ReadErrorKind::TooLarge(d) => detail("read-too-large", d),
            ReadErrorKind::NotAFile => Message::new("read-not-a-file"),
            ReadErrorKind::TimedOut(b) => {
                Message::new("read-timed-out").text("secs", b.as_secs_f64().to_string())
            }
            ReadErrorKind::Internal => Message::new("read-internal"),
        }
    }
}
