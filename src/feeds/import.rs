//! A feed (RSS 0.9x/1.0/2.0, Atom, JSON Feed) turned into a briefing.
//!
//! `feed-rs` parses all three into one model; this module maps it as
//! DESIGN.md says: the briefing's `title` is the feed's title, `language`
//! the feed's (when it looks like a language tag), `published` the newest
//! item's date; each item is a section whose `heading` is its title (or the
//! first words of its text), `published` its date, `body` its content (else
//! its summary) as plain paragraphs ([`super::html`]), lists as
//! `key_points`, and `sources` its link first, then the other http(s) links
//! it carries. Items with neither a title nor text are skipped and counted.
//!
//! Feed text is untrusted: every string goes through the same sanitising
//! as briefing text ([`crate::text::sanitize`]: escapes and controls become
//! visible symbols, bidi controls are dropped), every source is checked by
//! the loader's own URL rule (only absolute http(s) addresses), and the
//! TOML written is parsed back by the briefing loader before anyone sees
//! it, so whatever the feed holds, `yomu check` accepts the result.

use chrono::{DateTime, FixedOffset, Offset as _, Utc};

use super::{FeedError, encoding, guard, html};
use crate::briefing::{Briefing, Published, Section, Source};

/// Japan's offset: dates of Japanese feeds are written in it.
const JST: i32 = 9 * 3600;

/// Characters of text used as a heading for an item without a title.
const HEADING_FROM_TEXT: usize = 40;

/// The most sources kept for one item.
const MAX_SOURCES: usize = 20;

/// A parsed feed: its items as sections, newest first.
#[derive(Debug, Clone)]
pub struct Feed {
    pub title: String,
    pub language: Option<String>,
    /// Where the feed's own site is (its `<link>`), when http(s).
    pub link: Option<String>,
    /// The offset dates are written in (+09:00 for Japanese feeds, else UTC).
    pub offset: FixedOffset,
    pub items: Vec<Item>,
    /// Items left out for having neither a title nor text.
    pub skipped: usize,
}

/// One item of a feed.
#[derive(Debug, Clone)]
pub struct Item {
    /// What identifies it across fetches: `id:` its id (guid), else
    /// `link:` its link, else `text:` a hash of its heading and text.
    pub key: String,
    pub date: Option<DateTime<FixedOffset>>,
    pub section: Section,
}

/// Parse a feed's bytes. `charset` is the HTTP charset, `source` the
/// feed's address (relative links are resolved against it).
pub fn parse(bytes: &[u8], charset: Option<&str>, source: Option<&str>) -> Result<Feed, FeedError> {
    let decoded = encoding::decode(bytes, charset);
    guard::check(&decoded.text)?;
    let base = source.and_then(|s| url::Url::parse(s).ok());
    let parser = feed_rs::parser::Builder::new()
        .base_uri(source)
        // No made-up ids: an item without one is known by its link.
        .id_generator(|_, _, _| String::new())
        .build();
    let model = parser
        .parse(decoded.text.as_bytes())
        .map_err(|e| FeedError::Parse(crate::text::sanitize_line(&e.to_string()).into_owned()))?;
    for text in texts(&model) {
        html::check_depth(text).map_err(FeedError::Hostile)?;
    }
    Ok(map_feed(model, base.as_ref()))
}

/// Every text of the feed that is read as HTML.
fn texts(model: &feed_rs::model::Feed) -> impl Iterator<Item = &str> {
    let feed_title = model.title.iter().map(|t| t.content.as_str());
    let items = model.entries.iter().flat_map(|e| {
        e.title
            .iter()
            .map(|t| t.content.as_str())
            .chain(e.summary.iter().map(|t| t.content.as_str()))
            .chain(e.content.iter().filter_map(|c| c.body.as_deref()))
    });
    feed_title.chain(items)
}

fn map_feed(model: feed_rs::model::Feed, base: Option<&url::Url>) -> Feed {
    let language = model
        .language
        .as_deref()
        .map(|l| l.trim().replace('_', "-"))
        .filter(|l| crate::briefing::looks_like_language_tag(l));
    let offset = if language
        .as_deref()
        .is_some_and(|l| l.to_ascii_lowercase().starts_with("ja"))
    {
        FixedOffset::east_opt(JST)
    } else {
        FixedOffset::east_opt(0)
    }
    .unwrap_or_else(|| Utc.fix());
    let link = model
        .links
        .iter()
        .map(|l| l.href.as_str())
        .find(|h| crate::briefing::check_url(h).is_ok())
        .map(str::to_string);
    let title = model
        .title
        .as_ref()
        .map(text_line)
        .filter(|t| !t.is_empty())
        .or_else(|| link.as_deref().and_then(host_of))
        .unwrap_or_else(|| "feed".to_string());
    let mut items = Vec::new();
    let mut skipped = 0;
    let mut keys = std::collections::HashSet::new();
    for entry in model.entries {
        match map_item(entry, &title, offset, base) {
            Some(item) if keys.insert(item.key.clone()) => items.push(item),
            // The same item twice in one feed: kept once.
            Some(_) => {}
            None => skipped += 1,
        }
    }
    // Newest first; undated items keep their order after the dated ones.
    items.sort_by_key(|i| std::cmp::Reverse(i.date));
    Feed {
        title,
        language,
        link,
        offset,
        items,
        skipped,
    }
}

