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
//! wrapped over two lines is still found, as [`Piece`]s on both lines.
//! Markers (`✅`, `[1]`) and indentation are not text and never match.
//! Furigana drawn above their bases are indexed after the page's text, one
//! line of readings at a time, so both a base and its reading are found;
//! `yomu search` reads a field with its readings inline (`漢字（かんじ）`).
//!
//! [`PageIndex`] keeps a page's normalised text, built once, so each
//! keystroke of an incremental search is one substring scan over it;
//! [`PageIndex::pieces`] turns a match back into cells, only for the matches
//! on screen. [`search_briefing`] searches a briefing's fields directly (no
//! layout) for `yomu search`.

use std::ops::Range;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use crate::briefing::Briefing;
use crate::layout::{Line, Role};
use crate::text::sanitize_line;
use crate::text::width::{Graphemes, WidthOptions, simple_width};
use crate::text::wrap::Glue;

/// How to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SearchOptions {
    /// Hiragana and katakana match each other (`かな` finds `カナ`).
    pub kana_insensitive: bool,
    /// How wide clusters are drawn (for the cells of a match).
    pub widths: WidthOptions,
}

/// One line's part of a match: `width` cells from column `col` of line
/// `line` (columns count from the left edge of the text, indentation and
/// markers included, as the view draws them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub line: usize,
    pub col: usize,
    pub width: usize,
}

/// Characters that NFKC and lower case leave as they are and that never
/// compose with a neighbour: most Japanese text (kana, the common CJK
/// ideographs and punctuation), so it skips the Unicode table lookups.
/// Not U+3000 (NFKC makes it a space), 〶 〸 〹 〺 ゟ ヿ (compatibility forms),
/// the voiced sound marks U+3099..=U+309C, nor the ideographic tone marks
/// U+302A..=U+302F (combining: NFKC may reorder them with other marks).
fn is_stable(c: char) -> bool {
    matches!(c,
        '\u{3001}'..='\u{3029}'
        | '\u{3030}'..='\u{3035}'
        | '\u{3037}'
        | '\u{303B}'..='\u{303F}'
        | '\u{3041}'..='\u{3096}'
        | '\u{309D}'..='\u{309E}'
        | '\u{30A0}'..='\u{30FE}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}')
}

/// Push a character NFKC left alone, katakana folded when asked.
fn push_kana(c: char, opts: SearchOptions, out: &mut String) {
    if opts.kana_insensitive && ('\u{30A1}'..='\u{30F6}').contains(&c) {
        out.push(char::from_u32(c as u32 - 0x60).unwrap_or(c));
    } else {
        out.push(c);
    }
}

/// Append the folded form of one character (after NFKC).
fn push_folded(c: char, opts: SearchOptions, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if is_stable(c) {
        push_kana(c, opts, out);
    } else {
        c.to_lowercase().for_each(|l| push_kana(l, opts, out));
    }
}

/// Append the normalised form of one grapheme cluster.
fn push_cluster(g: &str, opts: SearchOptions, out: &mut String) {
    let mut chars = g.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && (c.is_ascii() || is_stable(c))
    {
        push_folded(c, opts, out);
    } else if is_nfkc_quick(g.chars()) == IsNormalized::Yes {
        g.chars().for_each(|c| push_folded(c, opts, out));
    } else {
        g.nfkc().for_each(|c| push_folded(c, opts, out));
    }
}

