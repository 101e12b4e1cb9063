//! Search in the reader, through the state update and a rendered buffer:
//! highlighted cells on a line with wide characters, n/N across pages, Esc
//! back to where the search started, and the library filter.

use ratatui::buffer::Buffer;
use ratatui::style::Color;
use yomu::library::from_sources;
use yomu::samples::SAMPLES;
use yomu::text::WidthOptions;
use yomu::tui::app::App;
use yomu::tui::keys::Action;
use yomu::tui::style::Theme;
use yomu::tui::view;

fn app(items: &[(&str, &str)], single: bool, w: u16, h: u16) -> App {
    App::new(
        from_sources(items),
        single,
        WidthOptions::default(),
        (usize::from(w), usize::from(h)),
    )
}

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
    assert!(a.reader().is_some());
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
    let origin = a.reader().map(|r| (r.page, r.scroll));
    search(&mut a, "ロシア");
    let (m, page) = {
        let r = a.reader().expect("reader");
        let f = r.find.as_ref().expect("find");
        (f.hits.len(), r.page)
    };
    assert!(m >= 10, "{m} matches");
    assert_eq!(page, 1, "the first match from here is on this page");
    // Esc while typing: back to the exact page and scroll.
    a.update(Action::Back);
    assert_eq!(a.reader().map(|r| (r.page, r.scroll)), origin);
    assert!(a.reader().is_some_and(|r| r.find.is_none()));
    // Again, confirmed; n walks every match, across pages, and wraps.
    search(&mut a, "ロシア");
    a.update(Action::Enter);
    let mut pages = std::collections::BTreeSet::new();
    let first = a.reader().and_then(|r| r.find.as_ref()?.current);
    for _ in 0..m {
        a.update(Action::NextMatch);
        let r = a.reader().expect("reader");
        pages.insert(r.page);
        // The current match is on screen.
        let hit = r
            .find
            .as_ref()
            .and_then(|f| f.hits.get(f.current?))
            .copied();
        let hit = hit.expect("current");
        assert_eq!(hit.page, r.page);
        assert!(hit.line >= r.scroll && hit.line < r.scroll + a.body_height());
    }
    assert!(pages.len() >= 3, "{pages:?}");
    assert_eq!(a.reader().and_then(|r| r.find.as_ref()?.current), first);
    a.update(Action::PrevMatch);
    let k = a.reader().and_then(|r| r.find.as_ref()?.current);
    assert_eq!(k, first.map(|k| (k + m - 1) % m));
    let buf = draw(&mut a, 80, 24);
    assert!(row(&buf, 23).contains(&format!("match {}/{m}", k.unwrap_or(0) + 1)));
}

#[test]
fn nothing_found_and_n_without_a_search() {
    let mut a = app(&SAMPLES[..1], true, 80, 24);
    a.update(Action::NextMatch);
    assert!(a.status.as_deref().is_some_and(|s| s.contains("press /")));
    search(&mut a, "存在しない語");
    let buf = draw(&mut a, 80, 24);
    assert!(row(&buf, 23).contains("no match"), "{}", row(&buf, 23));
    a.update(Action::Enter);
    assert!(a.reader().is_some_and(|r| r.find.is_none()));
    assert_eq!(a.reader().map(|r| r.page), Some(0));
}

#[test]
fn the_library_filters_by_title_tags_and_text() {
    let mut a = app(SAMPLES, false, 80, 24);
    assert_eq!(a.library.shown().len(), 3);
    // A tag of the seed only, typed in fullwidth/halfwidth variants.
    a.update(Action::Search);
    for c in "ｳｸﾗｲﾅ".chars() {
        a.update(Action::Insert(c));
    }
    let shown = a.library.shown();
    assert!(!shown.is_empty() && shown.len() < 3, "{shown:?}");
    let buf = draw(&mut a, 80, 24);
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
    assert!(
        a.reader()
            .is_some_and(|r| r.briefing.title.contains("ゼレンスキー"))
    );
    a.update(Action::Back);
    // Esc clears the filter before it quits.
    a.update(Action::Back);
    assert!(a.library.filter.is_none() && !a.quit);
    assert_eq!(a.library.shown().len(), 3);
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
    let r = a.reader().expect("reading");
    assert!(r.indexing());
    assert!(r.find.as_ref().expect("find").hits.is_empty());
    assert!(screen(&draw(&mut a, 80, 24)).contains("/政府"));
    assert!(screen(&draw(&mut a, 80, 24)).contains("searching…"));
    wait_for_index(&mut a);
    let r = a.reader().expect("reading");
    let f = r.find.as_ref().expect("find");
    assert!(f.hits.len() > 100, "{}", f.hits.len());
    assert_eq!(f.current, Some(0));
    let buf = draw(&mut a, 80, 24);
    assert!(screen(&buf).contains("match 1/"), "{}", screen(&buf));
    // Typing on is immediate now.
    a.update(Action::Insert('は'));
    let r = a.reader().expect("reading");
    assert!(!r.indexing());
}

