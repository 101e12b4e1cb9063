//! `yomu check` on files: the corpus of bad files under `tests/corpus/bad`,
//! and the files that are refused before parsing (too large, not UTF-8,
//! binary, not a regular file, a symlink loop, unreadable), generated at
//! test time in a temporary folder.

use std::process::{Command, Stdio};

use crate::check::{Check, SECTION, check_src, corpus, yomu};
use crate::common::{self, TempDir};

// ---- the corpus of bad files --------------------------------------------------------------

#[test]
fn the_bad_corpus_is_refused_with_positions() {
    let expected = [
        ("empty.toml", "1:1", "empty file"),
        (
            "empty_sections.toml",
            "2:12",
            "`sections` must have at least one section",
        ),
        (
            "malformed.toml",
            "1:19",
            "invalid TOML: invalid basic string",
        ),
        ("missing_title.toml", "1:1", "missing required key `title`"),
        (
            "quoted_date.toml",
            "2:13",
            "`published` must be a TOML date, not a string",
        ),
        (
            "single_bracket.toml",
            "3:1",
            "`sections` must be an array of tables, found a table",
        ),
        ("time_only.toml", "2:13", "`published` must have a date"),
        (
            "unknown_key.toml",
            "5:1",
            "unknown key `keypoints` in [[sections]]",
        ),
        (
            "url_file.toml",
            "8:7",
            "`url` must be an http:// or https:// URL, not `file:`",
        ),
        (
            "url_javascript.toml",
            "8:7",
            "`url` must be an http:// or https:// URL, not `javascript:`",
        ),
        (
            "url_relative.toml",
            "8:7",
            "`url` must be an absolute http:// or https:// URL, not a relative path",
        ),
        ("url_spaces.toml", "8:7", "`url` must not contain spaces"),
        (
            "wrong_types.toml",
            "2:8",
            "`tags` must be an array of strings, found a string",
        ),
    ];
    let bad = corpus().join("bad");
    let mut names: Vec<String> = std::fs::read_dir(&bad)
        .expect("corpus")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let listed: Vec<&str> = expected.iter().map(|(n, _, _)| *n).collect();
    assert_eq!(names, listed, "every corpus file has an expectation");
    for (name, pos, message) in expected {
        let run = yomu(&bad, &["check", name]);
        run.exit(1)
            .says(&[&format!("{name}:{pos}: error: {message}"), "hint: "]);
        assert!(run.stderr.contains(&format!("{name}:")));
    }
    // The folder as a whole: every file reported, none stops the others.
    let run = yomu(&corpus(), &["check", "bad", "good"]);
    run.exit(1);
    for name in listed {
        assert!(
            run.stderr.contains(&format!("bad/{name}:")),
            "{name} missing"
        );
    }
    assert!(
        run.stdout
            .starts_with("14 files checked: 1 valid, 13 invalid ("),
        "{}",
        run.stdout
    );
}

#[test]
fn a_folder_with_one_bad_file_is_invalid() {
    let dir = TempDir::new("mixed");
    std::fs::create_dir(dir.0.join("lib")).expect("mkdir");
    dir.write("lib/good.toml", format!("title = \"t\"\n{SECTION}"))
        .write("lib/bad.toml", "title = \"t\"\n")
        .write("lib/.hidden.toml", "garbage")
        .write("lib/notes.txt", "garbage");
    let run = dir.check(&["lib"]);
    run.exit(1).says(&["lib/bad.toml:1:1: error: no sections"]);
    assert!(!run.stderr.contains("good.toml") && !run.stderr.contains("hidden"));
    assert_eq!(
        run.stdout,
        "2 files checked: 1 valid, 1 invalid (1 error)\n"
    );

    std::fs::remove_file(dir.0.join("lib/bad.toml")).expect("rm");
    let run = dir.check(&["lib/"]);
    run.exit(0);
    assert_eq!(run.stdout, "lib/: 1 briefing valid\n");
}

// ---- files refused before parsing (exit 2) --------------------------------------------------

#[test]
fn a_file_over_16_mib_is_refused_before_reading() {
    let dir = TempDir::new("large");
    let f = std::fs::File::create(dir.0.join("big.toml")).expect("create");
    f.set_len(17 * 1024 * 1024).expect("sparse file");
    dir.check(&["big.toml"])
        .exit(2)
        .says(&["big.toml: file is 17825792 bytes, over the limit of 16777216 bytes (16 MiB)"]);
}

#[test]
fn text_that_is_not_utf8_is_refused_with_its_offset() {
    let dir = TempDir::new("latin1");
    dir.write("x.toml", b"title = \"caf\xe9\"\n");
    dir.check(&["x.toml"])
        .exit(2)
        .says(&["x.toml: not UTF-8 text (invalid byte at offset 12)"]);
}

#[test]
fn binary_garbage_is_called_binary() {
    let dir = TempDir::new("binary");
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    dir.write(
        "x.toml",
        [&b"\x7fELF\x02\x01\x01\x00"[..], &garbage].concat(),
    );
    dir.check(&["x.toml"])
        .exit(2)
        .says(&["x.toml: looks like a binary file (NUL byte at offset 7)"]);
}

