//! Limits for untrusted input: how large a specification or a data file may be before chiso
//! refuses it with a specific error instead of spending the memory and time it asks for.
//!
//! Readers and portals hand chiso files they did not write. Every limit below bounds work that
//! grows with the input (the tree walk, the rows × nodes of a result, the samples of a
//! simulation), so a hostile file is refused in time linear in its size. [`Limits::DEFAULT`]
//! suits the command line and notebooks; [`Limits::BROWSER`] is tighter, so that a page embedding
//! chiso answers within a second or two and stays within a tab's memory.
//!
//! ```
//! use chiso::{CsvOptions, Dataset, Limits};
//! let options = CsvOptions { limits: Limits { max_rows: 2, ..Limits::BROWSER }, ..Default::default() };
//! let err = Dataset::from_csv_str("unit,a\nX,1\nY,2\nZ,3\n", &options).unwrap_err();
//! assert_eq!(err.to_string(), "the data has at least 3 rows; at most 2 are allowed here");
//! ```

use crate::error::{ComputeError, DataError, SpecError};

/// Upper bounds on the size of untrusted input. Each check names the limit it hit.
///
/// As data (serde, e.g. the `limits` option of the JS package) the fields keep their names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Limits {
    /// Largest specification text or data file, in bytes.
    pub max_bytes: usize,
    /// Deepest node tree (the root is at depth 0).
    pub max_depth: usize,
    /// Most nodes in a specification, counted over all its editions (each edition is a tree
    /// of its own to validate and score).
    pub max_nodes: usize,
    /// Most data rows.
    pub max_rows: usize,
    /// Most data columns.
    pub max_columns: usize,
    /// Most values in a table: input rows × columns, and scored rows × computed nodes.
    pub max_cells: usize,
    /// Most samples a simulation (uncertainty, sensitivity) may draw.
    pub max_samples: usize,
}

impl Limits {
    /// Longest unit name or node id, in characters: a name is a label, not a payload, and
    /// every message and table repeats it.
    pub const MAX_NAME_CHARS: usize = 1_000;

    /// For the command line, Python and Rust callers: generous, still refusing absurd input.
    pub const DEFAULT: Limits = Limits {
        max_bytes: 512 << 20,
        max_depth: crate::spec::MAX_DEPTH,
        max_nodes: crate::spec::MAX_NODES,
        max_rows: 10_000_000,
        max_columns: 100_000,
        max_cells: 100_000_000,
        max_samples: 10_000_000,
    };

    /// For the WebAssembly build in a page: a file a reader uploads is parsed and scored in
    /// about a second and a few hundred megabytes at most.
    pub const BROWSER: Limits = Limits {
        max_bytes: 16 << 20,
        max_depth: 16,
        max_nodes: 5_000,
        max_rows: 100_000,
        max_columns: 2_000,
        max_cells: 2_000_000,
        max_samples: 100_000,
    };

    /// Refuses a specification text longer than [`Self::max_bytes`].
    pub(crate) fn check_spec_bytes(&self, bytes: usize) -> Result<(), SpecError> {
        if bytes > self.max_bytes {
            return Err(SpecError::TooLarge { bytes, max: self.max_bytes });
        }
        Ok(())
    }

    /// Refuses a table of `rows` × `columns` above [`Self::max_rows`], [`Self::max_columns`]
    /// or [`Self::max_cells`], with the error a CSV file of that size gets: for tables that
    /// arrive as columns ([`crate::Dataset::new`] + [`crate::Dataset::add_column`]).
    ///
    /// ```
    /// let err = chiso::Limits::BROWSER.check_table(100_000, 50).unwrap_err();
    /// assert_eq!(err.to_string(), "the data has at least 5000000 values (rows × columns); at most 2000000 are allowed here");
    /// ```
    pub fn check_table(&self, rows: usize, columns: usize) -> Result<(), DataError> {
        Self::check_data("rows", rows, self.max_rows)?;
        Self::check_data("columns", columns, self.max_columns)?;
        Self::check_data("values (rows × columns)", rows.saturating_mul(columns), self.max_cells)
    }

    /// Refuses a data size (`what` is `bytes`, `rows`, `columns` or `values`) above `max`.
    pub(crate) fn check_data(what: &'static str, count: usize, max: usize) -> Result<(), DataError> {
        if count > max {
            return Err(DataError::TooLarge { what, count, max });
        }
        Ok(())
    }

    /// Refuses a simulation of more than [`Self::max_samples`] samples, before drawing any.
    ///
    /// ```
    /// assert!(chiso::Limits::BROWSER.check_samples(1_000).is_ok());
    /// assert!(chiso::Limits::BROWSER.check_samples(1_000_000).is_err());
    /// ```
    pub fn check_samples(&self, samples: usize) -> Result<(), ComputeError> {
        if samples > self.max_samples {
            return Err(ComputeError::TooManySamples { count: samples, max: self.max_samples });
        }
        Ok(())
    }
}

/// A long name shortened for a message: its first 40 characters and its length.
pub(crate) fn shorten(name: &str) -> String {
    let head: String = name.chars().take(40).collect();
    format!("{head}… ({} characters)", name.chars().count())
}

/// Whether a unit name or node id is longer than [`Limits::MAX_NAME_CHARS`].
pub(crate) fn too_long(name: &str) -> bool {
    name.len() > Limits::MAX_NAME_CHARS && name.chars().count() > Limits::MAX_NAME_CHARS
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}
