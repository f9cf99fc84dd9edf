//! A one-page province report in the style of the provincial press releases, as Markdown or
//! HTML (with inline SVG radar and bar charts), in Vietnamese or English. Built here so that
//! Rust, Python and the browser produce the same text.

use std::fmt::Write;

use crate::data::Dataset;
use crate::diagnose::{diagnose, Diagnosis};
use crate::display::{format_decimal, format_delta};
use crate::error::Error;
use crate::plan::{plan, Plan, PlanOptions, Target};
use crate::spec::IndexDefinition;

/// Output format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// Markdown.
    Markdown,
    /// A standalone HTML page with inline SVG charts.
    Html,
}

/// Diagnoses `unit` in `year`, plans `target` (default: the top 10, or the top third of a
/// field under 30 units) and renders the report.
pub fn report(
    definition: &IndexDefinition,
    data: &Dataset,
    unit: &str,
    year: Option<i32>,
    target: Option<Target>,
    lang: &str,
    format: ReportFormat,
) -> Result<String, Error> {
    let d = diagnose(definition, data, unit, year, None)?;
    // The default target is the top 10, or the top third of a small field (13 districts → 4).
    let target = target.unwrap_or(Target::Rank(10.min(d.out_of.div_ceil(3)).max(1)));
    let p = plan(definition, data, unit, year, target, &PlanOptions::default())?;
    Ok(render(&d, Some(&p), lang, format))
}

pub(crate) struct Words {
    pub(crate) vi: bool,
}

impl Words {
    pub(crate) fn t<'a>(&self, vi: &'a str, en: &'a str) -> &'a str {
        if self.vi {
            vi
        } else {
            en
        }
    }
    pub(crate) fn n(&self, x: f64) -> String {
        format_decimal(x, 2, self.vi)
    }
    pub(crate) fn d(&self, x: f64) -> String {
        format_delta(x, 2, self.vi)
    }
}

