//! Writing briefings out, shared by `yomu export`, the plain reader and
//! `yomu PATH` into a pipe: where the briefings come from ([`Source`]),
//! every format, and whether the terminal can draw the full-screen reader.
//!
//! Writing loads a briefing or a library (newest first), writes it as text
//! (in colour when `--color` says so), Markdown, JSON (always an array of
//! objects, each with its `path`) or JSON Lines, reports files that failed
//! on stderr (exit 1, after writing the others), and treats a closed pipe
//! (`| head -1`) as a normal, quiet end (exit 0).
//!
//! A folder streams: its order comes from the metadata cache
//! ([`crate::listing::check`], which parses only files it does not know),
//! then each worker reads and renders one briefing at a time, written in
//! order while the next are made ([`crate::parallel::pipeline`]), so the
//! whole library is never in memory.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use super::{CliResult, EXIT_INVALID, EXIT_OK, Format, GlobalOpts};
use crate::briefing::Briefing;
use crate::export::{
    TextOptions, WithPath, json_array_item, jsonl_line, render_text, write_json, write_jsonl,
    write_markdown, write_text_all,
};
use crate::launch;
use crate::layout::{LayoutOptions, Target};
use crate::library::{Library, Listed};

/// What to export: briefings held in memory (a file, the samples), or a
/// folder's files in the library's order, read one at a time.
pub enum Source {
    Held(Library),
    Folder(Vec<Listed>),
}

/// The source for a path (or the default).
pub fn source(path: Option<&Path>) -> Result<Source, crate::briefing::LoadError> {
    match launch::default_path(path).filter(|p| p.is_dir()) {
        Some(dir) => {
            let known = crate::listing::cached(&dir).unwrap_or_default();
            let scanned = crate::listing::check(&dir, &known, &|_| {})?;
            scanned.save();
            Ok(Source::Folder(scanned.listed.unwrap_or(known)))
        }
        None => Ok(Source::Held(launch::load(path)?)),
    }
}

/// Files rendered ahead of the writer, per worker.
const AHEAD_PER_WORKER: usize = 2;

/// How [`stream`] separates what it writes: `lead` before the first
/// briefing, `sep` between two.
pub(super) struct Seps<'a> {
    pub(super) lead: &'a [u8],
    pub(super) sep: &'a [u8],
}

/// Write every briefing of `src` that loads, one after another, each as
/// `render` makes it, reporting the others on stderr; whether any failed,
/// and how many were written. A folder's files are read and rendered on
/// worker threads, one at a time each, and written in order.
pub(super) fn stream<W: Write + ?Sized>(
    src: &Source,
    out: &mut W,
    seps: Seps<'_>,
    render: impl Fn(&Path, &Briefing) -> io::Result<Vec<u8>> + Sync,
) -> io::Result<(bool, usize)> {
    let mut failed = false;
    let mut written = 0;
    let mut put = |bytes: Vec<u8>, out: &mut W| -> io::Result<()> {
        out.write_all(if written == 0 { seps.lead } else { seps.sep })?;
        written += 1;
        out.write_all(&bytes)
    };
    match src {
        Source::Held(lib) => {
            let (good, bad) = good_ones(lib);
            failed = bad;
            for (path, b) in good {
                put(render(path, b)?, out)?;
            }
        }
        Source::Folder(listed) => {
            let mut err = io::stderr().lock();
            let good: Vec<&Listed> = listed
                .iter()
                .filter(|l| match &l.info {
                    Ok(_) => true,
                    Err(e) => {
                        failed = true;
                        let _ = writeln!(err, "{e}");
                        false
                    }
                })
                .collect();
            drop(err);
            let workers = crate::parallel::workers();
            crate::parallel::pipeline(
                good.len(),
                workers,
                workers * AHEAD_PER_WORKER,
                |i| {
                    let path = &good[i].path;
                    match crate::briefing::load_file(path) {
                        Ok(l) => render(path, &l.briefing).map(Ok),
                        // Changed since it was listed.
                        Err(e) => Ok(Err(e.to_string())),
                    }
                },
                |made| match made? {
                    Ok(bytes) => put(bytes, out),
                    Err(e) => {
                        failed = true;
                        let _ = writeln!(io::stderr().lock(), "{e}");
                        Ok(())
                    }
                },
            )?;
        }
    }
    Ok((failed, written))
}

/// A briefing with its path, as JSON writes it.
fn with_path<'a>(path: &Path, briefing: &'a Briefing) -> WithPath<'a> {
    WithPath {
        path: path.to_string_lossy().into_owned(),
        briefing,
    }
}

/// Report failed entries on stderr; the loaded briefings with their
/// paths, newest first.
fn good_ones(lib: &Library) -> (Vec<(&Path, &Briefing)>, bool) {
    let mut failed = false;
    let mut err = io::stderr().lock();
    let good = lib
        .entries
        .iter()
        .filter_map(|e| match &e.result {
            Ok(l) => Some((e.path.as_path(), &l.briefing)),
            Err(er) => {
                failed = true;
                let _ = writeln!(err, "{er}");
                None
            }
        })
        .collect();
    (good, failed)
}

