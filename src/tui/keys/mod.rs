//! The key table: one list that maps keys to actions and generates the
//! help screen, so what `?` shows is always what the keys do.
//!
//! [`BINDINGS`] is the built-in table; at run time it becomes a [`Keymap`]
//! (data), with the `[keys]` of the configuration applied, and the reader
//! and its help screen both use that keymap.

mod table;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::config::{KeyChord, NamedKey};
use crate::i18n::{Msg, t};
use strum::IntoEnumIterator;
pub use table::{BINDINGS, Binding};

/// Where a key applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Library,
    Reader,
    /// A list overlay (table of contents, links).
    List,
    /// Typing into the search prompt (`/`): keys are text.
    Prompt,
}

pub use crate::names::Action;

/// A key, as written in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
    Digits,
    /// Any printable character (the prompt).
    Text,
}

impl From<KeyChord> for Key {
    fn from(k: KeyChord) -> Key {
        match k {
            KeyChord::Char(c) => Key::Char(c),
            KeyChord::Ctrl(c) => Key::Ctrl(c),
            KeyChord::Named(n) => Key::Code(code(n)),
        }
    }
}

/// The terminal's key code of a named key.
fn code(k: NamedKey) -> KeyCode {
    match k {
        NamedKey::Down => KeyCode::Down,
        NamedKey::Up => KeyCode::Up,
        NamedKey::Left => KeyCode::Left,
        NamedKey::Right => KeyCode::Right,
        NamedKey::PageDown => KeyCode::PageDown,
        NamedKey::PageUp => KeyCode::PageUp,
        NamedKey::Home => KeyCode::Home,
        NamedKey::End => KeyCode::End,
        NamedKey::Tab => KeyCode::Tab,
        NamedKey::BackTab => KeyCode::BackTab,
        NamedKey::Enter => KeyCode::Enter,
        NamedKey::Esc => KeyCode::Esc,
    }
}

impl Key {
    fn matches(&self, ev: &KeyEvent) -> Option<Action> {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match (*self, ev.code) {
            (Key::Char(c), KeyCode::Char(k)) if !ctrl && c == k => Some(Action::Back),
            (Key::Ctrl(c), KeyCode::Char(k)) if ctrl && c == k.to_ascii_lowercase() => {
                Some(Action::Back)
            }
            (Key::Code(c), k) if c == k && !ctrl => Some(Action::Back),
            (Key::Code(KeyCode::BackTab), KeyCode::Tab)
                if ev.modifiers.contains(KeyModifiers::SHIFT) =>
            {
                Some(Action::Back)
            }
            (Key::Digits, KeyCode::Char(d @ '0'..='9')) if !ctrl => {
                Some(Action::Digit(d as u8 - b'0'))
            }
            (Key::Text, KeyCode::Char(c)) if !ctrl && !c.is_control() => Some(Action::Insert(c)),
            _ => None,
        }
    }

    /// How the help screen writes the key.
    pub fn label(&self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{c}"),
            Key::Digits => "1-9".into(),
            Key::Text => crate::i18n::t(crate::i18n::Msg::KeyText).into(),
            Key::Code(KeyCode::Backspace) => "Backspace".into(),
            Key::Code(c) => match NamedKey::iter().find(|&k| code(k) == *c) {
                Some(k) => k.label().into(),
                None => format!("{c:?}"),
            },
        }
    }
}

/// One row of a [`Keymap`]: a [`Binding`] whose keys can change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRow {
    pub keys: Vec<Key>,
    pub action: Action,
    pub contexts: &'static [Context],
    pub help: Msg,
}

/// The key table as data: [`BINDINGS`] with the configuration's remapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    rows: Vec<KeyRow>,
    /// What the remapping could not do, for [`Keymap::warnings`].
    notes: Vec<String>,
}

/// Ctrl-c: always quits, whatever the configuration says.
const CTRL_C: Key = Key::Ctrl('c');

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            rows: BINDINGS
                .iter()
                .map(|b| KeyRow {
                    keys: b.keys.to_vec(),
                    action: b.action,
                    contexts: b.contexts,
                    help: b.help,
                })
                .collect(),
            notes: Vec::new(),
        }
    }
}

