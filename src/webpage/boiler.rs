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
//! Japanese pages have their own furniture, judged by characters rather
//! than words: a paywall's notice ("この記事は有料会員記事です。残り977
//! 文字…") ends what the page shows of the article; a short heading
//! naming a ranking or recommendations ("アクセスランキング（国内）",
//! "今、あなたにオススメ") ends it in its second half; page turners ("前へ",
//! "1/3ページ", "<< 前の記事"), counters ("コメント(2)", "Comments(0)"), a
//! blog's tag and category labels ("タグ：") and a thread's source line
//! ("引用元：…") go as lines; and a line counts as a link when most of its
//! characters are inside links ([`link_share`]), as a ranking's entry is
//! (its headline linked, its source and time not).
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
    "前へ",
    "次へ",
    "前のページ",
    "次のページ",
    "もっと読む",
    "コメントを書く",
    "読者になる",
    "ログインして閲覧",
    "いいね！",
    "リブログ",
    "フォロー",
    "ニュースを聞く",
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
    "タグ：",
    "タグ:",
    "テーマ：",
    "テーマ:",
    "カテゴリ：",
    "カテゴリー：",
    "引用元：",
    "引用元:",
    "今すぐ登録",
    "いますぐ登録",
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
        || is_page_turner(line.trim())
        || is_breadcrumb(line.trim())
        || is_run_together_list(line.trim())
        || is_counter(line.trim())
        || is_paywall(line.trim())
        || super::edges::is_standing_notice(line)
        || is_photo_caption(line.trim())
        || is_repeated_menu(line.trim())
}

/// The words that end a Japanese photograph's caption, after its
/// photographer's or lender's name (`（柳原一哉撮影）`, `、竹内幹撮影`,
/// `＝同社提供`).
const CAPTION_ENDS: &[&str] = &[
    "撮影）",
    "撮影)",
    "撮影",
    "提供）",
    "提供)",
    "提供",
    "＝共同）",
    "＝時事）",
];

/// The longest photograph's caption.
const CAPTION: usize = 150;

/// A Japanese news photograph's caption: what it shows, `＝`, where and
/// when, and who took it (`臨時会見で…山本一太知事＝１２日、同県庁（柳原一哉
/// 撮影）`, `…岸田文雄首相＝国会内で2021年10月8日、竹内幹撮影`).
fn is_photo_caption(line: &str) -> bool {
    line.chars().count() <= CAPTION
        && CAPTION_ENDS.iter().any(|e| line.ends_with(e))
        && line.contains(['＝', '='])
        && !line.contains('。')
}

/// A line that repeats one stretch of words three times or more: tabs of
/// a menu run together (`トレンドウオッチ新着注目ビジネスライフスタイル新着注目
/// ビジネスライフスタイル新着注目ビジネスライフスタイル`).
fn is_repeated_menu(line: &str) -> bool {
    let chars: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.len() > 150
        || chars.len() < 3 * MENU_CHUNK
        || line.contains('。')
        || !mostly_japanese(line)
    {
        return false;
    }
    let s: String = chars.iter().collect();
    chars.windows(MENU_CHUNK).any(|w| {
        let chunk: String = w.iter().collect();
        s.matches(chunk.as_str()).count() >= 3
    })
}

/// The stretch of characters [`is_repeated_menu`] looks for three times.
const MENU_CHUNK: usize = 8;

/// The longest dateline opening a paragraph (`【ワシントン＝大内清】`).
const DATELINE: usize = 24;

/// The head of the first paragraph before an ad slot (`…財務省 [PR] 学校法人
/// …`): the headline, byline, share buttons and caption the page ran into
/// it, when no sentence ends in them.
const PR_REACH: usize = 200;

