//! A page's bytes made ready for the extractor: decoded to UTF-8, checked
//! to be HTML, and its `<ruby>` readings written in yomu's furigana
//! notation.
//!
//! Decoding follows the HTML standard's order: a byte-order mark, the HTTP
//! `charset`, else the page's own `<meta charset="…">` or `<meta
//! http-equiv="Content-Type" content="…; charset=…">` in its first 4 KiB;
//! the bytes themselves are then decoded by the feeds' decoder
//! ([`crate::feeds::encoding::decode`]), which also recognises undeclared
//! Shift_JIS and EUC-JP.
//!
//! Ruby: the extractor (like trafilatura) drops `<rt>` and `<rp>` with
//! their text and keeps only the base, so readings would be lost. Before
//! extraction each `<ruby>…</ruby>` is rewritten, in one linear pass over
//! the markup, as `｜base《reading》` (the notation of docs/format.md),
//! when the reading is 1 to 20 kana as the notation requires; otherwise
//! the base alone is kept. Text is left as HTML (entities unresolved) so
//! the rewrite never changes what the parser sees elsewhere.

use std::borrow::Cow;

/// How far into the page a `<meta charset>` is looked for.
const META_SCAN: usize = 4096;

/// The page's text as UTF-8.
pub fn decode(bytes: &[u8], http_charset: Option<&str>) -> String {
    let declared = http_charset
        .filter(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()).is_some())
        .map(str::to_string)
        .or_else(|| meta_charset(bytes));
    crate::feeds::encoding::decode(bytes, declared.as_deref()).text
}

/// The charset a `<meta>` in the first [`META_SCAN`] bytes declares.
pub fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(META_SCAN)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + at;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |n| start + n);
        let tag = &lower[start..end];
        if let Some(p) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[p + b"charset".len()..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
                let rest = rest.strip_prefix(b"'").unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|b| {
                        !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
                    })
                    .unwrap_or(rest.len());
                let label = std::str::from_utf8(&rest[..len]).ok()?;
                if encoding_rs::Encoding::for_label(label.as_bytes()).is_some() {
                    return Some(label.to_string());
                }
            }
        }
        from = end;
    }
    None
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    &b[n..]
}

/// Whether decoded text is HTML at all: markup near the start, and no NUL
/// (a binary file read as text).
pub fn looks_like_html(text: &str) -> bool {
    let head = &text[..floor_boundary(text, 8192)];
    !head.contains('\0') && head.contains('<') && head.contains('>')
}

