//! Validation: [`SpecFile`] (as written) → [`IndexSpec`] (checked), and back.

use std::collections::{HashMap, HashSet};

use super::file::{BandFile, EditionFile, NodeFile, RankFile, SpecFile, TiersFile};
use super::params::{
    build_impute, build_missing, build_normalise, build_screen, build_treat, impute_to_file, missing_to_file,
    normalise_to_file, treat_to_file,
};
use super::{
    Aggregation, Direction, Imputation, IndexSpec, Labels, MissingRule, Node, Normalisation, Percentile, RankBasis,
    RankRule, Scale, TierRule, Ties, Treatment, YearRange,
};
use crate::error::SpecError;
use crate::limits::Limits;

/// Builds the spec of one edition (or of the base tree when `edition` is `None`).
/// Tier rules are attached later, by year (see [`super::IndexDefinition::resolve`]).
pub(crate) fn build(file: &SpecFile, edition: Option<&EditionFile>, limits: &Limits) -> Result<IndexSpec, SpecError> {
    if file.nodes.len() > limits.max_nodes {
        return Err(SpecError::TooManyNodes { count: file.nodes.len(), max: limits.max_nodes });
    }
    let edition_name = edition.map(|e| format!("edition {}", YearRange { from: e.from, to: e.to }));
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(file.nodes.len());
    for (i, node) in file.nodes.iter().enumerate() {
        if node.id.trim().is_empty() {
            return Err(SpecError::InvalidParameter {
                node: format!("#{}", i + 1),
                message: "the node id is empty".into(),
            });
        }
        if crate::limits::too_long(&node.id) {
            return Err(SpecError::InvalidParameter {
                node: crate::limits::shorten(&node.id),
                message: format!("the node id is too long; use at most {} characters", Limits::MAX_NAME_CHARS),
            });
        }
        if index.insert(node.id.as_str(), i).is_some() {
            return Err(SpecError::DuplicateId { id: node.id.clone() });
        }
    }
    let lookup = |id: &str, referenced_by: &dyn Fn() -> String| {
        index
            .get(id)
            .copied()
            .ok_or_else(|| SpecError::UnknownNode { id: id.to_owned(), referenced_by: referenced_by() })
    };
    let mut removed = HashSet::new();
    #[cfg(feature = "indicator-presets")]
    let (leaves, changed): (HashSet<&str>, HashMap<&str, &NodeFile>) = (
        edition.map(|e| e.leaves.iter().map(String::as_str).collect()).unwrap_or_default(),
        edition.map(|e| e.nodes.iter().map(|n| (n.id.as_str(), n)).collect()).unwrap_or_default(),
    );
    #[cfg(not(feature = "indicator-presets"))]
    let (leaves, changed): (HashSet<&str>, HashMap<&str, &NodeFile>) = (HashSet::new(), HashMap::new());
    #[cfg(feature = "indicator-presets")]
    if let Some(e) = edition {
        edition_changes(file, e, &edition_name, &lookup, &mut removed)?;
    }
    if let Some(e) = edition {
        let by = || edition_name.clone().unwrap_or_default();
        for id in &e.remove {
            removed.insert(lookup(id, &by)?);
        }
        for id in e.weights.keys().chain(e.maxima.keys()) {
            lookup(id, &by)?;
        }
    }
    let root = lookup(&file.root, &|| "the root".to_owned())?;
    if removed.contains(&root) {
        return Err(SpecError::InvalidEdition {
            index: file.id.clone(),
            edition: edition_name.unwrap_or_default(),
            message: "removes the root".into(),
        });
    }

    // Iterative depth-first walk: detects cycles, second parents and depth without recursion.
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; file.nodes.len()];
    let mut parent: Vec<Option<usize>> = vec![None; file.nodes.len()];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); file.nodes.len()];
    let mut order = Vec::with_capacity(file.nodes.len());
    let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
    let mut path: Vec<usize> = vec![root];
    state[root] = OPEN;
    while let Some(&mut (node, ref mut next)) = stack.last_mut() {
        let spec_children = &file.nodes[node].children;
        if *next == spec_children.len() {
            state[node] = DONE;
            order.push(node);
            stack.pop();
            path.pop();
            continue;
        }
        let child_id = &spec_children[*next];
        *next += 1;
        let child = lookup(child_id, &|| format!("node '{}'", file.nodes[node].id))?;
        if removed.contains(&child) {
            continue;
        }
        match state[child] {
            NEW => {}
            OPEN => {
                let start = path.iter().position(|&n| n == child).unwrap_or(0);
                let mut ids: Vec<String> = path[start..].iter().map(|&n| file.nodes[n].id.clone()).collect();
                ids.push(file.nodes[child].id.clone());
                return Err(SpecError::Cycle { path: ids });
            }
            _ => {
                let first = parent[child].unwrap_or(root);
                return Err(SpecError::MultipleParents {
                    node: file.nodes[child].id.clone(),
                    first: file.nodes[first].id.clone(),
                    second: file.nodes[node].id.clone(),
                });
            }
        }
        if path.len() > limits.max_depth {
            return Err(SpecError::TooDeep {
                node: file.nodes[child].id.clone(),
                depth: path.len(),
                max: limits.max_depth,
            });
        }
        state[child] = OPEN;
        parent[child] = Some(node);
        children[node].push(child);
        stack.push((child, 0));
        path.push(child);
    }

    // Nodes inside removed subtrees are expected to be unvisited; any other is an orphan.
    let mut dropped = vec![false; file.nodes.len()];
    let mut todo: Vec<usize> = removed.iter().copied().collect();
    while let Some(n) = todo.pop() {
        if !std::mem::replace(&mut dropped[n], true) {
            todo.extend(file.nodes[n].children.iter().filter_map(|c| index.get(c.as_str()).copied()));
        }
    }
    if let Some(orphan) = (0..file.nodes.len()).find(|&n| state[n] == NEW && !dropped[n]) {
        return Err(SpecError::Unreachable { node: file.nodes[orphan].id.clone(), root: file.root.clone() });
    }

    // Renumber the kept nodes in file order.
    let kept: Vec<usize> = (0..file.nodes.len()).filter(|&n| state[n] == DONE).collect();
    let mut new_index = vec![usize::MAX; file.nodes.len()];
    for (new, &old) in kept.iter().enumerate() {
        new_index[old] = new;
    }
    let mut depth = vec![0usize; file.nodes.len()];
    for &n in order.iter().rev() {
        if let Some(p) = parent[n] {
            depth[n] = depth[p] + 1;
        }
    }
    let defaults = Defaults {
        missing: file.missing.as_ref().map(|m| build_missing("spec", m)).transpose()?.unwrap_or(MissingRule::Fail),
        impute: file.impute.as_ref().map(|i| build_impute("spec", i)).transpose()?.flatten(),
        treat: file.treat.as_ref().map(|t| build_treat("spec", t)).transpose()?.flatten(),
    };
    let mut nodes = Vec::with_capacity(kept.len());
    for &old in &kept {
        let raw = &file.nodes[old];
        let weight = edition.and_then(|e| e.weights.get(&raw.id).copied()).or(raw.weight);
        let emptied = !raw.children.is_empty() && children[old].is_empty() && !leaves.contains(raw.id.as_str());
        if emptied {
            return Err(SpecError::EmptyGroup {
                node: raw.id.clone(),
                problem: "has no children left in this edition",
            });
        }
        let max = edition.and_then(|e| e.maxima.get(&raw.id).copied()).or(raw.max);
        let edit = Edit { leaf: leaves.contains(raw.id.as_str()), changes: changed.get(raw.id.as_str()).copied() };
        let mut node = build_node(raw, weight, max, &defaults, edit)?;
        node.children = children[old].iter().map(|&c| new_index[c]).collect();
        node.parent = parent[old].map(|p| new_index[p]);
        node.depth = depth[old];
        nodes.push(node);
    }
    for node in &nodes {
        if !node.children.is_empty() && node.children.iter().all(|&c| nodes[c].weight == 0.0) {
            return Err(SpecError::ZeroWeights { node: node.id.clone() });
        }
        // Each weight is finite, but two near f64::MAX add up to infinity: a weighted mean
        // would then divide by it and give 0 or NaN for every unit.
        let sum: f64 = node.children.iter().map(|&c| nodes[c].weight).sum();
        finite(sum, &node.id, "sum of its children's weights")?;
    }
    derive_maxima(&mut nodes, &order.iter().map(|&n| new_index[n]).collect::<Vec<_>>())?;

    let precision = edition.and_then(|e| e.precision).or(file.precision).unwrap_or(2);
    if precision > 12 {
        return Err(SpecError::InvalidParameter {
            node: "spec".into(),
            message: format!("precision {precision} is too large; use at most 12 decimals"),
        });
    }
    Ok(IndexSpec {
        id: file.id.clone(),
        label: file.label.clone().unwrap_or_else(|| Labels::same(&file.id)),
        description: file.description.clone(),
        edition: edition.map(|e| YearRange { from: e.from, to: e.to }).or(file.edition),
        precision,
        rank: build_rank(edition.and_then(|e| e.rank.as_ref()).or(file.rank.as_ref()))?,
        tiers: None,
        screen: file.screen.as_ref().map(build_screen).transpose()?,
        rank_within: match file.rank_within.as_deref().map(str::trim) {
            Some("") => {
                return Err(SpecError::InvalidParameter {
                    node: "spec".into(),
                    message: "rank_within names no column; give the data column of the unit groups".into(),
                })
            }
            other => other.map(str::to_owned),
        },
        published_top: match edition.and_then(|e| e.published_top).or(file.published_top) {
            Some(0) => {
                return Err(SpecError::InvalidParameter {
                    node: "spec".into(),
                    message: "published_top must be at least 1".into(),
                })
            }
            other => other,
        },
        root: new_index[root],
        order: order.iter().map(|&n| new_index[n]).collect(),
        nodes,
    })
}

