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

/// Load a file (a one-entry library) or a folder. (Being written on the loader branch.)
pub fn load_path(path: &std::path::Path) -> Result<Library, LoadError> {
    Ok(Library {
        entries: vec![Entry {
            path: path.to_path_buf(),
            result: crate::briefing::load_file(path),
        }],
    })
}

/// Parse in-memory `(name, text)` pairs. (Being written on the loader branch.)
pub fn from_sources(items: &[(&str, &str)]) -> Library {
    Library {
        entries: items
            .iter()
            .map(|(n, t)| Entry {
                path: PathBuf::from(n),
                result: crate::briefing::parse_str(n, t).map_err(|diagnostics| LoadError::Invalid { diagnostics }),
            })
            .collect(),
    }
}
