//! Every feed dialect read into one model: RSS 0.90, 0.91–0.94 and 2.0
//! (with or without a version, with no namespace, in a default namespace,
//! or with prefixed elements), RSS 1.0 (RDF), Atom 0.3 and 1.0 (prefixed
//! or not), and JSON Feed (through `feed-rs`).
//!
//! What each field is taken from, in order:
//!
//! - the feed's language: `language`, `dc:language`, then `xml:lang` on
//!   the channel or the root; its address: the channel `link` (Atom: the
//!   `alternate` link); its own address: `atom:link rel="self"`;
//! - an item's id: RSS `guid`, RSS 1.0 `rdf:about`, Atom `id`;
//! - an item's link: `feedburner:origLink` (the address behind a
//!   FeedBurner redirect), `link`, an Atom `alternate` link, else a
//!   permalink `guid` (one not marked `isPermaLink="false"` that reads as
//!   an address). A relative address is resolved against the `xml:base`
//!   in scope, else the document's address, else the feed's `rel="self"`
//!   address, else the channel link;
//! - its title: `title`, else `dc:title`, else `media:title`;
//! - its text: `content:encoded`, Atom `content`, then `description`,
//!   Atom `summary`, `dc:description`, `media:description`. RSS text is
//!   HTML when it looks like HTML (a tag or an entity), else plain text;
//!   Atom text follows its `type` (`text`, `html`, `xhtml`, a MIME type:
//!   `text/html` is HTML, any other `text/*` such as `text/x-markdown` is
//!   plain text, anything else is not text). Atom 0.3's `mode="escaped"`
//!   and `mode="xml"` are read as `html` and `xhtml`, `mode="base64"`
//!   decoded; Hatena Blog's
//!   `hatena:formatted-content` (the HTML of a Markdown entry) comes first;
//! - its date: `pubDate`, `dc:date`, `dcterms:issued`, `created`, `date`,
//!   `modified`, Atom `published` (0.3: `issued`, `created`), `updated`
//!   (0.3: `modified`), read by [`super::dates`].
//! - its categories: RSS `category` and `dc:subject`, Atom `category`
//!   (its `label`, else its `term`), JSON Feed `tags`;
//! - the files it carries: RSS `enclosure`, Atom `link rel="enclosure"`,
//!   Media RSS `media:content` and `media:thumbnail` (also inside
//!   `media:group`), JSON Feed `attachments`, `image` and `banner_image`.

mod atom;
mod json;
mod rss;
mod text;

use super::dates::{self, FeedDate};
use super::xmltree::Element;
use atom::atom;
use json::json;
use rss::rss;
pub use text::looks_like_html;

const ATOM10: &str = "http://www.w3.org/2005/Atom";
const ATOM03: &str = "http://purl.org/atom/ns#";
const RSS10: &str = "http://purl.org/rss/1.0/";
const RSS090: &str = "http://my.netscape.com/rdf/simple/0.9/";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const DCTERMS: &str = "http://purl.org/dc/terms/";
const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";
const FEEDBURNER: &str = "http://rssnamespace.org/feedburner/ext/1.0";
const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// How a text is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Html,
    Plain,
}

/// A text of the feed and how to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub kind: Kind,
    pub value: String,
    /// The base address in scope where it was written (`xml:base`).
    pub base: Option<url::Url>,
}

/// One item, as written.
#[derive(Debug, Clone, Default)]
pub struct RawItem {
    pub id: Option<String>,
    pub title: Option<Text>,
    /// Its address, absolute when it could be resolved.
    pub link: Option<String>,
    pub content: Option<Text>,
    pub summary: Option<Text>,
    pub date: Option<FeedDate>,
    /// Its `xml:lang`, when given.
    pub lang: Option<String>,
    /// Its categories (tags), as written, in order.
    pub categories: Vec<String>,
    /// The files it carries (a podcast's audio, images), in order.
    pub media: Vec<Media>,
}

/// A file an item carries: an enclosure, a Media RSS file or thumbnail, a
/// JSON Feed attachment or image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Media {
    /// Its address, absolute when it could be resolved.
    pub url: String,
    /// Its MIME type as the feed gave it (`audio/mpeg`), or only the
    /// kind (`image`) when the feed says no more than that.
    pub mime: Option<String>,
    /// Its size in bytes, when the feed gave one above zero.
    pub length: Option<u64>,
}

/// A feed, as written.
#[derive(Debug, Clone, Default)]
pub struct RawFeed {
    /// "RSS 2.0", "Atom 0.3", … for messages.
    pub dialect: String,
    pub title: Option<Text>,
    pub language: Option<String>,
    pub link: Option<String>,
    pub items: Vec<RawItem>,
}

