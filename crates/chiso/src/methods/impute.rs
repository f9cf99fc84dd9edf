//! Imputation of missing raw values: the methods of a spec are tried in order, and every
//! filled cell is reported so that the result says what was estimated and how.

use std::collections::HashMap;

use crate::spec::{Imputation, ImputeMethod};

/// The whole dataset's view of one indicator, which imputation draws on.
#[derive(Debug, Clone, Copy)]
pub struct Column<'a> {
    /// Raw values of every row of the dataset (`None` = missing).
    pub values: &'a [Option<f64>],
    /// Unit of every row.
    pub units: &'a [String],
    /// Year of every row, if the data has years.
    pub years: Option<&'a [i32]>,
    /// Group label of every row (e.g. region), if the imputation groups units.
    pub groups: Option<&'a [Option<String>]>,
}

/// One filled cell: the position in `members`, the method that filled it and the value.
#[derive(Debug, Clone, PartialEq)]
pub struct Filled {
    /// Position in the `members` slice.
    pub member: usize,
    /// The method that gave the value.
    pub method: &'static str,
    /// The value.
    pub value: f64,
}

/// Fills the missing (`NaN`) entries of `values`, which hold the indicator for the dataset
/// rows `members` (one period). Means and medians are over the members that had a value
/// before imputation (within the row's group, if the imputation has a group column); a row
/// without a group label cannot use them. `previous` takes the unit's latest earlier row
/// that has a value. A cell no method can fill stays missing.
///
/// ```
/// use chiso::impute::{impute, Column};
/// use chiso::spec::{ImputeMethod, Imputation};
/// let units: Vec<String> = ["A", "B", "C", "A"].iter().map(|s| s.to_string()).collect();
/// let raw = [Some(4.0), Some(8.0), Some(6.0), None];
/// let years = [2019, 2020, 2020, 2020];
/// let column = Column { values: &raw, units: &units, years: Some(&years), groups: None };
/// let rule = Imputation { methods: vec![ImputeMethod::Previous, ImputeMethod::Mean], group_column: None };
/// let members = [1, 2, 3]; // the rows of 2020
/// let mut values = [8.0, 6.0, f64::NAN];
/// let filled = impute(&rule, &column, &members, &mut values);
/// assert_eq!(values, [8.0, 6.0, 4.0]); // A's 2019 value
/// assert_eq!(filled[0].method, "previous");
/// ```
pub fn impute(rule: &Imputation, column: &Column<'_>, members: &[usize], values: &mut [f64]) -> Vec<Filled> {
    let missing: Vec<usize> = (0..values.len()).filter(|&m| values[m].is_nan()).collect();
    if missing.is_empty() {
        return Vec::new();
    }
    let original: Vec<f64> = values.to_vec();
    let group_of = |m: usize| column.groups.and_then(|g| g[members[m]].as_deref());
    // Statistic of the present members, per group (None key: all members).
    let mut stats: HashMap<(Option<&str>, &'static str), Option<f64>> = HashMap::new();
    let mut history: Option<HashMap<&str, Vec<usize>>> = None;
    let mut filled = Vec::with_capacity(missing.len());
    for m in missing {
        for method in &rule.methods {
            let value = match method {
                ImputeMethod::Value(v) => Some(*v),
                ImputeMethod::Mean | ImputeMethod::Median => {
                    let group = if rule.group_column.is_some() {
                        match group_of(m) {
                            Some(g) => Some(g),
                            None => continue,
                        }
                    } else {
                        None
                    };
                    *stats.entry((group, method.name())).or_insert_with(|| {
                        let mut sample: Vec<f64> = (0..original.len())
                            .filter(|&o| !original[o].is_nan() && (group.is_none() || group_of(o) == group))
                            .map(|o| original[o])
                            .collect();
                        statistic(method, &mut sample)
                    })
                }
                ImputeMethod::Previous => {
                    let Some(years) = column.years else { continue };
                    let rows = history.get_or_insert_with(|| {
                        let mut by_unit: HashMap<&str, Vec<usize>> = HashMap::new();
                        for (row, unit) in column.units.iter().enumerate() {
                            if column.values[row].is_some() {
                                by_unit.entry(unit.as_str()).or_default().push(row);
                            }
                        }
                        by_unit
                    });
                    let row = members[m];
                    rows.get(column.units[row].as_str())
                        .and_then(|r| r.iter().filter(|&&r| years[r] < years[row]).max_by_key(|&&r| years[r]))
                        .and_then(|&r| column.values[r])
                }
            };
            if let Some(v) = value.filter(|v| v.is_finite()) {
                values[m] = v;
                filled.push(Filled { member: m, method: method.name(), value: v });
                break;
            }
        }
    }
    filled
}

fn statistic(method: &ImputeMethod, sample: &mut [f64]) -> Option<f64> {
    if sample.is_empty() {
        return None;
    }
    let n = sample.len();
    Some(match method {
        ImputeMethod::Median => {
            sample.sort_by(f64::total_cmp);
            if n % 2 == 1 {
                sample[n / 2]
            } else {
                (sample[n / 2 - 1] + sample[n / 2]) / 2.0
            }
        }
        _ => sample.iter().sum::<f64>() / n as f64,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn mean_and_median_within_groups() {
        let units = strings(&["A", "B", "C", "D", "E"]);
        let raw = [Some(1.0), Some(3.0), None, Some(10.0), None];
        let groups = [Some("N".to_string()), Some("N".into()), Some("N".into()), Some("S".into()), None];
        let column = Column { values: &raw, units: &units, years: None, groups: Some(&groups) };
        let rule = Imputation { methods: vec![ImputeMethod::Mean], group_column: Some("region".into()) };
        let mut values = [1.0, 3.0, f64::NAN, 10.0, f64::NAN];
        let filled = impute(&rule, &column, &[0, 1, 2, 3, 4], &mut values);
        // C takes the mean of its region N (2); E has no region, so stays missing.
        assert_eq!(values[2], 2.0);
        assert!(values[4].is_nan());
        assert_eq!(filled, vec![Filled { member: 2, method: "mean", value: 2.0 }]);
        // Without groups, the median of 1, 3, 10 is 3 for both.
        let rule = Imputation { methods: vec![ImputeMethod::Median], group_column: None };
        let mut values = [1.0, 3.0, f64::NAN, 10.0, f64::NAN];
        impute(&rule, &column, &[0, 1, 2, 3, 4], &mut values);
        assert_eq!(values, [1.0, 3.0, 3.0, 10.0, 3.0]);
    }

    #[test]
    fn previous_takes_the_latest_earlier_year_then_falls_back() {
        let units = strings(&["A", "A", "A", "B", "A", "B"]);
        let years = [2016, 2017, 2018, 2019, 2019, 2019];
        let raw = [Some(1.0), Some(2.0), None, Some(7.0), None, None];
        let column = Column { values: &raw, units: &units, years: Some(&years), groups: None };
        let rule = Imputation { methods: vec![ImputeMethod::Previous, ImputeMethod::Value(0.0)], group_column: None };
        let mut values = [7.0, f64::NAN];
        let filled = impute(&rule, &column, &[3, 4], &mut values);
        // A in 2019: 2018 is missing too, so 2017's value; B has nothing earlier but was not missing.
        assert_eq!(values, [7.0, 2.0]);
        assert_eq!(filled[0].method, "previous");
        let mut values = [f64::NAN];
        let filled = impute(&rule, &column, &[5], &mut values);
        // B's 2019 row has no earlier year: the fixed value.
        assert_eq!(values, [0.0]);
        assert_eq!(filled[0].method, "value");
    }
}
