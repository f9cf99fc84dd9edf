//! A unit's profile as a page (Markdown or HTML with one inline SVG chart), in Vietnamese or
//! English, built from the report's pieces so that the CLI, Python and the browser print the
//! same text.

use std::fmt::Write;

use crate::display::format_decimal;
use crate::plan::Target;
use crate::profile::{Profile, ProfileRow, ScoreUnit, SourceKind, TargetOutcome};
use crate::report::{escape, escape_markdown, html_table, md_table, ReportFormat, Words, STYLE};

/// A score with its unit at the row's precision: `63,01 điểm`, `75.60 %`, `133.28/170 points`.
pub fn format_score(row: &ProfileRow, vi: bool) -> String {
    let Some(score) = row.score else { return "—".into() };
    let n = format_decimal(score, row.precision, vi);
    let points = if vi { "điểm" } else { "points" };
    match row.score_unit {
        ScoreUnit::Points => format!("{n} {points}"),
        ScoreUnit::Percent => format!("{n} %"),
        ScoreUnit::OfPoints(max) => format!("{n}/{} {points}", format_decimal(max, 0, vi)),
    }
}

/// A target as words.
fn target_text(target: &Target, w: &Words) -> String {
    match target {
        Target::Rank(n) => format!("{} {n}", w.t("vào nhóm", "the top")),
        Target::Score(s) => format!("{} {}", w.t("đạt", "a score of"), w.n(*s)),
        Target::Gain(k) => format!("{} {k} {}", w.t("tăng", "a gain of"), w.t("bậc", "places")),
    }
}

