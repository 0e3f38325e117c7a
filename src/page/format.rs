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

/// Labels for entries kept by date (assessments, snapshots), in order: the date, with the
/// local time it was saved where another entry shares the date ("5 Nov 2026, 14:05").
pub fn entry_labels(entries: &[(chrono::NaiveDate, Option<Timestamp>)], lang: &str) -> Vec<String> {
    crate::domain::dates::entry_labels(entries, |d| date(d, lang), |d, t| date_at(d, t, lang))
}

/// A date with the local time something was saved on it ("5 Nov 2026, 14:05").
pub fn date_at(d: chrono::NaiveDate, saved_at: Timestamp, lang: &str) -> String {
    format!("{}, {}", date(d, lang), time(saved_at))
}

/// A local date and time, formatted by the browser for `lang`.
pub fn date_time(t: Timestamp, lang: &str) -> String {
    DATE_TIME_FORMAT
        .with(|cell| formatted(cell, lang, Some("short"), &js_date(t)))
        .unwrap_or_else(|| crate::domain::dates::format_timestamp(&t))
}

/// Formats `value` with the browser's formatter for `lang` (medium date, and `time_style`
/// if given), made once per language and kept in `cell`.
fn formatted(
    cell: &std::cell::RefCell<Option<(String, js_sys::Function)>>,
    lang: &str,
    time_style: Option<&str>,
    value: &JsValue,
) -> Option<String> {
    let mut cell = cell.borrow_mut();
    if cell.as_ref().map(|(l, _)| l.as_str()) != Some(lang) {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
        if let Some(style) = time_style {
            let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &style.into());
        }
        let locales = js_sys::Array::of1(&JsValue::from_str(lang));
        let format = js_sys::Intl::DateTimeFormat::new(&locales, &options).format();
        *cell = Some((lang.to_owned(), format));
    }
    cell.as_ref()
        .and_then(|(_, f)| f.call1(&JsValue::NULL, value).ok())
        .and_then(|v| v.as_string())
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

/// Midnight of a calendar date in the browser's time zone. The year is set on its own:
/// `new Date(y, m, d)` reads years 0 to 99 as 1900 to 1999.
fn local_date(year: i32, month0: u32, day: u32) -> js_sys::Date {
    let local = js_sys::Date::new_with_year_month_day(2000, month0 as i32, day as i32);
    local.set_full_year_with_month_date(year as u32, month0 as i32, day as i32);
    local
}

thread_local! {
    /// The browser's date formatter for the current language. Making one is slow (about 2 ms
    /// on a slowed CPU), and a long activity log shows many dates, so it is made once.
    static DATE_FORMAT: std::cell::RefCell<Option<(String, js_sys::Function)>> =
        const { std::cell::RefCell::new(None) };
    /// The same for a date and time.
    static DATE_TIME_FORMAT: std::cell::RefCell<Option<(String, js_sys::Function)>> =
        const { std::cell::RefCell::new(None) };
}

/// A calendar date, formatted by the browser for `lang` ("5 Nov 2026").
pub fn date(d: chrono::NaiveDate, lang: &str) -> String {
    use chrono::Datelike;
    let local = local_date(d.year(), d.month0(), d.day());
    DATE_FORMAT
        .with(|cell| formatted(cell, lang, None, &local))
        .unwrap_or_else(|| crate::domain::dates::format_date(d))
}

/// A month and year, formatted by the browser for `lang` ("March 2027"); rare enough on a page
/// (one per timeline month) not to need a cached formatter.
pub fn month(first_day: chrono::NaiveDate, lang: &str) -> String {
    use chrono::Datelike;
    let local = local_date(first_day.year(), first_day.month0(), 1);
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"month".into(), &"long".into());
    let _ = js_sys::Reflect::set(&options, &"year".into(), &"numeric".into());
    String::from(local.to_locale_date_string(lang, &options))
}
