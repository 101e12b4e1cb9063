//! Display width of text on a terminal grid, measured per grapheme cluster.
//!
//! A cluster (an emoji ZWJ sequence, a flag, a letter with combining marks,
//! halfwidth `ｶﾞ`) is the unit that is never split; its width comes from
//! `unicode-width` applied to the whole cluster, which counts halfwidth
//! voiced marks one cell each, as terminals draw them. East Asian Ambiguous
//! characters (`…` `※` `①` `⇒` `α` `я` `é`) are one cell by default, two with
//! `--ambiguous-width 2`: all of them, letters included, as a terminal set to
//! draw them wide does (unicode-width's CJK mode keeps Greek, Cyrillic and
//! Latin letters narrow; the East Asian Width data from ICU4X widens them).

use icu_properties::CodePointMapData;
use icu_properties::props::EastAsianWidth;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// How to measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WidthOptions {
    /// Draw East Asian Ambiguous characters two cells wide.
    pub ambiguous_wide: bool,
}

/// Width of one grapheme cluster in cells.
pub fn grapheme_width(g: &str, opts: WidthOptions) -> usize {
    if g.len() == 1 {
        // ASCII fast path: text is sanitised before it is measured, so the
        // only control left is a newline, which callers split on first.
        return 1;
    }
    if opts.ambiguous_wide {
        let w = g.width_cjk();
        if w == 1 && g.chars().next().is_some_and(is_ambiguous) {
            2
        } else {
            w
        }
    } else {
        g.width()
    }
}

/// East Asian Width is Ambiguous (UAX #11).
pub fn is_ambiguous(c: char) -> bool {
    CodePointMapData::<EastAsianWidth>::new().get(c) == EastAsianWidth::Ambiguous
}

/// Width of a string in cells (sum of its clusters).
pub fn str_width(s: &str, opts: WidthOptions) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    Graphemes::new(s, opts).map(|(_, _, w)| w).sum()
}

/// Width of a character that always forms a cluster of its own when the
/// character after it is also one of these: printable ASCII, kana, CJK
/// ideographs, CJK punctuation and fullwidth forms (no combining marks,
/// joiners, regional indicators or Hangul jamo among them). Most Japanese
/// text is made of these, so segmentation can skip the full UAX #29 rules.
pub const fn simple_width(c: char) -> Option<usize> {
    match c {
        ' '..='~' => Some(1),
        '\u{3000}'..='\u{3029}'
        | '\u{3030}'..='\u{303E}'
        | '\u{3041}'..='\u{3096}'
        | '\u{309B}'..='\u{30FF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{FF01}'..='\u{FF60}' => Some(2),
        _ => None,
    }
}

/// Iterator over `(byte offset, cluster, width)`.
pub struct Graphemes<'a> {
    s: &'a str,
    pos: usize,
    opts: WidthOptions,
    /// The character at `pos` with its [`simple_width`], when the previous
    /// step already decoded it.
    ahead: Option<(char, Option<usize>)>,
}

impl<'a> Graphemes<'a> {
    pub fn new(s: &'a str, opts: WidthOptions) -> Self {
        Graphemes {
            s,
            pos: 0,
            opts,
            ahead: None,
        }
    }
}

