//! The polite confirmations: "Exported", "Undone", "Merged"… one at a time, each cleared
//! after a while.

use std::time::Duration;

use leptos::prelude::*;

/// How long a confirmation stays on screen.
pub const NOTICE_LINGER: Duration = Duration::from_secs(8);

/// A short message for the polite live region. Every text comes from the locale file, so the
/// notice carries the key and its arguments, not words.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Exported {
        file: String,
    },
    /// A file handed to the system's share sheet.
    Shared {
        file: String,
    },
    Undone {
        name: String,
    },
    Renamed {
        name: String,
    },
    Duplicated {
        name: String,
    },
    Imported {
        count: usize,
    },
    ImportCancelled,
    /// The last import's merges were undone.
    MergeUndone {
        count: usize,
    },
    Kept {
        name: String,
    },
    Reloaded,
    Synced,
    /// This tab's edits and another tab's were merged and saved.
    Merged,
    EditUndone,
    EditRedone,
    /// The open plan was locked with a passphrase.
    Locked,
    /// The open plan's lock was removed.
    LockRemoved,
    /// The open plan locked itself after the idle time.
    IdleLocked,
}

/// The notice on screen.
#[derive(Clone, Copy)]
pub struct NoticesCtx {
    pub notice: RwSignal<Option<Notice>>,
}

/// The notices, from any component under the shell.
pub fn use_notices() -> NoticesCtx {
    expect_context::<NoticesCtx>()
}

impl NoticesCtx {
    pub(super) fn new() -> Self {
        NoticesCtx {
            notice: RwSignal::new(None),
        }
    }

    /// Shows a notice in the polite live region, and clears it after a while, unless another
    /// notice replaced it meanwhile.
    pub fn announce(&self, notice: Notice) {
        self.notice.set(Some(notice.clone()));
        let me = *self;
        set_timeout(
            move || {
                if me.notice.try_get_untracked().flatten().as_ref() == Some(&notice) {
                    let _ = me.notice.try_set(None);
                }
            },
            NOTICE_LINGER,
        );
    }
}
