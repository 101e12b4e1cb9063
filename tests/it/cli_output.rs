//! What the commands write for other programs and for people: one JSON
//! shape (an array of briefings with their paths, and JSON Lines), and
//! colour on the command line (`--color`, NO_COLOR, CLICOLOR,
//! CLICOLOR_FORCE), through the real binary.

use crate::common::{text, yomu_in_repo as yomu};

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
