//! The reliability guarantees of the README's Robustness section, through
//! the real binary: two readers at once keep each other's state, a failed
//! save is reported, a FIFO at the state path does not hang the reader.
//! Reader cases run in tmux (own socket, own XDG folders per test).

use crate::common::{TempDir, Tmux, have_tmux, yomu_bin};
use std::path::Path;
use std::process::Command;

/// A fresh folder with copies of the shipped briefings; the XDG folders inside it.
fn workspace(name: &str) -> (TempDir, Vec<(&'static str, String)>) {
    let dir = TempDir::new(&format!("rob-{name}"));
    std::fs::create_dir_all(dir.join("lib")).expect("dir");
    for f in ["yomu-guide.toml", "zelensky-peace-2025.toml"] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("briefings")
            .join(f);
        std::fs::copy(from, dir.join("lib").join(f)).expect("copy");
    }
    let env = vec![
        ("XDG_STATE_HOME", dir.join("state").display().to_string()),
        ("XDG_CONFIG_HOME", dir.join("config").display().to_string()),
        ("XDG_CACHE_HOME", dir.join("cache").display().to_string()),
        ("XDG_DATA_HOME", dir.join("data").display().to_string()),
    ];
    (dir, env)
}

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

/// The binary's exit code, stdout and stderr, with every XDG folder in `dir`.
fn yomu_in(dir: &Path, args: &[&std::ffi::OsStr], env: &[(&str, &str)]) -> (i32, Vec<u8>, String) {
    let out = Command::new(yomu_bin())
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn os(args: &[&str]) -> Vec<std::ffi::OsString> {
    args.iter().map(std::ffi::OsString::from).collect()
}

fn yomu(dir: &Path, args: &[&str]) -> (i32, Vec<u8>, String) {
    yomu_env(dir, args, &[])
}

fn yomu_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, Vec<u8>, String) {
    let args = os(args);
    let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    yomu_in(dir, &refs, env)
}

fn no_escapes(what: &str, text: &str) {
    assert!(
        !text.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
        "{what}: {text:?}"
    );
}

