//! Reader latency: launch to first frame (minus terminal setup) and one
//! frame after a keypress, on the seed sample and on a ~6 MB briefing; and
//! that frame painted as a terminal receives it (the diff written as bytes).
//!
//! Run with `cargo bench --bench tui`.

use std::sync::OnceLock;

use ratatui::buffer::Buffer;
use yomu::library::from_sources;
use yomu::text::WidthOptions;
use yomu::tui::app::App;
use yomu::tui::keys::Action;
use yomu::tui::style::Theme;
use yomu::tui::view;

const SIZE: (usize, usize) = (80, 24);

fn main() {
    divan::main();
}

fn big() -> &'static str {
    static SRC: OnceLock<String> = OnceLock::new();
    SRC.get_or_init(|| yomu::synth::large_briefing(2000))
}

fn library_files() -> &'static [(String, String)] {
    static FILES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    FILES.get_or_init(|| yomu::synth::library_files(1000))
}

const THEME: Theme = Theme {
    color: true,
    light: false,
};

fn frame(app: &mut App) -> Buffer {
    view::render(app, SIZE.0 as u16, SIZE.1 as u16, THEME)
}

fn open(items: &[(&str, &str)], single: bool) -> App {
    App::new(from_sources(items), single, WidthOptions::default(), SIZE)
}

/// Parse + `App::new` (opens the reader on the cover) + one frame.
#[divan::bench(sample_count = 10)]
fn first_frame_6mb(bencher: divan::Bencher) {
    let text = big();
    bencher.bench(|| {
        let mut app = open(&[("big.toml", text)], true);
        frame(&mut app)
    });
}

/// The library of 1000 files (~19 MB) written once to a temporary folder.
fn library_dir() -> &'static std::path::Path {
    static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join("yomu-bench-library");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        for (name, text) in library_files() {
            std::fs::write(dir.join(name), text).expect("write");
        }
        dir
    })
}

/// What `yomu FOLDER` does before its first frame: list the folder, start
/// loading in the background, draw the library with what has arrived.
#[divan::bench(sample_count = 10)]
fn first_frame_library_1000(bencher: divan::Bencher) {
    let dir = library_dir();
    bencher.bench(|| {
        let files = yomu::library::briefing_files(dir).expect("list");
        let mut app = App::new(
            yomu::library::Library::default(),
            false,
            WidthOptions::default(),
            SIZE,
        );
        app.start_loading(files);
        app.poll_background();
        frame(&mut app)
    });
}

/// The whole library loaded (both cores), for comparison.
#[divan::bench(sample_count = 10)]
fn full_load_library_1000(bencher: divan::Bencher) {
    let dir = library_dir();
    bencher.bench(|| yomu::library::load_dir(dir).expect("load"));
}

/// One keypress and one frame into a fresh 80x24 buffer, on the first
/// section page (which scrolls): `Down` and `Up` in turn, so every
/// iteration moves the view on either briefing. Vertical: the same page
/// in vertical writing, `Down` and `Up` moving a column.
fn keypress(bencher: divan::Bencher, mut app: App, vertical: bool) {
    assert!(app.reader().is_some(), "reader open");
    app.update(Action::NextPage);
    if vertical {
        app.update(Action::ToggleVertical);
    }
    let scroll = |app: &App| {
        app.reader()
            .map_or(0, |r| if r.vertical { r.vcol } else { r.scroll })
    };
    frame(&mut app);
    app.update(Action::Down);
    assert_eq!(scroll(&app), 1, "the page scrolls");
    app.update(Action::Up);
    let mut down = true;
    bencher.bench_local(|| {
        app.update(if down { Action::Down } else { Action::Up });
        down = !down;
        frame(&mut app)
    });
}

#[divan::bench(sample_count = 200)]
fn frame_after_keypress_small(bencher: divan::Bencher) {
    let app = open(&[("seed.toml", yomu::samples::seed())], true);
    keypress(bencher, app, false);
}

