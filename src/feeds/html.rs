//! HTML from feeds (descriptions, `content:encoded`, Atom `html` content,
//! JSON Feed `content_html`) turned into the plain paragraphs a briefing
//! holds.
//!
//! The HTML is parsed by a real HTML5 parser (`scraper`, built on servo's
//! `html5ever`), as a browser would: broken markup, unclosed tags and every
//! named entity are handled by the parser, not by patterns. The tree is
//! then walked once, without recursion (a hostile feed may nest thousands
//! of elements): block elements (`p`, `div`, headings, `blockquote`, …)
//! end a paragraph; `<br>` is a line break and two of them end a
//! paragraph; list items become key points; `script`, `style`, `template`,
//! `iframe` and the like are dropped with everything inside them; links
//! (`<a href>`) are collected, resolved against the item's address, when
//! they are http(s). Runs of spaces and newlines collapse to one space, and
//! to none between two Japanese characters (a newline in the HTML source
//! between two kanji is not a space in the text). `<pre>` keeps its lines.
//!
//! HTML5 tree building costs time in proportion to the depth of the open
//! elements for each tag (50,000 nested `<div>`s take seconds), so
//! [`check_depth`] first scans the markup once, linearly, and refuses
//! nesting deeper than [`MAX_DEPTH`] before the parser sees it.

use scraper::{Html, Node};

/// What an HTML fragment holds, as plain text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Converted {
    /// Paragraphs, in order (a `<br>` inside one is a `\n`).
    pub paragraphs: Vec<String>,
    /// The items of its lists.
    pub key_points: Vec<String>,
    /// Absolute http(s) addresses of its links, in order, once each.
    pub links: Vec<String>,
}

/// Elements dropped with their content.
const DROPPED: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "object", "embed", "head", "svg", "math",
    "canvas", "audio", "video", "select", "button", "form",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "figure",
    "figcaption",
    "table",
    "tr",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "hr",
    "address",
    "details",
    "summary",
    "center",
];

struct Walk<'a> {
    out: Converted,
    current: String,
    pending_space: bool,
    /// Inside this many dropped elements.
    dropped: usize,
    /// Inside this many list items.
    items: usize,
    /// Inside this many `<pre>`.
    pre: usize,
    base: Option<&'a url::Url>,
}

/// Convert an HTML fragment; `base` resolves relative links.
pub fn convert(html: &str, base: Option<&url::Url>) -> Converted {
    let doc = Html::parse_fragment(html);
    let mut w = Walk {
        out: Converted::default(),
        current: String::new(),
        pending_space: false,
        dropped: 0,
        items: 0,
        pre: 0,
        base,
    };
    for edge in doc.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => w.open(node.value()),
            ego_tree::iter::Edge::Close(node) => w.close(node.value()),
        }
    }
    w.flush();
    w.out
}

/// An HTML fragment (a title in HTML) as one line of text.
pub fn inline(html: &str) -> String {
    let c = convert(html, None);
    let all: Vec<String> = c
        .paragraphs
        .into_iter()
        .chain(c.key_points)
        .map(|p| p.replace('\n', " "))
        .collect();
    all.join(" ")
}

/// Plain text (a `text/plain` summary): paragraphs split at blank lines,
/// each trimmed, lines inside a paragraph kept.
pub fn plain(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n");
    text.split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// The deepest nesting of elements accepted in an item's HTML.
pub const MAX_DEPTH: usize = 128;

/// Elements without content or end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out (the parser closes them, so
/// they do not nest), and the document's own.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rb",
    "rt", "rp", "colgroup", "caption", "html", "head", "body",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed",
];