fn finite(value: f64, node: &str, field: &'static str) -> Result<f64, SpecError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(SpecError::NonFinite { node: node.to_owned(), field })
    }
}

/// The spec-wide methods a node takes unless it names its own.
struct Defaults {
    missing: MissingRule,
    impute: Option<Imputation>,
    treat: Option<Treatment>,
}

/// Gives `weighted_sum` groups without a declared maximum the weighted sum of their children's
/// maxima, and checks that the children of a `percent_of_max` group all have one.
fn derive_maxima(nodes: &mut [Node], order: &[usize]) -> Result<(), SpecError> {
    for &n in order {
        if nodes[n].is_leaf() {
            continue;
        }
        let child_max: Option<f64> = nodes[n].children.iter().map(|&c| nodes[c].max.map(|m| m * nodes[c].weight)).sum();
        if nodes[n].percent_of_max {
            if let Some(&c) = nodes[n].children.iter().find(|&&c| nodes[c].max.is_none()) {
                return Err(SpecError::InvalidParameter {
                    node: nodes[n].id.clone(),
                    message: format!(
                        "percent_of_max needs the maximum of every child; give child '{}' a 'max' (or children with one)",
                        nodes[c].id
                    ),
                });
            }
        } else if nodes[n].max.is_none() && nodes[n].aggregation == Some(Aggregation::WeightedSum) {
            let max = child_max.map(|m| m * nodes[n].multiplier);
            if let Some(m) = max {
                finite(m, &nodes[n].id, "maximum (the weighted sum of its children's maxima)")?;
            }
            nodes[n].max = max;
        }
    }
    Ok(())
}

