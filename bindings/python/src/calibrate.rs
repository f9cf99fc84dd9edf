//! Calibration ([`chiso::calibrate`]): the fit as a plain dict and the calibrated node as a
//! `Spec`.

use pyo3::prelude::*;

use crate::data::Dataset;
use crate::error::run;
use crate::spec::Spec;

/// Fits `target` as an affine function of the children's columns over the units of `year`
/// (the core's `Calibration`, as a dict), and the calibrated node as a `Spec` (`None` when the
/// fit does not depend on any child).
#[pyfunction]
#[pyo3(signature = (data, target, *, columns=None, method="weighted_mean", year=None, tolerance=1e-4, scale=None, worst=10, drop_collinear=false))]
#[allow(clippy::too_many_arguments)]
pub fn calibrate_result<'py>(
    py: Python<'py>,
    data: &Bound<'py, Dataset>,
    target: &str,
    columns: Option<Vec<String>>,
    method: &str,
    year: Option<i32>,
    tolerance: f64,
    scale: Option<(f64, f64)>,
    worst: usize,
    drop_collinear: bool,
) -> PyResult<(Bound<'py, PyAny>, Option<Spec>)> {
    let dataset = &data.get().inner;
    let (fit, definition) = run(py, || {
        let method = chiso::calibrate::CalibrationMethod::from_name(method, target)?;
        let options = chiso::calibrate::CalibrateOptions {
            target: target.into(),
            columns,
            method,
            year,
            tolerance,
            scale,
            worst,
            drop_collinear,
        };
        let fit = chiso::calibrate::calibrate(dataset, &options)?;
        let definition = fit.to_definition().ok();
        Ok((fit, definition))
    })?;
    Ok((crate::to_python(py, &fit)?, definition.map(Spec::new)))
}
