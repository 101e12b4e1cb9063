//! The edges of a Japanese article: what the extractor keeps before its
//! first and after its last paragraph, when that is the page's furniture
//! rather than the article, and a blog's standing notices.
//!
//! - **Runs of short lines.** Portal and children's sites in table
//!   layouts (福娘童話集) put the day's menu above the story and a column
//!   of other stories, trivia and site links under it: dozens of lines
//!   under [`SHORT_LINE`] characters, hardly any of which reads as prose.
//!   A run of at least [`MIN_RUN`] such lines at either end, with a long
//!   paragraph beside it, goes when no more than a quarter of its lines
//!   are prose: end in `。！？`, or, ten characters long or more, in
//!   hiragana, as blogs end sentences unpunctuated (`…終息してくれるといい
//!   ですね`); a menu's `おりがみをつくろう` is too short to count. A blog
//!   post written in short lines (Amebaブログ, エキサイトブログ) has no long
//!   paragraph and most of its lines read as prose, so it stays whole.
//! - **Standing notices.** Blogs end every entry with the same requests
//!   and rules: a click for the blog's ranking ("下の２箇所のクリックも…
//!   宜しくお願い致します", "応援クリックお願いします"), thanks for the
//!   visit ("いつもご訪問＆イイネ有り難うございます"), how to comment ("※
//!   コメントの閲覧方法と…", "★注意書き★"). Such a line goes wherever it is;
//!   after [`NOTICE_AFTER`] characters of text it ends the article, with
//!   the notices that follow it.
//!
//! - **The page's head around the first paragraph.** News pages nest the
//!   article in containers whose text the extractor sometimes gives as
//!   lines of their own before the article's: the column's name, the
//!   headline, the byline, "有料会員記事" and the section, run into the
//!   first paragraph (`河崎真澄の中台両岸特派員「アタマコンクリー」…河崎
//!   真澄有料会員記事国際中国・台湾…１９４５年まで…`), then the paragraph
//!   alone. One of the first [`WRAPPER_REACH`] lines that holds a later
//!   paragraph of [`LONG_LINE`] characters or more, within its first
//!   [`WRAPPER_HEAD`] characters, is such a wrapper and goes; a pull
//!   quote repeated from a paragraph is shorter than that.
//!
//! - **The site's name and a dateline above the article**: `毎日新聞` (the
//!   page's `og:site_name`) or `ニューヨーク=真海喬生` alone on one of the
//!   first lines (the site's name on any page).
//!
//! Only Japanese runs are judged: English articles open with lists of key
//! points written without full stops.

use super::article::Block;

/// The longest line counted in a run of short lines.
const SHORT_LINE: usize = 50;

/// The fewest lines in a run of short lines that is taken for a menu or a
/// sidebar.
const MIN_RUN: usize = 4;

/// The shortest paragraph that shows an article stands beside a run.
const LONG_LINE: usize = 80;

/// How much text (characters) comes before a standing notice for it to
/// end the article rather than go as a line.
const NOTICE_AFTER: usize = 300;

fn text(b: &Block) -> &str {
    let (Block::Paragraph(s) | Block::Point(s) | Block::Heading(s)) = b;
    s
}

/// Whether most letters of `s` are kana or kanji.
fn japanese(s: &str) -> bool {
    super::article::mostly_japanese(s)
}

/// Whether a short line reads as prose (see the module's documentation),
/// a short bracket at its end aside (`…女の子。（談）`).
fn prose(line: &str) -> bool {
    let mut s = line.trim();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(at) = s.strip_suffix(close).and_then(|inner| inner.rfind(open))
            && s[at..].chars().count() <= 20
            && !s[..at].trim_end().is_empty()
        {
            s = s[..at].trim_end();
            break;
        }
    }
    let hiragana = |c: char| matches!(c, '\u{3041}'..='\u{3096}');
    s.ends_with(['。', '！', '？', '!', '?', '」', '』'])
        || (s.ends_with(hiragana) && s.chars().filter(|c| !c.is_whitespace()).count() >= 10)
}

