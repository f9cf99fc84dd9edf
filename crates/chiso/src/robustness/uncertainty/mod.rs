//! Uncertainty analysis: how far a ranking moves when the choices behind the index vary.
//!
//! An index embeds choices — weights, aggregation and normalisation methods, which indicators
//! count — and survey-based inputs carry sampling error. [`uncertainty`] draws `N` samples of
//! the declared [`UncertainInput`]s, runs each through the pipeline and reports, per unit,
//! the nominal rank, the median rank, the 5th–95th percentile rank interval and the
//! distribution of scores; [`Uncertainty::probability_above`] gives P(A ranks above B), and
//! [`rank_changes`] the probability that a year-over-year rank change has the observed sign.
//!
//! The tree is compiled once; each sample resets a reused scenario, draws its
//! inputs and recomputes only what they touch (a weights input re-aggregates from the cached
//! normalised leaves; sampling error renormalises the perturbed leaves and aggregates up).
//!
//! **Determinism.** Sample `s`'s draws for input `i` come from their own ChaCha8 stream keyed
//! by `(seed, s, i)`, and ln/exp/cos come from `libm`: the result is the same for a seed with
//! any number of threads, with or without the `parallel` feature, natively and in WebAssembly.
//!
//! ```
//! use chiso::uncertainty::{uncertainty, UncertainInput, UncertaintyOptions};
//! use chiso::{presets, CsvOptions, Dataset};
//! let csv = "unit,entry_costs,land_access,transparency,time_costs,informal_charges,policy_bias,\
//! proactivity,business_support,labor_policy,legal_institutions\n\
//! A,7,7,7,7,7,7,7,7,7,7\nB,9,9,5,9,9,9,9,5,5,9\nC,5,5,9,5,5,5,5,9,9,5\n";
//! let data = Dataset::from_csv_str(csv, &CsvOptions::default())?;
//! let inputs = [UncertainInput::Weights { pm: 0.2, groups: vec![] }];
//! let options = UncertaintyOptions { samples: 500, seed: 1 };
//! let result = uncertainty(&presets::get("pci")?, &data, Some(2016), &inputs, &options)?;
//! // C leads on the heavy sub-indices (weights 20, 20, 20 of 100) and stays first.
//! assert_eq!(result.units[2].nominal_rank, 1);
//! assert_eq!((result.units[2].rank_p05, result.units[2].rank_p95), (1.0, 1.0));
//! assert!(result.probability_above("C", "A")? == 1.0);
//! # Ok::<(), chiso::Error>(())
//! ```

mod inputs;
mod plan;
pub(crate) mod random;

use serde::Serialize;

pub use inputs::{ErrorSource, NodeError, UncertainInput, Z95};
pub use plan::{ErrorSpec, Exclude, InputsSpec};

use crate::data::Dataset;
use crate::diagnose::analysis_year;
use std::collections::BTreeMap;

use crate::engine::{members_of_year, Engine, Kind, Scenario, Work};
use crate::error::{ComputeError, DataError, Error};
use crate::rank::{rank_grouped, RankBuffer};
use crate::spec::IndexDefinition;
use crate::statistics::{mean, variance};
use inputs::{input_names, Resolved};
use random::{Block, Stream};

/// How many samples, from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UncertaintyOptions {
    /// Number of Monte Carlo samples (≥ 1).
    pub samples: usize,
    /// Seed: the same seed gives the same result everywhere.
    pub seed: u64,
}

impl Default for UncertaintyOptions {
    fn default() -> Self {
        UncertaintyOptions { samples: 1000, seed: 0 }
    }
}

/// The distribution of one unit's rank and score over the samples.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitUncertainty {
    /// Unit name.
    pub unit: String,
    /// Score with the nominal choices.
    pub nominal_score: f64,
    /// Rank with the nominal choices.
    pub nominal_rank: u32,
    /// Median rank over the samples (type-7 quantile, so possibly a half).
    pub rank_median: f64,
    /// 5th percentile of the rank (the better end of the interval).
    pub rank_p05: f64,
    /// 95th percentile of the rank.
    pub rank_p95: f64,
    /// Mean rank.
    pub rank_mean: f64,
    /// Best rank in any sample.
    pub rank_best: u32,
    /// Worst rank in any sample.
    pub rank_worst: u32,
    /// Mean score.
    pub score_mean: f64,
    /// Standard deviation of the score (0 with one sample).
    pub score_sd: f64,
    /// 5th percentile of the score.
    pub score_p05: f64,
    /// Median score.
    pub score_median: f64,
    /// 95th percentile of the score.
    pub score_p95: f64,
}

