//! Host tests: the file format, migrations, the action plan's exports, the storage library on an in-memory backend, and
//! the published JSON Schema. Run with `cargo test --test host`.

#[path = "host/bad_inputs.rs"]
mod bad_inputs;
#[path = "host/common.rs"]
mod common;
#[path = "host/exports.rs"]
mod exports;
#[path = "host/format.rs"]
mod format;
#[path = "host/store.rs"]
mod store;
