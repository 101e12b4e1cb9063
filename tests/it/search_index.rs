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
            .env("YOMU_TEST_INDEX_FROM", "0")
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
            if l.starts_with("yomu: index: ") && !l.starts_with("yomu: index: read ") {
                continue;
            }
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

/// The escape that starts a match in `--color always` output.
const MATCH_STYLE: &str = "\u{1b}[1m\u{1b}[31m";

/// What `-l` and `-c` should print, from the lines of the same search
/// (`colored`: the same lines in colour, where each match is marked):
/// each file once in the order of its lines, and with its number of
/// matches (a line holds several when their contexts overlap).
fn cut_down(lines: &str, colored: &str) -> (String, String) {
    let mut files: Vec<(&str, usize)> = Vec::new();
    assert_eq!(lines.lines().count(), colored.lines().count());
    for (l, c) in lines.lines().zip(colored.lines()) {
        let end = l.find(".toml:").expect("a file") + ".toml".len();
        let file = &l[..end];
        let hits = c.matches(MATCH_STYLE).count();
        assert!(hits > 0, "{c:?}");
        match files.last_mut() {
            Some((f, n)) if *f == file => *n += hits,
            _ => files.push((file, hits)),
        }
    }
    let names: String = files.iter().map(|(f, _)| format!("{f}\n")).collect();
    let counts: String = files.iter().map(|(f, n)| format!("{f}:{n}\n")).collect();
    (names, counts)
}

/// How many files `yomu search` with `args` says the index alone proved.
fn proven(lib: &Lib, args: &[&str]) -> usize {
    let out = lib.cmd(args).output().expect("runs");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    err.lines()
        .find_map(|l| {
            l.strip_prefix("yomu: index: ")?
                .strip_suffix(" proven by the index alone")
        })
        .and_then(|n| n.parse().ok())
        .expect("the index was used")
}

