//! An extracted article, and the briefing made of it.
//!
//! The extractor's HTML is cut at its subheadings (`<h1>`–`<h6>`); each
//! part goes through the feeds' HTML converter ([`crate::feeds::html`]),
//! which gives paragraphs and list items. The briefing (docs/format.md,
//! "Web pages") has one section per part: the first is headed by the
//! article's title and holds the text before the first subheading, each
//! subheading heads a section of its own. Lists are the section's key
//! points. The first section's sources are the page's address, then its
//! embedded media and its images; its `id` is the page's address. The
//! author is the briefing's subtitle, the page's date its `published`.
//! Every string is sanitised as feed text is ([`crate::text::sanitize`]).

use chrono::{FixedOffset, Offset as _, TimeZone as _, Utc};

use super::PageError;
use super::meta::PageMeta;
use crate::briefing::{Briefing, Published, Section, Source};
use crate::feeds::dates::FeedDate;
use crate::feeds::html;

/// The most images kept as sources.
const MAX_IMAGES: usize = 20;

/// One block of an article's text, in reading order within its part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A subheading: starts a section.
    Heading(String),
    /// A paragraph.
    Paragraph(String),
    /// A list item.
    Point(String),
}

/// An article extracted from a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The page's address, when known and http(s).
    pub url: Option<String>,
    pub title: String,
    pub author: Option<String>,
    pub site: Option<String>,
    pub published: Option<Published>,
    pub language: Option<String>,
    pub blocks: Vec<Block>,
    /// Embedded media and images, as sources (http(s) only).
    pub media: Vec<Source>,
}

