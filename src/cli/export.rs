//! `yomu export`: a briefing or a library to stdout as text, Markdown,
//! JSON or JSON Lines, or as vertical pages (`--vertical`). The writing
//! itself, shared with the plain reader and the pipe, is in
//! [`super::output`].

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use super::output::{Seps, Source, emit, source, stream, term_can_draw};
use super::{CliError, CliResult, EXIT_INVALID, EXIT_OK, Format, GlobalOpts};

/// Arguments of `yomu export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Line width in cells for the text format [default: 80, or `export_width` of the configuration].
    #[arg(long, short, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub width: Option<u16>,
    /// Write source URLs as clickable OSC 8 hyperlinks (default: only when stdout is a terminal).
    #[arg(long)]
    pub hyperlinks: bool,
    /// Vertical writing (縦書き): columns read top to bottom, right to left, in screens of --height rows and --width cells.
    #[arg(long)]
    pub vertical: bool,
    /// Rows per screen of the vertical text.
    #[arg(long, requires = "vertical", default_value_t = 24, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub height: u16,
    /// A briefing file or a folder (default: ./briefings, else the synced library, else the built-in samples).
    pub path: Option<PathBuf>,
}

/// `yomu export`.
pub fn run(args: &ExportArgs, g: &GlobalOpts) -> CliResult {
    let lib = source(args.path.as_deref())?;
    if args.vertical {
        if args.format != Format::Text {
            return Err(CliError::Usage(
                "--vertical prints text; leave out --format or use --format text",
            ));
        }
        let opts = crate::vertical::PrintOptions {
            height: usize::from(args.height),
            width: args.width.map_or(g.settings.export_width, usize::from),
            widths: g.widths(),
            ruby: g.settings.ruby,
        };
        return vertical(&lib, opts);
    }
    let hyperlinks = args.hyperlinks || (io::stdout().is_terminal() && term_can_draw());
    emit(
        &lib,
        args.format,
        args.width.map_or(g.settings.export_width, usize::from),
        hyperlinks,
        g,
    )
}

/// `yomu export --vertical`: every loaded briefing as vertical pages.
fn vertical(lib: &Source, opts: crate::vertical::PrintOptions) -> CliResult {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let rule = format!("\n{}\n\n", "=".repeat(opts.width.clamp(1, 40)));
    let seps = Seps {
        lead: b"",
        sep: rule.as_bytes(),
    };
    let result = stream(lib, &mut out, seps, |_, b| {
        let mut buf = Vec::new();
        crate::vertical::write_briefing(b, opts, &mut buf)?;
        Ok(buf)
    });
    let result = result.and_then(|(failed, _)| out.flush().map(|()| failed));
    let failed = *result.as_ref().unwrap_or(&false);
    super::written(
        result.map(|_| ()),
        if failed { EXIT_INVALID } else { EXIT_OK },
    )
}