/// A paragraph without the photograph's caption run into its start
/// (`…＝８日午後、山梨県都留市（飯田英男撮影）時速５００キロの世界を体感－。`);
/// left whole when no caption opens it or too little follows.
fn cut_leading_caption(b: Block) -> Block {
    let Block::Paragraph(s) = &b else {
        return b;
    };
    if !mostly_japanese(s) {
        return b;
    }
    let head_end = s.char_indices().nth(CAPTION).map_or(s.len(), |(i, _)| i);
    let head = &s[..head_end];
    let caption_end = CAPTION_ENDS
        .iter()
        .filter(|e| e.ends_with(['）', ')']))
        .filter_map(|e| head.find(e).map(|at| at + e.len()))
        .min()
        .filter(|&end| s[..end].contains(['＝', '=']) && !s[..end].contains('。'));
    let pr_reach = s.char_indices().nth(PR_REACH).map_or(s.len(), |(i, _)| i);
    let pr_end = s[..pr_reach]
        .find("[PR]")
        .map(|at| at + "[PR]".len())
        .filter(|&end| {
            // No sentence in the head, or a caption that holds one and
            // ends at the slot (`…動いている=2021年10月5日、…室矢英樹撮影
            // [PR]`).
            let head = s[..end - "[PR]".len()].trim_end();
            !head.contains('。')
                || (CAPTION_ENDS.iter().any(|e| head.ends_with(e)) && head.contains(['＝', '=']))
        });
    let mut rest = match caption_end.into_iter().chain(pr_end).max() {
        Some(end) => s[end..].trim_start(),
        None => s.as_str(),
    };
    rest = rest.strip_prefix("[PR]").unwrap_or(rest).trim_start();
    // A dateline: where and who (`【ワシントン＝大内清】`).
    if let Some(inner) = rest.strip_prefix('【')
        && let Some(close) = inner.find('】')
        && inner[..close].contains(['＝', '='])
        && inner[..close].chars().count() <= DATELINE
    {
        rest = inner[close + '】'.len_utf8()..].trim_start();
    }
    if rest.len() < s.len() && rest.chars().count() >= MIN_AFTER_CAPTION {
        Block::Paragraph(rest.to_string())
    } else {
        b
    }
}

/// The least text after a caption for the caption to be cut from it.
const MIN_AFTER_CAPTION: usize = 20;

/// A link to the previous or next page or post (`<< 前の記事`, `次の記事
/// >>`, `« Older`), or which page of several this is (`1/3ページ`,
/// `2ページ目`).
fn is_page_turner(line: &str) -> bool {
    let n = line.chars().count();
    if n > 60 {
        return false;
    }
    let arrows = ["<<", ">>", "«", "»", "≪", "≫"];
    if arrows
        .iter()
        .any(|a| line.starts_with(a) || line.ends_with(a))
    {
        return true;
    }
    let Some(num) = line
        .strip_suffix("ページ")
        .or_else(|| line.strip_suffix("ページ目"))
    else {
        return false;
    };
    let num = num.trim();
    !num.is_empty()
        && num
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '／' | ' '))
}

/// The shortest line looked at by [`is_run_together_list`].
const RUN_TOGETHER_MIN: usize = 200;

/// Japanese is written without spaces between words, so a long Japanese
/// line in which a space comes every few words and a sentence rarely ends
/// is a list of names the extractor ran together (a blog's favourite
/// blogs, its categories with their counts), not prose: at least 20
/// space-separated fragments for each sentence end.
fn is_run_together_list(line: &str) -> bool {
    if line.chars().count() < RUN_TOGETHER_MIN || !mostly_japanese(line) {
        return false;
    }
    let fragments = line.split(' ').filter(|f| !f.is_empty()).count();
    let ends = line.matches(['。', '！', '？', '!', '?']).count();
    fragments >= 20 * (ends + 1)
}

/// A breadcrumb trail: two or more short names joined by `>`
/// (`福娘童話集 > きょうのイソップ童話 > 欲張りなイヌ`, `Home › News`).
fn is_breadcrumb(line: &str) -> bool {
    if line.chars().count() > 120 || ends_a_sentence(line) {
        return false;
    }
    let parts: Vec<&str> = line.split(['>', '＞', '›', '»']).map(str::trim).collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().count() <= 30)
}

/// A counter under a post: a word and a number in brackets
/// (`コメント(2)`, `Comments(0)`, `いいね！（12）`, `トラックバック(0)`).
fn is_counter(line: &str) -> bool {
    let Some(inner) = line
        .strip_suffix(')')
        .and_then(|l| l.rsplit_once('('))
        .or_else(|| line.strip_suffix('）').and_then(|l| l.rsplit_once('（')))
    else {
        return false;
    };
    let (word, num) = inner;
    let word = word.trim().to_lowercase();
    let counted = [
        "コメント",
        "comments",
        "comment",
        "トラックバック",
        "trackback",
        "いいね！",
        "いいね",
        "シェア",
        "ブックマーク",
    ];
    !num.is_empty() && num.chars().all(|c| c.is_ascii_digit()) && counted.contains(&word.as_str())
}

