//! Dates, times and sizes shown to people, in the browser's locale and time zone.

use wasm_bindgen::JsValue;

use crate::domain::Timestamp;

fn js_date(t: Timestamp) -> js_sys::Date {
    js_sys::Date::new(&JsValue::from_f64(t.timestamp_millis() as f64))
}

/// "14:05": the local time of a save.
pub fn time(t: Timestamp) -> String {
    let d = js_date(t);
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// A local date and time, formatted by the browser for `lang`.
pub fn date_time(t: Timestamp, lang: &str) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    String::from(js_date(t).to_locale_string(lang, &options))
}

/// `value / unit` with one decimal, rounded, without float formatting (which costs ~10 KB
/// of wasm).
pub fn tenths(value: u64, unit: u64) -> String {
    let tenths = (value * 10 + unit / 2) / unit.max(1);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Kilobytes with one decimal, from a size in characters.
pub fn kilobytes(size: u64) -> String {
    tenths(size, 1024)
}

/// Megabytes with one decimal, from a size in characters.
pub fn megabytes(size: u64) -> String {
    tenths(size, 1024 * 1024)
}

thread_local! {
    /// The browser's date formatter for the current language. Making one is slow (about 2 ms
    /// on a slowed CPU), and a long activity log shows many dates, so it is made once.
    static DATE_FORMAT: std::cell::RefCell<Option<(String, js_sys::Function)>> =
        const { std::cell::RefCell::new(None) };
}

/// A calendar date, formatted by the browser for `lang` ("5 Nov 2026").
pub fn date(d: chrono::NaiveDate, lang: &str) -> String {
    use chrono::Datelike;
    let local =
        js_sys::Date::new_with_year_month_day(d.year() as u32, d.month0() as i32, d.day() as i32);
    DATE_FORMAT.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.as_ref().map(|(l, _)| l.as_str()) != Some(lang) {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
            let locales = js_sys::Array::of1(&JsValue::from_str(lang));
            let format = js_sys::Intl::DateTimeFormat::new(&locales, &options).format();
            *cell = Some((lang.to_owned(), format));
        }
        cell.as_ref()
            .and_then(|(_, f)| f.call1(&JsValue::NULL, &local).ok())
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| crate::domain::dates::format_date(d))
    })
}

/// A month and year, formatted by the browser for `lang` ("March 2027"); rare enough on a page
/// (one per timeline month) not to need a cached formatter.
pub fn month(first_day: chrono::NaiveDate, lang: &str) -> String {
    use chrono::Datelike;
    let local = js_sys::Date::new_with_year_month_day(
        first_day.year() as u32,
        first_day.month0() as i32,
        1,
    );
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"month".into(), &"long".into());
    let _ = js_sys::Reflect::set(&options, &"year".into(), &"numeric".into());
    String::from(local.to_locale_date_string(lang, &options))
}