/// The result of [`uncertainty`]: per-unit summaries, and every sample's scores and ranks for
/// further questions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Uncertainty {
    /// Index id.
    pub index: String,
    /// The year analysed.
    pub year: Option<i32>,
    /// Number of samples.
    pub samples: usize,
    /// The seed.
    pub seed: u64,
    /// Names of the uncertain inputs, in plan order.
    pub inputs: Vec<String>,
    /// One entry per unit, in data order.
    pub units: Vec<UnitUncertainty>,
    /// Mean over the samples of the mean absolute rank shift from the nominal ranks.
    pub mean_rank_shift: f64,
    #[serde(skip)]
    scores: Vec<f64>,
    #[serde(skip)]
    ranks: Vec<u32>,
}

impl Uncertainty {
    /// Every sample's ranks, sample-major: `ranks()[s * units.len() + u]`.
    pub fn ranks(&self) -> &[u32] {
        &self.ranks
    }

    /// Every sample's scores, sample-major like [`Self::ranks`].
    pub fn scores(&self) -> &[f64] {
        &self.scores
    }

    fn unit_index(&self, unit: &str) -> Result<usize, Error> {
        let wanted = crate::data::normalise_unit(unit);
        self.units.iter().position(|u| u.unit == wanted).ok_or_else(|| {
            DataError::UnknownUnit { unit: unit.to_owned(), year: self.year, suggestions: Vec::new() }.into()
        })
    }

    /// The share of samples in which unit `a` ranks strictly above (better than) unit `b`.
    pub fn probability_above(&self, a: &str, b: &str) -> Result<f64, Error> {
        let (a, b) = (self.unit_index(a)?, self.unit_index(b)?);
        Ok(self.above(a, b))
    }

    fn above(&self, a: usize, b: usize) -> f64 {
        let n = self.units.len();
        let count = self.ranks.chunks_exact(n).filter(|r| r[a] < r[b]).count();
        count as f64 / self.samples as f64
    }

    /// `matrix[a][b]` = P(unit a ranks strictly above unit b), units in data order.
    pub fn above_matrix(&self) -> Vec<Vec<f64>> {
        let n = self.units.len();
        let mut counts = vec![vec![0u32; n]; n];
        for r in self.ranks.chunks_exact(n) {
            for (a, row) in counts.iter_mut().enumerate() {
                for (b, c) in row.iter_mut().enumerate() {
                    *c += u32::from(r[a] < r[b]);
                }
            }
        }
        counts.into_iter().map(|row| row.into_iter().map(|c| f64::from(c) / self.samples as f64).collect()).collect()
    }
}

/// A year's compiled pipeline and resolved inputs.
pub(crate) struct Prepared<'d> {
    pub(crate) index: String,
    pub(crate) engine: Engine<'d>,
    pub(crate) resolved: Vec<Resolved>,
    pub(crate) data_input: Vec<bool>,
    pub(crate) names: Vec<String>,
    /// Members with a nominal headline score (positions in the engine's members): the units
    /// analysed, as `score` ranks them.
    pub(crate) kept: Vec<usize>,
    /// Their names.
    pub(crate) units: Vec<String>,
    /// Rank groups over positions in `kept`.
    pub(crate) rank_groups: Vec<Vec<usize>>,
    pub(crate) nominal_ranks: Vec<u32>,
    pub(crate) nominal_scores: Vec<f64>,
}

