//! The page itself: moving the focus, the window title, printing one part, and narrow
//! layouts.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// Set when a new page had no heading to focus yet (its code was still loading).
    static HEADING_PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Moves focus to the page's main heading once the new page is drawn.
pub fn focus_heading() {
    request_animation_frame(|| {
        let found = document()
            .query_selector("main h1")
            .ok()
            .flatten()
            .and_then(|h1| h1.dyn_into::<web_sys::HtmlElement>().ok());
        HEADING_PENDING.with(|p| p.set(found.is_none()));
        if let Some(h1) = found {
            if !h1.has_attribute("tabindex") {
                let _ = h1.set_attribute("tabindex", "-1");
            }
            let _ = h1.focus();
        }
    });
}

/// Focuses the page's heading if a page change wanted to and could not, because the page's
/// code was still loading.
pub fn focus_heading_if_pending() {
    if HEADING_PENDING.with(|p| p.replace(false)) {
        focus_heading();
    }
}

/// Focuses the element matching `selector`, once the view has been drawn.
pub fn focus_later(selector: impl Into<String>) {
    let selector = selector.into();
    request_animation_frame(move || {
        // HTML and SVG elements both have `focus()`; web-sys types it on each separately.
        if let Some(el) = document().query_selector(&selector).ok().flatten()
            && let Ok(focus) = js_sys::Reflect::get(&el, &"focus".into())
            && let Some(focus) = focus.dyn_ref::<js_sys::Function>()
        {
            let _ = focus.call0(&el);
        }
    });
}

/// Prints one part of the page: while the print dialog is open, `<html>` carries `class`
/// (`print-…`), and the print stylesheet hides everything but that part. The class comes off
/// on "afterprint" (see `Shell`), since `print()` does not block in every browser. Printing
/// waits a moment, so a part that was just opened is drawn first.
pub fn print_only(class: &'static str) {
    set_timeout(
        move || {
            if let Some(root) = document().document_element() {
                let _ = root.class_list().add_1(class);
            }
            let _ = window().print();
        },
        std::time::Duration::from_millis(50),
    );
}

/// Sets the window title.
pub fn set_title(title: &str) {
    document().set_title(title);
}

fn is_narrow() -> bool {
    window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w < 700.0)
}

/// True on narrow screens (under 700 px) and while printing, when diagrams run top to bottom;
/// follows resizing and printing until the calling component goes away.
pub fn narrow_layout() -> RwSignal<bool> {
    let narrow = RwSignal::new(is_narrow());
    let resize = window_event_listener(ev::resize, move |_| narrow.set(is_narrow()));
    let before = window_event_listener_untyped("beforeprint", move |_| narrow.set(true));
    let after = window_event_listener_untyped("afterprint", move |_| narrow.set(is_narrow()));
    on_cleanup(move || {
        resize.remove();
        before.remove();
        after.remove();
    });
    narrow
}
