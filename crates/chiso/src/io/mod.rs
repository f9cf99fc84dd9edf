//! Files other than CSV: spreadsheets in and out (`xlsx` feature).
//!
//! Each reader produces the same [`crate::Dataset`] CSV input gives, so scoring and every
//! analysis downstream are the one engine whatever the file was.

pub mod xlsx;