impl<'d> Prepared<'d> {
    /// Compiles the year's pipeline (which validates the spec and data as `score` does) and
    /// resolves the inputs against it.
    pub(crate) fn new(
        definition: &IndexDefinition,
        data: &'d Dataset,
        year: Option<i32>,
        inputs: &[UncertainInput],
    ) -> Result<Prepared<'d>, Error> {
        let year = analysis_year(data, year)?;
        let spec = definition.resolve(year)?;
        let mut budget = data.limits().max_cells;
        let engine = Engine::compile(&spec, data, year, members_of_year(data, year), &mut budget, true, false)?;
        let root = engine.root_values_nominal();
        let kept: Vec<usize> = (0..engine.len()).filter(|&m| !root[m].is_nan()).collect();
        let mut position = vec![usize::MAX; engine.len()];
        for (k, &m) in kept.iter().enumerate() {
            position[m] = k;
        }
        let rank_groups: Vec<Vec<usize>> = engine
            .rank_groups
            .iter()
            .map(|g| g.iter().map(|&m| position[m]).filter(|&k| k != usize::MAX).collect())
            .collect();
        let nominal_scores: Vec<f64> = kept.iter().map(|&m| root[m]).collect();
        let mut nominal_ranks = vec![0; kept.len()];
        rank_grouped(
            &nominal_scores,
            &rank_groups,
            engine.direction,
            engine.rule,
            &mut RankBuffer::default(),
            &mut nominal_ranks,
        );
        let resolved = inputs.iter().map(|i| Resolved::new(i, &engine, data)).collect::<Result<Vec<_>, _>>()?;
        Ok(Prepared {
            index: definition.id().to_owned(),
            units: kept.iter().map(|&m| engine.units[m].clone()).collect(),
            engine,
            resolved,
            data_input: inputs.iter().map(UncertainInput::is_data).collect(),
            names: input_names(inputs),
            kept,
            rank_groups,
            nominal_ranks,
            nominal_scores,
        })
    }

    /// Draws run `r`'s inputs into `scenario` (reset first).
    fn draw(
        &self,
        r: usize,
        seed: u64,
        stream_of: &(dyn Fn(usize, usize) -> (Block, u64) + Sync),
        scenario: &mut Scenario,
    ) -> Result<(), Error> {
        let salt = self.engine.year.map_or(0, |y| y as i64 as u64 ^ 0x5945_4152); // "YEAR"
        scenario.reset(&self.engine);
        for (i, input) in self.resolved.iter().enumerate() {
            let (block, row) = stream_of(r, i);
            let salt = if self.data_input[i] { salt } else { 0 };
            let mut stream = Stream::new(seed, block, row, i as u64, salt);
            input.draw(&self.engine, scenario, &mut stream)?;
        }
        Ok(())
    }

    /// Runs `runs` samples: run `r` draws input `i` from stream `stream_of(r, i)`.
    /// Returns (scores, ranks), run-major.
    pub(crate) fn run(
        &self,
        runs: usize,
        seed: u64,
        stream_of: &(dyn Fn(usize, usize) -> (Block, u64) + Sync),
    ) -> Result<(Vec<f64>, Vec<u32>), Error> {
        let n = self.kept.len();
        let mut scores = vec![0.0; runs * n];
        let mut ranks = vec![0u32; runs * n];
        let chunk = |first: usize, scores: &mut [f64], ranks: &mut [u32]| -> Result<(), (usize, Error)> {
            let mut scenario = Scenario::nominal(&self.engine);
            let mut work = Work::new(&self.engine);
            for (k, (s_out, r_out)) in scores.chunks_exact_mut(n).zip(ranks.chunks_exact_mut(n)).enumerate() {
                let r = first + k;
                self.draw(r, seed, stream_of, &mut scenario).map_err(|e| (r, e))?;
                self.engine.evaluate(&scenario, &mut work).map_err(|e| (r, e))?;
                let root = self.engine.root_values(&work);
                for ((out, &m), unit) in s_out.iter_mut().zip(&self.kept).zip(&self.units) {
                    *out = root[m];
                    if out.is_nan() {
                        let message = format!(
                            "unit '{unit}' has no headline score in sample {}: the sample's choices ({}) leave it too few components with data",
                            r + 1,
                            self.names.join(", ")
                        );
                        return Err((r, ComputeError::InvalidTarget { message }.into()));
                    }
                }
                let engine = &self.engine;
                rank_grouped(s_out, &self.rank_groups, engine.direction, engine.rule, &mut work.ranks, r_out);
            }
            Ok(())
        };
        for_each_chunk(n, &mut scores, &mut ranks, &chunk)?;
        Ok((scores, ranks))
    }

    /// Per-unit summaries of runs (run-major scores and ranks of `runs` runs). Rank
    /// quantiles come from a histogram of the integer ranks and score quantiles from
    /// selection, both exactly the type-7 quantiles of the sorted values.
    pub(crate) fn summarise(&self, scores: &[f64], ranks: &[u32], runs: usize) -> Vec<UnitUncertainty> {
        let n = self.kept.len();
        let nominal = &self.nominal_scores;
        par_map(n, &|u| {
            let mut histogram = vec![0usize; n + 2];
            let mut x: Vec<f64> = Vec::with_capacity(runs);
            let mut rank_sum = 0.0;
            for s in 0..runs {
                let r = ranks[s * n + u] as usize;
                histogram[r.min(n + 1)] += 1;
                rank_sum += r as f64;
                x.push(scores[s * n + u]);
            }
            let score_mean = mean(&x);
            let score_sd = if runs > 1 { variance(&x).max(0.0).sqrt() } else { 0.0 };
            let rank_at = |k: usize| -> f64 {
                let mut seen = 0;
                for (r, &c) in histogram.iter().enumerate() {
                    seen += c;
                    if seen > k {
                        return r as f64;
                    }
                }
                (n + 1) as f64
            };
            let rank_quantile = |p: f64| {
                let h = (runs - 1) as f64 * p;
                let lo = h.floor() as usize;
                let (a, b) = (rank_at(lo), rank_at((lo + 1).min(runs - 1)));
                a + (h - lo as f64) * (b - a)
            };
            let score_quantile = |x: &mut Vec<f64>, p: f64| {
                let h = (runs - 1) as f64 * p;
                let lo = h.floor() as usize;
                let (_, &mut a, right) = x.select_nth_unstable_by(lo, f64::total_cmp);
                let b = right.iter().copied().fold(f64::INFINITY, f64::min);
                let b = if lo + 1 < runs { b } else { a };
                a + (h - lo as f64) * (b - a)
            };
            UnitUncertainty {
                unit: self.units[u].clone(),
                nominal_score: nominal[u],
                nominal_rank: self.nominal_ranks[u],
                rank_median: rank_quantile(0.5),
                rank_p05: rank_quantile(0.05),
                rank_p95: rank_quantile(0.95),
                rank_mean: rank_sum / runs as f64,
                rank_best: rank_at(0) as u32,
                rank_worst: rank_at(runs - 1) as u32,
                score_mean,
                score_sd,
                score_p05: score_quantile(&mut x, 0.05),
                score_median: score_quantile(&mut x, 0.5),
                score_p95: score_quantile(&mut x, 0.95),
            }
        })
    }

    /// Mean absolute rank shift from the nominal ranks, per run.
    pub(crate) fn rank_shifts(&self, ranks: &[u32]) -> Vec<f64> {
        let n = self.kept.len();
        ranks
            .chunks_exact(n)
            .map(|r| r.iter().zip(&self.nominal_ranks).map(|(a, b)| f64::from(a.abs_diff(*b))).sum::<f64>() / n as f64)
            .collect()
    }
}

