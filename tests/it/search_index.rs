//! `yomu search` through its index, with the real binary: the same output
//! and exit code as `--no-index`; files changed, added and removed since
//! indexing are found as they are now; a corrupt index or one of another
//! version is rebuilt silently; and a build killed (SIGKILL) at any point
//! leaves an index that gives exact results.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

use crate::common::yomu;

struct Lib {
    dir: PathBuf,
}

impl Lib {
    /// A library of the three example briefings, 40 generated ones and a
    /// broken file, all dated an hour ago (files modified in the last
    /// seconds are always read, which would hide the index).
    fn new(name: &str) -> Lib {
        let dir =
            std::env::temp_dir().join(format!("yomu-search-index-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("lib")).expect("dir");
        let lib = Lib { dir };
        let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
        for e in std::fs::read_dir(here).expect("briefings").flatten() {
            let text = std::fs::read_to_string(e.path()).expect("read");
            lib.write(e.file_name(), &text);
        }
        for (name, text) in yomu::synth::library_files(40) {
            lib.write(&name, &text);
        }
        lib.write("broken.toml", "title = \n");
        lib
    }

    fn lib(&self) -> PathBuf {
        self.dir.join("lib")
    }

    fn cache(&self) -> PathBuf {
        self.dir.join("cache")
    }

    /// The index folder (the only one in the cache).
    fn index(&self) -> PathBuf {
        let root = self.cache().join("yomu").join("index");
        std::fs::read_dir(&root)
            .expect("index root")
            .flatten()
            .map(|e| e.path())
            .find(|p| {
                p.file_name()
                    .is_some_and(|n| !n.to_string_lossy().contains('.'))
            })
            .expect("an index")
    }

    /// Write file `name` into the library, an hour old (settled).
    fn write(&self, name: impl AsRef<std::ffi::OsStr>, text: &str) {
        let path = self.lib().join(name.as_ref());
        std::fs::write(&path, text).expect("write");
        let f = std::fs::File::options()
            .write(true)
            .open(&path)
            .expect("open");
        f.set_modified(SystemTime::now() - Duration::from_secs(3600))
            .expect("mtime");
    }

    /// Date the folder an hour back, as a folder nobody has touched lately.
    fn settle(&self) {
        let d = std::fs::File::open(self.lib()).expect("open folder");
        d.set_modified(SystemTime::now() - Duration::from_secs(3600))
            .expect("folder mtime");
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = yomu();
        c.env("XDG_CACHE_HOME", self.cache())
            .env("YOMU_TEST_INDEX_REPORT", "1")
            .arg("search")
            .args(args)
            .arg(self.lib());
        c
    }

    /// stdout, stderr (the test report taken out) and exit code, and how
    /// many files the index had read (None: no index used).
    fn run(&self, args: &[&str]) -> (String, String, i32, Option<usize>) {
        let (out, err, code, report) = self.run_report(args);
        (out, err, code, report.map(|r| r.0))
    }

    /// [`Lib::run`] with whether the index was made anew.
    fn run_report(&self, args: &[&str]) -> (String, String, i32, Option<(usize, bool)>) {
        let out = self.cmd(args).output().expect("runs");
        let stderr = String::from_utf8(out.stderr).expect("utf-8");
        let mut read = None;
        let mut rest = String::new();
        for l in stderr.lines() {
            match l.strip_prefix("yomu: index: read ") {
                Some(r) => {
                    read = r
                        .split(' ')
                        .next()
                        .and_then(|n| n.parse().ok())
                        .map(|n| (n, r.ends_with("(created)")))
                }
                None => {
                    rest.push_str(l);
                    rest.push('\n');
                }
            }
        }
        (
            String::from_utf8(out.stdout).expect("utf-8"),
            rest,
            out.status.code().unwrap_or(-1),
            read,
        )
    }

    /// The index's answer equals `--no-index`'s; how many files it read.
    fn agrees(&self, query: &str, kana: bool) -> usize {
        let mut args = vec![query];
        if kana {
            args.insert(0, "--kana");
        }
        let (out, err, code, read) = self.run(&args);
        let mut plain = vec!["--no-index"];
        plain.extend(&args);
        let (want, want_err, want_code, none) = self.run(&plain);
        assert_eq!(none, None, "--no-index used the index");
        assert_eq!((&out, &err, code), (&want, &want_err, want_code), "{query}");
        read.expect("the index was used")
    }
}

impl Drop for Lib {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

const QUERIES: &[&str] = &[
    "ロシア",
    "の",
    "和平",
    "ｾﾞﾚﾝｽｷｰ",
    "GLOBE",
    "半導体",
    "ない言葉",
];

#[test]
fn the_index_gives_the_scans_output_and_reads_only_candidates() {
    let lib = Lib::new("same");
    for q in QUERIES {
        for kana in [false, true] {
            lib.agrees(q, kana);
        }
    }
    // A rare word: only the file with it and the broken one are read.
    assert_eq!(lib.agrees("ゼレンスキー", false), 2);
    // A file whose name is not UTF-8 is indexed and found under its name.
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"odd-\xff\xfe.toml");
        lib.write(
            name,
            "title = \"量子暗号\"\n[[sections]]\nheading = \"h\"\n",
        );
        lib.settle();
        assert_eq!(lib.agrees("量子暗号", false), 2);
        assert_eq!(lib.agrees("量子暗号", false), 2);
        let (out, _, code, _) = lib.run(&["量子暗号"]);
        assert_eq!(code, 0);
        assert!(out.contains("odd-"), "{out}");
    }
    assert_eq!(lib.agrees("ない言葉", false), 1);
    assert!(lib.index().join("version").exists());
}

#[test]
fn changed_added_and_removed_files_are_searched_as_they_are_now() {
    let lib = Lib::new("fresh");
    lib.agrees("和平", false);
    // Changed in place to the same size, under the same name.
    let seed = lib.lib().join("zelensky-peace-2025.toml");
    let text = std::fs::read_to_string(&seed).expect("seed");
    lib.write(
        "zelensky-peace-2025.toml",
        &text.replacen("和平", "平和", 1),
    );
    lib.write(
        "added.toml",
        "title = \"新しい和平案\"\n[[sections]]\nheading = \"h\"\n",
    );
    std::fs::remove_file(lib.lib().join("bilingual-tech.toml")).expect("rm");
    for q in ["和平", "平和", "新しい", "Rust"] {
        lib.agrees(q, false);
    }
    let (out, _, _, _) = lib.run(&["新しい"]);
    assert!(out.contains("added.toml:cover: 新しい和平案"), "{out}");
}

#[test]
fn a_corrupt_or_outdated_index_is_rebuilt_silently() {
    let lib = Lib::new("corrupt");
    lib.agrees("和平", false);
    let index = lib.index();
    // Every file of the index garbled.
    for e in std::fs::read_dir(&index).expect("index").flatten() {
        if e.file_name() != "version" {
            std::fs::write(e.path(), b"\xff garbage \x00").expect("garble");
        }
    }
    assert!(lib.agrees("和平", false) < 10);
    // Another version.
    std::fs::write(index.join("version"), "yomu-index 0\n").expect("version");
    assert!(lib.agrees("ロシア", false) < 10);
    // The segment files gone, meta.json left.
    for e in std::fs::read_dir(lib.index()).expect("index").flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if n.ends_with(".idx") || n.ends_with(".term") {
            std::fs::remove_file(e.path()).expect("rm");
        }
    }
    lib.agrees("和平", false);
    assert!(lib.agrees("和平", false) < 10);
}

