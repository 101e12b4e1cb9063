//! The files a feed item carries (a podcast's audio, a video, images),
//! named as sources: what kind of file, its format and its size, so the
//! source list says `audio (MP3, 34 MB)` (`音声 (MP3, 34 MB)` in Japanese)
//! before anyone opens it.
//!
//! The kind comes from the MIME type the feed gave (`audio/mpeg`), else
//! from the address's extension; the format from the MIME type's subtype,
//! else the extension; the size from the feed's `length` (sizes in
//! decimal units, as podcast apps show them).

use super::dialects::Media;
use crate::i18n::{Msg, t};

/// What kind of file a media file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Audio,
    Video,
    Image,
    File,
}

impl MediaKind {
    fn word(self) -> &'static str {
        t(match self {
            MediaKind::Audio => Msg::CliMediaAudio,
            MediaKind::Video => Msg::CliMediaVideo,
            MediaKind::Image => Msg::CliMediaImage,
            MediaKind::File => Msg::CliMediaFile,
        })
    }
}

/// The extension of the address's path, lowercase (`mp3`), when it has a
/// short one of letters and digits.
fn extension(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    let last = u.path_segments()?.next_back()?;
    let (_, ext) = last.rsplit_once('.')?;
    (!ext.is_empty() && ext.len() <= 5 && ext.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then(|| ext.to_ascii_lowercase())
}

/// The kind of a media file.
pub fn kind(m: &Media) -> MediaKind {
    let mime = m.mime.as_deref().unwrap_or("").trim().to_ascii_lowercase();
    let top = mime.split('/').next().unwrap_or("");
    match top {
        "audio" => return MediaKind::Audio,
        "video" => return MediaKind::Video,
        "image" => return MediaKind::Image,
        _ => {}
    }
    match extension(&m.url).as_deref() {
        Some("mp3" | "m4a" | "aac" | "ogg" | "oga" | "opus" | "wav" | "flac") => MediaKind::Audio,
        Some("mp4" | "m4v" | "mov" | "webm" | "mkv") => MediaKind::Video,
        Some("jpg" | "jpeg" | "png" | "gif" | "webp" | "avif" | "svg") => MediaKind::Image,
        _ => MediaKind::File,
    }
}

/// The file's format as people name it (`MP3`, `JPEG`), when known.
pub fn format(m: &Media) -> Option<String> {
    let mime = m.mime.as_deref().unwrap_or("").trim().to_ascii_lowercase();
    let sub = mime
        .split_once('/')
        .map(|(_, s)| s.split(';').next().unwrap_or("").trim().to_string());
    let named = match sub.as_deref() {
        Some("mpeg" | "mp3" | "mpeg3" | "x-mpeg" | "x-mp3") if mime.starts_with("audio") => {
            Some("MP3")
        }
        Some("mp4" | "x-m4a" | "m4a") if mime.starts_with("audio") => Some("M4A"),
        Some("aac" | "aacp") => Some("AAC"),
        Some("ogg") => Some("OGG"),
        Some("opus") => Some("Opus"),
        Some("mp4") => Some("MP4"),
        Some("quicktime") => Some("MOV"),
        Some("webm") => Some("WebM"),
        Some("jpeg" | "jpg" | "pjpeg") => Some("JPEG"),
        Some("png") => Some("PNG"),
        Some("gif") => Some("GIF"),
        Some("webp") => Some("WebP"),
        Some("pdf") => Some("PDF"),
        _ => None,
    };
    if let Some(n) = named {
        return Some(n.to_string());
    }
    if let Some(ext) = extension(&m.url) {
        return Some(match ext.as_str() {
            "jpg" => "JPEG".to_string(),
            e => e.to_ascii_uppercase(),
        });
    }
    sub.filter(|s| {
        !s.is_empty()
            && s.len() <= 8
            && !s.starts_with("x-")
            && s.bytes().all(|b| b.is_ascii_alphanumeric())
    })
    .map(|s| s.to_ascii_uppercase())
}

/// A size for people: `34 MB`, `3.4 MB`, `512 kB`, `900 B` (decimal units).
pub fn size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1_000_000_000, "GB"), (1_000_000, "MB"), (1_000, "kB")];
    for (unit, name) in UNITS {
        if bytes >= unit {
            let tenths = (bytes as u128 * 10 + unit as u128 / 2) / unit as u128;
            return if tenths < 100 && !tenths.is_multiple_of(10) {
                format!("{}.{} {name}", tenths / 10, tenths % 10)
            } else {
                format!("{} {name}", (tenths + 5) / 10)
            };
        }
    }
    format!("{bytes} B")
}

/// The name of a media file as a source: `audio (MP3, 34 MB)`, `image`,
/// in the interface's language.
pub fn label(m: &Media) -> String {
    let word = kind(m).word();
    let details: Vec<String> = format(m).into_iter().chain(m.length.map(size)).collect();
    if details.is_empty() {
        word.to_string()
    } else {
        format!("{word} ({})", details.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn media(url: &str, mime: Option<&str>, length: Option<u64>) -> Media {
        Media {
            url: url.into(),
            mime: mime.map(Into::into),
            length,
        }
    }

    #[test]
    fn files_are_named_by_kind_format_and_size() {
        crate::i18n::set_lang(crate::i18n::Lang::En);
        let ep = media(
            "https://pod.example/ep1.mp3",
            Some("audio/mpeg"),
            Some(34_000_000),
        );
        assert_eq!(label(&ep), "audio (MP3, 34 MB)");
        assert_eq!(
            label(&media("https://x.example/a.jpg", Some("image"), None)),
            "image (JPEG)"
        );
        assert_eq!(
            label(&media(
                "https://x.example/v",
                Some("video/mp4"),
                Some(3_400_000)
            )),
            "video (MP4, 3.4 MB)"
        );
        assert_eq!(
            label(&media("https://x.example/f", None, Some(900))),
            "file (900 B)"
        );
        assert_eq!(
            label(&media(
                "https://x.example/f",
                Some("application/x-foo"),
                None
            )),
            "file"
        );
        crate::i18n::set_lang(crate::i18n::Lang::Ja);
        assert_eq!(label(&ep), "音声 (MP3, 34 MB)");
        crate::i18n::set_lang(crate::i18n::Lang::En);
    }

    #[test]
    fn sizes_round_to_what_people_read() {
        assert_eq!(size(999), "999 B");
        assert_eq!(size(1_000), "1 kB");
        assert_eq!(size(512_400), "512 kB");
        assert_eq!(size(34_012_345), "34 MB");
        assert_eq!(size(1_250_000_000), "1.3 GB");
        assert_eq!(size(u64::MAX), "18446744074 GB");
    }
}