/// What an edition changes in a node: made a leaf (`leaves`), and its label and normalisation
/// (`nodes`).
#[derive(Clone, Copy, Default)]
struct Edit<'a> {
    leaf: bool,
    changes: Option<&'a NodeFile>,
}

fn build_node(
    raw: &NodeFile,
    weight: Option<f64>,
    max: Option<f64>,
    defaults: &Defaults,
    edit: Edit<'_>,
) -> Result<Node, SpecError> {
    let id = raw.id.as_str();
    let weight = finite(weight.unwrap_or(1.0), id, "weight")?;
    if weight < 0.0 {
        return Err(SpecError::NegativeWeight { node: id.to_owned(), weight });
    }
    let direction = match raw.direction.as_deref() {
        None | Some("higher_is_better") => Direction::HigherIsBetter,
        Some("lower_is_better") => Direction::LowerIsBetter,
        Some(other) => {
            return Err(SpecError::UnknownMethod {
                node: id.to_owned(),
                kind: "direction",
                method: other.to_owned(),
                expected: "higher_is_better, lower_is_better",
            })
        }
    };
    if let Some(scale) = raw.scale {
        finite(scale.min, id, "scale minimum")?;
        finite(scale.max, id, "scale maximum")?;
        if scale.min >= scale.max {
            return Err(SpecError::InvalidParameter {
                node: id.to_owned(),
                message: format!("scale minimum {} must be below its maximum {}", scale.min, scale.max),
            });
        }
    }
    if let Some(m) = max {
        if finite(m, id, "max")? <= 0.0 {
            return Err(SpecError::InvalidParameter {
                node: id.to_owned(),
                message: format!("max {m} must be above zero (the most points the node can score)"),
            });
        }
    }
    let percent_of_max = raw.percent_of_max.unwrap_or(false) && !edit.leaf;
    if percent_of_max {
        if raw.children.is_empty() {
            return Err(SpecError::EmptyGroup {
                node: id.to_owned(),
                problem: "has percent_of_max but no children to take points from",
            });
        }
        if raw.aggregation.as_deref().is_some_and(|a| Aggregation::from_name(a) != Some(Aggregation::WeightedSum)) {
            return Err(SpecError::InvalidParameter {
                node: id.to_owned(),
                message: "percent_of_max sums points; leave out 'aggregation' or use weighted_sum".into(),
            });
        }
    }
    let multiplier = finite(raw.multiplier.unwrap_or(1.0), id, "multiplier")?;
    if multiplier <= 0.0 {
        // A negative factor would turn "higher is better" upside down behind the direction's
        // back (the planner would then ask for losses): reversing is the direction's job.
        return Err(SpecError::InvalidParameter {
            node: id.to_owned(),
            message: format!(
                "multiplier {multiplier} must be above zero; it scales the aggregated score (use direction = \"lower_is_better\" to reverse a node)"
            ),
        });
    }
    let is_leaf = raw.children.is_empty() || edit.leaf;
    let aggregation = match (if edit.leaf { &None } else { &raw.aggregation }, is_leaf) {
        (Some(_), true) => {
            return Err(SpecError::EmptyGroup {
                node: id.to_owned(),
                problem: "declares an aggregation but has no children",
            })
        }
        (None, true) => None,
        (None, false) if percent_of_max => Some(Aggregation::WeightedSum),
        (None, false) => Some(Aggregation::WeightedMean),
        (Some(name), false) => Some(Aggregation::from_name(name).ok_or_else(|| SpecError::UnknownMethod {
            node: id.to_owned(),
            kind: "aggregation",
            method: name.clone(),
            expected: Aggregation::NAMES,
        })?),
    };
    let normalise = match edit.changes.and_then(|c| c.normalise.as_ref()).or(raw.normalise.as_ref()) {
        None => Normalisation::None,
        Some(_) if !is_leaf => {
            return Err(SpecError::InvalidParameter {
                node: id.to_owned(),
                message: "a normalisation applies to leaves (raw indicators), not to groups".into(),
            })
        }
        Some(n) => build_normalise(id, n, raw.scale, direction)?,
    };
    let leaf_only = |what: &str| {
        Err(SpecError::InvalidParameter {
            node: id.to_owned(),
            message: format!("{what} applies to leaves (raw indicators), not to groups"),
        })
    };
    let impute = match &raw.impute {
        None => defaults.impute.clone(),
        Some(_) if !is_leaf => return leaf_only("an imputation"),
        Some(i) => build_impute(id, i)?,
    };
    let treat = match &raw.treat {
        None => defaults.treat,
        Some(_) if !is_leaf => return leaf_only("an outlier treatment"),
        Some(t) => build_treat(id, t)?,
    };
    let missing = match &raw.missing {
        None => defaults.missing,
        Some(_) if is_leaf => {
            return Err(SpecError::InvalidParameter {
                node: id.to_owned(),
                message: "a missing-data rule applies to groups; for a leaf, use an imputation".into(),
            })
        }
        Some(m) => build_missing(id, m)?,
    };
    if direction == Direction::LowerIsBetter && is_leaf && normalise == Normalisation::None {
        return Err(SpecError::UnreversedDirection { node: id.to_owned() });
    }
    Ok(Node {
        id: id.to_owned(),
        label: edit
            .changes
            .and_then(|c| c.label.as_ref())
            .or(raw.label.as_ref())
            .cloned()
            .unwrap_or_else(|| Labels::same(id)),
        weight,
        direction,
        range: node_range(raw)?,
        // Points lie in 0..max, a percentage in 0..100, unless a scale says otherwise.
        scale: raw.scale.or_else(|| {
            if percent_of_max {
                Some(Scale { min: 0.0, max: 100.0 })
            } else {
                max.map(|m| Scale { min: 0.0, max: m })
            }
        }),
        aggregation,
        max: if percent_of_max { Some(100.0) } else { max },
        percent_of_max,
        multiplier,
        normalise,
        missing: if is_leaf { MissingRule::Fail } else { missing },
        impute: if is_leaf { impute } else { None },
        treat: if is_leaf { treat } else { None },
        children: Vec::new(),
        parent: None,
        depth: 0,
    })
}

