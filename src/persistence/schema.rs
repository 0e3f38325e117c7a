//! The JSON Schema of the file envelope, generated from the Rust types. A host test keeps the
//! published copy in `public/schema/` equal to this.

use super::format::Envelope;

/// Where the published schema lives, relative to the crate root.
pub const PUBLISHED_PATH: &str = "public/schema/alliance-planner.schema.json";

/// The schema, pretty-printed with a trailing newline.
pub fn generate() -> String {
    let schema = schemars::schema_for!(Envelope<'static>);
    let mut out = serde_json::to_string_pretty(&schema).unwrap_or_default();
    out.push('\n');
    out
}
