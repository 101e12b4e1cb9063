//! Search in the reader, through the state update and a rendered buffer:
//! highlighted cells on a line with wide characters, n/N across pages, Esc
//! back to where the search started, and the library filter.

use ratatui::buffer::Buffer;
use ratatui::style::Color;
use yomu::library::from_sources;
use yomu::samples::SAMPLES;
use yomu::tui::app::App;
use yomu::tui::keys::Action;
use yomu::tui::style::Theme;
use yomu::tui::view;

use crate::common::app;

fn draw(app: &mut App, w: u16, h: u16) -> Buffer {
    let theme = Theme {
        color: true,
        light: false,
    };
    view::render(app, w, h, theme)
}

fn row(buf: &Buffer, y: u16) -> String {
    view::rows(buf).swap_remove(usize::from(y))
}

fn search(app: &mut App, q: &str) {
    app.update(Action::Search);
    for c in q.chars() {
        app.update(Action::Insert(c));
    }
}

/// The columns of row `y` whose background is `bg`.
fn cells_with_bg(buf: &Buffer, y: u16, bg: Color) -> Vec<u16> {
    (0..buf.area.width)
        .filter(|&x| buf[(x, y)].bg == bg)
        .collect()
}

const WIDE: &str = "title = \"日本の和平交渉とＡＢＣ、abcの話\"\n\
    [[sections]]\nheading = \"一\"\nbody = [\"abc\"]\n";

#[test]
fn highlights_cover_exactly_the_matched_cells_of_wide_characters() {
    let mut a = app(&[("w.toml", WIDE)], true, 80, 24);
    // 80 columns: a 76-cell text column from x = 2; the title is on row 1.
    search(&mut a, "ａｂｃ");
    let buf = draw(&mut a, 80, 24);
    assert_eq!(row(&buf, 1), "  日本の和平交渉とＡＢＣ、abcの話");
    // ＡＢＣ: 3 wide characters after 8 wide ones: cells 2+16 .. 2+22, the
    // current match; abc after "、": cells 2+24 .. 2+27, another match.
    assert_eq!(
        cells_with_bg(&buf, 1, Color::LightRed),
        (18..24).collect::<Vec<_>>()
    );
    assert_eq!(
        cells_with_bg(&buf, 1, Color::Yellow),
        (26..29).collect::<Vec<_>>()
    );
    let status = row(&buf, 23);
    assert!(status.starts_with("/ａｂｃ"), "{status}");
    assert!(status.contains("match 1/3"), "{status}");
    // Typing more narrows the matches; Backspace widens them again.
    a.update(Action::Insert('の'));
    let buf = draw(&mut a, 80, 24);
    assert_eq!(
        cells_with_bg(&buf, 1, Color::LightRed),
        (26..31).collect::<Vec<_>>()
    );
    assert!(cells_with_bg(&buf, 1, Color::Yellow).is_empty());
    a.update(Action::DeleteBack);
    a.update(Action::Enter);
    let buf = draw(&mut a, 80, 24);
    assert!(row(&buf, 23).contains("match 1/3"), "{}", row(&buf, 23));
    // Esc after confirming clears the highlights and stays.
    a.update(Action::Back);
    let buf = draw(&mut a, 80, 24);
    assert!(cells_with_bg(&buf, 1, Color::LightRed).is_empty());
    assert!(cells_with_bg(&buf, 1, Color::Yellow).is_empty());
    assert!(row(&buf, 23).starts_with(" 1/2 cover"), "{}", row(&buf, 23));
}

#[test]
fn a_match_wrapped_over_two_lines_is_highlighted_on_both() {
    let src = "title = \"t\"\n[[sections]]\nheading = \"h\"\n\
               body = [\"あいうえおかきくけこさしすせそ和平交渉たちつてと\"]\n";
    // 20 columns: the body wraps after 10 wide characters... at 20 cells.
    let mut a = app(&[("w.toml", src)], true, 20, 12);
    a.update(Action::NextPage);
    let buf = draw(&mut a, 20, 12);
    let rows: Vec<String> = (0..12).map(|y| row(&buf, y)).collect();
    let y = rows
        .iter()
        .position(|r| r.starts_with("あいうえおかきくけこ"))
        .expect("body") as u16;
    assert_eq!(rows[usize::from(y) + 1], "さしすせそ和平交渉た");
    // Now a match across the break: こ|さ.
    search(&mut a, "けこさし");
    let buf = draw(&mut a, 20, 12);
    assert_eq!(
        cells_with_bg(&buf, y, Color::LightRed),
        (16..20).collect::<Vec<_>>()
    );
    assert_eq!(
        cells_with_bg(&buf, y + 1, Color::LightRed),
        (0..4).collect::<Vec<_>>()
    );
}

