//! Mounting only: everything else lives in the library crate.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    alliance_planner::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
