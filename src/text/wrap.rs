//! Line breaking for a fixed grid: greedy filling over the opportunities
//! that [`breaks`](crate::text::breaks) finds (UAX #14, the JLReq
//! tailorings, kinsoku).
//!
//! A paragraph is split at hard newlines, then each hard line is filled
//! greedily. When the next cluster does not fit, the line ends at the last
//! legal opportunity (oidashi: the offending characters move to the next
//! line, which makes this one shorter), or, in a headline whose phrase is
//! wider than the line, at the legal opportunity BudouX scores highest. A
//! run with no legal break that is wider than a whole line is not pushed
//! down whole: the line is filled and cut at the last cluster boundary where
//! kinsoku still holds, and only where none exists at any cluster boundary,
//! so nothing ever overflows, loops or panics. In exports URLs are kept
//! whole (they may overflow, alone on their line, with the punctuation that
//! closes them). With hanging punctuation, a `。` or `、` that does not fit
//! hangs past the end of a full line (burasage) instead of pushing a
//! character down.

use crate::text::breaks::{self, Analysis, Cluster};
use crate::text::kinsoku::{self, hangs};
use crate::text::width::{Graphemes, WidthOptions, simple_width};

pub use crate::text::kinsoku::{no_end, no_start};
pub use crate::text::urls::url_ranges;

/// U+2060, which asks that no line break on either side of it.
const WORD_JOINER: char = '\u{2060}';

/// How far a hanging `。` or `、` may reach past the line: its width.
pub const HANG_CELLS: usize = 2;

/// How to wrap.
#[derive(Debug, Clone, Copy, Default)]
pub struct WrapOptions {
    pub width: WidthOptions,
    /// Never break inside a URL (exports); it may overflow on its own line.
    pub keep_urls: bool,
    /// Prefer BudouX phrase boundaries (titles, headings, questions).
    pub phrases: bool,
    /// Let `。` and `、` hang up to [`HANG_CELLS`] past a full line (the
    /// reader, when configured); never in exports.
    pub hang: bool,
}

/// How a wrapped line joins the one before it in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glue {
    /// First line of the text, or the line after a hard newline.
    Hard,
    /// A soft break that consumed whitespace.
    Space,
    /// A soft break between two characters (Japanese).
    Direct,
}

/// One output line: a byte range of the input and its width in cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub range: std::ops::Range<usize>,
    pub width: usize,
    pub glue: Glue,
    /// The break before this line was an emergency cut: no legal
    /// opportunity existed for a run wider than the line. It is at the last
    /// boundary where kinsoku holds, if the run has one.
    pub forced: bool,
    /// The line is wider than asked on purpose: it holds a URL kept whole
    /// ([`WrapOptions::keep_urls`]).
    pub url_overflow: bool,
    /// The line is wider than asked on purpose: it ends with a `。` or `、`
    /// hanging past it ([`WrapOptions::hang`]).
    pub hanging: bool,
}

/// Wrap `text` into lines of at most `first` cells for the first line and
/// `rest` cells for the others. Both are clamped to at least 1.
pub fn wrap(text: &str, first: usize, rest: usize, opts: &WrapOptions) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut offset = 0;
    for hard in text.split('\n') {
        let avail = if out.is_empty() { first } else { rest };
        if !fits_whole(hard, offset, avail, opts, &mut out) {
            wrap_hard_line(hard, offset, avail.max(1), rest.max(1), opts, &mut out);
        }
        offset += hard.len() + 1;
    }
    out
}

