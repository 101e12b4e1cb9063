//! A briefing's fields, searched directly (no layout): what the library
//! filter looks at, and `yomu search`'s matches with their context.

use std::borrow::Cow;

use super::SearchOptions;
use super::normalize::{is_stable, normalize_into, push_cluster};
use crate::briefing::Briefing;
use crate::text::sanitize_line;
use crate::text::width::{Graphemes, simple_width};

/// Where in a briefing a field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Cover,
    /// A section, 0-based.
    Section(usize),
}

/// One place [`search_briefing`] found: where, and the text around it.
/// Matches close enough for their contexts to overlap share one place, as
/// a line with two matches is one line of `grep`'s output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldMatch<'a> {
    pub place: Place,
    /// About [`CONTEXT_CELLS`] cells of the field before the first match
    /// and after the last, sanitised to one line, `…` where cut.
    pub context: &'a str,
    /// The bytes of `context` that matched, in order (for highlighting).
    pub matched: &'a [std::ops::Range<usize>],
}

/// Every place a search found in one briefing, in reading order
/// ([`Matches::iter`] gives them as [`FieldMatch`]es). The contexts share
/// one buffer and the hits another: a search of a large library holds
/// hundreds of thousands of places until it prints them in the library's
/// order, and reads them back faster from a few blocks per briefing than
/// from two small allocations per place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matches {
    /// The contexts, one after another.
    text: String,
    /// Per place: where it is, and where its context ends in `text` and
    /// its hits end in `hits`.
    places: Vec<(Place, usize, usize)>,
    /// The bytes of each place's context that matched.
    hits: Vec<std::ops::Range<usize>>,
}

impl Matches {
    /// How many places (not matches: close matches share a place).
    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// How many matches the places hold.
    pub fn match_count(&self) -> usize {
        self.hits.len()
    }

    /// The places, in reading order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = FieldMatch<'_>> + '_ {
        let mut from = (0, 0);
        self.places.iter().map(move |&(place, text_end, hits_end)| {
            let m = FieldMatch {
                place,
                context: self.text.get(from.0..text_end).unwrap_or_default(),
                matched: self.hits.get(from.1..hits_end).unwrap_or_default(),
            };
            from = (text_end, hits_end);
            m
        })
    }

    /// Add a place whose context is `text[range]` (trimmed, with `…` where
    /// text was left out), holding the matches at bytes `hits` of `text`
    /// (inside `range`).
    fn frame(
        &mut self,
        place: Place,
        text: &str,
        range: std::ops::Range<usize>,
        hits: impl IntoIterator<Item = std::ops::Range<usize>>,
    ) {
        let inner = text.get(range.clone()).unwrap_or_default();
        let trimmed = inner.trim();
        let lead = inner.len() - inner.trim_start().len();
        let start = self.text.len();
        if range.start > 0 {
            self.text.push('…');
        }
        let base = self.text.len() - start;
        self.text.push_str(trimmed);
        let end = self.text.len() - start;
        if range.end < text.len() {
            self.text.push('…');
        }
        // The match in the trimmed text (a match of only spaces may be cut away).
        let at = |i: usize| (base + (i - range.start).saturating_sub(lead)).min(end);
        self.hits
            .extend(hits.into_iter().map(|h| at(h.start)..at(h.end)));
        self.places.push((place, self.text.len(), self.hits.len()));
    }
}

/// A prepared query (see [`prepare_query`]) made ready to be looked for:
/// made once for a search, not once per briefing or field.
pub struct Needle<'q>(memchr::memmem::Finder<'q>);

