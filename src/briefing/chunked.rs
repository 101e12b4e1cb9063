//! Parsing a large briefing in chunks, one per `[[sections]]`, in parallel.
//!
//! `toml` parses a whole document into a token list, an event list and a
//! tree before anything can be checked: for a large briefing that is
//! several times the text's size on top of it, built on one core. A briefing is a head
//! (the top-level keys) followed by `[[sections]]` tables, so a large file
//! is cut before every line that starts with `[[sections]]`, and each chunk
//! is parsed and validated on its own, in parallel, then dropped: memory
//! stays near the text plus the model, and the work is shared by the cores.
//!
//! A cut is only a guess (the line could sit inside a multi-line string or
//! array), so the chunks must prove it: a chunk that ends inside a string,
//! an array or an inline table fails to parse. The chunked result is used
//! only when every chunk parses without a syntax error, the head has no
//! `sections` key and every other chunk holds nothing but its `sections`.
//! Then the chunks' tokens are exactly the file's, every cut falls between
//! two statements, and the file means the same as the chunks together
//! (a unit test checks this against the whole-file path). In any other case
//! [`parse`] answers `None` and the caller parses the whole file, which
//! reports every problem the usual way.
//!
//! [`load`] goes further for a file on disk: it reads the file block by
//! block and hands each chunk to a worker as soon as it is complete, so
//! the whole text is never in memory at once (the peak is the model plus
//! a few chunks). It has no whole text to point diagnostics into, so it
//! gives up (`None`) on any problem or warning, and the file is loaded
//! whole, which reports them.

use std::fs::File;
use std::ops::Range;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use toml::de::DeTable;

use super::read::{Blocks, text_at};
use super::{Briefing, Diagnostic, Loaded, Section, validate};
use crate::diagnostics::report::Reporter;

/// Files from this size on are parsed in chunks; smaller ones gain nothing.
pub const CHUNKED_FROM: usize = 256 * 1024;

/// The header every chunk but the first starts with.
const HEADER: &str = "[[sections]]";

/// What a cut is made before: the header at the start of a line (the cut
/// falls after the newline).
const CUT: &str = "\n[[sections]]";

/// The TOML table of one chunk, when it proves its cut: it parses without
/// a syntax error, and holds no `sections` (the head) or nothing else
/// (every other chunk).
fn proven(text: &str, head: bool) -> Option<DeTable<'_>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    let table = table.into_inner();
    let sections = table.contains_key("sections");
    let fits = if head {
        !sections
    } else {
        sections && table.len() == 1
    };
    (errors.is_empty() && fits).then_some(table)
}

/// Byte ranges of the head and of each section chunk; `None` when the file
/// has no line starting with the header.
fn chunks(src: &str) -> Option<Vec<Range<usize>>> {
    let mut starts = vec![0];
    starts.extend(memchr::memmem::find_iter(src.as_bytes(), CUT).map(|i| i + 1));
    if starts.len() < 2 {
        return None;
    }
    starts.push(src.len());
    Some(starts.windows(2).map(|w| w[0]..w[1]).collect())
}

/// The validated sections of consecutive chunks, with their diagnostics in
/// a reporter of their own; `None` when a chunk does not prove its cut.
fn sections<'a>(
    name: &str,
    src: &'a str,
    ranges: &[Range<usize>],
) -> Option<(Vec<Section>, Reporter<'a>)> {
    let mut r = Reporter::new(name, src);
    let mut out = Vec::with_capacity(ranges.len());
    for range in ranges {
        let text = &src[range.clone()];
        debug_assert!(text.starts_with(HEADER));
        let table = proven(text, false)?;
        r.set_offset(range.start);
        out.extend(validate::sections(&mut r, &table));
    }
    Some((out, r))
}

/// Parse and validate `src` (BOM already stripped) chunk by chunk; `None`
/// when the whole file must be parsed instead.
pub fn parse(name: &str, src: &str) -> Option<Result<Loaded, Vec<Diagnostic>>> {
    let ranges = chunks(src)?;
    let (head, rest) = ranges.split_first()?;
    let mut r = Reporter::new(name, src);
    let mut briefing = validate::head(&mut r, &proven(&src[head.clone()], true)?);
    // One group of chunks per core, each with a reporter of its own (so a
    // file's line index is built at most once per group).
    let groups: Vec<&[Range<usize>]> = rest
        .chunks(rest.len().div_ceil(crate::parallel::workers()))
        .collect();
    let parts = crate::parallel::map(&groups, 2, |group| sections(name, src, group));
    for part in parts {
        let (sections, other) = part?;
        briefing.sections.extend(sections);
        r.absorb(other);
    }
    // A repeated `id` is warned about at its place by the whole parse.
    if repeats_an_id(&briefing) {
        return None;
    }
    Some(if r.has_errors() {
        Err(r.finish())
    } else {
        Ok(Loaded {
            briefing,
            warnings: r.finish(),
        })
    })
}

