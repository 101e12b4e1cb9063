//! Aozora Bunko text files (青空文庫) turned into a briefing.
//!
//! Aozora Bunko publishes public-domain Japanese literature as plain text
//! in a notation of its own: a head (the title, an optional subtitle, the
//! author, then a blank line), a legend that explains the notation between
//! two lines of dashes, the work itself with ruby (`漢字《かんじ》`,
//! `｜丹塗《にぬり》`) and editor's notes in `［＃…］`, and a colophon that
//! starts with `底本：` (the printed edition it was typed from, who typed and
//! proofread it, when it was published). Files are Shift_JIS (Windows-31J)
//! with CRLF line ends; UTF-8 copies are common too.
//!
//! The briefing keeps the work's text as written: ruby is yomu's own
//! furigana notation already, and the notes that format 1.2 interprets
//! (emphasis, indents, gaiji; [`crate::text::notes`]) stay in the text for
//! the reader and the exports to draw. What is structure here becomes
//! structure there: the title and author are the cover (the author as the
//! subtitle), chapters become sections (headings marked with a `見出し`
//! note, or, without any, lines that are only a chapter number such as
//! `一` or `第二章`), each line of the work is a paragraph, a block indent
//! (`［＃ここから２字下げ］` … `［＃ここで字下げ終わり］`) is written as a line
//! indent on each paragraph inside it, and the colophon is the last
//! section. The date the file was published on Aozora Bunko (`…公開`)
//! becomes `published`.
//!
//! The text goes through the same sanitising as any imported text, and
//! the TOML written is checked by the briefing loader, like a feed's.

use super::{FeedError, import};
use crate::briefing::{Briefing, Section, Source};

/// The heading of the colophon's section.
pub const COLOPHON: &str = "底本";

/// The line that opens the colophon.
const COLOPHON_START: &str = "底本：";

/// The legend's title line, in every file made with Aozora Bunko's tools.
const LEGEND_TITLE: &str = "【テキスト中に現れる記号について】";

/// Whether `bytes` look like an Aozora Bunko text file: not markup, and
/// with the notation legend or a `底本：` colophon line.
pub fn looks_like(bytes: &[u8]) -> bool {
    let text = decode(bytes);
    let start = text.trim_start();
    if start.starts_with('<') || start.starts_with('{') {
        return false;
    }
    text.contains(LEGEND_TITLE) || text.lines().any(|l| l.starts_with(COLOPHON_START))
}

/// The file's text: UTF-8 when it is valid UTF-8 (a BOM is dropped), else
/// Shift_JIS as Windows writes it (Windows-31J, which Aozora Bunko uses).
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::SHIFT_JIS
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// A work read from its text: the parts a briefing is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Work {
    pub title: String,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    /// The chapters: a heading (`None` for text before the first one) and
    /// its paragraphs.
    pub chapters: Vec<(Option<String>, Vec<String>)>,
    /// The colophon's lines, continuation lines joined to theirs.
    pub colophon: Vec<String>,
    /// When the file was published on Aozora Bunko: `(year, month, day)`.
    pub published: Option<(u16, u8, u8)>,
}

/// Read a work from its text.
pub fn parse(text: &str) -> Work {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.lines().collect();
    // The head: the lines before the first blank one.
    let head_end = lines
        .iter()
        .position(|l| l.trim().is_empty())
        .unwrap_or(lines.len());
    let head: Vec<String> = lines[..head_end]
        .iter()
        .map(|l| l.trim().to_string())
        .collect();
    let (title, subtitle, author) = match head.as_slice() {
        [] => (String::new(), None, None),
        [t] => (t.clone(), None, None),
        [t, a] => (t.clone(), None, Some(a.clone())),
        [t, mid @ .., a] => (t.clone(), Some(mid.join(" ")), Some(a.clone())),
    };
    let mut at = head_end;
    while at < lines.len() && lines[at].trim().is_empty() {
        at += 1;
    }
    // The legend, between two rules of dashes.
    if lines.get(at).is_some_and(|l| is_rule(l))
        && let Some(end) = lines[at + 1..].iter().position(|l| is_rule(l))
    {
        at += end + 2;
    }
    let colophon_at = lines
        .iter()
        .enumerate()
        .skip(at)
        .filter(|(_, l)| l.starts_with(COLOPHON_START))
        .map(|(i, _)| i)
        .next()
        .unwrap_or(lines.len());
    let chapters = chapters(&lines[at..colophon_at]);
    let mut colophon: Vec<String> = Vec::new();
    for l in &lines[colophon_at..] {
        if l.trim().is_empty() {
            continue;
        }
        match colophon.last_mut() {
            // An indented line continues the line before (`　　　1997年…`).
            Some(last) if l.starts_with('　') || l.starts_with(' ') => {
                last.push('\n');
                last.push_str(l.trim());
            }
            _ => colophon.push(l.trim().to_string()),
        }
    }
    let published = colophon.iter().find_map(|l| published_on(l));
    Work {
        title,
        subtitle,
        author,
        chapters,
        colophon,
        published,
    }
}

