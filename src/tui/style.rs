//! Colours for each role of the layout, safe on 16-colour terminals
//! (only the basic ANSI palette) and dropped entirely under `NO_COLOR`.
//! Two built-in themes: dark (for light text on a dark background, the
//! default) and light (no yellow or cyan text, which fade on white).

use ratatui::style::{Color, Modifier, Style};

use crate::layout::Role;

/// The palette in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    /// The light theme (`theme = "light"` in the configuration).
    pub light: bool,
}

impl Theme {
    /// Colours unless `NO_COLOR` is set (to anything non-empty).
    pub fn from_env() -> Self {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            light: false,
        }
    }

    /// The configured theme, colours unless `NO_COLOR` is set.
    pub fn from_config(name: crate::config::ThemeName) -> Self {
        Theme {
            light: name == crate::config::ThemeName::Light,
            ..Theme::from_env()
        }
    }

    /// `dark` on a dark background, `light` on a light one.
    fn pick(&self, dark: Color, light: Color) -> Color {
        if self.light { light } else { dark }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// Style of a span with `role`.
    pub fn role(&self, role: Role) -> Style {
        let bold = Modifier::BOLD;
        match role {
            Role::Title | Role::Heading => self
                .fg(self.pick(Color::Yellow, Color::Blue))
                .add_modifier(bold),
            Role::Subtitle => self.fg(self.pick(Color::Cyan, Color::Magenta)),
            Role::Meta | Role::Tag => self.fg(Color::DarkGray),
            Role::Label => self.fg(Color::Magenta).add_modifier(bold),
            Role::Question => self
                .fg(self.pick(Color::Cyan, Color::Magenta))
                .add_modifier(bold),
            Role::Answer => self.fg(Color::Green).add_modifier(bold),
            Role::Lead | Role::Summary => Style::new().add_modifier(Modifier::ITALIC),
            Role::KeyPoint | Role::Takeaway | Role::Body | Role::Toc => Style::new(),
            Role::SourceName => self.fg(Color::Blue).add_modifier(bold),
            Role::Url => self.fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            Role::Commentary => self.fg(Color::Magenta),
            Role::Marker => self.fg(Color::Green),
            Role::Ruby => Style::new().add_modifier(Modifier::DIM),
        }
    }

    pub fn bar(&self) -> Style {
        if self.color {
            Style::new()
                .fg(self.pick(Color::Black, Color::White))
                .bg(self.pick(Color::Cyan, Color::Blue))
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn dim(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The unread marker in the library.
    pub fn unread(&self) -> Style {
        self.fg(self.pick(Color::Cyan, Color::Blue))
            .add_modifier(Modifier::BOLD)
    }

    /// A search match.
    pub fn match_(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The current search match (`n`/`N` move it).
    pub fn current_match(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
}
