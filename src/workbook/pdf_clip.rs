//! Text hidden by a clipping path.
//!
//! A spreadsheet printed to PDF clips each cell's text at the cell's edge
//! (LibreOffice, Excel): a label longer than its column is drawn whole, with
//! a clipping rectangle around the cell, so the text layer holds characters
//! nobody sees on the page, lying under the next cell's figure. pdf_oxide
//! gives characters without their clip, so this module walks the page's
//! content stream for the rectangles text is drawn inside, and the layout
//! leaves out the characters outside theirs.
//!
//! Only rectangular clips set on the page itself are followed (`re W n`
//! under the current transformation); text in form XObjects, and clips of
//! other shapes, are taken as unclipped. Nothing is ever dropped on a
//! guess: a character is hidden only when it starts outside the rectangle
//! of the text run it belongs to (by content order, or by the run starting
//! on its baseline at or before it), and never in a run whose figures are
//! set a full em wide (a CID font whose widths were not read places them
//! past where they are drawn).

/// Where a text run starts on the page, and the rectangle it is clipped to.
#[derive(Debug, Clone, Copy)]
pub struct Shown {
    /// Start of the run, in default user space (points, y up).
    pub x: f32,
    /// Baseline of the run.
    pub y: f32,
    /// The clip in force: `[x0, y0, x1, y1]`, or `None` for none that
    /// can be followed.
    pub clip: Option<[f32; 4]>,
}

type M = [f32; 6];

fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &M, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

const IDENTITY: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// True when the content holds a clip operator (`W` or `W*` standing
/// alone), so pages without one are not parsed a second time.
fn has_clip(bytes: &[u8]) -> bool {
    bytes.windows(3).any(|w| {
        w[0].is_ascii_whitespace() && w[1] == b'W' && (w[2].is_ascii_whitespace() || w[2] == b'*')
    })
}

/// The text runs of a page's content stream with their clips. Empty when
/// the page sets no clip, or its content cannot be parsed.
pub fn text_runs(content: &[u8]) -> Vec<Shown> {
    if !has_clip(content) {
        return Vec::new();
    }
    let ops = scan(content);
    let mut out = Vec::new();
    let mut ctm = IDENTITY;
    // `None` inside: no clip; `Some(None)`: a clip that is not followed.
    let mut clip: Option<Option<[f32; 4]>> = None;
    let mut stack: Vec<(M, Option<Option<[f32; 4]>>)> = Vec::new();
    let mut path: Option<Option<[f32; 4]>> = None;
    let mut clipping = false;
    let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
    let mut leading = 0.0f32;
    let mut rise = 0.0f32;
    for op in &ops {
        match op {
            Op::Save => {
                if stack.len() < 10_000 {
                    stack.push((ctm, clip));
                }
            }
            Op::Restore => {
                if let Some((m, c)) = stack.pop() {
                    ctm = m;
                    clip = c;
                }
            }
            Op::Cm(m) => ctm = mul(m, &ctm),
            Op::Re([x, y, width, height]) => {
                let (x, y, width, height) = (*x, *y, *width, *height);
                let corners = [
                    apply(&ctm, x, y),
                    apply(&ctm, x + width, y),
                    apply(&ctm, x, y + height),
                    apply(&ctm, x + width, y + height),
                ];
                let axis = ctm[1].abs() < 1e-6 && ctm[2].abs() < 1e-6;
                let r = axis.then(|| {
                    let xs = corners.map(|c| c.0);
                    let ys = corners.map(|c| c.1);
                    [
                        xs.iter().copied().fold(f32::MAX, f32::min),
                        ys.iter().copied().fold(f32::MAX, f32::min),
                        xs.iter().copied().fold(f32::MIN, f32::max),
                        ys.iter().copied().fold(f32::MIN, f32::max),
                    ]
                });
                // A second subpath makes the path no rectangle.
                path = Some(match path {
                    None => r,
                    Some(_) => None,
                });
            }
            Op::Segment => path = Some(None),
            Op::Clip => clipping = true,
            Op::Paint => {
                if clipping {
                    let new = path.flatten();
                    clip = Some(match (clip, new) {
                        (None, n) => n,
                        (Some(Some(a)), Some(b)) => Some([
                            a[0].max(b[0]),
                            a[1].max(b[1]),
                            a[2].min(b[2]),
                            a[3].min(b[3]),
                        ]),
                        _ => None,
                    });
                }
                path = None;
                clipping = false;
            }
            Op::BeginText => {
                tm = IDENTITY;
                tlm = IDENTITY;
            }
            Op::Tm(m) => {
                tm = *m;
                tlm = tm;
            }
            Op::Td(tx, ty) => {
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, *tx, *ty], &tlm);
                tm = tlm;
            }
            Op::TD(tx, ty) => {
                leading = -ty;
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, *tx, *ty], &tlm);
                tm = tlm;
            }
            Op::TL(l) => leading = *l,
            Op::Ts(r) => rise = *r,
            Op::TStar => {
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                tm = tlm;
            }
            Op::Show => out.push(shown(&tm, &ctm, rise, clip)),
            Op::NextLineShow => {
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                tm = tlm;
                out.push(shown(&tm, &ctm, rise, clip));
            }
        }
    }
    // (Kept with no clip in force too: where each run starts tells cells
    // drawn a hair apart from one another.)
    // By baseline, for `on_line`.
    out.sort_by(|a, b| a.y.total_cmp(&b.y));
    out
}

