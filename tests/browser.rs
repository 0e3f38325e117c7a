//! Browser tests: the localStorage adapter against real storage (a full quota, corrupt
//! entries, a blocked read-back), and components mounted in headless Chromium.
//! Run with `cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use alliance_planner::domain::Plan;
use alliance_planner::persistence::browser::WebStorage;
use alliance_planner::persistence::error::{ImportError, SaveError, StorageError};
use alliance_planner::persistence::store::{Backend, Library, plan_key, recovery_key};
use chrono::DateTime;
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> alliance_planner::domain::Timestamp {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

fn fresh_library() -> Library<WebStorage> {
    LocalStorage::clear();
    match WebStorage::open() {
        Ok(storage) => Library::new(storage),
        Err(e) => panic!("localStorage should open in the test browser: {e}"),
    }
}

/// Fills localStorage with filler until even a small write fails; returns the filler keys.
fn fill_storage() -> Vec<String> {
    let storage = LocalStorage::raw();
    let mut keys = Vec::new();
    let mut chunk = 1024 * 1024;
    while chunk >= 16 {
        let key = format!("filler-{}", keys.len());
        if storage.set_item(&key, &"x".repeat(chunk)).is_ok() {
            keys.push(key);
        } else {
            chunk /= 2;
        }
    }
    keys
}

#[wasm_bindgen_test]
fn real_local_storage_saves_and_reads_back() {
    let lib = fresh_library();
    let plan = Plan::new("Browser plan", now());
    let saved = lib
        .save(&plan, None, now())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        LocalStorage::raw()
            .get_item(&plan_key(plan.id))
            .ok()
            .flatten(),
        Some(saved.raw.clone())
    );
    let loaded = lib.load(plan.id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.plan.overview.name, "Browser plan");
    assert_eq!(loaded.plan.revision, 1);
}

#[wasm_bindgen_test]
fn a_full_quota_is_a_typed_error_and_the_last_good_copy_survives() {
    let lib = fresh_library();
    let mut plan = Plan::new("Quota", now());
    let base = lib
        .save(&plan, None, now())
        .map(|s| s.raw)
        .unwrap_or_else(|e| panic!("{e}"));
    let filler = fill_storage();
    assert!(!filler.is_empty());

    plan.overview.notes = "n".repeat(4096);
    let result = lib.save(&plan, Some(&base), now());
    assert_eq!(
        result.err(),
        Some(SaveError::Storage(StorageError::QuotaExceeded))
    );
    assert_eq!(
        LocalStorage::raw()
            .get_item(&plan_key(plan.id))
            .ok()
            .flatten(),
        Some(base.clone())
    );
    assert_eq!(
        lib.load(plan.id).map(|l| l.plan.overview.notes).ok(),
        Some(String::new())
    );

    // The browser's own refusal maps to the same error through the adapter.
    let storage = WebStorage::open().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        storage.set("one-more", &"y".repeat(100_000)),
        Err(StorageError::QuotaExceeded)
    );

    for key in filler {
        LocalStorage::delete(key);
    }
    assert!(
        lib.save(&plan, Some(&base), now()).is_ok(),
        "saving works again once there is room"
    );
    LocalStorage::clear();
}

/// The adapter's write-and-read-back and copy stay in the page (no copy into wasm); they
/// must still write, compare, refuse a full quota, and copy nothing from an empty key.
#[wasm_bindgen_test]
fn the_adapter_writes_checks_and_copies_within_the_page() {
    let storage = match WebStorage::open() {
        Ok(s) => s,
        Err(e) => panic!("localStorage should open: {e}"),
    };
    LocalStorage::clear();
    let big = "é".repeat(200_000);
    assert_eq!(storage.set_and_check("a", &big), Ok(true));
    assert_eq!(
        storage.get("a").ok().flatten().as_deref(),
        Some(big.as_str())
    );
    assert_eq!(storage.copy("a", "b"), Ok(()));
    assert_eq!(
        storage.get("b").ok().flatten().as_deref(),
        Some(big.as_str())
    );
    assert_eq!(storage.copy("nothing-here", "c"), Ok(()));
    assert_eq!(storage.get("c"), Ok(None));
    let filler = fill_storage();
    assert_eq!(
        storage.set_and_check("d", &big),
        Err(StorageError::QuotaExceeded)
    );
    assert_eq!(storage.get("d"), Ok(None));
    assert_eq!(storage.copy("a", "e"), Err(StorageError::QuotaExceeded));
    drop(filler);
    LocalStorage::clear();
}

#[wasm_bindgen_test]
fn corrupt_entries_are_set_aside_and_every_other_plan_loads() {
    let lib = fresh_library();
    let good = Plan::new("Good", now());
    let bad = Plan::new("Broken", now());
    lib.save(&good, None, now())
        .unwrap_or_else(|e| panic!("{e}"));
    lib.save(&bad, None, now())
        .unwrap_or_else(|e| panic!("{e}"));
    let _ = lib.boot();
    let corrupt =
        "{\"format\":\"alliance-planner\",\"schema_version\":1,\"plans\":[{\"id\":\u{1F4A5}";
    let _ = LocalStorage::raw().set_item(&plan_key(bad.id), corrupt);
    let future = Plan::new("Newer", now());
    let future_raw = format!(
        r#"{{"format":"alliance-planner","schema_version":{},"plans":[{{"id":"{}"}}]}}"#,
        alliance_planner::persistence::migrate::CURRENT + 1,
        future.id
    );
    let _ = LocalStorage::raw().set_item(&plan_key(future.id), &future_raw);

    let report = lib.boot().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        report.plans.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![good.id]
    );
    assert_eq!(report.problems.len(), 2);
    let broken = report
        .problems
        .iter()
        .find(|p| p.id == bad.id.to_string())
        .unwrap_or_else(|| panic!("no problem for the broken plan"));
    assert_eq!(broken.name.as_deref(), Some("Broken"));
    assert!(matches!(broken.error, ImportError::Syntax { .. }));
    let recovered = LocalStorage::raw()
        .get_item(&recovery_key(&bad.id.to_string()))
        .ok()
        .flatten();
    assert_eq!(
        recovered.as_deref(),
        Some(corrupt),
        "the bytes are kept exactly"
    );
    assert_eq!(
        LocalStorage::raw()
            .get_item(&plan_key(future.id))
            .ok()
            .flatten(),
        Some(future_raw),
        "newer plans stay in place"
    );
    assert!(lib.load(good.id).is_ok());
    LocalStorage::clear();
}

