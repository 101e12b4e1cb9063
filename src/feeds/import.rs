//! A feed (RSS 0.9x/1.0/2.0, Atom, JSON Feed) turned into a briefing.
//!
//! [`super::dialects`] reads every dialect into one model; this module maps
//! it as DESIGN.md says: the briefing's `title` is the feed's title,
//! `language` the feed's (when it looks like a language tag), `published`
//! the newest item's date; each item is a section whose `heading` is its
//! title (or the first words of its text), `published` its date (in +09:00
//! for a Japanese feed, else UTC; a date with no time stays a date), `body`
//! its content (else its summary) as plain paragraphs ([`super::html`]),
//! lists as `key_points`, `tags` its categories, and `sources` its link
//! first, then the files it carries (enclosures, images: [`super::media`]),
//! then the other http(s) links of its text. Items with neither a title nor text are
//! skipped and counted; an item with the id (else the link) of an earlier
//! one is merged into it and counted, by reason ([`Merged`]).
//!
//! Feed text is untrusted: every string goes through the same sanitising
//! as briefing text ([`crate::text::sanitize`]: escapes and controls become
//! visible symbols, bidi controls are dropped), every source is checked by
//! the loader's own URL rule (only absolute http(s) addresses), and the
//! TOML written is parsed back by the briefing loader before anyone sees
//! it, so whatever the feed holds, `yomu check` accepts the result.

use chrono::{DateTime, FixedOffset, Offset as _, Utc};

use super::dates::FeedDate;
use super::dialects::{self, Kind, RawFeed, RawItem, Text};
use super::{FeedError, encoding, guard, html};
use crate::briefing::{Briefing, Published, Section, Source};

/// Japan's offset: dates of Japanese feeds are written in it.
const JST: i32 = 9 * 3600;

/// Characters of text used as a heading for an item without a title.
const HEADING_FROM_TEXT: usize = 40;

/// The most sources kept for one item.
const MAX_SOURCES: usize = 20;

/// The most tags kept for one item, and the characters kept of each.
const MAX_TAGS: usize = 20;
const MAX_TAG_CHARS: usize = 100;

/// A parsed feed: its items as sections, newest first.
#[derive(Debug, Clone)]
pub struct Feed {
    pub title: String,
    /// Whether the title is the feed's own (else its site's host, or `feed`).
    pub titled: bool,
    pub language: Option<String>,
    /// Where the feed's own site is (its `<link>`), when http(s).
    pub link: Option<String>,
    /// The offset dates are written in (+09:00 for Japanese feeds, else UTC).
    pub offset: FixedOffset,
    pub items: Vec<Item>,
    /// Items left out for having neither a title nor text.
    pub skipped: usize,
    /// Items merged into an earlier one with the same id or link.
    pub merged: Merged,
    /// The dialect it was written in ("RSS 2.0", "Atom 0.3", …).
    pub dialect: String,
}

/// Items of one feed merged into an earlier item, by reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Merged {
    /// The same id (RSS `guid`, RSS 1.0 `rdf:about`, Atom `id`).
    pub same_id: usize,
    /// No id, and the same link.
    pub same_link: usize,
    /// No id nor link, and the same heading and text.
    pub same_text: usize,
}

impl Merged {
    pub fn total(&self) -> usize {
        self.same_id + self.same_link + self.same_text
    }

    /// `2 items repeated an earlier one and were merged into it (1 by id,
    /// 1 by link)`, or `None` when none were.
    pub fn message(&self) -> Option<String> {
        let n = self.total();
        if n == 0 {
            return None;
        }
        use crate::i18n::{Lang, Msg, lang, tf};
        let why: Vec<String> = [
            (self.same_id, Msg::CliMergedById),
            (self.same_link, Msg::CliMergedByLink),
            (self.same_text, Msg::CliMergedByText),
        ]
        .into_iter()
        .filter(|(k, _)| *k > 0)
        .map(|(k, m)| tf(m, &[&k]))
        .collect();
        let why = why.join(if lang() == Lang::Ja { "、" } else { ", " });
        Some(if n == 1 {
            tf(Msg::CliMergedOne, &[&why])
        } else {
            tf(Msg::CliMerged, &[&n, &why])
        })
    }
}

/// One item of a feed.
#[derive(Debug, Clone)]
pub struct Item {
    /// What identifies it across fetches: `id:` its id (guid, RSS 1.0
    /// `rdf:about`, Atom id), else `link:` its link, else `text:` a hash of
    /// its heading and text.
    pub key: String,
    /// Its id as the feed wrote it (guid, `rdf:about`, Atom id), else its
    /// link: what a section's id is made of.
    pub id: Option<String>,
    pub date: Option<DateTime<FixedOffset>>,
    pub section: Section,
}

