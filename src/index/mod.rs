//! A persistent full-text index of a folder of briefings (tantivy), so a
//! search over 100,000 files reads only the files that may match.
//!
//! The index narrows, the matcher decides: [`LibraryIndex::candidates`]
//! gives every file whose indexed text may contain the query (a superset of
//! the matches), plus every file changed since it was indexed; the existing
//! matcher ([`crate::search::search_briefing`]) then reads and confirms
//! them, so results are exactly those of a full scan ([`search_dir`]).
//!
//! Freshness: a file counts as unchanged when its size and modification
//! time are those recorded when it was indexed; anything else (new,
//! changed, removed, or modified within two seconds of being indexed) is
//! never trusted to the index. [`LibraryIndex::update`] brings the index up
//! to date incrementally; a digest of all the stamps, kept with each
//! commit, makes "nothing changed" one comparison.
//!
//! Inside: [`stamp`] (file stamps and the digest), [`tokens`] (the text
//! indexed and the tokenizer that cuts it), [`store`] (where the index
//! lives, versions, creation that survives being killed), `query` (a query
//! as the terms it needs), `files` (reading and confirming candidates),
//! `update` (bringing the index up to date with a folder).

mod doc_text;
mod files;
mod guard;
mod intake;
mod query;
mod safe_dir;
pub mod stamp;
pub mod store;
mod stored;
pub mod tokens;
mod update;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use tantivy::collector::DocSetCollector;
use tantivy::schema::Value;
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

pub use crate::folder::{FileStamp, list_folder, stamp_files};
pub use files::{
    Found, Head, in_library_order, scan_files, scan_files_as, search_dir, search_dir_as,
};
pub use guard::contained;
use stamp::{Digest, digest_of, path_bytes};
use store::{Fields, RACY};
pub use stored::{Stored, decode as decode_stored, encode as encode_stored};

use crate::search::{SearchOptions, Want};

/// Why the index could not be used (a search then reads every file).
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("no cache folder for the search index: set XDG_CACHE_HOME or HOME")]
    NoCache,
    #[error("search index {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("search index {}: {source}", .path.display())]
    Tantivy {
        path: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },
    /// Another yomu is updating this index; it stays as it was committed.
    #[error("search index {}: another yomu is updating it", .path.display())]
    Busy { path: PathBuf },
    /// Tantivy panicked while using the index (a damaged file its
    /// checksums did not catch): the index is made anew next time.
    #[error("search index {}: damaged ({message}); it will be made anew", .path.display())]
    Panicked { path: PathBuf, message: String },
    /// The cache's disk has too little room to index what is new: the
    /// index is left as committed (what it lacks is read from the files).
    #[error(
        "search index {}: the disk has {} free, {} are needed to index the rest",
        .path.display(),
        size_text(*.free),
        size_text(*.need)
    )]
    NoRoom { path: PathBuf, need: u64, free: u64 },
}

impl IndexError {
    /// Whether the index is damaged (as opposed to busy, full or missing):
    /// worth a warning even in a pipe, since the index will be rebuilt.
    pub fn is_damage(&self) -> bool {
        matches!(self, IndexError::Panicked { .. })
    }
}

/// A size in MiB, for messages.
fn size_text(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// The debug trace (`YOMU_LOG=debug` on stderr; nothing by default): why an
/// index was rebuilt, or what an update did.
pub(crate) fn trace(at: &Path, what: &str) {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let on = *ON.get_or_init(|| {
        std::env::var("YOMU_LOG").is_ok_and(|v| {
            v.split(',')
                .any(|l| l.eq_ignore_ascii_case("debug") || l.eq_ignore_ascii_case("trace"))
        })
    });
    if on {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "yomu: debug: index {}: {}",
            crate::briefing::display_path(at),
            crate::text::sanitize_line(what)
        );
    }
}

/// Candidates confirmed together on one core, in the store's order.
const STORE_RUN: usize = 64;

