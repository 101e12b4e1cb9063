//! Aozora Bunko's editor's notes (`［＃…］`) in text fields (format 1.2).
//!
//! Works typed for Aozora Bunko carry notes for what plain text cannot
//! say; format 1.2 reads the common ones, so an imported work (and any
//! briefing) shows what the note means instead of the note:
//!
//! - **emphasis**: `なもし［＃「なもし」に傍点］` (and `白ゴマ傍点`, `丸傍点`,
//!   … `傍線`, `波線`, …), or `［＃傍点］…［＃傍点終わり］` around the text:
//!   the text gets a mark per character, drawn where readings are
//!   ([`crate::text::ruby`]: the emphasis is a reading made of marks);
//! - **indents** at the start of a field's text: `［＃３字下げ］` (three
//!   characters in), `［＃地付き］` (flush with the end of the line),
//!   `［＃地から１字上げ］` (one character short of it); a block,
//!   `［＃ここから２字下げ］` … `［＃ここで字下げ終わり］`, indents the
//!   paragraphs from the one it opens in to the one it closes in;
//! - **gaiji** (characters outside JIS X 0208): `※［＃「目＋匡」、第3水準1-88-81］`
//!   is the character of JIS X 0213 plane 1, row 88, cell 81 (眶), and
//!   `※［＃「…」、U+5F41、…］` the code point; the mapping table is the
//!   `aozora` crate's. A description nothing resolves is shown as `〓`,
//!   and its description is kept for the reader's list. A reading right
//!   after a gaiji (`※［＃…］《ね》`) belongs to it.
//!
//! Headings (`見出し`), page breaks and the editor's remarks on the source
//! (`ママ`, `底本では…`) need nothing drawn and are left out; any other
//! note is left out too, and `yomu check` warns about it ([`problems`]).
//! No terminal code.

use crate::i18n::{Msg, t, tf};
use std::borrow::Cow;

use crate::text::ruby::{BAR, is_kanji};

const OPEN: &str = "［＃";
const CLOSE: char = '］';
const GAIJI: char = '※';
/// Shown for a gaiji that cannot be resolved (the geta mark).
pub const GETA: char = '〓';
/// The longest note read, in bytes: a longer one is text.
const MAX_NOTE: usize = 512;

/// Where a paragraph starts or ends on its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Indent {
    #[default]
    None,
    /// Every line starts this many characters (two cells each) in.
    Start(usize),
    /// The text ends this many characters before the end of the line
    /// (`地付き` is 0).
    End(usize),
}

/// A text with its notes applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied<'a> {
    pub text: Cow<'a, str>,
    pub indent: Indent,
    /// Descriptions of gaiji shown as [`GETA`], in order.
    pub unresolved: Vec<String>,
    /// A block indent opened here (`ここから２字下げ`): it holds for the
    /// paragraphs after this one too, until one with [`Applied::block_end`].
    pub block: Option<Indent>,
    /// The block indent closes here (`ここで字下げ終わり`).
    pub block_end: bool,
}

/// Whether `s` may hold notes (a cheap test before [`apply`]).
pub fn may_have_notes(s: &str) -> bool {
    s.contains(OPEN)
}

/// The kinds of emphasis, and the mark drawn for each character.
pub const EMPHASIS: &[(&str, char)] = &[
    ("傍点", '﹅'),
    ("白ゴマ傍点", '﹆'),
    ("丸傍点", '●'),
    ("白丸傍点", '○'),
    ("黒三角傍点", '▲'),
    ("白三角傍点", '△'),
    ("二重丸傍点", '◎'),
    ("蛇の目傍点", '◉'),
    ("ばつ傍点", '×'),
    ("傍線", '＿'),
    ("二重傍線", '＝'),
    ("鎖線", '﹍'),
    ("破線", '﹉'),
    ("波線", '﹏'),
];

/// Whether `c` is one of the emphasis marks of [`EMPHASIS`].
pub fn is_mark(c: char) -> bool {
    EMPHASIS.iter().any(|&(_, m)| m == c)
}

/// The mark of an emphasis kind (`傍点`, `白ゴマ傍点`, …; `の左に` forms too).
fn mark_of(kind: &str) -> Option<char> {
    EMPHASIS.iter().find(|&&(k, _)| k == kind).map(|&(_, m)| m)
}

/// What one note is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Note<'a> {
    /// `「X」に傍点`: emphasis on the text just before.
    EmphasisOn {
        target: &'a str,
        mark: char,
    },
    /// `傍点` … `傍点終わり`.
    EmphasisStart(char),
    EmphasisEnd(char),
    Indent(Indent),
    /// `ここから２字下げ`: this paragraph and the next ones.
    BlockIndent(Indent),
    /// `ここで字下げ終わり` (or `地付き`, `字上げ`).
    BlockEnd,
    /// Known, nothing to draw.
    Silent,
    Unknown,
}

