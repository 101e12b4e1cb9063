//! A feed reader's day, through the real binary against HTTP servers on
//! 127.0.0.1: podcasts' enclosures, images and item categories kept on
//! import and sync; subscriptions named after their titles and renamed
//! with their files, fetch state and read marks; `yomu sync NAME`; new
//! articles counted; `notify_command` run after a sync that brought news.

use crate::common::Run;
use crate::common::home::{Home, checks};
use crate::common::http::{Reply, Server};

const PODCAST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>ポッドキャスト 経済 / 夜</title><link>https://pod.example/</link><language>ja</language>
<item><title>第1回 円相場</title><link>https://pod.example/ep/1</link><guid>ep1</guid>
<pubDate>Sun, 06 Dec 2026 01:00:00 GMT</pubDate>
<category>経済</category><category>為替</category><category>経済</category>
<enclosure url="https://pod.example/ep1.mp3" length="34000000" type="audio/mpeg"/>
<media:thumbnail url="https://pod.example/ep1.jpg"/>
<description>円相場について話します。</description></item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Casts</title>
<entry><id>urn:a:1</id><title>Episode one</title><updated>2026-12-06T10:00:00Z</updated>
<link href="https://atom.example/1"/><link rel="enclosure" href="https://atom.example/1.m4a" type="audio/x-m4a" length="1200000"/>
<category term="markets" label="Markets"/><category term="fx"/>
<content type="html">&lt;p&gt;Talk.&lt;/p&gt;</content></entry></feed>"#;

const JSON: &str = r#"{"version":"https://jsonfeed.org/version/1.1","title":"JSON Casts","language":"en",
"items":[{"id":"j1","url":"https://json.example/1","title":"Hello","date_published":"2026-12-06T08:00:00Z",
"content_text":"Text.","tags":["ai","robots"],"image":"https://json.example/1.png",
"attachments":[{"url":"https://json.example/1.mp3","mime_type":"audio/mpeg","size_in_bytes":5000000}]}]}"#;

fn casts() -> Server {
    Server::start(|hit| match hit.path.as_str() {
        "/pod" => Reply::ok("application/rss+xml", PODCAST),
        "/atom" => Reply::ok("application/atom+xml", ATOM),
        "/json" => Reply::ok("application/feed+json", JSON),
        _ => Reply::status(404),
    })
}

fn briefing(text: &str) -> yomu::briefing::Briefing {
    yomu::briefing::parse_str("x.toml", text).unwrap().briefing
}

fn sources(s: &yomu::briefing::Section) -> Vec<(String, String)> {
    s.sources
        .iter()
        .map(|s| (s.name.clone(), s.url.clone()))
        .collect()
}

