//! Ranking: one routine behind scoring, the planner and the uncertainty analyses.

pub use super::tiers::{tier, tiers, Tier};

use crate::spec::{Direction, Node, Normalisation, RankBasis, RankRule, RankTies, Ties};

/// Rounds half away from zero like a spreadsheet's ROUND: the value is first cleaned of
/// binary noise below 1e-9 of the last digit, so 0.6325 rounds to 0.633.
pub fn round_half_away(value: f64, decimals: u32) -> f64 {
    let factor = 10f64.powi(decimals as i32);
    let scaled = value * factor;
    let cleaned = (scaled * 1e9).round() / 1e9;
    cleaned.round() / factor
}

/// Ranks scores (1 = best) under a rule. Exact ties (after rounding, if the rule rounds)
/// share a rank.
///
/// ```
/// use chiso::rank::rank;
/// use chiso::spec::{Direction, RankRule};
/// let ranks = rank(&[70.0, 80.0, 70.0, 60.0], Direction::HigherIsBetter, RankRule::default());
/// assert_eq!(ranks, vec![2, 1, 2, 4]); // competition ranking, "1224"
/// ```
pub fn rank(scores: &[f64], direction: Direction, rule: RankRule) -> Vec<u32> {
    let mut ranks = vec![0u32; scores.len()];
    rank_into(scores, direction, rule, &mut RankBuffer::default(), &mut ranks);
    ranks
}

/// From this many scores on, ranking sorts with a radix sort (below, a comparison sort is
/// faster).
const RADIX_FROM: usize = 256;

/// Buffers that ranking reuses when it runs many times (once per sample of an analysis).
#[derive(Debug, Clone, Default)]
pub struct RankBuffer {
    keyed: Vec<(f64, u32)>,
    values: Vec<f64>,
    ranks: Vec<u32>,
}

/// [`rank`] into `out` (same length as `scores`), reusing `buffer`: the one ranking routine
/// behind scoring, the planner and the uncertainty analyses.
pub fn rank_into(scores: &[f64], direction: Direction, rule: RankRule, buffer: &mut RankBuffer, out: &mut [u32]) {
    // Sort (key, index) pairs: comparing keys held in place, not looked up through indexes.
    let keyed = &mut buffer.keyed;
    keyed.clear();
    keyed.extend(scores.iter().enumerate().map(|(i, &s)| (rank_key(s, direction, rule), i as u32)));
    let radix = keyed.len() >= RADIX_FROM;
    sort_keyed(keyed, radix);
    let mut current = 0u32;
    let mut distinct = 0u32;
    for (position, &(key, i)) in keyed.iter().enumerate() {
        let tied = position > 0 && keyed[position - 1].0 == key;
        if !tied {
            distinct += 1;
            current = match rule.ties {
                Ties::Competition => position as u32 + 1,
                Ties::Dense => distinct,
            };
        }
        out[i as usize] = current;
    }
}

/// Sorts (key, row) pairs by key in total order, then row.
fn sort_keyed(keyed: &mut [(f64, u32)], radix: bool) {
    if radix {
        // Stable: equal keys stay in row order, as the comparison sort puts them.
        radsort::sort_by_key(keyed, |pair| pair.0);
    } else {
        keyed.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    }
}

/// The direction a node's scores rank in: a normalised indicator already has the best unit
/// on top, whatever its direction; other nodes rank by their own direction.
pub(crate) fn rank_direction(node: &Node) -> Direction {
    match node.normalise {
        Normalisation::None => node.direction,
        _ => Direction::HigherIsBetter,
    }
}

/// The sort key of a score under a rule: rounded if the rule ranks rounded scores, negated
/// when higher is better (so that ascending keys are best first).
pub(crate) fn rank_key(score: f64, direction: Direction, rule: RankRule) -> f64 {
    let s = match rule.basis {
        RankBasis::Unrounded => score,
        RankBasis::Rounded(d) => round_half_away(score, d),
    };
    match direction {
        Direction::HigherIsBetter => -s,
        Direction::LowerIsBetter => s,
    }
}