/// Digits in ASCII, fullwidth or kanji (`３`, `12`, `十二`).
fn number(s: &str) -> Option<usize> {
    if s.is_empty() {
        return None;
    }
    let ascii: String = s
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    if let Ok(n) = ascii.parse::<usize>() {
        return Some(n);
    }
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c);
    let mut total = 0;
    let mut cur = None;
    for c in s.chars() {
        if c == '十' {
            total += cur.unwrap_or(1) * 10;
            cur = None;
        } else {
            cur = Some(digit(c)?);
        }
    }
    Some(total + cur.unwrap_or(0))
}

fn classify(inner: &str) -> Note<'_> {
    if let Some(rest) = inner.strip_prefix('「')
        && let Some((target, what)) = rest.split_once("」に")
        && let Some(mark) = mark_of(what).or_else(|| what.strip_prefix("左に").and_then(mark_of))
    {
        return Note::EmphasisOn { target, mark };
    }
    if let Some(rest) = inner.strip_prefix('「')
        && let Some((target, what)) = rest.split_once("」の左に")
        && let Some(mark) = mark_of(what)
    {
        return Note::EmphasisOn { target, mark };
    }
    if let Some(m) = mark_of(inner) {
        return Note::EmphasisStart(m);
    }
    if let Some(m) = inner.strip_suffix("終わり").and_then(mark_of) {
        return Note::EmphasisEnd(m);
    }
    if let Some(end) = inner
        .strip_prefix("ここで")
        .and_then(|r| r.strip_suffix("終わり"))
        && (end.ends_with("字下げ") || end == "地付き" || end.ends_with("字上げ"))
    {
        return Note::BlockEnd;
    }
    let (block, body) = match inner.strip_prefix("ここから") {
        // `ここから２字下げ、折り返して３字下げ`: the first indent is read.
        Some(b) => (true, b.split('、').next().unwrap_or(b)),
        None => (false, inner),
    };
    let ind = if let Some(n) = body.strip_suffix("字下げ").and_then(number) {
        Some(Indent::Start(n))
    } else if body == "地付き" {
        Some(Indent::End(0))
    } else {
        body.strip_prefix("地から")
            .and_then(|b| b.strip_suffix("字上げ"))
            .and_then(number)
            .map(Indent::End)
    };
    match (ind, block) {
        (Some(i), true) => return Note::BlockIndent(i),
        (Some(i), false) => return Note::Indent(i),
        (None, _) => {}
    }
    const SILENT: &[&str] = &[
        "見出し",
        "改ページ",
        "改丁",
        "改段",
        "改見開き",
        "ママ",
        "底本では",
        "終わり",
        "縦中横",
        "ページの左右中央",
        "字詰め",
        "注記",
        "太字",
        "斜体",
    ];
    if SILENT.iter().any(|k| inner.contains(k)) {
        return Note::Silent;
    }
    Note::Unknown
}

/// The end of the note starting at byte `at` (its `］`, nested `［…］` of
/// gaiji inside a quoted target skipped), within [`MAX_NOTE`] bytes.
fn note_end(s: &str, at: usize) -> Option<usize> {
    let mut depth = 0usize;
    let limit = (at + MAX_NOTE).min(s.len());
    for (k, c) in s[at..].char_indices() {
        if at + k >= limit || c == '\n' {
            return None;
        }
        match c {
            '［' => depth += 1,
            CLOSE => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(at + k);
                }
            }
            _ => {}
        }
    }
    None
}

/// What a gaiji note stands for: the character, or `None`.
pub fn resolve_gaiji(inner: &str) -> Option<String> {
    let (desc, rest) = match inner.strip_prefix('「') {
        Some(r) => match r.split_once('」') {
            Some((d, rest)) => (d, rest),
            None => (r, ""),
        },
        None => match inner.split_once('、') {
            Some((d, rest)) => (d, rest),
            None => (inner, ""),
        },
    };
    rest.split('、')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .find_map(|p| aozora::resolve_gaiji(Some(p), desc))
        .or_else(|| aozora::resolve_gaiji(None, desc))
        .filter(|r| !r.is_empty() && r.chars().all(|c| !c.is_control()))
}

/// The description of a gaiji note (`「目＋匡」、第3水準1-88-81` → `目＋匡`).
fn gaiji_description(inner: &str) -> &str {
    match inner.strip_prefix('「') {
        Some(r) => r.split_once('」').map_or(r, |(d, _)| d),
        None => inner.split_once('、').map_or(inner, |(d, _)| d),
    }
}

