//! Synthetic briefings for benchmarks and stress tests.
//!
//! Deterministic (a small xorshift generator with fixed seeds, no `rand`), so
//! a benchmark measures the same input on every run and a failing stress
//! test can be replayed. The text reads like Japanese news: kanji compounds,
//! kana particles, `、。「」`, some Latin acronyms and digits, one source per
//! section. All of it is valid briefing TOML.

use std::fmt::Write as _;

/// xorshift64*: tiny, fast, good enough for picking words.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        // Never zero (xorshift would stay at zero); spread small seeds.
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const NOUNS: &[&str] = &[
    "政府",
    "首相",
    "大統領",
    "経済",
    "市場",
    "株価",
    "為替",
    "円安",
    "金利",
    "日銀",
    "財務省",
    "外交",
    "交渉",
    "停戦",
    "合意",
    "支援",
    "軍事",
    "資源",
    "鉱物",
    "輸出",
    "関税",
    "国際社会",
    "企業",
    "投資",
    "成長率",
    "物価",
    "賃金",
    "選挙",
    "議会",
    "与党",
    "野党",
    "防衛費",
    "安全保障",
    "気候変動",
    "技術",
    "半導体",
    "人工知能",
    "医療",
    "地域経済",
    "専門家",
    "記者会見",
    "報告書",
    "調査",
    "予算案",
    "改革",
    "制度",
    "影響",
    "課題",
    "見通し",
];
const LATIN: &[&str] = &[
    "AI", "G7", "NATO", "EU", "IMF", "GDP", "OECD", "CEO", "SNS", "IT",
];
const PARTICLES: &[&str] = &[
    "は",
    "が",
    "を",
    "に",
    "で",
    "と",
    "の",
    "も",
    "について",
    "によると",
];
const PREDICATES: &[&str] = &[
    "発表した",
    "明らかにした",
    "強調した",
    "示した",
    "懸念を示している",
    "見通しだ",
    "注目されている",
    "求めている",
    "検討している",
    "合意した",
    "表明した",
    "伝えられている",
];
const CONNECTORS: &[&str] = &[
    "一方、",
    "さらに、",
    "また、",
    "しかし、",
    "これに対し、",
    "今後、",
];
const UNITS: &[&str] = &["年", "月", "％", "億円", "人", "件", "日間", "兆ドル"];
const SOURCES: &[(&str, &str)] = &[
    ("ロイター", "https://jp.reuters.com/world/"),
    ("日本経済新聞", "https://www.nikkei.com/article/"),
    ("NHKニュース", "https://www3.nhk.or.jp/news/html/"),
    ("共同通信", "https://www.kyodo.co.jp/news/"),
    ("Bloomberg", "https://www.bloomberg.co.jp/news/articles/"),
    ("朝日新聞", "https://www.asahi.com/articles/"),
];

/// One sentence of about 40 characters (two clauses).
fn sentence(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.below(3) == 0 {
        s.push_str(rng.pick(CONNECTORS));
    }
    s.push_str(rng.pick(NOUNS));
    s.push_str(rng.pick(PARTICLES));
    s.push_str(rng.pick(NOUNS));
    s.push_str("が進むなか、");
    s.push_str(rng.pick(NOUNS));
    s.push_str(rng.pick(PARTICLES));
    if rng.below(2) == 0 {
        let _ = write!(s, "{}{}、", rng.below(2000) + 1, rng.pick(UNITS));
    }
    if rng.below(4) == 0 {
        let _ = write!(s, "{}の", rng.pick(LATIN));
    }
    if rng.below(3) == 0 {
        let _ = write!(
            s,
            "「{}{}{}」と",
            rng.pick(NOUNS),
            rng.pick(PARTICLES),
            rng.pick(NOUNS)
        );
    }
    s.push_str(rng.pick(NOUNS));
    s.push_str(rng.pick(PARTICLES));
    s.push_str(rng.pick(NOUNS));
    s.push('を');
    s.push_str(rng.pick(PREDICATES));
    s.push('。');
    s
}

