//! Statistical audit of an index, as the JRC audits of composite indicators run it: how the
//! components correlate within and across levels, whether each group is internally
//! consistent (Cronbach's α, principal components), which components pull against their
//! group, and how much each component really weighs in the result compared with its
//! nominal weight.
//!
//! All statistics are over the units of one year, on the values the pipeline computes
//! (normalised leaves, aggregated groups).
//!
//! ```
//! use chiso::audit::audit;
//! use chiso::{CsvOptions, Dataset, IndexDefinition};
//! let spec = IndexDefinition::from_json(r#"{"id":"t","root":"t","nodes":[
//!   {"id":"t","children":["a","b"]},{"id":"a"},{"id":"b"}]}"#)?;
//! let data = Dataset::from_csv_str("unit,a,b\nX,1,2\nY,2,4\nZ,3,7\n", &CsvOptions::default())?;
//! let report = audit(&spec, &data, None)?;
//! let group = &report.groups[0];
//! // a and b rise together: var a = 1, var b = 19/3, var(a + b) = 37/3 (a + b = 3, 6, 10),
//! // so α = 2·(1 − (1 + 19/3)/(37/3)) = 30/37.
//! assert!((group.cronbach_alpha.unwrap() - 30.0 / 37.0).abs() < 1e-12);
//! assert!(group.children.iter().all(|c| !c.negative));
//! # Ok::<(), chiso::Error>(())
//! ```

use serde::Serialize;

use crate::data::Dataset;
use crate::engine::{Engine, Kind};
use crate::error::Error;
use crate::spec::{Aggregation, IndexDefinition};
use crate::statistics::{covariance, pearson, spearman, variance};
use crate::uncertainty::Prepared;

/// One computed node of the tree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditNode {
    /// Node id.
    pub id: String,
    /// Parent id (none for the root).
    pub parent: Option<String>,
    /// Depth below the root (root = 0).
    pub depth: usize,
    /// Whether its values are read from the data (rather than aggregated).
    pub leaf: bool,
    /// Nominal weight among its siblings, as a share of the siblings' total (1 for the root).
    pub weight_share: f64,
    /// Nominal effective weight in the index: the product of the weight shares from the root
    /// down (COINr's `get_eff_weights`).
    pub effective_weight: f64,
}

/// Principal components of a group's children (on their correlation matrix).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pca {
    /// Eigenvalues, largest first (they sum to the number of children).
    pub eigenvalues: Vec<f64>,
    /// Share of the variance each component explains.
    pub explained: Vec<f64>,
    /// `eigenvectors[k][i]`: weight of child `i` in component `k` (unit length; sign chosen
    /// so the components sum to a non-negative number).
    pub eigenvectors: Vec<Vec<f64>>,
    /// `loadings[k][i]` = eigenvector × √eigenvalue: the correlation of child `i` with
    /// component `k`.
    pub loadings: Vec<Vec<f64>>,
}

/// One child of a group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChildAudit {
    /// Node id.
    pub id: String,
    /// Nominal weight share among its siblings.
    pub weight_share: f64,
    /// Pearson correlation with the group's score.
    pub pearson_group: Option<f64>,
    /// Spearman correlation with the group's score.
    pub spearman_group: Option<f64>,
    /// Pearson correlation with the index (the root).
    pub pearson_index: Option<f64>,
    /// Whether it correlates negatively with its own group (Pearson < 0).
    pub negative: bool,
    /// Correlation-based importance: r² with the group over the siblings' Σ r² (Paruolo,
    /// Saisana and Saltelli 2013), to compare with `weight_share`.
    pub importance: Option<f64>,
    /// Its exact share of the group's variance, `aᵢ·cov(xᵢ, y)/var(y)` with `aᵢ` its
    /// coefficient in the group's linear aggregation (weighted mean or sum only); the shares
    /// of a group sum to 1.
    pub variance_share: Option<f64>,
    /// Alternative weight from the first principal component: its squared eigenvector entry.
    pub pca_weight: Option<f64>,
    /// Alternative weight that gives every sibling the same correlation with the group's
    /// weighted mean (when non-negative weights can: see [`equal_influence`]).
    pub equal_influence_weight: Option<f64>,
}

