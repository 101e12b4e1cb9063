//! The tmux harness shared by the end-to-end tests: a shell in a pane of
//! its own tmux server (its own socket), with its own configuration and
//! state folders; `send-keys` types, `capture-pane` reads the screen.

#![allow(dead_code)]

pub mod vt;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// The binary cargo built for this test run (never a stale one lying in
/// `target/release`).
pub fn yomu_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_yomu"))
}

pub fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

pub struct Tmux {
    socket: String,
    pub dir: PathBuf,
}

impl Tmux {
    /// A shell in a `w`x`h` pane, with `env` set.
    pub fn start(name: &str, w: u16, h: u16, env: &[(&str, String)]) -> Tmux {
        let socket = format!("yomu-test-{name}-{}", std::process::id());
        let dir = std::env::temp_dir().join(&socket);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let mut cmd = Command::new("tmux");
        cmd.args([
            "-L",
            &socket,
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
        cmd.arg(format!("XDG_STATE_HOME={}", dir.join("state").display()));
        cmd.arg(format!("XDG_CONFIG_HOME={}", dir.join("config").display()));
        for (k, v) in env {
            cmd.arg(format!("{k}={v}"));
        }
        cmd.args(["sh"]);
        let st = cmd.status().expect("tmux starts");
        assert!(st.success());
        let t = Tmux { socket, dir };
        t.wait_for("$", Duration::from_secs(5));
        t
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
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
        self.wait_for(needle, Duration::from_secs(10))
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub fn seed() -> String {
    format!(
        "{}/briefings/zelensky-peace-2025.toml",
        env!("CARGO_MANIFEST_DIR")
    )
}
