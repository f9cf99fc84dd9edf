//! Errors, one enum per concern, each variant carrying what a user needs to fix the input:
//! the node, the row and unit, the column, the value and what was expected.
//!
//! The enums are `#[non_exhaustive]` unless the `exhaustive-errors` feature is on: the Python
//! binding turns it on and maps every variant in one `match`, so that a new variant is a compile
//! error there (a decision to make), never a silent fallback.

use thiserror::Error;

/// A problem with an index specification (its file, its tree, its editions).
#[derive(Debug, Clone, PartialEq, Error)]
#[cfg_attr(not(feature = "exhaustive-errors"), non_exhaustive)]
pub enum SpecError {
    /// The file is not valid JSON/TOML, or has a field of the wrong type.
    #[error("cannot read the {format} specification: {message}")]
    Parse {
        /// `json` or `toml`.
        format: &'static str,
        /// The parser's message, with its line and column.
        message: String,
    },
    /// Two nodes share an id.
    #[error("node id '{id}' is used twice; node ids must be unique")]
    DuplicateId {
        /// The repeated id.
        id: String,
    },
    /// A node id is referenced but not defined.
    #[error("{referenced_by} refers to node '{id}', which is not defined")]
    UnknownNode {
        /// The missing id.
        id: String,
        /// Where it was referenced (`node 'x'`, `the root`, `edition 2013-2021`).
        referenced_by: String,
    },
    /// A weight below zero.
    #[error("node '{node}' has weight {weight}; weights must be zero or positive")]
    NegativeWeight {
        /// The node.
        node: String,
        /// Its weight.
        weight: f64,
    },
    /// A NaN or infinite number in the spec.
    #[error("node '{node}' has a non-finite {field}; give a finite number")]
    NonFinite {
        /// The node (or `spec` for spec-level fields).
        node: String,
        /// The field name.
        field: &'static str,
    },
    /// Every child of a group has weight zero: the group's score would be undefined.
    #[error("all children of node '{node}' have weight zero; at least one weight must be positive")]
    ZeroWeights {
        /// The group.
        node: String,
    },
    /// A group without children, or a leaf that declares an aggregation.
    #[error("node '{node}' {problem}")]
    EmptyGroup {
        /// The node.
        node: String,
        /// What is wrong.
        problem: &'static str,
    },
    /// The children references form a cycle.
    #[error("the node tree has a cycle: {}", path.join(" -> "))]
    Cycle {
        /// The ids along the cycle, first repeated at the end.
        path: Vec<String>,
    },
    /// The tree is deeper than [`crate::spec::MAX_DEPTH`].
    #[error("node '{node}' is at depth {depth}; specifications may be at most {max} levels deep")]
    TooDeep {
        /// The first node beyond the limit.
        node: String,
        /// Its depth.
        depth: usize,
        /// The limit.
        max: usize,
    },
    /// The spec has more nodes than [`crate::spec::MAX_NODES`].
    #[error("the specification has {count} nodes; at most {max} are allowed")]
    TooManyNodes {
        /// Number of nodes.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A node is listed as the child of two groups.
    #[error("node '{node}' is a child of both '{first}' and '{second}'; a node has one parent")]
    MultipleParents {
        /// The node.
        node: String,
        /// First parent.
        first: String,
        /// Second parent.
        second: String,
    },
    /// A node is defined but not reachable from the root.
    #[error("node '{node}' is not reachable from the root '{root}'; list it among some group's children or remove it")]
    Unreachable {
        /// The node.
        node: String,
        /// The root id.
        root: String,
    },
    /// An unknown method name (aggregation, normalisation, rank or tier rule).
    #[error("node '{node}': unknown {kind} method '{method}'; expected one of: {expected}")]
    UnknownMethod {
        /// The node (or `spec`).
        node: String,
        /// `aggregation`, `normalisation`, `rank`, `ties`, `tier rule`.
        kind: &'static str,
        /// The name given.
        method: String,
        /// The accepted names.
        expected: &'static str,
    },
    /// A parameter of a method or scale is invalid.
    #[error("node '{node}': {message}")]
    InvalidParameter {
        /// The node (or `spec`).
        node: String,
        /// What is wrong and what is expected.
        message: String,
    },
    /// A lower-is-better value would enter an aggregation unreversed.
    #[error("node '{node}' is lower-is-better but has no normalisation to reverse it; add a normalisation (e.g. min_max) or make it higher-is-better")]
    UnreversedDirection {
        /// The node.
        node: String,
    },
    /// A tier rule is malformed.
    #[error("tier rule{}: {message}", years.as_ref().map(|y| format!(" for {y}")).unwrap_or_default())]
    InvalidTiers {
        /// The years the rule covers, if it belongs to a schedule.
        years: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// Editions overlap or are inverted.
    #[error("index '{index}': edition {edition} {message}")]
    InvalidEdition {
        /// Index id.
        index: String,
        /// The edition's years.
        edition: String,
        /// What is wrong.
        message: String,
    },
    /// No edition covers the year asked for.
    #[error("index '{index}' has no edition for {year}; editions cover {available}")]
    NoEdition {
        /// Index id.
        index: String,
        /// The year.
        year: i32,
        /// The covered ranges.
        available: String,
    },
    /// The index has editions, so a year is needed to choose one.
    #[error("index '{index}' has several editions ({available}); give a year (or a year column in the data)")]
    YearRequired {
        /// Index id.
        index: String,
        /// The covered ranges.
        available: String,
    },
    /// Neither a preset id nor a readable spec file.
    #[error("'{name}' is neither a preset index ({available}) nor a specification file")]
    UnknownIndex {
        /// What was given.
        name: String,
        /// Known preset ids.
        available: String,
    },
    /// No preset with this id.
    #[error("no preset index '{id}'; available presets: {available}")]
    UnknownPreset {
        /// The id asked for.
        id: String,
        /// Known preset ids.
        available: String,
    },
    /// The specification text is longer than [`crate::Limits::max_bytes`].
    #[error("the specification is {bytes} bytes long; at most {max} are allowed here")]
    TooLarge {
        /// Its length.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// Editions × nodes exceed [`crate::Limits::max_nodes`]: each edition is a tree to validate.
    #[error("the specification's {editions} editions of {nodes} nodes make {} nodes to validate; at most {max} are allowed", editions.saturating_mul(*nodes))]
    TooManyEditions {
        /// Number of editions.
        editions: usize,
        /// Nodes of the base tree.
        nodes: usize,
        /// The limit on nodes.
        max: usize,
    },
    /// The specification file does not exist.
    #[error("cannot read the specification '{path}': no such file")]
    NoSuchFile {
        /// The path given.
        path: String,
    },
    /// The specification file exists but cannot be read (a directory, no permission, not UTF-8).
    #[error("cannot read the specification '{path}': {message}")]
    Unreadable {
        /// The path given.
        path: String,
        /// The system's reason.
        message: String,
    },
}

/// A problem with input data: the file, a row, a column or a cell.
#[derive(Debug, Clone, PartialEq, Error)]
#[cfg_attr(not(feature = "exhaustive-errors"), non_exhaustive)]
pub enum DataError {
    /// The file is not valid UTF-8.
    #[error("line {line}: the file is not valid UTF-8; save it as UTF-8 (Excel: 'CSV UTF-8')")]
    Encoding {
        /// 1-based line of the first invalid byte.
        line: usize,
    },
    /// The CSV structure is broken (e.g. a row with more fields than the header).
    #[error("line {line}: {message}")]
    Csv {
        /// 1-based line in the file.
        line: usize,
        /// The reader's message.
        message: String,
    },
    /// No header line.
    #[error("the input is empty; expected a header line with '{unit_column}' and one column per node id")]
    Empty {
        /// The expected unit column.
        unit_column: String,
    },
    /// The header has no data rows.
    #[error("the input has a header but no data rows")]
    NoRows,
    /// A column the computation needs is absent.
    #[error("missing column '{column}'{}", hint.as_ref().map(|h| format!(" ({h})")).unwrap_or_default())]
    MissingColumn {
        /// The column name.
        column: String,
        /// What it is for, or how to point at another column.
        hint: Option<String>,
    },
    /// Two columns have the same name.
    #[error("column '{column}' appears twice in the header")]
    DuplicateColumn {
        /// The name.
        column: String,
    },
    /// A column that is neither the unit, the year nor a node id (with strict reading).
    #[error("column '{column}' is not a node of index '{index}' (strict mode); known ids: {known}")]
    UnknownColumn {
        /// The column.
        column: String,
        /// Index id.
        index: String,
        /// The node ids.
        known: String,
    },
    /// Two rows for the same unit and year.
    #[error("row {row}: unit '{unit}'{} appears again (first at row {first_row})", year.map(|y| format!(" in {y}")).unwrap_or_default())]
    DuplicateRow {
        /// The unit.
        unit: String,
        /// The year, if any.
        year: Option<i32>,
        /// First occurrence (1-based data row).
        first_row: usize,
        /// Repeated occurrence (1-based data row).
        row: usize,
    },
    /// Long data with two values for the same unit, year and variable.
    #[error("row {row}: unit '{unit}'{}, variable '{column}' has a value already (first at row {first_row})", year.map(|y| format!(" in {y}")).unwrap_or_default())]
    DuplicateCell {
        /// The unit.
        unit: String,
        /// The year, if any.
        year: Option<i32>,
        /// The variable.
        column: String,
        /// First occurrence (1-based row of the long table).
        first_row: usize,
        /// Repeated occurrence (1-based row of the long table).
        row: usize,
    },
    /// A row without a unit name.
    #[error("row {row}: the unit name in column '{column}' is empty")]
    EmptyUnit {
        /// 1-based data row.
        row: usize,
        /// The unit column.
        column: String,
    },
    /// A cell that is not a number.
    #[error("row {row}{}, column '{column}': '{text}' is not a number ({reason})", unit_suffix(unit))]
    BadNumber {
        /// 1-based data row.
        row: usize,
        /// The row's unit, when known.
        unit: Option<String>,
        /// The column.
        column: String,
        /// The cell as written.
        text: String,
        /// Why it was rejected.
        reason: &'static str,
    },
    /// An empty cell where a value is needed.
    #[error("row {row}{}, column '{column}': the value is missing", unit_suffix(unit))]
    MissingValue {
        /// 1-based data row.
        row: usize,
        /// The row's unit.
        unit: Option<String>,
        /// The column.
        column: String,
    },
    /// A value outside the node's declared scale.
    #[error(
        "row {row}{}, column '{column}': {value} is outside the scale {min}–{max} of node '{column}'",
        unit_suffix(unit)
    )]
    OutOfScale {
        /// 1-based data row.
        row: usize,
        /// The row's unit.
        unit: Option<String>,
        /// The column (= node id).
        column: String,
        /// The value.
        value: f64,
        /// Scale minimum.
        min: f64,
        /// Scale maximum.
        max: f64,
    },
    /// A year cell that is not a whole number.
    #[error("row {row}, column '{column}': '{text}' is not a year (expected a whole number such as 2019)")]
    BadYear {
        /// 1-based data row.
        row: usize,
        /// The year column.
        column: String,
        /// The cell.
        text: String,
    },
    /// A cell of a non-numeric column (a date, a category) that is not what the column holds.
    #[error("row {row}, column '{column}': '{text}' is not {expected}")]
    BadCell {
        /// 1-based data row.
        row: usize,
        /// The column.
        column: String,
        /// The cell.
        text: String,
        /// What the column holds.
        expected: &'static str,
    },
    /// A unit asked for is not in the data for that year.
    #[error("unit '{unit}' is not in the data{}{}", year.map(|y| format!(" for {y}")).unwrap_or_default(), if suggestions.is_empty() { String::new() } else { format!("; did you mean {}?", suggestions.join(", ")) })]
    UnknownUnit {
        /// The unit asked for.
        unit: String,
        /// The year.
        year: Option<i32>,
        /// Units with a similar name.
        suggestions: Vec<String>,
    },
    /// No rows for the year asked for.
    #[error("the data has no rows for {year}; years present: {available}")]
    NoRowsForYear {
        /// The year.
        year: i32,
        /// Years in the data.
        available: String,
    },
    /// A number the column's method does not accept (e.g. negative points).
    #[error("row {row}{}, column '{column}': {value} is not allowed ({expected})", unit_suffix(unit))]
    InvalidValue {
        /// 1-based data row.
        row: usize,
        /// The unit.
        unit: Option<String>,
        /// The column.
        column: String,
        /// The value.
        value: f64,
        /// What is expected.
        expected: &'static str,
    },
    /// Columns of different lengths when building a dataset in code.
    #[error("column '{column}' has {got} values but there are {expected} units")]
    LengthMismatch {
        /// The column.
        column: String,
        /// Number of units.
        expected: usize,
        /// Number of values.
        got: usize,
    },
    /// The input exceeds a [`crate::Limits`] bound (reading stops at the first value past it).
    #[error("the data has at least {count} {what}; at most {max} are allowed here")]
    TooLarge {
        /// `bytes`, `rows`, `columns`, `values (rows × columns)` or `scores (rows × nodes)`.
        what: &'static str,
        /// How many were found (the limit plus one when reading stopped there).
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A unit mapping names a unit the data spells differently (case or diacritics), so the
    /// change would silently not apply.
    #[error("the unit mapping names '{unit}', which is not in the data for {year}, but '{suggestion}' is; spell the names in the mapping as in the data")]
    UnknownMappedUnit {
        /// The name in the mapping.
        unit: String,
        /// The year whose data lacks it.
        year: i32,
        /// The data's name that differs only in case or diacritics.
        suggestion: String,
    },
    /// An input file (data, unit mapping, survey) does not exist.
    #[error("cannot read '{path}': no such file")]
    NoSuchFile {
        /// The path given.
        path: String,
    },
    /// An input file exists but cannot be read (a directory, no permission).
    #[error("cannot read '{path}': {message}")]
    Unreadable {
        /// The path given.
        path: String,
        /// The system's reason.
        message: String,
    },
    /// No bundled dataset has this name (`datasets::load`).
    #[error("no bundled dataset '{name}'; available datasets: {available}")]
    UnknownDataset {
        /// The name asked for.
        name: String,
        /// The names of the bundled datasets.
        available: String,
    },
    /// A workbook cannot be read (not a spreadsheet, damaged, password-protected) or written.
    #[cfg(feature = "xlsx")]
    #[error("{message}")]
    Workbook {
        /// What is wrong, and what to do.
        message: String,
    },
    /// The sheet asked for is not in the workbook.
    #[cfg(feature = "xlsx")]
    #[error("the workbook has no sheet '{sheet}'; its sheets: {available}")]
    NoSheet {
        /// The sheet asked for.
        sheet: String,
        /// The workbook's sheets, quoted and comma-separated.
        available: String,
    },
    /// The sheet holds no table: empty, or no header row naming the unit column.
    #[cfg(feature = "xlsx")]
    #[error("sheet '{sheet}': {message}")]
    SheetTable {
        /// The sheet.
        sheet: String,
        /// What was expected.
        message: String,
    },
    /// One cell of a sheet cannot be read as data (a date or an error value in a number column,
    /// a formula without a saved result, a merged header cell).
    #[cfg(feature = "xlsx")]
    #[error("sheet '{sheet}', cell {cell} (column '{column}'): {message}")]
    SheetCell {
        /// The sheet.
        sheet: String,
        /// The cell (`C7`) or cells (`B1:D1`).
        cell: String,
        /// The 1-based row of the sheet.
        row: usize,
        /// The column's header (or letter when it has none).
        column: String,
        /// What is wrong, and what to do.
        message: String,
    },
    /// A sheet without a year column, read without the year its values are for.
    #[cfg(feature = "xlsx")]
    #[error("sheet '{sheet}' has no '{year_column}' column, so the year of its values is unknown; give the year (command line: --year 2018; Python: year=2018; JavaScript: {{ year: 2018 }})")]
    NoYear {
        /// The sheet.
        sheet: String,
        /// The year column looked for.
        year_column: String,
    },
}

fn unit_suffix(unit: &Option<String>) -> String {
    unit.as_ref().map(|u| format!(" ({u})")).unwrap_or_default()
}

/// A computation that cannot give a finite, meaningful result on valid inputs.
#[derive(Debug, Clone, PartialEq, Error)]
#[cfg_attr(not(feature = "exhaustive-errors"), non_exhaustive)]
pub enum ComputeError {
    /// A normalisation that divides by a spread that is zero: an indicator with the same
    /// value for every unit (or a target equal to the worst value).
    #[error("node '{node}'{}: every unit has the value {value}, so {method} normalisation is undefined; give it an if_constant value to say what a constant indicator maps to", year_suffix(*year))]
    ConstantIndicator {
        /// The node.
        node: String,
        /// The year group.
        year: Option<i32>,
        /// The constant value.
        value: f64,
        /// The normalisation method.
        method: &'static str,
    },
    /// A normalisation that needs values above zero (ratio to maximum) met one that is not.
    #[error("node '{node}', unit '{unit}'{}: {method} normalisation needs values above zero (zero only when higher is better), not {value}", year_suffix(*year))]
    NonPositiveIndicator {
        /// The node.
        node: String,
        /// The unit.
        unit: String,
        /// The year group.
        year: Option<i32>,
        /// The value.
        value: f64,
        /// The normalisation method.
        method: &'static str,
    },
    /// Distance to a reference unit whose own value is missing.
    #[error("node '{node}'{}: the reference unit '{unit}' has no value", year_suffix(*year))]
    MissingReference {
        /// The node.
        node: String,
        /// The reference unit.
        unit: String,
        /// The year group.
        year: Option<i32>,
    },
    /// A group whose missing-data rule is `fail` has a child without a value.
    #[error("node '{node}', unit '{unit}'{}: child '{child}' has no value; give '{node}' the missing-data rule 'available' or impute the indicators below it", year_suffix(*year))]
    MissingChild {
        /// The group.
        node: String,
        /// The unit.
        unit: String,
        /// The year group.
        year: Option<i32>,
        /// The child without a value.
        child: String,
    },
    /// A geometric or harmonic mean over a value that is zero or negative.
    #[error("node '{node}', unit '{unit}': the {method} needs values above zero but child '{child}' is {value}")]
    NonPositive {
        /// The aggregating node.
        node: String,
        /// The unit.
        unit: String,
        /// The child with the bad value.
        child: String,
        /// The value.
        value: f64,
        /// The method name.
        method: &'static str,
    },
    /// An analysis that the node's aggregation method does not support.
    #[error("node '{node}': {operation} is not supported for the {method} aggregation")]
    Unsupported {
        /// The node.
        node: String,
        /// Its aggregation method.
        method: &'static str,
        /// What was asked (e.g. `planning`).
        operation: &'static str,
    },
    /// A target or analysis parameter that cannot be met or makes no sense.
    #[error("{message}")]
    InvalidTarget {
        /// What is wrong and what is expected.
        message: String,
    },
    /// A result that overflowed or became undefined.
    #[error("node '{node}', unit '{unit}': the result is not a finite number")]
    NonFinite {
        /// The node.
        node: String,
        /// The unit.
        unit: String,
    },
    /// A simulation asked for more samples than [`crate::Limits::max_samples`].
    #[error("{count} samples asked for; at most {max} are allowed here")]
    TooManySamples {
        /// Samples asked for.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// Calibration: fewer units than the fit has parameters, plus one to test it.
    #[error("node '{node}': {units} units cannot calibrate {children} children; a fit needs at least {} units (an intercept and one coefficient per child, plus one to test the fit): use more units or fewer children", children + 2)]
    TooFewUnits {
        /// The node calibrated (the target column).
        node: String,
        /// Units with values.
        units: usize,
        /// Children (columns).
        children: usize,
    },
    /// Calibration: a child is constant or a linear combination of others, so its weight
    /// cannot be told apart from theirs.
    #[error("node '{node}': {}", collinear_message(column, with, *value))]
    CollinearChildren {
        /// The node calibrated.
        node: String,
        /// The child that the others explain.
        column: String,
        /// The children it is a combination of (empty: it is constant).
        with: Vec<String>,
        /// Its value, when it is constant.
        value: Option<f64>,
    },
    /// Calibration: an option or a request that makes no sense for the data.
    #[error("node '{node}': {message}")]
    InvalidCalibration {
        /// The node calibrated.
        node: String,
        /// What is wrong and what is expected.
        message: String,
    },
    /// Calibration: a least-squares problem too large to solve here.
    #[error("node '{node}': calibrating {children} children over {units} units is too large a fit; at most {} children and units × (children + 1)² of at most 4·10⁹", crate::calibrate::MAX_CHILDREN)]
    CalibrationTooLarge {
        /// The node calibrated.
        node: String,
        /// Units.
        units: usize,
        /// Children.
        children: usize,
    },
}

fn collinear_message(column: &str, with: &[String], value: Option<f64>) -> String {
    if with.is_empty() {
        let value = value.map(|v| format!(" {v}")).unwrap_or_default();
        format!("column '{column}' has the same value{value} for every unit, so its weight cannot be told apart from the intercept; leave it out of the columns (or let calibration drop collinear children)")
    } else {
        format!(
            "column '{column}' is a linear combination of {} (collinear), so their weights cannot be told apart; leave one of them out of the columns (or let calibration drop collinear children)",
            with.iter().map(|c| format!("'{c}'")).collect::<Vec<_>>().join(", ")
        )
    }
}

fn year_suffix(year: Option<i32>) -> String {
    year.map(|y| format!(" in {y}")).unwrap_or_default()
}

/// Any chiso error: the three concerns, kept apart so callers and bindings can tell them apart.
#[derive(Debug, Clone, PartialEq, Error)]
#[cfg_attr(not(feature = "exhaustive-errors"), non_exhaustive)]
pub enum Error {
    /// The specification is invalid.
    #[error(transparent)]
    Spec(#[from] SpecError),
    /// The data is invalid.
    #[error(transparent)]
    Data(#[from] DataError),
    /// The computation failed.
    #[error(transparent)]
    Compute(#[from] ComputeError),
}

/// Where an error points: the fields a binding exposes as attributes (`node`, `row`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// The spec node concerned.
    pub node: Option<String>,
    /// The 1-based data row.
    pub row: Option<usize>,
    /// The unit of that row.
    pub unit: Option<String>,
    /// The data column.
    pub column: Option<String>,
    /// The 1-based line of a file.
    pub line: Option<usize>,
}

impl Error {
    /// `spec`, `data` or `compute`: the concern, for bindings and messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Spec(_) => "spec",
            Error::Data(_) => "data",
            Error::Compute(_) => "compute",
        }
    }

    /// The variant's name within its kind (`TooDeep`, `BadNumber`, `ConstantIndicator`, …):
    /// a stable code that bindings expose and the bad-input catalogue checks.
    pub fn variant(&self) -> &'static str {
        match self {
            Error::Spec(e) => e.variant(),
            Error::Data(e) => e.variant(),
            Error::Compute(e) => e.variant(),
        }
    }

    /// The node, row, unit, column and line the error names, where it names them.
    pub fn location(&self) -> Location {
        match self {
            Error::Spec(e) => e.location(),
            Error::Data(e) => e.location(),
            Error::Compute(e) => e.location(),
        }
    }
}

impl SpecError {
    /// The variant's name (`Parse`, …): a stable code, finer than [`Error::kind`].
    pub fn variant(&self) -> &'static str {
        use SpecError::*;
        match self {
            Parse { .. } => "Parse",
            DuplicateId { .. } => "DuplicateId",
            UnknownNode { .. } => "UnknownNode",
            NegativeWeight { .. } => "NegativeWeight",
            NonFinite { .. } => "NonFinite",
            ZeroWeights { .. } => "ZeroWeights",
            EmptyGroup { .. } => "EmptyGroup",
            Cycle { .. } => "Cycle",
            TooDeep { .. } => "TooDeep",
            TooManyNodes { .. } => "TooManyNodes",
            MultipleParents { .. } => "MultipleParents",
            Unreachable { .. } => "Unreachable",
            UnknownMethod { .. } => "UnknownMethod",
            InvalidParameter { .. } => "InvalidParameter",
            UnreversedDirection { .. } => "UnreversedDirection",
            InvalidTiers { .. } => "InvalidTiers",
            InvalidEdition { .. } => "InvalidEdition",
            NoEdition { .. } => "NoEdition",
            YearRequired { .. } => "YearRequired",
            UnknownIndex { .. } => "UnknownIndex",
            UnknownPreset { .. } => "UnknownPreset",
            TooLarge { .. } => "TooLarge",
            TooManyEditions { .. } => "TooManyEditions",
            NoSuchFile { .. } => "NoSuchFile",
            Unreadable { .. } => "Unreadable",
        }
    }

    /// The node this error names, if any.
    pub fn location(&self) -> Location {
        use SpecError::*;
        let node = match self {
            DuplicateId { id } => Some(id),
            UnknownNode { id, .. } => Some(id),
            NegativeWeight { node, .. }
            | NonFinite { node, .. }
            | ZeroWeights { node }
            | EmptyGroup { node, .. }
            | TooDeep { node, .. }
            | MultipleParents { node, .. }
            | Unreachable { node, .. }
            | UnknownMethod { node, .. }
            | InvalidParameter { node, .. }
            | UnreversedDirection { node } => Some(node),
            Cycle { path } => path.first(),
            Parse { .. }
            | TooManyNodes { .. }
            | InvalidTiers { .. }
            | InvalidEdition { .. }
            | NoEdition { .. }
            | YearRequired { .. }
            | UnknownIndex { .. }
            | UnknownPreset { .. }
            | TooLarge { .. }
            | TooManyEditions { .. }
            | NoSuchFile { .. }
            | Unreadable { .. } => None,
        };
        Location { node: node.cloned(), ..Location::default() }
    }
}

impl DataError {
    /// The variant's name (`Encoding`, …): a stable code, finer than [`Error::kind`].
    pub fn variant(&self) -> &'static str {
        use DataError::*;
        match self {
            Encoding { .. } => "Encoding",
            Csv { .. } => "Csv",
            Empty { .. } => "Empty",
            NoRows => "NoRows",
            MissingColumn { .. } => "MissingColumn",
            DuplicateColumn { .. } => "DuplicateColumn",
            UnknownColumn { .. } => "UnknownColumn",
            DuplicateRow { .. } => "DuplicateRow",
            EmptyUnit { .. } => "EmptyUnit",
            BadNumber { .. } => "BadNumber",
            MissingValue { .. } => "MissingValue",
            OutOfScale { .. } => "OutOfScale",
            BadYear { .. } => "BadYear",
            BadCell { .. } => "BadCell",
            UnknownUnit { .. } => "UnknownUnit",
            NoRowsForYear { .. } => "NoRowsForYear",
            LengthMismatch { .. } => "LengthMismatch",
            TooLarge { .. } => "TooLarge",
            UnknownMappedUnit { .. } => "UnknownMappedUnit",
            DuplicateCell { .. } => "DuplicateCell",
            InvalidValue { .. } => "InvalidValue",
            NoSuchFile { .. } => "NoSuchFile",
            Unreadable { .. } => "Unreadable",
            UnknownDataset { .. } => "UnknownDataset",
            #[cfg(feature = "xlsx")]
            Workbook { .. } => "Workbook",
            #[cfg(feature = "xlsx")]
            NoSheet { .. } => "NoSheet",
            #[cfg(feature = "xlsx")]
            SheetTable { .. } => "SheetTable",
            #[cfg(feature = "xlsx")]
            SheetCell { .. } => "SheetCell",
            #[cfg(feature = "xlsx")]
            NoYear { .. } => "NoYear",
        }
    }

