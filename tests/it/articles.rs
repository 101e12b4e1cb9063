//! Articles, not positions: read marks follow the article through a real
//! `yomu sync` from a server on 127.0.0.1 that puts a new item at the top
//! of the day file; `U` finds the new one; `A` marks only what a filtered
//! list shows and asks first; 50,000 briefings marked read survive a
//! restart; a `state.toml` of the earlier format is carried over; two
//! readers and a sync at once lose no mark. The state is the real SQLite
//! database in a temporary `XDG_STATE_HOME`; screens are rendered as a
//! person sees them.

use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::common::home::Home;
use crate::common::http::{Reply, Server};
use crate::common::{Tmux, have_tmux, press, screen, yomu_bin};
use yomu::library::{Library, from_sources, load_dir};
use yomu::samples::SAMPLES;
use yomu::state::Store;
use yomu::text::WidthOptions;
use yomu::tui::app::App;
use yomu::tui::keys::Action;

/// A reader of the data library with the state in this home.
fn app_of(home: &Home) -> App {
    let lib = load_dir(&home.library_dir()).expect("library");
    app_with(lib, &home.state_dir())
}

/// An app on `lib` with the store in `state`.
fn app_with(lib: Library, state: &Path) -> App {
    let mut a = App::new(lib, false, WidthOptions::default(), (80, 24));
    let (store, st, problems) = Store::open_in(state);
    assert!(problems.is_empty(), "{problems:?}");
    a.set_store(store, st);
    a
}

/// A feed server whose items are those of the current round.
fn feed_server(round: Arc<Mutex<u8>>) -> Server {
    Server::start(move |_| {
        let item = |id: &str, hour: u8, title: &str| {
            format!(
                "<item><title>{title}</title><guid>{id}</guid>\
                 <link>https://d.example/{id}</link>\
                 <pubDate>04 Mar 2025 {hour:02}:00:00 GMT</pubDate>\
                 <description>{title}の本文。</description></item>"
            )
        };
        let mut items = String::new();
        if *round.lock().expect("lock") > 0 {
            items += &item("a0", 4, "新着の記事");
        }
        items += &(item("a1", 3, "一つ目の記事") + &item("a2", 2, "二つ目の記事"));
        items += &item("a3", 1, "三つ目の記事");
        let body = format!(
            "<rss version=\"2.0\"><channel><title>日々</title><language>ja</language>\
             {items}</channel></rss>"
        );
        Reply::ok("application/rss+xml", body)
    })
}

/// The item's `id` of each section of the one day file, in order.
fn ids_in_file(home: &Home) -> Vec<String> {
    let lib = load_dir(&home.library_dir()).expect("library");
    let b = lib.briefings().next().expect("one briefing");
    b.sections
        .iter()
        .map(|s| s.id.clone().unwrap_or_default())
        .collect()
}

