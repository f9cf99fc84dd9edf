//! Calibration: recover the parameters a publisher did not state from its published numbers.
//!
//! Given a node's published scores and its children's raw values over the units of one year,
//! [`calibrate`] fits the affine model
//!
//! ```text
//! target = intercept + Σ coefficientⱼ · xⱼ
//! ```
//!
//! by least squares (Householder QR from `nalgebra`), reports how well it fits (largest and
//! root-mean-square residual, whether the fit is exact at the data's precision, the units that
//! fit worst) and which children carry no weight, and translates the fit into the terms of a
//! specification: a weighted mean of children, each rescaled by `min_max` between fixed bounds
//! in its own units, with a direction and a weight ([`Calibration::to_definition`] writes it as
//! a spec that `score` reproduces the fitted values with).
//!
//! ## From an affine fit to a weighted mean of rescaled children
//!
//! A weighted mean (shares ωⱼ summing to 1) of children rescaled to `low..high` between
//! goalposts `worstⱼ` (scored `low`) and `bestⱼ` (scored `high`) is affine in the children with
//! coefficient cⱼ = ωⱼ·(high − low)/(bestⱼ − worstⱼ): the coefficient's sign is the direction
//! (lower-is-better when negative), but the weight and the width of the goalposts are only
//! known together. chiso resolves this with one rule: every child's goalposts extend its
//! observed range by the same fractions α below the worst value and β beyond the best,
//!
//! ```text
//! worstⱼ = observed worstⱼ − α·rangeⱼ,  bestⱼ = observed bestⱼ + β·rangeⱼ   (in the better direction)
//! α = (T_worst − low) / S,  β = (high − T_best) / S,  S = Σ |cⱼ|·rangeⱼ
//! ```
//!
//! where T_worst and T_best are the fitted target of a unit at every child's worst (best)
//! observed value. Then ωⱼ = |cⱼ|·rangeⱼ / S: a child's weight is its share of the spread it
//! can move the target by. Without a given scale, `low..high` is `T_worst..T_best`, so the
//! goalposts are each child's observed minimum and maximum (α = β = 0).
//!
//! ```
//! use chiso::calibrate::{calibrate, CalibrateOptions};
//! use chiso::Dataset;
//! let mut data = Dataset::new(vec!["a".into(), "b".into(), "c".into(), "d".into()], None)?;
//! data.add_column("x", vec![Some(0.0), Some(10.0), Some(5.0), Some(2.0)])?;
//! data.add_column("y", vec![Some(4.0), Some(0.0), Some(2.0), Some(3.0)])?;
//! // Published: 1 + 0.5·x − 0.25·y.
//! data.add_column("s", vec![Some(0.0), Some(6.0), Some(3.0), Some(1.25)])?;
//! let fit = calibrate(&data, &CalibrateOptions::new("s"))?;
//! assert!(fit.exact && fit.max_residual < 1e-12);
//! assert!((fit.coefficient("x").unwrap() - 0.5).abs() < 1e-12);
//! assert!((fit.intercept - 1.0).abs() < 1e-12);
//! # Ok::<(), chiso::Error>(())
//! ```

use nalgebra::{DMatrix, DVector};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::error::{ComputeError, DataError, Error, SpecError};
use crate::spec::file::{NodeFile, NormaliseFile, Param, SpecFile};
use crate::spec::{IndexDefinition, Scale};
use crate::Dataset;

/// Most children one calibration fits.
pub const MAX_CHILDREN: usize = 1_000;

/// Largest least-squares problem, units × (children + 1)², about the work of the QR.
pub const MAX_WORK: f64 = 4e9;

/// A child whose part that the other children do not explain is below this share of its
/// spread is collinear with them (single-precision data carries about 7 significant digits).
const COLLINEAR: f64 = 1e-6;

/// The method of the node being calibrated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CalibrationMethod {
    /// A weighted mean of children rescaled by `min_max` between fixed bounds.
    WeightedMean,
}

impl CalibrationMethod {
    /// Accepted names.
    pub const NAMES: &'static str = "weighted_mean";