/// The indexed documents that may match a query, by path (with the files
/// that failed to load), the searcher they come from, and the digest of
/// its commit (`None` when it is not known to be that of the searcher).
pub(crate) type Hits = (
    tantivy::Searcher,
    Option<Digest>,
    HashMap<Vec<u8>, DocAddress>,
);

/// What [`LibraryIndex::search`] found, and what it cost.
#[derive(Debug)]
pub struct Searched {
    /// As [`scan_files`] gives them.
    pub found: Vec<Found>,
    /// Files the index named (or could not vouch for).
    pub candidates: usize,
    /// Of those, the files read from disk.
    pub from_disk: usize,
    /// Of those, the files the index alone proved to match (their fields
    /// were not read).
    pub proven: usize,
}

/// What [`LibraryIndex::update`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpdateStats {
    /// Files indexed that were not.
    pub added: usize,
    /// Files indexed again because they changed.
    pub changed: usize,
    /// Files dropped from the index because they are gone.
    pub removed: usize,
}

/// The index of one folder.
pub struct LibraryIndex {
    at: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    created: bool,
    /// Build with half the cores ([`LibraryIndex::in_background`]).
    background: bool,
}

impl std::fmt::Debug for LibraryIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LibraryIndex")
            .field("at", &self.at)
            .finish()
    }
}

/// Documents per commit while building: what a killed build keeps.
const COMMIT_EVERY: usize = 20_000;
/// Memory for each of tantivy's indexing threads (tantivy wants at least
/// 15 MB; the arena grows to this as it is used); half of it for a build
/// in the background.
const MEMORY_PER_THREAD: usize = 48 * 1024 * 1024;
/// At most this many indexing threads (each with [`MEMORY_PER_THREAD`]).
const MAX_INDEX_THREADS: usize = 4;
/// Files modified this recently (ns) are recorded as [`RACY`].
const RACY_NS: i64 = 2_000_000_000;

impl LibraryIndex {
    /// The index of folder `dir`, in `$XDG_CACHE_HOME/yomu/index/<key of
    /// canonical dir>/`; made anew (silently) when missing, corrupt or from
    /// another version.
    pub fn open(dir: &Path) -> Result<LibraryIndex, IndexError> {
        let canonical = std::fs::canonicalize(dir).map_err(|e| IndexError::Io {
            path: dir.to_path_buf(),
            source: e,
        })?;
        Self::open_at(&store::location(&canonical)?)
    }

    /// The index stored in folder `at` (made anew when unusable: missing,
    /// of another version, unreadable, or failing its checksums).
    pub fn open_at(at: &Path) -> Result<LibraryIndex, IndexError> {
        guard::contain(at, || {
            let why = match store::open_existing(at) {
                Ok(index) => match Self::with(at, index) {
                    Ok(me) => return Ok(me),
                    Err(e) => format!("no reader ({e})"),
                },
                Err(why) => why,
            };
            if std::fs::symlink_metadata(at).is_ok() {
                trace(at, &format!("rebuilt from nothing: {why}"));
            } else {
                trace(at, "built from nothing: there was no index");
            }
            let mut me = Self::with(at, store::create(at)?)?;
            me.created = true;
            Ok(me)
        })
    }

