//! `yomu search QUERY [PATH]`: every match in a briefing or a library, one
//! line each, for scripts and `grep`-like use.
//!
//! A line is `file:section: text around the match`, where section is the
//! section number (1-based, as the reader's `§1`) or `cover` for the title,
//! summary, tags and takeaways. Matching is the reader's: NFKC plus case
//! folding (`ＡＢＣ` finds `abc`, `ｶﾀｶﾅ` finds `カタカナ`), and with `--kana`
//! hiragana and katakana match each other. Exit 0 when something matched,
//! 1 when nothing did, 2 for usage or I/O errors. Files that fail to load
//! are reported on stderr and do not stop the others. A closed pipe ends
//! quietly with 0.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use super::{EXIT_INVALID, EXIT_OK, EXIT_USAGE, GlobalOpts};
use crate::briefing::display_path;
use crate::search::{Place, SearchOptions, prepare_query, search_briefing};

/// Arguments of `yomu search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// What to look for (compared after NFKC and case folding).
    pub query: String,
    /// A briefing file or a folder (default: ./briefings, else the built-in samples).
    pub path: Option<PathBuf>,
    /// Hiragana and katakana match each other (`かな` finds `カナ`).
    #[arg(long)]
    pub kana: bool,
}

/// `yomu search`.
pub fn run(args: &SearchArgs, g: &GlobalOpts) -> u8 {
    let opts = SearchOptions {
        kana_insensitive: args.kana,
        widths: super::export::widths(g),
    };
    let Some(query) = prepare_query(&args.query, opts) else {
        let _ = writeln!(io::stderr(), "yomu: search: the query is empty");
        return EXIT_USAGE;
    };
    let lib = match super::export::load(args.path.as_deref()) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let mut found = false;
    let result = (|| -> io::Result<()> {
        for e in &lib.entries {
            let b = match &e.result {
                Ok(l) => &l.briefing,
                Err(err) => {
                    let _ = writeln!(io::stderr(), "{err}");
                    continue;
                }
            };
            let matches = search_briefing(b, &query, opts);
            if matches.is_empty() {
                continue;
            }
            found = true;
            let file = display_path(&e.path);
            for m in matches {
                let place = match m.place {
                    Place::Cover => "cover".to_string(),
                    Place::Section(i) => (i + 1).to_string(),
                };
                writeln!(out, "{file}:{place}: {}", m.context)?;
            }
        }
        out.flush()
    })();
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            let _ = writeln!(io::stderr(), "yomu: cannot write the output: {e}");
            EXIT_USAGE
        }
        Ok(()) if found => EXIT_OK,
        Ok(()) => EXIT_INVALID,
    }
}
