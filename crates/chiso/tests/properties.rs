//! Properties over random specifications and data (proptest): what must hold for every input,
//! not only for the published tables.
//!
//! - every node's score lies within its scale;
//! - with arithmetic aggregation and higher-is-better nodes, raising one indicator of one unit
//!   never lowers that unit's composite, nor (without min–max rescaling) its rank;
//! - permuting the input rows permutes the output rows and changes nothing else;
//! - every output row is an input row, in input order, and none is lost;
//! - ranks are the competition ranking of the unrounded scores;
//! - results are identical across repeated runs and across threads;
//! - the JSON and TOML forms of any valid specification read back to the same definition.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chiso::spec::file::{BandFile, EditionFile, NodeFile, NormaliseFile, RankFile, SpecFile, TiersFile};
use chiso::spec::{Labels, Scale, YearRange};
use chiso::{score, Dataset, IndexDefinition, ScoreOptions, Scores};
use proptest::prelude::*;
use proptest::sample::Index;

/// How many cases each property tries: enough to find a broken invariant, few enough for the
/// normal test suite (the whole file runs in a few seconds). `PROPTEST_CASES=5000` searches
/// longer.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(96);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

const MEANS: [&str; 6] = ["weighted_mean", "geometric_mean", "harmonic_mean", "minimum", "maximum", "median"];

/// A random tree: node 0 is the root, node i > 0 hangs under one of the nodes before it.
#[derive(Debug, Clone)]
struct Tree {
    parent: Vec<usize>,
    weight: Vec<f64>,
    method: Vec<&'static str>,
    multiplier: Vec<f64>,
    /// Leaves: the scale [low, low + width] of the raw values, and whether they are min–max
    /// rescaled onto it.
    low: Vec<f64>,
    width: Vec<f64>,
    min_max: Vec<bool>,
}

impl Tree {
    fn len(&self) -> usize {
        self.parent.len()
    }
    fn children(&self, n: usize) -> Vec<usize> {
        (1..self.len()).filter(|&c| self.parent[c] == n).collect()
    }
    fn leaves(&self) -> Vec<usize> {
        (0..self.len()).filter(|&n| self.children(n).is_empty()).collect()
    }
    fn id(n: usize) -> String {
        format!("n{n}")
    }

    /// The scale of every node: leaves their own, groups the range their method can give from
    /// their children's ranges, times the multiplier.
    fn scales(&self) -> Vec<(f64, f64)> {
        let mut scale = vec![(0.0, 0.0); self.len()];
        for n in (0..self.len()).rev() {
            let children = self.children(n);
            scale[n] = if children.is_empty() {
                (self.low[n], self.low[n] + self.width[n])
            } else if self.method[n] == "weighted_sum" {
                let lo: f64 = children.iter().map(|&c| self.weight[c] * scale[c].0).sum();
                let hi: f64 = children.iter().map(|&c| self.weight[c] * scale[c].1).sum();
                (lo * self.multiplier[n], hi * self.multiplier[n])
            } else {
                let lo = children.iter().map(|&c| scale[c].0).fold(f64::INFINITY, f64::min);
                let hi = children.iter().map(|&c| scale[c].1).fold(f64::NEG_INFINITY, f64::max);
                (lo * self.multiplier[n], hi * self.multiplier[n])
            };
        }
        scale
    }