    fn with(at: &Path, index: Index) -> Result<LibraryIndex, IndexError> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| tantivy_error(at, e))?;
        Ok(LibraryIndex {
            at: at.to_path_buf(),
            index,
            reader,
            fields: store::schema().1,
            created: false,
            background: false,
        })
    }

    /// Where the index is stored.
    pub fn location(&self) -> &Path {
        &self.at
    }

    /// Whether the index was made anew when opened or since (it was
    /// missing, unreadable, of another version, or found corrupt).
    pub fn created(&self) -> bool {
        self.created
    }

    /// Replace the index by an empty one (for a corrupt index).
    pub fn rebuild(&mut self) -> Result<(), IndexError> {
        trace(
            &self.at,
            "rebuilt from nothing: tantivy reported it corrupt",
        );
        let background = self.background;
        *self = Self::with(&self.at, store::create(&self.at)?)?;
        self.created = true;
        self.background = background;
        Ok(())
    }

    /// Index with half the cores (at least one indexing thread and one
    /// reader), and so half tantivy's memory: for the reader, whose
    /// window must keep answering while a first build runs for seconds
    /// behind it. A search the person waits for uses every core.
    pub fn in_background(mut self) -> LibraryIndex {
        self.background = true;
        self
    }

    /// What each indexing thread may hold before it writes a segment: half
    /// in the background.
    fn memory_per_thread(&self) -> usize {
        if self.background {
            MEMORY_PER_THREAD / 2
        } else {
            MEMORY_PER_THREAD
        }
    }

    /// The threads reading files and the threads indexing them.
    fn threads(&self) -> (usize, usize) {
        let all = crate::parallel::workers();
        let share = if self.background {
            (all / 2).max(1)
        } else {
            all
        };
        (share, share.min(MAX_INDEX_THREADS))
    }

    /// The digest recorded with the last commit, if it was a complete one.
    fn committed_digest(&self) -> Option<Digest> {
        let metas = self.index.load_metas().ok()?;
        Digest::from_text(metas.payload.as_deref()?)
    }

    /// Every indexed path with its recorded (size, time).
    fn manifest(
        &self,
        searcher: &tantivy::Searcher,
    ) -> Result<HashMap<Vec<u8>, (u64, i64)>, IndexError> {
        let mut out = HashMap::new();
        let err = |e: std::io::Error| IndexError::Io {
            path: self.at.clone(),
            source: e,
        };
        for seg in searcher.segment_readers() {
            let ff = seg.fast_fields();
            let Some(paths) = ff.bytes("path").map_err(|e| tantivy_error(&self.at, e))? else {
                continue;
            };
            let sizes = ff.u64("size").map_err(|e| tantivy_error(&self.at, e))?;
            let times = ff.i64("mtime").map_err(|e| tantivy_error(&self.at, e))?;
            let mut names = Vec::with_capacity(paths.num_terms());
            let mut stream = paths.dictionary().stream().map_err(err)?;
            while stream.advance() {
                names.push(stream.key().to_vec());
            }
            for doc in seg.doc_ids_alive() {
                let Some(ord) = paths.ords().first(doc) else {
                    continue;
                };
                let Some(name) = names.get(ord as usize) else {
                    continue;
                };
                let size = sizes.first(doc).unwrap_or(0);
                let time = times.first(doc).unwrap_or(RACY);
                out.insert(name.clone(), (size, time));
            }
        }
        Ok(out)
    }

    /// Paths whose text may match `query` under `opts` (a superset of the
    /// true matches among files indexed and unchanged), plus every file of
    /// `files` that is not indexed, changed since, or failed to load (all
    /// must be read); only paths of `files`, sorted.
    pub fn candidates(
        &self,
        query: &str,
        opts: SearchOptions,
        files: &[FileStamp],
    ) -> Result<Vec<PathBuf>, IndexError> {
        self.candidates_digested(query, opts, files, digest_of(files))
    }

    /// [`LibraryIndex::candidates`] given the digest of `files`.
    pub(crate) fn candidates_digested(
        &self,
        query: &str,
        opts: SearchOptions,
        files: &[FileStamp],
        files_digest: Digest,
    ) -> Result<Vec<PathBuf>, IndexError> {
        guard::contain(&self.at, || {
            self.candidates_unguarded(query, opts, files, files_digest)
        })
    }

    fn candidates_unguarded(
        &self,
        query: &str,
        opts: SearchOptions,
        files: &[FileStamp],
        files_digest: Digest,
    ) -> Result<Vec<PathBuf>, IndexError> {
        store::stall("asked");
        let (searcher, digest, hit_paths) = self.hits(query, opts)?;
        let mut out: Vec<PathBuf> = if digest == Some(files_digest) {
            // Every indexed file is in `files`, unchanged.
            files
                .iter()
                .filter(|f| hit_paths.contains_key(path_bytes(&f.path)))
                .map(|f| f.path.clone())
                .collect()
        } else {
            let indexed = self.manifest(&searcher)?;
            files
                .iter()
                .filter(|f| {
                    let p = path_bytes(&f.path);
                    hit_paths.contains_key(p) || indexed.get(p) != Some(&(f.size(), f.mtime_ns()))
                })
                .map(|f| f.path.clone())
                .collect()
        };
        out.sort();
        Ok(out)
    }

    /// Every file of `files` that matches the prepared `query` or fails to
    /// load, as [`scan_files`] gives them, in the same order: a file the
    /// index names and holds as it is now is confirmed from the fields
    /// stored with it (the scan's matcher on the scan's text, without
    /// reading the file); every other candidate (not indexed, changed since,
    /// failed to load) is read. The number of candidates and of files read
    /// come with the result.
    pub fn search(
        &self,
        query: &str,
        opts: SearchOptions,
        files: &[FileStamp],
    ) -> Result<Searched, IndexError> {
        self.search_as(query, opts, Want::Lines, files)
    }

    /// [`LibraryIndex::search`], giving of each file what `want` asks: a
    /// count is confirmed without cutting contexts, and a file the index
    /// alone proves to match (`query::proven`) is not confirmed at all
    /// when only the files are wanted (its title and date, which order
    /// the results, are read from the head of its stored text).
    pub fn search_as(
        &self,
        query: &str,
        opts: SearchOptions,
        want: Want,
        files: &[FileStamp],
    ) -> Result<Searched, IndexError> {
        self.search_digested(query, opts, want, files, digest_of(files), None)
    }

    /// [`LibraryIndex::search_as`] given the digest of `files`.
    pub(crate) fn search_digested(
        &self,
        query: &str,
        opts: SearchOptions,
        want: Want,
        files: &[FileStamp],
        files_digest: Digest,
        ahead: Option<Hits>,
    ) -> Result<Searched, IndexError> {
        let proven = want == Want::Any && query::proven(query, opts);
        let (mut found, mut read, candidates, proven) = guard::contain(&self.at, || {
            store::stall("asked");
            let (searcher, digest, hits) = match ahead {
                Some(ahead) if ahead.1 == Some(files_digest) => ahead,
                _ => self.hits(query, opts)?,
            };
            let indexed = match digest == Some(files_digest) {
                true => None,
                false => Some(self.manifest(&searcher)?),
            };
            // Indexed as it is now: confirmed from the store; else read.
            let mut stored: Vec<(&Path, DocAddress)> = Vec::new();
            let mut read: Vec<PathBuf> = Vec::new();
            for f in files {
                let p = path_bytes(&f.path);
                let unchanged = indexed
                    .as_ref()
                    .is_none_or(|m| m.get(p) == Some(&(f.size(), f.mtime_ns())));
                match hits.get(p) {
                    Some(&addr) if unchanged => stored.push((&f.path, addr)),
                    Some(_) => read.push(f.path.clone()),
                    None if !unchanged => read.push(f.path.clone()),
                    None => {}
                }
            }
            let candidates = stored.len() + read.len();
            // In the store's order: neighbours share a block, which the
            // store then copies out once for all of them (the results are
            // put in the library's order below).
            stored.sort_unstable_by_key(|&(_, addr)| addr);
            let doc = self.fields.doc;
            let texts = doc_text::StoredTexts::open(&searcher, doc);
            let needle = crate::search::Needle::new(query);
            let confirm_one = |&(path, addr): &(&Path, DocAddress)| {
                guard::quietly(|| {
                    let confirm =
                        |text: &str| {
                            if proven {
                                // A file that failed to load has no stored text.
                                let (title, published) = stored::decode_head(text)?;
                                return Some(Some(Found::matched(
                                    path,
                                    title,
                                    published,
                                    crate::search::Matches::default(),
                                    1,
                                )));
                            }
                            let s = stored::decode(text)?;
                            let (matches, count) = match want {
                                Want::Lines => {
                                    let m = crate::search::search_shown(&s.fields, &needle, opts);
                                    let n = m.match_count();
                                    (m, n)
                                }
                                Want::Count | Want::Any => (
                                    crate::search::Matches::default(),
                                    crate::search::count_shown(
                                        &s.fields,
                                        &needle,
                                        opts,
                                        want == Want::Any,
                                    ),
                                ),
                            };
                            Some((count > 0).then(|| {
                                Found::matched(path, s.title, s.published, matches, count)
                            }))
                        };
                    // The text where the store holds it; through tantivy
                    // when its layout is not the one `doc_text` reads.
                    let bytes = texts.bytes(addr)?;
                    if let Some(text) = texts.text_of(&bytes) {
                        return confirm(text);
                    }
                    let d = searcher.doc::<TantivyDocument>(addr).ok()?;
                    confirm(d.get_first(doc)?.as_str()?)
                })
            };
            // Neighbours in runs, each run on one core: a block is then
            // read once, by one of them.
            let runs: Vec<&[(&Path, DocAddress)]> = stored.chunks(STORE_RUN).collect();
            let confirmed = crate::parallel::map_each(&runs, |run| {
                run.iter().map(confirm_one).collect::<Vec<_>>()
            })
            .into_iter()
            .flatten();
            let mut found = Vec::new();
            let mut read_back = 0;
            for (c, (path, _)) in confirmed.zip(&stored) {
                match c {
                    Some(f) => found.extend(f),
                    // Not stored (a failure, or bytes that do not read).
                    None => {
                        read_back += 1;
                        read.push(path.to_path_buf())
                    }
                }
            }
            let proven = if proven { stored.len() - read_back } else { 0 };
            Ok((found, read, candidates, proven))
        })?;
        read.sort();
        let from_disk = read.len();
        found.extend(scan_files_as(&read, query, opts, want));
        let found = files::in_library_order(found);
        Ok(Searched {
            found,
            candidates,
            from_disk,
            proven,
        })
    }

    /// [`LibraryIndex::hits`], asked while the folder is still being
    /// listed: [`LibraryIndex::search_digested`] takes them when they are
    /// of a commit of exactly the files it is given (else it asks again,
    /// once the index is brought up to date).
    pub(crate) fn hits_ahead(&self, query: &str, opts: SearchOptions) -> Result<Hits, IndexError> {
        guard::contain(&self.at, || self.hits(query, opts))
    }

    /// The paths of the indexed documents that may match (and of the files
    /// that failed to load), with the searcher they come from and the
    /// digest of its commit (`None` when it is not known to be that of
    /// the searcher, or the commit was partial).
    fn hits(&self, query: &str, opts: SearchOptions) -> Result<Hits, IndexError> {
        // The commit's digest, then a searcher at least that new: when it
        // shows exactly the segments of that commit, the digest is its.
        let metas = self.index.load_metas().ok();
        self.reader
            .reload()
            .map_err(|e| tantivy_error(&self.at, e))?;
        let searcher = self.reader.searcher();
        let digest = metas.and_then(|m| {
            let mut committed: Vec<_> = m
                .segments
                .iter()
                .map(|s| (s.id(), s.num_deleted_docs()))
                .collect();
            let mut seen: Vec<_> = searcher
                .segment_readers()
                .iter()
                .map(|s| (s.segment_id(), s.num_deleted_docs()))
                .collect();
            committed.sort();
            seen.sort();
            (committed == seen)
                .then(|| Digest::from_text(m.payload.as_deref()?))
                .flatten()
        });
        let q = query::build(self.fields, query, opts);
        let hits = searcher
            .search(&*q, &DocSetCollector)
            .map_err(|e| tantivy_error(&self.at, e))?;
        let mut hit_paths: HashMap<Vec<u8>, DocAddress> = HashMap::with_capacity(hits.len());
        // Each segment's hits by the ordinal of their path, so that its
        // dictionary is read once, in order, however many hits there are.
        let mut by_segment: Vec<Vec<(u64, DocAddress)>> =
            vec![Vec::new(); searcher.segment_readers().len()];
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            let Some(paths) = seg
                .fast_fields()
                .bytes("path")
                .map_err(|e| tantivy_error(&self.at, e))?
            else {
                continue;
            };
            let mine = &mut by_segment[ord];
            for addr in hits.iter().filter(|a| a.segment_ord as usize == ord) {
                if let Some(path) = paths.ords().first(addr.doc_id) {
                    mine.push((path, *addr));
                }
            }
            mine.sort_unstable_by_key(|&(path, addr)| (path, addr.doc_id));
            let ords: Vec<u64> = mine.iter().map(|&(path, _)| path).collect();
            let mut each = mine.iter();
            let all = paths
                .dictionary()
                .sorted_ords_to_term_cb(&ords, |name| {
                    if let Some(&(_, addr)) = each.next() {
                        hit_paths.insert(name.to_vec(), addr);
                    }
                })
                .map_err(|e| tantivy_error(&self.at, e.into()))?;
            if !all {
                let lost = "a path the index names is not in its dictionary";
                return Err(tantivy_error(
                    &self.at,
                    tantivy::TantivyError::InternalError(lost.into()),
                ));
            }
        }
        Ok((searcher, digest, hit_paths))
    }
}

