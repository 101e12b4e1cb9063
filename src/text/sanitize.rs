//! Sanitising untrusted text before it is measured or shown.
//!
//! Briefings come from outside. Control characters (C0 other than tab and
//! newline, DEL, C1), escape sequences and bidirectional controls must never
//! reach a terminal as they are: an `ESC` could recolour the screen, retitle
//! the window or write the clipboard; a bidi override could make text lie
//! about its order. C0 controls and DEL are shown as their visible Control
//! Pictures (`␛`, `␡`: an escape sequence becomes harmless visible text), C1
//! controls as `�`, bidi controls and a stray BOM are dropped. `\r\n` becomes
//! `\n`, U+2028/U+2029 become `\n` (`␤` in one-line text, where `\n` is `␤`
//! too), tabs expand to the next stop of 4 cells. A grapheme cluster of
//! more than 32 code points is cut to its first character and `�`
//! ([`crate::text::cluster`]).

use std::borrow::Cow;

use crate::text::width::{WidthOptions, str_width};

/// Tab stops every this many cells.
const TAB_STOP: usize = 4;

/// Bidirectional formatting characters that are dropped.
fn is_bidi_control(c: char) -> bool {
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
    needs_change(s, false, false)
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

/// The longest key or value quoted in a message, in characters.
pub const QUOTED_MAX: usize = 40;

/// A key or value as quoted in a message: [`sanitize_line`], and cut to
/// [`QUOTED_MAX`] characters with `…` (a megabyte-long key is echoed as
/// its start, not whole).
pub fn quoted(s: &str) -> String {
    let cut = match s.char_indices().nth(QUOTED_MAX) {
        Some((at, _)) => &s[..at],
        None => s,
    };
    let mut out = sanitize_line(cut).into_owned();
    if cut.len() < s.len() {
        out.push('…');
    }
    out
}

/// Whether `s` holds a character that sanitising changes, or a tab when
/// `tabs`, or a newline when `newlines`: an exact scan of the UTF-8 bytes
/// (C0 and DEL; C1 is `C2 80..9F`; U+061C is `D8 9C`; U+200E/F, U+2028..2E
/// and U+2066..69 are `E2 80 8E/8F`, `E2 80 A8..AE`, `E2 81 A6..A9`; the BOM
/// is `EF BB BF`). Most text has none, and this is much faster than
/// decoding every character.
fn needs_change(s: &str, tabs: bool, newlines: bool) -> bool {
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let exact = |i: usize, x: u8| match x {
        b'\t' => tabs,
        b'\n' => newlines,
        0..0x20 | 0x7F => true,
        0xC2 => (0x80..=0x9F).contains(&at(i + 1)),
        0xD8 => at(i + 1) == 0x9C,
        0xE2 => match at(i + 1) {
            0x80 => matches!(at(i + 2), 0x8E | 0x8F | 0xA8..=0xAE),
            0x81 => (0xA6..=0xA9).contains(&at(i + 2)),
            _ => false,
        },
        0xEF => at(i + 1) == 0xBB && at(i + 2) == 0xBF,
        _ => false,
    };
    // Blocks of 32 bytes are first tested for any byte that may start
    // something to change, without branches (so the test is vectorised);
    // only a block that has one is looked at byte by byte.
    const BLOCK: usize = 32;
    b.chunks(BLOCK).enumerate().any(|(k, block)| {
        let maybe = block.iter().fold(false, |acc, &x| {
            acc | (x < 0x20) | (x == 0x7F) | (x == 0xC2) | (x == 0xD8) | (x == 0xE2) | (x == 0xEF)
        });
        maybe
            && block
                .iter()
                .enumerate()
                .any(|(j, &x)| exact(k * BLOCK + j, x))
    })
}

fn sanitize_with(s: &str, one_line: bool) -> Cow<'_, str> {
    if !needs_change(s, true, one_line) {
        return crate::text::cluster::cap_clusters(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    // The column where `out[measured..]` starts: text is measured once, from
    // the last tab or line start, so many tabs on a line stay linear.
    let (mut measured, mut col) = (0, 0);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\u{2028}' | '\u{2029}' if !one_line => {
                out.push('\n');
                (measured, col) = (out.len(), 0);
            }
            '\n' => out.push('\u{2424}'),
            '\t' => {
                col += str_width(&out[measured..], WidthOptions::default());
                let n = TAB_STOP - col % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', n));
                (measured, col) = (out.len(), col + n);
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
    match crate::text::cluster::cap_clusters(&out) {
        Cow::Borrowed(_) => Cow::Owned(out),
        Cow::Owned(capped) => Cow::Owned(capped),
    }
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
        assert_eq!(
            sanitize("ab\tc\t日本語\td\nx\ty"),
            "ab  c   日本語  d\nx   y"
        );
        // Many tabs on one line: linear (this used to re-measure the line
        // from its start at every tab).
        let tabs = "\t".repeat(200_000);
        assert_eq!(sanitize(&tabs), " ".repeat(800_000));
        assert!(matches!(sanitize("普通の文"), Cow::Borrowed(_)));
    }

    #[test]
    fn byte_scan_agrees_with_the_characters() {
        // Every BMP character and a sample of the others, alone and between others.
        for u in (0..=0xFFFF_u32).chain((0x1_0000..=0x10_FFFF).step_by(97)) {
            let Some(c) = char::from_u32(u) else { continue };
            for s in [c.to_string(), format!("a{c}日")] {
                let by_char = s.chars().any(|c| is_unsafe_char(c) || c == '\t');
                assert_eq!(needs_change(&s, true, false), by_char, "U+{u:04X}");
                let by_char = s.chars().any(is_unsafe_char);
                assert_eq!(has_unsafe_chars(&s), by_char, "U+{u:04X}");
            }
        }
    }

    #[test]
    fn byte_scan_finds_characters_across_block_edges() {
        let chars = [
            '\u{1b}', '\u{7f}', '\u{85}', '\u{61c}', '\u{200f}', '\u{2029}', '\u{2069}',
            '\u{feff}', '\t', '…', '％', 'é',
        ];
        for c in chars {
            for pad in 24..40 {
                let s = format!("{}{c}日本", "x".repeat(pad));
                let by_char = s.chars().any(|c| is_unsafe_char(c) || c == '\t');
                assert_eq!(needs_change(&s, true, false), by_char, "{c:?} after {pad}");
            }
        }
    }

    #[test]
    fn unsafe_detection() {
        assert!(has_unsafe_chars("\u{1b}"));
        assert!(has_unsafe_chars("\u{202e}"));
        assert!(!has_unsafe_chars("タブ\tと改行\n"));
    }
}