/// Refuse markup whose elements nest deeper than [`MAX_DEPTH`]: one pass
/// over the bytes counting start and end tags (comments, declarations,
/// void elements, self-closing tags and the content of `script`/`style`
/// skipped), so it costs time in proportion to the length alone. It only
/// guards the parser; the conversion itself is the parser's.
pub fn check_depth(html: &str) -> Result<(), String> {
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let name_at = |from: usize| {
        let end = b[from..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .map_or(b.len(), |n| from + n);
        (html[from..end].to_ascii_lowercase(), end)
    };
    while let Some(n) = memchr::memchr(b'<', &b[i..]) {
        i += n + 1;
        match b.get(i) {
            Some(b'!') => {
                let close: &[u8] = if b[i..].starts_with(b"!--") {
                    b"-->"
                } else {
                    b">"
                };
                i = memchr::memmem::find(&b[i..], close).map_or(b.len(), |n| i + n);
            }
            Some(b'/') => {
                let (name, end) = name_at(i + 1);
                if counted(&name) {
                    depth = depth.saturating_sub(1);
                }
                i = end;
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, end) = name_at(i);
                // No `>` left: no tag can open any more.
                let Some(close) = memchr::memchr(b'>', &b[end..]).map(|n| end + n) else {
                    break;
                };
                let self_closing = b.get(close - 1) == Some(&b'/');
                i = close;
                if RAW_TEXT.contains(&name.as_str()) && !self_closing {
                    i = end_tag(b, i, &name);
                } else if counted(&name) && !self_closing {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(format!(
                            "an item's HTML nests elements more than {MAX_DEPTH} deep; no article needs that"
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Where `</name` (in any case) starts in `b` from `from`, else the end.
fn end_tag(b: &[u8], from: usize, name: &str) -> usize {
    let mut j = from;
    while let Some(n) = memchr::memmem::find(&b[j..], b"</") {
        let at = j + n;
        let after = &b[at + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return at;
        }
        j = at + 2;
    }
    b.len()
}

fn counted(name: &str) -> bool {
    !name.is_empty() && !VOID.contains(&name) && !OPTIONAL_END.contains(&name)
}

/// Whether a space between `a` and `b` is no space in Japanese text.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}')
}

impl Walk<'_> {
    fn open(&mut self, node: &Node) {
        let Node::Element(e) = node else {
            if let Node::Text(t) = node
                && self.dropped == 0
            {
                self.text(t);
            }
            return;
        };
        let name = e.name();
        if self.dropped > 0 || DROPPED.contains(&name) {
            self.dropped += 1;
            return;
        }
        match name {
            "br" => {
                if self.current.ends_with('\n') {
                    self.flush();
                } else if !self.current.is_empty() {
                    self.current.push('\n');
                }
                self.pending_space = false;
            }
            "li" => {
                self.flush();
                self.items += 1;
            }
            "pre" => {
                self.flush();
                self.pre += 1;
            }
            "a" => {
                if let Some(href) = e.attr("href") {
                    self.link(href);
                }
            }
            n if BLOCKS.contains(&n) => self.flush(),
            _ => {}
        }
    }

    fn close(&mut self, node: &Node) {
        let Node::Element(e) = node else { return };
        if self.dropped > 0 {
            self.dropped -= 1;
            return;
        }
        match e.name() {
            "li" => {
                self.flush();
                self.items = self.items.saturating_sub(1);
            }
            "pre" => {
                self.flush();
                self.pre = self.pre.saturating_sub(1);
            }
            n if BLOCKS.contains(&n) => self.flush(),
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        if self.pre > 0 {
            self.current.push_str(t);
            return;
        }
        for c in t.chars() {
            if c.is_ascii_whitespace() {
                self.pending_space = true;
                continue;
            }
            if self.pending_space
                && let Some(last) = self.current.chars().next_back()
                && last != '\n'
                && !(is_cjk(last) && is_cjk(c))
            {
                self.current.push(' ');
            }
            self.pending_space = false;
            self.current.push(c);
        }
    }

    fn link(&mut self, href: &str) {
        let href = href.trim();
        let url = match self.base {
            Some(base) => base.join(href),
            None => url::Url::parse(href),
        };
        if let Ok(u) = url
            && matches!(u.scheme(), "http" | "https")
        {
            let s = u.to_string();
            if !self.out.links.contains(&s) {
                self.out.links.push(s);
            }
        }
    }

    fn flush(&mut self) {
        let text = self.current.trim_matches(|c: char| c.is_ascii_whitespace());
        if !text.is_empty() {
            let text = text.to_string();
            if self.items > 0 {
                self.out.key_points.push(text);
            } else {
                self.out.paragraphs.push(text);
            }
        }
        self.current.clear();
        self.pending_space = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_breaks_lists_and_entities() {
        let c = convert(
            "<p>東京で&amp;大阪で<br>雨。</p><p>二つ目の\n段落 &hellip; and <b>bold</b> text</p>\
             <ul><li>要点一</li><li>要点<i>二</i></li></ul>後の文<br><br>次の段落",
            None,
        );
        assert_eq!(
            c.paragraphs,
            [
                "東京で&大阪で\n雨。",
                "二つ目の段落 … and bold text",
                "後の文",
                "次の段落"
            ]
        );
        assert_eq!(c.key_points, ["要点一", "要点二"]);
    }

    #[test]
    fn scripts_and_styles_are_dropped_and_links_kept_when_web() {
        let base = url::Url::parse("https://example.jp/news/1.html").unwrap();
        let c = convert(
            "<script>alert('x')</script><style>p{}</style><p>本文<a href=\"/a\">一</a>\
             <a href=\"javascript:alert(1)\">二</a><a href=\"mailto:a@b\">三</a>\
             <a href=\"http://other.example/x\">四</a><a href=\"/a\">again</a></p>",
            Some(&base),
        );
        assert_eq!(c.paragraphs, ["本文一二三四again"]);
        assert_eq!(c.links, ["https://example.jp/a", "http://other.example/x"]);
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing_and_broken_markup_does_not_hurt() {
        let deep = "<div>".repeat(50_000) + "深い" + &"</div>".repeat(10);
        assert!(check_depth(&deep).unwrap_err().contains("128 deep"));
        let ok = "<div>".repeat(MAX_DEPTH) + "深い";
        assert_eq!(check_depth(&ok), Ok(()));
        assert_eq!(convert(&ok, None).paragraphs, ["深い"]);
        // Unclosed paragraphs and list items, void elements, comments and
        // scripts do not count.
        let flat =
            "<p>a<li>b<br><img src=x><!-- <div><div> --><SCRIPT>'<div>'</script>".repeat(1000);
        assert_eq!(check_depth(&flat), Ok(()));
        // Linear on what could make a scan quadratic.
        assert_eq!(check_depth(&"<script>".repeat(200_000)), Ok(()));
        assert_eq!(check_depth(&"<a<b".repeat(200_000)), Ok(()));
        assert_eq!(
            convert("<p>閉じない<b>太字", None).paragraphs,
            ["閉じない太字"]
        );
        assert_eq!(inline("速報: <b>地震</b>&lt;M5&gt;"), "速報: 地震<M5>");
    }

    #[test]
    fn plain_text_splits_at_blank_lines() {
        assert_eq!(
            plain("一行目\n二行目\r\n\r\n次\n\n\n"),
            ["一行目\n二行目", "次"]
        );
    }
}
