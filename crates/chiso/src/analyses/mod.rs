//! Analyses of scored results: comparing periods (through unit mappings), diagnosing a unit,
//! and planning the gains that reach a target. Each runs on the engine's results.

pub mod calibrate;
pub mod compare;
pub mod diagnose;
pub mod groups;
pub mod plan;
pub mod profile;
pub mod units;
