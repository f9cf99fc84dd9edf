//! `chiso diagnose --level indicators` and `chiso plan --level indicators`: tables of the
//! indicator-level diagnosis and plan (`chiso::indicators`), indicators named as the spec
//! labels them (PCI: as VCCI printed them that year).

use chiso::display::{format_decimal, format_delta};
use chiso::indicators::{IndicatorPlan, IndicatorsDiagnosis};

use crate::output::{csv_text, render};

/// Which level `diagnose` and `plan` work on.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Level {
    /// The root's children (PCI: the ten sub-indices).
    SubIndices,
    /// The indicators below them (raw values; e.g. the `pci_indicators` preset).
    Indicators,
}

fn code(vi: bool) -> &'static str {
    if vi {
        "vi"
    } else {
        "en"
    }
}

/// Raw indicator values: shares, days and ratings alike, so three decimals.
fn value(x: f64, vi: bool) -> String {
    format_decimal(x, 3, vi)
}

pub fn diagnosis_table(d: &IndicatorsDiagnosis, vi: bool) -> String {
    let year = d.year.map(|y| y.to_string()).unwrap_or_default();
    let points = |x: f64| format_decimal(x, 2, vi);
    let mut out = if vi {
        format!(
            "{} {year} — {}: {} điểm, hạng {}/{}",
            d.index.to_uppercase(),
            d.unit,
            points(d.score),
            d.rank,
            d.out_of
        )
    } else {
        format!(
            "{} {year} — {}: {} points, rank {}/{}",
            d.index.to_uppercase(),
            d.unit,
            points(d.score),
            d.rank,
            d.out_of
        )
    };
    out.push_str(if vi {
        "\nChỉ tiêu: giá trị gốc; điểm = phần đóng góp vào chỉ số tổng hợp; lợi = điểm tổng hợp tăng thêm nếu đạt mức tốt nhất\n\n"
    } else {
        "\nIndicators: raw values; points = contribution to the composite; gain = composite points at the best value\n\n"
    });
    let header: Vec<String> = if vi {
        ["Mã", "Giá trị", "Trung vị", "Tốt nhất", "Thay đổi", "Điểm", "Lợi", "Chỉ tiêu"]
    } else {
        ["Id", "Value", "Median", "Best", "Change", "Points", "Gain", "Indicator"]
    }
    .map(String::from)
    .to_vec();
    let rows: Vec<Vec<String>> = d
        .indicators
        .iter()
        .map(|i| {
            vec![
                i.id.clone(),
                value(i.value, vi),
                value(i.median, vi),
                value(i.best, vi),
                i.change.map_or_else(|| "—".into(), |c| format_delta(c, 3, vi)),
                i.contribution_to_composite.map_or_else(|| "—".into(), points),
                points(i.gain_to_best),
                i.label.get(code(vi)).to_owned(),
            ]
        })
        .collect();
    out.push_str(&render(&header, &rows, &[false, true, true, true, true, true, true, false]));
    let name = |id: &String| {
        d.indicators.iter().find(|i| &i.id == id).map_or(id.clone(), |i| format!("{} ({id})", i.label.get(code(vi))))
    };
    let weakest: Vec<String> = d.weakest.iter().take(5).map(name).collect();
    out.push_str(&if vi {
        format!("\nLợi nhiều nhất nếu đạt mức tốt nhất: {}\n", weakest.join("; "))
    } else {
        format!("\nMost to gain at the best value: {}\n", weakest.join("; "))
    });
    if let Some(py) = d.previous_year {
        let fell: Vec<String> = d
            .fell
            .iter()
            .take(5)
            .map(|id| {
                let effect = d.indicators.iter().find(|i| &i.id == id).and_then(|i| i.change_effect).unwrap_or(0.0);
                format!("{} {}", name(id), format_delta(effect, 2, vi))
            })
            .collect();
        out.push_str(&if vi {
            format!("Giảm so với {py} (điểm tổng hợp mất đi): {}\n", fell.join("; "))
        } else {
            format!("Fell since {py} (composite points lost): {}\n", fell.join("; "))
        });
    }
    out
}

pub fn plan_table(p: &IndicatorPlan, vi: bool) -> String {
    let points = |x: f64| format_decimal(x, 2, vi);
    let t = |v: &'static str, e: &'static str| if vi { v } else { e };
    let head = format!("{} {}", p.unit, p.year.map(|y| y.to_string()).unwrap_or_default());
    let mut out = if p.reachable {
        format!(
            "{head}: {} → {} {}, {} {} → {}/{} ({} {}; {} {})\n\n",
            points(p.score_now),
            points(p.score_planned),
            t("điểm", "points"),
            t("hạng", "rank"),
            p.rank_now,
            p.rank_planned,
            p.out_of,
            t("cần", "needs"),
            points(p.threshold),
            p.steps.len(),
            t("chỉ tiêu thay đổi", "indicators moved"),
        )
    } else {
        format!(
            "{head}: {} ({} {}); {} {} {}, {} {}/{}\n\n",
            t("không đạt được mục tiêu", "target not reachable"),
            t("cần", "needs"),
            points(p.threshold),
            t("tối đa", "at most"),
            points(p.score_planned),
            t("điểm", "points"),
            t("hạng tốt nhất", "best rank"),
            p.rank_planned,
            p.out_of
        )
    };
    let header: Vec<String> = if vi {
        ["Mã", "Hiện tại", "Kế hoạch", "Giới hạn", "Điểm", "Chỉ tiêu"]
    } else {
        ["Id", "Current", "Planned", "Bound", "Points", "Indicator"]
    }
    .map(String::from)
    .to_vec();
    let rows: Vec<Vec<String>> = p
        .steps
        .iter()
        .map(|s| {
            vec![
                s.id.clone(),
                value(s.current, vi),
                value(s.planned, vi),
                value(s.bound, vi),
                format_delta(s.points_per_unit * (s.planned - s.current).abs(), 2, vi),
                s.label.get(code(vi)).to_owned(),
            ]
        })
        .collect();
    out.push_str(&render(&header, &rows, &[false, true, true, true, true, false]));
    out
}

pub fn plan_csv(p: &IndicatorPlan, raw: bool) -> String {
    let header = ["node", "sub_index", "current", "planned", "bound", "points"].map(String::from).to_vec();
    let rows = p
        .steps
        .iter()
        .map(|s| {
            vec![
                s.id.clone(),
                s.sub_index.clone(),
                s.current.to_string(),
                s.planned.to_string(),
                s.bound.to_string(),
                (s.points_per_unit * (s.planned - s.current).abs()).to_string(),
            ]
        })
        .collect();
    csv_text(header, rows, raw)
}
