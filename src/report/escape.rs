//! Text a file controls (file and sheet names, labels, headers, rule ids)
//! made safe for where it lands: a spreadsheet cell that must not run as a
//! formula, a terminal that must not take it as a command.

use std::borrow::Cow;

/// A CSV cell that a spreadsheet will not run: text starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP's advice
/// for CSV injection), so `=HYPERLINK(…)` is shown, never followed.
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// True for a character a terminal would act on instead of showing: C0 and
/// C1 controls (other than newline and tab) and the bidirectional
/// overrides and isolates that reorder what is shown.
fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Text for the terminal with every control and bidirectional character
/// shown as an escape (`\u{1b}`), so cell text cannot set the window title,
/// clear the screen or reorder a line.
pub fn terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(acts_on_terminal) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if acts_on_terminal(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`terminal`] for a name that must stay on its line (a file, a sheet):
/// line breaks and tabs are shown as escapes too, so a file named
/// `a⏎ok: b.xlsx` cannot print a line of its own.
pub fn terminal_name(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| acts_on_terminal(c) || matches!(c, '\n' | '\t'))
    {
        return Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| {
            if acts_on_terminal(c) || matches!(c, '\n' | '\t') {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// [`terminal`] keeping every byte offset: each such character becomes as
/// many `?` as it has bytes, so labelled spans into the text stay where
/// they were.
pub fn terminal_same_length(s: &str) -> Cow<'_, str> {
    if !s.chars().any(acts_on_terminal) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if acts_on_terminal(c) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_in_csv() {
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        for s in ["+1", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv_cell(s).starts_with('\''), "{s:?}");
        }
        assert_eq!(csv_cell("合计"), "合计");
    }

    #[test]
    fn terminal_controls_are_shown_not_run() {
        let title = "a\u{1b}]0;owned\u{7}b";
        assert_eq!(terminal(title), "a\\u{1b}]0;owned\\u{7}b");
        assert_eq!(terminal("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(terminal("合计\n"), "合计\n");
        let same = terminal_same_length(title);
        assert_eq!(same.len(), title.len());
        assert!(!same.contains('\u{1b}'));
        assert_eq!(terminal_same_length("x\u{202e}y"), "x???y");
    }
}
