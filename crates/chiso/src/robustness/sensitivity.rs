//! Variance-based sensitivity analysis: how much of a ranking's variation each uncertain
//! input explains, alone (first order) and with its interactions (total order).
//!
//! The design and estimators follow COINr's `get_sensitivity` (Saltelli et al. 2010): two
//! independent sample matrices A and B of the `d` inputs and, for each input `i`, the
//! matrix AB_i — A with input `i` taken from B; `N(d + 2)` runs in the order A, B, AB_1, …,
//! AB_d. With `V` the variance of the output over the runs of A and B (denominator `2N − 1`):
//!
//! - total order (Jansen 1999): `ST_i = Σ (f(A) − f(AB_i))² / (2N·V)`;
//! - first order (Jansen): `S_i = (V − Σ (f(B) − f(AB_i))² / 2N) / V`, or with
//!   [`FirstOrder::Saltelli`] COINr's `Σ f(B)·(f(AB_i) − f(A)) / (N·V)`.
//!
//! The outputs are the mean absolute rank shift from the nominal ranks (COINr's target) and
//! each unit's rank. Confidence intervals come from `bootstrap` resamplings of the N rows
//! (every matrix resampled alike, `V` recomputed), as the 5th and 95th percentiles.
//! An input of several numbers (all the weights) is one factor: its numbers move together
//! between A and B.
//!
//! ```
//! use chiso::sensitivity::{saltelli_sample, sobol_indices, SobolOptions};
//! // y = x₁ + 2·x₂, x uniform: S₁ = 1/5, S₂ = 4/5 (and the total orders the same).
//! let (n, d) = (4096, 2);
//! let x = saltelli_sample(n, d, 42);
//! let y: Vec<f64> = x.iter().map(|r| r[0] + 2.0 * r[1]).collect();
//! let s = sobol_indices(&y, n, d, &SobolOptions::default())?;
//! assert!((s.indices[0].first_order.unwrap() - 0.2).abs() < 0.05);
//! assert!((s.indices[1].total_order.unwrap() - 0.8).abs() < 0.05);
//! # Ok::<(), chiso::Error>(())
//! ```

use serde::Serialize;

use crate::data::Dataset;
use crate::error::{ComputeError, Error};
use crate::spec::IndexDefinition;
use crate::statistics::{quantile_sorted, variance};
use crate::uncertainty::random::{Block, Stream};
use crate::uncertainty::{par_map, Prepared, UncertainInput, UnitUncertainty};

/// The first-order estimator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FirstOrder {
    /// Jansen's: `(V − Σ (f(B) − f(AB_i))² / 2N) / V`.
    #[default]
    Jansen,
    /// Saltelli 2010's, as COINr's `SA_estimate`: `Σ f(B)·(f(AB_i) − f(A)) / (N·V)`.
    Saltelli,
}

impl FirstOrder {
    /// `jansen` or `saltelli`.
    pub fn name(self) -> &'static str {
        match self {
            FirstOrder::Jansen => "jansen",
            FirstOrder::Saltelli => "saltelli",
        }
    }
}

/// How indices are estimated from a design's outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SobolOptions {
    /// Bootstrap resamplings for the confidence intervals (0: none).
    pub bootstrap: usize,
    /// First-order estimator.
    pub first_order: FirstOrder,
    /// Seed of the bootstrap resampling.
    pub seed: u64,
}

impl Default for SobolOptions {
    fn default() -> Self {
        SobolOptions { bootstrap: 0, first_order: FirstOrder::Jansen, seed: 0 }
    }
}

/// First- and total-order indices of one input, with bootstrap intervals when asked for.
/// `None` where the output does not vary (the indices are undefined).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SobolIndex {
    /// The input's name.
    pub input: String,
    /// First-order index.
    pub first_order: Option<f64>,
    /// Total-order index.
    pub total_order: Option<f64>,
    /// 5th percentile of the bootstrapped first-order index.
    pub first_order_p05: Option<f64>,
    /// 95th percentile of the bootstrapped first-order index.
    pub first_order_p95: Option<f64>,
    /// 5th percentile of the bootstrapped total-order index.
    pub total_order_p05: Option<f64>,
    /// 95th percentile of the bootstrapped total-order index.
    pub total_order_p95: Option<f64>,
}

/// The indices of every input on one output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SobolEstimate {
    /// Variance of the output over A and B.
    pub variance: f64,
    /// One entry per input.
    pub indices: Vec<SobolIndex>,
}