    /// The method called `name` (`weighted_mean`, also `mean`); `node` names the target in
    /// the error.
    pub fn from_name(name: &str, node: &str) -> Result<Self, SpecError> {
        match name {
            "weighted_mean" | "mean" => Ok(CalibrationMethod::WeightedMean),
            other => Err(SpecError::UnknownMethod {
                node: node.into(),
                kind: "calibration",
                method: other.into(),
                expected: Self::NAMES,
            }),
        }
    }

    /// The method's name.
    pub fn name(self) -> &'static str {
        match self {
            CalibrationMethod::WeightedMean => "weighted_mean",
        }
    }
}

/// What to calibrate and how.
#[derive(Debug, Clone, PartialEq)]
pub struct CalibrateOptions {
    /// The column with the node's published scores.
    pub target: String,
    /// The children's columns; `None`: every other numeric column (text columns are skipped
    /// and listed in [`Calibration::ignored_columns`]).
    pub columns: Option<Vec<String>>,
    /// The node's method (only the weighted mean of rescaled children so far).
    pub method: CalibrationMethod,
    /// The year whose rows to use; required when the data has several.
    pub year: Option<i32>,
    /// Largest residual of an exact fit, and the largest effect (|coefficient| × observed
    /// range) of a child that carries no weight: tie it to the published precision (1e-4 for
    /// scores printed with two decimals and computed from unrounded inputs).
    pub tolerance: f64,
    /// The scale `(low, high)` the children are rescaled to (PCI: 1–10); `None`: the fitted
    /// target of the worst and the best observed values, so the goalposts are the observed
    /// minimum and maximum of each child.
    pub scale: Option<(f64, f64)>,
    /// How many of the worst-fitting units to list.
    pub worst: usize,
    /// Leave out (weight 0, listed in [`Calibration::undetermined`]) a child that is constant
    /// or a linear combination of the children before it, instead of failing.
    pub drop_collinear: bool,
}

impl CalibrateOptions {
    /// Defaults for calibrating `target` from every other column.
    pub fn new(target: &str) -> Self {
        CalibrateOptions {
            target: target.into(),
            columns: None,
            method: CalibrationMethod::WeightedMean,
            year: None,
            tolerance: 1e-4,
            scale: None,
            worst: 10,
            drop_collinear: false,
        }
    }
}

/// One child's calibrated parameters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChildCalibration {
    /// The column.
    pub column: String,
    /// The target's change per unit change of this child (0 when it carries no weight).
    pub coefficient: f64,
    /// |coefficient| × observed range: how far this child moves the target across the units.
    pub effect: f64,
    /// `higher_is_better` or `lower_is_better`; `None` for a child without weight.
    pub direction: Option<&'static str>,
    /// Smallest observed value.
    pub observed_min: f64,
    /// Largest observed value.
    pub observed_max: f64,
    /// Lower goalpost of the `min_max` rescaling, in the child's units (`None` without weight).
    pub min: Option<f64>,
    /// Upper goalpost.
    pub max: Option<f64>,
    /// Share of the weighted mean (the shares of all children sum to 1).
    pub weight: f64,
}

/// A unit's published value against the fitted one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitResidual {
    /// The unit.
    pub unit: String,
    /// 1-based data row.
    pub row: usize,
    /// Published value.
    pub target: f64,
    /// Fitted value.
    pub fitted: f64,
    /// Published − fitted.
    pub residual: f64,
}

/// The coefficients as a JSON object, column → coefficient, in column order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Coefficients(pub Vec<(String, f64)>);

impl Serialize for Coefficients {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (column, value) in &self.0 {
            map.serialize_entry(column, value)?;
        }
        map.end()
    }
}

