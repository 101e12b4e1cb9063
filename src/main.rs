//! The `yomu` binary: parses the command line, picks the interactive reader
//! or a plain export, and turns every outcome into an exit code (0 ok,
//! 1 invalid briefing, 2 usage or I/O error). Errors go to stderr as one
//! readable message, never as a panic or a backtrace.

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Parser;
use yomu::cli::{self, Cli, Command};

/// Whether the process started with its stdout closed (`yomu export x >&-`).
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Runs before `main`, before Rust's runtime quietly opens `/dev/null` in
/// place of a closed standard descriptor (after which every write would
/// "succeed" and a closed stdout would go unnoticed).
#[ctor::ctor(unsafe)]
fn note_closed_stdout() {
    // SAFETY: F_GETFD only asks whether the descriptor is open.
    if unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFD) } == -1 {
        STDOUT_CLOSED.store(true, Ordering::Relaxed);
    }
}

fn main() -> ExitCode {
    yomu::tui::term::install_panic_hook();
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        let _ = writeln!(
            std::io::stderr(),
            "yomu: standard output is closed: nothing could be written"
        );
        return ExitCode::from(cli::EXIT_USAGE);
    }
    let mut cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(cli::clap_error(&e)),
    };
    if let Some(Command::Completions(args)) = &cli.command {
        return ExitCode::from(cli::generate::completions(args));
    }
    if let Some(Command::Man(args)) = &cli.command {
        return ExitCode::from(cli::generate::man(args));
    }
    if let Some(Command::Schema) = &cli.command {
        return ExitCode::from(cli::generate::schema());
    }
    match yomu::config::load(cli.global.config.as_deref(), cli.global.no_config) {
        Ok(settings) => cli.global.settings = settings,
        Err(e) => {
            let _ = write!(std::io::stderr(), "{}", e.render());
            return ExitCode::from(cli::EXIT_USAGE);
        }
    }
    let code = match cli.command {
        Some(Command::Completions(_) | Command::Man(_) | Command::Schema) => cli::EXIT_OK,
        Some(Command::Check(args)) => cli::check::run(&args, &cli.global),
        Some(Command::Export(args)) => cli::export::run(&args, &cli.global),
        Some(Command::Search(args)) => cli::search::run(&args, &cli.global),
        None => cli::export::run_default(cli.path.as_deref(), &cli.global),
    };
    ExitCode::from(code)
}