/// Renders a profile; `lang` is `"vi"` or `"en"` (anything else is English).
pub fn render(p: &Profile, lang: &str, format: ReportFormat) -> String {
    let w = Words { vi: lang == "vi" };
    let html = format == ReportFormat::Html;
    // Every string from the data (unit, labels, index ids, notes) goes through `esc`.
    let esc = |s: &str| if html { escape(s) } else { escape_markdown(s) };
    let title = format!("{} {} — {}", esc(&p.unit), p.year, w.t("các chỉ số", "across indices"));
    let dash = || "—".to_owned();
    let head = [
        w.t("Chỉ số", "Index"),
        w.t("Nguồn", "Source"),
        w.t("Điểm", "Score"),
        w.t("Hạng", "Rank"),
        w.t("Nhóm", "Tier"),
        &format!("{} {}", w.t("Thay đổi điểm so với", "Change in points on"), p.previous),
        w.t("Thay đổi hạng", "Change in places"),
    ];
    let rows: Vec<Vec<String>> = p
        .rows
        .iter()
        .map(|r| {
            vec![
                esc(r.label.get(lang)),
                match r.source {
                    SourceKind::FullTable => w.t("bảng đầy đủ", "full table").to_owned(),
                    SourceKind::Published => w.t("kết quả công bố", "published result").to_owned(),
                },
                format_score(r, w.vi),
                match (r.rank, r.out_of) {
                    (Some(rank), Some(n)) => format!("{rank}/{n}"),
                    (Some(rank), None) => rank.to_string(),
                    _ => dash(),
                },
                r.tier.as_ref().map_or_else(dash, |t| esc(t.get(lang))),
                r.score_change.map_or_else(dash, |x| crate::display::format_delta(x, r.precision, w.vi)),
                r.rank_change.map_or_else(dash, |x| format!("{x:+}")),
            ]
        })
        .collect();
    let mut notes: Vec<String> = Vec::new();
    for r in &p.rows {
        let label = esc(r.label.get(lang));
        if let Some(note) = &r.note {
            notes.push(format!("{label}: {}", esc(note)));
        }
        if let Some(weakest) = r.weakest.as_ref().filter(|w| !w.is_empty()) {
            let items: Vec<String> = weakest
                .iter()
                .map(|c| {
                    format!(
                        "{} ({} {}, {} {}, {} {} {})",
                        esc(c.label.get(lang)),
                        w.n(c.score),
                        w.t("điểm", "points"),
                        w.t("trung vị", "median"),
                        w.n(c.median),
                        w.t("dẫn đầu", "leader"),
                        w.n(c.leader),
                        esc(&c.leader_unit)
                    )
                })
                .collect();
            notes.push(format!("{label} — {}: {}", w.t("điểm yếu nhất", "weakest components"), items.join("; ")));
        }
        for t in &r.targets {
            notes.push(match t {
                TargetOutcome::Planned { target, reachable: true, distance, total_gain, rank_planned, .. } => format!(
                    "{label} — {}: {} {} {}, {} {} ({} {rank_planned})",
                    target_text(target, &w),
                    w.t("cách", "a distance of"),
                    w.n(distance.max(0.0)),
                    w.t("điểm", "points"),
                    w.t("các chỉ số thành phần cần tăng", "the sub-indices must gain"),
                    w.n(*total_gain),
                    w.t("hạng", "rank"),
                ),
                TargetOutcome::Planned { target, .. } => format!(
                    "{label} — {}: {}",
                    target_text(target, &w),
                    w.t("không thể đạt trong giới hạn thang điểm", "not reachable within the scales")
                ),
                TargetOutcome::NeedsFullTable { target, .. } => format!(
                    "{label} — {}: {}",
                    target_text(target, &w),
                    w.t(
                        "cần bảng dữ liệu đầy đủ (nguồn chỉ có kết quả công bố)",
                        "needs the full table (the source has the published results only)"
                    )
                ),
            });
        }
    }
    let mut out = String::new();
    if html {
        let _ = write!(
            out,
            "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{title}</title>\n<style>{STYLE}</style></head>\n<body><article class=\"chiso-profile\">\n<h1>{title}</h1>\n",
            if w.vi { "vi" } else { "en" }
        );
        out.push_str(&chart(p, lang, &w));
        out.push_str(&html_table(&head, &rows));
        if !notes.is_empty() {
            out.push_str("<ul>");
            for n in &notes {
                let _ = write!(out, "<li>{n}</li>");
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</article></body></html>\n");
    } else {
        let _ = write!(out, "# {title}\n\n{}", md_table(&head, &rows));
        if !notes.is_empty() {
            out.push('\n');
            for n in &notes {
                let _ = writeln!(out, "- {n}");
            }
        }
    }
    out
}

/// One line per index: the unit's position in the field (100 = first, 0 = last) this year
/// (filled dot) and the previous year (hollow dot), joined by the movement.
fn chart(p: &Profile, lang: &str, w: &Words) -> String {
    let (left, width, row_h) = (300.0, 360.0, 28.0);
    let height = row_h * p.rows.len() as f64 + 40.0;
    let x = |pct: f64| left + width * pct / 100.0;
    let mut svg = format!(
        "<svg class=\"profile-chart\" role=\"img\" width=\"720\" height=\"{height:.0}\" viewBox=\"0 0 720 {height:.0}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
        w.t("Vị trí trong mỗi chỉ số (100 = đứng đầu, 0 = cuối)", "Position in each index (100 = first, 0 = last)")
    );
    for (i, r) in p.rows.iter().enumerate() {
        let y = 20.0 + row_h * i as f64;
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{}</text><line x1=\"{left}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#ddd\"/>",
            left - 8.0,
            y + 4.0,
            escape(&short(r.label.get(lang), 48)),
            left + width
        );
        if let (Some(now), Some(before)) = (r.percentile, r.previous_percentile) {
            let colour = if now >= before { "#2a9d8f" } else { "#e63946" };
            let _ = write!(
                svg,
                "<line class=\"move\" x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"{colour}\" stroke-width=\"3\"/><circle class=\"previous\" cx=\"{:.1}\" cy=\"{y:.1}\" r=\"5\" fill=\"#fff\" stroke=\"#555\"/>",
                x(before),
                x(now),
                x(before)
            );
        }
        match r.percentile {
            Some(now) => {
                let _ = write!(
                    svg,
                    "<circle class=\"now\" cx=\"{:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"#457b9d\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\">{}</text>",
                    x(now),
                    left + width + 8.0,
                    y + 4.0,
                    format_decimal(now, 0, w.vi)
                );
            }
            None => {
                let _ = write!(
                    svg,
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"#999\">{}</text>",
                    left + 4.0,
                    y + 4.0,
                    w.t("không có hạng", "no rank")
                );
            }
        }
    }
    let base = 20.0 + row_h * p.rows.len() as f64;
    let _ = write!(
        svg,
        "<text x=\"{left}\" y=\"{base:.1}\" font-size=\"10\">0</text><text x=\"{:.1}\" y=\"{base:.1}\" font-size=\"10\" text-anchor=\"end\">100</text><text x=\"10\" y=\"{:.1}\" font-size=\"11\"><tspan fill=\"#457b9d\">● {}</tspan> <tspan fill=\"#555\">○ {}</tspan></text></svg>",
        left + width,
        base + 16.0,
        p.year,
        p.previous
    );
    svg
}

/// A label cut to `max` characters (with `…`), so that it fits beside the chart.
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}