/// The result of [`calibrate`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// The target column (the node's id in [`Self::to_definition`]).
    pub target: String,
    /// The node's method.
    pub method: CalibrationMethod,
    /// The year whose rows were used, if the data has years.
    pub year: Option<i32>,
    /// Number of units fitted.
    pub units: usize,
    /// Intercept of the affine fit.
    pub intercept: f64,
    /// Column → the target's change per unit change of that column (0 without weight).
    pub coefficients: Coefficients,
    /// Largest |published − fitted| over the units.
    pub max_residual: f64,
    /// Root mean square of the residuals.
    pub rms_residual: f64,
    /// Whether `max_residual ≤ tolerance`.
    pub exact: bool,
    /// The tolerance used.
    pub tolerance: f64,
    /// Children whose effect on the target is at most the tolerance: weight 0, left out of
    /// the final fit.
    pub zero_weight: Vec<String>,
    /// Children left out because they are constant or a linear combination of others
    /// (with `drop_collinear`): their weight cannot be told apart, coefficient 0.
    pub undetermined: Vec<String>,
    /// Units whose residual exceeds the tolerance.
    pub misfits: usize,
    /// The worst-fitting units, largest |residual| first (at most `worst` of them).
    pub worst_units: Vec<UnitResidual>,
    /// The children in the spec's terms.
    pub children: Vec<ChildCalibration>,
    /// The scale `[low, high]` of the rescaled children (and so of the target).
    pub scale: [f64; 2],
    /// Whether the scale was given (`false`: inferred from the fit).
    pub scale_given: bool,
    /// How far the goalposts extend each child's observed range below its worst value (α)
    /// and beyond its best (β), as shares of the range.
    pub extension: [f64; 2],
    /// Columns left out because they hold text, not numbers (when no columns were listed).
    pub ignored_columns: Vec<String>,
}

impl Calibration {
    /// The coefficient of a column.
    pub fn coefficient(&self, column: &str) -> Option<f64> {
        self.coefficients.0.iter().find(|(c, _)| c == column).map(|(_, v)| *v)
    }

    /// The calibrated node as a specification: the target as a weighted mean of its children,
    /// each rescaled by `min_max` to the scale between its goalposts, with its direction and
    /// weight (children without weight get weight 0). Scoring the same data with it gives
    /// the fitted values.
    pub fn to_definition(&self) -> Result<IndexDefinition, Error> {
        let [low, high] = self.scale;
        if high.partial_cmp(&low) != Some(std::cmp::Ordering::Greater) {
            return Err(ComputeError::InvalidCalibration {
                node: self.target.clone(),
                message: "the fit does not depend on any child, so it is not a weighted mean of them".into(),
            }
            .into());
        }
        let mut nodes = vec![NodeFile {
            id: self.target.clone(),
            aggregation: Some(self.method.name().into()),
            children: self.children.iter().map(|c| c.column.clone()).collect(),
            scale: self.scale_given.then_some(Scale { min: low, max: high }),
            ..NodeFile::default()
        }];
        for child in &self.children {
            nodes.push(match (child.direction, child.min, child.max) {
                (Some(direction), Some(min), Some(max)) => NodeFile {
                    id: child.column.clone(),
                    weight: Some(child.weight),
                    direction: Some(direction.into()),
                    normalise: Some(NormaliseFile {
                        method: "min_max".into(),
                        params: [("low", low), ("high", high), ("min", min), ("max", max)]
                            .into_iter()
                            .map(|(name, value)| (name.to_owned(), Param::Number(value)))
                            .collect(),
                    }),
                    ..NodeFile::default()
                },
                _ => NodeFile { id: child.column.clone(), weight: Some(0.0), ..NodeFile::default() },
            });
        }
        let year = self.year.map(|y| format!(" {y}")).unwrap_or_default();
        let file = SpecFile {
            id: self.target.clone(),
            root: self.target.clone(),
            description: Some(format!(
                "Calibrated by chiso from the published '{}' of {} units{year}: largest residual {} ({}).",
                self.target,
                self.units,
                self.max_residual,
                if self.exact { "exact" } else { "not exact" },
            )),
            nodes,
            ..SpecFile::default()
        };
        Ok(IndexDefinition::from_file(file)?)
    }
}

