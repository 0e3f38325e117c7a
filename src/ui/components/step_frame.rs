//! The frame every step shares: its heading and its guidance panel, then the step's own content.

use leptos::prelude::*;

/// A step's title, a guidance panel with a short heading and one or more paragraphs, and the
/// step's content.
#[component]
pub fn StepFrame(
    title: String,
    guidance_title: &'static str,
    guidance: Vec<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="step" aria-labelledby="step-title">
            <h2 id="step-title" tabindex="-1">{title}</h2>
            <aside class="guidance" aria-labelledby="guidance-title">
                <h3 id="guidance-title">{guidance_title}</h3>
                {guidance.into_iter().map(|p| view! { <p>{p}</p> }).collect::<Vec<_>>()}
            </aside>
            {children()}
        </section>
    }
}
