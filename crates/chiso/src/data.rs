//! Datasets: units × variables × periods, from CSV files or from columns built in code.
//!
//! Reading is independent of any spec: every column is parsed, and a column with a cell that
//! is not a number only fails when a computation needs it, so descriptive columns
//! (`province_ascii`, published tiers, notes) can stay in the file.

use std::collections::HashMap;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::error::DataError;
use crate::limits::Limits;

/// One cell of a record given in code (JSON, JS or Python rows).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A number.
    Number(f64),
    /// Text: a unit name, or a number written as text (`"63,01"`).
    Text(String),
    /// Empty, null or absent.
    Missing,
}

/// How to read a CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvOptions {
    /// Column holding unit names (default `unit`).
    pub unit_column: String,
    /// Column holding years, if present (default `year`).
    pub year_column: String,
    /// Field separator; `None` detects `,`, `;` or tab from the header line.
    pub delimiter: Option<u8>,
    /// Largest input accepted (bytes, rows, columns, values); the dataset keeps them for
    /// the computations on it.
    pub limits: Limits,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions { unit_column: "unit".into(), year_column: "year".into(), delimiter: None, limits: Limits::DEFAULT }
    }
}

/// One numeric column. A column with a cell that is not a number keeps the first such cell,
/// reported only if a computation asks for the column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    name: String,
    values: Vec<Option<f64>>,
    invalid: Option<(usize, String, &'static str)>,
    /// The cells as text, kept only for columns that are not all numbers (e.g. a region
    /// column used to group units).
    texts: Option<Vec<Option<String>>>,
}

impl Column {
    /// Column name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// A table of units (rows, optionally per year) and numeric variables (columns).
///
/// ```
/// use chiso::{CsvOptions, Dataset};
/// // A Vietnamese spreadsheet export: `;` separator, decimal commas.
/// let csv = "unit;year;entry_costs\nHà Nội;2019;7,5\n";
/// let data = Dataset::from_csv_str(csv, &CsvOptions::default()).unwrap();
/// assert_eq!(data.values("entry_costs").unwrap(), &[Some(7.5)]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    units: Vec<String>,
    years: Option<Vec<i32>>,
    columns: Vec<Column>,
    index: HashMap<String, usize>,
    limits: Limits,
}

/// Reads a whole input file: a missing file is [`DataError::NoSuchFile`], any other failure
/// [`DataError::Unreadable`], both naming the path.
pub(crate) fn read_file(path: impl AsRef<Path>) -> Result<Vec<u8>, DataError> {
    let path = path.as_ref();
    std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => DataError::NoSuchFile { path: path.display().to_string() },
        _ => DataError::Unreadable { path: path.display().to_string(), message: io_reason(&e) },
    })
}

/// Reads a whole UTF-8 text file (a unit mapping, a survey): a missing file is
/// [`DataError::NoSuchFile`], another failure [`DataError::Unreadable`], bad UTF-8
/// [`DataError::Encoding`] with the line of the first invalid byte.
pub fn read_text(path: impl AsRef<Path>) -> Result<String, DataError> {
    String::from_utf8(read_file(path)?).map_err(|e| {
        let bytes = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        DataError::Encoding { line: 1 + bytes.iter().filter(|&&b| b == b'\n').count() }
    })
}

/// The system's reason without Rust's " (os error N)" suffix.
pub(crate) fn io_reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// Trims a unit name and puts it in Unicode NFC, so `Hà Nội` typed with combining marks
/// matches the precomposed spelling.
pub fn normalise_unit(name: &str) -> String {
    let name = name.trim();
    // Most names arrive in NFC already: a quick check spares the recomposition.
    if unicode_normalization::is_nfc_quick(name.chars()) == unicode_normalization::IsNormalized::Yes {
        name.to_owned()
    } else {
        name.nfc().collect()
    }
}

/// A name without case and diacritics (`Nam Định` → `nam dinh`), to suggest the spelling a
/// user probably meant; never used to match units silently.
pub fn fold_unit(name: &str) -> String {
    name.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| if c == 'đ' || c == 'Đ' { 'd' } else { c })
        .collect::<String>()
        .to_lowercase()
}