/// Build the article of an extraction; `None` when it holds no text.
///
/// `post` says the text is the element the page itself names as its post
/// ([`super::scope`]): then a post of a line or two is an article, however
/// short.
pub fn build(
    result: rs_trafilatura::ExtractResult,
    page: PageMeta,
    url: Option<&str>,
    post: bool,
) -> Option<Article> {
    let base = url.and_then(|u| url::Url::parse(u).ok());
    let links: Vec<String> = result
        .content_html
        .as_deref()
        .map(link_texts)
        .unwrap_or_default();
    let blocks = match result.content_html.as_deref() {
        Some(h) if !h.trim().is_empty() => {
            with_skipped_posts(&blocks_of(h, base.as_ref()), &result.content_text, &links)
        }
        _ => text_blocks(&result.content_text),
    };
    let title = result
        .metadata
        .title
        .as_deref()
        .map(one_line)
        .filter(|t| !t.is_empty())
        .or_else(|| {
            page.title
                .as_deref()
                .map(one_line)
                .filter(|t| !t.is_empty())
        });
    let whole: std::collections::HashSet<&str> = links.iter().map(String::as_str).collect();
    // A line is a link when it is one, or when most of it is inside links
    // (a ranking's entry: its headline linked, its source and time not).
    let blocks = super::boiler::strip_link_runs(blocks, |s| {
        whole.contains(s) || super::boiler::link_share(s, &links) >= LINKED_SHARE
    });
    // A long block that is mostly links is a menu or a sidebar the
    // extractor ran into one line (a blog's favourites and categories); a
    // short one, a linked sentence, stays unless in a run.
    let blocks: Vec<Block> = blocks
        .into_iter()
        .filter(|b| match b {
            Block::Paragraph(s) | Block::Point(s) => {
                s.chars().count() <= MENU_LINE || super::boiler::link_share(s, &links) < MENU_SHARE
            }
            Block::Heading(_) => true,
        })
        .collect();
    let blocks = super::boiler::cut_at_end_marker(blocks);
    let blocks = super::edges::cut_at_standing_notice(blocks);
    let blocks = super::edges::strip_wrappers(blocks);
    let mut blocks = super::boiler::strip(blocks);
    if let Some(t) = &title {
        blocks = super::boiler::strip_title(blocks, t);
        // The page's own title, when the extractor's differs.
        if let Some(p) = page.title.as_deref().map(one_line).filter(|p| p != t) {
            blocks = super::boiler::strip_title(blocks, &p);
        }
    }
    // The site's name alone above the article (`毎日新聞`).
    if let Some(site) = page.site.as_deref().or(result.metadata.sitename.as_deref()) {
        blocks = super::edges::strip_site_name(blocks, site);
    }
    let blocks = super::edges::strip_short_runs(blocks);
    if !looks_like_an_article(&blocks, &links, post) {
        return None;
    }
    let host = base.as_ref().and_then(|u| u.host_str().map(str::to_string));
    let title = title
        .or_else(|| host.clone())
        .unwrap_or_else(|| "article".into());
    let text_sample: String = blocks
        .iter()
        .take(20)
        .map(|b| match b {
            Block::Heading(s) | Block::Paragraph(s) | Block::Point(s) => s.as_str(),
        })
        .collect();
    let language = page
        .language
        .clone()
        .or_else(|| result.metadata.language.clone())
        .filter(|l| crate::briefing::looks_like_language_tag(l))
        .or_else(|| mostly_japanese(&text_sample).then(|| "ja".to_string()));
    let japanese = language
        .as_deref()
        .is_some_and(|l| l.to_ascii_lowercase().starts_with("ja"))
        || mostly_japanese(&text_sample);
    let offset =
        FixedOffset::east_opt(if japanese { 9 * 3600 } else { 0 }).unwrap_or_else(|| Utc.fix());
    let published = match page.published {
        Some(FeedDate::At(d)) => crate::feeds::import::published(d),
        Some(FeedDate::Local(n)) => n
            .and_local_timezone(offset)
            .single()
            .and_then(crate::feeds::import::published),
        Some(FeedDate::Day(day)) => day.to_string().parse().ok().map(Published),
        None => result.metadata.date.and_then(|d| {
            crate::feeds::import::published(offset.from_utc_datetime(&d.naive_utc()))
        }),
    };
    let mut media: Vec<Source> = Vec::new();
    let mut push = |name: String, raw: &str| {
        let resolved = match &base {
            Some(b) => b.join(raw.trim()).ok(),
            None => url::Url::parse(raw.trim()).ok(),
        };
        if let Some(u) = resolved.map(String::from)
            && crate::briefing::check_url(&u).is_ok()
            && Some(u.as_str()) != url
            && !media.iter().any(|s| s.url == u)
        {
            media.push(Source { name, url: u });
        }
    };
    for m in &page.media {
        push(media_name(m), m);
    }
    for img in result
        .images
        .iter()
        .filter(|i| i.is_hero || !looks_like_decoration(&i.src))
        .take(MAX_IMAGES)
    {
        let name = img
            .caption
            .as_deref()
            .or(img.alt.as_deref())
            .map(one_line)
            .filter(|n| !n.is_empty())
            .or_else(|| Some(one_line(&img.filename)).filter(|n| !n.is_empty()))
            .unwrap_or_else(|| "image".into());
        push(name, &img.src);
    }
    Some(Article {
        url: url.map(str::to_string),
        title,
        author: page
            .author
            .or(result.metadata.author)
            .map(|a| one_line(&a))
            .filter(|a| !a.is_empty()),
        site: page
            .site
            .or(result.metadata.sitename)
            .map(|s| one_line(&s))
            .filter(|s| !s.is_empty())
            .or(host),
        published,
        language,
        blocks,
        media,
    })
}

/// The most lines of the extractor's HTML put back in one gap of its
/// text ([`with_skipped_posts`]).
const MAX_GAP: usize = 4;

/// How many lines before a gap are looked at for a post that opens as the
/// gap does.
const SHAPE_REACH: usize = 8;

/// How many characters open a line's shape ([`shape`]).
const SHAPE: usize = 10;