/// A line of dashes (the legend's rules).
fn is_rule(l: &str) -> bool {
    let t = l.trim();
    t.len() >= 10 && t.chars().all(|c| c == '-' || c == '－')
}

/// How a heading line is marked.
enum HeadingStyle {
    /// Lines with a `見出し` note.
    Noted,
    /// Lines that are only a chapter number.
    Numbered,
    /// No headings: one chapter.
    None,
}

/// The body's lines as chapters of paragraphs.
fn chapters(lines: &[&str]) -> Vec<(Option<String>, Vec<String>)> {
    let style = if lines.iter().any(|l| heading_note(l).is_some()) {
        HeadingStyle::Noted
    } else if lines.iter().filter(|l| is_number_line(l)).count() >= 2 {
        HeadingStyle::Numbered
    } else {
        HeadingStyle::None
    };
    let mut out: Vec<(Option<String>, Vec<String>)> = vec![(None, Vec::new())];
    // A block indent's note (`［＃２字下げ］`), while one is open.
    let mut block: Option<String> = None;
    for raw in lines {
        let line = raw.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        if let Some(n) = block_start(line) {
            block = Some(n);
            continue;
        }
        if is_block_end(line) {
            block = None;
            continue;
        }
        let heading = match style {
            HeadingStyle::Noted => heading_note(line),
            HeadingStyle::Numbered => is_number_line(line).then(|| without_indent(line)),
            HeadingStyle::None => None,
        };
        if let Some(h) = heading {
            out.push((Some(h), Vec::new()));
            continue;
        }
        let para = match &block {
            Some(note) if !line.starts_with("［＃") => format!("{note}{line}"),
            _ => line.to_string(),
        };
        if let Some(last) = out.last_mut() {
            last.1.push(para);
        }
    }
    out.retain(|(h, body)| h.is_some() || !body.is_empty());
    out
}

/// The heading a line holds when it has a `見出し` note: the line without
/// its notes (`［＃３字下げ］一、午后《ごご》の授業［＃「一、午后の授業」は中見出し］`
/// is `一、午后《ごご》の授業`), or the text between `［＃中見出し］` and
/// `［＃中見出し終わり］`.
fn heading_note(line: &str) -> Option<String> {
    let is_heading = ["大見出し", "中見出し", "小見出し"]
        .iter()
        .any(|k| line.contains(&format!("」は{k}］")) || line.contains(&format!("［＃{k}］")));
    if !is_heading {
        return None;
    }
    let h = strip_notes(line).trim().to_string();
    (!h.is_empty()).then_some(h)
}

