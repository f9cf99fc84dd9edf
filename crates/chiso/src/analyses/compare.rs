//! Comparison of two periods: score, rank and tier changes per unit.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::data::Dataset;
use crate::error::Error;
use crate::rank::Tier;
use crate::score::{score, ScoreOptions, ScoreRow, Scores};
use crate::spec::IndexDefinition;
use crate::units::{Successor, UnitMapping};

/// Whether a unit is in both periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// Scored in both periods.
    Both,
    /// Only in the first period (e.g. Hà Tây before its 2008 merger).
    OnlyFrom,
    /// Only in the second period.
    OnlyTo,
}

/// One unit's change between two periods. Fields of a period the unit is absent from are `None`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Unit name.
    pub unit: String,
    /// Score in the first period.
    pub score_from: Option<f64>,
    /// Score in the second period.
    pub score_to: Option<f64>,
    /// `score_to − score_from`, unrounded.
    pub score_delta: Option<f64>,
    /// Rank in the first period.
    pub rank_from: Option<u32>,
    /// Rank in the second period.
    pub rank_to: Option<u32>,
    /// Places gained: `rank_from − rank_to`, positive when the unit moved up.
    pub rank_change: Option<i64>,
    /// Tier in the first period.
    pub tier_from: Option<Tier>,
    /// Tier in the second period.
    pub tier_to: Option<Tier>,
    /// Which periods the unit is in.
    pub presence: Presence,
    /// What a unit mapping says about the unit (renamed, absorbed, merged into, split from).
    pub note: Option<String>,
}

/// Changes between two periods, ordered by the second period's rank, then the units that
/// are only in the first period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Index id.
    pub index: String,
    /// First period.
    pub from: Option<i32>,
    /// Second period.
    pub to: Option<i32>,
    /// Decimals for display.
    pub precision: u32,
    /// The changes.
    pub rows: Vec<Change>,
}

impl Comparison {
    /// Units present in only one period: reported, never dropped silently.
    pub fn unmatched(&self) -> impl Iterator<Item = &Change> {
        self.rows.iter().filter(|c| c.presence != Presence::Both)
    }
}

/// Scores years `from` and `to` of `data` (each with its own edition) and compares them.
///
/// Units are matched by their NFC name; units that cannot be matched are reported as present
/// in one period only, never dropped. [`compare_mapped`] matches through a unit mapping.
pub fn compare(definition: &IndexDefinition, data: &Dataset, from: i32, to: i32) -> Result<Comparison, Error> {
    compare_mapped(definition, data, from, to, None)
}

/// [`compare`] through a unit mapping (e.g. [`UnitMapping::vietnam_provinces`]), so that
/// Hà Nội 2006 is compared with Hà Nội 2013 and Hà Tây is reported as merged into it.
pub fn compare_mapped(
    definition: &IndexDefinition,
    data: &Dataset,
    from: i32,
    to: i32,
    mapping: Option<&UnitMapping>,
) -> Result<Comparison, Error> {
    if data.years().is_none() {
        return Err(crate::error::DataError::MissingColumn {
            column: "year".into(),
            hint: Some("comparing two years needs a year column in the data".into()),
        }
        .into());
    }
    let first = score(definition, data, &ScoreOptions { year: Some(from), ..Default::default() })?;
    let second = score(definition, data, &ScoreOptions { year: Some(to), ..Default::default() })?;
    if let Some(mapping) = mapping {
        check_mapping(mapping, &first, &second, from, to)?;
    }
    Ok(compare_scores_mapped(&first, &second, mapping))
}

