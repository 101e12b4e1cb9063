//! Line breaking for a fixed grid: UAX #14 opportunities plus kinsoku.
//!
//! A paragraph is split at hard newlines, then each hard line is filled
//! greedily. Break opportunities come from `unicode-linebreak` (UAX #14),
//! restricted to grapheme boundaries and then by the Japanese kinsoku rules
//! of DESIGN.md: no line starts with a closing bracket, `、。`, small kana,
//! `ー` and the like; none ends with an opening bracket; `……` and `——` stay
//! together. When the next cluster does not fit, the line ends at the last
//! legal opportunity (oidashi: the offending characters move to the next
//! line, which makes this one shorter). Only where no legal opportunity
//! exists on the line is it cut at a cluster boundary, so nothing ever
//! overflows, loops or panics. In exports URLs are kept whole (they may
//! overflow, alone on their line); with `phrases`, BudouX phrase boundaries
//! are preferred so a headline breaks between words.

use std::ops::Range;

use crate::text::phrase;
use crate::text::width::{Graphemes, WidthOptions, simple_width};

/// How to wrap.
#[derive(Debug, Clone, Copy, Default)]
pub struct WrapOptions {
    pub width: WidthOptions,
    /// Never break inside a URL (exports); it may overflow on its own line.
    pub keep_urls: bool,
    /// Prefer BudouX phrase boundaries (titles, headings, questions).
    pub phrases: bool,
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
    pub range: Range<usize>,
    pub width: usize,
    pub glue: Glue,
    /// The break before this line was forced at a cluster boundary because
    /// no legal opportunity existed on the line before it.
    pub forced: bool,
    /// The line is wider than asked on purpose: it holds a URL kept whole
    /// ([`WrapOptions::keep_urls`]).
    pub url_overflow: bool,
}

/// Characters that never start a line.
pub fn no_start(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '）'
            | '」'
            | '』'
            | '］'
            | '｝'
            | '〕'
            | '〉'
            | '》'
            | '】'
            | '〙'
            | '〗'
            | '〟'
            | '’'
            | '”'
            | '、'
            | '。'
            | '，'
            | '．'
            | ','
            | '.'
            | '・'
            | '：'
            | '；'
            | ':'
            | ';'
            | '！'
            | '？'
            | '!'
            | '?'
            | '‥'
            | '…'
            | 'ゝ'
            | 'ゞ'
            | 'ヽ'
            | 'ヾ'
            | '々'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ゕ'
            | 'ゖ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ヵ'
            | 'ヶ'
            | 'ー'
            | '｡'
            | '｣'
            | '､'
            | '･'
            | 'ｰ'
            | 'ｧ'
            | 'ｨ'
            | 'ｩ'
            | 'ｪ'
            | 'ｫ'
            | 'ｬ'
            | 'ｭ'
            | 'ｮ'
            | 'ｯ'
            | '〜'
            | '゛'
            | '゜'
    ) || ('\u{31F0}'..='\u{31FF}').contains(&c)
}

/// Characters that never end a line.
pub fn no_end(c: char) -> bool {
    matches!(
        c,
        '(' | '（'
            | '['
            | '［'
            | '{'
            | '｛'
            | '〔'
            | '〈'
            | '《'
            | '「'
            | '『'
            | '【'
            | '〘'
            | '〖'
            | '〝'
            | '‘'
            | '“'
            | '｢'
    )
}

fn inseparable_pair(a: char, b: char) -> bool {
    a == b && matches!(a, '…' | '‥' | '—' | '―')
}

/// A cluster that is one space (ASCII or ideographic): breaks trim them.
fn is_space(g: &str) -> bool {
    let mut cs = g.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if is_space_char(c))
}

/// Byte ranges of `http://` and `https://` URLs inside `s`.
pub fn url_ranges(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !s.contains("://") {
        return out;
    }
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &s[i..];
        let skip = if rest.starts_with("https://") {
            8
        } else if rest.starts_with("http://") {
            7
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let mut end = i + skip;
        for c in s[end..].chars() {
            if c.is_whitespace()
                || matches!(
                    c,
                    '「' | '」' | '『' | '』' | '（' | '）' | '<' | '>' | '"' | '、' | '。'
                )
                || unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > 1
            {
                break;
            }
            end += c.len_utf8();
        }
        out.push(i..end);
        i = end;
    }
    out
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
    });
    true
}