fn paragraph(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences).map(|_| sentence(rng)).collect()
}

/// A TOML basic string (the generated text holds no quote or backslash,
/// but escape anyway so the output is valid whatever the word lists hold).
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

fn date(rng: &mut Rng) -> String {
    let (y, m, d) = (2023 + rng.below(3), 1 + rng.below(12), 1 + rng.below(28));
    match rng.below(3) {
        0 => format!("{y:04}-{m:02}-{d:02}"),
        1 => format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:00",
            rng.below(24),
            rng.below(60)
        ),
        _ => format!("{y:04}-{m:02}-{d:02}T{:02}:30:00+09:00", rng.below(24)),
    }
}

fn section(rng: &mut Rng, out: &mut String, n: usize) {
    let _ = writeln!(out, "\n[[sections]]");
    let _ = writeln!(
        out,
        "heading = {}",
        quote(&format!("{}と{}の行方", rng.pick(NOUNS), rng.pick(NOUNS)))
    );
    let _ = writeln!(
        out,
        "question = {}",
        quote(&format!("{}はどう変わる？", rng.pick(NOUNS)))
    );
    let _ = writeln!(out, "answer = {}", quote(&sentence(rng)));
    let _ = writeln!(out, "lead = {}", quote(&sentence(rng)));
    if n % 4 != 3 {
        let _ = writeln!(out, "published = {}", date(rng));
    }
    let points: Vec<String> = (0..3).map(|_| sentence(rng)).collect();
    let _ = writeln!(out, "key_points = {}", list(&points));
    let body: Vec<String> = (0..4).map(|_| paragraph(rng, 4)).collect();
    let _ = writeln!(out, "body = {}", list(&body));
    let commentary = vec![sentence(rng), sentence(rng), sentence(rng)];
    let _ = writeln!(out, "commentary = {}", list(&commentary));
    let (name, base) = SOURCES[rng.below(SOURCES.len())];
    let _ = writeln!(out, "\n[[sections.sources]]\nname = {}", quote(name));
    let _ = writeln!(
        out,
        "url = {}",
        quote(&format!("{base}{:016x}/", rng.next()))
    );
}

fn briefing(rng: &mut Rng, sections: usize, published: Option<String>) -> String {
    let mut out = String::with_capacity(3200 * sections + 1024);
    let title = format!("{}をめぐる{}の動き", rng.pick(NOUNS), rng.pick(NOUNS));
    let _ = writeln!(out, "title = {}", quote(&title));
    let _ = writeln!(
        out,
        "subtitle = {}",
        quote(&format!(
            "{}と{}（{}年）",
            rng.pick(NOUNS),
            rng.pick(NOUNS),
            2023 + rng.below(3)
        ))
    );
    let _ = writeln!(out, "summary = {}", quote(&paragraph(rng, 3)));
    if let Some(p) = published {
        let _ = writeln!(out, "published = {p}");
    }
    let _ = writeln!(out, "language = \"ja\"");
    let tags = vec![rng.pick(NOUNS).to_string(), rng.pick(LATIN).to_string()];
    let _ = writeln!(out, "tags = {}", list(&tags));
    let takeaways: Vec<String> = (0..3).map(|_| sentence(rng)).collect();
    let _ = writeln!(out, "takeaways = {}", list(&takeaways));
    for n in 0..sections {
        section(rng, &mut out, n);
    }
    out
}

/// One valid briefing with `sections` sections of about 3 KB each
/// (2000 sections ≈ 6 MB).
pub fn large_briefing(sections: usize) -> String {
    let mut rng = Rng::new(2025);
    let published = date(&mut rng);
    briefing(&mut rng, sections, Some(published))
}

