//! `yomu completions bash|zsh|fish`, `yomu man` and `yomu schema`: shell
//! completion scripts and the manual pages, generated from the clap
//! definitions of [`super::Cli`] so they always list exactly the commands
//! and flags that exist, and the briefing format as a JSON Schema.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{CommandFactory, ValueEnum};

use super::{Cli, CliError, CliResult, EXIT_OK};

/// Shells with a completion script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// Arguments of `yomu completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to write the script for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Write `bytes` to stdout; a closed pipe is a quiet success.
fn emit(bytes: &[u8]) -> CliResult {
    let mut out = io::stdout().lock();
    super::written(out.write_all(bytes).and_then(|()| out.flush()), EXIT_OK)
}

/// `yomu completions SHELL`.
pub fn completions(args: &CompletionsArgs) -> CliResult {
    let shell = match args.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "yomu", &mut buf);
    emit(&buf)
}

/// Arguments of `yomu man`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write every page (yomu.1 and one per command, such as yomu-export.1)
    /// into DIR instead of printing yomu.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `yomu man`: the roff manual page, or every page into a folder.
pub fn man(args: &ManArgs) -> CliResult {
    let pages = super::manual::pages().map_err(CliError::Man)?;
    let Some(dir) = &args.dir else {
        let (_, text) = pages
            .first()
            .ok_or_else(|| CliError::Man(io::Error::other("no page")))?;
        return emit(text.as_bytes());
    };
    let shown = crate::briefing::display_path(dir);
    std::fs::create_dir_all(dir)
        .map_err(|e| CliError::Io(format!("cannot create {shown}: {e}")))?;
    for (name, text) in &pages {
        crate::fsutil::write_atomic(&dir.join(name), text.as_bytes())
            .map_err(|e| CliError::Io(format!("cannot write {shown}/{name}: {e}")))?;
    }
    let mut out = io::stdout().lock();
    let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    let line = format!("{shown}: wrote {}\n", names.join(" "));
    super::written(out.write_all(line.as_bytes()), EXIT_OK)
}

/// `yomu schema`: the JSON Schema of the briefing format.
pub fn schema() -> CliResult {
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = crate::export::write_json(&crate::briefing::json_schema::schema(), &mut buf);
    emit(&buf)
}
