//! The full-screen reader in tmux, for assistive technology and for the
//! machine: the terminal's cursor follows the selected row and the
//! prompt, and an idle reader writes nothing and uses no CPU, even on a
//! giant grapheme cluster.

use std::path::Path;
use std::time::Duration;

use crate::cli_errors::yomu;
use crate::common::{Tmux, have_tmux, workspace, yomu_bin};

// ---- the full-screen reader: cursor and a quiet idle screen ----

fn cursor(t: &Tmux) -> (u16, u16, bool) {
    let s = t.tmux(&[
        "display-message",
        "-p",
        "-t",
        "t",
        "#{cursor_x} #{cursor_y} #{cursor_flag}",
    ]);
    let mut it = s.split_whitespace();
    let mut n = || {
        it.next()
            .and_then(|v| v.parse::<u16>().ok())
            .unwrap_or(u16::MAX)
    };
    (n(), n(), n() == 1)
}

#[test]
fn the_cursor_follows_the_selection_and_the_prompt_and_an_idle_screen_is_quiet() {
    if !have_tmux() {
        return;
    }
    let t = Tmux::start("cursor", 80, 24, &[]);
    let log = t.dir.join("bytes.log");
    t.tmux(&[
        "pipe-pane",
        "-t",
        "t",
        "-o",
        &format!("cat >> {}", log.display()),
    ]);
    t.run(&format!(
        "cd {} && {} briefings; echo EXIT=$?",
        env!("CARGO_MANIFEST_DIR"),
        yomu_bin().display()
    ));
    t.wait("3 briefings");
    std::thread::sleep(Duration::from_millis(300));
    // The selected row is the first of the list (row 1, under the header).
    assert_eq!(cursor(&t), (0, 1, true));
    t.keys(&["j"]);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(cursor(&t), (0, 2, true));
    // Idle: nothing is sent to the terminal.
    let before = std::fs::metadata(&log).map(|m| m.len()).unwrap_or(0);
    std::thread::sleep(Duration::from_millis(1200));
    let after = std::fs::metadata(&log).map(|m| m.len()).unwrap_or(0);
    assert!(before > 0);
    assert_eq!(before, after, "an idle reader redrew the screen");
    // The filter prompt: the cursor sits after what was typed, on the status bar.
    t.keys(&["/", "a", "b"]);
    let s = t.wait("filter: ab");
    let row = s
        .lines()
        .position(|l| l.contains("filter: ab"))
        .expect("row") as u16;
    assert_eq!(cursor(&t), ("filter: ab".len() as u16, row, true));
    t.keys(&["Escape", "Escape", "q"]);
    t.wait("EXIT=0");
}

/// CPU time (user + system, in clock ticks) a process has used so far.
fn cpu_ticks(pid: &str) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
    // Fields after the command name (which is in parentheses): utime is the
    // 14th field of the line, stime the 15th.
    let after = stat.rsplit_once(')').expect("comm").1;
    let f: Vec<&str> = after.split_whitespace().collect();
    f[11].parse::<u64>().expect("utime") + f[12].parse::<u64>().expect("stime")
}

#[test]
fn an_idle_reader_uses_no_cpu_even_on_a_giant_cluster() {
    if !have_tmux() || !Path::new("/proc/self/stat").exists() {
        return;
    }
    let (dir, env) = workspace("idle");
    let file = dir.join("lib/giant.toml");
    std::fs::write(
        &file,
        format!(
            "title = \"a{}\"\nlanguage = \"en\"\n[[sections]]\nheading = \"h\"\nbody = [\"b\"]\n",
            "\u{301}".repeat(1_000_000)
        ),
    )
    .expect("write");
    let (code, _, stderr) = yomu(&dir, &["check", "lib/giant.toml"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("`title` joins 1000001 code points into one character"),
        "{stderr}"
    );
    let t = Tmux::start("idle", 80, 24, &env);
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        file.display()
    ));
    let s = t.wait("cover");
    // Cut for display: the first character and a replacement.
    assert!(s.contains("a\u{FFFD}"), "{s}");
    let shell = t.tmux(&["display-message", "-p", "-t", "t", "#{pane_pid}"]);
    let children = std::fs::read_to_string(format!("/proc/{0}/task/{0}/children", shell.trim()))
        .expect("children");
    let pid = children
        .split_whitespace()
        .next()
        .expect("yomu runs")
        .to_string();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let before = cpu_ticks(&pid);
    std::thread::sleep(std::time::Duration::from_secs(2));
    let used = cpu_ticks(&pid) - before;
    // A tick is 10 ms: an idle reader wakes a few times a second to check
    // for input and uses (nearly) none.
    assert!(used <= 5, "{used} ticks in 2 s while idle");
    t.keys(&["q"]);
    t.wait("EXIT=0");
    let _ = std::fs::remove_dir_all(&dir);
}
