//! Unit changes (splits, merges, renames) with dates, so that comparisons across the 2004
//! splits, the 2008 Hà Tây → Hà Nội merger and the 2025 reorganisation are explicit.
//!
//! A change effective during year E applies to the data of year E onward (PCI 2008 already
//! ranked 63 provinces although the merger took effect on 1 August 2008).

use std::collections::HashMap;

use serde::Serialize;

use crate::data::normalise_unit;
use crate::error::DataError;

/// What happened to a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The old unit was divided; one row per successor.
    Split,
    /// The old unit was merged whole into the new one (the absorbing unit maps to itself).
    Merge,
    /// Same territory, new name.
    Rename,
}

/// One row of a mapping: `old` became (part of) `new` on `effective` (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitChange {
    /// Name before the change (NFC).
    pub old: String,
    /// Name after the change (NFC).
    pub new: String,
    /// Effective date, ISO `YYYY-MM-DD`.
    pub effective: String,
    /// Kind of change.
    pub kind: ChangeKind,
}

impl UnitChange {
    fn year(&self) -> i32 {
        self.effective.get(..4).and_then(|y| y.parse().ok()).unwrap_or(i32::MAX)
    }
}

/// How a unit of one year is found in a later year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Successor {
    /// The unit continues under this name (unchanged, renamed, or the absorbing or
    /// name-keeping side of a merge or split).
    Continues {
        /// Its name in the later year.
        name: String,
        /// What happened on the way, for the report (`None` when unchanged).
        note: Option<String>,
    },
    /// The unit was merged into another and no longer exists as such.
    MergedInto {
        /// The unit it became part of.
        name: String,
        /// Effective date.
        effective: String,
    },
}

/// A set of unit changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UnitMapping {
    changes: Vec<UnitChange>,
    /// Positions in `changes` by name and by event, so that following every unit of a data
    /// set through a large (or hostile) mapping stays linear.
    #[serde(skip)]
    index: Index,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Index {
    by_old: HashMap<String, Vec<usize>>,
    by_new: HashMap<String, Vec<usize>>,
    /// (effective, new) → the rows merged into `new` that day.
    merged: HashMap<(String, String), Vec<usize>>,
    /// (effective, old) → the rows `old` was split into that day.
    split: HashMap<(String, String), Vec<usize>>,
}

impl UnitMapping {
    /// A mapping from change rows (names are NFC-normalised; repeated rows count once).
    pub fn new(mut changes: Vec<UnitChange>) -> Self {
        for c in &mut changes {
            c.old = normalise_unit(&c.old);
            c.new = normalise_unit(&c.new);
        }
        changes.sort_by(|a, b| a.effective.cmp(&b.effective));
        let mut seen = std::collections::HashSet::new();
        changes.retain(|c| seen.insert((c.old.clone(), c.new.clone(), c.effective.clone(), c.kind)));
        let mut index = Index::default();
        for (i, c) in changes.iter().enumerate() {
            index.by_old.entry(c.old.clone()).or_default().push(i);
            index.by_new.entry(c.new.clone()).or_default().push(i);
            index.merged.entry((c.effective.clone(), c.new.clone())).or_default().push(i);
            index.split.entry((c.effective.clone(), c.old.clone())).or_default().push(i);
        }
        UnitMapping { changes, index }
    }

    /// The provincial changes of 2004–2025 shipped with chiso: the 2004 splits, the 2008
    /// merger, the 2025 renaming of Thừa Thiên Huế and the 2025 reorganisation into 34 units.
    pub fn vietnam_provinces() -> Self {
        let mut all = Vec::new();
        for text in [include_str!("../../units/provinces_2008.csv"), include_str!("../../units/provinces_2025.csv")] {
            // The files are part of the crate and checked by its tests.
            if let Ok(m) = Self::from_csv_str(text) {
                all.extend(m.changes);
            }
        }
        Self::new(all)
    }

    /// Reads a mapping CSV file (UTF-8) with columns `old_province` (or `old`), `new_province` (or `new`),
    /// `effective_date` and optionally `change_type` (`split`, `merge`, `rename`). Without a
    /// type, a new unit formed from several old ones is a merge, an old unit under a new name
    /// a rename, and a row mapping a unit to itself alone is no change.
    pub fn from_csv_path(path: impl AsRef<std::path::Path>) -> Result<Self, DataError> {
        Self::from_csv_str(&crate::data::read_text(path)?)
    }

