//! The localStorage adapter. It reads raw strings itself and maps every browser refusal to a
//! typed error; it never panics on storage.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// localStorage, seen with values that stay JavaScript strings.
    type JsStorage;
    /// `getItem`, keeping the value a JavaScript string (no copy into wasm).
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_js(this: &JsStorage, key: &str) -> Result<JsValue, JsValue>;
    /// `setItem` of a JavaScript string.
    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_js(this: &JsStorage, key: &str, value: &JsValue) -> Result<(), JsValue>;
}

use super::error::StorageError;
use super::store::Backend;

/// This origin's localStorage.
#[derive(Clone)]
pub struct WebStorage {
    storage: web_sys::Storage,
}

impl WebStorage {
    /// Opens localStorage. Fails when the browser blocks it (private modes, site settings).
    pub fn open() -> Result<Self, StorageError> {
        let window = web_sys::window().ok_or(StorageError::Unavailable)?;
        match window.local_storage() {
            Ok(Some(storage)) => Ok(WebStorage { storage }),
            Ok(None) => Err(StorageError::Unavailable),
            Err(e) => Err(map_error(e)),
        }
    }
}

/// Turns a thrown DOMException into a typed error.
pub fn map_error(e: JsValue) -> StorageError {
    match e.dyn_ref::<web_sys::DomException>() {
        Some(dom) => match dom.name().as_str() {
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::QuotaExceeded,
            "SecurityError" => StorageError::Blocked(dom.message()),
            name => StorageError::Other(format!("{name}: {}", dom.message())),
        },
        None => StorageError::Other(e.as_string().unwrap_or_else(|| "unknown error".into())),
    }
}

impl Backend for WebStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.storage.get_item(key).map_err(map_error)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.storage.set_item(key, value).map_err(map_error)
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.storage.remove_item(key).map_err(map_error)
    }

    /// The value crosses into the page once, and is compared there with what reads back: a
    /// large plan is not copied back into wasm to be compared.
    fn set_and_check(&self, key: &str, value: &str) -> Result<bool, StorageError> {
        let storage: &JsStorage = self.storage.unchecked_ref();
        let value = JsValue::from_str(value);
        storage.set_js(key, &value).map_err(map_error)?;
        Ok(matches!(storage.get_js(key), Ok(back) if back == value))
    }

    /// Copied within the page, without passing through wasm.
    fn copy(&self, from: &str, to: &str) -> Result<(), StorageError> {
        let storage: &JsStorage = self.storage.unchecked_ref();
        let value = storage.get_js(from).map_err(map_error)?;
        if value.is_string() {
            storage.set_js(to, &value).map_err(map_error)?;
        }
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let n = self.storage.length().map_err(map_error)?;
        let mut keys = Vec::with_capacity(n as usize);
        for i in 0..n {
            if let Some(k) = self.storage.key(i).map_err(map_error)? {
                keys.push(k);
            }
        }
        Ok(keys)
    }
}

/// Asks the browser to keep this origin's storage under pressure. Returns whether it agreed.
pub async fn request_persistence() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let manager = window.navigator().storage();
    let Ok(promise) = manager.persist() else {
        return false;
    };
    matches!(JsFuture::from(promise).await, Ok(v) if v.as_bool() == Some(true))
}

/// Runs `f` while this page holds the Web Lock named `name` (`navigator.locks`), until the
/// future it returns has finished: no other tab of this origin runs its own `f` for the same
/// name at the same time, so a read, compare and write inside `f` is one step for every tab,
/// even when it waits in between (sealing a locked plan). Where the browser has no Web Locks
/// API, `f` runs at once. Returns whether the lock was held.
pub async fn with_lock_until<F, Fut>(name: &str, f: F) -> bool
where
    F: FnOnce() -> Fut + 'static,
    Fut: std::future::Future<Output = ()> + 'static,
{
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;

    let task = Rc::new(RefCell::new(Some(f)));
    let take = {
        let task = Rc::clone(&task);
        move || task.borrow_mut().take()
    };
    let manager = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"locks".into()).ok())
        .filter(|l| l.is_object());
    let request = manager
        .as_ref()
        .and_then(|m| js_sys::Reflect::get(m, &"request".into()).ok())
        .and_then(|r| r.dyn_into::<js_sys::Function>().ok());
    let (Some(manager), Some(request)) = (manager, request) else {
        if let Some(f) = take() {
            f().await;
        }
        return false;
    };
    let callback = Closure::once_into_js({
        let take = take.clone();
        move |_lock: JsValue| -> JsValue {
            match take() {
                // The lock is held until this promise settles.
                Some(f) => {
                    let work = f();
                    wasm_bindgen_futures::future_to_promise(async move {
                        work.await;
                        Ok(JsValue::UNDEFINED)
                    })
                    .into()
                }
                None => JsValue::UNDEFINED,
            }
        }
    });
    let held = match request.call2(&manager, &JsValue::from_str(name), &callback) {
        Ok(promise) => JsFuture::from(js_sys::Promise::from(promise)).await.is_ok(),
        Err(_) => false,
    };
    // If the lock was refused, `f` has not run: run it now rather than drop the work.
    if let Some(f) = take() {
        f().await;
    }
    held
}

/// Claims the lowest free tab slot for as long as this page lives: a Web Lock named
/// `alliance-planner/tab/<n>`, asked for only if free and never released (the browser drops
/// it when the page goes). Tabs open at the same time so hold different slots. `None` where
/// the browser has no Web Locks API, or every slot is held.
pub async fn claim_slot() -> Option<u8> {
    use wasm_bindgen::closure::Closure;

    let manager = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"locks".into()).ok())
        .filter(|l| l.is_object())?;
    let request = js_sys::Reflect::get(&manager, &"request".into())
        .ok()
        .and_then(|r| r.dyn_into::<js_sys::Function>().ok())?;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE).ok()?;
    for slot in 0..=u8::MAX {
        let mut answer: Option<js_sys::Function> = None;
        let granted = js_sys::Promise::new(&mut |resolve, _| answer = Some(resolve));
        let answer = answer?;
        let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
            let got = !lock.is_null();
            let _ = answer.call1(&JsValue::NULL, &JsValue::from_bool(got));
            if got {
                // Held until the page goes: a promise that never settles.
                js_sys::Promise::new(&mut |_, _| {}).into()
            } else {
                JsValue::UNDEFINED
            }
        });
        let name = JsValue::from_str(&format!("alliance-planner/tab/{slot}"));
        request.call3(&manager, &name, &options, &callback).ok()?;
        if JsFuture::from(granted).await.ok()?.as_bool() == Some(true) {
            return Some(slot);
        }
    }
    None
}

/// Deletes this site's offline copy of the app: every Cache Storage cache, and every service
/// worker registration. Says what could not be deleted.
pub async fn forget_offline_copy() -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let text = |e: JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
    // Without Cache Storage (an insecure origin) there is nothing cached.
    if let Ok(caches) = window.caches() {
        let names = JsFuture::from(caches.keys()).await.map_err(text)?;
        for name in js_sys::Array::from(&names).iter() {
            if let Some(name) = name.as_string() {
                JsFuture::from(caches.delete(&name)).await.map_err(text)?;
            }
        }
    }
    let navigator = window.navigator();
    if js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        let registrations = JsFuture::from(navigator.service_worker().get_registrations())
            .await
            .map_err(text)?;
        for r in js_sys::Array::from(&registrations).iter() {
            let r: web_sys::ServiceWorkerRegistration = r.unchecked_into();
            JsFuture::from(r.unregister().map_err(text)?)
                .await
                .map_err(text)?;
        }
    }
    Ok(())
}
