//! Atom 0.3 and 1.0 read into the feed model (prefixed or not, a lone
//! `entry` as a feed of one), with Hatena Blog's formatted content,
//! FeedBurner and Media RSS.

use super::super::dates;
use super::super::xmltree::Element;
use super::text::atom_text;
use super::{
    ATOM03, DC, FEEDBURNER, RawFeed, RawItem, atom_categories, atom_enclosures, atom_link_in,
    child, is_atom_in, language_tag, media_description, media_rss, media_title, nonempty, resolve,
};

pub(super) fn atom(root: &Element, feed_el: &Element, doc_base: Option<&url::Url>) -> RawFeed {
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
