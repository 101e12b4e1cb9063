//! End-to-end tests of the real binary in a real terminal: tmux runs yomu
//! in a shell, `send-keys` types, `capture-pane` reads what a person sees.
//! Each test uses its own tmux server socket, so they run in parallel.

use crate::common::{TempDir, Tmux, have_tmux, seed, yomu_bin};
use std::process::Command;
use std::time::{Duration, Instant};

#[test]
fn read_page_scroll_contents_help_and_quit() {
    if !have_tmux() {
        return;
    }
    let t = Tmux::start("read", 80, 24, &[]);
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        seed()
    ));
    let s = t.wait("1/4 cover");
    assert!(s.contains("ゼレンスキー大統領の和平への道"), "{s}");
    assert!(s.contains("目次"), "{s}");
    assert!(t.alternate_on());
    // Next page: the first section.
    t.keys(&["l"]);
    let s = t.wait("2/4 §1");
    assert!(s.contains("揺れる姿勢と和平への模索"), "{s}");
    assert!(s.contains("Q. "), "{s}");
    // Scroll: the heading leaves the screen after enough lines.
    t.keys(&["G"]);
    let s = t.wait("100%");
    assert!(!s.contains("Q. ゼレンスキー"), "{s}");
    t.keys(&["g"]);
    t.wait("Q. ");
    // Table of contents: jump to the third section.
    t.keys(&["t"]);
    let s = t.wait("contents");
    assert!(s.contains("和平交渉"), "{s}");
    t.keys(&["j", "j", "Enter"]);
    let s = t.wait("4/4 §3");
    assert!(s.contains("出典"), "{s}");
    // Help lists the keys from the key table.
    t.keys(&["?"]);
    let s = t.wait("table of contents");
    assert!(s.contains("list every link"), "{s}");
    t.keys(&["q"]);
    t.wait("4/4 §3");
    // Back: quits (opened on one file); the shell is back, alternate screen off.
    t.keys(&["q"]);
    let s = t.wait("EXIT=0");
    assert!(!s.contains("4/4"), "{s}");
    assert!(!t.alternate_on());
}

#[test]
fn sigterm_sighup_and_sigint_restore_the_terminal() {
    if !have_tmux() {
        return;
    }
    for sig in ["TERM", "HUP", "INT"] {
        let t = Tmux::start(&format!("sig{sig}"), 80, 24, &[]);
        t.run(&format!(
            "{} {}; echo EXIT=$?",
            yomu_bin().display(),
            seed()
        ));
        t.wait("1/4 cover");
        assert!(t.alternate_on());
        let pid = t.tmux(&["display-message", "-p", "-t", "t", "#{pane_pid}"]);
        let st = Command::new("pkill")
            .args([&format!("-{sig}"), "-P", pid.trim()])
            .status()
            .expect("pkill");
        assert!(st.success());
        let s = t.wait("EXIT=");
        assert!(!t.alternate_on(), "SIG{sig}: {s}");
        assert!(!s.contains("1/4 cover"), "SIG{sig}: {s}");
    }
}

#[test]
fn narrow_terminal_and_resize() {
    if !have_tmux() {
        return;
    }
    let t = Tmux::start("narrow", 40, 24, &[]);
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        seed()
    ));
    t.wait("1/4");
    t.keys(&["l"]);
    let s = t.wait("2/4");
    for line in s.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 40,
            "{line:?}"
        );
        assert!(
            !line.trim_start().starts_with('、') && !line.trim_start().starts_with('。'),
            "kinsoku: {line:?}"
        );
    }
    for (w, h) in [(1, 1), (3, 2), (200, 60), (20, 10), (80, 24)] {
        t.tmux(&[
            "resize-window",
            "-t",
            "t",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
        ]);
        std::thread::sleep(Duration::from_millis(150));
    }
    let s = t.wait("2/4");
    assert!(
        s.contains("揺れる姿勢と和平への模索"),
        "still on the same section after resizes:\n{s}"
    );
    t.keys(&["q"]);
    t.wait("EXIT=0");
}

