//! Spreadsheets: one sheet of a workbook (`.xlsx`, `.xls`, `.ods`) read into a [`Dataset`],
//! and scores written back as a formatted `.xlsx` workbook.
//!
//! Publishers' workbooks are read as they are published (VCCI's PCI summaries, for one):
//!
//! - the table starts at the first row (of the first 20) that has a cell reading the unit
//!   column's header, and ends at the first empty row, or at a row whose unit cell is a summary
//!   label (`Min`, `Median`, `Max`, `Rank`, …) or repeats the header; every non-empty row below
//!   it is reported as a [`SheetNote`] and never scored;
//! - headers are matched to node ids by the id, a label or an alias the spec declares (NFC,
//!   spaces and line breaks collapsed, case ignored), and unit names through the spec's
//!   `unit_aliases` (`BRVT` → `Bà Rịa - Vũng Tàu`); both are reported;
//! - a sheet that sorts every column separately, each value column with its own unit column to
//!   its left (VCCI's summaries of 2012–2016), is put back together by unit;
//! - a formula cell gives its saved result; a formula without one, a date or an error value in
//!   a number column and a merged header cell are errors naming the sheet and the cell.
//!
//! A sheet has no year column as a rule, and the year picks the spec's edition: give it in
//! [`SheetOptions::year`]; reading for a spec with editions without one is
//! [`DataError::NoYear`].

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Dimensions, Ods, Range, Reader, Sheets, Xls, Xlsx};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet};
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::data::{normalise_unit, read_file, Cell, Dataset};
use crate::error::DataError;
use crate::limits::Limits;
use crate::score::Scores;
use crate::spec::IndexDefinition;

/// Rows searched for the header row.
const HEADER_ROWS: usize = 20;
/// Notes kept about rows below the table (the rest are counted).
const MAX_NOTES: usize = 100;

/// How to read a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetOptions {
    /// The sheet (default: the workbook's first).
    pub sheet: Option<String>,
    /// Header of the column with the unit names (default `unit`; VCCI: `Province`, `Tỉnh`).
    pub unit_column: String,
    /// Header of the column with the years, if the sheet has one (default `year`).
    pub year_column: String,
    /// The year of every row, for a sheet without a year column.
    pub year: Option<i32>,
    /// Largest input accepted.
    pub limits: Limits,
}

impl Default for SheetOptions {
    fn default() -> Self {
        SheetOptions {
            sheet: None,
            unit_column: "unit".into(),
            year_column: "year".into(),
            year: None,
            limits: Limits::DEFAULT,
        }
    }
}

/// How a sheet's column was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnRead {
    /// The column's letter (`D`).
    pub letter: String,
    /// The header as written (spaces collapsed).
    pub header: String,
    /// The dataset's column: the node id when the header names a node, else the header.
    pub name: String,
    /// `id`, `label` or `alias` when the header was matched to a node, else `None`.
    pub matched_by: Option<&'static str>,
    /// The letter of the unit column whose order the values follow, when it is not the unit
    /// column itself (a sheet that sorts every column separately).
    pub units_from: Option<String>,
}

/// A unit name read through a declared alias.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitAlias {
    /// The name as the sheet writes it.
    pub written: String,
    /// The unit it was read as.
    pub unit: String,
}

/// Something in the sheet that was not read as data, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetNote {
    /// 1-based row of the sheet (0 for a note about a whole column).
    pub row: usize,
    /// What it is.
    pub text: String,
}

/// A sheet read into a dataset, with what the reading decided.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetData {
    /// The data, as CSV input would give it.
    #[serde(skip)]
    pub dataset: Dataset,
    /// The sheet read.
    pub sheet: String,
    /// Every column read, in sheet order.
    pub columns: Vec<ColumnRead>,
    /// Unit names read through an alias.
    pub unit_aliases: Vec<UnitAlias>,
    /// Rows and columns left out (rows below the table, columns without a header).
    pub notes: Vec<SheetNote>,
}

/// The sheets of a workbook, in workbook order.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, DataError> {
    Ok(open(bytes)?.sheet_names())
}

/// Reads one sheet of a workbook file; see [`read_sheet`].
pub fn read_sheet_path(
    path: impl AsRef<Path>,
    options: &SheetOptions,
    definition: Option<&IndexDefinition>,
) -> Result<SheetData, DataError> {
    let path = path.as_ref();
    let bytes = read_file(path)?;
    match read_sheet(&bytes, options, definition) {
        // Publishers name their workbooks by year (VCCI's `PCI_2018.xlsx`) while the sheets have
        // no year column: a single year in the file name is the year, and the notes say so.
        Err(DataError::NoYear { sheet, year_column }) => match year_in_file_name(path) {
            Some(year) => {
                let mut read = read_sheet(&bytes, &SheetOptions { year: Some(year), ..options.clone() }, definition)?;
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                read.notes.insert(
                    0,
                    SheetNote {
                        row: 0,
                        text: format!(
                            "no '{year_column}' column: the year {year} is taken from the file name '{name}' \
                             (give the year to use another)"
                        ),
                    },
                );
                Ok(read)
            }
            None => Err(DataError::NoYear { sheet, year_column }),
        },
        other => other,
    }
}