/// A Saltelli design of `d` uniform inputs: `N(d + 2)` rows in the order A, B, AB_1, …, AB_d
/// (COINr's `SA_sample`). Map each column to its input's distribution, run the model on every
/// row, and give the outputs to [`sobol_indices`].
pub fn saltelli_sample(n: usize, d: usize, seed: u64) -> Vec<Vec<f64>> {
    (0..n * (d + 2))
        .map(|r| {
            (0..d)
                .map(|i| {
                    let (block, row) = design_stream(n, r, i);
                    Stream::new(seed, block, row, i as u64, 0).uniform()
                })
                .collect()
        })
        .collect()
}

/// Which matrix and row run `r` of an `N(d + 2)` design takes input `i` from.
pub(crate) fn design_stream(n: usize, r: usize, i: usize) -> (Block, u64) {
    let (k, j) = (r / n, (r % n) as u64);
    match k {
        0 => (Block::A, j),
        1 => (Block::B, j),
        k if k - 2 == i => (Block::B, j),
        _ => (Block::A, j),
    }
}

fn check_design(len: usize, n: usize, d: usize) -> Result<(), Error> {
    if n < 2 || d == 0 || len != n * (d + 2) {
        return Err(ComputeError::InvalidTarget {
            message: format!(
                "a sensitivity design needs N ≥ 2 base samples and N(d + 2) outputs; got {len} outputs for N = {n}, d = {d}"
            ),
        }
        .into());
    }
    Ok(())
}

/// First- and total-order indices from the outputs `y` of a [`saltelli_sample`] design.
pub fn sobol_indices(y: &[f64], n: usize, d: usize, options: &SobolOptions) -> Result<SobolEstimate, Error> {
    check_design(y.len(), n, d)?;
    let names: Vec<String> = (1..=d).map(|i| format!("x{i}")).collect();
    Ok(estimate(y, n, d, &names, options))
}

/// Point estimates on the rows `rows` (all N rows, or a bootstrap resample).
fn point(
    y: &[f64],
    n: usize,
    d: usize,
    rows: &[usize],
    first: FirstOrder,
    scratch: &mut Vec<f64>,
) -> Option<(f64, Vec<(f64, f64)>)> {
    scratch.clear();
    scratch.extend(rows.iter().map(|&j| y[j]));
    scratch.extend(rows.iter().map(|&j| y[n + j]));
    let v = variance(scratch);
    let largest = scratch.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    if v.is_nan() || v <= 1e-12 * largest * largest {
        return None;
    }
    let m = rows.len() as f64;
    let indices = (0..d)
        .map(|i| {
            let ab = &y[(2 + i) * n..(3 + i) * n];
            let (mut s1, mut st) = (0.0, 0.0);
            for &j in rows {
                let (a, b, x) = (y[j], y[n + j], ab[j]);
                s1 += match first {
                    FirstOrder::Jansen => (b - x) * (b - x),
                    FirstOrder::Saltelli => b * (x - a),
                };
                st += (a - x) * (a - x);
            }
            let s1 = match first {
                FirstOrder::Jansen => (v - s1 / (2.0 * m)) / v,
                FirstOrder::Saltelli => s1 / (m * v),
            };
            (s1, st / (2.0 * m * v))
        })
        .collect();
    Some((v, indices))
}

pub(crate) fn estimate(y: &[f64], n: usize, d: usize, names: &[String], options: &SobolOptions) -> SobolEstimate {
    let all: Vec<usize> = (0..n).collect();
    let mut scratch = Vec::with_capacity(2 * n);
    let nominal = point(y, n, d, &all, options.first_order, &mut scratch);
    let mut boot_s1: Vec<Vec<f64>> = vec![Vec::new(); d];
    let mut boot_st: Vec<Vec<f64>> = vec![Vec::new(); d];
    if nominal.is_some() {
        let mut rows = vec![0usize; n];
        for b in 0..options.bootstrap {
            let mut stream = Stream::new(options.seed, Block::Bootstrap, b as u64, 0, 0);
            for r in rows.iter_mut() {
                *r = stream.index(n);
            }
            if let Some((_, indices)) = point(y, n, d, &rows, options.first_order, &mut scratch) {
                for (i, (s1, st)) in indices.into_iter().enumerate() {
                    boot_s1[i].push(s1);
                    boot_st[i].push(st);
                }
            }
        }
    }
    let interval = |values: &mut Vec<f64>| -> (Option<f64>, Option<f64>) {
        if values.is_empty() {
            return (None, None);
        }
        values.sort_by(f64::total_cmp);
        (Some(quantile_sorted(values, 0.05)), Some(quantile_sorted(values, 0.95)))
    };
    let indices = (0..d)
        .map(|i| {
            let (s1_lo, s1_hi) = interval(&mut boot_s1[i]);
            let (st_lo, st_hi) = interval(&mut boot_st[i]);
            let point = nominal.as_ref().map(|(_, p)| p[i]);
            SobolIndex {
                input: names[i].clone(),
                first_order: point.map(|p| p.0),
                total_order: point.map(|p| p.1),
                first_order_p05: s1_lo,
                first_order_p95: s1_hi,
                total_order_p05: st_lo,
                total_order_p95: st_hi,
            }
        })
        .collect();
    SobolEstimate { variance: nominal.map_or(0.0, |(v, _)| v), indices }
}

