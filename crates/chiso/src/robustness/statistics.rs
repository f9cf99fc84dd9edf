//! Small descriptive statistics shared by the uncertainty, sensitivity and audit analyses.
//!
//! Conventions follow R (and so COINr): quantiles of type 7 (numpy's default `linear`),
//! variances and covariances with the `n − 1` denominator, Spearman's ρ as Pearson's r of
//! average ranks.

/// The `p`-quantile (0 ≤ p ≤ 1) of sorted values, type 7: linear interpolation between the
/// order statistics at `(n − 1)·p`.
///
/// ```
/// use chiso::statistics::quantile_sorted;
/// let x = [1.0, 2.0, 3.0, 4.0];
/// assert_eq!(quantile_sorted(&x, 0.5), 2.5);
/// assert!((quantile_sorted(&x, 0.05) - 1.15).abs() < 1e-12); // R: quantile(1:4, 0.05)
/// ```
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        n => {
            let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
            let lo = h.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
        }
    }
}

/// The median of values (sorted in place): the middle value, or the mean of the two middle
/// ones; `NaN` for no values. The type-7 quantile at ½.
///
/// ```
/// use chiso::statistics::median;
/// assert_eq!(median(&mut [5.0, 1.0, 3.0, 10.0]), 4.0);
/// assert_eq!(median(&mut [5.0, 1.0, 3.0]), 3.0);
/// ```
pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    quantile_sorted(values, 0.5)
}

/// Arithmetic mean (NaN for no values).
pub fn mean(x: &[f64]) -> f64 {
    x.iter().sum::<f64>() / x.len() as f64
}

/// Sample variance (denominator `n − 1`).
pub fn variance(x: &[f64]) -> f64 {
    covariance(x, x)
}

/// Sample covariance (denominator `n − 1`), over the pairs where both values are present.
pub fn covariance(x: &[f64], y: &[f64]) -> f64 {
    if let Some((x, y)) = complete_pairs(x, y) {
        return covariance(&x, &y);
    }
    let (mx, my) = (mean(x), mean(y));
    x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum::<f64>() / (x.len() as f64 - 1.0)
}

/// The pairs where both values are present, when some value is missing (`NaN`); `None`
/// when nothing is missing (so complete data is used in place, with the same digits).
fn complete_pairs(x: &[f64], y: &[f64]) -> Option<(Vec<f64>, Vec<f64>)> {
    if !x.iter().chain(y).any(|v| v.is_nan()) {
        return None;
    }
    Some(x.iter().zip(y).filter(|(a, b)| !a.is_nan() && !b.is_nan()).map(|(a, b)| (*a, *b)).unzip())
}

/// Pearson's correlation over the pairs where both values are present (R's
/// `use = "pairwise.complete.obs"`); `None` when either variable is constant there or fewer
/// than two pairs are complete.
///
/// ```
/// use chiso::statistics::pearson;
/// assert_eq!(pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 7.0]).map(|r| (r * 1e6).round()), Some(993_399.0));
/// assert_eq!(pearson(&[1.0, 1.0], &[2.0, 3.0]), None);
/// ```
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    if let Some((x, y)) = complete_pairs(x, y) {
        return pearson(&x, &y);
    }
    if x.len() < 2 {
        return None;
    }
    let (mx, my) = (mean(x), mean(y));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (da, db) = (a - mx, b - my);
        sxy += da * db;
        sxx += da * da;
        syy += db * db;
    }
    if sxx <= 0.0 || syy <= 0.0 {
        return None;
    }
    Some((sxy / (sxx.sqrt() * syy.sqrt())).clamp(-1.0, 1.0))
}

/// Ranks 1..n in ascending order, ties sharing the average of their positions (R's
/// `rank(ties.method = "average")`).
pub fn average_ranks(x: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut ranks = vec![0.0; x.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && x[order[j + 1]] == x[order[i]] {
            j += 1;
        }
        let average = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            ranks[k] = average;
        }
        i = j + 1;
    }
    ranks
}

/// Spearman's rank correlation over the pairs where both values are present; `None` when
/// either variable is constant there.
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    if let Some((x, y)) = complete_pairs(x, y) {
        return spearman(&x, &y);
    }
    pearson(&average_ranks(x), &average_ranks(y))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn quantiles_match_r_type_7() {
        // R: quantile(c(3, 1, 4, 1, 5, 9, 2, 6), c(0.05, 0.5, 0.95)) = 1.00 3.50 7.95
        let mut x = vec![3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0];
        x.sort_by(f64::total_cmp);
        assert_eq!(quantile_sorted(&x, 0.05), 1.0);
        assert_eq!(quantile_sorted(&x, 0.5), 3.5);
        assert!((quantile_sorted(&x, 0.95) - 7.95).abs() < 1e-12);
    }

    #[test]
    fn spearman_with_ties_is_pearson_of_average_ranks() {
        // Ranks: x → 1, 2.5, 2.5, 4; y → 1, 2, 3, 4. Pearson of those by hand:
        // mean 2.5 both; Σdxdy = 2.25 + 0 + 0 + 2.25 = 4.5; Σdx² = 4.5; Σdy² = 5 → 4.5/√22.5.
        assert_eq!(average_ranks(&[1.0, 5.0, 5.0, 7.0]), vec![1.0, 2.5, 2.5, 4.0]);
        let rho = spearman(&[1.0, 5.0, 5.0, 7.0], &[10.0, 20.0, 30.0, 40.0]).unwrap();
        assert!((rho - 4.5 / 22.5f64.sqrt()).abs() < 1e-15);
        assert!((variance(&[1.0, 2.0, 3.0, 4.0]) - 5.0 / 3.0).abs() < 1e-15);
    }
}
