//! A library: a folder of briefings, loaded, sorted newest first, with the
//! files that failed kept in the list beside their error.

use std::path::PathBuf;

use crate::briefing::{LoadError, Loaded};

/// One file of a library.
#[derive(Debug)]
pub struct Entry {
    pub path: PathBuf,
    pub result: Result<Loaded, LoadError>,
}

/// The loaded library, newest first.
#[derive(Debug, Default)]
pub struct Library {
    pub entries: Vec<Entry>,
}
