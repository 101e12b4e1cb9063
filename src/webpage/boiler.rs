//! Lines the extractor keeps that are no part of the article: bylines,
//! time stamps, credits, "Advertisement", "Read more: …", share buttons
//! ("ツイート", "シェアする"), "【関連記事】", "最終更新: …", wire lines
//! ("… 3/9(木) 18:45配信"), pictures' credits, thumbnails' addresses,
//! what follows a citation block or "あわせて読みたい" near the end, the
//! page's headline
//! repeated above the article, runs of linked headlines (related
//! articles, rankings), and the run of short lines (headlines of other
//! articles, menus) after the article's last sentence.
//!
//! Applied to the extractor's lines before they become paragraphs. Most
//! rules look at one line alone; [`strip_title`] looks at the first few
//! lines, [`strip_link_runs`] at neighbours, and the last rule of
//! [`strip`] removes, from the end, lines shorter than a sentence that end
//! with no sentence punctuation, as long as something longer stays before
//! them and no line ending in a colon announces them as a list.

use super::article::Block;

/// Lines that are boilerplate wherever they are, compared whole
/// (case-insensitively, trailing `.`, `…` and `:` ignored).
const WHOLE: &[&str] = &[
    "advert",
    "advertisement",
    "sponsored",
    "back to gallery",
    "you may also like",
    "related",
    "related articles",
    "related stories",
    "share",
    "share this",
    "share this article",
    "tweet",
    "print",
    "email",
    "comments",
    "ツイート",
    "シェア",
    "シェアする",
    "ブックマーク",
    "印刷",
    "メール",
    "広告",
    "関連記事",
    "【関連記事】",
    "この記事をシェアする",
    "続きを読む",
    "もっと見る",
    "完了しました",
    "無断転載・複製を禁じます",
    "無断転載を禁じます",
    "スクラップは会員限定です",
    "会員の方はログイン",
    "新規登録",
    "ログイン",
    "breaking news",
    "explore further",
    "also on rt.com",
    "tags",
    "[pr]",
    "pr",
    "スクラップについて",
    "メモ入力",
    "使い方",
    "リンク",
    "みんなのツイートを見る",
    "この記事の写真",
    "コメント",
];

/// Line openings that mark boilerplate (compared case-insensitively).
const OPENINGS: &[&str] = &[
    "read more:",
    "read more about",
    "first published:",
    "posted:",
    "updated:",
    "updated at ",
    "like this story?",
    "last updated:",
    "published:",
    "photo:",
    "photo credit:",
    "image copyright",
    "image caption",
    "фото:",
    "subscribe to",
    "sign up for",
    "get the latest",
    "follow us on",
    "最終更新:",
    "最終更新：",
    "配信",
    "【関連記事】",
    "この記事は有料記事です",
    "この記事は会員限定です",
    "copyright",
    "©",
    "all rights reserved",
    "ランキングに参加中",
    "-最大400文字まで",
];

/// Whether `line` is boilerplate by itself.
pub fn is_boilerplate(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let bare = lower.trim_end_matches(['.', '…', ':', '：', ' ']);
    if WHOLE.contains(&bare) || OPENINGS.iter().any(|o| lower.starts_with(o)) {
        return true;
    }
    is_timestamp(&lower)
        || is_credit(&lower)
        || is_byline(line.trim())
        || is_bare_address(line.trim())
        || is_dateline(line.trim())
}

/// A picture's caption with its credit (`… Credit: ESA`,
/// `… ©  Reuters / David Mercado`): the credit in its last words.
fn is_credit(lower: &str) -> bool {
    let tail_from = lower.char_indices().rev().nth(60).map_or(0, |(i, _)| i);
    let tail = &lower[tail_from..];
    lower.chars().count() <= 400
        && (tail.contains("credit:") || tail.contains('©') || tail.contains("(c) "))
}

