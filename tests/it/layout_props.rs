//! Property tests of the layout engine over generated hostile text:
//! Japanese, kana, small kana, `ー`, brackets, Latin words, digits, URLs,
//! emoji (ZWJ sequences, flags), combining marks, halfwidth kana, controls
//! and bidi characters, at widths 1 to 200.

use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;
use yomu::briefing::{Briefing, Section, Source};
use yomu::layout::{self, LayoutOptions, Role, Target};
use yomu::text::kinsoku::{allows, hangs};
use yomu::text::sanitize;
use yomu::text::sanitize::is_unsafe_char;
use yomu::text::width::{WidthOptions, str_width};
use yomu::text::wrap::{Glue, HANG_CELLS, WrapOptions, no_end, no_start, url_ranges, wrap};

const ATOMS: &[&str] = &[
    "日本",
    "語",
    "和平",
    "交渉",
    "大統領",
    "の",
    "は",
    "を",
    "ゼレンスキー",
    "ウクライナ",
    "っ",
    "ゃ",
    "ょ",
    "ァ",
    "ー",
    "、",
    "。",
    "「",
    "」",
    "『",
    "』",
    "（",
    "）",
    "・",
    "！",
    "？",
    "…",
    "……",
    "——",
    "々",
    "ゝ",
    "hello",
    "world",
    "supercalifragilisticexpialidocious",
    "a",
    "I",
    " ",
    " ",
    "  ",
    "\u{3000}",
    "123",
    "２０２５",
    "https://jp.reuters.com/world/ukraine/6IAVYGDXMBLGLDJOP7VZZRHEXM-2025-03-04/",
    "http://例え.jp/パス",
    "👨‍👩‍👧",
    "🇯🇵",
    "❤️",
    "👍🏽",
    "e\u{301}",
    "\u{301}",
    "ｶﾞ",
    "ﾊﾟ",
    "ｱ",
    "\u{1b}[31m",
    "\u{1b}]52;c;aGk=\u{7}",
    "\u{9b}",
    "\u{7f}",
    "\u{0}",
    "\u{202e}",
    "\u{2066}",
    "\u{200f}",
    "\n",
    "\t",
    "\r\n",
    ".",
    ",",
    "(",
    ")",
    "…",
    "※",
    "①",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ATOMS), 0..40).prop_map(|v| v.concat())
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn boundaries(s: &str) -> Vec<usize> {
    let mut b: Vec<usize> = s.grapheme_indices(true).map(|(i, _)| i).collect();
    b.push(s.len());
    b
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, .. ProptestConfig::default() })]

    #[test]
    fn wrap_properties(t in text(), width in 1usize..200, keep_urls: bool, phrases: bool, wide: bool, hang: bool) {
        let clean = sanitize(&t).into_owned();
        let w = WidthOptions { ambiguous_wide: wide };
        let opts = WrapOptions { width: w, keep_urls, phrases, hang };
        let pieces = wrap(&clean, width, width, &opts);
        let bounds = boundaries(&clean);
        let urls = url_ranges(&clean);
        let mut rebuilt = String::new();
        let mut prev: Option<&str> = None;
        for p in &pieces {
            let s = &clean[p.range.clone()];
            // No control, escape or bidi character survives.
            prop_assert!(!s.chars().any(|c| is_unsafe_char(c) || c == '\n' || c == '\t'), "{s:?}");
            // No grapheme cluster is split.
            prop_assert!(bounds.contains(&p.range.start) && bounds.contains(&p.range.end), "split cluster in {s:?}");
            // Width is right, and nothing is wider than the line, except an
            // unbreakable URL (exports) or a single cluster wider than the line.
            prop_assert_eq!(p.width, str_width(s, w));
            let in_url = urls.iter().any(|u| u.start < p.range.end && p.range.start < u.end);
            // Hanging punctuation reaches past the line by its own width.
            let last_base = s.graphemes(true).next_back().and_then(|g| g.chars().next());
            let hung = hang && p.hanging && last_base.is_some_and(hangs)
                && p.width <= width + HANG_CELLS;
            prop_assert!(p.hanging == hung, "{s:?} hangs without reason");
            prop_assert!(p.width <= width || (keep_urls && in_url) || s.graphemes(true).count() == 1 || hung,
                "{s:?} is {} wide at {width}", p.width);
            // Kinsoku wherever the break was a legal one.
            if p.glue != Glue::Hard && !p.forced {
                if let Some(c) = s.chars().next() {
                    prop_assert!(!no_start(c), "line starts with {c:?}: {s:?}");
                }
                if let Some(c) = prev.and_then(|q| q.chars().next_back()) {
                    prop_assert!(!no_end(c), "line ends with {c:?}: {prev:?}");
                }
            }
            // An emergency cut breaks kinsoku only where the line before
            // it had no boundary that keeps it.
            if p.forced && !keep_urls && let Some(q) = prev {
                let edge = |a: &str, b: &str| allows(
                    a.chars().rev().find(|c| !" \u{3000}".contains(*c)),
                    b.chars().find(|c| !" \u{3000}".contains(*c)),
                );
                if !edge(q, s) {
                    let gs: Vec<&str> = q.graphemes(true).collect();
                    prop_assert!(
                        (1..gs.len()).all(|k| !edge(&gs[..k].concat(), &gs[k..].concat())),
                        "cut between {q:?} and {s:?} breaks kinsoku needlessly"
                    );
                }
            }
            rebuilt.push_str(s);
            prev = Some(s);
        }
        // Removing whitespace gives back the sanitised text.
        prop_assert_eq!(squash(&rebuilt), squash(&clean));
    }

    #[test]
    fn fast_segmentation_agrees_with_uax29(t in text()) {
        let w = WidthOptions::default();
        let fast: Vec<(usize, String)> = yomu::text::Graphemes::new(&t, w).map(|(i, g, _)| (i, g.to_string())).collect();
        let full: Vec<(usize, String)> = t.grapheme_indices(true).map(|(i, g)| (i, g.to_string())).collect();
        prop_assert_eq!(fast, full);
    }

    #[test]
    fn japanese_prose_never_needs_a_forced_break(
        atoms in prop::collection::vec(prop::sample::select(&["日本", "語", "の", "は", "和平", "交渉、", "交渉。", "「和平」", "データー", "ちょっと"][..]), 1..60),
        width in 8usize..120,
    ) {
        let t = atoms.concat();
        for p in wrap(&t, width, width, &WrapOptions::default()) {
            prop_assert!(!p.forced, "forced break in {t:?} at {width}");
        }
    }

    #[test]
    fn layout_properties(
        heading in text(), question in text(), lead in text(),
        body in prop::collection::vec(text(), 0..3),
        points in prop::collection::vec(text(), 0..3),
        name in text(),
        width in 1usize..200, terminal: bool, hanging: bool,
    ) {
        let b = Briefing {
            title: heading.clone(),
            subtitle: Some(lead.clone()),
            summary: Some(question.clone()),
            published: None,
            language: None,
            tags: vec![],
            takeaways: points.clone(),
            sections: vec![Section {
                heading: heading.clone(),
                id: None,
                tags: Vec::new(),
                question: Some(question.clone()),
                answer: None,
                lead: Some(lead.clone()),
                published: None,
                key_points: points.clone(),
                body: body.clone(),
                commentary: body.clone(),
                sources: vec![Source { name: name.clone(), url: "https://jp.reuters.com/world/ukraine/6IAVYGDXMBLGLDJOP7VZZRHEXM-2025-03-04/".into() }],
            }],
        };
        let target = if terminal { Target::Terminal } else { Target::Export };
        let opts = LayoutOptions { width, widths: WidthOptions::default(), target, hanging, ..LayoutOptions::new(width) };
        let doc = layout::layout(&b, opts);
        for page in &doc.pages {
            for line in &page.lines {
                let text = line.text();
                prop_assert!(!text.chars().any(|c| is_unsafe_char(c) || c == '\n' || c == '\t'), "{text:?}");
                prop_assert_eq!(line.width, str_width(&text, WidthOptions::default()), "{:?}", text);
                let content: String = line.content().map(|s| s.text.as_str()).collect();
                // Only an unbreakable URL may overflow (exports): the rest of the line fits.
                let url_w: usize = url_ranges(&content).iter().map(|u| str_width(&content[u.clone()], WidthOptions::default())).sum();
                let url_ok = target == Target::Export && url_w > 0 && line.width - url_w <= width;
                let last_base = text.graphemes(true).next_back().and_then(|g| g.chars().next());
                let hung = terminal && hanging && last_base.is_some_and(hangs)
                    && line.width <= width + HANG_CELLS;
                prop_assert!(line.width <= width || url_ok || hung, "{text:?} wider than {width}");
            }
        }
        if width >= 2 {
            let section = &doc.pages[1];
            let of = |role: Role| squash(&section.lines.iter().flat_map(|l| l.content()).filter(|s| s.role == role).map(|s| s.text.as_str()).collect::<String>());
            let clean = |v: &[String]| squash(&v.iter().map(|s| sanitize(s).into_owned()).collect::<String>());
            prop_assert_eq!(of(Role::Heading), squash(&sanitize(&heading)));
            prop_assert_eq!(of(Role::Question), squash(&sanitize(&question)));
            prop_assert_eq!(of(Role::Lead), squash(&sanitize(&lead)));
            prop_assert_eq!(of(Role::Body), clean(&body));
            prop_assert_eq!(of(Role::KeyPoint), clean(&points));
            prop_assert_eq!(of(Role::Commentary), clean(&body));
            prop_assert_eq!(of(Role::SourceName), squash(&sanitize(&name)));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    /// The exports number sources by a binary search over the links (linear
    /// overall); the numbers are those of the reader's per-page count.
    #[test]
    fn source_numbers_by_search_match_the_count(counts in prop::collection::vec(0usize..4, 1..30)) {
        let sections: Vec<Section> = counts.iter().enumerate().map(|(i, &n)| Section {
            sources: (0..n).map(|k| Source { name: format!("s{i}.{k}"), url: format!("https://e.com/{i}/{k}") }).collect(),
            ..Section::new(format!("h{i}"))
        }).collect();
        let b = Briefing {
            title: "t".into(), subtitle: None, summary: None, published: None, language: None,
            tags: vec![], takeaways: vec![], sections,
        };
        let links = layout::links(&b);
        let opts = LayoutOptions::new(60);
        for p in 0..layout::page_count(&b) {
            let first = layout::first_source_of_page(&links, p);
            prop_assert_eq!(layout::layout_page_numbered(&b, p, opts, first), layout::layout_page(&b, p, opts));
        }
        for i in 0..b.sections.len() {
            let want: Vec<&layout::Link> = links.iter().filter(|l| l.section == i).collect();
            let got: Vec<&layout::Link> = layout::links_of_section(&links, i).iter().collect();
            prop_assert_eq!(got, want);
        }
    }
}
