//! A unit's whole picture: one row per index it is scored by, for one year, with the change
//! on a previous year, the weakest components and the distance to targets.
//!
//! Each index comes from one of two kinds of source, mixed freely:
//! - a **full table** (a [`Dataset`] and an [`IndexDefinition`]): scored by [`score`], the one
//!   engine; the change comes from [`compare_scores_mapped`], the weakest components from
//!   [`diagnose`] and the targets from [`plan`];
//! - **published results** (`unit, year, score, rank, out_of[, tier]` rows, e.g. from a press
//!   release): taken as written. What such rows cannot give (components, plans) is reported
//!   as missing, never estimated: a target on a published row is a
//!   [`TargetOutcome::NeedsFullTable`].
//!
//! Units are matched across renames, mergers and splits with a [`UnitMapping`], as
//! [`compare_scores_mapped`] does.

use serde::Serialize;

use crate::compare::compare_scores_mapped;
use crate::data::{normalise_unit, CsvOptions, Dataset};
use crate::diagnose::{analysis_year, diagnose, find_row};
use crate::error::{ComputeError, DataError, Error};
use crate::plan::{plan, PlanOptions, Target};
use crate::score::{score, ScoreOptions};
use crate::spec::{IndexDefinition, IndexSpec, Labels};
use crate::units::{Successor, UnitMapping};

/// How a score is read.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", content = "max", rename_all = "snake_case")]
pub enum ScoreUnit {
    /// Points on the index's own scale (PCI 0–100, PAPI 6–80, DDCI).
    Points,
    /// Percent (PAR INDEX, SIPAS, DGI).
    Percent,
    /// Points out of a maximum (district e-government: of 170).
    OfPoints(f64),
}

impl ScoreUnit {
    /// The unit a spec's headline is in: percent of the maximum (PAR INDEX), points of a
    /// stated maximum (e-government, of 170), a 0–100 scale starting at 0 (the survey shares
    /// of SIPAS and DGI), or plain points (PCI's 10–100, PAPI's sum).
    pub fn of_spec(spec: &IndexSpec) -> Self {
        let root = spec.root();
        match (root.percent_of_max, root.max, root.scale) {
            (true, _, _) => ScoreUnit::Percent,
            (false, Some(max), _) => ScoreUnit::OfPoints(max),
            (false, None, Some(s)) if s.min == 0.0 && s.max == 100.0 => ScoreUnit::Percent,
            _ => ScoreUnit::Points,
        }
    }
}

impl std::str::FromStr for ScoreUnit {
    type Err = ComputeError;

    /// Parses `points`, `percent` (or `%`) and `of:170`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || ComputeError::InvalidTarget {
            message: format!("score unit '{text}' is not one of points, percent, of:N (e.g. of:170)"),
        };
        match text.trim() {
            "points" => Ok(ScoreUnit::Points),
            "percent" | "%" => Ok(ScoreUnit::Percent),
            other => {
                let max = other.strip_prefix("of:").ok_or_else(bad)?.trim().replace(',', ".");
                max.parse().ok().filter(|m: &f64| m.is_finite() && *m > 0.0).map(ScoreUnit::OfPoints).ok_or_else(bad)
            }
        }
    }
}

/// One published result: what a press release gives for a unit in a year. Any field but the
/// unit and year may be unknown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublishedRow {
    /// Unit (NFC).
    pub unit: String,
    /// Year.
    pub year: i32,
    /// Score as published.
    pub score: Option<f64>,
    /// Rank as published.
    pub rank: Option<u32>,
    /// Units ranked.
    pub out_of: Option<u32>,
    /// Tier as published.
    pub tier: Option<String>,
    /// 1-based row in the source.
    pub row: usize,
}

/// Published results of one index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Published {
    /// The rows.
    pub rows: Vec<PublishedRow>,
}

impl Published {
    /// Reads `unit, year, score, rank, out_of[, tier]` rows (CSV as [`Dataset::from_csv_str`]
    /// reads it: `,` with `.` decimals or `;` with decimal commas). Empty cells are unknown.
    pub fn from_csv_str(text: &str) -> Result<Self, DataError> {
        let data = Dataset::from_csv_str(text, &CsvOptions::default())?;
        Self::from_dataset(&data)
    }

