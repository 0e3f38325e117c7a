//! Host tests: the file format, migrations, the storage library on an in-memory backend, and
//! the published JSON Schema. Run with `cargo test --test host`.

#[path = "host/bad_inputs.rs"]
mod bad_inputs;
#[path = "host/common.rs"]
mod common;
#[path = "host/format.rs"]
mod format;
#[path = "host/store.rs"]
mod store;
