//! A person's home for yomu: every `XDG_*` folder in a temporary folder,
//! proxies unset, the binary run from there; and what the commands leave
//! in it (`feeds.toml`, the data library, the state folder).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use super::{Run, TempDir, yomu};

/// A person's home for yomu: every XDG folder in a temporary folder.
pub struct Home {
    pub dir: TempDir,
}

impl Home {
    pub fn new(name: &str) -> Home {
        Home {
            dir: TempDir::new(&format!("home-{name}")),
        }
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = yomu();
        for (var, sub) in [
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_STATE_HOME", "state"),
            ("XDG_DATA_HOME", "data"),
            ("XDG_CACHE_HOME", "cache"),
        ] {
            c.env(var, self.dir.join(sub));
        }
        for p in [
            "http_proxy",
            "https_proxy",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "ALL_PROXY",
            "all_proxy",
        ] {
            c.env_remove(p);
        }
        c.current_dir(self.dir.path()).args(args);
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(self.cmd(args))
    }

    /// The `XDG_*` variables pointing into this home, for a tmux pane.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        [
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_STATE_HOME", "state"),
            ("XDG_DATA_HOME", "data"),
            ("XDG_CACHE_HOME", "cache"),
        ]
        .into_iter()
        .map(|(k, v)| (k, self.dir.join(v).display().to_string()))
        .collect()
    }

    /// yomu's state folder (`state.db`, the fetch state).
    pub fn state_dir(&self) -> PathBuf {
        self.dir.join("state/yomu")
    }

    /// The data library `yomu sync` fills.
    pub fn library_dir(&self) -> PathBuf {
        self.dir.join("data/yomu/library")
    }

    pub fn feeds_toml(&self) -> PathBuf {
        self.dir.join("config/yomu/feeds.toml")
    }

    pub fn subscribe(&self, timeout: u32, feeds: &[(&str, String)]) {
        let mut text = format!("timeout = {timeout}\n");
        for (name, url) in feeds {
            text.push_str(&format!("\n[[feed]]\nname = \"{name}\"\nurl = \"{url}\"\n"));
        }
        std::fs::create_dir_all(self.dir.join("config/yomu")).unwrap();
        std::fs::write(self.feeds_toml(), text).unwrap();
    }

    /// The data library's files' modification times, by name.
    pub fn library_times(&self) -> BTreeMap<String, std::time::SystemTime> {
        let Ok(rd) = std::fs::read_dir(self.dir.join("data/yomu/library")) else {
            return BTreeMap::new();
        };
        rd.filter_map(Result::ok)
            .map(|e| {
                let time = e.metadata().and_then(|m| m.modified()).expect("mtime");
                (e.file_name().to_string_lossy().into_owned(), time)
            })
            .collect()
    }

    /// The data library: file name → contents.
    pub fn library(&self) -> BTreeMap<String, String> {
        let Ok(rd) = std::fs::read_dir(self.dir.join("data/yomu/library")) else {
            return BTreeMap::new();
        };
        rd.filter_map(Result::ok)
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read_to_string(e.path()).unwrap_or_default(),
                )
            })
            .collect()
    }
}

/// `yomu check` accepts the file.
pub fn checks(home: &Home, file: &str) {
    let r = home.run(&["check", file]);
    assert_eq!(r.code, 0, "{file} not valid:\n{}\n{}", r.stdout, r.stderr);
}
