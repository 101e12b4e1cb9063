//! The reader's first launch on a folder with no cache: the rows it lists
//! (title, date, sections, article ids, or the error) and the cache it
//! leaves for the next launch are those a full load of every file gives,
//! whatever the folder holds (a broken file among good ones, a file with
//! warnings only), and stay so when files change between launches.

use crate::common::{TempDir, Tmux, have_tmux, yomu_bin};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use yomu::library::{Entry, Listed, Stamp, order_listed};

/// The XDG folders of a test, inside `dir`.
fn env_in(dir: &Path) -> Vec<(&'static str, String)> {
    crate::common::xdg_in(dir)
}

/// The rows a full load of every `*.toml` file of `lib` gives, in the
/// library's order: what the list showed before rows were read lightly.
fn full_rows(lib: &Path) -> Vec<Listed> {
    let canon = std::fs::canonicalize(lib).expect("canonical");
    let mut rows: Vec<Listed> = yomu::library::briefing_files(lib)
        .expect("listed")
        .iter()
        .map(|p| {
            let name = p.file_name().expect("a name");
            let stamp = std::fs::metadata(p).ok().map(|m| Stamp::of(&m));
            let key = canon.join(name).to_string_lossy().into_owned();
            Listed::of(&Entry::load(p), key, stamp)
        })
        .collect();
    rows.sort_by(order_listed);
    rows
}

/// The rows of the folder's cache, as the last launch left it.
fn cached_rows(dir: &Path, lib: &Path) -> Vec<Listed> {
    let files: Vec<PathBuf> = std::fs::read_dir(dir.join("cache/yomu/library"))
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert_eq!(files.len(), 1, "one cache file: {files:?}");
    let bytes = std::fs::read(&files[0]).expect("the cache");
    let canon = std::fs::canonicalize(lib).expect("canonical");
    yomu::cache::decode(&bytes, lib, &canon).expect("a cache that decodes")
}

/// A briefing with `n` sections (two with the same heading, one with an
/// id), titled `title`.
fn good(title: &str, date: &str, n: usize) -> String {
    let mut s = format!("title = \"{title}\"\npublished = {date}\n");
    for i in 0..n {
        let heading = if i < 2 {
            "同じ見出し".to_string()
        } else {
            format!("見出し{i}")
        };
        s.push_str(&format!("\n[[sections]]\nheading = \"{heading}\"\n"));
        if i == 3 {
            s.push_str("id = \"tag:example.com,2026:3\"\n");
        }
        s.push_str("body = [\"本文です。\"]\n");
        s.push_str(&format!(
            "[[sections.sources]]\nname = \"例\"\nurl = \"https://EXAMPLE.com/a/{i}/#frag\"\n"
        ));
    }
    s
}

/// Launch the reader on `lib`, wait until the screen has shown each of
/// `needles` in turn (the last once its folder's check has ended), then
/// quit; the last screen.
fn launch(t: &Tmux, lib: &Path, needles: &[&str]) -> String {
    t.run("clear");
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        lib.display()
    ));
    let mut s = String::new();
    for needle in needles {
        s = t.wait_for(needle, Duration::from_secs(60));
    }
    t.keys(&["q"]);
    t.wait("EXIT=0");
    s
}

#[test]
fn a_first_launch_lists_and_caches_the_rows_a_full_load_gives() {
    if !have_tmux() {
        return;
    }
    let dir = TempDir::new("first-launch");
    let lib = dir.join("lib");
    std::fs::create_dir_all(&lib).expect("dir");
    for i in 0..40 {
        let (name, text) = yomu::synth::archive_briefing(i);
        std::fs::write(lib.join(name), text).expect("write");
    }
    std::fs::write(
        lib.join("many.toml"),
        good("見出しの多い号", "2030-01-02", 6),
    )
    .expect("write");
    // Warnings only (a control character, a time without seconds): a good row.
    std::fs::write(
        lib.join("warned.toml"),
        "title = \"警告つき\\u0007の号\"\npublished = 2030-01-01T10:00\n\n[[sections]]\nheading = \"h\"\nbody = [\"\\u202e本文\"]\n",
    )
    .expect("write");
    // Broken: a syntax error, a wrong type, a missing section.
    std::fs::write(
        lib.join("syntax.toml"),
        "title = \"閉じない\n[[sections]]\n",
    )
    .expect("write");
    std::fs::write(
        lib.join("typed.toml"),
        "title = 1\n[[sections]]\nheading = \"h\"\n",
    )
    .expect("write");
    std::fs::write(lib.join("empty.toml"), "title = \"節なし\"\n").expect("write");

    let env = env_in(&dir);
    let t = Tmux::start("first-launch", 100, 30, &env);
    // Complete: no more loading (the check has ended, and saved).
    let s = launch(&t, &lib, &["yomu — 45 briefings "]);
    assert!(
        s.contains("見出しの多い号") && s.contains("警告つき"),
        "{s}"
    );

    let want = full_rows(&lib);
    assert_eq!(want.iter().filter(|r| r.info.is_err()).count(), 3);
    let cached = cached_rows(&dir, &lib);
    assert_eq!(cached, want, "the cache holds the rows of a full load");
    let many = want
        .iter()
        .find(|r| r.path.ends_with("many.toml"))
        .and_then(|r| r.info.as_ref().ok())
        .expect("a good row");
    assert_eq!((many.sections, many.articles.len()), (6, 6));

    // Between launches: one file changes, a broken one is mended, a good
    // one breaks, one goes and one comes.
    let later = SystemTime::now() + Duration::from_secs(5);
    let touch = |name: &str, text: &str| {
        let p = lib.join(name);
        std::fs::write(&p, text).expect("write");
        std::fs::File::options()
            .write(true)
            .open(&p)
            .and_then(|f| f.set_modified(later))
            .expect("mtime");
    };
    touch("many.toml", &good("見出しの多い号・改", "2030-01-03", 5));
    touch(
        "typed.toml",
        "title = \"直った\"\n[[sections]]\nheading = \"h\"\n",
    );
    touch("archive-000001.toml", "title = [\n");
    std::fs::remove_file(lib.join("archive-000002.toml")).expect("remove");
    touch("new.toml", &good("新しい号", "2031-01-01", 1));
    // The new file is read by the check, which then ends (and saves).
    let s = launch(&t, &lib, &["新しい号", "yomu — 45 briefings "]);
    assert!(s.contains("見出しの多い号・改"), "{s}");
    let want = full_rows(&lib);
    assert_eq!(want.iter().filter(|r| r.info.is_err()).count(), 3);
    assert_eq!(cached_rows(&dir, &lib), want, "the cache after the changes");
}
