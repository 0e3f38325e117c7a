//! Files: export as a download, import from a picked or dropped file.

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
