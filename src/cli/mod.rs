//! The command line: clap definitions and the non-interactive commands.
//!
//! `main.rs` parses [`Cli`] and dispatches; each command lives in its own
//! module and returns `Result<ExitCode, CliError>`: the exit code of a run
//! that went through (0 ok, 1 invalid briefing(s) or no match), or the error
//! that stopped it, which `main` prints once and turns into exit code 2.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::briefing::LoadError;
use crate::config::ConfigError;

pub mod check;
pub mod color;
pub mod export;
pub mod feeds;
pub mod generate;
pub mod indexing;
mod manual;
pub mod output;
pub mod plain;
pub mod read;
pub mod search;

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: invalid briefing(s), or (search) nothing matched.
pub const EXIT_INVALID: u8 = 1;
/// Exit code: usage or I/O error.
pub const EXIT_USAGE: u8 = 2;

/// What stopped a command; `main` prints it once ([`CliError::report`])
/// and exits with [`CliError::exit_code`].
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The path could not be read (missing, unreadable, not a briefing file).
    #[error("{0}")]
    Load(#[from] LoadError),
    /// The configuration file is not valid.
    #[error("{}", .0.render())]
    Config(#[from] ConfigError),
    #[error("{}", crate::i18n::tf(crate::i18n::Msg::CliCannotWriteOutput, &[.0]))]
    Write(#[source] io::Error),
    #[error("{}", crate::i18n::tf(crate::i18n::Msg::CliTerminalError, &[.0]))]
    Terminal(#[source] io::Error),
    /// The reader ended, but could not save the reading state.
    #[error("{0}")]
    Save(String),
    #[error("{}", crate::i18n::tf(crate::i18n::Msg::CliManError, &[.0]))]
    Man(#[source] io::Error),
    #[error("{}", crate::i18n::t(crate::i18n::Msg::CliEmptyQuery))]
    EmptyQuery,
    /// Options that do not go together.
    #[error("{0}")]
    Usage(&'static str),
    /// A file or folder could not be written (the message says which).
    #[error("{0}")]
    Io(String),
    /// feeds.toml could not be read or written.
    #[error("{}", .0.render())]
    Subscriptions(#[from] crate::feeds::subscriptions::SubscriptionsError),
    /// A sync could not start.
    #[error("{0}")]
    Sync(#[from] crate::feeds::sync::SyncError),
    /// yomu was started with its stdout closed (`yomu export x >&-`).
    #[error("{}", crate::i18n::t(crate::i18n::Msg::CliStdoutClosed))]
    StdoutClosed,
}

impl CliError {
    /// The text for stderr: `yomu: ` and the message on a line, or the
    /// configuration's diagnostics as they are rendered.
    pub fn report(&self) -> String {
        match self {
            CliError::Config(e) => e.render(),
            CliError::Subscriptions(e) => e.render(),
            CliError::Sync(crate::feeds::sync::SyncError::Subscriptions(e)) => e.render(),
            e => format!("yomu: {e}\n"),
        }
    }

    /// Every error is a usage or I/O error: exit 2.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(EXIT_USAGE)
    }
}

/// The result of a command.
pub type CliResult = Result<ExitCode, CliError>;

/// The exit code after writing a command's output: `done` when it was all
/// written, or when the reader closed the pipe (`| head` is a normal end);
/// any other write error is an error.
pub fn written(result: io::Result<()>, done: u8) -> CliResult {
    match result {
        Ok(()) => Ok(ExitCode::from(done)),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::from(EXIT_OK)),
        Err(e) => Err(CliError::Write(e)),
    }
}

/// Print a clap error (or `--help`/`--version`) and return its exit code:
/// 2 for a usage error (on stderr), 0 for help and version (on stdout).
///
/// clap quotes the arguments it rejects as they were typed, and a file name
/// or a value can hold an escape sequence (`--width $'\e]2;…\a'`). So a
/// usage error is formatted again without styles (the only escapes left are
/// then the user's) and goes through the same sanitising as file names,
/// which shows them as visible text (`␛]2;…␇`). Help and version hold only
/// yomu's own text and print as clap prints them.
pub fn clap_error(e: &clap::Error) -> u8 {
    use clap::CommandFactory as _;
    use std::io::Write as _;
    if !e.use_stderr() {
        let _ = e.print();
        return EXIT_OK;
    }
    let plain = Cli::command()
        .styles(clap::builder::Styles::plain())
        .try_get_matches()
        .err()
        .map(|again| again.render().ansi().to_string())
        .unwrap_or_else(|| e.render().to_string());
    let _ = write!(std::io::stderr(), "{}", crate::text::sanitize(&plain));
    EXIT_USAGE
}

/// A terminal reader for news briefings.
#[derive(Debug, Parser)]
#[command(
    name = "yomu",
    version,
    about = "A terminal reader for news briefings written in TOML",
    long_about = "A terminal reader for news briefings written in TOML.\n\n\
        On a terminal, `yomu [PATH]` opens the interactive reader; when stdout is \
        not a terminal it prints the plain-text rendering instead. PATH is a \
        briefing file or a folder of them; without PATH, ./briefings if it \
        exists, else the library `yomu sync` fills ($XDG_DATA_HOME/yomu/library) \
        when it holds a briefing, else the built-in samples. News comes in with \
        `yomu import` (a feed as one briefing) and `yomu feeds add` + `yomu sync`.",
    subcommand_precedence_over_arg = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// A briefing file or a folder of briefings (a library).
    pub path: Option<PathBuf>,

    #[command(flatten)]
    pub global: GlobalOpts,
}

/// Options every command understands.
#[derive(Debug, Clone, clap::Args)]
pub struct GlobalOpts {
    /// How wide East Asian Ambiguous characters (⇒ … ※ ① α) are drawn.
    #[arg(long, global = true, value_name = "1|2", value_parser = clap::value_parser!(u8).range(1..=2))]
    pub ambiguous_width: Option<u8>,

    /// Read the configuration from PATH instead of $XDG_CONFIG_HOME/yomu/config.toml.
    #[arg(long, global = true, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Read no configuration file (built-in defaults).
    #[arg(long, global = true)]
    pub no_config: bool,

    /// When to print in colour: auto (on a terminal; NO_COLOR, CLICOLOR and CLICOLOR_FORCE are honoured), always, never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = color::ColorWhen::Auto)]
    pub color: color::ColorWhen,

    /// The reader without a full screen: the text printed in order and paged
    /// (through $PAGER or less on a terminal), for screen readers and dumb
    /// terminals. Automatic when TERM is dumb or unset.
    #[arg(long)]
    pub plain: bool,

    /// The settings loaded from the configuration file (filled in by `main`).
    #[arg(skip)]
    pub settings: crate::config::Config,
}

impl GlobalOpts {
    /// `--ambiguous-width`, else the configuration's `ambiguous_width`.
    pub fn ambiguous_width(&self) -> Option<u8> {
        self.ambiguous_width.or(self.settings.ambiguous_width)
    }

    /// The width options these flags and settings ask for.
    pub fn widths(&self) -> crate::text::WidthOptions {
        crate::launch::widths(self.ambiguous_width())
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a briefing or a library as text, Markdown or JSON.
    Export(export::ExportArgs),
    /// Validate briefings; every problem of every file, with line and column.
    Check(check::CheckArgs),
    /// Print a shell completion script (bash, zsh or fish) to stdout.
    Completions(generate::CompletionsArgs),
    /// Print the manual page (roff) to stdout: `yomu man | man -l -`; --dir DIR writes every page.
    Man(generate::ManArgs),
    /// Print the JSON Schema of the briefing format, for editors (taplo's `#:schema`).
    Schema,
    /// Print every match of QUERY as `file:section: text around it` (close matches on one line); exit 1 when none.
    Search(search::SearchArgs),
    /// Turn an RSS, Atom or JSON feed (a file or an http(s) address) into a briefing.
    Import(feeds::ImportArgs),
    /// Manage subscriptions (feeds.toml): add, list, remove, import-opml, export-opml.
    Feeds(feeds::FeedsArgs),
    /// Fetch every subscription (or those named) into the data library, and update its search index; exit 1 when some failed.
    Sync(feeds::SyncArgs),
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Text,
    Markdown,
    /// An array of briefings, each with its `path`, whether given a file or a folder.
    Json,
    /// JSON Lines: one briefing object (with its `path`) per line, for streaming.
    Jsonl,
}