/// Text for HTML and SVG, in element content and in quoted attributes alike.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Text for Markdown: a backslash before the characters that would end a table cell (`|`),
/// start HTML (`<`, `>`), a link (`[`, `]`) or code (`` ` ``), and line breaks as spaces, so a
/// name shows literally on one line whatever it holds.
pub(crate) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '|' | '<' | '>' | '[' | ']' | '`' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Renders a diagnosis (and optionally a plan) as a report; `lang` is `"vi"` or `"en"`
/// (anything else is English).
pub fn render(d: &Diagnosis, p: Option<&Plan>, lang: &str, format: ReportFormat) -> String {
    let w = Words { vi: lang == "vi" };
    let html = format == ReportFormat::Html;
    // Every string from the spec or the data (index id, unit, labels) goes through `esc`.
    let esc = |s: &str| if html { escape(s) } else { escape_markdown(s) };
    let index = esc(&d.index.to_uppercase());
    let year = d.year.map(|y| y.to_string()).unwrap_or_default();
    let title = format!("{index} {year} — {}", esc(&d.unit));
    let mut headline = format!(
        "{} {} {} {}, {} {}/{}",
        esc(&d.unit),
        w.t("đạt", "scored"),
        w.n(d.score),
        w.t("điểm", "points"),
        w.t("xếp hạng", "rank"),
        d.rank,
        d.out_of
    );
    if let Some(t) = &d.tier {
        let _ = write!(headline, " ({}: {})", w.t("nhóm", "tier"), esc(t.label.get(lang)));
    }
    if let (Some(delta), Some(places), Some(py)) = (d.score_change, d.rank_change, d.previous_year) {
        let _ = write!(
            headline,
            "; {} {} {} {places:+} {} {} {py}",
            w.d(delta),
            w.t("điểm", "points"),
            w.t("và", "and"),
            w.t("bậc", "places"),
            w.t("so với", "on"),
        );
    }
    headline.push('.');

    let head: Vec<&str> = vec![
        w.t("Chỉ số thành phần", "Sub-index"),
        w.t("Trọng số", "Weight"),
        w.t("Điểm", "Score"),
        w.t("Hạng", "Rank"),
        w.t("Thay đổi điểm", "Score change"),
        w.t("Thay đổi hạng", "Rank change"),
        w.t("Trung vị", "Median"),
        w.t("Dẫn đầu", "Leader"),
    ];
    let rows: Vec<Vec<String>> = d
        .components
        .iter()
        .map(|c| {
            vec![
                esc(c.label.get(lang)),
                format!("{}%", format_decimal(c.weight * 100.0, 0, w.vi)),
                w.n(c.score),
                c.rank.to_string(),
                c.change.map_or_else(|| "—".into(), |x| w.d(x)),
                c.rank_change.map_or_else(|| "—".into(), |x| format!("{x:+}")),
                w.n(c.median),
                w.n(c.leader),
            ]
        })
        .collect();
    let label = |id: &str| d.components.iter().find(|c| c.id == id).map_or_else(|| esc(id), |c| esc(c.label.get(lang)));
    let weakest: Vec<String> = d
        .weakest
        .iter()
        .take(3)
        .filter_map(|id| d.components.iter().find(|c| &c.id == id))
        .map(|c| {
            format!(
                "{} ({} {}, {} {}: {} {})",
                label(&c.id),
                w.n(c.score),
                w.t("điểm", "points"),
                w.t("trung vị", "median"),
                w.n(c.median),
                w.t("mất", "costing"),
                w.n(c.cost_to_median)
            )
        })
        .collect();
    let fell: Vec<String> = d
        .fell
        .iter()
        .filter_map(|id| d.components.iter().find(|c| &c.id == id))
        .map(|c| format!("{} ({})", label(&c.id), c.change.map(|x| w.d(x)).unwrap_or_default()))
        .collect();
    let decomposition = d.decomposition.as_ref().map(|parts| {
        let mut items: Vec<String> = parts
            .contributions
            .iter()
            .filter(|(_, c)| c.abs() >= 0.005)
            .map(|(id, c)| format!("{} {}", label(id), w.d(*c)))
            .collect();
        if parts.weight_effect.abs() >= 0.005 {
            items.push(format!("{} {}", w.t("thay đổi trọng số", "weight changes"), w.d(parts.weight_effect)));
        }
        format!("{} {} = {}", w.t("Thay đổi", "Change of"), w.d(parts.total), items.join(", "))
    });
    let plan_text = p.map(|p| {
        let target = match p.target {
            Target::Rank(n) => format!("{} {n}", w.t("vào nhóm", "the top")),
            Target::Score(s) => format!("{} {}", w.t("đạt", "a score of"), w.n(s)),
            Target::Gain(k) => format!("{} {k} {}", w.t("tăng", "a gain of"), w.t("bậc", "places")),
        };
        let summary = if p.reachable {
            format!(
                "{} {target}: {} {} ({} {} {}), {} {}.",
                w.t("Để", "To reach"),
                w.t("cần tăng tổng cộng", "the sub-indices must gain"),
                w.n(p.total_gain),
                index,
                w.t("đạt", "reaches"),
                w.n(p.score_planned),
                w.t("hạng", "rank"),
                p.rank_planned
            )
        } else {
            format!(
                "{target}: {} ({} {}, {} {}).",
                w.t("không thể đạt trong giới hạn thang điểm", "not reachable within the scales"),
                w.t("tối đa", "at most"),
                w.n(p.score_planned),
                w.t("hạng tốt nhất", "best rank"),
                p.rank_planned
            )
        };
        let gains: Vec<Vec<String>> = p
            .steps
            .iter()
            .filter(|s| s.gain > 0.0)
            .map(|s| vec![esc(s.label.get(lang)), w.n(s.current), w.d(s.gain), w.n(s.planned)])
            .collect();
        (summary, gains)
    });
    let plan_head = vec![
        w.t("Chỉ số thành phần", "Sub-index"),
        w.t("Hiện tại", "Current"),
        w.t("Cần tăng", "Gain"),
        w.t("Kế hoạch", "Planned"),
    ];

    let mut out = String::new();
    if html {
        let _ = write!(
            out,
            "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{title}</title>\n<style>{STYLE}</style></head>\n<body><article class=\"chiso-report\">\n<h1>{title}</h1>\n<p class=\"headline\">{headline}</p>\n",
            if w.vi { "vi" } else { "en" }
        );
        out.push_str("<div class=\"charts\">");
        out.push_str(&radar(d, lang));
        out.push_str(&bars(d, lang, &w));
        out.push_str("</div>\n");
        let _ = write!(out, "<h2>{}</h2>\n{}", w.t("Các chỉ số thành phần", "Sub-indices"), html_table(&head, &rows));
        let _ = write!(out, "<h2>{}</h2>\n<ul>", w.t("Điểm yếu", "Weakest components"));
        for item in &weakest {
            let _ = write!(out, "<li>{item}</li>");
        }
        out.push_str("</ul>\n");
        if !fell.is_empty() {
            let _ = writeln!(out, "<p>{}: {}</p>", w.t("Giảm điểm", "Fell"), fell.join(", "));
        }
        if let Some(text) = &decomposition {
            let _ = writeln!(out, "<p>{text}</p>");
        }
        if let Some((summary, gains)) = &plan_text {
            let _ = write!(out, "<h2>{}</h2>\n<p>{summary}</p>\n", w.t("Kế hoạch cải thiện", "Improvement plan"));
            if !gains.is_empty() {
                out.push_str(&html_table(&plan_head, gains));
            }
        }
        out.push_str("</article></body></html>\n");
    } else {
        let _ = write!(
            out,
            "# {title}\n\n{headline}\n\n## {}\n\n{}",
            w.t("Các chỉ số thành phần", "Sub-indices"),
            md_table(&head, &rows)
        );
        let _ = write!(out, "\n## {}\n\n", w.t("Điểm yếu", "Weakest components"));
        for item in &weakest {
            let _ = writeln!(out, "- {item}");
        }
        if !fell.is_empty() {
            let _ = write!(out, "\n{}: {}\n", w.t("Giảm điểm", "Fell"), fell.join(", "));
        }
        if let Some(text) = &decomposition {
            let _ = write!(out, "\n{text}\n");
        }
        if let Some((summary, gains)) = &plan_text {
            let _ = write!(out, "\n## {}\n\n{summary}\n", w.t("Kế hoạch cải thiện", "Improvement plan"));
            if !gains.is_empty() {
                let _ = write!(out, "\n{}", md_table(&plan_head, gains));
            }
        }
    }
    out
}

