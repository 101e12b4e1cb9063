//! Feeds under hostile conditions, through the real binary: subscriptions
//! whose names would collide, items that must appear once however a sync
//! ends, servers that lie about waiting or redirect into private
//! networks, addresses hiding bidi controls, and feeds.toml kept within
//! its limits. Servers are `tiny_http` on 127.0.0.1 (`tests/common/http.rs`);
//! nothing leaves the machine, and no assertion depends on timing.

use std::sync::{Arc, Mutex};

use crate::common::Run;
use crate::common::home::Home;
use crate::common::http::{Reply, Server};

// ------------------------------------------------------------ Retry-After

/// `not_before` of every host in hosts.toml.
fn waits(home: &Home) -> Vec<i64> {
    let text = std::fs::read_to_string(home.dir.join("state/yomu/hosts.toml")).unwrap_or_default();
    text.lines()
        .filter_map(|l| l.strip_prefix("not_before = "))
        .map(|n| n.trim().parse().expect("a number"))
        .collect()
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[test]
fn retry_after_is_capped_at_a_day_whatever_the_server_names() {
    let far = Server::start(|_| {
        Reply::status(429).header("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT")
    });
    let huge = Server::start(|_| Reply::status(503).header("Retry-After", "9223372036854775807"));
    let longer = Server::start(|_| {
        Reply::status(429).header("Retry-After", "123456789012345678901234567890")
    });
    let home = Home::new("retry-cap");
    home.subscribe(
        5,
        &[
            ("far", far.url("/rss")),
            ("huge", huge.url("/rss")),
            ("longer", longer.url("/rss")),
        ],
    );
    let start = now();
    let r = home.run(&["sync"]);
    r.exit(1)
        .says(&["far: failed: HTTP 429", "huge: failed: HTTP 503"]);
    assert!(!r.stderr.contains("9999"), "{}", r.stderr);
    let waits = waits(&home);
    assert_eq!(waits.len(), 3, "{waits:?}");
    for w in waits {
        assert!(w > start && w <= now() + 24 * 3600, "{w}");
    }
}

#[test]
fn a_wait_beyond_a_day_in_hosts_toml_is_not_obeyed() {
    let server = Server::start(|_| Reply::status(404));
    let home = Home::new("retry-old");
    home.subscribe(5, &[("old", server.url("/rss"))]);
    let host = server.url("").trim_start_matches("http://").to_string();
    std::fs::create_dir_all(home.dir.join("state/yomu")).unwrap();
    std::fs::write(
        home.dir.join("state/yomu/hosts.toml"),
        format!("[hosts.\"{host}\"]\nnot_before = 253402300799\nstrikes = 1\n"),
    )
    .unwrap();
    home.run(&["sync"]).exit(1).says(&["old: failed: HTTP 404"]);
    assert_eq!(server.hits("/rss").len(), 1);
}

// ------------------------------------------------------------- sync.lock

#[test]
fn a_fifo_as_sync_lock_is_refused_without_hanging() {
    let server = Server::start(|_| Reply::status(404));
    let home = Home::new("lock-fifo");
    home.subscribe(5, &[("a", server.url("/rss"))]);
    let dir = home.dir.join("state/yomu");
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = std::ffi::CString::new(dir.join("sync.lock").to_string_lossy().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    home.run(&["sync"])
        .exit(2)
        .says(&["sync.lock is not a regular file"]);
    assert!(server.hits("/rss").is_empty());
}

// --------------------------------------------------- bidi in an address

#[test]
fn bidi_and_control_characters_are_refused_in_subscribed_addresses() {
    let home = Home::new("bidi");
    let evil = "https://example.jp/\u{202e}lmx.ssr";
    home.run(&["feeds", "add", evil]).exit(2).says(&["U+202E"]);
    assert!(!home.feeds_toml().exists());
    let opml = home.dir.join("subs.opml");
    std::fs::write(
        &opml,
        "<opml version=\"2.0\"><body>\
         <outline text=\"a\" xmlUrl=\"https://a.example/\u{2066}rss\u{2069}\"/>\
         <outline text=\"b\" xmlUrl=\"https://b.example/rss\"/></body></opml>",
    )
    .unwrap();
    let r = home.run(&["feeds", "import-opml", opml.to_str().unwrap()]);
    r.exit(0).says(&["U+2066"]);
    assert!(r.stdout.contains("1 added"), "{}", r.stdout);
    let listed = home.run(&["feeds", "export-opml"]);
    assert!(!listed.stdout.contains('\u{2066}'), "{}", listed.stdout);
    // One already in feeds.toml is reported where it is.
    std::fs::write(
        home.feeds_toml(),
        format!("[[feed]]\nname = \"x\"\nurl = \"{evil}\"\n"),
    )
    .unwrap();
    let r = home.run(&["feeds", "export-opml"]);
    r.exit(2).says(&["feeds.toml:3:7: error:", "U+202E"]);
    assert!(!r.stdout.contains('\u{202e}'), "{}", r.stdout);
}

// ------------------------------------------------- subscription limits

/// An OPML file of `n` outlines titled `title`, each its own address.
fn opml(n: usize, title: &str) -> String {
    let mut out = String::from("<opml version=\"2.0\"><body>\n");
    for i in 0..n {
        out.push_str(&format!(
            "<outline text=\"{title}\" xmlUrl=\"https://feeds.example/{i}.xml\"/>\n"
        ));
    }
    out.push_str("</body></opml>\n");
    out
}

#[test]
fn opml_outlines_sharing_a_title_get_distinct_names() {
    let home = Home::new("opml-same");
    let file = home.dir.join("same.opml");
    std::fs::write(&file, opml(4000, "ニュース")).unwrap();
    let r = home.run(&["feeds", "import-opml", file.to_str().unwrap()]);
    r.exit(0);
    assert!(r.stdout.contains("4000 added"), "{}", r.stdout);
    let list = home.run(&["feeds", "list"]);
    list.exit(0);
    let names: std::collections::HashSet<&str> = list
        .stdout
        .lines()
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert_eq!(names.len(), 4000);
    assert!(names.contains("ニュース") && names.contains("ニュース-4000"));
}

#[test]
fn an_import_that_would_overflow_feeds_toml_is_refused_and_writes_nothing() {
    let home = Home::new("opml-huge");
    home.subscribe(5, &[("kept", "https://kept.example/rss".into())]);
    let before = std::fs::read_to_string(home.feeds_toml()).unwrap();
    let file = home.dir.join("huge.opml");
    std::fs::write(
        &file,
        opml(100_000, "a feed with a long title, as many have"),
    )
    .unwrap();
    home.run(&["feeds", "import-opml", file.to_str().unwrap()])
        .exit(2)
        .says(&[
            "over the limit of 4 MiB of feeds.toml",
            "nothing was changed",
        ]);
    assert_eq!(std::fs::read_to_string(home.feeds_toml()).unwrap(), before);
    home.run(&["feeds", "list"]).exit(0);
}

#[test]
fn every_name_yomu_makes_fits_the_limits_and_long_names_are_refused() {
    let home = Home::new("names");
    // A host of 70 characters: the default name is cut to fit.
    let host = format!("{}.{}.example", "a".repeat(40), "b".repeat(21));
    home.run(&["feeds", "add", &format!("https://{host}/rss")])
        .exit(0);
    let list = home.run(&["feeds", "list"]);
    list.exit(0);
    let name = list.stdout.split('\t').next().unwrap().to_string();
    assert!(
        name.chars().count() <= 64 && host.starts_with(&name),
        "{name}"
    );
    // 64 characters of four bytes each: 256 bytes, more than a file
    // name can hold.
    let wide = "𠮷".repeat(64);
    home.run(&["feeds", "add", "https://w.example/rss", "--name", &wide])
        .exit(2)
        .says(&["bytes"]);
    // An OPML title of them is cut to fit instead.
    let file = home.dir.join("wide.opml");
    std::fs::write(
        &file,
        format!(
            "<opml><body><outline text=\"{wide}\" xmlUrl=\"https://w.example/rss\"/></body></opml>"
        ),
    )
    .unwrap();
    home.run(&["feeds", "import-opml", file.to_str().unwrap()])
        .exit(0);
    let list = home.run(&["feeds", "list"]);
    list.exit(0);
    let wide_name = list
        .stdout
        .lines()
        .find(|l| l.ends_with("https://w.example/rss"))
        .and_then(|l| l.split('\t').next())
        .unwrap()
        .to_string();
    assert!(
        wide_name.len() <= 200 && wide_name.starts_with("𠮷𠮷"),
        "{wide_name}"
    );
}

// ------------------------------------------------------ colliding names

const BRIEFING: &str = "title = \"週刊まとめ\"\nlanguage = \"ja\"\n\n[[sections]]\nheading = \"遠くの話\"\nbody = [\"本文。\"]\n";

pub(crate) fn rss(items: &str) -> String {
    format!(
        "<rss version=\"2.0\"><channel><title>日々</title><language>ja</language>{items}</channel></rss>"
    )
}

pub(crate) fn item(id: &str, day: u8, title: &str) -> String {
    format!(
        "<item><title>{title}</title><guid>{id}</guid><link>https://d.example/{id}</link>\
         <pubDate>{day:02} Mar 2025 03:00:00 GMT</pubDate><description>本文</description></item>"
    )
}

#[test]
fn a_feed_and_a_briefing_named_like_its_day_keep_their_own_files() {
    let server = Server::start(|hit| match hit.path.as_str() {
        "/rss" => Reply::ok("application/rss+xml", rss(&item("a", 4, "速報"))),
        _ => Reply::ok("application/toml", BRIEFING),
    });
    let home = Home::new("collide");
    // Subscribed as an OPML file would name them, by their titles.
    let file = home.dir.join("subs.opml");
    std::fs::write(
        &file,
        format!(
            "<opml><body><outline text=\"x\" xmlUrl=\"{}\"/>\
             <outline text=\"x-2025-03-04\" xmlUrl=\"{}\"/></body></opml>",
            server.url("/rss"),
            server.url("/weekly.toml")
        ),
    )
    .unwrap();
    home.run(&["feeds", "import-opml", file.to_str().unwrap()])
        .exit(0);
    for _ in 0..2 {
        home.run(&["sync"]).exit(0);
        let lib = home.library();
        let names: Vec<&str> = lib.keys().map(String::as_str).collect();
        assert_eq!(names, ["x-2025-03-04.remote.toml", "x-2025-03-04.toml"]);
        assert!(lib["x-2025-03-04.toml"].contains("速報"));
        assert_eq!(lib["x-2025-03-04.remote.toml"], BRIEFING);
    }
}

#[test]
fn a_library_written_with_colliding_names_is_moved_apart() {
    let server = Server::start(|hit| match hit.path.as_str() {
        "/rss" => Reply::ok("application/rss+xml", rss(&item("a", 4, "速報"))),
        _ => Reply::ok("application/toml", BRIEFING),
    });
    let home = Home::new("migrate");
    home.subscribe(
        5,
        &[
            ("x", server.url("/rss")),
            ("x-2025-03-04", server.url("/weekly.toml")),
            ("weekly", server.url("/other.toml")),
        ],
    );
    // As an older yomu left it: each briefing in `<name>.toml`, the
    // colliding one having overwritten the feed's day.
    let lib = home.dir.join("data/yomu/library");
    std::fs::create_dir_all(&lib).unwrap();
    std::fs::write(lib.join("x-2025-03-04.toml"), BRIEFING).unwrap();
    std::fs::write(lib.join("weekly.toml"), BRIEFING).unwrap();
    let feeds = home.dir.join("state/yomu/feeds");
    std::fs::create_dir_all(&feeds).unwrap();
    for name in ["x-2025-03-04", "weekly"] {
        std::fs::write(
            feeds.join(format!("{name}.toml")),
            "last_success = 1741000000\nseen = []\n",
        )
        .unwrap();
    }
    // The feed had written its item, which the briefing then overwrote.
    std::fs::write(
        feeds.join("x.toml"),
        "last_success = 1741000000\nseen = [\"id:a\"]\n",
    )
    .unwrap();
    home.run(&["sync"]).exit(0);
    // Once: a second sync adds it no more.
    home.run(&["sync"]).exit(0);
    let lib = home.library();
    assert_eq!(lib["x-2025-03-04.toml"].matches("速報").count(), 1);
    let names: Vec<&str> = lib.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "weekly.remote.toml",
            "x-2025-03-04.remote.toml",
            "x-2025-03-04.toml"
        ]
    );
    // The feed's day is the feed's alone again, its lost item written again.
    assert!(lib["x-2025-03-04.toml"].contains("速報"));
    assert!(!lib["x-2025-03-04.toml"].contains("遠くの話"));
}

