//! The reading state's guarantees through the real binary in tmux: two
//! readers at once keep each other's marks and positions in the one
//! SQLite database, a save that fails is reported and leaves the old
//! state whole, and a FIFO at the state path does not hang the reader.
//! Each test has its own socket and XDG folders.

use std::path::Path;
use std::process::Command;

use crate::common::{Tmux, have_tmux, workspace, yomu_bin};

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

#[test]
fn two_readers_at_once_keep_each_others_state() {
    if !have_tmux() {
        return;
    }
    let (dir, env) = workspace("two");
    let a = Tmux::start("two-a", 80, 24, &env);
    let b = Tmux::start("two-b", 80, 24, &env);
    let guide = dir.join("lib/yomu-guide.toml");
    let seed = dir.join("lib/zelensky-peace-2025.toml");
    a.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        guide.display()
    ));
    b.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        seed.display()
    ));
    a.wait("cover");
    b.wait("1/4 cover");
    // A turns two pages; B one. A quits first, then B.
    a.keys(&["l", "l"]);
    a.wait("§2");
    b.keys(&["l"]);
    b.wait("2/4 §1");
    a.keys(&["q"]);
    a.wait("EXIT=0");
    b.keys(&["q"]);
    b.wait("EXIT=0");
    let (store, _, problems) = yomu::state::Store::open_in(&dir.join("state/yomu"));
    assert!(problems.is_empty(), "{problems:?}");
    let store = store.expect("store");
    let page = |p: &Path| {
        let key = std::fs::canonicalize(p).expect("exists");
        store
            .briefing(key.to_str().expect("utf-8"))
            .map(|b| b.page)
            .ok()
    };
    assert_eq!(page(&guide), Some(2), "A's position is kept");
    assert_eq!(page(&seed), Some(1), "B's position is kept");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_failed_save_at_quit_is_reported_and_the_old_file_stays_whole() {
    use std::os::unix::fs::PermissionsExt;
    if !have_tmux() {
        return;
    }
    let (dir, env) = workspace("rofs");
    let state_dir = dir.join("state/yomu");
    std::fs::create_dir_all(&state_dir).expect("dir");
    let old = "[briefings.\"sample:kept\"]\npage = 3\n";
    std::fs::write(state_dir.join("state.toml"), old).expect("state");
    std::fs::set_permissions(&state_dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    // A read-only folder does not stop root (CI runs as root): run as nobody,
    // from a copy of the binary nobody can reach.
    let bin = dir.join("yomu");
    // Copied by `cp`, not in this process: a test thread forking meanwhile
    // would inherit the open file and the exec would fail as "text file busy".
    let copied = Command::new("cp")
        .arg(yomu_bin())
        .arg(&bin)
        .status()
        .expect("cp runs");
    assert!(copied.success(), "copy the binary");
    for p in [dir.to_path_buf(), dir.join("lib"), dir.join("state")] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let runner = if is_root() {
        "setpriv --reuid=65534 --regid=65534 --clear-groups "
    } else {
        ""
    };
    let t = Tmux::start("rofs", 100, 24, &env);
    t.run(&format!(
        "{runner}{} {}; echo EXIT=$?",
        bin.display(),
        dir.join("lib/zelensky-peace-2025.toml").display()
    ));
    t.wait("1/4 cover");
    t.keys(&["l"]);
    t.wait("2/4 §1");
    t.keys(&["q"]);
    let s = t.wait("EXIT=");
    assert!(s.contains("EXIT=2"), "{s}");
    assert!(
        s.contains("yomu: could not save the reading state to "),
        "{s}"
    );
    assert!(!t.alternate_on(), "said after the terminal is restored");
    assert_eq!(
        std::fs::read_to_string(state_dir.join("state.toml")).expect("still there"),
        old
    );
    std::fs::set_permissions(&state_dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_fifo_at_the_state_path_does_not_hang_the_reader() {
    if !have_tmux() {
        return;
    }
    let (dir, env) = workspace("fifo");
    let state_dir = dir.join("state/yomu");
    std::fs::create_dir_all(&state_dir).expect("dir");
    let st = Command::new("mkfifo")
        .arg(state_dir.join("state.toml"))
        .status()
        .expect("mkfifo");
    assert!(st.success());
    let t = Tmux::start("fifo", 100, 24, &env);
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        dir.join("lib/zelensky-peace-2025.toml").display()
    ));
    let s = t.wait("1/4 cover");
    assert!(s.contains("not a regular file (a FIFO)"), "{s}");
    t.keys(&["l"]);
    t.wait("2/4 §1");
    t.keys(&["q"]);
    t.wait("EXIT=0");
    let (store, _, _) = yomu::state::Store::open_in(&state_dir);
    let key = std::fs::canonicalize(dir.join("lib/zelensky-peace-2025.toml")).expect("exists");
    let saved = store
        .expect("store")
        .briefing(key.to_str().expect("utf-8"))
        .expect("read");
    assert_eq!(saved.page, 1, "{saved:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