fn is_space_char(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

/// Fast path: a hard line that fits as it is needs no break analysis
/// (most headings, names and short items). Pushes it and returns true.
fn fits_whole(
    line: &str,
    offset: usize,
    avail: usize,
    opts: &WrapOptions,
    out: &mut Vec<Piece>,
) -> bool {
    let content = line.trim_end_matches(is_space_char);
    let mut width = 0;
    let mut simple = true;
    for c in content.chars() {
        let Some(w) = simple_width(c) else {
            simple = false;
            break;
        };
        width += w;
        if width > avail {
            return false;
        }
    }
    if !simple {
        width = 0;
        for (_, _, w) in Graphemes::new(content, opts.width) {
            width += w;
            if width > avail {
                return false;
            }
        }
    }
    out.push(Piece {
        range: offset..offset + content.len(),
        width,
        glue: Glue::Hard,
        forced: false,
        url_overflow: false,
        hanging: false,
    });
    true
}

fn wrap_hard_line(
    line: &str,
    offset: usize,
    first: usize,
    rest: usize,
    opts: &WrapOptions,
    out: &mut Vec<Piece>,
) {
    // The cluster buffer is reused across calls on this thread: paragraphs
    // come by the thousand in a large export.
    thread_local! {
        static BUF: std::cell::Cell<Vec<Cluster>> = const { std::cell::Cell::new(Vec::new()) };
    }
    let a = Analysis {
        width: opts.width,
        keep_urls: opts.keep_urls,
        phrases: opts.phrases,
        line: rest,
    };
    let cs = breaks::analyse(line, &a, BUF.take());
    Filler {
        line,
        offset,
        rest,
        cs: &cs,
        hang: opts.hang,
        phrases: opts.phrases,
    }
    .fill(first, out);
    // Keep a buffer of ordinary size only: one huge line must not pin its
    // memory for the rest of the run.
    if cs.capacity() <= 1 << 14 {
        BUF.set(cs);
    }
}

/// Greedy filling of one hard line over its clusters.
struct Filler<'a> {
    line: &'a str,
    offset: usize,
    rest: usize,
    cs: &'a [Cluster],
    hang: bool,
    phrases: bool,
}

/// How one line ends.
#[derive(Default)]
struct End {
    /// The cluster the next line starts at (`None`: the text ends here).
    at: Option<usize>,
    forced: bool,
    url_overflow: bool,
    hanging: bool,
}

