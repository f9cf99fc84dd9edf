//! `chiso profile`: one unit across indices. Arguments and printing only; the numbers and
//! the page come from `chiso::profile` and `chiso::presentation::profile_page`.

use std::path::PathBuf;

use chiso::plan::Target;
use chiso::profile::{profile, source_from_csv, Manifest, ProfileOptions, ProfileRow, SourceKind, TargetOutcome};
use chiso::report::ReportFormat;
use chiso::{CsvOptions, UnitMapping};

use crate::output::{csv_text, render};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProfileFormat {
    /// Aligned table.
    Table,
    /// CSV with unrounded numbers.
    Csv,
    /// JSON with unrounded numbers.
    Json,
    /// Markdown page.
    Md,
    /// Standalone HTML page with an inline SVG chart.
    Html,
}

#[derive(clap::Args)]
pub struct ProfileArgs {
    /// The unit (default: the manifest's).
    #[arg(long)]
    unit: Option<String>,
    /// The year (default: the manifest's).
    #[arg(long)]
    year: Option<i32>,
    /// The year compared with (default: the year before).
    #[arg(long)]
    previous: Option<i32>,
    /// `INDEX=FILE` (repeatable): a preset id or spec file, and a CSV that is either the full
    /// table or published results (a file with an `out_of` column: unit, year, score, rank,
    /// out_of[, tier]).
    #[arg(long = "source", value_name = "INDEX=FILE")]
    sources: Vec<String>,
    /// A TOML (or JSON) manifest listing the sources; `--source` adds to it.
    #[arg(long)]
    manifest: Option<PathBuf>,
    /// Column with the unit names in full tables given with `--source`.
    #[arg(long, default_value = "unit")]
    unit_column: String,
    /// Column with the years in full tables given with `--source`.
    #[arg(long, default_value = "year")]
    year_column: String,
    /// Unit changes: `vn-provinces` (shipped, 2004–2025) or a mapping CSV.
    #[arg(long)]
    units: Option<String>,
    /// `top:N`, `rank:N`, `score:S` or `gain:K`, asked of every index (repeatable).
    #[arg(long = "target")]
    targets: Vec<String>,
    /// Language of labels and decimal mark.
    #[arg(long, value_enum, default_value = "en")]
    lang: crate::Lang,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: ProfileFormat,
}

fn invalid(message: String) -> chiso::Error {
    chiso::ComputeError::InvalidTarget { message }.into()
}

pub fn run(args: ProfileArgs, raw: bool) -> Result<String, chiso::Error> {
    let loaded = args.manifest.as_ref().map(|m| Manifest::load(m, args.year)).transpose()?;
    let (mut sources, mut options, manifest_unit, manifest_year) = match loaded {
        Some(l) => (l.sources, l.options, l.unit, l.year),
        None => (Vec::new(), ProfileOptions::default(), None, None),
    };
    let year = args.year.or(manifest_year).ok_or_else(|| invalid("give --year (or `year` in the manifest)".into()))?;
    let unit = args.unit.or(manifest_unit).ok_or_else(|| invalid("give --unit (or `unit` in the manifest)".into()))?;
    let csv_options = CsvOptions {
        unit_column: args.unit_column.clone(),
        year_column: args.year_column.clone(),
        ..Default::default()
    };
    for item in &args.sources {
        let (index, file) = item
            .split_once('=')
            .ok_or_else(|| invalid(format!("--source '{item}' is not INDEX=FILE (e.g. pci=pci.csv)")))?;
        let id = chiso::presets::canonical(index);
        let definition =
            if chiso::presets::ids().contains(&id.as_str()) { None } else { Some(crate::load_index(index.trim())?) };
        let text = chiso::data::read_text(file.trim())?;
        sources.push(source_from_csv(index.trim(), definition, &text, &csv_options, year)?);
    }
    if let Some(units) = &args.units {
        options.mapping = Some(if units == "vn-provinces" {
            UnitMapping::vietnam_provinces()
        } else {
            UnitMapping::from_csv_path(units)?
        });
    }
    options.previous = args.previous.or(options.previous);
    for t in &args.targets {
        options.targets.push(t.parse::<Target>()?);
    }
    let p = profile(&sources, &unit, year, &options)?;
    let vi = args.lang == crate::Lang::Vi;
    let code = if vi { "vi" } else { "en" };
    Ok(match args.format {
        ProfileFormat::Json => serde_json::to_string_pretty(&p).unwrap_or_default() + "\n",
        ProfileFormat::Md => chiso::presentation::profile_page::render(&p, code, ReportFormat::Markdown),
        ProfileFormat::Html => chiso::presentation::profile_page::render(&p, code, ReportFormat::Html),
        ProfileFormat::Table => {
            let header: Vec<String> = if vi {
                ["Chỉ số", "Nguồn", "Điểm", "Hạng", "Nhóm", "± điểm", "± bậc", "Ghi chú"]
            } else {
                ["Index", "Source", "Score", "Rank", "Tier", "Δ points", "Δ places", "Note"]
            }
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
            let rows: Vec<Vec<String>> = p.rows.iter().map(|r| table_row(r, code, vi)).collect();
            let mut out = if vi {
                format!("{} {} (so với {})\n\n", p.unit, p.year, p.previous)
            } else {
                format!("{} {} (against {})\n\n", p.unit, p.year, p.previous)
            };
            out.push_str(&render(&header, &rows, &[false, false, true, true, false, true, true, false]));
            for r in &p.rows {
                for t in &r.targets {
                    out.push_str(&target_line(r, t, code));
                }
            }
            out
        }
        ProfileFormat::Csv => {
            let header = [
                "index",
                "source",
                "unit",
                "year",
                "score",
                "score_unit",
                "rank",
                "out_of",
                "tier",
                "percentile",
                "previous_year",
                "previous_score",
                "previous_rank",
                "score_change",
                "rank_change",
                "note",
            ]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
            let opt = |v: Option<String>| v.unwrap_or_default();
            let rows = p
                .rows
                .iter()
                .map(|r| {
                    vec![
                        r.index.clone(),
                        source_name(r.source).into(),
                        r.unit.clone(),
                        r.year.to_string(),
                        opt(r.score.map(|v| v.to_string())),
                        match r.score_unit {
                            chiso::profile::ScoreUnit::Points => "points".into(),
                            chiso::profile::ScoreUnit::Percent => "percent".into(),
                            chiso::profile::ScoreUnit::OfPoints(m) => format!("of:{m}"),
                        },
                        opt(r.rank.map(|v| v.to_string())),
                        opt(r.out_of.map(|v| v.to_string())),
                        opt(r.tier.as_ref().map(|t| t.get(code).to_owned())),
                        opt(r.percentile.map(|v| v.to_string())),
                        opt(r.previous_year.map(|v| v.to_string())),
                        opt(r.previous_score.map(|v| v.to_string())),
                        opt(r.previous_rank.map(|v| v.to_string())),
                        opt(r.score_change.map(|v| v.to_string())),
                        opt(r.rank_change.map(|v| v.to_string())),
                        opt(r.note.clone()),
                    ]
                })
                .collect();
            csv_text(header, rows, raw)
        }
    })
}

