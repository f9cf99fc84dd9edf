//! The scoring pipeline for the units of one year under one edition (see [`crate::score`]).

use crate::aggregate::{aggregate, copeland, AggregateIssue};
use crate::data::Dataset;
use crate::error::{ComputeError, DataError, Error};
use crate::impute::{impute, Column};
use crate::normalise::{normalise_in, Context, NormaliseIssue};
use crate::rank::{rank, tiers as tier_list};
use crate::score::{CellAction, CellNote, Dropped, NodeScore, ScoreRow};
use crate::spec::{Aggregation, Bounds, Direction, IndexSpec, MissingRule, Node, Normalisation, ShareOf};
use crate::treat::treat;

/// One year's results, rows keyed by their input row.
pub(crate) struct Group {
    pub rows: Vec<(usize, ScoreRow)>,
    pub dropped: Vec<Dropped>,
    pub log: Vec<CellNote>,
    /// Indicators, and their values `[stage][indicator][position in rows]`.
    pub stage_nodes: Vec<String>,
    pub stage_values: [Vec<Vec<Option<f64>>>; 3],
}

/// Where a node's values come from.
#[derive(Clone, Copy, PartialEq)]
enum Source {
    Column,
    Children,
    Unavailable,
}

fn plan_sources(spec: &IndexSpec, data: &Dataset) -> Result<Vec<Source>, Error> {
    let nodes = spec.nodes();
    let mut source = vec![Source::Unavailable; nodes.len()];
    for &n in spec.evaluation_order() {
        let node = &nodes[n];
        source[n] = if !node.is_leaf() && node.children.iter().all(|&c| source[c] != Source::Unavailable) {
            Source::Children
        } else if data.has_column(&node.id) {
            Source::Column
        } else {
            Source::Unavailable
        };
    }
    // Name the first missing leaf under the root, so the message points at a column to add.
    let mut n = spec.root_index();
    while source[n] == Source::Unavailable {
        let node = &nodes[n];
        match node.children.iter().find(|&&c| source[c] == Source::Unavailable) {
            Some(&c) => n = c,
            None => {
                let hint = if node.is_leaf() {
                    format!("values of node '{}' ({})", node.id, node.label.en)
                } else {
                    format!("values of node '{}' ({}), or the columns of its children", node.id, node.label.en)
                };
                return Err(DataError::MissingColumn { column: node.id.clone(), hint: Some(hint) }.into());
            }
        }
    }
    // Nodes below a column-sourced node are not computed.
    for &n in spec.evaluation_order().iter().rev() {
        if source[n] != Source::Children {
            for &c in &nodes[n].children {
                source[c] = Source::Unavailable;
            }
        }
    }
    Ok(source)
}

