//! Search: normalised matching over laid-out text, fit for Japanese.
//!
//! Both the query and the text are normalised the same way before they are
//! compared: Unicode NFKC (so fullwidth `ＡＢＣ` and `０１２` become `abc` and
//! `012`, halfwidth `ｶﾀｶﾅ` becomes `カタカナ`, `ｶﾞ` becomes `ガ`), then lower
//! case, and optionally katakana folded to hiragana
//! ([`SearchOptions::kana_insensitive`], U+30A1..=U+30F6 → U+3041..=U+3096),
//! so `かな` finds `カナ`.
//!
//! Text is normalised one grapheme cluster at a time, so every normalised
//! byte knows the cluster (and thus the grid cells) it came from: a match
//! highlights exactly the cells of the clusters it covers, two for a wide
//! character. Matching runs over a *block* (one field) at a time, the lines
//! of the block joined as the layout broke them: a break that consumed a
//! space ([`Glue::Space`]) joins with one space, a break between two
//! Japanese characters ([`Glue::Direct`]) with nothing. So a phrase that was
//! wrapped over two lines is still found, as [`CellRange`]s on both lines.
//! Markers (`✅`, `[1]`) and indentation are not text and never match.
//! Furigana drawn above their bases are indexed after the page's text, one
//! line of readings at a time, so both a base and its reading are found;
//! `yomu search` reads a field with its readings inline (`漢字（かんじ）`).
//!
//! [`PageText`] keeps a page's normalised text, built once, so each
//! keystroke of an incremental search is one substring scan over it;
//! [`PageText::pieces`] turns a match back into cells, only for the matches
//! on screen. [`search_briefing`] searches a briefing's fields directly (no
//! layout) for `yomu search`.
//!
//! Inside: [`normalize`] (the normaliser), [`page_text`] (a page's
//! normalised text and its matches as cells), [`fields`] (a briefing's fields, for the filter
//! and the command line), [`prefilter`] (a file that cannot match, told
//! from its bytes, for the full scan).

pub mod fields;
pub mod normalize;
pub mod page_text;
pub mod prefilter;

use crate::text::width::WidthOptions;

pub use fields::{
    CONTEXT_CELLS, FieldMatch, Matches, Needle, Place, Shown, count_fields, count_shown, fields,
    is_simple, search_briefing, search_fields, search_shown,
};
pub use normalize::{normalize, normalize_into, prepare_query};
pub use page_text::{PageText, find_in_page, texts_of_pages};

/// How to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SearchOptions {
    /// Hiragana and katakana match each other (`かな` finds `カナ`).
    pub kana_insensitive: bool,
    /// How wide clusters are drawn (for the cells of a match).
    pub widths: WidthOptions,
}

/// What a search gives of each file that matches (`yomu search`, `-c`, `-l`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Want {
    /// Every match with the text around it.
    #[default]
    Lines,
    /// How many matches there are, with no context cut.
    Count,
    /// Only that there is one: a file's search ends at its first match.
    Any,
}

/// One line's part of a match: `width` cells from column `col` of line
/// `line` (columns count from the left edge of the text, indentation and
/// markers included, as the view draws them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellRange {
    pub line: usize,
    pub col: usize,
    pub width: usize,
}

/// Whether `s` appears in `text` after normalising both (for the tests'
/// one-off checks; loops prepare the query once).
#[cfg(test)]
fn contains(text: &str, query: &str, opts: SearchOptions) -> bool {
    prepare_query(query, opts).is_some_and(|q| normalize(text, opts).contains(&q))
}
