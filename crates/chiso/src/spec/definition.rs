//! An index as a publisher defines it over the years: one base tree and its editions.

use std::path::Path;

use super::build::{build, build_tiers, to_file};
use super::file::SpecFile;
use super::{IndexSpec, Labels, TierRule, YearRange};
use crate::error::SpecError;
use crate::limits::Limits;

/// A validated specification file: resolves to the [`IndexSpec`] of any year it covers.
///
/// ```
/// let pci = chiso::presets::get("pci").unwrap();
/// let spec = pci.resolve(Some(2019)).unwrap();
/// assert_eq!(spec.components().count(), 10);
/// // 2009–2012 had nine sub-indices (no policy bias).
/// assert_eq!(pci.resolve(Some(2010)).unwrap().components().count(), 9);
/// // A year no edition covers is an error, not a guess.
/// assert!(pci.resolve(Some(1999)).is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct IndexDefinition {
    file: SpecFile,
    /// The spec of every edition (one entry without a range when there are no editions).
    editions: Vec<(Option<YearRange>, IndexSpec)>,
    tiers: Vec<(Option<i32>, Option<i32>, TierRule)>,
}

impl IndexDefinition {
    /// Validates a parsed file: every edition and tier rule is checked now, not when used.
    pub fn from_file(file: SpecFile) -> Result<Self, SpecError> {
        Self::from_file_with(file, &Limits::DEFAULT)
    }

    /// [`Self::from_file`] within `limits` (depth, nodes over all editions).
    pub fn from_file_with(file: SpecFile, limits: &Limits) -> Result<Self, SpecError> {
        if file.nodes.len() > limits.max_nodes {
            return Err(SpecError::TooManyNodes { count: file.nodes.len(), max: limits.max_nodes });
        }
        let editions = file.editions.len().max(1);
        if editions.saturating_mul(file.nodes.len()) > limits.max_nodes {
            return Err(SpecError::TooManyEditions { editions, nodes: file.nodes.len(), max: limits.max_nodes });
        }
        check_numbers(&file)?;
        let edition_error = |edition: String, message: &str| SpecError::InvalidEdition {
            index: file.id.clone(),
            edition,
            message: message.to_owned(),
        };
        if file.edition.is_some() && !file.editions.is_empty() {
            return Err(edition_error("list".into(), "cannot be combined with a single 'edition' range"));
        }
        let mut ranges: Vec<YearRange> = file.editions.iter().map(|e| YearRange { from: e.from, to: e.to }).collect();
        ranges.extend(file.edition);
        ranges.sort_by_key(|r| r.from);
        for r in &ranges {
            if r.from > r.to {
                return Err(edition_error(format!("{}-{}", r.from, r.to), "ends before it starts"));
            }
        }
        for pair in ranges.windows(2) {
            if pair[1].from <= pair[0].to {
                return Err(edition_error(pair[1].to_string(), &format!("overlaps edition {}", pair[0])));
            }
        }

        let mut tiers = Vec::with_capacity(file.tiers.len());
        for t in &file.tiers {
            if let (Some(from), Some(to)) = (t.from, t.to) {
                if from > to {
                    return Err(SpecError::InvalidTiers {
                        years: Some(format!("{from}–{to}")),
                        message: "the year range ends before it starts".into(),
                    });
                }
            }
            tiers.push((t.from, t.to, build_tiers(t)?));
        }
        // Sorted by first year, rules overlap exactly when one starts before an earlier one ends.
        let mut spans: Vec<(i32, i32)> =
            tiers.iter().map(|t| (t.0.unwrap_or(i32::MIN), t.1.unwrap_or(i32::MAX))).collect();
        spans.sort_unstable();
        let mut reach: Option<i32> = None;
        for &(from, to) in &spans {
            if reach.is_some_and(|r| from <= r) {
                return Err(SpecError::InvalidTiers {
                    years: Some(format!("{from}")),
                    message: "two tier rules cover the same year".into(),
                });
            }
            reach = Some(reach.map_or(to, |r| r.max(to)));
        }

        let editions = if file.editions.is_empty() {
            vec![(file.edition, build(&file, None, limits)?)]
        } else {
            let mut out = Vec::with_capacity(file.editions.len());
            for e in &file.editions {
                out.push((Some(YearRange { from: e.from, to: e.to }), build(&file, Some(e), limits)?));
            }
            out.sort_by_key(|(r, _)| r.map(|r| r.from));
            out
        };
        Ok(IndexDefinition { file, editions, tiers })
    }

