//! Survey aggregation: respondent-level answers → one value per unit and indicator, with
//! confidence intervals, ready for the index pipeline.
//!
//! PAPI, SIPAS, DGI and DDCI all start from questionnaires. A [`SurveySpec`] says which
//! column holds the unit, the optional year, weight and cluster (village, commune), which
//! answer codes mean "no answer", and for each indicator the question and the statistic:
//!
//! - `share`: the weighted share of valid answers among `success` codes (top-two-box of a
//!   five-level scale: `success = [4, 5]`);
//! - `mean`: the weighted mean of the valid answers.
//!
//! **Estimator.** With weights wᵢ and values yᵢ (0/1 for a share) of the valid answers of a
//! unit, the estimate is the ratio ȳ = Σwᵢyᵢ / Σwᵢ (PAPI's post-stratified weighted mean).
//! Its variance is the Taylor linearisation of a ratio under with-replacement sampling of
//! clusters within the unit (the unit is the stratum, the cluster the primary sampling unit;
//! R's `survey::svymean` with `ids = ~cluster`):
//! zᵢ = wᵢ(yᵢ − ȳ)/Σw, z_c = Σ_{i∈c} zᵢ, V = m/(m − 1) Σ_c (z_c − z̄)² over the m clusters.
//! Without a cluster column every respondent is its own cluster; with equal weights V is
//! then s²/n. The normal interval is ȳ ± z₁₋α/₂·√V (clipped to 0–100 % for a share). Kish's effective sample size
//! (Σw)²/Σw² is reported to show how much the weights cost.
//!
//! **Bootstrap.** Within each unit (and year), the m clusters are drawn with replacement m
//! times (respondents when there is no cluster) and every indicator is recomputed on the same
//! draw, so the replicates keep the correlation between indicators and can be pushed through
//! the index ([`SurveyResult::replicate_dataset`]). The interval is the percentile interval.
//! A ChaCha8 generator seeded with `seed`, one stream per unit, makes results reproducible
//! and independent of the order of the rows.
//!
//! Units with fewer valid answers than `min_respondents`, a single cluster, or no valid answer
//! at all get a warning (and no interval, or no value), never an error.

use std::collections::BTreeMap;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::data::{normalise_unit, parse_number, Dataset};
use crate::error::{DataError, Error, SpecError};

/// How the answers of a question become an indicator value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyIndicator {
    /// Indicator id: the column name in the output dataset (a node id of the index).
    pub id: String,
    /// Column of the answers in the microdata.
    pub question: String,
    /// `share` (weighted share of `success` answers) or `mean` (weighted mean).
    pub statistic: String,
    /// `share`: the answer codes counted as success (e.g. `[4, 5]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub success: Vec<f64>,
    /// Only these codes are valid answers (others are excluded like no-answer codes);
    /// empty: every code not in `missing_codes` is valid.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub valid: Vec<f64>,
    /// Multiply the result by this (e.g. 100 for a percentage; default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiplier: Option<f64>,
}

/// Bootstrap settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BootstrapFile {
    /// Number of replicates (0 turns the bootstrap off; default 1000).
    #[serde(default = "default_replicates")]
    pub replicates: u32,
    /// Seed of the random generator (default 1).
    #[serde(default = "default_seed")]
    pub seed: u64,
}

fn default_replicates() -> u32 {
    1000
}
fn default_seed() -> u64 {
    1
}

impl Default for BootstrapFile {
    fn default() -> Self {
        BootstrapFile { replicates: default_replicates(), seed: default_seed() }
    }
}