impl<'q> Needle<'q> {
    pub fn new(query: &'q str) -> Needle<'q> {
        Needle(memchr::memmem::Finder::new(query))
    }

    /// The query's length in bytes.
    fn len(&self) -> usize {
        self.0.needle().len()
    }

    /// Where the query starts in `hay`, each time (not overlapping).
    fn find_iter<'h>(&'h self, hay: &'h str) -> impl Iterator<Item = usize> + 'h {
        self.0.find_iter(hay.as_bytes())
    }
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
            .chain(s.tags.iter().map(String::as_str))
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

/// A field's text as searched: as shown, sanitised first (as the reader's
/// text is), with its readings inline (`漢字（かんじ）`).
pub fn shown(raw: &str) -> Cow<'_, str> {
    if crate::text::notes::may_have_notes(raw) {
        let applied = crate::text::notes::apply(raw).text.into_owned();
        return Cow::Owned(crate::text::ruby::inline(&sanitize_line(&applied)).into_owned());
    }
    match sanitize_line(raw) {
        Cow::Borrowed(s) => crate::text::ruby::inline(s),
        Cow::Owned(s) => Cow::Owned(crate::text::ruby::inline(&s).into_owned()),
    }
}

/// Every match of a prepared query (see [`prepare_query`]) in the fields of
/// a briefing, in reading order, with the text around it (matches whose
/// contexts overlap together).
pub fn search_briefing(b: &Briefing, query: &str, opts: SearchOptions) -> Matches {
    search_fields(fields(b), query, opts)
}

/// A field as it is searched: its text as shown ([`shown`]) and, when
/// that differs from it, the text normalised without kana folding
/// (`None`: the text is its own normalised form).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown<'a> {
    pub place: Place,
    pub text: &'a str,
    pub norm: Option<&'a str>,
    /// Every character of `text` is a simple one ([`is_simple`]): its
    /// matches are placed without reading it character by character.
    pub simple: bool,
}

/// Whether every character of `text` is a cluster of its own that
/// normalises on its own to a known length (ASCII, kana, kanji and
/// Japanese punctuation, the fullwidth forms of ASCII), as most Japanese
/// news text is.
pub fn is_simple(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += match b {
            // Printable ASCII and most kanji, told by their first byte.
            b' '..=b'~' => 1,
            0xE5..=0xE9 => 3,
            _ => match simple_at(bytes, i) {
                Some((len, _)) => len,
                None => return false,
            },
        };
    }
    true
}

/// The normalised text of a field already shown: as stored, unless kana
/// are folded (the normalised text depends on kana folding only: widths
/// measure the clusters, they do not change them), then made in `scratch`.
fn norm_of<'a>(f: &Shown<'a>, opts: SearchOptions, scratch: &'a mut String) -> &'a str {
    if !opts.kana_insensitive {
        return f.norm.unwrap_or(f.text);
    }
    scratch.clear();
    normalize_into(f.text, opts, scratch);
    scratch.as_str()
}

