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

pub mod aggregate;
pub mod audit;
pub mod calibrate;
pub mod compare;
pub mod data;
pub mod diagnose;
pub mod display;
pub mod error;
pub mod impute;
pub mod limits;
pub mod normalise;
mod pipeline;
pub mod plan;
pub mod presets;
pub mod rank;
pub mod report;
pub mod score;
pub mod sensitivity;
pub mod spec;
pub mod statistics;
pub mod survey;
pub mod treat;
pub mod uncertainty;
pub mod units;

pub use compare::{compare, compare_mapped, compare_scores, compare_scores_mapped, Change, Comparison, Presence};
pub use data::{Cell, CsvOptions, Dataset};
pub use error::{ComputeError, DataError, Error, SpecError};
pub use limits::Limits;
pub use rank::Tier;
pub use score::{score, CellAction, CellNote, Dropped, NodeScore, ScoreOptions, ScoreRow, Scores, Stages};
pub use spec::{IndexDefinition, IndexSpec};
pub use units::UnitMapping;

/// The crate README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
