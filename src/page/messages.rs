//! Error texts: every typed error mapped to its words in the locale file.

use leptos_i18n::I18nContext;

use crate::domain::validate::Rule;
use crate::i18n::*;
use crate::persistence::error::{ImportError, StorageError};
use crate::persistence::format::MAX_FILE_BYTES;
use crate::persistence::lock::LockError;
use crate::state::{LockFailure, SaveFailure};

type Ctx = I18nContext<Locale>;

fn mb(bytes: usize) -> String {
    super::format::megabytes(bytes as u64)
}

/// A storage size in the meter's units: KB under a megabyte, MB from there.
fn size(i18n: Ctx, chars: u64) -> String {
    if chars < 1024 * 1024 {
        t_string!(
            i18n,
            library.size_kb,
            size = super::format::kilobytes(chars)
        )
        .to_string()
    } else {
        t_string!(
            i18n,
            library.size_mb,
            size = super::format::megabytes(chars)
        )
        .to_string()
    }
}

fn path_or_top(i18n: Ctx, path: &str) -> String {
    if path.is_empty() || path == "." {
        t_string!(i18n, errors.top_level).to_string()
    } else {
        path.to_owned()
    }
}

/// What is wrong with a file, and where.
pub fn import_error(i18n: Ctx, e: &ImportError) -> String {
    match e {
        ImportError::TooLarge { bytes, .. } => t_string!(
            i18n,
            errors.too_large,
            size = mb(*bytes),
            limit = mb(MAX_FILE_BYTES)
        )
        .to_string(),
        ImportError::NotUtf8 { offset } => {
            t_string!(i18n, errors.not_utf8, offset = *offset).to_string()
        }
        ImportError::Empty => t_string!(i18n, errors.empty).to_string(),
        ImportError::TooDeep {
            line,
            column,
            limit,
        } => t_string!(
            i18n,
            errors.too_deep,
            line = *line,
            column = *column,
            limit = *limit
        )
        .to_string(),
        ImportError::Syntax {
            line,
            column,
            detail,
        } => t_string!(
            i18n,
            errors.syntax,
            line = *line,
            column = *column,
            detail = detail.clone()
        )
        .to_string(),
        ImportError::NotAnObject => t_string!(i18n, errors.not_object).to_string(),
        ImportError::WrongFormat { found: Some(found) } => {
            t_string!(i18n, errors.wrong_format, found = found.clone()).to_string()
        }
        ImportError::WrongFormat { found: None } => t_string!(i18n, errors.no_format).to_string(),
        ImportError::Locked => t_string!(i18n, errors.locked).to_string(),
        ImportError::BadLock(e) => lock_error(i18n, e),
        ImportError::MissingVersion => t_string!(i18n, errors.missing_version).to_string(),
        ImportError::BadVersion { found } => {
            t_string!(i18n, errors.bad_version, found = found.clone()).to_string()
        }
        ImportError::FutureVersion { found, supported } => t_string!(
            i18n,
            errors.future_version,
            found = *found,
            supported = *supported
        )
        .to_string(),
        ImportError::Migration { from, detail } => t_string!(
            i18n,
            errors.migration,
            from = *from,
            detail = detail.clone()
        )
        .to_string(),
        ImportError::MissingField { path, field } => t_string!(
            i18n,
            errors.missing_field,
            path = path_or_top(i18n, path),
            field = field.clone()
        )
        .to_string(),
        ImportError::WrongShape { path, detail } => t_string!(
            i18n,
            errors.wrong_shape,
            path = path_or_top(i18n, path),
            detail = detail.clone()
        )
        .to_string(),
        ImportError::InvalidDate { path, detail } => t_string!(
            i18n,
            errors.invalid_date,
            path = path.clone(),
            detail = detail.clone()
        )
        .to_string(),
        ImportError::InvalidId { path, value } => t_string!(
            i18n,
            errors.invalid_id,
            path = path.clone(),
            value = value.clone()
        )
        .to_string(),
        ImportError::TextTooLong { path, len, limit } => t_string!(
            i18n,
            errors.text_too_long,
            path = path.clone(),
            len = *len,
            limit = *limit
        )
        .to_string(),
        ImportError::NoPlans => t_string!(i18n, errors.no_plans).to_string(),
        ImportError::DuplicateId { path, id } => t_string!(
            i18n,
            errors.duplicate_id,
            path = path.clone(),
            id = id.clone()
        )
        .to_string(),
        ImportError::BrokenRule { path, rule } => {
            let path = path.clone();
            match rule {
                Rule::ScoreOutOfRange(value) => {
                    t_string!(i18n, errors.score_range, path = path, value = *value).to_string()
                }
                Rule::LinksToItself => t_string!(i18n, errors.self_link, path = path).to_string(),
                Rule::UnknownLink(id) => {
                    t_string!(i18n, errors.unknown_link, path = path, id = id.clone()).to_string()
                }
                Rule::Loop => t_string!(i18n, errors.chain_loop, path = path).to_string(),
                Rule::NotWritable => t_string!(i18n, errors.not_writable, path = path).to_string(),
                Rule::Dangling => t_string!(i18n, errors.dangling, path = path).to_string(),
            }
        }
        ImportError::KeyMismatch => t_string!(i18n, errors.key_mismatch).to_string(),
        ImportError::NoRoom { needed, room } => t_string!(
            i18n,
            errors.no_room,
            needed = size(i18n, *needed),
            room = size(i18n, *room)
        )
        .to_string(),
    }
}

