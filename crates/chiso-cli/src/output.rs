//! Printing: tables round to the spec's precision; CSV and JSON keep every digit.

use chiso::display::{format_decimal, format_delta};
use chiso::{presets, Comparison, IndexDefinition, IndexSpec, Presence, Scores};
use serde_json::{json, Value};

/// Pads cells to the widest in each column; `right[i]` right-aligns column i.
pub fn render(header: &[String], rows: &[Vec<String>], right: &[bool]) -> String {
    let width = |s: &str| s.chars().count();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let line = |cells: &[String]| {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let pad = " ".repeat(widths[i] - width(c));
                if right.get(i).copied().unwrap_or(false) {
                    format!("{pad}{c}")
                } else {
                    format!("{c}{pad}")
                }
            })
            .collect();
        parts.join("  ").trim_end().to_owned()
    };
    let mut out = line(header);
    out.push('\n');
    out.push_str(&widths.iter().map(|&w| "-".repeat(w)).collect::<Vec<_>>().join("  "));
    out.push('\n');
    for row in rows {
        out.push_str(&line(row));
        out.push('\n');
    }
    out
}

fn lang(vi: bool) -> &'static str {
    if vi {
        "vi"
    } else {
        "en"
    }
}

fn years_in(scores: &Scores) -> Vec<Option<i32>> {
    let mut years: Vec<Option<i32>> = scores.rows.iter().map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    years
}

pub fn score_table(scores: &Scores, definition: &IndexDefinition, vi: bool, components: bool) -> String {
    let label = definition.label();
    let mut out = String::new();
    for year in years_in(scores) {
        let spec = definition.resolve(year).ok();
        let mut order: Vec<usize> = (0..scores.rows.len()).filter(|&i| scores.rows[i].year == year).collect();
        order.sort_by(|&a, &b| {
            let (ra, rb) = (&scores.rows[a], &scores.rows[b]);
            (ra.rank, &ra.unit).cmp(&(rb.rank, &rb.unit))
        });
        let n = order.len();
        let year_text = year.map(|y| format!(" {y}")).unwrap_or_default();
        if !out.is_empty() {
            out.push('\n');
        }
        // `par_index` → "PAR INDEX": the id as a title, as the publishers print it.
        let title = definition.id().to_uppercase().replace('_', " ");
        out.push_str(&if vi {
            format!("{title}{year_text} — {} ({n} đơn vị)\n\n", label.get("vi"))
        } else {
            let units = if n == 1 { "unit" } else { "units" };
            format!("{title}{year_text} — {} ({n} {units})\n\n", label.get("en"))
        });
        let has_tier = order.iter().any(|&i| scores.rows[i].tier.is_some());
        let mut header: Vec<String> = if vi {
            vec!["Hạng".into(), "Đơn vị".into(), "Điểm".into()]
        } else {
            vec!["Rank".into(), "Unit".into(), "Score".into()]
        };
        let mut right = vec![true, false, true];
        if has_tier {
            header.push(if vi { "Nhóm" } else { "Tier" }.into());
            right.push(false);
        }
        let component_ids: Vec<String> = match (&spec, components) {
            (Some(spec), true) => spec.components().map(|n| n.id.clone()).collect(),
            _ => Vec::new(),
        };
        for id in &component_ids {
            header.push(id.clone());
            right.push(true);
        }
        let precision = spec.as_ref().map_or(scores.precision, IndexSpec::precision);
        let rows: Vec<Vec<String>> = order
            .iter()
            .map(|&i| {
                let r = &scores.rows[i];
                let mut cells = vec![r.rank.to_string(), r.unit.clone(), format_decimal(r.score, precision, vi)];
                if has_tier {
                    cells.push(r.tier.as_ref().map(|t| t.label.get(lang(vi)).to_owned()).unwrap_or_default());
                }
                for id in &component_ids {
                    let c = r.components.iter().find(|c| &c.id == id);
                    cells.push(c.map(|c| format_decimal(c.score, precision, vi)).unwrap_or_default());
                }
                cells
            })
            .collect();
        out.push_str(&render(&header, &rows, &right));
    }
    out
}

