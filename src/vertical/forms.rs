//! The glyphs of vertical writing: the vertical presentation forms of
//! punctuation and brackets, the marks that pair into one cell (`!?` as
//! `⁉`), and the digits that stand upright side by side (tate-chū-yoko).

/// The vertical presentation form of a character, if it has one.
pub fn vertical_form(c: char) -> Option<char> {
    Some(match c {
        '，' | ',' => '\u{FE10}',
        '、' | '､' => '\u{FE11}',
        '。' | '｡' => '\u{FE12}',
        '：' => '\u{FE13}',
        '；' => '\u{FE14}',
        '！' => '\u{FE15}',
        '？' => '\u{FE16}',
        '〖' => '\u{FE17}',
        '〗' => '\u{FE18}',
        '…' => '\u{FE19}',
        '‥' => '\u{FE30}',
        'ー' | 'ｰ' | '―' | '—' | '─' => '\u{FE31}',
        '–' => '\u{FE32}',
        '（' | '(' => '\u{FE35}',
        '）' | ')' => '\u{FE36}',
        '｛' | '{' => '\u{FE37}',
        '｝' | '}' => '\u{FE38}',
        '〔' => '\u{FE39}',
        '〕' => '\u{FE3A}',
        '【' => '\u{FE3B}',
        '】' => '\u{FE3C}',
        '《' => '\u{FE3D}',
        '》' => '\u{FE3E}',
        '〈' => '\u{FE3F}',
        '〉' => '\u{FE40}',
        '「' | '｢' => '\u{FE41}',
        '」' | '｣' => '\u{FE42}',
        '『' => '\u{FE43}',
        '』' => '\u{FE44}',
        '［' | '[' => '\u{FE47}',
        '］' | ']' => '\u{FE48}',
        // No presentation form in Unicode: the character turned a quarter
        // (JLReq: “” are for horizontal text, vertical text uses 〝〟).
        '“' | '‘' => '〝',
        '”' | '’' => '〟',
        '〜' | '～' => '≀',
        '→' => '↓',
        '←' => '↑',
        '↓' => '←',
        '↑' => '→',
        '＝' => '‖',
        '｜' => '―',
        '／' => '＼',
        '·' => '・',
        '!' => '\u{FE15}',
        '?' => '\u{FE16}',
        ':' => '\u{FE13}',
        ';' => '\u{FE14}',
        '.' => '\u{FE12}',
        _ => return None,
    })
}

/// `!?`, `！？` and the like set as one character in one row.
pub(super) fn paired_marks(a: char, b: char) -> Option<char> {
    let bang = |c| c == '!' || c == '！';
    let query = |c| c == '?' || c == '？';
    Some(match (a, b) {
        (a, b) if bang(a) && query(b) => '⁉',
        (a, b) if query(a) && bang(b) => '⁈',
        (a, b) if bang(a) && bang(b) => '‼',
        (a, b) if query(a) && query(b) => '⁇',
        _ => return None,
    })
}

/// The ASCII digit of a halfwidth or fullwidth digit.
pub(super) fn digit_of(g: &str) -> Option<u8> {
    let mut cs = g.chars();
    let c = cs.next()?;
    if cs.next().is_some() {
        return None;
    }
    match c {
        '0'..='9' => Some(c as u8),
        '０'..='９' => u8::try_from(c as u32 - '０' as u32).ok().map(|d| d + b'0'),
        _ => None,
    }
}
