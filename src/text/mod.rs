//! Reports in prose: txt, md and docx. The figures in their sentences and
//! the claims the sentences make about them are checked like a table's.
//!
//! Text extracted from PDFs arrives with hard line breaks mid-sentence and
//! spaces around numbers (`2024 年`). Wrapped lines are joined into
//! paragraphs and those spaces dropped before sentences are read, and every
//! byte of the joined text keeps its offset in the original, so a finding
//! points at the original line and column.

pub mod checks;
pub mod claims;
pub mod tie;

use std::ops::Range;
use std::path::Path;

use crate::amount::unescape_xml as unescape;
use crate::error::{ReadError, ReadErrorKind};

/// A text document: the original, and the joined text claims are read from.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The text as read (for docx, one paragraph per line).
    pub original: String,
    /// Paragraphs separated by `\n`, wrapped lines joined, spaces next to
    /// CJK characters dropped.
    pub joined: String,
    /// For each byte of `joined` (and one past its end), the byte offset in
    /// `original`.
    map: Vec<usize>,
    /// Paragraphs, as byte ranges of `joined`.
    pub paragraphs: Vec<Range<usize>>,
    /// Its figures, read once for every check ([`claims::figures`]).
    figures: std::sync::OnceLock<Vec<claims::Fig>>,
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x2018..=0x201F)
}

/// True for a line that starts with outline numbering (`一、`, `（一）`,
/// `1、`, `(1)`).
fn starts_heading(line: &str) -> bool {
    crate::table::labels::outline_level(line).is_some()
}

/// The lines with text, trimmed, each with the byte offset of its first
/// character.
fn nonblank_lines(original: &str) -> Vec<(usize, &str)> {
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut offset = 0;
    for raw in original.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let lead = line.len() - line.trim_start().len();
        if !line.trim().is_empty() {
            lines.push((offset + lead, line.trim()));
        }
        offset += raw.len();
    }
    lines
}

/// The joined text as it is built, with its map to the original and its
/// paragraphs.
#[derive(Default)]
struct Joiner {
    joined: String,
    map: Vec<usize>,
    paragraphs: Vec<Range<usize>>,
    para_start: usize,
}

impl Joiner {
    /// Ends the paragraph before a line starting at `start` in the original.
    fn end_paragraph(&mut self, start: usize) {
        self.paragraphs.push(self.para_start..self.joined.len());
        self.map.push(start);
        self.joined.push('\n');
        self.para_start = self.joined.len();
    }

    /// Copies a line starting at `start` in the original, dropping spaces
    /// that touch CJK text or sit between a number and CJK text.
    fn copy_line(&mut self, start: usize, line: &str) {
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        // The first non-space character after each position, found in one
        // pass from the end (a run of a million spaces stays linear).
        let mut next_visible: Vec<Option<char>> = vec![None; chars.len() + 1];
        for k in (0..chars.len()).rev() {
            let c = chars[k].1;
            next_visible[k] = if c.is_whitespace() {
                next_visible[k + 1]
            } else {
                Some(c)
            };
        }
        for (k, &(i, c)) in chars.iter().enumerate() {
            if c.is_whitespace() {
                let prev = self.joined.chars().next_back();
                let next = next_visible[k + 1];
                let touches_cjk = prev.is_some_and(is_cjk) || next.is_some_and(is_cjk);
                if touches_cjk || prev.is_some_and(char::is_whitespace) || prev.is_none() {
                    continue;
                }
            }
            for _ in 0..c.len_utf8() {
                self.map.push(start + i);
            }
            self.joined.push(c);
        }
    }
}

impl Doc {
    /// Builds a document from text.
    pub fn new(original: String) -> Doc {
        let lines = nonblank_lines(&original);
        let widths: Vec<usize> = lines.iter().map(|(_, l)| l.chars().count()).collect();
        let mut sorted = widths.clone();
        sorted.sort_unstable();
        let typical = sorted.get(sorted.len() * 3 / 4).copied().unwrap_or(0);

        let mut j = Joiner::default();
        let mut prev_heading = false;
        for (n, (start, line)) in lines.iter().enumerate() {
            let heading = starts_heading(line) && line.chars().count() < 60;
            let prev_ended = n > 0 && {
                let prev = lines[n - 1].1;
                prev.ends_with(['。', '！', '？', '：', ':']) && widths[n - 1] * 5 < typical * 4
            };
            // A line starting with punctuation continues the line before
            // (a PDF wraps `96.40万元` / `，主要用于…`).
            let continues = line.starts_with(['，', '。', '、', '；', '：', '）', ')', '%', ',']);
            // A blank line after a finished sentence (txt, md, docx
            // paragraphs; text pulled from a PDF has blank lines inside
            // sentences too), or an outline number starting the line, ends
            // the paragraph before.
            let blank_before = n > 0 && {
                let (p_start, p_line) = lines[n - 1];
                p_line.ends_with(['。', '！', '？', '；', '：', ':', ';'])
                    && original[p_start + p_line.len()..*start]
                        .matches('\n')
                        .count()
                        >= 2
            };
            let numbered = starts_heading(line);
            if n > 0
                && !continues
                && (heading || numbered || blank_before || prev_heading || prev_ended)
            {
                j.end_paragraph(*start);
            }
            // A numbered line as long as the text's lines is an item that
            // wraps on, not a heading.
            let full = widths[n] >= 30 && widths[n] * 10 >= typical * 9;
            prev_heading = heading && !line.ends_with('。') && !full;
            j.copy_line(*start, line);
        }
        j.paragraphs.push(j.para_start..j.joined.len());
        j.map.push(original.len());
        Doc {
            original,
            joined: j.joined,
            map: j.map,
            paragraphs: j.paragraphs,
            figures: std::sync::OnceLock::new(),
        }
    }