// ------------------------------------------------------------ duplicates

/// The headings of every section in the library, with how often each is there.
fn headings(home: &Home) -> std::collections::BTreeMap<String, usize> {
    let mut out = std::collections::BTreeMap::new();
    for (name, text) in home.library() {
        let b = yomu::briefing::parse_str(&name, &text)
            .unwrap_or_else(|_| panic!("{name} loads"))
            .briefing;
        for s in b.sections {
            *out.entry(s.heading).or_insert(0) += 1;
        }
    }
    out
}

#[test]
fn a_feed_of_more_than_5000_items_adds_each_once() {
    let body: String = (0..5100)
        .map(|i| format!("<item><guid>i{i}</guid><title>t{i}</title></item>"))
        .collect();
    let body = format!("<rss version=\"2.0\"><channel><title>多い</title>{body}</channel></rss>");
    let server = Server::start(move |_| Reply::ok("application/rss+xml", body.clone()));
    let home = Home::new("many");
    home.subscribe(30, &[("many", server.url("/rss"))]);
    let r = home.run(&["sync"]);
    r.exit(0);
    assert!(r.stdout.contains("many: 5100 new items"), "{}", r.stdout);
    let r = home.run(&["sync"]);
    r.exit(0);
    assert!(r.stdout.contains("many: unchanged"), "{}", r.stdout);
    let seen = headings(&home);
    assert_eq!(seen.len(), 5100);
    assert!(seen.values().all(|&n| n == 1));
}

