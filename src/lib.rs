//! Alliance Planner: plan an alliance or coalition, offline, in the browser.

pub mod domain;
pub mod persistence;
pub mod route;

#[cfg(target_arch = "wasm32")]
pub mod page;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
