//! `notify_command`: a program told that a sync brought new articles, as
//! newsboat's `notify-program` is (a desktop notification, a chat
//! message, a sound).
//!
//! The command is a list of words, run as written, without a shell, as
//! the opener is ([`crate::links`]): `%n` in a word is the number of new
//! articles, `%f` the names of the feeds they came in (joined by `, `),
//! `%%` a `%`. Feed names come from feeds.toml and feed titles, so they
//! are passed as arguments, never parsed by a shell. The program's
//! standard input, output and error are closed to it (the reader owns the
//! terminal), and it runs in a process group of its own, so the
//! terminal's signals are not its.
//!
//! yomu does not wait for it: a command that never ends must not hold up
//! `yomu sync` or the reader's sync. It is started, and waited for on a
//! thread of its own ([`crate::parallel::detach`]) so that it leaves no
//! zombie while the reader runs; when `yomu sync` exits first, the
//! command lives on and the system reaps it. A program that cannot be
//! started is an error; how a started one ends is its own affair.

use std::process::{Command, Stdio};

use crate::i18n::{Msg, tf};

/// Why the notify command did not run well.
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    /// The program could not be started (not found, not executable).
    #[error("{}", tf(Msg::CliNotifyFailed, &[program, source]))]
    Spawn {
        program: String,
        #[source]
        source: std::io::Error,
    },
}

/// `word` with `%n` replaced by `count`, `%f` by `feeds` and `%%` by `%`.
fn substitute(word: &str, count: &str, feeds: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some('n') => out.push_str(count),
            Some('f') => out.push_str(feeds),
            Some('%') => out.push('%'),
            _ => {
                out.push('%');
                continue;
            }
        }
        chars.next();
    }
    out
}

/// The words to run for `count` new articles in `feeds`.
pub fn argv(command: &[String], count: usize, feeds: &[&str]) -> Vec<String> {
    let count = count.to_string();
    let feeds = feeds.join(", ");
    command
        .iter()
        .map(|w| substitute(w, &count, &feeds))
        .collect()
}

/// Start `command` for `count` new articles in `feeds`, without waiting
/// for it to end. Nothing is run for an empty command or no new articles.
pub fn run(command: &[String], count: usize, feeds: &[&str]) -> Result<(), NotifyError> {
    if count == 0 {
        return Ok(());
    }
    let words = argv(command, count, feeds);
    let Some((program, args)) = words.split_first() else {
        return Ok(());
    };
    let mut cmd = Command::new(program);
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let mut child = cmd.spawn().map_err(|source| NotifyError::Spawn {
        program: crate::text::sanitize_line(program).into_owned(),
        source,
    })?;
    // Reaped when it ends; if no thread can start, the system reaps it
    // when yomu exits.
    crate::parallel::detach("yomu-notify", move || {
        let _ = child.wait();
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_word_by_word() {
        let cmd: Vec<String> = ["notify-send", "yomu", "%n new articles (%f) 100%%", "%x"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            argv(&cmd, 12, &["nhk", "it; rm -rf ~"]),
            [
                "notify-send",
                "yomu",
                "12 new articles (nhk, it; rm -rf ~) 100%",
                "%x"
            ]
        );
    }

    #[test]
    fn a_missing_program_is_an_error_and_nothing_new_runs_nothing() {
        let cmd = vec!["/nonexistent/yomu-notify".to_string()];
        assert!(run(&cmd, 0, &[]).is_ok());
        let e = run(&cmd, 3, &["a"]).unwrap_err();
        assert!(matches!(e, NotifyError::Spawn { .. }), "{e}");
    }

    #[test]
    fn a_command_that_never_ends_is_not_waited_for() {
        let dir = std::env::temp_dir().join(format!("yomu-notify-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        let pid = dir.join("pid");
        let cmd: Vec<String> = [
            "sh",
            "-c",
            "echo $$ > \"$1\"; exec sleep 1000",
            "sh",
            &pid.display().to_string(),
        ]
        .map(String::from)
        .to_vec();
        // Returns while the command sleeps.
        assert!(run(&cmd, 1, &["a"]).is_ok());
        let mut written = String::new();
        for _ in 0..2000 {
            written = std::fs::read_to_string(&pid).unwrap_or_default();
            if written.ends_with('\n') {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let pid = written.trim();
        assert!(!pid.is_empty(), "the command never started");
        let killed = Command::new("kill").arg(pid).status().expect("kill");
        assert!(killed.success(), "the command was not running");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
