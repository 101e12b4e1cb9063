//! News in: RSS, Atom and JSON Feed imported as briefings, subscriptions,
//! and syncing them into the data library.
//!
//! Part of the core (no terminal code): the command line (`cli::feeds`) and
//! the reader's sync key both drive [`sync::run`].
//!
//! - [`aozora`]: an Aozora Bunko text file (青空文庫) as a briefing;
//! - [`encoding`]: a feed's bytes to UTF-8 (Shift_JIS, EUC-JP, ISO-2022-JP);
//! - [`guard`]: refusing hostile XML (entity declarations, deep nesting)
//!   before it is parsed;
//! - [`html`]: HTML to paragraphs and key points, with a real HTML parser;
//! - [`import`]: a parsed feed (`feed-rs`) to a [`crate::briefing::Briefing`]
//!   and its TOML, validated by the same loader as every briefing;
//! - [`subscriptions`]: `feeds.toml`, OPML import and export;
//! - [`fetch`]: one HTTP fetch, conditional, capped and timed;
//! - [`fetchstate`]: validators, seen items and per-host backoff,
//!   remembered across runs;
//! - [`sync`]: every subscription fetched, new items written as briefings.

pub mod aozora;
pub mod encoding;
pub mod fetch;
pub mod fetchstate;
pub mod guard;
pub mod html;
pub mod import;
pub mod subscriptions;
pub mod sync;

use std::path::PathBuf;

/// Why a feed could not be turned into a briefing.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum FeedError {
    /// Not RSS, Atom or JSON Feed, or broken beyond repair.
    #[error("not a readable feed: {0}; check that the address is an RSS, Atom or JSON Feed")]
    Parse(String),
    /// Refused before parsing (entity declarations, nesting too deep).
    #[error("refused: {0}")]
    Hostile(String),
    /// A feed with no item that has a title or text.
    #[error("the feed has no items with a title or text")]
    Empty,
    /// An Aozora Bunko file without a title or without any text.
    #[error("the Aozora Bunko file has no title or no text")]
    NoWork,
    /// The briefing made of it would be over the size limit.
    #[error("the briefing would be {0} bytes, over the 16 MiB limit of a briefing")]
    TooLarge(usize),
    /// A remote briefing that does not follow the format (the first problem).
    #[error("not a valid briefing: {0}")]
    Invalid(String),
}

/// yomu's folder of synced briefings: `$XDG_DATA_HOME/yomu/library`, else
/// `~/.local/share/yomu/library`.
pub fn library_dir() -> Option<PathBuf> {
    Some(crate::xdg::yomu_dir("XDG_DATA_HOME", ".local/share")?.join("library"))
}
