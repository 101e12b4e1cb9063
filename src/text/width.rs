//! Display width of text on a terminal grid, measured per grapheme cluster.
//!
//! A cluster (an emoji ZWJ sequence, a flag, a letter with combining marks,
//! halfwidth `ｶﾞ`) is the unit that is never split; its width comes from
//! `unicode-width` applied to the whole cluster, which counts halfwidth
//! voiced marks one cell each, as terminals draw them. East Asian Ambiguous
//! characters (`…` `※` `①` `⇒`) are one cell by default, two with
//! `--ambiguous-width 2`.

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
        // ASCII fast path; controls never get here (sanitised).
        return 1;
    }
    if opts.ambiguous_wide {
        g.width_cjk()
    } else {
        g.width()
    }
}

/// Width of a string in cells (sum of its clusters).
pub fn str_width(s: &str, opts: WidthOptions) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    s.graphemes(true).map(|g| grapheme_width(g, opts)).sum()
}

/// Iterator over `(byte offset, cluster, width)`.
pub struct Graphemes<'a> {
    inner: unicode_segmentation::GraphemeIndices<'a>,
    opts: WidthOptions,
}

impl<'a> Graphemes<'a> {
    pub fn new(s: &'a str, opts: WidthOptions) -> Self {
        Graphemes {
            inner: s.grapheme_indices(true),
            opts,
        }
    }
}

impl<'a> Iterator for Graphemes<'a> {
    type Item = (usize, &'a str, usize);
    fn next(&mut self) -> Option<Self::Item> {
        let (i, g) = self.inner.next()?;
        Some((i, g, grapheme_width(g, self.opts)))
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
    fn truncate_never_splits_a_cluster() {
        let o = WidthOptions::default();
        assert_eq!(truncate("日本語", 3, o), "日");
        assert_eq!(truncate("👨‍👩‍👧x", 1, o), "");
        assert_eq!(truncate("ab", 5, o), "ab");
    }
}
