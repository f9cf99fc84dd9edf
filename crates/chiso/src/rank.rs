//! Ranking and tiers.

use crate::spec::{Direction, Labels, RankBasis, RankRule, RankTies, TierRule, Ties};

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
    // Sort (key, index) pairs: comparing keys held in place, not looked up through indexes.
    let mut keyed: Vec<(f64, u32)> = scores
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            let s = match rule.basis {
                RankBasis::Unrounded => s,
                RankBasis::Rounded(d) => round_half_away(s, d),
            };
            let key = match direction {
                Direction::HigherIsBetter => -s,
                Direction::LowerIsBetter => s,
            };
            (key, i as u32)
        })
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut ranks = vec![0u32; scores.len()];
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
        ranks[i as usize] = current;
    }
    ranks
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

/// A unit's performance tier: its position among the rule's bands (0 = best) and its label.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Tier {
    /// Band index, 0 for the best band.
    pub level: usize,
    /// Band label.
    pub label: Labels,
}

/// The tier of a unit with this score and rank, or `None` when no band takes it.
pub fn tier(rule: &TierRule, score: f64, rank: u32) -> Option<Tier> {
    let found = match rule {
        TierRule::ScoreBands(bands) => bands.iter().position(|(min, _)| min.is_none_or(|m| score >= m)),
        TierRule::RankBands(bands) => bands.iter().position(|(max, _)| max.is_none_or(|m| rank <= m)),
    }?;
    let label = match rule {
        TierRule::ScoreBands(b) => &b[found].1,
        TierRule::RankBands(b) => &b[found].1,
    };
    Some(Tier { level: found, label: label.clone() })
}
