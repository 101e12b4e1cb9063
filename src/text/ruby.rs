//! Ruby (furigana) in the notation of Aozora Bunko (docs/format.md, v1.1).
//!
//! `｜漢字《かんじ》` marks the base explicitly (it runs from `｜` to `《`);
//! in `漢字《かんじ》` the base is the run of kanji (with `々` `〆` `ヶ`) just
//! before `《`. The `《…》` is ruby only when a base precedes it on the same
//! line and it holds 1 to 20 kana, `ー` or `・`; anything else (`《書名》`,
//! `《》`, a reading in kanji) is plain text, kept as written. Ruby never
//! nests and a base never spans a line break.
//!
//! The model keeps each field's source string; this module finds the ruby
//! in it ([`parse`]), writes the forms the exports use ([`inline`],
//! [`plain`]), shapes text for the layout ([`shape`]: bases glued so a line
//! never breaks inside one, and spaced out under a wider reading), and
//! lists what `yomu check` warns about ([`problems`]). No terminal code.

use crate::i18n::{Msg, t};
use std::ops::Range;

use crate::text::notes::is_mark;
use crate::text::width::{WidthOptions, str_width};

/// How the reader and the text export show readings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum RubyMode {
    /// On a line of its own above the base (the reader's default).
    #[default]
    Above,
    /// After the base in brackets: `漢字（かんじ）` (the text export).
    Inline,
    /// The base alone.
    Off,
    /// Beside the base in vertical writing: shaped as [`RubyMode::Inline`]
    /// (`漢字⁠（かんじ）`, a word joiner before the bracket), emphasis
    /// marks too, for [`crate::vertical`] to move into the reading lane.
    Side,
}

/// The longest reading, in characters.
pub const MAX_READING: usize = 20;

/// The longest run of emphasis marks (one per character of the text it
/// emphasises; [`crate::text::notes`]).
pub const MAX_MARKS: usize = 200;

/// Explicit start of a base.
pub const BAR: char = '｜';
const OPEN: char = '《';
const CLOSE: char = '》';

/// Prohibits a line break on either side (UAX #14 class WJ), zero width:
/// put between the characters of a base so it is never broken.
pub const JOINER: char = '\u{2060}';
/// A one-cell space that is no break opportunity (UAX #14 class GL): spaces
/// a base out under a wider reading.
pub const FILL: char = '\u{2007}';

/// One ruby in a text: byte ranges into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ruby {
    /// The whole notation, `｜` and `《》` included.
    pub whole: Range<usize>,
    pub base: Range<usize>,
    pub reading: Range<usize>,
}

/// A character that may form a base without `｜`.
pub fn is_kanji(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}'
        | '々' | '〆' | 'ヶ')
}

/// A character a reading may hold: hiragana, katakana (with the voiced
/// marks and small forms), `ー` and `・`.
pub fn is_reading_char(c: char) -> bool {
    matches!(c,
        '\u{3041}'..='\u{3096}'
        | '\u{3099}'..='\u{309F}'
        | '\u{30A1}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}')
}

/// Whether `s` may hold ruby at all (a cheap test before [`parse`]).
pub fn may_have_ruby(s: &str) -> bool {
    s.contains(OPEN)
}

/// Every ruby of `s`, in order, not overlapping. One pass over the text
/// (a reading is at most [`MAX_READING`] characters, so looking for one is
/// bounded): hostile text full of `《` or `｜` stays linear.
pub fn parse(s: &str) -> Vec<Ruby> {
    let mut out = Vec::new();
    if !may_have_ruby(s) {
        return out;
    }
    // The last `｜` on this line since the last ruby, and where the run of
    // kanji that ends at the current character starts.
    let mut bar: Option<usize> = None;
    let mut run: Option<usize> = None;
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        let next = i + c.len_utf8();
        match c {
            '\n' => {
                bar = None;
                run = None;
            }
            BAR => {
                bar = Some(i);
                run = None;
            }
            OPEN => {
                let base = match bar {
                    Some(b) if b + BAR.len_utf8() < i => Some((b, b + BAR.len_utf8()..i)),
                    Some(_) => None,
                    None => run.map(|r| (r, r..i)),
                };
                run = None;
                if let (Some((start, base)), Some(close)) = (base, reading_end(s, next)) {
                    let end = close + CLOSE.len_utf8();
                    out.push(Ruby {
                        whole: start..end,
                        base,
                        reading: next..close,
                    });
                    bar = None;
                    i = end;
                    continue;
                }
            }
            c if is_kanji(c) => {
                run.get_or_insert(i);
            }
            _ => run = None,
        }
        i = next;
    }
    out
}