#[divan::bench(sample_count = 200)]
fn frame_after_keypress_6mb(bencher: divan::Bencher) {
    let app = open(&[("big.toml", big())], true);
    keypress(bencher, app, false);
}

#[divan::bench(sample_count = 200)]
fn frame_after_keypress_6mb_vertical(bencher: divan::Bencher) {
    let app = open(&[("big.toml", big())], true);
    keypress(bencher, app, true);
}

/// One keypress, the frame drawn and painted: the difference from the
/// previous frame written as the bytes a terminal receives.
fn keypress_painted(bencher: divan::Bencher, mut app: App) {
    app.update(Action::NextPage);
    let mut painter = yomu::tui::paint::Painter::new(Vec::new(), SIZE.0 as u16, SIZE.1 as u16);
    painter.paint(&app, THEME).expect("paint");
    let mut down = true;
    bencher.bench_local(|| {
        app.update(if down { Action::Down } else { Action::Up });
        down = !down;
        painter.writer_mut().clear();
        painter.paint(&app, THEME).expect("paint");
        painter.writer_mut().len()
    });
}

#[divan::bench(sample_count = 200)]
fn painted_after_keypress_small(bencher: divan::Bencher) {
    let app = open(&[("seed.toml", yomu::samples::seed())], true);
    keypress_painted(bencher, app);
}

/// The address the cached article is kept under.
const ARTICLE_URL: &str = "https://headlines.yahoo.co.jp/hl?a=20170309-35097838-cnetj-sci";

/// A real Japanese news page (Yahoo!ニュース, vendored in the tests'
/// corpus) extracted once into an articles cache in a temporary folder:
/// the article's briefing TOML, the cache's folder, and a briefing whose
/// one section has that page as its source.
fn cached_article() -> &'static (String, std::path::PathBuf, String) {
    static ARTICLE: OnceLock<(String, std::path::PathBuf, String)> = OnceLock::new();
    ARTICLE.get_or_init(|| {
        let page = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/corpus/webpages/ja/yahoo-4.html"
        );
        let html = std::fs::read(page).expect("the vendored page");
        let toml = yomu::webpage::import(&html, None, Some(ARTICLE_URL)).expect("an article");
        let dir = std::env::temp_dir().join("yomu-bench-articles");
        let _ = std::fs::remove_dir_all(&dir);
        yomu::webpage::cache::ArticleCache::new(dir.clone(), 1 << 30)
            .put(ARTICLE_URL, &toml)
            .expect("cached");
        let briefing = format!(
            "title = \"朝のニュース\"\n\n[[sections]]\nheading = \"科学\"\nbody = [\"本文。\"]\n\n\
             [[sections.sources]]\nname = \"Yahoo!ニュース\"\nurl = \"{ARTICLE_URL}\"\n"
        );
        (toml, dir, briefing)
    })
}

/// `a` on a section whose source is in the articles cache: the cached
/// TOML read and parsed, the article's reader made, one frame drawn.
#[divan::bench(sample_count = 100)]
fn first_frame_cached_article(bencher: divan::Bencher) {
    let (_, dir, briefing) = cached_article();
    bencher
        .with_inputs(|| {
            let mut app = open(&[("news.toml", briefing.as_str())], true);
            app.article.cache = Some(yomu::webpage::cache::ArticleCache::new(
                dir.clone(),
                1 << 30,
            ));
            app.update(Action::NextPage);
            app
        })
        .bench_local_values(|mut app| {
            app.update(Action::ReadArticle);
            assert!(app.article.is_open());
            frame(&mut app)
        });
}

/// The same article opened as a briefing file is (`yomu FILE`, then the
/// first section, as `a` shows it): what `a` is compared with.
#[divan::bench(sample_count = 100)]
fn first_frame_article_as_briefing(bencher: divan::Bencher) {
    let (toml, _, _) = cached_article();
    bencher.bench(|| {
        let mut app = open(&[("article.toml", toml.as_str())], true);
        app.update(Action::NextPage);
        frame(&mut app)
    });
}