/// A survey aggregation spec (TOML or JSON), see `docs/spec.md` ("Survey aggregation").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveySpec {
    /// Column of the unit (default `unit`).
    #[serde(default = "default_unit")]
    pub unit_column: String,
    /// Column of the year, if the microdata has several years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_column: Option<String>,
    /// Column of the survey weight (default: every respondent weighs 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_column: Option<String>,
    /// Column of the cluster (village, commune); default: respondents are independent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_column: Option<String>,
    /// Answer codes meaning "no answer" / "don't know", excluded everywhere (e.g. `[9, 99]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_codes: Vec<f64>,
    /// Fewer valid answers than this in a unit gives a warning (default 30).
    #[serde(default = "default_min_respondents")]
    pub min_respondents: u32,
    /// Confidence level of the intervals (default 0.95).
    #[serde(default = "default_confidence")]
    pub confidence: f64,
    /// Bootstrap settings.
    #[serde(default)]
    pub bootstrap: BootstrapFile,
    /// The indicators.
    pub indicators: Vec<SurveyIndicator>,
}

fn default_unit() -> String {
    "unit".into()
}
fn default_min_respondents() -> u32 {
    30
}
fn default_confidence() -> f64 {
    0.95
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Statistic {
    Share,
    Mean,
}

impl SurveySpec {
    /// Reads a TOML spec (with the default `toml` feature).
    #[cfg(feature = "toml")]
    pub fn from_toml(text: &str) -> Result<Self, SpecError> {
        let spec: SurveySpec = toml::from_str(text)
            .map_err(|e| SpecError::Parse { format: "toml", message: e.to_string().trim().to_owned() })?;
        spec.validate()?;
        Ok(spec)
    }

    /// Reads a JSON spec.
    pub fn from_json(text: &str) -> Result<Self, SpecError> {
        let spec: SurveySpec =
            serde_json::from_str(text).map_err(|e| SpecError::Parse { format: "json", message: e.to_string() })?;
        spec.validate()?;
        Ok(spec)
    }

    /// Reads a spec, JSON when the text starts with `{`, else TOML.
    pub fn from_text(text: &str) -> Result<Self, SpecError> {
        if text.trim_start().starts_with('{') {
            return Self::from_json(text);
        }
        #[cfg(feature = "toml")]
        return Self::from_toml(text);
        #[cfg(not(feature = "toml"))]
        Err(SpecError::Parse {
            format: "toml",
            message: "this build of chiso reads JSON survey specifications only".into(),
        })
    }

    fn statistic(ind: &SurveyIndicator) -> Result<Statistic, SpecError> {
        match ind.statistic.as_str() {
            "share" => Ok(Statistic::Share),
            "mean" => Ok(Statistic::Mean),
            other => Err(SpecError::UnknownMethod {
                node: ind.id.clone(),
                kind: "survey statistic",
                method: other.to_owned(),
                expected: "share, mean",
            }),
        }
    }

    /// Checks the spec: known statistics, success codes for shares, a sensible confidence.
    pub fn validate(&self) -> Result<(), SpecError> {
        let bad = |node: &str, message: String| SpecError::InvalidParameter { node: node.to_owned(), message };
        if self.indicators.is_empty() {
            return Err(bad("survey", "the survey spec has no indicators".into()));
        }
        if !(self.confidence > 0.5 && self.confidence < 1.0) {
            return Err(bad("survey", format!("confidence {} must lie between 0.5 and 1", self.confidence)));
        }
        let mut seen = std::collections::HashSet::new();
        for ind in &self.indicators {
            if !seen.insert(ind.id.as_str()) {
                return Err(SpecError::DuplicateId { id: ind.id.clone() });
            }
            let stat = Self::statistic(ind)?;
            if stat == Statistic::Share && ind.success.is_empty() {
                return Err(bad(&ind.id, "a share needs 'success' codes, e.g. success = [4, 5]".into()));
            }
            if stat == Statistic::Mean && !ind.success.is_empty() {
                return Err(bad(&ind.id, "'success' applies to statistic = \"share\", not to a mean".into()));
            }
            if ind.multiplier.is_some_and(|m| !m.is_finite() || m == 0.0) {
                return Err(bad(&ind.id, "the multiplier must be a finite number other than 0".into()));
            }
        }
        Ok(())
    }
}

/// The estimate of one indicator for one unit (and year).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimate {
    /// Unit (NFC).
    pub unit: String,
    /// Year, when the spec has a year column.
    pub year: Option<i32>,
    /// Indicator id.
    pub indicator: String,
    /// Weighted share or mean (times the multiplier); `None` without a valid answer.
    pub value: Option<f64>,
    /// Valid answers.
    pub n: usize,
    /// Clusters with a valid answer.
    pub clusters: usize,
    /// Kish effective sample size (Σw)²/Σw².
    pub effective_n: f64,
    /// Linearised standard error (`None` with fewer than two clusters).
    pub se: Option<f64>,
    /// Normal-approximation interval.
    pub normal: Option<(f64, f64)>,
    /// Bootstrap percentile interval.
    pub bootstrap: Option<(f64, f64)>,
}