/// Writes a CSV table. Unless `raw`, every text cell that a spreadsheet would read as a
/// formula — one starting with `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's CSV
/// injection rule) — gets a leading `'`, which Excel and LibreOffice show as text: a unit named
/// `=HYPERLINK("http://…")` stays a name. Numbers (`-0.25`) are numbers, not formulas, and are
/// written as they are. `--raw-csv` turns this off for programs that read the output.
pub fn csv_text(header: Vec<String>, rows: Vec<Vec<String>>, raw: bool) -> String {
    let cell = |text: String| if raw { text } else { neutralise(text) };
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut ok = writer.write_record(header.into_iter().map(cell)).is_ok();
    for row in rows {
        ok &= writer.write_record(row.into_iter().map(cell)).is_ok();
    }
    let bytes = writer.into_inner().unwrap_or_default();
    debug_assert!(ok);
    String::from_utf8(bytes).unwrap_or_default()
}

/// `text` with a leading `'` if a spreadsheet would take it for a formula and it is not a
/// plain decimal number.
pub fn neutralise(text: String) -> String {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula && !is_number(&text) {
        format!("'{text}")
    } else {
        text
    }
}

/// A decimal number as Rust prints an `f64` or an integer (`-0.25`, `12`, `1e-7`): digits, one
/// point, an optional sign and exponent. `inf` and `NaN` are not numbers here.
fn is_number(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'))
        && text.bytes().any(|b| b.is_ascii_digit())
        && text.parse::<f64>().is_ok()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

pub fn score_csv(scores: &Scores, components: bool, raw: bool) -> String {
    let mut header: Vec<String> = ["unit", "year", "score", "rank"].map(String::from).to_vec();
    if scores.has_tiers {
        header.push("tier".into());
    }
    let mut ids: Vec<String> = Vec::new();
    if components {
        // Hashed, not searched: a spec may have many thousands of nodes.
        let mut seen = std::collections::HashSet::new();
        for row in &scores.rows {
            for c in &row.components {
                if seen.insert(c.id.as_str()) {
                    ids.push(c.id.clone());
                }
            }
        }
        for id in &ids {
            header.push(id.clone());
            header.push(format!("{id}_rank"));
        }
    }
    let rows = scores
        .ranking_order()
        .into_iter()
        .map(|i| {
            let r = &scores.rows[i];
            let mut cells = vec![r.unit.clone(), opt(r.year), r.score.to_string(), r.rank.to_string()];
            if scores.has_tiers {
                cells.push(r.tier.as_ref().map(|t| t.label.vi.clone()).unwrap_or_default());
            }
            let by_id: std::collections::HashMap<&str, &chiso::NodeScore> =
                r.components.iter().map(|c| (c.id.as_str(), c)).collect();
            for id in &ids {
                let c = by_id.get(id.as_str());
                cells.push(opt(c.map(|c| c.score)));
                cells.push(opt(c.map(|c| c.rank)));
            }
            cells
        })
        .collect();
    csv_text(header, rows, raw)
}

/// Rows not scored go to standard error, so that nothing is lost silently whatever the format.
pub fn warn_dropped(scores: &Scores) {
    for d in &scores.dropped {
        eprintln!(
            "warning: row {} ({}{}) not scored: {}",
            d.row,
            d.unit,
            d.year.map(|y| format!(", {y}")).unwrap_or_default(),
            d.reason
        );
    }
    let imputed = scores.log.iter().filter(|n| matches!(n.action, chiso::CellAction::Imputed { .. })).count();
    let treated = scores.log.len() - imputed;
    if imputed + treated > 0 {
        eprintln!("note: {imputed} cells imputed, {treated} treated (see the cell log in --format json)");
    }
}

/// One indicator stage: `unit,year,<indicator>...` in input order, unrounded.
pub fn stage_csv(scores: &Scores, nodes: &[String], values: &[Vec<Option<f64>>], json: bool, raw: bool) -> String {
    if json {
        let rows: Vec<Value> = scores
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let cells: serde_json::Map<String, Value> =
                    nodes.iter().zip(values).map(|(id, v)| (id.clone(), json!(v[i]))).collect();
                json!({ "unit": r.unit, "year": r.year, "values": cells })
            })
            .collect();
        return serde_json::to_string_pretty(&json!({ "index": scores.index, "nodes": nodes, "rows": rows }))
            .unwrap_or_default();
    }
    let mut header: Vec<String> = vec!["unit".into(), "year".into()];
    header.extend(nodes.iter().cloned());
    let rows = scores
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut cells = vec![r.unit.clone(), opt(r.year)];
            cells.extend(values.iter().map(|v| opt(v[i])));
            cells
        })
        .collect();
    csv_text(header, rows, raw)
}

