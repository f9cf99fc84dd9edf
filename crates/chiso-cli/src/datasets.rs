//! `chiso datasets` (the published tables bundled with chiso, by name) and `chiso schema`
//! (the JSON Schema of spec files): printing only, the tables and their descriptions are the
//! core's (`chiso::datasets`, `chiso::spec::schema`).

use chiso::datasets::{self, DatasetInfo};
use clap::{Subcommand, ValueEnum};

/// `chiso datasets show NAME`.
#[derive(Subcommand)]
pub enum Action {
    /// One dataset: its description, source, licence and columns, or the table itself.
    Show {
        /// The dataset's name (`chiso datasets` lists them).
        name: String,
        /// `table` (the description and columns), `csv` (the table as shipped) or `json` (the
        /// description).
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
}

/// How `chiso datasets` prints.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text.
    Table,
    /// The CSV file as shipped (`show` only).
    Csv,
    /// The descriptions as JSON.
    Json,
}

/// `chiso datasets [--format table|json]` and `chiso datasets show NAME [--format ...]`.
pub fn run(action: Option<Action>, format: Format) -> Result<String, chiso::Error> {
    match action {
        None => match format {
            Format::Table => Ok(list()),
            Format::Json => Ok(json(&datasets::list())),
            Format::Csv => Err(chiso::ComputeError::InvalidTarget {
                message: "--format csv prints one table: chiso datasets show NAME --format csv".into(),
            }
            .into()),
        },
        Some(Action::Show { name, format }) => {
            let bundled = datasets::load(&name)?;
            Ok(match format {
                Format::Table => show(bundled.info()),
                Format::Csv => bundled.csv().to_owned(),
                Format::Json => json(bundled.info()),
            })
        }
    }
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

fn list() -> String {
    let mut out = String::new();
    for info in datasets::list() {
        out.push_str(&format!("{}  ({} rows)  {}\n", info.name, info.rows, info.title));
        out.push_str(&format!("    source:  {}\n    licence: {}\n\n", info.source, info.licence));
    }
    out.push_str("chiso datasets show NAME: its description and columns; --format csv: the table itself\n");
    out
}

fn show(info: &DatasetInfo) -> String {
    let mut out = format!(
        "{}: {}\n\n{}\n\nrows:    {}\nsource:  {}\nlicence: {}\n\n",
        info.name, info.title, info.description, info.rows, info.source, info.licence
    );
    let header = ["column".to_owned(), "description".to_owned()];
    let rows: Vec<Vec<String>> =
        info.columns.iter().map(|c| vec![c.name.to_owned(), c.description.to_owned()]).collect();
    out.push_str(&crate::output::render(&header, &rows, &[false, false]));
    out
}
