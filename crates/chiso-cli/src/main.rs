//! `chiso`: score, rank and compare composite indices from CSV files.
//!
//! Argument parsing and printing only; every number comes from the `chiso` crate.

mod datasets;
mod groups;
mod indicators;
mod input;
mod output;
mod profile;
mod robustness;
mod workbook;

use std::path::PathBuf;
use std::process::ExitCode;

use std::collections::HashMap;

use clap::{Parser, Subcommand, ValueEnum};

use chiso::plan::{Field, PlanOptions, Target};
use chiso::report::ReportFormat;
use chiso::sensitivity::{FirstOrder, SensitivityOptions};
use chiso::uncertainty::UncertaintyOptions;

use chiso::{presets, IndexDefinition, ScoreOptions, UnitMapping};
use input::Input;

#[derive(Parser)]
#[command(name = "chiso", version, about = "Composite indices (PCI, ...): score, rank and compare units")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// CSV output exactly as computed: without it, a text cell starting with =, +, -, @, a tab
    /// or a carriage return (a unit name, a label) gets a leading ' so that spreadsheet
    /// programs show it as text instead of running it as a formula.
    #[arg(long, global = true)]
    raw_csv: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Aligned table, scores at the spec's display precision.
    Table,
    /// CSV with unrounded scores.
    Csv,
    /// JSON with unrounded scores.
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CalibrateFormat {
    /// The fit and each child's parameters, aligned.
    Table,
    /// Every number of the fit.
    Json,
    /// The calibrated node as a specification (`score --index FILE` uses it).
    Toml,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Lang {
    /// English labels, decimal points.
    En,
    /// Vietnamese labels, decimal commas.
    Vi,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormatArg {
    /// Markdown.
    Md,
    /// Standalone HTML with inline SVG charts.
    Html,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StageArg {
    /// As read from the data.
    Raw,
    /// After imputation and outlier treatment.
    Treated,
    /// After normalisation (what enters aggregation).
    Normalised,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FieldArg {
    /// Other units keep their scores.
    Fixed,
    /// Other units move by their average yearly change.
    Trend,
}

/// The unit and year an analysis is about.
#[derive(clap::Args)]
struct Subject {
    /// The unit (e.g. "Nam Định").
    #[arg(long)]
    unit: String,
    /// The year (its field of units is what the unit is measured and planned against).
    #[arg(long)]
    year: Option<i32>,
}

#[derive(Subcommand)]
enum Command {
    /// One unit across indices: score, rank, tier and change per index, from full tables or
    /// published results, with the weakest components and targets where a full table allows.
    Profile(profile::ProfileArgs),
    /// Performance groups of every unit on the headline and on each sub-index: the year's tier
    /// rule applied to each (PAPI: quartile groups of the total and of every dimension).
    Groups {
        #[command(flatten)]
        input: Input,
        /// The year (default: the data's only year).
        #[arg(long)]
        year: Option<i32>,
        /// Output format (CSV gives node ids and group levels, 0 = best).
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Language of labels.
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
    },
    /// Score and rank every unit (each year with its own edition).
    Score {
        #[command(flatten)]
        input: Input,
        /// Score only this year (also picks the edition when the file has no year column).
        #[arg(long)]
        year: Option<i32>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Reject columns that are not node ids.
        #[arg(long)]
        strict: bool,
        /// Also output every sub-index's score and rank (in csv/json: every node's).
        #[arg(long)]
        components: bool,
        /// `all`: a score column `<id>` and a rank column `<id>_rank` for every node (same as
        /// `--components`).
        #[arg(long, value_parser = ["all"])]
        nodes: Option<String>,
        /// Print the indicators at this stage of the pipeline instead of the scores.
        #[arg(long, value_enum)]
        stage: Option<StageArg>,
        /// Language of labels and decimal mark in tables.
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
        /// Also write the results to this workbook (.xlsx): the headline, one sheet per node
        /// level, changes since each unit's previous year, and the spec and edition used.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Compare two years: score and rank changes per unit.
    Compare {
        #[command(flatten)]
        input: Input,
        /// First year.
        #[arg(long)]
        from: i32,
        /// Second year.
        #[arg(long)]
        to: i32,
        /// Match units across merges, splits and renames: `vn-provinces` (shipped, 2004–2025)
        /// or a mapping CSV (old_province,new_province,effective_date[,change_type]).
        #[arg(long)]
        unit_map: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Language of labels and decimal mark in tables.
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
    },
    /// Diagnose one unit: sub-indices against the median and the leader, what fell, and
    /// where the year's change came from.
    Diagnose {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        subject: Subject,
        /// Year to compare with (default: the year before, when the data has it).
        #[arg(long)]
        from: Option<i32>,
        /// The sub-indices, or the indicators below them.
        #[arg(long, value_enum, default_value = "sub-indices")]
        level: indicators::Level,
        /// Output format (`table` or `json`).
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Language of labels and decimal mark in tables.
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
    },
    /// Plan the smallest sub-index gains that reach a target score, rank or gain of places.
    Plan {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        subject: Subject,
        /// `top:N`, `rank:N`, `score:S` or `gain:K` (places).
        #[arg(long)]
        target: String,
        /// Largest gain of a sub-index, `NODE=VALUE` (repeatable).
        #[arg(long = "cap", value_name = "NODE=VALUE")]
        caps: Vec<String>,
        /// Cost of a point of a sub-index, `NODE=VALUE` (repeatable; default 1).
        #[arg(long = "cost", value_name = "NODE=VALUE")]
        costs: Vec<String>,
        /// Other units held fixed, or moved by their own average yearly change.
        #[arg(long, value_enum, default_value = "fixed")]
        field: FieldArg,
        /// Plan over the sub-indices, or over the indicators below them (raw values; caps and
        /// costs then name indicators, in their raw units).
        #[arg(long, value_enum, default_value = "sub-indices")]
        level: indicators::Level,
        /// Indicators only: let them pass the best value any unit reached that year, up to
        /// their natural range.
        #[arg(long)]
        beyond_best: bool,
        /// Print one summary row instead of one row per sub-index (csv).
        #[arg(long)]
        summary: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Language of labels and decimal mark in tables.
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
    },
    /// A one-page report on one unit: score, rank, change, sub-indices, weakest components and
    /// the plan to reach a target (default: the top 10, or the top third of a field under 30).
    Report {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        subject: Subject,
        /// Target of the plan: `top:N`, `rank:N`, `score:S` or `gain:K`.
        #[arg(long)]
        target: Option<String>,
        /// `md` (Markdown) or `html` (with SVG charts).
        #[arg(long, value_enum, default_value = "md")]
        format: ReportFormatArg,
        /// Language.
        #[arg(long, value_enum, default_value = "vi")]
        lang: Lang,
    },
    /// Rank intervals under uncertain weights, methods and sampling error (Monte Carlo);
    /// with --from, each unit's rank change against its interval.
    Uncertainty {
        #[command(flatten)]
        input: Input,
        /// The year analysed (default: the data's only year).
        #[arg(long)]
        year: Option<i32>,
        /// Compare with this earlier year: rank changes against the intervals.
        #[arg(long)]
        from: Option<i32>,
        /// With --from, match units across merges, splits and renames: `vn-provinces` or a
        /// mapping CSV (as `compare --unit-map`).
        #[arg(long, requires = "from")]
        unit_map: Option<String>,
        #[command(flatten)]
        uncertain: robustness::Uncertain,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Variance-based sensitivity indices (first and total order) of each uncertain input on
    /// the mean rank shift and on each unit's rank.
    Sensitivity {
        #[command(flatten)]
        input: Input,
        /// The year analysed (default: the data's only year).
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        uncertain: robustness::Uncertain,
        /// Bootstrap resamples for the 90 % intervals of the indices (0: none).
        #[arg(long, default_value_t = 100)]
        bootstrap: usize,
        /// First-order estimator: `jansen` or `saltelli` (COINr's).
        #[arg(long, default_value = "jansen")]
        first_order: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Statistical audit: correlations, Cronbach's alpha, principal components, negative
    /// correlations and effective weights of every group.
    Audit {
        #[command(flatten)]
        input: Input,
        /// The year audited (default: the data's only year).
        #[arg(long)]
        year: Option<i32>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Aggregate survey microdata (one row per respondent) into indicator values per unit,
    /// with normal and bootstrap confidence intervals. `--wide` prints the table to score.
    Survey {
        /// Survey spec (TOML or JSON): unit, weight, cluster columns, no-answer codes, indicators.
        #[arg(long)]
        spec: PathBuf,
        /// Microdata CSV.
        #[arg(long)]
        input: PathBuf,
        /// One row per unit with a column per indicator (the input of `chiso score`), instead
        /// of one row per unit and indicator with intervals.
        #[arg(long)]
        wide: bool,
        /// Bootstrap seed (overrides the spec's).
        #[arg(long)]
        seed: Option<u64>,
        /// Bootstrap replicates (overrides the spec's; 0 turns the bootstrap off).
        #[arg(long)]
        replicates: Option<u32>,
        /// Score the estimates and every bootstrap replicate with this index (preset id or
        /// spec file) and print each node's score with its interval and rank range.
        #[arg(long)]
        index: Option<String>,
        /// `csv` or `json`.
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
    /// Recover a node's unpublished parameters from its published scores: fit the target
    /// column as an affine function of the children's columns (least squares) and write it as
    /// a weighted mean of rescaled children.
    Calibrate {
        /// Wide CSV or workbook, one row per unit: the target column and the children's raw values.
        #[arg(long)]
        input: PathBuf,
        /// The workbook's sheet (default: its first).
        #[arg(long)]
        sheet: Option<String>,
        /// Column with the unit names.
        #[arg(long, default_value = "unit")]
        unit_column: String,
        /// Column with the years (then give `--year` when the file has several).
        #[arg(long, default_value = "year")]
        year_column: String,
        /// Column with the node's published scores.
        #[arg(long)]
        target: String,
        /// The children's columns, comma-separated (default: every other numeric column).
        #[arg(long, value_delimiter = ',')]
        columns: Option<Vec<String>>,
        /// The node's method.
        #[arg(long, default_value = "weighted_mean")]
        method: String,
        /// The year whose rows to fit.
        #[arg(long)]
        year: Option<i32>,
        /// Largest residual of an exact fit (and largest effect of a child without weight):
        /// the data's precision.
        #[arg(long, default_value_t = 1e-4)]
        tolerance: f64,
        /// `LOW,HIGH`: the scale children are rescaled to (PCI: 1,10); default: inferred.
        #[arg(long)]
        scale: Option<String>,
        /// How many of the worst-fitting units to list.
        #[arg(long, default_value_t = 10)]
        worst: usize,
        /// Leave out (weight 0, listed as undetermined) a child that is constant or a linear
        /// combination of others, instead of failing.
        #[arg(long)]
        drop_collinear: bool,
        /// `table`, `json` or `toml` (the calibrated node as a specification).
        #[arg(long, value_enum, default_value = "table")]
        format: CalibrateFormat,
    },
    /// List the preset indices and their editions.
    Presets,
    /// Print a specification (a preset's edition for a year, or a whole file) as JSON or TOML.
    Spec {
        /// Preset id or path.
        #[arg(long)]
        index: String,
        /// The edition in force this year (default: the whole definition).
        #[arg(long)]
        year: Option<i32>,
        /// `json` or `toml`.
        #[arg(long, default_value = "toml")]
        format: String,
    },
    /// List the published tables bundled with chiso (PCI, PAPI, COINr's ASEM, unit mappings)
    /// with their sources and licences; `datasets show NAME` prints one.
    Datasets {
        #[command(subcommand)]
        action: Option<datasets::Action>,
        /// `table` or `json`.
        #[arg(long, value_enum, default_value = "table")]
        format: datasets::Format,
    },
    /// Print the JSON Schema of specification files (for editors: see docs/schema.md).
    Schema,
}

pub(crate) fn load_index(index: &str) -> Result<IndexDefinition, chiso::Error> {
    if presets::ids().contains(&presets::canonical(index).as_str()) {
        return Ok(presets::get(index)?);
    }
    let path = PathBuf::from(index);
    // A name that can only be a path (a folder, or a spec file's extension) is a missing file,
    // not an unknown preset.
    let looks_like_path = index.contains(['/', std::path::MAIN_SEPARATOR])
        || path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml") || e.eq_ignore_ascii_case("json"));
    if path.exists() || looks_like_path {
        return Ok(IndexDefinition::from_path(&path)?);
    }
    Err(chiso::SpecError::UnknownIndex { name: index.into(), available: presets::ids().join(", ") }.into())
}

/// Parses `NODE=VALUE` options (decimal comma accepted).
fn pairs(items: &[String], option: &str) -> Result<HashMap<String, f64>, chiso::Error> {
    items
        .iter()
        .map(|item| {
            let parsed = item.split_once('=').and_then(|(node, value)| {
                value.trim().replace(',', ".").parse::<f64>().ok().map(|v| (node.trim().to_owned(), v))
            });
            parsed.ok_or_else(|| {
                chiso::ComputeError::InvalidTarget {
                    message: format!("{option} '{item}' is not NODE=VALUE (e.g. transparency=1.0)"),
                }
                .into()
            })
        })
        .collect()
}

/// Parses `LOW,HIGH` (or `LOW..HIGH`).
fn parse_scale(text: &str, node: &str) -> Result<(f64, f64), chiso::Error> {
    let parsed = text
        .split_once(',')
        .or_else(|| text.split_once(".."))
        .and_then(|(low, high)| Some((low.trim().parse::<f64>().ok()?, high.trim().parse::<f64>().ok()?)));
    parsed.ok_or_else(|| {
        chiso::ComputeError::InvalidCalibration {
            node: node.into(),
            message: format!("--scale '{text}' is not LOW,HIGH (e.g. 1,10)"),
        }
        .into()
    })
}

fn load_mapping(name: &str) -> Result<UnitMapping, chiso::Error> {
    if name == "vn-provinces" {
        return Ok(UnitMapping::vietnam_provinces());
    }
    Ok(UnitMapping::from_csv_path(name)?)
}

fn run(cli: Cli) -> Result<String, chiso::Error> {
    let raw = cli.raw_csv;
    match cli.command {
        Command::Profile(args) => profile::run(args, raw),
        Command::Groups { input, year, format, lang } => {
            let definition = load_index(&input.index)?;
            let data = input::load(&input, &definition, year)?;
            let result = chiso::groups::node_groups(&definition, &data, year)?;
            let code = if lang == Lang::Vi { "vi" } else { "en" };
            Ok(groups::print(&result, code, format == Format::Csv, format == Format::Json, raw))
        }
        Command::Score { input, year, format, strict, components, nodes, stage, lang, output } => {
            let definition = load_index(&input.index)?;
            let data = input::load(&input, &definition, year)?;
            let options = ScoreOptions { year, strict, stages: stage.is_some(), ..Default::default() };
            let scores = chiso::score(&definition, &data, &options)?;
            output::warn_dropped(&scores);
            if let Some(path) = &output {
                workbook::write(path, &scores, &definition, &input.input)?;
            }
            let components = components || nodes.is_some();
            if let (Some(stage), Some(stages)) = (stage, &scores.stages) {
                let which = match stage {
                    StageArg::Raw => &stages.raw,
                    StageArg::Treated => &stages.treated,
                    StageArg::Normalised => &stages.normalised,
                };
                return Ok(output::stage_csv(&scores, &stages.nodes, which, format == Format::Json, raw));
            }
            let spec_for_labels = definition.resolve(scores.rows.first().and_then(|r| r.year)).ok();
            Ok(match format {
                Format::Table => output::score_table(&scores, &definition, lang == Lang::Vi, components),
                Format::Csv => output::score_csv(&scores, components, raw),
                Format::Json => output::score_json(&scores, spec_for_labels.as_ref()),
            })
        }
        Command::Compare { input, from, to, unit_map, format, lang } => {
            let definition = load_index(&input.index)?;
            let data = input::load(&input, &definition, None)?;
            let mapping = unit_map.as_deref().map(load_mapping).transpose()?;
            let comparison = chiso::compare_mapped(&definition, &data, from, to, mapping.as_ref())?;
            Ok(match format {
                Format::Table => output::compare_table(&comparison, &definition, lang == Lang::Vi),
                Format::Csv => output::compare_csv(&comparison, raw),
                Format::Json => output::compare_json(&comparison),
            })
        }
        Command::Diagnose { input, subject: Subject { unit, year }, from, level, format, lang } => {
            let definition = load_index(&input.index)?;
            let data = input::load(&input, &definition, year)?;
            if level == indicators::Level::Indicators {
                let d = chiso::indicators::diagnose_indicators(&definition, &data, &unit, year, from)?;
                return Ok(match format {
                    Format::Json => serde_json::to_string_pretty(&d).unwrap_or_default(),
                    _ => indicators::diagnosis_table(&d, lang == Lang::Vi),
                });
            }
            let d = chiso::diagnose::diagnose(&definition, &data, &unit, year, from)?;
            Ok(match format {
                Format::Json => serde_json::to_string_pretty(&d).unwrap_or_default(),
                _ => output::diagnosis_table(&d, lang == Lang::Vi),
            })
        }
        Command::Plan {
            input,
            subject: Subject { unit, year },
            target,
            caps,
            costs,
            field,
            level,
            beyond_best,
            summary,
            format,
            lang,
        } => {
            let definition = load_index(&input.index)?;
            let data = input::load(&input, &definition, year)?;
            let target: Target = target.parse()?;
            if level == indicators::Level::Indicators {
                let options = chiso::indicators::IndicatorPlanOptions {
                    caps: pairs(&caps, "--cap")?,
                    costs: pairs(&costs, "--cost")?,
                    beyond_best,
                    field: match field {
                        FieldArg::Fixed => Field::Fixed,
                        FieldArg::Trend => Field::Trend,
                    },
                };
                let p = chiso::indicators::plan_indicators(&definition, &data, &unit, year, target, &options)?;
                return Ok(match format {
                    Format::Table => indicators::plan_table(&p, lang == Lang::Vi),
                    Format::Csv => indicators::plan_csv(&p, raw),
                    Format::Json => serde_json::to_string_pretty(&p).unwrap_or_default(),
                });
            }
            let options = PlanOptions {
                caps: pairs(&caps, "--cap")?,
                costs: pairs(&costs, "--cost")?,
                field: match field {
                    FieldArg::Fixed => Field::Fixed,
                    FieldArg::Trend => Field::Trend,
                },
            };
            let p = chiso::plan::plan(&definition, &data, &unit, year, target, &options)?;
            Ok(match format {
                Format::Table => output::plan_table(&p, lang == Lang::Vi),
                Format::Csv => output::plan_csv(&p, summary, raw),
                Format::Json => serde_json::to_string_pretty(&p).unwrap_or_default(),
            })
        }
        Command::Report { input, subject: Subject { unit, year }, target, format, lang } => {
            let definition = load_index(&input.index)?;
            let data = input::load(&input, &definition, year)?;
            let target = target.map(|t| t.parse::<Target>()).transpose()?;
            let format = match format {
                ReportFormatArg::Md => ReportFormat::Markdown,
                ReportFormatArg::Html => ReportFormat::Html,
            };
            let code = if lang == Lang::Vi { "vi" } else { "en" };
            Ok(chiso::report::report(&definition, &data, &unit, year, target, code, format)?)
        }
        Command::Uncertainty { input, year, from, unit_map, uncertain, format } => {
            let definition = load_index(&input.index)?;
            let data = input::load(&input, &definition, year)?;
            let inputs = uncertain.spec()?.inputs()?;
            let options = UncertaintyOptions { samples: uncertain.samples, seed: uncertain.seed };
            if let Some(from) = from {
                let to = year.ok_or_else(|| chiso::ComputeError::InvalidTarget {
                    message: "--from needs --year: the later year of the comparison".into(),
                })?;
                let mapping = unit_map.as_deref().map(load_mapping).transpose()?;
                let changes = chiso::uncertainty::rank_changes_mapped(
                    &definition,
                    &data,
                    from,
                    to,
                    &inputs,
                    &options,
                    mapping.as_ref(),
                )?;
                return Ok(match format {
                    Format::Table => robustness::changes_table(&changes),
                    Format::Csv => robustness::changes_csv(&changes, raw),
                    Format::Json => robustness::json(&changes),
                });
            }
            let result = chiso::uncertainty::uncertainty(&definition, &data, year, &inputs, &options)?;
            let precision = definition.resolve(result.year).map_or(2, |s| s.precision());
            Ok(match format {
                Format::Table => robustness::uncertainty_table(&result, precision),
                Format::Csv => robustness::uncertainty_csv(&result, raw),
                Format::Json => robustness::json(&result),
            })
        }
        Command::Sensitivity { input, year, uncertain, bootstrap, first_order, format } => {
            let definition = load_index(&input.index)?;
            let data = input::load(&input, &definition, year)?;
            let inputs = uncertain.spec()?.inputs()?;
            let first_order = match first_order.as_str() {
                "jansen" => FirstOrder::Jansen,
                "saltelli" => FirstOrder::Saltelli,
                other => {
                    return Err(chiso::SpecError::UnknownMethod {
                        node: "sensitivity".into(),
                        kind: "first-order estimator",
                        method: other.into(),
                        expected: "jansen, saltelli",
                    }
                    .into())
                }
            };
            let options =
                SensitivityOptions { samples: uncertain.samples, seed: uncertain.seed, bootstrap, first_order };
            let result = chiso::sensitivity::sensitivity(&definition, &data, year, &inputs, &options)?;
            Ok(match format {
                Format::Table => robustness::sensitivity_table(&result),
                Format::Csv => robustness::sensitivity_csv(&result, raw),
                Format::Json => robustness::json(&result),
            })
        }
        Command::Audit { input, year, format } => {
            let definition = load_index(&input.index)?;
            let data = input::load(&input, &definition, year)?;
            let result = chiso::audit::audit(&definition, &data, year)?;
            Ok(match format {
                Format::Table => robustness::audit_table(&result),
                Format::Csv => robustness::audit_csv(&result, raw),
                Format::Json => robustness::json(&result),
            })
        }
        Command::Survey { spec, input, wide, seed, replicates, index, format } => {
            let read = |path: &PathBuf| chiso::data::read_text(path);
            let text = read(&spec)?;
            let mut spec = chiso::survey::SurveySpec::from_text(&text)?;
            if let Some(seed) = seed {
                spec.bootstrap.seed = seed;
            }
            if let Some(r) = replicates {
                spec.bootstrap.replicates = r;
            }
            let result = chiso::survey::aggregate_survey_csv(&spec, &read(&input)?)?;
            for w in &result.warnings {
                eprintln!("chiso: warning: {w}");
            }
            if let Some(index) = index {
                let definition = load_index(&index)?;
                let intervals =
                    chiso::survey::node_intervals(&definition, &result, &ScoreOptions::default(), spec.confidence)?;
                return Ok(output::node_intervals(&intervals, format == Format::Json, raw));
            }
            Ok(output::survey(&result, wide, format == Format::Json, raw)?)
        }
        Command::Calibrate {
            input,
            sheet,
            unit_column,
            year_column,
            target,
            columns,
            method,
            year,
            tolerance,
            scale,
            worst,
            drop_collinear,
            format,
        } => {
            let method = chiso::calibrate::CalibrationMethod::from_name(&method, &target)?;
            let scale = scale.map(|text| parse_scale(&text, &target)).transpose()?;
            let data = input::read(&input, &unit_column, &year_column, sheet.as_deref(), year, None)?;
            let options = chiso::calibrate::CalibrateOptions {
                target,
                columns,
                method,
                year,
                tolerance,
                scale,
                worst,
                drop_collinear,
            };
            let fit = chiso::calibrate::calibrate(&data, &options)?;
            match format {
                CalibrateFormat::Table => Ok(output::calibration_table(&fit)),
                CalibrateFormat::Json => Ok(serde_json::to_string_pretty(&fit).unwrap_or_default()),
                CalibrateFormat::Toml => Ok(fit.to_definition()?.to_toml()?),
            }
        }
        Command::Presets => Ok(output::presets_list()),
        Command::Datasets { action, format } => datasets::run(action, format),
        Command::Schema => Ok(chiso::spec::schema::JSON.to_owned()),
        Command::Spec { index, year, format } => {
            let definition = load_index(&index)?;
            let spec = match year {
                Some(y) => IndexDefinition::from_spec(&definition.resolve(Some(y))?),
                None => definition,
            };
            match format.as_str() {
                "json" => Ok(spec.to_json()),
                "toml" => Ok(spec.to_toml()?),
                other => Err(chiso::SpecError::UnknownMethod {
                    node: "spec".into(),
                    kind: "output format",
                    method: other.into(),
                    expected: "json, toml",
                }
                .into()),
            }
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(text) => {
            print!("{text}");
            if !text.ends_with('\n') {
                println!();
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("chiso: {} error: {e}", e.kind());
            ExitCode::FAILURE
        }
    }
}
