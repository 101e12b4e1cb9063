//! Briefings: the model, the loader and its diagnostics.
//!
//! [`load_file`] reads one file (refusing what is too large, binary, not
//! UTF-8 or not a regular file), [`parse_str`] turns TOML text into a
//! validated [`Briefing`] or every [`Diagnostic`] that explains why not.
//!
//! Inside: `read` (the file system checks), `parse` (BOM, empty file, TOML
//! syntax errors), `validate` (the walk over the tree) with `schema` (which
//! keys go where), `values` (typed readers with their messages), `weburl`
//! (source URLs); `json_schema` is the format as a JSON Schema for
//! editors; the diagnostics themselves (positions, "did you mean",
//! rendering) are [`crate::diagnostics`], shared with the configuration.

pub mod article;
mod chunked;
pub mod json_schema;
pub mod model;

mod parse;
mod read;
pub(crate) mod schema;
mod validate;
mod values;
mod weburl;

use std::path::Path;

use crate::i18n::{Msg, tf};

pub use crate::diagnostics::{Counts, Diagnostic, DiagnosticStyles, Severity, display_path};
pub use model::{Briefing, Published, Section, Source};
pub use values::looks_like_language_tag;

/// Check a source address as `yomu check` does (an absolute http(s) URL
/// with a host); the message and hint when it is not one.
pub fn check_url(raw: &str) -> Result<(), (String, String)> {
    weburl::check("url", raw).map_err(|p| (p.message, p.hint))
}

/// Files larger than this are refused.
pub const MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// A successfully loaded briefing and the warnings found on the way
/// (for example control characters in text).
#[derive(Debug, Clone)]
pub struct Loaded {
    pub briefing: Briefing,
    pub warnings: Vec<Diagnostic>,
}

/// Why a file could not be loaded (in the interface's language, [`crate::i18n`]). Every variant but `Invalid` is about the
/// file itself (an I/O problem: `yomu check` exits 2); `Invalid` holds every
/// diagnostic (errors and warnings, in file order) of a briefing that does
/// not follow the format (exit 1).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}", tf(Msg::CliLoadIo, &[path, source]))]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", tf(Msg::CliLoadTooLarge, &[path, size, limit, &(*limit / (1024 * 1024))]))]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("{}", tf(Msg::CliLoadNotUtf8, &[path, offset]))]
    NotUtf8 { path: String, offset: usize },
    #[error("{}", tf(Msg::CliLoadBinary, &[path, offset]))]
    Binary { path: String, offset: usize },
    #[error("{}", tf(Msg::CliLoadNotAFile, &[path]))]
    NotAFile { path: String },
    #[error("{}", .diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid { diagnostics: Vec<Diagnostic> },
}

impl LoadError {
    /// Whether the file was read but is not a valid briefing (as opposed to
    /// a file that could not be read as text at all).
    pub fn is_invalid(&self) -> bool {
        matches!(self, LoadError::Invalid { .. })
    }
}

/// Parse and validate TOML text; `name` is the file name shown in diagnostics.
///
/// `Err` holds every diagnostic of the file (at least one error, plus any
/// warnings), sorted by position; `Ok` holds the warnings.
pub fn parse_str(name: &str, src: &str) -> Result<Loaded, Vec<Diagnostic>> {
    parse::parse(name, src)
}

/// The briefing of one file as a search needs it: [`load_file`] without
/// the checks that can only warn (deceptive addresses, unsafe characters,
/// furigana notes), so the same briefing sooner. A file that fails is
/// loaded again in full, so its error is exactly [`load_file`]'s.
pub fn load_for_search(path: &Path) -> Result<Briefing, LoadError> {
    let quiet = (|| {
        let (mut file, len) = read::open(path).ok()?;
        if len >= chunked::CHUNKED_FROM as u64 {
            return None;
        }
        let text = read::read_all(path, &mut file, len).ok()?;
        parse::parse_quiet(&display_path(path), &text).ok()
    })();
    match quiet {
        Some(loaded) => Ok(loaded.briefing),
        None => load_file(path).map(|l| l.briefing),
    }
}

/// [`load_for_search`], except that a file read whole as text whose text
/// `skip` rejects gives `Ok(None)` without being parsed: a search reports
/// matches, and a file that cannot match is not one, valid or not
/// (`yomu check` reports broken files). A file that cannot be read as
/// text, or that `skip` keeps, is reported when it fails, as
/// [`load_file`] reports it.
pub fn load_for_search_unless(
    path: &Path,
    skip: impl Fn(&str) -> bool,
) -> Result<Option<Briefing>, LoadError> {
    let quiet = (|| {
        let (mut file, len) = read::open(path).ok()?;
        if len >= chunked::CHUNKED_FROM as u64 {
            return None;
        }
        let text = read::read_all(path, &mut file, len).ok()?;
        if skip(&text) {
            return Some(None);
        }
        let loaded = parse::parse_quiet(&display_path(path), &text).ok()?;
        Some(Some(loaded.briefing))
    })();
    match quiet {
        Some(found) => Ok(found),
        None => load_file(path).map(|l| Some(l.briefing)),
    }
}

/// Read and validate one file.
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    let name = display_path(path);
    let (mut file, len) = read::open(path)?;
    // A large file is streamed chunk by chunk when it can be; else (and
    // for every problem) it is read and parsed whole.
    if len >= chunked::CHUNKED_FROM as u64 {
        if let Some(loaded) = chunked::load(path, &mut file, &name) {
            return Ok(loaded);
        }
        read::rewind(path, &mut file)?;
    }
    let text = read::read_all(path, &mut file, len)?;
    parse_str(&name, &text).map_err(|diagnostics| LoadError::Invalid { diagnostics })
}
