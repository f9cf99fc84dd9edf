//! Aggregation: combining children's scores into their parent's, with relative weights.
//!
//! Missing children (`NaN`) are left out and the weights re-normalised among the others, as
//! COINr's `a_amean`/`a_gmean`/`a_hmean` do; whether enough children are present is the
//! caller's decision ([`crate::spec::MissingRule`]).

use crate::spec::Aggregation;

/// Why values could not be aggregated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AggregateIssue {
    /// The method needs values above zero; this child (index) is not.
    NonPositive(usize),
    /// No child has a value (or every present child has weight zero).
    NoValues,
    /// The method compares units and cannot score one unit alone (Copeland): use [`copeland`].
    NeedsAllUnits,
}

/// Combines `values` with their `weights` (same length, weights ≥ 0), skipping `NaN` values.
///
/// With wᵢ the weights of the present children: weighted mean Σwᵢxᵢ/Σwᵢ; weighted sum
/// Σwᵢxᵢ·(W/Σwᵢ), W the total weight (so a sum with a missing child is scaled up, like a mean);
/// geometric mean exp(Σwᵢ ln xᵢ / Σwᵢ); harmonic mean Σwᵢ / Σ(wᵢ/xᵢ); minimum, maximum and
/// median ignore weights.
///
/// ```
/// use chiso::aggregate::aggregate;
/// use chiso::spec::Aggregation;
/// // PCI 2013–2021: a weighted mean of sub-indices (×10 by the root's multiplier).
/// let v = aggregate(Aggregation::WeightedMean, &[6.0, 8.0], &[20.0, 5.0]).unwrap();
/// assert!((v - 6.4).abs() < 1e-12);
/// // A missing child is left out and the weights re-normalised.
/// let v = aggregate(Aggregation::WeightedMean, &[6.0, f64::NAN, 9.0], &[1.0, 1.0, 2.0]).unwrap();
/// assert!((v - 8.0).abs() < 1e-12);
/// ```
pub fn aggregate(method: Aggregation, values: &[f64], weights: &[f64]) -> Result<f64, AggregateIssue> {
    debug_assert_eq!(values.len(), weights.len());
    let present = || values.iter().zip(weights).filter(|(v, _)| !v.is_nan());
    let present_weight: f64 = present().map(|(_, w)| w).sum();
    if present().next().is_none() {
        return Err(AggregateIssue::NoValues);
    }
    let weighted = matches!(
        method,
        Aggregation::WeightedMean | Aggregation::WeightedSum | Aggregation::GeometricMean | Aggregation::HarmonicMean
    );
    if weighted && present_weight <= 0.0 {
        return Err(AggregateIssue::NoValues);
    }
    let positive = || match values.iter().position(|&v| v <= 0.0) {
        Some(i) => Err(AggregateIssue::NonPositive(i)),
        None => Ok(()),
    };
    Ok(match method {
        Aggregation::WeightedMean => present().map(|(v, w)| v * w).sum::<f64>() / present_weight,
        Aggregation::WeightedSum => {
            let total: f64 = weights.iter().sum();
            present().map(|(v, w)| v * w).sum::<f64>() * (total / present_weight)
        }
        Aggregation::GeometricMean => {
            positive()?;
            (present().map(|(v, w)| w * v.ln()).sum::<f64>() / present_weight).exp()
        }
        Aggregation::HarmonicMean => {
            positive()?;
            present_weight / present().map(|(v, w)| w / v).sum::<f64>()
        }
        Aggregation::Minimum => present().map(|(v, _)| *v).fold(f64::INFINITY, f64::min),
        Aggregation::Maximum => present().map(|(v, _)| *v).fold(f64::NEG_INFINITY, f64::max),
        Aggregation::Median => {
            let mut present: Vec<f64> = present().map(|(v, _)| *v).collect();
            crate::statistics::median(&mut present)
        }
        Aggregation::Copeland => return Err(AggregateIssue::NeedsAllUnits),
    })
}

