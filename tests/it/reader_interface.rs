//! The reader's interface, read from the rendered screen:
//! the Japanese interface, help that wraps, messages shown whole, clicks,
//! searching like less, times and reading time, progress in the library,
//! the newsboat keys, link numbers as typed, and the documented key table (docs/guide.md).

use yomu::i18n::{self, Lang};
use yomu::library::from_sources;
use yomu::samples::SAMPLES;
use yomu::tui::app::App;
use yomu::tui::keys::Action;
use yomu::tui::screen::Input;

use crate::common::{app, press, screen};

/// The sample with ten sources (the guide).
fn guide() -> (&'static str, &'static str) {
    SAMPLES[1]
}

fn status(a: &mut App) -> String {
    screen(a, 80, 24).swap_remove(23)
}

fn typed(a: &mut App, text: &str) {
    for c in text.chars() {
        a.update(Action::Insert(c));
    }
}

/// Every row of the screen joined by spaces, trimmed (text wrapped over
/// rows reads as one).
fn joined(rows: &[String]) -> String {
    rows.iter().map(|r| r.trim()).collect::<Vec<_>>().join(" ")
}

#[test]
fn a_japanese_locale_sees_a_japanese_interface() {
    i18n::set_lang(Lang::Ja);
    let mut a = app(SAMPLES, false, 80, 24);
    let rows = screen(&mut a, 80, 24);
    assert_eq!(rows[0], " yomu — 3件 · 未読11件");
    assert!(
        rows[23].contains("移動") && rows[23].contains("ヘルプ"),
        "{}",
        rows[23]
    );
    a.update(Action::Enter);
    let s = status(&mut a);
    assert!(s.starts_with(" 1/6 表紙"), "{s}");
    assert!(s.contains("スクロール") && s.contains("目次"), "{s}");
    a.update(Action::PrevPage);
    assert!(status(&mut a).contains("最初のページです"));
    a.update(Action::Help);
    let rows = screen(&mut a, 80, 24);
    assert!(rows[1].contains("キー操作"), "{}", rows[1]);
    assert!(joined(&rows).contains("一行下へ／次の項目へ"));
    // No English word in the interface: only key names are Latin.
    let keys = [
        "Space",
        "PgDn",
        "PgUp",
        "Ctrl-f",
        "Ctrl-b",
        "Home",
        "End",
        "Tab",
        "Shift-Tab",
        "Enter",
        "Esc",
        "Ctrl-c",
        "Ctrl-k",
        "Backspace",
        "OSC",
        "mouse",
        "true",
        "text",
        "1-9",
    ];
    let mut keys = keys.to_vec();
    keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
    for row in &rows[1..] {
        let mut r = row.clone();
        for k in &keys {
            r = r.replace(k, "");
        }
        let word = r
            .split(|c: char| !c.is_ascii_alphabetic())
            .find(|w| w.len() > 1);
        assert!(word.is_none(), "English {word:?} in {row:?}");
    }
    i18n::set_lang(Lang::En);
}

#[test]
fn help_wraps_at_80_and_is_readable_at_20_columns() {
    let mut a = app(&SAMPLES[..1], true, 80, 24);
    a.update(Action::Help);
    let text = joined(&screen(&mut a, 80, 24));
    assert!(text.contains("scroll up a screen (at the top: end of the previous page)"));
    // The end of the help: whole descriptions, never cut at the box's edge.
    a.update(Action::Bottom);
    let rows = screen(&mut a, 80, 24);
    assert!(
        rows.iter().any(|r| r
            .trim_end()
            .ends_with("mark read / unread (the briefing in the library, the")),
        "{rows:#?}"
    );
    assert!(
        joined(&rows).contains(
            "mark read / unread (the briefing in the library, the section in the reader)"
        ),
        "{rows:#?}"
    );
    let mut a = app(&SAMPLES[..1], true, 20, 24);
    a.update(Action::Help);
    let rows = screen(&mut a, 20, 24);
    assert!(rows.iter().any(|r| r.trim() == "j ↓"), "{rows:#?}");
    assert!(
        joined(&rows).contains("scroll down a line / next item"),
        "{rows:#?}"
    );
    assert!(rows.iter().all(|r| !r.ends_with("scroll dow")));
}

