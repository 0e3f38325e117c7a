//! The reactive state, as small contexts that each own one concern:
//!
//! - [`DocumentCtx`] (`document.rs`): the open plan, its store, its undo history and its save;
//! - [`LibraryCtx`] (`library.rs`): the summaries of the stored plans and what is done to a
//!   stored plan as a whole (create, rename, copy, delete, export);
//! - [`ImportsCtx`] (`imports.rs`): reading a file, its preview, and storing what was chosen;
//! - [`NoticesCtx`] (`notices.rs`): the polite confirmations.
//!
//! A step asks for the document only ([`use_document`]), a library row for the library
//! only. The shell gets all of them from [`provide`] and wires the browser's events to them.
//! Only this module talks to `persistence`.

mod document;
mod imports;
mod library;
mod notices;

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::Timestamp;
use crate::domain::validate::Violation;
use crate::persistence::browser::{WebStorage, claim_slot};
use crate::persistence::error::{LoadError, SaveError, StorageError};
use crate::persistence::store::{Library, tab_replica};
use crate::persistence::vault::Vault;
use crate::route::Route;

pub use crate::persistence::file::Sent;
/// The app's one reader of a plan from JSON, for the domain's functions that read one back.
pub use crate::persistence::format::plan_from_value as read_plan;
pub use crate::persistence::lock::LockError;
pub use document::{
    Conflict, DocumentCtx, IDLE_LOCK_MS, LockCause, LockFailure, OpenState, SaveStatus, Strength,
    long_enough, strength, use_document,
};
pub use imports::{
    ImportChoice, ImportFailure, ImportPreview, ImportProgress, ImportsCtx, LockedImport,
    MergeChoices, MergeDone, MergePreview, use_imports,
};
pub use library::{DeletedPlan, EXPORT_REMINDER_DAYS, LibraryCtx, UNDO_WINDOW, use_library};
pub use notices::{NOTICE_LINGER, Notice, NoticesCtx, use_notices};

/// How long a long job (reading or importing a big file) works before it lets the browser
/// draw and take input again.
const SLICE_MS: f64 = 25.0;

/// Why the last save did not happen.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveFailure {
    Conflict,
    Storage(StorageError),
    Encode(String),
    /// The plan breaks a rule the reader would refuse it for, so it was not written.
    Invalid(Violation),
    /// A plan with the same id is stored here by a newer version of the app.
    StoredByNewerVersion {
        version: u64,
    },
}

/// Every context, for the shell. `Copy`, so closures take it freely.
#[derive(Clone, Copy)]
pub struct State {
    pub nav: Nav,
    pub notices: NoticesCtx,
    pub library: LibraryCtx,
    pub document: DocumentCtx,
    pub imports: ImportsCtx,
}

/// Opens storage, reads the library, wires autosave and routing, and provides each context.
/// Call once, in the shell.
pub fn provide(leave_warning: String) -> State {
    let (storage, storage_error) = Storage::open();
    let nav = Nav {
        route: RwSignal::new(Route::parse(&current_hash())),
    };
    let notices = NoticesCtx::new();
    let library = LibraryCtx::new(storage, storage_error, nav, notices);
    let document = DocumentCtx::new(storage, nav, notices, library);
    let imports = ImportsCtx::new(storage, notices, library);
    let state = State {
        nav,
        notices,
        library,
        document,
        imports,
    };
    provide_context(nav);
    provide_context(notices);
    provide_context(library);
    provide_context(document);
    provide_context(imports);
    storage.claim_replica();
    library.boot();
    state.follow_route(leave_warning);
    state
}

impl State {
    /// Follows the route: opens the plan it names, after saving the one being left. Leaving a
    /// plan whose edits could not be saved asks first.
    fn follow_route(self, leave_warning: String) {
        let State { nav, document, .. } = self;
        let shown = StoredValue::new(Route::Library);
        Effect::new(move |_| {
            let route = nav.route.get();
            let wanted = match route {
                Route::Plan { id, .. } | Route::UnknownStep { id, .. } | Route::Report { id } => {
                    Some(id)
                }
                Route::Library | Route::NotFound => None,
            };
            let open = document.open.with_untracked(|o| o.id());
            document.flush();
            if open.is_some() && wanted != open && document.has_unsaved() {
                let leave = window()
                    .confirm_with_message(&leave_warning)
                    .unwrap_or(true);
                if !leave {
                    // Stay: put the address back; the plan and its edits are untouched.
                    let _ = window().location().set_hash(&shown.get_value().to_hash());
                    return;
                }
            }
            shown.set_value(route);
            match wanted {
                Some(id) if document.open.with_untracked(|o| o.id() == Some(id)) => {}
                Some(id) => document.open_plan(id),
                None => document.close_plan(),
            }
        });
    }

