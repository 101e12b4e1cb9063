//! `yomu check [PATH...]`: validate briefing files and folders; with no
//! path, the default library (`./briefings` if it exists, else the synced
//! data library when it holds a briefing, else the samples built into the
//! binary), as `yomu`, `export` and `search` read it.
//!
//! Like a compiler: every diagnostic of every file goes to stderr in the
//! full form (`file:line:col: error: ...`, the line, a caret, a hint), and
//! one summary line goes to stdout. A valid file is also warned about
//! the spellings only TOML 1.1 allows ([`crate::diagnostics::toml11`]),
//! which TOML 1.0 tools reject. Every path is checked even after a
//! failure. Exit 0 when all are valid (warnings do not fail), 1 when a
//! briefing is invalid, 2 when a path could not be read as a briefing at
//! all (missing, not a regular file, too large, binary, not UTF-8). Write
//! errors (a closed pipe) are ignored: the exit code still tells the truth.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::briefing::{DiagnosticStyles, LoadError, display_path};
use crate::cli::{EXIT_INVALID, EXIT_OK, EXIT_USAGE};
use crate::i18n::{Msg, tf};
use crate::library::{self, Entry};
use crate::text::WidthOptions;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Briefing files or folders to validate (default: ./briefings, else the synced library, else the built-in samples).
    pub paths: Vec<PathBuf>,
}

/// Counts over the whole run.
#[derive(Debug, Default)]
struct Tally {
    valid: usize,
    invalid: usize,
    unreadable: usize,
    errors: usize,
    warnings: usize,
}

pub fn run(args: &CheckArgs, g: &super::GlobalOpts) -> super::CliResult {
    let widths = g.widths();
    let styles = if g.color.stderr() {
        DiagnosticStyles::colored()
    } else {
        DiagnosticStyles::default()
    };
    let mut err = io::stderr().lock();
    let mut tally = Tally::default();
    let paths = match (&args.paths[..], crate::launch::default_path(None)) {
        ([], Some(library)) => vec![library],
        ([], None) => {
            for entry in crate::library::from_sources(crate::samples::SAMPLES).entries {
                report(&entry, &mut tally, &mut err, widths, &styles);
            }
            vec![]
        }
        (given, _) => given.to_vec(),
    };
    for path in &paths {
        check_path(path, &mut tally, &mut err, widths, &styles);
    }
    let _ = err.flush();
    let line = summary(&paths, &tally);
    let _ = writeln!(io::stdout().lock(), "{line}");
    // An unreadable path was reported with its file, as a finding: the
    // other paths were still checked.
    Ok(ExitCode::from(if tally.unreadable > 0 {
        EXIT_USAGE
    } else if tally.invalid > 0 {
        EXIT_INVALID
    } else {
        EXIT_OK
    }))
}

/// Check one command-line path (a folder's `*.toml` files in name order,
/// or the file itself) and report each file in that order. Streamed: each
/// worker loads and reports one file at a time, the reports are written in
/// order while the next files are checked, so a folder is never in memory
/// whole.
fn check_path(
    path: &Path,
    tally: &mut Tally,
    err: &mut impl Write,
    widths: WidthOptions,
    styles: &DiagnosticStyles,
) {
    let files = if path.is_dir() {
        match library::briefing_files(path) {
            Ok(files) => files,
            Err(e) => {
                let entry = Entry {
                    path: path.to_path_buf(),
                    result: Err(e),
                };
                return report(&entry, tally, err, widths, styles);
            }
        }
    } else {
        vec![path.to_path_buf()]
    };
    let workers = crate::parallel::workers();
    let checked = |i: usize| {
        let mut one = Tally::default();
        let mut text = Vec::new();
        report(&Entry::load(&files[i]), &mut one, &mut text, widths, styles);
        (one, text)
    };
    let _ = crate::parallel::pipeline(files.len(), workers, 2 * workers, checked, |(one, text)| {
        tally.add(&one);
        // Write errors (a closed pipe) are ignored: the exit code tells.
        let _ = err.write_all(&text);
        Ok::<(), ()>(())
    });
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.valid += o.valid;
        self.invalid += o.invalid;
        self.unreadable += o.unreadable;
        self.errors += o.errors;
        self.warnings += o.warnings;
    }
}

