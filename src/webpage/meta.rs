//! What a page says about its article besides the text: the publication
//! date, the author, the site's name, the title, the language and the
//! embedded media.
//!
//! Read from the markup by a linear scan of its tags (no second parse of
//! the page): `<meta property="article:published_time">` (and its kin
//! `og:published_time`, `date`, `pubdate`, `dc.date`), then JSON-LD
//! (`<script type="application/ld+json">`: `datePublished`, `author`,
//! anywhere in its objects, arrays and `@graph`), then the first
//! `<time datetime>`. Dates are read by the feeds' lenient reader
//! ([`crate::feeds::dates`]), keeping the offset the page wrote. Media:
//! `og:video`, `og:audio`, and the `src` of `<video>`, `<audio>`,
//! `<source>` and of `<iframe>`s from video sites, when http(s).

use crate::feeds::dates::{self, FeedDate};

/// The most JSON-LD read from one page, in bytes.
const MAX_JSON_LD: usize = 512 * 1024;

/// The most media kept.
const MAX_MEDIA: usize = 10;

/// Hosts whose embedded frames are media worth a source.
const MEDIA_HOSTS: &[&str] = &[
    "youtube.com",
    "www.youtube.com",
    "www.youtube-nocookie.com",
    "player.vimeo.com",
    "www.nicovideo.jp",
    "embed.nicovideo.jp",
    "open.spotify.com",
    "w.soundcloud.com",
];

/// What the page's markup says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub published: Option<FeedDate>,
    pub author: Option<String>,
    pub site: Option<String>,
    pub title: Option<String>,
    pub language: Option<String>,
    /// Absolute http(s) addresses of embedded media.
    pub media: Vec<String>,
}

/// Read `html`'s metadata; `url` resolves relative media addresses.
pub fn read(html: &str, url: Option<&str>) -> PageMeta {
    let base = url.and_then(|u| url::Url::parse(u).ok());
    let mut m = PageMeta::default();
    let mut meta_date = None;
    let mut time_date = None;
    let mut json_ld = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(n) = memchr::memchr(b'<', &b[i..]) {
        let at = i + n;
        let Some(end) = memchr::memchr(b'>', &b[at..]).map(|n| at + n) else {
            break;
        };
        let tag = &html[at + 1..end];
        i = end + 1;
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match name.as_str() {
            "html" if m.language.is_none() => {
                m.language =
                    attr(tag, "lang").filter(|l| crate::briefing::looks_like_language_tag(l));
            }
            "meta" => {
                let key = attr(tag, "property")
                    .or_else(|| attr(tag, "name"))
                    .or_else(|| attr(tag, "itemprop"))
                    .map(|k| k.to_ascii_lowercase());
                let (Some(key), Some(content)) = (key, attr(tag, "content")) else {
                    continue;
                };
                match key.as_str() {
                    "article:published_time"
                    | "og:published_time"
                    | "datepublished"
                    | "date"
                    | "pubdate"
                    | "publishdate"
                    | "dc.date"
                    | "dc.date.issued"
                    | "dcterms.issued"
                    | "sailthru.date"
                    | "parsely-pub-date"
                        if meta_date.is_none() =>
                    {
                        meta_date = dates::parse(&content);
                    }
                    "author" | "article:author" | "dc.creator" | "parsely-author"
                        if m.author.is_none() && !content.starts_with("http") =>
                    {
                        m.author = nonempty(content);
                    }
                    "og:site_name" | "application-name" if m.site.is_none() => {
                        m.site = nonempty(content);
                    }
                    "og:title" | "twitter:title" if m.title.is_none() => {
                        m.title = nonempty(content);
                    }
                    "og:video" | "og:video:url" | "og:video:secure_url" | "og:audio" => {
                        push_media(&mut m.media, &content, base.as_ref());
                    }
                    _ => {}
                }
            }
            "title" if m.title.is_none() => {
                if let Some(close) = find_ci(b, end + 1, b"</title") {
                    m.title = nonempty(crate::feeds::html::inline(&html[end + 1..close]));
                    i = close;
                }
            }
            "script" => {
                let close = find_ci(b, end + 1, b"</script").unwrap_or(b.len());
                let is_ld = attr(tag, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if is_ld && close - (end + 1) <= MAX_JSON_LD {
                    json_ld.push(&html[end + 1..close]);
                }
                i = close;
            }
            "style" => {
                i = find_ci(b, end + 1, b"</style").unwrap_or(b.len());
            }
            "time" if time_date.is_none() => {
                time_date = attr(tag, "datetime").and_then(|d| dates::parse(&d));
            }
            "video" | "audio" | "source" => {
                if let Some(src) = attr(tag, "src") {
                    push_media(&mut m.media, &src, base.as_ref());
                }
            }
            "iframe" => {
                if let Some(src) = attr(tag, "src") {
                    let host = resolve(&src, base.as_ref())
                        .and_then(|u| u.host_str().map(str::to_ascii_lowercase));
                    if host.is_some_and(|h| MEDIA_HOSTS.contains(&h.as_str())) {
                        push_media(&mut m.media, &src, base.as_ref());
                    }
                }
            }
            _ => {}
        }
    }
    let mut ld_date = None;
    for text in json_ld {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(text.trim()) {
            json_walk(&value, &mut ld_date, &mut m.author);
        }
    }
    m.published = meta_date.or(ld_date).or(time_date);
    m
}

fn nonempty(s: String) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty() && s.chars().count() <= 300).then_some(s)
}