/// Copeland scores of every unit: `children[c][u]` is child c's value for unit u (`NaN` when
/// missing). For each pair of units, the outranking share is the weight of the children where
/// the unit is higher plus half the weight where they are equal, over the weight of the
/// children both units have; a share above ½ counts +1, below −1, exactly ½ (or no common
/// child) 0. On complete data this is COINr's `a_copeland`; with missing values COINr's
/// result depends on the order of the units (its lower triangle is 1 − upper, so a child
/// missing for one unit counts for whichever comes later), so here such children are left out.
///
/// ```
/// use chiso::aggregate::copeland;
/// // Three units, two equally weighted children: A beats B on both, B and C split.
/// let scores = copeland(&[vec![3.0, 2.0, 1.0], vec![3.0, 1.0, 2.0]], &[1.0, 1.0]);
/// assert_eq!(scores, vec![2.0, -1.0, -1.0]);
/// ```
pub fn copeland(children: &[Vec<f64>], weights: &[f64]) -> Vec<f64> {
    let units = children.first().map_or(0, Vec::len);
    let mut scores = vec![0.0; units];
    for i in 0..units {
        for j in (i + 1)..units {
            let (mut wins, mut common) = (0.0, 0.0);
            for (column, w) in children.iter().zip(weights) {
                let (a, b) = (column[i], column[j]);
                if a.is_nan() || b.is_nan() {
                    continue;
                }
                common += w;
                if a > b {
                    wins += w;
                } else if a == b {
                    wins += w / 2.0;
                }
            }
            let share = if common > 0.0 { wins / common } else { 0.5 };
            // Unit j's share against i is 1 − share, so the pair's outcome is antisymmetric.
            let outcome = if share > 0.5 {
                1.0
            } else if share < 0.5 {
                -1.0
            } else {
                0.0
            };
            scores[i] += outcome;
            scores[j] -= outcome;
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn weighted_methods_by_hand() {
        let w = [1.0, 3.0];
        assert!((aggregate(Aggregation::WeightedSum, &[2.0, 4.0], &w).unwrap() - 14.0).abs() < 1e-12);
        // exp((ln 2 + 3 ln 4)/4) = 2^(7/4).
        let g = aggregate(Aggregation::GeometricMean, &[2.0, 4.0], &w).unwrap();
        assert!((g - 2f64.powf(1.75)).abs() < 1e-12);
        // 4 / (1/2 + 3/4) = 3.2.
        assert!((aggregate(Aggregation::HarmonicMean, &[2.0, 4.0], &w).unwrap() - 3.2).abs() < 1e-12);
        assert_eq!(aggregate(Aggregation::GeometricMean, &[0.0, 4.0], &w), Err(AggregateIssue::NonPositive(0)));
        assert_eq!(aggregate(Aggregation::Median, &[5.0, 1.0, 3.0, 10.0], &[1.0; 4]), Ok(4.0));
    }

    #[test]
    fn missing_children_are_skipped() {
        let nan = f64::NAN;
        // Sum scaled by total/present weight: (2·1)·(4/1) = 8.
        assert_eq!(aggregate(Aggregation::WeightedSum, &[2.0, nan], &[1.0, 3.0]), Ok(8.0));
        assert_eq!(aggregate(Aggregation::GeometricMean, &[nan, 4.0], &[1.0, 3.0]), Ok(4.0));
        assert_eq!(aggregate(Aggregation::Minimum, &[nan, 4.0, 2.0], &[1.0; 3]), Ok(2.0));
        assert_eq!(aggregate(Aggregation::WeightedMean, &[nan, nan], &[1.0, 1.0]), Err(AggregateIssue::NoValues));
        assert_eq!(aggregate(Aggregation::WeightedMean, &[nan, 1.0], &[1.0, 0.0]), Err(AggregateIssue::NoValues));
    }

    #[test]
    fn copeland_by_hand() {
        // Units: A=(3,3,1), B=(2,1,2), C=(1,2,3), weights 1,1,1.
        // A vs B: A higher on 2 of 3 → +1 A. A vs C: higher on 2 → +1 A. B vs C: B higher on 1 → −1 B.
        let children = vec![vec![3.0, 2.0, 1.0], vec![3.0, 1.0, 2.0], vec![1.0, 2.0, 3.0]];
        assert_eq!(copeland(&children, &[1.0, 1.0, 1.0]), vec![2.0, -2.0, 0.0]);
        // Weighting the third child 3 makes it decide every pair: C > B > A.
        assert_eq!(copeland(&children, &[1.0, 1.0, 3.0]), vec![-2.0, 0.0, 2.0]);
        // A tie on every child is a draw; a missing child counts for neither.
        assert_eq!(copeland(&[vec![1.0, 1.0], vec![f64::NAN, 5.0]], &[1.0, 1.0]), vec![0.0, 0.0]);
    }
}
