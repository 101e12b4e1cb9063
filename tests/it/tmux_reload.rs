//! Reload and relaunch in a real terminal (tmux): a briefing
//! rewritten on disk shows its new text without a restart, a library folder
//! that gains a file reloads its list, and the position and a remapped key
//! from the configuration survive quitting and relaunching. Each test has its
//! own tmux server, configuration and state folders (XDG_CONFIG_HOME,
//! XDG_STATE_HOME), so nothing of the person running the tests is read or
//! written.

use crate::common::{TempDir, Tmux, have_tmux, seed, yomu_bin};
use std::path::{Path, PathBuf};

/// A fresh folder with a copy of the seed briefing; the XDG folders inside it.
fn workspace(name: &str) -> (TempDir, PathBuf, Vec<(&'static str, String)>) {
    let dir = TempDir::new(&format!("e2e-{name}"));
    std::fs::create_dir_all(dir.join("lib")).expect("dir");
    let file = dir.join("lib/seed.toml");
    std::fs::copy(seed(), &file).expect("copy");
    let env = crate::common::XDG
        .iter()
        .zip(["config", "state", "cache", "data"])
        .map(|(&x, sub)| (x, dir.join(sub).display().to_string()))
        .collect();
    (dir, file, env)
}

/// Replace the file the way editors do: write a new file, rename it over.
fn rewrite(path: &Path, text: &str) {
    let tmp = path.with_extension("toml.swp");
    std::fs::write(&tmp, text).expect("write");
    std::fs::rename(&tmp, path).expect("rename");
}

#[test]
fn a_rewritten_briefing_is_shown_without_a_restart() {
    if !have_tmux() {
        return;
    }
    let (_dir, file, env) = workspace("reload");
    let t = Tmux::start("reload", 80, 24, &env);
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        file.display()
    ));
    t.wait("1/4 cover");
    t.keys(&["l", "j"]);
    let s = t.wait("2/4 §1");
    assert!(s.contains("揺れる姿勢と和平への模索"), "{s}");
    let original = std::fs::read_to_string(&file).expect("read");
    // Rewritten in place (truncate and write).
    std::fs::write(
        &file,
        original.replace("揺れる姿勢と和平への模索", "書き換えた見出しです"),
    )
    .expect("write");
    let s = t.wait("書き換えた見出しです");
    assert!(s.contains("2/4 §1"), "same page after the reload: {s}");
    // Replaced by rename, as editors save.
    rewrite(
        &file,
        &original.replace("揺れる姿勢と和平への模索", "二度目の見出しです"),
    );
    t.wait("二度目の見出しです");
    // Broken: the error is shown, the last good text stays readable.
    rewrite(&file, "title = \"x\"\nbroken = [\n");
    let s = t.wait("not reloaded");
    assert!(s.contains("二度目の見出しです"), "{s}");
    t.keys(&["g"]);
    let s = t.wait("2/4 §1");
    assert!(
        s.contains("not reloaded"),
        "the error stays until fixed: {s}"
    );
    // Fixed: the error goes.
    rewrite(&file, &original);
    let s = t.wait("揺れる姿勢と和平への模索");
    assert!(!s.contains("not reloaded"), "{s}");
    t.keys(&["q"]);
    t.wait("EXIT=0");
}

#[test]
fn a_library_folder_reloads_its_list_and_marks_unread_briefings() {
    if !have_tmux() {
        return;
    }
    let (dir, _file, env) = workspace("library");
    let t = Tmux::start("library", 80, 24, &env);
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        dir.join("lib").display()
    ));
    let s = t.wait("yomu — 1 briefing · 3 unread");
    assert!(s.contains(" ● 2025"), "unread marker: {s}");
    // The cover marks nothing; each section's page shown marks its article.
    t.keys(&["Enter"]);
    t.wait("1/4 cover");
    t.keys(&["q"]);
    t.wait("yomu — 1 briefing · 3 unread");
    t.keys(&["Enter"]);
    t.wait("1/4 cover");
    t.keys(&["l", "l", "l"]);
    t.wait("4/4 §3");
    t.keys(&["q"]);
    let s = t.wait("3/3");
    assert!(!s.contains("●") && !s.contains("· 3 unread"), "{s}");
    // A new file appears in the folder.
    let guide = format!("{}/briefings/yomu-guide.toml", env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(guide, dir.join("lib/guide.toml")).expect("copy");
    let s = t.wait("yomu — 2 briefings · 5 unread");
    assert_eq!(s.matches('●').count(), 1, "the new one is unread: {s}");
    t.keys(&["q"]);
    t.wait("EXIT=0");
}

#[test]
fn position_and_remapped_keys_survive_a_relaunch() {
    if !have_tmux() {
        return;
    }
    let (dir, file, env) = workspace("restore");
    let cfg = dir.join("config/yomu");
    std::fs::create_dir_all(&cfg).expect("dir");
    std::fs::write(
        cfg.join("config.toml"),
        "theme = \"light\"\n[keys]\nnext_page = [\"n\", \"Right\"]\n",
    )
    .expect("config");
    let t = Tmux::start("restore", 80, 24, &env);
    let cmd = format!("{} {}; echo EXIT=$?", yomu_bin().display(), file.display());
    t.run(&cmd);
    t.wait("1/4 cover");
    // `n` turns the page (remapped); `l` no longer does.
    t.keys(&["n", "l", "n"]);
    t.wait("3/4 §2");
    t.keys(&["?"]);
    let s = t.wait("keys");
    assert!(s.contains("n →"), "help follows the mapping: {s}");
    t.keys(&["q", "j", "j", "j"]);
    let before = t.wait("3/4 §2");
    let pct = |s: &str| {
        s.lines()
            .find(|l| l.contains("3/4 §2"))
            .and_then(|l| l.split_whitespace().nth(2))
            .map(str::to_string)
    };
    let at = pct(&before);
    assert!(at.is_some(), "the status bar shows a percentage: {before}");
    t.keys(&["q"]);
    t.wait("EXIT=0");
    let (store, _, problems) = yomu::state::Store::open_in(&dir.join("state/yomu"));
    assert!(problems.is_empty(), "{problems:?}");
    let key = std::fs::canonicalize(&file).expect("exists");
    let saved = store
        .expect("store")
        .briefing(key.to_str().expect("utf-8"))
        .expect("read");
    assert_eq!((saved.page, saved.scroll), (2, 3), "{saved:?}");
    // Relaunch: the same page and scroll.
    t.run("clear");
    t.run(&cmd);
    let s = t.wait("3/4 §2");
    assert_eq!(pct(&s), at, "{s}");
    t.keys(&["q"]);
    t.wait("EXIT=0");
}

#[test]
fn a_key_given_to_two_actions_is_reported_at_launch() {
    if !have_tmux() {
        return;
    }
    let (dir, file, env) = workspace("conflict");
    let cfg = dir.join("config/yomu");
    std::fs::create_dir_all(&cfg).expect("dir");
    std::fs::write(
        cfg.join("config.toml"),
        "[keys]\nnext_page = [\"x\"]\nnext_match = [\"x\"]\n",
    )
    .expect("config");
    let t = Tmux::start("conflict", 100, 24, &env);
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        file.display()
    ));
    t.wait("config: key x does next_page, not next_match");
    // And the first one in the table is what the key does.
    t.keys(&["x"]);
    t.wait("2/4 §1");
    t.keys(&["q"]);
    t.wait("EXIT=0");
}