#[test]
fn n_and_shift_n_go_across_pages_and_esc_returns() {
    let mut a = app(&SAMPLES[..1], true, 80, 24);
    a.update(Action::NextPage);
    a.update(Action::Down);
    let origin = view::rows(&draw(&mut a, 80, 24));
    search(&mut a, "ロシア");
    let status = row(&draw(&mut a, 80, 24), 23);
    let (k, m) = counter(&status).expect("a counter");
    assert!(m >= 10, "{m} matches");
    assert!(
        k > 1,
        "the first match from here, not the first of all: {status}"
    );
    // Esc while typing: back to the exact page and scroll, no highlight.
    a.update(Action::Back);
    let back = draw(&mut a, 80, 24);
    assert_eq!(view::rows(&back)[..23], origin[..23]);
    assert!((1..23).all(|y| cells_with_bg(&back, y, Color::LightRed).is_empty()));
    // Again, confirmed; n walks every match, across pages, and wraps.
    search(&mut a, "ロシア");
    a.update(Action::Enter);
    let mut pages = std::collections::BTreeSet::new();
    let first = counter(&row(&draw(&mut a, 80, 24), 23)).map(|(k, _)| k);
    for _ in 0..m {
        a.update(Action::NextMatch);
        let buf = draw(&mut a, 80, 24);
        let status = row(&buf, 23);
        pages.insert(status.split_whitespace().next().unwrap_or("").to_string());
        // The current match is on screen.
        assert!(
            (1..23).any(|y| !cells_with_bg(&buf, y, Color::LightRed).is_empty()),
            "{status}"
        );
    }
    assert!(pages.len() >= 3, "{pages:?}");
    let status = row(&draw(&mut a, 80, 24), 23);
    assert_eq!(counter(&status).map(|(k, _)| k), first, "wrapped round");
    a.update(Action::PrevMatch);
    let k = first.map(|k| (k + m - 2) % m + 1);
    let status = row(&draw(&mut a, 80, 24), 23);
    assert_eq!(counter(&status).map(|(k, _)| k), k, "{status}");
}

/// The "match k/M" of a status bar.
fn counter(status: &str) -> Option<(usize, usize)> {
    let rest = &status[status.find("match ")? + 6..];
    let (k, m) = rest.split_whitespace().next()?.split_once('/')?;
    Some((k.parse().ok()?, m.parse().ok()?))
}

#[test]
fn nothing_found_and_n_without_a_search() {
    let mut a = app(&SAMPLES[..1], true, 80, 24);
    a.update(Action::NextMatch);
    assert!(row(&draw(&mut a, 80, 24), 23).contains("press /"));
    search(&mut a, "存在しない語");
    let buf = draw(&mut a, 80, 24);
    assert!(row(&buf, 23).contains("no match"), "{}", row(&buf, 23));
    a.update(Action::Enter);
    let status = row(&draw(&mut a, 80, 24), 23);
    assert!(status.starts_with(" 1/4 cover"), "{status}");
    assert!(status.contains("no match for 存在しない語"), "{status}");
    // The search is gone: `n` searches the last query again (as less
    // does), and says so.
    a.update(Action::NextMatch);
    let status = row(&draw(&mut a, 80, 24), 23);
    assert!(status.contains("no match for 存在しない語"), "{status}");
}

