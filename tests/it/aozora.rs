//! Aozora Bunko files in: `yomu import` on real works (羅生門, 坊っちゃん,
//! 銀河鉄道の夜, vendored as Aozora Bunko publishes them, Shift_JIS with
//! CRLF; see tests/corpus/aozora/README.md), over a local HTTP server too,
//! and the briefings they become checked by `yomu check` and read back.

use crate::common::http::{Reply, Server};
use std::path::PathBuf;

use crate::common::{Run, TempDir, yomu};

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/aozora")
        .join(name)
}

/// `yomu import FILE -o OUT` in `dir`, checked, and the briefing read back.
fn import(dir: &TempDir, source: &str, out: &str) -> yomu::briefing::Briefing {
    let mut c = yomu();
    c.current_dir(dir.path())
        .args(["import", source, "-o", out]);
    Run::of(c).exit(0);
    let mut c = yomu();
    c.current_dir(dir.path()).args(["check", out]);
    Run::of(c).exit(0);
    let toml = std::fs::read_to_string(dir.join(out)).unwrap();
    yomu::briefing::parse_str(out, &toml).unwrap().briefing
}

fn headings(b: &yomu::briefing::Briefing) -> Vec<&str> {
    b.sections.iter().map(|s| s.heading.as_str()).collect()
}

/// How many readings a text holds, in yomu's own parser, notes applied.
fn readings(b: &yomu::briefing::Briefing) -> usize {
    b.sections
        .iter()
        .flat_map(|s| std::iter::once(&s.heading).chain(&s.body))
        .map(|t| yomu::text::ruby::parse(&yomu::text::notes::apply(t).text).len())
        .sum()
}

#[test]
fn rashomon_becomes_a_briefing_with_its_colophon_last() {
    let dir = TempDir::new("aozora-rashomon");
    let src = corpus("rashomon.txt");
    let b = import(&dir, src.to_str().unwrap(), "rashomon.toml");
    assert_eq!(b.title, "羅生門");
    assert_eq!(b.subtitle.as_deref(), Some("芥川龍之介"));
    assert_eq!(b.language.as_deref(), Some("ja"));
    assert_eq!(b.published.unwrap().rfc3339(), "1997-10-29");
    assert_eq!(headings(&b), ["羅生門", "底本"]);
    let body = &b.sections[0].body;
    // Paragraphs are the source's lines, with their leading indent; the
    // legend is not part of the work.
    assert_eq!(
        body[0],
        "　ある日の暮方の事である。一人の下人《げにん》が、羅生門《らしょうもん》の下で雨やみを待っていた。"
    );
    assert!(body.iter().all(|p| !p.contains("テキスト中に現れる記号")));
    assert_eq!(body.last().unwrap(), "［＃地から１字上げ］（大正四年九月）");
    // Gaiji notes are kept for the format to resolve, with the reading after them.
    assert!(
        body.iter()
            .any(|p| p.contains("無理にそこへ※［＃「てへん＋丑」、第4水準2-12-93］《ね》じ倒した"))
    );
    // Every ruby of the work is kept: the 129 `《…》` of its text (the
    // legend's examples aside), the three after a gaiji note with them.
    assert_eq!(readings(&b), 129);
    let colophon = &b.sections[1].body;
    assert!(colophon[0].starts_with(
        "底本：「芥川龍之介全集1」ちくま文庫、筑摩書房\n1986（昭和61）年9月24日第1刷発行"
    ));
    assert!(colophon.iter().any(|l| l == "校正：もりみつじゅんじ"));
}

#[test]
fn chapters_come_from_heading_notes() {
    let dir = TempDir::new("aozora-chapters");
    let b = import(
        &dir,
        corpus("gingatetsudo.txt").to_str().unwrap(),
        "ginga.toml",
    );
    assert_eq!(
        (b.title.as_str(), b.subtitle.as_deref()),
        ("銀河鉄道の夜", Some("宮沢賢治"))
    );
    assert_eq!(
        headings(&b),
        [
            "一、午后《ごご》の授業",
            "二、活版所",
            "三、家",
            "四、ケンタウル祭の夜",
            "五、天気輪《てんきりん》の柱",
            "六、銀河ステーション",
            "七、北十字とプリオシン海岸",
            "八、鳥を捕《と》る人",
            "九、ジョバンニの切符《きっぷ》",
            "底本"
        ]
    );
    assert!(
        b.sections[0].body[0].starts_with("「ではみなさんは、そういうふうに川だと云《い》われたり")
    );
    let b = import(
        &dir,
        corpus("botchan.txt").to_str().unwrap(),
        "botchan.toml",
    );
    let kanji = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "底本",
    ];
    assert_eq!(headings(&b), kanji);
    // Emphasis notes stay in the text, where the format draws them.
    assert!(
        b.sections
            .iter()
            .flat_map(|s| &s.body)
            .any(|p| p.contains("なもし［＃「なもし」に傍点］"))
    );
    assert_eq!(
        b.sections.last().unwrap().body.last().unwrap(),
        "このファイルは、インターネットの図書館、青空文庫（http://www.aozora.gr.jp/）で作られました。入力、校正、制作にあたったのは、ボランティアの皆さんです。"
    );
}

#[test]
fn utf8_copies_import_the_same() {
    let dir = TempDir::new("aozora-utf8");
    let sjis = std::fs::read(corpus("rashomon.txt")).unwrap();
    let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&sjis);
    assert!(!bad);
    dir.write("rashomon-utf8.txt", text.as_bytes());
    let a = import(&dir, corpus("rashomon.txt").to_str().unwrap(), "a.toml");
    let b = import(&dir, "rashomon-utf8.txt", "b.toml");
    assert_eq!(a, b);
}

#[test]
fn an_aozora_file_over_http_names_its_source() {
    let body = std::fs::read(corpus("rashomon.txt")).unwrap();
    let server = Server::start(move |_| Reply::ok("text/plain", body.clone()));
    let dir = TempDir::new("aozora-http");
    let url = server.url("/cards/000879/files/127_ruby_150.txt");
    let b = import(&dir, &url, "r.toml");
    let seen: Vec<String> = server
        .hits
        .lock()
        .unwrap()
        .iter()
        .map(|h| h.path.clone())
        .collect();
    assert_eq!(seen, ["/cards/000879/files/127_ruby_150.txt"]);
    let colophon = b.sections.last().unwrap();
    assert_eq!(colophon.sources.len(), 1);
    assert_eq!(colophon.sources[0].name, "青空文庫");
    assert_eq!(colophon.sources[0].url, url);
}

#[test]
fn a_file_that_is_no_work_is_refused_with_a_reason() {
    let dir = TempDir::new("aozora-empty");
    dir.write("empty.txt", "\n\n底本：\n");
    let mut c = yomu();
    c.current_dir(dir.path()).args(["import", "empty.txt"]);
    Run::of(c)
        .exit(1)
        .says(&["empty.txt: the Aozora Bunko file has no title or no text"]);
}
