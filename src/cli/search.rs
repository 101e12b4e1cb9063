//! `yomu search QUERY [PATH]`: every match in a briefing or a library, one
//! line each, for scripts and `grep`-like use.
//!
//! A line is `file:section: text around the match`, where section is the
//! section number (1-based, as the reader's `§1`) or `cover` for the title,
//! summary, tags and takeaways. Matching is the reader's: NFKC plus case
//! folding (`ＡＢＣ` finds `abc`, `ｶﾀｶﾅ` finds `カタカナ`), and with `--kana`
//! hiragana and katakana match each other. Exit 0 when something matched,
//! 1 when nothing did, 2 for usage or I/O errors. Files that fail to load
//! are reported on stderr (unless their bytes prove they cannot match:
//! `yomu check` is for broken files) and do not stop the others. A closed pipe ends
//! quietly with 0. A folder is searched through its index ([`crate::index`]),
//! brought up to date first (a progress bar on a terminal); `--no-index`
//! reads every file, with the same output. `-l` prints each matching file
//! once and `-c` each with its number of matches (`file:N`), as ripgrep's
//! flags of those names do, in the same order; neither cuts a context.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::color::paint;
use super::{CliError, CliResult, EXIT_INVALID, EXIT_OK, GlobalOpts};
use crate::briefing::{LoadError, display_path};
use crate::index::{Found, scan_files_as, search_dir_as};
use crate::launch;
use crate::search::{
    Place, SearchOptions, Want, count_fields, fields, prepare_query, search_briefing,
};

/// Arguments of `yomu search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// What to look for (compared after NFKC and case folding).
    pub query: String,
    /// A briefing file or a folder (default: ./briefings, else the synced library, else the built-in samples).
    pub path: Option<PathBuf>,
    /// Hiragana and katakana match each other (`かな` finds `カナ`).
    #[arg(long)]
    pub kana: bool,
    /// Read every file instead of using the folder's search index (which
    /// lives in $XDG_CACHE_HOME/yomu/index/ and is brought up to date first).
    /// A file whose bytes prove it cannot match is not parsed, so a broken
    /// file is reported only when it could match: `yomu check` reports
    /// every broken file.
    #[arg(long)]
    pub no_index: bool,
    /// Print each matching file once, in the order of the matches (a file
    /// the search index alone proves to match is not read).
    #[arg(short = 'l', long, conflicts_with = "count")]
    pub files_with_matches: bool,
    /// Print each matching file with its number of matches, `file:N` (the
    /// matches `yomu search` would mark in it).
    #[arg(short = 'c', long)]
    pub count: bool,
}

impl SearchArgs {
    /// What to give of each file that matches.
    fn want(&self) -> Want {
        if self.files_with_matches {
            Want::Any
        } else if self.count {
            Want::Count
        } else {
            Want::Lines
        }
    }
}

/// Load the path (or the default) and search every briefing, in library
/// order (newest first): a folder through its index (or every file with
/// `--no-index`), a file or the samples directly. An error when the path
/// cannot be read.
fn load_and_search(
    args: &SearchArgs,
    query: &str,
    opts: SearchOptions,
) -> Result<Vec<Found>, LoadError> {
    let want = args.want();
    let folder = launch::default_path(args.path.as_deref()).filter(|p| p.is_dir());
    if let Some(dir) = folder.filter(|_| !args.no_index)
        && let Some(found) = with_index(&dir, query, opts, want)
    {
        return Ok(found);
    }
    if let Some(files) = launch::folder_files(args.path.as_deref())? {
        return Ok(scan_files_as(&files, query, opts, want));
    }
    let found: Vec<Found> = launch::load(args.path.as_deref())?
        .entries
        .into_iter()
        .filter_map(|e| {
            let (result, matches) = match e.result {
                Ok(l) => {
                    let (m, n) = match want {
                        Want::Lines => {
                            let m = search_briefing(&l.briefing, query, opts);
                            let n = m.match_count();
                            (m, n)
                        }
                        Want::Count | Want::Any => {
                            let first = want == Want::Any;
                            let n = count_fields(fields(&l.briefing), query, opts, first);
                            (Default::default(), n)
                        }
                    };
                    if n == 0 {
                        return None;
                    }
                    (Ok(crate::index::Head::of(&l.briefing)), (m, n))
                }
                Err(err) => (Err(err), (Default::default(), 0)),
            };
            Some(Found {
                path: e.path,
                result,
                matches: matches.0,
                count: matches.1,
            })
        })
        .collect();
    Ok(crate::index::in_library_order(found))
}

/// A folder's search through its index, with a progress bar on a terminal
/// while the index is built; `None` when the index cannot be used (saying
/// why on a terminal, and always when it was found damaged): then every
/// file is read.
fn with_index(dir: &Path, query: &str, opts: SearchOptions, want: Want) -> Option<Vec<Found>> {
    let mut bar = super::indexing::Progress::default();
    let result = search_dir_as(dir, query, opts, want, &mut |done, total| {
        bar.show(done, total)
    });
    bar.finish();
    result
        .inspect_err(|e| {
            if e.is_damage() || io::stderr().is_terminal() {
                let line = crate::i18n::tf(crate::i18n::Msg::CliIndexScan, &[e]);
                let _ = writeln!(io::stderr(), "yomu: {line}");
            }
        })
        .ok()
}