    /// Reads and validates a JSON specification.
    pub fn from_json(text: &str) -> Result<Self, SpecError> {
        Self::from_json_with(text, &Limits::DEFAULT)
    }

    /// [`Self::from_json`] within `limits` (bytes, depth, nodes).
    pub fn from_json_with(text: &str, limits: &Limits) -> Result<Self, SpecError> {
        limits.check_spec_bytes(text.len())?;
        let file: SpecFile =
            serde_json::from_str(text).map_err(|e| SpecError::Parse { format: "json", message: json_message(&e) })?;
        Self::from_file_with(file, limits)
    }

    /// Reads and validates a TOML specification (with the default `toml` feature; without it,
    /// a [`SpecError::Parse`] saying so).
    pub fn from_toml(text: &str) -> Result<Self, SpecError> {
        Self::from_toml_with(text, &Limits::DEFAULT)
    }

    /// [`Self::from_toml`] within `limits` (bytes, depth, nodes).
    pub fn from_toml_with(text: &str, limits: &Limits) -> Result<Self, SpecError> {
        limits.check_spec_bytes(text.len())?;
        Self::from_file_with(parse_toml(text)?, limits)
    }

    /// Reads a specification, JSON or TOML by its extension (`.json`, `.toml`); other
    /// extensions are tried as JSON when the text starts with `{`, else as TOML.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self, SpecError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => SpecError::NoSuchFile { path: path.display().to_string() },
            _ => SpecError::Unreadable { path: path.display().to_string(), message: crate::data::io_reason(&e) },
        })?;
        Self::from_text(&text, path.extension().and_then(|e| e.to_str()))
    }

    /// Reads a specification from text, JSON or TOML by `extension`, or by its first character.
    pub fn from_text(text: &str, extension: Option<&str>) -> Result<Self, SpecError> {
        Self::from_text_with(text, extension, &Limits::DEFAULT)
    }

    /// [`Self::from_text`] within `limits` (bytes, depth, nodes).
    pub fn from_text_with(text: &str, extension: Option<&str>, limits: &Limits) -> Result<Self, SpecError> {
        match extension.map(str::to_ascii_lowercase).as_deref() {
            Some("json") => Self::from_json_with(text, limits),
            Some("toml") => Self::from_toml_with(text, limits),
            _ if text.trim_start().starts_with('{') => Self::from_json_with(text, limits),
            _ => Self::from_toml_with(text, limits),
        }
    }

    /// A definition holding one already-validated spec.
    pub fn from_spec(spec: &IndexSpec) -> Self {
        let file = to_file(spec);
        let mut spec = spec.clone();
        let tiers = spec.tiers.take().map(|rule| (None, None, rule)).into_iter().collect();
        IndexDefinition { editions: vec![(file.edition, spec)], file, tiers }
    }

    /// Index id.
    pub fn id(&self) -> &str {
        &self.file.id
    }

    /// Name of the index.
    pub fn label(&self) -> Labels {
        self.file.label.clone().unwrap_or_else(|| Labels::same(&self.file.id))
    }

    /// Year ranges of the editions (empty when the spec applies to any year).
    pub fn editions(&self) -> Vec<YearRange> {
        self.editions.iter().filter_map(|(r, _)| *r).collect()
    }

    /// The file form, as read.
    pub fn file(&self) -> &SpecFile {
        &self.file
    }

    fn available(&self) -> String {
        let list: Vec<String> = self.editions().iter().map(|r| r.to_string()).collect();
        if list.is_empty() {
            "any year".into()
        } else {
            list.join(", ")
        }
    }

    /// The spec for a year: the edition covering it, with the tier rule in force that year.
    ///
    /// `None` is accepted only when the definition has a single edition.
    pub fn resolve(&self, year: Option<i32>) -> Result<IndexSpec, SpecError> {
        let found = match year {
            None if self.editions.len() > 1 => {
                return Err(SpecError::YearRequired { index: self.id().into(), available: self.available() })
            }
            None => self.editions.first(),
            Some(y) => self.editions.iter().find(|(r, _)| r.is_none_or(|r| r.contains(y))),
        };
        let Some((_, spec)) = found else {
            return Err(SpecError::NoEdition {
                index: self.id().into(),
                year: year.unwrap_or_default(),
                available: self.available(),
            });
        };
        let mut spec = spec.clone();
        spec.tiers = self
            .tiers
            .iter()
            .find(|(from, to, _)| match year {
                Some(y) => from.is_none_or(|f| f <= y) && to.is_none_or(|t| y <= t),
                None => from.is_none() && to.is_none(),
            })
            .map(|(_, _, rule)| rule.clone());
        Ok(spec)
    }

    /// The definition as JSON (the file form).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.file).unwrap_or_default()
    }

    /// The definition as TOML (the file form).
    pub fn to_toml(&self) -> Result<String, SpecError> {
        to_toml(&self.file)
    }
}

