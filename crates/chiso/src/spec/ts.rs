//! TypeScript types of the method names in the spec file format (`ts` feature): the file
//! keeps methods as strings ([`super::file`]), and these unions come from the names the
//! builder accepts ([`Aggregation::NAMES`], [`Normalisation::NAMES`]), so the JS package's
//! generated declarations list every method there is.

use ts_rs::{Config, TS};

use super::{Aggregation, Normalisation};

/// `"a" | "b" | …` from a comma-separated list of names.
fn union(names: &str) -> String {
    names.split(',').map(|name| format!("\"{}\"", name.trim())).collect::<Vec<_>>().join(" | ")
}

macro_rules! method_names {
    ($(#[$doc:meta])* $rust:ident => $ts:literal, $names:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $rust;

        impl TS for $rust {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;

            fn name(_: &Config) -> String {
                $ts.to_owned()
            }

            fn inline(_: &Config) -> String {
                union($names)
            }

            fn decl(cfg: &Config) -> String {
                format!("type {} = {};", $ts, Self::inline(cfg))
            }

            fn decl_concrete(cfg: &Config) -> String {
                Self::decl(cfg)
            }
        }
    };
}

method_names!(
    /// The aggregation methods (`NodeFile::aggregation`), as TypeScript `AggregationMethod`.
    AggregationName => "AggregationMethod", Aggregation::NAMES
);
method_names!(
    /// The normalisation methods (`NormaliseFile::method`), as TypeScript `NormalisationMethod`.
    NormalisationName => "NormalisationMethod", Normalisation::NAMES
);