fn build_rank(rank: Option<&RankFile>) -> Result<RankRule, SpecError> {
    let Some(rank) = rank else {
        return Ok(RankRule::default());
    };
    let unknown = |kind, method: &str, expected| SpecError::UnknownMethod {
        node: "spec".into(),
        kind,
        method: method.to_owned(),
        expected,
    };
    let basis = match (rank.on.as_deref(), rank.decimals) {
        (None | Some("unrounded"), None) => RankBasis::Unrounded,
        (Some("rounded"), Some(d)) if d <= 12 => RankBasis::Rounded(d),
        (Some("rounded"), _) => {
            return Err(SpecError::InvalidParameter {
                node: "spec".into(),
                message: "ranking on rounded scores needs 'decimals' between 0 and 12".into(),
            })
        }
        (None | Some("unrounded"), Some(_)) => {
            return Err(SpecError::InvalidParameter {
                node: "spec".into(),
                message: "'decimals' only applies to ranking on = \"rounded\"".into(),
            })
        }
        (Some(other), _) => return Err(unknown("rank", other, "unrounded, rounded")),
    };
    let ties = match rank.ties.as_deref() {
        None | Some("competition") => Ties::Competition,
        Some("dense") => Ties::Dense,
        Some(other) => return Err(unknown("ties", other, "competition, dense")),
    };
    Ok(RankRule { basis, ties })
}

