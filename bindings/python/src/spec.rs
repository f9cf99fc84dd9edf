//! `Spec`: an index specification ([`chiso::IndexDefinition`]) with all its editions, or a
//! single edition resolved for a year.

use std::path::PathBuf;

use chiso::spec::{Aggregation, Direction, Labels, Node, Normalisation};
use chiso::{IndexDefinition, IndexSpec};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::error::run;

/// An index specification: a validated tree of nodes with weights, scales and methods,
/// possibly with editions that change it by year.
///
/// Read one with `Spec.from_json`, `Spec.from_toml`, `Spec.from_path` or `Spec.from_dict`,
/// or take a preset with `chiso.preset("pci")`.
#[pyclass(module = "chiso", name = "Spec", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    /// The definition (every edition).
    pub inner: IndexDefinition,
}

impl Spec {
    /// Wraps a definition.
    pub fn new(inner: IndexDefinition) -> Self {
        Spec { inner }
    }
}

/// `{"vi": ..., "en": ...}`.
pub fn labels_dict<'py>(py: Python<'py>, labels: &Labels) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("vi", &labels.vi)?;
    dict.set_item("en", labels.get("en"))?;
    Ok(dict)
}

fn direction_name(direction: Direction) -> &'static str {
    direction.name()
}

fn aggregation_name(aggregation: Option<Aggregation>) -> Option<&'static str> {
    aggregation.map(Aggregation::name)
}

/// `(name, low, high)` of a leaf's normalisation.
fn normalisation(normalise: &Normalisation) -> (&'static str, Option<f64>, Option<f64>) {
    match *normalise {
        Normalisation::MinMax { low, high, .. }
        | Normalisation::PercentileRank { low, high, .. }
        | Normalisation::Goalposts { low, high, .. } => (normalise.name(), Some(low), Some(high)),
        _ => (normalise.name(), None, None),
    }
}

fn node_dict<'py>(py: Python<'py>, spec: &IndexSpec, node: &Node) -> PyResult<Bound<'py, PyDict>> {
    let nodes = spec.nodes();
    let dict = PyDict::new(py);
    dict.set_item("id", &node.id)?;
    dict.set_item("label_vi", &node.label.vi)?;
    dict.set_item("label_en", node.label.get("en"))?;
    dict.set_item("weight", node.weight)?;
    dict.set_item("direction", direction_name(node.direction))?;
    dict.set_item("parent", node.parent.map(|p| nodes[p].id.as_str()))?;
    dict.set_item("depth", node.depth)?;
    let children: Vec<&str> = node.children.iter().map(|&c| nodes[c].id.as_str()).collect();
    dict.set_item("children", children)?;
    dict.set_item("aggregation", aggregation_name(node.aggregation))?;
    dict.set_item("multiplier", node.multiplier)?;
    let (method, low, high) = normalisation(&node.normalise);
    dict.set_item("normalise", method)?;
    dict.set_item("normalise_low", low)?;
    dict.set_item("normalise_high", high)?;
    dict.set_item("scale_min", node.scale.map(|s| s.min))?;
    dict.set_item("scale_max", node.scale.map(|s| s.max))?;
    Ok(dict)
}

#[pymethods]
impl Spec {
    /// Reads and validates a JSON specification.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        run(py, || Ok(Spec::new(IndexDefinition::from_json(text)?)))
    }

    /// Reads and validates a TOML specification.
    #[staticmethod]
    fn from_toml(py: Python<'_>, text: &str) -> PyResult<Self> {
        run(py, || Ok(Spec::new(IndexDefinition::from_toml(text)?)))
    }

    /// Reads a specification file: JSON or TOML by its extension (`.json`, `.toml`), else by
    /// its first character.
    #[staticmethod]
    fn from_path(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        run(py, || Ok(Spec::new(IndexDefinition::from_path(&path)?)))
    }

    /// Reads a specification from a dict shaped like the JSON file (via `json.dumps`).
    #[staticmethod]
    fn from_dict(py: Python<'_>, spec: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text: String = py.import("json")?.call_method1("dumps", (spec,))?.extract()?;
        Self::from_json(py, &text)
    }

    /// The specification as JSON (the file form, every edition).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || Ok(self.inner.to_json()))
    }

    /// The specification as TOML (the file form, every edition).
    fn to_toml(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || Ok(self.inner.to_toml()?))
    }

    /// The specification as a dict (the parsed JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let json = self.to_json(py)?;
        py.import("json")?.call_method1("loads", (json,))
    }

    /// Index id, e.g. `pci`.
    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }

    /// Name of the index: `{"vi": ..., "en": ...}`.
    #[getter]
    fn label<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        labels_dict(py, &self.inner.label())
    }

    /// Free-text description (publisher, sources, caveats), if any.
    #[getter]
    fn description(&self) -> Option<&str> {
        self.inner.file().description.as_deref()
    }

    /// Year ranges `(from, to)` of the editions; empty when the spec applies to any year.
    #[getter]
    fn editions(&self) -> Vec<(i32, i32)> {
        self.inner.editions().iter().map(|r| (r.from, r.to)).collect()
    }

    /// The single edition in force in `year`, as a spec of its own (with that year's tier rule).
    ///
    /// `year` may be omitted only when the spec has a single edition.
    #[pyo3(signature = (year=None))]
    fn resolve(&self, py: Python<'_>, year: Option<i32>) -> PyResult<Self> {
        run(py, || Ok(Spec::new(IndexDefinition::from_spec(&self.inner.resolve(year)?))))
    }

    /// The nodes of the edition in force in `year` (or of the only edition), in file order:
    /// one dict per node with id, labels, weight, direction, parent, depth, children,
    /// aggregation, multiplier, normalisation and scale.
    #[pyo3(signature = (year=None))]
    fn nodes<'py>(&self, py: Python<'py>, year: Option<i32>) -> PyResult<Bound<'py, PyList>> {
        let spec = run(py, || Ok(self.inner.resolve(year)?))?;
        let rows = spec.nodes().iter().map(|node| node_dict(py, &spec, node)).collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, rows)
    }

    fn __repr__(&self) -> String {
        let editions: Vec<String> = self.inner.editions().iter().map(|r| r.to_string()).collect();
        let editions = if editions.is_empty() { "any year".to_owned() } else { editions.join(", ") };
        format!("<chiso.Spec '{}' ({}), editions: {}>", self.inner.id(), self.inner.label().get("en"), editions)
    }
}
