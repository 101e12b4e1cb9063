//! `yomu completions bash|zsh|fish`, `yomu man` and `yomu schema`: shell
//! completion scripts and the manual pages, generated from the clap
//! definitions of [`super::Cli`] so they always list exactly the commands
//! and flags that exist, and the briefing format as a JSON Schema.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{CommandFactory, ValueEnum};

use super::{Cli, EXIT_OK, EXIT_USAGE};

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
fn emit(bytes: &[u8]) -> u8 {
    let mut out = io::stdout().lock();
    super::written(out.write_all(bytes).and_then(|()| out.flush()), EXIT_OK)
}

/// `yomu completions SHELL`.
pub fn completions(args: &CompletionsArgs) -> u8 {
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
pub fn man(args: &ManArgs) -> u8 {
    let pages = match super::manual::pages() {
        Ok(p) => p,
        Err(e) => {
            let _ = writeln!(io::stderr(), "yomu: cannot render the manual page: {e}");
            return EXIT_USAGE;
        }
    };
    let Some(dir) = &args.dir else {
        return pages
            .first()
            .map_or(EXIT_USAGE, |(_, text)| emit(text.as_bytes()));
    };
    let shown = crate::briefing::display_path(dir);
    if let Err(e) = std::fs::create_dir_all(dir) {
        let _ = writeln!(io::stderr(), "yomu: cannot create {shown}: {e}");
        return EXIT_USAGE;
    }
    for (name, text) in &pages {
        if let Err(e) = std::fs::write(dir.join(name), text) {
            let _ = writeln!(io::stderr(), "yomu: cannot write {shown}/{name}: {e}");
            return EXIT_USAGE;
        }
    }
    let mut out = io::stdout().lock();
    let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    let line = format!("{shown}: wrote {}\n", names.join(" "));
    super::written(out.write_all(line.as_bytes()), EXIT_OK)
}

/// `yomu schema`: the JSON Schema of the briefing format.
pub fn schema() -> u8 {
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = crate::export::write_json(&crate::briefing::json_schema::schema(), &mut buf);
    emit(&buf)
}
