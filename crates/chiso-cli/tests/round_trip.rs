//! Nothing lost through the command line: CSV in → `chiso score --format csv` → CSV out has
//! one row per input row, and every unit name comes back byte for byte as written (after NFC
//! and trimming), whatever it holds: commas, semicolons, quotes, line breaks, combining marks —
//! with `--raw-csv`; without it, the one name a spreadsheet would run as a formula comes back
//! with a leading `'` (and nothing else changes).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

const SPEC: &str = "id = \"x\"\nroot = \"t\"\n[[nodes]]\nid = \"t\"\nchildren = [\"a\", \"b\"]\n\
                    [[nodes]]\nid = \"a\"\n[[nodes]]\nid = \"b\"\n";

/// Names a reader's file may hold; the second is "Quảng Ninh" typed with a combining hook.
const NAMES: [&str; 10] = [
    "Hà Nội",
    "Qua\u{309}ng Ninh",
    "  Đà Nẵng ",
    "Bà Rịa, Vũng Tàu",
    "Thừa Thiên; Huế",
    "\"Quoted\" Province",
    "Line\nbreak",
    "Tab\tinside",
    "=SUM(A1:A2)",
    "Thành phố Hồ Chí Minh 🏙",
];

fn write_csv(delimiter: u8, decimal: &str) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new().delimiter(delimiter).from_writer(Vec::new());
    writer.write_record(["unit", "year", "a", "b"]).unwrap();
    for (i, name) in NAMES.iter().enumerate() {
        let a = format!("{i}{decimal}25");
        writer.write_record([*name, "2024", a.as_str(), "1"]).unwrap();
    }
    writer.into_inner().unwrap()
}

#[test]
fn score_csv_output_keeps_every_row_and_every_unit_name() {
    let dir = std::env::temp_dir().join(format!("chiso-round-trip-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("spec.toml");
    std::fs::write(&spec, SPEC).unwrap();
    let runs = [(b',', ".", "comma.csv", true), (b';', ",", "semicolon.csv", true), (b',', ".", "comma.csv", false)];
    for (delimiter, decimal, file, raw) in runs {
        let input = dir.join(file);
        std::fs::write(&input, write_csv(delimiter, decimal)).unwrap();
        let mut args = vec!["score", "--index", spec.to_str().unwrap(), "--input", input.to_str().unwrap()];
        args.extend(["--format", "csv"]);
        if raw {
            args.push("--raw-csv");
        }
        let out = Command::new(env!("CARGO_BIN_EXE_chiso")).args(&args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
        assert_eq!(&reader.headers().unwrap()[0], "unit");
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), NAMES.len(), "one output row per input row ({file})");
        for (i, name) in NAMES.iter().enumerate() {
            let mut expected = chiso::data::normalise_unit(name);
            if !raw && expected == "=SUM(A1:A2)" {
                expected = "'=SUM(A1:A2)".into();
            }
            let found: Vec<&csv::StringRecord> =
                rows.iter().filter(|r| r[0].as_bytes() == expected.as_bytes()).collect();
            assert_eq!(found.len(), 1, "{expected:?} in {file}");
            // (i + 0.25 + 1) / 2: the mean of a and b, so each row is its own input row.
            let score: f64 = found[0][2].parse().unwrap();
            assert_eq!(score, (i as f64 + 1.25) / 2.0, "{expected:?}");
        }
    }
    // NFC and trimming, spelled out: the precomposed "ả" (U+1EA3) and no surrounding spaces.
    assert_eq!(chiso::data::normalise_unit(NAMES[1]).as_bytes(), "Qu\u{1ea3}ng Ninh".as_bytes());
    assert_eq!(chiso::data::normalise_unit(NAMES[2]), "Đà Nẵng");
    std::fs::remove_dir_all(&dir).unwrap();
}
