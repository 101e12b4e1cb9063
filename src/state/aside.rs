//! A state database that cannot be used: renamed aside (with its `-wal`
//! and `-shm` companions) so a fresh one can be made, or reported; the
//! messages that say so.

use std::path::Path;

use super::{StateError, now};
use crate::i18n::{Msg, tf};

/// Rename an unusable state file (and a database's companions) aside;
/// the message that says so.
pub(super) fn set_aside(path: &Path, why: &str) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let aside = path.with_file_name(format!("{name}.corrupt-{}", now()));
    let moved = std::fs::rename(path, &aside);
    for ext in ["-wal", "-shm"] {
        let companion = path.with_file_name(format!("{name}{ext}"));
        if companion.exists() {
            let _ = std::fs::rename(
                &companion,
                aside.with_file_name(format!("{name}.corrupt-{}{ext}", now())),
            );
        }
    }
    let why = crate::text::sanitize_line(why.lines().next().unwrap_or("")).into_owned();
    match moved {
        Ok(()) => tf(
            Msg::StateSetAside,
            &[&why, &crate::briefing::display_path(&aside)],
        ),
        Err(e) => tf(Msg::StateNotSetAside, &[&why, &e]),
    }
}

/// The message for a database that could not be opened.
pub(super) fn not_opened(path: &Path, e: &StateError) -> String {
    tf(
        Msg::StateUnreadable,
        &[&crate::briefing::display_path(path), &e],
    )
}
