//! The only code that touches storage or files.

pub mod error;
pub mod format;
pub mod lock;
pub mod memory;
pub mod migrate;
pub mod store;
pub mod strict;
pub mod vault;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod crypto;
#[cfg(target_arch = "wasm32")]
pub mod file;

#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
