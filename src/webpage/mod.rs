//! Web pages in: the article of an HTML page that is not a feed, extracted
//! and written as a briefing (`yomu import PAGE`, the reader's `a` key,
//! and `full_text = true` feeds).
//!
//! Part of the core (no terminal code). The extraction itself is the
//! `rs-trafilatura` crate (trafilatura's algorithm in Rust), chosen by
//! measuring the candidates on the public article-extraction benchmark
//! (BENCHMARKS.md, `examples/extract_eval.rs`). Around it, yomu:
//!
//! - refuses a hostile page before any parser sees it: over [`MAX_PAGE`]
//!   bytes, or elements nested deeper than [`MAX_DEPTH`] (HTML5 tree
//!   building costs time in proportion to the depth of the open elements
//!   for every tag: [`crate::feeds::html::nests_deeper_than`] scans once,
//!   linearly);
//! - decodes the bytes as feeds are decoded ([`crate::feeds::encoding`]:
//!   a BOM, the HTTP charset, else the page's `<meta charset>`, with
//!   Shift_JIS and EUC-JP recognised when nothing is declared)
//!   ([`prepare`]);
//! - writes `<ruby>` readings in yomu's furigana notation before the
//!   extractor sees them, since it drops `<rt>` ([`prepare::ruby`]), and
//!   cuts out scripts, styles, navigation, sidebars and footers, which the
//!   extractor would parse only to drop ([`prepare::prune`]: on a heavy
//!   page most of its markup);
//! - lets Japanese pages be judged by their length in characters, not by
//!   words counted between spaces ([`prepare::is_japanese`]);
//! - reads the extracted HTML into subheadings, paragraphs and list items
//!   with the feeds' own HTML converter ([`crate::feeds::html`]: Japanese
//!   line breaks, "続きを読む" links), the date, author and media from the
//!   page ([`meta`]), and makes it a briefing checked by the loader
//!   ([`article`]), leaving out the lines the extractor keeps that are
//!   no part of an article (bylines, time stamps, "Advertisement",
//!   share buttons, the headlines after the last sentence: [`boiler`]);
//! - drops the page's menus and columns of short lines around a Japanese
//!   article, and a blog's standing notices after the entry ([`edges`]);
//! - takes the post's own element when the extractor gave up on a short
//!   Japanese post and took the whole page ([`scope`]);
//! - keeps extracted articles in a bounded cache ([`cache`]).
//!
//! Nothing in a page is ever run: it is parsed, never executed, and no
//! address it holds is fetched (images and media become sources, only
//! when http(s)). All its text goes through the briefing sanitiser when
//! shown, as every briefing's does.

pub mod article;
pub mod boiler;
pub mod cache;
pub mod edges;
pub mod meta;
pub mod prepare;
pub mod scope;

pub use article::{Article, Block};

use crate::i18n::{Msg, t, tf};

/// The largest page extracted, in bytes (the fetch cap is larger; a page
/// over this is no article a reader would read).
pub const MAX_PAGE: usize = 8 * 1024 * 1024;

/// The deepest nesting of elements accepted in a page. Real pages nest
/// under 100 (unclosed inline elements counted); a nesting bomb nests
/// thousands.
pub const MAX_DEPTH: usize = 512;

/// Why a page gave no article.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum PageError {
    /// Over [`MAX_PAGE`] (its size in bytes).
    #[error("{}", tf(Msg::CliPageTooLarge, &[&crate::fsutil::human(*.0 as u64), &crate::fsutil::human(MAX_PAGE as u64)]))]
    TooLarge(usize),
    /// Elements nested deeper than [`MAX_DEPTH`].
    #[error("{}", tf(Msg::CliPageTooDeep, &[&MAX_DEPTH]))]
    TooDeep,
    /// No HTML at all (binary, or text without markup).
    #[error("{}", t(Msg::CliPageNotHtml))]
    NotHtml,
    /// HTML in which the extractor found no article text.
    #[error("{}", t(Msg::CliPageNoArticle))]
    NoArticle,
    /// An address that is not http(s) (what it is).
    #[error("{}", tf(Msg::CliPageNotHttp, &[.0]))]
    NotHttp(String),
    /// The page could not be fetched (why).
    #[error("{}", tf(Msg::CliPageFetch, &[.0]))]
    Fetch(String),
    /// The briefing made of it is not one the loader accepts (the first
    /// problem).
    #[error("{}", tf(Msg::CliFeedInvalid, &[.0]))]
    Invalid(String),
}

/// Extract the article of a page's bytes. `charset` is the HTTP charset,
/// `url` the page's address (relative links are resolved against it; it
/// is the briefing's first source).
pub fn extract_bytes(
    bytes: &[u8],
    charset: Option<&str>,
    url: Option<&str>,
) -> Result<Article, PageError> {
    if bytes.len() > MAX_PAGE {
        return Err(PageError::TooLarge(bytes.len()));
    }
    let text = prepare::decode(bytes, charset);
    extract_text(&text, url)
}

