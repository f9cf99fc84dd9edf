//! Method parameters: file form ↔ checked form, with errors that name the node and parameter.

use std::collections::BTreeMap;

use super::file::{ImputeFile, MissingFile, NormaliseFile, Param, ScreenFile, TreatFile};
use super::{
    Bounds, Direction, Imputation, ImputeMethod, MissingRule, Normalisation, RankTies, Screening, ShareOf, Treatment,
};
use crate::error::SpecError;

fn invalid(node: &str, message: String) -> SpecError {
    SpecError::InvalidParameter { node: node.to_owned(), message }
}

/// The parameters of one method, consumed one by one so that leftovers can be reported.
struct Params<'a> {
    node: &'a str,
    method: &'a str,
    params: BTreeMap<&'a str, &'a Param>,
}

impl<'a> Params<'a> {
    fn new(node: &'a str, file: &'a NormaliseFile) -> Self {
        Params { node, method: &file.method, params: file.params.iter().map(|(k, v)| (k.as_str(), v)).collect() }
    }

    fn number(&mut self, name: &str) -> Result<Option<f64>, SpecError> {
        match self.params.remove(name) {
            None => Ok(None),
            Some(Param::Number(v)) if v.is_finite() => Ok(Some(*v)),
            Some(other) => Err(invalid(
                self.node,
                format!("{} parameter '{name}' must be a finite number, not {}", self.method, describe(other)),
            )),
        }
    }

    fn required(&mut self, name: &str) -> Result<f64, SpecError> {
        self.number(name)?.ok_or_else(|| invalid(self.node, format!("{} needs the parameter '{name}'", self.method)))
    }

    fn flag(&mut self, name: &str, default: bool) -> Result<bool, SpecError> {
        match self.params.remove(name) {
            None => Ok(default),
            Some(Param::Bool(b)) => Ok(*b),
            Some(other) => Err(invalid(
                self.node,
                format!("{} parameter '{name}' must be true or false, not {}", self.method, describe(other)),
            )),
        }
    }

    fn text(&mut self, name: &str) -> Result<Option<&'a str>, SpecError> {
        match self.params.remove(name) {
            None => Ok(None),
            Some(Param::Text(t)) => Ok(Some(t.as_str())),
            Some(other) => Err(invalid(
                self.node,
                format!("{} parameter '{name}' must be text, not {}", self.method, describe(other)),
            )),
        }
    }

    fn ties(&mut self) -> Result<RankTies, SpecError> {
        match self.text("ties")? {
            None => Ok(RankTies::default()),
            Some(t) => RankTies::from_name(t).ok_or_else(|| SpecError::UnknownMethod {
                node: self.node.to_owned(),
                kind: "tie",
                method: t.to_owned(),
                expected: RankTies::NAMES,
            }),
        }
    }

    /// Fails on parameters the method does not take.
    fn finish(self, accepted: &str) -> Result<(), SpecError> {
        match self.params.keys().next() {
            None => Ok(()),
            Some(name) => Err(invalid(
                self.node,
                format!(
                    "{} has no parameter '{name}'; it takes {}",
                    self.method,
                    if accepted.is_empty() { "none" } else { accepted }
                ),
            )),
        }
    }
}

fn describe(p: &Param) -> String {
    match p {
        Param::Bool(b) => b.to_string(),
        Param::Number(n) => n.to_string(),
        Param::Text(t) => format!("'{t}'"),
    }
}

fn ordered(node: &str, method: &str, (low, lname): (f64, &str), (high, hname): (f64, &str)) -> Result<(), SpecError> {
    if low < high {
        Ok(())
    } else {
        Err(invalid(node, format!("{method} {lname} {low} must be below {hname} {high}")))
    }
}

