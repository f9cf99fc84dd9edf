//! Results as columns: what the engine computes, kept as it computes it.
//!
//! A [`ScoreTable`] holds one `f64` score column and one rank column per node (node ids as
//! indices, the headline first), units and years once, and the dropped rows, cell log and
//! stages beside them. Front ends read whole columns (numpy arrays, typed arrays) without a
//! String or an object per unit and node; [`ScoreTable::row`] and [`ScoreTable::into_scores`]
//! give the row view ([`crate::Scores`]) on demand.
//!
//! **Absent values.** A node without a value for a row (a year whose edition lacks the node,
//! or too few children present under an `available` rule) has rank `0` — the validity mask —
//! and score `NaN` in the column; [`ScoreTable::score`] returns `None` for it.

use serde::Serialize;

use crate::engine::Engine;
use crate::rank::{rank_direction, rank_grouped, tiers as tier_list, RankBuffer, Tier};
use crate::score::{CellNote, Dropped, NodeScore, ScoreRow, Scores, Stages};

/// Every node's score and rank for every row scored, as columns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreTable {
    /// Index id.
    pub index: String,
    /// Decimals for display.
    pub precision: u32,
    /// Whether any year had a tier rule.
    pub has_tiers: bool,
    /// Node ids: the headline first, then every other node computed in some year, in spec
    /// order of the first year that has it.
    pub nodes: Vec<String>,
    /// Unit of each row (NFC), rows in input order.
    pub units: Vec<String>,
    /// Year of each row.
    pub years: Vec<Option<i32>>,
    /// 1-based data row of each row.
    pub data_rows: Vec<usize>,
    /// `scores[node][row]`, unrounded; `NaN` where the rank is 0 (absent).
    pub scores: Vec<Vec<f64>>,
    /// `ranks[node][row]` among the units ranked together; 0 = no value.
    pub ranks: Vec<Vec<u32>>,
    /// Units ranked with each row on the headline (its year, or its `rank_within` group).
    pub out_of: Vec<u32>,
    /// Tier of each row, where the year has a tier rule.
    pub tiers: Vec<Option<Tier>>,
    /// Whether each row's rank lies beyond the leading group the publisher ranks.
    pub unpublished: Vec<bool>,
    /// Input rows not scored, and why.
    pub dropped: Vec<Dropped>,
    /// Imputed and treated cells.
    pub log: Vec<CellNote>,
    /// Indicator values at each stage, when asked for.
    pub stages: Option<Stages>,
    /// Per year group: the non-headline nodes it computed, in its spec's order.
    #[serde(skip)]
    layouts: Vec<Vec<usize>>,
    /// Each row's year group.
    #[serde(skip)]
    row_layout: Vec<u32>,
}

impl ScoreTable {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Whether no row was scored.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// The index of a node id in [`Self::nodes`].
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n == id)
    }

    /// A node's score for a row, `None` where absent.
    pub fn score(&self, node: usize, row: usize) -> Option<f64> {
        (self.ranks[node][row] != 0).then(|| self.scores[node][row])
    }

    /// One row as [`ScoreRow`] (components in its year's spec order).
    pub fn row(&self, i: usize) -> ScoreRow {
        let rank = self.ranks[0][i];
        let components = self.layouts[self.row_layout[i] as usize]
            .iter()
            .filter(|&&n| self.ranks[n][i] != 0)
            .map(|&n| NodeScore { id: self.nodes[n].clone(), score: self.scores[n][i], rank: self.ranks[n][i] })
            .collect();
        ScoreRow {
            unit: self.units[i].clone(),
            year: self.years[i],
            score: self.scores[0][i],
            rank,
            out_of: self.out_of[i],
            tier: self.tiers[i].clone(),
            unpublished: self.unpublished[i],
            components,
        }
    }

    /// The row view of the whole table.
    pub fn into_scores(self) -> Scores {
        let rows = (0..self.len()).map(|i| self.row(i)).collect();
        Scores {
            index: self.index,
            precision: self.precision,
            has_tiers: self.has_tiers,
            rows,
            dropped: self.dropped,
            log: self.log,
            stages: self.stages,
        }
    }
}

/// One year's results: columns over the rows with a headline score.
pub(crate) struct Group {
    /// Data row (0-based) of each row.
    rows: Vec<usize>,
    units: Vec<String>,
    year: Option<i32>,
    /// (node id, scores, ranks) of the root, then the other computed nodes in spec order.
    columns: Vec<(String, Vec<f64>, Vec<u32>)>,
    out_of: Vec<u32>,
    tiers: Vec<Option<Tier>>,
    unpublished: Vec<bool>,
    dropped: Vec<Dropped>,
    log: Vec<CellNote>,
    /// Indicators, and their values `[stage][indicator][row]`.
    stage_nodes: Vec<String>,
    stage_values: [Vec<Vec<Option<f64>>>; 3],
}

