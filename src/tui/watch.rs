//! Live reload: a `notify` watcher on the opened briefing (through its
//! folder, so editors that save by writing a new file and renaming it over
//! the old one are seen too) or on the library folder. Events arrive on a
//! channel that the run loop drains between key presses; a burst of events
//! (an editor's save is several) becomes one reload, shortly after the last.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// How long after the last event the reload happens.
const SETTLE: Duration = Duration::from_millis(120);

/// A watch on a briefing file or a library folder.
pub struct Watch {
    _watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    /// The file name to look for (a single briefing); `None`: any `*.toml` of the folder.
    file: Option<std::ffi::OsString>,
    due: Option<Instant>,
}

impl Watch {
    /// Watch `path` (a file or a folder). `None` when the system cannot watch it.
    pub fn new(path: &Path) -> Option<Watch> {
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(move |e| {
            let _ = tx.send(e);
        })
        .ok()?;
        let (dir, file): (PathBuf, _) = if path.is_dir() {
            (path.to_path_buf(), None)
        } else {
            let parent = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            (parent, Some(path.file_name()?.to_os_string()))
        };
        watcher.watch(&dir, RecursiveMode::NonRecursive).ok()?;
        Some(Watch {
            _watcher: watcher,
            events,
            file,
            due: None,
        })
    }

    /// Whether an event is a change to what is watched (not a read).
    fn relevant(&self, e: &Event) -> bool {
        let change = match e.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
            EventKind::Access(_) => false,
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
            _ => true,
        };
        change
            && (e.paths.is_empty()
                || e.paths.iter().any(|p| match &self.file {
                    Some(name) => p.file_name() == Some(name.as_os_str()),
                    None => p
                        .extension()
                        .is_some_and(|x| x.eq_ignore_ascii_case("toml")),
                }))
    }

    /// Drain the events; true when a reload is due now.
    pub fn poll(&mut self) -> bool {
        while let Ok(e) = self.events.try_recv() {
            // An error (an overflowed queue) may hide a change: reload.
            if e.as_ref().map_or(true, |e| self.relevant(e)) {
                self.due = Some(Instant::now() + SETTLE);
            }
        }
        match self.due {
            Some(t) if Instant::now() >= t => {
                self.due = None;
                true
            }
            _ => false,
        }
    }

    /// How long the run loop may wait for input before the next [`Watch::poll`].
    pub fn wait(&self, idle: Duration) -> Duration {
        match self.due {
            Some(t) => t.saturating_duration_since(Instant::now()).min(idle),
            None => idle,
        }
    }
}