/// [`search_fields`] over fields already shown (and normalised, as the
/// search index keeps them): the same matches, without sanitising or
/// normalising again unless kana are folded.
pub fn search_shown(fields: &[Shown<'_>], query: &Needle<'_>, opts: SearchOptions) -> Matches {
    let mut out = Matches::default();
    if query.len() == 0 {
        return out;
    }
    let mut scratch = String::new();
    for f in fields {
        let norm = norm_of(f, opts, &mut scratch);
        if query.0.find(norm.as_bytes()).is_none() {
            continue;
        }
        let simple = f.simple && !opts.kana_insensitive;
        contexts(&mut out, f.place, f.text, (norm, simple), query, opts);
    }
    out
}

/// How many matches [`search_shown`] finds (not the places it gives:
/// close matches share one), without cutting their contexts; with
/// `first`, 0 or 1 (the search ends at the first match).
pub fn count_shown(
    fields: &[Shown<'_>],
    query: &Needle<'_>,
    opts: SearchOptions,
    first: bool,
) -> usize {
    if query.len() == 0 {
        return 0;
    }
    let mut scratch = String::new();
    let mut count = 0;
    for f in fields {
        let norm = norm_of(f, opts, &mut scratch);
        count += matches_in(&query.0, norm, first);
        if first && count > 0 {
            return 1;
        }
    }
    count
}

/// How many matches [`search_fields`] finds, without cutting their
/// contexts; with `first`, 0 or 1 (the search ends at the first match).
pub fn count_fields<'a>(
    fields: impl IntoIterator<Item = (Place, &'a str)>,
    query: &str,
    opts: SearchOptions,
    first: bool,
) -> usize {
    if query.is_empty() {
        return 0;
    }
    let finder = memchr::memmem::Finder::new(query);
    let mut norm = String::new();
    let mut count = 0;
    for (_, raw) in fields {
        let text = shown(raw);
        norm.clear();
        normalize_into(&text, opts, &mut norm);
        count += matches_in(&finder, &norm, first);
        if first && count > 0 {
            return 1;
        }
    }
    count
}

/// The matches of `finder` in `norm` that [`contexts`] frames (they do not
/// overlap, as `str::match_indices` gives them); with `first`, 0 or 1.
fn matches_in(finder: &memchr::memmem::Finder<'_>, norm: &str, first: bool) -> usize {
    if first {
        usize::from(finder.find(norm.as_bytes()).is_some())
    } else {
        finder.find_iter(norm.as_bytes()).count()
    }
}

/// [`search_briefing`] over fields given as [`fields`] gives them.
pub fn search_fields<'a>(
    fields: impl IntoIterator<Item = (Place, &'a str)>,
    query: &str,
    opts: SearchOptions,
) -> Matches {
    let mut out = Matches::default();
    if query.is_empty() {
        return out;
    }
    let needle = Needle::new(query);
    let mut norm = String::new();
    for (place, raw) in fields {
        let text = shown(raw);
        norm.clear();
        normalize_into(&text, opts, &mut norm);
        if needle.0.find(norm.as_bytes()).is_none() {
            continue;
        }
        contexts(&mut out, place, &text, (&norm, false), &needle, opts);
    }
    out
}

/// The text around each match of `query` in `text` (sanitised, and known
/// to match), given `norm`, the normalised `text`, added to `out` as
/// places at `place`; `simple` when `text` is known to be simple
/// ([`is_simple`]) and `norm` is its normalised form without kana folding.
fn contexts(
    out: &mut Matches,
    place: Place,
    text: &str,
    (norm, simple): (&str, bool),
    query: &Needle<'_>,
    opts: SearchOptions,
) {
    let spans = match simple {
        true => spans_counted(text, norm, query).or_else(|| spans_simple(text, norm, query)),
        false => spans_simple(text, norm, query),
    };
    match spans {
        Some(spans) => {
            let windows = spans
                .into_iter()
                .map(|hit| (window_simple(text, hit.clone()), hit));
            frame_together(out, place, text, windows);
        }
        None => contexts_general(out, place, text, query, opts),
    }
}

/// For text known to be simple ([`is_simple`]), the bytes of `text` each
/// match of `query` in `norm` covers, as [`spans_simple`] gives them: the
/// fullwidth forms of ASCII are then the only characters whose normalised
/// form is shorter (three bytes to one), and the only ones whose first
/// byte is 0xEF, so a match is placed by counting those before it
/// (`memchr`), not by reading every character up to it. `None` when a
/// match does not fall on characters (`norm` is not `text` normalised).
fn spans_counted(
    text: &str,
    norm: &str,
    query: &Needle<'_>,
) -> Option<Vec<std::ops::Range<usize>>> {
    let mut wide = memchr::memchr_iter(0xEF, text.as_bytes()).peekable();
    // Fullwidth characters counted so far (all before the place reached).
    let mut before = 0;
    // Where normalised byte `n` is in `text`: each fullwidth character
    // that starts before it (at its own place in `norm`) adds two bytes.
    let mut in_text = |n: usize| {
        while let Some(&e) = wide.peek() {
            if e - 2 * before >= n {
                break;
            }
            before += 1;
            wide.next();
        }
        n + 2 * before
    };
    let mut spans = Vec::new();
    for s in query.find_iter(norm) {
        let (a, z) = (in_text(s), in_text(s + query.len()));
        if !(text.is_char_boundary(a) && text.is_char_boundary(z)) {
            return None;
        }
        spans.push(a..z);
    }
    Some(spans)
}

/// Matches `(window, hit)` in order, each with the bytes of `text` its
/// context spans, framed into `out`: those whose windows overlap the one
/// before make one place with all their hits.
fn frame_together(
    out: &mut Matches,
    place: Place,
    text: &str,
    windows: impl Iterator<Item = (std::ops::Range<usize>, std::ops::Range<usize>)>,
) {
    let mut open: Option<std::ops::Range<usize>> = None;
    let mut hits: Vec<std::ops::Range<usize>> = Vec::new();
    for (window, hit) in windows {
        match &mut open {
            Some(w) if window.start < w.end => w.end = w.end.max(window.end),
            _ => {
                if let Some(w) = open.replace(window) {
                    out.frame(place, text, w, hits.drain(..));
                }
            }
        }
        hits.push(hit);
    }
    if let Some(w) = open {
        out.frame(place, text, w, hits);
    }
}

/// The normalised length of a character of text made of characters that
/// are each a cluster of their own and normalise on their own to a known
/// length: ASCII and stable characters (to as many bytes as they have) and
/// the fullwidth forms of ASCII (to one byte), as Japanese news text is;
/// `None` for any other character.
const fn simple_norm_len(c: char) -> Option<usize> {
    if simple_width(c).is_none() {
        None
    } else if c.is_ascii() || matches!(c, '\u{FF01}'..='\u{FF5E}') {
        Some(1)
    } else if is_stable(c) {
        Some(c.len_utf8())
    } else {
        None
    }
}

/// [`simple_norm_len`] of U+3000 to U+30FF (the punctuation and kana of
/// Japanese text), 0 for `None`.
const KANA_NORM_LEN: [u8; 256] = {
    let mut table = [0; 256];
    let mut i = 0;
    while i < 256 {
        // Every code point from U+3000 to U+30FF is a character.
        if let Some(c) = char::from_u32(0x3000 + i as u32)
            && let Some(n) = simple_norm_len(c)
        {
            table[i] = n as u8;
        }
        i += 1;
    }
    table
};

/// The length of the character of UTF-8 text starting at `bytes[i]` and
/// its [`simple_norm_len`], read from its bytes alone; `None` when it is
/// not such a character (or there is none).
#[inline]
fn simple_at(bytes: &[u8], i: usize) -> Option<(usize, usize)> {
    let lead = *bytes.get(i)?;
    if lead < 0x80 {
        return matches!(lead, b' '..=b'~').then_some((1, 1));
    }
    let (&b1, &b2) = (bytes.get(i + 1)?, bytes.get(i + 2)?);
    match (lead, b1) {
        // U+4E00 to U+9FFF: the unified ideographs.
        (0xE5..=0xE9, _) | (0xE4, 0xB8..) => Some((3, 3)),
        // U+3000 to U+30FF.
        (0xE3, 0x80..=0x83) => {
            let n = KANA_NORM_LEN[usize::from(b1 & 0x03) << 6 | usize::from(b2 & 0x3F)];
            (n != 0).then_some((3, usize::from(n)))
        }
        // U+FF01 to U+FF5E: the fullwidth forms of ASCII.
        (0xEF, 0xBC) if b2 >= 0x81 => Some((3, 1)),
        (0xEF, 0xBD) if b2 <= 0x9E => Some((3, 1)),
        _ => None,
    }
}

/// For text of [`simple_norm_len`] characters only, the bytes of `text`
/// each match of `query` in `norm` covers (from the start of the character
/// where it starts to the end of the one where it ends), in one pass and
/// without a table of the characters, which ends with the last context;
/// `None` for any other text up to there (or a `norm` that is not that
/// text's normalised form, when the pass reaches its end).
fn spans_simple(text: &str, norm: &str, query: &Needle<'_>) -> Option<Vec<std::ops::Range<usize>>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    // The character at byte `i` of `text` starts at byte `at` of `norm`.
    let (mut i, mut at) = (0, 0);
    // The characters of simple text normalise one by one, so a match
    // (valid UTF-8 in valid UTF-8) starts and ends where characters do.
    for s in query.find_iter(norm) {
        loop {
            let (len, n) = simple_at(bytes, i)?;
            if at + n > s {
                break;
            }
            (i, at) = (i + len, at + n);
        }
        let start = i;
        let end = s + query.len();
        while at < end {
            let (len, n) = simple_at(bytes, i)?;
            (i, at) = (i + len, at + n);
        }
        spans.push(start..i);
    }
    // The last context takes at most this many characters (each is at
    // least one cell wide), and the one after them decides where it ends:
    // what lies beyond changes nothing.
    for _ in 0..CONTEXT_CELLS + 2 {
        if i == bytes.len() {
            return (at == norm.len()).then_some(spans);
        }
        let (len, n) = simple_at(bytes, i)?;
        (i, at) = (i + len, at + n);
    }
    Some(spans)
}

/// The bytes of `text` (of [`simple_norm_len`] characters, each a cluster
/// of its own, as far as the window reaches) that frame the match at bytes
/// `hit`: up to [`CONTEXT_CELLS`] cells on each side.
fn window_simple(text: &str, hit: std::ops::Range<usize>) -> std::ops::Range<usize> {
    // A simple character is one byte and one cell, or three bytes (the
    // last two continuation bytes) and two cells.
    let step = |b: u8| if b < 0x80 { (1, 1) } else { (2, 3) };
    let bytes = text.as_bytes();
    let (mut from, mut used) = (hit.start, 0);
    while let Some(&b) = from.checked_sub(1).and_then(|i| bytes.get(i)) {
        let (w, len) = step(b);
        if used + w > CONTEXT_CELLS || from < len {
            break;
        }
        used += w;
        from -= len;
    }
    let (mut to, mut used) = (hit.end, 0);
    while let Some(&b) = bytes.get(to) {
        let (w, len) = step(b);
        if used + w > CONTEXT_CELLS {
            break;
        }
        used += w;
        to = (to + len).min(bytes.len());
    }
    from..to
}

/// Per cluster of a text: its bytes in the text, its width, and where its
/// normalised form starts in the normalised text.
type Cluster = (std::ops::Range<usize>, usize, usize);

/// [`contexts`] for any text: clusters mapped to their normalised offsets.
fn contexts_general(
    out: &mut Matches,
    place: Place,
    text: &str,
    query: &Needle<'_>,
    opts: SearchOptions,
) {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut norm = String::new();
    for (i, g, w) in Graphemes::new(text, opts.widths) {
        clusters.push((i..i + g.len(), w, norm.len()));
        push_cluster(g, opts, &mut norm);
    }
    frame_all(out, place, text, &clusters, &norm, query)
}

/// Each match of `query` in `norm` (the normalised `text`, cut into
/// `clusters`) framed with the clusters around it, into `out`.
fn frame_all(
    out: &mut Matches,
    place: Place,
    text: &str,
    clusters: &[Cluster],
    norm: &str,
    query: &Needle<'_>,
) {
    let cluster_at = |n: usize| clusters.partition_point(|c| c.2 <= n).saturating_sub(1);
    let windows = query.find_iter(norm).map(|s| {
        let first = cluster_at(s);
        let last = cluster_at(s + query.len() - 1);
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
        (a..z, hit)
    });
    frame_together(out, place, text, windows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::normalize::tests::PIECES;
    use crate::search::{normalize, prepare_query};
    fn o() -> SearchOptions {
        SearchOptions::default()
    }

    /// The places `frame` adds to an empty [`Matches`].
    fn framed_by(frame: impl FnOnce(&mut Matches)) -> Matches {
        let mut m = Matches::default();
        frame(&mut m);
        m
    }

    #[test]
    fn briefing_fields_give_context() {
        let src = "title = \"ゼレンスキー大統領の和平への道\"\n\
                   [[sections]]\nheading = \"米ロ交渉\"\nbody = [\"ＮＡＴＯ加盟を断念する代わりに安全の保証を求めた。\"]\n";
        let b = crate::briefing::parse_str("x.toml", src)
            .expect("valid")
            .briefing;
        let q = prepare_query("nato", o()).expect("query");
        let found = search_briefing(&b, &q, o());
        let m: Vec<FieldMatch<'_>> = found.iter().collect();
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].place, Place::Section(0));
        assert!(
            m[0].context.starts_with("ＮＡＴＯ加盟"),
            "{:?}",
            m[0].context
        );
        assert_eq!(&m[0].context[m[0].matched[0].clone()], "ＮＡＴＯ");
        let q = prepare_query("和平", o()).expect("query");
        let first = search_briefing(&b, &q, o()).iter().next().map(|m| m.place);
        assert_eq!(first, Some(Place::Cover));
    }

    #[test]
    fn matches_whose_contexts_overlap_share_one_place() {
        let far = "あ".repeat(40);
        let body = format!("和平案と和平交渉。{far}和平の行方。");
        let src = format!("title = \"t\"\n[[sections]]\nheading = \"h\"\nbody = [\"{body}\"]\n");
        let b = crate::briefing::parse_str("x.toml", &src)
            .expect("valid")
            .briefing;
        let q = prepare_query("和平", o()).expect("query");
        let found = search_briefing(&b, &q, o());
        let m: Vec<FieldMatch<'_>> = found.iter().collect();
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(found.match_count(), 3);
        let hits: Vec<&str> = m[0]
            .matched
            .iter()
            .map(|h| &m[0].context[h.clone()])
            .collect();
        assert_eq!(hits, ["和平", "和平"]);
        assert!(
            m[0].context.starts_with("和平案と和平交渉。"),
            "{:?}",
            m[0].context
        );
        assert_eq!(m[1].matched.len(), 1);
        assert!(m[1].context.ends_with("和平の行方。"), "{:?}", m[1].context);
        // The general path (text of other characters) joins them the same way.
        let mixed = src.replace("和平案", "é和平案");
        let b = crate::briefing::parse_str("x.toml", &mixed)
            .expect("valid")
            .briefing;
        let found = search_briefing(&b, &q, o());
        assert_eq!(
            found.iter().map(|p| p.matched.len()).collect::<Vec<_>>(),
            [2, 1]
        );
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
        let found = search_briefing(&b, &q, o());
        assert_eq!(found.len(), 1);
        assert_eq!(found.iter().next().map(|m| m.context), Some("停戦の行方"));
    }

    /// The simple path stops reading a field after the last match's
    /// context: a character it cannot take (a combining mark, an emoji)
    /// right at the edge of that context still sends it to the general path.
    #[test]
    fn a_field_is_read_as_far_as_the_last_context_reaches() {
        let o = o();
        for edge in ["\u{301}", "😀", "\u{200D}", "ｶﾞ", "\t"] {
            for k in 20..=40 {
                for before in ["", "前置き"] {
                    let t = format!("{before}政府{}{edge}{}", "a".repeat(k), "b".repeat(10));
                    let q = prepare_query("政府", o).expect("query");
                    assert_eq!(
                        framed_by(|m| contexts(
                            m,
                            Place::Cover,
                            &t,
                            (&normalize(&t, o), false),
                            &Needle::new(&q),
                            o
                        )),
                        framed_by(|m| contexts_general(m, Place::Cover, &t, &Needle::new(&q), o)),
                        "{edge:?} after {k}"
                    );
                }
            }
        }
    }

    /// The bytes of every character say what the character says.
    #[test]
    fn a_simple_character_is_known_by_its_bytes() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut bytes = [0; 4];
            let at = c.encode_utf8(&mut bytes).len();
            let expected = simple_norm_len(c).map(|n| (at, n));
            assert_eq!(simple_at(&bytes[..at], 0), expected, "{c:?}");
            let text = format!("和{c}a");
            assert_eq!(is_simple(&text), expected.is_some(), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn aligned_contexts_are_the_general_ones(
            picks in proptest::collection::vec(0..PIECES.len(), 0..60),
            q in 0..PIECES.len(),
            kana_insensitive in proptest::bool::ANY,
            plain in proptest::bool::ANY,
            wide in proptest::bool::ANY,
        ) {
            // Plain text (kana, kanji, ASCII) takes the aligned path.
            const PLAIN: &[&str] = &["ゼレンスキー", "大統領", "は", "、", "「", "」", "abc", "ABC", " ", "カ", "ヴ", "ー", "か"];
            // With fullwidth forms (the path of most Japanese news text).
            const WIDE: &[&str] = &["大統領", "は", "（", "）", "５０％", "ＮＡＴＯ", "nato", "Ａ", "a", "カ", "か", "\u{3000}", "〜", "\u{FF5F}", "\u{309B}"];
            let pool = match (plain, wide) {
                (_, true) => WIDE,
                (true, false) => PLAIN,
                (false, false) => PIECES,
            };
            let t: String = picks.iter().map(|&i| pool[i % pool.len()]).collect();
            let opts = SearchOptions { kana_insensitive, ..o() };
            if let Some(query) = prepare_query(pool[q % pool.len()], opts) {
                let needle = Needle::new(&query);
                let norm = normalize(&t, opts);
                let general = framed_by(|m| contexts_general(m, Place::Cover, &t, &needle, opts));
                proptest::prop_assert_eq!(
                    &framed_by(|m| contexts(m, Place::Cover, &t, (&norm, false), &needle, opts)),
                    &general
                );
                // Text known to be simple is placed by counting, the same.
                if is_simple(&t) && !opts.kana_insensitive {
                    proptest::prop_assert_eq!(
                        &framed_by(|m| contexts(m, Place::Cover, &t, (&norm, true), &needle, opts)),
                        &general
                    );
                }
            }
        }
    }
}