#[test]
fn open_source_and_link_list_hand_urls_to_the_browser() {
    if !have_tmux() {
        return;
    }
    let tmp = TempDir::new("browser");
    let dir = tmp.path().to_path_buf();
    let log = dir.join("urls");
    let rec = dir.join("rec.sh");
    std::fs::write(
        &rec,
        format!("#!/bin/sh\nprintf '%s\\n' \"$1\" >> {}\n", log.display()),
    )
    .expect("write");
    Command::new("chmod")
        .args(["+x"])
        .arg(&rec)
        .status()
        .expect("chmod");
    let t = Tmux::start("browser", 80, 24, &[("BROWSER", rec.display().to_string())]);
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        seed()
    ));
    t.wait("1/4 cover");
    // `o` on the second section opens exactly its source.
    t.keys(&["l", "l"]);
    t.wait("3/4 §2");
    t.keys(&["o"]);
    t.wait("opened");
    // The link list: the third link.
    t.keys(&["L"]);
    let s = t.wait("links");
    assert!(s.contains("[3]"), "{s}");
    t.keys(&["3"]);
    let s = t.wait("opened https://globe.asahi.com");
    assert!(s.contains("3/4 §2"), "reader still drawn: {s}");
    let start = Instant::now();
    let mut got = String::new();
    while start.elapsed() < Duration::from_secs(5) {
        got = std::fs::read_to_string(&log).unwrap_or_default();
        if got.lines().count() >= 2 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        got,
        "https://www.hokkoku.co.jp/articles/-/1682985\nhttps://globe.asahi.com/article/15630313\n"
    );
    t.keys(&["q"]);
    t.wait("EXIT=0");
}

#[test]
fn escapes_in_a_briefing_never_reach_the_terminal() {
    if !have_tmux() {
        return;
    }
    let tmp = TempDir::new("hostile");
    let dir = tmp.path().to_path_buf();
    let file = dir.join("hostile.toml");
    // TOML \u escapes put real ESC, BEL, C1 and bidi characters into the strings:
    // a window-title change (OSC 0/2), a clipboard write (OSC 52), colours, DCS.
    let toml = r#"
title = "HOSTILE\u001b]0;PWNED-TITLE\u0007\u001b]2;PWNED2\u0007 \u001b[41mRED\u001b[0m"
summary = "clip\u001b]52;c;cHduZWQ=\u0007 dcs\u001bP+q544e\u001b\\ c1\u009b31m bidi\u202eevil\u202c end"
[[sections]]
heading = "H\u001b]52;c;cHduZWQ=\u0007"
body = ["\u001b[2J\u001b[H wiped?"]
[[sections.sources]]
name = "n\u001b]8;;https://evil.example/\u001b\\"
url = "https://example.com/ok"
"#;
    std::fs::write(&file, toml).expect("write");
    let t = Tmux::start("hostile", 80, 24, &[]);
    t.tmux(&["set-option", "-g", "set-clipboard", "on"]);
    t.tmux(&["set-option", "-g", "allow-rename", "on"]);
    let title_before = t.tmux(&["display-message", "-p", "-t", "t", "#{pane_title}"]);
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        file.display()
    ));
    let s = t.wait("1/2 cover");
    assert!(
        s.contains("HOSTILE␛]0;PWNED-TITLE␇"),
        "escapes shown visibly: {s}"
    );
    assert!(!s.contains("\u{202e}"));
    t.keys(&["l"]);
    let s = t.wait("2/2");
    assert!(
        s.contains("wiped?"),
        "the screen was not cleared by the briefing: {s}"
    );
    let coloured = t.tmux(&["capture-pane", "-p", "-e", "-t", "t"]);
    assert!(
        !coloured.contains("\u{1b}[41m"),
        "no red background from the briefing"
    );
    assert_eq!(
        t.tmux(&["display-message", "-p", "-t", "t", "#{pane_title}"]),
        title_before,
        "pane title unchanged"
    );
    assert_eq!(
        t.tmux(&["list-buffers"]).trim(),
        "",
        "clipboard (tmux buffers) unchanged"
    );
    t.keys(&["q"]);
    t.wait("EXIT=0");
}

#[test]
fn library_lists_newest_first_opens_and_goes_back() {
    if !have_tmux() {
        return;
    }
    let t = Tmux::start("library", 80, 24, &[]);
    t.run(&format!(
        "cd {} && {} briefings; echo EXIT=$?",
        env!("CARGO_MANIFEST_DIR"),
        yomu_bin().display()
    ));
    let s = t.wait("3 briefings");
    let guide = s.find("yomuの使い方").expect("guide listed");
    let seed = s
        .find("ゼレンスキー大統領の和平への道")
        .expect("seed listed");
    assert!(guide < seed, "newest first:\n{s}");
    assert!(s.contains("2025-03-12"), "{s}");
    // Down to the seed (2026-11-20, 2026-10-01, 2025-03-12), open, back, quit.
    t.keys(&["j", "j", "Enter"]);
    t.wait("1/4 cover");
    t.keys(&["q"]);
    t.wait("3 briefings");
    t.keys(&["q"]);
    t.wait("EXIT=0");
    assert!(!t.alternate_on());
}

