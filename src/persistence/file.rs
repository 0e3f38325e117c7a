//! Files: export as a download or through the system's share sheet, import from a picked
//! or dropped file.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::error::ImportError;
use super::format::MAX_FILE_BYTES;

/// Offers `contents` as a download named `file_name`.
pub fn download(file_name: &str, mime: &str, contents: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(js_text)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_text)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_text)?
        .dyn_into()
        .map_err(|_| "no anchor")?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&anchor).map_err(js_text)?;
    anchor.click();
    anchor.remove();
    // Revoke later: some browsers start the download only after this turn of the event loop.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    Ok(())
}

/// How a file left the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    /// Handed to the share sheet, and the person picked where to.
    Shared,
    Downloaded,
    /// The person closed the share sheet: nothing was sent.
    Cancelled,
}

// `navigator.canShare` and `navigator.share`, which web-sys offers only behind its unstable
// flag. Looked up on the navigator at each call (`structural`); a browser without them
// throws, which `catch` turns into an error.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = Navigator)]
    type ShareNavigator;

    #[wasm_bindgen(method, structural, catch, js_name = canShare)]
    fn can_share(this: &ShareNavigator, data: &js_sys::Object) -> Result<bool, JsValue>;

    #[wasm_bindgen(method, structural, catch, js_name = share)]
    fn share(this: &ShareNavigator, data: &js_sys::Object) -> Result<js_sys::Promise, JsValue>;
}

/// The share sheet's data for one file, if this browser can share it.
fn shareable(file_name: &str, mime: &str, contents: &str, title: &str) -> Option<js_sys::Object> {
    let navigator: ShareNavigator = web_sys::window()?.navigator().unchecked_into();
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let file =
        web_sys::File::new_with_str_sequence_and_options(&parts, file_name, &options).ok()?;
    let data = js_sys::Object::new();
    js_sys::Reflect::set(&data, &"files".into(), &js_sys::Array::of1(&file)).ok()?;
    js_sys::Reflect::set(&data, &"title".into(), &JsValue::from_str(title)).ok()?;
    navigator.can_share(&data).unwrap_or(false).then_some(data)
}

/// True where this browser hands files to a share sheet (phones, some desktops).
pub fn can_share_files() -> bool {
    shareable("plan.json", "application/json", "{}", "").is_some()
}

/// Hands `contents`, as a file named `file_name`, to the system's share sheet (for a
/// messaging app or email); where the browser cannot share files, downloads it instead.
pub async fn share(
    file_name: &str,
    mime: &str,
    contents: &str,
    title: &str,
) -> Result<Sent, String> {
    let Some(data) = shareable(file_name, mime, contents, title) else {
        download(file_name, mime, contents)?;
        return Ok(Sent::Downloaded);
    };
    let navigator: ShareNavigator = web_sys::window()
        .ok_or("no window")?
        .navigator()
        .unchecked_into();
    let promise = navigator.share(&data).map_err(js_text)?;
    match JsFuture::from(promise).await {
        Ok(_) => Ok(Sent::Shared),
        // The person closed the sheet.
        Err(e)
            if e.dyn_ref::<web_sys::DomException>()
                .is_some_and(|d| d.name() == "AbortError") =>
        {
            Ok(Sent::Cancelled)
        }
        Err(e) => Err(js_text(e)),
    }
}

/// Reads a picked or dropped file, refusing oversized files before reading them.
pub async fn read(file: &web_sys::File) -> Result<Vec<u8>, ImportError> {
    let size = file.size();
    if size > MAX_FILE_BYTES as f64 {
        return Err(ImportError::TooLarge {
            bytes: size as usize,
            limit: MAX_FILE_BYTES,
        });
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| ImportError::Syntax {
            line: 0,
            column: 0,
            detail: js_text(e),
        })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

fn js_text(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|err| String::from(err.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "browser error".into())
}
