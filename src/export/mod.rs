//! Exports: plain text (the laid-out lines), Markdown and JSON.
//!
//! Writers stream through `io::Write`; the caller decides what a closed pipe
//! means (for the CLI: a quiet exit 0). Text is the layout engine's output,
//! so it follows exactly the rules of the reader; Markdown and JSON are
//! built from the model, with every string sanitised (Markdown) or escaped
//! (JSON) so no control, escape or bidi character reaches the output.
//! Furigana come out as `漢字（かんじ）` in text, as HTML `<ruby>` in
//! Markdown, and as written (the source notation) in JSON.
//!
//! Inside: [`text`] (the laid-out lines, streamed through a pipeline of
//! worker threads for a long briefing), [`markdown`] and [`json`].

mod json;
mod markdown;
mod text;

use crate::layout::LayoutOptions;

pub use json::{WithPath, json_array_item, jsonl_line, write_json, write_jsonl};
pub use markdown::write_markdown;
pub use text::{render_text, write_text, write_text_all};

/// Options for the text export.
#[derive(Debug, Clone, Copy)]
pub struct TextOptions {
    pub layout: LayoutOptions,
    /// Wrap source URLs in OSC 8 hyperlinks.
    pub hyperlinks: bool,
    /// Colour the text (SGR codes, the 16 basic colours) as the reader does.
    pub color: bool,
}
