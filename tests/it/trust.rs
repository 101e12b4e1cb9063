//! Trust under hostile conditions, through the real binary: subscriptions
//! whose names would collide, items that must appear once however a sync
//! ends, servers that lie about waiting or redirect into private
//! networks, addresses hiding bidi controls, feeds.toml kept within its
//! limits, TOML 1.1 spellings `yomu check` warns about, the plain
//! reader's pager, and the command line in Japanese. Servers are
//! `tiny_http` on 127.0.0.1 (the harness of [`super::feeds`]); nothing
//! leaves the machine, and no assertion depends on timing.

use std::sync::{Arc, Mutex};

use super::feeds::{Home, Reply, Server};
use crate::common::{Run, Tmux, have_tmux, yomu_bin};

// ------------------------------------------------------------------ pager

#[test]
fn plain_reader_pages_short_text_through_less_frx_into_the_scrollback() {
    if !have_tmux() {
        return;
    }
    let t = Tmux::start(
        "less-frx",
        80,
        30,
        &[("NO_COLOR", "1".into()), ("LESSCHARSET", "utf-8".into())],
    );
    let file = t.dir.join("short.toml");
    std::fs::write(
        &file,
        "title = \"短い記事\"\nlanguage = \"ja\"\n\n[[sections]]\nheading = \"一つだけ\"\nbody = [\"本文は一行。\"]\n",
    )
    .unwrap();
    // No $PAGER and no $LESS: less with FRX quits at once on a text that
    // fits, without the alternate screen, so the text stays on screen.
    t.run(&format!(
        "{} --plain {}; echo EXIT=$?",
        yomu_bin().display(),
        file.display()
    ));
    let s = t.wait("EXIT=0");
    assert!(!t.alternate_on());
    assert!(s.contains("短い記事") && s.contains("本文は一行。"), "{s}");
    // $LESS set by the person is theirs: less then waits as they asked.
    t.run(&format!(
        "LESS=R {} --plain {}; echo EXIT=$?",
        yomu_bin().display(),
        file.display()
    ));
    t.wait("(END)");
    assert!(t.alternate_on());
    t.keys(&["q"]);
    t.wait("EXIT=0");
}

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

fn rss(items: &str) -> String {
    format!(
        "<rss version=\"2.0\"><channel><title>日々</title><language>ja</language>{items}</channel></rss>"
    )
}