/// A server whose feed grows by one item each time it is asked.
fn growing() -> (Server, Arc<Mutex<u32>>) {
    let round = Arc::new(Mutex::new(0u32));
    let r2 = round.clone();
    let server = Server::start(move |_| {
        let n = *r2.lock().unwrap();
        let items: String = (0..=n)
            .map(|i| item(&format!("g{i}"), 3 + (i % 2) as u8, &format!("項目{i}")))
            .collect();
        Reply::ok("application/rss+xml", rss(&items))
    });
    (server, round)
}

#[test]
fn a_state_folder_that_cannot_be_written_adds_nothing_twice() {
    let (server, round) = growing();
    let home = Home::new("state-ro");
    home.subscribe(5, &[("g", server.url("/rss"))]);
    home.run(&["sync"]).exit(0);
    *round.lock().unwrap() = 1;
    // The feed's state folder replaced by a file: its state can be
    // neither read nor written (as on a full or read-only disk).
    let feeds = home.dir.join("state/yomu/feeds");
    let aside = home.dir.join("state/yomu/feeds.aside");
    std::fs::rename(&feeds, &aside).unwrap();
    std::fs::write(&feeds, "").unwrap();
    home.run(&["sync"])
        .exit(1)
        .says(&["g: failed: cannot save the fetch state"]);
    std::fs::remove_file(&feeds).unwrap();
    std::fs::rename(&aside, &feeds).unwrap();
    *round.lock().unwrap() = 2;
    home.run(&["sync"]).exit(0);
    let seen = headings(&home);
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert!(seen.values().all(|&n| n == 1), "{seen:?}");
}

