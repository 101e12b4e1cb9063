//! `notify_command`: a program told that a sync brought new articles, as
//! newsboat's `notify-program` is (a desktop notification, a chat
//! message, a sound).
//!
//! The command is a list of words, run as written, without a shell, as
//! the opener is ([`crate::links`]): `%n` in a word is the number of new
//! articles, `%f` the names of the feeds they came in (joined by `, `),
//! `%%` a `%`. Feed names come from feeds.toml and feed titles, so they
//! are passed as arguments, never parsed by a shell. The program's
//! standard input and output are closed to it (the reader owns the
//! terminal); yomu waits for it, so a command-line sync ends after its
//! notification and the reader's background job reaps it.

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
    /// It ran and ended with a failure.
    #[error("{}", tf(Msg::CliNotifyStatus, &[program, status]))]
    Status { program: String, status: String },
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

/// Run `command` for `count` new articles in `feeds` and wait for it.
/// Nothing is run for an empty command or no new articles.
pub fn run(command: &[String], count: usize, feeds: &[&str]) -> Result<(), NotifyError> {
    if count == 0 {
        return Ok(());
    }
    let words = argv(command, count, feeds);
    let Some((program, args)) = words.split_first() else {
        return Ok(());
    };
    let shown = || crate::text::sanitize_line(program).into_owned();
    let status = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|source| NotifyError::Spawn {
            program: shown(),
            source,
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(NotifyError::Status {
            program: shown(),
            status: status.to_string(),
        })
    }
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
}
