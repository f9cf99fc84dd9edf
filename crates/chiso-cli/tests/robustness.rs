//! The contract of `chiso uncertainty`, `chiso sensitivity` and `chiso audit`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn on_table(command: &str, rest: &[&str]) -> Output {
    let table = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/pci/pci_subindices.csv");
    let table = table.display().to_string();
    let mut args = vec![command, "--index", "pci", "--input", &table, "--unit-column", "province"];
    args.extend_from_slice(rest);
    Command::new(env!("CARGO_BIN_EXE_chiso")).args(&args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn uncertainty_csv_contract_and_reproducibility() {
    let args = ["--year", "2016", "--weights-pm", "20", "--samples", "500", "--seed", "7", "--format", "csv"];
    let out = stdout(&on_table("uncertainty", &args));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("unit,rank_nominal,rank_median,rank_p05,rank_p95"), "{}", lines[0]);
    assert_eq!(lines.len(), 64);
    let first: Vec<&str> = lines[1].split(',').collect();
    assert_eq!((first[0], first[1]), ("Đà Nẵng", "1"));
    for line in &lines[1..] {
        let cells: Vec<f64> = line.split(',').skip(1).map(|c| c.parse().unwrap()).collect();
        let (nominal, median, p05, p95) = (cells[0], cells[1], cells[2], cells[3]);
        assert!(p05 <= median && median <= p95, "{line}");
        assert!((1.0..=63.0).contains(&nominal));
    }
    assert_eq!(out, stdout(&on_table("uncertainty", &args)), "same seed, same output");
}

#[test]
fn uncertainty_rank_changes_and_sampling_error() {
    let out = stdout(&on_table(
        "uncertainty",
        &["--year", "2016", "--from", "2015", "--weights-pm", "20", "--samples", "300", "--format", "csv"],
    ));
    assert!(out.starts_with("unit,rank_from,rank_to,rank_change,from_p05,from_p95,to_p05,to_p95,p_same_sign"));
    assert_eq!(out.lines().count(), 64);
    let table = stdout(&on_table("uncertainty", &["--year", "2016", "--se", "transparency=0.2", "--samples", "200"]));
    assert!(table.contains("inputs: sampling_error"), "{table}");
    let err = on_table("uncertainty", &["--year", "2016", "--se", "transparency=tr_se"]);
    assert!(!err.status.success());
    let message = String::from_utf8(err.stderr).unwrap();
    assert!(message.contains("missing column 'tr_se'"), "{message}");
    let err = on_table("uncertainty", &["--year", "2016", "--aggregation", "weighted_mean,average"]);
    assert!(String::from_utf8(err.stderr).unwrap().contains("unknown aggregation method 'average'"));
}

#[test]
fn sensitivity_and_audit() {
    let out = stdout(&on_table(
        "sensitivity",
        &[
            "--year",
            "2016",
            "--weights-pm",
            "20",
            "--exclude-one",
            "--samples",
            "100",
            "--bootstrap",
            "20",
            "--format",
            "csv",
        ],
    ));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "target,input,first_order,first_order_p05,first_order_p95,total_order,total_order_p05,total_order_p95"
    );
    assert!(lines[1].starts_with("mean_rank_shift,weights,"));
    assert!(lines[2].starts_with("mean_rank_shift,exclude_one,"));
    assert_eq!(lines.len(), 1 + 2 + 63 * 2);
    let audit = stdout(&on_table("audit", &["--year", "2016", "--format", "csv"]));
    let lines: Vec<&str> = audit.lines().collect();
    assert!(lines[0].starts_with("group,node,weight_share,effective_weight,pearson_group"));
    assert_eq!(lines.len(), 11);
    assert!(lines[3].starts_with("pci,transparency,0.2,0.2,"), "{}", lines[3]);
    let table = stdout(&on_table("audit", &["--year", "2016"]));
    assert!(table.contains("Cronbach's α"), "{table}");
}