/// The blocks of the extractor's text, and the posts of a thread its HTML
/// holds between two of its lines that its text skipped.
///
/// The extractor's text is its final word on what the article is, in its
/// order (its HTML may keep parts it later left out); the HTML tells which
/// lines are subheadings and list items, and gives their text as the
/// feeds' converter reads it (a line break between Japanese characters is
/// no space). But its text drops a post of a thread whose picture is a
/// link (`これ思い出した<a><img></a>`) while its HTML keeps it amid the
/// posts it kept. A gap of at most [`MAX_GAP`] lines of the HTML between
/// two lines of the text is put back in its place when it opens as a post
/// just before it does (`50：名無しさん＠おーぷん：…` after `39：名無しさん
/// ＠おーぷん：…`), is Japanese, and none of its lines is in the text
/// already or mostly inside links.
fn with_skipped_posts(html_blocks: &[Block], text: &str, links: &[String]) -> Vec<Block> {
    let keys: Vec<String> = html_blocks.iter().map(|b| squeeze(block_text(b))).collect();
    // What a line of the text becomes: the HTML's block of the same text
    // (the last, when several are), else a paragraph.
    let known: std::collections::HashMap<&str, &Block> = keys
        .iter()
        .map(String::as_str)
        .zip(html_blocks.iter())
        .collect();
    // The HTML's lines, in order; a subheading's are never put back.
    let html_lines: Vec<(String, bool)> = html_blocks
        .iter()
        .flat_map(|b| {
            let heading = matches!(b, Block::Heading(_));
            block_text(b)
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(move |l| (l.to_string(), heading))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut at: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for (i, (l, _)) in html_lines.iter().enumerate() {
        at.entry(squeeze(l)).or_default().push(i);
    }
    // Each line of the text with the HTML line it is, found in order.
    let mut from = 0;
    let lines: Vec<(String, String, Option<usize>)> = text
        .lines()
        .map(field)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let key = squeeze(&l);
            let found = at
                .get(key.as_str())
                .and_then(|v| v.iter().copied().find(|&i| i >= from));
            if let Some(i) = found {
                from = i + 1;
            }
            (l, key, found)
        })
        .collect();
    let in_text: std::collections::HashSet<&str> =
        lines.iter().map(|(_, k, _)| k.as_str()).collect();
    let put_back = |i: usize, j: usize| {
        let gap = &html_lines[i + 1..j];
        let all: String = gap.iter().map(|(l, _)| l.as_str()).collect();
        let opens_as_a_post = shape(&gap[0].0).is_some_and(|first| {
            html_lines[(i + 1).saturating_sub(SHAPE_REACH)..=i]
                .iter()
                .any(|(l, _)| shape(l).as_ref() == Some(&first))
        });
        opens_as_a_post
            && mostly_japanese(&all)
            && gap.iter().all(|(l, heading)| {
                !heading
                    && !in_text.contains(squeeze(l).as_str())
                    && super::boiler::link_share(l, links) < LINKED_SHARE
            })
    };
    let mut out = Vec::with_capacity(lines.len());
    for (n, (line, key, found)) in lines.iter().enumerate() {
        out.push(
            known
                .get(key.as_str())
                .map(|b| (*b).clone())
                .unwrap_or_else(|| Block::Paragraph(line.clone())),
        );
        let Some(i) = *found else {
            continue;
        };
        let next = lines[n + 1..].iter().find_map(|(_, _, f)| *f);
        if let Some(j) = next
            && j > i + 1
            && j - i - 1 <= MAX_GAP
            && put_back(i, j)
        {
            out.extend(
                html_lines[i + 1..j]
                    .iter()
                    .map(|(l, _)| Block::Paragraph(field(l))),
            );
        }
    }
    out
}

/// How a block opens, digits made alike (`00：名無しさん＠お`): the posts of
/// a thread share it. `None` when it holds fewer than four other
/// characters.
fn shape(s: &str) -> Option<String> {
    let open: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(SHAPE)
        .map(|c| if c.is_numeric() { '0' } else { c })
        .collect();
    (open.chars().filter(|&c| c != '0').count() >= 4).then_some(open)
}

fn block_text(b: &Block) -> &str {
    let (Block::Heading(s) | Block::Paragraph(s) | Block::Point(s)) = b;
    s
}

/// The share of a line's characters inside links from which it counts as
/// a link (for runs of linked lines).
const LINKED_SHARE: f64 = 0.5;

/// The share of a block's characters inside links from which it is taken
/// for a menu, alone and whatever its length.
const MENU_SHARE: f64 = 0.7;

/// The length from which a block mostly made of links is a menu by itself.
const MENU_LINE: usize = 200;

