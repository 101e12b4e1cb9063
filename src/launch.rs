//! Opening a path: what `yomu [PATH]`, `export` and `search` read when
//! given a path or none (`./briefings` if it exists, else the synced data
//! library when it holds anything, else the samples built into the binary), a folder's files to load as the caller likes, and the
//! width options of the command line and configuration.
//!
//! Part of the core: both the reader (`tui`) and the commands (`cli`) open
//! paths through here, so neither needs the other.

use std::path::{Path, PathBuf};

use crate::briefing::LoadError;
use crate::library::{self, Library};
use crate::text::WidthOptions;

/// What to read when no path is given: `./briefings` if it exists, else
/// the data library that `yomu sync` fills (`$XDG_DATA_HOME/yomu/library`)
/// when it holds a briefing, else the samples built into the binary (`None`).
pub fn default_path(path: Option<&Path>) -> Option<PathBuf> {
    match path {
        Some(p) => Some(p.to_path_buf()),
        None => {
            let local = Path::new("briefings");
            if local.is_dir() {
                return Some(local.to_path_buf());
            }
            crate::paths::Paths::from_env()
                .library_dir()
                .filter(|d| holds_briefings(d))
        }
    }
}

/// Whether the folder `dir` holds a briefing file (`*.toml`, not a dot-file).
fn holds_briefings(dir: &Path) -> bool {
    library::briefing_files(dir).is_ok_and(|f| !f.is_empty())
}

/// The `*.toml` files of the path (or the default) when it is a folder, to
/// load as the caller likes (in the background, with a search); `Ok(None)`
/// for a file or the built-in samples (use [`load`]). A folder that cannot
/// be listed is an error.
pub fn folder_files(path: Option<&Path>) -> Result<Option<Vec<PathBuf>>, LoadError> {
    let Some(dir) = default_path(path).filter(|p| p.is_dir()) else {
        return Ok(None);
    };
    library::briefing_files(&dir).map(Some)
}

/// Load a path (or the default) as a library.
pub fn load(path: Option<&Path>) -> Result<Library, LoadError> {
    match default_path(path) {
        None => Ok(library::from_sources(crate::samples::SAMPLES)),
        Some(p) => library::load_path(&p),
    }
}

/// Width options for an `--ambiguous-width` (or `ambiguous_width` setting) of 1 or 2.
pub fn widths(ambiguous_width: Option<u8>) -> WidthOptions {
    WidthOptions {
        ambiguous_wide: ambiguous_width == Some(2),
    }
}
