//! The library at scale: a folder listed by metadata only,
//! from the cache on a second launch; a changed file read again; a
//! corrupt cache rebuilt without a word; the filter over a folder's files
//! giving exactly the rows of the briefings held whole; 2,000 files
//! listed and filtered; `check` and `export` of a folder streamed with
//! the same output as before; and the status bar of the real reader while
//! the search index is built (`indexing N/40`, gone once it is done).

use crate::common::{Run, TempDir, Tmux, have_tmux, yomu, yomu_bin};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use yomu::text::WidthOptions;
use yomu::tui::app::App;
use yomu::tui::keys::Action;

/// A briefing titled `title`, dated `date`.
fn doc(title: &str, date: &str) -> String {
    format!(
        "title = \"{title}\"\npublished = {date}\n\n[[sections]]\nheading = \"見出し\"\nbody = [\"本文です。\"]\n"
    )
}

/// The XDG folders of a test, inside `dir`.
fn env_in(dir: &Path) -> Vec<(&'static str, String)> {
    crate::common::xdg_in(dir)
}

/// The cache files under a test's cache folder.
fn cache_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir.join("cache/yomu/library"))
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

/// Rewrite `path` with `text` (the same length) and put its mtime back:
/// to size and mtime, the file has not changed.
fn rewrite_unseen(path: &Path, text: &str) {
    let before = std::fs::metadata(path).expect("stat");
    assert_eq!(before.len(), text.len() as u64, "same length");
    let mtime = before.modified().expect("mtime");
    std::fs::write(path, text).expect("write");
    let f = std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open");
    f.set_modified(mtime).expect("set mtime");
}

#[test]
fn a_second_launch_lists_from_the_cache_and_reads_again_what_changed() {
    if !have_tmux() {
        return;
    }
    let dir = TempDir::new("archive-cache");
    let lib = dir.join("lib");
    std::fs::create_dir_all(&lib).expect("dir");
    std::fs::write(lib.join("a.toml"), doc("旧題名ABCD", "2025-03-01")).expect("write");
    std::fs::write(lib.join("b.toml"), doc("二本目", "2025-02-01")).expect("write");
    let env = env_in(&dir);
    let t = Tmux::start("archive-cache", 80, 24, &env);
    let launch = format!("{} {}; echo EXIT=$?", yomu_bin().display(), lib.display());
    t.run(&launch);
    t.wait("旧題名ABCD");
    t.keys(&["q"]);
    t.wait("EXIT=0");
    assert_eq!(cache_files(&dir).len(), 1, "one cache file for the folder");

    // Same size, same mtime: the second launch does not read the file, so
    // it lists the title it had (as make and rsync would take it). The
    // other file is removed: once it has left the list, the check of the
    // folder has ended (it would have read `a.toml` by then).
    rewrite_unseen(&lib.join("a.toml"), &doc("新題名WXYZ", "2025-03-01"));
    std::fs::remove_file(lib.join("b.toml")).expect("remove");
    t.run("clear");
    t.run(&launch);
    let s = t.wait("yomu — 1 briefing");
    assert!(s.contains("旧題名ABCD") && !s.contains("新題名WXYZ"), "{s}");
    t.keys(&["q"]);
    t.wait("EXIT=0");

    // A newer mtime: read again, in the background, after the first frame.
    let f = std::fs::File::options()
        .write(true)
        .open(lib.join("a.toml"))
        .expect("open");
    f.set_modified(SystemTime::now() + Duration::from_secs(2))
        .expect("mtime");
    t.run("clear");
    t.run(&launch);
    let s = t.wait("新題名WXYZ");
    assert!(!s.contains("旧題名ABCD"), "{s}");
    // And opening it shows the file as it is.
    t.keys(&["Enter"]);
    t.wait("新題名WXYZ");
    t.keys(&["q", "q"]);
    t.wait("EXIT=0");
}