/// Parse a feed's bytes. `charset` is the HTTP charset, `source` the
/// feed's address (relative links are resolved against it).
pub fn parse(bytes: &[u8], charset: Option<&str>, source: Option<&str>) -> Result<Feed, FeedError> {
    let decoded = encoding::decode(bytes, charset);
    guard::check(&decoded.text)?;
    let base = source.and_then(|s| url::Url::parse(s).ok());
    let raw = dialects::read(&decoded.text, base.as_ref()).map_err(|e| match e {
        dialects::NotAFeed::Refused(why) => FeedError::Hostile(why),
        e => FeedError::Parse(e.to_string()),
    })?;
    for text in texts(&raw) {
        html::check_depth(text).map_err(FeedError::Hostile)?;
    }
    Ok(map_feed(raw, base.as_ref()))
}

/// Every text of the feed that may be read as HTML.
fn texts(raw: &RawFeed) -> impl Iterator<Item = &str> {
    let items = raw.items.iter().flat_map(|e| {
        [&e.title, &e.summary, &e.content]
            .into_iter()
            .flatten()
            .map(|t| t.value.as_str())
    });
    raw.title.iter().map(|t| t.value.as_str()).chain(items)
}

/// Whether a language tag is Japanese.
fn is_japanese(tag: &str) -> bool {
    let l = tag.to_ascii_lowercase();
    l == "ja" || l.starts_with("ja-") || l == "jp" || l.starts_with("ja_")
}

fn map_feed(raw: RawFeed, base: Option<&url::Url>) -> Feed {
    let language = raw
        .language
        .as_deref()
        .or_else(|| raw.items.iter().find_map(|i| i.lang.as_deref()))
        .map(|l| l.trim().replace('_', "-"))
        // `jp`, `jpn` and `Japanese` are no language tags but mean
        // Japanese in feeds.
        .map(|l| {
            if ["jp", "jpn", "japanese"]
                .iter()
                .any(|j| l.eq_ignore_ascii_case(j))
            {
                "ja".into()
            } else {
                l
            }
        })
        .filter(|l| crate::briefing::looks_like_language_tag(l));
    // Japanese feeds are shown in Japan's offset; so is a feed that names
    // no language but writes its dates in +09:00.
    let written_in_japan = || {
        let offsets: Vec<i32> = raw
            .items
            .iter()
            .filter_map(|i| match i.date {
                Some(FeedDate::At(d)) => Some(d.offset().local_minus_utc()),
                _ => None,
            })
            .collect();
        !offsets.is_empty() && offsets.iter().all(|&o| o == JST)
    };
    let japanese = match &language {
        Some(l) => is_japanese(l),
        None => written_in_japan(),
    };
    let offset = FixedOffset::east_opt(if japanese { JST } else { 0 }).unwrap_or_else(|| Utc.fix());
    let link = raw
        .link
        .clone()
        .filter(|h| crate::briefing::check_url(h).is_ok());
    let own_title = raw.title.as_ref().map(text_line).filter(|t| !t.is_empty());
    let titled = own_title.is_some();
    let title = own_title
        .or_else(|| link.as_deref().and_then(host_of))
        .unwrap_or_else(|| "feed".to_string());
    let feed_base = base
        .cloned()
        .or_else(|| link.as_deref().and_then(|l| url::Url::parse(l).ok()));
    let mut items = Vec::new();
    let mut skipped = 0;
    let mut merged = Merged::default();
    let mut keys = std::collections::HashSet::new();
    for entry in raw.items {
        match map_item(entry, &title, offset, feed_base.as_ref()) {
            Some(item) if keys.insert(item.key.clone()) => items.push(item),
            // The same item twice in one feed: kept once, and counted.
            Some(item) => match item.key.split_once(':').map(|(k, _)| k) {
                Some("id") => merged.same_id += 1,
                Some("link") => merged.same_link += 1,
                _ => merged.same_text += 1,
            },
            None => skipped += 1,
        }
    }
    // Newest first; undated items keep their order after the dated ones.
    items.sort_by_key(|i| std::cmp::Reverse(i.date));
    Feed {
        title,
        titled,
        language,
        link,
        offset,
        items,
        skipped,
        merged,
        dialect: raw.dialect,
    }
}