/// A unit name longer than [`Limits::MAX_NAME_CHARS`] as the error for its row.
fn long_unit(row: usize, column: &str, unit: &str) -> DataError {
    DataError::BadCell {
        row,
        column: column.to_owned(),
        text: crate::limits::shorten(unit),
        expected: "a unit name of at most 1000 characters",
    }
}

/// Which decimal separator a number cell uses, so a column that mixes `7,5` and `1.234` (a
/// decimal point, or a thousands separator?) is refused rather than guessed.
#[derive(Debug, Clone, Copy, Default)]
struct Separators {
    comma: bool,
    point: bool,
}

impl Separators {
    /// Records a parsed cell; returns the reason when it conflicts with an earlier cell.
    fn see(&mut self, text: &str) -> Result<(), &'static str> {
        if text.contains(',') {
            self.comma = true;
        } else if text.contains('.') {
            self.point = true;
        }
        if self.comma && self.point {
            return Err("the column mixes decimal commas and decimal points, so '.' may be a thousands separator; use one decimal separator");
        }
        Ok(())
    }
}

impl Dataset {
    /// A dataset with these units (and years), no columns yet.
    ///
    /// Names are trimmed and NFC-normalised; an empty name or a repeated (unit, year) is an error.
    pub fn new(units: Vec<String>, years: Option<Vec<i32>>) -> Result<Self, DataError> {
        if let Some(y) = &years {
            if y.len() != units.len() {
                return Err(DataError::LengthMismatch { column: "year".into(), expected: units.len(), got: y.len() });
            }
        }
        let units: Vec<String> = units.iter().map(|u| normalise_unit(u)).collect();
        let mut seen: HashMap<(&str, Option<i32>), usize> = HashMap::with_capacity(units.len());
        for (i, unit) in units.iter().enumerate() {
            if unit.is_empty() {
                return Err(DataError::EmptyUnit { row: i + 1, column: "unit".into() });
            }
            if crate::limits::too_long(unit) {
                return Err(long_unit(i + 1, "unit", unit));
            }
            let year = years.as_ref().map(|y| y[i]);
            if let Some(first) = seen.insert((unit.as_str(), year), i) {
                return Err(DataError::DuplicateRow { unit: unit.clone(), year, first_row: first + 1, row: i + 1 });
            }
        }
        Ok(Dataset { units, years, columns: Vec::new(), index: HashMap::new(), limits: Limits::DEFAULT })
    }

    /// Adds a numeric column (`None` = missing).
    ///
    /// A NaN or infinite value is kept as the column's first invalid cell, reported (with its
    /// row and unit) only when a computation needs the column, as for a CSV cell.
    pub fn add_column(&mut self, name: &str, values: Vec<Option<f64>>) -> Result<(), DataError> {
        self.check_length(name, values.len())?;
        let invalid = values
            .iter()
            .position(|v| v.is_some_and(|v| !v.is_finite()))
            .map(|row| (row, values[row].map(|v| v.to_string()).unwrap_or_default(), "not a finite number"));
        self.push(Column { name: name.into(), values, invalid, texts: None })
    }

    /// Adds a column of text cells parsed like CSV cells (`None` or empty = missing), with
    /// decimal commas accepted when `decimal_comma` is set: for spreadsheet columns that
    /// arrive as text (`"63,01"`).
    pub fn add_text_column(
        &mut self,
        name: &str,
        cells: &[Option<&str>],
        decimal_comma: bool,
    ) -> Result<(), DataError> {
        self.check_length(name, cells.len())?;
        let mut values = Vec::with_capacity(cells.len());
        let mut invalid = None;
        let mut separators = Separators::default();
        for (row, cell) in cells.iter().enumerate() {
            let parsed = parse_number(cell.unwrap_or_default(), decimal_comma)
                .and_then(|v| separators.see(cell.unwrap_or_default()).map(|()| v));
            match parsed {
                Ok(v) => values.push(v),
                Err(reason) => {
                    values.push(None);
                    invalid.get_or_insert_with(|| (row, cell.unwrap_or_default().to_owned(), reason));
                }
            }
        }
        let texts = invalid.is_some().then(|| {
            cells.iter().map(|c| c.map(|t| t.trim().nfc().collect::<String>()).filter(|t| !t.is_empty())).collect()
        });
        self.push(Column { name: name.into(), values, invalid, texts })
    }

