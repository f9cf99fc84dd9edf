//! The profile: the shared vectors of `tests/vectors/profile/` (also checked by Python and JS),
//! the bundled example manifests against the published numbers, and bad inputs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;

use chiso::plan::Target;
use chiso::profile::{profile, Manifest, ProfileOptions, Published, ScoreUnit, Source, SourceKind, TargetOutcome};
use chiso::{presets, CsvOptions, Dataset, UnitMapping};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn vectors() -> Vec<(String, Value)> {
    let dir = root().join("tests/vectors/profile");
    let mut out: Vec<(String, Value)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(out.len(), 3, "the profile vectors");
    out
}

fn source(v: &Value) -> Source {
    let index = v["index"].as_str().unwrap();
    let data = Dataset::from_records(&common::records(&v["rows"]), &CsvOptions::default()).unwrap();
    match v["kind"].as_str().unwrap() {
        "table" => Source::table(index, presets::get(index).unwrap(), data),
        _ => {
            let spec = presets::get(index).unwrap().resolve(Some(2020)).unwrap();
            Source::published(index, Published::from_dataset(&data).unwrap(), ScoreUnit::of_spec(&spec), 2)
        }
    }
}

/// Checks every field of `want` in `got`: floats within the tolerance, the rest exactly,
/// objects and arrays field by field.
fn check(name: &str, got: &Value, want: &Value, tolerance: f64) {
    match want {
        Value::Number(n) if n.is_f64() => {
            let g = got.as_f64().unwrap_or_else(|| panic!("{name}: {got} is not a number"));
            assert!((g - n.as_f64().unwrap()).abs() <= tolerance, "{name}: {g} vs {n} (±{tolerance})");
        }
        Value::Object(fields) => {
            for (k, w) in fields {
                check(&format!("{name}.{k}"), &got[k], w, tolerance);
            }
        }
        Value::Array(items) => {
            let got = got.as_array().unwrap_or_else(|| panic!("{name}: {got} is not a list"));
            assert_eq!(got.len(), items.len(), "{name}: length");
            for (i, (g, w)) in got.iter().zip(items).enumerate() {
                check(&format!("{name}[{i}]"), g, w, tolerance);
            }
        }
        _ => assert_eq!(got, want, "{name}"),
    }
}

#[test]
fn shared_vectors_reproduce_the_published_numbers() {
    for (name, case) in vectors() {
        let p = &case["profile"];
        let sources: Vec<Source> = case["sources"].as_array().unwrap().iter().map(source).collect();
        let options = ProfileOptions {
            previous: p["previous"].as_i64().map(|y| y as i32),
            targets: p["targets"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().parse().unwrap()).collect(),
            mapping: p["mapping"].as_str().map(|_| UnitMapping::vietnam_provinces()),
        };
        let result =
            profile(&sources, p["unit"].as_str().unwrap(), p["year"].as_i64().unwrap() as i32, &options).unwrap();
        let got = serde_json::to_value(&result).unwrap();
        check(&name, &got["rows"], &case["expected"], case["tolerance"].as_f64().unwrap());
    }
}

fn example(manifest: &str) -> chiso::profile::Profile {
    let loaded = Manifest::load(root().join("examples/profile").join(manifest), None).unwrap();
    profile(&loaded.sources, loaded.unit.as_deref().unwrap(), loaded.year.unwrap(), &loaded.options).unwrap()
}

