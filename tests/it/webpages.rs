//! Web pages in: `yomu import PAGE` of an article page (a file, and an
//! address on a real HTTP server on 127.0.0.1), the hostile pages it
//! refuses with a reason, and `full_text = true` subscriptions whose
//! sync fetches each new item's page (the server's log shows the fetches).
//! Every `XDG_*` folder is a temporary folder; nothing leaves the machine.

use crate::common::home::{Home, checks};
use crate::common::http::{Reply, Server};

/// A Japanese news page: navigation, a header, a footer and a sidebar of
/// links around an article with a subheading, a list, ruby, an image and
/// a video, the date in `article:published_time`, the author in a meta.
pub(crate) fn article_page() -> String {
    let para = |n: usize| {
        format!(
            "<p>政府は{n}日、新しい経済対策を発表した。物価の上昇が続くなか、家計の負担を和らげるための措置で、\
             電気料金とガス料金の補助を来年の春まで延長する。専門家は効果が限られると指摘している。</p>"
        )
    };
    let mut body = String::new();
    for n in 1..=4 {
        body.push_str(&para(n));
    }
    let mut later = String::new();
    for n in 5..=7 {
        later.push_str(&para(n));
    }
    let nav: String = (1..=15)
        .map(|i| format!("<li><a href=\"/cat/{i}\">カテゴリー{i}</a></li>"))
        .collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8">
<title>経済対策を発表 | テスト新聞</title>
<meta property="og:site_name" content="テスト新聞">
<meta property="article:published_time" content="2025-03-04T09:30:00+09:00">
<meta name="author" content="山田 太郎">
<script>document.title = "書き換え"; alert("走らない");</script>
</head><body>
<header><nav><ul>{nav}</ul></nav><div class="logo">テスト新聞</div></header>
<main><article>
<h1>経済対策を発表</h1>
{body}
<p><ruby>補助<rp>(</rp><rt>ほじょ</rt><rp>)</rp></ruby>の対象は全国の世帯で、申請は不要である。対象となる世帯は自動的に割引を受ける。</p>
<figure><img src="/img/graph.png" alt="補助額の推移"><figcaption>補助額の推移</figcaption></figure>
<h2>専門家の見方</h2>
{later}
<ul><li>電気料金の補助を延長</li><li>ガス料金の補助を延長</li></ul>
<video src="/media/briefing.mp4"></video>
<p>詳しい内容は来週にも閣議で決まる見通しだ。政府は年内の成立を目指している。</p>
</article></main>
<aside><h3>ランキング</h3><ul>{nav}</ul></aside>
<footer><p>Copyright テスト新聞 All rights reserved.</p><ul>{nav}</ul></footer>
</body></html>"#
    )
}

fn encode(text: &str, label: &str) -> Vec<u8> {
    let enc = encoding_rs::Encoding::for_label(label.as_bytes()).expect("known encoding");
    enc.encode(text).0.into_owned()
}

fn parse(toml: &str) -> yomu::briefing::Briefing {
    yomu::briefing::parse_str("page.toml", toml)
        .expect("a valid briefing")
        .briefing
}

/// What every import of [`article_page`] gives, whatever its encoding.
fn assert_article(b: &yomu::briefing::Briefing, url: Option<&str>) {
    assert_eq!(b.title, "経済対策を発表");
    assert_eq!(b.subtitle.as_deref(), Some("山田 太郎"));
    assert_eq!(b.language.as_deref(), Some("ja"));
    assert_eq!(b.published.unwrap().rfc3339(), "2025-03-04T09:30:00+09:00");
    let headings: Vec<&str> = b.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["経済対策を発表", "専門家の見方"]);
    let first = &b.sections[0];
    assert!(
        first.body[0].starts_with("政府は1日、新しい経済対策"),
        "{:?}",
        first.body
    );
    assert!(
        first
            .body
            .iter()
            .any(|p| p.starts_with("｜補助《ほじょ》の対象は全国の世帯")),
        "{:?}",
        first.body
    );
    let second = &b.sections[1];
    assert!(second.body[0].starts_with("政府は5日"), "{:?}", second.body);
    assert!(
        second
            .body
            .last()
            .unwrap()
            .starts_with("詳しい内容は来週にも"),
        "{:?}",
        second.body
    );
    assert_eq!(
        second.key_points,
        ["電気料金の補助を延長", "ガス料金の補助を延長"]
    );
    let all: String = b
        .sections
        .iter()
        .flat_map(|s| s.body.iter().chain(&s.key_points))
        .cloned()
        .collect();
    for boilerplate in [
        "カテゴリー",
        "ランキング",
        "Copyright",
        "走らない",
        "書き換え",
    ] {
        assert!(!all.contains(boilerplate), "{boilerplate} kept: {all}");
    }
    let urls: Vec<&str> = first.sources.iter().map(|s| s.url.as_str()).collect();
    match url {
        Some(u) => {
            assert_eq!(urls[0], u);
            assert_eq!(first.sources[0].name, "テスト新聞");
            assert_eq!(first.id.as_deref(), Some(u));
            let base = u.trim_end_matches("/news/1");
            assert!(
                urls.contains(&format!("{base}/img/graph.png").as_str()),
                "{urls:?}"
            );
            assert!(
                urls.contains(&format!("{base}/media/briefing.mp4").as_str()),
                "{urls:?}"
            );
        }
        None => assert!(urls.iter().all(|u| u.starts_with("http")), "{urls:?}"),
    }
}