/// Whether two sections have the same `id` (a warning only the whole
/// file's parse places).
fn repeats_an_id(b: &Briefing) -> bool {
    let mut seen = std::collections::HashSet::new();
    b.sections
        .iter()
        .filter_map(|s| s.id.as_deref())
        .any(|id| !seen.insert(id.trim()))
}

/// Bytes read per block by [`load`].
const BLOCK: usize = 256 * 1024;

/// What one chunk of a streamed file gave.
enum Part {
    Head(Briefing),
    Sections(Vec<Section>),
}

/// Parse and validate one chunk on its own; `None` on any diagnostic.
fn part(name: &str, text: &str, head: bool) -> Option<Part> {
    let table = proven(text, head)?;
    let mut r = Reporter::new(name, text);
    let part = if head {
        Part::Head(validate::head(&mut r, &table))
    } else {
        Part::Sections(validate::sections(&mut r, &table))
    };
    r.finish().is_empty().then_some(part)
}

/// Chunks of a streamed file sent to a worker together: their first
/// index and their texts.
type Batch = (usize, Vec<String>);

/// Text per batch: a few hundred small chunks would otherwise cost a
/// thread wake-up each.
const BATCH_BYTES: usize = 64 * 1024;

/// Read `path` block by block, cutting it into chunks and sending them in
/// batches as soon as they are complete. False when the file must be
/// loaded whole.
fn produce(path: &Path, file: &mut File, tx: &mpsc::SyncSender<Batch>, stop: &AtomicBool) -> bool {
    let mut file = Blocks::new(path, file);
    let mut buf: Vec<u8> = Vec::with_capacity(2 * BLOCK);
    let mut offset = 0; // of `buf[0]` in the file
    let mut batch: Batch = (0, Vec::new());
    let mut batch_bytes = 0;
    let mut chunks = 0;
    // Add one chunk to the batch, sending the batch when it is full (or
    // at the end); false to stop.
    let mut add = |bytes: Option<(&[u8], usize)>, last: bool| -> bool {
        if let Some((bytes, at)) = bytes {
            let Ok(text) = text_at(path, bytes.to_vec(), at) else {
                return false;
            };
            // A BOM moves positions: leave such files to the whole-file path.
            if chunks == 0 && text.starts_with('\u{feff}') {
                return false;
            }
            chunks += 1;
            batch_bytes += text.len();
            batch.1.push(text);
        }
        if (last || batch_bytes >= BATCH_BYTES) && !batch.1.is_empty() {
            let next = (batch.0 + batch.1.len(), Vec::new());
            if tx.send(std::mem::replace(&mut batch, next)).is_err() {
                return false;
            }
            batch_bytes = 0;
        }
        !stop.load(Ordering::Relaxed)
    };
    let mut cut_any = false;
    loop {
        let scanned = buf.len().saturating_sub(HEADER.len());
        let n = match file.read_into(&mut buf, BLOCK) {
            Ok(n) => n,
            Err(_) => return false,
        };
        if n == 0 {
            break;
        }
        let mut start = 0;
        for at in memchr::memmem::find_iter(&buf[scanned..], CUT) {
            let cut = scanned + at + 1;
            if !add(Some((&buf[start..cut], offset + start)), false) {
                return false;
            }
            cut_any = true;
            start = cut;
        }
        buf.drain(..start);
        offset += start;
    }
    cut_any && add(Some((&buf, offset)), true)
}

