//! `yomu import`, `yomu feeds …` and `yomu sync`: news in from RSS, Atom
//! and JSON Feed (the work itself is in [`crate::feeds`]).
//!
//! `import` prints (or writes with `-o`) one briefing made of a feed file
//! or address. `feeds` edits the subscriptions in feeds.toml. `sync`
//! fetches them all into the data library: on a terminal, a progress bar
//! on stderr with each feed's line printed above it as it finishes; into a
//! pipe, one plain line per feed on stdout and each failure on stderr with
//! its reason; a summary line last, on stdout. When it wrote briefings,
//! the library's search index is brought up to date before that line
//! ([`super::indexing::update_after_sync`]). Exit codes: 0 ok; 1 a
//! feed that could not be read (import) or some subscriptions failed
//! (sync), or nothing to remove; 2 usage or I/O errors.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CliError, CliResult, EXIT_INVALID, EXIT_OK, written};
use crate::briefing::display_path;
use crate::feeds::subscriptions::{self, Subscription, Subscriptions};
use crate::feeds::{fetch, import, sync};
use crate::i18n::{Msg, tf};

/// Arguments of `yomu import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// A feed file, or the http(s) address of one: RSS 0.9x/1.0/2.0, Atom or JSON Feed;
    /// or an Aozora Bunko text file (Shift_JIS or UTF-8);
    /// or a web page (HTML), whose article is extracted.
    pub source: String,
    /// Write the briefing to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Arguments of `yomu feeds`.
#[derive(Debug, clap::Args)]
pub struct FeedsArgs {
    #[command(subcommand)]
    pub command: FeedsCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum FeedsCommand {
    /// Subscribe to a feed, or to a briefing TOML file, by its http(s) address.
    Add {
        /// The address of an RSS, Atom or JSON feed, or of a briefing (.toml).
        url: String,
        /// The subscription's name (default: the feed's title, else the address's host); names the synced files.
        #[arg(long)]
        name: Option<String>,
    },
    /// Rename a subscription, with its synced files, fetch state and read marks.
    Rename {
        /// Its name now.
        old: String,
        /// Its new name.
        new: String,
    },
    /// List the subscriptions, one per line: name, a tab, the address.
    List,
    /// Unsubscribe (the briefings already synced stay in the library).
    Remove {
        /// The subscription's name or address.
        name_or_url: String,
    },
    /// Subscribe to every feed of an OPML file (the format other readers export).
    ImportOpml {
        /// The OPML file.
        file: PathBuf,
    },
    /// Print the subscriptions as OPML 2.0, for other readers.
    ExportOpml,
}

/// Arguments of `yomu sync`.
#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// Sync only these subscriptions (by name, as `yomu feeds list` shows them); all when none.
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
}

fn subscriptions_path() -> Result<PathBuf, CliError> {
    crate::paths::Paths::from_env()
        .feeds_file()
        .ok_or_else(|| CliError::Io(crate::i18n::t(Msg::CliNoHome).into()))
}

/// The timeouts feeds.toml sets (the defaults without one); a feeds.toml
/// that cannot be read is reported and the defaults used: a one-off import
/// does not depend on it.
fn import_timeouts() -> fetch::Timeouts {
    let Some(path) = crate::paths::Paths::from_env().feeds_file() else {
        return fetch::Timeouts::default();
    };
    match subscriptions::load(&path) {
        Ok(subs) => subs.timeouts(),
        Err(e) => {
            let _ = writeln!(
                io::stderr(),
                "yomu: warning: default timeouts used: {}",
                e.render().trim_end()
            );
            fetch::Timeouts::default()
        }
    }
}