#[test]
fn the_library_filters_by_title_tags_and_text() {
    let mut a = app(SAMPLES, false, 80, 24);
    assert!(row(&draw(&mut a, 80, 24), 0).contains("yomu — 3 briefings"));
    // A tag of the seed only, typed in fullwidth/halfwidth variants.
    a.update(Action::Search);
    for c in "ｳｸﾗｲﾅ".chars() {
        a.update(Action::Insert(c));
    }
    let buf = draw(&mut a, 80, 24);
    assert!(row(&buf, 23).contains("1 of 3"), "{}", row(&buf, 23));
    assert!(
        row(&buf, 23).starts_with("filter: ｳｸﾗｲﾅ"),
        "{}",
        row(&buf, 23)
    );
    assert!((0..23).any(|y| row(&buf, y).contains("ゼレンスキー")));
    assert!(!(0..23).any(|y| row(&buf, y).contains("bilingual")));
    a.update(Action::Enter);
    // Enter again opens the (filtered) selection.
    a.update(Action::Enter);
    let buf = draw(&mut a, 80, 24);
    assert!(row(&buf, 0).contains("ゼレンスキー"), "{}", row(&buf, 0));
    assert!(row(&buf, 23).starts_with(" 1/4 cover"), "{}", row(&buf, 23));
    a.update(Action::Back);
    let buf = draw(&mut a, 80, 24);
    // The cover marks nothing: all 11 articles are still unread.
    assert!(row(&buf, 0).contains("1 of 3 briefings match “ｳｸﾗｲﾅ” · 11 unread"));
    // Esc clears the filter before it quits.
    a.update(Action::Back);
    assert!(!a.quit);
    assert_eq!(
        row(&draw(&mut a, 80, 24), 0),
        " yomu — 3 briefings · 11 unread"
    );
    a.update(Action::Back);
    assert!(a.quit);
}