/// The bundled examples give the published numbers: Nam Định 2018 (PCI 63.01, 35/63, +1.58
/// points, +6 places; PAR INDEX 75.60, 40/63, −0.9 points), Quảng Ninh 2016 against 2013 (PCI
/// and PAPI, published composites), and Hải Hà 2020 (the press release's five rows).
#[test]
fn example_manifests_reproduce_the_published_rows() {
    let p = example("nam_dinh_2018.toml");
    let (pci, par) = (&p.rows[0], &p.rows[1]);
    assert_eq!((pci.source, par.source), (SourceKind::FullTable, SourceKind::Published));
    assert_eq!(chiso::display::format_decimal(pci.score.unwrap(), 2, false), "63.01");
    assert_eq!((pci.rank, pci.out_of, pci.rank_change), (Some(35), Some(63), Some(6)));
    assert_eq!(chiso::display::format_delta(pci.score_change.unwrap(), 2, false), "+1.58");
    assert_eq!((par.score, par.rank, par.out_of), (Some(75.60), Some(40), Some(63)));
    assert!((par.score_change.unwrap() + 0.9).abs() < 1e-9);
    assert_eq!(par.score_unit, ScoreUnit::Percent);
    assert!(pci.weakest.as_ref().is_some_and(|w| !w.is_empty() && w.iter().all(|c| c.score < c.median)));
    assert!(par.weakest.is_none());
    match (&pci.targets[0], &par.targets[0]) {
        (TargetOutcome::Planned { rank_planned, reachable, .. }, TargetOutcome::NeedsFullTable { message, .. }) => {
            assert!(*reachable && *rank_planned <= 10);
            assert!(message.contains("needs the full table"), "{message}");
        }
        other => panic!("{other:?}"),
    }

    let q = example("quang_ninh_2016.toml");
    let pci_rows = std::fs::read_to_string(root().join("examples/data/pci/pci_subindices.csv")).unwrap();
    let published = |year: &str| {
        let line = pci_rows.lines().find(|l| l.starts_with(&format!("{year},Quảng Ninh,"))).unwrap();
        let cells: Vec<&str> = line.split(',').collect();
        (cells[13].parse::<f64>().unwrap(), cells[14].parse::<u32>().unwrap())
    };
    let ((s16, r16), (s13, r13)) = (published("2016"), published("2013"));
    assert!((q.rows[0].score.unwrap() - s16).abs() < 1e-4);
    assert_eq!(q.rows[0].rank, Some(r16));
    assert!((q.rows[0].score_change.unwrap() - (s16 - s13)).abs() < 1e-4);
    assert_eq!(q.rows[0].rank_change, Some(i64::from(r13) - i64::from(r16)));
    assert_eq!(q.rows[1].index, "papi");
    let papi_rows = std::fs::read_to_string(root().join("examples/data/papi/papi_dimensions.csv")).unwrap();
    let total = |year: &str| -> f64 {
        let line = papi_rows.lines().find(|l| l.starts_with(&format!("{year},Quảng Ninh,"))).unwrap();
        line.split(',').nth(11).unwrap().parse().unwrap()
    };
    assert!((q.rows[1].score.unwrap() - total("2016")).abs() < 1e-5);
    assert!((q.rows[1].score_change.unwrap() - (total("2016") - total("2013"))).abs() < 1e-5);

    let h = example("hai_ha_2020.toml");
    let got: Vec<(&str, Option<u32>, Option<i64>)> =
        h.rows.iter().map(|r| (r.index.as_str(), r.rank, r.rank_change)).collect();
    assert_eq!(
        got,
        [
            ("ddci", Some(12), Some(-2)),
            ("par_index", Some(10), Some(-4)),
            ("sipas", Some(10), Some(-3)),
            ("dgi", Some(8), Some(-3)),
            ("egov_district", Some(3), Some(7))
        ]
    );
    assert_eq!(h.rows[4].score_unit, ScoreUnit::OfPoints(170.0));
    assert_eq!(h.rows[4].score_change, None, "the release gives no 2019 e-government points");
    assert!(h.rows.iter().all(|r| r.out_of == Some(13)));
}

/// Published rows across a rename: Thừa Thiên Huế 2024 is Huế 2025 (the shipped mapping).
#[test]
fn published_rows_follow_a_rename() {
    let rows = "unit,year,score,rank,out_of\nHuế,2025,80,2,34\nThừa Thiên Huế,2024,78.5,5,63\n";
    let source = Source::published("demo", Published::from_csv_str(rows).unwrap(), ScoreUnit::Points, 2);
    let options = ProfileOptions { mapping: Some(UnitMapping::vietnam_provinces()), ..Default::default() };
    let p = profile(std::slice::from_ref(&source), "Huế", 2025, &options).unwrap();
    assert_eq!((p.rows[0].score_change, p.rows[0].rank_change), (Some(1.5), Some(3)));
    assert!(p.rows[0].note.as_deref().unwrap().contains("renamed Huế"));
    // Without the mapping the names differ and nothing is matched, rather than guessed.
    let p = profile(&[source], "Huế", 2025, &ProfileOptions::default()).unwrap();
    assert_eq!((p.rows[0].previous_year, p.rows[0].score_change), (None, None));
}

