//! # chiso — composite indices, computed as their publishers do
//!
//! *Chỉ số* is Vietnamese for *index*. This crate reads an index specification (a tree of
//! sub-indices with weights, scales and methods, versioned by edition), reads data (published
//! sub-index tables or raw indicators, CSV with `.` or `,` decimals), and computes scores,
//! ranks, tiers and year-over-year changes, keeping full precision until display.
//!
//! ```
//! use chiso::{presets, score, CsvOptions, Dataset, ScoreOptions};
//! let pci = presets::get("pci")?;
//! let csv = "unit;entry_costs;land_access;transparency;time_costs;informal_charges;\
//! policy_bias;proactivity;business_support;labor_policy;legal_institutions\n\
//! Quảng Ninh;7,16;7,00;7,20;7,89;7,10;7,69;7,96;6,68;7,95;7,58\n";
//! let data = Dataset::from_csv_str(csv, &CsvOptions::default())?;
//! let options = ScoreOptions { year: Some(2019), ..Default::default() };
//! let result = score(&pci, &data, &options)?;
//! assert_eq!(chiso::display::format_decimal(result.rows[0].score, 2, true), "73,40");
//! # Ok::<(), chiso::Error>(())
//! ```

// Input reaches the core from files, notebooks and web pages: no `unwrap`/`expect` outside
// tests, so a bad input is an error and never a panic (the workspace only warns).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

// The data's way: spec → data → engine → results → analyses → robustness → presentation,
// with the methods the engine applies in `methods`.
pub mod analyses;
pub mod data;
#[cfg(feature = "datasets")]
pub mod datasets;
mod engine;
pub mod error;
#[cfg(feature = "xlsx")]
pub mod io;
pub mod limits;
pub mod methods;
pub mod presentation;
pub mod presets;
pub mod results;
pub mod robustness;
pub mod score;
pub mod spec;
pub mod survey;

// The modules at their long-standing paths (`chiso::rank`, `chiso::plan`, …).
pub use analyses::{calibrate, compare, diagnose, groups, indicators, plan, profile, units};
pub use methods::{aggregate, impute, normalise, rank, treat};
pub use presentation::{display, report};
pub use robustness::{audit, sensitivity, statistics, uncertainty};

pub use compare::{compare, compare_mapped, compare_scores, compare_scores_mapped, Change, Comparison, Presence};
pub use data::{Cell, CsvOptions, Dataset};
pub use error::{ComputeError, DataError, Error, SpecError};
pub use limits::Limits;
pub use rank::Tier;
pub use results::ScoreTable;
pub use score::{score, score_table, CellAction, CellNote, Dropped, NodeScore, ScoreOptions, ScoreRow, Scores, Stages};
pub use spec::{IndexDefinition, IndexSpec};
pub use units::UnitMapping;

/// The crate README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