pub(crate) fn build_tiers(t: &TiersFile) -> Result<TierRule, SpecError> {
    let years = match (t.from, t.to) {
        (None, None) => None,
        (f, to) => Some(format!(
            "{}–{}",
            f.map(|y| y.to_string()).unwrap_or_default(),
            to.map(|y| y.to_string()).unwrap_or_default()
        )),
    };
    let bad = |message: String| SpecError::InvalidTiers { years: years.clone(), message };
    if t.rule != "quantile_groups" && (t.percentile.is_some() || t.ties.is_some()) {
        return Err(bad("'percentile' and 'ties' apply to quantile_groups only".into()));
    }
    if t.bands.is_empty() {
        return Err(bad("it has no bands".into()));
    }
    let last = t.bands.len() - 1;
    match t.rule.as_str() {
        "score_bands" => {
            let mut bands = Vec::with_capacity(t.bands.len());
            let mut previous = f64::INFINITY;
            for (i, b) in t.bands.iter().enumerate() {
                if b.max_rank.is_some() {
                    return Err(bad(format!("band '{}' has max_rank in a score_bands rule", b.label.vi)));
                }
                match b.min {
                    None if i < last => {
                        return Err(bad(format!(
                            "band '{}' needs a minimum score (only the last band may omit it)",
                            b.label.vi
                        )))
                    }
                    Some(m) if !m.is_finite() || m >= previous => {
                        return Err(bad(format!(
                            "band minimums must be finite and strictly decreasing (band '{}')",
                            b.label.vi
                        )))
                    }
                    Some(m) => previous = m,
                    None => {}
                }
                bands.push((b.min, b.label.clone()));
            }
            Ok(TierRule::ScoreBands(bands))
        }
        "rank_bands" => {
            let mut bands = Vec::with_capacity(t.bands.len());
            let mut previous = 0;
            for (i, b) in t.bands.iter().enumerate() {
                if b.min.is_some() {
                    return Err(bad(format!("band '{}' has min in a rank_bands rule", b.label.vi)));
                }
                match b.max_rank {
                    None if i < last => {
                        return Err(bad(format!(
                            "band '{}' needs max_rank (only the last band may omit it)",
                            b.label.vi
                        )))
                    }
                    Some(r) if r <= previous => {
                        return Err(bad(format!(
                            "max_rank must be at least 1 and strictly increasing (band '{}')",
                            b.label.vi
                        )))
                    }
                    Some(r) => previous = r,
                    None => {}
                }
                bands.push((b.max_rank, b.label.clone()));
            }
            Ok(TierRule::RankBands(bands))
        }
        "quantile_groups" => {
            if t.bands.len() < 2 {
                return Err(bad("quantile_groups needs at least two bands (groups)".into()));
            }
            if let Some(b) = t.bands.iter().find(|b| b.min.is_some() || b.max_rank.is_some()) {
                return Err(bad(format!(
                    "band '{}': quantile groups are cut by the scores' quantiles; leave out min and max_rank",
                    b.label.vi
                )));
            }
            let percentile = match t.percentile.as_deref() {
                None | Some("linear") => Percentile::Linear,
                Some("nearest_rank") => Percentile::NearestRank,
                Some(other) => {
                    return Err(SpecError::UnknownMethod {
                        node: "spec".into(),
                        kind: "percentile",
                        method: other.to_owned(),
                        expected: "linear, nearest_rank",
                    })
                }
            };
            let upper_ties = match t.ties.as_deref() {
                None | Some("upper") => true,
                Some("lower") => false,
                Some(other) => {
                    return Err(SpecError::UnknownMethod {
                        node: "spec".into(),
                        kind: "quantile ties",
                        method: other.to_owned(),
                        expected: "upper, lower",
                    })
                }
            };
            Ok(TierRule::QuantileGroups {
                labels: t.bands.iter().map(|b| b.label.clone()).collect(),
                percentile,
                upper_ties,
            })
        }
        other => Err(SpecError::UnknownMethod {
            node: "spec".into(),
            kind: "tier rule",
            method: other.to_owned(),
            expected: "score_bands, rank_bands, quantile_groups",
        }),
    }
}