/// Ranks every node of a compiled year and takes its columns.
pub(crate) fn results(engine: Engine<'_>, keep_stages: bool, headline_only: bool) -> Group {
    let Engine { spec, nominal: mut values, root, year, rows: members, units, rank_groups, screened, log, .. } = engine;
    let (mut raw, mut treated, leaves) = (engine.raw, engine.treated, engine.leaves);
    if !keep_stages {
        // Not part of the result: freed before the rank columns are made.
        (raw, treated) = (Vec::new(), Vec::new());
    }
    let nodes = spec.nodes();
    let n_members = members.len();
    let mut dropped = screened;
    // Units without a headline score are reported, not ranked.
    let kept: Vec<usize> = (0..n_members).filter(|&m| !values[root][m].is_nan()).collect();
    for m in (0..n_members).filter(|&m| values[root][m].is_nan()) {
        dropped.push(Dropped {
            row: members[m] + 1,
            unit: units[m].clone(),
            year,
            reason: format!("no score for '{}': too few of its components have data", nodes[root].id),
        });
    }
    // Every unit with a value for a node is ranked on it (COINr ranks each aggregate so), also
    // units dropped for lack of a headline score; `out_of` counts the units with one.
    let rule = spec.rank_rule();
    let computed: Vec<usize> = std::iter::once(root)
        .chain((0..nodes.len()).filter(|&n| !headline_only && n != root && !values[n].is_empty()))
        .collect();
    let rank_one = |n: usize, buffer: &mut RankBuffer| -> Vec<u32> {
        let mut ranks = vec![0; n_members];
        rank_grouped(&values[n], &rank_groups, rank_direction(&nodes[n]), rule, buffer, &mut ranks);
        ranks
    };
    let mut ranks: Vec<Vec<u32>> =
        crate::uncertainty::par_map_with(computed.len(), RankBuffer::default, &|b, k| rank_one(computed[k], b));
    let root_ranks = &ranks[0];
    let mut out_of = vec![0u32; n_members];
    let mut tiers = vec![None; n_members];
    for group in &rank_groups {
        let present: Vec<usize> = group.iter().copied().filter(|&m| !values[root][m].is_nan()).collect();
        if let Some(t) = spec.tiers() {
            let scores: Vec<f64> = present.iter().map(|&m| values[root][m]).collect();
            let group_ranks: Vec<u32> = present.iter().map(|&m| root_ranks[m]).collect();
            for (&m, tier) in present.iter().zip(tier_list(t, &scores, &group_ranks, rank_direction(&nodes[root]))) {
                tiers[m] = tier;
            }
        }
        for &m in group {
            out_of[m] = present.len() as u32;
        }
    }
    let all_kept = kept.len() == n_members;
    let unpublished = kept.iter().map(|&m| spec.published_top().is_some_and(|top| root_ranks[m] > top)).collect();
    let option = |v: f64| (!v.is_nan()).then_some(v);
    let stage = |columns: Vec<&Vec<f64>>| -> Vec<Vec<Option<f64>>> {
        columns.into_iter().map(|c| kept.iter().map(|&m| option(c[m])).collect()).collect()
    };
    let stage_values = if keep_stages {
        [
            stage(leaves.iter().map(|&n| &raw[n]).collect()),
            stage(leaves.iter().map(|&n| &treated[n]).collect()),
            stage(leaves.iter().map(|&n| &values[n]).collect()),
        ]
    } else {
        [Vec::new(), Vec::new(), Vec::new()]
    };
    let columns = computed
        .iter()
        .zip(ranks.iter_mut())
        .map(|(&n, r)| {
            let ranks = kept_only(std::mem::take(r), &kept, all_kept);
            let mut scores = kept_only(std::mem::take(&mut values[n]), &kept, all_kept);
            // The column's NaN marks exactly the absent cells (rank 0).
            for (s, &r) in scores.iter_mut().zip(&ranks) {
                if r == 0 {
                    *s = f64::NAN;
                }
            }
            (nodes[n].id.clone(), scores, ranks)
        })
        .collect();
    Group {
        units: kept.iter().map(|&m| units[m].clone()).collect(),
        rows: kept.iter().map(|&m| members[m]).collect(),
        year,
        columns,
        out_of: kept.iter().map(|&m| out_of[m]).collect(),
        tiers: kept.iter().map(|&m| tiers[m].take()).collect(),
        unpublished,
        dropped,
        log,
        stage_nodes: if keep_stages { leaves.iter().map(|&n| nodes[n].id.clone()).collect() } else { Vec::new() },
        stage_values,
    }
}

