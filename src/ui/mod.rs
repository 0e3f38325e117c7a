//! Components. One file per page or step; small shared pieces live in `components/`.

pub mod components;
pub mod format;
pub mod library;
pub mod messages;
pub mod not_found;
pub mod plan_view;
pub mod report;
pub mod steps;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::*;
use crate::route::Route;
use crate::state::PlannerCtx;
use components::notices::NoticeRegion;

/// Mounts the app on `<body>` and registers the service worker.
pub fn mount() {
    register_service_worker();
    leptos::mount::mount_to_body(App);
}

/// The service worker makes the app open without a network after one visit. Registration is
/// relative, so the app works under any sub-path.
fn register_service_worker() {
    let navigator = window().navigator();
    let has_sw = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if has_sw {
        let _ = navigator.service_worker().register("./sw.js");
    }
}

#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Shell/>
        </I18nContextProvider>
    }
}

/// The page frame: skip link, header, the routed page, the live notice region and the footer.
#[component]
fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = PlannerCtx::provide(t_string!(i18n, save.leave_unsaved).to_string());

    let _ = window_event_listener(ev::hashchange, move |_| ctx.on_hash_change());
    let _ = window_event_listener(ev::storage, move |e: web_sys::StorageEvent| {
        ctx.on_storage_event(e.key());
    });
    let _ = window_event_listener(ev::pagehide, move |_| ctx.flush());
    // After printing one part of the page (see `print_only`), show the whole page again.
    let _ = window_event_listener_untyped("afterprint", |_| {
        if let Some(root) = document().document_element() {
            let list = root.class_list();
            let printing: Vec<String> = (0..list.length())
                .filter_map(|i| list.item(i))
                .filter(|c| c.starts_with("print-"))
                .collect();
            for class in printing {
                let _ = list.remove_1(&class);
            }
        }
    });
    // Closing or reloading the tab with edits that could not be saved asks first.
    let _ = window_event_listener(ev::beforeunload, move |e: web_sys::BeforeUnloadEvent| {
        ctx.flush();
        if ctx.has_unsaved() {
            e.prevent_default();
            e.set_return_value("");
        }
    });
    // After moving to another page, put the keyboard and screen-reader focus on its heading.
    Effect::new(move |first: Option<()>| {
        ctx.route.track();
        if first.is_some() {
            focus_heading();
        }
    });
    let _ = window_event_listener(ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            ctx.flush();
        }
    });

    let skip = move |e: ev::MouseEvent| {
        e.prevent_default();
        if let Some(main) = document().get_element_by_id("main")
            && let Ok(main) = main.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = main.focus();
        }
    };

    view! {
        <a class="skip-link" href="#main" on:click=skip>{t_string!(i18n, app.skip)}</a>
        <header class="app-header">
            <a class="app-header__name" href="#/">{t_string!(i18n, app.name)}</a>
            <p class="app-header__tagline">{t_string!(i18n, app.tagline)}</p>
        </header>
        <Show when=move || ctx.storage_error.with(|e| e.is_some())>
            <div class="alert alert--error app-alert" role="alert">
                <p>{t_string!(i18n, app.storage_unavailable)}</p>
            </div>
        </Show>
        <main id="main" tabindex="-1" class="page">
            {move || match ctx.route.get() {
                Route::Library => view! { <library::LibraryPage/> }.into_any(),
                Route::Plan { step, .. } => {
                    view! { <plan_view::PlanView page=plan_view::PlanPage::Step(step)/> }.into_any()
                }
                Route::Report { .. } => {
                    view! { <plan_view::PlanView page=plan_view::PlanPage::Report/> }.into_any()
                }
                Route::UnknownStep { id, slug } => {
                    view! { <not_found::UnknownStep id=id slug=slug/> }.into_any()
                }
                Route::NotFound => view! { <not_found::NotFound/> }.into_any(),
            }}
        </main>
        <NoticeRegion/>
        <footer class="app-footer">
            <p>{t_string!(i18n, app.footer_offline)}</p>
            <p>
                <a href="schema/alliance-planner.schema.json" download="alliance-planner.schema.json">
                    {t_string!(i18n, app.footer_schema)}
                </a>
                " · "
                {t_string!(i18n, app.footer_version, version = env!("CARGO_PKG_VERSION"))}
            </p>
        </footer>
    }
}

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