/// Append the normalised form of `s`. The same bytes as normalising it
/// cluster by cluster, but without segmenting text that needs no NFKC,
/// and without any table lookup for ASCII, kana and common kanji.
pub fn normalize_into(s: &str, opts: SearchOptions, out: &mut String) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    let safe = |c: char| c.is_ascii() || is_stable(c);
    // Safe characters that come out unchanged are copied a run at a time.
    let unchanged = |c: char| {
        if c.is_ascii() {
            !c.is_ascii_uppercase()
        } else {
            is_stable(c) && !(opts.kana_insensitive && ('\u{30A1}'..='\u{30F6}').contains(&c))
        }
    };
    // The pending run of unchanged characters, not yet in `out`.
    let mut run = 0..0;
    // The last safe character pushed to `out` one by one, with the length
    // of `out` before it.
    let mut last_safe: Option<(usize, usize)> = None;
    let bytes = s.as_bytes();
    let char_at = |i: usize| s.get(i..).and_then(|r| r.chars().next());
    let mut at = 0;
    while at < bytes.len() {
        // Without decoding: the CJK ideographs U+4000..=U+9FFF but the
        // Yijing hexagrams U+4DC0..=U+4DFF (lead byte E4..E9, not E4 B7),
        // and ASCII but capitals, are unchanged.
        let b = bytes[at];
        let plain = match b {
            0xE5..=0xE9 => 3,
            0xE4 if bytes.get(at + 1) != Some(&0xB7) => 3,
            0..0x80 if !b.is_ascii_uppercase() => 1,
            _ => 0,
        };
        if plain > 0 {
            if run.is_empty() {
                run = at..at;
            }
            at += plain;
            run.end = at;
            last_safe = None;
            continue;
        }
        let Some(c) = char_at(at) else { break };
        if unchanged(c) {
            if run.is_empty() {
                run = at..at;
            }
            at += c.len_utf8();
            run.end = at;
            last_safe = None;
            continue;
        }
        if safe(c) {
            out.push_str(&s[run.clone()]);
            run = 0..0;
            last_safe = Some((at, out.len()));
            push_folded(c, opts, out);
            at += c.len_utf8();
            continue;
        }
        // Runs of other characters go through NFKC cluster by cluster,
        // with the character before them (a combining mark composes with it).
        let from = if run.is_empty() {
            match last_safe.take() {
                Some((p, len)) => {
                    out.truncate(len);
                    p
                }
                None => at,
            }
        } else {
            let prev = s[..run.end]
                .char_indices()
                .next_back()
                .map_or(run.start, |(i, _)| i);
            out.push_str(&s[run.start..prev]);
            run = 0..0;
            prev
        };
        let mut to = at + c.len_utf8();
        while let Some(d) = char_at(to).filter(|&d| !safe(d)) {
            to += d.len_utf8();
        }
        normalize_general(&s[from..to], opts, out);
        at = to;
    }
    out.push_str(&s[run]);
}

fn normalize_general(s: &str, opts: SearchOptions, out: &mut String) {
    if is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        s.chars().for_each(|c| push_folded(c, opts, out));
    } else {
        for (_, g, _) in Graphemes::new(s, opts.widths) {
            push_cluster(g, opts, out);
        }
    }
}

/// The normalised form of `s` (what a query is compared as).
pub fn normalize(s: &str, opts: SearchOptions) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, opts, &mut out);
    out
}

/// A query ready to match: normalised, control characters removed. `None`
/// when nothing is left to look for.
pub fn prepare_query(query: &str, opts: SearchOptions) -> Option<String> {
    let clean: String = query.chars().filter(|c| !c.is_control()).collect();
    let q = normalize(&clean, opts);
    (!q.is_empty()).then_some(q)
}

/// Where a line's text starts in the page's normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LineStart {
    line: u32,
    at: u32,
}

/// A page's text, normalised and joined per block, with where each line starts.
#[derive(Debug, Clone, Default)]
pub struct PageIndex {
    text: String,
    lines: Vec<LineStart>,
}

/// Separates blocks: never in a prepared query, so no match spans two fields.
const BLOCK_SEP: char = '\0';

