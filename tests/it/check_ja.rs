//! `yomu check` in the locale's language: under `LANG=ja_JP.UTF-8` every
//! word of a diagnostic (the `エラー`/`警告`/`ヒント` labels, each problem's
//! message and hint) is Japanese; under `LANG=C` the same file gives the
//! English lines, byte for byte.

use crate::common::{self, Run, TempDir};

/// A briefing with several different problems: an unknown key with a
/// near miss, a top-level key inside a section, a repeated id, an unknown
/// key with no near miss, a date written as a string.
const PROBLEMS: &str = "title = \"朝刊\"\ntitel = \"x\"\n\n\
[[sections]]\nheading = \"一\"\nid = \"a\"\ntakeaways = [\"y\"]\n\n\
[[sections]]\nheading = \"二\"\nid = \"a\"\nurll = \"https://example.com/\"\npublished = \"2025/3/4\"\n";

fn check_in(lang: &str) -> Run {
    let dir = TempDir::new("check-ja");
    dir.write("x.toml", PROBLEMS);
    let mut cmd = common::yomu();
    cmd.args(["check", "x.toml"])
        .current_dir(dir.path())
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    Run::of(cmd)
}

#[test]
fn check_diagnostics_speak_japanese_under_a_japanese_locale() {
    let r = check_in("ja_JP.UTF-8");
    r.exit(1);
    let out = format!("{}{}", r.stdout, r.stderr);
    for line in [
        "x.toml:2:1: エラー: 不明なキー `titel`\n",
        "  = ヒント: `title` の誤りではありませんか？\n",
        "x.toml:7:1: エラー: [[sections]] の不明なキー `takeaways`\n",
        "  = ヒント: `takeaways` は最上位のキーです。最初の [[sections]] より上に移してください\
         （[[sections]] の見出し行より後のキーはそのセクションのものになります）\n",
        "x.toml:11:6: 警告: 識別子 `a` が重複しています。このファイルの別のセクションにもあります\n",
        "   = ヒント: 記事ごとに別の識別子を付けてください。リーダーは重複を順番で区別します\n",
        "x.toml:12:1: エラー: [[sections]] の不明なキー `urll`\n",
        "   = ヒント: ここで使えるキー: `heading`, `id`, `question`,",
        "x.toml:13:13: エラー: `published` は文字列ではなく TOML の日付でなければなりません\n",
        "   = ヒント: 日付を引用符なしで年-月-日の形で書いてください: published = 2025-03-04\n",
    ] {
        assert!(out.contains(line), "missing {line:?} in:\n{out}");
    }
    for english in ["error", "warning", "hint", "unknown key", "did you mean"] {
        assert!(!out.contains(english), "{english:?} in:\n{out}");
    }
}

/// Syntax errors: the frame is Japanese, the parser's own detail is
/// quoted as it comes.
#[test]
fn syntax_errors_and_empty_files_speak_japanese_too() {
    let dir = TempDir::new("check-ja-syntax");
    dir.write("empty.toml", "");
    dir.write("dup.toml", "title = \"a\"\ntitle = \"b\"\n");
    let mut cmd = common::yomu();
    cmd.args(["check", "empty.toml", "dup.toml"])
        .current_dir(dir.path())
        .env("LANG", "ja_JP.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    let r = Run::of(cmd);
    r.exit(1);
    let out = format!("{}{}", r.stdout, r.stderr);
    for line in [
        "empty.toml:1:1: エラー: 空のファイルです。ブリーフィングには少なくとも `title` と [[sections]] が1つ必要です\n",
        "= ヒント: まず `title = \"…\"` と書き、",
        "dup.toml:2:1: エラー: キー `title` が重複しています\n",
        "= ヒント: 1つのテーブルに同じキーは1回しか書けません。",
    ] {
        assert!(out.contains(line), "missing {line:?} in:\n{out}");
    }
}

#[test]
fn check_diagnostics_stay_english_under_the_c_locale() {
    let r = check_in("C");
    r.exit(1);
    let out = format!("{}{}", r.stdout, r.stderr);
    for line in [
        "x.toml:2:1: error: unknown key `titel`\n",
        "  = hint: did you mean `title`?\n",
        "x.toml:7:1: error: unknown key `takeaways` in [[sections]]\n",
        "  = hint: `takeaways` is a top-level key: move it above the first [[sections]] \
         (keys after a [[sections]] header belong to that section)\n",
        "x.toml:11:6: warning: duplicate id `a`: another section of this file has it\n",
        "   = hint: give each article its own id; the reader tells repeats apart by their order\n",
        "x.toml:12:1: error: unknown key `urll` in [[sections]]\n",
        "   = hint: the keys allowed here are: `heading`, `id`, `question`,",
        "x.toml:13:13: error: `published` must be a TOML date, not a string\n",
        "   = hint: write the date without quotes, as YYYY-MM-DD: published = 2025-03-04\n",
    ] {
        assert!(out.contains(line), "missing {line:?} in:\n{out}");
    }
}

/// The configuration's problems are told in the locale's language (its
/// own `ui_language` cannot be trusted before it loads).
#[test]
fn configuration_problems_speak_japanese_under_a_japanese_locale() {
    let dir = TempDir::new("check-ja-config");
    dir.write(
        "c.toml",
        "theme = \"blue\"\nmouse = \"yes\"\nexport_widht = 4\n",
    );
    dir.write("ok.toml", "title = \"t\"\n[[sections]]\nheading = \"h\"\n");
    let mut cmd = common::yomu();
    cmd.args(["check", "--config", "c.toml", "ok.toml"])
        .current_dir(dir.path())
        .env("LANG", "ja_JP.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    let r = Run::of(cmd);
    r.exit(2);
    for line in [
        "c.toml:1:9: エラー: 不明なテーマ `blue`\n",
        "  = ヒント: 組み込みのテーマは `\"dark\"` と `\"light\"` です\n",
        "c.toml:2:9: エラー: `mouse` は `true` か `false` でなければなりませんが、文字列があります\n",
        "c.toml:3:1: エラー: 不明なキー `export_widht`\n",
        "  = ヒント: `export_width` の誤りではありませんか？\n",
    ] {
        assert!(
            r.stderr.contains(line),
            "missing {line:?} in:\n{}",
            r.stderr
        );
    }
}
