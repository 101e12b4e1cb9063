//! The `yomu` binary: parses the command line, picks the interactive reader
//! or a plain export, and turns every outcome into an exit code (0 ok,
//! 1 invalid briefing, 2 usage or I/O error). Errors go to stderr as one
//! readable message, never as a panic or a backtrace.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use yomu::cli::{self, Cli, Command};

fn main() -> ExitCode {
    yomu::tui::term::install_panic_hook();
    let mut cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(cli::clap_error(&e)),
    };
    if let Some(Command::Completions(args)) = &cli.command {
        return ExitCode::from(cli::generate::completions(args));
    }
    if let Some(Command::Man) = &cli.command {
        return ExitCode::from(cli::generate::man());
    }
    match yomu::config::load(cli.global.config.as_deref(), cli.global.no_config) {
        Ok(settings) => cli.global.settings = settings,
        Err(e) => {
            let _ = write!(std::io::stderr(), "{}", e.render());
            return ExitCode::from(cli::EXIT_USAGE);
        }
    }
    let code = match cli.command {
        Some(Command::Completions(_) | Command::Man) => cli::EXIT_OK,
        Some(Command::Check(args)) => cli::check::run(&args, &cli.global),
        Some(Command::Export(args)) => cli::export::run(&args, &cli.global),
        Some(Command::Search(args)) => cli::search::run(&args, &cli.global),
        None => cli::export::run_default(cli.path.as_deref(), &cli.global),
    };
    ExitCode::from(code)
}