/// Runs the pipeline on the dataset rows `members` (one year).
pub(crate) fn score_group(
    spec: &IndexSpec,
    data: &Dataset,
    year: Option<i32>,
    mut members: Vec<usize>,
    keep_stages: bool,
    budget: &mut usize,
) -> Result<Group, Error> {
    let nodes = spec.nodes();
    let source = plan_sources(spec, data)?;
    // Values the result may hold (rows × computed nodes), so a hostile input is refused
    // before the memory is spent.
    let computed = source.iter().filter(|&&s| s != Source::Unavailable).count();
    // Each year group also costs a pass over every node, however few rows it has: counted
    // too, so that many one-row years of a large spec stay within the budget.
    let cells = members.len().saturating_mul(computed).saturating_add(nodes.len());
    if cells > *budget {
        let max = data.limits().max_cells;
        return Err(DataError::TooLarge {
            what: "scores (rows × nodes)",
            count: (max - *budget).saturating_add(cells),
            max,
        }
        .into());
    }
    *budget -= cells;
    let units = data.units();
    let leaves: Vec<usize> = (0..nodes.len()).filter(|&n| source[n] == Source::Column).collect();
    let mut dropped = Vec::new();
    let mut log = Vec::new();

    // Raw values, checked against the scale of nodes whose values are used as they are.
    let mut raw: Vec<Vec<f64>> = Vec::with_capacity(leaves.len());
    for &n in &leaves {
        let node = &nodes[n];
        let column = data.values(&node.id)?;
        let values: Vec<f64> = members.iter().map(|&row| column[row].unwrap_or(f64::NAN)).collect();
        if let (Normalisation::None, Some(scale)) = (&node.normalise, node.scale) {
            if let Some(m) = values.iter().position(|v| !v.is_nan() && !scale.contains(*v)) {
                let row = members[m];
                return Err(DataError::OutOfScale {
                    row: row + 1,
                    unit: Some(units[row].clone()),
                    column: node.id.clone(),
                    value: values[m],
                    min: scale.min,
                    max: scale.max,
                }
                .into());
            }
        }
        raw.push(values);
    }

    // Screening on the share of indicators present before imputation.
    if let Some(screen) = spec.screen() {
        let keep: Vec<bool> = (0..members.len())
            .map(|m| {
                let present = raw.iter().filter(|v| !v[m].is_nan()).count();
                let share = present as f64 / leaves.len().max(1) as f64;
                if share + 1e-12 < screen.min_share {
                    let row = members[m];
                    dropped.push(Dropped {
                        row: row + 1,
                        unit: units[row].clone(),
                        year,
                        reason: format!(
                            "screened out: {present} of {} indicators have data ({:.0}%), below the required {:.0}%",
                            leaves.len(),
                            share * 100.0,
                            screen.min_share * 100.0
                        ),
                    });
                    false
                } else {
                    true
                }
            })
            .collect();
        let filter = |v: &mut Vec<f64>| {
            let mut k = keep.iter();
            v.retain(|_| k.next().copied().unwrap_or(false));
        };
        raw.iter_mut().for_each(filter);
        let mut k = keep.iter();
        members.retain(|_| k.next().copied().unwrap_or(false));
    }

    // Imputation, treatment and normalisation of each indicator.
    let mut values: Vec<Vec<f64>> = vec![Vec::new(); nodes.len()];
    let mut treated_stage: Vec<Vec<f64>> = Vec::with_capacity(leaves.len());
    for (l, &n) in leaves.iter().enumerate() {
        let node = &nodes[n];
        let mut x = raw[l].clone();
        let note = |m: usize, action: CellAction| CellNote {
            unit: units[members[m]].clone(),
            year,
            node: node.id.clone(),
            action,
        };
        if let Some(rule) = &node.impute {
            let groups = match &rule.group_column {
                Some(g) => Some(data.labels(g).map_err(|_| DataError::MissingColumn {
                    column: g.clone(),
                    hint: Some(format!("the group column of node '{}''s imputation", node.id)),
                })?),
                None => None,
            };
            let column =
                Column { values: data.values(&node.id)?, units, years: data.years(), groups: groups.as_deref() };
            for f in impute(rule, &column, &members, &mut x) {
                log.push(note(f.member, CellAction::Imputed { method: f.method, value: f.value }));
            }
        }
        let parent_rule = node.parent.map_or(MissingRule::Fail, |p| nodes[p].missing);
        if parent_rule == MissingRule::Fail {
            if let Some(m) = x.iter().position(|v| v.is_nan()) {
                let row = members[m];
                return Err(DataError::MissingValue {
                    row: row + 1,
                    unit: Some(units[row].clone()),
                    column: node.id.clone(),
                }
                .into());
            }
        }
        if let Some(rule) = &node.treat {
            let t = treat(&x, rule);
            if t.log_transformed {
                for (m, (&from, &to)) in x.iter().zip(&t.values).enumerate().filter(|(_, (f, _))| !f.is_nan()) {
                    log.push(note(m, CellAction::LogTransformed { from, to }));
                }
            }
            for &(m, from) in &t.winsorised {
                log.push(note(m, CellAction::Winsorised { from, to: t.values[m] }));
            }
            x = t.values;
        }
        if let Normalisation::Points { max } = node.normalise {
            for (m, &from) in x.iter().enumerate().filter(|(_, v)| **v > max) {
                log.push(note(m, CellAction::Capped { from, to: max }));
            }
        }
        values[n] = normalise_leaf(node, data, year, &members, &x)?;
        treated_stage.push(x);
    }

    // Aggregation, children before parents.
    for &n in spec.evaluation_order() {
        if source[n] == Source::Children {
            values[n] = aggregate_node(spec, n, &values, year, &members, units)?;
        }
    }

    // Units without a headline score are reported, not ranked.
    let root = spec.root_index();
    let kept: Vec<usize> = (0..members.len()).filter(|&m| !values[root][m].is_nan()).collect();
    for m in (0..members.len()).filter(|&m| values[root][m].is_nan()) {
        let row = members[m];
        dropped.push(Dropped {
            row: row + 1,
            unit: units[row].clone(),
            year,
            reason: format!("no score for '{}': too few of its components have data", nodes[root].id),
        });
    }
    let rule = spec.rank_rule();
    // Units ranked together: all of the year's, or each group of `rank_within`.
    // Every unit with a value for a node is ranked on it (COINr ranks each aggregate so), also
    // units dropped for lack of a headline score; `out_of` counts the units with one.
    let everyone: Vec<usize> = (0..members.len()).collect();
    let rank_groups: Vec<Vec<usize>> = match spec.rank_within() {
        None => vec![everyone.clone()],
        Some(column) => {
            let labels = data.labels(column).map_err(|_| DataError::MissingColumn {
                column: column.to_owned(),
                hint: Some("the unit-group column named by the spec's rank_within".into()),
            })?;
            let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
            for &m in &everyone {
                let row = members[m];
                let Some(label) = labels[row].clone() else {
                    return Err(DataError::MissingValue {
                        row: row + 1,
                        unit: Some(units[row].clone()),
                        column: column.to_owned(),
                    }
                    .into());
                };
                match groups.iter_mut().find(|(l, _)| *l == label) {
                    Some((_, g)) => g.push(m),
                    None => groups.push((label, vec![m])),
                }
            }
            groups.into_iter().map(|(_, g)| g).collect()
        }
    };
    let mut ranks: Vec<Vec<Option<u32>>> = nodes
        .iter()
        .enumerate()
        .map(|(n, _)| if values[n].is_empty() { Vec::new() } else { vec![None; members.len()] })
        .collect();
    let mut out_of = vec![0u32; members.len()];
    let mut tiers = vec![None; members.len()];
    for group in &rank_groups {
        for (n, node) in nodes.iter().enumerate() {
            if values[n].is_empty() {
                continue;
            }
            let present: Vec<usize> = group.iter().copied().filter(|&m| !values[n][m].is_nan()).collect();
            let scores: Vec<f64> = present.iter().map(|&m| values[n][m]).collect();
            // A normalised indicator's score already has the best unit on top, whatever its
            // direction; other nodes rank by their own direction.
            let direction = match node.normalise {
                Normalisation::None => node.direction,
                _ => Direction::HigherIsBetter,
            };
            let group_ranks = rank(&scores, direction, rule);
            if n == root {
                if let Some(t) = spec.tiers() {
                    for (&m, tier) in present.iter().zip(tier_list(t, &scores, &group_ranks, direction)) {
                        tiers[m] = tier;
                    }
                }
            }
            for (&m, r) in present.iter().zip(group_ranks) {
                ranks[n][m] = Some(r);
            }
        }
        let scored = group.iter().filter(|&&m| !values[root][m].is_nan()).count() as u32;
        for &m in group {
            out_of[m] = scored;
        }
    }
    let component_nodes: Vec<usize> = (0..nodes.len()).filter(|&n| n != root && !values[n].is_empty()).collect();
    let rows = kept
        .iter()
        .map(|&m| {
            let row = members[m];
            let score = values[root][m];
            let rank = ranks[root][m].unwrap_or(0);
            let components = component_nodes
                .iter()
                .copied()
                .filter_map(|n| {
                    ranks[n][m].map(|rank| NodeScore { id: nodes[n].id.clone(), score: values[n][m], rank })
                })
                .collect();
            let row_out = ScoreRow {
                unit: units[row].clone(),
                year,
                score,
                rank,
                out_of: out_of[m],
                tier: tiers[m].take(),
                unpublished: spec.published_top().is_some_and(|top| rank > top),
                components,
            };
            (row, row_out)
        })
        .collect();
    let option = |v: f64| (!v.is_nan()).then_some(v);
    let stage = |columns: Vec<&Vec<f64>>| -> Vec<Vec<Option<f64>>> {
        columns.into_iter().map(|c| kept.iter().map(|&m| option(c[m])).collect()).collect()
    };
    let stage_values = if keep_stages {
        [
            stage(raw.iter().collect()),
            stage(treated_stage.iter().collect()),
            stage(leaves.iter().map(|&n| &values[n]).collect()),
        ]
    } else {
        [Vec::new(), Vec::new(), Vec::new()]
    };
    Ok(Group {
        rows,
        dropped,
        log,
        stage_nodes: if keep_stages { leaves.iter().map(|&n| nodes[n].id.clone()).collect() } else { Vec::new() },
        stage_values,
    })
}