/// Ranks `values` within each group of positions (the whole year, or each `rank_within`
/// group) into `out`; a missing value (`NaN`) gets rank 0 and is not counted.
///
/// ```
/// use chiso::rank::{rank_grouped, RankBuffer};
/// use chiso::spec::{Direction, RankRule};
/// let values = [5.0, 7.0, f64::NAN, 1.0, 2.0];
/// let groups = [vec![0, 1, 2], vec![3, 4]];
/// let mut out = [0; 5];
/// rank_grouped(&values, &groups, Direction::HigherIsBetter, RankRule::default(), &mut RankBuffer::default(), &mut out);
/// assert_eq!(out, [2, 1, 0, 2, 1]);
/// ```
pub fn rank_grouped(
    values: &[f64],
    groups: &[Vec<usize>],
    direction: Direction,
    rule: RankRule,
    buffer: &mut RankBuffer,
    out: &mut [u32],
) {
    let (mut group_values, mut group_ranks) = (std::mem::take(&mut buffer.values), std::mem::take(&mut buffer.ranks));
    for group in groups {
        group_values.clear();
        group_values.extend(group.iter().map(|&m| values[m]).filter(|v| !v.is_nan()));
        group_ranks.clear();
        group_ranks.resize(group_values.len(), 0);
        rank_into(&group_values, direction, rule, buffer, &mut group_ranks);
        let mut ranks = group_ranks.iter();
        for &m in group {
            out[m] = if values[m].is_nan() { 0 } else { ranks.next().copied().unwrap_or(0) };
        }
    }
    (buffer.values, buffer.ranks) = (group_values, group_ranks);
}

/// The rank that `value` would have among `others` (ranked together under the same rule):
/// how the planner ranks a unit's planned score against the rest of its group.
///
/// ```
/// use chiso::rank::rank_among;
/// use chiso::spec::{Direction, RankRule, Ties};
/// let others = [70.0, 65.0, 65.0, 60.0];
/// assert_eq!(rank_among(66.0, &others, Direction::HigherIsBetter, RankRule::default()), 2);
/// assert_eq!(rank_among(62.0, &others, Direction::HigherIsBetter, RankRule::default()), 4);
/// let dense = RankRule { ties: Ties::Dense, ..RankRule::default() };
/// assert_eq!(rank_among(62.0, &others, Direction::HigherIsBetter, dense), 3);
/// ```
pub fn rank_among(value: f64, others: &[f64], direction: Direction, rule: RankRule) -> u32 {
    let mut all = Vec::with_capacity(others.len() + 1);
    all.push(value);
    all.extend_from_slice(others);
    let mut ranks = vec![0u32; all.len()];
    rank_into(&all, direction, rule, &mut RankBuffer::default(), &mut ranks);
    ranks[0]
}

/// Statistical ranks in ascending order of value (1 = smallest), as R's `rank()`: tied values
/// get the average, lowest or highest of the positions they span. Used by rank-based
/// normalisations, where (unlike a league table) a larger value must get a larger number.
///
/// ```
/// use chiso::rank::average_ranks;
/// use chiso::spec::RankTies;
/// assert_eq!(average_ranks(&[10.0, 20.0, 20.0, 5.0], RankTies::Average), vec![2.0, 3.5, 3.5, 1.0]);
/// assert_eq!(average_ranks(&[10.0, 20.0, 20.0, 5.0], RankTies::Min), vec![2.0, 3.0, 3.0, 1.0]);
/// ```
pub fn average_ranks(values: &[f64], ties: RankTies) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start+1 ..= end share one rank.
        let shared = match ties {
            RankTies::Average => (start + 1 + end) as f64 / 2.0,
            RankTies::Min => (start + 1) as f64,
            RankTies::Max => end as f64,
        };
        for &i in &order[start..end] {
            ranks[i] = shared;
        }
        start = end;
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_and_comparison_sorts_agree() {
        // Many ties, both zeros, infinities, negative values, rows out of order.
        let mut state = 7u64;
        let mut keyed: Vec<(f64, u32)> = (0..5000u32)
            .map(|i| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let v = match state >> 60 {
                    0 => 0.0,
                    1 => -0.0,
                    2 => f64::INFINITY,
                    3 => f64::NEG_INFINITY,
                    _ => ((state >> 20) % 97) as f64 / 4.0 - 10.0,
                };
                (v, (i * 7919) % 5000)
            })
            .collect();
        keyed.sort_unstable_by_key(|p| p.1);
        let mut a = keyed.clone();
        let mut b = keyed;
        sort_keyed(&mut a, true);
        sort_keyed(&mut b, false);
        assert_eq!(
            a.iter().map(|p| (p.0.to_bits(), p.1)).collect::<Vec<_>>(),
            b.iter().map(|p| (p.0.to_bits(), p.1)).collect::<Vec<_>>()
        );
    }
}
