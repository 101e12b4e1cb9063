//! Containing tantivy's panics. A damaged index file that the checksums do
//! not catch (or a bug in tantivy) can make tantivy panic instead of
//! returning an error: an index slice out of range in its term dictionary,
//! say. The index is a cache, never the only copy of anything, so such a
//! panic must cost a search its index, not the process: [`contain`] runs
//! index work under `catch_unwind`, turns a panic into
//! [`IndexError::Panicked`] and marks the index for rebuilding.
//!
//! The panic hook (which restores the terminal and prints "internal
//! error") asks [`contained`] first and stays quiet for a panic that is
//! caught here, or that happens on one of tantivy's own threads while index
//! work is under way.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::IndexError;

thread_local! {
    /// Whether this thread is inside [`contain`].
    static INSIDE: Cell<bool> = const { Cell::new(false) };
}

/// How many threads are inside [`contain`] now.
static ACTIVE: AtomicUsize = AtomicUsize::new(0);

/// Whether a panic on the current thread is being contained: this thread
/// is inside [`contain`], or it is one of tantivy's threads while some
/// index work is under way (for the panic hook).
pub fn contained() -> bool {
    if INSIDE.with(Cell::get) {
        return true;
    }
    if ACTIVE.load(Ordering::SeqCst) == 0 {
        return false;
    }
    let current = std::thread::current();
    let name = current.name().unwrap_or_default();
    ["thrd-tantivy", "merge_thread", "segment_updater"]
        .iter()
        .any(|p| name.starts_with(p))
}

/// Leaves the contained state however `contain` ends.
struct Inside {
    was: bool,
}

impl Inside {
    fn enter() -> Inside {
        ACTIVE.fetch_add(1, Ordering::SeqCst);
        Inside {
            was: INSIDE.with(|c| c.replace(true)),
        }
    }
}

impl Drop for Inside {
    fn drop(&mut self) {
        INSIDE.with(|c| c.set(self.was));
        ACTIVE.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Run `work` (on a worker thread of [`contain`]'s work) as contained: a
/// panic in it still unwinds (to be done again, and caught, on the
/// contained thread), but the panic hook stays quiet.
pub fn quietly<T>(work: impl FnOnce() -> T) -> T {
    let _inside = Inside::enter();
    work()
}

/// Run `work` on the index stored at `at`; a panic inside becomes
/// [`IndexError::Panicked`], and the index is marked to be made anew by
/// whoever opens it next.
pub fn contain<T>(
    at: &Path,
    work: impl FnOnce() -> Result<T, IndexError>,
) -> Result<T, IndexError> {
    let outcome = {
        let _inside = Inside::enter();
        catch_unwind(AssertUnwindSafe(work))
    };
    outcome.unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        super::store::invalidate(at, "tantivy panicked while using it");
        Err(IndexError::Panicked {
            path: at.to_path_buf(),
            message: crate::text::sanitize_line(&message).into_owned(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_and_the_thread_leaves_the_contained_state() {
        let dir = std::env::temp_dir().join(format!("yomu-guard-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("version"), "v").expect("version");
        assert!(!contained());
        let r: Result<(), _> = contain(&dir, || {
            assert!(contained());
            panic!("range end index 93 out of range")
        });
        match r {
            Err(IndexError::Panicked { message, .. }) => {
                assert!(message.contains("range end index 93"), "{message}")
            }
            other => panic!("{other:?}"),
        }
        assert!(!contained());
        // The index is marked to be rebuilt.
        assert!(!dir.join("version").exists());
        assert_eq!(contain(&dir, || Ok(7)).ok(), Some(7));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