/// Lines after which an article has ended: what follows is other
/// articles, citations and sharing (compared as [`WHOLE`] is).
const END_MARKERS: &[&str] = &[
    "citation",
    "related articles",
    "related stories",
    "related coverage",
    "more stories",
    "recommended",
    "you may also like",
    "関連記事",
    "【関連記事】",
    "関連ニュース",
    "あわせて読みたい",
    "おすすめ記事",
    "こちらもおすすめ",
];

/// `blocks` cut at a line of [`END_MARKERS`] in the second half of their
/// text (in the first half, such a line heads a box amid the article).
pub fn cut_at_end_marker(mut blocks: Vec<Block>) -> Vec<Block> {
    let total: usize = blocks.iter().map(|b| text(b).chars().count()).sum();
    let mut before = 0;
    for (i, b) in blocks.iter().enumerate() {
        let lower = text(b).trim().to_lowercase();
        let bare = lower.trim_end_matches(['.', '…', ':', '：', ' ']);
        if i > 0 && before * 2 >= total && END_MARKERS.contains(&bare) {
            blocks.truncate(i);
            break;
        }
        before += text(b).chars().count();
    }
    blocks
}

/// An image's address alone on its line (a thumbnail's, written out). A
/// link's address stays: articles list them as their references.
fn is_bare_address(line: &str) -> bool {
    let Ok(u) = url::Url::parse(line) else {
        return false;
    };
    let path = u.path().to_ascii_lowercase();
    matches!(u.scheme(), "http" | "https")
        && !line.contains(char::is_whitespace)
        && [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"]
            .iter()
            .any(|e| path.ends_with(e))
}

/// A Japanese wire line: who delivered the article and when
/// (`CNET Japan 3/9(木) 18:45配信`, `488文字`).
fn is_dateline(line: &str) -> bool {
    let short = line.chars().count() <= 40;
    let digits = line.chars().any(|c| c.is_ascii_digit());
    short
        && digits
        && (line.ends_with("配信")
            || line.strip_suffix("文字").is_some_and(|n| {
                !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == ',')
            }))
}

/// A date or time alone: digits, separators and at most a few letters
/// (`11/20/2019 01:14 PM`, `2019年11月20日 13:14`, `Nov. 20, 2019`).
fn is_timestamp(lower: &str) -> bool {
    let digits = lower.chars().filter(char::is_ascii_digit).count();
    let letters = lower.chars().filter(|c| c.is_alphabetic()).count();
    let date_words = [
        "年", "月", "日", "時", "分", "am", "pm", "gmt", "utc", "jst", "edt", "est",
    ];
    let word_letters: usize = date_words
        .iter()
        .filter(|w| lower.contains(*w))
        .map(|w| w.chars().count() * lower.matches(*w).count())
        .sum();
    digits >= 4
        && letters.saturating_sub(word_letters) <= 4
        && lower.chars().count() <= 40
        && !lower.contains('|')
}

/// `By JANE DOE`, `By REUTERS`, `BY:` (a short line naming the writer).
fn is_byline(line: &str) -> bool {
    let lower = line.to_lowercase();
    let Some(rest) = lower
        .strip_prefix("by")
        .filter(|r| r.starts_with([' ', ':']))
    else {
        return false;
    };
    rest.split_whitespace().count() <= 5 && !line.ends_with(['.', '!', '?'])
}

/// Whether a line ends as a sentence does. A Western closing quote ends
/// one only after sentence punctuation (`… he said.”`); after a letter it
/// closes a quoted phrase, as headlines end (`… for ‘ongoing
/// cooperation’`).
fn ends_a_sentence(s: &str) -> bool {
    let s = s.trim_end();
    if let Some(inner) = s.strip_suffix(['"', '”', '’', '\'']) {
        return inner
            .trim_end()
            .ends_with(['.', '!', '?', ',', '。', '！', '？']);
    }
    // A Japanese line ending in hiragana ends as a sentence does, even
    // unpunctuated, as blogs write (`…母なのでした`); headlines end in a
    // noun (`…４４位`, `…（NNN）`).
    s.ends_with(['.', '!', '?', ')', '。', '！', '？', '」', '』', '）', ':'])
        || s.ends_with(|c| matches!(c, '\u{3041}'..='\u{3096}'))
}

