//! The expression language of rule files: a lexer and a recursive-descent
//! parser producing an AST whose every node carries its byte span in the
//! expression text.
//!
//! ```text
//! expr    := or
//! or      := and ("or" and)*
//! and     := not ("and" not)*
//! not     := "not" not | cmp
//! cmp     := add (("=="|"!="|"<="|">="|"<"|">") add ("by" colref)?)?
//!          | add "between" add "and" add
//! add     := mul (("+"|"-") mul)*
//! mul     := unary (("*"|"/") unary)*
//! unary   := "-" unary | postfix
//! postfix := primary
//! primary := NUMBER [unit | "%"] | STRING | "(" expr ")"
//!          | "if" expr "then" expr ["else" expr]
//!          | FUNC "(" expr ["where" expr] ["by" colref] ")"
//!          | SHEET "!" A1              ('收支总表'!D8)
//!          | NAME "[" STRING "]" "." NAME   (支出表["合计"].基本支出)
//!          | NAME ["." NAME] ["by" colref]
//! ```

use crate::message::Message;
use std::fmt;
use std::ops::Range;

use rust_decimal::Decimal;

use crate::amount::{normalize_width, Unit};

/// A byte range in the expression text.
pub type Span = Range<usize>;

/// A syntax error in an expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// What is wrong.
    pub message: Message,
    /// Where, in the expression text.
    pub span: Span,
    /// What to do instead, if known.
    pub help: Option<Message>,
}

/// Aggregate functions over a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agg {
    /// Σ of the column.
    Sum,
    /// Rows with a value.
    Count,
    /// Distinct values.
    CountDistinct,
    /// Smallest value.
    Min,
    /// Largest value.
    Max,
    /// Arithmetic mean.
    Mean,
}

impl Agg {
    fn from_name(name: &str) -> Option<Agg> {
        Some(match name {
            "sum" => Agg::Sum,
            "count" => Agg::Count,
            "count_distinct" => Agg::CountDistinct,
            "min" => Agg::Min,
            "max" => Agg::Max,
            "mean" => Agg::Mean,
            _ => return None,
        })
    }
}

/// Row-wise predicates over a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowCheck {
    /// Every value distinct: `unique(项目.项目编码)`.
    Unique,
    /// Every row filled in: `required(项目.负责人)`.
    Required,
}

/// A reference to a column of a bound table: `表.列` or, where the rule
/// file binds one table, `列`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColRef {
    /// The table's name in the rule file, if given.
    pub table: Option<(String, Span)>,
    /// The column header.
    pub column: String,
    /// Span of the column name.
    pub column_span: Span,
}

/// An expression node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it is.
    pub span: Span,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl fmt::Display for CmpOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        })
    }
}

/// Arithmetic operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

/// The kinds of expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExprKind {
    /// A number, with a unit or a percent sign if written.
    Number {
        /// The value as written.
        value: Decimal,
        /// Decimals as written.
        decimals: u8,
        /// `万元`, `亿元`, `元`.
        unit: Option<Unit>,
        /// Written with `%`.
        percent: bool,
    },
    /// A string literal.
    Text(String),
    /// A column (row-wise) or, with `by`, a column keyed by another.
    Column {
        /// The column.
        col: ColRef,
        /// Grouping key for grouped comparisons.
        by: Option<ColRef>,
    },
    /// `表["label"].列`: the cell of the row labelled `label`.
    Lookup {
        /// The table.
        table: (String, Span),
        /// The row label.
        label: String,
        /// The column.
        column: String,
        /// Span of the column name.
        column_span: Span,
    },
    /// `'sheet'!A1`.
    Cell {
        /// The sheet's name.
        sheet: String,
        /// Zero-based (row, col).
        at: (usize, usize),
    },
    /// An aggregate over a column.
    Aggregate {
        /// Which.
        agg: Agg,
        /// Over what.
        col: ColRef,
        /// Rows kept.
        filter: Option<Box<Expr>>,
        /// Grouping key.
        by: Option<ColRef>,
    },
    /// `text("财政重点绩效评价共计")`: the figure after a phrase in a report.
    TextFigure(String),
    /// A row-wise predicate function.
    RowCheck {
        /// Which.
        check: RowCheck,
        /// The column.
        col: ColRef,
    },
    /// `-x`.
    Neg(Box<Expr>),
    /// Arithmetic.
    Arith(ArithOp, Box<Expr>, Box<Expr>),
    /// Comparison.
    Cmp(CmpOp, Box<Expr>, Box<Expr>),
    /// `x between lo and hi`.
    Between(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `a and b`.
    And(Box<Expr>, Box<Expr>),
    /// `a or b`.
    Or(Box<Expr>, Box<Expr>),
    /// `not a`.
    Not(Box<Expr>),
    /// `if c then a [else b]`.
    If(Box<Expr>, Box<Expr>, Option<Box<Expr>>),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(String),
    Str(String),
    Quoted(String),
    Name(String),
    Op(&'static str),
}

/// Splits an expression into tokens with their spans.
struct Lexer<'s> {
    src: &'s str,
    chars: Vec<(usize, char)>,
    i: usize,
    out: Vec<(Tok, Span)>,
}

