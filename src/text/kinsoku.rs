//! Kinsoku shori (禁則処理): the characters a line may not start or end
//! with, and the pairs that never part (JLReq, DESIGN.md).
//!
//! These are character classes only; `breaks` applies them to the break
//! opportunities of a line, and `wrap` to the emergency cuts it must make
//! when a run has no legal break at all.

/// Characters that never start a line.
pub fn no_start(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '）'
            | '」'
            | '』'
            | '］'
            | '｝'
            | '〕'
            | '〉'
            | '》'
            | '】'
            | '〙'
            | '〗'
            | '〟'
            | '’'
            | '”'
            | '、'
            | '。'
            | '，'
            | '．'
            | ','
            | '.'
            | '・'
            | '：'
            | '；'
            | ':'
            | ';'
            | '！'
            | '？'
            | '!'
            | '?'
            | '‥'
            | '…'
            | 'ゝ'
            | 'ゞ'
            | 'ヽ'
            | 'ヾ'
            | '々'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ゕ'
            | 'ゖ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ヵ'
            | 'ヶ'
            | 'ー'
            | '｡'
            | '｣'
            | '､'
            | '･'
            | 'ｰ'
            | 'ｧ'
            | 'ｨ'
            | 'ｩ'
            | 'ｪ'
            | 'ｫ'
            | 'ｬ'
            | 'ｭ'
            | 'ｮ'
            | 'ｯ'
            | '〜'
            | '゛'
            | '゜'
    ) || ('\u{31F0}'..='\u{31FF}').contains(&c)
}

/// Characters that never end a line.
pub fn no_end(c: char) -> bool {
    matches!(
        c,
        '(' | '（'
            | '['
            | '［'
            | '{'
            | '｛'
            | '〔'
            | '〈'
            | '《'
            | '「'
            | '『'
            | '【'
            | '〘'
            | '〖'
            | '〝'
            | '‘'
            | '“'
            | '｢'
    )
}

/// Two characters that stay together (`……`, `——`).
pub fn inseparable_pair(a: char, b: char) -> bool {
    a == b && matches!(a, '…' | '‥' | '—' | '―')
}

/// A line may be cut between `prev` and `next` (the nearest characters
/// that are not spaces on either side) without breaking a kinsoku rule.
pub fn allows(prev: Option<char>, next: Option<char>) -> bool {
    let pair = matches!((prev, next), (Some(p), Some(n)) if inseparable_pair(p, n));
    !(next.is_some_and(no_start) || prev.is_some_and(no_end) || pair)
}

/// Punctuation that may hang past the end of a full line (burasage,
/// JLReq §3.8): the ideographic comma and full stop, full and halfwidth.
pub fn hangs(c: char) -> bool {
    matches!(c, '、' | '。' | '､' | '｡')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(no_start('」') && no_start('ー') && no_start('ょ') && !no_start('あ'));
        assert!(no_end('「') && !no_end('」'));
        assert!(!allows(Some('あ'), Some('。')));
        assert!(!allows(Some('「'), Some('あ')));
        assert!(!allows(Some('…'), Some('…')));
        assert!(allows(Some('あ'), Some('い')) && allows(None, None));
        assert!(hangs('。') && hangs('、') && !hangs('」'));
    }
}