impl PageIndex {
    /// Index the lines of one page.
    pub fn new(lines: &[Line], opts: SearchOptions) -> Self {
        let mut idx = PageIndex::default();
        let mut prev: Option<usize> = None;
        let mut readings = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if line.is_ruby() {
                readings.push(i);
                continue;
            }
            let Some(block) = line.block else {
                prev = None;
                continue;
            };
            if prev == Some(block) {
                match line.glue {
                    Some(Glue::Space) => idx.text.push(' '),
                    Some(Glue::Direct) => {}
                    _ => idx.text.push('\n'),
                }
            } else if !idx.text.is_empty() {
                idx.text.push(BLOCK_SEP);
            }
            prev = Some(block);
            idx.lines.push(LineStart {
                line: i as u32,
                at: idx.text.len() as u32,
            });
            for sp in line.content() {
                normalize_into(&sp.text, opts, &mut idx.text);
            }
        }
        for i in readings {
            if !idx.text.is_empty() {
                idx.text.push(BLOCK_SEP);
            }
            idx.lines.push(LineStart {
                line: i as u32,
                at: idx.text.len() as u32,
            });
            for sp in lines[i].content() {
                normalize_into(&sp.text, opts, &mut idx.text);
            }
        }
        idx
    }

    /// Byte ranges (in the normalised text) of every match of a prepared
    /// query, in reading order, not overlapping.
    pub fn find(&self, query: &str) -> Vec<Range<usize>> {
        if query.is_empty() {
            return Vec::new();
        }
        self.text
            .match_indices(query)
            .map(|(i, m)| i..i + m.len())
            .collect()
    }

    /// Index (into the page's lines) of the line where a match starts.
    pub fn line_of(&self, at: usize) -> usize {
        let k = self.lines.partition_point(|l| l.at as usize <= at);
        self.lines
            .get(k.saturating_sub(1))
            .map_or(0, |l| l.line as usize)
    }

    /// The cells of a match, one piece per line it touches.
    pub fn pieces(&self, lines: &[Line], m: Range<usize>, opts: SearchOptions) -> Vec<Piece> {
        let mut out = Vec::new();
        let first = self
            .lines
            .partition_point(|l| l.at as usize <= m.start)
            .saturating_sub(1);
        let mut scratch = String::new();
        for ls in self.lines[first..]
            .iter()
            .take_while(|l| (l.at as usize) < m.end)
        {
            let Some(line) = lines.get(ls.line as usize) else {
                break;
            };
            let mut pos = ls.at as usize;
            let mut cells: Option<(usize, usize)> = None;
            for_each_cluster(line, opts.widths, |col, w, g| {
                scratch.clear();
                push_cluster(g, opts, &mut scratch);
                let end = pos + scratch.len();
                if end > m.start && pos < m.end && !scratch.is_empty() {
                    cells = Some(match cells {
                        None => (col, col + w),
                        Some((a, _)) => (a, col + w),
                    });
                }
                pos = end;
            });
            if let Some((a, b)) = cells {
                out.push(Piece {
                    line: ls.line as usize,
                    col: a,
                    width: b - a,
                });
            }
        }
        out
    }
}

/// Index many pages, in parallel when there are many.
pub fn index_pages(pages: &[&[Line]], opts: SearchOptions) -> Vec<PageIndex> {
    crate::parallel::map(pages, 16, |l| PageIndex::new(l, opts))
}

/// Call `f(column, width, cluster)` for every cluster of a line's content
/// (markers skipped but counted in the columns).
fn for_each_cluster(line: &Line, w: WidthOptions, mut f: impl FnMut(usize, usize, &str)) {
    let mut col = line.indent;
    for sp in &line.spans {
        if sp.role == Role::Marker {
            col += crate::text::width::str_width(&sp.text, w);
            continue;
        }
        for (_, g, gw) in Graphemes::new(&sp.text, w) {
            f(col, gw, g);
            col += gw;
        }
    }
}

/// Every match of `query` in a page's lines, each as its pieces (one per
/// line the match touches).
pub fn find_in_page(lines: &[Line], query: &str, opts: SearchOptions) -> Vec<Vec<Piece>> {
    let Some(q) = prepare_query(query, opts) else {
        return Vec::new();
    };
    let idx = PageIndex::new(lines, opts);
    idx.find(&q)
        .into_iter()
        .map(|m| idx.pieces(lines, m, opts))
        .collect()
}

/// Where in a briefing a field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Cover,
    /// A section, 0-based.
    Section(usize),
}

/// One match of [`search_briefing`]: where, and the text around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMatch {
    pub place: Place,
    /// About [`CONTEXT_CELLS`] cells of the field on each side of the match,
    /// sanitised to one line, `…` where cut.
    pub context: String,
    /// The bytes of `context` that matched (for highlighting).
    pub matched: std::ops::Range<usize>,
}

/// Cells of context on each side of a match in [`FieldMatch::context`].
pub const CONTEXT_CELLS: usize = 30;