/// Where the `》` of a valid reading starting at byte `at` is: kana (at
/// most [`MAX_READING`]), or emphasis marks (at most [`MAX_MARKS`]).
fn reading_end(s: &str, at: usize) -> Option<usize> {
    let marks = s[at..].chars().next().is_some_and(is_mark);
    let (ok, max): (fn(char) -> bool, usize) = if marks {
        (is_mark, MAX_MARKS)
    } else {
        (is_reading_char, MAX_READING)
    };
    for (n, (k, c)) in s[at..].char_indices().enumerate() {
        if c == CLOSE {
            return (n > 0).then_some(at + k);
        }
        if !ok(c) || n == max {
            return None;
        }
    }
    None
}

/// Whether a reading is emphasis marks (傍点, 傍線: [`crate::text::notes`])
/// rather than kana: drawn in the same place, but no reading to write out.
pub fn is_emphasis(reading: &str) -> bool {
    reading.chars().next().is_some_and(is_mark)
}

/// The text with each ruby as `漢字（かんじ）` (the text export, search).
pub fn inline(s: &str) -> std::borrow::Cow<'_, str> {
    join(s, true)
}

/// One-line text for a title bar or a list: readings inline, sanitised.
pub fn inline_line(s: &str) -> String {
    let s = crate::text::notes::apply(s).text;
    crate::text::sanitize_line(&inline(&s)).into_owned()
}

/// The text with the bases alone.
pub fn plain(s: &str) -> std::borrow::Cow<'_, str> {
    join(s, false)
}

fn join(s: &str, readings: bool) -> std::borrow::Cow<'_, str> {
    if !may_have_ruby(s) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    for seg in segments(s) {
        match seg {
            Segment::Text(t) => out.push_str(t),
            Segment::Ruby { base, reading } => {
                out.push_str(base);
                if readings && !is_emphasis(reading) {
                    out.push('（');
                    out.push_str(reading);
                    out.push('）');
                }
            }
        }
    }
    out.into()
}

/// Split a text into plain runs and rubies, for writers with markup of
/// their own (Markdown's `<ruby>`).
pub fn segments(s: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in parse(s) {
        if r.whole.start > at {
            out.push(Segment::Text(&s[at..r.whole.start]));
        }
        out.push(Segment::Ruby {
            base: &s[r.base.clone()],
            reading: &s[r.reading.clone()],
        });
        at = r.whole.end;
    }
    if at < s.len() {
        out.push(Segment::Text(&s[at..]));
    }
    out
}

/// A part of a text: plain, or a base with its reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'s> {
    Text(&'s str),
    Ruby { base: &'s str, reading: &'s str },
}

/// A reading to draw over its base, in a [`Shaped`] text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// The base in the shaped text, spacing included.
    pub base: Range<usize>,
    pub reading: String,
}

/// Text ready for line breaking: bases glued with [`JOINER`] and, above,
/// spaced out with [`FILL`] under a wider reading; inline, followed by
/// their reading in brackets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shaped {
    pub text: String,
    /// Readings to draw above (only with [`RubyMode::Above`]).
    pub marks: Vec<Mark>,
}

/// Shape `s` for the layout, or `None` when it has no ruby.
pub fn shape(s: &str, mode: RubyMode, widths: WidthOptions) -> Option<Shaped> {
    let rubies = parse(s);
    if rubies.is_empty() {
        return None;
    }
    let mut text = String::with_capacity(s.len() + 16);
    let mut marks = Vec::new();
    let mut at = 0;
    // Where the last reading overhung the text after its base (a kana may
    // take the overhang of one reading only).
    let mut overhung = 0;
    for r in rubies {
        text.push_str(&s[at..r.whole.start]);
        let base = &s[r.base.clone()];
        let reading = &s[r.reading.clone()];
        let start = text.len();
        match mode {
            RubyMode::Above => {
                let extra = str_width(reading, widths).saturating_sub(str_width(base, widths));
                // JLReq 3.3.8: a reading may overhang the kana on either side
                // by up to one character before its base is spaced out; the
                // reading stays centred, so both sides must allow it.
                let before = s[..r.whole.start]
                    .chars()
                    .next_back()
                    .filter(|_| overhung < r.whole.start || r.whole.start == 0);
                let after = s[r.whole.end..].chars().next();
                let side = |c: Option<char>| {
                    c.filter(|&c| is_kana(c))
                        .map_or(0, |c| str_width(c.encode_utf8(&mut [0; 4]), widths))
                };
                let over = side(before).min(side(after)).min(extra / 2);
                if over > 0 {
                    overhung = r.whole.end + after.map_or(0, char::len_utf8);
                }
                spaced(base, extra - 2 * over, &mut text);
                marks.push(Mark {
                    base: start..text.len(),
                    reading: reading.to_string(),
                });
            }
            RubyMode::Inline if is_emphasis(reading) => glued(base, &mut text),
            RubyMode::Inline | RubyMode::Side => {
                glued(base, &mut text);
                text.push(JOINER);
                text.push('（');
                text.push_str(reading);
                text.push('）');
            }
            RubyMode::Off => glued(base, &mut text),
        }
        at = r.whole.end;
    }
    text.push_str(&s[at..]);
    Some(Shaped { text, marks })
}

