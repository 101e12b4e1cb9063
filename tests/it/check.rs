//! `yomu check` on the real binary: one test per rule of docs/format.md (message,
//! line and column), the corpus of bad files under `tests/corpus/bad`, and
//! the files that are refused before parsing (too large, not UTF-8, binary,
//! not a regular file, a symlink loop), generated at test time in a
//! temporary folder. Every run is also checked for panics and backtraces,
//! and killed if it hangs.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::{self, Run, TempDir};

/// Run `yomu args...` in `dir` (the harness's [`Run`]: no hang, no panic).
fn yomu(dir: &Path, args: &[&str]) -> Run {
    let mut cmd = common::yomu();
    cmd.args(args).current_dir(dir);
    Run::of(cmd)
}

/// `yomu check args...` in a folder.
trait Check {
    fn check(&self, args: &[&str]) -> Run;
}

impl Check for TempDir {
    fn check(&self, args: &[&str]) -> Run {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        yomu(self.path(), &all)
    }
}

/// Check `src` saved as `x.toml`.
fn check_src(name: &str, src: &str) -> Run {
    let dir = TempDir::new(name);
    dir.write("x.toml", src);
    dir.check(&["x.toml"])
}

const SECTION: &str = "[[sections]]\nheading = \"見出し\"\n";

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

// ---- valid briefings ------------------------------------------------------

#[test]
fn a_valid_briefing_passes() {
    let run = yomu(&corpus().join("good"), &["check", "ukraine.toml"]);
    run.exit(0);
    assert_eq!(run.stdout, "ukraine.toml: valid\n");
    assert_eq!(run.stderr, "");
}

#[test]
fn published_accepts_dates_and_date_times() {
    for date in [
        "2025-03-04",
        "2025-03-04T09:30:00",
        "2025-03-04T09:30:00+09:00",
        "2025-03-04 09:30:00Z",
    ] {
        check_src(
            "dates",
            &format!("title = \"t\"\npublished = {date}\n{SECTION}"),
        )
        .exit(0);
    }
}

// ---- required keys ----------------------------------------------------------

#[test]
fn title_is_required() {
    check_src("title", &format!("subtitle = \"s\"\n{SECTION}"))
        .exit(1)
        .says(&[
            "x.toml:1:1: error: missing required key `title`",
            "hint: add a line: title = \"…\"",
        ]);
}

#[test]
fn required_strings_must_not_be_blank() {
    check_src("blank", &format!("title = \"  \"\n{SECTION}"))
        .exit(1)
        .says(&["x.toml:1:9: error: `title` must not be empty"]);
    check_src(
        "blank-heading",
        "title = \"t\"\n[[sections]]\nheading = \"\"\n",
    )
    .exit(1)
    .says(&["x.toml:3:11: error: `heading` must not be empty"]);
}

#[test]
fn a_section_is_required() {
    check_src("nosec", "title = \"t\"\n")
        .exit(1)
        .says(&["x.toml:1:1: error: no sections: a briefing needs at least one [[sections]]"]);
    check_src("emptysec", "title = \"t\"\nsections = []\n")
        .exit(1)
        .says(&["x.toml:2:12: error: `sections` must have at least one section"]);
}

#[test]
fn heading_name_and_url_are_required() {
    let src = "title = \"t\"\n\n[[sections]]\nlead = \"l\"\n\n[[sections.sources]]\nname = \"n\"\n\n[[sections.sources]]\nurl = \"https://a.jp\"\n";
    check_src("req", src).exit(1).says(&[
        "x.toml:3:1: error: missing required key `heading` in [[sections]]",
        "x.toml:6:1: error: missing required key `url` in [[sections.sources]]",
        "x.toml:9:1: error: missing required key `name` in [[sections.sources]]",
    ]);
}

// ---- types --------------------------------------------------------------------

#[test]
fn wrong_types_say_expected_and_found() {
    let src = format!(
        "title = 1\ntags = 2\ntakeaways = [\"a\", true]\nsummary = [\"x\"]\n{SECTION}body = \"段落\"\n"
    );
    let run = check_src("types", &src);
    run.exit(1).says(&[
        "x.toml:1:9: error: `title` must be a string, found an integer",
        "hint: put it in quotes: title = \"1\"",
        "x.toml:2:8: error: `tags` must be an array of strings, found an integer",
        "x.toml:3:19: error: every item of `takeaways` must be a string, found a boolean",
        "x.toml:4:11: error: `summary` must be a string, found an array",
        "x.toml:7:8: error: `body` must be an array of strings, found a string",
        "hint: put it in brackets: body = [\"段落\"]",
    ]);
    assert_eq!(
        run.stdout,
        "1 file checked: 0 valid, 1 invalid (5 errors)\n"
    );
}

