//! The statistical audit on small tables computed by hand (every number is worked out in the
//! comments), and on PCI 2016.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chiso::audit::{audit, equal_influence, principal_components};
use chiso::{presets, CsvOptions, Dataset, IndexDefinition};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// a = 1 2 3 4, b = 2 1 4 3, c = 4 3 2 1, t = their mean.
/// Deviations: a −1.5 −.5 .5 1.5; b −.5 −1.5 1.5 .5; c = −a. Σda·db = 3, Σda² = Σdb² = 5:
/// r(a,b) = 0.6, r(a,c) = −1, r(b,c) = −0.6. t's deviations are b's / 3, so r(·, t) = r(·, b):
/// 0.6, 1, −0.6 (c pulls against its group). Values are their own ranks: Spearman = Pearson.
/// Cronbach: var a = var b = var c = 5/3; a + b + c = 7 6 9 8, variance 5/3;
/// α = 3/2·(1 − 5/(5/3)) = −3.
/// PCA of R = [[1, .6, −1], [.6, 1, −.6], [−1, −.6, 1]]: (1, 0, 1) is in its null space; on
/// e₁ = (1, 0, −1)/√2, e₂ = (0, 1, 0) it is [[2, .6√2], [.6√2, 1]]: λ = (3 ± √3.88)/2 =
/// 2.4848858, 0.5151142, and 0. PC1 ∝ .6√2·e₁ + (λ₁ − 2)·e₂ → (0.61393670, 0.49614863, −0.61393670).
/// Importance r²/Σr²: .36/1.72, 1/1.72, .36/1.72. Variance shares (1/3)·cov(x, t)/var t with
/// cov = 1/3, 5/9, −1/3 and var t = 5/27: 0.6, 1, −0.6 (sum 1).
#[test]
fn three_indicators_by_hand() {
    let spec = IndexDefinition::from_json(
        r#"{"id":"t","root":"t","nodes":[{"id":"t","children":["a","b","c"]},{"id":"a"},{"id":"b"},{"id":"c"}]}"#,
    )
    .unwrap();
    let data =
        Dataset::from_csv_str("unit,a,b,c\nP,1,2,4\nQ,2,1,3\nR,3,4,2\nS,4,3,1\n", &CsvOptions::default()).unwrap();
    let report = audit(&spec, &data, None).unwrap();
    assert_eq!(report.units, 4);
    assert_eq!(report.correlations.nodes, ["t", "a", "b", "c"]);
    let p = &report.correlations.pearson;
    let expected = [[1.0, 0.6, 1.0, -0.6], [0.6, 1.0, 0.6, -1.0], [1.0, 0.6, 1.0, -0.6], [-0.6, -1.0, -0.6, 1.0]];
    for i in 0..4 {
        for j in 0..4 {
            assert!(close(p[i][j].unwrap(), expected[i][j]), "pearson[{i}][{j}]");
            assert!(close(report.correlations.spearman[i][j].unwrap(), expected[i][j]), "spearman[{i}][{j}]");
        }
    }
    let group = &report.groups[0];
    assert!(close(group.cronbach_alpha.unwrap(), -3.0));
    let pca = group.pca.as_ref().unwrap();
    let root = 3.88f64.sqrt();
    for (got, want) in pca.eigenvalues.iter().zip([(3.0 + root) / 2.0, (3.0 - root) / 2.0, 0.0]) {
        assert!(close(*got, want), "{got} vs {want}");
    }
    assert!(close(pca.explained[0], (3.0 + root) / 6.0));
    for (got, want) in pca.eigenvectors[0].iter().zip([0.61393670, 0.49614863, -0.61393670]) {
        assert!((got - want).abs() < 1e-6, "{got} vs {want}");
    }
    assert!(close(pca.loadings[0][1], 0.49614863 * ((3.0 + root) / 2.0f64).sqrt()));
    let c = &group.children;
    assert_eq!(c.iter().map(|c| c.negative).collect::<Vec<_>>(), [false, false, true]);
    for (child, (imp, var)) in c.iter().zip([(0.36 / 1.72, 0.6), (1.0 / 1.72, 1.0), (0.36 / 1.72, -0.6)]) {
        assert!(close(child.importance.unwrap(), imp));
        assert!(close(child.variance_share.unwrap(), var));
        assert!(close(child.weight_share, 1.0 / 3.0));
    }
    assert!(close(c[0].pca_weight.unwrap(), 0.61393670f64.powi(2)));
    // c correlates negatively: no equal-influence weights exist.
    assert!(c.iter().all(|c| c.equal_influence_weight.is_none()));
}

