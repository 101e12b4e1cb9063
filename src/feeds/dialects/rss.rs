//! RSS in all its versions read into the feed model: 0.90, 0.91–0.94 and
//! 2.0 (with or without a version, with no namespace, in a default
//! namespace, or with prefixed elements) and RSS 1.0 (RDF), with the
//! Dublin Core, `content:encoded`, FeedBurner and Media RSS extensions.

use super::super::xmltree::Element;
use super::text::{atom_text, rss_text};
use super::{
    ATOM10, CONTENT, DC, DCTERMS, FEEDBURNER, Kind, Media, RDF, RSS10, RSS090, RawFeed, RawItem,
    Text, XHTML, atom_categories, atom_enclosures, atom_link, child, date_of, is_atom,
    language_tag, length, media_description, media_rss, media_title, nonempty, resolve,
};

pub(super) fn rss(root: &Element, doc_base: Option<&url::Url>) -> RawFeed {
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
