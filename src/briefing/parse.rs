//! From TOML text to a validated briefing or every diagnostic: strips a BOM,
//! refuses an empty file, parses with `toml`'s recovering parser (so every
//! syntax error is reported, each with a hint), then validates the tree.

use toml::de::DeTable;

use super::{Diagnostic, Loaded, chunked, validate};
use crate::diagnostics::report::Reporter;
use crate::i18n::{Msg, t, tf};
use crate::text::sanitize_line;

/// Parse and validate; see [`super::parse_str`]. A large file is parsed in
/// chunks when it can be ([`chunked`]), else whole.
pub fn parse(name: &str, src: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let unmarked = src.strip_prefix('\u{feff}').unwrap_or(src);
    if unmarked.len() >= chunked::CHUNKED_FROM
        && let Some(result) = chunked::parse(name, unmarked)
    {
        return result;
    }
    parse_whole(name, src)
}

/// Parse and validate the file as one TOML document.
pub fn parse_whole(name: &str, src: &str) -> Result<Loaded, Vec<Diagnostic>> {
    parse_with(name, src, false)
}

/// [`parse_whole`] without the checks that can only warn (no warnings):
/// the same briefing, or an error, sooner.
pub fn parse_quiet(name: &str, src: &str) -> Result<Loaded, Vec<Diagnostic>> {
    parse_with(name, src, true)
}

fn parse_with(name: &str, src: &str, quiet: bool) -> Result<Loaded, Vec<Diagnostic>> {
    // Positions are counted from after the BOM, as editors show them.
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut r = Reporter::new(name, src);
    if quiet {
        r = r.quiet();
    }
    if src.trim().is_empty() {
        r.error(
            0..0,
            t(Msg::CliEmptyFile).into(),
            t(Msg::CliEmptyFileHint).into(),
        );
        return Err(r.finish());
    }
    let (root, errors) = DeTable::parse_recoverable(src);
    for e in &errors {
        let span = e.span().unwrap_or(0..0);
        let (message, hint) = describe_syntax_error(e.message(), src.get(span.clone()));
        r.syntax_error(span, message, hint);
    }
    let root = root.into_inner();
    let briefing = if root.is_empty() && errors.is_empty() {
        r.error(
            0..0,
            t(Msg::CliOnlyComments).into(),
            t(Msg::CliEmptyFileHint).into(),
        );
        None
    } else {
        Some(validate::briefing(&mut r, &root))
    };
    match briefing {
        Some(briefing) if !r.has_errors() => Ok(Loaded {
            briefing,
            warnings: r.finish(),
        }),
        _ => Err(r.finish()),
    }
}