fn lex(src: &str) -> Result<Vec<(Tok, Span)>, SyntaxError> {
    let mut lx = Lexer {
        src,
        chars: src.char_indices().collect(),
        i: 0,
        out: Vec::new(),
    };
    while lx.i < lx.chars.len() {
        let (b, c) = lx.chars[lx.i];
        let c = normalize_width(&c.to_string()).chars().next().unwrap_or(c);
        let digit_next = lx
            .chars
            .get(lx.i + 1)
            .is_some_and(|(_, d)| d.is_ascii_digit());
        if c.is_whitespace() {
            lx.i += 1;
        } else if c.is_ascii_digit() || (c == '.' && digit_next) {
            lx.number(b);
        } else if matches!(c, '"' | '“' | '\'' | '‘') {
            lx.string(b, c)?;
        } else if lx.operator(b, c)? {
            continue;
        } else if c.is_alphanumeric() || c == '_' || !c.is_ascii() {
            lx.name(b)?;
        } else {
            return Err(SyntaxError {
                message: Message::new("rf-unexpected-char").text("char", c.to_string()),
                span: b..lx.end_of(lx.i + 1),
                help: None,
            });
        }
    }
    Ok(lx.out)
}

impl Lexer<'_> {
    /// The byte offset of char `k` (the end for one past the last).
    fn end_of(&self, k: usize) -> usize {
        self.chars.get(k).map_or(self.src.len(), |&(b, _)| b)
    }

    /// The chars `from..self.i` as text.
    fn text(&self, from: usize) -> String {
        self.chars[from..self.i].iter().map(|(_, c)| *c).collect()
    }

    /// Digits, with `.` and thousands separators.
    fn number(&mut self, b: usize) {
        let start = self.i;
        while self
            .chars
            .get(self.i)
            .is_some_and(|&(_, c)| c.is_ascii_digit() || c == '.' || c == ',')
        {
            self.i += 1;
        }
        let text = self.text(start).replace(',', "");
        self.out.push((Tok::Num(text), b..self.end_of(self.i)));
    }

    /// A string in double quotes, or a sheet name in single quotes.
    fn string(&mut self, b: usize, open: char) -> Result<(), SyntaxError> {
        let close = match open {
            '"' => '"',
            '“' => '”',
            '\'' => '\'',
            _ => '’',
        };
        self.i += 1;
        let start = self.i;
        while self.chars.get(self.i).is_some_and(|&(_, c)| c != close) {
            self.i += 1;
        }
        if self.i >= self.chars.len() {
            return Err(SyntaxError {
                message: Message::new("rf-unterminated-string"),
                span: b..self.src.len(),
                help: Some(Message::new("rf-help-close-with").text("close", close.to_string())),
            });
        }
        let text = self.text(start);
        self.i += 1;
        let tok = if open == '"' || open == '“' {
            Tok::Str(text)
        } else {
            Tok::Quoted(text)
        };
        self.out.push((tok, b..self.end_of(self.i)));
        Ok(())
    }

    /// An operator, if one starts here.
    fn operator(&mut self, b: usize, c: char) -> Result<bool, SyntaxError> {
        let two: String = self.chars[self.i..(self.i + 2).min(self.chars.len())]
            .iter()
            .map(|(_, c)| *c)
            .collect();
        let op2 = ["==", "!=", "<=", ">=", "≤", "≥", "≠"]
            .into_iter()
            .find(|o| two.starts_with(o));
        if let Some(o) = op2 {
            let n = o.chars().count();
            let o = match o {
                "≤" => "<=",
                "≥" => ">=",
                "≠" => "!=",
                o => o,
            };
            self.out.push((Tok::Op(o), b..self.end_of(self.i + n)));
            self.i += n;
            return Ok(true);
        }
        if c == '=' {
            return Err(SyntaxError {
                message: Message::new("rf-single-equals"),
                span: b..self.end_of(self.i + 1),
                help: Some(Message::new("rf-help-double-equals")),
            });
        }
        const ONE: [&str; 13] = [
            "(", ")", "[", "]", ".", "+", "-", "*", "/", "<", ">", "!", "%",
        ];
        let Some(o) = ONE.into_iter().find(|o| o.starts_with(c)) else {
            return Ok(false);
        };
        self.out.push((Tok::Op(o), b..self.end_of(self.i + 1)));
        self.i += 1;
        Ok(true)
    }

    /// A name: letters, digits, `_`, CJK and `（）·`.
    fn name(&mut self, b: usize) -> Result<(), SyntaxError> {
        let start = self.i;
        while self
            .chars
            .get(self.i)
            .is_some_and(|&(_, d)| d.is_alphanumeric() || d == '_' || "（）·".contains(d))
        {
            self.i += 1;
        }
        if self.i == start {
            return Err(SyntaxError {
                message: Message::new("rf-unexpected-char")
                    .text("char", self.chars[self.i].1.to_string()),
                span: b..self.end_of(self.i + 1),
                help: None,
            });
        }
        let text = self.text(start);
        self.out.push((Tok::Name(text), b..self.end_of(self.i)));
        Ok(())
    }
}