/// `line` without its `［＃…］` notes, gaiji notes (after `※`) kept.
fn strip_notes(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find("［＃") {
        let keep = rest[..i].ends_with('※');
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        match after.find('］') {
            Some(e) => {
                if keep {
                    out.push_str(&after[..e + '］'.len_utf8()]);
                }
                rest = &after[e + '］'.len_utf8()..];
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A line without its leading indent notes and spaces.
fn without_indent(line: &str) -> String {
    strip_notes(line)
        .trim_matches(|c: char| c.is_whitespace())
        .to_string()
}

/// A line that is only a chapter number: `一`, `十二`, `（三）`, `第四章`,
/// `5`, `Ⅵ`.
fn is_number_line(line: &str) -> bool {
    let t = without_indent(line);
    let t = t
        .trim_start_matches(['（', '(', '［', '第'])
        .trim_end_matches(['）', ')', '］', '章', '節', '回', '話']);
    let n = t.chars().count();
    (1..=4).contains(&n)
        && t.chars().all(|c| {
            "一二三四五六七八九十百〇零".contains(c)
                || c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || ('Ⅰ'..='Ⅻ').contains(&c)
        })
}

/// The line note a block indent's opening stands for
/// (`［＃ここから２字下げ］` → `［＃２字下げ］`), when `line` is one.
fn block_start(line: &str) -> Option<String> {
    let t = line.trim();
    let inner = t.strip_prefix("［＃ここから")?.strip_suffix('］')?;
    if inner.contains('［') || inner.contains('］') {
        return None;
    }
    // `ここから２字下げ、折り返して３字下げ`: the first indent is kept.
    let inner = inner.split('、').next().unwrap_or(inner);
    (inner.ends_with("字下げ") || inner == "地付き" || inner.ends_with("字上げ"))
        .then(|| format!("［＃{inner}］"))
}

/// The close of a block indent (`［＃ここで字下げ終わり］`, `［＃ここで地付き終わり］`).
fn is_block_end(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("［＃ここで") && t.ends_with("終わり］")
}

/// The date of `1997年10月29日公開`.
fn published_on(line: &str) -> Option<(u16, u8, u8)> {
    let t = line.trim().strip_suffix("公開")?;
    let (y, rest) = t.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let num = |s: &str| -> Option<u32> {
        let digits: String = s
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                c => c,
            })
            .collect();
        digits.parse().ok()
    };
    let (y, m, d) = (num(y)?, num(m)?, num(d)?);
    chrono::NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?;
    Some((
        u16::try_from(y).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
    ))
}

/// A section with a heading and paragraphs.
fn section(heading: String, body: Vec<String>, sources: Vec<Source>) -> Section {
    Section {
        body,
        sources,
        ..Section::new(heading)
    }
}

/// Sanitised text of one field.
fn clean(s: &str) -> String {
    crate::text::sanitize(s).trim_end().to_string()
}

/// The work as a briefing. `source` is the address it was fetched from.
pub fn briefing(work: &Work, source: Option<&str>) -> Result<Briefing, FeedError> {
    let title = clean(&work.title);
    if title.is_empty() || work.chapters.is_empty() {
        return Err(FeedError::NoWork);
    }
    let sources: Vec<Source> = source
        .filter(|s| crate::briefing::check_url(s).is_ok())
        .map(|url| Source {
            name: "青空文庫".to_string(),
            url: url.to_string(),
        })
        .into_iter()
        .collect();
    let mut sections: Vec<Section> = work
        .chapters
        .iter()
        .map(|(h, body)| {
            let heading = h.as_deref().map(clean).unwrap_or_else(|| title.clone());
            section(heading, body.iter().map(|p| clean(p)).collect(), Vec::new())
        })
        .collect();
    if !work.colophon.is_empty() {
        sections.push(section(
            COLOPHON.to_string(),
            work.colophon.iter().map(|l| clean(l)).collect(),
            sources,
        ));
    } else if let Some(first) = sections.first_mut() {
        first.sources = sources;
    }
    let subtitle = match (&work.subtitle, &work.author) {
        (Some(s), Some(a)) => Some(format!("{} {}", clean(s), clean(a))),
        (None, Some(a)) => Some(clean(a)),
        (Some(s), None) => Some(clean(s)),
        (None, None) => None,
    };
    let published = work
        .published
        .and_then(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}").parse().ok())
        .map(crate::briefing::Published);
    Ok(Briefing {
        title,
        subtitle,
        summary: None,
        published,
        language: Some("ja".to_string()),
        tags: vec!["青空文庫".to_string()],
        takeaways: Vec::new(),
        sections,
    })
}

/// An Aozora Bunko file's bytes as the TOML of a briefing, checked by the
/// loader (`yomu import`).
pub fn import(bytes: &[u8], source: Option<&str>) -> Result<String, FeedError> {
    let work = parse(&decode(bytes));
    import::checked(&import::to_toml(&briefing(&work, source)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "題名\r\n作者名\r\n\r\n-------------------------------------------------------\r\n【テキスト中に現れる記号について】\r\n\r\n《》：ルビ\r\n-------------------------------------------------------\r\n\r\n［＃３字下げ］一［＃「一」は中見出し］\r\n\r\n　ある日の暮方《くれがた》の事である。\r\n［＃ここから２字下げ］\r\n引用の行。\r\n［＃ここで字下げ終わり］\r\n［＃３字下げ］二［＃「二」は中見出し］\r\n　雨がふる。\r\n\r\n\r\n\r\n底本：「全集」出版社\r\n　　　1986（昭和61）年9月24日第1刷発行\r\n入力：誰か\r\n1997年10月29日公開\r\n";

    #[test]
    fn head_chapters_and_colophon() {
        let w = parse(SMALL);
        assert_eq!(w.title, "題名");
        assert_eq!(w.author.as_deref(), Some("作者名"));
        assert_eq!(
            w.chapters,
            [
                (
                    Some("一".to_string()),
                    vec![
                        "　ある日の暮方《くれがた》の事である。".to_string(),
                        "［＃２字下げ］引用の行。".to_string()
                    ]
                ),
                (Some("二".to_string()), vec!["　雨がふる。".to_string()]),
            ]
        );
        assert_eq!(
            w.colophon,
            [
                "底本：「全集」出版社\n1986（昭和61）年9月24日第1刷発行",
                "入力：誰か",
                "1997年10月29日公開"
            ]
        );
        assert_eq!(w.published, Some((1997, 10, 29)));
    }

    #[test]
    fn shift_jis_is_decoded_and_recognised() {
        let (sjis, _, bad) = encoding_rs::SHIFT_JIS.encode(SMALL);
        assert!(!bad);
        assert!(looks_like(&sjis));
        assert_eq!(decode(&sjis), SMALL);
        let toml = import(&sjis, None).unwrap();
        let b = crate::briefing::parse_str("x.toml", &toml)
            .unwrap()
            .briefing;
        assert_eq!(b.title, "題名");
        assert_eq!(b.subtitle.as_deref(), Some("作者名"));
        assert_eq!(b.sections.len(), 3);
        assert_eq!(b.sections[2].heading, COLOPHON);
        assert_eq!(
            b.published.map(|p| p.rfc3339()).as_deref(),
            Some("1997-10-29")
        );
    }

    #[test]
    fn feeds_and_plain_text_are_not_aozora() {
        assert!(!looks_like(
            b"<rss><channel><title>x</title></channel></rss>"
        ));
        assert!(!looks_like("{\"version\":\"底本：\"}".as_bytes()));
        assert!(!looks_like("ただの文章。\n".as_bytes()));
        assert!(!looks_like(&[0xff, 0xfe, 0x00]));
    }

    #[test]
    fn numbered_chapters_without_notes() {
        let w = parse("題\n著者\n\n一\n　本文。\n二\n　続き。\n");
        let heads: Vec<_> = w.chapters.iter().map(|c| c.0.clone()).collect();
        assert_eq!(heads, [Some("一".to_string()), Some("二".to_string())]);
        // A single chapter without headings is titled by the work.
        let w = parse("題\n著者\n\n　本文だけ。\n");
        assert_eq!(w.chapters, [(None, vec!["　本文だけ。".to_string()])]);
        let b = briefing(&w, Some("https://www.aozora.gr.jp/x.html")).unwrap();
        assert_eq!(b.sections[0].heading, "題");
        assert_eq!(b.sections[0].sources[0].name, "青空文庫");
    }

    #[test]
    fn hostile_input_is_an_error_or_a_briefing() {
        for s in [
            "",
            "\n\n\n",
            "［＃",
            "題\n\n-----------\n",
            "底本：\n",
            "題\n\n［＃ここから２字下げ］\n",
        ] {
            let _ = import(s.as_bytes(), None);
        }
        assert_eq!(import(b"", None), Err(FeedError::NoWork));
    }
}
