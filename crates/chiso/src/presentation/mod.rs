//! Presentation: numbers rounded for display (the one formatter the CLI, Python and JS use)
//! and province reports. Rounding happens here and nowhere in computation.

pub mod display;
pub mod profile_page;
pub mod report;
