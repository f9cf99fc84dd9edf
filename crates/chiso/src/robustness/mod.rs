//! Robustness: how far results move when the choices behind the index vary (uncertainty),
//! which choices matter (sensitivity), and how the components hang together (audit). All
//! evaluate the same compiled engine with per-sample overrides.

pub mod audit;
pub mod sensitivity;
pub mod statistics;
pub mod uncertainty;
