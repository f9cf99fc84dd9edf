//! Aggregation: combining children's scores into their parent's, with relative weights.

use crate::spec::Aggregation;

/// Why values could not be aggregated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AggregateIssue {
    /// The method needs values above zero; this child (index) is not.
    NonPositive(usize),
}

/// Combines `values` with their `weights` (same length, weights ≥ 0, not all zero).
///
/// ```
/// use chiso::aggregate::aggregate;
/// use chiso::spec::Aggregation;
/// // PCI 2013–2021: a weighted mean of sub-indices (×10 by the root's multiplier).
/// let v = aggregate(Aggregation::WeightedMean, &[6.0, 8.0], &[20.0, 5.0]).unwrap();
/// assert!((v - 6.4).abs() < 1e-12);
/// ```
pub fn aggregate(method: Aggregation, values: &[f64], weights: &[f64]) -> Result<f64, AggregateIssue> {
    debug_assert_eq!(values.len(), weights.len());
    let total_weight: f64 = weights.iter().sum();
    let positive = || match values.iter().position(|&v| v <= 0.0) {
        Some(i) => Err(AggregateIssue::NonPositive(i)),
        None => Ok(()),
    };
    Ok(match method {
        Aggregation::WeightedMean => values.iter().zip(weights).map(|(v, w)| v * w).sum::<f64>() / total_weight,
        Aggregation::WeightedSum => values.iter().zip(weights).map(|(v, w)| v * w).sum(),
        Aggregation::GeometricMean => {
            positive()?;
            (values.iter().zip(weights).map(|(v, w)| w * v.ln()).sum::<f64>() / total_weight).exp()
        }
        Aggregation::HarmonicMean => {
            positive()?;
            total_weight / values.iter().zip(weights).map(|(v, w)| w / v).sum::<f64>()
        }
        Aggregation::Minimum => values.iter().copied().fold(f64::INFINITY, f64::min),
        Aggregation::Maximum => values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        Aggregation::Median => {
            let mut sorted = values.to_vec();
            sorted.sort_by(f64::total_cmp);
            let n = sorted.len();
            if n % 2 == 1 {
                sorted[n / 2]
            } else {
                (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
            }
        }
    })
}