/// Refuses a mapping whose changes in the period name a unit the data spells differently
/// (`Ha Tay` for `Hà Tây`): the change would not apply and the comparison would be wrong
/// without a word. Names absent from the data altogether are fine (the data may cover a
/// few units only).
fn check_mapping(mapping: &UnitMapping, first: &Scores, second: &Scores, from: i32, to: i32) -> Result<(), Error> {
    use crate::data::fold_unit;
    let index = |scores: &Scores| -> (HashSet<String>, HashMap<String, String>) {
        let names: HashSet<String> = scores.rows.iter().map(|r| r.unit.clone()).collect();
        let folded = names.iter().map(|n| (fold_unit(n), n.clone())).collect();
        (names, folded)
    };
    let (before, before_folded) = index(first);
    let (after, after_folded) = index(second);
    for change in mapping.changes_between(from, to) {
        for (name, names, folded, year) in
            [(&change.old, &before, &before_folded, from), (&change.new, &after, &after_folded, to)]
        {
            if names.contains(name) {
                continue;
            }
            if let Some(suggestion) = folded.get(&fold_unit(name)) {
                return Err(crate::error::DataError::UnknownMappedUnit {
                    unit: name.clone(),
                    year,
                    suggestion: suggestion.clone(),
                }
                .into());
            }
        }
    }
    Ok(())
}

/// Compares two already-scored periods, matching units by name.
pub fn compare_scores(first: &Scores, second: &Scores) -> Comparison {
    compare_scores_mapped(first, second, None)
}

/// Compares two already-scored periods, optionally through a unit mapping.
pub fn compare_scores_mapped(first: &Scores, second: &Scores, mapping: Option<&UnitMapping>) -> Comparison {
    let from_year = first.rows.first().and_then(|r| r.year);
    let to_year = second.rows.first().and_then(|r| r.year);
    let mapped = mapping.zip(from_year.zip(to_year).filter(|(f, t)| f < t));
    // Name in the second period → (first-period row, note); units merged away → note.
    let mut earlier: HashMap<String, (&ScoreRow, Option<String>)> = HashMap::with_capacity(first.rows.len());
    let mut merged: HashMap<&str, String> = HashMap::new();
    for row in &first.rows {
        match mapped.map(|(m, (f, t))| m.successor(&row.unit, f, t)) {
            None => {
                earlier.insert(row.unit.clone(), (row, None));
            }
            Some(Successor::Continues { name, note }) => {
                earlier.insert(name, (row, note));
            }
            Some(Successor::MergedInto { name, effective }) => {
                merged.insert(row.unit.as_str(), format!("merged into {name} on {effective}"));
            }
        }
    }
    let mut matched_from = HashSet::new();
    let mut rows: Vec<Change> = Vec::with_capacity(second.rows.len());
    for &i in &second.ranking_order() {
        let now = &second.rows[i];
        let matched = earlier.get(now.unit.as_str());
        let before = matched.map(|(row, _)| *row);
        if let Some(b) = before {
            matched_from.insert(b.unit.as_str());
        }
        let note = match matched {
            Some((_, note)) => note.clone(),
            None => mapped.and_then(|(m, (f, t))| m.origin(&now.unit, f, t)),
        };
        rows.push(Change {
            unit: now.unit.clone(),
            score_from: before.map(|b| b.score),
            score_to: Some(now.score),
            score_delta: before.map(|b| now.score - b.score),
            rank_from: before.map(|b| b.rank),
            rank_to: Some(now.rank),
            rank_change: before.map(|b| i64::from(b.rank) - i64::from(now.rank)),
            tier_from: before.and_then(|b| b.tier.clone()),
            tier_to: now.tier.clone(),
            presence: if before.is_some() { Presence::Both } else { Presence::OnlyTo },
            note,
        });
    }
    for &i in &first.ranking_order() {
        let before = &first.rows[i];
        if !matched_from.contains(before.unit.as_str()) {
            rows.push(Change {
                unit: before.unit.clone(),
                score_from: Some(before.score),
                score_to: None,
                score_delta: None,
                rank_from: Some(before.rank),
                rank_to: None,
                rank_change: None,
                tier_from: before.tier.clone(),
                tier_to: None,
                presence: Presence::OnlyFrom,
                note: merged.get(before.unit.as_str()).cloned(),
            });
        }
    }
    Comparison { index: second.index.clone(), from: from_year, to: to_year, precision: second.precision, rows }
}