// ----- components -----

async fn sleep(ms: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32));
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    leptos::task::tick().await;
}

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .unwrap_or_else(|| panic!("no document"))
}

fn mount_app() -> (web_sys::HtmlElement, impl Sized) {
    let root: web_sys::HtmlElement = document()
        .create_element("div")
        .ok()
        .and_then(|e| e.dyn_into().ok())
        .unwrap_or_else(|| panic!("no div"));
    let _ = document().body().map(|b| b.append_child(&root));
    let handle = leptos::mount::mount_to(root.clone(), alliance_planner::ui::App);
    (root, handle)
}

fn query<T: JsCast>(root: &web_sys::HtmlElement, selector: &str) -> Option<T> {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
}

fn button_with_text(root: &web_sys::HtmlElement, text: &str) -> Option<web_sys::HtmlElement> {
    let buttons = root.query_selector_all("button").ok()?;
    (0..buttons.length())
        .filter_map(|i| buttons.get(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .find(|b| {
            b.text_content()
                .unwrap_or_default()
                .trim()
                .starts_with(text)
        })
}

/// Clicks the button whose text is `text`; the test fails if there is none.
fn click(root: &web_sys::HtmlElement, text: &str) {
    button_with_text(root, text)
        .unwrap_or_else(|| panic!("no button {text:?}"))
        .click();
}

/// The page and storage both list `expected`, in order.
fn on_page_and_stored(page: Vec<String>, stored: Vec<String>, expected: &[&str]) {
    assert_eq!(page, expected, "on the page");
    assert_eq!(stored, expected, "in storage");
}

/// Waits for storage to list `expected`, then checks that the boxes at `boxes` show it too.
async fn settles_to(
    root: &web_sys::HtmlElement,
    boxes: &str,
    stored: impl Fn() -> Vec<String>,
    expected: &[&str],
) {
    wait_for(|| stored() == expected).await;
    on_page_and_stored(values_of(root, boxes), stored(), expected);
}

/// Sets a text box's value (input or textarea) and fires `input`, as typing would.
fn type_into(field: &web_sys::Element, value: &str) {
    let _ = js_sys::Reflect::set(field, &"value".into(), &value.into());
    if let Ok(ev) = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    }) {
        let _ = field.dispatch_event(&ev);
    }
}

/// Clicks `button`, then types `value` into the last element matching `selector` (the new item's
/// field).
async fn add_and_type(root: &web_sys::HtmlElement, button: &str, selector: &str, value: &str) {
    button_with_text(root, button)
        .unwrap_or_else(|| panic!("no {button} button"))
        .click();
    sleep(30).await;
    let fields = root
        .query_selector_all(selector)
        .ok()
        .unwrap_or_else(|| panic!("no {selector}"));
    let last: web_sys::Element = fields
        .get(fields.length().saturating_sub(1))
        .and_then(|n| n.dyn_into().ok())
        .unwrap_or_else(|| panic!("no {selector} to type into"));
    type_into(&last, value);
}

#[wasm_bindgen_test]
async fn new_plan_form_creates_a_plan_and_overview_edits_autosave() {
    LocalStorage::clear();
    let _ = web_sys::window().map(|w| w.location().set_hash("#/"));
    let (root, _handle) = mount_app();
    sleep(10).await;

    click(&root, "New plan");
    sleep(10).await;
    let name: web_sys::HtmlInputElement =
        query(&root, "#new-plan-name").unwrap_or_else(|| panic!("no name input"));
    type_into(&name, "Component test");
    click(&root, "Create plan");
    sleep(50).await;

    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    assert!(
        hash.starts_with("#/plan/") && hash.ends_with("/overview"),
        "navigated to {hash}"
    );
    let coalition: web_sys::HtmlInputElement =
        query(&root, "#ov-coalition").unwrap_or_else(|| panic!("no coalition field"));
    type_into(&coalition, "Northside Faith & Labour");
    sleep(10).await;
    let status = query::<web_sys::HtmlElement>(&root, "[role=status].save-status")
        .and_then(|s| s.text_content());
    assert_eq!(status.as_deref(), Some("Saving…"));

    wait_for(|| {
        query::<web_sys::HtmlElement>(&root, "[role=status].save-status")
            .and_then(|s| s.text_content())
            .is_some_and(|t| t.starts_with("Saved"))
    })
    .await;
    let status = query::<web_sys::HtmlElement>(&root, "[role=status].save-status")
        .and_then(|s| s.text_content())
        .unwrap_or_default();
    assert!(status.starts_with("Saved "), "status was {status:?}");
    let id = hash
        .trim_start_matches("#/plan/")
        .trim_end_matches("/overview");
    let stored = LocalStorage::raw()
        .get_item(&format!("alliance-planner/plan/{id}"))
        .ok()
        .flatten()
        .unwrap_or_default();
    assert!(
        stored.contains("Northside Faith & Labour"),
        "stored: {stored}"
    );

    let _ = web_sys::window().map(|w| w.location().set_hash("#/"));
    sleep(50).await;
    let list = query::<web_sys::HtmlElement>(&root, ".plan-list")
        .and_then(|l| l.text_content())
        .unwrap_or_default();
    assert!(
        list.contains("Component test") && list.contains("Northside Faith & Labour"),
        "library: {list}"
    );
    root.remove();
    LocalStorage::clear();
}

#[wasm_bindgen_test]
async fn user_text_is_rendered_as_text() {
    LocalStorage::clear();
    let lib = fresh_library();
    let plan = Plan::new("<img src=x onerror=alert(1)>", now());
    lib.save(&plan, None, now())
        .unwrap_or_else(|e| panic!("{e}"));
    let _ = web_sys::window().map(|w| w.location().set_hash("#/"));
    let (root, _handle) = mount_app();
    sleep(20).await;
    assert!(
        root.query_selector(".plan-list img")
            .ok()
            .flatten()
            .is_none()
    );
    let link =
        query::<web_sys::HtmlElement>(&root, ".plan-card__name a").and_then(|a| a.text_content());
    assert_eq!(link.as_deref(), Some("<img src=x onerror=alert(1)>"));
    root.remove();
    LocalStorage::clear();
}