    /// The original byte range of a range of the joined text.
    pub fn original_span(&self, r: &Range<usize>) -> Range<usize> {
        let at = |i: usize| self.map.get(i).copied().unwrap_or(self.original.len());
        let start = at(r.start);
        // The end: one past the last byte's original position.
        let end = if r.end > r.start {
            let last = at(r.end - 1);
            let len = self.original[last..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
            last + len
        } else {
            start
        };
        start..end.max(start)
    }

    /// 1-based line and column (in characters) of an original byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = &self.original[..offset.min(self.original.len())];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }

    /// The paragraph a joined offset falls in.
    pub fn paragraph_of(&self, offset: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.end < offset)
            .min(self.paragraphs.len().saturating_sub(1))
    }
}

/// Reads a text report: txt and md (UTF-8 or GBK), docx.
pub fn read(path: &Path) -> Result<Doc, ReadError> {
    let err = |kind| ReadError::new(path, kind);
    let bytes = std::fs::read(path).map_err(|e| err(ReadErrorKind::Io(e)))?;
    if bytes.is_empty() {
        return Err(err(ReadErrorKind::Empty));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let text = if ext == "docx" {
        docx_text(&bytes).map_err(err)?
    } else {
        if bytes.contains(&0) {
            return Err(err(ReadErrorKind::NotASpreadsheet(crate::message::tr(
                "detail-binary-text",
            ))));
        }
        crate::workbook::csv::decode(&bytes).map_err(err)?.0
    };
    Ok(Doc::new(text))
}

/// The text of a docx: one line per paragraph (`<w:p>`), the runs (`<w:t>`)
/// of each joined.
pub fn docx_text(bytes: &[u8]) -> Result<String, ReadErrorKind> {
    use std::io::Read;
    if !bytes.starts_with(b"PK") {
        return Err(ReadErrorKind::NotASpreadsheet(crate::message::tr(
            "detail-not-a-docx",
        )));
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ReadErrorKind::CorruptZip(e.to_string()))?;
    crate::workbook::bomb::check(&mut zip).map_err(ReadErrorKind::TooLarge)?;
    let mut xml = String::new();
    let part = zip.by_name("word/document.xml").map_err(|_| {
        ReadErrorKind::NotASpreadsheet(crate::message::tr("detail-no-document-xml"))
    })?;
    // Never more than the size declared (checked above; the zip reader
    // also fails a part that inflates past it).
    let declared = part.size();
    part.take(declared)
        .read_to_string(&mut xml)
        .map_err(|e| ReadErrorKind::CorruptZip(e.to_string()))?;
    let mut out = String::new();
    let mut rest = xml.as_str();
    while let Some(p) = rest.find("<w:p") {
        // `<w:p>` or `<w:p …>`, not `<w:pPr>`.
        let after = &rest[p + 4..];
        if !after.starts_with(['>', ' ', '/']) {
            rest = after;
            continue;
        }
        let end = after.find("</w:p>").unwrap_or(after.len());
        let para = &after[..end];
        let mut line = String::new();
        let mut r = para;
        while let Some(t) = r.find("<w:t") {
            let a = &r[t + 4..];
            if !a.starts_with(['>', ' ']) {
                r = a;
                continue;
            }
            let Some(open_end) = a.find('>') else { break };
            let body = &a[open_end + 1..];
            let close = body.find("</w:t>").unwrap_or(body.len());
            line.push_str(&unescape(&body[..close]));
            r = &body[close..];
        }
        out.push_str(&line);
        out.push('\n');
        rest = &after[end..];
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_run_of_spaces_is_joined_in_linear_time() {
        // Guards: a paragraph with a million spaces in a row took minutes.
        let text = format!("合计{}21240.1万元", " ".repeat(1_000_000));
        let t0 = std::time::Instant::now();
        let doc = Doc::new(text);
        assert_eq!(doc.joined, "合计21240.1万元");
        assert!(t0.elapsed().as_secs() < 5, "{:?}", t0.elapsed());
    }

    #[test]
    fn wrapped_lines_join_and_map_back() {
        let text = "（一）制度建设 2分（自评得分 2分）\n\n2024 年度我县出台了\n\n规程得分 2 分。\n"
            .to_string();
        let doc = Doc::new(text.clone());
        assert_eq!(doc.paragraphs.len(), 2, "{:?}", doc.joined);
        assert!(
            doc.joined.contains("2024年度我县出台了规程得分2分。"),
            "{}",
            doc.joined
        );
        let at = doc.joined.find("规程").unwrap();
        let span = doc.original_span(&(at..at + "规程".len()));
        assert_eq!(&text[span.clone()], "规程");
        assert_eq!(doc.line_col(span.start), (5, 1));
    }
}
