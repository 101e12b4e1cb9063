//! Lines the extractor keeps that are no part of the article: bylines,
//! time stamps, credits, "Advertisement", "Read more: …", share buttons
//! ("ツイート", "シェアする"), "【関連記事】", "最終更新: …", and the run of
//! short lines (headlines of other articles, menus) after the article's
//! last sentence.
//!
//! Applied to the extractor's lines before they become paragraphs. Each
//! rule looks at one line alone, except the last, which removes, from the
//! end, lines shorter than a sentence that end with no sentence
//! punctuation, as long as something longer stays before them.

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
];

/// Line openings that mark boilerplate (compared case-insensitively).
const OPENINGS: &[&str] = &[
    "read more:",
    "read more about",
    "first published:",
    "posted:",
    "updated:",
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
];

/// Whether `line` is boilerplate by itself.
pub fn is_boilerplate(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let bare = lower.trim_end_matches(['.', '…', ':', '：', ' ']);
    if WHOLE.contains(&bare) || OPENINGS.iter().any(|o| lower.starts_with(o)) {
        return true;
    }
    is_timestamp(&lower) || is_byline(line.trim())
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

/// Whether a line ends as a sentence does.
fn ends_a_sentence(s: &str) -> bool {
    s.trim_end().ends_with([
        '.', '!', '?', '"', '”', '’', '\'', ')', '。', '！', '？', '」', '』', '）', ':',
    ])
}

/// `blocks` without boilerplate lines, and without the run of short,
/// unpunctuated lines that ends them.
pub fn strip(blocks: Vec<Block>) -> Vec<Block> {
    let mut kept: Vec<Block> = blocks
        .into_iter()
        .filter(|b| match b {
            Block::Paragraph(s) | Block::Point(s) => !is_boilerplate(s),
            Block::Heading(s) => !is_boilerplate(s),
        })
        .collect();
    let long = |s: &str| s.chars().count() >= 80;
    while let Some(last) = kept.last() {
        let (Block::Paragraph(s) | Block::Point(s) | Block::Heading(s)) = last;
        let short = s.chars().count() < 60 && !ends_a_sentence(s);
        let rest_long = kept[..kept.len() - 1].iter().any(|b| {
            let (Block::Paragraph(s) | Block::Point(s) | Block::Heading(s)) = b;
            long(s)
        });
        if short && rest_long {
            kept.pop();
        } else {
            break;
        }
    }
    kept
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
        ] {
            assert!(is_boilerplate(b), "{b}");
        }
        for a in [
            "By the end of the year, prices had doubled.",
            "2019年、政府は新しい制度を導入した。",
            "Shares rose 3% on Tuesday.",
            "政府は1日、新しい経済対策を発表した。",
        ] {
            assert!(!is_boilerplate(a), "{a}");
        }
    }

    #[test]
    fn trailing_headlines_go() {
        let p = |s: &str| Block::Paragraph(s.into());
        let long = "政府は1日、新しい経済対策を発表した。物価の上昇が続くなか、家計の負担を和らげるための措置で、電気料金とガス料金の補助を来年の春まで延長する。専門家は効果が限られると指摘している。";
        let out = strip(vec![p(long), p("他の記事の見出し"), p("もう一つの見出し")]);
        assert_eq!(out, vec![p(long)]);
        // A short article keeps its lines.
        let out = strip(vec![p("短い記事"), p("二行目")]);
        assert_eq!(out.len(), 2);
    }
}
