//! The TypeScript declarations of the package's data types, generated from the Rust types into
//! `types.generated.d.ts` (which `index.d.ts` re-exports), and checked here: `cargo test -p
//! chiso-wasm` fails when the committed file differs from what the Rust types give.
//! `CHISO_BLESS=1 cargo test -p chiso-wasm --lib types` rewrites it.
//!
//! - The spec file format (`chiso::spec::file`), `Labels`, `Scale`, `YearRange` and `Limits`
//!   derive `ts_rs::TS` in the core behind its `ts` feature (on for this crate's tests only).
//! - The score results (`chiso::Scores`, declared as `ScoreResult`, and its parts) derive it
//!   in the core too: a field the core adds, drops or renames changes the declarations.

use std::fmt::Write as _;

use ts_rs::{Config, TS};

use chiso::spec::file::{
    BandFile, EditionFile, ImputeFile, MissingFile, NodeFile, NormaliseFile, Param, RankFile, ScreenFile, SpecFile,
    TiersFile, TreatFile,
};
use chiso::spec::ts::{AggregationName, NormalisationName};
use chiso::spec::{Labels, Scale, YearRange};
use chiso::{CellAction, CellNote, Dropped, Limits, NodeScore, ScoreRow, Scores, Stages, Tier};

const GENERATED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/types.generated.d.ts");

/// One declaration, exported, with its Rust doc comment as JSDoc.
fn declaration<T: TS + ?Sized>(out: &mut String, cfg: &Config) {
    if let Some(docs) = T::docs() {
        let _ = writeln!(out, "{}", docs.trim_end());
    }
    let _ = writeln!(out, "export {}\n", T::decl(cfg));
}

/// The text of `types.generated.d.ts`.
fn generate() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types by `cargo test -p chiso-wasm` (bindings/wasm/src/types.rs): do not\n\
         // edit. `CHISO_BLESS=1 cargo test -p chiso-wasm --lib types` rewrites it; the test fails while\n\
         // it differs from what the Rust types give. index.d.ts re-exports these types.\n\n\
         // --- the spec file format (chiso::spec::file) ---\n\n",
    );
    declaration::<SpecFile>(&mut out, &cfg);
    declaration::<NodeFile>(&mut out, &cfg);
    declaration::<AggregationName>(&mut out, &cfg);
    declaration::<NormaliseFile>(&mut out, &cfg);
    declaration::<NormalisationName>(&mut out, &cfg);
    declaration::<Param>(&mut out, &cfg);
    declaration::<MissingFile>(&mut out, &cfg);
    declaration::<ImputeFile>(&mut out, &cfg);
    declaration::<TreatFile>(&mut out, &cfg);
    declaration::<ScreenFile>(&mut out, &cfg);
    declaration::<RankFile>(&mut out, &cfg);
    declaration::<TiersFile>(&mut out, &cfg);
    declaration::<BandFile>(&mut out, &cfg);
    declaration::<EditionFile>(&mut out, &cfg);
    declaration::<Labels>(&mut out, &cfg);
    declaration::<Scale>(&mut out, &cfg);
    declaration::<YearRange>(&mut out, &cfg);
    out.push_str("// --- limits (chiso::Limits) ---\n\n");
    declaration::<Limits>(&mut out, &cfg);
    out.push_str("// --- score results (chiso::Scores and its parts) ---\n\n");
    declaration::<Scores>(&mut out, &cfg);
    declaration::<ScoreRow>(&mut out, &cfg);
    declaration::<NodeScore>(&mut out, &cfg);
    declaration::<Tier>(&mut out, &cfg);
    declaration::<Dropped>(&mut out, &cfg);
    declaration::<CellNote>(&mut out, &cfg);
    declaration::<CellAction>(&mut out, &cfg);
    declaration::<Stages>(&mut out, &cfg);
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[test]
fn generated_declarations_are_up_to_date() {
    let generated = generate();
    if std::env::var_os("CHISO_BLESS").is_some() {
        std::fs::write(GENERATED, &generated).expect("write types.generated.d.ts");
        return;
    }
    let committed = std::fs::read_to_string(GENERATED).unwrap_or_default();
    assert!(
        committed == generated,
        "bindings/wasm/types.generated.d.ts differs from the Rust types; regenerate it with \
         `CHISO_BLESS=1 cargo test -p chiso-wasm --lib types` and commit it"
    );
}
