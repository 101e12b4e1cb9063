//! The library's metadata cache: what the list shows of each file of a
//! folder (title, date, section count or the error) with the size and
//! mtime it had, so a second launch lists the folder without parsing any
//! unchanged file.
//!
//! One file per folder, `$XDG_CACHE_HOME/yomu/library/<hash>.bin` (default
//! `~/.cache/yomu/library/`), named by a hash of the folder's canonical
//! path, which it also holds. A compact binary layout, read in one go and
//! decoded without a parser: 100,000 entries load in a few milliseconds.
//! All little-endian:
//!
//! ```text
//! "yomumeta" u32:version  str:folder  u64:count  entry*count  u64:checksum
//! entry:  str:name  u64:size  i128:mtime_ns  u8:flags  [str:key]  (meta | str:error)
//! meta:   u8:dated [u16:y u8:m u8:d u8:h u8:min u8:s]  u32:sections  u64:article*sections  str:title
//! str:    u32:length  bytes
//! ```
//!
//! The entries are in the library's order, so the list is drawn from them
//! without sorting. The checksum covers everything before it. A file that
//! is missing, truncated, corrupt, of another version or of another folder
//! is ignored (and rebuilt by the next save); it is written atomically
//! ([`crate::fsutil::write_atomic`]), so a crash leaves the old one or the
//! new one. Nothing in it is trusted over the files: the reader checks
//! every file's size and mtime against it ([`crate::listing`]).

use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

use crate::library::{Listed, Meta, Stamp};

const MAGIC: &[u8; 8] = b"yomumeta";
/// Bumped whenever the layout or the meaning of an entry changes.
const VERSION: u32 = 2;
/// A cache file larger than this is not read (about 2 million entries).
const MAX_SIZE: u64 = 512 * 1024 * 1024;

const FLAG_KEY: u8 = 1;
const FLAG_ERROR: u8 = 2;
const FLAG_STAMP: u8 = 4;

/// The cache file of the folder whose canonical path is `canon`.
pub fn file_for(canon: &Path) -> Option<PathBuf> {
    let name = format!("{:016x}.bin", checksum(canon.as_os_str().as_bytes()));
    Some(
        crate::paths::Paths::from_env()
            .listing_cache_dir()?
            .join(name),
    )
}

/// The cached list of the folder `dir` (canonical path `canon`), in the
/// library's order; `None` when there is no usable cache.
pub fn load(dir: &Path, canon: &Path) -> Option<Vec<Listed>> {
    load_into(dir, canon, |l| l)
}

/// [`load`], each entry made into what `make` makes of it.
pub fn load_into<T>(dir: &Path, canon: &Path, make: impl FnMut(Listed) -> T) -> Option<Vec<T>> {
    let bytes = crate::fsutil::read_file(&file_for(canon)?, MAX_SIZE).ok()?;
    decode_into(&bytes, dir, canon, make)
}

/// Write the list of the folder `canon` as its cache, atomically.
pub fn save(canon: &Path, listed: &[Listed]) -> std::io::Result<()> {
    let path = file_for(canon).ok_or_else(|| std::io::Error::other("no cache folder"))?;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    crate::fsutil::write_atomic(&path, &encode(canon, listed))
}

/// The bytes of a cache file.
pub fn encode(canon: &Path, listed: &[Listed]) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + listed.len() * 128);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    put_str(&mut out, canon.as_os_str().as_bytes());
    out.extend_from_slice(&(listed.len() as u64).to_le_bytes());
    for l in listed {
        let name = l.path.file_name().unwrap_or_default();
        put_str(&mut out, name.as_bytes());
        let stamp = l.stamp.unwrap_or(Stamp {
            size: 0,
            mtime_ns: 0,
        });
        out.extend_from_slice(&stamp.size.to_le_bytes());
        out.extend_from_slice(&stamp.mtime_ns.to_le_bytes());
        let own_key = canon.join(name).to_string_lossy() != l.key;
        let flags = if own_key { FLAG_KEY } else { 0 }
            | if l.info.is_err() { FLAG_ERROR } else { 0 }
            | if l.stamp.is_some() { FLAG_STAMP } else { 0 };
        out.push(flags);
        if own_key {
            put_str(&mut out, l.key.as_bytes());
        }
        match &l.info {
            Ok(m) => {
                match m.date {
                    Some((y, mo, d, h, mi, s)) => {
                        out.push(1);
                        out.extend_from_slice(&y.to_le_bytes());
                        out.extend_from_slice(&[mo, d, h, mi, s]);
                    }
                    None => out.push(0),
                }
                out.extend_from_slice(&(m.articles.len() as u32).to_le_bytes());
                for a in m.articles.iter() {
                    out.extend_from_slice(&a.to_le_bytes());
                }
                put_str(&mut out, m.title.as_bytes());
            }
            Err(e) => put_str(&mut out, e.as_bytes()),
        }
    }
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// The list in a cache file's bytes, its paths under `dir`; `None` when
/// the bytes are not a whole cache of the folder `canon` in this version.
pub fn decode(bytes: &[u8], dir: &Path, canon: &Path) -> Option<Vec<Listed>> {
    decode_into(bytes, dir, canon, |l| l)
}