    /// Reads a mapping from CSV text (see [`Self::from_csv_path`] for the columns).
    pub fn from_csv_str(text: &str) -> Result<Self, DataError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| DataError::Csv { line: 1, message: e.to_string() })?
            .iter()
            .map(|h| h.trim().to_owned())
            .collect();
        let find = |names: &[&str]| {
            names.iter().find_map(|n| header.iter().position(|h| h == n)).ok_or_else(|| DataError::MissingColumn {
                column: names[0].into(),
                hint: Some(format!("a unit mapping needs {}", names.join(" or "))),
            })
        };
        let (old_col, new_col, date_col) =
            (find(&["old_province", "old"])?, find(&["new_province", "new"])?, find(&["effective_date", "effective"])?);
        let kind_col = header.iter().position(|h| h == "change_type");
        let mut rows = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let record = record.map_err(|e| DataError::Csv {
                line: e.position().map_or(0, |p| p.line() as usize),
                message: e.to_string(),
            })?;
            let cell = |c: usize| record.get(c).unwrap_or_default().trim().to_owned();
            let effective = cell(date_col);
            let valid_date = effective.len() == 10 && effective.get(..4).is_some_and(|y| y.parse::<i32>().is_ok());
            if !valid_date {
                return Err(DataError::BadCell {
                    row: i + 1,
                    column: header[date_col].clone(),
                    text: effective,
                    expected: "a date YYYY-MM-DD",
                });
            }
            let kind = match kind_col.map(&cell).as_deref() {
                None | Some("") => None,
                Some("split") => Some(ChangeKind::Split),
                Some("merge") => Some(ChangeKind::Merge),
                Some("rename") => Some(ChangeKind::Rename),
                Some(other) => {
                    return Err(DataError::BadCell {
                        row: i + 1,
                        column: "change_type".into(),
                        text: other.into(),
                        expected: "split, merge or rename",
                    })
                }
            };
            rows.push((normalise_unit(&cell(old_col)), normalise_unit(&cell(new_col)), effective, kind));
        }
        let mut sources: HashMap<(&str, &str), usize> = HashMap::new();
        for (_, new, date, _) in &rows {
            *sources.entry((new.as_str(), date.as_str())).or_default() += 1;
        }
        let changes = rows
            .iter()
            .filter_map(|(old, new, effective, kind)| {
                let kind = match kind {
                    Some(k) => *k,
                    None if sources[&(new.as_str(), effective.as_str())] > 1 => ChangeKind::Merge,
                    None if old != new => ChangeKind::Rename,
                    None => return None,
                };
                Some(UnitChange { old: old.clone(), new: new.clone(), effective: effective.clone(), kind })
            })
            .collect();
        Ok(Self::new(changes))
    }

    /// The changes, by effective date.
    pub fn changes(&self) -> &[UnitChange] {
        &self.changes
    }

    /// The changes that apply between the data of year `from` and of year `to`.
    pub fn changes_between(&self, from: i32, to: i32) -> impl Iterator<Item = &UnitChange> {
        self.changes.iter().filter(move |c| from < c.year() && c.year() <= to)
    }

    /// Where a unit of year `from` is in year `to` (`to` > `from`), following every change
    /// effective in between.
    pub fn successor(&self, unit: &str, from: i32, to: i32) -> Successor {
        let mut name = unit.to_owned();
        let mut notes: Vec<String> = Vec::new();
        // The changes in date order, each applying to the unit's name at that point.
        let mut next = 0;
        while let Some(rows) = self.index.by_old.get(&name) {
            let start = rows.partition_point(|&i| i < next);
            let in_period = |&&i: &&usize| from < self.changes[i].year() && self.changes[i].year() <= to;
            let Some(&i) = rows[start..].iter().find(in_period) else { break };
            next = i + 1;
            let c = &self.changes[i];
            match c.kind {
                ChangeKind::Rename => {
                    notes.push(format!("renamed {} on {}", c.new, c.effective));
                    name = c.new.clone();
                }
                ChangeKind::Merge if c.new == name => {
                    let others: Vec<&str> = self
                        .index
                        .merged
                        .get(&(c.effective.clone(), c.new.clone()))
                        .into_iter()
                        .flatten()
                        .map(|&o| &self.changes[o])
                        .filter(|o| o.old != c.old)
                        .map(|o| o.old.as_str())
                        .collect();
                    notes.push(format!("absorbed {} on {}", others.join(", "), c.effective));
                }
                ChangeKind::Merge => {
                    return Successor::MergedInto { name: c.new.clone(), effective: c.effective.clone() };
                }
                ChangeKind::Split if c.new == name => {
                    let parts: Vec<&str> = self
                        .index
                        .split
                        .get(&(c.effective.clone(), c.old.clone()))
                        .into_iter()
                        .flatten()
                        .map(|&o| &self.changes[o])
                        .filter(|o| o.new != c.new)
                        .map(|o| o.new.as_str())
                        .collect();
                    notes.push(format!("split off {} on {}", parts.join(", "), c.effective));
                }
                ChangeKind::Split => {}
            }
        }
        Successor::Continues { name, note: (!notes.is_empty()).then(|| notes.join("; ")) }
    }

    /// Why a unit of year `to` has no predecessor in year `from`, if a change explains it.
    pub fn origin(&self, unit: &str, from: i32, to: i32) -> Option<String> {
        self.index
            .by_new
            .get(unit)?
            .iter()
            .map(|&i| &self.changes[i])
            .filter(|c| from < c.year() && c.year() <= to && c.old != unit)
            .map(|c| match c.kind {
                ChangeKind::Split => format!("split from {} on {}", c.old, c.effective),
                ChangeKind::Merge => format!("formed by merger with {} on {}", c.old, c.effective),
                ChangeKind::Rename => format!("renamed from {} on {}", c.old, c.effective),
            })
            .next()
    }
}
