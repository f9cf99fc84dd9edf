//! The input every command reads: a CSV file (or standard input) or a sheet of a workbook.
//!
//! A workbook's sheet goes through the core's reader (`chiso::io::xlsx`), which matches its
//! headers to the spec's nodes and its unit names through the spec's aliases; what it decided
//! (aliases used, rows below the table left out) is printed to standard error.

use std::io::Read;
use std::path::{Path, PathBuf};

use chiso::io::xlsx::{read_sheet_path, SheetOptions};
use chiso::{CsvOptions, Dataset, IndexDefinition};

/// Where the data comes from.
#[derive(clap::Args)]
pub struct Input {
    /// Preset id (e.g. `pci`) or path to a JSON/TOML specification.
    #[arg(long)]
    pub index: String,
    /// CSV file (`,` with `.` decimals, or `;` with decimal commas), `-` for standard input,
    /// or a workbook (.xlsx, .xlsm, .xls, .ods; give the year with --year when the sheet has no
    /// year column).
    #[arg(long)]
    pub input: PathBuf,
    /// The workbook's sheet (default: its first).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Column with the unit names.
    #[arg(long, default_value = "unit")]
    pub unit_column: String,
    /// Column with the years.
    #[arg(long, default_value = "year")]
    pub year_column: String,
}

/// Whether a path names a workbook rather than CSV.
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["xlsx", "xlsm", "xls", "ods"].iter().any(|w| e.eq_ignore_ascii_case(w)))
}

/// Reads the data of a command: headers matched to the definition's nodes, `year` the year of
/// a sheet without a year column.
pub fn load(input: &Input, definition: &IndexDefinition, year: Option<i32>) -> Result<Dataset, chiso::Error> {
    read(&input.input, &input.unit_column, &input.year_column, input.sheet.as_deref(), year, Some(definition))
}

/// Reads CSV or a workbook's sheet.
pub fn read(
    path: &Path,
    unit_column: &str,
    year_column: &str,
    sheet: Option<&str>,
    year: Option<i32>,
    definition: Option<&IndexDefinition>,
) -> Result<Dataset, chiso::Error> {
    if is_workbook(path) {
        let options = SheetOptions {
            sheet: sheet.map(str::to_owned),
            unit_column: unit_column.into(),
            year_column: year_column.into(),
            year,
            ..Default::default()
        };
        let read = read_sheet_path(path, &options, definition)?;
        if !read.unit_aliases.is_empty() {
            let pairs: Vec<String> =
                read.unit_aliases.iter().map(|a| format!("'{}' as '{}'", a.written, a.unit)).collect();
            eprintln!(
                "chiso: note: sheet '{}': {} unit names read through the spec's aliases: {}",
                read.sheet,
                pairs.len(),
                pairs.join(", ")
            );
        }
        for note in &read.notes {
            eprintln!("chiso: note: sheet '{}': {}", read.sheet, note.text);
        }
        return Ok(read.dataset);
    }
    if let Some(sheet) = sheet {
        return Err(chiso::ComputeError::InvalidTarget {
            message: format!("--sheet '{sheet}' applies to workbooks (.xlsx, .xls, .ods), not to '{}'", path.display()),
        }
        .into());
    }
    let options = CsvOptions { unit_column: unit_column.into(), year_column: year_column.into(), ..Default::default() };
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| chiso::DataError::Unreadable { path: "standard input".into(), message: e.to_string() })?;
        return Ok(Dataset::from_csv_bytes(&bytes, &options)?);
    }
    Ok(Dataset::from_csv_path(path, &options)?)
}