/// [`decode`], each entry made into what `make` makes of it as it is read
/// (the reader's rows, without a list of entries in between).
pub fn decode_into<T>(
    bytes: &[u8],
    dir: &Path,
    canon: &Path,
    mut make: impl FnMut(Listed) -> T,
) -> Option<Vec<T>> {
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if checksum(body).to_le_bytes() != sum {
        return None;
    }
    let mut r = Reader { buf: body, pos: 0 };
    if r.take(8)? != MAGIC || r.u32()? != VERSION || r.take_str()? != canon.as_os_str().as_bytes() {
        return None;
    }
    let count = usize::try_from(r.u64()?).ok()?;
    // Each entry takes at least 30 bytes: a corrupt count cannot make us
    // reserve more than the file could hold.
    let mut listed = Vec::with_capacity(count.min(body.len() / 30));
    // Keys are the canonical folder's path and the name, unless a file is
    // a symlink (its own key then). Each string is made at its final size.
    let canon_text = canon.to_string_lossy();
    let dir = dir.as_os_str().as_bytes();
    let sep = usize::from(!dir.is_empty() && !dir.ends_with(b"/"));
    for _ in 0..count {
        let name = r.take_str()?;
        let size = r.u64()?;
        let mtime_ns = i128::from_le_bytes(r.take(16)?.try_into().ok()?);
        let flags = r.u8()?;
        let key = if flags & FLAG_KEY != 0 {
            utf8(r.take_str()?)?.to_owned()
        } else {
            let name = String::from_utf8_lossy(name);
            let mut key = String::with_capacity(canon_text.len() + 1 + name.len());
            key.push_str(&canon_text);
            key.push('/');
            key.push_str(&name);
            key
        };
        let mut path = Vec::with_capacity(dir.len() + sep + name.len());
        path.extend_from_slice(dir);
        if sep == 1 {
            path.push(b'/');
        }
        path.extend_from_slice(name);
        let path = PathBuf::from(std::ffi::OsString::from_vec(path));
        let info = if flags & FLAG_ERROR != 0 {
            Err(utf8(r.take_str()?)?.to_owned())
        } else {
            let date = match r.u8()? {
                0 => None,
                _ => {
                    let y = u16::from_le_bytes(r.take(2)?.try_into().ok()?);
                    let [mo, d, h, mi, s] = r.take(5)?.try_into().ok()?;
                    Some((y, mo, d, h, mi, s))
                }
            };
            let sections = r.u32()? as usize;
            let articles = r
                .take(sections.checked_mul(8)?)?
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
                .collect();
            let title = utf8(r.take_str()?)?.to_owned();
            Ok(Meta {
                title,
                date,
                ..Meta::with_articles(articles)
            })
        };
        listed.push(make(Listed {
            path,
            key,
            stamp: (flags & FLAG_STAMP != 0).then_some(Stamp { size, mtime_ns }),
            info,
        }));
    }
    (r.pos == body.len()).then_some(listed)
}

fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

fn put_str(out: &mut Vec<u8>, s: &[u8]) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s);
}

/// Reads a cache file's fields in order; `None` past its end.
struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.buf.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn take_str(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
}

/// A fast 64-bit hash, eight bytes at a step: it tells a damaged file
/// from a whole one (it is no defence against a forger, who could as well
/// edit the briefings).
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = K ^ bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let mut a = [0u8; 8];
        a.copy_from_slice(w);
        h = (h ^ u64::from_le_bytes(a)).wrapping_mul(K);
        h ^= h >> 29;
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K);
        h ^= h >> 29;
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(canon: &Path) -> Vec<Listed> {
        vec![
            Listed {
                path: PathBuf::from("lib/a.toml"),
                key: canon.join("a.toml").to_string_lossy().into_owned(),
                stamp: Some(Stamp {
                    size: 1234,
                    mtime_ns: 1_700_000_000_123_456_789,
                }),
                info: Ok(Meta {
                    title: "停戦交渉 ｶﾞ 🇯🇵".into(),
                    date: Some((2025, 3, 4, 9, 30, 0)),
                    ..Meta::with_articles(vec![7, u64::MAX].into())
                }),
            },
            Listed {
                path: PathBuf::from("lib/link.toml"),
                key: "/elsewhere/target.toml".into(),
                stamp: Some(Stamp {
                    size: 0,
                    mtime_ns: -5,
                }),
                info: Ok(Meta::with_articles(vec![0].into())),
            },
            Listed {
                path: PathBuf::from("lib/bad.toml"),
                key: canon.join("bad.toml").to_string_lossy().into_owned(),
                stamp: None,
                info: Err("bad.toml:1:1: error: …".into()),
            },
        ]
    }

    #[test]
    fn round_trip() {
        let canon = Path::new("/home/r/lib");
        let listed = sample(canon);
        let bytes = encode(canon, &listed);
        assert_eq!(decode(&bytes, Path::new("lib"), canon), Some(listed));
        assert_eq!(
            decode(&encode(canon, &[]), Path::new("x"), canon),
            Some(vec![])
        );
    }

    #[test]
    fn damaged_or_foreign_bytes_are_refused() {
        let canon = Path::new("/home/r/lib");
        let bytes = encode(canon, &sample(canon));
        let dir = Path::new("lib");
        assert_eq!(decode(&bytes, dir, Path::new("/home/r/other")), None);
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut], dir, canon), None, "cut at {cut}");
        }
        for at in 0..bytes.len() {
            let mut b = bytes.clone();
            b[at] ^= 0x41;
            assert_eq!(decode(&b, dir, canon), None, "byte {at} flipped");
        }
        let mut other = bytes.clone();
        other[8] = 99; // another version (checksum fixed up)
        let n = other.len() - 8;
        let sum = checksum(&other[..n]);
        other[n..].copy_from_slice(&sum.to_le_bytes());
        assert_eq!(decode(&other, dir, canon), None);
    }
}