#[test]
fn sections_must_be_an_array_of_tables() {
    check_src(
        "single",
        "title = \"t\"\n\n[sections]\nheading = \"h\"\nkeypoint = []\n",
    )
    .exit(1)
    .says(&[
        "x.toml:3:1: error: `sections` must be an array of tables, found a table",
        "hint: write the header with two brackets: [[sections]]",
        // The table's contents are still checked.
        "x.toml:5:1: error: unknown key `keypoint` in [[sections]]",
    ]);
}

#[test]
fn published_as_a_string_hints_the_unquoted_form() {
    let run = check_src(
        "quoted",
        &format!("title = \"t\"\n\npublished = \"2025-03-04\"\n{SECTION}"),
    );
    run.exit(1);
    assert!(
        run.stderr.contains(
            "x.toml:3:13: error: `published` must be a TOML date, not a string\n  |\n\
             3 | published = \"2025-03-04\"\n  |             ^^^^^^^^^^^^\n  \
             = hint: remove the quotes: published = 2025-03-04\n"
        ),
        "{}",
        run.stderr
    );
    check_src(
        "quoted-ja",
        &format!("title = \"t\"\n{SECTION}published = \"2025年3月4日\"\n"),
    )
    .exit(1)
    .says(&["x.toml:4:13: error:", "published = 2025-03-04"]);
}

#[test]
fn a_time_alone_is_not_a_date() {
    check_src(
        "time",
        &format!("title = \"t\"\npublished = 07:32:00\n{SECTION}"),
    )
    .exit(1)
    .says(&["x.toml:2:13: error: `published` must have a date; a time alone is not enough"]);
}

// ---- unknown keys ---------------------------------------------------------------

#[test]
fn unknown_keys_suggest_the_closest() {
    let src = "Title = \"t\"\ntitle = \"t\"\n[[sections]]\nheading = \"h\"\nkeypoints = []\nkeypoint = []\nauthor = \"a\"\n";
    check_src("unknown", src).exit(1).says(&[
        "x.toml:1:1: error: unknown key `Title`",
        "hint: did you mean `title`?",
        "x.toml:5:1: error: unknown key `keypoints`",
        "x.toml:6:1: error: unknown key `keypoint`",
        "hint: did you mean `key_points`?",
        "x.toml:7:1: error: unknown key `author` in [[sections]]",
        "hint: the keys allowed here are: `heading`",
    ]);
}

#[test]
fn top_level_keys_after_a_section_say_where_they_belong() {
    check_src(
        "misplaced",
        &format!("title = \"t\"\n{SECTION}takeaways = [\"x\"]\n"),
    )
    .exit(1)
    .says(&[
        "x.toml:4:1: error: unknown key `takeaways` in [[sections]]",
        "`takeaways` is a top-level key: move it above the first [[sections]]",
    ]);
}

// ---- URLs ---------------------------------------------------------------------------

fn check_url(name: &str, url: &str) -> Run {
    check_src(
        name,
        &format!("title = \"t\"\n{SECTION}[[sections.sources]]\nname = \"n\"\nurl = \"{url}\"\n"),
    )
}

#[test]
fn urls_must_be_absolute_web_addresses() {
    let cases = [
        (
            "javascript:alert(1)",
            "`url` must be an http:// or https:// URL, not `javascript:`",
        ),
        (
            "file:///etc/passwd",
            "`url` must be an http:// or https:// URL, not `file:`",
        ),
        (
            "../news/1.html",
            "`url` must be an absolute http:// or https:// URL, not a relative path",
        ),
        (
            "/news/1.html",
            "`url` must be an absolute http:// or https:// URL, not a relative path",
        ),
        ("https://example.com/a b", "`url` must not contain spaces"),
        (
            "https:example.com",
            "`url` must have `//` and a host after `https:`",
        ),
        ("https://", "`url` has no host"),
        ("", "`url` must not be empty"),
    ];
    for (i, (url, message)) in cases.iter().enumerate() {
        check_url(&format!("url{i}"), url)
            .exit(1)
            .says(&[&format!("x.toml:6:7: error: {message}"), "hint: "]);
    }
}

#[test]
fn non_ascii_hosts_and_paths_are_valid() {
    check_url("idn", "https://例え.jp/ニュース/停戦?q=和平#章").exit(0);
    check_url("http", "http://EXAMPLE.com").exit(0);
}

// ---- syntax, empty files, BOM -----------------------------------------------------------

#[test]
fn syntax_errors_have_positions() {
    check_src("syntax", "title = \"t\"\n[[sections]]\nheading = 見出し\n")
        .exit(1)
        .says(&[
            "x.toml:3:11: error: invalid TOML: string values must be quoted",
            "hint: ",
        ]);
}