#[test]
fn import_of_an_article_page_from_a_file_and_from_an_address() {
    let home = Home::new("page-import");
    // A file in EUC-JP, declared by its own <meta>.
    let page = article_page().replace("charset=\"utf-8\"", "charset=\"EUC-JP\"");
    home.dir.write("page.html", encode(&page, "EUC-JP"));
    let r = home.run(&["import", "page.html", "-o", "page.toml"]);
    r.exit(0);
    checks(&home, "page.toml");
    let toml = std::fs::read_to_string(home.dir.join("page.toml")).unwrap();
    assert_article(&parse(&toml), None);

    // An address: Shift_JIS, named by the HTTP charset only.
    let server = Server::start(|hit| match hit.path.as_str() {
        "/news/1" => Reply::ok(
            "text/html; charset=Shift_JIS",
            encode(
                &article_page().replace("<meta charset=\"utf-8\">", ""),
                "Shift_JIS",
            ),
        ),
        _ => Reply::status(404),
    });
    let url = server.url("/news/1");
    let r = home.run(&["import", &url]);
    r.exit(0);
    assert_article(&parse(&r.stdout), Some(&url));
    // The page was read, never run: nothing it links to was fetched.
    let paths: Vec<String> = server
        .hits
        .lock()
        .unwrap()
        .iter()
        .map(|h| h.path.clone())
        .collect();
    assert_eq!(paths, ["/news/1"]);
}

#[test]
fn hostile_pages_are_refused_with_a_reason() {
    let home = Home::new("page-hostile");
    // Nesting bomb: refused before parsing.
    let bomb = format!(
        "<!DOCTYPE html><html><body>{}</body></html>",
        "<div>".repeat(100_000)
    );
    home.dir.write("bomb.html", bomb);
    home.run(&["import", "bomb.html"])
        .exit(1)
        .says(&["bomb.html: the page nests elements more than 512 deep"]);
    // Over the size cap.
    let huge = format!(
        "<!DOCTYPE html><html><body><p>{}</p></body></html>",
        "あ".repeat(3 * 1024 * 1024)
    );
    home.dir.write("huge.html", huge);
    home.run(&["import", "huge.html"]).exit(1).says(&[
        "huge.html: the page is",
        "over the 8 MiB an article page may take",
    ]);
    // A page with no article: a list of links.
    let links: String = (1..=40)
        .map(|i| format!("<li><a href=\"/p/{i}\">記事{i}</a></li>"))
        .collect();
    home.dir.write(
        "list.html",
        format!("<!DOCTYPE html><html><body><ul>{links}</ul></body></html>"),
    );
    home.run(&["import", "list.html"])
        .exit(1)
        .says(&["list.html: no article found on the page"]);
    // Escapes, bidi controls and script links: sanitised text, only http(s) sources.
    let evil = article_page()
        .replace(
            "経済対策を発表</h1>",
            "経済\u{1b}]2;乗っ取り\u{7}対策\u{202e}を発表</h1>",
        )
        .replace("/img/graph.png", "javascript:alert(1)")
        .replace("/media/briefing.mp4", "file:///etc/passwd");
    home.dir.write("evil.html", evil);
    let r = home.run(&["import", "evil.html"]);
    r.exit(0);
    assert!(!r.stdout.contains('\u{1b}') && !r.stdout.contains('\u{202e}'));
    assert!(!r.stdout.contains("javascript:") && !r.stdout.contains("file:"));
    parse(&r.stdout);
    // In Japanese too.
    let r = Home::new("page-hostile-ja");
    r.dir.write(
        "list.html",
        format!("<!DOCTYPE html><html><body><ul>{links}</ul></body></html>"),
    );
    let mut c = r.cmd(&["import", "list.html"]);
    c.env("LANG", "ja_JP.UTF-8");
    crate::common::Run::of(c)
        .exit(1)
        .says(&["ページに記事が見つかりません"]);
}

/// An RSS feed whose two items link to pages on the same server: one an
/// article, one missing.
fn full_text_feed(base: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>テスト新聞</title><link>{base}/</link><language>ja</language>
<item><title>経済対策を発表</title><link>{base}/news/1</link><guid>n1</guid>
<pubDate>Tue, 04 Mar 2025 00:30:00 GMT</pubDate><description>政府が経済対策を発表した。</description></item>
<item><title>消えた記事</title><link>{base}/news/2</link><guid>n2</guid>
<pubDate>Tue, 04 Mar 2025 00:10:00 GMT</pubDate><description>フィードだけの本文。</description></item>
</channel></rss>"#
    )
}

