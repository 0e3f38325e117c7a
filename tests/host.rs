//! Host tests: the file format, migrations, the action plan's exports, SMARTIE goals and
//! evaluation, the report and the share copy, the storage library on an in-memory backend, and
//! the published JSON Schema. Run with `cargo test --test host`.

#[path = "host/bad_inputs.rs"]
mod bad_inputs;
#[path = "host/common.rs"]
mod common;
#[path = "host/exports.rs"]
mod exports;
#[path = "host/format.rs"]
mod format;
#[path = "host/goals.rs"]
mod goals;
#[path = "host/list.rs"]
mod list;
#[path = "host/lock.rs"]
mod lock;
#[path = "host/merge.rs"]
mod merge;
#[path = "host/private.rs"]
mod private;
#[path = "host/report.rs"]
mod report;
#[path = "host/roundtrip.rs"]
mod roundtrip;
#[path = "host/store.rs"]
mod store;