pub(crate) const STYLE: &str =
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}\
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.25rem .6rem;border-bottom:1px solid #ddd}\
td:not(:first-child){text-align:right}.charts{display:flex;flex-wrap:wrap;gap:1rem}.headline{font-size:1.15rem}";

pub(crate) fn md_table(head: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = format!(
        "| {} |\n|{}|\n",
        head.join(" | "),
        head.iter().enumerate().map(|(i, _)| if i == 0 { "---" } else { "---:" }).collect::<Vec<_>>().join("|")
    );
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out
}

pub(crate) fn html_table(head: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("<table><thead><tr>");
    for h in head {
        let _ = write!(out, "<th>{h}</th>");
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{cell}</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>\n");
    out
}

/// Radar of the unit's sub-indices against the median and the leader, on the common range of
/// the three series.
fn radar(d: &Diagnosis, lang: &str) -> String {
    let n = d.components.len();
    if n < 3 {
        return String::new();
    }
    let values = d.components.iter().flat_map(|c| [c.score, c.median, c.leader]);
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    let lo = (lo - (hi - lo) * 0.1).min(lo);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let (cx, cy, r) = (300.0, 190.0, 125.0);
    let point = |i: usize, v: f64| {
        let angle = std::f64::consts::TAU * i as f64 / n as f64 - std::f64::consts::FRAC_PI_2;
        let k = r * (v - lo) / span;
        (cx + k * angle.cos(), cy + k * angle.sin())
    };
    let polygon = |f: &dyn Fn(&crate::diagnose::ComponentDiagnosis) -> f64| {
        d.components
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let (x, y) = point(i, f(c));
                format!("{x:.1},{y:.1}")
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut svg = String::from("<svg class=\"radar\" role=\"img\" width=\"600\" height=\"400\" viewBox=\"0 0 600 400\" xmlns=\"http://www.w3.org/2000/svg\">");
    for ring in 1..=4 {
        let level = lo + span * f64::from(ring) / 4.0;
        let _ = write!(svg, "<polygon points=\"{}\" fill=\"none\" stroke=\"#ddd\"/>", polygon(&|_| level));
    }
    for (i, c) in d.components.iter().enumerate() {
        let (x, y) = point(i, lo + span * 1.12);
        let anchor = if (x - cx).abs() < 5.0 {
            "middle"
        } else if x > cx {
            "start"
        } else {
            "end"
        };
        let _ = write!(
            svg,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"10\" text-anchor=\"{anchor}\">{}</text>",
            escape(c.label.get(lang))
        );
    }
    let _ = write!(
        svg,
        "<polygon class=\"leader\" points=\"{}\" fill=\"none\" stroke=\"#2a9d8f\" stroke-dasharray=\"4 3\"/>",
        polygon(&|c| c.leader)
    );
    let _ =
        write!(svg, "<polygon class=\"median\" points=\"{}\" fill=\"none\" stroke=\"#999\"/>", polygon(&|c| c.median));
    let _ = write!(
        svg,
        "<polygon class=\"unit\" points=\"{}\" fill=\"rgba(230,57,70,.2)\" stroke=\"#e63946\" stroke-width=\"2\"/>",
        polygon(&|c| c.score)
    );
    let (unit, median, leader) = if lang == "vi" {
        (d.unit.as_str(), "trung vị", "dẫn đầu")
    } else {
        (d.unit.as_str(), "median", "leader")
    };
    let _ = write!(
        svg,
        "<text x=\"10\" y=\"390\" font-size=\"11\"><tspan fill=\"#e63946\">■ {}</tspan> <tspan fill=\"#999\">■ {median}</tspan> <tspan fill=\"#2a9d8f\">■ {leader}</tspan></text></svg>",
        escape(unit)
    );
    svg
}

/// Horizontal bars of the unit's sub-indices with the median as a tick.
fn bars(d: &Diagnosis, lang: &str, w: &Words) -> String {
    let max = d.components.iter().map(|c| c.score.max(c.median).max(c.leader)).fold(0.0, f64::max).max(1e-9);
    let row_h = 24.0;
    let height = row_h * d.components.len() as f64 + 10.0;
    let mut svg = format!("<svg class=\"bars\" role=\"img\" width=\"520\" height=\"{height:.0}\" viewBox=\"0 0 520 {height:.0}\" xmlns=\"http://www.w3.org/2000/svg\">");
    for (i, c) in d.components.iter().enumerate() {
        let y = i as f64 * row_h + 5.0;
        let width = 200.0 * c.score / max;
        let median = 250.0 + 200.0 * c.median / max;
        let colour = if c.score < c.median { "#e63946" } else { "#457b9d" };
        let _ = write!(
            svg,
            "<text x=\"245\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\">{}</text><rect x=\"250\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"16\" fill=\"{colour}\"/><line x1=\"{median:.1}\" x2=\"{median:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#222\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\">{}</text>",
            y + 12.0,
            escape(c.label.get(lang)),
            y - 2.0,
            y + 18.0,
            255.0 + width.max(median - 250.0),
            y + 12.0,
            w.n(c.score)
        );
    }
    svg.push_str("</svg>");
    svg
}