#[wasm_bindgen_test]
async fn a_stored_corrupt_plan_shows_an_alert_naming_it() {
    let lib = fresh_library();
    let plan = Plan::new("Treasured plan", now());
    lib.save(&plan, None, now())
        .unwrap_or_else(|e| panic!("{e}"));
    let _ = lib.boot();
    let _ = LocalStorage::raw().set_item(&plan_key(plan.id), "{ not json");
    let _ = web_sys::window().map(|w| w.location().set_hash("#/"));
    let (root, _handle) = mount_app();
    sleep(20).await;
    let alert = query::<web_sys::HtmlElement>(&root, "[role=alert]")
        .and_then(|a| a.text_content())
        .unwrap_or_default();
    assert!(
        alert.contains("“Treasured plan” could not be read"),
        "alert: {alert}"
    );
    assert!(button_with_text(&root, "Download its data").is_some());
    root.remove();
    LocalStorage::clear();
    let _ = Duration::ZERO;
}

fn card_names(root: &web_sys::HtmlElement) -> Vec<String> {
    values_of(root, ".partner-card input[type=text]")
}

/// Waits up to 5 s for `done()` (an autosave landing, say); the caller asserts afterwards.
async fn wait_for(mut done: impl FnMut() -> bool) {
    for _ in 0..100 {
        if done() {
            return;
        }
        sleep(50).await;
    }
}

