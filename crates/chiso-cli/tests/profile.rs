//! `chiso profile`: the bundled examples against the published numbers, every format, the
//! "needs the full table" message, hostile names, and errors.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn chiso(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chiso")).current_dir(root()).args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn failure(out: &Output) -> String {
    assert!(!out.status.success(), "expected a failure, got {}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    err
}

/// Nam Định 2018: PCI 63.01, 35/63, +1.58 points, +6 places (full table); PAR INDEX 75.60 %,
/// 40/63, −0.90 (published) — and the top-10 target planned for PCI only.
#[test]
fn nam_dinh_2018_as_published() {
    let out = stdout(&chiso(&["profile", "--manifest", "examples/profile/nam_dinh_2018.toml"]));
    let pci = out.lines().find(|l| l.starts_with("Provincial Competitiveness Index  ")).unwrap();
    for part in ["full table", "63.01 points", "35/63", "+1.58", "+6"] {
        assert!(pci.contains(part), "{pci} lacks {part}");
    }
    let par = out.lines().find(|l| l.starts_with("Administrative Reform Index (PAR INDEX)  ")).unwrap();
    for part in ["published", "75.60 %", "40/63", "-0.90"] {
        assert!(par.contains(part), "{par} lacks {part}");
    }
    assert!(out.contains("Provincial Competitiveness Index: top:10 needs"), "{out}");
    assert!(out.contains("par_index: a target needs the full table"), "{out}");

    let json: serde_json::Value = serde_json::from_str(&stdout(&chiso(&[
        "profile",
        "--manifest",
        "examples/profile/nam_dinh_2018.toml",
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(json["rows"][0]["source"], "full_table");
    assert_eq!(json["rows"][1]["source"], "published");
    assert_eq!(json["rows"][1]["targets"][0]["status"], "needs_full_table");
    assert_eq!(json["rows"][0]["targets"][0]["status"], "planned");
    assert!((json["rows"][0]["score_change"].as_f64().unwrap() - (63.00968 - 61.42949)).abs() < 1e-4);
}

/// `--source INDEX=FILE` gives the same rows as the manifest; hyphenated preset ids work.
#[test]
fn sources_on_the_command_line() {
    let out = stdout(&chiso(&[
        "profile",
        "--unit",
        "Hải Hà",
        "--year",
        "2020",
        "--format",
        "csv",
        "--source",
        "ddci=examples/profile/hai_ha/ddci.csv",
        "--source",
        "egov-district=examples/profile/hai_ha/egov_district.csv",
    ]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[1].starts_with("ddci,published,Hải Hà,2020,45.74,points,12,13,"), "{}", lines[1]);
    assert!(lines[1].ends_with(",2019,58.73,10,-12.989999999999995,-2,"), "{}", lines[1]);
    assert!(lines[2].starts_with("egov_district,published,Hải Hà,2020,133.28,of:170,3,13,"), "{}", lines[2]);
    assert!(lines[2].ends_with(",2019,,10,,7,"), "{}", lines[2]);
    let manifest = stdout(&chiso(&["profile", "--manifest", "examples/profile/hai_ha_2020.toml", "--format", "csv"]));
    assert_eq!(manifest.lines().nth(1), Some(lines[1]));
}

#[test]
fn pages_in_both_languages() {
    let html = stdout(&chiso(&[
        "profile",
        "--manifest",
        "examples/profile/quang_ninh_2016.toml",
        "--format",
        "html",
        "--lang",
        "vi",
    ]));
    assert!(html.starts_with("<!doctype html>") && html.contains("<html lang=\"vi\">"));
    assert!(html.contains("<svg class=\"profile-chart\"") && html.contains("Thay đổi điểm so với 2013"));
    assert_eq!(html.matches("<circle class=\"now\"").count(), 2);
    // No external assets: no scripts, links or sources.
    assert!(
        !html.contains("<script") && !html.contains("<link") && !html.contains(" src=") && !html.contains(" href=")
    );
    let md = stdout(&chiso(&["profile", "--manifest", "examples/profile/hai_ha_2020.toml", "--format", "md"]));
    assert!(md.starts_with("# Hải Hà 2020 — across indices"), "{md}");
    assert!(md.contains("| 133.28/170 points | 3/13 |"), "{md}");
}

#[test]
fn errors_name_what_to_fix() {
    let err = failure(&chiso(&["profile", "--unit", "Hải Hà", "--year", "2020", "--source", "ddci"]));
    assert!(err.contains("'ddci' is not INDEX=FILE"), "{err}");
    let err = failure(&chiso(&["profile", "--unit", "Hai Ha", "--manifest", "examples/profile/hai_ha_2020.toml"]));
    assert!(err.contains("'Hai Ha'") && err.contains("did you mean Hải Hà"), "{err}");
    let err = failure(&chiso(&[
        "profile",
        "--unit",
        "X",
        "--year",
        "2020",
        "--source",
        "nope=examples/profile/hai_ha/ddci.csv",
    ]));
    assert!(err.contains("nope"), "{err}");
    let err = failure(&chiso(&["profile", "--manifest", "examples/profile/hai_ha_2020.toml", "--target", "best"]));
    assert!(err.contains("target 'best'"), "{err}");
    let err = failure(&chiso(&["profile", "--unit", "Hải Hà", "--year", "2020", "--source", "ddci=missing.csv"]));
    assert!(err.contains("missing.csv"), "{err}");
}

/// Names with markup stay text in the HTML and Markdown pages.
#[test]
fn hostile_names_are_escaped() {
    let dir = std::env::temp_dir().join(format!("chiso-cli-profile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("rows.csv");
    std::fs::write(
        &file,
        "unit,year,score,rank,out_of,tier\n\"<img src=x onerror=alert(1)>|[a](b)\",2020,1,1,2,<b>A</b>\n",
    )
    .unwrap();
    let source = format!("sipas={}", file.display());
    let args = ["profile", "--unit", "<img src=x onerror=alert(1)>|[a](b)", "--year", "2020", "--source", &source];
    let html = stdout(&chiso(&[&args[..], &["--format", "html"]].concat()));
    assert!(!html.contains("<img") && !html.contains("<b>A"), "{html}");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;") && html.contains("&lt;b&gt;A&lt;/b&gt;"));
    let md = stdout(&chiso(&[&args[..], &["--format", "md"]].concat()));
    assert!(md.contains("\\<img src=x onerror=alert(1)\\>\\|\\[a\\](b)"), "{md}");
    std::fs::remove_dir_all(&dir).ok();
}

/// `chiso uncertainty --from --unit-map`: Hà Nội 2006 → 2013 noted as having absorbed Hà Tây.
#[test]
fn uncertainty_rank_changes_across_a_merger() {
    let args = [
        "uncertainty",
        "--index",
        "pci",
        "--input",
        "examples/data/pci/pci_subindices.csv",
        "--unit-column",
        "province",
        "--year",
        "2013",
        "--from",
        "2006",
        "--unit-map",
        "vn-provinces",
        "--samples",
        "50",
        "--weights-pm",
        "10",
        "--format",
        "json",
    ];
    let json: serde_json::Value = serde_json::from_str(&stdout(&chiso(&args))).unwrap();
    assert_eq!(json["only_from"], serde_json::json!(["Hà Tây"]));
    let hn = json["changes"].as_array().unwrap().iter().find(|c| c["unit"] == "Hà Nội").unwrap();
    assert_eq!(hn["note"], "absorbed Hà Tây on 2008-08-01");
    let err = failure(&chiso(&["uncertainty", "--index", "pci", "--input", "x.csv", "--unit-map", "vn-provinces"]));
    assert!(err.contains("--from"), "{err}");
}

/// `chiso groups`: PAPI 2019's four groups for the total (16/16/15/16, as the scores' tiers)
/// and for each of the eight dimensions.
#[test]
fn papi_groups_per_dimension() {
    let args = [
        "groups",
        "--index",
        "papi",
        "--input",
        "examples/data/papi/papi_dimensions.csv",
        "--unit-column",
        "province",
        "--year",
        "2019",
        "--format",
        "csv",
    ];
    let out = stdout(&chiso(&args));
    let mut lines = out.lines();
    assert_eq!(lines.next().unwrap().split(',').count(), 10);
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 63);
    let count = |col: usize, level: &str| rows.iter().filter(|r| r[col] == level).count();
    assert_eq!((count(1, "0"), count(1, "1"), count(1, "2"), count(1, "3")), (16, 16, 15, 16));
    for col in 2..10 {
        assert_eq!((0..4).map(|l| count(col, &l.to_string())).sum::<usize>(), 63, "column {col}");
    }
}

/// Preset ids in the CLI contract's hyphenated spelling name the same presets; the list shows
/// the canonical ids.
#[test]
fn hyphenated_preset_ids() {
    for (hyphen, id) in [("par-index", "par_index"), ("egov-district", "egov_district"), ("ict-index", "ict_index")] {
        let spec = stdout(&chiso(&["spec", "--index", hyphen, "--year", "2020"]));
        assert!(spec.contains(&format!("id = \"{id}\"")), "{hyphen}: {spec}");
    }
    let list = stdout(&chiso(&["presets"]));
    assert!(list.lines().any(|l| l.starts_with("par_index\t")) && !list.contains("par-index"), "{list}");
}
