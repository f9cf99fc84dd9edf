//! Normalisation: rescaling one raw indicator across the units of one period.
//!
//! Every method works on *direction-adjusted* values, as COINr does: a lower-is-better
//! indicator is negated (x → −x) before the method runs, and parameters given in the
//! indicator's own units (bounds, goalposts, targets, the reference unit's value) are negated
//! with it. So the best unit always gets the top of the range and a spec reads in natural units.
//! Two methods cannot be written that way and say so below: [`Normalisation::RatioToMax`] and
//! [`Normalisation::Points`].
//!
//! Missing values are `NaN` on the way in and stay `NaN` on the way out (statistics skip them);
//! the scoring pipeline decides what a missing value means.

use crate::rank::average_ranks;
use crate::spec::{Bounds, Direction, Normalisation, RankTies};

/// Why an indicator could not be normalised.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NormaliseIssue {
    /// The statistic the method divides by is zero (every unit has this value, or the
    /// target equals the worst value): the result is undefined unless the spec says what a
    /// constant indicator maps to (`if_constant`).
    Constant(f64),
    /// The method needs values above zero (ratio to maximum; zero is allowed when higher is
    /// better); this is the first that is not.
    NonPositive(f64),
    /// A points value below zero.
    NegativePoints(f64),
    /// The method needs a reference value (the reference unit's) that is missing.
    NoReference,
}

/// What a method needs besides the values themselves.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// Values that the bounds are taken from when they are pooled over several periods
    /// (raw, unadjusted; `NaN` skipped). `None`: the values themselves.
    pub pool: Option<&'a [f64]>,
    /// The reference unit's raw value, for [`Normalisation::DistanceToReference`].
    pub reference: Option<f64>,
}

/// Normalises one indicator over the units of one period (see the module docs for directions).
///
/// ```
/// use chiso::normalise::normalise;
/// use chiso::spec::{Direction, Normalisation};
/// let pci = Normalisation::min_max(1.0, 10.0);
/// let up = normalise(&pci, Direction::HigherIsBetter, &[2.0, 4.0, 6.0]).unwrap();
/// assert_eq!(up, vec![1.0, 5.5, 10.0]);
/// let down = normalise(&pci, Direction::LowerIsBetter, &[2.0, 4.0, 6.0]).unwrap();
/// assert_eq!(down, vec![10.0, 5.5, 1.0]);
/// ```
pub fn normalise(method: &Normalisation, direction: Direction, values: &[f64]) -> Result<Vec<f64>, NormaliseIssue> {
    normalise_in(method, direction, values, &Context::default())
}