    /// The spec file: every node declares its scale, so scores can be checked against it.
    fn file(&self) -> SpecFile {
        let scales = self.scales();
        let nodes = (0..self.len())
            .map(|n| {
                let children: Vec<String> = self.children(n).into_iter().map(Tree::id).collect();
                let leaf = children.is_empty();
                NodeFile {
                    id: Tree::id(n),
                    label: None,
                    aliases: Vec::new(),
                    weight: Some(self.weight[n]),
                    direction: None,
                    scale: Some(Scale { min: scales[n].0, max: scales[n].1 }),
                    aggregation: (!leaf).then(|| self.method[n].to_owned()),
                    multiplier: (!leaf).then_some(self.multiplier[n]),
                    normalise: (leaf && self.min_max[n])
                        .then(|| NormaliseFile { method: "min_max".into(), params: Default::default() }),
                    range: None,
                    missing: None,
                    impute: None,
                    treat: None,
                    max: None,
                    percent_of_max: None,
                    children,
                }
            })
            .collect();
        SpecFile {
            id: "random".into(),
            label: None,
            description: None,
            root: Tree::id(0),
            precision: None,
            rank: None,
            edition: None,
            tiers: Vec::new(),
            missing: None,
            impute: None,
            treat: None,
            screen: None,
            rank_within: None,
            published_top: None,
            unit_aliases: Default::default(),
            nodes,
            editions: Vec::new(),
        }
    }

    fn definition(&self) -> IndexDefinition {
        IndexDefinition::from_file(self.file()).unwrap()
    }
}

fn tree(methods: &'static [&'static str]) -> impl Strategy<Value = Tree> {
    (1usize..9)
        .prop_flat_map(move |n| {
            (
                proptest::collection::vec(any::<Index>(), n),
                proptest::collection::vec(0.1f64..5.0, n),
                proptest::collection::vec(proptest::sample::select(methods), n),
                proptest::collection::vec(prop_oneof![Just(1.0), 0.5f64..20.0], n),
                proptest::collection::vec(0.5f64..5.0, n),
                proptest::collection::vec(0.5f64..10.0, n),
                proptest::collection::vec(any::<bool>(), n),
            )
        })
        .prop_map(|(parents, weight, method, multiplier, low, width, min_max)| Tree {
            parent: parents.iter().enumerate().map(|(i, p)| if i == 0 { 0 } else { p.index(i) }).collect(),
            weight,
            method,
            multiplier,
            low,
            width,
            min_max,
        })
}

/// A tree and data for it: `units` rows (optionally over two years) with a value inside its
/// leaf's scale for every leaf.
#[derive(Debug, Clone)]
struct Case {
    tree: Tree,
    years: bool,
    /// `values[row][k]` for the k-th leaf, as a share of the leaf's scale width.
    shares: Vec<Vec<f64>>,
}

impl Case {
    fn units(&self) -> Vec<String> {
        // Vietnamese names, some typed with combining marks (NFD): the output has them in NFC.
        const NAMES: [&str; 4] = ["Hà Nội", "Đà Nẵng", "Qua\u{309}ng Ninh", "Bình Dương"];
        (0..self.shares.len()).map(|r| format!("{} {}", NAMES[r % 4], r / 4)).collect()
    }
    fn year_of(&self, row: usize) -> i32 {
        if self.years {
            2019 + (row % 2) as i32
        } else {
            0
        }
    }
    fn value(&self, row: usize, k: usize) -> f64 {
        let leaf = self.tree.leaves()[k];
        self.tree.low[leaf] + self.shares[row][k] * self.tree.width[leaf]
    }
    fn dataset(&self, order: &[usize]) -> Dataset {
        let units: Vec<String> = order.iter().map(|&r| self.units()[r].clone()).collect();
        let years = self.years.then(|| order.iter().map(|&r| self.year_of(r)).collect());
        let mut data = Dataset::new(units, years).unwrap();
        for (k, leaf) in self.tree.leaves().into_iter().enumerate() {
            data.add_column(&Tree::id(leaf), order.iter().map(|&r| Some(self.value(r, k))).collect()).unwrap();
        }
        data
    }
}

fn case(methods: &'static [&'static str]) -> impl Strategy<Value = Case> {
    (tree(methods), any::<bool>(), 2usize..10).prop_flat_map(|(tree, years, rows)| {
        let leaves = tree.leaves().len();
        // Shares on a grid of 1/8 so that ties (and constant min–max columns) happen.
        let share = prop_oneof![(0u8..=8).prop_map(|s| f64::from(s) / 8.0), 0.0f64..=1.0];
        proptest::collection::vec(proptest::collection::vec(share, leaves), rows).prop_map(move |shares| Case {
            tree: tree.clone(),
            years,
            shares,
        })
    })
}