/// Fits the target column as an affine function of the children's columns over the units
/// of one year; see the [module documentation](self).
///
/// Errors: a missing column or value (naming row, unit and column), a text cell, fewer units
/// than children + 2, a child that is constant or a linear combination of others (naming
/// them), an unknown method, several years without a year.
pub fn calibrate(data: &Dataset, options: &CalibrateOptions) -> Result<Calibration, Error> {
    let node = options.target.as_str();
    let invalid = |message: String| -> Error { ComputeError::InvalidCalibration { node: node.into(), message }.into() };
    if !(options.tolerance.is_finite() && options.tolerance > 0.0) {
        return Err(invalid(format!("the tolerance must be a finite number above zero, not {}", options.tolerance)));
    }
    if let Some((low, high)) = options.scale {
        if !(low.is_finite() && high.is_finite() && low < high) {
            return Err(invalid(format!("the scale {low}..{high} must be two finite numbers, low below high")));
        }
    }
    let target = data.values(node).map_err(|e| match e {
        DataError::MissingColumn { column, .. } => {
            DataError::MissingColumn { column, hint: Some("the published scores of the node to calibrate".into()) }
        }
        other => other,
    })?;

    // The rows of the year.
    let rows: Vec<usize> = match (options.year, data.years()) {
        (Some(year), Some(years)) => {
            let rows: Vec<usize> = (0..data.len()).filter(|&r| years[r] == year).collect();
            if rows.is_empty() {
                let available = data.distinct_years().iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ");
                return Err(DataError::NoRowsForYear { year, available }.into());
            }
            rows
        }
        (None, Some(_)) if data.distinct_years().len() > 1 => {
            let years = data.distinct_years().iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ");
            return Err(invalid(format!("the data has rows for {years}; give the year to calibrate")));
        }
        _ => (0..data.len()).collect(),
    };

    // The children.
    let mut ignored_columns = Vec::new();
    let names: Vec<String> = match &options.columns {
        Some(columns) => {
            let mut seen = std::collections::HashSet::new();
            for c in columns {
                if c == node {
                    return Err(invalid(format!("'{c}' is the target; it cannot also be a child")));
                }
                if !seen.insert(c.as_str()) {
                    return Err(invalid(format!("column '{c}' is listed twice")));
                }
            }
            columns.clone()
        }
        None => {
            let mut names = Vec::new();
            for c in data.column_names().filter(|c| *c != node) {
                if data.is_text(c) {
                    ignored_columns.push(c.to_owned());
                } else {
                    names.push(c.to_owned());
                }
            }
            names
        }
    };
    if names.is_empty() {
        return Err(invalid("there are no child columns to calibrate from".into()));
    }
    let (n, k) = (rows.len(), names.len());
    if k > MAX_CHILDREN || (n as f64) * ((k + 1) as f64).powi(2) > MAX_WORK {
        return Err(ComputeError::CalibrationTooLarge { node: node.into(), units: n, children: k }.into());
    }
    let columns: Vec<&[Option<f64>]> = names.iter().map(|c| data.values(c)).collect::<Result<_, _>>()?;
    if n < k + 2 {
        return Err(ComputeError::TooFewUnits { node: node.into(), units: n, children: k }.into());
    }

    // Values, row by row: the first missing cell is the error.
    let mut y = Vec::with_capacity(n);
    let mut x = vec![Vec::with_capacity(n); k];
    for &r in &rows {
        let missing = |column: &str| DataError::MissingValue {
            row: r + 1,
            unit: Some(data.units()[r].clone()),
            column: column.into(),
        };
        y.push(target[r].filter(|v| v.is_finite()).ok_or_else(|| missing(node))?);
        for (j, column) in columns.iter().enumerate() {
            x[j].push(column[r].filter(|v| v.is_finite()).ok_or_else(|| missing(&names[j]))?);
        }
    }

    // Constant and collinear children: an error, or (drop_collinear) left out with weight 0.
    let stats: Vec<Stats> = x.iter().map(|c| Stats::of(c)).collect();
    let mut active: Vec<usize> = (0..k).collect();
    let mut undetermined: Vec<usize> = Vec::new();
    loop {
        let found = match active.iter().position(|&j| stats[j].norm == 0.0) {
            Some(p) => Some((p, Vec::new(), Some(x[active[p]][0]))),
            None => collinear(&standardised(&x, &stats, &active)).map(|(p, with)| (p, with, None)),
        };
        let Some((p, with, value)) = found else { break };
        if !options.drop_collinear {
            return Err(ComputeError::CollinearChildren {
                node: node.into(),
                column: names[active[p]].clone(),
                with: with.into_iter().map(|i| names[active[i]].clone()).collect(),
                value,
            }
            .into());
        }
        undetermined.push(active.remove(p));
    }
    undetermined.sort_unstable();

    // Fit, then refit without the children that carry no weight.
    let mut coefficients = if active.is_empty() { vec![0.0; k] } else { fit(&x, &y, &stats, &active) };
    let zero: Vec<usize> =
        active.iter().copied().filter(|&j| coefficients[j].abs() * stats[j].range() <= options.tolerance).collect();
    if !zero.is_empty() {
        let mut is_zero = vec![false; k];
        zero.iter().for_each(|&j| is_zero[j] = true);
        let kept: Vec<usize> = active.iter().copied().filter(|&j| !is_zero[j]).collect();
        coefficients = if kept.is_empty() { vec![0.0; k] } else { fit(&x, &y, &stats, &kept) };
    }
    let mean_y = y.iter().sum::<f64>() / n as f64;
    let intercept = mean_y - (0..k).map(|j| coefficients[j] * stats[j].mean).sum::<f64>();
    let mut residuals: Vec<UnitResidual> = rows
        .iter()
        .enumerate()
        .map(|(i, &r)| {
            let fitted = intercept + (0..k).map(|j| coefficients[j] * x[j][i]).sum::<f64>();
            UnitResidual { unit: data.units()[r].clone(), row: r + 1, target: y[i], fitted, residual: y[i] - fitted }
        })
        .collect();
    let max_residual = residuals.iter().map(|r| r.residual.abs()).fold(0.0, f64::max);
    let rms_residual = (residuals.iter().map(|r| r.residual * r.residual).sum::<f64>() / n as f64).sqrt();
    let misfits = residuals.iter().filter(|r| r.residual.abs() > options.tolerance).count();
    residuals.sort_by(|a, b| b.residual.abs().total_cmp(&a.residual.abs()).then(a.row.cmp(&b.row)));
    residuals.truncate(options.worst);

    // In the spec's terms.
    let spread: f64 = (0..k).map(|j| coefficients[j].abs() * stats[j].range()).sum();
    let worst_at = |j: usize| if coefficients[j] >= 0.0 { stats[j].min } else { stats[j].max };
    let t_worst = intercept + (0..k).map(|j| coefficients[j] * worst_at(j)).sum::<f64>();
    let t_best = t_worst + spread;
    let (low, high) = options.scale.unwrap_or((t_worst, t_best));
    let (alpha, beta) = if spread > 0.0 { ((t_worst - low) / spread, (high - t_best) / spread) } else { (0.0, 0.0) };
    let children = (0..k)
        .map(|j| {
            let s = &stats[j];
            let c = coefficients[j];
            let weighted = c != 0.0 && spread > 0.0;
            let (min, max) = if c > 0.0 {
                (s.min - alpha * s.range(), s.max + beta * s.range())
            } else {
                (s.min - beta * s.range(), s.max + alpha * s.range())
            };
            ChildCalibration {
                column: names[j].clone(),
                coefficient: c,
                effect: c.abs() * s.range(),
                direction: weighted.then_some(if c > 0.0 { "higher_is_better" } else { "lower_is_better" }),
                observed_min: s.min,
                observed_max: s.max,
                min: weighted.then_some(min),
                max: weighted.then_some(max),
                weight: if weighted { c.abs() * s.range() / spread } else { 0.0 },
            }
        })
        .collect();

    Ok(Calibration {
        target: node.into(),
        method: options.method,
        year: options.year.or_else(|| data.years().and_then(|y| rows.first().map(|&r| y[r]))),
        units: n,
        intercept,
        coefficients: Coefficients(names.iter().cloned().zip(coefficients.iter().copied()).collect()),
        max_residual,
        rms_residual,
        exact: max_residual <= options.tolerance,
        tolerance: options.tolerance,
        zero_weight: zero.iter().map(|&j| names[j].clone()).collect(),
        undetermined: undetermined.iter().map(|&j| names[j].clone()).collect(),
        misfits,
        worst_units: residuals,
        children,
        scale: [low, high],
        scale_given: options.scale.is_some(),
        extension: [alpha, beta],
        ignored_columns,
    })
}