/// Why the browser refused (a sentence ending, after "Not saved: ").
pub fn storage_error(i18n: Ctx, e: &StorageError) -> String {
    match e {
        StorageError::QuotaExceeded => t_string!(i18n, storage.quota).to_string(),
        StorageError::Blocked(_) => t_string!(i18n, storage.blocked).to_string(),
        StorageError::Unavailable => t_string!(i18n, storage.unavailable).to_string(),
        StorageError::ReadBackMismatch => t_string!(i18n, storage.read_back).to_string(),
        StorageError::Other(detail) => {
            t_string!(i18n, storage.other, detail = detail.clone()).to_string()
        }
    }
}

/// Why a save or a library action failed.
pub fn save_failure(i18n: Ctx, f: &SaveFailure) -> String {
    match f {
        SaveFailure::Conflict => t_string!(i18n, save.conflict_reason).to_string(),
        SaveFailure::Storage(e) => storage_error(i18n, e),
        SaveFailure::Invalid(v) => {
            import_error(i18n, &ImportError::from_violation(v.clone(), None))
        }
        SaveFailure::StoredByNewerVersion { version } => {
            t_string!(i18n, storage.newer_version, version = *version).to_string()
        }
        SaveFailure::Encode(detail) => {
            t_string!(i18n, storage.encode, detail = detail.clone()).to_string()
        }
    }
}

/// Why a locked plan could not be read, opened or sealed.
pub fn lock_error(i18n: Ctx, e: &LockError) -> String {
    match e {
        LockError::NotLocked => t_string!(i18n, errors.lock_not_locked).to_string(),
        LockError::Damaged { field, detail } => t_string!(
            i18n,
            errors.lock_damaged,
            field = *field,
            detail = detail.clone()
        )
        .to_string(),
        LockError::Unsupported { what } => {
            t_string!(i18n, errors.lock_unsupported, what = what.clone()).to_string()
        }
        LockError::Iterations {
            iterations,
            minimum,
            maximum,
        } => t_string!(
            i18n,
            errors.lock_iterations,
            iterations = *iterations,
            minimum = *minimum,
            maximum = *maximum
        )
        .to_string(),
        LockError::WrongPassphrase => t_string!(i18n, lock.wrong).to_string(),
        LockError::Crypto(detail) => {
            t_string!(i18n, errors.lock_crypto, detail = detail.clone()).to_string()
        }
    }
}

/// Why locking, opening or removing a lock did not happen.
pub fn lock_failure(i18n: Ctx, f: &LockFailure) -> String {
    match f {
        LockFailure::TooShort => t_string!(i18n, lock.too_short).to_string(),
        LockFailure::Lock(e) => lock_error(i18n, e),
        LockFailure::NotThisPlan => t_string!(i18n, lock.not_this_plan).to_string(),
        LockFailure::Save(f) => save_failure(i18n, f),
    }
}
