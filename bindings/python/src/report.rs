//! The province report ([`chiso::report::report`]).

use chiso::plan::Target;
use chiso::report::ReportFormat;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::data::Dataset;
use crate::error::run;
use crate::spec::Spec;

/// A one-page report on `unit` in `year` (score, rank, change, sub-indices, weakest
/// components, the plan to reach `target`, default the top 10 or the top third of a field
/// under 30 units), as Markdown (`format="md"`)
/// or a standalone HTML page with SVG charts (`format="html"`), in `lang` `"vi"` or `"en"`.
#[pyfunction]
#[pyo3(signature = (spec, data, unit, *, year=None, target=None, lang="vi", format="md"))]
#[allow(clippy::too_many_arguments)] // the Python keyword arguments
pub fn report(
    py: Python<'_>,
    spec: &Bound<'_, Spec>,
    data: &Bound<'_, Dataset>,
    unit: &str,
    year: Option<i32>,
    target: Option<&str>,
    lang: &str,
    format: &str,
) -> PyResult<String> {
    let format = match format {
        "md" | "markdown" => ReportFormat::Markdown,
        "html" => ReportFormat::Html,
        other => return Err(PyValueError::new_err(format!("format must be 'md' or 'html', not {other:?}"))),
    };
    if lang != "vi" && lang != "en" {
        return Err(PyValueError::new_err(format!("lang must be 'vi' or 'en', not {lang:?}")));
    }
    let (definition, dataset) = (&spec.get().inner, &data.get().inner);
    run(py, || {
        let target = target.map(str::parse::<Target>).transpose()?;
        chiso::report::report(definition, dataset, unit, year, target, lang, format)
    })
}
