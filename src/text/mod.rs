//! Text for a fixed grid: sanitising, measuring and line breaking.
//!
//! Everything that reaches a terminal or an export goes through here:
//! [`sanitize`] first (so no control, escape or bidi character survives),
//! then [`width`] measures grapheme clusters, [`breaks`] finds where a line
//! may break (UAX #14 by `unicode-linebreak` or ICU4X, the JLReq tailorings,
//! [`kinsoku`]), and [`wrap`] fills lines, with [`phrase`] (BudouX)
//! preferring phrase boundaries in headlines. [`ruby`] reads the furigana
//! notation, [`notes`] Aozora Bunko's editor's notes (emphasis, indents, gaiji).

pub mod breaks;
pub mod cluster;
pub mod kinsoku;
pub mod notes;
pub mod phrase;
pub mod ruby;
pub mod sanitize;
pub mod urls;
pub mod width;
pub mod wrap;

pub use sanitize::{has_unsafe_chars, quoted, sanitize, sanitize_line};
pub use width::{Graphemes, WidthOptions};
pub use wrap::{WrapOptions, wrap};
