//! The bad-input catalogue (`tests/bad_inputs/catalogue.json`): every case gives the error it
//! lists (kind, variant, message fragments), with the default limits and with the browser's;
//! and `docs/bad-input.md` is the table this test renders from the catalogue
//! (`CHISO_BLESS=1 cargo test -p chiso --test bad_input_catalogue` rewrites it).
//! The Python and JS suites read the same file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use chiso::report::{report, ReportFormat};
use chiso::{presets, CsvOptions, Dataset, Error, IndexDefinition, Limits, ScoreOptions, UnitMapping};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn catalogue() -> Value {
    let text = std::fs::read_to_string(root().join("tests/bad_inputs/catalogue.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn cases(catalogue: &Value) -> &Vec<Value> {
    catalogue["cases"].as_array().unwrap()
}

fn count(g: &Value, key: &str) -> usize {
    g[key].as_u64().unwrap_or_else(|| panic!("generator needs '{key}': {g}")) as usize
}

/// The generators described in the catalogue's `generators` section (the same in Python and JS).
fn generate(g: &Value) -> Vec<u8> {
    let n = count(g, "n");
    let text = match g["generate"].as_str().unwrap() {
        "chain" => {
            let mut t = String::from("id = \"deep\"\nroot = \"n0\"\n");
            for i in 0..n {
                t.push_str(&format!("[[nodes]]\nid = \"n{i}\"\nchildren = [\"n{}\"]\n", i + 1));
            }
            t + &format!("[[nodes]]\nid = \"n{n}\"\n")
        }
        "wide" => {
            let children: Vec<String> = (0..n).map(|i| format!("\"c{i}\"")).collect();
            let leaves: Vec<String> = (0..n).map(|i| format!(",{{\"id\":\"c{i}\"}}")).collect();
            format!(
                "{{\"id\":\"wide\",\"root\":\"total\",\"nodes\":[{{\"id\":\"total\",\"children\":[{}]}}{}]}}",
                children.join(","),
                leaves.concat()
            )
        }
        "nested_toml" => format!("id = \"x\"\nroot = \"r\"\nnodes = {}{}\n", "[".repeat(n), "]".repeat(n)),
        "editions" => {
            let children: Vec<String> = (0..n).map(|i| format!("\"c{i}\"")).collect();
            let mut t = format!(
                "id = \"ed\"\nroot = \"total\"\n[[nodes]]\nid = \"total\"\nchildren = [{}]\n",
                children.join(", ")
            );
            for i in 0..n {
                t.push_str(&format!("[[nodes]]\nid = \"c{i}\"\n"));
            }
            for i in 0..count(g, "m") {
                t.push_str(&format!("[[editions]]\nfrom = {0}\nto = {0}\n", 2000 + i));
            }
            t
        }
        "long_id" => {
            let id = "x".repeat(n);
            format!("id = \"x\"\nroot = \"{id}\"\n[[nodes]]\nid = \"{id}\"\n")
        }
        "long_name" => format!("unit,a\n{},1\n", "x".repeat(n)),
        "wide_csv" => {
            let header: Vec<String> = (0..n).map(|i| format!("k{i}")).collect();
            format!("unit,year,{}\nHà Nội,2019{}\n", header.join(","), ",1".repeat(n))
        }
        other => panic!("unknown generator {other}"),
    };
    text.into_bytes()
}

fn definition(spec: &Value, limits: &Limits) -> Result<IndexDefinition, Error> {
    Ok(match spec {
        Value::String(id) => presets::get(id)?,
        Value::Object(o) if o.contains_key("toml") => {
            IndexDefinition::from_toml_with(o["toml"].as_str().unwrap(), limits)?
        }
        Value::Object(o) if o.contains_key("json") => {
            IndexDefinition::from_json_with(o["json"].as_str().unwrap(), limits)?
        }
        Value::Object(o) if o.contains_key("path") => IndexDefinition::from_path(o["path"].as_str().unwrap())?,
        Value::Object(o) if o.contains_key("value") => {
            IndexDefinition::from_json_with(&serde_json::to_string(&o["value"]).unwrap(), limits)?
        }
        Value::Object(o) if o.contains_key("generate") => {
            IndexDefinition::from_text_with(&String::from_utf8(generate(spec)).unwrap(), None, limits)?
        }
        other => panic!("bad spec in the catalogue: {other}"),
    })
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

/// Runs a case as the Python and JS drivers do: the spec, then the data, then scoring or a
/// comparison. `Ok` means the case gave no error.
fn run(case: &Value, limits: &Limits) -> Result<(), Error> {
    let definition = definition(&case["spec"], limits)?;
    let bytes = if let Some(text) = case["csv"].as_str() {
        text.as_bytes().to_vec()
    } else if let Some(h) = case["csv_hex"].as_str() {
        hex(h)
    } else if case["csv_generate"].is_object() {
        generate(&case["csv_generate"])
    } else if case["csv_path"].is_string() {
        Vec::new()
    } else {
        return Ok(());
    };
    let read = CsvOptions { limits: *limits, ..CsvOptions::default() };
    let data = match case["csv_path"].as_str() {
        Some(path) => Dataset::from_csv_path(path, &read)?,
        None => Dataset::from_csv_bytes(&bytes, &read)?,
    };
    if let Some(c) = case.get("calibrate") {
        let options = chiso::calibrate::CalibrateOptions {
            columns: c["columns"].as_array().map(|a| a.iter().map(|v| v.as_str().unwrap().to_owned()).collect()),
            scale: c["scale"].as_array().map(|a| (a[0].as_f64().unwrap(), a[1].as_f64().unwrap())),
            ..chiso::calibrate::CalibrateOptions::new(c["target"].as_str().unwrap())
        };
        chiso::calibrate::calibrate(&data, &options)?;
        return Ok(());
    }
    if let Some(c) = case.get("compare") {
        let mapping = c["unit_map"].as_str().map(UnitMapping::from_csv_str).transpose()?;
        let (from, to) = (c["from"].as_i64().unwrap() as i32, c["to"].as_i64().unwrap() as i32);
        chiso::compare_mapped(&definition, &data, from, to, mapping.as_ref())?;
        return Ok(());
    }
    let options = ScoreOptions {
        year: case["options"]["year"].as_i64().map(|y| y as i32),
        strict: case["options"]["strict"].as_bool().unwrap_or(false),
        ..Default::default()
    };
    let scores = chiso::score(&definition, &data, &options)?;
    assert!(scores.rows.iter().all(|r| r.score.is_finite()));
    Ok(())
}

fn check(case: &Value, expect: &Value, error: &Error) {
    let id = case["id"].as_str().unwrap();
    let message = error.to_string();
    assert_eq!(error.kind(), expect["kind"].as_str().unwrap(), "{id}: {message}");
    assert_eq!(error.variant(), expect["variant"].as_str().unwrap(), "{id}: {message}");
    for part in expect["contains"].as_array().unwrap() {
        let part = part.as_str().unwrap();
        assert!(message.contains(part), "{id}: '{message}' lacks '{part}'");
    }
}

fn error_of(case: &Value, limits: &Limits) -> Error {
    match run(case, limits) {
        Ok(()) => panic!("{}: no error", case["id"]),
        Err(e) => e,
    }
}

/// One table row's cell: pipes escaped, line breaks kept as `<br>`.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}

/// What a case gives with the default limits and with the browser's (the large generated
/// cases are the slow part: each runs once per limit set).
struct Outcome {
    default: Error,
    browser: Error,
}

fn render(catalogue: &Value, outcomes: &[Outcome]) -> String {
    let mut out = String::from(
        "# Bad inputs and their errors\n\n\
         <!-- Generated from tests/bad_inputs/catalogue.json by crates/chiso/tests/bad_input_catalogue.rs:\n     \
         CHISO_BLESS=1 cargo test -p chiso --test bad_input_catalogue. Do not edit by hand. -->\n\n\
         Every input below is refused with a specific error, never a panic, a hang, a NaN in the\n\
         output or a silently dropped row. The same catalogue drives the Rust, Python and JavaScript\n\
         tests, so each binding gives the same error: in Python an exception of the class named by\n\
         the kind (`chiso.SpecError`, `chiso.DataError`, `chiso.ComputeError`, all `chiso.ChisoError`)\n\
         with the variant as `variant`; in JavaScript a `ChisoError` subclass with `code` = kind and\n\
         `variant`. The message is the core's, word for word (shown here as Rust gives it with the\n\
         default limits). Large inputs are generated by the tests from a compact description.\n\n\
         The browser build reads within tighter limits (`chiso::Limits::BROWSER`: 16 MiB, depth 16,\n\
         5,000 nodes over all editions, 100,000 rows, 2,000 columns, 2,000,000 values); where that\n\
         changes the error, the last column says so.\n\n\
         | # | Input | Kind | Variant | Message | Browser build |\n|---|---|---|---|---|---|\n",
    );
    for (i, (case, outcome)) in cases(catalogue).iter().zip(outcomes).enumerate() {
        let error = &outcome.default;
        let browser = match case["browser"]["variant"].as_str() {
            Some(v) => format!("{v}: {}", outcome.browser),
            None => "same".into(),
        };
        out.push_str(&format!(
            "| {} | {} | {} | `{}` | {} | {} |\n",
            i + 1,
            cell(case["input"].as_str().unwrap()),
            error.kind(),
            error.variant(),
            cell(&error.to_string()),
            cell(&browser)
        ));
    }
    out.push_str(&render_hostile(catalogue));
    out.push_str(&render_spreadsheets());
    out
}

/// The spreadsheet cases (`tests/bad_inputs/spreadsheets.json`): binary workbooks, read by the
/// core's sheet reader (Rust and Python; the JavaScript package reads no files).
fn spreadsheets() -> Vec<Value> {
    let text = std::fs::read_to_string(root().join("tests/bad_inputs/spreadsheets.json")).unwrap();
    serde_json::from_str::<Value>(&text).unwrap()["cases"].as_array().unwrap().clone()
}

/// Reads and scores a spreadsheet case.
fn run_spreadsheet(case: &Value) -> Result<(), Error> {
    use chiso::io::xlsx::{read_sheet_path, SheetOptions};
    let definition = definition(&case["spec"], &Limits::DEFAULT)?;
    let options = SheetOptions {
        sheet: case["sheet"].as_str().map(str::to_owned),
        unit_column: case["unit_column"].as_str().unwrap().into(),
        year: case["year"].as_i64().map(|y| y as i32),
        ..Default::default()
    };
    let read = read_sheet_path(root().join(case["xlsx"].as_str().unwrap()), &options, Some(&definition))?;
    chiso::score(&definition, &read.dataset, &ScoreOptions::default())?;
    Ok(())
}

fn render_spreadsheets() -> String {
    let mut out = String::from(
        "\n## Spreadsheets\n\n\
         Workbooks (`tests/bad_inputs/xlsx/`, listed in `tests/bad_inputs/spreadsheets.json`) read\n\
         with `--input book.xlsx --sheet NAME` (Python: `chiso.read_excel`). Errors name the sheet\n\
         and the cell; a formula gives its saved result, and rows below the table (Min, Median,\n\
         Max, repeated headers) are reported as notes, not errors. See `docs/excel.md`.\n\n\
         | # | Input | Kind | Variant | Message |\n|---|---|---|---|---|\n",
    );
    for (i, case) in spreadsheets().iter().enumerate() {
        let error = run_spreadsheet(case).expect_err(case["id"].as_str().unwrap());
        out.push_str(&format!(
            "| {} | {} | {} | `{}` | {} |\n",
            i + 1,
            cell(case["input"].as_str().unwrap()),
            error.kind(),
            error.variant(),
            cell(&error.to_string())
        ));
    }
    out
}

#[test]
fn every_spreadsheet_case_gives_its_error() {
    let cases = spreadsheets();
    assert!(cases.len() >= 6);
    for case in &cases {
        match run_spreadsheet(case) {
            Ok(()) => panic!("{}: no error", case["id"]),
            Err(error) => check(case, &case["expect"], &error),
        }
    }
}

/// A value shown literally in the docs table: a code span, `|` escaped, a line break as `\n`.
fn code(text: &str) -> String {
    format!("`{}`", text.replace('|', "\\|").replace('\n', "\\n"))
}

fn render_hostile(catalogue: &Value) -> String {
    let mut out = String::from(
        "\n## Hostile names\n\n\
         Valid input can attack the place it is shown in: a page (cross-site scripting), a\n\
         Markdown table, a spreadsheet (CSV injection). These unit names are accepted and kept byte\n\
         for byte in every result; each output shows them safely, as in the last three columns: the\n\
         HTML report and its SVG charts escape them (the browser tests render them in the report page\n\
         and the scorecard and check that no script runs), Markdown output escapes them into one\n\
         table cell on one line, and the command line's CSV output puts a `'` before a cell a\n\
         spreadsheet would run as a formula (`--raw-csv` writes them as they are).\n\n\
         | # | Input | Unit name | HTML | Markdown | CSV |\n|---|---|---|---|---|---|\n",
    );
    for (i, case) in hostile_cases(catalogue).iter().enumerate() {
        let text = |key: &str| case[key].as_str().unwrap();
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            i + 1,
            cell(text("input")),
            code(text("unit")),
            code(text("html")),
            code(text("markdown")),
            code(text("csv"))
        ));
    }
    out
}

fn hostile_cases(catalogue: &Value) -> &Vec<Value> {
    catalogue["hostile"]["cases"].as_array().unwrap()
}

/// The hostile names' data: one row per case (written with a CSV writer, so quotes and line
/// breaks are quoted as a spreadsheet would).
fn hostile_data(catalogue: &Value) -> Dataset {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(catalogue["hostile"]["csv_header"].as_str().unwrap().split(',')).unwrap();
    for case in hostile_cases(catalogue) {
        let values: Vec<String> = case["values"].as_array().unwrap().iter().map(|v| v.to_string()).collect();
        writer.write_record(std::iter::once(case["unit"].as_str().unwrap().to_owned()).chain(values)).unwrap();
    }
    Dataset::from_csv_bytes(&writer.into_inner().unwrap(), &CsvOptions::default()).unwrap()
}

#[test]
fn hostile_names_are_kept_and_escaped_in_every_output() {
    let catalogue = catalogue();
    let spec = definition(&catalogue["hostile"]["spec"], &Limits::DEFAULT).unwrap();
    let data = hostile_data(&catalogue);
    let scores = chiso::score(&spec, &data, &ScoreOptions::default()).unwrap();
    let cases = hostile_cases(&catalogue);
    assert_eq!(scores.rows.len(), cases.len());
    for (case, row) in cases.iter().zip(&scores.rows) {
        let (id, unit) = (case["id"].as_str().unwrap(), case["unit"].as_str().unwrap());
        assert_eq!(row.unit, unit, "{id}: the name comes back byte for byte");
        let report = |format| report(&spec, &data, unit, None, None, "vi", format).unwrap();
        let html = report(ReportFormat::Html);
        let escaped = case["html"].as_str().unwrap();
        // <title>, <h1>, the headline and the radar's legend.
        assert_eq!(html.matches(escaped).count(), 4, "{id}: {escaped} in\n{html}");
        if unit.contains(['<', '>', '"', '\'']) {
            assert!(!html.contains(unit), "{id}: the raw name is in the page");
        }
        assert!(!html.contains("<b onmouseover"), "{id}: the raw label is in the page");
        assert!(
            html.contains(">&lt;b onmouseover=&quot;alert(1)&quot;&gt;A&lt;/b&gt;</text>"),
            "{id}: label in the charts"
        );
        let markdown = report(ReportFormat::Markdown);
        let shown = case["markdown"].as_str().unwrap();
        let title = markdown.lines().next().unwrap();
        assert_eq!(title, format!("# HOSTILE  — {shown}"), "{id}");
        assert!(markdown.contains("\n| \\<b onmouseover=\"alert(1)\"\\>A\\</b\\> | "), "{id}: {markdown}");
    }
}

#[test]
fn every_case_gives_its_error_and_the_docs_table_lists_them() {
    let catalogue = catalogue();
    assert!(cases(&catalogue).len() >= 30, "the catalogue has at least 30 cases");
    let mut outcomes = Vec::new();
    for case in cases(&catalogue) {
        let outcome = Outcome { default: error_of(case, &Limits::DEFAULT), browser: error_of(case, &Limits::BROWSER) };
        check(case, &case["expect"], &outcome.default);
        let browser = if case["browser"].is_object() { &case["browser"] } else { &case["expect"] };
        check(case, browser, &outcome.browser);
        outcomes.push(outcome);
    }

    let path = root().join("docs/bad-input.md");
    let rendered = render(&catalogue, &outcomes);
    if std::env::var_os("CHISO_BLESS").is_some() {
        std::fs::write(&path, &rendered).unwrap();
    }
    let written = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        written == rendered,
        "docs/bad-input.md is out of date: run CHISO_BLESS=1 cargo test -p chiso --test bad_input_catalogue"
    );
}