/// Why no feed could be read from a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotAFeed {
    /// The XML is broken.
    Xml { line: usize, message: String },
    /// Well-formed XML whose root is no feed.
    Root(String),
    /// JSON that is not a JSON Feed.
    Json(String),
    /// Neither XML nor JSON.
    NotMarkup,
    /// Refused for its size.
    Refused(String),
}

impl std::fmt::Display for NotAFeed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotAFeed::Xml { line, message } => {
                write!(f, "the XML is broken at line {line}: {message}")
            }
            NotAFeed::Root(name) if name.eq_ignore_ascii_case("html") => write!(
                f,
                "this is a web page (<html>), not a feed; the page's feed address is in its \
                 <link rel=\"alternate\"> tag"
            ),
            NotAFeed::Root(name) if name.eq_ignore_ascii_case("opml") => write!(
                f,
                "this is an OPML list of feeds, not a feed; use `yomu feeds import-opml`"
            ),
            NotAFeed::Root(name) => write!(
                f,
                "the root element is <{name}>, which is not RSS (<rss>, <rdf:RDF>) or Atom (<feed>)"
            ),
            NotAFeed::Json(why) => write!(f, "JSON, but not a JSON Feed: {why}"),
            NotAFeed::NotMarkup => write!(f, "neither XML nor JSON"),
            NotAFeed::Refused(why) => write!(f, "{why}"),
        }
    }
}

/// Read a feed from its decoded text; `base` is its address.
pub fn read(text: &str, base: Option<&url::Url>) -> Result<RawFeed, NotAFeed> {
    let text = skip_leading_junk(text);
    match text.trim_start().as_bytes().first() {
        Some(b'{') => json(text, base),
        Some(b'<') => {
            let root = match super::xmltree::parse(text, base) {
                Ok(root) => root,
                // The commonest breakage: a bare `&` (`?a=1&b=2`). Read
                // again with such ampersands escaped, as feedparser's
                // loose parser does; any other error is the first one.
                Err(first) if first.refused => return Err(NotAFeed::Refused(first.message)),
                Err(first) => {
                    super::xmltree::parse(&escape_bare_ampersands(text), base).map_err(|_| {
                        if looks_like_a_web_page(text) {
                            NotAFeed::Root("html".into())
                        } else {
                            NotAFeed::Xml {
                                line: first.line,
                                message: first.message,
                            }
                        }
                    })?
                }
            };
            xml(&root, base)
        }
        _ => Err(NotAFeed::NotMarkup),
    }
}

/// An HTML page (which is seldom well-formed XML): `<!DOCTYPE html` or
/// `<html` near the start.
fn looks_like_a_web_page(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    head.contains("<!doctype html") || head.contains("<html")
}

/// `text` from its XML declaration or root element on, when something
/// else comes first (a server's warning printed before the feed).
fn skip_leading_junk(text: &str) -> &str {
    let t = text.trim_start();
    if t.starts_with('<') || t.starts_with('{') {
        return t;
    }
    ["<?xml", "<rss", "<rdf:RDF", "<feed"]
        .iter()
        .filter_map(|m| t.find(m))
        .min()
        .map_or(t, |at| &t[at..])
}

/// `text` with every `&` that starts no entity or character reference
/// written `&amp;`, and every `<` that starts no tag written `&lt;`.
fn escape_bare_ampersands(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let name_len = after
            .char_indices()
            .take_while(|&(i, c)| c.is_ascii_alphanumeric() || (i == 0 && c == '#'))
            .count();
        if name_len > 0 && name_len <= 32 && after[name_len..].starts_with(';') {
            out.push('&');
        } else {
            out.push_str("&amp;");
        }
        rest = after;
    }
    out.push_str(rest);
    // A `<` that starts no tag (`a < b`, `<3`) is text.
    let mut fixed = String::with_capacity(out.len());
    let mut chars = out.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<'
            && chars
                .peek()
                .is_none_or(|n| n.is_whitespace() || n.is_ascii_digit() || *n == '=')
        {
            fixed.push_str("&lt;");
        } else {
            fixed.push(c);
        }
    }
    fixed
}

fn xml(root: &Element, base: Option<&url::Url>) -> Result<RawFeed, NotAFeed> {
    match root.name.as_str() {
        "rss" | "RDF" | "rdf" | "channel" => Ok(rss(root, base)),
        "feed" if root.ns != RDF => Ok(atom(root, root, base)),
        "entry" => Ok(atom(root, root, base)),
        other => Err(NotAFeed::Root(other.to_string())),
    }
}

fn is_atom(e: &Element, name: &str) -> bool {
    is_atom_in(e, ATOM10, name)
}

/// Whether `e` is the Atom element `name`, in Atom's namespaces or in
/// `own`, the namespace of the document's root (none at all, in feeds
/// that leave it out).
fn is_atom_in(e: &Element, own: &str, name: &str) -> bool {
    e.name == name && (e.ns == ATOM10 || e.ns == ATOM03 || e.ns == own)
}

