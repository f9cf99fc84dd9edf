//! The methods a spec names: normalisation, aggregation, missing data, imputation, outlier
//! treatment and screening. Formulas live with their code ([`crate::normalise`],
//! [`crate::aggregate`], [`crate::impute`], [`crate::treat`]); `docs/spec.md` is the reference.

/// How a group combines its children's scores. Weights are relative among siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Aggregation {
    /// Σ wᵢxᵢ / Σ wᵢ.
    WeightedMean,
    /// Σ wᵢxᵢ (points, or sums such as PAPI's dimensions).
    WeightedSum,
    /// Π xᵢ^(wᵢ/Σw); needs values above zero.
    GeometricMean,
    /// Σ wᵢ / Σ (wᵢ/xᵢ); needs values above zero.
    HarmonicMean,
    /// The smallest child (weights ignored).
    Minimum,
    /// The largest child (weights ignored).
    Maximum,
    /// The median child (weights ignored; mean of the middle two for an even count).
    Median,
    /// Copeland's rule across units: for every other unit, +1 if the children on which this
    /// unit scores higher weigh more than half (ties count half), −1 if less, 0 if exactly half;
    /// the score is the sum, in −(n−1)..n−1. It depends on every unit, not just this one.
    Copeland,
}

impl Aggregation {
    /// Names accepted in spec files.
    pub const NAMES: &'static str =
        "weighted_mean, weighted_sum, geometric_mean, harmonic_mean, minimum, maximum, median, copeland";
    /// Other spellings [`Aggregation::from_name`] accepts (written back as the names above).
    pub const ALIASES: &'static str = "mean, arithmetic_mean, sum, min, max";

    /// Parses a method name.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "weighted_mean" | "mean" | "arithmetic_mean" => Aggregation::WeightedMean,
            "weighted_sum" | "sum" => Aggregation::WeightedSum,
            "geometric_mean" => Aggregation::GeometricMean,
            "harmonic_mean" => Aggregation::HarmonicMean,
            "minimum" | "min" => Aggregation::Minimum,
            "maximum" | "max" => Aggregation::Maximum,
            "median" => Aggregation::Median,
            "copeland" => Aggregation::Copeland,
            _ => return None,
        })
    }

    /// The canonical name.
    pub fn name(self) -> &'static str {
        match self {
            Aggregation::WeightedMean => "weighted_mean",
            Aggregation::WeightedSum => "weighted_sum",
            Aggregation::GeometricMean => "geometric_mean",
            Aggregation::HarmonicMean => "harmonic_mean",
            Aggregation::Minimum => "minimum",
            Aggregation::Maximum => "maximum",
            Aggregation::Median => "median",
            Aggregation::Copeland => "copeland",
        }
    }
}

/// How tied values share a statistical rank (rank-based normalisations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RankTies {
    /// The mean of the positions (R's default, `ties.method = "average"`).
    #[default]
    Average,
    /// The lowest position (COINr's default for `n_rank`, `n_prank` and `n_borda`).
    Min,
    /// The highest position.
    Max,
}

impl RankTies {
    /// Names accepted in spec files.
    pub const NAMES: &'static str = "average, min, max";

    /// Parses a name.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "average" => RankTies::Average,
            "min" => RankTies::Min,
            "max" => RankTies::Max,
            _ => return None,
        })
    }

    /// The canonical name.
    pub fn name(self) -> &'static str {
        match self {
            RankTies::Average => "average",
            RankTies::Min => "min",
            RankTies::Max => "max",
        }
    }
}

/// Where min–max normalisation takes its minimum and maximum from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bounds {
    /// The units of the period being scored.
    Observed,
    /// Fixed values in the indicator's units (values beyond them extend the line, unclipped).
    Fixed {
        /// Value mapped to the bottom of the range (the top, when lower is better).
        min: f64,
        /// Value mapped to the top of the range (the bottom, when lower is better).
        max: f64,
    },
    /// The units of this period and the `years − 1` before it that the data has (DDCI pools
    /// three years, so that one year's scores do not move with another year's extremes).
    Pooled {
        /// Number of periods in the window, including the current one.
        years: u32,
    },
}

