//! The library's background work: a folder listed from its cache at once
//! and checked against its files ([`super::folder`]), files loading one by
//! one, and what that work sends taken in on the screen's thread
//! ([`LibraryScreen::poll`]): rows added in order, the list replaced when
//! the check found it changed, the search index's progress and answer.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::tui::job::Kind;

use super::model::Item;
use super::{LibraryScreen, folder};
use crate::library::Listed;
use crate::search::SearchOptions;

/// New files wait to join the list until they number a fraction
/// (1/`MERGE_EVERY`) of its rows.
const MERGE_EVERY: usize = 8;

/// What [`LibraryScreen::poll`] took in.
#[derive(Debug)]
pub struct Taken {
    /// Something on screen changed.
    pub changed: bool,
    /// A folder's check found the list changed: the new list, for the
    /// app to put in place (`App::relist`).
    pub relisted: Option<Vec<Listed>>,
}

impl LibraryScreen {
    /// Whether files are loading or the filter is being worked out.
    pub fn busy(&self) -> bool {
        self.loading > 0
            || self.check.as_ref().is_some_and(folder::Check::listing)
            || self.filter_pending()
    }

    /// Whether the folder's check, or the search index's update after it,
    /// is still under way.
    pub fn checking(&self) -> bool {
        self.check_pending || self.check.is_some()
    }

    /// Whether the filter asks the search index (it is up to date).
    pub fn indexed(&self) -> bool {
        self.candidates.is_some()
    }

    /// Load `files` in the background (their metadata only); they join
    /// the list as they arrive ([`LibraryScreen::poll`]).
    pub fn start_loading(&mut self, files: Vec<PathBuf>) {
        self.loading = files.len();
        let started = self.incoming.start(Kind::Loading, move |r| {
            crate::parallel::map_each(&files, |p| {
                if !r.cancelled() {
                    r.report(read_file(p));
                }
            });
        });
        if !started {
            self.loading = 0;
        }
    }

    /// List the folder `dir`: at once from its cache, then checked against
    /// its files in the background (and the search index brought up to
    /// date). Only a folder that cannot be opened is an error.
    pub fn open_folder(&mut self, dir: &Path) -> Result<(), crate::briefing::LoadError> {
        std::fs::read_dir(dir).map_err(|source| crate::briefing::LoadError::Io {
            path: crate::briefing::display_path(dir),
            source,
        })?;
        let cached = crate::listing::cached_into(dir, Item::from).unwrap_or_default();
        self.items = Arc::new(cached);
        self.selected = 0;
        self.filter = None;
        self.job = None;
        self.finished = None;
        self.texts = None;
        self.texts_build.clear();
        self.folder = Some(dir.to_path_buf());
        self.check_pending = true;
        self.indexing = None;
        self.arriving.clear();
        Ok(())
    }

    /// Start checking the listed folder against its files, if that is
    /// still to do: after the first frame, which it would only slow down.
    pub fn start_check(&mut self) {
        if std::mem::take(&mut self.check_pending) {
            self.recheck();
        }
    }

    /// Check the folder against its files again (it changed on disk); the
    /// list is replaced when the check ends.
    pub fn recheck(&mut self) {
        self.check_pending = false;
        // The check replaced reports its own index update, and its new
        // files again.
        self.indexing = None;
        self.arriving.clear();
        if let Some(dir) = &self.folder {
            self.check = Some(folder::Check::start(
                dir.clone(),
                Some(Arc::clone(&self.items)),
            ));
        }
    }

    /// Take in work finished in the background (files loaded, a folder
    /// checked, the filter's texts or rows); what changed.
    pub fn poll(&mut self, opts: SearchOptions) -> Taken {
        let mut changed = self.poll_loading(opts);
        let relisted = self.poll_check(opts, &mut changed);
        changed |= self.poll_texts(opts);
        changed |= self.poll_job();
        Taken { changed, relisted }
    }