fn identity(n: usize) -> Vec<usize> {
    (0..n).collect()
}

/// Scores a case; an error is only allowed for a constant min–max column.
fn scored(case: &Case, order: &[usize]) -> Option<Scores> {
    match score(&case.tree.definition(), &case.dataset(order), &ScoreOptions::default()) {
        Ok(s) => Some(s),
        Err(e) => {
            assert_eq!(e.variant(), "ConstantIndicator", "{e}");
            None
        }
    }
}

/// Every score (root and components) of a row, by node id.
fn node_scores(row: &chiso::ScoreRow, root: &str) -> Vec<(String, f64, u32)> {
    let mut all = vec![(root.to_owned(), row.score, row.rank)];
    all.extend(row.components.iter().map(|c| (c.id.clone(), c.score, c.rank)));
    all
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn scores_lie_within_each_nodes_scale(case in case(&MEANS)) {
        let Some(scores) = scored(&case, &identity(case.shares.len())) else { return Ok(()) };
        let spec = case.tree.definition().resolve(None).unwrap();
        for row in &scores.rows {
            for (id, value, _) in node_scores(row, "n0") {
                let scale = spec.node(&id).unwrap().scale.unwrap();
                prop_assert!(value.is_finite() && scale.contains(value), "{id} = {value} outside {scale:?}");
            }
        }
    }

    #[test]
    fn every_input_row_comes_out_once_in_input_order(case in case(&MEANS)) {
        let Some(scores) = scored(&case, &identity(case.shares.len())) else { return Ok(()) };
        prop_assert_eq!(scores.rows.len(), case.shares.len());
        for (r, row) in scores.rows.iter().enumerate() {
            let nfc = chiso::data::normalise_unit(&case.units()[r]);
            prop_assert_eq!(&row.unit, &nfc);
            prop_assert_eq!(row.year, case.years.then(|| case.year_of(r)));
        }
    }

    #[test]
    fn ranks_are_the_competition_ranking_of_the_unrounded_scores(case in case(&MEANS)) {
        let Some(scores) = scored(&case, &identity(case.shares.len())) else { return Ok(()) };
        for row in &scores.rows {
            let peers: Vec<&chiso::ScoreRow> = scores.year(row.year).collect();
            prop_assert_eq!(row.out_of as usize, peers.len());
            for (id, value, rank) in node_scores(row, "n0") {
                let better = peers
                    .iter()
                    .filter(|p| node_scores(p, "n0").iter().any(|(i, v, _)| *i == id && *v > value))
                    .count();
                prop_assert_eq!(rank as usize, better + 1, "{} of {}", id, row.unit);
            }
        }
    }

    #[test]
    fn permuting_rows_permutes_the_output_only(case in case(&MEANS), seed in any::<u64>()) {
        let n = case.shares.len();
        let mut order = identity(n);
        // A Fisher–Yates shuffle driven by the seed.
        let mut state = seed | 1;
        for i in (1..n).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            order.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let (Some(straight), Some(shuffled)) = (scored(&case, &identity(n)), scored(&case, &order)) else {
            return Ok(());
        };
        for (position, &r) in order.iter().enumerate() {
            prop_assert_eq!(&shuffled.rows[position], &straight.rows[r]);
        }
    }

    #[test]
    fn results_are_identical_across_runs_and_threads(case in case(&MEANS)) {
        let n = case.shares.len();
        let first = scored(&case, &identity(n));
        prop_assert_eq!(&scored(&case, &identity(n)), &first);
        let definition = case.tree.definition();
        let data = case.dataset(&identity(n));
        let from_threads: Vec<Option<Scores>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..3)
                .map(|_| s.spawn(|| score(&definition, &data, &ScoreOptions::default()).ok()))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for other in &from_threads {
            prop_assert_eq!(other, &first);
        }
    }

    #[test]
    fn raising_an_indicator_never_lowers_the_composite_or_the_rank(
        case in case(&["weighted_mean", "weighted_sum"]),
        which in any::<(Index, Index)>(),
        rise in 0.0f64..=1.0,
    ) {
        let n = case.shares.len();
        let (row, leaf) = (which.0.index(n), which.1.index(case.tree.leaves().len()));
        let mut raised = case.clone();
        let share = &mut raised.shares[row][leaf];
        *share += rise * (1.0 - *share);
        let (Some(before), Some(after)) = (scored(&case, &identity(n)), scored(&raised, &identity(n))) else {
            return Ok(());
        };
        let (b, a) = (&before.rows[row], &after.rows[row]);
        prop_assert!(a.score >= b.score, "composite fell from {} to {}", b.score, a.score);
        // Min–max rescaling moves the other units too; without it only this unit moves.
        if !case.tree.min_max.iter().zip(0..).any(|(&m, n)| m && case.tree.children(n).is_empty()) {
            prop_assert!(a.rank <= b.rank, "rank fell from {} to {}", b.rank, a.rank);
        }
    }
}

