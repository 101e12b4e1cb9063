//! The reader's state, in process without a terminal: remapped keys in the help screen,
//! remembered position and read marks, and live reload (the app's side:
//! position kept, last good content kept when a file turns invalid).

use crate::common::{TempDir, press, screen};
use yomu::config;
use yomu::library::{Library, from_sources};
use yomu::samples::SAMPLES;
use yomu::state::{BriefingState, State};
use yomu::text::WidthOptions;
use yomu::tui::app::App;
use yomu::tui::keys::{Action, Context, Keymap};

fn app(lib: Library, single: bool) -> App {
    App::new(lib, single, WidthOptions::default(), (80, 24))
}

fn render(app: &mut App) -> Vec<String> {
    screen(app, 80, 24)
}

/// The status bar at 80x24.
fn status(app: &mut App) -> String {
    render(app).swap_remove(23)
}

#[test]
fn a_remapped_key_works_and_the_help_screen_shows_it() {
    let cfg = config::parse_str("config.toml", "[keys]\nnext_page = [\"n\", \"Right\"]\n").unwrap();
    let mut a = app(from_sources(&SAMPLES[..1]), true);
    a.keymap = Keymap::new(&cfg.keys);
    let n = crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('n'),
        crossterm::event::KeyModifiers::NONE,
    );
    let l = crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('l'),
        crossterm::event::KeyModifiers::NONE,
    );
    assert_eq!(
        a.keymap.action_for(Context::Reader, &n),
        Some(Action::NextPage)
    );
    assert_eq!(a.keymap.action_for(Context::Reader, &l), None);
    a.update(a.keymap.action_for(Context::Reader, &n).unwrap());
    assert!(status(&mut a).starts_with(" 2/4 §1"));
    a.update(Action::Help);
    let screen = render(&mut a);
    assert!(
        screen
            .iter()
            .any(|r| r.contains("n →") && r.contains("next page (section)")),
        "{screen:#?}"
    );
    assert!(
        !screen.iter().any(|r| r.contains("l → Tab ]")),
        "{screen:#?}"
    );
}

#[test]
fn position_is_restored_and_remembered() {
    let lib = || from_sources(&SAMPLES[..1]);
    let mut a = app(lib(), true);
    let key = a.library.items[0].key.clone();
    assert_eq!(key, "sample:zelensky-peace-2025.toml");
    let mut state = State::default();
    state.briefings.insert(
        yomu::state::key_hash(&key),
        BriefingState {
            page: 2,
            scroll: 3,
            ..Default::default()
        },
    );
    a.set_state(state);
    let page2 = render(&mut a);
    assert!(page2[23].starts_with(" 3/4 §2"), "{:?}", page2[23]);
    press(&mut a, &[Action::Top]);
    let top = render(&mut a);
    assert_eq!(page2[1], top[4], "scrolled down 3 lines");
    press(&mut a, &[Action::Down, Action::Down, Action::Down]);
    // Viewing marks the article on the page read, and only it.
    assert!(a.article_read(0, 1));
    assert!(!a.article_read(0, 0) && !a.article_read(0, 2));
    a.update(Action::NextPage);
    a.update(Action::Down);
    a.update(Action::Back);
    assert!(a.quit);
    let s = &a.state.briefings[&yomu::state::key_hash(&key)];
    assert_eq!((s.page, s.scroll), (3, 1));
    assert!(a.article_read(0, 1) && a.article_read(0, 2) && !a.article_read(0, 0));

    // A position beyond the end (the file shrank) is clamped.
    let mut b = app(lib(), true);
    let mut state = State::default();
    state.briefings.insert(
        yomu::state::key_hash(&key),
        BriefingState {
            page: 99,
            scroll: 9999,
            ..Default::default()
        },
    );
    b.set_state(state);
    let last = render(&mut b);
    assert!(last[23].starts_with(" 4/4 §3"), "{:?}", last[23]);
    assert!(!last[1].trim().is_empty(), "the text is in view: {last:#?}");
}