    /// Reads published rows from a file (see [`Self::from_csv_str`]).
    pub fn from_csv_path(path: impl AsRef<std::path::Path>) -> Result<Self, DataError> {
        Self::from_csv_str(&crate::data::read_text(path)?)
    }

    /// Published rows from a dataset with columns `year`, `score`, `rank`, `out_of` and
    /// optionally `tier`.
    pub fn from_dataset(data: &Dataset) -> Result<Self, DataError> {
        let hint = || Some("published results need columns unit, year, score, rank, out_of[, tier]".to_owned());
        let years = data.years().ok_or_else(|| DataError::MissingColumn { column: "year".into(), hint: hint() })?;
        for column in ["score", "rank", "out_of"] {
            if !data.has_column(column) {
                return Err(DataError::MissingColumn { column: column.into(), hint: hint() });
            }
        }
        let scores = data.values("score")?;
        let whole = |column: &str| -> Result<Vec<Option<u32>>, DataError> {
            data.values(column)?
                .iter()
                .enumerate()
                .map(|(i, v)| match v {
                    None => Ok(None),
                    Some(x) if *x >= 1.0 && x.fract() == 0.0 && *x <= f64::from(u32::MAX) => Ok(Some(*x as u32)),
                    Some(x) => Err(DataError::InvalidValue {
                        row: i + 1,
                        unit: Some(data.units()[i].clone()),
                        column: column.into(),
                        value: *x,
                        expected: "a whole number ≥ 1",
                    }),
                })
                .collect()
        };
        let (ranks, out_of) = (whole("rank")?, whole("out_of")?);
        let tiers = if data.has_column("tier") { data.labels("tier")? } else { vec![None; data.len()] };
        let mut rows = Vec::with_capacity(data.len());
        for i in 0..data.len() {
            if let (Some(r), Some(n)) = (ranks[i], out_of[i]) {
                if r > n {
                    return Err(DataError::InvalidValue {
                        row: i + 1,
                        unit: Some(data.units()[i].clone()),
                        column: "rank".into(),
                        value: f64::from(r),
                        expected: "a rank no larger than out_of",
                    });
                }
            }
            rows.push(PublishedRow {
                unit: data.units()[i].clone(),
                year: years[i],
                score: scores[i],
                rank: ranks[i],
                out_of: out_of[i],
                tier: tiers[i].clone(),
                row: i + 1,
            });
        }
        Ok(Published { rows })
    }
}

/// Where one index's numbers come from.
// A profile holds a handful of sources: boxing the table would only add an indirection.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum SourceData {
    /// A full data table, scored by the engine.
    Table {
        /// The index (a preset or a spec).
        definition: IndexDefinition,
        /// The table (every unit of the field, with a year column for year-over-year changes).
        data: Dataset,
    },
    /// Published results only.
    Published {
        /// The rows.
        results: Published,
        /// How the scores read.
        score_unit: ScoreUnit,
        /// Decimals for display.
        precision: u32,
    },
}

/// One index of a profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Index id as shown (e.g. `pci`, `par_index`).
    pub index: String,
    /// Labels (default: the spec's, or the id).
    pub label: Option<Labels>,
    /// The unit's name in this source when it differs from the profile's.
    pub unit: Option<String>,
    /// Targets for this index only (on top of [`ProfileOptions::targets`]).
    pub targets: Vec<Target>,
    /// The numbers.
    pub data: SourceData,
}

impl Source {
    /// A full-table source.
    pub fn table(index: impl Into<String>, definition: IndexDefinition, data: Dataset) -> Self {
        Source {
            index: index.into(),
            label: None,
            unit: None,
            targets: Vec::new(),
            data: SourceData::Table { definition, data },
        }
    }

    /// A published-results source.
    pub fn published(index: impl Into<String>, results: Published, score_unit: ScoreUnit, precision: u32) -> Self {
        Source {
            index: index.into(),
            label: None,
            unit: None,
            targets: Vec::new(),
            data: SourceData::Published { results, score_unit, precision },
        }
    }
}