/// A paywall's notice: the rest of the article is for subscribers
/// (`この記事は有料会員記事です。残り977文字…`, `残り1460文字（全文2839文字）`,
/// `読者会員限定です`).
pub fn is_paywall(line: &str) -> bool {
    let short = line.chars().count() <= 120;
    let openings = [
        "この記事は有料",
        "この記事は会員限定",
        "この記事は読者会員限定",
        "この記事は購読者限定",
        "この記事は会員記事",
        "有料会員になると",
        "読者会員限定です",
        "会員限定です",
    ];
    if short && openings.iter().any(|o| line.starts_with(o)) {
        return true;
    }
    // 残り1460文字（全文2839文字）
    short
        && line.strip_prefix("残り").is_some_and(|r| {
            let digits = r
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ',')
                .count();
            digits > 0 && r[digits..].starts_with("文字")
        })
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

/// Words that, in a short heading, name a box of other articles
/// (`アクセスランキング（国内）`, `今、あなたにオススメ（PR）`,
/// `同カテゴリ内最新記事`, `連載一覧`).
const END_WORDS: &[&str] = &[
    "ランキング",
    "オススメ",
    "おすすめ",
    "人気記事",
    "最新記事",
    "新着記事",
    "注目記事",
    "関連記事",
    "関連ニュース",
    "読みたい",
    "連載一覧",
    "新着ニュース",
];

/// The longest heading taken for the name of a box of other articles.
const END_HEADING: usize = 24;

/// Whether `line` heads what follows an article: one of [`END_MARKERS`],
/// or a short unpunctuated line naming a box of other articles.
fn is_end_marker(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let bare = lower.trim_end_matches(['.', '…', ':', '：', ' ']);
    END_MARKERS.contains(&bare)
        || (bare.chars().count() <= END_HEADING
            && !bare.ends_with(['。', '！', '？', '.', '!', '?'])
            && END_WORDS.iter().any(|w| bare.contains(*w)))
        || bare
            .strip_suffix(')')
            .or_else(|| bare.strip_suffix('）'))
            .is_some_and(|b| {
                b.chars().count() <= END_HEADING && END_WORDS.iter().any(|w| b.contains(*w))
            })
}

/// `blocks` cut at a line of [`END_MARKERS`] in the second half of their
/// text (in the first half, such a line heads a box amid the article), or
/// at a paywall's notice anywhere after the first line (what follows it is
/// the page's, never the article's).
pub fn cut_at_end_marker(mut blocks: Vec<Block>) -> Vec<Block> {
    let total: usize = blocks.iter().map(|b| text(b).chars().count()).sum();
    let mut before = 0;
    for (i, b) in blocks.iter().enumerate() {
        let line = text(b).trim();
        if i > 0 && (is_paywall(line) || (before * 2 >= total && is_end_marker(line))) {
            blocks.truncate(i);
            break;
        }
        before += text(b).chars().count();
    }
    blocks
}

/// The share of `line`'s characters (whitespace aside) that lie inside
/// links, given the texts of the links without whitespace: a ranking's
/// entry is mostly link (its headline), a sentence that links a word is
/// not. Each link text is counted once, where it first occurs.
pub fn link_share(line: &str, links: &[String]) -> f64 {
    let s = squeeze(line);
    let total = s.chars().count();
    if total == 0 {
        return 0.0;
    }
    let mut covered = vec![false; s.len()];
    for l in links.iter().filter(|l| !l.is_empty() && l.len() <= s.len()) {
        if let Some(at) = s.find(l.as_str()) {
            covered[at..at + l.len()].fill(true);
        }
    }
    let inside = s.char_indices().filter(|(i, _)| covered[*i]).count();
    inside as f64 / total as f64
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
    if mostly_japanese(s) {
        return ends_a_japanese_sentence(s);
    }
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

/// Whether most of a line's letters are kana or kanji.
fn mostly_japanese(s: &str) -> bool {
    let (mut ja, mut letters) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphanumeric()) {
        letters += 1;
        if matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}') {
            ja += 1;
        }
    }
    letters > 0 && ja * 2 >= letters
}

