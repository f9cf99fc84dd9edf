//! Writes the spreadsheets the tests read (`tests/data/xlsx/`): a copy of each PCI workbook's
//! summary sheet as VCCI published it (cells, numbers stored as text, formulas with their saved
//! results, rows below the table), and the bad inputs of the catalogue
//! (`tests/bad_inputs/xlsx/`). The encrypted workbook is made from `plain.xlsx` with
//! msoffcrypto-tool (`msoffcrypto-tool -e -p chiso plain.xlsx password.xlsx`), which Rust cannot do.
//!
//! `cargo run -p chiso --example make_xlsx_fixtures -- ../shared/data/pci/workbooks`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use calamine::{open_workbook_auto, Data, Reader};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Rewrites the XML of every worksheet of a workbook file.
fn rewrite_sheets(from: &Path, to: &Path, mut edit: impl FnMut(&str) -> String) {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().to_owned();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
            content = edit(&String::from_utf8(content).unwrap()).into_bytes();
        }
        out.start_file(name, options).unwrap();
        out.write_all(&content).unwrap();
    }
    out.finish().unwrap();
}

/// The `<dimension .../>` element of a sheet's XML, if any.
fn dimension(xml: &str) -> Option<(usize, usize)> {
    let start = xml.find("<dimension ")?;
    Some((start, start + xml[start..].find("/>")? + 2))
}

/// The summary sheet of `workbook`, copied cell by cell into a one-sheet workbook. A sheet
/// whose `<dimension>` has rows only (LibreOffice's, VCCI 2014) is read without it, and the
/// copy gets the same defect back, so that the tests read it as published.
fn copy_summary(workbook: &Path, sheet: &str, out: &Path) {
    let mut row_only = None;
    let tmp = std::env::temp_dir().join("chiso-fixture-repaired.xlsx");
    rewrite_sheets(workbook, &tmp, |xml| match dimension(xml) {
        Some((a, b)) => {
            if !xml[a..b].chars().any(|c| c.is_ascii_uppercase()) {
                row_only.get_or_insert_with(|| xml[a..b].to_owned());
            }
            format!("{}{}", &xml[..a], &xml[b..])
        }
        None => xml.to_owned(),
    });
    let mut book = open_workbook_auto(&tmp).unwrap();
    let values = book.worksheet_range(sheet).unwrap();
    let formulas = book.worksheet_formula(sheet).unwrap();
    let mut copy = Workbook::new();
    let target = copy.add_worksheet().set_name(sheet).unwrap();
    for (r, c, value) in values.used_cells() {
        let (r0, c0) = values.start().unwrap();
        let (row, col) = (r0 + r as u32, (c0 + c as u32) as u16);
        let formula = formulas.get_value((row, col as u32)).filter(|f| !f.is_empty());
        let result = match value {
            Data::Float(x) => x.to_string(),
            Data::Int(i) => i.to_string(),
            Data::String(s) => s.clone(),
            _ => String::new(),
        };
        if let Some(f) = formula {
            target.write_formula(row, col, Formula::new(format!("={f}")).set_result(result)).unwrap();
            continue;
        }
        match value {
            Data::Float(x) => target.write_number(row, col, *x).unwrap(),
            Data::Int(i) => target.write_number(row, col, *i as f64).unwrap(),
            Data::String(s) => target.write_string(row, col, s).unwrap(),
            Data::Bool(b) => target.write_boolean(row, col, *b).unwrap(),
            other => panic!("{}: unexpected cell {other:?} at {row},{col}", workbook.display()),
        };
    }
    copy.save(out).unwrap();
    if let Some(defect) = row_only {
        let tmp = std::env::temp_dir().join("chiso-fixture-defect.xlsx");
        rewrite_sheets(out, &tmp, |xml| match dimension(xml) {
            Some((a, b)) => format!("{}{defect}{}", &xml[..a], &xml[b..]),
            None => xml.to_owned(),
        });
        std::fs::copy(&tmp, out).unwrap();
    }
}

const HEADER: [&str; 12] = [
    "Province",
    "Rank",
    "Sub-Index 1: Entry Costs",
    "Sub-Index 2: Land Access & Tenure",
    "Sub-Index 3: Transparency",
    "Sub-Index 4: Time Costs",
    "Sub-Index 5: Informal Charges",
    "Sub-Index 6: Policy Bias",
    "Sub-Index 7: Proactivity",
    "Sub-Index 8: Business Support Services",
    "Sub-Index 9: Labor Policy",
    "Sub-Index 10: Law & Order",
];

/// A small valid sheet in VCCI's 2018 layout: three provinces.
fn small(book: &mut Workbook) -> &mut rust_xlsxwriter::Worksheet {
    let sheet = book.add_worksheet().set_name("Summary").unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [("An Giang", 6.96), ("BRVT", 7.57), ("Bac Giang", 7.34)];
    for (r, (unit, v)) in rows.iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_string(row, 0, *unit).unwrap();
        sheet.write_number(row, 1, row).unwrap();
        for c in 2..12u16 {
            sheet.write_number(row, c, v - f64::from(c) / 10.0).unwrap();
        }
    }
    sheet
}

fn bad_inputs(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let mut book = Workbook::new();
    small(&mut book);
    book.save(dir.join("plain.xlsx")).unwrap();

    let mut book = Workbook::new();
    let sheet = small(&mut book);
    sheet.merge_range(0, 4, 0, 5, "Sub-Index 3: Transparency", &Format::new()).unwrap();
    book.save(dir.join("merged_header.xlsx")).unwrap();

    let mut book = Workbook::new();
    let sheet = small(&mut book);
    sheet.set_formula_result_default("");
    sheet.write_formula(2, 4, Formula::new("=E2*1.1")).unwrap();
    book.save(dir.join("formula_without_result.xlsx")).unwrap();

    let mut book = Workbook::new();
    let sheet = small(&mut book);
    let date = ExcelDateTime::from_ymd(2018, 7, 6).unwrap();
    sheet.write_datetime_with_format(3, 5, &date, &Format::new().set_num_format("yyyy-mm-dd")).unwrap();
    book.save(dir.join("date_in_numbers.xlsx")).unwrap();

    let mut book = Workbook::new();
    book.add_worksheet().set_name("Summary").unwrap();
    book.save(dir.join("empty_sheet.xlsx")).unwrap();

    // Not a bad input: a formula with its saved result inside the table is read as its value.
    let mut book = Workbook::new();
    let sheet = small(&mut book);
    sheet.write_formula(2, 4, Formula::new("=E2+0.5").set_result("7.25")).unwrap();
    book.save(dir.join("formula_with_result.xlsx")).unwrap();
}

fn main() {
    let workbooks = std::env::args().nth(1).map_or_else(|| root().join("../shared/data/pci/workbooks"), PathBuf::from);
    let out = root().join("tests/data/xlsx");
    std::fs::create_dir_all(&out).unwrap();
    for year in 2013..=2018 {
        let sheet = if (2014..=2016).contains(&year) { "Summary_VN" } else { "Summary" };
        let name = format!("PCI_{year}_summary.xlsx");
        copy_summary(&workbooks.join(format!("PCI_{year}.xlsx")), sheet, &out.join(&name));
        println!("wrote tests/data/xlsx/{name}");
    }
    bad_inputs(&root().join("tests/bad_inputs/xlsx"));
    println!("wrote tests/bad_inputs/xlsx/");
}