#[test]
fn a_corrupt_cache_is_rebuilt_without_a_word() {
    let dir = TempDir::new("archive-corrupt");
    let lib = dir.join("lib");
    std::fs::create_dir_all(&lib).expect("dir");
    for i in 0..5 {
        std::fs::write(
            lib.join(format!("{i}.toml")),
            doc(&format!("記事{i}"), &format!("2025-01-0{}", i + 1)),
        )
        .expect("write");
    }
    let export = || {
        let mut c = yomu();
        for (k, v) in env_in(&dir) {
            c.env(k, v);
        }
        c.args(["export", "--format", "jsonl"]).arg(&lib);
        Run::of(c)
    };
    let first = export();
    first.exit(0);
    let files = cache_files(&dir);
    assert_eq!(files.len(), 1);
    let good = std::fs::read(&files[0]).expect("cache");
    for damage in [
        b"not a cache at all".to_vec(),
        good[..good.len() / 2].to_vec(),
        Vec::new(),
        {
            let mut b = good.clone();
            b[good.len() / 2] ^= 0xff;
            b
        },
    ] {
        std::fs::write(&files[0], &damage).expect("damage");
        let again = export();
        again.exit(0);
        assert_eq!(again.stdout, first.stdout);
        assert_eq!(again.stderr, "", "nothing said about the cache");
        assert_eq!(
            std::fs::read(&files[0]).expect("cache"),
            good,
            "rebuilt whole"
        );
    }
}

/// `n` generated briefings written to a folder; their `(name, text)`.
fn archive_folder(dir: &Path, n: usize) -> Vec<(String, String)> {
    let files: Vec<(String, String)> = (0..n).map(yomu::synth::archive_briefing).collect();
    for (name, text) in &files {
        std::fs::write(dir.join(name), text).expect("write");
    }
    files
}

/// The reader on a folder's files listed by metadata, once all arrived.
fn listed_app(dir: &Path) -> App {
    let mut app = App::new(
        yomu::library::Library::default(),
        false,
        WidthOptions::default(),
        (100, 30),
    );
    app.start_loading(yomu::library::briefing_files(dir).expect("list"));
    settle(&mut app);
    assert!(
        app.library.items.iter().all(|i| i.briefing.is_none()),
        "metadata only"
    );
    app
}