    /// Take in the files loaded since the last call; true when any came, or
    /// when loading ended (all sent, or the loaders are gone).
    pub(super) fn poll_loading(&mut self, opts: SearchOptions) -> bool {
        if !self.incoming.running() {
            return false;
        }
        let update = self.incoming.poll();
        let loaded = update.progress;
        let ended = update.end.is_some();
        if ended {
            self.loading = 0;
        }
        let changed = ended || !loaded.is_empty();
        self.add_loaded(loaded, opts);
        changed
    }

    /// Take in what the folder's check sent: new files as they are read,
    /// then the whole list when it changed (for the app to put in place).
    pub(super) fn poll_check(
        &mut self,
        opts: SearchOptions,
        changed: &mut bool,
    ) -> Option<Vec<Listed>> {
        let check = self.check.as_mut()?;
        let news = check.poll();
        if news.reading.is_some() || news.ended {
            *changed = true;
        }
        if let Some(n) = news.reading {
            self.loading = n;
        }
        if let Some(p) = news.indexing {
            *changed |= self.indexing != Some(p);
            self.indexing = Some(p);
        }
        if let Some(c) = news.candidates {
            self.candidates = Some(c);
            *changed |= self.indexing.take().is_some();
        }
        if news.ended {
            self.loading = 0;
        }
        if check.finished() {
            self.check = None;
            *changed |= self.indexing.take().is_some();
        }
        self.arriving.extend(news.arrived);
        // Each merge moves every row: new files join the list in batches
        // that grow with it, and all of them once the check has ended.
        let ended = news.ended || self.check.is_none();
        if !self.arriving.is_empty()
            && (ended || self.arriving.len() * MERGE_EVERY >= self.items.len())
        {
            *changed = true;
            let arrived = std::mem::take(&mut self.arriving);
            self.add_loaded(arrived, opts);
        }
        news.listed
    }
}

/// A file's row, read from its metadata (an error row if it cannot be).
fn read_file(p: &PathBuf) -> Listed {
    crate::listing::read_files(std::slice::from_ref(p))
        .pop()
        .unwrap_or_else(|| Listed {
            path: p.clone(),
            key: crate::state::key_for(p),
            stamp: None,
            info: Err(String::new()),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("yomu-libwork-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("a temporary folder");
        d
    }

    #[test]
    fn files_loading_in_the_background_join_the_list_in_order() {
        let dir = temp_dir("load");
        let write = |name: &str, day: u8| {
            let p = dir.join(name);
            let text = format!(
                "title = \"{name}\"\npublished = 2026-01-{day:02}\n\n[[sections]]\nheading = \"h\"\n"
            );
            std::fs::write(&p, text).expect("written");
            p
        };
        let files = vec![write("old.toml", 1), write("new.toml", 9), {
            let p = dir.join("bad.toml");
            std::fs::write(&p, "title = ").expect("written");
            p
        }];
        let mut lib = LibraryScreen::default();
        lib.start_loading(files);
        assert_eq!(lib.loading, 3);
        assert!(lib.busy());
        // Taken in as they arrive, until the loaders are done.
        while lib.busy() {
            let _ = lib.poll(SearchOptions::default());
            std::thread::yield_now();
        }
        assert_eq!(lib.loading, 0);
        let names: Vec<_> = lib
            .items
            .iter()
            .map(|i| i.path.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        assert_eq!(
            names,
            [
                Some("new.toml".to_string()),
                Some("old.toml".into()),
                Some("bad.toml".into())
            ]
        );
        assert!(lib.items[2].error.is_some());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_folder_that_cannot_be_opened_is_an_error_and_nothing_starts() {
        let parent = temp_dir("missing");
        let dir = parent.join("not-there");
        let mut lib = LibraryScreen::default();
        assert!(lib.open_folder(&dir).is_err());
        assert!(lib.folder.is_none());
        lib.start_check();
        assert!(!lib.checking());
        let _ = std::fs::remove_dir_all(&parent);
    }
}
