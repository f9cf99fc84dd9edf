//! Outlier treatment of raw indicators, as COINr's `Treat()` with its defaults.
//!
//! An indicator *passes* when |skewness| < `skewness` **or** kurtosis < `kurtosis` (sample
//! skewness and excess kurtosis as e1071's type 2, which COINr copies). A failing indicator
//! is winsorised: while it fails and fewer than `max_points` values have been changed, the
//! extreme value(s) on the side of the skew (the maximum when skewness ≥ 0) are set to the
//! next value in. If it still fails, the *original* values are log-transformed instead:
//! `ln(x − min + 0.01·(max − min))` (COINr's `log_CT`). Missing values (`NaN`) are skipped.

use crate::spec::Treatment;

/// What happened to one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Treated {
    /// The treated values (`NaN` where missing).
    pub values: Vec<f64>,
    /// Positions of winsorised values and their original values.
    pub winsorised: Vec<(usize, f64)>,
    /// Whether the log transform was applied (to every value).
    pub log_transformed: bool,
    /// Skewness and kurtosis before treatment (`None` with fewer than 3/4 values).
    pub before: (Option<f64>, Option<f64>),
    /// Skewness and kurtosis after treatment.
    pub after: (Option<f64>, Option<f64>),
}

/// Sample skewness (e1071 type 2): √(n(n−1))/(n−2) · √n Σd³ / (Σd²)^{3/2}; `None` below 3 values
/// or for a constant indicator.
pub fn skewness(values: &[f64]) -> Option<f64> {
    let x: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
    let n = x.len() as f64;
    if x.len() < 3 {
        return None;
    }
    let mean = x.iter().sum::<f64>() / n;
    let (s2, s3) = x.iter().fold((0.0, 0.0), |(s2, s3), v| {
        let d = v - mean;
        (s2 + d * d, s3 + d * d * d)
    });
    if s2 == 0.0 {
        return None;
    }
    Some(n.sqrt() * s3 / s2.powf(1.5) * (n * (n - 1.0)).sqrt() / (n - 2.0))
}

/// Sample excess kurtosis (e1071 type 2): ((n+1)(r−3)+6)(n−1)/((n−2)(n−3)), r = nΣd⁴/(Σd²)²;
/// `None` below 4 values or for a constant indicator.
pub fn kurtosis(values: &[f64]) -> Option<f64> {
    let x: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
    let n = x.len() as f64;
    if x.len() < 4 {
        return None;
    }
    let mean = x.iter().sum::<f64>() / n;
    let (s2, s4) = x.iter().fold((0.0, 0.0), |(s2, s4), v| {
        let d = (v - mean) * (v - mean);
        (s2 + d, s4 + d * d)
    });
    if s2 == 0.0 {
        return None;
    }
    let r = n * s4 / (s2 * s2);
    Some(((n + 1.0) * (r - 3.0) + 6.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0)))
}

/// Whether an indicator passes (statistics that cannot be computed pass, as there is
/// nothing to treat).
fn passes(values: &[f64], rule: &Treatment) -> bool {
    match (skewness(values), kurtosis(values)) {
        (Some(s), Some(k)) => s.abs() < rule.skewness || k < rule.kurtosis,
        _ => true,
    }
}