/// Hiragana or katakana (not `ー` or `・`): what a reading may overhang.
fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}')
}

/// The base with a joiner between its characters.
fn glued(base: &str, out: &mut String) {
    for (i, c) in base.chars().enumerate() {
        if i > 0 {
            out.push(JOINER);
        }
        out.push(c);
    }
}

/// The base spaced out by `extra` cells: between its characters, evenly,
/// the odd cells at the ends; around a single character, half each side.
fn spaced(base: &str, extra: usize, out: &mut String) {
    let n = base.chars().count();
    let fill = |k: usize, out: &mut String| out.extend(std::iter::repeat_n(FILL, k));
    if n < 2 {
        fill(extra / 2, out);
        out.push_str(base);
        fill(extra - extra / 2, out);
        return;
    }
    let gap = extra / (n - 1);
    let rest = extra % (n - 1);
    fill(rest / 2, out);
    for (i, c) in base.chars().enumerate() {
        if i > 0 {
            out.push(JOINER);
            fill(gap, out);
        }
        out.push(c);
    }
    fill(rest - rest / 2, out);
}

/// A shaped text as it is shown: joiners dropped, fill as spaces.
pub fn shown(s: &str) -> String {
    s.chars()
        .filter(|&c| c != JOINER)
        .map(|c| if c == FILL { ' ' } else { c })
        .collect()
}

/// What `yomu check` warns about in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A `《` with no `》` after it on its line.
    Unclosed,
    /// `《》` with nothing inside.
    Empty,
    /// A `｜` that no ruby follows.
    StrayBar,
}

impl Problem {
    /// The message and the hint.
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            Problem::Unclosed => (t(Msg::CliRubyUnclosed), t(Msg::CliRubyUnclosedHint)),
            Problem::Empty => (t(Msg::CliRubyEmpty), t(Msg::CliRubyEmptyHint)),
            Problem::StrayBar => (t(Msg::CliRubyStrayBar), t(Msg::CliRubyStrayBarHint)),
        }
    }
}