/// Options of [`sensitivity`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SensitivityOptions {
    /// Base samples N: the analysis runs the index `N(d + 2)` times for `d` inputs.
    pub samples: usize,
    /// Seed (the bootstrap uses it too).
    pub seed: u64,
    /// Bootstrap resamplings for the intervals (COINr suggests 100 or more; 0: none).
    pub bootstrap: usize,
    /// First-order estimator.
    pub first_order: FirstOrder,
}

impl Default for SensitivityOptions {
    fn default() -> Self {
        SensitivityOptions { samples: 500, seed: 0, bootstrap: 100, first_order: FirstOrder::Jansen }
    }
}

/// One unit's rank sensitivity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitSensitivity {
    /// Unit name.
    pub unit: String,
    /// Nominal rank.
    pub nominal_rank: u32,
    /// Variance of the unit's rank over A and B.
    pub variance: f64,
    /// One entry per input.
    pub indices: Vec<SobolIndex>,
}

/// The result of [`sensitivity`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sensitivity {
    /// Index id.
    pub index: String,
    /// Year analysed.
    pub year: Option<i32>,
    /// Base samples N.
    pub samples: usize,
    /// Runs of the index, `N(d + 2)`.
    pub runs: usize,
    /// Seed.
    pub seed: u64,
    /// Bootstrap resamplings.
    pub bootstrap: usize,
    /// `jansen` or `saltelli`.
    pub first_order_estimator: &'static str,
    /// Input names.
    pub inputs: Vec<String>,
    /// Indices on the mean absolute rank shift from the nominal ranks.
    pub mean_rank_shift: SobolEstimate,
    /// Indices on each unit's rank, in data order.
    pub units: Vec<UnitSensitivity>,
    /// Rank and score distributions over the 2N runs of A and B (as COINr's `RankStats`).
    pub rank_stats: Vec<UnitUncertainty>,
}

/// First- and total-order sensitivity indices of each input on the mean absolute rank shift
/// and on each unit's rank, with bootstrap intervals.
pub fn sensitivity(
    definition: &IndexDefinition,
    data: &Dataset,
    year: Option<i32>,
    inputs: &[UncertainInput],
    options: &SensitivityOptions,
) -> Result<Sensitivity, Error> {
    let (n, d) = (options.samples, inputs.len());
    if d == 0 {
        return Err(ComputeError::InvalidTarget {
            message: "a sensitivity analysis needs at least one uncertain input".into(),
        }
        .into());
    }
    check_design(n * (d + 2), n, d)?;
    let prepared = Prepared::new(definition, data, year, inputs)?;
    let runs = n * (d + 2);
    let (scores, ranks) = prepared.run(runs, options.seed, &|r, i| design_stream(n, r, i))?;
    let units = prepared.units.len();
    let sobol = SobolOptions { bootstrap: options.bootstrap, first_order: options.first_order, seed: options.seed };
    let shift = prepared.rank_shifts(&ranks);
    let mean_rank_shift = estimate(&shift, n, d, &prepared.names, &sobol);
    let per_unit = par_map(units, &|u| {
        let y: Vec<f64> = (0..runs).map(|r| f64::from(ranks[r * units + u])).collect();
        estimate(&y, n, d, &prepared.names, &sobol)
    });
    let rank_stats = prepared.summarise(&scores[..2 * n * units], &ranks[..2 * n * units], 2 * n);
    Ok(Sensitivity {
        index: prepared.index.clone(),
        year: prepared.engine.year,
        samples: n,
        runs,
        seed: options.seed,
        bootstrap: options.bootstrap,
        first_order_estimator: options.first_order.name(),
        inputs: prepared.names.clone(),
        mean_rank_shift,
        units: per_unit
            .into_iter()
            .enumerate()
            .map(|(u, e)| UnitSensitivity {
                unit: prepared.units[u].clone(),
                nominal_rank: prepared.nominal_ranks[u],
                variance: e.variance,
                indices: e.indices,
            })
            .collect(),
        rank_stats,
    })
}