/// A feed text (a title) as one sanitised line.
fn text_line(t: &Text) -> String {
    // RSS titles were sorted into HTML or text when read; Atom's say.
    let s = if t.kind == Kind::Html {
        html::inline(&t.value)
    } else {
        t.value.clone()
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

/// A text of an item converted; `base` resolves its relative links.
fn convert(t: &Text, base: Option<&url::Url>) -> html::Converted {
    match t.kind {
        Kind::Plain => html::Converted {
            paragraphs: html::plain(&t.value),
            ..Default::default()
        },
        Kind::Html => html::convert(&t.value, t.base.as_ref().or(base)),
    }
}

fn map_item(
    e: RawItem,
    feed_title: &str,
    offset: FixedOffset,
    feed_base: Option<&url::Url>,
) -> Option<Item> {
    let link = e
        .link
        .as_deref()
        .map(str::trim)
        .filter(|h| crate::briefing::check_url(h).is_ok())
        .map(str::to_string);
    let base = link
        .as_deref()
        .and_then(|l| url::Url::parse(l).ok())
        .or_else(|| feed_base.cloned());
    let converted = [&e.content, &e.summary]
        .into_iter()
        .flatten()
        .map(|t| convert(t, base.as_ref()))
        .find(|c| !c.paragraphs.is_empty() || !c.key_points.is_empty())
        .unwrap_or_default();
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
    let (date, published) = match e.date {
        Some(FeedDate::At(d)) => {
            let d = d.with_timezone(&offset);
            (Some(d), published(d))
        }
        Some(FeedDate::Local(n)) => match n.and_local_timezone(offset).single() {
            Some(d) => (Some(d), published(d)),
            None => (None, None),
        },
        Some(FeedDate::Day(day)) => {
            // A day with no time stays a day; it sorts as its midnight.
            let d = day
                .and_hms_opt(0, 0, 0)
                .and_then(|n| n.and_local_timezone(offset).single());
            (d, day.to_string().parse().ok().map(Published))
        }
        None => (None, None),
    };
    let mut sources = Vec::new();
    if let Some(l) = &link {
        sources.push(Source {
            name: feed_title.to_string(),
            url: l.clone(),
        });
    }
    // The files it carries (a podcast's audio, images) come right after
    // its link, each named by its kind, format and size.
    for m in &e.media {
        if sources.len() >= MAX_SOURCES {
            break;
        }
        let url = m.url.trim();
        if crate::briefing::check_url(url).is_ok() && !sources.iter().any(|s| s.url == url) {
            sources.push(Source {
                name: super::media::label(m),
                url: url.to_string(),
            });
        }
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
    let mut tags: Vec<String> = Vec::new();
    for c in &e.categories {
        let tag: String = one_line(&field(c)).chars().take(MAX_TAG_CHARS).collect();
        if !tag.is_empty() && tags.len() < MAX_TAGS && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let id = e.id.as_deref().map(str::trim).filter(|i| !i.is_empty());
    let key = if let Some(id) = id {
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
        id: id.map(str::to_string).or_else(|| link.clone()),
        date,
        section: Section {
            heading,
            id: section_id(id, link.as_deref()),
            tags,
            question: None,
            answer: None,
            lead: None,
            published,
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
fn section_id(id: Option<&str>, link: Option<&str>) -> Option<String> {
    let fits = |s: &&str| {
        !s.is_empty()
            && s.chars().count() <= crate::briefing::article::MAX_ID_CHARS
            && !s.chars().any(char::is_control)
    };
    [id.map(str::trim), link.map(str::trim)]
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
    import_counted(bytes, charset, source).map(|i| i.toml)
}

/// What [`import_counted`] made of a feed.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The briefing, as TOML checked by the loader.
    pub toml: String,
    /// Items left out for having neither a title nor text.
    pub skipped: usize,
    /// Items merged into an earlier one.
    pub merged: Merged,
}

/// [`import`], and how many items were left out for having neither a
/// title nor text, or merged into an earlier one.
pub fn import_counted(
    bytes: &[u8],
    charset: Option<&str>,
    source: Option<&str>,
) -> Result<Imported, FeedError> {
    let feed = parse(bytes, charset, source)?;
    if feed.items.is_empty() {
        return Err(if feed.skipped > 0 {
            FeedError::Empty
        } else {
            FeedError::NoItems(feed.dialect.clone())
        });
    }
    let sections = feed.items.iter().map(|i| i.section.clone()).collect();
    let b = briefing_of(&feed, feed.title.clone(), sections);
    Ok(Imported {
        toml: checked(&to_toml(&b))?,
        skipped: feed.skipped,
        merged: feed.merged,
    })
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
        string_array(&mut out, "tags", &s.tags);
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
            Err(FeedError::NoItems("RSS 2.0".into()))
        );
        assert_eq!(
            import(
                b"<rss><channel><item><title> </title></item></channel></rss>",
                None,
                None
            ),
            Err(FeedError::Empty)
        );
        // The message names the real problem.
        let msg = |b: &[u8]| import(b, None, None).unwrap_err().to_string();
        assert!(msg(b"<html><body>x</body></html>").contains("web page"));
        assert!(msg(b"<opml><body/></opml>").contains("OPML"));
        assert!(msg(b"<rss>\n<channel><item><title>a").contains("cut short"));
        assert!(msg(b"<foo/>").contains("<foo>"));
        // Broken in the common ways, and still read.
        let b = briefing(
            "Warning: something\n<rss><channel><title>T</title><item><title>a < b & c</title>\
             <link>http://x.example/?a=1&b=2</link></item></channel></rss>",
        );
        assert_eq!(b.sections[0].heading, "a < b & c");
        assert_eq!(b.sections[0].sources[0].url, "http://x.example/?a=1&b=2");
        assert!(msg(b"{\"a\": 1}").contains("JSON"));
    }

    fn briefing(xml: &str) -> Briefing {
        crate::briefing::parse_str("t", &import(xml.as_bytes(), None, None).unwrap())
            .unwrap()
            .briefing
    }

    fn urls(s: &Section) -> Vec<&str> {
        s.sources.iter().map(|s| s.url.as_str()).collect()
    }

    #[test]
    fn xml_lang_gives_the_language_and_japanese_dates_keep_their_offset() {
        let b = briefing(
            r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xml:lang="ja">
<channel rdf:about="https://d.example.jp/"><title>日記</title><link>https://d.example.jp/</link></channel>
<item rdf:about="https://d.example.jp/1"><title>一</title><link>https://d.example.jp/1</link>
<description>&lt;p&gt;本文 &amp;nbsp;&lt;a href="/x"&gt;リンク&lt;/a&gt;&lt;/p&gt;</description><dc:date>2016-01-03T01:36:10+09:00</dc:date></item>
<item rdf:about="https://d.example.jp/2"><title>二</title><link>https://d.example.jp/2</link><dc:date>2016-01-02</dc:date></item></rdf:RDF>"#,
        );
        assert_eq!(b.language.as_deref(), Some("ja"));
        assert_eq!(
            b.sections[0].published.unwrap().rfc3339(),
            "2016-01-03T01:36:10+09:00"
        );
        assert_eq!(b.sections[1].published.unwrap().rfc3339(), "2016-01-02");
        let named = briefing(
            "<rss><channel><title>T</title><language>Japanese</language><item><title>x</title>\
             <pubDate>Sun, 03 Jan 2016 01:36:10 +0900</pubDate></item></channel></rss>",
        );
        assert_eq!(named.language.as_deref(), Some("ja"));
        assert_eq!(
            named.sections[0].published.unwrap().rfc3339(),
            "2016-01-03T01:36:10+09:00"
        );
        // The description is HTML: no tag or entity is left.
        assert_eq!(b.sections[0].body, ["本文 \u{a0}リンク"]);
        assert_eq!(
            urls(&b.sections[0]),
            ["https://d.example.jp/1", "https://d.example.jp/x"]
        );
    }

    #[test]
    fn old_and_odd_dialects_are_read() {
        let atom03 = r#"<feed version="0.3" xmlns="http://purl.org/atom/ns#" xml:lang="ja"><title>古い</title>
<link rel="alternate" type="text/html" href="http://a.example.jp/"/>
<entry><title>記事</title><link rel="alternate" type="text/html" href="http://a.example.jp/1"/><id>tag:a,1</id>
<issued>2005-01-02T03:04:05+09:00</issued><content type="text/html" mode="escaped">&lt;p&gt;本文&lt;/p&gt;</content></entry></feed>"#;
        let b = briefing(atom03);
        assert_eq!(
            (
                b.sections[0].heading.as_str(),
                b.sections[0].body[0].as_str()
            ),
            ("記事", "本文")
        );
        assert_eq!(
            b.sections[0].published.unwrap().rfc3339(),
            "2005-01-02T03:04:05+09:00"
        );
        let rss090 = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
<channel><title>Old</title><link>http://o.example/</link></channel><item><title>Ninety</title><link>http://o.example/1</link></item></rdf:RDF>"#;
        assert_eq!(briefing(rss090).sections[0].heading, "Ninety");
        for root in [
            r#"<rss>"#,
            r#"<rss version="0.94">"#,
            r#"<rss version="2.0" xmlns="http://backend.userland.com/rss2">"#,
        ] {
            let b = briefing(&format!(
                "{root}<channel><title>T</title><item><title>Item</title><link>http://x.example/1</link></item></channel></rss>"
            ));
            assert_eq!(b.sections[0].heading, "Item", "{root}");
        }
        let prefixed = r#"<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>P</a:title><a:entry><a:title>Pre</a:title><a:id>1</a:id></a:entry></a:feed>"#;
        assert_eq!(briefing(prefixed).sections[0].heading, "Pre");
        let media = r#"<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>M</title>
<item><media:content url="http://m.example/v.mp4"><media:title>動画</media:title></media:content><link>http://m.example/1</link></item></channel></rss>"#;
        assert_eq!(briefing(media).sections[0].heading, "動画");
    }

    #[test]
    fn links_ids_and_repeats() {
        let rss = r#"<rss version="2.0"><channel><title>L</title><link>https://l.example/blog/</link>
<item><title>Relative</title><link>posts/1.html</link></item>
<item><title>Permalink</title><guid>https://l.example/p/2</guid></item>
<item><title>Not a permalink</title><guid isPermaLink="false">https://l.example/p/3</guid></item>
<item><title>Again</title><guid>https://l.example/p/2</guid></item>
<item><title>Same link</title><link>posts/1.html</link></item>
</channel></rss>"#;
        let feed = parse(rss.as_bytes(), None, None).unwrap();
        let links: Vec<_> = feed
            .items
            .iter()
            .map(|i| urls(&i.section).first().copied())
            .collect();
        assert_eq!(
            links,
            [
                Some("https://l.example/blog/posts/1.html"),
                Some("https://l.example/p/2"),
                None
            ]
        );
        assert_eq!(
            feed.merged,
            Merged {
                same_id: 1,
                same_link: 1,
                same_text: 0
            }
        );
        assert!(
            feed.merged
                .message()
                .unwrap()
                .starts_with("2 items repeated an earlier item")
        );
        let with_base = r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://b.example/a/"><title>B</title>
<link rel="self" href="https://self.example/feed"/><entry><title>E</title><id>x</id><link href="e/1"/></entry></feed>"#;
        let feed = parse(with_base.as_bytes(), None, None).unwrap();
        assert_eq!(urls(&feed.items[0].section), ["https://b.example/a/e/1"]);
        let rdf = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>R</title></channel>
<item rdf:about="https://r.example/1"><title>R1</title><link>https://r.example/1?from=rss</link></item></rdf:RDF>"#;
        let feed = parse(rdf.as_bytes(), None, None).unwrap();
        assert_eq!(feed.items[0].id.as_deref(), Some("https://r.example/1"));
        assert_eq!(feed.items[0].key, "id:https://r.example/1");
    }

    #[test]
    fn dates_feedparser_reads() {
        let item = |d: &str| {
            let b = briefing(&format!(
                "<rss version=\"2.0\"><channel><title>D</title><item><title>x</title><pubDate>{d}</pubDate></item></channel></rss>"
            ));
            b.sections[0].published.map(|p| p.rfc3339())
        };
        assert_eq!(
            item("Tue 11 Jan 2011 10:00:00 GMT").as_deref(),
            Some("2011-01-11T10:00:00Z")
        );
        assert_eq!(
            item("2006-01-11 16:42:55 -0800").as_deref(),
            Some("2006-01-12T00:42:55Z")
        );
        assert_eq!(
            item("Tue, 11 Jan 2011 10:00:00 +00:0").as_deref(),
            Some("2011-01-11T10:00:00Z")
        );
        let dcterms = r#"<rss version="2.0" xmlns:dcterms="http://purl.org/dc/terms/"><channel><title>D</title><language>ja</language>
<item><title>x</title><dcterms:modified>2011-01-11T10:00:00+09:00</dcterms:modified></item></channel></rss>"#;
        assert_eq!(
            briefing(dcterms).sections[0].published.unwrap().rfc3339(),
            "2011-01-11T10:00:00+09:00"
        );
    }

    #[test]
    fn atom_0_3_base64_content_is_decoded() {
        let atom = r#"<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>B</title><entry><title>B64</title><id>1</id>
<content mode="base64" type="text/html">PHA+5pel5pys6KqePC9wPg==</content></entry></feed>"#;
        assert_eq!(briefing(atom).sections[0].body, ["日本語"]);
    }

    #[test]
    fn markdown_content_is_plain_text() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>M</title><entry><title>見出し</title><id>1</id>
<content type="text/x-markdown"># 見出し
&lt;b&gt;太字&lt;/b&gt; のつもり

次の段落</content></entry></feed>"#;
        assert_eq!(
            briefing(atom).sections[0].body,
            ["# 見出し\n<b>太字</b> のつもり", "次の段落"]
        );
    }
}