impl IndexSpec {
    /// This edition in file form (what [`Self::to_json`] writes), e.g. to hand to serde.
    pub fn to_file(&self) -> SpecFile {
        to_file(self)
    }

    /// This edition as a standalone JSON specification.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&to_file(self)).unwrap_or_default()
    }

    /// This edition as a standalone TOML specification.
    pub fn to_toml(&self) -> Result<String, SpecError> {
        to_toml(&to_file(self))
    }
}

/// A spec file from TOML text.
#[cfg(feature = "toml")]
fn parse_toml(text: &str) -> Result<SpecFile, SpecError> {
    toml::from_str(text).map_err(|e| SpecError::Parse { format: "toml", message: toml_message(text, &e) })
}

/// A spec file as TOML text.
#[cfg(feature = "toml")]
fn to_toml(file: &SpecFile) -> Result<String, SpecError> {
    toml::to_string(file).map_err(|e| SpecError::Parse { format: "toml", message: e.to_string() })
}

#[cfg(not(feature = "toml"))]
fn parse_toml(_text: &str) -> Result<SpecFile, SpecError> {
    Err(no_toml())
}

#[cfg(not(feature = "toml"))]
fn to_toml(_file: &SpecFile) -> Result<String, SpecError> {
    Err(no_toml())
}

/// The error for TOML without the `toml` feature: it names the feature and the way out.
#[cfg(not(feature = "toml"))]
fn no_toml() -> SpecError {
    SpecError::Parse {
        format: "toml",
        message: "this build of chiso reads JSON specifications only (it was built without its `toml` \
                  feature); give the specification as JSON, with the same fields"
            .into(),
    }
}

/// Every number of the file is finite and every weight non-negative, including those of nodes
/// no edition keeps: what is accepted must also be writable (JSON has no NaN) and read back.
fn check_numbers(file: &SpecFile) -> Result<(), SpecError> {
    let finite = |node: &str, field: &'static str, value: Option<f64>| match value {
        Some(v) if !v.is_finite() => Err(SpecError::NonFinite { node: node.to_owned(), field }),
        _ => Ok(()),
    };
    let weight = |node: &str, field: &'static str, value: Option<f64>| {
        finite(node, field, value)?;
        match value {
            Some(weight) if weight < 0.0 => Err(SpecError::NegativeWeight { node: node.to_owned(), weight }),
            _ => Ok(()),
        }
    };
    for n in &file.nodes {
        weight(&n.id, "weight", n.weight)?;
        finite(&n.id, "multiplier", n.multiplier)?;
        finite(&n.id, "scale minimum", n.scale.map(|s| s.min))?;
        finite(&n.id, "scale maximum", n.scale.map(|s| s.max))?;
        for value in n.normalise.iter().flat_map(|m| m.params.values()) {
            if let super::file::Param::Number(v) = value {
                finite(&n.id, "normalisation parameter", Some(*v))?;
            }
        }
        finite(&n.id, "imputation value", n.impute.as_ref().and_then(|i| i.value))?;
    }
    for e in &file.editions {
        for (node, &w) in &e.weights {
            weight(node, "edition weight", Some(w))?;
        }
    }
    Ok(())
}

/// The TOML parser's message with its line and column, without the quoted source line (which
/// for a hostile one-line file would be the whole file).
#[cfg(feature = "toml")]
fn toml_message(text: &str, error: &toml::de::Error) -> String {
    let message = clip(error.message().trim().to_owned());
    let Some(before) = error.span().and_then(|span| text.get(..span.start)) else {
        return message;
    };
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{message} at line {line}, column {column}")
}

/// A parser message cut to 300 characters: it may quote a key or value of any length.
fn clip(message: String) -> String {
    match message.char_indices().nth(300) {
        Some((end, _)) => format!("{}…", &message[..end]),
        None => message,
    }
}

/// serde_json's message, clipped, with its line and column kept.
fn json_message(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let at = format!(" at line {} column {}", error.line(), error.column());
    match full.strip_suffix(&at) {
        Some(message) => format!("{}{at}", clip(message.to_owned())),
        None => clip(full),
    }
}