/// Runs per chunk of work: small enough to balance two to dozens of threads, large enough
/// that a chunk's buffers are reused many times.
const CHUNK: usize = 16;

/// Evaluates the runs of one chunk: `(first run, scores, ranks)`, or the failing run's error.
type ChunkFn<'a> = dyn Fn(usize, &mut [f64], &mut [u32]) -> Result<(), (usize, Error)> + Sync + 'a;

/// Calls `chunk(first_run, scores, ranks)` on consecutive chunks of runs, in parallel with
/// the `parallel` feature; the error of the earliest failing run wins, whatever the order.
fn for_each_chunk(n: usize, scores: &mut [f64], ranks: &mut [u32], chunk: &ChunkFn<'_>) -> Result<(), Error> {
    let size = CHUNK * n.max(1);
    #[cfg(feature = "parallel")]
    let results: Vec<Result<(), (usize, Error)>> = {
        use rayon::prelude::*;
        scores
            .par_chunks_mut(size)
            .zip(ranks.par_chunks_mut(size))
            .enumerate()
            .map(|(c, (s, r))| chunk(c * CHUNK, s, r))
            .collect()
    };
    #[cfg(not(feature = "parallel"))]
    let results: Vec<Result<(), (usize, Error)>> = scores
        .chunks_mut(size)
        .zip(ranks.chunks_mut(size))
        .enumerate()
        .map(|(c, (s, r))| chunk(c * CHUNK, s, r))
        .collect();
    match results.into_iter().filter_map(Result::err).min_by_key(|(run, _)| *run) {
        Some((_, e)) => Err(e),
        None => Ok(()),
    }
}

