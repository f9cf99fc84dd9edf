//! The `pipeline` target: a random tree (weights, methods, directions, scales,
//! normalisations, editions, rank and tier rules) written as JSON or TOML, random rows written
//! as CSV (decimal commas, text, empty and non-finite cells, Vietnamese names in NFC and NFD),
//! then parsing, scoring, comparison, diagnosis, planning and a report. Each step gives an
//! error or a result whose invariants hold; none may panic.
//!
//! The bytes are decoded as libfuzzer-sys decodes a typed target's input
//! (`Arbitrary::arbitrary_take_rest`), so a corpus file means the same input here and there;
//! the structs below must keep their fields and order for the corpus to stay meaningful.

use std::collections::HashSet;

use arbitrary::{Arbitrary, Unstructured};
use chiso::plan::{PlanOptions, Target};
use chiso::report::ReportFormat;
use chiso::spec::file::{BandFile, EditionFile, NodeFile, NormaliseFile, Param, RankFile, SpecFile, TiersFile};
use chiso::spec::{Direction, Labels, Normalisation, RankBasis, Scale, Ties};
use chiso::{CsvOptions, Dataset, IndexDefinition, ScoreOptions};

use crate::{check_definition, check_error, check_scores};

/// A number: mostly small and plausible, sometimes anything a float can be.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Num {
    Small(i8),
    Hundredths(i16),
    Any(f64),
}

impl Num {
    fn value(self) -> f64 {
        match self {
            Num::Small(n) => f64::from(n),
            Num::Hundredths(n) => f64::from(n) / 100.0,
            Num::Any(x) => x,
        }
    }
}

#[derive(Arbitrary, Debug)]
struct NodeIn {
    parent: u8,
    weight: Option<Num>,
    aggregation: Option<u8>,
    lower_is_better: bool,
    normalise: Option<(Option<Num>, Option<Num>)>,
    scale: Option<(Num, Num)>,
    multiplier: Option<Num>,
    in_data: bool,
}

#[derive(Arbitrary, Debug)]
enum CellIn {
    Number(Num),
    DecimalComma(Num),
    Text(String),
    Empty,
}

#[derive(Arbitrary, Debug)]
struct RowIn {
    name: u8,
    suffix: u8,
    year: u8,
    cells: Vec<CellIn>,
}

#[derive(Arbitrary, Debug)]
struct EditionIn {
    to: u8,
    weights: Vec<(u8, Num)>,
    remove: Vec<u8>,
}

/// One structured input: a tree of up to 24 nodes, up to 16 rows, editions, rules and a target.
#[derive(Arbitrary, Debug)]
pub struct PipelineInput {
    nodes: Vec<NodeIn>,
    rows: Vec<RowIn>,
    with_year: bool,
    toml: bool,
    delimiter: u8,
    rank: u8,
    tiers: Option<(bool, Vec<Num>)>,
    editions: Vec<EditionIn>,
    score_year: Option<u8>,
    target: (u8, Num),
    unit: u8,
}

const NAMES: [&str; 8] = ["Hà Nội", "Ha\u{300} Nô\u{323}i", "Đà Nẵng", " Quảng Ninh ", "A", "b", "X,Y", "\"Q\""];
const AGGREGATIONS: [&str; 9] =
    ["weighted_mean", "weighted_sum", "geometric_mean", "harmonic_mean", "minimum", "maximum", "median", "mean", "bad"];

fn id(i: usize) -> String {
    format!("n{i}")
}