/// Options for [`profile`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProfileOptions {
    /// The year compared with (default: the year before).
    pub previous: Option<i32>,
    /// Targets asked of every index.
    pub targets: Vec<Target>,
    /// Unit changes between the two years (renames, mergers, splits).
    pub mapping: Option<UnitMapping>,
}

/// Which kind of source a row came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// Computed from a full data table.
    FullTable,
    /// Published results, taken as written.
    Published,
}

/// A weak component: below the median, what it costs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeakComponent {
    /// Node id.
    pub id: String,
    /// Labels.
    pub label: Labels,
    /// The unit's score.
    pub score: f64,
    /// Median of the field.
    pub median: f64,
    /// Best score of the field.
    pub leader: f64,
    /// The leading unit.
    pub leader_unit: String,
    /// Composite points gained if it alone rose to the median.
    pub cost_to_median: f64,
}

/// What a target asks of one index.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum TargetOutcome {
    /// Planned on the full table.
    Planned {
        /// The target.
        target: Target,
        /// Whether it is reachable within the scales.
        reachable: bool,
        /// The score it needs (unrounded).
        threshold: f64,
        /// `threshold − score` (≤ 0: already there).
        distance: f64,
        /// Sub-index points to gain in all.
        total_gain: f64,
        /// Rank with the plan.
        rank_planned: u32,
    },
    /// The source has published results only: a plan needs every unit's sub-indices.
    NeedsFullTable {
        /// The target.
        target: Target,
        /// Why, in words.
        message: String,
    },
}

/// One index of a unit's profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileRow {
    /// Index id.
    pub index: String,
    /// Labels.
    pub label: Labels,
    /// Which kind of source the row came from.
    pub source: SourceKind,
    /// The unit's name in this source.
    pub unit: String,
    /// Year.
    pub year: i32,
    /// Score (unrounded; as published for published rows).
    pub score: Option<f64>,
    /// How the score reads.
    pub score_unit: ScoreUnit,
    /// Decimals for display.
    pub precision: u32,
    /// Rank within the unit's ranking group.
    pub rank: Option<u32>,
    /// Units in that group.
    pub out_of: Option<u32>,
    /// Whether the rank lies beyond the leading group the publisher ranks.
    pub unpublished: bool,
    /// Tier labels.
    pub tier: Option<Labels>,
    /// Relative position, 100 for first and 0 for last: `100·(out_of − rank)/(out_of − 1)`.
    pub percentile: Option<f64>,
    /// The year compared with, when the source has the unit in it.
    pub previous_year: Option<i32>,
    /// Score that year.
    pub previous_score: Option<f64>,
    /// Rank that year.
    pub previous_rank: Option<u32>,
    /// Units ranked that year.
    pub previous_out_of: Option<u32>,
    /// Relative position that year.
    pub previous_percentile: Option<f64>,
    /// `score − previous_score`.
    pub score_change: Option<f64>,
    /// Places gained (positive = up).
    pub rank_change: Option<i64>,
    /// What the unit mapping says (renamed, absorbed, …).
    pub note: Option<String>,
    /// Weakest components, costliest first (full tables only; `None` for published rows).
    pub weakest: Option<Vec<WeakComponent>>,
    /// One outcome per target.
    pub targets: Vec<TargetOutcome>,
}

/// A unit's profile for one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    /// Unit.
    pub unit: String,
    /// Year.
    pub year: i32,
    /// The year compared with.
    pub previous: i32,
    /// One row per source, in the order given.
    pub rows: Vec<ProfileRow>,
}

/// How many weak components a row lists.
const WEAKEST: usize = 3;

/// The relative position of rank `rank` of `out_of`: 100 for first, 0 for last.
fn percentile(rank: Option<u32>, out_of: Option<u32>) -> Option<f64> {
    let (r, n) = (rank?, out_of?);
    Some(if n <= 1 { 100.0 } else { 100.0 * f64::from(n - r) / f64::from(n - 1) })
}