/// The one year (1990–2100) written in a file's name, if there is exactly one.
fn year_in_file_name(path: &Path) -> Option<i32> {
    let stem = path.file_stem()?.to_string_lossy();
    let digits: Vec<&str> = stem.split(|c: char| !c.is_ascii_digit()).filter(|d| d.len() == 4).collect();
    match digits.as_slice() {
        [one] => one.parse().ok().filter(|y| (1990..=2100).contains(y)),
        _ => None,
    }
}

/// Reads one sheet of a workbook (`.xlsx`, `.xls` or `.ods` bytes) into a dataset. With a
/// definition, headers are matched to its nodes and unit names through its unit aliases.
///
/// ```
/// use chiso::io::xlsx::{read_sheet, write_scores, SheetOptions};
/// use chiso::{presets, score, ScoreOptions};
/// # let pci = presets::get("pci")?;
/// # let csv = "unit,entry_costs,land_access,transparency,time_costs,informal_charges,policy_bias,proactivity,business_support,labor_policy,legal_institutions\nBRVT,7.57,6.41,6.18,7.03,6.37,5.42,5.49,6.59,6.47,6.37\n";
/// # let data = chiso::Dataset::from_csv_str(csv, &Default::default())?;
/// # let scores = score(&pci, &data, &ScoreOptions { year: Some(2018), ..Default::default() })?;
/// # let bytes = write_scores(&scores, &pci, None)?;
/// // `bytes`: a workbook whose sheet "Index" has the columns unit, year, pci, pci_rank, …
/// let options = SheetOptions { sheet: Some("Level 1".into()), ..Default::default() };
/// let read = read_sheet(&bytes, &options, Some(&pci))?;
/// assert_eq!(read.dataset.units(), ["Bà Rịa - Vũng Tàu"]);
/// assert_eq!(read.dataset.values("entry_costs")?, &[Some(7.57)]);
/// # Ok::<(), chiso::Error>(())
/// ```
pub fn read_sheet(
    bytes: &[u8],
    options: &SheetOptions,
    definition: Option<&IndexDefinition>,
) -> Result<SheetData, DataError> {
    Limits::check_data("bytes", bytes.len(), options.limits.max_bytes)?;
    match read_bytes(bytes, options, definition) {
        Err(DataError::Workbook { message }) if message.contains(DIMENSION) => match without_dimensions(bytes) {
            Some(repaired) => read_bytes(&repaired, options, definition),
            None => Err(DataError::Workbook { message }),
        },
        other => other,
    }
}

/// calamine's message for a `<dimension>` without columns.
const DIMENSION: &str = "column component";

/// The workbook with every sheet's `<dimension .../>` element removed (it is optional; calamine
/// refuses LibreOffice's row-only `ref="1:69"`), or `None` when it is not a readable zip.
fn without_dimensions(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).ok()?;
        let name = file.name().to_owned();
        let mut content = Vec::new();
        file.read_to_end(&mut content).ok()?;
        if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
            let text = String::from_utf8(content).ok()?;
            content = match text.find("<dimension ") {
                Some(start) => {
                    let end = start + text[start..].find("/>")? + 2;
                    format!("{}{}", &text[..start], &text[end..]).into_bytes()
                }
                None => text.into_bytes(),
            };
        }
        out.start_file(name, options).ok()?;
        out.write_all(&content).ok()?;
    }
    out.finish().ok().map(Cursor::into_inner)
}

fn read_bytes(
    bytes: &[u8],
    options: &SheetOptions,
    definition: Option<&IndexDefinition>,
) -> Result<SheetData, DataError> {
    let mut book = open(bytes)?;
    let names = book.sheet_names();
    let sheet = match &options.sheet {
        Some(wanted) => names
            .iter()
            .find(|n| *n == wanted)
            .or_else(|| names.iter().find(|n| key(n) == key(wanted)))
            .cloned()
            .ok_or_else(|| DataError::NoSheet {
                sheet: wanted.clone(),
                available: names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", "),
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| DataError::Workbook { message: "cannot read the workbook: it has no sheets".into() })?,
    };
    let range = book.worksheet_range(&sheet).map_err(|e| workbook_error(&e.to_string()))?;
    // Formulas only tell a formula without a saved result from an empty cell: a reader that
    // cannot give them (some .xls) leaves such cells empty.
    let formulas = book.worksheet_formula(&sheet).ok();
    let merged = match &mut book {
        Sheets::Xlsx(x) => x.worksheet_merge_cells(&sheet).and_then(Result::ok).unwrap_or_default(),
        _ => Vec::new(),
    };
    let grid = Grid { sheet: &sheet, range: &range, formulas: formulas.as_ref() };
    read_grid(&grid, &merged, options, definition)
}

/// A sheet's cells with their absolute positions.
struct Grid<'a> {
    sheet: &'a str,
    range: &'a Range<Data>,
    formulas: Option<&'a Range<String>>,
}