#[test]
fn confirming_before_the_index_arrives_shows_the_first_match_or_no_match() {
    let big = yomu::synth::large_briefing(300);
    let mut a = app(&[("big.toml", &big)], true, 80, 24);
    search(&mut a, "政府");
    a.update(Action::Enter);
    a.update(Action::NextMatch);
    assert_eq!(a.status.as_deref(), Some("searching…"));
    wait_for_index(&mut a);
    let r = a.reader().expect("reading");
    let f = r.find.as_ref().expect("find");
    assert_eq!(f.current, Some(0));
    assert_eq!(r.page, f.hits[0].page);

    let mut a = app(&[("big.toml", &big)], true, 80, 24);
    search(&mut a, "存在しない語");
    a.update(Action::Enter);
    wait_for_index(&mut a);
    assert!(a.reader().expect("reading").find.is_none());
    assert_eq!(a.status.as_deref(), Some("no match for 存在しない語"));
}

#[test]
fn ctrl_k_makes_hiragana_and_katakana_match_in_the_reader_and_the_filter() {
    let mut a = app(&SAMPLES[..1], true, 80, 24);
    search(&mut a, "うくらいな");
    let f = a.reader().and_then(|r| r.find.as_ref()).expect("find");
    assert!(f.hits.is_empty());
    a.update(Action::ToggleKana);
    let f = a.reader().and_then(|r| r.find.as_ref()).expect("find");
    assert!(!f.hits.is_empty(), "うくらいな finds ウクライナ");
    let buf = draw(&mut a, 80, 24);
    let status = row(&buf, 23);
    assert!(
        status.contains("match 1/") && status.contains("[かな=カナ]"),
        "{status}"
    );
    // Off again: no match.
    a.update(Action::ToggleKana);
    let f = a.reader().and_then(|r| r.find.as_ref()).expect("find");
    assert!(f.hits.is_empty());
    assert!(!row(&draw(&mut a, 80, 24), 23).contains("かな=カナ"));

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
    assert!(a.library.filter_pending());
    let status = row(&draw(&mut a, 120, 24), 23);
    assert!(status.contains("searching…"), "{status}");
    wait_for_texts(&mut a);
    let shown = a.library.filter.as_ref().expect("filter").shown.len();
    assert!(shown > 0 && shown < total, "{shown} of {total}");
    let status = row(&draw(&mut a, 120, 24), 23);
    assert!(status.contains(&format!("{shown} of {total}")), "{status}");
}

/// Poll the background work until the filter's texts are there.
fn wait_for_texts(app: &mut App) {
    let start = std::time::Instant::now();
    while app.library.filter_pending() {
        app.poll_background();
        assert!(start.elapsed() < std::time::Duration::from_secs(30));
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

#[test]
fn a_reload_filters_the_new_list_again() {
    let mut a = app(SAMPLES, false, 80, 24);
    search(&mut a, "ゼレンスキー");
    let before = a.library.filter.as_ref().expect("filter").shown.clone();
    assert_eq!(before.len(), 1);
    // The matching briefing is gone from the folder; the others stay.
    let rest: Vec<(&str, &str)> = SAMPLES
        .iter()
        .copied()
        .filter(|(_, t)| !t.contains("ゼレンスキー"))
        .collect();
    assert_eq!(rest.len(), SAMPLES.len() - 1);
    a.reload(from_sources(&rest));
    assert!(a.library.filter.as_ref().expect("filter").shown.is_empty());
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