/// A message and a hint for one of `toml`'s syntax errors; `text` is the
/// source text of its span.
fn describe_syntax_error(message: &str, text: Option<&str>) -> (String, String) {
    let message = sanitize_line(message);
    if message.starts_with("duplicate key") {
        let key = text.map(crate::text::quoted).unwrap_or_default();
        return (
            tf(Msg::CliDuplicateKey, &[&key]),
            t(Msg::CliDuplicateKeyHint).into(),
        );
    }
    let control = text.is_some_and(|t| !t.is_empty() && t.chars().all(char::is_control));
    let hint = if control {
        Msg::CliSyntaxControlHint
    } else if message.contains("must be quoted") {
        Msg::CliSyntaxQuoteHint
    } else if message.contains("unclosed array table") {
        Msg::CliSyntaxArrayTableHint
    } else if message.contains("unclosed table") {
        Msg::CliSyntaxTableHint
    } else if message.contains("string") {
        Msg::CliSyntaxStringHint
    } else if message.contains("date") || message.contains("time") {
        Msg::CliSyntaxDateHint
    } else if message.contains("expected newline") {
        Msg::CliSyntaxNewlineHint
    } else {
        Msg::CliSyntaxHint
    };
    (tf(Msg::CliInvalidToml, &[&message]), t(hint).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = r#"
title = "題"
[[sections]]
heading = "見出し"
[[sections.sources]]
name = "ロイター"
url = "https://jp.reuters.com/"
"#;

    fn errors(src: &str) -> Vec<String> {
        parse("x.toml", src)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn valid_minimal() {
        let loaded = parse("x.toml", VALID).expect("valid");
        assert_eq!(loaded.briefing.title, "題");
        assert_eq!(loaded.briefing.sections[0].sources[0].name, "ロイター");
        assert!(loaded.warnings.is_empty());
    }

    #[test]
    fn bom_is_stripped_and_positions_stay_right() {
        assert!(parse("x.toml", &format!("\u{feff}{VALID}")).is_ok());
        let e = errors("\u{feff}title = 1\n[[sections]]\nheading = \"h\"\n");
        assert_eq!(
            e,
            ["x.toml:1:9: error: `title` must be a string, found an integer"]
        );
    }

    #[test]
    fn empty_files() {
        let empty = [
            "x.toml:1:1: error: empty file: a briefing needs at least `title` and one [[sections]]",
        ];
        assert_eq!(errors(""), empty);
        assert_eq!(errors(" \n\n"), empty);
        assert_eq!(errors("\u{feff}"), empty);
        assert!(errors("# just a comment\n")[0].contains("no keys, only comments"));
    }

    #[test]
    fn syntax_errors_are_all_reported_without_cascades() {
        let e =
            errors("title = \"abc\nsubtitle = 1\n[[sections]]\nheading = \"x\" \"y\"\nfoo = \n");
        assert_eq!(e.len(), 4, "{e:#?}");
        assert!(e[0].starts_with("x.toml:1:13: error: invalid TOML: invalid basic string"));
        assert!(e[1].starts_with("x.toml:2:12: error: `subtitle` must be a string"));
        assert!(e[2].starts_with("x.toml:4:15: error: invalid TOML"));
        assert!(e[3].starts_with("x.toml:5:7: error: invalid TOML: string values must be quoted"));
    }

    #[test]
    fn raw_control_characters_get_their_own_hint() {
        let d = parse("x.toml", "title = \"a\u{1b}[31m\"\n").unwrap_err();
        assert_eq!((d[0].line, d[0].column), (1, 11));
        assert_eq!(d[0].source_line, "title = \"a␛[31m\"");
        assert!(
            d[0].hint
                .as_deref()
                .unwrap_or("")
                .contains("escape like \\u001b")
        );
    }

    #[test]
    fn duplicate_keys_are_named() {
        let e = errors(&format!("{VALID}name = \"again\"\n"));
        assert!(e[0].ends_with("error: duplicate key `name`"), "{e:?}");
    }

    /// `src` with `len` bytes at `cut` (a fraction of its length, never
    /// just past its end) replaced by `insert`, on character boundaries.
    fn damage(src: &str, cut: f64, len: usize, insert: &str) -> String {
        let mut at = ((cut * src.len() as f64) as usize).min(src.len());
        while !src.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + len).min(src.len());
        while !src.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}{insert}{}", &src[..at], &src[end..])
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Damaged briefings never panic, and every diagnostic points into the file.
        #[test]
        fn damaged_briefings_never_panic(
            cut in 0.0..1.0f64,
            len in 0usize..40,
            insert in "[\\[\\]\"'=#.\n\t\u{1b}\u{202e}a-z0-9 日本、。]{0,8}",
        ) {
            let src = crate::synth::large_briefing(1);
            let damaged = damage(&src, cut, len, &insert);
            let lines = damaged.lines().count().max(1);
            let diagnostics = match parse("x.toml", &damaged) {
                Ok(loaded) => loaded.warnings,
                Err(d) => d,
            };
            for d in diagnostics {
                proptest::prop_assert!(d.line >= 1 && d.line <= lines + 1 && d.column >= 1);
                proptest::prop_assert!(!d.render().contains('\u{1b}'), "escape in {d}");
            }
        }

        /// Without the checks that only warn, a file gives the same
        /// briefing, and fails exactly when it fails in full.
        #[test]
        fn a_quiet_parse_gives_the_same_briefing(
            cut in 0.0..1.0f64,
            len in 0usize..40,
            insert in "[\\[\\]\"'=#.\n\t\u{1b}\u{202e}\u{301}\u{200d}a-z0-9 日本、。《》｜ар:/]{0,10}",
        ) {
            let src = format!(
                "{}[[sections]]\nheading = \"h\"\nbody = [\"漢字《かんじ》 \u{202e}x\"]\n\
                 [[sections.sources]]\nname = \"n\"\nurl = \"https://аpple.com/\"\n",
                crate::synth::large_briefing(1)
            );
            let damaged = damage(&src, cut, len, &insert);
            let full = parse_whole("x.toml", &damaged);
            let quiet = parse_quiet("x.toml", &damaged);
            proptest::prop_assert_eq!(full.is_ok(), quiet.is_ok());
            if let (Ok(f), Ok(q)) = (full, quiet) {
                proptest::prop_assert_eq!(f.briefing, q.briefing);
                proptest::prop_assert!(q.warnings.is_empty());
            }
        }
    }

    #[test]
    fn a_quiet_parse_skips_warnings_only() {
        let src = "title = \"題\"\n[[sections]]\nheading = \"見出し\"\nbody = [\"a\u{202e}b\"]\n\
                   [[sections.sources]]\nname = \"x\"\nurl = \"https://аpple.com/\"\n";
        let full = parse_whole("x.toml", src).expect("valid");
        assert!(full.warnings.len() >= 2, "{:?}", full.warnings);
        let quiet = parse_quiet("x.toml", src).expect("valid");
        assert_eq!(quiet.briefing, full.briefing);
        assert!(quiet.warnings.is_empty());
        assert!(parse_quiet("x.toml", "title = ").is_err());
    }
}