impl Keymap {
    /// The built-in table with `overrides` applied: each remapped action gets
    /// exactly the keys given, and those keys are taken away from the other
    /// actions of the same contexts, so a remapped key always does what the
    /// configuration says. Unknown action names are ignored (the
    /// configuration has already reported them).
    pub fn new(overrides: &[(String, Vec<KeyChord>)]) -> Keymap {
        let mut map = Keymap::default();
        let mut remapped = Vec::new();
        for (name, chords) in overrides {
            let Some(action) = Action::from_name(name) else {
                continue;
            };
            if let Some(i) = map.rows.iter().position(|r| r.action == action) {
                map.rows[i].keys = chords.iter().map(|&c| Key::from(c)).collect();
                remapped.push(i);
            }
        }
        for &i in &remapped {
            let (keys, contexts) = (map.rows[i].keys.clone(), map.rows[i].contexts);
            for (j, row) in map.rows.iter_mut().enumerate() {
                if j != i
                    && !remapped.contains(&j)
                    && row.contexts.iter().any(|c| contexts.contains(c))
                {
                    row.keys.retain(|k| !keys.contains(k));
                }
            }
        }
        // Ctrl-c always quits, so a configuration can never lock the reader.
        for row in map.rows.iter_mut().filter(|r| r.action != Action::Quit) {
            if row.keys.contains(&CTRL_C) {
                row.keys.retain(|k| *k != CTRL_C);
                map.notes
                    .push(crate::i18n::tf(Msg::CtrlCQuits, &[&row.action.name()]));
            }
        }
        if let Some(q) = map.rows.iter_mut().find(|r| r.action == Action::Quit)
            && !q.keys.contains(&CTRL_C)
        {
            q.keys.insert(0, CTRL_C);
        }
        map
    }

    /// Everything about the remapping a person should hear at launch: keys
    /// bound twice ([`Keymap::conflicts`]), Ctrl-c kept for quitting, and
    /// actions the remapping left without a key (e.g. `back`, when `q` and
    /// `Esc` went to other actions).
    pub fn warnings(&self) -> Vec<String> {
        let mut out = self.conflicts();
        out.extend(self.notes.iter().cloned());
        for row in self.rows.iter().filter(|r| r.keys.is_empty()) {
            out.push(crate::i18n::tf(Msg::NoKeyLeft, &[&row.action.name()]));
        }
        out
    }

    /// The action for a key press in a context.
    /// [`Keymap::action_for`] on a page in vertical writing, where the text
    /// moves right to left: the arrow keys are mirrored, so `←` goes on to
    /// the next page and `→` back (whatever actions they are bound to).
    pub fn action_for_vertical(&self, ctx: Context, ev: &KeyEvent) -> Option<Action> {
        let action = self.action_for(ctx, ev)?;
        if ctx != Context::Reader {
            return Some(action);
        }
        let swap = |a: Action| match a {
            Action::NextPage => Action::PrevPage,
            Action::PrevPage => Action::NextPage,
            a => a,
        };
        Some(match ev.code {
            KeyCode::Left | KeyCode::Right => swap(action),
            _ => action,
        })
    }

    pub fn action_for(&self, ctx: Context, ev: &KeyEvent) -> Option<Action> {
        self.rows
            .iter()
            .filter(|b| b.contexts.contains(&ctx))
            .find_map(|b| {
                b.keys.iter().find_map(|k| k.matches(ev)).map(|a| match a {
                    Action::Digit(d) => Action::Digit(d),
                    Action::Insert(c) => Action::Insert(c),
                    _ => b.action,
                })
            })
    }

