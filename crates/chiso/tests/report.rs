//! The province report in both languages and both formats.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chiso::plan::Target;
use chiso::report::{report, ReportFormat};
use chiso::{presets, CsvOptions, Dataset};

fn data() -> Dataset {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/pci/pci_subindices.csv");
    Dataset::from_csv_path(path, &CsvOptions { unit_column: "province".into(), ..CsvOptions::default() }).unwrap()
}

#[test]
fn markdown_reads_like_the_press_releases_in_both_languages() {
    let pci = presets::get("pci").unwrap();
    let vi = report(&pci, &data(), "Nam Định", Some(2016), None, "vi", ReportFormat::Markdown).unwrap();
    assert!(vi.starts_with("# PCI 2016 — Nam Định\n"), "{vi}");
    assert!(
        vi.contains("Nam Định đạt 58,54 điểm, xếp hạng 30/63 (nhóm: Khá); -1,08 điểm và -13 bậc so với 2015."),
        "{vi}"
    );
    assert!(vi.contains("| Thiết chế pháp lý | 5% | 3,86 | 63 | -2,14 | -39 | 5,50 | 7,16 |"), "{vi}");
    assert!(vi.contains("Để vào nhóm 10: cần tăng tổng cộng 1,31 (PCI đạt 61,17), hạng 10."), "{vi}");
    let en =
        report(&pci, &data(), "Nam Định", Some(2016), Some(Target::Gain(5)), "en", ReportFormat::Markdown).unwrap();
    assert!(
        en.contains(
            "Nam Định scored 58.54 points, rank 30/63 (tier: Fairly good); -1.08 points and -13 places on 2015."
        ),
        "{en}"
    );
    assert!(en.contains("To reach a gain of 5 places"), "{en}");
    assert!(!en.contains("điểm"), "no Vietnamese words in the English report");
}

#[test]
fn html_has_both_charts_and_no_undefined_numbers() {
    let pci = presets::get("pci").unwrap();
    let html = report(&pci, &data(), "Đà Nẵng", Some(2016), None, "en", ReportFormat::Html).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert_eq!(html.matches("<svg").count(), 2);
    assert!(html.contains("class=\"radar\"") && html.contains("class=\"bars\""));
    // Already first: the top-10 target is met with no gain.
    assert!(html.contains("rank 1."), "{html}");
    assert!(!html.contains("NaN") && !html.contains("inf"));
}