impl Grid<'_> {
    fn origin(&self) -> (usize, usize) {
        self.range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize))
    }
    /// The cell at a position relative to the range's start.
    fn get(&self, row: usize, col: usize) -> &Data {
        self.range.get((row, col)).unwrap_or(&Data::Empty)
    }
    /// `C7` for a relative position.
    fn cell(&self, row: usize, col: usize) -> String {
        let (r0, c0) = self.origin();
        format!("{}{}", letter(c0 + col), r0 + row + 1)
    }
    fn sheet_row(&self, row: usize) -> usize {
        self.origin().0 + row + 1
    }
    fn letter(&self, col: usize) -> String {
        letter(self.origin().1 + col)
    }
    /// The formula of an empty cell, if it has one (a formula without a saved result).
    fn formula(&self, row: usize, col: usize) -> Option<&str> {
        let (r0, c0) = self.origin();
        self.formulas
            .and_then(|f| f.get_value(((r0 + row) as u32, (c0 + col) as u32)))
            .map(String::as_str)
            .filter(|f| !f.is_empty())
    }
    fn text(&self, row: usize, col: usize) -> String {
        match self.get(row, col) {
            Data::String(s) => collapse(s),
            Data::Float(x) => x.to_string(),
            Data::Int(i) => i.to_string(),
            Data::Bool(b) => b.to_string(),
            Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::DateTime(d) => date_text(d.as_f64()),
            Data::Error(e) => e.to_string(),
            Data::Empty => String::new(),
        }
    }
    fn is_blank(&self, row: usize, col: usize) -> bool {
        match self.get(row, col) {
            Data::Empty => true,
            Data::String(s) => s.trim().is_empty(),
            _ => false,
        }
    }
    fn row_is_empty(&self, row: usize, width: usize) -> bool {
        (0..width).all(|c| self.is_blank(row, c) && self.formula(row, c).is_none())
    }
}