/// The result of [`aggregate_survey`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveyResult {
    /// Indicator ids, in spec order.
    pub indicators: Vec<String>,
    /// (unit, year) keys, sorted by year then unit.
    pub units: Vec<(String, Option<i32>)>,
    /// Estimates, `units.len() × indicators.len()`, unit-major.
    pub estimates: Vec<Estimate>,
    /// Warnings in words (few respondents, single cluster, no valid answer).
    pub warnings: Vec<String>,
    /// Bootstrap replicates `[unit][replicate][indicator]` (NaN: no valid answer in that draw).
    #[serde(skip)]
    pub replicates: Vec<Vec<Vec<f64>>>,
}

impl SurveyResult {
    /// The estimates as a dataset (unit, year, one column per indicator), to score with an index.
    pub fn to_dataset(&self) -> Result<Dataset, DataError> {
        let k = self.indicators.len();
        let columns: Vec<Vec<Option<f64>>> =
            (0..k).map(|j| (0..self.units.len()).map(|u| self.estimates[u * k + j].value).collect()).collect();
        self.dataset_with(columns)
    }

    /// Bootstrap replicate `b` as a dataset (same layout as [`Self::to_dataset`]): score each
    /// replicate with the index to get intervals for every node.
    ///
    /// A unit without replicates (a single cluster, already in the warnings) keeps its point
    /// estimate in every replicate, so the others can still be scored; its own interval is
    /// then degenerate, not a measure of its uncertainty.
    pub fn replicate_dataset(&self, b: usize) -> Result<Dataset, DataError> {
        let k = self.indicators.len();
        let columns: Vec<Vec<Option<f64>>> = (0..k)
            .map(|j| {
                (0..self.units.len())
                    .map(|u| match self.replicates.get(u).and_then(|r| r.get(b)) {
                        Some(r) => Some(r[j]).filter(|v| !v.is_nan()),
                        None => self.estimates[u * k + j].value,
                    })
                    .collect()
            })
            .collect();
        self.dataset_with(columns)
    }

    /// Number of bootstrap replicates kept.
    pub fn replicate_count(&self) -> usize {
        self.replicates.first().map_or(0, Vec::len)
    }

    fn dataset_with(&self, columns: Vec<Vec<Option<f64>>>) -> Result<Dataset, DataError> {
        let units: Vec<String> = self.units.iter().map(|(u, _)| u.clone()).collect();
        let years = self.units.iter().map(|(_, y)| *y).collect::<Option<Vec<i32>>>();
        let mut data = Dataset::new(units, years)?;
        for (id, values) in self.indicators.iter().zip(columns) {
            data.add_column(id, values)?;
        }
        Ok(data)
    }
}

/// A unit's respondents and its cluster ids by name.
type UnitRespondents = (Vec<Respondent>, BTreeMap<String, usize>);

/// One respondent's row, after parsing.
struct Respondent {
    cluster: usize,
    weight: f64,
    /// Per indicator: `Some(y)` for a valid answer (0/1 for a share), `None` otherwise.
    answers: Vec<Option<f64>>,
}

fn sniff(header: &str) -> u8 {
    let count = |c: char| header.matches(c).count();
    if count(';') > count(',') && count(';') >= count('\t') {
        b';'
    } else if count('\t') > count(',') {
        b'\t'
    } else {
        b','
    }
}

