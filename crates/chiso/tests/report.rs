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

/// A unit name and labels written to attack the page or the Markdown table they land in.
const HOSTILE_UNIT: &str = "<img src=x onerror=alert(1)> | `x` [a](javascript:alert(2))";
const HOSTILE_SPEC: &str = r#"{"id": "<script>alert(3)</script>", "root": "t", "nodes": [
  {"id": "t", "children": ["a", "b", "c"]},
  {"id": "a", "label": {"vi": "<b onmouseover=\"alert(4)\">A</b>", "en": "a' onload='alert(5)"}},
  {"id": "b", "label": {"vi": "B|B\nnew line", "en": "B|B\nnew line"}},
  {"id": "c"}]}"#;

fn hostile_data() -> Dataset {
    let csv = format!(
        "unit,a,b,c\n\"{HOSTILE_UNIT}\",1,2,3\nHà Nội,4,5,6\nHuế,7,8,9\n\"</svg><script>alert(6)</script>\",2,2,2\n"
    );
    Dataset::from_csv_str(&csv, &CsvOptions::default()).unwrap()
}

#[test]
fn html_escapes_every_name_and_label() {
    let spec = chiso::IndexDefinition::from_json(HOSTILE_SPEC).unwrap();
    for (unit, lang) in [(HOSTILE_UNIT, "vi"), (HOSTILE_UNIT, "en"), ("</svg><script>alert(6)</script>", "en")] {
        let html = report(&spec, &hostile_data(), unit, None, Some(Target::Rank(1)), lang, ReportFormat::Html).unwrap();
        // No tag, attribute or script from the input survives: every '<' in the page is the
        // report's own markup.
        for bad in ["<img", "<script", "</script", "<b ", "=\"alert", "='alert"] {
            assert!(!html.contains(bad), "{lang}: {bad} in\n{html}");
        }
        let tags: Vec<&str> = html.split('<').skip(1).map(|t| t.split([' ', '>', '/']).next().unwrap()).collect();
        let allowed = [
            "", "!doctype", "html", "head", "meta", "title", "style", "body", "article", "h1", "h2", "p", "div", "svg",
            "polygon", "text", "tspan", "rect", "line", "table", "thead", "tbody", "tr", "th", "td", "ul", "li",
        ];
        assert!(tags.iter().all(|t| allowed.contains(t)), "{lang}: {tags:?}");
        let shown = if unit == HOSTILE_UNIT {
            "&lt;img src=x onerror=alert(1)&gt; | `x` [a](javascript:alert(2))"
        } else {
            "&lt;/svg&gt;&lt;script&gt;alert(6)&lt;/script&gt;"
        };
        assert!(html.contains(&format!("<h1>&lt;SCRIPT&gt;ALERT(3)&lt;/SCRIPT&gt;  — {shown}</h1>")), "{html}");
        assert!(html.contains(&format!("<title>&lt;SCRIPT&gt;ALERT(3)&lt;/SCRIPT&gt;  — {shown}</title>")));
        let label_a = if lang == "vi" {
            "&lt;b onmouseover=&quot;alert(4)&quot;&gt;A&lt;/b&gt;"
        } else {
            "a&#39; onload=&#39;alert(5)"
        };
        assert!(html.contains(&format!("<td>{label_a}</td>")), "{html}");
        // Chart labels: the radar and bar labels of the same sub-index.
        assert_eq!(html.matches(&format!(">{label_a}</text>")).count(), 2, "{html}");
    }
}

#[test]
fn markdown_tables_keep_their_columns_whatever_the_names() {
    let spec = chiso::IndexDefinition::from_json(HOSTILE_SPEC).unwrap();
    let md = report(&spec, &hostile_data(), HOSTILE_UNIT, None, Some(Target::Rank(1)), "en", ReportFormat::Markdown)
        .unwrap();
    let unit = r"\<img src=x onerror=alert(1)\> \| \`x\` \[a\](javascript:alert(2))";
    assert!(md.starts_with(&format!(r"# \<SCRIPT\>ALERT(3)\</SCRIPT\>  — {unit}")), "{md}");
    // Every table row has its 8 (sub-indices) or 4 (plan) cells: no escaped '|' counts.
    for row in md.lines().filter(|l| l.starts_with('|')) {
        let cells = row.replace(r"\|", "").matches('|').count() - 1;
        assert!(cells == 8 || cells == 4, "{cells} cells: {row}\n{md}");
    }
    assert!(md.contains(r"| B\|B new line | "), "{md}");
    assert!(md.contains("| a' onload='alert(5) | "), "{md}");
    // Every '<' is escaped (so no HTML tag), and no name breaks a line.
    assert!(!md.replace(r"\<", "").contains('<') && !md.contains("\nnew line"), "{md}");
}
