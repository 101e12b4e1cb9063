//! The exports stay byte for byte what they are: every sample briefing
//! (each file of `briefings/`, the folder as a library, and the samples
//! built into the binary), the good corpus and an Aozora Bunko work as
//! `yomu import` makes it are exported by the real binary as text (at
//! widths 80 and 40), Markdown, JSON and vertical text, and each output is
//! compared with its golden file in `tests/golden/export/`.
//!
//! A change to an export that is meant: run
//! `YOMU_BLESS=1 cargo test --test it export_golden`, which writes the
//! golden files anew from the binary (and removes those no case makes any
//! more), then read `git diff tests/golden` before committing it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::common::{TempDir, yomu};

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/export");

/// Each export: the golden file's suffix and the arguments before the path.
const FORMATS: &[(&str, &[&str])] = &[
    ("txt", &["export"]),
    ("w40.txt", &["export", "--width", "40"]),
    ("md", &["export", "--format", "markdown"]),
    ("json", &["export", "--format", "json"]),
    ("vertical.txt", &["export", "--vertical"]),
];

/// What to export: a name for its golden files, the path given to `yomu
/// export` (none: the default library), and the folder it runs in.
struct Source {
    name: String,
    path: Option<String>,
    cwd: PathBuf,
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `*.toml` files of a folder of the repository, by name.
fn toml_files(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo().join(dir))
        .expect("folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    names
}

/// One export of `source`, checked to succeed.
fn export(source: &Source, args: &[&str]) -> Vec<u8> {
    let mut cmd = yomu();
    cmd.current_dir(&source.cwd).args(args);
    if let Some(p) = &source.path {
        cmd.arg(p);
    }
    for v in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TERM"] {
        cmd.env_remove(v);
    }
    let out = cmd.output().expect("yomu runs");
    assert!(
        out.status.success(),
        "yomu {args:?} {:?} failed: {}",
        source.path,
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Where the first difference is, as a person would look for it.
fn first_difference(want: &[u8], got: &[u8]) -> String {
    let (w, g) = (String::from_utf8_lossy(want), String::from_utf8_lossy(got));
    for (i, (a, b)) in w.lines().zip(g.lines()).enumerate() {
        if a != b {
            return format!("line {}:\n  golden: {a:?}\n  now:    {b:?}", i + 1);
        }
    }
    format!(
        "{} lines in the golden file, {} now",
        w.lines().count(),
        g.lines().count()
    )
}

#[test]
fn every_sample_exports_byte_for_byte_as_its_golden_file() {
    let repo = repo();
    let mut sources = Vec::new();
    for dir in ["briefings", "tests/corpus/good"] {
        for name in toml_files(dir) {
            sources.push(Source {
                name: name.trim_end_matches(".toml").to_string(),
                path: Some(format!("{dir}/{name}")),
                cwd: repo.clone(),
            });
        }
    }
    sources.push(Source {
        name: "library-briefings".into(),
        path: Some("briefings".into()),
        cwd: repo.clone(),
    });
    // No path, no ./briefings, no synced library: the built-in samples.
    let empty = TempDir::new("golden-empty");
    sources.push(Source {
        name: "built-in-samples".into(),
        path: None,
        cwd: empty.path().to_path_buf(),
    });
    // An Aozora Bunko work as `yomu import` writes it.
    let aozora = TempDir::new("golden-aozora");
    let import = yomu()
        .current_dir(aozora.path())
        .args(["import", "-o", "rashomon.toml"])
        .arg(repo.join("tests/corpus/aozora/rashomon.txt"))
        .output()
        .expect("yomu runs");
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    sources.push(Source {
        name: "aozora-rashomon".into(),
        path: Some("rashomon.toml".into()),
        cwd: aozora.path().to_path_buf(),
    });

    let bless = std::env::var_os("YOMU_BLESS").is_some_and(|v| v != "0");
    let golden = Path::new(GOLDEN);
    if bless {
        std::fs::create_dir_all(golden).expect("golden folder");
    }
    let mut made = BTreeSet::new();
    let mut differ = Vec::new();
    for source in &sources {
        for (suffix, args) in FORMATS {
            let file = format!("{}.{suffix}", source.name);
            let got = export(source, args);
            assert!(!got.is_empty(), "{file}: empty export");
            let path = golden.join(&file);
            if bless {
                std::fs::write(&path, &got).expect("write golden file");
            } else {
                match std::fs::read(&path) {
                    Ok(want) if want == got => {}
                    Ok(want) => differ.push(format!("{file}: {}", first_difference(&want, &got))),
                    Err(e) => differ.push(format!("{file}: no golden file ({e})")),
                }
            }
            made.insert(file);
        }
    }
    // Every golden file belongs to a case: none is left behind unchecked.
    let on_disk: BTreeSet<String> = std::fs::read_dir(golden)
        .expect("tests/golden/export")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for stale in on_disk.difference(&made) {
        if bless {
            std::fs::remove_file(golden.join(stale)).expect("remove stale golden file");
        } else {
            differ.push(format!("{stale}: a golden file no case makes"));
        }
    }
    assert!(
        differ.is_empty(),
        "{} export(s) differ from tests/golden/export (if the change is meant: \
         YOMU_BLESS=1 cargo test --test it export_golden, then read git diff):\n{}",
        differ.len(),
        differ.join("\n")
    );
}