/// The least text an article has, in characters, and the length one of
/// its paragraphs reaches at least (a sentence).
const MIN_ARTICLE: usize = 80;
const MIN_SENTENCE: usize = 25;

/// Whether the blocks are an article rather than a list of links, a menu
/// or a stub: enough text, one paragraph at least as long as a sentence,
/// and no more than half of the text inside links. The page's own post
/// (`post`) needs only some text.
fn looks_like_an_article(blocks: &[Block], links: &[String], post: bool) -> bool {
    let lens = blocks.iter().filter_map(|b| match b {
        Block::Paragraph(s) | Block::Point(s) => Some(s.chars().count()),
        Block::Heading(_) => None,
    });
    let (total, longest) = lens.fold((0, 0), |(t, m), n| (t + n, m.max(n)));
    if total == 0 || (!post && (total < MIN_ARTICLE || longest < MIN_SENTENCE)) {
        return false;
    }
    // Only the links still in the text count: the lists of other articles
    // the extractor kept and the boilerplate rules took out (a blog's
    // "おすすめ記事", a series' table of contents) say nothing of what is
    // left.
    let kept: String = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(s) | Block::Point(s) => Some(squeeze(s)),
            Block::Heading(_) => None,
        })
        .collect();
    let linked: usize = links
        .iter()
        .filter(|l| kept.contains(l.as_str()))
        .map(|l| l.chars().count())
        .sum();
    linked * 2 <= total
}

/// The text of each `<a>` element of `html`, without whitespace.
fn link_texts(html: &str) -> Vec<String> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(at) = memchr::memmem::find(&b[i..], b"<a").map(|k| i + k) {
        let after = b.get(at + 2).copied();
        if !matches!(after, Some(b' ' | b'>' | b'\t' | b'\n' | b'\r')) {
            i = at + 2;
            continue;
        }
        let Some(open_end) = memchr::memchr(b'>', &b[at..]).map(|k| at + k + 1) else {
            break;
        };
        let close = memchr::memmem::find(&b[open_end..], b"</a>").map_or(b.len(), |k| open_end + k);
        let text = squeeze(&html::inline(&html[open_end..close]));
        if !text.is_empty() {
            out.push(text);
        }
        i = close;
    }
    out
}

/// The text of an element's HTML as the extractor gives its text: its
/// subheadings, paragraphs and list items, one a line (for an element yomu
/// takes as the article itself, [`super::scope`]).
pub fn text_of(h: &str, url: Option<&str>) -> String {
    let base = url.and_then(|u| url::Url::parse(u).ok());
    let mut out = String::new();
    for b in blocks_of(h, base.as_ref()) {
        let (Block::Heading(s) | Block::Paragraph(s) | Block::Point(s)) = &b;
        out.push_str(&s.replace('\n', " "));
        out.push('\n');
    }
    out
}

/// The paragraphs of plain text, one a line.
fn text_blocks(text: &str) -> Vec<Block> {
    text.lines()
        .map(field)
        .filter(|l| !l.is_empty())
        .map(Block::Paragraph)
        .collect()
}

/// `s` without whitespace: how texts are compared whatever their line
/// breaks and spaces.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether an image's address names a logo, an icon or the like rather
/// than a picture of the article.
fn looks_like_decoration(src: &str) -> bool {
    let lower = src.to_ascii_lowercase();
    let file = lower.rsplit('/').next().unwrap_or("");
    [
        "logo",
        "icon",
        "sprite",
        "banner",
        "avatar",
        "button",
        "badge",
        "spacer",
        "pixel",
        "blank",
        "cobranding",
    ]
    .iter()
    .any(|w| lower.contains(w))
        || file.ends_with(".svg")
        || file.ends_with(".gif")
}

/// The name of a media source: its file name, else its host.
fn media_name(u: &str) -> String {
    url::Url::parse(u)
        .ok()
        .and_then(|u| {
            let last = u.path_segments()?.next_back()?.to_string();
            if last.is_empty() {
                u.host_str().map(str::to_string)
            } else {
                Some(last)
            }
        })
        .map(|n| one_line(&n))
        .unwrap_or_else(|| "media".into())
}