/// Whether `$TERM` names a terminal that can draw the full-screen reader:
/// set, and not `dumb` (Emacs shells, some CI logs, serial consoles).
pub fn term_can_draw() -> bool {
    std::env::var_os("TERM").is_some_and(|t| !t.is_empty() && t != "dumb")
}

/// The text export's options: `width` cells, readings inline (none with
/// `ruby = "off"` in the configuration), nothing hanging.
fn text_options(width: usize, g: &GlobalOpts, hyperlinks: bool, color: bool) -> TextOptions {
    TextOptions {
        layout: LayoutOptions {
            width,
            widths: g.widths(),
            target: Target::Export,
            ruby: match g.settings.ruby {
                crate::layout::RubyMode::Off => crate::layout::RubyMode::Off,
                _ => crate::layout::RubyMode::Inline,
            },
            hanging: false,
            reading_speed: None,
        },
        hyperlinks,
        color,
    }
}

/// The text export of `lib` at `width` into `out` (the plain reader's
/// pager); the exit code, as for `yomu export`.
pub fn emit_to(
    lib: &Source,
    width: usize,
    color: bool,
    g: &GlobalOpts,
    out: &mut dyn Write,
) -> CliResult {
    let opts = text_options(width, g, false, color);
    let mut out = BufWriter::with_capacity(64 * 1024, out);
    write_lib(lib, Format::Text, opts, &mut out)
}

pub(super) fn emit(
    lib: &Source,
    format: Format,
    width: usize,
    hyperlinks: bool,
    g: &GlobalOpts,
) -> CliResult {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let opts = text_options(width, g, hyperlinks, g.color.stdout());
    write_lib(lib, format, opts, &mut out)
}

/// Write the briefings of `lib` that loaded (reporting the others) in
/// `format`; the exit code.
fn write_lib<W: Write>(
    src: &Source,
    format: Format,
    opts: TextOptions,
    out: &mut BufWriter<W>,
) -> CliResult {
    let Source::Held(lib) = src else {
        return stream_lib(src, format, opts, out);
    };
    let (good, failed) = good_ones(lib);
    let with_paths = || -> Vec<WithPath<'_>> {
        good.iter()
            .map(|&(path, briefing)| WithPath {
                path: path.to_string_lossy().into_owned(),
                briefing,
            })
            .collect()
    };
    let briefings: Vec<&Briefing> = good.iter().map(|&(_, b)| b).collect();
    let result = match format {
        Format::Text => write_text_all(&briefings, opts, out),
        Format::Markdown => briefings.iter().enumerate().try_for_each(|(i, b)| {
            if i > 0 {
                writeln!(out, "\n---\n")?;
            }
            write_markdown(b, out)
        }),
        Format::Json => write_json(&with_paths(), out),
        Format::Jsonl => write_jsonl(&with_paths(), out),
    }
    .and_then(|()| out.flush());
    super::written(result, if failed { EXIT_INVALID } else { EXIT_OK })
}

/// [`write_lib`] for a folder: each briefing read, rendered and written in
/// turn (the same bytes as the whole library at once).
fn stream_lib<W: Write>(
    src: &Source,
    format: Format,
    opts: TextOptions,
    out: &mut BufWriter<W>,
) -> CliResult {
    let rule = format!("\n{}\n\n", "=".repeat(opts.layout.width.clamp(1, 40)));
    let between = |sep| Seps { lead: b"", sep };
    let result = match format {
        Format::Text => stream(src, out, between(rule.as_bytes()), |_, b| {
            Ok(render_text(b, opts))
        }),
        Format::Markdown => stream(src, out, between(b"\n---\n\n"), |_, b| {
            let mut buf = Vec::new();
            write_markdown(b, &mut buf)?;
            Ok(buf)
        }),
        Format::Json => (|| {
            // `[`, each item after a line break (and a comma), `]`: as
            // `write_json` writes the whole array.
            out.write_all(b"[")?;
            let seps = Seps {
                lead: b"\n",
                sep: b",\n",
            };
            let (failed, n) = stream(src, out, seps, |p, b| json_array_item(&with_path(p, b)))?;
            out.write_all(if n > 0 { b"\n]\n" } else { b"]\n" })?;
            Ok((failed, n))
        })(),
        Format::Jsonl => stream(src, out, between(b""), |p, b| jsonl_line(&with_path(p, b))),
    };
    let result = result.and_then(|(failed, _)| out.flush().map(|()| failed));
    let failed = *result.as_ref().unwrap_or(&false);
    super::written(
        result.map(|_| ()),
        if failed { EXIT_INVALID } else { EXIT_OK },
    )
}