/// Poll the background work until the search index has arrived.
fn wait_for_index(app: &mut App) {
    let start = std::time::Instant::now();
    while !app.poll_background() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(30),
            "index never arrived"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

fn screen(buf: &Buffer) -> String {
    view::rows(buf).join("\n")
}

#[test]
fn a_long_briefing_is_indexed_in_the_background() {
    // 301 pages: `/` returns at once and the status says so; the matches
    // come when the index arrives, and the view moves to the first one.
    let big = yomu::synth::large_briefing(300);
    let mut a = app(&[("big.toml", &big)], true, 80, 24);
    search(&mut a, "政府");
    assert!(a.busy());
    assert!(screen(&draw(&mut a, 80, 24)).contains("/政府"));
    assert!(screen(&draw(&mut a, 80, 24)).contains("searching…"));
    wait_for_index(&mut a);
    let buf = draw(&mut a, 80, 24);
    let (k, m) = counter(&row(&buf, 23)).expect("counter");
    assert!(k == 1 && m > 100, "{}", row(&buf, 23));
    // Typing on is immediate now.
    a.update(Action::Insert('は'));
    assert!(!a.busy());
    assert!(!screen(&draw(&mut a, 80, 24)).contains("searching…"));
}

#[test]
fn confirming_before_the_index_arrives_shows_the_first_match_or_no_match() {
    let big = yomu::synth::large_briefing(300);
    let mut a = app(&[("big.toml", &big)], true, 80, 24);
    search(&mut a, "政府");
    a.update(Action::Enter);
    a.update(Action::NextMatch);
    assert!(row(&draw(&mut a, 80, 24), 23).contains("searching…"));
    wait_for_index(&mut a);
    let buf = draw(&mut a, 80, 24);
    assert_eq!(counter(&row(&buf, 23)).map(|(k, _)| k), Some(1));
    // On the page of the first match, highlighted.
    assert!((1..23).any(|y| !cells_with_bg(&buf, y, Color::LightRed).is_empty()));

    let mut a = app(&[("big.toml", &big)], true, 80, 24);
    search(&mut a, "存在しない語");
    a.update(Action::Enter);
    wait_for_index(&mut a);
    let status = row(&draw(&mut a, 80, 24), 23);
    assert!(status.contains("no match for 存在しない語"), "{status}");
    // `n` searches the last query again (as less does), and says so.
    a.update(Action::NextMatch);
    let status = row(&draw(&mut a, 80, 24), 23);
    assert!(status.contains("no match for 存在しない語"), "{status}");
}

#[test]
fn ctrl_k_makes_hiragana_and_katakana_match_in_the_reader_and_the_filter() {
    let mut a = app(&SAMPLES[..1], true, 80, 24);
    search(&mut a, "うくらいな");
    assert!(row(&draw(&mut a, 80, 24), 23).contains("no match"));
    a.update(Action::ToggleKana);
    let buf = draw(&mut a, 80, 24);
    let status = row(&buf, 23);
    assert!(
        status.contains("match 1/") && status.contains("[かな=カナ]"),
        "{status}"
    );
    // Off again: no match.
    a.update(Action::ToggleKana);
    let status = row(&draw(&mut a, 80, 24), 23);
    assert!(
        status.contains("no match") && !status.contains("かな=カナ"),
        "{status}"
    );

    // The library filter.
    let mut lib = app(SAMPLES, false, 80, 24);
    search(&mut lib, "うくらいな");
    assert!(row(&draw(&mut lib, 80, 24), 23).contains("0 of 3"));
    lib.update(Action::ToggleKana);
    let status = row(&draw(&mut lib, 80, 24), 23);
    assert!(
        status.contains("1 of 3") && status.contains("[かな=カナ]"),
        "{status}"
    );
}

#[test]
fn a_large_library_builds_its_filter_texts_in_the_background() {
    let files = yomu::synth::library_files(yomu::tui::app::FILTER_IN_BACKGROUND + 50);
    let items: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let total = items.len();
    // The first file's title: in that file, and in few others if any.
    let title = files[0]
        .1
        .lines()
        .find_map(|l| l.strip_prefix("title = \""))
        .and_then(|t| t.strip_suffix('"'))
        .expect("a title");
    let mut a = app(&items, false, 120, 24);
    search(&mut a, title);
    assert!(a.busy());
    let status = row(&draw(&mut a, 120, 24), 23);
    assert!(status.contains("searching…"), "{status}");
    wait_for_texts(&mut a);
    let status = row(&draw(&mut a, 120, 24), 23);
    let shown: usize = status
        .split_once(&format!(" of {total}"))
        .and_then(|(head, _)| head.rsplit(' ').next()?.parse().ok())
        .expect("a count");
    assert!(shown > 0 && shown < total, "{status}");
}

/// Poll the background work until the filter's texts are there.
fn wait_for_texts(app: &mut App) {
    let start = std::time::Instant::now();
    while app.busy() {
        app.poll_background();
        assert!(start.elapsed() < std::time::Duration::from_secs(30));
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

#[test]
fn a_reload_filters_the_new_list_again() {
    let mut a = app(SAMPLES, false, 80, 24);
    search(&mut a, "ゼレンスキー");
    let status = row(&draw(&mut a, 80, 24), 23);
    assert!(status.contains("1 of 3"), "{status}");
    // The matching briefing is gone from the folder; the others stay.
    let rest: Vec<(&str, &str)> = SAMPLES
        .iter()
        .copied()
        .filter(|(_, t)| !t.contains("ゼレンスキー"))
        .collect();
    assert_eq!(rest.len(), SAMPLES.len() - 1);
    a.reload(from_sources(&rest));
    let status = row(&draw(&mut a, 80, 24), 23);
    assert!(status.contains(&format!("0 of {}", rest.len())), "{status}");
}

#[test]
fn a_url_with_a_match_on_it_is_not_overwritten_by_its_hyperlink() {
    // The runtime writes hyperlinks over the drawn screen; one on a match
    // would hide the highlight, so such a URL is left as drawn.
    let theme = Theme {
        color: true,
        light: false,
    };
    let mut a = app(&SAMPLES[..1], true, 120, 40);
    a.update(Action::NextPage);
    let mut buf = Buffer::empty(ratatui::layout::Rect::new(0, 0, 120, 40));
    let spots = view::draw(&a, &mut buf, theme).spots;
    assert!(
        spots.iter().any(|s| s.text.contains("reuters")),
        "the URL is a hyperlink: {spots:?}"
    );
    search(&mut a, "reuters");
    let mut buf = Buffer::empty(ratatui::layout::Rect::new(0, 0, 120, 40));
    let spots = view::draw(&a, &mut buf, theme).spots;
    let lit: Vec<(u16, u16)> = (0..40)
        .flat_map(|y| {
            cells_with_bg(&buf, y, Color::LightRed)
                .into_iter()
                .map(move |x| (x, y))
        })
        .collect();
    assert!(!lit.is_empty(), "the match is highlighted");
    assert!(
        !spots.iter().any(|s| s.text.contains("reuters")),
        "{spots:?}"
    );
}
