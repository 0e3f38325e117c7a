//! One file per step of the journey.

pub mod overview;
pub mod partners;
