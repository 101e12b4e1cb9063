//! Reading-time estimates: how long a briefing or a section takes to read.
//!
//! Japanese is read by characters (500 a minute by default), English by
//! words (238 a minute, the adult silent-reading average): text is counted
//! both ways at once, so a bilingual briefing gets the sum of its Japanese
//! characters and its Latin-script words. Kana, kanji and Japanese
//! punctuation count as characters; a run of letters or digits (`NATO`,
//! `2025`) counts as one word. Both speeds are `reading_speed` in the
//! configuration. An estimate is rounded up to whole minutes, at least 1.

use crate::briefing::{Briefing, Section};

/// Reading speeds: Japanese characters and English words a minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadingSpeed {
    pub ja_chars: u32,
    pub en_words: u32,
}

impl Default for ReadingSpeed {
    fn default() -> Self {
        ReadingSpeed {
            ja_chars: 500,
            en_words: 238,
        }
    }
}

/// How much there is to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Amount {
    /// Japanese (and other CJK) characters, punctuation included.
    pub cjk_chars: usize,
    /// Words in other scripts.
    pub words: usize,
}

impl Amount {
    /// Count `text` and add it.
    pub fn add(&mut self, text: &str) {
        let mut in_word = false;
        for c in text.chars() {
            if is_cjk(c) {
                self.cjk_chars += 1;
                in_word = false;
            } else if c.is_alphanumeric() {
                if !in_word {
                    self.words += 1;
                }
                in_word = true;
            } else if !(in_word && matches!(c, '\'' | '’' | '-' | '.' | ',')) {
                // `don't`, `well-known`, `3.5`, `1,000` stay one word.
                in_word = false;
            }
        }
    }

    /// Whole minutes at `speed`, rounded up; at least 1.
    pub fn minutes(self, speed: ReadingSpeed) -> u32 {
        let seconds = self.cjk_chars as f64 * 60.0 / f64::from(speed.ja_chars.max(1))
            + self.words as f64 * 60.0 / f64::from(speed.en_words.max(1));
        ((seconds / 60.0).ceil() as u32).max(1)
    }
}

/// Kana, kanji, CJK punctuation and full-width forms.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x3000..=0x30FF     // CJK punctuation, hiragana, katakana
        | 0x31F0..=0x31FF   // katakana extensions
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xF900..=0xFAFF   // compatibility ideographs
        | 0xFF00..=0xFFEF   // full-width and half-width forms
        | 0x20000..=0x3FFFF // CJK extensions B and later
    )
}

/// What a section asks the reader to read (its sources' names aside).
pub fn section_amount(s: &Section) -> Amount {
    let mut a = Amount::default();
    a.add(&s.heading);
    for t in [&s.question, &s.answer, &s.lead].into_iter().flatten() {
        a.add(t);
    }
    for t in s.key_points.iter().chain(&s.body).chain(&s.commentary) {
        a.add(t);
    }
    a
}

/// The whole briefing: the cover's text and every section.
pub fn briefing_amount(b: &Briefing) -> Amount {
    let mut a = Amount::default();
    a.add(&b.title);
    for t in [&b.subtitle, &b.summary].into_iter().flatten() {
        a.add(t);
    }
    for t in &b.takeaways {
        a.add(t);
    }
    for s in &b.sections {
        let more = section_amount(s);
        a.cjk_chars += more.cjk_chars;
        a.words += more.words;
    }
    a
}

/// An estimate as a briefing in Japanese (`約3分`) or English (`3 min read`) shows it.
pub fn label(minutes: u32, japanese: bool) -> String {
    if japanese {
        format!("約{minutes}分")
    } else {
        format!("{minutes} min read")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(text: &str) -> Amount {
        let mut a = Amount::default();
        a.add(text);
        a
    }

    #[test]
    fn japanese_is_counted_by_characters_english_by_words() {
        assert_eq!(
            amount("停戦交渉は、NATOの会合で2025年に始まった。"),
            Amount {
                cjk_chars: 17,
                words: 2
            }
        );
        assert_eq!(
            amount("The well-known talks don't end; 1,000 people."),
            Amount {
                cjk_chars: 0,
                words: 7
            }
        );
    }

    #[test]
    fn minutes_round_up_at_the_configured_speed() {
        let speed = ReadingSpeed::default();
        let ja = |n| Amount {
            cjk_chars: n,
            words: 0,
        };
        assert_eq!(ja(0).minutes(speed), 1);
        assert_eq!(ja(500).minutes(speed), 1);
        assert_eq!(ja(501).minutes(speed), 2);
        assert_eq!(ja(1500).minutes(speed), 3);
        let en = Amount {
            cjk_chars: 0,
            words: 476,
        };
        assert_eq!(en.minutes(speed), 2);
        let slow = ReadingSpeed {
            ja_chars: 250,
            en_words: 100,
        };
        assert_eq!(ja(1500).minutes(slow), 6);
        assert_eq!(en.minutes(slow), 5);
        let both = Amount {
            cjk_chars: 500,
            words: 238,
        };
        assert_eq!(both.minutes(speed), 2);
        assert_eq!(label(3, true), "約3分");
        assert_eq!(label(3, false), "3 min read");
    }

    #[test]
    fn the_layout_shows_estimates_only_when_asked() {
        use crate::layout::{LayoutOptions, layout};
        let b = crate::briefing::parse_str("s", crate::samples::seed())
            .unwrap()
            .briefing;
        let speed = ReadingSpeed::default();
        let total = briefing_amount(&b).minutes(speed);
        let first = section_amount(&b.sections[0]).minutes(speed);
        let shown = layout(
            &b,
            LayoutOptions {
                reading_speed: Some(speed),
                ..LayoutOptions::new(80)
            },
        );
        let texts =
            |p: usize| -> Vec<String> { shown.pages[p].lines.iter().map(|l| l.text()).collect() };
        assert!(texts(0).contains(&format!("2025年3月12日 · 約{total}分")));
        let n = b.sections.len();
        assert!(texts(1).contains(&format!("1/{n} · 約{first}分")));
        assert!(total > first);
        let plain = layout(&b, LayoutOptions::new(80));
        assert!(
            plain.pages[0]
                .lines
                .iter()
                .any(|l| l.text() == "2025年3月12日")
        );
    }
}