/// [`normalise`] with pooled bounds or a reference value.
pub fn normalise_in(
    method: &Normalisation,
    direction: Direction,
    values: &[f64],
    context: &Context<'_>,
) -> Result<Vec<f64>, NormaliseIssue> {
    let sign = match direction {
        Direction::HigherIsBetter => 1.0,
        Direction::LowerIsBetter => -1.0,
    };
    // Direction-adjusted values, and the pool their statistics come from: each made only by
    // the methods that need it (one pass and one allocation per indicator for most methods).
    let x = || values.iter().map(|v| sign * v).collect::<Vec<f64>>();
    let pool = || -> Vec<f64> {
        match context.pool {
            Some(p) => p.iter().filter(|v| !v.is_nan()).map(|v| sign * v).collect(),
            None => values.iter().map(|v| sign * v).filter(|v| !v.is_nan()).collect(),
        }
    };
    // Smallest and largest of the pool, without making it when it is the values themselves.
    let pool_range = || match context.pool {
        Some(_) => range(&pool()),
        None => range_of(values.iter().map(|v| sign * v).filter(|v| !v.is_nan())),
    };
    let map = |f: &dyn Fn(f64) -> f64| {
        values
            .iter()
            .map(|&v| {
                let v = sign * v;
                if v.is_nan() {
                    v
                } else {
                    f(v)
                }
            })
            .collect::<Vec<f64>>()
    };
    let degenerate = |if_constant: Option<f64>, at: f64| match if_constant {
        Some(c) => Ok(values.iter().map(|v| if v.is_nan() { sign * v } else { c }).collect()),
        None => Err(NormaliseIssue::Constant(sign * at)),
    };
    Ok(match *method {
        Normalisation::None => values.to_vec(),
        Normalisation::MinMax { low, high, bounds, if_constant } => {
            let (min, max) = match bounds {
                Bounds::Fixed { min, max } => {
                    if sign > 0.0 {
                        (min, max)
                    } else {
                        (-max, -min)
                    }
                }
                Bounds::Observed | Bounds::Pooled { .. } => match pool_range() {
                    Some(r) => r,
                    None => return Ok(x()),
                },
            };
            if max == min {
                return degenerate(if_constant, min);
            }
            // The bounds map exactly to `low` and `high`: `(high − low)·M / M` can round one ulp
            // below `high - low`, and a unit at the maximum would then score less after raising
            // its value (a new M) — ranks must never move the wrong way by rounding.
            map(&|v| {
                if v == max {
                    high
                } else if v == min {
                    low
                } else {
                    low + (high - low) * (v - min) / (max - min)
                }
            })
        }
        Normalisation::ZScore { mean, sd, if_constant } => {
            let pool = pool();
            let Some((m, s)) = mean_sd(&pool) else {
                return degenerate(if_constant, pool.first().copied().unwrap_or(0.0));
            };
            if s == 0.0 {
                return degenerate(if_constant, m);
            }
            map(&|v| mean + sd * (v - m) / s)
        }
        Normalisation::Rank { ties } => ranks(&x(), ties),
        Normalisation::Borda { ties } => ranks(&x(), ties).into_iter().map(|r| r - 1.0).collect(),
        Normalisation::PercentileRank { ties, low, high, if_constant } => {
            let n = values.iter().filter(|v| !v.is_nan()).count();
            if n < 2 {
                return degenerate(if_constant, pool().first().copied().unwrap_or(0.0));
            }
            let denominator = (n - 1) as f64;
            ranks(&x(), ties).into_iter().map(|r| low + (high - low) * (r - 1.0) / denominator).collect()
        }
        Normalisation::Goalposts { low, high, scale, clip } => {
            let (lo, hi) = if sign > 0.0 { (low, high) } else { (-high, -low) };
            map(&|v| {
                let share = (v - lo) / (hi - lo);
                scale * if clip { share.clamp(0.0, 1.0) } else { share }
            })
        }
        Normalisation::DistanceToTarget { target, cap, if_constant } => {
            let Some((min, _)) = pool_range() else { return Ok(x()) };
            let target = sign * target;
            if target == min {
                return degenerate(if_constant, min);
            }
            map(&|v| capped((v - min) / (target - min), cap))
        }
        Normalisation::DistanceToReference { cap, if_constant, .. } => {
            let reference = match context.reference {
                Some(r) if !r.is_nan() => sign * r,
                _ => return Err(NormaliseIssue::NoReference),
            };
            let Some((min, _)) = pool_range() else { return Ok(x()) };
            if reference == min {
                return degenerate(if_constant, min);
            }
            map(&|v| capped(1.0 - (reference - v) / (reference - min), cap))
        }
        Normalisation::DistanceToMax { if_constant } => {
            let Some((min, max)) = pool_range() else { return Ok(x()) };
            if max == min {
                return degenerate(if_constant, min);
            }
            map(&|v| 1.0 - (max - v) / (max - min))
        }
        Normalisation::RatioToMax => {
            // x/max is defined for x ≥ 0 (a zero scores 0, as in COINr's n_fracmax); min/x needs x > 0.
            let allowed = |v: f64| if sign > 0.0 { v >= 0.0 } else { v > 0.0 };
            if let Some(&bad) = values.iter().find(|v| !v.is_nan() && !allowed(**v)) {
                return Err(NormaliseIssue::NonPositive(bad));
            }
            let raw_pool: Vec<f64> = match context.pool {
                Some(p) => p.iter().copied().filter(|v| !v.is_nan()).collect(),
                None => values.iter().copied().filter(|v| !v.is_nan()).collect(),
            };
            let Some((min, max)) = range(&raw_pool) else { return Ok(values.to_vec()) };
            if max == 0.0 {
                return Err(NormaliseIssue::Constant(0.0)); // every value is 0: 0/0
            }
            values
                .iter()
                .map(|&v| match direction {
                    _ if v.is_nan() => v,
                    Direction::HigherIsBetter => v / max,
                    Direction::LowerIsBetter => min / v,
                })
                .collect()
        }
        Normalisation::Points { max } => {
            if let Some(&bad) = values.iter().find(|v| **v < 0.0) {
                return Err(NormaliseIssue::NegativePoints(bad));
            }
            values.iter().map(|&v| if v.is_nan() { v } else { v.min(max) }).collect()
        }
    })
}

fn capped(value: f64, cap: bool) -> f64 {
    if cap {
        value.min(1.0)
    } else {
        value
    }
}

/// Smallest and largest of non-empty values.
fn range(values: &[f64]) -> Option<(f64, f64)> {
    range_of(values.iter().copied())
}

/// Smallest and largest of the values an iterator gives, `None` when it gives none.
fn range_of(mut values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let first = values.next()?;
    Some(values.fold((first, first), |(lo, hi), v| (lo.min(v), hi.max(v))))
}

