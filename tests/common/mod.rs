//! The harness every test shares:
//!
//! - [`yomu`]: the binary as a command that reads nothing of the person
//!   running the tests (every `XDG_*` folder and `HOME` point nowhere), and
//!   [`Run`], its outcome checked for hangs, panics and backtraces;
//! - [`TempDir`]: a fresh folder, removed when dropped;
//! - [`app`], [`screen`], [`press`]: the reader in-process, driven by
//!   actions (as key presses) and read from its rendered screen;
//! - [`Tmux`]: a shell in a pane of its own tmux server (a socket in its
//!   own folder, removed with it), with its own `XDG_*` folders;
//!   `send-keys` types, `capture-pane` reads the screen. Without tmux an
//!   end-to-end test is skipped, or fails when `CI` is set;
//! - [`http`]: local HTTP servers on 127.0.0.1, and [`home`]: a person's
//!   home with every `XDG_*` folder in a temporary folder, for tests that
//!   fetch and sync.

#![allow(dead_code)]

pub mod home;
pub mod http;
pub mod vt;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use yomu::tui::app::App;
use yomu::tui::keys::Action;
use yomu::tui::style::Theme;

/// The `XDG_*` folders yomu could read or write.
pub const XDG: [&str; 4] = [
    "XDG_CONFIG_HOME",
    "XDG_STATE_HOME",
    "XDG_CACHE_HOME",
    "XDG_DATA_HOME",
];

/// Each `XDG_*` folder inside `dir` (`config`, `state`, `cache`, `data`),
/// as environment pairs.
pub fn xdg_in(dir: &Path) -> Vec<(&'static str, String)> {
    XDG.iter()
        .zip(["config", "state", "cache", "data"])
        .map(|(&x, sub)| (x, dir.join(sub).display().to_string()))
        .collect()
}

/// A home that does not exist and cannot be made, even by root: a folder
/// "inside" `/dev/null`.
pub const NO_HOME: &str = "/dev/null/yomu-tests";

/// The binary, run in the crate's folder, with every `XDG_*` folder and
/// `HOME` pointing at folders that do not exist and cannot be created
/// ([`NO_HOME`]; a test that wants a configuration or a cache sets its own),
/// so no test reads or leaves anything outside its own folders.
pub fn yomu() -> Command {
    let mut c = Command::new(yomu_bin());
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    for x in XDG {
        c.env(x, format!("{NO_HOME}/{x}"));
    }
    c.env("HOME", NO_HOME);
    // Messages follow the locale: English unless a test asks otherwise.
    for v in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        c.env_remove(v);
    }
    c
}

/// The outcome of one run of the binary.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Run `cmd` with no input; fail on a hang (30 s), a panic or a backtrace.
    pub fn of(mut cmd: Command) -> Run {
        let mut child = cmd
            .env("RUST_BACKTRACE", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn yomu");
        // Drain both pipes while waiting, so a long report cannot block the child.
        let drain = |pipe: Option<Box<dyn Read + Send>>| {
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                if let Some(mut p) = pipe {
                    let _ = p.read_to_end(&mut buf);
                }
                String::from_utf8_lossy(&buf).into_owned()
            })
        };
        let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
        let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if start.elapsed() > Duration::from_secs(30) {
                let _ = child.kill();
                panic!("{cmd:?} hung");
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let run = Run {
            code: status.code().expect("exit code, not a signal"),
            stdout: stdout.join().expect("stdout reader"),
            stderr: stderr.join().expect("stderr reader"),
        };
        assert!(
            !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
            "{}",
            run.stderr
        );
        run
    }

    /// Assert that stderr contains every one of `needles`.
    pub fn says(&self, needles: &[&str]) -> &Self {
        for n in needles {
            assert!(
                self.stderr.contains(n),
                "stderr lacks {n:?}\n--- stderr:\n{}",
                self.stderr
            );
        }
        self
    }

    pub fn exit(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "exit code\n--- stderr:\n{}", self.stderr);
        self
    }
}

/// A fresh temporary folder, unique to this process and call, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("yomu-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> &Self {
        std::fs::write(self.0.join(name), contents).expect("write");
        self
    }
}

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The reader in-process on the `(name, TOML)` sources, at `w`×`h` cells
/// (`single`: opened on one file, as `yomu FILE`).
pub fn app(items: &[(&str, &str)], single: bool, w: u16, h: u16) -> App {
    App::new(
        yomu::library::from_sources(items),
        single,
        yomu::text::WidthOptions::default(),
        (usize::from(w), usize::from(h)),
    )
}

/// The screen at `w`×`h` as text, one string per row (wide characters once).
pub fn screen(app: &mut App, w: u16, h: u16) -> Vec<String> {
    yomu::tui::view::rows(&yomu::tui::view::render(app, w, h, PLAIN))
}