/// The profile of `unit` in `year` across `sources`.
///
/// ```
/// use chiso::profile::{profile, ProfileOptions, Published, ScoreUnit, Source};
/// let rows = "unit,year,score,rank,out_of\nHải Hà,2020,93.12,10,13\nHải Hà,2019,93.62,7,13\n";
/// let sipas = Source::published("sipas", Published::from_csv_str(rows)?, ScoreUnit::Percent, 2);
/// let p = profile(&[sipas], "Hải Hà", 2020, &ProfileOptions::default())?;
/// assert_eq!(p.rows[0].rank_change, Some(-3));
/// # Ok::<(), chiso::Error>(())
/// ```
pub fn profile(sources: &[Source], unit: &str, year: i32, options: &ProfileOptions) -> Result<Profile, Error> {
    if sources.is_empty() {
        return Err(ComputeError::InvalidTarget { message: "a profile needs at least one source".into() }.into());
    }
    let previous = options.previous.unwrap_or(year - 1);
    if previous >= year {
        return Err(ComputeError::InvalidTarget {
            message: format!("the previous year ({previous}) must come before the year profiled ({year})"),
        }
        .into());
    }
    let unit = normalise_unit(unit);
    let rows = sources
        .iter()
        .map(|source| {
            let name = source.unit.as_deref().map_or_else(|| unit.clone(), normalise_unit);
            let mut targets = options.targets.clone();
            targets.extend(source.targets.iter().copied());
            match &source.data {
                SourceData::Table { definition, data } => {
                    table_row(source, definition, data, &name, year, previous, &targets, options.mapping.as_ref())
                }
                SourceData::Published { results, score_unit, precision } => Ok(published_row(
                    source,
                    results,
                    *score_unit,
                    *precision,
                    &name,
                    year,
                    previous,
                    &targets,
                    options.mapping.as_ref(),
                )?),
            }
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(Profile { unit, year, previous, rows })
}

#[allow(clippy::too_many_arguments)]
fn table_row(
    source: &Source,
    definition: &IndexDefinition,
    data: &Dataset,
    unit: &str,
    year: i32,
    previous: i32,
    targets: &[Target],
    mapping: Option<&UnitMapping>,
) -> Result<ProfileRow, Error> {
    let year_opt = analysis_year(data, Some(year))?;
    let now = score(definition, data, &ScoreOptions { year: year_opt, ..Default::default() })?;
    let row = find_row(&now, unit, year_opt)?;
    let spec = definition.resolve(year_opt)?;
    let before = if data.distinct_years().contains(&previous) {
        Some(score(definition, data, &ScoreOptions { year: Some(previous), ..Default::default() })?)
    } else {
        None
    };
    let change = before
        .as_ref()
        .and_then(|b| compare_scores_mapped(b, &now, mapping).rows.into_iter().find(|c| c.unit == row.unit));
    // The field the previous rank was among: the predecessor's own group.
    let previous_out_of = before
        .as_ref()
        .and_then(|b| {
            predecessor(
                b.rows.iter().filter(|r| r.year == Some(previous)),
                |r| &r.unit,
                &row.unit,
                previous,
                year,
                mapping,
            )
        })
        .map(|(r, _)| r.out_of);
    let weakest = if spec.components().next().is_some() && crate::diagnose::component_values(&spec, row).is_some() {
        let d = diagnose(definition, data, &row.unit, year_opt, None)?;
        Some(
            d.weakest
                .iter()
                .filter_map(|id| d.components.iter().find(|c| &c.id == id))
                .filter(|c| c.score < c.median)
                .take(WEAKEST)
                .map(|c| WeakComponent {
                    id: c.id.clone(),
                    label: c.label.clone(),
                    score: c.score,
                    median: c.median,
                    leader: c.leader,
                    leader_unit: c.leader_unit.clone(),
                    cost_to_median: c.cost_to_median,
                })
                .collect(),
        )
    } else {
        None
    };
    let outcomes = targets
        .iter()
        .map(|&target| {
            let p = plan(definition, data, &row.unit, year_opt, target, &PlanOptions::default())?;
            Ok(TargetOutcome::Planned {
                target,
                reachable: p.reachable,
                threshold: p.threshold,
                distance: p.threshold - p.score_now,
                total_gain: p.total_gain,
                rank_planned: p.rank_planned,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let previous_rank = change.as_ref().and_then(|c| c.rank_from);
    Ok(ProfileRow {
        index: source.index.clone(),
        label: source.label.clone().unwrap_or_else(|| spec.label().clone()),
        source: SourceKind::FullTable,
        unit: row.unit.clone(),
        year,
        score: Some(row.score),
        score_unit: ScoreUnit::of_spec(&spec),
        precision: spec.precision(),
        rank: Some(row.rank),
        out_of: Some(row.out_of),
        unpublished: row.unpublished,
        tier: row.tier.as_ref().map(|t| t.label.clone()),
        percentile: percentile(Some(row.rank), Some(row.out_of)),
        previous_year: previous_rank.map(|_| previous),
        previous_score: change.as_ref().and_then(|c| c.score_from),
        previous_rank,
        previous_out_of,
        previous_percentile: percentile(previous_rank, previous_out_of),
        score_change: change.as_ref().and_then(|c| c.score_delta),
        rank_change: change.as_ref().and_then(|c| c.rank_change),
        note: change.and_then(|c| c.note),
        weakest,
        targets: outcomes,
    })
}

#[allow(clippy::too_many_arguments)]
fn published_row(
    source: &Source,
    results: &Published,
    score_unit: ScoreUnit,
    precision: u32,
    unit: &str,
    year: i32,
    previous: i32,
    targets: &[Target],
    mapping: Option<&UnitMapping>,
) -> Result<ProfileRow, Error> {
    let in_year = |y: i32| results.rows.iter().filter(move |r| r.year == y);
    let mut found = in_year(year).filter(|r| r.unit == unit);
    let Some(now) = found.next() else {
        let wanted = crate::data::fold_unit(unit);
        let suggestions = in_year(year)
            .filter(|r| {
                let name = crate::data::fold_unit(&r.unit);
                name.contains(&wanted) || wanted.contains(&name)
            })
            .map(|r| r.unit.clone())
            .take(5)
            .collect();
        return Err(DataError::UnknownUnit { unit: unit.to_owned(), year: Some(year), suggestions }.into());
    };
    if let Some(again) = found.next() {
        return Err(DataError::DuplicateRow {
            row: again.row,
            unit: unit.to_owned(),
            year: Some(year),
            first_row: now.row,
        }
        .into());
    }
    let (before, note) = match predecessor(in_year(previous), |r| &r.unit, unit, previous, year, mapping) {
        Some((b, note)) => (Some(b), note),
        None => (None, None),
    };
    let outcomes = targets
        .iter()
        .map(|&target| TargetOutcome::NeedsFullTable {
            target,
            message: format!(
                "{}: a target needs the full table of every unit's sub-indices; this source has the published results only",
                source.index
            ),
        })
        .collect();
    let previous_rank = before.and_then(|b| b.rank);
    let previous_out_of = before.and_then(|b| b.out_of);
    Ok(ProfileRow {
        index: source.index.clone(),
        label: source.label.clone().unwrap_or_else(|| Labels::same(&source.index.to_uppercase())),
        source: SourceKind::Published,
        unit: now.unit.clone(),
        year,
        score: now.score,
        score_unit,
        precision,
        rank: now.rank,
        out_of: now.out_of,
        unpublished: false,
        tier: now.tier.as_deref().map(Labels::same),
        percentile: percentile(now.rank, now.out_of),
        previous_year: before.map(|_| previous),
        previous_score: before.and_then(|b| b.score),
        previous_rank,
        previous_out_of,
        previous_percentile: percentile(previous_rank, previous_out_of),
        score_change: now.score.zip(before.and_then(|b| b.score)).map(|(a, b)| a - b),
        rank_change: now.rank.zip(previous_rank).map(|(a, b)| i64::from(b) - i64::from(a)),
        note: if before.is_some() { note } else { mapping.and_then(|m| m.origin(unit, previous, year)) },
        weakest: None,
        targets: outcomes,
    })
}

/// The previous year's row of `unit` or of its predecessor (renamed, or the absorbing or
/// name-keeping side of a merger or split), matched as [`compare_scores_mapped`] matches them,
/// with what the mapping says about it.
fn predecessor<'a, T>(
    candidates: impl Iterator<Item = &'a T>,
    name_of: impl Fn(&T) -> &str,
    unit: &str,
    previous: i32,
    year: i32,
    mapping: Option<&UnitMapping>,
) -> Option<(&'a T, Option<String>)> {
    for candidate in candidates {
        let name = name_of(candidate);
        match mapping.map(|m| m.successor(name, previous, year)) {
            None if name == unit => return Some((candidate, None)),
            Some(Successor::Continues { name: now, note }) if now == unit => return Some((candidate, note)),
            _ => {}
        }
    }
    None
}

/// The headline's labels, display unit and precision of a preset for a year, for published
/// rows of a preset index (`None` for an id that is not a preset).
fn preset_display(index: &str, year: i32) -> Option<(Labels, ScoreUnit, u32)> {
    let spec = crate::presets::get(index).ok()?.resolve(Some(year)).ok()?;
    Some((spec.label().clone(), ScoreUnit::of_spec(&spec), spec.precision()))
}

/// A published-results source; a preset index (hyphens allowed) takes the preset's labels,
/// score unit and precision for `year`, any other index its id, points and 2 decimals.
pub fn published_source(index: &str, results: Published, year: i32) -> Source {
    let id = crate::presets::canonical(index);
    match preset_display(&id, year) {
        Some((label, unit, precision)) => {
            let mut source = Source::published(id, results, unit, precision);
            source.label = Some(label);
            source
        }
        None => Source::published(index, results, ScoreUnit::Points, 2),
    }
}

/// Reads one source from CSV text: published results when the header has an `out_of` column
/// (`unit, year, score, rank, out_of[, tier]`), otherwise a full table scored by `index` (a
/// preset id, hyphens allowed, or a spec already read into `definition`). Published rows of
/// a preset index take its labels, score unit and precision for `year`.
pub fn source_from_csv(
    index: &str,
    definition: Option<IndexDefinition>,
    text: &str,
    options: &CsvOptions,
    year: i32,
) -> Result<Source, Error> {
    let header = text.trim_start_matches('\u{feff}').lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    let published = header.split([',', ';', '\t']).any(|h| h.trim() == "out_of");
    let id = crate::presets::canonical(index);
    if published {
        let results = Published::from_csv_str(text)?;
        return Ok(published_source(if definition.is_some() { index } else { &id }, results, year));
    }
    let definition = match definition {
        Some(d) => d,
        None => crate::presets::get(&id)?,
    };
    let data = Dataset::from_csv_str(text, options)?;
    Ok(Source::table(definition.id().to_owned(), definition, data))
}

/// A profile manifest: one file per office per year listing where each index's numbers are.
///
/// ```toml
/// unit = "Quảng Ninh"
/// year = 2016
/// previous = 2013
/// units = "vn-provinces"      # or a mapping CSV (old,new,effective[,change_type])
/// targets = ["top:10"]
///
/// [[source]]
/// index = "pci"               # a preset id or a spec file
/// file = "pci_subindices.csv" # a full table, or published rows (a file with `out_of`)
/// unit_column = "province"
///
/// [[source]]
/// index = "par-index"
/// file = "par_index.csv"
/// score_unit = "percent"      # points, percent, of:N (published rows; default from the preset)
/// ```
#[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The unit (the command line's `--unit` takes precedence).
    pub unit: Option<String>,
    /// The year (the command line's `--year` takes precedence).
    pub year: Option<i32>,
    /// The year compared with (default: the year before).
    pub previous: Option<i32>,
    /// Unit changes: `vn-provinces` or a mapping CSV file.
    pub units: Option<String>,
    /// Targets for every index (`top:10`, `gain:3`, `score:70`).
    #[serde(default)]
    pub targets: Vec<String>,
    /// The sources, in the order the profile lists them.
    #[serde(default, rename = "source")]
    pub sources: Vec<ManifestSource>,
}

/// One `[[source]]` of a [`Manifest`].
#[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestSource {
    /// Preset id or spec file.
    pub index: String,
    /// The CSV file (relative to the manifest).
    pub file: String,
    /// Unit column of a full table (default `unit`).
    pub unit_column: Option<String>,
    /// Year column of a full table (default `year`).
    pub year_column: Option<String>,
    /// The unit's name in this file when it differs.
    pub unit: Option<String>,
    /// Targets for this index only.
    #[serde(default)]
    pub targets: Vec<String>,
    /// Labels (default: the preset's, or the id).
    pub label: Option<Labels>,
    /// Score unit of published rows: `points`, `percent`, `of:N`.
    pub score_unit: Option<String>,
    /// Decimals of published rows.
    pub precision: Option<u32>,
}

/// A manifest read and its files loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedManifest {
    /// The unit named in the manifest.
    pub unit: Option<String>,
    /// The year named in the manifest.
    pub year: Option<i32>,
    /// Options (previous year, targets, unit mapping).
    pub options: ProfileOptions,
    /// The sources.
    pub sources: Vec<Source>,
}

fn manifest_error(message: String) -> Error {
    ComputeError::InvalidTarget { message }.into()
}

impl Manifest {
    /// Reads a manifest from TOML text.
    #[cfg(feature = "toml")]
    pub fn from_toml_str(text: &str) -> Result<Self, Error> {
        toml::from_str(text).map_err(|e| manifest_error(format!("profile manifest: {}", e.message())))
    }

    /// Reads a manifest from JSON text (the same fields).
    pub fn from_json_str(text: &str) -> Result<Self, Error> {
        serde_json::from_str(text).map_err(|e| manifest_error(format!("profile manifest: {e}")))
    }

    /// Reads a manifest file (`.json`, or TOML) and loads its files, relative to its folder.
    pub fn load(path: impl AsRef<std::path::Path>, year: Option<i32>) -> Result<LoadedManifest, Error> {
        let path = path.as_ref();
        let text = crate::data::read_text(path)?;
        let manifest = if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
            Self::from_json_str(&text)?
        } else {
            #[cfg(feature = "toml")]
            {
                Self::from_toml_str(&text)?
            }
            #[cfg(not(feature = "toml"))]
            {
                return Err(manifest_error("this build reads JSON manifests only".into()));
            }
        };
        manifest.resolve(path.parent().unwrap_or(std::path::Path::new(".")), year)
    }

    /// Loads the manifest's files, relative to `base`; `year` (else the manifest's) picks the
    /// presets' display of published rows.
    pub fn resolve(&self, base: &std::path::Path, year: Option<i32>) -> Result<LoadedManifest, Error> {
        let year = year
            .or(self.year)
            .ok_or_else(|| manifest_error("the profile needs a year (--year or `year` in the manifest)".into()))?;
        let targets = |items: &[String]| {
            items.iter().map(|t| t.parse::<Target>().map_err(Error::from)).collect::<Result<Vec<_>, _>>()
        };
        let mapping = match self.units.as_deref() {
            None => None,
            Some("vn-provinces") => Some(UnitMapping::vietnam_provinces()),
            Some(file) => Some(UnitMapping::from_csv_path(base.join(file))?),
        };
        let mut sources = Vec::with_capacity(self.sources.len());
        for s in &self.sources {
            let id = crate::presets::canonical(&s.index);
            let definition = if crate::presets::ids().contains(&id.as_str()) {
                None
            } else {
                Some(IndexDefinition::from_path(base.join(&s.index))?)
            };
            let options = CsvOptions {
                unit_column: s.unit_column.clone().unwrap_or_else(|| "unit".into()),
                year_column: s.year_column.clone().unwrap_or_else(|| "year".into()),
                ..Default::default()
            };
            let text = crate::data::read_text(base.join(&s.file))?;
            let mut source = source_from_csv(&s.index, definition, &text, &options, year)?;
            if let SourceData::Published { score_unit, precision, .. } = &mut source.data {
                if let Some(unit) = &s.score_unit {
                    *score_unit = unit.parse()?;
                }
                if let Some(p) = s.precision {
                    *precision = p;
                }
            }
            source.label = s.label.clone().or(source.label);
            source.unit = s.unit.clone();
            source.targets = targets(&s.targets)?;
            sources.push(source);
        }
        Ok(LoadedManifest {
            unit: self.unit.clone(),
            year: Some(year),
            options: ProfileOptions { previous: self.previous, targets: targets(&self.targets)?, mapping },
            sources,
        })
    }
}