#[test]
fn enclosures_images_and_categories_are_kept_on_import_and_sync() {
    let server = casts();
    let home = Home::new("casts");
    // Import, with the interface in Japanese: the file's kind in Japanese.
    let mut ja = home.cmd(&["import", &server.url("/pod")]);
    ja.env("LC_ALL", "ja_JP.UTF-8");
    let r = Run::of(ja);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let b = briefing(&r.stdout);
    let s = &b.sections[0];
    assert_eq!(s.tags, ["経済", "為替"]);
    assert_eq!(
        sources(s),
        [
            (
                "ポッドキャスト 経済 / 夜".into(),
                "https://pod.example/ep/1".into()
            ),
            (
                "音声 (MP3, 34 MB)".into(),
                "https://pod.example/ep1.mp3".into()
            ),
            ("画像 (JPEG)".into(), "https://pod.example/ep1.jpg".into()),
        ]
    );
    // Sync, in English: Atom and JSON Feed too.
    home.subscribe(
        5,
        &[
            ("pod", server.url("/pod")),
            ("atom", server.url("/atom")),
            ("json", server.url("/json")),
        ],
    );
    let r = home.run(&["sync"]);
    r.exit(0);
    assert!(
        r.stdout
            .contains("3 new articles in 3 feeds; 3 feeds: 3 updated, 0 unchanged, 0 failed"),
        "{}",
        r.stdout
    );
    let lib = home.library();
    let atom = briefing(&lib["atom-2026-12-06.toml"]);
    assert_eq!(
        atom.title, "Atom Casts",
        "the day is not repeated in the title"
    );
    assert_eq!(atom.sections[0].tags, ["Markets", "fx"]);
    assert_eq!(
        sources(&atom.sections[0])[1],
        (
            "audio (M4A, 1.2 MB)".into(),
            "https://atom.example/1.m4a".into()
        )
    );
    let json = briefing(&lib["json-2026-12-06.toml"]);
    assert_eq!(json.sections[0].tags, ["ai", "robots"]);
    assert_eq!(
        sources(&json.sections[0])[1..],
        [
            (
                "audio (MP3, 5 MB)".into(),
                "https://json.example/1.mp3".into()
            ),
            ("image (PNG)".into(), "https://json.example/1.png".into()),
        ]
    );
    let pod = &lib["pod-2026-12-06.toml"];
    assert!(
        pod.starts_with("title = \"ポッドキャスト 経済 / 夜\"\n"),
        "{pod}"
    );
    assert!(
        pod.contains("tags = [\n  \"経済\",\n  \"為替\",\n]"),
        "{pod}"
    );
    checks(&home, "data/yomu/library/pod-2026-12-06.toml");
    // Shown under the heading in every export, and searchable.
    let text = home.run(&["export", "data/yomu/library/atom-2026-12-06.toml"]);
    text.exit(0);
    prints(&text, &["Episode one", "#Markets #fx"]);
    let md = home.run(&[
        "export",
        "--format",
        "markdown",
        "data/yomu/library/atom-2026-12-06.toml",
    ]);
    md.exit(0);
    prints(&md, &["## 1. Episode one", "\\#Markets \\#fx"]);
    let json_out = home.run(&[
        "export",
        "--format",
        "json",
        "data/yomu/library/atom-2026-12-06.toml",
    ]);
    json_out.exit(0);
    prints(&json_out, &[r#""tags": ["#, "\"Markets\""]);
    let found = home.run(&["search", "robots", "data/yomu/library"]);
    found.exit(0);
    prints(&found, &["json-2026-12-06.toml"]);
}

/// Assert that stdout holds every one of `needles`.
fn prints(r: &Run, needles: &[&str]) {
    for n in needles {
        assert!(r.stdout.contains(n), "stdout lacks {n:?}:\n{}", r.stdout);
    }
}

fn titled(title: &str) -> String {
    format!(
        r#"<rss version="2.0"><channel><title>{title}</title><language>ja</language>
<item><title>一</title><link>https://t.example/1</link><guid>t1</guid>
<pubDate>Sun, 06 Dec 2026 01:00:00 GMT</pubDate><description>本文</description></item>
<item><title>二</title><link>https://t.example/2</link><guid>t2</guid>
<pubDate>Sun, 06 Dec 2026 02:00:00 GMT</pubDate><description>本文</description></item>
</channel></rss>"#
    )
}

#[test]
fn feeds_are_named_after_their_titles_and_a_rename_keeps_files_state_and_marks() {
    let server = Server::start(|hit| match hit.path.as_str() {
        "/nhk" | "/nhk2" => Reply::ok("application/rss+xml", titled("NHKニュース（経済）")),
        "/slash" => Reply::ok("application/rss+xml", titled("  A/B: news?  ")),
        "/untitled" => Reply::ok("application/rss+xml", titled("")),
        _ => Reply::status(404),
    });
    let home = Home::new("names");
    for path in ["/nhk", "/nhk2", "/slash", "/untitled", "/gone"] {
        home.run(&["feeds", "add", &server.url(path)]).exit(0);
    }
    let list = home.run(&["feeds", "list"]).stdout;
    let names: Vec<&str> = list.lines().filter_map(|l| l.split('\t').next()).collect();
    assert_eq!(
        names,
        [
            "NHKニュース（経済）",
            "NHKニュース（経済）-2",
            "A-B-news",
            "127.0.0.1",
            "127.0.0.1-2"
        ]
    );
    // The one that could not be fetched says why it has the host's name.
    let r = home.run(&["feeds", "add", &server.url("/gone2")]);
    r.exit(0).says(&["named after its host", "HTTP 404"]);

    // Sync, mark one article read, rename: files, state and mark follow.
    home.run(&["sync", "NHKニュース（経済）"]).exit(0);
    let lib = home.dir.join("data/yomu/library");
    let old_file = lib.join("NHKニュース（経済）-2026-12-06.toml");
    let b = yomu::briefing::load_file(&old_file).unwrap().briefing;
    let articles = yomu::briefing::article::hashes(&b);
    let state = home.dir.join("state/yomu");
    {
        let (store, _, problems) = yomu::state::Store::open_in(&state);
        let mut store = store.unwrap_or_else(|| panic!("{problems:?}"));
        store
            .set_read(
                &yomu::state::key_for(&old_file),
                &articles,
                &[(articles[1], true)],
            )
            .unwrap();
    }
    let renamed = home.run(&["feeds", "rename", "NHKニュース（経済）", "nhk-econ"]);
    renamed.exit(0);
    prints(&renamed, &["renamed NHKニュース（経済） to nhk-econ"]);
    assert!(!old_file.exists());
    let new_file = lib.join("nhk-econ-2026-12-06.toml");
    assert!(new_file.exists());
    assert!(state.join("feeds/nhk-econ.toml").exists());
    assert!(!state.join("feeds/NHKニュース（経済）.toml").exists());
    let (store, _, _) = yomu::state::Store::open_in(&state);
    let read = store
        .unwrap()
        .read_set(&yomu::state::key_for(&new_file))
        .unwrap();
    assert_eq!(read.into_iter().collect::<Vec<_>>(), [articles[1]]);
    // The fetch state came along: nothing is written twice.
    let before = home.library_times();
    let again = home.run(&["sync", "nhk-econ"]);
    again.exit(0);
    prints(&again, &["no new articles"]);
    assert_eq!(home.library_times(), before);
    let list = home.run(&["feeds", "list"]).stdout;
    assert!(list.starts_with("nhk-econ\t"), "{list}");

    // Refused: an unknown name, a name taken, a name that is no file name.
    home.run(&["feeds", "rename", "nope", "x"])
        .exit(2)
        .says(&["no subscription"]);
    home.run(&["feeds", "rename", "nhk-econ", "A-B-news"])
        .exit(2)
        .says(&["A-B-news"]);
    home.run(&["feeds", "rename", "nhk-econ", "a/b"]).exit(2);
    assert!(new_file.exists());
}

#[test]
fn sync_names_fetches_only_those_feeds_and_an_unknown_name_fetches_nothing() {
    let server = Server::start(|hit| match hit.path.as_str() {
        "/a" | "/b" => Reply::ok("application/rss+xml", titled("T")),
        _ => Reply::status(404),
    });
    let home = Home::new("sync-names");
    home.subscribe(5, &[("a", server.url("/a")), ("b", server.url("/b"))]);
    home.run(&["sync", "nope", "a"])
        .exit(2)
        .says(&["no subscription is named nope: `yomu feeds list`"]);
    assert!(server.hits.lock().unwrap().is_empty());
    let r = home.run(&["sync", "b"]);
    r.exit(0);
    assert!(
        r.stdout
            .contains("2 new articles in 1 feed; 1 feed: 1 updated"),
        "{}",
        r.stdout
    );
    assert_eq!(server.hits("/b").len(), 1);
    assert!(server.hits("/a").is_empty());
    let names: Vec<String> = home.library().into_keys().collect();
    assert_eq!(names, ["b-2026-12-06.toml"]);
}

#[test]
fn notify_command_runs_after_a_sync_with_news_and_not_after_one_without() {
    let server = Server::start(|hit| match hit.path.as_str() {
        "/a" | "/b" => Reply::ok("application/rss+xml", titled("T")),
        _ => Reply::status(404),
    });
    let home = Home::new("notify");
    home.subscribe(5, &[("a", server.url("/a")), ("b", server.url("/b"))]);
    let out = home.dir.join("notified");
    let script = home.dir.join("notify.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{}'; done\n",
            out.display()
        ),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .unwrap();
    std::fs::write(
        home.dir.join("config/yomu/config.toml"),
        format!(
            "sync_every = \"30m\"\nnotify_command = [\"{}\", \"yomu\", \"%n new articles\", \"%f\", \"$HOME;x\"]\n",
            script.display()
        ),
    )
    .unwrap();
    home.run(&["sync"]).exit(0);
    assert_eq!(written(&out, 4), "yomu\n4 new articles\na, b\n$HOME;x\n");
    // Nothing new: not run again.
    let again = home.run(&["sync"]);
    again.exit(0);
    prints(&again, &["no new articles"]);
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 4);

    // The reader's syncs tell of their news too (here `R`, in Japanese).
    let settings = yomu::config::Config {
        notify_command: vec![script.display().to_string(), "%n".into(), "%f".into()],
        ..Default::default()
    };
    let fresh = Home::new("notify-reader");
    fresh.subscribe(5, &[("b", server.url("/b"))]);
    yomu::i18n::set_lang(yomu::i18n::Lang::Ja);
    let mut app = reader_with(&fresh, &settings);
    crate::common::press(&mut app, &[Action::SyncAll]);
    finish_sync(&mut app);
    let status = screen(&mut app)[23].clone();
    yomu::i18n::set_lang(yomu::i18n::Lang::En);
    assert!(status.contains("フィード1件に新着記事2件"), "{status}");
    let all = written(&out, 6);
    assert!(all.ends_with("$HOME;x\n2\nb\n"), "{all}");

    // A bad value is a configuration error with a hint.
    std::fs::write(
        home.dir.join("config/yomu/config.toml"),
        "sync_every = \"1m\"\nnotify_command = \"notify-send\"\n",
    )
    .unwrap();
    home.run(&["sync"]).exit(2).says(&[
        "too often",
        "at least 5 minutes",
        "notify_command must be a list of strings",
    ]);
}

/// The text of `path` once it has `lines` lines: the notify command
/// runs on its own, so its file is looked at until it is written (a
/// bounded wait, failing if it never is).
fn written(path: &std::path::Path, lines: usize) -> String {
    let mut text = String::new();
    for _ in 0..3000 {
        text = std::fs::read_to_string(path).unwrap_or_default();
        if text.lines().count() >= lines && text.ends_with('\n') {
            return text;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("{} never had {lines} lines: {text:?}", path.display());
}

#[test]
fn a_notify_command_that_never_ends_does_not_hold_up_yomu_sync() {
    let server = Server::start(|hit| match hit.path.as_str() {
        "/a" => Reply::ok("application/rss+xml", titled("T")),
        _ => Reply::status(404),
    });
    let home = Home::new("notify-forever");
    home.subscribe(5, &[("a", server.url("/a"))]);
    let pid = home.dir.join("notify.pid");
    std::fs::write(
        home.dir.join("config/yomu/config.toml"),
        format!(
            "notify_command = [\"sh\", \"-c\", \"echo $$ > '{}'; exec sleep 1000\", \"%n\"]\n",
            pid.display()
        ),
    )
    .unwrap();
    // The harness fails the run if it has not ended within its limit.
    let r = home.run(&["sync"]);
    r.exit(0);
    prints(&r, &["2 new articles in 1 feed"]);
    // The command was started, and still sleeps: stop it.
    let pid = written(&pid, 1);
    let killed = std::process::Command::new("kill")
        .arg(pid.trim())
        .status()
        .unwrap();
    assert!(killed.success(), "the notify command was not running");

    // A program that cannot be started is still said.
    let fresh = Home::new("notify-missing");
    fresh.subscribe(5, &[("a", server.url("/a"))]);
    std::fs::write(
        fresh.dir.join("config/yomu/config.toml"),
        "notify_command = [\"/nonexistent/yomu-notify\"]\n",
    )
    .unwrap();
    let r = fresh.run(&["sync"]);
    r.exit(0);
    assert!(
        r.stderr
            .contains("notify_command /nonexistent/yomu-notify did not run"),
        "{}",
        r.stderr
    );
}

// ----------------------------------------------------------------- reader

use yomu::tui::app::App;
use yomu::tui::keys::Action;

/// The reader in-process on `home`'s data library, with its state.db and
/// its feeds.
fn reader_on(home: &Home) -> App {
    reader_with(home, &yomu::config::Config::default())
}

fn reader_with(home: &Home, settings: &yomu::config::Config) -> App {
    let lib = home.dir.join("data/yomu/library");
    std::fs::create_dir_all(&lib).unwrap();
    let mut app = App::new(
        yomu::library::load_dir(&lib).expect("load"),
        false,
        yomu::text::WidthOptions::default(),
        (100, 24),
    );
    let (store, state, problems) = yomu::state::Store::open_in(&home.dir.join("state/yomu"));
    assert!(store.is_some(), "{problems:?}");
    app.set_store(store, state);
    app.sync_paths = Some(yomu::feeds::sync::Paths {
        subscriptions: home.feeds_toml(),
        state: home.dir.join("state/yomu"),
        library: lib,
        articles: None,
    });
    app.configure_feeds(settings);
    app
}

fn screen(app: &mut App) -> Vec<String> {
    crate::common::screen(app, 100, 24)
}

/// Poll the app until its sync is over (the server answers at once).
fn finish_sync(app: &mut App) {
    while app.syncing() {
        app.poll_background();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// Poll the app until the feed being opened is read (a bounded wait).
fn finish_open(app: &mut App) {
    for _ in 0..3000 {
        if app.feeds.opening.is_none() {
            return;
        }
        app.poll_background();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the feed never opened");
}

#[test]
fn a_feed_with_many_day_files_opens_in_the_background() {
    let home = Home::new("feed-many");
    home.subscribe(5, &[("many", "http://127.0.0.1:9/m".to_string())]);
    let lib = home.dir.join("data/yomu/library");
    std::fs::create_dir_all(&lib).unwrap();
    for d in 0..300 {
        let (m, day) = (1 + d / 28, 1 + d % 28);
        std::fs::write(
            lib.join(format!("many-2026-{m:02}-{day:02}.toml")),
            format!(
                "title = \"many\"\n\n[[sections]]\nheading = \"記事{d}\"\npublished = 2026-{m:02}-{day:02}T08:00:00Z\nbody = [\"本文{d}\"]\n"
            ),
        )
        .unwrap();
    }
    let mut app = reader_on(&home);
    crate::common::press(&mut app, &[Action::FeedList, Action::Enter]);
    // The screen is still the list, the progress in the status bar, and
    // keys still answer meanwhile.
    let rows = screen(&mut app);
    assert!(rows[23].contains("opening many: 0/300 files"), "{rows:#?}");
    assert!(rows[0].contains("1 feed"), "{rows:#?}");
    finish_open(&mut app);
    let rows = screen(&mut app);
    assert!(app.reader().is_some(), "{rows:#?}");
    assert_eq!(app.reader().map(|r| r.briefing.sections.len()), Some(300));
}

#[test]
fn the_feed_list_counts_unread_articles_and_r_fetches_only_the_selected_feed() {
    let server = Server::start(|hit| match hit.path.as_str() {
        "/a" => Reply::ok("application/rss+xml", titled("A新聞")),
        "/b" => Reply::ok("application/rss+xml", titled("B")),
        _ => Reply::status(500),
    });
    let home = Home::new("feedlist");
    home.subscribe(
        5,
        &[
            ("a", server.url("/a")),
            ("b", server.url("/b")),
            ("c", server.url("/c")),
        ],
    );
    home.run(&["sync"]).exit(1);
    let mut app = reader_on(&home);
    // The briefing list first; F shows the feeds.
    assert!(
        screen(&mut app)[0].contains("2 briefings"),
        "{:#?}",
        screen(&mut app)
    );
    crate::common::press(&mut app, &[Action::FeedList]);
    let rows = screen(&mut app);
    assert!(rows[0].contains("3 feeds · 4 unread"), "{rows:#?}");
    assert!(rows[1].starts_with(" ● a "), "{rows:#?}");
    assert!(rows[1].contains("      2  synced just now"), "{rows:#?}");
    assert!(
        rows[2].contains(" b ") && rows[2].contains("2  synced"),
        "{rows:#?}"
    );
    assert!(
        rows[3].contains(" c ") && rows[3].contains("0  never synced  1 failed"),
        "{rows:#?}"
    );
    assert!(rows[23].contains("r sync feed"), "{rows:#?}");

    // r on b: only b is asked again.
    assert_eq!((server.hits("/a").len(), server.hits("/b").len()), (1, 1));
    crate::common::press(&mut app, &[Action::Down, Action::Sync]);
    assert!(screen(&mut app)[23].contains("syncing b…"));
    finish_sync(&mut app);
    assert_eq!((server.hits("/a").len(), server.hits("/b").len()), (1, 2));
    assert!(server.hits("/c").len() == 1);
    assert!(
        screen(&mut app)[23].contains("no new articles"),
        "{:#?}",
        screen(&mut app)
    );
    // R: every feed.
    crate::common::press(&mut app, &[Action::SyncAll]);
    finish_sync(&mut app);
    assert_eq!(server.hits("/a").len(), 2);
    assert_eq!(server.hits("/c").len(), 2);
    assert!(
        screen(&mut app)[3].contains("2 failed"),
        "{:#?}",
        screen(&mut app)
    );

    // Enter on a: its articles as one briefing; reading one marks it in
    // its day file, and the list counts one fewer.
    crate::common::press(&mut app, &[Action::Top, Action::Enter]);
    // Its day files are read in the background, the count shown.
    let rows = screen(&mut app);
    assert!(rows[23].contains("opening a: 0/1 files"), "{rows:#?}");
    assert!(rows[0].contains("3 feeds"), "{rows:#?}");
    finish_open(&mut app);
    let rows = screen(&mut app);
    assert!(rows.iter().any(|r| r.contains("1. 二")), "{rows:#?}");
    crate::common::press(&mut app, &[Action::NextPage]);
    assert!(screen(&mut app).iter().any(|r| r.contains("二")));
    crate::common::press(&mut app, &[Action::Back]);
    let rows = screen(&mut app);
    assert!(rows[0].contains("3 feeds · 3 unread"), "{rows:#?}");
    assert!(rows[1].contains("      1  synced"), "{rows:#?}");
    let day = home.dir.join("data/yomu/library/a-2026-12-06.toml");
    let (store, _, _) = yomu::state::Store::open_in(&home.dir.join("state/yomu"));
    assert_eq!(
        store
            .unwrap()
            .read_set(&yomu::state::key_for(&day))
            .unwrap()
            .len(),
        1
    );

    // U in a feed's briefing: its next unread article, from the cover.
    crate::common::press(&mut app, &[Action::Enter]);
    finish_open(&mut app);
    crate::common::press(&mut app, &[Action::NextUnread]);
    let rows = screen(&mut app);
    assert!(rows[23].contains(" 3/3 "), "{rows:#?}");
    assert!(rows.iter().any(|r| r.contains("一")), "{rows:#?}");
    crate::common::press(&mut app, &[Action::NextUnread]);
    assert!(screen(&mut app)[23].contains("everything is read"));
    crate::common::press(&mut app, &[Action::Back]);
    assert!(screen(&mut app)[0].contains("3 feeds · 2 unread"));

    // The list shown is remembered: a new reader opens on the feeds.
    drop(app);
    let mut again = reader_on(&home);
    assert!(screen(&mut again)[0].contains("3 feeds"));
    // In Japanese.
    yomu::i18n::set_lang(yomu::i18n::Lang::Ja);
    let ja = screen(&mut again);
    yomu::i18n::set_lang(yomu::i18n::Lang::En);
    assert!(ja[0].contains("フィード3件 · 未読2件"), "{ja:#?}");
    assert!(ja[2].contains("取得：たった今"), "{ja:#?}");
    assert!(ja[3].contains("未取得  失敗2回"), "{ja:#?}");
    assert!(ja[23].contains("r このフィードを取得"), "{ja:#?}");
    crate::common::press(&mut again, &[Action::FeedList]);
    assert!(screen(&mut again)[0].contains("2 briefings"));
    assert!(!reader_on(&home).feeds.on);
}

#[test]
fn a_in_the_feed_list_marks_the_selected_feed_read_after_asking_and_z_undoes_it() {
    let server = Server::start(|hit| match hit.path.as_str() {
        "/a" => Reply::ok("application/rss+xml", titled("A")),
        "/b" => Reply::ok("application/rss+xml", titled("B")),
        _ => Reply::status(404),
    });
    let home = Home::new("feed-mark");
    home.subscribe(5, &[("a", server.url("/a")), ("b", server.url("/b"))]);
    home.run(&["sync"]).exit(0);
    let mut app = reader_on(&home);
    crate::common::press(&mut app, &[Action::FeedList, Action::Down]);
    assert!(screen(&mut app)[0].contains("2 feeds · 4 unread"));
    // Asked first; anything but y marks nothing.
    crate::common::press(&mut app, &[Action::MarkAllRead]);
    let rows = screen(&mut app);
    assert!(
        rows[23].contains("mark 2 articles of b read? (y/n)"),
        "{rows:#?}"
    );
    crate::common::press(&mut app, &[Action::Insert('n')]);
    let rows = screen(&mut app);
    assert!(rows[23].contains("nothing marked"), "{rows:#?}");
    assert!(rows[0].contains("4 unread"), "{rows:#?}");
    // y: only b is read, in state.db too.
    crate::common::press(&mut app, &[Action::MarkAllRead, Action::Insert('y')]);
    let rows = screen(&mut app);
    assert!(rows[23].contains("2 articles marked read"), "{rows:#?}");
    assert!(rows[0].contains("2 feeds · 2 unread"), "{rows:#?}");
    assert!(
        rows[1].contains(" ● a ") && rows[1].contains("2  synced"),
        "{rows:#?}"
    );
    assert!(
        !rows[2].contains('●') && rows[2].contains("0  synced"),
        "{rows:#?}"
    );
    let (store, _, _) = yomu::state::Store::open_in(&home.dir.join("state/yomu"));
    let day = home.dir.join("data/yomu/library/b-2026-12-06.toml");
    let store = store.unwrap();
    assert_eq!(
        store.read_set(&yomu::state::key_for(&day)).unwrap().len(),
        2
    );
    // A again: everything there is read already.
    crate::common::press(&mut app, &[Action::MarkAllRead]);
    assert!(screen(&mut app)[23].contains("everything is read"));
    // Z: taken back.
    crate::common::press(&mut app, &[Action::UndoMarkAll]);
    let rows = screen(&mut app);
    assert!(rows[0].contains("4 unread"), "{rows:#?}");
    assert!(
        store
            .read_set(&yomu::state::key_for(&day))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn slash_in_the_feed_list_filters_the_feeds_by_name_and_esc_clears_it() {
    let home = Home::new("feed-filter");
    // Never synced: the rows come from feeds.toml.
    home.subscribe(
        5,
        &[
            ("NHK", "http://127.0.0.1:9/n".to_string()),
            ("bbc", "http://127.0.0.1:9/b".to_string()),
            ("nikkei", "http://127.0.0.1:9/k".to_string()),
        ],
    );
    let mut app = reader_on(&home);
    let typed = |q: &str| q.chars().map(Action::Insert).collect::<Vec<_>>();
    crate::common::press(&mut app, &[Action::FeedList, Action::Search]);
    crate::common::press(&mut app, &typed("n"));
    let rows = screen(&mut app);
    assert!(rows[23].starts_with("filter: n"), "{rows:#?}");
    assert!(rows[23].contains("2 of 3"), "{rows:#?}");
    assert!(rows[1].contains(" NHK "), "{rows:#?}");
    assert!(rows[2].contains(" nikkei "), "{rows:#?}");
    assert!(!rows.iter().any(|r| r.contains("bbc")), "{rows:#?}");
    // Enter keeps the filter; the keys move among the feeds shown.
    crate::common::press(&mut app, &[Action::Enter, Action::Bottom]);
    let rows = screen(&mut app);
    assert!(rows[23].contains(" 2/2 "), "{rows:#?}");
    assert!(app.feeds.current().is_some_and(|r| r.name == "nikkei"));
    assert!(!rows.iter().any(|r| r.contains("bbc")), "{rows:#?}");
    // Esc clears it, the selection kept, and the list stays the feeds'.
    crate::common::press(&mut app, &[Action::Back]);
    let rows = screen(&mut app);
    assert!(rows[0].contains("3 feeds"), "{rows:#?}");
    assert!(rows.iter().any(|r| r.contains("bbc")), "{rows:#?}");
    assert!(rows[23].contains(" 3/3 "), "{rows:#?}");
    // Esc while typing drops the query too.
    crate::common::press(&mut app, &[Action::Search]);
    crate::common::press(&mut app, &typed("zzz"));
    assert!(screen(&mut app)[23].contains("0 of 3"));
    crate::common::press(&mut app, &[Action::Back]);
    let rows = screen(&mut app);
    assert!(rows[0].contains("3 feeds"), "{rows:#?}");
    assert!(rows.iter().any(|r| r.contains("bbc")), "{rows:#?}");
    assert!(app.feeds.on);
}

#[test]
fn a_library_filter_carries_into_the_briefing_opened_and_matches_feed_names() {
    let server = Server::start(|hit| match hit.path.as_str() {
        "/nhk" => Reply::ok(
            "application/rss+xml",
            r#"<rss version="2.0"><channel><title>NHK</title><language>ja</language>
<item><title>株価</title><link>https://n.example/1</link><guid>n1</guid>
<pubDate>Sun, 06 Dec 2026 01:00:00 GMT</pubDate><description>株価が上がった。円相場は動かず。</description></item>
<item><title>円相場</title><link>https://n.example/2</link><guid>n2</guid>
<pubDate>Sun, 06 Dec 2026 00:00:00 GMT</pubDate><description>円相場が動いた。</description></item>
</channel></rss>"#,
        ),
        "/other" => Reply::ok("application/rss+xml", titled("ほか")),
        _ => Reply::status(404),
    });
    let home = Home::new("carry");
    home.subscribe(
        5,
        &[("nhk", server.url("/nhk")), ("other", server.url("/other"))],
    );
    home.run(&["sync"]).exit(0);
    let mut app = reader_on(&home);
    let typed = |q: &str| q.chars().map(Action::Insert).collect::<Vec<_>>();
    // The feed's name finds its files.
    crate::common::press(&mut app, &[Action::Search]);
    crate::common::press(&mut app, &typed("other"));
    crate::common::press(&mut app, &[Action::Enter]);
    let rows = screen(&mut app);
    assert!(rows[0].contains("1 of 2 briefings match"), "{rows:#?}");
    // A word of the text: opened on its first match, highlighted, with
    // the search on.
    crate::common::press(&mut app, &[Action::Search]);
    for _ in 0.."other".len() {
        crate::common::press(&mut app, &[Action::DeleteBack]);
    }
    crate::common::press(&mut app, &typed("円相場"));
    crate::common::press(&mut app, &[Action::Enter, Action::Enter]);
    let rows = screen(&mut app);
    assert!(rows[23].contains("match 1/4"), "{rows:#?}");
    assert!(rows.iter().any(|r| r.contains("2. 円相場")), "{rows:#?}");
    crate::common::press(&mut app, &[Action::NextMatch]);
    assert!(screen(&mut app)[23].contains("match 2/4"));
    crate::common::press(&mut app, &[Action::PrevMatch, Action::PrevMatch]);
    assert!(
        screen(&mut app)[23].contains("match 4/4"),
        "{:#?}",
        screen(&mut app)
    );
}

#[test]
fn sync_every_syncs_in_the_background_when_due_and_never_against_a_hosts_backoff() {
    let server = Server::start(|hit| match hit.path.as_str() {
        "/a" => Reply::ok("application/rss+xml", titled("A")),
        _ => Reply::status(404),
    });
    let every = yomu::config::Config {
        sync_every: Some(std::time::Duration::from_secs(30 * 60)),
        ..Default::default()
    };
    // Never synced: due at once, then not again within the interval.
    let home = Home::new("every");
    home.subscribe(5, &[("a", server.url("/a"))]);
    let mut app = reader_with(&home, &every);
    app.poll_background();
    assert!(app.syncing(), "a sync is due");
    finish_sync(&mut app);
    assert_eq!(server.hits("/a").len(), 1);
    assert!(screen(&mut app)[23].contains("2 new articles in 1 feed"));
    app.poll_background();
    assert!(!app.syncing());
    // A reader opened right after a sync (a timer's `yomu sync`) waits.
    let mut fresh = reader_with(&home, &every);
    fresh.poll_background();
    assert!(!fresh.syncing());
    // Without sync_every, nothing happens by itself.
    let quiet = Home::new("every-off");
    quiet.subscribe(5, &[("a", server.url("/a"))]);
    let mut off = reader_on(&quiet);
    off.poll_background();
    assert!(!off.syncing());

    // A host that asked to wait is not asked by the timer.
    let waiting = Home::new("every-wait");
    waiting.subscribe(5, &[("a", server.url("/a"))]);
    let host = server.url("").trim_start_matches("http://").to_string();
    std::fs::create_dir_all(waiting.dir.join("state/yomu")).unwrap();
    std::fs::write(
        waiting.dir.join("state/yomu/hosts.toml"),
        format!(
            "[hosts.\"{host}\"]\nnot_before = {}\nstrikes = 1\n",
            yomu::feeds::fetchstate::now() + 3600
        ),
    )
    .unwrap();
    let mut app = reader_with(&waiting, &every);
    app.poll_background();
    assert!(app.syncing());
    finish_sync(&mut app);
    assert_eq!(server.hits("/a").len(), 1, "the host was asked");
    let rows = screen(&mut app);
    assert!(rows[23].contains("no new articles"), "{rows:#?}");
}

#[test]
fn the_feed_filter_compares_as_search_does_and_ctrl_k_folds_kana() {
    let home = Home::new("feed-filter-kana");
    home.subscribe(
        5,
        &[
            ("ニュース速報", "http://127.0.0.1:9/n".to_string()),
            ("ＮＨＫ", "http://127.0.0.1:9/h".to_string()),
            ("天気", "http://127.0.0.1:9/t".to_string()),
        ],
    );
    let mut app = reader_on(&home);
    let typed = |q: &str| q.chars().map(Action::Insert).collect::<Vec<_>>();
    // Fullwidth letters are found by their ASCII form, as in any search.
    crate::common::press(&mut app, &[Action::FeedList, Action::Search]);
    crate::common::press(&mut app, &typed("nhk"));
    let rows = screen(&mut app);
    assert!(rows[23].contains("1 of 3"), "{rows:#?}");
    assert!(rows[1].contains("ＮＨＫ"), "{rows:#?}");
    // Hiragana finds the katakana name once Ctrl-k is on, and says so.
    crate::common::press(&mut app, &[Action::Back, Action::Search]);
    crate::common::press(&mut app, &typed("にゅーす"));
    assert!(screen(&mut app)[23].contains("0 of 3"));
    crate::common::press(&mut app, &[Action::ToggleKana]);
    let rows = screen(&mut app);
    assert!(rows[23].contains("1 of 3"), "{rows:#?}");
    assert!(rows[23].contains("[かな=カナ]"), "{rows:#?}");
    assert!(rows[1].contains("ニュース速報"), "{rows:#?}");
    // The setting is the reader's one: the library's filter has it too.
    crate::common::press(&mut app, &[Action::Back, Action::FeedList, Action::Search]);
    crate::common::press(&mut app, &typed("x"));
    let rows = screen(&mut app);
    assert!(rows[0].contains("briefings"), "{rows:#?}");
    assert!(rows[23].contains("[かな=カナ]"), "{rows:#?}");
}

#[test]
fn leaving_the_feed_list_while_a_feed_opens_stops_opening_it() {
    let home = Home::new("feed-leave-opening");
    home.subscribe(5, &[("big", "http://127.0.0.1:9/b".to_string())]);
    // A feed of many day files: reading them takes a while.
    let lib = home.dir.join("data/yomu/library");
    std::fs::create_dir_all(&lib).unwrap();
    let first = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    for d in 0..1500u32 {
        let day = first + chrono::Days::new(u64::from(d));
        std::fs::write(
            lib.join(format!("big-{}.toml", day.format("%Y-%m-%d"))),
            format!(
                "title = \"big\"\n\n[[sections]]\nheading = \"記事{d}\"\nbody = [\"本文{d}。\"]\n"
            ),
        )
        .unwrap();
    }
    let mut app = reader_on(&home);
    crate::common::press(&mut app, &[Action::FeedList, Action::Enter]);
    assert!(app.feeds.opening.is_some());
    assert!(app.message().is_some_and(|m| m.contains("big")));
    // F: back to the briefings; the opening is dropped and not shown.
    crate::common::press(&mut app, &[Action::FeedList]);
    assert!(app.feeds.opening.is_none());
    assert!(app.message().is_none(), "{:?}", app.message());
    let rows = screen(&mut app);
    assert!(!rows[23].contains("big"), "{rows:#?}");
    assert!(!app.feeds.on);
}