/// Every field of a briefing as text, with where it is.
pub fn fields(b: &Briefing) -> impl Iterator<Item = (Place, &str)> {
    let cover = [b.title.as_str()]
        .into_iter()
        .chain(b.subtitle.as_deref())
        .chain(b.summary.as_deref())
        .chain(b.tags.iter().map(String::as_str))
        .chain(b.takeaways.iter().map(String::as_str))
        .map(|t| (Place::Cover, t));
    let sections = b.sections.iter().enumerate().flat_map(|(i, s)| {
        [s.heading.as_str()]
            .into_iter()
            .chain(s.question.as_deref())
            .chain(s.answer.as_deref())
            .chain(s.lead.as_deref())
            .chain(s.key_points.iter().map(String::as_str))
            .chain(
                s.sources
                    .iter()
                    .flat_map(|src| [src.name.as_str(), src.url.as_str()]),
            )
            .chain(s.body.iter().map(String::as_str))
            .chain(s.commentary.iter().map(String::as_str))
            .map(move |t| (Place::Section(i), t))
    });
    cover.chain(sections)
}

/// Every match of a prepared query (see [`prepare_query`]) in the fields of
/// a briefing, in reading order, with the text around each.
pub fn search_briefing(b: &Briefing, query: &str, opts: SearchOptions) -> Vec<FieldMatch> {
    let mut out = Vec::new();
    if query.is_empty() {
        return out;
    }
    let finder = memchr::memmem::Finder::new(query);
    let mut norm = String::new();
    for (place, raw) in fields(b) {
        // Searched as shown: sanitised first, as the reader's text is.
        let text = sanitize_line(raw);
        let text = crate::text::ruby::inline(&text);
        norm.clear();
        normalize_into(&text, opts, &mut norm);
        if finder.find(norm.as_bytes()).is_none() {
            continue;
        }
        for (context, matched) in contexts(&text, &norm, query, opts) {
            out.push(FieldMatch {
                place,
                context,
                matched,
            });
        }
    }
    out
}

/// The text around each match of `query` in `text` (sanitised, and known
/// to match), given `norm`, the normalised `text`; each with the bytes of
/// the match within it.
fn contexts(text: &str, norm: &str, query: &str, opts: SearchOptions) -> Vec<Framed> {
    // Text made only of ASCII and stable characters, each a cluster of its
    // own, normalises character for character into the same byte lengths:
    // a match's bytes in the normalised text are its bytes in the text.
    let aligned = text
        .chars()
        .all(|c| (c.is_ascii() || is_stable(c)) && simple_width(c).is_some());
    if !aligned {
        return contexts_general(text, query, opts);
    }
    norm.match_indices(query)
        .map(|(a, m)| {
            let z = a + m.len();
            let mut used = 0;
            let mut from = a;
            for c in text[..a].chars().rev() {
                let w = simple_width(c).unwrap_or(1);
                if used + w > CONTEXT_CELLS {
                    break;
                }
                used += w;
                from -= c.len_utf8();
            }
            used = 0;
            let mut to = z;
            for c in text[z..].chars() {
                let w = simple_width(c).unwrap_or(1);
                if used + w > CONTEXT_CELLS {
                    break;
                }
                used += w;
                to += c.len_utf8();
            }
            framed(text, from..to, a..z)
        })
        .collect()
}

/// A context and the bytes of the match in it.
type Framed = (String, std::ops::Range<usize>);

/// `text[range]` trimmed, with `…` where text was left out; `hit` (bytes of
/// `text` inside `range`) becomes the bytes of the match in the result.
fn framed(text: &str, range: std::ops::Range<usize>, hit: std::ops::Range<usize>) -> Framed {
    let inner = &text[range.clone()];
    let trimmed = inner.trim();
    let lead = inner.len() - inner.trim_start().len();
    let mut s = String::with_capacity(inner.len() + 6);
    if range.start > 0 {
        s.push('…');
    }
    let base = s.len();
    s.push_str(trimmed);
    let end = s.len();
    if range.end < text.len() {
        s.push('…');
    }
    // The match in the trimmed text (a match of only spaces may be cut away).
    let at = |i: usize| (base + (i - range.start).saturating_sub(lead)).min(end);
    let matched = at(hit.start)..at(hit.end);
    (s, matched)
}

