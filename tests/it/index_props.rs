//! The search index gives exactly the full scan's results: on generated
//! libraries (a few files of Japanese, Latin, kana of both kinds and
//! widths, combining marks, emoji, ruby, Latin words inside Japanese) and
//! generated queries (1–6 characters, mostly taken from the text, so
//! Latin substrings inside words and queries across a change of script), the index's candidates read
//! and confirmed equal a scan of every file, with and without kana folding,
//! in the same order, including after files change, appear and go; and
//! so do the matches confirmed from the fields the index stores (as shown
//! and normalised at index time), with kana folded or not and ambiguous
//! characters narrow or wide.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use proptest::prelude::*;
use yomu::index::{Found, LibraryIndex, scan_files, scan_files_as, stamp_files};
use yomu::search::{Matches, SearchOptions, Want, prepare_query};

/// Pieces of text (no `"`, `\` or control characters: TOML-safe).
const PIECES: &[&str] = &[
    "ゼレンスキー",
    "大統領",
    "は",
    "の",
    "、",
    "「和平」",
    "カナ",
    "かな",
    "ｶﾞｽ",
    "ガス",
    "ｳｸﾗｲﾅ",
    "ウクライナ",
    "ＮＡＴＯ",
    "nato",
    "Nato",
    "ａｂｃ",
    "abc",
    " ",
    "😀",
    "🇯🇵",
    "か\u{3099}",
    "が",
    "e\u{301}",
    "é",
    "ヴ",
    "ゔ",
    "Ⅻ",
    "㌀",
    "ΣΑΣ",
    "İ",
    "﨑",
    "ﾊﾟ",
    "ー",
    "３年",
    "3年",
    "漢字《かんじ》",
    "｜東京《とうきょう》",
    "停\u{200F}戦",
    "○…",
    "Ａ",
    "leadership",
    "Ｌｅａｄｅｒ",
    "ship",
    "東京Tokyo",
    "ＴＯＫＹＯ都",
    "x",
    "2026年",
    "２０２６",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(0..PIECES.len(), 0..12)
        .prop_map(|v| v.into_iter().map(|i| PIECES[i]).collect())
}

fn briefing() -> impl Strategy<Value = String> {
    (text(), prop::collection::vec(text(), 0..3), 0..40u8).prop_map(|(title, body, kind)| {
        let title = if title.trim().is_empty() {
            "t".to_string()
        } else {
            title
        };
        let body: Vec<String> = body.iter().map(|b| format!("\"{b}\"")).collect();
        match kind {
            // Now and then a file that fails to load.
            0 => "title = ".to_string(),
            _ => format!(
                "title = \"{title}\"\n[[sections]]\nheading = \"h{kind}\"\nbody = [{}]\n",
                body.join(", ")
            ),
        }
    })
}