fn check_samples(samples: usize) -> Result<(), Error> {
    if samples == 0 {
        return Err(ComputeError::InvalidTarget { message: "the number of samples must be at least 1".into() }.into());
    }
    Ok(())
}

/// Runs `options.samples` samples of `inputs` through the index of `year` (the data's only
/// year when `None`) and summarises each unit's ranks and scores.
pub fn uncertainty(
    definition: &IndexDefinition,
    data: &Dataset,
    year: Option<i32>,
    inputs: &[UncertainInput],
    options: &UncertaintyOptions,
) -> Result<Uncertainty, Error> {
    check_samples(options.samples)?;
    let prepared = Prepared::new(definition, data, year, inputs)?;
    uncertainty_prepared(&prepared, options)
}

fn uncertainty_prepared(prepared: &Prepared<'_>, options: &UncertaintyOptions) -> Result<Uncertainty, Error> {
    let (scores, ranks) = prepared.run(options.samples, options.seed, &|r, _| (Block::A, r as u64))?;
    let units = prepared.summarise(&scores, &ranks, options.samples);
    let shifts = prepared.rank_shifts(&ranks);
    Ok(Uncertainty {
        index: prepared.index.clone(),
        year: prepared.engine.year,
        samples: options.samples,
        seed: options.seed,
        inputs: prepared.names.clone(),
        units,
        mean_rank_shift: mean(&shifts),
        scores,
        ranks,
    })
}

/// The choices one sample of [`uncertainty`] made, to inspect a sample or to reproduce it by
/// scoring a spec edited to match (the weights and methods are the spec's own fields).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SampleChoices {
    /// Sample number (0-based), as in [`Uncertainty::ranks`].
    pub sample: usize,
    /// The weight of every node whose weight differs from the nominal one.
    pub weights: BTreeMap<String, f64>,
    /// The aggregation method of every group whose method differs from the nominal one.
    pub aggregation: BTreeMap<String, String>,
    /// The normalisation method (its name) of every leaf whose method differs.
    pub normalisation: BTreeMap<String, String>,
    /// Nodes left out of their group.
    pub excluded: Vec<String>,
    /// Leaves whose raw values were redrawn (sampling error).
    pub perturbed: Vec<String>,
}

/// The choices that samples `which` (0-based) of [`uncertainty`] with the same arguments make.
///
/// ```
/// use chiso::uncertainty::{sample_choices, uncertainty, UncertainInput, UncertaintyOptions};
/// use chiso::{presets, CsvOptions, Dataset};
/// let csv = "unit,entry_costs,land_access,transparency,time_costs,informal_charges,policy_bias,\
/// proactivity,business_support,labor_policy,legal_institutions\n\
/// A,7,7,7,7,7,7,7,7,7,7\nB,9,9,5,9,9,9,9,5,5,9\n";
/// let data = Dataset::from_csv_str(csv, &CsvOptions::default())?;
/// let inputs = [UncertainInput::Weights { pm: 0.2, groups: vec![] }];
/// let options = UncertaintyOptions { samples: 10, seed: 7 };
/// let choices = sample_choices(&presets::get("pci")?, &data, Some(2016), &inputs, &options, &[3])?;
/// assert_eq!(choices[0].weights.len(), 10); // every sub-index weight was drawn
/// assert!(choices[0].weights.values().all(|w| *w > 0.0));
/// # Ok::<(), chiso::Error>(())
/// ```
pub fn sample_choices(
    definition: &IndexDefinition,
    data: &Dataset,
    year: Option<i32>,
    inputs: &[UncertainInput],
    options: &UncertaintyOptions,
    which: &[usize],
) -> Result<Vec<SampleChoices>, Error> {
    check_samples(options.samples)?;
    let prepared = Prepared::new(definition, data, year, inputs)?;
    let engine = &prepared.engine;
    let mut scenario = Scenario::nominal(engine);
    let mut out = Vec::with_capacity(which.len());
    for &sample in which {
        if sample >= options.samples {
            let message = format!("sample {sample} does not exist: samples are numbered 0 to {}", options.samples - 1);
            return Err(ComputeError::InvalidTarget { message }.into());
        }
        prepared.draw(sample, options.seed, &|r, _| (Block::A, r as u64), &mut scenario)?;
        let ids = |keep: &dyn Fn(usize) -> bool| -> Vec<String> {
            (0..engine.ids.len()).filter(|&n| keep(n)).map(|n| engine.ids[n].clone()).collect()
        };
        let mut choices = SampleChoices {
            sample,
            weights: BTreeMap::new(),
            aggregation: BTreeMap::new(),
            normalisation: BTreeMap::new(),
            excluded: ids(&|n| scenario.excluded[n]),
            perturbed: ids(&|n| scenario.noisy[n]),
        };
        for (n, kind) in engine.kinds.iter().enumerate() {
            let id = engine.ids[n].clone();
            if scenario.weight[n] != engine.weight[n] {
                choices.weights.insert(id.clone(), scenario.weight[n]);
            }
            match kind {
                Kind::Group { method, .. } if scenario.method[n] != *method => {
                    choices.aggregation.insert(id, scenario.method[n].name().to_owned());
                }
                Kind::Leaf { normalise, .. } if scenario.normalise[n] != *normalise => {
                    choices.normalisation.insert(id, scenario.normalise[n].name().to_owned());
                }
                _ => {}
            }
        }
        out.push(choices);
    }
    Ok(out)
}

