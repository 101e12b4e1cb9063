//! The full scan (`yomu search --no-index`, a small library) reads only
//! what a search needs and still gives the results of loading every file
//! in full: on generated libraries whose files hold escapes, readings,
//! notes, fullwidth forms, sources and broken files of every kind (bad
//! TOML, unknown keys, wrong types, bad addresses, bytes that are not
//! UTF-8), every match of a generated query is found, in the same order,
//! and a broken file is reported exactly when its bytes do not prove that
//! it cannot match (a search reports matches; `yomu check` reports broken
//! files).

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use yomu::briefing::{Briefing, load_file};
use yomu::index::{scan_files, scan_files_as};
use yomu::search::prefilter::cannot_match;
use yomu::search::{Matches, SearchOptions, Want, prepare_query, search_briefing};

/// Pieces of TOML basic-string content: plain Japanese and Latin text,
/// escapes, readings, notes, fullwidth and halfwidth forms.
const PIECES: &[&str] = &[
    "政府",
    "の",
    "、",
    "。",
    "「和平」",
    "カナ",
    "かな",
    "NATO",
    "nato",
    "ＮＡＴＯ",
    "（５０％）",
    "(50%)",
    "５０",
    "50",
    " ",
    "\\u653F",
    "\\n",
    "\\\\",
    "\\t",
    "漢字《かんじ》",
    "｜東京《とうきょう》",
    "［＃「政府」に傍点］",
    "停\u{200F}戦",
    "ｶﾞｽ",
    "ガス",
    "㍻",
    "〜",
    "ー",
    "e\u{301}",
    "😀",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(0..PIECES.len(), 0..10)
        .prop_map(|v| v.into_iter().map(|i| PIECES[i]).collect())
}

/// A file: a briefing with a title, a summary, tags, sections with bodies
/// and a source, or now and then one broken in one of several ways, some
/// of them holding the same text as a good one would.
fn file() -> impl Strategy<Value = Vec<u8>> {
    (
        text(),
        text(),
        prop::collection::vec(text(), 0..3),
        text(),
        0..24u8,
    )
        .prop_map(|(title, summary, body, source, kind)| {
            let title = if title.trim().is_empty() {
                "t".to_string()
            } else {
                title
            };
            let body: Vec<String> = body.iter().map(|b| format!("\"{b}\"")).collect();
            let good = format!(
                "title = \"{title}\"\nsummary = \"{summary}\"\ntags = [\"{source}\"]\n\
                 [[sections]]\nheading = \"h{kind}\"\nbody = [{}]\n\
                 [[sections.sources]]\nname = \"{source}\"\nurl = \"https://example.com/{kind}\"\n",
                body.join(", ")
            );
            match kind {
                0 => "title = \n".into(),
                1 => format!("{good}\nunknown_key = \"{title}\"\n").into_bytes(),
                2 => good.replace("tags = [", "tags = 1\nx = [").into_bytes(),
                3 => good.replace("https://example.com/", "ftp:").into_bytes(),
                4 => format!("title = \"{title}\nbody = \"{summary}\"\n").into_bytes(),
                5 => {
                    let mut b = good.into_bytes();
                    b.extend_from_slice(b"\n# \xff\xfe\n");
                    b
                }
                6 => good.replace("[[sections]]", "[[section]]").into_bytes(),
                _ => good.into_bytes(),
            }
        })
}

/// A query: characters of the files (a substring), or any pieces.
fn query(texts: &[Vec<u8>], pick: (usize, usize, bool), pieces: &[usize]) -> String {
    let all: Vec<char> = texts
        .iter()
        .map(|t| String::from_utf8_lossy(t).into_owned())
        .collect::<String>()
        .chars()
        .collect();
    let (from, len, substring) = pick;
    if substring && !all.is_empty() {
        let from = from % all.len();
        all[from..(from + 1 + len % 4).min(all.len())]
            .iter()
            .collect()
    } else {
        let q: String = pieces.iter().map(|&i| PIECES[i % PIECES.len()]).collect();
        q.chars().take(1 + len % 4).collect()
    }
}

/// What a user sees of a search: each file with its matches, in order.
type Seen = Vec<(PathBuf, bool, Matches)>;