    /// The row, unit, column and line this error names, where it names them.
    pub fn location(&self) -> Location {
        use DataError::*;
        let mut at = Location::default();
        match self {
            Encoding { line } | Csv { line, .. } => at.line = Some(*line),
            Empty { .. }
            | NoRows
            | NoRowsForYear { .. }
            | TooLarge { .. }
            | NoSuchFile { .. }
            | Unreadable { .. }
            | UnknownDataset { .. } => {}
            #[cfg(feature = "xlsx")]
            Workbook { .. } | NoSheet { .. } | SheetTable { .. } => {}
            #[cfg(feature = "xlsx")]
            NoYear { year_column, .. } => at.column = Some(year_column.clone()),
            #[cfg(feature = "xlsx")]
            SheetCell { row, column, .. } => {
                at.row = Some(*row);
                at.column = Some(column.clone());
            }
            UnknownUnit { unit, .. } | UnknownMappedUnit { unit, .. } => at.unit = Some(unit.clone()),
            MissingColumn { column, .. }
            | DuplicateColumn { column }
            | UnknownColumn { column, .. }
            | LengthMismatch { column, .. } => at.column = Some(column.clone()),
            DuplicateRow { unit, row, .. } => {
                at.row = Some(*row);
                at.unit = Some(unit.clone());
            }
            DuplicateCell { unit, row, column, .. } => {
                at.row = Some(*row);
                at.unit = Some(unit.clone());
                at.column = Some(column.clone());
            }
            EmptyUnit { row, column } | BadYear { row, column, .. } | BadCell { row, column, .. } => {
                at.row = Some(*row);
                at.column = Some(column.clone());
            }
            BadNumber { row, unit, column, .. }
            | MissingValue { row, unit, column }
            | InvalidValue { row, unit, column, .. }
            | OutOfScale { row, unit, column, .. } => {
                at.row = Some(*row);
                at.unit = unit.clone();
                at.column = Some(column.clone());
            }
        }
        at
    }
}

