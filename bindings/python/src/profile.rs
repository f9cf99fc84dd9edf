//! A unit's profile across indices ([`chiso::profile`]): sources in, the core's result out,
//! its page rendered by the core.

use std::path::PathBuf;

use chiso::plan::Target;
use chiso::profile::{profile, published_source, Manifest, ProfileOptions, Published, Source};
use chiso::report::ReportFormat;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::data::Dataset;
use crate::error::run;
use crate::spec::Spec;
use crate::units::UnitMapping;

/// A profile computed by the core: its rows (`to_dict`) and its page (`page`).
#[pyclass(module = "chiso", name = "_ProfileResult", frozen)]
pub struct ProfileResult {
    inner: chiso::profile::Profile,
}

#[pymethods]
impl ProfileResult {
    /// The profile as plain dicts and lists (its JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::to_python(py, &self.inner)
    }

    /// The profile page: Markdown (`"md"`) or a standalone HTML page with its chart (`"html"`),
    /// in `lang` `"vi"` or `"en"`.
    #[pyo3(signature = (lang="vi", format="md"))]
    fn page(&self, lang: &str, format: &str) -> PyResult<String> {
        let format = match format {
            "md" | "markdown" => ReportFormat::Markdown,
            "html" => ReportFormat::Html,
            other => return Err(PyValueError::new_err(format!("format must be 'md' or 'html', not {other:?}"))),
        };
        if lang != "vi" && lang != "en" {
            return Err(PyValueError::new_err(format!("lang must be 'vi' or 'en', not {lang:?}")));
        }
        Ok(chiso::presentation::profile_page::render(&self.inner, lang, format))
    }
}

fn targets(items: &[String]) -> Result<Vec<Target>, chiso::Error> {
    items.iter().map(|t| t.parse::<Target>().map_err(chiso::Error::from)).collect()
}

/// One source as the Python package passes it: `(index, spec or None, data, published,
/// unit in this source, targets)`.
type SourceArg<'py> = (String, Option<Bound<'py, Spec>>, Bound<'py, Dataset>, bool, Option<String>, Vec<String>);

/// The profile of `unit` in `year` across `sources` (see `chiso.profile`).
#[pyfunction]
#[pyo3(signature = (unit, year, sources, *, previous=None, targets=Vec::new(), mapping=None))]
pub fn profile_result(
    py: Python<'_>,
    unit: &str,
    year: i32,
    sources: Vec<SourceArg<'_>>,
    previous: Option<i32>,
    targets: Vec<String>,
    mapping: Option<&Bound<'_, UnitMapping>>,
) -> PyResult<ProfileResult> {
    let prepared: Vec<_> = sources
        .iter()
        .map(|(index, spec, data, published, unit, targets)| {
            let definition = spec.as_ref().map(|s| s.get().inner.clone());
            (index.clone(), definition, data.get().inner.clone(), *published, unit.clone(), targets.clone())
        })
        .collect();
    let mapping = mapping.map(|m| m.get().inner.clone());
    run(py, move || {
        let mut built = Vec::with_capacity(prepared.len());
        for (index, definition, data, published, unit, source_targets) in prepared {
            let mut source = if published {
                published_source(&index, Published::from_dataset(&data)?, year)
            } else {
                let definition = match definition {
                    Some(d) => d,
                    None => chiso::presets::get(&index)?,
                };
                Source::table(definition.id().to_owned(), definition, data)
            };
            source.unit = unit;
            source.targets = self::targets(&source_targets)?;
            built.push(source);
        }
        let options = ProfileOptions { previous, targets: self::targets(&targets)?, mapping };
        Ok(ProfileResult { inner: profile(&built, unit, year, &options)? })
    })
}

/// The profile described by a manifest file (TOML or JSON); `unit`, `year`, `previous` and
/// `targets` override or add to the manifest's.
#[pyfunction]
#[pyo3(signature = (path, *, unit=None, year=None, previous=None, targets=Vec::new()))]
pub fn profile_manifest(
    py: Python<'_>,
    path: PathBuf,
    unit: Option<String>,
    year: Option<i32>,
    previous: Option<i32>,
    targets: Vec<String>,
) -> PyResult<ProfileResult> {
    run(py, move || {
        let mut loaded = Manifest::load(&path, year)?;
        let invalid = |message: &str| chiso::ComputeError::InvalidTarget { message: message.into() };
        let unit = unit.or(loaded.unit).ok_or_else(|| invalid("give unit= (or `unit` in the manifest)"))?;
        let year = loaded.year.ok_or_else(|| invalid("give year= (or `year` in the manifest)"))?;
        loaded.options.previous = previous.or(loaded.options.previous);
        loaded.options.targets.extend(self::targets(&targets)?);
        Ok(ProfileResult { inner: profile(&loaded.sources, &unit, year, &loaded.options)? })
    })
}