/// Mean and sample standard deviation (n − 1, as R's `sd`); `None` for fewer than two values.
pub(crate) fn mean_sd(values: &[f64]) -> Option<(f64, f64)> {
    if values.len() < 2 {
        return None;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let ss: f64 = values.iter().map(|v| (v - mean) * (v - mean)).sum();
    Some((mean, (ss / (n - 1.0)).sqrt()))
}

/// Ranks 1..n in ascending order of value (the best adjusted value gets n); `NaN` stays `NaN`.
fn ranks(x: &[f64], ties: RankTies) -> Vec<f64> {
    let present: Vec<usize> = (0..x.len()).filter(|&i| !x[i].is_nan()).collect();
    let values: Vec<f64> = present.iter().map(|&i| x[i]).collect();
    let ranked = average_ranks(&values, ties);
    let mut out = vec![f64::NAN; x.len()];
    for (&i, r) in present.iter().zip(ranked) {
        out[i] = r;
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const UP: Direction = Direction::HigherIsBetter;
    const DOWN: Direction = Direction::LowerIsBetter;

    fn close(a: &[f64], b: &[f64]) {
        assert_eq!(a.len(), b.len(), "{a:?} vs {b:?}");
        for (x, y) in a.iter().zip(b) {
            assert!((x.is_nan() && y.is_nan()) || (x - y).abs() < 1e-12, "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn min_max_observed_fixed_pooled_and_missing() {
        let m = Normalisation::min_max(0.0, 100.0);
        close(&normalise(&m, UP, &[1.0, f64::NAN, 3.0, 5.0]).unwrap(), &[0.0, f64::NAN, 50.0, 100.0]);
        close(&normalise(&m, DOWN, &[1.0, 3.0, 5.0]).unwrap(), &[100.0, 50.0, 0.0]);
        let fixed = Normalisation::MinMax {
            low: 0.0,
            high: 10.0,
            bounds: Bounds::Fixed { min: 0.0, max: 20.0 },
            if_constant: None,
        };
        // Values outside fixed bounds are not clipped: the formula extends linearly.
        close(&normalise(&fixed, UP, &[5.0, 25.0]).unwrap(), &[2.5, 12.5]);
        close(&normalise(&fixed, DOWN, &[5.0, 20.0]).unwrap(), &[7.5, 0.0]);
        let pooled =
            Normalisation::MinMax { low: 0.0, high: 1.0, bounds: Bounds::Pooled { years: 3 }, if_constant: None };
        let ctx = Context { pool: Some(&[0.0, 10.0, 4.0, 6.0]), reference: None };
        close(&normalise_in(&pooled, UP, &[4.0, 6.0], &ctx).unwrap(), &[0.4, 0.6]);
        close(&normalise_in(&pooled, DOWN, &[4.0, 6.0], &ctx).unwrap(), &[0.6, 0.4]);
    }

    #[test]
    fn constant_indicators_fail_unless_mapped() {
        let m = Normalisation::min_max(0.0, 100.0);
        assert_eq!(normalise(&m, UP, &[3.0, 3.0]), Err(NormaliseIssue::Constant(3.0)));
        assert_eq!(normalise(&m, DOWN, &[3.0, 3.0]), Err(NormaliseIssue::Constant(3.0)));
        let mapped = Normalisation::MinMax { low: 0.0, high: 100.0, bounds: Bounds::Observed, if_constant: Some(50.0) };
        close(&normalise(&mapped, UP, &[3.0, f64::NAN, 3.0]).unwrap(), &[50.0, f64::NAN, 50.0]);
        let z = Normalisation::ZScore { mean: 0.0, sd: 1.0, if_constant: None };
        assert_eq!(normalise(&z, UP, &[2.0, 2.0, 2.0]), Err(NormaliseIssue::Constant(2.0)));
    }

    #[test]
    fn z_score_uses_the_sample_standard_deviation() {
        // mean 4, sample sd = sqrt(((−2)² + 0 + 2²)/2) = 2.
        let z = Normalisation::ZScore { mean: 10.0, sd: 2.0, if_constant: None };
        close(&normalise(&z, UP, &[2.0, 4.0, 6.0]).unwrap(), &[8.0, 10.0, 12.0]);
        close(&normalise(&z, DOWN, &[2.0, 4.0, 6.0]).unwrap(), &[12.0, 10.0, 8.0]);
    }

    #[test]
    fn ranks_percentiles_and_borda_with_ties() {
        let avg = Normalisation::Rank { ties: RankTies::Average };
        close(&normalise(&avg, UP, &[10.0, 20.0, 20.0, 5.0]).unwrap(), &[2.0, 3.5, 3.5, 1.0]);
        close(&normalise(&avg, DOWN, &[10.0, 20.0, 20.0, 5.0]).unwrap(), &[3.0, 1.5, 1.5, 4.0]);
        let min = Normalisation::Rank { ties: RankTies::Min };
        close(&normalise(&min, UP, &[10.0, 20.0, 20.0, f64::NAN]).unwrap(), &[1.0, 2.0, 2.0, f64::NAN]);
        let borda = Normalisation::Borda { ties: RankTies::Min };
        close(&normalise(&borda, UP, &[10.0, 20.0, 20.0, 5.0]).unwrap(), &[1.0, 2.0, 2.0, 0.0]);
        let p = Normalisation::PercentileRank { ties: RankTies::Average, low: 0.0, high: 1.0, if_constant: None };
        // ranks 2, 3.5, 3.5, 1 of n = 4 → (r − 1)/3.
        close(&normalise(&p, UP, &[10.0, 20.0, 20.0, 5.0]).unwrap(), &[1.0 / 3.0, 2.5 / 3.0, 2.5 / 3.0, 0.0]);
        assert_eq!(normalise(&p, UP, &[1.0]), Err(NormaliseIssue::Constant(1.0)));
    }

    #[test]
    fn goalposts_clip_then_scale_in_natural_units() {
        let g = Normalisation::Goalposts { low: 10.0, high: 20.0, scale: 100.0, clip: true };
        close(&normalise(&g, UP, &[5.0, 12.5, 20.0, 30.0]).unwrap(), &[0.0, 25.0, 100.0, 100.0]);
        // Lower is better: 10 is the best, 20 the worst.
        close(&normalise(&g, DOWN, &[5.0, 12.5, 20.0, 30.0]).unwrap(), &[100.0, 75.0, 0.0, 0.0]);
        let open = Normalisation::Goalposts { low: 10.0, high: 20.0, scale: 1.0, clip: false };
        close(&normalise(&open, UP, &[30.0]).unwrap(), &[2.0]);
    }

    #[test]
    fn distances_to_target_reference_and_max() {
        let t = Normalisation::DistanceToTarget { target: 8.0, cap: true, if_constant: None };
        // (x − min)/(target − min) with min 2: 0, 0.5, 1 (capped from 4/3).
        close(&normalise(&t, UP, &[2.0, 5.0, 10.0]).unwrap(), &[0.0, 0.5, 1.0]);
        // Lower is better, target 4: (max − x)/(max − target) with max 10.
        let t = Normalisation::DistanceToTarget { target: 4.0, cap: false, if_constant: None };
        close(&normalise(&t, DOWN, &[2.0, 7.0, 10.0]).unwrap(), &[8.0 / 6.0, 0.5, 0.0]);
        let r = Normalisation::DistanceToReference { unit: "B".into(), cap: false, if_constant: None };
        let ctx = Context { pool: None, reference: Some(6.0) };
        // 1 − (ref − x)/(ref − min), min 2.
        close(&normalise_in(&r, UP, &[2.0, 6.0, 10.0], &ctx).unwrap(), &[0.0, 1.0, 2.0]);
        close(&normalise_in(&r, DOWN, &[2.0, 6.0, 10.0], &ctx).unwrap(), &[2.0, 1.0, 0.0]);
        assert_eq!(normalise(&r, UP, &[1.0, 2.0]), Err(NormaliseIssue::NoReference));
        let d = Normalisation::DistanceToMax { if_constant: None };
        close(&normalise(&d, UP, &[2.0, 6.0, 10.0]).unwrap(), &[0.0, 0.5, 1.0]);
    }

    #[test]
    fn ratio_to_max_and_points() {
        close(&normalise(&Normalisation::RatioToMax, UP, &[2.0, 5.0, 10.0]).unwrap(), &[0.2, 0.5, 1.0]);
        close(&normalise(&Normalisation::RatioToMax, DOWN, &[2.0, 5.0, 10.0]).unwrap(), &[1.0, 0.4, 0.2]);
        // A zero is fine when higher is better (0/max = 0, as COINr's n_fracmax), not when lower
        // is better (min/x would be 0/0); negative values never are.
        close(&normalise(&Normalisation::RatioToMax, UP, &[0.0, 2.0, f64::NAN]).unwrap(), &[0.0, 1.0, f64::NAN]);
        assert_eq!(normalise(&Normalisation::RatioToMax, DOWN, &[0.0, 1.0]), Err(NormaliseIssue::NonPositive(0.0)));
        assert_eq!(normalise(&Normalisation::RatioToMax, UP, &[-1.0, 1.0]), Err(NormaliseIssue::NonPositive(-1.0)));
        assert_eq!(normalise(&Normalisation::RatioToMax, UP, &[0.0, 0.0]), Err(NormaliseIssue::Constant(0.0)));
        let p = Normalisation::Points { max: 4.0 };
        close(&normalise(&p, UP, &[0.0, 2.5, 6.0]).unwrap(), &[0.0, 2.5, 4.0]);
        assert_eq!(normalise(&p, UP, &[-1.0]), Err(NormaliseIssue::NegativePoints(-1.0)));
    }
}