#[test]
fn unread_marks_and_toggling() {
    let mut a = app(from_sources(SAMPLES), false);
    let screen = render(&mut a);
    let marked = screen.iter().filter(|r| r.starts_with(" ●")).count();
    assert_eq!(marked, SAMPLES.len(), "{screen:#?}");
    // `u` in the library: the selected briefing becomes read, then unread again.
    a.update(Action::ToggleRead);
    assert!(!render(&mut a)[1].starts_with(" ●"));
    a.update(Action::ToggleRead);
    assert!(render(&mut a)[1].starts_with(" ●"));
    // Opening reads it; `u` in a section toggles that section.
    a.update(Action::Enter);
    a.update(Action::NextPage);
    assert!(a.article_read(0, 0));
    a.update(Action::ToggleRead);
    assert!(!a.article_read(0, 0));
    assert!(status(&mut a).contains("section marked unread"));
    // Staying on the page does not mark it read again.
    a.update(Action::Down);
    assert!(!a.article_read(0, 0));
    // Its articles are unread: the briefing still is.
    a.update(Action::Back);
    assert!(render(&mut a)[1].starts_with(" ●"));
}

#[test]
fn reload_keeps_the_position_and_the_last_good_content() {
    let seed = SAMPLES[0].1;
    let name = SAMPLES[0].0;
    let mut a = app(from_sources(&[(name, seed)]), true);
    a.update(Action::NextPage);
    a.update(Action::NextPage);
    a.update(Action::Down);
    a.update(Action::Down);
    // The file changes: a new title, the same sections.
    let changed = seed.replacen("ゼレンスキー大統領の和平への道", "改訂版の道", 1);
    let before = render(&mut a);
    a.reload(from_sources(&[(name, &changed)]));
    let after = render(&mut a);
    assert!(after[0].contains("改訂版の道"), "{:?}", after[0]);
    assert_eq!(after[1..], before[1..], "the same page, scrolled as it was");
    assert!(!after[23].contains("not reloaded"));
    // It turns invalid: the last good content stays, the error is shown.
    a.reload(from_sources(&[(name, "title = \n[[sections]]\n")]));
    let screen = render(&mut a);
    assert!(screen[0].contains("改訂版の道"), "{:?}", screen[0]);
    assert_eq!(screen[1..23], before[1..23]);
    assert!(
        screen[23].contains("not reloaded") && screen[23].contains("zelensky"),
        "{:?}",
        screen[23]
    );
    // Fixed again: the error goes away.
    a.reload(from_sources(&[(name, seed)]));
    let fixed = status(&mut a);
    assert!(
        !fixed.contains("not reloaded") && fixed.starts_with(" 3/4 §2"),
        "{fixed}"
    );
}

#[test]
fn a_removed_briefing_keeps_its_own_position() {
    // Reading the second briefing of a folder when its file goes away: its
    // position is remembered under it, not under the file now selected.
    let mut a = app(from_sources(&SAMPLES[..2]), false);
    let gone = a.library.items[1].key.clone();
    let stays = a.library.items[0].key.clone();
    a.update(Action::Down);
    a.update(Action::Enter);
    a.update(Action::NextPage);
    a.update(Action::Down);
    let path = a.library.items[1].path.to_string_lossy().into_owned();
    let rest: Vec<(&str, &str)> = SAMPLES[..2]
        .iter()
        .copied()
        .filter(|(n, _)| *n != path)
        .collect();
    a.reload(from_sources(&rest));
    let list = render(&mut a);
    assert!(list[0].starts_with(" yomu — 1 briefing"), "{:?}", list[0]);
    assert!(list[23].contains("the open briefing was removed"));
    let page_of = |k: &str| {
        a.state
            .briefings
            .get(&yomu::state::key_hash(k))
            .map(|s| (s.page, s.scroll))
    };
    assert_eq!(page_of(&gone), Some((1, 1)));
    assert_eq!(page_of(&stays).map(|p| p.0).unwrap_or(0), 0);
}