#[test]
fn a_file_rewritten_in_place_is_found_by_the_very_next_search() {
    let lib = Lib::new("inplace");
    lib.settle();
    // Up to date and settled: an index that trusted an unchanged folder
    // would answer the next searches without looking at the files.
    lib.agrees("和平", false);
    assert_eq!(lib.agrees("量子暗号", false), 1);
    let dir_time = |lib: &Lib| {
        std::fs::metadata(lib.lib())
            .and_then(|m| m.modified())
            .expect("folder time")
    };
    let before = dir_time(&lib);
    // Rewritten in place (same name, same inode: no rename), as `echo >>`
    // and some editors do; the folder's time does not move.
    let path = lib.lib().join("zelensky-peace-2025.toml");
    let text = std::fs::read_to_string(&path).expect("seed");
    let mut f = std::fs::File::options()
        .write(true)
        .truncate(true)
        .open(&path)
        .expect("open");
    std::io::Write::write_all(&mut f, text.replacen("和平", "量子暗号", 1).as_bytes())
        .expect("rewrite");
    drop(f);
    assert_eq!(dir_time(&lib), before, "the folder's time moved");
    // Found at once, by the index and by the scan alike.
    assert_eq!(lib.agrees("量子暗号", false), 2);
    let (out, _, code, _) = lib.run(&["量子暗号"]);
    assert_eq!(code, 0);
    assert!(out.contains("zelensky-peace-2025.toml"), "{out}");
    for q in QUERIES {
        lib.agrees(q, true);
    }
}