/// `yomu import SOURCE [-o FILE]`.
pub fn import(args: &ImportArgs) -> CliResult {
    let is_url = {
        let lower = args.source.to_ascii_lowercase();
        lower.starts_with("http://") || lower.starts_with("https://")
    };
    let (bytes, charset, base) = if is_url {
        if let Err((message, _)) = subscriptions::check_feed_url(&args.source) {
            return Err(CliError::Io(format!(
                "{}: {message}",
                crate::text::quoted(&args.source)
            )));
        }
        let timeouts = import_timeouts();
        let agent = fetch::agent(timeouts);
        match fetch::fetch(&agent, timeouts, &args.source, &Default::default()) {
            Ok(fetch::Fetched::Body {
                bytes,
                charset,
                final_url,
                ..
            }) => (bytes, charset, Some(final_url)),
            Ok(fetch::Fetched::NotModified) => {
                return Err(CliError::Io(tf(
                    Msg::CliNotModified,
                    &[&crate::text::quoted(&args.source)],
                )));
            }
            Err(e) => {
                return Err(CliError::Io(format!(
                    "{}: {e}",
                    crate::text::quoted(&args.source)
                )));
            }
        }
    } else {
        let path = Path::new(&args.source);
        let bytes = crate::fsutil::read_file(path, fetch::MAX_BODY)
            .map_err(|e| CliError::Io(tf(Msg::CliCannotRead, &[&display_path(path), &e])))?;
        (bytes, None, None)
    };
    if crate::webpage::looks_like_page(&bytes) {
        return import_page(args, &bytes, charset.as_deref(), base.as_deref());
    }
    let imported = if crate::feeds::aozora::looks_like(&bytes) {
        crate::feeds::aozora::import(&bytes, base.as_deref()).map(|toml| import::Imported {
            toml,
            skipped: 0,
            merged: import::Merged::default(),
        })
    } else {
        import::import_counted(&bytes, charset.as_deref(), base.as_deref())
    };
    let toml = match imported {
        Ok(imported) => {
            let shown = crate::text::sanitize_line(&args.source);
            let skipped = imported.skipped;
            if skipped > 0 {
                let m = if skipped == 1 {
                    Msg::CliLeftOutOne
                } else {
                    Msg::CliLeftOut
                };
                let _ = writeln!(io::stderr(), "yomu: {}", tf(m, &[&shown, &skipped]));
            }
            if let Some(m) = imported.merged.message() {
                let _ = writeln!(io::stderr(), "yomu: {shown}: {m}");
            }
            imported.toml
        }
        Err(e) => {
            let shown = crate::text::sanitize_line(&args.source);
            let _ = writeln!(io::stderr(), "yomu: {shown}: {e}");
            return Ok(ExitCode::from(EXIT_INVALID));
        }
    };
    match &args.output {
        Some(out) => {
            crate::fsutil::write_atomic(out, toml.as_bytes())
                .map_err(|e| CliError::Io(format!("{}: cannot write: {e}", display_path(out))))?;
            Ok(ExitCode::from(EXIT_OK))
        }
        None => written(io::stdout().lock().write_all(toml.as_bytes()), EXIT_OK),
    }
}

/// `yomu import PAGE`: the article of a web page as a briefing; exit 1
/// when the page gives none (with the reason on stderr).
fn import_page(
    args: &ImportArgs,
    bytes: &[u8],
    charset: Option<&str>,
    url: Option<&str>,
) -> CliResult {
    let toml = match crate::webpage::import(bytes, charset, url) {
        Ok(toml) => toml,
        Err(e) => {
            let shown = crate::text::sanitize_line(&args.source);
            // A page with no article may have been given for its feed.
            let hint = match e {
                crate::webpage::PageError::NoArticle => {
                    format!("; {}", crate::i18n::t(Msg::CliPageFeedHint))
                }
                _ => String::new(),
            };
            let _ = writeln!(io::stderr(), "yomu: {shown}: {e}{hint}");
            return Ok(ExitCode::from(EXIT_INVALID));
        }
    };
    match &args.output {
        Some(out) => {
            crate::fsutil::write_atomic(out, toml.as_bytes())
                .map_err(|e| CliError::Io(format!("{}: cannot write: {e}", display_path(out))))?;
            Ok(ExitCode::from(EXIT_OK))
        }
        None => written(io::stdout().lock().write_all(toml.as_bytes()), EXIT_OK),
    }
}

