//! `chiso groups`: the tier rule applied to the headline and every sub-index (PAPI's four
//! groups per dimension). Printing only; the groups come from `chiso::groups`.

use chiso::groups::NodeGroups;

use crate::output::{csv_text, render};

/// One row per unit, one column per node: the group label (and in CSV/JSON the level).
pub fn print(groups: &[NodeGroups], lang: &str, csv: bool, json: bool, raw: bool) -> String {
    if json {
        return serde_json::to_string_pretty(groups).unwrap_or_default() + "\n";
    }
    let Some(first) = groups.first() else { return String::new() };
    let mut header = vec!["unit".to_owned()];
    header.extend(groups.iter().map(|g| if csv { g.node.clone() } else { g.label.get(lang).to_owned() }));
    // Units in the headline's rank order; a unit without a score for a node shows nothing there.
    let by_unit: Vec<std::collections::HashMap<&str, &chiso::rank::Tier>> = groups
        .iter()
        .map(|g| g.units.iter().filter_map(|u| u.tier.as_ref().map(|t| (u.unit.as_str(), t))).collect())
        .collect();
    let mut order: Vec<usize> = (0..first.units.len()).collect();
    order.sort_by_key(|&i| first.units[i].rank);
    let rows: Vec<Vec<String>> = order
        .iter()
        .map(|&i| {
            let unit = &first.units[i].unit;
            let mut row = vec![unit.clone()];
            for tiers in &by_unit {
                let tier = tiers.get(unit.as_str());
                row.push(tier.map_or_else(String::new, |t| {
                    if csv {
                        t.level.to_string()
                    } else {
                        t.label.get(lang).to_owned()
                    }
                }));
            }
            row
        })
        .collect();
    if csv {
        csv_text(header, rows, raw)
    } else {
        let right = vec![false; header.len()];
        render(&header, &rows, &right)
    }
}