/// Poll the background work until it has ended.
fn settle(app: &mut App) {
    let start = std::time::Instant::now();
    while app.busy() {
        app.poll_background();
        assert!(start.elapsed() < Duration::from_secs(120), "never settled");
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// The filter's rows (paths, in order) after typing `query`.
fn filtered(app: &mut App, query: &str, kana: bool) -> Vec<PathBuf> {
    app.update(Action::Search);
    for _ in 0..40 {
        app.update(Action::DeleteBack);
    }
    let status = crate::common::screen(app, 100, 30)
        .pop()
        .unwrap_or_default();
    if status.contains("かな=カナ") != kana {
        app.update(Action::ToggleKana);
    }
    for c in query.chars() {
        app.update(Action::Insert(c));
    }
    settle(app);
    let rows = app
        .library
        .shown()
        .iter()
        .map(|&i| app.library.items[i].path.clone())
        .collect();
    app.update(Action::Back);
    rows
}

#[test]
fn the_filter_over_a_folder_finds_exactly_the_rows_of_the_whole_briefings() {
    let dir = TempDir::new("archive-filter");
    let files = archive_folder(dir.path(), 120);
    // One that fails, one with katakana in its text only.
    std::fs::write(dir.join("broken-半導体.toml"), "title = ").expect("write");
    std::fs::write(
        dir.join("kana.toml"),
        doc("かなの記事", "2024-05-05").replace("本文です。", "ウクライナの本文。"),
    )
    .expect("write");
    let mut folder = listed_app(dir.path());
    let mut held = App::new(
        yomu::library::load_dir(dir.path()).expect("load"),
        false,
        WidthOptions::default(),
        (100, 30),
    );
    assert_eq!(folder.library.items.len(), files.len() + 2);
    let order =
        |a: &App| -> Vec<PathBuf> { a.library.items.iter().map(|i| i.path.clone()).collect() };
    assert_eq!(order(&folder), order(&held), "the same order");
    // Queries: from titles, from bodies only, of one character, none, the
    // broken file's name, kana folded.
    let body_word = files[3]
        .1
        .lines()
        .find(|l| l.starts_with("body"))
        .expect("body");
    let body_word: String = body_word.chars().skip(12).take(3).collect();
    let queries = [
        "半導体",
        "の",
        "動き",
        &body_word,
        "存在しない語",
        "broken",
        "うくらいな",
        "ウクライナ",
        "2024",
        "ｶﾞ",
    ];
    for q in queries {
        for kana in [false, true] {
            let a = filtered(&mut folder, q, kana);
            let b = filtered(&mut held, q, kana);
            assert_eq!(a, b, "query {q:?}, kana {kana}");
        }
    }
    // Typing on narrows among the last rows: the same as typed at once.
    let narrowed = {
        folder.update(Action::Search);
        folder.update(Action::Insert('半'));
        settle(&mut folder);
        folder.update(Action::Insert('導'));
        settle(&mut folder);
        let rows: Vec<PathBuf> = folder
            .library
            .shown()
            .iter()
            .map(|&i| folder.library.items[i].path.clone())
            .collect();
        folder.update(Action::Back);
        rows
    };
    assert_eq!(narrowed, filtered(&mut held, "半導", false));
}

#[test]
fn two_thousand_files_list_open_and_filter() {
    let dir = TempDir::new("archive-2000");
    let files = archive_folder(dir.path(), 2000);
    let mut app = listed_app(dir.path());
    let screen = crate::common::screen(&mut app, 100, 30);
    assert!(screen[0].contains("2000 briefings"), "{:?}", screen[0]);
    // Newest first, as the whole load orders them.
    let whole = yomu::library::load_dir(dir.path()).expect("load");
    let paths: Vec<&PathBuf> = app.library.items.iter().map(|i| &i.path).collect();
    let expected: Vec<&PathBuf> = whole.entries.iter().map(|e| &e.path).collect();
    assert_eq!(paths, expected);
    let newest = whole.briefings().next().expect("one").title.clone();
    assert!(screen[1].contains(&newest), "{:?}", screen[1]);
    // Enter reads the newest from its file.
    app.update(Action::Enter);
    assert_eq!(app.reader().map(|r| r.briefing.title.clone()), Some(newest));
    app.update(Action::Back);
    // A rare word: the rows that have it, counted by reading every file.
    let rare = "半導体";
    let count = files.iter().filter(|(_, t)| t.contains(rare)).count();
    assert!(count > 0 && count < 2000, "{count}");
    let rows = filtered(&mut app, rare, false);
    assert_eq!(rows.len(), count);
    app.update(Action::Search);
    for c in rare.chars() {
        app.update(Action::Insert(c));
    }
    settle(&mut app);
    let screen = crate::common::screen(&mut app, 100, 30);
    assert!(
        screen[29].contains(&format!("{count} of 2000")),
        "{:?}",
        screen[29]
    );
}

#[test]
fn check_and_export_of_a_folder_stream_the_same_output() {
    // The folder's output, file by file, equals each file's own output
    // joined in the library's order.
    let dir = TempDir::new("archive-stream");
    archive_folder(dir.path(), 30);
    std::fs::write(dir.join("bad.toml"), "title = 1\n").expect("write");
    let run = |args: &[&str]| {
        let mut c = yomu();
        c.args(args);
        Run::of(c)
    };
    let d = dir.path().to_str().expect("utf-8");
    let check = run(&["check", d]);
    check.exit(1);
    assert!(
        check
            .stdout
            .contains("31 files checked: 30 valid, 1 invalid"),
        "{}",
        check.stdout
    );
    assert!(
        check.stderr.contains("bad.toml:1:") && check.stderr.contains("error"),
        "{}",
        check.stderr
    );

    let whole = yomu::library::load_dir(dir.path()).expect("load");
    let good: Vec<&yomu::library::Entry> =
        whole.entries.iter().filter(|e| e.result.is_ok()).collect();
    for format in ["text", "markdown", "json", "jsonl"] {
        let out = run(&["export", "--format", format, d]);
        out.exit(1);
        assert!(out.stderr.contains("bad.toml"), "{}", out.stderr);
        let each: Vec<String> = good
            .iter()
            .map(|e| {
                run(&[
                    "export",
                    "--format",
                    format,
                    e.path.to_str().expect("utf-8"),
                ])
                .stdout
            })
            .collect();
        let joined = match format {
            "text" => each.join(&format!("\n{}\n\n", "=".repeat(40))),
            "markdown" => each.join("\n---\n\n"),
            "jsonl" => each.concat(),
            _ => {
                let items: Vec<String> = each
                    .iter()
                    .map(|s| {
                        s.trim_end()
                            .trim_start_matches('[')
                            .trim_end_matches(']')
                            .trim_matches('\n')
                            .to_string()
                    })
                    .collect();
                format!("[\n{}\n]\n", items.join(",\n"))
            }
        };
        assert_eq!(out.stdout, joined, "{format}");
    }
}

#[test]
fn the_filter_in_the_real_reader_finds_what_yomu_search_finds() {
    // The index built by `yomu search` is the reader's too: `/` and a word
    // found only in bodies lists exactly the files that contain it.
    if !have_tmux() {
        return;
    }
    let dir = TempDir::new("archive-e2e-filter");
    let lib = dir.join("lib");
    std::fs::create_dir_all(&lib).expect("dir");
    let files = archive_folder(&lib, 300);
    let word = "半導体";
    let count = files.iter().filter(|(_, t)| t.contains(word)).count();
    assert!(count > 0 && count < 300, "{count}");
    let env = env_in(&dir);
    let mut search = yomu();
    for (k, v) in &env {
        search.env(k, v);
    }
    // 300 files would be read whole, with no index made: ask for one.
    search.env("YOMU_TEST_INDEX_FROM", "0");
    search.arg("search").arg(word).arg(&lib);
    let found = Run::of(search);
    found.exit(0);
    let mut names: Vec<&str> = found
        .stdout
        .lines()
        .filter_map(|l| l.split(".toml:").next())
        .collect();
    names.dedup();
    assert_eq!(names.len(), count, "yomu search finds them all");
    let t = Tmux::start("archive-e2e-filter", 100, 30, &env);
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        lib.display()
    ));
    t.wait("300 briefings");
    t.keys(&["/"]);
    for c in word.chars() {
        t.keys(&[&c.to_string()]);
    }
    t.wait(&format!("{count} of 300"));
    t.keys(&["Enter"]);
    let s = t.wait(&format!("yomu — {count} of 300 briefings match"));
    assert!(s.contains(word), "{s}");
    t.keys(&["q", "q"]);
    t.wait("EXIT=0");
}