fn resolve(src: &str, base: Option<&url::Url>) -> Option<url::Url> {
    let src = src.trim();
    let u = match base {
        Some(b) => b.join(src).ok()?,
        None => url::Url::parse(src).ok()?,
    };
    matches!(u.scheme(), "http" | "https").then_some(u)
}

pub(crate) fn push_media(media: &mut Vec<String>, src: &str, base: Option<&url::Url>) {
    if media.len() >= MAX_MEDIA {
        return;
    }
    if let Some(u) = resolve(src, base) {
        let u = u.to_string();
        if crate::briefing::check_url(&u).is_ok() && !media.contains(&u) {
            media.push(u);
        }
    }
}

/// `datePublished` and `author` anywhere in a JSON-LD value (first found).
fn json_walk(v: &serde_json::Value, date: &mut Option<FeedDate>, author: &mut Option<String>) {
    // An explicit stack: JSON-LD nests, and a page may nest it on purpose.
    let mut stack = vec![v];
    let mut seen = 0;
    while let Some(v) = stack.pop() {
        seen += 1;
        if seen > 10_000 {
            return;
        }
        match v {
            serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
            serde_json::Value::Object(map) => {
                if date.is_none()
                    && let Some(d) = map.get("datePublished").and_then(|d| d.as_str())
                {
                    *date = dates::parse(d);
                }
                if author.is_none()
                    && let Some(a) = map.get("author")
                {
                    *author = author_name(a);
                }
                stack.extend(map.values().rev());
            }
            _ => {}
        }
    }
}

/// An author as JSON-LD gives it: a name, a `Person` with a `name`, or a
/// list of them (joined with `, `).
fn author_name(a: &serde_json::Value) -> Option<String> {
    match a {
        serde_json::Value::String(s) => nonempty(s.clone()),
        serde_json::Value::Object(o) => o.get("name").and_then(author_name),
        serde_json::Value::Array(list) => {
            let names: Vec<String> = list.iter().take(5).filter_map(author_name).collect();
            nonempty(names.join(", "))
        }
        _ => None,
    }
}

/// Where `needle` (in any case) starts in `b` from `from`.
fn find_ci(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(n) = memchr::memchr(b'<', &b[i..]) {
        let at = i + n;
        if b.len() - at >= needle.len() && b[at..at + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// The value of attribute `name` in the inside of a tag, entities in it
/// resolved (`&amp;`, numeric references).
pub(crate) fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let lb = lower.as_bytes();
    let mut from = 0;
    while let Some(at) = lower[from..].find(name) {
        let start = from + at;
        from = start + name.len();
        let before_ok = start > 0 && lb[start - 1].is_ascii_whitespace();
        if !before_ok {
            continue;
        }
        let rest = tag[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &rest[1..];
                &body[..body.find(q).unwrap_or(body.len())]
            }
            _ => {
                let end = rest
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(rest.len());
                rest[..end].trim_end_matches('/')
            }
        };
        return Some(unescape(value));
    }
    None
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;` and numeric references.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp + 1..];
        let semi = tail.find(';').filter(|&n| n <= 10);
        let decoded = semi.and_then(|n| {
            let r = &tail[..n];
            let c = match r {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let digits = r.strip_prefix('#')?;
                    let code = match digits.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => digits.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, n))
        });
        match decoded {
            Some((c, n)) => {
                out.push(c);
                rest = &tail[n + 1..];
            }
            None => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_authors_and_media() {
        let html = r#"<html lang="ja"><head><title>記事 | 新聞</title>
            <meta property="og:site_name" content="毎朝新聞">
            <meta property="article:published_time" content="2025-03-04T09:30:00+09:00">
            <meta name="author" content="山田 太郎">
            <meta property="og:video" content="https://example.com/v.mp4">
            <script type="application/ld+json">{"@graph":[{"datePublished":"2020-01-01","author":[{"name":"A"},{"name":"B"}]}]}</script>
            </head><body><iframe src="https://ads.example.com/x"></iframe>
            <iframe src="https://www.youtube.com/embed/abc"></iframe><time datetime="2019-01-01">x</time></body></html>"#;
        let m = read(html, Some("https://example.com/a"));
        assert_eq!(m.language.as_deref(), Some("ja"));
        assert_eq!(m.title.as_deref(), Some("記事 | 新聞"));
        assert_eq!(m.site.as_deref(), Some("毎朝新聞"));
        assert_eq!(m.author.as_deref(), Some("山田 太郎"));
        match m.published {
            Some(FeedDate::At(d)) => assert_eq!(d.to_rfc3339(), "2025-03-04T09:30:00+09:00"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            m.media,
            [
                "https://example.com/v.mp4",
                "https://www.youtube.com/embed/abc"
            ]
        );
        // JSON-LD when no meta, `<time>` last.
        let ld = r#"<script type="application/ld+json">{"datePublished":"2020-01-02","author":{"name":"記者"}}</script>"#;
        let m = read(ld, None);
        assert_eq!(m.author.as_deref(), Some("記者"));
        assert!(matches!(m.published, Some(FeedDate::Day(_))));
        let m = read(
            "<p><time datetime=\"2019-05-06T10:00:00Z\">5月</time></p>",
            None,
        );
        assert!(matches!(m.published, Some(FeedDate::At(_))));
        // javascript: media is no source.
        let m = read("<video src=\"javascript:alert(1)\"></video>", None);
        assert!(m.media.is_empty());
    }
}
