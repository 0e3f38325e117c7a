//! The storage meter: how much of this page's browser storage the plans use.

use leptos::prelude::*;

use crate::i18n::*;
use crate::page::format;
use crate::state::use_library;

#[component]
pub fn StorageMeter() -> impl IntoView {
    let i18n = use_i18n();
    let library = use_library();
    let percent = move || {
        library
            .usage
            .get()
            .map(|u| (u.ratio() * 100.0).round().min(100.0) as u32)
            .unwrap_or(0)
    };
    view! {
        <section class="meter" aria-labelledby="meter-label">
            <h2 id="meter-label" class="meter__label">{t_string!(i18n, meter.label)}</h2>
            {move || library.usage.get().map(|u| view! {
                <meter
                    id="storage-meter"
                    aria-labelledby="meter-label"
                    min="0"
                    max=u.quota as f64
                    low=u.quota as f64 * 0.6
                    high=u.quota as f64 * crate::persistence::store::WARN_RATIO
                    optimum="0"
                    value=u.used as f64
                ></meter>
                <p class="meter__value">
                    {if u.used < 1024 * 1024 {
                        t_string!(i18n, meter.value_small, used = format::kilobytes(u.used), quota = format::megabytes(u.quota), percent = percent()).to_string()
                    } else {
                        t_string!(i18n, meter.value, used = format::megabytes(u.used), quota = format::megabytes(u.quota), percent = percent()).to_string()
                    }}
                </p>
                {u.is_high().then(|| view! {
                    <p class="alert alert--warning" role="alert">
                        <strong>{t_string!(i18n, meter.warn, percent = percent())}</strong>
                    </p>
                })}
            })}
            {move || library.persisted.get().map(|granted| if granted {
                view! { <p class="hint">{t_string!(i18n, meter.persisted)}</p> }.into_any()
            } else {
                view! { <p class="hint">{t_string!(i18n, meter.not_persisted)}</p> }.into_any()
            })}
        </section>
    }
}