impl<'a> Iterator for Graphemes<'a> {
    type Item = (usize, &'a str, usize);
    fn next(&mut self) -> Option<Self::Item> {
        let start = self.pos;
        let rest = self.s.get(start..)?;
        let (c, simple) = match self.ahead.take() {
            Some(a) => a,
            None => {
                let c = rest.chars().next()?;
                (c, simple_width(c))
            }
        };
        if let Some(w) = simple {
            // One character is a whole cluster when the next one is simple too.
            let len = c.len_utf8();
            let next = rest.get(len..).and_then(|r| r.chars().next());
            let next_simple = next.map(|n| (n, simple_width(n)));
            if next_simple.is_none_or(|(_, nw)| nw.is_some()) {
                self.ahead = next_simple;
                self.pos += len;
                return Some((start, &rest[..len], w));
            }
        }
        // The full rules, from this cluster boundary on.
        let g = rest.graphemes(true).next()?;
        self.pos += g.len();
        Some((start, g, grapheme_width(g, self.opts)))
    }
}

/// The longest prefix of `s` that fits in `max` cells, cut at a cluster boundary.
pub fn truncate(s: &str, max: usize, opts: WidthOptions) -> &str {
    let mut used = 0;
    for (i, _, w) in Graphemes::new(s, opts) {
        if used + w > max {
            return &s[..i];
        }
        used += w;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        let o = WidthOptions::default();
        assert_eq!(str_width("日本語", o), 6);
        assert_eq!(str_width("ｶﾞｷﾞ", o), 4);
        assert_eq!(str_width("👨‍👩‍👧", o), 2);
        assert_eq!(str_width("🇯🇵", o), 2);
        assert_eq!(str_width("e\u{301}", o), 1);
        assert_eq!(str_width("…※", o), 2);
        assert_eq!(
            str_width(
                "…※",
                WidthOptions {
                    ambiguous_wide: true
                }
            ),
            4
        );
    }

    #[test]
    fn fast_path_agrees_with_full_segmentation() {
        let o = WidthOptions::default();
        let t = "日本語、カタカナ「ｶﾞ」👨‍👩‍👧🇯🇵🇺🇸e\u{301}abc か\u{3099}ー。１２ ";
        let fast: Vec<(usize, &str, usize)> = Graphemes::new(t, o).collect();
        let full: Vec<(usize, &str, usize)> = t
            .grapheme_indices(true)
            .map(|(i, g)| (i, g, grapheme_width(g, o)))
            .collect();
        assert_eq!(fast, full);
    }

    /// Wide mode widens every East Asian Ambiguous character that is
    /// drawn at all (the Unicode data via ICU4X), and otherwise agrees with
    /// unicode-width's CJK mode, which is the reference for everything it
    /// widens; narrow mode is unicode-width's default.
    #[test]
    fn ambiguous_width_two_covers_every_ambiguous_character() {
        use unicode_width::UnicodeWidthChar;
        let wide = WidthOptions {
            ambiguous_wide: true,
        };
        let narrow = WidthOptions::default();
        let mut letters = 0;
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            if crate::text::sanitize::is_unsafe_char(c) || c.is_ascii_control() {
                continue;
            }
            let s = c.to_string();
            let (Some(cjk), Some(plain)) = (c.width_cjk(), c.width()) else {
                continue;
            };
            assert_eq!(str_width(&s, narrow), plain, "{c:?} narrow");
            let want = if is_ambiguous(c) && cjk == 1 {
                letters += 1;
                2
            } else {
                cjk
            };
            assert_eq!(str_width(&s, wide), want, "{c:?} wide");
            assert!(str_width(&s, wide) >= cjk, "{c:?}");
        }
        // Greek, Cyrillic and Latin letters that unicode-width keeps narrow.
        assert!(letters > 100, "{letters}");
        for s in ["α", "Ω", "я", "Ё", "é", "ß", "æ", "…", "※", "①", "⇒"] {
            assert_eq!(str_width(s, wide), 2, "{s}");
            assert_eq!(str_width(s, narrow), 1, "{s}");
        }
        assert_eq!(str_width("α\u{301}", wide), 2);
        assert_eq!(str_width("\u{301}", wide), 0);
        assert_eq!(str_width("αααααααααα", wide), 20);
    }

    #[test]
    fn truncate_never_splits_a_cluster() {
        let o = WidthOptions::default();
        assert_eq!(truncate("日本語", 3, o), "日");
        assert_eq!(truncate("👨‍👩‍👧x", 1, o), "");
        assert_eq!(truncate("ab", 5, o), "ab");
    }
}