/// Whether a Japanese line ends as a sentence does: in `。！？`, a closing
/// quote or hiragana, looking through a short bracket at its end (a
/// byline, `…決定をした。（米田優人）`; a source, `…明言日本テレビ系（NNN）`
/// is a headline's). A Latin full stop ends no Japanese sentence (`…〈dot.〉
/// AERA dot.`: a headline with its magazine).
fn ends_a_japanese_sentence(s: &str) -> bool {
    let mut s = s;
    for (open, close) in [('（', '）'), ('(', ')'), ('〈', '〉'), ('【', '】')] {
        if let Some(at) = s.strip_suffix(close).and_then(|inner| inner.rfind(open))
            && s[at..].chars().count() <= 30
        {
            let before = s[..at].trim_end();
            if before.is_empty() {
                // A bracket alone on its line (a byline): kept as before.
                return true;
            }
            s = before;
            break;
        }
    }
    s.ends_with(['。', '！', '？', '!', '?', '」', '』', ':', '：'])
        || s.ends_with(|c| matches!(c, '\u{3041}'..='\u{3096}'))
}

/// Markers that, inside a line, start a list of other articles the
/// extractor ran into the article's last paragraph (`…調べています。
/// MBSニュース【関連記事】６５歳の男を…`).
const INLINE_MARKERS: &[&str] = &["【関連記事】", "【関連ニュース】", "【あわせて読みたい】"];