/// Reads microdata CSV text (`,` with `.` decimals, or `;`/tab with `.` or `,` decimals) and
/// aggregates it under `spec`.
pub fn aggregate_survey_csv(spec: &SurveySpec, text: &str) -> Result<SurveyResult, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header_line = text.lines().find(|l| !l.trim().is_empty()).ok_or(DataError::NoRows)?;
    let delimiter = sniff(header_line);
    let decimal_comma = delimiter != b',';
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(text.as_bytes());
    let csv_error =
        |e: csv::Error| DataError::Csv { line: e.position().map_or(0, |p| p.line() as usize), message: e.to_string() };
    let header: Vec<String> = reader.headers().map_err(csv_error)?.iter().map(|h| h.trim().nfc().collect()).collect();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        rows.push(record.iter().map(str::to_owned).collect());
    }
    let table = Table { header, rows, decimal_comma };
    aggregate_table(spec, &table)
}

/// Microdata as text cells with a header.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    decimal_comma: bool,
}

impl Table {
    fn column(&self, name: &str, role: &str) -> Result<usize, DataError> {
        self.header.iter().position(|h| h == name).ok_or_else(|| DataError::MissingColumn {
            column: name.to_owned(),
            hint: Some(format!("the {role} column named in the survey spec")),
        })
    }
    fn cell(&self, row: usize, col: usize) -> &str {
        self.rows[row].get(col).map_or("", String::as_str)
    }
    fn number(&self, row: usize, col: usize) -> Result<Option<f64>, DataError> {
        let text = self.cell(row, col);
        parse_number(text, self.decimal_comma).map_err(|reason| DataError::BadNumber {
            row: row + 1,
            unit: None,
            column: self.header[col].clone(),
            text: text.to_owned(),
            reason,
        })
    }
}

fn contains(codes: &[f64], value: f64) -> bool {
    codes.iter().any(|&c| (c - value).abs() < 1e-9)
}