fn item(id: &str, day: u8, title: &str) -> String {
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

// ------------------------------------------------------------- TOML 1.1

#[test]
fn check_warns_about_toml_1_1_spellings_with_their_toml_1_0_form() {
    let dir = crate::common::TempDir::new("toml11");
    dir.write(
        "b.toml",
        "title = \"時刻\"\npublished = 2025-03-18T10:00\nlanguage = \"ja\"\n\n[[sections]]\nheading = \"見出し\"\nbody = [\"本文\\x41。\"]\nsources = [{ name = \"a\",\n  url = \"https://a.example/\", }]\n",
    );
    let r = Run::of({
        let mut c = crate::common::yomu();
        c.arg("check").arg(dir.join("b.toml"));
        c
    });
    r.exit(0).says(&[
        "b.toml:2:24: warning: the time `10:00` has no seconds",
        "write the seconds: 10:00:00",
        "b.toml:7:12: warning: the escape `\\x41`",
        "write \\u0041",
        "b.toml:8:25: warning: a line break inside an inline table",
        "b.toml:9:29: warning: a comma before the `}` of an inline table",
    ]);
    assert!(r.stdout.contains("(4 warnings)"), "{}", r.stdout);
    // The same briefing in TOML 1.0: nothing to say.
    dir.write(
        "ok.toml",
        "title = \"時刻\"\npublished = 2025-03-18T10:00:00\nlanguage = \"ja\"\n\n[[sections]]\nheading = \"見出し\"\nbody = [\"本文\\u0041。\"]\nsources = [{ name = \"a\", url = \"https://a.example/\" }]\n",
    );
    let r = Run::of({
        let mut c = crate::common::yomu();
        c.arg("check").arg(dir.join("ok.toml"));
        c
    });
    r.exit(0);
    assert_eq!(r.stderr, "");
}

// ------------------------------------------- Japanese on the command line

#[test]
fn the_command_line_speaks_japanese_under_a_japanese_locale() {
    let server = Server::start(|hit| match hit.path.as_str() {
        "/rss" => Reply::ok("application/rss+xml", rss(&item("a", 4, "速報"))),
        _ => Reply::status(404),
    });
    let home = Home::new("ja");
    let ja = |args: &[&str]| {
        let mut c = home.cmd(args);
        c.env("LANG", "ja_JP.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES");
        Run::of(c)
    };
    let r = ja(&["feeds", "add", &server.url("/rss"), "--name", "速報"]);
    r.exit(0);
    assert!(r.stdout.starts_with("購読しました: 速報\t"), "{}", r.stdout);
    let r = ja(&["feeds", "add", &server.url("/gone"), "--name", "消えた"]);
    r.exit(0);
    let r = ja(&["sync"]);
    r.exit(1).says(&["消えた: 失敗: HTTP 404 見つかりません"]);
    assert!(r.stdout.contains("速報: 新着1件"), "{}", r.stdout);
    assert!(
        r.stdout.ends_with("フィード2件: 更新1、変更なし0、失敗1\n"),
        "{}",
        r.stdout
    );
    ja(&["feeds", "add", "https://n.example/\u{202e}x", "--name", "n"])
        .exit(2)
        .says(&["アドレスに見えない文字 U+202E が含まれています"]);
    ja(&["feeds", "add", "https://n.example/", "--name", "a/b"])
        .exit(2)
        .says(&["名前 `a/b` はファイル名にできません"]);
    let opml = home.dir.join("one.opml");
    std::fs::write(
        &opml,
        "<opml><body><outline text=\"n\" xmlUrl=\"https://n.example/rss\"/></body></opml>",
    )
    .unwrap();
    let r = ja(&["feeds", "import-opml", opml.to_str().unwrap()]);
    assert_eq!(r.stdout, "追加1件、購読済み0件、スキップ0件\n");
    let r = ja(&["feeds", "remove", "ない"]);
    r.exit(1)
        .says(&["ない という名前やアドレスの購読はありません"]);
    let r = ja(&["check", "data/yomu/library"]);
    r.exit(0);
    assert_eq!(r.stdout, "data/yomu/library: 1件とも問題なし\n");
    ja(&["check", "missing.toml"])
        .exit(2)
        .says(&["missing.toml: 読めません: "]);
    // LC_ALL comes first, as for the reader: English.
    let mut c = home.cmd(&["check", "data/yomu/library"]);
    c.env("LANG", "ja_JP.UTF-8").env("LC_ALL", "C");
    let r = Run::of(c);
    assert_eq!(r.stdout, "data/yomu/library: 1 briefing valid\n");
}

#[test]
fn the_japanese_reader_tells_a_failed_sync_and_its_keys_in_japanese() {
    use yomu::tui::keys::Action;
    let server = Server::start(|hit| match hit.path.as_str() {
        "/rss" => Reply::ok("application/rss+xml", rss(&item("a", 4, "速報"))),
        _ => Reply::status(404),
    });
    let home = Home::new("ja-reader");
    home.subscribe(
        5,
        &[("ok", server.url("/rss")), ("gone", server.url("/gone"))],
    );
    yomu::i18n::set_lang(yomu::i18n::Lang::Ja);
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
    });
    crate::common::press(&mut app, &[Action::Sync]);
    // Waiting for the background sync to end (not a timed assertion: the
    // limit only keeps a broken sync from hanging the test).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while app.syncing() && std::time::Instant::now() < deadline {
        app.poll_background();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(!app.syncing(), "the sync never finished");
    crate::common::press(&mut app, &[Action::ShowError]);
    let text = crate::common::screen(&mut app, 100, 24).join("\n");
    assert!(
        text.contains("gone: 失敗: HTTP 404 見つかりません"),
        "{text}"
    );
    assert!(!text.contains("Not Found"), "{text}");
    crate::common::press(&mut app, &[Action::Back, Action::Help]);
    let text = crate::common::screen(&mut app, 100, 24).join("\n");
    yomu::i18n::set_lang(yomu::i18n::Lang::En);
    assert!(text.contains("文字入力"), "{text}");
    assert!(!text.contains(" text "), "{text}");
}

#[test]
fn the_japanese_reader_counts_further_config_problems_in_japanese() {
    if !have_tmux() {
        return;
    }
    let t = Tmux::start("ja-more", 120, 24, &[]);
    let cfg = t.dir.join("config/yomu");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(
        cfg.join("config.toml"),
        "ui_language = \"ja\"\n\n[keys]\ndown = [\"C-c\", \"q\"]\nup = [\"Esc\"]\n",
    )
    .unwrap();
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        crate::common::seed()
    ));
    let s = t.wait("（ほか1件）");
    assert!(!s.contains("more)"), "{s}");
    t.keys(&["C-c"]);
    t.wait("EXIT=0");
}