/// Start a search that stops at `point` (`YOMU_TEST_INDEX_STALL`), wait
/// until it says so, and kill it with SIGKILL.
fn kill_at(lib: &Lib, point: &str) {
    let mut child = lib
        .cmd(&["和平"])
        .env("YOMU_TEST_INDEX_STALL", point)
        .env("YOMU_TEST_INDEX_COMMIT_EVERY", "10")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let stalled = lines.any(|l| l.is_ok_and(|l| l.starts_with("yomu: stalled at")));
    assert!(stalled, "never reached {point}");
    child.kill().expect("SIGKILL");
    let _ = child.wait();
}

/// Whether the next search opens the index as it is (`false`: it had to
/// make it anew), and that it answers exactly.
fn reopened_and_exact(lib: &Lib) -> bool {
    let (_, _, _, report) = lib.run_report(&["ない言葉"]);
    let (_, created) = report.expect("the index was used");
    for q in ["和平", "の", "ゼレンスキー"] {
        lib.agrees(q, false);
    }
    assert_eq!(lib.agrees("ない言葉", false), 1);
    !created
}

#[test]
fn a_build_killed_at_any_point_leaves_a_working_index() {
    let lib = Lib::new("killed");
    // From nothing: while creating (nothing is left, so it is made anew),
    // between commits, at the end (what was committed is kept).
    let _ = std::fs::remove_dir_all(lib.cache());
    kill_at(&lib, "created");
    assert!(!reopened_and_exact(&lib));
    for point in [
        "docs:1",
        "docs:10",
        "docs:15",
        "docs:25",
        "before-commit",
        "committed",
    ] {
        let _ = std::fs::remove_dir_all(lib.cache());
        kill_at(&lib, point);
        assert!(reopened_and_exact(&lib), "{point}");
    }
    // Replacing an outdated index: killed before the switch (the old one
    // stays, and is replaced next time), with the old one moved aside
    // (made anew), and filling the new one (kept).
    for (point, kept) in [("created", false), ("moved-aside", false), ("docs:5", true)] {
        std::fs::write(lib.index().join("version"), "yomu-index 0\n").expect("version");
        kill_at(&lib, point);
        assert_eq!(reopened_and_exact(&lib), kept, "{point}");
    }
    // Updating: a changed file, killed before its commit.
    lib.write(
        "added.toml",
        "title = \"和平の新案\"\n[[sections]]\nheading = \"h\"\n",
    );
    kill_at(&lib, "docs:1");
    lib.agrees("和平の新案", false);
}

#[test]
fn a_build_killed_at_random_moments_leaves_a_working_index() {
    let lib = Lib::new("random");
    for wait_ms in [5, 20, 40, 80, 120, 200, 300] {
        let _ = std::fs::remove_dir_all(lib.cache());
        let mut child = lib
            .cmd(&["和平"])
            .env("YOMU_TEST_INDEX_SLOW", "3")
            .env("YOMU_TEST_INDEX_COMMIT_EVERY", "7")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(wait_ms));
        let _ = child.kill();
        let _ = child.wait();
        for q in ["和平", "の", "ない言葉"] {
            lib.agrees(q, false);
        }
    }
}