fn aggregate_table(spec: &SurveySpec, table: &Table) -> Result<SurveyResult, Error> {
    spec.validate()?;
    let unit_col = table.column(&spec.unit_column, "unit")?;
    let year_col = spec.year_column.as_deref().map(|c| table.column(c, "year")).transpose()?;
    let weight_col = spec.weight_column.as_deref().map(|c| table.column(c, "weight")).transpose()?;
    let cluster_col = spec.cluster_column.as_deref().map(|c| table.column(c, "cluster")).transpose()?;
    let stats: Vec<Statistic> = spec.indicators.iter().map(SurveySpec::statistic).collect::<Result<_, _>>()?;
    let question_cols: Vec<usize> =
        spec.indicators.iter().map(|i| table.column(&i.question, "question")).collect::<Result<_, _>>()?;

    let mut groups: BTreeMap<(Option<i32>, String), UnitRespondents> = BTreeMap::new();
    for row in 0..table.rows.len() {
        let unit = normalise_unit(table.cell(row, unit_col));
        if unit.is_empty() {
            return Err(DataError::EmptyUnit { row: row + 1, column: spec.unit_column.clone() }.into());
        }
        let year =
            match year_col {
                Some(c) => {
                    let text = table.cell(row, c).trim();
                    let year = text.strip_suffix(".0").unwrap_or(text).parse::<i32>().map_err(|_| {
                        DataError::BadYear { row: row + 1, column: table.header[c].clone(), text: text.to_owned() }
                    })?;
                    Some(year)
                }
                None => None,
            };
        let weight = match weight_col {
            Some(c) => match table.number(row, c)? {
                Some(w) if w > 0.0 => w,
                // A respondent without a positive weight cannot contribute; say so.
                other => {
                    return Err(DataError::InvalidValue {
                        row: row + 1,
                        unit: Some(unit),
                        column: table.header[c].clone(),
                        value: other.unwrap_or(f64::NAN),
                        expected: "weights must be positive numbers",
                    }
                    .into())
                }
            },
            None => 1.0,
        };
        let mut answers = Vec::with_capacity(spec.indicators.len());
        for ((ind, &stat), &col) in spec.indicators.iter().zip(&stats).zip(&question_cols) {
            let value = table.number(row, col)?;
            let y = value
                .filter(|&v| !contains(&spec.missing_codes, v) && (ind.valid.is_empty() || contains(&ind.valid, v)));
            answers.push(y.map(|v| match stat {
                Statistic::Share => f64::from(u8::from(contains(&ind.success, v))),
                Statistic::Mean => v,
            }));
        }
        let entry = groups.entry((year, unit)).or_default();
        let cluster_key = match cluster_col {
            Some(c) => table.cell(row, c).trim().nfc().collect::<String>(),
            None => format!("#{row}"),
        };
        let next = entry.1.len();
        let cluster = *entry.1.entry(cluster_key).or_insert(next);
        entry.0.push(Respondent { cluster, weight, answers });
    }
    if groups.is_empty() {
        return Err(DataError::NoRows.into());
    }

    let z = normal_quantile(0.5 + spec.confidence / 2.0);
    let k = spec.indicators.len();
    let mut result = SurveyResult {
        indicators: spec.indicators.iter().map(|i| i.id.clone()).collect(),
        units: Vec::with_capacity(groups.len()),
        estimates: Vec::with_capacity(groups.len() * k),
        warnings: Vec::new(),
        replicates: Vec::with_capacity(groups.len()),
    };
    for (u, ((year, unit), (respondents, clusters))) in groups.into_iter().enumerate() {
        let where_ = match year {
            Some(y) => format!("unit '{unit}' in {y}"),
            None => format!("unit '{unit}'"),
        };
        let m = clusters.len();
        // Respondents of each cluster, for resampling.
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); m];
        for (i, r) in respondents.iter().enumerate() {
            members[r.cluster].push(i);
        }
        for (j, ind) in spec.indicators.iter().enumerate() {
            let factor = ind.multiplier.unwrap_or(1.0);
            let est = estimate(&respondents, j, m);
            let mut e = Estimate {
                unit: unit.clone(),
                year,
                indicator: ind.id.clone(),
                value: est.value.map(|v| v * factor),
                n: est.n,
                clusters: est.clusters,
                effective_n: est.effective_n,
                se: est.se.map(|s| s * factor.abs()),
                normal: None,
                bootstrap: None,
            };
            if let (Some(v), Some(se)) = (e.value, e.se) {
                let (lo, hi) = (v - z * se, v + z * se);
                // A share cannot leave 0..multiplier: clip the interval there.
                e.normal = Some(match stats[j] {
                    Statistic::Share => {
                        let (a, b) = if factor > 0.0 { (0.0, factor) } else { (factor, 0.0) };
                        (lo.clamp(a, b), hi.clamp(a, b))
                    }
                    Statistic::Mean => (lo, hi),
                });
            }
            if est.n == 0 {
                result
                    .warnings
                    .push(format!("{where_}, indicator '{}': no valid answer; the value is missing", ind.id));
            } else if (est.n as u32) < spec.min_respondents {
                result.warnings.push(format!(
                    "{where_}, indicator '{}': only {} valid answers (fewer than {}); the estimate is imprecise",
                    ind.id, est.n, spec.min_respondents
                ));
            }
            if est.n > 0 && est.clusters < 2 {
                result.warnings.push(format!(
                    "{where_}, indicator '{}': valid answers from a single {}; no confidence interval",
                    ind.id,
                    if cluster_col.is_some() { "cluster" } else { "respondent" }
                ));
            }
            result.estimates.push(e);
        }
        // Bootstrap: one draw of clusters serves every indicator.
        let b_count = spec.bootstrap.replicates as usize;
        let mut reps: Vec<Vec<f64>> = Vec::with_capacity(b_count);
        if b_count > 0 && m >= 2 {
            let mut rng = ChaCha8Rng::seed_from_u64(spec.bootstrap.seed);
            rng.set_stream(u as u64);
            let mut num = vec![0.0; k];
            let mut den = vec![0.0; k];
            for _ in 0..b_count {
                num.iter_mut().for_each(|x| *x = 0.0);
                den.iter_mut().for_each(|x| *x = 0.0);
                for _ in 0..m {
                    let c = rng.gen_range(0..m);
                    for &i in &members[c] {
                        let r = &respondents[i];
                        for (j, a) in r.answers.iter().enumerate() {
                            if let Some(y) = a {
                                num[j] += r.weight * y;
                                den[j] += r.weight;
                            }
                        }
                    }
                }
                reps.push(
                    (0..k)
                        .map(|j| {
                            if den[j] > 0.0 {
                                num[j] / den[j] * spec.indicators[j].multiplier.unwrap_or(1.0)
                            } else {
                                f64::NAN
                            }
                        })
                        .collect(),
                );
            }
            let alpha = 1.0 - spec.confidence;
            for j in 0..k {
                let e = &mut result.estimates[u * k + j];
                if e.value.is_none() || e.clusters < 2 {
                    continue;
                }
                let mut draws: Vec<f64> = reps.iter().map(|r| r[j]).filter(|v| !v.is_nan()).collect();
                if draws.len() * 10 < b_count * 9 {
                    result.warnings.push(format!(
                        "{where_}, indicator '{}': {} of {b_count} bootstrap draws had no valid answer; no bootstrap interval",
                        e.indicator,
                        b_count - draws.len()
                    ));
                    continue;
                }
                draws.sort_by(f64::total_cmp);
                e.bootstrap = Some((quantile_sorted(&draws, alpha / 2.0), quantile_sorted(&draws, 1.0 - alpha / 2.0)));
            }
        }
        result.replicates.push(reps);
        result.units.push((unit, year));
    }
    Ok(result)
}

