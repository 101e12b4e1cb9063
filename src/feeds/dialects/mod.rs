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

mod json;
mod text;

use super::dates::{self, FeedDate};
use super::xmltree::Element;
use json::json;
pub use text::looks_like_html;
use text::{atom_text, rss_text};

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

/// Whether `e` is the RSS element `name`: no namespace, the root's own
/// (RSS 2.0 in a default namespace), RSS 1.0's or 0.90's.
fn is_rss(e: &Element, root_ns: &str, name: &str) -> bool {
    e.name == name
        && (e.ns.is_empty()
            || e.ns == root_ns
            || e.ns == RSS10
            || e.ns == RSS090
            // RSS 0.90 was also published under channel.netscape.com.
            || e.ns.ends_with("/rdf/simple/0.9/"))
        && e.ns != RDF
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

fn rss(root: &Element, doc_base: Option<&url::Url>) -> RawFeed {
    let root_ns = root.ns.as_str();
    let channel = if root.name == "channel" {
        Some(root)
    } else {
        root.elements().find(|e| is_rss(e, root_ns, "channel"))
    };
    let dialect = if root.name == "rss" {
        match root.attr("version").map(str::trim) {
            Some(v) if !v.is_empty() => format!("RSS {v}"),
            _ => "RSS".to_string(),
        }
    } else if root.ns == RDF && channel.is_some_and(|c| c.ns.ends_with("/rdf/simple/0.9/")) {
        "RSS 0.90".to_string()
    } else {
        "RSS 1.0".to_string()
    };
    let mut feed = RawFeed {
        dialect,
        ..Default::default()
    };
    let Some(channel) = channel else {
        return feed;
    };
    let text_child = |e: &Element, name: &str| {
        e.elements()
            .find(|c| is_rss(c, root_ns, name))
            .and_then(|c| nonempty(c.text()))
    };
    feed.title = channel
        .elements()
        .find(|c| is_rss(c, root_ns, "title"))
        .or_else(|| child(channel, DC, "title"))
        .and_then(rss_text);
    let self_link = atom_link(channel, "self")
        .and_then(|l| resolve(l.attr("href").unwrap_or(""), l.base.as_ref(), doc_base))
        .and_then(|s| url::Url::parse(&s).ok());
    feed.link = channel
        .elements()
        .find(|c| is_rss(c, root_ns, "link"))
        .and_then(|l| resolve(&l.text(), l.base.as_ref(), self_link.as_ref()))
        .or_else(|| {
            atom_link(channel, "alternate")
                .and_then(|l| resolve(l.attr("href").unwrap_or(""), l.base.as_ref(), doc_base))
        });
    let channel_link = feed.link.as_deref().and_then(|l| url::Url::parse(l).ok());
    feed.language = text_child(channel, "language")
        .or_else(|| child(channel, DC, "language").and_then(|l| nonempty(l.text())))
        .or_else(|| channel.lang.clone())
        .or_else(|| root.lang.clone())
        .and_then(|l| language_tag(&l));
    // Items: the channel's (RSS 0.9x, 2.0) and the root's (RSS 0.90, 1.0).
    let items = channel
        .elements()
        .chain(
            if std::ptr::eq(channel, root) {
                None
            } else {
                Some(root.elements())
            }
            .into_iter()
            .flatten(),
        )
        .filter(|e| is_rss(e, root_ns, "item"));
    // Relative addresses with no xml:base: the document's address, else
    // the feed's own, else the channel link.
    let fallback = doc_base.cloned().or(self_link).or(channel_link);
    for item in items {
        feed.items.push(rss_item(item, root_ns, fallback.as_ref()));
    }
    feed
}

fn rss_item(item: &Element, root_ns: &str, fallback: Option<&url::Url>) -> RawItem {
    let find = |name: &str| item.elements().find(|c| is_rss(c, root_ns, name));
    let guid = find("guid");
    let id = guid
        .and_then(|g| nonempty(g.text()))
        .or_else(|| {
            item.attr_ns(RDF, "about")
                .and_then(|a| nonempty(a.to_string()))
        })
        .or_else(|| {
            item.elements()
                .find(|c| is_atom(c, "id"))
                .and_then(|c| nonempty(c.text()))
        });
    let resolve_in = |e: &Element, href: &str| resolve(href, e.base.as_ref(), fallback);
    let link = child(item, FEEDBURNER, "origLink")
        .and_then(|l| resolve_in(l, &l.text()))
        .or_else(|| find("link").and_then(|l| resolve_in(l, &l.text())))
        .or_else(|| {
            atom_link(item, "alternate").and_then(|l| resolve_in(l, l.attr("href").unwrap_or("")))
        })
        .or_else(|| {
            let g = guid?;
            let permalink = g
                .attr("isPermaLink")
                .is_none_or(|p| !p.trim().eq_ignore_ascii_case("false"));
            let text = g.text();
            let text = text.trim();
            // A guid is an address only when it says so and reads as one.
            (permalink && (text.contains("://") || text.starts_with('/')))
                .then(|| resolve_in(g, text))
                .flatten()
        })
        .filter(|l| l.starts_with("http://") || l.starts_with("https://"));
    let title = find("title")
        .and_then(rss_text)
        .or_else(|| child(item, DC, "title").and_then(rss_text))
        .or_else(|| media_title(item));
    let content = child(item, CONTENT, "encoded")
        .and_then(rss_text)
        .or_else(|| {
            child(item, XHTML, "body").and_then(|b| {
                nonempty(b.inner_markup()).map(|value| Text {
                    kind: Kind::Html,
                    value,
                    base: b.base.clone(),
                })
            })
        })
        .or_else(|| {
            item.elements()
                .find(|c| is_atom(c, "content"))
                .and_then(atom_text)
        });
    let summary = find("description")
        .and_then(rss_text)
        .or_else(|| child(item, DC, "description").and_then(rss_text))
        .or_else(|| {
            item.elements()
                .find(|c| is_atom(c, "summary"))
                .and_then(atom_text)
        })
        .or_else(|| media_description(item));
    let date = date_of(
        item,
        &[
            ("", "pubDate"),
            (root_ns, "pubDate"),
            (DC, "date"),
            (DCTERMS, "issued"),
            (DCTERMS, "created"),
            (DCTERMS, "date"),
            (DCTERMS, "modified"),
            (ATOM10, "published"),
            (ATOM10, "updated"),
        ],
    );
    let mut categories: Vec<String> = item
        .elements()
        .filter(|c| is_rss(c, root_ns, "category") || (c.ns == DC && c.name == "subject"))
        .filter_map(|c| nonempty(c.text()))
        .collect();
    categories.extend(atom_categories(item, ATOM10));
    let mut media: Vec<Media> = item
        .elements()
        .filter(|c| is_rss(c, root_ns, "enclosure"))
        .filter_map(|c| {
            Some(Media {
                url: resolve_in(c, c.attr("url")?)?,
                mime: c.attr("type").and_then(|t| nonempty(t.to_string())),
                length: length(c.attr("length")),
            })
        })
        .collect();
    media.extend(atom_enclosures(item, ATOM10, fallback));
    media.extend(media_rss(item, fallback));
    RawItem {
        id,
        title,
        link,
        content,
        summary,
        date,
        lang: item.lang.clone(),
        categories,
        media,
    }
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

fn atom(root: &Element, feed_el: &Element, doc_base: Option<&url::Url>) -> RawFeed {
    let dialect = if root.ns == ATOM03 || root.attr("version").is_some_and(|v| v.trim() == "0.3") {
        "Atom 0.3"
    } else {
        "Atom 1.0"
    };
    let mut feed = RawFeed {
        dialect: dialect.to_string(),
        ..Default::default()
    };
    let own = feed_el.ns.as_str();
    let is_atom = |e: &Element, name: &str| is_atom_in(e, own, name);
    let atom_link = |e, rel| atom_link_in(e, own, rel);
    let href = |l: &Element| resolve(l.attr("href").unwrap_or(""), l.base.as_ref(), doc_base);
    let self_link = atom_link(feed_el, "self")
        .and_then(href)
        .and_then(|s| url::Url::parse(&s).ok());
    feed.link = atom_link(feed_el, "alternate").and_then(|l| {
        resolve(
            l.attr("href").unwrap_or(""),
            l.base.as_ref(),
            self_link.as_ref(),
        )
    });
    let fallback = doc_base
        .cloned()
        .or(self_link)
        .or_else(|| feed.link.as_deref().and_then(|l| url::Url::parse(l).ok()));
    feed.language = feed_el.lang.clone().and_then(|l| language_tag(&l));
    let entries: Vec<&Element> = if feed_el.name == "entry" {
        vec![feed_el]
    } else {
        feed.title = feed_el
            .elements()
            .find(|c| is_atom(c, "title"))
            .and_then(atom_text);
        feed_el.elements().filter(|c| is_atom(c, "entry")).collect()
    };
    for entry in entries {
        let find = |name: &str| entry.elements().find(|c| is_atom(c, name));
        let link = atom_link(entry, "alternate")
            .and_then(|l| {
                resolve(
                    l.attr("href").unwrap_or(""),
                    l.base.as_ref(),
                    fallback.as_ref(),
                )
            })
            .or_else(|| {
                child(entry, FEEDBURNER, "origLink")
                    .and_then(|l| resolve(&l.text(), l.base.as_ref(), fallback.as_ref()))
            })
            .filter(|l| l.starts_with("http://") || l.starts_with("https://"));
        let date = ["published", "issued", "created"]
            .into_iter()
            .filter_map(&find)
            .chain(child(entry, DC, "date"))
            .chain(["updated", "modified"].into_iter().filter_map(&find))
            .find_map(|c| dates::parse(&c.text()));
        // With no link, an id that is a web address is the link (as
        // feedparser reads it).
        let link = link.or_else(|| {
            find("id")
                .map(|i| i.text().trim().to_string())
                .filter(|i| i.starts_with("http://") || i.starts_with("https://"))
        });
        feed.items.push(RawItem {
            id: find("id").and_then(|i| nonempty(i.text())),
            title: find("title")
                .and_then(atom_text)
                .or_else(|| media_title(entry)),
            link,
            // Hatena Blog gives the HTML it made of a Markdown entry
            // beside it: the HTML is the article as shown.
            content: entry
                .elements()
                .find(|c| c.name == "formatted-content")
                .and_then(atom_text)
                .or_else(|| find("content").and_then(atom_text)),
            summary: find("summary")
                .and_then(atom_text)
                .or_else(|| media_description(entry)),
            date,
            lang: entry.lang.clone(),
            categories: atom_categories(entry, own),
            media: atom_enclosures(entry, own, fallback.as_ref())
                .into_iter()
                .chain(media_rss(entry, fallback.as_ref()))
                .collect(),
        });
    }
    feed
}
