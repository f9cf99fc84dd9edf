//! Ranking and tiers.

use crate::spec::{Direction, Labels, Percentile, RankBasis, RankRule, RankTies, TierRule, Ties};

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
///
/// Quantile groups depend on every unit's score: use [`tiers`] for them (here they give `None`).
pub fn tier(rule: &TierRule, score: f64, rank: u32) -> Option<Tier> {
    let (found, label) = match rule {
        TierRule::ScoreBands(bands) => {
            let i = bands.iter().position(|(min, _)| min.is_none_or(|m| score >= m))?;
            (i, &bands[i].1)
        }
        TierRule::RankBands(bands) => {
            let i = bands.iter().position(|(max, _)| max.is_none_or(|m| rank <= m))?;
            (i, &bands[i].1)
        }
        TierRule::QuantileGroups { .. } => return None,
    };
    Some(Tier { level: found, label: label.clone() })
}

/// The p-quantile of sorted values under a percentile rule.
fn quantile(sorted: &[f64], p: f64, rule: Percentile) -> f64 {
    let n = sorted.len();
    match rule {
        Percentile::Linear => {
            let h = (n - 1) as f64 * p;
            let lo = h.floor() as usize;
            let hi = h.ceil().min((n - 1) as f64) as usize;
            sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
        }
        Percentile::NearestRank => {
            let k = ((n as f64 * p) - 1e-9).ceil().max(1.0) as usize;
            sorted[k.min(n) - 1]
        }
    }
}

/// The tiers of units ranked together, given their scores and ranks (aligned).
///
/// Quantile groups cut at the j/k quantiles of these scores (direction-adjusted, so that the
/// first label is always the best group).
///
/// ```
/// use chiso::rank::tiers;
/// use chiso::spec::{Direction, Labels, Percentile, TierRule};
/// let rule = TierRule::QuantileGroups {
///     labels: ["best", "high", "low", "poor"].map(Labels::same).to_vec(),
///     percentile: Percentile::Linear,
///     upper_ties: true,
/// };
/// let scores: Vec<f64> = (1..=63).map(f64::from).collect();
/// let ranks: Vec<u32> = (1..=63).rev().collect();
/// let t = tiers(&rule, &scores, &ranks, Direction::HigherIsBetter);
/// let count = |level| t.iter().filter(|x| x.as_ref().unwrap().level == level).count();
/// assert_eq!((count(0), count(1), count(2), count(3)), (16, 16, 15, 16)); // PAPI 2019
/// ```
pub fn tiers(rule: &TierRule, scores: &[f64], ranks: &[u32], direction: Direction) -> Vec<Option<Tier>> {
    let TierRule::QuantileGroups { labels, percentile, upper_ties } = rule else {
        return scores.iter().zip(ranks).map(|(&s, &r)| tier(rule, s, r)).collect();
    };
    let sign = match direction {
        Direction::HigherIsBetter => 1.0,
        Direction::LowerIsBetter => -1.0,
    };
    let mut sorted: Vec<f64> = scores.iter().map(|s| s * sign).collect();
    sorted.sort_by(f64::total_cmp);
    if sorted.is_empty() {
        return Vec::new();
    }
    let k = labels.len();
    // cuts[j]: the (j+1)/k quantile, ascending.
    let cuts: Vec<f64> = (1..k).map(|j| quantile(&sorted, j as f64 / k as f64, *percentile)).collect();
    scores
        .iter()
        .map(|&s| {
            let x = s * sign;
            let above = cuts.iter().filter(|&&c| if *upper_ties { x >= c } else { x > c }).count();
            let level = k - 1 - above;
            Some(Tier { level, label: labels[level].clone() })
        })
        .collect()
}
