//! `a` in the reader, in process: the section's source fetched from a real
//! HTTP server on 127.0.0.1, its article extracted and shown on a screen
//! of its own (read from the rendered screen), `q` back to the briefing,
//! the same article again with the server gone (from the cache), `Esc`
//! stopping a fetch, and a page that holds no article saying so. The
//! fetch runs on the reader's background thread: the test polls the
//! reader as its event loop does until the fetch has ended (the harness's
//! hang guard, not a timing assertion).

use std::sync::mpsc;

use yomu::names::Action;
use yomu::tui::app::App;
use yomu::webpage::cache::ArticleCache;

use crate::common::http::{Reply, Server};
use crate::common::{TempDir, app, press, screen};

const W: u16 = 80;
const H: u16 = 24;

fn briefing(url: &str) -> String {
    format!(
        "title = \"朝のニュース\"\nlanguage = \"ja\"\n\n[[sections]]\nheading = \"経済対策\"\n\
         body = [\"政府が経済対策を発表した。\"]\n\n[[sections.sources]]\nname = \"テスト新聞\"\nurl = \"{url}\"\n"
    )
}

/// Poll the reader until the fetch has ended.
fn settle(app: &mut App) {
    let start = std::time::Instant::now();
    while app.article.fetching() {
        app.poll_background();
        assert!(start.elapsed().as_secs() < 30, "the fetch hung");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

fn text(app: &mut App) -> String {
    screen(app, W, H).join("\n")
}

#[test]
fn a_reads_the_source_inside_yomu_and_again_offline() {
    let server = Server::start(|hit| match hit.path.as_str() {
        "/news/1" => Reply::ok("text/html; charset=utf-8", crate::webpages::article_page()),
        "/list" => Reply::ok(
            "text/html",
            format!(
                "<!DOCTYPE html><html><body><ul>{}</ul></body></html>",
                (1..=40)
                    .map(|i| format!("<li><a href=\"/p/{i}\">記事{i}</a></li>"))
                    .collect::<String>()
            ),
        ),
        _ => Reply::status(404),
    });
    let cache_dir = TempDir::new("article-cache");
    let url = server.url("/news/1");
    let toml = briefing(&url);
    let mut app = app(&[("news.toml", &toml)], true, W, H);
    app.article.cache = Some(ArticleCache::new(cache_dir.path().to_path_buf(), 1 << 20));
    // On the cover, `a` says there is no source there.
    press(&mut app, &[Action::ReadArticle]);
    assert!(text(&mut app).contains("the cover has no source"));
    press(&mut app, &[Action::NextPage, Action::ReadArticle]);
    // The status bar says what is fetched (the frame drawn next may
    // already show the article: drawing takes in finished work).
    assert!(
        app.message()
            .is_some_and(|m| m.contains("fetching the article from 127.0.0.1")),
        "{:?}",
        app.message()
    );
    settle(&mut app);
    let shown = text(&mut app);
    assert!(shown.contains("政府は1日、新しい経済対策"), "{shown}");
    assert!(shown.contains("q goes back"), "{shown}");
    assert!(!shown.contains("カテゴリー"), "{shown}");
    // Its furigana are laid out as the reader lays out any: the reading
    // above its base, no brackets.
    let mut found = false;
    for _ in 0..6 {
        let page = text(&mut app);
        if page.contains("の対象は全国の世帯") {
            assert!(page.contains("ほじょ") && !page.contains('《'), "{page}");
            found = true;
            break;
        }
        press(&mut app, &[Action::ScreenDown]);
    }
    assert!(found, "the ruby paragraph was not shown");
    // Search works in the article.
    press(&mut app, &[Action::Top, Action::Search]);
    for c in "の見方".chars() {
        press(&mut app, &[Action::Insert(c)]);
    }
    press(&mut app, &[Action::Enter]);
    assert!(
        text(&mut app).contains("専門家の見方"),
        "{}",
        text(&mut app)
    );
    press(&mut app, &[Action::Back]);
    // `q`: back to the briefing, on its section.
    press(&mut app, &[Action::Back]);
    let back = text(&mut app);
    assert!(back.contains("政府が経済対策を発表した。"), "{back}");
    assert!(!back.contains("政府は1日"), "{back}");

    // Offline: the server is gone; `a` opens the article from the cache.
    let hits = server.hits("/news/1").len();
    assert_eq!(hits, 1);
    drop(server);
    press(&mut app, &[Action::ReadArticle]);
    assert!(!app.article.fetching());
    let again = text(&mut app);
    assert!(again.contains("政府は1日、新しい経済対策"), "{again}");
    press(&mut app, &[Action::Back]);
    assert!(text(&mut app).contains("政府が経済対策を発表した。"));
}

#[test]
fn a_says_why_a_page_gives_no_article_and_esc_stops_a_fetch() {
    let (release, wait) = mpsc::channel::<()>();
    let wait = std::sync::Mutex::new(wait);
    let server = Server::start(move |hit| match hit.path.as_str() {
        "/list" => Reply::ok(
            "text/html",
            format!(
                "<!DOCTYPE html><html><body><ul>{}</ul></body></html>",
                (1..=40)
                    .map(|i| format!("<li><a href=\"/p/{i}\">記事{i}</a></li>"))
                    .collect::<String>()
            ),
        ),
        "/slow" => {
            // Answers only when the test lets it (after it pressed Esc).
            let _ = wait.lock().unwrap().recv();
            Reply::ok("text/html", crate::webpages::article_page())
        }
        _ => Reply::status(404),
    });
    let cache_dir = TempDir::new("article-cache-2");
    let toml = briefing(&server.url("/list"));
    let mut app = app(&[("news.toml", &toml)], true, W, H);
    app.article.cache = Some(ArticleCache::new(cache_dir.path().to_path_buf(), 1 << 20));
    press(&mut app, &[Action::NextPage, Action::ReadArticle]);
    settle(&mut app);
    let shown = text(&mut app);
    assert!(shown.contains("no article"), "{shown}");
    assert!(shown.contains("政府が経済対策を発表した。"), "{shown}");

    let toml = briefing(&server.url("/slow"));
    let mut app2 = crate::common::app(&[("news.toml", &toml)], true, W, H);
    app2.article.cache = Some(ArticleCache::new(cache_dir.path().to_path_buf(), 1 << 20));
    press(&mut app2, &[Action::NextPage, Action::ReadArticle]);
    assert!(app2.article.fetching());
    press(&mut app2, &[Action::Back]);
    assert!(!app2.article.fetching());
    let shown = text(&mut app2);
    assert!(shown.contains("stopped fetching the article"), "{shown}");
    // Still the briefing, not closed by that Esc.
    assert!(shown.contains("政府が経済対策を発表した。"), "{shown}");
    let _ = release.send(());
}

#[test]
fn a_in_the_link_list_reads_the_selected_source() {
    let server = Server::start(|hit| match hit.path.as_str() {
        "/news/1" => Reply::ok("text/html; charset=utf-8", crate::webpages::article_page()),
        _ => Reply::status(404),
    });
    let cache_dir = TempDir::new("article-cache-links");
    let toml = format!(
        "{}\n[[sections.sources]]\nname = \"二つ目\"\nurl = \"{}\"\n",
        briefing(&server.url("/first")),
        server.url("/news/1")
    );
    let mut app = app(&[("news.toml", &toml)], true, W, H);
    app.article.cache = Some(ArticleCache::new(cache_dir.path().to_path_buf(), 1 << 20));
    press(&mut app, &[Action::NextPage, Action::Links]);
    let shown = text(&mut app);
    assert!(shown.contains("a read here"), "{shown}");
    // The second link selected, `a` reads it, not the section's first.
    press(&mut app, &[Action::Down, Action::ReadArticle]);
    settle(&mut app);
    let shown = text(&mut app);
    assert!(shown.contains("政府は1日、新しい経済対策"), "{shown}");
    assert_eq!(server.hits("/news/1").len(), 1);
    assert!(server.hits("/first").is_empty());
}

#[test]
fn a_keeps_to_the_timeout_of_feeds_toml() {
    let (release, wait) = mpsc::channel::<()>();
    let wait = std::sync::Mutex::new(wait);
    let server = Server::start(move |hit| match hit.path.as_str() {
        "/slow" => {
            // Answers only when the test is done: long after the timeout.
            let _ = wait.lock().unwrap().recv();
            Reply::ok("text/html", crate::webpages::article_page())
        }
        _ => Reply::status(404),
    });
    let home = TempDir::new("article-timeout");
    home.write("feeds.toml", "timeout = 1\n");
    let toml = briefing(&server.url("/slow"));
    let mut app = app(&[("news.toml", &toml)], true, W, H);
    app.article.cache = Some(ArticleCache::new(home.join("cache"), 1 << 20));
    app.sync_paths = Some(yomu::feeds::sync::Paths {
        subscriptions: home.join("feeds.toml"),
        state: home.join("state"),
        library: home.join("library"),
        articles: None,
    });
    press(&mut app, &[Action::NextPage, Action::ReadArticle]);
    // The settling guard allows 30 s; the default timeout would be 60 s.
    settle(&mut app);
    let shown = text(&mut app);
    assert!(shown.contains("timed out after 1 s"), "{shown}");
    assert!(shown.contains("政府が経済対策を発表した。"), "{shown}");
    let _ = release.send(());
}
