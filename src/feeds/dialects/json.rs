//! JSON Feed, read through `feed-rs` into the same model as the XML
//! dialects (dates keep their instant).

use super::super::dates::FeedDate;
use super::{Kind, Media, NotAFeed, RawFeed, RawItem, Text, nonempty, resolve};

/// JSON Feed, through `feed-rs` (dates keep their instant).
pub(super) fn json(text: &str, base: Option<&url::Url>) -> Result<RawFeed, NotAFeed> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base.map(url::Url::as_str))
        .id_generator(|_, _, _| String::new())
        .build();
    let model = match parser.parse(text.as_bytes()) {
        Ok(m) => m,
        // A JSON Feed whose `version` is not the address of a version of
        // the format (`"1.0"`): read as the current version.
        Err(feed_rs::parser::ParseFeedError::JsonUnsupportedVersion(_)) => {
            let mut v: serde_json::Value =
                serde_json::from_str(text).map_err(|e| NotAFeed::Json(e.to_string()))?;
            if let Some(o) = v.as_object_mut() {
                o.insert(
                    "version".into(),
                    serde_json::Value::String("https://jsonfeed.org/version/1.1".into()),
                );
            }
            parser.parse(v.to_string().as_bytes()).map_err(|e| {
                NotAFeed::Json(crate::text::sanitize_line(&e.to_string()).into_owned())
            })?
        }
        Err(e) => {
            return Err(NotAFeed::Json(
                crate::text::sanitize_line(&e.to_string()).into_owned(),
            ));
        }
    };
    let text_of = |t: &feed_rs::model::Text| Text {
        kind: if t.content_type.subty().as_str() == "plain" {
            Kind::Plain
        } else {
            Kind::Html
        },
        value: t.content.clone(),
        base: None,
    };
    let mut feed = RawFeed {
        dialect: "JSON Feed".into(),
        title: model.title.as_ref().map(text_of),
        language: model.language.clone(),
        link: model.links.first().map(|l| l.href.clone()),
        items: Vec::new(),
    };
    // feed-rs reads neither `image` nor `banner_image`: taken from the
    // items as written (in the same order as its entries).
    let images: Vec<Vec<String>> = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| {
            Some(
                v.get("items")?
                    .as_array()?
                    .iter()
                    .map(|i| {
                        ["image", "banner_image"]
                            .into_iter()
                            .filter_map(|k| i.get(k)?.as_str())
                            .filter_map(|u| resolve(u, None, base))
                            .collect()
                    })
                    .collect(),
            )
        })
        .unwrap_or_default();
    for (k, e) in model.entries.iter().enumerate() {
        let content = e.content.as_ref().and_then(|c| {
            let body = c.body.clone()?;
            Some(Text {
                kind: if c.content_type.subty().as_str() == "plain" {
                    Kind::Plain
                } else {
                    Kind::Html
                },
                value: body,
                base: None,
            })
        });
        feed.items.push(RawItem {
            id: nonempty(e.id.clone()),
            title: e.title.as_ref().map(text_of),
            link: e
                .links
                .iter()
                .filter(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .filter(|l| l.media_type.is_none())
                .chain(e.links.iter())
                .map(|l| l.href.trim().to_string())
                .find(|h| h.starts_with("http://") || h.starts_with("https://")),
            content,
            summary: e.summary.as_ref().map(text_of),
            date: e
                .published
                .or(e.updated)
                .map(|d| FeedDate::At(d.fixed_offset())),
            lang: None,
            categories: e
                .categories
                .iter()
                .filter_map(|c| nonempty(c.term.clone()))
                .collect(),
            // Attachments are the links feed-rs gave a type.
            media: e
                .links
                .iter()
                .filter(|l| l.media_type.is_some())
                .filter_map(|l| {
                    Some(Media {
                        url: resolve(&l.href, None, base)?,
                        mime: l.media_type.clone(),
                        length: l.length.filter(|&n| n > 0),
                    })
                })
                .chain(images.get(k).into_iter().flatten().map(|u| Media {
                    url: u.clone(),
                    mime: Some("image".into()),
                    length: None,
                }))
                .collect(),
        });
    }
    Ok(feed)
}