#[test]
fn a_day_file_that_no_longer_loads_stops_the_feed_with_nothing_written() {
    let (server, round) = growing();
    let home = Home::new("day-broken");
    home.subscribe(5, &[("g", server.url("/rss"))]);
    *round.lock().unwrap() = 1;
    home.run(&["sync"]).exit(0);
    let lib = home.dir.join("data/yomu/library");
    std::fs::write(lib.join("g-2025-03-04.toml"), "title = \"壊れ").unwrap();
    let before = home.library();
    *round.lock().unwrap() = 3;
    home.run(&["sync"])
        .exit(1)
        .says(&["g-2025-03-04.toml is not a valid briefing"]);
    assert_eq!(home.library(), before);
    std::fs::remove_file(lib.join("g-2025-03-04.toml")).unwrap();
    home.run(&["sync"]).exit(0);
    let seen = headings(&home);
    assert!(seen.values().all(|&n| n == 1), "{seen:?}");
    assert!(
        seen.contains_key("項目2") && seen.contains_key("項目3"),
        "{seen:?}"
    );
}

#[test]
fn syncs_killed_at_any_moment_never_duplicate_and_leave_no_temporary_files() {
    let (server, round) = growing();
    let home = Home::new("killed");
    home.subscribe(5, &[("g", server.url("/rss"))]);
    // Kills at spread-out moments; whatever each one interrupts, the
    // next sync must settle it.
    for n in 0..30u32 {
        *round.lock().unwrap() = n;
        let mut child = home
            .cmd(&["sync"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(u64::from(n % 10) * 7));
        let _ = child.kill();
        let _ = child.wait();
    }
    *round.lock().unwrap() = 30;
    home.run(&["sync"]).exit(0);
    let seen = headings(&home);
    assert_eq!(seen.len(), 31, "{seen:?}");
    assert!(seen.values().all(|&n| n == 1), "{seen:?}");
    for dir in ["data/yomu/library", "state/yomu/feeds"] {
        let temps: Vec<_> = std::fs::read_dir(home.dir.join(dir))
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .collect();
        assert!(temps.is_empty(), "{dir}: {temps:?}");
    }
}

// -------------------------------------------------------------- redirects

/// An HTTP proxy on 127.0.0.1 that tunnels (CONNECT, as yomu asks a
/// proxy) to nowhere: it logs every `host:port` it is asked for, and
/// answers the request sent through the tunnel with `answer(path)`.
fn proxy(answer: fn(&str) -> String) -> (String, Arc<Mutex<Vec<String>>>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().unwrap().port();
    let log = Arc::new(Mutex::new(Vec::new()));
    let log2 = log.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            let log = log2.clone();
            std::thread::spawn(move || {
                let head = |conn: &mut std::net::TcpStream| {
                    let mut head = Vec::new();
                    let mut byte = [0u8; 1];
                    while !head.ends_with(b"\r\n\r\n") && conn.read(&mut byte).is_ok_and(|n| n == 1)
                    {
                        head.push(byte[0]);
                    }
                    String::from_utf8_lossy(&head).into_owned()
                };
                let connect = head(&mut conn);
                let target = connect.split_whitespace().nth(1).unwrap_or("").to_string();
                log.lock().unwrap().push(target);
                let _ = conn.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
                let request = head(&mut conn);
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
                let _ = conn.write_all(answer(&path).as_bytes());
            });
        }
    });
    (format!("http://127.0.0.1:{port}"), log)
}

