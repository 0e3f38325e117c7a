//! One file per step of the guided journey.

pub mod action_plan;
pub mod activities;
pub mod change;
pub mod evaluation;
pub mod foundations;
pub mod goals;
pub mod overview;
pub mod partners;
pub mod power;
pub mod registry;
pub mod stakeholders;
pub mod strategy;
pub mod success;
pub mod swot;