/// Whether most letters of `s` are kana or kanji.
pub fn mostly_japanese(s: &str) -> bool {
    let (mut ja, mut letters) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphanumeric()) {
        letters += 1;
        if matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}') {
            ja += 1;
        }
    }
    letters > 0 && ja * 3 >= letters
}

/// The blocks of the extractor's HTML: cut at `<h1>`–`<h6>`, each part
/// converted by the feeds' converter.
fn blocks_of(h: &str, base: Option<&url::Url>) -> Vec<Block> {
    let mut out = Vec::new();
    let b = h.as_bytes();
    let mut from = 0;
    let part = |text: &str, out: &mut Vec<Block>| {
        let c = html::convert(text, base);
        out.extend(
            c.paragraphs
                .iter()
                .map(|p| field(p))
                .filter(|p| !p.is_empty())
                .map(Block::Paragraph),
        );
        out.extend(
            c.key_points
                .iter()
                .map(|p| field(p))
                .filter(|p| !p.is_empty())
                .map(Block::Point),
        );
    };
    while let Some((open, level)) = next_heading(b, from) {
        let Some(open_end) = memchr::memchr(b'>', &b[open..]).map(|n| open + n + 1) else {
            break;
        };
        let close_tag = [b'<', b'/', b'h', level];
        let close = memchr::memmem::find(&b[open_end..], &close_tag)
            .or_else(|| {
                let upper = [b'<', b'/', b'H', level];
                memchr::memmem::find(&b[open_end..], &upper)
            })
            .map_or(b.len(), |n| open_end + n);
        part(&h[from..open], &mut out);
        let heading = one_line(&html::inline(&h[open_end..close]));
        if !heading.is_empty() {
            out.push(Block::Heading(heading));
        }
        from = memchr::memchr(b'>', &b[close..]).map_or(b.len(), |n| close + n + 1);
    }
    part(&h[from..], &mut out);
    out
}

