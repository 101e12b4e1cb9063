//! `yomu check` on the real binary: one test per rule of docs/format.md (message,
//! line and column), the corpus of bad files under `tests/corpus/bad`, and
//! the files that are refused before parsing (too large, not UTF-8, binary,
//! not a regular file, a symlink loop), generated at test time in a
//! temporary folder. Every run is also checked for panics and backtraces,
//! and killed if it hangs.

use std::path::{Path, PathBuf};

use crate::common::{self, Run, TempDir};

/// Run `yomu args...` in `dir` (the harness's [`Run`]: no hang, no panic).
pub(crate) fn yomu(dir: &Path, args: &[&str]) -> Run {
    let mut cmd = common::yomu();
    cmd.args(args).current_dir(dir);
    Run::of(cmd)
}

/// `yomu check args...` in a folder.
pub(crate) trait Check {
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
pub(crate) fn check_src(name: &str, src: &str) -> Run {
    let dir = TempDir::new(name);
    dir.write("x.toml", src);
    dir.check(&["x.toml"])
}

pub(crate) const SECTION: &str = "[[sections]]\nheading = \"見出し\"\n";

pub(crate) fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

// ---- valid briefings ------------------------------------------------------

/// The complete example of docs/format.md is a briefing `yomu check`
/// accepts without a warning: a reader who copies it starts from a valid file.
#[test]
fn the_format_documents_complete_example_checks_clean() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md"))
        .expect("docs/format.md");
    let after = doc
        .split("## A complete example")
        .nth(1)
        .expect("docs/format.md has a complete example");
    let example = after
        .split("```toml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("the complete example is a toml block");
    assert!(example.contains("[[sections]]"), "{example}");
    let run = check_src("format-example", example);
    run.exit(0);
    assert_eq!(run.stderr, "", "warnings for the documented example");
}

#[test]
fn no_path_checks_the_default_library() {
    let dir = TempDir::new("default");
    let run = dir.check(&[]);
    run.exit(0);
    assert_eq!(run.stdout, "built-in samples: 3 briefings valid\n");
    std::fs::create_dir(dir.join("briefings")).expect("mkdir");
    dir.write("briefings/a.toml", format!("title = \"A\"\n{SECTION}"));
    dir.write("briefings/b.toml", "title = \"B\"\n");
    let run = dir.check(&[]);
    run.exit(1)
        .says(&["briefings/b.toml:1:1: error: no sections"]);
    assert_eq!(
        run.stdout,
        "2 files checked: 1 valid, 1 invalid (1 error)\n"
    );
    std::fs::remove_file(dir.join("briefings/b.toml")).expect("rm");
    assert_eq!(dir.check(&[]).stdout, "briefings: 1 briefing valid\n");
}

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

// ------------------------------------------------------------- TOML 1.1

#[test]
fn check_warns_about_toml_1_1_spellings_with_their_toml_1_0_form() {
    let dir = crate::common::TempDir::new("toml11");
    dir.write(
        "b.toml",
        "title = \"時刻\"\npublished = 2025-03-18T10:00\nlanguage = \"ja\"\n\n[[sections]]\nheading = \"見出し\"\nbody = [\"本文\\x41。\"]\nsources = [{ name = \"a\",\n  url = \"https://a.example/\", }]\n",
    );
    let r = Run::of({
        let mut c = crate::common::yomu();
        c.arg("check").arg(dir.join("b.toml"));
        c
    });
    r.exit(0).says(&[
        "b.toml:2:24: warning: the time `10:00` has no seconds",
        "write the seconds: 10:00:00",
        "b.toml:7:12: warning: the escape `\\x41`",
        "write \\u0041",
        "b.toml:8:25: warning: a line break inside an inline table",
        "b.toml:9:29: warning: a comma before the `}` of an inline table",
    ]);
    assert!(r.stdout.contains("(4 warnings)"), "{}", r.stdout);
    // The same briefing in TOML 1.0: nothing to say.
    dir.write(
        "ok.toml",
        "title = \"時刻\"\npublished = 2025-03-18T10:00:00\nlanguage = \"ja\"\n\n[[sections]]\nheading = \"見出し\"\nbody = [\"本文\\u0041。\"]\nsources = [{ name = \"a\", url = \"https://a.example/\" }]\n",
    );
    let r = Run::of({
        let mut c = crate::common::yomu();
        c.arg("check").arg(dir.join("ok.toml"));
        c
    });
    r.exit(0);
    assert_eq!(r.stderr, "");
}