/// `n` valid briefings as `(file name, TOML)` pairs of about 19 KB each,
/// with varied dates (every seventh has none).
pub fn library_files(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| {
            let mut rng = Rng::new(i as u64 + 1);
            let published = (i % 7 != 6).then(|| date(&mut rng));
            (
                format!("briefing-{i:04}.toml"),
                briefing(&mut rng, 6, published),
            )
        })
        .collect()
}

/// The word only a few archive files contain ([`archive_file`]).
pub const ARCHIVE_RARE: &str = "量子暗号";

/// File `i` of a large archive, `(file name, TOML)`: one section, about
/// 4 KB, dated; every 10,000th (from the 5,000th) has [`ARCHIVE_RARE`]
/// in its title, so a search for it matches 10 files in 100,000.
pub fn archive_file(i: usize) -> (String, String) {
    let mut rng = Rng::new(i as u64 + 1_000_003);
    let published = date(&mut rng);
    let mut text = briefing(&mut rng, 1, Some(published));
    if i % 10_000 == 5_000 {
        text = text.replacen("title = \"", &format!("title = \"{ARCHIVE_RARE}と"), 1);
    }
    (format!("briefing-{i:06}.toml"), text)
}

/// Briefing number `i` of a generated archive, `(file name, TOML)`: one
/// section, about 4 KB, a date in 2023–2025 (every seventh has none);
/// every 10,000th (from the 7,000th) has [`ARCHIVE_RARE`] in its body
/// only, so only reading (or an index) finds it. For the library's
/// 100,000-briefing benchmarks.
pub fn archive_briefing(i: usize) -> (String, String) {
    let mut rng = Rng::new(i as u64 + 7_000_001);
    let published = (i % 7 != 6).then(|| date(&mut rng));
    let mut text = briefing(&mut rng, 1, published);
    if i % 10_000 == 7_000 {
        text = text.replacen("body = [\"", &format!("body = [\"{ARCHIVE_RARE}の話。"), 1);
    }
    (format!("archive-{i:06}.toml"), text)
}

/// The archive of `n` briefings ([`archive_briefing`]) in `dir`, written
/// on all cores unless a `.complete` marker says an earlier run wrote it;
/// for benchmarks that reuse one generated folder across runs.
pub fn write_archive(dir: &std::path::Path, n: usize) -> std::io::Result<()> {
    let done = dir.join(".complete");
    if done.exists() {
        return Ok(());
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir)?;
    let all: Vec<usize> = (0..n).collect();
    crate::parallel::map(&all, 64, |&i| {
        let (name, text) = archive_briefing(i);
        std::fs::write(dir.join(name), text)
    })
    .into_iter()
    .collect::<std::io::Result<()>>()?;
    std::fs::write(&done, "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::parse_str;

    #[test]
    fn large_briefing_is_valid_and_about_3kb_per_section() {
        let src = large_briefing(40);
        let loaded = parse_str("large.toml", &src).expect("valid");
        assert_eq!(loaded.briefing.sections.len(), 40);
        assert!(loaded.warnings.is_empty());
        let per_section = src.len() / 40;
        assert!(
            (2500..=3500).contains(&per_section),
            "{per_section} bytes per section"
        );
        assert_eq!(src, large_briefing(40), "deterministic");
        assert!(src.contains('、') && src.contains('。') && src.contains('「'));
    }

    #[test]
    fn library_files_are_valid_about_19kb_with_varied_dates() {
        let files = library_files(14);
        let mut dates = std::collections::BTreeSet::new();
        for (name, src) in &files {
            let loaded = parse_str(name, src).expect("valid");
            assert!(
                (15_000..=23_000).contains(&src.len()),
                "{name}: {} bytes",
                src.len()
            );
            dates.insert(loaded.briefing.published.map(|p| p.rfc3339()));
        }
        assert!(dates.len() >= 10, "{dates:?}");
        assert!(dates.contains(&None));
        assert_eq!(files, library_files(14));
    }
}