/// `s` with its notes applied (see the module's documentation).
pub fn apply(s: &str) -> Applied<'_> {
    if !may_have_notes(s) {
        return Applied {
            text: Cow::Borrowed(s),
            indent: Indent::None,
            unresolved: Vec::new(),
            block: None,
            block_end: false,
        };
    }
    let mut out = String::with_capacity(s.len());
    let mut indent = Indent::None;
    let mut unresolved = Vec::new();
    // Where an open `［＃傍点］` started in `out`, and its mark.
    let mut open: Option<(usize, char)> = None;
    // Whether text came before the current note (indents apply only at the start).
    let mut seen_text = false;
    let (mut block, mut block_end) = (None, false);
    let mut i = 0;
    while let Some(rel) = s[i..].find(OPEN) {
        let at = i + rel;
        let Some(end) = note_end(s, at) else {
            out.push_str(&s[i..at + OPEN.len()]);
            i = at + OPEN.len();
            continue;
        };
        let inner = &s[at + OPEN.len()..end];
        let after = end + CLOSE.len_utf8();
        let before = &s[i..at];
        if let Some(text) = before.strip_suffix(GAIJI) {
            out.push_str(text);
            seen_text = true;
            let c = match resolve_gaiji(inner) {
                Some(c) => c,
                None => {
                    unresolved.push(gaiji_description(inner).to_string());
                    GETA.to_string()
                }
            };
            // A reading after it is its own: mark the base when the
            // character would not start one by itself.
            if s[after..].starts_with('《') && !c.chars().all(is_kanji) && !out.ends_with(BAR) {
                out.push(BAR);
            }
            out.push_str(&c);
            i = after;
            continue;
        }
        out.push_str(before);
        seen_text |= !before.trim_matches(|c: char| c.is_whitespace()).is_empty();
        let leading = !seen_text;
        match classify(inner) {
            Note::EmphasisOn { target, mark } => emphasise_end(&mut out, target, mark),
            Note::EmphasisStart(m) => open = Some((out.len(), m)),
            Note::EmphasisEnd(m) => {
                if let Some((from, om)) = open.take()
                    && om == m
                {
                    let target = out[from..].to_string();
                    emphasise_end(&mut out, &target, m);
                }
            }
            Note::Indent(ind) if leading && indent == Indent::None => indent = ind,
            Note::BlockIndent(ind) => {
                block = Some(ind);
                if leading && indent == Indent::None {
                    indent = ind;
                }
            }
            Note::BlockEnd => block_end = true,
            Note::Indent(_) | Note::Silent | Note::Unknown => {}
        }
        i = after;
    }
    out.push_str(&s[i..]);
    Applied {
        text: Cow::Owned(out),
        indent,
        unresolved,
        block,
        block_end,
    }
}

/// Mark the `target` that `out` ends with as emphasised (as a ruby of
/// marks); nothing when it does not end with it or holds ruby itself.
fn emphasise_end(out: &mut String, target: &str, mark: char) {
    if target.is_empty()
        || !out.ends_with(target)
        || target.contains(['《', '》', BAR, '\n'])
        || target.chars().count() > crate::text::ruby::MAX_MARKS
    {
        return;
    }
    let from = out.len() - target.len();
    let n = target.chars().count();
    out.truncate(from);
    out.push(BAR);
    out.push_str(target);
    out.push('《');
    out.extend(std::iter::repeat_n(mark, n));
    out.push('》');
}

/// What `yomu check` warns about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A note format 1.2 does not read: left out.
    Unknown(String),
    /// A gaiji nothing resolves: shown as 〓.
    Unresolved(String),
    /// An emphasis note whose text is not just before it.
    TargetMissing(String),
}

impl Problem {
    /// The message and the hint.
    pub fn describe(&self) -> (String, String) {
        match self {
            Problem::Unknown(n) => (
                tf(Msg::CliNoteUnknown, &[n]),
                t(Msg::CliNoteUnknownHint).to_string(),
            ),
            Problem::Unresolved(d) => (
                tf(Msg::CliNoteUnresolved, &[d]),
                t(Msg::CliNoteUnresolvedHint).to_string(),
            ),
            Problem::TargetMissing(text) => (
                tf(Msg::CliNoteTargetMissing, &[text]),
                t(Msg::CliNoteTargetMissingHint).to_string(),
            ),
        }
    }
}

