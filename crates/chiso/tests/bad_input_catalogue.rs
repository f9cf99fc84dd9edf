//! The bad-input catalogue (`tests/bad_inputs/catalogue.json`): every case gives the error it
//! lists (kind, variant, message fragments), with the default limits and with the browser's;
//! and `docs/bad-input.md` is the table this test renders from the catalogue
//! (`CHISO_BLESS=1 cargo test -p chiso --test bad_input_catalogue` rewrites it).
//! The Python and JS suites read the same file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

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
    out
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
