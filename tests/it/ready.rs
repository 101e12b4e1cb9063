//! What a new user meets first, through the real binary: the manual pages
//! (`yomu man --dir`, rendered by `man` when it is installed), the JSON
//! Schema kept in step with the loader, colour on the command line
//! (`--color`, NO_COLOR, CLICOLOR, CLICOLOR_FORCE), one JSON shape and JSON
//! Lines, and the plain reader (`--plain`, `TERM=dumb`) and the full-screen
//! reader's cursor and quiet idle screen in tmux.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use crate::common::{Tmux, have_tmux, seed, yomu_bin};

/// `yomu ARGS` in the repository, with every XDG folder in a temporary
/// place and no colour variables from the person running the tests.
fn yomu(args: &[&str], env: &[(&str, &str)]) -> Output {
    let home = std::env::temp_dir().join(format!("yomu-ready-home-{}", std::process::id()));
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
    cmd.output().expect("yomu runs")
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("yomu-ready-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

// ---- the manual pages ----

#[test]
fn man_dir_writes_every_page_it_refers_to() {
    let dir = temp("man");
    let out = yomu(&["man", "--dir", dir.to_str().expect("utf-8")], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let main = std::fs::read_to_string(dir.join("yomu.1")).expect("yomu.1");
    for section in [
        "SYNOPSIS",
        "OPTIONS",
        "SUBCOMMANDS",
        "KEYS",
        "FILES",
        "ENVIRONMENT",
        "\"EXIT STATUS\"",
        "\"BRIEFING FORMAT\"",
        "EXAMPLES",
        "\"SEE ALSO\"",
    ] {
        assert!(main.contains(&format!(".SH {section}\n")), "no {section}");
    }
    for var in [
        "BROWSER",
        "NO_COLOR",
        "CLICOLOR",
        "CLICOLOR_FORCE",
        "XDG_CONFIG_HOME",
        "XDG_CACHE_HOME",
        "LANG",
    ] {
        assert!(main.contains(var), "{var}");
    }
    // Keys come from the key table: one the help screen has too.
    assert!(main.contains("list every link of the briefing"));
    // Every page yomu.1 refers to (`yomu-export(1)` …) exists, and each
    // has its own sections.
    let mut referred = 0;
    for cmd in [
        "export",
        "check",
        "search",
        "completions",
        "man",
        "schema",
        "import",
        "feeds",
        "sync",
    ] {
        let name = format!("yomu-{cmd}");
        assert!(
            main.contains(&format!("{}(1)", name.replace('-', "\\-"))),
            "{name}"
        );
        let page = std::fs::read_to_string(dir.join(format!("{name}.1"))).expect("page");
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "\"EXIT STATUS\""] {
            assert!(
                page.contains(&format!(".SH {section}\n")),
                "{name}: {section}"
            );
        }
        referred += 1;
    }
    let files = std::fs::read_dir(&dir).expect("dir").count();
    assert_eq!(files, referred + 1);
    // Without --dir: yomu.1 on stdout, the same page.
    let out = yomu(&["man"], &[]);
    assert_eq!(text(&out.stdout), main);
    // Rendered by man(1), when installed: no warnings, sections shown.
    let rendered = Command::new("man")
        .args(["-l", "-Tutf8", "--warnings"])
        .arg(dir.join("yomu.1"))
        .env("MANWIDTH", "80")
        .env("MAN_KEEP_FORMATTING", "0")
        .output();
    match rendered {
        Ok(r) if r.status.success() => {
            let page = text(&r.stdout);
            let plain: String = strip_overstrike(&page);
            assert!(plain.contains("EXIT STATUS"), "{plain}");
            assert!(plain.contains("yomu-export(1)"), "{plain}");
            let warnings = text(&r.stderr);
            assert!(warnings.trim().is_empty(), "man warns: {warnings}");
        }
        _ => eprintln!("man not usable here: roff checked by hand above only"),
    }
    // Roff sanity, whatever renders it: every request is known, no line
    // starts with a stray dot or quote.
    for line in main.lines() {
        if let Some(req) = line.strip_prefix('.') {
            let name = req.split_whitespace().next().unwrap_or("");
            assert!(
                [
                    "TH", "SH", "SS", "TP", "PP", "IP", "RS", "RE", "B", "I", "br", "ie", "el",
                    "ds", "fi", "nf", "sp", "in"
                ]
                .contains(&name),
                "unknown request: {line}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `man` output without backspace overstriking (bold, underline).
fn strip_overstrike(s: &str) -> String {
    let mut out: Vec<char> = Vec::new();
    for c in s.chars() {
        if c == '\u{8}' {
            out.pop();
        } else {
            out.push(c);
        }
    }
    out.into_iter().collect()
}

// ---- the JSON Schema ----

/// A TOML value as editors check it: dates become strings (RFC 3339).
fn to_json(v: &toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        toml::Value::String(s) => J::String(s.clone()),
        toml::Value::Integer(i) => J::from(*i),
        toml::Value::Float(f) => J::from(*f),
        toml::Value::Boolean(b) => J::Bool(*b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            J::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

fn schema() -> jsonschema::Validator {
    let out = yomu(&["schema"], &[]);
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    jsonschema::draft202012::new(&schema).expect("a valid draft 2020-12 schema")
}

fn toml_files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_schema_accepts_what_the_loader_accepts() {
    let v = schema();
    let mut good = toml_files("tests/corpus/good");
    good.extend(toml_files("briefings"));
    assert!(good.len() >= 4);
    for f in &good {
        let src = std::fs::read_to_string(f).expect("read");
        assert!(yomu::briefing::parse_str("x", &src).is_ok(), "{f:?}");
        let value: toml::Value = toml::from_str(&src).expect("TOML");
        let errors: Vec<String> = v
            .iter_errors(&to_json(&value))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{f:?}: {errors:?}");
    }
    // Every date shape the loader takes.
    for date in [
        "2025-03-04",
        "2025-03-04T09:30:00",
        "2025-03-04T09:30:00+09:00",
        "2025-03-04T09:30:00.5Z",
        "2025-03-04 09:30:00",
    ] {
        let src = format!("title = \"t\"\npublished = {date}\n[[sections]]\nheading = \"h\"\n");
        assert!(yomu::briefing::parse_str("x", &src).is_ok(), "{date}");
        let value: toml::Value = toml::from_str(&src).expect("TOML");
        assert!(v.is_valid(&to_json(&value)), "{date}");
    }
}

/// Bad files the schema cannot refuse, and why.
const NOT_EXPRESSIBLE: &[(&str, &str)] = &[
    // TOML syntax: there is no document to check.
    ("malformed.toml", "not TOML"),
    // A date in quotes is a string, as a real date is once converted to JSON.
    (
        "quoted_date.toml",
        "a string date looks like a date to JSON",
    ),
];

#[test]
fn the_schema_refuses_what_the_loader_refuses_where_it_can_say_why() {
    let v = schema();
    let bad = toml_files("tests/corpus/bad");
    assert!(bad.len() >= 12);
    let mut checked = 0;
    for f in &bad {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let src = std::fs::read_to_string(f).expect("read");
        assert!(yomu::briefing::parse_str("x", &src).is_err(), "{name}");
        let parsed = toml::from_str::<toml::Value>(&src);
        match NOT_EXPRESSIBLE.iter().find(|(n, _)| *n == name) {
            Some((_, "not TOML")) => assert!(parsed.is_err(), "{name}"),
            Some(_) => {
                let value = parsed.expect("TOML");
                assert!(
                    v.is_valid(&to_json(&value)),
                    "{name} is now refused: update NOT_EXPRESSIBLE"
                );
            }
            None => {
                let value = parsed.expect("TOML");
                assert!(!v.is_valid(&to_json(&value)), "{name} passes the schema");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, bad.len() - NOT_EXPRESSIBLE.len());
    // One case per reason, beyond the corpus.
    for (what, src) in [
        (
            "missing heading",
            "title = \"t\"\n[[sections]]\nbody = [\"b\"]\n",
        ),
        (
            "blank title",
            "title = \"  \"\n[[sections]]\nheading = \"h\"\n",
        ),
        (
            "empty name",
            "title = \"t\"\n[[sections]]\nheading = \"h\"\n[[sections.sources]]\nname = \"\"\nurl = \"https://a.jp/\"\n",
        ),
        (
            "missing url",
            "title = \"t\"\n[[sections]]\nheading = \"h\"\n[[sections.sources]]\nname = \"n\"\n",
        ),
        (
            "no host",
            "title = \"t\"\n[[sections]]\nheading = \"h\"\n[[sections.sources]]\nname = \"n\"\nurl = \"https://\"\n",
        ),
        (
            "unknown source key",
            "title = \"t\"\n[[sections]]\nheading = \"h\"\n[[sections.sources]]\nname = \"n\"\nurl = \"https://a.jp/\"\nlink = \"x\"\n",
        ),
        (
            "unknown top key",
            "title = \"t\"\nauthor = \"me\"\n[[sections]]\nheading = \"h\"\n",
        ),
        (
            "published a number",
            "title = \"t\"\npublished = 2025\n[[sections]]\nheading = \"h\"\n",
        ),
        (
            "body item a number",
            "title = \"t\"\n[[sections]]\nheading = \"h\"\nbody = [1]\n",
        ),
    ] {
        assert!(yomu::briefing::parse_str("x", src).is_err(), "{what}");
        let value: toml::Value = toml::from_str(src).expect("TOML");
        assert!(!v.is_valid(&to_json(&value)), "{what} passes the schema");
    }
}

// ---- one JSON shape, JSON Lines ----

#[test]
fn json_is_an_array_with_paths_for_a_file_and_a_folder() {
    let one = yomu(
        &[
            "export",
            "--format",
            "json",
            "briefings/zelensky-peace-2025.toml",
        ],
        &[],
    );
    assert!(one.status.success());
    let v: serde_json::Value = serde_json::from_slice(&one.stdout).expect("JSON");
    let items = v.as_array().expect("an array for a file too");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["path"], "briefings/zelensky-peace-2025.toml");
    assert_eq!(items[0]["title"], "ゼレンスキー大統領の和平への道");
    let all = yomu(&["export", "--format", "json", "briefings"], &[]);
    let v: serde_json::Value = serde_json::from_slice(&all.stdout).expect("JSON");
    let paths: Vec<&str> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|b| b["path"].as_str().expect("path"))
        .collect();
    assert_eq!(paths.len(), 3);
    assert!(
        paths
            .iter()
            .all(|p| p.starts_with("briefings/") && p.ends_with(".toml"))
    );
    // JSON Lines: the same objects, one per line.
    let lines = yomu(&["export", "--format", "jsonl", "briefings"], &[]);
    assert!(lines.status.success());
    let objects: Vec<serde_json::Value> = text(&lines.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one object per line"))
        .collect();
    assert_eq!(serde_json::Value::Array(objects), v);
}

// ---- colour ----

const ESC: &str = "\u{1b}[";

#[test]
fn check_colours_labels_and_carets_when_asked_and_only_then() {
    let bad = "tests/corpus/bad/unknown_key.toml";
    // Into a pipe: no colour by default.
    let plain = yomu(&["check", bad], &[]);
    assert_eq!(plain.status.code(), Some(1));
    assert!(!text(&plain.stderr).contains(ESC));
    let colored = yomu(&["check", "--color", "always", bad], &[]);
    let err = text(&colored.stderr);
    assert!(err.contains("\u{1b}[1m\u{1b}[31m error"), "{err:?}");
    assert!(err.contains("\u{1b}[31m^^^^^^^^^"), "{err:?}");
    assert!(err.contains("= hint:"), "{err:?}");
    // Same text once the codes are taken out.
    let stripped = strip_sgr(&err);
    assert_eq!(stripped, text(&plain.stderr));
    // CLICOLOR_FORCE colours a pipe; NO_COLOR wins over it; --color never wins over both.
    let forced = yomu(&["check", bad], &[("CLICOLOR_FORCE", "1")]);
    assert!(text(&forced.stderr).contains(ESC));
    let none = yomu(
        &["check", bad],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    );
    assert!(!text(&none.stderr).contains(ESC));
    let never = yomu(
        &["check", "--color", "never", bad],
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(!text(&never.stderr).contains(ESC));
    let off = yomu(&["--color=always", "check", bad], &[("NO_COLOR", "1")]);
    assert!(
        text(&off.stderr).contains(ESC),
        "--color always beats NO_COLOR"
    );
}

/// Text without SGR sequences (`ESC [ … m`).
fn strip_sgr(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("\u{1b}[") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let end = after.find('m').map_or(after.len(), |e| e + 1);
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn search_colours_files_sections_and_matches() {
    let out = yomu(
        &[
            "search",
            "--color",
            "always",
            "停戦",
            "briefings/zelensky-peace-2025.toml",
        ],
        &[],
    );
    assert!(out.status.success());
    let s = text(&out.stdout);
    let first = s.lines().next().expect("a match");
    assert!(
        first.starts_with("\u{1b}[35mbriefings/zelensky-peace-2025.toml\u{1b}[0m:\u{1b}[32m"),
        "{first:?}"
    );
    assert!(
        first.contains("\u{1b}[1m\u{1b}[31m停戦\u{1b}[0m"),
        "{first:?}"
    );
    let plain = yomu(
        &["search", "停戦", "briefings/zelensky-peace-2025.toml"],
        &[],
    );
    assert_eq!(strip_sgr(&s), text(&plain.stdout));
}

#[test]
fn export_keeps_colours_for_less_r_when_asked() {
    let colored = yomu(
        &[
            "export",
            "--color",
            "always",
            "briefings/zelensky-peace-2025.toml",
        ],
        &[],
    );
    let s = text(&colored.stdout);
    // The title bold yellow, as in the reader.
    assert!(
        s.starts_with("\u{1b}[1m\u{1b}[33mゼレンスキー"),
        "{:?}",
        &s[..80.min(s.len())]
    );
    let plain = yomu(&["export", "briefings/zelensky-peace-2025.toml"], &[]);
    assert!(!text(&plain.stdout).contains(ESC));
    assert_eq!(strip_sgr(&s), text(&plain.stdout));
    // JSON never gets colour.
    let json = yomu(
        &[
            "export",
            "--color",
            "always",
            "--format",
            "json",
            "briefings",
        ],
        &[],
    );
    assert!(!text(&json.stdout).contains(ESC));
}

// ---- the plain reader ----

#[test]
fn plain_into_a_pipe_is_the_text_export() {
    let plain = yomu(&["--plain", "briefings/zelensky-peace-2025.toml"], &[]);
    assert!(plain.status.success());
    let export = yomu(&["export", "briefings/zelensky-peace-2025.toml"], &[]);
    assert_eq!(plain.stdout, export.stdout);
}

#[test]
fn plain_on_a_dumb_terminal_pages_without_a_full_screen() {
    if !have_tmux() {
        return;
    }
    let t = Tmux::start("plain", 80, 24, &[("TERM", "dumb".into())]);
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        seed()
    ));
    let s = t.wait("-- more");
    assert!(!t.alternate_on(), "no full screen");
    assert!(s.contains("ゼレンスキー大統領の和平への道"), "{s}");
    assert!(!s.contains("1/4 cover"), "not the reader's status bar: {s}");
    // Enter: the next screen, written below (nothing redrawn); q stops.
    t.keys(&["Enter"]);
    std::thread::sleep(Duration::from_millis(300));
    t.keys(&["q", "Enter"]);
    let s = t.wait("EXIT=0");
    assert!(!t.alternate_on());
    assert!(s.matches("-- more").count() >= 1, "{s}");
}

#[test]
fn plain_flag_pages_through_the_pager() {
    if !have_tmux() {
        return;
    }
    // A pager that records what it is given, so the test sees it whole;
    // its argument is quoted (a space in the file name), as a shell would
    // take it.
    let t = Tmux::start("pager", 80, 24, &[("NO_COLOR", "1".into())]);
    let got = t.dir.join("paged text.txt");
    t.run(&format!(
        "PAGER=\"tee '{}'\" {} --plain {}; echo EXIT=$?",
        got.display(),
        yomu_bin().display(),
        seed()
    ));
    t.wait("EXIT=0");
    assert!(!t.alternate_on());
    let paged = std::fs::read_to_string(&got).expect("the pager ran");
    assert!(
        paged.starts_with("ゼレンスキー大統領の和平への道"),
        "{paged}"
    );
    assert!(paged.contains("[1] ロイター"), "{paged}");
    assert!(
        !paged.contains('\u{1b}'),
        "no escapes on a screen reader's line"
    );
}

// ---- the full-screen reader: cursor and a quiet idle screen ----

fn cursor(t: &Tmux) -> (u16, u16, bool) {
    let s = t.tmux(&[
        "display-message",
        "-p",
        "-t",
        "t",
        "#{cursor_x} #{cursor_y} #{cursor_flag}",
    ]);
    let mut it = s.split_whitespace();
    let mut n = || {
        it.next()
            .and_then(|v| v.parse::<u16>().ok())
            .unwrap_or(u16::MAX)
    };
    (n(), n(), n() == 1)
}

#[test]
fn the_cursor_follows_the_selection_and_the_prompt_and_an_idle_screen_is_quiet() {
    if !have_tmux() {
        return;
    }
    let t = Tmux::start("cursor", 80, 24, &[]);
    let log = t.dir.join("bytes.log");
    t.tmux(&[
        "pipe-pane",
        "-t",
        "t",
        "-o",
        &format!("cat >> {}", log.display()),
    ]);
    t.run(&format!(
        "cd {} && {} briefings; echo EXIT=$?",
        env!("CARGO_MANIFEST_DIR"),
        yomu_bin().display()
    ));
    t.wait("3 briefings");
    std::thread::sleep(Duration::from_millis(300));
    // The selected row is the first of the list (row 1, under the header).
    assert_eq!(cursor(&t), (0, 1, true));
    t.keys(&["j"]);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(cursor(&t), (0, 2, true));
    // Idle: nothing is sent to the terminal.
    let before = std::fs::metadata(&log).map(|m| m.len()).unwrap_or(0);
    std::thread::sleep(Duration::from_millis(1200));
    let after = std::fs::metadata(&log).map(|m| m.len()).unwrap_or(0);
    assert!(before > 0);
    assert_eq!(before, after, "an idle reader redrew the screen");
    // The filter prompt: the cursor sits after what was typed, on the status bar.
    t.keys(&["/", "a", "b"]);
    let s = t.wait("filter: ab");
    let row = s
        .lines()
        .position(|l| l.contains("filter: ab"))
        .expect("row") as u16;
    assert_eq!(cursor(&t), ("filter: ab".len() as u16, row, true));
    t.keys(&["Escape", "Escape", "q"]);
    t.wait("EXIT=0");
}
