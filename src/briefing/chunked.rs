//! Parsing a large briefing in chunks, one per `[[sections]]`, in parallel.
//!
//! `toml` parses a whole document into a token list, an event list and a
//! tree before anything can be checked: for a 6 MB briefing that is about
//! 15 MB on top of the text, and 40 ms on one core. A briefing is a head
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

use std::ops::Range;

use toml::de::DeTable;

use super::report::Reporter;
use super::{Diagnostic, Loaded, validate};

/// Files from this size on are parsed in chunks; smaller ones gain nothing.
pub const CHUNKED_FROM: usize = 256 * 1024;

/// The header every chunk but the first starts with.
const HEADER: &str = "[[sections]]";

/// Byte ranges of the head and of each section chunk; `None` when the file
/// has no line starting with the header.
fn chunks(src: &str) -> Option<Vec<Range<usize>>> {
    let mut starts = vec![0];
    starts.extend(memchr::memmem::find_iter(src.as_bytes(), "\n[[sections]]").map(|i| i + 1));
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
) -> Option<(Vec<super::Section>, Reporter<'a>)> {
    let mut r = Reporter::new(name, src);
    let mut out = Vec::with_capacity(ranges.len());
    for range in ranges {
        let text = &src[range.clone()];
        debug_assert!(text.starts_with(HEADER));
        let (table, errors) = DeTable::parse_recoverable(text);
        let table = table.into_inner();
        if !errors.is_empty() || table.len() != 1 || !table.contains_key("sections") {
            return None;
        }
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
    let mut briefing = {
        let (root, errors) = DeTable::parse_recoverable(&src[head.clone()]);
        let root = root.into_inner();
        if !errors.is_empty() || root.contains_key("sections") {
            return None;
        }
        validate::head(&mut r, &root)
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let per_thread = rest.len().div_ceil(threads);
    let parts: Vec<Option<_>> = if threads == 1 || rest.len() < 8 {
        vec![sections(name, src, rest)]
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = rest
                .chunks(per_thread)
                .map(|group| s.spawn(move || sections(name, src, group)))
                .collect();
            // A thread that panicked proves nothing: parse the whole file.
            handles
                .into_iter()
                .map(|h| h.join().ok().flatten())
                .collect()
        })
    };
    for part in parts {
        let (sections, other) = part?;
        briefing.sections.extend(sections);
        r.absorb(other);
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

    proptest::proptest! {
        /// Damage anywhere: the chunked parse either declines or agrees
        /// with the whole-file parse, errors included.
        #[test]
        fn damaged_files_agree_or_fall_back(
            edits in proptest::collection::vec(
                (0.0..1.0f64, 0..EDITS.len(), proptest::bool::ANY),
                1..4,
            ),
        ) {
            let mut src = crate::synth::large_briefing(5);
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
            same(&src);
        }
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