/// Aggregates microdata given as a header and rows of text cells.
pub fn aggregate_survey(spec: &SurveySpec, header: &[&str], rows: &[Vec<String>]) -> Result<SurveyResult, Error> {
    let table = Table {
        header: header.iter().map(|h| h.trim().nfc().collect()).collect(),
        rows: rows.to_vec(),
        decimal_comma: true,
    };
    aggregate_table(spec, &table)
}

struct Point {
    value: Option<f64>,
    n: usize,
    clusters: usize,
    effective_n: f64,
    se: Option<f64>,
}

/// The weighted ratio estimate of indicator `j` and its linearised standard error.
fn estimate(respondents: &[Respondent], j: usize, m: usize) -> Point {
    let (mut sw, mut sw2, mut swy, mut n) = (0.0, 0.0, 0.0, 0usize);
    for r in respondents {
        if let Some(y) = r.answers[j] {
            sw += r.weight;
            sw2 += r.weight * r.weight;
            swy += r.weight * y;
            n += 1;
        }
    }
    if n == 0 {
        return Point { value: None, n, clusters: 0, effective_n: 0.0, se: None };
    }
    let mean = swy / sw;
    let mut totals = vec![0.0; m];
    let mut has = vec![false; m];
    for r in respondents {
        if let Some(y) = r.answers[j] {
            totals[r.cluster] += r.weight * (y - mean) / sw;
            has[r.cluster] = true;
        }
    }
    // Clusters without a valid answer contribute z_c = 0 and still count as sampled PSUs.
    let clusters = has.iter().filter(|&&h| h).count();
    let se = (clusters >= 2).then(|| {
        let mf = m as f64;
        let zbar = totals.iter().sum::<f64>() / mf;
        let ss: f64 = totals.iter().map(|t| (t - zbar).powi(2)).sum();
        (mf / (mf - 1.0) * ss).sqrt()
    });
    Point { value: Some(mean), n, clusters, effective_n: sw * sw / sw2, se }
}