/// Checks a normalisation. `scale` supplies min–max's range when low/high are omitted.
pub(crate) fn build_normalise(
    node: &str,
    file: &NormaliseFile,
    scale: Option<super::Scale>,
    direction: Direction,
) -> Result<Normalisation, SpecError> {
    let mut p = Params::new(node, file);
    let method = file.method.as_str();
    let built = match method {
        "none" => {
            p.finish("")?;
            Normalisation::None
        }
        "min_max" => {
            let low = p.number("low")?.or(scale.map(|s| s.min));
            let high = p.number("high")?.or(scale.map(|s| s.max));
            let (Some(low), Some(high)) = (low, high) else {
                return Err(invalid(node, "min_max needs a target range: give low and high, or a scale".into()));
            };
            ordered(node, method, (low, "low"), (high, "high"))?;
            let bounds = match (p.number("min")?, p.number("max")?, p.number("pool_years")?) {
                (None, None, None) => Bounds::Observed,
                (Some(min), Some(max), None) => {
                    ordered(node, method, (min, "min"), (max, "max"))?;
                    Bounds::Fixed { min, max }
                }
                (None, None, Some(years)) => {
                    if years < 1.0 || years.fract() != 0.0 || years > 100.0 {
                        return Err(invalid(
                            node,
                            format!("min_max pool_years must be a whole number 1–100, not {years}"),
                        ));
                    }
                    Bounds::Pooled { years: years as u32 }
                }
                (_, _, Some(_)) => {
                    return Err(invalid(
                        node,
                        "min_max takes either fixed bounds (min, max) or pool_years, not both".into(),
                    ))
                }
                _ => return Err(invalid(node, "min_max fixed bounds need both min and max".into())),
            };
            let if_constant = p.number("if_constant")?;
            p.finish("low, high, min, max, pool_years, if_constant")?;
            Normalisation::MinMax { low, high, bounds, if_constant }
        }
        "z_score" => {
            let mean = p.number("mean")?.unwrap_or(0.0);
            let sd = p.number("sd")?.unwrap_or(1.0);
            if sd <= 0.0 {
                return Err(invalid(node, format!("z_score sd must be above zero, not {sd}")));
            }
            let if_constant = p.number("if_constant")?;
            p.finish("mean, sd, if_constant")?;
            Normalisation::ZScore { mean, sd, if_constant }
        }
        "rank" | "borda" => {
            let ties = p.ties()?;
            p.finish("ties")?;
            if method == "rank" {
                Normalisation::Rank { ties }
            } else {
                Normalisation::Borda { ties }
            }
        }
        "percentile_rank" => {
            let ties = p.ties()?;
            let low = p.number("low")?.unwrap_or(0.0);
            let high = p.number("high")?.unwrap_or(1.0);
            ordered(node, method, (low, "low"), (high, "high"))?;
            let if_constant = p.number("if_constant")?;
            p.finish("ties, low, high, if_constant")?;
            Normalisation::PercentileRank { ties, low, high, if_constant }
        }
        "goalposts" => {
            let low = p.required("low")?;
            let high = p.required("high")?;
            ordered(node, method, (low, "low"), (high, "high"))?;
            let scale = p.number("scale")?.unwrap_or(100.0);
            let clip = p.flag("clip", true)?;
            p.finish("low, high, scale, clip")?;
            Normalisation::Goalposts { low, high, scale, clip }
        }
        "distance_to_target" => {
            let target = p.required("target")?;
            let cap = p.flag("cap", false)?;
            let if_constant = p.number("if_constant")?;
            p.finish("target, cap, if_constant")?;
            Normalisation::DistanceToTarget { target, cap, if_constant }
        }
        "distance_to_reference" => {
            let unit = p
                .text("unit")?
                .ok_or_else(|| invalid(node, "distance_to_reference needs the parameter 'unit'".into()))?;
            let unit = crate::data::normalise_unit(unit);
            let cap = p.flag("cap", false)?;
            let if_constant = p.number("if_constant")?;
            p.finish("unit, cap, if_constant")?;
            Normalisation::DistanceToReference { unit, cap, if_constant }
        }
        "distance_to_max" => {
            let if_constant = p.number("if_constant")?;
            p.finish("if_constant")?;
            Normalisation::DistanceToMax { if_constant }
        }
        "ratio_to_max" => {
            p.finish("")?;
            Normalisation::RatioToMax
        }
        "points" => {
            let max = p.required("max")?;
            if max <= 0.0 {
                return Err(invalid(node, format!("points max must be above zero, not {max}")));
            }
            p.finish("max")?;
            if direction == Direction::LowerIsBetter {
                return Err(invalid(
                    node,
                    "points are awarded, so a points indicator cannot be lower-is-better; score the penalty as points"
                        .into(),
                ));
            }
            Normalisation::Points { max }
        }
        other => {
            return Err(SpecError::UnknownMethod {
                node: node.to_owned(),
                kind: "normalisation",
                method: other.to_owned(),
                expected: Normalisation::NAMES,
            })
        }
    };
    Ok(built)
}