#[test]
fn a_sync_that_adds_an_item_at_the_top_keeps_every_mark_and_u_finds_the_new_one() {
    let round = Arc::new(Mutex::new(0));
    let home = Home::new("sync");
    let server = feed_server(round.clone());
    home.subscribe(5, &[("days", server.url("/rss"))]);
    home.run(&["sync"]).exit(0);
    assert_eq!(ids_in_file(&home), ["a1", "a2", "a3"]);
    {
        // Read the first two articles.
        let mut a = app_of(&home);
        press(&mut a, &[Action::Enter, Action::NextPage, Action::NextPage]);
        assert!(screen(&mut a, 80, 24)[23].starts_with(" 3/4 §2"));
        a.update(Action::Back);
        let rows = screen(&mut a, 80, 24);
        assert!(rows[0].ends_with("· 1 unread"), "{}", rows[0]);
        assert!(rows[1].contains(" 2/3  "), "{}", rows[1]);
    }
    // The feed gains an item; the sync puts it at the top of the day file.
    *round.lock().expect("lock") = 1;
    home.run(&["sync"]).exit(0);
    assert_eq!(ids_in_file(&home), ["a0", "a1", "a2", "a3"]);
    let mut a = app_of(&home);
    let rows = screen(&mut a, 80, 24);
    assert!(rows[0].ends_with("· 2 unread"), "{}", rows[0]);
    assert!(
        rows[1].starts_with(" ●") && rows[1].contains(" 2/4  "),
        "{}",
        rows[1]
    );
    // The marks stayed on their articles, not on positions 1 and 2.
    let read: Vec<bool> = (0..4).map(|s| a.article_read(0, s)).collect();
    assert_eq!(read, [false, true, true, false]);
    // Reopened where it was left: the second article, now on page 4.
    a.update(Action::Enter);
    let rows = screen(&mut a, 80, 24);
    assert!(rows[23].starts_with(" 4/5 §3"), "{}", rows[23]);
    assert!(rows.iter().any(|r| r.contains("二つ目の記事")), "{rows:#?}");
    // `U` goes to the new article (before this page: it wraps around the
    // list and comes back to its first unread article), then the last.
    a.update(Action::Back);
    a.update(Action::NextUnread);
    let rows = screen(&mut a, 80, 24);
    assert!(rows[23].starts_with(" 2/5 §1"), "{}", rows[23]);
    assert!(rows.iter().any(|r| r.contains("新着の記事")), "{rows:#?}");
    a.update(Action::NextUnread);
    let rows = screen(&mut a, 80, 24);
    assert!(rows[23].starts_with(" 5/5 §4"), "{}", rows[23]);
    a.update(Action::NextUnread);
    assert!(screen(&mut a, 80, 24)[23].contains("everything is read"));
}

#[test]
fn a_marks_only_what_the_filter_shows_and_asks_for_more_than_one() {
    let home = Home::new("filtered");
    let mut a = app_with(from_sources(SAMPLES), &home.state_dir());
    // One briefing shown: marked at once, and the count is said.
    a.update(Action::Search);
    for c in "ｳｸﾗｲﾅ".chars() {
        a.update(Action::Insert(c));
    }
    a.update(Action::Enter);
    a.update(Action::MarkAllRead);
    let rows = screen(&mut a, 80, 24);
    assert!(rows[23].contains("3 articles marked read"), "{}", rows[23]);
    assert!(
        rows[0].contains("1 of 3 briefings match “ｳｸﾗｲﾅ” · 8 unread"),
        "{}",
        rows[0]
    );
    // The others stay unread.
    a.update(Action::Back);
    let rows = screen(&mut a, 80, 24);
    assert_eq!(rows.iter().filter(|r| r.starts_with(" ●")).count(), 2);
    // The whole list shown: three briefings, so `A` asks first.
    a.update(Action::MarkAllRead);
    let rows = screen(&mut a, 80, 24);
    assert!(
        rows[23].contains("mark 8 articles in 3 briefings read? (y/n)"),
        "{}",
        rows[23]
    );
    a.update(Action::Insert('y'));
    let rows = screen(&mut a, 80, 24);
    assert!(rows[23].contains("8 articles marked read"), "{}", rows[23]);
    // The marks are in the database: a fresh reader sees them.
    drop(a);
    let mut b = app_with(from_sources(SAMPLES), &home.state_dir());
    let rows = screen(&mut b, 80, 24);
    assert!(!rows.iter().any(|r| r.starts_with(" ●")), "{rows:#?}");
}