#[test]
fn a_cut_message_says_so_and_e_shows_it_whole() {
    let good = "title = \"T\"\n[[sections]]\nheading = \"H\"\nbody = [\"本文\"]\n";
    let mut a = app(
        &[("a-rather-long-file-name-for-a-briefing.toml", good)],
        true,
        80,
        24,
    );
    let bad = format!("{good}[[sections]]\nheading = 5\n");
    a.reload(from_sources(&[(
        "a-rather-long-file-name-for-a-briefing.toml",
        bad.as_str(),
    )]));
    let s = status(&mut a);
    assert!(s.starts_with(" 1/2 cover 100%  not reloaded"), "{s}");
    assert!(s.ends_with("… e"), "{s}");
    a.update(Action::ShowError);
    let rows = screen(&mut a, 80, 24);
    assert!(rows[1].contains("message"), "{}", rows[1]);
    let text = joined(&rows);
    assert!(
        text.contains("briefing.toml:6:11: error: `heading` must be a string"),
        "{text}"
    );
    assert!(text.contains("a-rather-long-file-name-for-a-"), "{text}");
}

#[test]
fn clicks_select_rows_of_the_library_and_of_lists() {
    let mut a = app(SAMPLES, false, 80, 24);
    assert!(status(&mut a).starts_with(" 1/3"));
    a.update(Input::Click { x: 10, y: 3 });
    assert!(status(&mut a).starts_with(" 3/3"), "{}", status(&mut a));
    a.update(Input::Click { x: 10, y: 20 });
    assert!(
        status(&mut a).starts_with(" 3/3"),
        "below the list: nothing"
    );
    a.update(Input::Click { x: 10, y: 1 });
    a.update(Action::Enter);
    a.update(Action::Toc);
    screen(&mut a, 80, 24);
    // Row 1 is the box's title, 2 the briefing's, 3.. the sections.
    a.update(Input::Click { x: 10, y: 4 });
    a.update(Action::Enter);
    assert!(status(&mut a).starts_with(" 3/6 §2"), "{}", status(&mut a));
}

#[test]
fn search_backward_repeat_recall_and_n_after_esc() {
    let mut a = app(&SAMPLES[..1], true, 80, 24);
    press(
        &mut a,
        &[Action::NextPage, Action::NextPage, Action::NextPage],
    );
    // `\` searches backward: the first match is before where we are.
    a.update(Action::SearchBack);
    typed(&mut a, "停戦");
    let s = status(&mut a);
    assert!(s.starts_with("\\停戦"), "{s}");
    a.update(Action::Enter);
    let s = status(&mut a);
    assert!(s.starts_with(" 3/4 §2") && s.contains("match "), "{s}");
    let (k, m) = match_of(&s);
    // `n` goes on backward, `N` forward.
    a.update(Action::NextMatch);
    assert_eq!(match_of(&status(&mut a)).0, if k > 1 { k - 1 } else { m });
    // Esc clears the highlights; `n` searches the last query again.
    a.update(Action::Back);
    assert!(!status(&mut a).contains("match"));
    a.update(Action::NextMatch);
    assert!(status(&mut a).contains("match "), "{}", status(&mut a));
    a.update(Action::Back);
    // Enter on an empty prompt repeats the last search.
    a.update(Action::Search);
    a.update(Action::Enter);
    assert!(status(&mut a).contains("match "), "{}", status(&mut a));
    a.update(Action::Back);
    // ↑ recalls earlier searches, ↓ comes back to what was typed.
    a.update(Action::Search);
    typed(&mut a, "大統");
    a.update(Action::Search);
    a.update(Action::Back);
    a.update(Action::Search);
    typed(&mut a, "和平");
    a.update(Action::Enter);
    a.update(Action::Back);
    a.update(Action::Search);
    typed(&mut a, "ロ");
    a.update(Action::HistoryBack);
    assert!(status(&mut a).starts_with("/和平"), "{}", status(&mut a));
    a.update(Action::HistoryBack);
    assert!(status(&mut a).starts_with("/停戦"), "{}", status(&mut a));
    a.update(Action::HistoryForward);
    a.update(Action::HistoryForward);
    assert!(status(&mut a).starts_with("/ロ "), "{}", status(&mut a));
    // The history is what the state file keeps.
    assert_eq!(a.state.searches, ["停戦", "和平"]);
}

