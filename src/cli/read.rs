//! `yomu [PATH]`: the one place the full-screen reader is started. On a
//! terminal it opens the reader, or the plain reader ([`super::plain`])
//! with `--plain` or on a terminal that cannot draw; into a pipe it writes
//! the text export.

use std::io::{self, IsTerminal};
use std::path::Path;
use std::process::ExitCode;

use super::output::{emit, source};
use super::{CliError, CliResult, EXIT_OK, Format, GlobalOpts};

/// `yomu [PATH]`: the reader on a terminal; the plain reader with
/// `--plain` or on a terminal that cannot draw the reader
/// ([`super::output::term_can_draw`]); the text export into a pipe.
pub fn run_default(path: Option<&Path>, g: &GlobalOpts) -> CliResult {
    if io::stdout().is_terminal() {
        if super::plain::wanted(g) {
            return super::plain::run(path, g);
        }
        if io::stdin().is_terminal() {
            let opts = crate::tui::Options {
                settings: &g.settings,
                widths: g.widths(),
                // `--color never` is obeyed on the full screen too (NO_COLOR already is).
                no_color: g.color == super::color::ColorWhen::Never,
            };
            return match crate::tui::run(path, opts) {
                Ok(()) => Ok(ExitCode::from(EXIT_OK)),
                Err(crate::tui::RunError::Load(e)) => Err(CliError::Load(e)),
                Err(crate::tui::RunError::Terminal(e)) => Err(CliError::Terminal(e)),
                Err(crate::tui::RunError::Save(e)) => Err(CliError::Save(e)),
            };
        }
    }
    let lib = source(path)?;
    emit(&lib, Format::Text, g.settings.export_width, false, g)
}