/// The next `<hN` start tag from `from`: where, and `N` as a byte.
fn next_heading(b: &[u8], from: usize) -> Option<(usize, u8)> {
    let mut i = from;
    while let Some(n) = memchr::memchr(b'<', &b[i..]) {
        let at = i + n;
        if let [_, h, d, after, ..] = &b[at..]
            && (*h == b'h' || *h == b'H')
            && (b'1'..=b'6').contains(d)
            && matches!(after, b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
        {
            return Some((at, *d));
        }
        i = at + 1;
    }
    None
}

/// Sanitised, on one line, spaces collapsed.
fn one_line(s: &str) -> String {
    crate::text::sanitize_line(s)
        .replace('␤', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Sanitised field text (line breaks kept).
fn field(s: &str) -> String {
    crate::text::sanitize(s).trim().to_string()
}

impl Article {
    /// The article's text: its blocks, one a line (subheadings and list
    /// items included), as an extraction benchmark compares it.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            let (Block::Heading(s) | Block::Paragraph(s) | Block::Point(s)) = b;
            out.push_str(s);
            out.push('\n');
        }
        out
    }

    /// The article as a briefing.
    pub fn to_briefing(&self) -> Briefing {
        let mut sections: Vec<Section> = Vec::new();
        let mut current = Section {
            id: self.url.clone(),
            ..Section::new(self.title.clone())
        };
        if let Some(u) = &self.url {
            current.sources.push(Source {
                name: self.site.clone().unwrap_or_else(|| self.title.clone()),
                url: u.clone(),
            });
        }
        current.sources.extend(self.media.iter().cloned());
        for b in &self.blocks {
            match b {
                Block::Heading(h) => {
                    if sections.is_empty()
                        && current.body.is_empty()
                        && current.key_points.is_empty()
                    {
                        // No text before the first subheading: it heads
                        // the first section (the title is on the cover).
                        current.heading = h.clone();
                        continue;
                    }
                    sections.push(std::mem::replace(&mut current, Section::new(h.clone())));
                }
                Block::Paragraph(p) => current.body.push(p.clone()),
                Block::Point(p) => current.key_points.push(p.clone()),
            }
        }
        if !current.body.is_empty() || !current.key_points.is_empty() || sections.is_empty() {
            sections.push(current);
        }
        Briefing {
            title: self.title.clone(),
            subtitle: self.author.clone(),
            summary: None,
            published: self.published,
            language: self.language.clone(),
            tags: Vec::new(),
            takeaways: Vec::new(),
            sections,
        }
    }

    /// The briefing as TOML, checked by the loader.
    pub fn to_checked_toml(&self) -> Result<String, PageError> {
        let toml = crate::feeds::import::to_toml(&self.to_briefing());
        crate::feeds::import::checked(&toml).map_err(|e| PageError::Invalid(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Block {
        Block::Paragraph(s.into())
    }

    #[test]
    fn a_threads_post_the_text_skipped_is_put_back() {
        // The extractor's HTML: each post a block of its header and its
        // lines; its text skipped post 50, whose picture is a link.
        let html = vec![
            p("38：名無しさん＠おーぷん：21/10/19(火)22:32:50 Rlkf\n呪いのビデオやん"),
            p("39：名無しさん＠おーぷん：21/10/19(火)22:32:59 Tavk\n狐モチーフの伝説とかちゃうの"),
            p("50：名無しさん＠おーぷん：21/10/19(火)22:39:29 blBQ\nこれ思い出した"),
            p("引用元：http://hayabusa.open2ch.net/test/read.cgi/livejupiter/1634649250"),
        ];
        let text = "38： 名無しさん＠おーぷん ：21/10/19(火)22:32:50 Rlkf\n呪いのビデオやん\n39： 名無しさん＠おーぷん ：21/10/19(火)22:32:59 Tavk\n狐モチーフの伝説とかちゃうの\n引用元：http://hayabusa.open2ch.net/test/read.cgi/livejupiter/1634649250\n";
        let out = with_skipped_posts(&html, text, &[]);
        let lines: Vec<&str> = out.iter().map(block_text).collect();
        assert_eq!(
            lines,
            vec![
                "38： 名無しさん＠おーぷん ：21/10/19(火)22:32:50 Rlkf",
                "呪いのビデオやん",
                "39： 名無しさん＠おーぷん ：21/10/19(火)22:32:59 Tavk",
                "狐モチーフの伝説とかちゃうの",
                "50：名無しさん＠おーぷん：21/10/19(火)22:39:29 blBQ",
                "これ思い出した",
                "引用元：http://hayabusa.open2ch.net/test/read.cgi/livejupiter/1634649250",
            ]
        );
    }

    #[test]
    fn what_the_text_left_out_otherwise_stays_out() {
        let body =
            "政府は1日、新しい経済対策を発表した。物価の上昇が続くなか、家計の負担を和らげる。";
        let end = "専門家は効果が限られると指摘している。";
        // A box amid the article that opens unlike anything before it.
        let html = vec![p(body), p("関連記事：別の記事の見出し"), p(end)];
        let text = format!("{body}\n{end}\n");
        assert_eq!(with_skipped_posts(&html, &text, &[]), vec![p(body), p(end)]);
        // Links, however they open, stay out.
        let html = vec![
            p("1：名無しさん＠おーぷん：本文の一行目だよ"),
            p("2：名無しさん＠おーぷん：他スレの見出しへのリンク"),
            p("3：名無しさん＠おーぷん：本文の三行目だよ"),
        ];
        let text = "1：名無しさん＠おーぷん：本文の一行目だよ\n3：名無しさん＠おーぷん：本文の三行目だよ\n";
        let links = vec!["2：名無しさん＠おーぷん：他スレの見出しへのリンク".to_string()];
        assert_eq!(
            with_skipped_posts(&html, text, &links),
            vec![html[0].clone(), html[2].clone()]
        );
        // Without the links, the same post is put back.
        assert_eq!(with_skipped_posts(&html, text, &[]), html);
        // English is left as the extractor gave it.
        let html = vec![
            p("Post 1: hello there"),
            p("Post 2: skipped"),
            p("Post 3: bye now"),
        ];
        let text = "Post 1: hello there\nPost 3: bye now\n";
        assert_eq!(
            with_skipped_posts(&html, text, &[]),
            vec![html[0].clone(), html[2].clone()]
        );
    }
}