/// `yomu feeds …`.
pub fn feeds(args: &FeedsArgs) -> CliResult {
    let path = subscriptions_path()?;
    let mut out = io::stdout().lock();
    // What to print on stdout, and the exit code.
    let (text, code): (String, u8) = match &args.command {
        FeedsCommand::List => {
            let subs = subscriptions::load(&path)?;
            let mut text = String::new();
            for s in &subs.feeds {
                text.push_str(&format!(
                    "{}\t{}\n",
                    crate::text::sanitize_line(&s.name),
                    crate::text::sanitize_line(&s.url)
                ));
            }
            (text, EXIT_OK)
        }
        FeedsCommand::ExportOpml => (
            crate::feeds::opml::to_opml(&subscriptions::load(&path)?),
            EXIT_OK,
        ),
        FeedsCommand::Add { url, name } => {
            if let Err((message, hint)) = subscriptions::check_feed_url(url) {
                return Err(CliError::Io(format!(
                    "{}: {message}; {hint}",
                    crate::text::quoted(url)
                )));
            }
            // Named after its title: fetched first (not under the lock on
            // feeds.toml), unless it is subscribed already.
            let known = subscriptions::load(&path)?
                .feeds
                .iter()
                .any(|s| &s.url == url);
            let title = match name {
                None if !known => match title_of(url) {
                    Ok(t) => Some(t),
                    Err(why) => {
                        let _ = writeln!(
                            io::stderr(),
                            "yomu: {}",
                            tf(
                                Msg::CliNamedAfterHost,
                                &[&crate::text::sanitize_line(url), &why]
                            )
                        );
                        None
                    }
                },
                _ => None,
            };
            subscriptions::edit(&path, |subs| {
                add(subs, url, name.as_deref(), title.as_deref())
            })?
        }
        FeedsCommand::Rename { old, new } => rename(old, new)?,
        FeedsCommand::Remove { name_or_url } => subscriptions::edit(&path, |subs| {
            let removed: Vec<String> = subs
                .feeds
                .iter()
                .filter(|s| &s.name == name_or_url || &s.url == name_or_url)
                .map(|s| s.name.clone())
                .collect();
            if removed.is_empty() {
                let _ = writeln!(
                    io::stderr(),
                    "yomu: {}",
                    tf(
                        Msg::CliNoSuchSubscription,
                        &[&crate::text::quoted(name_or_url)]
                    )
                );
                return Ok::<_, CliError>((String::new(), EXIT_INVALID));
            }
            subs.feeds
                .retain(|s| &s.name != name_or_url && &s.url != name_or_url);
            let mut text = String::new();
            for n in removed {
                text.push_str(&tf(Msg::CliRemoved, &[&crate::text::sanitize_line(&n)]));
                text.push('\n');
            }
            Ok((text, EXIT_OK))
        })?,
        FeedsCommand::ImportOpml { file } => {
            let bytes = crate::fsutil::read_file(file, fetch::MAX_BODY)
                .map_err(|e| CliError::Io(tf(Msg::CliCannotRead, &[&display_path(file), &e])))?;
            let found = crate::feeds::opml::read_opml(&bytes)
                .map_err(|e| CliError::Io(format!("{}: {e}", display_path(file))))?;
            subscriptions::edit(&path, |subs| {
                let (added, already, refused) = add_all(subs, found);
                for (url, why) in &refused {
                    let _ = writeln!(
                        io::stderr(),
                        "yomu: {}",
                        tf(Msg::CliSkipped, &[&crate::text::quoted(url), why])
                    );
                }
                let line = format!(
                    "{}\n",
                    tf(Msg::CliOpmlSummary, &[&added, &already, &refused.len()])
                );
                Ok::<_, CliError>((line, EXIT_OK))
            })?
        }
    };
    written(out.write_all(text.as_bytes()), code)
}

/// The name a feed's title gives it ([`subscriptions::slug`]): the feed
/// (or subscribed briefing) at `url` fetched and read. `Err` says why
/// there is none (it could not be fetched or read, or has no title of
/// its own).
fn title_of(url: &str) -> Result<String, String> {
    let timeouts = import_timeouts();
    let agent = fetch::agent(timeouts);
    let (bytes, charset, final_url) = match fetch::fetch(&agent, timeouts, url, &Default::default())
    {
        Ok(fetch::Fetched::Body {
            bytes,
            charset,
            final_url,
            ..
        }) => (bytes, charset, final_url),
        Ok(fetch::Fetched::NotModified) => {
            return Err(tf(Msg::CliNotModified, &[&crate::text::quoted(url)]));
        }
        Err(e) => return Err(e.to_string()),
    };
    let first = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    let title = if matches!(first, Some(b'<' | b'{' | 0xFE | 0xFF)) {
        let feed = import::parse(&bytes, charset.as_deref(), Some(&final_url))
            .map_err(|e| e.to_string())?;
        feed.titled.then_some(feed.title)
    } else {
        let text = String::from_utf8_lossy(&bytes);
        crate::briefing::parse_str(url, &text)
            .ok()
            .map(|l| l.briefing.title)
    };
    title
        .map(|t| subscriptions::slug(&t))
        .filter(|t| !t.is_empty())
        .ok_or_else(|| crate::i18n::t(Msg::CliNoTitle).to_string())
}

/// `yomu feeds rename OLD NEW`: the subscription, its day files, its
/// fetch state and the read marks and places of its files, renamed.
fn rename(old: &str, new: &str) -> Result<(String, u8), CliError> {
    let paths = sync::Paths::default_paths()
        .ok_or_else(|| CliError::Io(crate::i18n::t(Msg::CliSyncNoHome).into()))?;
    crate::feeds::rename::rename(&paths, old, new).map_err(|e| CliError::Io(e.to_string()))?;
    let line = format!(
        "{}\n",
        tf(
            Msg::CliRenamed,
            &[
                &crate::text::sanitize_line(old),
                &crate::text::sanitize_line(new)
            ]
        )
    );
    Ok((line, EXIT_OK))
}