/// Mean, spread and range of one column.
struct Stats {
    mean: f64,
    /// ‖x − mean‖₂.
    norm: f64,
    min: f64,
    max: f64,
}

impl Stats {
    fn of(x: &[f64]) -> Self {
        let mean = x.iter().sum::<f64>() / x.len() as f64;
        let norm = x.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>().sqrt();
        let min = x.iter().copied().fold(f64::INFINITY, f64::min);
        let max = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        // A column of equal values can leave a rounding-sized norm: it is constant.
        let norm = if max == min { 0.0 } else { norm };
        Stats { mean, norm, min, max }
    }

    fn range(&self) -> f64 {
        self.max - self.min
    }
}

/// The chosen columns centred and scaled to unit length (so the intercept drops out and the
/// pivoting compares like with like).
fn standardised(x: &[Vec<f64>], stats: &[Stats], chosen: &[usize]) -> DMatrix<f64> {
    let n = x.first().map_or(0, Vec::len);
    DMatrix::from_fn(n, chosen.len(), |i, c| {
        let j = chosen[c];
        (x[j][i] - stats[j].mean) / stats[j].norm
    })
}

/// Least-squares coefficients of the chosen columns (the others 0), in original units.
fn fit(x: &[Vec<f64>], y: &[f64], stats: &[Stats], chosen: &[usize]) -> Vec<f64> {
    let z = standardised(x, stats, chosen);
    let mean_y = y.iter().sum::<f64>() / y.len() as f64;
    let centred = DVector::from_iterator(y.len(), y.iter().map(|v| v - mean_y));
    let b = least_squares(z, &centred);
    let mut coefficients = vec![0.0; x.len()];
    for (c, &j) in chosen.iter().enumerate() {
        coefficients[j] = b[c] / stats[j].norm;
    }
    coefficients
}