/// `(k, M)` of "match k/M" in a status bar.
fn match_of(status: &str) -> (usize, usize) {
    let at = status.find("match ").expect("a match counter") + 6;
    let km = status[at..].split_whitespace().next().unwrap_or("");
    let (k, m) = km.split_once('/').expect("k/M");
    (k.parse().expect("k"), m.parse().expect("M"))
}

#[test]
fn times_and_reading_time_show_on_the_cover_and_each_section() {
    let ja = "title = \"T\"\npublished = 2025-01-24T15:30:00+09:00\n\
              [[sections]]\nheading = \"H\"\nbody = [\"本文\"]\n";
    let mut a = app(&[("t.toml", ja)], true, 80, 24);
    let rows = screen(&mut a, 80, 24);
    assert!(
        rows.contains(&"  2025年1月24日 15:30 · 約1分".to_string()),
        "{rows:#?}"
    );
    a.update(Action::NextPage);
    assert!(screen(&mut a, 80, 24).contains(&"  1/1 · 約1分".to_string()));
    let en = format!("language = \"en\"\n{ja}");
    let mut a = app(&[("t.toml", en.as_str())], true, 80, 24);
    let rows = screen(&mut a, 80, 24);
    assert!(
        rows.contains(&"  2025-01-24T15:30:00+09:00 · 1 min read".to_string()),
        "{rows:#?}"
    );
    // A longer text takes longer: the seed is several minutes.
    let mut a = app(&SAMPLES[..1], true, 80, 24);
    let rows = screen(&mut a, 80, 24);
    assert!(rows[3].starts_with("  2025年3月12日 · 約"), "{}", rows[3]);
}

#[test]
fn progress_next_unread_and_mark_all_read() {
    let mut a = app(SAMPLES, false, 80, 24);
    let rows = screen(&mut a, 80, 24);
    // Unread articles are counted: 5 + 3 + 3 sections.
    assert_eq!(rows[0], " yomu — 3 briefings · 11 unread");
    // The newest first: the guide, none of its 5 sections read.
    assert!(rows[1].contains(" 0/5  yomu"), "{}", rows[1]);
    // `U` opens the first unread article, past the cover; then the next.
    a.update(Action::NextUnread);
    let s = status(&mut a);
    assert!(s.starts_with(" 2/6 §1 "), "{s}");
    a.update(Action::NextUnread);
    assert!(status(&mut a).contains(" §2 "));
    a.update(Action::Back);
    let rows = screen(&mut a, 80, 24);
    assert!(rows[0].ends_with("· 9 unread"), "{}", rows[0]);
    assert!(
        rows[1].starts_with(" ●") && rows[1].contains(" 2/5  yomu"),
        "{}",
        rows[1]
    );
    // `A` asks first (three briefings shown); anything but `y` says no.
    a.update(Action::MarkAllRead);
    let rows = screen(&mut a, 80, 24);
    assert!(
        rows[23].contains("mark 9 articles in 3 briefings read? (y/n)"),
        "{}",
        rows[23]
    );
    a.update(Action::Insert('n'));
    let rows = screen(&mut a, 80, 24);
    assert!(rows[23].contains("nothing marked"), "{}", rows[23]);
    assert!(rows[0].ends_with("· 9 unread"), "{}", rows[0]);
    a.update(Action::MarkAllRead);
    a.update(Action::Insert('y'));
    let rows = screen(&mut a, 80, 24);
    assert_eq!(rows[0], " yomu — 3 briefings");
    assert!(rows[23].contains("9 articles marked read"), "{}", rows[23]);
    assert!(rows[1].contains(" 5/5  yomu"), "{}", rows[1]);
    a.update(Action::NextUnread);
    assert!(status(&mut a).contains("everything is read"));
    // The undo key takes back what `A` marked, and only that.
    a.update(Action::UndoMarkAll);
    let rows = screen(&mut a, 80, 24);
    assert!(
        rows[23].contains("9 articles marked unread again"),
        "{}",
        rows[23]
    );
    assert!(rows[0].ends_with("· 9 unread"), "{}", rows[0]);
    assert!(rows[1].contains(" 2/5  yomu"), "{}", rows[1]);
    a.update(Action::UndoMarkAll);
    assert!(status(&mut a).contains("nothing to undo"));
}