/// The length, in characters, under which an unpunctuated line at the end
/// is taken for a headline or a menu rather than the article's last line.
const SHORT: usize = 100;

/// `blocks` without boilerplate lines, and without the run of short,
/// unpunctuated lines that ends them (unless a line ending in a colon
/// announces them).
pub fn strip(blocks: Vec<Block>) -> Vec<Block> {
    let mut kept: Vec<Block> = blocks
        .into_iter()
        .filter(|b| match b {
            Block::Paragraph(s) | Block::Point(s) => !is_boilerplate(s),
            Block::Heading(s) => !is_boilerplate(s),
        })
        .collect();
    let long = |s: &str| s.chars().count() >= 80;
    let unpunctuated = |b: &Block| {
        let s = text(b);
        s.chars().count() < SHORT && !ends_a_sentence(s)
    };
    let start = kept
        .iter()
        .rposition(|b| !unpunctuated(b))
        .map_or(0, |i| i + 1);
    // A list the article announces ("Tour dates:") is the article's.
    let announced = start > 0 && text(&kept[start - 1]).ends_with([':', '：']);
    let rest_long = kept[..start].iter().any(|b| long(text(b)));
    if rest_long && !announced {
        kept.truncate(start);
    }
    kept
}

/// `s` without whitespace: how lines are compared whatever their line
/// breaks and spaces.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn text(b: &Block) -> &str {
    let (Block::Paragraph(s) | Block::Point(s) | Block::Heading(s)) = b;
    s
}

/// How many of an article's first blocks are looked at for a repeated
/// title.
const TITLE_REACH: usize = 3;

/// `blocks` without the lines among the first few that repeat the title:
/// the page's headline above the article, often with the site's name
/// (`Title（産経新聞）`) or without it (the title being `Title - Site`).
pub fn strip_title(mut blocks: Vec<Block>, title: &str) -> Vec<Block> {
    let title = squeeze(title);
    if title.is_empty() {
        return blocks;
    }
    let title_len = title.chars().count();
    let repeats = |b: &Block| {
        let s = squeeze(text(b));
        let len = s.chars().count();
        !s.is_empty()
            && (s == title
                || (len * 2 >= title_len && title.contains(&s))
                || (len <= title_len + 30 && s.contains(&title)))
    };
    let mut at = 0;
    while at < blocks.len().min(TITLE_REACH) {
        if repeats(&blocks[at]) {
            blocks.remove(at);
        } else {
            at += 1;
        }
    }
    blocks
}

/// The longest line taken for a link to another article (a headline).
const MAX_HEADLINE: usize = 160;