/// Two levels: t = (3·g + 1·c)/4, g = (a + b)/2. Effective weights: g .75, c .25, a = b = .375.
/// a and b have equal variances (permutations of 1..4), so equal influence means equal
/// weights whatever the start: cov(a, y) = cov(b, y) ⇔ w_a = w_b.
#[test]
fn effective_and_equal_influence_weights() {
    let spec = IndexDefinition::from_json(
        r#"{"id":"t","root":"t","nodes":[{"id":"t","children":["g","c"]},{"id":"g","weight":3,"children":["a","b"]},
            {"id":"a"},{"id":"b"},{"id":"c"}]}"#,
    )
    .unwrap();
    let data =
        Dataset::from_csv_str("unit,a,b,c\nP,1,1,2\nQ,2,3,1\nR,3,2,4\nS,4,4,3\n", &CsvOptions::default()).unwrap();
    let report = audit(&spec, &data, None).unwrap();
    let weight = |id: &str| report.nodes.iter().find(|n| n.id == id).unwrap().effective_weight;
    assert_eq!((weight("t"), weight("g"), weight("c"), weight("a"), weight("b")), (1.0, 0.75, 0.25, 0.375, 0.375));
    assert_eq!(report.groups.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(), ["g", "t"]);
    let a = [1.0, 2.0, 3.0, 4.0];
    let b = [1.0, 3.0, 2.0, 4.0];
    let w = equal_influence(&[&a, &b], &[3.0, 1.0]).unwrap();
    assert!(close(w[0], 0.5) && close(w[1], 0.5), "{w:?}");
    let group = &report.groups[0];
    assert!(group.children.iter().all(|c| close(c.equal_influence_weight.unwrap(), 0.5)));
    // A constant variable has no correlations, so no PCA.
    assert!(principal_components(&[&a, &[2.0; 4]]).is_none());
}

#[test]
fn pci_2016_audit() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/pci/pci_subindices.csv");
    let data =
        Dataset::from_csv_path(path, &CsvOptions { unit_column: "province".into(), ..CsvOptions::default() }).unwrap();
    let report = audit(&presets::get("pci").unwrap(), &data, Some(2016)).unwrap();
    assert_eq!(report.units, 63);
    assert_eq!(report.nodes.len(), 11);
    let root = report.groups.last().unwrap();
    assert_eq!(root.id, "pci");
    assert_eq!(root.children.len(), 10);
    let shares: f64 = root.children.iter().map(|c| c.variance_share.unwrap()).sum();
    assert!(close(shares, 1.0), "variance shares sum to {shares}");
    let importance: f64 = root.children.iter().map(|c| c.importance.unwrap()).sum();
    assert!(close(importance, 1.0));
    let pca = root.pca.as_ref().unwrap();
    assert!(close(pca.eigenvalues.iter().sum::<f64>(), 10.0));
    assert!(pca.eigenvalues.windows(2).all(|w| w[0] >= w[1]));
    for (k, v) in pca.eigenvectors.iter().enumerate() {
        assert!(close(v.iter().map(|x| x * x).sum::<f64>(), 1.0), "component {k} has unit length");
    }
    let alpha = root.cronbach_alpha.unwrap();
    assert!(alpha > 0.0 && alpha < 1.0, "{alpha}");
    for (i, row) in report.correlations.pearson.iter().enumerate() {
        assert_eq!(row[i], Some(1.0));
    }
}
