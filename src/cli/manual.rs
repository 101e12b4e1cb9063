//! The manual pages: `yomu.1` and one page per command (`yomu-export.1`,
//! …), generated from the clap definitions of [`super::Cli`] (synopsis,
//! options, commands) and the key table of the reader
//! ([`crate::tui::keys::Keymap`]), so they always say what the binary does.
//! The configuration's keys come from [`crate::config::SETTINGS`].
//! The sections clap knows nothing about (KEYS, FILES, CONFIGURATION, ENVIRONMENT, EXIT
//! STATUS, the briefing format, EXAMPLES, SEE ALSO) are written here in
//! roff through the `roff` crate, which escapes the text.

use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};

use super::Cli;
use crate::tui::keys::Keymap;

/// The command tree as the pages describe it (built, so each command knows
/// its full name: `yomu-export`).
fn command() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// Every page: (file name, roff text). The first is `yomu.1`.
pub fn pages() -> std::io::Result<Vec<(String, String)>> {
    let cmd = command();
    let mut out = vec![("yomu.1".to_string(), main_page(&cmd)?)];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        // Subcommands carry no version of their own: the page's footer needs one.
        let man = Man::new(sub.clone().version(env!("CARGO_PKG_VERSION")));
        out.push((man.get_filename(), sub_page(&man)?));
    }
    Ok(out)
}

/// The roff preamble every render writes; kept once per page.
fn preamble() -> String {
    Roff::new().render()
}

/// Join rendered parts, keeping the preamble only at the top.
fn join(parts: Vec<Vec<u8>>) -> String {
    let pre = preamble();
    let mut out = pre.clone();
    for p in parts {
        let text = String::from_utf8_lossy(&p);
        out.push_str(text.strip_prefix(pre.as_str()).unwrap_or(&text));
    }
    out
}

type Part = fn(&Man, &mut dyn std::io::Write) -> std::io::Result<()>;

fn render(man: &Man, parts: &[Part]) -> std::io::Result<Vec<Vec<u8>>> {
    parts
        .iter()
        .map(|part| {
            let mut buf = Vec::new();
            part(man, &mut buf).map(|()| buf)
        })
        .collect()
}

fn main_page(cmd: &clap::Command) -> std::io::Result<String> {
    let man = Man::new(cmd.clone());
    let mut parts = render(
        &man,
        &[
            Man::render_title,
            Man::render_name_section,
            Man::render_synopsis_section,
            Man::render_description_section,
            Man::render_options_section,
            Man::render_subcommands_section,
        ],
    )?;
    let mut r = Roff::new();
    keys(&mut r);
    files(&mut r);
    configuration(&mut r);
    environment(&mut r);
    exit_status(&mut r);
    format(&mut r);
    examples(&mut r);
    see_also(&mut r, cmd);
    parts.push(r.render().into_bytes());
    parts.extend(render(&man, &[Man::render_version_section])?);
    Ok(join(parts))
}

fn sub_page(man: &Man) -> std::io::Result<String> {
    let mut parts = render(
        man,
        &[
            Man::render_title,
            Man::render_name_section,
            Man::render_synopsis_section,
            Man::render_description_section,
            Man::render_options_section,
        ],
    )?;
    let mut r = Roff::new();
    exit_status(&mut r);
    r.control("SH", ["SEE ALSO"]);
    r.text([
        bold("yomu"),
        roman("(1), where the keys, files, environment and the briefing format are described."),
    ]);
    parts.push(r.render().into_bytes());
    parts.extend(render(man, &[Man::render_version_section])?);
    Ok(join(parts))
}

/// A tagged paragraph: `tag` in bold, then `text`.
fn item(r: &mut Roff, tag: &str, text: &str) {
    r.control("TP", []);
    r.text([bold(tag)]);
    r.text([roman(text)]);
}

fn keys(r: &mut Roff) {
    r.control("SH", ["KEYS"]);
    r.text([roman(
        "In the reader. The configuration's [keys] table can remap them; \
         ? shows the table in use.",
    )]);
    for (keys, what) in Keymap::default().help_rows() {
        item(r, &keys, what);
    }
    // The names `[keys]` accepts, from the one list the reader uses.
    r.control("PP", []);
    r.text([roman(crate::names::keys_section())]);
}

/// The configuration's keys, from the one table the parser reads.
fn configuration(r: &mut Roff) {
    r.control("SH", ["CONFIGURATION"]);
    r.text([roman(
        "The keys of config.toml. A problem in the file is reported with its line \
         and column, and yomu stops (exit 2).",
    )]);
    for s in crate::config::SETTINGS {
        let default = match s.default {
            Some(d) => format!(" Default: {d}."),
            None => String::new(),
        };
        item(
            r,
            &format!("{} ({})", s.name, s.written),
            &format!("{}{default}", s.doc),
        );
    }
}

