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

use super::color::paint;
use super::{CliError, CliResult, EXIT_INVALID, EXIT_OK, GlobalOpts};
use crate::briefing::LoadError;
use crate::briefing::{Briefing, display_path};
use crate::launch;
use crate::library::{self, Entry};
use crate::search::{FieldMatch, Place, SearchOptions, prepare_query, search_briefing};

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
}

/// Load the path (or the default) and search every briefing, in library
/// order (newest first). A folder's files are searched on the threads that
/// load them. An error when the path cannot be read.
fn load_and_search(
    args: &SearchArgs,
    query: &str,
    opts: SearchOptions,
) -> Result<Vec<(Entry, Vec<FieldMatch>)>, LoadError> {
    // The matches, and of the briefing only what orders the library.
    let search = |mut e: Entry| {
        let matches = e
            .briefing()
            .map(|b| search_briefing(b, query, opts))
            .unwrap_or_default();
        if let Ok(l) = &mut e.result {
            let b = &mut l.briefing;
            *b = Briefing {
                title: std::mem::take(&mut b.title),
                subtitle: None,
                summary: None,
                published: b.published.take(),
                language: None,
                tags: Vec::new(),
                takeaways: Vec::new(),
                sections: Vec::new(),
            };
        }
        (e, matches)
    };
    let mut found = match launch::folder_files(args.path.as_deref())? {
        Some(files) => library::load_files_then(&files, search),
        None => launch::load(args.path.as_deref())?
            .entries
            .into_iter()
            .map(search)
            .collect(),
    };
    found
        .sort_by(|(a, _), (b, _)| library::order((&a.path, a.briefing()), (&b.path, b.briefing())));
    Ok(found)
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
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let mut found = false;
    let result = (|| -> io::Result<()> {
        for (e, matches) in &found_in {
            if let Err(err) = &e.result {
                let _ = writeln!(io::stderr(), "{err}");
                continue;
            }
            if matches.is_empty() {
                continue;
            }
            found = true;
            let file = paint(styles.path, &display_path(&e.path));
            for m in matches {
                let place = match m.place {
                    Place::Cover => "cover".to_string(),
                    Place::Section(i) => (i + 1).to_string(),
                };
                let c = &m.context;
                let hit = c.get(m.matched.clone()).unwrap_or_default();
                let (before, after) = (
                    c.get(..m.matched.start).unwrap_or_default(),
                    c.get(m.matched.end..).unwrap_or_default(),
                );
                writeln!(
                    out,
                    "{file}:{}: {before}{}{after}",
                    paint(styles.place, &place),
                    paint(styles.matched, hit)
                )?;
            }
        }
        out.flush()
    })();
    super::written(result, if found { EXIT_OK } else { EXIT_INVALID })
}