fn tantivy_error(at: &Path, e: tantivy::TantivyError) -> IndexError {
    IndexError::Tantivy {
        path: at.to_path_buf(),
        source: e,
    }
}

/// For the crash tests: `YOMU_TEST_INDEX_SLOW=<ms>` per file indexed.
fn slow_down() -> Option<std::time::Duration> {
    let ms: u64 = std::env::var("YOMU_TEST_INDEX_SLOW").ok()?.parse().ok()?;
    Some(std::time::Duration::from_millis(ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("yomu-index-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("temp dir");
        d
    }

    fn briefing(title: &str, body: &str) -> String {
        format!("title = \"{title}\"\n[[sections]]\nheading = \"h\"\nbody = [\"{body}\"]\n")
    }

    fn names(paths: &[PathBuf]) -> Vec<String> {
        paths
            .iter()
            .filter_map(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn an_index_can_be_shared_with_a_background_thread() {
        fn shareable<T: Send + Sync>() {}
        shareable::<LibraryIndex>();
    }

    #[test]
    fn candidates_narrow_and_changed_files_are_always_read() {
        let dir = temp("basic");
        let lib = dir.join("lib");
        std::fs::create_dir_all(&lib).expect("lib");
        std::fs::write(lib.join("a.toml"), briefing("和平", "ウクライナの和平交渉")).expect("a");
        std::fs::write(lib.join("b.toml"), briefing("予算", "ＮＡＴＯの予算")).expect("b");
        std::fs::write(lib.join("bad.toml"), "title = ").expect("bad");
        let files = crate::library::briefing_files(&lib).expect("list");
        // Old enough not to be "racy".
        let mut stamps = stamp_files(&files);
        for s in &mut stamps {
            s.stamp.mtime_ns -= 10_000_000_000;
        }
        let mut idx = LibraryIndex::open_at(&dir.join("idx")).expect("open");
        let stats = idx.update(&stamps, &mut |_, _| {}).expect("update");
        assert_eq!(stats.added, 3);
        let o = SearchOptions::default();
        let k = SearchOptions {
            kana_insensitive: true,
            ..o
        };
        let c = |q: &str, opts| names(&idx.candidates(q, opts, &stamps).expect("candidates"));
        assert_eq!(c("和平交渉", o), ["a.toml", "bad.toml"]);
        assert_eq!(c("nato", o), ["b.toml", "bad.toml"]);
        assert_eq!(c("の", o), ["a.toml", "b.toml", "bad.toml"]);
        assert_eq!(c("うくらいな", k), ["a.toml", "bad.toml"]);
        assert_eq!(c("和交", o), ["bad.toml"]);
        // Nothing changed: nothing to do.
        assert_eq!(
            idx.update(&stamps, &mut |_, _| {}).expect("again"),
            UpdateStats::default()
        );
        // A changed file is a candidate until indexed again.
        let mut changed = stamps.clone();
        changed[1].stamp.size += 1;
        assert_eq!(
            names(&idx.candidates("和平交渉", o, &changed).expect("c")),
            ["a.toml", "b.toml", "bad.toml"]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