fn floor_boundary(s: &str, mut at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether a page is in Japanese: its `<html lang>` says so, or, when it
/// names no language, kana appear in its first 64 KiB (Chinese and Korean
/// pages have none).
pub fn is_japanese(html: &str) -> bool {
    let head = &html[..floor_boundary(html, 64 * 1024)];
    let lower_at = head.find("<html").or_else(|| head.find("<HTML"));
    if let Some(at) = lower_at {
        let tag_end = head[at..].find('>').map_or(head.len(), |n| at + n);
        let tag = head[at..tag_end].to_ascii_lowercase();
        if let Some(p) = tag.find("lang=") {
            let v = tag[p + 5..].trim_start_matches(['"', '\'']);
            return v.starts_with("ja") || v.starts_with("jp");
        }
    }
    let kana = head
        .chars()
        .filter(|c| matches!(c, '\u{3041}'..='\u{30FA}'))
        .take(200)
        .count();
    kana >= 200
}

/// Elements removed before the extractor parses the page: never article
/// text (the extractor drops them itself, after parsing them), and on
/// heavy pages most of the markup. `<script>` holding JSON-LD is kept.
const PRUNED: &[&[u8]] = &[
    b"script",
    b"style",
    b"noscript",
    b"svg",
    b"nav",
    b"aside",
    b"footer",
    b"template",
    b"iframe",
    b"select",
];

/// `html` without the elements of [`PRUNED`] (and comments), in one pass:
/// each is cut from its start tag to the end tag that closes it (nested
/// ones of the same name counted); one left open runs to the end of the
/// page. JSON-LD scripts stay.
pub fn prune(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(n) = memchr::memchr(b'<', &b[i..]) {
        let at = i + n;
        i = at + 1;
        if b[at..].starts_with(b"<!--") {
            let end =
                memchr::memmem::find(&b[at + 4..], b"-->").map_or(b.len(), |k| at + 4 + k + 3);
            out.get_or_insert_with(|| String::with_capacity(html.len()))
                .push_str(&html[copied..at]);
            copied = end;
            i = end;
            continue;
        }
        let Some(name) = PRUNED.iter().find(|name| {
            let rest = &b[at + 1..];
            rest.len() > name.len()
                && rest[..name.len()].eq_ignore_ascii_case(name)
                && matches!(rest[name.len()], b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
        }) else {
            continue;
        };
        let tag_end = memchr::memchr(b'>', &b[at..]).map_or(b.len(), |k| at + k + 1);
        if *name == b"script" {
            let tag = html[at..tag_end].to_ascii_lowercase();
            if tag.contains("ld+json") {
                i = tag_end;
                continue;
            }
        }
        let end = if matches!(*name, b"script" | b"style" | b"template") {
            // Raw text: the first end tag closes it.
            close_of(b, tag_end, name, false)
        } else {
            close_of(b, tag_end, name, true)
        };
        out.get_or_insert_with(|| String::with_capacity(html.len()))
            .push_str(&html[copied..at]);
        copied = end;
        i = end;
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut s) => {
            s.push_str(&html[copied.min(html.len())..]);
            Cow::Owned(s)
        }
    }
}

/// Where the element `name` opened before `from` ends (after its end
/// tag), counting nested ones when `nest`; the end of the page when it
/// never closes.
pub(crate) fn close_of(b: &[u8], from: usize, name: &[u8], nest: bool) -> usize {
    let mut depth = 1usize;
    let mut i = from;
    while let Some(n) = memchr::memchr(b'<', &b[i..]) {
        let at = i + n;
        i = at + 1;
        let rest = &b[at + 1..];
        let (closing, rest) = match rest.first() {
            Some(b'/') => (true, &rest[1..]),
            _ => (false, rest),
        };
        if rest.len() > name.len()
            && rest[..name.len()].eq_ignore_ascii_case(name)
            && matches!(rest[name.len()], b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
        {
            if closing {
                depth -= 1;
                if depth == 0 {
                    return memchr::memchr(b'>', &b[at..]).map_or(b.len(), |k| at + k + 1);
                }
            } else if nest {
                depth += 1;
            }
        }
    }
    b.len()
}

/// `html` with every `<ruby>` element written as `｜base《reading》`.
pub fn ruby(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let Some(first) = find_open(b, 0, b"ruby") else {
        return Cow::Borrowed(html);
    };
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    let mut at = first;
    while let Some(open_end) = memchr::memchr(b'>', &b[at..]).map(|n| at + n + 1) {
        let Some(close) = find_close(b, open_end, b"ruby") else {
            break;
        };
        let inner = &html[open_end..close];
        out.push_str(&html[copied..at]);
        out.push_str(&rewrite_one(inner));
        let close_end = memchr::memchr(b'>', &b[close..]).map_or(b.len(), |n| close + n + 1);
        copied = close_end;
        match find_open(b, close_end, b"ruby") {
            Some(next) => at = next,
            None => break,
        }
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Where the next `<name` start tag (followed by `>`, `/` or a space)
/// begins, from `from`.
fn find_open(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(n) = memchr::memchr(b'<', &b[i..]) {
        let at = i + n;
        let after = &b[at + 1..];
        if after.len() > name.len()
            && after[..name.len()].eq_ignore_ascii_case(name)
            && matches!(
                after[name.len()],
                b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r'
            )
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// Where the next `</name` end tag begins, from `from`.
fn find_close(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(n) = memchr::memmem::find(&b[i..], b"</") {
        let at = i + n;
        let after = &b[at + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name) {
            return Some(at);
        }
        i = at + 2;
    }
    None
}

/// The inside of one `<ruby>` as yomu's notation: the text outside `<rt>`
/// and `<rp>` is the base, the text of `<rt>` the reading.
fn rewrite_one(inner: &str) -> String {
    let mut base = String::new();
    let mut reading = String::new();
    // Which element the text is in: 0 base, 1 rt, 2 rp.
    let mut inside = 0u8;
    let mut rest = inner;
    while let Some(lt) = rest.find('<') {
        push_text(&rest[..lt], inside, &mut base, &mut reading);
        let tag_end = rest[lt..].find('>').map_or(rest.len(), |n| lt + n + 1);
        let tag = rest[lt + 1..tag_end.saturating_sub(1).max(lt + 1)].to_ascii_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let closing = tag.starts_with('/');
        inside = match (name.as_str(), closing) {
            ("rt", false) => 1,
            ("rp", false) => 2,
            ("rt" | "rp", true) | ("rb", _) => 0,
            _ => inside,
        };
        rest = &rest[tag_end..];
    }
    push_text(rest, inside, &mut base, &mut reading);
    let base = base.trim();
    let reading = reading.trim();
    let kana = |c: char| matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}');
    let count = reading.chars().count();
    if !base.is_empty() && (1..=20).contains(&count) && reading.chars().all(kana) {
        format!("｜{base}《{reading}》")
    } else {
        base.to_string()
    }
}

fn push_text(text: &str, inside: u8, base: &mut String, reading: &mut String) {
    match inside {
        0 => base.push_str(text),
        1 => reading.push_str(text),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ruby_becomes_the_notation() {
        assert_eq!(
            ruby("<p><ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>を読む</p>"),
            "<p>｜漢字《かんじ》を読む</p>"
        );
        assert_eq!(
            ruby("<RUBY><rb>東京</rb><rt>とうきょう</RUBY>と<ruby>大阪<rt>おおさか</rt></ruby>"),
            "｜東京《とうきょう》と｜大阪《おおさか》"
        );
        // A reading in kanji or Latin letters is no furigana: the base stays.
        assert_eq!(ruby("<ruby>東京<rt>Tokyo</rt></ruby>"), "東京");
        assert_eq!(ruby("<p>no ruby</p>"), "<p>no ruby</p>");
        // Unclosed: left as it is.
        assert_eq!(ruby("<ruby>漢字<rt>かんじ"), "<ruby>漢字<rt>かんじ");
        // `<rubyx>` and `<rp>` alone are not ruby.
        assert_eq!(ruby("<rubyx>a</rubyx>"), "<rubyx>a</rubyx>");
    }

    #[test]
    fn meta_charsets() {
        assert_eq!(
            meta_charset(b"<html><head><meta charset=\"Shift_JIS\">").as_deref(),
            Some("shift_jis")
        );
        assert_eq!(
            meta_charset(
                b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=EUC-JP\">"
            )
            .as_deref(),
            Some("euc-jp")
        );
        assert_eq!(meta_charset(b"<meta charset=\"nonsense\">"), None);
        let text =
            "<html><head><meta charset=\"euc-jp\"></head><body><p>日本語の記事</p></body></html>";
        let (euc, _, _) = encoding_rs::EUC_JP.encode(text);
        assert!(decode(&euc, None).contains("日本語の記事"));
        // The HTTP charset comes before the page's own declaration.
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        assert!(decode(&sjis, Some("Shift_JIS")).contains("日本語の記事"));
    }

    #[test]
    fn pruned_elements_go_with_their_content() {
        assert_eq!(
            prune(
                "<p>a</p><nav><ul><li><nav>x</nav></li></ul>y</nav><p>b</p><!-- c --><script>if (a<b) {}</script>"
            ),
            "<p>a</p><p>b</p>"
        );
        let ld = "<script type=\"application/ld+json\">{}</script>";
        assert_eq!(prune(ld), ld);
        assert_eq!(prune("<p>a</p><aside>never closed"), "<p>a</p>");
        assert_eq!(prune("<p>no change</p>"), "<p>no change</p>");
        assert_eq!(
            prune("<navigation>kept</navigation>"),
            "<navigation>kept</navigation>"
        );
    }

    #[test]
    fn html_or_not() {
        assert!(looks_like_html("<!doctype html><p>x</p>"));
        assert!(!looks_like_html("plain text"));
        assert!(!looks_like_html("<p>\0</p>"));
    }
}
