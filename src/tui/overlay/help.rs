//! The help screen's lines: the key table's rows, each description wrapped
//! by yomu's own line breaker ([`crate::text::wrap`], kinsoku included) so
//! no line ends mid-word or is cut at the box's edge.
//!
//! Keys go in a column as wide as the widest keys (at most half the box);
//! a description continues under its own first character. When that would
//! leave the description too narrow to read (a box under about 30 cells),
//! the keys take a line of their own and the description follows, indented
//! by two cells.
//!
//! The guide's key table (docs/guide.md) is generated here too ([`markdown_table`]).

use crate::text::width::{WidthOptions, str_width};
use crate::text::{WrapOptions, wrap};
use crate::tui::keys::{BINDINGS, Context};

/// Narrowest description column beside the keys; narrower, the keys go above.
const MIN_DESCRIPTION: usize = 14;

/// The help's lines for `rows` (keys, description) in a box `width` cells wide.
pub(super) fn lines(rows: &[(String, &str)], width: usize, widths: WidthOptions) -> Vec<String> {
    let width = width.max(1);
    let opts = WrapOptions {
        width: widths,
        ..Default::default()
    };
    let kw = rows
        .iter()
        .map(|(k, _)| str_width(k, widths))
        .max()
        .unwrap_or(0)
        .min(width / 2);
    let beside = width.saturating_sub(kw + 2) >= MIN_DESCRIPTION;
    let mut out = Vec::new();
    for (keys, what) in rows {
        let kwidth = str_width(keys, widths);
        let (indent, first_line) = if beside && kwidth <= kw {
            let pad = " ".repeat(kw - kwidth);
            (kw + 2, Some(format!("{keys}{pad}  ")))
        } else {
            // The keys on their own line (wrapped too, if they are long).
            for p in wrap(keys, width, width, &opts) {
                out.push(keys[p.range].to_string());
            }
            (if width < 6 { 0 } else { 2 }, None)
        };
        let room = width.saturating_sub(indent).max(1);
        let mut first = first_line;
        for p in wrap(what, room, room, &opts) {
            let text = &what[p.range];
            match first.take() {
                Some(head) => out.push(format!("{head}{text}")),
                None => out.push(format!("{}{text}", " ".repeat(indent))),
            }
        }
        if let Some(head) = first {
            out.push(head.trim_end().to_string());
        }
    }
    out
}

/// The guide's key table (Markdown, docs/guide.md), generated from [`BINDINGS`] with
/// the English descriptions; a test keeps the guide equal to it.
pub fn markdown_table() -> String {
    let mut out = String::from("| keys | where | action |\n|---|---|---|\n");
    for b in BINDINGS {
        let keys: Vec<String> = b.keys.iter().map(|k| format!("`{}`", k.label())).collect();
        let places: Vec<&str> = b
            .contexts
            .iter()
            .map(|c| match c {
                Context::Library => "library",
                Context::Reader => "reader",
                Context::List => "lists",
                Context::Prompt => "prompt",
            })
            .collect();
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            keys.join(" "),
            places.join(", "),
            b.help.text(crate::i18n::Lang::En)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<(String, &'static str)> {
        vec![
            (
                "u".into(),
                "mark read / unread (the briefing in the library, the section in the reader)",
            ),
            ("l → Tab ]".into(), "next page (section)"),
            (
                "?".into(),
                "ブリーフィング内を検索（ライブラリでは題名・タグ・本文で絞り込み）",
            ),
        ]
    }

    #[test]
    fn descriptions_wrap_beside_the_keys_and_never_overflow() {
        let w = WidthOptions::default();
        for width in 1..=100 {
            for line in lines(&rows(), width, w) {
                assert!(str_width(&line, w) <= width.max(2), "{width}: {line:?}");
            }
        }
        let at76 = lines(&rows(), 76, w);
        assert_eq!(
            at76[..3],
            [
                "u          mark read / unread (the briefing in the library, the section in",
                "           the reader)",
                "l → Tab ]  next page (section)",
            ]
        );
    }

    #[test]
    fn a_narrow_box_puts_the_keys_above() {
        let at16 = lines(&rows(), 16, WidthOptions::default());
        assert_eq!(at16[0], "u");
        assert_eq!(at16[1], "  mark read /");
        assert!(at16.contains(&"l → Tab ]".to_string()), "{at16:?}");
        // Every word of the description is there, none cut.
        let text: String = at16[1..at16.iter().position(|l| l == "l → Tab ]").unwrap()]
            .iter()
            .map(|l| l.trim())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(
            text,
            "mark read / unread (the briefing in the library, the section in the reader)"
        );
    }
}
