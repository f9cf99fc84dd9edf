//! Per-evaluation overrides of the nominal choices, and the buffers an evaluation reuses.

use super::{Engine, Kind};
use crate::rank::RankBuffer;
use crate::spec::{Aggregation, Normalisation};

/// One evaluation's parameters, reset to the nominal ones before each sample.
#[derive(Debug, Clone)]
pub(crate) struct Scenario {
    pub(crate) weight: Vec<f64>,
    pub(crate) method: Vec<Aggregation>,
    pub(crate) normalise: Vec<Normalisation>,
    pub(crate) excluded: Vec<bool>,
    pub(crate) noisy: Vec<bool>,
    /// Perturbed raw values of noisy leaves (buffers kept between samples).
    pub(crate) raw: Vec<Vec<f64>>,
    /// Nodes whose own parameters differ from the nominal ones.
    pub(crate) changed: Vec<bool>,
}

impl Scenario {
    /// The nominal parameters, with every computed node marked to be evaluated.
    pub(crate) fn nominal(engine: &Engine<'_>) -> Scenario {
        let count = engine.ids.len();
        let mut s = Scenario {
            weight: engine.weight.clone(),
            method: vec![Aggregation::WeightedMean; count],
            normalise: vec![Normalisation::None; count],
            excluded: vec![false; count],
            noisy: vec![false; count],
            raw: vec![Vec::new(); count],
            changed: vec![false; count],
        };
        s.reset(engine);
        for n in 0..count {
            s.changed[n] = engine.computed(n);
        }
        s
    }

    /// Back to the nominal parameters with nothing changed, keeping the buffers.
    pub(crate) fn reset(&mut self, engine: &Engine<'_>) {
        self.weight.copy_from_slice(&engine.weight);
        for (n, kind) in engine.kinds.iter().enumerate() {
            match kind {
                Kind::Group { method, .. } => self.method[n] = *method,
                Kind::Leaf { normalise, .. } => {
                    if self.normalise[n] != *normalise {
                        self.normalise[n] = normalise.clone();
                    }
                }
                Kind::Unavailable => {}
            }
        }
        self.excluded.fill(false);
        self.noisy.fill(false);
        self.changed.fill(false);
    }
}

/// Buffers of one evaluating thread.
#[derive(Debug, Clone)]
pub(crate) struct Work {
    pub(crate) values: Vec<Vec<f64>>,
    pub(crate) dirty: Vec<bool>,
    pub(crate) child_values: Vec<f64>,
    pub(crate) ranks: RankBuffer,
}

impl Work {
    pub(crate) fn new(engine: &Engine<'_>) -> Work {
        let count = engine.ids.len();
        Work {
            values: (0..count).map(|_| Vec::with_capacity(engine.len())).collect(),
            dirty: vec![false; count],
            child_values: Vec::new(),
            ranks: RankBuffer::default(),
        }
    }
}