    /// Adds a column of cells as JSON, JavaScript or Python give them: numbers stay numbers;
    /// text cells are parsed like CSV cells with decimal commas accepted (`"63,01"`).
    pub fn add_cells(&mut self, name: &str, cells: &[Cell]) -> Result<(), DataError> {
        if cells.iter().all(|c| !matches!(c, Cell::Text(_))) {
            let values = cells.iter().map(|c| if let Cell::Number(n) = c { Some(*n) } else { None }).collect();
            return self.add_column(name, values);
        }
        let texts: Vec<Option<String>> = cells
            .iter()
            .map(|c| match c {
                Cell::Number(n) => Some(comma_text(*n)),
                Cell::Text(t) => Some(t.clone()),
                Cell::Missing => None,
            })
            .collect();
        let refs: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
        self.add_text_column(name, &refs, true)
    }

    fn check_length(&self, name: &str, got: usize) -> Result<(), DataError> {
        if got == self.units.len() {
            Ok(())
        } else {
            Err(DataError::LengthMismatch { column: name.into(), expected: self.units.len(), got })
        }
    }

    fn push(&mut self, column: Column) -> Result<(), DataError> {
        if self.index.contains_key(&column.name) {
            return Err(DataError::DuplicateColumn { column: column.name });
        }
        self.index.insert(column.name.clone(), self.columns.len());
        self.columns.push(column);
        Ok(())
    }

    /// Reads a CSV file (UTF-8, optional BOM).
    pub fn from_csv_path(path: impl AsRef<Path>, options: &CsvOptions) -> Result<Self, DataError> {
        let path = path.as_ref();
        Self::from_csv_bytes(&read_file(path)?, options)
    }

    /// Reads CSV bytes, checking they are UTF-8.
    pub fn from_csv_bytes(bytes: &[u8], options: &CsvOptions) -> Result<Self, DataError> {
        Limits::check_data("bytes", bytes.len(), options.limits.max_bytes)?;
        let text = std::str::from_utf8(bytes).map_err(|e| DataError::Encoding {
            line: 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count(),
        })?;
        Self::from_csv_str(text, options)
    }

