//! What the commands say when things go wrong, through the real binary:
//! argument errors never echo an escape, every export format ends quietly
//! when the reader closes the pipe, a closed stdout is reported, long and
//! repeated diagnostics are shortened, merged and capped, and `yomu check`
//! warns about addresses that open another site.

use std::path::Path;
use std::process::Command;

use crate::common::{workspace, yomu_bin};

/// The binary's exit code, stdout and stderr, with every XDG folder in `dir`.
fn yomu_in(dir: &Path, args: &[&std::ffi::OsStr], env: &[(&str, &str)]) -> (i32, Vec<u8>, String) {
    let out = Command::new(yomu_bin())
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn os(args: &[&str]) -> Vec<std::ffi::OsString> {
    args.iter().map(std::ffi::OsString::from).collect()
}

pub(crate) fn yomu(dir: &Path, args: &[&str]) -> (i32, Vec<u8>, String) {
    yomu_env(dir, args, &[])
}

fn yomu_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, Vec<u8>, String) {
    let args = os(args);
    let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    yomu_in(dir, &refs, env)
}

fn no_escapes(what: &str, text: &str) {
    assert!(
        !text.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
        "{what}: {text:?}"
    );
}

#[test]
fn argument_errors_never_echo_an_escape() {
    let (dir, _) = workspace("clap");
    std::fs::write(dir.join("--\u{1b}]0;PWNED\u{7}.toml"), "").expect("file");
    for args in [
        vec!["check", "--\u{1b}]0;PWNED\u{7}.toml"],
        vec!["export", "--width", "\u{1b}]2;PWNED\u{7}", "x"],
        vec!["export", "--format", "\u{1b}]52;c;aGk=\u{7}", "x"],
        vec!["--\u{9b}31m"],
    ] {
        // As on a terminal: clap would keep its (and the argument's) escapes.
        let (code, stdout, stderr) = yomu_env(&dir, &args, &[("CLICOLOR_FORCE", "1")]);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty());
        no_escapes(&format!("{args:?}"), &stderr);
        // Shown as visible text, not dropped.
        assert!(stderr.contains(['␛', '\u{fffd}']), "{stderr}");
    }
    // Help and version still go to stdout with exit 0.
    let (code, stdout, _) = yomu(&dir, &["--help"]);
    assert_eq!(code, 0);
    assert!(String::from_utf8_lossy(&stdout).contains("Usage:"));
    let (code, stdout, _) = yomu(&dir, &["--version"]);
    assert_eq!(code, 0);
    assert!(String::from_utf8_lossy(&stdout).starts_with("yomu "));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_export_format_ends_quietly_when_the_reader_closes_the_pipe() {
    use std::io::{BufRead, BufReader};
    let (dir, _) = workspace("pipe");
    let big = dir.join("big.toml");
    std::fs::write(&big, yomu::synth::large_briefing(300)).expect("write");
    for format in ["json", "text", "markdown"] {
        // `yomu export --format F big.toml | head -1`
        let mut child = Command::new(yomu_bin())
            .args(["export", "--format", format])
            .arg(&big)
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .env("XDG_STATE_HOME", dir.join("state"))
            .env("XDG_CACHE_HOME", dir.join("cache"))
            .env("XDG_DATA_HOME", dir.join("data"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("a line");
        assert!(!first.is_empty());
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{format}: {stderr}");
        assert!(stderr.is_empty(), "{format}: {stderr}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_closed_stdout_is_reported() {
    let (dir, _) = workspace("closed");
    let file = dir.join("lib/yomu-guide.toml");
    for cmd in [
        format!(
            "exec '{}' export '{}' >&-",
            yomu_bin().display(),
            file.display()
        ),
        format!(
            "exec '{}' search yomu '{}' >&-",
            yomu_bin().display(),
            file.display()
        ),
        format!(
            "exec '{}' export --format json '{}' >&-",
            yomu_bin().display(),
            file.display()
        ),
    ] {
        let out = Command::new("sh")
            .args(["-c", &cmd])
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .env("XDG_STATE_HOME", dir.join("state"))
            .env("XDG_CACHE_HOME", dir.join("cache"))
            .env("XDG_DATA_HOME", dir.join("data"))
            .output()
            .expect("sh");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{cmd}: {stderr}");
        assert!(stderr.contains("standard output is closed"), "{stderr}");
    }
    // Output thrown away on purpose is not an error.
    let out = Command::new("sh")
        .args([
            "-c",
            &format!(
                "exec '{}' export '{}' >/dev/null",
                yomu_bin().display(),
                file.display()
            ),
        ])
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .output()
        .expect("sh");
    assert_eq!(out.status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn diagnostics_are_shortened_merged_and_capped() {
    let (dir, _) = workspace("diag");
    let head = "title = \"t\"\n[[sections]]\nheading = \"h\"\nbody = [\"b\"]\n";
    // Ten 1 MB unknown keys: each is quoted by its first 40 characters.
    let mut long = String::from(head);
    for c in "abcdefghij".chars() {
        long.push_str(&c.to_string().repeat(1 << 20));
        long.push_str(" = 1\n");
    }
    std::fs::write(dir.join("long.toml"), &long).expect("write");
    let (code, _, stderr) = yomu(&dir, &["check", "long.toml"]);
    assert_eq!(code, 1, "{}", &stderr[..stderr.len().min(2000)]);
    assert!(stderr.len() < 20_000, "{} bytes of stderr", stderr.len());
    assert!(
        stderr.contains(&format!("unknown key `{}…`", "a".repeat(40))),
        "{}",
        &stderr[..stderr.len().min(2000)]
    );
    // 5,000 unknown keys: at most 50 diagnostics, the last counting the rest.
    let mut many = String::from(head);
    for i in 0..5_000 {
        many.push_str(&format!("k{i} = 1\n"));
    }
    std::fs::write(dir.join("many.toml"), &many).expect("write");
    let (code, stdout, stderr) = yomu(&dir, &["check", "many.toml"]);
    assert_eq!(code, 1);
    // The summary counts every problem, shown or not.
    assert_eq!(
        String::from_utf8_lossy(&stdout),
        "1 file checked: 0 valid, 1 invalid (5000 errors)\n"
    );
    let shown = stderr.matches("many.toml:").count();
    assert_eq!(shown, 50, "{}", &stderr[..stderr.len().min(3000)]);
    assert!(
        stderr.contains(
            "4951 more problems from here on are not shown (4951 errors, 0 warnings): \
             at most 50 are listed per file"
        ),
        "{}",
        &stderr[stderr.len().saturating_sub(3000)..]
    );
    // The same error on many lines is said once, with a count.
    let mut same = String::from(head);
    for _ in 0..80 {
        same.push_str("[sections.x]\n");
    }
    std::fs::write(dir.join("same.toml"), &same).expect("write");
    let (_, _, stderr) = yomu(&dir, &["check", "same.toml"]);
    assert!(stderr.contains("more like this)"), "{stderr}");
    assert!(stderr.matches("same.toml:").count() < 5, "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_warns_about_addresses_that_open_another_site() {
    let (dir, _) = workspace("deceive");
    std::fs::write(
        dir.join("d.toml"),
        "title = \"t\"\n[[sections]]\nheading = \"h\"\nbody = [\"b\"]\n\
         [[sections.sources]]\nname = \"g\"\nurl = \"https://www.google.com@evil.example/\"\n\
         [[sections.sources]]\nname = \"a\"\nurl = \"https://\u{430}pple.com/\"\n",
    )
    .expect("write");
    let (code, stdout, stderr) = yomu(&dir, &["check", "d.toml"]);
    assert_eq!(code, 0, "warnings do not fail: {stderr}");
    assert!(
        stderr.contains(
            "d.toml:7:7: warning: `url` opens evil.example, not www.google.com: \
             the text before @ is a user name"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "d.toml:10:7: warning: `url` has a host that mixes scripts: \u{430}pple.com (xn--pple-43d.com)"
        ),
        "{stderr}"
    );
    assert_eq!(
        String::from_utf8_lossy(&stdout),
        "d.toml: valid (2 warnings)\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