/// One text field of each item of a stored list (`list`, a JSON pointer into the plan).
fn stored_texts(id: &str, list: &str, field: &str) -> Vec<String> {
    stored_plan(id)
        .pointer(list)
        .and_then(|l| l.as_array())
        .map(|l| {
            l.iter()
                .map(|x| x[field].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn stored_partner_names(id: &str) -> Vec<String> {
    stored_texts(id, "/partners", "name")
}

fn stored_outcomes(id: &str) -> Vec<String> {
    stored_texts(id, "/theory_of_change/statements", "outcome")
}

fn stored_sheet_lines(id: &str) -> Vec<String> {
    stored_texts(id, "/success_sheet/entries/0/lines", "what")
}

fn stored_strengths(id: &str) -> Vec<String> {
    stored_texts(id, "/swot/strengths", "text")
}

fn stored_plan(id: &str) -> serde_json::Value {
    let raw = LocalStorage::raw()
        .get_item(&format!("alliance-planner/plan/{id}"))
        .ok()
        .flatten()
        .unwrap_or_default();
    let value: serde_json::Value = serde_json::from_str(&raw).unwrap_or_default();
    value["plans"][0].clone()
}

fn values_of(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    root.query_selector_all(selector)
        .ok()
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.get(i))
                .filter_map(|n| match n.dyn_into::<web_sys::HtmlInputElement>() {
                    Ok(input) => Some(input.value()),
                    Err(n) => n
                        .dyn_into::<web_sys::HtmlTextAreaElement>()
                        .ok()
                        .map(|t| t.value()),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn open_plan_at(step: &str) -> (String, Library<WebStorage>) {
    let lib = fresh_library();
    let plan = Plan::new("List editors", now());
    lib.save(&plan, None, now())
        .unwrap_or_else(|e| panic!("{e}"));
    let id = plan.id.to_string();
    let _ = web_sys::window().map(|w| w.location().set_hash(&format!("#/plan/{id}/{step}")));
    (id, lib)
}

/// A list editor driven as a person would: three items added and typed, the last moved up,
/// the first removed (after its question). The page and storage must agree at each step.
struct ListUnderTest {
    step: &'static str,
    add: &'static str,
    /// Each item's typed box.
    field: &'static str,
    /// What storage holds in those boxes, in order.
    stored: fn(&str) -> Vec<String>,
    typed: [&'static str; 3],
    /// The buttons that move the third item up and remove the first, and the confirmation.
    move_up: &'static str,
    remove: &'static str,
    confirm: &'static str,
}

async fn adds_reorders_and_removes(list: ListUnderTest) {
    let (id, _lib) = open_plan_at(list.step);
    let (root, _handle) = mount_app();
    sleep(30).await;
    let [a, b, c] = list.typed;
    let stored = || (list.stored)(&id);
    for value in list.typed {
        add_and_type(&root, list.add, list.field, value).await;
        wait_for(|| stored().last().map(String::as_str) == Some(value)).await;
    }
    on_page_and_stored(values_of(&root, list.field), stored(), &[a, b, c]);

    // Move the last one up: the page and storage follow.
    click(&root, list.move_up);
    wait_for(|| stored()[1] == c).await;
    on_page_and_stored(values_of(&root, list.field), stored(), &[a, c, b]);

    // Remove asks first, then removes and saves.
    click(&root, list.remove);
    sleep(30).await;
    assert_eq!(
        values_of(&root, list.field).len(),
        3,
        "nothing removed before the confirmation"
    );
    click(&root, list.confirm);
    wait_for(|| stored().len() == 2).await;
    on_page_and_stored(values_of(&root, list.field), stored(), &[c, b]);
    root.remove();
    LocalStorage::clear();
}

#[wasm_bindgen_test]
async fn the_partner_list_adds_reorders_and_removes_and_each_change_is_saved() {
    adds_reorders_and_removes(ListUnderTest {
        step: "partners",
        add: "Add partner",
        field: ".partner-card input[type=text]",
        stored: stored_partner_names,
        typed: ["Tenants' union", "St Anne's", "Youth forum"],
        move_up: "Move up Youth forum",
        remove: "Remove Tenants' union",
        confirm: "Remove partner",
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_statement_list_adds_reorders_and_removes_and_each_change_is_saved() {
    adds_reorders_and_removes(ListUnderTest {
        step: "theory-of-change",
        add: "Add statement",
        field: "textarea[id$='-then']",
        stored: stored_outcomes,
        typed: ["tenants sign", "council listens", "rents capped"],
        move_up: "Move up Statement 3",
        remove: "Remove Statement 1",
        confirm: "Remove statement",
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_activity_log_and_the_assessments_add_and_remove_and_each_change_is_saved() {
    let (id, _lib) = open_plan_at("activities");
    let (root, _handle) = mount_app();
    sleep(30).await;
    let stage: web_sys::HtmlInputElement =
        query(&root, "#stage-established").unwrap_or_else(|| panic!("no stage radio"));
    stage.click();
    sleep(30).await;
    let kinds = |id: &str| -> Vec<String> {
        stored_plan(id)["activities"]["log"]
            .as_array()
            .map(|l| {
                l.iter()
                    .map(|a| a["kind"].as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    for (n, button) in ["Log one Action", "Log one Coalition meeting"]
        .into_iter()
        .enumerate()
    {
        click(&root, button);
        wait_for(|| kinds(&id).len() == n + 1).await;
    }
    assert_eq!(stored_plan(&id)["activities"]["stage"], "established");
    assert_eq!(kinds(&id), ["coalition_meeting", "action"]);
    assert_eq!(
        root.query_selector_all("li.activity")
            .map(|l| l.length())
            .unwrap_or(0),
        2
    );

    click(&root, "Remove Action");
    sleep(30).await;
    click(&root, "Remove activity");
    wait_for(|| kinds(&id).len() == 1).await;
    assert_eq!(kinds(&id), ["coalition_meeting"]);
    assert_eq!(
        root.query_selector_all("li.activity")
            .map(|l| l.length())
            .unwrap_or(0),
        1
    );

    // Assessments: score a block, save, then remove the saved assessment.
    let _ = web_sys::window().map(|w| w.location().set_hash(&format!("#/plan/{id}/foundations")));
    sleep(100).await;
    let score: web_sys::HtmlSelectElement =
        query(&root, "#b-clear_roles-score").unwrap_or_else(|| panic!("no score"));
    score.set_value("4");
    if let Ok(ev) = web_sys::Event::new_with_event_init_dict("change", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    }) {
        let _ = score.dispatch_event(&ev);
    }
    sleep(30).await;
    click(&root, "Save scores for this date");
    let assessments = |id: &str| {
        stored_plan(id)["foundations"]["assessments"]
            .as_array()
            .map(Vec::len)
            .unwrap_or(0)
    };
    wait_for(|| assessments(&id) == 1).await;
    assert_eq!(assessments(&id), 1);
    assert_eq!(
        stored_plan(&id)["foundations"]["assessments"][0]["scores"]["clear_roles"],
        4
    );
    click(&root, "Remove the assessment of");
    sleep(30).await;
    click(&root, "Remove assessment");
    wait_for(|| assessments(&id) == 0).await;
    assert_eq!(assessments(&id), 0);
    root.remove();
    LocalStorage::clear();
}

/// Presses `key` on the focused element, as a keyboard would.
fn press(target: &web_sys::Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    if let Ok(ev) = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init) {
        let _ = target.dispatch_event(&ev);
    }
}

#[wasm_bindgen_test]
async fn the_power_map_moves_a_mark_with_the_arrow_keys_and_keeps_the_focus() {
    use alliance_planner::domain::power::{Stakeholder, StakeholderKind};
    let lib = fresh_library();
    let mut plan = Plan::new("Map", now());
    let mayor = Stakeholder::named(StakeholderKind::Target, "Mayor");
    let mark_id = format!("mark-{}", mayor.id);
    plan.power.stakeholders.push(mayor);
    lib.save(&plan, None, now())
        .unwrap_or_else(|e| panic!("{e}"));
    let id = plan.id.to_string();
    let _ = web_sys::window().map(|w| {
        w.location()
            .set_hash(&format!("#/plan/{id}/power-analysis"))
    });
    let (root, _handle) = mount_app();
    sleep(50).await;
    // The map runs across on wide windows and down on narrow ones; its keys follow.
    let wide = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= 700.0);
    let (toward_us, more_influence, away) = if wide {
        ("ArrowLeft", "ArrowUp", "ArrowRight")
    } else {
        ("ArrowUp", "ArrowLeft", "ArrowDown")
    };
    let placed = |id: &str| {
        let s = &stored_plan(id)["power"]["stakeholders"][0];
        (
            s["position"].as_str().unwrap_or_default().to_owned(),
            s["influence"].as_str().unwrap_or_default().to_owned(),
        )
    };
    let mark = || -> web_sys::Element {
        document()
            .get_element_by_id(&mark_id)
            .unwrap_or_else(|| panic!("no mark"))
    };
    let focused = || {
        document()
            .active_element()
            .map(|e| e.id())
            .unwrap_or_default()
    };
    let status = |root: &web_sys::HtmlElement| {
        query::<web_sys::HtmlElement>(root, ".power-map [role=status]")
            .map(|e| e.text_content().unwrap_or_default())
            .unwrap_or_default()
    };
    assert_eq!(placed(&id), ("neutral".into(), "medium".into()));

    press(&mark(), toward_us);
    wait_for(|| placed(&id).0 == "passive_ally").await;
    assert_eq!(placed(&id), ("passive_ally".into(), "medium".into()));
    wait_for(|| focused() == mark_id).await;
    assert_eq!(focused(), mark_id, "the redrawn mark keeps the focus");
    assert_eq!(
        status(&root),
        "Mayor is now: Passive ally, medium influence."
    );
    assert_eq!(
        mark().get_attribute("aria-label").unwrap_or_default(),
        "Mayor: Passive ally, medium influence. Arrow keys move."
    );

    press(&mark(), more_influence);
    wait_for(|| placed(&id).1 == "high").await;
    assert_eq!(placed(&id), ("passive_ally".into(), "high".into()));

    // The ends of the spectrum hold.
    for _ in 0..3 {
        press(&mark(), toward_us);
        sleep(60).await;
    }
    wait_for(|| placed(&id).0 == "active_ally").await;
    assert_eq!(placed(&id).0, "active_ally");
    press(&mark(), away);
    wait_for(|| placed(&id).0 == "passive_ally").await;
    assert_eq!(placed(&id), ("passive_ally".into(), "high".into()));
    // Other keys do nothing.
    press(&mark(), "a");
    sleep(400).await;
    assert_eq!(placed(&id), ("passive_ally".into(), "high".into()));
    root.remove();
    LocalStorage::clear();
}

#[wasm_bindgen_test]
async fn the_goal_coach_follows_the_typing_and_each_fix_clears_its_flag() {
    let (id, _lib) = open_plan_at("goals");
    let (root, _handle) = mount_app();
    sleep(30).await;
    let flags = |root: &web_sys::HtmlElement| -> Vec<String> {
        root.query_selector_all(".coach > .coach__flags li")
            .ok()
            .map(|list| {
                (0..list.length())
                    .filter_map(|i| list.get(i))
                    .map(|n| n.text_content().unwrap_or_default())
                    .map(|t| t.trim_start_matches("⚠ ").chars().take(2).collect())
                    .collect()
            })
            .unwrap_or_default()
    };
    let field = |root: &web_sys::HtmlElement, suffix: &str| -> web_sys::Element {
        query(root, &format!("[id$='{suffix}']")).unwrap_or_else(|| panic!("no {suffix}"))
    };
    add_and_type(
        &root,
        "Add a goal",
        "textarea[id$='-statement']",
        "Sign up members",
    )
    .await;
    sleep(20).await;
    assert_eq!(flags(&root), ["M:", "T:", "I:", "E:"]);

    type_into(&field(&root, "-target"), "60");
    sleep(20).await;
    assert_eq!(
        flags(&root),
        ["M:", "T:", "I:", "E:"],
        "a number without a unit"
    );
    type_into(&field(&root, "-unit"), "door-knockers");
    sleep(20).await;
    assert_eq!(flags(&root), ["T:", "I:", "E:"]);
    // A count in the sentence is not the target's business once a target is set; typing
    // letters in the number box keeps the last good number and says what is wrong.
    type_into(&field(&root, "-target"), "6o");
    sleep(20).await;
    let error = query::<web_sys::HtmlElement>(&root, "[id$='-target-error']")
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert!(error.contains("whole number"), "error: {error:?}");
    assert_eq!(flags(&root), ["T:", "I:", "E:"]);

    type_into(&field(&root, "-inclusive"), "Night-shift workers");
    sleep(20).await;
    assert!(
        flags(&root).contains(&"I:".to_owned()),
        "included without power is the tokenism flag"
    );
    type_into(&field(&root, "-power"), "They choose the demands");
    type_into(&field(&root, "-equitable"), "Those without cars lost most");
    sleep(20).await;
    assert_eq!(flags(&root), ["T:"]);

    wait_for(|| {
        stored_plan(&id)["goals"][0]["answers"]["equitable"].as_str()
            == Some("Those without cars lost most")
    })
    .await;
    let goal = &stored_plan(&id)["goals"][0];
    assert_eq!(goal["statement"], "Sign up members");
    assert_eq!(goal["measure"]["target"], 60, "the last whole number typed");
    assert_eq!(goal["measure"]["unit"], "door-knockers");
    root.remove();
    LocalStorage::clear();
}

// ----- trust: the plan lock, the backup key, long lists -----

#[wasm_bindgen_test]
async fn the_plan_lock_is_held_while_its_work_waits_and_granted_in_the_order_asked() {
    use alliance_planner::persistence::browser::with_lock_until;
    use std::cell::RefCell;
    use std::rc::Rc;
    let order = Rc::new(RefCell::new(Vec::new()));
    for name in ["first", "second", "third"] {
        let order = Rc::clone(&order);
        // All three ask before any is granted.
        wasm_bindgen_futures::spawn_local(async move {
            let inner = Rc::clone(&order);
            let held = with_lock_until("alliance-planner/plan/test", move || async move {
                inner.borrow_mut().push(name);
                // The next one waits for this one's work, waiting included.
                sleep(30).await;
                inner.borrow_mut().push("end");
            })
            .await;
            order
                .borrow_mut()
                .push(if held { "held" } else { "not held" });
        });
    }
    wait_for(|| order.borrow().len() == 9).await;
    let order = order.borrow();
    let runs: Vec<_> = order
        .iter()
        .filter(|s| !s.contains("held"))
        .copied()
        .collect();
    assert_eq!(runs, ["first", "end", "second", "end", "third", "end"]);
    assert!(
        order.iter().filter(|s| **s == "held").count() == 3,
        "Chromium offers navigator.locks: {order:?}"
    );
}

#[wasm_bindgen_test]
fn a_save_cut_short_in_real_storage_comes_back_from_its_backup() {
    let lib = fresh_library();
    let mut plan = Plan::new("Backed up", now());
    let first = lib
        .save(&plan, None, now())
        .unwrap_or_else(|e| panic!("{e}"));
    plan.overview.notes = "kept".into();
    let second = lib
        .save(&plan, Some(&first.raw), now())
        .unwrap_or_else(|e| panic!("{e}"));
    let id = plan.id.to_string();
    let backup = alliance_planner::persistence::store::backup_key(&id);
    assert_eq!(LocalStorage::raw().get_item(&backup).ok().flatten(), None);
    // A crash between the two writes of the next save.
    let _ = LocalStorage::raw().set_item(&backup, &second.raw);
    let _ = LocalStorage::raw().set_item(&plan_key(plan.id), &second.raw[..second.raw.len() / 2]);
    let report = lib.boot().unwrap_or_else(|e| panic!("{e}"));
    assert!(report.problems.iter().any(|p| p.restored));
    assert_eq!(
        lib.load(plan.id)
            .map(|l| l.plan.overview.notes)
            .ok()
            .as_deref(),
        Some("kept")
    );
    assert_eq!(LocalStorage::raw().get_item(&backup).ok().flatten(), None);
    LocalStorage::clear();
}

#[wasm_bindgen_test]
async fn a_long_partner_list_is_drawn_a_page_at_a_time() {
    let lib = fresh_library();
    let mut plan = Plan::new("Many partners", now());
    for i in 0..120 {
        let mut p = alliance_planner::domain::Partner::new();
        p.name = format!("Partner {i}");
        plan.partners.push(p);
    }
    lib.save(&plan, None, now())
        .unwrap_or_else(|e| panic!("{e}"));
    let _ = web_sys::window().map(|w| {
        w.location()
            .set_hash(&format!("#/plan/{}/partners", plan.id))
    });
    let (root, _handle) = mount_app();
    sleep(50).await;
    let cards = |root: &web_sys::HtmlElement| {
        root.query_selector_all("li.partner-card")
            .map(|l| l.length())
            .unwrap_or(0)
    };
    wait_for(|| cards(&root) == 50).await;
    assert_eq!(cards(&root), 50);
    assert!(
        root.text_content()
            .unwrap_or_default()
            .contains("Showing 50 of 120.")
    );
    click(&root, "Show 50 more");
    sleep(30).await;
    assert_eq!(cards(&root), 100);
    click(&root, "Show 20 more");
    sleep(60).await;
    assert_eq!(cards(&root), 120);
    assert!(button_with_text(&root, "Show ").is_none());
    let status = root
        .query_selector("p.status-line[tabindex='-1']")
        .ok()
        .flatten();
    assert!(
        status
            .as_ref()
            .is_some_and(|s| s.text_content().unwrap_or_default() == "Showing all 120.")
    );
    assert_eq!(
        document()
            .active_element()
            .map(|e| e.text_content().unwrap_or_default()),
        Some("Showing all 120.".to_owned()),
        "the focus moves from the vanished button to the count"
    );
    // Adding a partner at the end draws it, however long the list.
    add_and_type(&root, "Add partner", "input[id$='-name']", "The 121st").await;
    wait_for(|| {
        stored_plan(&plan.id.to_string())["partners"]
            .as_array()
            .map_or(0, Vec::len)
            == 121
    })
    .await;
    assert_eq!(cards(&root), 121);
    LocalStorage::clear();
}

/// The text box of field `field` in the partner card whose name box holds `name`.
fn partner_box(root: &web_sys::HtmlElement, name: &str, field: &str) -> web_sys::Element {
    let names = root
        .query_selector_all(".partner-card input[id$='-name']")
        .ok()
        .unwrap_or_else(|| panic!("no name boxes"));
    let id = (0..names.length())
        .filter_map(|i| names.get(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
        .find(|i| i.value() == name)
        .map(|i| i.id())
        .unwrap_or_else(|| panic!("no card named {name}"));
    let id = id.trim_end_matches("-name");
    query(root, &format!("#{id}-{field}")).unwrap_or_else(|| panic!("no {field} in {name}"))
}

fn stored_partner(id: &str, name: &str) -> serde_json::Value {
    stored_plan(id)["partners"]
        .as_array()
        .and_then(|l| l.iter().find(|p| p["name"] == name).cloned())
        .unwrap_or_default()
}

async fn click_when_enabled(root: &web_sys::HtmlElement, text: &str) {
    for _ in 0..100 {
        if let Some(b) = button_with_text(root, text)
            && !b.has_attribute("disabled")
        {
            b.click();
            sleep(30).await;
            return;
        }
        sleep(50).await;
    }
    panic!("no enabled {text} button");
}

/// A card reaches its partner through the keyed store, by id. A whole-plan write (here, undo)
/// leaves the store's map from id to place stale; the card must still write into its own
/// partner, never into the one now at its old place, and a partner that came back must get a
/// working card.
#[wasm_bindgen_test]
async fn keyed_partner_cards_keep_their_own_partner_through_undo_and_reorder() {
    let (id, _lib) = open_plan_at("partners");
    let (root, _handle) = mount_app();
    sleep(30).await;
    for name in ["Ana", "Ben", "Cleo"] {
        add_and_type(
            &root,
            "Add partner",
            ".partner-card input[id$='-name']",
            name,
        )
        .await;
        wait_for(|| stored_partner_names(&id).last().map(String::as_str) == Some(name)).await;
    }

    // Remove Ana, then undo: she comes back through a write of the whole plan.
    click_when_enabled(&root, "Remove Ana").await;
    click_when_enabled(&root, "Remove partner").await;
    wait_for(|| stored_partner_names(&id) == ["Ben", "Cleo"]).await;
    assert_eq!(stored_partner_names(&id), ["Ben", "Cleo"]);
    click_when_enabled(&root, "Undo").await;
    wait_for(|| stored_partner_names(&id) == ["Ana", "Ben", "Cleo"]).await;
    assert_eq!(card_names(&root), ["Ana", "Ben", "Cleo"]);

    // Her card types into her, not into Ben who held her place meanwhile.
    type_into(&partner_box(&root, "Ana", "skills"), "canvassing");
    type_into(&partner_box(&root, "Ben", "skills"), "sound system");
    wait_for(|| stored_partner(&id, "Ana")["skills"] == "canvassing").await;
    wait_for(|| stored_partner(&id, "Ben")["skills"] == "sound system").await;
    assert_eq!(stored_partner(&id, "Ana")["skills"], "canvassing");
    assert_eq!(stored_partner(&id, "Ben")["skills"], "sound system");
    assert_eq!(stored_partner(&id, "Cleo")["skills"], "");

    // Move Cleo up, then undo the move: the store's places are stale again.
    click_when_enabled(&root, "Move up Cleo").await;
    wait_for(|| stored_partner_names(&id) == ["Ana", "Cleo", "Ben"]).await;
    click_when_enabled(&root, "Undo").await;
    wait_for(|| stored_partner_names(&id) == ["Ana", "Ben", "Cleo"]).await;
    assert_eq!(card_names(&root), ["Ana", "Ben", "Cleo"]);
    type_into(&partner_box(&root, "Cleo", "name"), "Cleo M");
    wait_for(|| stored_partner_names(&id) == ["Ana", "Ben", "Cleo M"]).await;
    assert_eq!(stored_partner_names(&id), ["Ana", "Ben", "Cleo M"]);
    assert_eq!(card_names(&root), ["Ana", "Ben", "Cleo M"]);
    // Each heading follows its own partner and place.
    let headings: Vec<String> = root
        .query_selector_all(".partner-card h3")
        .ok()
        .map(|l| {
            (0..l.length())
                .filter_map(|i| l.get(i))
                .map(|n| n.text_content().unwrap_or_default())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(headings.len(), 3);
    assert!(
        headings[0].contains("Ana") && headings[2].contains("Cleo M"),
        "{headings:?}"
    );

    // A drop-down and a tick box write into their own partner too.
    let commitment: web_sys::HtmlSelectElement = partner_box(&root, "Ben", "commitment")
        .dyn_into()
        .unwrap_or_else(|_| panic!("not a select"));
    commitment.set_value("strong");
    let _ = commitment
        .dispatch_event(&web_sys::Event::new("change").unwrap_or_else(|_| panic!("event")));
    let messenger: web_sys::HtmlInputElement = partner_box(&root, "Ana", "role-messenger")
        .dyn_into()
        .unwrap_or_else(|_| panic!("not a box"));
    messenger.click();
    wait_for(|| stored_partner(&id, "Ana")["roles"]["messenger"] == true).await;
    wait_for(|| stored_partner(&id, "Ben")["commitment"] == "strong").await;
    assert_eq!(stored_partner(&id, "Ana")["roles"]["messenger"], true);
    assert_eq!(stored_partner(&id, "Ben")["commitment"], "strong");
    assert_eq!(stored_partner(&id, "Ben")["roles"]["messenger"], false);
    assert_ne!(stored_partner(&id, "Ana")["commitment"], "strong");
    root.remove();
    LocalStorage::clear();
}

/// The success sheet's lines are a keyed list inside a keyed list (each goal's entry, keyed
/// by its goal). Removing a line and bringing it back with Undo writes the whole plan; each
/// box must then still type into its own line, not into the one that held its place.
#[wasm_bindgen_test]
async fn a_goals_lines_on_the_success_sheet_keep_their_own_line_through_undo() {
    use alliance_planner::domain::goals::Goal;
    let lib = fresh_library();
    let mut plan = Plan::new("Sheet", now());
    let mut goal = Goal::new();
    goal.statement = "Win the vote".into();
    plan.success_sheet.set_goal(goal.id, true);
    plan.goals.push(goal);
    lib.save(&plan, None, now())
        .unwrap_or_else(|e| panic!("{e}"));
    let id = plan.id.to_string();
    let _ = web_sys::window().map(|w| w.location().set_hash(&format!("#/plan/{id}/success-sheet")));
    let (root, _handle) = mount_app();
    sleep(50).await;
    let what = "input[id^='sheet-line-'][id$='-what']";
    let stored = || stored_sheet_lines(&id);
    for line in ["door knock", "rally", "vote"] {
        add_and_type(&root, "Add an activity", what, line).await;
        wait_for(|| stored_sheet_lines(&id).last().map(String::as_str) == Some(line)).await;
    }
    click_when_enabled(&root, "Remove activity 1").await;
    settles_to(&root, what, &stored, &["rally", "vote"]).await;

    click_when_enabled(&root, "Undo").await;
    settles_to(&root, what, &stored, &["door knock", "rally", "vote"]).await;
    let first: web_sys::Element = query(&root, what).unwrap_or_else(|| panic!("no line"));
    type_into(&first, "door knock in May");
    settles_to(
        &root,
        what,
        &stored,
        &["door knock in May", "rally", "vote"],
    )
    .await;
    root.remove();
    LocalStorage::clear();
}

/// SWOT items are drawn by id, so when Undo and Redo take an item away or bring it back (a
/// write of the whole plan) the other items' boxes stay on the page while their places in the
/// list change. Each must still show and take its own item's text.
#[wasm_bindgen_test]
async fn swot_items_keep_their_own_text_through_undo() {
    let (id, _lib) = open_plan_at("swot");
    let (root, _handle) = mount_app();
    sleep(30).await;
    let boxes = ".swot-grid > section:first-child textarea";
    let stored = || stored_strengths(&id);
    for text in ["door knock", "rally", "vote"] {
        add_and_type(&root, "Add to strengths", boxes, text).await;
        wait_for(|| stored_strengths(&id).last().map(String::as_str) == Some(text)).await;
    }
    // Undo the last add: the list shrinks through a write of the whole plan, while the
    // store's map still holds three places. Redo brings it back.
    click_when_enabled(&root, "Undo").await;
    settles_to(&root, boxes, &stored, &["door knock", "rally"]).await;
    click_when_enabled(&root, "Redo").await;
    wait_for(|| stored_strengths(&id).len() == 3).await;
    click_when_enabled(&root, "Remove door knock").await;
    click_when_enabled(&root, "Remove item").await;
    wait_for(|| stored_strengths(&id) == ["rally", "vote"]).await;
    click_when_enabled(&root, "Undo").await;
    settles_to(&root, boxes, &stored, &["door knock", "rally", "vote"]).await;
    let second: web_sys::Element = root
        .query_selector_all(boxes)
        .ok()
        .and_then(|l| l.get(1))
        .and_then(|n| n.dyn_into().ok())
        .unwrap_or_else(|| panic!("no second box"));
    type_into(&second, "rally at the hall");
    settles_to(
        &root,
        boxes,
        &stored,
        &["door knock", "rally at the hall", "vote"],
    )
    .await;
    root.remove();
    LocalStorage::clear();
}

/// The step table has one row per step, in the journey's order, each with its own name.
#[wasm_bindgen_test]
fn the_step_table_has_every_step_once_in_order_with_its_own_name() {
    use alliance_planner::domain::steps::Step;
    use alliance_planner::ui::steps::registry::{STEPS, title};
    assert_eq!(
        STEPS.iter().map(|e| e.step).collect::<Vec<_>>(),
        Step::ALL.to_vec()
    );
    let owner = leptos::prelude::Owner::new();
    owner.with(|| {
        // The function form of <I18nContextProvider>: there is no view to mount here.
        #[allow(deprecated)]
        alliance_planner::i18n::provide_i18n_context();
        let i18n = alliance_planner::i18n::use_i18n();
        let mut names: Vec<String> = STEPS.iter().map(|e| title(i18n, e.step)).collect();
        assert!(names.iter().all(|n| !n.trim().is_empty()));
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Step::ALL.len(), "two steps share a name");
    });
}

// ---------------------------------------------------------------------------------------------
// A plan locked with a passphrase, through the browser's own WebCrypto.

/// A plan's file text and a locked envelope of it.
async fn locked_example() -> (String, String) {
    use alliance_planner::persistence::crypto::seal;
    let plan = Plan::new("Eastside tenants' secret plan", now());
    let plain =
        alliance_planner::persistence::format::encode(std::slice::from_ref(&plan), now(), false)
            .unwrap_or_default();
    let envelope = seal(&plain, "correct horse battery", plan.id, now())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    (plain, envelope)
}

/// The envelope with its base64 `field` changed by `change` on the decoded bytes.
fn tampered(envelope: &str, field: &str, change: impl FnOnce(&mut Vec<u8>)) -> String {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    let mut v: serde_json::Value = serde_json::from_str(envelope).unwrap_or_default();
    let mut bytes = STANDARD
        .decode(v[field].as_str().unwrap_or_default())
        .unwrap_or_default();
    change(&mut bytes);
    v[field] = STANDARD.encode(&bytes).into();
    v.to_string()
}

#[wasm_bindgen_test]
async fn a_locked_plan_opens_with_its_passphrase_and_holds_nothing_in_clear() {
    use alliance_planner::persistence::crypto::unseal;
    use alliance_planner::persistence::lock::{is_locked, read_locked};
    let (plain, envelope) = locked_example().await;
    assert!(is_locked(&envelope));
    assert!(!envelope.contains("Eastside"), "the name is not in clear");
    let sealed = read_locked(&envelope).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sealed.iterations, 600_000);
    let started = js_sys::Date::now();
    let opened = unseal(&envelope, "correct horse battery").await;
    web_sys::console::log_1(
        &format!(
            "unlock (PBKDF2 600,000 + AES-GCM): {:.0} ms",
            js_sys::Date::now() - started
        )
        .into(),
    );
    assert_eq!(opened.as_deref(), Ok(plain.as_str()));
    // Two locks of the same plan share neither salt nor IV.
    let (_, again) = locked_example().await;
    let other = read_locked(&again).unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(sealed.salt, other.salt);
    assert_ne!(sealed.iv, other.iv);
}

#[wasm_bindgen_test]
async fn a_wrong_passphrase_a_changed_byte_or_a_cut_envelope_opens_nothing() {
    use alliance_planner::persistence::crypto::unseal;
    use alliance_planner::persistence::lock::LockError;
    let (_, envelope) = locked_example().await;
    assert_eq!(
        unseal(&envelope, "correct horse batterY").await,
        Err(LockError::WrongPassphrase)
    );
    let flipped = tampered(&envelope, "ciphertext", |b| b[0] ^= 1);
    assert_eq!(
        unseal(&flipped, "correct horse battery").await,
        Err(LockError::WrongPassphrase)
    );
    let moved = tampered(&envelope, "iv", |b| b[11] ^= 0x80);
    assert_eq!(
        unseal(&moved, "correct horse battery").await,
        Err(LockError::WrongPassphrase)
    );
    // Another plan's id: the additional data no longer matches.
    let mut v: serde_json::Value = serde_json::from_str(&envelope).unwrap_or_default();
    v["id"] = uuid::Uuid::new_v4().to_string().into();
    assert_eq!(
        unseal(&v.to_string(), "correct horse battery").await,
        Err(LockError::WrongPassphrase)
    );
    let short = tampered(&envelope, "ciphertext", |b| b.truncate(10));
    assert!(matches!(
        unseal(&short, "correct horse battery").await,
        Err(LockError::Damaged {
            field: "ciphertext",
            ..
        })
    ));
    let cut = &envelope[..envelope.len() - 20];
    assert_eq!(
        unseal(cut, "correct horse battery").await,
        Err(LockError::NotLocked)
    );
}

#[wasm_bindgen_test]
async fn a_locked_plan_open_in_the_vault_saves_sealed_into_real_storage_and_opens_again() {
    use alliance_planner::persistence::crypto::{open, open_with, seal_next};
    use alliance_planner::persistence::vault::{Vault, Written};
    LocalStorage::clear();
    let storage = WebStorage::open().unwrap_or_else(|e| panic!("{e}"));
    let lib = Library::new(Vault::<_, web_sys::CryptoKey>::new(storage));
    let (plain, envelope) = locked_example().await;
    let sealed = alliance_planner::persistence::lock::read_locked(&envelope)
        .unwrap_or_else(|e| panic!("{e}"));
    let id = sealed.id;
    let key = plan_key(id);
    LocalStorage::raw()
        .set_item(&key, &envelope)
        .unwrap_or_else(|_| panic!("stored"));
    // Opened with the passphrase: the key is kept, the passphrase is not.
    let opened = open(&envelope, "correct horse battery")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(opened.plain, plain);
    lib.backend().hold(
        &key,
        opened.key,
        opened.salt,
        opened.iterations,
        opened.plain,
        envelope.clone(),
    );
    let loaded = lib.load(id).unwrap_or_else(|e| panic!("{e}"));
    let mut edited = loaded.plan.clone();
    edited.overview.purpose = "Rent strike in spring".into();
    lib.save(&edited, Some(&loaded.raw), now())
        .unwrap_or_else(|e| panic!("{e}"));
    // Nothing in clear reached storage: the save waits in memory to be sealed.
    let all: Vec<String> = (0..LocalStorage::raw().length().unwrap_or(0))
        .filter_map(|i| LocalStorage::raw().key(i).ok().flatten())
        .filter_map(|k| LocalStorage::raw().get_item(&k).ok().flatten())
        .collect();
    assert!(
        !all.iter()
            .any(|v| v.contains("Rent strike") || v.contains("Eastside"))
    );
    let next = lib
        .backend()
        .to_seal(&key)
        .unwrap_or_else(|| panic!("waits"));
    let sealed_again = seal_next(&next, id, now())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        lib.backend()
            .write_sealed(&key, next.seq, sealed_again.clone()),
        Ok(Written::Done)
    );
    let stored = LocalStorage::raw()
        .get_item(&key)
        .ok()
        .flatten()
        .unwrap_or_default();
    assert_eq!(stored, sealed_again);
    assert!(!stored.contains("Rent strike"));
    // Another tab with the same key reads it; after a reload the passphrase opens it.
    let key_again = lib.backend().key(&key).unwrap_or_else(|| panic!("key"));
    let theirs = open_with(&stored, &key_again, &sealed.salt, sealed.iterations)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(theirs.contains("Rent strike in spring"));
    let reopened = open(&stored, "correct horse battery")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(reopened.plain.contains("Rent strike in spring"));
    // A fresh library (a reload) lists it as a locked plan, not as a problem.
    let report = fresh_after_reload()
        .boot()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(report.problems.is_empty());
    assert!(
        report
            .plans
            .iter()
            .any(|p| p.id == id && p.locked && p.name.is_empty())
    );
    LocalStorage::clear();
}

/// A library over the storage as it is (no clearing): the page after a reload.
fn fresh_after_reload() -> Library<WebStorage> {
    Library::new(WebStorage::open().unwrap_or_else(|e| panic!("{e}")))
}