impl ComputeError {
    /// The variant's name (`ConstantIndicator`, …): a stable code, finer than [`Error::kind`].
    pub fn variant(&self) -> &'static str {
        use ComputeError::*;
        match self {
            ConstantIndicator { .. } => "ConstantIndicator",
            NonPositive { .. } => "NonPositive",
            NonPositiveIndicator { .. } => "NonPositiveIndicator",
            MissingReference { .. } => "MissingReference",
            MissingChild { .. } => "MissingChild",
            Unsupported { .. } => "Unsupported",
            InvalidTarget { .. } => "InvalidTarget",
            NonFinite { .. } => "NonFinite",
            TooManySamples { .. } => "TooManySamples",
            TooFewUnits { .. } => "TooFewUnits",
            CollinearChildren { .. } => "CollinearChildren",
            InvalidCalibration { .. } => "InvalidCalibration",
            CalibrationTooLarge { .. } => "CalibrationTooLarge",
        }
    }

    /// The node and unit this error names.
    pub fn location(&self) -> Location {
        use ComputeError::*;
        match self {
            ConstantIndicator { node, .. } | MissingReference { node, .. } | Unsupported { node, .. } => {
                Location { node: Some(node.clone()), ..Location::default() }
            }
            InvalidTarget { .. } | TooManySamples { .. } => Location::default(),
            TooFewUnits { node, .. } | InvalidCalibration { node, .. } | CalibrationTooLarge { node, .. } => {
                Location { node: Some(node.clone()), ..Location::default() }
            }
            CollinearChildren { node, column, .. } => {
                Location { node: Some(node.clone()), column: Some(column.clone()), ..Location::default() }
            }
            NonPositive { node, unit, .. }
            | NonFinite { node, unit }
            | NonPositiveIndicator { node, unit, .. }
            | MissingChild { node, unit, .. } => {
                Location { node: Some(node.clone()), unit: Some(unit.clone()), ..Location::default() }
            }
        }
    }
}