fn redirect_to(location: &str) -> String {
    format!(
        "HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
}

#[test]
fn a_feed_on_the_internet_cannot_redirect_into_private_networks() {
    let (proxy, asked) = proxy(|path| match path {
        "/meta" => redirect_to("http://169.254.169.254/latest/meta-data/"),
        "/home" => redirect_to("http://127.0.0.1:9/admin"),
        _ => redirect_to("http://[fd00::1]/"),
    });
    let home = Home::new("redirect-inside");
    home.subscribe(
        5,
        &[
            ("meta", "http://news.example/meta".into()),
            ("home", "http://news.example/home".into()),
            ("v6", "http://news.example/v6".into()),
        ],
    );
    let r = Run::of({
        let mut c = home.cmd(&["sync"]);
        c.env("http_proxy", &proxy);
        c
    });
    r.exit(1).says(&[
        "meta: failed: redirected to http://169.254.169.254/latest/meta-data/, an address on this machine or a private network; refused",
        "home: failed: redirected to http://127.0.0.1:9/admin",
        "v6: failed: redirected to http://[fd00::1]/",
    ]);
    let asked = asked.lock().unwrap().clone();
    assert_eq!(asked, ["news.example:80"; 3], "{asked:?}");
}

#[test]
fn a_permanent_redirect_to_another_host_is_saved_only_when_the_next_sync_confirms_it() {
    let new = Server::start(|_| Reply::ok("application/rss+xml", rss(&item("a", 4, "移転"))));
    let target = new.url("/feed");
    let old = Server::start(move |_| Reply::status(301).header("Location", &target));
    let home = Home::new("moved");
    home.subscribe(5, &[("m", old.url("/rss"))]);
    let before = std::fs::read_to_string(home.feeds_toml()).unwrap();
    let r = home.run(&["sync"]);
    r.exit(0);
    assert!(
        r.stdout.contains(&format!(
            "m: 1 new item; the server says the feed moved to {} (another host)",
            new.url("/feed")
        )),
        "{}",
        r.stdout
    );
    assert_eq!(std::fs::read_to_string(home.feeds_toml()).unwrap(), before);
    let r = home.run(&["sync"]);
    r.exit(0);
    assert!(r.stdout.contains("(saved in feeds.toml)"), "{}", r.stdout);
    let after = std::fs::read_to_string(home.feeds_toml()).unwrap();
    assert!(after.contains(&new.url("/feed")), "{after}");
    assert_eq!(old.hits("/rss").len(), 2);
}