/// Treats one indicator (see the module docs).
///
/// ```
/// use chiso::spec::Treatment;
/// use chiso::treat::treat;
/// let mut x: Vec<f64> = (1..=20).map(f64::from).collect();
/// x.push(1000.0); // one far outlier
/// let t = treat(&x, &Treatment::default());
/// assert_eq!(t.winsorised, vec![(20, 1000.0)]);
/// assert_eq!(t.values[20], 20.0);
/// assert!(!t.log_transformed);
/// ```
pub fn treat(values: &[f64], rule: &Treatment) -> Treated {
    let before = (skewness(values), kurtosis(values));
    let mut x = values.to_vec();
    let mut winsorised: Vec<(usize, f64)> = Vec::new();
    while !passes(&x, rule) && (winsorised.len() as u32) < rule.max_points {
        let high = skewness(&x).is_some_and(|s| s >= 0.0);
        let present = || x.iter().copied().filter(|v| !v.is_nan());
        let extreme =
            if high { present().fold(f64::NEG_INFINITY, f64::max) } else { present().fold(f64::INFINITY, f64::min) };
        let next = present().filter(|&v| v != extreme);
        let replacement =
            if high { next.fold(f64::NEG_INFINITY, f64::max) } else { next.fold(f64::INFINITY, f64::min) };
        if !replacement.is_finite() {
            break; // every value is the extreme: nothing left to pull in
        }
        for (i, v) in x.iter_mut().enumerate() {
            if *v == extreme {
                if !winsorised.iter().any(|(j, _)| *j == i) {
                    winsorised.push((i, values[i]));
                }
                *v = replacement;
            }
        }
    }
    if !passes(&x, rule) && rule.log_fallback {
        let present = || values.iter().copied().filter(|v| !v.is_nan());
        let min = present().fold(f64::INFINITY, f64::min);
        let max = present().fold(f64::NEG_INFINITY, f64::max);
        let shift = 0.01 * (max - min);
        let logged: Vec<f64> = values.iter().map(|&v| if v.is_nan() { v } else { (v - min + shift).ln() }).collect();
        return Treated {
            after: (skewness(&logged), kurtosis(&logged)),
            values: logged,
            winsorised: Vec::new(),
            log_transformed: true,
            before,
        };
    }
    winsorised.sort_by_key(|(i, _)| *i);
    Treated { after: (skewness(&x), kurtosis(&x)), values: x, winsorised, log_transformed: false, before }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn moments_match_e1071_type_2() {
        // x = 1, 2, 3, 10: mean 4, d = −3, −2, −1, 6; Σd² = 50, Σd³ = 180, Σd⁴ = 1394.
        let x = [1.0, 2.0, 3.0, 10.0];
        let g1 = 4f64.sqrt() * 180.0 / 50f64.powf(1.5);
        let skew = g1 * (4.0f64 * 3.0).sqrt() / 2.0;
        assert!((skewness(&x).unwrap() - skew).abs() < 1e-12);
        let r = 4.0 * 1394.0 / 2500.0;
        let kurt = (5.0 * (r - 3.0) + 6.0) * 3.0 / 2.0;
        assert!((kurtosis(&x).unwrap() - kurt).abs() < 1e-12);
        assert_eq!(skewness(&[1.0, 2.0]), None);
        assert_eq!(kurtosis(&[2.0; 5]), None);
    }

    #[test]
    fn winsorises_ties_together_and_counts_points() {
        let mut x: Vec<f64> = (1..=30).map(f64::from).collect();
        x.extend([500.0, 500.0]);
        let t = treat(&x, &Treatment::default());
        // Both tied outliers are pulled in at once to the next value, 30.
        assert_eq!(t.winsorised, vec![(30, 500.0), (31, 500.0)]);
        assert_eq!(&t.values[30..], &[30.0, 30.0]);
        assert!(passes(&t.values, &Treatment::default()));
    }

    #[test]
    fn falls_back_to_log_when_winsorising_is_not_enough() {
        // A geometric series is skewed throughout: five points are not enough.
        let x: Vec<f64> = (0..30).map(|i| 1.5f64.powi(i)).collect();
        let rule = Treatment { max_points: 1, ..Treatment::default() };
        let t = treat(&x, &rule);
        assert!(t.log_transformed);
        let (min, max) = (1.0, 1.5f64.powi(29));
        assert!((t.values[3] - (1.5f64.powi(3) - min + 0.01 * (max - min)).ln()).abs() < 1e-12);
        // Without the fallback the winsorised values are kept.
        let t = treat(&x, &Treatment { log_fallback: false, ..rule });
        assert!(!t.log_transformed);
        assert_eq!(t.winsorised, vec![(29, 1.5f64.powi(29))]);
    }

    #[test]
    fn missing_values_are_kept_and_skipped() {
        let mut x: Vec<f64> = (1..=20).map(f64::from).collect();
        x.push(f64::NAN);
        x.push(1000.0);
        let t = treat(&x, &Treatment::default());
        assert!(t.values[20].is_nan());
        assert_eq!(t.winsorised, vec![(21, 1000.0)]);
    }
}