impl Filler<'_> {
    fn fill(&self, first: usize, out: &mut Vec<Piece>) {
        let (cs, n) = (self.cs, self.cs.len());
        let mut start = 0;
        let mut glue = Glue::Hard;
        let mut forced = false;
        let mut avail = first;
        while start < n {
            let end = self.line_end(start, avail);
            let b = end.at.unwrap_or(n);
            self.emit(start, b, glue, (forced, end.url_overflow, end.hanging), out);
            if end.at.is_none() {
                return;
            }
            forced = end.forced;
            glue = if cs[..b].last().is_some_and(|c| c.space) || cs.get(b).is_some_and(|c| c.space)
            {
                Glue::Space
            } else {
                Glue::Direct
            };
            start = b;
            while start < n && cs[start].space {
                start += 1;
            }
            avail = self.rest;
        }
    }

    /// Where the line starting at cluster `start` ends.
    fn line_end(&self, start: usize, avail: usize) -> End {
        let cs = self.cs;
        let mut end = End::default();
        let mut col = 0;
        // Cells of URLs kept whole on this line: only they may overflow it.
        let mut url_cols = 0;
        let mut last: Option<usize> = None;
        let mut last_pref: Option<usize> = None;
        // The best-scored legal break in the second half of the line.
        let mut best: Option<(i64, usize)> = None;
        for (i, c) in cs.iter().enumerate().skip(start) {
            if i > start && c.allowed {
                last = Some(i);
                if c.preferred {
                    last_pref = Some(i);
                }
                if col * 2 >= avail && best.is_none_or(|(s, _)| c.score >= s) {
                    best = Some((c.score, i));
                }
            }
            if c.space || col + c.width <= avail {
                col += c.width;
                if c.url {
                    url_cols += c.width;
                }
                continue;
            }
            // Cluster `i` does not fit.
            if self.hang && i > start && self.may_hang(i, col + c.width, avail) {
                end.at = Some(i + 1);
                end.hanging = true;
                return end;
            }
            let legal = if self.phrases {
                last_pref.or(best.map(|(_, k)| k)).or(last)
            } else {
                last
            };
            if let Some(b) = legal.filter(|&b| !self.overlong(b)) {
                end.at = Some(b);
                return end;
            }
            if c.in_url && (c.url || col - url_cols + c.width <= avail) {
                // Keep the URL whole; it overflows alone, and what stays on
                // its line after it still fits beside the rest.
                col += c.width;
                if c.url {
                    url_cols += c.width;
                }
                end.url_overflow = true;
                continue;
            }
            end.at = Some(self.emergency_cut(start, i));
            end.forced = true;
            return end;
        }
        end
    }

    /// A `。` or `、` at `i` may hang past the line: it reaches no further
    /// than [`HANG_CELLS`], and a line may break right after it.
    fn may_hang(&self, i: usize, reach: usize, avail: usize) -> bool {
        let cs = self.cs;
        let next = cs[i + 1..].iter().position(|c| !c.space).map(|k| i + 1 + k);
        cs[i].first.is_some_and(hangs)
            && !cs[i].in_url
            && reach <= avail + HANG_CELLS
            && next.is_none_or(|k| cs[k].allowed)
    }

    /// The run of clusters from the break at `b` up to the next legal break
    /// is wider than a whole line (URLs kept whole excepted): moving it down
    /// whole would only leave this line short before cutting it anyway.
    fn overlong(&self, b: usize) -> bool {
        let cs = self.cs;
        let mut w = 0;
        let from = b + cs[b..].iter().take_while(|c| c.space).count();
        for (k, c) in cs.iter().enumerate().skip(from) {
            if k > from && c.allowed {
                return false;
            }
            if c.in_url {
                return false;
            }
            if !c.space {
                w += c.width;
                if w > self.rest {
                    return true;
                }
            }
        }
        false
    }

    /// Where to cut a line `start..` whose cluster `i` does not fit and
    /// which has no legal break to use: the last boundary where kinsoku
    /// holds (looking past spaces, which the cut trims) and no word joiner
    /// glues the two sides (furigana bases are glued so), else just before
    /// `i` (or after it, when `i` alone is wider than the line).
    fn emergency_cut(&self, start: usize, i: usize) -> usize {
        let cs = self.cs;
        // The last character that is not a space before each boundary.
        // (The fill that spaces out a furigana base is looked past too.)
        let fill = crate::text::ruby::FILL;
        let mut prev = Vec::with_capacity(i + 1 - start);
        let mut p = None;
        for c in &cs[start..=i] {
            prev.push(p);
            p = c.last.filter(|&l| l != fill).or(p);
        }
        // What comes after `i`, past fill and joiners.
        let after = cs[i + 1..].iter().find_map(|c| {
            c.first
                .filter(|&f| f != fill && f != WORD_JOINER && !c.space)
        });
        let mut next = after;
        for k in (start + 1..=i).rev() {
            next = cs[k].first.filter(|&f| f != fill).or(next);
            let joined = prev[k - start] == Some(WORD_JOINER) || next == Some(WORD_JOINER);
            if !cs[k].in_url && !joined && kinsoku::allows(prev[k - start], next) {
                return k;
            }
        }
        // Glued throughout (a furigana base wider than the line): break
        // inside it, still only where kinsoku holds, the joiners looked past.
        let mut prev = Vec::with_capacity(i + 1 - start);
        let mut p = None;
        for c in &cs[start..=i] {
            prev.push(p);
            p = c.last.filter(|&l| l != WORD_JOINER && l != fill).or(p);
        }
        let mut next = after;
        for k in (start + 1..=i).rev() {
            next = cs[k]
                .first
                .filter(|&f| f != WORD_JOINER && f != fill)
                .or(next);
            let real = cs[k].first.is_some_and(|f| f != WORD_JOINER && f != fill);
            if real
                && !cs[k].in_url
                && prev[k - start].is_some()
                && kinsoku::allows(prev[k - start], next)
            {
                return k;
            }
        }
        if i > start { i } else { i + 1 }
    }

    fn emit(
        &self,
        from: usize,
        to: usize,
        glue: Glue,
        (forced, url_overflow, hanging): (bool, bool, bool),
        out: &mut Vec<Piece>,
    ) {
        let cs = self.cs;
        let end_of = |k: usize| cs.get(k).map_or(self.line.len(), |c| c.start);
        // Trim spaces at the end of the line (and at the start of a soft-wrapped one).
        let mut a = from;
        let mut b = to;
        if glue != Glue::Hard {
            while a < b && cs[a].space {
                a += 1;
            }
        }
        while b > a && cs[b - 1].space {
            b -= 1;
        }
        out.push(Piece {
            range: self.offset + end_of(a)..self.offset + end_of(b),
            width: cs[a..b].iter().map(|c| c.width).sum(),
            glue,
            forced,
            url_overflow,
            hanging,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_with(text: &str, w: usize, o: &WrapOptions) -> Vec<String> {
        wrap(text, w, w, o)
            .into_iter()
            .map(|p| text[p.range].to_string())
            .collect()
    }

    fn lines(text: &str, w: usize) -> Vec<String> {
        lines_with(text, w, &WrapOptions::default())
    }

    #[test]
    fn japanese_kinsoku() {
        // 、 may not start a line: 語 is carried over with it (oidashi).
        assert_eq!(lines("日本語、です", 4), ["日本", "語、", "です"]);
        assert_eq!(lines("日本語、です", 6), ["日本", "語、で", "す"]);
        assert_eq!(lines("あいう」え", 4), ["あい", "う」", "え"]);
        assert_eq!(lines("あいう」え", 6), ["あい", "う」え"]);
        assert_eq!(lines("あい「うえ", 6), ["あい", "「うえ"]);
        assert_eq!(lines("ゼレンスキー", 4), ["ゼレ", "ンス", "キー"]);
        assert_eq!(lines("ゼレンスキー", 10), ["ゼレンス", "キー"]);
    }

    #[test]
    fn latin_words_stay_whole() {
        assert_eq!(lines("hello big world", 9), ["hello big", "world"]);
        assert_eq!(
            lines("supercalifragilistic", 5),
            ["super", "calif", "ragil", "istic"]
        );
    }

    #[test]
    fn ellipsis_pairs_stay_together() {
        assert_eq!(lines("あい……う", 4), ["あ", "い……", "う"]);
    }

    #[test]
    fn forced_break_when_no_legal_one() {
        assert_eq!(lines("「「「「", 4), ["「「", "「「"]);
        assert_eq!(lines("日本", 1), ["日", "本"]);
    }

    #[test]
    fn emergency_cuts_keep_kinsoku_where_they_can() {
        // The run has no break and is wider than the line: the line is
        // filled, and the cut does not put `.` first.
        assert_eq!(lines("xxxxxxxxxx.yy", 10), ["xxxxxxxxx", "x.yy"]);
        let p = wrap("xxxxxxxxxx.yy", 10, 10, &WrapOptions::default());
        assert!(p[1].forced);
        // No boundary keeps kinsoku: any boundary.
        assert_eq!(lines("「「「「", 4), ["「「", "「「"]);
    }

    #[test]
    fn an_overlong_run_fills_the_line_first() {
        // Pushing `bbbbbbbbbbbb` down whole would leave `aa` alone.
        assert_eq!(lines("aa bbbbbbbbbbbb", 8), ["aa bbbbb", "bbbbbbb"]);
        // A run that fits on a line of its own is pushed down (oidashi).
        assert_eq!(lines("aa bbbbbbb", 8), ["aa", "bbbbbbb"]);
    }

    #[test]
    fn hanging_punctuation() {
        let hang = WrapOptions {
            hang: true,
            ..Default::default()
        };
        // Without hanging, 。 pushes う down; with it, 。 hangs past the line.
        assert_eq!(lines("あいう。えお", 6), ["あい", "う。え", "お"]);
        assert_eq!(lines_with("あいう。えお", 6, &hang), ["あいう。", "えお"]);
        let p = wrap("あいう。えお", 6, 6, &hang);
        assert!(p[0].hanging && p[0].width == 8 && !p[1].hanging);
        // One hanging character only: `。」` cannot both hang.
        assert_eq!(
            lines_with("あいう。」え", 6, &hang),
            ["あい", "う。」", "え"]
        );
        // A line that is not full has nothing to hang.
        assert_eq!(lines_with("あい。うえお", 6, &hang), ["あい。", "うえお"]);
    }

    #[test]
    fn urls_are_kept_whole_in_exports() {
        let t = "see https://example.com/a/b/c/d end";
        let o = WrapOptions {
            keep_urls: true,
            ..Default::default()
        };
        let got: Vec<(&str, bool)> = wrap(t, 10, 10, &o)
            .into_iter()
            .map(|p| (&t[p.range], p.url_overflow))
            .collect();
        assert_eq!(
            got,
            [
                ("see", false),
                ("https://example.com/a/b/c/d", true),
                ("end", false)
            ]
        );
        // In the reader, the URL is cut like any word.
        assert!(
            wrap(t, 10, 10, &WrapOptions::default())
                .iter()
                .all(|p| !p.url_overflow && p.width <= 10)
        );
    }

    #[test]
    fn hard_newlines_and_empty() {
        assert_eq!(lines("a\n\nb", 5), ["a", "", "b"]);
        assert_eq!(lines("", 5), [""]);
    }
}