#[test]
fn b_at_the_top_of_a_page_goes_to_the_end_of_the_page_before() {
    let mut a = app(&SAMPLES[..1], true, 80, 24);
    press(&mut a, &[Action::NextPage, Action::NextPage]);
    assert!(status(&mut a).starts_with(" 3/4 §2"));
    a.update(Action::ScreenUp);
    let s = status(&mut a);
    assert!(s.starts_with(" 2/4 §1 100%"), "{s}");
}

#[test]
fn a_link_number_shows_as_typed_with_a_hint() {
    let mut a = app(&[guide()], true, 80, 24);
    a.update(Action::Links);
    a.update(Action::Digit(1));
    let rows = screen(&mut a, 80, 24);
    assert!(rows[1].contains("links: 1_"), "{}", rows[1]);
    assert!(rows[23].contains("2nd digit or Enter"), "{}", rows[23]);
}

#[test]
fn the_library_hints_e_only_for_a_failed_file() {
    let mut a = app(&[SAMPLES[0], ("broken.toml", "title = 5\n")], false, 80, 24);
    let s = status(&mut a);
    assert!(!s.contains("e error"), "{s}");
    a.update(Action::Down);
    let s = status(&mut a);
    assert!(s.contains("e error"), "{s}");
}

#[test]
fn the_guides_key_table_is_the_generated_one() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/guide.md"))
        .expect("docs/guide.md");
    let table = yomu::tui::overlay::markdown_table();
    assert!(
        readme.contains(&format!("<!-- keys -->\n{table}<!-- /keys -->")),
        "the key table of docs/guide.md differs from the key table; it should read:\n{table}"
    );
}

/// Whether the program in the pane asked for mouse events.
fn mouse_on(t: &crate::common::Tmux) -> bool {
    t.tmux(&["display-message", "-p", "-t", "t", "#{mouse_any_flag}"])
        .trim()
        == "1"
}

#[test]
fn end_to_end_locale_mouse_and_search_history() {
    use crate::common::{Tmux, have_tmux, seed, yomu_bin};
    if !have_tmux() {
        return;
    }
    let t = Tmux::start("i16", 80, 24, &[("LANG", "ja_JP.UTF-8".into())]);
    let run = format!("{} {}; echo EXIT=$?", yomu_bin().display(), seed());
    t.run(&run);
    let s = t.wait("表紙");
    assert!(s.contains("ヘルプ"), "{s}");
    assert!(!mouse_on(&t), "the mouse is left to the terminal");
    t.keys(&["/"]);
    t.keys(&["停戦"]);
    t.wait("/停戦");
    t.keys(&["Enter"]);
    t.wait("件目");
    t.keys(&["q", "q"]);
    t.wait("EXIT=0");
    // Again, in English by configuration, with the mouse: the search is
    // remembered in the state file.
    let cfg = t.dir.join("config/yomu");
    std::fs::create_dir_all(&cfg).expect("config dir");
    std::fs::write(
        cfg.join("config.toml"),
        "ui_language = \"en\"\nmouse = true\n",
    )
    .expect("config");
    t.run("clear");
    t.run(&run);
    t.wait("cover");
    assert!(mouse_on(&t), "mouse = true takes the mouse");
    t.keys(&["/", "Up"]);
    t.wait("/停戦");
    t.keys(&["Escape", "q"]);
    t.wait("EXIT=0");
}
