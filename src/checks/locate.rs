//! Error localisation and correction hints.
//!
//! When a detail figure is mistyped, both its row total and its column total
//! fail; reporting the two totals sends the user to the wrong cells. Here the
//! failed relations of a table are grouped into clusters that share cells,
//! and in each cluster the cells that could, changed alone, make every
//! relation they take part in hold are found, each with the value it would
//! need (in the spirit of Fellegi–Holt and R's `errorlocate`). Each candidate
//! value is then compared with the figure as typed (R's `deductive`): two
//! adjacent digits swapped, one digit wrong, added or dropped, a unit slip of
//! 10⁴, a sign error; for a total, a row left out or counted twice, a 小计
//! added next to its own items, or a figure copied from the neighbouring
//! column. A hint is given only when the recomputed relations all hold.
//!
//! Candidates are ranked: a plausible slip first (a swap before a unit slip
//! before a sign error before a structural slip before a one-digit typo),
//! then the cell that sits in more failed relations, then — with nothing
//! else to go on — the stated total before its parts.

use std::collections::HashMap;

use rayon::prelude::*;
use rust_decimal::Decimal;

use super::{adjacent_swaps, Cmp, Outcome, Relation, Term};
use crate::finding::{Slip, Suspect, SuspectKind};
use crate::table::{Amount, RowKind, Table};

/// A cell that, changed alone, would make its failed relations hold.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The cell.
    pub term: Term,
    /// The value it would need.
    pub proposed: Decimal,
    /// Failed relations it takes part in.
    pub failing: usize,
    /// What probably happened, if a known slip explains it.
    pub slip: Option<Slip>,
    /// The cell is the stated figure of a failed relation (a total).
    pub is_total: bool,
}

/// Localises the errors of a table: for each failed relation (by index into
/// `rels`), the suspects of its cluster, most likely first.
pub fn locate(
    table: &Table,
    rels: &[Relation],
    outcomes: &[Option<Outcome>],
) -> HashMap<usize, Vec<Suspect>> {
    let failed: Vec<usize> = (0..rels.len())
        .filter(|&i| outcomes[i].is_some_and(|o| !o.holds(rels[i].cmp)))
        .collect();
    let mut out = HashMap::new();
    if failed.is_empty() {
        return out;
    }
    let Some(touching) = Touching::new(table, rels) else {
        return out; // more terms than a table can hold: no hints
    };
    let locator = Locator {
        table,
        rels,
        outcomes,
        touching,
    };
    for cluster in clusters(rels, &failed) {
        let suspects = locator.suspects_of(&cluster);
        for &i in &cluster {
            out.insert(i, suspects.clone());
        }
    }
    out
}

