//! News in: `yomu import`, `yomu feeds`, `yomu sync` and the
//! reader's default library, through the real binary against real HTTP
//! servers on 127.0.0.1 (`tests/common/http.rs`: `tiny_http` in a thread,
//! and a raw TCP one for the misbehaving cases: a body cut short, a server
//! that drips). Every `XDG_*` folder is a temporary folder; nothing leaves the
//! machine. No assertion depends on timing: a slow server is cut off by a
//! one-second timeout set in feeds.toml, and the test only checks that the
//! feed failed with a timeout and that nothing was written.

use std::io::Write;
use std::sync::{Arc, Mutex};

use crate::common::Run;
use crate::common::home::{Home, checks};
use crate::common::http::{Reply, Server, raw_server};

// ----------------------------------------------------------------- feeds

const RSS_JA: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>テスト新聞</title><link>https://news.example.jp/</link><language>ja</language>
<item><title>円安が進む</title><link>https://news.example.jp/a/1</link><guid>a1</guid>
<pubDate>Tue, 04 Mar 2025 00:30:00 GMT</pubDate>
<description><![CDATA[<p>為替市場で<b>円安</b>が&nbsp;進んだ。<br>市場は&hellip;</p><script>alert("x")</script><style>p{}</style>
<ul><li>一ドル150円</li><li>輸入物価が上昇</li></ul><p>詳しくは<a href="/b/2">こちら</a>と<a href="javascript:evil()">ここ</a></p>]]></description></item>
<item><title>&#x1b;]2;乗っ取り&#x7;&#x1b;[31m地震速報</title><link>https://news.example.jp/a/2</link><guid>a2</guid>
<pubDate>Mon, 03 Mar 2025 01:00:00 GMT</pubDate><description>震度&lt;b&gt;3&lt;/b&gt;を観測。</description></item>
<item><guid>empty</guid><description>  </description></item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><link href="https://atom.example/"/>
<entry><id>urn:atom:1</id><title>Markets rally</title><updated>2025-03-04T10:00:00Z</updated>
<link href="https://atom.example/1"/><content type="html">&lt;p&gt;Stocks rose.&lt;/p&gt;</content></entry></feed>"#;

const JSON_FEED: &str = r#"{"version":"https://jsonfeed.org/version/1.1","title":"JSON News","language":"en",
"items":[{"id":"j1","url":"https://json.example/1","title":"Hello","date_published":"2025-03-04T08:00:00Z",
"content_html":"<p>First.</p><p>Second.</p>"}]}"#;

fn rss_sjis_body() -> Vec<u8> {
    let text = r#"<?xml version="1.0" encoding="Shift_JIS"?>
<rss version="2.0"><channel><title>シフトJIS新聞</title><language>ja</language>
<item><title>桜の開花</title><link>https://sjis.example/1</link><guid>s1</guid>
<pubDate>Tue, 04 Mar 2025 00:00:00 GMT</pubDate><description>東京で桜が咲いた。</description></item></channel></rss>"#;
    encoding_sjis(text)
}

/// Shift_JIS bytes of `text` (every character here has a Shift_JIS form).
fn encoding_sjis(text: &str) -> Vec<u8> {
    encode(text, "Shift_JIS")
}