/// Extract the article of a page's decoded text.
pub fn extract_text(html: &str, url: Option<&str>) -> Result<Article, PageError> {
    if html.len() > MAX_PAGE {
        return Err(PageError::TooLarge(html.len()));
    }
    if !prepare::looks_like_html(html) {
        return Err(PageError::NotHtml);
    }
    if crate::feeds::html::nests_deeper_than(html, MAX_DEPTH) {
        return Err(PageError::TooDeep);
    }
    let url = url.filter(|u| crate::briefing::check_url(u).is_ok());
    let html = prepare::ruby(html);
    let page = meta::read(&html, url);
    let html = prepare::prune(&html);
    let mut options = rs_trafilatura::Options {
        url: url.map(str::to_string),
        include_images: true,
        include_tables: true,
        ..rs_trafilatura::Options::default()
    };
    let japanese = prepare::is_japanese(&html);
    if japanese {
        // The extractor counts words by the spaces between them, and
        // Japanese puts none: a whole article counts as a few "words",
        // too few by its English thresholds, and good text is thrown
        // away for a fallback. Japanese pages are judged by their
        // length in characters alone.
        options.min_output_size = 1;
        options.min_output_comm_size = 1;
    }
    // The extractor is another crate's code: a page that makes it panic
    // is a page with no article, not a crash of the reader.
    let mut result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        rs_trafilatura::extract_with_options(&html, &options)
    }))
    .map_err(|_| PageError::NoArticle)?
    .map_err(|_| PageError::NoArticle)?;
    let mut page = page;
    let mut post_found = false;
    if japanese
        && scope::fell_back(&result.warnings)
        && let Some(post) = scope::post(&html)
    {
        // A short Japanese post the extractor judged too small and
        // replaced by the whole page: the post's own element is the
        // article, its link cards its sources.
        let text = article::text_of(&post.html, url);
        if !text.trim().is_empty() {
            result.content_text = text;
            result.content_html = Some(post.html);
            post_found = true;
            for link in &post.links {
                meta::push_media(
                    &mut page.media,
                    link,
                    url.and_then(|u| url::Url::parse(u).ok()).as_ref(),
                );
            }
        }
    }
    article::build(result, page, url, post_found).ok_or(PageError::NoArticle)
}

/// Whether `bytes` look like an HTML page rather than a feed or a text
/// file: a `<!DOCTYPE html>` or `<html` near the start (after a BOM,
/// spaces and comments), and no feed root.
pub fn looks_like_page(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let find = |needle: &[u8]| memchr::memmem::find(&lower, needle);
    let html = find(b"<!doctype html").or_else(|| find(b"<html"));
    let feed = [&b"<rss"[..], b"<feed", b"<rdf:rdf", b"<?xml-stylesheet"]
        .into_iter()
        .filter_map(find)
        .min();
    match (html, feed) {
        (Some(h), Some(f)) => h < f,
        (Some(_), None) => true,
        _ => false,
    }
}

/// A page's article as a briefing, as TOML checked by the loader.
pub fn import(bytes: &[u8], charset: Option<&str>, url: Option<&str>) -> Result<String, PageError> {
    let article = extract_bytes(bytes, charset, url)?;
    article.to_checked_toml()
}

