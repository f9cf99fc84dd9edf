//! Compiling a spec edition with one year's data: where each node's values come from, the raw
//! columns, screening, rank groups, and the nominal evaluation.

use super::{Engine, Kind, Scenario, Source, Work};
use crate::data::Dataset;
use crate::error::{DataError, Error};
use crate::score::Dropped;
use crate::spec::{Aggregation, IndexSpec, Normalisation};

/// The data rows of `year` (every row when the data has no year column or no year is given).
pub(crate) fn members_of_year(data: &Dataset, year: Option<i32>) -> Vec<usize> {
    match (data.years(), year) {
        (Some(years), Some(y)) => (0..data.len()).filter(|&i| years[i] == y).collect(),
        _ => (0..data.len()).collect(),
    }
}

/// Every data row's label in the `rank_within` column, when the spec ranks within groups.
pub(crate) fn rank_labels(spec: &IndexSpec, data: &Dataset) -> Result<Option<Vec<Option<String>>>, Error> {
    let Some(column) = spec.rank_within() else { return Ok(None) };
    let labels = data.labels(column).map_err(|_| DataError::MissingColumn {
        column: column.to_owned(),
        hint: Some("the unit-group column named by the spec's rank_within".into()),
    })?;
    Ok(Some(labels))
}

/// Where each node's values come from: children when all of them are available (recursively),
/// else its own column. Errors name the first missing leaf under the root.
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

impl<'d> Engine<'d> {
    /// Compiles `spec` with the data rows `members` (one year) and evaluates it once with the
    /// nominal choices. `budget` is the number of values the caller may still produce (rows ×
    /// computed nodes, plus a pass over the nodes), so that a hostile input is refused before
    /// the memory and time are spent. `keep_raw` holds every indicator's raw values (for the
    /// stages of `score` and for perturbing them), `keep_treated` its treated values (stages).
    pub(crate) fn compile(
        spec: &IndexSpec,
        data: &'d Dataset,
        year: Option<i32>,
        mut members: Vec<usize>,
        budget: &mut usize,
        keep_raw: bool,
        keep_treated: bool,
    ) -> Result<Engine<'d>, Error> {
        let nodes = spec.nodes();
        let source = plan_sources(spec, data)?;
        let computed = source.iter().filter(|&&s| s != Source::Unavailable).count();
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

        // Raw values are checked against the scale of nodes whose values are used as they are.
        for &n in &leaves {
            let node = &nodes[n];
            let column = data.values(&node.id)?;
            if let (Normalisation::None, Some(scale)) = (&node.normalise, node.scale) {
                let out = |&row: &usize| column[row].is_some_and(|v| !v.is_nan() && !scale.contains(v));
                if let Some(&row) = members.iter().find(|row| out(row)) {
                    return Err(DataError::OutOfScale {
                        row: row + 1,
                        unit: Some(units[row].clone()),
                        column: node.id.clone(),
                        value: column[row].unwrap_or(f64::NAN),
                        min: scale.min,
                        max: scale.max,
                    }
                    .into());
                }
            }
        }

        // Screening on the share of indicators present before imputation.
        let mut screened = Vec::new();
        if let Some(screen) = spec.screen() {
            let columns = leaves.iter().map(|&n| data.values(&nodes[n].id)).collect::<Result<Vec<_>, _>>()?;
            members.retain(|&row| {
                let present = columns.iter().filter(|c| c[row].is_some_and(|v| !v.is_nan())).count();
                let share = present as f64 / leaves.len().max(1) as f64;
                if share + 1e-12 >= screen.min_share {
                    return true;
                }
                screened.push(Dropped {
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
            });
        }

        // The members' raw values, held when evaluations will perturb them or the stages are
        // kept; otherwise each evaluation reads them from the data (one copy less of the input).
        let mut raw: Vec<Vec<f64>> = vec![Vec::new(); nodes.len()];
        if keep_raw {
            for &n in &leaves {
                let column = data.values(&nodes[n].id)?;
                raw[n] = members.iter().map(|&row| column[row].unwrap_or(f64::NAN)).collect();
            }
        }

        // Units ranked together: all of the year's, or each group of `rank_within`.
        let rank_groups = match (spec.rank_within(), rank_labels(spec, data)?) {
            (Some(column), Some(labels)) => {
                let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
                let mut groups: Vec<Vec<usize>> = Vec::new();
                for (m, &row) in members.iter().enumerate() {
                    let Some(label) = labels[row].clone() else {
                        return Err(DataError::MissingValue {
                            row: row + 1,
                            unit: Some(units[row].clone()),
                            column: column.to_owned(),
                        }
                        .into());
                    };
                    let g = *index.entry(label).or_insert_with(|| {
                        groups.push(Vec::new());
                        groups.len() - 1
                    });
                    groups[g].push(m);
                }
                groups
            }
            _ => vec![(0..members.len()).collect()],
        };

        let mut impute_groups = vec![None; nodes.len()];
        for &n in &leaves {
            if let Some(g) = nodes[n].impute.as_ref().and_then(|rule| rule.group_column.as_ref()) {
                impute_groups[n] = Some(data.labels(g).map_err(|_| DataError::MissingColumn {
                    column: g.clone(),
                    hint: Some(format!("the group column of node '{}''s imputation", nodes[n].id)),
                })?);
            }
        }

        let mut kinds = vec![Kind::Unavailable; nodes.len()];
        let mut groups = Vec::new();
        for &n in spec.evaluation_order() {
            let node = &nodes[n];
            match source[n] {
                Source::Children => {
                    kinds[n] = Kind::Group {
                        children: node.children.clone(),
                        method: node.aggregation.unwrap_or(Aggregation::WeightedMean),
                        multiplier: node.multiplier,
                    };
                    groups.push(n);
                }
                Source::Column => kinds[n] = Kind::Leaf { normalise: node.normalise.clone(), scale: node.scale },
                Source::Unavailable => {}
            }
        }
        let mut engine = Engine {
            spec: spec.clone(),
            data,
            ids: nodes.iter().map(|n| n.id.clone()).collect(),
            kinds,
            parent: nodes.iter().map(|n| n.parent).collect(),
            depth: nodes.iter().map(|n| n.depth).collect(),
            weight: nodes.iter().map(|n| n.weight).collect(),
            groups,
            leaves,
            raw,
            nominal: Vec::new(),
            treated: Vec::new(),
            root: spec.root_index(),
            direction: crate::rank::rank_direction(spec.root()),
            rule: spec.rank_rule(),
            units: members.iter().map(|&r| units[r].clone()).collect(),
            rows: members,
            year,
            rank_groups,
            impute_groups,
            screened,
            log: Vec::new(),
        };
        let scenario = Scenario::nominal(&engine);
        let mut work = Work::new(&engine);
        let mut record = super::evaluate::Record { keep_treated, ..Default::default() };
        engine.evaluate_recorded(&scenario, &mut work, Some(&mut record))?;
        engine.nominal = (0..nodes.len())
            .map(|n| if engine.computed(n) { std::mem::take(&mut work.values[n]) } else { Vec::new() })
            .collect();
        engine.treated = record.treated;
        engine.log = record.log;
        Ok(engine)
    }
}