#[test]
fn the_status_bar_hint_follows_remapped_keys() {
    let mut a = app(from_sources(&SAMPLES[..1]), true);
    let screen = render(&mut a);
    let status = screen.last().expect("status bar").clone();
    assert!(
        status.contains("j/k scroll  h/l page  / search  t contents  ? help  q back"),
        "{status}"
    );
    let cfg = config::parse_str(
        "config.toml",
        "[keys]\nsearch = [\"s\"]\nnext_page = [\"n\"]\nhelp = [\"t\"]\n",
    )
    .unwrap();
    a.keymap = Keymap::new(&cfg.keys);
    let screen = render(&mut a);
    let status = screen.last().expect("status bar").clone();
    assert!(
        status.contains("j/k scroll  h/n page  s search  t help  q back"),
        "contents lost its only key to help, and is left out: {status}"
    );
}

/// The samples written to a fresh folder; its `*.toml` files.
fn sample_folder(tag: &str) -> (TempDir, Vec<std::path::PathBuf>) {
    let dir = TempDir::new(tag);
    for (name, text) in SAMPLES {
        std::fs::write(dir.join(name), text).expect("write");
    }
    let files = yomu::library::briefing_files(dir.path()).expect("list");
    (dir, files)
}

/// How many articles (sections) the samples hold: all unread at first.
fn articles() -> usize {
    from_sources(SAMPLES)
        .briefings()
        .map(|b| b.sections.len())
        .sum()
}

/// Poll until the background loading has ended.
fn until_loaded(a: &mut App) {
    let start = std::time::Instant::now();
    while a.busy() {
        a.poll_background();
        assert!(start.elapsed().as_secs() < 30, "loading never ended");
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}

#[test]
fn a_folder_fills_in_and_a_reload_meanwhile_does_not_double_it() {
    let (dir, files) = sample_folder("loading");
    let mut a = app(Library::default(), false);
    a.start_loading(files.clone());
    let header = render(&mut a).swap_remove(0);
    assert!(header.contains("loading"), "{header}");
    until_loaded(&mut a);
    let header = render(&mut a).swap_remove(0);
    assert_eq!(
        header,
        format!(
            " yomu — {} briefings · {} unread",
            SAMPLES.len(),
            articles()
        )
    );

    // The folder changes while it is still loading: the reload is the
    // whole list, and files still arriving from the first load are dropped.
    let mut a = app(Library::default(), false);
    a.start_loading(files);
    a.reload(yomu::library::load_dir(dir.path()).expect("load"));
    assert!(!a.busy());
    std::thread::sleep(std::time::Duration::from_millis(50));
    a.poll_background();
    let header = render(&mut a).swap_remove(0);
    assert_eq!(
        header,
        format!(
            " yomu — {} briefings · {} unread",
            SAMPLES.len(),
            articles()
        )
    );
}

#[test]
fn a_section_marked_unread_stays_so_while_the_folder_fills_in() {
    // Reading the oldest briefing while newer ones arrive: it moves down
    // the list, and the section marked unread must not be marked read again.
    let (dir, _) = sample_folder("viewed");
    let zelensky = SAMPLES[0];
    let others: Vec<std::path::PathBuf> = SAMPLES[1..]
        .iter()
        .map(|(name, _)| dir.join(name))
        .collect();
    let mut a = app(from_sources(&[zelensky]), false);
    let key = a.library.items[0].key.clone();
    a.update(Action::Enter);
    a.update(Action::NextPage);
    a.update(Action::ToggleRead);
    let read = |a: &App| {
        let i = a
            .library
            .items
            .iter()
            .position(|e| e.key == key)
            .expect("listed");
        a.article_read(i, 0)
    };
    assert!(!read(&a));
    a.start_loading(others);
    until_loaded(&mut a);
    a.update(Action::Down);
    assert!(!read(&a), "still unread");
    // The selection stayed on the file, which moved down the list: back in
    // the list, Enter opens it again.
    a.update(Action::Back);
    let list = render(&mut a);
    assert!(
        !list[1].contains("ゼレンスキー"),
        "it moved down: {list:#?}"
    );
    a.update(Action::Enter);
    assert!(render(&mut a)[0].contains("ゼレンスキー"));
}