#[test]
fn fifty_thousand_briefings_marked_read_survive_a_restart() {
    let home = Home::new("fifty");
    let texts: Vec<(String, String)> = (0..50_000)
        .map(|i| {
            (
                format!("b{i:05}.toml"),
                format!(
                    "title = \"第{i}号\"\n[[sections]]\nheading = \"一\"\nid = \"{i}-1\"\n\
                     [[sections]]\nheading = \"二\"\nid = \"{i}-2\"\n"
                ),
            )
        })
        .collect();
    let sources: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let mut a = app_with(from_sources(&sources), &home.state_dir());
    let header = screen(&mut a, 80, 24).swap_remove(0);
    assert_eq!(header, " yomu — 50000 briefings · 100000 unread");
    a.update(Action::MarkAllRead);
    assert!(screen(&mut a, 80, 24)[23].contains("(y/n)"));
    a.update(Action::Insert('y'));
    let rows = screen(&mut a, 80, 24);
    assert!(
        rows[23].contains("100,000 articles marked read"),
        "{}",
        rows[23]
    );
    drop(a);
    let mut b = app_with(from_sources(&sources), &home.state_dir());
    let rows = screen(&mut b, 80, 24);
    assert_eq!(rows[0], " yomu — 50000 briefings", "{rows:#?}");
    assert!(!rows.iter().any(|r| r.starts_with(" ●")), "{rows:#?}");
    b.update(Action::NextUnread);
    assert!(screen(&mut b, 80, 24)[23].contains("everything is read"));
    let size = std::fs::metadata(home.state_dir().join("state.db"))
        .expect("db")
        .len();
    assert!(size < 16 * 1024 * 1024, "{size} bytes");
}

#[test]
fn a_state_toml_of_the_earlier_format_is_carried_over() {
    let home = Home::new("migrate");
    let lib = home.dir.join("lib");
    std::fs::create_dir_all(&lib).expect("dir");
    for (name, text) in SAMPLES {
        std::fs::write(lib.join(name), text).expect("write");
    }
    let seed = std::fs::canonicalize(lib.join("zelensky-peace-2025.toml")).expect("seed");
    let guide = std::fs::canonicalize(lib.join("yomu-guide.toml")).expect("guide");
    // Exactly what the earlier version wrote.
    let old = format!(
        "searches = [\"停戦\"]\n\n[briefings.\"{}\"]\npage = 3\nscroll = 0\nread = true\n\
         sections_read = [0, 2]\n\n[briefings.\"{}\"]\npage = 0\nscroll = 0\nread = true\n\
         sections_read = []\n",
        seed.display(),
        guide.display()
    );
    std::fs::create_dir_all(home.state_dir()).expect("dir");
    std::fs::write(home.state_dir().join("state.toml"), &old).expect("old state");
    let mut a = app_with(load_dir(&lib).expect("lib"), &home.state_dir());
    assert_eq!(
        std::fs::read_to_string(home.state_dir().join("state.toml.migrated")).expect("kept"),
        old
    );
    assert!(!home.state_dir().join("state.toml").exists());
    let rows = screen(&mut a, 80, 24);
    let seed_row = rows
        .iter()
        .find(|r| r.contains("ゼレンスキー"))
        .expect("listed");
    assert!(seed_row.contains(" 2/3  "), "{seed_row}");
    // The guide was only opened (its cover): nothing of it is read.
    let guide_row = rows[1..]
        .iter()
        .find(|r| r.contains("yomu"))
        .expect("listed");
    assert!(
        guide_row.starts_with(" ●") && guide_row.contains(" 0/5  "),
        "{guide_row}"
    );
    // Reopened on the article it was left at; the search is remembered.
    let i = a
        .library
        .items
        .iter()
        .position(|e| e.path.ends_with("zelensky-peace-2025.toml"))
        .expect("listed");
    a.library.selected = i;
    a.update(Action::Enter);
    assert!(screen(&mut a, 80, 24)[23].starts_with(" 4/4 §3"));
    assert_eq!(a.state.searches, ["停戦"]);
}