/// Normalises one indicator's treated values `x` (aligned with `members`).
fn normalise_leaf(
    node: &Node,
    data: &Dataset,
    year: Option<i32>,
    members: &[usize],
    x: &[f64],
) -> Result<Vec<f64>, Error> {
    let units = data.units();
    // Pooled bounds: this year's treated values and the raw values of earlier years in the window.
    let mut pool: Option<Vec<f64>> = None;
    if let (Normalisation::MinMax { bounds: Bounds::Pooled { years: window }, .. }, Some(y), Some(years)) =
        (&node.normalise, year, data.years())
    {
        let column = data.values(&node.id)?;
        let first = y - *window as i32 + 1;
        let mut p: Vec<f64> = x.to_vec();
        p.extend((0..data.len()).filter(|&r| years[r] >= first && years[r] < y).filter_map(|r| column[r]));
        pool = Some(p);
    }
    let mut reference = None;
    if let Normalisation::DistanceToReference { unit, .. } = &node.normalise {
        let m = members.iter().position(|&row| &units[row] == unit).ok_or_else(|| DataError::UnknownUnit {
            unit: unit.clone(),
            year,
            suggestions: Vec::new(),
        })?;
        reference = Some(x[m]);
    }
    let context = Context { pool: pool.as_deref(), reference };
    normalise_in(&node.normalise, node.direction, x, &context).map_err(|issue| {
        let method = node.normalise.name();
        let unit_with = |value: f64| {
            x.iter().position(|v| *v == value).map(|m| members[m]).map_or((String::new(), 0), |r| (units[r].clone(), r))
        };
        match issue {
            NormaliseIssue::Constant(value) => {
                ComputeError::ConstantIndicator { node: node.id.clone(), year, value, method }.into()
            }
            NormaliseIssue::NonPositive(value) => ComputeError::NonPositiveIndicator {
                node: node.id.clone(),
                unit: unit_with(value).0,
                year,
                value,
                method,
            }
            .into(),
            NormaliseIssue::NegativePoints(value) => {
                let (unit, row) = unit_with(value);
                DataError::InvalidValue {
                    row: row + 1,
                    unit: Some(unit),
                    column: node.id.clone(),
                    value,
                    expected: "points cannot be negative",
                }
                .into()
            }
            NormaliseIssue::NoReference => {
                let unit = match &node.normalise {
                    Normalisation::DistanceToReference { unit, .. } => unit.clone(),
                    _ => String::new(),
                };
                ComputeError::MissingReference { node: node.id.clone(), unit, year }.into()
            }
        }
    })
}