/// Load the file at `path` chunk by chunk, in parallel, without holding
/// its whole text; `None` when it must be loaded whole instead (see the
/// module documentation).
pub fn load(path: &Path, file: &mut File, name: &str) -> Option<Loaded> {
    let threads = crate::parallel::workers();
    let stop = AtomicBool::new(false);
    let (proven, parts) = crate::parallel::fan_out(
        threads,
        2 * threads,
        |tx| produce(path, file, tx, &stop),
        |(first, texts): Batch, done: &mut Vec<(usize, Part)>| {
            for (i, text) in (first..).zip(texts) {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                match part(name, &text, i == 0) {
                    Some(p) => done.push((i, p)),
                    None => stop.store(true, Ordering::Relaxed),
                }
            }
        },
    );
    let (proven, mut parts) = match parts {
        Some(parts) => (proven && !stop.load(Ordering::Relaxed), parts),
        None => (false, Vec::new()),
    };
    if !proven {
        return None;
    }
    parts.sort_by_key(|(i, _)| *i);
    let mut parts = parts.into_iter().map(|(_, p)| p);
    let Some(Part::Head(mut briefing)) = parts.next() else {
        return None;
    };
    for p in parts {
        match p {
            Part::Sections(s) => briefing.sections.extend(s),
            Part::Head(_) => return None,
        }
    }
    (!briefing.sections.is_empty() && !repeats_an_id(&briefing)).then_some(Loaded {
        briefing,
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole-file path, for comparison.
    fn whole(src: &str) -> Result<Loaded, Vec<Diagnostic>> {
        super::super::parse::parse_whole("x.toml", src)
    }

    /// The chunked result equals the whole-file one; false when the cut
    /// was not proven (and the whole file is parsed instead).
    fn same(src: &str) -> bool {
        let Some(chunked) = parse("x.toml", src) else {
            return false;
        };
        match (chunked, whole(src)) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.briefing, b.briefing);
                assert_eq!(a.warnings, b.warnings);
            }
            (Err(a), Err(b)) => assert_eq!(a, b),
            (a, b) => panic!("chunked {a:?}\nwhole {b:?}"),
        }
        true
    }

    #[test]
    fn agrees_with_the_whole_file_on_generated_briefings() {
        for n in [1, 2, 3, 17] {
            assert!(same(&crate::synth::large_briefing(n)));
        }
        // The guide quotes a `[[sections]]` line inside a multi-line
        // string: that cut is not proven, and the file is parsed whole.
        let proven: Vec<bool> = crate::samples::SAMPLES
            .iter()
            .map(|(_, src)| same(src))
            .collect();
        assert_eq!(proven, [true, false, true]);
    }

    const EDITS: &[&str] = &[
        "\"",
        "\"\"\"",
        "'''",
        "[",
        "]",
        "{",
        "}",
        "=",
        "#",
        ",",
        "\n",
        "\n[[sections]]\n",
        "\n[[sections]]\nheading = \"x\"\n",
        "\n[extra]\nx = 1\n",
        "\nheading = \"dup\"\n",
        "\ntitle = \"t\"\n",
        "\nsections = 1\n",
        "\n[[sections.sources]]\n",
        "\n[sections]\n",
        "\u{1b}",
        "\\u001b",
        "x",
    ];

    /// Damage anywhere: the chunked parse either declines or agrees with
    /// the whole-file parse, errors included; and it does not simply always
    /// decline (at least a fifth of the damaged files are parsed in chunks).
    #[test]
    fn damaged_files_agree_or_fall_back() {
        use proptest::strategy::Strategy;
        use proptest::test_runner::{Config, TestRunner};
        let edits =
            proptest::collection::vec((0.0..1.0f64, 0..EDITS.len(), proptest::bool::ANY), 1..4);
        let base = crate::synth::large_briefing(9);
        let cases = 500;
        let proven = std::cell::Cell::new(0);
        let mut runner = TestRunner::new(Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        });
        let result = runner.run(&edits.no_shrink(), |edits| {
            let mut src = base.clone();
            for (at, e, delete) in edits {
                let mut i = (at * src.len() as f64) as usize;
                while !src.is_char_boundary(i) {
                    i -= 1;
                }
                if delete {
                    let mut j = (i + 7).min(src.len());
                    while !src.is_char_boundary(j) {
                        j -= 1;
                    }
                    src.replace_range(i..j, "");
                } else {
                    src.insert_str(i, EDITS[e]);
                }
            }
            if same(&src) {
                proven.set(proven.get() + 1);
            }
            Ok(())
        });
        assert!(result.is_ok(), "{result:?}");
        assert!(
            proven.get() * 5 >= cases,
            "only {} of {cases} parsed in chunks",
            proven.get()
        );
    }

    /// A temporary file removed when dropped.
    struct Temp(std::path::PathBuf);

    impl Temp {
        fn new(tag: &str, bytes: &[u8]) -> Temp {
            let p = std::env::temp_dir()
                .join(format!("yomu-chunked-{}-{tag}.toml", std::process::id()));
            std::fs::write(&p, bytes).expect("write");
            Temp(p)
        }
    }

    impl Drop for Temp {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }

    /// [`load`] on the file at `path`.
    fn stream(path: &std::path::Path) -> Option<Loaded> {
        let (mut file, _) = super::super::read::open(path).expect("opens");
        load(path, &mut file, "x.toml")
    }

    #[test]
    fn streaming_gives_the_whole_file_result() {
        let src = crate::synth::large_briefing(250);
        assert!(src.len() > 2 * BLOCK, "several blocks");
        let f = Temp::new("stream", src.as_bytes());
        let streamed = stream(&f.0).expect("streamed");
        let whole = whole(&src).expect("valid");
        assert_eq!(streamed.briefing, whole.briefing);
        assert!(streamed.warnings.is_empty());
        assert_eq!(
            super::super::load_file(&f.0).expect("loads").briefing,
            whole.briefing
        );
    }

    #[test]
    fn streaming_gives_up_on_anything_unusual() {
        let src = crate::synth::large_briefing(250);
        let warned = src.replacen("lead = \"", "lead = \"\\u001b", 1);
        let invalid = format!("{src}\n[[sections]]\nheadline = \"x\"\n");
        let mut not_utf8 = src.clone().into_bytes();
        not_utf8.extend_from_slice(b"\n# \xff\n");
        let mut nul = src.clone().into_bytes();
        nul.extend_from_slice(b"\n# \0\n");
        let bom = format!("\u{feff}{src}");
        for (tag, bytes) in [
            ("warned", warned.as_bytes()),
            ("invalid", invalid.as_bytes()),
            ("utf8", &not_utf8[..]),
            ("nul", &nul[..]),
            ("bom", bom.as_bytes()),
        ] {
            let f = Temp::new(tag, bytes);
            assert!(stream(&f.0).is_none(), "{tag}");
        }
        // The whole-file path then reports them as usual.
        let f = Temp::new("utf8-whole", &not_utf8);
        let err = super::super::load_file(&f.0)
            .expect_err("not UTF-8")
            .to_string();
        assert!(err.contains(&format!("offset {}", src.len() + 3)), "{err}");
        let f = Temp::new("warned-whole", warned.as_bytes());
        assert_eq!(
            super::super::load_file(&f.0).expect("valid").warnings.len(),
            1
        );
    }

    #[test]
    fn validation_problems_keep_their_positions() {
        // A warning (control character) and errors (unknown key, bad URL)
        // in later chunks are reported at their line in the file.
        let src = "title = \"t\"\n\n[[sections]]\nheading = \"a\"\n\n[[sections]]\nheading = \"b\\u001b\"\nheadline = \"x\"\n[[sections.sources]]\nname = \"n\"\nurl = \"ftp://x\"\n";
        assert!(same(src));
        let diags = parse("x.toml", src).expect("proven").expect_err("invalid");
        let lines: Vec<usize> = diags.iter().map(|d| d.line).collect();
        assert!(lines.contains(&8) && lines.contains(&11), "{diags:?}");
    }

    #[test]
    fn unproven_cuts_fall_back_to_the_whole_file() {
        // The header line inside a multi-line string.
        let in_string =
            "title = \"t\"\n[[sections]]\nheading = \"h\"\nbody = [\"\"\"\n[[sections]]\n\"\"\"]\n";
        assert!(parse("x.toml", in_string).is_none());
        let b = whole(in_string).expect("valid").briefing;
        assert_eq!(b.sections.len(), 1);
        assert_eq!(b.sections[0].body, ["[[sections]]\n"]);
        // A syntax error in a chunk, a table after the sections, sections
        // in the head: all parsed whole.
        for src in [
            "title = \"t\"\n[[sections]]\nheading = \"h\n[[sections]]\nheading = \"i\"\n",
            "title = \"t\"\n[[sections]]\nheading = \"h\"\n[extra]\nx = 1\n",
            "title = \"t\"\nsections = []\n[[sections]]\nheading = \"h\"\n",
            "title = \"t\"\n",
        ] {
            assert!(parse("x.toml", src).is_none(), "{src}");
        }
    }
}