/// The `match k/M` counter on the status bar, if shown.
fn match_counter(screen: &str) -> Option<(usize, usize)> {
    let last = screen.lines().rev().find(|l| !l.trim().is_empty())?;
    let at = last.find("match ")?;
    let rest = &last[at + 6..];
    let end = rest.find(|c: char| !c.is_ascii_digit() && c != '/')?;
    let (k, m) = rest[..end].split_once('/')?;
    Some((k.parse().ok()?, m.parse().ok()?))
}

#[test]
fn search_highlights_next_previous_and_escape() {
    if !have_tmux() {
        return;
    }
    let t = Tmux::start("search", 80, 24, &[]);
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        seed()
    ));
    t.wait("1/4 cover");
    t.keys(&["l"]);
    t.wait("2/4 §1");
    // Typing previews the first match from here: ルビオ is only in §3.
    t.keys(&["/"]);
    t.tmux(&["send-keys", "-t", "t", "-l", "ルビオ"]);
    t.wait("/ルビオ");
    let s = t.wait("4/4 §3");
    assert!(s.contains("/ルビオ"), "prompt on the status bar: {s}");
    assert!(s.contains("match 1/1"), "{s}");
    let coloured = t.tmux(&["capture-pane", "-p", "-e", "-t", "t"]);
    assert!(
        coloured.contains("48;5;9m"),
        "the current match is highlighted"
    );
    // Esc cancels: back to where the search started, no highlight left.
    t.keys(&["Escape"]);
    let s = t.wait("2/4 §1");
    assert!(!s.contains("ルビオ"), "{s}");
    let coloured = t.tmux(&["capture-pane", "-p", "-e", "-t", "t"]);
    assert!(!coloured.contains("48;5;9m") && !coloured.contains("48;5;3m"));
    // A word on every page: Enter confirms, n and N walk the matches.
    t.keys(&["/"]);
    t.tmux(&["send-keys", "-t", "t", "-l", "ロシア"]);
    t.keys(&["Enter"]);
    let s = t.wait("match ");
    let (k, m) = match_counter(&s).expect("counter");
    assert!(m >= 10 && k > 1, "{k}/{m}: {s}");
    assert!(s.contains("2/4 §1"), "first match from §1 is on §1: {s}");
    let coloured = t.tmux(&["capture-pane", "-p", "-e", "-t", "t"]);
    assert!(coloured.contains("48;5;9m"), "current match highlighted");
    t.keys(&["n"]);
    t.wait(&format!("match {}/{m}", k + 1));
    t.keys(&["N", "N"]);
    t.wait(&format!("match {}/{m}", k - 1));
    // N from the first match wraps to the last one, on the last page.
    for _ in 1..k - 1 {
        t.keys(&["N"]);
    }
    t.wait(&format!("match 1/{m}"));
    t.keys(&["N"]);
    let s = t.wait(&format!("match {m}/{m}"));
    assert!(s.contains("4/4 §3"), "{s}");
    // Esc clears the highlights and stays on the page.
    t.keys(&["Escape"]);
    std::thread::sleep(Duration::from_millis(300));
    let s = t.wait("4/4 §3");
    assert!(match_counter(&s).is_none(), "{s}");
    let coloured = t.tmux(&["capture-pane", "-p", "-e", "-t", "t"]);
    assert!(!coloured.contains("48;5;9m") && !coloured.contains("48;5;3m"));
    t.keys(&["q"]);
    t.wait("EXIT=0");
}

#[test]
fn a_closed_terminal_ends_the_reader() {
    if !have_tmux() {
        return;
    }
    // A unique argument to find this very process.
    let tmp = TempDir::new("hangup");
    let dir = tmp.path().to_path_buf();
    let file = dir.join("hangup.toml");
    std::fs::copy(seed(), &file).expect("copy");
    let t = Tmux::start("hangup", 80, 24, &[]);
    t.run(&format!("{} {}", yomu_bin().display(), file.display()));
    t.wait("1/4 cover");
    let pattern = format!("yomu {}", file.display());
    let alive = || {
        Command::new("pgrep")
            .args(["-f", &pattern])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    assert!(alive());
    t.kill_server(); // the pane's terminal goes away
    let start = Instant::now();
    while alive() && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(100));
    }
    let still = alive();
    let _ = Command::new("pkill")
        .args(["-KILL", "-f", &pattern])
        .status();
    // Only now (the reader may save its state as it ends) the folders go.
    drop(t);
    assert!(!still, "the reader kept running on a closed terminal");
}