/// A server of [`full_text_feed`] and its article page, and a home
/// subscribed to that feed with `full_text = true`.
fn full_text_home(name: &str) -> (Server, Home) {
    use std::sync::{Arc, OnceLock};
    let base: Arc<OnceLock<String>> = Arc::new(OnceLock::new());
    let b = base.clone();
    let server = Server::start(move |hit| match hit.path.as_str() {
        "/rss" => Reply::ok(
            "application/rss+xml",
            full_text_feed(b.get().map_or("", String::as_str)),
        ),
        "/news/1" => Reply::ok("text/html; charset=utf-8", article_page()),
        _ => Reply::status(404),
    });
    base.set(server.url("")).unwrap();
    let home = Home::new(name);
    home.subscribe(10, &[("news", server.url("/rss"))]);
    let text = std::fs::read_to_string(home.feeds_toml()).unwrap() + "full_text = true\n";
    std::fs::write(home.feeds_toml(), text).unwrap();
    (server, home)
}

#[test]
fn full_text_feeds_carry_the_whole_article_and_keep_the_feed_text_on_failure() {
    let (server, home) = full_text_home("full-text");
    home.run(&["sync"]).exit(0);
    let library = home.library();
    let (name, toml) = library.iter().next().expect("a day file");
    checks(&home, &format!("data/yomu/library/{name}"));
    let b = parse(toml);
    let first = b
        .sections
        .iter()
        .find(|s| s.heading == "経済対策を発表")
        .unwrap();
    assert!(
        first.body[0].starts_with("政府は1日、新しい経済対策"),
        "{:?}",
        first.body
    );
    assert!(
        first.body.iter().any(|p| p == "専門家の見方"),
        "{:?}",
        first.body
    );
    assert_eq!(
        first.key_points,
        ["電気料金の補助を延長", "ガス料金の補助を延長"]
    );
    let second = b
        .sections
        .iter()
        .find(|s| s.heading == "消えた記事")
        .unwrap();
    assert_eq!(second.body, ["フィードだけの本文。"]);
    // The pages were fetched once each; the article went into the cache.
    assert_eq!(server.hits("/news/1").len(), 1);
    assert_eq!(server.hits("/news/2").len(), 1);
    let cached = std::fs::read_dir(home.dir.join("cache/yomu/articles"))
        .unwrap()
        .count();
    assert_eq!(cached, 1);
    // A second sync fetches no page again (no new items).
    home.run(&["sync"]).exit(0);
    assert_eq!(server.hits("/news/1").len(), 1);

    // Without full_text, no page is fetched.
    let plain = Home::new("full-text-off");
    plain.subscribe(10, &[("news", server.url("/rss"))]);
    plain.run(&["sync"]).exit(0);
    assert_eq!(server.hits("/news/1").len(), 1);
}

#[test]
fn full_text_must_be_a_boolean() {
    let home = Home::new("full-text-bad");
    home.subscribe(10, &[("news", "https://example.com/rss".into())]);
    let text = std::fs::read_to_string(home.feeds_toml()).unwrap() + "full_text = \"yes\"\n";
    std::fs::write(home.feeds_toml(), text).unwrap();
    home.run(&["sync"])
        .exit(2)
        .says(&["`full_text` must be true or false"]);
}

#[test]
fn full_text_keeps_the_articles_cache_within_the_bound_of_the_configuration_given() {
    let (server, home) = full_text_home("full-text-bound");
    // Three old articles of 400 KB: 1.2 MB, within the default bound but
    // not within the 1 MB the configuration named on the command line asks.
    let cache = home.dir.join("cache/yomu/articles");
    std::fs::create_dir_all(&cache).unwrap();
    for i in 0..3u64 {
        let path = cache.join(format!("old{i}.toml"));
        std::fs::write(&path, "#".repeat(400 * 1024)).unwrap();
        let f = std::fs::File::options().append(true).open(&path).unwrap();
        f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(1000 - i))
            .unwrap();
    }
    home.dir.write("small-cache.toml", "article_cache_mb = 1\n");
    home.run(&["--config", "small-cache.toml", "sync"]).exit(0);
    assert_eq!(server.hits("/news/1").len(), 1);
    let files: Vec<(String, u64)> = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .map(|e| {
            let len = e.metadata().unwrap().len();
            (e.file_name().to_string_lossy().into_owned(), len)
        })
        .collect();
    let total: u64 = files.iter().map(|f| f.1).sum();
    assert!(total <= 1024 * 1024, "{files:?}");
    // The oldest went first; the new article is kept.
    assert!(!files.iter().any(|f| f.0 == "old0.toml"), "{files:?}");
    assert!(files.iter().any(|f| !f.0.starts_with("old")), "{files:?}");
}