/// The audit of one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupAudit {
    /// The group's id.
    pub id: String,
    /// Its aggregation method.
    pub aggregation: &'static str,
    /// Cronbach's α of its children (two or more children that vary).
    pub cronbach_alpha: Option<f64>,
    /// Principal components of its children (two or more children, none constant).
    pub pca: Option<Pca>,
    /// Its children.
    pub children: Vec<ChildAudit>,
}

/// Correlations between every pair of computed nodes, within and across levels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Correlations {
    /// Node ids, in the order of the rows and columns.
    pub nodes: Vec<String>,
    /// Pearson's r (`None` where a node is constant).
    pub pearson: Vec<Vec<Option<f64>>>,
    /// Spearman's ρ.
    pub spearman: Vec<Vec<Option<f64>>>,
}

/// The result of [`audit`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Audit {
    /// Index id.
    pub index: String,
    /// Year audited.
    pub year: Option<i32>,
    /// Number of units.
    pub units: usize,
    /// Every computed node, root first then in spec order.
    pub nodes: Vec<AuditNode>,
    /// Correlation matrices over `nodes`.
    pub correlations: Correlations,
    /// One entry per group, in evaluation order (the root last).
    pub groups: Vec<GroupAudit>,
}

/// Audits the index of `year` (the data's only year when `None`).
pub fn audit(definition: &IndexDefinition, data: &Dataset, year: Option<i32>) -> Result<Audit, Error> {
    let prepared = Prepared::new(definition, data, year, &[])?;
    let model = &prepared.engine;
    let mut order: Vec<usize> = vec![model.root];
    order.extend((0..model.ids.len()).filter(|&n| n != model.root && !model.nominal[n].is_empty()));
    let share = |n: usize| -> f64 {
        match model.parent[n] {
            None => 1.0,
            Some(p) => {
                let Kind::Group { children, .. } = &model.kinds[p] else { return 1.0 };
                model.weight[n] / children.iter().map(|&c| model.weight[c]).sum::<f64>()
            }
        }
    };
    let effective = |mut n: usize| -> f64 {
        let mut w = 1.0;
        while let Some(p) = model.parent[n] {
            w *= share(n);
            n = p;
        }
        w
    };
    let nodes = order
        .iter()
        .map(|&n| AuditNode {
            id: model.ids[n].clone(),
            parent: model.parent[n].map(|p| model.ids[p].clone()),
            depth: model.depth[n],
            leaf: matches!(model.kinds[n], Kind::Leaf { .. }),
            weight_share: share(n),
            effective_weight: effective(n),
        })
        .collect();
    let matrix = |f: fn(&[f64], &[f64]) -> Option<f64>| -> Vec<Vec<Option<f64>>> {
        order.iter().map(|&a| order.iter().map(|&b| f(&model.nominal[a], &model.nominal[b])).collect()).collect()
    };
    let correlations = Correlations {
        nodes: order.iter().map(|&n| model.ids[n].clone()).collect(),
        pearson: matrix(pearson),
        spearman: matrix(spearman),
    };
    let groups = model.groups.iter().map(|&g| group_audit(model, g, &share)).collect();
    Ok(Audit { index: prepared.index.clone(), year: model.year, units: model.len(), nodes, correlations, groups })
}