#[test]
fn two_readers_and_a_sync_at_once_lose_no_mark() {
    if !have_tmux() {
        return;
    }
    let round = Arc::new(Mutex::new(0));
    let home = Home::new("two");
    let server = feed_server(round.clone());
    home.subscribe(5, &[("days", server.url("/rss"))]);
    home.run(&["sync"]).exit(0);
    let env = home.env();
    let a = Tmux::start("art-a", 80, 24, &env);
    let b = Tmux::start("art-b", 80, 24, &env);
    let file = std::fs::read_dir(home.library_dir())
        .expect("library")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "toml"))
        .expect("the day file");
    for t in [&a, &b] {
        t.run(&format!(
            "{} {}; echo EXIT=$?",
            yomu_bin().display(),
            home.library_dir().display()
        ));
        t.wait("yomu — 1 briefing · 3 unread");
    }
    // A reads the first article, B the third.
    a.keys(&["Enter", "l"]);
    a.wait("2/4 §1");
    b.keys(&["Enter", "l", "l", "l"]);
    b.wait("4/4 §3");
    // Meanwhile a sync puts a new item at the top of the file they read.
    *round.lock().expect("lock") = 1;
    home.run(&["sync"]).exit(0);
    // Each reader's page follows its article as the file reloads.
    a.wait("3/5 §2");
    b.wait("5/5 §4");
    // A reads on: the second article.
    a.keys(&["l"]);
    a.wait("4/5 §3");
    // Back in the list, each sees the other's marks: only the new one is
    // unread.
    a.keys(&["q"]);
    a.wait("· 1 unread");
    b.keys(&["q"]);
    b.wait("· 1 unread");
    for t in [&a, &b] {
        t.keys(&["q"]);
        t.wait("EXIT=0");
    }
    let (store, state, problems) = Store::open_in(&home.state_dir());
    assert!(problems.is_empty(), "{problems:?}");
    let key = std::fs::canonicalize(&file).expect("file");
    let key = key.to_str().expect("utf-8");
    let read = store.expect("store").read_set(key).expect("marks");
    let hash = |id: &str| yomu::briefing::article::hash(&format!("id:{id}"));
    assert_eq!(
        read,
        ["a1", "a2", "a3"].into_iter().map(hash).collect(),
        "every mark kept, the new item unread"
    );
    assert!(state.counts.contains_key(&yomu::state::key_hash(key)));
}

#[test]
fn import_writes_the_guid_else_the_link_and_check_knows_the_key() {
    let home = Home::new("ids");
    let rss = "<rss version=\"2.0\"><channel><title>T</title>\
        <item><title>一</title><guid isPermaLink=\"false\">tag:t,2025:1</guid>\
        <link>https://t.example/1</link><description>本文</description></item>\
        <item><title>二</title><link>https://t.example/2</link><description>本文</description></item>\
        </channel></rss>";
    std::fs::write(home.dir.join("t.rss"), rss).expect("rss");
    home.run(&["import", "t.rss", "-o", "t.toml"]).exit(0);
    let toml = std::fs::read_to_string(home.dir.join("t.toml")).expect("written");
    assert!(toml.contains("id = \"tag:t,2025:1\""), "{toml}");
    assert!(toml.contains("id = \"https://t.example/2\""), "{toml}");
    home.run(&["check", "t.toml"]).exit(0);
    // A repeated id is a warning; one over 200 characters an error.
    let two = "title = \"t\"\n[[sections]]\nheading = \"一\"\nid = \"x\"\n\
               [[sections]]\nheading = \"二\"\nid = \"x\"\n";
    std::fs::write(home.dir.join("dup.toml"), two).expect("write");
    let r = home.run(&["check", "dup.toml"]);
    r.exit(0);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(
        all.contains("dup.toml:7:6: warning: duplicate id `x`"),
        "{all}"
    );
    let long = format!(
        "title = \"t\"\n[[sections]]\nheading = \"一\"\nid = \"{}\"\n",
        "あ".repeat(201)
    );
    std::fs::write(home.dir.join("long.toml"), long).expect("write");
    let r = home.run(&["check", "long.toml"]);
    r.exit(1);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(
        all.contains("`id` is 201 characters long, over the limit of 200"),
        "{all}"
    );
    // The schema knows the key and its limit.
    let schema: serde_json::Value =
        serde_json::from_str(&home.run(&["schema"]).stdout).expect("json");
    assert_eq!(
        schema["$defs"]["section"]["properties"]["id"]["maxLength"],
        200
    );
}