fn files(r: &mut Roff) {
    r.control("SH", ["FILES"]);
    item(
        r,
        "$XDG_CONFIG_HOME/yomu/config.toml",
        "The configuration (default ~/.config/yomu/config.toml); its keys are \
         listed under CONFIGURATION. Every key is optional; --config PATH reads \
         another file, --no-config none.",
    );
    item(
        r,
        "$XDG_STATE_HOME/yomu/state.db",
        "The reading state, an SQLite database (default ~/.local/state/yomu/state.db): \
         which articles have been read and when, and the article and line each \
         briefing was left at. Each change is saved at once; several readers and \
         yomu sync may run together. A damaged database is renamed aside to \
         state.db.corrupt-TIME. The state.toml of earlier versions is carried over \
         once and kept as state.toml.migrated. Inspect it with sqlite3.",
    );
    item(
        r,
        "$XDG_CONFIG_HOME/yomu/feeds.toml",
        "The subscriptions (default ~/.config/yomu/feeds.toml): [[feed]] tables with \
         name and url, and the optional timeout and connect_timeout in seconds. \
         yomu feeds changes only the entries concerned (comments are kept) and writes it \
         atomically; errors in it are reported with line and column.",
    );
    item(
        r,
        "$XDG_STATE_HOME/yomu/feeds/NAME.toml, hosts.toml",
        "What yomu sync remembers: per subscription the ETag and Last-Modified of \
         the last response, the last success and the items already written; per \
         host until when not to ask it (Retry-After, backoff).",
    );
    item(
        r,
        "$XDG_DATA_HOME/yomu/library",
        "The synced briefings (default ~/.local/share/yomu/library): NAME-YYYY-MM-DD.toml, \
         one per feed per day, and NAME.remote.toml for a subscribed briefing (no two \
         subscriptions share a file). Read offline.",
    );
    item(
        r,
        "$XDG_CACHE_HOME/yomu/",
        "The cache (default ~/.cache/yomu/): library/ holds, per folder, what the \
         list shows of each file (title, date, sections, or its error) with the \
         size and mtime it had, so a folder opens without parsing its unchanged \
         files; index/ holds the search index. Written atomically; ignored and \
         rebuilt when missing, damaged or from another version; safe to delete.",
    );
    item(
        r,
        "./briefings",
        "The library read when no PATH is given (else the synced library when it \
         holds a briefing, else the samples built into the binary).",
    );
}

fn environment(r: &mut Roff) {
    r.control("SH", ["ENVIRONMENT"]);
    let vars = [
        (
            "BROWSER",
            "The program that opens links when the configuration has no opener \
             (else xdg-open, or open on macOS). It is run directly with the URL as \
             its one argument, never through a shell.",
        ),
        (
            "NO_COLOR",
            "When set and not empty: no colour, in the reader and on the command \
             line (--color always still colours the command line).",
        ),
        (
            "CLICOLOR",
            "CLICOLOR=0: no colour on the command line with --color auto.",
        ),
        (
            "CLICOLOR_FORCE",
            "When set and not 0: colour on the command line with --color auto even \
             into a pipe.",
        ),
        (
            "TERM",
            "TERM unset or dumb: yomu PATH prints the text and pages it (as --plain) instead \
             of opening the full-screen reader; no colour.",
        ),
        (
            "PAGER",
            "The pager of the plain mode on a terminal (default: less).",
        ),
        (
            "LESS",
            "The options of less; when unset, the pager is given LESS=FRX (as git does): \
             short text is printed without waiting, nothing goes on the alternate screen.",
        ),
        (
            "XDG_CONFIG_HOME, XDG_STATE_HOME, XDG_DATA_HOME, XDG_CACHE_HOME",
            "Where the configuration and subscriptions, the reading and fetch state, \
             the synced library and the cache live (see FILES).",
        ),
        (
            "HOME",
            "The base of the default folders when the XDG variables are unset.",
        ),
        (
            "ALL_PROXY, HTTPS_PROXY, HTTP_PROXY, NO_PROXY",
            "A proxy for yomu import and yomu sync, and the hosts to reach without it.",
        ),
        (
            "LC_ALL, LC_MESSAGES, LANG",
            "The interface's language, in the reader and in the commands' messages (sync, \
             feeds, import, check's summary, errors): Japanese when the first of them that \
             is set and not empty starts with ja, else English; ui_language in the \
             configuration overrides them. The diagnostics of a briefing or configuration \
             file, and --help, stay in English. Labels and dates inside a briefing follow \
             its own language key (Japanese when it is missing). LC_CTYPE is not read: the \
             terminal is expected to use UTF-8.",
        ),
    ];
    for (name, what) in vars {
        item(r, name, what);
    }
}

