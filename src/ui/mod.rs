//! Components. One file per page or step; small shared pieces live in `components/`.

pub mod components;
pub mod library;
pub mod not_found;
pub mod plan_view;
pub mod report;
pub mod steps;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::*;
use crate::page::dom::focus_heading;
use crate::route::Route;
use crate::state;
use components::notices::NoticeRegion;

/// Mounts the app on `<body>` and registers the service worker.
pub fn mount() {
    register_service_worker();
    // The page's static first paint (index.html) gives way to the app.
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
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
    let ctx = state::provide(t_string!(i18n, save.leave_unsaved).to_string());

    let _ = window_event_listener(ev::hashchange, move |_| ctx.nav.on_hash_change());
    let _ = window_event_listener(ev::storage, move |e: web_sys::StorageEvent| {
        ctx.on_storage_event(e.key());
    });
    let _ = window_event_listener(ev::pagehide, move |_| ctx.document.flush());
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
        ctx.document.flush();
        if ctx.document.has_unstored() {
            e.prevent_default();
            e.set_return_value("");
        }
    });
    // After moving to another page, put the keyboard and screen-reader focus on its heading.
    Effect::new(move |first: Option<()>| {
        ctx.nav.route.track();
        if first.is_some() {
            focus_heading();
        }
    });
    let _ = window_event_listener(ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            ctx.document.flush();
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
        <Show when=move || ctx.library.storage_error.with(|e| e.is_some())>
            <div class="alert alert--error app-alert" role="alert">
                <p>{t_string!(i18n, app.storage_unavailable)}</p>
            </div>
        </Show>
        <main id="main" tabindex="-1" class="page">
            {move || match ctx.nav.route.get() {
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