/// The file form of a normalisation (`None` for [`Normalisation::None`]).
pub(crate) fn normalise_to_file(n: &Normalisation) -> Option<NormaliseFile> {
    let mut params: BTreeMap<String, Param> = BTreeMap::new();
    let mut num = |name: &str, v: f64| {
        params.insert(name.to_owned(), Param::Number(v));
    };
    let mut extra: Vec<(&str, Param)> = Vec::new();
    match n {
        Normalisation::None => return None,
        Normalisation::MinMax { low, high, bounds, if_constant } => {
            num("low", *low);
            num("high", *high);
            match bounds {
                Bounds::Observed => {}
                Bounds::Fixed { min, max } => {
                    num("min", *min);
                    num("max", *max);
                }
                Bounds::Pooled { years } => num("pool_years", f64::from(*years)),
            }
            if let Some(c) = if_constant {
                num("if_constant", *c);
            }
        }
        Normalisation::ZScore { mean, sd, if_constant } => {
            num("mean", *mean);
            num("sd", *sd);
            if let Some(c) = if_constant {
                num("if_constant", *c);
            }
        }
        Normalisation::Rank { ties } | Normalisation::Borda { ties } => {
            extra.push(("ties", Param::Text(ties.name().into())));
        }
        Normalisation::PercentileRank { ties, low, high, if_constant } => {
            num("low", *low);
            num("high", *high);
            if let Some(c) = if_constant {
                num("if_constant", *c);
            }
            extra.push(("ties", Param::Text(ties.name().into())));
        }
        Normalisation::Goalposts { low, high, scale, clip } => {
            num("low", *low);
            num("high", *high);
            num("scale", *scale);
            extra.push(("clip", Param::Bool(*clip)));
        }
        Normalisation::DistanceToTarget { target, cap, if_constant } => {
            num("target", *target);
            if let Some(c) = if_constant {
                num("if_constant", *c);
            }
            extra.push(("cap", Param::Bool(*cap)));
        }
        Normalisation::DistanceToReference { unit, cap, if_constant } => {
            if let Some(c) = if_constant {
                num("if_constant", *c);
            }
            extra.push(("unit", Param::Text(unit.clone())));
            extra.push(("cap", Param::Bool(*cap)));
        }
        Normalisation::DistanceToMax { if_constant } => {
            if let Some(c) = if_constant {
                num("if_constant", *c);
            }
        }
        Normalisation::RatioToMax => {}
        Normalisation::Points { max } => num("max", *max),
    }
    params.extend(extra.into_iter().map(|(k, v)| (k.to_owned(), v)));
    Some(NormaliseFile { method: n.name().to_owned(), params })
}

fn share(node: &str, what: &str, value: f64) -> Result<f64, SpecError> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(invalid(node, format!("{what} must be a share between 0 and 1, not {value}")))
    }
}

/// Checks a missing-data rule.
pub(crate) fn build_missing(node: &str, file: &MissingFile) -> Result<MissingRule, SpecError> {
    match file.rule.as_str() {
        "fail" => {
            if file.min_share.is_some() || file.share_of.is_some() {
                return Err(invalid(node, "missing rule 'fail' takes no min_share or share_of".into()));
            }
            Ok(MissingRule::Fail)
        }
        "available" => {
            let min_share = share(node, "missing min_share", file.min_share.unwrap_or(0.5))?;
            let share_of = match file.share_of.as_deref() {
                None | Some("weight") => ShareOf::Weight,
                Some("count") => ShareOf::Count,
                Some(other) => {
                    return Err(SpecError::UnknownMethod {
                        node: node.to_owned(),
                        kind: "share_of",
                        method: other.to_owned(),
                        expected: "weight, count",
                    })
                }
            };
            Ok(MissingRule::Available { min_share, share_of })
        }
        other => Err(SpecError::UnknownMethod {
            node: node.to_owned(),
            kind: "missing-data rule",
            method: other.to_owned(),
            expected: "fail, available",
        }),
    }
}