/// A paragraph cut where an [`INLINE_MARKERS`] marker follows a sentence
/// end; left whole when the marker opens it (then it is a line of its own
/// for the other rules) or no sentence ends before it.
fn cut_inline_marker(b: Block) -> Block {
    let Block::Paragraph(s) = &b else {
        return b;
    };
    let Some(at) = INLINE_MARKERS.iter().filter_map(|m| s.find(*m)).min() else {
        return b;
    };
    match s[..at].rfind('。') {
        Some(end) => Block::Paragraph(s[..end + '。'.len_utf8()].to_string()),
        None => b,
    }
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
        .map(cut_inline_marker)
        .map(cut_leading_caption)
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
    // The headline run into the first paragraph (`Title配信769Source
    // 本文…`): the title's head, before its source or site, dropped from
    // the front of the first paragraph, with a wire line's `配信` count.
    let head = title_head(&title);
    if head.chars().count() >= MIN_TITLE_HEAD
        && let Some(Block::Paragraph(first)) = blocks.first_mut()
        && squeeze(first).starts_with(&head)
    {
        let rest = drop_leading(first, head.chars().count());
        let rest = rest
            .strip_prefix("配信")
            .map_or(rest, |r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
        if rest.chars().count() >= MIN_TITLE_HEAD {
            *first = rest.trim_start().to_string();
        }
    }
    blocks
}

/// The shortest title head looked for at the front of the first paragraph.
const MIN_TITLE_HEAD: usize = 8;

/// A squeezed title up to its source or site (`Title（産経新聞） - Yahoo!
/// ニュース`, `Title | Site`, `Title：朝日新聞デジタル`).
fn title_head(squeezed: &str) -> String {
    let cut = ["（", "(", "|", "｜", "-Yahoo", "：", "〈"]
        .iter()
        .filter_map(|m| squeezed.find(m))
        .filter(|&i| i > 0)
        .min()
        .unwrap_or(squeezed.len());
    squeezed[..cut].to_string()
}

/// `s` without its first `n` characters that are not whitespace.
fn drop_leading(s: &str, n: usize) -> &str {
    let mut count = 0;
    for (i, c) in s.char_indices() {
        if count == n {
            return &s[i..];
        }
        if !c.is_whitespace() {
            count += 1;
        }
    }
    ""
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
    // A count alone on its line (`262`: the posts under a blog's tag) is
    // part of the links beside it.
    let count = |b: &Block| {
        let s = text(b).trim();
        (1..=6).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit())
    };
    let linked: Vec<bool> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            linked[i]
                || (count(b)
                    && ((i > 0 && linked[i - 1]) || linked.get(i + 1).copied().unwrap_or(false)))
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
        // A count beside a link is part of the run.
        let out = strip_link_runs(
            vec![body.clone(), p("Read the report"), p("262"), body.clone()],
            is_link,
        );
        assert_eq!(out, vec![body.clone(), body.clone()]);
        // One linked line amid the text is the article's.
        let blocks = vec![body.clone(), p("Read the report"), body.clone()];
        assert_eq!(strip_link_runs(blocks.clone(), is_link), blocks);
    }

    #[test]
    fn japanese_page_furniture_goes() {
        for b in [
            "前へ",
            "次へ",
            "1/3ページ",
            "2ページ目",
            "<< ススキに....ノビタキ",
            "ミズキは未だ沢山....キビタキ >>",
            "« 前の記事",
            "コメント(2)",
            "Comments(0)",
            "いいね！（12）",
            "トラックバック(0)",
            "タグ：メジロ",
            "引用元：http://hayabusa.open2ch.net/test/read.cgi/livejupiter/1634603186",
            "この記事は有料会員記事です。残り977文字有料会員になると続きをお読みいただけます。",
            "残り1460文字（全文2839文字）",
            "読者会員限定です",
            "今すぐ登録（1カ月間無料）ログインする",
            "もっと読む",
            "読者になる",
            "福娘童話集 > きょうのイソップ童話 > １月のイソップ童話 > 欲張りなイヌ",
            "Home › News › World",
        ] {
            assert!(is_boilerplate(b), "{b}");
        }
        for a in [
            "次へ進むには、まず前の手続きを終える必要がある。",
            "コメント（2件）を寄せた専門家は、いずれも慎重な見方を示した。",
            "残りの作業は来年に持ち越すことになった。",
            "この記事は、読者から寄せられた質問に答えるものだ。",
            "1/3の世帯が、ページをめくるように番組を切り替えていた。",
            "タグボートが港に入った。",
            "気温は 30 > 25 だった。",
        ] {
            assert!(!is_boilerplate(a), "{a}");
        }
    }

    #[test]
    fn a_ranking_heading_or_a_paywall_ends_the_article() {
        let p = |s: &str| Block::Paragraph(s.into());
        let body = p(
            "民間シンクタンク「ブランド総合研究所」（東京都）の令和３年の調査で、群馬県は44位だった。知事は記者会見で、調査の手法に疑問を示した。",
        );
        // Yahoo!ニュース: the ranking after the article.
        let out = cut_at_end_marker(vec![
            body.clone(),
            body.clone(),
            p("アクセスランキング（国内）"),
            p("1「10年間で300缶しか売れなかった」…廃棄前の“嘆きツイート”で注文が増加!"),
            p("FNNプライムオンライン10/12(火)19:31"),
        ]);
        assert_eq!(out, vec![body.clone(), body.clone()]);
        let out = cut_at_end_marker(vec![
            body.clone(),
            body.clone(),
            p("今、あなたにオススメ（PR）"),
        ]);
        assert_eq!(out, vec![body.clone(), body.clone()]);
        // A sentence that mentions a ranking is the article's.
        let ranked = p("魅力度ランキングは44位だった。");
        let blocks = vec![body.clone(), body.clone(), ranked];
        assert_eq!(cut_at_end_marker(blocks.clone()), blocks);
        // A paywall's notice ends the article wherever it is, and the
        // series list after it goes with it.
        let out = cut_at_end_marker(vec![
            body.clone(),
            p("この記事は有料会員記事です。残り977文字有料会員になると続きをお読みいただけます。"),
            body.clone(),
            body.clone(),
            body.clone(),
        ]);
        assert_eq!(out, vec![body.clone()]);
    }

    #[test]
    fn related_articles_run_into_the_last_paragraph_go() {
        let p = |s: &str| Block::Paragraph(s.into());
        let out = strip(vec![p(
            "マンションの２５階から転落したとみられています。警察は、女の子がベランダから転落したとみて調べています。MBSニュース【関連記事】６５歳の男を被害者の顔殴る傷害容疑で逮捕…マンションで男性の遺体が見つかった事件",
        )]);
        assert_eq!(
            out,
            vec![p(
                "マンションの２５階から転落したとみられています。警察は、女の子がベランダから転落したとみて調べています。"
            )]
        );
        // A marker with no sentence before it is left to the other rules.
        let b = p("【関連記事】見出し");
        assert_eq!(cut_inline_marker(b.clone()), b);
        // "次に読みたい" heads the list after a 毎日新聞 article.
        let body = p(
            "学校法人「森友学園」への国有地売却を巡り、財務省の決裁文書改ざんを苦に自殺した近畿財務局職員の妻が請求した文書について、財務省は不開示を決めた。",
        );
        let out = cut_at_end_marker(vec![
            body.clone(),
            body.clone(),
            p("次に読みたい"),
            p("森友改ざん「恐怖と期待」 赤木さん妻の思い"),
        ]);
        assert_eq!(out, vec![body.clone(), body]);
    }

    #[test]
    fn names_run_together_are_no_paragraph() {
        // A blog's favourites, run into one line by the extractor.
        let names = [
            "テレビ受け売り日記",
            "ねこのあくび",
            "笑顔が一番桜日記",
            "前頭葉の呟き",
            "江戸川ブログ",
            "tokoのblog",
            "人形町からごちそうさま",
            "我が家の花たち",
            "ぼちぼち、と・・・",
            "いんぷれっしょん",
            "花と緑の散歩道",
            "鳥さんと遊ぼう",
        ];
        let line = format!("お気に入りブログ {}", names.repeat(5).join(" "));
        assert!(is_boilerplate(&line), "{line}");
        // A post written with spaces between its phrases, with sentences.
        let post = "急に 肌寒くなりましたね 北海道では 初雪便りも・・ お昼の支度が整いましたと 母の部屋へ呼びにゆきましたら ここは ハワイ？と思うほど ホッカホカ 着込んでいても 既に ガンガンの 暖房を入れております。 祖母もそうでしたが 年齢と共に 体温の調節が 上手くできなくなるのですね。 先日は 買い出し帰りに こちらへ 寄り道 (時間的に) 遠くへは行かれないので 少し ゆっくり お茶の時間を楽しみました。 東京の感染者は ２９人 すぐに選挙があるので 本当なのかしらん？ とも 疑ってしまいましが このまま 終息してくれるといいですね";
        assert!(!is_boilerplate(post));
        // English is written with spaces: never judged so.
        let english = "word ".repeat(100);
        assert!(!is_boilerplate(&english));
    }

    #[test]
    fn photograph_captions_go() {
        for c in [
            "臨時会見で魅力度ランキングを批判する群馬県の山本一太知事＝１２日、同県庁（柳原一哉撮影）",
            "参院本会議で所信表明演説をする岸田文雄首相＝国会内で2021年10月8日、竹内幹撮影",
            "新しい工場の完成予想図＝同社提供",
            "トレンドウオッチ新着注目ビジネスライフスタイル新着注目ビジネスライフスタイル新着注目ビジネスライフスタイル",
        ] {
            assert!(is_boilerplate(c), "{c}");
        }
        for a in [
            "暗い線路の向こうを見つめてたたずむ長男を見た友人が撮影してくれたものなんです",
            "警察は、現場の様子を撮影した映像の提供を呼びかけている。",
            "と述べた。（ＡＰ＝共同）",
            "ありがとう ありがとう ありがとう",
        ] {
            assert!(!is_boilerplate(a), "{a}");
        }
        let p = |s: &str| Block::Paragraph(s.into());
        let out = strip(vec![p(
            "走行するリニア中央新幹線の試験車＝８日午後、山梨県都留市（飯田英男撮影）時速５００キロの世界を体感－。日本が誇る夢の超特急の試乗会が開かれた。",
        )]);
        assert_eq!(
            out,
            vec![p(
                "時速５００キロの世界を体感－。日本が誇る夢の超特急の試乗会が開かれた。"
            )]
        );
        // A wire photograph's credit, a dateline, and the head before an
        // ad slot.
        let out = strip(vec![
            p(
                "４日、米ワシントンのホワイトハウスで記者会見するサキ大統領報道官（ＡＰ＝共同）【ワシントン＝大内清】米紙ウォールストリート・ジャーナルは１２日、体調不良が報告されたと報じた。",
            ),
            p(
                "米田優人シェアツイートlistブックマークメール印刷東京・霞が関の財務省 [PR] 学校法人森友学園の国有地売却をめぐる問題で、財務省は不開示を決めた。",
            ),
        ]);
        assert_eq!(
            out,
            vec![
                p("米紙ウォールストリート・ジャーナルは１２日、体調不良が報告されたと報じた。"),
                p("学校法人森友学園の国有地売却をめぐる問題で、財務省は不開示を決めた。"),
            ]
        );
        // A caption holding a sentence, before the slot.
        let out = cut_leading_caption(p(
            "関西電力労働組合の本部が入るビル「関労会館」。同労組は動いている=2021年10月5日、大阪市北区、室矢英樹撮影 [PR] 原発に逆風が吹く中、電力業界が活発に動いている。",
        ));
        assert_eq!(out, p("原発に逆風が吹く中、電力業界が活発に動いている。"));
        // A sentence before the ad slot is the article's.
        let kept = p("財務省は不開示を決めた。 [PR] 遺族は反発している。");
        assert_eq!(cut_leading_caption(kept.clone()), kept);
        // A sentence that mentions a photograph and an equals sign stays.
        let kept =
            p("記者（撮影）が見た現場では、１＝１という掲示が並んでいた。住民は不安を口にした。");
        assert_eq!(cut_leading_caption(kept.clone()), kept);
    }

    #[test]
    fn japanese_sentences_end_in_japanese_punctuation() {
        assert!(ends_a_sentence("などとして不開示決定をした。（米田優人）"));
        assert!(ends_a_sentence("（米田優人）"));
        assert!(!ends_a_sentence(
            "衆院選を前に「子供1人に10万円」与野党が“現金給付”提案、岸田首相は「支援を実行」明言日本テレビ系（NNN）"
        ));
        assert!(!ends_a_sentence(
            "赤木雅子さんの“総理への手紙”が生んだ奇跡 森友問題が衆院選で最も重視するテーマ1位に〈dot.〉AERA dot."
        ));
        assert!(ends_a_sentence("政府は1日、新しい経済対策を発表した。"));
        // English lines are judged as before.
        assert!(ends_a_sentence("He said it would end (soon)."));
        // A run of such headlines after the article goes.
        let p = |s: &str| Block::Paragraph(s.into());
        let long = p(
            "秋篠宮妃紀子さまと長女の眞子さま、妹の佳子さまが、手話にまつわる映画をお住まいでそろって鑑賞されました。映画は、耳の不自由な女性がさまざまな壁を乗り越えていく姿を描いています。",
        );
        let out = strip(vec![
            long.clone(),
            p(
                "赤木雅子さんの“総理への手紙”が生んだ奇跡 森友問題が衆院選で最も重視するテーマ1位に〈dot.〉AERA dot.",
            ),
            p(
                "衆院選を前に「子供1人に10万円」与野党が“現金給付”提案、岸田首相は「支援を実行」明言日本テレビ系（NNN）",
            ),
        ]);
        assert_eq!(out, vec![long]);
    }

    #[test]
    fn the_headline_run_into_the_first_paragraph_goes() {
        let p = |s: &str| Block::Paragraph(s.into());
        let out = strip_title(
            vec![p(
                "紀子さま、眞子さま、佳子さま 映画をご鑑賞配信769All Nippon NewsNetwork(ANN) 秋篠宮妃紀子さまと長女の眞子さまが映画を鑑賞されました。",
            )],
            "紀子さま、眞子さま、佳子さま 映画をご鑑賞（テレビ朝日系（ANN）） - Yahoo!ニュース",
        );
        assert_eq!(
            out,
            vec![p(
                "All Nippon NewsNetwork(ANN) 秋篠宮妃紀子さまと長女の眞子さまが映画を鑑賞されました。"
            )]
        );
        // A first paragraph that does not start with the headline stays.
        let other = vec![p(
            "秋篠宮妃紀子さまが、手話にまつわる映画をお住まいでご鑑賞されました。",
        )];
        assert_eq!(
            strip_title(other.clone(), "映画をご鑑賞（テレビ朝日系（ANN））"),
            other
        );
    }

    #[test]
    fn link_share_counts_characters_inside_links() {
        let links = vec![
            "「10年間で300缶しか売れなかった」…廃棄前の“嘆きツイート”で注文が増加!".to_string(),
            "群馬県".to_string(),
        ];
        // A ranking's entry: the headline linked, the source and time not.
        let entry = "「10年間で300缶しか売れなかった」…廃棄前の“嘆きツイート”で注文が増加! FNNプライムオンライン10/12(火)19:31";
        assert!(link_share(entry, &links) > 0.5);
        // A sentence linking one word.
        let sentence = "群馬県の山本一太知事は記者会見で、調査の手法に強い疑問を示した。";
        assert!(link_share(sentence, &links) < 0.2);
        assert_eq!(link_share("", &links), 0.0);
        // Runs of such entries go; the sentence stays.
        let p = |s: &str| Block::Paragraph(s.into());
        let out = strip_link_runs(vec![p(sentence), p(entry), p(entry)], |s| {
            link_share(s, &links) >= 0.5
        });
        assert_eq!(out, vec![p(sentence)]);
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
