//! The command line and the reader in Japanese under a Japanese locale,
//! through the real binary: the commands' messages, a failed sync told in
//! the reader's status bar with its keys, and further configuration
//! problems counted, all in Japanese. Servers are `tiny_http` on
//! 127.0.0.1; nothing leaves the machine.

use crate::common::home::Home;
use crate::common::http::{Reply, Server};
use crate::common::{Run, Tmux, have_tmux, yomu_bin};
use crate::feeds_hostile::{item, rss};

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
        articles: None,
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
    // Tall enough for the help's first keys down to the prompt's.
    let text = crate::common::screen(&mut app, 100, 30).join("\n");
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