fn child<'a>(e: &'a Element, ns: &str, name: &str) -> Option<&'a Element> {
    e.elements().find(|c| c.ns == ns && c.name == name)
}

pub(super) fn nonempty(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// An address resolved against the `xml:base` in scope, else `fallback`.
fn resolve(href: &str, scope: Option<&url::Url>, fallback: Option<&url::Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    match url::Url::parse(href) {
        Ok(u) => Some(u.to_string()),
        Err(url::ParseError::RelativeUrlWithoutBase) => scope
            .or(fallback)
            .and_then(|b| b.join(href).ok())
            .map(|u| u.to_string()),
        Err(_) => None,
    }
}

fn date_of(item: &Element, order: &[(&str, &str)]) -> Option<FeedDate> {
    order
        .iter()
        .filter_map(|(ns, name)| {
            item.elements()
                .find(|c| c.name == *name && (c.ns == *ns || (ns.is_empty() && c.ns.is_empty())))
        })
        .find_map(|c| dates::parse(&c.text()))
}

fn language_tag(s: &str) -> Option<String> {
    nonempty(s.to_string())
}

fn media_title(item: &Element) -> Option<Text> {
    media_text(item, "title")
}

fn media_description(item: &Element) -> Option<Text> {
    media_text(item, "description")
}

/// The first Media RSS element `name` below `item` that holds text.
fn media_text(item: &Element, name: &str) -> Option<Text> {
    item.descendants()
        .into_iter()
        .find(|d| d.name == name && d.ns.starts_with("http://search.yahoo.com/mrss"))
        .and_then(|t| {
            let value = nonempty(t.text())?;
            Some(Text {
                kind: if t.attr("type") == Some("html") {
                    Kind::Html
                } else {
                    Kind::Plain
                },
                value,
                base: t.base.clone(),
            })
        })
}

/// The `href` of the first Atom link with relation `rel` (`alternate`
/// includes links with no `rel`), HTML ones first.
fn atom_link<'a>(e: &'a Element, rel: &str) -> Option<&'a Element> {
    atom_link_in(e, ATOM10, rel)
}

fn atom_link_in<'a>(e: &'a Element, own: &str, rel: &str) -> Option<&'a Element> {
    let links: Vec<&Element> = e
        .elements()
        .filter(|c| is_atom_in(c, own, "link") && c.attr("href").is_some())
        .filter(|c| c.attr("rel").map(str::trim).unwrap_or("alternate") == rel)
        .collect();
    links
        .iter()
        .find(|l| l.attr("type").is_none_or(|t| t.contains("html")))
        .or(links.first())
        .copied()
}

/// A size in bytes as a feed writes it; none when missing, not a number or 0.
fn length(v: Option<&str>) -> Option<u64> {
    v?.trim().parse().ok().filter(|&n| n > 0)
}

/// The Atom categories of `e` (in Atom's namespaces or `own`): each
/// one's `label`, else its `term`.
fn atom_categories(e: &Element, own: &str) -> Vec<String> {
    e.elements()
        .filter(|c| is_atom_in(c, own, "category"))
        .filter_map(|c| {
            c.attr("label")
                .and_then(|l| nonempty(l.to_string()))
                .or_else(|| c.attr("term").and_then(|t| nonempty(t.to_string())))
        })
        .collect()
}

/// The Atom `link rel="enclosure"` of `e`.
fn atom_enclosures(e: &Element, own: &str, fallback: Option<&url::Url>) -> Vec<Media> {
    e.elements()
        .filter(|c| is_atom_in(c, own, "link"))
        .filter(|c| c.attr("rel").map(str::trim) == Some("enclosure"))
        .filter_map(|c| {
            Some(Media {
                url: resolve(c.attr("href")?, c.base.as_ref(), fallback)?,
                mime: c.attr("type").and_then(|t| nonempty(t.to_string())),
                length: length(c.attr("length")),
            })
        })
        .collect()
}

/// Media RSS files of an item: `media:content` (its `type`, else its
/// `medium`) and `media:thumbnail` (an image), also inside `media:group`.
fn media_rss(item: &Element, fallback: Option<&url::Url>) -> Vec<Media> {
    item.descendants()
        .into_iter()
        .filter(|d| d.ns.starts_with("http://search.yahoo.com/mrss"))
        .filter_map(|d| {
            let mime = match d.name.as_str() {
                "content" => d
                    .attr("type")
                    .and_then(|t| nonempty(t.to_string()))
                    .or_else(|| d.attr("medium").and_then(|m| nonempty(m.to_string()))),
                "thumbnail" => Some("image".to_string()),
                _ => return None,
            };
            Some(Media {
                url: resolve(d.attr("url")?, d.base.as_ref(), fallback)?,
                mime,
                length: length(d.attr("fileSize")),
            })
        })
        .collect()
}
