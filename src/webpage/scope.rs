//! The post's own element, for pages where the extractor gave up on its
//! choice and took the whole page.
//!
//! The extractor judges its pick too small when it holds under 200
//! characters or no `<p>`, and then falls back to the page's whole text
//! or merges its largest blocks ("Used fallback extraction", "Used
//! multi-candidate merge" among its warnings). Its thresholds are set for
//! English: a Japanese blog post of two lines written in `<div>`s (Amebaブ
//! ログ, エキサイトブログ) is a whole article, and the fallback buries it
//! in the blog's header, menus, favourites and calendar, run into one line
//! that no line rule can split.
//!
//! When that happens, yomu looks for the element the blog's own markup
//! names as the post's body, by structure and by the names blog
//! platforms give it: `itemprop="articleBody"` (schema.org), else a class
//! or id whose last two words are `entry`, `post`, `article` or `blog`
//! and `body`, `content`, `text` or `main` (`skin-entryBody`,
//! `POST_BODY`, `post-main`, `entry_content`), the innermost when they
//! nest. That element is the article: its text is read by the feeds' HTML
//! converter, as the extractor's own HTML is, and the extractor's
//! fallback is set aside. A page with several such elements side by side
//! is a list of posts, not one, and is left as the extractor gave it.

/// The words that, last in a class or id, name a post's body after one
/// of [`BODY_OWNERS`] (`entry-body`, `skin-entryBody`, `POST_BODY`,
/// `post-main`, `articleBody`).
const BODY_WORDS: &[&str] = &["body", "content", "text", "main"];

/// The words for a post that come before one of [`BODY_WORDS`].
const BODY_OWNERS: &[&str] = &["entry", "post", "article", "blog"];

/// Whether the extractor's warnings say it replaced its pick with the
/// page's whole text or a merge of its blocks.
pub fn fell_back(warnings: &[String]) -> bool {
    warnings.iter().any(|w| {
        w.starts_with("Used fallback extraction")
            || w.starts_with("Used multi-candidate merge")
            || w.starts_with("Used repeated-item collection")
    })
}

/// The post's element, found as the module's documentation says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    /// The element's markup, without its link cards.
    pub html: String,
    /// The addresses the link cards pointed to, as they were written.
    pub links: Vec<String>,
}

/// The post's element of `html`, or `None` when the page names no single
/// such element.
///
/// Link cards inside it (a preview of another page: its title, a line of
/// its description and its address, in one link, as Ameba's `ogpCard` and
/// the `blogcard`s of WordPress themes are) are cut from its text, and
/// their addresses kept, to be the article's sources: they quote another
/// page, not the post.
pub fn post(html: &str) -> Option<Post> {
    let (start, end) = post_element(html)?;
    let (html, links) = cut_cards(&html[start..end]);
    Some(Post { html, links })
}

/// `html` without the elements whose class names a link card, and the
/// first address each held.
fn cut_cards(html: &str) -> (String, Vec<String>) {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut links = Vec::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some((at, tag_end, tag, name)) = next_element(html, i) {
        i = at + 1;
        let card =
            super::meta::attr(tag, "class").is_some_and(|v| v.split_whitespace().any(names_a_card));
        if !card {
            continue;
        }
        let end = super::prepare::close_of(b, tag_end + 1, name.as_bytes(), true);
        let inner = &html[at..end];
        if let Some(href) = first_href(inner) {
            links.push(href);
        }
        out.push_str(&html[copied..at]);
        copied = end;
        i = end;
    }
    out.push_str(&html[copied.min(html.len())..]);
    (out, links)
}

/// The `href` of the first `<a>` in `html`.
fn first_href(html: &str) -> Option<String> {
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(n) = memchr::memchr(b'<', &b[i..]) {
        let at = i + n;
        i = at + 1;
        let tag_end = memchr::memchr(b'>', &b[at..]).map_or(b.len(), |k| at + k);
        let tag = &html[at + 1..tag_end];
        if tag_name(tag) == "a"
            && let Some(href) = super::meta::attr(tag, "href")
        {
            return Some(href);
        }
    }
    None
}

/// The next start tag at or after byte `from` of `html` of an element
/// with content: where its `<` and its `>` are, its inside and its
/// lower-case name. End tags, comments, declarations, void elements and
/// self-closed tags (`<x/>`) are passed over.
fn next_element(html: &str, mut from: usize) -> Option<(usize, usize, &str, String)> {
    let b = html.as_bytes();
    loop {
        let at = from + memchr::memchr(b'<', b.get(from..)?)?;
        let tag_end = at + memchr::memchr(b'>', &b[at..])?;
        from = at + 1;
        let tag = &html[at + 1..tag_end];
        let name = tag_name(tag);
        if name.is_empty() || tag.ends_with('/') || is_void(&name) {
            continue;
        }
        return Some((at, tag_end, tag, name));
    }
}