pub fn score_json(scores: &Scores, spec: Option<&IndexSpec>) -> String {
    let rows: Vec<Value> = scores
        .ranking_order()
        .into_iter()
        .map(|i| {
            let r = &scores.rows[i];
            json!({
                "unit": r.unit,
                "year": r.year,
                "score": r.score,
                "rank": r.rank,
                "out_of": r.out_of,
                "tier": r.tier.as_ref().map(|t| &t.label.vi),
                "tier_en": r.tier.as_ref().map(|t| &t.label.en),
                "components": r.components,
            })
        })
        .collect();
    let value = json!({
        "index": scores.index,
        "label": spec.map(|s| s.label()),
        "precision": scores.precision,
        "rows": rows,
        "dropped": scores.dropped,
        "log": scores.log,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

pub fn compare_table(cmp: &Comparison, definition: &IndexDefinition, vi: bool) -> String {
    let p = cmp.precision;
    let years = format!("{} → {}", opt(cmp.from), opt(cmp.to));
    let mut out = if vi {
        format!("{} {years} — {}\n\n", definition.id().to_uppercase(), definition.label().get("vi"))
    } else {
        format!("{} {years} — {}\n\n", definition.id().to_uppercase(), definition.label().get("en"))
    };
    let header: Vec<String> = if vi {
        ["Đơn vị", "Điểm trước", "Điểm sau", "Thay đổi", "Hạng trước", "Hạng sau", "Bậc"]
    } else {
        ["Unit", "Score from", "Score to", "Change", "Rank from", "Rank to", "Places"]
    }
    .map(String::from)
    .to_vec();
    let dash = || "—".to_owned();
    let rows: Vec<Vec<String>> = cmp
        .rows
        .iter()
        .map(|c| {
            vec![
                c.unit.clone(),
                c.score_from.map_or_else(dash, |s| format_decimal(s, p, vi)),
                c.score_to.map_or_else(dash, |s| format_decimal(s, p, vi)),
                c.score_delta.map_or_else(dash, |s| format_delta(s, p, vi)),
                c.rank_from.map_or_else(dash, |r| r.to_string()),
                c.rank_to.map_or_else(dash, |r| r.to_string()),
                c.rank_change.map_or_else(dash, |r| if r > 0 { format!("+{r}") } else { r.to_string() }),
            ]
        })
        .collect();
    out.push_str(&render(&header, &rows, &[false, true, true, true, true, true, true]));
    let unmatched: Vec<String> = cmp
        .unmatched()
        .map(|c| {
            let when = if c.presence == Presence::OnlyFrom { opt(cmp.from) } else { opt(cmp.to) };
            match &c.note {
                Some(note) => format!("{} ({when}: {note})", c.unit),
                None => format!("{} ({when})", c.unit),
            }
        })
        .collect();
    if !unmatched.is_empty() {
        out.push_str(&if vi {
            format!("\nChỉ có trong một năm: {}\n", unmatched.join(", "))
        } else {
            format!("\nIn one year only: {}\n", unmatched.join(", "))
        });
    }
    out
}

pub fn compare_csv(cmp: &Comparison, raw: bool) -> String {
    let header = [
        "unit",
        "score_from",
        "score_to",
        "score_delta",
        "rank_from",
        "rank_to",
        "rank_change",
        "tier_from",
        "tier_to",
        "presence",
        "note",
    ]
    .map(String::from)
    .to_vec();
    let rows = cmp
        .rows
        .iter()
        .map(|c| {
            vec![
                c.unit.clone(),
                opt(c.score_from),
                opt(c.score_to),
                opt(c.score_delta),
                opt(c.rank_from),
                opt(c.rank_to),
                opt(c.rank_change),
                c.tier_from.as_ref().map(|t| t.label.vi.clone()).unwrap_or_default(),
                c.tier_to.as_ref().map(|t| t.label.vi.clone()).unwrap_or_default(),
                match c.presence {
                    Presence::Both => "both",
                    Presence::OnlyFrom => "only_from",
                    Presence::OnlyTo => "only_to",
                }
                .to_owned(),
                c.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    csv_text(header, rows, raw)
}

pub fn compare_json(cmp: &Comparison) -> String {
    serde_json::to_string_pretty(cmp).unwrap_or_default()
}

pub fn presets_list() -> String {
    let mut out = String::new();
    for id in presets::ids() {
        match presets::get(id) {
            Ok(def) => {
                let editions: Vec<String> = def.editions().iter().map(|r| r.to_string()).collect();
                let editions = if editions.is_empty() { "any year".to_owned() } else { editions.join(", ") };
                // The headline's range in the latest edition: declared scale, or 0..max for points.
                let spec = def.resolve(def.editions().last().map(|r| r.from)).ok();
                let scale = spec
                    .as_ref()
                    .and_then(|s| s.root().scale.map(|sc| (sc.min, sc.max)).or(s.root().max.map(|m| (0.0, m))))
                    .map(|(lo, hi)| format!("{lo}–{hi}"))
                    .unwrap_or_else(|| "open".into());
                out.push_str(&format!(
                    "{id}\t{} / {}\teditions: {editions}\tscale: {scale}\n",
                    def.label().vi,
                    def.label().en
                ));
            }
            Err(e) => out.push_str(&format!("{id}\tinvalid preset: {e}\n")),
        }
    }
    out
}

pub fn diagnosis_table(d: &chiso::diagnose::Diagnosis, vi: bool) -> String {
    let l = lang(vi);
    let n = |x: f64| format_decimal(x, 2, vi);
    let year = opt(d.year);
    let mut out = if vi {
        format!("{} {year} — {}: {} điểm, hạng {}/{}", d.index.to_uppercase(), d.unit, n(d.score), d.rank, d.out_of)
    } else {
        format!("{} {year} — {}: {} points, rank {}/{}", d.index.to_uppercase(), d.unit, n(d.score), d.rank, d.out_of)
    };
    if let Some(t) = &d.tier {
        out.push_str(&format!(" ({})", t.label.get(l)));
    }
    if let (Some(delta), Some(places), Some(py)) = (d.score_change, d.rank_change, d.previous_year) {
        out.push_str(&if vi {
            format!(", {} điểm và {places:+} bậc so với {py}", format_delta(delta, 2, vi))
        } else {
            format!(", {} points and {places:+} places on {py}", format_delta(delta, 2, vi))
        });
    }
    out.push_str("\n\n");
    let header: Vec<String> = if vi {
        ["Chỉ số thành phần", "Trọng số", "Điểm", "Hạng", "Trung vị", "Dẫn đầu", "Thay đổi", "Mất so với trung vị"]
    } else {
        ["Sub-index", "Weight", "Score", "Rank", "Median", "Leader", "Change", "Cost vs median"]
    }
    .map(String::from)
    .to_vec();
    let rows: Vec<Vec<String>> = d
        .components
        .iter()
        .map(|c| {
            vec![
                c.label.get(l).to_owned(),
                format!("{}%", format_decimal(c.weight * 100.0, 0, vi)),
                n(c.score),
                c.rank.to_string(),
                n(c.median),
                n(c.leader),
                c.change.map_or_else(|| "—".into(), |x| format_delta(x, 2, vi)),
                n(c.cost_to_median),
            ]
        })
        .collect();
    out.push_str(&render(&header, &rows, &[false, true, true, true, true, true, true, true]));
    let name =
        |id: &String| d.components.iter().find(|c| &c.id == id).map_or(id.clone(), |c| c.label.get(l).to_owned());
    let weakest: Vec<String> = d.weakest.iter().take(3).map(name).collect();
    out.push_str(&if vi {
        format!("\nYếu nhất (mất nhiều điểm nhất so với trung vị): {}\n", weakest.join(", "))
    } else {
        format!("\nWeakest (costing the most against the median): {}\n", weakest.join(", "))
    });
    if let Some(parts) = &d.decomposition {
        let mut items: Vec<String> = parts
            .contributions
            .iter()
            .filter(|(_, c)| c.abs() >= 0.005)
            .map(|(id, c)| format!("{} {}", name(id), format_delta(*c, 2, vi)))
            .collect();
        if parts.weight_effect.abs() >= 0.005 {
            items.push(format!(
                "{} {}",
                if vi { "thay đổi trọng số" } else { "weight changes" },
                format_delta(parts.weight_effect, 2, vi)
            ));
        }
        out.push_str(&if vi {
            format!("Thay đổi {} điểm = {}\n", format_delta(parts.total, 2, vi), items.join(", "))
        } else {
            format!("Change of {} points = {}\n", format_delta(parts.total, 2, vi), items.join(", "))
        });
    }
    out
}

pub fn plan_table(p: &chiso::plan::Plan, vi: bool) -> String {
    let n = |x: f64| format_decimal(x, 2, vi);
    let t = |v: &'static str, e: &'static str| if vi { v } else { e };
    let head = format!("{} {}", p.unit, opt(p.year));
    let mut out = if p.reachable {
        format!(
            "{head}: {} → {} {}, {} {} → {}/{} ({} {}; {} {})\n\n",
            n(p.score_now),
            n(p.score_planned),
            t("điểm", "points"),
            t("hạng", "rank"),
            p.rank_now,
            p.rank_planned,
            p.out_of,
            t("cần", "needs"),
            n(p.threshold),
            n(p.total_gain),
            t("điểm thành phần tăng thêm", "sub-index points in all"),
        )
    } else {
        format!(
            "{head}: {} ({} {}); {} {} {}, {} {}/{}\n\n",
            t("không đạt được mục tiêu", "target not reachable"),
            t("cần", "needs"),
            n(p.threshold),
            t("tối đa", "at most"),
            n(p.score_planned),
            t("điểm", "points"),
            t("hạng tốt nhất", "best rank"),
            p.rank_planned,
            p.out_of
        )
    };
    let header: Vec<String> = if vi {
        ["Chỉ số thành phần", "Hiện tại", "Cần tăng", "Kế hoạch"]
    } else {
        ["Sub-index", "Current", "Gain", "Planned"]
    }
    .map(String::from)
    .to_vec();
    let rows: Vec<Vec<String>> = p
        .steps
        .iter()
        .map(|s| {
            vec![
                s.label.get(lang(vi)).to_owned(),
                n(s.current),
                if s.gain > 0.0 { format_delta(s.gain, 2, vi) } else { String::new() },
                n(s.planned),
            ]
        })
        .collect();
    out.push_str(&render(&header, &rows, &[false, true, true, true]));
    out
}

pub fn plan_csv(p: &chiso::plan::Plan, summary: bool, raw: bool) -> String {
    if summary {
        let header = ["score_now", "score_planned", "rank_now", "rank_planned", "reachable"].map(String::from).to_vec();
        let row = vec![
            p.score_now.to_string(),
            p.score_planned.to_string(),
            p.rank_now.to_string(),
            p.rank_planned.to_string(),
            p.reachable.to_string(),
        ];
        return csv_text(header, vec![row], raw);
    }
    let header = ["node", "current", "gain", "planned"].map(String::from).to_vec();
    let rows = p
        .steps
        .iter()
        .map(|s| vec![s.id.clone(), s.current.to_string(), s.gain.to_string(), s.planned.to_string()])
        .collect();
    csv_text(header, rows, raw)
}

/// Survey estimates: long (one row per unit and indicator, with intervals) or wide (the
/// table `chiso score` reads); JSON keeps every field.
pub fn survey(result: &chiso::survey::SurveyResult, wide: bool, json: bool, raw: bool) -> Result<String, chiso::Error> {
    if json {
        return Ok(serde_json::to_string_pretty(result).unwrap_or_default());
    }
    let has_year = result.units.iter().any(|(_, y)| y.is_some());
    let mut header: Vec<String> = vec!["unit".into()];
    if has_year {
        header.push("year".into());
    }
    let mut rows = Vec::new();
    if wide {
        header.extend(result.indicators.iter().cloned());
        let k = result.indicators.len();
        for (u, (unit, year)) in result.units.iter().enumerate() {
            let mut row = vec![unit.clone()];
            if has_year {
                row.push(opt(*year));
            }
            row.extend(result.estimates[u * k..(u + 1) * k].iter().map(|e| opt(e.value)));
            rows.push(row);
        }
    } else {
        header.extend(
            [
                "indicator",
                "value",
                "n",
                "clusters",
                "effective_n",
                "se",
                "normal_low",
                "normal_high",
                "boot_low",
                "boot_high",
            ]
            .map(String::from),
        );
        for e in &result.estimates {
            let mut row = vec![e.unit.clone()];
            if has_year {
                row.push(opt(e.year));
            }
            row.extend([
                e.indicator.clone(),
                opt(e.value),
                e.n.to_string(),
                e.clusters.to_string(),
                e.effective_n.to_string(),
                opt(e.se),
                opt(e.normal.map(|c| c.0)),
                opt(e.normal.map(|c| c.1)),
                opt(e.bootstrap.map(|c| c.0)),
                opt(e.bootstrap.map(|c| c.1)),
            ]);
            rows.push(row);
        }
    }
    Ok(csv_text(header, rows, raw))
}

/// Node scores with bootstrap intervals and rank ranges (`chiso survey --index`).
pub fn node_intervals(intervals: &[chiso::survey::NodeInterval], json: bool, raw: bool) -> String {
    if json {
        return serde_json::to_string_pretty(intervals).unwrap_or_default();
    }
    let header = ["unit", "year", "node", "score", "low", "high", "rank_best", "rank_worst", "replicates"]
        .map(String::from)
        .to_vec();
    let rows = intervals
        .iter()
        .map(|i| {
            vec![
                i.unit.clone(),
                opt(i.year),
                i.node.clone(),
                i.score.to_string(),
                i.low.to_string(),
                i.high.to_string(),
                i.rank_best.to_string(),
                i.rank_worst.to_string(),
                i.replicates.to_string(),
            ]
        })
        .collect();
    csv_text(header, rows, raw)
}

/// A calibration: the fit, then each child in the spec's terms, then the worst-fitting units.
pub fn calibration_table(fit: &chiso::calibrate::Calibration) -> String {
    let year = fit.year.map(|y| format!(" in {y}")).unwrap_or_default();
    let verdict = if fit.exact {
        format!("exact: every residual ≤ {:e}", fit.tolerance)
    } else {
        format!("not exact: {} of {} units beyond {:e}", fit.misfits, fit.units, fit.tolerance)
    };
    let mut out = format!(
        "Calibration of '{}' ({}) from {} units{year}\nLargest residual {:.3e}, RMS {:.3e} — {verdict}\nIntercept {}\n",
        fit.target,
        fit.method.name(),
        fit.units,
        fit.max_residual,
        fit.rms_residual,
        fit.intercept,
    );
    let [low, high] = fit.scale;
    let [below, above] = fit.extension;
    out.push_str(&format!(
        "Weighted mean of children rescaled to {low:.6}–{high:.6} ({}); goalposts extend each observed range by {below:.4} below and {above:.4} above\n\n",
        if fit.scale_given { "given" } else { "inferred: the goalposts are the observed ranges" }
    ));
    let header: Vec<String> = ["Child", "Coefficient", "Direction", "Min", "Max", "Weight"].map(String::from).to_vec();
    let dash = || "—".to_owned();
    let rows: Vec<Vec<String>> = fit
        .children
        .iter()
        .map(|c| {
            vec![
                c.column.clone(),
                number(c.coefficient),
                c.direction
                    .map_or_else(dash, |d| if d == "higher_is_better" { "higher".into() } else { "lower".into() }),
                c.min.map_or_else(dash, |v| format!("{v:.6}")),
                c.max.map_or_else(dash, |v| format!("{v:.6}")),
                format!("{:.6}", c.weight),
            ]
        })
        .collect();
    out.push_str(&render(&header, &rows, &[false, true, false, true, true, true]));
    if !fit.zero_weight.is_empty() {
        out.push_str(&format!("\nWithout weight: {}\n", fit.zero_weight.join(", ")));
    }
    if !fit.undetermined.is_empty() {
        out.push_str(&format!(
            "Left out (constant or collinear, weight undetermined): {}\n",
            fit.undetermined.join(", ")
        ));
    }
    if !fit.ignored_columns.is_empty() {
        out.push_str(&format!("Text columns left out: {}\n", fit.ignored_columns.join(", ")));
    }
    let shown: Vec<&chiso::calibrate::UnitResidual> = fit
        .worst_units
        .iter()
        .filter(|u| !fit.exact || u.residual != 0.0)
        .take(if fit.exact { 3 } else { usize::MAX })
        .collect();
    if !shown.is_empty() {
        out.push_str("\nLargest residuals (published − fitted):\n");
        let header: Vec<String> = ["Unit", "Published", "Fitted", "Residual"].map(String::from).to_vec();
        let rows: Vec<Vec<String>> = shown
            .iter()
            .map(|u| {
                vec![
                    u.unit.clone(),
                    format!("{:.6}", u.target),
                    format!("{:.6}", u.fitted),
                    format!("{:+.3e}", u.residual),
                ]
            })
            .collect();
        out.push_str(&render(&header, &rows, &[false, true, true, true]));
    }
    out
}

/// Six decimals, or six significant digits in exponent form for very small or large values.
fn number(v: f64) -> String {
    if v == 0.0 || (1e-3..1e6).contains(&v.abs()) {
        format!("{v:.6}")
    } else {
        format!("{v:.6e}")
    }
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formula_cells_get_a_quote_numbers_do_not() {
        let cases = [
            ("=1+1", "'=1+1"),
            ("+1+1", "'+1+1"),
            ("-1+1", "'-1+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\r=1", "'\r=1"),
            ("-", "'-"),
            ("-inf", "'-inf"),
            ("-NaN", "'-NaN"),
            ("-0.25", "-0.25"),
            ("-12", "-12"),
            ("+3", "+3"),
            ("-1e-7", "-1e-7"),
            ("Hà Nội", "Hà Nội"),
            ("a=b", "a=b"),
            ("'quoted", "'quoted"),
            ("", ""),
        ];
        for (cell, written) in cases {
            assert_eq!(neutralise(cell.to_owned()), written, "{cell:?}");
        }
    }
}