    /// Called on the `storage` event, which fires only for writes made by other tabs.
    pub fn on_storage_event(&self, key: Option<String>) {
        if key.as_deref() == Some(crate::persistence::store::LOCK_NOW_KEY) {
            let document = self.document;
            leptos::task::spawn_local(async move { document.lock_all(LockCause::OtherTab).await });
            return;
        }
        if self.library.on_storage_event(key.as_deref()) {
            self.document.on_storage_event(key.as_deref());
        }
    }
}

/// Where the app is: the route shown, followed from the address's hash.
#[derive(Clone, Copy)]
pub struct Nav {
    pub route: RwSignal<Route>,
}

impl Nav {
    /// Goes to a route by changing the hash, so Back and reload work.
    pub fn navigate(&self, route: &Route) {
        let hash = route.to_hash();
        if current_hash() != hash {
            let _ = window().location().set_hash(&hash);
        } else {
            self.route.set(route.clone());
        }
    }

    /// Called on `hashchange`.
    pub fn on_hash_change(&self) {
        let route = Route::parse(&current_hash());
        if self.route.get_untracked() != route {
            self.route.set(route);
        }
    }
}

/// The library on this origin's localStorage, with the locked plans open in this tab held
/// by the vault.
type Lib = Library<Vault<WebStorage, web_sys::CryptoKey>>;

/// The tab's handle on storage, shared by the contexts: the stored library, and the tab's
/// id in plans' versions.
#[derive(Clone, Copy)]
struct Storage {
    lib: StoredValue<Option<Lib>, LocalStorage>,
    /// This tab's id in plans' versions (see `store::tab_replica`), once its slot is known.
    replica: StoredValue<Option<Uuid>>,
}

impl Storage {
    fn open() -> (Storage, Option<StorageError>) {
        let (lib, error) = match WebStorage::open() {
            Ok(storage) => (Some(Library::new(Vault::new(storage))), None),
            Err(e) => (None, Some(e)),
        };
        let storage = Storage {
            lib: StoredValue::new_local(lib),
            replica: StoredValue::new(None),
        };
        (storage, error)
    }

    /// Learns this tab's slot, and so its id in plans' versions.
    fn claim_replica(self) {
        leptos::task::spawn_local(async move {
            let slot = claim_slot().await;
            let device = self.with_lib(|lib| lib.device());
            let replica = match (device, slot) {
                (Some(device), Some(slot)) => tab_replica(device, slot),
                // No Web Locks (or no storage): an id of this session's own.
                _ => Uuid::new_v4(),
            };
            // A save that could not wait took an id of its own: keep it.
            if self.replica.try_get_value() == Some(None) {
                self.replica.set_value(Some(replica));
            }
        });
    }

    fn with_lib<R>(&self, f: impl FnOnce(&Lib) -> R) -> Option<R> {
        self.lib.try_with_value(|lib| lib.as_ref().map(f)).flatten()
    }

    fn lib_or_error<R>(
        &self,
        f: impl FnOnce(&Lib) -> Result<R, SaveError>,
    ) -> Result<R, SaveError> {
        self.with_lib(f)
            .unwrap_or(Err(SaveError::Storage(StorageError::Unavailable)))
    }

    /// This tab's id in plans' versions. A save before the tab's slot is known takes an id
    /// of this session's own.
    fn replica(&self) -> Uuid {
        if let Some(Some(id)) = self.replica.try_get_value() {
            return id;
        }
        let id = Uuid::new_v4();
        let _ = self.replica.try_set_value(Some(id));
        id
    }
}

/// The route shown, from any component under the shell.
pub fn use_nav() -> Nav {
    expect_context::<Nav>()
}

/// The current time, from the browser's clock.
pub fn now() -> Timestamp {
    DateTime::<Utc>::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Today's date in the person's time zone.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_default()
}

/// The current location hash.
pub fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// A slice of a long job: how long it has run, and a way to let the browser in.
struct Slice(f64);

impl Slice {
    fn start() -> Self {
        Slice(clock_ms())
    }

    fn over(&self) -> bool {
        clock_ms() - self.0 > SLICE_MS
    }

    /// Lets the browser draw and handle input, then starts the next slice.
    async fn yield_to_browser(&mut self) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window().set_timeout_with_callback(&resolve);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        self.0 = clock_ms();
    }
}

fn clock_ms() -> f64 {
    window()
        .performance()
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

fn failure(e: SaveError) -> SaveFailure {
    match e {
        SaveError::Conflict { .. } => SaveFailure::Conflict,
        SaveError::Storage(e) => SaveFailure::Storage(e),
        SaveError::Encode(e) => SaveFailure::Encode(e),
        SaveError::Invalid(v) => SaveFailure::Invalid(v),
        SaveError::StoredByNewerVersion { version } => {
            SaveFailure::StoredByNewerVersion { version }
        }
    }
}

fn load_failure(e: LoadError) -> SaveFailure {
    match e {
        LoadError::Missing => SaveFailure::Conflict,
        LoadError::Unreadable(e) => SaveFailure::Encode(e.to_string()),
        LoadError::Storage(e) => SaveFailure::Storage(e),
    }
}