/// `text` in `style`, written straight out (no copy when it is plain).
fn put(out: &mut impl Write, style: anstyle::Style, text: &str) -> io::Result<()> {
    if style == anstyle::Style::new() {
        out.write_all(text.as_bytes())
    } else {
        write!(out, "{style}{text}{style:#}")
    }
}

/// `yomu search`.
pub fn run(args: &SearchArgs, g: &GlobalOpts) -> CliResult {
    let opts = SearchOptions {
        kana_insensitive: args.kana,
        widths: g.widths(),
    };
    let query = prepare_query(&args.query, opts).ok_or(CliError::EmptyQuery)?;
    let found_in = load_and_search(args, &query, opts)?;
    let styles = super::color::SearchStyles::new(g.color.stdout());
    let want = args.want();
    // The lines are made in parts on all cores and written in order on
    // this thread as the parts are ready: a common word prints tens of
    // megabytes, and a pipe (to `less`, to another tool) takes them only
    // as fast as its reader reads.
    let parts: Vec<&[Found]> = found_in.chunks(FILES_PER_PART).collect();
    let workers = crate::parallel::workers();
    let stdout = io::stdout();
    grow_pipe(&stdout);
    let mut out = stdout.lock();
    let mut found = false;
    let result = crate::parallel::pipeline(
        parts.len(),
        workers,
        2 * workers,
        |i| print_part(parts.get(i).copied().unwrap_or_default(), want, &styles),
        |part: Printed| {
            found |= part.found;
            if !part.errors.is_empty() {
                let _ = io::stderr().write_all(&part.errors);
            }
            out.write_all(&part.lines)
        },
    )
    .and_then(|()| out.flush());
    // The process ends next: its memory goes with it, without freeing
    // each of the (up to hundreds of thousands of) contexts one by one.
    std::mem::forget(found_in);
    super::written(result, if found { EXIT_OK } else { EXIT_INVALID })
}

/// Files whose lines are made together, as one part of the output.
const FILES_PER_PART: usize = 1024;

/// One part of the output: its lines, the errors of the files in it that
/// failed to load, and whether any file in it matched.
struct Printed {
    lines: Vec<u8>,
    errors: Vec<u8>,
    found: bool,
}

/// The output of `files`, as `want` asks for it.
fn print_part(files: &[Found], want: Want, styles: &super::color::SearchStyles) -> Printed {
    let mut part = Printed {
        lines: Vec::new(),
        errors: Vec::new(),
        found: false,
    };
    for f in files {
        // Writing to a `Vec` does not fail.
        let _ = match &f.result {
            Err(err) => writeln!(part.errors, "{err}"),
            Ok(_) if f.count == 0 => Ok(()),
            Ok(_) => {
                part.found = true;
                print_found(&mut part.lines, f, want, styles)
            }
        };
    }
    part
}

/// Ask for a larger buffer when standard output is a pipe (Linux), so that
/// a reader on another core wakes less often; a refusal changes nothing.
fn grow_pipe(stdout: &io::Stdout) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: F_SETPIPE_SZ only resizes the descriptor's pipe buffer;
        // on anything but a pipe it fails with EBADF or EINVAL, ignored.
        unsafe {
            libc::fcntl(stdout.as_raw_fd(), libc::F_SETPIPE_SZ, 1 << 20);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = stdout;
}

/// The lines of one file that matched, as `want` asks for them.
fn print_found(
    out: &mut Vec<u8>,
    f: &Found,
    want: Want,
    styles: &super::color::SearchStyles,
) -> io::Result<()> {
    let file = paint(styles.path, &display_path(&f.path));
    match want {
        Want::Any => return writeln!(out, "{file}"),
        Want::Count => return writeln!(out, "{file}:{}", f.count),
        Want::Lines => {}
    }
    for m in f.matches.iter() {
        let c = m.context;
        out.write_all(file.as_bytes())?;
        out.write_all(b":")?;
        match m.place {
            Place::Cover => put(out, styles.place, "cover")?,
            Place::Section(i) if styles.place == anstyle::Style::new() => write!(out, "{}", i + 1)?,
            Place::Section(i) => put(out, styles.place, &(i + 1).to_string())?,
        }
        out.write_all(b": ")?;
        let mut at = 0;
        // Matches in order; two that share a character (one normalised
        // into several) are not printed twice.
        for hit in m.matched {
            let from = hit.start.max(at);
            out.write_all(c.get(at..from).unwrap_or_default().as_bytes())?;
            let to = hit.end.max(from);
            put(out, styles.matched, c.get(from..to).unwrap_or_default())?;
            at = to;
        }
        out.write_all(c.get(at..).unwrap_or_default().as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
