//! `yomu search` through the real binary: output lines, normalisation,
//! `--kana`, exit codes 0 (matched), 1 (nothing), 2 (I/O or usage), and a
//! closed pipe.

use std::io::Read;
use std::process::Stdio;

use crate::common::yomu;

const SEED: &str = "briefings/zelensky-peace-2025.toml";

fn search(args: &[&str]) -> (String, String, i32) {
    let out = yomu().arg("search").args(args).output().expect("runs");
    (
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn one_line_per_match_with_file_and_section() {
    let (out, err, code) = search(&["ロシア", SEED]);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 13, "{out}");
    for l in &lines {
        assert!(l.starts_with(&format!("{SEED}:")), "{l}");
        assert!(l.contains("ロシア"), "{l}");
        let section = l[SEED.len() + 1..].split(':').next().unwrap_or("");
        assert!(
            ["cover", "1", "2", "3"].contains(&section),
            "{section:?} in {l}"
        );
        assert!(!l.contains('\u{1b}'));
    }
    assert!(
        lines[0].starts_with(&format!("{SEED}:cover: ")),
        "{}",
        lines[0]
    );
    assert!(lines.iter().any(|l| l.starts_with(&format!("{SEED}:3: "))));
}

#[test]
fn context_is_about_thirty_cells_each_side() {
    let (out, _, code) = search(&["和平の糸口", SEED]);
    assert_eq!(code, 0);
    let l = out.lines().next().expect("a line");
    let text = l.split_once(": ").expect("text").1;
    assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
    let w = unicode_width::UnicodeWidthStr::width(text);
    assert!((40..=80).contains(&w), "{w}: {text}");
}

#[test]
fn normalised_queries_find_the_text() {
    // GLOBE is a source name of the seed: fullwidth and lower case find it.
    for q in ["ｾﾞﾚﾝｽｷｰ", "ＧＬＯＢＥ", "globe", "３年", "3年"] {
        let (out, err, code) = search(&[q, SEED]);
        assert_eq!(code, 0, "{q}: {out}{err}");
    }
    let (a, _, _) = search(&["ＧＬＯＢＥ", SEED]);
    assert!(a.contains("GLOBE"), "{a}");
    let (a, _, _) = search(&["３年", SEED]);
    let (b, _, _) = search(&["3年", SEED]);
    assert_eq!(a, b);
}

#[test]
fn kana_option_matches_hiragana_to_katakana() {
    let (out, _, code) = search(&["うくらいな", SEED]);
    assert_eq!((code, out.as_str()), (1, ""));
    let (out, _, code) = search(&["--kana", "うくらいな", SEED]);
    assert_eq!(code, 0);
    assert!(out.contains("ウクライナ"), "{out}");
}

#[test]
fn a_library_is_searched_file_by_file() {
    let (out, _, code) = search(&["和平", "briefings"]);
    assert_eq!(code, 0);
    assert!(
        out.lines()
            .any(|l| l.starts_with("briefings/zelensky-peace-2025.toml:"))
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("briefings/yomu-guide.toml:"))
    );
}

#[test]
fn exit_codes() {
    let (out, err, code) = search(&["まったく存在しない語句", SEED]);
    assert_eq!((code, out.as_str(), err.as_str()), (1, "", ""));
    let (out, err, code) = search(&["和平", "no/such/file.toml"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("no/such/file.toml"), "{err}");
    let (_, err, code) = search(&["", SEED]);
    assert_eq!(code, 2, "{err}");
    let (_, _, code) = search(&[]);
    assert_eq!(code, 2, "QUERY is required");
}

#[test]
fn invalid_files_are_reported_and_the_others_searched() {
    let dir = std::env::temp_dir().join(format!("yomu-search-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    // Broken, and holding the query: reported. Broken, and its bytes
    // prove it cannot match: not a search's business (`yomu check`'s).
    std::fs::write(dir.join("bad.toml"), "title = \"和平\n").expect("write");
    std::fs::write(dir.join("other.toml"), "title = \n").expect("write");
    std::fs::copy(
        format!("{}/{SEED}", env!("CARGO_MANIFEST_DIR")),
        dir.join("good.toml"),
    )
    .expect("copy");
    let out = yomu()
        .args(["search", "和平"])
        .arg(&dir)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.toml"), "{stderr}");
    assert!(!stderr.contains("other.toml"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("good.toml:cover: "));
    let check = yomu().arg("check").arg(&dir).output().expect("runs");
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stderr).contains("other.toml"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let mut child = yomu()
        .args(["search", "の", "briefings"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let mut first = [0u8; 10];
    child
        .stdout
        .as_mut()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("reads");
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .as_mut()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    let st = child.wait().expect("exits");
    assert_eq!(st.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn count_and_files_of_one_briefing() {
    let (out, err, code) = search(&["-c", "ロシア", SEED]);
    assert_eq!(
        (out.as_str(), code),
        (format!("{SEED}:13\n").as_str(), 0),
        "{err}"
    );
    let (out, _, code) = search(&["--files-with-matches", "ロシア", SEED]);
    assert_eq!((out.as_str(), code), (format!("{SEED}\n").as_str(), 0));
    for flag in ["-c", "-l"] {
        let (out, err, code) = search(&[flag, "ない言葉", SEED]);
        assert_eq!((out.as_str(), err.as_str(), code), ("", "", 1), "{flag}");
    }
    // One or the other: asking both is a usage error.
    let (out, err, code) = search(&["-c", "-l", "ロシア", SEED]);
    assert_eq!((out.as_str(), code), ("", 2));
    assert!(err.contains("--count"), "{err}");
}