/// `yomu feeds add URL [--name NAME]` on the subscriptions as they are;
/// `title` is the name the feed's title gives it, when it has one.
fn add(
    subs: &mut Subscriptions,
    url: &str,
    name: Option<&str>,
    title: Option<&str>,
) -> Result<(String, u8), CliError> {
    if let Some(s) = subs.feeds.iter().find(|s| s.url == url) {
        let line = format!(
            "{}\n",
            tf(
                Msg::CliAlreadySubscribed,
                &[&crate::text::sanitize_line(&s.name)]
            )
        );
        return Ok((line, EXIT_OK));
    }
    let name = match name {
        Some(n) => {
            subscriptions::check_name(n).map_err(CliError::Io)?;
            if subs.feeds.iter().any(|s| s.name == n) {
                return Err(CliError::Io(tf(
                    Msg::CliNameTaken,
                    &[&crate::text::quoted(n)],
                )));
            }
            n.to_string()
        }
        None => subscriptions::name_for(subs, url, title),
    };
    subs.feeds.push(Subscription {
        name: name.clone(),
        url: url.to_string(),
        full_text: false,
    });
    let line = format!(
        "{}\t{}\n",
        tf(Msg::CliSubscribed, &[&crate::text::sanitize_line(&name)]),
        crate::text::sanitize_line(url)
    );
    Ok((line, EXIT_OK))
}

/// Add the `(title, url)`s not yet subscribed; how many were added, how
/// many were there already, and the addresses refused with why.
fn add_all(
    subs: &mut Subscriptions,
    found: Vec<(Option<String>, String)>,
) -> (usize, usize, Vec<(String, String)>) {
    let (mut added, mut already, mut refused) = (0, 0, Vec::new());
    let mut urls: std::collections::HashSet<String> =
        subs.feeds.iter().map(|s| s.url.clone()).collect();
    let mut namer = subscriptions::Namer::new(subs);
    for (title, url) in found {
        if urls.contains(&url) {
            already += 1;
            continue;
        }
        if let Err((message, _)) = subscriptions::check_feed_url(&url) {
            refused.push((url, message));
            continue;
        }
        let name = namer.name(&url, title.as_deref());
        urls.insert(url.clone());
        subs.feeds.push(Subscription {
            name,
            url,
            full_text: false,
        });
        added += 1;
    }
    (added, already, refused)
}

/// `yomu sync [NAME…]`.
pub fn sync(args: &SyncArgs, global: &super::GlobalOpts) -> CliResult {
    let mut paths = sync::Paths::default_paths()
        .ok_or_else(|| CliError::Io(crate::i18n::t(Msg::CliSyncNoHome).into()))?;
    // `full_text` articles are kept within the configuration's bound.
    paths.articles = crate::webpage::cache::ArticleCache::open_default(
        global.settings.article_cache_mb.saturating_mul(1024 * 1024),
    );
    let bar = io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(0);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
        {
            bar.set_style(style);
        }
        bar
    });
    let on = |event: sync::Event<'_>| match event {
        sync::Event::Started(n) => {
            if let Some(b) = &bar {
                b.set_length(n as u64);
            }
        }
        sync::Event::Finished(r) => {
            let line = r.line();
            let failed = matches!(r.outcome, sync::Outcome::Failed(_));
            match &bar {
                Some(b) => {
                    b.inc(1);
                    b.set_message(crate::text::sanitize_line(&r.name).into_owned());
                    // Each feed's line above the bar, as it finishes.
                    b.println(line);
                }
                None if failed => {
                    let _ = writeln!(io::stderr(), "{line}");
                }
                None => {
                    let _ = writeln!(io::stdout(), "{line}");
                }
            }
        }
    };
    let only = (!args.names.is_empty()).then_some(args.names.as_slice());
    let report = sync::run_only(&paths, only, &on);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let report = report?;
    if report.wrote() {
        super::indexing::update_after_sync(&paths.library);
    }
    if report.results.is_empty() {
        let _ = writeln!(
            io::stderr(),
            "yomu: {}",
            tf(
                Msg::CliNoSubscriptions,
                &[&display_path(&paths.subscriptions)]
            )
        );
    }
    // A sync from a timer (systemd, cron) tells of its news as the
    // reader's does.
    let (news, feeds) = report.new_articles();
    if let Err(e) = crate::notify::run(&global.settings.notify_command, news, &feeds) {
        let _ = writeln!(io::stderr(), "yomu: {e}");
    }
    let code = if report.failed() > 0 {
        EXIT_INVALID
    } else {
        EXIT_OK
    };
    written(writeln!(io::stdout(), "{}", report.summary()), code)
}
