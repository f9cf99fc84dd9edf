//! Every committed fuzz input — the minimised corpora `fuzz/corpus/<target>` and the
//! hand-picked seeds `fuzz/seeds/<target>` — through its target's harness, on stable Rust:
//! an error is fine, a panic (an assertion of the harness, or a crash in the core) fails with
//! the file that caused it. This is what keeps a fixed crash fixed between fuzzing runs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn fuzz_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The files of `dir` (none when it does not exist), sorted so failures list in a stable order.
fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "a panic without a message".into())
}

#[test]
fn every_corpus_and_seed_file_replays_without_a_panic() {
    let mut failures = Vec::new();
    let mut total = 0;
    for (name, harness) in chiso_fuzz::TARGETS {
        let start = Instant::now();
        let corpus = files(&fuzz_dir().join("corpus").join(name));
        let seeds = files(&fuzz_dir().join("seeds").join(name));
        // Every target has a committed corpus: an empty one would make this test pass vacuously.
        assert!(!corpus.is_empty(), "fuzz/corpus/{name} is empty or missing");
        for file in corpus.iter().chain(&seeds) {
            let bytes = std::fs::read(file).unwrap();
            if let Err(payload) = catch_unwind(AssertUnwindSafe(|| harness(&bytes))) {
                failures.push(format!("{}: {}", file.display(), panic_text(payload.as_ref())));
            }
        }
        total += corpus.len() + seeds.len();
        println!("{name}: {} corpus + {} seed files in {:.2?}", corpus.len(), seeds.len(), start.elapsed());
    }
    assert!(failures.is_empty(), "{} of {total} fuzz inputs panic:\n{}", failures.len(), failures.join("\n"));
}

/// The harnesses themselves: a few hand-written inputs whose outcome is known.
#[test]
fn harnesses_accept_valid_input_and_survive_garbage() {
    let spec = r#"{"id": "x", "root": "t", "nodes": [{"id": "t", "children": ["a"]}, {"id": "a"}]}"#;
    chiso_fuzz::spec_json(spec.as_bytes());
    chiso_fuzz::spec_toml(
        b"id = \"x\"\nroot = \"t\"\n[[nodes]]\nid = \"t\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\n",
    );
    // First byte 0: automatic delimiter, unit column `unit`.
    chiso_fuzz::csv(b"\0unit,a\nH\xc3\xa0 N\xe1\xbb\x99i,1\n");
    for garbage in [&b""[..], b"\xff\xfe", b"{{{{", b"[[nodes]]", &[0u8; 64], &[0xffu8; 300]] {
        for (_, harness) in chiso_fuzz::TARGETS {
            harness(garbage);
        }
    }
}

/// A harness that finds a broken invariant panics (what libFuzzer reports as a crash): the
/// check of a definition's round trip is not vacuous.
#[test]
fn a_broken_invariant_panics() {
    let definition = chiso::presets::get("pci").unwrap();
    chiso_fuzz::check_definition(&definition);
    let spec = chiso::IndexDefinition::from_json(
        r#"{"id": "x", "root": "t", "nodes": [{"id": "t", "children": ["a"]}, {"id": "a"}]}"#,
    )
    .unwrap();
    let data = chiso::Dataset::from_csv_str("unit,a\nX,1\nY,2\n", &chiso::CsvOptions::default()).unwrap();
    let scores = chiso::score(&spec, &data, &chiso::ScoreOptions::default()).unwrap();
    chiso_fuzz::check_scores(&scores, 2);
    let result = catch_unwind(|| chiso_fuzz::check_scores(&scores, 3));
    assert!(panic_text(result.unwrap_err().as_ref()).contains("one output row per input row"));
}