/// The status bar's `indexing N/40`, if the screen shows it: N.
fn indexing_shown(screen: &str, total: usize) -> Option<usize> {
    let tail = format!("/{total}");
    screen.lines().find_map(|line| {
        let rest = &line[line.find("indexing ")? + "indexing ".len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        rest[digits.len()..]
            .starts_with(&tail)
            .then(|| digits.parse().ok())
            .flatten()
    })
}

#[test]
fn the_reader_shows_the_index_being_built_then_nothing() {
    // A first launch builds the index in the background: the status bar
    // says how far it is, the filter works meanwhile (reading the files),
    // and the status bar says nothing of it once it is done. Indexing is
    // slowed to 150 ms a file, so the build lasts a few seconds.
    if !have_tmux() {
        return;
    }
    let dir = TempDir::new("archive-indexing");
    let lib = dir.join("lib");
    std::fs::create_dir_all(&lib).expect("dir");
    // Four of the 40 have a word in a body only: the filter reads files.
    let word = yomu::synth::ARCHIVE_RARE;
    let count = 4;
    for i in 0..40 {
        let (name, mut text) = yomu::synth::archive_briefing(i);
        assert!(!text.contains(word));
        if i % 10 == 3 {
            text = text.replacen("body = [\"", &format!("body = [\"{word}の話。"), 1);
        }
        std::fs::write(lib.join(name), text).expect("write");
    }
    let mut env = env_in(&dir);
    env.push(("YOMU_TEST_INDEX_SLOW", "150".into()));
    let t = Tmux::start("archive-indexing", 100, 30, &env);
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        lib.display()
    ));
    let start = std::time::Instant::now();
    let screen = loop {
        let s = t.screen();
        if indexing_shown(&s, 40).is_some() {
            break s;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "{s}");
        std::thread::sleep(Duration::from_millis(50));
    };
    let status = screen.lines().last().unwrap_or_default();
    assert!(
        indexing_shown(status, 40).is_some_and(|n| n < 40),
        "on the status bar: {screen}"
    );
    assert!(screen.contains("40 briefings"), "{screen}");
    t.keys(&["/"]);
    for c in word.chars() {
        t.keys(&[&c.to_string()]);
    }
    t.wait(&format!("{count} of 40"));
    t.keys(&["Enter"]);
    t.wait(&format!("yomu — {count} of 40 briefings match"));
    let start = std::time::Instant::now();
    loop {
        let s = t.screen();
        if !s.contains("indexing") {
            assert!(s.contains(&format!(" 1/{count} ")), "{s}");
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(120), "still: {s}");
        std::thread::sleep(Duration::from_millis(100));
    }
    t.keys(&["q", "q"]);
    t.wait("EXIT=0");
}