fn exit_status(r: &mut Roff) {
    r.control("SH", ["EXIT STATUS"]);
    item(r, "0", "Success. A closed pipe (| head) is a normal end.");
    item(
        r,
        "1",
        "An invalid briefing (check, export), no match (search), a feed that \
         could not be read (import), a subscription that failed (sync), or nothing \
         to remove (feeds remove).",
    );
    item(
        r,
        "2",
        "A usage error, an unreadable path (missing, not a regular file, over 16 \
         MiB, not UTF-8), an invalid configuration, or an I/O error.",
    );
}

fn format(r: &mut Roff) {
    r.control("SH", ["BRIEFING FORMAT"]);
    r.text([roman(
        "A briefing is one UTF-8 TOML file; a folder of *.toml files is a library. \
         The full format, with every rule and a complete example, is docs/format.md \
         in the source; yomu schema prints it as a JSON Schema for editors. In brief:",
    )]);
    item(
        r,
        "title",
        "Required, not empty. Optional: subtitle, summary, published (a TOML \
         date or date-time, not a string), language (a BCP 47 tag), tags and \
         takeaways (arrays of strings).",
    );
    item(
        r,
        "[[sections]]",
        "At least one. heading is required; question, answer, lead, published, \
         key_points, body and commentary are optional.",
    );
    item(
        r,
        "[[sections.sources]]",
        "Any number per section: name (required) and url (required: an absolute \
         http:// or https:// URL with a host).",
    );
    r.text([roman(
        "Unknown keys are errors. yomu check reports every problem of every file \
         as file:line:column with the line, a caret and a hint.",
    )]);
}

fn examples(r: &mut Roff) {
    r.control("SH", ["EXAMPLES"]);
    let examples = [
        (
            "yomu",
            "Read ./briefings, else the synced library, else the built-in samples.",
        ),
        (
            "yomu import https://example.jp/rss.xml -o news.toml",
            "Turn a feed into a briefing.",
        ),
        (
            "yomu feeds add https://example.jp/rss.xml --name example",
            "Subscribe to a feed (or to a briefing's .toml address).",
        ),
        (
            "yomu sync",
            "Fetch every subscription into the data library; then yomu reads it offline.",
        ),
        ("yomu briefings/x.toml", "Read one briefing."),
        (
            "yomu --plain briefings/x.toml",
            "Read it without a full screen.",
        ),
        ("yomu check briefings/", "Check every briefing of a folder."),
        (
            "yomu export --format json briefings/x.toml | jq '.[].title'",
            "Titles, from a file or a folder alike.",
        ),
        (
            "yomu export --color always briefings/ | less -R",
            "The text export in colour, paged.",
        ),
        ("yomu search 停戦 briefings/", "Every match, one line each."),
        (
            "yomu man --dir ~/.cargo/share/man/man1",
            "Install these pages.",
        ),
    ];
    for (cmd, what) in examples {
        r.control("TP", []);
        r.text([bold(cmd)]);
        r.text([roman(what)]);
    }
}

fn see_also(r: &mut Roff, cmd: &clap::Command) {
    r.control("SH", ["SEE ALSO"]);
    let mut inlines = Vec::new();
    for (i, sub) in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .enumerate()
    {
        if i > 0 {
            inlines.push(roman(", "));
        }
        inlines.push(bold(
            sub.get_display_name().unwrap_or(sub.get_name()).to_string(),
        ));
        inlines.push(roman("(1)"));
    }
    inlines.push(roman(", "));
    inlines.push(bold("less"));
    inlines.push(roman("(1), "));
    inlines.push(italic("https://toml.io"));
    r.text(inlines);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_page_and_the_main_page_names_them() {
        let pages = pages().expect("render");
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "yomu.1",
                "yomu-export.1",
                "yomu-check.1",
                "yomu-completions.1",
                "yomu-man.1",
                "yomu-schema.1",
                "yomu-search.1",
                "yomu-import.1",
                "yomu-feeds.1",
                "yomu-sync.1"
            ]
        );
        let main = &pages[0].1;
        assert_eq!(main.matches(&preamble()).count(), 1);
        for name in &names[1..] {
            let stem = name.trim_end_matches(".1");
            assert!(
                main.contains(&format!("\\fB{}\\fR(1)", stem.replace('-', "\\-"))),
                "{stem}"
            );
        }
    }
}