/// A feed-rs text (title) as one sanitised line.
fn text_line(t: &feed_rs::model::Text) -> String {
    let s = if t.content_type.subty().as_str() == "html"
        || t.content.contains('<')
        || t.content.contains('&')
    {
        html::inline(&t.content)
    } else {
        t.content.clone()
    };
    one_line(&s)
}

/// Sanitised, on one line, spaces collapsed.
fn one_line(s: &str) -> String {
    let clean = crate::text::sanitize_line(s);
    clean
        .replace('␤', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Sanitised field text (line breaks kept).
fn field(s: &str) -> String {
    crate::text::sanitize(s).trim().to_string()
}

fn host_of(url: &str) -> Option<String> {
    url::Url::parse(url).ok()?.host_str().map(str::to_string)
}

fn map_item(
    e: feed_rs::model::Entry,
    feed_title: &str,
    offset: FixedOffset,
    feed_base: Option<&url::Url>,
) -> Option<Item> {
    let link = e
        .links
        .iter()
        .filter(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .chain(e.links.iter())
        .map(|l| l.href.trim())
        .find(|h| crate::briefing::check_url(h).is_ok())
        .map(str::to_string);
    let base = link
        .as_deref()
        .and_then(|l| url::Url::parse(l).ok())
        .or_else(|| feed_base.cloned());
    let converted = match (&e.content, &e.summary) {
        (Some(c), _) if c.body.as_deref().is_some_and(|b| !b.trim().is_empty()) => {
            let body = c.body.as_deref().unwrap_or_default();
            if c.content_type.subty().as_str() == "plain" {
                html::Converted {
                    paragraphs: html::plain(body),
                    ..Default::default()
                }
            } else {
                html::convert(body, base.as_ref())
            }
        }
        (_, Some(s)) if s.content_type.subty().as_str() == "plain" => html::Converted {
            paragraphs: html::plain(&s.content),
            ..Default::default()
        },
        (_, Some(s)) => html::convert(&s.content, base.as_ref()),
        _ => html::Converted::default(),
    };
    let body: Vec<String> = converted
        .paragraphs
        .iter()
        .map(|p| field(p))
        .filter(|p| !p.is_empty())
        .collect();
    let key_points: Vec<String> = converted
        .key_points
        .iter()
        .map(|p| field(p))
        .filter(|p| !p.is_empty())
        .collect();
    let title = e.title.as_ref().map(text_line).filter(|t| !t.is_empty());
    let heading = match title {
        Some(t) => t,
        None => {
            let first = body.first().or(key_points.first())?;
            let line = one_line(first);
            let mut cut: String = line.chars().take(HEADING_FROM_TEXT).collect();
            if cut.len() < line.len() {
                cut.push('…');
            }
            cut
        }
    };
    let date = e.published.or(e.updated).map(|d| d.with_timezone(&offset));
    let mut sources = Vec::new();
    if let Some(l) = &link {
        sources.push(Source {
            name: feed_title.to_string(),
            url: l.clone(),
        });
    }
    for l in &converted.links {
        if sources.len() >= MAX_SOURCES {
            break;
        }
        if crate::briefing::check_url(l).is_ok() && !sources.iter().any(|s| &s.url == l) {
            sources.push(Source {
                name: one_line(&host_of(l).unwrap_or_else(|| l.clone())),
                url: l.clone(),
            });
        }
    }
    let id = e.id.trim();
    let key = if !id.is_empty() {
        format!("id:{id}")
    } else if let Some(l) = &link {
        format!("link:{l}")
    } else {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        heading.hash(&mut h);
        body.hash(&mut h);
        format!("text:{:016x}", h.finish())
    };
    Some(Item {
        key,
        date,
        section: Section {
            heading,
            id: section_id(id, link.as_deref()),
            question: None,
            answer: None,
            lead: None,
            published: date.and_then(published),
            key_points,
            body,
            commentary: Vec::new(),
            sources,
        },
    })
}

/// A section's `id`: the item's guid (Atom id, JSON Feed id), else its
/// link; one that is too long or holds control characters is left out
/// (the section is then known by its content).
fn section_id(id: &str, link: Option<&str>) -> Option<String> {
    let fits = |s: &&str| {
        !s.is_empty()
            && s.chars().count() <= crate::briefing::article::MAX_ID_CHARS
            && !s.chars().any(char::is_control)
    };
    [Some(id.trim()), link.map(str::trim)]
        .into_iter()
        .flatten()
        .find(fits)
        .map(str::to_string)
}

/// A date as a briefing's `published` (an offset date-time).
pub fn published(d: DateTime<FixedOffset>) -> Option<Published> {
    d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        .parse()
        .ok()
        .map(Published)
}

/// A briefing of `items` (newest first) titled `title`.
pub fn briefing_of(feed: &Feed, title: String, items: Vec<Section>) -> Briefing {
    let published = items
        .iter()
        .filter_map(|s| s.published)
        .max_by_key(|p| p.sort_key());
    Briefing {
        title,
        subtitle: None,
        summary: None,
        published,
        language: feed.language.clone(),
        tags: Vec::new(),
        takeaways: Vec::new(),
        sections: items,
    }
}

/// The whole feed as one briefing, as TOML checked by the loader
/// (`yomu import`).
pub fn import(
    bytes: &[u8],
    charset: Option<&str>,
    source: Option<&str>,
) -> Result<String, FeedError> {
    import_counted(bytes, charset, source).map(|(toml, _)| toml)
}

/// [`import`], and how many items were left out for having neither a
/// title nor text.
pub fn import_counted(
    bytes: &[u8],
    charset: Option<&str>,
    source: Option<&str>,
) -> Result<(String, usize), FeedError> {
    let feed = parse(bytes, charset, source)?;
    if feed.items.is_empty() {
        return Err(FeedError::Empty);
    }
    let sections = feed.items.iter().map(|i| i.section.clone()).collect();
    let b = briefing_of(&feed, feed.title.clone(), sections);
    Ok((checked(&to_toml(&b))?, feed.skipped))
}

/// `toml` when the briefing loader accepts it (and it fits the size limit).
pub fn checked(toml: &str) -> Result<String, FeedError> {
    if toml.len() as u64 > crate::briefing::MAX_FILE_SIZE {
        return Err(FeedError::TooLarge(toml.len()));
    }
    match crate::briefing::parse_str("imported.toml", toml) {
        Ok(_) => Ok(toml.to_string()),
        Err(d) => Err(FeedError::Invalid(
            d.first().map(|d| d.to_string()).unwrap_or_default(),
        )),
    }
}

/// A TOML string literal.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn string_array(out: &mut String, key: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.push_str(key);
    out.push_str(" = [\n");
    for i in items {
        out.push_str("  ");
        out.push_str(&quote(i));
        out.push_str(",\n");
    }
    out.push_str("]\n");
}

fn optional(out: &mut String, key: &str, v: Option<&String>) {
    if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
        out.push_str(&format!("{key} = {}\n", quote(v)));
    }
}

/// A briefing written as TOML, in the order of the format's documentation.
pub fn to_toml(b: &Briefing) -> String {
    let mut out = String::new();
    out.push_str(&format!("title = {}\n", quote(&b.title)));
    optional(&mut out, "subtitle", b.subtitle.as_ref());
    optional(&mut out, "summary", b.summary.as_ref());
    if let Some(p) = b.published {
        out.push_str(&format!("published = {}\n", p.rfc3339()));
    }
    optional(&mut out, "language", b.language.as_ref());
    string_array(&mut out, "tags", &b.tags);
    string_array(&mut out, "takeaways", &b.takeaways);
    for s in &b.sections {
        out.push_str("\n[[sections]]\n");
        out.push_str(&format!("heading = {}\n", quote(&s.heading)));
        optional(&mut out, "id", s.id.as_ref());
        optional(&mut out, "question", s.question.as_ref());
        optional(&mut out, "answer", s.answer.as_ref());
        optional(&mut out, "lead", s.lead.as_ref());
        if let Some(p) = s.published {
            out.push_str(&format!("published = {}\n", p.rfc3339()));
        }
        string_array(&mut out, "key_points", &s.key_points);
        string_array(&mut out, "body", &s.body);
        string_array(&mut out, "commentary", &s.commentary);
        for src in &s.sources {
            out.push_str("\n[[sections.sources]]\n");
            out.push_str(&format!(
                "name = {}\nurl = {}\n",
                quote(&src.name),
                quote(&src.url)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>テスト新聞</title><link>https://news.example.jp/</link>
<language>ja</language>
<item><title>円安が進む</title><link>https://news.example.jp/a/1</link><guid>a1</guid>
<pubDate>Tue, 04 Mar 2025 00:30:00 GMT</pubDate>
<description>&lt;p&gt;為替市場で&lt;b&gt;円安&lt;/b&gt;が進んだ。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;一ドル150円&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;詳しくは&lt;a href="/b/2"&gt;こちら&lt;/a&gt;&lt;/p&gt;&lt;script&gt;evil()&lt;/script&gt;</description></item>
<item><title>&#x1b;]2;pwned&#x7;見出し</title><link>javascript:alert(1)</link></item>
<item></item>
</channel></rss>"#;

    #[test]
    fn an_rss_feed_becomes_a_checked_briefing() {
        let toml = import(RSS.as_bytes(), None, Some("https://news.example.jp/rss")).unwrap();
        let b = crate::briefing::parse_str("x.toml", &toml)
            .unwrap()
            .briefing;
        assert_eq!(b.title, "テスト新聞");
        assert_eq!(b.language.as_deref(), Some("ja"));
        assert_eq!(b.published.unwrap().rfc3339(), "2025-03-04T09:30:00+09:00");
        let s = &b.sections[0];
        assert_eq!(s.heading, "円安が進む");
        assert_eq!(s.body, ["為替市場で円安が進んだ。", "詳しくはこちら"]);
        assert_eq!(s.key_points, ["一ドル150円"]);
        let urls: Vec<_> = s.sources.iter().map(|s| s.url.as_str()).collect();
        assert_eq!(
            urls,
            ["https://news.example.jp/a/1", "https://news.example.jp/b/2"]
        );
        // The escape is visible text, the javascript: link is no source.
        assert_eq!(b.sections[1].heading, "␛]2;pwned␇見出し");
        assert!(b.sections[1].sources.is_empty());
        assert_eq!(b.sections.len(), 2);
        assert!(!toml.contains('\u{1b}'));
    }

    #[test]
    fn atom_and_json_feed() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">&lt;b&gt;Atom&lt;/b&gt; news</title>
<entry><id>urn:1</id><title>One</title><updated>2025-01-02T03:04:05Z</updated><link href="https://a.example/1"/>
<content type="html">&lt;p&gt;Hello&lt;/p&gt;</content></entry></feed>"#;
        let toml = import(atom.as_bytes(), None, None).unwrap();
        assert!(
            toml.starts_with("title = \"Atom news\"\npublished = 2025-01-02T03:04:05Z\n"),
            "{toml}"
        );
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J","language":"en",
"items":[{"id":"1","content_text":"First line\n\nSecond","url":"https://j.example/1"}]}"#;
        let b = crate::briefing::parse_str("j", &import(json.as_bytes(), None, None).unwrap())
            .unwrap()
            .briefing;
        assert_eq!(b.sections[0].heading, "First line");
        assert_eq!(b.sections[0].body, ["First line", "Second"]);
    }

    #[test]
    fn rss_1_0_and_0_91() {
        let rdf = r#"<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://r.example/"><title>RDFニュース</title><link>https://r.example/</link><dc:language>ja</dc:language></channel>
<item rdf:about="https://r.example/1"><title>一</title><link>https://r.example/1</link><description>本文</description><dc:date>2025-03-04T09:00:00+09:00</dc:date></item></rdf:RDF>"#;
        let b = crate::briefing::parse_str("r", &import(rdf.as_bytes(), None, None).unwrap())
            .unwrap()
            .briefing;
        assert_eq!(
            (b.title.as_str(), b.sections[0].heading.as_str()),
            ("RDFニュース", "一")
        );
        assert_eq!(b.sections[0].sources[0].url, "https://r.example/1");
        let old = r#"<rss version="0.91"><channel><title>Old</title><item><title>Item</title><link>https://o.example/1</link><description>Text</description></item></channel></rss>"#;
        let b = crate::briefing::parse_str("o", &import(old.as_bytes(), None, None).unwrap())
            .unwrap()
            .briefing;
        assert_eq!(b.sections[0].body, ["Text"]);
    }

    #[test]
    fn broken_and_empty_feeds_are_errors() {
        assert!(matches!(
            import(b"<rss><channel><title>x", None, None),
            Err(FeedError::Parse(_)) | Err(FeedError::Empty)
        ));
        assert!(matches!(
            import(b"hello", None, None),
            Err(FeedError::Parse(_))
        ));
        assert_eq!(
            import(
                b"<rss version=\"2.0\"><channel><title>t</title></channel></rss>",
                None,
                None
            ),
            Err(FeedError::Empty)
        );
    }
}
