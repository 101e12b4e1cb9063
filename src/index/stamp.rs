//! A digest of a folder's stamps ([`crate::folder::FileStamp`]), so an
//! index that is up to date is recognised without comparing 100,000
//! entries one by one, and the hashes and times as the index stores them.

use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use crate::folder::FileStamp;
use std::time::{SystemTime, UNIX_EPOCH};

/// Nanoseconds since 1970, saturating at the ends of `i64` (years 1677–2262).
pub(crate) fn nanos(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
        Err(e) => i64::try_from(e.duration().as_nanos()).map_or(i64::MIN, |n| -n),
    }
}

/// An order-independent digest of a set of (path, size, time) entries:
/// two sums of a 64-bit hash of each, and the count. Equal digests mean
/// (short of a 1 in 2^128 accident) equal sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Digest {
    pub count: u64,
    pub a: u64,
    pub b: u64,
}

impl Digest {
    /// Add one entry.
    pub fn add(&mut self, path: &[u8], size: u64, mtime_ns: i64) {
        let (a, b) = entry_hash(path, size, mtime_ns);
        self.count += 1;
        self.a = self.a.wrapping_add(a);
        self.b = self.b.wrapping_add(b);
    }

    /// Both digests together.
    pub fn merge(self, o: Digest) -> Digest {
        Digest {
            count: self.count + o.count,
            a: self.a.wrapping_add(o.a),
            b: self.b.wrapping_add(o.b),
        }
    }

    /// The digest as the index's commit records it.
    pub fn to_text(self) -> String {
        format!("{:x}.{:016x}.{:016x}", self.count, self.a, self.b)
    }

    pub fn from_text(s: &str) -> Option<Digest> {
        let mut parts = s.trim().split('.');
        let mut next = || u64::from_str_radix(parts.next()?, 16).ok();
        Some(Digest {
            count: next()?,
            a: next()?,
            b: next()?,
        })
    }
}

/// The digest of `files` (on all cores when there are many).
pub fn digest_of(files: &[FileStamp]) -> Digest {
    let parts = files.chunks(4096).collect::<Vec<_>>();
    crate::parallel::map(&parts, 2, |part| {
        let mut d = Digest::default();
        for f in *part {
            d.add(path_bytes(&f.path), f.size(), f.mtime_ns());
        }
        d
    })
    .into_iter()
    .fold(Digest::default(), Digest::merge)
}

/// A path's bytes, as the index stores it.
pub fn path_bytes(p: &Path) -> &[u8] {
    p.as_os_str().as_bytes()
}

/// Two 64-bit hashes of an entry (a multiply–xorshift over 8-byte words,
/// with two different keys): stable across Rust versions, unlike std's.
fn entry_hash(path: &[u8], size: u64, mtime_ns: i64) -> (u64, u64) {
    let mut a: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut b: u64 = 0xC2B2_AE3D_27D4_EB4F;
    let mut mix = |w: u64| {
        a = (a ^ w).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        a ^= a >> 33;
        b = (b ^ w.rotate_left(17)).wrapping_mul(0xC4CE_B9FE_1A85_EC53);
        b ^= b >> 29;
    };
    let mut chunks = path.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        mix(u64::from_le_bytes(w));
    }
    let mut w = [0u8; 8];
    let rest = chunks.remainder();
    w[..rest.len()].copy_from_slice(rest);
    mix(u64::from_le_bytes(w) ^ ((path.len() as u64) << 56));
    mix(size);
    mix(mtime_ns as u64);
    (fmix(a), fmix(b))
}

/// MurmurHash3's finaliser.
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

/// A stable 64-bit hash of bytes (the name of a folder's index).
pub fn hash64(bytes: &[u8]) -> u64 {
    entry_hash(bytes, 0, 0).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_ignore_order_and_see_every_change() {
        let mut x = Digest::default();
        x.add(b"a.toml", 1, 2);
        x.add(b"b.toml", 3, 4);
        let mut y = Digest::default();
        y.add(b"b.toml", 3, 4);
        y.add(b"a.toml", 1, 2);
        assert_eq!(x, y);
        for (p, s, t) in [
            (&b"a.toml"[..], 1, 3),
            (b"a.toml", 2, 2),
            (b"c.toml", 1, 2),
            (b"a.tom", 1, 2),
        ] {
            let mut z = Digest::default();
            z.add(p, s, t);
            z.add(b"b.toml", 3, 4);
            assert_ne!(x, z, "{p:?} {s} {t}");
        }
        assert_eq!(Digest::from_text(&x.to_text()), Some(x));
        assert_eq!(Digest::from_text("zz"), None);
    }

    #[test]
    fn times_before_1970_are_negative() {
        let t = UNIX_EPOCH - std::time::Duration::from_nanos(5);
        assert_eq!(nanos(t), -5);
        assert_eq!(
            nanos(UNIX_EPOCH + std::time::Duration::from_secs(1)),
            1_000_000_000
        );
    }
}
