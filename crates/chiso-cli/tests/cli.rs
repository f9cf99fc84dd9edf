//! The `chiso` command's contract: columns, formats, errors on stderr with a non-zero exit.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn pci_table() -> String {
    root().join("examples/data/pci/pci_subindices.csv").display().to_string()
}

fn chiso(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chiso")).args(args).output().unwrap()
}

/// `chiso COMMAND --index pci --input <bundled PCI table> --unit-column province REST…`
fn on_table(command: &str, rest: &[&str]) -> Output {
    let table = pci_table();
    let mut args = vec![command, "--index", "pci", "--input", &table, "--unit-column", "province"];
    args.extend_from_slice(rest);
    chiso(&args)
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn failure(out: &Output) -> String {
    assert!(!out.status.success(), "expected a failure, got {}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{err}");
    err
}

#[test]
fn score_csv_carries_unrounded_scores_in_ranking_order() {
    let out = stdout(&on_table("score", &["--year", "2016", "--format", "csv"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "unit,year,score,rank,tier");
    assert_eq!(lines.len(), 64);
    let first: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(first[0], "Đà Nẵng");
    assert_eq!(first[1], "2016");
    assert!((first[2].parse::<f64>().unwrap() - 70.00139617919922).abs() < 1e-4);
    assert!(first[2].len() > 6, "score is unrounded: {}", first[2]);
    assert_eq!(first[3], "1");
    assert_eq!(first[4], "Rất tốt");
}

#[test]
fn score_table_shows_two_decimals_and_vietnamese_names() {
    let out = stdout(&on_table("score", &["--year", "2016"]));
    assert!(out.contains("PCI 2016 — Provincial Competitiveness Index (63 units)"), "{out}");
    let first = out.lines().find(|l| l.trim_start().starts_with("1 ")).unwrap();
    assert!(first.contains("Đà Nẵng") && first.contains("70.00") && first.contains("Very good"), "{first}");
    let vi = stdout(&on_table("score", &["--year", "2016", "--lang", "vi"]));
    assert!(vi.contains("70,00") && vi.contains("Rất tốt") && vi.contains("Hạng"), "{vi}");
}

#[test]
fn without_a_year_every_year_is_scored_with_its_edition_and_ranked_within_it() {
    let out = stdout(&on_table("score", &["--format", "json"]));
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = value["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 442);
    let firsts: Vec<(i64, &str)> = rows
        .iter()
        .filter(|r| r["rank"] == 1)
        .map(|r| (r["year"].as_i64().unwrap(), r["unit"].as_str().unwrap()))
        .collect();
    assert_eq!(
        firsts,
        vec![
            (2006, "Bình Dương"),
            (2013, "Đà Nẵng"),
            (2014, "Đà Nẵng"),
            (2015, "Đà Nẵng"),
            (2016, "Đà Nẵng"),
            (2017, "Quảng Ninh"),
            (2018, "Quảng Ninh")
        ]
    );
}

#[test]
fn compare_reports_changes_and_units_in_one_year_only() {
    let out = stdout(&on_table("compare", &["--from", "2006", "--to", "2013", "--format", "csv"]));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("unit,score_from,score_to,score_delta,rank_from,rank_to,rank_change"));
    // Hà Tây was merged into Hà Nội in 2008: reported, not dropped.
    let ha_tay = lines.iter().find(|l| l.starts_with("Hà Tây,")).unwrap();
    assert!(ha_tay.ends_with(",only_from,"), "{ha_tay}");
    assert_eq!(lines.len(), 1 + 64);
    // Đà Nẵng: 2nd in 2006, 1st in 2013 → +1 place.
    let dn: Vec<&str> = lines.iter().find(|l| l.starts_with("Đà Nẵng,")).unwrap().split(',').collect();
    assert_eq!((dn[4], dn[5], dn[6]), ("2", "1", "1"));
    let table_out = stdout(&on_table("compare", &["--from", "2006", "--to", "2013"]));
    assert!(table_out.contains("In one year only: Hà Tây (2006)"), "{table_out}");
    let mapped = stdout(&on_table("compare", &["--from", "2006", "--to", "2013", "--unit-map", "vn-provinces"]));
    assert!(mapped.contains("In one year only: Hà Tây (2006: merged into Hà Nội on 2008-08-01)"), "{mapped}");
}

/// The provincial press on Nam Định 2018: "63.01 points, 35th of 63, up 1.58 points and 6
/// places on 2017" (2017: 61.43, 41st).
#[test]
fn compare_reproduces_nam_dinh_2018_as_the_provincial_press_reported_it() {
    let out = stdout(&on_table("compare", &["--from", "2017", "--to", "2018", "--format", "csv"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1 + 63);
    let header: Vec<&str> = lines[0].split(',').collect();
    let nd: Vec<&str> = lines.iter().find(|l| l.starts_with("Nam Định,")).unwrap().split(',').collect();
    let field = |name: &str| nd[header.iter().position(|h| *h == name).unwrap()];
    let number = |name: &str| field(name).parse::<f64>().unwrap();
    assert!((number("score_from") - 61.42948532104492).abs() < 1e-4, "{nd:?}");
    assert!((number("score_to") - 63.009681701660156).abs() < 1e-4, "{nd:?}");
    assert_eq!(format!("{:.2}", number("score_to")), "63.01");
    assert_eq!(format!("{:+.2}", number("score_delta")), "+1.58");
    assert_eq!((field("rank_from"), field("rank_to"), field("rank_change")), ("41", "35", "6"));
    let table = stdout(&on_table("compare", &["--from", "2017", "--to", "2018"]));
    let row = table.lines().find(|l| l.contains("Nam Định")).unwrap();
    assert!(row.contains("61.43") && row.contains("63.01") && row.contains("+1.58"), "{row}");
    let json = stdout(&on_table("compare", &["--from", "2017", "--to", "2018", "--format", "json"]));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let nd = value["rows"].as_array().unwrap().iter().find(|r| r["unit"] == "Nam Định").unwrap();
    assert_eq!(
        (nd["rank_from"].as_i64(), nd["rank_to"].as_i64(), nd["rank_change"].as_i64()),
        (Some(41), Some(35), Some(6))
    );
    assert!((nd["score_delta"].as_f64().unwrap() - (63.009681701660156 - 61.42948532104492)).abs() < 1e-4);
}

#[test]
fn reads_standard_input_and_semicolon_decimal_comma_files() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chiso"))
        .args(["score", "--index", "pci", "--input", "-", "--year", "2019", "--format", "csv"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            "unit;entry_costs;land_access;transparency;time_costs;informal_charges;policy_bias;proactivity;\
             business_support;labor_policy;legal_institutions\n\
             Quảng Ninh;7,16;7,00;7,20;7,89;7,10;7,69;7,96;6,68;7,95;7,58\n"
                .as_bytes(),
        )
        .unwrap();
    let out = stdout(&child.wait_with_output().unwrap());
    let row: Vec<&str> = out.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(row[0], "Quảng Ninh");
    assert!((row[2].parse::<f64>().unwrap() - 73.40).abs() < 0.055);
}

#[test]
fn a_spec_file_can_stand_in_for_a_preset() {
    let dir = std::env::temp_dir().join(format!("chiso-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("demo.toml");
    std::fs::write(
        &spec,
        "id = \"demo\"\nroot = \"total\"\n[[nodes]]\nid = \"total\"\naggregation = \"weighted_sum\"\nchildren = [\"a\", \"b\"]\n\
         [[nodes]]\nid = \"a\"\nweight = 2\n[[nodes]]\nid = \"b\"\n",
    )
    .unwrap();
    let data = dir.join("demo.csv");
    std::fs::write(&data, "unit,a,b\nX,1,5\nY,3,0\n").unwrap();
    let out = stdout(&chiso(&[
        "score",
        "--index",
        spec.to_str().unwrap(),
        "--input",
        data.to_str().unwrap(),
        "--format",
        "csv",
    ]));
    assert_eq!(out, "unit,year,score,rank\nX,,7,1\nY,,6,2\n");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn errors_go_to_stderr_with_a_non_zero_exit() {
    let table = pci_table();
    let err = failure(&chiso(&["score", "--index", "pci", "--input", &table]));
    assert!(err.contains("missing column 'unit'") && err.contains("province"), "{err}");
    let err = failure(&chiso(&["score", "--index", "pcx", "--input", &table]));
    assert!(
        err.contains("'pcx' is neither a preset index (pci, ") && err.contains("nor a specification file"),
        "{err}"
    );
    let err = failure(&chiso(&["score", "--index", "pci", "--input", "/nonexistent.csv"]));
    assert_eq!(err, "chiso: data error: cannot read '/nonexistent.csv': no such file\n");
    let err = failure(&on_table("score", &["--year", "2010"]));
    assert!(err.contains("no rows for 2010"), "{err}");
    let err = failure(&on_table("score", &["--strict"]));
    assert!(err.contains("column 'province_ascii' is not a node of index 'pci'"), "{err}");
}

#[test]
fn presets_and_spec_commands() {
    let out = stdout(&chiso(&["presets"]));
    assert!(out.contains("pci") && out.contains("2006–2008, 2009–2012, 2013–2021, 2022–2024"), "{out}");
    let toml = stdout(&chiso(&["spec", "--index", "pci", "--year", "2010"]));
    assert!(toml.contains("from = 2009") && !toml.contains("policy_bias"), "{toml}");
}

#[test]
fn plan_prints_gains_per_sub_index_or_a_summary() {
    let nam_dinh = ["--unit", "Nam Định", "--year", "2016"];
    let csv = stdout(&on_table("plan", &[&nam_dinh[..], &["--target", "top:10", "--format", "csv"]].concat()));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "node,current,gain,planned");
    assert_eq!(lines.len(), 11);
    let summary =
        stdout(&on_table("plan", &[&nam_dinh[..], &["--target", "top:10", "--format", "csv", "--summary"]].concat()));
    let row: Vec<&str> = summary.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(summary.lines().next().unwrap(), "score_now,score_planned,rank_now,rank_planned,reachable");
    assert_eq!((row[2], row[3], row[4]), ("30", "10", "true"));
    let capped = stdout(&on_table(
        "plan",
        &[&nam_dinh[..], &["--target", "rank:1", "--cap", "transparency=0,1", "--format", "json"]].concat(),
    ));
    let value: serde_json::Value = serde_json::from_str(&capped).unwrap();
    assert_eq!(value["reachable"], true);
    let t = value["steps"].as_array().unwrap().iter().find(|s| s["id"] == "transparency").unwrap();
    assert!(t["gain"].as_f64().unwrap() <= 0.1 + 1e-12);
    let err = failure(&on_table("plan", &[&nam_dinh[..], &["--target", "top10"]].concat()));
    assert!(err.contains("target 'top10' is not one of"), "{err}");
    let err = failure(&on_table("plan", &[&nam_dinh[..], &["--target", "top:10", "--cap", "transparency"]].concat()));
    assert!(err.contains("--cap 'transparency' is not NODE=VALUE"), "{err}");
}

#[test]
fn diagnose_reads_like_a_provincial_report() {
    let out = stdout(&on_table("diagnose", &["--unit", "Nam Định", "--year", "2016", "--lang", "vi"]));
    assert!(out.contains("Nam Định: 58,54 điểm, hạng 30/63 (Khá), -1,08 điểm và -13 bậc so với 2015"), "{out}");
    assert!(out.contains("Yếu nhất"), "{out}");
}

#[test]
fn survey_aggregates_microdata_and_feeds_score() {
    let dir = root().join("examples/data/survey");
    let spec = dir.join("sipas_survey.toml").display().to_string();
    let micro = dir.join("sipas_microdata.csv").display().to_string();
    let out = chiso(&["survey", "--spec", &spec, "--input", &micro]);
    let long = stdout(&out);
    let lines: Vec<&str> = long.lines().collect();
    assert_eq!(lines[0], "unit,indicator,value,n,clusters,effective_n,se,normal_low,normal_high,boot_low,boot_high");
    assert_eq!(lines.len(), 1 + 4 * 5);
    // Hải Hà has one village: no intervals, and warnings on stderr.
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("Hải Hà") && err.contains("single cluster"), "{err}");
    let hai_ha = lines.iter().find(|l| l.starts_with("Hải Hà,access")).unwrap();
    assert!(hai_ha.ends_with(",,,,"), "{hai_ha}");
    // Same seed, same output.
    assert_eq!(stdout(&chiso(&["survey", "--spec", &spec, "--input", &micro])), long);
    let wide = stdout(&chiso(&["survey", "--spec", &spec, "--input", &micro, "--wide", "--replicates", "0"]));
    assert!(wide.starts_with("unit,access,procedures,civil_servants,results,feedback\n"), "{wide}");
    // With an index: every node's score with its interval and rank range.
    let nodes =
        stdout(&chiso(&["survey", "--spec", &spec, "--input", &micro, "--index", "sipas", "--replicates", "200"]));
    let lines: Vec<&str> = nodes.lines().collect();
    assert_eq!(lines[0], "unit,year,node,score,low,high,rank_best,rank_worst,replicates");
    assert_eq!(lines.len(), 1 + 4 * 6);
    assert!(lines.iter().any(|l| l.starts_with("Uông Bí,,sipas,") && l.ends_with(",200")), "{nodes}");
}

/// A CSV text without quoted fields (COINr's result table, chiso's csv output on ASEM) as a
/// header and rows keyed by their first column.
fn plain_csv(text: &str) -> (Vec<String>, std::collections::BTreeMap<String, Vec<String>>) {
    assert!(!text.contains('"'), "quoted fields");
    let mut lines = text.lines();
    let header: Vec<String> = lines.next().unwrap().split(',').map(str::to_owned).collect();
    let rows = lines
        .map(|l| {
            let cells: Vec<String> = l.split(',').map(str::to_owned).collect();
            assert_eq!(cells.len(), header.len(), "{l}");
            (cells[0].clone(), cells)
        })
        .collect();
    (header, rows)
}

/// `chiso score` on COINr's ASEM example with examples/coinr/asem.toml against COINr 1.1.14's
/// own result (tests/coinr/default.csv): relative difference ≤ 1e-12, ranks exact (the full
/// cell-by-cell comparison is crates/chiso/tests/coinr.rs).
#[test]
fn score_reproduces_coinr_on_its_asem_example() {
    let spec = root().join("examples/coinr/asem.toml").display().to_string();
    let data = root().join("tests/coinr/asem_data.csv").display().to_string();
    let coinr = std::fs::read_to_string(root().join("tests/coinr/default.csv")).unwrap();
    let (coinr_header, coinr_rows) = plain_csv(&coinr);
    let want = |unit: &str, column: &str| -> f64 {
        let at = coinr_header.iter().position(|h| h == column).unwrap();
        coinr_rows[unit][at].parse().unwrap()
    };
    let close = |what: &str, got: f64, want: f64| {
        assert!((got - want).abs() <= 1e-12 * want.abs().max(1e-300), "{what}: chiso {got}, COINr {want}");
    };
    let base = ["score", "--index", &spec, "--input", &data, "--unit-column", "uCode", "--format", "csv"];

    let mut args = base.to_vec();
    args.extend(["--nodes", "all"]);
    let out = chiso(&args);
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    let (header, rows) = plain_csv(&stdout(&out));
    assert_eq!(&header[..4], ["unit", "year", "score", "rank"]);
    assert_eq!(rows.len(), 51);
    let at = |column: &str| header.iter().position(|h| h == column).unwrap_or_else(|| panic!("no {column}"));
    for (unit, cells) in &rows {
        close(&format!("{unit} Index"), cells[at("score")].parse().unwrap(), want(unit, "Index"));
        assert_eq!(cells[at("rank")].parse::<f64>().unwrap(), want(unit, "Index_rank"), "{unit} rank");
        for node in ["Conn", "Sust", "Physical", "P2P", "SusEcFin"] {
            close(&format!("{unit} {node}"), cells[at(node)].parse().unwrap(), want(unit, node));
            let rank: f64 = cells[at(&format!("{node}_rank"))].parse().unwrap();
            assert_eq!(rank, want(unit, &format!("{node}_rank")), "{unit} {node}_rank");
        }
    }

    let mut args = base.to_vec();
    args.extend(["--stage", "normalised"]);
    let (header, rows) = plain_csv(&stdout(&chiso(&args)));
    assert_eq!(header.len(), 2 + 49);
    assert_eq!(header[2..], coinr_header[1..50]);
    let mut compared = 0;
    for (unit, cells) in &rows {
        for (column, cell) in header.iter().zip(cells).skip(2) {
            let at = coinr_header.iter().position(|h| h == column).unwrap();
            match (cell.as_str(), coinr_rows[unit][at].as_str()) {
                ("", "") => {}
                (got, "") | ("", got) => panic!("{unit} {column}: '{got}' missing on one side only"),
                (got, want) => close(&format!("{unit} {column}"), got.parse().unwrap(), want.parse().unwrap()),
            }
            compared += 1;
        }
    }
    assert_eq!(compared, 51 * 49);
}

/// A missing file says "no such file" and names it, whichever file it is: data, spec, unit
/// mapping, survey; a folder given as a file says what it is.
#[test]
fn missing_files_say_no_such_file() {
    let table = pci_table();
    let err = failure(&chiso(&["score", "--index", "no/such/spec.toml", "--input", &table]));
    assert_eq!(err, "chiso: spec error: cannot read the specification 'no/such/spec.toml': no such file\n");
    // A bare name with a spec extension is a file too, not an unknown preset.
    let err = failure(&chiso(&["score", "--index", "my_index.json", "--input", &table]));
    assert_eq!(err, "chiso: spec error: cannot read the specification 'my_index.json': no such file\n");
    let err = failure(&on_table("compare", &["--from", "2015", "--to", "2016", "--unit-map", "/no/such/map.csv"]));
    assert_eq!(err, "chiso: data error: cannot read '/no/such/map.csv': no such file\n");
    let err = failure(&chiso(&["survey", "--spec", "/no/such/survey.toml", "--input", &table]));
    assert_eq!(err, "chiso: data error: cannot read '/no/such/survey.toml': no such file\n");
    let folder = root().join("examples").display().to_string();
    let err = failure(&chiso(&["score", "--index", "pci", "--input", &folder]));
    assert_eq!(err, format!("chiso: data error: cannot read '{folder}': Is a directory\n"));
}

/// Unit names a spreadsheet would run as formulas (CSV injection), in two years.
const HOSTILE_SPEC: &str = "id = \"x\"\nroot = \"t\"\n[[tiers]]\nrule = \"rank_bands\"\n\
    bands = [{ max_rank = 2, label = { vi = \"=1+1\", en = \"top\" } }, { label = { vi = \"rest\", en = \"rest\" } }]\n\
    [[nodes]]\nid = \"t\"\nchildren = [\"a\", \"b\"]\n[[nodes]]\nid = \"a\"\n[[nodes]]\nid = \"b\"\n";
const HOSTILE_NAMES: [&str; 5] =
    ["=HYPERLINK(\"http://evil.example\",\"click\")", "@SUM(1+1)", "+cmd|' /C calc'!A0", "-2+3", "Hà Nội"];

fn hostile_files() -> (PathBuf, PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("chiso-cli-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (spec, data) = (dir.join("spec.toml"), dir.join("data.csv"));
    std::fs::write(&spec, HOSTILE_SPEC).unwrap();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["unit", "year", "a", "b"]).unwrap();
    for (i, name) in HOSTILE_NAMES.iter().enumerate() {
        // 2016: the first unit falls from 1 to 5 (t = 2.5 → 0.5), the others move up.
        let (a15, a16) = (f64::from(10 - i as u8), if i == 0 { 0.0 } else { f64::from(10 - i as u8) });
        writer.write_record([name, "2015", a15.to_string().as_str(), "1"]).unwrap();
        writer.write_record([name, "2016", a16.to_string().as_str(), "1"]).unwrap();
    }
    std::fs::write(&data, writer.into_inner().unwrap()).unwrap();
    (dir, spec, data)
}

fn records(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect()
}

/// CSV output neutralises text cells that spreadsheet programs treat as formulas (a leading
/// `'`), never numbers (negative changes stay numbers), and `--raw-csv` writes them as they are.
#[test]
fn csv_output_neutralises_formula_cells_but_not_negative_numbers() {
    let (dir, spec, data) = hostile_files();
    let (spec, data) = (spec.to_str().unwrap(), data.to_str().unwrap());
    let score = |extra: &[&str]| {
        let mut args = vec!["score", "--index", spec, "--input", data, "--year", "2016", "--format", "csv"];
        args.extend_from_slice(extra);
        records(&stdout(&chiso(&args)))
    };
    let rows = score(&[]);
    assert_eq!(rows[0], ["unit", "year", "score", "rank", "tier"]);
    let by_rank: Vec<(&str, &str, &str)> =
        rows[1..].iter().map(|r| (r[0].as_str(), r[3].as_str(), r[4].as_str())).collect();
    assert_eq!(
        by_rank,
        [
            ("'@SUM(1+1)", "1", "'=1+1"),
            ("'+cmd|' /C calc'!A0", "2", "'=1+1"),
            ("'-2+3", "3", "rest"),
            ("Hà Nội", "4", "rest"),
            ("'=HYPERLINK(\"http://evil.example\",\"click\")", "5", "rest"),
        ]
    );
    assert_eq!(rows[5][2], "0.5", "scores are numbers");
    let raw = score(&["--raw-csv"]);
    let names: Vec<&str> = raw[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        names,
        ["@SUM(1+1)", "+cmd|' /C calc'!A0", "-2+3", "Hà Nội", "=HYPERLINK(\"http://evil.example\",\"click\")"]
    );
    assert_eq!(raw[1][4], "=1+1");

    // Comparison: the fallen unit's negative change and places stay numbers.
    let args = ["compare", "--index", spec, "--input", data, "--from", "2015", "--to", "2016", "--format", "csv"];
    let rows = records(&stdout(&chiso(&args)));
    assert_eq!(&rows[0][..7], ["unit", "score_from", "score_to", "score_delta", "rank_from", "rank_to", "rank_change"]);
    let fallen = rows.iter().find(|r| r[0].starts_with("'=HYPERLINK")).unwrap();
    assert_eq!(&fallen[1..7], ["5.5", "0.5", "-5", "1", "5", "-4"]);
    assert_eq!(fallen[7], "'=1+1", "tier_from, a label, is text");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The hostile names of the bad-input catalogue (`tests/bad_inputs/catalogue.json`, section
/// `hostile`) through `chiso score --format csv`: each unit cell is the case's `csv`, and with
/// `--raw-csv` the name as written.
#[test]
fn catalogue_hostile_names_in_csv_output() {
    let text = std::fs::read_to_string(root().join("tests/bad_inputs/catalogue.json")).unwrap();
    let catalogue: serde_json::Value = serde_json::from_str(&text).unwrap();
    let hostile = &catalogue["hostile"];
    let cases = hostile["cases"].as_array().unwrap();
    let dir = std::env::temp_dir().join(format!("chiso-cli-catalogue-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (spec, data) = (dir.join("spec.json"), dir.join("data.csv"));
    std::fs::write(&spec, hostile["spec"]["value"].to_string()).unwrap();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(hostile["csv_header"].as_str().unwrap().split(',')).unwrap();
    for case in cases {
        let values = case["values"].as_array().unwrap().iter().map(|v| v.to_string());
        writer.write_record(std::iter::once(case["unit"].as_str().unwrap().to_owned()).chain(values)).unwrap();
    }
    std::fs::write(&data, writer.into_inner().unwrap()).unwrap();
    let (spec, data) = (spec.to_str().unwrap(), data.to_str().unwrap());
    for raw in [false, true] {
        let mut args = vec!["score", "--index", spec, "--input", data, "--format", "csv"];
        if raw {
            args.push("--raw-csv");
        }
        let rows = records(&stdout(&chiso(&args)));
        assert_eq!(rows[0][0], "unit");
        // Ranking order: the case with the highest values first.
        let units: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
        let key = if raw { "unit" } else { "csv" };
        let expected: Vec<&str> = cases.iter().rev().map(|c| c[key].as_str().unwrap()).collect();
        assert_eq!(units, expected, "--raw-csv {raw}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A plain CSV (no quotes) as column → cells.
fn by_column(text: &str) -> std::collections::BTreeMap<String, Vec<String>> {
    let mut lines = text.lines();
    let header: Vec<String> = lines.next().unwrap().split(',').map(str::to_owned).collect();
    let mut columns: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for line in lines {
        for (name, cell) in header.iter().zip(line.split(',')) {
            columns.entry(name.clone()).or_default().push(cell.to_owned());
        }
    }
    columns
}

/// A wide table for `calibrate`: one row per province, the published sub-index and the
/// indicators printed behind it (`i01`, `i02`, …), from the bundled long indicator table.
fn pci_wide(year: &str, sub_index: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chiso-cli-calibrate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{sub_index}_{year}.csv"));
    let published = by_column(&std::fs::read_to_string(pci_table()).unwrap().replace('\r', ""));
    let mut target = std::collections::BTreeMap::new();
    for (i, y) in published["year"].iter().enumerate() {
        if y == year {
            target.insert(published["province"][i].clone(), published[sub_index][i].clone());
        }
    }
    let long = std::fs::read_to_string(root().join("examples/data/pci/pci_indicators.csv")).unwrap();
    let mut values: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    let mut count = 0;
    for line in long.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f[0] == year && f[1] == sub_index {
            count = count.max(f[2].parse::<usize>().unwrap());
            values.entry(f[3].to_owned()).or_default().push(f[4].to_owned());
        }
    }
    let mut text = String::from("province,") + sub_index;
    for no in 1..=count {
        text.push_str(&format!(",i{no:02}"));
    }
    text.push('\n');
    for (province, row) in &values {
        text.push_str(&format!("{province},{},{}\n", target[province], row.join(",")));
    }
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn calibrate_recovers_an_exact_pci_sub_index_and_its_spec_reproduces_it() {
    let wide = pci_wide("2018", "proactivity");
    let wide = wide.to_str().unwrap();
    let base = ["calibrate", "--input", wide, "--unit-column", "province", "--target", "proactivity"];
    let json = stdout(&chiso(&[&base[..], &["--format", "json"]].concat()));
    let fit: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(fit["exact"], true);
    let residual = fit["max_residual"].as_f64().unwrap();
    assert!(residual < 1e-6, "{residual}"); // well within the 1e-4 of an exact fit
    let coefficients = fit["coefficients"].as_object().unwrap();
    assert_eq!(
        coefficients.keys().cloned().collect::<Vec<_>>(),
        (1..=9).map(|i| format!("i{i:02}")).collect::<Vec<_>>()
    );
    assert!(fit["intercept"].is_number());
    // Listing the columns gives the same fit.
    let listed = stdout(&chiso(
        &[&base[..], &["--columns", "i01,i02,i03,i04,i05,i06,i07,i08,i09", "--format", "json"]].concat(),
    ));
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(listed["coefficients"], fit["coefficients"]);

    // The TOML spec, scored on the same table, gives VCCI's published proactivity back.
    let toml = stdout(&chiso(&[&base[..], &["--format", "toml", "--scale", "1,10"]].concat()));
    assert!(toml.contains("method = \"min_max\""), "{toml}");
    let spec = std::path::Path::new(wide).with_file_name("proactivity_2018.toml");
    std::fs::write(&spec, &toml).unwrap();
    let scored = stdout(&chiso(&[
        "score",
        "--index",
        spec.to_str().unwrap(),
        "--input",
        wide,
        "--unit-column",
        "province",
        "--format",
        "csv",
    ]));
    let scores = by_column(&scored);
    let published = by_column(&std::fs::read_to_string(wide).unwrap());
    assert_eq!(scores["unit"].len(), 63);
    for (i, unit) in scores["unit"].iter().enumerate() {
        let j = published["province"].iter().position(|p| p == unit).unwrap();
        let (got, want): (f64, f64) =
            (scores["score"][i].parse().unwrap(), published["proactivity"][j].parse().unwrap());
        assert!((got - want).abs() <= 1e-4, "{unit}: {got} vs {want}");
    }

    let table = stdout(&chiso(&base));
    assert!(table.contains("Calibration of 'proactivity'") && table.contains("exact"), "{table}");
}

#[test]
fn calibrate_reports_an_inexact_sub_index_with_its_residuals() {
    let wide = pci_wide("2018", "labor_policy");
    let out = stdout(&chiso(&[
        "calibrate",
        "--input",
        wide.to_str().unwrap(),
        "--unit-column",
        "province",
        "--target",
        "labor_policy",
        "--format",
        "json",
    ]));
    let fit: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(fit["exact"], false);
    let residual = fit["max_residual"].as_f64().unwrap();
    assert!((0.25..0.35).contains(&residual), "{residual}");
    assert_eq!(fit["worst_units"][0]["residual"].as_f64().unwrap().abs(), residual);
}

#[test]
fn calibrate_errors_name_the_column() {
    let wide = pci_wide("2018", "time_costs");
    let wide = wide.to_str().unwrap();
    let err = failure(&chiso(&["calibrate", "--input", wide, "--unit-column", "province", "--target", "published"]));
    assert!(err.contains("missing column 'published'"), "{err}");
    let err = failure(&chiso(&[
        "calibrate",
        "--input",
        wide,
        "--unit-column",
        "province",
        "--target",
        "time_costs",
        "--method",
        "geometric_mean",
    ]));
    assert!(err.contains("unknown calibration method 'geometric_mean'"), "{err}");
    let err = failure(&chiso(&[
        "calibrate",
        "--input",
        wide,
        "--unit-column",
        "province",
        "--target",
        "time_costs",
        "--columns",
        "i01,i01",
    ]));
    assert!(err.contains("listed twice"), "{err}");
    let base = ["calibrate", "--input", wide, "--unit-column", "province", "--target", "time_costs", "--columns"];
    let err = failure(&chiso(&[&base[..], &["i01,i02,i01"]].concat()));
    assert!(err.contains("listed twice"), "{err}");
    // A child twice under two names: collinear, named; or left out on request.
    let copy = std::path::Path::new(wide).with_file_name("time_costs_copy.csv");
    let text = std::fs::read_to_string(wide).unwrap();
    let doubled: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let first = l.split(',').nth(2).unwrap();
            format!("{l},{}\n", if i == 0 { "copy_of_i01" } else { first })
        })
        .collect();
    std::fs::write(&copy, doubled).unwrap();
    let copy = copy.to_str().unwrap();
    let args = ["calibrate", "--input", copy, "--unit-column", "province", "--target", "time_costs"];
    let err = failure(&chiso(&args));
    assert!(err.contains("column 'copy_of_i01' is a linear combination of 'i01'"), "{err}");
    let out = stdout(&chiso(&[&args[..], &["--drop-collinear", "--format", "json"]].concat()));
    let fit: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(fit["exact"], true);
    assert_eq!(fit["undetermined"], serde_json::json!(["copy_of_i01"]));
    assert_eq!(fit["coefficients"]["copy_of_i01"], 0.0);
}

/// Nam Định 2017 → 2018, what moved: the published sub-indices give informal charges
/// 4.62 → 6.97 (+2.35) and entry costs 7.62 → 6.49 (−1.13).
#[test]
fn diagnose_shows_what_moved_for_nam_dinh_2018() {
    let out = stdout(&on_table("diagnose", &["--unit", "Nam Định", "--year", "2018", "--from", "2017"]));
    assert!(
        out.starts_with("PCI 2018 — Nam Định: 63.01 points, rank 35/63, +1.58 points and +6 places on 2017"),
        "{out}"
    );
    let line = |label: &str| out.lines().find(|l| l.starts_with(label)).unwrap().to_owned();
    assert!(line("Informal charges").contains("+2.35"), "{out}");
    assert!(line("Entry costs").contains("-1.13"), "{out}");
}