    /// Reads CSV text: `,`-separated with `.` decimals, or `;`/tab-separated with `.` or `,` decimals.
    pub fn from_csv_str(text: &str, options: &CsvOptions) -> Result<Self, DataError> {
        let limits = options.limits;
        Limits::check_data("bytes", text.len(), limits.max_bytes)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let header_line = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .ok_or_else(|| DataError::Empty { unit_column: options.unit_column.clone() })?;
        let delimiter = options.delimiter.unwrap_or_else(|| sniff_delimiter(header_line));
        let decimal_comma = delimiter != b',';
        let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(true).from_reader(text.as_bytes());
        let header: Vec<String> =
            reader.headers().map_err(csv_error)?.iter().map(|h| h.trim().nfc().collect()).collect();
        Limits::check_data("columns", header.len(), limits.max_columns)?;
        let mut names = std::collections::HashSet::with_capacity(header.len());
        if let Some(name) = header.iter().find(|h| !names.insert(h.as_str())) {
            return Err(DataError::DuplicateColumn { column: name.clone() });
        }
        let find = |name: &str| header.iter().position(|h| h == name);
        let unit_col = find(&options.unit_column).ok_or_else(|| DataError::MissingColumn {
            column: options.unit_column.clone(),
            hint: Some(format!(
                "the unit names; columns found: {}; choose another with the unit-column option",
                header.join(", ")
            )),
        })?;
        let year_col = find(&options.year_column);
        let mut units = Vec::new();
        let mut years = year_col.map(|_| Vec::new());
        let mut cells: Vec<Vec<Option<f64>>> = vec![Vec::new(); header.len()];
        let mut invalid: Vec<Option<(usize, String, &'static str)>> = vec![None; header.len()];
        // Text of columns that turned out not to be numeric, from their first such cell on.
        let mut texts: Vec<Option<Vec<Option<String>>>> = vec![None; header.len()];
        let mut separators: Vec<Separators> = vec![Separators::default(); header.len()];
        for (i, record) in reader.records().enumerate() {
            let record = record.map_err(csv_error)?;
            let row = i + 1;
            Limits::check_data("rows", row, limits.max_rows)?;
            Limits::check_data("values (rows × columns)", row.saturating_mul(header.len()), limits.max_cells)?;
            let unit = normalise_unit(record.get(unit_col).unwrap_or_default());
            if unit.is_empty() {
                return Err(DataError::EmptyUnit { row, column: options.unit_column.clone() });
            }
            if crate::limits::too_long(&unit) {
                return Err(long_unit(row, &options.unit_column, &unit));
            }
            if let (Some(col), Some(years)) = (year_col, years.as_mut()) {
                let text = record.get(col).unwrap_or_default();
                years.push(parse_year(text).ok_or_else(|| DataError::BadYear {
                    row,
                    column: options.year_column.clone(),
                    text: text.into(),
                })?);
            }
            for (c, text) in record.iter().enumerate() {
                if c == unit_col || Some(c) == year_col {
                    continue;
                }
                match parse_number(text, decimal_comma).and_then(|v| separators[c].see(text).map(|()| v)) {
                    Ok(v) => cells[c].push(v),
                    Err(reason) => {
                        cells[c].push(None);
                        if invalid[c].is_none() {
                            invalid[c] = Some((i, text.to_owned(), reason));
                            // Earlier cells were numbers: keep them as text too.
                            texts[c] = Some(cells[c][..i].iter().map(|v| v.map(|v| v.to_string())).collect());
                        }
                    }
                }
                if let Some(t) = texts[c].as_mut() {
                    let cell: String = text.trim().nfc().collect();
                    t.push((!cell.is_empty()).then_some(cell));
                }
            }
            units.push(unit);
        }
        if units.is_empty() {
            return Err(DataError::NoRows);
        }
        let mut data = Dataset::new(units, years)?;
        data.limits = limits;
        for (c, name) in header.into_iter().enumerate() {
            if c == unit_col || Some(c) == year_col {
                continue;
            }
            let column = Column {
                name,
                values: std::mem::take(&mut cells[c]),
                invalid: invalid[c].take(),
                texts: texts[c].take(),
            };
            data.push(column)?;
        }
        Ok(data)
    }

    /// Builds a dataset from records (rows of named cells), as JSON objects or JS rows give
    /// them. Columns appear in first-seen order; a name absent from a record is a missing cell.
    /// Text cells are parsed like CSV cells, decimal commas included.
    pub fn from_records(records: &[Vec<(String, Cell)>], options: &CsvOptions) -> Result<Self, DataError> {
        if records.is_empty() {
            return Err(DataError::NoRows);
        }
        let limits = options.limits;
        Limits::check_data("rows", records.len(), limits.max_rows)?;
        // Column number of every name, in first-seen order; each record's cells by column, the
        // last one winning when a record repeats a name (as a JS object literal would).
        let mut names: Vec<&str> = Vec::new();
        let mut column_of: HashMap<&str, usize> = HashMap::new();
        let mut table: Vec<Vec<Option<&Cell>>> = Vec::with_capacity(records.len());
        for record in records {
            Limits::check_data(
                "values (rows × columns)",
                (table.len() + 1).saturating_mul(names.len()),
                limits.max_cells,
            )?;
            let mut cells: Vec<Option<&Cell>> = vec![None; names.len()];
            for (name, cell) in record {
                let c = *column_of.entry(name.as_str()).or_insert_with(|| {
                    names.push(name);
                    names.len() - 1
                });
                Limits::check_data("columns", names.len(), limits.max_columns)?;
                if c >= cells.len() {
                    cells.resize(c + 1, None);
                }
                cells[c] = Some(cell);
            }
            table.push(cells);
        }
        let seen = |name: &str| column_of.contains_key(name);
        let has_year = seen(&options.year_column);
        let mut units = Vec::with_capacity(records.len());
        let mut years = has_year.then(|| Vec::with_capacity(records.len()));
        for (i, record) in table.iter().enumerate() {
            let get = |name: &str| column_of.get(name).and_then(|&c| record.get(c).copied().flatten());
            let unit = match get(&options.unit_column) {
                Some(Cell::Text(t)) => t.clone(),
                Some(Cell::Number(n)) => n.to_string(),
                Some(Cell::Missing) | None if i == 0 && !seen(&options.unit_column) => {
                    return Err(DataError::MissingColumn {
                        column: options.unit_column.clone(),
                        hint: Some(format!("the unit names; fields found: {}", names.join(", "))),
                    })
                }
                Some(Cell::Missing) | None => String::new(),
            };
            if normalise_unit(&unit).is_empty() {
                return Err(DataError::EmptyUnit { row: i + 1, column: options.unit_column.clone() });
            }
            units.push(unit);
            if let Some(years) = years.as_mut() {
                let bad = |text: String| DataError::BadYear { row: i + 1, column: options.year_column.clone(), text };
                years.push(match get(&options.year_column) {
                    Some(Cell::Number(n)) if n.fract() == 0.0 && n.abs() < 1e6 => *n as i32,
                    Some(Cell::Number(n)) => return Err(bad(n.to_string())),
                    Some(Cell::Text(t)) => parse_year(t).ok_or_else(|| bad(t.clone()))?,
                    Some(Cell::Missing) | None => return Err(bad(String::new())),
                });
            }
        }
        let mut data = Dataset::new(units, years)?;
        data.limits = limits;
        for (c, name) in names.into_iter().enumerate() {
            if name == options.unit_column || name == options.year_column {
                continue;
            }
            let cells: Vec<Cell> =
                table.iter().map(|r| r.get(c).copied().flatten().cloned().unwrap_or(Cell::Missing)).collect();
            data.add_cells(name, &cells)?;
        }
        Ok(data)
    }

    /// Builds a dataset from `rows` records laid out as columns: `names` in first-seen order,
    /// `first_rows[k]` the 0-based record where `names[k]` first appears, and `columns[k]` the
    /// cell of every record under that name ([`Cell::Missing`] where a record lacks it). The
    /// dataset and every error, limits included, are those of [`Dataset::from_records`] on the
    /// same records, without building a record per row: the JS package lays row objects out
    /// this way in JavaScript, in one pass.
    ///
    /// ```
    /// use chiso::{Cell, CsvOptions, Dataset};
    /// let names = ["unit".to_string(), "a".to_string()];
    /// let columns = vec![
    ///     vec![Cell::Text("Huế".into()), Cell::Text("Hà Nội".into())],
    ///     vec![Cell::Missing, Cell::Text("7,5".into())],
    /// ];
    /// let data = Dataset::from_record_columns(&names, &[0, 1], columns, 2, &CsvOptions::default())?;
    /// assert_eq!(data.values("a")?, &[None, Some(7.5)]);
    /// # Ok::<(), chiso::DataError>(())
    /// ```
    pub fn from_record_columns(
        names: &[String],
        first_rows: &[usize],
        columns: Vec<Vec<Cell>>,
        rows: usize,
        options: &CsvOptions,
    ) -> Result<Self, DataError> {
        if names.len() != columns.len() || names.len() != first_rows.len() || columns.iter().any(|c| c.len() != rows) {
            return Err(DataError::LengthMismatch {
                column: names
                    .iter()
                    .zip(&columns)
                    .find(|(_, c)| c.len() != rows)
                    .map_or_else(String::new, |(n, _)| n.clone()),
                expected: rows,
                got: columns.iter().map(Vec::len).find(|&l| l != rows).unwrap_or(names.len()),
            });
        }
        if rows == 0 {
            return Err(DataError::NoRows);
        }
        let limits = options.limits;
        Limits::check_data("rows", rows, limits.max_rows)?;
        // The checks from_records makes record by record: values before each record (with the
        // names seen so far), then columns as names appear.
        let mut seen = 0;
        for row in 0..rows {
            Limits::check_data("values (rows × columns)", (row + 1).saturating_mul(seen), limits.max_cells)?;
            while seen < first_rows.len() && first_rows[seen] <= row {
                seen += 1;
                Limits::check_data("columns", seen, limits.max_columns)?;
            }
        }
        let column = |name: &str| names.iter().position(|n| n == name);
        let unit_column = column(&options.unit_column);
        let year_column = column(&options.year_column);
        let mut units = Vec::with_capacity(rows);
        let mut years = year_column.map(|_| Vec::with_capacity(rows));
        // Row i of two optional columns at once.
        #[allow(clippy::needless_range_loop)]
        for i in 0..rows {
            let unit = match unit_column.map(|c| &columns[c][i]) {
                Some(Cell::Text(t)) => t.clone(),
                Some(Cell::Number(n)) => n.to_string(),
                None if i == 0 => {
                    return Err(DataError::MissingColumn {
                        column: options.unit_column.clone(),
                        hint: Some(format!("the unit names; fields found: {}", names.join(", "))),
                    })
                }
                Some(Cell::Missing) | None => String::new(),
            };
            if normalise_unit(&unit).is_empty() {
                return Err(DataError::EmptyUnit { row: i + 1, column: options.unit_column.clone() });
            }
            units.push(unit);
            if let (Some(years), Some(c)) = (years.as_mut(), year_column) {
                let bad = |text: String| DataError::BadYear { row: i + 1, column: options.year_column.clone(), text };
                years.push(match &columns[c][i] {
                    Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e6 => *n as i32,
                    Cell::Number(n) => return Err(bad(n.to_string())),
                    Cell::Text(t) => parse_year(t).ok_or_else(|| bad(t.clone()))?,
                    Cell::Missing => return Err(bad(String::new())),
                });
            }
        }
        let mut data = Dataset::new(units, years)?;
        data.limits = limits;
        for (name, cells) in names.iter().zip(&columns) {
            if *name == options.unit_column || *name == options.year_column {
                continue;
            }
            data.add_cells(name, cells)?;
        }
        Ok(data)
    }

    /// Builds a dataset from long ("tidy") columns, one value per row: unit, optional year,
    /// variable and value, as `pandas.melt` or a database export gives them.
    ///
    /// The dataset's rows are the (unit, year) pairs in order of first appearance, its columns
    /// the variables in order of first appearance; a pair without a value for a variable has a
    /// missing cell. Units are trimmed and NFC-normalised before they are matched, years and
    /// text values are read as in [`Dataset::from_records`]. Errors found while reading name
    /// the row of the long table (a repeated unit, year and variable is an error, never a
    /// silent overwrite); a bad value found later by a computation names the dataset's row.
    ///
    /// ```
    /// use chiso::{Cell, CsvOptions, Dataset};
    /// let units = ["Hà Nội", "Hà Nội", "Huế"].map(|u| Cell::Text(u.into()));
    /// let variables = ["a", "b", "a"].map(String::from);
    /// let values = [Cell::Number(1.0), Cell::Text("2,5".into()), Cell::Number(3.0)];
    /// let data = Dataset::from_long(&units, None, &variables, &values, &CsvOptions::default())?;
    /// assert_eq!(data.units(), ["Hà Nội", "Huế"]);
    /// assert_eq!(data.values("b")?, &[Some(2.5), None]);
    /// # Ok::<(), chiso::DataError>(())
    /// ```
    pub fn from_long(
        units: &[Cell],
        years: Option<&[Cell]>,
        variables: &[String],
        values: &[Cell],
        options: &CsvOptions,
    ) -> Result<Self, DataError> {
        let n = units.len();
        for (column, got) in [("variable", variables.len()), ("value", values.len())]
            .into_iter()
            .chain(years.map(|y| (options.year_column.as_str(), y.len())))
        {
            if got != n {
                return Err(DataError::LengthMismatch { column: column.into(), expected: n, got });
            }
        }
        if n == 0 {
            return Err(DataError::NoRows);
        }
        // (unit, year) → dataset row; variable → column; (dataset row, column) → long row.
        let mut pairs: HashMap<(String, Option<i32>), usize> = HashMap::new();
        let (mut row_units, mut row_years) = (Vec::new(), years.map(|_| Vec::new()));
        let mut columns: HashMap<&str, usize> = HashMap::new();
        let mut names: Vec<&str> = Vec::new();
        let mut cells: Vec<(usize, usize, usize)> = Vec::with_capacity(n);
        let mut seen: HashMap<(usize, usize), usize> = HashMap::with_capacity(n);
        for i in 0..n {
            let unit = match &units[i] {
                Cell::Text(t) => normalise_unit(t),
                Cell::Number(x) => x.to_string(),
                Cell::Missing => String::new(),
            };
            if unit.is_empty() {
                return Err(DataError::EmptyUnit { row: i + 1, column: options.unit_column.clone() });
            }
            let year = match years {
                None => None,
                Some(years) => Some(year_cell(&years[i]).ok_or_else(|| DataError::BadYear {
                    row: i + 1,
                    column: options.year_column.clone(),
                    text: match &years[i] {
                        Cell::Number(x) => x.to_string(),
                        Cell::Text(t) => t.clone(),
                        Cell::Missing => String::new(),
                    },
                })?),
            };
            let next = pairs.len();
            let row = *pairs.entry((unit.clone(), year)).or_insert_with(|| {
                row_units.push(unit.clone());
                if let (Some(ys), Some(y)) = (row_years.as_mut(), year) {
                    ys.push(y);
                }
                next
            });
            let variable = variables[i].as_str();
            let column = *columns.entry(variable).or_insert_with(|| {
                names.push(variable);
                names.len() - 1
            });
            if let Some(first) = seen.insert((row, column), i) {
                return Err(DataError::DuplicateCell {
                    unit,
                    year,
                    column: variable.into(),
                    first_row: first + 1,
                    row: i + 1,
                });
            }
            cells.push((row, column, i));
        }
        let mut data = Dataset::new(row_units, row_years)?;
        let mut table: Vec<Vec<&Cell>> = vec![vec![&Cell::Missing; data.len()]; names.len()];
        for (row, column, i) in cells {
            table[column][row] = &values[i];
        }
        for (name, column) in names.into_iter().zip(table) {
            if name == options.unit_column || name == options.year_column {
                return Err(DataError::DuplicateColumn { column: name.into() });
            }
            if column.iter().all(|c| !matches!(c, Cell::Text(_))) {
                let numbers = column.iter().map(|c| if let Cell::Number(x) = c { Some(*x) } else { None }).collect();
                data.add_column(name, numbers)?;
            } else {
                let texts: Vec<Option<String>> = column
                    .iter()
                    .map(|c| match c {
                        Cell::Number(x) => Some(comma_text(*x)),
                        Cell::Text(t) => Some(t.clone()),
                        Cell::Missing => None,
                    })
                    .collect();
                let refs: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
                data.add_text_column(name, &refs, true)?;
            }
        }
        Ok(data)
    }

    /// The limits the data was read with, which computations on it keep to.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Sets the limits computations on this dataset keep to.
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// Unit names (trimmed, NFC), one per row.
    pub fn units(&self) -> &[String] {
        &self.units
    }

    /// Years, one per row, if the data has a year column.
    pub fn years(&self) -> Option<&[i32]> {
        self.years.as_deref()
    }

    /// Distinct years in ascending order (empty without a year column).
    pub fn distinct_years(&self) -> Vec<i32> {
        let mut years = self.years.clone().unwrap_or_default();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// Column names in file order (without the unit and year columns).
    pub fn column_names(&self) -> impl Iterator<Item = &str> {
        self.columns.iter().map(|c| c.name.as_str())
    }

    /// Whether a column exists.
    pub fn has_column(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }

    /// A column's cells as labels (e.g. a region column that groups units): the text of a
    /// text column (trimmed, NFC), or the numbers of a numeric one written out; `None` = empty.
    pub fn labels(&self, name: &str) -> Result<Vec<Option<String>>, DataError> {
        let column = self
            .index
            .get(name)
            .map(|&i| &self.columns[i])
            .ok_or_else(|| DataError::MissingColumn { column: name.into(), hint: None })?;
        Ok(match &column.texts {
            Some(t) => t.clone(),
            None => column.values.iter().map(|v| v.map(|v| v.to_string())).collect(),
        })
    }

    /// Whether a column holds text only (no cell is a number), like `province_ascii`.
    pub fn is_text(&self, name: &str) -> bool {
        self.index
            .get(name)
            .map(|&i| &self.columns[i])
            .is_some_and(|c| c.invalid.is_some() && c.values.iter().all(Option::is_none))
    }

    /// A column's values, or the error for its first cell that is not a number.
    pub fn values(&self, name: &str) -> Result<&[Option<f64>], DataError> {
        let column = self
            .index
            .get(name)
            .map(|&i| &self.columns[i])
            .ok_or_else(|| DataError::MissingColumn { column: name.into(), hint: None })?;
        match &column.invalid {
            Some((row, text, reason)) => Err(DataError::BadNumber {
                row: row + 1,
                unit: Some(self.units[*row].clone()),
                column: name.into(),
                text: text.clone(),
                reason,
            }),
            None => Ok(&column.values),
        }
    }
}

fn csv_error(e: csv::Error) -> DataError {
    let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("the row has {len} fields but the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "the file is not valid UTF-8".into(),
        _ => e.to_string(),
    };
    DataError::Csv { line, message }
}

fn sniff_delimiter(header: &str) -> u8 {
    let count = |c: char| header.matches(c).count();
    let candidates = [(b',', count(',')), (b';', count(';')), (b'\t', count('\t'))];
    candidates.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n > 0).map_or(b',', |(d, _)| *d)
}

/// A year cell given in code: a whole number, or text that reads as one.
fn year_cell(cell: &Cell) -> Option<i32> {
    match cell {
        Cell::Number(x) if x.fract() == 0.0 && x.abs() < 1e6 => Some(*x as i32),
        Cell::Number(_) | Cell::Missing => None,
        Cell::Text(t) => parse_year(t),
    }
}

fn parse_year(text: &str) -> Option<i32> {
    let t = text.trim();
    let t = t.strip_suffix(".0").unwrap_or(t);
    t.parse().ok()
}

/// A number written with a decimal comma, for a text column read with decimal commas: a real
/// number next to text cells such as `"2,5"` must not look like a mix of separators. (Rust
/// writes the shortest exact decimal without exponent or grouping, so it reads back exactly.)
fn comma_text(x: f64) -> String {
    x.to_string().replace('.', ",")
}

/// Parses one cell: empty → missing; `63.01`, and `63,01` where decimal commas are allowed.
///
/// Thousands separators, both separators in one cell, and NaN/infinity are rejected with a reason.
pub fn parse_number(text: &str, decimal_comma: bool) -> Result<Option<f64>, &'static str> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let has_comma = t.contains(',');
    if has_comma && t.contains('.') {
        return Err("both '.' and ',' in one number; thousands separators are not accepted");
    }
    if has_comma && !decimal_comma {
        return Err("decimal comma in a ','-separated file; use '.' or save with ';' separators");
    }
    if t.matches(',').count() > 1 {
        return Err("more than one decimal comma");
    }
    let lower = t.to_ascii_lowercase();
    if lower.contains("nan") || lower.contains("inf") {
        return Err("NaN and infinity are not values; leave the cell empty if it is missing");
    }
    if !t.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'-' | b'+' | b'e' | b'E')) {
        return Err("expected digits with one decimal separator");
    }
    let value: f64 = t.replace(',', ".").parse().map_err(|_| "expected digits with one decimal separator")?;
    if value.is_finite() {
        Ok(Some(value))
    } else {
        Err("not a finite number")
    }
}