/// Writes a validated spec back in file form (one edition, explicit values).
pub(crate) fn to_file(spec: &IndexSpec) -> SpecFile {
    let nodes = spec
        .nodes
        .iter()
        .map(|n| NodeFile {
            id: n.id.clone(),
            label: Some(n.label.clone()),
            // Header aliases serve the spreadsheet reader, which reads the definition's file.
            aliases: Vec::new(),
            weight: Some(n.weight),
            direction: Some(n.direction.name().to_owned()),
            scale: n.scale,
            #[cfg(feature = "indicator-presets")]
            range: n.range,
            aggregation: n.aggregation.map(|a| a.name().to_owned()),
            max: if n.percent_of_max { None } else { n.max },
            percent_of_max: n.percent_of_max.then_some(true),
            multiplier: (n.multiplier != 1.0).then_some(n.multiplier),
            normalise: normalise_to_file(&n.normalise),
            missing: (n.missing != MissingRule::Fail).then(|| missing_to_file(n.missing)),
            impute: n.impute.as_ref().map(|i| impute_to_file(Some(i))),
            treat: n.treat.as_ref().map(|t| treat_to_file(Some(t))),
            children: n.children.iter().map(|&c| spec.nodes[c].id.clone()).collect(),
        })
        .collect();
    let rank = RankFile {
        on: Some(match spec.rank.basis {
            RankBasis::Unrounded => "unrounded".into(),
            RankBasis::Rounded(_) => "rounded".into(),
        }),
        decimals: match spec.rank.basis {
            RankBasis::Unrounded => None,
            RankBasis::Rounded(d) => Some(d),
        },
        ties: Some(match spec.rank.ties {
            Ties::Competition => "competition".into(),
            Ties::Dense => "dense".into(),
        }),
    };
    let tiers = spec
        .tiers
        .iter()
        .map(|t| match t {
            TierRule::QuantileGroups { labels, percentile, upper_ties } => TiersFile {
                rule: "quantile_groups".into(),
                percentile: Some(
                    match percentile {
                        Percentile::Linear => "linear",
                        Percentile::NearestRank => "nearest_rank",
                    }
                    .into(),
                ),
                ties: Some(if *upper_ties { "upper" } else { "lower" }.into()),
                from: None,
                to: None,
                bands: labels.iter().map(|l| BandFile { label: l.clone(), min: None, max_rank: None }).collect(),
                note: None,
            },
            TierRule::ScoreBands(b) => TiersFile {
                rule: "score_bands".into(),
                percentile: None,
                ties: None,
                from: None,
                to: None,
                bands: b
                    .iter()
                    .map(|(min, label)| BandFile { label: label.clone(), min: *min, max_rank: None })
                    .collect(),
                note: None,
            },
            TierRule::RankBands(b) => TiersFile {
                rule: "rank_bands".into(),
                percentile: None,
                ties: None,
                from: None,
                to: None,
                bands: b.iter().map(|(r, label)| BandFile { label: label.clone(), min: None, max_rank: *r }).collect(),
                note: None,
            },
        })
        .collect();
    SpecFile {
        id: spec.id.clone(),
        label: Some(spec.label.clone()),
        description: spec.description.clone(),
        root: spec.nodes[spec.root].id.clone(),
        precision: Some(spec.precision),
        rank: Some(rank),
        edition: spec.edition,
        rank_within: spec.rank_within.clone(),
        published_top: spec.published_top,
        tiers,
        missing: None,
        impute: None,
        treat: None,
        screen: spec.screen.map(|s| super::file::ScreenFile { min_share: s.min_share }),
        unit_aliases: Default::default(),
        nodes,
        editions: Vec::new(),
    }
}

