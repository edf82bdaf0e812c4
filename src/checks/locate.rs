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
    // Every relation a cell takes part in.
    let mut touching: HashMap<Term, Vec<usize>> = HashMap::new();
    for (i, r) in rels.iter().enumerate() {
        for &t in r.parts.iter().chain([&r.total]) {
            touching.entry(t).or_default().push(i);
        }
    }
    for cluster in clusters(rels, &failed) {
        let suspects = suspects_of(table, rels, outcomes, &touching, &cluster);
        for &i in &cluster {
            out.insert(i, suspects.clone());
        }
    }
    out
}

/// Groups failed relations that share a cell.
fn clusters(rels: &[Relation], failed: &[usize]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..failed.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut owner: HashMap<Term, usize> = HashMap::new();
    for (k, &i) in failed.iter().enumerate() {
        for &t in rels[i].parts.iter().chain([&rels[i].total]) {
            match owner.get(&t) {
                Some(&o) => {
                    let (a, b) = (find(&mut parent, o), find(&mut parent, k));
                    parent[a] = b;
                }
                None => {
                    owner.insert(t, k);
                }
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

fn suspects_of(
    table: &Table,
    rels: &[Relation],
    outcomes: &[Option<Outcome>],
    touching: &HashMap<Term, Vec<usize>>,
    cluster: &[usize],
) -> Vec<Suspect> {
    // Cells in every failed relation of the cluster.
    let mut count: HashMap<Term, usize> = HashMap::new();
    for &i in cluster {
        for &t in rels[i].parts.iter().chain([&rels[i].total]) {
            *count.entry(t).or_default() += 1;
        }
    }
    let mut cands: Vec<Candidate> = Vec::new();
    let source = cluster
        .iter()
        .copied()
        .find(|&i| rels[i].cmp == Cmp::Equal)
        .unwrap_or(cluster[0]);
    for (&t, &n) in &count {
        if n != cluster.len() {
            continue;
        }
        let Amount::Value(v, _) = table.amount(t.row(), t.col()) else {
            continue;
        };
        let Some(o) = outcomes[source] else { continue };
        let proposed = if rels[source].total == t {
            o.computed
        } else {
            v + o.stated - o.computed
        };
        if proposed == v || !holds_everywhere(rels, outcomes, touching, t, v, proposed) {
            continue;
        }
        let is_total = cluster.iter().any(|&i| rels[i].total == t);
        // Classify against each failed relation the cell states, else the
        // relation the value was derived from; keep the likeliest slip.
        let mut slip: Option<Slip> = None;
        let sources: Vec<usize> = if is_total {
            cluster
                .iter()
                .copied()
                .filter(|&i| rels[i].total == t && rels[i].cmp == Cmp::Equal)
                .collect()
        } else {
            vec![source]
        };
        for i in sources {
            let Some(oi) = outcomes[i] else { continue };
            if let Some(s) = classify(table, rels, &rels[i], oi, t, v, proposed, is_total) {
                if slip.as_ref().is_none_or(|b| s.rank() < b.rank()) {
                    slip = Some(s);
                }
            }
        }
        cands.push(Candidate {
            term: t,
            proposed,
            failing: n,
            slip,
            is_total,
        });
    }
    cands.sort_by(|a, b| {
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
    });
    cands.truncate(8);
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

/// True when every decided relation that `t` takes part in holds with `t`
/// set to `x` (recomputed from the cached outcomes, not re-added).
fn holds_everywhere(
    rels: &[Relation],
    outcomes: &[Option<Outcome>],
    touching: &HashMap<Term, Vec<usize>>,
    t: Term,
    v: Decimal,
    x: Decimal,
) -> bool {
    touching.get(&t).into_iter().flatten().all(|&i| {
        let Some(o) = outcomes[i] else { return true };
        let o2 = if rels[i].total == t {
            Outcome { stated: x, ..o }
        } else {
            let k = rels[i].parts.iter().filter(|&&p| p == t).count();
            Outcome {
                computed: o.computed + (x - v) * Decimal::from(k),
                ..o
            }
        };
        o2.holds(rels[i].cmp)
    })
}

/// Names the slip that turns `proposed` into the typed `v`, if one does.
#[allow(clippy::too_many_arguments)]
pub fn classify(
    table: &Table,
    rels: &[Relation],
    rel: &Relation,
    o: Outcome,
    t: Term,
    v: Decimal,
    proposed: Decimal,
    is_total: bool,
) -> Option<Slip> {
    let close = |a: Decimal, b: Decimal| (a - b).abs() <= o.tolerance;
    if adjacent_swaps(proposed).iter().any(|&s| close(s, v)) {
        return Some(Slip::Swap { typed: v });
    }
    let unit = Decimal::from(10_000);
    if !proposed.is_zero()
        && (close(v, proposed * unit) || (close(v * unit, proposed) && !v.is_zero()))
    {
        return Some(Slip::Unit {
            too_large: v.abs() > proposed.abs(),
        });
    }
    if !v.is_zero() && close(v, -proposed) {
        return Some(Slip::Sign);
    }
    if is_total && rel.total == t {
        let diff = o.stated - o.computed;
        // The rows the total adds, and their sub-items at any depth.
        let mut scope: Vec<Term> = Vec::new();
        let mut stack: Vec<Term> = rel.parts.clone();
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
        for &p in &scope {
            if let Amount::Value(pv, _) = table.amount(p.row(), p.col()) {
                if !pv.is_zero() && close(diff, pv) {
                    return Some(Slip::CountedTwice(format!(
                        "{} ({})",
                        table.row_name(p.row()),
                        table.a1(p.row(), p.col())
                    )));
                }
                if !pv.is_zero() && close(diff, -pv) {
                    return Some(Slip::LeftOut(format!(
                        "{} ({})",
                        table.row_name(p.row()),
                        table.a1(p.row(), p.col())
                    )));
                }
            }
        }
        let subtotals: Vec<usize> = (0..table.rows.len())
            .filter(|&i| {
                table.rows[i].kind == RowKind::Total(1) && !rel.parts.iter().any(|p| p.row() == i)
            })
            .collect();
        let grouped = subtotals.len()
            + rel
                .parts
                .iter()
                .filter(|p| table.rows[p.row()].kind == RowKind::Total(1))
                .count();
        if grouped > 0 && !o.computed.is_zero() && close(diff, o.computed) {
            // Items and their 小计s both added: everything counted twice.
            return Some(Slip::EverySubtotalAdded);
        }
        for (i, row) in table.rows.iter().enumerate() {
            if row.kind == RowKind::Total(1)
                && i != t.row()
                && !rel.parts.iter().any(|p| p.row() == i)
            {
                if let Amount::Value(sv, _) = table.amount(i, t.col()) {
                    if !sv.is_zero() && close(diff, sv) {
                        return Some(Slip::SubtotalAdded(format!(
                            "{} ({})",
                            table.row_name(i),
                            table.a1(i, t.col())
                        )));
                    }
                }
            }
        }
        for k in table.numeric_columns() {
            if k == t.col() || table.columns[k].exact != table.columns[t.col()].exact {
                continue;
            }
            if let Amount::Value(nv, _) = table.amount(t.row(), k) {
                if nv == v {
                    return Some(Slip::WrongColumn(format!(
                        "{} ({})",
                        table.columns[k].short_name(),
                        table.a1(t.row(), k)
                    )));
                }
            }
        }
    }
    if one_edit(&digits(v, proposed), &digits(proposed, v)) {
        return Some(Slip::Typo { typed: v });
    }
    None
}

/// The slip, if any, that turns `proposed` into the typed `v` on its own:
/// two digits swapped, a unit slip of 10⁴, a sign error, one digit wrong.
/// Used where there is no table around the figure (a sentence).
pub fn value_slip(v: Decimal, proposed: Decimal) -> Option<Slip> {
    if adjacent_swaps(proposed).contains(&v) {
        Some(Slip::Swap { typed: v })
    } else if !proposed.is_zero()
        && (v == proposed * Decimal::from(10_000) || v * Decimal::from(10_000) == proposed)
    {
        Some(Slip::Unit {
            too_large: v.abs() > proposed.abs(),
        })
    } else if !v.is_zero() && v == -proposed {
        Some(Slip::Sign)
    } else if one_edit(&digits(v, proposed), &digits(proposed, v)) {
        Some(Slip::Typo { typed: v })
    } else {
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
    fn one_edit_distance() {
        assert!(one_edit(b"17211", b"17221"));
        assert!(one_edit(b"17211", b"1721"));
        assert!(one_edit(b"1721", b"17211"));
        assert!(one_edit(b"1712", b"1721"));
        assert!(!one_edit(b"1721", b"1721"));
        assert!(!one_edit(b"1721", b"2712"));
    }
}