fn source_name(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::FullTable => "full_table",
        SourceKind::Published => "published",
    }
}

/// The source kind as the table shows it.
fn source_label(kind: SourceKind, vi: bool) -> &'static str {
    match (kind, vi) {
        (SourceKind::FullTable, false) => "full table",
        (SourceKind::FullTable, true) => "bảng đầy đủ",
        (SourceKind::Published, false) => "published",
        (SourceKind::Published, true) => "kết quả công bố",
    }
}

fn table_row(r: &ProfileRow, code: &str, vi: bool) -> Vec<String> {
    let dash = || "—".to_owned();
    vec![
        r.label.get(code).to_owned(),
        source_label(r.source, vi).into(),
        chiso::presentation::profile_page::format_score(r, vi),
        match (r.rank, r.out_of) {
            (Some(rank), Some(n)) => format!("{rank}/{n}"),
            (Some(rank), None) => rank.to_string(),
            _ => dash(),
        },
        r.tier.as_ref().map_or_else(dash, |t| t.get(code).to_owned()),
        r.score_change.map_or_else(dash, |x| chiso::display::format_delta(x, r.precision, vi)),
        r.rank_change.map_or_else(dash, |x| format!("{x:+}")),
        r.note.clone().unwrap_or_default(),
    ]
}

/// A target's outcome on one line: the plan's distance, or why there is none.
fn target_line(r: &ProfileRow, t: &TargetOutcome, code: &str) -> String {
    let label = r.label.get(code);
    match t {
        TargetOutcome::Planned { target, reachable, threshold, distance, total_gain, rank_planned } => {
            let target = match target {
                Target::Rank(n) => format!("top:{n}"),
                Target::Gain(k) => format!("gain:{k}"),
                Target::Score(x) => format!("score:{x}"),
            };
            if code == "vi" {
                let d = |x: f64| chiso::display::format_decimal(x, 2, true);
                format!(
                    "{label}: {target} cần {} ({} điểm; các chỉ số thành phần tăng {}; hạng {rank_planned}){}\n",
                    d(*threshold),
                    chiso::display::format_delta(*distance, 2, true),
                    d(*total_gain),
                    if *reachable { "" } else { ", không đạt được trong thang điểm" }
                )
            } else {
                format!(
                    "{label}: {target} needs {threshold:.2} ({distance:+.2} points; sub-indices gain {total_gain:.2}; rank {rank_planned}){}\n",
                    if *reachable { "" } else { ", not reachable within the scales" }
                )
            }
        }
        TargetOutcome::NeedsFullTable { message, .. } => format!("{label}: {message}\n"),
    }
}