pub use crate::statistics::quantile_sorted;

/// The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9).
///
/// ```
/// let z = chiso::survey::normal_quantile(0.975);
/// assert!((z - 1.959964).abs() < 1e-6);
/// ```
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969683028665376e1,
        2.209460984245205e2,
        -2.759285104469687e2,
        1.38357751867269e2,
        -3.066479806614716e1,
        2.506628277459239,
    ];
    const B: [f64; 5] =
        [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
    const C: [f64; 6] = [
        -7.784894002430293e-3,
        -3.223964580411365e-1,
        -2.400758277161838,
        -2.549732539343734,
        4.374664141464968,
        2.938163982698783,
    ];
    const D: [f64; 4] = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
    let p_low = 0.02425;
    if p <= 0.0 || p >= 1.0 {
        return f64::NAN;
    }
    if p < p_low {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - p_low {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        -normal_quantile(1.0 - p)
    }
}

/// (unit, year, node).
type NodeKey = (String, Option<i32>, String);

/// A bootstrap interval for one node score of one unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeInterval {
    /// Unit.
    pub unit: String,
    /// Year.
    pub year: Option<i32>,
    /// Node id (the index id for the headline).
    pub node: String,
    /// Score on the point estimates.
    pub score: f64,
    /// Percentile interval over the replicates that could be scored.
    pub low: f64,
    /// Upper end.
    pub high: f64,
    /// Rank interval (best, worst) over the replicates.
    pub rank_best: u32,
    /// Worst rank over the replicates.
    pub rank_worst: u32,
    /// Replicates in which this node had a score.
    pub replicates: usize,
}

/// Scores the point estimates and every bootstrap replicate with an index and returns, for
/// every unit and node, the percentile interval of its score and the range of its rank: the
/// sampling uncertainty carried through normalisation and aggregation.
///
/// A replicate that cannot be scored (e.g. an indicator constant across units in that draw)
/// is skipped; `replicates` says how many counted.
pub fn node_intervals(
    definition: &crate::IndexDefinition,
    survey: &SurveyResult,
    options: &crate::ScoreOptions,
    confidence: f64,
) -> Result<Vec<NodeInterval>, Error> {
    let point = crate::score(definition, &survey.to_dataset()?, options)?;
    let key = |unit: &str, year: Option<i32>, node: &str| (unit.to_owned(), year, node.to_owned());
    let mut draws: BTreeMap<NodeKey, (Vec<f64>, Vec<u32>)> = BTreeMap::new();
    for b in 0..survey.replicate_count() {
        let Ok(scores) = crate::score(definition, &survey.replicate_dataset(b)?, options) else { continue };
        for row in &scores.rows {
            let e = draws.entry(key(&row.unit, row.year, &scores.index)).or_default();
            e.0.push(row.score);
            e.1.push(row.rank);
            for c in &row.components {
                let e = draws.entry(key(&row.unit, row.year, &c.id)).or_default();
                e.0.push(c.score);
                e.1.push(c.rank);
            }
        }
    }
    let alpha = 1.0 - confidence;
    let mut out = Vec::new();
    for row in &point.rows {
        let nodes = std::iter::once((point.index.as_str(), row.score))
            .chain(row.components.iter().map(|c| (c.id.as_str(), c.score)));
        for (node, score) in nodes {
            let Some((mut values, ranks)) = draws.remove(&key(&row.unit, row.year, node)) else { continue };
            values.sort_by(f64::total_cmp);
            out.push(NodeInterval {
                unit: row.unit.clone(),
                year: row.year,
                node: node.to_owned(),
                score,
                low: quantile_sorted(&values, alpha / 2.0),
                high: quantile_sorted(&values, 1.0 - alpha / 2.0),
                rank_best: ranks.iter().copied().min().unwrap_or(row.rank),
                rank_worst: ranks.iter().copied().max().unwrap_or(row.rank),
                replicates: values.len(),
            });
        }
    }
    Ok(out)
}