/// Print one file's diagnostics (or its I/O error) and count it.
fn report(
    entry: &Entry,
    tally: &mut Tally,
    err: &mut impl Write,
    widths: WidthOptions,
    styles: &DiagnosticStyles,
) {
    let with_toml11;
    let diagnostics = match &entry.result {
        Ok(loaded) => {
            tally.valid += 1;
            let more = toml11_warnings(&entry.path);
            if more.is_empty() {
                &loaded.warnings[..]
            } else {
                let mut all = loaded.warnings.clone();
                all.extend(more);
                all.sort_by_key(|d| (d.line, d.column));
                with_toml11 = all;
                &with_toml11[..]
            }
        }
        Err(LoadError::Invalid { diagnostics }) => {
            tally.invalid += 1;
            &diagnostics[..]
        }
        Err(e) => {
            tally.unreadable += 1;
            let label = super::color::paint(styles.error, "error");
            let _ = writeln!(err, "{label}: {e}\n");
            return;
        }
    };
    for d in diagnostics {
        // Merged and left-out problems count too.
        let c = d.counts();
        tally.errors += c.errors;
        tally.warnings += c.warnings;
        let _ = writeln!(err, "{}", d.render_styled(widths, styles));
    }
}

/// The TOML 1.1-only spellings of the briefing file at `path`
/// ([`crate::diagnostics::toml11`]); none when it cannot be read again (a
/// built-in sample has no file).
fn toml11_warnings(path: &Path) -> Vec<crate::briefing::Diagnostic> {
    let Ok(bytes) = crate::fsutil::read_file(path, crate::briefing::MAX_FILE_SIZE) else {
        return Vec::new();
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Vec::new();
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    crate::diagnostics::toml11::warnings(&display_path(path), text)
}

/// The summary line, in the interface's language: `briefings/: 3
/// briefings valid`, `x.toml: valid`, or `3 files checked: 2 valid, 1
/// invalid (4 errors, 1 warning)`.
fn summary(paths: &[PathBuf], t: &Tally) -> String {
    let files = t.valid + t.invalid + t.unreadable;
    let mut counts = Vec::new();
    if t.errors > 0 {
        counts.push(count(t.errors, Msg::CliErrorsOne, Msg::CliErrors));
    }
    if t.warnings > 0 {
        counts.push(count(t.warnings, Msg::CliWarningsOne, Msg::CliWarnings));
    }
    let counts = if counts.is_empty() {
        String::new()
    } else {
        tf(
            Msg::CliCounts,
            &[&counts.join(crate::i18n::t(Msg::CliListSep))],
        )
    };
    if paths.is_empty() && t.valid == files {
        return tf(Msg::CliCheckSamples, &[&files, &counts]);
    }
    if let [only] = paths
        && t.valid == files
    {
        let name = display_path(only);
        return match (only.is_dir(), files) {
            (true, 0) => tf(Msg::CliCheckNone, &[&name]),
            (true, 1) => tf(Msg::CliCheckFolderValidOne, &[&name, &1, &counts]),
            (true, n) => tf(Msg::CliCheckFolderValid, &[&name, &n, &counts]),
            (false, _) => tf(Msg::CliCheckValid, &[&name, &counts]),
        };
    }
    let unreadable = if t.unreadable > 0 {
        tf(Msg::CliCheckUnreadable, &[&t.unreadable])
    } else {
        String::new()
    };
    tf(
        if files == 1 {
            Msg::CliCheckCheckedOne
        } else {
            Msg::CliCheckChecked
        },
        &[&files, &t.valid, &t.invalid, &unreadable, &counts],
    )
}

/// `1 error`, `3 errors` in the interface's language.
fn count(n: usize, one: Msg, many: Msg) -> String {
    tf(if n == 1 { one } else { many }, &[&n])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(
        valid: usize,
        invalid: usize,
        unreadable: usize,
        errors: usize,
        warnings: usize,
    ) -> Tally {
        Tally {
            valid,
            invalid,
            unreadable,
            errors,
            warnings,
        }
    }

    #[test]
    fn summaries() {
        let two = [PathBuf::from("a.toml"), PathBuf::from("b.toml")];
        assert_eq!(
            summary(&two, &tally(2, 1, 0, 4, 1)),
            "3 files checked: 2 valid, 1 invalid (4 errors, 1 warning)"
        );
        assert_eq!(
            summary(&two, &tally(0, 1, 1, 1, 0)),
            "2 files checked: 0 valid, 1 invalid, 1 unreadable (1 error)"
        );
        assert_eq!(
            summary(&two, &tally(2, 0, 0, 0, 0)),
            "2 files checked: 2 valid, 0 invalid"
        );
        let one = [PathBuf::from("a.toml")];
        assert_eq!(
            summary(&one, &tally(1, 0, 0, 0, 2)),
            "a.toml: valid (2 warnings)"
        );
        let dir = [std::env::temp_dir()];
        let shown = display_path(&dir[0]);
        assert_eq!(
            summary(&dir, &tally(3, 0, 0, 0, 0)),
            format!("{shown}: 3 briefings valid")
        );
        assert_eq!(
            summary(&dir, &tally(0, 0, 0, 0, 0)),
            format!("{shown}: no briefings (*.toml files) found")
        );
    }
}