fn group_audit(model: &Engine<'_>, g: usize, share: &dyn Fn(usize) -> f64) -> GroupAudit {
    let Kind::Group { children, method, multiplier } = &model.kinds[g] else { unreachable!("groups are groups") };
    let y = &model.nominal[g];
    let root = &model.nominal[model.root];
    let xs: Vec<&[f64]> = children.iter().map(|&c| model.nominal[c].as_slice()).collect();
    // Consistency (α, principal components, equal-influence weights) needs every child of a
    // unit: over the units that have them all; correlations use the pairs present.
    let complete: Vec<Vec<f64>> = {
        let units: Vec<usize> = (0..model.len()).filter(|&u| xs.iter().all(|x| !x[u].is_nan())).collect();
        xs.iter().map(|x| units.iter().map(|&u| x[u]).collect()).collect()
    };
    let complete: Vec<&[f64]> = complete.iter().map(Vec::as_slice).collect();
    let r_group: Vec<Option<f64>> = xs.iter().map(|x| pearson(x, y)).collect();
    let r2_total: f64 = r_group.iter().flatten().map(|r| r * r).sum();
    let all_defined = r_group.iter().all(Option::is_some);
    let total_weight: f64 = children.iter().map(|&c| model.weight[c]).sum();
    let var_y = variance(&y.iter().copied().filter(|v| !v.is_nan()).collect::<Vec<f64>>());
    let coefficient = |c: usize| match method {
        Aggregation::WeightedMean => Some(multiplier * model.weight[c] / total_weight),
        Aggregation::WeightedSum => Some(multiplier * model.weight[c]),
        _ => None,
    };
    let pca = principal_components(&complete);
    let pca_weights: Option<Vec<f64>> = pca.as_ref().map(|p| p.eigenvectors[0].iter().map(|v| v * v).collect());
    let weights: Vec<f64> = children.iter().map(|&c| model.weight[c]).collect();
    let equal = equal_influence(&complete, &weights);
    GroupAudit {
        id: model.ids[g].clone(),
        aggregation: method.name(),
        cronbach_alpha: cronbach_alpha(&complete),
        pca,
        children: children
            .iter()
            .enumerate()
            .map(|(i, &c)| ChildAudit {
                id: model.ids[c].clone(),
                weight_share: share(c),
                pearson_group: r_group[i],
                spearman_group: spearman(xs[i], y),
                pearson_index: pearson(xs[i], root),
                negative: r_group[i].is_some_and(|r| r < 0.0),
                importance: r_group[i].filter(|_| all_defined && r2_total > 0.0).map(|r| r * r / r2_total),
                variance_share: coefficient(c).filter(|_| var_y > 0.0).map(|a| a * covariance(xs[i], y) / var_y),
                pca_weight: pca_weights.as_ref().map(|w| w[i]),
                equal_influence_weight: equal.as_ref().map(|w| w[i]),
            })
            .collect(),
    }
}

/// Cronbach's α = k/(k − 1)·(1 − Σ var(xᵢ) / var(Σ xᵢ)).
///
/// ```
/// use chiso::audit::cronbach_alpha;
/// // Two identical items: α = 2·(1 − 2/4) = 1.
/// assert_eq!(cronbach_alpha(&[&[1.0, 2.0, 3.0], &[1.0, 2.0, 3.0]]), Some(1.0));
/// ```
pub fn cronbach_alpha(items: &[&[f64]]) -> Option<f64> {
    let k = items.len();
    if k < 2 {
        return None;
    }
    let n = items[0].len();
    let total: Vec<f64> = (0..n).map(|u| items.iter().map(|x| x[u]).sum()).collect();
    let var_total = variance(&total);
    if var_total.is_nan() || var_total <= 0.0 || n < 2 {
        return None;
    }
    let sum_var: f64 = items.iter().map(|x| variance(x)).sum();
    Some(k as f64 / (k as f64 - 1.0) * (1.0 - sum_var / var_total))
}

