//! Typed errors. Each variant carries what the interface needs to tell a person what went wrong
//! and where; the words themselves live in the locale file (see `ui::messages`).

use thiserror::Error;

use crate::domain::validate::Violation;

/// Why a file (or a stored plan) could not be read. Nothing is written when this is returned.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    #[error("the file is {bytes} bytes; the limit is {limit}")]
    TooLarge { bytes: usize, limit: usize },
    #[error("the file is not UTF-8 text (byte {offset})")]
    NotUtf8 { offset: usize },
    #[error("the file is empty")]
    Empty,
    #[error("line {line}, column {column}: nested more than {limit} levels deep")]
    TooDeep {
        line: usize,
        column: usize,
        limit: usize,
    },
    #[error("line {line}, column {column}: {detail}")]
    Syntax {
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("not an Alliance Planner file: the top level is not an object")]
    NotAnObject,
    #[error("not an Alliance Planner file (format {found:?})")]
    WrongFormat { found: Option<String> },
    /// A plan locked with a passphrase (`lock.rs`): it opens with the passphrase only.
    #[error("the plan is locked with a passphrase")]
    Locked,
    /// A locked plan's envelope that cannot be read.
    #[error("{0}")]
    BadLock(super::lock::LockError),
    #[error("the file has no schema_version")]
    MissingVersion,
    #[error("schema_version {found} is not a version number")]
    BadVersion { found: String },
    #[error("made by a newer version (v{found}); this app reads up to v{supported}")]
    FutureVersion { found: u64, supported: u32 },
    #[error("upgrading from v{from} failed: {detail}")]
    Migration { from: u32, detail: String },
    #[error("{path}: missing field {field}")]
    MissingField { path: String, field: String },
    #[error("{path}: {detail}")]
    WrongShape { path: String, detail: String },
    #[error("{path}: {detail}")]
    InvalidDate { path: String, detail: String },
    #[error("{path}: {value:?} is not a valid id")]
    InvalidId { path: String, value: String },
    #[error("{path}: {len} characters; the limit is {limit}")]
    TextTooLong {
        path: String,
        len: usize,
        limit: usize,
    },
    #[error("the file holds no plans")]
    NoPlans,
    #[error("{path}: the id {id} appears more than once")]
    DuplicateId { path: String, id: String },
    #[error("{path}: {rule:?}")]
    BrokenRule {
        path: String,
        rule: crate::domain::validate::Rule,
    },
    #[error("the stored plan does not match its key")]
    KeyMismatch,
    /// The file would not fit in the room left in storage (both in UTF-16 code units, as the
    /// browser counts).
    #[error("the file needs about {needed} characters of storage; {room} are left")]
    NoRoom { needed: u64, room: u64 },
}

impl ImportError {
    /// A broken rule of plan number `index` of a file (or of the plan being saved, when
    /// `index` is `None`), with the field's path.
    pub fn from_violation(v: Violation, index: Option<usize>) -> Self {
        let at = |field: String| match index {
            Some(i) => format!("plans[{i}].{field}"),
            None => field,
        };
        match v {
            Violation::TextTooLong { field, limit, len } => ImportError::TextTooLong {
                path: at(field),
                len,
                limit,
            },
            Violation::DuplicateId { field, id } => ImportError::DuplicateId {
                path: at(field),
                id,
            },
            Violation::Broken { field, rule } => ImportError::BrokenRule {
                path: at(field),
                rule,
            },
        }
    }
}

/// Why the browser refused a read or a write. The last good copy is always left in place.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StorageError {
    #[error("this browser does not offer local storage here")]
    Unavailable,
    #[error("the browser blocks storage for this page ({0})")]
    Blocked(String),
    #[error("storage is full")]
    QuotaExceeded,
    #[error("the saved copy did not read back the same")]
    ReadBackMismatch,
    #[error("storage failed: {0}")]
    Other(String),
}

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SaveError {
    /// Someone else (another tab) wrote or deleted this plan since we read it.
    #[error("another tab changed this plan")]
    Conflict { theirs: Option<String> },
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("the plan could not be encoded: {0}")]
    Encode(String),
    /// The plan breaks a rule that reading would refuse, so it is not written.
    #[error("{0:?}")]
    Invalid(Violation),
    /// A plan with this id is stored here by a newer version of the app, which this version
    /// can neither read nor replace.
    #[error("a newer version (v{version}) stored a plan with this id here")]
    StoredByNewerVersion { version: u64 },
}

/// Why a stored plan could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoadError {
    #[error("there is no plan with that id on this device")]
    Missing,
    #[error(transparent)]
    Unreadable(#[from] ImportError),
    #[error(transparent)]
    Storage(#[from] StorageError),
}