/// One unit's rank change between two years, with both years' rank intervals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankChange {
    /// Unit name.
    pub unit: String,
    /// Nominal rank in the first year.
    pub rank_from: u32,
    /// Nominal rank in the second year.
    pub rank_to: u32,
    /// Places gained, `rank_from − rank_to` (positive = moved up).
    pub change: i64,
    /// 5th–95th percentile rank interval in the first year.
    pub from_p05: f64,
    /// Upper end of the first year's interval.
    pub from_p95: f64,
    /// 5th–95th percentile rank interval in the second year.
    pub to_p05: f64,
    /// Upper end of the second year's interval.
    pub to_p95: f64,
    /// Share of samples in which the change has the observed sign (up, down, or none).
    pub p_same_sign: f64,
    /// The first year's nominal rank lies outside the second year's 5–95 % interval.
    pub outside_interval: bool,
    /// The two years' 5–95 % intervals do not overlap.
    pub disjoint: bool,
    /// What a unit mapping says about the unit (renamed, absorbed, …), with
    /// [`rank_changes_mapped`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The result of [`rank_changes`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankChanges {
    /// Index id.
    pub index: String,
    /// First year.
    pub from: i32,
    /// Second year.
    pub to: i32,
    /// Samples per year.
    pub samples: usize,
    /// The seed.
    pub seed: u64,
    /// Names of the uncertain inputs.
    pub inputs: Vec<String>,
    /// Units present in both years, in the second year's data order.
    pub changes: Vec<RankChange>,
    /// Units present in the first year only.
    pub only_from: Vec<String>,
    /// Units present in the second year only.
    pub only_to: Vec<String>,
    /// Number of units whose nominal rank changed.
    pub moved: usize,
    /// Of those, how many have the first year's rank outside the second year's interval.
    pub moved_outside_interval: usize,
    /// Of those, how many have disjoint intervals in the two years.
    pub moved_disjoint: usize,
    /// Of those, how many keep the sign of their change in at least 95 % of the samples.
    pub moved_sign_95: usize,
}

/// The rank change of every unit from `from` to `to`, with each year's rank interval and the
/// probability that the change has the observed sign.
///
/// Both years are sampled with the same seed: a methodological input (weights, methods,
/// exclusion) draws the same numbers in both years — the index's choices are one choice for
/// both editions — while sampling error is drawn independently per year.
pub fn rank_changes(
    definition: &IndexDefinition,
    data: &Dataset,
    from: i32,
    to: i32,
    inputs: &[UncertainInput],
    options: &UncertaintyOptions,
) -> Result<RankChanges, Error> {
    rank_changes_mapped(definition, data, from, to, inputs, options, None)
}

