//! Phrase boundaries for Japanese headlines, from BudouX.
//!
//! BudouX (the model behind Chrome's `word-break: auto-phrase`) splits a
//! Japanese sentence into phrases (文節) so that a headline can break between
//! words instead of inside one. Text without Japanese is returned whole:
//! Latin words already break at spaces.

fn model() -> &'static budoux::Model {
    budoux::models::default_japanese_model()
}

fn has_japanese(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF66}'..='\u{FF9F}')
    })
}

/// Split `s` into phrases; their concatenation is `s`.
pub fn phrases(s: &str) -> Vec<String> {
    if !has_japanese(s) {
        return vec![s.to_string()];
    }
    budoux::parse(model(), s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_japanese_into_phrases() {
        let p = phrases("ゼレンスキー大統領の和平への道");
        assert!(p.len() > 1, "{p:?}");
        assert_eq!(p.concat(), "ゼレンスキー大統領の和平への道");
    }

    #[test]
    fn latin_is_whole() {
        assert_eq!(phrases("hello world"), ["hello world"]);
    }
}