/// Whether a run of short lines is page furniture: at least [`MIN_RUN`]
/// lines, at most a quarter of them prose, and, together, Japanese.
fn is_furniture(run: &[Block]) -> bool {
    if run.len() < MIN_RUN {
        return false;
    }
    let sentences = run.iter().filter(|b| prose(text(b))).count();
    let all: String = run.iter().map(text).collect();
    sentences * 4 <= run.len() && japanese(&all)
}

/// `blocks` without the run of short lines before the first long
/// paragraph and after the last one, when each is furniture (see the
/// module's documentation).
pub fn strip_short_runs(mut blocks: Vec<Block>) -> Vec<Block> {
    let short = |b: &Block| text(b).chars().count() < SHORT_LINE;
    let long = |b: &Block| matches!(b, Block::Paragraph(_)) && text(b).chars().count() >= LONG_LINE;
    let Some(first_long) = blocks.iter().position(long) else {
        return blocks;
    };
    // After the last long paragraph: the run of short lines to the end.
    let last_long = blocks.iter().rposition(long).unwrap_or(first_long);
    let tail_from = last_long + 1;
    if blocks[tail_from..].iter().all(short) && is_furniture(&blocks[tail_from..]) {
        blocks.truncate(tail_from);
    }
    // Before the first: the run of short lines from the start.
    if blocks[..first_long].iter().all(short) && is_furniture(&blocks[..first_long]) {
        blocks.drain(..first_long);
    }
    blocks
}

/// How many of the first lines are looked at for a wrapper.
const WRAPPER_REACH: usize = 3;

/// How far into a wrapper the paragraph it holds starts, at most.
const WRAPPER_HEAD: usize = 200;

/// `blocks` without the wrappers among their first lines (see the
/// module's documentation): Japanese lines that hold a later long
/// paragraph near their start.
pub fn strip_wrappers(blocks: Vec<Block>) -> Vec<Block> {
    let squeezed: Vec<String> = blocks
        .iter()
        .map(|b| text(b).chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    let wrapper = |i: usize| {
        let line = &squeezed[i];
        japanese(line)
            && squeezed[i + 1..].iter().any(|later| {
                later.chars().count() >= LONG_LINE
                    && later != line
                    && line
                        .find(later.as_str())
                        .is_some_and(|at| line[..at].chars().count() <= WRAPPER_HEAD)
            })
    };
    let drop: Vec<bool> = (0..blocks.len())
        .map(|i| i < WRAPPER_REACH && wrapper(i))
        .collect();
    blocks
        .into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(b, _)| b)
        .collect()
}

/// `blocks` without a line among the first [`WRAPPER_REACH`] that is the
/// site's name alone (`毎日新聞` above a 毎日新聞 article) or a dateline
/// naming the place and the writer (`ニューヨーク=真海喬生`).
pub fn strip_site_name(blocks: Vec<Block>, site: &str) -> Vec<Block> {
    let site: String = site.chars().filter(|c| !c.is_whitespace()).collect();
    blocks
        .into_iter()
        .enumerate()
        .filter(|(i, b)| {
            let line: String = text(b).chars().filter(|c| !c.is_whitespace()).collect();
            *i >= WRAPPER_REACH || !(line == site || is_dateline_byline(&line))
        })
        .map(|(_, b)| b)
        .collect()
}

/// The longest side of a dateline (`ニューヨーク`, `真海喬生`).
const DATELINE_SIDE: usize = 12;

