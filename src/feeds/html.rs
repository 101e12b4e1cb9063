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
//! they are http(s). Runs of spaces and newlines collapse to one space; a
//! run that holds a line break and sits between two Japanese characters
//! collapses to nothing (a newline in the HTML source between two kanji is
//! not a space in the text), but a space the writer typed between Japanese
//! words is kept, and a boundary between cells (`td`, `th`) is a space.
//! `<pre>` keeps its lines.
//!
//! What is not the article is left out: links that are no sources
//! (FeedBurner share and ad links, Hatena keyword auto-links, share
//! buttons) are not collected, though their text stays; a "Read more",
//! "Continue reading …" or "続きを読む" link is dropped with its text, and
//! so is a paragraph that is only such a phrase or an ellipsis (`[…]`); an
//! Amazon product box (Hatena's `hatena-asin-detail`, `amazlet`, …) gives
//! plain paragraphs, not key points.
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
    /// The pending space run held a line break.
    pending_break: bool,
    /// The pending space is a boundary (between cells): kept even
    /// between Japanese characters.
    pending_hard: bool,
    /// Open links: where their text starts in `current`, how many links
    /// were collected before them, and whether their class says "more".
    anchors: Vec<(usize, usize, bool)>,
    /// Inside this many product boxes.
    boxes: usize,
    /// For each open `li`, whether it is a key point (not in a box).
    li_points: Vec<bool>,
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
        pending_break: false,
        pending_hard: false,
        anchors: Vec::new(),
        boxes: 0,
        li_points: Vec::new(),
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
    if nests_deeper_than(html, MAX_DEPTH) {
        return Err(format!(
            "an item's HTML nests elements more than {MAX_DEPTH} deep; no article needs that"
        ));
    }
    Ok(())
}

/// Whether `html` nests elements deeper than `max` (the scan of
/// [`check_depth`], with the limit given: a whole web page is allowed more
/// than a feed item's text).
pub fn nests_deeper_than(html: &str, max: usize) -> bool {
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
                    if depth > max {
                        return true;
                    }
                }
            }
            _ => {}
        }
    }
    false
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
        if is_product_box(e) {
            self.flush();
            self.boxes += 1;
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
                let point = self.boxes == 0;
                self.li_points.push(point);
                if point {
                    self.items += 1;
                }
            }
            "pre" => {
                self.flush();
                self.pre += 1;
            }
            "a" => {
                let before = self.out.links.len();
                let class = e.attr("class").unwrap_or("");
                let more = class
                    .split_ascii_whitespace()
                    .any(|c| matches!(c, "more-link" | "read-more" | "readmore" | "more"));
                if let Some(href) = e.attr("href")
                    && !is_keyword_link(class)
                {
                    self.link(href);
                }
                self.anchors.push((self.current.len(), before, more));
            }
            "td" | "th" | "dt" | "dd" if !self.current.is_empty() => {
                self.pending_space = true;
                self.pending_hard = true;
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
                if self.li_points.pop().unwrap_or(true) {
                    self.items = self.items.saturating_sub(1);
                }
            }
            "pre" => {
                self.flush();
                self.pre = self.pre.saturating_sub(1);
            }
            "a" => self.close_anchor(),
            n if BLOCKS.contains(&n) => self.flush(),
            _ => {}
        }
        if is_product_box(e) {
            self.flush();
            self.boxes = self.boxes.saturating_sub(1);
        }
    }

    /// A "Read more" link is dropped with its text and its address.
    fn close_anchor(&mut self) {
        let Some((start, links_before, more)) = self.anchors.pop() else {
            return;
        };
        // A paragraph flushed meanwhile: the link's text is no longer here.
        let Some(text) = self.current.get(start..) else {
            return;
        };
        if (more && text.chars().count() <= 40) || is_read_more(text, true) {
            self.current.truncate(start);
            let kept = self.current.trim_end_matches([' ', '(', '[']).len();
            self.current.truncate(kept);
            self.out.links.truncate(links_before);
            self.pending_space = false;
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
                if c == '\n' || c == '\r' {
                    self.pending_break = true;
                }
                continue;
            }
            if self.pending_space
                && let Some(last) = self.current.chars().next_back()
                && last != '\n'
                && (self.pending_hard || !self.pending_break || !(is_cjk(last) && is_cjk(c)))
            {
                self.current.push(' ');
            }
            self.pending_space = false;
            self.pending_break = false;
            self.pending_hard = false;
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
            && !is_junk_link(&u)
        {
            let s = u.to_string();
            if !self.out.links.contains(&s) {
                self.out.links.push(s);
            }
        }
    }

    fn flush(&mut self) {
        let text = self.current.trim_matches(|c: char| c.is_ascii_whitespace());
        // A paragraph that only says there is more is no paragraph.
        if !text.is_empty() && !is_read_more(text, false) && !is_ellipsis(text) {
            let text = text.to_string();
            if self.items > 0 {
                self.out.key_points.push(text);
            } else {
                self.out.paragraphs.push(text);
            }
        }
        self.current.clear();
        self.pending_space = false;
        self.pending_break = false;
        self.pending_hard = false;
        // Links still open now end in another paragraph: their text is
        // no longer where it started.
        for a in &mut self.anchors {
            a.0 = usize::MAX;
        }
    }
}

/// An Amazon product box (Hatena Diary/Blog's, amazlet, Kindle cards).
fn is_product_box(e: &scraper::node::Element) -> bool {
    e.attr("class").is_some_and(|c| {
        c.split_ascii_whitespace().any(|c| {
            let c = c.to_ascii_lowercase();
            c == "hatena-asin-detail"
                || c.starts_with("amazlet")
                || c.contains("amazon")
                || c == "asin"
        })
    })
}

