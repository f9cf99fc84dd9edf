//! Normalisation: rescaling raw indicator values across the units of one period.

use crate::spec::{Direction, Normalisation};

/// Why a column could not be normalised.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NormaliseIssue {
    /// Every value is the same, so min–max is undefined.
    Constant(f64),
}

/// Rescales one indicator over all units of a period.
///
/// `MinMax` gives `low + (high − low)·(x − min)/(max − min)`; for a lower-is-better indicator
/// `high − (high − low)·(x − min)/(max − min)`, so the best unit always scores `high`.
///
/// ```
/// use chiso::normalise::normalise;
/// use chiso::spec::{Direction, Normalisation};
/// let pci = Normalisation::MinMax { low: 1.0, high: 10.0 };
/// let up = normalise(pci, Direction::HigherIsBetter, &[2.0, 4.0, 6.0]).unwrap();
/// assert_eq!(up, vec![1.0, 5.5, 10.0]);
/// let down = normalise(pci, Direction::LowerIsBetter, &[2.0, 4.0, 6.0]).unwrap();
/// assert_eq!(down, vec![10.0, 5.5, 1.0]);
/// ```
pub fn normalise(method: Normalisation, direction: Direction, values: &[f64]) -> Result<Vec<f64>, NormaliseIssue> {
    match method {
        Normalisation::None => Ok(values.to_vec()),
        Normalisation::MinMax { low, high } => {
            let min = values.iter().copied().fold(f64::INFINITY, f64::min);
            let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if values.is_empty() {
                return Ok(Vec::new());
            }
            let range = max - min;
            if range == 0.0 {
                return Err(NormaliseIssue::Constant(min));
            }
            let span = high - low;
            Ok(values
                .iter()
                .map(|&x| {
                    let share = (x - min) / range;
                    match direction {
                        Direction::HigherIsBetter => low + span * share,
                        Direction::LowerIsBetter => high - span * share,
                    }
                })
                .collect())
        }
    }
}