/// Solves min ‖a·b − y‖ for a full-column-rank `a` (rows ≥ columns) by Householder QR.
fn least_squares(a: DMatrix<f64>, y: &DVector<f64>) -> DVector<f64> {
    let columns = a.ncols();
    let qr = a.qr();
    let mut qty = y.clone();
    qr.q_tr_mul(&mut qty);
    let r = qr.r();
    r.solve_upper_triangular(&qty.rows(0, columns).into_owned()).unwrap_or_else(|| DVector::zeros(columns))
}

/// The first column that is a linear combination of the columns before it, with those it
/// combines; `None` when the columns are independent. The columns have unit length, so the
/// QR's |rⱼⱼ| is the length of column j's part that the columns before it do not explain.
fn collinear(z: &DMatrix<f64>) -> Option<(usize, Vec<usize>)> {
    let k = z.ncols();
    let r = z.clone().qr().r();
    let j = (0..k).find(|&j| r[(j, j)].abs() <= COLLINEAR)?;
    if j == 0 {
        return Some((0, Vec::new()));
    }
    // z_j ≈ Σ_{i<j} b_i z_i with R[..j, ..j]·b = R[..j, j].
    let b = r.view((0, 0), (j, j)).solve_upper_triangular(&r.view((0, j), (j, 1)).into_owned())?;
    Some((j, (0..j).filter(|&i| b[i].abs() > COLLINEAR).collect()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    fn data(columns: &[(&str, Vec<f64>)]) -> Dataset {
        let n = columns[0].1.len();
        let mut d = Dataset::new((0..n).map(|i| format!("u{i}")).collect(), None).unwrap();
        for (name, values) in columns {
            d.add_column(name, values.iter().map(|v| Some(*v)).collect()).unwrap();
        }
        d
    }

    #[test]
    fn a_combination_of_two_columns_is_named_with_them() {
        let a = vec![1.0, 2.0, 3.0, 4.0, 5.0, 7.0];
        let b = vec![2.0, 1.0, 0.0, 3.0, 1.0, 2.0];
        let c: Vec<f64> = a.iter().zip(&b).map(|(a, b)| 2.0 * a - b + 1.0).collect();
        let d = vec![0.0, 1.0, 0.0, 1.0, 0.0, 0.5];
        let t: Vec<f64> = a.iter().map(|v| v * 0.3).collect();
        let err = calibrate(&data(&[("a", a), ("d", d), ("b", b), ("c", c), ("t", t)]), &CalibrateOptions::new("t"))
            .unwrap_err();
        match err {
            Error::Compute(ComputeError::CollinearChildren { column, with, .. }) => {
                let mut all = with.clone();
                all.push(column.clone());
                all.sort();
                assert_eq!(all, vec!["a", "b", "c"], "{column} with {with:?}");
            }
            other => panic!("{other}"),
        }
    }
}