/// Hatena's keyword auto-links (`class="keyword"`, `"okeyword"`).
fn is_keyword_link(class: &str) -> bool {
    class
        .split_ascii_whitespace()
        .any(|c| c == "keyword" || c == "okeyword" || c == "hatena-keyword")
}

/// Addresses that are no source of the article: FeedBurner share, ad and
/// tracking links, Hatena keyword pages, share buttons.
fn is_junk_link(u: &url::Url) -> bool {
    let host = u.host_str().unwrap_or("").to_ascii_lowercase();
    let path = u.path();
    let feedburner = host == "feeds.feedburner.com"
        || host == "feedproxy.google.com"
        || host == "feeds2.feedburner.com"
        || host.ends_with(".feedburner.com");
    (feedburner && (path.contains("/~ff/") || path.contains("/~a/") || path.contains("/~f/")))
        || host == "feedads.g.doubleclick.net"
        || (host.ends_with("hatena.ne.jp")
            && (path.contains("/keyword/") || path.starts_with("/asin/")))
        || host == "k.hatena.ne.jp"
        || (host == "b.hatena.ne.jp" && path.starts_with("/entry"))
        || ((host == "twitter.com" || host == "x.com")
            && (path.starts_with("/share") || path.starts_with("/intent/")))
        || (host.ends_with("facebook.com") && path.starts_with("/sharer"))
        || host.ends_with("addtoany.com")
        || host == "api.addthis.com"
        || (host == "plus.google.com" && path.starts_with("/share"))
        || (host == "getpocket.com" && path.starts_with("/save"))
        || (host == "social-plugins.line.me")
        || (host == "timeline.line.me" && path.starts_with("/social-plugin/share"))
}

/// "Read more", "Continue reading …", "続きを読む" and their kin. A link's
/// text may go on after the phrase (`Continue reading Title →`); a
/// paragraph must be the phrase alone (`Read more about it at …` is text).
fn is_read_more(text: &str, link: bool) -> bool {
    let t = text
        .trim_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '»' | '→'
                        | '›'
                        | '…'
                        | '.'
                        | '('
                        | ')'
                        | '['
                        | ']'
                        | '>'
                        | '«'
                        | '＞'
                        | '：'
                        | ':'
                        | '【'
                        | '】'
                        | '（'
                        | '）'
                        | '&'
                )
        })
        .to_lowercase();
    if t.is_empty() || t.chars().count() > 80 {
        return false;
    }
    const EXACT: &[&str] = &[
        "read more",
        "continue reading",
        "more",
        "read the rest",
        "read the rest of this entry",
        "read full article",
        "read full story",
        "read the full story",
        "read the full article",
        "full story",
        "keep reading",
        "continue",
        "続きを読む",
        "続きを見る",
        "もっと読む",
        "全文を読む",
        "全文を表示",
        "記事を読む",
        "続き",
        "more…",
    ];
    EXACT.contains(&t.as_str())
        || (link
            && (t.starts_with("continue reading")
                || t.starts_with("read more")
                || t.starts_with("続きを読む")
                || t.starts_with("read the rest of")))
}

/// `[…]`, `[...]`, `…` alone.
fn is_ellipsis(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(
        t.as_str(),
        "[…]" | "[...]" | "…" | "..." | "(…)" | "(...)" | "［…］"
    )
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
    fn spaces_typed_between_japanese_words_are_kept_line_breaks_are_not() {
        let c = convert(
            "<p>レベルアップ セール、アマゾン ウェブ サービス</p><p>東京\n  大阪 \n京都</p>\
             <h3>背景</h3>\n最近<table><tr><td>表</td><td>組</td></tr></table>",
            None,
        );
        assert_eq!(
            c.paragraphs,
            [
                "レベルアップ セール、アマゾン ウェブ サービス",
                "東京大阪京都",
                "背景",
                "最近",
                "表 組"
            ]
        );
    }

    #[test]
    fn junk_links_read_more_and_product_boxes() {
        let c = convert(
            "<p><a class=\"keyword\" href=\"http://d.hatena.ne.jp/keyword/Perl\">Perl</a>で書いた。\
             <a href=\"https://ex.jp/x\">本物</a></p>\
             <p>Text. <a href=\"https://ex.jp/more\">Continue reading <span>Title</span> →</a></p>\
             <p>[&#8230;]</p><p><a href=\"https://ex.jp/r\">Read more »</a></p><p>Continue reading →</p>\
             <p>Read more about it in the report.</p>\
             <div class=\"feedflare\"><a href=\"http://feeds.feedburner.com/~ff/Blog?a=1\"><img src=\"x\"></a></div>\
             <div class=\"hatena-asin-detail\"><ul><li>作者: 誰か</li><li>出版社: どこか</li></ul></div>\
             <ul><li>要点</li></ul>",
            None,
        );
        assert_eq!(
            c.paragraphs,
            [
                "Perlで書いた。本物",
                "Text.",
                "Read more about it in the report.",
                "作者: 誰か",
                "出版社: どこか"
            ]
        );
        assert_eq!(c.key_points, ["要点"]);
        assert_eq!(c.links, ["https://ex.jp/x"]);
    }

    #[test]
    fn plain_text_splits_at_blank_lines() {
        assert_eq!(
            plain("一行目\n二行目\r\n\r\n次\n\n\n"),
            ["一行目\n二行目", "次"]
        );
    }
}