// --- JSON and TOML round trips of any valid specification ----------------------------------------

/// Label text with Vietnamese letters, quotes, backslashes and line breaks.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 àảãáạăằắặâầấđèéêềếìíòóôồốơờớùúưừứỳýỹĐ\"'\\\\\n\t#=\\[\\]{}]{0,16}"
}

fn labels() -> impl Strategy<Value = Option<Labels>> {
    proptest::option::of((text(), text()).prop_map(|(vi, en)| Labels { vi, en }))
}

/// A float that TOML and JSON must both carry exactly: any finite value, including tiny,
/// huge, negative zero and long fractions.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![0.0f64..100.0, Just(-0.0), Just(1e-300), Just(1.7976931348623157e308), Just(0.1 + 0.2), -1e6f64..1e6]
}

fn spec_file() -> impl Strategy<Value = SpecFile> {
    (
        tree(&["weighted_mean", "weighted_sum", "geometric_mean", "minimum", "median"]),
        proptest::collection::vec(labels(), 9),
    )
        .prop_flat_map(|(tree, labels)| {
            let count = tree.len();
            (
                Just(tree),
                Just(labels),
                proptest::option::of(text()),
                proptest::option::of(0u32..=12),
                proptest::option::of((any::<bool>(), 0u32..=12, any::<bool>())),
                proptest::option::of(proptest::collection::vec(number(), 1..4)),
                proptest::collection::vec(
                    (0i32..4, proptest::collection::vec((0..count, 0.1f64..9.0), 0..3), any::<Index>(), any::<bool>()),
                    0..4,
                ),
                proptest::option::of(text()),
            )
        })
        .prop_map(|(tree, labels, description, precision, rank, bands, editions, note)| {
            let mut file = tree.file();
            for (node, label) in file.nodes.iter_mut().zip(labels) {
                node.label = label;
            }
            file.label = file.nodes[0].label.clone();
            file.description = description;
            file.precision = precision;
            file.rank = rank.map(|(rounded, decimals, dense)| RankFile {
                on: Some(if rounded { "rounded" } else { "unrounded" }.into()),
                decimals: rounded.then_some(decimals),
                ties: dense.then(|| "dense".into()),
            });
            if let Some(mut mins) = bands {
                mins.sort_by(|a, b| b.total_cmp(a));
                mins.dedup();
                let last = mins.len();
                file.tiers.push(TiersFile {
                    rule: "score_bands".into(),
                    from: Some(2000),
                    to: None,
                    bands: (0..=last)
                        .map(|i| BandFile {
                            label: Labels::same(&format!("Hạng {i}")),
                            min: mins.get(i).copied(),
                            max_rank: None,
                        })
                        .collect(),
                    note: note.clone(),
                    percentile: None,
                    ties: None,
                });
            }
            let mut from = 2000;
            for (span, weights, remove, removes) in editions {
                // Remove a node only where its parent keeps another child.
                let candidates: Vec<usize> =
                    (1..tree.len()).filter(|&n| tree.children(tree.parent[n]).len() > 1).collect();
                let remove =
                    (removes && !candidates.is_empty()).then(|| Tree::id(candidates[remove.index(candidates.len())]));
                file.editions.push(EditionFile {
                    from,
                    to: from + span,
                    weights: weights.into_iter().map(|(n, w)| (Tree::id(n), w)).collect(),
                    remove: remove.into_iter().collect(),
                    leaves: Vec::new(),
                    nodes: Vec::new(),
                    note: note.clone(),
                    maxima: Default::default(),
                    rank: None,
                    precision: None,
                    published_top: None,
                });
                from += span + 1;
            }
            file
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn json_and_toml_round_trips_are_lossless(file in spec_file()) {
        // The generator makes valid files; proptest fails the test if it rejects too many.
        let definition = IndexDefinition::from_file(file.clone());
        prop_assume!(definition.is_ok(), "{:?}", definition);
        let definition = definition.unwrap();
        prop_assert_eq!(definition.file(), &file);
        let json = definition.to_json();
        prop_assert_eq!(&IndexDefinition::from_json(&json).unwrap(), &definition, "{}", json);
        let toml = definition.to_toml().unwrap();
        prop_assert_eq!(&IndexDefinition::from_toml(&toml).unwrap(), &definition, "{}", toml);
        // Each edition on its own, as `chiso spec --year` writes it, reads back to the same tree.
        let years: Vec<Option<i32>> = match definition.editions().as_slice() {
            [] => vec![None],
            ranges => ranges.iter().map(|r: &YearRange| Some(r.from)).collect(),
        };
        for year in years {
            let spec = definition.resolve(year).unwrap();
            let back = IndexDefinition::from_json(&spec.to_json()).unwrap().resolve(year).unwrap();
            prop_assert_eq!(back.nodes(), spec.nodes());
            prop_assert_eq!(back.rank_rule(), spec.rank_rule());
            prop_assert_eq!(back.tiers(), spec.tiers());
            let toml = IndexDefinition::from_toml(&spec.to_toml().unwrap()).unwrap().resolve(year).unwrap();
            prop_assert_eq!(toml.nodes(), spec.nodes());
        }
    }
}

#[test]
fn a_lower_is_better_headline_ranks_the_lowest_score_first() {
    // The competition-ranking property above is for higher-is-better trees; this pins the
    // other direction with numbers worked by hand: min–max onto 1..10, lower is better.
    let definition = IndexDefinition::from_toml(
        "id = \"x\"\nroot = \"t\"\n[[nodes]]\nid = \"t\"\nchildren = [\"a\"]\n\
         [[nodes]]\nid = \"a\"\ndirection = \"lower_is_better\"\nnormalise = { method = \"min_max\", low = 1, high = 10 }\n",
    )
    .unwrap();
    let data = Dataset::from_csv_str("unit,a\nX,2\nY,4\nZ,6\nW,4\n", &chiso::CsvOptions::default()).unwrap();
    let scores = score(&definition, &data, &ScoreOptions::default()).unwrap();
    let got: Vec<(f64, u32)> = scores.rows.iter().map(|r| (r.score, r.rank)).collect();
    assert_eq!(got, vec![(10.0, 1), (5.5, 2), (1.0, 4), (5.5, 2)]);
}

// --- nothing lost: unit names through CSV and back ----------------------------------------------

/// A unit name: Vietnamese (precomposed or with combining marks), CSV metacharacters, quotes,
/// line breaks, spaces around it, other scripts and emoji.
fn unit_name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ ]{0,2}[A-Za-zĐđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ,;\"'\t\n\r =+-]{1,24}[ ]{0,2}",
        "\\PC{1,12}",
        Just("Qua\u{309}ng Ninh".to_owned()),
        Just("Thừa Thiên \u{2013} Huế 🏯".to_owned()),
    ]
}