fn encode(text: &str, label: &str) -> Vec<u8> {
    let enc = encoding_rs::Encoding::for_label(label.as_bytes()).expect("known encoding");
    enc.encode(text).0.into_owned()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn no_escapes(s: &str) {
    assert!(
        !s.chars()
            .any(|c| c == '\u{1b}' || c == '\u{7}' || ('\u{80}'..='\u{9f}').contains(&c)),
        "raw control characters in output: {s:?}"
    );
}

// ----------------------------------------------------------------- import

#[test]
fn import_turns_japanese_html_into_plain_paragraphs_key_points_and_sources() {
    let home = Home::new("import");
    home.dir.write("news.rss", RSS_JA);
    let r = home.run(&["import", "news.rss", "-o", "news.toml"]);
    r.exit(0)
        .says(&["news.rss: 1 item with neither a title nor text left out"]);
    checks(&home, "news.toml");
    let toml = std::fs::read_to_string(home.dir.join("news.toml")).unwrap();
    let b = yomu::briefing::parse_str("news.toml", &toml)
        .unwrap()
        .briefing;
    assert_eq!(b.title, "テスト新聞");
    assert_eq!(b.language.as_deref(), Some("ja"));
    assert_eq!(b.published.unwrap().rfc3339(), "2025-03-04T09:30:00+09:00");
    let s = &b.sections[0];
    assert_eq!(s.heading, "円安が進む");
    assert_eq!(
        s.body,
        [
            "為替市場で円安が\u{a0}進んだ。\n市場は…",
            "詳しくはこちらとここ"
        ]
    );
    assert_eq!(s.key_points, ["一ドル150円", "輸入物価が上昇"]);
    let urls: Vec<_> = s.sources.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(
        urls,
        ["https://news.example.jp/a/1", "https://news.example.jp/b/2"]
    );
    // The title's escapes are visible symbols, never raw.
    assert_eq!(b.sections[1].heading, "␛]2;乗っ取り␇␛[31m地震速報");
    assert_eq!(b.sections[1].body, ["震度3を観測。"]);
    assert!(!toml.contains("alert") && !toml.contains("p{}") && !toml.contains("javascript"));
    no_escapes(&toml);
    // The same, printed, and through the reader's text export.
    let printed = home.run(&["import", "news.rss"]);
    printed.exit(0);
    assert_eq!(printed.stdout, toml);
    let shown = home.run(&["export", "news.toml"]);
    shown.exit(0);
    no_escapes(&shown.stdout);
    assert!(shown.stdout.contains("円安が進む"));
}

#[test]
fn import_over_http_reads_atom_json_feed_shift_jis_and_gzip() {
    let server = Server::start(|hit| match hit.path.as_str() {
        "/atom" => Reply::ok("application/atom+xml", ATOM),
        "/json" => Reply::ok("application/feed+json", JSON_FEED),
        "/sjis" => Reply::ok("application/rss+xml", rss_sjis_body()),
        // No declaration: the HTTP charset says EUC-JP.
        "/euc" => Reply::ok(
            "text/xml; charset=EUC-JP",
            encode(
                "<rss version=\"2.0\"><channel><title>日経テスト</title><item><title>株価</title><guid>e1</guid></item></channel></rss>",
                "EUC-JP",
            ),
        ),
        "/gzip"
            if hit
                .headers
                .get("accept-encoding")
                .is_some_and(|a| a.contains("gzip")) =>
        {
            Reply::ok("application/rss+xml", gzip(RSS_JA.as_bytes()))
                .header("Content-Encoding", "gzip")
        }
        _ => Reply::status(404),
    });
    let home = Home::new("import-http");
    let import = |path: &str| {
        let r = home.run(&["import", &server.url(path)]);
        r.exit(0);
        yomu::briefing::parse_str("x", &r.stdout)
            .expect("valid briefing")
            .briefing
    };
    let atom = import("/atom");
    assert_eq!(
        (atom.title.as_str(), atom.sections[0].body[0].as_str()),
        ("Atom News", "Stocks rose.")
    );
    let json = import("/json");
    assert_eq!(json.sections[0].body, ["First.", "Second."]);
    assert_eq!(json.language.as_deref(), Some("en"));
    let sjis = import("/sjis");
    assert_eq!(
        (sjis.title.as_str(), sjis.sections[0].heading.as_str()),
        ("シフトJIS新聞", "桜の開花")
    );
    assert_eq!(sjis.sections[0].body, ["東京で桜が咲いた。"]);
    assert_eq!(import("/euc").sections[0].heading, "株価");
    assert_eq!(import("/gzip").sections[0].heading, "円安が進む");
    let ua = &server.hits("/atom")[0].headers["user-agent"];
    assert!(
        ua.starts_with(&format!("yomu/{}", env!("CARGO_PKG_VERSION"))),
        "{ua}"
    );
    home.run(&["import", &server.url("/missing")])
        .exit(2)
        .says(&["HTTP 404"]);
}

#[test]
fn hostile_and_broken_feeds_get_a_clear_error() {
    let home = Home::new("hostile");
    let bomb = r#"<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<rss version="2.0"><channel><title>&c;</title><item><title>&c;</title></item></channel></rss>"#;
    home.dir.write("bomb.rss", bomb);
    home.run(&["import", "bomb.rss"])
        .exit(1)
        .says(&["bomb.rss", "refused", "<!ENTITY"]);
    let deep = format!(
        "<rss version=\"2.0\"><channel>{}</channel></rss>",
        "<x>".repeat(100_000)
    );
    home.dir.write("deep.rss", deep);
    home.run(&["import", "deep.rss"])
        .exit(1)
        .says(&["refused", "nested"]);
    let deep_html = format!(
        "<rss version=\"2.0\"><channel><title>t</title><item><title>x</title><description>{}</description></item></channel></rss>",
        "&lt;div&gt;".repeat(100_000)
    );
    home.dir.write("deephtml.rss", deep_html);
    home.run(&["import", "deephtml.rss"])
        .exit(1)
        .says(&["refused", "128 deep"]);
    home.dir.write(
        "broken.rss",
        "<rss version=\"2.0\"><channel><title>x</title><item><title>a</item>",
    );
    let r = home.run(&["import", "broken.rss"]);
    r.exit(1).says(&["broken.rss", "not a readable feed"]);
    home.dir.write(
        "empty.rss",
        "<rss version=\"2.0\"><channel><title>x</title></channel></rss>",
    );
    home.run(&["import", "empty.rss"])
        .exit(1)
        .says(&["no items"]);
    home.dir.write("big.rss", vec![b' '; 16 * 1024 * 1024 + 1]);
    home.run(&["import", "big.rss"])
        .exit(2)
        .says(&["over the limit of 16 MiB"]);
}

// ---------------------------------------------------------- subscriptions

#[test]
fn feeds_add_list_remove_and_opml_both_ways() {
    let home = Home::new("subs");
    home.run(&["feeds", "add", "https://www.example.jp/rss"])
        .exit(0);
    home.run(&[
        "feeds",
        "add",
        "https://other.example/feed.json",
        "--name",
        "other",
    ])
    .exit(0);
    home.run(&["feeds", "add", "https://www.example.jp/rss"])
        .exit(0);
    home.run(&["feeds", "add", "file:///etc/passwd"])
        .exit(2)
        .says(&["http"]);
    let list = home.run(&["feeds", "list"]);
    assert_eq!(
        list.stdout,
        "example.jp\thttps://www.example.jp/rss\nother\thttps://other.example/feed.json\n"
    );
    let opml = home.run(&["feeds", "export-opml"]).stdout;
    assert!(
        opml.contains(r#"xmlUrl="https://other.example/feed.json""#),
        "{opml}"
    );
    home.run(&["feeds", "remove", "other"]).exit(0);
    home.run(&["feeds", "remove", "other"])
        .exit(1)
        .says(&["no subscription"]);
    home.dir.write("subs.opml", opml);
    let r = home.run(&["feeds", "import-opml", "subs.opml"]);
    r.exit(0);
    assert_eq!(r.stdout, "1 added, 1 already subscribed, 0 skipped\n");
    assert_eq!(home.run(&["feeds", "list"]).stdout.lines().count(), 2);
    // Written atomically: no temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(home.dir.join("config/yomu"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, ["feeds.toml"]);
}

#[test]
fn errors_in_feeds_toml_are_reported_like_configuration_errors() {
    let home = Home::new("subs-bad");
    std::fs::create_dir_all(home.dir.join("config/yomu")).unwrap();
    std::fs::write(
        home.feeds_toml(),
        "[[feed]]\nname = \"a\"\nurl = \"ftp://x\"\nurll = 1\n",
    )
    .unwrap();
    let r = home.run(&["feeds", "list"]);
    r.exit(2).says(&[
        "feeds.toml:3:7: error:",
        "feeds.toml:4:1: error: unknown key `urll`",
        "did you mean `url`?",
    ]);
    home.run(&["sync"]).exit(2).says(&["feeds.toml:3:7"]);
    // No subscriptions: said so, and nothing is created.
    std::fs::remove_file(home.feeds_toml()).unwrap();
    let r = home.run(&["sync"]);
    r.exit(0)
        .says(&["no subscriptions yet", "yomu feeds add URL"]);
    assert_eq!(
        r.stdout,
        "no new articles; 0 feeds: 0 updated, 0 unchanged, 0 failed\n"
    );
    assert!(!home.dir.join("state").exists() && !home.dir.join("data").exists());
}

#[test]
fn feeds_commands_keep_comments_in_feeds_toml_and_lose_no_concurrent_change() {
    let home = Home::new("subs-edit");
    std::fs::create_dir_all(home.dir.join("config/yomu")).unwrap();
    let mine = "# My feeds, kept by hand.\ntimeout = 20 # the office proxy is slow\n\n# Morning\n[[feed]]\nname = \"nhk\" # public broadcaster\nurl = \"https://nhk.example/rss\"\n";
    std::fs::write(home.feeds_toml(), mine).unwrap();
    let args = ["feeds", "add", "https://other.example/feed.json"];
    home.run(&[&args[..], &["--name", "other"]].concat())
        .exit(0);
    let text = std::fs::read_to_string(home.feeds_toml()).unwrap();
    assert!(text.starts_with(mine), "{text}");
    assert!(text.contains("name = \"other\""), "{text}");
    home.run(&["feeds", "remove", "other"]).exit(0);
    let text = std::fs::read_to_string(home.feeds_toml()).unwrap();
    assert_eq!(text.trim_end(), mine.trim_end());
    // Eight `yomu feeds add` at once: each one reads the file as the
    // others left it, so every subscription is kept.
    let children: Vec<_> = (0..8)
        .map(|i| {
            home.cmd(&["feeds", "add", &format!("https://n{i}.example/rss")])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let list = home.run(&["feeds", "list"]).stdout;
    assert_eq!(list.lines().count(), 9, "{list}");
    for i in 0..8 {
        assert!(
            list.contains(&format!("https://n{i}.example/rss")),
            "{list}"
        );
    }
    let text = std::fs::read_to_string(home.feeds_toml()).unwrap();
    assert!(text.starts_with(mine), "{text}");
}

#[test]
fn import_over_http_keeps_to_the_timeout_in_feeds_toml() {
    let slow = raw_server(dripping);
    let home = Home::new("import-timeout");
    // The server drips a byte every half second: only a one-second
    // timeout ends the import (the default would wait a minute).
    home.subscribe(1, &[]);
    let r = home.run(&["import", &format!("{slow}/rss")]);
    r.exit(2).says(&["timed out"]);
    // A broken feeds.toml does not stop an import: said, and the defaults used.
    std::fs::write(home.feeds_toml(), "timeout = \"soon\"\n").unwrap();
    let server = good_server();
    let r = home.run(&["import", &server.url("/rss")]);
    r.exit(0)
        .says(&["default timeouts used", "feeds.toml:1:11"]);
    assert!(r.stdout.contains("円安が進む"), "{}", r.stdout);
}

// ------------------------------------------------------------------- sync

fn good_server() -> Server {
    Server::start(|hit| {
        let etag = "\"v1\"";
        let lm = "Tue, 04 Mar 2025 01:00:00 GMT";
        let fresh = hit.headers.get("if-none-match").map(String::as_str) == Some(etag);
        match hit.path.as_str() {
            "/rss" | "/atom" | "/json" | "/sjis" | "/gzip" if fresh => Reply::status(304),
            "/rss" => Reply::ok("application/rss+xml", RSS_JA)
                .header("ETag", etag)
                .header("Last-Modified", lm),
            "/atom" => Reply::ok("application/atom+xml", ATOM).header("ETag", etag),
            "/json" => Reply::ok("application/feed+json", JSON_FEED).header("ETag", etag),
            "/sjis" => Reply::ok("application/rss+xml", rss_sjis_body()).header("ETag", etag),
            "/gzip" => Reply::ok("application/atom+xml", gzip(ATOM.as_bytes()))
                .header("Content-Encoding", "gzip")
                .header("ETag", etag),
            "/old" => Reply::status(301).header("Location", "/json"),
            "/bad" => Reply::ok(
                "application/rss+xml",
                "<rss version=\"2.0\"><channel><item><title>x</rss",
            ),
            "/500" => Reply::status(500),
            "/big" => Reply::ok("application/rss+xml", vec![b' '; 16 * 1024 * 1024 + 10]),
            _ => Reply::status(404),
        }
    })
}

fn truncating(conn: &mut std::net::TcpStream) {
    let _ = conn.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 5000\r\n\r\n",
    );
    let _ = conn.write_all(&RSS_JA.as_bytes()[..200]);
}

fn dripping(conn: &mut std::net::TcpStream) {
    let _ = conn.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 5000\r\n\r\n",
    );
    for b in RSS_JA.as_bytes() {
        if conn.write_all(&[*b]).is_err() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
}

#[test]
fn sync_fetches_every_kind_politely_and_a_second_sync_sends_validators_and_writes_nothing() {
    let server = good_server();
    let truncated = raw_server(truncating);
    let slow = raw_server(dripping);
    let home = Home::new("sync");
    home.subscribe(
        1,
        &[
            ("rss", server.url("/rss")),
            ("atom", server.url("/atom")),
            ("json", server.url("/old")),
            ("sjis", server.url("/sjis")),
            ("gzip", server.url("/gzip")),
            ("bad", server.url("/bad")),
            ("err", server.url("/500")),
            ("big", server.url("/big")),
            ("cut", format!("{truncated}/rss")),
            ("slow", format!("{slow}/rss")),
        ],
    );
    let r = home.run(&["sync"]);
    r.exit(1).says(&[
        "bad: failed: not a readable feed",
        "err: failed: HTTP 500",
        "big: failed: the response is larger than 16 MiB",
        "cut: failed:",
        "slow: failed: timed out",
    ]);
    assert!(
        r.stdout
            .ends_with("10 feeds: 5 updated, 0 unchanged, 5 failed\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("rss: 2 new items\n"), "{}", r.stdout);
    let lib = home.library();
    let names: Vec<&str> = lib.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "atom-2025-03-04.toml",
            "gzip-2025-03-04.toml",
            "json-2025-03-04.toml",
            "rss-2025-03-03.toml",
            "rss-2025-03-04.toml",
            "sjis-2025-03-04.toml",
        ]
    );
    for name in lib.keys() {
        checks(&home, &format!("data/yomu/library/{name}"));
        no_escapes(&lib[name]);
    }
    // The day is the file's date, not part of its title.
    assert!(
        lib["rss-2025-03-04.toml"].starts_with("title = \"テスト新聞\"\npublished = 2025-03-04T")
    );
    assert!(lib["sjis-2025-03-04.toml"].contains("桜の開花"));
    // The permanent redirect moved the subscription.
    let feeds = std::fs::read_to_string(home.feeds_toml()).unwrap();
    assert!(
        feeds.contains(&format!("url = \"{}\"", server.url("/json"))),
        "{feeds}"
    );
    assert!(!feeds.contains("/old"));

    // Again: the validators go back, the answers are 304, nothing is written.
    let before = home.library_times();
    let r = home.run(&["sync"]);
    r.exit(1);
    assert!(
        r.stdout
            .ends_with("10 feeds: 0 updated, 5 unchanged, 5 failed\n"),
        "{}",
        r.stdout
    );
    let rss = server.hits("/rss");
    assert_eq!(rss.len(), 2);
    assert!(!rss[0].headers.contains_key("if-none-match"));
    assert_eq!(
        rss[1].headers.get("if-none-match").map(String::as_str),
        Some("\"v1\"")
    );
    assert_eq!(
        rss[1].headers.get("if-modified-since").map(String::as_str),
        Some("Tue, 04 Mar 2025 01:00:00 GMT")
    );
    assert_eq!(
        server.hits("/json")[1]
            .headers
            .get("if-none-match")
            .map(String::as_str),
        Some("\"v1\"")
    );
    assert_eq!(home.library(), lib);
    let after = home.library_times();
    assert_eq!(before, after);
}

#[test]
fn retry_after_is_honoured_across_runs() {
    let server = Server::start(|_| Reply::status(429).header("Retry-After", "3600"));
    let home = Home::new("429");
    home.subscribe(
        5,
        &[
            ("busy", server.url("/rss")),
            ("busy2", server.url("/other")),
        ],
    );
    let r = home.run(&["sync"]);
    r.exit(1)
        .says(&["busy: failed: HTTP 429: the server asked to wait 3600 s (Retry-After)"]);
    let asked = server.hits.lock().unwrap().len();
    assert!((1..=2).contains(&asked));
    // The next run asks nothing of that host before the hour is up.
    let r = home.run(&["sync"]);
    r.exit(0);
    assert!(
        r.stdout
            .contains("busy: not asked: the server asked to wait until"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .ends_with("2 feeds: 0 updated, 0 unchanged, 0 failed, 2 waiting\n"),
        "{}",
        r.stdout
    );
    assert_eq!(server.hits.lock().unwrap().len(), asked);
    assert!(
        std::fs::read_to_string(home.dir.join("state/yomu/hosts.toml"))
            .unwrap()
            .contains("strikes = 1")
    );
}

/// A feed whose items change between fetches (no validators).
#[test]
fn items_appear_once_across_fetches_and_days_and_a_failed_fetch_keeps_the_files() {
    let round = Arc::new(Mutex::new(0));
    let r2 = round.clone();
    let server = Server::start(move |_| {
        let item = |id: &str, day: u8, title: &str| {
            format!(
                "<item><title>{title}</title><guid>{id}</guid><link>https://d.example/{id}</link><pubDate>{day:02} Mar 2025 03:00:00 GMT</pubDate><description>本文</description></item>"
            )
        };
        let items = match *r2.lock().unwrap() {
            0 => item("a", 3, "一") + &item("b", 4, "二"),
            1 => item("a", 3, "一（改）") + &item("b", 4, "二") + &item("c", 4, "三"),
            _ => {
                return Reply::ok(
                    "application/rss+xml",
                    "<rss version=\"2.0\"><channel><title>壊れ",
                );
            }
        };
        Reply::ok(
            "application/rss+xml",
            format!(
                "<rss version=\"2.0\"><channel><title>日々</title><language>ja</language>{items}</channel></rss>"
            ),
        )
    });
    let home = Home::new("dedupe");
    home.subscribe(5, &[("days", server.url("/rss"))]);
    home.run(&["sync"]).exit(0);
    *round.lock().unwrap() = 1;
    let r = home.run(&["sync"]);
    r.exit(0);
    assert!(r.stdout.contains("days: 1 new item\n"), "{}", r.stdout);
    let lib = home.library();
    assert_eq!(lib.len(), 2);
    let day4 = yomu::briefing::parse_str("x", &lib["days-2025-03-04.toml"])
        .unwrap()
        .briefing;
    let headings: Vec<_> = day4.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["三", "二"]);
    assert_eq!(
        lib["days-2025-03-03.toml"].matches("[[sections]]").count(),
        1
    );
    *round.lock().unwrap() = 2;
    home.run(&["sync"])
        .exit(1)
        .says(&["days: failed: not a readable feed"]);
    assert_eq!(home.library(), lib);
}

#[test]
fn a_remote_briefing_is_validated_like_a_local_file() {
    let good = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/briefings/zelensky-peace-2025.toml"
    ))
    .unwrap();
    let version = Arc::new(Mutex::new(good.clone()));
    let v2 = version.clone();
    let server = Server::start(move |_| Reply::ok("application/toml", v2.lock().unwrap().clone()));
    let home = Home::new("remote");
    home.subscribe(5, &[("brief", server.url("/b.toml"))]);
    home.run(&["sync"]).exit(0);
    assert_eq!(home.library()["brief.remote.toml"], good);
    home.run(&["sync"]).exit(0);
    *version.lock().unwrap() =
        "title = \"x\"\npublished = \"2025-03-04\"\n[[sections]]\nheading = \"h\"\n".into();
    let r = home.run(&["sync"]);
    r.exit(1).says(&[
        "brief: failed: not a feed, and not a valid briefing:",
        "`published` must be a TOML date",
    ]);
    assert_eq!(home.library()["brief.remote.toml"], good);
}

#[test]
fn yomu_without_a_path_reads_the_synced_library() {
    let server = good_server();
    let home = Home::new("offline");
    // Nothing synced yet: the samples.
    let samples = home.run(&[]);
    samples.exit(0);
    home.subscribe(5, &[("atom", server.url("/atom"))]);
    home.run(&["sync"]).exit(0);
    drop(server);
    // The server is gone; the synced briefing reads offline.
    let r = home.run(&[]);
    r.exit(0);
    assert!(
        r.stdout.contains("Markets rally") && r.stdout.contains("Stocks rose."),
        "{}",
        r.stdout
    );
    assert_ne!(r.stdout, samples.stdout);
    home.run(&["check"]).exit(0);
    // ./briefings still comes first.
    std::fs::create_dir_all(home.dir.join("briefings")).unwrap();
    home.dir.write(
        "briefings/own.toml",
        "title = \"自分の\"\n[[sections]]\nheading = \"章\"\n",
    );
    assert!(home.run(&[]).stdout.contains("自分の"));
}

// -------------------------------------------------------------- property

mod props {
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[ぁ-んァ-ン一-龥、。「」 ]{0,30}",
            "[a-zA-Z0-9 .,!?]{0,30}",
            any::<String>(),
            Just("<b>太字</b>&amp;<script>x</script>&#x1b;[31m".to_string()),
            Just("\u{1b}]2;title\u{7}\u{202e}".to_string()),
        ]
    }

    fn escape(s: &str) -> String {
        s.chars()
            .filter(|c| matches!(*c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..))
            .collect::<String>()
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }

    fn rss(title: &str, items: &[(String, String, String, bool)]) -> String {
        let mut s = format!(
            "<rss version=\"2.0\"><channel><title>{}</title>",
            escape(title)
        );
        for (t, d, link, dated) in items {
            s.push_str(&format!(
                "<item><title>{}</title><description>{}</description><link>{}</link>{}</item>",
                escape(t),
                escape(d),
                escape(link),
                if *dated {
                    "<pubDate>Tue, 04 Mar 2025 00:30:00 GMT</pubDate>"
                } else {
                    ""
                }
            ));
        }
        s + "</channel></rss>"
    }

    fn json(title: &str, items: &[(String, String, String, bool)]) -> String {
        let items: Vec<_> = items
            .iter()
            .map(|(t, d, link, _)| serde_json::json!({"id": t, "title": t, "content_html": d, "url": link}))
            .collect();
        serde_json::json!({"version": "https://jsonfeed.org/version/1.1", "title": title, "items": items}).to_string()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
        #[test]
        fn any_imported_feed_is_a_briefing_check_accepts(
            title in text(),
            items in proptest::collection::vec((text(), text(), prop_oneof![
                Just("https://example.jp/a".to_string()),
                Just("javascript:alert(1)".to_string()),
                Just("/relative".to_string()),
                "[a-z:/.]{0,20}",
            ], any::<bool>()), 0..6),
            as_json in any::<bool>(),
        ) {
            let feed = if as_json { json(&title, &items) } else { rss(&title, &items) };
            match yomu::feeds::import::import(feed.as_bytes(), None, Some("https://example.jp/feed")) {
                Ok(toml) => {
                    let loaded = yomu::briefing::parse_str("imported.toml", &toml);
                    prop_assert!(loaded.is_ok(), "{toml}");
                    let raw = toml.chars().any(|c| c == '\u{1b}' || c == '\u{7}');
                    prop_assert!(!raw, "raw control characters");
                    let loaded = loaded.unwrap();
                    for s in loaded.briefing.sources() {
                        prop_assert!(s.1.url.starts_with("http"));
                    }
                }
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
    }
}

// ----------------------------------------------------------- search index

/// A feed of one item, dated 2025-03-04, about [`yomu::synth::ARCHIVE_RARE`].
fn rare_word_server() -> Server {
    Server::start(|_| {
        Reply::ok(
            "application/rss+xml",
            format!(
                "<rss version=\"2.0\"><channel><title>科学</title><language>ja</language>\
                 <item><title>{0}の実験</title><guid>q1</guid><link>https://sci.example/q1</link>\
                 <pubDate>Tue, 04 Mar 2025 03:00:00 GMT</pubDate><description>{0}で通信した。</description></item>\
                 </channel></rss>",
                yomu::synth::ARCHIVE_RARE
            ),
        )
    })
}

#[test]
fn sync_brings_the_search_index_of_the_library_up_to_date() {
    let server = rare_word_server();
    let home = Home::new("sync-index");
    // A library of 30 older briefings, none with the word (an hour old:
    // the index trusts them once they are indexed).
    let lib = home.dir.join("data/yomu/library");
    std::fs::create_dir_all(&lib).unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for i in 0..30 {
        let (name, text) = yomu::synth::archive_file(i);
        assert!(!text.contains(yomu::synth::ARCHIVE_RARE));
        let path = lib.join(name);
        std::fs::write(&path, text).unwrap();
        let f = std::fs::File::options().write(true).open(&path).unwrap();
        f.set_modified(hour_ago).unwrap();
    }
    home.subscribe(5, &[("sci", server.url("/rss"))]);
    let sync = home.run(&["sync"]);
    sync.exit(0);
    assert!(sync.stdout.contains("sci: 1 new item"), "{}", sync.stdout);
    assert!(!sync.stderr.contains("index"), "{}", sync.stderr);
    // The search finds the index there and up to date: it reads only the
    // one file that matches, of the 31.
    let mut search = home.cmd(&["search", yomu::synth::ARCHIVE_RARE, "data/yomu/library"]);
    search.env("YOMU_TEST_INDEX_REPORT", "1");
    let found = Run::of(search);
    found
        .exit(0)
        .says(&["yomu: index: read 1 of 31 files (opened)"]);
    assert!(
        found.stdout.contains("sci-2025-03-04.toml:"),
        "{}",
        found.stdout
    );
    // A sync that writes nothing leaves the index alone (it makes none).
    std::fs::remove_dir_all(home.dir.join("cache")).unwrap();
    let again = home.run(&["sync"]);
    again.exit(0);
    assert!(again.stdout.contains("sci: unchanged"), "{}", again.stdout);
    assert!(!home.dir.join("cache/yomu/index").exists());
}

#[test]
fn sync_brings_the_listing_cache_of_the_library_up_to_date_too() {
    let server = rare_word_server();
    let home = Home::new("sync-listing");
    home.subscribe(5, &[("sci", server.url("/rss"))]);
    home.run(&["sync"]).exit(0);
    // The reader's listing of the library is cached: one file, naming the
    // synced briefing.
    let caches: Vec<_> = std::fs::read_dir(home.dir.join("cache/yomu/library"))
        .expect("a listing cache")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(caches.len(), 1, "{caches:?}");
    let bytes = std::fs::read(&caches[0]).unwrap();
    assert!(
        bytes
            .windows(b"sci-2025-03-04.toml".len())
            .any(|w| w == b"sci-2025-03-04.toml"),
        "the cache names the synced file"
    );
}

#[test]
fn a_sync_whose_index_is_unusable_still_writes_and_says_why_once() {
    let server = rare_word_server();
    let home = Home::new("sync-index-broken");
    home.subscribe(5, &[("sci", server.url("/rss"))]);
    // The cache folder is a file: no index can live there.
    std::fs::write(home.dir.join("cache"), "not a folder").unwrap();
    let sync = home.run(&["sync"]);
    sync.exit(0).says(&[
        "yomu: the search index was not updated (search index ",
        "the next search will catch up",
    ]);
    assert_eq!(sync.stderr.lines().count(), 1, "{}", sync.stderr);
    assert!(
        sync.stdout
            .contains("1 feed: 1 updated, 0 unchanged, 0 failed"),
        "{}",
        sync.stdout
    );
    assert!(home.library().contains_key("sci-2025-03-04.toml"));
    // The next search still finds it, reading the files.
    let found = home.run(&["search", yomu::synth::ARCHIVE_RARE, "data/yomu/library"]);
    found.exit(0);
    assert!(
        found.stdout.contains("sci-2025-03-04.toml:"),
        "{}",
        found.stdout
    );
}

#[test]
fn a_sync_over_a_damaged_search_index_writes_sums_up_and_rebuilds_it() {
    let server = rare_word_server();
    let home = Home::new("sync-index-damaged");
    let lib = home.dir.join("data/yomu/library");
    std::fs::create_dir_all(&lib).unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for i in 0..30 {
        let (name, text) = yomu::synth::archive_file(i);
        let path = lib.join(name);
        std::fs::write(&path, text).unwrap();
        let f = std::fs::File::options().write(true).open(&path).unwrap();
        f.set_modified(hour_ago).unwrap();
    }
    // An index made by a search, then a run of bytes flipped in its term
    // dictionaries and fast fields (which made tantivy panic).
    let mut search = home.cmd(&["search", "東京", "data/yomu/library"]);
    search.env("YOMU_TEST_INDEX_FROM", "0");
    let _ = Run::of(search);
    let index_root = home.dir.join("cache/yomu/index");
    let index = std::fs::read_dir(&index_root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.is_dir())
        .expect("an index");
    for e in std::fs::read_dir(&index).unwrap().flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "term" || x == "fast") {
            let mut bytes = std::fs::read(&p).unwrap();
            let mid = bytes.len() / 2;
            for b in bytes.iter_mut().skip(mid).take(8) {
                *b ^= 0xff;
            }
            std::fs::write(&p, bytes).unwrap();
        }
    }
    home.subscribe(5, &[("sci", server.url("/rss"))]);
    let sync = home.run(&["sync"]);
    sync.exit(0);
    assert!(
        sync.stdout
            .contains("1 feed: 1 updated, 0 unchanged, 0 failed"),
        "{}",
        sync.stdout
    );
    assert!(!sync.stderr.contains("internal error"), "{}", sync.stderr);
    // The index was made anew by the sync: the search reads only the match.
    let mut search = home.cmd(&["search", yomu::synth::ARCHIVE_RARE, "data/yomu/library"]);
    search.env("YOMU_TEST_INDEX_REPORT", "1");
    Run::of(search)
        .exit(0)
        .says(&["yomu: index: read 1 of 31 files (opened)"]);
}

