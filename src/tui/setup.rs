//! The configuration carried into the reader at launch: the keymap, the
//! widths of the text, ruby, vertical writing and hanging punctuation, the
//! reading speed, the theme (with `--color never` obeyed on the full
//! screen too) and the program that opens links. Key conflicts in the
//! configuration are said in the status bar.

use super::Options;
use super::app::App;
use super::keys::Keymap;
use super::screen::Input;
use super::style::Theme;
use crate::i18n::{Msg, tf};

/// What the runtime keeps of the configuration besides the app.
pub struct Settings {
    pub theme: Theme,
    /// The program that opens links.
    pub opener: String,
}

/// Put the configuration's settings into `app` (told its size again, so
/// the layout follows them); what the runtime keeps.
pub fn apply(app: &mut App, opts: Options<'_>) -> Settings {
    let settings = opts.settings;
    app.keymap = Keymap::new(&settings.keys);
    app.max_width = settings.max_width;
    app.reading_speed = settings.reading_speed;
    app.ruby = settings.ruby;
    app.set_vertical(settings.vertical);
    app.hanging = settings.hanging_punctuation;
    let (width, height) = app.size();
    app.update(Input::Resize { width, height });
    let mut theme = Theme::from_config(settings.theme);
    // `--color never` is obeyed on the full screen too (NO_COLOR already is).
    if opts.no_color {
        theme.color = false;
    }
    Settings {
        theme,
        opener: crate::links::opener_program(settings.opener.as_deref()),
    }
}

/// Say the keymap's first conflict (and how many more) in the status bar.
pub fn say_conflicts(app: &mut App) {
    let conflicts = app.keymap.warnings();
    if let Some(c) = conflicts.first() {
        let more = match conflicts.len() {
            1 => String::new(),
            n => tf(Msg::AndMore, &[&(n - 1)]),
        };
        app.status = Some(tf(Msg::ConfigProblem, &[&format!("{c}{more}")]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::text::WidthOptions;

    fn app() -> App {
        let lib = crate::library::from_sources(&[]);
        App::new(lib, false, WidthOptions::default(), (80, 24))
    }

    #[test]
    fn the_configuration_reaches_the_app_and_color_never_turns_colour_off() {
        let settings = Config {
            max_width: 50,
            vertical: true,
            hanging_punctuation: true,
            ..Config::default()
        };
        let widths = WidthOptions::default();
        let mut a = app();
        let kept = apply(
            &mut a,
            Options {
                settings: &settings,
                widths,
                no_color: true,
            },
        );
        assert_eq!(a.max_width, 50);
        assert!(a.hanging);
        assert_eq!(a.layout_opts().width, 50);
        assert!(!kept.theme.color);
        let mut b = app();
        let kept = apply(
            &mut b,
            Options {
                settings: &Config::default(),
                widths,
                no_color: false,
            },
        );
        assert_eq!(
            kept.theme.color,
            Theme::from_config(Config::default().theme).color
        );
        assert_eq!(b.max_width, crate::config::DEFAULT_MAX_WIDTH);
    }
}