#[test]
fn files_and_counts_are_the_lines_cut_down_with_and_without_the_index() {
    let lib = Lib::new("counts");
    for q in QUERIES.iter().chain(&["ゼレンスキー", "の", "ロ"]) {
        for kana in [false, true] {
            let mut args = vec![*q];
            if kana {
                args.insert(0, "--kana");
            }
            let (lines, err, code, _) = lib.run(&args);
            let mut in_colour = vec!["--color", "always"];
            in_colour.extend(&args);
            let (names, counts) = cut_down(&lines, &lib.run(&in_colour).0);
            for (flag, want) in [("-l", &names), ("-c", &counts)] {
                for no_index in [false, true] {
                    let mut asked = vec![flag];
                    if no_index {
                        asked.push("--no-index");
                    }
                    asked.extend(&args);
                    let (out, out_err, out_code, read) = lib.run(&asked);
                    assert_eq!(read.is_none(), no_index, "{asked:?}");
                    assert_eq!((&out, &out_err, out_code), (want, &err, code), "{asked:?}");
                }
            }
        }
    }
    // The index proves a match of one or two characters that kana folding
    // cannot have made: `-l` does not confirm those files.
    let (names, _) = cut_down(
        &lib.run(&["和平"]).0,
        &lib.run(&["--color", "always", "和平"]).0,
    );
    assert!(names.lines().count() > 2, "{names}");
    assert_eq!(proven(&lib, &["-l", "和平"]), names.lines().count());
    assert_eq!(
        proven(&lib, &["-l", "--kana", "の"]),
        lib.run(&["-l", "--kana", "の"]).0.lines().count()
    );
    for args in [
        &["-l", "和平交渉"][..],
        &["-l", "の"],
        &["-c", "和平"],
        &["和平"],
    ] {
        assert_eq!(proven(&lib, args), 0, "{args:?}");
    }
    let (out, _, code, _) = lib.run(&["-l", "ない言葉"]);
    assert_eq!((out.as_str(), code), ("", 1));
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

/// Flip a run of bytes in the middle of every index file ending in `ext`,
/// as a failing disk or a stray write would, and put back the file's
/// modification time (its length is the same: only the change time, which
/// nothing can put back, tells it was written).
fn flip_bytes(index: &Path, ext: &str) -> usize {
    let mut flipped = 0;
    for e in std::fs::read_dir(index).expect("index").flatten() {
        if e.path().extension().is_some_and(|x| x == ext) {
            let modified = e.metadata().and_then(|m| m.modified()).expect("mtime");
            let mut bytes = std::fs::read(e.path()).expect("read");
            let mid = bytes.len() / 2;
            for b in bytes.iter_mut().skip(mid).take(8) {
                *b ^= 0xff;
            }
            std::fs::write(e.path(), bytes).expect("write");
            let f = std::fs::File::options()
                .write(true)
                .open(e.path())
                .expect("open");
            f.set_modified(modified).expect("set mtime");
            flipped += 1;
        }
    }
    flipped
}

/// The debug trace's count of index files whose checksums a search read:
/// (read, of how many).
fn checksums_read(lib: &Lib, query: &str) -> (usize, usize) {
    let out = traced(lib, query).wait_with_output().expect("runs");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    let line = err
        .lines()
        .find_map(|l| l.split_once(": checksums read for ").map(|(_, r)| r))
        .unwrap_or_else(|| panic!("no checksum trace: {err}"));
    let (read, of) = line
        .strip_suffix(" files")
        .and_then(|r| r.split_once(" of "))
        .expect("read of all");
    (
        read.parse().expect("a number"),
        of.parse().expect("a number"),
    )
}

#[test]
fn checksums_are_read_once_per_commit() {
    let lib = Lib::new("verified");
    lib.agrees("和平", false);
    // The first search built the index and checked nothing yet; the next
    // checks every file of the commit (those a segment has), and the one
    // after that none.
    let (read, of) = checksums_read(&lib, "和平");
    assert!(read > 0 && read <= of, "{read} of {of}");
    assert_eq!(checksums_read(&lib, "和平"), (0, of));
    // A new file makes a commit: only its files are read.
    lib.write(
        "new.toml",
        "title = \"和平\"\n[[sections]]\nheading = \"h\"\n",
    );
    lib.settle();
    lib.agrees("和平", false);
    let (read, all) = checksums_read(&lib, "和平");
    assert!(read > 0 && read < all, "{read} of {all}");
    assert_eq!(checksums_read(&lib, "和平").0, 0);
    // A record that is not one: every file is read again.
    let (before, _) = checksums_read(&lib, "和平交渉");
    assert_eq!(before, 0);
    std::fs::write(lib.index().join("verified"), "\u{0}garbage\n").expect("spoil");
    let (read, of) = checksums_read(&lib, "和平");
    assert!(read > 0 && read <= of, "{read} of {of}");
    lib.agrees("和平", false);
}

#[test]
fn a_flipped_run_of_bytes_in_any_index_file_is_caught_and_the_index_made_anew() {
    let lib = Lib::new("flipped");
    for ext in ["term", "fast", "idx", "pos", "store", "fieldnorm"] {
        lib.agrees("和平", false);
        assert!(flip_bytes(&lib.index(), ext) > 0, "{ext}");
        // Not a panic (exit 101), and not fewer matches: the index fails
        // its checksums, is made anew, and answers as a scan does.
        let (out, err, code, report) = lib.run_report(&["和平"]);
        let (_, created) = report.expect("the index was used");
        assert!(created, "{ext}: a damaged index was trusted");
        assert!(!err.contains("internal error"), "{ext}: {err}");
        let (want, want_err, want_code, _) = lib.run(&["--no-index", "和平"]);
        assert_eq!((out, err, code), (want, want_err, want_code), "{ext}");
        assert!(lib.agrees("ゼレンスキー", false) <= 2, "{ext}");
    }
}

#[test]
fn a_panic_inside_the_index_is_one_warning_and_a_scan_then_a_rebuild() {
    let lib = Lib::new("panic");
    lib.agrees("和平", false);
    // The point where tantivy panics on a damaged term dictionary that
    // passed its checksum: the search still answers as a scan does.
    let out = lib
        .cmd(&["和平"])
        .env("YOMU_TEST_INDEX_STALL", "panic:asked")
        .output()
        .expect("runs");
    let (want, want_err, want_code, _) = lib.run(&["--no-index", "和平"]);
    assert_eq!(out.status.code(), Some(want_code));
    assert_eq!(String::from_utf8_lossy(&out.stdout), want);
    let err = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<&str> = err
        .lines()
        .filter(|l| !l.starts_with("yomu: index: ") && !want_err.contains(*l))
        .collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(
        warnings[0].contains("damaged (injected at asked)")
            && warnings[0].ends_with("reading every file instead"),
        "{err}"
    );
    assert!(!err.contains("internal error"), "{err}");
    // The next search makes the index anew and uses it.
    let (_, _, _, report) = lib.run_report(&["和平"]);
    assert_eq!(report.map(|r| r.1), Some(true));
    assert!(lib.agrees("ゼレンスキー", false) <= 2);
}

/// Make a FIFO at `path` (whatever was there goes).
fn fifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let _ = std::fs::remove_file(path);
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// A symlink to `/dev/zero` at `path` (whatever was there goes).
fn endless(path: &Path) {
    let _ = std::fs::remove_file(path);
    std::os::unix::fs::symlink("/dev/zero", path).expect("symlink");
}

/// The index files ending in `ext`.
fn files_of(index: &Path, ext: &str) -> Vec<PathBuf> {
    std::fs::read_dir(index)
        .expect("index")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect()
}

#[test]
fn index_files_that_are_not_files_neither_hang_nor_flood_memory() {
    let lib = Lib::new("notfiles");
    type Spoil = fn(&Path);
    let cases: &[(&str, Spoil)] = &[
        ("term", fifo),
        ("idx", endless),
        ("fast", endless),
        ("pos", fifo),
    ];
    for (ext, spoil) in cases {
        lib.agrees("和平", false);
        for f in files_of(&lib.index(), ext) {
            spoil(&f);
        }
        // `Run::of` fails on a hang; the scan's answer, from a new index.
        let run = crate::common::Run::of(lib.cmd(&["和平"]));
        let (want, _, want_code, _) = lib.run(&["--no-index", "和平"]);
        assert_eq!((run.stdout, run.code), (want, want_code), "{ext}");
        assert!(run.stderr.contains("(created)"), "{ext}: {}", run.stderr);
    }
    // meta.json, `version` and the lock files.
    for name in [
        "meta.json",
        "version",
        ".tantivy-writer.lock",
        ".tantivy-meta.lock",
    ] {
        for spoil in [fifo as Spoil, endless] {
            lib.agrees("和平", false);
            spoil(&lib.index().join(name));
            lib.write(
                "changed.toml",
                &format!("title = \"和平 {name}\"\n[[sections]]\nheading = \"h\"\n"),
            );
            let run = crate::common::Run::of(lib.cmd(&["和平"]));
            let (want, _, want_code, _) = lib.run(&["--no-index", "和平"]);
            assert_eq!((run.stdout, run.code), (want, want_code), "{name}");
        }
    }
}

/// Run shell `script` in a mount namespace of its own (as root of a user
/// namespace, so it may mount), with the environment of `cmd`; `false`
/// when this system has no user namespaces.
fn in_namespace(script: &str, cmd: &Command) -> bool {
    let probe = Command::new("unshare")
        .args(["-rm", "true"])
        .stderr(Stdio::null())
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!("no user namespaces (unshare -rm): skipped");
        return false;
    }
    let mut c = Command::new("unshare");
    c.args(["-rm", "sh", "-c", script]);
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    if let Some(d) = cmd.get_current_dir() {
        c.current_dir(d);
    }
    let out = c.output().expect("unshare runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    true
}

/// Two searches for `和平` after `setup` (a mount), in one namespace; each
/// one's stdout, stderr and exit code, and what was left in the index
/// folder's parent (`ls -a`) after them.
type Runs = Vec<(String, String, i32)>;

fn searches_in_namespace(lib: &Lib, setup: &str) -> Option<(Runs, String)> {
    let out = lib.dir.join("ns");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).expect("ns");
    let yomu = crate::common::yomu_bin();
    let script = format!(
        "{setup} && for i in 1 2; do '{}' search 和平 '{}' >'{o}/out'$i 2>'{o}/err'$i; \
         echo $? >'{o}/code'$i; done; ls -a '{}/yomu/index' >'{o}/left' 2>&1; true",
        yomu.display(),
        lib.lib().display(),
        lib.cache().display(),
        o = out.display()
    );
    let mut cmd = lib.cmd(&[]);
    cmd.env("YOMU_LOG", "debug");
    if !in_namespace(&script, &cmd) {
        return None;
    }
    let read = |n: &str| std::fs::read_to_string(out.join(n)).unwrap_or_default();
    let runs = (1..=2)
        .map(|i| {
            (
                read(&format!("out{i}")),
                read(&format!("err{i}")),
                read(&format!("code{i}")).trim().parse().unwrap_or(-1),
            )
        })
        .collect();
    Some((runs, read("left")))
}