/// A dateline alone: a place and a writer joined by `=` or `＝`, in
/// Japanese, with nothing else (`ニューヨーク=真海喬生`, `【北京＝中沢克二】`).
fn is_dateline_byline(line: &str) -> bool {
    let inner = line
        .strip_prefix('【')
        .and_then(|l| l.strip_suffix('】'))
        .unwrap_or(line);
    let Some((place, writer)) = inner.split_once(['=', '＝']) else {
        return false;
    };
    let side = |s: &str| {
        let n = s.chars().count();
        (1..=DATELINE_SIDE).contains(&n)
            && s.chars()
                .all(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'))
    };
    side(place) && side(writer)
}

/// Whether a line is one of a blog's standing notices (see the module's
/// documentation).
pub fn is_standing_notice(line: &str) -> bool {
    let line = line.trim();
    let n = line.chars().count();
    if n == 0 || n > 150 {
        return false;
    }
    let has = |words: &[&str]| words.iter().any(|w| line.contains(w));
    // A click for the blog's ranking.
    let click = has(&["クリック", "ポチッ", "ぽちっ"])
        && has(&[
            "お願い",
            "宜しく",
            "よろしく",
            "応援",
            "ランキング",
            "ランク",
        ]);
    // Thanks for the visit.
    let visit = n <= 80 && has(&["ご訪問", "ご来訪"]) && has(&["ありがと", "有り難", "有難"]);
    // How to comment, and the blog's rules, under a mark.
    let rules = line.starts_with(['※', '★', '☆', '＊', '*', '■', '◆', '●'])
        && (has(&["注意書き"])
            || (has(&["コメント"]) && has(&["方法", "について", "注意", "ルール", "お願い"])));
    click || visit || rules
}

/// `blocks` ended at the first standing notice after [`NOTICE_AFTER`]
/// characters of text; the notices before that are left to
/// [`is_standing_notice`] as lines.
pub fn cut_at_standing_notice(mut blocks: Vec<Block>) -> Vec<Block> {
    let mut before = 0;
    for (i, b) in blocks.iter().enumerate() {
        if before >= NOTICE_AFTER && is_standing_notice(text(b)) {
            blocks.truncate(i);
            break;
        }
        before += text(b).chars().filter(|c| !c.is_whitespace()).count();
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Block {
        Block::Paragraph(s.into())
    }

    const STORY: &str = "肉をくわえたイヌが、橋を渡っていました。ふと下を見ると、川の中にも肉をくわえたイヌがいます。イヌはそれを見て、思いました。あいつの肉の方が、大きそうだ。イヌは、くやしくてたまりません。";

    #[test]
    fn a_menu_above_and_a_column_below_the_story_go() {
        let menu = [
            "元旦のイソップ童話",
            "ひらがな ←→ 日本語・英語 ←→ English",
            "おりがみをつくろう",
            "( おりがみくらぶ より)",
            "♪音声配信(html5)",
            "亜姫の朗読☆ イソップ童話より",
        ];
        let column = [
            "1月 1日の豆知識",
            "366日への旅",
            "きょうの記念日",
            "元旦",
            "恋の誕生日占い",
            "自分の考えをしっかりと持った女の子。",
            "きょうの日本昔話",
            "ネコがネズミを追いかける訳",
            "福娘童話集",
        ];
        let mut blocks: Vec<Block> = menu.iter().map(|s| p(s)).collect();
        blocks.push(p(STORY));
        blocks.extend(column.iter().map(|s| p(s)));
        assert_eq!(strip_short_runs(blocks), vec![p(STORY)]);
    }

    #[test]
    fn short_lines_that_are_sentences_stay() {
        // A post in short lines, beside a long paragraph: its lines end as
        // sentences do.
        let lines = [
            "おぉ！",
            "そして",
            "プレゼントされたのは名刺でした",
            "欲しいですか？",
            "あはは",
        ];
        let mut blocks = vec![p(STORY)];
        blocks.extend(lines.iter().map(|s| p(s)));
        assert_eq!(strip_short_runs(blocks.clone()), blocks);
        // No long paragraph: nothing to set the lines against.
        let blocks: Vec<Block> = ["一", "二", "三", "四", "五"]
            .iter()
            .map(|s| p(s))
            .collect();
        assert_eq!(strip_short_runs(blocks.clone()), blocks);
        // Too few lines to be a menu.
        let blocks = vec![p("見出し"), p("日付"), p(STORY)];
        assert_eq!(strip_short_runs(blocks.clone()), blocks);
        // English key points above the article are the article's.
        let english = "The son of former German President Richard von Weizsäcker was stabbed to death on Tuesday evening, police said.";
        let blocks: Vec<Block> = [
            "Key points",
            "Stabbed at a clinic",
            "Suspect held",
            "Motive unclear",
            "Police appeal",
        ]
        .iter()
        .map(|s| Block::Point(s.to_string()))
        .chain([p(english)])
        .collect();
        assert_eq!(strip_short_runs(blocks.clone()), blocks);
    }

    #[test]
    fn the_heads_wrapping_the_first_paragraph_go() {
        let head = "河崎真澄の中台両岸特派員「アタマコンクリー」台湾に残る日本語由来の言葉河崎 真澄有料会員記事国際中国・台湾";
        let first = format!("{STORY}日本語の意味でそのまま使われている言葉もある。");
        let second = "若い台湾人は日本語由来とは知らず、地元の言葉だと信じて使う例も多い。";
        let wrapper = format!("{head}{first}{second}");
        let out = strip_wrappers(vec![p(&wrapper), p(&wrapper), p(&first), p(second)]);
        assert_eq!(out, vec![p(&first), p(second)]);
        // A paragraph that holds a short pull quote repeated after it stays.
        let quote = "「悲しみのパンを口にすることなくしては、真実の人生を味わうことはできない」";
        let para = format!(
            "大拙はこう書いた。{quote}。人に悲しいことが起こる御蔭で、その人の人生が深まるという。"
        );
        let blocks = vec![p(&para), p(quote), p(STORY)];
        assert_eq!(strip_wrappers(blocks.clone()), blocks);
        // Far into the article, a repetition is left alone.
        let blocks = vec![p(STORY), p("二"), p("三"), p(&wrapper), p(&first)];
        assert_eq!(strip_wrappers(blocks.clone()), blocks);
    }

    #[test]
    fn the_sites_name_and_a_dateline_above_the_article_go() {
        let out = strip_site_name(
            vec![
                p("毎日新聞"),
                p("ニューヨーク=真海喬生"),
                p(STORY),
                p("毎日新聞"),
            ],
            "毎日新聞",
        );
        assert_eq!(out, vec![p(STORY), p("毎日新聞")]);
        assert!(is_dateline_byline("【北京＝中沢克二】"));
        for line in ["1＝1", "A=B", "価格=１万円の商品が並ぶ。", "東京＝"] {
            assert!(!is_dateline_byline(line), "{line}");
        }
    }

    #[test]
    fn standing_notices_end_the_entry() {
        let body: Vec<Block> = (0..4).map(|_| p(STORY)).collect();
        let mut blocks = body.clone();
        blocks.extend([
            p("生かして頂いて 有り難う御座います"),
            p("下の２箇所のクリックも、もしよろしければ毎日宜しくお願い致します。"),
            p("※　コメントの閲覧方法と、コメント投稿の方法"),
            p("・コメントの1部しか表示されませんので、コメント全部を閲覧するときは、コメント欄の最後尾をクリックします。"),
        ]);
        let mut expected = body.clone();
        expected.push(p("生かして頂いて 有り難う御座います"));
        assert_eq!(cut_at_standing_notice(blocks), expected);
        for notice in [
            "いつもご訪問　＆　イイネ　有り難うございます〜",
            "応援クリックお願いします！",
            "★注意書き（必ず読んでください）★",
            "ポチッと応援よろしくお願いします",
        ] {
            assert!(is_standing_notice(notice), "{notice}");
        }
        for line in [
            "ボタンをクリックすると画面が切り替わる。",
            "初めての訪問先で、ありがたい話を聞いた。",
            "コメントの方法について、専門家は慎重な見方を示した。",
        ] {
            assert!(!is_standing_notice(line), "{line}");
        }
        // Early in a short entry, a notice is no end: it goes as a line.
        let blocks = vec![p("応援クリックお願いします！"), p(STORY)];
        assert_eq!(cut_at_standing_notice(blocks.clone()), blocks);
    }
}