    /// Help rows: (keys, what they do); actions left without keys are listed as unbound.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        self.rows
            .iter()
            .map(|b| {
                let keys = if b.keys.is_empty() {
                    t(Msg::Unbound0).to_string()
                } else {
                    b.keys.iter().map(Key::label).collect::<Vec<_>>().join(" ")
                };
                (keys, t(b.help))
            })
            .collect()
    }

    /// Keys bound to two actions where both apply (only remapping can do
    /// that: the first action in the table wins), described for the
    /// status bar, e.g. "key n does next_page, not next_match".
    pub fn conflicts(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, a) in self.rows.iter().enumerate() {
            for b in &self.rows[i + 1..] {
                if !a.contexts.iter().any(|c| b.contexts.contains(c)) {
                    continue;
                }
                for k in a.keys.iter().filter(|k| b.keys.contains(k)) {
                    out.push(crate::i18n::tf(
                        Msg::KeyConflict,
                        &[&k.label(), &a.action.name(), &b.action.name()],
                    ));
                }
            }
        }
        out
    }

    /// How the first key of `action` in context `ctx` is written; `None`
    /// when nothing is bound to it there.
    pub fn label_in(&self, ctx: Context, action: Action) -> Option<String> {
        self.rows
            .iter()
            .filter(|r| r.action == action && r.contexts.contains(&ctx))
            .find_map(|r| r.keys.first())
            .map(Key::label)
    }

    /// A one-line hint of keys for the status bar: each item is actions
    /// (their keys joined by `/`) and what they do, written with the keys
    /// they are bound to now; an item with an unbound action is left out.
    pub fn hint(&self, ctx: Context, items: &[(&[Action], Msg)]) -> String {
        items
            .iter()
            .filter_map(|&(actions, what)| {
                let keys: Option<Vec<String>> =
                    actions.iter().map(|&a| self.label_in(ctx, a)).collect();
                keys.map(|k| format!("{} {}", k.join("/"), t(what)))
            })
            .collect::<Vec<_>>()
            .join("  ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action_for(ctx: Context, ev: &KeyEvent) -> Option<Action> {
        Keymap::default().action_for(ctx, ev)
    }

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn arrows_are_mirrored_in_vertical_writing() {
        let k = Keymap::default();
        let (ctx, left, right) = (Context::Reader, key(KeyCode::Left), key(KeyCode::Right));
        assert_eq!(k.action_for(ctx, &left), Some(Action::PrevPage));
        assert_eq!(k.action_for_vertical(ctx, &left), Some(Action::NextPage));
        assert_eq!(k.action_for_vertical(ctx, &right), Some(Action::PrevPage));
        // h and l are letters, not directions: they keep their meaning.
        let l = key(KeyCode::Char('l'));
        assert_eq!(k.action_for_vertical(ctx, &l), Some(Action::NextPage));
        // Lists are not mirrored.
        assert_eq!(
            k.action_for_vertical(Context::List, &left),
            k.action_for(Context::List, &left)
        );
    }

    #[test]
    fn vim_and_arrow_keys_agree() {
        let ctx = Context::Reader;
        assert_eq!(
            action_for(ctx, &key(KeyCode::Char('j'))),
            Some(Action::Down)
        );
        assert_eq!(action_for(ctx, &key(KeyCode::Down)), Some(Action::Down));
        assert_eq!(
            action_for(ctx, &key(KeyCode::Char('l'))),
            Some(Action::NextPage)
        );
        assert_eq!(
            action_for(ctx, &key(KeyCode::Right)),
            Some(Action::NextPage)
        );
        assert_eq!(
            action_for(ctx, &key(KeyCode::BackTab)),
            Some(Action::PrevPage)
        );
        assert_eq!(
            action_for(
                ctx,
                &KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(
                ctx,
                &KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL)
            ),
            Some(Action::ScreenDown)
        );
        assert_eq!(
            action_for(ctx, &key(KeyCode::Char('G'))),
            Some(Action::Bottom)
        );
    }

    #[test]
    fn contexts_matter() {
        assert_eq!(action_for(Context::Library, &key(KeyCode::Char('l'))), None);
        assert_eq!(
            action_for(Context::List, &key(KeyCode::Char('3'))),
            Some(Action::Digit(3))
        );
        assert_eq!(action_for(Context::Reader, &key(KeyCode::Char('3'))), None);
    }

    #[test]
    fn every_configurable_action_is_in_the_table() {
        for name in Action::names() {
            let action = Action::from_name(name).expect("a name");
            assert!(BINDINGS.iter().any(|b| b.action == action), "{name}");
        }
    }

    #[test]
    fn remapped_keys_work_and_show_in_help() {
        let cfg = crate::config::parse_str(
            "c",
            "[keys]\nnext_page = [\"n\", \"Right\"]\ndown = [\"C-n\", \"l\"]\n",
        )
        .unwrap();
        let map = Keymap::new(&cfg.keys);
        let ctx = Context::Reader;
        assert_eq!(
            map.action_for(ctx, &key(KeyCode::Char('n'))),
            Some(Action::NextPage)
        );
        // `l` was next_page's; now it scrolls, and Tab no longer turns pages.
        assert_eq!(
            map.action_for(ctx, &key(KeyCode::Char('l'))),
            Some(Action::Down)
        );
        assert_eq!(map.action_for(ctx, &key(KeyCode::Tab)), None);
        assert_eq!(
            map.action_for(
                ctx,
                &KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL)
            ),
            Some(Action::Down)
        );
        assert_eq!(map.action_for(ctx, &key(KeyCode::Char('j'))), None);
        // Untouched actions keep their keys.
        assert_eq!(
            map.action_for(ctx, &key(KeyCode::Char('t'))),
            Some(Action::Toc)
        );
        let rows = map.help_rows();
        assert!(
            rows.contains(&("n →".to_string(), "next page (section)")),
            "{rows:?}"
        );
        assert!(
            rows.iter()
                .any(|(k, h)| k == "Ctrl-n l" && h.starts_with("scroll down a line")),
            "{rows:?}"
        );
        assert_eq!(
            map.label_in(Context::Reader, Action::NextPage).as_deref(),
            Some("n")
        );
        // The default keymap is the built-in table.
    }

    #[test]
    fn the_prompt_takes_text() {
        let p = Context::Prompt;
        assert_eq!(
            action_for(p, &key(KeyCode::Char('q'))),
            Some(Action::Insert('q'))
        );
        assert_eq!(
            action_for(p, &key(KeyCode::Char('和'))),
            Some(Action::Insert('和'))
        );
        assert_eq!(action_for(p, &key(KeyCode::Esc)), Some(Action::Back));
        assert_eq!(action_for(p, &key(KeyCode::Enter)), Some(Action::Enter));
        assert_eq!(
            action_for(p, &key(KeyCode::Backspace)),
            Some(Action::DeleteBack)
        );
        let ctrl_k = KeyEvent::new(KeyCode::Char('k'), KeyModifiers::CONTROL);
        assert!(Keymap::default().conflicts().is_empty());
        assert_eq!(action_for(p, &ctrl_k), Some(Action::ToggleKana));
        assert_eq!(
            action_for(p, &KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(Context::Reader, &key(KeyCode::Char('/'))),
            Some(Action::Search)
        );
        assert_eq!(
            action_for(Context::Reader, &key(KeyCode::Char('N'))),
            Some(Action::PrevMatch)
        );
    }

    #[test]
    fn ctrl_c_always_quits_and_a_lost_action_is_reported() {
        use crate::config::KeyChord;
        let map = Keymap::new(&[
            (
                "down".into(),
                vec![KeyChord::Ctrl('c'), KeyChord::Char('q')],
            ),
            (
                "up".into(),
                vec![KeyChord::Named(crate::config::NamedKey::Esc)],
            ),
        ]);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for ctx in [
            Context::Library,
            Context::Reader,
            Context::List,
            Context::Prompt,
        ] {
            assert_eq!(map.action_for(ctx, &ctrl_c), Some(Action::Quit), "{ctx:?}");
        }
        assert_eq!(
            map.action_for(Context::Reader, &key(KeyCode::Char('q'))),
            Some(Action::Down)
        );
        assert_eq!(
            map.warnings(),
            [
                "Ctrl-c always quits; it was not given to down",
                "back has no key left; give it one in [keys]",
            ]
        );
        // Quit given other keys keeps Ctrl-c too.
        let map = Keymap::new(&[("quit".into(), vec![KeyChord::Char('Q')])]);
        assert_eq!(map.action_for(Context::Reader, &ctrl_c), Some(Action::Quit));
        assert!(map.warnings().is_empty(), "{:?}", map.warnings());
        assert!(Keymap::default().warnings().is_empty());
    }

    #[test]
    fn the_guides_configuration_example_loses_no_key() {
        let readme = include_str!("../../../docs/guide.md");
        let example = readme
            .split("## Configuration")
            .nth(1)
            .and_then(|s| s.split("```toml\n").nth(1))
            .and_then(|s| s.split("```").next())
            .expect("an example");
        let config = crate::config::parse_str("docs/guide.md", example).expect("valid");
        assert!(!config.keys.is_empty());
        let map = Keymap::new(&config.keys);
        assert!(map.warnings().is_empty(), "{:?}", map.warnings());
    }

    #[test]
    fn help_lists_every_binding() {
        let rows = Keymap::default().help_rows();
        assert_eq!(rows.len(), BINDINGS.len());
        assert!(rows.iter().any(|(k, _)| k == "l → Tab ]"));
    }
}