/// [`contexts`] for any text: clusters mapped to their normalised offsets.
fn contexts_general(text: &str, query: &str, opts: SearchOptions) -> Vec<Framed> {
    // Per cluster: (byte range in `text`, width, normalised start).
    let mut clusters = Vec::new();
    let mut norm = String::new();
    for (i, g, w) in Graphemes::new(text, opts.widths) {
        clusters.push((i..i + g.len(), w, norm.len()));
        push_cluster(g, opts, &mut norm);
    }
    let cluster_at = |n: usize| clusters.partition_point(|c| c.2 <= n).saturating_sub(1);
    norm.match_indices(query)
        .map(|(s, m)| {
            let first = cluster_at(s);
            let last = cluster_at(s + m.len() - 1);
            let mut from = first;
            let mut used = 0;
            while from > 0 && used + clusters[from - 1].1 <= CONTEXT_CELLS {
                from -= 1;
                used += clusters[from].1;
            }
            let mut to = last + 1;
            used = 0;
            while to < clusters.len() && used + clusters[to].1 <= CONTEXT_CELLS {
                used += clusters[to].1;
                to += 1;
            }
            let a = clusters[from].0.start;
            let z = clusters[to - 1].0.end;
            let hit = clusters[first].0.start..clusters[last].0.end;
            framed(text, a..z, hit)
        })
        .collect()
}