proptest! {
    #![proptest_config(config())]

    /// CSV in → scores → CSV out: every row comes back once, its unit name byte for byte the
    /// input's after NFC and trimming, whatever the name holds.
    #[test]
    fn unit_names_survive_a_csv_round_trip(
        names in proptest::collection::vec(unit_name(), 1..12),
        decimal_comma in any::<bool>(),
    ) {
        let mut seen = std::collections::HashSet::new();
        let names: Vec<String> = names
            .into_iter()
            .filter(|n| {
                let nfc = chiso::data::normalise_unit(n);
                !nfc.is_empty() && seen.insert(nfc)
            })
            .collect();
        prop_assume!(!names.is_empty());
        let delimiter = if decimal_comma { b';' } else { b',' };
        let mut writer = csv::WriterBuilder::new().delimiter(delimiter).from_writer(Vec::new());
        writer.write_record(["unit", "a"]).unwrap();
        for (i, name) in names.iter().enumerate() {
            let value = if decimal_comma { format!("{i},5") } else { format!("{i}.5") };
            writer.write_record([name.as_str(), value.as_str()]).unwrap();
        }
        let input = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        let definition = IndexDefinition::from_toml(
            "id = \"x\"\nroot = \"t\"\n[[nodes]]\nid = \"t\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\n",
        )
        .unwrap();
        let data = Dataset::from_csv_str(&input, &chiso::CsvOptions::default());
        let data = data.map_err(|e| TestCaseError::fail(format!("{e}\n{input:?}")))?;
        let scores = score(&definition, &data, &ScoreOptions::default()).unwrap();
        prop_assert_eq!(scores.rows.len(), names.len());
        let mut out = csv::Writer::from_writer(Vec::new());
        for row in &scores.rows {
            out.write_record([row.unit.as_str(), &row.score.to_string()]).unwrap();
        }
        let output = out.into_inner().unwrap();
        let back: Vec<String> = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(output.as_slice())
            .records()
            .map(|r| r.unwrap()[0].to_owned())
            .collect();
        for ((name, row), unit) in names.iter().zip(&scores.rows).zip(&back) {
            let nfc = chiso::data::normalise_unit(name);
            prop_assert_eq!(&row.unit, &nfc);
            prop_assert_eq!(unit.as_bytes(), nfc.as_bytes());
        }
        for (i, row) in scores.rows.iter().enumerate() {
            prop_assert_eq!(row.score, i as f64 + 0.5);
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// A diagnosis's cost to the leader is the composite re-aggregated with that one
    /// sub-index at the leader's level (diagnose computes it from prepared sums).
    #[test]
    fn diagnosis_costs_are_the_re_aggregated_composite(
        case in case(&["weighted_mean", "weighted_sum", "geometric_mean", "harmonic_mean", "minimum", "maximum", "median"]),
        which in any::<Index>(),
    ) {
        let n = case.shares.len();
        let Some(scores) = scored(&case, &identity(n)) else { return Ok(()) };
        let row = &scores.rows[which.index(n)];
        let definition = case.tree.definition();
        let d = chiso::diagnose::diagnose(&definition, &case.dataset(&identity(n)), &row.unit, row.year, None).unwrap();
        let spec = definition.resolve(None).unwrap();
        let root = spec.root();
        let method = root.aggregation.unwrap_or(chiso::spec::Aggregation::WeightedMean);
        let weights: Vec<f64> = spec.components().map(|c| c.weight).collect();
        let values: Vec<f64> = d.components.iter().map(|c| c.score).collect();
        prop_assume!(values.len() == weights.len());
        let composite = |v: &[f64]| chiso::aggregate::aggregate(method, v, &weights).unwrap() * root.multiplier;
        for (i, c) in d.components.iter().enumerate() {
            let mut raised = values.clone();
            raised[i] = c.leader.max(c.score);
            let expected = composite(&raised) - composite(&values);
            let tolerance = 1e-9 * composite(&values).abs().max(1.0);
            prop_assert!((c.cost_to_leader - expected).abs() <= tolerance, "{}: {} vs {}", c.id, c.cost_to_leader, expected);
        }
    }
}