#[test]
fn a_full_cache_disk_scans_leaves_nothing_behind_and_does_not_retry_a_build() {
    let lib = Lib::new("full");
    let (want, want_err, want_code, _) = lib.run(&["--no-index", "和平"]);
    // 4 KiB: not even an empty index fits; 1 MiB: an empty index, no room
    // to fill it.
    for size in ["4k", "1m"] {
        let _ = std::fs::remove_dir_all(lib.cache());
        std::fs::create_dir_all(lib.cache()).expect("cache");
        let setup = format!(
            "mount -t tmpfs -o size={size} tmpfs '{}'",
            lib.cache().display()
        );
        let Some((runs, left)) = searches_in_namespace(&lib, &setup) else {
            return;
        };
        for (out, err, code) in runs {
            assert_eq!((&out, code), (&want, want_code), "{size}: {err}");
            assert!(!err.contains("internal error"), "{err}");
            for l in want_err.lines() {
                assert!(err.contains(l), "{err}");
            }
            // No file is given to tantivy: nothing fails half-way, and
            // the second search does not try again.
            assert!(!err.contains("updated:"), "{size}: {err}");
            assert!(!err.contains("update failed"), "{size}: {err}");
            assert!(
                err.contains("indexed 0") || !err.contains("yomu: index: read"),
                "{size}: {err}"
            );
        }
        assert!(
            !left.contains(".new-") && !left.contains(".old-"),
            "{size}: {left}"
        );
    }
}