fn spec_file(input: &PipelineInput) -> SpecFile {
    let count = input.nodes.len().clamp(1, 24);
    let mut children: Vec<Vec<String>> = vec![Vec::new(); count];
    for (i, n) in input.nodes.iter().enumerate().take(count).skip(1) {
        children[usize::from(n.parent) % i].push(id(i));
    }
    let nodes = input
        .nodes
        .iter()
        .take(count)
        .enumerate()
        .map(|(i, n)| NodeFile {
            id: id(i),
            label: (i % 3 == 0).then(|| Labels { vi: format!("Nút {i}"), en: String::new() }),
            aliases: Vec::new(),
            weight: n.weight.map(Num::value),
            direction: n.lower_is_better.then(|| "lower_is_better".into()),
            scale: n.scale.map(|(a, b)| Scale { min: a.value(), max: b.value() }),
            aggregation: n.aggregation.map(|a| AGGREGATIONS[usize::from(a) % AGGREGATIONS.len()].into()),
            max: None,
            percent_of_max: None,
            multiplier: n.multiplier.map(Num::value),
            normalise: n.normalise.map(|(low, high)| NormaliseFile {
                method: "min_max".into(),
                params: [("low", low), ("high", high)]
                    .into_iter()
                    .filter_map(|(name, v)| v.map(|v| (name.to_owned(), Param::Number(v.value()))))
                    .collect(),
            }),
            range: None,
            missing: None,
            impute: None,
            treat: None,
            children: std::mem::take(&mut children[i]),
        })
        .collect();
    let rank = match input.rank % 4 {
        0 => None,
        1 => Some(RankFile { on: Some("rounded".into()), decimals: Some(u32::from(input.rank / 4 % 4)), ties: None }),
        2 => Some(RankFile { on: None, decimals: None, ties: Some("dense".into()) }),
        _ => Some(RankFile { on: Some("unrounded".into()), decimals: None, ties: Some("competition".into()) }),
    };
    let tiers = input
        .tiers
        .as_ref()
        .map(|(by_rank, limits)| {
            let bands = limits
                .iter()
                .take(4)
                .enumerate()
                .map(|(i, m)| BandFile {
                    label: Labels::same(&format!("T{i}")),
                    min: (!by_rank).then(|| m.value()),
                    max_rank: by_rank.then(|| m.value().abs() as u32),
                })
                .collect();
            TiersFile {
                rule: if *by_rank { "rank_bands".into() } else { "score_bands".into() },
                percentile: None,
                ties: None,
                from: None,
                to: None,
                bands,
                note: None,
            }
        })
        .into_iter()
        .collect();
    let mut from = 2000;
    let editions = input
        .editions
        .iter()
        .take(3)
        .map(|e| {
            let to = from + i32::from(e.to % 4);
            let edition = EditionFile {
                from,
                to,
                weights: e.weights.iter().take(4).map(|(n, w)| (id(usize::from(*n) % count), w.value())).collect(),
                maxima: Default::default(),
                rank: None,
                precision: None,
                published_top: None,
                remove: e.remove.iter().take(2).map(|n| id(usize::from(*n) % count)).collect(),
                leaves: Vec::new(),
                nodes: Vec::new(),
                note: None,
            };
            from = to + 1;
            edition
        })
        .collect();
    SpecFile {
        id: "fuzz".into(),
        label: None,
        description: None,
        root: id(0),
        precision: None,
        rank,
        edition: None,
        rank_within: None,
        published_top: None,
        unit_aliases: Default::default(),
        tiers,
        missing: None,
        impute: None,
        treat: None,
        screen: None,
        nodes,
        editions,
    }
}

fn csv_text(input: &PipelineInput, spec: &SpecFile) -> (String, usize) {
    let delimiter = [',', ';', '\t'][usize::from(input.delimiter % 3)];
    let columns: Vec<&str> =
        spec.nodes.iter().zip(&input.nodes).filter(|(_, n)| n.in_data).map(|(s, _)| s.id.as_str()).collect();
    let quote = |text: &str| {
        if text.contains([delimiter, '"', '\n', '\r']) {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text.to_owned()
        }
    };
    let mut out = String::from("unit");
    if input.with_year {
        out.push(delimiter);
        out.push_str("year");
    }
    for c in &columns {
        out.push(delimiter);
        out.push_str(c);
    }
    out.push('\n');
    let rows = input.rows.len().min(16);
    for row in input.rows.iter().take(rows) {
        out.push_str(&quote(&format!("{}{}", NAMES[usize::from(row.name) % NAMES.len()], row.suffix % 8)));
        if input.with_year {
            out.push(delimiter);
            out.push_str(&(2000 + i32::from(row.year % 6)).to_string());
        }
        for c in 0..columns.len() {
            out.push(delimiter);
            let cell = match row.cells.get(c) {
                Some(CellIn::Number(n)) => n.value().to_string(),
                Some(CellIn::DecimalComma(n)) => n.value().to_string().replace('.', ","),
                Some(CellIn::Text(t)) => t.clone(),
                Some(CellIn::Empty) => String::new(),
                None => "1".into(),
            };
            out.push_str(&quote(&cell));
        }
        out.push('\n');
    }
    (out, rows)
}

/// The target: `data` decoded into a [`PipelineInput`] as libFuzzer's typed targets do (input
/// too short to decode is skipped, as there).
pub fn pipeline(data: &[u8]) {
    if let Ok(input) = PipelineInput::arbitrary_take_rest(Unstructured::new(data)) {
        pipeline_input(&input);
    }
}

