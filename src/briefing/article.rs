//! Article identity: which section of a briefing is which article, so the
//! reading state follows an article when the file around it changes (a
//! sync puts a new item at the top of a day file, an editor reorders the
//! sections).
//!
//! A section that has an `id` (format 1.2; `yomu import` and `yomu sync`
//! write the feed item's guid, Atom id or JSON Feed id there, else its
//! link) is known by it. A section without one is known by its content:
//! its heading and its first source's address, normalised (NFKC, lower
//! case, runs of white space made one space; the address without its
//! fragment or a trailing `/`), so a hand-written briefing works too.
//!
//! The state stores a 64-bit hash of that key ([`hash`]). Two sections of
//! one file with the same key (a repeated `id`, or two sections with the
//! same heading and no sources) are told apart by their order: the second
//! is `key#2`, the third `key#3`. The rules here are part of the state's
//! format: changing them would make every remembered mark unread.

use unicode_normalization::UnicodeNormalization;

use super::model::{Briefing, Section};

/// The longest `id` a section may have, in characters.
pub const MAX_ID_CHARS: usize = 200;

/// The key of a section: `id:<id>` when it has one, else
/// `text:<heading>\n<first source URL>`, both normalised.
pub fn key(section: &Section) -> String {
    if let Some(id) = section
        .id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        return format!("id:{id}");
    }
    let mut out = String::from("text:");
    normalise_text(&section.heading, &mut out);
    out.push('\n');
    if let Some(src) = section.sources.first() {
        out.push_str(&normalise_url(&src.url));
    }
    out
}

/// The hashed keys of a briefing's sections, in order, repeats told apart.
pub fn hashes(b: &Briefing) -> Vec<u64> {
    let keys: Vec<String> = b.sections.iter().map(key).collect();
    hashes_of_keys(&keys)
}

/// [`hash`] of each key, the second copy of a key as `key#2` and so on.
pub fn hashes_of_keys(keys: &[String]) -> Vec<u64> {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    keys.iter()
        .map(|k| {
            let n = seen.entry(k.as_str()).or_insert(0);
            *n += 1;
            if *n == 1 {
                hash(k)
            } else {
                hash(&format!("{k}#{n}"))
            }
        })
        .collect()
}

/// A fingerprint of a list of article hashes (order included): equal lists
/// give equal fingerprints.
pub fn fingerprint(hashes: &[u64]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64 ^ hashes.len() as u64;
    for x in hashes {
        h = (h ^ x).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(29);
    }
    h
}

/// The 64-bit FNV-1a hash of a key: fixed forever (it is stored), unlike
/// the standard library's hasher.
pub fn hash(key: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64;
    for b in key.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// NFKC, lower case, white space runs as one space, trimmed.
fn normalise_text(s: &str, out: &mut String) {
    let mut space = false;
    let start = out.len();
    for c in s.nfkc().flat_map(char::to_lowercase) {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && out.len() > start {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
}

/// The address as parsed (scheme and host in lower case), without its
/// fragment or a trailing `/`; as written (trimmed) when it does not parse.
fn normalise_url(raw: &str) -> String {
    let raw = raw.trim();
    let mut s = match url::Url::parse(raw) {
        Ok(mut u) => {
            u.set_fragment(None);
            u.to_string()
        }
        Err(_) => raw.to_string(),
    };
    while s.ends_with('/') {
        s.pop();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::Source;

    fn section(heading: &str, url: Option<&str>, id: Option<&str>) -> Section {
        Section {
            id: id.map(Into::into),
            body: vec!["本文".into()],
            sources: url
                .map(|u| Source {
                    name: "n".into(),
                    url: u.into(),
                })
                .into_iter()
                .collect(),
            ..Section::new(heading)
        }
    }

    #[test]
    fn an_id_wins_over_the_content() {
        assert_eq!(key(&section("見出し", None, Some(" a1 "))), "id:a1");
        assert_eq!(key(&section("見出し", None, Some("  "))), "text:見出し\n");
    }

    #[test]
    fn the_content_key_ignores_width_case_spacing_fragments_and_slashes() {
        let a = key(&section(
            "ＡＢＣ　ニュース  速報",
            Some("HTTPS://News.Example.jp/a/1/#top"),
            None,
        ));
        let b = key(&section(
            " abc ニュース 速報",
            Some("https://news.example.jp/a/1"),
            None,
        ));
        assert_eq!(a, b);
        assert_eq!(a, "text:abc ニュース 速報\nhttps://news.example.jp/a/1");
        assert_ne!(a, key(&section("abc ニュース 速報", None, None)));
    }

    #[test]
    fn repeats_in_one_file_are_told_apart_and_hashes_are_fixed() {
        let keys = vec!["id:x".to_string(), "id:y".into(), "id:x".into()];
        let h = hashes_of_keys(&keys);
        assert_eq!(h[0], hash("id:x"));
        assert_eq!(h[2], hash("id:x#2"));
        assert_ne!(h[0], h[2]);
        // FNV-1a of the empty string and of "a": the published values.
        assert_eq!(hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(fingerprint(&[1, 2]), fingerprint(&[2, 1]));
        assert_eq!(fingerprint(&h), fingerprint(&h.clone()));
    }
}