/// `blocks` without runs of two or more lines that are each one link
/// (related articles, rankings, menus between the article's parts), as
/// `is_link` tells, given a line without whitespace and without a
/// ranking number in front. A single linked line stays: an article may
/// link a whole sentence.
pub fn strip_link_runs(blocks: Vec<Block>, is_link: impl Fn(&str) -> bool) -> Vec<Block> {
    let linked: Vec<bool> = blocks
        .iter()
        .map(|b| {
            let s = squeeze(text(b));
            let s = s.trim_start_matches(|c: char| c.is_ascii_digit());
            !s.is_empty() && s.chars().count() <= MAX_HEADLINE && is_link(s)
        })
        .collect();
    blocks
        .into_iter()
        .enumerate()
        .filter(|(i, _)| {
            let run = linked[*i]
                && ((*i > 0 && linked[i - 1]) || linked.get(i + 1).copied().unwrap_or(false));
            !run
        })
        .map(|(_, b)| b)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_lines() {
        for b in [
            "ADVERTISEMENT",
            "Advert",
            "Back to Gallery",
            "Read more: Alibaba poised to launch",
            "11/20/2019 01:14 PM",
            "By JERUSALEM POST STAFF",
            "BY:",
            "ツイート",
            "【関連記事】",
            "最終更新:3/9(木) 18:45",
            "2019年11月20日 13時14分",
            "Фото: личный архив",
            "BREAKING NEWS",
            "Tags",
            "[PR]",
            "https://www.yomiuri.co.jp/media/2021/10/20211013-OYT1I50052-T.jpg?type=thumbnail",
            "CNET Japan 3/9(木) 18:45配信",
            "488文字",
            "スクラップについて",
            "メモ入力",
            "-最大400文字まで",
            "みんなのツイートを見る",
            "ランキングに参加中。クリックして応援お願いします！",
            "A reference habitation module for a crewed Mars mission compared to its hibernation-based equivalent. Credit: ESA",
            "A cyclist rides next to a blocked petrol plant of Senkata in the outskirts of La Paz, Bolivia, November 19, 2019. ©  Reuters / David Mercado",
            "Explore further",
            "Updated at 1:23 p.m.",
            "Like this story? Share it with a friend!",
        ] {
            assert!(is_boilerplate(b), "{b}");
        }
        for a in [
            "By the end of the year, prices had doubled.",
            "2019年、政府は新しい制度を導入した。",
            "Shares rose 3% on Tuesday.",
            "政府は1日、新しい経済対策を発表した。",
            "See https://example.com/report for the full report.",
            "http://amzn.to/2iJFhRj",
            "The agency gave credit: to the crew, to the engineers and to the families who waited for them at home for months.",
            "85%",
            "3月9日から配信を始めた新しいアプリは、無料で使える。",
        ] {
            assert!(!is_boilerplate(a), "{a}");
        }
    }

    #[test]
    fn trailing_headlines_go() {
        let p = |s: &str| Block::Paragraph(s.into());
        let long = "政府は1日、新しい経済対策を発表した。物価の上昇が続くなか、家計の負担を和らげるための措置で、電気料金とガス料金の補助を来年の春まで延長する。専門家は効果が限られると指摘している。";
        let out = strip(vec![
            p(long),
            p("群馬県知事「法的措置検討」 魅力度ランキング４４位"),
            p("スマホ価格、代理店が自由に設定 公取委指導で携帯3社"),
        ]);
        assert_eq!(out, vec![p(long)]);
        // A short article keeps its lines.
        let out = strip(vec![p("短い記事"), p("二行目")]);
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn headlines_ending_in_a_quoted_phrase_are_no_sentence() {
        let p = |s: &str| Block::Paragraph(s.into());
        let long = "The son of former German President Richard von Weizsäcker was stabbed to death on Tuesday evening while giving a lecture at a Berlin clinic, police said.";
        let out = strip(vec![
            p(long),
            p("Netanyahu to Gantz: Let's form a unity gov't and 'annex the Jordan Valley"),
            p("UTJ, Shas MK’s thank Joint List for ‘ongoing cooperation’"),
        ]);
        assert_eq!(out, vec![p(long)]);
        // A quotation that ends a sentence ends the article.
        let quoted = p("“We will not stop,” she said. “Never.”");
        let out = strip(vec![p(long), quoted.clone()]);
        assert_eq!(out, vec![p(long), quoted]);
        // A list the article announces stays, however it ends.
        let dates = vec![
            p(long),
            p("The Doobie Brothers 50th Anniversary Tour 2020 dates:"),
            Block::Point("June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL".into()),
            Block::Point(
                "Aug. 14 -- Hollywood Casino Amphitheatre – St. Louis, St. Louis, MO".into(),
            ),
        ];
        assert_eq!(strip(dates.clone()), dates);
        assert!(ends_a_sentence("彼は「必ず戻る」と語った。"));
        assert!(ends_a_sentence("「ありがとう」"));
        assert!(ends_a_sentence(
            "指摘しませんでしたが、ちょっぴり嬉しくもある母なのでした"
        ));
        assert!(!ends_a_sentence(
            "群馬県知事「法的措置検討」 魅力度ランキング４４位"
        ));
    }

    #[test]
    fn the_title_repeated_above_the_article_goes() {
        let p = |s: &str| Block::Paragraph(s.into());
        let body = p(
            "トレンドマイクロは3月9日、Wi-Fi利用時の通信を暗号化し保護するスマートフォン向けアプリを発表した。",
        );
        // Yahoo!ニュース: the headline with its source, the title with the site.
        let out = strip_title(
            vec![
                p("トレンドマイクロ、公衆無線LANを安全に使うためのアプリ（CNET Japan）"),
                body.clone(),
            ],
            "トレンドマイクロ、公衆無線LANを安全に使うためのアプリ（CNET Japan） - Yahoo!ニュース",
        );
        assert_eq!(out, vec![body.clone()]);
        // The headline with more after it than the title.
        let out = strip_title(
            vec![
                Block::Heading("Son of former German president stabbed to death in Berlin".into()),
                body.clone(),
            ],
            "Son of former German president stabbed to death",
        );
        assert_eq!(out, vec![body.clone()]);
        // A paragraph that merely mentions a word of the title stays, and
        // so does a repetition far into the article.
        let blocks = vec![
            body.clone(),
            p("アプリ"),
            p("a"),
            p("b"),
            p("トレンドマイクロ、公衆無線LANを安全に使うためのアプリ"),
        ];
        assert_eq!(
            strip_title(
                blocks.clone(),
                "トレンドマイクロ、公衆無線LANを安全に使うためのアプリ"
            ),
            blocks
        );
    }

    #[test]
    fn runs_of_linked_headlines_go() {
        let p = |s: &str| Block::Paragraph(s.into());
        let links = [
            "群馬県知事「法的措置検討」魅力度ランキング４４位",
            "小室圭さんは「血税」を奪っているのか〈週刊朝日〉AERAdot.",
            "Readthereport",
        ];
        let is_link = |s: &str| links.contains(&s);
        let body = p(
            "民間シンクタンク「ブランド総合研究所」（東京都）の令和３年の調査で、群馬県は44位だった。",
        );
        let out = strip_link_runs(
            vec![
                body.clone(),
                p("群馬県知事「法的措置検討」 魅力度ランキング４４位"),
                p("1小室圭さんは「血税」を奪っているのか〈週刊朝日〉AERA dot."),
                p("Read the report"),
            ],
            is_link,
        );
        assert_eq!(out, vec![body.clone()]);
        // One linked line amid the text is the article's.
        let blocks = vec![body.clone(), p("Read the report"), body.clone()];
        assert_eq!(strip_link_runs(blocks.clone(), is_link), blocks);
    }

    #[test]
    fn an_end_marker_in_the_second_half_ends_the_article() {
        let p = |s: &str| Block::Paragraph(s.into());
        let body = p(
            "Hibernation, long the preserve of science fiction, could one day let astronauts travel to Mars in smaller spacecraft, the European Space Agency said.",
        );
        let out = cut_at_end_marker(vec![
            body.clone(),
            body.clone(),
            p("Citation:"),
            p("Hibernating astronauts would need smaller spacecraft (2019, November 18)"),
        ]);
        assert_eq!(out, vec![body.clone(), body.clone()]);
        // Near the top it heads a box amid the article: nothing is cut.
        let blocks = vec![p("関連記事"), p("記事の見出し"), body.clone(), body.clone()];
        assert_eq!(cut_at_end_marker(blocks.clone()), blocks);
        let blocks = vec![body.clone(), p("あわせて読みたい"), p("他の記事")];
        assert_eq!(cut_at_end_marker(blocks), vec![body]);
    }
}