#[test]
fn a_read_only_cache_is_used_as_it_is_and_never_rebuilt() {
    let lib = Lib::new("readonly");
    lib.agrees("和平", false);
    lib.write(
        "added.toml",
        "title = \"和平の新案\"\n[[sections]]\nheading = \"h\"\n",
    );
    let (want, want_err, want_code, _) = lib.run(&["--no-index", "和平"]);
    let cache = lib.cache().display().to_string();
    let setup = format!("mount --bind '{cache}' '{cache}' && mount -o remount,bind,ro '{cache}'");
    let Some((runs, left)) = searches_in_namespace(&lib, &setup) else {
        return;
    };
    for (out, err, code) in runs {
        assert_eq!((&out, code), (&want, want_code), "{err}");
        for l in want_err.lines() {
            assert!(err.contains(l), "{err}");
        }
        // The index as committed: the new file is read, nothing rebuilt.
        assert!(err.contains("(opened)"), "{err}");
        assert!(!err.contains("rebuilt"), "{err}");
    }
    assert!(!left.contains(".new-"), "{left}");
    // Writable again: the next search indexes the new file.
    assert_eq!(lib.agrees("和平の新案", false), 2);
}

#[test]
fn a_metadata_cache_that_is_not_a_file_is_passed_over() {
    let lib = Lib::new("metacache");
    let export = || {
        let mut c = yomu();
        c.env("XDG_CACHE_HOME", lib.cache())
            .args(["export", "--format", "jsonl"])
            .arg(lib.lib());
        crate::common::Run::of(c)
    };
    let want = export();
    let folder = lib.cache().join("yomu").join("library");
    let cache_file = || {
        std::fs::read_dir(&folder)
            .expect("a metadata cache")
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "bin"))
            .expect("a cache file")
    };
    let file = cache_file();
    for spoil in [fifo as fn(&Path), endless] {
        spoil(&file);
        // `Run::of` fails on a hang; the same output, and the cache is
        // written anew as a regular file.
        let run = export();
        assert_eq!((&run.stdout, run.code), (&want.stdout, want.code));
        assert!(std::fs::symlink_metadata(cache_file()).is_ok_and(|m| m.is_file()));
    }
}

/// A search started with the debug trace on, its output piped.
fn traced(lib: &Lib, query: &str) -> std::process::Child {
    lib.cmd(&[query])
        .env("YOMU_LOG", "debug")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn")
}

