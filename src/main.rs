//! The `yomu` binary: parses the command line, runs the command, and turns
//! its outcome into an exit code (0 ok, 1 invalid briefing or no match,
//! 2 usage or I/O error). An error is printed here, once, to stderr as one
//! readable message, never as a panic or a backtrace.

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Parser;
use yomu::cli::{self, Cli, CliError, CliResult, Command};

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
        return report(CliError::StdoutClosed);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(cli::clap_error(&e)),
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => report(e),
    }
}

/// Print the error that stopped yomu, once; its exit code.
fn report(e: CliError) -> ExitCode {
    let _ = write!(std::io::stderr(), "{}", e.report());
    e.exit_code()
}

/// Run the command the line asks for.
fn run(mut cli: Cli) -> CliResult {
    match &cli.command {
        Some(Command::Completions(args)) => return cli::generate::completions(args),
        Some(Command::Man(args)) => return cli::generate::man(args),
        Some(Command::Schema) => return cli::generate::schema(),
        _ => {}
    }
    // The configuration's own problems are told in the locale's language:
    // its `ui_language` is not known until it loads.
    yomu::i18n::set_process_lang(yomu::i18n::Lang::from_env());
    cli.global.settings = yomu::config::load(cli.global.config.as_deref(), cli.global.no_config)?;
    // Every command speaks the reader's language, chosen by the same rule.
    yomu::i18n::set_process_lang(yomu::i18n::Lang::resolve(cli.global.settings.ui_language));
    match cli.command {
        Some(Command::Completions(_) | Command::Man(_) | Command::Schema) => Ok(ExitCode::SUCCESS),
        Some(Command::Check(args)) => cli::check::run(&args, &cli.global),
        Some(Command::Export(args)) => cli::export::run(&args, &cli.global),
        Some(Command::Search(args)) => cli::search::run(&args, &cli.global),
        Some(Command::Import(args)) => cli::feeds::import(&args),
        Some(Command::Feeds(args)) => cli::feeds::feeds(&args),
        Some(Command::Sync(args)) => cli::feeds::sync(&args),
        None => {
            // The reader lives long: its heap must not keep what a first
            // index build once used (commands that end soon need not care,
            // and fewer arenas would make their threads wait on each other).
            yomu::parallel::limit_heap_arenas();
            cli::read::run_default(cli.path.as_deref(), &cli.global)
        }
    }
}
