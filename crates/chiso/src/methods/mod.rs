//! The methods a spec names, as pure functions on columns: normalisation, aggregation,
//! imputation, outlier treatment, ranking and tiers. The engine (`engine`) applies
//! them; adding a method means adding it here (and its name in [`crate::spec`]).

pub mod aggregate;
pub mod impute;
pub mod normalise;
pub mod rank;
pub mod tiers;
pub mod treat;
