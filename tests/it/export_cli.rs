//! The exports through the real binary: the seed sample as text at widths
//! 20, 40 and 80 (snapshots, read line by line), Markdown, JSON, the plain
//! output into a pipe, and a closed pipe ending quietly.

use std::io::Read;
use std::process::Stdio;

use unicode_width::UnicodeWidthStr;

use crate::common::yomu;

const SEED: &str = "briefings/zelensky-peace-2025.toml";

fn export(args: &[&str]) -> (String, String, i32) {
    let out = yomu().arg("export").args(args).output().expect("runs");
    (
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
        out.status.code().unwrap_or(-1),
    )
}

fn check_text(width: usize) -> String {
    let (text, err, code) = export(&["--width", &width.to_string(), SEED]);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    for line in text.lines() {
        let url_line = line.trim_start().starts_with("https://");
        assert!(
            line.width() <= width || url_line,
            "{line:?} is wider than {width}"
        );
        let t = line.trim_start();
        for c in ['、', '。', '」', '）', 'ー', 'っ'] {
            assert!(
                !t.starts_with(c),
                "kinsoku broken at width {width}: {line:?}"
            );
        }
        assert!(
            !t.ends_with('「'),
            "kinsoku broken at width {width}: {line:?}"
        );
        assert!(!line.contains('\u{1b}'), "no escapes into a pipe: {line:?}");
    }
    text
}

#[test]
fn seed_as_text_at_20() {
    insta::assert_snapshot!(check_text(20));
}

#[test]
fn seed_as_text_at_40() {
    insta::assert_snapshot!(check_text(40));
}

#[test]
fn seed_as_text_at_80() {
    let text = check_text(80);
    // Every part of the briefing is there.
    for needle in [
        "ゼレンスキー大統領の和平への道",
        "2025年3月12日",
        "#ウクライナ",
        "目次",
        "まとめ",
        "💡 ",
        "Q. ",
        "A. ",
        "✅ ",
        "[1] ロイター",
        "    https://jp.reuters.com/world/ukraine/6IAVYGDXMBLGLDJOP7VZZRHEXM-2025-03-04/",
        "[2] 北國新聞",
        "[3] 朝日新聞",
        "💬 ",
        "2025年2月19日",
    ] {
        assert!(text.contains(needle), "missing {needle:?}");
    }
    insta::assert_snapshot!(text);
}

#[test]
fn piped_default_output_is_the_text_export() {
    let out = yomu()
        .arg(SEED)
        .stdout(Stdio::piped())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let (text, _, _) = export(&[SEED]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), text);
}

#[test]
fn library_export_is_newest_first() {
    let (text, err, code) = export(&["briefings"]);
    assert_eq!(code, 0, "{err}");
    let guide = text.find("yomuの使い方").expect("guide");
    let seed = text.find("ゼレンスキー大統領の和平への道").expect("seed");
    assert!(guide < seed, "2026 before 2025");
}

#[test]
fn markdown_export() {
    let (md, err, code) = export(&["--format", "markdown", SEED]);
    assert_eq!(code, 0, "{err}");
    assert!(md.starts_with("# ゼレンスキー大統領の和平への道\n"), "{md}");
    assert!(md.contains("\n## 1. 揺れる姿勢と和平への模索\n"), "{md}");
    assert!(md.contains("\n**Q.** "), "{md}");
    assert!(md.contains("\n- ✅ "), "{md}");
    assert!(md.contains("\n1. [ロイター](<https://jp.reuters.com/world/ukraine/6IAVYGDXMBLGLDJOP7VZZRHEXM-2025-03-04/>)\n"), "{md}");
    assert!(
        md.contains("\n3. [朝日新聞"),
        "sources numbered as everywhere: {md}"
    );
    assert!(md.contains("\n> 💬 "), "{md}");
    assert!(md.contains("\n## まとめ\n"), "{md}");
}

#[test]
fn json_export_is_the_model() {
    let (json, err, code) = export(&["--format", "json", SEED]);
    assert_eq!(code, 0, "{err}");
    let all: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    // An array for a file as for a folder, each briefing with its path.
    assert_eq!(all.as_array().map(Vec::len), Some(1));
    let v = &all[0];
    assert_eq!(v["path"], SEED);
    assert_eq!(v["title"], "ゼレンスキー大統領の和平への道");
    assert_eq!(v["published"], "2025-03-12");
    assert_eq!(v["sections"].as_array().map(Vec::len), Some(3));
    assert_eq!(v["sections"][0]["published"], "2025-03-04");
    assert!(v["sections"][1].get("published").is_none());
    assert_eq!(
        v["sections"][2]["sources"][0]["url"],
        "https://globe.asahi.com/article/15630313"
    );
    let (all, _, _) = export(&["--format", "json", "briefings"]);
    let arr: serde_json::Value = serde_json::from_str(&all).expect("valid JSON");
    assert_eq!(arr.as_array().map(Vec::len), Some(3));
}

