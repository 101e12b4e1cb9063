//! What describes yomu to a person and to their tools, through the real
//! binary: the manual pages (`yomu man`, `yomu man --dir`, rendered by
//! `man` when it is installed), the shell completions, and the JSON Schema
//! kept in step with the loader.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{text, yomu_in_repo as yomu};

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("yomu-manual-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
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

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let out = yomu(&["completions", shell], &[]);
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("export") && text.contains("check"), "{shell}");
        assert!(text.contains("no-config"), "{shell}");
    }
    let out = yomu(&["completions", "tcsh"], &[]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn man_page() {
    let out = yomu(&["man"], &[]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(".TH yomu"), "{text}");
    assert!(text.contains("export") && text.contains("check"));
    // The actions and key names `[keys]` accepts, from the list the reader uses.
    for name in yomu::names::Action::names() {
        assert!(text.contains(name), "{name} missing:\n{text}");
    }
    for name in yomu::names::NamedKey::names() {
        assert!(text.contains(name), "{name} missing");
    }
}