/// Every problem of the notes in `s`, as `(byte offset of the note, problem)`.
pub fn problems(s: &str) -> Vec<(usize, Problem)> {
    let mut out = Vec::new();
    if !may_have_notes(s) {
        return out;
    }
    let mut i = 0;
    while let Some(rel) = s[i..].find(OPEN) {
        let at = i + rel;
        let Some(end) = note_end(s, at) else {
            i = at + OPEN.len();
            continue;
        };
        let inner = &s[at + OPEN.len()..end];
        if s[..at].ends_with(GAIJI) {
            if resolve_gaiji(inner).is_none() {
                out.push((
                    at - GAIJI.len_utf8(),
                    Problem::Unresolved(gaiji_description(inner).to_string()),
                ));
            }
        } else {
            match classify(inner) {
                Note::Unknown => out.push((at, Problem::Unknown(inner.to_string()))),
                Note::EmphasisOn { target, .. } => {
                    // The text just before, readings dropped (a bounded tail).
                    let mut from = at.saturating_sub(target.len() * 4 + 64);
                    while !s.is_char_boundary(from) {
                        from += 1;
                    }
                    let plain_before = crate::text::ruby::plain(&s[from..at]);
                    if !plain_before.ends_with(target) {
                        out.push((at, Problem::TargetMissing(target.to_string())));
                    }
                }
                _ => {}
            }
        }
        i = end + CLOSE.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        apply(s).text.into_owned()
    }

    #[test]
    fn emphasis_becomes_a_ruby_of_marks() {
        assert_eq!(
            text("なもし［＃「なもし」に傍点］だ"),
            "｜なもし《﹅﹅﹅》だ"
        );
        assert_eq!(text("山［＃「山」に白丸傍点］"), "｜山《○》");
        assert_eq!(
            text("［＃傍線］線の文［＃傍線終わり］"),
            "｜線の文《＿＿＿》"
        );
        // Not the text before: left out, text kept.
        assert_eq!(text("ほか［＃「なもし」に傍点］"), "ほか");
    }

    #[test]
    fn indents_at_the_start() {
        let a = apply("［＃３字下げ］本文");
        assert_eq!((a.text.as_ref(), a.indent), ("本文", Indent::Start(3)));
        assert_eq!(apply("［＃地付き］署名").indent, Indent::End(0));
        assert_eq!(
            apply("［＃地から１字上げ］（大正四年九月）").indent,
            Indent::End(1)
        );
        assert_eq!(apply("［＃ここから十二字下げ］x").indent, Indent::Start(12));
        // Not at the start: no indent.
        assert_eq!(apply("本文［＃３字下げ］").indent, Indent::None);
    }

    #[test]
    fn gaiji_resolve_and_keep_their_reading() {
        assert_eq!(
            text("※［＃「目＋匡」、第3水準1-88-81］《まぶた》"),
            "眶《まぶた》"
        );
        assert_eq!(
            text("そこへ※［＃「てへん＋丑」、第4水準2-12-93］《ね》じ"),
            "そこへ扭《ね》じ"
        );
        assert_eq!(text("※［＃「弓＋可」、U+5F41、123-4］"), "彁");
        let a = apply("※［＃「謎の字」］《なぞ》だ");
        assert_eq!(a.text, "｜〓《なぞ》だ");
        assert_eq!(a.unresolved, ["謎の字"]);
        // The reading attaches to the gaiji alone after kana.
        let r = crate::text::ruby::parse(&a.text);
        assert_eq!(&a.text[r[0].base.clone()], "〓");
        // A note without ※ is not a gaiji; an unclosed one is text.
        assert_eq!(text("※印"), "※印");
        assert_eq!(text("［＃閉じない"), "［＃閉じない");
    }

    #[test]
    fn silent_and_unknown_notes_are_left_out() {
        assert_eq!(text("一［＃「一」は中見出し］"), "一");
        assert_eq!(text("a［＃改ページ］b［＃謎の指示］c［＃］"), "abc");
        assert_eq!(
            problems(
                "a［＃謎の指示］※［＃「謎の字」］ほか［＃「なもし」に傍点］なもし［＃「なもし」に傍点］"
            ),
            [
                (1, Problem::Unknown("謎の指示".into())),
                (22, Problem::Unresolved("謎の字".into())),
                (55, Problem::TargetMissing("なもし".into())),
            ]
        );
    }

    #[test]
    fn kanji_numbers() {
        assert_eq!(number("十二"), Some(12));
        assert_eq!(number("二十"), Some(20));
        assert_eq!(number("３"), Some(3));
        assert_eq!(number("x"), None);
    }

    #[test]
    fn hostile_text_stays_fast() {
        for unit in ["［＃", "※［＃", "［＃［＃］", "［＃「あ」に傍点］"] {
            let s = unit.repeat(50_000);
            let _ = apply(&s);
            let _ = problems(&s);
        }
    }
}