/// [`rank_changes`] through a unit mapping (e.g. [`crate::UnitMapping::vietnam_provinces`]):
/// a renamed unit, or the absorbing side of a merger, is compared with its predecessor (as
/// [`crate::compare_mapped`] matches them), and a unit merged away is listed in `only_from`.
pub fn rank_changes_mapped(
    definition: &IndexDefinition,
    data: &Dataset,
    from: i32,
    to: i32,
    inputs: &[UncertainInput],
    options: &UncertaintyOptions,
    mapping: Option<&crate::UnitMapping>,
) -> Result<RankChanges, Error> {
    use std::collections::HashMap;
    check_samples(options.samples)?;
    let before = Prepared::new(definition, data, Some(from), inputs)?;
    let after = Prepared::new(definition, data, Some(to), inputs)?;
    let a = uncertainty_prepared(&before, options)?;
    let b = uncertainty_prepared(&after, options)?;
    let (na, nb) = (a.units.len(), b.units.len());
    // The second year's name of each first-year unit (hashed: linear in units).
    let mut earlier: HashMap<String, (usize, Option<String>)> = HashMap::with_capacity(na);
    for (i, ua) in a.units.iter().enumerate() {
        match mapping.filter(|_| from < to).map(|m| m.successor(&ua.unit, from, to)) {
            None => {
                earlier.insert(ua.unit.clone(), (i, None));
            }
            Some(crate::units::Successor::Continues { name, note }) => {
                earlier.insert(name, (i, note));
            }
            Some(crate::units::Successor::MergedInto { .. }) => {}
        }
    }
    let mut matched = vec![false; na];
    let mut changes = Vec::new();
    let mut only_to = Vec::new();
    for (j, ub) in b.units.iter().enumerate() {
        let Some((i, note)) = earlier.get(&ub.unit) else {
            only_to.push(ub.unit.clone());
            continue;
        };
        let (i, note) = (*i, note.clone());
        matched[i] = true;
        let ua = &a.units[i];
        let change = i64::from(ua.nominal_rank) - i64::from(ub.nominal_rank);
        let same = (0..options.samples)
            .filter(|&s| {
                let c = i64::from(a.ranks[s * na + i]) - i64::from(b.ranks[s * nb + j]);
                c.signum() == change.signum()
            })
            .count();
        let from_rank = f64::from(ua.nominal_rank);
        changes.push(RankChange {
            unit: ub.unit.clone(),
            rank_from: ua.nominal_rank,
            rank_to: ub.nominal_rank,
            change,
            from_p05: ua.rank_p05,
            from_p95: ua.rank_p95,
            to_p05: ub.rank_p05,
            to_p95: ub.rank_p95,
            p_same_sign: same as f64 / options.samples as f64,
            outside_interval: from_rank < ub.rank_p05 || from_rank > ub.rank_p95,
            disjoint: ua.rank_p95 < ub.rank_p05 || ub.rank_p95 < ua.rank_p05,
            note,
        });
    }
    let only_from = a.units.iter().zip(&matched).filter(|(_, m)| !**m).map(|(u, _)| u.unit.clone()).collect();
    let moved: Vec<&RankChange> = changes.iter().filter(|c| c.change != 0).collect();
    Ok(RankChanges {
        index: before.index.clone(),
        from,
        to,
        samples: options.samples,
        seed: options.seed,
        inputs: before.names.clone(),
        moved: moved.len(),
        moved_outside_interval: moved.iter().filter(|c| c.outside_interval).count(),
        moved_disjoint: moved.iter().filter(|c| c.disjoint).count(),
        moved_sign_95: moved.iter().filter(|c| c.p_same_sign >= 0.95).count(),
        changes,
        only_from,
        only_to,
    })
}

/// `f(0), …, f(count − 1)` in order, computed in parallel with the `parallel` feature.
pub(crate) fn par_map<T: Send>(count: usize, f: &(dyn Fn(usize) -> T + Sync)) -> Vec<T> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        (0..count).into_par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        (0..count).map(f).collect()
    }
}

/// `f(state, 0), …, f(state, count − 1)` in order, with one `init()` state per thread (one in
/// all without the `parallel` feature).
pub(crate) fn par_map_with<T: Send, S>(
    count: usize,
    init: impl Fn() -> S + Sync + Send,
    f: &(dyn Fn(&mut S, usize) -> T + Sync),
) -> Vec<T> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        (0..count).into_par_iter().map_init(init, f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        let mut state = init();
        (0..count).map(|k| f(&mut state, k)).collect()
    }
}