#[test]
fn hyperlinks_only_on_request() {
    let (plain, _, _) = export(&[SEED]);
    assert!(!plain.contains("\u{1b}]8;"));
    let (linked, _, _) = export(&["--hyperlinks", SEED]);
    assert!(linked.contains("\u{1b}]8;id=yomu-2;https://www.hokkoku.co.jp/articles/-/1682985\u{1b}\\https://www.hokkoku.co.jp/articles/-/1682985\u{1b}]8;;\u{1b}\\"));
}

#[test]
fn closed_pipe_exits_quietly() {
    // A large briefing too: its pages are laid out by worker threads that
    // must stop when the reader goes away.
    let big = std::env::temp_dir().join(format!("yomu-pipe-{}.toml", std::process::id()));
    std::fs::write(&big, yomu::synth::large_briefing(300)).expect("write");
    let big = big.to_str().expect("utf-8 temp path");
    for args in [
        vec!["export", "briefings"],
        vec!["briefings"],
        vec!["export", "--format", "json", "briefings"],
        vec!["export", big],
        vec![big],
    ] {
        let mut child = yomu()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut stdout = child.stdout.take().expect("stdout");
        let mut first = [0u8; 16];
        stdout.read_exact(&mut first).expect("some output");
        drop(stdout); // like `| head -c 16`
        let mut err = String::new();
        child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut err)
            .expect("read");
        let status = child.wait().expect("wait");
        assert_eq!(status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
    let _ = std::fs::remove_file(big);
}

#[test]
fn width_is_validated() {
    let (_, err, code) = export(&["--width", "0", SEED]);
    assert_eq!(code, 2);
    assert!(err.contains("--width"), "{err}");
}

#[test]
fn vertical_export_prints_columns_right_to_left() {
    let dir = std::env::temp_dir().join(format!("yomu-vertical-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("v.toml");
    std::fs::write(
        &file,
        "title = \"縦書き\"\n[[sections]]\nheading = \"見出し\"\nbody = [\"「和平」へ、2025年3月に交渉《こうしょう》。\"]\n",
    )
    .expect("write");
    let path = file.to_str().expect("utf-8 path");
    // Readings beside their base: each column has a lane on its right
    // (four columns of 2 cells, a lane of 2 and a gap in 20 cells).
    let (text, err, code) = export(&["--vertical", "--height", "6", "--width", "20", path]);
    assert_eq!(code, 0, "{err}");
    let lanes = " １   目        縦
 ︒   次        書
                き
 見
 出
 し

--------------------

 ﹁        見   １
 和        出   ＼
 平        し   １
 ﹂
 へ
 ︑

      交こ 月   ２
      渉う に   ０
        し      ２
        ょ      ５
      ︒う      年
                ３
";
    assert_eq!(text, lanes, "{text}");
    // `ruby = "inline"` keeps readings in the text, in brackets.
    let config = dir.join("config.toml");
    std::fs::write(&config, "ruby = \"inline\"\n").expect("write");
    let config = config.to_str().expect("utf-8 path");
    let (text, err, code) = export(&[
        "--config",
        config,
        "--vertical",
        "--height",
        "6",
        "--width",
        "20",
        path,
    ]);
    assert_eq!(code, 0, "{err}");
    // Seven columns of 2 cells and a gap fill the 20 cells; the cover's
    // title is the rightmost column, the contents entry keeps its marker.
    let want = "         １ 目    縦
         ︒ 次    書
                  き
         見
         出
         し

--------------------

う 月 ２ ﹁    見 １
し に ０ 和    出 ＼
ょ 交 ２ 平    し １
う 渉 ５ ﹂
︶ ︵ 年 へ
︒ こ ３ ︑
";
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(text, want, "{text}");
    // Vertical pages are text only; --height needs --vertical.
    let (_, err, code) = export(&["--vertical", "--format", "json", SEED]);
    assert_eq!(code, 2);
    assert!(err.contains("--vertical prints text"), "{err}");
    let (_, _, code) = export(&["--height", "6", SEED]);
    assert_eq!(code, 2);
}