/// The specification text (JSON or TOML) and the CSV data a pipeline input writes, to reproduce
/// a finding outside the fuzzer (`None` when the bytes do not decode or the spec does not
/// serialise, inputs the target skips).
pub fn pipeline_texts(data: &[u8]) -> Option<(String, String)> {
    let input = PipelineInput::arbitrary_take_rest(Unstructured::new(data)).ok()?;
    let file = spec_file(&input);
    let text = if input.toml { toml::to_string(&file).ok() } else { serde_json::to_string(&file).ok() }?;
    Some((text, csv_text(&input, &file).0))
}

/// Runs one structured input through every step.
pub fn pipeline_input(input: &PipelineInput) {
    let file = spec_file(input);
    let text = if input.toml { toml::to_string(&file).ok() } else { serde_json::to_string(&file).ok() };
    let Some(text) = text else { return };
    let parsed = if input.toml { IndexDefinition::from_toml(&text) } else { IndexDefinition::from_json(&text) };
    let definition = match parsed {
        Ok(d) => d,
        Err(e) => return check_error(&e.into()),
    };
    check_definition(&definition);
    let (csv, _) = csv_text(input, &file);
    let data = match Dataset::from_csv_str(&csv, &CsvOptions::default()) {
        Ok(d) => d,
        Err(e) => return check_error(&e.into()),
    };
    let years = data.distinct_years();
    let year = match (input.score_year, years.is_empty()) {
        (Some(i), false) => Some(years[usize::from(i) % years.len()]),
        (Some(i), true) => Some(2000 + i32::from(i % 8)),
        (None, _) => None,
    };
    let options = ScoreOptions { year, strict: input.rank & 0x80 != 0, ..ScoreOptions::default() };
    let scores = match chiso::score(&definition, &data, &options) {
        Ok(s) => s,
        Err(e) => return check_error(&e),
    };
    let expected = match (data.years(), year) {
        (Some(ys), Some(y)) => ys.iter().filter(|&&v| v == y).count(),
        _ => data.len(),
    };
    check_scores(&scores, expected);
    // Competition ranking on unrounded scores: 1 + the number of better units that year.
    for row in &scores.rows {
        let spec = definition.resolve(row.year).expect("scored years resolve");
        let rule = spec.rank_rule();
        if rule.basis != RankBasis::Unrounded || rule.ties != Ties::Competition {
            continue;
        }
        // A normalised leaf's values are direction-adjusted already (the best unit has the
        // highest), so it ranks higher-is-better whatever its direction; otherwise the direction.
        let root = spec.root();
        let direction = if root.normalise == Normalisation::None { root.direction } else { Direction::HigherIsBetter };
        let better = |other: f64| match direction {
            Direction::HigherIsBetter => other > row.score,
            Direction::LowerIsBetter => other < row.score,
        };
        let ahead = scores.year(row.year).filter(|o| better(o.score)).count();
        assert_eq!(row.rank as usize, ahead + 1, "rank of {} in {:?}", row.unit, row.year);
    }
    let unit = scores.rows[usize::from(input.unit) % scores.rows.len()].unit.clone();
    if years.len() >= 2 {
        if let Ok(c) = chiso::compare(&definition, &data, years[0], years[1]) {
            let units = |y: i32| -> HashSet<String> {
                data.units()
                    .iter()
                    .zip(data.years().unwrap_or_default())
                    .filter(|(_, &v)| v == y)
                    .map(|(u, _)| u.clone())
                    .collect()
            };
            let all: HashSet<String> = units(years[0]).union(&units(years[1])).cloned().collect();
            assert_eq!(c.rows.len(), all.len(), "a comparison reports every unit of either year once");
        }
    }
    let _ = chiso::diagnose::diagnose(&definition, &data, &unit, year, None);
    let target = match input.target.0 % 3 {
        0 => Target::Score(input.target.1.value()),
        1 => Target::Rank(u32::from(input.target.0 / 3).max(1)),
        _ => Target::Gain(u32::from(input.target.0 / 3)),
    };
    if let Ok(p) = chiso::plan::plan(&definition, &data, &unit, year, target, &PlanOptions::default()) {
        assert!(p.score_planned.is_finite() && p.score_now.is_finite(), "{p:?}");
        for step in &p.steps {
            assert!(step.gain.is_finite() && step.gain >= -1e-9, "{step:?}");
            assert!(step.gain <= step.max_gain + 1e-6 * step.max_gain.abs().max(1.0), "{step:?}");
        }
    }
    let _ = chiso::report::report(&definition, &data, &unit, year, None, "vi", ReportFormat::Html);
}
