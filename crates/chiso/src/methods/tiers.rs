//! Tiers: a unit's performance band by score, by rank, or by quantile group of its year.

use crate::spec::{Direction, Labels, Percentile, TierRule};

/// A unit's performance tier: its position among the rule's bands (0 = best) and its label.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
        Percentile::Linear => crate::statistics::quantile_sorted(sorted, p),
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
