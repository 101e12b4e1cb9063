//! `yomu completions bash|zsh|fish` and `yomu man`: shell completion scripts
//! and the manual page, generated from the clap definitions of [`super::Cli`]
//! so they always list exactly the commands and flags that exist.

use std::io::{self, Write};

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

/// `yomu man`: the roff manual page.
pub fn man() -> u8 {
    let mut buf = Vec::new();
    match clap_mangen::Man::new(Cli::command()).render(&mut buf) {
        Ok(()) => emit(&buf),
        Err(e) => {
            let _ = writeln!(io::stderr(), "yomu: cannot render the manual page: {e}");
            EXIT_USAGE
        }
    }
}