/// Every problem of the notation in `s`, as `(byte offset, problem)` in
/// order. Linear in the text, like [`parse`].
pub fn problems(s: &str) -> Vec<(usize, Problem)> {
    let mut out = Vec::new();
    if !s.contains(OPEN) && !s.contains(BAR) {
        return out;
    }
    let rubies = parse(s);
    let mut k = 0;
    let mut line_start = 0;
    for line in s.split('\n') {
        // A `《` after the line's last `》` is never closed.
        let last_close = line.rfind(CLOSE).map(|c| line_start + c);
        for (j, c) in line.char_indices() {
            let i = line_start + j;
            if c != OPEN && c != BAR {
                continue;
            }
            while rubies.get(k).is_some_and(|r| r.whole.end <= i) {
                k += 1;
            }
            let ruby = rubies.get(k).filter(|r| r.whole.start <= i);
            match c {
                BAR if ruby.is_none_or(|r| r.whole.start != i) => out.push((i, Problem::StrayBar)),
                OPEN if ruby.is_none() => {
                    if s[i + OPEN.len_utf8()..].starts_with(CLOSE) {
                        out.push((i, Problem::Empty));
                    } else if last_close.is_none_or(|lc| lc < i) {
                        out.push((i, Problem::Unclosed));
                    }
                }
                _ => {}
            }
        }
        line_start += line.len() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bases(s: &str) -> Vec<(&str, &str)> {
        parse(s)
            .into_iter()
            .map(|r| (&s[r.base], &s[r.reading]))
            .collect()
    }

    #[test]
    fn finds_the_base_and_the_reading() {
        assert_eq!(bases("漢字《かんじ》を読む"), [("漢字", "かんじ")]);
        assert_eq!(bases("この漢字《かんじ》"), [("漢字", "かんじ")]);
        assert_eq!(
            bases("｜東京駅《とうきょうえき》"),
            [("東京駅", "とうきょうえき")]
        );
        assert_eq!(
            bases("あの｜ゼレ大統領《ぜれんすきー》"),
            [("ゼレ大統領", "ぜれんすきー")]
        );
        assert_eq!(
            bases("佐々木《ささき》と三ヶ月《さんかげつ》"),
            [("佐々木", "ささき"), ("三ヶ月", "さんかげつ")]
        );
        assert_eq!(bases("〆切《しめきり》"), [("〆切", "しめきり")]);
        assert_eq!(bases("ロシア《ロシア・ー》"), []);
        assert_eq!(bases("露《ロシア・ー》"), [("露", "ロシア・ー")]);
        // Two in a row: the second base starts after the first ruby.
        assert_eq!(
            bases("日本《にほん》語《ご》"),
            [("日本", "にほん"), ("語", "ご")]
        );
    }

    #[test]
    fn what_stays_text() {
        assert_eq!(bases("本《書名》"), []);
        assert_eq!(bases("本《》"), []);
        assert_eq!(bases("《ほん》"), []);
        assert_eq!(bases("かな《かな》"), []);
        assert_eq!(bases("本《ほん"), []);
        assert_eq!(bases("本\n《ほん》"), []);
        assert_eq!(bases("本《ほ\nん》"), []);
        assert_eq!(bases("｜《ほん》"), []);
        assert_eq!(bases(&format!("本《{}》", "あ".repeat(21))), []);
        assert_eq!(bases(&format!("本《{}》", "あ".repeat(20))).len(), 1);
    }

    #[test]
    fn the_forms() {
        let s = "｜東京《とうきょう》の空《そら》、《書名》";
        assert_eq!(inline(s), "東京（とうきょう）の空（そら）、《書名》");
        assert_eq!(plain(s), "東京の空、《書名》");
        assert_eq!(
            segments("a漢字《かんじ》b"),
            [
                Segment::Text("a"),
                Segment::Ruby {
                    base: "漢字",
                    reading: "かんじ"
                },
                Segment::Text("b")
            ]
        );
    }

    #[test]
    fn shaping_glues_and_spaces_out() {
        let w = WidthOptions::default();
        let sh = shape("漢字《かんじ》だ", RubyMode::Above, w).unwrap();
        assert_eq!(shown(&sh.text), "漢  字だ");
        assert_eq!(sh.marks.len(), 1);
        assert_eq!(shown(&sh.text[sh.marks[0].base.clone()]), "漢  字");
        let sh = shape("東《ひがし》", RubyMode::Above, w).unwrap();
        assert_eq!(shown(&sh.text), "  東  ");
        let sh = shape("東京《とう》", RubyMode::Above, w).unwrap();
        assert_eq!(sh.text, "東\u{2060}京");
        let sh = shape("漢字《かんじ》", RubyMode::Inline, w).unwrap();
        assert_eq!(shown(&sh.text), "漢字（かんじ）");
        assert!(sh.marks.is_empty());
        assert_eq!(
            shown(&shape("漢字《かんじ》", RubyMode::Off, w).unwrap().text),
            "漢字"
        );
        assert_eq!(shape("なし", RubyMode::Above, w), None);
    }

    #[test]
    fn hostile_text_stays_fast() {
        // Quadratic scanning would take minutes on these.
        for unit in ["《", "｜", "漢《", "｜あ《かな", "《》"] {
            let s = unit.repeat(50_000);
            let _ = parse(&s);
            assert!(!problems(&s).is_empty());
        }
        let s = "漢字《かんじ》".repeat(50_000);
        assert_eq!(parse(&s).len(), 50_000);
        assert!(problems(&s).is_empty());
    }

    #[test]
    fn problems_for_check() {
        assert_eq!(problems("漢字《かんじ》"), []);
        assert_eq!(problems("漢字《かんじ"), [(6, Problem::Unclosed)]);
        assert_eq!(problems("漢字《》"), [(6, Problem::Empty)]);
        assert_eq!(problems("｜あいう"), [(0, Problem::StrayBar)]);
        assert_eq!(problems("｜東京《とうきょう》"), []);
        assert_eq!(
            problems("a｜b｜東京《とうきょう》"),
            [(1, Problem::StrayBar)]
        );
        // A book title in 《》 is fine text.
        assert_eq!(problems("本《書名》"), []);
    }
}
