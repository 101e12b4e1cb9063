//! Hostile input is normal input: fuzz-style property tests of the loader
//! and the layout engine (never a panic), and a corpus of nasty files,
//! generated at test time, through the real binary (exit codes, no panic,
//! no raw escape on stdout or stderr).

use std::path::PathBuf;

use crate::common::TempDir;

use proptest::prelude::*;
use yomu::briefing::parse_str;
use yomu::layout::{LayoutOptions, Target, layout};

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, .. ProptestConfig::default() })]

    /// Arbitrary text: the loader answers (Ok or diagnostics), never panics.
    #[test]
    fn loader_never_panics_on_arbitrary_text(s in "\\PC{0,300}") {
        let _ = parse_str("fuzz.toml", &s);
    }

    /// The seed with random bytes cut out and junk spliced in: whatever loads
    /// also lays out at any width without panicking.
    #[test]
    fn mutated_seed_loads_or_explains(cut in 0.0..1.0f64, len in 0usize..40, junk in "[\\[\\]\"=\\n\\\\{}a-z0-9\u{1b}、「]{0,12}", width in 1usize..200) {
        let seed = yomu::samples::seed();
        let mut bytes = seed.as_bytes().to_vec();
        // Anywhere in the file, the last section included.
        let at = ((cut * bytes.len() as f64) as usize).min(bytes.len());
        let end = (at + len).min(bytes.len());
        bytes.splice(at..end, junk.bytes());
        let text = String::from_utf8_lossy(&bytes);
        match parse_str("m.toml", &text) {
            Ok(l) => {
                for target in [Target::Export, Target::Terminal] {
                    let _ = layout(&l.briefing, LayoutOptions { width, target, ..LayoutOptions::new(width) });
                }
            }
            Err(d) => prop_assert!(!d.is_empty() && d.iter().all(|d| d.line >= 1 && d.column >= 1)),
        }
    }
}

fn yomu(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = crate::common::yomu().args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn nasty_corpus() -> (TempDir, Vec<(String, PathBuf, i32)>) {
    let tmp = TempDir::new("nasty");
    let dir = tmp.path().to_path_buf();
    let sec = "[[sections]]\nheading = \"h\"\n";
    let mut files: Vec<(&str, Vec<u8>, i32)> = vec![
        ("deep_nesting", format!("title = \"t\"\nx = {}{}\n{sec}", "[".repeat(5000), "]".repeat(5000)).into_bytes(), 1),
        ("deep_tables", format!("title = \"t\"\nx = {}1{}\n{sec}", "{a=".repeat(3000), "}".repeat(3000)).into_bytes(), 1),
        ("many_sections", format!("title = \"t\"\n{}", "[[sections]]\nheading = \"見出し\"\n".repeat(100_000)).into_bytes(), 0),
        ("one_mb_line", format!("title = \"t\"\nsummary = \"{}\"\n{sec}", "長い行。".repeat(90_000)).into_bytes(), 0),
        ("many_sources", format!("title = \"t\"\n{sec}{}", "[[sections.sources]]\nname = \"n\"\nurl = \"https://example.com/x\"\n".repeat(10_000)).into_bytes(), 0),
        ("invalid_date", format!("title = \"t\"\npublished = 2025-13-45\n{sec}").into_bytes(), 1),
        ("nul_bytes", format!("title = \"t\0\"\n{sec}\0").into_bytes(), 2),
        ("bom", format!("\u{feff}title = \"t\"\n{sec}").into_bytes(), 0),
        ("crlf", format!("title = \"t\"\r\nsummary = \"\"\"a\r\nb\"\"\"\r\n{}", sec.replace('\n', "\r\n")).into_bytes(), 0),
        ("escapes", format!("title = \"\\u001b]0;T\\u0007\\u001b[31m\\u009b\\u202e\\u2066\\u200f\\u061c\\u007f\"\n{sec}").into_bytes(), 0),
        ("escape_in_key", format!("title = \"t\"\n\"k\\u001b[31m\" = 1\n{sec}").into_bytes(), 1),
    ];
    let mut out = Vec::new();
    for (name, bytes, code) in files.drain(..) {
        let p = dir.join(format!("{name}.toml"));
        std::fs::write(&p, bytes).expect("write");
        out.push((name.to_string(), p, code));
    }
    (tmp, out)
}

#[test]
fn nasty_corpus_through_the_binary() {
    let (_dir, files) = nasty_corpus();
    for (name, path, code) in &files {
        let p = path.to_string_lossy();
        let (got, _, err) = yomu(&["check", &p]);
        assert_eq!(got, *code, "check {name}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
            "{name}: {err}"
        );
        assert!(
            !err.contains('\u{1b}') && !err.contains('\u{202e}'),
            "{name}: raw escape on stderr"
        );
        if *code == 1 {
            assert!(err.contains(&format!("{name}.toml:")), "{name}: {err}");
        }
        for format in ["text", "markdown", "json"] {
            let (got, out, err) = yomu(&["export", "--format", format, "--width", "33", &p]);
            assert_eq!(got, *code, "export {format} {name}: {err}");
            assert!(!err.contains("panicked"), "{name}: {err}");
            let out = String::from_utf8(out).expect("utf-8 out");
            assert!(
                !out.contains('\u{1b}') && !out.contains('\u{9b}') && !out.contains('\u{202e}'),
                "{name} {format}: unsafe char in output"
            );
        }
    }
}