/// A query: characters of the text (a substring), or any pieces.
fn query(texts: &[String], pick: (usize, usize, usize), pieces: &[usize]) -> String {
    let all: Vec<char> = texts.concat().chars().collect();
    let (from, len, how) = pick;
    if how % 4 != 0 && !all.is_empty() {
        let from = from % all.len();
        let len = 1 + len % 6;
        all[from..(from + len).min(all.len())].iter().collect()
    } else {
        let q: String = pieces.iter().map(|&i| PIECES[i % PIECES.len()]).collect();
        q.chars().take(1 + len % 4).collect()
    }
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("yomu-index-props-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(d.join("lib")).expect("temp dir");
    d
}

/// Write a file dated an hour ago (a file modified in the last seconds is
/// never trusted to the index, which would make the test pass trivially).
fn write_old(path: &Path, text: &str, age_s: u64) {
    std::fs::write(path, text).expect("write");
    let f = std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open");
    f.set_modified(SystemTime::now() - Duration::from_secs(age_s))
        .expect("set mtime");
}

/// What a user sees of a search: each file with its matches, in order.
fn seen(found: &[Found]) -> Vec<(PathBuf, bool, Matches)> {
    found
        .iter()
        .map(|f| (f.path.clone(), f.result.is_ok(), f.matches.clone()))
        .collect()
}

/// What `yomu search -c` shows of a search: each file with its count.
fn counted(found: &[Found]) -> Vec<(PathBuf, bool, usize)> {
    found
        .iter()
        .map(|f| (f.path.clone(), f.result.is_ok(), f.count))
        .collect()
}

/// The counts and the files (`-c`, `-l`) of a search, from its full form.
fn cut(found: &[Found], want: Want) -> Vec<(PathBuf, bool, usize)> {
    found
        .iter()
        .map(|f| {
            let n = match want {
                Want::Any => usize::from(!f.matches.is_empty()),
                _ => f.matches.match_count(),
            };
            (f.path.clone(), f.result.is_ok(), n)
        })
        .collect()
}

fn compare(idx: &LibraryIndex, lib: &Path, q: &str) -> Result<(), TestCaseError> {
    let files = yomu::library::briefing_files(lib).expect("list");
    let stamps = stamp_files(&files);
    // The index keeps each field normalised without kana folding; kana
    // folded, or ambiguous characters drawn wide, must still give the scan.
    for (kana_insensitive, ambiguous_wide) in [(false, false), (true, false), (false, true)] {
        let opts = SearchOptions {
            kana_insensitive,
            widths: yomu::text::WidthOptions { ambiguous_wide },
        };
        let Some(prepared) = prepare_query(q, opts) else {
            continue;
        };
        let cands = idx
            .candidates(&prepared, opts, &stamps)
            .expect("candidates");
        let full = scan_files(&files, &prepared, opts);
        prop_assert_eq!(
            seen(&scan_files(&cands, &prepared, opts)),
            seen(&full),
            "query {:?} kana {}",
            q,
            kana_insensitive
        );
        // Confirmed from the stored fields where the index holds the file
        // as it is, read from disk elsewhere: still the scan.
        let searched = idx.search(&prepared, opts, &stamps).expect("search");
        prop_assert_eq!(
            seen(&searched.found),
            seen(&full),
            "stored: query {:?} kana {}",
            q,
            kana_insensitive
        );
        prop_assert_eq!(counted(&full), cut(&full, Want::Lines));
        // A count, and only the files (proven by the index alone for a
        // query of one or two characters): still the scan, cut down.
        for want in [Want::Count, Want::Any] {
            let scanned = scan_files_as(&files, &prepared, opts, want);
            prop_assert_eq!(
                counted(&scanned),
                cut(&full, want),
                "scan {:?} {:?}",
                q,
                want
            );
            let searched = idx
                .search_as(&prepared, opts, want, &stamps)
                .expect("search");
            prop_assert_eq!(
                counted(&searched.found),
                cut(&full, want),
                "stored: query {:?} kana {} {:?}",
                q,
                kana_insensitive,
                want
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn index_search_is_the_full_scan(
        files in prop::collection::vec(briefing(), 1..6),
        picks in prop::collection::vec((any::<usize>(), any::<usize>(), any::<usize>()), 4),
        pieces in prop::collection::vec(any::<usize>(), 1..4),
        edit in briefing(),
    ) {
        let dir = temp("case");
        let lib = dir.join("lib");
        for (i, f) in files.iter().enumerate() {
            write_old(&lib.join(format!("f{i}.toml")), f, 3600);
        }
        let mut idx = LibraryIndex::open_at(&dir.join("index")).expect("open");
        let stamps = stamp_files(&yomu::library::briefing_files(&lib).expect("list"));
        idx.update(&stamps, &mut |_, _| {}).expect("update");
        let mut texts = files.clone();
        for (n, &pick) in picks.iter().enumerate() {
            // Halfway: one file changed (not re-indexed), one added, one gone.
            if n == 2 {
                write_old(&lib.join("f0.toml"), &edit, 1800);
                write_old(&lib.join("new.toml"), &edit, 1800);
                if files.len() > 1 {
                    let _ = std::fs::remove_file(lib.join("f1.toml"));
                }
                texts.push(edit.clone());
            }
            compare(&idx, &lib, &query(&texts, pick, &pieces))?;
        }
        // Brought up to date, still the same.
        let stamps = stamp_files(&yomu::library::briefing_files(&lib).expect("list"));
        idx.update(&stamps, &mut |_, _| {}).expect("update");
        compare(&idx, &lib, &query(&texts, picks[0], &pieces))?;
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// The cases the index's terms must not lose, each compared with the scan:
/// a Latin substring inside a word, one character (kanji, kana, Latin, a
/// field's last character, a character only in a one-character field),
/// queries across a CJK/Latin boundary, kana folded, fullwidth forms, and
/// a query whose bigrams are all in a file but never together.
#[test]
fn named_cases_are_the_full_scan() {
    let dir = temp("named");
    let lib = dir.join("lib");
    let files = [
        (
            "a",
            "title = \"Leadership in 東京Tokyo\"\n[[sections]]\nheading = \"x\"\nbody = [\"ウクライナのＮＡＴＯ加盟、２０２６年\"]\n",
        ),
        (
            "b",
            "title = \"ship\"\n[[sections]]\nheading = \"京都\"\nbody = [\"東京\", \"ｳｸﾗｲﾅ\", \"Q\"]\n",
        ),
        (
            "c",
            "title = \"京都と東京の都\"\n[[sections]]\nheading = \"東の京\"\n",
        ),
        (
            "d",
            "title = \"ｌｅａｄｅｒｓｈｉｐ\"\n[[sections]]\nheading = \"ﾊﾟﾝ\"\n",
        ),
        ("e", "title = "),
    ];
    for (name, text) in files {
        write_old(&lib.join(format!("{name}.toml")), text, 3600);
    }
    let mut idx = LibraryIndex::open_at(&dir.join("index")).expect("open");
    let stamps = stamp_files(&yomu::library::briefing_files(&lib).expect("list"));
    idx.update(&stamps, &mut |_, _| {}).expect("update");
    for q in [
        "ship",
        "SHIP",
        "ｓｈｉｐ",
        "eaders",
        "lead",
        "p",
        "L",
        "Q",
        "q",
        "x",
        "京",
        "都",
        "の",
        "東京",
        "東京都",
        "京T",
        "京to",
        "ｏ",
        "ＮＡＴＯ",
        "nato加盟",
        "o加",
        "うくらいな",
        "ウクライナ",
        "ｳｸﾗｲﾅ",
        "2026年",
        "２０２６",
        "6年",
        "パン",
        "ﾊﾟ",
        "ン",
        "東の京",
        "京東",
        "加",
        "盟、",
        "、",
        "zz",
        "😀",
    ] {
        compare(&idx, &lib, q).unwrap_or_else(|e| panic!("{q}: {e}"));
    }
    // And the index does narrow: a word nowhere, only the broken file; a
    // Latin substring, the files with its letters side by side.
    let names = |q: &str| -> Vec<String> {
        idx.candidates(q, SearchOptions::default(), &stamps)
            .expect("candidates")
            .iter()
            .filter_map(|p| p.file_stem())
            .map(|n| n.to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(names("zz"), ["e"]);
    assert_eq!(names("ship"), ["a", "b", "d", "e"]);
    assert_eq!(names("q"), ["b", "e"]);
    let _ = std::fs::remove_dir_all(&dir);
}