#[test]
fn every_problem_is_reported() {
    let src = "title = \"\"\nsubtitle = 1\n[[sections]]\nkeypoints = []\n[[sections.sources]]\nname = \"n\"\nurl = \"ftp://x\"\n";
    let run = check_src("every", src);
    run.exit(1).says(&[
        "x.toml:1:9: error: `title`",
        "x.toml:2:12: error: `subtitle`",
        "x.toml:3:1: error: missing required key `heading`",
        "x.toml:4:1: error: unknown key `keypoints`",
        "x.toml:7:7: error: `url`",
    ]);
    assert_eq!(
        run.stdout,
        "1 file checked: 0 valid, 1 invalid (5 errors)\n"
    );
}

#[test]
fn empty_files_are_invalid() {
    for (name, src) in [("empty", ""), ("blank", "\n  \n"), ("bom", "\u{feff}")] {
        check_src(name, src).exit(1).says(&[
            "x.toml:1:1: error: empty file: a briefing needs at least `title` and one [[sections]]",
        ]);
    }
}

#[test]
fn a_bom_is_skipped_and_positions_stay_right() {
    check_src("bom-ok", &format!("\u{feff}title = \"t\"\n{SECTION}")).exit(0);
    check_src("bom-bad", &format!("\u{feff}title = 1\n{SECTION}"))
        .exit(1)
        .says(&["x.toml:1:9: error: `title` must be a string"]);
}

#[test]
fn carets_line_up_under_japanese_text() {
    let run = check_src(
        "caret",
        &format!("title = \"t\"\ntags = [\"ウクライナ\", 1]\n{SECTION}"),
    );
    run.exit(1);
    // `tags = ["ウクライナ", ` is 17 characters and 22 cells wide.
    let expected = format!(
        "x.toml:2:18: error: every item of `tags` must be a string, found an integer\n  |\n\
         2 | tags = [\"ウクライナ\", 1]\n  | {}^\n",
        " ".repeat(22)
    );
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
}

#[test]
fn carets_follow_the_ambiguous_width() {
    // `※…` is 2 cells by default and 4 with --ambiguous-width 2.
    let dir = TempDir::new("ambiguous");
    dir.write(
        "x.toml",
        format!("title = \"t\"\ntags = [\"※…\", 1]\n{SECTION}"),
    );
    let caret = |n: usize| format!("\n  | {}^\n", " ".repeat(n));
    let run = dir.check(&["x.toml"]);
    assert!(run.stderr.contains(&caret(14)), "{}", run.stderr);
    let run = dir.check(&["--ambiguous-width", "2", "x.toml"]);
    assert!(run.stderr.contains(&caret(16)), "{}", run.stderr);
}

// ---- warnings ------------------------------------------------------------------------------

#[test]
fn control_and_bidi_characters_are_warnings() {
    let src =
        format!("title = \"t\"\nsummary = \"赤\\u001b[31m\"\n{SECTION}body = [\"a\u{202e}b\"]\n");
    let run = check_src("warn", &src);
    run.exit(0).says(&[
        "x.toml:2:11: warning: `summary` contains control or bidi characters; they will be shown visibly or dropped",
        "x.toml:5:9: warning: `body` contains control or bidi characters",
    ]);
    assert_eq!(run.stdout, "x.toml: valid (2 warnings)\n");
    assert!(!run.stderr.contains('\u{202e}') && !run.stderr.contains('\u{1b}'));
}

#[test]
fn furigana_notation_shown_as_text_is_a_warning_at_its_character() {
    // Columns count characters: `body = ["` is 9, then the text.
    let src = format!(
        "title = \"漢字《かんじ》は正しい\"\n{SECTION}body = [\"本《ほん\", \"語《》\", \"あ｜いう\"]\n\
         lead = \"\"\"\n\\u6F22《》\"\"\"\n"
    );
    let run = check_src("ruby", &src);
    run.exit(0).says(&[
        "x.toml:4:11: warning: `body` has a `《` that is never closed; it is shown as text",
        "close the reading with `》` on the same line",
        "x.toml:4:19: warning: `body` has an empty reading `《》`; it is shown as text",
        "x.toml:4:26: warning: `body` has a `｜` that no reading follows; it is shown as text",
        // Written with an escape: the whole string is pointed at.
        "x.toml:5:8: warning: `lead` has an empty reading",
    ]);
    assert_eq!(run.stdout, "x.toml: valid (4 warnings)\n");
}

#[test]
fn escapes_in_file_names_never_reach_the_terminal() {
    let dir = TempDir::new("escname");
    dir.write("\u{1b}[31mx.toml", "title = 1\n");
    let run = dir.check(&["."]);
    run.exit(1).says(&["␛[31mx.toml:1:9: error:"]);
    assert!(!run.stderr.contains('\u{1b}') && !run.stdout.contains('\u{1b}'));
}

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
        setpriv.env(x, "/nonexistent/yomu-tests");
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
fn check_without_a_path_is_a_usage_error() {
    let dir = TempDir::new("usage");
    dir.check(&[]).exit(2);
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