/// Principal components of the variables' correlation matrix (at least two variables, none
/// constant), by Jacobi rotations: plain arithmetic and square roots, so every platform gets
/// the same digits.
pub fn principal_components(variables: &[&[f64]]) -> Option<Pca> {
    let k = variables.len();
    if k < 2 {
        return None;
    }
    let mut a = vec![vec![0.0; k]; k];
    for i in 0..k {
        a[i][i] = 1.0;
        for j in 0..i {
            let r = pearson(variables[i], variables[j])?;
            a[i][j] = r;
            a[j][i] = r;
        }
    }
    let (values, vectors) = jacobi_eigen(a);
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&x, &y| values[y].total_cmp(&values[x]));
    let eigenvalues: Vec<f64> = order.iter().map(|&i| values[i].max(0.0)).collect();
    let total: f64 = eigenvalues.iter().sum();
    let eigenvectors: Vec<Vec<f64>> = order
        .iter()
        .map(|&i| {
            let v: Vec<f64> = (0..k).map(|row| vectors[row][i]).collect();
            let sign = if v.iter().sum::<f64>() < 0.0 { -1.0 } else { 1.0 };
            v.into_iter().map(|x| sign * x).collect()
        })
        .collect();
    let loadings =
        eigenvectors.iter().zip(&eigenvalues).map(|(v, l)| v.iter().map(|x| x * l.sqrt()).collect()).collect();
    Some(Pca { explained: eigenvalues.iter().map(|l| l / total).collect(), eigenvalues, eigenvectors, loadings })
}

/// Eigenvalues and eigenvectors (columns) of a symmetric matrix, cyclic Jacobi.
fn jacobi_eigen(mut a: Vec<Vec<f64>>) -> (Vec<f64>, Vec<Vec<f64>>) {
    let k = a.len();
    let mut v: Vec<Vec<f64>> = (0..k).map(|i| (0..k).map(|j| if i == j { 1.0 } else { 0.0 }).collect()).collect();
    for _sweep in 0..100 {
        let off: f64 = (0..k)
            .flat_map(|i| (0..k).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        if off < 1e-30 {
            break;
        }
        for p in 0..k {
            for q in p + 1..k {
                if a[p][q] == 0.0 {
                    continue;
                }
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for row in a.iter_mut() {
                    let (arp, arq) = (row[p], row[q]);
                    row[p] = c * arp - s * arq;
                    row[q] = s * arp + c * arq;
                }
                let (top, bottom) = a.split_at_mut(q);
                for (apr, aqr) in top[p].iter_mut().zip(bottom[0].iter_mut()) {
                    let (x, y) = (*apr, *aqr);
                    *apr = c * x - s * y;
                    *aqr = s * x + c * y;
                }
                for row in v.iter_mut() {
                    let (vp, vq) = (row[p], row[q]);
                    row[p] = c * vp - s * vq;
                    row[q] = s * vp + c * vq;
                }
            }
        }
    }
    ((0..k).map(|i| a[i][i]).collect(), v)
}

/// Weights (summing to 1) under which every variable has the same Pearson correlation with
/// the weighted mean, found by the damped fixed point `wᵢ ← wᵢ·√(r̄/rᵢ)` from the nominal
/// weights (the undamped step oscillates on weakly correlated data);
/// `None` when some correlation is not positive or no such non-negative weights exist (a
/// variable that correlates with the mean more than the others even at weight zero: PCI
/// 2016's proactivity and informal charges), which the iteration shows by not converging.
pub fn equal_influence(variables: &[&[f64]], nominal: &[f64]) -> Option<Vec<f64>> {
    let k = variables.len();
    if k < 2 {
        return None;
    }
    let n = variables[0].len();
    let total: f64 = nominal.iter().sum();
    let mut w: Vec<f64> = nominal.iter().map(|x| x / total).collect();
    let mut y = vec![0.0; n];
    for _ in 0..2000 {
        for (u, out) in y.iter_mut().enumerate() {
            *out = variables.iter().zip(&w).map(|(x, w)| w * x[u]).sum();
        }
        let r: Vec<f64> = variables.iter().map(|x| pearson(x, &y)).collect::<Option<Vec<f64>>>()?;
        if r.iter().any(|&r| r <= 0.0) {
            return None;
        }
        let mean = r.iter().sum::<f64>() / k as f64;
        if r.iter().all(|&r| (r - mean).abs() < 1e-10) {
            return Some(w);
        }
        for (w, r) in w.iter_mut().zip(&r) {
            *w *= (mean / r).sqrt();
        }
        let sum: f64 = w.iter().sum();
        w.iter_mut().for_each(|w| *w /= sum);
    }
    None
}
