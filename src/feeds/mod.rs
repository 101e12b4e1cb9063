//! News in: RSS, Atom and JSON Feed imported as briefings, subscriptions,
//! and syncing them into the data library.
//!
//! Part of the core (no terminal code): the command line (`cli::feeds`) and
//! the reader's sync key both drive [`sync::run`].
//!
//! - [`aozora`]: an Aozora Bunko text file (青空文庫) as a briefing;
//! - [`feedlist`]: the reader's list of feeds, and one feed's articles
//!   across its days as one briefing;
//! - [`every`]: `sync_every`, the reader's background sync interval;
//! - [`encoding`]: a feed's bytes to UTF-8 (Shift_JIS, EUC-JP, ISO-2022-JP);
//! - [`guard`]: refusing hostile XML (entity declarations, deep nesting)
//!   before it is parsed;
//! - [`xmltree`]: a feed's XML as a tree, namespaces, `xml:base` and
//!   `xml:lang` resolved;
//! - [`dialects`]: every RSS and Atom dialect (and JSON Feed, through
//!   `feed-rs`) read into one model;
//! - [`dates`]: dates as feeds write them;
//! - [`html`]: HTML to paragraphs and key points, with a real HTML parser;
//! - [`import`]: a read feed to a [`crate::briefing::Briefing`]
//!   and its TOML, validated by the same loader as every briefing;
//! - [`media`]: the files an item carries, named as sources;
//! - [`rename`]: a subscription renamed with its files, state and marks;
//! - [`subscriptions`]: `feeds.toml`, OPML import and export;
//! - [`fetch`]: one HTTP fetch, conditional, capped and timed;
//! - [`fetchstate`]: validators, seen items and per-host backoff,
//!   remembered across runs;
//! - [`files`]: the library files of a subscription, and tidying them;
//! - [`fulltext`]: the whole article of each new item, for `full_text`
//!   subscriptions ([`crate::webpage`]);
//! - [`sync`]: every subscription fetched, new items written as briefings.

pub mod aozora;
pub mod dates;
pub mod dialects;
pub mod encoding;
pub mod every;
pub mod feedlist;
pub mod fetch;
pub mod fetchstate;
pub mod files;
pub mod fulltext;
pub mod guard;
pub mod html;
pub mod import;
pub mod media;
pub mod opml;
pub mod rename;
pub mod report;
pub mod subscriptions;
pub mod sync;
pub mod xmltree;

use crate::i18n::{Msg, t, tf};

/// Why a feed could not be turned into a briefing.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum FeedError {
    /// Not RSS, Atom or JSON Feed, or broken beyond repair.
    #[error("{}", tf(Msg::CliFeedParse, &[.0]))]
    Parse(String),
    /// Refused before parsing (entity declarations, nesting too deep).
    #[error("{}", tf(Msg::CliFeedHostile, &[.0]))]
    Hostile(String),
    /// A feed with no item that has a title or text.
    #[error("{}", t(Msg::CliFeedEmpty))]
    Empty,
    /// A feed (of the dialect named) with no items at all.
    #[error("the {0} feed has no items")]
    NoItems(String),
    /// An Aozora Bunko file without a title or without any text.
    #[error("the Aozora Bunko file has no title or no text")]
    NoWork,
    /// The briefing made of it would be over the size limit.
    #[error("{}", tf(Msg::CliFeedTooLarge, &[.0]))]
    TooLarge(usize),
    /// A remote briefing that does not follow the format (the first problem).
    #[error("{}", tf(Msg::CliFeedInvalid, &[.0]))]
    Invalid(String),
}