#[test]
fn files_changed_added_and_removed_between_searches_never_rebuild_the_whole_index() {
    let lib = Lib::new("norebuild");
    lib.agrees("和平", false);
    let (want, _, _, _) = lib.run(&["--no-index", "和平"]);
    assert!(!want.is_empty());
    let seed = std::fs::read_to_string(lib.lib().join("zelensky-peace-2025.toml")).expect("seed");
    for round in 0..12 {
        // One file changed, one added, one removed (from the second pass on).
        lib.write(
            "zelensky-peace-2025.toml",
            &seed.replacen("和平", &format!("和平{round}"), 1),
        );
        lib.write(
            format!("added-{round}.toml"),
            &format!("title = \"和平 {round}\"\n[[sections]]\nheading = \"h\"\n"),
        );
        if round > 0 {
            std::fs::remove_file(lib.lib().join(format!("added-{}.toml", round - 1))).expect("rm");
        }
        // Two searches at once (one updates, the other uses the index as
        // committed, or waits), then one alone: none makes the index anew.
        let pair = [traced(&lib, "和平"), traced(&lib, "の")];
        let mut runs: Vec<(String, String)> = pair
            .into_iter()
            .map(|c| {
                let out = c.wait_with_output().expect("waits");
                (
                    String::from_utf8_lossy(&out.stdout).into_owned(),
                    String::from_utf8_lossy(&out.stderr).into_owned(),
                )
            })
            .collect();
        let alone = traced(&lib, "和平").wait_with_output().expect("waits");
        runs.push((
            String::from_utf8_lossy(&alone.stdout).into_owned(),
            String::from_utf8_lossy(&alone.stderr).into_owned(),
        ));
        for (i, (_, err)) in runs.iter().enumerate() {
            assert!(err.contains("(opened)"), "round {round}, run {i}: {err}");
            assert!(
                !err.contains("rebuilt") && !err.contains("built from"),
                "round {round}: {err}"
            );
            // Only what changed is indexed: at most the changed and added file.
            if let Some(n) = err
                .split("indexed ")
                .nth(1)
                .and_then(|r| r.split(' ').next())
                .and_then(|n| n.parse::<usize>().ok())
            {
                assert!(n <= 2, "round {round}: {err}");
            }
        }
        let (plain, _, _, _) = lib.run(&["--no-index", "和平"]);
        assert_eq!(runs[0].0, plain, "round {round}");
        assert_eq!(runs[2].0, plain, "round {round}");
    }
    // Confirmed from the index's stored fields: the rare word's file is not
    // read from disk (only the file that fails to load is).
    let out = lib.cmd(&["ゼレンスキー"]).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("read 2 of") && err.contains("yomu: index: 1 from disk"),
        "{err}"
    );
}

#[test]
fn a_small_library_is_read_whole_and_no_index_is_built_for_it() {
    let lib = Lib::new("small");
    let (want, want_err, want_code, _) = lib.run(&["--no-index", "和平"]);
    // 44 files, under the size from which an index pays: no index used,
    // none made, the same answer.
    let out = lib
        .cmd(&["和平"])
        .env_remove("YOMU_TEST_INDEX_FROM")
        .output()
        .expect("runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), want);
    assert_eq!(String::from_utf8_lossy(&out.stderr), want_err);
    assert_eq!(out.status.code(), Some(want_code));
    assert!(!lib.cache().join("yomu").join("index").exists());
    // An index that is there (as `yomu sync` makes one) is used and kept.
    lib.agrees("和平", false);
    let out = lib
        .cmd(&["ゼレンスキー"])
        .env_remove("YOMU_TEST_INDEX_FROM")
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("yomu: index: read 2 of 44 files (opened)"),
        "{err}"
    );
}

#[test]
fn a_panic_inside_the_index_leaves_the_reader_running_and_its_filter_exact() {
    use crate::common::{Tmux, have_tmux, yomu_bin};
    if !have_tmux() {
        return;
    }
    let lib = Lib::new("reader-panic");
    std::fs::remove_file(lib.lib().join("broken.toml")).expect("rm");
    let word = "和平";
    let (want, _, _, _) = lib.run(&["--no-index", word]);
    let mut names: Vec<&str> = want
        .lines()
        .filter_map(|l| l.split(".toml:").next())
        .collect();
    names.dedup();
    let count = names.len();
    let total = std::fs::read_dir(lib.lib()).expect("lib").count();
    assert!(count > 0 && count < total, "{count} of {total}");
    // The index is there and up to date: the reader has it at once.
    lib.agrees(word, false);
    let env: Vec<(&str, String)> = crate::common::XDG
        .iter()
        .zip(["config", "state", "cache", "data"])
        .map(|(&x, sub)| (x, lib.dir.join(sub).display().to_string()))
        .chain([("YOMU_TEST_INDEX_STALL", "panic:asked".to_string())])
        .collect();
    let t = Tmux::start("index-reader-panic", 100, 30, &env);
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        lib.lib().display()
    ));
    t.wait(&format!("{total} briefings"));
    // The filter asks the index (which panics, contained): it reads the
    // files instead, and the reader goes on drawing.
    t.keys(&["/"]);
    for c in word.chars() {
        t.keys(&[&c.to_string()]);
    }
    t.wait(&format!("{count} of {total}"));
    t.keys(&["Enter"]);
    let s = t.wait(&format!("{count} of {total} briefings match"));
    assert!(!s.contains("internal error"), "{s}");
    t.keys(&["q", "q"]);
    let s = t.wait("EXIT=0");
    assert!(!s.contains("internal error"), "{s}");
    // The index panicked (and was marked to be made anew).
    assert!(!lib.index().join("version").exists());
}