/// The file form of a missing-data rule.
pub(crate) fn missing_to_file(rule: MissingRule) -> MissingFile {
    match rule {
        MissingRule::Fail => MissingFile { rule: "fail".into(), min_share: None, share_of: None },
        MissingRule::Available { min_share, share_of } => MissingFile {
            rule: "available".into(),
            min_share: Some(min_share),
            share_of: Some(match share_of {
                ShareOf::Count => "count".into(),
                ShareOf::Weight => "weight".into(),
            }),
        },
    }
}

/// Checks an imputation (`None` when it lists no methods).
pub(crate) fn build_impute(node: &str, file: &ImputeFile) -> Result<Option<Imputation>, SpecError> {
    let mut methods = Vec::with_capacity(file.methods.len());
    for name in &file.methods {
        methods.push(match name.as_str() {
            "mean" => ImputeMethod::Mean,
            "median" => ImputeMethod::Median,
            "previous" => ImputeMethod::Previous,
            "value" => ImputeMethod::Value(
                file.value
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| invalid(node, "imputation 'value' needs a finite 'value'".into()))?,
            ),
            other => {
                return Err(SpecError::UnknownMethod {
                    node: node.to_owned(),
                    kind: "imputation",
                    method: other.to_owned(),
                    expected: "mean, median, previous, value",
                })
            }
        });
    }
    if file.value.is_some() && !methods.iter().any(|m| matches!(m, ImputeMethod::Value(_))) {
        return Err(invalid(node, "imputation gives a 'value' but does not list the method 'value'".into()));
    }
    if file.group_column.as_deref().is_some_and(|g| g.trim().is_empty()) {
        return Err(invalid(node, "imputation group_column is empty".into()));
    }
    Ok((!methods.is_empty()).then(|| Imputation { methods, group_column: file.group_column.clone() }))
}

/// The file form of an imputation.
pub(crate) fn impute_to_file(imputation: Option<&Imputation>) -> ImputeFile {
    let Some(i) = imputation else {
        return ImputeFile { methods: Vec::new(), value: None, group_column: None };
    };
    ImputeFile {
        methods: i.methods.iter().map(|m| m.name().to_owned()).collect(),
        value: i.methods.iter().find_map(|m| match m {
            ImputeMethod::Value(v) => Some(*v),
            _ => None,
        }),
        group_column: i.group_column.clone(),
    }
}

/// Checks an outlier treatment (`None` for `none`).
pub(crate) fn build_treat(node: &str, file: &TreatFile) -> Result<Option<Treatment>, SpecError> {
    match file.method.as_str() {
        "none" => Ok(None),
        "winsorise" | "winsorize" => {
            let d = Treatment::default();
            let t = Treatment {
                max_points: file.max_points.unwrap_or(d.max_points),
                skewness: file.skewness.unwrap_or(d.skewness),
                kurtosis: file.kurtosis.unwrap_or(d.kurtosis),
                log_fallback: file.log_fallback.unwrap_or(d.log_fallback),
            };
            if !t.skewness.is_finite() || t.skewness < 0.0 || !t.kurtosis.is_finite() {
                return Err(invalid(node, "treatment thresholds must be finite (skewness ≥ 0)".into()));
            }
            Ok(Some(t))
        }
        other => Err(SpecError::UnknownMethod {
            node: node.to_owned(),
            kind: "treatment",
            method: other.to_owned(),
            expected: "winsorise, none",
        }),
    }
}

/// The file form of an outlier treatment.
pub(crate) fn treat_to_file(t: Option<&Treatment>) -> TreatFile {
    match t {
        None => {
            TreatFile { method: "none".into(), max_points: None, skewness: None, kurtosis: None, log_fallback: None }
        }
        Some(t) => TreatFile {
            method: "winsorise".into(),
            max_points: Some(t.max_points),
            skewness: Some(t.skewness),
            kurtosis: Some(t.kurtosis),
            log_fallback: Some(t.log_fallback),
        },
    }
}

/// Checks a screening rule.
pub(crate) fn build_screen(file: &ScreenFile) -> Result<Screening, SpecError> {
    Ok(Screening { min_share: share("spec", "screen min_share", file.min_share)? })
}