/// How a leaf's raw values are rescaled, across the units of one period. See
/// [`crate::normalise`] for directions and formulas.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Normalisation {
    /// Values are already scores (e.g. published sub-indices): used as they are.
    None,
    /// `low + (high − low)·(x − min)/(max − min)`: PCI's rescaling to 1–10, COINr's `n_minmax`.
    MinMax {
        /// Score of the worst unit.
        low: f64,
        /// Score of the best unit.
        high: f64,
        /// Where min and max come from.
        bounds: Bounds,
        /// What a constant indicator maps to (otherwise an error).
        if_constant: Option<f64>,
    },
    /// `mean + sd·(x − x̄)/s` with the sample standard deviation s (n − 1): COINr's `n_zscore`.
    ZScore {
        /// Mean of the result.
        mean: f64,
        /// Standard deviation of the result.
        sd: f64,
        /// What a constant indicator maps to (otherwise an error).
        if_constant: Option<f64>,
    },
    /// Rank 1..n, the best unit n: COINr's `n_rank`.
    Rank {
        /// Tie rule.
        ties: RankTies,
    },
    /// `low + (high − low)·(r − 1)/(n − 1)`: COINr's `n_prank` with low 0, high 1.
    PercentileRank {
        /// Tie rule.
        ties: RankTies,
        /// Score of the worst unit.
        low: f64,
        /// Score of the best unit.
        high: f64,
        /// What a single unit maps to (otherwise an error).
        if_constant: Option<f64>,
    },
    /// Rank − 1 (0 for the worst unit): COINr's `n_borda`.
    Borda {
        /// Tie rule.
        ties: RankTies,
    },
    /// `scale·clip((x − low)/(high − low), 0, 1)`: COINr's `n_goalposts`; low and high are in
    /// the indicator's units, and lower-is-better swaps their roles.
    Goalposts {
        /// Goalpost at which the score is 0 (higher-is-better).
        low: f64,
        /// Goalpost at which the score is `scale`.
        high: f64,
        /// Score at the upper goalpost.
        scale: f64,
        /// Clip to [0, scale].
        clip: bool,
    },
    /// `(x − min)/(target − min)`, optionally capped at 1: COINr's `n_dist2targ`.
    DistanceToTarget {
        /// Target in the indicator's units.
        target: f64,
        /// Cap at 1 (units beyond the target score 1).
        cap: bool,
        /// What the result is when the target equals the worst value.
        if_constant: Option<f64>,
    },
    /// `1 − (ref − x)/(ref − min)` for the reference unit's value: COINr's `n_dist2ref`.
    DistanceToReference {
        /// Name of the reference unit (NFC).
        unit: String,
        /// Cap at 1.
        cap: bool,
        /// What the result is when the reference is the worst unit.
        if_constant: Option<f64>,
    },
    /// `1 − (max − x)/(max − min)`: COINr's `n_dist2max`.
    DistanceToMax {
        /// What a constant indicator maps to (otherwise an error).
        if_constant: Option<f64>,
    },
    /// `x / max`, values ≥ 0; for lower-is-better `min / x`, values above zero (COINr's
    /// `n_fracmax` on negated values would give x / min, which rises with a worse value).
    RatioToMax,
    /// Points as awarded, capped at `max` (appraisal-style scoring); negative points are an
    /// error. Direction does not apply.
    Points {
        /// Largest number of points.
        max: f64,
    },
}

impl Normalisation {
    /// Names accepted in spec files.
    pub const NAMES: &'static str = "none, min_max, z_score, rank, percentile_rank, borda, goalposts, \
        distance_to_target, distance_to_reference, distance_to_max, ratio_to_max, points";