/// Aggregates group `n` for every member, applying its missing-data rule.
fn aggregate_node(
    spec: &IndexSpec,
    n: usize,
    values: &[Vec<f64>],
    year: Option<i32>,
    members: &[usize],
    units: &[String],
) -> Result<Vec<f64>, Error> {
    let nodes = spec.nodes();
    let node = &nodes[n];
    let method = node.aggregation.unwrap_or(Aggregation::WeightedMean);
    let weights: Vec<f64> = node.children.iter().map(|&c| nodes[c].weight).collect();
    let total_weight: f64 = weights.iter().sum();
    let mut out = Vec::with_capacity(members.len());
    let mut buffer = vec![0.0; node.children.len()];
    // Whether the member has enough children; Err names the first missing child under `fail`.
    let enough = |buffer: &[f64], m: usize| -> Result<bool, Error> {
        let Some(missing) = buffer.iter().position(|v| v.is_nan()) else { return Ok(true) };
        match node.missing {
            MissingRule::Fail => Err(ComputeError::MissingChild {
                node: node.id.clone(),
                unit: units[members[m]].clone(),
                year,
                child: nodes[node.children[missing]].id.clone(),
            }
            .into()),
            MissingRule::Available { min_share, share_of } => {
                let share = match share_of {
                    ShareOf::Count => buffer.iter().filter(|v| !v.is_nan()).count() as f64 / buffer.len() as f64,
                    ShareOf::Weight => {
                        buffer.iter().zip(&weights).filter(|(v, _)| !v.is_nan()).map(|(_, w)| w).sum::<f64>()
                            / total_weight
                    }
                };
                Ok(share + 1e-12 >= min_share)
            }
        }
    };
    if node.percent_of_max {
        // Points obtained over points possible among the children present.
        let maxima: Vec<f64> = node.children.iter().map(|&c| nodes[c].max.unwrap_or(f64::NAN)).collect();
        for (m, _) in members.iter().enumerate() {
            for (slot, &c) in buffer.iter_mut().zip(&node.children) {
                *slot = values[c][m];
            }
            if !enough(&buffer, m)? {
                out.push(f64::NAN);
                continue;
            }
            let (mut got, mut possible) = (0.0, 0.0);
            for ((v, w), max) in buffer.iter().zip(&weights).zip(&maxima) {
                if !v.is_nan() {
                    got += w * v;
                    possible += w * max;
                }
            }
            out.push(if possible > 0.0 { 100.0 * got / possible * node.multiplier } else { f64::NAN });
        }
        return Ok(out);
    }
    if method == Aggregation::Copeland {
        let children: Vec<Vec<f64>> = node.children.iter().map(|&c| values[c].clone()).collect();
        let scores = copeland(&children, &weights);
        for (m, score) in scores.into_iter().enumerate() {
            for (slot, &c) in buffer.iter_mut().zip(&node.children) {
                *slot = values[c][m];
            }
            let all_missing = buffer.iter().all(|v| v.is_nan());
            out.push(if all_missing || !enough(&buffer, m)? { f64::NAN } else { score * node.multiplier });
        }
        return Ok(out);
    }
    for m in 0..members.len() {
        for (slot, &c) in buffer.iter_mut().zip(&node.children) {
            *slot = values[c][m];
        }
        if !enough(&buffer, m)? {
            out.push(f64::NAN);
            continue;
        }
        let unit = || units[members[m]].clone();
        let value = match aggregate(method, &buffer, &weights) {
            Ok(v) => v * node.multiplier,
            Err(AggregateIssue::NoValues) => f64::NAN,
            Err(AggregateIssue::NonPositive(i)) => {
                return Err(ComputeError::NonPositive {
                    node: node.id.clone(),
                    unit: unit(),
                    child: nodes[node.children[i]].id.clone(),
                    value: buffer[i],
                    method: method.name(),
                }
                .into())
            }
            Err(AggregateIssue::NeedsAllUnits) => {
                return Err(ComputeError::Unsupported {
                    node: node.id.clone(),
                    method: method.name(),
                    operation: "scoring one unit",
                }
                .into())
            }
        };
        if !value.is_finite() {
            return Err(ComputeError::NonFinite { node: node.id.clone(), unit: unit() }.into());
        }
        out.push(value);
    }
    Ok(out)
}
