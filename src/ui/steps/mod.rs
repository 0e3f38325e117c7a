//! One file per step of the journey.

pub mod overview;
