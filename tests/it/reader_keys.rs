//! Keys of the key table that no other test presses: a screen down and up
//! (and `Space` at the bottom turning the page), `y` in the link list,
//! `e` on a file that failed, `Ctrl-c`; and what the format and the
//! configuration change on screen: English labels and dates, the width of
//! the text column, hanging punctuation.

use yomu::samples::SAMPLES;
use yomu::tui::app::{App, Effect};
use yomu::tui::keys::Action;

fn app(items: &[(&str, &str)], single: bool) -> App {
    crate::common::app(items, single, 80, 24)
}

fn screen(app: &mut App, w: u16) -> Vec<String> {
    crate::common::screen(app, w, 24)
}

/// The page (from the status bar) and the first line of text on screen.
fn at(app: &mut App) -> (String, String) {
    let rows = screen(app, 80);
    let page = rows[23].split_whitespace().next().unwrap_or("").to_string();
    (page, rows[1].clone())
}

#[test]
fn a_screen_down_and_up_and_space_at_the_bottom_turns_the_page() {
    let mut a = app(&SAMPLES[..1], true);
    a.update(Action::NextPage);
    let first = screen(&mut a, 80);
    a.update(Action::ScreenDown);
    let down = screen(&mut a, 80);
    assert!(down[23].starts_with(" 2/4"), "{:?}", down[23]);
    // One screen, less a line: the last line seen is the first now.
    let body = &first[1..23];
    assert_ne!(down[1], first[1]);
    assert!(body.contains(&down[1]), "one screen at most: {:?}", down[1]);
    a.update(Action::ScreenUp);
    assert_eq!(at(&mut a), ("2/4".to_string(), first[1].clone()));
    // At the bottom of the page, a screen down turns it.
    a.update(Action::Bottom);
    let bottom = at(&mut a);
    a.update(Action::ScreenDown);
    assert_eq!(at(&mut a).0, "3/4", "from {bottom:?}");
}

#[test]
fn y_in_the_link_list_copies_the_selected_url() {
    let mut a = app(&SAMPLES[..1], true);
    a.update(Action::Links);
    let rows = screen(&mut a, 80);
    assert!(rows[1].contains("─ links ─"), "{rows:#?}");
    // The second link's URL, as the list shows it.
    let url = rows
        .iter()
        .filter_map(|r| r.trim().strip_prefix("https://"))
        .nth(1)
        .map(|u| format!("https://{u}"))
        .expect("two links");
    a.update(Action::Down);
    let effects = a.update(Action::Copy);
    assert_eq!(effects, [Effect::Copy(url)]);
}

#[test]
fn e_shows_why_a_file_failed() {
    let bad = ("bad.toml", "title = 1\n");
    let mut a = app(&[SAMPLES[0], bad], false);
    // The failed file is listed last: the selection goes down to it.
    a.update(Action::Bottom);
    let rows = screen(&mut a, 80);
    assert!(rows[2].contains("✗ invalid  bad.toml"), "{rows:#?}");
    a.update(Action::ShowError);
    let rows = screen(&mut a, 80);
    assert!(
        rows.iter().any(|r| r.contains("`title` must be a string")),
        "{rows:#?}"
    );
}

#[test]
fn ctrl_c_quits_from_anywhere_and_remembers_the_place() {
    let mut a = app(&SAMPLES[..1], true);
    a.update(Action::NextPage);
    a.update(Action::Down);
    a.update(Action::Search);
    a.update(Action::Quit);
    assert!(a.quit);
    let key = a.library.items[0].key.clone();
    let s = &a.state.briefings[&yomu::state::key_hash(&key)];
    assert_eq!((s.page, s.scroll), (1, 1));
}

#[test]
fn an_english_briefing_has_english_labels_and_iso_dates() {
    let en = "title = \"Chips\"\nlanguage = \"en\"\npublished = 2025-03-04\n\
              takeaways = [\"t\"]\n[[sections]]\nheading = \"Fabs\"\n";
    let mut a = app(&[("en.toml", en)], true);
    let cover = screen(&mut a, 80).join("\n");
    assert!(cover.contains("2025-03-04"), "{cover}");
    assert!(cover.contains("Takeaways"), "{cover}");
    assert!(
        !cover.contains("まとめ") && !cover.contains("2025年"),
        "{cover}"
    );
    let mut ja = app(&SAMPLES[..1], true);
    let cover = screen(&mut ja, 80).join("\n");
    assert!(cover.contains("2025年3月12日"), "{cover}");
}

#[test]
fn the_text_column_is_at_most_max_width_and_centred() {
    let mut a = app(&SAMPLES[..1], true);
    a.update(Action::NextPage);
    let text_rows = |rows: &[String]| -> Vec<(usize, usize)> {
        rows[1..rows.len() - 1]
            .iter()
            .filter(|r| !r.trim().is_empty())
            .map(|r| {
                let lead = r.len() - r.trim_start().len();
                let width = unicode_width::UnicodeWidthStr::width(r.as_str());
                (lead, width)
            })
            .collect()
    };
    a.max_width = 40;
    let rows = screen(&mut a, 200);
    let spans = text_rows(&rows);
    assert!(!spans.is_empty());
    // The column starts (200 - 40) / 2 = 80 cells in and ends by 120.
    assert!(
        spans.iter().all(|&(lead, w)| lead >= 80 && w <= 120),
        "{spans:?}"
    );
}

#[test]
fn hanging_punctuation_hangs_into_the_right_margin() {
    let src = "title = \"t\"\n[[sections]]\nheading = \"h\"\n\
               body = [\"朝から強い雨が続いた。夜には止んだ。\"]\n";
    let rows = |hanging: bool| -> Vec<String> {
        let mut a = app(&[("rain.toml", src)], true);
        a.max_width = 20;
        a.hanging = hanging;
        a.update(Action::NextPage);
        screen(&mut a, 80)
            .into_iter()
            .map(|r| r.trim().to_string())
            .filter(|r| r.contains("雨") || r.contains("夜"))
            .collect()
    };
    // The column is 20 cells (30 to 50): `。` hangs in cells 50–51 instead
    // of pushing `た` down.
    assert_eq!(rows(true), ["朝から強い雨が続いた。", "夜には止んだ。"]);
    assert_eq!(rows(false), ["朝から強い雨が続い", "た。夜には止んだ。"]);
    let mut a = app(&[("rain.toml", src)], true);
    a.max_width = 20;
    a.hanging = true;
    a.update(Action::NextPage);
    let line = screen(&mut a, 80)
        .into_iter()
        .find(|r| r.contains("雨"))
        .unwrap_or_default();
    let lead = line.len() - line.trim_start().len();
    assert_eq!(lead, 30, "{line:?}");
}
