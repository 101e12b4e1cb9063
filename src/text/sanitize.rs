//! Sanitising untrusted text before it is measured or shown.
//!
//! Briefings come from outside. Control characters (C0 other than tab and
//! newline, DEL, C1), escape sequences and bidirectional controls must never
//! reach a terminal as they are: an `ESC` could recolour the screen, retitle
//! the window or write the clipboard; a bidi override could make text lie
//! about its order. C0 controls and DEL are shown as their visible Control
//! Pictures (`␛`, `␡`: an escape sequence becomes harmless visible text), C1
//! controls as `�`, bidi controls and a stray BOM are dropped. `\r\n` becomes
//! `\n`, U+2028/U+2029 become `\n`, tabs expand to the next stop of 4 cells.

use std::borrow::Cow;

use crate::text::width::{WidthOptions, str_width};

/// Tab stops every this many cells.
pub const TAB_STOP: usize = 4;

/// Bidirectional formatting characters that are dropped.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Whether `c` is a character that must not reach a terminal raw
/// (tab and newline are fine).
pub fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || is_bidi_control(c)
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

/// Whether `s` holds anything [`sanitize`] would change (besides tabs):
/// used by `yomu check` to warn.
pub fn has_unsafe_chars(s: &str) -> bool {
    maybe_unsafe(s) && s.chars().any(is_unsafe_char)
}

fn visible(c: char) -> Option<char> {
    match c {
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32),
        '\u{7F}' => Some('\u{2421}'),
        '\u{80}'..='\u{9F}' => Some('\u{FFFD}'),
        _ => None,
    }
}

/// Sanitise a field's text; newlines are kept as line breaks.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    sanitize_with(s, false)
}

/// Sanitise text meant for one line (file names, keys in messages):
/// newlines become `␤` too.
pub fn sanitize_line(s: &str) -> Cow<'_, str> {
    sanitize_with(s, true)
}

/// Whether `s` might hold a character that sanitising changes: a byte scan
/// for the lead bytes of every such character (C0, DEL, C1 `C2`, bidi and
/// separators `E2`, U+061C `D8`, BOM `EF`), before the exact check.
fn maybe_unsafe(s: &str) -> bool {
    s.bytes()
        .any(|b| b < 0x20 || matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE2 | 0xEF))
}

fn sanitize_with(s: &str, one_line: bool) -> Cow<'_, str> {
    if !maybe_unsafe(s)
        || !s
            .chars()
            .any(|c| is_unsafe_char(c) || c == '\t' || (one_line && c == '\n'))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut line_start = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\u{2028}' | '\u{2029}' if !one_line => {
                out.push('\n');
                line_start = out.len();
            }
            '\n' => out.push('\u{2424}'),
            '\t' => {
                let col = str_width(&out[line_start..], WidthOptions::default());
                let n = TAB_STOP - col % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', n));
            }
            '\u{FEFF}' => {}
            c if is_bidi_control(c) => {}
            c => match visible(c) {
                Some(v) => out.push(v),
                None if matches!(c, '\u{2028}' | '\u{2029}') => out.push('\u{2424}'),
                None => out.push(c),
            },
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_become_visible() {
        assert_eq!(sanitize("a\u{1b}[31mred"), "a␛[31mred");
        assert_eq!(sanitize("\u{1b}]52;c;aGk=\u{7}"), "␛]52;c;aGk=␇");
        assert_eq!(sanitize("x\u{7f}y\u{9b}z"), "x␡y\u{FFFD}z");
    }

    #[test]
    fn bidi_and_bom_are_dropped() {
        assert_eq!(sanitize("\u{feff}ab\u{202e}cd\u{2066}e\u{200f}"), "abcde");
    }

    #[test]
    fn newlines_and_tabs() {
        assert_eq!(sanitize("a\r\nb\rc"), "a\nb␍c");
        assert_eq!(sanitize("a\tb"), "a   b");
        assert_eq!(sanitize("日本\tx"), "日本    x");
        assert_eq!(sanitize_line("a\nb"), "a␤b");
        assert!(matches!(sanitize("普通の文"), Cow::Borrowed(_)));
    }

    #[test]
    fn unsafe_detection() {
        assert!(has_unsafe_chars("\u{1b}"));
        assert!(has_unsafe_chars("\u{202e}"));
        assert!(!has_unsafe_chars("タブ\tと改行\n"));
    }
}