/// Parses an expression.
pub fn parse(src: &str) -> Result<Expr, SyntaxError> {
    let toks = lex(src)?;
    if toks.is_empty() {
        return Err(SyntaxError {
            message: Message::new("rf-empty-expression"),
            span: 0..src.len(),
            help: Some(Message::new("rf-help-write-what-holds")),
        });
    }
    let mut p = Parser {
        toks,
        pos: 0,
        src_len: src.len(),
        depth: 0,
        joined: 0,
    };
    let e = p.expr()?;
    if let Some((t, span)) = p.toks.get(p.pos) {
        return Err(SyntaxError {
            message: Message::new("rf-trailing").message("token", describe(t)),
            span: span.clone(),
            help: Some(Message::new("rf-help-and-or")),
        });
    }
    Ok(e)
}

fn describe(t: &Tok) -> Message {
    match t {
        Tok::Num(n) => Message::new("rf-tok-number").text("text", n.clone()),
        Tok::Str(s) => Message::new("rf-tok-string").text("text", s.clone()),
        Tok::Quoted(s) => Message::new("rf-tok-quoted").text("text", s.clone()),
        Tok::Name(n) => Message::new("rf-tok-code").text("text", n.clone()),
        Tok::Op(o) => Message::new("rf-tok-code").text("text", o.to_string()),
    }
}

struct Parser {
    toks: Vec<(Tok, Span)>,
    pos: usize,
    src_len: usize,
    /// Nesting of parentheses, calls, `not` and unary minus being parsed.
    depth: usize,
    /// Operators joined so far (`a + b + …`).
    joined: usize,
}

/// The deepest nesting an expression may have: deeper ones are refused
/// with a diagnostic, never parsed into a stack overflow.
const MAX_NESTING: usize = 64;
/// The most binary operators an expression may join; a longer chain is
/// refused (a tree that deep would overflow the stack when evaluated or
/// dropped).
const MAX_JOINED: usize = 500;

