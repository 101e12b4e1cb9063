//! Extracted articles kept on disk, so reading the same link again needs
//! no network: `$XDG_CACHE_HOME/yomu/articles/` (default
//! `~/.cache/yomu/articles/`).
//!
//! One file per article, `<sha256 of the address>.toml`: the briefing made
//! of the page, as `yomu import` writes it, after a comment line naming
//! the address. Files are written atomically; reading one refreshes its
//! modification time, so the cache keeps the articles read most recently.
//! After each write the folder is held to its bound (`article_cache_mb`
//! in the configuration, [`DEFAULT_MAX_BYTES`] by default): the files
//! touched longest ago are removed first until the rest fit. A cached
//! file is read through the briefing loader like any other, so a damaged
//! one is only a miss.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The cache's default bound: 50 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;

/// The articles' cache.
#[derive(Debug, Clone)]
pub struct ArticleCache {
    dir: PathBuf,
    max_bytes: u64,
}

/// The default folder: `$XDG_CACHE_HOME/yomu/articles`, else
/// `$HOME/.cache/yomu/articles`.
pub fn default_dir() -> Option<PathBuf> {
    crate::paths::Paths::from_env().articles_dir()
}

impl ArticleCache {
    /// A cache in `dir`, holding at most `max_bytes`.
    pub fn new(dir: PathBuf, max_bytes: u64) -> ArticleCache {
        ArticleCache { dir, max_bytes }
    }

    /// The cache in the default folder, `None` without a home folder.
    pub fn open_default(max_bytes: u64) -> Option<ArticleCache> {
        Some(ArticleCache::new(default_dir()?, max_bytes))
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of the article at `url`.
    pub fn path_for(&self, url: &str) -> PathBuf {
        let digest = Sha256::digest(url.as_bytes());
        let mut name = String::with_capacity(69);
        for b in digest {
            name.push_str(&format!("{b:02x}"));
        }
        name.push_str(".toml");
        self.dir.join(name)
    }

    /// The cached briefing TOML of `url`, when there is one the loader
    /// accepts.
    pub fn get(&self, url: &str) -> Option<String> {
        let path = self.path_for(url);
        let bytes = crate::fsutil::read_file(&path, crate::briefing::MAX_FILE_SIZE).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let first = text.lines().next()?;
        if first != header(url) {
            return None;
        }
        crate::briefing::parse_str("cached.toml", &text).ok()?;
        if let Ok(f) = std::fs::File::options().append(true).open(&path) {
            let _ = f.set_modified(std::time::SystemTime::now());
        }
        Some(text)
    }

    /// Keep the briefing TOML of `url`, then hold the folder to its bound.
    pub fn put(&self, url: &str, toml: &str) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let mut text = header(url);
        text.push('\n');
        text.push_str(toml);
        crate::fsutil::write_atomic(&self.path_for(url), text.as_bytes())?;
        self.trim();
        Ok(())
    }

    /// Remove the files touched longest ago until the rest fit the bound.
    pub fn trim(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let mut files: Vec<(std::time::SystemTime, u64, PathBuf)> = entries
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
            .filter_map(|e| {
                let m = e.metadata().ok()?;
                m.is_file().then(|| {
                    (
                        m.modified().unwrap_or(std::time::UNIX_EPOCH),
                        m.len(),
                        e.path(),
                    )
                })
            })
            .collect();
        let mut total: u64 = files.iter().map(|f| f.1).sum();
        if total <= self.max_bytes {
            return;
        }
        files.sort();
        for (_, len, path) in files {
            if total <= self.max_bytes {
                break;
            }
            if std::fs::remove_file(&path).is_ok() {
                total = total.saturating_sub(len);
            }
        }
    }
}

/// The comment line naming the address (newlines cannot occur in a URL
/// that passed the briefing's URL rule; they are replaced anyway).
fn header(url: &str) -> String {
    format!("# yomu article cache: {}", url.replace(['\n', '\r'], " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOML: &str =
        "title = \"記事\"\n\n[[sections]]\nheading = \"記事\"\nbody = [\"本文。\"]\n";

    #[test]
    fn kept_and_bounded_oldest_first() {
        let dir = std::env::temp_dir().join(format!("yomu-article-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let one = (header("https://example.com/0").len() + 1 + TOML.len()) as u64;
        let cache = ArticleCache::new(dir.clone(), one * 2);
        assert_eq!(cache.get("https://example.com/0"), None);
        for i in 0..3 {
            cache
                .put(&format!("https://example.com/{i}"), TOML)
                .unwrap();
            let old = std::time::SystemTime::now() - std::time::Duration::from_secs(100 - i);
            let f = std::fs::File::options()
                .append(true)
                .open(cache.path_for(&format!("https://example.com/{i}")))
                .unwrap();
            f.set_modified(old).unwrap();
        }
        cache.trim();
        // The bound holds two: the oldest went first.
        assert_eq!(cache.get("https://example.com/0"), None);
        assert!(cache.get("https://example.com/1").unwrap().ends_with(TOML));
        assert!(cache.get("https://example.com/2").is_some());
        // A damaged file is a miss.
        std::fs::write(cache.path_for("https://example.com/2"), "title = ").unwrap();
        assert_eq!(cache.get("https://example.com/2"), None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