struct Cluster {
    start: usize,
    width: usize,
    /// The first and last characters of the cluster that are not spaces
    /// (`None` for a space), for the kinsoku checks.
    first: Option<char>,
    last: Option<char>,
    space: bool,
    /// A line may break before this cluster.
    allowed: bool,
    /// A preferred break (phrase boundary or after a space).
    preferred: bool,
    /// Inside a URL that must stay whole (not at its first cluster).
    in_url: bool,
}

fn is_space_char(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

impl Cluster {
    fn new(start: usize, g: &str, width: usize) -> Self {
        Cluster {
            start,
            width,
            first: g.chars().find(|&c| !is_space_char(c)),
            last: g.chars().rev().find(|&c| !is_space_char(c)),
            space: is_space(g),
            allowed: false,
            preferred: false,
            in_url: false,
        }
    }
}

/// Clusters of a line made only of characters that are clusters of their
/// own (see [`simple_width`]): one pass over the characters, no UAX #29.
/// False (with `cs` partly filled) at the first other character.
fn simple_clusters(line: &str, cs: &mut Vec<Cluster>) -> bool {
    cs.reserve(line.len() / 2);
    for (start, c) in line.char_indices() {
        let Some(width) = simple_width(c) else {
            return false;
        };
        let space = is_space_char(c);
        let ns = (!space).then_some(c);
        cs.push(Cluster {
            start,
            width,
            first: ns,
            last: ns,
            space,
            allowed: false,
            preferred: false,
            in_url: false,
        });
    }
    true
}

fn clusters(line: &str, opts: &WrapOptions, mut cs: Vec<Cluster>) -> Vec<Cluster> {
    cs.clear();
    if !simple_clusters(line, &mut cs) {
        cs.clear();
        cs.extend(
            Graphemes::new(line, opts.width).map(|(start, g, width)| Cluster::new(start, g, width)),
        );
    }
    // UAX #14 opportunities, kept where they fall on a cluster boundary.
    let mut k = 0;
    for (pos, _) in unicode_linebreak::linebreaks(line) {
        while k < cs.len() && cs[k].start < pos {
            k += 1;
        }
        if k < cs.len() && cs[k].start == pos && k > 0 {
            cs[k].allowed = true;
        }
    }
    // Kinsoku. Spaces at a break are trimmed, so look past them.
    for k in 1..cs.len() {
        if !cs[k].allowed {
            continue;
        }
        let prev = cs[..k].iter().rev().find_map(|c| c.last);
        let next = cs[k..].iter().find_map(|c| c.first);
        let pair = matches!((prev, next), (Some(p), Some(n)) if inseparable_pair(p, n));
        if next.is_some_and(no_start) || prev.is_some_and(no_end) || pair {
            cs[k].allowed = false;
        }
    }
    if opts.keep_urls {
        for r in url_ranges(line) {
            // A URL may always start a line (unless an opening bracket precedes it).
            if let Some(c) = cs.iter_mut().find(|c| c.start == r.start && c.start > 0)
                && !line[..r.start]
                    .chars()
                    .rev()
                    .find(|&c| !is_space_char(c))
                    .is_some_and(no_end)
            {
                c.allowed = true;
            }
            for c in cs
                .iter_mut()
                .filter(|c| c.start > r.start && c.start < r.end)
            {
                c.allowed = false;
                c.in_url = true;
            }
        }
    }
    if opts.phrases {
        let mut at = 0;
        let mut bounds = Vec::new();
        for p in phrase::phrases(line) {
            at += p.len();
            bounds.push(at);
        }
        let mut b = bounds.iter().peekable();
        for k in 1..cs.len() {
            while b.next_if(|&&x| x < cs[k].start).is_some() {}
            let phrase_edge = b.peek().is_some_and(|&&x| x == cs[k].start);
            cs[k].preferred = cs[k].allowed && (phrase_edge || cs[k - 1].space);
        }
    }
    cs
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
    let cs = clusters(line, opts, BUF.take());
    fill(line, offset, first, rest, &cs, out);
    // Keep a buffer of ordinary size only: one huge line must not pin its
    // memory for the rest of the run.
    if cs.capacity() <= 1 << 14 {
        BUF.set(cs);
    }
}

/// Greedy filling of one hard line over its clusters.
fn fill(
    line: &str,
    offset: usize,
    first: usize,
    rest: usize,
    cs: &[Cluster],
    out: &mut Vec<Piece>,
) {
    let n = cs.len();
    let end_of = |k: usize| if k < n { cs[k].start } else { line.len() };
    let emit = |from: usize,
                to: usize,
                (glue, forced, url_overflow): (Glue, bool, bool),
                out: &mut Vec<Piece>| {
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
        let width = cs[a..b].iter().map(|c| c.width).sum();
        out.push(Piece {
            range: offset + end_of(a)..offset + end_of(b),
            width,
            glue,
            forced,
            url_overflow,
        });
    };
    let mut start = 0;
    let mut glue = Glue::Hard;
    let mut forced = false;
    let mut avail = first;
    while start < n {
        let mut col = 0;
        let mut last: Option<usize> = None;
        let mut last_pref: Option<usize> = None;
        let mut brk: Option<usize> = None;
        let mut force = false;
        let mut url_overflow = false;
        for (i, c) in cs.iter().enumerate().skip(start) {
            if i > start && c.allowed {
                last = Some(i);
                if c.preferred {
                    last_pref = Some(i);
                }
            }
            if c.space || col + c.width <= avail {
                col += c.width;
                continue;
            }
            // Cluster `i` does not fit.
            if let Some(b) = last_pref.or(last) {
                brk = Some(b);
            } else if c.in_url {
                col += c.width; // keep the URL whole; it overflows alone
                url_overflow = true;
                continue;
            } else if i > start {
                brk = Some(i); // no legal break on this line: cut at a cluster
                force = true;
            } else {
                brk = Some(i + 1); // one cluster wider than the line
                force = true;
            }
            break;
        }
        let Some(b) = brk else {
            emit(start, n, (glue, forced, url_overflow), out);
            return;
        };
        emit(start, b, (glue, forced, url_overflow), out);
        forced = force;
        glue = if cs[..b].last().is_some_and(|c| c.space) || cs.get(b).is_some_and(|c| c.space) {
            Glue::Space
        } else {
            Glue::Direct
        };
        start = b;
        while start < n && cs[start].space {
            start += 1;
        }
        avail = rest;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    /// The straightforward analysis the fast one must agree with: full
    /// UAX #29 clusters, UAX #14, kinsoku looking at the characters of the
    /// line. `(start, width, space, allowed)` per cluster.
    fn reference(line: &str, o: WidthOptions) -> Vec<(usize, usize, bool, bool)> {
        let mut cs: Vec<(usize, usize, bool, bool)> = line
            .grapheme_indices(true)
            .map(|(i, g)| {
                (
                    i,
                    crate::text::width::grapheme_width(g, o),
                    is_space(g),
                    false,
                )
            })
            .collect();
        let breaks: Vec<usize> = unicode_linebreak::linebreaks(line).map(|b| b.0).collect();
        for c in cs.iter_mut().skip(1) {
            let at = c.0;
            if !breaks.contains(&at) {
                continue;
            }
            let prev = line[..at].chars().rev().find(|c| !is_space_char(*c));
            let next = line[at..].chars().find(|c| !is_space_char(*c));
            let pair = matches!((prev, next), (Some(p), Some(n)) if inseparable_pair(p, n));
            c.3 = !(next.is_some_and(no_start) || prev.is_some_and(no_end) || pair);
        }
        cs
    }

    const ATOMS: &[&str] = &[
        "日本",
        "語",
        "の",
        "は",
        "ゼレンスキー",
        "っ",
        "ゃ",
        "ァ",
        "ー",
        "、",
        "。",
        "「",
        "」",
        "（",
        "）",
        "・",
        "！",
        "…",
        "……",
        "——",
        "々",
        "hello",
        "a",
        "big",
        " ",
        "  ",
        "\u{3000}",
        "123",
        "２０",
        "$",
        "(",
        ")",
        "\"",
        "'",
        "-",
        "/",
        "%",
        "％",
        "ｶﾞ",
        "か\u{3099}",
        "e\u{301}",
        "👨\u{200D}👩",
        "🇯🇵",
        "…",
        "※",
        "①",
        "\u{200B}",
        "\u{00A0}",
        "한",
        "\u{600} ",
    ];

    proptest! {
        #[test]
        fn fast_analysis_agrees_with_the_reference(
            picks in proptest::collection::vec(0..ATOMS.len(), 0..40),
            wide in any::<bool>(),
        ) {
            let line: String = picks.iter().map(|&i| ATOMS[i]).collect();
            let o = WidthOptions { ambiguous_wide: wide };
            let wo = WrapOptions { width: o, ..Default::default() };
            let got: Vec<(usize, usize, bool, bool)> = clusters(&line, &wo, Vec::new())
                .iter()
                .map(|c| (c.start, c.width, c.space, c.allowed))
                .collect();
            prop_assert_eq!(got, reference(&line, o));
        }
    }

    fn lines(text: &str, w: usize) -> Vec<String> {
        wrap(text, w, w, &WrapOptions::default())
            .into_iter()
            .map(|p| text[p.range].to_string())
            .collect()
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