/// A member column reduced to the kept members (moved as it is when every member is kept).
fn kept_only<T: Copy>(column: Vec<T>, kept: &[usize], all_kept: bool) -> Vec<T> {
    if all_kept {
        column
    } else {
        kept.iter().map(|&m| column[m]).collect()
    }
}

/// Puts the year groups' results together in input order.
pub(crate) fn assemble(index: &str, precision: u32, has_tiers: bool, groups: Vec<Group>, stages: bool) -> ScoreTable {
    // Node ids over every group: the headline first, then in order of first appearance.
    let mut nodes: Vec<String> = Vec::new();
    let mut node_at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut layouts: Vec<Vec<usize>> = Vec::with_capacity(groups.len());
    for group in &groups {
        let mut layout = Vec::with_capacity(group.columns.len());
        for (k, (id, _, _)) in group.columns.iter().enumerate() {
            let at = *node_at.entry(id.clone()).or_insert_with(|| {
                nodes.push(id.clone());
                nodes.len() - 1
            });
            if k > 0 {
                layout.push(at);
            }
        }
        layouts.push(layout);
    }
    let mut stage_nodes: Vec<String> = Vec::new();
    for group in &groups {
        for id in &group.stage_nodes {
            if !stage_nodes.contains(id) {
                stage_nodes.push(id.clone());
            }
        }
    }
    let total: usize = groups.iter().map(|g| g.rows.len()).sum();
    // (input row, group, position), sorted: the input order.
    let mut placed: Vec<(usize, usize, usize)> = Vec::with_capacity(total);
    for (g, group) in groups.iter().enumerate() {
        placed.extend(group.rows.iter().enumerate().map(|(p, &row)| (row, g, p)));
    }
    placed.sort_unstable();
    let stages = stages.then(|| {
        let maps: Vec<Vec<Option<usize>>> = groups
            .iter()
            .map(|g| stage_nodes.iter().map(|id| g.stage_nodes.iter().position(|n| n == id)).collect())
            .collect();
        let column = |stage: usize, k: usize| -> Vec<Option<f64>> {
            placed.iter().map(|&(_, g, p)| maps[g][k].and_then(|n| groups[g].stage_values[stage][n][p])).collect()
        };
        let all = |stage| (0..stage_nodes.len()).map(|k| column(stage, k)).collect();
        Stages { raw: all(0), treated: all(1), normalised: all(2), nodes: stage_nodes }
    });
    let mut table = ScoreTable {
        index: index.to_owned(),
        precision,
        has_tiers,
        scores: Vec::with_capacity(nodes.len()),
        ranks: Vec::with_capacity(nodes.len()),
        nodes,
        units: Vec::with_capacity(total),
        years: Vec::with_capacity(total),
        data_rows: Vec::with_capacity(total),
        out_of: Vec::with_capacity(total),
        tiers: Vec::with_capacity(total),
        unpublished: Vec::with_capacity(total),
        dropped: Vec::new(),
        log: Vec::new(),
        stages,
        layouts,
        row_layout: placed.iter().map(|&(_, g, _)| g as u32).collect(),
    };
    if groups.len() == 1 {
        // One year (the common case): its rows are already in input order; move the columns.
        let Some(group) = groups.into_iter().next() else { return table };
        table.units = group.units;
        table.years = vec![group.year; table.row_layout.len()];
        table.data_rows = group.rows.iter().map(|r| r + 1).collect();
        table.out_of = group.out_of;
        table.tiers = group.tiers;
        table.unpublished = group.unpublished;
        for (_, scores, ranks) in group.columns {
            table.scores.push(scores);
            table.ranks.push(ranks);
        }
        table.dropped = group.dropped;
        table.log = group.log;
        table.dropped.sort_by_key(|d: &Dropped| d.row);
        return table;
    }
    table.scores = vec![vec![f64::NAN; total]; table.nodes.len()];
    table.ranks = vec![vec![0; total]; table.nodes.len()];
    for (i, &(row, g, p)) in placed.iter().enumerate() {
        let group = &groups[g];
        table.units.push(group.units[p].clone());
        table.years.push(group.year);
        table.data_rows.push(row + 1);
        table.out_of.push(group.out_of[p]);
        table.tiers.push(group.tiers[p].clone());
        table.unpublished.push(group.unpublished[p]);
        for (k, (_, scores, ranks)) in group.columns.iter().enumerate() {
            let n = if k == 0 { 0 } else { table.layouts[g][k - 1] };
            table.scores[n][i] = scores[p];
            table.ranks[n][i] = ranks[p];
        }
    }
    for group in groups {
        table.dropped.extend(group.dropped);
        table.log.extend(group.log);
    }
    table.dropped.sort_by_key(|d: &Dropped| d.row);
    table
}