#[test]
fn a_directory_or_fifo_where_a_file_is_expected() {
    let dir = TempDir::new("notfile");
    std::fs::create_dir(dir.0.join("sub.toml")).expect("mkdir");
    dir.write("ok.toml", format!("title = \"t\"\n{SECTION}"));
    let run = dir.check(&["."]);
    run.exit(2).says(&["sub.toml: not a regular file"]);
    assert_eq!(
        run.stdout,
        "2 files checked: 1 valid, 0 invalid, 1 unreadable\n"
    );

    let made = Command::new("mkfifo")
        .arg(dir.0.join("pipe.toml"))
        .status()
        .is_ok_and(|s| s.success());
    if made {
        // Never opened, so it cannot block.
        dir.check(&["pipe.toml"])
            .exit(2)
            .says(&["pipe.toml: not a regular file"]);
    }
}

#[test]
fn a_symlink_loop_is_an_io_error_not_a_hang() {
    let dir = TempDir::new("loop");
    std::os::unix::fs::symlink("b.toml", dir.0.join("a.toml")).expect("symlink");
    std::os::unix::fs::symlink("a.toml", dir.0.join("b.toml")).expect("symlink");
    dir.check(&["a.toml"])
        .exit(2)
        .says(&["a.toml: cannot read:"]);
    let run = dir.check(&["."]);
    run.exit(2)
        .says(&["a.toml: cannot read:", "b.toml: cannot read:"]);
}

#[test]
fn a_symlink_to_a_briefing_is_followed() {
    let dir = TempDir::new("link");
    dir.write("real.toml", format!("title = \"t\"\n{SECTION}"));
    std::os::unix::fs::symlink("real.toml", dir.0.join("link.toml")).expect("symlink");
    dir.check(&["link.toml"]).exit(0);
}

#[test]
fn an_unreadable_file_is_an_io_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("perm");
    dir.write("x.toml", "title = \"t\"\n");
    let path = dir.0.join("x.toml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
    if !root {
        dir.check(&["x.toml"])
            .exit(2)
            .says(&["x.toml: cannot read: "]);
        return;
    }
    // chmod 000 does not stop root (CI runs as root): run as nobody, from a
    // copy of the binary nobody can reach wherever the checkout is.
    let bin = dir.0.join("yomu");
    // Copied by `cp`, not in this process: a test thread forking meanwhile
    // would inherit the open file and the exec would fail as "text file busy".
    let copied = Command::new("cp")
        .arg(env!("CARGO_BIN_EXE_yomu"))
        .arg(&bin)
        .status()
        .expect("cp runs");
    assert!(copied.success(), "copy the binary");
    let mut setpriv = Command::new("setpriv");
    for x in common::XDG {
        setpriv.env(x, common::NO_HOME);
    }
    let out = setpriv
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&bin)
        .args(["check", "x.toml"])
        .current_dir(&dir.0)
        .output()
        .expect("setpriv runs (util-linux)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("x.toml: cannot read: "), "{stderr}");
}

#[test]
fn missing_paths_fail_after_the_others_are_checked() {
    let dir = TempDir::new("missing");
    dir.write("bad.toml", "title = \"t\"\n");
    let run = dir.check(&["nope.toml", "bad.toml"]);
    run.exit(2).says(&[
        "error: nope.toml: cannot read: ",
        "bad.toml:1:1: error: no sections",
    ]);
    assert_eq!(
        run.stdout,
        "2 files checked: 0 valid, 1 invalid, 1 unreadable (1 error)\n"
    );
}

#[test]
fn a_closed_stdout_does_not_panic() {
    let dir = TempDir::new("pipe");
    dir.write("x.toml", "title = \"t\"\n");
    let mut child = common::yomu()
        .args(["check", "x.toml"])
        .current_dir(&dir.0)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn large_briefings_report_problems_at_their_line() {
    // Large files are parsed section by section in parallel; a problem deep
    // inside one is still reported at its line and column in the file.
    let mut src = yomu::synth::large_briefing(200);
    assert!(
        src.len() > 256 * 1024,
        "large enough to be parsed in chunks"
    );
    let lines = src.lines().count();
    src.push_str("\n[[sections]]\nheading = \"最後\"\nheadlin = \"x\"\n");
    src.push_str("[[sections.sources]]\nname = \"n\"\nurl = \"ftp://example.com/\"\n");
    let run = check_src("large", &src);
    run.exit(1).says(&[
        &format!("x.toml:{}:1: error: unknown key `headlin`", lines + 4),
        &format!("x.toml:{}:7: error:", lines + 7),
    ]);
    // Warnings too, and a valid large file is valid.
    let valid = yomu::synth::large_briefing(200);
    check_src("large-ok", &valid).exit(0);
    let warned = valid.replacen("lead = \"", "lead = \"\\u001b", 150);
    let run = check_src("large-warn", &warned);
    run.exit(0);
    assert_eq!(run.stdout, "x.toml: valid (150 warnings)\n");
}