/// Column letters: 0 → A, 25 → Z, 26 → AA.
fn letter(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A header or name as printed: NFC, line breaks and runs of spaces collapsed, trimmed.
fn collapse(text: &str) -> String {
    text.nfc().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What headers and aliases are compared on: [`collapse`]d and lower-cased.
fn key(text: &str) -> String {
    collapse(text).to_lowercase()
}

/// An Excel date serial (1900 system) as `YYYY-MM-DD`, for messages.
fn date_text(serial: f64) -> String {
    // Days from 1970-01-01; Excel's day 25569 is 1970-01-01.
    let days = serial.floor() as i64 - 25569;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn workbook_error(message: &str) -> DataError {
    if message.contains("password") {
        return DataError::Workbook {
            message: "cannot read the workbook: it is password-protected (encrypted); save an unprotected copy (Excel: File › Info › Protect Workbook › Encrypt with Password, clear the password)".into(),
        };
    }
    DataError::Workbook {
        message: format!("cannot read the workbook: {message}; expected an .xlsx, .xls or .ods workbook"),
    }
}

/// Opens a workbook by its content: a zip is `.xlsx` or `.ods`, an OLE container `.xls` or an
/// encrypted `.xlsx` (whose parts sit in an `EncryptedPackage` stream).
fn open(bytes: &[u8]) -> Result<Sheets<Cursor<&[u8]>>, DataError> {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let cursor = || Cursor::new(bytes);
    if bytes.starts_with(ZIP) {
        let xlsx = Xlsx::new(cursor());
        return match xlsx {
            Ok(x) => Ok(Sheets::Xlsx(x)),
            Err(xlsx_error) => match Ods::new(cursor()) {
                Ok(o) => Ok(Sheets::Ods(o)),
                Err(_) => Err(workbook_error(&xlsx_error.to_string())),
            },
        };
    }
    if bytes.starts_with(OLE) {
        let encrypted: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
        if bytes.windows(encrypted.len()).any(|w| w == encrypted.as_slice()) {
            return Err(workbook_error("password"));
        }
        return Xls::new(cursor()).map(Sheets::Xls).map_err(|e| workbook_error(&e.to_string().to_lowercase()));
    }
    Err(DataError::Workbook {
        message: "cannot read the workbook: the file is not a spreadsheet (expected an .xlsx, .xls or .ods workbook; for CSV, give a .csv file)"
            .into(),
    })
}

/// Where a header points: a node id and how it was matched.
fn node_keys(definition: Option<&IndexDefinition>) -> HashMap<String, (String, &'static str)> {
    let mut keys = HashMap::new();
    let Some(definition) = definition else { return keys };
    let nodes = &definition.file().nodes;
    // Ids first, then labels, then aliases: an id always means its own node.
    for n in nodes {
        keys.entry(key(&n.id)).or_insert((n.id.clone(), "id"));
    }
    for n in nodes {
        for label in n.label.iter().flat_map(|l| [&l.vi, &l.en]) {
            if !label.trim().is_empty() {
                keys.entry(key(label)).or_insert((n.id.clone(), "label"));
            }
        }
    }
    for n in nodes {
        for alias in &n.aliases {
            keys.entry(key(alias)).or_insert((n.id.clone(), "alias"));
        }
    }
    keys
}

/// Alias (keyed) → the unit name results use.
fn unit_keys(definition: Option<&IndexDefinition>) -> HashMap<String, String> {
    let mut keys = HashMap::new();
    let Some(definition) = definition else { return keys };
    let aliases: &BTreeMap<String, Vec<String>> = &definition.file().unit_aliases;
    for (unit, spellings) in aliases {
        for spelling in spellings {
            keys.insert(key(spelling), normalise_unit(unit));
        }
    }
    keys
}

/// Unit cells that end the table: summary rows publishers put below it.
fn is_summary_label(text: &str) -> bool {
    const LABELS: [&str; 22] = [
        "min",
        "minimum",
        "max",
        "maximum",
        "median",
        "mean",
        "average",
        "total",
        "sum",
        "rank",
        "ranking",
        "std",
        "sd",
        "nhỏ nhất",
        "lớn nhất",
        "trung vị",
        "trung bình",
        "tổng",
        "tổng cộng",
        "xếp hạng",
        "thứ tự",
        "count",
    ];
    LABELS.contains(&key(text).as_str())
}

fn read_grid(
    grid: &Grid<'_>,
    merged: &[Dimensions],
    options: &SheetOptions,
    definition: Option<&IndexDefinition>,
) -> Result<SheetData, DataError> {
    let sheet = grid.sheet;
    let (height, full_width) = grid.range.get_size();
    // Publishers' sheets often claim hundreds of empty columns: keep those with a cell.
    let width = (0..full_width)
        .rev()
        .find(|&c| (0..height).any(|r| !matches!(grid.get(r, c), Data::Empty)))
        .map_or(0, |c| c + 1);
    if width == 0 {
        return Err(DataError::SheetTable {
            sheet: sheet.into(),
            message: format!(
                "the sheet is empty; expected a header row with '{}' and one column per node",
                options.unit_column
            ),
        });
    }
    let unit_key = key(&options.unit_column);
    let header_hit = (0..height.min(HEADER_ROWS))
        .find_map(|r| (0..width).find(|&c| key(&grid.text(r, c)) == unit_key).map(|c| (r, c)));
    let Some((header, unit_col)) = header_hit else {
        let first = (0..height).find(|&r| !grid.row_is_empty(r, width)).unwrap_or(0);
        let found: Vec<String> =
            (0..width).map(|c| grid.text(first, c)).filter(|t| !t.is_empty()).map(|t| format!("'{t}'")).collect();
        return Err(DataError::SheetTable {
            sheet: sheet.into(),
            message: format!(
                "no header cell reads '{}' in the first {HEADER_ROWS} rows (row {} has {}); name the unit column (command line: --unit-column)",
                options.unit_column,
                grid.sheet_row(first),
                found.join(", ")
            ),
        });
    };
    check_merged_header(grid, merged, header, width)?;

    // The table: from below the header to the first empty row or summary row.
    let header_texts: Vec<String> = (0..width).map(|c| grid.text(header, c)).collect();
    let mut end = header + 1;
    while end < height {
        let unit = grid.text(end, unit_col);
        if grid.row_is_empty(end, width) || is_summary_label(&unit) || key(&unit) == unit_key {
            break;
        }
        end += 1;
    }
    let body: Vec<usize> = (header + 1..end).collect();
    if body.is_empty() {
        return Err(DataError::SheetTable {
            sheet: sheet.into(),
            message: format!("the table under the header (row {}) has no rows", grid.sheet_row(header)),
        });
    }
    let limits = options.limits;
    Limits::check_data("rows", body.len(), limits.max_rows)?;
    Limits::check_data("columns", width, limits.max_columns)?;
    Limits::check_data("values (rows × columns)", body.len().saturating_mul(width), limits.max_cells)?;

    // Units, through the declared aliases.
    let aliases = unit_keys(definition);
    let mut unit_aliases = Vec::new();
    let mut seen_alias = HashSet::new();
    let mut resolve = |written: &str| -> String {
        match aliases.get(&key(written)) {
            Some(unit) if unit != written => {
                if seen_alias.insert(written.to_owned()) {
                    unit_aliases.push(UnitAlias { written: written.to_owned(), unit: unit.clone() });
                }
                unit.clone()
            }
            _ => normalise_unit(written),
        }
    };
    let unit_cell = |r: usize, c: usize| -> Result<String, DataError> {
        match grid.get(r, c) {
            Data::String(s) => Ok(s.clone()),
            Data::Float(_) | Data::Int(_) => Ok(grid.text(r, c)),
            Data::Empty => Ok(String::new()),
            other => Err(cell_error(grid, r, c, &header_texts, format!("'{}' is not a unit name", text_of(other)))),
        }
    };
    let mut units = Vec::with_capacity(body.len());
    for &r in &body {
        let written = unit_cell(r, unit_col)?;
        if written.trim().is_empty() {
            return Err(cell_error(grid, r, unit_col, &header_texts, "the unit name is empty".into()));
        }
        units.push(resolve(written.trim()));
    }
    let unit_set: HashSet<&str> = units.iter().map(String::as_str).collect();

    // Other unit columns: text columns of the same units (each sorted with its value column).
    let mut unit_columns = vec![unit_col];
    let mut resolved_columns: HashMap<usize, Vec<String>> = HashMap::new();
    for c in (0..width).filter(|&c| c != unit_col) {
        let cells: Vec<&Data> = body.iter().map(|&r| grid.get(r, c)).collect();
        let texts: Vec<&str> =
            cells.iter().filter_map(|d| if let Data::String(s) = d { Some(s.as_str()) } else { None }).collect();
        let filled = cells.iter().filter(|d| !matches!(d, Data::Empty)).count();
        if texts.is_empty() || texts.len() != filled {
            continue;
        }
        let names: Vec<String> = texts.iter().map(|t| resolve(t.trim())).collect();
        let known = names.iter().filter(|n| unit_set.contains(n.as_str())).count();
        if known * 10 >= texts.len() * 9 {
            unit_columns.push(c);
            resolved_columns.insert(
                c,
                cells.iter().map(|d| if let Data::String(s) = d { resolve(s.trim()) } else { String::new() }).collect(),
            );
        }
    }
    unit_columns.sort_unstable();
    let paired = unit_columns.len() > 1;

    let year_key = key(&options.year_column);
    let year_col = (0..width).find(|&c| c != unit_col && key(&header_texts[c]) == year_key);
    let nodes = node_keys(definition);
    let mut notes = Vec::new();
    let mut columns = Vec::new();
    let mut data_columns: Vec<(String, Vec<Cell>)> = Vec::new();
    let mut names_seen: HashMap<String, String> = HashMap::new();
    for c in 0..width {
        if c == unit_col || Some(c) == year_col || unit_columns.contains(&c) {
            continue;
        }
        let header_text = &header_texts[c];
        let has_data = body.iter().any(|&r| !matches!(grid.get(r, c), Data::Empty) || grid.formula(r, c).is_some());
        if header_text.is_empty() {
            if has_data {
                notes.push(SheetNote {
                    row: 0,
                    text: format!("column {} has values but no header; not read", grid.letter(c)),
                });
            }
            continue;
        }
        let source = match unit_columns.iter().rev().find(|&&u| u < c) {
            Some(&u) => u,
            None if paired => {
                notes.push(SheetNote {
                    row: 0,
                    text: format!(
                        "column {} ('{header_text}') lies left of every unit column, so it belongs to no unit; not read",
                        grid.letter(c)
                    ),
                });
                continue;
            }
            // A plain table whose unit column is not the first: every column is the unit's.
            None => unit_col,
        };
        // Each unit's sheet row for this column.
        let rows: Vec<Option<usize>> = if source == unit_col {
            body.iter().map(|&r| Some(r)).collect()
        } else {
            let names = &resolved_columns[&source];
            let mut at: HashMap<&str, usize> = HashMap::new();
            for (i, name) in names.iter().enumerate().filter(|(_, n)| !n.is_empty()) {
                if let Some(first) = at.insert(name.as_str(), body[i]) {
                    return Err(cell_error(
                        grid,
                        body[i],
                        source,
                        &header_texts,
                        format!(
                            "'{name}' appears twice in the unit column of '{header_text}' (also row {}); each unit once",
                            grid.sheet_row(first)
                        ),
                    ));
                }
            }
            units.iter().map(|u| at.get(u.as_str()).copied()).collect()
        };
        for (unit, row) in units.iter().zip(&rows) {
            if row.is_none() {
                notes.push(SheetNote {
                    row: 0,
                    text: format!(
                        "column {} ('{header_text}') has no row for '{unit}' in its unit column {}",
                        grid.letter(c),
                        grid.letter(source)
                    ),
                });
            }
        }
        let numeric = rows.iter().flatten().any(|&r| matches!(grid.get(r, c), Data::Float(_) | Data::Int(_)));
        let mut cells = Vec::with_capacity(rows.len());
        for row in &rows {
            let Some(r) = *row else {
                cells.push(Cell::Missing);
                continue;
            };
            cells.push(match grid.get(r, c) {
                Data::Float(x) => Cell::Number(*x),
                Data::Int(i) => Cell::Number(*i as f64),
                Data::String(s) if !s.trim().is_empty() => Cell::Text(s.clone()),
                Data::Bool(b) => Cell::Text(b.to_string()),
                Data::Empty | Data::String(_) => match grid.formula(r, c) {
                    Some(f) => {
                        return Err(cell_error(
                            grid,
                            r,
                            c,
                            &header_texts,
                            format!("the formula ={f} has no saved result; open the file in Excel or LibreOffice and save it, so that each formula's value is stored"),
                        ))
                    }
                    None => Cell::Missing,
                },
                Data::Error(e) => {
                    return Err(cell_error(
                        grid,
                        r,
                        c,
                        &header_texts,
                        format!("the cell holds the error value {e}, not a number; fix the formula or leave the cell empty"),
                    ))
                }
                other @ (Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_)) => {
                    if numeric {
                        return Err(cell_error(
                            grid,
                            r,
                            c,
                            &header_texts,
                            format!("a date ({}) in a column of numbers; format the cell as a number (Excel shows numbers as dates when the cell's format is a date)", text_of(other)),
                        ));
                    }
                    Cell::Text(text_of(other))
                }
            });
        }
        let (name, matched_by) = match nodes.get(&key(header_text)) {
            Some((id, how)) => (id.clone(), Some(*how)),
            None => (header_text.clone(), None),
        };
        if let Some(other) = names_seen.insert(name.clone(), header_text.clone()) {
            return Err(cell_error(
                grid,
                header,
                c,
                &header_texts,
                format!("this column and the column '{other}' are both read as '{name}'; keep one of them"),
            ));
        }
        columns.push(ColumnRead {
            letter: grid.letter(c),
            header: header_text.clone(),
            name: name.clone(),
            matched_by,
            units_from: (source != unit_col).then(|| grid.letter(source)),
        });
        data_columns.push((name, cells));
    }

    let years = match year_col {
        Some(c) => Some(
            body.iter()
                .map(|&r| {
                    let bad = || DataError::BadYear {
                        row: grid.sheet_row(r),
                        column: header_texts[c].clone(),
                        text: grid.text(r, c),
                    };
                    match grid.get(r, c) {
                        Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e6 => Ok(*x as i32),
                        Data::Int(i) => i32::try_from(*i).map_err(|_| bad()),
                        Data::String(s) => s.trim().parse().map_err(|_| bad()),
                        _ => Err(bad()),
                    }
                })
                .collect::<Result<Vec<i32>, DataError>>()?,
        ),
        None => match options.year {
            Some(y) => Some(vec![y; units.len()]),
            None if definition.is_some_and(|d| !d.file().editions.is_empty()) => {
                return Err(DataError::NoYear { sheet: sheet.into(), year_column: options.year_column.clone() })
            }
            None => None,
        },
    };
    // A unit twice in one year, named by its sheet rows (Dataset::new would give data rows).
    let mut first_row: HashMap<(&str, Option<i32>), usize> = HashMap::with_capacity(units.len());
    for (i, unit) in units.iter().enumerate() {
        let year = years.as_ref().map(|y| y[i]);
        if let Some(j) = first_row.insert((unit.as_str(), year), i) {
            return Err(cell_error(
                grid,
                body[i],
                unit_col,
                &header_texts,
                format!("'{unit}' is also on row {}; each unit once per year", grid.sheet_row(body[j])),
            ));
        }
    }
    let mut dataset = Dataset::new(units.clone(), years)?;
    for (name, cells) in &data_columns {
        dataset.add_cells(name, cells)?;
    }
    dataset.set_limits(limits);

    // Rows below the table, as notes.
    let mut below = 0;
    for r in end..height {
        if grid.row_is_empty(r, width) {
            continue;
        }
        below += 1;
        if notes.len() >= MAX_NOTES {
            continue;
        }
        let unit = grid.text(r, unit_col);
        let what = if key(&unit) == unit_key
            || (0..width).any(|c| c != unit_col && !header_texts[c].is_empty() && grid.text(r, c) == header_texts[c])
        {
            "a repeated header".to_owned()
        } else if is_summary_label(&unit) {
            format!("a summary row ('{unit}')")
        } else if !unit.is_empty() && unit_set.contains(resolve(&unit).as_str()) {
            format!("a repeated row of '{unit}'")
        } else if unit.is_empty() {
            let first = (0..width).map(|c| grid.text(r, c)).find(|t| !t.is_empty()).unwrap_or_default();
            format!("a row without a unit name ('{first}' …)")
        } else {
            format!("a row of '{unit}'")
        };
        notes.push(SheetNote {
            row: grid.sheet_row(r),
            text: format!("row {}: {what} below the table; not scored", grid.sheet_row(r)),
        });
    }
    if below > MAX_NOTES {
        notes.push(SheetNote { row: 0, text: format!("{} more rows below the table; not scored", below - MAX_NOTES) });
    }
    Ok(SheetData { dataset, sheet: sheet.into(), columns, unit_aliases, notes })
}

fn text_of(data: &Data) -> String {
    match data {
        Data::DateTime(d) => date_text(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) | Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn cell_error(grid: &Grid<'_>, row: usize, col: usize, headers: &[String], message: String) -> DataError {
    let header = headers.get(col).filter(|h| !h.is_empty()).cloned().unwrap_or_else(|| grid.letter(col));
    DataError::SheetCell {
        sheet: grid.sheet.into(),
        cell: grid.cell(row, col),
        row: grid.sheet_row(row),
        column: header,
        message,
    }
}

/// A merged cell in the header row hides the headers of all but its first column.
fn check_merged_header(grid: &Grid<'_>, merged: &[Dimensions], header: usize, width: usize) -> Result<(), DataError> {
    let (r0, c0) = grid.origin();
    let row = (r0 + header) as u32;
    for m in merged {
        let spans_columns = m.end.1 > m.start.1;
        if m.start.0 <= row && row <= m.end.0 && spans_columns && (m.start.1 as usize) < c0 + width {
            let col = (m.start.1 as usize).saturating_sub(c0);
            let cells =
                format!("{}{}:{}{}", letter(m.start.1 as usize), m.start.0 + 1, letter(m.end.1 as usize), m.end.0 + 1);
            let header_text = grid.text(header, col);
            return Err(DataError::SheetCell {
                sheet: grid.sheet.into(),
                cell: cells.clone(),
                row: row as usize + 1,
                column: if header_text.is_empty() { letter(m.start.1 as usize) } else { header_text },
                message: format!("the header cells {cells} are merged, so {} columns share one header; unmerge them and give each column its own header", m.end.1 - m.start.1 + 1),
            });
        }
    }
    Ok(())
}

/// Writes scores as a formatted workbook: a sheet for the headline (score, rank, out of, tier,
/// change since the unit's previous year in the results; each year's units by rank), one per
/// further node level (the same row order), and
/// `About` naming the spec and the edition of each year. Scores are shown at the index's
/// precision; each cell keeps the full value. Headers are node ids, so the workbook reads
/// back with [`read_sheet`] to the same numbers.
pub fn write_scores(scores: &Scores, definition: &IndexDefinition, source: Option<&str>) -> Result<Vec<u8>, DataError> {
    let out =
        |e: rust_xlsxwriter::XlsxError| DataError::Workbook { message: format!("cannot write the workbook: {e}") };
    let mut years: Vec<Option<i32>> = scores.rows.iter().map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    // Each node's level and labels, from the edition of the first year that has it.
    let mut level: HashMap<String, usize> = HashMap::new();
    let mut labels: Vec<(String, usize, String, String, f64)> = Vec::new();
    let mut editions = Vec::new();
    for &year in &years {
        let spec = definition.resolve(year).map_err(|e| DataError::Workbook { message: e.to_string() })?;
        editions.push((year, spec.edition(), spec.precision()));
        for n in spec.nodes() {
            if !level.contains_key(&n.id) {
                level.insert(n.id.clone(), n.depth);
                labels.push((n.id.clone(), n.depth, n.label.en.clone(), n.label.vi.clone(), n.weight));
            }
        }
    }
    let precision = scores.precision as usize;
    let number = if precision == 0 { "0".to_owned() } else { format!("0.{}", "0".repeat(precision)) };
    let score_format = Format::new().set_num_format(&number);
    let change_format = Format::new().set_num_format(format!("+{number};-{number};{number}"));
    let rank_change_format = Format::new().set_num_format("+0;-0;0");
    let bold = Format::new().set_bold().set_align(FormatAlign::Center).set_text_wrap();

    let mut book = Workbook::new();
    let root = definition.file().root.clone();
    // Change since each unit's previous year in the results.
    let mut by_unit: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in scores.rows.iter().enumerate() {
        by_unit.entry(r.unit.as_str()).or_default().push(i);
    }
    let previous = |i: usize| -> Option<usize> {
        let row = &scores.rows[i];
        let year = row.year?;
        by_unit[row.unit.as_str()]
            .iter()
            .copied()
            .filter(|&j| scores.rows[j].year.is_some_and(|y| y < year))
            .max_by_key(|&j| scores.rows[j].year)
    };
    let has_changes = (0..scores.rows.len()).any(|i| previous(i).is_some());

    let sheet = book.add_worksheet().set_name("Index").map_err(out)?;
    let mut headers = vec!["unit".to_owned(), "year".into(), root.clone(), format!("{root}_rank"), "out_of".into()];
    if scores.has_tiers {
        headers.extend(["tier".to_owned(), "tier_vi".into()]);
    }
    if has_changes {
        headers.extend([format!("{root}_change"), format!("{root}_rank_change")]);
    }
    write_headers(sheet, &headers, &bold).map_err(out)?;
    // As published: each year's units by rank.
    let mut order: Vec<usize> = (0..scores.rows.len()).collect();
    order.sort_by_key(|&i| (scores.rows[i].year, scores.rows[i].rank));
    for (k, &i) in order.iter().enumerate() {
        let r = &scores.rows[i];
        let row = (k + 1) as u32;
        unit_year(sheet, row, &r.unit, r.year).map_err(out)?;
        sheet.write_number_with_format(row, 2, r.score, &score_format).map_err(out)?;
        sheet.write_number(row, 3, r.rank).map_err(out)?;
        sheet.write_number(row, 4, r.out_of).map_err(out)?;
        let mut col = 5;
        if scores.has_tiers {
            if let Some(t) = &r.tier {
                sheet.write_string(row, col, &t.label.en).map_err(out)?;
                sheet.write_string(row, col + 1, &t.label.vi).map_err(out)?;
            }
            col += 2;
        }
        if let Some(p) = previous(i) {
            let before = &scores.rows[p];
            sheet.write_number_with_format(row, col, r.score - before.score, &change_format).map_err(out)?;
            let places = i64::from(before.rank) - i64::from(r.rank);
            sheet.write_number_with_format(row, col + 1, places as f64, &rank_change_format).map_err(out)?;
        }
    }
    finish(sheet, &headers);

    let deepest = level.values().copied().max().unwrap_or(0);
    for depth in 1..=deepest {
        let ids: Vec<&str> = labels.iter().filter(|l| l.1 == depth).map(|l| l.0.as_str()).collect();
        let sheet = book.add_worksheet().set_name(format!("Level {depth}")).map_err(out)?;
        let mut headers = vec!["unit".to_owned(), "year".into()];
        for id in &ids {
            headers.extend([(*id).to_owned(), format!("{id}_rank")]);
        }
        write_headers(sheet, &headers, &bold).map_err(out)?;
        for (k, &i) in order.iter().enumerate() {
            let (r, row) = (&scores.rows[i], (k + 1) as u32);
            unit_year(sheet, row, &r.unit, r.year).map_err(out)?;
            let components: HashMap<&str, (f64, u32)> =
                r.components.iter().map(|c| (c.id.as_str(), (c.score, c.rank))).collect();
            for (k, id) in ids.iter().enumerate() {
                if let Some(&(score, rank)) = components.get(id) {
                    let col = (2 + 2 * k) as u16;
                    sheet.write_number_with_format(row, col, score, &score_format).map_err(out)?;
                    sheet.write_number(row, col + 1, rank).map_err(out)?;
                }
            }
        }
        finish(sheet, &headers);
    }

    let about = book.add_worksheet().set_name("About").map_err(out)?;
    let label = definition.label();
    let mut lines: Vec<(String, String)> = vec![
        ("index".into(), definition.id().to_owned()),
        ("name".into(), label.en.clone()),
        ("name_vi".into(), label.vi.clone()),
        ("precision".into(), format!("{} decimals shown; every cell keeps the full value", scores.precision)),
        ("written by".into(), format!("chiso {}", env!("CARGO_PKG_VERSION"))),
    ];
    if let Some(source) = source {
        lines.push(("source".into(), source.to_owned()));
    }
    for (year, edition, _) in &editions {
        let year = year.map_or_else(|| "any year".to_owned(), |y| y.to_string());
        let edition =
            edition.map_or_else(|| "the only edition".to_owned(), |e| format!("the edition of {}–{}", e.from, e.to));
        lines.push((format!("edition for {year}"), edition));
    }
    if !scores.dropped.is_empty() {
        lines.push(("not scored".into(), format!("{} rows (listed below)", scores.dropped.len())));
    }
    write_headers(about, &["item".to_owned(), "value".into()], &bold).map_err(out)?;
    let mut row = 1;
    for (k, v) in &lines {
        about.write_string(row, 0, k).map_err(out)?;
        about.write_string(row, 1, v).map_err(out)?;
        row += 1;
    }
    row += 1;
    for (c, h) in ["node", "level", "label", "label_vi", "weight"].iter().enumerate() {
        about.write_string_with_format(row, c as u16, *h, &bold).map_err(out)?;
    }
    for (id, depth, en, vi, weight) in &labels {
        row += 1;
        about.write_string(row, 0, id).map_err(out)?;
        about.write_number(row, 1, *depth as f64).map_err(out)?;
        about.write_string(row, 2, en).map_err(out)?;
        about.write_string(row, 3, vi).map_err(out)?;
        about.write_number(row, 4, *weight).map_err(out)?;
    }
    if !scores.dropped.is_empty() {
        row += 2;
        for (c, h) in ["not scored: row", "unit", "year", "reason"].iter().enumerate() {
            about.write_string_with_format(row, c as u16, *h, &bold).map_err(out)?;
        }
        for d in &scores.dropped {
            row += 1;
            about.write_number(row, 0, d.row as f64).map_err(out)?;
            about.write_string(row, 1, &d.unit).map_err(out)?;
            if let Some(y) = d.year {
                about.write_number(row, 2, y).map_err(out)?;
            }
            about.write_string(row, 3, &d.reason).map_err(out)?;
        }
    }
    about.set_column_width(0, 22).map_err(out)?;
    about.set_column_width(1, 40).map_err(out)?;
    book.save_to_buffer().map_err(out)
}

fn write_headers(sheet: &mut Worksheet, headers: &[String], bold: &Format) -> Result<(), rust_xlsxwriter::XlsxError> {
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, bold)?;
    }
    Ok(())
}

fn unit_year(sheet: &mut Worksheet, row: u32, unit: &str, year: Option<i32>) -> Result<(), rust_xlsxwriter::XlsxError> {
    sheet.write_string(row, 0, unit)?;
    if let Some(y) = year {
        sheet.write_number(row, 1, y)?;
    }
    Ok(())
}

/// Header row frozen, columns wide enough for their headers.
fn finish(sheet: &mut Worksheet, headers: &[String]) {
    let _ = sheet.set_freeze_panes(1, 1);
    let _ = sheet.set_column_width(0, 24);
    for (c, h) in headers.iter().enumerate().skip(1) {
        let _ = sheet.set_column_width(c as u16, (h.chars().count() + 2).clamp(8, 30) as f64);
    }
}