const KEYWORDS: [&str; 8] = ["and", "or", "not", "between", "where", "by", "if", "then"];

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }
    fn span(&self) -> Span {
        self.toks
            .get(self.pos)
            .map_or(self.src_len..self.src_len, |(_, s)| s.clone())
    }
    fn prev_end(&self) -> usize {
        self.pos
            .checked_sub(1)
            .and_then(|p| self.toks.get(p))
            .map_or(0, |(_, s)| s.end)
    }
    fn is_name(&self, n: &str) -> bool {
        matches!(self.peek(), Some(Tok::Name(x)) if x == n)
    }
    fn is_op(&self, o: &str) -> bool {
        matches!(self.peek(), Some(Tok::Op(x)) if *x == o)
    }
    /// True when the token after the current one is the operator `o`.
    fn next_is(&self, o: &'static str) -> bool {
        self.toks
            .get(self.pos + 1)
            .is_some_and(|(t, _)| *t == Tok::Op(o))
    }
    fn eat_op(&mut self, o: &str) -> bool {
        if self.is_op(o) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn eat_name(&mut self, n: &str) -> bool {
        if self.is_name(n) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn expect_op(&mut self, o: &str, what: &'static str) -> Result<Span, SyntaxError> {
        if self.is_op(o) {
            self.pos += 1;
            Ok(self.toks[self.pos - 1].1.clone())
        } else {
            Err(self.error(
                Message::new("rf-expected-op")
                    .text("op", o)
                    .message("what", Message::new(what)),
            ))
        }
    }
    fn error(&self, message: Message) -> SyntaxError {
        let found = self.peek().map_or(Message::new("rf-tok-end"), describe);
        SyntaxError {
            message: Message::new("rf-found")
                .message("expected", message)
                .message("found", found),
            span: self.span(),
            help: None,
        }
    }
    fn node(&self, kind: ExprKind, start: usize) -> Expr {
        Expr {
            kind,
            span: start..self.prev_end(),
        }
    }

    /// Runs `f` one level deeper, refusing to nest past [`MAX_NESTING`].
    fn nested<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, SyntaxError>,
    ) -> Result<T, SyntaxError> {
        if self.depth >= MAX_NESTING {
            let mut e = self.error(Message::new("rf-too-deep").count("n", MAX_NESTING));
            e.help = Some(Message::new("rf-help-split"));
            return Err(e);
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }

    /// Counts one more binary operator, refusing more than [`MAX_JOINED`].
    fn join(&mut self) -> Result<(), SyntaxError> {
        self.joined += 1;
        if self.joined > MAX_JOINED {
            let mut e = self.error(Message::new("rf-too-many-terms").count("n", MAX_JOINED));
            e.help = Some(Message::new("rf-help-sum-a-column"));
            return Err(e);
        }
        Ok(())
    }

    fn expr(&mut self) -> Result<Expr, SyntaxError> {
        self.nested(Self::or)
    }
    fn or(&mut self) -> Result<Expr, SyntaxError> {
        let start = self.span().start;
        let mut left = self.and()?;
        while self.eat_name("or") {
            self.join()?;
            let right = self.and()?;
            left = self.node(ExprKind::Or(Box::new(left), Box::new(right)), start);
        }
        Ok(left)
    }
    fn and(&mut self) -> Result<Expr, SyntaxError> {
        let start = self.span().start;
        let mut left = self.not()?;
        while self.eat_name("and") {
            self.join()?;
            let right = self.not()?;
            left = self.node(ExprKind::And(Box::new(left), Box::new(right)), start);
        }
        Ok(left)
    }
    fn not(&mut self) -> Result<Expr, SyntaxError> {
        let start = self.span().start;
        if self.eat_name("not") {
            let e = self.nested(Self::not)?;
            return Ok(self.node(ExprKind::Not(Box::new(e)), start));
        }
        self.cmp()
    }
    fn cmp(&mut self) -> Result<Expr, SyntaxError> {
        let start = self.span().start;
        let left = self.add()?;
        if self.eat_name("between") {
            let lo = self.add()?;
            if !self.eat_name("and") {
                return Err(self.error(Message::new("rf-expected-between-and")));
            }
            let hi = self.add()?;
            return Ok(self.node(
                ExprKind::Between(Box::new(left), Box::new(lo), Box::new(hi)),
                start,
            ));
        }
        let op = match self.peek() {
            Some(Tok::Op("==")) => CmpOp::Eq,
            Some(Tok::Op("!=")) => CmpOp::Ne,
            Some(Tok::Op("<")) => CmpOp::Lt,
            Some(Tok::Op("<=")) => CmpOp::Le,
            Some(Tok::Op(">")) => CmpOp::Gt,
            Some(Tok::Op(">=")) => CmpOp::Ge,
            _ => return Ok(left),
        };
        self.pos += 1;
        let right = self.add()?;
        Ok(self.node(ExprKind::Cmp(op, Box::new(left), Box::new(right)), start))
    }
    fn add(&mut self) -> Result<Expr, SyntaxError> {
        let start = self.span().start;
        let mut left = self.mul()?;
        loop {
            let op = if self.eat_op("+") {
                ArithOp::Add
            } else if self.eat_op("-") {
                ArithOp::Sub
            } else {
                return Ok(left);
            };
            self.join()?;
            let right = self.mul()?;
            left = self.node(ExprKind::Arith(op, Box::new(left), Box::new(right)), start);
        }
    }
    fn mul(&mut self) -> Result<Expr, SyntaxError> {
        let start = self.span().start;
        let mut left = self.unary()?;
        loop {
            let op = if self.eat_op("*") {
                ArithOp::Mul
            } else if self.eat_op("/") {
                ArithOp::Div
            } else {
                return Ok(left);
            };
            self.join()?;
            let right = self.unary()?;
            left = self.node(ExprKind::Arith(op, Box::new(left), Box::new(right)), start);
        }
    }
    fn unary(&mut self) -> Result<Expr, SyntaxError> {
        let start = self.span().start;
        if self.eat_op("-") {
            let e = self.nested(Self::unary)?;
            return Ok(self.node(ExprKind::Neg(Box::new(e)), start));
        }
        self.primary()
    }

    fn colref(&mut self) -> Result<ColRef, SyntaxError> {
        let (Some(Tok::Name(first)), span) = (self.peek().cloned(), self.span()) else {
            return Err(self.error(Message::new("rf-expected-column")));
        };
        if KEYWORDS.contains(&first.as_str()) {
            return Err(self.error(Message::new("rf-expected-column")));
        }
        self.pos += 1;
        if self.eat_op(".") {
            let (Some(Tok::Name(col)), cspan) = (self.peek().cloned(), self.span()) else {
                return Err(self.error(Message::new("rf-expected-column-of").text("table", first)));
            };
            self.pos += 1;
            return Ok(ColRef {
                table: Some((first, span)),
                column: col,
                column_span: cspan,
            });
        }
        Ok(ColRef {
            table: None,
            column: first,
            column_span: span,
        })
    }

    /// A grouping key: a column of the same table unless it names its own.
    fn key_of(&mut self, col: &ColRef) -> Result<ColRef, SyntaxError> {
        let mut key = self.colref()?;
        if key.table.is_none() {
            key.table = col.table.clone();
        }
        Ok(key)
    }

    fn primary(&mut self) -> Result<Expr, SyntaxError> {
        let start = self.span().start;
        let Some(tok) = self.peek().cloned() else {
            return Err(self.error(Message::new("rf-expected-value")));
        };
        match tok {
            Tok::Num(text) => self.number(&text, start),
            Tok::Str(s) => {
                self.pos += 1;
                Ok(self.node(ExprKind::Text(s), start))
            }
            Tok::Quoted(sheet) => self.sheet_cell(sheet, start),
            Tok::Op("(") => {
                self.pos += 1;
                let e = self.expr()?;
                self.expect_op(")", "rf-to-close-paren")?;
                Ok(Expr {
                    kind: e.kind,
                    span: start..self.prev_end(),
                })
            }
            Tok::Name(n) if n == "if" => self.if_then(start),
            Tok::Name(n) if KEYWORDS.contains(&n.as_str()) => {
                Err(self.error(Message::new("rf-expected-value")))
            }
            Tok::Name(name) => self.named(name, start),
            Tok::Op(o) => Err(self.error(Message::new("rf-expected-value-not").text("op", o))),
        }
    }

    /// `NUMBER [unit | "%"]`.
    fn number(&mut self, text: &str, start: usize) -> Result<Expr, SyntaxError> {
        let span = self.span();
        self.pos += 1;
        let value: Decimal = text.parse().map_err(|_| SyntaxError {
            message: Message::new("rf-not-a-number").text("text", text),
            span: span.clone(),
            help: None,
        })?;
        let decimals = text.split_once('.').map_or(0, |(_, f)| f.len()) as u8;
        let percent = self.eat_op("%");
        let unit = if percent { None } else { self.unit()? };
        Ok(self.node(
            ExprKind::Number {
                value,
                decimals,
                unit,
                percent,
            },
            start,
        ))
    }

    /// The unit after a number, if one is written.
    fn unit(&mut self) -> Result<Option<Unit>, SyntaxError> {
        let Some(Tok::Name(n)) = self.peek().cloned() else {
            return Ok(None);
        };
        match Unit::parse_short(&n) {
            Some(u) => {
                self.pos += 1;
                Ok(Some(u))
            }
            None if !KEYWORDS.contains(&n.as_str()) && !n.is_ascii() => Err(SyntaxError {
                message: Message::new("rf-unknown-unit").text("unit", n),
                span: self.span(),
                help: Some(Message::new("rf-help-units-or-percent").text("units", Unit::names())),
            }),
            None => Ok(None),
        }
    }

    /// `'sheet'!A1`.
    fn sheet_cell(&mut self, sheet: String, start: usize) -> Result<Expr, SyntaxError> {
        self.pos += 1;
        self.expect_op("!", "rf-after-sheet-name")?;
        let Some(Tok::Name(cell)) = self.peek().cloned() else {
            return Err(self.error(Message::new("rf-expected-cell")));
        };
        let span = self.span();
        self.pos += 1;
        let at = crate::workbook::parse_a1(&cell).ok_or(SyntaxError {
            message: Message::new("rf-not-a-cell").text("cell", cell.clone()),
            span,
            help: Some(Message::new("rf-help-cell")),
        })?;
        Ok(self.node(ExprKind::Cell { sheet, at }, start))
    }

    /// `if c then a [else b]`.
    fn if_then(&mut self, start: usize) -> Result<Expr, SyntaxError> {
        self.pos += 1;
        let c = self.expr()?;
        if !self.eat_name("then") {
            return Err(self.error(Message::new("rf-expected-then")));
        }
        let a = self.expr()?;
        let b = if self.eat_name("else") {
            Some(Box::new(self.expr()?))
        } else {
            None
        };
        Ok(self.node(ExprKind::If(Box::new(c), Box::new(a), b), start))
    }

    /// What starts with a name: `text("…")`, a function call, a row
    /// lookup, or a column (with a grouping key).
    fn named(&mut self, name: String, start: usize) -> Result<Expr, SyntaxError> {
        if name == "text" && self.next_is("(") {
            return self.text_call(start);
        }
        if self.next_is("(") {
            return self.call(name, start);
        }
        if self.next_is("[") {
            return self.lookup(name, start);
        }
        let col = self.colref()?;
        let by = if self.eat_name("by") {
            Some(self.key_of(&col)?)
        } else {
            None
        };
        Ok(self.node(ExprKind::Column { col, by }, start))
    }

    /// `text("phrase")`.
    fn text_call(&mut self, start: usize) -> Result<Expr, SyntaxError> {
        self.pos += 2;
        let Some(Tok::Str(phrase)) = self.peek().cloned() else {
            return Err(self.error(Message::new("rf-expected-phrase")));
        };
        self.pos += 1;
        self.expect_op(")", "rf-to-close-text")?;
        Ok(self.node(ExprKind::TextFigure(phrase), start))
    }

    /// `FUNC(col [where cond] [by key])`.
    fn call(&mut self, name: String, start: usize) -> Result<Expr, SyntaxError> {
        let name_span = self.span();
        self.pos += 2;
        let agg = Agg::from_name(&name);
        let check = match name.as_str() {
            "unique" => Some(RowCheck::Unique),
            "required" | "not_empty" => Some(RowCheck::Required),
            _ => None,
        };
        if agg.is_none() && check.is_none() {
            return Err(unknown_function(&name, name_span));
        }
        let col = self.colref()?;
        if let Some(check) = check {
            self.expect_op(")", "rf-to-close-call")?;
            return Ok(self.node(ExprKind::RowCheck { check, col }, start));
        }
        let filter = if self.eat_name("where") {
            Some(Box::new(self.expr()?))
        } else {
            None
        };
        let by = if self.eat_name("by") {
            Some(self.key_of(&col)?)
        } else {
            None
        };
        self.expect_op(")", "rf-to-close-call")?;
        let agg = agg.unwrap_or(Agg::Sum);
        Ok(self.node(
            ExprKind::Aggregate {
                agg,
                col,
                filter,
                by,
            },
            start,
        ))
    }

    /// `表["合计"].列`.
    fn lookup(&mut self, name: String, start: usize) -> Result<Expr, SyntaxError> {
        let name_span = self.span();
        self.pos += 2;
        let Some(Tok::Str(label)) = self.peek().cloned() else {
            return Err(self.error(Message::new("rf-expected-row-label")));
        };
        self.pos += 1;
        self.expect_op("]", "rf-to-close-row-label")?;
        self.expect_op(".", "rf-and-a-column")?;
        let (Some(Tok::Name(column)), column_span) = (self.peek().cloned(), self.span()) else {
            return Err(self.error(Message::new("rf-expected-column")));
        };
        self.pos += 1;
        Ok(self.node(
            ExprKind::Lookup {
                table: (name, name_span),
                label,
                column,
                column_span,
            },
            start,
        ))
    }
}

/// The error for a call of a function that does not exist.
fn unknown_function(name: &str, span: Span) -> SyntaxError {
    let known = [
        "sum",
        "count",
        "count_distinct",
        "min",
        "max",
        "mean",
        "unique",
        "required",
        "text",
    ];
    let near = crate::rules::did_you_mean(name, known.iter().copied());
    SyntaxError {
        message: Message::new("rf-unknown-function").text("name", name),
        span,
        help: Some(match near {
            Some(n) => Message::new("rf-help-function-near")
                .text("near", n)
                .text("functions", known.join(", ")),
            None => Message::new("rf-help-functions").text("functions", known.join(", ")),
        }),
    }
}

impl Expr {
    /// Visits every node, depth first.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Expr)) {
        f(self);
        match &self.kind {
            ExprKind::Aggregate {
                filter: Some(e), ..
            }
            | ExprKind::Neg(e)
            | ExprKind::Not(e) => e.walk(f),
            ExprKind::Arith(_, a, b)
            | ExprKind::Cmp(_, a, b)
            | ExprKind::And(a, b)
            | ExprKind::Or(a, b) => {
                a.walk(f);
                b.walk(f);
            }
            ExprKind::Between(a, b, c) => {
                a.walk(f);
                b.walk(f);
                c.walk(f);
            }
            ExprKind::If(a, b, c) => {
                a.walk(f);
                b.walk(f);
                if let Some(c) = c {
                    c.walk(f);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn deep_nesting_is_refused_where_it_starts_not_overflowed() {
        let deep = format!("{}1{} == 1", "(".repeat(2000), ")".repeat(2000));
        let e = parse(&deep).unwrap_err();
        assert!(
            e.message
                .render_in(crate::message::Lang::En)
                .contains("nests more than 64"),
            "{}",
            e.message
        );
        assert_eq!(e.span.start, 64, "points at the first parenthesis too deep");
        for deep in ["not ".repeat(5000) + "a", "-".repeat(5000) + "1 == 1"] {
            assert!(parse(&deep)
                .unwrap_err()
                .message
                .render_in(crate::message::Lang::En)
                .contains("nests more than"));
        }
        let long = format!("{}1 == 1", "1 + ".repeat(100_000));
        assert!(parse(&long)
            .unwrap_err()
            .message
            .render_in(crate::message::Lang::En)
            .contains("joins more than 500"));
        assert!(parse(&format!("{}1{} == 1", "(".repeat(60), ")".repeat(60))).is_ok());
        assert!(parse(&format!("{}1 == 1", "1 + ".repeat(400))).is_ok());
    }

    use super::*;

    #[test]
    fn parses_the_seed_rules() {
        let e = parse("sum(项目.评价金额) == 21240.1 万元").unwrap();
        assert!(matches!(e.kind, ExprKind::Cmp(CmpOp::Eq, _, _)));
        parse("count(项目.资金类别) == 4").unwrap();
        parse("count(部门.名称 where 部门.整体目标管理 == \"是\") / count(部门.名称) == 81.8%")
            .unwrap();
        parse("得分 <= 分值").unwrap();
        parse("支出表[\"合计\"].基本支出 + 支出表[\"合计\"].项目支出 == 支出表[\"合计\"].合计")
            .unwrap();
        parse("'收支总表'!D8 == sum(明细.金额)").unwrap();
        parse("sum(明细.金额 by 部门) == 汇总.金额 by 部门").unwrap();
        parse("金额 between 0 and 100 万元 and not 金额 < 0").unwrap();
        parse("if 类型 == \"专项\" then 金额 > 0").unwrap();
        parse("unique(项目.项目编码)").unwrap();
        parse("16.5 亿元 == 165000 万元").unwrap();
    }

    #[test]
    fn errors_point_at_the_mistake() {
        let src = "sum(项目.评价金额) = 21240.1";
        let e = parse(src).unwrap_err();
        assert_eq!(&src[e.span.clone()], "=");
        let src = "summ(项目.评价金额) == 1";
        let e = parse(src).unwrap_err();
        assert_eq!(&src[e.span.clone()], "summ");
        assert!(e
            .help
            .unwrap()
            .render_in(crate::message::Lang::En)
            .contains("sum"));
        let src = "sum(项目.评价金额) == 1 万圆";
        let e = parse(src).unwrap_err();
        assert_eq!(&src[e.span.clone()], "万圆");
    }
}