/// No colours: what a monochrome terminal shows.
pub const PLAIN: Theme = Theme {
    color: false,
    light: false,
};

/// Press the keys of `actions`, one after the other.
pub fn press(app: &mut App, actions: &[Action]) {
    for &a in actions {
        app.update(a);
    }
}

/// The binary cargo built for this test run (never a stale one lying in
/// `target/release`).
pub fn yomu_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_yomu"))
}

/// Whether tmux is there to run an end-to-end test. Without it the test
/// is skipped, except under CI (`CI` set), where that is a failure: a
/// suite that silently ran none of its end-to-end tests must not pass.
pub fn have_tmux() -> bool {
    let there = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !there {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is not installed, and CI is set: the end-to-end tests cannot run"
        );
        eprintln!("skipped: tmux is not installed");
    }
    there
}

pub struct Tmux {
    /// The server's socket, inside `dir` (so it goes when `dir` does).
    socket: PathBuf,
    pub dir: PathBuf,
}

impl Tmux {
    /// A shell in a `w`x`h` pane, with `env` set.
    pub fn start(name: &str, w: u16, h: u16, env: &[(&str, String)]) -> Tmux {
        let dir = std::env::temp_dir().join(format!("yomu-tmux-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let socket = dir.join("tmux.sock");
        let mut cmd = Command::new("tmux");
        cmd.arg("-S").arg(&socket);
        cmd.args([
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
        ]);
        cmd.args([
            "env",
            "-i",
            "PATH=/usr/bin:/bin",
            "HOME=/tmp",
            "TERM=xterm-256color",
            "PS1=$ ",
        ]);
        // Own configuration and reading state: no position remembered from
        // another test (or from the person running them) is restored.
        for (x, sub) in XDG.iter().zip(["config", "state", "cache", "data"]) {
            cmd.arg(format!("{x}={}", dir.join(sub).display()));
        }
        for (k, v) in env {
            cmd.arg(format!("{k}={v}"));
        }
        cmd.args(["sh"]);
        let st = cmd.status().expect("tmux starts");
        assert!(st.success());
        let t = Tmux { socket, dir };
        t.wait_for("$", Duration::from_secs(20));
        t
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn run(&self, line: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", line]);
        self.tmux(&["send-keys", "-t", "t", "Enter"]);
    }

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", "t", k]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t"])
    }

    pub fn alternate_on(&self) -> bool {
        self.tmux(&["display-message", "-p", "-t", "t", "#{alternate_on}"])
            .trim()
            == "1"
    }

    pub fn wait_for(&self, needle: &str, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(needle) {
                return s;
            }
            if start.elapsed() > timeout {
                panic!("timed out waiting for {needle:?}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn wait(&self, needle: &str) -> String {
        self.wait_for(needle, Duration::from_secs(30))
    }
}

impl Tmux {
    /// End the tmux server (its panes' terminals go away), keeping the folder.
    pub fn kill_server(&self) {
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.kill_server();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub fn seed() -> String {
    format!(
        "{}/briefings/zelensky-peace-2025.toml",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// A Japanese briefing of one section whose body is one paragraph.
pub fn briefing(body: &str) -> yomu::briefing::Briefing {
    let src = format!(
        "title = \"t\"\nlanguage = \"ja\"\n[[sections]]\nheading = \"h\"\nbody = [\"{body}\"]\n"
    );
    yomu::briefing::parse_str("t.toml", &src)
        .expect("valid")
        .briefing
}

/// The body lines of page 1 (after the `1/1` and heading lines and the blank).
pub fn body_lines(body: &str, width: usize, ruby: yomu::layout::RubyMode) -> Vec<String> {
    let b = briefing(body);
    let opts = yomu::layout::LayoutOptions {
        target: yomu::layout::Target::Terminal,
        ruby,
        ..yomu::layout::LayoutOptions::new(width)
    };
    let page = yomu::layout::layout_page(&b, 1, opts);
    page.lines[3..]
        .iter()
        .map(|l| l.text().trim_end().to_string())
        .collect()
}

/// A fresh folder with copies of the shipped briefings; the XDG folders inside it.
pub fn workspace(name: &str) -> (TempDir, Vec<(&'static str, String)>) {
    let dir = TempDir::new(&format!("ws-{name}"));
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

/// `yomu ARGS` in the repository, with every XDG folder in a temporary
/// place and no colour variables from the person running the tests.
pub fn yomu_in_repo(args: &[&str], env: &[(&str, &str)]) -> Output {
    // A home of its own for each run, removed when it is done.
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let home = std::env::temp_dir().join(format!("yomu-repo-home-{}-{n}", std::process::id()));
    let mut cmd = Command::new(yomu_bin());
    cmd.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("yomu runs");
    let _ = std::fs::remove_dir_all(&home);
    out
}

/// Bytes a command wrote, as text.
pub fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}