// ----------------------------------------------------------------- reader

#[test]
fn r_in_the_library_syncs_in_the_background_with_progress_in_the_status_bar() {
    use yomu::tui::keys::Action;
    let server = good_server();
    let home = Home::new("tui");
    home.subscribe(
        5,
        &[("atom", server.url("/atom")), ("err", server.url("/500"))],
    );
    let mut app = crate::common::app(
        &[(
            "a.toml",
            &std::fs::read_to_string(crate::common::seed()).unwrap(),
        )],
        false,
        100,
        24,
    );
    app.sync_paths = Some(yomu::feeds::sync::Paths {
        subscriptions: home.feeds_toml(),
        state: home.dir.join("state/yomu"),
        library: home.dir.join("data/yomu/library"),
        articles: None,
    });
    crate::common::press(&mut app, &[Action::Sync]);
    let rows = crate::common::screen(&mut app, 100, 24);
    assert!(rows[23].contains("syncing feeds: 0/…"), "{rows:#?}");
    assert!(app.busy());
    // A second `r` while it runs starts nothing.
    crate::common::press(&mut app, &[Action::Sync]);
    assert!(crate::common::screen(&mut app, 100, 24)[23].contains("a sync is already running"));
    // Keys still work meanwhile.
    crate::common::press(&mut app, &[Action::Down]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while app.syncing() && std::time::Instant::now() < deadline {
        app.poll_background();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(!app.syncing(), "the sync never finished");
    let rows = crate::common::screen(&mut app, 100, 24);
    assert!(
        rows[23].contains("1 new article in 1 feed, 1 failed"),
        "{rows:#?}"
    );
    assert!(app.take_synced());
    assert!(!app.take_synced());
    // `e` shows the whole message, the failure with its reason.
    crate::common::press(&mut app, &[Action::ShowError]);
    let text = crate::common::screen(&mut app, 100, 24).join("\n");
    assert!(text.contains("err: failed: HTTP 500"), "{text}");
    assert!(home.library().contains_key("atom-2025-03-04.toml"));
}

#[test]
fn r_in_the_real_reader_syncs_and_the_list_moves_to_the_synced_library() {
    use crate::common::{Tmux, have_tmux, yomu_bin};
    if !have_tmux() {
        return;
    }
    let server = good_server();
    let t = Tmux::start("feeds-r", 100, 24, &[]);
    std::fs::create_dir_all(t.dir.join("config/yomu")).unwrap();
    std::fs::write(
        t.dir.join("config/yomu/feeds.toml"),
        format!(
            "[[feed]]\nname = \"atom\"\nurl = \"{}\"\n",
            server.url("/atom")
        ),
    )
    .unwrap();
    // No ./briefings and nothing synced yet: the built-in samples.
    t.run(&format!(
        "cd {} && {}; echo EXIT=$?",
        t.dir.display(),
        yomu_bin().display()
    ));
    let before = t.wait("yomu — ");
    assert!(!before.contains("Atom News"), "{before}");
    t.keys(&["r"]);
    t.wait("1 new article in 1 feed");
    // The list is now the synced library, read from disk.
    let s = t.wait("2025-03-04    0/1  Atom News");
    assert!(s.contains("yomu — 1 briefing"), "{s}");
    t.keys(&["Enter"]);
    t.wait("Markets rally");
    t.keys(&["q", "q"]);
    t.wait("EXIT=0");
    assert_eq!(server.hits("/atom").len(), 1);
}