/// Checks an edition's `nodes` and `leaves` and removes the children of its leaves. These
/// serve presets such as `pci_indicators`, which the WebAssembly package leaves out: without
/// the `indicator-presets` feature they are refused, and the code stays out of the module.
/// A node's index by id, or an error naming what refers to it.
#[cfg(feature = "indicator-presets")]
type Lookup<'a> = dyn Fn(&str, &dyn Fn() -> String) -> Result<usize, SpecError> + 'a;

#[cfg(feature = "indicator-presets")]
fn edition_changes(
    file: &SpecFile,
    e: &EditionFile,
    edition_name: &Option<String>,
    lookup: &Lookup<'_>,
    removed: &mut HashSet<usize>,
) -> Result<(), SpecError> {
    let by = || edition_name.clone().unwrap_or_default();
    for id in e.nodes.iter().map(|n| &n.id) {
        lookup(id, &by)?;
    }
    for n in &e.nodes {
        let other = [
            ("weight", n.weight.is_some()),
            ("direction", n.direction.is_some()),
            ("scale", n.scale.is_some()),
            ("aggregation", n.aggregation.is_some()),
            ("max", n.max.is_some()),
            ("percent_of_max", n.percent_of_max.is_some()),
            ("multiplier", n.multiplier.is_some()),
            ("range", n.range.is_some()),
            ("missing", n.missing.is_some()),
            ("impute", n.impute.is_some()),
            ("treat", n.treat.is_some()),
            ("children", !n.children.is_empty()),
        ];
        if let Some((field, _)) = other.iter().find(|(_, set)| *set) {
            return Err(SpecError::InvalidEdition {
                    index: file.id.clone(),
                    edition: by(),
                    message: format!(
                        "changes the {field} of node '{}': an edition's nodes change only label and normalise (weights and maxima have their own maps; remove and leaves change the tree)",
                        n.id
                    ),
                });
        }
    }
    // A group made a leaf loses its children (and their subtrees) in this edition. The
    // headline is always computed, so it cannot be one; a leaf already is one.
    for id in &e.leaves {
        let node = &file.nodes[lookup(id, &by)?];
        if *id == file.root || node.children.is_empty() {
            return Err(SpecError::InvalidEdition {
                index: file.id.clone(),
                edition: by(),
                message: format!(
                    "lists node '{id}' under leaves, but {}",
                    if *id == file.root {
                        "the root is always computed from its children"
                    } else {
                        "it has no children"
                    }
                ),
            });
        }
        for child in &node.children {
            removed.insert(lookup(child, &|| format!("node '{id}'"))?);
        }
    }
    Ok(())
}

/// A leaf's declared range (`range`), checked; none without the `indicator-presets` feature,
/// whose presets are the ones that declare ranges.
#[cfg(feature = "indicator-presets")]
fn node_range(raw: &NodeFile) -> Result<Option<super::Range>, SpecError> {
    let id = raw.id.as_str();
    if let Some(r) = raw.range {
        for v in r.min.iter().chain(&r.max) {
            finite(*v, id, "range")?;
        }
        if let (Some(lo), Some(hi)) = (r.min, r.max) {
            if lo >= hi {
                return Err(SpecError::InvalidParameter {
                    node: id.to_owned(),
                    message: format!("range minimum {lo} must be below its maximum {hi}"),
                });
            }
        }
    }
    Ok(raw.range)
}

#[cfg(not(feature = "indicator-presets"))]
fn node_range(_raw: &NodeFile) -> Result<Option<super::Range>, SpecError> {
    Ok(None)
}