#[test]
fn search_in_a_long_briefing_is_indexed_in_the_background() {
    if !have_tmux() {
        return;
    }
    // 1,001 pages: the prompt answers at once, the matches follow.
    let tmp = TempDir::new("big");
    let big = tmp.join("big.toml");
    std::fs::write(&big, yomu::synth::large_briefing(1000)).expect("write");
    let t = Tmux::start("bigsearch", 80, 24, &[]);
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        big.display()
    ));
    t.wait("1/1001 cover");
    t.keys(&["/"]);
    t.tmux(&["send-keys", "-t", "t", "-l", "半導体"]);
    t.wait("/半導体");
    let s = t.wait("match 1/");
    let (_, m) = match_counter(&s).expect("counter");
    assert!(m > 100, "{m}: {s}");
    t.keys(&["Enter", "n"]);
    t.wait(&format!("match 2/{m}"));
    t.keys(&["Escape", "q"]);
    t.wait("EXIT=0");
}

#[test]
fn ctrl_k_folds_kana_in_the_search_prompt() {
    if !have_tmux() {
        return;
    }
    let t = Tmux::start("kana", 80, 24, &[]);
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        seed()
    ));
    t.wait("1/4 cover");
    t.keys(&["/"]);
    t.tmux(&["send-keys", "-t", "t", "-l", "うくらいな"]);
    t.wait("no match");
    t.keys(&["C-k"]);
    let s = t.wait("[かな=カナ]");
    assert!(match_counter(&s).is_some_and(|(_, m)| m > 3), "{s}");
    t.keys(&["Escape", "q"]);
    t.wait("EXIT=0");
}

/// A short briefing with furigana, for the vertical and ruby cases.
const TATE: &str = "title = \"縦書き\"\nlanguage = \"ja\"\n[[sections]]\nheading = \"和平\"\n\
    body = [\"「停戦」の交渉《こうしょう》は、2025年3月に始まった。\"]\n";

#[test]
fn furigana_above_their_text_and_v_for_a_vertical_page() {
    if !have_tmux() {
        return;
    }
    let t = Tmux::start("tate", 40, 12, &[]);
    let file = t.dir.join("tate.toml");
    std::fs::write(&file, TATE).expect("write");
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        file.display()
    ));
    t.wait("1/2 cover");
    t.keys(&["l"]);
    let s = t.wait("2/2 §1");
    // The reading on the row above its base, centred: it overhangs の and
    // は by one cell each, and 交渉 is spaced out for the rest.
    let rows: Vec<&str> = s.lines().collect();
    let base = rows
        .iter()
        .position(|r| r.contains("「停戦」の交"))
        .expect("body shown");
    assert_eq!(rows[base - 1].trim_end(), "        こうしょう", "{s}");
    assert!(rows[base].contains("「停戦」の交  渉は、"), "{s}");
    // The next line keeps its (empty) row for readings: even line spacing.
    assert_eq!(rows[base + 1].trim(), "", "{s}");
    assert!(rows[base + 2].contains("た。"), "{s}");
    // v: the same page in columns, right to left, vertical forms, each
    // reading in the lane on the right of its base (overhanging の and は).
    t.keys(&["v"]);
    let s = t.wait("交う");
    let rows: Vec<&str> = s.lines().collect();
    assert!(rows[1].ends_with("﹁        和   １"), "{s}");
    assert!(rows[2].ends_with("停        平   ＼"), "{s}");
    let at = rows.iter().position(|r| r.contains("交う")).expect("base");
    assert!(
        rows[at - 1].contains("のこ") && rows[at + 1].contains("渉し"),
        "{s}"
    );
    assert!(!s.contains("︵") && !s.contains("「"), "{s}");
    // v again: horizontal.
    t.keys(&["v"]);
    t.wait("こうしょう");
    t.keys(&["q"]);
    t.wait("EXIT=0");
    // `vertical = true` in the configuration starts in vertical writing.
    let conf = t.dir.join("config").join("yomu");
    std::fs::create_dir_all(&conf).expect("config dir");
    std::fs::write(conf.join("config.toml"), "vertical = true\n").expect("write");
    t.run("clear");
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        file.display()
    ));
    // (The page read last is remembered.)
    let s = t.wait("2/2 §1");
    assert!(s.contains("交う") && !s.contains("（"), "{s}");
    t.keys(&["q"]);
    t.wait("EXIT=0");
}