/// Whether `s` appears in `text` after normalising both (for the tests'
/// one-off checks; loops prepare the query once).
#[cfg(test)]
fn contains(text: &str, query: &str, opts: SearchOptions) -> bool {
    prepare_query(query, opts).is_some_and(|q| normalize(text, opts).contains(&q))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Line, Span};

    fn o() -> SearchOptions {
        SearchOptions::default()
    }

    fn kana() -> SearchOptions {
        SearchOptions {
            kana_insensitive: true,
            ..SearchOptions::default()
        }
    }

    #[test]
    fn fullwidth_latin_finds_ascii_and_back() {
        assert_eq!(normalize("ＡＢＣ", o()), "abc");
        assert!(contains("the abc of it", "ＡＢＣ", o()));
        assert!(contains("ＡＢＣ予算", "abc", o()));
        assert!(contains("NATO加盟", "nato", o()));
    }

    #[test]
    fn halfwidth_katakana_finds_fullwidth() {
        assert_eq!(normalize("ｶﾀｶﾅ", o()), "カタカナ");
        assert!(contains("カタカナで書く", "ｶﾀｶﾅ", o()));
        assert!(contains("ガス", "ｶﾞｽ", o()));
        assert!(contains("ｶﾞｽ管", "ガス", o()));
    }

    #[test]
    fn digits_of_either_width_match() {
        assert_eq!(normalize("０１２", o()), "012");
        assert!(contains("2025年３月", "３月", o()));
        assert!(contains("2025年３月", "3月", o()));
        assert!(contains("2025年3月", "３月", o()));
    }

    /// The definition, with no shortcut: NFKC of each grapheme cluster (full
    /// UAX #29), then lower case and, when asked, katakana to hiragana.
    fn reference(t: &str, opts: SearchOptions) -> String {
        use unicode_segmentation::UnicodeSegmentation;
        let mut out = String::new();
        for g in t.graphemes(true) {
            for c in g.nfkc().flat_map(char::to_lowercase) {
                let kata = opts.kana_insensitive && ('\u{30A1}'..='\u{30F6}').contains(&c);
                out.push(if kata {
                    char::from_u32(c as u32 - 0x60).unwrap_or(c)
                } else {
                    c
                });
            }
        }
        out
    }

    #[test]
    fn stable_characters_are_left_alone_by_nfkc_and_lower_case() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_stable(c))
        {
            let s = c.to_string();
            assert_eq!(s.nfkc().collect::<String>(), s, "U+{:04X}", c as u32);
            assert!(c.to_lowercase().eq([c]), "U+{:04X}", c as u32);
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", c as u32);
            // Nor does it compose with what comes before it.
            let after = format!("か{c}");
            assert_eq!(
                after.nfkc().collect::<String>(),
                after,
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn the_fast_path_agrees_with_nfkc_cluster_by_cluster() {
        let samples = [
            "ゼレンスキー大統領は、ロシアの侵攻を「止める」と語った。",
            "か\u{3099}き\u{309A}",
            "全角\u{3000}空白と〶〸ゟヿ",
            "ＮＡＴＯと３年、Ⅻ章㌀",
            "ΣΑΣ İstanbul",
            "e\u{301}と（注）％？ｶﾞｽ",
            "\u{309A}頭に結合文字",
        ];
        for opts in [o(), kana()] {
            for t in samples {
                let want = reference(t, opts);
                assert_eq!(normalize(t, opts), want, "{t}");
                assert_eq!(normalize(&want, opts), want, "stable: {t}");
            }
        }
        assert_eq!(normalize("か\u{3099}", o()), "が");
        assert_eq!(normalize("\u{3000}", o()), " ");
    }

    const PIECES: &[&str] = &[
        "ゼレンスキー",
        "大統領",
        "は",
        "、",
        "「",
        "」",
        "か\u{3099}",
        "\u{3099}",
        "\u{309A}",
        "\u{3000}",
        "〶",
        "ゟ",
        "ＮＡＴＯ",
        "３",
        "Ⅻ",
        "㌀",
        "ΣΑΣ",
        "İ",
        "e",
        "\u{301}",
        "（注）",
        "％",
        "？",
        "ｶﾞ",
        "ｽ",
        "abc",
        "ABC",
        " ",
        "カ",
        "ヴ",
        "ー",
        "😀",
        "🇯🇵",
        "﨑",
        "ﾊﾟ",
        "䷀",
        "㐀",
        "\u{4DBF}",
        "\u{4E00}",
        "\u{9FFF}",
        "\u{A000}",
        "\u{3400}",
        "\u{301}\u{301}",
        "\u{302A}",
        "\u{302A}\u{3099}",
    ];

    proptest::proptest! {
        #[test]
        fn normalising_agrees_with_nfkc_cluster_by_cluster(
            picks in proptest::collection::vec(0..PIECES.len(), 0..24),
            kana_insensitive in proptest::bool::ANY,
        ) {
            let t: String = picks.iter().map(|&i| PIECES[i]).collect();
            let opts = SearchOptions { kana_insensitive, ..o() };
            proptest::prop_assert_eq!(normalize(&t, opts), reference(&t, opts));
        }
    }

    proptest::proptest! {
        #[test]
        fn aligned_contexts_are_the_general_ones(
            picks in proptest::collection::vec(0..PIECES.len(), 0..60),
            q in 0..PIECES.len(),
            kana_insensitive in proptest::bool::ANY,
            plain in proptest::bool::ANY,
        ) {
            // Plain text (kana, kanji, ASCII) takes the aligned path.
            const PLAIN: &[&str] = &["ゼレンスキー", "大統領", "は", "、", "「", "」", "abc", "ABC", " ", "カ", "ヴ", "ー", "か"];
            let pool = if plain { PLAIN } else { PIECES };
            let t: String = picks.iter().map(|&i| pool[i % pool.len()]).collect();
            let opts = SearchOptions { kana_insensitive, ..o() };
            if let Some(query) = prepare_query(pool[q % pool.len()], opts) {
                proptest::prop_assert_eq!(
                    contexts(&t, &normalize(&t, opts), &query, opts),
                    contexts_general(&t, &query, opts)
                );
            }
        }
    }

    #[test]
    fn kana_option_folds_katakana_to_hiragana() {
        assert!(!contains("ウクライナ", "うくらいな", o()));
        assert!(contains("ウクライナ", "うくらいな", kana()));
        assert!(contains("うくらいな", "ウクライナ", kana()));
        assert!(contains("ｳｸﾗｲﾅ", "うくらいな", kana()));
        assert_eq!(normalize("ヴァ", kana()), "ゔぁ");
        // ー and ・ are not kana letters: unchanged.
        assert_eq!(normalize("ー・", kana()), "ー・");
    }

    fn line(indent: usize, text: &str, block: usize, glue: Glue) -> Line {
        Line {
            indent,
            spans: vec![Span {
                text: text.into(),
                role: Role::Body,
                link: None,
            }],
            width: indent + crate::text::width::str_width(text, WidthOptions::default()),
            block: Some(block),
            glue: Some(glue),
        }
    }

    #[test]
    fn a_match_across_a_wrapped_japanese_line_is_found_on_both_lines() {
        // 「和平交渉」 wrapped after 和平 (Direct: no space consumed).
        let lines = vec![
            line(0, "ゼレンスキーは和平", 0, Glue::Hard),
            line(0, "交渉に前向きだ。", 0, Glue::Direct),
        ];
        let m = find_in_page(&lines, "和平交渉", o());
        assert_eq!(
            m,
            vec![vec![
                Piece {
                    line: 0,
                    col: 14,
                    width: 4
                },
                Piece {
                    line: 1,
                    col: 0,
                    width: 4
                },
            ]]
        );
    }

    #[test]
    fn a_match_across_a_space_break_needs_the_space() {
        let lines = vec![
            line(0, "peace", 0, Glue::Hard),
            line(2, "talks resumed", 0, Glue::Space),
        ];
        let m = find_in_page(&lines, "PEACE TALKS", o());
        assert_eq!(
            m,
            vec![vec![
                Piece {
                    line: 0,
                    col: 0,
                    width: 5
                },
                Piece {
                    line: 1,
                    col: 2,
                    width: 5
                },
            ]]
        );
        assert!(find_in_page(&lines, "peacetalks", o()).is_empty());
    }

    #[test]
    fn blocks_do_not_join_and_markers_do_not_match() {
        let mut first = line(0, "停戦", 0, Glue::Hard);
        first.spans.insert(
            0,
            Span {
                text: "✅ ".into(),
                role: Role::Marker,
                link: None,
            },
        );
        let lines = vec![first, Line::default(), line(0, "合意", 1, Glue::Hard)];
        assert!(find_in_page(&lines, "停戦合意", o()).is_empty());
        assert!(find_in_page(&lines, "✅", o()).is_empty());
        // The marker's cells count in the column: ✅ is 2 cells, then a space.
        assert_eq!(
            find_in_page(&lines, "戦", o()),
            vec![vec![Piece {
                line: 0,
                col: 5,
                width: 2
            }]]
        );
    }

    #[test]
    fn halfwidth_voiced_kana_highlight_their_two_cells() {
        let lines = vec![line(0, "aｶﾞｽb", 0, Glue::Hard)];
        assert_eq!(
            find_in_page(&lines, "ガス", o()),
            vec![vec![Piece {
                line: 0,
                col: 1,
                width: 3
            }]]
        );
    }

    #[test]
    fn empty_and_control_queries_match_nothing() {
        let lines = vec![line(0, "abc", 0, Glue::Hard)];
        assert!(find_in_page(&lines, "", o()).is_empty());
        assert!(find_in_page(&lines, "\u{0}", o()).is_empty());
    }

    #[test]
    fn briefing_fields_give_context() {
        let src = "title = \"ゼレンスキー大統領の和平への道\"\n\
                   [[sections]]\nheading = \"米ロ交渉\"\nbody = [\"ＮＡＴＯ加盟を断念する代わりに安全の保証を求めた。\"]\n";
        let b = crate::briefing::parse_str("x.toml", src)
            .expect("valid")
            .briefing;
        let q = prepare_query("nato", o()).expect("query");
        let m = search_briefing(&b, &q, o());
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].place, Place::Section(0));
        assert!(
            m[0].context.starts_with("ＮＡＴＯ加盟"),
            "{:?}",
            m[0].context
        );
        assert_eq!(&m[0].context[m[0].matched.clone()], "ＮＡＴＯ");
        let q = prepare_query("和平", o()).expect("query");
        assert_eq!(search_briefing(&b, &q, o())[0].place, Place::Cover);
    }

    #[test]
    fn the_cli_searches_text_as_the_reader_shows_it() {
        // A bidi control inside a word is dropped on screen, so the word
        // is found, as the reader finds it.
        let src = "title = \"t\"\n[[sections]]\nheading = \"停\\u200F戦の行方\"\n";
        let b = crate::briefing::parse_str("x.toml", src)
            .expect("valid")
            .briefing;
        let q = prepare_query("停戦", o()).expect("query");
        let m = search_briefing(&b, &q, o());
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].context, "停戦の行方");
    }
}
