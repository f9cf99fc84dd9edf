//! `chiso datasets` and `chiso schema`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn chiso(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chiso")).args(args).output().unwrap()
}

fn stdout(args: &[&str]) -> String {
    let out = chiso(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn repository_file(path: &str) -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)).unwrap()
}

#[test]
fn datasets_lists_every_table_with_its_source_and_licence() {
    let text = stdout(&["datasets"]);
    for name in ["pci ", "pci_indicators ", "papi ", "asem ", "provinces_2025 "] {
        assert!(text.lines().any(|l| l.starts_with(name)), "{name} in\n{text}");
    }
    assert!(text.contains("pci  (442 rows)  PCI sub-indices"), "{text}");
    assert!(text.contains("    source:  VCCI (Vietnam Chamber of Commerce and Industry)"), "{text}");
    assert!(text.contains("    licence: MIT (COINr, copyright 2022 William Becker)"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&["datasets", "--format", "json"])).unwrap();
    let names: Vec<_> = json.as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 10);
    assert_eq!(names[..2], ["pci", "pci_top_2019_2020"]);
}

#[test]
fn show_prints_the_description_or_the_table_as_shipped() {
    let text = stdout(&["datasets", "show", "papi"]);
    assert!(text.starts_with("papi: PAPI dimension scores"), "{text}");
    assert!(text.contains("\nrows:    560\n"), "{text}");
    assert!(text.lines().any(|l| l.starts_with("total_published") && l.contains("unweighted PAPI total")), "{text}");
    assert_eq!(
        stdout(&["datasets", "show", "pci", "--format", "csv"]),
        repository_file("examples/data/pci/pci_subindices.csv")
    );
    assert_eq!(stdout(&["datasets", "show", "asem", "--format", "csv"]), repository_file("tests/coinr/asem_data.csv"));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&["datasets", "show", "asem", "--format", "json"])).unwrap();
    assert_eq!(json["rows"], 51);
    assert_eq!(json["columns"][0]["name"], "uCode");
}

#[test]
fn an_unknown_dataset_names_the_known_ones() {
    let out = chiso(&["datasets", "show", "pcii"]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("chiso: data error: no bundled dataset 'pcii'; available datasets: pci, pci_top_2019_2020, "),
        "{err}"
    );
    let out = chiso(&["datasets", "--format", "csv"]);
    assert!(!out.status.success());
    assert!(String::from_utf8(out.stderr).unwrap().contains("chiso datasets show NAME --format csv"));
}

#[test]
fn schema_prints_the_committed_json_schema() {
    let text = stdout(&["schema"]);
    assert_eq!(text, repository_file("crates/chiso/schema/chiso-spec.schema.json"));
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(schema["title"], "chiso index specification");
}