/// The search as it was before the scan read only what it needs: every
/// file loaded and validated in full, and searched when it loaded; a
/// file that failed reported unless its bytes are text that proves it
/// cannot match.
fn loaded_in_full(files: &[PathBuf], query: &str, opts: SearchOptions) -> Seen {
    let mut found: Vec<(PathBuf, Option<Briefing>, Matches)> = Vec::new();
    for path in files {
        match load_file(path) {
            Ok(l) => {
                let m = search_briefing(&l.briefing, query, opts);
                if !m.is_empty() {
                    found.push((path.clone(), Some(l.briefing), m));
                }
            }
            Err(_) => {
                let proved = std::fs::read(path)
                    .ok()
                    .and_then(|b| String::from_utf8(b).ok())
                    .is_some_and(|t| cannot_match(&t, query, opts));
                if !proved {
                    found.push((path.clone(), None, Matches::default()));
                }
            }
        }
    }
    found.sort_by(|a, b| yomu::library::order((&a.0, a.1.as_ref()), (&b.0, b.1.as_ref())));
    found
        .into_iter()
        .map(|(p, b, m)| (p, b.is_some(), m))
        .collect()
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("yomu-scan-props-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn write_all(dir: &Path, files: &[Vec<u8>]) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let p = dir.join(format!("f{i}.toml"));
            std::fs::write(&p, f).expect("write");
            p
        })
        .collect();
    paths.sort();
    paths
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn the_scan_gives_what_loading_every_file_gives(
        files in prop::collection::vec(file(), 1..8),
        picks in prop::collection::vec((any::<usize>(), any::<usize>(), any::<bool>()), 3),
        pieces in prop::collection::vec(any::<usize>(), 1..4),
    ) {
        let dir = temp("case");
        let paths = write_all(&dir, &files);
        for &pick in &picks {
            let q = query(&files, pick, &pieces);
            for kana_insensitive in [false, true] {
                let opts = SearchOptions { kana_insensitive, ..SearchOptions::default() };
                let Some(prepared) = prepare_query(&q, opts) else { continue };
                let scanned: Seen = scan_files(&paths, &prepared, opts)
                    .into_iter()
                    .map(|f| (f.path, f.result.is_ok(), f.matches))
                    .collect();
                let full = loaded_in_full(&paths, &prepared, opts);
                // `-c` and `-l`: the counts and files of the same search.
                for want in [Want::Count, Want::Any] {
                    let counted: Vec<(PathBuf, bool, usize)> =
                        scan_files_as(&paths, &prepared, opts, want)
                            .into_iter()
                            .map(|f| (f.path, f.result.is_ok(), f.count))
                            .collect();
                    let cut: Vec<(PathBuf, bool, usize)> = full
                        .iter()
                        .map(|(p, ok, m)| {
                            let n = if want == Want::Any { usize::from(!m.is_empty()) } else { m.match_count() };
                            (p.clone(), *ok, n)
                        })
                        .collect();
                    prop_assert_eq!(counted, cut, "query {:?} kana {} {:?}", q, kana_insensitive, want);
                }
                prop_assert_eq!(
                    scanned,
                    full,
                    "query {:?} kana {}",
                    q,
                    kana_insensitive
                );
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// The cases the property above draws only now and then, each once: a
/// broken file whose bytes hold the query is reported, one whose bytes
/// prove it cannot match is not, and a file that is not UTF-8 (no proof
/// can be made from its bytes) is reported whatever is asked.
#[test]
fn broken_files_are_reported_when_they_could_match() {
    let dir = temp("broken");
    let files: Vec<Vec<u8>> = vec![
        b"title = \"\xe5\x92\x8c\xe5\xb9\xb3\n".to_vec(),
        b"title = \"no match here\"\nunknown = 1\n".to_vec(),
        b"title = \"\xff\"\n".to_vec(),
        "title = \"\\u548C平\"\n[[sections]]\nheading = \"h\"\n"
            .as_bytes()
            .to_vec(),
    ];
    let paths = write_all(&dir, &files);
    let opts = SearchOptions::default();
    let q = prepare_query("和平", opts).expect("query");
    let found = scan_files(&paths, &q, opts);
    let seen: Vec<(String, bool)> = found
        .iter()
        .map(|f| {
            let name = f.path.file_name().map(|n| n.to_string_lossy().into_owned());
            (name.unwrap_or_default(), f.result.is_ok())
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("f3.toml".to_string(), true),
            ("f0.toml".to_string(), false),
            ("f2.toml".to_string(), false),
        ]
    );
    let _ = std::fs::remove_dir_all(&dir);
}