#[test]
fn argument_errors_never_echo_an_escape() {
    let (dir, _) = workspace("clap");
    std::fs::write(dir.join("--\u{1b}]0;PWNED\u{7}.toml"), "").expect("file");
    for args in [
        vec!["check", "--\u{1b}]0;PWNED\u{7}.toml"],
        vec!["export", "--width", "\u{1b}]2;PWNED\u{7}", "x"],
        vec!["export", "--format", "\u{1b}]52;c;aGk=\u{7}", "x"],
        vec!["--\u{9b}31m"],
    ] {
        // As on a terminal: clap would keep its (and the argument's) escapes.
        let (code, stdout, stderr) = yomu_env(&dir, &args, &[("CLICOLOR_FORCE", "1")]);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty());
        no_escapes(&format!("{args:?}"), &stderr);
        // Shown as visible text, not dropped.
        assert!(stderr.contains(['␛', '\u{fffd}']), "{stderr}");
    }
    // Help and version still go to stdout with exit 0.
    let (code, stdout, _) = yomu(&dir, &["--help"]);
    assert_eq!(code, 0);
    assert!(String::from_utf8_lossy(&stdout).contains("Usage:"));
    let (code, stdout, _) = yomu(&dir, &["--version"]);
    assert_eq!(code, 0);
    assert!(String::from_utf8_lossy(&stdout).starts_with("yomu "));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_export_format_ends_quietly_when_the_reader_closes_the_pipe() {
    use std::io::{BufRead, BufReader};
    let (dir, _) = workspace("pipe");
    let big = dir.join("big.toml");
    std::fs::write(&big, yomu::synth::large_briefing(300)).expect("write");
    for format in ["json", "text", "markdown"] {
        // `yomu export --format F big.toml | head -1`
        let mut child = Command::new(yomu_bin())
            .args(["export", "--format", format])
            .arg(&big)
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .env("XDG_STATE_HOME", dir.join("state"))
            .env("XDG_CACHE_HOME", dir.join("cache"))
            .env("XDG_DATA_HOME", dir.join("data"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("a line");
        assert!(!first.is_empty());
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{format}: {stderr}");
        assert!(stderr.is_empty(), "{format}: {stderr}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_closed_stdout_is_reported() {
    let (dir, _) = workspace("closed");
    let file = dir.join("lib/yomu-guide.toml");
    for cmd in [
        format!(
            "exec '{}' export '{}' >&-",
            yomu_bin().display(),
            file.display()
        ),
        format!(
            "exec '{}' search yomu '{}' >&-",
            yomu_bin().display(),
            file.display()
        ),
        format!(
            "exec '{}' export --format json '{}' >&-",
            yomu_bin().display(),
            file.display()
        ),
    ] {
        let out = Command::new("sh")
            .args(["-c", &cmd])
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .env("XDG_STATE_HOME", dir.join("state"))
            .env("XDG_CACHE_HOME", dir.join("cache"))
            .env("XDG_DATA_HOME", dir.join("data"))
            .output()
            .expect("sh");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{cmd}: {stderr}");
        assert!(stderr.contains("standard output is closed"), "{stderr}");
    }
    // Output thrown away on purpose is not an error.
    let out = Command::new("sh")
        .args([
            "-c",
            &format!(
                "exec '{}' export '{}' >/dev/null",
                yomu_bin().display(),
                file.display()
            ),
        ])
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .output()
        .expect("sh");
    assert_eq!(out.status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_config_cannot_take_away_every_way_to_quit() {
    if !have_tmux() {
        return;
    }
    let (dir, env) = workspace("quitkeys");
    let cfg = dir.join("config/yomu");
    std::fs::create_dir_all(&cfg).expect("dir");
    std::fs::write(
        cfg.join("config.toml"),
        "[keys]\ndown = [\"C-c\", \"q\"]\nup = [\"Esc\"]\n",
    )
    .expect("config");
    let t = Tmux::start("quitkeys", 120, 24, &env);
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        dir.join("lib/zelensky-peace-2025.toml").display()
    ));
    let s = t.wait("1/4 cover");
    assert!(
        s.contains("config: Ctrl-c always quits; it was not given to down (and 1 more)"),
        "{s}"
    );
    t.keys(&["C-c"]);
    t.wait("EXIT=0");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn diagnostics_are_shortened_merged_and_capped() {
    let (dir, _) = workspace("diag");
    let head = "title = \"t\"\n[[sections]]\nheading = \"h\"\nbody = [\"b\"]\n";
    // Ten 1 MB unknown keys: each is quoted by its first 40 characters.
    let mut long = String::from(head);
    for c in "abcdefghij".chars() {
        long.push_str(&c.to_string().repeat(1 << 20));
        long.push_str(" = 1\n");
    }
    std::fs::write(dir.join("long.toml"), &long).expect("write");
    let (code, _, stderr) = yomu(&dir, &["check", "long.toml"]);
    assert_eq!(code, 1, "{}", &stderr[..stderr.len().min(2000)]);
    assert!(stderr.len() < 20_000, "{} bytes of stderr", stderr.len());
    assert!(
        stderr.contains(&format!("unknown key `{}…`", "a".repeat(40))),
        "{}",
        &stderr[..stderr.len().min(2000)]
    );
    // 5,000 unknown keys: at most 50 diagnostics, the last counting the rest.
    let mut many = String::from(head);
    for i in 0..5_000 {
        many.push_str(&format!("k{i} = 1\n"));
    }
    std::fs::write(dir.join("many.toml"), &many).expect("write");
    let (code, stdout, stderr) = yomu(&dir, &["check", "many.toml"]);
    assert_eq!(code, 1);
    // The summary counts every problem, shown or not.
    assert_eq!(
        String::from_utf8_lossy(&stdout),
        "1 file checked: 0 valid, 1 invalid (5000 errors)\n"
    );
    let shown = stderr.matches("many.toml:").count();
    assert_eq!(shown, 50, "{}", &stderr[..stderr.len().min(3000)]);
    assert!(
        stderr.contains(
            "4951 more problems from here on are not shown (4951 errors, 0 warnings): \
             at most 50 are listed per file"
        ),
        "{}",
        &stderr[stderr.len().saturating_sub(3000)..]
    );
    // The same error on many lines is said once, with a count.
    let mut same = String::from(head);
    for _ in 0..80 {
        same.push_str("[sections.x]\n");
    }
    std::fs::write(dir.join("same.toml"), &same).expect("write");
    let (_, _, stderr) = yomu(&dir, &["check", "same.toml"]);
    assert!(stderr.contains("more like this)"), "{stderr}");
    assert!(stderr.matches("same.toml:").count() < 5, "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_warns_about_addresses_that_open_another_site() {
    let (dir, _) = workspace("deceive");
    std::fs::write(
        dir.join("d.toml"),
        "title = \"t\"\n[[sections]]\nheading = \"h\"\nbody = [\"b\"]\n\
         [[sections.sources]]\nname = \"g\"\nurl = \"https://www.google.com@evil.example/\"\n\
         [[sections.sources]]\nname = \"a\"\nurl = \"https://\u{430}pple.com/\"\n",
    )
    .expect("write");
    let (code, stdout, stderr) = yomu(&dir, &["check", "d.toml"]);
    assert_eq!(code, 0, "warnings do not fail: {stderr}");
    assert!(
        stderr.contains(
            "d.toml:7:7: warning: `url` opens evil.example, not www.google.com: \
             the text before @ is a user name"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "d.toml:10:7: warning: `url` has a host that mixes scripts: \u{430}pple.com (xn--pple-43d.com)"
        ),
        "{stderr}"
    );
    assert_eq!(
        String::from_utf8_lossy(&stdout),
        "d.toml: valid (2 warnings)\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
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