/// Groups failed relations that share a cell: the cells of the failed
/// relations, sorted, put side by side the relations that share one.
fn clusters(rels: &[Relation], failed: &[usize]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..failed.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    if failed.len() > 1 {
        let mut cells: Vec<(Term, usize)> = failed
            .iter()
            .enumerate()
            .flat_map(|(k, &i)| {
                let total = std::iter::once(rels[i].total);
                rels[i]
                    .parts
                    .iter()
                    .copied()
                    .chain(total)
                    .map(move |t| (t, k))
            })
            .collect();
        cells.sort_unstable();
        for pair in cells.windows(2) {
            if pair[0].0 == pair[1].0 && pair[0].1 != pair[1].1 {
                let (a, b) = (find(&mut parent, pair[0].1), find(&mut parent, pair[1].1));
                parent[a] = b;
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, &i) in failed.iter().enumerate() {
        let root = find(&mut parent, k);
        groups.entry(root).or_default().push(i);
    }
    let mut v: Vec<Vec<usize>> = groups.into_values().collect();
    v.sort();
    v
}

/// Which relations each cell of a table takes part in, laid out flat
/// (compressed rows): the relations of the cell at dense index
/// `row × width + col` are `rels[offsets[i]..offsets[i + 1]]`, ascending,
/// a relation listed once for each time the cell is in it.
///
/// A hash map of one list per cell cost a 500,000-row list with a wrong
/// total most of its time in cache misses and allocations; this is two
/// passes over the relations and two reads per lookup. Its size is a `u32`
/// per cell of the table, a third of what the sheet's own cells take.
struct Touching {
    width: usize,
    offsets: Vec<u32>,
    rels: Vec<u32>,
}

impl Touching {
    /// `None` when the relations hold more terms than a `u32` counts.
    fn new(table: &Table, rels: &[Relation]) -> Option<Touching> {
        let width = table.columns.len();
        let cells = table.rows.len().checked_mul(width)?;
        fn terms(r: &Relation, width: usize, cells: usize) -> impl Iterator<Item = usize> + '_ {
            let index = move |t: &Term| (t.col() < width).then(|| t.row() * width + t.col());
            let total = std::iter::once(&r.total);
            r.parts
                .iter()
                .chain(total)
                .filter_map(index)
                .filter(move |&i| i < cells)
        }
        // Counts, then their running sums (where each cell's list ends).
        let mut offsets = vec![0u32; cells + 1];
        for r in rels {
            for i in terms(r, width, cells) {
                offsets[i] = offsets[i].checked_add(1)?;
            }
        }
        let mut sum = 0u32;
        for o in offsets.iter_mut() {
            sum = sum.checked_add(*o)?;
            *o = sum;
        }
        // Filled from the last relation back, each cell's end moving down
        // to its start: the lists come out ascending.
        let mut out = vec![0u32; sum as usize];
        for (k, r) in rels.iter().enumerate().rev() {
            for i in terms(r, width, cells) {
                offsets[i] -= 1;
                out[offsets[i] as usize] = k as u32;
            }
        }
        Some(Touching {
            width,
            offsets,
            rels: out,
        })
    }

    /// The relations cell `t` takes part in (by index, ascending).
    fn of(&self, t: Term) -> &[u32] {
        if t.col() >= self.width {
            return &[];
        }
        let i = t.row() * self.width + t.col();
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.rels[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// A table's relations, their outcomes and which relations each cell takes
/// part in: what localising a cluster of failed relations reads.
struct Locator<'a> {
    table: &'a Table,
    rels: &'a [Relation],
    outcomes: &'a [Option<Outcome>],
    touching: Touching,
}

impl Locator<'_> {
    /// The suspects of a cluster of failed relations, most likely first.
    fn suspects_of(&self, cluster: &[usize]) -> Vec<Suspect> {
        let rels = self.rels;
        // Cells in every failed relation of the cluster: each cell with how
        // often it occurs in them, by sorting (no hash map of a cell each).
        let mut terms: Vec<Term> = cluster
            .iter()
            .flat_map(|&i| rels[i].parts.iter().chain([&rels[i].total]).copied())
            .collect();
        terms.sort_unstable();
        let count = terms.chunk_by(|a, b| a == b).map(|run| (run[0], run.len()));
        let source = cluster
            .iter()
            .copied()
            .find(|&i| rels[i].cmp == Cmp::Equal)
            .unwrap_or(cluster[0]);
        let cells: Vec<(Term, usize)> = count.filter(|&(_, n)| n == cluster.len()).collect();
        // Every cell of a long list whose total is off is a candidate:
        // they are weighed in parallel, and only the best eight sorted.
        let mut cands: Vec<Candidate> = cells
            .par_iter()
            .with_min_len(4096)
            .filter_map(|&(t, n)| self.candidate(cluster, source, t, n))
            .collect();
        best(&mut cands, 8);
        suspects(self.table, &cands)
    }

    /// Cell `t` as a candidate: the value that makes the relation `source`
    /// hold, if it makes every relation `t` takes part in hold, and the
    /// slip that explains it.
    fn candidate(&self, cluster: &[usize], source: usize, t: Term, n: usize) -> Option<Candidate> {
        let rels = self.rels;
        let Amount::Value(v, shown) = self.table.amount(t.row(), t.col()) else {
            return None;
        };
        let o = self.outcomes[source]?;
        let proposed = if rels[source].total == t {
            o.computed
        } else if rels[source].subtracts(self.table, t) {
            v.checked_add(o.computed)?.checked_sub(o.stated)?
        } else {
            v.checked_add(o.stated)?.checked_sub(o.computed)?
        };
        if proposed == v || !self.holds_everywhere(t, v, proposed) {
            return None;
        }
        // The slip is judged, and the value proposed, as the figure is
        // shown: 1,234,567 元 shown as 1,234.6 千元 was typed as 1,234.6.
        let (exact_v, exact_proposed) = (v, proposed);
        let (v, proposed) = (as_shown(v, shown), as_shown(proposed, shown));
        if proposed == v {
            return None; // a change the reader could not see
        }
        let is_total = cluster.iter().any(|&i| rels[i].total == t);
        // Classify against each failed relation the cell states, else the
        // relation the value was derived from; keep the likeliest slip.
        let stated = cluster
            .iter()
            .copied()
            .filter(|&i| is_total && rels[i].total == t && rels[i].cmp == Cmp::Equal);
        let derived = (!is_total).then_some(source);
        let mut slip: Option<Slip> = None;
        for i in stated.chain(derived) {
            let Some(oi) = self.outcomes[i] else { continue };
            // A unit slip of 10⁴ is judged on the figures as stored too:
            // 2,600 元 shown as 0.3 万元 was typed as 2,600.
            let found = self
                .classify(&rels[i], oi, t, v, proposed, is_total)
                .or_else(|| {
                    figure_slip(exact_v, exact_proposed, oi.tolerance)
                        .filter(|s| matches!(s, Slip::Unit { .. }))
                });
            if let Some(s) = found {
                if slip.as_ref().is_none_or(|b| s.rank() < b.rank()) {
                    slip = Some(s);
                }
            }
        }
        Some(Candidate {
            term: t,
            proposed,
            failing: n,
            slip,
            is_total,
        })
    }

    /// Names the slip that turns `proposed` into the value `v` typed in cell
    /// `t`, judged against relation `rel` (its outcome `o`); `is_total`: `t`
    /// states a failed relation.
    fn classify(
        &self,
        rel: &Relation,
        o: Outcome,
        t: Term,
        v: Decimal,
        proposed: Decimal,
        is_total: bool,
    ) -> Option<Slip> {
        // A structural slip of a stated total (a row left out or counted
        // twice), exactly; else a one-digit typo, which is exact by nature;
        // only then a structural slip within rounding (35 typed for 25 is
        // likelier than counting an 8 twice, ±2).
        let structural = |tolerance: Decimal| {
            if !(is_total && rel.total == t) {
                return None;
            }
            let total = StatedTotal {
                table: self.table,
                rel,
                t,
                v,
                tolerance,
                diff: o.stated - o.computed,
                computed: o.computed,
            };
            total.slip(self.rels)
        };
        figure_slip(v, proposed, o.tolerance)
            .or_else(|| structural(Decimal::ZERO))
            .or_else(|| typo(v, proposed))
            .or_else(|| structural(o.tolerance))
    }

    /// True when every decided relation that `t` takes part in holds with `t`
    /// set to `x` (recomputed from the cached outcomes, not re-added).
    fn holds_everywhere(&self, t: Term, v: Decimal, x: Decimal) -> bool {
        let rels = self.rels;
        let touching = self.touching.of(t);
        // A relation is listed once for each time `t` is in it, in a run:
        // the run's length is how often `t` is added (no scan of the parts,
        // which made a 500,000-row list quadratic).
        touching.chunk_by(|a, b| a == b).all(|run| {
            let i = run[0] as usize;
            let Some(o) = self.outcomes[i] else {
                return true;
            };
            let o2 = if rels[i].total == t {
                Outcome { stated: x, ..o }
            } else {
                let sign = if rels[i].subtracts(self.table, t) {
                    Decimal::NEGATIVE_ONE
                } else {
                    Decimal::ONE
                };
                let added = x
                    .checked_sub(v)
                    .and_then(|d| d.checked_mul(Decimal::from(run.len())))
                    .and_then(|d| d.checked_mul(sign))
                    .and_then(|d| d.checked_add(o.computed));
                let Some(computed) = added else {
                    return false; // beyond Decimal's range: no correction
                };
                Outcome { computed, ..o }
            };
            o2.holds(rels[i].cmp)
        })
    }
}

/// Keeps the `k` best candidates, in [`rank`]'s order (a partial sort: a
/// long list's candidates are not all sorted for eight).
fn best(cands: &mut Vec<Candidate>, k: usize) {
    if cands.len() > k {
        cands.select_nth_unstable_by(k, order);
        cands.truncate(k);
    }
    rank(cands);
}

/// Orders candidates: a likelier slip first, then the cell in more failed
/// relations, then a typed detail before a total when both have a slip and
/// the stated total first when neither has; then by place.
fn rank(cands: &mut [Candidate]) {
    cands.sort_by(order);
}

/// [`rank`]'s order: a total order (ties broken by place).
fn order(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
    let ra = a.slip.as_ref().map_or(u8::MAX, Slip::rank);
    let rb = b.slip.as_ref().map_or(u8::MAX, Slip::rank);
    ra.cmp(&rb)
        .then(b.failing.cmp(&a.failing))
        // With a slip on both, a typed detail is likelier than a total;
        // with nothing to go on, the stated total is the suspect.
        .then(if ra < u8::MAX {
            a.is_total.cmp(&b.is_total)
        } else {
            b.is_total.cmp(&a.is_total)
        })
        .then(a.term.cmp(&b.term))
}

/// Ranked candidates as suspects; the first is `tied` when the evidence
/// does not tell it from the second.
fn suspects(table: &Table, cands: &[Candidate]) -> Vec<Suspect> {
    let tied = cands.len() > 1
        && cands[0].slip.as_ref().map(Slip::rank) == cands[1].slip.as_ref().map(Slip::rank)
        && cands[0].failing == cands[1].failing;
    cands
        .iter()
        .enumerate()
        .map(|(k, c)| Suspect {
            cell: table.a1(c.term.row(), c.term.col()),
            proposed: Some(c.proposed.normalize()),
            slip: c.slip.clone(),
            failing: c.failing,
            tied: k == 0 && tied,
            kind: SuspectKind::Cell,
        })
        .collect()
}

/// The slip, if any, that turns `proposed` into the typed `v` on its own:
/// two digits swapped, a unit slip of 10⁴, a sign error, one digit wrong.
/// Used where there is no table around the figure (a sentence).
pub fn value_slip(v: Decimal, proposed: Decimal) -> Option<Slip> {
    figure_slip(v, proposed, Decimal::ZERO).or_else(|| typo(v, proposed))
}

/// True when two figures of at least 1 are more than 100 times apart: then
/// one has at least two digits more before the point, so neither a swap of
/// two digits nor one digit wrong, added or dropped turns one into the
/// other. A cheap test that spares the digit-by-digit ones for almost every
/// cell of a long list whose total is off.
fn far_apart(a: Decimal, b: Decimal) -> bool {
    let (a, b) = (a.abs(), b.abs());
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    lo >= Decimal::ONE && lo.checked_mul(Decimal::ONE_HUNDRED).is_some_and(|l| hi > l)
}

/// `x` rounded as Excel shows it to `decimals` places (half away from
/// zero); unchanged when it has no more places than that.
fn as_shown(x: Decimal, decimals: u8) -> Decimal {
    let dp = u32::from(decimals);
    if x.scale() <= dp {
        return x;
    }
    x.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// True when one figure is above zero and the other below.
fn opposite_signs(a: Decimal, b: Decimal) -> bool {
    (a.is_sign_positive() && !a.is_zero() && b.is_sign_negative() && !b.is_zero())
        || (a.is_sign_negative() && !a.is_zero() && b.is_sign_positive() && !b.is_zero())
}

/// Two adjacent digits swapped, a unit slip of 10⁴ or a sign error, within
/// `tolerance`.
fn figure_slip(v: Decimal, proposed: Decimal, tolerance: Decimal) -> Option<Slip> {
    // Checked arithmetic: figures near Decimal's limits never panic.
    let close = |a: Decimal, b: Option<Decimal>| {
        b.and_then(|b| a.checked_sub(b))
            .is_some_and(|d| d.abs() <= tolerance)
    };
    if !far_apart(v, proposed)
        && !opposite_signs(v, proposed)
        && adjacent_swaps(proposed).iter().any(|&s| close(s, Some(v)))
    {
        return Some(Slip::Swap { typed: v });
    }
    let unit = Decimal::from(10_000);
    let by_unit = |x: Decimal| x.checked_mul(unit);
    if !proposed.is_zero()
        && (close(v, by_unit(proposed))
            || (!v.is_zero() && by_unit(v).is_some_and(|vu| close(vu, Some(proposed)))))
    {
        return Some(Slip::Unit {
            too_large: v.abs() > proposed.abs(),
        });
    }
    if !v.is_zero() && close(v, Some(-proposed)) {
        return Some(Slip::Sign);
    }
    None
}

/// One digit wrong, added or dropped.
fn typo(v: Decimal, proposed: Decimal) -> Option<Slip> {
    // A change of sign is a sign error or nothing: never a digit slip.
    if far_apart(v, proposed) || opposite_signs(v, proposed) {
        return None;
    }
    one_edit(&digits(v, proposed), &digits(proposed, v)).then_some(Slip::Typo { typed: v })
}

/// A stated total `t` (typed `v`) that is off by `diff` from its parts.
struct StatedTotal<'a> {
    table: &'a Table,
    rel: &'a Relation,
    t: Term,
    v: Decimal,
    tolerance: Decimal,
    diff: Decimal,
    computed: Decimal,
}

impl StatedTotal<'_> {
    /// The structural slip that explains the difference, if one does.
    fn slip(&self, rels: &[Relation]) -> Option<Slip> {
        self.row_counted_or_left_out(rels)
            .or_else(|| self.every_subtotal_added())
            .or_else(|| self.subtotal_added())
            .or_else(|| self.wrong_column())
    }

    fn close(&self, a: Decimal, b: Decimal) -> bool {
        a.checked_sub(b).is_some_and(|d| d.abs() <= self.tolerance)
    }

    /// `row name (A1)` of a cell.
    fn named(&self, row: usize, col: usize) -> String {
        format!("{} ({})", self.table.row_name(row), self.table.a1(row, col))
    }

    /// The rows the total adds, and their sub-items at any depth.
    fn scope(&self, rels: &[Relation]) -> Vec<Term> {
        let table = self.table;
        let mut scope: Vec<Term> = Vec::new();
        let mut stack: Vec<Term> = self.rel.parts.clone();
        while let Some(p) = stack.pop() {
            scope.push(p);
            stack.extend(
                table.children[p.row()]
                    .iter()
                    .map(|&c| Term::new(c, p.col())),
            );
            if matches!(table.rows[p.row()].kind, RowKind::Total(_)) {
                // A 小计 among the parts: the items it adds.
                if let Some(sub) = rels
                    .iter()
                    .find(|r| r.total == p && r.rule == super::footing::info())
                {
                    stack.extend(sub.parts.iter().copied());
                }
            }
        }
        scope.sort();
        scope
    }

    /// A row in the total's scope counted twice or left out.
    fn row_counted_or_left_out(&self, rels: &[Relation]) -> Option<Slip> {
        for p in self.scope(rels) {
            if let Amount::Value(pv, _) = self.table.amount(p.row(), p.col()) {
                if !pv.is_zero() && self.close(self.diff, pv) {
                    return Some(Slip::CountedTwice(self.named(p.row(), p.col())));
                }
                if !pv.is_zero() && self.close(self.diff, -pv) {
                    let named = self.named(p.row(), p.col());
                    // Left out by a SUM that skips a number stored as text.
                    if self.table.is_text_number(p.row(), p.col()) && self.sums_by_formula() {
                        return Some(Slip::TextSkipped(named));
                    }
                    return Some(Slip::LeftOut(named));
                }
            }
        }
        None
    }

    /// True when the stated total is a `SUM(…)` formula.
    fn sums_by_formula(&self) -> bool {
        self.table
            .formulas
            .get(&(self.t.row(), self.t.col()))
            .is_some_and(|f| super::formulas::is_sum_call(f))
    }

    /// Items and their 小计s both added: everything counted twice.
    fn every_subtotal_added(&self) -> Option<Slip> {
        let (table, rel) = (self.table, self.rel);
        let subtotals = (0..table.rows.len())
            .filter(|&i| {
                table.rows[i].kind == RowKind::Total(1) && !rel.parts.iter().any(|p| p.row() == i)
            })
            .count();
        let grouped = subtotals
            + rel
                .parts
                .iter()
                .filter(|p| table.rows[p.row()].kind == RowKind::Total(1))
                .count();
        (grouped > 0 && !self.computed.is_zero() && self.close(self.diff, self.computed))
            .then_some(Slip::EverySubtotalAdded)
    }

    /// A 小计 outside the total's parts added next to its own items.
    fn subtotal_added(&self) -> Option<Slip> {
        let (table, t) = (self.table, self.t);
        for (i, row) in table.rows.iter().enumerate() {
            if row.kind == RowKind::Total(1)
                && i != t.row()
                && !self.rel.parts.iter().any(|p| p.row() == i)
            {
                if let Amount::Value(sv, _) = table.amount(i, t.col()) {
                    if !sv.is_zero() && self.close(self.diff, sv) {
                        return Some(Slip::SubtotalAdded(self.named(i, t.col())));
                    }
                }
            }
        }
        None
    }

    /// The figure of another column of the same kind, copied.
    fn wrong_column(&self) -> Option<Slip> {
        let (table, t) = (self.table, self.t);
        for k in table.numeric_columns() {
            if k == t.col() || table.columns[k].exact != table.columns[t.col()].exact {
                continue;
            }
            if let Amount::Value(nv, _) = table.amount(t.row(), k) {
                if nv == self.v {
                    return Some(Slip::WrongColumn(format!(
                        "{} ({})",
                        table.columns[k].short_name(),
                        table.a1(t.row(), k)
                    )));
                }
            }
        }
        None
    }
}

/// The digits of `a` written with as many decimals as the finer of `a`, `b`.
fn digits(a: Decimal, b: Decimal) -> Vec<u8> {
    let scale = a.scale().max(b.scale());
    let mut a = a.abs();
    a.rescale(scale);
    a.to_string().bytes().filter(u8::is_ascii_digit).collect()
}

/// Optimal string alignment distance of exactly one: one digit changed,
/// inserted, dropped, or two adjacent swapped.
fn one_edit(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return false;
    }
    match a.len() as isize - b.len() as isize {
        0 => {
            let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            diff.len() == 1
                || (diff.len() == 2
                    && diff[1] == diff[0] + 1
                    && a[diff[0]] == b[diff[1]]
                    && a[diff[1]] == b[diff[0]])
        }
        1 => (0..a.len()).any(|i| a[..i] == b[..i] && a[i + 1..] == b[i..]),
        -1 => (0..b.len()).any(|i| b[..i] == a[..i] && b[i + 1..] == a[i..]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_of_sign_is_never_a_digit_slip() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(typo(d("15"), d("-14")), None);
        assert_eq!(typo(d("400"), d("-200")), None);
        assert!(matches!(value_slip(d("200"), d("-200")), Some(Slip::Sign)));
        assert!(matches!(typo(d("15"), d("14")), Some(Slip::Typo { .. })));
    }

    #[test]
    fn figures_far_apart_have_no_digit_slip() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert!(far_apart(d("586"), d("123456.78")));
        assert!(!far_apart(d("586"), d("5860")), "one digit added");
        assert!(!far_apart(d("0.01"), d("10.01")), "below 1: no shortcut");
        assert_eq!(
            value_slip(d("586"), d("5860")),
            Some(Slip::Typo { typed: d("586") })
        );
        assert_eq!(value_slip(d("586"), d("123456.78")), None);
    }

    #[test]
    fn one_edit_distance() {
        assert!(one_edit(b"17211", b"17221"));
        assert!(one_edit(b"17211", b"1721"));
        assert!(one_edit(b"1721", b"17211"));
        assert!(one_edit(b"1712", b"1721"));
        assert!(!one_edit(b"1721", b"1721"));
        assert!(!one_edit(b"1721", b"2712"));
    }
}
