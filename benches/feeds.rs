//! Sync benchmarks (divan): `yomu sync` of 100 feeds served from
//! 127.0.0.1 (a `tiny_http` server in this process; 10 items each, with
//! Japanese HTML descriptions, over two days), in process through
//! [`yomu::feeds::sync::run`]:
//!
//! - `first_sync`: every feed fetched, parsed and written into an empty
//!   library (200 files);
//! - `second_sync_all_304`: the same subscriptions again, every validator
//!   matching: 100 conditional requests answered `304`, nothing written.
//!
//! All 100 are on one host, so at most 2 fetches run at once (the
//! per-host limit). Run with `cargo bench --bench feeds`.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use divan::Bencher;
use yomu::feeds::sync::{self, Paths};

const FEEDS: usize = 100;

fn main() {
    divan::main();
}

/// The RSS of feed `n`.
fn feed(n: usize) -> String {
    let mut items = String::new();
    for i in 0..10 {
        let day = 3 + i % 2;
        items.push_str(&format!(
            "<item><title>第{n}面 記事{i}：円安と株価の動き</title><guid>feed{n}-item{i}</guid>\
             <link>https://news.example.jp/{n}/{i}</link><pubDate>0{day} Mar 2025 0{i}:00:00 GMT</pubDate>\
             <description><![CDATA[<p>東京外国為替市場で<b>円安</b>が進み、日経平均株価は続伸した。\
             市場では輸入物価への影響を懸念する声もある。</p><ul><li>一ドル150円台</li>\
             <li>株価は三日続伸</li></ul><p>詳しくは<a href=\"https://news.example.jp/{n}/{i}/more\">こちら</a>。</p>]]>\
             </description></item>"
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>\
         <title>ベンチ新聞{n}</title><language>ja</language>{items}</channel></rss>"
    )
}

/// The server's address, started once.
fn server() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = server.server_addr().to_ip().expect("ip").port();
        let feeds: Vec<Vec<u8>> = (0..FEEDS).map(|n| feed(n).into_bytes()).collect();
        std::thread::spawn(move || {
            let feeds = std::sync::Arc::new(feeds);
            for rq in server.incoming_requests() {
                let feeds = feeds.clone();
                std::thread::spawn(move || {
                    let n: usize = rq
                        .url()
                        .trim_start_matches("/feed/")
                        .parse()
                        .unwrap_or(usize::MAX);
                    let etag = format!("\"f{n}\"");
                    let fresh = rq
                        .headers()
                        .iter()
                        .any(|h| h.field.equiv("If-None-Match") && h.value.as_str() == etag);
                    let header = |k: &str, v: &str| {
                        tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).expect("header")
                    };
                    let _ = match feeds.get(n) {
                        Some(_) if fresh => rq.respond(tiny_http::Response::empty(304)),
                        Some(body) => rq.respond(
                            tiny_http::Response::from_data(body.clone())
                                .with_header(header("Content-Type", "application/rss+xml"))
                                .with_header(header("ETag", &etag)),
                        ),
                        None => rq.respond(tiny_http::Response::empty(404)),
                    };
                });
            }
        });
        format!("http://127.0.0.1:{port}")
    })
}

/// A home with 100 subscriptions and nothing synced, removed when dropped.
struct Home {
    dir: PathBuf,
    paths: Paths,
}

impl Home {
    fn new() -> Home {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "yomu-bench-feeds-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("config")).expect("temp dir");
        let mut toml = String::new();
        for n in 0..FEEDS {
            toml.push_str(&format!(
                "[[feed]]\nname = \"feed{n}\"\nurl = \"{}/feed/{n}\"\n\n",
                server()
            ));
        }
        std::fs::write(dir.join("config/feeds.toml"), toml).expect("feeds.toml");
        let paths = Paths {
            subscriptions: dir.join("config/feeds.toml"),
            state: dir.join("state"),
            library: dir.join("library"),
            articles: None,
        };
        Home { dir, paths }
    }

    fn sync(&self) -> sync::Report {
        let report = sync::run(&self.paths, &|_| {}).expect("sync");
        assert_eq!(report.failed(), 0, "{}", report.summary());
        report
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn first_sync(b: Bencher) {
    b.with_inputs(Home::new).bench_local_values(|home| {
        let report = home.sync();
        assert!(report.summary().contains("; 100 feeds: 100 updated"));
        home
    });
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn second_sync_all_304(b: Bencher) {
    let home = Home::new();
    home.sync();
    b.bench_local(|| {
        let report = home.sync();
        assert!(
            report
                .summary()
                .ends_with("100 feeds: 0 updated, 100 unchanged, 0 failed")
        );
    });
}
