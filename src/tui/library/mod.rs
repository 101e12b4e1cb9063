//! The library screen: the list of briefings (newest first, failed files
//! last), the selection, the filter (`/`), and the files still arriving
//! from a folder loading in the background. The list stays under the
//! reader, so leaving a briefing comes back to it as it was.
//!
//! A folder is listed by its metadata only ([`Item`]: title, date, section
//! count or the error; [`folder`] lists it from the cache at once, then
//! checks it against the files in the background); a briefing is read when
//! it is opened. Built-in samples and a single file are held whole.
//!
//! The filter keeps the briefings whose title, tags or any text match the
//! query, compared as search compares. Over briefings held in memory, their
//! normalised texts are built on the first `/`: at once for a small
//! library, on a background thread for a large one. Over a folder, each
//! query is a background `file_filter::Job` that reads the candidate files
//! (narrowed by the search index) and shows the rows as they match.
//! While that index is being built, the status bar shows how far
//! (`indexing 12,340/100,000`); the filter reads the files meanwhile.
//!
//! The screen is one struct in four parts, each in its own file: its model
//! (`model`: the rows, their order, the selection, the counts), its
//! background work (`work`: loading and the folder's check, taken in), its
//! filter ([`filter`]) and its view (`view`: keys and drawing).

pub mod file_filter;
pub mod filter;
pub mod folder;
pub mod index;
mod model;
mod view;
mod work;

use std::path::PathBuf;
use std::sync::Arc;

pub use filter::{FILTER_IN_BACKGROUND, Filter};
pub use model::{Item, items_of};
pub use work::Taken;

use crate::library::Listed;
use crate::tui::job::Latest;

/// The list of briefings.
#[derive(Debug, Default)]
pub struct LibraryScreen {
    /// The rows, in the library's order (shared with the filter's jobs).
    pub items: Arc<Vec<Item>>,
    pub selected: usize,
    /// The filter (`/`), while open or applied.
    pub filter: Option<Filter>,
    /// Files still loading in the background.
    pub loading: usize,
    /// Where those files arrive from ([`LibraryScreen::start_loading`]).
    incoming: Latest<Listed, ()>,
    /// The folder being checked against its files ([`folder`]).
    check: Option<folder::Check>,
    /// New files its check read, not in the rows yet (they join in
    /// batches: [`LibraryScreen::poll`]).
    arriving: Vec<Listed>,
    /// The folder listed, if the list is one.
    pub folder: Option<PathBuf>,
    /// Its check is still to start ([`LibraryScreen::start_check`]).
    check_pending: bool,
    /// The search index's answer to a query, once it is up to date.
    candidates: Option<file_filter::Candidates>,
    /// The search index being updated: files done, of how many (shown in
    /// the status bar until it is up to date).
    indexing: Option<(usize, usize)>,
    /// Normalised searchable text per item, built on the first filter
    /// (when every briefing is held in memory).
    texts: Option<Vec<String>>,
    /// Those texts being built in the background, if they are.
    texts_build: Latest<(), Vec<String>>,
    /// The filter being worked out over a folder's files.
    job: Option<file_filter::Job>,
    /// The last job that ended.
    finished: Option<filter::Finished>,
    /// The row the filter keeps selected if it matches (the selection
    /// before the query changed, or where the reader moved since).
    keep: Option<usize>,
    /// The reader has moved the cursor (or opened a briefing): from then
    /// on the selection follows that briefing as a folder loads; until
    /// then it stays on the first row.
    cursor_moved: bool,
}

impl LibraryScreen {
    /// The list of a loaded library.
    pub fn new(lib: crate::library::Library) -> LibraryScreen {
        LibraryScreen {
            items: Arc::new(items_of(lib)),
            ..LibraryScreen::default()
        }
    }
}