/// The lower-case name of a start tag's inside (empty for an end tag, a
/// comment or a declaration).
fn tag_name(tag: &str) -> String {
    tag.chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Whether a class names a link card: one of its words is `card`,
/// `blogcard`, `linkcard` or `embedcard` (`ogpCard_wrap`,
/// `wp-blogcard`).
fn names_a_card(token: &str) -> bool {
    words(token)
        .iter()
        .any(|w| matches!(w.as_str(), "card" | "blogcard" | "linkcard" | "embedcard"))
}

/// Where the post's element starts and ends (after its end tag).
fn post_element(html: &str) -> Option<(usize, usize)> {
    let b = html.as_bytes();
    let mut named: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some((at, tag_end, tag, name)) = next_element(html, i) {
        i = at + 1;
        let is_body = super::meta::attr(tag, "itemprop")
            .is_some_and(|v| v.eq_ignore_ascii_case("articlebody"))
            || ["class", "id"].iter().any(|a| {
                super::meta::attr(tag, a).is_some_and(|v| v.split_whitespace().any(names_a_body))
            });
        if is_body {
            named.push((
                at,
                super::prepare::close_of(b, tag_end + 1, name.as_bytes(), true),
            ));
        }
    }
    // The innermost of nested named elements; several apart are a list.
    let innermost: Vec<(usize, usize)> = named
        .iter()
        .copied()
        .filter(|&(s, e)| {
            !named
                .iter()
                .any(|&(s2, e2)| (s2, e2) != (s, e) && s <= s2 && e2 <= e)
        })
        .collect();
    match innermost.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Whether a class or id names a post's body: its last two words are one
/// of [`BODY_OWNERS`] and one of [`BODY_WORDS`]. `hotentry-text` is not.
fn names_a_body(token: &str) -> bool {
    match words(token).as_slice() {
        [.., owner, word] => {
            BODY_OWNERS.contains(&owner.as_str()) && BODY_WORDS.contains(&word.as_str())
        }
        _ => false,
    }
}

/// A class or id's words, lower-cased: split at `-`, `_` and where a
/// capital follows a lower-case letter (`skin-entryBody`: skin, entry,
/// body; `POST_BODY`: post, body).
fn words(token: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in token.chars() {
        if matches!(c, '-' | '_') {
            words.push(std::mem::take(&mut current));
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower {
            words.push(std::mem::take(&mut current));
        }
        prev_lower = c.is_lowercase();
        current.extend(c.to_lowercase());
    }
    words.push(current);
    words.retain(|w| !w.is_empty());
    words
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "img" | "hr" | "input" | "meta" | "link" | "source" | "wbr" | "area" | "col"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post_html(page: &str) -> Option<String> {
        post(page).map(|p| p.html)
    }

    #[test]
    fn the_named_body_is_found() {
        // Amebaブログ: the entry's body inside the entry with its header.
        let page = "<html><head><title>t</title></head><body><div>menu</div><article class=\"skin-entry\"><h1>t</h1><div class=\"skin-entryBody\" id=\"entryBody\"><div>本文</div></div><div>footer</div></article></body></html>";
        assert_eq!(
            post_html(page).as_deref(),
            Some("<div class=\"skin-entryBody\" id=\"entryBody\"><div>本文</div></div>")
        );
        // Nested names: the innermost.
        let page = "<body><div class=\"POST_BODY\"><div class=\"post-main\">本文</div><div class=\"taglist\">タグ</div></div></body>";
        assert_eq!(
            post_html(page).as_deref(),
            Some("<div class=\"post-main\">本文</div>")
        );
        // schema.org's articleBody.
        let page = "<body><section itemprop=\"articleBody\">本文</section><p>他</p></body>";
        assert_eq!(
            post_html(page).as_deref(),
            Some("<section itemprop=\"articleBody\">本文</section>")
        );
    }

    #[test]
    fn no_single_body_no_post() {
        // Several posts side by side: no single post.
        assert_eq!(
            post_html(
                "<body><div class=\"entry-body\">一</div><div class=\"entry_body\">二</div></body>"
            ),
            None
        );
        // Names that only contain the words are not bodies.
        assert_eq!(
            post_html(
                "<body><p class=\"hotentry-text\">x</p><div class=\"entry-body-footer\">y</div></body>"
            ),
            None
        );
        assert_eq!(
            post_html("<body><article><p>本文</p></article></body>"),
            None
        );
    }

    #[test]
    fn link_cards_are_cut_and_their_address_kept() {
        let page = "<div class=\"entryBody\"><div>大変だ、</div><article class=\"ogpCard_wrap\"><a class=\"ogpCard_link\" href=\"https://news.example.jp/1\"><span>見出し - ニュース</span><span>説明の文。</span></a></article><div>とても、</div></div>";
        let p = post(page).expect("a post");
        assert_eq!(
            p.html,
            "<div class=\"entryBody\"><div>大変だ、</div><div>とても、</div></div>"
        );
        assert_eq!(p.links, vec!["https://news.example.jp/1".to_string()]);
        // A class that merely contains the letters is no card.
        let page = "<div class=\"entryBody\"><div class=\"cardinal\">本文</div></div>";
        assert_eq!(post(page).expect("a post").html, page);
    }

    #[test]
    fn the_crates_fallback_is_recognised() {
        assert!(fell_back(&[
            "Used fallback extraction: 252 chars (was 48 chars)".to_string()
        ]));
        assert!(fell_back(&[
            "Used multi-candidate merge: 6995 chars (was 233 chars)".to_string()
        ]));
        assert!(!fell_back(&[]));
    }
}