#[test]
fn bad_inputs_are_named() {
    let bad = |text: &str| Published::from_csv_str(text).unwrap_err().to_string();
    assert!(bad("unit,year,score,rank\nA,2020,1,1\n").contains("missing column 'out_of'"));
    let m = bad("unit,year,score,rank,out_of\nA,2020,1,1.5,13\n");
    assert!(m.contains("row 1") && m.contains("rank") && m.contains("whole number"), "{m}");
    let m = bad("unit,year,score,rank,out_of\nA,2020,1,14,13\n");
    assert!(m.contains("row 1") && m.contains("no larger than out_of"), "{m}");
    let m = bad("unit,year,score,rank,out_of\nA,2020,x,1,13\n");
    assert!(m.contains("row 1") && m.contains("score") && m.contains("'x'"), "{m}");

    let rows = Published::from_csv_str("unit,year,score,rank,out_of\nHải Hà,2020,93.12,10,13\n").unwrap();
    let sipas = Source::published("sipas", rows, ScoreUnit::Percent, 2);
    let m = profile(std::slice::from_ref(&sipas), "Hai Ha", 2020, &ProfileOptions::default()).unwrap_err().to_string();
    assert!(m.contains("'Hai Ha'") && m.contains("Hải Hà"), "{m}");
    let m = profile(&[], "Hải Hà", 2020, &ProfileOptions::default()).unwrap_err().to_string();
    assert!(m.contains("at least one source"), "{m}");
    let options = ProfileOptions { previous: Some(2020), ..Default::default() };
    let m = profile(&[sipas], "Hải Hà", 2020, &options).unwrap_err().to_string();
    assert!(m.contains("previous year (2020)"), "{m}");
    assert!("of:0".parse::<ScoreUnit>().is_err() && "per mille".parse::<ScoreUnit>().is_err());
    assert_eq!("of:170".parse::<ScoreUnit>().unwrap(), ScoreUnit::OfPoints(170.0));
    let m = Manifest::from_toml_str("year = 2020\n[[source]]\nindex = 'pci'\nfile = 'x.csv'\nkind = 'table'\n")
        .unwrap_err()
        .to_string();
    assert!(m.contains("kind"), "{m}");
    let _ = Target::Rank(1);
}

/// The page in both languages: the table with units and signs, the chart with one position per
/// ranked index and one previous position per index ranked both years.
#[test]
fn pages_in_both_languages() {
    use chiso::presentation::profile_page::render;
    use chiso::report::ReportFormat;
    let p = example("nam_dinh_2018.toml");
    let vi = render(&p, "vi", ReportFormat::Html);
    assert!(vi.contains("<html lang=\"vi\">"));
    assert!(vi.contains("<td>63,01 điểm</td><td>35/63</td>"), "{vi}");
    assert!(vi.contains("<td>75,60 %</td><td>40/63</td>"), "{vi}");
    assert!(vi.contains("cần bảng dữ liệu đầy đủ"));
    assert_eq!(vi.matches("<circle class=\"now\"").count(), 2);
    assert_eq!(vi.matches("<circle class=\"previous\"").count(), 1, "PAR INDEX 2017 has no rank");
    let en = render(&p, "en", ReportFormat::Markdown);
    assert!(en.starts_with("# Nam Định 2018 — across indices"));
    assert!(en.contains("| Provincial Competitiveness Index | full table | 63.01 points | 35/63 |"), "{en}");
    assert!(en.contains("needs the full table (the source has the published results only)"));
    assert!(!en.contains("<svg"), "Markdown has no chart");
}

/// A full table ranked within groups (DDCI: districts and departments apart): the rank is of
/// the unit's own group, and so are the previous rank and the percentile. Composite = 10 × the
/// mean of the two sub-indices, by hand.
#[test]
fn ranks_within_the_units_group() {
    let csv = "year,unit,kind,transparency,time_costs\n\
        2020,A,district,6,6\n2020,B,district,7,7\n2020,C,district,5,5\n2020,D,department,9,9\n2020,E,department,8,8\n\
        2019,A,district,7,7\n2019,B,district,6,6\n2019,C,district,5,5\n2019,D,department,8,8\n2019,E,department,9,9\n";
    let data = Dataset::from_csv_str(csv, &CsvOptions::default()).unwrap();
    let sources = [Source::table("ddci", presets::get("ddci").unwrap(), data)];
    let a = &profile(&sources, "A", 2020, &ProfileOptions::default()).unwrap().rows[0];
    assert_eq!((a.score, a.rank, a.out_of), (Some(60.0), Some(2), Some(3)));
    assert_eq!((a.previous_rank, a.previous_out_of, a.rank_change), (Some(1), Some(3), Some(-1)));
    assert_eq!((a.score_change, a.percentile, a.previous_percentile), (Some(-10.0), Some(50.0), Some(100.0)));
    let d = &profile(&sources, "D", 2020, &ProfileOptions::default()).unwrap().rows[0];
    assert_eq!((d.score, d.rank, d.out_of, d.rank_change), (Some(90.0), Some(1), Some(2), Some(1)));
    assert_eq!(d.score_unit, ScoreUnit::Points);
}