    /// Min–max over the observed units, an error for a constant indicator.
    pub fn min_max(low: f64, high: f64) -> Self {
        Normalisation::MinMax { low, high, bounds: Bounds::Observed, if_constant: None }
    }

    /// The canonical name.
    pub fn name(&self) -> &'static str {
        match self {
            Normalisation::None => "none",
            Normalisation::MinMax { .. } => "min_max",
            Normalisation::ZScore { .. } => "z_score",
            Normalisation::Rank { .. } => "rank",
            Normalisation::PercentileRank { .. } => "percentile_rank",
            Normalisation::Borda { .. } => "borda",
            Normalisation::Goalposts { .. } => "goalposts",
            Normalisation::DistanceToTarget { .. } => "distance_to_target",
            Normalisation::DistanceToReference { .. } => "distance_to_reference",
            Normalisation::DistanceToMax { .. } => "distance_to_max",
            Normalisation::RatioToMax => "ratio_to_max",
            Normalisation::Points { .. } => "points",
        }
    }
}

/// What happens to a group when some of its children have no value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MissingRule {
    /// A missing value is an error naming the cell (the default: nothing is scored on
    /// partial data unless the spec says so).
    Fail,
    /// Aggregate the children that have values, weights re-normalised among them, when they
    /// hold at least `min_share` of the total (COINr's `dat_thresh`); otherwise the group has
    /// no value either.
    Available {
        /// Share required, 0–1.
        min_share: f64,
        /// Whether the share counts children or their weights.
        share_of: ShareOf,
    },
}

/// What a data-availability share counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareOf {
    /// Children (COINr's `dat_thresh`).
    Count,
    /// Children's weights.
    Weight,
}

/// One way of filling a missing raw value.
#[derive(Debug, Clone, PartialEq)]
pub enum ImputeMethod {
    /// Mean of the other units of the same period (within the unit's group, if a group
    /// column is given): COINr's `i_mean` / `i_mean_grp`.
    Mean,
    /// Median of the other units of the same period (within the group): `i_median(_grp)`.
    Median,
    /// The unit's own value of the latest earlier period that has one.
    Previous,
    /// A fixed value.
    Value(f64),
}

impl ImputeMethod {
    /// The name used in spec files and the cell log.
    pub fn name(&self) -> &'static str {
        match self {
            ImputeMethod::Mean => "mean",
            ImputeMethod::Median => "median",
            ImputeMethod::Previous => "previous",
            ImputeMethod::Value(_) => "value",
        }
    }
}

/// Imputation of raw values: methods tried in order until one gives a value.
#[derive(Debug, Clone, PartialEq)]
pub struct Imputation {
    /// Methods, first first.
    pub methods: Vec<ImputeMethod>,
    /// Column that groups units (e.g. region) for mean and median.
    pub group_column: Option<String>,
}

/// Outlier treatment of an indicator (COINr's `Treat` defaults): while |skewness| ≥ `skewness`
/// and kurtosis ≥ `kurtosis`, winsorise the most extreme value(s) on the skewed side, up to
/// `max_points` values; if the indicator still fails, log-transform the original values instead
/// (`log(x − min + 0.01·(max − min))`), when `log_fallback`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Treatment {
    /// Most values winsorised.
    pub max_points: u32,
    /// Absolute skewness threshold.
    pub skewness: f64,
    /// Excess-kurtosis threshold.
    pub kurtosis: f64,
    /// Log-transform when winsorising is not enough.
    pub log_fallback: bool,
}

impl Default for Treatment {
    fn default() -> Self {
        Treatment { max_points: 5, skewness: 2.0, kurtosis: 3.5, log_fallback: true }
    }
}

/// Screening of units before scoring: a unit-period with less than `min_share` of the leaf
/// indicators present (before imputation) is left out and reported with the reason.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Screening {
    /// Share of indicators required, 0–1.
    pub min_share: f64,
}