/// The runs (sorted by baseline, as `text_runs` gives them) whose baseline
/// a character at vertical centre `yc` of font size `size` can stand on.
fn on_line(runs: &[Shown], yc: f32, size: f32) -> &[Shown] {
    let lo = runs.partition_point(|s| s.y <= yc - 0.9 * size);
    let hi = runs.partition_point(|s| s.y < yc + 0.5 * size);
    &runs[lo..hi.max(lo)]
}

/// The operators the clip walk follows, with their operands.
#[derive(Debug, Clone, PartialEq)]
enum Op {
    Save,
    Restore,
    Cm(M),
    Re([f32; 4]),
    /// `m l c v y h`: the path is no rectangle.
    Segment,
    /// `W`, `W*`.
    Clip,
    /// `n S s f F f* B B* b b*`: the path is used.
    Paint,
    BeginText,
    Tm(M),
    Td(f32, f32),
    TD(f32, f32),
    TL(f32),
    Ts(f32),
    TStar,
    /// `Tj`, `TJ`.
    Show,
    /// `'`, `"`.
    NextLineShow,
}

/// The operators of a content stream that place text and clip it, read
/// straight from its bytes: strings, arrays, names, dictionaries and
/// inline images are stepped over, other operators dropped. pdf_oxide's
/// own parser builds every operator and costs as much again as the text
/// extraction; this reads only what the clip walk needs. An operator whose
/// operands are not the figures it takes is dropped.
fn scan(b: &[u8]) -> Vec<Op> {
    let mut out = Vec::new();
    let mut nums: Vec<f32> = Vec::with_capacity(8);
    let n = b.len();
    let mut i = 0;
    let delimiter = |c: u8| c.is_ascii_whitespace() || b"()<>[]{}/%".contains(&c);
    while i < n {
        match b[i] {
            c if c.is_ascii_whitespace() => i += 1,
            b'%' => {
                while i < n && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                let mut depth = 0usize;
                while i < n {
                    match b[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
                nums.push(f32::NAN);
            }
            b'<' if b.get(i + 1) == Some(&b'<') => {
                // An inline dictionary (`/P <</MCID 0>> BDC`).
                let mut depth = 0usize;
                while i < n {
                    if b[i..].starts_with(b"<<") {
                        depth += 1;
                        i += 2;
                    } else if b[i..].starts_with(b">>") {
                        depth = depth.saturating_sub(1);
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                nums.push(f32::NAN);
            }
            b'<' => {
                while i < n && b[i] != b'>' {
                    i += 1;
                }
                i += 1;
                nums.push(f32::NAN);
            }
            b'[' | b']' | b'{' | b'}' | b'>' | b')' => {
                i += 1;
                nums.push(f32::NAN);
            }
            b'/' => {
                i += 1;
                while i < n && !delimiter(b[i]) {
                    i += 1;
                }
                nums.push(f32::NAN);
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                let start = i;
                while i < n && !delimiter(b[i]) {
                    i += 1;
                }
                let v = std::str::from_utf8(&b[start..i])
                    .ok()
                    .and_then(|t| t.parse::<f32>().ok())
                    .unwrap_or(f32::NAN);
                nums.push(v);
            }
            _ => {
                let start = i;
                i += 1;
                while i < n && !delimiter(b[i]) {
                    i += 1;
                }
                let word = &b[start..i];
                if word == b"BI" {
                    // Inline image data, up to `EI` standing alone.
                    while i + 2 < n
                        && !(b[i].is_ascii_whitespace()
                            && &b[i + 1..i + 3] == b"EI"
                            && b.get(i + 3).is_none_or(|c| c.is_ascii_whitespace()))
                    {
                        i += 1;
                    }
                    i += 3;
                } else if let Some(op) = op_of(word, &nums) {
                    out.push(op);
                }
                nums.clear();
            }
        }
    }
    out
}

/// The operator `word` with its operands, when it is one the walk follows
/// and its operands are the figures it takes.
fn op_of(word: &[u8], nums: &[f32]) -> Option<Op> {
    let last = |k: usize| -> Option<&[f32]> {
        let v = nums.get(nums.len().checked_sub(k)?..)?;
        v.iter().all(|x| x.is_finite()).then_some(v)
    };
    let m6 = || last(6).map(|v| [v[0], v[1], v[2], v[3], v[4], v[5]]);
    Some(match word {
        b"q" => Op::Save,
        b"Q" => Op::Restore,
        b"cm" => Op::Cm(m6()?),
        b"re" => {
            let v = last(4)?;
            Op::Re([v[0], v[1], v[2], v[3]])
        }
        b"m" | b"l" | b"c" | b"v" | b"y" | b"h" => Op::Segment,
        b"W" | b"W*" => Op::Clip,
        b"n" | b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" => Op::Paint,
        b"BT" => Op::BeginText,
        b"Tm" => Op::Tm(m6()?),
        b"Td" => {
            let v = last(2)?;
            Op::Td(v[0], v[1])
        }
        b"TD" => {
            let v = last(2)?;
            Op::TD(v[0], v[1])
        }
        b"TL" => Op::TL(last(1)?[0]),
        b"Ts" => Op::Ts(last(1)?[0]),
        b"T*" => Op::TStar,
        b"Tj" | b"TJ" => Op::Show,
        b"'" | b"\"" => Op::NextLineShow,
        _ => return None,
    })
}

fn shown(tm: &M, ctm: &M, rise: f32, clip: Option<Option<[f32; 4]>>) -> Shown {
    let (x, y) = apply(&mul(tm, ctm), 0.0, rise);
    Shown {
        x,
        y,
        clip: clip.flatten(),
    }
}

/// The clip of the text run a character (left edge `x0`, vertical centre
/// `yc`, font size `size`) belongs to: the nearest run on its baseline
/// that starts at or before it. `None` when that run is not clipped. (A
/// run may start outside its clip: a centred header wider than its cell.)
pub fn clip_of(runs: &[Shown], x0: f32, yc: f32, size: f32) -> Option<[f32; 4]> {
    let size = size.max(1.0);
    let run = on_line(runs, yc, size)
        .iter()
        .filter(|s| s.x <= x0 + 0.05 * size)
        .max_by(|a, b| a.x.total_cmp(&b.x))?;
    clip_of_run(run)
}

/// A run's clip, where it applies.
fn clip_of_run(run: &Shown) -> Option<[f32; 4]> {
    // Its clip, when the run starts on the clip's band (inside it, or left
    // of it: a centred header wider than its cell). A run drawn above or
    // below its clip is taken as unclipped: its position and the clip's
    // may not be of one another (text in forms, which are not followed).
    let c = run.clip?;
    (run.y >= c[1] - 1.0 && run.y <= c[3] + 1.0).then_some(c)
}

/// The clip of the run that starts at a character (left edge `x0`, as
/// drawn: within a fiftieth of an em), if one does: `None` when no run starts there, `Some(None)` when the run
/// there is not clipped.
pub fn clip_at_start(runs: &[Shown], x0: f32, yc: f32, size: f32) -> Option<Option<[f32; 4]>> {
    let size = size.max(1.0);
    on_line(runs, yc, size)
        .iter()
        .find(|s| (s.x - x0).abs() < 0.02 * size)
        .map(clip_of_run)
}

/// Whether a text run starts at a character (left edge `x0`, vertical
/// centre `yc`) right after a run of several characters on its line:
/// spreadsheets printed to PDF draw each cell's text as a run of its own.
/// (Producers that draw each character as its own run show no such
/// break.) The starts of the runs on a line are sorted once and searched (a
/// page whose producer draws each character as a run of its own has
/// hundreds on a line).
pub struct RunStarts<'a> {
    runs: &'a [Shown],
    /// The last line asked about (its bounds in `runs`) and its runs'
    /// starts, ascending.
    line: std::cell::RefCell<((usize, usize), Vec<f32>)>,
}

impl<'a> RunStarts<'a> {
    /// The index of a page's runs (sorted by baseline, as `text_runs`
    /// gives them).
    pub fn new(runs: &'a [Shown]) -> RunStarts<'a> {
        RunStarts {
            runs,
            line: std::cell::RefCell::new(((usize::MAX, 0), Vec::new())),
        }
    }

    /// Whether a run starts at the character and the run before it on its
    /// line started at least 1.5 em earlier.
    pub fn at(&self, x0: f32, yc: f32, size: f32) -> bool {
        let size = size.max(1.0);
        let lo = self.runs.partition_point(|s| s.y <= yc - 0.9 * size);
        let hi = self.runs.partition_point(|s| s.y < yc + 0.5 * size).max(lo);
        let mut cached = self.line.borrow_mut();
        if cached.0 != (lo, hi) {
            let mut xs: Vec<f32> = self.runs[lo..hi].iter().map(|s| s.x).collect();
            xs.sort_by(f32::total_cmp);
            *cached = ((lo, hi), xs);
        }
        let xs = &cached.1;
        // A start within 0.1 em of the character.
        let from = xs.partition_point(|&x| x <= x0 - 0.1 * size);
        let here = xs.get(from).is_some_and(|&x| x < x0 + 0.1 * size);
        if !here || from == 0 {
            return false;
        }
        // The nearest start before it (more than 0.1 em before).
        let before = xs[from - 1];
        x0 - before >= 1.5 * size
    }
}

fn inside(c: &[f32; 4], x: f32, y: f32) -> bool {
    x >= c[0] - 1.0 && x <= c[2] + 1.0 && y >= c[1] - 1.0 && y <= c[3] + 1.0
}

/// Whether a character (left edge `x0`, right edge `x1`, vertical centre
/// `yc`, font size `size`) is hidden by its run's clip (`clip_of`): it
/// starts outside it. A character cut by the edge is still read, as on
/// the page, where its first part shows.
pub fn hidden(clip: Option<[f32; 4]>, x0: f32, x1: f32, yc: f32, size: f32) -> bool {
    let Some(c) = clip else {
        return false;
    };
    !inside(&c, x0 + 0.1 * size.min(x1 - x0).max(0.0), yc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(runs: &[Shown], x0: f32, x1: f32, yc: f32, size: f32) -> bool {
        hidden(clip_of(runs, x0, yc, size), x0, x1, yc, size)
    }

    #[test]
    fn a_label_clipped_at_its_cell_is_cut_there() {
        // A cell 51..110 wide, its label drawn from 52, then a figure in
        // the next cell drawn without a clip.
        let content = b"q 51 100 59 15 re W n BT /F1 11 Tf 52 103 Td (abcdefghij) Tj ET Q\n\
                        BT /F1 11 Tf 150 103 Td (12) Tj ET";
        let runs = text_runs(content);
        assert_eq!(runs.len(), 2);
        assert!(!at(&runs, 60.0, 70.0, 107.0, 11.0), "inside the cell");
        assert!(at(&runs, 115.0, 125.0, 107.0, 11.0), "past the cell's edge");
        assert!(!at(&runs, 150.0, 156.0, 107.0, 11.0), "the figure");
    }

    #[test]
    fn the_scan_steps_over_strings_arrays_dictionaries_and_images() {
        let ops = scan(
            b"/P <</MCID 0 /A <</B 1>>>> BDC q 1 0 0 1 5 6 cm\n\
              BT [(a\\) 9 9 9 9 9 re) -20 <3031>] TJ (x (y) 1 2 Td) Tj ET\n\
              BI /W 1 /H 1 ID \x00 Q W n EI Q % 7 7 Td\n1 2 Td",
        );
        assert_eq!(
            ops,
            vec![
                Op::Save,
                Op::Cm([1.0, 0.0, 0.0, 1.0, 5.0, 6.0]),
                Op::BeginText,
                Op::Show,
                Op::Show,
                Op::Restore,
                Op::Td(1.0, 2.0),
            ]
        );
    }

    #[test]
    fn pages_without_clips_are_not_parsed() {
        assert!(text_runs(b"BT 10 10 Td (Wn) Tj ET").is_empty());
        // A clip around text that is not a rectangle is not followed.
        let runs = text_runs(b"q 0 0 m 10 0 l 10 10 l h W n BT 1 1 Td (a) Tj ET Q");
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].clip, None);
    }

    #[test]
    fn the_clip_follows_the_transformation_and_the_state_stack() {
        let content = b"q 2 0 0 2 0 0 cm 10 10 20 10 re W n BT 25 12 Td (x) Tj ET Q\n\
                        BT 100 24 Td (y) Tj ET";
        let runs = text_runs(content);
        assert_eq!(runs[0].clip, Some([20.0, 20.0, 60.0, 40.0]));
        assert_eq!((runs[0].x, runs[0].y), (50.0, 24.0));
        assert_eq!(runs[1].clip, None);
        assert!(at(&runs, 62.0, 70.0, 28.0, 10.0));
    }
}