/// Fetch the page at `url` (http(s) only) with the sync's fetcher
/// ([`crate::feeds::fetch`]: its timeouts, size cap, redirect rules and
/// User-Agent) and extract its article.
pub fn fetch(url: &str, timeouts: crate::feeds::fetch::Timeouts) -> Result<Article, PageError> {
    use crate::feeds::fetch::{self, Fetched};
    if crate::feeds::subscriptions::check_feed_url(url).is_err() {
        return Err(PageError::NotHttp(crate::text::quoted(url)));
    }
    let agent = fetch::agent(timeouts);
    match fetch::fetch(&agent, timeouts, url, &Default::default()) {
        Ok(Fetched::Body {
            bytes,
            charset,
            final_url,
            ..
        }) => extract_bytes(&bytes, charset.as_deref(), Some(&final_url)),
        Ok(Fetched::NotModified) => Err(PageError::Fetch("304 Not Modified".into())),
        Err(e) => Err(PageError::Fetch(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> String {
        format!("<!DOCTYPE html><html><head><title>題</title></head><body>{body}</body></html>")
    }

    #[test]
    fn pages_and_feeds_told_apart() {
        assert!(looks_like_page(b"\xEF\xBB\xBF<!DOCTYPE html><html>"));
        assert!(looks_like_page(b"  <html lang=\"ja\"><body>"));
        assert!(!looks_like_page(b"<?xml version=\"1.0\"?><rss><channel>"));
        assert!(!looks_like_page(
            b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"
        ));
        assert!(!looks_like_page("吾輩は猫である。".as_bytes()));
        // An RSS feed whose description holds an escaped <html> is a feed.
        assert!(!looks_like_page(
            b"<rss><item><description>&lt;html&gt;</description>"
        ));
    }

    #[test]
    fn refusals() {
        assert_eq!(
            extract_text(&page(&"<div>".repeat(MAX_DEPTH + 1)), None),
            Err(PageError::TooDeep)
        );
        assert_eq!(extract_text("just text", None), Err(PageError::NotHtml));
        let big = vec![b'a'; MAX_PAGE + 1];
        assert_eq!(
            extract_bytes(&big, None, None),
            Err(PageError::TooLarge(MAX_PAGE + 1))
        );
        assert_eq!(
            fetch("javascript:alert(1)", Default::default()).map(|_| ()),
            Err(PageError::NotHttp(crate::text::quoted(
                "javascript:alert(1)"
            )))
        );
    }

    #[test]
    fn a_blog_entry_followed_by_a_list_of_links_is_an_article() {
        // A blog entry the extractor returns with the blog's "おすすめ記事"
        // list after it: the links, more text than the entry, go, and
        // what stays is the entry, not a list of links.
        let entry = "子供の頃はゲーム機を買ってもらえなかった。その反動で、大学に入ってから狂ったように遊び続けた。気がつけば三十を過ぎ、昔はまったゲームの新作に少し触る程度になっている。";
        let links: String = (1..=12)
            .map(|i| {
                format!(
                    "<li><a href=\"https://example.com/{i}\">【画像】おすすめの記事の見出しがここに並ぶ、その{i}番目の長い見出しの例です</a></li>"
                )
            })
            .collect();
        let html = page(&format!(
            "<article><h1>見出し</h1><p>{entry}</p><p>{entry}</p><h3>おすすめ記事</h3><ul>{links}</ul></article>"
        ));
        let a = extract_text(&html, None).expect("an article");
        let text = a.plain_text();
        assert!(text.contains("その反動で"), "{text}");
        assert!(!text.contains("番目の長い見出し"), "{text}");
    }

    #[test]
    fn a_paywalled_article_ends_at_its_notice() {
        let para = "現職の財務事務次官による月刊誌への寄稿が永田町につむじ風を吹かせた。選挙を控えて財源のあてもなく給付を競うのは、欧米の常識から周回遅れだと警告している。";
        let series: String = (1..=6)
            .map(|i| {
                format!("<p>第{i}回、連載の別の回の見出しがここに並んでいる。2021年10月0{i}日</p>")
            })
            .collect();
        let html = page(&format!(
            "<article><p>{para}</p><p>{para}</p><p>この記事は有料記事です。残り1460文字（全文2839文字）</p>{series}</article>"
        ));
        let a = extract_text(&html, None).expect("an article");
        let text = a.plain_text();
        assert!(text.contains("周回遅れ"), "{text}");
        assert!(!text.contains("有料記事"), "{text}");
        assert!(!text.contains("連載の別の回"), "{text}");
    }

    #[test]
    fn a_post_of_two_lines_is_read_from_its_own_element() {
        // A blog post of two lines in `<div>`s, as Amebaブログ writes
        // them, with a link card: too short for the extractor, which
        // takes the whole page; what the person reads is the post, and the
        // card's page is a source.
        let menu: String = [
            "ホーム",
            "ピグ",
            "アメブロ",
            "芸能人ブログ",
            "人気ブログ",
            "新規登録(無料)",
            "ログイン",
        ]
        .iter()
        .map(|m| format!("<div><a href=\"https://blog.example.jp/{m}\">{m}</a></div>"))
        .collect();
        let footer: String = (1..=8)
            .map(|i| format!("<div>ブログの他の記事の見出し、その{i}番目</div>"))
            .collect();
        let html = format!(
            "<!DOCTYPE html><html lang=\"ja\"><head><title>今知りました | 誰かのブログ</title></head><body><div>{menu}</div><article class=\"skin-entry\"><h1>今知りました</h1><div class=\"skin-entryBody\" id=\"entryBody\"><div><br></div><div>大変だ、</div><div>とても、</div><article class=\"ogpCard_wrap\"><a class=\"ogpCard_link\" href=\"https://news.example.jp/pickup/1\"><span>阿蘇山が噴火 警戒レベル3に</span><span>気象庁によると、阿蘇山が噴火した。</span></a></article></div><div>テーマ：ブログ</div></article><div>{footer}</div></body></html>"
        );
        let a =
            extract_text(&html, Some("https://blog.example.jp/entry-1.html")).expect("an article");
        assert_eq!(a.plain_text(), "大変だ、\nとても、\n");
        assert!(
            a.media
                .iter()
                .any(|m| m.url == "https://news.example.jp/pickup/1"),
            "{:?}",
            a.media
        );
    }

    #[test]
    fn deep_but_allowed_pages_do_not_overflow_a_small_stack() {
        // A test thread has a 2 MiB stack, as the reader's workers do.
        let deep = format!(
            "{}<p>{}</p>{}",
            "<div>".repeat(MAX_DEPTH - 10),
            "深い入れ子の中の記事の本文である。".repeat(40),
            "</div>".repeat(MAX_DEPTH - 10)
        );
        let _ = extract_text(&page(&deep), None);
    }
}
