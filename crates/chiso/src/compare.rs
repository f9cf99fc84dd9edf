//! Comparison of two periods: score, rank and tier changes per unit.

use std::collections::HashMap;

use serde::Serialize;

use crate::data::Dataset;
use crate::error::Error;
use crate::rank::Tier;
use crate::score::{score, ScoreOptions, ScoreRow, Scores};
use crate::spec::IndexDefinition;

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
/// Units are matched by their NFC name; merged or split units appear as present in one
/// period only.
pub fn compare(definition: &IndexDefinition, data: &Dataset, from: i32, to: i32) -> Result<Comparison, Error> {
    let first = score(
        definition,
        data,
        &ScoreOptions {
            year: Some(from),
            strict: false,
        },
    )?;
    let second = score(
        definition,
        data,
        &ScoreOptions {
            year: Some(to),
            strict: false,
        },
    )?;
    Ok(compare_scores(&first, &second))
}

/// Compares two already-scored periods.
pub fn compare_scores(first: &Scores, second: &Scores) -> Comparison {
    let earlier: HashMap<&str, &ScoreRow> = first.rows.iter().map(|r| (r.unit.as_str(), r)).collect();
    let mut seen = std::collections::HashSet::new();
    let mut rows: Vec<Change> = Vec::with_capacity(second.rows.len());
    for &i in &second.ranking_order() {
        let now = &second.rows[i];
        let before = earlier.get(now.unit.as_str()).copied();
        seen.insert(now.unit.as_str());
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
            presence: if before.is_some() {
                Presence::Both
            } else {
                Presence::OnlyTo
            },
        });
    }
    for &i in &first.ranking_order() {
        let before = &first.rows[i];
        if !seen.contains(before.unit.as_str()) {
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
            });
        }
    }
    Comparison {
        index: second.index.clone(),
        from: first.rows.first().and_then(|r| r.year),
        to: second.rows.first().and_then(|r| r.year),
        precision: second.precision,
        rows,
    }
}
