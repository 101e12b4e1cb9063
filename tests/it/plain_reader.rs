//! The plain reader, for screen readers, braille displays and dumb
//! terminals: `--plain` and `TERM=dumb` page the text export (through
//! `$PAGER`, `less -FRX` or the built-in pager) without a full screen, and
//! into a pipe it is the text export. The paged cases run in tmux.

use std::process::Command;
use std::time::Duration;

use crate::common::{Tmux, have_tmux, seed, workspace, yomu_bin, yomu_in_repo as yomu};

// ---- the plain reader ----

#[test]
fn plain_into_a_pipe_is_the_text_export() {
    let plain = yomu(&["--plain", "briefings/zelensky-peace-2025.toml"], &[]);
    assert!(plain.status.success());
    let export = yomu(&["export", "briefings/zelensky-peace-2025.toml"], &[]);
    assert_eq!(plain.stdout, export.stdout);
}

#[test]
fn plain_on_a_dumb_terminal_pages_without_a_full_screen() {
    if !have_tmux() {
        return;
    }
    let t = Tmux::start("plain", 80, 24, &[("TERM", "dumb".into())]);
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        seed()
    ));
    let s = t.wait("-- more");
    assert!(!t.alternate_on(), "no full screen");
    assert!(s.contains("ゼレンスキー大統領の和平への道"), "{s}");
    assert!(!s.contains("1/4 cover"), "not the reader's status bar: {s}");
    // Enter: the next screen, written below (nothing redrawn); q stops.
    t.keys(&["Enter"]);
    std::thread::sleep(Duration::from_millis(300));
    t.keys(&["q", "Enter"]);
    let s = t.wait("EXIT=0");
    assert!(!t.alternate_on());
    assert!(s.matches("-- more").count() >= 1, "{s}");
}

#[test]
fn plain_flag_pages_through_the_pager() {
    if !have_tmux() {
        return;
    }
    // A pager that records what it is given, so the test sees it whole;
    // its argument is quoted (a space in the file name), as a shell would
    // take it.
    let t = Tmux::start("pager", 80, 24, &[("NO_COLOR", "1".into())]);
    let got = t.dir.join("paged text.txt");
    t.run(&format!(
        "PAGER=\"tee '{}'\" {} --plain {}; echo EXIT=$?",
        got.display(),
        yomu_bin().display(),
        seed()
    ));
    t.wait("EXIT=0");
    assert!(!t.alternate_on());
    let paged = std::fs::read_to_string(&got).expect("the pager ran");
    assert!(
        paged.starts_with("ゼレンスキー大統領の和平への道"),
        "{paged}"
    );
    assert!(paged.contains("[1] ロイター"), "{paged}");
    assert!(
        !paged.contains('\u{1b}'),
        "no escapes on a screen reader's line"
    );
}

#[test]
fn a_dumb_terminal_gets_the_plain_text() {
    if !have_tmux() {
        return;
    }
    let (dir, env) = workspace("dumb");
    let t = Tmux::start("dumb", 80, 24, &env);
    t.run(&format!(
        "TERM=dumb {} {}; echo EXIT=$?",
        yomu_bin().display(),
        dir.join("lib/yomu-guide.toml").display()
    ));
    // The plain reader: the text, a screenful at a time (Enter for more).
    let mut s = t.wait("-- more");
    assert!(!t.alternate_on());
    for _ in 0..50 {
        if s.contains("EXIT=0") {
            break;
        }
        t.keys(&["Enter"]);
        std::thread::sleep(std::time::Duration::from_millis(150));
        s = t.screen();
    }
    let s = t.wait("EXIT=0");
    assert!(!t.alternate_on());
    // The end of the plain export is on screen, not a reader's page.
    let export = Command::new(yomu_bin())
        .args(["export", "--width", "80"])
        .arg(dir.join("lib/yomu-guide.toml"))
        .envs(env.iter().cloned())
        .output()
        .expect("export runs");
    let text = String::from_utf8_lossy(&export.stdout);
    let last = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .expect("the export has text");
    assert!(s.contains(last.trim_end()), "{last:?} not in\n{s}");
    let _ = std::fs::remove_dir_all(&dir);
}

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
