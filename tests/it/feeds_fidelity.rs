//! What `yomu import` and `yomu sync` make of feeds written the way real
//! ones are, through the real binary: a Japanese RSS 1.0 feed served over
//! HTTP from 127.0.0.1 (relative links resolved against the address it was
//! fetched from, dates kept in +09:00, spaces between Japanese words kept,
//! junk links dropped), and repeated items, merged but reported on stderr
//! by `import` and in the summary of `sync`.

use crate::common::home::Home;
use crate::common::http::{Reply, Server};

/// A Hatena-style diary: `xml:lang` on the root only, date-only and
/// +09:00 dates, relative links, a keyword auto-link, a FeedBurner share
/// link, a "続きを読む" link, an Amazon box, and a repeated item.
const DIARY: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xml:lang="ja">
<channel rdf:about="/diary/"><title>日記</title><link>/diary/</link><description>d</description></channel>
<item rdf:about="/diary/20160103">
<title>アマゾン ウェブ サービス</title><link>/diary/20160103</link>
<description>&lt;p&gt;レベルアップ セールの&lt;a class="keyword" href="http://d.hatena.ne.jp/keyword/%E8%A9%B1"&gt;話&lt;/a&gt;。
東京&lt;/p&gt;&lt;h3&gt;背景&lt;/h3&gt;
最近&lt;a href="/diary/more"&gt;続きを読む&lt;/a&gt;
&lt;div class="hatena-asin-detail"&gt;&lt;ul&gt;&lt;li&gt;作者: 誰か&lt;/li&gt;&lt;/ul&gt;&lt;/div&gt;
&lt;a href="http://feeds.feedburner.com/~ff/Diary?a=x"&gt;&lt;img src="x"&gt;&lt;/a&gt;</description>
<dc:date>2016-01-03T01:36:10+09:00</dc:date></item>
<item rdf:about="/diary/20160102"><title>日付だけ</title><link>/diary/20160102</link><description>本文</description><dc:date>2016-01-02</dc:date></item>
<item rdf:about="/diary/20160102"><title>日付だけ（再掲）</title><link>/diary/20160102</link><description>本文</description></item>
</rdf:RDF>"#;

/// A server of the diary, and the feed's address on it.
fn serve(body: &'static str) -> (Server, String) {
    let server = Server::start(move |_| Reply::ok("application/rdf+xml", body));
    let url = server.url("/feeds/diary.rdf");
    (server, url)
}

#[test]
fn import_over_http_reads_a_japanese_rdf_feed_as_written_and_reports_the_repeat() {
    let (server, url) = serve(DIARY);
    let home = Home::new("fidelity-import");
    let run = home.run(&["import", &url]);
    drop(server);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "1 item repeated an earlier item and was merged into it: 1 with the same id (guid)"
        ),
        "{}",
        run.stderr
    );
    let b = yomu::briefing::parse_str("x.toml", &run.stdout)
        .expect("a valid briefing")
        .briefing;
    assert_eq!(b.language.as_deref(), Some("ja"));
    assert_eq!(b.sections.len(), 2);
    let s = &b.sections[0];
    assert_eq!(s.heading, "アマゾン ウェブ サービス");
    assert_eq!(s.published.unwrap().rfc3339(), "2016-01-03T01:36:10+09:00");
    assert_eq!(b.sections[1].published.unwrap().rfc3339(), "2016-01-02");
    assert_eq!(
        s.body,
        [
            "レベルアップ セールの話。東京",
            "背景",
            "最近",
            "作者: 誰か"
        ]
    );
    assert!(s.key_points.is_empty(), "{:?}", s.key_points);
    let base = url.trim_end_matches("/feeds/diary.rdf");
    let sources: Vec<&str> = s.sources.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(sources, [format!("{base}/diary/20160103")]);
}

#[test]
fn sync_says_how_many_items_were_merged_and_why() {
    let (server, url) = serve(DIARY);
    let home = Home::new("fidelity-sync");
    home.subscribe(5, &[("diary", url)]);
    let run = home.run(&["sync"]);
    drop(server);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "diary: 2 new items; 1 item repeated an earlier item and was merged into it: \
             1 with the same id (guid)"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with(
            "1 feed: 1 updated, 0 unchanged, 0 failed; 1 repeated item merged (the same id or \
             link as an earlier item)\n"
        ),
        "{}",
        run.stdout
    );
    // Grouped by their day in Japan's offset.
    let lib = home.dir.join("data/yomu/library");
    assert!(lib.join("diary-2016-01-03.toml").exists());
    assert!(lib.join("diary-2016-01-02.toml").exists());
}
